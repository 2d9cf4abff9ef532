"""The Votes page's view-model without AppTest: its sentences, numbers and sections.

Expected values are worked out by hand: on a tiny workbook made here (one election, two
candidates, 45 and 25 votes), or from the sample's hand-written story (data/make_sample.py:
the coalition's candidate passes 40% at 11:03 with 55 of 137 votes, 47% at 11:55 with 115 of
242, and ends with 203 of 412 = 49.3%).
"""

from __future__ import annotations

import copy
from datetime import date

import pytest

from data.make_sample import build_sample
from tests.workbooks import TODAY
from utils.sheet.contract import TABS_BY_NAME
from utils.sheet.parse import Workbook, parse_workbook
from utils.views import votes
from utils.views.sections import Broken, broken_sections, unwrap

K = 10


def _row(tab: str, **cells: object) -> list[object]:
    """One sheet row of ``tab``, blank except ``cells``."""
    return [cells.get(name) for name in TABS_BY_NAME[tab].column_names]


def tiny(title: str = "Seat 2024", *, counted: bool = True, **election: object) -> Workbook:
    """The sample's other tabs, with one election: Alice 45 and Bob 25 votes, 6 blank and 4
    invalid ballots, 80 ballots of 100 eligible voters, 50% to win, Alice the coalition's
    (``counted=False``: no votes yet)."""
    grids = copy.deepcopy(build_sample())
    cells = {
        "id": "seat-2024",
        "title": title,
        "body": "Council",
        "date": date(2024, 5, 14),
        "seats": 1,
        "eligible_voters": 100,
        "threshold": 50,
        "status": "certified",
        "total_votes": 80,
        "blank_votes": 6,
        "invalid_votes": 4,
        "community_candidate": "Alice",
        **election,
    }
    grids["elections"] = [grids["elections"][0], _row("elections", **cells)]
    grids["votes"] = [grids["votes"][0]]
    if counted:
        grids["votes"] += [
            _row("votes", election="seat-2024", round=1, candidate="Alice", votes=45),
            _row("votes", election="seat-2024", round=1, candidate="Bob", votes=25),
        ]
    return parse_workbook(grids, today=TODAY)


@pytest.fixture(scope="module")
def sample() -> Workbook:
    return parse_workbook(build_sample(), today=TODAY)


def view(
    workbook: Workbook, election: str, round_no: int | None = None, **options: object
) -> votes.VotesView:
    args: dict = {"lang": "en", "threshold": K, "today": TODAY, "presenting": False, **options}
    return votes.build(workbook, votes.VotesFilters(election, round_no), **args)


def test_filters_are_hashable_for_the_cache() -> None:
    assert hash(votes.VotesFilters("ccph-2022", 1)) == hash(votes.VotesFilters("ccph-2022", 1))


def test_choices_on_the_sample(sample: Workbook) -> None:
    options = votes.choices(sample, lang="en")
    assert options.elections == ("board-2026", "ccph-2025", "ccph-2022")  # latest first
    assert options.default == "ccph-2025"  # the latest decided; board-2026 is still open
    assert options.label("ccph-2022") == "CCPH community seat 2022"
    assert options.rounds("ccph-2022") == (1, 2)
    assert options.rounds("ccph-2025") == (1,)


def test_a_plain_win_in_words_and_numbers() -> None:
    v = view(tiny(), "seat-2024")
    assert v.round == 1 and not broken_sections(v)
    status = v.status
    assert not isinstance(status, Broken)
    assert status.line == (
        "**Status:** Results certified · **Body:** Council · **Date:** May 14, 2024"
    )
    assert status.note is None and status.issues == () and status.no_votes is None
    assert status.checks_ok is not None and status.checks_ok.endswith("passes every check: "
        "ballots within the eligible voters, no unknown candidate, totals agree.")  # fmt: skip
    results = v.results
    assert not isinstance(results, Broken) and results is not None
    # 45 of 70 votes for candidates = 64.3%, above the 50% threshold
    assert results.outcome == (
        "Winner: Alice (64.3%). To win, a candidate needs 50% of the votes cast for candidates."
    )
    assert results.lines == (
        "The coalition's candidate Alice won the seat with 64.3% of the votes.",
    )
    metrics = {m.label: (m.value, m.help) for m in results.metrics}
    assert metrics["Turnout"] == ("80.0%", "80 ballots counted of 100 eligible voters.")
    assert metrics["Votes for candidates"][0] == "70"
    assert metrics["Blank ballots"][0] == "<10"  # 6 and 4 are small
    assert metrics["Invalid ballots"][0] == "<10"
    assert results.table is not None and list(results.table["Votes"]) == ["45", "25"]
    assert results.caption


