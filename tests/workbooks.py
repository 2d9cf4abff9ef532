"""Bad workbooks shared by tests: the sample with editing mistakes seeded at known cells."""

from __future__ import annotations

import copy
from datetime import date

from data.make_sample import build_sample
from utils.sheet.contract import TABS_BY_NAME, a1

Grids = dict[str, list[list[object]]]
Expected = list[tuple[str, str, str]]  # (tab, A1 cell, problem code)

TODAY = date(2026, 11, 27)
"""The sample's own "today"; parse with it so date-dependent warnings do not drift."""


def _col(tab: str, column: str) -> int:
    return TABS_BY_NAME[tab].column_names.index(column)


def _first(grids: Grids, tab: str, **match: object) -> int:
    """The sheet row (1-based) of the first data row whose cells equal ``match``."""
    for index, row in enumerate(grids[tab][1:], start=2):
        if all(row[_col(tab, k)] == v for k, v in match.items()):
            return index
    raise LookupError(f"no row in {tab} with {match}")


def broken_workbook() -> tuple[Grids, Expected]:
    """The sample seeded with twenty different editing mistakes, and where each must show."""
    grids: Grids = copy.deepcopy(build_sample())
    expected: Expected = []

    def put(tab: str, row: int, column: str, value: object, code: str) -> None:
        grids[tab][row - 1][_col(tab, column)] = value
        expected.append((tab, a1(row, _col(tab, column)), code))

    ind = "indicators"
    # 1. An English thousands comma: 1,234 could be 1.234 in Russian
    put(ind, 2, "numerator", "1,234", "ambiguous_number")
    # 2. A region nobody knows
    put(ind, 10, "region", "Atlantis", "unknown_region")
    # 3. A community outside the list
    put(ind, 20, "community", "students", "not_allowed")
    # 4. A period in words
    put(ind, 30, "period", "spring 2023", "not_a_period")
    # 5. A formula that failed
    nsp = _first(grids, ind, indicator="nsp_syringes", numerator=None)
    put(ind, nsp, "value", "#N/A", "sheet_error")
    # 6. A typo in the indicator id
    put(ind, 40, "indicator", "prevention_coverag", "unknown_indicator")
    # 7. More people reached than exist
    denominator = grids[ind][49][_col(ind, "denominator")]
    put(ind, 50, "numerator", int(denominator) * 2, "numerator_above_denominator")
    # 8. The same observation typed twice with a different figure
    copy_row = list(grids[ind][59])
    copy_row[_col(ind, "numerator")] = int(copy_row[_col(ind, "numerator")]) + 7
    grids[ind].append(copy_row)
    # Both rows of the pair are flagged, each asking which is right, and neither is used.
    expected.append((ind, a1(60, _col(ind, "indicator")), "duplicate_key"))
    expected.append((ind, a1(len(grids[ind]), _col(ind, "indicator")), "duplicate_key"))
    # 9. A word where a number belongs
    stockout = _first(grids, ind, indicator="stockouts")
    put(ind, stockout, "value", "none", "not_a_number")
    # 10. Neither yes nor no
    put("catalog", 2, "public", "perhaps", "not_boolean")
    # 11. A column the contract does not know (a warning: the column is ignored)
    members = grids["members"]
    members[0].append("Website")
    for row in members[1:]:
        row.append("example.org")
    expected.append(("members", a1(1, len(members[0]) - 1), "header_unknown"))
    # 12. Half a voter
    put("elections", 2, "eligible_voters", "540,5", "not_whole")
    # 13. An election id with a letter O for a zero
    put("votes", 3, "election", "ccph-2O22", "unknown_election")
    # 14. A two-digit year in a timestamp
    batch = _first(grids, "votes", election="ccph-2025")
    put("votes", batch, "timestamp", "16.10.25 10:12", "two_digit_year")
    # 15. A slash date that could be June or July
    put("milestones", 2, "due", "06/07/2026", "ambiguous_date")
    # 16. A due date before the start (a warning)
    put("milestones", 5, "due", "01.01.2025", "due_before_start")
    # 17. Progress above 100 %
    put("milestones", 4, "progress", "145", "out_of_range")
    # 18. Past due but still "on track" (a warning)
    put("milestones", 8, "status", "по плану", "overdue_on_track")
    # 19. A milestone with no description
    put("milestones", 6, "milestone", "", "required_missing")
    # 20. A day that does not exist
    put("members", 3, "joined", "31.09.2020", "not_a_date")
    return grids, expected


