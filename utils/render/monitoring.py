"""Figures and tables of the Monitoring page: pure functions of protected frames.

Every builder starts with ``privacy.require`` (the frames come from
``utils.analysis.monitoring``, suppressed or certified there). Figures follow ``theme.style()``
and are drawn horizontally, one bar per row, so they stay readable on a phone. Sheet text in a
figure goes through ``text.for_plotly``; tables hold plain text for ``st.dataframe``, which
never reads Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from utils.analysis.monitoring import CATEGORIES, Passing
from utils.analysis.privacy import display_count, require, trace_meta
from utils.i18n import fmt_date, fmt_datetime, fmt_number, is_missing, t
from utils.render.text import for_plotly
from utils.render.theme import (
    HIGHLIGHT,
    OKABE_ITO,
    TARGET_COLOUR,
    reference_line,
    room_for_labels,
    style,
)
from utils.sheet.contract import (
    CAMPAIGN_CHANNELS,
    COMMUNITIES,
    ESCALATION_LEVELS,
    FINDING_CATEGORIES,
    FINDING_STATUSES,
    choice_name,
)
from utils.sheet.regions import region_name

STAGE_COLOURS: Final = ("#9E9E9E", "#56B4E9", "#0072B2", "#009E73", "#006B4F")
"""Found → verified: from grey to the deep green of a fix that held."""
ROW_HEIGHT: Final = 44


def _name(choices: tuple, key: object, lang: str) -> str:
    return "" if is_missing(key) or not str(key) else choice_name(choices, str(key), lang)


def category_name(key: object, lang: str) -> str:
    """A finding's category in ``lang`` ("" when missing)."""
    return _name(FINDING_CATEGORIES, key, lang)


def status_name(key: object, lang: str) -> str:
    """A finding's status in ``lang`` ("" when missing)."""
    return _name(FINDING_STATUSES, key, lang)


def level_name(key: object, lang: str) -> str:
    """An escalation level in ``lang`` ("" when missing)."""
    return _name(ESCALATION_LEVELS, key, lang)


def channel_name(key: object, lang: str) -> str:
    """A campaign channel in ``lang`` ("" when missing)."""
    return _name(CAMPAIGN_CHANNELS, key, lang)


def community_name(key: object, lang: str) -> str:
    """A community in ``lang`` ("" when missing)."""
    return _name(COMMUNITIES, key, lang)


def bearer_name(value: object, lang: str) -> str:
    """A duty bearer as the sheet writes it, or the words for "no duty bearer named"."""
    text = "" if is_missing(value) else str(value).strip()
    return text or t("monitoring.no_bearer", lang)


def finding_code(value: object) -> str:
    """A finding id as people write it: the parser folds ids to lower case (f-01 -> F-01)."""
    return str(value).upper()


def days_text(value: float | None, lang: str) -> str:
    """A number of days, whole or to one decimal (a median of two), "—" when missing."""
    if is_missing(value):
        return "—"
    number = float(value)  # type: ignore[arg-type]
    return fmt_number(number, lang, 0 if number.is_integer() else 1)


# --- Figures ----------------------------------------------------------------------------


