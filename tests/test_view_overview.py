"""The Overview's view-model without AppTest: its sentences and numbers on a tiny workbook.

Every expected value is worked out by hand from the rows below, not by the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from data.make_sample import TODAY, build_sample
from tests.test_parse import _header, _row, base
from utils.sheet.parse import Workbook, parse_workbook
from utils.views import overview
from utils.views.sections import Broken, broken_sections, unwrap

DAY = date(2026, 6, 1)


def _grids() -> dict[str, list[list[object]]]:
    """The small test workbook with a target, a coalition candidate and a late milestone."""
    grids = base()
    catalog = grids["catalog"]
    catalog[1][catalog[0].index("target")] = 50  # ost: 25 % then 27.5 %, below target
    catalog[1][catalog[0].index("higher_is_better")] = "yes"
    elections = grids["elections"]
    elections[1][elections[0].index("community_candidate")] = "A"
    grids["votes"] = [
        _header("votes"),
        _row("votes", election="ccph", round=1, candidate="A", votes=60),  # 60 of 100
        _row("votes", election="ccph", round=1, candidate="B", votes=40),
    ]
    grids["milestones"].append(
        _row("milestones", id="M-02", objective="o", milestone="late one", lead="Org",
             start="01.03.2025", due="01.01.2026", status="delayed", progress="10%")
    )  # fmt: skip
    return grids


def _view(
    grids: dict | None = None, lang: str = "en", presenting: bool = False
) -> overview.OverviewView:
    workbook: Workbook = parse_workbook(grids or _grids(), today=DAY)
    return overview.build(
        workbook,
        overview.OverviewFilters(),
        lang=lang,
        threshold=10,
        today=DAY,
        presenting=presenting,
    )


def test_key_indicator_against_its_target() -> None:
    view = _view()
    assert broken_sections(view) == []
    assert view.problems is None
    indicators = unwrap(view.indicators)
    assert indicators.missing is None and indicators.none is None and indicators.columns == 3
    (ost,) = indicators.figures  # the only indicator with a target
    # 110 / 400 = 27.5 % in 2025-Q2, 100 / 400 = 25 % before: +2.5 points
    assert ost.metric.label == "OST coverage"
    assert ost.metric.value == "27.5%"
    assert ost.metric.delta == "+2.5 pp"
    assert ost.metric.delta_color == "normal"
    assert ost.metric.delta_description == "since 2025-Q1"
    assert ost.metric.chart_data == pytest.approx((25.0, 27.5))
    assert ost.caption == "Target 50.0% · 2025-Q2 · Below target"


def test_a_fall_is_signed_for_st_metric_in_russian() -> None:
    grids = _grids()
    numerator = grids["indicators"][0].index("numerator")
    grids["indicators"][2][numerator] = 90  # 2025-Q2: 90 / 400 = 22.5 %, 2.5 points down
    ost = unwrap(_view(grids, "ru").indicators).figures[0]
    assert ost.metric.value.startswith("22,5")
    assert ost.metric.delta == "-2,5 п. п."
    assert ost.metric.label == "Охват ОЗТ"


def test_the_latest_election() -> None:
    election = unwrap(_view().election)
    assert election.title == "CCPH seat"
    assert election.date == "Mar 14, 2025"
    assert election.metric == overview.Metric("A: share of votes", "60.0%")
    assert election.said == "The coalition's candidate. Elected."
    assert election.seats == "Seats won by the coalition's candidates: 1 of 1 decided election."


def test_strategy_counts_what_is_late() -> None:
    strategy = unwrap(_view().strategy)
    # M-01 done, M-02 due 1 January 2026 and delayed: 151 days late on 1 June 2026
    assert [(m.label, m.value) for m in strategy.metrics] == [
        ("Milestones done", "50%"),
        ("Overdue", "1"),
        ("Milestones in the plan", "2"),
    ]
    assert strategy.by_status == "Delayed: 1 · Done: 1"
    assert strategy.none_overdue is None
    assert strategy.overdue is not None
    assert list(strategy.overdue.columns) == ["id", "milestone", "lead", "due", "days_late"]
    assert strategy.overdue["milestone"].tolist() == ["late one"]
    assert strategy.overdue["days_late"].tolist() == [151]


def test_nothing_overdue_is_said() -> None:
    grids = base()
    strategy = unwrap(_view(grids).strategy)
    assert strategy.none_overdue == "Nothing is overdue."
    assert strategy.overdue is None
    assert strategy.metrics[0].value == "100%"


def test_members_by_community() -> None:
    members = unwrap(_view().members)
    assert [(m.label, m.value) for m in members.metrics] == [
        ("Member organisations", "1"),
        ("Candidate members", "0"),
    ]
    assert members.by_community is not None
    assert members.by_community.to_dict("records") == [
        {"community": "Sex workers", "organisations": "Org"}
    ]


def test_presenting_has_no_tables_and_two_columns() -> None:
    view = _view(presenting=True)
    assert unwrap(view.indicators).columns == 2
    assert unwrap(view.strategy).overdue is None
    assert unwrap(view.members).by_community is None


def test_missing_tabs_are_named() -> None:
    grids = _grids()
    del grids["members"], grids["votes"], grids["elections"]
    view = _view(grids)
    assert unwrap(view.members).missing == "members"
    assert unwrap(view.election).missing == "votes"
    assert unwrap(view.strategy).missing is None


def test_problems_are_pointed_out_except_when_presenting() -> None:
    grids = _grids()
    grids["indicators"][1][grids["indicators"][0].index("region")] = "Atlantis"
    assert _view(grids).problems == "1 value in the sheet could not be used."
    assert _view(grids, presenting=True).problems is None


def test_sheet_text_is_escaped_in_labels_and_titles() -> None:
    grids = _grids()
    grids["catalog"][1][grids["catalog"][0].index("name_en")] = "<b>OST</b>"
    grids["elections"][1][grids["elections"][0].index("title")] = "**seat**"
    view = _view(grids)
    assert "<b>" not in unwrap(view.indicators).figures[0].metric.label
    assert "**" not in unwrap(view.election).title


def test_a_failing_section_breaks_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(overview.overview, "member_counts", boom)
    view = _view()
    assert view.members == Broken("members")
    assert broken_sections(view) == ["members"]


def test_sample_figures_match_the_page() -> None:
    view = overview.build(
        parse_workbook(build_sample(), today=TODAY),
        overview.OverviewFilters(),
        lang="en",
        threshold=10,
        today=TODAY,
        presenting=False,
    )
    labels = [f.metric.label for f in unwrap(view.indicators).figures]
    assert "Opioid substitution therapy coverage" in labels
    members = unwrap(view.members)
    assert [m.value for m in members.metrics] == ["7", "2"]  # the sample's 7 and 2
    assert unwrap(view.strategy).metrics[2].value == "32"


def test_the_monitoring_card_counts_open_overdue_and_resolved_this_quarter() -> None:
    from tests.workbooks import monitoring_grids

    # tests/test_view_monitoring.py works the sheet out by hand: 4 open, F-02 overdue, and
    # F-01 resolved on 15 Feb 2026, in the quarter of 10 March (F-06, F-07 in 2025).
    workbook = parse_workbook(monitoring_grids(), today=date(2026, 3, 10))
    view = overview.build(
        workbook,
        overview.OverviewFilters(),
        lang="en",
        threshold=10,
        today=date(2026, 3, 10),
        presenting=False,
    )
    card = unwrap(view.monitoring)
    assert [(m.label, m.value) for m in card.metrics] == [
        ("Open findings", "4"),
        ("Overdue answers", "1"),
        ("Resolved this quarter", "1"),
    ]
    assert card.said == "This quarter: Jan 1, 2026 to Mar 10, 2026 (Bishkek)."
    without = parse_workbook({"indicators": [["indicator"]]}, today=date(2026, 3, 10))
    assert overview.build(
        without, overview.OverviewFilters(), lang="en", threshold=10, today=date(2026, 3, 10),
        presenting=False,
    ).monitoring is None  # fmt: skip
