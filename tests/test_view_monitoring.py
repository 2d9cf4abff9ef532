"""The Monitoring view's sentences, without AppTest, on the hand-worked sheet of
``tests.workbooks.monitoring_grids`` (the same loop as tests/test_analysis_monitoring.py).

Today is 10 March 2026 in Bishkek; with no earlier copy, "since the last meeting" is six weeks
back, 27 January 2026. Worked by hand:
- open (open, raised, committed or escalated): F-02, F-03, F-04 (escalated by its action),
  F-05 = 4; Police of Naryn has F-03 and F-04, the Ministry F-02, F-05 names nobody;
- overdue: F-02 only (due 1 Feb, no answer: 37 days); F-03 is due today, F-04 was escalated;
- resolved since 27 Jan: F-01 (its action of 15 Feb); F-06 and F-07 were resolved in 2025;
- did not hold: F-06 (checked in 2025-Q4);
- the Ministry answered F-01 in 21 days, F-06 in 7, F-07 in 14 (median 14), F-02 waits 59 days;
- the video and the social post reach 130 000 + 20 000 = 150 000 on 4 Oct 2025 at 09:00,
  2 days 23 hours after the first reading: past the target of 100 000, "in 3 days".
"""

from __future__ import annotations

import copy
from datetime import date

import pytest

from tests.workbooks import monitoring_grids
from utils.analysis.privacy import small_counts_in
from utils.sheet.parse import Workbook, parse_workbook
from utils.views import monitoring as v
from utils.views.sections import broken_sections, unwrap

TODAY = date(2026, 3, 10)


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return parse_workbook(monitoring_grids(), today=TODAY)


@pytest.fixture(scope="module")
def view(workbook: Workbook) -> v.MonitoringView:
    """The page with no filter, in English: built once for the tests that only read it."""
    return build(workbook)


def build(workbook: Workbook, lang: str = "en", earlier: Workbook | None = None, **filters):
    view = v.build(workbook, earlier, v.MonitoringFilters(**filters), lang=lang, today=TODAY)
    assert broken_sections(view) == []
    return view


def test_the_answer_says_what_is_open_who_must_respond_and_what_is_overdue(view) -> None:
    answer = view.answer
    assert answer.headline == (
        "**4 findings are still open.** Who must respond: УВД Нарына (2); Минздрав (1). "
        "**1 answer is overdue.** The oldest waits for Минздрав: F\\-02, due Feb 1, 2026, "
        "37 days overdue. 1 finding was resolved since Jan 27, 2026. "
        "At the next round, 1 fix had not held."
    )
    assert [(m.label, m.value) for m in answer.metrics] == [
        ("Open", "4"),
        ("Answers overdue", "1"),
        ("Resolved since the last meeting", "1"),
        ("Fixes that did not hold", "1"),
    ]
    # F-99 is not a finding; F-01 and F-04 are raised on their rows, resolved and escalated by
    # their latest actions.
    assert answer.notes == (
        "1 finding named in the actions tab is not in the findings tab (F\\-99); its actions "
        "are left out.",
        "For 2 findings the latest action gives another status than their row "
        "(F\\-01, F\\-04); the page uses the action's.",
    )


def test_the_answer_in_russian_takes_the_plural_forms(workbook) -> None:
    headline = build(workbook, "ru").answer.headline
    assert headline.startswith("**4 проблемы ещё не решены.** Кто должен ответить:")
    assert "**1 ответ просрочен.**" in headline
    assert "просрочено на 37 дней" in headline
    assert "решена 1 проблема" in headline


def test_a_region_is_a_cell_so_its_small_counts_are_hidden(workbook) -> None:
    view = build(workbook, regions=("KG-N",))
    assert view.answer.headline.startswith("**<10 findings are still open.**")
    assert [m.value for m in view.answer.metrics] == ["<10", "0", "0", "0"]
    assert small_counts_in(view.funnel) == []
    assert view.funnel.data[0].text == ("<10", "<10", "0", "0", "0")


def test_overdue_resolved_and_not_held_lists(view) -> None:
    assert view.overdue.table.to_dict("records") == [
        {
            "Finding": "F-02",
            "Duty bearer": "Минздрав",
            "Site or service": "Аптека №3",
            "Problem": "Stock-out",
            "Answer due": "Feb 1, 2026",
            "Days overdue": 37,
        }
    ]
    assert view.resolved.table["Finding"].tolist() == ["F-01"]
    assert view.resolved.note.startswith("No saved copy of the sheet holds the findings")
    assert view.not_held.table["Finding"].tolist() == ["F-06"]
    assert view.not_held.table["Checked in round"].tolist() == ["2025-Q4"]


def test_resolved_since_compares_with_the_copy_of_the_last_meeting(workbook) -> None:
    grids = copy.deepcopy(monitoring_grids())
    # The copy of 27 January: F-07 was still raised, and F-01's resolving action not yet typed.
    grids["findings"][7][15] = "raised"
    grids["actions"] = [row for row in grids["actions"] if row[1] != "15.02.2026"]
    earlier = parse_workbook(grids, today=date(2026, 1, 27))
    view = build(workbook, earlier=earlier, since=date(2026, 1, 27))
    assert view.resolved.table["Finding"].tolist() == ["F-01", "F-07"]
    assert view.resolved.note is None


