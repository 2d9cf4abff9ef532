"""The Program access page's view: the answer in words, the numbers, the figures and the table.

``choices`` gives the filters' options; ``build`` turns the workbook and the chosen filters into
an :class:`AccessView` that ``pages/program_access.py`` only lays out. Every figure comes from one
protected cube (``utils.analysis.indicators.protected_cube``), so no count below the threshold
is in the view. Sheet text in the sentences passes through ``utils.render.text.for_markdown``.

Pure: no Streamlit. A view is never changed after it is built (a cache shares it).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Final, TypeVar

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from utils.analysis import indicators as m
from utils.analysis.privacy import HIDDEN_MARK
from utils.i18n import LANGUAGES, fmt_change, fmt_number, fmt_value, t, tn
from utils.render import access as charts
from utils.render import downloads, maps
from utils.render.text import for_markdown
from utils.sheet.parse import Workbook
from utils.sheet.regions import SUBNATIONAL_KEYS, region_name
from utils.store.boundaries import BoundarySet
from utils.views import memo
from utils.views.sections import Broken, Later, attempt, on_phone

S = TypeVar("S")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class AccessFilters:
    """What the page's widgets chose: the sheet's ids, and the period range ("" = its end)."""

    indicator: str
    communities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class AccessChoices:
    """The filters' options, from the data."""

    missing_tab: str | None  # "indicators" or "catalog" when the page cannot be drawn
    indicators: tuple[str, ...]  # indicators with rows, in catalog order
    default: str | None
    names: Mapping[str, Mapping[str, str]]  # language -> indicator id -> its catalog name
    communities: Mapping[str, tuple[str, ...]]  # indicator -> the communities it has rows for
    regions: tuple[str, ...]
    periods: Mapping[str, tuple[str, ...]]  # indicator -> its periods, oldest first

    def indicator_name(self, indicator: str, lang: str) -> str:
        """The indicator's name in ``lang`` (its id when the catalog has none)."""
        return self.names.get(lang, {}).get(indicator, indicator)

    @staticmethod
    def community_name(community: str, lang: str) -> str:
        """A community's name in ``lang``."""
        return charts.community_label(community, lang)

    @staticmethod
    def region_name(region: str, lang: str) -> str:
        """A region's name in ``lang``."""
        return region_name(region, lang)


def choices(workbook: Workbook, *, lang: str) -> AccessChoices:
    """The options of the page's filters (names in every language, for links made in any)."""
    if not workbook.has("indicators") or not workbook.has("catalog"):
        missing = "indicators" if not workbook.has("indicators") else "catalog"
        return AccessChoices(missing, (), None, {}, {}, SUBNATIONAL_KEYS, {})
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    # The same for every language and every viewer of this cut: built once per read (memo.py).
    return memo.shared(
        (indicators, catalog), "access.choices", (), lambda: _choices(indicators, catalog)
    )


def _choices(indicators: pd.DataFrame, catalog: pd.DataFrame) -> AccessChoices:
    """:func:`choices` of these frames, worked out."""
    options = tuple(m.indicator_options(catalog, indicators))
    # One pass over the rows, then each indicator's own few: a workbook of 1,000 indicators
    # and 260,000 rows took 20 s when every option scanned every row.
    rows = dict(tuple(indicators.groupby("indicator", sort=False)))
    empty = indicators.iloc[:0]
    return AccessChoices(
        missing_tab=None,
        indicators=options,
        default=m.default_indicator(options),
        names={lg: {i: m.indicator_info(catalog, i, lg).name for i in options} for lg in LANGUAGES},
        communities={i: tuple(m.community_options(rows.get(i, empty), i)) for i in options},
        regions=tuple(SUBNATIONAL_KEYS),
        periods={i: tuple(m.period_labels(rows.get(i, empty), i)) for i in options},
    )


# --- The sections -------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """One big number: what ``st.metric`` takes."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"  # "normal" | "inverse" | "off"
    help: str | None = None


@dataclass(frozen=True)
class AnswerSection:
    """The answer in words, or the warning that the filters leave no data."""

    warning: str | None = None
    sentence: str | None = None  # Markdown
    hidden: str | None = None  # a caption naming regions whose value is withheld


@dataclass(frozen=True)
class LatestSection:
    """The latest value against the period before, the target and the gap (in that order)."""

    metrics: tuple[Metric, ...]
    note: str | None = None  # what was withheld from the total


