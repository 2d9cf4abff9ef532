"""Small-number protection: the exact rules, the guarantee as a property, and the payload check."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from utils.analysis.privacy import (
    DEFAULT_THRESHOLD,
    HIDDEN_MARK,
    Group,
    display_count,
    small_counts_in,
    suppress,
    to_display,
    trace_meta,
)

T = DEFAULT_THRESHOLD
NAN = math.nan


def regions(values: list[float], total: float | None = None) -> pd.DataFrame:
    """One indicator broken down by region; with ``total`` a "National" row is appended."""
    rows = [{"indicator": "ost", "region": f"R{i}", "n": v} for i, v in enumerate(values)]
    if total is not None:
        rows.append({"indicator": "ost", "region": "National", "n": total})
    return pd.DataFrame(rows)


def suppress_unchanged(df: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Run suppress and check it left its input alone."""
    before = df.copy(deep=True)
    out = suppress(df, **kwargs)
    pd.testing.assert_frame_equal(df, before)
    return out


def positions(mask: pd.Series) -> set[int]:
    """Row positions where mask is true."""
    return set(np.flatnonzero(mask.to_numpy()).tolist())


# --- the exact rules ------------------------------------------------------------------

# values, primary rows, complementary rows, outside total hidden
OUTSIDE_TOTAL_CASES = [
    ([0, 7, 8, 25], {1, 2}, set(), False),  # two small cells protect each other
    ([3, 25, 30], {0}, {1}, False),  # 3 alone would be total - 55: hide the smallest other
    ([3, 0], {0}, set(), True),  # nothing else to hide: the total must go
    ([5], {0}, set(), True),  # a one-cell breakdown equals its total
    ([9, 9, 25], {0, 1}, {2}, False),  # 9 + 9 = 18 with both < 10 pins both at 9
    ([1, 1, 25], {0, 1}, {2}, False),  # 1 + 1 = 2 with both >= 1 pins both at 1
    ([3, 10, 10], {0}, {1, 2}, False),  # hidden 10 <= shown 10 would pin it, and so 3
    ([12, 3, 12], {1}, {0}, False),  # ties: the first smallest row
    ([NAN, 5, 40], {1}, {2}, False),  # no data is not a cell of the sum
    ([25, 30], set(), set(), False),
    ([0, 0, 0], set(), set(), False),
    ([10, 0, 11], set(), set(), False),  # the threshold itself is shown
]


@pytest.mark.parametrize(
    ("values", "primary", "complementary", "total_hidden"), OUTSIDE_TOTAL_CASES
)
def test_breakdown_of_a_total_shown_elsewhere(values, primary, complementary, total_hidden):
    out = suppress_unchanged(regions(values), count_cols=["n"], groups=[["indicator"]])
    assert positions(out["n_suppressed"] & ~out["n_complementary"]) == primary
    assert positions(out["n_complementary"]) == complementary
    assert positions(out["n_suppressed"]) == primary | complementary
    assert positions(out["suppressed"]) == primary | complementary
    assert out["total_suppressed"].all() == total_hidden
    assert out["total_suppressed"].any() == total_hidden
    hidden = primary | complementary
    for i, v in enumerate(values):
        shown = out["n"].iloc[i]
        assert math.isnan(shown) if (i in hidden or math.isnan(v)) else shown == v
    assert out["n"].dtype == float


# values, total row value, primary rows, complementary rows (row len(values) is the total)
TOTAL_ROW_CASES = [
    ([3, 25, 30], 58, {0}, {1}),
    ([0, 7, 8, 25], 40, {1, 2}, set()),
    ([2, 3], 5, {0, 1, 2}, set()),  # the total is itself small
    ([5, 0], 15, {0}, {2}),  # total does not match its parts: hidden, not trusted
    ([20, 30], 50, set(), set()),
]


@pytest.mark.parametrize(("values", "total", "primary", "complementary"), TOTAL_ROW_CASES)
def test_total_row_in_the_frame_is_considered_with_its_parts(values, total, primary, complementary):
    df = regions(values, total)
    out = suppress_unchanged(
        df, count_cols=["n"], groups=[["indicator"]], total_rows=("region", "National")
    )
    assert positions(out["n_suppressed"] & ~out["n_complementary"]) == primary
    assert positions(out["n_complementary"]) == complementary
    assert not out["total_suppressed"].any()  # the total is in the frame, hidden there


