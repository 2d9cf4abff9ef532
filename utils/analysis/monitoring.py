"""Community-led monitoring (issue 17): from a finding to a fix, and the campaigns beside it.

Pure pandas on the parsed ``findings``, ``actions`` and ``campaigns`` tabs (columns as in
``utils.sheet.contract``; dates are naive midnights, times naive Bishkek wall-clock, rounds the
period labels "2025-Q3", as the parser gives them). "Today" is a calendar day in Bishkek that
the caller passes in (``utils.analysis.milestones.today_in_bishkek``).

The loop, as Ritshidze and ITPC run it: a finding is *found*, *raised* with a duty bearer,
*committed* to, *resolved*, and *verified* at the next round (did the fix hold?).

- A finding's current status is its latest action's ``new_status`` (by date, then by the order
  of the rows in the sheet, since the tab is append-only); else the status on its row.
- A *response* is an action that records the duty bearer's answer (``response`` written) or
  moves the finding to committed or resolved: a duty bearer that commits has answered.
- A finding is *overdue* when its response was due before today, it is still open or raised,
  and no response is recorded.

Privacy (``docs/PRIVACY.md``). ``people_affected`` counts people: it leaves here only through
``privacy.suppress``. Counts of findings in a cell of a breakdown by region, category or
community (the scorecard and its map, and every count of a page narrowed to a region or a
community) are suppressed with the deployment's threshold too (``cell_threshold``). Counts of
the whole coalition's findings by stage, status or duty bearer count the coalition's cases
against institutions, not people; they pass the same ``suppress`` with a threshold of 1 (which
hides nothing) so every frame a builder takes is a ``privacy.Protected``. Lists of single
findings carry no count and are certified with ``privacy.no_people``.

Campaign rows are readings of a counter: ``reach`` is the views (or reach) a channel showed
at ``time``, so far. A campaign's cumulative reach at a moment is the sum over its channels of
each channel's latest reading by then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from utils.analysis import privacy
from utils.sheet.contract import DEFAULT_THRESHOLD, normalise_id

ROW: Final = "_row"
"""The sheet row the parser keeps on every record (``utils.sheet.parse.ROW``)."""

STATUSES: Final = ("open", "raised", "committed", "resolved", "escalated", "closed")
"""Status keys, in the order a finding moves through them (escalated: not resolved)."""
WAITING: Final = frozenset({"open", "raised"})
"""Statuses in which a finding waits for the duty bearer's first answer."""
UNRESOLVED: Final = frozenset({"open", "raised", "committed", "escalated"})
"""Statuses of a finding that still needs work (resolved and closed do not)."""
ANSWERING: Final = frozenset({"committed", "resolved"})
"""A new status that is itself the duty bearer's answer."""
CATEGORIES: Final = ("stockout", "service_closed", "refusal", "police", "quality", "other")
STAGES: Final = ("found", "raised", "committed", "resolved", "verified")
"""The funnel, each stage including the ones after it."""

_STAGE_OF_STATUS: Final = {
    "open": 0,
    "raised": 1,
    "escalated": 1,
    "committed": 2,
    "resolved": 3,
    "closed": 0,
}


def _day(value: object) -> pd.Timestamp:
    """A date or day as the naive midnight the parser uses."""
    stamp = pd.Timestamp(value)
    return pd.Timestamp(stamp.year, stamp.month, stamp.day)


def _written(values: pd.Series) -> pd.Series:
    """True where a text cell holds something."""
    return values.fillna("").astype(str).str.strip().ne("")


# --- Current status ----------------------------------------------------------------------


