"""The Overview's numbers: national pooling, targets, trend, strategy, election and members."""

from __future__ import annotations

from datetime import date

import pytest

from data.make_sample import TODAY, build_sample
from tests.test_parse import _header, _row, base
from utils.analysis import overview
from utils.sheet.parse import parse_workbook


def _workbook(rows: list[list[object]], catalog_target: object = 50, higher: str = "yes"):
    grids = base()
    grids["catalog"][1][grids["catalog"][0].index("target")] = catalog_target
    grids["catalog"][1][grids["catalog"][0].index("higher_is_better")] = higher
    grids["indicators"] = [_header("indicators"), *rows]
    return parse_workbook(grids, today=date(2026, 6, 1))


def _ost(period: str, region: str, num: int, den: int, community: str = "pwid") -> list[object]:
    return _row(
        "indicators",
        indicator="ost",
        period=period,
        region=region,
        community=community,
        numerator=num,
        denominator=den,
    )


@pytest.mark.parametrize(
    ("rows", "rate", "change"),
    [
        # sum of numerators over sum of denominators: 100/400 = 25 %, not the mean 20 %
        ([_ost("2025-Q1", "Chuy", 10, 100), _ost("2025-Q1", "Osh", 90, 300)], 25.0, None),
        # communities add up too (no overlap between pwid and sw)
        (
            [_ost("2025-Q1", "Chuy", 20, 100), _ost("2025-Q1", "Chuy", 30, 100, "sw")],
            25.0,
            None,
        ),
        # the latest period, and the change since the one before
        (
            [
                _ost("2025-Q1", "Chuy", 40, 200),
                _ost("2025-Q2", "Chuy", 50, 200),
                _ost("2025-Q2", "Osh", 30, 200),
            ],
            20.0,
            0.0,
        ),
        (
            [_ost("2025-Q1", "Chuy", 40, 200), _ost("2025-Q2", "Chuy", 60, 200)],
            30.0,
            10.0,
        ),
    ],
)
def test_key_figure_pools_nationally(
    rows: list[list[object]], rate: float, change: float | None
) -> None:
    wb = _workbook(rows)
    figure = overview.key_figure(wb["indicators"], wb["catalog"], "ost", "en", threshold=10)
    assert figure.rate == pytest.approx(rate)
    assert figure.change == (None if change is None else pytest.approx(change))
    assert figure.trend[-1] == pytest.approx(rate)
    assert figure.meets_target is False  # target 50


@pytest.mark.parametrize(
    ("target", "higher", "meets"), [(20, "yes", True), (20, "no", False), (None, "yes", None)]
)
def test_target_direction(target: object, higher: str, meets: bool | None) -> None:
    wb = _workbook([_ost("2025-Q1", "Chuy", 50, 200)], target, higher)
    figure = overview.key_figure(wb["indicators"], wb["catalog"], "ost", "ru", threshold=10)
    assert figure.meets_target is meets
    assert figure.name == "Охват ОЗТ"


def test_a_figure_built_on_too_few_people_is_hidden() -> None:
    wb = _workbook([_ost("2025-Q1", "Naryn", 3, 40)])
    figure = overview.key_figure(wb["indicators"], wb["catalog"], "ost", "en", threshold=10)
    assert figure.period == "2025-Q1" or figure.period is None
    assert figure.rate is None
    assert all(v is None for v in figure.trend)


def test_key_indicators_on_the_sample() -> None:
    wb = parse_workbook(build_sample(), today=TODAY)
    figures = overview.key_indicators(wb["indicators"], wb["catalog"], "en", limit=10)
    ids = [f.indicator for f in figures]
    assert ids[:3] == ["prevention_coverage", "ost_coverage", "nsp_syringes"]
    ost = figures[ids.index("ost_coverage")]
    assert ost.target == 50 and ost.meets_target is False
    assert ost.unit == "percent" and 0 < ost.rate < 50
    assert len(ost.trend) == 15


def test_strategy_summary_counts_overdue_at_today() -> None:
    wb = parse_workbook(build_sample(), today=TODAY)
    summary = overview.strategy_summary(wb["milestones"], TODAY)
    assert summary.milestones == 32
    assert sum(summary.by_status.values()) == 32
    assert summary.by_status["done"] == 7
    assert summary.share_done == pytest.approx(7 / 30 * 100)  # cancelled left out
    assert list(summary.overdue.columns) == [
        "id",
        "milestone",
        "lead",
        "due",
        "status",
        "days_late",
    ]
    assert (summary.overdue["due"] < str(TODAY)).all()
    assert summary.overdue["days_late"].is_monotonic_decreasing


def test_latest_election_is_the_latest_decided_one_and_else_the_open_one() -> None:
    grids = build_sample()
    wb = parse_workbook(grids, today=TODAY)
    latest = overview.latest_election(wb["elections"], wb["votes"])
    assert latest is not None and latest.election == "ccph-2025"  # decided, before the open one
    assert latest.is_coalition and latest.candidate == "Aigerim Sadykova"
    assert latest.elected is True and latest.share > 40
    status = grids["elections"][0].index("status")
    for row in grids["elections"][1:]:
        row[status] = "open"  # nothing decided yet: the latest election with votes
    wb = parse_workbook(grids, today=TODAY)
    latest = overview.latest_election(wb["elections"], wb["votes"])
    assert latest.election == "board-2026"
    assert latest.status == "open" and latest.elected is None


def test_members() -> None:
    wb = parse_workbook(build_sample(), today=TODAY)
    assert overview.member_counts(wb["members"]) == {"member": 7, "candidate": 2}
    by = overview.members_by_community(wb["members"])
    assert by["sw"] == ["Tulip Sex Workers' Alliance", "Silk Road Sisters"]
