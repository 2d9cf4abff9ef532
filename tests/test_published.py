"""PublishedSheetSource: per-tab CSV exports of a sheet published to the web, no credentials."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.sheets_api_server import Fault, SheetsApiServer
from utils.sources.base import (
    SourceAccessDenied,
    SourceConfigError,
    SourceError,
    SourceMalformed,
    SourceNotFound,
    SourceUnavailable,
)
from utils.sources.published import PublishedSheetSource, from_settings, published_settings

WORKBOOK: dict[str, list[list[Any]]] = {
    "votes": [
        ["region", "votes", "date"],
        ["Бишкек", 1200, date(2024, 11, 17)],
        ["Osh, city", 830.5, None],
    ],
    "notes": [["text"], ['He said "yes"'], ["line one\nline two"]],
}

# CSV carries what the sheet displays: every cell a string, rows padded to the data width.
EXPECTED = {
    "votes": [
        ["region", "votes", "date"],
        ["Бишкек", "1200", "11/17/2024"],
        ["Osh, city", "830.5", ""],
    ],
    "notes": [["text"], ['He said "yes"'], ["line one\nline two"]],
}

FAST = {"backoff_base": 0.01, "timeout": 2.0}


@pytest.fixture
def server() -> Iterator[SheetsApiServer]:
    """The local server, serving WORKBOOK's CSV exports."""
    with SheetsApiServer(WORKBOOK) as srv:
        yield srv


def by_gid(server: SheetsApiServer, **kwargs: Any) -> PublishedSheetSource:
    """A source reading WORKBOOK's tabs by gid from the sheet's normal link."""
    tabs = {title: server.gid(title) for title in WORKBOOK}
    return PublishedSheetSource(
        server.spreadsheet_url, tabs, base_url=server.api_root, **{**FAST, **kwargs}
    )


def assert_safe(err: SourceError, server: SheetsApiServer, source: PublishedSheetSource) -> None:
    """No sheet key, link or traceback in what people read."""
    assert server.spreadsheet_id not in err.user_message
    assert server.published_id not in err.user_message
    assert "http" not in err.user_message and "Traceback" not in err.user_message
    assert source.last_error == err.user_message


def test_export_by_gid_reads_every_tab_as_strings(server: SheetsApiServer) -> None:
    source = by_gid(server)
    assert source.read() == EXPECTED
    assert source.request_count == server.count("csv") == 2
    assert all(r.query["format"] == ["csv"] for r in server.requests)
    assert source.last_error is None


def test_publish_to_web_link(server: SheetsApiServer) -> None:
    link = f"https://docs.google.com/spreadsheets/d/e/{server.published_id}/pubhtml"
    tabs = {"votes": server.gid("votes")}
    source = PublishedSheetSource(link, tabs, base_url=server.api_root, **FAST)
    assert source.read() == {"votes": EXPECTED["votes"]}
    (request,) = server.requests
    assert request.path.endswith("/pub")
    assert request.query["output"] == ["csv"]


def test_gviz_by_tab_name(server: SheetsApiServer) -> None:
    source = PublishedSheetSource(
        server.spreadsheet_id, tab_names=["votes", "notes"], base_url=server.api_root, **FAST
    )
    assert source.read() == EXPECTED
    assert [r.query["sheet"] for r in server.requests] == [["votes"], ["notes"]]


def test_cyrillic_tab_names_travel_encoded(server: SheetsApiServer) -> None:
    server.set_workbook({"Голоса": [["регион"], ["Ош"]]})
    source = PublishedSheetSource(
        server.spreadsheet_id, tab_names=["Голоса"], base_url=server.api_root, **FAST
    )
    assert source.read() == {"Голоса": [["регион"], ["Ош"]]}


def test_csv_without_charset_is_still_read_as_utf8(server: SheetsApiServer) -> None:
    source = by_gid(server)
    body = "регион,число\r\nНарын,5\r\n".encode()
    server.add_faults(Fault(body=body, content_type="text/csv", match="csv"))
    assert source.read()["votes"] == [["регион", "число"], ["Нарын", "5"]]


def test_sheet_that_changes_between_refreshes(server: SheetsApiServer) -> None:
    source = by_gid(server)
    source.read()
    server.set_workbook({"votes": [["region"], ["Talas"]], "notes": [["text"]]})
    assert source.read() == {"votes": [["region"], ["Talas"]], "notes": [["text"]]}


