"""Small-number protection: every count bound for the browser passes through here first.

The data describe people whom the law and the police target, so a small count can point at
someone. ``docs/PRIVACY.md`` states the policy (which counts are sensitive) and why the rules
are these.

The rule that holds across every selection a reader can make (``withheld``). A cell of a
flexible table (an indicator's region x community x period cell) whose count is below ``t``
is *withheld*: shown as "<t", and left out of every figure pooled over a selection, and the
figure says how many cells it left out. Then no shown number contains a hidden count, so no
union, difference or linear combination of views, in one page or across many, can reveal
one. Per-table complementary suppression (below) cannot promise that: each union a reader
selects is a new table whose margins can be differenced against the others.

For fixed tables that are shown whole (the votes of one round by voter group) the rules, for
a threshold ``t`` (default 10):

1. Primary suppression. A count ``c`` with ``0 < c < t`` is hidden (shown as ``"<10"``).
   Zero is shown: it names nobody (and the bounds below rely on every hidden cell being >= 1).
   NaN means "no data" and stays NaN, unflagged.
2. Rates. A rate computed from a hidden count is hidden with it (``rate_cols`` maps each rate
   column to the counts it comes from), so numerator = rate x denominator cannot undo rule 1.
3. Complementary suppression. Each *group* is a set of cells that add up to a total shown
   somewhere: all regions of one indicator, community and period add up to the national row.
   While some hidden cell of a group could be worked out from the total and the shown cells,
   the smallest shown non-zero cell of the group is hidden too (shown as ``HIDDEN_MARK``);
   when there is none left, the total is hidden: the total row itself when it is in the frame
   (``Group.total``), otherwise every row of the group gets ``total_suppressed`` so the caller
   hides the total wherever it shows it. With several groups whose totals are all outside
   the frame that flag cannot say which total; put the margins in the frame instead.
4. ``suppress`` returns a copy with ``<count>_suppressed`` / ``<count>_complementary``,
   ``<rate>_suppressed``, ``suppressed`` (anything in the row hidden) and ``total_suppressed``.

What "could be worked out" means (the guarantee). The reader is assumed to see every shown
value and the total, to know this algorithm, and so to know that a cell shown as ``"<t"``
lies in ``[1, t-1]`` and that a complementary cell lies in ``[t, m]``, ``m`` being the smallest
non-zero cell still shown in the group that chose it. For each group with a shown total,
``suppress`` hides cells until no hidden cell has a single possible value under those bounds:
this covers one hidden cell, two hidden 1s, two hidden 9s, and "3 and a 10 hidden next to a
shown 10". Complementary cells are protected too, so that one group cannot hand a reader the
value it needs to subtract in the next (the 2-D "rectangle").
For one-dimensional breakdowns (regions of a national total) that is the whole guarantee.
With several overlapping groups (a region x community table with both margins) the rule is
applied to every group until nothing changes, so each group is safe on its own; an attacker
who solves the equations of several groups together (linear programming) is not ruled out.
Rows that carry only a rate and no counts cannot be judged and pass unchanged; free text is
never inspected. Known gap: ``t - 1`` or more parts all equal to 1 under a total that is itself
below ``t`` are all hidden, yet a reader can still tell each is 1; nothing is left to hide.

Typical call, regions of a national row, counts and the rate made from them::

    shown = suppress(frame, count_cols=["numerator", "denominator"],
                     rate_cols={"value": ["numerator", "denominator"]},
                     groups=[["indicator", "community", "period"]],
                     total_rows=("region", "National"))
    table = to_display(shown)  # "<10" / "*" as text, for tables and downloads

Pool first, then suppress the pooled frame: a figure pooled from unsuppressed rows is a new
count and must pass here too.

``small_counts_in`` is the matching check for tests: it walks what a page sends to the
browser and reports counts in ``(0, t)``; see its docstring for the conventions it relies on.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import numpy as np
import pandas as pd

from utils.sheet.contract import DEFAULT_THRESHOLD, PEOPLE_COUNTS

# Shown for cells hidden only to protect another cell, and for hidden rates: writing "<10"
# there would be false (a complementary cell is >= the threshold).
HIDDEN_MARK = "*"
MISSING_MARK = "—"

_SHOWN, _PRIMARY, _COMPLEMENTARY = 0, 1, 2
_OUTSIDE = -1  # "hide the total that lives outside the frame"

TotalSpec = str | tuple[str, Hashable] | None


@dataclass(frozen=True)
class Group:
    """Rows equal in ``by`` add up to one total; ``total`` marks the total row, if present.

    ``total`` is the name of a boolean column, or a ``(column, value)`` pair such as
    ``("region", "National")``; ``None`` means the total is shown outside this frame.
    """

    by: tuple[str, ...]
    total: TotalSpec = None


@dataclass(frozen=True)
class SmallCount:
    """One count below the threshold found in a payload, with where it was found."""

    path: str
    value: float


@dataclass(frozen=True)
class _Cells:
    """One concrete group: row positions of its parts, and of its total row if any."""

    parts: np.ndarray
    total: int | None


def suppress(
    df: pd.DataFrame,
    *,
    count_cols: Sequence[str],
    rate_cols: Mapping[str, Sequence[str]] | None = None,
    groups: Sequence[Group | Sequence[str]] = (),
    total_rows: TotalSpec = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Hide small counts, the rates made from them and complementary cells; return a copy.

    ``groups`` items are ``Group`` objects or plain column lists; a plain list takes
    ``total_rows`` as its total (e.g. ``groups=[["indicator", "community", "period"]],
    total_rows=("region", "National")``).
    """
    rate_cols = dict(rate_cols or {})
    _validate(df, count_cols, rate_cols, threshold)
    specs = [_as_group(g, total_rows) for g in groups]
    for spec in specs:
        _require_columns(df, [*spec.by, *_total_columns(spec.total)])
    cells = [c for spec in specs for c in _split(df, spec)]

    values = {c: pd.to_numeric(df[c]).to_numpy(dtype=float, na_value=np.nan) for c in count_cols}
    state = {
        c: np.where((values[c] > 0) & (values[c] < threshold), _PRIMARY, _SHOWN) for c in values
    }
    chooser = {c: np.full(len(df), -1) for c in values}
    total_hidden = {c: np.zeros(len(cells), dtype=bool) for c in values}

    # Hiding a cell for one group can expose another (2-D margins): repeat until stable.
    # Each round hides at least one more cell, so this ends.
    changed = True
    while changed:
        changed = False
        for col in count_cols:
            v, st, ch = values[col], state[col], chooser[col]
            for gid, group in enumerate(cells):
                while not total_hidden[col][gid]:
                    pos = _next_to_hide(v, st, ch, cells, group, threshold)
                    if pos is None:
                        break
                    changed = True
                    if pos == _OUTSIDE:
                        total_hidden[col][gid] = True
                    else:
                        st[pos], ch[pos] = _COMPLEMENTARY, gid

    out = df.copy()
    any_hidden = np.zeros(len(df), dtype=bool)
    for col in count_cols:
        hidden = state[col] != _SHOWN
        out[col] = np.where(hidden, np.nan, values[col])
        out[f"{col}_suppressed"] = hidden
        out[f"{col}_complementary"] = state[col] == _COMPLEMENTARY
        any_hidden |= hidden
    for rate, sources in rate_cols.items():
        rate_values = pd.to_numeric(df[rate]).to_numpy(dtype=float, na_value=np.nan)
        hidden = np.logical_or.reduce([state[s] != _SHOWN for s in sources]) & ~np.isnan(
            rate_values
        )
        out[rate] = np.where(hidden, np.nan, rate_values)
        out[f"{rate}_suppressed"] = hidden
        any_hidden |= hidden
    out["suppressed"] = any_hidden
    out["total_suppressed"] = _rows_of_hidden_totals(len(df), cells, total_hidden)
    return protected(out, threshold)


