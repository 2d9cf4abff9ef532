"""Figures, tables and sentences of the Strategy page: pure functions of metric frames.

Figures are made in one step by ``theme.figure()``, in the shared look, and colour a status the
same way everywhere (``theme.STATUS_COLOURS``). Sheet text placed in a figure goes through
``text.for_plotly`` (plotly reads a subset of HTML in labels and hover text); sentences take an
``escape`` function, by default ``text.for_markdown``, so that sheet text never becomes Markdown,
HTML or a link.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from utils.analysis.milestones import CHANGE_KINDS, STATUS_ORDER
from utils.analysis.privacy import require
from utils.i18n import fmt_date, fmt_number, fmt_percent, fmt_value, is_missing, t, tn
from utils.render.text import Escape, for_markdown, for_plotly
from utils.render.theme import (
    HIGHLIGHT,
    MUTED,
    STATUS_COLOURS,
    TARGET_COLOUR,
    figure,
    room_for_labels,
)
from utils.sheet.contract import COMMUNITIES, MILESTONE_STATUSES, choice_name

LABEL_CHARS: Final = 48
HEADLINE_ITEMS: Final = 5
DUE_COLOUR: Final = "#333333"

# --- small helpers --------------------------------------------------------------------------


def status_name(key: object, lang: str) -> str:
    """The status in ``lang`` ("" when missing)."""
    return "" if is_missing(key) else choice_name(MILESTONE_STATUSES, str(key), lang)


def community_name(key: object, lang: str) -> str:
    """The community in ``lang`` ("" when missing)."""
    return "" if is_missing(key) else choice_name(COMMUNITIES, str(key), lang)


def milestone_code(value: object) -> str:
    """A milestone id as people write it: the parser folds ids to lower case (m-01 -> M-01)."""
    return str(value).upper()


def _short(text: object, limit: int = LABEL_CHARS) -> str:
    """Sheet text cut to ``limit`` characters for an axis label."""
    value = "" if is_missing(text) else str(text)
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def lead_name(value: object, lang: str) -> str:
    """A lead organisation, or the words for "no lead named"."""
    return t("strategy.no_lead", lang) if is_missing(value) or not str(value) else str(value)


# --- figures --------------------------------------------------------------------------------


PHONE_LABEL_CHARS: Final = 16
"""Characters of a category label on a phone: the rest of the width is the chart's."""


def _timeline_rows(
    ms: pd.DataFrame, phone: bool = False
) -> tuple[list[str], list[tuple[str, pd.Series]]]:
    """Axis order (objective header rows then their milestones) and (label, row) pairs. On a
    phone a milestone is labelled by its code alone and an objective by its first words; the
    whole names are in the hover."""
    order: list[str] = []
    rows: list[tuple[str, pd.Series]] = []
    for objective, group in ms.groupby(ms["objective"].fillna(""), sort=False):
        order.append(f"<b>{for_plotly(_short(objective, PHONE_LABEL_CHARS if phone else 70))}</b>")
        for _, row in group.sort_values(["due", "id"]).iterrows():
            code = milestone_code(row["id"])
            label = code if phone else f"{code} · {for_plotly(_short(row['milestone']))}"
            order.append(label)
            rows.append((label, row))
    return order, rows


