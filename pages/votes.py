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
from utils.web.ui import guarded, missing_tab, page_start, show_table, url_selectbox

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
        if results.table is not None:
            show_table(results.table, lang)
        if results.caption:
            st.caption(results.caption)

# --- The count over time ----------------------------------------------------------------------
if view.timeline is not None:
    with guarded(lang):
        st.subheader(t("votes.time.header", lang))
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
    with guarded(lang):
        st.subheader(t("votes.breakdown.header", lang))
        breakdown = unwrap(view.breakdown)
        if breakdown.none:
            st.info(breakdown.none.text, icon=breakdown.none.icon)
        if breakdown.figure is not None:
            st.plotly_chart(
                breakdown.figure, config=plotly_config(lang), key="votes_breakdown", width="stretch"
            )
        if breakdown.table is not None:
            show_table(breakdown.table, lang)
        if breakdown.caption:
            st.caption(breakdown.caption)

# --- Every election and the coalition's record --------------------------------------------------
with guarded(lang):
    st.subheader(t("votes.list.header", lang))
    record = unwrap(view.record)
    st.markdown(record.summary)
    st.plotly_chart(record.figure, config=plotly_config(lang), key="votes_record", width="stretch")
    if record.table is not None:
        show_table(record.table, lang)
    if record.other_label:
        with st.expander(record.other_label):
            for issue in record.other_issues:
                st.warning(issue)
    if record.rules:
        st.caption(record.rules)
