"""The Program access view-model without AppTest: its sentences, numbers and sections.

Expected values are calculated by hand: on the sample (data/README.md, "Expected answers") and
on a tiny workbook written here, whose few PrEP counts can be added up in one's head.
"""

from __future__ import annotations

import copy
from dataclasses import FrozenInstanceError

import pytest

from data.make_sample import build_sample
from tests.workbooks import TODAY
from utils.render import access as charts
from utils.sheet.parse import Workbook, parse_workbook
from utils.views import access
from utils.views.access import AccessFilters, AccessView, Metric
from utils.views.sections import Broken, broken_sections, unwrap

K = 10  # the threshold: a count below it is withheld


def view(book: Workbook, filters: AccessFilters, lang: str = "en", **kw: object) -> AccessView:
    args: dict = {"lang": lang, "threshold": K, "today": TODAY, "presenting": False, **kw}
    return access.build(book, filters, **args)


@pytest.fixture(scope="module")
def sample_workbook() -> Workbook:
    """The bundled sample, parsed once for this module; read it, never change it."""
    return parse_workbook(build_sample(), today=TODAY)


@pytest.fixture(scope="module")
def tiny() -> Workbook:
    """The sample's catalog with only these PrEP rows (count, higher is better, no target).

    2025-Q1: Chuy 40, Osh city 25, Naryn 3 (withheld): the shown total is 65.
    2026-Q1: Chuy 50, Osh city 10, Naryn 4 (withheld): the shown total is 60, so the true total
    lies between 60 + 1 = 61 and 60 + 9 = 69, and the change is 60 - 65 = -5. Osh city is the
    lowest region shown, 25 a year before: -15.
    """
    grids = copy.deepcopy(build_sample())
    header = grids["indicators"][0]
    rows = [
        ("2025-Q1", "Chuy", 40),
        ("2025-Q1", "Osh city", 25),
        ("2025-Q1", "Naryn", 3),
        ("2026-Q1", "Chuy", 50),
        ("2026-Q1", "Osh city", 10),
        ("2026-Q1", "Naryn", 4),
    ]
    grids["indicators"] = [header] + [
        ["prep_uptake", period, region, "msm", count, None, None, "PrEP sites", None]
        for period, region, count in rows
    ]
    return parse_workbook(grids, today=TODAY)


def test_the_sample_answer_in_english(sample_workbook: Workbook) -> None:
    # Jalal-Abad 98 / 2 300 = 4.26% in 2026-Q3, 50 - 4.26 = 45.74 points short;
    # 150 / 2 300 = 6.52% a year before: 4.26 - 6.52 = -2.26 points
    shown = view(sample_workbook, AccessFilters("ost_coverage"))
    answer = shown.answer
    assert not isinstance(answer, Broken)
    assert answer.sentence == (
        "In 2026-Q3, **Jalal\\-Abad** is furthest below the target of 50.0%: 4.3%, 45.7 pp short"
        " of it. It has got worse since 2025-Q3: 6.5% then, −2.3 pp."
    )
    assert answer.warning is None


def test_the_sample_answer_in_russian_writes_points_the_russian_way(
    sample_workbook: Workbook,
) -> None:
    answer = view(sample_workbook, AccessFilters("ost_coverage"), "ru").answer
    assert not isinstance(answer, Broken)
    assert "**Джалал\\-Абадская область**: 4,3%, на 45,7 п. п." in (answer.sentence or "")
    assert "6,5%" in (answer.sentence or "") and "−2,3 п. п." in (answer.sentence or "")


def test_the_sample_metrics_national_target_and_gap(sample_workbook: Workbook) -> None:
    # national 3 659 / 25 000 = 14.64%; 50 - 14.64 = 35.36 points to the target
    latest = view(sample_workbook, AccessFilters("ost_coverage")).latest
    assert latest is not None and not isinstance(latest, Broken)
    now, target, gap = latest.metrics
    assert (now.label, now.value) == ("2026-Q3: chosen regions and communities", "14.6%")
    assert now.delta_color == "normal"
    assert target == Metric("Target", "50.0%")
    assert gap == Metric("Distance to target", "35.4 pp")


