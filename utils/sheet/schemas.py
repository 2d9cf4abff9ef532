"""pandera schemas built from the workbook contract: ranges, allowed values, unique keys.

The parser has already turned cells into typed values; these schemas check what a schema can say
about them, and every failure becomes a Problem at the row and column it came from. One rule for
a value that fails: it is blanked and reported ("value not used"); its row is left out only when
the column is one the row cannot do without (a key or a not-null column: ``is_essential``).

Rows that share a key: a row identical to an earlier one is a harmless copy (a warning, the copy
is left out). Rows that share a key but differ are a conflict the dashboard cannot settle: the
later row is as likely the correction as the mistake, so every row of the conflict is reported,
each naming the others, and none of them is used until an editor keeps the right one.
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
            # pandera names the later rows only; the whole group of the key is judged at once.
            for judged in _report_duplicates(tab, frame, record, report):
                seen.add(("unique", judged))
                bad.add(judged)
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


def _report_duplicates(
    tab: Tab, frame: pd.DataFrame, record: pd.Series, report: Report
) -> list[int]:
    """Every row sharing ``record``'s key, judged together; returns the rows not to use.

    A copy of an earlier row is a warning naming that row (the copy is not used). When the
    rows left still differ, each of them is an error naming all of them (in the sheet's row
    numbers) and asking which is right; none of them is used.
    """
    key = list(tab.unique_key)
    same_key = frame[(frame[key] == record[key]).all(axis=1)].sort_values(ROW)
    shown = " / ".join(str(record[k]) for k in key)
    distinct: list[pd.Series] = []
    dropped: list[int] = []
    for _, row in same_key.iterrows():
        original = next(
            (d for d in distinct if all(_same(d[c], row[c]) for c in tab.column_names)), None
        )
        if original is None:
            distinct.append(row)
            continue
        dropped.append(int(row[ROW]))
        report(
            int(row[ROW]),
            key[0],
            shown,
            "duplicate_row",
            f"each row once: the same as row {int(original[ROW])} (this copy is not used)",
            "warning",
            outcome="row",
        )
    if len(distinct) > 1:
        rows = [int(d[ROW]) for d in distinct]
        listed = ", ".join(str(r) for r in rows)
        for row_no in rows:
            report(
                row_no,
                key[0],
                shown,
                "duplicate_key",
                f"one row per {', '.join(key)}: rows {listed} have the same key and differ; "
                "which is right? (neither is used)",
                outcome="row",
            )
        dropped.extend(rows)
    return dropped


def _same(a: object, b: object) -> bool:
    """Equal values, with two missing values counting as equal."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)
