"""Strategy: the three-year plan, what is late, who leads it, and what changed since last time.

Reads top to bottom: filters (in the URL), the answer in words, the timeline, the status
summary, progress checked against linked indicators, the change report, the strategy years.
"Today" is the calendar day in Bishkek. The change report compares with the app's saved daily
snapshots; the bundled sample, which keeps none, compares with its documented earlier versions
(``data/sample_history.xlsx``, read by ``utils.store.load.sample_history``).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from utils.analysis import milestones as m
from utils.analysis import privacy
from utils.i18n import fmt_date, fmt_number, fmt_percent, t
from utils.render import strategy as charts
from utils.render.theme import PLOTLY_CONFIG
from utils.store.load import snapshot_history
from utils.web.ui import (
    guarded,
    missing_tab,
    page_start,
    plain,
    url_multiselect,
    url_segmented_control,
    url_selectbox,
)

ctx = page_start("strategy.title")
lang, presenting = ctx.lang, ctx.presenting
if not ctx.workbook.has("milestones"):
    missing_tab("milestones", lang)
    st.stop()
all_milestones = ctx.workbook["milestones"]
today = m.today_in_bishkek()

history = snapshot_history()  # for the sample, its documented earlier versions
from_sample = ctx.loaded.is_sample
choices = m.snapshot_choices(history, today)
by_day = {day.isoformat(): index for day, index in choices}

# --- Filters: each one lives in the URL, so a copied link opens the same view.
options = m.filter_options(all_milestones)
filters = st.expander(t("strategy.filters", lang), expanded=False)  # the answer comes first
row1 = filters.columns(3)
objectives = row1[0].multiselect(
    t("strategy.filter.objective", lang),
    options["objective"],
    key="strategy_objective",
    bind="query-params",
    placeholder=t("strategy.filter.all", lang),
)
leads = row1[1].multiselect(
    t("strategy.filter.lead", lang),
    options["lead"],
    key="strategy_lead",
    bind="query-params",
    placeholder=t("strategy.filter.all", lang),
)
# Community, status, horizon and date are shown translated: the URL keeps their ids
# (?strategy_status=at_risk), so a link opens the same view in every language.
communities = url_multiselect(
    t("strategy.filter.community", lang),
    options["community"],
    key="strategy_community",
    names=charts.community_name,
    lang=lang,
    container=row1[2],
    placeholder=t("strategy.filter.all", lang),
    help=t("strategy.filter.community_help", lang),
)
row2 = filters.columns(3)
statuses = url_multiselect(
    t("strategy.filter.status", lang),
    options["status"],
    key="strategy_status",
    names=charts.status_name,
    lang=lang,
    container=row2[0],
    placeholder=t("strategy.filter.all", lang),
)
horizon = (
    url_segmented_control(
        t("strategy.filter.horizon", lang),
        m.DUE_SOON_DAYS,
        key="strategy_horizon",
        names=lambda days, lg: t("strategy.filter.days", lg, days=days),
        lang=lang,
        default=m.DUE_SOON_DAYS[0],
        container=row2[1],
    )
    or m.DUE_SOON_DAYS[0]
)
since_key = (
    url_selectbox(
        t("strategy.filter.since", lang),
        list(by_day),
        key="strategy_since",
        names=lambda iso, lg: t(
            "strategy.filter.since_sample" if from_sample else "strategy.filter.since_option",
            lg,
            date=fmt_date(date.fromisoformat(iso), lg),
        ),
        lang=lang,
        container=row2[2],
        help=t("strategy.filter.since_help", lang),
    )
    if by_day
    else None
)
milestones = m.filter_milestones(
    all_milestones,
    objectives=objectives,
    leads=leads,
    communities=communities,
    statuses=statuses,
)
filtered = bool(objectives or leads or communities or statuses)

late = m.overdue(milestones, today)
soon = m.due_within(milestones, today, int(horizon))
since = date.fromisoformat(since_key) if since_key else None
changes = None
if since is not None:
    previous = m.milestones_of(history[by_day[since_key]][1], since)
    keep = set(milestones["id"]) | set(
        m.filter_milestones(
            previous,
            objectives=objectives,
            leads=leads,
            communities=communities,
            statuses=statuses,
        )["id"]
    )
    changes = m.compare(previous, all_milestones, then=since, today=today, keep_ids=keep)

# --- The answer, in words: what is late, who leads it, what changed.
with guarded(lang):
    st.subheader(t("strategy.answer.title", lang))
    st.caption(
        t("strategy.answer.today", lang, date=fmt_date(today, lang))
        + (" " + t("strategy.answer.filtered", lang) if filtered else "")
    )
    if milestones.empty:
        st.info(t("strategy.empty_filter", lang), icon=":material/filter_alt_off:")
    st.markdown(
        charts.headline_markdown(
            late,
            soon,
            int(horizon),
            m.change_counts(changes) if changes is not None else None,
            since,
            lang=lang,
            escape=plain,
            # Presenter mode has no tables, so every late milestone is named here.
            limit=len(late) if presenting else charts.HEADLINE_ITEMS,
        )
    )
    cols = st.columns(4)
    cols[0].metric(t("strategy.metric.late", lang), fmt_number(len(late), lang))
    cols[1].metric(t("strategy.metric.soon", lang, days=int(horizon)), fmt_number(len(soon), lang))
    cols[2].metric(t("strategy.metric.done", lang), fmt_percent(m.share_done(milestones), lang, 0))
    cols[3].metric(
        t("strategy.metric.changed", lang),
        fmt_number(len(changes), lang) if changes is not None else "—",
    )

# --- Timeline
with guarded(lang):
    if not milestones.empty:
        st.plotly_chart(
            charts.make_timeline_figure(milestones, lang=lang, today=today, presenting=presenting),
            config=PLOTLY_CONFIG,
            key="strategy_timeline",
            width="stretch",
        )

# --- Status summary: counts, progress per objective and per lead, late and due soon.
with guarded(lang):
    st.subheader(t("strategy.summary.title", lang))
    if not milestones.empty:
        st.plotly_chart(
            charts.make_status_figure(
                m.status_summary(milestones), lang=lang, presenting=presenting
            ),
            config=PLOTLY_CONFIG,
            key="strategy_status_chart",
            width="stretch",
        )
        st.plotly_chart(
            charts.make_progress_figure(
                m.progress_by(milestones, "lead", today),
                by="lead",
                lang=lang,
                presenting=presenting,
            ),
            config=PLOTLY_CONFIG,
            key="strategy_by_lead",
            width="stretch",
        )
        st.plotly_chart(
            charts.make_progress_figure(
                m.progress_by(milestones, "objective", today),
                by="objective",
                lang=lang,
                presenting=presenting,
            ),
            config=PLOTLY_CONFIG,
            key="strategy_by_objective",
            width="stretch",
        )
    if not presenting:
        st.markdown("**" + t("strategy.late.title", lang) + "**")
        if late.empty:
            st.caption(t("strategy.late.none", lang))
        else:
            st.dataframe(charts.late_table(late, lang=lang), hide_index=True, width="stretch")
        st.markdown("**" + t("strategy.soon.title", lang, days=int(horizon)) + "**")
        if soon.empty:
            st.caption(t("strategy.soon.none", lang))
        else:
            st.dataframe(charts.soon_table(soon, lang=lang), hide_index=True, width="stretch")

# --- Progress that is computed: linked indicators against their targets.
with guarded(lang):
    st.subheader(t("strategy.checks.title", lang))
    st.caption(t("strategy.checks.how", lang))
    checks = m.indicator_checks(
        milestones,
        ctx.workbook["indicators"],
        ctx.workbook["catalog"],
        today,
        threshold=ctx.loaded.threshold,
    )
    if checks.empty:
        st.caption(t("strategy.checks.none", lang))
    else:
        checks = privacy.suppress(
            checks,
            count_cols=["numerator", "denominator"],
            rate_cols={"value": ["numerator", "denominator"]},
            threshold=ctx.loaded.threshold,
        )
        for _, flag in checks[checks["flag"]].iterrows():
            st.warning(
                t(
                    "strategy.checks.flag",
                    lang,
                    id=charts.milestone_code(flag["id"]),
                    milestone=plain(flag["milestone"]),
                    lead=plain(charts.lead_name(flag["lead"], lang)),
                ),
                icon=":material/flag:",
            )
        if not presenting:
            st.dataframe(
                charts.checks_table(
                    checks.drop(columns=["numerator", "denominator"]),
                    ctx.workbook["catalog"],
                    lang=lang,
                ),
                hide_index=True,
                width="stretch",
            )

# --- What changed since the last meeting
with guarded(lang):
    st.subheader(t("strategy.changes.title", lang))
    if since is None:
        st.info(t("strategy.changes.no_history", lang), icon=":material/history:")
        since = st.date_input(
            t("strategy.changes.pick_date", lang),
            value=today - timedelta(days=42),
            max_value=today,
            key="strategy_since_date",
            format="DD.MM.YYYY",
        )
    else:
        if from_sample:
            st.caption(t("strategy.changes.sample_note", lang))
        if changes is None or changes.empty:
            st.caption(t("strategy.changes.none", lang, date=fmt_date(since, lang)))
        elif presenting:
            st.markdown(charts.changes_markdown(changes, lang=lang, escape=plain))
        else:
            st.dataframe(charts.changes_table(changes, lang=lang), hide_index=True, width="stretch")
    updated = m.updated_since(milestones, since)
    st.markdown(
        "**"
        + t(
            "strategy.changes.updated",
            lang,
            date=fmt_date(since, lang),
            count=fmt_number(len(updated), lang),
        )
        + "**"
    )
    if not updated.empty and not presenting:
        st.dataframe(charts.updated_table(updated, lang=lang), hide_index=True, width="stretch")

# --- Strategy years: share done against plan
with guarded(lang):
    st.subheader(t("strategy.years.title", lang))
    st.caption(t("strategy.years.how", lang))
    st.plotly_chart(
        charts.make_years_figure(
            m.years_against_plan(milestones, today), lang=lang, presenting=presenting
        ),
        config=PLOTLY_CONFIG,
        key="strategy_years",
        width="stretch",
    )
