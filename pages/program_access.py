"""Program access: where HIV programmes miss their targets, for whom, where, and the trend.

Reads top to bottom: filters, the answer in words, the latest value, the trend against the
target, the map, the breakdowns, the cascade, then the table and its downloads. Every figure
comes from one protected cube (utils.analysis.indicators.protect), so no count below the
threshold reaches the browser.
"""

from __future__ import annotations

import html

import streamlit as st

from utils.analysis import indicators as m
from utils.analysis.privacy import HIDDEN_MARK
from utils.i18n import fmt_number, fmt_value, t
from utils.render import access as charts
from utils.render import downloads, maps
from utils.render.theme import PLOTLY_CONFIG
from utils.sheet.regions import SUBNATIONAL_KEYS, region_name
from utils.store import load
from utils.web.ui import (
    guarded,
    missing_tab,
    page_start,
    plain,
    show_table,
    url_multiselect,
    url_selectbox,
)


def _change(value: float | None, unit: str, lang: str) -> str:
    """A signed change: percentage points for percent units."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    if unit == "percent":
        return sign + t("access.pp", lang, value=fmt_number(abs(value), lang, 1))
    return sign + fmt_value(abs(value), unit, lang)


ctx = page_start("access.title")
lang, threshold = ctx.lang, ctx.loaded.threshold
workbook = ctx.workbook
if not workbook.has("indicators") or not workbook.has("catalog"):
    missing_tab("indicators" if not workbook.has("indicators") else "catalog", lang)
    st.stop()
indicators, catalog = workbook["indicators"], workbook["catalog"]
options = m.indicator_options(catalog, indicators)
if not options:
    st.info(t("access.no_indicators", lang))
    st.stop()

# --- Filters: each one lives in the URL, so a copied link opens the same view.
# Kept in the URL as the sheet's ids (?access_indicator=ost_coverage&access_regions=KG-C),
# so a link opens the same view in every language.
default = m.default_indicator(options)
left, middle, right = st.columns([2, 1.4, 1.4])
indicator = url_selectbox(
    t("access.filter_indicator", lang),
    options,
    key="access_indicator",
    names=lambda i, lg: m.indicator_info(catalog, i, lg).name,
    lang=lang,
    default=default,
    container=left,
)
info = m.indicator_info(catalog, indicator, lang)
communities = url_multiselect(
    t("access.filter_communities", lang),
    m.community_options(indicators, indicator),
    key="access_communities",
    names=charts.community_label,
    lang=lang,
    container=middle,
    placeholder=t("access.communities_placeholder", lang),
)
regions = url_multiselect(
    t("access.filter_regions", lang),
    list(SUBNATIONAL_KEYS),
    key="access_regions",
    names=region_name,
    lang=lang,
    container=right,
    placeholder=t("access.regions_placeholder", lang),
)
periods = m.period_labels(indicators, indicator)
start, end = (periods[0], periods[-1]) if periods else ("", "")
if len(periods) > 1:
    start, end = st.select_slider(
        t("access.filter_periods", lang),
        periods,
        value=(periods[0], periods[-1]),
        key="access_periods",
        bind="query-params",
    )

selection = m.select_rows(indicators, indicator, communities, regions)
cube = m.protected_cube(selection.rows, info.unit, threshold)
view = m.in_range(cube, periods, start, end)
latest = m.latest_period(view)

# --- The answer, in words.
with guarded(lang):
    st.subheader(t("access.answer_heading", lang))
    if latest is None:
        st.warning(t("access.no_data", lang), icon=":material/search_off:")
    else:
        result = m.answer(cube, info, latest)
        if result.region is None:
            st.markdown(t("access.answer_none", lang, period=latest))
        else:
            fmt = {
                "period": latest,
                "region": plain(region_name(result.region, lang)),
                "value": fmt_value(result.rate, info.unit, lang),
            }
            if info.target is not None and info.higher_is_better is not None:
                fmt["target"] = fmt_value(info.target, info.unit, lang)
                fmt["gap"] = _change(abs(result.gap or 0), info.unit, lang).lstrip("+±")
                if result.all_meet_target:
                    key = "access.answer_all_met"
                else:
                    key = "access.answer_below" if info.higher_is_better else "access.answer_above"
            else:
                key = "access.answer_lowest" if info.higher_is_better else "access.answer_highest"
            sentence = t(key, lang, **fmt)
            previous = m.year_before(latest, selection.period_kind)
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
                    change=_change(result.change, info.unit, lang),
                )
            st.markdown(f"{sentence} {change}")
        if result.hidden_regions:
            hidden = ", ".join(region_name(r, lang) for r in result.hidden_regions)
            st.caption(t("access.answer_hidden", lang, regions=hidden))

# --- Latest value against the previous period, and what the target is.
with guarded(lang):
    if latest is not None:
        now, before_label, change = m.latest_vs_previous(view, periods, latest)
        delta = None if change is None else _change(change, info.unit, lang)
        columns = st.columns(3)
        columns[0].metric(
            t("access.metric_label", lang, period=latest),
            charts.value_text(now, info.unit, lang),
            delta=delta,
            delta_color="normal" if info.higher_is_better is not False else "inverse",
            help=t("access.metric_help", lang, previous=before_label)
            if before_label
            else t("access.metric_no_previous", lang),
        )
        if info.target is not None:
            columns[1].metric(
                t("access.metric_target", lang), fmt_value(info.target, info.unit, lang)
            )
            gap = m.shortfall(m.nan_to_none(now["rate"]), info.target, info.higher_is_better)
            if gap is not None:
                columns[2].metric(
                    t("access.metric_gap", lang), _change(gap, info.unit, lang).lstrip("+±")
                )
        if now["withheld"] > 0:
            note = t("access.withheld_note", lang, n=int(now["withheld"]), k=threshold)
            if info.unit == "count":
                # Each left-out cell holds 1 to k-1: the reader may know the true total's range.
                low, high = m.withheld_range(now, threshold)
                note += " " + t(
                    "access.withheld_range",
                    lang,
                    low=fmt_number(low, lang),
                    high=fmt_number(high, lang),
                )
            st.caption(note)

# --- Over time, against the target (and who set it).
with guarded(lang):
    if latest is not None:
        st.subheader(t("access.section_trend", lang))
        figure = charts.make_trend_figure(
            m.trend(view), info=info, lang=lang, presenting=ctx.presenting, threshold=threshold
        )
        st.plotly_chart(figure, config=PLOTLY_CONFIG, key="access_trend", width="stretch")
        if info.target is None:
            st.caption(t("access.no_target", lang))
        elif info.target_source:
            st.caption(
                t(
                    "access.target_source",
                    lang,
                    value=fmt_value(info.target, info.unit, lang),
                    source=plain(info.target_source),
                )
            )
        else:
            st.caption(
                t("access.target_no_source", lang, value=fmt_value(info.target, info.unit, lang))
            )
        if info.definition and not ctx.presenting:
            st.caption(t("access.definition", lang, text=plain(info.definition)))

# --- The map of the nine units.
with guarded(lang):
    if latest is not None:
        st.subheader(t("access.map_heading", lang))
        boundaries = load.boundaries()
        if load.boundaries_configured() and boundaries is None:
            st.info(t("access.map_boundaries_failed", lang))
        legend = {
            "low": t("access.map_low", lang),
            "high": t("access.map_high", lang),
            "target": t("access.map_target", lang),
            "no_data": t("common.no_data", lang),
        }
        frame = charts.map_frame(m.by_region(cube, latest), info=info, lang=lang)
        deck = maps.make_region_deck(
            frame,
            value_col="value",
            label_col="label",
            title=t("access.map_title", lang, name=info.name, period=latest),
            boundaries=boundaries,
            higher_is_better=info.higher_is_better is not False,
            target=info.target,
            legend_labels=legend,
            lang=lang,
        )
        st.pydeck_chart(deck, key="access_map", height=560 if ctx.presenting else 460)
        swatches = maps.make_region_legend(
            frame,
            value_col="value",
            higher_is_better=info.higher_is_better is not False,
            target=info.target,
            legend_labels=legend,
        )
        # Our own translated words and palette colours only, escaped: no sheet text here.
        st.markdown(
            " &nbsp; ".join(
                f'<span style="color:{s.color}">■</span> {html.escape(s.label)}' for s in swatches
            ),
            unsafe_allow_html=True,
        )
        st.caption(t("access.map_caption", lang))

# --- Breakdown by region and by community, with the pooling said in words.
with guarded(lang):
    if latest is not None:
        st.subheader(t("access.section_breakdown", lang))
        left, right = st.columns([3, 2]) if not ctx.presenting else (st, st)
        regional = m.by_region(cube, latest)
        prior = m.previous_period(periods, latest)
        figure = charts.make_region_figure(
            regional,
            info=info,
            lang=lang,
            previous=m.by_region(cube, prior) if prior else None,
            presenting=ctx.presenting,
            threshold=threshold,
        )
        left.plotly_chart(figure, config=PLOTLY_CONFIG, key="access_regions_chart", width="stretch")
        not_drawn = m.regions_not_shown(cube, latest, selection.regions)
        if not_drawn:
            left.caption(
                t(
                    "access.hidden_regions",
                    lang,
                    regions=", ".join(region_name(r, lang) for r in not_drawn),
                )
            )
        figure = charts.make_community_figure(
            m.by_community(view[view["period"] == latest]),
            info=info,
            lang=lang,
            presenting=ctx.presenting,
            threshold=threshold,
        )
        right.plotly_chart(
            figure, config=PLOTLY_CONFIG, key="access_communities_chart", width="stretch"
        )
        notes = []
        if info.unit != "count":
            notes.append(t("access.note_pooling", lang))
        total_basis = m.totals(cube[cube["period"] == latest])["basis"]
        value_only = m.value_only_regions(cube, latest)
        if value_only and total_basis.isin(["mixed"]).any():
            notes.append(
                t(
                    "access.note_value_only",
                    lang,
                    regions=", ".join(region_name(r, lang) for r in value_only),
                    period=latest,
                )
            )
        if total_basis.isin(["unpoolable"]).any():
            notes.append(t("access.note_unpoolable", lang, period=latest))
        if selection.dropped_overlaps:
            dropped = ", ".join(charts.community_label(c, lang) for c in selection.dropped_overlaps)
            notes.append(t("access.note_overlap", lang, dropped=dropped))
        if selection.regions_without_rows:
            missing = ", ".join(region_name(r, lang) for r in selection.regions_without_rows)
            notes.append(t("access.note_no_rows", lang, regions=missing))
        if selection.uses_national:
            notes.append(t("access.note_national", lang))
        if selection.other_kind_rows:
            notes.append(t("access.note_other_kind", lang, n=selection.other_kind_rows))
        for note in notes:
            st.markdown(f"- {note}")

# --- The HIV care cascade, when the catalog marks its three steps.
with guarded(lang):
    steps = m.cascade_indicators(catalog)
    st.subheader(t("access.cascade_heading", lang))
    if steps is None:
        st.info(t("access.cascade_none", lang))
    else:
        infos = {s: m.indicator_info(catalog, i, lang) for s, i in steps.items()}
        cubes = m.cascade_cubes(
            indicators, steps, regions, threshold, {i: infos[s].unit for s, i in steps.items()}
        )
        period, rows = m.cascade_at(cubes, until=end or None)
        if period is None:
            st.info(t("access.cascade_no_data", lang))
        else:
            figure = charts.make_cascade_figure(
                rows,
                infos=infos,
                period=period,
                lang=lang,
                presenting=ctx.presenting,
                threshold=threshold,
            )
            st.plotly_chart(figure, config=PLOTLY_CONFIG, key="access_cascade", width="stretch")
            st.caption(t("access.cascade_caption", lang))

# --- The table and its downloads (not in presenter mode: one idea per screen).
with guarded(lang):
    if latest is not None and not ctx.presenting:
        st.subheader(t("access.table_heading", lang))
        table = charts.make_table(m.table(view), info=info, lang=lang, threshold=threshold)
        show_table(table, lang, key="access_table")
        st.caption(
            t("access.table_caption", lang, all=t("access.regions_all", lang), mark=HIDDEN_MARK)
            + " "
            + t("access.withheld_table_note", lang, k=threshold)
        )
        left, right = st.columns(2)
        left.download_button(
            t("common.download_csv", lang),
            downloads.to_csv_bytes(table),
            file_name=f"{indicator}.csv",
            mime="text/csv",
            key="access_csv",
            on_click="ignore",
        )
        right.download_button(
            t("common.download_xlsx", lang),
            downloads.to_xlsx_bytes(table, sheet_name=indicator[:31]),
            file_name=f"{indicator}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="access_xlsx",
            on_click="ignore",
        )
