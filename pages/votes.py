"""Votes: the result of an election and round, who voted for whom, the count over time, the
checks of the count and the coalition's record across elections.

A layout of ``utils.views.votes``: the pickers read their options from ``choices``, and every
section comes finished from ``build``."""

from __future__ import annotations

import streamlit as st

from utils.analysis.milestones import today_in_bishkek
from utils.i18n import t
from utils.render.plotly_locale import plotly_config
from utils.views import votes
from utils.views.sections import unwrap
from utils.web import cache, screen
from utils.web.ui import (
    guarded,
    missing_tab,
    on_demand,
    page_start,
    show_table,
    url_selectbox,
)

ctx = page_start("votes.title")
lang = ctx.lang

if not ctx.workbook.has("elections"):
    missing_tab("elections", lang)
    st.stop()

# --- Which election and round ---------------------------------------------------------------
options = votes.choices(ctx.workbook, lang=lang)
pick_election, pick_round = st.columns([3, 1])
election_id = url_selectbox(
    t("votes.pick_election", lang),
    options.elections,  # latest first; the page opens on the latest decided election
    key="votes_election",  # the sheet's id in the URL (?votes_election=ccph-2022)
    names=lambda eid, _lang: options.label(eid),
    lang=lang,
    default=options.default,
    container=pick_election,
)
rounds = options.rounds(election_id)
round_no = rounds[-1] if rounds else None
if len(rounds) > 1:
    round_no = pick_round.selectbox(
        t("votes.pick_round", lang),
        rounds,
        index=len(rounds) - 1,  # the final round by default
        key="votes_round",  # plain numbers, so ?votes_round=2 works in every language
        bind="query-params",
    )

view = cache.view(
    votes.build,
    ctx.workbook,
    ctx.role,
    votes.VotesFilters(election=election_id, round=round_no),
    lang=lang,
    threshold=ctx.loaded.threshold,
    today=today_in_bishkek(),
    presenting=ctx.presenting,
    width=screen.width_class(),
)

# --- Status and checks ----------------------------------------------------------------------
with guarded(lang):
    status = unwrap(view.status)
    for note in status.open_elsewhere:
        st.info(note.text, icon=note.icon)
    st.markdown(status.line)
    if status.note:
        st.info(status.note.text, icon=status.note.icon)
    if status.notes:
        st.caption(status.notes)
    for issue in status.issues:
        st.warning(issue, icon=":material/warning:")
    if status.checks_ok:
        st.caption(status.checks_ok)
    if status.no_votes:
        st.info(status.no_votes.text, icon=status.no_votes.icon)

# --- The answer: who won ----------------------------------------------------------------------
if view.results is not None:
    with guarded(lang):
        st.subheader(t("votes.results.header", lang))
        results = unwrap(view.results)
        st.markdown("#### " + results.outcome)
        for line in results.lines:
            st.markdown(line)
        for column, metric in zip(st.columns(len(results.metrics)), results.metrics, strict=True):
            column.metric(metric.label, metric.value, help=metric.help)
        if results.empty:
            st.info(results.empty.text, icon=results.empty.icon)
        if results.figure is not None:
            st.plotly_chart(
                results.figure, config=plotly_config(lang), key="votes_results", width="stretch"
            )
        if results.caption:
            st.caption(results.caption)
        if results.table is not None:
            box = on_demand(
                t("votes.results.table_open", lang),
                key="votes_table_open",
                icon=":material/table:",
            )
            if box is not None:
                with box:
                    show_table(results.table, lang)

# --- Below the answer, each section is drawn when the reader opens it (ui.on_demand: open in
# presenter mode, kept in the URL as ?votes_time_open=true): drawn with the result's chart,
# they held its first paint back by about 0.4 s. The view builds each one when it is first
# opened (sections.Later, read by unwrap), so a first visit builds the answer only.

# --- The count over time ----------------------------------------------------------------------
if view.timeline is not None:
    box = on_demand(t("votes.time.header", lang), key="votes_time_open", icon=":material/timeline:")
    if box is not None:
        with box, guarded(lang):
            timeline = unwrap(view.timeline)
            if timeline.none:
                st.info(timeline.none.text, icon=timeline.none.icon)
            if timeline.crossing:
                st.markdown("#### " + timeline.crossing)
            if timeline.marks:
                st.markdown(timeline.marks)
            if timeline.figure is not None:
                st.plotly_chart(
                    timeline.figure, config=plotly_config(lang), key="votes_tally", width="stretch"
                )
            if timeline.untimed:
                st.caption(timeline.untimed)

# --- Who voted for whom ---------------------------------------------------------------------
if view.breakdown is not None:
    box = on_demand(
        t("votes.breakdown.header", lang), key="votes_breakdown_open", icon=":material/groups:"
    )
    if box is not None:
        with box, guarded(lang):
            breakdown = unwrap(view.breakdown)
            if breakdown.none:
                st.info(breakdown.none.text, icon=breakdown.none.icon)
            if breakdown.figure is not None:
                st.plotly_chart(
                    breakdown.figure,
                    config=plotly_config(lang),
                    key="votes_breakdown",
                    width="stretch",
                )
            if breakdown.table is not None:
                show_table(breakdown.table, lang)
            if breakdown.caption:
                st.caption(breakdown.caption)

# --- Every election and the coalition's record --------------------------------------------------
box = on_demand(t("votes.list.header", lang), key="votes_record_open", icon=":material/history:")
if box is not None:
    with box, guarded(lang):
        record = unwrap(view.record)
        st.markdown(record.summary)
        st.plotly_chart(
            record.figure, config=plotly_config(lang), key="votes_record", width="stretch"
        )
        if record.table is not None:
            show_table(record.table, lang)
        if record.other_label:
            with st.expander(record.other_label):
                for issue in record.other_issues:
                    st.warning(issue)
        if record.rules:
            st.caption(record.rules)

# Every election's checks and its final round's result, worked out in the background once per
# read, so that the next election a reader chooses is drawn without waiting for its count.
cache.ahead(votes.warm_results, ctx.workbook, ctx.role, threshold=ctx.loaded.threshold)
