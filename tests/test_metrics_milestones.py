"""Milestone metrics: late and due-soon arithmetic at its boundaries, filters, summaries, the
indicator checks and the change report between two hand-made versions of the sheet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest

from data.make_sample import build_sample
from data.sample_history import MEETINGS, sample_history, version_at
from utils.analysis import milestones as m
from utils.sheet.parse import parse_workbook

HEADER = ["id", "objective", "milestone", "lead", "community", "start", "due", "status",
          "progress", "last_update", "indicator"]  # fmt: skip


def frame(*rows: tuple) -> pd.DataFrame:
    """A parsed-like milestones frame from (id, due, status[, progress, lead, community, ...])."""
    records = []
    for row in rows:
        rid, due, status, *rest = row
        progress = rest[0] if len(rest) > 0 else None
        lead = rest[1] if len(rest) > 1 else "Org A"
        community = rest[2] if len(rest) > 2 else "all"
        objective = rest[3] if len(rest) > 3 else "1. Objective"
        records.append(
            {
                "id": rid,
                "objective": objective,
                "milestone": f"Milestone {rid}",
                "lead": lead,
                "community": community,
                "start": pd.Timestamp(due) - pd.Timedelta(days=100),
                "due": pd.Timestamp(due),
                "status": status,
                "progress": float("nan") if progress is None else float(progress),
                "last_update": pd.NaT,
                "indicator": None,
            }
        )
    out = pd.DataFrame.from_records(records)
    out["last_update"] = pd.to_datetime(out["last_update"])
    return out


# --- Today in Bishkek --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2025, 6, 30, 17, 59, tzinfo=UTC), date(2025, 6, 30)),  # 23:59 in Bishkek
        (datetime(2025, 6, 30, 18, 0, tzinfo=UTC), date(2025, 7, 1)),  # 00:00 in Bishkek
        (datetime(2026, 11, 27, 20, 55), date(2026, 11, 28)),  # naive = UTC
        (datetime(2028, 2, 28, 18, 30, tzinfo=UTC), date(2028, 2, 29)),  # into the leap day
        (datetime(2028, 2, 29, 18, 0, tzinfo=UTC), date(2028, 3, 1)),  # out of it
        (datetime(2027, 12, 31, 18, 0, tzinfo=UTC), date(2028, 1, 1)),  # new year first there
        (datetime(2025, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=6))), date(2025, 1, 1)),
        (datetime(2025, 1, 1, 5, 0, tzinfo=timezone(timedelta(hours=-5))), date(2025, 1, 1)),
    ],
)
def test_today_in_bishkek(now: datetime, expected: date) -> None:
    assert m.today_in_bishkek(now) == expected


# --- Overdue and due soon --------------------------------------------------------------------

# (today, due, status, days_late or None, days_left or None, within 30 days)
BOUNDARIES = [
    ("2025-05-10", "2025-05-10", "on_track", None, 0, True),  # due today: not late yet
    ("2025-05-11", "2025-05-10", "on_track", 1, None, False),  # the day after: 1 day late
    ("2025-05-09", "2025-05-10", "at_risk", None, 1, True),
    ("2025-05-10", "2025-06-09", "on_track", None, 30, True),  # exactly 30 days: included
    ("2025-05-10", "2025-06-10", "on_track", None, 31, False),  # 31 days: not
    ("2025-01-31", "2025-03-02", "not_started", None, 30, True),  # month end, common year
    ("2028-01-31", "2028-03-01", "not_started", None, 30, True),  # month end, leap year
    ("2028-01-31", "2028-03-02", "not_started", None, 31, False),
    ("2028-01-30", "2028-02-29", "on_track", None, 30, True),  # due on the leap day
    ("2028-02-28", "2028-02-29", "on_track", None, 1, True),
    ("2028-02-29", "2028-02-29", "on_track", None, 0, True),
    ("2028-03-01", "2028-02-29", "on_track", 1, None, False),
    ("2029-03-01", "2028-02-29", "delayed", 366, None, False),  # a year later, across no leap day
    ("2025-03-01", "2024-02-29", "delayed", 366, None, False),  # a leap year's worth of days
    ("2025-12-31", "2025-01-01", "delayed", 364, None, False),
    ("2026-01-01", "2025-12-31", "at_risk", 1, None, False),  # across the new year
    ("2025-06-01", "2025-05-31", "done", None, None, False),  # done: never late
    ("2025-06-01", "2025-05-31", "cancelled", None, None, False),  # cancelled: never late
    ("2025-05-01", "2025-05-31", "done", None, None, False),  # done: not "due soon" either
]


@pytest.mark.parametrize(("today", "due", "status", "late", "left", "in30"), BOUNDARIES)
def test_overdue_and_due_soon_boundaries(
    today: str, due: str, status: str, late: int | None, left: int | None, in30: bool
) -> None:
    ms = frame(("m-1", due, status))
    day = date.fromisoformat(today)
    overdue = m.overdue(ms, day)
    soon = m.due_within(ms, day, 366)
    assert (overdue["days_late"].tolist() or [None])[0] == late
    assert (soon["days_left"].tolist() or [None])[0] == left
    assert (len(m.due_within(ms, day, 30)) == 1) is in30
    assert not (late is not None and left is not None), "a milestone is late or due, not both"


def test_bishkek_midnight_decides_what_is_late() -> None:
    """At 20:55 UTC on 27 Nov it is already 28 Nov in Bishkek: a milestone due on the 27th is late
    there, while a UTC calendar would still call it due today."""
    ms = frame(("m-10", "2026-11-27", "at_risk"))
    now = datetime(2026, 11, 27, 20, 55, tzinfo=UTC)
    assert m.overdue(ms, m.today_in_bishkek(now))["days_late"].tolist() == [1]
    assert m.overdue(ms, now.date()).empty
    assert m.due_within(ms, now.date(), 30)["days_left"].tolist() == [0]
    before_midnight = datetime(2026, 11, 27, 17, 59, tzinfo=UTC)
    assert m.overdue(ms, m.today_in_bishkek(before_midnight)).empty


def test_overdue_order_and_due_soon_order() -> None:
    ms = frame(
        ("m-3", "2025-04-01", "delayed"),
        ("m-1", "2025-01-01", "at_risk"),
        ("m-2", "2025-04-01", "on_track"),
        ("m-4", "2025-06-20", "on_track"),
        ("m-5", "2025-06-10", "on_track"),
    )
    today = date(2025, 6, 1)
    assert m.overdue(ms, today)["id"].tolist() == ["m-1", "m-2", "m-3"]  # most late, then id
    assert m.due_within(ms, today, 30)["id"].tolist() == ["m-5", "m-4"]  # soonest first


@pytest.mark.parametrize(
    ("today", "overdue", "within"),
    [
        # data/README.md, "Milestones as of 2026-11-27"
        (date(2026, 11, 27), ["M-01", "M-08", "M-11", "M-17", "M-23", "M-27", "M-32"],
         {30: 3, 60: 6, 90: 8}),
        # A day later in Bishkek, M-10 (due on the 27th) has become late.
        (date(2026, 11, 28), ["M-01", "M-08", "M-10", "M-11", "M-17", "M-23", "M-27", "M-32"],
         {30: 2, 60: 5, 90: 7}),
    ],
)  # fmt: skip
def test_sample_answers(today: date, overdue: list[str], within: dict[int, int]) -> None:
    ms = parse_workbook(build_sample(), today=today)["milestones"]
    assert sorted(m.overdue(ms, today)["id"]) == overdue
    assert {d: len(m.due_within(ms, today, d)) for d in m.DUE_SOON_DAYS} == within


# --- Filters and summaries -------------------------------------------------------------------


def test_filters_community_includes_all_and_subgroups() -> None:
    ms = frame(
        ("a", "2025-05-01", "on_track", 10, "Org A", "pwud"),
        ("b", "2025-05-01", "on_track", 10, "Org B", "pwid"),  # sub-group of pwud
        ("c", "2025-05-01", "done", 10, "Org A", "all"),
        ("d", "2025-05-01", "delayed", 10, "Org B", "sw"),
    )
    cases = [
        ({"communities": ["pwud"]}, ["a", "b", "c"]),
        ({"communities": ["pwid"]}, ["b", "c"]),
        ({"communities": ["sw"], "statuses": ["delayed"]}, ["d"]),
        ({"leads": ["Org A"]}, ["a", "c"]),
        ({"statuses": ["done", "delayed"]}, ["c", "d"]),
        ({}, ["a", "b", "c", "d"]),
    ]
    for kwargs, expected in cases:
        assert m.filter_milestones(ms, **kwargs)["id"].tolist() == expected, kwargs
    options = m.filter_options(ms)
    assert options["community"] == ["pwid", "pwud", "sw"]
    assert options["status"] == ["on_track", "delayed", "done"]  # contract order


def test_status_summary_counts_and_shares() -> None:
    ms = frame(
        ("a", "2025-05-01", "on_track"),
        ("b", "2025-05-01", "on_track"),
        ("c", "2025-05-01", "done"),
        ("d", "2025-05-01", "cancelled"),
    )
    summary = m.status_summary(ms).set_index("status")
    assert list(summary.index) == list(m.STATUS_ORDER)
    assert summary["milestones"].to_dict() == {
        "not_started": 0, "on_track": 2, "at_risk": 0, "delayed": 0, "done": 1, "cancelled": 1,
    }  # fmt: skip
    assert summary.loc["on_track", "share"] == 50.0
    assert summary["share"].sum() == pytest.approx(100.0)


def test_progress_by_lead_leaves_cancelled_out_and_fills_blank_progress() -> None:
    ms = frame(
        ("a", "2025-01-01", "delayed", 40, "Org B"),
        ("b", "2026-01-01", "done", None, "Org B"),  # blank + done -> 100
        ("c", "2026-01-01", "cancelled", 0, "Org B"),  # not part of the plan any more
        ("d", "2026-01-01", "not_started", None, "org a"),  # blank + not started -> 0
    )
    out = m.progress_by(ms, "lead", date(2025, 6, 1)).set_index("lead")
    assert list(out.index) == ["org a", "Org B"]  # A-Z ignoring case
    assert out.loc["Org B"].to_dict() == {"milestones": 2, "done": 1, "late": 1, "progress": 70.0}
    assert out.loc["org a", "progress"] == 0.0
    assert m.share_done(ms) == pytest.approx(100 / 3)


def test_years_against_plan() -> None:
    ms = frame(
        ("a", "2025-03-01", "done"),
        ("b", "2025-12-31", "delayed"),
        ("c", "2025-06-01", "cancelled"),
        ("d", "2026-01-01", "done"),
        ("e", "2026-07-01", "on_track"),
        ("f", "2028-01-01", "on_track"),  # outside the strategy years
    )
    years = m.years_against_plan(ms, date(2026, 3, 1)).set_index("year")
    assert years.loc[2025].to_dict() == {
        "planned": 2, "done": 1, "share_done": 50.0, "due_by_today": 2, "cancelled": 1,
    }  # fmt: skip
    assert years.loc[2026, "due_by_today"] == 1
    assert years.loc[2026, "share_done"] == 50.0
    assert years.loc[2027, "planned"] == 0
    assert pd.isna(years.loc[2027, "share_done"])


# --- Indicator checks ------------------------------------------------------------------------


def indicator_rows(*rows: tuple) -> pd.DataFrame:
    """Indicators frame rows: (period, region, community, numerator, denominator, value)."""
    records = []
    for period, region, community, num, den, value in rows:
        year, quarter = int(period[:4]), int(period[-1])
        has_counts = num is not None and den is not None
        records.append(
            {
                "indicator": "cov",
                "period": period,
                "period_start": pd.Timestamp(year, 3 * quarter - 2, 1),
                "period_kind": "quarter",
                "region": region,
                "community": community,
                "numerator": num,
                "denominator": den,
                "value": value,
                "rate": 100 * num / den if has_counts else value,
                "from_counts": has_counts,
                "unit": "percent",
            }
        )
    return pd.DataFrame.from_records(records).astype({"numerator": float, "denominator": float})


def test_pooled_series_sums_counts_across_regions() -> None:
    ind = indicator_rows(
        ("2025-Q1", "KG-C", "pwid", 10, 100, None),
        ("2025-Q1", "KG-B", "pwid", 30, 100, None),
        ("2025-Q1", "KG", "pwid", 999, 1000, None),  # National ignored: regions are pooled
        ("2025-Q2", "KG-C", "pwid", 20, 100, None),
        ("2025-Q2", "KG-B", "pwid", None, None, 90.0),  # value only: left out of the pool
        ("2025-Q3", "KG", "pwid", 50, 200, None),  # only National that quarter
    )
    series = m.pooled_series(ind, "cov")
    assert series["period"].tolist() == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert series["value"].tolist() == [20.0, 20.0, 25.0]  # 40/200, 20/100, 50/200
    assert series["rows_pooled"].tolist() == [2, 1, 1]
    assert series["rows"].tolist() == [2, 2, 1]


def test_pooled_series_community_choice() -> None:
    ind = indicator_rows(
        ("2025-Q1", "KG-C", "pwud", 10, 100, None),
        ("2025-Q1", "KG-C", "pwid", 12, 50, None),  # sub-group of pwud: inside it, not added
        ("2025-Q1", "KG-C", "sw", 60, 100, None),
    )
    assert m.pooled_series(ind, "cov")["value"].tolist() == [35.0]  # (10+60)/(100+100)
    assert m.pooled_series(ind, "cov", "sw")["value"].tolist() == [60.0]
    assert m.pooled_series(ind, "cov", "pwid")["value"].tolist() == [24.0]
    assert m.pooled_series(ind, "cov", "plhiv")["value"].tolist() == [35.0]  # none: everyone
    with_all = pd.concat([ind, indicator_rows(("2025-Q1", "KG-C", "all", 10, 40, None))])
    assert m.pooled_series(with_all, "cov")["value"].tolist() == [25.0]  # the total row wins


def test_pooled_series_leaves_out_withheld_rows_like_every_page() -> None:
    ind = indicator_rows(
        ("2025-Q1", "KG-N", "sw", 7, 40, None),  # below 10: withheld, as on Program access
        ("2025-Q1", "KG-C", "sw", 60, 100, None),
    )
    series = m.pooled_series(ind, "cov", "sw", 10)
    assert series["numerator"].tolist() == [60.0] and series["value"].tolist() == [60.0]
    assert m.pooled_series(ind, "cov", "sw", 5)["numerator"].tolist() == [67.0]


CATALOG = pd.DataFrame(
    {
        "id": ["cov", "low", "free"],
        "name_en": ["Coverage", "Lower", "No target"],
        "unit": ["percent", "percent", "percent"],
        "higher_is_better": [True, False, True],
        "target": [50.0, 10.0, None],
    }
)


@pytest.mark.parametrize(
    ("indicator", "latest", "status", "verdict", "flag"),
    [
        # baseline 10 at the start (2025-01-01), target 50 at the due date (2027-01-01),
        # today 2026-01-01 is 365/730 of the way: 30 needed by now.
        ("cov", 30.0, "on_track", "on_course", False),  # exactly on the line
        ("cov", 29.0, "on_track", "behind", True),  # below it: flagged
        ("cov", 29.0, "at_risk", "behind", False),  # behind, but not claimed on track
        ("cov", 50.0, "on_track", "met", False),
        ("free", 29.0, "on_track", "no_target", False),
        # lower is better: baseline 10 -> target 10 is met at once; 12 is above target
        ("low", 9.0, "on_track", "met", False),
        ("low", 12.0, "on_track", "behind", True),
    ],
)
def test_indicator_checks(
    indicator: str, latest: float, status: str, verdict: str, flag: bool
) -> None:
    ind = indicator_rows(
        ("2024-Q4", "KG-C", "all", 10, 100, None),  # ends before the start: the baseline
        ("2025-Q4", "KG-C", "all", round(latest * 10), 1000, None),
    ).assign(indicator=indicator)
    ms = frame(("m-1", "2027-01-01", status)).assign(
        start=pd.Timestamp("2025-01-01"), indicator=indicator
    )
    checks = m.indicator_checks(ms, ind, CATALOG, date(2026, 1, 1))
    row = checks.iloc[0]
    assert (row["verdict"], bool(row["flag"])) == (verdict, flag)
    assert row["value"] == pytest.approx(latest)
    assert row["period"] == "2025-Q4"
    if indicator == "cov":
        assert row["expected"] == pytest.approx(30.0)


def test_indicator_checks_without_data_and_on_the_sample() -> None:
    ms = frame(("m-1", "2027-01-01", "on_track")).assign(indicator="cov")
    empty = indicator_rows(("2025-Q1", "KG-C", "all", 1, 2, None)).iloc[0:0]
    assert m.indicator_checks(ms, empty, CATALOG, date(2026, 1, 1))["verdict"].tolist() == [
        "no_data"
    ]
    wb = parse_workbook(build_sample(), today=date(2026, 11, 27))
    checks = m.indicator_checks(
        wb["milestones"], wb["indicators"], wb["catalog"], date(2026, 11, 27)
    ).set_index("id")
    # data/README.md: OST coverage is 14.6% nationally in 2026-Q3, far below the 50% target.
    assert checks.loc["M-02", "value"] == pytest.approx(14.6, abs=0.05)
    assert checks.loc["M-02", "period"] == "2026-Q3"
    assert bool(checks.loc["M-02", "flag"])
    assert set(checks.index[checks["flag"]]) <= set(wb["milestones"]["id"][
        wb["milestones"]["status"].eq("on_track")
    ])  # fmt: skip


# --- What changed ----------------------------------------------------------------------------

GRID_HEADER = ["id", "objective", "milestone", "lead", "community", "start", "due", "status",
               "progress", "last_update"]  # fmt: skip


def grid(*rows: tuple) -> dict[str, list[list[object]]]:
    """A raw workbook with only a milestones tab: (id, due, status, progress)."""
    body = [
        [rid, "1. Objective", f"Milestone {rid}", "Org A", "all", date(2025, 1, 1), due, status,
         progress, None]
        for rid, due, status, progress in rows
    ]  # fmt: skip
    return {"Milestones": [GRID_HEADER, *body]}


THEN, NOW = date(2026, 3, 20), date(2026, 6, 19)
BEFORE = grid(
    ("A", date(2026, 12, 1), "on_track", 80),  # -> done: completed
    ("B", date(2026, 12, 1), "on_track", 40),  # -> delayed 50: status and progress
    ("C", date(2026, 5, 1), "at_risk", 60),  # unchanged, but its due date passed: overdue
    ("D", date(2026, 12, 1), "on_track", 10),  # unchanged
    ("F", date(2026, 12, 1), "on_track", 10),  # removed
    ("G", date(2026, 9, 1), "on_track", 20),  # due date moved
    ("H", date(2026, 1, 1), "delayed", 5),  # overdue in both: not "became overdue"
    ("I", date(2026, 12, 1), "on_track", None),  # progress filled in
)
AFTER = grid(
    ("A", date(2026, 12, 1), "done", 100),
    ("B", date(2026, 12, 1), "delayed", 50),
    ("C", date(2026, 5, 1), "at_risk", 60),
    ("D", date(2026, 12, 1), "on_track", 10),
    ("E", date(2026, 4, 1), "on_track", 0),  # new, and already past its due date
    ("G", date(2026, 10, 1), "on_track", 20),
    ("H", date(2026, 1, 1), "delayed", 5),
    ("I", date(2026, 12, 1), "on_track", 15),
)


def test_change_report_between_two_hand_made_versions() -> None:
    previous, current = m.milestones_of(BEFORE, THEN), m.milestones_of(AFTER, NOW)
    changes = m.compare(previous, current, then=THEN, today=NOW)
    by_kind = {kind: sorted(changes.loc[changes[kind], "id"]) for kind in m.CHANGE_KINDS}
    assert by_kind == {
        "completed": ["A"],
        "became_overdue": ["C", "E"],
        "status": ["A", "B"],
        "progress": ["A", "B", "I"],
        "due": ["G"],
        "new": ["E"],
        "removed": ["F"],
    }
    # Most important change first: completed, became overdue, status, progress, due, new, removed.
    assert changes["id"].tolist() == ["A", "C", "E", "B", "I", "G", "F"]
    assert "D" not in set(changes["id"]) and "H" not in set(changes["id"])
    b = changes.set_index("id").loc["B"]
    assert (b["status_before"], b["status_now"]) == ("on_track", "delayed")
    assert (b["progress_before"], b["progress_now"]) == (40.0, 50.0)
    assert m.change_counts(changes) == {k: len(v) for k, v in by_kind.items()}


def test_change_report_keeps_ids_of_a_filtered_view() -> None:
    previous, current = m.milestones_of(BEFORE, THEN), m.milestones_of(AFTER, NOW)
    delayed_now = m.filter_milestones(current, statuses=["delayed"])["id"]
    changes = m.compare(previous, current, then=THEN, today=NOW, keep_ids=delayed_now)
    # B left "on track" for "delayed": a status change, not a new milestone.
    assert changes["id"].tolist() == ["B"]
    assert not changes["new"].any()


def test_no_change_between_identical_versions() -> None:
    previous = m.milestones_of(BEFORE, THEN)
    assert m.compare(previous, previous, then=THEN, today=THEN).empty


def test_snapshot_choices_use_bishkek_days_newest_first() -> None:
    history = [
        (datetime(2026, 11, 25, 9, 0, tzinfo=UTC), "a"),
        (datetime(2026, 11, 25, 19, 0, tzinfo=UTC), "b"),  # 26 Nov in Bishkek
        (datetime(2026, 11, 26, 3, 0, tzinfo=UTC), "c"),  # 26 Nov too, later: stands for it
        (datetime(2026, 11, 27, 20, 0, tzinfo=UTC), "d"),  # 28 Nov in Bishkek: today, left out
        (datetime(2026, 11, 24, 12, 0), "e"),  # naive = UTC
    ]
    choices = m.snapshot_choices(history, date(2026, 11, 28))
    assert choices == [(date(2026, 11, 26), 2), (date(2026, 11, 25), 0), (date(2026, 11, 24), 4)]
    assert m.snapshot_choices(history, date(2026, 11, 24)) == []


def test_updated_since_reads_the_last_update_column() -> None:
    ms = frame(("a", "2026-01-01", "on_track"), ("b", "2026-01-01", "on_track"),
               ("c", "2026-01-01", "on_track"))  # fmt: skip
    ms["last_update"] = pd.to_datetime(["2026-03-20", "2026-03-21", None])
    assert m.updated_since(ms, date(2026, 3, 20))["id"].tolist() == ["b"]  # after, not on


# --- The sample's earlier versions (data/sample_history.py) ----------------------------------


@pytest.mark.parametrize(
    ("meeting", "today", "expected"),
    [
        (1, date(2026, 11, 27), {"completed": 0, "became_overdue": 3, "status": 5,
                                 "progress": 12, "due": 0, "new": 1, "removed": 0}),
        (1, date(2026, 11, 28), {"completed": 0, "became_overdue": 4, "status": 5,
                                 "progress": 12, "due": 0, "new": 1, "removed": 0}),
        (0, date(2026, 11, 28), {"completed": 1, "became_overdue": 8, "status": 11,
                                 "progress": 18, "due": 0, "new": 4, "removed": 0}),
    ],
)  # fmt: skip
def test_sample_history_is_the_documented_story(
    meeting: int, today: date, expected: dict[str, int]
) -> None:
    history = sample_history()
    assert [when for when, _ in history] == list(MEETINGS)
    when, raw = history[meeting]
    current = parse_workbook(build_sample(), today=today)["milestones"]
    changes = m.compare(m.milestones_of(raw, when.date()), current, then=when.date(), today=today)
    assert m.change_counts(changes) == expected
    if meeting == 1:
        status = changes[changes["status"]].set_index("id")
        assert status["status_before"].to_dict() == {
            "M-01": "at_risk", "M-03": "on_track", "M-10": "on_track", "M-19": "on_track",
            "M-24": "not_started",
        }  # fmt: skip
        assert changes.loc[changes["new"], "id"].tolist() == ["M-31"]
    else:
        assert changes.loc[changes["completed"], "id"].tolist() == ["M-05"]


def test_sample_version_keeps_rows_updated_before_the_day() -> None:
    rows = build_sample()["milestones"]
    at = {r[0]: r for r in version_at(rows, date(2026, 10, 2))[1:]}
    now = {r[0]: r for r in rows[1:]}
    assert at["M-27"] == now["M-27"]  # last updated 1 Oct: as today
    assert "M-31" not in at  # added 1 Nov
    status, progress = rows[0].index("status"), rows[0].index("progress")
    assert (at["M-01"][status], at["M-01"][progress]) == ("at_risk", 55)
