"""Replay real Google responses (gspread's recorded cassettes) through the source and the server.

The cassettes prove two things: GoogleSheetSource reads Google's real shapes (ragged rows, a
blank row as [], no "values" for an empty range, quoted titles, real 403/404 bodies) when they
arrive over HTTP through gspread; and the local server answers in those same shapes.
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
from utils.sources.gsheets import GoogleSheetSource, _titles_from_metadata, _workbook_from_batch

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


def test_recorded_ragged_rows_arrive_unchanged_over_http(server: SheetsApiServer) -> None:
    (metadata, *_) = recorded("WorksheetTest.test_get_all_values.json", "GET", "includeGridData")
    value_ranges = [
        json.loads(r["body"]["string"])
        for r in recorded("WorksheetTest.test_get_all_values.json", "GET", "/values/%27Sheet1%27")
    ]
    full = next(v for v in value_ranges if "values" in v)
    batch = {"spreadsheetId": "x", "valueRanges": [full]}
    server.add_faults(
        as_fault(metadata, "metadata"),
        Fault(body=json.dumps(batch).encode(), match="batchGet"),
    )
    workbook = source_for(server).read()
    # Trailing blanks cut (["", "b2"]), a blank row as [], a blank inside a row kept as "".
    assert workbook == {"Sheet1": [["A1", "B1", "", "D1"], ["", "b2"], [], ["A4", "B4", "", "D4"]]}
    assert server.count("batchGet") == 1


def test_recorded_range_without_values_is_an_empty_tab(server: SheetsApiServer) -> None:
    (metadata, *_) = recorded("WorksheetTest.test_get_all_values.json", "GET", "includeGridData")
    empty = json.loads(
        recorded("WorksheetTest.test_get_all_values.json", "GET", "%21A1%3AD1")[0]["body"]["string"]
    )
    assert "values" not in empty  # the real API omits the key
    server.add_faults(
        as_fault(metadata, "metadata"),
        Fault(body=json.dumps({"valueRanges": [empty]}).encode(), match="batchGet"),
    )
    assert source_for(server).read() == {"Sheet1": []}


def test_recorded_batch_get_pairs_ranges_by_position() -> None:
    (response, *_) = recorded("SpreadsheetTest.test_values_batch_get.json", "GET", "batchGet")
    body = json.loads(response["body"]["string"])
    # The echoed ranges carry the quoted emoji title and the grid size, not what was asked.
    assert body["valueRanges"][0]["range"].startswith("'🌵 test_values_batch_get 1'!")
    workbook = _workbook_from_batch(["A", "B", "C"], body)
    assert workbook["A"] == [["🍇"], ["🍐"]]
    assert workbook["B"] == [["🍉"], ["🍎"]]
    assert len(workbook["C"]) == 2


def test_recorded_403_names_the_service_account(server: SheetsApiServer) -> None:
    (response,) = recorded(
        "ClientTest.test_access_private_spreadsheet.json", "GET", "includeGridData", 403
    )
    server.add_faults(as_fault(response, "metadata"))
    source = source_for(server)
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert DEFAULT_EMAIL in info.value.user_message
    assert server.spreadsheet_id not in info.value.user_message
    assert server.count("metadata") == 1  # a 403 is final: no retry


def test_recorded_404_is_not_found(server: SheetsApiServer) -> None:
    responses = recorded(
        "ClientTest.test_access_non_existing_spreadsheet.json", "GET", "includeGridData", 404
    )
    assert len(responses) == 4
    server.add_faults(as_fault(responses[0], "metadata"))
    source = source_for(server)
    with pytest.raises(SourceNotFound):
        source.read()
    assert server.count("metadata") == 1


# -- the local server answers like Google ------------------------------------------------------
def _gspread_http(server: SheetsApiServer) -> Any:
    """The source's gspread HTTP client, to send raw API calls to the local server."""
    source = source_for(server)
    return source._http


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
