"""A check-in from the meeting in presenter mode, in real Chromium (issue 19).

The app reads the local Sheets API server as its Google Sheet, in open mode with check-ins
allowed there by the deployer (``UV_CHECK_INS`` and ``UV_CHECK_INS_OPEN_MODE``). On the
Strategy page in presenter mode the late milestone has one large "Mark M-90 done" button; a
click appends one RAW row to the sheet's updates tab and the page says so in words at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    new_tab,
    open_app,
    start_server,
    stop_server,
    wait_for_app,
    warm_up,
)
from tests.sheets_api_server import SheetsApiServer
from utils.sources.files import SAMPLE_PATH, XlsxSource

pytestmark = pytest.mark.browser

LATE = {
    "id": "M-90", "objective": "Access", "milestone": "Naloxone in every oblast", "lead": "HRN",
    "due": date(2025, 3, 31), "status": "at risk", "progress": 40, "last_update": date(2025, 3, 1),
}  # fmt: skip
UPDATES_HEADER = ["update_id", "time_utc", "time_local", "who", "target", "field", "old_value",
                  "new_value"]  # fmt: skip


@pytest.fixture
def sheet() -> Iterator[SheetsApiServer]:
    raw: dict[str, Any] = dict(XlsxSource(SAMPLE_PATH).read())
    header = raw["milestones"][0]
    raw["milestones"] = [header, [LATE.get(str(name)) for name in header]]
    raw["updates"] = [UPDATES_HEADER]
    with SheetsApiServer(raw) as server:
        yield server


def test_a_presenter_marks_a_late_milestone_done(
    tmp_path: Path, sheet: SheetsApiServer, browser: Browser
) -> None:
    (tmp_path / "secrets.toml").write_text("", encoding="utf-8")  # no [auth]: open mode
    env = {
        **sheet.app_environment(tmp_path, timeout=10),
        "STREAMLIT_SECRETS_FILES": str(tmp_path / "secrets.toml"),
        "UV_CHECK_INS": "true",
        "UV_CHECK_INS_OPEN_MODE": "true",
    }
    running = start_server(tmp_path, env)
    try:
        warm_up(browser, running)
        tab = new_tab(browser, locale="en-GB")
        open_app(tab, f"{running.url}/strategy?lang=en&present=true")
        button = tab.get_by_role("button", name="Mark M-90 done")
        expect(button).to_be_visible()
        button.click()
        wait_for_app(tab)
        expect(tab.get_by_text("M-90 marked done by open mode at")).to_be_visible()
        rows = sheet.cells("updates")
        assert len(rows) == 2
        written = dict(zip(UPDATES_HEADER, [c.value if c else "" for c in rows[1]], strict=False))
        assert (written["who"], written["target"], written["new_value"]) == (
            "open mode",
            "M-90",
            "done",
        )
        assert not tab.get_by_role("button", name="Mark M-90 done").count()  # done: no button
        tab.context.close()
    finally:
        stop_server(running)
