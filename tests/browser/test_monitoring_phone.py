"""The Monitoring page in Russian on a phone (390×844), in real Chromium: the answer first, and
nothing wider than the screen (charts fit, a wide table scrolls inside its own frame).

Its own server on the sample's grids as data/make_sample.py writes them (``UV_XLSX``), so the
page has findings, actions and campaigns to lay out. What it asserts does not depend on the day
the test runs: the answer's heading and words, their place above the charts, and the widths.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from data.make_sample import build_sample, write_xlsx
from tests.browser.conftest import (
    Server,
    app_console_errors,
    new_tab,
    open_app,
    start_server,
    stop_server,
    wait_until_steady,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sample_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[Server]:
    """A server on the generated sample, monitoring tabs included."""
    tmp = tmp_path_factory.mktemp("monitoring")
    path = tmp / "sample.xlsx"
    write_xlsx(build_sample(), path)
    running = start_server(tmp, {"UV_XLSX": str(path)})
    yield running
    stop_server(running)


def test_monitoring_on_a_phone_answers_first_and_fits_the_screen(
    browser: Browser, sample_server: Server
) -> None:
    tab = new_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        open_app(tab, sample_server.url + "/monitoring?lang=ru")
        expect(tab.locator("h1").first).to_have_text("Мониторинг: от проблемы к решению")
        answer = tab.get_by_text("Что не решено и кто должен ответить")
        expect(answer).to_be_visible()
        # The answer's words come before the first chart on the page.
        first_chart = tab.locator("[data-testid='stPlotlyChart']").first
        expect(first_chart).to_be_attached(timeout=60_000)
        assert answer.bounding_box()["y"] < first_chart.bounding_box()["y"]  # type: ignore[index]
        expect(tab.get_by_text("ещё не решено", exact=False).first).to_be_visible()
        wait_until_steady(tab, "[data-testid='stPlotlyChart'] .main-svg")
        # Nothing is wider than the phone: the page itself never scrolls sideways.
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page is {width}px wide on a 390px phone"
        for chart in tab.locator("[data-testid='stPlotlyChart']").all():
            box = chart.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert app_console_errors(tab) == []
    finally:
        tab.context.close()
