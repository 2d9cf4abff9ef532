"""The monitoring tabs (issue 17): findings, actions, campaigns, as editors type them.

Contract, parsing (Russian and Kyrgyz headers, Russian-locale cells), the checks across tabs
Sheet health makes with the loop's rule, the template's drop-downs and the command line.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from data.make_sample import write_xlsx
from utils.editors import check
from utils.editors.monitoring import with_loop_checks
from utils.editors.template import LISTS_TITLE, ROWS, build_template
from utils.sheet.contract import ACTIONS, CAMPAIGNS, FINDINGS, PEOPLE_COUNTS, TABS_BY_NAME
from utils.sheet.parse import Workbook as ParsedWorkbook
from utils.sheet.parse import parse_workbook

TODAY = date(2026, 11, 27)

# Findings typed by an editor in Russian: Russian headers, dd.mm.yyyy dates, Russian values.
FINDINGS_RU = [
    ["код", "дата выявления", "раунд", "регион", "сообщество", "категория", "учреждение",
     "тяжесть", "затронуто человек", "доказательство", "этап", "ответственный", "уровень",
     "дата обращения", "срок ответа", "статус", "дата решения", "проверено в раунде",
     "решение сохранилось"],
    ["F-001", "14.02.2025", "2025-Q1", "Чуйская область", "ЛУИН", "перебои", "Пункт ОЗТ, Токмок",
     "3", "1 250", "ost_coverage", "m-01", "Облздрав", "область", "20.02.2025", "20.03.2025",
     "решено", "15.04.2025", "2 кв. 2025", "нет"],
    ["F-002", "15.02.2025", "", "г. Бишкек", "", "Отказ", "", "", "", "", "", "Минздрав", "",
     "", "", "открыто", "", "", ""],
    ["F-003", "01.03.2025", "2025-Q1", "Нарын", "СР", "полиция", "", "2", "", "", "M-99", "УВД",
     "", "02.03.2025", "01.04.2025", "передано", "", "", ""],
]  # fmt: skip
# Actions with Kyrgyz headers; row 3 names F-001 in lower case, row 5 a finding nobody has.
ACTIONS_KY = [
    ["табылга", "күнү", "аракет", "уюм", "жооп", "жаңы абалы"],
    ["F-001", "20.02.2025", "Письмо в облздрав", "Коалиция", "", "передано"],
    ["f-001", "10.04.2025", "Мониторы подтвердили", "Коалиция", "", "Решено"],
    ["F-003", "05.03.2025", "Письмо в УВД", "Коалиция", "", "обязательство"],
    ["F-404", "06.03.2025", "Звонок", "Коалиция", "", ""],
]  # fmt: skip
CAMPAIGNS_RU = [
    ["кампания", "канал", "время", "просмотры", "репосты", "цель"],
    ["Нет языку вражды", "видео", "05.10.2026 12:00", "1 200", "40", "150 000"],
    ["Нет языку вражды", "Видео", "08.10.2026", "152 300", "", "150 000"],
]


@pytest.fixture(scope="module")
def typed() -> ParsedWorkbook:
    """The sample with its monitoring tabs replaced by the hand-typed ones above."""
    from data.make_sample import build_sample

    grids = build_sample()
    for name in ("findings", "actions", "campaigns"):
        del grids[name]
    grids |= {"Находки": FINDINGS_RU, "аракеттер": ACTIONS_KY, "Кампании": CAMPAIGNS_RU}
    return parse_workbook(grids, today=TODAY)


def test_the_three_tabs_are_optional_and_count_people_where_they_do() -> None:
    assert [t.required for t in (FINDINGS, ACTIONS, CAMPAIGNS)] == [False, False, False]
    assert FINDINGS.unique_key == ("id",)
    assert ("findings", "people_affected") in PEOPLE_COUNTS
    assert [c.key for c in FINDINGS.column("status").choices] == [
        "open", "raised", "committed", "resolved", "escalated", "closed"
    ]  # fmt: skip
    assert [c.key for c in FINDINGS.column("category").choices] == [
        "stockout", "service_closed", "refusal", "police", "quality", "other"
    ]  # fmt: skip
    assert ACTIONS.column("new_status").choices == FINDINGS.column("status").choices
    assert [c.key for c in CAMPAIGNS.column("channel").choices] == [
        "video", "social", "press", "event"
    ]  # fmt: skip


def test_russian_and_kyrgyz_typing_reads_as_the_contract_says(typed) -> None:
    findings = typed["findings"]
    first = findings.iloc[0]
    assert typed.stats["findings"].title == "Находки"
    assert (first["id"], first["region"], first["community"], first["category"]) == (
        "F-001", "KG-C", "pwid", "stockout"
    )  # fmt: skip
    assert first["date_found"] == pd.Timestamp(2025, 2, 14)
    assert first["response_due"] == pd.Timestamp(2025, 3, 20)
    assert (first["round"], first["period_start"]) == ("2025-Q1", pd.Timestamp(2025, 1, 1))
    assert first["verified_round"] == "2025-Q2"  # "2 кв. 2025", a later period column
    assert bool(first["verified_held"]) is False
    assert (first["people_affected"], first["severity"], first["level"]) == (1250, 3, "oblast")
    assert first["milestone_id"] == "M-01"  # spelled as the milestones tab spells it
    second = findings.iloc[1]  # a finding with most cells empty is still a finding
    assert (second["round"], second["status"], second["region"]) == (None, "open", "KG-GB")
    assert pd.isna(second["period_start"]) and pd.isna(second["verified_held"])
    assert str(findings["date_found"].dtype) == "datetime64[ns]"
    assert str(findings["people_affected"].dtype) == "Int64"


def test_actions_link_to_their_finding_whatever_the_case(typed) -> None:
    actions = typed["actions"]
    assert actions["finding_id"].tolist() == ["F-001", "F-001", "F-003", "F-404"]
    assert actions["new_status"].tolist() == ["raised", "resolved", "committed", None]


def test_campaign_times_are_bishkek_wall_clock_and_a_date_is_midnight(typed) -> None:
    campaigns = typed["campaigns"]
    assert campaigns["time"].tolist() == [
        pd.Timestamp(2026, 10, 5, 12, 0),
        pd.Timestamp(2026, 10, 8, 0, 0),
    ]
    assert campaigns["reach"].tolist() == [1200, 152300]
    assert campaigns["channel"].tolist() == ["video", "video"]


def test_a_milestone_the_strategy_lacks_is_a_warning_and_the_link_is_ignored(typed) -> None:
    found = [p for p in typed.problems if p.tab == "findings"]
    assert [(p.cell, p.code, p.severity, p.value) for p in found] == [
        ("K4", "unknown_milestone", "warning", "M-99")
    ]
    assert typed["findings"].iloc[2]["milestone_id"] is None


def test_sheet_health_names_both_cells_when_a_status_disagrees(typed) -> None:
    report = with_loop_checks(typed)
    loop = [p for p in report.problems if p.code in ("unknown_finding", "status_disagrees")]
    # F-003's row says raised, its latest action (actions row 4, column F) says committed;
    # F-001's row and its latest action agree (resolved); F-404 is no finding.
    assert [(p.tab, p.cell, p.code, p.value) for p in loop] == [
        ("findings", "P4", "status_disagrees", "raised"),
        ("actions", "A5", "unknown_finding", "F-404"),
    ]
    rows = {r.cell: r for r in check.report_rows(report, "ru") if r.cell in ("P4", "A5")}
    assert rows["P4"].value == "Передано ответственному"
    assert "«Есть обязательство»" in rows["P4"].expected and "ячейка F4" in rows["P4"].expected
    assert rows["A5"].expected.startswith("Код находки из вкладки findings")
    english = check.format_report(report, "en", "typed")
    assert "P4 (status): «Raised with the duty bearer» → The status of this finding's latest" in (
        english
    )
    assert "Commitment made (actions tab, cell F4)" in english
    assert len(report.problems) == len(typed.problems) + 2


def test_the_sample_has_nothing_for_sheet_health_to_say_about_monitoring(sample_workbook) -> None:
    report = with_loop_checks(sample_workbook)
    assert [p for p in report.problems if p.tab in ("findings", "actions", "campaigns")] == []
    assert report is sample_workbook
    assert (len(sample_workbook["findings"]), len(sample_workbook["campaigns"])) == (60, 15)


def test_a_workbook_without_the_tabs_says_nothing_about_them(sample_workbook) -> None:
    from data.make_sample import build_sample

    grids = build_sample()
    for name in ("findings", "actions", "campaigns"):
        del grids[name]
    workbook = with_loop_checks(parse_workbook(grids, today=TODAY))
    assert [p for p in workbook.problems if p.tab in ("findings", "actions", "campaigns")] == []
    assert not workbook.has("findings") and workbook.stats["findings"].title is None
    assert list(workbook["findings"].columns[1:20]) == list(FINDINGS.column_names)
    assert {p.code for p in workbook.problems} == {p.code for p in sample_workbook.problems}


def _drop_down(book: Workbook, tab: str, column: str) -> list[str] | str:
    """The values a column's drop-down offers (read from the range it points at), or the
    range itself when it points at another tab's ids."""
    letter = get_column_letter(TABS_BY_NAME[tab].column_names.index(column) + 1)
    for validation in book[tab].data_validations.dataValidation:
        if any(r.coord.startswith(f"{letter}2:") for r in validation.sqref.ranges):
            sheet, cells = validation.formula1.split("!")
            if sheet.strip("'") != LISTS_TITLE:
                return validation.formula1
            return [row[0].value for row in book[sheet.strip("'")][cells.replace("$", "")]]
    raise AssertionError(f"{tab}.{column} has no drop-down")