@dataclass(frozen=True)
class TrendSection:
    """The line over time against the target, and who set the target."""

    figure: go.Figure
    target_note: str
    definition: str | None = None


@dataclass(frozen=True)
class MapSection:
    """The nine units on the map, with their legend."""

    deck: pdk.Deck
    height: int
    legend: str  # HTML: our own translated words and palette colours only, escaped
    caption: str
    boundaries_note: str | None = None  # the deployer's boundary file could not be read
    picked: tuple[tuple[str, str], ...] = ()  # region key → its figure in words, on a tap

    def picked_text(self, objects: Mapping[str, object] | None) -> str | None:
        """The figure of the unit a reader tapped (the deck's selection objects), or None."""
        key = maps.picked_region(objects)
        return dict(self.picked).get(key) if key is not None else None


@dataclass(frozen=True)
class BreakdownSection:
    """By region and by community, with the pooling said in words."""

    regions: go.Figure
    communities: go.Figure
    hidden: str | None  # a caption naming chosen regions not drawn
    notes: tuple[str, ...]  # Markdown list items


@dataclass(frozen=True)
class CascadeSection:
    """The HIV care cascade, or why there is none."""

    info: str | None = None
    figure: go.Figure | None = None
    caption: str | None = None


@dataclass(frozen=True)
class TableSection:
    """The protected table and its downloads."""

    frame: pd.DataFrame
    caption: str
    csv: bytes
    csv_name: str
    xlsx: Callable[[], bytes]  # made when the reader asks for it (openpyxl is the slow part)
    xlsx_name: str
    xlsx_mime: str = XLSX_MIME


@dataclass(frozen=True)
class AccessView:
    """Everything the Program access page shows. A section is None when it is not shown (no
    data for the filters; the table in presenter mode). The sections after the trend are built
    when first read (``Later.get``, or ``unwrap``): the page draws them once opened."""

    indicator: str
    answer: AnswerSection | Broken
    latest: LatestSection | Broken | None
    trend: TrendSection | Broken | None
    map: Later[MapSection] | None
    breakdown: Later[BreakdownSection] | None
    cascade: Later[CascadeSection]
    table: Later[TableSection] | None


@dataclass(frozen=True)
class _Data:
    """The chosen indicator's protected cube and what the sections share."""

    info: m.IndicatorInfo
    selection: m.Selection
    cube: pd.DataFrame  # every period
    view: pd.DataFrame  # the chosen period range
    periods: list[str]
    latest: str | None


def build(
    workbook: Workbook,
    filters: AccessFilters,
    *,
    lang: str,
    threshold: int,
    today: date,
    presenting: bool,
    boundaries: BoundarySet | None = None,
    boundaries_configured: bool = False,
    width: str = "wide",
    dark: bool = False,
) -> AccessView:
    """The page's view for these filters; the workbook must have both tabs (see ``choices``).

    ``today`` is unused (the page has no dates; it is taken as every page's view takes it).
    ``boundaries`` is the map's GeoJSON (``utils.store.load.boundaries()``): it is loaded once
    per server and is the same for every view, so a cache may leave it out of its key (it is
    not hashable). ``boundaries_configured`` says a deployer named a boundary file, so that a
    file that could not be read is said. ``width`` ("phone" or "wide") and ``dark`` are the
    reader's screen (``utils.web.screen``), which the map is drawn for.
    """
    del today
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    info = m.indicator_info(catalog, filters.indicator, lang)
    selection, cube = _shared_cube(workbook, filters, info.unit, threshold)
    offered = choices(workbook, lang=lang).periods  # worked out once per read
    periods = (
        list(offered[filters.indicator])
        if filters.indicator in offered
        else m.period_labels(indicators, filters.indicator)
    )
    view = m.in_range(cube, periods, filters.start, filters.end)
    data = _Data(info, selection, cube, view, periods, m.latest_period(view))
    shown = data.latest is not None

    def when_shown(name: str, section: Callable[[], S]) -> S | Broken | None:
        """A section drawn only when the filters leave data."""
        return attempt(name, section) if shown else None

    def later_when_shown(name: str, section: Callable[[], S]) -> Later[S] | None:
        """A section drawn only when the filters leave data, built when first read."""
        return Later(name, section) if shown else None

    built = AccessView(
        indicator=filters.indicator,
        answer=attempt("answer", lambda: answer_section(data, lang)),
        latest=when_shown("latest", lambda: latest_section(data, lang, threshold)),
        trend=when_shown("trend", lambda: trend_section(data, lang, threshold, presenting)),
        # Below the trend, each section is built when a reader first opens it.
        map=later_when_shown(
            "map",
            lambda: map_section(
                data, lang, presenting, boundaries, boundaries_configured, width, dark
            ),
        ),
        breakdown=later_when_shown(
            "breakdown", lambda: breakdown_section(data, lang, threshold, presenting)
        ),
        cascade=Later(
            "cascade",
            # The same cascade for every indicator and community: built once per read.
            lambda: memo.shared(
                (workbook,),
                "access.cascade",
                (filters.regions, filters.end, lang, threshold, presenting),
                lambda: cascade_section(
                    workbook,
                    AccessFilters("", regions=filters.regions, end=filters.end),
                    lang,
                    threshold,
                    presenting,
                ),
            ),
        ),
        table=None
        if presenting
        else later_when_shown("table", lambda: table_section(data, lang, threshold)),
    )
    # On a phone every chart's title and axis titles wrap to the width (the map has its own).
    return on_phone(built) if width == "phone" else built


