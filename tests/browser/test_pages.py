"""Every page in real Chromium on the sample: it loads clean, draws its charts, answers its filter,
and a copied link opens the same view in another browser."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    Server,
    animations_done,
    app_console_errors,
    choose,
    new_tab,
    open_app,
    options_of,
    selected,
    start_server,
    stop_server,
    wait_for_app,
    warm_up,
)
from tests.conftest import ROOT
from utils.i18n import t

pytestmark = pytest.mark.browser

PLOTLY = '[data-testid="stPlotlyChart"] .main-svg'
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
SPARKLINE = '[data-testid="stMetricChart"] svg, [data-testid="stMetricChart"] canvas'
EXCEPTION = '[data-testid="stException"]'
NOT_FOUND = "[role='dialog']:has-text('Page not found')"

CHART = '[data-testid="stPlotlyChart"]'  # one per chart (PLOTLY matches its layers)


@dataclass(frozen=True)
class Spec:
    """What a page must show on the sample, and its main filter."""

    path: str  # URL path after the host ("" for the default page)
    script: str  # file under pages/
    title_key: str
    charts: tuple[tuple[str, int], ...]  # (selector, at least this many) drawn on the sample
    filter_key: str  # the widget whose change must change the page
    expander_first: bool = False  # the filter sits in a collapsed expander


# The default page (overview) is served at "/". Overview and sheet health have no data filter;
# the language picker is what changes them.
SPECS = (
    Spec("", "overview.py", "overview.title", ((SPARKLINE, 3),), "lang"),
    Spec(
        "program_access",
        "program_access.py",
        "access.title",
        # The trend; the map and the sections below it are drawn on demand (the map's test
        # below; tests/test_page_access.py for the others).
        ((PLOTLY, 1),),
        "access_indicator",
    ),
    # The result; the sections below it are drawn on demand (tests/test_page_votes.py).
    Spec("votes", "votes.py", "votes.title", ((PLOTLY, 1),), "votes_election"),
    Spec(
        "strategy",
        "strategy.py",
        "strategy.title",
        ((PLOTLY, 1),),  # the timeline; the sections below it are drawn on demand (test below)
        "strategy_status",
        True,
    ),
    Spec("sheet_health", "sheet_health.py", "health.title", (), "lang"),
)
BY_PATH = {spec.path: spec for spec in SPECS}


def _indicator_names() -> dict[str, dict[str, str]]:
    """The sample catalog's indicator names by id and language."""
    from data.make_sample import build_sample

    header, *rows = build_sample()["catalog"]
    col = {name: i for i, name in enumerate(header)}
    return {r[col["id"]]: {lg: r[col[f"name_{lg}"]] for lg in ("en", "ru")} for r in rows}


INDICATOR_NAMES = _indicator_names()


def written(spec: Spec) -> Spec:
    """The spec of a page that exists: a missing page fails the test, it is never skipped."""
    assert (ROOT / "pages" / spec.script).exists(), f"pages/{spec.script} is missing"
    return spec


@pytest.fixture(scope="module")
def app(browser: object, server: Server) -> Server:
    """The shared sample server, with app.py run once (see conftest.warm_up)."""
    warm_up(browser, server)
    return server


def url(server: Server, path: str, **params: str) -> str:
    """The address of ``path`` with query parameters."""
    query = f"?{urlencode(params)}" if params else ""
    return f"{server.url}/{path}{query}"


def main_text(tab: object) -> str:
    """Everything the reader sees in the main area, chart text included."""
    return tab.locator('[data-testid="stMain"]').evaluate("e => e.innerText + e.textContent")  # type: ignore[attr-defined]


def assert_clean(tab: object) -> None:
    """No exception box, no error from the app in the console, no failed request, no dialog."""
    assert tab.locator(EXCEPTION).count() == 0, tab.locator(EXCEPTION).all_inner_texts()  # type: ignore[attr-defined]
    assert app_console_errors(tab) == []
    assert tab.http_errors == []  # type: ignore[attr-defined]
    assert tab.dialogs == []  # type: ignore[attr-defined]
    assert "Traceback" not in main_text(tab)


