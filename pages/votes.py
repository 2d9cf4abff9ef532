"""Votes: the result of an election and round, who voted for whom, the count over time, the
checks of the count and the coalition's record across elections."""

from __future__ import annotations

import streamlit as st

from utils.analysis import votes as vm
from utils.analysis.privacy import HIDDEN_MARK
from utils.i18n import fmt_date, fmt_number, fmt_percent, t
from utils.render import theme
from utils.render import votes as vc
from utils.web.ui import guarded, missing_tab, page_start, plain, show_table, url_selectbox

ctx = page_start("votes.title")
lang, k = ctx.lang, ctx.loaded.threshold
elections, votes = ctx.workbook["elections"], ctx.workbook["votes"]

if not ctx.workbook.has("elections"):
    missing_tab("elections", lang)
    st.stop()

# --- Which election and round ---------------------------------------------------------------
ids = vm.election_ids(elections)
infos = {eid: vm.election_info(elections, eid) for eid in ids}
labels = vc.election_labels({eid: (i.title, i.date) for eid, i in infos.items()})
pick_election, pick_round = st.columns([3, 1])
election_id = url_selectbox(
    t("votes.pick_election", lang),
    ids,  # latest first; the page opens on the latest decided election
    key="votes_election",  # the sheet's id in the URL (?votes_election=ccph-2022)
    names=lambda eid, _lang: labels[eid],
    lang=lang,
    default=vm.default_election(elections, votes) or ids[0],
    container=pick_election,
)
info = infos[election_id]
for open_id in vm.open_elections(elections):
    if open_id != election_id:
        st.info(
            t("votes.open_elsewhere", lang, title=plain(infos[open_id].title)),
            icon=":material/how_to_vote:",
        )
rounds = vm.rounds_of(votes, election_id)
round_no = rounds[-1] if rounds else 1
if len(rounds) > 1:
    round_no = pick_round.selectbox(
        t("votes.pick_round", lang),
        rounds,
        index=len(rounds) - 1,  # the final round by default
        key="votes_round",  # plain numbers, so ?votes_round=2 works in every language
        bind="query-params",
    )

# --- Status and checks ----------------------------------------------------------------------
with guarded(lang):
    st.markdown(
        t(
            "votes.status_line",
            lang,
            status=vc.status_name(info.status, lang),
            body=plain(info.body or "—"),
            date=fmt_date(info.date.date(), lang) if info.date is not None else "—",
        )
    )
    if info.status == "open":
        st.info(t("votes.open_note", lang), icon=":material/hourglass_top:")
    elif info.status == "closed":
        st.info(t("votes.closed_note", lang), icon=":material/lock:")
    if info.notes and not ctx.presenting:
        st.caption(t("votes.notes", lang, notes=plain(info.notes)))
    issues = vm.check_election(elections, votes, election_id)
    for issue in issues:
        st.warning(vc.describe_issue(issue, lang, escape=plain), icon=":material/warning:")
    if rounds and not issues:
        st.caption(":material/check_circle: " + t("votes.checks.ok", lang))

if not rounds:
    st.info(t("votes.no_votes_yet", lang), icon=":material/how_to_vote:")

# --- The answer: who won ----------------------------------------------------------------------
if rounds:
    with guarded(lang):
        st.subheader(t("votes.results.header", lang))
        result = vm.round_result(
            elections, votes, election_id=election_id, round_no=round_no, threshold=k
        )
        st.markdown("#### " + vc.describe_outcome(result, lang, escape=plain))
        for line in (
            vc.describe_community(result, lang, escape=plain),
            vc.describe_change(result, lang, escape=plain),
        ):
            if line:
                st.markdown(line)
        turnout, valid, blank, invalid = st.columns(4)
        turnout.metric(
            t("votes.metric.turnout", lang),
            fmt_percent(result.turnout, lang),
            help=(
                t(
                    "votes.metric.turnout_help",
                    lang,
                    ballots=fmt_number(result.ballots, lang),
                    eligible=fmt_number(info.eligible, lang),
                )
                if info.eligible
                else t("votes.metric.turnout_unknown", lang)
            ),
        )
        valid.metric(
            t("votes.metric.valid", lang),
            fmt_number(result.valid, lang) if result.valid is not None else HIDDEN_MARK,
        )
        blank.metric(
            t("votes.metric.blank", lang),
            vc.count_text(result.blank, result.blank_hidden, False, k, lang)
            if result.final_round and info.blank is not None
            else t("votes.metric.not_recorded", lang),
        )
        invalid.metric(
            t("votes.metric.invalid", lang),
            vc.count_text(result.invalid, result.invalid_hidden, False, k, lang)
            if result.final_round and info.invalid is not None
            else t("votes.metric.not_recorded", lang),
        )
        st.plotly_chart(
            vc.make_results_figure(
                result.candidates,
                lang=lang,
                threshold=info.threshold,
                k=k,
                presenting=ctx.presenting,
            ),
            config=theme.PLOTLY_CONFIG,
            key="votes_results",
            width="stretch",
        )
        if not ctx.presenting:
            show_table(vc.results_table(result, lang=lang, k=k), lang)
            st.caption(t("votes.results.caption", lang))