def ordered_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions in the order they happened: by date, then by sheet row (append-only)."""
    by = [c for c in ("date", ROW) if c in actions.columns]
    return actions.sort_values(by, kind="stable", na_position="last") if by else actions


def current_status(findings: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """``findings`` with each one's status now: its latest action's ``new_status``, else its row's.

    Adds ``sheet_status`` (the row's own status), ``status_from`` ("action" or "sheet"),
    ``last_action`` (the date of its latest action, NaT without one) and ``disagrees`` (True
    when the latest action's new status differs from the row's: a Sheet health warning; the
    action wins, being the later record).
    """
    out = findings.copy()
    out["sheet_status"] = out["status"]
    ordered = ordered_actions(actions)
    known = ordered[ordered["finding_id"].isin(set(out["id"]))]
    last_date = known.groupby("finding_id")["date"].max()
    stated = known[_written(known["new_status"])]
    latest = stated.groupby("finding_id")["new_status"].last()
    from_action = out["id"].map(latest)
    out["status"] = from_action.where(from_action.notna(), out["sheet_status"])
    out["status_from"] = np.where(from_action.notna(), "action", "sheet")
    out["last_action"] = pd.to_datetime(out["id"].map(last_date))
    out["disagrees"] = (
        from_action.notna() & out["sheet_status"].notna() & (from_action != out["sheet_status"])
    )
    return out


@dataclass(frozen=True)
class Inconsistency:
    """Something in the actions tab the page uses with care, with the rows it concerns."""

    code: str  # "unknown_finding" | "status_disagrees" | "before_found"
    finding_ids: tuple[str, ...]


def inconsistencies(findings: pd.DataFrame, actions: pd.DataFrame) -> list[Inconsistency]:
    """Actions naming a finding the findings tab lacks, latest statuses that contradict the
    row, and actions dated before their finding was found (each listed once, in sheet order)."""
    found: list[Inconsistency] = []
    ids = set(findings["id"].dropna())
    unknown = actions.loc[~actions["finding_id"].isin(ids), "finding_id"].dropna()
    if len(unknown):
        found.append(Inconsistency("unknown_finding", tuple(dict.fromkeys(unknown.astype(str)))))
    now = current_status(findings, actions)
    disagree = now.loc[now["disagrees"], "id"]
    if len(disagree):
        found.append(Inconsistency("status_disagrees", tuple(disagree.astype(str))))
    dated = actions.merge(
        findings[["id", "date_found"]], left_on="finding_id", right_on="id", how="inner"
    )
    early = dated.loc[dated["date"] < dated["date_found"], "finding_id"]
    if len(early):
        found.append(Inconsistency("before_found", tuple(dict.fromkeys(early.astype(str)))))
    return found


# --- Filters -----------------------------------------------------------------------------


def filter_options(findings: pd.DataFrame) -> dict[str, list[str]]:
    """The values the page's filters offer: those present in the findings, in a stable order."""

    def present(column: str, order: Sequence[str] | None = None) -> list[str]:
        values = {str(v) for v in findings[column].dropna() if str(v).strip()}
        if order is not None:
            return [v for v in order if v in values] + sorted(values - set(order))
        return sorted(values)

    return {
        "region": present("region"),
        "community": present("community"),
        "category": present("category", CATEGORIES),
        "duty_bearer": present("duty_bearer"),
        "status": list(STATUSES),
        "round": present("round"),
    }


def filter_findings(
    findings: pd.DataFrame,
    *,
    regions: Iterable[str] = (),
    communities: Iterable[str] = (),
    categories: Iterable[str] = (),
    duty_bearers: Iterable[str] = (),
    statuses: Iterable[str] = (),
    rounds: Iterable[str] = (),
) -> pd.DataFrame:
    """The findings matching every non-empty filter (``statuses`` on the current status)."""
    keep = pd.Series(True, index=findings.index)
    for column, wanted in (
        ("region", regions),
        ("community", communities),
        ("category", categories),
        ("duty_bearer", duty_bearers),
        ("status", statuses),
        ("round", rounds),
    ):
        chosen = set(wanted)
        if chosen:
            keep &= findings[column].isin(chosen)
    return findings[keep]


def cell_threshold(narrowed: bool, threshold: int = DEFAULT_THRESHOLD) -> int:
    """The threshold for counts of findings: the deployment's when the page is narrowed to a
    region or community (each count is then a cell of that breakdown), else 1 (module doc)."""
    return threshold if narrowed else 1


# --- Responses and the loop's lists ------------------------------------------------------


def responses(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions that are a duty bearer's answer (module docstring), in order."""
    answered = _written(actions["response"]) | actions["new_status"].isin(ANSWERING)
    return ordered_actions(actions[answered])


def timeline(findings: pd.DataFrame, actions: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per finding (current status applied) with the loop's dates and day counts.

    Adds ``first_response`` (the first answer's date), ``resolved_on`` (``date_resolved``, else
    the date of the first action that resolved it), ``days_to_response`` and
    ``days_to_resolution`` (from ``date_raised``; NaN until then), ``waiting_days`` (days since
    it was raised, for one still waiting for an answer) and ``stage`` (index into ``STAGES``).
    """
    now = current_status(findings, actions)
    ordered = ordered_actions(actions)
    first_answer = responses(ordered).groupby("finding_id")["date"].min()
    resolving = ordered[ordered["new_status"] == "resolved"].groupby("finding_id")["date"].min()
    now["first_response"] = pd.to_datetime(now["id"].map(first_answer))
    resolved_on = pd.to_datetime(now["date_resolved"])
    now["resolved_on"] = resolved_on.where(
        resolved_on.notna(), pd.to_datetime(now["id"].map(resolving))
    )
    raised = pd.to_datetime(now["date_raised"])
    now["days_to_response"] = (now["first_response"] - raised).dt.days.clip(lower=0)
    ended = now["status"].isin({"resolved"})
    now["days_to_resolution"] = (now["resolved_on"] - raised).dt.days.clip(lower=0).where(ended)
    waiting = raised.notna() & now["first_response"].isna() & now["status"].isin(UNRESOLVED)
    waiting &= ~now["status"].isin(ANSWERING)
    now["waiting_response"] = waiting
    now["waiting_days"] = (_day(today) - raised).dt.days.where(waiting)
    now["stage"] = _stages(now, ordered)
    return now


def _stages(now: pd.DataFrame, ordered: pd.DataFrame) -> pd.Series:
    """The furthest stage each finding reached, by any status it ever had or date it has."""
    ever: dict[str, int] = {}
    for fid, status in zip(ordered["finding_id"], ordered["new_status"], strict=True):
        if isinstance(status, str) and status in _STAGE_OF_STATUS:
            ever[fid] = max(ever.get(fid, 0), _STAGE_OF_STATUS[status])
    stage = now["id"].map(ever).fillna(0).astype(int)
    stage = np.maximum(stage, now["sheet_status"].map(_STAGE_OF_STATUS).fillna(0).astype(int))
    stage = np.maximum(stage, now["status"].map(_STAGE_OF_STATUS).fillna(0).astype(int))
    stage = np.where(now["date_raised"].notna(), np.maximum(stage, 1), stage)
    stage = np.where(now["resolved_on"].notna(), np.maximum(stage, 3), stage)
    held = now["verified_held"].astype("boolean").fillna(False).astype(bool)
    stage = np.where(held & (stage >= 3), 4, stage)
    return pd.Series(stage, index=now.index, dtype=int)


def overdue(loop: pd.DataFrame, today: date) -> pd.DataFrame:
    """Findings whose answer was due before today, still open or raised, with no answer:
    oldest due date first, with ``days_overdue``. ``loop`` is :func:`timeline`'s frame."""
    due = pd.to_datetime(loop["response_due"])
    late = (
        due.notna()
        & (due < _day(today))
        & loop["status"].isin(WAITING)
        & loop["first_response"].isna()
    )
    out = loop[late].copy()
    out["days_overdue"] = (_day(today) - pd.to_datetime(out["response_due"])).dt.days
    return out.sort_values(["response_due", "date_found", "id"], kind="stable")


def still_open(loop: pd.DataFrame) -> pd.DataFrame:
    """Findings that still need work (status open, raised, committed or escalated)."""
    return loop[loop["status"].isin(UNRESOLVED)]


def must_respond(loop: pd.DataFrame, *, threshold: int) -> privacy.Protected:
    """Unresolved findings per duty bearer, most first: ``duty_bearer``, ``count`` and
    ``waiting_count`` (of them, still without an answer), suppressed at ``threshold``."""
    open_ = still_open(loop)
    table = (
        open_.assign(
            duty_bearer=open_["duty_bearer"].fillna(""),
            waiting=open_["waiting_response"].astype(int),
        )
        .groupby("duty_bearer", sort=False)
        .agg(count=("id", "size"), waiting_count=("waiting", "sum"))
        .reset_index()
        .sort_values(["count", "duty_bearer"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    return privacy.suppress(table, count_cols=["count", "waiting_count"], threshold=threshold)


def resolved_since(
    loop: pd.DataFrame, since: date, earlier: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Findings resolved since ``since`` (the last meeting), newest first.

    With ``earlier`` (the findings of the copy saved at that meeting, current status applied)
    a finding counts when it is resolved now and was not then; without it, when it is resolved
    now and its resolution is dated on or after ``since``.
    """
    resolved = loop[loop["status"] == "resolved"]
    if earlier is not None:
        before = set(earlier.loc[earlier["status"] == "resolved", "id"])
        chosen = resolved[~resolved["id"].isin(before)]
    else:
        chosen = resolved[resolved["resolved_on"] >= _day(since)]
    return chosen.sort_values(["resolved_on", "id"], ascending=[False, True], kind="stable")


def did_not_hold(loop: pd.DataFrame) -> pd.DataFrame:
    """Findings whose fix was checked at a later round and had not held, newest check first."""
    held = loop["verified_held"].astype("boolean")
    failed = loop[held.eq(False).fillna(False).astype(bool)]
    return failed.sort_values(["verified_round", "id"], ascending=[False, True], kind="stable")


def story(finding_id: str, actions: pd.DataFrame) -> pd.DataFrame:
    """One finding's actions in the order they happened."""
    return ordered_actions(actions[actions["finding_id"] == finding_id]).reset_index(drop=True)


# --- Numbers for figures and tables --------------------------------------------------------


def funnel(loop: pd.DataFrame, *, threshold: int) -> privacy.Protected:
    """How many findings reached each stage (``stage``, ``count``), suppressed at ``threshold``."""
    reached = [int((loop["stage"] >= i).sum()) for i in range(len(STAGES))]
    frame = pd.DataFrame({"stage": list(STAGES), "count": reached})
    return privacy.suppress(frame, count_cols=["count"], threshold=threshold)


@dataclass(frozen=True)
class Speed:
    """Days to the first answer and to resolution for one duty bearer, with who still waits."""

    duty_bearer: str
    raised: int
    answered: int
    median_response: float | None  # of the answered only
    waiting: int  # raised, no answer yet
    longest_wait: int | None  # days, of those still waiting
    resolved: int
    median_resolution: float | None  # of the resolved only


def response_speed(loop: pd.DataFrame) -> list[Speed]:
    """Per duty bearer (slowest answer first, those who never answer at the top): medians over
    the findings that have the date, and how many raised findings are still waiting."""
    raised = loop[loop["date_raised"].notna()]
    speeds: list[Speed] = []
    for bearer, rows in raised.groupby(raised["duty_bearer"].fillna(""), sort=True):
        answered = rows["days_to_response"].dropna()
        resolved = rows["days_to_resolution"].dropna()
        waiting = rows[rows["waiting_response"]]
        speeds.append(
            Speed(
                duty_bearer=str(bearer),
                raised=len(rows),
                answered=len(answered),
                median_response=float(answered.median()) if len(answered) else None,
                waiting=len(waiting),
                longest_wait=int(waiting["waiting_days"].max()) if len(waiting) else None,
                resolved=len(resolved),
                median_resolution=float(resolved.median()) if len(resolved) else None,
            )
        )
    return sorted(
        speeds,
        key=lambda s: (
            s.median_response is not None,
            -(s.median_response or 0),
            -s.waiting,
            s.duty_bearer,
        ),
    )


def speed_frame(speeds: Sequence[Speed], *, threshold: int) -> privacy.Protected:
    """:func:`response_speed` as a protected frame for a figure or a table."""
    frame = pd.DataFrame(
        [vars(s) for s in speeds],
        columns=[
            "duty_bearer",
            "raised",
            "answered",
            "median_response",
            "waiting",
            "longest_wait",
            "resolved",
            "median_resolution",
        ],
    )
    counts = ["raised", "answered", "waiting", "resolved"]
    frame = frame.rename(columns={c: f"{c}_count" for c in counts})
    return privacy.suppress(frame, count_cols=[f"{c}_count" for c in counts], threshold=threshold)


def previous_quarter(label: str) -> str | None:
    """The quarter before a "2025-Q3" label ("2025-Q2"); None for a label that is no quarter."""
    try:
        year, quarter = label.split("-Q")
        y, q = int(year), int(quarter)
    except (AttributeError, ValueError):
        return None
    if not 1 <= q <= 4:
        return None
    return f"{y - 1}-Q4" if q == 1 else f"{y}-Q{q - 1}"


def scorecard(
    findings: pd.DataFrame, round_: str, *, regions: Sequence[str], threshold: int
) -> privacy.Protected:
    """Findings by region × category in ``round_`` against the quarter before, suppressed.

    One row per region of ``regions`` and category, plus a row per region with category "all"
    (its total over categories, which the map shows). Columns: ``count`` (findings found in
    the round), ``count_before`` (in the quarter before), ``change`` (their difference, hidden
    with either), ``people`` (people affected, summed over the round). Cells below
    ``threshold`` are hidden, and complementary cells so that no hidden cell can be worked out
    from its region's total.
    """
    before = previous_quarter(round_)
    rows: list[dict[str, object]] = []
    for region in regions:
        mine = findings[findings["region"] == region]
        for category in (*CATEGORIES, "all"):
            cell = mine if category == "all" else mine[mine["category"] == category]
            now = cell[cell["round"] == round_]
            then = cell[cell["round"] == before] if before else cell.iloc[0:0]
            people = pd.to_numeric(now["people_affected"], errors="coerce")
            rows.append(
                {
                    "region": region,
                    "category": category,
                    "count": len(now),
                    "count_before": len(then),
                    "change": len(now) - len(then),
                    "people": float(people.sum()) if people.notna().any() else np.nan,
                }
            )
    frame = pd.DataFrame(
        rows, columns=["region", "category", "count", "count_before", "change", "people"]
    )
    return privacy.suppress(
        frame,
        count_cols=["count", "count_before", "people"],
        rate_cols={"change": ["count", "count_before"]},
        groups=[privacy.Group(("region",), ("category", "all"))],
        threshold=threshold,
    )


def finding_list(frame: pd.DataFrame) -> privacy.Protected:
    """Single findings for a list or a story, without their people count (``no_people``)."""
    return privacy.no_people(frame.drop(columns=["people_affected"], errors="ignore"))


# --- Campaign reach ----------------------------------------------------------------------


def campaign_reach(campaigns: pd.DataFrame) -> pd.DataFrame:
    """Cumulative reach of each campaign at each reading: ``campaign``, ``time``, ``reach``
    (the sum over its channels of each one's latest reading by then), ``target`` (the largest
    target written for the campaign; NaN without one). Oldest first within each campaign."""
    rows: list[dict[str, object]] = []
    ordered = campaigns.dropna(subset=["time", "reach"]).sort_values(
        [c for c in ("campaign", "time", ROW) if c in campaigns.columns], kind="stable"
    )
    for name, mine in ordered.groupby("campaign", sort=False):
        targets = pd.to_numeric(mine["target"], errors="coerce")
        target = float(targets.max()) if targets.notna().any() else np.nan
        latest: dict[str, float] = {}
        for moment, batch in mine.groupby("time", sort=True):
            for channel, reach in zip(batch["channel"].fillna(""), batch["reach"], strict=True):
                latest[str(channel)] = float(reach)
            rows.append(
                {"campaign": name, "time": moment, "reach": sum(latest.values()), "target": target}
            )
    return pd.DataFrame(rows, columns=["campaign", "time", "reach", "target"])


@dataclass(frozen=True)
class Passing:
    """When a campaign's cumulative reach first reached its target."""

    campaign: str
    target: float
    start: pd.Timestamp  # its first reading
    at: pd.Timestamp
    reach: float  # the cumulative reach at that reading
    elapsed: pd.Timedelta


def target_passed(reach: pd.DataFrame, campaign: str) -> Passing | None:
    """The first reading at which ``campaign`` reached its target; None without one or never."""
    mine = reach[reach["campaign"] == campaign].sort_values("time")
    if mine.empty or pd.isna(mine["target"].iloc[0]):
        return None
    target = float(mine["target"].iloc[0])
    hit = mine[mine["reach"] >= target]
    if hit.empty:
        return None
    first = hit.iloc[0]
    start = pd.Timestamp(mine["time"].iloc[0])
    at = pd.Timestamp(first["time"])
    return Passing(str(campaign), target, start, at, float(first["reach"]), at - start)


def protected_reach(reach: pd.DataFrame, *, threshold: int) -> privacy.Protected:
    """:func:`campaign_reach` with a reach below ``threshold`` (a small event) hidden."""
    return privacy.suppress(reach, count_cols=["reach"], threshold=threshold)


def protected_counts(counts: dict[str, int], *, threshold: int) -> privacy.Protected:
    """Headline counts (``what``, ``count``) suppressed at ``threshold``: a sentence's numbers
    pass the same rule as a table's."""
    frame = pd.DataFrame({"what": list(counts), "count": [int(v) for v in counts.values()]})
    return privacy.suppress(frame, count_cols=["count"], threshold=threshold)


def quarter_start(day: date) -> date:
    """The first day of ``day``'s calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def resolved_this_quarter(loop: pd.DataFrame, today: date) -> pd.DataFrame:
    """Findings resolved now whose resolution is dated in today's quarter (Bishkek calendar)."""
    start = _day(quarter_start(today))
    resolved = loop[loop["status"] == "resolved"]
    return resolved[(resolved["resolved_on"] >= start) & (resolved["resolved_on"] <= _day(today))]


def by_milestone(loop: pd.DataFrame) -> dict[str, tuple[tuple[str, str], ...]]:
    """The findings linked to each milestone: its id folded as the contract folds ids (so
    "m-05" finds "M-05") -> ((finding id, current status), ...), unresolved first, then by id."""
    linked = loop[loop["milestone_id"].notna() & _written(loop["milestone_id"])]
    linked = linked.assign(
        _open=~linked["status"].isin(UNRESOLVED), _key=linked["milestone_id"].map(normalise_id)
    ).sort_values(["_open", "id"], kind="stable")
    return {
        str(key): tuple(zip(rows["id"].astype(str), rows["status"].astype(str), strict=True))
        for key, rows in linked.groupby("_key", sort=True)
    }
