"""The votes page through AppTest: what a reader sees on the sample and on special workbooks."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import opened, run_page
from utils.analysis.privacy import small_counts_in
from utils.i18n import t

PAGE = "pages/votes.py"
# Links name an election by the sheet's id (?votes_election=ccph-2025), in every language.
CCPH_2025 = "ccph-2025"
CCPH_2022 = "ccph-2022"
BOARD_2026 = "board-2026"


def run(lang: str = "en", **params: str) -> AppTest:
    """Run the page with these URL parameters and every section open."""
    return run_page(PAGE, lang=lang, query={**opened(PAGE), **params}, timeout=60)


def texts(at: AppTest) -> str:
    """Every markdown, caption, info and warning on the page, one per line."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(parts)


def charts(at: AppTest) -> list[dict]:
    """The plotly specs sent to the browser."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def edit(grids: dict, tab: str, match: dict, **changes: object) -> dict:
    """Set ``changes`` on every row of ``tab`` whose cells equal ``match``."""
    col = {name: i for i, name in enumerate(grids[tab][0])}
    for row in grids[tab][1:]:
        if all(row[col[k]] == v for k, v in match.items()):
            for k, v in changes.items():
                row[col[k]] = v
    return grids


def test_default_is_the_latest_decided_election_and_the_open_one_is_announced() -> None:
    at = run()
    assert at.title[0].value == "Votes: election results"
    assert at.selectbox(key="votes_election").value == "ccph-2025"
    assert "Winner: Aigerim Sadykova (49.3%)" in texts(at)
    assert (
        "Voting is open in “Coalition steering committee 2026”: choose it above to follow the count."
        in texts(at)
    )


def test_a_first_visit_draws_the_result_and_names_the_rest() -> None:
    """Below the result's chart each section is a closed expander titled with what it holds;
    its charts and tables are sent once the reader opens it."""
    at = run_page(PAGE, lang="en", timeout=60)
    assert "Winner: Aigerim Sadykova (49.3%)" in texts(at)
    assert len(at.get("plotly_chart")) == 1  # the result
    assert not at.dataframe
    keys = ("votes.results.table_open", "votes.time.header", "votes.breakdown.header")
    assert [e.label for e in at.expander][:4] == [t(k, "en") for k in (*keys, "votes.list.header")]
    time = run_page(PAGE, lang="en", query={"votes_time_open": "true"}, timeout=60)
    assert len(time.get("plotly_chart")) == 2 and not time.dataframe
    table = run_page(PAGE, lang="en", query={"votes_table_open": "true"}, timeout=60)
    assert len(table.get("plotly_chart")) == 1 and len(table.dataframe) == 1


def test_the_open_election_is_one_choice_away() -> None:
    at = run(votes_election=BOARD_2026)
    assert at.selectbox(key="votes_election").value == "board-2026"
    assert "Voting is still open: every figure below is provisional." in texts(at)
    assert "leading so far: Ruslan Karimov" in texts(at)
    assert "Voting is open in" not in texts(at)


def test_an_old_link_with_the_elections_title_still_opens_it() -> None:
    """Links made before they carried ids named the election by its shown title."""
    at = run("ru", votes_election="CCPH community seat 2022")
    assert at.selectbox(key="votes_election").value == CCPH_2022
    assert at.query_params["votes_election"] == CCPH_2022  # rewritten with the id
    assert not at.toast


def test_sample_tells_the_47_percent_story_and_the_result() -> None:
    at = run(votes_election=CCPH_2025)
    words = texts(at)
    assert "Winner: Aigerim Sadykova (49.3%)" in words
    assert (
        "The coalition's candidate Aigerim Sadykova won the seat with 49.3% of the votes." in words
    )
    assert "crossed the 40% threshold at 11:03" in words
    assert (
        "Within 2 hours of the first count, Aigerim Sadykova had reached 47% of the votes "
        "(47.5% at 11:55) and never fell below it again."
    ) in words
    assert "rose by 17.3 percentage points since the previous election" in words
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Turnout"] == "65.9%"
    assert metrics["Votes for candidates"] == "412"
    assert metrics["Blank ballots"] == "<10"
    specs = charts(at)
    assert len(specs) == 4  # results, count over time, breakdown, record
    tally = specs[1]
    star = tally["data"][-1]
    assert star["x"][0].startswith("2025-10-16T11:03")
    assert any(s.get("y0") == 40 for s in tally["layout"]["shapes"])  # the threshold line


def test_sample_in_russian() -> None:
    at = run("ru", votes_election=CCPH_2025)
    words = texts(at)
    assert "Победитель — Aigerim Sadykova (49,3%)" in words
    assert "За 2 часа с начала подсчёта кандидат Aigerim Sadykova набрал(а) 47% голосов" in words
    assert at.title[0].value == "Голосование: итоги выборов"


@pytest.mark.parametrize("election", [BOARD_2026, CCPH_2025, CCPH_2022])
def test_nothing_small_reaches_the_browser(election: str) -> None:
    at = run(votes_election=election)
    for spec in charts(at):
        assert not small_counts_in(spec)
    for frame in at.dataframe:
        assert not small_counts_in(frame.value)


def test_small_groups_are_shown_as_marks() -> None:
    at = run(votes_election=CCPH_2025)
    breakdown = next(d.value for d in at.dataframe if "Voter group" in d.value.columns)
    lgbt = breakdown[breakdown["Voter group"] == "LGBT people"].iloc[0]
    assert lgbt["Bakyt Osmonov"] == "<10" and lgbt["Nurlan Zhumabaev"] == "<10"


def test_rounds_and_no_majority() -> None:
    at = run(votes_election=CCPH_2022, votes_round="1")
    assert at.selectbox(key="votes_round").value == 1
    words = texts(at)
    assert "No majority: no candidate reached the 40% threshold" in words
    assert "went to round 2" in words
    assert "The votes of this round carry no times" in words
    assert "The votes of this round are not broken down by voter group." in words
    at2 = run(votes_election=CCPH_2022)
    assert at2.selectbox(key="votes_round").value == 2  # the final round by default
    assert "Winner: Elena Kim (55.4%)" in texts(at2)


def test_presenter_mode_has_no_tables() -> None:
    # the toggle lives in app.py's sidebar
    at = run_page(PAGE, query={"votes_election": CCPH_2025}, state={"present": True}, timeout=60)
    assert not at.dataframe
    assert len(charts(at)) == 4


# --- special workbooks ------------------------------------------------------------------------


def _no_timestamps(g: dict) -> dict:
    return edit(g, "votes", {"election": "ccph-2025"}, timestamp=None)


def _tie(g: dict) -> dict:
    edit(g, "votes", {"election": "ccph-2022", "round": 2}, votes=150)
    return edit(g, "elections", {"id": "ccph-2022"}, total_votes=308)


def _inconsistent(g: dict) -> dict:
    edit(g, "elections", {"id": "ccph-2025"}, total_votes=430, eligible_voters=400)
    g["votes"].append(
        [
            {"election": "ccph-2022", "round": 2, "candidate": "Marat T.", "votes": 12}.get(c)
            for c in g["votes"][0]
        ]
    )
    return g


@pytest.mark.parametrize(
    ("change", "params", "expected", "warnings"),
    [
        (
            _no_timestamps,
            {"votes_election": CCPH_2025},
            ["The votes of this round carry no times", "Winner: Aigerim Sadykova (49.3%)"],
            [],
        ),
        (
            _tie,
            {"votes_election": CCPH_2022},
            ["Tie: Timur Alymkulov and Elena Kim have the same number of votes"],
            [],
        ),
        (
            _inconsistent,
            {"votes_election": CCPH_2025},
            [],
            [
                "CCPH community seat 2025, round 1: 422 ballots are recorded, more than the 400 "
                "eligible voters.",
                "CCPH community seat 2025, round 1: the elections tab records 430 ballots, but "
                "the votes tab adds up to 422",
            ],
        ),
        (
            _inconsistent,
            {"votes_election": CCPH_2022},
            [],
            [
                "CCPH community seat 2022, round 2: votes for «Marat T\\.», who is not among the "
                "candidates of round 1.",
                "CCPH community seat 2022, round 2: the elections tab records 344 ballots, but "
                "the votes tab adds up to 356",
            ],
        ),
    ],
    ids=["no_timestamps", "tie", "inconsistent_2025", "inconsistent_2022"],
)
def test_special_workbooks(
    use_workbook: Callable[[dict], object],
    change: Callable[[dict], dict],
    params: dict,
    expected: list[str],
    warnings: list[str],
) -> None:
    use_workbook(change(build_sample()))
    at = run(**params)
    words = texts(at)
    for text in expected:
        assert text in words
    shown = [w.value for w in at.warning]
    for text in warnings:
        assert any(w.startswith(text) for w in shown), shown
    if not warnings:
        assert not shown


def test_other_elections_problems_are_listed(use_workbook: Callable[[dict], object]) -> None:
    use_workbook(_inconsistent(build_sample()))
    at = run(votes_election=BOARD_2026)  # the open election has no problem of its own
    # Folded inside the record, the last section.
    assert at.expander[-1].label == "Problems in other elections: 4"
    assert at.expander[-2].label == t("votes.list.header", "en")


def test_workbook_without_elections(use_workbook: Callable[[dict], object]) -> None:
    grids = build_sample()
    del grids["elections"], grids["votes"]
    use_workbook(grids)
    at = run()
    assert any("'elections'" in i.value for i in at.info)


def test_open_election_without_votes(use_workbook: Callable[[dict], object]) -> None:
    grids = build_sample()
    col = grids["votes"][0].index("election")
    grids["votes"] = [grids["votes"][0]] + [r for r in grids["votes"][1:] if r[col] != "board-2026"]
    use_workbook(grids)
    at = run()
    assert at.selectbox(key="votes_election").value == "ccph-2025"  # a decided count first
    at = run(votes_election=BOARD_2026)
    assert "No votes are recorded for this election yet." in texts(at)
