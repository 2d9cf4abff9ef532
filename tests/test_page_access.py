"""The Program access page through AppTest: what a leader sees on the sample and edge cases."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import opened, run_page
from utils.i18n import t

PAGE = "pages/program_access.py"
BELOW_THE_MAP = {k: v for k, v in opened(PAGE).items() if k != "access_map_open"}
"""The URL opening the sections below the map (the map itself stays closed)."""
SECTION_TITLES = [
    t(key, "en")
    for key in (
        "access.map_open",
        "access.section_breakdown",
        "access.cascade_heading",
        "monitoring.access.title",
        "access.table_heading",
    )
]


def run(lang: str = "en", **params: object) -> AppTest:
    """Render the page with a language and URL parameters, the sections below the map open; no
    section may fail."""
    return run_page(PAGE, lang=lang, query={**BELOW_THE_MAP, **params})


def text(at: AppTest) -> str:
    """Everything written as words on the page."""
    parts = [
        e.value for kind in ("markdown", "caption", "info", "warning") for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_the_leaders_question_is_answered_in_words_on_the_sample() -> None:
    at = run("en")
    assert at.title[0].value == "Program access"
    assert at.selectbox(key="access_indicator").value == "ost_coverage"
    words = text(at)
    # hand calculation (data/README.md): Jalal-Abad 98 / 2 300 = 4.3 % in 2026-Q3, 45.7 points
    # below 50 %; a year before 150 / 2 300 = 6.5 %: worse by 2.3 points
    assert (
        "In 2026-Q3, **Jalal-Abad** is furthest below the target of 50.0%: 4.3%, 45.7 pp" in words
    )
    assert "It has got worse since 2025-Q3: 6.5% then, −2.3 pp." in words
    assert "Set by: WHO/UNODC/UNAIDS Technical Guide (2012)" in words
    assert at.metric[1].value == "50.0%"
    charts = at.get("plotly_chart")
    assert len(charts) == 4  # trend, regions, communities, cascade
    assert len(at.get("download_button")) == 2
    # The map is drawn when the reader opens it: nothing of it is sent before.
    assert [e.label for e in at.expander] == SECTION_TITLES
    assert not at.get("deck_gl_json_chart")


def test_a_first_visit_draws_the_answer_and_the_trend_and_names_the_rest() -> None:
    """Below the trend each section is a closed expander titled with what it holds, and none of
    its charts, tables or downloads is sent until the reader opens it."""
    at = run_page(PAGE, lang="en")
    assert "is furthest below the target" in text(at)
    assert len(at.get("plotly_chart")) == 1  # the trend
    assert [e.label for e in at.expander] == SECTION_TITLES
    assert not at.get("download_button") and not at.dataframe
    cascade = run_page(PAGE, lang="en", query={"access_cascade_open": "true"})
    assert len(cascade.get("plotly_chart")) == 2
    table = run_page(PAGE, lang="en", query={"access_table_open": "true"})
    assert len(table.get("download_button")) == 2 and len(table.dataframe) == 1


def test_a_link_that_opens_the_map_draws_it_with_its_legend() -> None:
    at = run("en", access_map_open="true")
    assert len(at.get("deck_gl_json_chart")) == 1
    assert any("Colour shows the value of each region" in c.value for c in at.caption)


def test_presenter_mode_opens_the_map() -> None:
    at = run_page(PAGE, state={"present": True})
    assert len(at.get("deck_gl_json_chart")) == 1


def test_russian_page_has_russian_answer() -> None:
    words = text(run("ru"))
    assert "дальше всего от цели 50,0% — **Джалал-Абадская область**: 4,3%" in words
    assert "стало хуже" in words


def test_indicator_without_target_says_so() -> None:
    at = run("en", access_indicator="prep_uptake")
    words = text(at)
    assert "This indicator has no target in the catalog." in words
    assert "This indicator has no target. In 2026-Q3, the lowest value is in" in words
    # PrEP sites are in six regions: the other three are named, not silently dropped
    assert "No rows for this indicator in: Batken, Naryn, Talas." in words


def test_no_data_for_the_filters_is_said_in_words() -> None:
    at = run(
        "en",
        access_indicator="prep_uptake",
        access_regions=["KG-N"],
    )
    assert "There are no data for this indicator" in at.warning[0].value
    assert not at.get("download_button")


def test_value_only_regions_are_named_and_left_out_of_the_pooled_figure() -> None:
    at = run(
        "en",
        access_indicator="nsp_syringes",
    )
    words = text(at)
    assert "Batken, Naryn, Talas reported only a value (no numerator or denominator)" in words
    assert "left out of the pooled figure" in words


def test_pooled_communities_never_add_a_subgroup_twice(use_workbook) -> None:
    grids = build_sample()
    header = grids["indicators"][0]
    col = {name: i for i, name in enumerate(header)}
    extra = []
    for row in grids["indicators"][1:]:
        if row[col["indicator"]] == "ost_coverage":
            copy = list(row)
            copy[col["community"]] = "pwud"
            extra.append(copy)
    grids["indicators"] = grids["indicators"] + extra
    use_workbook(grids)
    at = run("en", access_communities=["pwud", "pwid"])
    assert "People who inject drugs: already counted within a wider community" in text(at)
    assert "4.3%" in text(at)  # not diluted or doubled by the overlap


def test_catalog_without_cascade_steps_says_so(use_workbook) -> None:
    grids = build_sample()
    step = grids["catalog"][0].index("cascade_step")
    grids["catalog"] = [grids["catalog"][0]] + [
        [*row[:step], None, *row[step + 1 :]] for row in grids["catalog"][1:]
    ]
    use_workbook(grids)
    at = run("en")
    assert any("does not mark the three cascade steps" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 3


def test_missing_indicators_tab_is_said_and_nothing_breaks(use_workbook) -> None:
    grids = build_sample()
    grids["indicators"] = grids["indicators"][:1]
    use_workbook(grids)
    at = run("en")
    assert at.info and "indicators" in at.info[-1].value


def test_presenter_mode_has_no_table_or_downloads() -> None:
    at = run_page(PAGE, state={"present": True})
    assert not at.dataframe and not at.get("download_button")
    assert at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_no_english_left_in_the_answer(lang: str) -> None:
    words = text(run(lang))
    assert "furthest" not in words and "Target" not in words


@pytest.mark.parametrize(
    "boundary_file", ["kgz_adm1_wfp_prism.geojson", "kgz_adm2_ocha_cod.geojson"]
)
def test_a_deployers_boundary_file_draws_a_choropleth_with_both_cities(
    monkeypatch: pytest.MonkeyPatch, boundary_file: str
) -> None:
    import json

    from tests.conftest import shared_fixture

    monkeypatch.setenv("UV_BOUNDARIES", str(shared_fixture("boundaries", boundary_file)))
    at = run_page(PAGE, query={"access_map_open": "true"})
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers = {layer["@@type"]: layer for layer in deck["layers"]}
    assert "GeoJsonLayer" in layers
    regions = {f["properties"].get("region") for f in layers["GeoJsonLayer"]["data"]["features"]}
    assert regions >= {"KG-B", "KG-C", "KG-Y", "KG-J", "KG-N", "KG-O", "KG-T"}
    markers = json.dumps(layers["ScatterplotLayer"]["data"], ensure_ascii=False)
    assert "Bishkek" in markers and "Osh city" in markers