def _shared_cube(
    workbook: Workbook, filters: AccessFilters, unit: str, threshold: int
) -> tuple[m.Selection, pd.DataFrame]:
    """The chosen rows and their protected cube, the same for every language and period
    range: built once per read (memo.py)."""
    return memo.shared(
        (workbook,),
        "access.cube",
        (filters.indicator, filters.communities, filters.regions, threshold),
        lambda: _cube(workbook["indicators"], unit, filters, threshold),
    )


WARM_AT_MOST: Final = 40
"""Indicators whose cube ``warm_cubes`` makes ahead, in catalog order: about a second of work.
A sheet of a thousand indicators would otherwise keep one core busy for half a minute after
every read, slowing every reader in the room; the rest are made when first chosen."""


def warm_cubes(workbook: Workbook, *, threshold: int) -> int:
    """Build the cube of the first ``WARM_AT_MOST`` indicators as the page first shows them
    (no community or region chosen), so that the first reader to choose one finds it made;
    returns how many. Run in the background once per read (``utils.web.cache.ahead``): about
    25 ms each."""
    if not workbook.has("indicators") or not workbook.has("catalog"):
        return 0
    offered = choices(workbook, lang="en").indicators[:WARM_AT_MOST]
    for indicator in offered:
        unit = m.indicator_info(workbook["catalog"], indicator, "en").unit
        _shared_cube(workbook, AccessFilters(indicator), unit, threshold)
    return len(offered)


def _cube(
    indicators: pd.DataFrame, unit: str, filters: AccessFilters, threshold: int
) -> tuple[m.Selection, pd.DataFrame]:
    """The chosen rows and their protected cube (every period)."""
    selection = m.select_rows(indicators, filters.indicator, filters.communities, filters.regions)
    return selection, m.protected_cube(selection.rows, unit, threshold)


def _size(value: float | None, unit: str, lang: str) -> str:
    """A distance without its sign (a gap to the target): "45,7 п. п."."""
    return fmt_change(value, unit, lang).lstrip("+±")


def _regions(regions: tuple[str, ...] | list[str], lang: str) -> str:
    """Region names in ``lang``, comma separated."""
    return ", ".join(region_name(r, lang) for r in regions)


def answer_section(data: _Data, lang: str) -> AnswerSection:
    """The region furthest from the target (or lowest / highest) and how it changed in a year."""
    info, latest = data.info, data.latest
    if latest is None:
        return AnswerSection(warning=t("access.no_data", lang))
    result = m.answer(data.cube, info, latest)
    hidden = (
        t("access.answer_hidden", lang, regions=_regions(result.hidden_regions, lang))
        if result.hidden_regions
        else None
    )
    if result.region is None:
        return AnswerSection(sentence=t("access.answer_none", lang, period=latest), hidden=hidden)
    fmt = {
        "period": latest,
        "region": for_markdown(region_name(result.region, lang)),
        "value": fmt_value(result.rate, info.unit, lang),
    }
    if info.target is not None and info.higher_is_better is not None:
        fmt["target"] = fmt_value(info.target, info.unit, lang)
        fmt["gap"] = _size(abs(result.gap or 0), info.unit, lang)
        if result.all_meet_target:
            key = "access.answer_all_met"
        else:
            key = "access.answer_below" if info.higher_is_better else "access.answer_above"
    else:
        key = "access.answer_lowest" if info.higher_is_better else "access.answer_highest"
    previous = m.year_before(latest, data.selection.period_kind)
    if result.previous_rate is None:
        change = t("access.change_none", lang, previous=previous)
    else:
        words = {
            True: "access.change_better",
            False: "access.change_worse",
            None: "access.change_neutral",
        }[result.improved]
        if result.change == 0:
            words = "access.change_same"
        change = t(
            words,
            lang,
            previous=previous,
            before=fmt_value(result.previous_rate, info.unit, lang),
            change=fmt_change(result.change, info.unit, lang),
        )
    return AnswerSection(sentence=f"{t(key, lang, **fmt)} {change}", hidden=hidden)