def test_no_times_and_no_groups_are_said() -> None:
    v = view(tiny(), "seat-2024")
    assert v.timeline is not None and v.breakdown is not None
    timeline, breakdown = v.timeline.get(), v.breakdown.get()
    assert not isinstance(timeline, Broken)
    assert timeline.none is not None and timeline.figure is None
    assert timeline.none.text == (
        "The votes of this round carry no times, so the count cannot be shown over time."
    )
    assert not isinstance(breakdown, Broken)
    assert breakdown.none is not None and breakdown.figure is None
    assert breakdown.none.text == "The votes of this round are not broken down by voter group."


def test_the_sections_below_the_answer_are_built_when_first_read(
    sample: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first visit shows the answer only (the page opens the rest on demand): building the
    view must not make the count over time, the breakdown or the record."""
    from utils.views import memo

    memo.clear()  # the record is shared between views: an earlier test may have made it
    made: list[str] = []
    for name in ("make_tally_figure", "make_breakdown_figure", "make_record_figure"):
        real = getattr(votes.vc, name)
        monkeypatch.setattr(
            votes.vc, name, lambda *a, _n=name, _r=real, **k: made.append(_n) or _r(*a, **k)
        )
    v = view(sample, "ccph-2025")
    assert v.results is not None and not isinstance(v.results, Broken)
    assert v.timeline is not None and v.breakdown is not None
    assert made == [] and not (v.timeline.built or v.breakdown.built or v.record.built)
    assert unwrap(v.timeline).figure is not None
    assert made == ["make_tally_figure"]
    assert not broken_sections(v)  # builds the others
    assert sorted(made) == ["make_breakdown_figure", "make_record_figure", "make_tally_figure"]


def test_the_record_counts_the_one_decided_election() -> None:
    record = view(tiny(), "seat-2024").record.get()
    assert not isinstance(record, Broken)
    assert record.summary == "The coalition's candidates won 1 of 1 decided election."
    assert record.other_label is None and record.other_issues == ()
    assert record.table is not None and list(record.table["Result"]) == ["won"]


def test_presenting_drops_tables_notes_and_other_checks() -> None:
    v = view(tiny(notes="Counted by hand"), "seat-2024", presenting=True)
    assert not isinstance(v.status, Broken) and v.status.notes is None
    assert not isinstance(v.results, Broken) and v.results is not None
    assert v.results.table is None and v.results.caption is None
    record = v.record.get()
    assert not isinstance(record, Broken)
    assert record.table is None and record.rules is None
    shown = view(tiny(notes="Counted by hand"), "seat-2024")
    assert not isinstance(shown.status, Broken) and shown.status.notes is not None
    assert shown.status.notes == "Note from the sheet: Counted by hand"  # escaped, unchanged


def test_sheet_text_is_escaped_in_the_sentences() -> None:
    v = view(tiny(body="<b>Council</b>", community_candidate="Alice"), "seat-2024")
    assert not isinstance(v.status, Broken)
    assert "<b>" not in v.status.line and "&lt;b&gt;" in v.status.line


def test_an_election_without_votes_has_no_result_sections() -> None:
    v = view(tiny(counted=False), "seat-2024")
    assert v.results is None and v.timeline is None and v.breakdown is None
    assert not isinstance(v.status, Broken)
    assert v.status.no_votes is not None
    assert v.status.no_votes.text == "No votes are recorded for this election yet."
    assert v.status.checks_ok is None


def test_the_sample_tells_the_47_percent_story(sample: Workbook) -> None:
    v = view(sample, "ccph-2025")
    assert not broken_sections(v)
    assert not isinstance(v.results, Broken) and v.results is not None
    assert v.results.outcome.startswith("Winner: Aigerim Sadykova (49.3%).")  # 203 of 412
    # Round 1 of 2025 against round 1 of 2022, where Timur Alymkulov had 112 of 350 = 32.0%:
    # 49.3 - 32.0 = +17.3 points
    assert v.results.lines[1] == (
        "The coalition candidate's share rose by 17.3 percentage points since the previous "
        "election (CCPH community seat 2022)."
    )
    assert v.timeline is not None and v.breakdown is not None
    timeline, breakdown = v.timeline.get(), v.breakdown.get()
    assert not isinstance(timeline, Broken)
    assert timeline.crossing is not None
    assert "crossed the 40% threshold at 11:03" in timeline.crossing  # 55 of 137 = 40.1%
    assert timeline.marks is not None
    assert (
        "- Within 2 hours of the first count, Aigerim Sadykova had reached 47% of the votes "
        "(47.5% at 11:55) and never fell below it again."
    ) in timeline.marks.splitlines()
    assert not isinstance(breakdown, Broken)
    assert breakdown.figure is not None and breakdown.table is not None
    assert not isinstance(v.status, Broken)
    assert [n.text for n in v.status.open_elsewhere] == [
        "Voting is open in “Coalition steering committee 2026”: choose it above to follow the count."
    ]


def test_round_one_of_2022_went_to_a_second_round(sample: Workbook) -> None:
    v = view(sample, "ccph-2022", 1)
    assert not isinstance(v.results, Broken) and v.results is not None
    # Elena Kim 118 of 350 = 33.7%: nobody reached 40%
    assert v.results.outcome == (
        "No majority: no candidate reached the 40% threshold, so the election went to round 2."
    )
    metrics = {m.label: m.value for m in v.results.metrics}
    assert metrics["Blank ballots"] == "not recorded"  # the ballot totals are round 2's
    final = view(sample, "ccph-2022")
    assert final.round == 2
    assert not isinstance(final.results, Broken) and final.results is not None
    assert final.results.outcome.startswith("Winner: Elena Kim (55.4%).")  # 186 of 336


def test_the_views_open_election_is_not_announced_as_elsewhere(sample: Workbook) -> None:
    v = view(sample, "board-2026")
    assert not isinstance(v.status, Broken)
    assert v.status.open_elsewhere == ()
    assert v.status.note is not None
    assert v.status.note.text == "Voting is still open: every figure below is provisional."


def test_a_failing_builder_breaks_only_its_section(
    sample: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(votes.vc, "make_results_figure", boom)
    v = view(sample, "ccph-2025")
    assert broken_sections(v) == ["results"]
    assert v.timeline is not None and not isinstance(v.timeline.get(), Broken)


# --- During a count (issue 16) ----------------------------------------------------------------


def test_an_open_count_elects_nobody_and_says_how_much_is_counted(
    sample_workbook: Workbook,
) -> None:
    """board-2026 is open: 54 votes for candidates counted of 84 eligible voters (64.3%);
    Karimov 16 and Usenov 15 hold the two seats so far."""
    v = view(sample_workbook, "board-2026", lang="ru")
    results = v.results
    assert not isinstance(results, Broken) and results is not None
    assert results.outcome.startswith("Голосование ещё идёт; пока лидируют Ruslan Karimov")
    assert results.outcome.endswith(
        "Подсчитано пока 54 бюллетеня — 64,3% от 84 избирателей с правом голоса."
    )
    assert results.table is not None
    assert list(results.table["Итог"]) == ["лидирует", "лидирует", "", ""]
    assert "избран" not in " ".join([results.outcome, *results.lines])
    assert results.metrics[0].label == "Явка на сейчас"
    assert results.figure is not None
    assert not any("✓" in text for text in results.figure.data[0].text)


def test_a_closed_count_short_of_the_commission_total_is_still_being_counted() -> None:
    """80 ballots counted (45 + 25 + 6 blank + 4 invalid) of the 90 the commission recorded."""
    counting = view(tiny(status="closed", total_votes=90), "seat-2024").results
    assert not isinstance(counting, Broken) and counting is not None
    assert counting.outcome.startswith("Voting is still open; leading so far: Alice (64.3%).")
    assert counting.outcome.endswith(
        "Counted so far: 80 of the 90 ballots in the commission's record (88.9%)."
    )
    assert counting.table is not None and list(counting.table["Result"]) == ["leading", ""]
    done = view(tiny(status="closed", total_votes=80), "seat-2024").results
    assert not isinstance(done, Broken) and done is not None
    assert done.outcome.startswith("Winner: Alice (64.3%).")
    assert done.table is not None and list(done.table["Result"]) == ["elected", ""]


def _colours_by_name(figure: object, *, lines: bool = False) -> dict[str, str]:
    """candidate -> colour in a figure: one bar per candidate, or one trace per candidate."""
    data = figure.data  # type: ignore[attr-defined]
    if len(data) == 1 and not lines:
        return dict(zip(data[0].y, data[0].marker.color, strict=True))
    return {
        trace.name: (trace.line.color if lines else trace.marker.color)
        for trace in data
        if trace.name in {"Aigerim Sadykova", "Bakyt Osmonov", "Nurlan Zhumabaev"}
    }


def test_a_candidate_keeps_one_colour_on_every_chart_and_the_slide(
    sample_workbook: Workbook,
) -> None:
    from utils.render import theme
    from utils.views import slides

    v = view(sample_workbook, "ccph-2025")
    assert not isinstance(v.results, Broken) and v.results is not None
    assert v.timeline is not None and v.breakdown is not None
    timeline, breakdown = v.timeline.get(), v.breakdown.get()
    assert not isinstance(timeline, Broken) and not isinstance(breakdown, Broken)
    results = _colours_by_name(v.results.figure)
    tally = _colours_by_name(timeline.figure, lines=True)
    groups = _colours_by_name(breakdown.figure)
    slide = slides.election_slide(sample_workbook, lang="en", threshold=K)
    on_slide = _colours_by_name(slide.figure, lines=True)
    # The coalition's candidate in the highlight; the others in the sheet's order of names.
    expected = {
        "Aigerim Sadykova": theme.HIGHLIGHT,
        "Bakyt Osmonov": "#E69F00",
        "Nurlan Zhumabaev": "#009E73",
    }
    assert results == tally == groups == on_slide == expected


def test_voter_groups_of_the_contract_are_named_in_the_pages_language(
    sample_workbook: Workbook,
) -> None:
    v = view(sample_workbook, "ccph-2025", lang="ky")
    assert v.breakdown is not None
    breakdown = v.breakdown.get()
    assert not isinstance(breakdown, Broken)
    assert breakdown.table is not None
    groups = list(breakdown.table.iloc[:, 0])
    assert "ЛГБТ адамдар" in groups and "ВИЧ менен жашаган адамдар" in groups
    assert "Other civil society" in groups  # not a community of the contract: as written
    assert "LGBT people" not in groups
    assert breakdown.figure is not None
    assert "ЛГБТ адамдар" in list(breakdown.figure.data[0].y)


def test_charts_with_nothing_to_show_say_so_in_words(sample_workbook: Workbook) -> None:
    """board-2026's four voter groups hold 11 to 15 votes each, shared by four candidates:
    every part is below 10 or would give one away, so the split is words, not hatching."""
    later = view(sample_workbook, "board-2026").breakdown
    assert later is not None
    breakdown = later.get()
    assert not isinstance(breakdown, Broken)
    assert breakdown.figure is None and breakdown.none is not None
    assert breakdown.none.text == (
        "No chart of the voter groups: in every group, the split by candidate would give "
        "away a count below 10, so it is hidden."
    )
    assert breakdown.table is not None  # the group totals still show
    grids = copy.deepcopy(build_sample())
    seat = {"id": "seat-2024", "title": "Seat 2024", "date": date(2024, 5, 14), "seats": 1}
    grids["elections"] = [grids["elections"][0], _row("elections", **seat, status="certified")]
    grids["votes"] = [
        grids["votes"][0],
        _row("votes", election="seat-2024", round=1, candidate="Alice", votes=5),
        _row("votes", election="seat-2024", round=1, candidate="Bob", votes=3),
    ]
    results = view(parse_workbook(grids, today=TODAY), "seat-2024").results
    assert not isinstance(results, Broken) and results is not None
    assert results.figure is None and results.empty is not None
    assert results.empty.text == (
        "No chart of the shares: each one would give away a count below 10, so all of them "
        "are hidden."
    )


def test_the_results_worked_out_ahead_are_the_ones_a_first_choice_uses(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from utils.views import memo

    memo.clear()
    options = votes.choices(sample_workbook, lang="en")
    decided = [e for e in options.elections if options.rounds(e)]
    assert votes.WARM_AT_MOST > len(decided) > 1
    assert votes.warm_results(sample_workbook, threshold=K) == len(decided)

    def counted_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the count was worked out again")

    monkeypatch.setattr(votes.vm, "round_result", counted_again)
    monkeypatch.setattr(votes.vm, "check_election", counted_again)
    for election in decided:  # each election as the picker opens it, in every language
        for lang in ("ru", "ky", "en"):
            v = view(sample_workbook, election, lang=lang)
            assert not isinstance(v.results, Broken) and not isinstance(v.status, Broken)
            assert v.results is not None and v.results.outcome


def test_working_out_ahead_stops_at_its_budget(
    sample_workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from utils.views import memo

    memo.clear()
    monkeypatch.setattr(votes, "WARM_AT_MOST", 1)
    counted: list[str] = []
    monkeypatch.setattr(
        votes.vm, "round_result", lambda *a, election_id, **k: counted.append(election_id)
    )
    assert votes.warm_results(sample_workbook, threshold=K) == 1
    assert counted == [votes.vm.election_ids(sample_workbook["elections"])[0]]
