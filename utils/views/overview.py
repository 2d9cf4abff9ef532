"""The Overview's view-model: the few numbers that matter, worded, for the page to lay out.

Pure: no Streamlit. Every number comes from ``utils.analysis.overview`` (so small counts are
already protected, pooled the way the area pages pool them); this module only words them. Sheet
text in labels and headings passes through ``utils.render.text.for_markdown``; the tables hold
sheet text as it is (a table shows text, never markup).

The Overview has no widgets: ``OverviewFilters`` is empty and kept so that every page's view is
built, and cached, the same way (``utils/web/cache.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from utils.analysis import indicators as ind
from utils.analysis import monitoring as mon
from utils.analysis import overview
from utils.analysis.privacy import display_count
from utils.i18n import fmt_change, fmt_date, fmt_number, fmt_percent, fmt_value, t, tn
from utils.render.text import for_markdown
from utils.sheet.contract import COMMUNITIES, MILESTONE_STATUSES, choice_name
from utils.sheet.parse import Workbook
from utils.views import memo
from utils.views.sections import Broken, attempt

OVERDUE_COLUMNS = ("id", "milestone", "lead", "due", "days_late")
"""The overdue milestones' columns the Overview shows, in order."""


@dataclass(frozen=True)
class OverviewFilters:
    """What the Overview's widgets chose: nothing (it has none)."""


@dataclass(frozen=True)
class Metric:
    """One big number, as ``st.metric`` takes it."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"  # "normal" | "inverse" | "off"
    delta_description: str | None = None
    chart_data: tuple[float, ...] = ()  # a sparkline, oldest first; empty for none


@dataclass(frozen=True)
class KeyIndicator:
    """One indicator against its target: its number and the line under it."""

    metric: Metric
    caption: str  # "Target 50.0% · 2025-Q4 · Below target"


@dataclass(frozen=True)
class IndicatorsSection:
    """Programme access: each key indicator nationally, against its target."""

    missing: str | None  # the tab to name when the section's tabs are absent
    none: str | None = None  # said when no indicator has a target and data
    figures: tuple[KeyIndicator, ...] = ()
    columns: int = 3  # metrics per row


@dataclass(frozen=True)
class ElectionSection:
    """The latest election: its title, the headline candidate's share, and the seats won."""

    missing: str | None
    none: str | None = None  # said when no election has votes
    title: str = ""  # Markdown
    date: str | None = None
    metric: Metric | None = None
    said: str = ""  # Markdown: coalition or leader, and elected or not
    seats: str = ""


@dataclass(frozen=True)
class StrategySection:
    """Strategy progress: share done, overdue and planned milestones, and what is late."""

    missing: str | None
    metrics: tuple[Metric, ...] = ()
    by_status: str = ""  # "Done: 5 · In progress: 9 …"
    none_overdue: str | None = None  # said when nothing is late
    overdue: pd.DataFrame | None = None  # OVERDUE_COLUMNS; None when presenting or none late


@dataclass(frozen=True)
class MembersSection:
    """The coalition: organisations and candidates, and who they are by community."""

    missing: str | None
    metrics: tuple[Metric, ...] = ()
    by_community: pd.DataFrame | None = None  # community, organisations; None when presenting


@dataclass(frozen=True)
class MonitoringSection:
    """Community-led monitoring: open findings, overdue answers, resolved this quarter."""

    metrics: tuple[Metric, ...]
    said: str  # the quarter the third number counts, in words


@dataclass(frozen=True)
class OverviewView:
    """Everything the Overview shows, section by section."""

    problems: str | None  # the sheet has values that could not be used (never when presenting)
    indicators: IndicatorsSection | Broken
    election: ElectionSection | Broken
    strategy: StrategySection | Broken
    members: MembersSection | Broken
    monitoring: MonitoringSection | Broken | None = None  # None: the sheet has no findings