def test_the_sample_trend_says_who_set_the_target(sample_workbook: Workbook) -> None:
    trend = view(sample_workbook, AccessFilters("ost_coverage")).trend
    assert trend is not None and not isinstance(trend, Broken)
    assert trend.target_note == "Target: 50.0%. Set by: WHO/UNODC/UNAIDS Technical Guide \\(2012\\)"


def test_the_lowest_region_when_there_is_no_target(tiny: Workbook) -> None:
    answer = view(tiny, AccessFilters("prep_uptake")).answer
    assert not isinstance(answer, Broken)
    assert answer.sentence == (
        "This indicator has no target. In 2026-Q1, the lowest value is in **Osh city**: 10."
        " It has got worse since 2025-Q1: 25 then, −15."
    )
    assert answer.hidden == "Not ranked because their value is hidden to protect people: Naryn."


def test_a_withheld_count_is_left_out_and_its_range_said(tiny: Workbook) -> None:
    latest = view(tiny, AccessFilters("prep_uptake")).latest
    assert latest is not None and not isinstance(latest, Broken)
    assert latest.metrics == (
        Metric(
            "2026-Q1: chosen regions and communities",
            "60",
            delta="−5",
            delta_color="normal",
            help="Change compared with the previous period, 2025-Q1.",
        ),
    )
    assert latest.note == (
        "This figure leaves out 1 cell with a count below 10, to protect people: it is pooled"
        " from the cells shown, so it may differ from the true total."
        " The true total lies between 61 and 69."
    )


def test_the_notes_name_the_regions_without_rows(tiny: Workbook) -> None:
    shown = view(tiny, AccessFilters("prep_uptake"))
    assert shown.breakdown is not None
    breakdown, trend, cascade = shown.breakdown.get(), shown.trend, shown.cascade.get()
    assert not isinstance(breakdown, Broken)
    assert breakdown.notes == (
        "No rows for this indicator in: Batken, Issyk-Kul, Jalal-Abad, Osh oblast, Talas, Bishkek city.",
    )
    assert trend is not None and not isinstance(trend, Broken)
    assert trend.target_note == "This indicator has no target in the catalog."
    assert not isinstance(cascade, Broken)
    assert cascade.info == "No period has all three cascade steps for the chosen regions."
    assert cascade.figure is None


def test_the_table_and_its_downloads_never_hold_the_withheld_counts(tiny: Workbook) -> None:
    later = view(tiny, AccessFilters("prep_uptake")).table
    assert later is not None
    table = later.get()
    assert not isinstance(table, Broken)
    assert (table.csv_name, table.xlsx_name) == ("prep_uptake.csv", "prep_uptake.xlsx")
    naryn = table.frame[table.frame["Region"] == "Naryn"]
    assert not naryn.empty and not naryn["Numerator"].isin([3, 4, "3", "4"]).any()
    assert b"Naryn" in table.csv and b"<10" in table.csv
    assert table.xlsx()[:2] == b"PK"  # an xlsx is a zip


def test_filters_without_data_say_so_and_draw_nothing_else(sample_workbook: Workbook) -> None:
    shown = view(sample_workbook, AccessFilters("prep_uptake", regions=("KG-N",)))
    answer = shown.answer
    assert not isinstance(answer, Broken)
    assert answer.warning == (
        "There are no data for this indicator with the chosen communities and regions."
        " Choose other filters."
    )
    assert answer.sentence is None
    assert shown.latest is shown.trend is shown.map is shown.breakdown is shown.table is None
    assert not isinstance(shown.cascade.get(), Broken)


def test_presenting_leaves_out_the_table_and_the_definition(sample_workbook: Workbook) -> None:
    shown = view(sample_workbook, AccessFilters("ost_coverage"), presenting=True)
    assert shown.table is None
    assert not isinstance(shown.trend, Broken) and shown.trend is not None
    assert shown.trend.definition is None
    assert shown.map is not None
    assert unwrap(shown.map).height == 520  # with its heading, one 1280×720 screen


