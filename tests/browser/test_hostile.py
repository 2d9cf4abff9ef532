"""Sheet text is data, never markup: a workbook whose cells hold HTML and ``javascript:`` links is
shown as plain text on every page, opens no dialog and puts no element into the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from data.make_sample import build_sample, write_xlsx
from tests.browser.conftest import (
    Server,
    next_frame,
    open_app,
    opened_query,
    start_server,
    stop_server,
    wait_for_app,
    warm_up,
)
from utils.sheet.contract import TABS_BY_NAME

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
LINK = "[click me](javascript:alert(1))"
BARE = "javascript:alert(1)"
SCRIPT = "<script>alert(1)</script>"

# (tab, column, how many rows): the cells replaced. Each keeps its original text after the
# payload, so ids, options and keys stay distinct and the pages still have something to show.
CELLS = (
    ("catalog", "name_en", None),
    ("catalog", "name_ru", None),
    ("catalog", "definition", None),
    ("catalog", "target_source", None),
    ("milestones", "milestone", None),
    ("milestones", "objective", 3),
    ("milestones", "lead", 2),
    ("elections", "title", None),
    ("elections", "body", None),
    ("elections", "community_candidate", None),
    ("votes", "candidate", None),
    ("votes", "candidate_org", None),
    ("votes", "voter_group", None),
    ("members", "organisation", None),
    ("indicators", "source", 400),
    ("indicators", "notes", 400),
)
PAYLOADS = (IMG, LINK, BARE, SCRIPT)

# Where the payload must be visible as text (in the DOM, chart text included) on the sample's
# default view. Tables are canvas (glide data grid), so their text is not in the DOM.
SHOWN = {
    "": IMG,  # overview: indicator names on the cards
    "program_access": IMG,  # indicator picker, headings
    "votes": IMG,  # election picker and candidate names in the charts
    "strategy": IMG,  # milestones in the timeline
}
PAGES = {
    "": "overview.py",
    "program_access": "program_access.py",
    "votes": "votes.py",
    "strategy": "strategy.py",
    "sheet_health": "sheet_health.py",
}


def hostile_grids() -> dict[str, list[list[object]]]:
    """The sample with the CELLS rewritten to carry each payload in turn."""
    grids = build_sample()
    for n, (tab, column, rows) in enumerate(CELLS):
        index = TABS_BY_NAME[tab].column_names.index(column)
        body = grids[tab][1:] if rows is None else grids[tab][1 : rows + 1]
        for i, row in enumerate(body):
            payload = PAYLOADS[(n + i) % len(PAYLOADS)] if column != "name_en" else IMG
            original = row[index]
            row[index] = f"{payload} {original}" if original not in (None, "") else payload
    return grids


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser, chromium_path: Path
) -> Iterator[Server]:
    """A server reading the hostile workbook."""
    tmp = tmp_path_factory.mktemp("hostile")
    path = write_xlsx(hostile_grids(), tmp / "hostile.xlsx")
    running = start_server(tmp, {"UV_XLSX": str(path)})
    warm_up(browser, running)
    yield running
    stop_server(running)


def hover_everything(tab: Page) -> None:
    """Move the mouse over every chart and the map so hover labels and tooltips are drawn."""
    for chart in tab.locator(
        '[data-testid="stPlotlyChart"] .nsewdrag, [data-testid="stDeckGlJsonChart"] canvas'
    ).all():
        box = chart.bounding_box()
        if not box:
            continue
        chart.scroll_into_view_if_needed()
        for fx, fy in ((0.5, 0.5), (0.25, 0.5), (0.75, 0.4)):
            tab.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            next_frame(tab)  # the hover label or tooltip is drawn


def injected(tab: Page) -> dict[str, int]:
    """Elements that would exist only if sheet text had become markup."""
    return tab.evaluate(
        """() => ({
            img_x: document.querySelectorAll('img[src="x"]').length,
            js_links: [...document.querySelectorAll('a[href], [xlink\\\\:href]')].filter(
                a => /^\\s*javascript:/i.test(a.getAttribute('href') || a.getAttribute('xlink:href') || '')
            ).length,
            onerror: document.querySelectorAll('[onerror]').length,
            script_tags: [...document.querySelectorAll('script')].filter(
                s => (s.textContent || '').includes('alert(1)')
            ).length,
        })"""
    )


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_sheet_text_stays_text_on_every_page(hostile: Server, page: Page, path: str) -> None:
    opened = opened_query(path)  # every section drawn on demand: the map's tooltips too
    open_app(page, f"{hostile.url}/{path}?lang=en{opened}")
    hover_everything(page)
    wait_for_app(page)  # anything the hovering set off has run

    assert page.dialogs == []  # type: ignore[attr-defined]
    assert injected(page) == {"img_x": 0, "js_links": 0, "onerror": 0, "script_tags": 0}
    assert page.locator('[data-testid="stException"]').count() == 0
    if path in SHOWN:
        text = page.locator("body").evaluate("e => e.textContent")
        assert SHOWN[path] in text, f"the payload is not shown as text on /{path}"


def test_the_hostile_workbook_really_carries_the_payloads() -> None:
    # Guard against a test that passes because the payloads never reached the workbook.
    grids = hostile_grids()
    flat = [str(c) for rows in grids.values() for row in rows for c in row]
    for payload in PAYLOADS:
        assert sum(payload in cell for cell in flat) >= 5, payload
