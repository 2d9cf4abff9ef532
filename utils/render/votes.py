"""Votes figures and tables, and the small formatters they share with the Votes sentences
(``utils.views.votes``): pure functions of frames, no Streamlit.

Every figure takes frames that already passed ``utils.analysis.votes`` (and so
``utils.analysis.privacy``): a hidden count arrives as NaN with its ``*_suppressed`` flag and is shown
as "<k" or "*" text, never as a number. Hover text is formatted here, so no raw count is put
into ``customdata``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_time, format_timedelta

from utils.analysis.privacy import HIDDEN_MARK, display_count, require
from utils.analysis.votes import (
    TOTAL,
    UNSTATED,
    Crossing,
    Mark,
    RoundResult,
    name_key,
)
from utils.i18n import fmt_change, fmt_date, fmt_datetime, fmt_number, fmt_percent, is_missing, t
from utils.render import theme
from utils.render.text import for_plotly
from utils.sheet.contract import (
    COMMUNITIES,
    ELECTION_STATUSES,
    TABS_BY_NAME,
    choice_name,
    match_choice,
)

OTHER_COLOURS = ("#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Colours for candidates other than the coalition's (which is always theme.HIGHLIGHT)."""


# --- Words ----------------------------------------------------------------------------------


def fmt_duration(span: timedelta | pd.Timedelta, lang: str) -> str:
    """A span in hours and minutes the locale's way: "1 hour 43 minutes", "51 минута"."""
    minutes = max(0, round(pd.Timedelta(span).total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(format_timedelta(timedelta(hours=hours), threshold=1, locale=lang))
    if rest or not hours:
        parts.append(
            format_timedelta(
                timedelta(minutes=rest), threshold=1, granularity="minute", locale=lang
            )
        )
    return " ".join(parts)


def fmt_hours(hours: int, lang: str) -> str:
    """A whole number of hours with the locale's plural: "2 hours", "2 часа", "2 саат"."""
    return format_timedelta(timedelta(hours=hours), threshold=1, locale=lang)


def fmt_time(moment: pd.Timestamp, lang: str, *, day: pd.Timestamp | None = None) -> str:
    """A moment of the count: "11:03" on ``day`` (the count's first day), else date and time."""
    stamp = pd.Timestamp(moment)
    if day is not None and stamp.date() == pd.Timestamp(day).date():
        return format_time(stamp.to_pydatetime(), format="HH:mm", locale=lang)
    return fmt_datetime(stamp.to_pydatetime(), lang)


def threshold_text(value: float | None, lang: str) -> str:
    """A threshold as a percentage without needless decimals (40%, 33.3%)."""
    if value is None:
        return ""
    return fmt_percent(value, lang, 0 if float(value).is_integer() else 1)


def share_text(share: float | None, hidden: bool, lang: str) -> str:
    """A share for a sentence or label: "49.3%", or the hidden mark."""
    if hidden:
        return HIDDEN_MARK
    return fmt_percent(None if is_missing(share) else share, lang)


def count_text(value: float | None, hidden: bool, complementary: bool, k: int, lang: str) -> str:
    """A suppressed count as text: "1 234", "<10" or "*"."""
    return display_count(
        None if is_missing(value) else value,
        hidden,
        k,
        lambda v: fmt_number(v, lang),
        complementary=complementary,
    )


def status_name(status: str | None, lang: str) -> str:
    """The election's status in words."""
    return (
        choice_name(ELECTION_STATUSES, status, lang) if status else t("votes.status.unknown", lang)
    )


def election_label(title: str, date: pd.Timestamp | None, lang: str) -> str:
    """An election as the selectbox shows it: "CCPH community seat 2025 · 16 Oct 2025"."""
    return title if date is None else f"{title} · {fmt_date(date.date(), lang)}"


def election_labels(titles: dict[str, tuple[str, pd.Timestamp | None]]) -> dict[str, str]:
    """id -> the label the election selector shows (the URL carries the id).

    The sheet's title, with the ISO date (then the id) added only where titles repeat, so
    every election can be told apart in the list and old links holding a label still resolve.
    """
    labels: dict[str, str] = {}
    counts = pd.Series([title for title, _ in titles.values()]).value_counts()
    for eid, (title, day) in titles.items():
        label = title
        if counts[title] > 1:
            label = f"{title} · {day.date().isoformat()}" if day is not None else title
        labels[eid] = label
    seen = pd.Series(list(labels.values())).value_counts()
    return {eid: (f"{lbl} · {eid}" if seen[lbl] > 1 else lbl) for eid, lbl in labels.items()}


def group_name(group: str, lang: str) -> str:
    """A voter group's name: a community of the contract in the page's language, as every
    other page names it ("Sex workers" reads "Секс-работники"); any other group (an
    organisation, "Other civil society") as the sheet writes it; rows without one are
    "Group not stated"."""
    if group == UNSTATED:
        return t("votes.group.unstated", lang)
    community = match_choice(TABS_BY_NAME["indicators"].column("community"), group)
    return choice_name(COMMUNITIES, community, lang) if community else group


# --- Figures --------------------------------------------------------------------------------
# Each figure is made in one step (``theme.figure``: its traces and its whole layout at once),
# not call by call: every ``add_trace`` or ``update_*`` goes through plotly's change
# notification, about 4 ms a call.


def candidate_colours(candidates: Sequence[str], community: str | None) -> dict[str, str]:
    """One colour per candidate of an election, for every chart that draws them (the Votes
    page and the slideshow build it once per election from ``votes.candidate_names``).

    The coalition's candidate (matched as names are: case and spaces aside) is always
    theme.HIGHLIGHT; the others take the palette in the order given, so the sheet's order,
    not this round's ranking, decides: a colour does not move as the count goes on.
    """
    mine = name_key(community) if community else None
    colours: dict[str, str] = {}
    others = iter(OTHER_COLOURS * (len(candidates) // len(OTHER_COLOURS) + 1))
    for name in candidates:
        colours[name] = theme.HIGHLIGHT if name_key(name) == mine else next(others)
    return colours


def _colours_for(
    names: Sequence[str], colours: Mapping[str, str] | None, community: str | None
) -> Mapping[str, str]:
    """The election's colour map, extended for a name it lacks (a figure drawn on its own)."""
    missing = [n for n in names if colours is None or n not in colours]
    return {**candidate_colours(missing, community), **(colours or {})}


def make_results_figure(
    candidates: pd.DataFrame,
    *,
    lang: str,
    threshold: float | None = None,
    k: int = 10,
    presenting: bool = False,
    title: str | None = None,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Share per candidate, largest on top, with the threshold line; hidden shares say so.

    ``colours`` is the election's ``candidate_colours`` map, so a candidate has the colour it
    has in every other chart; an elected candidate's share is marked ✓ (a leading one is not:
    nobody is elected while the round is being counted)."""
    require(candidates)
    cand = candidates.iloc[::-1]  # plotly draws the first category at the bottom
    shares = cand["share"].astype(float)
    hidden = cand["share_suppressed"].astype(bool)
    labels = [
        share_text(s, h, lang) + (" ✓" if e else "")
        for s, h, e in zip(shares, hidden, cand["elected"].astype(bool), strict=True)
    ]
    votes_text = [
        count_text(v, h, c, k, lang)
        for v, h, c in zip(
            cand["votes"],
            cand["votes_suppressed"].astype(bool),
            cand["votes_complementary"].astype(bool),
            strict=True,
        )
    ]
    hover = [
        t(
            "votes.chart.hover_result",
            lang,
            name=for_plotly(n),
            share=share_text(s, h, lang),
            votes=v,
        )
        for n, s, h, v in zip(cand["candidate"], shares, hidden, votes_text, strict=True)
    ]
    community = cand.loc[cand["community"].astype(bool), "candidate"]
    palette = _colours_for(
        list(cand["candidate"].astype(str)), colours, community.iloc[0] if len(community) else None
    )
    bar = go.Bar(
        x=shares.fillna(0).tolist(),
        y=[for_plotly(n) for n in cand["candidate"]],
        orientation="h",
        marker={"color": [palette[str(n)] for n in cand["candidate"]]},
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
        name=t("votes.chart.share", lang),
        showlegend=False,
    )
    return theme.figure(
        [bar],
        title=title or t("votes.chart.results_title", lang),
        presenting=presenting,
        height=max(260, 90 * len(cand) + 120) if not presenting else None,
        layout={
            "xaxis": {
                "title": {"text": t("votes.chart.share_axis", lang)},
                "range": [0, max(100.0, float(shares.max(skipna=True) or 0) + 10)],
                "ticksuffix": "%",
            },
            "yaxis": {"automargin": True},
            **_marks(*_threshold_marks(threshold, lang, across="y")),
        },
    )


def _threshold_marks(
    threshold: float | None, lang: str, *, across: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The threshold's dashed line and its label (``theme.reference_marks``) as a layout's
    shapes and annotations: none without a threshold."""
    if threshold is None:
        return [], []
    label = t("votes.chart.threshold", lang, threshold=threshold_text(threshold, lang))
    shape, note = theme.reference_marks(threshold, label, across=across)
    return [shape], [note]


def _marks(
    shapes: list[dict[str, Any]], annotations: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """A layout's ``shapes`` and ``annotations``, each left out when empty (as in a figure
    that never added one)."""
    return {
        **({"shapes": shapes} if shapes else {}),
        **({"annotations": annotations} if annotations else {}),
    }


def make_tally_figure(
    timeline: pd.DataFrame,
    *,
    lang: str,
    threshold: float | None = None,
    community: str | None = None,
    crossing: Crossing | None = None,
    presenting: bool = False,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Running share per candidate against time, the threshold, and the crossing marked;
    ``colours``: the election's ``candidate_colours``."""
    require(timeline)
    order = list(dict.fromkeys(timeline["candidate"]))
    day = timeline["timestamp"].min() if len(timeline) else None
    palette = _colours_for(order, colours, community)
    traces: list[go.Scatter] = []
    for name in order:
        mine = timeline[timeline["candidate"] == name].sort_values("timestamp")
        times = [fmt_time(ts, lang, day=day) for ts in mine["timestamp"]]
        traces.append(
            go.Scatter(
                x=mine["timestamp"].tolist(),
                y=mine["share"].astype(float).tolist(),
                mode="lines+markers",
                line={
                    "shape": "hv",  # the share changes when a batch is counted, not in between
                    "color": palette[name],
                    "width": 4 if name == community else 2,
                },
                name=for_plotly(name),
                hovertext=[
                    t(
                        "votes.chart.hover_time",
                        lang,
                        name=for_plotly(name),
                        share=fmt_percent(s, lang),
                        time=w,
                    )
                    for s, w in zip(mine["share"], times, strict=True)
                ],
                hoverinfo="text",
            )
        )
    shapes, notes = _threshold_marks(threshold, lang, across="x")
    if crossing is not None:
        at = fmt_time(crossing.at, lang, day=day)
        traces.append(
            go.Scatter(
                x=[crossing.at],
                y=[crossing.share],
                mode="markers",
                marker={
                    "size": 18,
                    "symbol": "star",
                    "color": theme.TARGET_COLOUR,
                    "line": {"color": "white", "width": 1},
                },
                name=t("votes.chart.crossing", lang),
                hovertext=[
                    t(
                        "votes.chart.hover_crossing",
                        lang,
                        name=for_plotly(crossing.candidate),
                        share=fmt_percent(crossing.share, lang),
                        time=at,
                    )
                ],
                hoverinfo="text",
            )
        )
        notes.append(
            {
                "x": crossing.at,
                "y": crossing.share,
                "text": t(
                    "votes.chart.crossing_label",
                    lang,
                    share=fmt_percent(crossing.share, lang),
                    time=at,
                ),
                "showarrow": True,
                "arrowhead": 2,
                "ax": 40,
                "ay": -40,
            }
        )
    top = float(timeline["share"].max()) if len(timeline) else 50.0
    return theme.figure(
        traces,
        title=t("votes.chart.tally_title", lang),
        presenting=presenting,
        layout={
            "yaxis": {
                "title": {"text": t("votes.chart.running_share", lang)},
                "range": [0, max(60.0, top + 10, (threshold or 0) + 10)],
                "ticksuffix": "%",
            },
            "xaxis": {"title": {"text": t("votes.chart.time_axis", lang)}, "tickformat": "%H:%M"},
            **_marks(shapes, notes),
        },
    )


def breakdown_shows_nothing(cells: pd.DataFrame) -> bool:
    """True when every candidate's part of every voter group is hidden: a breakdown figure
    would be grey hatching only, so the page says why in words instead."""
    parts = require(cells)
    return bool(parts.loc[~parts["is_total"].astype(bool), "group_share"].isna().all())


def make_breakdown_figure(
    cells: pd.DataFrame,
    *,
    lang: str,
    community: str | None = None,
    presenting: bool = False,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Each voter group's votes split by candidate (100% bars); hidden parts are one grey block.

    ``colours``: the election's ``candidate_colours``."""
    require(cells)
    parts = cells[~cells["is_total"].astype(bool)]
    groups = list(dict.fromkeys(parts["voter_group"]))
    names = list(dict.fromkeys(parts["candidate"]))
    palette = _colours_for(names, colours, community)
    labels = [for_plotly(group_name(g, lang)) for g in groups][::-1]
    bars: list[go.Bar] = []
    for name in names:
        mine = parts[parts["candidate"] == name].set_index("voter_group").reindex(groups[::-1])
        share = mine["group_share"].astype(float)
        bars.append(
            go.Bar(
                x=share.tolist(),
                y=labels,
                orientation="h",
                name=for_plotly(name),
                marker={"color": palette[name]},
                hovertext=[
                    t(
                        "votes.chart.hover_group",
                        lang,
                        name=for_plotly(name),
                        group=g,
                        share=share_text(s, is_missing(s), lang),
                    )
                    for g, s in zip(labels, share, strict=True)
                ],
                hoverinfo="text",
            )
        )
    shown = parts.groupby("voter_group", sort=False)["group_share"].sum(min_count=1)
    hidden_share = (100 - shown.reindex(groups[::-1]).fillna(0)).clip(lower=0)
    hidden_share = hidden_share.where(hidden_share > 0.05, 0)
    if (hidden_share > 0).any():
        bars.append(
            go.Bar(
                x=hidden_share.tolist(),
                y=labels,
                orientation="h",
                name=t("votes.chart.hidden_part", lang),
                marker={"color": "#DDDDDD", "pattern": {"shape": "/"}},
                hovertext=[t("votes.chart.hover_hidden", lang, group=g) for g in labels],
                hoverinfo="text",
            )
        )
    return theme.figure(
        bars,
        title=t("votes.chart.breakdown_title", lang),
        presenting=presenting,
        height=None if presenting else max(300, 60 * len(groups) + 160),
        layout={
            "barmode": "stack",
            "xaxis": {
                "title": {"text": t("votes.chart.group_share_axis", lang)},
                "range": [0, 100],
                "ticksuffix": "%",
            },
            "yaxis": {"automargin": True},
        },
    )


def make_record_figure(record: pd.DataFrame, *, lang: str, presenting: bool = False) -> go.Figure:
    """The coalition candidate's share in each election over time, won or not, with thresholds."""
    require(record)
    rows = record[record["community_candidate"].notna()]
    x = [
        for_plotly(election_label(str(ti), d, lang))
        for ti, d in zip(rows["title"], rows["date"], strict=True)
    ]
    won = rows["elected"].fillna(False).astype(bool)
    provisional = rows["provisional"].astype(bool)
    colours = [
        theme.MUTED if p else (theme.HIGHLIGHT if w else "#A6C8E0")
        for w, p in zip(won, provisional, strict=True)
    ]
    results = [
        t("votes.record.open", lang)
        if p
        else t("votes.record.won" if w else "votes.record.lost", lang)
        for w, p in zip(won, provisional, strict=True)
    ]
    shares = rows["share"].astype(float)
    labels = [
        f"{share_text(s, bool(h), lang)} · {r}"
        for s, h, r in zip(shares, rows["share_suppressed"], results, strict=True)
    ]
    traces: list[go.Bar | go.Scatter] = [
        go.Bar(
            x=x,
            y=shares.fillna(0).tolist(),
            marker={"color": colours},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            name=t("votes.record.share", lang),
            hovertext=[
                f"{for_plotly(n)}: {lbl}"
                for n, lbl in zip(rows["community_candidate"], labels, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    ]
    if "threshold" in rows and rows["threshold"].notna().any():
        traces.append(
            go.Scatter(
                x=x,
                y=rows["threshold"].astype(float).tolist(),
                mode="markers",
                marker={
                    "symbol": "line-ew",
                    "size": 60,
                    "line": {"color": theme.TARGET_COLOUR, "width": 3},
                },
                name=t("votes.record.threshold", lang),
                hoverinfo="skip",
            )
        )
    top = float(shares.max()) if shares.notna().any() else 50.0
    return theme.figure(
        traces,
        title=t("votes.record.title", lang),
        presenting=presenting,
        layout={
            "yaxis": {
                "title": {"text": t("votes.record.share_axis", lang)},
                "range": [0, max(60.0, top + 15)],
                "ticksuffix": "%",
            },
            "xaxis": {"type": "category"},
        },
    )


def hours_to_tell(marks: Sequence[Mark], limit: int = 6) -> list[Mark]:
    """At most ``limit`` hour marks, evenly spaced, always keeping the last."""
    if len(marks) <= limit:
        return list(marks)
    step = math.ceil(len(marks) / limit)
    picked = list(marks[step - 1 :: step])
    if picked[-1] is not marks[-1]:
        picked.append(marks[-1])
    return picked


# --- Tables (display frames: text, already suppressed) ---------------------------------------


def results_table(result: RoundResult, *, lang: str, k: int = 10) -> pd.DataFrame:
    """The round's candidates as a table a person reads: names, votes, share, change, result."""
    cand = require(result.candidates)
    change = [
        ""
        if is_missing(c)
        else fmt_change(c, "number", lang, 1)  # points: the column's heading says so
        for c in cand["change"]
    ]
    leading = cand["leading"].astype(bool)
    status = [
        t("votes.table.elected", lang)
        if e
        else t("votes.table.leading", lang)
        if lead
        else t("votes.table.tied", lang)
        if ti
        else ""
        for e, lead, ti in zip(
            cand["elected"].astype(bool), leading, cand["tied"].astype(bool), strict=True
        )
    ]
    frame = pd.DataFrame(
        {
            t("votes.table.candidate", lang): cand["candidate"].astype(str),
            t("votes.table.org", lang): cand["candidate_org"].fillna("").astype(str),
            t("votes.table.votes", lang): [
                count_text(v, bool(h), bool(c), k, lang)
                for v, h, c in zip(
                    cand["votes"],
                    cand["votes_suppressed"],
                    cand["votes_complementary"],
                    strict=True,
                )
            ],
            t("votes.table.share", lang): [
                share_text(s, bool(h), lang)
                for s, h in zip(cand["share"], cand["share_suppressed"], strict=True)
            ],
            t("votes.table.result", lang): status,
        }
    )
    if result.reference is not None:
        frame.insert(4, t("votes.table.change", lang), change)
    return frame


def breakdown_table(cells: pd.DataFrame, *, lang: str, k: int = 10) -> pd.DataFrame:
    """Voter groups down, candidates across, the group total last: counts as "<k"/"*" text."""
    text = cells.assign(
        shown=[
            count_text(v, bool(h), bool(c), k, lang)
            for v, h, c in zip(
                cells["votes"], cells["votes_suppressed"], cells["votes_complementary"], strict=True
            )
        ],
        column=cells["candidate"].where(
            cells["candidate"] != TOTAL, t("votes.table.group_total", lang)
        ),
        group=[group_name(g, lang) for g in cells["voter_group"]],
    )
    groups = list(dict.fromkeys(text["group"]))
    columns = list(dict.fromkeys(text["column"]))
    wide = text.pivot(index="group", columns="column", values="shown").reindex(
        index=groups, columns=columns
    )
    wide.index.name = t("votes.table.voter_group", lang)
    wide.columns.name = None
    return wide.reset_index()


def record_table(record: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The list of elections: date, title, body, status, the coalition's candidate and result."""
    require(record)
    results = []
    for elected, provisional, kind in zip(
        record["elected"], record["provisional"], record["outcome"], strict=True
    ):
        if kind == "no_votes":
            results.append(t("votes.record.no_votes", lang))
        elif bool(provisional):
            results.append(t("votes.record.open", lang))
        elif is_missing(elected):
            results.append("")
        else:
            results.append(t("votes.record.won" if elected else "votes.record.lost", lang))
    return pd.DataFrame(
        {
            t("votes.table.date", lang): [
                "" if is_missing(d) else fmt_date(pd.Timestamp(d).date(), lang)
                for d in record["date"]
            ],
            t("votes.table.election", lang): record["title"].astype(str),
            t("votes.table.body", lang): record["body"].fillna("").astype(str),
            t("votes.table.status", lang): [status_name(s, lang) for s in record["status"]],
            t("votes.table.community_candidate", lang): record["community_candidate"]
            .fillna("")
            .astype(str),
            t("votes.table.share", lang): [
                "" if is_missing(s) and not h else share_text(s, bool(h), lang)
                for s, h in zip(record["share"], record["share_suppressed"], strict=True)
            ],
            t("votes.table.result", lang): results,
            t("votes.table.turnout", lang): [fmt_percent(v, lang) for v in record["turnout"]],
        }
    )