def build(
    workbook: Workbook,
    filters: OverviewFilters,
    *,
    lang: str,
    threshold: int,
    today: date,
    presenting: bool,
) -> OverviewView:
    """The Overview of this workbook in ``lang`` (``today`` in Bishkek decides what is late)."""
    problems = None
    if workbook.errors and not presenting:
        problems = tn("overview.problems", lang, len(workbook.errors))
    return OverviewView(
        problems=problems,
        indicators=attempt(
            "indicators", lambda: indicators_section(workbook, lang, threshold, presenting)
        ),
        election=attempt("election", lambda: election_section(workbook, lang, threshold)),
        strategy=attempt("strategy", lambda: strategy_section(workbook, lang, today, presenting)),
        members=attempt("members", lambda: members_section(workbook, lang, presenting)),
        monitoring=attempt("monitoring", lambda: monitoring_section(workbook, lang, today))
        if workbook.has("findings")
        else None,
    )


# --- Key indicators against target --------------------------------------------------------


def change_text(figure: overview.KeyFigure, lang: str) -> str | None:
    """The change since the previous period as ``st.metric`` reads a delta ("+1,2 pp", "-3");
    None when there is none."""
    if figure.change is None:
        return None
    decimals = 0 if figure.unit == "count" else 1
    return fmt_change(figure.change, figure.unit, lang, decimals, for_metric=True)


def target_line(figure: overview.KeyFigure, lang: str) -> str:
    """The line under an indicator: its target and period, and whether the target is met."""
    period = figure.period or "—"
    status = {
        True: t("overview.target_met", lang),
        False: t("overview.target_missed", lang),
    }.get(figure.meets_target, "")
    if figure.rate is None and figure.period is not None:
        status = t("overview.hidden", lang)
    line = (
        t(
            "overview.target",
            lang,
            target=fmt_value(figure.target, figure.unit, lang),
            period=period,
        )
        if figure.target is not None
        else t("overview.no_target", lang, period=period)
    )
    return f"{line} · {status}" if status else line


def key_indicator(figure: overview.KeyFigure, lang: str) -> KeyIndicator:
    """One key figure as a metric and its target line."""
    since = figure.previous_period
    return KeyIndicator(
        Metric(
            for_markdown(figure.name),
            fmt_value(figure.rate, figure.unit, lang) if figure.rate is not None else "—",
            delta=change_text(figure, lang),
            delta_color={True: "normal", False: "inverse"}.get(figure.higher_is_better, "off"),
            delta_description=t("overview.since", lang, period=since) if since else None,
            chart_data=tuple(v for v in figure.trend if v is not None),
        ),
        target_line(figure, lang),
    )


def indicators_section(
    workbook: Workbook, lang: str, threshold: int, presenting: bool
) -> IndicatorsSection:
    """The key indicators, nationally and protected, in catalog order."""
    if not (workbook.has("indicators") and workbook.has("catalog")):
        return IndicatorsSection(missing="indicators")
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    # Worked out once per read (memo.py) and named in each language: only the name differs.
    pooled = memo.shared(
        (indicators, catalog),
        "overview.key_indicators",
        threshold,
        lambda: tuple(overview.key_indicators(indicators, catalog, "en", threshold)),
    )
    figures = [
        replace(figure, name=ind.indicator_info(catalog, figure.indicator, lang).name)
        for figure in pooled
    ]
    return IndicatorsSection(
        missing=None,
        none=None if figures else t("overview.indicators.none", lang),
        figures=tuple(key_indicator(figure, lang) for figure in figures),
        columns=2 if presenting else 3,
    )


# --- The latest election ------------------------------------------------------------------


def election_section(workbook: Workbook, lang: str, threshold: int) -> ElectionSection:
    """The election the Votes page opens on: the coalition's candidate, else the leader."""
    if not (workbook.has("elections") and workbook.has("votes")):
        return ElectionSection(missing="votes")
    elections, votes = workbook["elections"], workbook["votes"]
    # The same in every language: worked out once per read (memo.py), words added below.
    result = memo.shared(
        (elections, votes),
        "overview.latest_election",
        threshold,
        lambda: overview.latest_election(elections, votes, threshold),
    )
    if result is None:
        return ElectionSection(missing=None, none=t("overview.election.none", lang))
    said = [
        t(
            "overview.election.coalition" if result.is_coalition else "overview.election.leader",
            lang,
        )
    ]
    if result.status == "open":
        said.append(t("overview.election.open", lang))
    elif result.elected is not None:
        elected = "overview.election.elected" if result.elected else "overview.election.not_elected"
        said.append(t(elected, lang))
    return ElectionSection(
        missing=None,
        title=for_markdown(result.title),
        date=fmt_date(result.date, lang) if result.date is not None else None,
        metric=Metric(
            t("overview.election.share", lang, name=for_markdown(result.candidate)),
            fmt_percent(result.share, lang) if result.share is not None else "—",
        ),
        said=" ".join(said),
        seats=tn(
            "overview.election.seats",
            lang,
            result.seats_won,
            elections=tn("overview.election.decided", lang, result.elections_decided),
        ),
    )


