"""The slideshow's slides: which key views make it and what each one says and draws.

Pure: no Streamlit. Every number comes from the areas' own metrics (``utils.analysis.*``, so
small counts are already protected) and every figure from their builders (``utils.render.*``,
``utils.render.maps``) in presenter style; this module only chooses and words. Sheet text in the
sentences passes through ``escape`` (by default ``utils.render.text.for_markdown``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from utils.analysis import indicators as ind
from utils.analysis import milestones as ms
from utils.analysis import overview
from utils.analysis import votes as vm
from utils.analysis.privacy import DEFAULT_THRESHOLD
from utils.i18n import fmt_change, fmt_date, fmt_number, fmt_percent, fmt_value, t, tn
from utils.render import access as access_charts
from utils.render import maps
from utils.render import strategy as strategy_charts
from utils.render import votes as vote_charts
from utils.render.maps import LegendEntry
from utils.render.text import Escape, for_markdown
from utils.render.theme import wrap_axis_title, wrap_title
from utils.sheet.contract import COMMUNITIES, choice_name
from utils.sheet.parse import Workbook
from utils.sheet.regions import region_name
from utils.store.boundaries import BoundarySet
from utils.views import monitoring as monitoring_views
from utils.views import votes as vote_views
from utils.views.sections import Broken, Metric

KINDS: Final = ("access", "map", "election", "strategy", "monitoring", "members")
"""The key views, in the order a meeting hears them."""

NEEDS: Final = {
    "access": ("indicators", "catalog"),
    "map": ("indicators", "catalog"),
    "election": ("elections", "votes"),
    "strategy": ("milestones",),
    "monitoring": ("findings",),
    "members": ("members",),
}
"""The tabs each slide is made from; a slide whose tabs are missing is left out."""

SOON_DAYS: Final = 30
LATE_ITEMS: Final = 4  # one screen at 1280x720 in presenter type, with the numbers above
STORY_MARKS: Final = 1
"""Hour marks the election slide tells: the first of three evenly spaced ones ("within 2 hours
… 47%"); the Votes page tells them all. More would push the slide past one 1280x720 screen."""
FIGURE_HEIGHT: Final = 375  # px: the data line, controls, title, picture and its note in 720
NOTE_LINE: Final = 30  # px: one line of a note under a picture, in presenter type
LONG_WORDS: Final = 300
"""Characters of words beyond which they take half the width beside a picture (``fitted``)."""
SLIDE_METRICS: Final = 2
"""Big numbers the slideshow shows beside a picture (one row of cards in the words' column;
the sentences say the rest, and the pack prints them all)."""


@dataclass(frozen=True)
class Slide:
    """One screen of the slideshow: a title, the answer in words, big numbers, one picture."""

    kind: str
    title: str
    lines: tuple[str, ...] = ()  # Markdown, sheet text already escaped
    metrics: tuple[Metric, ...] = ()
    figure: go.Figure | None = None
    deck: pdk.Deck | None = None
    legend: tuple[LegendEntry, ...] = field(default_factory=tuple)
    note: str | None = None  # a caption under the picture
    picture_height: int = FIGURE_HEIGHT  # px: the figure's height, and the deck's
    half: bool = False  # long words: they and the picture take half the width each


SLIDE_Y_AXIS_CHARS: Final = 22  # characters up the side of a slide's plot, in presenter type
HALF_TITLE_CHARS: Final = 36  # characters of a chart's title in half a slide's width
WIDE_TITLE_CHARS: Final = 55  # in three fifths of it
TITLE_LINE: Final = 45  # px: one line of a slide's title in presenter type
TITLE_CHARS: Final = 55  # characters of a title on one line of a 1280 px screen


def fitted(slide: Slide) -> Slide:
    """``slide`` fitted to one 1280x720 screen. Long words take half the width, beside a picture
    that takes the other half; a chart's title and y-axis title wrap before they outgrow the
    picture's width and its short plot; a title long enough to take two lines takes the second
    line's height from a map. (A chart keeps its height: a shorter bar chart would drop every
    other category's name.)"""
    picture = slide.figure is not None or slide.deck is not None
    half = picture and sum(len(line) for line in slide.lines) > LONG_WORDS
    if slide.figure is not None:
        wrap_title(slide.figure, HALF_TITLE_CHARS if half else WIDE_TITLE_CHARS)
        wrap_axis_title(slide.figure.layout.yaxis, SLIDE_Y_AXIS_CHARS)
    height = slide.picture_height
    if slide.deck is not None and len(slide.title) > TITLE_CHARS:
        height -= TITLE_LINE
    return replace(slide, picture_height=height, half=half)


def markdown(lines: Sequence[str]) -> str:
    """A slide's lines as one Markdown block: the sentences of one answer run on as one
    paragraph, a list's items stay one list, and what follows a list starts a paragraph of its
    own (not glued to the last item). Fewer paragraph gaps keep a slide within one screen."""
    block = ""
    for line in lines:
        if block:
            last = block.rsplit("\n", 1)[-1]
            if last.startswith("- ") and line.startswith("- "):
                block += "\n"
            elif last.startswith("- ") or line.startswith("- "):
                block += "\n\n"
            else:
                block += " "
        block += line
    return block


def available(workbook: Workbook) -> list[str]:
    """The slides this workbook can make, in order (a slide needs all of its tabs)."""
    return [kind for kind in KINDS if all(workbook.has(tab) for tab in NEEDS[kind])]


def clamp(index: int, total: int) -> int:
    """A 1-based slide number kept within 1..total (1 when there are none)."""
    return min(max(1, int(index)), max(1, total))


def step(index: int, total: int, by: int) -> int:
    """The slide ``by`` places on, wrapping round at either end (1-based)."""
    if total <= 0:
        return 1
    return (clamp(index, total) - 1 + by) % total + 1


def build(
    kind: str,
    workbook: Workbook,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    today: date,
    escape: Escape = for_markdown,
    boundaries: BoundarySet | None = None,
) -> Slide:
    """The slide of ``kind`` for this workbook, its picture fitted under its title."""
    if kind == "access":
        slide = access_slide(workbook, lang=lang, threshold=threshold, escape=escape)
    elif kind == "map":
        slide = map_slide(
            workbook, lang=lang, threshold=threshold, escape=escape, boundaries=boundaries
        )
    elif kind == "election":
        slide = election_slide(workbook, lang=lang, threshold=threshold, escape=escape)
    elif kind == "strategy":
        slide = strategy_slide(workbook, lang=lang, today=today, escape=escape)
    elif kind == "monitoring":
        slide = monitoring_slide(workbook, lang=lang, threshold=threshold, today=today)
    elif kind == "members":
        slide = members_slide(workbook, lang=lang, escape=escape)
    else:
        raise ValueError(f"no such slide: {kind}")
    return fitted(slide)


# --- Programme access ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Indicator:
    """The headline indicator's protected cube, its latest period and catalog entry."""

    info: ind.IndicatorInfo
    cube: pd.DataFrame
    periods: list[str]
    latest: str | None


def _headline(workbook: Workbook, lang: str, threshold: int) -> _Indicator | None:
    """OST coverage (else the first indicator with data) pooled the way the access page pools."""
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    chosen = ind.default_indicator(ind.indicator_options(catalog, indicators))
    if chosen is None:
        return None
    info = ind.indicator_info(catalog, chosen, lang)
    selection = ind.select_rows(indicators, chosen)
    cube = ind.protected_cube(selection.rows, info.unit, threshold)
    return _Indicator(info, cube, ind.period_labels(indicators, chosen), ind.latest_period(cube))


def access_slide(
    workbook: Workbook,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    escape: Escape = for_markdown,
) -> Slide:
    """The headline indicator nationally against its target, and the region furthest from it."""
    head = _headline(workbook, lang, threshold)
    if head is None or head.latest is None:
        return Slide("access", t("nav.access", lang), lines=(t("present.access.none", lang),))
    info, cube, latest = head.info, head.cube, head.latest
    national = overview.key_figure(
        workbook["indicators"], workbook["catalog"], info.id, lang, threshold
    )
    result = ind.answer(cube, info, latest)
    value = fmt_value(national.rate, info.unit, lang)
    target = fmt_value(info.target, info.unit, lang) if info.target is not None else None
    region = escape(region_name(result.region, lang)) if result.region else None

    lines = []
    if target is not None and region is not None and not result.all_meet_target:
        lines.append(
            t(
                "present.access.line_below",
                lang,
                value=value,
                period=latest,
                target=target,
                region=region,
                region_value=fmt_value(result.rate, info.unit, lang),
            )
        )
    elif target is not None and result.all_meet_target:
        lines.append(t("present.access.line_met", lang, value=value, period=latest, target=target))
    else:
        lines.append(t("present.access.line_plain", lang, value=value, period=latest))
    if region is not None and result.previous_rate is not None:
        words = {True: "improved", False: "worse"}.get(result.improved, "same")
        lines.append(
            t(
                f"present.access.{words}",
                lang,
                previous=result.previous_period,
                region=region,
                before=fmt_value(result.previous_rate, info.unit, lang),
            )
        )

    metrics = [
        Metric(
            t("present.access.national", lang, period=latest),
            value,
            delta=None if national.change is None else fmt_change(national.change, info.unit, lang),
            delta_color="normal" if info.higher_is_better is not False else "inverse",
        )
    ]
    if target is not None:
        metrics.append(Metric(t("present.access.target", lang), target))
    if region is not None:
        metrics.append(
            Metric(
                t("present.access.furthest", lang, region=region_name(result.region, lang)),
                fmt_value(result.rate, info.unit, lang),
            )
        )
    prior = ind.previous_period(head.periods, latest)
    figure = access_charts.make_region_figure(
        ind.by_region(cube, latest),
        info=info,
        lang=lang,
        previous=ind.by_region(cube, prior) if prior else None,
        presenting=True,
        threshold=threshold,
    )
    figure.update_layout(height=FIGURE_HEIGHT)
    return Slide(
        "access",
        t("present.access.title", lang, name=escape(info.name)),
        lines=tuple(lines),
        metrics=tuple(metrics),
        figure=figure,
    )


# --- The map ------------------------------------------------------------------------------


def map_slide(
    workbook: Workbook,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    escape: Escape = for_markdown,
    boundaries: BoundarySet | None = None,
    paper: bool = False,
) -> Slide:
    """The headline indicator on the map of the nine units, coloured against its target.

    On screen the map is a deck; on ``paper`` (the meeting pack) the same map is a plotly
    figure, which plotly's static export draws as vector graphics, its legend inside it.
    """
    head = _headline(workbook, lang, threshold)
    if head is None or head.latest is None:
        return Slide("map", t("access.map_heading", lang), lines=(t("present.access.none", lang),))
    info, latest = head.info, head.latest
    legend = access_charts.map_legend(lang)
    frame = access_charts.map_frame(ind.by_region(head.cube, latest), info=info, lang=lang)
    higher = info.higher_is_better is not False
    title = t("present.map.title", lang, name=escape(info.name), period=latest)
    note = t("present.map.caption", lang, k=threshold)
    if paper:
        figure = maps.make_region_print_figure(
            frame,
            value_col="value",
            label_col="label",
            boundaries=boundaries,
            higher_is_better=higher,
            target=info.target,
            legend_labels=legend,
            lang=lang,
        )
        return Slide("map", title, figure=figure, note=note)
    deck = maps.make_region_deck(
        frame,
        value_col="value",
        label_col="label",
        # The deck makes the name inert itself (``for_deck``), so it takes the name as typed.
        title=t("present.map.title", lang, name=info.name, period=latest),
        boundaries=boundaries,
        higher_is_better=higher,
        target=info.target,
        legend_labels=legend,
        lang=lang,
        size="presenter",  # a shared screen: larger labels, markers and outline
    )
    swatches = maps.make_region_legend(
        frame, value_col="value", higher_is_better=higher, target=info.target, legend_labels=legend
    )
    return Slide("map", title, deck=deck, legend=swatches, note=note)


# --- The latest election ------------------------------------------------------------------


def story_election(elections: pd.DataFrame, votes: pd.DataFrame) -> tuple[str, int] | None:
    """The election to tell: the latest decided one with votes, else the latest with votes."""
    with_votes = [
        (eid, vm.rounds_of(votes, eid)[-1])
        for eid in vm.election_ids(elections)
        if vm.rounds_of(votes, eid)
    ]
    decided = [
        (eid, r) for eid, r in with_votes if vm.election_info(elections, eid).status != "open"
    ]
    return (decided or with_votes or [None])[0]


def election_slide(
    workbook: Workbook,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    escape: Escape = for_markdown,
) -> Slide:
    """The latest decided election: who won, and the count told hour by hour."""
    elections, votes = workbook["elections"], workbook["votes"]
    chosen = story_election(elections, votes)
    if chosen is None:
        return Slide("election", t("nav.votes", lang), lines=(t("present.election.none", lang),))
    election_id, round_no = chosen
    info = vm.election_info(elections, election_id)
    result = vm.round_result(
        elections, votes, election_id=election_id, round_no=round_no, threshold=threshold
    )
    who = vm.story_candidate(result)
    lines = [vote_views.describe_outcome(result, lang, escape=escape)]
    timeline = vm.tally_over_time(votes, election_id, round_no, threshold=threshold)
    crossing = None
    if who and not timeline.empty:
        if info.threshold is not None:
            crossing = vm.first_crossing(timeline, who, info.threshold)
            lines.append(
                vote_views.describe_crossing(
                    crossing, candidate=who, threshold=info.threshold, lang=lang, escape=escape
                )
            )
        day = timeline["timestamp"].min()
        marks = vote_charts.hours_to_tell(vm.hour_marks(timeline, who), limit=3)[:STORY_MARKS]
        lines += [
            "- " + vote_views.describe_mark(who, mark, lang, day=day, escape=escape)
            for mark in marks
        ]
    counting = None  # another election still being counted, said under the picture
    for other in vm.election_ids(elections):
        other_info = vm.election_info(elections, other)
        if other != election_id and other_info.status == "open" and vm.rounds_of(votes, other):
            counting = t("present.election.open", lang, title=escape(other_info.title))
            break

    metrics = []
    if who is not None:
        row = result.candidates[result.candidates["candidate"] == who].iloc[0]
        metrics.append(
            Metric(
                escape(who),
                vote_charts.share_text(row["share"], bool(row["share_suppressed"]), lang),
            )
        )
    if result.turnout is not None:
        metrics.append(
            Metric(t("present.election.turnout", lang), fmt_percent(result.turnout, lang))
        )
    # The Votes page's colours: a candidate looks the same on its slide as on the page.
    colours = vote_charts.candidate_colours(
        vm.candidate_names(votes, election_id), info.community_candidate
    )
    figure: go.Figure | None = None
    if not timeline.empty:
        figure = vote_charts.make_tally_figure(
            timeline,
            lang=lang,
            threshold=info.threshold,
            community=who,
            crossing=crossing,
            presenting=True,
            colours=colours,
        )
    elif result.candidates["share"].notna().any():
        figure = vote_charts.make_results_figure(
            result.candidates,
            lang=lang,
            threshold=info.threshold,
            k=threshold,
            presenting=True,
            colours=colours,
        )
    else:  # every share hidden: a chart would only draw the hidden marks
        lines.append(t("votes.results.all_hidden", lang, k=threshold))
    if figure is not None:  # a second line of note under it takes its room from the picture
        figure.update_layout(height=FIGURE_HEIGHT - (NOTE_LINE if counting else 0))
    return Slide(
        "election",
        t("present.election.title", lang, title=escape(info.title)),
        lines=tuple(lines),
        metrics=tuple(metrics),
        figure=figure,
        # Under the picture: the election's day, and another election still being counted.
        note=" · ".join(
            part
            for part in (
                fmt_date(info.date.date(), lang) if info.date is not None else None,
                counting,
            )
            if part
        )
        or None,
    )


# --- Strategy -----------------------------------------------------------------------------


def strategy_slide(
    workbook: Workbook, *, lang: str, today: date, escape: Escape = for_markdown
) -> Slide:
    """What is late, who leads it, and how much of the plan is done."""
    milestones = workbook["milestones"]
    late = ms.overdue(milestones, today)
    soon = ms.due_within(milestones, today, SOON_DAYS)
    done = ms.share_done(milestones)
    lines = []
    if late.empty:
        lines.append(t("present.strategy.none_late", lang))
    for _, row in late.head(LATE_ITEMS).iterrows():
        lines.append(
            "- "
            + tn(
                "present.strategy.item",
                lang,
                int(row["days_late"]),
                id=escape(strategy_charts.milestone_code(row["id"])),
                milestone=escape(str(row["milestone"])),
                lead=escape(strategy_charts.lead_name(row["lead"], lang)),
            )
        )
    after = []  # one paragraph under the list: how many more, then who leads what is late
    if len(late) > LATE_ITEMS:
        after.append(tn("present.strategy.more", lang, len(late) - LATE_ITEMS))
    if not late.empty:
        leads = ", ".join(
            f"{escape(strategy_charts.lead_name(lead, lang))} {count}"
            for lead, count in ms.late_by_lead(late).items()
        )
        after.append(t("present.strategy.leads", lang, leads=leads))
    if after:
        lines.append(" ".join(after))
    return Slide(
        "strategy",
        t("present.strategy.title", lang),
        lines=tuple(lines),
        metrics=(
            Metric(t("present.strategy.overdue", lang), fmt_number(len(late), lang)),
            Metric(tn("present.strategy.soon", lang, SOON_DAYS), fmt_number(len(soon), lang)),
            Metric(t("present.strategy.done", lang), fmt_percent(done, lang, 0)),
        ),
        note=t("present.strategy.today", lang, date=fmt_date(today, lang)),
    )


# --- Monitoring ---------------------------------------------------------------------------


def monitoring_slide(
    workbook: Workbook, *, lang: str, threshold: int = DEFAULT_THRESHOLD, today: date
) -> Slide:
    """What is open and who must respond, what is overdue, and the funnel from found to fixed.

    The Monitoring page's own answer and funnel, unfiltered, in presenter style: the same
    protected counts and the same sentences (its sheet text is escaped for Markdown there).
    "Since the last meeting" is the page's default, six weeks back.
    """
    view = monitoring_views.build(
        workbook,
        None,
        monitoring_views.MonitoringFilters(),
        lang=lang,
        threshold=threshold,
        today=today,
        presenting=True,
    )
    title = t("present.monitoring.title", lang)
    answer = view.answer
    if answer is None or isinstance(answer, Broken):
        raise RuntimeError("the monitoring answer is broken")
    figure = view.funnel if isinstance(view.funnel, go.Figure) else None
    if figure is not None:
        figure.update_layout(height=FIGURE_HEIGHT)
    return Slide(
        "monitoring",
        title,
        lines=tuple(line for line in (answer.headline, answer.empty) if line),
        metrics=answer.metrics,
        figure=figure,
        note=answer.caption,
    )


# --- The coalition ------------------------------------------------------------------------


def members_slide(workbook: Workbook, *, lang: str, escape: Escape = for_markdown) -> Slide:
    """How many organisations, and who they are, community by community."""
    members = workbook["members"]
    counts = overview.member_counts(members)
    by_community = overview.members_by_community(members)
    lines: Sequence[str] = [
        f"- **{escape(choice_name(COMMUNITIES, community, lang))}**: "
        + ", ".join(escape(name) for name in names)
        for community, names in by_community.items()
    ] or [t("present.members.none", lang)]
    return Slide(
        "members",
        t("present.members.title", lang),
        lines=tuple(lines),
        metrics=(
            Metric(t("present.members.members", lang), fmt_number(counts.get("member", 0), lang)),
            Metric(
                t("present.members.candidates", lang),
                fmt_number(counts.get("candidate", 0), lang),
            ),
        ),
    )