def test_a_failing_figure_breaks_only_its_section(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr(charts, "make_trend_figure", broken)
    shown = view(sample_workbook, AccessFilters("ost_coverage"))
    assert shown.trend == Broken("trend")
    assert not isinstance(shown.answer, Broken) and shown.map is not None
    assert not isinstance(shown.map.get(), Broken)


def test_the_sections_after_the_trend_are_built_when_first_read(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first visit shows the answer and the trend (the page opens the rest on demand):
    building the view must not make the map, the breakdown, the cascade or the table."""
    from utils.views import access, memo

    memo.clear()  # the cascade is shared between views: an earlier test may have made it
    made: list[str] = []
    for name in ("map_section", "breakdown_section", "cascade_section", "table_section"):
        real = getattr(access, name)
        monkeypatch.setattr(
            access, name, lambda *a, _n=name, _r=real, **k: made.append(_n) or _r(*a, **k)
        )
    shown = view(sample_workbook, AccessFilters("ost_coverage"))
    assert not isinstance(shown.trend, Broken) and shown.trend is not None
    assert made == []
    assert shown.table is not None and unwrap(shown.table).xlsx()[:2] == b"PK"
    assert made == ["table_section"]
    assert not broken_sections(shown)  # builds the others
    assert sorted(made) == ["breakdown_section", "cascade_section", "map_section", "table_section"]


def test_an_unreadable_boundary_file_is_said_on_the_map(sample_workbook: Workbook) -> None:
    shown = view(sample_workbook, AccessFilters("ost_coverage"), boundaries_configured=True)
    assert shown.map is not None
    assert unwrap(shown.map).boundaries_note is not None


def test_filters_are_hashable_and_the_view_frozen(sample_workbook: Workbook) -> None:
    filters = AccessFilters("ost_coverage", ("pwid",), ("KG-C", "KG-Y"), "2024-Q1", "2026-Q3")
    assert hash(filters) == hash(
        AccessFilters("ost_coverage", ("pwid",), ("KG-C", "KG-Y"), "2024-Q1", "2026-Q3")
    )
    shown = view(sample_workbook, filters)
    with pytest.raises(FrozenInstanceError):
        shown.indicator = "other"  # type: ignore[misc]


def test_choices_offer_the_sample_indicators_with_their_names(sample_workbook: Workbook) -> None:
    choices = access.choices(sample_workbook, lang="en")
    assert choices.missing_tab is None
    assert choices.default == "ost_coverage"
    assert "prep_uptake" in choices.indicators
    assert choices.indicator_name("prep_uptake", "en") == (
        "People receiving pre-exposure prophylaxis (PrEP)"
    )
    assert choices.indicator_name("prep_uptake", "ru") == (
        "Люди, получающие доконтактную профилактику (ДКП)"
    )
    assert set(choices.communities["prep_uptake"]) == {"msm", "sw", "trans"}
    assert choices.periods["prep_uptake"][0] == "2024-Q1"  # PrEP starts in 2024-Q1
    assert len(choices.regions) == 9


def test_choices_name_the_missing_tab() -> None:
    grids = copy.deepcopy(build_sample())
    grids["indicators"] = grids["indicators"][:1]
    book = parse_workbook(grids, today=TODAY)
    assert access.choices(book, lang="en").missing_tab == "indicators"


def test_the_cubes_built_ahead_are_the_ones_a_first_choice_uses(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered = access.choices(sample_workbook, lang="en").indicators
    assert access.WARM_AT_MOST > len(offered) > 1
    assert access.warm_cubes(sample_workbook, threshold=10) == len(offered)

    def no_second_cube(*args: object) -> None:
        raise AssertionError("the cube was built again")

    monkeypatch.setattr(access, "_cube", no_second_cube)
    for indicator in offered:  # each indicator as the page first shows it, in every language
        for lang in ("ru", "ky", "en"):
            shown = view(sample_workbook, AccessFilters(indicator), lang=lang)
            assert not isinstance(shown.answer, Broken)


def test_building_ahead_stops_at_its_budget(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sheet of a thousand indicators must not keep a core busy for half a minute per read.
    monkeypatch.setattr(access, "WARM_AT_MOST", 2)
    built: list[str] = []
    monkeypatch.setattr(
        access, "_cube", lambda rows, unit, filters, k: built.append(filters.indicator)
    )
    assert access.warm_cubes(sample_workbook, threshold=10) == 2
    assert built == list(access.choices(sample_workbook, lang="en").indicators[:2])
