"""Strategy: the three-year plan, what is late, who leads it, and what changed since last time.

Reads top to bottom: filters (in the URL), the answer in words, the check-ins, the timeline,
then the status summary, progress checked against linked indicators, the change report and the
strategy years, each a collapsed section titled with what it holds and drawn once opened (open
in presenter mode; ``?strategy_summary_open=true`` and the like keep it open in a link).
"Today" is the calendar day in Bishkek. The change report compares with the app's saved daily
snapshots; the bundled sample, which keeps none, compares with its documented earlier versions
(``data/sample_history.xlsx``, read by ``utils.store.load.sample_history``). Everything shown
is built by ``utils.views.strategy``; this script lays it out.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from utils.i18n import t
from utils.render.plotly_locale import plotly_config
from utils.store.load import snapshot_history, snapshot_workbook
from utils.views import checkins as checkins_view
from utils.views import strategy
from utils.views.sections import unwrap
from utils.web import cache, checkin, screen
from utils.web.ui import (
    guarded,
    missing_tab,
    on_demand,
    page_start,
    url_multiselect,
    url_segmented_control,
    url_selectbox,
)

ctx = page_start("strategy.title")
lang, presenting = ctx.lang, ctx.presenting
if not ctx.workbook.has("milestones"):
    missing_tab("milestones", lang)
    st.stop()
today = strategy.today()
options = strategy.choices(
    ctx.workbook, snapshot_history(), today=today, sample=ctx.loaded.is_sample
)

# --- Filters: each one lives in the URL, so a copied link opens the same view.
expander = st.expander(t("strategy.filters", lang), expanded=False)  # the answer comes first
row1 = expander.columns(3)
objectives = row1[0].multiselect(
    t("strategy.filter.objective", lang),
    options.objectives,
    key="strategy_objective",
    bind="query-params",
    placeholder=t("strategy.filter.all", lang),
)
leads = row1[1].multiselect(
    t("strategy.filter.lead", lang),
    options.leads,
    key="strategy_lead",
    bind="query-params",
    placeholder=t("strategy.filter.all", lang),
)
# Community, status, horizon and date are shown translated: the URL keeps their ids
# (?strategy_status=at_risk), so a link opens the same view in every language.
communities = url_multiselect(
    t("strategy.filter.community", lang),
    options.communities,
    key="strategy_community",
    names=strategy.community_name,
    lang=lang,
    container=row1[2],
    placeholder=t("strategy.filter.all", lang),
    help=t("strategy.filter.community_help", lang),
)
row2 = expander.columns(3)
statuses = url_multiselect(
    t("strategy.filter.status", lang),
    options.statuses,
    key="strategy_status",
    names=strategy.status_name,
    lang=lang,
    container=row2[0],
    placeholder=t("strategy.filter.all", lang),
)
horizon = (
    url_segmented_control(
        t("strategy.filter.horizon", lang),
        options.horizons,
        key="strategy_horizon",
        names=strategy.horizon_name,
        lang=lang,
        default=options.horizons[0],
        container=row2[1],
    )
    or options.horizons[0]
)
since_key = (
    url_selectbox(
        t("strategy.filter.since", lang),
        list(options.since),
        key="strategy_since",
        names=options.since_name,
        lang=lang,
        container=row2[2],
        help=t("strategy.filter.since_help", lang),
    )
    if options.since
    else None
)
# Without an earlier copy the change report offers a date picker (drawn below); the view
# needs its day now, and Streamlit keeps a widget's value from the run before.
since: date = (
    date.fromisoformat(since_key)
    if since_key
    else st.session_state.get("strategy_since_date", options.pick_default)
)
earlier = snapshot_workbook(options.saved_at(since_key), ("milestones",)) if since_key else None
view = cache.view(
    strategy.build,
    ctx.workbook,
    ctx.role,
    earlier,
    strategy.StrategyFilters(
        objectives=tuple(objectives),
        leads=tuple(leads),
        communities=tuple(communities),
        statuses=tuple(statuses),
        horizon=int(horizon),
        since=since,
    ),
    lang=lang,
    threshold=ctx.loaded.threshold,
    today=today,
    presenting=presenting,
    sample=ctx.loaded.is_sample,
    width=screen.width_class(),
)

# --- The answer, in words: what is late, who leads it, what changed.
with guarded(lang):
    answer = unwrap(view.answer)
    st.subheader(t("strategy.answer.title", lang))
    st.caption(answer.caption)
    if answer.empty:
        st.info(answer.empty, icon=":material/filter_alt_off:")
    st.markdown(answer.headline)
    for column, metric in zip(st.columns(len(answer.metrics)), answer.metrics, strict=True):
        column.metric(metric.label, metric.value)

# --- Check-ins from the meeting: the late milestones, what was decided, and (for editors with
# check-ins on) the form; the history of each on demand.
checkin_mode = checkin.availability()
if checkin_mode != "hidden" or ctx.workbook.has("updates"):
    with guarded(lang):
        meeting = unwrap(
            cache.view(checkins_view.build, ctx.workbook, ctx.role, lang=lang, today=today)
        )
        st.subheader(t("checkin.title", lang))
        if checkin_mode == "needs_sheet":
            st.info(t("checkin.needs_sheet", lang), icon=":material/edit_off:")
        checkin.confirmation_box(ctx.workbook, lang)
        if meeting.none:
            st.caption(meeting.none)
        for item in meeting.items:
            with st.container(border=True):
                st.markdown(item.title)
                st.caption(item.facts)
                for state in item.states:
                    st.markdown(state)
                if item.history is not None and not presenting:
                    with st.expander(t("checkin.history", lang)):
                        st.dataframe(item.history, hide_index=True, width="stretch")
                checkin.milestone_form(ctx.workbook, item, lang, presenting=presenting)

# --- Timeline
with guarded(lang):
    timeline = unwrap(view.timeline)
    if timeline is not None:
        st.plotly_chart(
            timeline, config=plotly_config(lang), key="strategy_timeline", width="stretch"
        )

# --- Below the timeline, each section is drawn when the reader opens it (ui.on_demand: open
# in presenter mode, kept in the URL as ?strategy_summary_open=true): drawn with the timeline,
# they held its first paint back by a third of a second. The view builds each one when it is
# first opened (sections.Later, read by unwrap), so a first visit builds the answer and timeline.

# --- Status summary: counts, progress per objective and per lead, late and due soon.
box = on_demand(
    t("strategy.summary.title", lang), key="strategy_summary_open", icon=":material/donut_large:"
)
if box is not None:
    with box, guarded(lang):
        summary = unwrap(view.summary)
        for key, figure in summary.figures:
            st.plotly_chart(figure, config=plotly_config(lang), key=key, width="stretch")
        for listing in summary.listings:
            st.markdown(listing.title)
            if listing.table is None:
                st.caption(listing.none)
            else:
                st.dataframe(listing.table, hide_index=True, width="stretch")

# --- Progress that is computed: linked indicators against their targets.
box = on_demand(
    t("strategy.checks.title", lang), key="strategy_checks_open", icon=":material/fact_check:"
)
if box is not None:
    with box, guarded(lang):
        checks = unwrap(view.checks)
        st.caption(t("strategy.checks.how", lang))
        if checks.none:
            st.caption(checks.none)
        for flag in checks.flags:
            st.warning(flag, icon=":material/flag:")
        if checks.table is not None:
            st.dataframe(checks.table, hide_index=True, width="stretch")

# --- What changed since the last meeting
box = on_demand(
    t("strategy.changes.title", lang), key="strategy_changes_open", icon=":material/history:"
)
if box is not None:
    with box, guarded(lang):
        changes = unwrap(view.changes)
        if changes.no_history:
            st.info(changes.no_history, icon=":material/history:")
            st.date_input(
                t("strategy.changes.pick_date", lang),
                value=options.pick_default,
                max_value=today,
                key="strategy_since_date",
                format="DD.MM.YYYY",
            )
        if changes.note:
            st.caption(changes.note)
        if changes.none:
            st.caption(changes.none)
        if changes.report:
            st.markdown(changes.report)
        if changes.table is not None:
            st.dataframe(changes.table, hide_index=True, width="stretch")
        st.markdown(changes.updated)
        if changes.updated_table is not None:
            st.dataframe(changes.updated_table, hide_index=True, width="stretch")

# --- Strategy years: share done against plan
box = on_demand(
    t("strategy.years.title", lang), key="strategy_years_open", icon=":material/calendar_month:"
)
if box is not None:
    with box, guarded(lang):
        years = unwrap(view.years)
        st.caption(t("strategy.years.how", lang))
        st.plotly_chart(years, config=plotly_config(lang), key="strategy_years", width="stretch")
