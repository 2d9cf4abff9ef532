"""Presenter mode on every page, and the slideshow: one key view per screen, each with its
"as of" line, moved by next / previous (whose keyboard shortcuts are the arrow keys)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import checked, run_page
from tests.conftest import ROOT
from tests.workbooks import TODAY
from utils.analysis import milestones as ms
from utils.i18n import LANGUAGES, fmt_date, t
from utils.sheet.parse import parse_workbook
from utils.views import slides
from utils.web.ui import PRESENTER_CSS

PAGES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "pages").glob("*.py")
    if p.stem not in ("admin",)  # the admin page is for admins, never presented
)
SLIDESHOW = str(ROOT / "pages" / "slideshow.py")


def run(page: str, *, presenting: bool, lang: str = "en", **params: str) -> AppTest:
    """Run a page alone with presenter mode on or off."""
    return run_page(page, lang=lang, query=params, state={"present": presenting})


def css(at: AppTest) -> list[str]:
    """The bodies of st.html elements of the run."""
    return [el.proto.body for el in at.get("html")]


# --- presenter mode, page by page -------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_has_no_tables_and_no_downloads(page: str) -> None:
    at = run(page, presenting=True)
    assert not at.dataframe, f"{page} shows a table in presenter mode"
    assert not at.table, f"{page} shows a table in presenter mode"
    assert not at.get("download_button"), f"{page} offers a download in presenter mode"


@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_styles_the_page_and_offers_a_way_out(page: str) -> None:
    at = run(page, presenting=True)
    assert PRESENTER_CSS in css(at)
    assert 'data-testid="stSidebar"' in PRESENTER_CSS and "display: none" in PRESENTER_CSS
    exit_button = at.button(key="present_exit")
    assert exit_button.label == t("present.exit", "en")
    checked(exit_button.click().run())
    assert at.session_state["present"] is False
    assert PRESENTER_CSS not in css(at), "leaving presenter mode removes its style"


@pytest.mark.parametrize("page", PAGES)
def test_without_presenter_mode_nothing_changes(page: str) -> None:
    at = run(page, presenting=False)
    assert PRESENTER_CSS not in css(at)
    assert not [b for b in at.button if b.key == "present_exit"]


def test_presenter_css_is_made_of_constants() -> None:
    # Nothing from the sheet or the URL may reach it: it is a module constant, no placeholders.
    assert "{" in PRESENTER_CSS and "{}" not in PRESENTER_CSS
    assert "<script" not in PRESENTER_CSS.lower()
    assert PRESENTER_CSS.startswith("<style>") and PRESENTER_CSS.endswith("</style>")


def test_presenter_mode_from_the_url_through_the_app_shell() -> None:
    at = run_page("app.py", query={"present": "true"})
    assert at.session_state["present"] is True
    assert PRESENTER_CSS in css(at)
    assert not at.dataframe


def test_the_presenter_overview_is_the_few_key_numbers() -> None:
    at = run("pages/overview.py", presenting=True)
    labels = [m.label for m in at.metric]
    assert len(labels) == 3 + 5, labels  # three key indicators; the election, strategy, loop
    assert labels[:2] == [
        "HIV prevention coverage among key populations",
        "Opioid substitution therapy coverage",
    ]
    assert "Milestones done" in labels and "Open findings" in labels
    assert not at.header and not at.dataframe  # one screen: no sections, no tables
    values = dict(zip(labels, (m.value for m in at.metric), strict=True))
    assert values["Milestones done"] == "23%"  # the same figure as the Overview's and the chart's
    normal = run("pages/overview.py", presenting=False)
    assert len(normal.metric) > len(at.metric) and normal.header


# --- the slideshow --------------------------------------------------------------------------

EXPECTED_TITLES = {
    1: "Opioid substitution therapy coverage: where the target is missed",
    2: "Opioid substitution therapy coverage by region, 2026-Q3",
    3: "Election: CCPH community seat 2025",
    4: "Strategy: what is late and who leads it",
    5: "Monitoring: what is open and who must respond",
    6: "The coalition",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("number", sorted(EXPECTED_TITLES))
def test_every_slide_renders_with_its_as_of_line(number: int, lang: str) -> None:
    at = run("pages/slideshow.py", presenting=True, lang=lang, slide=str(number))
    assert len(at.title) == 1, "one key view per screen, its title the page's"
    assert not at.header
    if lang == "en":
        assert at.title[0].value == EXPECTED_TITLES[number]
    footer = at.caption[-1].value
    assert t("present.counter", lang, n=number, total=len(EXPECTED_TITLES)) in footer
    template = t("present.as_of", lang, when="\0", source="\0")
    fragments = [part.strip() for part in template.split("\0") if part.strip()]
    assert all(part in footer for part in fragments), "every slide says how fresh its data are"
    assert "2026" in footer  # the sample's as-of time itself
    assert t("banner.sample_source", lang) in footer  # the source, named in the reader's language
    assert not at.dataframe and not at.table


def test_the_slides_draw_their_picture() -> None:
    assert run("pages/slideshow.py", presenting=True, slide="1").get("plotly_chart")
    assert run("pages/slideshow.py", presenting=True, slide="2").get("deck_gl_json_chart")
    assert run("pages/slideshow.py", presenting=True, slide="3").get("plotly_chart")
    assert run("pages/slideshow.py", presenting=True, slide="5").get("plotly_chart")  # the funnel


def test_next_and_previous_change_the_slide_and_the_url() -> None:
    at = run("pages/slideshow.py", presenting=True)
    assert at.title[0].value == EXPECTED_TITLES[1]
    checked(at.button(key="slide_next").click().run())
    assert at.title[0].value == EXPECTED_TITLES[2]
    assert at.query_params["slide"] == "2"
    checked(at.button(key="slide_next").click().run())
    assert at.title[0].value == EXPECTED_TITLES[3]
    checked(at.button(key="slide_previous").click().run())
    assert at.title[0].value == EXPECTED_TITLES[2]
    checked(at.button(key="slide_previous").click().run())
    checked(at.button(key="slide_previous").click().run())  # wraps round to the last slide
    assert at.title[0].value == EXPECTED_TITLES[6]


def test_the_arrow_keys_are_the_shortcuts() -> None:
    at = run("pages/slideshow.py", presenting=True)
    assert at.button(key="slide_next").proto.shortcut.lower() == "right"
    assert at.button(key="slide_previous").proto.shortcut.lower() == "left"


def test_the_timer_is_off_unless_asked_for() -> None:
    at = run("pages/slideshow.py", presenting=True)
    assert at.toggle(key="slide_auto").value is False
    assert at.selectbox(key="slide_every").disabled
    on = run("pages/slideshow.py", presenting=True, slide_auto="true")
    assert on.toggle(key="slide_auto").value is True
    assert not on.selectbox(key="slide_every").disabled


def test_the_slideshow_without_presenter_mode_still_works() -> None:
    at = run("pages/slideshow.py", presenting=False, slide="4")
    assert at.header[0].value == EXPECTED_TITLES[4]


# --- the slides' content (pure) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook():
    return parse_workbook(build_sample(), today=TODAY)


def _text(slide: slides.Slide) -> str:
    metrics = (f"{m.label} {m.value}" for m in slide.metrics)
    return "\n".join([slide.title, *slide.lines, *metrics, slide.note or ""])


def test_access_slide_answers_the_ost_question(workbook) -> None:
    slide = slides.access_slide(workbook, lang="en", escape=str)  # the words, unescaped
    text = _text(slide)
    assert "14.6%" in text and "50.0%" in text
    assert "**Jalal-Abad** is furthest from it, at 4.3%" in text
    assert "worse since" in text  # 6.5% a year earlier
    assert slide.figure is not None


def test_election_slide_tells_the_47_percent_story(workbook) -> None:
    text = _text(slides.election_slide(workbook, lang="en"))
    assert "CCPH community seat 2025" in text
    assert "Within 2 hours of the first count, Aigerim Sadykova had reached 47%" in text
    assert "49.3%" in text  # the final result
    assert "Coalition steering committee 2026" in text  # counting under way is mentioned


def test_strategy_slide_names_what_is_late_and_who_leads_it(workbook) -> None:
    slide = slides.strategy_slide(workbook, lang="en", today=TODAY, escape=str)
    assert slide.metrics[0].value == "7"
    text = _text(slide)
    assert "**M-01** Open two new OST sites" in text
    assert "Living Together Osh 2" in text and "Rainbow Mountains Collective 2" in text
    assert "and 3 more" in text  # four named, the rest left to the Strategy page
    assert "**M-27**" not in text


def test_monitoring_slide_says_what_is_open_and_who_must_respond(workbook) -> None:
    slide = slides.monitoring_slide(workbook, lang="en", today=TODAY)
    text = _text(slide)
    assert "**20 findings are still open.**" in text
    assert "Bishkek city police department (12)" in text  # the duty bearer who must respond
    assert "**5 answers are overdue.**" in text
    assert [m.value for m in slide.metrics] == ["20", "5", "1", "3"]
    assert slide.figure is not None and slide.figure.layout.height == slides.FIGURE_HEIGHT
    assert slide.figure.data[0].type == "bar"  # the funnel, drawn as bars


def test_monitoring_slide_without_an_actions_tab(workbook) -> None:
    grids = build_sample()
    del grids["actions"]
    slide = slides.monitoring_slide(parse_workbook(grids, today=TODAY), lang="ru", today=TODAY)
    assert "Не решено" in [m.label for m in slide.metrics]
    assert slide.figure is not None


def test_members_slide_counts_the_coalition(workbook) -> None:
    slide = slides.members_slide(workbook, lang="en")
    assert [m.value for m in slide.metrics] == ["7", "2"]
    assert "Tulip Sex Workers' Alliance, Silk Road Sisters" in _text(slide)


def test_sheet_text_on_slides_passes_the_escape(workbook) -> None:
    marked = slides.members_slide(workbook, lang="en", escape=lambda s: f"[{s}]")
    assert "[Steppe Harm Reduction Network]" in _text(marked)


def test_slides_need_their_tabs() -> None:
    grids = build_sample()
    del grids["votes"], grids["members"]
    book = parse_workbook(grids, today=date(2026, 11, 27))
    assert slides.available(book) == ["access", "map", "strategy", "monitoring"]
    del grids["findings"]
    assert "monitoring" not in slides.available(parse_workbook(grids, today=date(2026, 11, 27)))


@pytest.mark.parametrize(
    ("index", "total", "by", "expected"),
    [
        (1, 5, 1, 2),
        (5, 5, 1, 1),
        (1, 5, -1, 5),
        (3, 5, -1, 2),
        (9, 5, 1, 1),
        (0, 5, 1, 2),
        (1, 0, 1, 1),
    ],
)
def test_step_wraps_round(index: int, total: int, by: int, expected: int) -> None:
    assert slides.step(index, total, by) == expected


def test_slide_words_keep_a_list_one_list_and_a_sentence_after_it_apart() -> None:
    block = slides.markdown(["Won.", "Crossed at 11:03.", "- one", "- two", "… and 3 more."])
    assert block == "Won. Crossed at 11:03.\n\n- one\n- two\n\n… and 3 more."


def test_the_strategy_slide_says_its_day_in_the_footer_note(workbook) -> None:
    slide = slides.strategy_slide(workbook, lang="en", today=TODAY)
    assert slide.note == t("present.strategy.today", "en", date="Nov 27, 2026")
    at = run("pages/slideshow.py", presenting=True, lang="en", slide="4")
    today = fmt_date(ms.today_in_bishkek(), "en")
    assert t("present.strategy.today", "en", date=today) in at.caption[-1].value
