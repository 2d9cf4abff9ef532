"""The Overview page through AppTest: the few numbers, in three languages, and their links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import run_page

PAGE = "pages/overview.py"


def run(lang: str = "en", present: bool = False, script: str = PAGE) -> AppTest:
    """The page in ``lang``; no section may fail and no error box may show."""
    state = {"present": True} if present else {}
    return run_page(script, lang=lang, state=state, timeout=60)


def test_sample_in_english() -> None:
    at = run("en")
    assert at.title[0].value == "United Voices at a glance"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Opioid substitution therapy coverage"].endswith("%")
    assert metrics["Member organisations"] == "7"
    assert metrics["Candidate members"] == "2"
    assert metrics["Milestones in the plan"] == "32"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Target 50.0% ·") and "Below target" in c for c in captions)
    assert any(c.startswith("Data as of") for c in captions)  # "as of" time and source
    assert [h.value for h in at.header] == [
        "Programme access against targets",
        "Latest election",
        "Strategy",
        "Community-led monitoring",
        "Coalition members",
    ]


def test_sample_in_russian_and_kyrgyz() -> None:
    at = run("ru")
    assert at.title[0].value == "United Voices: главное"
    labels = [m.label for m in at.metric]
    assert "Охват опиоидной заместительной терапией" in labels
    assert "Этапов выполнено" in labels
    at = run("ky")
    assert "Аткарылган этаптар" in [m.label for m in at.metric]


def test_links_to_each_page_from_the_app() -> None:
    at = run_page("app.py", timeout=60)
    links = [el for el in at.main if getattr(el, "type", "") == "page_link"]
    if not links:  # AppTest may not expose page links as elements: read the protos
        links = at.get("page_link")
    pages = {getattr(link.proto, "page", "") for link in links}
    assert {"program_access", "votes", "strategy"} <= {p.strip("/").split("/")[-1] for p in pages}


def test_presenter_mode_has_no_tables() -> None:
    at = run("en", present=True)
    assert not at.dataframe
    assert len(at.metric) >= 6


def test_missing_optional_tabs_are_said_in_plain_words(
    use_workbook: Callable[[dict], Path],
) -> None:
    grids = build_sample()
    del grids["members"], grids["votes"], grids["elections"]
    use_workbook(grids)
    at = run("en")
    infos = [i.value for i in at.info]
    assert any("'members'" in i for i in infos)
    assert any("'votes'" in i for i in infos)
    assert "Milestones done" in [m.label for m in at.metric]


def test_problems_in_the_sheet_are_pointed_out(use_workbook: Callable[[dict], Path]) -> None:
    from tests.workbooks import broken_workbook

    grids, _ = broken_workbook()
    use_workbook(grids)
    at = run("en")
    assert any("could not be used" in w.value for w in at.warning)
