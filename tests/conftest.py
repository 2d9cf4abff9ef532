"""Shared fixtures: where the real-world fixtures are, and pointing the app at a workbook."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import streamlit as st

if TYPE_CHECKING:
    from utils.sheet.parse import Workbook

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"


def shared_fixture(*parts: str) -> Path:
    """A file under ../shared/fixtures; skipped with a reason when absent, a failure under CI."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, and CI must not skip fixture tests")
        pytest.skip(f"{path} is absent (it sits beside the repo in ../shared/fixtures)")
    return path


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts with empty caches, no configured source and its own snapshot folder."""
    for var in (
        "UV_XLSX",
        "UV_CSV_DIR",
        "UV_SHEET",
        "UV_GOOGLE_CREDENTIALS_FILE",
        "UV_SHEETS_API_ROOT",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("UV_SNAPSHOT_DIR", str(tmp_path / "snapshots"))
    from utils.views import memo  # the views' shared pieces: the session sample outlives a test

    st.cache_resource.clear()
    st.cache_data.clear()
    memo.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
    memo.clear()


@pytest.fixture(scope="session")
def sample_workbook() -> Workbook:
    """The bundled sample, parsed once per test session with the sample's own "today".

    Shared by every test that asks for it: read it, never change its frames.
    """
    from data.make_sample import TODAY, build_sample
    from utils.sheet.parse import parse_workbook

    return parse_workbook(build_sample(), today=TODAY)


@pytest.fixture
def use_workbook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[dict], Path]:
    """Point the app at an .xlsx holding the given grids ({tab: rows}); returns its path."""
    from data.make_sample import write_xlsx

    def point(grids: dict) -> Path:
        path = tmp_path / "workbook.xlsx"
        write_xlsx(grids, path)
        monkeypatch.setenv("UV_XLSX", str(path))
        st.cache_resource.clear()
        return path

    return point


# --- One headless Chromium for the whole session ---------------------------------------------
# Playwright's sync API allows one instance per thread, so every test that drives a browser
# (tests/browser/ and the deployment test) shares these two fixtures.


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, or a skip with the reason (a failure under CI)."""
    from tests.browser.conftest import CHROMIUM

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found: `apt-get install chromium` to run the browser tests")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    """A headless Chromium shared by the session's tests."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
