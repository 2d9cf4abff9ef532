"""Fuzzing the parser: malformed grids for every tab never make it raise, and no cell is lost quietly.

Hypothesis builds whole workbooks whose tabs are either a small slice of the sample (so the checks
across tabs run on rows that can survive) or a malformed grid: shuffled, renamed, duplicated,
blank and unknown headers; ragged, empty and padded rows; cells of every type a source can give
(str, int, float, bool, date, datetime, None) holding random unicode, spreadsheet error values,
"no data" markers, huge strings, plausible values and values of the wrong type.

The oracle, for every cell that had content:
- its row is in the parsed frame and the frame holds a value for it, or the parser reported a
  Problem at that cell's A1 reference (or it is a deliberate "no data" marker);
- a row left out of the frame has a Problem on that row;
- a cell under a header the parser ignores (unknown, blank or repeated) has a Problem at that
  header cell; a tab whose required header is missing says so once for the whole tab.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from data.make_sample import build_sample
from utils.sheet import cells
from utils.sheet.contract import (
    COMMUNITIES,
    ELECTION_STATUSES,
    MEMBER_ROLES,
    MILESTONE_STATUSES,
    NO_DATA_MARKERS,
    SHEET_ERRORS,
    TABS,
    UNITS,
    Column,
    Tab,
    a1,
    header_lookup,
    normalise_label,
)
from utils.sheet.parse import ROW, Workbook, parse_workbook

Cell = str | int | float | bool | date | datetime | None
Grid = list[list[Cell]]

TODAY = date(2026, 11, 27)
SAMPLE_ROWS = 25  # header + rows of the sample kept when a tab is not fuzzed
MAX_EXAMPLES = 60

IDS = ("a", "b", "A ", "ost_coverage", "M-01")  # few ids, so rows of different tabs link up
REGIONS = ("Chuy", "Bishkek", "Osh city", "KG-C", "National", "Чуйская область", "Ош", "Atlantis")
PERIODS = ("2025", "2025-Q3", "Q1 2024", "2024-03", "03.2024", 2025, 2025.0, "2025-Q5", "13.2024")
NUMBERS = ("12,5", "1 234", "1,234", "45%", "45 %", "−3", "1e3", "1.234.567", "1,234,5", "abc")
DATES = ("01.02.2025", "2025-02-01", "01/02/2025", "13/02/2025", "01.02.25", "31.02.2025", 45000)
BOOLS = ("yes", "нет", "ооба", "✓", "x", "maybe", 1, 0, 2)
ENUM_CHOICES = {
    "community": COMMUNITIES,
    "unit": UNITS,
    "status": MILESTONE_STATUSES + ELECTION_STATUSES,
    "role": MEMBER_ROLES,
}


def _spellings(choices: Sequence[object]) -> list[str]:
    """Every key, name and alias of a set of choices, as editors might write them."""
    found: list[str] = []
    for choice in choices:
        found += [choice.key, choice.en, choice.ru, choice.ky, *choice.aliases]  # type: ignore[attr-defined]
    return found


# --- Cells ----------------------------------------------------------------------------------

# Cells reach the extremes a source can send: any date (an editor's 31.12.9999, a serial 1),
# integers beyond int64, floats up to 1e308.
sheet_errors = st.sampled_from(sorted(SHEET_ERRORS)).flatmap(
    lambda e: st.sampled_from([e, e.upper(), f" {e} "])
)
markers = st.sampled_from(sorted(NO_DATA_MARKERS))
blank = st.sampled_from([None, "", " ", "\u00a0", "\t\n", math.nan])
huge = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["ы", "9", "<b>", "\u0000", " ", "😀"]),
    st.integers(1_000, 60_000),
)


wrong_types: st.SearchStrategy[Cell] = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e-6, 1e-6, allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


hostile: st.SearchStrategy[Cell] = st.one_of(
    blank, sheet_errors, markers, st.text(max_size=40), huge, wrong_types
)
"""Cells that should not be where they are: blanks, errors, markers, junk, wrong types."""


def plausible(column: Column) -> st.SearchStrategy[Cell]:
    """Values an editor would write in ``column`` (some right, some nearly right)."""
    if column.kind == "id":
        return st.sampled_from(IDS)
    if column.kind == "period":
        return st.sampled_from(PERIODS)
    if column.kind == "region":
        return st.sampled_from(REGIONS)
    if column.kind == "enum":
        return st.sampled_from([*_spellings(column.choices), "other", "всё"])
    if column.kind in ("number", "percent", "integer"):
        return st.one_of(
            st.integers(0, 2000),
            st.floats(0, 150, allow_nan=False),
            st.sampled_from([*NUMBERS, "1e30", 1e19, 2**63]),
        )
    if column.kind in ("date", "datetime"):
        return st.one_of(
            st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
            st.sampled_from(DATES),
            st.sampled_from(["14.03.2025 10:40", "31.12.9999", "01.01.0001", 1, 2958465]),
        )
    if column.kind == "bool":
        return st.sampled_from(BOOLS)
    return st.text(max_size=20)


def cell_for(column: Column | None) -> st.SearchStrategy[Cell]:
    """A cell under ``column`` (None: under a header the parser ignores)."""
    if column is None:
        return hostile
    return st.one_of(plausible(column), plausible(column), hostile)


# --- Grids ----------------------------------------------------------------------------------


@st.composite
def header(draw: st.DrawFn, tab: Tab) -> list[tuple[Cell, Column | None]]:
    """A header row: some contract columns (any accepted spelling), shuffled, plus strays."""
    columns: list[tuple[Cell, Column | None]] = []
    for column in tab.columns:
        if draw(st.integers(0, 9)) == 0:  # now and then a column (maybe a required one) is absent
            continue
        spelling = draw(st.sampled_from([column.name, *column.aliases]))
        spelling = draw(st.sampled_from([spelling, spelling.upper(), f"  {spelling} "]))
        columns.append((spelling, column))
    strays = draw(
        st.lists(
            st.one_of(
                st.sampled_from(["", None, "???", "Колонка 7"]),
                st.sampled_from(tab.columns).map(lambda c: c.name),  # a repeated header
                st.text(max_size=10),
            ),
            max_size=2,
        )
    )
    columns += [(s, None) for s in strays]
    return draw(st.permutations(columns))


@st.composite
def fuzzed_grid(draw: st.DrawFn, tab: Tab) -> Grid:
    """A malformed grid for ``tab``: blank rows above, a header, ragged rows, odd cells."""
    head = draw(header(tab))
    grid: Grid = [[] for _ in range(draw(st.integers(0, 2)))]  # blank rows above the header
    grid.append([name for name, _ in head])
    for _ in range(draw(st.integers(0, 8))):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            grid.append([])  # an empty row in the middle of the data
            continue
        row = [draw(cell_for(column)) for _, column in head]
        if shape == 1:  # ragged: trailing cells cut, as Google does
            row = row[: draw(st.integers(0, len(row)))]
        elif shape == 2:  # longer than the header
            row += draw(st.lists(hostile, min_size=1, max_size=3))
        grid.append(row)
    return grid


SAMPLE = build_sample()


def sample_slice(tab: str) -> Grid:
    """The first rows of the sample's tab: real rows that can survive the checks across tabs."""
    return [list(row) for row in SAMPLE[tab][:SAMPLE_ROWS]]


