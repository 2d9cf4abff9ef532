"""Votes arithmetic, suppression and integrity checks, on the sample and on small tables."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from data.make_sample import build_sample
from utils.analysis import votes as vm
from utils.analysis.privacy import small_counts_in
from utils.sheet.parse import Workbook, parse_workbook

TODAY = date(2026, 11, 27)


def workbook(grids: dict) -> Workbook:
    """Parse grids the way the app does."""
    return parse_workbook(grids, today=TODAY)


@pytest.fixture(scope="module")
def sample(sample_workbook: Workbook) -> Workbook:
    """The sample, parsed once for the session (tests/conftest.py)."""
    return sample_workbook


def edit(grids: dict, tab: str, match: dict, **changes: object) -> dict:
    """Set ``changes`` on every row of ``tab`` whose cells equal ``match``."""
    header = grids[tab][0]
    col = {name: i for i, name in enumerate(header)}
    for row in grids[tab][1:]:
        if all(row[col[k]] == v for k, v in match.items()):
            for k, v in changes.items():
                row[col[k]] = v
    return grids


def vote_row(grids: dict, **cells: object) -> list:
    """A votes row in the sample's column order."""
    return [cells.get(name) for name in grids["votes"][0]]


# --- decide -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tally", "seats", "threshold", "kind", "winners", "tied"),
    [
        ({"A": 60, "B": 40}, 1, 50, "elected", ("A",), ()),
        ({"A": 50, "B": 50}, 1, 50, "tie", (), ("A", "B")),
        ({"A": 45, "B": 35, "C": 20}, 1, 50, "no_majority", (), ()),
        ({"A": 100, "B": 150}, 1, 40, "elected", ("B",), ()),  # A at exactly 40% qualifies
        ({"A": 100, "B": 150}, 2, 40, "elected", ("B", "A"), ()),
        ({"A": 99, "B": 151}, 2, 40, "elected", ("B",), ()),  # 39.6%: one seat left empty
        ({"A": 10, "B": 10, "C": 5}, 2, None, "elected", ("A", "B"), ()),
        ({"A": 10, "B": 8, "C": 8}, 2, None, "tie", ("A",), ("B", "C")),
        ({"A": 3, "B": 3}, 1, None, "tie", (), ("A", "B")),
        ({"A": 0, "B": 0}, 1, 50, "no_votes", (), ()),
        ({}, 1, None, "no_votes", (), ()),
    ],
)
def test_decide(
    tally: dict, seats: int, threshold: float | None, kind: str, winners: tuple, tied: tuple
) -> None:
    out = vm.decide(tally, seats=seats, threshold=threshold)
    assert (out.kind, out.winners, out.tied) == (kind, winners, tied)


def test_unfilled_seats_are_counted() -> None:
    assert vm.decide({"A": 60, "B": 20, "C": 20}, seats=2, threshold=25).unfilled == 1
    assert vm.decide({"A": 10, "B": 8, "C": 8}, seats=2).unfilled == 0


# --- results on the sample (data/README.md holds the expected answers) ------------------------


@pytest.mark.parametrize(
    ("election", "round_no", "kind", "winners", "shares", "valid", "turnout"),
    [
        (
            "ccph-2025",
            1,
            "elected",
            ("Aigerim Sadykova",),
            {"Aigerim Sadykova": 49.3, "Bakyt Osmonov": 31.1, "Nurlan Zhumabaev": 19.7},
            412,
            65.9,
        ),
        (
            "ccph-2022",
            1,
            "no_majority",
            (),
            {"Elena Kim": 33.7, "Timur Alymkulov": 32.0, "Marat Toktogulov": 21.4},
            350,
            64.8,  # round 1 has no blank or invalid figures: votes for candidates / eligible
        ),
        (
            "ccph-2022",
            2,
            "elected",
            ("Elena Kim",),
            {"Elena Kim": 55.4, "Timur Alymkulov": 44.6},
            336,
            63.7,  # (336 + 5 + 3) / 540
        ),
        (
            "board-2026",
            1,
            "elected",
            ("Ruslan Karimov", "Azamat Usenov"),
            {"Ruslan Karimov": 29.6, "Azamat Usenov": 27.8},
            54,
            64.3,
        ),
    ],
)
def test_round_result_on_sample(
    sample: Workbook,
    election: str,
    round_no: int,
    kind: str,
    winners: tuple,
    shares: dict,
    valid: int,
    turnout: float,
) -> None:
    res = vm.round_result(
        sample["elections"], sample["votes"], election_id=election, round_no=round_no
    )
    assert res.outcome.kind == kind
    assert res.outcome.winners == winners
    got = dict(zip(res.candidates["candidate"], res.candidates["share"], strict=True))
    for name, share in shares.items():
        assert got[name] == pytest.approx(share, abs=0.05)
    assert res.valid == valid
    assert res.turnout == pytest.approx(turnout, abs=0.05)
    # sorted by votes, largest first
    assert list(res.candidates["candidate"][: len(shares)]) == list(shares)


