"""Programme-access indicators: choosing rows, pooling rates correctly, and the answer.

Pure pandas, no Streamlit. The rules decided here (the page says them in words):

- **Pooling** across regions and communities is the sum of numerators over the sum of
  denominators (x100 for percent units), never an average of percentages. Count units add up.
- **Value-only rows** (a value and no counts, e.g. NSP syringes per PWID in small regions)
  have no weight, so they cannot be pooled with rows that have counts. A cell with counts
  pools its count rows and lists the value-only rows it left out; a cell with only
  value-only rows shows the value when there is one row, the sum for count units, and nothing
  (``basis == "unpoolable"``) when several percentages or rates would have to be averaged.
- **Overlapping communities** are never added twice: a sub-group (PWID) is dropped when its
  community (PWUD) is chosen too, and "all communities" stands alone.
- **National rows** are a total of the regions, not a region: they are used only when no
  region is chosen and no region has rows for that period (the figure is then the national
  one as reported).
- **One kind of period** per indicator (quarters, years or months, the most frequent; ties go
  to the finer one): pooling a year with a quarter would mix two different things.
- **Small numbers** (``docs/PRIVACY.md``): a cell whose numerator or denominator is below the
  threshold is *withheld* (``utils.analysis.privacy.withheld``): shown as "<10", and left out of every
  pooled figure, which says how many cells it left out. No shown number then contains a
  hidden count, so no union, difference or combination of views can reveal one. Everything
  the page shows is read from the protected cube (``protected_cube``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
import pandas as pd

from utils.analysis import privacy
from utils.analysis.privacy import DEFAULT_THRESHOLD, suppress, withheld
from utils.sheet.contract import CASCADE_STEPS, COMMUNITIES, COMMUNITY_PARENT
from utils.sheet.regions import NATIONAL_KEY, SUBNATIONAL_KEYS

ALL: Final = "*"
"""Margin marker in the cube's region and community columns: "pooled over the selection"."""

DEFAULT_INDICATOR: Final = "ost_coverage"
_KIND_ORDER: Final = {"month": 0, "quarter": 1, "year": 2}  # finer first for tie-breaks
_COMMUNITY_ORDER: Final = {c.key: i for i, c in enumerate(COMMUNITIES)}
_REGION_ORDER: Final = {k: i for i, k in enumerate((*SUBNATIONAL_KEYS, NATIONAL_KEY))}

Basis = Literal["counts", "mixed", "value", "unpoolable", "none"]
CUBE_COLUMNS: Final = (
    "period",
    "period_start",
    "region",
    "community",
    "numerator",
    "denominator",
    "rate",
    "basis",
    "value_only",
    "withheld",
)


@dataclass(frozen=True)
class IndicatorInfo:
    """What the catalog says about one indicator, in the reader's language."""

    id: str
    name: str
    unit: str
    higher_is_better: bool | None
    target: float | None
    target_source: str | None
    definition: str | None
    cascade_step: int | None


@dataclass(frozen=True)
class Selection:
    """The rows of one indicator chosen by the filters, and what was left out and why."""

    rows: pd.DataFrame
    period_kind: str | None
    communities: tuple[str, ...]  # communities pooled (overlaps removed)
    dropped_overlaps: tuple[str, ...]  # chosen sub-groups left out because the parent is chosen
    regions: tuple[str, ...]  # regions chosen (all nine when none is chosen)
    regions_without_rows: tuple[str, ...]
    uses_national: bool  # the national rows stand in for regions
    other_kind_rows: int  # rows of another period kind, left out


@dataclass(frozen=True)
class Answer:
    """The headline: the region furthest from target in the latest period, and its change."""

    period: str
    region: str | None  # None when no region has a shown value
    rate: float | None
    gap: float | None  # distance to target in the bad direction (> 0: target missed)
    meets_target: bool | None  # None when there is no target
    all_meet_target: bool
    previous_period: str | None  # the same period a year earlier
    previous_rate: float | None
    change: float | None  # rate - previous_rate
    improved: bool | None  # None without a direction or a previous value
    hidden_regions: tuple[str, ...] = field(default_factory=tuple)


