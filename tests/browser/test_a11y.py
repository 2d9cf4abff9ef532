"""Accessibility in real Chromium: axe-core finds no serious or critical violation on any page in
light, dark and presenter modes (colour contrast included), and the main filter works from the
keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    OPTIONS,
    Server,
    combobox,
    new_tab,
    open_app,
    opened_query,
    selected,
    wait_for_app,
    wait_until_steady,
    warm_up,
)

pytestmark = pytest.mark.browser

PAGES = {
    "": "overview.py",
    "program_access": "program_access.py",
    "votes": "votes.py",
    "strategy": "strategy.py",
    "sheet_health": "sheet_health.py",
    "monitoring": "monitoring.py",
    "slideshow": "slideshow.py",
}
MODES = {
    "light": ({"color_scheme": "light"}, {}),
    "dark": ({"color_scheme": "dark"}, {}),
    "presenter": ({"color_scheme": "light"}, {"present": "true"}),
}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Violations that come from Streamlit's own rendering and that no page code can reach. Each is
# one rule on one kind of node, matched on the axe target selector; everything else counts.
STREAMLIT_OWN = (
    # st.metric(chart_data=...) draws its sparkline with Vega; the invisible "highlighted points"
    # layer is an <svg role="graphics-symbol"> group without a label. Streamlit generates it
    # (class metric_chart_<random>_highlighted_points_marks) and offers no way to label it; the
    # metric's value and delta next to it carry the same information as text.
    ("svg-img-alt", re.compile(r"\.metric_chart_\w+_highlighted_points_marks")),
)


@pytest.fixture(scope="module")
def app(browser: Browser, server: Server) -> Server:
    """The shared sample server, with app.py run once (see conftest.warm_up)."""
    warm_up(browser, server)
    return server


@pytest.fixture(scope="module")
def axe() -> object:
    """axe-core as shipped inside axe-playwright-python (no download)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(axe: object, tab: Page) -> list[str]:
    """Serious and critical axe violations, minus STREAMLIT_OWN, one line per node."""
    result = axe.run(
        tab, options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": RULES}}
    )
    found = []
    for violation in result.response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if any(violation["id"] == rule and p.search(target) for rule, p in STREAMLIT_OWN):
                continue
            summary = node.get("failureSummary", "").replace("\n", " ")[:240]
            found.append(f"{violation['id']} ({violation['impact']}) {target}: {summary}")
    return found


def background_luminance(tab: Page) -> float:
    """Relative brightness (0 black … 1 white) of the app's background."""
    rgb = tab.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_no_serious_axe_violations(
    app: Server, browser: Browser, axe: object, path: str, mode: str
) -> None:
    context, params = MODES[mode]
    tab = new_tab(browser, **context)
    try:
        # Every section drawn on demand open: the map's legend and controls are scanned too.
        query = "&".join(f"{k}={v}" for k, v in {"lang": "en", **params}.items())
        open_app(tab, f"{app.url}/{path}?{query}{opened_query(path)}")
        wait_until_steady(tab, "[data-testid='stPlotlyChart'] .main-svg, h1")  # charts drawn
        # The scan must be of the mode it claims: Streamlit follows prefers-color-scheme.
        if mode == "dark":
            assert background_luminance(tab) < 0.3
        else:
            assert background_luminance(tab) > 0.7
        assert serious_violations(axe, tab) == []
    finally:
        tab.context.close()


def test_the_excluded_streamlit_sparklines_are_still_drawn(app: Server, page: Page) -> None:
    # If Streamlit stops drawing the unlabelled layer, the exclusion is dead weight: remove it.
    open_app(page, f"{app.url}/?lang=en")
    expect(page.locator('[data-testid="stMetricChart"] svg').first).to_be_visible(timeout=30_000)
    layers = page.locator('[class*="_highlighted_points_marks"]')
    expect(layers.first).to_be_attached()
    classes = " ".join(layers.evaluate_all("nodes => nodes.map(n => n.getAttribute('class'))"))
    rule, pattern = STREAMLIT_OWN[0]
    assert rule == "svg-img-alt" and any(pattern.search("." + c) for c in classes.split()), classes


def test_keyboard_alone_reaches_and_changes_the_access_indicator(app: Server, page: Page) -> None:
    open_app(page, f"{app.url}/program_access?lang=en")
    before = selected(page, "access_indicator")
    target = combobox(page, "access_indicator")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the indicator picker")
    page.keyboard.press("ArrowDown")  # open the list
    expect(page.locator(OPTIONS).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    after = selected(page, "access_indicator")
    assert after != before and after[0]