@pytest.mark.parametrize("path", [spec.path for spec in SPECS], ids=lambda p: p or "overview")
def test_page_loads_clean_draws_its_charts_and_answers_its_filter(
    app: Server, page: object, path: str
) -> None:
    spec = written(BY_PATH[path])
    open_app(page, url(app, spec.path, lang="en"))
    expect(page.locator("h1").first).to_have_text(t(spec.title_key, "en"), timeout=30_000)  # type: ignore[attr-defined]
    for selector, least in spec.charts:
        # Charts draw one after another: wait until the last one expected is there.
        expect(page.locator(selector).nth(least - 1)).to_be_visible(timeout=30_000)
        assert page.locator(selector).count() >= least, selector
    assert_clean(page)

    before = main_text(page)
    if spec.expander_first:
        page.locator('[data-testid="stExpander"] summary').first.click()  # type: ignore[attr-defined]
        expect(page.locator(f".st-key-{spec.filter_key}")).to_be_visible()
        animations_done(page)  # the expander's opening animation
    shown = selected(page, spec.filter_key)
    choices = [o for o in options_of(page, spec.filter_key) if o not in shown]
    assert choices, f"{spec.filter_key} offers nothing else to choose"
    choice = "Русский" if spec.filter_key == "lang" else choices[0]
    choose(page, spec.filter_key, choice)
    assert choice in selected(page, spec.filter_key)
    assert main_text(page) != before, f"changing {spec.filter_key} changed nothing"
    assert_clean(page)


def test_shared_link_after_a_change_opens_the_same_view(
    app: Server, browser: object, page: object
) -> None:
    written(BY_PATH["program_access"])
    open_app(page, url(app, "program_access", lang="en"))
    shown = selected(page, "access_indicator")
    other = next(o for o in options_of(page, "access_indicator") if o not in shown)
    choose(page, "access_indicator", other)
    link = page.url  # type: ignore[attr-defined]

    fresh = new_tab(browser)  # another person: new context, no session, no cookies
    try:
        open_app(fresh, link)
        assert selected(fresh, "access_indicator") == [other]
        assert fresh.locator("h1").first.inner_text() == t("access.title", "en")  # type: ignore[attr-defined]
        assert_clean(fresh)
    finally:
        fresh.context.close()  # type: ignore[attr-defined]


def test_a_link_copied_in_english_opens_the_same_view_in_russian(
    app: Server, browser: object, page: object
) -> None:
    """The URL names the indicator by the sheet's id, so the language is all a reader changes."""
    written(BY_PATH["program_access"])
    open_app(page, url(app, "program_access", lang="en"))
    other = next(
        o
        for o in options_of(page, "access_indicator")
        if o not in selected(page, "access_indicator")
    )
    choose(page, "access_indicator", other)
    query = parse_qs(urlparse(page.url).query)  # type: ignore[attr-defined]
    chosen = next(i for i, names in INDICATOR_NAMES.items() if names["en"] == other)
    assert query["access_indicator"] == [chosen], "the URL carries the id, not the label"

    query["lang"] = ["ru"]
    fresh = new_tab(browser)
    try:
        open_app(fresh, url(app, "program_access", **{k: v[-1] for k, v in query.items()}))
        assert selected(fresh, "access_indicator") == [INDICATOR_NAMES[chosen]["ru"]]
        assert_clean(fresh)
    finally:
        fresh.context.close()  # type: ignore[attr-defined]


