"""Replay real Google responses (gspread's recorded cassettes) through the source and the server.

The cassettes prove two things: GoogleSheetSource reads Google's real shapes (the spreadsheet
description, ragged rows, a blank row, an empty tab, real 403/404 bodies) when they arrive over
HTTP through gspread; and the local server answers in those same shapes.

The source now reads with one ``spreadsheets.get`` with grid data. No cassette records grid data,
so those answers are the recorded spreadsheet description with the recorded cell values written
as CellData (``grid_body``); the description itself and the error bodies are served byte for byte.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from gspread.exceptions import APIError

from tests.sheets_api_server import DEFAULT_EMAIL, Fault, SheetsApiServer
from utils.sources.base import SourceAccessDenied, SourceNotFound
from utils.sources.gsheets import GoogleSheetSource, _titles_from_metadata

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
CASSETTES = FIXTURES / "gspread_cassettes"
CASSETTE_NAMES = [
    "ClientTest.test_access_non_existing_spreadsheet.json",
    "ClientTest.test_access_private_spreadsheet.json",
    "SpreadsheetTest.test_values_batch_get.json",
    "SpreadsheetTest.test_values_get.json",
    "WorksheetTest.test_get_all_records.json",
    "WorksheetTest.test_get_all_values.json",
]


@cache
def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((CASSETTES / name).read_text(encoding="utf-8"))["interactions"]


def interactions(name: str) -> list[dict[str, Any]]:
    """The recorded interactions of one cassette; skip (or fail on CI) when absent."""
    if not (CASSETTES / name).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"fixture {CASSETTES / name} is missing on CI")
        pytest.skip("../shared/fixtures/gspread_cassettes is not present in this checkout")
    return _load(name)


def recorded(name: str, method: str, marker: str, status: int = 200) -> list[dict[str, Any]]:
    """Responses to Sheets API requests whose URI holds ``marker``, with the given status."""
    out = []
    for item in interactions(name):
        request, response = item["request"], item["response"]
        if (
            request["method"] == method
            and "sheets.googleapis.com" in request["uri"]
            and marker in request["uri"]
            and response["status"]["code"] == status
        ):
            out.append(response)
    return out


def as_fault(response: dict[str, Any], match: str) -> Fault:
    """Serve a recorded response byte for byte: its status, content type and body."""
    content_type = response["headers"].get("Content-Type", ["application/json"])[0]
    return Fault(
        status=response["status"]["code"],
        body=response["body"]["string"].encode("utf-8"),
        content_type=content_type,
        match=match,
    )


def grid_body(metadata: dict[str, Any], values: list[list[str]]) -> dict[str, Any]:
    """A recorded spreadsheet description whose first tab holds ``values`` (FORMATTED_VALUE
    strings, as recorded) as Google's grid data: a blank cell as {}, a blank row as {}."""
    body = json.loads(json.dumps(metadata))
    rows = [
        {
            "values": [
                {"effectiveValue": {"stringValue": v}, "formattedValue": v} if v else {}
                for v in row
            ]
        }
        if row
        else {}
        for row in values
    ]
    body["sheets"][0]["data"] = [{"rowData": rows}]
    return body


@pytest.fixture
def server() -> Iterator[SheetsApiServer]:
    """The local server; recorded bodies are injected as faults."""
    with SheetsApiServer({"Sheet1": []}) as srv:
        yield srv


def source_for(server: SheetsApiServer) -> GoogleSheetSource:
    """A source over the real gspread client, pointed at the local server."""
    return GoogleSheetSource(
        server.spreadsheet_id,
        server.service_account_info(),
        api_root=server.api_root,
        backoff_base=0.01,
    )


# -- the source reads real shapes ----------------------------------------------------------------
@pytest.mark.parametrize("name", CASSETTE_NAMES)
def test_every_recorded_metadata_body_yields_the_tab_list(name: str) -> None:
    bodies = recorded(name, "GET", "includeGridData=false")
    assert bodies, "each cassette records at least one spreadsheet metadata answer"
    for response in bodies:
        titles, title = _titles_from_metadata(json.loads(response["body"]["string"]))
        assert titles == ["Sheet1"]
        assert title is not None and title.startswith("Test ")


def test_recorded_ragged_rows_arrive_over_http(server: SheetsApiServer) -> None:
    (metadata, *_) = recorded("WorksheetTest.test_get_all_values.json", "GET", "includeGridData")
    value_ranges = [
        json.loads(r["body"]["string"])
        for r in recorded("WorksheetTest.test_get_all_values.json", "GET", "/values/%27Sheet1%27")
    ]
    full = next(v for v in value_ranges if "values" in v)
    assert full["values"] == [["A1", "B1", "", "D1"], ["", "b2"], [], ["A4", "B4", "", "D4"]]
    body = grid_body(json.loads(metadata["body"]["string"]), full["values"])
    server.add_faults(Fault(body=json.dumps(body).encode(), match="gridData"))
    workbook = source_for(server).read()
    # Trailing blanks cut (["", "b2"]), a blank row as [], a blank inside a row as None.
    assert workbook == {
        "Sheet1": [["A1", "B1", None, "D1"], [None, "b2"], [], ["A4", "B4", None, "D4"]]
    }
    assert server.count("gridData") == 1
    assert server.count() == 2  # the token, then the one read


