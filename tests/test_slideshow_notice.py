"""Presenter screens (issue 16). The slideshow's → and ← raise no link notice: a rerun started by a click sends
the URL as it was before the click, which is the page's own value, not a link to judge."""

from __future__ import annotations

from tests.apptest import run, run_page
from utils.i18n import t
from utils.web import url_state


def test_pressing_next_from_slide_2_raises_no_notice() -> None:
    at = run_page("pages/slideshow.py", lang="ru", query={"slide": "2"})
    assert not [x.value for x in at.toast], "a good link raises no notice"
    seen = []
    for expected in (3, 4):
        # As a browser does: the URL of the run is the one the last run wrote (?slide=2, ...).
        at.query_params["slide"] = str(at.session_state["slide"])
        at.button(key="slide_next").click()
        run(at)
        seen.append(at.session_state["slide"])
        assert not [x.value for x in at.toast], f"a notice on the way to slide {expected}"
    assert seen == [3, 4]


def test_a_link_to_a_slide_that_is_not_there_is_still_told() -> None:
    # 9 of 5 slides is clamped to 5: the link asked for something this page does not have.
    at = run_page("pages/slideshow.py", lang="ru", query={"slide": "9"})
    notice = " ".join(x.value for x in at.toast)
    assert (
        notice == t("present.url.ignored", "ru", keys="slide") == "В ссылке не распознано: slide."
    )


def test_own_value_is_only_what_the_page_wrote() -> None:
    assert url_state.own_value(["2"], "int_value", 2)
    assert not url_state.own_value(["2"], "int_value", 3)
    assert not url_state.own_value(["2"], "int_value", None)  # a fresh link is always judged


def test_presenter_mode_says_sample_and_as_of_in_one_line() -> None:
    # The bundled sample, presented: no info box, one caption with both (a 1280×720 slide's
    # room); without presenter mode the sample's box stays.
    shown = run_page("pages/slideshow.py", lang="ru", state={"present": True})
    assert not [x.value for x in shown.info if t("banner.sample", "ru") in x.value]
    lines = [c.value for c in shown.caption if t("banner.sample_short", "ru") in c.value]
    assert len(lines) == 1 and "Данные на " in lines[0] and "источник: " in lines[0]
    usual = run_page("pages/slideshow.py", lang="ru")
    assert [x.value for x in usual.info if x.value == t("banner.sample", "ru")]
