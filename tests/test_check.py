"""The sheet-health report and ``python -m utils.editors.check``: messages, cells and exit codes."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from data.make_sample import build_sample, write_xlsx
from tests.conftest import ROOT
from tests.workbooks import TODAY, broken_workbook
from utils.editors import check
from utils.i18n import LANGUAGES, messages
from utils.sheet.parse import Problem, parse_workbook
from utils.sources.gsheets import GoogleSheetSource

CODES = [
    "sheet_error",
    "not_a_number",
    "ambiguous_number",
    "not_whole",
    "out_of_range",
    "not_allowed",
    "not_a_date",
    "ambiguous_date",
    "two_digit_year",
    "not_a_period",
    "unknown_region",
    "not_boolean",
    "required_missing",
    "header_missing",
    "header_unknown",
    "header_duplicate",
    "header_blank",
    "tab_missing",
    "tab_empty",
    "tab_duplicate",
    "unknown_indicator",
    "unknown_election",
    "numerator_above_denominator",
    "percent_out_of_range",
    "value_mismatch",
    "no_value",
    "duplicate_row",
    "duplicate_key",
    "jump",
    "overdue_on_track",
    "due_before_start",
    "ambiguous_region",
    "ambiguous_choice",
]


def _codes_in_parser_sources() -> set[str]:
    """Problem codes written in the parser's sources (cells, schema checks, reports)."""
    found: set[str] = set()
    for name in ("cells.py", "parse.py", "schemas.py"):
        text = (ROOT / "utils" / "sheet" / name).read_text(encoding="utf-8")
        found |= set(re.findall(r'problem="([a-z_]+)"', text))
        found |= set(re.findall(r'name="([a-z_]+)"', text))
        found |= set(re.findall(r'^\s+"([a-z]+_[a-z_]+)",\n\s+f?"', text, flags=re.MULTILINE))
    return found - {"multiple_fields_uniqueness"}


def test_every_problem_code_is_translated() -> None:
    codes = set(CODES) | _codes_in_parser_sources()
    missing = sorted(code for code in codes if f"problem.{code}" not in messages())
    assert not missing


@pytest.fixture(scope="module")
def broken() -> tuple:
    grids, expected = broken_workbook()
    return parse_workbook(grids, today=TODAY), expected


def test_the_twenty_mistakes_are_found_at_their_cells(broken: tuple) -> None:
    workbook, expected = broken
    assert len(expected) == 21  # twenty mistakes; the conflicting key flags both its rows
    assert len({code for _, _, code in expected}) == 20
    assert {(p.tab, p.cell, p.code) for p in workbook.problems} == set(expected)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_problem_is_said_in_the_readers_language(broken: tuple, lang: str) -> None:
    workbook, _ = broken
    for problem in workbook.problems:
        text = check.expected_text(problem, lang)
        assert text == check.expected_text(problem, lang).strip()
        assert "{" not in text, text
        if lang != "en":
            assert text != problem.expected, f"{problem.code} fell back to English"


@pytest.mark.parametrize(
    ("problem", "lang", "needle"),
    [
        (Problem("indicators", 5, "numerator", "E5", "9", "numerator_above_denominator",
                 "a numerator no larger than the denominator 2300 (this row is not used)"),
         "ru", "2\u00a0300"),
        (Problem("indicators", 5, "value", "G5", "30", "value_mismatch",
                 "12.5, as computed from the numerator and denominator (that one is used)",
                 "warning"), "ru", "12,5"),
        (Problem("indicators", 5, "value", "G5", "90", "jump",
                 "a value near the previous period's 30: check for a typo", "warning"),
         "en", "30"),
        (Problem("indicators", 9, "indicator", "A9", "x", "duplicate_key",
                 "one row per indicator, period, region, community: rows 4, 9 have the same "
                 "key and differ; which is right? (neither is used)"),
         "ky", "4 жана 9 саптарында"),
        (Problem("milestones", 3, "progress", "J3", "150", "out_of_range", "a value"),
         "ru", "от 0 до 100"),
        (Problem("indicators", 3, "community", "D3", "x", "not_allowed", "one of"),
         "ru", "Секс-работники"),
        (Problem("votes", None, None, "", "", "tab_missing", "a tab"), "en", "“votes”"),
        (Problem("catalog", 1, "unit", "1:1", "", "header_missing", "a column"),
         "ru", "процент, число"),
    ],
)  # fmt: skip
def test_expected_text_carries_the_details(problem: Problem, lang: str, needle: str) -> None:
    assert needle in check.expected_text(problem, lang)


def test_an_unknown_code_falls_back_to_the_parsers_words() -> None:
    problem = Problem("votes", 2, "votes", "F2", "x", "brand_new_code", "something plain")
    assert check.expected_text(problem, "ru") == "something plain"


def test_tab_summaries_count_rows_and_problems(broken: tuple) -> None:
    workbook, _ = broken
    summaries = {s.tab: s for s in check.tab_summaries(workbook)}
    assert summaries["milestones"].errors == 3
    assert summaries["milestones"].warnings == 2
    assert summaries["milestones"].rows_read == 32
    assert summaries["milestones"].rows_used == 30  # progress 145 is blanked, its milestone kept
    assert summaries["catalog"].errors == 1