def test_total_row_can_be_a_boolean_column_and_groups_split_by_key():
    df = pd.DataFrame(
        {
            "period": ["2024"] * 3 + ["2025"] * 3,
            "is_national": [False, False, True] * 2,
            "n": [3, 25, 28, 30, 40, 70],
        }
    )
    out = suppress_unchanged(df, count_cols=["n"], groups=[Group(("period",), "is_national")])
    assert out["n_suppressed"].tolist() == [True, True, False, False, False, False]


def test_region_by_community_table_with_both_margins():
    # communities pwid/sw by two regions, margins "all" and "National", grand total in a corner
    cells = {("A", "pwid"): 4, ("A", "sw"): 30, ("B", "pwid"): 50, ("B", "sw"): 60}
    rows = [{"region": r, "community": c, "n": v} for (r, c), v in cells.items()]
    for r in "AB":
        rows.append({"region": r, "community": "all", "n": cells[r, "pwid"] + cells[r, "sw"]})
    for c in ("pwid", "sw"):
        rows.append({"region": "National", "community": c, "n": cells["A", c] + cells["B", c]})
    rows.append({"region": "National", "community": "all", "n": sum(cells.values())})
    df = pd.DataFrame(rows)
    out = suppress_unchanged(
        df,
        count_cols=["n"],
        groups=[
            Group(("community",), ("region", "National")),
            Group(("region",), ("community", "all")),
        ],
    )
    hidden = {(r.region, r.community) for r in out.itertuples() if r.n_suppressed}
    # 4 is small; its row and its column each need one more hidden cell, and those two
    # cells share a row and a column of their own: the classic rectangle.
    assert hidden == {("A", "pwid"), ("A", "sw"), ("B", "pwid"), ("B", "sw")}
    assert_groups_safe_2d(out, df)


def test_rates_follow_the_counts_they_are_made_from():
    df = pd.DataFrame(
        {
            "numerator": [3, 40, 40, 0, NAN],
            "denominator": [20, 8, 80, 50, NAN],
            "value": [15.0, 500.0, 50.0, 0.0, NAN],
        }
    )
    out = suppress_unchanged(
        df,
        count_cols=["numerator", "denominator"],
        rate_cols={"value": ["numerator", "denominator"]},
    )
    assert out["value_suppressed"].tolist() == [True, True, False, False, False]
    assert out["value"].isna().tolist() == [True, True, False, False, True]
    assert out["suppressed"].tolist() == [True, True, False, False, False]
    assert out["numerator"].tolist()[3] == 0  # zero is shown
    assert not out["numerator_suppressed"].iloc[4]  # no data is not suppressed


def test_threshold_is_configurable():
    out = suppress(regions([4, 5, 30]), count_cols=["n"], threshold=5)
    assert out["n_suppressed"].tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"count_cols": ["missing"]}, KeyError),
        ({"count_cols": "n"}, TypeError),
        ({"count_cols": ["n"], "groups": ["indicator"]}, TypeError),
        ({"count_cols": ["n"], "groups": [["nope"]]}, KeyError),
        ({"count_cols": ["n"], "rate_cols": {"n": ["other"]}}, ValueError),
        ({"count_cols": ["n"], "threshold": 0}, ValueError),
        ({"count_cols": ["n"], "groups": [[]], "total_rows": ("indicator", "ost")}, ValueError),
    ],
)
def test_refuses_inputs_it_cannot_protect(kwargs, error):
    with pytest.raises(error):
        suppress(regions([3, 25, 30]), **kwargs)


def test_refuses_a_frame_that_was_already_suppressed():
    once = suppress(regions([3, 25, 30]), count_cols=["n"])
    with pytest.raises(ValueError, match="already suppressed"):
        suppress(once, count_cols=["n"])