def withheld(df: pd.DataFrame, count_cols: Sequence[str], threshold: int) -> pd.Series:
    """Rows with any count in ``(0, threshold)``: shown hidden and left out of every pooled figure.

    Zero is not withheld (it names nobody); NaN ("no data") is not either. See the module
    docstring and ``docs/PRIVACY.md`` for why this, and not complementary suppression, is the
    rule for figures pooled over a reader's selection.
    """
    if not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a positive whole number, got {threshold!r}")
    held = pd.Series(False, index=df.index)
    for col in count_cols:
        values = pd.to_numeric(df[col], errors="coerce")
        held |= (values > 0) & (values < threshold)
    return held


def display_count(
    value: float | None,
    suppressed: bool,
    threshold: int = DEFAULT_THRESHOLD,
    fmt: Callable[[float], str] | None = None,
    *,
    complementary: bool = False,
) -> str:
    """Text for one count: "<10" if hidden as small, HIDDEN_MARK if hidden for another cell."""
    if suppressed:
        return HIDDEN_MARK if complementary else f"<{threshold}"
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return MISSING_MARK
    return (fmt or _plain_number)(float(value))


def to_display(
    df: pd.DataFrame, *, threshold: int = DEFAULT_THRESHOLD, drop_flags: bool = True
) -> pd.DataFrame:
    """Copy of a ``suppress`` result with hidden cells as "<10" / HIDDEN_MARK text.

    Shown numbers stay numbers (whole counts as integers; object dtype only in columns with a
    hidden cell); ``threshold`` must be the one given to ``suppress``. Flag columns are dropped
    unless ``drop_flags`` is False.
    """
    out = df.copy()
    flag_cols = [c for c in ("suppressed", "total_suppressed") if c in df.columns]
    for col in df.columns:
        flag = f"{col}_suppressed"
        if flag not in df.columns:
            continue
        flag_cols.append(flag)
        hidden = df[flag].to_numpy(dtype=bool)
        column = out[col]
        compl_flag = f"{col}_complementary"
        if compl_flag in df.columns:  # a count column
            flag_cols.append(compl_flag)
            complementary = df[compl_flag].to_numpy(dtype=bool)
            marks = np.where(complementary, HIDDEN_MARK, f"<{threshold}")
            known = column.dropna()
            if (known == known.round()).all():
                column = column.astype("Int64")  # a table reads "30", not "30.0"
        else:  # a rate column: never "<10", that would read as a small rate
            marks = np.full(len(df), HIDDEN_MARK)
        if hidden.any():
            column = column.astype(object)
            column[hidden] = marks[hidden]
        out[col] = column
    return out.drop(columns=flag_cols) if drop_flags else out


