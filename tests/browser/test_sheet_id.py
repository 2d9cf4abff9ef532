"""A viewer's browser never receives the spreadsheet id.

The app reads the local Sheets API server (tests/sheets_api_server.py) as its Google Sheet, with
one unreadable cell so the Sheet health page has a problem to link to. In open mode with the
default settings, every page is opened in real Chromium and everything the browser receives is
collected: each WebSocket frame and each HTTP response body. The id must be in none of them. As
a control, the same scan on a server whose deployer set ``[app] sheet_links = true`` does find
the id (in the cell links), so the scan can see it where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Server, new_tab, open_app, start_server, stop_server, warm_up
from tests.sheets_api_server import SheetsApiServer
from utils.sources.files import SAMPLE_PATH, XlsxSource

pytestmark = pytest.mark.browser

# Every page of the app by its URL path ("" is the overview), as an open-mode visitor sees them.
PATHS = ("", "program_access", "votes", "strategy", "sheet_health", "admin", "slideshow")


@pytest.fixture(scope="module")
def sheet() -> Iterator[SheetsApiServer]:
    """The sample with one unreadable numerator, served as a Google Sheet."""
    raw = XlsxSource(SAMPLE_PATH).read()
    header = list(raw["indicators"][0])
    bad = list(raw["indicators"][1])
    bad[header.index("numerator")] = "lots-and-lots"
    raw["indicators"] = [*raw["indicators"], bad]
    with SheetsApiServer(raw) as server:
        yield server


def _sheet_env(sheet: SheetsApiServer, tmp: Path) -> dict[str, str]:
    return {
        **sheet.app_environment(tmp, timeout=10),
        # No [auth] anywhere: open mode, the case where every visitor is let in.
        "STREAMLIT_SECRETS_FILES": str(tmp / "secrets.toml"),
    }


def _serve(
    tmp: Path, sheet: SheetsApiServer, browser: object, secrets: str = ""
) -> Iterator[Server]:
    (tmp / "secrets.toml").write_text(secrets, encoding="utf-8")
    running = start_server(tmp, _sheet_env(sheet, tmp))
    warm_up(browser, running)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def open_mode(
    tmp_path_factory: pytest.TempPathFactory, sheet: SheetsApiServer, browser: object
) -> Iterator[Server]:
    yield from _serve(tmp_path_factory.mktemp("open"), sheet, browser)


@pytest.fixture(scope="module")
def links_on(
    tmp_path_factory: pytest.TempPathFactory, sheet: SheetsApiServer, browser: object
) -> Iterator[Server]:
    yield from _serve(
        tmp_path_factory.mktemp("links"), sheet, browser, "[app]\nsheet_links = true\n"
    )


def received(browser: object, url: str) -> bytes:
    """Everything the browser receives while opening ``url`` and letting it settle."""
    parts: list[bytes] = []
    responses: list[object] = []
    tab = new_tab(browser, locale="en-GB")

    def on_socket(socket: object) -> None:
        def keep(payload: str | bytes) -> None:
            parts.append(payload.encode("utf-8") if isinstance(payload, str) else payload)

        socket.on("framereceived", keep)  # type: ignore[attr-defined]

    tab.on("websocket", on_socket)  # type: ignore[attr-defined]
    tab.on("response", lambda response: responses.append(response))  # type: ignore[attr-defined]
    try:
        open_app(tab, url)
        tab.wait_for_load_state("networkidle")  # every response and frame of the page is in
        for response in responses:
            try:
                parts.append(response.body())  # type: ignore[attr-defined]
            except Exception:  # a redirect or an aborted request has no body
                continue
    finally:
        tab.context.close()  # type: ignore[attr-defined]
    assert parts, "nothing was received: the scan would prove nothing"
    return b"\n".join(parts)


def test_no_page_sends_the_spreadsheet_id_to_a_viewer(
    open_mode: Server, links_on: Server, sheet: SheetsApiServer, browser: object
) -> None:
    secret = sheet.spreadsheet_id.encode()
    for path in PATHS:
        payload = received(browser, f"{open_mode.url}/{path}?lang=en")
        assert secret not in payload, f"/{path} sent the spreadsheet id to an open-mode visitor"
        assert b"docs.google.com/spreadsheets" not in payload, f"/{path} sent a link to the sheet"
        if path == "sheet_health":
            assert b"lots-and-lots" in payload, "the problem itself is still shown"
    # The control: with the deployer's sheet_links = true the health page links to the cell.
    assert secret in received(browser, f"{links_on.url}/sheet_health?lang=en")