# --- display --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "suppressed", "complementary", "fmt", "expected"),
    [
        (7.0, True, False, None, "<10"),
        (NAN, True, False, None, "<10"),
        (25.0, True, True, None, HIDDEN_MARK),
        (None, False, False, None, "—"),
        (NAN, False, False, None, "—"),
        (0.0, False, False, None, "0"),
        (412.0, False, False, None, "412"),
        (4.5, False, False, None, "4.5"),
        (1650.0, False, False, lambda v: f"{v:,.0f}".replace(",", "\u00a0"), "1\u00a0650"),
    ],
)
def test_display_count(value, suppressed, complementary, fmt, expected):
    assert display_count(value, suppressed, T, fmt, complementary=complementary) == expected


def test_display_count_uses_the_threshold():
    assert display_count(3.0, True, 5) == "<5"


def test_to_display_marks_hidden_cells_and_keeps_numbers():
    df = regions([3, 25, 30]).assign(d=[100, 100, 100], rate=[3.0, 25.0, 30.0])
    out = suppress(
        df, count_cols=["n", "d"], rate_cols={"rate": ["n", "d"]}, groups=[["indicator"]]
    )
    shown = to_display(out)
    assert shown["n"].tolist() == ["<10", HIDDEN_MARK, 30]
    assert shown["rate"].tolist() == [HIDDEN_MARK, HIDDEN_MARK, 30.0]
    assert isinstance(shown["rate"].iloc[2], float)
    assert shown["d"].dtype == "Int64"  # nothing hidden: whole counts stay numeric
    assert list(shown.columns) == ["indicator", "region", "n", "d", "rate"]
    kept = to_display(out, drop_flags=False)
    assert "n_suppressed" in kept.columns and "suppressed" in kept.columns


# --- the guarantee, as properties -----------------------------------------------------

count = st.one_of(
    st.just(0),
    st.integers(1, T - 1),
    st.integers(T, T + 3),  # values near the threshold make the tight cases
    st.integers(T, 80),
    st.just(NAN),
)


def attacker_bounds(state: str, min_shown: float) -> tuple[float, float]:
    """What the display tells a reader about a hidden cell (see the module docstring)."""
    return (1, T - 1) if state == "primary" else (T, min_shown)


def state_of(out: pd.DataFrame, i: int, col: str = "n") -> str:
    """'shown', 'primary' or 'complementary' for one cell, read from the flags."""
    if out[f"{col}_complementary"].iloc[i]:
        return "complementary"
    return "primary" if out[f"{col}_suppressed"].iloc[i] else "shown"


def assert_no_hidden_cell_pinned(unknowns: list[tuple[float, float, float, int]]) -> None:
    """Each unknown is (true value, low, high, sign) with sum(sign * value) known.

    A hidden cell is safe when another solution exists: a reader can move it by one
    and move some other unknown the opposite way within both their bounds. That is exact for
    one equation with bounds, and independent of how ``suppress`` computes intervals.
    """
    for i, (vi, lo_i, hi_i, sign_i) in enumerate(unknowns):
        assert lo_i <= vi <= hi_i, "the display told the reader something false"
        movable = any(
            lo_i <= vi + d <= hi_i and lo_j <= vj - d * sign_i * sign_j <= hi_j
            for j, (vj, lo_j, hi_j, sign_j) in enumerate(unknowns)
            if j != i
            for d in (1, -1)
        )
        assert movable, f"hidden cell {vi} can be recomputed from {unknowns}"


@settings(max_examples=400, deadline=None)
@given(values=st.lists(count, min_size=1, max_size=8), total_row=st.booleans())
def test_no_hidden_small_count_can_be_recomputed_from_a_1d_breakdown(values, total_row):
    real = [v for v in values if not math.isnan(v)]
    df = regions(values, sum(real) if total_row else None)
    out = suppress_unchanged(
        df,
        count_cols=["n"],
        groups=[["indicator"]],
        total_rows=("region", "National") if total_row else None,
    )
    parts = range(len(values))
    states = [state_of(out, i) for i in range(len(df))]

    for i, v in enumerate(df["n"]):
        if math.isnan(v):  # no data: not suppressed, not a cell
            assert states[i] == "shown" and math.isnan(out["n"].iloc[i])
        elif v == 0:  # zeros are never hidden
            assert states[i] == "shown" and out["n"].iloc[i] == 0
        elif states[i] == "shown":
            assert out["n"].iloc[i] >= T
        assert (states[i] == "primary") == (0 < v < T)

    hidden_parts = [i for i in parts if states[i] != "shown" and values[i] != 0]
    total_hidden = out["total_suppressed"].any() or (total_row and states[-1] != "shown")
    assert len(hidden_parts) != 1 or total_hidden  # the brief's rule, stated plainly

    if out["total_suppressed"].any():
        return  # the reader has no total to subtract from
    shown = [values[i] for i in parts if states[i] == "shown" and not math.isnan(values[i])]
    min_shown = min([v for v in shown if v > 0], default=math.inf)
    unknowns = [(values[i], *attacker_bounds(states[i], min_shown), 1) for i in hidden_parts]
    if total_row and states[-1] != "shown":
        lo, hi = attacker_bounds(states[-1], math.inf)
        unknowns.append((sum(real), lo, hi, -1))
    assert_no_hidden_cell_pinned(unknowns)


