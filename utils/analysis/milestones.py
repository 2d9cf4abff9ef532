"""Milestones of the three-year strategy: what is late, due soon, done by year, what changed.

Pure pandas on the parsed ``milestones`` frame (``utils.sheet.parse``): dates are Timestamps at
midnight, ``status`` is a key of ``contract.MILESTONE_STATUSES``. "Today" is always a parameter
so that every rule can be tested at its boundaries; the app passes ``today_in_bishkek()``.

Date rules, written once here:
- a due date is the last day on which the work may be finished: a milestone due today is
  *due soon* (0 days left), not late; from the next day it is *overdue* (1 day late);
- overdue = due before today and neither done nor cancelled;
- due within N days = still open and due from today to today + N days, both ends included;
- day counts are calendar days (month ends and 29 February count like any other day);
- "today" is the calendar day in Bishkek (UTC+6, no daylight saving): at 20:00 UTC it is
  already tomorrow there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Final, TypeVar

import numpy as np
import pandas as pd

from utils.analysis import privacy
from utils.analysis.privacy import DEFAULT_THRESHOLD, withheld
from utils.sheet.contract import COMMUNITY_PARENT, MILESTONE_STATUSES, MILESTONES, match_tab
from utils.sheet.parse import BISHKEK, parse_workbook
from utils.sheet.regions import NATIONAL_KEY, SUBNATIONAL_KEYS
from utils.sources.base import RawWorkbook

STRATEGY_YEARS: Final = (2025, 2026, 2027)
DUE_SOON_DAYS: Final = (30, 60, 90)
STATUS_ORDER: Final = tuple(choice.key for choice in MILESTONE_STATUSES)
CLOSED: Final = frozenset({"done", "cancelled"})
CHANGE_KINDS: Final = ("completed", "became_overdue", "status", "progress", "due", "new", "removed")
"""Kinds of change between two versions of the sheet, most important first."""

VERDICTS: Final = ("met", "on_course", "behind", "no_data", "no_target")
"""What a linked indicator says: target reached; on the straight line from the value at the
milestone's start to the target at its due date; below that line; no data; no target set."""

T = TypeVar("T")


# --- Today ----------------------------------------------------------------------------------


def bishkek_day(moment: datetime) -> date:
    """The calendar day in Bishkek at ``moment``; a naive time is read as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BISHKEK).date()


def today_in_bishkek(now: datetime | None = None) -> date:
    """Today in Bishkek (``now`` defaults to the clock); the one place the page reads the clock."""
    return bishkek_day(now or datetime.now(UTC))


def _midnight(day: date) -> pd.Timestamp:
    """``day`` as the naive midnight Timestamp the parser uses for dates."""
    return pd.Timestamp(day.year, day.month, day.day)


def is_open(ms: pd.DataFrame) -> pd.Series:
    """True for milestones that are neither done nor cancelled."""
    return ~ms["status"].isin(CLOSED)


# --- Late and due soon ----------------------------------------------------------------------


def overdue(ms: pd.DataFrame, today: date) -> pd.DataFrame:
    """Open milestones due before ``today``, most late first, with ``days_late`` (>= 1)."""
    day = _midnight(today)
    due = ms["due"].dt.normalize()
    late = is_open(ms) & (due < day)
    out = ms[late].assign(days_late=(day - due[late]).dt.days.astype("int64"))
    return out.sort_values(["days_late", "id"], ascending=[False, True]).reset_index(drop=True)


def due_within(ms: pd.DataFrame, today: date, days: int) -> pd.DataFrame:
    """Open milestones due from ``today`` to ``today + days`` inclusive, soonest first, with
    ``days_left`` (0 = due today)."""
    day = _midnight(today)
    due = ms["due"].dt.normalize()
    soon = is_open(ms) & (due >= day) & (due <= day + pd.Timedelta(days=days))
    out = ms[soon].assign(days_left=(due[soon] - day).dt.days.astype("int64"))
    return out.sort_values(["days_left", "id"]).reset_index(drop=True)


# --- Filters --------------------------------------------------------------------------------


def filter_options(ms: pd.DataFrame) -> dict[str, list[str]]:
    """Values each filter can take, in the sheet's order (objectives) or sorted (the rest)."""
    statuses = set(ms["status"].dropna())
    return {
        "objective": list(dict.fromkeys(ms["objective"].dropna())),
        "lead": sorted(set(ms["lead"].dropna()), key=str.casefold),
        "community": sorted(set(ms["community"].dropna()) - {"all"}),
        "status": [key for key in STATUS_ORDER if key in statuses],
    }