@st.composite
def workbooks(draw: st.DrawFn, focus: str | None = None) -> dict[str, Grid]:
    """A raw workbook; ``focus`` is always fuzzed, the other tabs only sometimes."""
    raw: dict[str, Grid] = {}
    for tab in TABS:
        mode = "fuzz" if tab.name == focus else draw(st.sampled_from(["fuzz", "sample", "absent"]))
        if mode == "absent":
            continue
        title = draw(st.sampled_from([tab.name, tab.name.upper(), *tab.aliases]))
        raw[title] = draw(fuzzed_grid(tab)) if mode == "fuzz" else sample_slice(tab.name)
    return raw


# --- The oracle -----------------------------------------------------------------------------


def _has_content(cell: Cell) -> bool:
    """A cell an editor filled in (a deliberate "no data" marker counts as empty)."""
    if cells.is_blank(cell):
        return False
    return not (isinstance(cell, str) and normalise_label(cell) in NO_DATA_MARKERS)


def _recognised(tab: Tab, head: Sequence[Cell]) -> dict[int, str]:
    """Grid column index -> canonical column, for the first header spelling of each column."""
    lookup = header_lookup(tab)
    found: dict[int, str] = {}
    for index, cell in enumerate(head):
        if cells.is_blank(cell):
            continue
        name = lookup.get(normalise_label(cell))
        if name is not None and name not in found.values():
            found[index] = name
    return found