def assert_groups_safe_2d(out: pd.DataFrame, df: pd.DataFrame) -> None:
    """Check every row and column equation of a region x community table with margins."""
    groups = [("community", "region", "National"), ("region", "community", "all")]
    members = {}  # (fixed column, key) -> list of row positions, total last
    for fixed, varying, total_key in groups:
        for key, rows in df.groupby(fixed).indices.items():
            rows = sorted(rows, key=lambda r: df[varying].iloc[r] == total_key)
            members[fixed, key] = rows
    states = [state_of(out, i) for i in range(len(df))]
    values = df["n"].tolist()

    def min_shown(rows: list[int]) -> float:
        return min(
            [values[r] for r in rows[:-1] if states[r] == "shown" and values[r] > 0] or [math.inf]
        )

    # A reader does not know which group chose a complementary cell: the loosest bound holds.
    upper = {}
    for rows in members.values():
        for r in rows[:-1]:
            upper[r] = max(upper.get(r, 0), min_shown(rows))
        upper[rows[-1]] = math.inf
    for rows in members.values():
        unknowns = [
            (values[r], *attacker_bounds(states[r], upper[r]), -1 if r == rows[-1] else 1)
            for r in rows
            if states[r] != "shown"
        ]
        assert_no_hidden_cell_pinned(unknowns)


@settings(max_examples=150, deadline=None)
@given(
    table=st.integers(2, 3).flatmap(
        lambda n_regions: st.lists(
            st.lists(count.filter(lambda v: not math.isnan(v)), min_size=2, max_size=3),
            min_size=n_regions,
            max_size=n_regions,
        ).filter(lambda rows: len({len(r) for r in rows}) == 1)
    )
)
def test_each_row_and_column_of_a_2d_table_is_safe(table):
    communities = [f"c{j}" for j in range(len(table[0]))]
    rows = []
    for i, line in enumerate(table):
        rows += [
            {"region": f"R{i}", "community": c, "n": v}
            for c, v in zip(communities, line, strict=True)
        ]
        rows.append({"region": f"R{i}", "community": "all", "n": sum(line)})
    for j, c in enumerate(communities):
        rows.append({"region": "National", "community": c, "n": sum(line[j] for line in table)})
    rows.append({"region": "National", "community": "all", "n": sum(map(sum, table))})
    df = pd.DataFrame(rows)
    out = suppress_unchanged(
        df,
        count_cols=["n"],
        groups=[
            Group(("community",), ("region", "National")),
            Group(("region",), ("community", "all")),
        ],
    )
    assert_groups_safe_2d(out, df)


# --- the payload check ----------------------------------------------------------------


def test_small_counts_in_judges_counts_not_rates():
    df = pd.DataFrame({"region": ["Naryn", "Osh"], "numerator": [3, 40], "value": [4.5, 50.0]})
    assert [f.value for f in small_counts_in(df)] == [3.0]
    assert "numerator" in small_counts_in(df)[0].path


@pytest.mark.parametrize(
    ("payload", "found"),
    [
        ({"numerator": 7}, [7.0]),
        ({"numerator_text": "7"}, [7.0]),
        ({"denominator": "1 234"}, []),
        ({"numerator": "<10"}, []),
        ({"numerator": 0}, []),
        ({"numerator": 10}, []),
        ({"numerator_suppressed": True}, []),
        ({"votes_share": 4.5}, []),
        ({"value": 4.5, "rate": 3}, []),
        ({"votes": [{"candidate": "A", "x": 3}]}, [3.0]),  # the key says what lies below
        ({"totalVotes": 2}, [2.0]),
        ('{"layers": [{"data": [{"n": 4}]}]}', [4.0]),  # JSON as a page sends it
        ({"text": "7 people"}, []),  # free text is not inspected (documented)
    ],
)
def test_small_counts_in_table(payload, found):
    assert [f.value for f in small_counts_in(payload)] == found