def latest_section(data: _Data, lang: str, threshold: int) -> LatestSection:
    """The latest pooled value with its change, the target, the gap, and what was withheld."""
    info, latest = data.info, data.latest
    assert latest is not None
    now, before_label, change = m.latest_vs_previous(data.view, data.periods, latest)
    metrics = [
        Metric(
            t("access.metric_label", lang, period=latest),
            charts.value_text(now, info.unit, lang),
            delta=None if change is None else fmt_change(change, info.unit, lang),
            delta_color="normal" if info.higher_is_better is not False else "inverse",
            help=t("access.metric_help", lang, previous=before_label)
            if before_label
            else t("access.metric_no_previous", lang),
        )
    ]
    if info.target is not None:
        metrics.append(
            Metric(t("access.metric_target", lang), fmt_value(info.target, info.unit, lang))
        )
        gap = m.shortfall(m.nan_to_none(now["rate"]), info.target, info.higher_is_better)
        if gap is not None:
            metrics.append(Metric(t("access.metric_gap", lang), _size(gap, info.unit, lang)))
    note = None
    if now["withheld"] > 0:
        note = tn("access.withheld_note", lang, int(now["withheld"]), k=threshold)
        if info.unit == "count":
            # Each left-out cell holds 1 to k-1: the reader may know the true total's range.
            low, high = m.withheld_range(now, threshold)
            note += " " + t(
                "access.withheld_range",
                lang,
                low=fmt_number(low, lang),
                high=fmt_number(high, lang),
            )
    return LatestSection(tuple(metrics), note)


def trend_section(data: _Data, lang: str, threshold: int, presenting: bool) -> TrendSection:
    """The trend figure, who set the target, and (not when presenting) the definition."""
    info = data.info
    figure = charts.make_trend_figure(
        m.trend(data.view), info=info, lang=lang, presenting=presenting, threshold=threshold
    )
    if info.target is None:
        target_note = t("access.no_target", lang)
    elif info.target_source:
        target_note = t(
            "access.target_source",
            lang,
            value=fmt_value(info.target, info.unit, lang),
            source=for_markdown(info.target_source),
        )
    else:
        target_note = t(
            "access.target_no_source", lang, value=fmt_value(info.target, info.unit, lang)
        )
    definition = (
        t("access.definition", lang, text=for_markdown(info.definition))
        if info.definition and not presenting
        else None
    )
    return TrendSection(figure, target_note, definition)


def map_section(
    data: _Data,
    lang: str,
    presenting: bool,
    boundaries: BoundarySet | None,
    boundaries_configured: bool,
    width: str = "wide",
    dark: bool = False,
) -> MapSection:
    """The latest values on the map of the nine units, coloured against the target."""
    size = "presenter" if presenting else width
    info, latest = data.info, data.latest
    legend = charts.map_legend(lang)
    frame = charts.map_frame(m.by_region(data.cube, latest), info=info, lang=lang)
    higher = info.higher_is_better is not False
    deck = maps.make_region_deck(
        frame,
        value_col="value",
        label_col="label",
        title=t("access.map_title", lang, name=info.name, period=latest),  # the deck escapes it
        boundaries=boundaries,
        higher_is_better=higher,
        target=info.target,
        legend_labels=legend,
        lang=lang,
        size=size,
        dark=dark,
    )
    swatches = maps.make_region_legend(
        frame, value_col="value", higher_is_better=higher, target=info.target, legend_labels=legend
    )
    labels = dict(zip(frame["region"], frame["label"], strict=True))
    return MapSection(
        deck=deck,
        height=maps.MAP_HEIGHT[size],
        legend=" &nbsp; ".join(
            f'<span style="color:{s.color}">■</span> {html.escape(s.label)}' for s in swatches
        ),
        caption=t("access.map_caption_touch" if width == "phone" else "access.map_caption", lang),
        boundaries_note=t("access.map_boundaries_failed", lang)
        if boundaries_configured and (boundaries is None or boundaries.bundled)
        else None,
        picked=tuple(
            (
                key,
                t(
                    "access.map_picked",
                    lang,
                    region=for_markdown(region_name(key, lang)),
                    value=for_markdown(str(labels.get(key) or legend["no_data"])),
                ),
            )
            for key in SUBNATIONAL_KEYS
        ),
    )


