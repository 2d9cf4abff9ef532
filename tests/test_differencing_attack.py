"""The differencing attack of issue 21, run against what the app shows: no hidden count falls out.

A curious reader of Program access can pick any union of regions and communities. Each view is
a new table; with per-table suppression its margins could be differenced against another
view's (Naryn + Talas, Talas + Batken, Naryn + Batken, all three: three subtractions gave back
7, 8 and 9). This test plays that reader. It opens every selection a reader can make for one
indicator and period, collects every count the app would show (cells and margins of the
protected cube, which the table, the charts' hover text, the CSV and the Excel download are
all made from; ``test_downloads`` and the page tests check that they are), and solves for each
hidden cell by integer linear programming (scipy's HiGHS ``milp``) over those figures:

- unknowns are the hidden cells; each is bounded by what its mark tells ("<10": 1..9, the
  hidden mark: at least 1, since a withheld cell always has a small count);
- each shown pooled figure is taken, as a reader would, as the sum of every cell it covers.

A hidden cell leaks when the figures leave it fewer than five possible values, its true value
among them. The same attack against the old complementary suppression recovers cells exactly,
which is what keeps this test able to fail.
"""

from __future__ import annotations

import io
import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

# The page's own renderer and download capture, shared with the small-number payload check
# (imported under another name, the fixture is requested by that name).
from tests.test_no_small_numbers import access_params, render
from tests.test_no_small_numbers import captured_downloads as downloads  # noqa: F401
from utils.analysis import indicators as m
from utils.analysis.privacy import Group, suppress
from utils.i18n import t
from utils.render.access import HOVER_FIELDS
from utils.sheet.parse import parse_workbook
from utils.sources.files import SAMPLE_PATH, XlsxSource

THRESHOLD = 10
BIG = 1_000_000.0
MIN_VALUES = 5  # a hidden cell must keep at least this many possible values
COUNTS = ("numerator", "denominator")

Key = tuple[str, str, str]  # (period, region, community) of one base cell
CubeMaker = Callable[[pd.DataFrame, str, int], pd.DataFrame]


def legacy_cube(rows: pd.DataFrame, unit: str, threshold: int) -> pd.DataFrame:
    """The protection before issue 21: pool everything, then suppress each view's cube with
    complementary cells over both margins. Kept here only to prove the attack has teeth."""
    cube = m.build_cube(rows, unit, threshold=1)  # threshold 1: nothing withheld
    counts = cube.astype({"numerator": float, "denominator": float, "rate": float})
    return suppress(
        counts,
        count_cols=list(COUNTS),
        rate_cols={"rate": list(COUNTS)},
        groups=[
            Group(("period", "community"), ("region", m.ALL)),
            Group(("period", "region"), ("community", m.ALL)),
        ],
        threshold=threshold,
    )


@dataclass
class Reader:
    """Everything one reader has seen across views, per count column."""

    known: dict[str, dict[Key, float]] = field(default_factory=lambda: {c: {} for c in COUNTS})
    marks: dict[str, dict[Key, str]] = field(default_factory=lambda: {c: {} for c in COUNTS})
    sums: dict[str, set[tuple[frozenset[Key], float]]] = field(
        default_factory=lambda: {c: set() for c in COUNTS}
    )
    figures: int = 0

    def look(self, selection: m.Selection, cube: pd.DataFrame) -> None:
        """Record every count the view shows, and the hidden marks of its cells."""
        rows = selection.rows
        cells = list(zip(rows["period"], rows["region"], rows["community"], strict=True))
        for rec in cube.to_dict("records"):
            keys = frozenset(
                k
                for k in cells
                if k[0] == rec["period"]
                and rec["region"] in (m.ALL, k[1])
                and rec["community"] in (m.ALL, k[2])
            )
            for col in COUNTS:
                value = rec[col]
                hidden = bool(rec.get(f"{col}_suppressed", False))
                if hidden and len(keys) == 1:
                    complementary = bool(rec.get(f"{col}_complementary", False))
                    self.marks[col][next(iter(keys))] = "*" if complementary else "<"
                if hidden or value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                self.figures += 1
                if len(keys) == 1:
                    self.known[col][next(iter(keys))] = float(value)
                else:
                    self.sums[col].add((keys, float(value)))
            # A rate is never shown next to a hidden count: it would give the count back.
            if any(bool(rec.get(f"{c}_suppressed", False)) for c in COUNTS):
                assert rec["rate"] is None or math.isnan(rec["rate"]), rec


def _open_every_view(
    rows: pd.DataFrame,
    indicator: str,
    unit: str,
    region_choices: Iterable[Sequence[str]],
    community_choices: Iterable[Sequence[str]],
    make: CubeMaker,
) -> Reader:
    reader = Reader()
    for regions, communities in itertools.product(list(region_choices), list(community_choices)):
        selection = m.select_rows(rows, indicator, communities, regions)
        reader.look(selection, make(selection.rows, unit, THRESHOLD))
    return reader