# --- the catalog ------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    """A catalog text cell, None when empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def indicator_info(catalog: pd.DataFrame, indicator: str, lang: str) -> IndicatorInfo:
    """Name (in ``lang``, else English), unit, direction, target and its source of an indicator."""
    match = catalog[catalog["id"] == indicator]
    if match.empty:
        raise KeyError(indicator)
    row = match.iloc[0]
    name = _text(row.get(f"name_{lang}")) or _text(row.get("name_en")) or indicator
    higher = row.get("higher_is_better")
    target = row.get("target")
    step = row.get("cascade_step")
    return IndicatorInfo(
        id=indicator,
        name=name,
        unit=str(row["unit"]),
        higher_is_better=None if pd.isna(higher) else bool(higher),
        target=None if pd.isna(target) else float(target),
        target_source=_text(row.get("target_source")),
        definition=_text(row.get("definition")),
        cascade_step=None if pd.isna(step) else int(step),
    )


def indicator_options(catalog: pd.DataFrame, indicators: pd.DataFrame) -> list[str]:
    """Catalog ids that have at least one row of data, in catalog order."""
    present = set(indicators["indicator"])
    return [i for i in catalog["id"] if i in present]


def default_indicator(options: Sequence[str]) -> str | None:
    """OST coverage when present (the coalition's headline question), else the first option."""
    if DEFAULT_INDICATOR in options:
        return DEFAULT_INDICATOR
    return options[0] if options else None


def cascade_indicators(catalog: pd.DataFrame) -> dict[int, str] | None:
    """Step -> indicator id for the 95-95-95 cascade, or None unless all three steps exist."""
    steps = catalog.dropna(subset=["cascade_step"])
    found = {int(s): str(i) for s, i in zip(steps["cascade_step"], steps["id"], strict=True)}
    if not all(step in found for step in CASCADE_STEPS):
        return None
    return {step: found[step] for step in CASCADE_STEPS}


# --- choosing rows ----------------------------------------------------------------------------


def community_options(indicators: pd.DataFrame, indicator: str) -> list[str]:
    """Communities with rows for ``indicator``, in the contract's order."""
    present = set(indicators.loc[indicators["indicator"] == indicator, "community"])
    return sorted(present, key=lambda c: _COMMUNITY_ORDER.get(c, 99))


def pooling_communities(chosen: Iterable[str]) -> tuple[list[str], list[str]]:
    """Communities to add up without counting anyone twice, and those left out for overlap."""
    chosen = sorted(dict.fromkeys(chosen), key=lambda c: _COMMUNITY_ORDER.get(c, 99))
    if "all" in chosen:
        return ["all"], [c for c in chosen if c != "all"]
    kept = [c for c in chosen if COMMUNITY_PARENT.get(c) not in chosen]
    return kept, [c for c in chosen if c not in kept]


def period_kind(rows: pd.DataFrame) -> str | None:
    """The period kind to use: the most frequent among ``rows``, ties to the finer kind."""
    if rows.empty:
        return None
    counts = rows["period_kind"].value_counts()
    return min(counts.index, key=lambda k: (-counts[k], _KIND_ORDER.get(k, 9)))


def period_labels(indicators: pd.DataFrame, indicator: str) -> list[str]:
    """Period labels of ``indicator`` (of its period kind), oldest first."""
    rows = indicators[indicators["indicator"] == indicator]
    kind = period_kind(rows)
    rows = rows[rows["period_kind"] == kind]
    ordered = rows.drop_duplicates("period").sort_values("period_start")
    return ordered["period"].tolist()


def select_rows(
    indicators: pd.DataFrame,
    indicator: str,
    communities: Sequence[str] = (),
    regions: Sequence[str] = (),
) -> Selection:
    """Rows of one indicator for the chosen communities and regions (empty choice = all)."""
    rows = indicators[indicators["indicator"] == indicator]
    kind = period_kind(rows)
    other_kind = int((rows["period_kind"] != kind).sum()) if kind else 0
    rows = rows[rows["period_kind"] == kind]
    chosen = list(communities) or community_options(rows, indicator)
    pooled, dropped = pooling_communities(chosen)
    rows = rows[rows["community"].isin(pooled)]
    wanted = tuple(r for r in SUBNATIONAL_KEYS if r in regions) if regions else SUBNATIONAL_KEYS
    regional = rows[rows["region"].isin(wanted)]
    national = rows[rows["region"] == NATIONAL_KEY]
    uses_national = False
    if not regions and not national.empty:
        # National rows stand in only for periods where no region reported: never both.
        missing = ~national["period"].isin(set(regional["period"]))
        if missing.any():
            uses_national = True
            regional = pd.concat([regional, national[missing]])
    without = tuple(r for r in wanted if r not in set(regional["region"]))
    return Selection(
        rows=regional.reset_index(drop=True),
        period_kind=kind,
        communities=tuple(pooled),
        dropped_overlaps=tuple(dropped),
        regions=wanted,
        regions_without_rows=without,
        uses_national=uses_national,
        other_kind_rows=other_kind,
    )