def test_the_template_offers_the_monitoring_drop_downs() -> None:
    book = load_workbook(io.BytesIO(build_template("ru")))
    assert [c.value for c in book["findings"][1]] == list(FINDINGS.column_names)
    assert _drop_down(book, "findings", "status") == [
        "Открыто", "Передано ответственному", "Есть обязательство", "Решено",
        "Не решено / эскалация", "Закрыто без мер",
    ]  # fmt: skip
    assert _drop_down(book, "actions", "new_status") == _drop_down(book, "findings", "status")
    assert _drop_down(book, "findings", "level")[-1] == "СКК (страновой координационный механизм)"
    assert _drop_down(book, "campaigns", "channel") == ["Видео", "Соцсети", "Пресса", "Мероприятие"]
    assert _drop_down(book, "findings", "verified_held") == ["да", "нет"]
    assert _drop_down(book, "actions", "finding_id") == f"'findings'!$A$2:$A${ROWS + 1}"
    assert _drop_down(book, "findings", "milestone_id") == f"'milestones'!$A$2:$A${ROWS + 1}"


def test_the_command_line_reports_the_loop_warnings(tmp_path: Path, capsys) -> None:
    from data.make_sample import build_sample

    sample = build_sample()
    grids = {  # the tabs the check needs, small enough to write and read in a moment
        "indicators": sample["indicators"][:2],
        "catalog": sample["catalog"],
        "findings": [list(row) for row in sample["findings"]],
        "actions": sample["actions"],
    }
    status = grids["findings"][0].index("status")
    grids["findings"][1][status] = "open"  # F-001 is resolved by its actions
    path = write_xlsx(grids, tmp_path / "sheet.xlsx")
    check.main([str(path), "--lang", "ru"])
    out = capsys.readouterr().out
    assert "P2 (status): «Открыто» → Статус последнего действия по этой находке — «Решено»" in out
    assert "ячейка F" in out.split("P2 (status)")[1].splitlines()[0]
