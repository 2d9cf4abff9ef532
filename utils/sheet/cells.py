"""Reading one hand-typed spreadsheet cell: numbers, percents, dates, periods, yes/no.

Each reader returns a :class:`Read`: the value, or a problem code with what was expected. A value
that cannot be read with certainty is never guessed: "12,5" is 12.5, "1 234" is 1234, but "1,234"
(a thousand and more in English, one and a bit in Russian) is reported as ambiguous.

A cell may carry its number format (:class:`~utils.sources.base.Formatted`); the readers honour
it so a value equals what the editor sees: 0.45 formatted as a percent is 45, a date-formatted
serial in a number column is a problem rather than a five-figure number, and text columns take
the text the sheet shows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final

from utils.sheet.contract import NO_DATA_MARKERS, SHEET_ERRORS, normalise_label
from utils.sources.base import DATE_FORMATS, Formatted

SPREADSHEET_EPOCH: Final = datetime(1899, 12, 30)
MAX_WHOLE: Final = 2**53  # beyond this a spreadsheet cannot hold a whole number exactly
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates outside this span are typing mistakes
# Serial numbers between 1950 and 2100: anything else in a date column is not a date.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73051


@dataclass(frozen=True)
class Read:
    """The outcome of reading one cell: a value, or a problem code (never both).

    ``warning`` is a problem code too, for a value that is used but should be checked (a plain
    0.45 in a percentage column: 0.45 % as typed, or 45 % meant?); :func:`explain` says why.
    """

    value: object = None
    problem: str | None = None  # a code ("not_a_number", …); its text is "problem.<code>"
    warning: str | None = None

    @property
    def ok(self) -> bool:
        """True when the cell was read (possibly as missing)."""
        return self.problem is None


MISSING: Final = Read()


def _as_text(cell: object) -> str:
    """A cell as stripped text with every kind of space folded to a plain one."""
    text = str(cell).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return re.sub(r"\s+", " ", text).strip()


def is_blank(cell: object) -> bool:
    """True for an empty cell: None, "", only spaces, or NaN."""
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and _as_text(cell) == ""


def _special(cell: object) -> Read | None:
    """Blank, "no data" and spreadsheet-error cells, which every reader treats the same way."""
    if is_blank(cell):
        return MISSING
    if isinstance(cell, str):
        label = normalise_label(cell)
        if label in SHEET_ERRORS:
            return Read(problem="sheet_error")
        if label in NO_DATA_MARKERS:
            return MISSING
    return None


# --- Numbers --------------------------------------------------------------------------------

_DIGITS_GROUPED_SPACE = re.compile(r"^\d{1,3}( \d{3})+$")
_DIGITS_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3}){2,}$")  # 1,234,567: only English grouping
_DIGITS_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")  # 1.234.567: only European grouping
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")  # 1,234 or 1.234: a thousand, or one and a bit
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")
_MIXED = re.compile(r"^(\d{1,3}(?:([ ,.])\d{3})*)([.,])(\d+)$")


def _hundredfold(value: int | float) -> float:
    """``value`` × 100 without binary noise (0.45 × 100 is 45, not 45.00000000000001)."""
    return float(Decimal(repr(float(value))) * 100)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_number(cell: object, *, allow_percent_sign: bool = True) -> Read:
    """A real number from a number cell or from text written in a Russian or English locale.

    A cell formatted as a percent reads as the sheet shows it (0.45 shown as 45% is 45), like
    the text "45%"; a cell the sheet turned into a date is a problem, not its serial number.
    """
    if isinstance(cell, Formatted):
        if cell.format in DATE_FORMATS:
            return Read(problem="date_in_number")
        if cell.format == "PERCENT" and _is_number(cell.value):
            if not allow_percent_sign:
                return Read(problem="not_a_number")
            return read_number(_hundredfold(cell.value))  # type: ignore[arg-type]
        return read_number(cell.value, allow_percent_sign=allow_percent_sign)
    special = _special(cell)
    if special is not None:
        return special
    if isinstance(cell, date):  # a datetime too: the spreadsheet made the number a date
        return Read(problem="date_in_number")
    if isinstance(cell, bool):
        return Read(problem="not_a_number")
    if isinstance(cell, int | float):
        return Read(float(cell)) if math.isfinite(cell) else Read(problem="not_a_number")
    if not isinstance(cell, str):
        return Read(problem="not_a_number")
    text = _as_text(cell).replace("\u2212", "-")  # the typographic minus sign
    if allow_percent_sign and text.endswith("%"):
        text = text[:-1].rstrip()
    sign = 1.0
    if text.startswith(("-", "+")):
        sign = -1.0 if text[0] == "-" else 1.0
        text = text[1:].lstrip()
    number = _parse_unsigned(text)
    if isinstance(number, str):
        return Read(problem=number)
    return Read(sign * number)


def _parse_unsigned(text: str) -> float | str:
    """The number written in ``text`` (digits and separators only), or a problem code."""
    if not text or not text.isascii():  # "³" or "½" look like digits but are not numbers
        return "not_a_number"
    if text.isdigit():
        return float(text)
    if _DIGITS_GROUPED_SPACE.match(text):
        return float(text.replace(" ", ""))
    if _DIGITS_GROUPED_COMMA.match(text):
        return float(text.replace(",", ""))
    if _DIGITS_GROUPED_DOT.match(text):
        return float(text.replace(".", ""))
    if _AMBIGUOUS.match(text):
        return "ambiguous_number"
    if _PLAIN.match(text):
        return float(text.replace(",", "."))
    mixed = _MIXED.match(text)
    if mixed:
        integer, group_sep, decimal_sep, fraction = mixed.groups()
        if group_sep is not None and group_sep == decimal_sep:
            return "not_a_number"  # 1,234,5 or 1.234.5: no reading is certain
        if group_sep is None and " " not in integer:
            return float(f"{integer}.{fraction}")
        return float(f"{integer.replace(group_sep or ' ', '')}.{fraction}")
    try:  # scientific notation such as 1e3, which is never ambiguous
        if re.fullmatch(r"\d+(\.\d+)?[eE][+-]?\d+", text):
            return float(text)
    except ValueError:
        pass
    return "not_a_number"


def read_integer(cell: object) -> Read:
    """A whole number (votes, seats); 12.0 is 12, 12.5 is a problem."""
    read = read_number(cell, allow_percent_sign=False)
    if read.problem or read.value is None:
        return read
    value = float(read.value)  # type: ignore[arg-type]
    if not value.is_integer():
        return Read(problem="not_whole")
    if abs(value) > MAX_WHOLE:
        return Read(problem="out_of_range")
    return Read(int(value))


def read_percent(cell: object) -> Read:
    """A percentage on the 0–100 scale: "45%", "45 %", "45", 45 and 0.45 shown as 45% read as 45.

    A number above 0 and at most 1 without a percent sign or format is read as typed (0.45 is
    0.45 %), with the warning ``percent_as_fraction``: the editor may have meant 45 %.
    """
    read = read_number(cell, allow_percent_sign=True)
    if read.problem or read.value is None or not 0 < float(read.value) <= 1:  # type: ignore[arg-type]
        return read
    if isinstance(cell, Formatted):
        marked = cell.format == "PERCENT" or (
            not _is_number(cell.value) and _as_text(cell.value).endswith("%")
        )
    else:
        marked = isinstance(cell, str) and _as_text(cell).endswith("%")
    return read if marked else Read(read.value, warning="percent_as_fraction")


def explain(read: Read) -> str:
    """The English text of a warning, naming both readings (for logs and the command line)."""
    if read.warning == "percent_as_fraction":
        typed = f"{float(read.value):g}"  # type: ignore[arg-type]
        meant = f"{_hundredfold(read.value):g}"  # type: ignore[arg-type]
        return f"read as {typed}%; if {meant}% was meant, type {meant} or {meant}%"
    return "a value to check"


# --- Dates ----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _from_serial(serial: float) -> Read:
    """A spreadsheet serial number (days since 1899-12-30, fraction = time of day)."""
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        return Read(problem="not_a_date")
    moment = SPREADSHEET_EPOCH + timedelta(days=serial)
    return Read(
        moment.replace(microsecond=0)
        if moment.microsecond < 500_000
        else (moment + timedelta(seconds=1)).replace(microsecond=0)
    )


def _build(y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> Read:
    """A datetime from parts, or not_a_date when the calendar has no such day."""
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return Read(problem="not_a_date")
    try:
        return Read(datetime(y, m, d, int(hh or 0), int(mm or 0), int(ss or 0)))
    except ValueError:
        return Read(problem="not_a_date")


def read_datetime(cell: object) -> Read:
    """A date, optionally with a time: 01.02.2025, 2025-02-01 10:30 or a serial number.

    Day-first with dots is the Russian convention and unambiguous. Slashes are read only when the
    day is above 12 (otherwise 01/02 could be January or February). Years need four digits.
    """
    if isinstance(cell, Formatted):
        cell = cell.value  # a date-formatted serial, or a number: read the value either way
    special = _special(cell)
    if special is not None:
        return special
    if isinstance(cell, date) and not FIRST_YEAR <= cell.year <= LAST_YEAR:
        return Read(problem="not_a_date")
    if isinstance(cell, datetime):
        return Read(cell.replace(tzinfo=None))
    if isinstance(cell, date):
        return Read(datetime(cell.year, cell.month, cell.day))
    if isinstance(cell, bool):
        return Read(problem="not_a_date")
    if isinstance(cell, int | float):
        return _from_serial(float(cell))
    text = _as_text(cell)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text))
    if m := _ISO_DATE.match(text):
        y, mo, d, hh, mi, ss = m.groups()
        return _build(int(y), int(mo), int(d), hh, mi, ss)
    if m := _DOTTED.match(text):
        d, mo, y, hh, mi, ss = m.groups()
        if len(y) != 4:
            return Read(problem="two_digit_year")
        return _build(int(y), int(mo), int(d), hh, mi, ss)
    if m := _SLASHED.match(text):
        a, b, y, hh, mi, ss = m.groups()
        if len(y) != 4:
            return Read(problem="two_digit_year")
        first, second = int(a), int(b)
        if first <= 12 and second <= 12 and first != second:
            return Read(problem="ambiguous_date")
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _build(int(y), month, day, hh, mi, ss)
    return Read(problem="not_a_date")


def read_date(cell: object) -> Read:
    """A calendar date (any time of day is dropped)."""
    read = read_datetime(cell)
    if read.problem or read.value is None:
        return read
    return Read(read.value.date())  # type: ignore[union-attr]


# --- Periods --------------------------------------------------------------------------------

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4}) ?[-/ ]? ?(?:q|кв\.?|к|квартал) ?([1-4])$")
_QUARTER_FIRST = re.compile(
    r"^(?:q|кв\.?|к)? ?([1-4]) ?(?:q|кв\.?|квартал|-?й? квартал)? ?[-/ ]? ?(\d{4})(?: г\.?| года?)?$"
)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_DOTTED = re.compile(r"^(\d{1,2})[./](\d{4})$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, a quarter or a month, sortable by its first day."""

    start: date
    kind: str  # "year" | "quarter" | "month"
    label: str  # canonical: 2025, 2025-Q3, 2025-03

    @property
    def end(self) -> date:
        """The last day of the period."""
        months = {"year": 12, "quarter": 3, "month": 1}[self.kind]
        y, m = divmod(self.start.month - 1 + months, 12)
        return date(self.start.year + y, m + 1, 1) - timedelta(days=1)


