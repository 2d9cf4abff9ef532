"""Table downloads (CSV and Excel) that cannot run as formulas in a spreadsheet.

Rules, for frames that have already been through ``utils.analysis.privacy``:

- Any text cell, and any column header, that begins with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return gets a leading apostrophe (OWASP "CSV injection"), so a spreadsheet shows
  it as text instead of evaluating it. Sheet text is hand-edited and must be treated as hostile.
- Numbers stay numbers: the numeric ``-5`` is written as ``-5``; only *text* is escaped, so
  the text ``"-5+cmd"`` becomes ``"'-5+cmd"``.
- Control characters that XML (and so Excel) cannot hold are removed first, so that removing
  them cannot uncover a leading ``=`` after the escaping ran.
- CSV is UTF-8 with a byte-order mark, so Excel opens Cyrillic correctly. Russian-locale Excel
  expects ``;`` and a decimal comma; the page may pass ``sep=";", decimal=","`` for it.
- In the Excel file every text cell is stored as a string (never a formula, never an error
  value such as ``#N/A``); the header row is frozen.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_MAX_TEXT = 32_767  # longer text makes Excel "repair" the file
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Text safe to put in a spreadsheet cell: control characters out, formulas made text."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + clean if clean.startswith(FORMULA_PREFIXES) else clean


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of df with every text cell and header neutralised and numbers left alone."""
    out = pd.DataFrame({i: _safe_column(df.iloc[:, i]) for i in range(df.shape[1])}, index=df.index)
    out.columns = [neutralise(str(c)) for c in df.columns]
    return out


def to_csv_bytes(df: pd.DataFrame, *, sep: str = ",", decimal: str = ".") -> bytes:
    """CSV of df, formula-safe, UTF-8 with BOM, CRLF line ends, without the index."""
    text = safe_frame(df).to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """Excel workbook of df on one sheet, formula-safe, text stored as text, numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_name)
    safe = safe_frame(df)
    for col, header in enumerate(safe.columns, start=1):
        _put(sheet.cell(row=1, column=col), header)
    for row, values in enumerate(safe.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(values, start=1):
            _put(sheet.cell(row=row, column=col), _excel_value(value))
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_column(column: pd.Series) -> pd.Series:
    """A numeric, boolean or datetime column holds no text and is kept; others are escaped."""
    if is_bool_dtype(column) or is_numeric_dtype(column) or is_datetime64_any_dtype(column):
        return column
    return column.astype(object).map(_safe_value, na_action="ignore")


def _safe_value(value: object) -> object:
    """Neutralise text; keep numbers, booleans and dates as they are."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, int | float | Decimal | np.number | np.bool_ | dt.date | dt.time):
        return value
    return neutralise(str(value))  # periods, lists, anything else: written as text


def _excel_value(value: object) -> object:
    """A value openpyxl accepts: plain Python numbers, naive datetimes, None for missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; keep the wall time
    if isinstance(value, str):
        return value[:_EXCEL_MAX_TEXT]
    return value


def _put(cell: Cell, value: object) -> None:
    """Write a value; text is forced to a string cell, so it is never a formula or an error."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, no edge apostrophes, at most 31 characters."""
    title = _SHEET_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name)).strip().strip("'")
    return title[:31].strip() or "data"