# Links written by hand (or by the coalition's newsletter) name the view with the ids from the
# sheet. (page, query, widget key, what the widget must show)
LINKS = (
    (
        "program_access",
        {"lang": "en", "access_indicator": "prep_uptake"},
        "access_indicator",
        ["People receiving pre-exposure prophylaxis (PrEP)"],
    ),
    (
        "program_access",
        {"lang": "en", "access_regions": "KG-C"},
        "access_regions",
        ["Chuy"],
    ),
    (
        "votes",
        {"lang": "en", "votes_election": "ccph-2022"},
        "votes_election",
        ["CCPH community seat 2022"],
    ),
    (
        "strategy",
        {"lang": "en", "strategy_status": "at_risk"},
        "strategy_status",
        ["At risk"],
    ),
)


@pytest.mark.parametrize(("path", "query", "key", "expected"), LINKS, ids=lambda v: str(v))
def test_link_with_ids_opens_that_view(
    app: Server, page: object, path: str, query: dict[str, str], key: str, expected: list[str]
) -> None:
    written(BY_PATH[path])
    open_app(page, url(app, path, **query))
    if key.startswith("strategy"):
        page.locator('[data-testid="stExpander"] summary').first.click()  # type: ignore[attr-defined]
    assert selected(page, key) == expected


@pytest.mark.parametrize("path", ["program_access", "sheet_health"])
def test_kyrgyz_link_shows_kyrgyz_title_and_navigation(
    app: Server, page: object, path: str
) -> None:
    spec = written(BY_PATH[path])
    open_app(page, url(app, spec.path, lang="ky"))
    expect(page.locator("h1").first).to_have_text(t(spec.title_key, "ky"), timeout=30_000)  # type: ignore[attr-defined]
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()  # type: ignore[attr-defined]
    assert t("nav.votes", "ky") in nav and t("nav.access", "ky") in nav
    assert_clean(page)


@pytest.fixture
def cold_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Server]:
    """A server nobody has visited yet (one per test: the first visit is what is tested)."""
    running = start_server(tmp_path_factory.mktemp("cold"))
    yield running
    stop_server(running)


# Each path is its page's file name, so the router Streamlit uses before app.py has run once
# finds it too; the default page (overview) lives at "/".
@pytest.mark.parametrize("path", ["program_access", "votes", ""])
def test_every_url_path_opens_its_page_on_a_fresh_server(
    cold_server: Server, browser: object, path: str
) -> None:
    tab = new_tab(browser)
    try:
        tab.goto(url(cold_server, path))  # type: ignore[attr-defined]
        wait_for_app(tab)
        assert tab.locator(NOT_FOUND).count() == 0  # type: ignore[attr-defined]
        assert tab.locator(".st-key-lang").count() == 1  # type: ignore[attr-defined]  # the shell ran
        spec = BY_PATH[path]
        assert tab.locator("h1").first.inner_text() == t(spec.title_key, "ru")  # type: ignore[attr-defined]
    finally:
        tab.context.close()  # type: ignore[attr-defined]


def test_no_request_leaves_this_machine(app: Server, page: object) -> None:
    # Nothing about a viewer may reach a third party: no fonts, favicons, map tiles or scripts
    # from elsewhere.
    written(BY_PATH["program_access"])
    open_app(page, url(app, "program_access", lang="en", access_map_open="true"))
    expect(page.locator(DECK).first).to_be_visible(timeout=30_000)
    page.wait_for_load_state("networkidle")  # whatever the map would fetch (tiles?) was asked
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_the_table_downloads_arrive_whole_and_protected(app: Server, browser: object) -> None:
    # The Excel file is made when the reader clicks (a deferred download); the CSV is ready in
    # the page. Both must arrive as the files they say they are, with no count under the
    # threshold in them.
    import io

    import pandas as pd

    from utils.analysis.privacy import COUNT_WORDS, small_counts_in

    written(BY_PATH["program_access"])
    tab = new_tab(browser, accept_downloads=True)  # type: ignore[arg-type]
    try:
        query = {"lang": "en", "access_indicator": "prep_uptake", "access_table_open": "true"}
        open_app(tab, url(app, "program_access", **query))
        frames = {}
        csv_label, xlsx_label = t("common.download_csv", "en"), t("common.download_xlsx", "en")
        for label, read in (
            (csv_label, lambda b: pd.read_csv(io.BytesIO(b), encoding="utf-8-sig")),
            (xlsx_label, lambda b: pd.read_excel(io.BytesIO(b))),
        ):
            button = tab.get_by_role("button", name=label)
            button.scroll_into_view_if_needed()
            with tab.expect_download(timeout=30_000) as caught:
                button.click()
            download = caught.value
            assert download.suggested_filename.startswith("prep_uptake.")
            frames[label] = read(Path(download.path()).read_bytes())
        csv, xlsx = frames[csv_label], frames[xlsx_label]
        assert len(xlsx) == len(csv) > 0 and list(xlsx.columns) == list(csv.columns)
        assert "<10" in set(xlsx.astype(str).to_numpy().ravel())  # the withheld cells, marked
        assert not small_counts_in(xlsx, count_words=COUNT_WORDS)
        assert_clean(tab)
    finally:
        tab.context.close()


