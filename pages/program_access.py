"""Program access: where HIV programmes miss their targets, for whom, where, and the trend.

Reads top to bottom: filters, the answer in words, the latest value, the trend against the
target, the map, the breakdowns, the cascade, then the table and its downloads. Everything
shown is built by ``utils.views.access`` from one protected cube, so no count below the
threshold reaches the browser; this script only lays the view out.
"""

from __future__ import annotations

import streamlit as st

from utils.analysis.milestones import today_in_bishkek
from utils.i18n import t
from utils.render.plotly_locale import plotly_config
from utils.store import load
from utils.views import access, monitoring
from utils.views.sections import unwrap
from utils.web import cache, screen
from utils.web.ui import (
    guarded,
    missing_tab,
    on_demand,
    page_start,
    show_table,
    url_multiselect,
    url_selectbox,
)

ctx = page_start("access.title")
lang = ctx.lang
choices = access.choices(ctx.workbook, lang=lang)
if choices.missing_tab:
    missing_tab(choices.missing_tab, lang)
    st.stop()
if not choices.indicators:
    st.info(t("access.no_indicators", lang))
    st.stop()

# --- Filters: each one lives in the URL, so a copied link opens the same view.
# Kept in the URL as the sheet's ids (?access_indicator=ost_coverage&access_regions=KG-C),
# so a link opens the same view in every language.
left, middle, right = st.columns([2, 1.4, 1.4])
indicator = url_selectbox(
    t("access.filter_indicator", lang),
    list(choices.indicators),
    key="access_indicator",
    names=choices.indicator_name,
    lang=lang,
    default=choices.default,
    container=left,
)
communities = url_multiselect(
    t("access.filter_communities", lang),
    list(choices.communities[indicator]),
    key="access_communities",
    names=choices.community_name,
    lang=lang,
    container=middle,
    placeholder=t("access.communities_placeholder", lang),
)
regions = url_multiselect(
    t("access.filter_regions", lang),
    list(choices.regions),
    key="access_regions",
    names=choices.region_name,
    lang=lang,
    container=right,
    placeholder=t("access.regions_placeholder", lang),
)
periods = list(choices.periods[indicator])
start, end = (periods[0], periods[-1]) if periods else ("", "")
if len(periods) > 1:
    start, end = st.select_slider(
        t("access.filter_periods", lang),
        periods,
        value=(periods[0], periods[-1]),
        key="access_periods",
        bind="query-params",
    )

view = cache.view(
    access.build,
    ctx.workbook,
    ctx.role,
    access.AccessFilters(indicator, tuple(communities), tuple(regions), start, end),
    lang=lang,
    threshold=ctx.loaded.threshold,
    today=today_in_bishkek(),
    presenting=ctx.presenting,
    boundaries=load.boundaries(),
    boundaries_configured=load.boundaries_configured(),
    width=screen.width_class(),
    dark=screen.is_dark(),
)

# --- The answer, in words.
with guarded(lang):
    st.subheader(t("access.answer_heading", lang))
    answer = unwrap(view.answer)
    if answer.warning:
        st.warning(answer.warning, icon=":material/search_off:")
    if answer.sentence:
        st.markdown(answer.sentence)
    if answer.hidden:
        st.caption(answer.hidden)

# --- Latest value against the previous period, and what the target is.
with guarded(lang):
    if view.latest is not None:
        latest = unwrap(view.latest)
        for column, metric in zip(st.columns(3), latest.metrics, strict=False):
            column.metric(
                metric.label,
                metric.value,
                delta=metric.delta,
                delta_color=metric.delta_color,
                help=metric.help,
            )
        if latest.note:
            st.caption(latest.note)

# --- Over time, against the target (and who set it).
with guarded(lang):
    if view.trend is not None:
        st.subheader(t("access.section_trend", lang))
        trend = unwrap(view.trend)
        st.plotly_chart(
            trend.figure, config=plotly_config(lang), key="access_trend", width="stretch"
        )
        st.caption(trend.target_note)
        if trend.definition:
            st.caption(trend.definition)

