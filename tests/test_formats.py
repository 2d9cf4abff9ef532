"""Number formats, read as the editor sees them (issue 13).

A Russian-locale Google Sheet holds "45%" as 0.45 with a PERCENT format, "01.02.2025" as the day
serial 45689 with a DATE format and "12,5" as 12.5 shown with a decimal comma. Every kind of
column in utils/sheet/contract.py is filled with such cells, served by the local Sheets API server,
read through the real gspread client over HTTP and parsed; each parsed value must equal what the
editor sees, and one refresh must cost one API request. A first table tests the cell readers on
their own, so a broken reader shows which rule it broke.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook as XlsxWorkbook

from tests.sheets_api_server import SheetsApiServer, Typed, serial_number, workbook_from_xlsx
from utils.sheet import cells
from utils.sheet.contract import TABS, TABS_BY_NAME, a1
from utils.sheet.parse import ROW, Problem, parse_workbook
from utils.sources.base import Formatted
from utils.sources.files import XlsxSource
from utils.sources.gsheets import GoogleSheetSource
from utils.store import load

NBSP = "\u00a0"
TODAY = date(2025, 6, 1)


def day(when: date, shown: str | None = None) -> Formatted:
    """A date typed into a Russian-locale sheet: its serial, DATE, and dd.mm.yyyy."""
    return Formatted(serial_number(when), "DATE", shown or f"{when:%d.%m.%Y}")


def pct(value: float, shown: str) -> Formatted:
    """A percent typed as "45%": Google keeps 0.45 and a PERCENT format."""
    return Formatted(value, "PERCENT", shown)


# --- The readers on their own -----------------------------------------------------------------
# (reader, cell, value read, problem, warning)
READS: list[tuple[str, Any, Any, str | None, str | None]] = [
    ("percent", pct(0.45, "45%"), 45.0, None, None),
    ("percent", pct(0.475, "47,5%"), 47.5, None, None),
    ("percent", pct(0.0045, "0,45%"), 0.45, None, None),  # the sheet says 0,45 %: no warning
    ("percent", pct(1, "100%"), 100.0, None, None),
    ("percent", 0.45, 0.45, None, "percent_as_fraction"),
    ("percent", Formatted(0.45, "", "0,45"), 0.45, None, "percent_as_fraction"),
    ("percent", Formatted(0.45, "NUMBER", "0,45"), 0.45, None, "percent_as_fraction"),
    ("percent", "0,45", 0.45, None, "percent_as_fraction"),
    ("percent", 1, 1.0, None, "percent_as_fraction"),
    ("percent", "0,45%", 0.45, None, None),
    ("percent", "45%", 45.0, None, None),
    ("percent", 45, 45.0, None, None),
    ("percent", 0, 0.0, None, None),
    ("percent", day(date(2025, 2, 1)), None, "date_in_number", None),
    ("number", Formatted(12.5, "", "12,5"), 12.5, None, None),
    ("number", pct(0.617, "61,7%"), 61.7, None, None),
    ("number", Formatted(1500, "CURRENCY", f"1{NBSP}500,00{NBSP}₽"), 1500.0, None, None),
    ("number", Formatted(1234.0, "SCIENTIFIC", "1,23E+03"), 1234.0, None, None),
    ("number", day(date(2025, 5, 12), "12.05.2025"), None, "date_in_number", None),
    (
        "number",
        Formatted(45658.5, "DATE_TIME", "01.01.2025 12:00:00"),
        None,
        "date_in_number",
        None,
    ),
    ("number", Formatted(0.5, "TIME", "12:00:00"), None, "date_in_number", None),
    ("number", datetime(2025, 5, 12), None, "date_in_number", None),
    ("integer", Formatted(1540, "NUMBER", f"1{NBSP}540"), 1540, None, None),
    ("integer", pct(0.02, "2%"), None, "not_a_number", None),
    ("integer", day(date(2025, 2, 1)), None, "date_in_number", None),
    ("date", day(date(2025, 2, 1)), date(2025, 2, 1), None, None),
    ("date", Formatted(45689.75, "DATE_TIME", "01.02.2025 18:00:00"), date(2025, 2, 1), None, None),
    ("date", Formatted(45689, "NUMBER", "45689"), date(2025, 2, 1), None, None),
    ("date", pct(0.45, "45%"), None, "not_a_date", None),
    (
        "datetime",
        Formatted(45689.4375, "DATE_TIME", "01.02.2025 10:30:00"),
        datetime(2025, 2, 1, 10, 30),
        None,
        None,
    ),
    ("period", day(date(2025, 3, 1), "2025-03"), "2025-03", None, None),
    ("period", day(date(2025, 3, 1), "03.2025"), "2025-03", None, None),
    ("period", day(date(2025, 4, 1)), "2025-04", None, None),  # shown 01.04.2025: its month
    ("period", Formatted(2025, "NUMBER", "2025"), "2025", None, None),
    ("period", Formatted(0.5, "TIME", "12:00:00"), None, "not_a_period", None),
    ("text", day(date(2025, 2, 1)), "01.02.2025", None, None),
    ("text", pct(0.45, "45%"), "45%", None, None),
    ("text", Formatted(12.5, "", "12,5"), "12,5", None, None),
    ("text", "M-05", "M-05", None, None),
    ("bool", Formatted(1, "NUMBER", "1"), True, None, None),
    ("bool", day(date(2025, 2, 1)), None, "not_boolean", None),
]

READERS = {
    "percent": cells.read_percent,
    "number": cells.read_number,
    "integer": cells.read_integer,
    "date": cells.read_date,
    "datetime": cells.read_datetime,
    "period": cells.read_period,
    "text": cells.read_text,
    "bool": cells.read_bool,
}


@pytest.mark.parametrize(("kind", "cell", "value", "problem", "warning"), READS)
def test_readers_honour_the_number_format(
    kind: str, cell: Any, value: Any, problem: str | None, warning: str | None
) -> None:
    read = READERS[kind](cell)
    got = read.value.label if isinstance(read.value, cells.Period) else read.value
    assert (got, read.problem, read.warning) == (value, problem, warning)


def test_the_warning_names_both_readings() -> None:
    text = cells.explain(cells.read_percent(0.45))
    assert text == "read as 0.45%; if 45% was meant, type 45 or 45%"
    assert (
        cells.explain(cells.read_percent("0,3")) == "read as 0.3%; if 30% was meant, type 30 or 30%"
    )


@pytest.mark.parametrize(
    "cell",
    [
        pct(0.45, "45%"),
        day(date(2025, 2, 1)),
        Formatted(datetime(2025, 2, 1, 10, 30), "DATE_TIME", "01.02.2025 10:30:00"),
        Formatted(12.5, "", "12,5"),
    ],
)
def test_snapshots_keep_the_format(cell: Formatted) -> None:
    assert load._decode(json.loads(json.dumps(load._encode(cell)))) == cell


# --- Every kind of column, through the real gspread client over HTTP --------------------------
@dataclass(frozen=True)
class Case:
    """One cell typed into one column of a fresh row, and what the dashboard must read."""

    tab: str
    column: str
    cell: Any
    value: Any = None  # what the editor sees, as the parsed frame holds it
    problem: str | None = None  # an error at this cell (the value is not used)
    warning: str | None = None  # a warning at this cell (the value is used)
    also: dict[str, Any] = field(default_factory=dict)  # other cells of the row


def _base(tab: str, n: int) -> dict[str, Any]:
    """A valid row of ``tab`` (the n-th), so each case changes only its own cell."""
    return {
        "catalog": {
            "id": f"ind{n}",
            "name_en": "Indicator",
            "name_ru": "Показатель",
            "unit": "percent",
        },
        "indicators": {
            "indicator": "ost_coverage",
            "period": str(1990 + n),
            "region": "Чуйская область",
            "community": "Все сообщества",
            "numerator": 10,
            "denominator": 20,
        },
        "elections": {"id": f"el{n}", "title": "Выборы", "date": day(date(2025, 3, 14))},
        "votes": {"election": "ccph-2025", "candidate": "Айгерим Садыкова", "votes": 100},
        "milestones": {
            "id": f"M-{100 + n}",
            "objective": "Цель",
            "milestone": "Шаг",
            "lead": "Секретариат",
            "due": day(date(2025, 12, 31)),
            "status": "Выполнено",
        },
        "members": {"organisation": f"Организация {n}"},
    }[tab]


FIRST_ROWS: dict[str, dict[str, Any]] = {
    "catalog": {
        "id": "ost_coverage",
        "name_en": "OST coverage",
        "name_ru": "Охват ОЗТ",
        "unit": "percent",
    },
    "elections": {"id": "ccph-2025", "title": "Выборы 2025", "date": day(date(2025, 10, 16))},
}
"""Rows other rows refer to (an indicator id, an election id)."""

CASES: list[Case] = [
    # indicators: id, period, region, enum, number, text
    Case("indicators", "indicator", "OST_Coverage", "ost_coverage"),
    Case("indicators", "period", day(date(2025, 3, 1), "2025-03"), "2025-03"),
    Case("indicators", "period", day(date(2025, 4, 1)), "2025-04"),
    Case("indicators", "period", 2024, "2024"),
    Case("indicators", "region", "г. Бишкек", "KG-GB"),
    Case("indicators", "community", "Секс-работники", "sw"),
    Case(
        "indicators",
        "numerator",
        Typed(1234, "NUMBER", "#,##0", f"1{NBSP}234"),
        1234.0,
        also={"denominator": 2000},
    ),
    Case(
        "indicators",
        "value",
        Formatted(12.5, "", "12,5"),
        12.5,
        also={"numerator": None, "denominator": None},
    ),
    Case(
        "indicators",
        "value",
        pct(0.617, "61,7%"),
        61.7,
        also={"numerator": None, "denominator": None},
    ),
    Case("indicators", "value", day(date(2025, 2, 1)), None, problem="date_in_number"),
    Case("indicators", "source", day(date(2025, 2, 1)), "01.02.2025"),
    Case("indicators", "notes", pct(0.45, "45%"), "45%"),
    # catalog: id, text, enum, bool, number, integer
    Case("catalog", "id", Typed(5, "NUMBER", "000", "005"), "005"),
    Case("catalog", "name_en", "M-05", "M-05"),
    Case("catalog", "unit", "Процент", "percent"),
    Case("catalog", "higher_is_better", True, True),
    Case("catalog", "public", "да", True),
    Case("catalog", "target", pct(0.9, "90%"), 90.0),
    Case("catalog", "target", Formatted(1500, "CURRENCY", f"1{NBSP}500,00{NBSP}₽"), 1500.0),
    Case("catalog", "target", day(date(2025, 5, 12), "12.05.2025"), None, problem="date_in_number"),
    Case("catalog", "cascade_step", Typed(2, "NUMBER", "0"), 2),
    Case("catalog", "cascade_step", pct(0.02, "2%"), None, problem="not_a_number"),
    # elections: date, percent, integer
    Case("elections", "date", day(date(2025, 2, 1)), pd.Timestamp(2025, 2, 1)),
    Case("elections", "date", "14.03.2025", pd.Timestamp(2025, 3, 14)),
    Case("elections", "threshold", pct(0.4, "40%"), 40.0),
    Case("elections", "threshold", 0.45, 0.45, warning="percent_as_fraction"),
    Case("elections", "threshold", 45, 45.0),
    Case("elections", "threshold", "45%", 45.0),
    Case("elections", "threshold", day(date(2025, 2, 1)), None, problem="date_in_number"),
    Case("elections", "eligible_voters", Typed(1540, "NUMBER", "#,##0", f"1{NBSP}540"), 1540),
    Case("elections", "invalid_votes", day(date(2025, 2, 1)), None, problem="date_in_number"),
    Case("elections", "seats", 1, 1),
    # votes: integer, datetime
    Case("votes", "votes", Typed(1200, "NUMBER", "#,##0", f"1{NBSP}200"), 1200),
    Case(
        "votes",
        "timestamp",
        Formatted(45689.4375, "DATE_TIME", "01.02.2025 10:30:00"),
        pd.Timestamp(2025, 2, 1, 10, 30),
    ),
    Case("votes", "round", Formatted(2, "NUMBER", "2"), 2),
    # milestones: id, percent, date, enum
    Case("milestones", "id", "M-05", "M-05"),
    Case("milestones", "progress", pct(0.45, "45%"), 45.0),
    Case("milestones", "progress", 0.3, 0.3, warning="percent_as_fraction"),
    Case("milestones", "start", day(date(2025, 2, 1)), pd.Timestamp(2025, 2, 1)),
    Case("milestones", "due", day(date(2025, 6, 30)), pd.Timestamp(2025, 6, 30)),
    Case("milestones", "last_update", "01.02.2025", pd.Timestamp(2025, 2, 1)),
    Case("milestones", "status", "по плану", "on_track"),
    # members: date, region, enum
    Case("members", "joined", day(date(2020, 9, 30)), pd.Timestamp(2020, 9, 30)),
    Case("members", "region", "Нарынская область", "KG-N"),
    Case("members", "role", "Член коалиции", "member"),
]


def build() -> tuple[dict[str, list[list[Any]]], dict[int, tuple[int, str]]]:
    """The workbook (contract headers, then the reference rows, then one row per case) and,
    per case, its sheet row and A1 cell."""
    grids: dict[str, list[list[Any]]] = {}
    rows: dict[str, list[dict[str, Any]]] = {tab.name: [] for tab in TABS}
    for name, row in FIRST_ROWS.items():
        rows[name].append(row)
    where: dict[int, tuple[int, str]] = {}
    for n, case in enumerate(CASES):
        row = {**_base(case.tab, n), **case.also, case.column: case.cell}
        rows[case.tab].append(row)
        columns = TABS_BY_NAME[case.tab].column_names
        where[n] = (
            len(rows[case.tab]) + 1,
            a1(len(rows[case.tab]) + 1, columns.index(case.column)),
        )
    for tab in TABS:
        grids[tab.name] = [list(tab.column_names)] + [
            [row.get(column) for column in tab.column_names] for row in rows[tab.name]
        ]
    return grids, where


@dataclass
class Read:
    parsed: Any
    where: dict[int, tuple[int, str]]
    counts: dict[str, int]


@pytest.fixture(scope="module")
def read() -> Iterator[Read]:
    """One Russian-locale sheet holding every case, read once through real gspread."""
    grids, where = build()
    with SheetsApiServer(grids, locale="ru_RU") as server:
        source = GoogleSheetSource(
            server.spreadsheet_id, server.service_account_info(), api_root=server.api_root
        )
        raw = source.read()
        first = {"all": server.count(), "api": source.api_request_count}
        source.read()
        counts = {
            "first": first["all"],
            "first_api": first["api"],
            "second_api": source.api_request_count - first["api"],
            "gridData": server.count("gridData"),
            "other_api": server.count("metadata")
            + server.count("batchGet")
            + server.count("values"),
        }
        yield Read(parse_workbook(raw, today=TODAY), where, counts)


def test_every_kind_of_column_is_covered() -> None:
    covered = {TABS_BY_NAME[c.tab].column(c.column).kind for c in CASES}
    assert covered == {column.kind for tab in TABS for column in tab.columns}


def test_one_request_per_refresh(read: Read) -> None:
    assert read.counts["first"] == 2  # the token, then the one spreadsheets.get
    assert read.counts["first_api"] == 1 and read.counts["second_api"] == 1
    assert read.counts["gridData"] == 2 and read.counts["other_api"] == 0


def _problems_at(read: Read, case: Case, n: int) -> list[Problem]:
    _, cell = read.where[n]
    return [p for p in read.parsed.problems if p.tab == case.tab and p.cell == cell]


@pytest.mark.parametrize(
    "n", range(len(CASES)), ids=[f"{c.tab}.{c.column}:{c.cell!s}" for c in CASES]
)
def test_each_cell_reads_as_the_editor_sees_it(read: Read, n: int) -> None:
    case = CASES[n]
    row, cell = read.where[n]
    problems = _problems_at(read, case, n)
    if case.problem:
        assert [(p.code, p.severity) for p in problems] == [(case.problem, "error")], cell
        assert problems[0].value == str(case.cell)  # quoted as the sheet shows it
        frame = read.parsed[case.tab]
        kept = frame[frame[ROW] == row]
        assert kept.empty or pd.isna(kept.iloc[0][case.column])
        return
    codes = [(p.code, p.severity) for p in problems]
    if case.warning:
        assert codes == [(case.warning, "warning")], cell
    else:
        assert not [c for c in codes if c[1] == "error"], (cell, codes)
    frame = read.parsed[case.tab]
    found = frame[frame[ROW] == row]
    assert len(found) == 1, f"row {row} of {case.tab} was not used"
    got = found.iloc[0][case.column]
    if isinstance(case.value, float):
        assert got == pytest.approx(case.value), cell
    else:
        assert got == case.value, cell


def test_the_fraction_warning_names_both_readings(read: Read) -> None:
    n = next(i for i, c in enumerate(CASES) if c.tab == "elections" and c.cell == 0.45)
    (problem,) = _problems_at(read, CASES[n], n)
    assert problem.value == "0,45"  # what the Russian-locale sheet shows
    assert problem.expected == "read as 0.45%; if 45% was meant, type 45 or 45%"


def test_a_forty_percent_threshold_is_forty(read: Read) -> None:
    elections = read.parsed["elections"]
    n = next(i for i, c in enumerate(CASES) if c.column == "threshold" and c.value == 40.0)
    row, _ = read.where[n]
    assert elections.loc[elections[ROW] == row, "threshold"].item() == 40.0


# --- An .xlsx with percent and date formats, served as a sheet and read directly --------------
def _formatted_xlsx(path: Path) -> Path:
    book = XlsxWorkbook()
    sheet = book.active
    sheet.title = "milestones"
    sheet.append(["id", "objective", "milestone", "lead", "due", "status", "progress", "start"])
    sheet.append(
        [
            "M-05",
            "Цель",
            "Шаг",
            "Лид",
            datetime(2025, 6, 30),
            "Выполнено",
            0.45,
            datetime(2025, 2, 1),
        ]
    )
    sheet.append(["M-06", "Цель", "Шаг", "Лид", datetime(2025, 7, 31), "Выполнено", 0.475, None])
    sheet["E2"].number_format = sheet["E3"].number_format = "DD.MM.YYYY"
    sheet["H2"].number_format = "DD.MM.YYYY"
    sheet["G2"].number_format = "0%"
    sheet["G3"].number_format = "0.0%"
    book.save(path)
    return path


def test_an_xlsx_with_formats_reads_the_same_directly_and_as_a_sheet(tmp_path: Path) -> None:
    path = _formatted_xlsx(tmp_path / "formats.xlsx")
    direct = XlsxSource(path).read()
    assert direct["milestones"][1][6] == Formatted(0.45, "PERCENT", "45%")
    assert direct["milestones"][2][6] == Formatted(0.475, "PERCENT", "47,5%")
    with SheetsApiServer(workbook_from_xlsx(path, "ru_RU"), locale="ru_RU") as server:
        source = GoogleSheetSource(
            server.spreadsheet_id, server.service_account_info(), api_root=server.api_root
        )
        via_sheet = source.read()
        assert server.count("gridData") == 1
    assert via_sheet["milestones"][1][4] == Formatted(45838, "DATE", "30.06.2025")
    for raw in (direct, via_sheet):
        milestones = parse_workbook(raw, today=TODAY)["milestones"]
        assert milestones["progress"].tolist() == [45.0, 47.5]
        assert milestones["due"].tolist() == [pd.Timestamp(2025, 6, 30), pd.Timestamp(2025, 7, 31)]
        assert milestones["start"].iloc[0] == pd.Timestamp(2025, 2, 1)


# --- The server answers every render option from the same typed cells -------------------------
RU_CELLS = {
    "formats": [
        ["percent", "date", "number", "text"],
        [pct(0.45, "45%"), day(date(2025, 2, 1)), 12.5, "M-05"],
    ]
}


@pytest.fixture
def ru_server() -> Iterator[SheetsApiServer]:
    with SheetsApiServer(RU_CELLS, locale="ru_RU") as server:
        yield server


def _http(server: SheetsApiServer) -> Any:
    return GoogleSheetSource(
        server.spreadsheet_id, server.service_account_info(), api_root=server.api_root
    )._http


@pytest.mark.parametrize(
    ("render", "dates", "row"),
    [
        ("FORMATTED_VALUE", "SERIAL_NUMBER", ["45%", "01.02.2025", "12,5", "M-05"]),
        ("UNFORMATTED_VALUE", "SERIAL_NUMBER", [0.45, 45689, 12.5, "M-05"]),
        ("UNFORMATTED_VALUE", "FORMATTED_STRING", [0.45, "01.02.2025", 12.5, "M-05"]),
        ("FORMULA", "SERIAL_NUMBER", [0.45, 45689, 12.5, "M-05"]),
    ],
)
def test_values_batch_get_in_every_render_option(
    ru_server: SheetsApiServer, render: str, dates: str, row: list[Any]
) -> None:
    body = _http(ru_server).values_batch_get(
        ru_server.spreadsheet_id,
        ["'formats'"],
        params={"valueRenderOption": render, "dateTimeRenderOption": dates},
    )
    assert body["valueRanges"][0]["values"][1] == row


def test_grid_data_honours_the_fields_mask(ru_server: SheetsApiServer) -> None:
    http = _http(ru_server)
    mask = "sheets(properties.title,data.rowData.values(effectiveValue,formattedValue,effectiveFormat.numberFormat))"
    body = http.spreadsheets_get(ru_server.spreadsheet_id, params={"fields": mask})
    assert set(body) == {"sheets"}
    (sheet,) = body["sheets"]
    assert sheet["properties"] == {"title": "formats"}
    percent, when, number, text = sheet["data"][0]["rowData"][1]["values"]
    assert percent == {
        "effectiveValue": {"numberValue": 0.45},
        "formattedValue": "45%",
        "effectiveFormat": {"numberFormat": {"type": "PERCENT", "pattern": "0%"}},
    }
    assert when["effectiveFormat"]["numberFormat"]["type"] == "DATE"
    assert when["effectiveValue"] == {"numberValue": 45689}
    assert number == {"effectiveValue": {"numberValue": 12.5}, "formattedValue": "12,5"}
    assert text == {"effectiveValue": {"stringValue": "M-05"}, "formattedValue": "M-05"}
    assert ru_server.count("gridData") == 1


def test_grid_data_without_a_mask_is_the_whole_cell(ru_server: SheetsApiServer) -> None:
    body = _http(ru_server).spreadsheets_get(
        ru_server.spreadsheet_id, params={"includeGridData": "true"}
    )
    percent = body["sheets"][0]["data"][0]["rowData"][1]["values"][0]
    assert percent["userEnteredValue"] == {"numberValue": 0.45}
    assert "textFormat" in percent["effectiveFormat"]  # why the source sends a mask
    assert body["properties"]["locale"] == "ru_RU"
    plain = _http(ru_server).spreadsheets_get(ru_server.spreadsheet_id)
    assert "data" not in plain["sheets"][0]  # no grid data unless asked for


def test_the_csv_export_is_what_the_sheet_shows(ru_server: SheetsApiServer) -> None:
    from utils.sources.published import PublishedSheetSource

    source = PublishedSheetSource(
        ru_server.spreadsheet_url,
        {"formats": ru_server.gid("formats")},
        base_url=ru_server.api_root,
    )
    assert source.read()["formats"][1] == ["45%", "01.02.2025", "12,5", "M-05"]
    # Text in the sheet's locale, and no format: "45%" still reads as 45 …
    assert cells.read_percent("45%").value == 45.0
    # … but nothing can tell a cell typed 0,45 from one meant as 45 %: hence the warning.
    assert cells.read_percent("0,45").warning == "percent_as_fraction"