def test_speed_per_duty_bearer_says_who_still_waits(view) -> None:
    speed = view.speed
    assert speed.lines == (
        "**УВД Нарына**: no answer yet. 2 still wait, the longest for 160 days.",
        "**Минздрав**: median 14 days to the first answer (3 findings answered). "
        "1 still waits, for 59 days. Median 41 days to resolution (3 resolved).",
    )
    medians = dict(zip(speed.figure.data[0].y, speed.figure.data[0].x, strict=True))
    assert medians["Минздрав"] == 14


def test_campaign_reach_is_told_like_the_votes_story(workbook, view) -> None:
    assert view.campaigns.lines == (
        "**«Стоп хейт»** passed its target of 100,000 on 4 Oct 2025, 09:00: "
        "**150,000 views in 3 days**.",
    )
    ru = build(workbook, "ru").campaigns.lines[0]
    assert "**150\u00a0000 просмотров за 3 дня**" in ru


def test_the_story_of_a_finding_is_its_actions_in_order(view) -> None:
    stories = view.stories
    assert stories.ids[0] == "F-05"  # newest found first
    table = stories.tables["F-01"]
    assert table["What was done"].tolist() == ["Письмо в Минздрав", "Звонок", "Проверка на месте"]
    assert table["New status"].tolist() == [
        "Raised with the duty bearer",
        "Commitment made",
        "Resolved",
    ]
    assert stories.tables["F-05"] is None


def test_a_workbook_without_the_tabs_says_which_to_add() -> None:
    grids = {"indicators": [["indicator"]]}
    empty = parse_workbook(grids, today=TODAY)
    options = v.choices(empty, [], today=TODAY, lang="en")
    assert options.missing is not None
    assert "«findings»" in options.missing and "«actions»" in options.missing
    assert not options.has_campaigns
    view = v.build(empty, None, v.MonitoringFilters(), lang="en", today=TODAY)
    assert view.answer is None and view.campaigns is None


@pytest.mark.parametrize(
    ("evidence", "region", "community", "expected"),
    [
        # An indicator id, written in another case: a link to its view, for the finding's
        # region and community, as the URL's ids.
        (
            "OST_Coverage",
            "KG-C",
            "pwid",
            "Evidence: [Opioid substitution therapy coverage](program_access?access_indicator="
            "ost_coverage&access_regions=KG-C&access_communities=pwid&lang=en) on Program "
            "access, for this region and community.",
        ),
        (
            "ost_coverage",
            "KG",
            "all",
            "Evidence: [Opioid substitution therapy coverage](program_access?access_indicator="
            "ost_coverage&lang=en) on Program access.",
        ),
        # A link or a note is text: shown as typed, never a live link or markup.
        ("https://example.org/a_b", "KG-C", "pwid", "Evidence: https\u2060://example\\.org/a\\_b."),
    ],
)
def test_evidence_that_names_an_indicator_links_to_its_view(
    sample_workbook, evidence, region, community, expected
) -> None:
    assert v.evidence_text(evidence, region, community, sample_workbook, "en") == expected


@pytest.mark.parametrize(
    ("regions", "communities", "expected"),
    [
        (("KG-N",), (), ["F-03", "F-04"]),  # both open in Naryn; severity 3 before 2
        ((), ("pwud",), ["F-02"]),  # people who inject drugs are people who use drugs; F-01 is done
        (("KG-O",), ("sw",), []),
    ],
)
def test_program_access_lists_the_open_findings_it_shows(
    workbook, regions, communities, expected
) -> None:
    listing = v.open_for_access(workbook, regions, communities, lang="en", today=TODAY)
    found = [] if listing.table is None else listing.table["Finding"].tolist()
    assert found == expected
    if not expected:
        assert listing.none.startswith("Community monitors have no open finding")


def test_program_access_says_nothing_of_a_sheet_without_findings() -> None:
    empty = parse_workbook({"indicators": [["indicator"]]}, today=TODAY)
    assert v.open_for_access(empty, (), (), lang="en", today=TODAY) is None


def test_a_milestone_row_on_strategy_names_its_findings(sample_workbook) -> None:
    from data.make_sample import TODAY as SAMPLE_TODAY
    from utils.views import strategy

    # data/README.md: the police findings (site 4 of every round) are linked to M-17, all
    # escalated but F-053, raised and still unanswered; M-01's six were all resolved.
    view = strategy.build(
        sample_workbook, None, strategy.StrategyFilters(), lang="en", today=SAMPLE_TODAY
    )
    late = unwrap(view.summary).listings[0].table.set_index("Id")["Monitoring findings"]
    assert late["M-17"] == (
        "F-003 (Not resolved / escalated), F-013 (Not resolved / escalated), "
        "F-023 (Not resolved / escalated), F-033 (Not resolved / escalated), "
        "F-043 (Not resolved / escalated), F-053 (Raised with the duty bearer)"
    )
    assert late["M-01"] == "6 resolved or closed"
    assert late["M-32"] == ""