def test_change_since_previous_election_and_round(sample: Workbook) -> None:
    e, v = sample["elections"], sample["votes"]
    r2025 = vm.round_result(e, v, election_id="ccph-2025", round_no=1)
    assert r2025.reference == vm.Reference("election", "ccph-2022", 1, "CCPH community seat 2022")
    assert r2025.coalition_change == pytest.approx(49.27 - 32.0, abs=0.01)  # +17.3 points
    r2022 = vm.round_result(e, v, election_id="ccph-2022", round_no=2)
    assert r2022.reference is not None and r2022.reference.kind == "round"
    change = dict(zip(r2022.candidates["candidate"], r2022.candidates["change"], strict=True))
    assert change["Elena Kim"] == pytest.approx(55.36 - 33.71, abs=0.01)
    assert vm.round_result(e, v, election_id="ccph-2022", round_no=1).reference is None


def test_blank_and_invalid_only_in_final_round(sample: Workbook) -> None:
    e, v = sample["elections"], sample["votes"]
    final = vm.round_result(e, v, election_id="ccph-2022", round_no=2)
    # 5 blank and 3 invalid are below 10: hidden, but both are hidden so their sum is safe
    assert (final.blank, final.blank_hidden, final.invalid, final.invalid_hidden) == (
        None,
        True,
        None,
        True,
    )
    assert final.ballots == 344
    first = vm.round_result(e, v, election_id="ccph-2022", round_no=1)
    assert (first.blank, first.blank_hidden, first.ballots) == (None, False, 350)


def test_one_small_ballot_count_hides_the_ballot_total() -> None:
    grids = edit(build_sample(), "elections", {"id": "ccph-2025"}, invalid_votes=None)
    wb = workbook(grids)
    res = vm.round_result(wb["elections"], wb["votes"], election_id="ccph-2025", round_no=1)
    # ballots - votes for candidates would be the 6 blank ballots
    assert res.blank_hidden and res.ballots is None and res.turnout is None


# --- suppression ------------------------------------------------------------------------------


def test_breakdown_hides_small_groups_and_their_complements(sample: Workbook) -> None:
    cells = vm.breakdown(sample["votes"], "ccph-2025", 1)
    assert cells is not None
    hidden = cells[cells["votes_suppressed"]]
    lgbt = hidden[hidden["voter_group"] == "LGBT people"]
    assert set(lgbt["candidate"]) == {"Bakyt Osmonov", "Nurlan Zhumabaev"}  # 5 and 3
    # every group with a hidden cell hides at least two of them
    per_group = cells[~cells["is_total"]].groupby("voter_group")["votes_suppressed"].sum()
    assert ((per_group == 0) | (per_group >= 2)).all()
    # every candidate column with a hidden cell hides at least two of them too
    per_candidate = cells[~cells["is_total"]].groupby("candidate")["votes_suppressed"].sum()
    assert ((per_candidate == 0) | (per_candidate >= 2)).all()
    shown = cells.loc[~cells["votes_suppressed"], ["voter_group", "candidate", "votes"]]
    assert not small_counts_in(shown)
    assert cells.loc[cells["votes_suppressed"], "group_share"].isna().all()


@pytest.mark.parametrize("election", ["ccph-2025", "ccph-2022", "board-2026"])
def test_no_small_count_leaves_the_metrics(sample: Workbook, election: str) -> None:
    e, v = sample["elections"], sample["votes"]
    for r in vm.rounds_of(v, election):
        res = vm.round_result(e, v, election_id=election, round_no=r)
        assert not small_counts_in(res.candidates[["votes"]])
        assert res.candidates.loc[res.candidates["votes_suppressed"], "share"].isna().all()
        cells = vm.breakdown(v, election, r)
        if cells is not None:
            assert not small_counts_in(cells[["votes"]])


def test_board_small_candidates_are_hidden_and_left_out_of_the_timeline(
    sample: Workbook,
) -> None:
    e, v = sample["elections"], sample["votes"]
    res = vm.round_result(e, v, election_id="board-2026", round_no=1)
    hidden = set(res.candidates.loc[res.candidates["votes_suppressed"], "candidate"])
    assert hidden  # every group cell is under ten, some candidate totals too
    timeline = vm.tally_over_time(v, "board-2026", 1)
    assert hidden.isdisjoint(set(timeline["candidate"]))