def trace_meta(customdata: Sequence[str] = (), counts: Sequence[str] = ()) -> dict[str, list[str]]:
    """Plotly ``trace.meta`` naming customdata columns and count-valued fields, for checks."""
    return {"customdata": list(customdata), "counts": list(counts)}


COUNT_WORDS = frozenset(
    {
        "count",
        "counts",
        "n",
        "numerator",
        "denominator",
        "votes",
        "voters",
        "people",
        "persons",
        "reached",
        "population",
        "clients",
        "cases",
    }
)
# A key with one of these words holds a rate or a flag even if it also names a count word
# ("votes_share", "numerator_suppressed").
NOT_COUNT_WORDS = frozenset(
    {"rate", "share", "pct", "percent", "percentage", "coverage", "ratio", "value", "target"}
    | {"suppressed", "complementary"}
)


def small_counts_in(
    payload: object,
    *,
    count_words: frozenset[str] = COUNT_WORDS,
    threshold: int = DEFAULT_THRESHOLD,
) -> list[SmallCount]:
    """Every count in ``(0, threshold)`` in a browser payload; empty when the payload is safe.

    Walks dicts, lists, DataFrames, Series, plotly figures, pydeck decks, JSON strings (what
    ``AppTest`` holds: ``plotly_chart.proto.spec``, ``deck_gl_json_chart.proto.json``) and
    plotly's base64 typed arrays. Only count-like values are judged, because small rates
    (4.5 %) are legitimate:

    - a dict key or DataFrame column is count-like when one of its words (split at ``_``,
      spaces, camelCase) is in ``count_words`` and none is in ``NOT_COUNT_WORDS``; a key with
      neither inherits from its parent, so ``{"votes": [{"x": 3}]}`` is judged;
    - numbers under such keys are judged, and so are strings that read as a number ("7",
      "1 234"); "<10" and other text are not;
    - plotly customdata has no names, so a chart that puts counts there says so in
      ``trace.meta`` (see ``trace_meta``): ``meta["customdata"]`` names its columns and
      ``meta["counts"]`` lists trace fields that hold counts (e.g. ``["y"]`` for a bar of votes);
    - booleans are never counts. Free text ("7 people") is not inspected: format counts with
      ``display_count`` so a hidden count never becomes text.
    """
    found: list[SmallCount] = []
    for path, value in _walk(payload, "$", False, count_words):
        if 0 < value < threshold:
            found.append(SmallCount(path, value))
    return found


