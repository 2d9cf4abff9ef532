"""Links into the Google Sheet carry its id: only signed-in editors and admins get them, or
everyone in open mode when the deployer sets ``[app] sheet_links = true``. Everything each page
sends is scanned for the spreadsheet id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apptest import run_page
from tests.conftest import ROOT
from tests.sheets_api_server import SheetsApiServer
from tests.test_page_roles import BAD_VALUE, carries, secrets, sent, user
from utils.sources.files import SAMPLE_PATH, XlsxSource

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture
def sheet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SheetsApiServer]:
    """The sample with one unreadable cell (so the health page has a row to link), served as a
    Google Sheet, and the app configured to read it."""
    raw = XlsxSource(SAMPLE_PATH).read()
    header = list(raw["indicators"][0])
    bad = list(raw["indicators"][1])
    bad[header.index("numerator")] = BAD_VALUE
    raw["indicators"] = [*raw["indicators"], bad]
    with SheetsApiServer(raw) as server:
        for name, value in server.app_environment(tmp_path, timeout=5).items():
            monkeypatch.setenv(name, value)
        st.cache_resource.clear()
        yield server


def visit(page: str, *, who: dict[str, Any] | None, app: dict[str, Any] | None = None) -> AppTest:
    """One page for this visitor (``who=None``: open mode), with these ``[app]`` settings."""
    found: dict[str, Any] = {}
    if who is not None:
        found = secrets()
        found.pop("gcp_service_account")  # the key file in the environment is the account
    if app is not None:
        found["app"] = app
    expected = ("Errors: ",) if page == "sheet_health.py" else ()  # the planted cell's summary
    return run_page(f"pages/{page}", secrets=found or None, user=who, expect_errors=expected)


def links(at: AppTest) -> list[str]:
    """Every link the health page's tables hold."""
    return [
        link
        for frame in at.dataframe
        if "link" in frame.value.columns
        for link in frame.value["link"].dropna()
    ]


def assert_no_sheet_id(at: AppTest, server: SheetsApiServer, page: str) -> None:
    payload = sent(at)
    assert not carries(payload, server.spreadsheet_id), f"{page} sent the spreadsheet id"
    assert not carries(payload, "docs.google.com"), f"{page} sent a link into Google Sheets"


VIEWERS = {
    "open mode": None,
    "signed-in viewer": user("someone@coalition.kg"),
}


@pytest.mark.parametrize("who", list(VIEWERS))
@pytest.mark.parametrize("page", PAGES)
def test_no_page_sends_the_sheet_id_to_a_viewer_or_in_open_mode(
    sheet: SheetsApiServer, who: str, page: str
) -> None:
    at = visit(page, who=VIEWERS[who])
    assert_no_sheet_id(at, sheet, page)


def test_open_mode_health_page_lists_the_problem_without_a_link(sheet: SheetsApiServer) -> None:
    at = visit("sheet_health.py", who=None)
    cells = [row for frame in at.dataframe for row in frame.value.to_dict("records")]
    assert any(row["value"] == BAD_VALUE for row in cells), "the problem is still shown"
    assert not links(at)


@pytest.mark.parametrize(
    ("who", "app"),
    [
        (user("editor@coalition.kg"), None),
        (user("boss@example.org"), None),  # an admin
        (None, {"sheet_links": True}),  # open mode, by the deployer's choice
    ],
    ids=["editor", "admin", "open-mode-sheet-links"],
)
def test_links_into_the_sheet_for_editors_or_by_choice(
    sheet: SheetsApiServer, who: dict[str, Any] | None, app: dict[str, Any] | None
) -> None:
    found = links(visit("sheet_health.py", who=who, app=app))
    assert found, "the problem row links to its cell"
    assert all(
        link.startswith(f"https://docs.google.com/spreadsheets/d/{sheet.spreadsheet_id}/edit#gid=")
        for link in found
    )


def test_sheet_links_false_keeps_open_mode_closed(sheet: SheetsApiServer) -> None:
    at = visit("sheet_health.py", who=None, app={"sheet_links": False})
    assert not links(at)
    assert_no_sheet_id(at, sheet, "sheet_health.py")