def make_funnel_figure(funnel: pd.DataFrame, *, lang: str, presenting: bool = False) -> go.Figure:
    """Findings found, raised, committed to, resolved and verified: one bar per stage."""
    require(funnel)
    threshold = getattr(funnel, "threshold", 10)
    labels = [t(f"monitoring.stage.{s}", lang) for s in funnel["stage"]]
    text = [
        display_count(v, bool(h), threshold, lambda x: fmt_number(x, lang))
        for v, h in zip(funnel["count"], funnel["count_suppressed"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=funnel["count"].tolist(),
            y=labels,
            orientation="h",
            marker={"color": list(STAGE_COLOURS[: len(funnel)])},
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            showlegend=False,
            # Judged as counts when they are cells of a region or community breakdown (the
            # analysis then protected them with the deployment's threshold, not 1).
            meta=trace_meta(counts=["x"] if threshold > 1 else []),
        )
    )
    style(
        fig,
        title=t("monitoring.funnel.title", lang),
        presenting=presenting,
        height=120 + ROW_HEIGHT * len(funnel),
    )
    fig.update_yaxes(autorange="reversed", title=None)
    longest = funnel["count"].max() if len(funnel) else 0
    fig.update_xaxes(  # room past the longest bar for its label, drawn outside it
        title=t("monitoring.funnel.axis", lang),
        range=room_for_labels(0 if pd.isna(longest) else longest),
    )
    return fig


def make_speed_figure(speed: pd.DataFrame, *, lang: str, presenting: bool = False) -> go.Figure:
    """Per duty bearer: median days to the first answer, beside the longest wait still open."""
    require(speed)
    names = [for_plotly(bearer_name(b, lang)) for b in speed["duty_bearer"]]
    answer = t("monitoring.speed.median", lang)
    wait = t("monitoring.speed.longest_wait", lang)
    fig = go.Figure(
        [
            go.Bar(
                name=answer,
                x=speed["median_response"].tolist(),
                y=names,
                orientation="h",
                marker={"color": HIGHLIGHT},
                text=[days_text(v, lang) for v in speed["median_response"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}<br>" + answer + ": %{text}<extra></extra>",
            ),
            go.Bar(
                name=wait,
                x=speed["longest_wait"].tolist(),
                y=names,
                orientation="h",
                marker={"color": TARGET_COLOUR},
                text=[days_text(v, lang) for v in speed["longest_wait"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}<br>" + wait + ": %{text}<extra></extra>",
            ),
        ]
    )
    style(
        fig,
        title=t("monitoring.speed.title", lang),
        presenting=presenting,
        height=150 + 2 * ROW_HEIGHT * max(len(speed), 1),
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", title=None, automargin=True)
    longest = pd.concat([speed["median_response"], speed["longest_wait"]]).max()
    fig.update_xaxes(  # room past the longest bar for its label, drawn outside it
        title=t("monitoring.speed.axis", lang),
        range=room_for_labels(0 if pd.isna(longest) else longest),
    )
    return fig


def make_reach_figure(
    reach: pd.DataFrame,
    passings: Sequence[Passing],
    *,
    lang: str,
    presenting: bool = False,
) -> go.Figure:
    """Cumulative reach of each campaign over time, its target dashed, the passing marked."""
    require(reach)
    fig = go.Figure()
    for index, (campaign, rows) in enumerate(reach.groupby("campaign", sort=False)):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        name = for_plotly(campaign)
        fig.add_trace(
            go.Scatter(
                x=rows["time"].tolist(),
                y=rows["reach"].tolist(),
                mode="lines+markers",
                line={"shape": "hv", "color": colour, "width": 3},
                name=name,
                hovertemplate=name + "<br>%{x|%d.%m.%Y %H:%M}: %{y:,.0f}<extra></extra>",
            )
        )
        target = rows["target"].iloc[0]
        if not is_missing(target):
            label = t(
                "monitoring.reach.target", lang, campaign=name, target=fmt_number(target, lang)
            )
            reference_line(fig, float(target), label, across="x")
    for passing in passings:
        fig.add_trace(
            go.Scatter(
                x=[passing.at],
                y=[passing.reach],
                mode="markers",
                marker={"size": 14, "color": TARGET_COLOUR, "symbol": "star"},
                name=t("monitoring.reach.passed", lang),
                hovertemplate=for_plotly(passing.campaign)
                + "<br>%{x|%d.%m.%Y %H:%M}: %{y:,.0f}<extra></extra>",
                showlegend=False,
            )
        )
    style(fig, title=t("monitoring.reach.title", lang), presenting=presenting, height=380)
    fig.update_yaxes(title=t("monitoring.reach.axis", lang), rangemode="tozero")
    fig.update_xaxes(title=None)
    return fig


# --- Tables -------------------------------------------------------------------------------


def _cell(value: float, hidden: bool, complementary: bool, threshold: int, lang: str) -> str:
    return display_count(
        value, hidden, threshold, lambda x: fmt_number(x, lang), complementary=complementary
    )


def _change(value: float, hidden: bool, lang: str) -> str:
    if hidden:
        return "*"
    if is_missing(value) or value == 0:
        return ""
    return f" ({'+' if value > 0 else '−'}{fmt_number(abs(value), lang)})"


def scorecard_table(card: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Regions down, categories across: "12 (+2)", the round's findings and the change since
    the quarter before; hidden cells "<10" or "*". Regions without findings in either quarter
    are left out."""
    require(card)
    threshold = getattr(card, "threshold", 10)
    columns = [*CATEGORIES, "all"]
    rows = []
    for region, mine in card.groupby("region", sort=False):
        cells = mine.set_index("category")
        total = cells.loc["all"]
        if (
            not total["count_suppressed"]
            and not total["count_before_suppressed"]
            and total["count"] == 0
            and total["count_before"] == 0
        ):
            continue
        row = {t("monitoring.col.region", lang): region_name(str(region), lang)}
        for category in columns:
            cell = cells.loc[category]
            shown = _cell(
                cell["count"],
                bool(cell["count_suppressed"]),
                bool(cell["count_complementary"]),
                threshold,
                lang,
            )
            change = _change(cell["change"], bool(cell["change_suppressed"]), lang)
            heading = (
                t("monitoring.col.all", lang)
                if category == "all"
                else category_name(category, lang)
            )
            row[heading] = shown + ("" if change == "*" else change)
        rows.append(row)
    return pd.DataFrame(rows)


def _dates(values: pd.Series, lang: str) -> list[str]:
    return ["" if is_missing(v) else fmt_date(v, lang) for v in values]


def overdue_table(late: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Overdue answers, oldest first: finding, duty bearer, site, category, due, days overdue."""
    require(late)
    return pd.DataFrame(
        {
            t("monitoring.col.id", lang): [finding_code(i) for i in late["id"]],
            t("monitoring.col.bearer", lang): [bearer_name(b, lang) for b in late["duty_bearer"]],
            t("monitoring.col.site", lang): late["site"].fillna("").astype(str).tolist(),
            t("monitoring.col.category", lang): [category_name(c, lang) for c in late["category"]],
            t("monitoring.col.due", lang): _dates(late["response_due"], lang),
            t("monitoring.col.days_overdue", lang): late["days_overdue"].astype(int).tolist(),
        }
    )


def findings_table(rows: pd.DataFrame, *, lang: str, resolved: bool = False) -> pd.DataFrame:
    """Single findings: id, site, category, region, duty bearer, status, and when found (or,
    with ``resolved``, when resolved)."""
    require(rows)
    when = "resolved_on" if resolved else "date_found"
    return pd.DataFrame(
        {
            t("monitoring.col.id", lang): [finding_code(i) for i in rows["id"]],
            t("monitoring.col.site", lang): rows["site"].fillna("").astype(str).tolist(),
            t("monitoring.col.category", lang): [category_name(c, lang) for c in rows["category"]],
            t("monitoring.col.region", lang): [
                "" if is_missing(r) else region_name(str(r), lang) for r in rows["region"]
            ],
            t("monitoring.col.bearer", lang): [bearer_name(b, lang) for b in rows["duty_bearer"]],
            t("monitoring.col.status", lang): [status_name(s, lang) for s in rows["status"]],
            t(f"monitoring.col.{when}", lang): _dates(rows[when], lang),
        }
    )


def story_table(actions: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """One finding's actions in order: date, what was done, by whom, the answer, new status."""
    require(actions)
    return pd.DataFrame(
        {
            t("monitoring.col.date", lang): _dates(actions["date"], lang),
            t("monitoring.col.action", lang): actions["action"].fillna("").astype(str).tolist(),
            t("monitoring.col.by", lang): actions["by"].fillna("").astype(str).tolist(),
            t("monitoring.col.response", lang): actions["response"].fillna("").astype(str).tolist(),
            t("monitoring.col.new_status", lang): [
                status_name(s, lang) for s in actions["new_status"]
            ],
        }
    )


def reach_table(reach: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The campaigns' cumulative readings, for the reader who wants the numbers."""
    require(reach)
    threshold = getattr(reach, "threshold", 10)
    return pd.DataFrame(
        {
            t("monitoring.col.campaign", lang): reach["campaign"].astype(str).tolist(),
            t("monitoring.col.time", lang): [fmt_datetime(v, lang) for v in reach["time"]],
            t("monitoring.col.reach", lang): [
                _cell(v, bool(h), False, threshold, lang)
                for v, h in zip(reach["reach"], reach["reach_suppressed"], strict=True)
            ],
        }
    )