# --- the tally over time ----------------------------------------------------------------------


def test_the_tally_starts_once_the_threshold_of_ballots_is_counted(sample: Workbook) -> None:
    """A share of 3 ballots (one of them 33%) is a count in disguise: not drawn."""
    votes = sample["votes"]
    first = votes[votes["election"] == "ccph-2025"]["timestamp"].min()
    early = pd.DataFrame(
        {
            "_row": [900, 901],
            "election": "ccph-2025",
            "round": 1,
            "candidate": ["Aigerim Sadykova", "Bakyt Osmonov"],
            "candidate_org": ["Positive Horizons Association", "Healthy Regions Association"],
            "voter_group": "Sex workers",
            "votes": [2, 1],
            "timestamp": first - pd.Timedelta(minutes=30),
        }
    ).astype({"votes": votes["votes"].dtype})
    timeline = vm.tally_over_time(pd.concat([early, votes]), "ccph-2025", 1)
    assert timeline["timestamp"].min() == first  # 3 ballots at 09:42: no point
    assert vm.tally_over_time(pd.concat([early, votes]), "ccph-2025", 1, threshold=3)[
        "timestamp"
    ].min() == first - pd.Timedelta(minutes=30)


def test_sample_crosses_threshold_at_1103_and_reaches_47_within_two_hours(
    sample: Workbook,
) -> None:
    timeline = vm.tally_over_time(sample["votes"], "ccph-2025", 1)
    crossing = vm.first_crossing(timeline, "Aigerim Sadykova", 40)
    assert crossing is not None
    assert crossing.at == pd.Timestamp(2025, 10, 16, 11, 3)
    assert crossing.share == pytest.approx(55 / 137 * 100)
    assert crossing.elapsed == pd.Timedelta(minutes=51)  # from the first batch at 10:12
    marks = {m.hours: m for m in vm.hour_marks(timeline, "Aigerim Sadykova")}
    two = marks[2]
    assert (two.level, two.at, two.held) == (47, pd.Timestamp(2025, 10, 16, 11, 55), True)
    assert two.share == pytest.approx(115 / 242 * 100)
    # nobody else reaches 40%
    for name in ("Bakyt Osmonov", "Nurlan Zhumabaev"):
        assert vm.first_crossing(timeline, name, 40) is None
    # the running tally ends at the final result: increments were summed
    last = timeline[timeline["timestamp"] == timeline["timestamp"].max()]
    assert dict(zip(last["candidate"], last["share"].round(1), strict=True)) == {
        "Aigerim Sadykova": 49.3,
        "Bakyt Osmonov": 31.1,
        "Nurlan Zhumabaev": 19.7,
    }


def _timeline(points: list[tuple[int, float]]) -> pd.DataFrame:
    """A one-candidate timeline: (minutes after 10:00, share)."""
    start = datetime(2025, 1, 1, 10, 0)
    return pd.DataFrame(
        {
            "timestamp": [start + pd.Timedelta(minutes=m) for m, _ in points],
            "candidate": "A",
            "share": [s for _, s in points],
        }
    )


@pytest.mark.parametrize(
    ("points", "level", "at_minute", "elapsed"),
    [
        ([(0, 30.0), (30, 39.9), (60, 40.0), (90, 45.0)], 40, 60, 60),  # exactly at the level
        ([(0, 55.0), (30, 45.0)], 50, 0, 0),  # above from the first batch
        ([(0, 30.0), (30, 52.0), (60, 48.0), (90, 51.0)], 50, 30, 30),  # the first time counts
        ([(0, 30.0), (30, 39.0)], 40, None, None),  # never
    ],
)
def test_first_crossing(
    points: list, level: float, at_minute: int | None, elapsed: int | None
) -> None:
    crossing = vm.first_crossing(_timeline(points), "A", level)
    if at_minute is None:
        assert crossing is None
        return
    assert crossing is not None
    assert crossing.at == pd.Timestamp(2025, 1, 1, 10, 0) + pd.Timedelta(minutes=at_minute)
    assert crossing.elapsed == pd.Timedelta(minutes=elapsed)


def test_hour_mark_not_held_when_share_drops() -> None:
    marks = vm.hour_marks(_timeline([(0, 30.0), (50, 47.2), (100, 46.0)]), "A")
    assert (marks[0].level, marks[0].held) == (47, False)
    assert (marks[1].level, marks[1].held) == (46, True)
    assert marks[1].at == pd.Timestamp(2025, 1, 1, 10, 50)  # 46% first reached on the way