# --- The count over time ----------------------------------------------------------------------
if rounds:
    with guarded(lang):
        st.subheader(t("votes.time.header", lang))
        timeline = vm.tally_over_time(votes, election_id, round_no, threshold=k)
        if timeline.empty:
            st.info(t("votes.time.none", lang), icon=":material/schedule:")
        else:
            result = vm.round_result(
                elections, votes, election_id=election_id, round_no=round_no, threshold=k
            )
            who = vm.story_candidate(result)
            day = timeline["timestamp"].min()
            crossing = (
                vm.first_crossing(timeline, who, info.threshold)
                if who and info.threshold is not None
                else None
            )
            if who and info.threshold is not None:
                st.markdown(
                    "#### "
                    + vc.describe_crossing(
                        crossing, candidate=who, threshold=info.threshold, lang=lang, escape=plain
                    )
                )
            marks = vc.hours_to_tell(vm.hour_marks(timeline, who)) if who else []
            if marks:
                st.markdown(
                    "\n".join(
                        "- " + vc.describe_mark(who, mark, lang, day=day, escape=plain)
                        for mark in marks
                    )
                )
            st.plotly_chart(
                vc.make_tally_figure(
                    timeline,
                    lang=lang,
                    threshold=info.threshold,
                    community=who,
                    crossing=crossing,
                    presenting=ctx.presenting,
                ),
                config=theme.PLOTLY_CONFIG,
                key="votes_tally",
                width="stretch",
            )
            untimed = vm.untimed_rows(votes, election_id, round_no)
            if untimed:
                st.caption(t("votes.time.untimed_note", lang, rows=untimed))

# --- Who voted for whom ---------------------------------------------------------------------
if rounds:
    with guarded(lang):
        st.subheader(t("votes.breakdown.header", lang))
        cells = vm.breakdown(votes, election_id, round_no, threshold=k)
        if cells is None:
            st.info(t("votes.breakdown.none", lang), icon=":material/groups:")
        else:
            st.plotly_chart(
                vc.make_breakdown_figure(
                    cells,
                    lang=lang,
                    community=info.community_candidate,
                    presenting=ctx.presenting,
                ),
                config=theme.PLOTLY_CONFIG,
                key="votes_breakdown",
                width="stretch",
            )
            if not ctx.presenting:
                show_table(vc.breakdown_table(cells, lang=lang, k=k), lang)
            st.caption(t("votes.breakdown.hidden_note", lang, k=k))

# --- Every election and the coalition's record --------------------------------------------------
with guarded(lang):
    st.subheader(t("votes.list.header", lang))
    record = vm.coalition_record(elections, votes, threshold=k)
    won, decided = vm.seats_won(record)
    st.markdown(t("votes.record.summary", lang, won=won, decided=decided))
    st.plotly_chart(
        vc.make_record_figure(record, lang=lang, presenting=ctx.presenting),
        config=theme.PLOTLY_CONFIG,
        key="votes_record",
        width="stretch",
    )
    if not ctx.presenting:
        show_table(vc.record_table(record, lang=lang), lang)
        others = [i for i in vm.check_integrity(elections, votes) if i.election != election_id]
        if others:
            with st.expander(t("votes.checks.other", lang, n=len(others))):
                for issue in others:
                    st.warning(vc.describe_issue(issue, lang, escape=plain))
        st.caption(t("votes.checks.rules", lang))