def unreported_cells(raw: dict[str, Grid], book: Workbook) -> list[str]:
    """Every filled cell that is neither in its frame nor named by a Problem (empty: all good)."""
    lost: list[str] = []
    titles: dict[str, str] = {}
    for title in raw:
        for tab in TABS:
            names = {normalise_label(s) for s in (tab.name, *tab.aliases)}
            if normalise_label(title) in names and tab.name not in titles:
                titles[tab.name] = title
    for tab in TABS:
        title = titles.get(tab.name)
        if title is None:
            continue
        grid = raw[title]
        problems = [p for p in book.problems if p.tab == tab.name]
        if any(p.code == "header_missing" for p in problems):
            continue  # the whole tab is reported as unusable, once
        at = {p.cell for p in problems}
        rows_reported = {p.row for p in problems}
        start = next((i for i, r in enumerate(grid) if any(not cells.is_blank(c) for c in r)), None)
        if start is None:
            continue
        columns = _recognised(tab, grid[start])
        frame = book[tab.name].set_index(ROW)
        for i, row in enumerate(grid[start + 1 :], start=start + 2):
            if not any(not cells.is_blank(c) for c in row):
                continue
            if i not in frame.index:
                if i not in rows_reported:
                    lost.append(f"{tab.name}!{i}:{i} left out without a problem")
                continue
            for j, cell in enumerate(row):
                if not _has_content(cell):
                    continue
                ref = a1(i, j)
                if j not in columns:
                    if a1(start + 1, j) not in at and f"{start + 1}:{start + 1}" not in at:
                        lost.append(
                            f"{tab.name}!{ref} {cell!r} under an ignored header, unreported"
                        )
                    continue
                value = frame.at[i, columns[j]]
                if pd.isna(value) and ref not in at:
                    lost.append(f"{tab.name}!{ref} {cell!r} -> missing, unreported")
    return lost


def check(raw: dict[str, Grid]) -> None:
    """Parse ``raw``: it must not raise and must lose no cell quietly."""
    try:
        book = parse_workbook(raw, today=TODAY)
    except Exception:  # the message carries the input so a crash can be replayed
        pytest.fail(f"parse_workbook raised on {raw!r}\n{traceback.format_exc()}")
    lost = unreported_cells(raw, book)
    assert not lost, "\n".join(lost[:20])


# --- Tests ----------------------------------------------------------------------------------

FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # No shrinking: a failure already prints the cells that were lost and the parser's
    # traceback with the whole input, and shrinking these workbooks takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@FUZZ
@given(raw=workbooks())
def test_malformed_workbooks_parse_and_every_rejected_cell_is_reported(
    raw: dict[str, Grid],
) -> None:
    check(raw)


