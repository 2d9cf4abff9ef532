"""From raw cell grids to typed pandas frames plus every problem found, cell by cell.

The parser never guesses and never drops silently. One rule for a bad cell: it is reported with
its A1 reference and blanked; its row is left out only when the cell is one the row cannot do
without (a key or a not-null column of the contract, or an indicator row's only figure), and the
problem says which (``Problem.outcome``: "value" or "row"). A spelling that fits two units or
two allowed values is read as the documented choice and reported as a warning. Checks that
belong to a schema (ranges, allowed values, unique keys, numerator not above denominator) are run
by pandera (``utils/sheet/schemas.py``); the checks across tabs and the editors' warnings live here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Final, Literal
from zoneinfo import ZoneInfo

import pandas as pd

from utils.sheet import cells, personal, schemas
from utils.sheet.contract import (
    CORE_TABS,
    INDICATORS,
    TABS,
    Column,
    Tab,
    a1,
    choice_candidates,
    header_lookup,
    match_tab,
    normalise_id,
    normalise_label,
)
from utils.sheet.regions import get_region, region_candidates
from utils.sources.base import Cell, Formatted, RawWorkbook

Severity = Literal["error", "warning"]
Outcome = Literal["", "value", "row"]
"""What became of the cell: "value" = it was blanked and the rest of the row used; "row" = the
row was left out because it cannot do without this cell; "" = used as read (or a tab problem)."""

JUMP_FACTOR: Final = 3.0
"""A value more than this many times (or less than 1/this of) the previous period's is flagged."""

JUMP_MIN_CHANGE: Final = 10.0
"""…and only when it also moves by at least this much in its own unit."""

BISHKEK: Final = ZoneInfo("Asia/Bishkek")
"""Editors and leaders live at UTC+6: "overdue" is judged on their calendar, not the server's."""

ROW: Final = "_row"
"""Column holding each record's row number in the sheet, so any later check can point at it."""

PERSONAL_DATA: Final = "personal_data"
"""The problem code of a free-text cell that looks like personal data: the workbook holds
``personal.HIDDEN`` instead, and the problem never quotes the cell (``utils/sheet/personal.py``)."""


@dataclass(frozen=True)
class Problem:
    """One thing an editor should fix, pointing at a cell (or a tab when ``cell`` is empty).

    ``code`` names the kind of problem (translated by the ``problem.<code>`` catalogue entries); ``expected``
    is a short English description for logs and the command line.
    """

    tab: str
    row: int | None
    column: str | None
    cell: str
    value: str
    code: str
    expected: str
    severity: Severity = "error"
    outcome: Outcome = ""


@dataclass(frozen=True)
class TabStats:
    """How much of a tab was read and used."""

    title: str | None  # the tab's title in the source, None when absent
    rows_read: int = 0
    rows_used: int = 0
    columns: tuple[tuple[str, int], ...] = ()
    """Where each canonical column stands in the source (0-based), so a later check can name
    its cells."""


_SERIALS: Final = itertools.count(1)


@dataclass(frozen=True)
class Workbook:
    """The coalition workbook: one typed frame per contract tab, and what went wrong."""

    frames: Mapping[str, pd.DataFrame]
    problems: tuple[Problem, ...]
    stats: Mapping[str, TabStats]
    serial: int = field(default_factory=lambda: next(_SERIALS), compare=False, repr=False)
    """Which read this workbook came from: a new number for every parse. The cut a role
    receives (``utils.web.auth.workbook_for``) keeps it, so a cache keys a view on the serial
    and the role together (``utils/web/cache.py``)."""

    def __getitem__(self, tab: str) -> pd.DataFrame:
        """The frame of ``tab`` (empty with the contract's columns when the tab is absent)."""
        return self.frames[tab]

    def has(self, tab: str) -> bool:
        """True when the source had ``tab`` with at least one usable row."""
        return self.stats[tab].rows_used > 0

    def cell(self, tab: str, row: int, column: str) -> str:
        """The A1 reference of ``column`` in sheet row ``row`` of ``tab``; "" when the source
        has no such column."""
        index = dict(self.stats[tab].columns).get(column) if tab in self.stats else None
        return a1(row, index) if index is not None else ""

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems whose value was not used."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def missing_core_tabs(self) -> list[str]:
        """Tabs every page needs that the source did not have."""
        return [name for name in sorted(CORE_TABS) if self.stats[name].title is None]