# --- The map of the nine units, drawn when the reader opens it (ui.on_demand,
# ?access_map_open=true): its drawing library and boundaries held the page's first chart back
# by two seconds, and a phone on a slow line need not fetch them to read the figures.
if view.map is not None:
    opened = on_demand(t("access.map_open", lang), key="access_map_open", icon=":material/map:")
    if opened is not None:
        with opened, guarded(lang):
            shown = unwrap(view.map)
            if shown.boundaries_note:
                st.info(shown.boundaries_note)
            tapped = st.pydeck_chart(
                shown.deck,
                key="access_map",
                height=shown.height,
                on_select="rerun",
                selection_mode="single-object",
            )
            picked = shown.picked_text(tapped.selection.get("objects"))
            if picked:
                st.markdown(picked)
            # Our own translated words and palette colours only, escaped: no sheet text.
            st.markdown(shown.legend, unsafe_allow_html=True)
            st.caption(shown.caption)

# --- Below the map, each section is drawn when the reader opens it (ui.on_demand: open in
# presenter mode, kept in the URL as ?access_breakdown_open=true): drawn with the trend, they
# held its first paint back by about 0.9 s. The view builds each one (and the map) when it is
# first opened (sections.Later, read by unwrap), so a first visit builds the trend's part only.

# --- Breakdown by region and by community, with the pooling said in words.
if view.breakdown is not None:
    box = on_demand(
        t("access.section_breakdown", lang),
        key="access_breakdown_open",
        icon=":material/bar_chart:",
    )
    if box is not None:
        with box, guarded(lang):
            left, right = st.columns([3, 2]) if not ctx.presenting else (st, st)
            breakdown = unwrap(view.breakdown)
            left.plotly_chart(
                breakdown.regions,
                config=plotly_config(lang),
                key="access_regions_chart",
                width="stretch",
            )
            if breakdown.hidden:
                left.caption(breakdown.hidden)
            right.plotly_chart(
                breakdown.communities,
                config=plotly_config(lang),
                key="access_communities_chart",
                width="stretch",
            )
            for note in breakdown.notes:
                st.markdown(f"- {note}")

# --- The HIV care cascade, when the catalog marks its three steps.
box = on_demand(
    t("access.cascade_heading", lang), key="access_cascade_open", icon=":material/filter_list:"
)
if box is not None:
    with box, guarded(lang):
        cascade = unwrap(view.cascade)
        if cascade.info:
            st.info(cascade.info)
        if cascade.figure is not None:
            st.plotly_chart(
                cascade.figure, config=plotly_config(lang), key="access_cascade", width="stretch"
            )
        if cascade.caption:
            st.caption(cascade.caption)

# --- The open findings of community-led monitoring for the regions and communities shown
# (not in presenter mode: one idea per screen).
if not ctx.presenting and ctx.workbook.has("findings"):
    box = on_demand(
        t("monitoring.access.title", lang), key="access_findings_open", icon=":material/campaign:"
    )
    if box is not None:
        with box, guarded(lang):
            found = cache.view(
                monitoring.open_for_access,
                ctx.workbook,
                ctx.role,
                tuple(regions),
                tuple(communities),
                lang=lang,
                today=today_in_bishkek(),
            )
            if found is not None:
                if found.table is None:
                    st.caption(found.none)
                else:
                    show_table(found.table, lang, key="access_findings")
                    st.caption(found.note)

# --- The table and its downloads (not in presenter mode: one idea per screen).
if view.table is not None:
    box = on_demand(
        t("access.table_heading", lang), key="access_table_open", icon=":material/table:"
    )
    if box is not None:
        with box, guarded(lang):
            table = unwrap(view.table)
            show_table(table.frame, lang, key="access_table")
            st.caption(table.caption)
            left, right = st.columns(2)
            left.download_button(
                t("common.download_csv", lang),
                table.csv,
                file_name=table.csv_name,
                mime="text/csv",
                key="access_csv",
                on_click="ignore",
            )
            right.download_button(
                t("common.download_xlsx", lang),
                table.xlsx,
                file_name=table.xlsx_name,
                mime=table.xlsx_mime,
                key="access_xlsx",
                on_click="ignore",
            )

# Every indicator's cube as the page first shows it, made in the background once per read,
# so that the next indicator a reader chooses is drawn without waiting for it.
cache.ahead(access.warm_cubes, ctx.workbook, ctx.role, threshold=ctx.loaded.threshold)
