"""Figures of the Program access page: trend, breakdowns and the HIV care cascade.

Pure functions of a *protected* cube slice (``utils.analysis.indicators.protect``): hidden
counts arrive as NaN with their ``*_suppressed`` flags and are written "<10" (or the hidden
mark) in hover text, so nothing below the threshold reaches the browser. Counts that a trace
plots are named in ``trace.meta`` (``privacy.trace_meta``) so the payload check can judge them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from utils.analysis.indicators import ALL, IndicatorInfo
from utils.analysis.privacy import DEFAULT_THRESHOLD, display_count, protected, require, trace_meta
from utils.i18n import fmt_number, fmt_value, t, tn
from utils.render.text import for_plotly
from utils.render.theme import (
    COMMUNITY_COLOURS,
    HIGHLIGHT,
    MUTED,
    TARGET_COLOUR,
    figure,
    reference_marks,
    style,
)
from utils.sheet.contract import COMMUNITIES, choice_name
from utils.sheet.regions import region_name

HOVER_FIELDS = ("name", "value", "numerator", "denominator", "basis")


def community_label(key: str, lang: str) -> str:
    """Display name of a community key; the margin marker reads "chosen communities"."""
    if key == ALL:
        return t("access.series_total", lang)
    return choice_name(COMMUNITIES, key, lang)


def region_label(key: str, lang: str) -> str:
    """Display name of a region key; the margin marker reads "chosen regions"."""
    return t("access.regions_all", lang) if key == ALL else region_name(key, lang)


Row = Mapping[str, Any] | pd.Series
"""One row of a protected frame: a ``pd.Series`` or, faster to walk, a ``records`` dict."""


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as dicts: what ``iterrows`` gives, without a Series per row."""
    return df.to_dict("records")