EXPECTED: Final[Mapping[str, str]] = {
    "number": "a number such as 12,5 or 1 234",
    "integer": "a whole number",
    "percent": "a percentage from 0 to 100, such as 45 or 45%",
    "date": "a date such as 01.02.2025 or 2025-02-01",
    "datetime": "a date and time such as 14.03.2025 10:40",
    "period": "a year (2025), quarter (2025-Q3) or month (2025-03)",
    "region": "one of the nine regions or National",
    "bool": "yes or no",
    "text": "text",
    "id": "a short id",
}

_PROBLEM_EXPECTED: Final[Mapping[str, str]] = {
    "sheet_error": "a value, not a spreadsheet error (fix the formula)",
    "ambiguous_number": "a number without a thousands comma or dot (write 1234 or 1 234, or 1,5)",
    "ambiguous_date": "a date with dots, day first (01.02.2025), or ISO (2025-02-01)",
    "two_digit_year": "a year with four digits (01.02.2025)",
    "not_whole": "a whole number",
    "date_in_number": "a number, not a date: the sheet turned this into a date",
}


def _reader(column: Column) -> Callable[[Cell], cells.Read]:
    """The cell reader for a column's kind."""
    if column.kind == "enum":

        def read_enum(cell: Cell) -> cells.Read:
            if cells.is_blank(cell):
                return cells.MISSING
            keys = choice_candidates(column, cell)
            if not keys:
                return cells.Read(problem="not_allowed")
            # A spelling two choices share is read as the first, never silently.
            return cells.Read(keys[0], warning="ambiguous_choice" if len(keys) > 1 else None)

        return read_enum
    if column.kind == "region":

        def read_region(cell: Cell) -> cells.Read:
            if cells.is_blank(cell):
                return cells.MISSING
            keys = region_candidates(_unformatted(cell))
            if not keys:
                return cells.Read(problem="unknown_region")
            # A bare "Osh" fits the oblast and the city: read as the oblast, with a warning.
            return cells.Read(keys[0], warning="ambiguous_region" if len(keys) > 1 else None)

        return read_region
    if column.kind == "text":
        return _read_free_text
    if column.kind == "id":

        def read_id(cell: Cell) -> cells.Read:
            read = cells.read_text(cell)
            return cells.Read(" ".join(str(read.value).split())) if read.value is not None else read

        return read_id
    return {
        "text": cells.read_text,
        "number": cells.read_number,
        "integer": cells.read_integer,
        "percent": cells.read_percent,
        "date": cells.read_date,
        "datetime": cells.read_datetime,
        "period": cells.read_period,
        "bool": cells.read_bool,
    }[column.kind]


def _read_free_text(cell: Cell) -> cells.Read:
    """Free text, with anything that looks like personal data replaced by the hidden marker
    (read with the warning ``personal_data``, which the loop reports without quoting it)."""
    read = cells.read_text(cell)
    if not isinstance(read.value, str):
        return read
    text = read.value.replace(personal.MARK_CHAR, "")  # so no sheet text equals the marker
    if personal.looks_personal(text):
        return cells.Read(personal.HIDDEN, warning=PERSONAL_DATA)
    return cells.Read(text) if text != read.value else read


def _unformatted(cell: Cell) -> object:
    """A cell's value without its number format (a region code typed as 41 706 is 41706)."""
    return cell.value if isinstance(cell, Formatted) else cell


def _explain(column: Column, cell: Cell, read: cells.Read) -> str:
    """The English text of a warning on a value that is used: the chosen reading and the others."""
    if read.warning == "ambiguous_region":
        names = [get_region(key).name_en for key in region_candidates(_unformatted(cell))]
        return (
            f"read as {names[0]}; it also fits {', '.join(names[1:])}: "
            f"write {' or '.join(repr(n) for n in names)} to say which"
        )
    if read.warning == "ambiguous_choice":
        names = [
            c.en for key in choice_candidates(column, cell) for c in column.choices if c.key == key
        ]
        return (
            f"read as {names[0]}; it also fits {', '.join(names[1:])}: "
            f"write {' or '.join(repr(n) for n in names)} to say which"
        )
    return cells.explain(read)