# --- Strategy progress and what is overdue ------------------------------------------------


def strategy_section(
    workbook: Workbook, lang: str, today: date, presenting: bool
) -> StrategySection:
    """Share done, milestones overdue and in the plan, per status, and the overdue list."""
    if not workbook.has("milestones"):
        return StrategySection(missing="milestones")
    summary = overview.strategy_summary(workbook["milestones"], today)
    done = summary.share_done
    late = summary.overdue
    return StrategySection(
        missing=None,
        metrics=(
            Metric(
                t("overview.strategy.done", lang),
                fmt_percent(done, lang, 0) if done is not None else "—",
            ),
            Metric(t("overview.strategy.overdue", lang), str(len(late))),
            Metric(t("overview.strategy.total", lang), str(summary.milestones)),
        ),
        by_status=" · ".join(
            f"{choice_name(MILESTONE_STATUSES, status, lang)}: {count}"
            for status, count in summary.by_status.items()
            if count
        ),
        none_overdue=t("overview.strategy.none_overdue", lang) if late.empty else None,
        overdue=None if late.empty or presenting else late[list(OVERDUE_COLUMNS)],
    )


# --- Coalition members --------------------------------------------------------------------


def members_section(workbook: Workbook, lang: str, presenting: bool) -> MembersSection:
    """Members and candidates counted, and the members' names by community."""
    if not workbook.has("members"):
        return MembersSection(missing="members")
    members = workbook["members"]
    counts = overview.member_counts(members)
    table = None
    if not presenting:
        table = pd.DataFrame(
            [
                {
                    "community": choice_name(COMMUNITIES, community, lang),
                    "organisations": ", ".join(names),
                }
                for community, names in overview.members_by_community(members).items()
            ]
        )
    return MembersSection(
        missing=None,
        metrics=(
            Metric(t("overview.members.members", lang), str(counts.get("member", 0))),
            Metric(t("overview.members.candidates", lang), str(counts.get("candidate", 0))),
        ),
        by_community=table,
    )


# --- Community-led monitoring -------------------------------------------------------------


def monitoring_section(workbook: Workbook, lang: str, today: date) -> MonitoringSection:
    """The Monitoring page's three numbers for the whole coalition (``utils.analysis.monitoring``:
    counts of the coalition's cases, not of people, so nothing is withheld at this level)."""
    loop = mon.timeline(workbook["findings"], workbook["actions"], today)
    counts = mon.protected_counts(
        {
            "open": len(mon.still_open(loop)),
            "overdue": len(mon.overdue(loop, today)),
            "resolved": len(mon.resolved_this_quarter(loop, today)),
        },
        threshold=mon.cell_threshold(narrowed=False),
    )

    def shown(what: str) -> str:
        row = counts[counts["what"] == what].iloc[0]
        return display_count(
            row["count"],
            bool(row["count_suppressed"]),
            counts.threshold,
            lambda x: fmt_number(x, lang),
        )

    return MonitoringSection(
        metrics=(
            Metric(t("overview.monitoring.open", lang), shown("open")),
            Metric(t("overview.monitoring.overdue", lang), shown("overdue")),
            Metric(t("overview.monitoring.resolved", lang), shown("resolved")),
        ),
        said=t(
            "overview.monitoring.quarter",
            lang,
            start=fmt_date(mon.quarter_start(today), lang),
            today=fmt_date(today, lang),
        ),
    )