def make_period(kind: str, year: int, number: int = 1) -> Period:
    """The period of ``kind`` numbered ``number`` within ``year`` (quarter 1–4, month 1–12)."""
    if kind == "year":
        return Period(date(year, 1, 1), "year", f"{year}")
    if kind == "quarter":
        return Period(date(year, 3 * number - 2, 1), "quarter", f"{year}-Q{number}")
    return Period(date(year, number, 1), "month", f"{year}-{number:02d}")


def read_period(cell: object) -> Read:
    """A period: 2025, 2025-Q3 (also "Q3 2025", "3 кв. 2025"), 2025-03 or 03.2025.

    A sheet turns "2025-03" into a date: a date-formatted cell is read from the text it shows
    when that is a period ("2025-03", "03.2025"), otherwise as the month of its date.
    """
    if isinstance(cell, Formatted):
        if cell.format in ("DATE", "DATE_TIME"):
            if cell.shown:
                as_shown = read_period(cell.shown)
                if as_shown.ok and as_shown.value is not None:
                    return as_shown
            moment = read_datetime(cell.value)
            if moment.problem or moment.value is None:
                return Read(problem="not_a_period")
            return read_period(moment.value)
        if cell.format == "TIME":
            return Read(problem="not_a_period")
        return read_period(cell.value)
    special = _special(cell)
    if special is not None:
        return special
    if isinstance(cell, bool):
        return Read(problem="not_a_period")
    if isinstance(cell, int | float) and float(cell).is_integer() and 1990 <= cell <= 2100:
        return Read(make_period("year", int(cell)))
    if isinstance(cell, datetime | date):
        if not 1990 <= cell.year <= 2100:
            return Read(problem="not_a_period")
        return Read(make_period("month", cell.year, cell.month))
    text = normalise_label(cell)
    if (m := _YEAR.match(text)) and 1990 <= int(m.group(1)) <= 2100:
        return Read(make_period("year", int(m.group(1))))
    if m := _QUARTER.match(text):
        return Read(make_period("quarter", int(m.group(1)), int(m.group(2))))
    if m := _QUARTER_FIRST.match(text):
        return Read(make_period("quarter", int(m.group(2)), int(m.group(1))))
    if (m := _MONTH.match(text)) and 1 <= int(m.group(2)) <= 12:
        return Read(make_period("month", int(m.group(1)), int(m.group(2))))
    if (m := _MONTH_DOTTED.match(text)) and 1 <= int(m.group(1)) <= 12:
        return Read(make_period("month", int(m.group(2)), int(m.group(1))))
    return Read(problem="not_a_period")


