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