def _expected(column: Column, code: str) -> str:
    """What the editor should have written in ``column``."""
    if code == "not_allowed":
        return "one of: " + ", ".join(choice.en for choice in column.choices)
    return _PROBLEM_EXPECTED.get(code, EXPECTED.get(column.kind, column.kind))


def _shown(cell: Cell) -> str:
    """A cell value as the editor would see it, shortened for the report."""
    text = "" if cell is None else str(cell)
    return text if len(text) <= 80 else text[:77] + "…"


@dataclass
class _TabParse:
    """The working state of one tab while it is parsed."""

    tab: Tab
    title: str | None
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # canonical name -> source column index
    rows_read: int = 0
    grid: Sequence[Sequence[Cell]] = ()  # kept so a problem found later can quote the cell as typed

    def raw(self, row: int, col: str) -> Cell:
        """The cell at sheet row ``row`` and column ``col`` exactly as the source gave it."""
        index = self.columns.get(col)
        if index is None or not 0 < row <= len(self.grid):
            return None
        cells_of_row = self.grid[row - 1]
        return cells_of_row[index] if index < len(cells_of_row) else None

    def report(
        self,
        row: int | None,
        col: str | None,
        value: object,
        code: str,
        expected: str,
        severity: Severity = "error",
        *,
        outcome: Outcome = "",
        quote: bool = True,
    ) -> None:
        """Record a problem at (row, col) of this tab, quoting the cell as the editor typed it
        (never with ``quote=False``: a cell that looks like personal data).

        ``outcome`` says what became of it: "value" (blanked), "row" (row left out) or "".
        """
        ref = a1(row, self.columns[col]) if row is not None and col in self.columns else ""
        if row is not None and col in self.columns and quote:
            typed = self.raw(row, col)
            value = value if cells.is_blank(typed) else typed
        if row is not None and col is None:
            ref = f"{row}:{row}"
        self.problems.append(
            Problem(self.tab.name, row, col, ref, _shown(value), code, expected, severity, outcome)  # type: ignore[arg-type]
        )

    def drop_row(self, row: int, columns: Sequence[str], code: str, expected: str) -> None:
        """Say that ``row`` is left out for want of ``columns``: the errors already reported at
        those cells now say "row not used"; with none, a new problem at the first column does."""
        found = False
        for index, problem in enumerate(self.problems):
            if problem.row == row and problem.column in columns and problem.severity == "error":
                self.problems[index] = replace(problem, outcome="row")
                found = True
        if not found:
            self.report(row, columns[0], "", code, expected, outcome="row")


def _flag(
    state: _TabParse,
    ref: str,
    code: str,
    expected: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str = "",
    severity: Severity = "error",
) -> None:
    """Record a problem of the tab or its header row, at an explicit reference."""
    state.problems.append(
        Problem(state.tab.name, row, column, ref, value, code, expected, severity)
    )


def _empty_frame(tab: Tab) -> pd.DataFrame:
    """A frame with the tab's columns and no rows."""
    data: dict[str, pd.Series] = {ROW: pd.Series(dtype="int64")}
    data |= {col.name: pd.Series(dtype=_dtype(col)) for col in tab.columns}
    if any(col.kind == "period" for col in tab.columns):
        data |= {
            "period_start": pd.Series(dtype="datetime64[ns]"),
            "period_kind": pd.Series(dtype="object"),
        }
    return pd.DataFrame(data)


def _dtype(column: Column) -> str:
    """The pandas dtype a column is held in."""
    return {
        "number": "float64",
        "percent": "float64",
        "integer": "Int64",
        "bool": "boolean",
        "date": "datetime64[ns]",
        "datetime": "datetime64[ns]",
    }.get(column.kind, "object")