# --- Yes / no -------------------------------------------------------------------------------

_TRUE = frozenset({"yes", "y", "true", "1", "да", "д", "ооба", "x", "✓"})
_FALSE = frozenset({"no", "n", "false", "0", "нет", "н", "жок"})


def read_bool(cell: object) -> Read:
    """Yes or no in English, Russian or Kyrgyz, a tick, or a spreadsheet TRUE/FALSE."""
    if isinstance(cell, Formatted):
        if cell.format in DATE_FORMATS or cell.format == "PERCENT":
            return Read(problem="not_boolean")
        return read_bool(cell.value)
    if is_blank(cell):
        return MISSING
    if isinstance(cell, bool):
        return Read(cell)
    if isinstance(cell, int | float) and cell in (0, 1):
        return Read(bool(cell))
    label = normalise_label(cell)
    if label in _TRUE:
        return Read(True)
    if label in _FALSE:
        return Read(False)
    special = _special(cell)
    return special if special is not None else Read(problem="not_boolean")


def read_text(cell: object) -> Read:
    """Free text, stripped; numbers from the sheet become their plain text form.

    A formatted cell reads as the text the sheet shows ("45%", "01.02.2025", "M-05"), so a
    value equals what the editor sees.
    """
    if isinstance(cell, Formatted):
        return read_text(cell.shown) if cell.shown.strip() else read_text(cell.value)
    if is_blank(cell):
        return MISSING
    if isinstance(cell, float) and cell.is_integer():
        return Read(str(int(cell)))
    if isinstance(cell, str) and normalise_label(cell) in SHEET_ERRORS:
        return Read(problem="sheet_error")
    return Read(_as_text(cell))