# --- the protected frame: the only kind of frame a figure or table builder takes ----------


class SmallCountError(ValueError):
    """A frame offered as protected still holds a count of people in ``(0, threshold)``."""


class Protected(pd.DataFrame):
    """A frame the privacy layer has checked: no count in it lies in ``(0, threshold)``.

    Made only here: by ``suppress`` (the per-table rule), by the indicator cube
    (``utils.analysis.indicators.protected_cube``, the ``withheld`` rule), or by ``protected``
    for a frame that holds no counts of people at all (milestones). Selecting rows or columns
    of it, sorting or renaming keeps the type (pandas' ``_constructor``), so the slices the
    pages show stay protected. Every builder in ``utils/render`` takes only this type and checks
    it again on the way in (``require``), so a count pooled after protection is caught too.
    """

    _metadata: ClassVar[list[str]] = ["threshold", "of_people"]
    threshold: int
    of_people: bool  # False: certified to hold no count of people at all (``no_people``)

    @property
    def _constructor(self) -> type[Protected]:
        return Protected


def _small_columns(frame: pd.DataFrame, threshold: int) -> list[str]:
    """Names (never values) of the count-like columns holding a count in ``(0, threshold)``."""
    found = small_counts_in(pd.DataFrame(frame), threshold=threshold)
    return sorted(
        {
            hit.path.split("[", 1)[1].split("]", 1)[0].strip("'\"")
            for hit in found
            if "[" in hit.path
        }
    )


def protected(frame: pd.DataFrame, threshold: int) -> Protected:
    """``frame`` as a :class:`Protected`, once it is checked to hold no count in ``(0, threshold)``.

    Raises :class:`SmallCountError` (naming the columns, never a value) otherwise: protect the
    counts first (``suppress``, ``withheld``), then offer the result here.
    """
    if not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a positive whole number, got {threshold!r}")
    small = _small_columns(frame, threshold)
    if small:
        raise SmallCountError(f"counts below the threshold in columns {small}")
    out = Protected(frame)
    out.threshold, out.of_people = threshold, True
    return out


PEOPLE_COLUMNS: Final = frozenset(column for _, column in PEOPLE_COUNTS)
"""Every column name that holds a count of people somewhere in the contract."""


def _people_columns(frame: pd.DataFrame) -> list[str]:
    return sorted(str(c) for c in frame.columns if c in PEOPLE_COLUMNS)


def no_people(frame: pd.DataFrame) -> Protected:
    """``frame`` as a :class:`Protected` that counts things, not people (milestones by status).

    Its small numbers are safe (three milestones late names nobody), so they are not hidden;
    what is checked is that it has none of the contract's people-count columns
    (``utils.sheet.contract.PEOPLE_COUNTS``). Raises :class:`SmallCountError` otherwise.
    """
    people = _people_columns(frame)
    if people:
        raise SmallCountError(f"columns {people} count people: protect them instead")
    out = Protected(frame)
    out.threshold, out.of_people = DEFAULT_THRESHOLD, False
    return out