def _read_header(state: _TabParse, grid: Sequence[Sequence[Cell]]) -> int | None:
    """Map the header row to canonical columns; return its index in the grid, None if none."""
    header_index = next(
        (i for i, row in enumerate(grid) if any(not cells.is_blank(c) for c in row)), None
    )
    if header_index is None:
        return None
    lookup = header_lookup(state.tab)
    header_row = header_index + 1
    # Data typed to the right of the last header cell would otherwise vanish without a word.
    widest = max(len(row) for row in grid[header_index:])
    header = [*grid[header_index], *[None] * (widest - len(grid[header_index]))]
    for index, cell in enumerate(header):
        if cells.is_blank(cell):
            has_data = any(
                len(r) > index and not cells.is_blank(r[index]) for r in grid[header_index + 1 :]
            )
            if has_data:
                _flag(
                    state,
                    a1(header_row, index),
                    "header_blank",
                    "a column name: the values below a blank header are not used",
                    row=header_row,
                    severity="warning",
                )
            continue
        name = lookup.get(normalise_label(cell))
        if name is None:
            _flag(
                state,
                a1(header_row, index),
                "header_unknown",
                "one of: " + ", ".join(state.tab.column_names) + " (this column is ignored)",
                row=header_row,
                value=_shown(cell),
                severity="warning",
            )
        elif name in state.columns:
            _flag(
                state,
                a1(header_row, index),
                "header_duplicate",
                f"'{name}' only once: this second column is ignored",
                row=header_row,
                column=name,
                value=_shown(cell),
            )
        else:
            state.columns[name] = index
    for col in state.tab.columns:
        if col.required and col.name not in state.columns:
            _flag(
                state,
                f"{header_row}:{header_row}",
                "header_missing",
                f"a column '{col.name}' ({col.help_en})",
                row=header_row,
                column=col.name,
            )
    return header_index


def _parse_tab(
    tab: Tab, title: str | None, grid: Sequence[Sequence[Cell]] | None
) -> tuple[pd.DataFrame, _TabParse]:
    """One tab's grid -> a typed frame (rows that can be used) and its problems."""
    state = _TabParse(tab, title, grid=grid or ())
    if grid is None:
        if tab.required:
            _flag(state, "", "tab_missing", f"a tab named '{tab.name}' ({tab.help_en})")
        return _empty_frame(tab), state
    header_index = _read_header(state, grid)
    if header_index is None:
        _flag(state, "", "tab_empty", "a header row and data below it", severity="warning")
        return _empty_frame(tab), state
    if any(p.code == "header_missing" for p in state.problems):
        state.rows_read = sum(
            1 for r in grid[header_index + 1 :] if any(not cells.is_blank(c) for c in r)
        )
        return _empty_frame(tab), state

    readers = {name: _reader(tab.column(name)) for name in state.columns}
    memo: dict[str, dict[object, cells.Read]] = {name: {} for name in state.columns}
    records: list[dict[str, object]] = []
    for offset, raw in enumerate(grid[header_index + 1 :]):
        if not any(not cells.is_blank(c) for c in raw):
            continue
        row_number = header_index + 2 + offset
        state.rows_read += 1
        record: dict[str, object] = {ROW: row_number}
        usable = True
        for name, index in state.columns.items():
            cell = raw[index] if index < len(raw) else None
            try:
                key = (type(cell), cell)
                read = memo[name].get(key)
                if read is None:
                    read = readers[name](cell)
                    if len(memo[name]) < 50_000:
                        memo[name][key] = read
            except TypeError:  # an unhashable cell: read it without the memo
                read = readers[name](cell)
            column = tab.column(name)
            # A cell the row cannot do without (a key or not-null column) takes the row with it.
            essential = schemas.is_essential(tab, name)
            if read.warning == PERSONAL_DATA:
                kind = personal.kind_of(cells.read_text(cell).value) or "personal data"
                state.report(
                    row_number,
                    name,
                    "",
                    PERSONAL_DATA,
                    f"no {kind.replace('_', ' ')} in this cell: it is hidden from every page "
                    "until the personal data are removed",
                    outcome="value",
                    quote=False,
                )
            elif read.problem:
                state.report(
                    row_number,
                    name,
                    cell,
                    read.problem,
                    _expected(column, read.problem),
                    outcome="row" if essential else "value",
                )
            elif read.warning:  # used as read, but the editor should look (both readings named)
                state.report(
                    row_number, name, cell, read.warning, _explain(column, cell, read), "warning"
                )
            value = read.value
            if value is None and essential:
                if not read.problem:
                    state.report(
                        row_number,
                        name,
                        cell,
                        "required_missing",
                        f"a value: {column.help_en} (this row is not used)",
                        outcome="row",
                    )
                usable = False
            record[name] = value
        if usable:
            records.append(record)
    return _to_frame(tab, records), state