# --- pooling ----------------------------------------------------------------------------------


def pool(rows: pd.DataFrame, unit: str, threshold: int = DEFAULT_THRESHOLD) -> dict[str, object]:
    """Pool rows into one figure: sum of numerators over sum of denominators, never a mean.

    Rows with a count below ``threshold`` are withheld: left out, and counted in ``withheld``.
    Returns numerator, denominator, rate, basis, value_only (the number of value-only rows
    left out of a pooled figure, or used when there are no counts) and withheld. The cube's
    cells follow the same rules from the same code (``_parts`` and ``_pooled``).
    """
    totals = _parts(rows, threshold)[_SUMS].sum().to_frame().T
    hidden = int(totals["n_withheld"].iloc[0])
    if totals["n_counts"].iloc[0] + totals["n_values"].iloc[0] == 0:
        nan = float("nan")
        return {
            "numerator": nan,
            "denominator": nan,
            "rate": nan,
            "basis": "none",
            "value_only": 0,
            "withheld": hidden,
        }
    pooled = _pooled(totals, unit).iloc[0]
    return {
        "numerator": float(pooled["numerator"]),
        "denominator": float(pooled["denominator"]),
        "rate": float(pooled["rate"]),
        "basis": pooled["basis"],
        "value_only": int(pooled["value_only"]),
        "withheld": hidden,
    }


_SUMS: Final = ["num", "den", "n_counts", "n_values", "val", "n_withheld"]


def _parts(rows: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Per row: what it adds to a pooled figure (its counts where it has them, else its value).

    A withheld row (a count below ``threshold``) adds nothing but ``n_withheld``: the rule that
    keeps every pooled figure free of hidden counts, whatever union a reader selects.
    """
    held = withheld(rows, ["numerator", "denominator"], threshold)
    counted = rows["from_counts"].fillna(False).astype(bool) & ~held
    valued = ~counted & ~held & rows["rate"].notna()
    return pd.DataFrame(
        {
            "period": rows["period"],
            "period_start": rows["period_start"],
            "region": rows["region"],
            "community": rows["community"],
            "num": rows["numerator"].where(counted, 0.0).fillna(0.0),
            "den": rows["denominator"].where(counted, 0.0).fillna(0.0),
            "n_counts": counted.astype(int),
            "n_values": valued.astype(int),
            "val": rows["rate"].where(valued, 0.0).fillna(0.0),
            "n_withheld": held.astype(int),
        }
    )


def build_cube(rows: pd.DataFrame, unit: str, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Every period's region x community cells with both margins (``ALL``) and the total.

    Cells come straight from the rows (one row per indicator, period, region, community);
    margins and the total are pooled by the same rules as ``pool``, computed group-wise so the
    cube of a large workbook costs a few group-bys rather than one filter per cell. A withheld
    cell keeps its counts in its own row (``protect`` hides them) and adds nothing to the
    margins; ``withheld`` says how many cells each row left out. Columns: ``CUBE_COLUMNS``.
    """
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CUBE_COLUMNS})
    parts = _parts(rows, threshold)
    sums = _SUMS
    levels = []
    for level, (by_region, by_community) in enumerate(
        [(True, True), (True, False), (False, True), (False, False)]
    ):
        keys = ["period", "period_start"] + ["region"] * by_region + ["community"] * by_community
        grouped = parts.groupby(keys, sort=False)[sums].sum().reset_index()
        grouped["region"] = grouped["region"] if by_region else ALL
        grouped["community"] = grouped["community"] if by_community else ALL
        grouped["level"] = level
        levels.append(grouped)
    cube = pd.concat(levels, ignore_index=True)
    # A cell needs at least one row; a withheld one is kept, to be shown as hidden.
    cube = cube[(cube["n_counts"] + cube["n_values"] + cube["n_withheld"]) > 0]
    cube = cube.assign(
        r_order=cube["region"].map(_REGION_ORDER).fillna(99),
        c_order=cube["community"].map(_COMMUNITY_ORDER).fillna(99),
    ).sort_values(["period_start", "period", "level", "r_order", "c_order"], kind="stable")
    cube = _pooled(cube, unit)
    # The cell of a withheld row keeps its own counts so that protect() can mark which is small.
    own = _own_counts(rows, unit)
    cells = (cube["region"] != ALL) & (cube["community"] != ALL) & (cube["n_withheld"] > 0)
    if cells.any():
        keys = list(zip(cube["period"], cube["region"], cube["community"], strict=True))
        for col in ("numerator", "denominator"):
            values = [own[col].get(k, np.nan) for k in keys]
            cube[col] = cube[col].where(~cells, pd.Series(values, index=cube.index))
    return cube.rename(columns={"n_withheld": "withheld"})[list(CUBE_COLUMNS)].reset_index(
        drop=True
    )


