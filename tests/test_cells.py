"""Reading one hand-typed cell: every bad input of issue 2 item 4, table by table."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from utils.sheet import cells

NBSP = "\u00a0"
NNBSP = "\u202f"

# (cell, value read, problem code)
NUMBERS = [
    # Russian locale: a comma is the decimal mark, a space (of any kind) groups thousands
    ("12,5", 12.5, None),
    ("12,5 ", 12.5, None),  # a trailing space
    ("  12,5", 12.5, None),
    ("-12,5", -12.5, None),
    ("\u221212,5", -12.5, None),  # the typographic minus sign
    ("0,5", 0.5, None),
    ("0,500", 0.5, None),  # a leading zero cannot be a thousands group
    ("1 234", 1234.0, None),
    (f"1{NBSP}234", 1234.0, None),
    (f"1{NNBSP}234", 1234.0, None),
    (f"1{NBSP}234{NBSP}567", 1234567.0, None),
    ("1 234,5", 1234.5, None),
    (f"12{NBSP}345{NBSP}678,9", 12345678.9, None),
    # English locale
    ("12.5", 12.5, None),
    ("1,234.5", 1234.5, None),
    ("1,234,567", 1234567.0, None),
    ("1.234,5", 1234.5, None),
    # percent signs, with or without a space
    ("45%", 45.0, None),
    ("45 %", 45.0, None),
    (f"45{NBSP}%", 45.0, None),
    ("12,5%", 12.5, None),
    # what the spreadsheet API hands over as numbers
    (45, 45.0, None),
    (12.5, 12.5, None),
    # ambiguous: a thousand and more in English, one and a bit in Russian
    ("1,234", None, "ambiguous_number"),
    ("1.234", None, "ambiguous_number"),
    ("12,500", None, "ambiguous_number"),
    ("1,234 ", None, "ambiguous_number"),
    # spreadsheet errors
    ("#N/A", None, "sheet_error"),
    ("#REF!", None, "sheet_error"),
    ("#DIV/0!", None, "sheet_error"),
    ("#VALUE!", None, "sheet_error"),
    ("#Н/Д", None, "sheet_error"),  # the Russian-locale spelling
    (" #N/A ", None, "sheet_error"),
    # deliberately empty
    ("", None, None),
    ("   ", None, None),
    (None, None, None),
    (float("nan"), None, None),
    ("-", None, None),
    ("н/д", None, None),
    # not numbers
    ("abc", None, "not_a_number"),
    ("12 ,5", None, "not_a_number"),
    ("1,234,5", None, "not_a_number"),
    ("1 23", None, "not_a_number"),
    ("(12)", None, "not_a_number"),
    ("³", None, "not_a_number"),  # a superscript looks like a digit to str.isdigit
    ("1½", None, "not_a_number"),
    (True, None, "not_a_number"),
    (float("inf"), None, "not_a_number"),
]


@pytest.mark.parametrize(("cell", "value", "problem"), NUMBERS)
def test_read_number(cell: object, value: float | None, problem: str | None) -> None:
    read = cells.read_number(cell)
    assert read.problem == problem
    assert read.value == value


@pytest.mark.parametrize("cell", ["12,5", "12,5 ", f"12,5{NBSP}", "12,50", " 12,5%"])
def test_twelve_comma_five_is_never_125(cell: str) -> None:
    assert cells.read_number(cell).value == pytest.approx(12.5)


@pytest.mark.parametrize(
    ("cell", "value", "problem"),
    [
        ("12", 12, None),
        ("12.0", 12, None),
        (12.0, 12, None),
        ("1 234", 1234, None),
        (f"1{NBSP}234", 1234, None),
        ("12,5", None, "not_whole"),
        (12.5, None, "not_whole"),
        ("45%", None, "not_a_number"),  # votes are never percentages
        ("1,234", None, "ambiguous_number"),
        ("#VALUE!", None, "sheet_error"),
        ("", None, None),
    ],
)
def test_read_integer(cell: object, value: int | None, problem: str | None) -> None:
    read = cells.read_integer(cell)
    assert (read.value, read.problem) == (value, problem)


@pytest.mark.parametrize(
    ("cell", "value", "problem"),
    [
        ("45%", 45.0, None),
        ("45 %", 45.0, None),
        ("45", 45.0, None),
        ("47,5 %", 47.5, None),
        (45, 45.0, None),
        ("#DIV/0!", None, "sheet_error"),
        ("forty", None, "not_a_number"),
    ],
)
def test_read_percent(cell: object, value: float | None, problem: str | None) -> None:
    read = cells.read_percent(cell)
    assert (read.value, read.problem) == (value, problem)


DATES = [
    ("01.02.2025", date(2025, 2, 1), None),  # day first, the Russian way
    ("1.2.2025", date(2025, 2, 1), None),
    ("02.01.2025", date(2025, 1, 2), None),
    ("01.02.2025 ", date(2025, 2, 1), None),
    ("2025-02-01", date(2025, 2, 1), None),
    ("2025-2-1", date(2025, 2, 1), None),
    (45689, date(2025, 2, 1), None),  # a spreadsheet serial number
    (45689.75, date(2025, 2, 1), None),
    ("45689", date(2025, 2, 1), None),
    (datetime(2025, 2, 1, 10, 30), date(2025, 2, 1), None),
    (date(2025, 2, 1), date(2025, 2, 1), None),
    ("13/02/2025", date(2025, 2, 13), None),  # a slash date is read only when the day is > 12
    ("01/02/2025", None, "ambiguous_date"),
    ("01.02.25", None, "two_digit_year"),
    ("32.01.2025", None, "not_a_date"),
    ("29.02.2025", None, "not_a_date"),
    ("2025.02.01", None, "not_a_date"),
    (1000, None, "not_a_date"),  # far outside the plausible serial range
    ("yesterday", None, "not_a_date"),
    ("#REF!", None, "sheet_error"),
    ("#N/A", None, "sheet_error"),
    ("", None, None),
]


@pytest.mark.parametrize(("cell", "value", "problem"), DATES)
def test_read_date(cell: object, value: date | None, problem: str | None) -> None:
    read = cells.read_date(cell)
    assert (read.value, read.problem) == (value, problem)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("14.03.2025 10:40", datetime(2025, 3, 14, 10, 40)),
        ("2025-03-14 10:40", datetime(2025, 3, 14, 10, 40)),
        ("2025-03-14T10:40:05", datetime(2025, 3, 14, 10, 40, 5)),
        (45730.5, datetime(2025, 3, 14, 12, 0)),
    ],
)
def test_read_datetime(cell: object, value: datetime) -> None:
    assert cells.read_datetime(cell).value == value


@pytest.mark.parametrize(
    ("cell", "label", "kind"),
    [
        ("2025", "2025", "year"),
        (2025, "2025", "year"),
        (2025.0, "2025", "year"),
        ("2025-Q3", "2025-Q3", "quarter"),
        ("2025-q3 ", "2025-Q3", "quarter"),
        ("Q3 2025", "2025-Q3", "quarter"),
        ("3 кв. 2025", "2025-Q3", "quarter"),
        ("1 квартал 2025", "2025-Q1", "quarter"),
        ("2025-03", "2025-03", "month"),
        ("03.2025", "2025-03", "month"),
    ],
)
def test_read_period(cell: object, label: str, kind: str) -> None:
    read = cells.read_period(cell)
    assert read.problem is None
    assert (read.value.label, read.value.kind) == (label, kind)  # type: ignore[union-attr]


@pytest.mark.parametrize("cell", ["2025-13", "2025-Q5", "spring", "1850", "#N/A"])
def test_bad_periods_are_reported(cell: str) -> None:
    read = cells.read_period(cell)
    assert read.value is None
    assert read.problem in {"not_a_period", "sheet_error"}


@pytest.mark.parametrize(
    ("cell", "value", "problem"),
    [
        ("yes", True, None),
        ("Да", True, None),
        ("ооба", True, None),
        (True, True, None),
        (1, True, None),
        ("no", False, None),
        ("нет ", False, None),
        ("жок", False, None),
        (0, False, None),
        ("maybe", None, "not_boolean"),
        (2, None, "not_boolean"),
        ("#N/A", None, "sheet_error"),
        ("", None, None),
    ],
)
def test_read_bool(cell: object, value: bool | None, problem: str | None) -> None:
    read = cells.read_bool(cell)
    assert (read.value, read.problem) == (value, problem)


@pytest.mark.parametrize(
    ("cell", "value", "problem"),
    [
        ("  Programme reports  ", "Programme reports", None),
        (f"a{NBSP}{NBSP}b", "a b", None),
        (12.0, "12", None),
        (12, "12", None),
        ("#REF!", None, "sheet_error"),
        ("", None, None),
    ],
)
def test_read_text(cell: object, value: str | None, problem: str | None) -> None:
    read = cells.read_text(cell)
    assert (read.value, read.problem) == (value, problem)