def require(frame: object) -> Protected:
    """The way into every figure and table builder: only a checked :class:`Protected` passes.

    A plain DataFrame is refused (``TypeError``): it did not come from the privacy layer. A
    ``Protected`` is checked again, since a sum of protected rows is a new count.
    """
    if not isinstance(frame, Protected):
        raise TypeError(
            f"a builder takes a privacy.Protected frame, not {type(frame).__name__}: "
            "protect it in utils.analysis first"
        )
    if getattr(frame, "of_people", True) is False:
        people = _people_columns(frame)
        if people:
            raise SmallCountError(f"columns {people} count people: protect them instead")
        return frame
    threshold = getattr(frame, "threshold", DEFAULT_THRESHOLD)
    small = _small_columns(frame, threshold)
    if small:
        raise SmallCountError(f"counts below the threshold in columns {small}")
    return frame


# --- suppression internals ------------------------------------------------------------


def _validate(
    df: pd.DataFrame, count_cols: Sequence[str], rate_cols: Mapping[str, Sequence[str]], t: int
) -> None:
    """Refuse inputs that would make the result silently unsafe."""
    if isinstance(count_cols, str):
        raise TypeError("count_cols must be a list of column names, not one string")
    if not isinstance(t, int) or t < 1:
        raise ValueError(f"threshold must be a positive whole number, got {t!r}")
    _require_columns(df, [*count_cols, *rate_cols])
    for rate, sources in rate_cols.items():
        unknown = [s for s in sources if s not in count_cols]
        if isinstance(sources, str) or not sources or unknown:
            raise ValueError(f"rate {rate!r} must list its count columns from count_cols")
    # A frame already suppressed has NaN where counts were hidden; suppressing it again would
    # take them for "no data" and drop the complementary cells they need.
    flags = ["suppressed", *(f"{c}_suppressed" for c in [*count_cols, *rate_cols])]
    if any(f in df.columns for f in flags):
        raise ValueError("frame is already suppressed; suppress the unsuppressed frame once")


def _require_columns(df: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise KeyError naming any missing column."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in frame: {missing}")


def _as_group(group: Group | Sequence[str], total_rows: TotalSpec) -> Group:
    """Normalise a plain column list into a Group that uses the shared total spec."""
    if isinstance(group, Group):
        return Group(tuple(group.by), group.total)
    if isinstance(group, str):
        raise TypeError(f"a group is a list of columns, not the string {group!r}")
    return Group(tuple(group), total_rows)


def _total_columns(total: TotalSpec) -> list[str]:
    """Columns a total spec reads."""
    if total is None:
        return []
    return [total] if isinstance(total, str) else [total[0]]


def _split(df: pd.DataFrame, spec: Group) -> list[_Cells]:
    """Concrete groups of one spec, each with its total row position when present."""
    if spec.total is None:
        is_total = np.zeros(len(df), dtype=bool)
    elif isinstance(spec.total, str):
        is_total = df[spec.total].eq(True).to_numpy()
    else:
        is_total = df[spec.total[0]].eq(spec.total[1]).to_numpy()
    if spec.by:
        codes = df.groupby(list(spec.by), dropna=False, sort=False).ngroup().to_numpy()
    else:
        codes = np.zeros(len(df), dtype=int)
    result = []
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        totals = rows[is_total[rows]]
        if len(totals) > 1:
            raise ValueError(f"group {spec.by} has {len(totals)} total rows, expected at most one")
        total = int(totals[0]) if len(totals) else None
        result.append(_Cells(rows[~is_total[rows]], total))
    return result


