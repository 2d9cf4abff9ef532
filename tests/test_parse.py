"""From raw grids to typed frames plus every problem at the right A1 cell.

Each case starts from a small valid workbook, changes one thing the way an editor would, and
states exactly which problems must appear (tab, cell, code, severity) and how many rows survive.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from utils.sheet.contract import TABS_BY_NAME
from utils.sheet.parse import parse_workbook

TODAY = date(2026, 6, 1)
Grids = dict[str, list[list[object]]]


def _header(tab: str) -> list[object]:
    return list(TABS_BY_NAME[tab].column_names)


def _row(tab: str, **cells: object) -> list[object]:
    return [cells.get(name) for name in TABS_BY_NAME[tab].column_names]


def base() -> Grids:
    """A small workbook with no problem at all."""
    return {
        "catalog": [
            _header("catalog"),
            _row("catalog", id="ost", name_en="OST coverage", name_ru="Охват ОЗТ", unit="percent"),
            _row("catalog", id="nsp", name_en="Syringes", name_ru="Шприцы", unit="rate"),
            _row("catalog", id="stockouts", name_en="Stock-outs", name_ru="Перебои", unit="count"),
        ],
        "indicators": [
            _header("indicators"),  # row 1
            _row("indicators", indicator="ost", period="2025-Q1", region="Chuy",
                 community="pwid", numerator=100, denominator=400),  # row 2
            _row("indicators", indicator="ost", period="2025-Q2", region="Chuy",
                 community="pwid", numerator=110, denominator=400),  # row 3
            _row("indicators", indicator="nsp", period="2025", region="Bishkek",
                 community="pwid", numerator=120000, denominator=600),  # row 4
            _row("indicators", indicator="stockouts", period="2025-Q1", region="Osh oblast",
                 community="all", value=2),  # row 5
        ],
        "elections": [
            _header("elections"),
            _row("elections", id="ccph", title="CCPH seat", date="14.03.2025", seats=1,
                 threshold="50%", status="certified"),
        ],
        "votes": [
            _header("votes"),
            _row("votes", election="ccph", round=1, candidate="A", votes=12),
            _row("votes", election="ccph", round=1, candidate="B", votes="7"),
        ],
        "milestones": [
            _header("milestones"),
            _row("milestones", id="M-01", objective="o", milestone="m", lead="Org",
                 start="01.03.2025", due="30.06.2025", status="done", progress="100%"),
        ],
        "members": [
            _header("members"),
            _row("members", organisation="Org", community="sw", role="member",
                 joined="12.04.2018", region="Osh city"),
        ],
    }  # fmt: skip


def _set(tab: str, row: int, column: str, value: object) -> Callable[[Grids], None]:
    """Put ``value`` at sheet row ``row`` (1-based) of ``column``."""

    def edit(grids: Grids) -> None:
        index = TABS_BY_NAME[tab].column_names.index(column)
        grids[tab][row - 1][index] = value

    return edit


def _both(*edits: Callable[[Grids], None]) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        for one in edits:
            one(grids)

    return edit


def _replace(tab: str, grid: list[list[object]] | None) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        if grid is None:
            del grids[tab]
        else:
            grids[tab] = grid

    return edit


def _append(tab: str, row: list[object]) -> Callable[[Grids], None]:
    def edit(grids: Grids) -> None:
        grids[tab].append(row)

    return edit


def _ragged(grids: Grids) -> None:
    # Google drops trailing empty cells: this row stops after the region
    grids["indicators"][2] = ["ost", "2025-Q2", "Chuy"]


def _blank_rows(grids: Grids) -> None:
    ind = grids["indicators"]
    grids["indicators"] = [ind[0], ind[1], [], [None, "", "  "], ind[2], ind[3], ind[4]]
    grids["indicators"][4][4] = "abc"  # sheet row 5 now


def _header_shuffled_russian(grids: Grids) -> None:
    ind = grids["indicators"]
    order = [3, 0, 2, 1, 5, 4, 6, 7, 8]
    names = ["СООБЩЕСТВО", " Показатель ", "регион", "Период", "знаменатель", "Числитель",
             "Значение", "источник", "примечания"]  # fmt: skip
    grids["indicators"] = [names] + [[r[i] for i in order] for r in ind[1:]]


def _duplicate_header(grids: Grids) -> None:
    for i, row in enumerate(grids["indicators"]):
        row.append("value" if i == 0 else 999)


def _blank_header(grids: Grids) -> None:
    for i, row in enumerate(grids["indicators"]):
        row.append(None if i == 0 else "stray")


def _unknown_header(grids: Grids) -> None:
    for i, row in enumerate(grids["indicators"]):
        row.append("Comments by Aida" if i == 0 else "x")


def _missing_header(grids: Grids) -> None:
    for row in grids["indicators"]:
        del row[2]  # region


def _duplicate_tab(grids: Grids) -> None:
    grids["показатели"] = copy.deepcopy(grids["indicators"])


def _russian_tab_names(grids: Grids) -> None:
    grids["показатели"] = grids.pop("indicators")
    grids["Стратегия"] = grids.pop("milestones")


# (id, edit, tab, expected {(cell, code, severity)}, rows used in that tab)
CASES = [
    ("valid", lambda g: None, "indicators", set(), 4),
    ("ragged row", _ragged, "indicators", {("D3", "required_missing", "error")}, 3),
    ("blank rows keep sheet numbering", _blank_rows, "indicators",
     {("E5", "not_a_number", "error")}, 3),
    ("header only", _replace("members", [_header("members")]), "members", set(), 0),
    ("empty tab", _replace("members", []), "members", {("", "tab_empty", "warning")}, 0),
    ("absent optional tab", _replace("members", None), "members", set(), 0),
    ("absent required tab", _replace("votes", None), "votes", {("", "tab_missing", "error")}, 0),
    ("header in Russian, other case and order", _header_shuffled_russian, "indicators", set(), 4),
    ("duplicate header", _duplicate_header, "indicators",
     {("J1", "header_duplicate", "error")}, 4),
    ("blank header over data", _blank_header, "indicators", {("J1", "header_blank", "warning")}, 4),
    ("unknown header", _unknown_header, "indicators", {("J1", "header_unknown", "warning")}, 4),
    ("missing required header", _missing_header, "indicators",
     {("1:1", "header_missing", "error")}, 0),
    ("unknown region", _set("indicators", 2, "region", "Atlantis"), "indicators",
     {("C2", "unknown_region", "error")}, 3),
    ("region spelt in Russian", _set("indicators", 2, "region", "Чуйская обл."), "indicators",
     set(), 4),
    ("community not allowed", _set("indicators", 3, "community", "aliens"), "indicators",
     {("D3", "not_allowed", "error")}, 3),
    ("community alias", _set("indicators", 3, "community", "ЛУИН"), "indicators", set(), 4),
    ("numerator above denominator", _set("indicators", 2, "numerator", 500), "indicators",
     {("E2", "numerator_above_denominator", "error")}, 3),
    ("syringes per person may exceed people", _set("indicators", 4, "numerator", 999999),
     "indicators", set(), 4),
    ("duplicate key", _append("indicators", _row("indicators", indicator="ost",
     period="2025-Q1", region="Chuy", community="pwid", numerator=1, denominator=400)),
     "indicators", {("A2", "duplicate_key", "error"), ("A6", "duplicate_key", "error")}, 3),
    ("identical duplicate row", _append("indicators", _row("indicators", indicator="ost",
     period="2025-Q1", region="Chuy", community="pwid", numerator=100, denominator=400)),
     "indicators", {("A6", "duplicate_row", "warning")}, 4),
    ("unknown indicator", _set("indicators", 5, "indicator", "stockout"), "indicators",
     {("A5", "unknown_indicator", "error")}, 3),
    ("sheet error", _set("indicators", 5, "value", "#REF!"), "indicators",
     {("G5", "sheet_error", "error")}, 3),
    ("ambiguous number", _set("indicators", 2, "denominator", "1,234"), "indicators",
     {("F2", "ambiguous_number", "error")}, 3),
    ("Russian-locale numbers", _both(_set("indicators", 2, "numerator", "308,5"),
     _set("indicators", 2, "denominator", "1\u00a0234")), "indicators", set(), 4),
    ("percent above 100", _append("indicators", _row("indicators", indicator="ost",
     period="2025-Q3", region="Naryn", community="pwid", value="120%")), "indicators",
     {("G6", "percent_out_of_range", "error")}, 4),
    ("value disagrees with counts", _set("indicators", 2, "value", "40"), "indicators",
     {("G2", "value_mismatch", "warning")}, 4),
    ("no value and no counts", _set("indicators", 5, "value", None), "indicators",
     {("G5", "no_value", "error")}, 3),
    ("bad period", _set("indicators", 5, "period", "spring 2025"), "indicators",
     {("B5", "not_a_period", "error")}, 3),
    ("jump", _set("indicators", 3, "numerator", 390), "indicators",
     {("E3", "jump", "warning")}, 4),
    ("unknown election", _set("votes", 3, "election", "ccph-2024"), "votes",
     {("A3", "unknown_election", "error")}, 1),
    ("votes not whole", _set("votes", 2, "votes", "12,5"), "votes",
     {("F2", "not_whole", "error")}, 1),
    ("ambiguous election date", _set("elections", 2, "date", "01/02/2025"), "elections",
     {("D2", "ambiguous_date", "error")}, 0),
    ("two-digit year", _set("members", 2, "joined", "12.04.18"), "members",
     {("D2", "two_digit_year", "error")}, 1),
    ("threshold above 100", _set("elections", 2, "threshold", "150"), "elections",
     {("G2", "out_of_range", "error")}, 1),
    ("status not allowed", _set("milestones", 2, "status", "finished?"), "milestones",
     {("I2", "not_allowed", "error")}, 0),
    ("status in Russian", _set("milestones", 2, "status", "Выполнено"), "milestones", set(), 1),
    ("overdue but on track", _set("milestones", 2, "status", "по плану"), "milestones",
     {("I2", "overdue_on_track", "warning")}, 1),
    ("due before start", _set("milestones", 2, "start", "01.09.2025"), "milestones",
     {("H2", "due_before_start", "warning")}, 1),
    ("progress above 100", _set("milestones", 2, "progress", "140%"), "milestones",
     {("J2", "out_of_range", "error")}, 1),
    ("linked indicator unknown", _set("milestones", 2, "indicator", "zzz"), "milestones",
     {("L2", "unknown_indicator", "warning")}, 1),
    ("not yes or no", _set("catalog", 2, "public", "perhaps"), "catalog",
     {("K2", "not_boolean", "error")}, 3),
    ("catalog unit not allowed", _set("catalog", 4, "unit", "pieces"), "catalog",
     {("E4", "not_allowed", "error")}, 2),
    ("two tabs for one", _duplicate_tab, "indicators", {("", "tab_duplicate", "error")}, 4),
    ("bare Osh fits the oblast and the city", _set("indicators", 5, "region", "Osh"),
     "indicators", {("C5", "ambiguous_region", "warning")}, 4),
    ("bare Ош too", _set("indicators", 5, "region", " ош "), "indicators",
     {("C5", "ambiguous_region", "warning")}, 4),
    ("Osh region says neither", _set("members", 2, "region", "Osh region"), "members",
     {("E2", "ambiguous_region", "warning")}, 1),
    ("Ошская is the oblast", _set("indicators", 5, "region", "Ошская"), "indicators", set(), 4),
    ("г. Ош is the city", _set("indicators", 5, "region", "г. Ош"), "indicators", set(), 4),
    ("Ош шаары is the city", _set("members", 2, "region", "Ош шаары"), "members", set(), 1),
    ("tab names in Russian", _russian_tab_names, "milestones", set(), 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "tab", "expected", "rows_used"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_problems_at_the_right_cell(
    edit: Callable[[Grids], None], tab: str, expected: set, rows_used: int
) -> None:
    grids = base()
    edit(grids)
    workbook = parse_workbook(grids, today=TODAY)
    found = {(p.cell, p.code, p.severity) for p in workbook.problems if p.tab == tab}
    assert found == expected
    assert workbook.stats[tab].rows_used == rows_used
    assert len(workbook[tab]) == rows_used


def test_the_valid_base_has_no_problem_anywhere() -> None:
    workbook = parse_workbook(base(), today=TODAY)
    assert workbook.problems == ()
    assert {name: s.rows_used for name, s in workbook.stats.items()} == {
        "indicators": 4,
        "catalog": 3,
        "elections": 1,
        "votes": 2,
        "milestones": 1,
        "members": 1,
        "findings": 0,  # optional tabs the workbook does not have: no problem about them
        "actions": 0,
        "campaigns": 0,
        "updates": 0,
    }


def test_problem_rows_and_columns_point_at_the_cell() -> None:
    grids = base()
    _set("indicators", 3, "region", "Atlantis")(grids)
    (problem,) = parse_workbook(grids, today=TODAY).problems
    assert (problem.tab, problem.row, problem.column, problem.cell) == (
        "indicators",
        3,
        "region",
        "C3",
    )
    assert problem.value == "Atlantis"
    assert problem.expected  # a description for logs and the command line


def test_values_are_typed_and_never_misread() -> None:
    grids = base()
    _set("indicators", 2, "numerator", "12,5")(grids)
    _set("indicators", 2, "denominator", "1\u00a0234")(grids)
    ind = parse_workbook(grids, today=TODAY)["indicators"].set_index("_row")
    assert ind.loc[2, "numerator"] == 12.5
    assert ind.loc[2, "denominator"] == 1234
    assert ind.loc[2, "rate"] == pytest.approx(100 * 12.5 / 1234)
    assert ind.loc[2, "region"] == "KG-C"
    assert ind.loc[2, "period"] == "2025-Q1"
    assert ind.loc[5, "rate"] == 2  # a count without a denominator
    assert ind.loc[4, "rate"] == 200  # syringes per person per year


def test_header_only_and_empty_tabs_give_frames_with_every_column() -> None:
    grids = base()
    grids["members"] = [_header("members")]
    grids["milestones"] = []
    workbook = parse_workbook(grids, today=TODAY)
    for tab in ("members", "milestones"):
        assert workbook[tab].empty
        assert set(TABS_BY_NAME[tab].column_names) <= set(workbook[tab].columns)
        assert not workbook.has(tab)


def test_a_missing_core_tab_is_named() -> None:
    grids = base()
    del grids["catalog"]
    assert parse_workbook(grids, today=TODAY).missing_core_tabs == ["catalog"]


@pytest.mark.parametrize(
    ("tab", "row", "column", "written"),
    [
        ("indicators", 2, "numerator", "500"),
        ("milestones", 2, "status", "по плану"),
        ("elections", 2, "threshold", "150"),
    ],
)
def test_value_found_is_what_the_editor_wrote(
    tab: str, row: int, column: str, written: str
) -> None:
    grids = base()
    _set(tab, row, column, written)(grids)
    problems = [p for p in parse_workbook(grids, today=TODAY).problems if p.column == column]
    assert [p.value for p in problems] == [written]


# --- One rule for a bad cell ----------------------------------------------------------------
# A cell that cannot be used is blanked and reported; its row is left out only when the row
# cannot do without it (a key or a not-null column, or an indicator row's only figure), and the
# problem says which: outcome "value" (the rest of the row is used) or "row".
# (id, edit, tab, (cell, code, outcome), rows used, (sheet row, column) read as empty or None)
ONE_RULE = [
    ("progress 101 blanks the progress", _set("milestones", 2, "progress", 101), "milestones",
     ("J2", "out_of_range", "value"), 1, (2, "progress")),
    ("progress #VALUE! blanks the progress", _set("milestones", 2, "progress", "#VALUE!"),
     "milestones", ("J2", "sheet_error", "value"), 1, (2, "progress")),
    ("negative progress", _set("milestones", 2, "progress", "-5"), "milestones",
     ("J2", "out_of_range", "value"), 1, (2, "progress")),
    ("due #REF! drops the milestone", _set("milestones", 2, "due", "#REF!"), "milestones",
     ("H2", "sheet_error", "row"), 0, None),
    ("no milestone id drops it", _set("milestones", 2, "id", None), "milestones",
     ("A2", "required_missing", "row"), 0, None),
    ("threshold 150 blanks the threshold", _set("elections", 2, "threshold", 150), "elections",
     ("G2", "out_of_range", "value"), 1, (2, "threshold")),
    ("threshold #DIV/0! blanks the threshold", _set("elections", 2, "threshold", "#DIV/0!"),
     "elections", ("G2", "sheet_error", "value"), 1, (2, "threshold")),
    ("half a voter blanks the count", _set("elections", 2, "eligible_voters", "540,5"),
     "elections", ("F2", "not_whole", "value"), 1, (2, "eligible_voters")),
    ("negative votes drop the tally row", _set("votes", 2, "votes", -3), "votes",
     ("F2", "out_of_range", "row"), 1, None),
    ("votes #N/A drop the tally row", _set("votes", 2, "votes", "#N/A"), "votes",
     ("F2", "sheet_error", "row"), 1, None),
    ("round 0 blanks the round (read as round 1)", _set("votes", 2, "round", 0), "votes",
     ("B2", "out_of_range", "value"), 2, None),
    ("cascade step 4 blanks the step", _set("catalog", 2, "cascade_step", 4), "catalog",
     ("J2", "out_of_range", "value"), 3, (2, "cascade_step")),
    ("negative numerator with no other figure drops the row",
     _set("indicators", 2, "numerator", -5), "indicators", ("E2", "out_of_range", "row"), 3, None),
    ("negative numerator beside a value keeps the row on the value",
     _both(_set("indicators", 2, "numerator", -5), _set("indicators", 2, "value", 25)),
     "indicators", ("E2", "out_of_range", "value"), 4, (2, "numerator")),
    ("numerator above denominator beside a value keeps the row on the value",
     _both(_set("indicators", 2, "numerator", 500), _set("indicators", 2, "value", 25)),
     "indicators", ("E2", "numerator_above_denominator", "value"), 4, (2, "numerator")),
    ("value #VALUE! beside counts keeps the row on the counts",
     _set("indicators", 2, "value", "#VALUE!"), "indicators", ("G2", "sheet_error", "value"), 4,
     (2, "value")),
    ("value #VALUE! as the only figure drops the row", _set("indicators", 5, "value", "#VALUE!"),
     "indicators", ("G5", "sheet_error", "row"), 3, None),
    ("percent 120 as the only figure drops the row", _append("indicators", _row("indicators",
     indicator="ost", period="2025-Q3", region="Naryn", community="pwid", value="120%")),
     "indicators", ("G6", "percent_out_of_range", "row"), 4, None),
    ("a region nobody knows drops the row", _set("indicators", 2, "region", "Atlantis"),
     "indicators", ("C2", "unknown_region", "row"), 3, None),
    ("an unknown indicator id drops the row", _set("indicators", 5, "indicator", "stockout"),
     "indicators", ("A5", "unknown_indicator", "row"), 3, None),
    ("an unknown linked indicator is blanked", _set("milestones", 2, "indicator", "zzz"),
     "milestones", ("L2", "unknown_indicator", "value"), 1, (2, "indicator")),
    ("a community outside the list in members is blanked",
     _set("members", 2, "community", "aliens"), "members", ("B2", "not_allowed", "value"), 1,
     (2, "community")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "tab", "problem", "rows_used", "blanked"),
    [pytest.param(*case[1:], id=case[0]) for case in ONE_RULE],
)
def test_one_rule_for_a_bad_cell(
    edit: Callable[[Grids], None],
    tab: str,
    problem: tuple[str, str, str],
    rows_used: int,
    blanked: tuple[int, str] | None,
) -> None:
    grids = base()
    edit(grids)
    workbook = parse_workbook(grids, today=TODAY)
    found = [(p.cell, p.code, p.outcome) for p in workbook.problems if p.tab == tab]
    assert found == [problem], "one problem per bad cell, saying what became of it"
    assert workbook.stats[tab].rows_used == rows_used
    frame = workbook[tab].set_index("_row")
    if blanked is not None:
        row, column = blanked
        assert row in frame.index, "the row is still used"
        assert pd.isna(frame.loc[row, column]), "the bad value is blanked, never kept"


def test_a_blanked_value_leaves_the_rest_of_the_row_intact() -> None:
    grids = base()
    _set("milestones", 2, "progress", 101)(grids)
    milestone = parse_workbook(grids, today=TODAY)["milestones"].iloc[0]
    assert (milestone["id"], milestone["status"], milestone["lead"]) == ("M-01", "done", "Org")
    assert milestone["due"] == pd.Timestamp(2025, 6, 30)


def test_every_cell_error_says_whether_its_row_or_only_its_value_was_dropped() -> None:
    from tests.workbooks import TODAY as SAMPLE_TODAY
    from tests.workbooks import broken_workbook

    grids, _ = broken_workbook()
    workbook = parse_workbook(grids, today=SAMPLE_TODAY)
    for problem in workbook.errors:
        if problem.row is None or ":" in problem.cell or problem.code.startswith("header"):
            continue  # a tab or its header row: nothing to blank
        assert problem.outcome in ("value", "row"), problem
    rows_dropped = {p.row for p in workbook.problems if p.outcome == "row"}
    for tab, frame in workbook.frames.items():
        mine = {p.row for p in workbook.problems if p.tab == tab and p.outcome == "row"}
        assert not (set(frame["_row"]) & mine), f"{tab}: a row said to be dropped is used"
    assert rows_dropped


@pytest.mark.parametrize(
    ("written", "chosen", "other"),
    [("Osh", "KG-O", "Osh city"), ("Ош", "KG-O", "Osh city"), ("ОШ регион", "KG-O", "Osh city")],
)
def test_an_ambiguous_region_is_read_as_the_documented_choice_and_says_so(
    written: str, chosen: str, other: str
) -> None:
    grids = base()
    _set("indicators", 5, "region", written)(grids)
    workbook = parse_workbook(grids, today=TODAY)
    (problem,) = workbook.problems
    assert (problem.cell, problem.severity, problem.outcome) == ("C5", "warning", "")
    assert problem.value == written
    assert "read as Osh oblast" in problem.expected and other in problem.expected
    assert workbook["indicators"].set_index("_row").loc[5, "region"] == chosen


def test_a_region_code_in_a_number_formatted_cell_is_read_by_its_value() -> None:
    from utils.sources.base import Formatted

    grids = base()
    _set("members", 2, "region", Formatted(41721, "NUMBER", "41 721"))(grids)  # SOATE: Osh city
    workbook = parse_workbook(grids, today=TODAY)
    assert [p for p in workbook.problems if p.tab == "members"] == []
    assert workbook["members"]["region"].tolist() == ["KG-GO"]


def test_rows_that_share_a_key_but_differ_are_both_flagged_and_neither_is_used() -> None:
    """Row 2 says 100 of 400, row 6 says 1 of 400 for the same observation, and row 7 is an
    exact copy of row 2: the copy is a warning, rows 2 and 6 are a conflict the editor
    settles, each naming both, and the observation is read from neither."""
    from utils.editors.check import expected_text

    grids = base()
    key = {"indicator": "ost", "period": "2025-Q1", "region": "Chuy", "community": "pwid"}
    grids["indicators"].append(_row("indicators", **key, numerator=1, denominator=400))
    grids["indicators"].append(_row("indicators", **key, numerator=100, denominator=400))
    workbook = parse_workbook(grids, today=TODAY)
    found = {(p.cell, p.code, p.severity): p for p in workbook.problems if p.tab == "indicators"}
    assert set(found) == {
        ("A2", "duplicate_key", "error"),
        ("A6", "duplicate_key", "error"),
        ("A7", "duplicate_row", "warning"),
    }
    for cell in ("A2", "A6"):  # each row of the pair: not used, and asks which is right
        assert found[(cell, "duplicate_key", "error")].outcome == "row"
        assert expected_text(found[(cell, "duplicate_key", "error")], "ru") == (
            "Одна строка на indicator, period, region, community: в строках 2 и 6 один и тот "
            "же ключ, но разные значения. Какая из них верна? Исправьте или удалите другую; "
            "до тех пор не используется ни одна."
        )
    assert "row 2" in expected_text(found[("A7", "duplicate_row", "warning")], "en")
    used = workbook["indicators"]
    assert list(used["_row"]) == [3, 4, 5]  # neither 2 nor 6, nor the copy 7
