"""Votes figures and sentences, asserted on fig.data / fig.layout and on the words."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from data.make_sample import build_sample
from utils.analysis import votes as vm
from utils.analysis.privacy import small_counts_in
from utils.render import theme
from utils.render import votes as vc
from utils.sheet.parse import Workbook, parse_workbook
from utils.views import votes as vv


@pytest.fixture(scope="module")
def sample() -> Workbook:
    return parse_workbook(build_sample(), today=date(2026, 11, 27))


def _result(wb: Workbook, election: str, round_no: int = 1) -> vm.RoundResult:
    return vm.round_result(wb["elections"], wb["votes"], election_id=election, round_no=round_no)


def test_results_figure_sorted_with_threshold_and_highlight(sample: Workbook) -> None:
    res = _result(sample, "ccph-2025")
    names = vm.candidate_names(sample["votes"], "ccph-2025")
    assert names == ("Aigerim Sadykova", "Bakyt Osmonov", "Nurlan Zhumabaev")  # sheet order
    colours = vc.candidate_colours(names, "aigerim  SADYKOVA")  # matched as names are
    fig = vc.make_results_figure(res.candidates, lang="en", threshold=40, colours=colours)
    (bar,) = fig.data
    # plotly draws the first category at the bottom: the winner is last, so on top
    assert list(bar.y) == ["Nurlan Zhumabaev", "Bakyt Osmonov", "Aigerim Sadykova"]
    assert bar.x[-1] == pytest.approx(49.27, abs=0.01)
    assert list(bar.marker.color) == ["#009E73", "#E69F00", theme.HIGHLIGHT]
    assert bar.text[-1] == "49.3% ✓"
    (line,) = fig.layout.shapes
    assert (line.x0, line.x1) == (40, 40)
    assert fig.layout.annotations[0].text == "Threshold 40%"
    assert fig.layout.title.text == "Share of the vote per candidate"


def test_results_figure_hides_small_counts(sample: Workbook) -> None:
    res = _result(sample, "board-2026")
    fig = vc.make_results_figure(res.candidates, lang="ru", threshold=None, k=10)
    (bar,) = fig.data
    hidden = res.candidates["share_suppressed"].to_numpy()[::-1]
    assert [t for t, h in zip(bar.text, hidden, strict=True) if h] == ["*"] * int(hidden.sum())
    assert any("<10" in h or "*" in h for h in bar.hovertext)
    assert not fig.layout.shapes  # no threshold in this election
    assert not small_counts_in(fig)


def test_tally_figure_marks_the_crossing(sample: Workbook) -> None:
    timeline = vm.tally_over_time(sample["votes"], "ccph-2025", 1)
    crossing = vm.first_crossing(timeline, "Aigerim Sadykova", 40)
    fig = vc.make_tally_figure(
        timeline, lang="en", threshold=40, community="Aigerim Sadykova", crossing=crossing
    )
    names = [trace.name for trace in fig.data]
    assert names == ["Aigerim Sadykova", "Bakyt Osmonov", "Nurlan Zhumabaev", "Threshold crossed"]
    star = fig.data[-1]
    assert pd.Timestamp(star.x[0]) == pd.Timestamp(2025, 10, 16, 11, 3)
    assert star.y[0] == pytest.approx(40.15, abs=0.01)
    assert fig.data[0].line.color == theme.HIGHLIGHT and fig.data[0].line.shape == "hv"
    assert fig.layout.shapes[0].y0 == 40
    assert "40.1% at 11:03" in [a.text for a in fig.layout.annotations]
    assert len(fig.data[0].x) == 17  # one point per batch


def test_breakdown_figure_stacks_shares_and_greys_hidden_parts(sample: Workbook) -> None:
    cells = vm.breakdown(sample["votes"], "ccph-2025", 1)
    assert cells is not None
    fig = vc.make_breakdown_figure(cells, lang="en", community="Aigerim Sadykova")
    assert fig.layout.barmode == "stack"
    hidden = fig.data[-1]
    assert hidden.name == "Hidden (small numbers)"
    lgbt = list(hidden.y).index("LGBT people")
    assert hidden.x[lgbt] == pytest.approx(100 * 8 / 22, abs=0.01)  # Osmonov 5 + Zhumabaev 3
    for trace in fig.data[:-1]:  # the shown parts and the grey block add up to 100% per group
        assert len(trace.x) == 5
    assert not small_counts_in(fig)


def test_record_figure(sample: Workbook) -> None:
    record = vm.coalition_record(sample["elections"], sample["votes"])
    fig = vc.make_record_figure(record, lang="en")
    bar = fig.data[0]
    assert list(bar.x) == [
        "CCPH community seat 2022 · Oct 20, 2022",
        "CCPH community seat 2025 · Oct 16, 2025",
    ]
    assert list(bar.text) == ["44.6% · not elected", "49.3% · won"]
    assert list(fig.data[1].y) == [40, 40]  # the thresholds


def test_sheet_text_is_inert_in_figures(sample: Workbook) -> None:
    res = _result(sample, "ccph-2025")
    cand = res.candidates.copy()
    cand.loc[0, "candidate"] = "<a href='x'>Evil</a>"
    fig = vc.make_results_figure(cand, lang="en", threshold=40)
    assert "<a" not in "".join(fig.data[0].y)
    assert "&lt;a" in fig.data[0].y[-1]


@pytest.mark.parametrize(
    ("minutes", "lang", "text"),
    [
        (51, "en", "51 minutes"),
        (103, "en", "1 hour 43 minutes"),
        (120, "en", "2 hours"),
        (103, "ru", "1 час 43 минуты"),
        (120, "ky", "2 саат"),
        (0, "en", "0 minutes"),
    ],
)
def test_fmt_duration(minutes: int, lang: str, text: str) -> None:
    assert vc.fmt_duration(timedelta(minutes=minutes), lang) == text


@pytest.mark.parametrize(
    ("election", "round_no", "lang", "text"),
    [
        (
            "ccph-2025",
            1,
            "en",
            "Winner: Aigerim Sadykova (49.3%). To win, a candidate needs 40% of the votes cast "
            "for candidates.",
        ),
        (
            "ccph-2022",
            1,
            "en",
            "No majority: no candidate reached the 40% threshold, so the election went to round 2.",
        ),
        ("ccph-2022", 2, "ru", "Победитель — Elena Kim (55,4%)."),
        ("board-2026", 1, "en", "Voting is still open; leading so far: Ruslan Karimov (29.6%) and"),
    ],
)
def test_describe_outcome(
    sample: Workbook, election: str, round_no: int, lang: str, text: str
) -> None:
    assert vv.describe_outcome(_result(sample, election, round_no), lang).startswith(text)


def test_describe_tie() -> None:
    grids = build_sample()
    header = grids["votes"][0]
    for row in grids["votes"][1:]:
        if row[header.index("election")] == "ccph-2022" and row[header.index("round")] == 2:
            row[header.index("votes")] = 150
    wb = parse_workbook(grids, today=date(2026, 11, 27))
    text = vv.describe_outcome(_result(wb, "ccph-2022", 2), "en")
    assert text.startswith("Tie: Timur Alymkulov and Elena Kim have the same number of votes")


def test_describe_community_and_change(sample: Workbook) -> None:
    res = _result(sample, "ccph-2025")
    assert vv.describe_community(res, "en") == (
        "The coalition's candidate Aigerim Sadykova won the seat with 49.3% of the votes."
    )
    assert vv.describe_change(res, "en") == (
        "The coalition candidate's share rose by 17.3 percentage points since the previous "
        "election (CCPH community seat 2022)."
    )
    lost = _result(sample, "ccph-2022", 2)
    assert "was not elected: place 2 with 44.6%" in (vv.describe_community(lost, "en") or "")


def test_describe_crossing_and_marks(sample: Workbook) -> None:
    timeline = vm.tally_over_time(sample["votes"], "ccph-2025", 1)
    crossing = vm.first_crossing(timeline, "Aigerim Sadykova", 40)
    assert vv.describe_crossing(
        crossing, candidate="Aigerim Sadykova", threshold=40, lang="en"
    ) == (
        "Aigerim Sadykova crossed the 40% threshold at 11:03, 51 minutes after the first votes "
        "were counted, with 40.1% of the votes."
    )
    marks = vm.hour_marks(timeline, "Aigerim Sadykova")
    day = timeline["timestamp"].min()
    assert vv.describe_mark("Aigerim Sadykova", marks[1], "en", day=day) == (
        "Within 2 hours of the first count, Aigerim Sadykova had reached 47% of the votes "
        "(47.5% at 11:55) and never fell below it again."
    )
    assert "За 2 часа" in vv.describe_mark("Aigerim Sadykova", marks[1], "ru", day=day)
    assert vv.describe_crossing(None, candidate="X", threshold=40, lang="en") == (
        "X's running share never reached the 40% threshold during the count."
    )


@pytest.mark.parametrize(
    ("issue", "text"),
    [
        (
            vm.Issue("over_eligible", "e", "Vote A", 2, {"counted": 1200, "eligible": 1000}),
            "Vote A, round 2: 1,200 ballots are recorded, more than the 1,000 eligible voters.",
        ),
        (
            vm.Issue("unknown_candidate", "e", "Vote A", 2, {"names": ["Z"], "first_round": 1}),
            "Vote A, round 2: votes for «Z», who is not among the candidates of round 1.",
        ),
        (
            vm.Issue("totals_mismatch", "e", "Vote A", 1, {"recorded": 430, "counted": 422}),
            "Vote A, round 1: the elections tab records 430 ballots, but the votes tab adds up "
            "to 422",
        ),
        (
            vm.Issue("community_missing", "e", "Vote A", None, {"name": "Q"}),
            "Vote A: the coalition's candidate Q (elections tab) has no rows in the votes tab.",
        ),
    ],
)
def test_describe_issue_names_election_and_round(issue: vm.Issue, text: str) -> None:
    assert vv.describe_issue(issue, "en").startswith(text)


def test_describe_issue_escapes_sheet_text() -> None:
    issue = vm.Issue("community_missing", "e", "**Vote**", None, {"name": "[x](y)"})
    text = vv.describe_issue(
        issue, "en", escape=lambda s: s.replace("*", "\\*").replace("[", "\\[")
    )
    assert "\\*\\*Vote\\*\\*" in text and "\\[x](y)" in text


def test_election_labels_are_language_neutral_and_unique() -> None:
    day = pd.Timestamp(2025, 1, 2)
    labels = vc.election_labels(
        {"a": ("Seat", day), "b": ("Seat", pd.Timestamp(2026, 1, 2)), "c": ("Other", None)}
    )
    assert labels == {"a": "Seat · 2025-01-02", "b": "Seat · 2026-01-02", "c": "Other"}
    same_day = vc.election_labels({"a": ("Seat", day), "b": ("Seat", day)})
    assert same_day == {"a": "Seat · 2025-01-02 · a", "b": "Seat · 2025-01-02 · b"}


def test_tables_show_hidden_counts_as_marks(sample: Workbook) -> None:
    cells = vm.breakdown(sample["votes"], "ccph-2025", 1)
    assert cells is not None
    table = vc.breakdown_table(cells, lang="en", k=10)
    lgbt = table[table["Voter group"] == "LGBT people"].iloc[0]
    assert lgbt["Aigerim Sadykova"] == "14" and lgbt["Group total"] == "22"
    assert {lgbt["Bakyt Osmonov"], lgbt["Nurlan Zhumabaev"]} == {"<10"}
    assert not small_counts_in(table)
    results = vc.results_table(_result(sample, "board-2026"), lang="en", k=10)
    assert set(results["Votes"]) >= {"<10"}
    assert not small_counts_in(results)
