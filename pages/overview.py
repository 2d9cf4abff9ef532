"""Overview: the few numbers that matter, each linking to the page that explains it."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from utils.analysis.milestones import today_in_bishkek
from utils.i18n import t
from utils.views import overview
from utils.views.sections import unwrap
from utils.web import cache, meeting_pack
from utils.web.ui import guarded, missing_tab, page_start

ctx = page_start("overview.title")
lang = ctx.lang
view = cache.view(
    overview.build,
    ctx.workbook,
    ctx.role,
    overview.OverviewFilters(),
    lang=lang,
    threshold=ctx.loaded.threshold,
    today=today_in_bishkek(),
    presenting=ctx.presenting,
)
meeting_pack.offer(ctx, key="overview_pack")


def link(page: str, label: str) -> None:
    """A link to another page; left out when that page is not in the navigation (a test run)."""
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link(page, label=label, icon=":material/arrow_forward:")


def metric(m: overview.Metric, *, help: str | None = None, trend: bool = True) -> None:
    """One of the view's big numbers, in a bordered box (``trend``: with its sparkline)."""
    st.metric(
        m.label,
        m.value,
        delta=m.delta,
        delta_color=m.delta_color,
        delta_description=m.delta_description,
        chart_data=(list(m.chart_data) or None) if trend else None,
        help=help,
        border=True,
    )


def present() -> None:
    """Presenter mode: one 1280x720 screen of the few key numbers: three key indicators, then
    the election, the strategy and the monitoring loop; the rest is in the slideshow."""
    with guarded(lang):
        indicators = unwrap(view.indicators)
        # The first three in the catalog's order, which is the coalition's: one row.
        figures = [] if indicators.missing else [f.metric for f in indicators.figures][:3]
        for column, number in zip(st.columns(3), figures, strict=False):
            with column:
                metric(number, trend=False)
    with guarded(lang):
        others: list[overview.Metric] = []
        election = unwrap(view.election)
        if not election.missing and election.metric is not None:
            others.append(election.metric)
        strategy = unwrap(view.strategy)
        if not strategy.missing:
            others += strategy.metrics[:2]
        if view.monitoring is not None:
            others += unwrap(view.monitoring).metrics[:2]
        for column, number in zip(st.columns(max(len(others), 1)), others, strict=False):
            with column:
                metric(number, trend=False)
    link("pages/slideshow.py", t("overview.go.slideshow", lang))


if ctx.presenting:
    present()
    st.stop()


if view.problems:
    st.warning(view.problems, icon=":material/rule:")
    link("pages/sheet_health.py", t("overview.go.health", lang))

# --- Key indicators against target --------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.indicators.heading", lang))
    indicators = unwrap(view.indicators)
    if indicators.missing:
        missing_tab(indicators.missing, lang)
    else:
        if indicators.none:
            st.info(indicators.none)
        columns = st.columns(indicators.columns)
        for index, figure in enumerate(indicators.figures):
            with columns[index % len(columns)]:
                metric(figure.metric, help=t("overview.trend_help", lang))
                st.caption(figure.caption)
        st.caption(t("overview.indicators.note", lang))
        link("pages/program_access.py", t("overview.go.access", lang))

# --- The latest election --------------------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.election.heading", lang))
    election = unwrap(view.election)
    if election.missing:
        missing_tab(election.missing, lang)
    else:
        if election.none:
            st.info(election.none)
        else:
            st.subheader(election.title)
            if election.date is not None:
                st.caption(election.date)
            if election.metric is not None:
                metric(election.metric)
            st.markdown(election.said)
            st.caption(election.seats)
        link("pages/votes.py", t("overview.go.votes", lang))

# --- Strategy progress and what is overdue ------------------------------------------------------
with guarded(lang):
    st.header(t("overview.strategy.heading", lang))
    strategy = unwrap(view.strategy)
    if strategy.missing:
        missing_tab(strategy.missing, lang)
    else:
        helps = (t("overview.strategy.done_help", lang), None, None)
        for column, number, help_text in zip(
            st.columns(len(strategy.metrics)), strategy.metrics, helps, strict=True
        ):
            with column:
                metric(number, help=help_text)
        st.caption(strategy.by_status)
        if strategy.none_overdue:
            st.success(strategy.none_overdue, icon=":material/check_circle:")
        elif strategy.overdue is not None:
            st.dataframe(
                strategy.overdue,
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

# --- Community-led monitoring (only when the sheet keeps findings) -------------------------------
with guarded(lang):
    if view.monitoring is not None:
        st.header(t("overview.monitoring.heading", lang))
        card = unwrap(view.monitoring)
        for column, number in zip(st.columns(len(card.metrics)), card.metrics, strict=True):
            with column:
                metric(number)
        st.caption(card.said)
        link("pages/monitoring.py", t("overview.go.monitoring", lang))

# --- Coalition members ----------------------------------------------------------------------------
with guarded(lang):
    st.header(t("overview.members.heading", lang))
    members = unwrap(view.members)
    if members.missing:
        missing_tab(members.missing, lang)
    else:
        for column, number in zip(st.columns(len(members.metrics)), members.metrics, strict=True):
            with column:
                metric(number)
        if members.by_community is not None:
            st.dataframe(
                members.by_community,
                hide_index=True,
                column_config={
                    "community": st.column_config.TextColumn(t("overview.col.community", lang)),
                    "organisations": st.column_config.TextColumn(
                        t("overview.col.organisations", lang), width="large"
                    ),
                },
                key="overview_members",
            )
