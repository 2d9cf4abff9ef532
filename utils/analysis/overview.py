"""The few numbers the Overview shows, each computed by the area's own metrics module.

Pure pandas, no Streamlit. Indicators are pooled nationally the way the Program access page
pools them (sum of numerators over sum of denominators, through ``utils.analysis.indicators``)
and read from the small-number-protected cube, so the Overview never shows what that page hides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from utils.analysis import indicators as ind
from utils.analysis import milestones as ms_metrics
from utils.analysis import votes as votes_metrics
from utils.analysis.privacy import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class KeyFigure:
    """One indicator pooled over every region and community, against its target."""

    indicator: str
    name: str
    unit: str
    period: str | None
    rate: float | None  # None when there is no figure or it is hidden
    target: float | None
    higher_is_better: bool | None
    meets_target: bool | None
    previous_period: str | None
    change: float | None  # rate minus the previous period's
    trend: tuple[float | None, ...] = field(default_factory=tuple)  # oldest first


@dataclass(frozen=True)
class StrategySummary:
    """Where the strategy stands: milestones, share done, per status, and what is late."""

    milestones: int
    share_done: float | None
    by_status: dict[str, int]
    overdue: pd.DataFrame  # id, milestone, lead, due, status, days_late; most late first


@dataclass(frozen=True)
class ElectionSummary:
    """The latest election: its headline candidate, their share and whether they won."""

    election: str
    title: str
    date: pd.Timestamp | None
    status: str | None
    candidate: str | None
    share: float | None  # None when hidden or absent
    elected: bool | None  # None while voting is open or with no votes
    is_coalition: bool
    seats_won: int
    elections_decided: int


def _number(value: object) -> float | None:
    """A float, or None for missing values."""
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def key_figure(
    indicators: pd.DataFrame,
    catalog: pd.DataFrame,
    indicator: str,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
) -> KeyFigure:
    """One indicator pooled nationally, its latest period, change and trend (protected)."""
    info = ind.indicator_info(catalog, indicator, lang)
    selection = ind.select_rows(indicators, indicator)
    cube = ind.protected_cube(selection.rows, info.unit, threshold)
    pooled = ind.totals(cube)
    period = ind.latest_period(cube)
    rate = change = previous = None
    if period is not None:
        periods = pooled["period"].tolist()
        now, previous, change = ind.latest_vs_previous(cube, periods, period)
        rate = _number(now["rate"])
    gap = ind.shortfall(rate, info.target, info.higher_is_better) if rate is not None else None
    return KeyFigure(
        indicator=indicator,
        name=info.name,
        unit=info.unit,
        period=period,
        rate=rate,
        target=info.target,
        higher_is_better=info.higher_is_better,
        meets_target=None if gap is None else gap <= 0,
        previous_period=previous,
        change=change,
        trend=tuple(_number(v) for v in pooled["rate"]),
    )


def key_indicators(
    indicators: pd.DataFrame,
    catalog: pd.DataFrame,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    limit: int = 6,
) -> list[KeyFigure]:
    """Indicators with a target and data, in catalog order, pooled nationally."""
    with_target = set(catalog.loc[catalog["target"].notna(), "id"])
    chosen = [i for i in ind.indicator_options(catalog, indicators) if i in with_target]
    return [key_figure(indicators, catalog, i, lang, threshold) for i in chosen[:limit]]


def strategy_summary(milestones: pd.DataFrame, today: date) -> StrategySummary:
    """Milestones counted per status, the share done and the overdue ones."""
    summary = ms_metrics.status_summary(milestones)
    late = ms_metrics.overdue(milestones, today)
    return StrategySummary(
        milestones=len(milestones),
        share_done=ms_metrics.share_done(milestones),
        by_status=dict(zip(summary["status"], summary["milestones"].astype(int), strict=True)),
        overdue=late[["id", "milestone", "lead", "due", "status", "days_late"]],
    )


def latest_election(
    elections: pd.DataFrame, votes: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD
) -> ElectionSummary | None:
    """The election the Votes page opens on (the latest decided one with votes, else the latest
    with votes): the coalition's candidate, else the leader."""
    record = votes_metrics.coalition_record(elections, votes, threshold=threshold)
    won, decided = votes_metrics.seats_won(record)
    first = votes_metrics.default_election(elections, votes)
    ordered = votes_metrics.election_ids(elections)
    for election in sorted(ordered, key=lambda e: e != first):  # stable: first, then by date
        rounds = votes_metrics.rounds_of(votes, election)
        if not rounds:
            continue
        result = votes_metrics.round_result(
            elections,
            votes,
            election_id=election,
            round_no=rounds[-1],
            threshold=threshold,
            compare=False,
        )
        name = votes_metrics.story_candidate(result)
        row = result.candidates[result.candidates["candidate"] == name].iloc[0]
        is_open = result.counting  # nobody is elected while the count goes on
        return ElectionSummary(
            election=election,
            title=result.election.title,
            date=result.election.date,
            status=result.election.status,
            candidate=name,
            share=_number(row["share"]),
            elected=None if is_open else bool(row["elected"]),
            is_coalition=bool(row["community"]),
            seats_won=won,
            elections_decided=decided,
        )
    return None


def member_counts(members: pd.DataFrame) -> dict[str, int]:
    """Organisations per role (member, candidate, secretariat), roles without one left out."""
    counts = members["role"].fillna("member").value_counts()
    return {str(role): int(n) for role, n in counts.items()}


def members_by_community(members: pd.DataFrame, role: str = "member") -> dict[str, list[str]]:
    """Organisation names of one role per community, in the sheet's order."""
    chosen = members[members["role"].fillna("member") == role]
    out: dict[str, list[str]] = {}
    for community, name in zip(
        chosen["community"].fillna("all"), chosen["organisation"], strict=True
    ):
        out.setdefault(str(community), []).append(str(name))
    return out