def test_unpublished_sheet_redirects_to_sign_in_and_is_access_denied(
    server: SheetsApiServer,
) -> None:
    server.published = False
    source = by_gid(server)
    with pytest.raises(SourceAccessDenied) as info:
        source.read()
    assert "Publish to the web" in info.value.user_message
    assert server.count("login") == 1  # the redirect was followed once, not retried
    assert_safe(info.value, server, source)


def test_unknown_gid_names_the_tab(server: SheetsApiServer) -> None:
    source = PublishedSheetSource(
        server.spreadsheet_id, {"votes": 999}, base_url=server.api_root, **FAST
    )
    with pytest.raises(SourceNotFound) as info:
        source.read()
    assert "'votes'" in info.value.user_message
    assert server.count("csv") == 1
    assert_safe(info.value, server, source)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_storm_that_ends(server: SheetsApiServer, status: int) -> None:
    source = by_gid(server, max_attempts=4)
    server.add_faults(*(Fault(status, match="csv") for _ in range(3)))
    assert source.read() == EXPECTED
    assert source.request_count == server.count("csv") == 5


@pytest.mark.parametrize(("status", "reason"), [(429, "quota"), (503, "unavailable")])
def test_storm_that_does_not_end(server: SheetsApiServer, status: int, reason: str) -> None:
    source = by_gid(server, max_attempts=3)
    server.add_faults(Fault(status, match="csv", times=None))
    with pytest.raises(SourceUnavailable) as info:
        source.read()
    assert info.value.reason == reason
    assert server.count("csv") == 3  # the first tab's attempts; the second is not tried
    assert_safe(info.value, server, source)


def test_slower_than_the_timeout(server: SheetsApiServer) -> None:
    source = by_gid(server, timeout=0.2, max_attempts=2)
    server.add_faults(Fault(delay=2.0, match="csv", times=None))
    with pytest.raises(SourceUnavailable) as info:
        source.read()
    assert info.value.reason == "timeout"
    assert server.count("csv") == 2
    assert_safe(info.value, server, source)


def test_not_utf8_is_malformed(server: SheetsApiServer) -> None:
    source = by_gid(server)
    server.add_faults(Fault(body=b"\xff\xfe\x00bad", content_type="text/csv", match="csv"))
    with pytest.raises(SourceMalformed) as info:
        source.read()
    assert_safe(info.value, server, source)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("KEY0123456789",), {}),
        (("KEY0123456789", {"votes": 0}), {"tab_names": ["votes"]}),
        (("KEY0123456789", {"votes": "abc"}), {}),
        (("KEY0123456789", {}), {}),
        (("2PACX-1vAbc",), {"tab_names": ["votes"]}),
        (("KEY0123456789",), {"tab_names": "votes"}),
        (("KEY0123456789", {"votes": 0}), {"base_url": "http://docs.example.org"}),
        (("KEY0123456789", {"votes": 0}), {"timeout": 0}),
        (("https://example.org/x", {"votes": 0}), {}),
    ],
)
def test_config_errors(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(SourceConfigError):
        PublishedSheetSource(*args, **kwargs)


def test_from_settings_and_published_settings(server: SheetsApiServer) -> None:
    secrets = {
        "sheets": {
            "mode": "published",
            "spreadsheet": server.spreadsheet_url,
            "tabs": {title: server.gid(title) for title in WORKBOOK},
            "base_url": server.api_root,
            "backoff_base": 0.01,
        }
    }
    settings = published_settings(secrets)
    assert settings is not None and "mode" not in settings
    source = from_settings(settings)
    assert source.read() == EXPECTED
    assert source.label == "Published Google Sheet"
    assert server.spreadsheet_id not in repr(source)


@pytest.mark.parametrize(
    "secrets", [{}, {"sheets": {"spreadsheet": "KEY"}}, {"sheets": {"mode": "service_account"}}]
)
def test_published_settings_only_in_published_mode(secrets: dict[str, Any]) -> None:
    assert published_settings(secrets) is None


def test_from_settings_refuses_unknown_keys() -> None:
    with pytest.raises(SourceConfigError):
        from_settings({"spreadsheet": "KEY0123456789", "tabs": {"a": 0}, "colour": "red"})