def test_no_timestamps_gives_an_empty_timeline() -> None:
    grids = build_sample()
    edit(grids, "votes", {"election": "ccph-2025"}, timestamp=None)
    wb = workbook(grids)
    assert vm.tally_over_time(wb["votes"], "ccph-2025", 1).empty
    assert vm.untimed_rows(wb["votes"], "ccph-2025", 1) == 0


# --- several elections ------------------------------------------------------------------------


def test_coalition_record(sample: Workbook) -> None:
    record = vm.coalition_record(sample["elections"], sample["votes"])
    assert list(record["election"]) == ["ccph-2022", "ccph-2025", "board-2026"]
    assert record["share"].round(1).tolist()[:2] == [44.6, 49.3]  # final rounds
    assert record["elected"].tolist()[:2] == [False, True]
    assert record["provisional"].tolist() == [False, False, True]
    assert vm.seats_won(record) == (1, 2)


def test_latest_election_first(sample: Workbook) -> None:
    assert vm.election_ids(sample["elections"]) == ["board-2026", "ccph-2025", "ccph-2022"]


# --- integrity ------------------------------------------------------------------------------


def _issues(grids: dict) -> list[tuple[str, str, int | None]]:
    wb = workbook(grids)
    return [(i.code, i.election, i.round) for i in vm.check_integrity(wb["elections"], wb["votes"])]


def _tie_2022(g: dict) -> dict:
    return edit(g, "votes", {"election": "ccph-2022", "round": 2}, votes=150)


def _unknown_candidate(g: dict) -> dict:
    g["votes"].append(vote_row(g, election="ccph-2022", round=2, candidate="Marat T.", votes=12))
    return g


def _renamed_case(g: dict) -> dict:
    # the same name in other case and spacing is the same candidate, not an unknown one
    return edit(
        g,
        "votes",
        {"election": "ccph-2022", "round": 2, "candidate": "Elena Kim"},
        candidate="elena  KIM",
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda g: g, []),
        (
            lambda g: edit(g, "elections", {"id": "ccph-2025"}, eligible_voters=400),
            [("over_eligible", "ccph-2025", 1)],
        ),
        (
            _unknown_candidate,
            [("unknown_candidate", "ccph-2022", 2), ("totals_mismatch", "ccph-2022", 2)],
        ),
        (_renamed_case, []),
        (
            lambda g: edit(g, "elections", {"id": "ccph-2025"}, total_votes=430),
            [("totals_mismatch", "ccph-2025", 1)],
        ),
        (
            lambda g: edit(g, "elections", {"id": "ccph-2022"}, blank_votes=9),
            [("totals_mismatch", "ccph-2022", 2)],
        ),
        (
            lambda g: edit(g, "elections", {"id": "ccph-2025"}, community_candidate="A. Sadykova"),
            [("community_missing", "ccph-2025", None)],
        ),
        (
            lambda g: edit(
                g,
                "votes",
                {"election": "ccph-2025", "timestamp": datetime(2025, 10, 16, 10, 12)},
                timestamp=None,
            ),
            [("untimed", "ccph-2025", 1)],
        ),
        (_tie_2022, [("totals_mismatch", "ccph-2022", 2)]),
    ],
    ids=[
        "clean",
        "over_eligible",
        "unknown_candidate",
        "same_name_other_case",
        "total_differs",
        "blank_differs",
        "community_missing",
        "untimed",
        "tie_totals",
    ],
)
def test_integrity(change, expected: list) -> None:
    assert _issues(change(build_sample())) == expected


def test_issue_carries_the_numbers() -> None:
    grids = edit(build_sample(), "elections", {"id": "ccph-2025"}, total_votes=430)
    wb = workbook(grids)
    (issue,) = vm.check_integrity(wb["elections"], wb["votes"])
    assert issue.title == "CCPH community seat 2025"
    assert issue.params["recorded"] == 430 and issue.params["counted"] == 422


@pytest.mark.parametrize(
    ("statuses", "counted", "expected"),
    [
        ({"a": "certified", "b": "open"}, {"a", "b"}, "a"),  # a decided count before an open one
        ({"a": "closed", "b": "certified"}, {"a", "b"}, "b"),  # the latest decided
        ({"a": "certified", "b": "certified"}, {"a"}, "a"),  # b has no votes yet
        ({"a": "open", "b": "open"}, {"a", "b"}, "b"),  # nothing decided: the latest
    ],
)
def test_default_election(statuses: dict[str, str], counted: set[str], expected: str) -> None:
    elections = pd.DataFrame(
        {
            "id": list(statuses),
            "status": list(statuses.values()),
            "date": pd.to_datetime(["2024-01-01", "2025-01-01"]),
            "_row": [2, 3],
        }
    )
    votes = pd.DataFrame({"election": sorted(counted)})
    assert vm.default_election(elections, votes) == expected