def monitoring_grids() -> Grids:
    """A small monitoring sheet typed as editors type it (Russian dates), worked by hand in
    tests/test_view_monitoring.py: seven findings, their actions, one action naming a finding
    that does not exist (F-99), and one campaign whose video passes its target in three days."""
    findings = [
        ["id", "date_found", "round", "region", "community", "category", "site", "severity",
         "people_affected", "evidence", "milestone_id", "duty_bearer", "level", "date_raised",
         "response_due", "status", "date_resolved", "verified_round", "verified_held"],
        ["F-01", "02.01.2026", "2026-Q1", "Бишкек", "pwid", "stockout", "АРВ-кабинет ЦСПИД", 3,
         40, "art_coverage", "", "Минздрав", "national", "05.01.2026", "20.01.2026", "raised",
         "", "", ""],
        ["F-02", "08.01.2026", "2026-Q1", "Бишкек", "pwid", "stockout", "Аптека №3", 2,
         12, "", "", "Минздрав", "national", "10.01.2026", "01.02.2026", "raised", "", "", ""],
        ["F-03", "30.01.2026", "2026-Q1", "Нарын", "sw", "police", "Пункт обмена игл", 3,
         5, "", "", "УВД Нарына", "oblast", "01.02.2026", "10.03.2026", "raised", "", "", ""],
        ["F-04", "28.09.2025", "2025-Q4", "Нарын", "sw", "police", "Аутрич-пункт", 2,
         15, "", "", "УВД Нарына", "oblast", "01.10.2025", "15.10.2025", "raised", "", "", ""],
        ["F-05", "01.03.2026", "2026-Q1", "Ошская область", "trans", "refusal", "Поликлиника", 1,
         1, "", "", "", "site", "", "", "open", "", "", ""],
        ["F-06", "20.06.2025", "2025-Q3", "Бишкек", "pwid", "stockout", "ОЗТ-сайт", 3,
         30, "", "", "Минздрав", "national", "01.07.2025", "", "resolved", "", "2025-Q4", "нет"],
        ["F-07", "25.06.2025", "2025-Q3", "Бишкек", "pwid", "stockout", "ОЗТ-сайт 2", 2,
         20, "", "", "Минздрав", "national", "01.07.2025", "", "resolved", "01.09.2025",
         "2025-Q4", "да"],
    ]  # fmt: skip
    actions = [
        ["finding_id", "date", "action", "by", "response", "new_status"],
        ["F-01", "05.01.2026", "Письмо в Минздрав", "Коалиция", "", "raised"],
        ["F-06", "08.07.2025", "Встреча", "Коалиция", "Обещали поставку", "committed"],
        ["F-01", "15.02.2026", "Проверка на месте", "Коалиция", "", "resolved"],
        ["F-01", "26.01.2026", "Звонок", "Коалиция", "Поставка в феврале", "committed"],
        ["F-04", "01.11.2025", "Жалоба омбудсмену", "Коалиция", "", "escalated"],
        ["F-07", "15.07.2025", "Письмо", "Коалиция", "Рассматриваем", ""],
        ["F-06", "01.08.2025", "Проверка", "Коалиция", "", "resolved"],
        ["F-99", "01.01.2026", "Письмо", "Коалиция", "", "resolved"],
    ]
    campaigns = [
        ["campaign", "channel", "time", "reach", "shares", "target"],
        ["Стоп хейт", "video", "01.10.2025 10:00", 0, 0, 100000],
        ["Стоп хейт", "video", "02.10.2025 10:00", 40000, 300, ""],
        ["Стоп хейт", "social", "02.10.2025 12:00", 20000, 150, ""],
        ["Стоп хейт", "video", "04.10.2025 09:00", 130000, 900, ""],
    ]
    return {"findings": findings, "actions": actions, "campaigns": campaigns}
