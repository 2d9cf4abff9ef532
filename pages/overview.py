"""Overview: the few numbers that matter, each linking to the page that explains it."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from utils.analysis import milestones as ms_metrics
from utils.analysis import overview
from utils.i18n import fmt_date, fmt_number, fmt_percent, fmt_value, t
from utils.sheet.contract import COMMUNITIES, MILESTONE_STATUSES, choice_name
from utils.web.ui import guarded, missing_tab, page_start, plain

ctx = page_start("overview.title")
lang = ctx.lang
workbook = ctx.workbook
threshold = ctx.loaded.threshold
today = ms_metrics.today_in_bishkek()


def link(page: str, label: str) -> None:
    """A link to another page; left out when that page is not in the navigation (a test run)."""
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link(page, label=label, icon=":material/arrow_forward:")


if workbook.errors and not ctx.presenting:
    st.warning(t("overview.problems", lang, errors=len(workbook.errors)), icon=":material/rule:")
    link("pages/sheet_health.py", t("overview.go.health", lang))

# --- Key indicators against target --------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.indicators.heading", lang))
    if not (workbook.has("indicators") and workbook.has("catalog")):
        missing_tab("indicators", lang)
    else:
        figures = overview.key_indicators(
            workbook["indicators"], workbook["catalog"], lang, threshold
        )
        if not figures:
            st.info(t("overview.indicators.none", lang))
        columns = st.columns(2 if ctx.presenting else 3)
        for index, figure in enumerate(figures):
            delta = None
            if figure.change is not None:
                decimals = 0 if figure.unit == "count" else 1
                change = ("+" if figure.change > 0 else "") + fmt_number(
                    figure.change, lang, decimals
                )
                delta = (
                    t("overview.delta_points", lang, change=change)
                    if figure.unit == "percent"
                    else change
                )
            direction = {True: "normal", False: "inverse"}.get(figure.higher_is_better, "off")
            target = fmt_value(figure.target, figure.unit, lang)
            period = figure.period or "—"
            with columns[index % len(columns)]:
                st.metric(
                    plain(figure.name),
                    fmt_value(figure.rate, figure.unit, lang) if figure.rate is not None else "—",
                    delta=delta,
                    delta_color=direction,
                    delta_description=t("overview.since", lang, period=figure.previous_period)
                    if figure.previous_period
                    else None,
                    chart_data=[v for v in figure.trend if v is not None] or None,
                    help=t("overview.trend_help", lang),
                    border=True,
                )
                status = {
                    True: t("overview.target_met", lang),
                    False: t("overview.target_missed", lang),
                }.get(figure.meets_target, "")
                if figure.rate is None and figure.period is not None:
                    status = t("overview.hidden", lang)
                line = (
                    t("overview.target", lang, target=target, period=period)
                    if figure.target is not None
                    else t("overview.no_target", lang, period=period)
                )
                st.caption(f"{line} · {status}" if status else line)
        st.caption(t("overview.indicators.note", lang))
        link("pages/program_access.py", t("overview.go.access", lang))

# --- The latest election --------------------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.election.heading", lang))
    if not (workbook.has("elections") and workbook.has("votes")):
        missing_tab("votes", lang)
    else:
        result = overview.latest_election(workbook["elections"], workbook["votes"], threshold)
        if result is None:
            st.info(t("overview.election.none", lang))
        else:
            st.subheader(plain(result.title))
            if result.date is not None:
                st.caption(fmt_date(result.date, lang))
            st.metric(
                t("overview.election.share", lang, name=plain(result.candidate)),
                fmt_percent(result.share, lang) if result.share is not None else "—",
                border=True,
            )
            said = [
                t(
                    "overview.election.coalition"
                    if result.is_coalition
                    else "overview.election.leader",
                    lang,
                )
            ]
            if result.status == "open":
                said.append(t("overview.election.open", lang))
            elif result.elected is not None:
                said.append(
                    t(
                        "overview.election.elected"
                        if result.elected
                        else "overview.election.not_elected",
                        lang,
                    )
                )
            st.markdown(" ".join(said))
            st.caption(
                t(
                    "overview.election.seats",
                    lang,
                    won=result.seats_won,
                    decided=result.elections_decided,
                )
            )
        link("pages/votes.py", t("overview.go.votes", lang))

# --- Strategy progress and what is overdue ------------------------------------------------------
with guarded(lang):
    st.header(t("overview.strategy.heading", lang))
    if not workbook.has("milestones"):
        missing_tab("milestones", lang)
    else:
        summary = overview.strategy_summary(workbook["milestones"], today)
        done, late, total = st.columns(3)
        done.metric(
            t("overview.strategy.done", lang),
            fmt_percent(summary.share_done, lang, 0) if summary.share_done is not None else "—",
            help=t("overview.strategy.done_help", lang),
            border=True,
        )
        late.metric(t("overview.strategy.overdue", lang), len(summary.overdue), border=True)
        total.metric(t("overview.strategy.total", lang), summary.milestones, border=True)
        st.caption(
            " · ".join(
                f"{choice_name(MILESTONE_STATUSES, status, lang)}: {count}"
                for status, count in summary.by_status.items()
                if count
            )
        )
        if summary.overdue.empty:
            st.success(t("overview.strategy.none_overdue", lang), icon=":material/check_circle:")
        elif not ctx.presenting:
            st.dataframe(
                summary.overdue[["id", "milestone", "lead", "due", "days_late"]],
                hide_index=True,
                column_config={
                    "id": st.column_config.TextColumn(t("overview.col.id", lang), width="small"),
                    "milestone": st.column_config.TextColumn(
                        t("overview.col.milestone", lang), width="large"
                    ),
                    "lead": st.column_config.TextColumn(t("overview.col.lead", lang)),
                    "due": st.column_config.DateColumn(
                        t("overview.col.due", lang), format="DD.MM.YYYY"
                    ),
                    "days_late": st.column_config.NumberColumn(t("overview.col.days_late", lang)),
                },
                key="overview_overdue",
            )
        link("pages/strategy.py", t("overview.go.strategy", lang))

# --- Coalition members ----------------------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.members.heading", lang))
    if not workbook.has("members"):
        missing_tab("members", lang)
    else:
        counts = overview.member_counts(workbook["members"])
        members, candidates = st.columns(2)
        members.metric(t("overview.members.members", lang), counts.get("member", 0), border=True)
        candidates.metric(
            t("overview.members.candidates", lang), counts.get("candidate", 0), border=True
        )
        if not ctx.presenting:
            by_community = overview.members_by_community(workbook["members"])
            st.dataframe(
                [
                    {
                        "community": choice_name(COMMUNITIES, community, lang),
                        "organisations": ", ".join(names),
                    }
                    for community, names in by_community.items()
                ],
                hide_index=True,
                column_config={
                    "community": st.column_config.TextColumn(t("overview.col.community", lang)),
                    "organisations": st.column_config.TextColumn(
                        t("overview.col.organisations", lang), width="large"
                    ),
                },
                key="overview_members",
            )