def _next_to_hide(
    v: np.ndarray,
    st: np.ndarray,
    chooser: np.ndarray,
    cells: list[_Cells],
    group: _Cells,
    t: int,
) -> int | None:
    """Row to hide next for this group, ``_OUTSIDE`` for its outside total, None if safe."""
    parts = group.parts[~np.isnan(v[group.parts])]
    shown = parts[st[parts] == _SHOWN]
    hidden = parts[st[parts] != _SHOWN]
    bounds = [_bounds(p, v, st, chooser, cells, t) for p in hidden]
    total = group.total
    if total is None:
        # The outside total is the sum of the parts we hold, so the hidden cells sum to this.
        target = float(v[hidden].sum())
    elif np.isnan(v[total]):
        return None  # no total to subtract from
    elif st[total] == _SHOWN:
        target = float(v[total] - v[shown].sum())
    else:
        # Hidden total: parts - total = 0, so the total enters the sum with its sign flipped.
        lo, hi = _bounds(total, v, st, chooser, cells, t)
        bounds.append((-hi, -lo))
        target = float(-v[shown].sum())
    if not bounds or not _pinned(bounds, target):
        return None
    candidates = shown[v[shown] > 0]
    if len(candidates):
        return int(candidates[np.argmin(v[candidates])])  # ties: first row, so it is stable
    if total is None:
        return _OUTSIDE
    return total if st[total] == _SHOWN else None


def _bounds(
    pos: int, v: np.ndarray, st: np.ndarray, chooser: np.ndarray, cells: list[_Cells], t: int
) -> tuple[float, float]:
    """What a reader can tell about a hidden cell: "<t" in [1, t-1]; complementary in [t, m]."""
    if st[pos] == _PRIMARY:
        return 1.0, float(t - 1)
    # The cell was the smallest non-zero cell shown in its group when chosen, so it is at most
    # every non-zero cell that group still shows.
    parts = cells[chooser[pos]].parts
    shown = v[parts][(st[parts] == _SHOWN) & (v[parts] > 0)]
    return float(t), float(shown.min()) if len(shown) else math.inf


def _pinned(bounds: list[tuple[float, float]], target: float) -> bool:
    """True if cells within these bounds summing to target leave any one a single value."""
    for i, (lo, hi) in enumerate(bounds):
        others_lo = sum(b[0] for j, b in enumerate(bounds) if j != i)
        others_hi = sum(b[1] for j, b in enumerate(bounds) if j != i)
        low = max(lo, target - others_hi)
        high = min(hi, target - others_lo)
        if high - low < 1:  # counts are whole numbers: one value (or a contradiction) left
            return True
    return False