def test_the_map_is_drawn_when_opened_and_a_link_keeps_it_open(
    app: Server, page: object, browser: object
) -> None:
    # The map waits for the reader: its library and boundaries would hold the first chart back.
    written(BY_PATH["program_access"])
    open_app(page, url(app, "program_access", lang="en"))
    expect(page.locator(PLOTLY).first).to_be_visible(timeout=30_000)  # type: ignore[attr-defined]
    assert page.locator(DECK).count() == 0  # type: ignore[attr-defined]
    page.get_by_text(t("access.map_open", "en")).click()  # type: ignore[attr-defined]
    expect(page.locator(DECK).first).to_be_visible(timeout=30_000)  # type: ignore[attr-defined]
    expect(page.get_by_text("Colour shows the value of each region").first).to_be_visible()  # type: ignore[attr-defined]
    assert_clean(page)
    query = parse_qs(urlparse(page.url).query)  # type: ignore[attr-defined]
    assert query.get("access_map_open") == ["true"]
    # The copied link opens the page with the map drawn, in another browser.
    other = new_tab(browser)  # type: ignore[arg-type]
    try:
        open_app(other, page.url)  # type: ignore[attr-defined]
        expect(other.locator(DECK).first).to_be_visible(timeout=30_000)
        assert_clean(other)
    finally:
        other.context.close()


def test_strategy_sections_are_drawn_when_opened_and_a_link_keeps_them_open(
    app: Server, page: object, browser: object
) -> None:
    # Below the timeline each section waits for the reader, titled with what it holds.
    written(BY_PATH["strategy"])
    open_app(page, url(app, "strategy", lang="en"))
    expect(page.locator(PLOTLY).first).to_be_visible(timeout=30_000)  # type: ignore[attr-defined]
    assert page.locator(CHART).count() == 1  # type: ignore[attr-defined]
    for key in ("strategy.summary.title", "strategy.checks.title", "strategy.years.title"):
        page.get_by_text(t(key, "en"), exact=True).click()  # type: ignore[attr-defined]
        wait_for_app(page)
    # The status summary's three charts and the years' one, under the timeline.
    expect(page.locator(CHART).nth(4)).to_be_visible(timeout=30_000)  # type: ignore[attr-defined]
    expect(page.get_by_text(t("strategy.checks.how", "en")).first).to_be_visible()  # type: ignore[attr-defined]
    assert_clean(page)
    query = parse_qs(urlparse(page.url).query)  # type: ignore[attr-defined]
    assert query.get("strategy_summary_open") == ["true"]
    assert query.get("strategy_years_open") == ["true"]
    assert "strategy_changes_open" not in query
    # The copied link opens the page with the same sections drawn, in another browser.
    other = new_tab(browser)  # type: ignore[arg-type]
    try:
        open_app(other, page.url)  # type: ignore[attr-defined]
        expect(other.locator(CHART).nth(4)).to_be_visible(timeout=30_000)
        assert other.locator(CHART).count() == 5
        assert_clean(other)
    finally:
        other.context.close()