def test_small_counts_in_reads_plotly_customdata_named_in_meta():
    fig = go.Figure(
        go.Bar(
            x=["Naryn", "Osh"],
            y=np.array([4.5, 60.0]),  # a rate: small and fine
            customdata=np.array([[3, 50], [30, 50]]),
            meta=trace_meta(customdata=["numerator", "denominator"]),
        )
    )
    for payload in (fig, fig.to_json(), json.loads(fig.to_json())):  # typed arrays in JSON
        assert [f.value for f in small_counts_in(payload)] == [3.0]


def test_small_counts_in_reads_plotly_fields_named_as_counts():
    fig = go.Figure(go.Bar(x=["A", "B"], y=np.array([3, 400]), meta=trace_meta(counts=["y"])))
    assert [f.value for f in small_counts_in(fig.to_json())] == [3.0]
    without_meta = go.Figure(go.Bar(x=["A", "B"], y=np.array([3, 400])))
    assert small_counts_in(without_meta.to_json()) == []  # y is not known to be a count


def test_small_counts_in_reads_pydeck_layer_data():
    data = [{"region": "Naryn", "numerator": 4, "value": 4.5}, {"region": "Osh", "numerator": 40}]
    deck = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=data, get_position=[0, 0])])
    assert [f.value for f in small_counts_in(deck)] == [4.0]
    assert [f.value for f in small_counts_in(deck.to_json())] == [4.0]


def test_suppressed_table_has_no_small_counts_left():
    df = regions([0, 3, 25, 30]).assign(numerator=[0, 3, 25, 30])
    assert small_counts_in(df)  # the check sees the raw frame
    out = suppress(df, count_cols=["n", "numerator"], groups=[["indicator"]])
    assert small_counts_in(out) == []
    assert small_counts_in(to_display(out)) == []
    assert small_counts_in(to_display(out).to_dict("records")) == []


# --- privacy as a type: what a figure or table builder accepts --------------------------------


def test_builders_take_only_protected_frames_and_check_them_again() -> None:
    from utils.analysis import privacy
    from utils.render import votes as vote_charts

    plain_frame = pd.DataFrame({"candidate": ["A", "B"], "votes": [40.0, 25.0]})
    with pytest.raises(TypeError, match="Protected"):
        vote_charts.make_record_figure(plain_frame, lang="en")
    with pytest.raises(privacy.SmallCountError, match="votes"):
        privacy.protected(pd.DataFrame({"votes": [40.0, 3.0]}), 10)  # 3 people: refused
    shown = privacy.suppress(
        pd.DataFrame({"g": ["a", "a"], "votes": [40.0, 3.0]}), count_cols=["votes"], threshold=10
    )
    assert isinstance(shown, privacy.Protected) and shown["votes"].isna().tolist() == [False, True]
    assert isinstance(shown[shown["g"] == "a"].reset_index(drop=True), privacy.Protected)
    pooled = shown.copy()
    pooled.loc[0, "votes"] = 4.0  # a new count made after protection is caught on the way in
    with pytest.raises(privacy.SmallCountError):
        privacy.require(pooled)


def test_frames_that_count_milestones_are_certified_to_count_no_people() -> None:
    from utils.analysis import privacy
    from utils.render import strategy as strategy_charts

    summary = privacy.no_people(
        pd.DataFrame({"status": ["delayed"], "milestones": [3], "share": [100.0]})
    )
    assert strategy_charts.make_status_figure(summary, lang="en").data  # 3 milestones: shown
    with pytest.raises(privacy.SmallCountError, match="votes"):
        privacy.no_people(pd.DataFrame({"status": ["late"], "votes": [3]}))
    with pytest.raises(TypeError, match="Protected"):
        strategy_charts.make_status_figure(pd.DataFrame({"status": ["late"]}), lang="en")