def _is_nan(value: object) -> bool:
    """True for None and NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def count_text(row: Row, column: str, lang: str, threshold: int) -> str:
    """One count of a protected row as text: "<10", the hidden mark, a number, or "—"."""
    return display_count(
        None if _is_nan(row[column]) else float(row[column]),
        bool(row.get(f"{column}_suppressed", False)),
        threshold,
        lambda v: fmt_number(v, lang),
        complementary=bool(row.get(f"{column}_complementary", False)),
    )


def value_text(row: Row, unit: str, lang: str) -> str:
    """The rate of a protected row as text, or why there is none."""
    if bool(row.get("rate_suppressed", False)):
        return t("access.hidden", lang)
    if row.get("basis") == "unpoolable":
        return t("access.unpoolable_short", lang)
    if _is_nan(row["rate"]):
        return t("common.no_data", lang)
    return fmt_value(float(row["rate"]), unit, lang)


def basis_text(row: Row, lang: str, threshold: int = DEFAULT_THRESHOLD) -> str:
    """How the figure was made: from counts, a reported value, or counts with values left out.

    A figure pooled over cells some of which were withheld says how many it left out, so a
    reader knows it is the sum of the shown cells only (docs/PRIVACY.md).
    """
    basis = str(row.get("basis", "none"))
    text = t(f"access.basis_{basis}", lang)
    left_out = row.get("withheld", 0)
    if basis != "withheld" and not _is_nan(left_out) and int(left_out) > 0:
        text += "; " + tn("access.withheld_left_out", lang, int(left_out), k=threshold)
    return text


def hover_rows(
    df: pd.DataFrame, names: Sequence[str], unit: str, lang: str, threshold: int
) -> list[list[str]]:
    """customdata rows (``HOVER_FIELDS``), every count already suppressed as text."""
    return [
        [
            name,
            value_text(row, unit, lang),
            count_text(row, "numerator", lang, threshold),
            count_text(row, "denominator", lang, threshold),
            basis_text(row, lang, threshold),
        ]
        for name, row in zip(names, records(df), strict=True)
    ]


def _hovertemplate(lang: str, unit: str) -> str:
    """Hover text from customdata: name, value, and the counts it is made of."""
    lines = ["<b>%{customdata[0]}</b>", "%{x}: %{customdata[1]}"]
    if unit == "count":
        lines.append(t("access.hover_basis", lang) + ": %{customdata[4]}")
    else:
        lines.append(t("access.hover_numerator", lang) + ": %{customdata[2]}")
        lines.append(t("access.hover_denominator", lang) + ": %{customdata[3]}")
        lines.append(t("access.hover_basis", lang) + ": %{customdata[4]}")
    return "<br>".join(lines) + "<extra></extra>"


def _plotted_counts(df: pd.DataFrame, info: IndicatorInfo) -> list[str]:
    """Trace fields holding counts of people: y of a count indicator built from numerators."""
    from_counts = df["basis"].isin(["counts", "mixed"]).any() if "basis" in df else False
    return ["y"] if info.unit == "count" and from_counts else []


def _target_line(info: IndicatorInfo, lang: str, *, horizontal: bool) -> dict[str, Any]:
    """The layout of the target as a dashed line, labelled with its value (none: nothing)."""
    if info.target is None:
        return {}
    label = t("access.target_label", lang, value=fmt_value(info.target, info.unit, lang))
    shape, note = reference_marks(info.target, label, across="x" if horizontal else "y")
    return {"shapes": [shape], "annotations": [note]}


def _axis_title(info: IndicatorInfo, lang: str) -> str:
    """Value axis title: the unit in words."""
    return t(f"access.unit_{info.unit}", lang)


def make_trend_figure(
    df: pd.DataFrame,
    *,
    info: IndicatorInfo,
    lang: str,
    presenting: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
) -> go.Figure:
    """The pooled value per period (one line per series) against the target.

    ``df`` holds protected cube rows with ``community`` as the series: ``ALL`` is the pooled
    line over the chosen communities; other keys are drawn thinner beside it.
    """
    require(df)
    traces = []
    series = list(dict.fromkeys(df["community"]))
    if ALL in series:  # the pooled line last, so it is drawn on top
        series = [s for s in series if s != ALL] + [ALL]
    for key in series:
        part = df[df["community"] == key]
        name = community_label(key, lang)
        traces.append(
            go.Scatter(
                x=part["period"].tolist(),
                y=part["rate"].astype(float).tolist(),
                mode="lines+markers",
                name=name,
                line={
                    "color": HIGHLIGHT if key == ALL else COMMUNITY_COLOURS.get(key, MUTED),
                    "width": 4 if key == ALL else 2,
                    "dash": "solid" if key == ALL or len(series) == 1 else "dot",
                },
                customdata=hover_rows(part, [name] * len(part), info.unit, lang, threshold),
                hovertemplate=_hovertemplate(lang, info.unit),
                meta=trace_meta(HOVER_FIELDS, _plotted_counts(part, info)),
                connectgaps=False,
            )
        )
    title = t("access.chart_trend", lang, name=for_plotly(info.name))
    return figure(
        traces,
        title=title,
        presenting=presenting,
        layout={
            "xaxis": {"title": {"text": t("access.axis_period", lang)}, "type": "category"},
            "yaxis": {"title": {"text": _axis_title(info, lang)}, "rangemode": "tozero"},
            **_target_line(info, lang, horizontal=True),
        },
    )


def make_region_figure(
    df: pd.DataFrame,
    *,
    info: IndicatorInfo,
    lang: str,
    previous: pd.DataFrame | None = None,
    presenting: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
) -> go.Figure:
    """Regions in the latest period as bars (worst at the top), the previous period as dots.

    Regions whose figure is a reported value (no counts) are hatched and say so in the legend.
    """
    require(df)
    if previous is not None:
        require(previous)
    shown = df[df["rate"].notna()].copy()
    reverse = info.higher_is_better is False
    shown = shown.sort_values("rate", ascending=reverse, kind="stable")
    traces: list[go.Bar | go.Scatter] = []
    for basis_group, pattern in ((("counts", "mixed"), ""), (("value",), "/")):
        part = shown[shown["basis"].isin(basis_group)]
        if part.empty:
            continue
        names = [region_label(r, lang) for r in part["region"]]
        traces.append(
            go.Bar(
                x=part["rate"].astype(float).tolist(),
                y=names,
                orientation="h",
                name=t(
                    "access.legend_counts" if pattern == "" else "access.legend_value_only", lang
                ),
                marker={"color": HIGHLIGHT, "pattern": {"shape": pattern}},
                customdata=hover_rows(part, names, info.unit, lang, threshold),
                hovertemplate=_bar_hover(lang, info.unit),
                meta=trace_meta(HOVER_FIELDS, ["x"] if _plotted_counts(part, info) else []),
            )
        )
    if previous is not None and not previous.empty:
        earlier = previous[previous["region"].isin(shown["region"]) & previous["rate"].notna()]
        names = [region_label(r, lang) for r in earlier["region"]]
        traces.append(
            go.Scatter(
                x=earlier["rate"].astype(float).tolist(),
                y=names,
                mode="markers",
                name=t("access.legend_previous", lang, period=str(earlier["period"].iloc[0]))
                if len(earlier)
                else "",
                marker={"color": MUTED, "size": 11, "symbol": "line-ns-open", "line_width": 3},
                customdata=hover_rows(earlier, names, info.unit, lang, threshold),
                hovertemplate=_bar_hover(lang, info.unit),
                meta=trace_meta(HOVER_FIELDS, ["x"] if _plotted_counts(earlier, info) else []),
            )
        )
    order = [region_label(r, lang) for r in shown["region"]]
    period = str(df["period"].iloc[0]) if len(df) else ""
    height = max(320, 60 + 36 * len(order)) + (120 if presenting else 0)
    return figure(
        traces,
        title=t("access.chart_regions", lang, period=period),
        presenting=presenting,
        height=height,
        layout={
            "yaxis": {"categoryorder": "array", "categoryarray": order[::-1]},
            "xaxis": {"title": {"text": _axis_title(info, lang)}, "rangemode": "tozero"},
            **_target_line(info, lang, horizontal=False),
        },
    )


def _bar_hover(lang: str, unit: str) -> str:
    """Hover text of a horizontal bar: the category is on y."""
    return _hovertemplate(lang, unit).replace("%{x}: ", "")


def make_community_figure(
    df: pd.DataFrame,
    *,
    info: IndicatorInfo,
    lang: str,
    presenting: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
) -> go.Figure:
    """Each community in the latest period (pooled over the chosen regions), with the target."""
    require(df)
    shown = df[df["rate"].notna()]
    names = [community_label(c, lang) for c in shown["community"]]
    bars = (
        go.Bar(
            x=names,
            y=shown["rate"].astype(float).tolist(),
            marker={"color": [COMMUNITY_COLOURS.get(c, MUTED) for c in shown["community"]]},
            customdata=hover_rows(shown, names, info.unit, lang, threshold),
            hovertemplate=_bar_hover(lang, info.unit),
            meta=trace_meta(HOVER_FIELDS, _plotted_counts(shown, info)),
            showlegend=False,
        ),
    )
    period = str(df["period"].iloc[0]) if len(df) else ""
    return figure(
        bars,
        title=t("access.chart_communities", lang, period=period),
        presenting=presenting,
        layout={
            "yaxis": {"title": {"text": _axis_title(info, lang)}, "rangemode": "tozero"},
            **_target_line(info, lang, horizontal=True),
        },
    )


def make_cascade_figure(
    df: pd.DataFrame,
    *,
    infos: dict[int, IndicatorInfo],
    period: str,
    lang: str,
    presenting: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
) -> go.Figure:
    """Know status -> on treatment -> virally suppressed, each against its own target.

    ``df`` has one protected total row per cascade ``step`` (1..3).
    """
    require(df)
    df = df.sort_values("step")
    names = [t(f"access.cascade_step_{int(s)}", lang) for s in df["step"]]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=df["rate"].astype(float).tolist(),
            # One colour, the one its legend entry names: the steps are named under the bars.
            marker={"color": HIGHLIGHT},
            text=[value_text(row, "percent", lang) for row in records(df)],
            textposition="outside",
            customdata=hover_rows(df, names, "percent", lang, threshold),
            hovertemplate=_bar_hover(lang, "percent"),
            meta=trace_meta(HOVER_FIELDS),
            name=t("access.legend_achieved", lang),
        )
    )
    targets = [infos[int(s)].target for s in df["step"]]
    if any(v is not None for v in targets):
        fig.add_trace(
            go.Scatter(
                x=names,
                y=[float("nan") if v is None else v for v in targets],
                mode="markers",
                marker={
                    "symbol": "line-ew-open",
                    "size": 60,
                    "color": TARGET_COLOUR,
                    "line_width": 3,
                },
                name=t("access.legend_target", lang),
                hovertemplate="%{x}: %{y}%<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("access.unit_percent", lang), range=[0, 105])
    return style(fig, title=t("access.chart_cascade", lang, period=period), presenting=presenting)


def map_legend(lang: str) -> dict[str, str]:
    """The map legend's words (``maps.make_region_deck``'s ``legend_labels``)."""
    return {
        "low": t("access.map_low", lang),
        "high": t("access.map_high", lang),
        "target": t("access.map_target", lang),
        "no_data": t("common.no_data", lang),
    }


def map_frame(df: pd.DataFrame, *, info: IndicatorInfo, lang: str) -> pd.DataFrame:
    """One row per region for ``maps.make_region_deck``: a number to colour, the text to show.

    Hidden values are NaN (drawn grey) and say "hidden"; value-only regions say so.
    """
    labels = []
    for row in records(df):
        text = value_text(row, info.unit, lang)
        if row.get("basis") == "value" and not _is_nan(row["rate"]):
            text = f"{text} ({t('access.basis_value', lang)})"
        labels.append(text)
    frame = pd.DataFrame(
        {
            "region": df["region"].tolist(),
            "value": df["rate"].astype(float).tolist(),
            "label": labels,
        }
    )
    return protected(frame, getattr(df, "threshold", DEFAULT_THRESHOLD))


def make_table(
    df: pd.DataFrame, *, info: IndicatorInfo, lang: str, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """The protected table for the screen and downloads: translated names and headers.

    Hidden counts read "<10" (or the hidden mark), hidden rates the hidden mark; numbers that
    are shown stay numbers. Count columns are left out for count units' value-only rows.
    """
    require(df)
    from utils.analysis.privacy import to_display

    shown = to_display(df, threshold=threshold)
    rate = shown["rate"].map(lambda v: round(v, 2) if isinstance(v, float) else v)
    return pd.DataFrame(
        {
            t("access.col_period", lang): df["period"].tolist(),
            t("access.col_region", lang): [region_label(r, lang) for r in df["region"]],
            t("access.col_community", lang): [community_label(c, lang) for c in df["community"]],
            t("access.col_value", lang): rate.tolist(),
            t("access.col_numerator", lang): shown["numerator"].tolist(),
            t("access.col_denominator", lang): shown["denominator"].tolist(),
            t("access.col_basis", lang): [basis_text(row, lang, threshold) for row in records(df)],
        }
    )