def _to_frame(tab: Tab, records: list[dict[str, object]]) -> pd.DataFrame:
    """Typed frame from parsed records, with every contract column present."""
    if not records:
        return _empty_frame(tab)
    frame = pd.DataFrame.from_records(records)
    for col in tab.columns:
        if col.name not in frame:
            frame[col.name] = None
        if col.kind == "period":
            periods = frame[col.name]
            # The tab's first period column (indicators' period, findings' round) gives every
            # row its sortable start and kind; a later one (verified_round) keeps its label.
            if col.name == _first_period(tab):
                frame["period_start"] = pd.to_datetime([_start(p) for p in periods])
                frame["period_kind"] = [p.kind if p is not None else None for p in periods]
            frame[col.name] = [p.label if p is not None else None for p in periods]
        elif col.kind in ("date", "datetime"):
            frame[col.name] = pd.to_datetime(frame[col.name])
        else:
            frame[col.name] = frame[col.name].astype(_dtype(col))
    return frame[
        [ROW, *tab.column_names, *[c for c in ("period_start", "period_kind") if c in frame]]
    ]


def _first_period(tab: Tab) -> str | None:
    """The name of the tab's first period column, or None."""
    return next((col.name for col in tab.columns if col.kind == "period"), None)


def _start(period: cells.Period | None) -> date | None:
    """A period's first day; None for a missing one."""
    return period.start if period is not None else None


def _drop(frame: pd.DataFrame, rows: set[int]) -> pd.DataFrame:
    """The frame without the records whose sheet row is in ``rows``."""
    return frame[~frame[ROW].isin(rows)].reset_index(drop=True) if rows else frame


def _link_ids(values: pd.Series, known: pd.Series) -> pd.Series:
    """Ids written in another case or spacing, mapped to their spelling in the tab that defines
    them (``OST_Coverage`` -> ``ost_coverage``); unknown ids are left as written."""
    spelling = {normalise_id(v): v for v in known.dropna()}
    return values.map(lambda v: spelling.get(normalise_id(v), v) if isinstance(v, str) else v)


def _check_indicators(ind: pd.DataFrame, catalog: pd.DataFrame, state: _TabParse) -> pd.DataFrame:
    """Cross-check indicator rows with the catalog and derive each row's rate."""
    if ind.empty:
        return ind.assign(
            unit=pd.Series(dtype="object"),
            rate=pd.Series(dtype="float64"),
            from_counts=pd.Series(dtype="boolean"),
        )
    units = dict(zip(catalog["id"], catalog["unit"], strict=False))
    ind = ind.assign(indicator=_link_ids(ind["indicator"], catalog["id"]))
    bad: set[int] = set()
    unknown = ~ind["indicator"].isin(units.keys())
    for row, value in ind.loc[unknown, [ROW, "indicator"]].itertuples(index=False):
        state.report(
            row,
            "indicator",
            value,
            "unknown_indicator",
            "an id from the catalog tab (this row is not used)",
            outcome="row",
        )
        bad.add(row)
    ind = _drop(ind.assign(unit=ind["indicator"].map(units)), bad)
    ind = schemas.validate(INDICATORS, ind, state.report)
    num, den, val = ind["numerator"], ind["denominator"], ind["value"]
    has_counts = num.notna() & den.notna() & (den > 0)
    pct = ind["unit"] == "percent"
    # A percentage typed as the value must be on the 0-100 scale: otherwise it is blanked.
    out_of_range = pct & ~has_counts & val.notna() & ((val < 0) | (val > 100))
    for row, v in ind.loc[out_of_range, [ROW, "value"]].itertuples(index=False):
        state.report(
            row,
            "value",
            v,
            "percent_out_of_range",
            "a percentage from 0 to 100 (not used)",
            outcome="value",
        )
    val = val.mask(out_of_range)
    ind = ind.assign(value=val)
    computed = pd.Series(float("nan"), index=ind.index)
    computed[has_counts & pct] = 100 * num / den
    computed[has_counts & (ind["unit"] == "rate")] = num / den
    count_unit = ind["unit"] == "count"
    computed[count_unit & num.notna()] = num
    rate = computed.where(computed.notna(), val)
    # A row needs one figure: without a usable value or counts it is left out, and the cells
    # that were not used say so ("row not used"), or a new problem does.
    for row in ind.loc[rate.isna() & ~ind[ROW].isin(bad), ROW]:
        state.drop_row(
            int(row),
            ("value", "numerator", "denominator"),
            "no_value",
            "a value, or a numerator and a denominator (this row is not used)",
        )
    bad |= set(ind.loc[rate.isna(), ROW])
    mismatch = (
        computed.notna() & val.notna() & ((computed - val).abs() > 0.5 + 0.01 * computed.abs())
    )
    for row, v, c in zip(ind.loc[mismatch, ROW], val[mismatch], computed[mismatch], strict=True):
        state.report(
            int(row),
            "value",
            v,
            "value_mismatch",
            f"{c:.1f}, as computed from the numerator and denominator (that one is used)",
            "warning",
        )
    ind = ind.assign(rate=rate, from_counts=has_counts | (count_unit & num.notna()))
    return _drop(ind, bad)