def _own_counts(rows: pd.DataFrame, unit: str) -> dict[str, dict[tuple, float]]:
    """(period, region, community) -> the row's own numerator and denominator."""
    keys = list(zip(rows["period"], rows["region"], rows["community"], strict=True))
    den = rows["denominator"] if unit != "count" else pd.Series(np.nan, index=rows.index)
    return {
        "numerator": dict(zip(keys, rows["numerator"].astype(float), strict=True)),
        "denominator": dict(zip(keys, den.astype(float), strict=True)),
    }


def _pooled(cube: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Group sums -> numerator, denominator, rate, basis and value_only, as ``pool`` decides."""
    nan = float("nan")
    has_counts = cube["n_counts"] > 0
    numerator = cube["num"].where(has_counts, nan)
    if unit == "count":
        denominator = pd.Series(nan, index=cube.index)
        counted_rate = numerator
    else:
        denominator = cube["den"].where(has_counts, nan)
        scale = 100 if unit == "percent" else 1
        counted_rate = (numerator / denominator * scale).where(denominator > 0, nan)
    single_value = (cube["n_values"] == 1) | (unit == "count")
    value_rate = cube["val"].where(single_value, nan)
    basis = pd.Series("value", index=cube.index, dtype="object")
    basis[~single_value] = "unpoolable"
    basis[has_counts] = "counts"
    basis[has_counts & (cube["n_values"] > 0)] = "mixed"
    if "n_withheld" in cube:
        basis[~has_counts & (cube["n_values"] == 0) & (cube["n_withheld"] > 0)] = "withheld"
    return cube.assign(
        numerator=numerator,
        denominator=denominator,
        rate=counted_rate.where(has_counts, value_rate),
        basis=basis,
        value_only=cube["n_values"].astype(int),
    )


def protect(cube: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Hide what a reader must not see in a cube built with the same ``threshold``.

    A withheld cell shows its small count as "<10", its other count as the hidden mark and no
    rate. A margin whose cells were all withheld has no figure and is marked hidden, not "no
    data". Margins pooled from shown cells need no complementary suppression: they contain no
    hidden count, so subtracting them from each other gives back only shown cells. Primary
    suppression still runs over every count, as a second lock.
    """
    counts = cube.astype({"numerator": float, "denominator": float, "rate": float})
    out = suppress(
        counts,
        count_cols=["numerator", "denominator"],
        rate_cols={"rate": ["numerator", "denominator"]},
        threshold=threshold,
    )
    held = out["withheld"].fillna(0).astype(int) > 0
    cell = held & (out["region"] != ALL) & (out["community"] != ALL)
    empty = held & ~cell & out["basis"].eq("withheld")
    for col in ("numerator", "denominator"):
        present = counts[col].notna()
        # The count that is not small is hidden too: with it, the cell's rate would be known.
        other = cell & present & ~out[f"{col}_suppressed"]
        out.loc[other | empty, f"{col}_suppressed"] = True
        out.loc[other | empty, f"{col}_complementary"] = True
        out.loc[cell | empty, col] = np.nan
    out.loc[cell | empty, "rate"] = np.nan
    out.loc[cell | empty, "rate_suppressed"] = True
    out.loc[cell | empty, "suppressed"] = True
    return out


def protected_cube(
    rows: pd.DataFrame, unit: str, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """The cube every page reads: built and protected with one threshold (see ``protect``)."""
    return protect(build_cube(rows, unit, threshold), threshold)


# --- reading the protected cube ---------------------------------------------------------------


def withheld_range(row: pd.Series, threshold: int = DEFAULT_THRESHOLD) -> tuple[float, float]:
    """Where the true sum of a pooled count lies: each withheld cell holds 1 to threshold - 1.

    Tells the reader nothing new: the number of withheld cells is public (their "<10" marks).
    """
    shown = 0.0 if pd.isna(row["numerator"]) else float(row["numerator"])
    left_out = int(row["withheld"])
    return shown + left_out, shown + left_out * (threshold - 1)


def in_range(cube: pd.DataFrame, periods: Sequence[str], start: str, end: str) -> pd.DataFrame:
    """Cube rows whose period lies between ``start`` and ``end`` in ``periods`` order."""
    order = {p: i for i, p in enumerate(periods)}
    low, high = order.get(start, 0), order.get(end, len(periods) - 1)
    low, high = min(low, high), max(low, high)
    position = cube["period"].map(order)
    return cube[(position >= low) & (position <= high)]


def totals(cube: pd.DataFrame) -> pd.DataFrame:
    """The pooled figure per period (both margins ``ALL``), oldest first."""
    return cube[(cube["region"] == ALL) & (cube["community"] == ALL)].reset_index(drop=True)


def by_community(cube: pd.DataFrame) -> pd.DataFrame:
    """Per period and community, pooled over the chosen regions."""
    return cube[(cube["region"] == ALL) & (cube["community"] != ALL)].reset_index(drop=True)


def by_region(cube: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Per region (pooled over the chosen communities), for one period or all."""
    out = cube[(cube["region"] != ALL) & (cube["community"] == ALL)]
    if period is not None:
        out = out[out["period"] == period]
    return out.reset_index(drop=True)


def latest_period(cube: pd.DataFrame) -> str | None:
    """The most recent period with a pooled value in ``cube``."""
    shown = totals(cube)
    shown = shown[shown["rate"].notna() | (shown["basis"] != "none")]
    return None if shown.empty else str(shown.iloc[-1]["period"])


def previous_period(periods: Sequence[str], period: str) -> str | None:
    """The period just before ``period`` in ``periods``."""
    index = list(periods).index(period) if period in periods else -1
    return periods[index - 1] if index > 0 else None


def year_before(period: str, kind: str | None) -> str:
    """The same period a year earlier: 2025-Q3 -> 2024-Q3, 2025-03 -> 2024-03, 2025 -> 2024."""
    year, rest = period[:4], period[4:]
    del kind  # the label carries its own shape
    return f"{int(year) - 1}{rest}"


def shortfall(
    rate: float | None, target: float | None, higher_is_better: bool | None
) -> float | None:
    """How far ``rate`` misses ``target`` in the bad direction (negative: target beaten)."""
    if target is None or higher_is_better is None or rate is None or math.isnan(rate):
        return None
    return target - rate if higher_is_better else rate - target


def answer(cube: pd.DataFrame, info: IndicatorInfo, period: str) -> Answer:
    """The region furthest from target (or worst, without a target) in ``period``.

    Reads only shown values of the protected cube: a region whose value is hidden is never
    ranked, since naming it as the worst would tell something about a hidden number.
    """
    regions = by_region(cube, period)
    regions = regions[regions["region"] != NATIONAL_KEY]
    hidden = tuple(regions.loc[regions["rate"].isna(), "region"])
    shown = regions[regions["rate"].notna()]
    empty = Answer(period, None, None, None, None, False, None, None, None, None, hidden)
    if shown.empty:
        return empty
    higher = info.higher_is_better
    if info.target is not None and higher is not None:
        gaps = shown["rate"].map(lambda r: shortfall(r, info.target, higher))
        worst = shown.loc[gaps.astype(float).idxmax()]
    elif higher is not None:
        worst = shown.loc[shown["rate"].idxmin() if higher else shown["rate"].idxmax()]
    else:
        worst = shown.loc[shown["rate"].idxmin()]
    rate = float(worst["rate"])
    gap = shortfall(rate, info.target, higher)
    before = year_before(period, None)
    earlier = by_region(cube, before)
    earlier = earlier[earlier["region"] == worst["region"]]
    previous = float(earlier["rate"].iloc[0]) if len(earlier) else None
    if previous is not None and math.isnan(previous):
        previous = None
    change = rate - previous if previous is not None else None
    improved = None
    if change is not None and higher is not None and change != 0:
        improved = change > 0 if higher else change < 0
    elif change == 0:
        improved = False
    all_meet = bool(
        gap is not None
        and all((shortfall(r, info.target, higher) or 0) <= 0 for r in shown["rate"].astype(float))
    )
    return Answer(
        period=period,
        region=str(worst["region"]),
        rate=rate,
        gap=gap,
        meets_target=None if gap is None else gap <= 0,
        all_meet_target=all_meet,
        previous_period=before if previous is not None else None,
        previous_rate=previous,
        change=change,
        improved=improved,
        hidden_regions=hidden,
    )


def value_only_regions(cube: pd.DataFrame, period: str) -> list[str]:
    """Regions whose figure in ``period`` is a reported value, not pooled from counts."""
    regions = by_region(cube, period)
    return regions.loc[regions["basis"].isin(["value", "unpoolable"]), "region"].tolist()


def value_only_share(cube: pd.DataFrame, period: str) -> int:
    """How many value-only rows the pooled total of ``period`` left out (0: none)."""
    total = totals(cube)
    total = total[total["period"] == period]
    if total.empty or total["basis"].iloc[0] != "mixed":
        return 0
    return int(total["value_only"].iloc[0])


def cascade_cubes(
    indicators: pd.DataFrame,
    steps: dict[int, str],
    regions: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    units: dict[str, str] | None = None,
) -> dict[int, pd.DataFrame]:
    """The protected cube of each cascade step for the chosen regions (all its communities)."""
    out: dict[int, pd.DataFrame] = {}
    for step, indicator in steps.items():
        selection = select_rows(indicators, indicator, (), regions)
        unit = (units or {}).get(indicator, "percent")
        out[step] = protected_cube(selection.rows, unit, threshold)
    return out


def cascade_at(
    cubes: dict[int, pd.DataFrame], until: str | None = None
) -> tuple[str | None, pd.DataFrame]:
    """The latest period (not after ``until``) where every step has a pooled total, and them."""
    common: set[str] | None = None
    starts: dict[str, pd.Timestamp] = {}
    for cube in cubes.values():
        shown = totals(cube)
        shown = shown[shown["basis"] != "none"]
        starts |= dict(zip(shown["period"], shown["period_start"], strict=True))
        common = set(shown["period"]) if common is None else common & set(shown["period"])
    if not common:
        return None, pd.DataFrame()
    candidates = sorted(common, key=lambda p: starts[p])
    if until is not None and until in starts:
        candidates = [p for p in candidates if starts[p] <= starts[until]]
    if not candidates:
        return None, pd.DataFrame()
    period = candidates[-1]
    rows = []
    for step, cube in cubes.items():
        total = totals(cube)
        row = total[total["period"] == period].iloc[0].to_dict()
        rows.append({"step": step, **row})
    threshold = getattr(next(iter(cubes.values())), "threshold", DEFAULT_THRESHOLD)
    return period, privacy.protected(pd.DataFrame(rows), threshold)


def table(cube: pd.DataFrame) -> pd.DataFrame:
    """The protected cube as a tidy table: cells and region/community margins, no grand total."""
    keep = cube[~((cube["region"] == ALL) & (cube["community"] == ALL))]
    return keep.sort_values(["period_start", "region", "community"], kind="stable").reset_index(
        drop=True
    )


def nan_to_none(value: object) -> float | None:
    """A float, or None for NaN / NA (for optional numbers in the answer)."""
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) else number


def trend(cube: pd.DataFrame) -> pd.DataFrame:
    """The pooled line per period, plus one line per community when several are pooled."""
    pooled = totals(cube)
    communities = by_community(cube)
    if communities["community"].nunique() < 2:
        return pooled
    return pd.concat([communities, pooled], ignore_index=True)


def latest_vs_previous(
    cube: pd.DataFrame, periods: Sequence[str], period: str
) -> tuple[pd.Series, str | None, float | None]:
    """The pooled row of ``period``, the period before it, and the change (None if unknown)."""
    pooled = totals(cube)
    now = pooled[pooled["period"] == period].iloc[0]
    before = previous_period(periods, period)
    earlier = pooled[pooled["period"] == before]
    change = None
    if len(earlier):
        a, b = nan_to_none(now["rate"]), nan_to_none(earlier["rate"].iloc[0])
        change = None if a is None or b is None else a - b
    return now, before, change


def regions_not_shown(cube: pd.DataFrame, period: str, regions: Sequence[str]) -> list[str]:
    """Chosen regions with no shown value in ``period`` (hidden, unpoolable or no rows)."""
    shown = by_region(cube, period).dropna(subset=["rate"])
    return [r for r in regions if r not in set(shown["region"])]
