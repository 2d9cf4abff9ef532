"""Accessibility in real Chromium: axe-core finds no serious or critical violation on any page in
light, dark and presenter modes (colour contrast included), and the main filter works from the
keyboard alone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    Server,
    combobox,
    new_tab,
    open_app,
    selected,
    wait_for_app,
    warm_up,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PAGES = {
    "": "overview.py",
    "program_access": "program_access.py",
    "votes": "votes.py",
    "strategy": "strategy.py",
    "sheet_health": "sheet_health.py",
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
def app(browser: object, server: Server) -> Server:
    """The shared sample server, with app.py run once (see conftest.warm_up)."""
    warm_up(browser, server)
    return server


@pytest.fixture(scope="module")
def axe() -> object:
    """axe-core as shipped inside axe-playwright-python (no download)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(axe: object, tab: object) -> list[str]:
    """Serious and critical axe violations, minus STREAMLIT_OWN, one line per node."""
    result = axe.run(  # type: ignore[attr-defined]
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


def background_luminance(tab: object) -> float:
    """Relative brightness (0 black … 1 white) of the app's background."""
    rgb = tab.locator('[data-testid="stApp"]').evaluate(  # type: ignore[attr-defined]
        "e => getComputedStyle(e).backgroundColor"
    )
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_no_serious_axe_violations(
    app: Server, browser: object, axe: object, path: str, mode: str
) -> None:
    if not (ROOT / "pages" / PAGES[path]).exists():
        pytest.skip(f"pages/{PAGES[path]} does not exist yet")
    context, params = MODES[mode]
    tab = new_tab(browser, **context)
    try:
        query = "&".join(f"{k}={v}" for k, v in {"lang": "en", **params}.items())
        open_app(tab, f"{app.url}/{path}?{query}")
        tab.wait_for_timeout(800)  # type: ignore[attr-defined]  # charts finish drawing
        # The scan must be of the mode it claims: Streamlit follows prefers-color-scheme.
        if mode == "dark":
            assert background_luminance(tab) < 0.3
        else:
            assert background_luminance(tab) > 0.7
        assert serious_violations(axe, tab) == []
    finally:
        tab.context.close()  # type: ignore[attr-defined]


def test_the_excluded_streamlit_sparklines_are_still_drawn(
    app: Server, axe: object, page: object
) -> None:
    # If Streamlit stops drawing the unlabelled layer, the exclusion is dead weight: remove it.
    if not (ROOT / "pages" / "overview.py").exists():
        pytest.skip("pages/overview.py does not exist yet")
    open_app(page, f"{app.url}/?lang=en")
    page.wait_for_selector('[data-testid="stMetricChart"] svg', timeout=30_000)  # type: ignore[attr-defined]


def test_keyboard_alone_reaches_and_changes_the_access_indicator(app: Server, page: object) -> None:
    if not (ROOT / "pages" / "program_access.py").exists():
        pytest.skip("pages/program_access.py does not exist yet")
    open_app(page, f"{app.url}/program_access?lang=en")
    before = selected(page, "access_indicator")
    target = combobox(page, "access_indicator")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # type: ignore[attr-defined]
    for _ in range(60):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if target.evaluate("e => e === document.activeElement"):  # type: ignore[attr-defined]
            break
    else:
        pytest.fail("Tab never reached the indicator picker")
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]  # open the list
    page.wait_for_selector("[role='listbox'] [role='option']", state="visible")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    wait_for_app(page)
    after = selected(page, "access_indicator")
    assert after != before and after[0]