def _warn_jumps(ind: pd.DataFrame, state: _TabParse) -> None:
    """Warn where a value jumps by more than JUMP_FACTOR from the previous period of its series."""
    if ind.empty:
        return
    ordered = ind.sort_values("period_start")
    previous = ordered.groupby(["indicator", "region", "community", "period_kind"])["rate"].shift()
    ratio = ordered["rate"] / previous
    # Small numbers move by whole steps (3 stock-outs, then none): only a large change is news.
    large = (ordered["rate"] - previous).abs() >= JUMP_MIN_CHANGE
    jumps = ordered[(previous > 0) & large & ((ratio > JUMP_FACTOR) | (ratio < 1 / JUMP_FACTOR))]
    for row, value, before, counted in zip(
        jumps[ROW], jumps["rate"], previous[jumps.index], jumps["from_counts"], strict=True
    ):
        # Point at the cell the figure came from: the numerator when it was computed from counts.
        column = "numerator" if counted or "value" not in state.columns else "value"
        state.report(
            int(row),
            column,
            f"{value:g}",
            "jump",
            f"a value near the previous period's {before:g}: check for a typo",
            "warning",
        )


def _check_votes(votes: pd.DataFrame, elections: pd.DataFrame, state: _TabParse) -> pd.DataFrame:
    """Votes must name a known election; a missing round is round 1."""
    if votes.empty:
        return votes
    known = set(elections["id"])
    votes = votes.assign(election=_link_ids(votes["election"], elections["id"]))
    unknown = ~votes["election"].isin(known)
    for row, value in votes.loc[unknown, [ROW, "election"]].itertuples(index=False):
        state.report(
            row,
            "election",
            value,
            "unknown_election",
            "an id from the elections tab (this row is not used)",
            outcome="row",
        )
    votes = votes[~unknown].reset_index(drop=True)
    return votes.assign(round=votes["round"].fillna(1).astype("Int64"))


def _check_milestones(
    ms: pd.DataFrame, catalog: pd.DataFrame, state: _TabParse, today: date
) -> pd.DataFrame:
    """Milestones: linked indicators must exist; due before start and stale 'on track' are flagged."""
    if ms.empty:
        return ms
    ids = set(catalog["id"])
    ms = ms.assign(indicator=_link_ids(ms["indicator"], catalog["id"]))
    linked = ms["indicator"].notna() & ~ms["indicator"].isin(ids)
    for row, value in ms.loc[linked, [ROW, "indicator"]].itertuples(index=False):
        state.report(
            row,
            "indicator",
            value,
            "unknown_indicator",
            "an id from the catalog tab (the link is ignored)",
            "warning",
            outcome="value",
        )
    ms = ms.assign(indicator=ms["indicator"].where(~linked, None))
    backwards = ms["start"].notna() & (ms["due"] < ms["start"])
    for row, value in ms.loc[backwards, [ROW, "due"]].itertuples(index=False):
        state.report(
            row,
            "due",
            value.date(),
            "due_before_start",
            "a due date after the start date",
            "warning",
        )
    stale = (ms["due"] < pd.Timestamp(today)) & ms["status"].isin(["on_track", "not_started"])
    for row, value in ms.loc[stale, [ROW, "status"]].itertuples(index=False):
        state.report(
            row,
            "status",
            value,
            "overdue_on_track",
            "done, delayed or at risk: the due date has passed",
            "warning",
        )
    return ms


