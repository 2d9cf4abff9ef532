"""Local sources: an .xlsx workbook (the bundled sample is one) or a folder of CSV files."""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from utils.sources.base import Cell, Formatted, RawWorkbook, SourceMalformed, SourceNotFound

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample.xlsx"
SAMPLE_HISTORY_PATH = SAMPLE_PATH.with_name("sample_history.xlsx")
"""The sample's earlier versions, one tab per meeting (written by ``data/make_sample.py``)."""

_QUOTED_OR_ESCAPED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escapes, [Red] / [$€]
_CURRENCY = re.compile(r"[$€£¥₽]|\[\$|р\.|руб|сом", re.IGNORECASE)


def google_format_type(number_format: str | None, value: object = None) -> str:
    """The Google NumberFormat type an Excel number format corresponds to ("" for General).

    Only the first section (positive numbers) is looked at, as Excel and Google do.
    """
    pattern = (number_format or "General").split(";")[0]
    if pattern in ("General", ""):
        return ""
    if pattern == "@":
        return "TEXT"
    if _CURRENCY.search(pattern):
        return "CURRENCY"
    bare = _QUOTED_OR_ESCAPED.sub("", pattern)
    if "%" in bare:
        return "PERCENT"
    if re.search(r"[eE][+-]", bare):
        return "SCIENTIFIC"
    has_date = re.search(r"[dDyY]", bare) is not None or (
        re.search(r"[mM]", bare) is not None and re.search(r"[hHsS]", bare) is None
    )
    has_time = re.search(r"[hHsS]", bare) is not None or isinstance(value, time)
    if has_date and has_time:
        return "DATE_TIME"
    if has_date:
        return "DATE"
    if has_time:
        return "TIME"
    return "NUMBER"


def _decimals(pattern: str) -> int:
    """Digits after the decimal point in a number pattern such as ``0.0%``."""
    found = re.search(r"\.([0#?]+)", _QUOTED_OR_ESCAPED.sub("", pattern))
    return len(found.group(1)) if found else 0


def _ru_number(value: float, decimals: int) -> str:
    """A number written the Russian way with ``decimals`` decimals: 47,5."""
    return f"{value:.{decimals}f}".replace(".", ",")


def _xlsx_cell(value: Any, number_format: str | None) -> Cell:
    """An openpyxl value as a raw cell: percents and moments keep their format and shown text.

    openpyxl hands over 0.45 for a cell showing 45% and a datetime for a date-formatted cell;
    ``shown`` is written the way a Russian-locale Excel shows them (45%, 01.02.2025).
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    kind = google_format_type(number_format, value)
    if kind == "PERCENT" and isinstance(value, int | float):
        hundredfold = float(Decimal(repr(float(value))) * 100)
        return Formatted(
            value, "PERCENT", _ru_number(hundredfold, _decimals(number_format or "")) + "%"
        )
    if isinstance(value, time):
        serial = (value.hour * 3600 + value.minute * 60 + value.second) / 86400
        return Formatted(serial, "TIME", value.strftime("%H:%M:%S"))
    if isinstance(value, datetime | date):
        moment = (
            value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        )
        pattern = _QUOTED_OR_ESCAPED.sub("", (number_format or "").split(";")[0]).lower()
        if kind == "DATE_TIME" or (kind not in ("DATE",) and moment.time() != time()):
            seconds = ":%S" if "s" in pattern or not pattern else ""
            return Formatted(moment, "DATE_TIME", moment.strftime(f"%d.%m.%Y %H:%M{seconds}"))
        if "d" not in pattern and "m" in pattern and "y" in pattern:
            shown = moment.strftime("%m.%Y")  # a month, as "03.2025" shows
        elif "d" not in pattern and "m" not in pattern and "y" in pattern:
            shown = moment.strftime("%Y")
        else:
            shown = moment.strftime("%d.%m.%Y")
        return Formatted(moment, "DATE", shown)
    return value


@dataclass(frozen=True)
class XlsxSource:
    """Every tab of a local .xlsx file, with cell values as Excel stores them.

    Cells formatted as a percent or a date come as :class:`Formatted` (0.45 shown as 45%), like
    a Google Sheet's; every other cell is its plain value.
    """

    path: Path
    sample: bool = False

    @property
    def label(self) -> str:
        """The file name only: folders can say more about a machine than a browser needs."""
        return "sample workbook" if self.sample else f"{self.path.name}"

    def read(self) -> RawWorkbook:
        """Read each worksheet's values (formulas as their last computed value)."""
        if not self.path.is_file():
            raise SourceNotFound(f"The workbook file {self.path.name} was not found.")
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
            raise SourceMalformed(f"{self.path.name} is not a readable .xlsx workbook.") from err
        try:
            return {
                sheet.title: [
                    [_xlsx_cell(cell.value, getattr(cell, "number_format", None)) for cell in row]
                    for row in sheet.iter_rows()
                ]
                for sheet in book.worksheets
            }
        finally:
            book.close()


@dataclass(frozen=True)
class CsvFolderSource:
    """A folder holding one ``<tab>.csv`` per tab (UTF-8, comma or semicolon separated)."""

    path: Path

    @property
    def label(self) -> str:
        """The folder's name only."""
        return f"{self.path.name}/ (CSV)"

    def read(self) -> RawWorkbook:
        """Read every .csv file in the folder as text cells."""
        if not self.path.is_dir():
            raise SourceNotFound(f"The CSV folder {self.path.name} was not found.")
        workbook: RawWorkbook = {}
        for file in sorted(self.path.glob("*.csv")):
            text = file.read_text(encoding="utf-8-sig")
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel  # type: ignore[assignment]
            workbook[file.stem] = [list(row) for row in csv.reader(text.splitlines(), dialect)]
        if not workbook:
            raise SourceMalformed(f"The folder {self.path.name} holds no .csv files.")
        return workbook
