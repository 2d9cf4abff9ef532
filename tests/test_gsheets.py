"""GoogleSheetSource driven through the real gspread client against the local Sheets API server."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import gspread.http_client
import gspread.urls
import pytest

from tests.sheets_api_server import DEFAULT_EMAIL, Fault, SheetsApiServer
from utils.sources.base import (
    Formatted,
    SourceAccessDenied,
    SourceConfigError,
    SourceError,
    SourceMalformed,
    SourceNotFound,
    SourceUnavailable,
)
from utils.sources.gsheets import (
    GOOGLE_API_ROOT,
    GRID_FIELDS,
    BoundedRetryHTTPClient,
    GoogleSheetSource,
    RetryPolicy,
    from_settings,
    normalise_api_root,
    sheets_settings,
    spreadsheet_key,
)

WORKBOOK: dict[str, list[list[Any]]] = {
    "votes": [
        ["region", "candidate", "votes", "counted_on"],
        ["Bishkek", "A", 1200, date(2024, 11, 17)],
        [],
        ["Osh", "B", 830.5, None],
        ["Naryn", "", 12, datetime(2024, 11, 18, 12, 0)],
    ],
    "Programme access": [["indicator", "value"], ["on ART", 0.61]],
    "empty": [],
    "Жалал-Абад 'south'": [["район", "число"], ["Сузак", 7]],
}

# What the source makes of Google's grid data for WORKBOOK (an en_US sheet): trailing blanks cut,
# a blank row kept as [], a blank cell inside a row as None, plain numbers as numbers, and dates
# as their day serial since 1899-12-30 with the date format and the text the sheet shows.
EXPECTED: dict[str, list[list[Any]]] = {
    "votes": [
        ["region", "candidate", "votes", "counted_on"],
        ["Bishkek", "A", 1200, Formatted(45613, "DATE", "11/17/2024")],
        [],
        ["Osh", "B", 830.5],
        ["Naryn", None, 12, Formatted(45614.5, "DATE_TIME", "11/18/2024 12:00:00")],
    ],
    "Programme access": [["indicator", "value"], ["on ART", 0.61]],
    "empty": [],
    "Жалал-Абад 'south'": [["район", "число"], ["Сузак", 7]],
}

FAST = {"backoff_base": 0.01, "timeout": 2.0}


@pytest.fixture
def server() -> Iterator[SheetsApiServer]:
    """A fresh local Sheets API serving WORKBOOK."""
    with SheetsApiServer(WORKBOOK) as srv:
        yield srv


def make_source(server: SheetsApiServer, **kwargs: Any) -> GoogleSheetSource:
    """A source pointed at the local server, with tiny backoff unless told otherwise."""
    options = {**FAST, **kwargs}
    return GoogleSheetSource(
        server.spreadsheet_url,
        server.service_account_info(),
        api_root=server.api_root,
        **options,
    )


def assert_safe(err: SourceError, server: SheetsApiServer, source: GoogleSheetSource) -> None:
    """A user message never holds the sheet key, a URL with it, key material or a traceback."""
    text = err.user_message
    assert server.spreadsheet_id not in text
    assert "PRIVATE KEY" not in text and "private_key" not in text
    assert "Traceback" not in text and "http" not in text
    assert source.last_error == text


# -- happy path ------------------------------------------------------------------------------
def test_read_returns_every_tab_as_google_shapes_it(server: SheetsApiServer) -> None:
    source = make_source(server)
    assert source.read() == EXPECTED
    assert source.last_error is None
    assert source.spreadsheet_title == server.title


def test_one_request_per_read_and_the_token_once(server: SheetsApiServer) -> None:
    source = make_source(server)
    source.read()
    source.read()
    assert server.count("token") == 1
    assert server.count("gridData") == 2  # the tab list comes with the cells
    assert server.count("metadata") == server.count("batchGet") == server.count("values") == 0
    assert source.request_count == server.count() == 3
    assert source.api_request_count == 2
    assert source.token_request_count == 1
    assert source.reads == 2


def test_the_read_asks_for_grid_data_through_a_tight_mask(server: SheetsApiServer) -> None:
    make_source(server).read()
    (read,) = [r for r in server.requests if r.kind == "gridData"]
    assert read.method == "GET"
    assert read.path == f"/v4/spreadsheets/{server.spreadsheet_id}"
    assert read.query["fields"] == [GRID_FIELDS]
    assert read.query["includeGridData"] == ["true"]
    assert read.query["prettyPrint"] == ["false"]  # Google indents its JSON unless told not to
    assert "ranges" not in read.query  # every tab, so a renamed tab cannot break the read
    # Per cell only the value, the shown text and the format type: no fonts, colours, notes.
    for name in ("effectiveValue", "formattedValue", "effectiveFormat.numberFormat.type"):
        assert name in GRID_FIELDS
    for name in ("userEnteredValue", "textFormat", "note", "pattern", "gridProperties"):
        assert name not in GRID_FIELDS


def test_token_is_asked_for_once_by_post(server: SheetsApiServer) -> None:
    make_source(server).read()
    (token,) = [r for r in server.requests if r.kind == "token"]
    assert token.method == "POST"


def test_chart_sheets_are_skipped(server: SheetsApiServer) -> None:
    server.set_workbook(WORKBOOK, chart_sheets=["Chart 1"])
    assert list(make_source(server).read()) == list(EXPECTED)


def test_sheet_without_tabs_reads_as_empty_workbook(server: SheetsApiServer) -> None:
    server.set_workbook({})
    source = make_source(server)
    assert source.read() == {}
    assert server.count("gridData") == 1


@pytest.mark.parametrize(
    "spreadsheet",
    [
        "https://docs.google.com/spreadsheets/d/{id}/edit#gid=0",
        "https://docs.google.com/spreadsheets/d/{id}/edit?usp=sharing",
        "https://docs.google.com/spreadsheets/d/{id}",
        "{id}",
        "  {id}  ",
    ],
)
def test_spreadsheet_by_url_or_key(server: SheetsApiServer, spreadsheet: str) -> None:
    source = GoogleSheetSource(
        spreadsheet.format(id=server.spreadsheet_id),
        server.service_account_info(),
        api_root=server.api_root,
    )
    assert source.read() == EXPECTED


# -- a sheet that changes ---------------------------------------------------------------------
def test_changed_values_are_seen_on_the_next_read(server: SheetsApiServer) -> None:
    source = make_source(server)
    source.read()
    server.set_workbook({**WORKBOOK, "votes": [["region", "votes"], ["Talas", 5]]})
    assert source.read()["votes"] == [["region", "votes"], ["Talas", 5]]
    assert server.count("gridData") == 2


def test_renamed_tab_is_read_under_its_new_name_in_one_request(server: SheetsApiServer) -> None:
    source = make_source(server)
    source.read()
    server.rename_tab("votes", "votes 2024")
    workbook = source.read()
    assert "votes" not in workbook
    assert workbook["votes 2024"] == EXPECTED["votes"]
    assert server.count("gridData") == 2  # no refused range, no retry
    assert source.request_count == server.count()


def test_a_400_is_final_and_plain(server: SheetsApiServer) -> None:
    source = make_source(server)
    server.add_faults(Fault(400, message="Invalid field selection", times=None))
    with pytest.raises(SourceMalformed) as info:
        source.read()
    assert server.count("gridData") == 1
    assert_safe(info.value, server, source)


def test_added_tab_appears_on_the_next_read(server: SheetsApiServer) -> None:
    source = make_source(server)
    source.read()
    server.set_workbook({**WORKBOOK, "strategy": [["milestone"]]})
    assert source.read()["strategy"] == [["milestone"]]
    source.reset_tabs()  # kept for callers; nothing to forget any more
    assert source.read()["strategy"] == [["milestone"]]
    assert server.count("gridData") == 3


# -- passing failures: bounded retries ----------------------------------------------------------
@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_a_storm_that_ends_is_ridden_out(server: SheetsApiServer, status: int) -> None:
    source = make_source(server, max_attempts=4)
    server.add_faults(*(Fault(status, match="gridData") for _ in range(3)))
    assert source.read() == EXPECTED
    assert server.count("gridData") == 4
    assert source.request_count == server.count()
    assert source.last_error is None


@pytest.mark.parametrize(
    ("status", "reason"),
    [(429, "quota"), (500, "unavailable"), (503, "unavailable"), (504, "unavailable")],
)
def test_a_storm_that_does_not_end_gives_up_after_max_attempts(
    server: SheetsApiServer, status: int, reason: str
) -> None:
    source = make_source(server, max_attempts=3)
    server.add_faults(Fault(status, match="gridData", times=None))
    with pytest.raises(SourceUnavailable) as info:
        source.read()
    assert info.value.reason == reason
    assert server.count("gridData") == 3
    assert source.request_count == server.count()
    assert_safe(info.value, server, source)


def test_mixed_passing_failures_are_retried(server: SheetsApiServer) -> None:
    source = make_source(server)
    server.add_faults(Fault(503, match="gridData"), Fault(429, match="gridData"))
    assert source.read() == EXPECTED
    assert server.count("gridData") == 3


def test_backoff_waits_grow_and_stay_jittered(server: SheetsApiServer) -> None:
    source = make_source(server, max_attempts=5, backoff_base=0.5)
    waits: list[float] = []
    source._http.sleep = waits.append  # record instead of sleeping
    server.add_faults(Fault(503, match="gridData", times=None))
    with pytest.raises(SourceUnavailable):
        source.read()
    assert len(waits) == 4  # between 5 attempts
    for n, wait in enumerate(waits, start=1):
        step = 0.5 * 2 ** (n - 1)
        assert step / 2 <= wait <= step


def test_retry_after_header_is_honoured_but_capped(server: SheetsApiServer) -> None:
    source = make_source(server)
    waits: list[float] = []
    source._http.sleep = waits.append
    server.add_faults(
        Fault(429, match="gridData", headers={"Retry-After": "0.25"}),
        Fault(429, match="gridData", headers={"Retry-After": "3600"}),
    )
    source.read()
    assert waits == [0.25, 8.0]


def test_a_server_slower_than_the_timeout(server: SheetsApiServer) -> None:
    source = make_source(server, timeout=0.2, max_attempts=2)
    server.add_faults(Fault(delay=2.0, match="gridData", times=None))
    with pytest.raises(SourceUnavailable) as info:
        source.read()
    assert info.value.reason == "timeout"
    assert server.count("gridData") == 2
    assert source.request_count == server.count()
    assert_safe(info.value, server, source)


def test_one_slow_answer_then_a_good_one(server: SheetsApiServer) -> None:
    source = make_source(server, timeout=0.2)
    server.add_faults(Fault(delay=2.0, match="gridData"))
    assert source.read() == EXPECTED
    assert server.count("gridData") == 2


def test_a_stopped_server_is_unavailable_not_a_crash() -> None:
    srv = SheetsApiServer(WORKBOOK).start()
    source = make_source(srv, max_attempts=2)
    source.read()
    srv.stop()
    with pytest.raises(SourceUnavailable) as info:
        source.read()
    assert info.value.reason == "unavailable"
    assert srv.spreadsheet_id not in info.value.user_message


# -- final failures: no retry ---------------------------------------------------------------
def test_403_names_the_service_account_and_is_not_retried(server: SheetsApiServer) -> None:
    source = make_source(server)
    server.add_faults(Fault(403, match="gridData", times=None))
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert info.value.reason == "forbidden"
    assert DEFAULT_EMAIL in info.value.user_message
    assert "Share" in info.value.user_message
    assert server.count("gridData") == 1
    assert_safe(info.value, server, source)


def test_403_for_a_disabled_api_says_to_enable_it(server: SheetsApiServer) -> None:
    source = make_source(server)
    server.add_faults(
        Fault(
            403,
            message="Google Sheets API has not been used in project 123 before or it is "
            "disabled. Enable it by visiting https://console.developers.google.com/...",
        )
    )
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert "Enable" in info.value.user_message
    assert "123" not in info.value.user_message
    assert_safe(info.value, server, source)


def test_404_is_not_found_and_not_retried(server: SheetsApiServer) -> None:
    source = GoogleSheetSource(
        "https://docs.google.com/spreadsheets/d/someOtherSheetKey1234567/edit",
        server.service_account_info(),
        api_root=server.api_root,
        **FAST,
    )
    with pytest.raises(SourceNotFound) as info:
        source.read()
    assert server.count("gridData") == 1
    assert "someOtherSheetKey1234567" not in info.value.user_message
    assert source.last_error == info.value.user_message


def test_revoked_key_is_access_denied_with_the_account(server: SheetsApiServer) -> None:
    source = make_source(server)
    server.revoke_keys()
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert DEFAULT_EMAIL in info.value.user_message
    assert server.count("token") == 1
    assert_safe(info.value, server, source)


def test_error_clears_after_recovery(server: SheetsApiServer) -> None:
    source = make_source(server, max_attempts=1)
    server.add_faults(Fault(503, match="gridData"))
    with pytest.raises(SourceUnavailable):
        source.read()
    assert source.last_error is not None
    source.read()
    assert source.last_error is None


# -- malformed answers ---------------------------------------------------------------------------
_TAB = b'{"sheets": [{"properties": {"title": "t", "sheetId": 0, "index": 0}, "data": '


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Proxy error</body></html>",
        b'{"sheets": [{"properties": {"title": "cut off',
        b"[]",
        b"not json",
        b'{"sheets": [{"properties": {}}]}',
        b'{"sheets": "x"}',
        _TAB + b'"nope"}]}',
        _TAB + b'[{"rowData": "abc"}]}]}',
        _TAB + b'[{"rowData": [{"values": "abc"}]}]}]}',
        _TAB + b'[{"rowData": [{"values": ["a"]}]}]}]}',  # a cell that is not a CellData
        _TAB + b'[{"rowData": [{"values": [{"effectiveValue": "x"}]}]}]}]}',
        _TAB + b'[{"rowData": [{"values": [{"effectiveValue": {"numberValue": "1"}}]}]}]}]}',
        _TAB + b'[{"rowData": [{"values": [{"effectiveValue": {"stringValue": 5}}]}]}]}]}',
        _TAB + b'[{"startRow": "2", "rowData": []}]}]}',
    ],
)
def test_malformed_bodies_are_reported_not_raised_raw(server: SheetsApiServer, body: bytes) -> None:
    source = make_source(server)
    server.add_faults(Fault(body=body, match="gridData"))
    with pytest.raises(SourceMalformed) as info:
        source.read()
    assert info.value.reason == "malformed"
    assert_safe(info.value, server, source)


def test_error_body_that_is_not_json(server: SheetsApiServer) -> None:
    source = make_source(server, max_attempts=2)
    server.add_faults(
        Fault(502, body=b"<html>Bad gateway</html>", content_type="text/html", times=None)
    )
    with pytest.raises(SourceUnavailable):
        source.read()
    assert server.count("gridData") == 2


# -- configuration ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "https://docs.google.com/spreadsheets/d/1AbC-d_9xyzXYZ0123/edit#gid=0",
            "1AbC-d_9xyzXYZ0123",
        ),
        (
            "https://docs.google.com/spreadsheet/ccc?key=0BmgG6nO_6dprdS1MN3d3M&hl",
            "0BmgG6nO_6dprdS1MN3d3M",
        ),
        ("1AbC-d_9xyzXYZ0123", "1AbC-d_9xyzXYZ0123"),
    ],
)
def test_spreadsheet_key_from_url_or_key(text: str, key: str) -> None:
    assert spreadsheet_key(text) == key


@pytest.mark.parametrize(
    "text", ["", "   ", "https://example.org/not-a-sheet", "short", "has spaces in it!!"]
)
def test_spreadsheet_key_refuses_nonsense(text: str) -> None:
    with pytest.raises(SourceConfigError):
        spreadsheet_key(text)


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        (None, GOOGLE_API_ROOT),
        ("", GOOGLE_API_ROOT),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
        ("http://localhost:8765", "http://localhost:8765"),
        ("https://sheets-proxy.example.org", "https://sheets-proxy.example.org"),
    ],
)
def test_api_root_normalised(root: str | None, expected: str) -> None:
    assert normalise_api_root(root) == expected


@pytest.mark.parametrize(
    "root", ["http://sheets-proxy.example.org", "ftp://127.0.0.1", "127.0.0.1:8765", "https://"]
)
def test_api_root_refused_when_a_token_could_leak(root: str) -> None:
    with pytest.raises(SourceConfigError):
        normalise_api_root(root)


def test_api_root_does_not_touch_gspread_globals(server: SheetsApiServer) -> None:
    make_source(server).read()
    # The URLs gspread builds for everyone else in the process still point at Google.
    before = "https://sheets.googleapis.com/v4/spreadsheets"
    assert before == gspread.urls.SPREADSHEETS_API_V4_BASE_URL
    assert gspread.http_client.SPREADSHEET_VALUES_BATCH_URL.startswith(before)
    assert gspread.http_client.SPREADSHEET_URL.startswith(before)
    default = BoundedRetryHTTPClient(auth=None, session=object())  # type: ignore[arg-type]
    url = before + "/abc/values:batchGet"
    assert default._rewrite(url) == url


def test_key_file_works_like_the_secrets_table(server: SheetsApiServer, tmp_path: Path) -> None:
    key_file = tmp_path / "sa.json"
    key_file.write_text(json.dumps(server.service_account_info()), encoding="utf-8")
    source = GoogleSheetSource(
        server.spreadsheet_id, credentials_file=str(key_file), api_root=server.api_root
    )
    assert source.read() == EXPECTED


def test_private_key_with_literal_backslash_n_is_repaired(server: SheetsApiServer) -> None:
    info = server.service_account_info()
    info["private_key"] = info["private_key"].replace("\n", "\\n")
    source = GoogleSheetSource(server.spreadsheet_id, info, api_root=server.api_root)
    assert source.read() == EXPECTED


def _info_without(server: SheetsApiServer, field: str) -> dict[str, str]:
    info = server.service_account_info()
    del info[field]
    return info


@pytest.mark.parametrize(
    "case",
    ["no credentials", "both", "missing email", "missing key", "bad key", "missing file", "zero"],
)
def test_config_errors_are_plain_and_leak_no_key(
    server: SheetsApiServer, tmp_path: Path, case: str
) -> None:
    info = server.service_account_info()
    kwargs: dict[str, Any] = {"api_root": server.api_root}
    if case == "no credentials":
        kwargs["credentials"] = None
    elif case == "both":
        kwargs.update(credentials=info, credentials_file=str(tmp_path / "sa.json"))
    elif case == "missing email":
        kwargs["credentials"] = _info_without(server, "client_email")
    elif case == "missing key":
        kwargs["credentials"] = _info_without(server, "private_key")
    elif case == "bad key":
        kwargs["credentials"] = {**info, "private_key": info["private_key"][:200]}
    elif case == "missing file":
        kwargs["credentials_file"] = str(tmp_path / "absent.json")
    else:
        kwargs.update(credentials=info, max_attempts=0)
    with pytest.raises(SourceConfigError) as err:
        GoogleSheetSource(server.spreadsheet_id, **kwargs)
    message = err.value.user_message
    assert "PRIVATE KEY" not in message
    assert info["private_key"][40:80] not in message
    assert server.spreadsheet_id not in message


def test_repr_hides_key_and_credentials(server: SheetsApiServer) -> None:
    source = make_source(server)
    text = repr(source)
    assert server.spreadsheet_id not in text
    assert "PRIVATE" not in text
    assert source.label == "Google Sheet"


def test_from_settings_builds_a_working_source(server: SheetsApiServer) -> None:
    source = from_settings(
        {
            "spreadsheet": server.spreadsheet_url,
            "credentials": server.service_account_info(),
            "api_root": server.api_root,
            "timeout": "5",
            "max_attempts": 2,
            "backoff_base": 0.01,
        }
    )
    assert source.read() == EXPECTED
    assert source.timeout == 5.0
    assert source.policy.max_attempts == 2


@pytest.mark.parametrize(
    "settings",
    [{"spreadsheet": "x" * 20, "colour": "red"}, {"spreadsheet": "x" * 20, "timeout": "soon"}],
)
def test_from_settings_refuses_unknown_or_bad_values(settings: dict[str, Any]) -> None:
    with pytest.raises(SourceConfigError):
        from_settings(settings)


@pytest.mark.parametrize(
    ("secrets", "environ", "expected"),
    [
        ({}, {}, None),
        (
            {"sheets": {"spreadsheet": "KEY", "timeout": 5}, "gcp_service_account": {"a": "b"}},
            {},
            {"spreadsheet": "KEY", "timeout": 5, "credentials": {"a": "b"}},
        ),
        (
            {"sheets": {"spreadsheet": "KEY"}, "gcp_service_account": {"a": "b"}},
            {"UV_GOOGLE_CREDENTIALS_FILE": "/k.json", "UV_SHEETS_API_ROOT": "http://127.0.0.1:1"},
            {"spreadsheet": "KEY", "credentials_file": "/k.json", "api_root": "http://127.0.0.1:1"},
        ),
        (
            {},
            {"UV_SHEET": "KEY2", "UV_GOOGLE_CREDENTIALS_FILE": "/k.json", "UV_SHEETS_TIMEOUT": "3"},
            {"spreadsheet": "KEY2", "credentials_file": "/k.json", "timeout": "3"},
        ),
        ({"sheets": {"mode": "published", "spreadsheet": "KEY"}}, {}, None),
    ],
)
def test_sheets_settings_merges_secrets_and_env(
    secrets: dict[str, Any], environ: dict[str, str], expected: dict[str, Any] | None
) -> None:
    assert sheets_settings(secrets, environ) == expected


# -- the retry policy on its own --------------------------------------------------------------
@pytest.mark.parametrize(
    ("failed", "low", "high"),
    [(1, 0.25, 0.5), (2, 0.5, 1.0), (3, 1.0, 2.0), (4, 2.0, 4.0), (5, 4.0, 8.0), (9, 4.0, 8.0)],
)
def test_retry_delay_is_exponential_capped_and_jittered(
    failed: int, low: float, high: float
) -> None:
    policy = RetryPolicy(max_attempts=10, backoff_base=0.5, backoff_cap=8.0)
    rng = random.Random(7)
    delays = {policy.delay(failed, rng) for _ in range(50)}
    assert all(low <= d <= high for d in delays)
    assert len(delays) > 1  # jittered, not a fixed schedule


# -- end to end: the same figures as from the .xlsx ------------------------------------------
def test_sample_workbook_parses_the_same_from_the_sheet_as_from_the_xlsx() -> None:
    import pandas as pd

    from utils.sheet.parse import parse_workbook
    from utils.sources.files import SAMPLE_PATH, XlsxSource

    assert SAMPLE_PATH.is_file(), "data/sample.xlsx is missing (python -m data.make_sample)"
    raw = XlsxSource(SAMPLE_PATH).read()
    with SheetsApiServer(raw) as srv:
        from_sheet = make_source(srv).read()
        assert srv.count("gridData") == 1
    today = date(2025, 6, 1)
    expected, got = parse_workbook(raw, today=today), parse_workbook(from_sheet, today=today)
    assert set(got.frames) == set(expected.frames)
    for tab, frame in expected.frames.items():
        pd.testing.assert_frame_equal(got.frames[tab], frame, obj=tab)
    assert got.problems == expected.problems


def test_cell_links_open_google_at_the_cell_once_tabs_are_known(server: SheetsApiServer) -> None:
    source = make_source(server)
    assert source.cell_url("votes", "B7") is None  # nothing read yet: no tab ids
    source.read()
    title = next(iter(WORKBOOK))
    url = source.cell_url(title, "B7")
    assert url is not None and url.startswith("https://docs.google.com/spreadsheets/d/")
    assert url.endswith("&range=B7") and "#gid=" in url
    assert server.api_root not in url  # the editor's browser goes to Google, not to the API root
    assert source.cell_url("no such tab", "B7") is None
