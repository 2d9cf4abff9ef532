"""Times a person reads are Bishkek time (or the deployer's zone), on every page that shows one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import run_page
from tests.conftest import ROOT
from utils.i18n import set_display_timezone
from utils.store.load import save_snapshot

# 23:30 UTC on 1 March is already 05:30 on 2 March in Bishkek.
LATE = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _bishkek_again() -> Iterator[None]:
    """The display zone is process-wide (set with the settings): later tests get Bishkek."""
    yield
    set_display_timezone(None)


def run(page: str, lang: str = "en", expect_errors: tuple[str, ...] = ()) -> AppTest:
    """One page in ``lang``; no section may fail, and only ``expect_errors`` may show."""
    return run_page(f"pages/{page}", lang=lang, expect_errors=expect_errors, timeout=60)


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("caption", "warning", "info") for e in at.get(kind)]


@pytest.fixture
def snapshot_at_late_hour() -> None:
    """The last good copy of the sample, saved at 23:30 UTC."""
    save_snapshot(Path(os.environ["UV_SNAPSHOT_DIR"]), build_sample(), "the sheet", LATE)


@pytest.mark.usefixtures("snapshot_at_late_hour")
def test_admin_page_shows_the_snapshot_on_the_next_day_in_bishkek() -> None:
    shown = texts(run("admin.py"))
    assert "Last good copy saved 2 Mar 2025, 05:30 (UTC+6)." in shown
    assert not any("23:30" in text or "1 Mar 2025" in text for text in shown)


@pytest.mark.usefixtures("snapshot_at_late_hour")
def test_the_stale_banner_says_bishkek_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UV_XLSX", str(ROOT / "no-such-workbook.xlsx"))  # the source fails
    shown = texts(run("overview.py", "ru"))
    assert any("2 мар. 2025, 05:30 (UTC+6)" in text for text in shown), shown
    assert not any("23:30" in text for text in shown)


@pytest.mark.usefixtures("snapshot_at_late_hour")
def test_a_deployer_time_zone_is_used_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UV_TIMEZONE", "Europe/London")
    shown = texts(run("admin.py"))
    assert "Last good copy saved 1 Mar 2025, 23:30 (UTC)." in shown
    monkeypatch.setenv("UV_XLSX", str(ROOT / "no-such-workbook.xlsx"))
    st.cache_resource.clear()  # the settings are read once per process
    shown = texts(run("sheet_health.py"))
    assert any("1 Mar 2025, 23:30 (UTC)" in text for text in shown), shown


def test_the_as_of_time_carries_its_zone(use_workbook: Callable[[dict], Path]) -> None:
    use_workbook(build_sample())
    for page in ("overview.py", "sheet_health.py"):
        shown = texts(run(page))
        assert any(("Data as of" in s or "Last refresh" in s) and "(UTC+6)" in s for s in shown)


def test_an_unknown_time_zone_is_a_clear_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UV_TIMEZONE", "Mars/Olympus")
    at = run("overview.py", expect_errors=("Mars/Olympus",))
    assert any("Mars/Olympus" in e.value and "time zone" in e.value for e in at.error)