def _rows_of_hidden_totals(
    n: int, cells: list[_Cells], total_hidden: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Flag the rows of every group whose outside total must be hidden (for any count)."""
    flags = np.zeros(n, dtype=bool)
    for gid, group in enumerate(cells):
        if any(hidden[gid] for hidden in total_hidden.values()):
            flags[group.parts] = True
    return flags


def _plain_number(value: float) -> str:
    """Whole numbers without ".0"; callers pass a locale formatter for anything nicer."""
    return str(int(value)) if value.is_integer() else str(value)


# --- payload walking ------------------------------------------------------------------

_WORD_SPLIT = re.compile(r"[^0-9a-zа-яё]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def _count_like(key: object, count_words: frozenset[str], inherited: bool) -> bool:
    """Whether values under this key are counts (see ``small_counts_in``)."""
    words = set(_WORD_SPLIT.split(_CAMEL.sub("_", str(key)).lower()))
    if words & NOT_COUNT_WORDS:
        return False
    return bool(words & count_words) or inherited


def _walk(
    obj: Any, path: str, counting: bool, words: frozenset[str]
) -> Iterator[tuple[str, float]]:
    """Yield (path, number) for every count-like number inside obj."""
    if isinstance(obj, pd.DataFrame):
        for col in obj.columns:
            yield from _walk_column(
                obj[col], f"{path}[{col!r}]", _count_like(col, words, counting), words
            )
    elif isinstance(obj, pd.Series):
        yield from _walk_column(obj, path, _count_like(obj.name, words, counting), words)
    elif hasattr(obj, "to_plotly_json"):
        yield from _walk(obj.to_plotly_json(), path, counting, words)
    elif hasattr(obj, "to_json") and type(obj).__module__.startswith("pydeck"):
        yield from _walk(json.loads(obj.to_json()), path, counting, words)
    elif isinstance(obj, Mapping):
        if _is_typed_array(obj):
            yield from _walk(_decode_typed_array(obj), path, counting, words)
            return
        yield from _walk_trace_meta(obj, path, words)
        for key, value in obj.items():
            yield from _walk(value, f"{path}.{key}", _count_like(key, words, counting), words)
    elif isinstance(obj, list | tuple | np.ndarray):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]", counting, words)
    elif isinstance(obj, str):
        text = obj.strip()
        if text[:1] in ("{", "["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if parsed is not None:
                yield from _walk(parsed, path, counting, words)
                return
        if counting:
            number = _parse_number(text)
            if number is not None:
                yield path, number
    elif (
        counting
        and isinstance(obj, int | float | np.number)
        and not isinstance(obj, bool)  # True == 1, but a flag is not a count
        and not math.isnan(float(obj))
    ):
        yield path, float(obj)


def _walk_column(
    column: pd.Series, path: str, counting: bool, words: frozenset[str]
) -> Iterator[tuple[str, float]]:
    """``_walk`` over one column's values, as over ``column.tolist()``, without visiting each
    cell of a numeric column: its numbers are all judged (count-like) or none are."""
    kind = column.dtype.kind
    if kind == "b" or (kind in "iuf" and not counting):
        return  # a flag is never a count; a number is judged only under a count-like name
    if kind in "iuf":
        values = column.to_numpy(dtype=float)
        for i in np.flatnonzero(~np.isnan(values)):
            yield f"{path}[{i}]", float(values[i])
        return
    items = column.tolist()
    if counting:
        yield from _walk(items, path, counting, words)
        return
    for i, item in enumerate(items):
        # Outside a count-like name only JSON text or a nested value can hold a count.
        if item is None or isinstance(item, int | float):
            continue
        if isinstance(item, str) and item.lstrip()[:1] not in ("{", "["):
            continue
        yield from _walk(item, f"{path}[{i}]", counting, words)


def _walk_trace_meta(trace: Mapping[str, Any], path: str, words: frozenset[str]) -> Iterator:
    """Judge the customdata columns and fields a plotly trace's meta names as counts."""
    meta = trace.get("meta")
    if not isinstance(meta, Mapping):
        return
    names = meta.get("customdata") or []
    data = trace.get("customdata")
    if names and data is not None:
        rows = _decode_typed_array(data) if _is_typed_array(data) else data
        for r, row in enumerate(rows if isinstance(rows, list | tuple | np.ndarray) else []):
            cols = row if isinstance(row, list | tuple | np.ndarray) else [row]
            for name, cell in zip(names, cols, strict=False):
                if _count_like(name, words, False):
                    yield from _walk(cell, f"{path}.customdata[{r}][{name}]", True, words)
    for field in meta.get("counts") or []:
        if field in trace:
            yield from _walk(trace[field], f"{path}.{field}", True, words)


def _is_typed_array(obj: object) -> bool:
    """Plotly 6 writes numpy arrays as {"dtype": "f8", "bdata": "<base64>", "shape": "r, c"}."""
    return (
        isinstance(obj, Mapping)
        and isinstance(obj.get("bdata"), str)
        and isinstance(obj.get("dtype"), str)
        and set(obj) <= {"bdata", "dtype", "shape"}
    )


def _decode_typed_array(obj: Mapping[str, Any]) -> list:
    """Decode a plotly typed array to nested lists (little-endian, as plotly writes it)."""
    array = np.frombuffer(
        base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]).newbyteorder("<")
    )
    if "shape" in obj:
        array = array.reshape([int(s) for s in str(obj["shape"]).split(",")])
    return array.tolist()


def _parse_number(text: str) -> float | None:
    """A number written as text ("7", "1 234", "1,234", "4,5"), or None for anything else."""
    compact = _SPACES.sub("", text)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", compact):
        compact = compact.replace(",", "")
    compact = compact.replace(",", ".")
    return float(compact) if _NUMBER.fullmatch(compact) else None