def _ranges(reader: Reader, col: str) -> dict[Key, tuple[int, int]] | None:
    """Each hidden cell's smallest and largest value the figures allow; None if none fit."""
    unknown = sorted(k for k in reader.marks[col] if k not in reader.known[col])
    if not unknown:
        return {}
    index = {k: i for i, k in enumerate(unknown)}
    lower = np.array([1.0 for _ in unknown])
    upper = np.array([THRESHOLD - 1.0 if reader.marks[col][k] == "<" else BIG for k in unknown])
    rows, rhs = [], []
    for keys, value in reader.sums[col]:
        coeffs = np.zeros(len(unknown))
        rest = value
        for key in keys:
            if key in index:
                coeffs[index[key]] = 1.0
            else:
                rest -= reader.known[col].get(key, 0.0)
        if coeffs.any():
            rows.append(coeffs)
            rhs.append(rest)
    if not rows:
        return {k: (1, int(upper[i])) for k, i in index.items()}
    a = np.unique(np.column_stack([np.array(rows), np.array(rhs)]), axis=0)
    constraint = LinearConstraint(a[:, :-1], a[:, -1], a[:, -1])
    bounds = Bounds(lower, upper)
    integral = np.ones(len(unknown))
    out: dict[Key, tuple[int, int]] = {}
    for key, i in index.items():
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(unknown))
            c[i] = sign
            res = milp(c, constraints=constraint, bounds=bounds, integrality=integral)
            if res.status == 2:  # infeasible: the reader's model is refuted, nothing learned
                return None
            assert res.status == 0, res.message
            ends.append(round(sign * res.fun))
        out[key] = (ends[0], ends[1])
    return out


def _leaks(reader: Reader, truth: pd.DataFrame) -> list[str]:
    """Hidden cells whose true value the figures narrow to fewer than MIN_VALUES values."""
    true = {
        col: dict(
            zip(
                zip(truth["period"], truth["region"], truth["community"], strict=True),
                truth[col].astype(float),
                strict=True,
            )
        )
        for col in COUNTS
    }
    found = []
    for col in COUNTS:
        for key, value in reader.known[col].items():  # a shown cell must be the true one
            assert value == true[col][key], (col, key)
        ranges = _ranges(reader, col)
        for key, (low, high) in (ranges or {}).items():
            actual = true[col][key]
            if high - low + 1 < MIN_VALUES and low <= actual <= high:
                found.append(f"{col} {key}: {low}..{high} (is {actual:g})")
    return found


def _subsets(items: Sequence[str], sizes: Iterable[int] | None = None) -> list[tuple[str, ...]]:
    sizes = range(len(items) + 1) if sizes is None else sizes
    return [c for n in sizes for c in itertools.combinations(items, n)]


@pytest.fixture(scope="module")
def sample_indicators() -> pd.DataFrame:
    return parse_workbook(XlsxSource(SAMPLE_PATH, sample=True).read())["indicators"]


ISSUE_REGIONS = ("KG-N", "KG-T", "KG-B")  # Naryn, Talas, Batken


def _issue_view(sample: pd.DataFrame) -> pd.DataFrame:
    """HIV prevention coverage, 2023-Q1: the view the issue's reader differenced."""
    return sample[
        (sample["indicator"] == "prevention_coverage") & (sample["period"] == "2023-Q1")
    ].reset_index(drop=True)


def test_the_attack_recovers_the_issues_cells_from_the_old_protection(sample_indicators) -> None:
    rows = _issue_view(sample_indicators)
    reader = _open_every_view(
        rows,
        "prevention_coverage",
        "percent",
        _subsets(ISSUE_REGIONS, [2, 3]),
        [["wud"]],
        legacy_cube,
    )
    leaks = _leaks(reader, rows)
    # Naryn 7, Talas 8 and Batken 9 come back exactly, as the issue found.
    for region, value in (("KG-N", 7), ("KG-T", 8), ("KG-B", 9)):
        assert f"numerator ('2023-Q1', '{region}', 'wud'): {value}..{value} (is {value})" in leaks


def test_no_union_of_regions_reveals_a_hidden_count_on_the_sample(sample_indicators) -> None:
    """All 512 region choices for women who use drugs, the issue's example."""
    rows = _issue_view(sample_indicators)
    regions = sorted(set(rows["region"]))
    reader = _open_every_view(
        rows,
        "prevention_coverage",
        "percent",
        _subsets(regions),
        [["wud"]],
        m.protected_cube,
    )
    assert reader.marks["numerator"], "the view has hidden cells to attack"
    assert reader.figures > 1000
    assert _leaks(reader, rows) == []


def test_no_union_of_communities_reveals_a_hidden_count_on_the_sample(sample_indicators) -> None:
    """All 32 community choices, against no region, each single region and the issue's three."""
    rows = _issue_view(sample_indicators)
    regions = sorted(set(rows["region"]))
    communities = sorted(set(rows["community"]))
    reader = _open_every_view(
        rows,
        "prevention_coverage",
        "percent",
        [(), *[(r,) for r in regions], ISSUE_REGIONS],
        _subsets(communities),
        m.protected_cube,
    )
    assert len(reader.marks["numerator"]) >= 5
    assert _leaks(reader, rows) == []


