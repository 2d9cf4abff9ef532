"""Every page in Russian and in Kyrgyz shows no English word outside a short, reasoned allow-list.

What a reader meets is collected in real Chromium: the visible text, the text of every chart
(plotly draws axes, ticks and legends as SVG ``<text>``), the toolbar tips (plotly's modebar
buttons carry them in ``data-title``) and every ``title``, ``aria-label`` and ``placeholder``.
One server, one browser tab, both languages, every page the navigation offers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, new_tab, open_app, opened_query, warm_up
from utils.sheet.contract import TABS
from utils.sheet.parse import Workbook

pytestmark = pytest.mark.browser

ENGLISH_WORD = re.compile(r"(?<![\w.@/-])(?:[A-Za-z][a-z]{2,}(?:'[a-z]+)?|[A-Z]{3,})(?![\w@/…-])")
"""A word of three or more Latin letters standing alone: not part of an id (M-01, ost_coverage,
KG-C), an address or a file name (docs/ACCESS.md), nor cut short by a chart ("clini…": sheet
text, whose whole words are allowed)."""

ALLOWED: dict[str, str] = {
    # Names.
    "United": "the coalition's name, United Voices",
    "Voices": "the coalition's name, United Voices",
    "English": "the language picker names each language in itself",
    "Excel": "a product name",
    "Google": "a product name",
    "Sheets": "a product name (Google Sheets)",
    "CSV": "a file format",
    "PNG": "a file format",
    "PDF": "a file format (the meeting pack)",
    "XLSX": "a file format",
    "UTC": "the name of the time standard",
    "PrEP": "the international name of the medicine, also used in Russian texts",
    "Language": "the language picker's label is written in all three languages on purpose",
    # Streamlit's own texts, which no API option replaces (docs/TRANSLATING.md).
    "Fullscreen": "Streamlit's fullscreen button on tables, charts and maps, and the one it "
    "adds to every plotly toolbar (a custom button whose title plotly does not translate)",
    "Close": "Streamlit's 'Close fullscreen' button, as above",
    "Skip": "Streamlit's 'Skip to main content' link for keyboard users",
    "main": "Streamlit's 'Skip to main content' link",
    "content": "Streamlit's 'Skip to main content' link",
    "Sidebar": "Streamlit's sidebar region (aria-label)",
    "Copy": "Streamlit's 'Copy to clipboard' button on code in the editors' guide",
    "clipboard": "Streamlit's 'Copy to clipboard' button, as above",
    "Collapse": "Streamlit's 'Collapse sidebar' button (aria-label)",
    "sidebar": "Streamlit's 'Collapse sidebar' / 'Expand sidebar' buttons (aria-label)",
    "App": "Streamlit's navigation region 'App pages' (aria-label)",
    "pages": "Streamlit's navigation region 'App pages' (aria-label)",
    "Main": "Streamlit's 'Main menu' button (aria-label)",
    "menu": "Streamlit's 'Main menu' button (aria-label)",
    "Open": "Streamlit's button that opens a selectbox's list (aria-label)",
    "Help": "Streamlit's 'Help for <label>' tooltip icon (aria-label)",
    "for": "Streamlit's 'Help for <label>' tooltip icon (aria-label)",
    "Link": "Streamlit's 'Link to heading' anchor beside headings (aria-label)",
    "heading": "Streamlit's 'Link to heading' anchor beside headings (aria-label)",
    "icon": "Streamlit's '<name> icon' label of a Material icon in an alert (aria-label)",
    "Show": "Streamlit's 'Show/hide columns' button of the table toolbar",
    "hide": "Streamlit's 'Show/hide columns' button of the table toolbar",
    "columns": "Streamlit's 'Show/hide columns' button of the table toolbar",
    "Search": "Streamlit's search button of the table toolbar",
    "Shortcut": "Streamlit's 'Shortcut →' hint of a button with a keyboard shortcut",
    "Vega": "Streamlit's 'Vega visualization' label of the metric sparklines (aria-label)",
    "visualization": "Streamlit's 'Vega visualization' label of the metric sparklines",
}
ALLOWED |= {tab.name: "a tab name editors type: kept as it is in every language" for tab in TABS}
ALLOWED |= {
    column.name: "a column name editors type: kept as it is in every language"
    for tab in TABS
    for column in tab.columns
}

# Material icons are drawn from their names as text ("science", "refresh"): a picture, not words.
COLLECT = """() => {
  const icons = [...document.querySelectorAll('span, i')].filter(
    e => getComputedStyle(e).fontFamily.includes('Material') && !e.children.length);
  for (const icon of icons) icon.dataset.uvText = icon.textContent, icon.textContent = '';
  const texts = [document.body.innerText];
  for (const icon of icons) icon.textContent = icon.dataset.uvText;
  for (const el of document.querySelectorAll('svg text')) texts.push(el.textContent);
  for (const el of document.querySelectorAll('[title], [aria-label], [data-title], [placeholder]'))
    for (const name of ['title', 'aria-label', 'data-title', 'placeholder'])
      if (el.getAttribute(name)) texts.push(el.getAttribute(name));
  return texts.join('\\n');
}"""


def sheet_words(workbook: Workbook) -> set[str]:
    """Words of the sheet's own free text (names of organisations, candidates, sources): the
    editors' words, shown as they wrote them."""
    words: set[str] = set()
    for tab in TABS:
        frame = workbook[tab.name]
        for column in tab.columns:
            if column.kind == "text" and column.name in frame:
                for cell in frame[column.name].dropna().astype(str):
                    words |= set(ENGLISH_WORD.findall(cell))
    return words


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The English words of ``text`` that are not allowed, each once, in order."""
    found = [word for word in ENGLISH_WORD.findall(text) if word not in allowed]
    return list(dict.fromkeys(found))


def test_the_word_finder_catches_english_and_spares_ids() -> None:
    """The finder itself, on text worked out by hand (so the page test cannot pass by a blind
    pattern)."""
    text = (
        "M-01, ost_coverage, KG-C, docs/ACCESS.md, clini…: Download plot as a PNG. Zoom. Jan 2025"
    )
    assert english_words(text, {"PNG"}) == ["Download", "plot", "Zoom", "Jan"]


@pytest.fixture(scope="module")
def tab(browser: object, server: Server) -> Iterator[Page]:
    """One tab for every page and both languages."""
    warm_up(browser, server)  # type: ignore[arg-type]
    opened = new_tab(browser)  # type: ignore[arg-type]
    yield opened
    opened.context.close()


def _pages(tab: Page, server: Server) -> list[str]:
    """Every page the navigation offers, by its URL path."""
    open_app(tab, f"{server.url}/?lang=ru")
    links = tab.locator('[data-testid="stSidebarNav"] a')
    expect(links.first).to_be_attached(timeout=30_000)
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    return sorted({href.strip("/") for href in hrefs})


def _settled(tab: Page) -> None:
    """Wait until the charts a page draws are on it, their toolbars included."""
    charts = tab.locator('[data-testid="stPlotlyChart"]')
    for index in range(charts.count()):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=30_000)
        expect(charts.nth(index).locator(".modebar-btn").first).to_be_attached(timeout=30_000)


def test_no_page_shows_english_in_russian_or_kyrgyz(
    tab: Page, server: Server, sample_workbook: Workbook
) -> None:
    allowed = set(ALLOWED) | sheet_words(sample_workbook)
    pages = _pages(tab, server)
    assert {"program_access", "votes", "strategy", "sheet_health"} <= set(pages), pages
    seen: dict[str, list[str]] = {}
    for lang in ("ru", "ky"):
        for path in pages:
            opened = opened_query(path)  # every section drawn on demand: the map's legend
            open_app(tab, f"{server.url}/{path}?lang={lang}{opened}")
            _settled(tab)
            found = english_words(tab.evaluate(COLLECT), allowed)
            if found:
                seen[f"{path or 'overview'} [{lang}]"] = found
    assert not seen, f"English words on pages: {seen}"


def test_charts_speak_the_readers_language(tab: Page, server: Server) -> None:
    """Date ticks of the Strategy timeline and the toolbar tips, in Kyrgyz (worked out from
    CLDR and the catalogue by hand)."""
    open_app(tab, f"{server.url}/strategy?lang=ky")
    _settled(tab)
    timeline = tab.locator('[data-testid="stPlotlyChart"]').first  # 2025–2027: years only
    ticks = timeline.locator(".xtick text")
    timeline.hover()
    for _ in range(2):  # its own "zoom in" tip, twice: a quarter of the years, month ticks
        before = ticks.first.text_content()
        timeline.locator('.modebar-btn[data-title="Жакындатуу"]').click()
        expect(ticks.first).not_to_have_text(before or "", timeout=30_000)
    shown = " ".join(ticks.evaluate_all("texts => texts.map(t => t.textContent)"))
    assert re.search(r"\b(Янв|Фев|Мар|Апр|Май|Июн|Июл|Авг|Сен|Окт|Ноя|Дек)\b", shown), shown
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", shown), shown
    tips = tab.locator('[data-testid="stPlotlyChart"] .modebar-btn[data-title]').evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert "Графикти PNG сүрөтү катары жүктөп алуу" in tips, tips
    assert "Окторду баштапкы абалга келтирүү" in tips, tips
