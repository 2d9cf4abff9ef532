"""Pooling, row selection and the answer of the Program access page, table-driven."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from utils.analysis import indicators as m
from utils.sheet.parse import parse_workbook
from utils.sources.files import SAMPLE_PATH, XlsxSource

NAN = math.nan


def rows(*specs: tuple) -> pd.DataFrame:
    """Indicator rows: (period, region, community, numerator, denominator, value)."""
    records = []
    for period, region, community, num, den, value in specs:
        from_counts = not (pd.isna(num) or pd.isna(den)) and den > 0
        records.append(
            {
                "indicator": "x",
                "period": period,
                "period_start": pd.Timestamp(f"{period[:4]}-{3 * int(period[-1]) - 2:02d}-01"),
                "period_kind": "quarter",
                "region": region,
                "community": community,
                "numerator": float(num),
                "denominator": float(den),
                "value": float(value),
                "rate": 100 * num / den if from_counts else float(value),
                "from_counts": from_counts,
            }
        )
    return pd.DataFrame.from_records(records)


# rows, unit, expected rate, expected basis
POOL_CASES = [
    # 10/100 and 90/100: pooled 100/200 = 50 %, and the mean of 10 % and 90 % is also 50 …
    ([("2025-Q1", "KG-B", "pwid", 10, 100, NAN), ("2025-Q1", "KG-C", "pwid", 90, 100, NAN)],
     "percent", 50.0, "counts"),
    # … but with unequal sizes the mean of percentages (55 %) is wrong: 11/110 = 10 %.
    ([("2025-Q1", "KG-B", "pwid", 1, 10, NAN), ("2025-Q1", "KG-C", "pwid", 10, 100, NAN)],
     "percent", 10.0, "counts"),
    ([("2025-Q1", "KG-B", "pwid", 20, 100, NAN), ("2025-Q1", "KG-C", "pwid", 600, 1000, NAN)],
     "percent", 620 / 1100 * 100, "counts"),
    # rate units are not multiplied by 100: syringes over people
    ([("2025-Q1", "KG-B", "pwid", 1000, 10, NAN), ("2025-Q1", "KG-C", "pwid", 3000, 20, NAN)],
     "rate", 4000 / 30, "counts"),
    # a value-only row is left out of a pooled figure that has counts
    ([("2025-Q1", "KG-B", "pwid", 100, 1000, NAN), ("2025-Q1", "KG-N", "pwid", NAN, NAN, 99.0)],
     "percent", 10.0, "mixed"),
    # a single value-only row is its own figure
    ([("2025-Q1", "KG-N", "pwid", NAN, NAN, 42.5)], "rate", 42.5, "value"),
    # several value-only percentages cannot be pooled: no average is invented
    ([("2025-Q1", "KG-N", "pwid", NAN, NAN, 10.0), ("2025-Q1", "KG-T", "pwid", NAN, NAN, 90.0)],
     "percent", NAN, "unpoolable"),
    # counts of events add up even as values
    ([("2025-Q1", "KG-N", "all", NAN, NAN, 2.0), ("2025-Q1", "KG-T", "all", NAN, NAN, 3.0)],
     "count", 5.0, "value"),
    ([], "percent", NAN, "none"),
]  # fmt: skip


@pytest.mark.parametrize(("specs", "unit", "rate", "basis"), POOL_CASES)
def test_pooling_is_sum_over_sum_never_a_mean_of_percentages(specs, unit, rate, basis) -> None:
    frame = rows(*specs) if specs else rows(("2025-Q1", "KG-B", "x", 1, 1, NAN)).iloc[0:0]
    if unit == "count":
        frame = frame.assign(from_counts=frame["numerator"].notna())
    pooled = m.pool(frame, unit)
    assert pooled["basis"] == basis
    if math.isnan(rate):
        assert math.isnan(pooled["rate"])
    else:
        assert pooled["rate"] == pytest.approx(rate)


@pytest.mark.parametrize(
    ("chosen", "kept", "dropped"),
    [
        (["pwud", "pwid"], ["pwud"], ["pwid"]),
        (["pwid", "wud"], ["pwid", "wud"], []),
        (["lgbt", "msm", "sw"], ["sw", "lgbt"], ["msm"]),
        (["all", "sw"], ["all"], ["sw"]),
        ([], [], []),
    ],
)
def test_overlapping_communities_are_not_added_twice(chosen, kept, dropped) -> None:
    assert m.pooling_communities(chosen) == (kept, dropped)


@pytest.mark.parametrize(
    ("period", "expected"), [("2025-Q3", "2024-Q3"), ("2025-03", "2024-03"), ("2025", "2024")]
)
def test_same_period_a_year_before(period, expected) -> None:
    assert m.year_before(period, None) == expected


def test_cube_margins_pool_only_shown_cells_and_say_how_many_were_left_out() -> None:
    frame = rows(
        ("2025-Q1", "KG-B", "sw", 5, 100, NAN),
        ("2025-Q1", "KG-C", "sw", 50, 100, NAN),
        ("2025-Q1", "KG-GB", "sw", 60, 100, NAN),
    )
    protected = m.protected_cube(frame, "percent", 10)
    total = m.totals(protected).iloc[0]
    # Batken's 5 of 100 is withheld: the total is pooled from Chuy and Bishkek only, so
    # the total minus the shown regions is 0 and gives nothing back.
    assert (total["numerator"], total["denominator"], total["withheld"]) == (110, 200, 1)
    assert total["rate"] == pytest.approx(55.0)
    table = m.table(protected)
    cells = table[table["community"] == "sw"].set_index("region")
    assert cells.loc["KG-B", "numerator_suppressed"] and math.isnan(cells.loc["KG-B", "rate"])
    assert not cells.loc["KG-B", "numerator_complementary"]  # shown as "<10"
    assert cells.loc["KG-B", "denominator_complementary"]  # its 100 would give the rate back
    assert math.isnan(cells.loc["KG-B", "numerator"]) and math.isnan(
        cells.loc["KG-B", "denominator"]
    )
    assert not cells.loc[["KG-C", "KG-GB"], "suppressed"].any()  # nothing else needs hiding
    assert cells.loc[["KG-B", "KG-C", "KG-GB"], "withheld"].tolist() == [1, 0, 0]
    margin = m.by_region(protected).set_index("region").loc["KG-B"]
    assert margin["basis"] == "withheld" and margin["rate_suppressed"]  # not "no data"


def test_a_margin_whose_cells_are_all_withheld_is_hidden_not_missing() -> None:
    frame = rows(("2025-Q1", "KG-N", "sw", 3, 100, NAN), ("2025-Q1", "KG-T", "sw", 4, 50, NAN))
    protected = m.protected_cube(frame, "percent", 10)
    total = m.totals(protected).iloc[0]
    assert total["withheld"] == 2 and total["rate_suppressed"] and total["numerator_suppressed"]
    assert math.isnan(total["numerator"])


def test_pool_leaves_out_withheld_rows() -> None:
    frame = rows(("2025-Q1", "KG-N", "sw", 3, 100, NAN), ("2025-Q1", "KG-C", "sw", 40, 80, NAN))
    pooled = m.pool(frame, "percent", 10)
    assert (pooled["numerator"], pooled["denominator"], pooled["withheld"]) == (40, 80, 1)


def test_national_rows_stand_in_only_where_no_region_reported() -> None:
    frame = rows(
        ("2025-Q1", "KG", "sw", 200, 1000, NAN),
        ("2025-Q2", "KG", "sw", 220, 1000, NAN),
        ("2025-Q2", "KG-C", "sw", 50, 100, NAN),
    ).assign(indicator="x")
    chosen = m.select_rows(frame, "x")
    assert chosen.uses_national
    assert set(zip(chosen.rows["period"], chosen.rows["region"], strict=True)) == {
        ("2025-Q1", "KG"),
        ("2025-Q2", "KG-C"),
    }
    assert not m.select_rows(frame, "x", regions=["KG-C"]).uses_national


def test_one_period_kind_per_indicator() -> None:
    frame = rows(("2025-Q1", "KG-C", "sw", 5, 10, NAN), ("2025-Q2", "KG-C", "sw", 5, 10, NAN))
    year = frame.iloc[[0]].assign(period="2025", period_kind="year")
    chosen = m.select_rows(pd.concat([frame, year]), "x")
    assert chosen.period_kind == "quarter" and chosen.other_kind_rows == 1


# --- the sample: the question the page must answer, checked by hand with pandas ----------------


@pytest.fixture(scope="module")
def sample():
    return parse_workbook(XlsxSource(SAMPLE_PATH, sample=True).read())


def test_ost_answer_matches_a_hand_calculation_on_the_sample(sample) -> None:
    ind, cat = sample["indicators"], sample["catalog"]
    ost = ind[ind["indicator"] == "ost_coverage"]
    latest = ost.sort_values("period_start")["period"].iloc[-1]
    # by hand: coverage = numerator / denominator per region; furthest below 50 % is the minimum
    by_hand = ost[ost["period"] == latest].assign(pct=lambda d: 100 * d.numerator / d.denominator)
    worst = by_hand.loc[by_hand["pct"].idxmin()]
    a_year_before = f"{int(latest[:4]) - 1}{latest[4:]}"
    before = ost[(ost["period"] == a_year_before) & (ost["region"] == worst["region"])].iloc[0]

    info = m.indicator_info(cat, "ost_coverage", "en")
    cube = m.protected_cube(m.select_rows(ind, "ost_coverage").rows, info.unit)
    answer = m.answer(cube, info, m.latest_period(cube))
    assert answer.period == latest
    assert answer.region == worst["region"] == "KG-J"
    assert answer.rate == pytest.approx(worst["pct"])
    assert answer.gap == pytest.approx(50 - worst["pct"])
    assert answer.previous_period == a_year_before
    assert answer.previous_rate == pytest.approx(100 * before.numerator / before.denominator)
    assert answer.improved is False
    # the figures data/README.md quotes: 98 of 2 300 (4.3 %) against 150 of 2 300 (6.5 %)
    assert (worst["numerator"], worst["denominator"], before["numerator"]) == (98, 2300, 150)
    # the README's "National (pooled)" row: sum over sum, 3 659 / 25 000, not a mean of the nine
    pooled = m.totals(cube).set_index("period").loc[latest]
    assert (pooled["numerator"], pooled["denominator"]) == (3659, 25000)
    assert pooled["rate"] == pytest.approx(14.636)
    assert pooled["rate"] != pytest.approx(by_hand["pct"].mean())


def test_sample_nsp_says_which_regions_report_only_a_value(sample) -> None:
    ind, cat = sample["indicators"], sample["catalog"]
    info = m.indicator_info(cat, "nsp_syringes", "en")
    cube = m.protected_cube(m.select_rows(ind, "nsp_syringes").rows, info.unit)
    latest = m.latest_period(cube)
    assert set(m.value_only_regions(cube, latest)) == {"KG-B", "KG-N", "KG-T"}
    assert m.value_only_share(cube, latest) == 3
    counted = ind[
        (ind["indicator"] == "nsp_syringes") & (ind["period"] == latest) & ind["from_counts"]
    ]
    pooled = m.totals(cube)
    pooled = pooled[pooled["period"] == latest].iloc[0]
    assert pooled["rate"] == pytest.approx(counted.numerator.sum() / counted.denominator.sum())


def test_answer_never_ranks_a_hidden_region() -> None:
    frame = rows(
        ("2025-Q1", "KG-N", "msm", 3, 200, NAN),
        ("2025-Q1", "KG-C", "msm", 300, 1000, NAN),
        ("2025-Q1", "KG-GB", "msm", 900, 2000, NAN),
    )
    info = m.IndicatorInfo("x", "x", "percent", True, 95.0, None, None, None)
    cube = m.protected_cube(frame, "percent", 10)
    answer = m.answer(cube, info, "2025-Q1")
    assert answer.region != "KG-N" and "KG-N" in answer.hidden_regions


def test_cascade_needs_all_three_steps() -> None:
    catalog = pd.DataFrame({"id": ["a", "b", "c"], "cascade_step": pd.array([1, 2, None])})
    assert m.cascade_indicators(catalog) is None
    catalog["cascade_step"] = pd.array([3, 1, 2])
    assert m.cascade_indicators(catalog) == {1: "b", 2: "c", 3: "a"}