def make_timeline_figure(
    ms: pd.DataFrame, *, lang: str, today: date, presenting: bool = False, phone: bool = False
) -> go.Figure:
    """Gantt-style timeline: one bar per milestone from start to due, grouped by objective,
    coloured by status, with each due date marked and a line at today. ``phone``: short
    labels (``_timeline_rows``), and the day's note to the left of its line."""
    require(ms)
    order, rows = _timeline_rows(ms, phone)
    traces: list[go.Bar | go.Scatter] = []
    day_ms = 24 * 3600 * 1000
    for status in STATUS_ORDER:
        mine = [(label, r) for label, r in rows if r["status"] == status and pd.notna(r["start"])]
        if not mine:
            continue
        traces.append(
            go.Bar(
                orientation="h",
                y=[label for label, _ in mine],
                base=[r["start"].strftime("%Y-%m-%d") for _, r in mine],
                # The due date is the last working day, so the bar covers it.
                x=[((r["due"] - r["start"]).days + 1) * day_ms for _, r in mine],
                name=status_name(status, lang),
                marker={"color": STATUS_COLOURS[status]},
                customdata=[_hover_row(r, lang) for _, r in mine],
                hovertemplate=_HOVER,
                legendgroup=status,
            )
        )
    late = [(label, r) for label, r in rows if _is_late(r, today)]
    on_time = [(label, r) for label, r in rows if not _is_late(r, today)]
    for subset, name, symbol, colour in (
        (on_time, t("strategy.chart.due", lang), "diamond", DUE_COLOUR),
        (late, t("strategy.chart.due_late", lang), "x", TARGET_COLOUR),
    ):
        if not subset:
            continue
        traces.append(
            go.Scatter(
                x=[r["due"].strftime("%Y-%m-%d") for _, r in subset],
                y=[label for label, _ in subset],
                mode="markers",
                name=name,
                # A white rim: a dark diamond stays visible on the dark theme's background too.
                marker={
                    "symbol": symbol,
                    "size": 11 if presenting else 9,
                    "color": colour,
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                customdata=[_hover_row(r, lang) for _, r in subset],
                hovertemplate=_HOVER,
            )
        )
    today_text = today.isoformat()
    today_line: dict[str, Any] = {
        "type": "line",
        "x0": today_text,
        "x1": today_text,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dot"},
    }
    today_note: dict[str, Any] = {  # inside the plot, clear of the date ticks on top
        "x": today_text,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "yanchor": "top",
        "xanchor": "right" if phone else "left",
        "xshift": -4 if phone else 4,
        "text": t("strategy.chart.today", lang, date=fmt_date(today, lang)),
        "showarrow": False,
        "font": {"color": TARGET_COLOUR},
        "bgcolor": "rgba(255,255,255,0.85)",
    }
    per_row = 30 if presenting else 24
    return figure(
        traces,
        title=t("strategy.chart.timeline_title", lang),
        presenting=presenting,
        height=max(320, 160 + per_row * len(order)),
        layout={
            "barmode": "overlay",
            "shapes": [today_line],
            "annotations": [today_note],
            "xaxis": {"type": "date", "showgrid": True, "side": "top"},
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": order,
                "range": [len(order) - 0.5, -0.5],  # first objective at the top
                "automargin": True,
            },
        },
    )


_HOVER: Final = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
    "<br>%{customdata[3]}<br>%{customdata[4]}<extra></extra>"
)


def _hover_row(row: pd.Series, lang: str) -> list[str]:
    """Hover lines of one milestone, all escaped: title, lead, status, dates, progress."""
    progress = row["progress"]
    return [
        f"{milestone_code(row['id'])} · {for_plotly(row['milestone'])}",
        t("strategy.hover.lead", lang, lead=for_plotly(lead_name(row["lead"], lang))),
        t("strategy.hover.status", lang, status=status_name(row["status"], lang)),
        t(
            "strategy.hover.dates",
            lang,
            start=fmt_date(row["start"], lang),
            due=fmt_date(row["due"], lang),
        ),
        t("strategy.hover.progress", lang, progress=fmt_percent(progress, lang, 0)),
    ]


def _is_late(row: pd.Series, today: date) -> bool:
    """Open and due before today (see ``utils.analysis.milestones.overdue``)."""
    return row["status"] not in ("done", "cancelled") and row["due"].date() < today


