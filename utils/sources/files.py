"""Local sources: an .xlsx workbook (the bundled sample is one) or a folder of CSV files."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from utils.sources.base import RawWorkbook, SourceMalformed, SourceNotFound

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample.xlsx"


@dataclass(frozen=True)
class XlsxSource:
    """Every tab of a local .xlsx file, with cell values as Excel stores them."""

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
                sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
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