def test_a_count_indicator_with_many_small_cells_leaks_nothing(sample_indicators) -> None:
    """Rights violations: 408 of the sample's hidden cells, counts with no denominator."""
    rows = sample_indicators[sample_indicators["indicator"] == "rights_violations"]
    rows = rows[rows["period"] == rows["period"].iloc[0]].reset_index(drop=True)
    regions = sorted(set(rows["region"]))
    communities = sorted(set(rows["community"]))
    reader = _open_every_view(
        rows,
        "rights_violations",
        "count",
        _subsets(regions, [0, 1, 8]),
        _subsets(communities),
        m.protected_cube,
    )
    assert len(reader.marks["numerator"]) >= 5
    assert _leaks(reader, rows) == []


REGIONS = ("KG-B", "KG-N", "KG-T", "KG-C")
COMMUNITIES = ("sw", "msm", "trans")


@st.composite
def workbooks(draw: st.DrawFn) -> pd.DataFrame:
    """One period of a region x community table with several cells below the threshold."""
    small = st.integers(1, THRESHOLD - 1)
    count = st.one_of(small, st.just(0), st.integers(THRESHOLD, 60))
    records = []
    for region, community in itertools.product(REGIONS, COMMUNITIES):
        numerator = draw(count)
        denominator = numerator + draw(st.one_of(st.integers(0, 5), st.integers(10, 200)))
        records.append(
            {
                "indicator": "x",
                "period": "2025-Q1",
                "period_start": pd.Timestamp("2025-01-01"),
                "period_kind": "quarter",
                "region": region,
                "community": community,
                "numerator": float(numerator),
                "denominator": float(denominator),
                "rate": 100 * numerator / denominator if denominator else math.nan,
                "from_counts": denominator > 0,
                "unit": "percent",
            }
        )
    frame = pd.DataFrame.from_records(records)
    small_cells = ((frame["numerator"] > 0) & (frame["numerator"] < THRESHOLD)).sum()
    if small_cells < 2:
        frame.loc[[0, 5], "numerator"] = [3.0, 8.0]
        frame["rate"] = 100 * frame["numerator"] / frame["denominator"]
    return frame


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_generated_workbooks_leak_nothing_under_any_selection(frame: pd.DataFrame) -> None:
    reader = _open_every_view(
        frame, "x", "percent", _subsets(REGIONS), _subsets(COMMUNITIES), m.protected_cube
    )
    assert _leaks(reader, frame) == []


# --- The same attack through the page's own exits -------------------------------------------


def _pooled_numerators(at, files: list[tuple[bytes, str]]) -> dict[str, list[object]]:
    """The numerator of the 2023-Q1 figure pooled over the chosen regions, in every exit."""
    pooled_label = t("access.regions_all", "en")
    found: dict[str, list[object]] = {"table": [], "csv": [], "xlsx": [], "hover": []}

    def rows_of(frame: pd.DataFrame, exit_name: str) -> None:
        period, region = t("access.col_period", "en"), t("access.col_region", "en")
        mine = frame[(frame[period].astype(str) == "2023-Q1") & (frame[region] == pooled_label)]
        found[exit_name] += mine[t("access.col_numerator", "en")].tolist()

    for frame in at.dataframe:
        rows_of(frame.value, "table")
    for data, mime in files:
        if "csv" in mime:
            rows_of(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str), "csv")
        elif "spreadsheet" in mime:
            rows_of(pd.read_excel(io.BytesIO(data), dtype=str), "xlsx")
    at_numerator = HOVER_FIELDS.index("numerator")
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            for x, row in zip(trace.get("x", []), trace.get("customdata", []), strict=False):
                if x == "2023-Q1" and isinstance(row, list) and len(row) > at_numerator:
                    found["hover"].append(row[at_numerator])
    return found


@pytest.mark.parametrize("regions", [*_subsets(ISSUE_REGIONS, [2]), ISSUE_REGIONS])
def test_the_issues_unions_show_no_pooled_hidden_count_in_any_exit(
    regions,
    downloads,  # noqa: F811  (the fixture imported above)
    sample_workbook,
) -> None:
    """Naryn + Talas gave 15, Talas + Batken 17, Naryn + Batken 16, all three 24: no more."""
    at = render(
        "pages/program_access.py",
        "en",
        **access_params(sample_workbook, "prevention_coverage", ("wud",), regions),
    )
    assert at.multiselect(key="access_regions").value == list(regions)
    found = _pooled_numerators(at, downloads)
    assert found["table"] and found["csv"] and found["xlsx"] and found["hover"], found
    for exit_name, values in found.items():
        # Every cell of the union is below 10, so the pooled figure has nothing to show.
        assert all(str(v).strip() == "*" for v in values), (exit_name, values)
    words = " ".join(str(c.value) for c in at.caption)
    assert "left out of every total" in words