def test_report_rows_are_grouped_by_tab_then_severity(broken: tuple) -> None:
    workbook, _ = broken
    rows = check.report_rows(workbook, "en")
    order = [(r.tab, r.severity) for r in rows]
    keys = [(["indicators", "catalog", "elections", "votes", "milestones", "members"].index(t),
             ["error", "warning"].index(s)) for t, s in order]  # fmt: skip
    assert keys == sorted(keys)
    assert all(r.link is None for r in rows)  # not a Google Sheet: no links
    empty = next(r for r in rows if r.cell == "C6")
    assert empty.value == "(empty)"


def test_links_only_for_a_google_sheet_that_can_make_them(monkeypatch: pytest.MonkeyPatch) -> None:
    source = object.__new__(GoogleSheetSource)  # no credentials needed to ask for a link
    assert check.cell_link(source, "indicators", "C3") is None  # the source offers no links
    monkeypatch.setattr(
        GoogleSheetSource,
        "cell_url",
        lambda self, title, cell: (
            f"https://docs.google.com/spreadsheets/d/k/edit#gid=7&range={cell}"
        ),
        raising=False,
    )
    assert check.cell_link(source, "indicators", "C3").endswith("range=C3")
    assert check.cell_link(source, "indicators", "") is None  # a whole-tab problem
    assert check.cell_link(object(), "indicators", "C3") is None  # an .xlsx or CSV source
    monkeypatch.setattr(GoogleSheetSource, "cell_url", lambda *a: "javascript:alert(1)")
    assert check.cell_link(source, "indicators", "C3") is None


# --- The command line ---------------------------------------------------------------------------


def _sections(report: str) -> dict[str, str]:
    """Report text per tab (sections are separated by blank lines and start with the tab)."""
    out = {}
    for block in report.split("\n\n")[1:]:
        out[block.split(":")[0].split(" ")[0]] = block
    return out


