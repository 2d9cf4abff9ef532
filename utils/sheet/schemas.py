"""pandera schemas built from the workbook contract: ranges, allowed values, unique keys.

The parser has already turned cells into typed values; these schemas check what a schema can say
about them, and every failure becomes a Problem at the row and column it came from. One rule for
a value that fails: it is blanked and reported ("value not used"); its row is left out only when
the column is one the row cannot do without (a key or a not-null column: ``is_essential``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from utils.sheet.contract import Tab

ROW = "_row"
Report = Callable[..., None]


def is_essential(tab: Tab, column: str) -> bool:
    """True for a column a row of ``tab`` cannot do without: part of its key, or not-null."""
    try:
        found = tab.column(column)
    except KeyError:
        return False
    return found.not_null or column in tab.unique_key


def _range_check(low: float | None, high: float | None) -> pa.Check:
    """Values between ``low`` and ``high`` inclusive (either may be open)."""

    def within(series: pd.Series) -> pd.Series:
        ok = pd.Series(True, index=series.index)
        if low is not None:
            ok &= series >= low
        if high is not None:
            ok &= series <= high
        return ok

    bounds = f"from {low:g}" if low is not None else ""
    bounds += f" to {high:g}" if high is not None else (" or more" if low is not None else "")
    return pa.Check(within, name="out_of_range", error=f"a value {bounds.strip()}")


def _numerator_not_above_denominator(frame: pd.DataFrame) -> pd.Series:
    """For a percentage, the people reached cannot exceed the people in need.

    Rates (syringes per person) legitimately have numerators far above their denominators, so
    the check applies to rows whose catalog unit is percent.
    """
    num, den = frame["numerator"], frame["denominator"]
    is_percent = frame["unit"] == "percent" if "unit" in frame else True
    return num.isna() | den.isna() | ~is_percent | (num <= den)


@cache
def schema_for(tab: Tab) -> pa.DataFrameSchema:
    """The pandera schema of one contract tab."""
    columns: dict[str, pa.Column] = {}
    for col in tab.columns:
        checks: list[pa.Check] = []
        if col.minimum is not None or col.maximum is not None:
            checks.append(_range_check(col.minimum, col.maximum))
        if col.choices:
            keys = [c.key for c in col.choices]
            checks.append(
                pa.Check.isin(keys, name="not_allowed", error="one of: " + ", ".join(keys))
            )
        columns[col.name] = pa.Column(None, checks=checks, nullable=True, required=False)
    frame_checks = []
    if {"numerator", "denominator"} <= set(tab.column_names):
        frame_checks.append(
            pa.Check(
                _numerator_not_above_denominator,
                name="numerator_above_denominator",
                error="a numerator no larger than the denominator",
            )
        )
    return pa.DataFrameSchema(
        columns,
        checks=frame_checks,
        unique=list(tab.unique_key) or None,
        report_duplicates="exclude_first",
        name=tab.name,
    )


def validate(tab: Tab, frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """``frame`` with each failing value blanked, and without the rows that cannot do without a
    failing value (or whose key repeats an earlier row); every failure is reported."""
    if frame.empty:
        return frame
    try:
        schema_for(tab).validate(frame, lazy=True)
        return frame
    except SchemaErrors as errors:
        cases = errors.failure_cases
    bad: set[int] = set()
    blank: dict[str, set[int]] = {}
    seen: set[tuple[str, int]] = set()
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue
        record = frame.loc[int(case.index)]
        row = int(record[ROW])
        if case.schema_context == "Column":
            column = str(case.column)
            if (column, row) in seen:
                continue
            seen.add((column, row))
            check = _check_named(tab, column, str(case.check))
            if is_essential(tab, column):
                report(
                    row,
                    column,
                    record[column],
                    check.name,
                    f"{check.error} (this row is not used)",
                    outcome="row",
                )
                bad.add(row)
            else:
                report(
                    row,
                    column,
                    record[column],
                    check.name,
                    f"{check.error} (the value is not used)",
                    outcome="value",
                )
                blank.setdefault(column, set()).add(row)
        elif case.check == "multiple_fields_uniqueness":
            if ("unique", row) in seen:
                continue
            seen.add(("unique", row))
            _report_duplicate(tab, frame, record, report)
            bad.add(row)
        else:  # a check on the whole row: numerator against denominator
            if ("row", row) in seen:
                continue
            seen.add(("row", row))
            # Which of the two is wrong cannot be told: neither is used (a value still may be).
            report(
                row,
                "numerator",
                record["numerator"],
                "numerator_above_denominator",
                f"a numerator no larger than the denominator {record['denominator']:g} "
                "(the numerator and denominator are not used)",
                outcome="value",
            )
            blank.setdefault("numerator", set()).add(row)
            blank.setdefault("denominator", set()).add(row)
    if blank:
        frame = frame.copy()
        for column, rows in blank.items():
            frame.loc[frame[ROW].isin(rows), column] = None
    return frame[~frame[ROW].isin(bad)].reset_index(drop=True)


def _check_named(tab: Tab, column: str, error: str) -> pa.Check:
    """The column check whose error text pandera reported."""
    checks = schema_for(tab).columns[column].checks
    return next((c for c in checks if c.error == error), checks[0])


def _report_duplicate(tab: Tab, frame: pd.DataFrame, record: pd.Series, report: Report) -> None:
    """A second row with the same key: identical rows are a warning, differing ones an error."""
    key = list(tab.unique_key)
    same_key = frame[(frame[key] == record[key]).all(axis=1)]
    first = same_key.iloc[0]
    identical = all(
        (pd.isna(first[c]) and pd.isna(record[c])) or first[c] == record[c]
        for c in tab.column_names
    )
    shown = " / ".join(str(record[k]) for k in key)
    if identical:
        report(
            int(record[ROW]),
            key[0],
            shown,
            "duplicate_row",
            f"each row once: the same as row {int(first[ROW])} (this copy is not used)",
            "warning",
            outcome="row",
        )
    else:
        report(
            int(record[ROW]),
            key[0],
            shown,
            "duplicate_key",
            f"one row per {', '.join(key)}: row {int(first[ROW])} has the same (this row is not used)",
            outcome="row",
        )


def _same(a: object, b: object) -> bool:
    """Equal values, with two missing values counting as equal."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)