@pytest.mark.parametrize("data", [None, [], [{}], [{"rowData": []}]])
def test_recorded_tab_without_cells_is_an_empty_tab(server: SheetsApiServer, data: Any) -> None:
    (metadata, *_) = recorded("WorksheetTest.test_get_all_values.json", "GET", "includeGridData")
    body = json.loads(metadata["body"]["string"])
    assert "data" not in body["sheets"][0]  # what Google sends when no grid data is asked for
    if data is not None:
        body["sheets"][0]["data"] = data
    server.add_faults(Fault(body=json.dumps(body).encode(), match="gridData"))
    assert source_for(server).read() == {"Sheet1": []}


def test_recorded_description_names_the_tabs_of_the_read(server: SheetsApiServer) -> None:
    (metadata, *_) = recorded("SpreadsheetTest.test_values_get.json", "GET", "includeGridData")
    server.add_faults(as_fault(metadata, "gridData"))  # byte for byte
    source = source_for(server)
    assert source.read() == {"Sheet1": []}
    assert source.spreadsheet_title is not None and source.spreadsheet_title.startswith("Test ")
    link = source.cell_url("Sheet1", "A1")
    assert link is not None and "#gid=0&range=A1" in link


def test_recorded_403_names_the_service_account(server: SheetsApiServer) -> None:
    (response,) = recorded(
        "ClientTest.test_access_private_spreadsheet.json", "GET", "includeGridData", 403
    )
    server.add_faults(as_fault(response, "gridData"))
    source = source_for(server)
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert DEFAULT_EMAIL in info.value.user_message
    assert server.spreadsheet_id not in info.value.user_message
    assert server.count("gridData") == 1  # a 403 is final: no retry


def test_recorded_404_is_not_found(server: SheetsApiServer) -> None:
    responses = recorded(
        "ClientTest.test_access_non_existing_spreadsheet.json", "GET", "includeGridData", 404
    )
    assert len(responses) == 4
    server.add_faults(as_fault(responses[0], "gridData"))
    source = source_for(server)
    with pytest.raises(SourceNotFound):
        source.read()
    assert server.count("gridData") == 1


# -- the local server answers like Google ------------------------------------------------------
def _gspread_http(server: SheetsApiServer) -> Any:
    """The source's gspread HTTP client, to send raw API calls to the local server."""
    source = source_for(server)
    return source._http


def test_server_metadata_matches_the_recording(server: SheetsApiServer) -> None:
    (response, *_) = recorded("WorksheetTest.test_get_all_values.json", "GET", "includeGridData")
    expected = json.loads(response["body"]["string"])
    got = _gspread_http(server).fetch_sheet_metadata(server.spreadsheet_id)
    assert set(got) == set(expected)
    assert set(got["sheets"][0]["properties"]) == set(expected["sheets"][0]["properties"])
    assert got["sheets"][0]["properties"]["gridProperties"] == {"rowCount": 1000, "columnCount": 26}
    assert "data" not in got["sheets"][0]
    assert _titles_from_metadata(got) == (["Sheet1"], server.title)


def test_server_values_get_matches_the_recording(server: SheetsApiServer) -> None:
    # The sheet gspread's test wrote: a blank header cell, a blank row, numbers.
    server.set_workbook(
        {
            "Sheet1": [
                ["A1", "B1", "", "D1"],
                [1, "b2", 1.45, ""],
                ["", "", "", ""],
                ["A4", 0.4, "", 4],
            ]
        }
    )
    (response, *_) = recorded("WorksheetTest.test_get_all_records.json", "GET", "/values/")
    expected = json.loads(response["body"]["string"])
    got = _gspread_http(server).values_get(server.spreadsheet_id, "'Sheet1'")
    assert got["values"] == expected["values"]
    assert got["majorDimension"] == expected["majorDimension"]
    assert got["range"].split("!")[0] == expected["range"].split("!")[0] == "Sheet1"


def test_server_batch_get_matches_the_recording(server: SheetsApiServer) -> None:
    title = "🌵 test_values_batch_get 1"
    server.set_workbook({title: [["🍇", "🍉", "🍋"], ["🍐", "🍎", "🍓"]]})
    (response, *_) = recorded("SpreadsheetTest.test_values_batch_get.json", "GET", "batchGet")
    expected = json.loads(response["body"]["string"])
    ranges = [f"{title}!A:A", f"{title}!B:B", f"{title}!C:C"]  # as gspread's test sent them
    got = _gspread_http(server).values_batch_get(server.spreadsheet_id, ranges)
    assert [v["values"] for v in got["valueRanges"]] == [
        v["values"] for v in expected["valueRanges"]
    ]
    assert [v["range"].split("!")[0] for v in got["valueRanges"]] == [
        v["range"].split("!")[0] for v in expected["valueRanges"]
    ]


def test_server_empty_range_omits_values_like_the_recording(server: SheetsApiServer) -> None:
    server.set_workbook({"Sheet1": []})
    expected = json.loads(
        recorded("WorksheetTest.test_get_all_values.json", "GET", "%21A1%3AD1")[0]["body"]["string"]
    )
    got = _gspread_http(server).values_get(server.spreadsheet_id, "'Sheet1'!A1:D1")
    assert got == expected


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("ClientTest.test_access_private_spreadsheet.json", 403),
        ("ClientTest.test_access_non_existing_spreadsheet.json", 404),
    ],
)
def test_server_error_bodies_match_the_recording(
    server: SheetsApiServer, name: str, status: int
) -> None:
    expected = json.loads(recorded(name, "GET", "includeGridData", status)[0]["body"]["string"])
    server.add_faults(Fault(status))
    http = _gspread_http(server)
    http.policy = type(http.policy)(max_attempts=1)
    with pytest.raises(APIError) as info:
        http.fetch_sheet_metadata(server.spreadsheet_id)
    assert info.value.response.json() == expected