def breakdown_section(data: _Data, lang: str, threshold: int, presenting: bool) -> BreakdownSection:
    """The latest period by region (against the period before) and by community."""
    info, latest, cube, selection = data.info, data.latest, data.cube, data.selection
    assert latest is not None
    prior = m.previous_period(data.periods, latest)
    regions = charts.make_region_figure(
        m.by_region(cube, latest),
        info=info,
        lang=lang,
        previous=m.by_region(cube, prior) if prior else None,
        presenting=presenting,
        threshold=threshold,
    )
    not_drawn = m.regions_not_shown(cube, latest, selection.regions)
    communities = charts.make_community_figure(
        m.by_community(data.view[data.view["period"] == latest]),
        info=info,
        lang=lang,
        presenting=presenting,
        threshold=threshold,
    )
    return BreakdownSection(
        regions=regions,
        communities=communities,
        hidden=t("access.hidden_regions", lang, regions=_regions(not_drawn, lang))
        if not_drawn
        else None,
        notes=tuple(pooling_notes(data, lang)),
    )


def pooling_notes(data: _Data, lang: str) -> list[str]:
    """How the latest figures were pooled and what the filters left out, one note each."""
    info, latest, cube, selection = data.info, data.latest, data.cube, data.selection
    assert latest is not None
    notes = []
    if info.unit != "count":
        notes.append(t("access.note_pooling", lang))
    basis = m.totals(cube[cube["period"] == latest])["basis"]
    value_only = m.value_only_regions(cube, latest)
    if value_only and basis.isin(["mixed"]).any():
        notes.append(
            t("access.note_value_only", lang, regions=_regions(value_only, lang), period=latest)
        )
    if basis.isin(["unpoolable"]).any():
        notes.append(t("access.note_unpoolable", lang, period=latest))
    if selection.dropped_overlaps:
        dropped = ", ".join(charts.community_label(c, lang) for c in selection.dropped_overlaps)
        notes.append(t("access.note_overlap", lang, dropped=dropped))
    if selection.regions_without_rows:
        notes.append(
            t("access.note_no_rows", lang, regions=_regions(selection.regions_without_rows, lang))
        )
    if selection.uses_national:
        notes.append(t("access.note_national", lang))
    if selection.other_kind_rows:
        notes.append(tn("access.note_other_kind", lang, selection.other_kind_rows))
    return notes


def cascade_section(
    workbook: Workbook, filters: AccessFilters, lang: str, threshold: int, presenting: bool
) -> CascadeSection:
    """The cascade's three steps in the chosen regions, at the latest period they share."""
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    steps = m.cascade_indicators(catalog)
    if steps is None:
        return CascadeSection(info=t("access.cascade_none", lang))
    infos = {s: m.indicator_info(catalog, i, lang) for s, i in steps.items()}
    units = {i: infos[s].unit for s, i in steps.items()}
    cubes = m.cascade_cubes(indicators, steps, list(filters.regions), threshold, units)
    period, rows = m.cascade_at(cubes, until=filters.end or None)
    if period is None:
        return CascadeSection(info=t("access.cascade_no_data", lang))
    figure = charts.make_cascade_figure(
        rows, infos=infos, period=period, lang=lang, presenting=presenting, threshold=threshold
    )
    return CascadeSection(figure=figure, caption=t("access.cascade_caption", lang))


def table_section(data: _Data, lang: str, threshold: int) -> TableSection:
    """The protected table, its caption, and the same table as CSV and Excel."""
    indicator = data.info.id
    frame = charts.make_table(m.table(data.view), info=data.info, lang=lang, threshold=threshold)
    caption = (
        t("access.table_caption", lang, all=t("access.regions_all", lang), mark=HIDDEN_MARK)
        + " "
        + t("access.withheld_table_note", lang, k=threshold)
    )
    return TableSection(
        frame=frame,
        caption=caption,
        csv=downloads.to_csv_bytes(frame),
        csv_name=f"{indicator}.csv",
        xlsx=partial(downloads.to_xlsx_bytes, frame, sheet_name=indicator[:31]),
        xlsx_name=f"{indicator}.xlsx",
    )