def make_status_figure(summary: pd.DataFrame, *, lang: str, presenting: bool = False) -> go.Figure:
    """Milestones per status: one bar each, in the status colour, labelled with the share."""
    require(summary)
    shown = summary[summary["milestones"] > 0]
    live = int(shown.loc[shown["status"] != "cancelled", "milestones"].sum())
    names = [status_name(s, lang) for s in shown["status"]]
    bar = go.Bar(
        x=shown["milestones"].tolist(),
        y=names,
        orientation="h",
        marker={"color": [STATUS_COLOURS[s] for s in shown["status"]]},
        # Shares of the live milestones (cancelled left out), as the Overview's "done"
        # says it; the cancelled bar gives its count alone.
        text=[
            fmt_number(n, lang)
            if status == "cancelled" or not live
            else f"{fmt_number(n, lang)} ({fmt_percent(n / live * 100, lang, 0)})"
            for status, n in zip(shown["status"], shown["milestones"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    )
    # Room past the longest bar for its label ("8 (25%)"), which is drawn outside the bar.
    longest = int(shown["milestones"].max()) if len(shown) else 1
    return figure(
        [bar],
        title=t("strategy.chart.status_title", lang),
        presenting=presenting,
        height=120 + 44 * max(len(shown), 1),
        layout={
            "xaxis": {
                "title": {"text": t("strategy.chart.milestones_axis", lang)},
                "range": room_for_labels(longest),
            },
            "yaxis": {"autorange": "reversed"},
        },
    )


def make_progress_figure(
    progress: pd.DataFrame, *, by: str, lang: str, presenting: bool = False, phone: bool = False
) -> go.Figure:
    """Mean progress per objective or lead on an axis from 0 to 100 %. Each bar's name carries
    its share and its done and late counts on a second, smaller line, so no label runs past
    100 %. On a ``phone`` the name is short and the bar says its share; the counts are in the
    hover."""
    require(progress)
    names = [_short(v, 60) if by == "objective" else lead_name(v, lang) for v in progress[by]]
    counts = [
        t(
            "strategy.chart.progress_label",
            lang,
            progress=fmt_percent(p, lang, 0),
            done=fmt_number(d, lang),
            total=fmt_number(n, lang),
            late=fmt_number(late, lang),
        )
        for p, d, n, late in zip(
            progress["progress"],
            progress["done"],
            progress["milestones"],
            progress["late"],
            strict=True,
        )
    ]
    small = 13 if presenting else 11
    if phone:
        labels = [for_plotly(_short(n, PHONE_LABEL_CHARS)) for n in names]
    else:
        labels = [
            f"{for_plotly(n)}<br><span style='font-size:{small}px'>{c}</span>"
            for n, c in zip(names, counts, strict=True)
        ]
    bar = go.Bar(
        x=progress["progress"].round(1).tolist(),
        y=labels,
        orientation="h",
        marker={"color": HIGHLIGHT},
        text=[fmt_percent(p, lang, 0) for p in progress["progress"]] if phone else None,
        textposition="outside" if phone else None,
        cliponaxis=False,
        customdata=counts,
        # The name, and its counts (on a phone they are not in the name).
        hovertemplate="%{y}<br>%{customdata}<extra></extra>" if phone else "%{y}<extra></extra>",
        showlegend=False,
    )
    key = "strategy.chart.by_objective" if by == "objective" else "strategy.chart.by_lead"
    per_bar = 46 if phone else 54  # two lines of name
    return figure(
        [bar],
        title=t(key, lang),
        presenting=presenting,
        height=130 + per_bar * max(len(progress), 1),
        layout={
            "xaxis": {
                "title": {"text": t("strategy.chart.progress_axis", lang)},
                "range": [0, 100],
                "ticksuffix": "%",
            },
            "yaxis": {"autorange": "reversed", "automargin": True, "ticklabelstandoff": 6},
            # The shared margins, with room right of the axis's end for its "100%" tick (and
            # on a phone a full bar's label).
            "margin": {"r": 44 if phone else 30},
        },
    )


def make_years_figure(years: pd.DataFrame, *, lang: str, presenting: bool = False) -> go.Figure:
    """Per strategy year: milestones planned, done, and how many of the plan were due by today."""
    require(years)
    x = [str(y) for y in years["year"]]
    traces: list[go.Bar | go.Scatter] = [
        go.Bar(
            x=x,
            y=years["planned"].tolist(),
            name=t("strategy.chart.planned", lang),
            marker={"color": "#DDDDDD", "line": {"color": MUTED, "width": 1}},
        ),
        go.Bar(
            x=x,
            y=years["done"].tolist(),
            name=t("strategy.chart.done", lang),
            marker={"color": STATUS_COLOURS["done"]},
            text=[
                fmt_percent(s, lang, 0) if not is_missing(s) else "" for s in years["share_done"]
            ],
            textposition="outside",
        ),
        go.Scatter(
            x=x,
            y=years["due_by_today"].tolist(),
            mode="markers",
            name=t("strategy.chart.due_by_today", lang),
            marker={
                "symbol": "line-ew-open",
                "size": 40,
                "color": TARGET_COLOUR,
                "line": {"width": 3},
            },
        ),
    ]
    return figure(
        traces,
        title=t("strategy.chart.years_title", lang),
        presenting=presenting,
        layout={
            "barmode": "group",
            "xaxis": {"type": "category"},
            "yaxis": {
                "title": {"text": t("strategy.chart.milestones_axis", lang)},
                "rangemode": "tozero",
            },
        },
    )


# --- sentences ------------------------------------------------------------------------------


def _item(row: pd.Series, escape: Escape, lang: str) -> str:
    """ "M-01 Open two new OST sites… (lead: X)" with sheet text escaped."""
    return t(
        "strategy.answer.item",
        lang,
        id=escape(milestone_code(row["id"])),
        milestone=escape(_short(row["milestone"], 70)),
        lead=escape(lead_name(row["lead"], lang)),
    )


def headline_markdown(
    late: pd.DataFrame,
    soon: pd.DataFrame,
    soon_days: int,
    changes: Mapping[str, int] | None,
    since: date | None,
    *,
    lang: str,
    escape: Escape = for_markdown,
    limit: int = HEADLINE_ITEMS,
) -> str:
    """The answer at the top of the page, in words: what is late and who leads it, what is
    due soon, and what changed since the last meeting. At most ``limit`` late milestones are
    named; the rest are left to the table."""
    lines: list[str] = []
    if late.empty:
        lines.append(t("strategy.answer.none_late", lang))
    else:
        lines.append(tn("strategy.answer.late", lang, len(late)))
        for _, row in late.head(limit).iterrows():
            lines.append(
                "- "
                + _item(row, escape, lang)
                + " — "
                + tn(
                    "strategy.answer.days_late",
                    lang,
                    int(row["days_late"]),
                    due=fmt_date(row["due"], lang),
                )
            )
        if len(late) > limit:
            lines.append("- " + tn("strategy.answer.more", lang, len(late) - limit))
    lines.append("")
    if soon.empty:
        lines.append(tn("strategy.answer.none_soon", lang, soon_days))
    else:
        first = soon.iloc[0]
        lines.append(
            tn(
                "strategy.answer.soon",
                lang,
                len(soon),
                window=tn("strategy.answer.soon_window", lang, soon_days),
                first=_item(first, escape, lang),
                due=fmt_date(first["due"], lang),
            )
        )
    lines.append("")
    if changes is None or since is None:
        lines.append(t("strategy.answer.no_history", lang))
    else:
        parts = [
            tn(f"strategy.change.count.{kind}", lang, changes[kind])
            for kind in CHANGE_KINDS
            if changes.get(kind)
        ]
        if not parts:
            lines.append(t("strategy.answer.no_changes", lang, date=fmt_date(since, lang)))
        else:
            lines.append(
                t(
                    "strategy.answer.changes",
                    lang,
                    date=fmt_date(since, lang),
                    changes="; ".join(parts),
                )
            )
    return "\n".join(lines)


# --- tables ---------------------------------------------------------------------------------


def late_table(late: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Overdue milestones for ``st.dataframe``: id, milestone, lead, status, due, days late."""
    require(late)
    return pd.DataFrame(
        {
            t("strategy.col.id", lang): [milestone_code(i) for i in late["id"]],
            t("strategy.col.milestone", lang): late["milestone"].astype(str),
            t("strategy.col.lead", lang): [lead_name(v, lang) for v in late["lead"]],
            t("strategy.col.status", lang): [status_name(s, lang) for s in late["status"]],
            t("strategy.col.due", lang): [fmt_date(d, lang) for d in late["due"]],
            t("strategy.col.days_late", lang): late["days_late"].astype(int),
            t("strategy.col.progress", lang): [fmt_percent(p, lang, 0) for p in late["progress"]],
        }
    )


def soon_table(soon: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Milestones due soon for ``st.dataframe``: id, milestone, lead, status, due, days left."""
    require(soon)
    return pd.DataFrame(
        {
            t("strategy.col.id", lang): [milestone_code(i) for i in soon["id"]],
            t("strategy.col.milestone", lang): soon["milestone"].astype(str),
            t("strategy.col.lead", lang): [lead_name(v, lang) for v in soon["lead"]],
            t("strategy.col.status", lang): [status_name(s, lang) for s in soon["status"]],
            t("strategy.col.due", lang): [fmt_date(d, lang) for d in soon["due"]],
            t("strategy.col.days_left", lang): soon["days_left"].astype(int),
            t("strategy.col.progress", lang): [fmt_percent(p, lang, 0) for p in soon["progress"]],
        }
    )


def _indicator_name(catalog: pd.DataFrame, key: str, lang: str) -> str:
    """The catalog's name of an indicator in ``lang`` (English when that one is empty)."""
    match = catalog[catalog["id"] == key]
    if match.empty:
        return key
    name = match.iloc[0].get(f"name_{lang}")
    return str(name) if not is_missing(name) and str(name) else str(match.iloc[0]["name_en"])


def checks_table(checks: pd.DataFrame, catalog: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Linked indicators against their targets, beside the stated status; no counts.

    ``checks`` is the output of ``indicator_checks`` after ``privacy.suppress`` (a hidden
    value shows as the hidden mark, never as a number)."""
    require(checks)
    hidden = (
        checks["value_suppressed"]
        if "value_suppressed" in checks
        else pd.Series(False, index=checks.index)
    )

    def value_text(value: object, unit: object, is_hidden: bool) -> str:
        if is_hidden:
            return "*"
        return fmt_value(value, str(unit), lang)  # type: ignore[arg-type]

    return pd.DataFrame(
        {
            t("strategy.col.id", lang): [milestone_code(i) for i in checks["id"]],
            t("strategy.col.milestone", lang): checks["milestone"].astype(str),
            t("strategy.col.status", lang): [status_name(s, lang) for s in checks["status"]],
            t("strategy.col.indicator", lang): [
                _indicator_name(catalog, k, lang) for k in checks["indicator"]
            ],
            t("strategy.col.period", lang): checks["period"].fillna("—").astype(str),
            t("strategy.col.latest", lang): [
                value_text(v, u, h)
                for v, u, h in zip(checks["value"], checks["unit"], hidden, strict=True)
            ],
            t("strategy.col.expected", lang): [
                value_text(v, u, h)
                for v, u, h in zip(checks["expected"], checks["unit"], hidden, strict=True)
            ],
            t("strategy.col.target", lang): [
                fmt_value(v, str(u), lang)  # type: ignore[arg-type]
                for v, u in zip(checks["target"], checks["unit"], strict=True)
            ],
            t("strategy.col.verdict", lang): [
                ("⚠ " if flag else "") + t(f"strategy.verdict.{v}", lang)
                for v, flag in zip(checks["verdict"], checks["flag"], strict=True)
            ],
        }
    )


def _change_words(row: pd.Series, lang: str) -> str:
    """What changed in one milestone, in words."""
    parts = []
    if row["new"]:
        parts.append(t("strategy.change.new", lang))
    if row["removed"]:
        parts.append(t("strategy.change.removed", lang))
    if row["completed"]:
        parts.append(t("strategy.change.completed", lang))
    if row["became_overdue"]:
        parts.append(t("strategy.change.became_overdue", lang))
    if row["status"] and not row["completed"]:
        parts.append(
            t(
                "strategy.change.status",
                lang,
                before=status_name(row["status_before"], lang),
                now=status_name(row["status_now"], lang),
            )
        )
    if row["progress"]:
        parts.append(
            t(
                "strategy.change.progress",
                lang,
                before=fmt_percent(row["progress_before"], lang, 0),
                now=fmt_percent(row["progress_now"], lang, 0),
            )
        )
    if row["due"]:
        parts.append(
            t(
                "strategy.change.due",
                lang,
                before=fmt_date(row["due_before"], lang),
                now=fmt_date(row["due_now"], lang),
            )
        )
    return "; ".join(parts)


def changes_table(changes: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The change report for ``st.dataframe``: id, what changed, milestone, lead, status now."""
    require(changes)
    return pd.DataFrame(
        {
            t("strategy.col.id", lang): [milestone_code(i) for i in changes["id"]],
            # What changed comes first: it is the point of the table on a narrow screen.
            t("strategy.col.what_changed", lang): [
                _change_words(row, lang) for _, row in changes.iterrows()
            ],
            t("strategy.col.milestone", lang): changes["milestone"].astype(str),
            t("strategy.col.lead", lang): [lead_name(v, lang) for v in changes["lead"]],
            t("strategy.col.status", lang): [
                status_name(now if not is_missing(now) else before, lang)
                for now, before in zip(changes["status_now"], changes["status_before"], strict=True)
            ],
        }
    )


def changes_markdown(changes: pd.DataFrame, *, lang: str, escape: Escape = for_markdown) -> str:
    """The change report as a bullet list (presenter mode has no tables)."""
    return "\n".join(
        "- " + _item(row, escape, lang) + ": " + escape(_change_words(row, lang))
        for _, row in changes.iterrows()
    )


def updated_table(updated: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Rows whose ``last_update`` is recent: id, milestone, lead, status, last update."""
    require(updated)
    return pd.DataFrame(
        {
            t("strategy.col.id", lang): [milestone_code(i) for i in updated["id"]],
            t("strategy.col.milestone", lang): updated["milestone"].astype(str),
            t("strategy.col.lead", lang): [lead_name(v, lang) for v in updated["lead"]],
            t("strategy.col.status", lang): [status_name(s, lang) for s in updated["status"]],
            t("strategy.col.last_update", lang): [
                fmt_date(d, lang) for d in updated["last_update"]
            ],
        }
    )