def _typed_ids(state: _TabParse, column: str) -> set[str]:
    """Every id typed in ``column`` of a tab, rows left out included (folded by ``normalise_id``):
    a link to a row with its own problem is not reported a second time."""
    index = state.columns.get(column)
    if index is None:
        return set()
    return {
        normalise_id(row[index])
        for row in state.grid
        if index < len(row) and not cells.is_blank(row[index])
    }


def _link_monitoring(
    findings: pd.DataFrame,
    actions: pd.DataFrame,
    milestones: pd.DataFrame,
    state: _TabParse,
    milestone_ids: set[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Findings and actions with their ids spelled as their tabs spell them (``f-001`` names
    F-001); a finding's milestone the milestones tab lacks is a warning, and the link ignored.

    An action naming no known finding, or a latest status that contradicts the finding's row,
    is reported by Sheet health (``utils/editors/monitoring.py``), which reads the loop's rule."""
    if not actions.empty:
        actions = actions.assign(finding_id=_link_ids(actions["finding_id"], findings["id"]))
    if findings.empty:
        return findings, actions
    findings = findings.assign(milestone_id=_link_ids(findings["milestone_id"], milestones["id"]))
    linked = findings["milestone_id"]
    unknown = linked.notna() & ~linked.map(lambda v: normalise_id(v) in milestone_ids)
    for row, value in findings.loc[unknown, [ROW, "milestone_id"]].itertuples(index=False):
        state.report(
            row,
            "milestone_id",
            value,
            "unknown_milestone",
            "an id from the milestones tab (the link is ignored)",
            "warning",
            outcome="value",
        )
    return findings.assign(milestone_id=linked.where(~unknown, None)), actions


def _find_tabs(raw: RawWorkbook) -> tuple[dict[str, str], list[Problem]]:
    """Contract tab name -> source title; two source tabs for one contract tab is a problem."""
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for title in raw:
        tab = match_tab(title)
        if tab is None:
            continue
        if tab.name in found:
            problems.append(
                Problem(
                    tab.name,
                    None,
                    None,
                    "",
                    title,
                    "tab_duplicate",
                    f"one tab for '{tab.name}': '{found[tab.name]}' is used, this one ignored",
                )
            )
        else:
            found[tab.name] = title
    return found, problems


def parse_workbook(raw: RawWorkbook, *, today: date | None = None) -> Workbook:
    """Parse and validate every tab of ``raw``; never raises on bad content."""
    today = today or datetime.now(BISHKEK).date()
    titles, problems = _find_tabs(raw)
    frames: dict[str, pd.DataFrame] = {}
    states: dict[str, _TabParse] = {}
    for tab in TABS:
        title = titles.get(tab.name)
        frame, state = _parse_tab(tab, title, raw.get(title) if title else None)
        if tab.name != "indicators":  # validated once the catalog has given each row its unit
            frame = schemas.validate(tab, frame, state.report)
        frames[tab.name], states[tab.name] = frame, state

    frames["indicators"] = _check_indicators(
        frames["indicators"], frames["catalog"], states["indicators"]
    )
    _warn_jumps(frames["indicators"], states["indicators"])
    frames["votes"] = _check_votes(frames["votes"], frames["elections"], states["votes"])
    frames["milestones"] = _check_milestones(
        frames["milestones"], frames["catalog"], states["milestones"], today
    )

    frames["findings"], frames["actions"] = _link_monitoring(
        frames["findings"],
        frames["actions"],
        frames["milestones"],
        states["findings"],
        _typed_ids(states["milestones"], "id"),
    )

    stats = {
        name: TabStats(
            state.title, state.rows_read, len(frames[name]), tuple(state.columns.items())
        )
        for name, state in states.items()
    }
    for state in states.values():
        problems.extend(state.problems)
    order = {tab.name: i for i, tab in enumerate(TABS)}
    problems.sort(key=lambda p: (order.get(p.tab, 99), p.row or 0, p.cell))
    return Workbook(frames=frames, problems=tuple(problems), stats=stats)
