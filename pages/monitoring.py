"""Monitoring: from a problem the communities found to a fix, and the campaigns that carry it.

Reads top to bottom: filters (in the URL), the answer in words (what is open and who must
respond), the overdue answers, what was resolved since the last meeting, the fixes that did not
hold, the funnel, each duty bearer's speed, the scorecard with its map, each finding's story,
and the campaigns' reach. Everything shown is built by ``utils.views.monitoring``; this script
lays it out. A workbook without the monitoring tabs says which tabs to add.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from utils.i18n import t
from utils.render.plotly_locale import plotly_config
from utils.store import load
from utils.store.load import snapshot_history, snapshot_workbook
from utils.views import checkins as checkins_view
from utils.views import monitoring
from utils.views.sections import unwrap
from utils.web import cache, checkin, screen
from utils.web.ui import guarded, page_start, show_table, url_multiselect, url_selectbox

ctx = page_start("monitoring.title")
lang = ctx.lang
today = monitoring.today()
options = monitoring.choices(ctx.workbook, snapshot_history(), today=today, lang=lang)
if options.missing:
    st.info(options.missing, icon=":material/table_view:")
    if not options.has_campaigns:
        st.stop()

# --- Filters: each one lives in the URL as the sheet's ids, so a link opens the same view.
expander = st.expander(t("monitoring.filters", lang), expanded=False)  # the answer comes first
row1 = expander.columns(3)
regions = url_multiselect(
    t("monitoring.filter.region", lang),
    options.regions,
    key="monitoring_region",
    names=options.region_name,
    lang=lang,
    container=row1[0],
    placeholder=t("monitoring.filter.all", lang),
)
communities = url_multiselect(
    t("monitoring.filter.community", lang),
    options.communities,
    key="monitoring_community",
    names=monitoring.community_name,
    lang=lang,
    container=row1[1],
    placeholder=t("monitoring.filter.all", lang),
)
categories = url_multiselect(
    t("monitoring.filter.category", lang),
    options.categories,
    key="monitoring_category",
    names=monitoring.category_name,
    lang=lang,
    container=row1[2],
    placeholder=t("monitoring.filter.all", lang),
)
row2 = expander.columns(3)
bearers = row2[0].multiselect(
    t("monitoring.filter.bearer", lang),
    options.duty_bearers,
    key="monitoring_bearer",
    bind="query-params",
    placeholder=t("monitoring.filter.all", lang),
)
statuses = url_multiselect(
    t("monitoring.filter.status", lang),
    options.statuses,
    key="monitoring_status",
    names=monitoring.status_name,
    lang=lang,
    container=row2[1],
    placeholder=t("monitoring.filter.all", lang),
)
rounds = row2[2].multiselect(
    t("monitoring.filter.round", lang),
    options.rounds,
    key="monitoring_round",
    bind="query-params",
    placeholder=t("monitoring.filter.all", lang),
)
since_key = (
    url_selectbox(
        t("monitoring.filter.since", lang),
        list(options.since),
        key="monitoring_since",
        names=options.since_name,
        lang=lang,
        container=expander,
        help=t("monitoring.filter.since_help", lang),
    )
    if options.since
    else None
)
earlier = (
    snapshot_workbook(options.saved_at(since_key), ("findings", "actions")) if since_key else None
)
view = cache.view(
    monitoring.build,
    ctx.workbook,
    ctx.role,
    earlier,
    monitoring.MonitoringFilters(
        regions=tuple(regions),
        communities=tuple(communities),
        categories=tuple(categories),
        duty_bearers=tuple(bearers),
        statuses=tuple(statuses),
        rounds=tuple(rounds),
        since=date.fromisoformat(since_key) if since_key else None,
    ),
    lang=lang,
    threshold=ctx.loaded.threshold,
    today=today,
    presenting=ctx.presenting,
    boundaries=load.boundaries(),
    width=screen.width_class(),
)

# --- The answer, in words: what is open, who must respond, what is overdue, what was fixed.
with guarded(lang):
    if view.answer is not None:
        answer = unwrap(view.answer)
        st.subheader(t("monitoring.answer.title", lang))
        st.caption(answer.caption)
        if answer.empty:
            st.info(answer.empty, icon=":material/filter_alt_off:")
        st.markdown(answer.headline)
        for column, metric in zip(st.columns(2), answer.metrics[:2], strict=True):
            column.metric(metric.label, metric.value)
        for column, metric in zip(st.columns(2), answer.metrics[2:], strict=True):
            column.metric(metric.label, metric.value)
        for note in answer.notes:
            st.warning(note, icon=":material/rule:")

# --- Overdue answers, resolved since the last meeting, fixes that did not hold.
for key, section in (
    ("monitoring_overdue", view.overdue),
    ("monitoring_resolved", view.resolved),
    ("monitoring_not_held", view.not_held),
):
    with guarded(lang):
        if section is not None:
            listing = unwrap(section)
            st.markdown(listing.title)
            if listing.note:
                st.caption(listing.note)
            if listing.table is None:
                st.caption(listing.none)
            elif not ctx.presenting:  # no tables on a shared screen: the words above carry it
                show_table(listing.table, lang, key=key)

# --- The loop: found, raised, committed, resolved, verified.
with guarded(lang):
    if view.funnel is not None:
        st.subheader(t("monitoring.funnel.heading", lang))
        st.plotly_chart(
            unwrap(view.funnel),
            config=plotly_config(lang),
            key="monitoring_funnel",
            width="stretch",
        )

# --- How fast each duty bearer answers, and who still waits.
with guarded(lang):
    if view.speed is not None:
        speed = unwrap(view.speed)
        st.subheader(t("monitoring.speed.heading", lang))
        st.caption(speed.how)
        for line in speed.lines:
            st.markdown(f"- {line}")
        if speed.figure is not None:
            st.plotly_chart(
                speed.figure, config=plotly_config(lang), key="monitoring_speed", width="stretch"
            )

# --- The scorecard: findings by region and category, against the quarter before; the map.
with guarded(lang):
    if view.scorecard is not None:
        card = unwrap(view.scorecard)
        st.subheader(card.title)
        if card.table is None:
            st.caption(card.none)
        elif not ctx.presenting:
            show_table(card.table, lang, key="monitoring_scorecard")
        st.caption(card.caption)
        if card.deck is not None:
            st.pydeck_chart(card.deck, key="monitoring_map", height=420)
            # Our own translated words and palette colours only, escaped: no sheet text here.
            st.markdown(card.legend, unsafe_allow_html=True)

# --- Each finding's story, on demand.
with guarded(lang):
    if view.stories is not None:
        stories = unwrap(view.stories)
        st.subheader(t("monitoring.story.heading", lang))
        if stories.ids:
            chosen = url_selectbox(
                t("monitoring.story.pick", lang),
                list(stories.ids),
                key="monitoring_finding",
                names=stories.label,
                lang=lang,
            )
            st.markdown(stories.heads[chosen])
            table = stories.tables[chosen]
            if table is None:
                st.caption(stories.none)
            elif not ctx.presenting:
                show_table(table, lang, key="monitoring_story")
            # A check-in from the meeting: the duty bearer's answer, for editors with check-ins on.
            checkin.confirmation_box(ctx.workbook, lang)
            status_now = checkins_view.finding_status(ctx.workbook, chosen)
            checkin.finding_form(ctx.workbook, chosen, status_now, lang, presenting=ctx.presenting)

# --- Campaign reach against its target.
with guarded(lang):
    if view.campaigns is not None:
        reach = unwrap(view.campaigns)
        st.subheader(t("monitoring.reach.heading", lang))
        for line in reach.lines:
            st.markdown(line)
        if reach.figure is not None:
            st.plotly_chart(
                reach.figure, config=plotly_config(lang), key="monitoring_reach", width="stretch"
            )
        if reach.table is not None and not ctx.presenting:
            with st.expander(t("monitoring.reach.numbers", lang)):
                show_table(reach.table, lang, key="monitoring_reach_table")