@pytest.mark.parametrize("focus", [tab.name for tab in TABS])
@settings(FUZZ, max_examples=MAX_EXAMPLES // 4)
@given(data=st.data())
def test_each_tab_fuzzed_beside_real_tabs(focus: str, data: st.DataObject) -> None:
    check(data.draw(workbooks(focus=focus)))


# The oracle itself must catch a lost cell: a parser that dropped a value silently would pass a
# test whose oracle cannot fail.
def test_oracle_flags_a_value_dropped_without_a_problem() -> None:
    raw = {tab: sample_slice(tab) for tab in ("indicators", "catalog")}
    book = parse_workbook(raw, today=TODAY)
    frame = book["indicators"].copy()
    frame.loc[0, "source"] = None
    silent = Workbook(
        frames={**book.frames, "indicators": frame}, problems=book.problems, stats=book.stats
    )
    assert unreported_cells(raw, book) == []
    assert unreported_cells(raw, silent) == [
        f"indicators!{a1(2, 7)} {raw['indicators'][1][7]!r} -> missing, unreported"
    ]


def test_oracle_flags_a_row_left_out_without_a_problem() -> None:
    raw = {tab: sample_slice(tab) for tab in ("indicators", "catalog")}
    book = parse_workbook(raw, today=TODAY)
    silent = Workbook(
        frames={**book.frames, "indicators": book["indicators"].iloc[1:]},
        problems=book.problems,
        stats=book.stats,
    )
    assert unreported_cells(raw, silent) == ["indicators!2:2 left out without a problem"]


def test_missing_required_header_is_reported_for_the_tab() -> None:
    raw: dict[str, Grid] = {"catalog": [["id"], ["x"]]}
    book = parse_workbook(raw, today=TODAY)
    assert {(p.code, p.column) for p in book.problems if p.tab == "catalog"} >= {
        ("header_missing", "name_en"),
        ("header_missing", "unit"),
    }
    assert book["catalog"].empty


# --- Cells that once crashed the parser or were lost (found by this fuzzing) ------------------
# Each is one cell in an otherwise valid slice of the sample: the parser must report the cell and
# go on. Before the fix one such cell raised, and utils/store/load.py dropped the whole refresh.
EXTREMES = {
    "votes.votes=1e19": ("votes", "votes", 1e19),  # beyond int64: the Int64 cast raised
    "votes.votes='1e30'": ("votes", "votes", "1e30"),
    "votes.votes=2**63": ("votes", "votes", 2**63),
    "catalog.cascade_step=1e300": ("catalog", "cascade_step", 1e300),
    # outside pandas' nanosecond dates (1677..2262): OutOfBoundsDatetime. Editors write
    # 31.12.9999 for "no end date".
    "milestones.due='31.12.9999'": ("milestones", "due", "31.12.9999"),
    "elections.date=date(1, 1, 1)": ("elections", "date", date(1, 1, 1)),
    "indicators.period=datetime(1500, 1, 1)": ("indicators", "period", datetime(1500, 1, 1)),
}


def one_bad_cell(tab: str, column: str, value: Cell) -> dict[str, Grid]:
    """The sample's slice with ``value`` in the first data row of ``tab``'s ``column``."""
    raw = {name: sample_slice(name) for name in SAMPLE}
    raw[tab][1][raw[tab][0].index(column)] = value
    return raw


@pytest.mark.parametrize("case", list(EXTREMES))
def test_extreme_cells_are_reported_not_raised(case: str) -> None:
    tab, column, value = EXTREMES[case]
    raw = one_bad_cell(tab, column, value)
    book = parse_workbook(raw, today=TODAY)
    ref = a1(2, raw[tab][0].index(column))
    assert any(p.tab == tab and p.cell == ref for p in book.problems)
    assert unreported_cells(raw, book) == []


def test_cells_right_of_the_header_are_reported() -> None:
    # Google cuts trailing blank cells, so a header row is often shorter than the data below it:
    # a value typed two columns right of the last header must still be reported.
    raw: dict[str, Grid] = {"members": [["organisation", "community"], ["Org", "sw", "", "typed"]]}
    book = parse_workbook(raw, today=TODAY)
    assert unreported_cells(raw, book) == []
    assert any(p.tab == "members" and p.cell.startswith("D") for p in book.problems)