def _write_csv_folder(grids: dict, folder: Path) -> Path:
    folder.mkdir()
    for tab, rows in grids.items():
        with (folder / f"{tab}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([["" if c is None else c for c in row] for row in rows])
    return folder


def test_sample_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main([str(ROOT / "data" / "sample.xlsx")]) == 0
    assert "No problems found" in capsys.readouterr().out


def test_broken_workbook_fails_and_names_every_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grids, expected = broken_workbook()
    write_xlsx(grids, tmp_path / "broken.xlsx")
    assert check.main([str(tmp_path / "broken.xlsx")]) == 1
    sections = _sections(capsys.readouterr().out)
    for tab, cell, _code in expected:
        assert re.search(rf"^    {cell}[ :]", sections[tab], flags=re.MULTILINE), (tab, cell)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_language(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    grids, _ = broken_workbook()
    write_xlsx(grids, tmp_path / "broken.xlsx")
    check.main([str(tmp_path / "broken.xlsx"), "--lang", lang])
    out = capsys.readouterr().out
    words = {"en": "Errors: these values", "ru": "Ошибки: эти значения", "ky": "Каталар:"}
    assert words[lang] in out


def _warnings_only() -> dict:
    grids = build_sample()
    status = grids["milestones"][0].index("status")
    grids["milestones"][7][status] = "по плану"  # M-07, due 2025: overdue but "on track"
    return grids


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_xlsx(_warnings_only(), tmp_path / "warn.xlsx")
    assert check.main([str(tmp_path / "warn.xlsx")]) == 0
    assert check.main([str(tmp_path / "warn.xlsx"), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().out


def test_csv_folder(tmp_path: Path) -> None:
    assert check.main([str(_write_csv_folder(build_sample(), tmp_path / "clean"))]) == 0
    grids, _ = broken_workbook()
    assert check.main([str(_write_csv_folder(grids, tmp_path / "broken"))]) == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "missing.xlsx",  # no such file
        lambda tmp: (tmp / "notzip.xlsx").write_bytes(b"not a workbook") and tmp / "notzip.xlsx",
        lambda tmp: (tmp / "data.txt").write_text("x") and tmp / "data.txt",  # neither kind
        lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",  # a folder without CSV files
    ],
    ids=["missing", "not-a-zip", "wrong-kind", "empty-folder"],
)
def test_unreadable_sources_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    assert check.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "could not be read" in err
    assert "Traceback" not in err


def test_sheet_without_configuration_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    assert check.main(["sheet"]) == 2
    assert "No Google Sheet is configured" in capsys.readouterr().err


def test_sheet_reads_the_configured_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "sheet" means whatever the dashboard is configured to read; an .xlsx keeps this offline
    grids, _ = broken_workbook()
    write_xlsx(grids, tmp_path / "configured.xlsx")
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        f'[app]\nxlsx = "{tmp_path / "configured.xlsx"}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert check.main(["sheet"]) == 1
    assert "configured.xlsx" in capsys.readouterr().out


def test_the_module_runs_from_the_command_line(tmp_path: Path) -> None:
    grids, _ = broken_workbook()
    write_xlsx(grids, tmp_path / "broken.xlsx")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "utils.editors.check",
            str(tmp_path / "broken.xlsx"),
            "--lang",
            "ru",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Ошибки" in done.stdout and "E2 (numerator)" in done.stdout
    clean = subprocess.run(
        [sys.executable, "-m", "utils.editors.check", "sample"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert clean.returncode == 0


# --- What became of each bad cell, and spellings that fit two units --------------------------


def _workbook_with(tab: str, column: str, row: int, value: object) -> dict:
    grids = build_sample()
    grids[tab][row - 1][grids[tab][0].index(column)] = value
    return grids


@pytest.mark.parametrize(
    ("tab", "column", "row", "value", "lang", "outcome"),
    [
        ("milestones", "progress", 2, 101, "en",
         "Value not used: the cell is read as empty; the rest of the row is used."),
        ("milestones", "progress", 2, "#VALUE!", "ru",
         "Значение не использовано: ячейка считается пустой, остальная строка используется."),
        ("milestones", "id", 2, "", "en", "Row not used: a row cannot do without a valid “id”."),
        ("milestones", "due", 2, "#REF!", "ky",
         "Сап колдонулган жок: «due» мамычасында туура маани болбосо, сапты эсепке алууга "
         "болбойт."),
        ("elections", "threshold", 2, 150, "en",
         "Value not used: the cell is read as empty; the rest of the row is used."),
        ("votes", "votes", 2, -1, "ru",
         "Строка не использована: без правильного значения в «votes» строку нельзя учесть."),
    ],
)  # fmt: skip
def test_the_report_says_whether_the_value_or_the_row_was_not_used(
    tab: str, column: str, row: int, value: object, lang: str, outcome: str
) -> None:
    workbook = parse_workbook(_workbook_with(tab, column, row, value), today=TODAY)
    (found,) = [
        r for r in check.report_rows(workbook, lang) if r.tab == tab and r.severity == "error"
    ]
    assert found.outcome == outcome
    assert "not used" not in found.expected and "не использ" not in found.expected


def test_a_value_only_figure_that_cannot_be_read_drops_the_row_and_says_so() -> None:
    grids = build_sample()
    header = grids["indicators"][0]
    row = next(
        i for i, r in enumerate(grids["indicators"][1:], start=2)
        if r[header.index("numerator")] is None and r[header.index("value")] is not None
    )  # fmt: skip
    grids["indicators"][row - 1][header.index("value")] = "#VALUE!"
    workbook = parse_workbook(grids, today=TODAY)
    (found,) = [r for r in check.report_rows(workbook, "en") if r.severity == "error"]
    assert found.cell == f"G{row}"
    assert found.outcome.startswith("Row not used: it has no other figure")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "A name that fits more than one unit (Osh oblast, Osh city). It is read as Osh "
               "oblast; to say which, write “Osh oblast” / “Osh city”."),
        ("ru", "Название подходит к нескольким единицам (Ошская область, г. Ош). Прочитано как "
               "Ошская область; чтобы указать точно, напишите «Ошская область» / «г. Ош»."),
        ("ky", "Бул аталыш бир нече бирдикке туура келет (Ош облусу, Ош шаары). Ош облусу "
               "катары окулду; так көрсөтүү үчүн «Ош облусу» / «Ош шаары» деп жазыңыз."),
    ],
)  # fmt: skip
def test_a_bare_osh_is_a_warning_naming_the_unit_chosen(lang: str, expected: str) -> None:
    grids = _workbook_with("members", "region", 2, "Ош")
    workbook = parse_workbook(grids, today=TODAY)
    (row,) = check.report_rows(workbook, lang)
    assert (row.tab, row.severity, row.cell, row.value, row.outcome) == (
        "members",
        "warning",
        "E2",
        "Ош",
        "",
    )
    assert row.expected == expected


def test_the_command_line_reports_a_silently_chosen_region(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grids = build_sample()
    region = grids["indicators"][0].index("region")
    row = next(i for i, r in enumerate(grids["indicators"], start=1) if r[region] == "Osh oblast")
    grids["indicators"][row - 1][region] = "Osh"  # the same unit, written the ambiguous way
    write_xlsx(grids, tmp_path / "osh.xlsx")
    assert check.main([str(tmp_path / "osh.xlsx")]) == 0  # a warning: used, please check
    out = capsys.readouterr().out
    assert f"C{row} (region): «Osh» → A name that fits more than one unit" in out
    assert check.main([str(tmp_path / "osh.xlsx"), "--strict"]) == 1


def test_the_command_line_says_what_became_of_a_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_xlsx(_workbook_with("milestones", "progress", 2, 101), tmp_path / "m.xlsx")
    assert check.main([str(tmp_path / "m.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "J2 (progress): «101» → Value not used: the cell is read as empty" in out