def serves(community: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """True where a milestone serves one of ``wanted``: that community, one of its sub-groups,
    or every community ("all"), since work for everyone is work for each group too."""
    wanted = set(wanted)
    parent = community.map(COMMUNITY_PARENT)
    return community.isin(wanted | {"all"}) | parent.isin(wanted)


def filter_milestones(
    ms: pd.DataFrame,
    *,
    objectives: Sequence[str] = (),
    leads: Sequence[str] = (),
    communities: Sequence[str] = (),
    statuses: Sequence[str] = (),
) -> pd.DataFrame:
    """Milestones matching every non-empty selection (an empty selection keeps everything)."""
    keep = pd.Series(True, index=ms.index)
    if objectives:
        keep &= ms["objective"].isin(objectives)
    if leads:
        keep &= ms["lead"].isin(leads)
    if communities:
        keep &= serves(ms["community"], communities)
    if statuses:
        keep &= ms["status"].isin(statuses)
    return privacy.no_people(ms[keep].reset_index(drop=True))


# --- Status and progress --------------------------------------------------------------------


def effective_progress(ms: pd.DataFrame) -> pd.Series:
    """Progress as written; when blank, 100 for done and 0 for not started (else unknown)."""
    progress = ms["progress"].astype("float64")
    progress = progress.mask(progress.isna() & ms["status"].eq("done"), 100.0)
    return progress.mask(progress.isna() & ms["status"].eq("not_started"), 0.0)


def status_summary(ms: pd.DataFrame) -> pd.DataFrame:
    """Milestones per status (every status, in contract order) and their share in percent."""
    counts = ms["status"].value_counts().reindex(STATUS_ORDER, fill_value=0).astype("int64")
    total = int(counts.sum())
    share = counts / total * 100 if total else counts * np.nan
    return privacy.no_people(
        pd.DataFrame(
            {"status": STATUS_ORDER, "milestones": counts.to_numpy(), "share": share.to_numpy()}
        )
    )


def progress_by(ms: pd.DataFrame, by: str, today: date) -> pd.DataFrame:
    """Per objective or lead: milestones (cancelled left out), done, late, mean progress.

    Cancelled milestones are no longer part of the plan, so they neither count nor pull the
    mean down; a blank progress is read as in ``effective_progress``.
    """
    live = ms[ms["status"].ne("cancelled")]
    late_ids = set(overdue(live, today)["id"])
    frame = pd.DataFrame(
        {
            by: live[by].fillna("").to_numpy(),
            "done": live["status"].eq("done").to_numpy(),
            "late": live["id"].isin(late_ids).to_numpy(),
            "progress": effective_progress(live).to_numpy(),
        }
    )
    grouped = frame.groupby(by, sort=False)
    out = pd.DataFrame(
        {
            "milestones": grouped.size(),
            "done": grouped["done"].sum().astype("int64"),
            "late": grouped["late"].sum().astype("int64"),
            "progress": grouped["progress"].mean(),
        }
    ).reset_index()
    if by != "objective":  # objectives keep the sheet's (numbered) order; leads read A-Z
        out = out.sort_values(by, key=lambda s: s.str.casefold()).reset_index(drop=True)
    return privacy.no_people(out)


def share_done(ms: pd.DataFrame) -> float | None:
    """Percent of milestones done, cancelled left out; None when there are none."""
    live = ms[ms["status"].ne("cancelled")]
    return float(live["status"].eq("done").mean() * 100) if len(live) else None


def years_against_plan(
    ms: pd.DataFrame, today: date, years: Sequence[int] = STRATEGY_YEARS
) -> pd.DataFrame:
    """Per strategy year: milestones planned (due that year, cancelled left out), done, the
    share done, and how many of the plan were due by ``today``."""
    live = ms[ms["status"].ne("cancelled")]
    year = live["due"].dt.year
    rows = []
    for y in years:
        planned = live[year == y]
        done = int(planned["status"].eq("done").sum())
        rows.append(
            {
                "year": y,
                "planned": len(planned),
                "done": done,
                "share_done": done / len(planned) * 100 if len(planned) else np.nan,
                "due_by_today": int((planned["due"] < _midnight(today)).sum()),
                "cancelled": int((ms["status"].eq("cancelled") & ms["due"].dt.year.eq(y)).sum()),
            }
        )
    return privacy.no_people(pd.DataFrame(rows))


# --- Computed progress: linked indicators ---------------------------------------------------


def _period_end(start: pd.Series, kind: pd.Series) -> pd.Series:
    """Last day of each period from its first day and kind."""
    months = kind.map({"year": 12, "quarter": 3, "month": 1}).fillna(12).astype(int)
    ends = [
        s + pd.DateOffset(months=int(m)) - pd.Timedelta(days=1)
        for s, m in zip(start, months, strict=True)
    ]
    return pd.Series(ends, index=start.index, dtype="datetime64[ns]")


def _community_rows(rows: pd.DataFrame, community: str | None) -> pd.DataFrame:
    """The rows that speak for ``community``: its own and its sub-groups'; everything when the
    milestone is for all communities or the indicator has no row for it."""
    if community and community != "all":
        mine = rows[serves(rows["community"], [community]) & rows["community"].ne("all")]
        if not mine.empty:
            return mine
    if rows["community"].eq("all").any():
        return rows[rows["community"].eq("all")]
    # A sub-group next to its own parent group would be counted twice: keep the parent.
    present = set(rows["community"])
    return rows[~rows["community"].map(COMMUNITY_PARENT).isin(present)]


def pooled_series(
    indicators: pd.DataFrame,
    indicator: str,
    community: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """One pooled value per period of ``indicator``, oldest first.

    Regions are pooled when the period has any (else the National row is used). Percentages
    and rates are sum of numerators / sum of denominators over the rows that have counts;
    counts are summed; rows that carry only a value are averaged when no row has counts.
    Rows with a count below ``threshold`` are withheld, as on every page (``privacy.withheld``):
    left out, so this figure never differs from Program access's by a hidden count.
    Columns: period, period_end, value, numerator, denominator, rows, rows_pooled, unit.
    """
    rows = indicators[indicators["indicator"].eq(indicator)]
    empty = pd.DataFrame(
        {
            "period": pd.Series(dtype="object"),
            "period_end": pd.Series(dtype="datetime64[ns]"),
            "value": pd.Series(dtype="float64"),
            "numerator": pd.Series(dtype="float64"),
            "denominator": pd.Series(dtype="float64"),
            "rows": pd.Series(dtype="int64"),
            "rows_pooled": pd.Series(dtype="int64"),
            "unit": pd.Series(dtype="object"),
        }
    )
    if rows.empty:
        return empty
    rows = _community_rows(rows, community)
    rows = rows.assign(period_end=_period_end(rows["period_start"], rows["period_kind"]))
    out = []
    for period, group in rows.groupby("period", sort=False):
        sub = group[group["region"].isin(SUBNATIONAL_KEYS)]
        if sub.empty:
            sub = group[group["region"].eq(NATIONAL_KEY)]
        sub = sub[~withheld(sub, ["numerator", "denominator"], threshold)]
        if sub.empty:
            continue
        unit = str(sub["unit"].iloc[0])
        counted = sub[sub["from_counts"].fillna(False).astype(bool)]
        numerator = denominator = np.nan
        if unit == "count":
            value = float(sub["rate"].sum())
            numerator = float(counted["numerator"].sum()) if len(counted) else np.nan
            pooled = len(sub)
        elif len(counted):
            numerator = float(counted["numerator"].sum())
            denominator = float(counted["denominator"].sum())
            value = numerator / denominator * (100 if unit == "percent" else 1)
            pooled = len(counted)
        else:
            value, pooled = float(sub["rate"].mean()), 0
        out.append(
            {
                "period": period,
                "period_end": group["period_end"].iloc[0],
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "rows": len(sub),
                "rows_pooled": pooled,
                "unit": unit,
            }
        )
    if not out:
        return empty
    # On a tie (the year 2025 and its fourth quarter end together) the longer period wins.
    frame = pd.DataFrame(out)
    frame["_rows"] = frame["rows"]
    frame = frame.sort_values(["period_end", "_rows"], kind="stable").drop(columns="_rows")
    return frame.reset_index(drop=True)


def indicator_checks(
    ms: pd.DataFrame,
    indicators: pd.DataFrame,
    catalog: pd.DataFrame,
    today: date,
    *,
    tolerance: float = 0.0,
    threshold: int = DEFAULT_THRESHOLD,
    series_of: Callable[[str, object], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """For each milestone linked to an indicator: its latest pooled value against the target.

    ``series_of(indicator, community)`` gives an indicator's pooled series (default:
    :func:`pooled_series` of ``indicators`` at ``threshold``); a caller that keeps them for a
    read passes its own, so a filter change does not pool them again.

    The expected value today lies on the straight line from the indicator's value at the
    milestone's start (the last period ending on or before it, else the first period) to the
    target at the due date. ``verdict`` is one of ``VERDICTS``; ``flag`` marks a milestone
    stated "on track" whose indicator is behind. ``tolerance`` is in the indicator's unit.
    """
    linked = ms[ms["indicator"].notna()]
    info = catalog.set_index("id") if not catalog.empty else pd.DataFrame()
    day = _midnight(today)
    rows = []
    for m in linked.itertuples(index=False):
        spec = info.loc[m.indicator] if m.indicator in info.index else None
        target = float(spec["target"]) if spec is not None and pd.notna(spec["target"]) else None
        higher = (
            bool(spec["higher_is_better"])
            if spec is not None and pd.notna(spec["higher_is_better"])
            else True
        )
        series = (
            series_of(m.indicator, m.community)
            if series_of is not None
            else pooled_series(indicators, m.indicator, m.community, threshold)
        )
        row: dict[str, object] = {
            "id": m.id,
            "milestone": m.milestone,
            "objective": m.objective,
            "lead": m.lead,
            "status": m.status,
            "progress": m.progress,
            "indicator": m.indicator,
            "unit": spec["unit"] if spec is not None else None,
            "higher_is_better": higher,
            "target": target,
            "period": None,
            "value": np.nan,
            "numerator": np.nan,
            "denominator": np.nan,
            "baseline": np.nan,
            "expected": np.nan,
            "verdict": "no_data",
        }
        if not series.empty:
            latest = series.iloc[-1]
            start = m.start if pd.notna(m.start) else series["period_end"].iloc[0]
            before = series[series["period_end"] <= start]
            baseline = float((before if len(before) else series)["value"].iloc[-1])
            row |= {
                "period": latest["period"],
                "value": float(latest["value"]),
                "numerator": latest["numerator"],
                "denominator": latest["denominator"],
                "baseline": baseline,
            }
        if target is None:
            row["verdict"] = "no_target"
        elif not series.empty:
            span = (m.due - start).days
            elapsed = 1.0 if span <= 0 else min(max((day - start).days / span, 0.0), 1.0)
            expected = baseline + (target - baseline) * elapsed
            value = float(row["value"])  # type: ignore[arg-type]
            sign = 1 if higher else -1
            row["expected"] = expected
            if sign * (value - target) >= 0:
                row["verdict"] = "met"
            elif sign * (value - expected) >= -tolerance:
                row["verdict"] = "on_course"
            else:
                row["verdict"] = "behind"
        rows.append(row)
    out = pd.DataFrame(
        rows,
        columns=[
            "id",
            "milestone",
            "objective",
            "lead",
            "status",
            "progress",
            "indicator",
            "unit",
            "higher_is_better",
            "target",
            "period",
            "value",
            "numerator",
            "denominator",
            "baseline",
            "expected",
            "verdict",
        ],
    )
    out["flag"] = out["status"].eq("on_track") & out["verdict"].eq("behind")
    return out


# --- What changed since the last meeting ----------------------------------------------------


def snapshot_choices(history: Sequence[tuple[datetime, T]], today: date) -> list[tuple[date, int]]:
    """(Bishkek day, index into ``history``) for each earlier day, newest first; the latest
    snapshot of a day stands for that day. The first choice is the previous refresh."""
    latest: dict[date, tuple[datetime, int]] = {}
    for index, (saved_at, _raw) in enumerate(history):
        day = bishkek_day(saved_at)
        aware = saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC)
        if day < today and (day not in latest or aware >= latest[day][0]):
            latest[day] = (aware, index)
    return [(day, latest[day][1]) for day in sorted(latest, reverse=True)]


def milestones_of(raw: RawWorkbook, day: date) -> pd.DataFrame:
    """The parsed milestones tab of a saved raw workbook (other tabs are not parsed)."""
    titles = [title for title in raw if (tab := match_tab(title)) and tab.name == MILESTONES.name]
    subset = {title: raw[title] for title in titles[:1]}
    # Without the catalog the parser drops the indicator links; comparing versions needs none.
    return parse_workbook(subset, today=day)["milestones"]


def compare(
    previous: pd.DataFrame,
    current: pd.DataFrame,
    *,
    then: date,
    today: date,
    keep_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """What changed between two versions of the milestones tab, one row per changed milestone.

    ``then`` is the day of the previous version and ``today`` the day of the current one; each
    is used to judge whether a milestone was overdue in its own version. A boolean column per
    kind in ``CHANGE_KINDS``; ``*_before`` / ``*_now`` columns hold status, progress and due.
    Rows are ordered by the most important change, then id. Compare whole versions and pass
    ``keep_ids`` to show a filtered view: filtering each version first would turn a milestone
    that left the filter (say, by changing status) into a "new" or "removed" one.
    """
    keep = ["id", "objective", "milestone", "lead", "status", "progress", "due"]
    late_then = set(overdue(previous, then)["id"])
    late_now = set(overdue(current, today)["id"])
    merged = previous[keep].merge(
        current[keep], on="id", how="outer", suffixes=("_before", "_now"), indicator=True
    )
    before = merged["_merge"].ne("right_only")
    now = merged["_merge"].ne("left_only")
    both = before & now

    def differs(column: str) -> pd.Series:
        a, b = merged[f"{column}_before"], merged[f"{column}_now"]
        return both & ~((a == b) | (a.isna() & b.isna()))

    out = pd.DataFrame(
        {
            "id": merged["id"],
            "objective": merged["objective_now"].fillna(merged["objective_before"]),
            "milestone": merged["milestone_now"].fillna(merged["milestone_before"]),
            "lead": merged["lead_now"].fillna(merged["lead_before"]),
            "status_before": merged["status_before"],
            "status_now": merged["status_now"],
            "progress_before": merged["progress_before"],
            "progress_now": merged["progress_now"],
            "due_before": merged["due_before"],
            "due_now": merged["due_now"],
            "completed": now & merged["status_now"].eq("done") & merged["status_before"].ne("done"),
            "became_overdue": merged["id"].isin(late_now) & ~merged["id"].isin(late_then),
            "status": differs("status"),
            "progress": differs("progress"),
            "due": differs("due"),
            "new": ~before,
            "removed": ~now,
        }
    )
    kinds = out[list(CHANGE_KINDS)]
    changed = kinds.any(axis=1)
    if keep_ids is not None:
        changed &= out["id"].isin(set(keep_ids))
    out = out[changed].copy()
    out["_rank"] = out[list(CHANGE_KINDS)].to_numpy().argmax(axis=1)
    out = out.sort_values(["_rank", "id"]).drop(columns="_rank")
    return privacy.no_people(out.reset_index(drop=True))


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """How many milestones show each kind of change."""
    return {kind: int(changes[kind].sum()) if kind in changes else 0 for kind in CHANGE_KINDS}


def updated_since(ms: pd.DataFrame, since: date) -> pd.DataFrame:
    """Milestones whose ``last_update`` (as written in the sheet) is after ``since``, newest first."""
    after = ms["last_update"].notna() & (ms["last_update"] > _midnight(since))
    return (
        ms[after].sort_values(["last_update", "id"], ascending=[False, True]).reset_index(drop=True)
    )


def late_by_lead(late: pd.DataFrame) -> Mapping[str, int]:
    """Overdue milestones per lead organisation, most first (ties A-Z)."""
    counts = late["lead"].fillna("").value_counts()
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]).casefold())))
