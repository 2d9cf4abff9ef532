"""The monitoring loop's arithmetic (utils/analysis/monitoring.py) on a small hand-made sheet.

Every expected value is worked out by hand below, from the frames in ``FINDINGS`` and
``ACTIONS`` (the columns of the contract's findings and actions tabs, typed as the parser
types them: dates are naive midnights, rounds are quarter labels). Today is 10 March 2026 in
Bishkek unless a test says otherwise.

    id  duty bearer  raised      due         status (row)  actions (date: response / new status)
    F1  MoH          05.01.2026  20.01.2026  raised        05.01 -/raised; 26.01 "will deliver"/
                                                           committed; 15.02 -/resolved
    F2  MoH          10.01.2026  01.02.2026  raised        none                (overdue 37 days)
    F3  Police       01.02.2026  10.03.2026  raised        none                (due today)
    F4  Police       01.10.2025  15.10.2025  raised        01.11 -/escalated   (escalated)
    F5  -            -           -           open          none                (not raised yet)
    F6  MoH          01.07.2025  -           resolved      08.07 "ok"/committed; 01.08 -/resolved
                                                           verified 2025-Q4: did NOT hold
    F7  MoH          01.07.2025  -           resolved      15.07 "ok"/-; resolved 01.09.2025,
                                                           verified 2025-Q4: held
    plus an action for F99, which the findings tab does not have.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from utils.analysis import monitoring as mon
from utils.analysis import privacy
from utils.analysis.milestones import today_in_bishkek

TODAY = date(2026, 3, 10)


def _d(text: str | None) -> pd.Timestamp:
    return pd.NaT if text is None else pd.Timestamp(text)


def findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Findings typed as ``utils.sheet.parse`` types them."""
    base = {
        "region": "KG-C",
        "community": "pwid",
        "category": "stockout",
        "site": "",
        "severity": 2,
        "people_affected": 12,
        "evidence": "",
        "milestone_id": None,
        "duty_bearer": None,
        "level": "oblast",
        "date_found": None,
        "date_raised": None,
        "response_due": None,
        "status": "open",
        "date_resolved": None,
        "round": "2026-Q1",
        "verified_round": None,
        "verified_held": None,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame.insert(0, "_row", range(2, 2 + len(frame)))
    for column in ("date_found", "date_raised", "response_due", "date_resolved"):
        frame[column] = pd.to_datetime(frame[column])
    frame["people_affected"] = frame["people_affected"].astype("Int64")
    frame["severity"] = frame["severity"].astype("Int64")
    frame["verified_held"] = frame["verified_held"].astype("boolean")
    return frame


def actions_frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Actions (finding id, date, response, new status) typed as the parser types them."""
    frame = pd.DataFrame(
        [
            {
                "finding_id": fid,
                "date": pd.Timestamp(day),
                "action": "letter",
                "by": "Coalition",
                "response": response or None,
                "new_status": status or None,
            }
            for fid, day, response, status in rows
        ],
        columns=["finding_id", "date", "action", "by", "response", "new_status"],
    )
    frame.insert(0, "_row", range(2, 2 + len(frame)))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


FINDINGS = findings_frame(
    [
        {"id": "F1", "duty_bearer": "MoH", "date_found": "2026-01-02",
         "date_raised": "2026-01-05", "response_due": "2026-01-20", "status": "raised"},
        {"id": "F2", "duty_bearer": "MoH", "date_found": "2026-01-08",
         "date_raised": "2026-01-10", "response_due": "2026-02-01", "status": "raised"},
        {"id": "F3", "duty_bearer": "Police", "date_found": "2026-01-30", "region": "KG-N",
         "category": "police", "date_raised": "2026-02-01", "response_due": "2026-03-10",
         "status": "raised"},
        {"id": "F4", "duty_bearer": "Police", "date_found": "2025-09-28", "region": "KG-N",
         "category": "police", "date_raised": "2025-10-01", "response_due": "2025-10-15",
         "status": "raised", "round": "2025-Q4"},
        {"id": "F5", "date_found": "2026-03-01", "status": "open"},
        {"id": "F6", "duty_bearer": "MoH", "date_found": "2025-06-20",
         "date_raised": "2025-07-01", "status": "resolved", "round": "2025-Q3",
         "verified_round": "2025-Q4", "verified_held": False},
        {"id": "F7", "duty_bearer": "MoH", "date_found": "2025-06-25",
         "date_raised": "2025-07-01", "status": "resolved", "date_resolved": "2025-09-01",
         "round": "2025-Q3", "verified_round": "2025-Q4", "verified_held": True},
    ]
)  # fmt: skip
ACTIONS = actions_frame(
    [
        ("F1", "2026-01-05", "", "raised"),
        ("F6", "2025-07-08", "ok", "committed"),
        ("F1", "2026-02-15", "", "resolved"),
        ("F1", "2026-01-26", "will deliver", "committed"),
        ("F4", "2025-11-01", "", "escalated"),
        ("F7", "2025-07-15", "ok", ""),
        ("F6", "2025-08-01", "", "resolved"),
        ("F99", "2026-01-01", "", "resolved"),
    ]
)


@pytest.fixture(scope="module")
def loop() -> pd.DataFrame:
    frame = mon.timeline(FINDINGS, ACTIONS, TODAY)
    return frame.set_axis(frame["id"].tolist())


# --- Current status from actions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fid", "status", "source"),
    [
        ("F1", "resolved", "action"),  # the latest action by date, not the last row (26.01)
        ("F2", "raised", "sheet"),  # no action: the row
        ("F4", "escalated", "action"),
        ("F6", "resolved", "action"),
        ("F7", "resolved", "sheet"),  # its action has no new status
    ],
)
def test_current_status_is_the_latest_action_else_the_row(fid, status, source) -> None:
    now = mon.current_status(FINDINGS, ACTIONS).set_index("id")
    assert now.loc[fid, "status"] == status
    assert now.loc[fid, "status_from"] == source


def test_same_day_actions_take_the_later_sheet_row() -> None:
    actions = actions_frame(
        [("F2", "2026-02-02", "", "committed"), ("F2", "2026-02-02", "", "raised")]
    )
    now = mon.current_status(FINDINGS, actions).set_index("id")
    assert now.loc["F2", "status"] == "raised"
    assert not now.loc["F2", "disagrees"]


def test_inconsistent_actions_are_named() -> None:
    found = {i.code: i.finding_ids for i in mon.inconsistencies(FINDINGS, ACTIONS)}
    # F1 and F4: the row says raised, the latest action resolved / escalated.
    assert found == {"unknown_finding": ("F99",), "status_disagrees": ("F1", "F4")}
    early = actions_frame([("F5", "2026-02-01", "", "raised")])
    assert mon.inconsistencies(FINDINGS, early)[-1] == mon.Inconsistency("before_found", ("F5",))


# --- Overdue on Bishkek's calendar ---------------------------------------------------------


def test_overdue_oldest_first_with_days(loop) -> None:
    late = mon.overdue(loop, TODAY)
    # F2: due 1 Feb, no answer (1 Feb -> 10 Mar 2026 = 28 + 9 days). F3 is due today, F4 is
    # escalated (no longer waiting), F1 was answered.
    assert list(late["id"]) == ["F2"]
    assert list(late["days_overdue"]) == [37]


@pytest.mark.parametrize(
    ("due", "now_utc", "overdue"),
    [
        ("2026-03-09", datetime(2026, 3, 9, 17, 59, tzinfo=UTC), False),  # 23:59 in Bishkek
        ("2026-03-09", datetime(2026, 3, 9, 18, 0, tzinfo=UTC), True),  # midnight in Bishkek
        ("2026-03-10", datetime(2026, 3, 10, 12, 0, tzinfo=UTC), False),  # due today
    ],
)
def test_overdue_follows_the_day_in_bishkek(due, now_utc, overdue) -> None:
    one = findings_frame(
        [{"id": "X", "duty_bearer": "MoH", "date_raised": "2026-03-01", "response_due": due,
          "status": "raised"}]
    )  # fmt: skip
    today = today_in_bishkek(now_utc)
    loop = mon.timeline(one, actions_frame([]), today)
    assert len(mon.overdue(loop, today)) == int(overdue)


def test_an_answer_without_a_new_status_stops_the_clock() -> None:
    one = findings_frame(
        [{"id": "X", "duty_bearer": "MoH", "date_raised": "2026-01-01",
          "response_due": "2026-01-15", "status": "raised"}]
    )  # fmt: skip
    answered = actions_frame([("X", "2026-02-01", "we are looking into it", "")])
    assert mon.overdue(mon.timeline(one, answered, TODAY), TODAY).empty
    assert len(mon.overdue(mon.timeline(one, actions_frame([]), TODAY), TODAY)) == 1


# --- Medians with findings still waiting, the funnel, verification --------------------------


def test_response_days_per_finding(loop) -> None:
    assert loop.loc["F1", "days_to_response"] == 21  # 05.01 -> 26.01
    assert loop.loc["F1", "days_to_resolution"] == 41  # 05.01 -> 15.02 (the resolving action)
    assert loop.loc["F7", "days_to_resolution"] == 62  # 01.07 -> 01.09 (date_resolved)
    assert loop.loc["F4", "waiting_days"] == 160  # 01.10.2025 -> 10.03.2026
    assert pd.isna(loop.loc["F1", "waiting_days"])


def test_speed_per_duty_bearer_counts_who_still_waits(loop) -> None:
    speeds = mon.response_speed(loop)
    # Police never answered: first. MoH answered F1 in 21, F6 in 7, F7 in 14 days (median 14),
    # F2 still waits (59 days since 10.01); resolved F1 41, F6 31, F7 62 days (median 41).
    assert speeds == [
        mon.Speed("Police", 2, 0, None, 2, 160, 0, None),
        mon.Speed("MoH", 4, 3, 14.0, 1, 59, 3, 41.0),
    ]
    frame = mon.speed_frame(speeds, threshold=1)
    assert isinstance(frame, privacy.Protected)
    hidden = mon.speed_frame(speeds, threshold=10)
    assert hidden["waiting_count_suppressed"].tolist() == [True, True]


def test_funnel_counts_every_stage_reached(loop) -> None:
    funnel = mon.funnel(loop, threshold=1)
    # found 7; raised: all but F5; committed and resolved: F1, F6, F7; verified (held): F7.
    assert dict(zip(funnel["stage"], funnel["count"], strict=True)) == {
        "found": 7,
        "raised": 6,
        "committed": 3,
        "resolved": 3,
        "verified": 1,
    }
    assert mon.funnel(loop, threshold=10)["count_suppressed"].all()


def test_fixes_that_did_not_hold(loop) -> None:
    assert list(mon.did_not_hold(loop)["id"]) == ["F6"]


def test_open_and_who_must_respond(loop) -> None:
    assert sorted(mon.still_open(loop)["id"]) == ["F2", "F3", "F4", "F5"]
    table = mon.must_respond(loop, threshold=1)
    assert table[["duty_bearer", "count", "waiting_count"]].values.tolist() == [
        ["Police", 2, 2],
        ["", 1, 0],
        ["MoH", 1, 1],
    ]


@pytest.mark.parametrize(
    ("since", "earlier_resolved", "expected"),
    [
        (date(2026, 2, 1), None, ["F1"]),
        (date(2025, 8, 1), None, ["F1", "F7", "F6"]),  # newest first; 01.08 itself counts
        (date(2025, 8, 1), {"F6", "F7"}, ["F1"]),  # the earlier copy had F6, F7 resolved
    ],
)
def test_resolved_since_the_last_meeting(loop, since, earlier_resolved, expected) -> None:
    earlier = None
    if earlier_resolved is not None:
        earlier = pd.DataFrame(
            {"id": sorted(earlier_resolved), "status": ["resolved"] * len(earlier_resolved)}
        )
    assert list(mon.resolved_since(loop, since, earlier)["id"]) == expected


def test_a_story_is_its_actions_in_order() -> None:
    assert list(mon.story("F1", ACTIONS)["date"].dt.day) == [5, 26, 15]


# --- The scorecard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "before"),
    [("2026-Q1", "2025-Q4"), ("2025-Q3", "2025-Q2"), ("2025", None), ("2025-Q5", None)],
)
def test_previous_quarter(label, before) -> None:
    assert mon.previous_quarter(label) == before


def test_scorecard_counts_the_round_against_the_quarter_before() -> None:
    many = findings_frame(
        [{"id": f"A{i}", "region": "KG-C", "category": "stockout", "round": "2026-Q1",
          "people_affected": 30} for i in range(12)]
        + [{"id": f"B{i}", "region": "KG-C", "category": "stockout", "round": "2025-Q4"}
           for i in range(10)]
        + [{"id": f"R{i}", "region": "KG-C", "category": "refusal", "round": "2026-Q1"}
           for i in range(11)]
        + [{"id": "C1", "region": "KG-C", "category": "police", "round": "2026-Q1"}]
    )  # fmt: skip
    card = mon.scorecard(many, "2026-Q1", regions=["KG-C"], threshold=10).set_index("category")
    assert card.loc["stockout", "count"] == 12
    assert card.loc["stockout", "count_before"] == 10
    assert card.loc["stockout", "change"] == 2
    assert card.loc["stockout", "people"] == 360
    assert card.loc["all", "count"] == 24
    # One police finding is hidden, and the smallest other cell (refusal, 11) with it, or
    # 24 - 12 - 11 would give it away; a change built from a hidden count is hidden too.
    assert card.loc["police", "count_suppressed"]
    assert card.loc["refusal", "count_complementary"]
    assert pd.isna(card.loc["refusal", "change"])
    assert card.loc["quality", "count"] == 0  # zero names nobody


# --- Campaign reach ------------------------------------------------------------------------


def test_campaign_reach_adds_each_channels_latest_reading_and_finds_the_target() -> None:
    readings = pd.DataFrame(
        {
            "campaign": ["Stop hate"] * 4,
            "channel": ["video", "video", "social", "video"],
            "time": pd.to_datetime(
                ["2025-10-01 10:00", "2025-10-02 10:00", "2025-10-02 12:00", "2025-10-04 09:00"]
            ),
            "reach": [0, 40_000, 20_000, 130_000],
            "shares": [0, 0, 0, 0],
            "target": [100_000, None, None, None],
        }
    )
    reach = mon.campaign_reach(readings)
    # 0; 40 000; 40 000 + 20 000; 130 000 (video's latest) + 20 000 (social's).
    assert reach["reach"].tolist() == [0, 40_000, 60_000, 150_000]
    passing = mon.target_passed(reach, "Stop hate")
    assert passing is not None
    assert passing.at == pd.Timestamp("2025-10-04 09:00")
    assert passing.reach == 150_000
    assert passing.elapsed == pd.Timedelta(days=2, hours=23)
    readings["target"] = [200_000, None, None, None]
    assert mon.target_passed(mon.campaign_reach(readings), "Stop hate") is None
