"""What the meeting pack says, page by page: the key views as plain text, numbers and figures.

Pure: no Streamlit, no browser. Every page is made from the same view-models as the screen
(``utils.views.slides``, ``utils.views.votes``, ``utils.views.strategy``), so every number has
passed through ``utils.analysis.privacy`` exactly as on screen. Their sentences are Markdown for
the screen, with sheet text escaped by ``for_markdown``; :func:`plain` turns them back into the
literal text the screen shows (``utils.render.text.from_markdown``), because a PDF reads no
markup: sheet text typed as ``<b>`` or ``**x**`` is printed as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

import plotly.graph_objects as go

from utils.analysis import indicators as ind
from utils.analysis import votes as vm
from utils.i18n import N_, fmt_value, t
from utils.render.text import from_markdown
from utils.sheet.parse import Workbook
from utils.store.boundaries import BoundarySet
from utils.views import monitoring as monitoring_views
from utils.views import slides
from utils.views import strategy as strategy_views
from utils.views import votes as vote_views
from utils.views.sections import Broken, attempt

KINDS: Final = ("access", "map", "result", "story", "late", "changes", "monitoring", "members")
"""The pack's pages after the cover, in the order a meeting hears them."""

NEEDS: Final = {
    "access": ("indicators", "catalog"),
    "map": ("indicators", "catalog"),
    "result": ("elections", "votes"),
    "story": ("elections", "votes"),
    "late": ("milestones",),
    "changes": ("milestones",),
    "monitoring": ("findings", "actions"),
    "members": ("members",),
}
"""The tabs each page is made from; a page whose tabs this reader's workbook lacks is left out
(the public view's workbook holds only the public indicators, so its pack is the access page)."""

HEADINGS: Final = {
    "access": N_("pack.heading.access"),
    "map": N_("access.map_heading"),
    "result": N_("pack.heading.result"),
    "story": N_("pack.heading.story"),
    "late": N_("pack.heading.late"),
    "changes": N_("pack.heading.changes"),
    "monitoring": N_("pack.heading.monitoring"),
    "members": N_("pack.heading.members"),
}
"""What a page is called when it could not be made (its own title comes from its data)."""


@dataclass(frozen=True)
class Page:
    """One A4 page: a title, the answer in words, big numbers, one chart, notes under it.

    Every text is plain text; a line starting with "• " is an item of a list.
    """

    kind: str
    title: str
    lines: tuple[str, ...] = ()
    metrics: tuple[tuple[str, str], ...] = ()  # (label, value)
    figure: go.Figure | None = None
    notes: tuple[str, ...] = ()  # caption and target source, under the chart


def plain(markdown: str | None) -> tuple[str, ...]:
    """A Markdown block of ours as plain lines; Markdown list items become "• " lines."""
    if not markdown:
        return ()
    lines = []
    for line in markdown.split("\n"):
        text = line.strip()
        if not text:
            continue
        lines.append(
            "• " + from_markdown(text[2:]) if text.startswith("- ") else from_markdown(text)
        )
    return tuple(lines)


def plains(blocks: Iterable[str | None]) -> tuple[str, ...]:
    """Several Markdown blocks as one run of plain lines (empty ones left out)."""
    return tuple(line for block in blocks for line in plain(block))


def available(workbook: Workbook) -> list[str]:
    """The pages this workbook can make, in order (a page needs all of its tabs)."""
    return [kind for kind in KINDS if all(_has(workbook, tab) for tab in NEEDS[kind])]


def _has(workbook: Workbook, tab: str) -> bool:
    """True when the workbook has ``tab`` with a usable row (False for a tab it does not know)."""
    return tab in workbook.stats and workbook.has(tab)


def pages(
    workbook: Workbook,
    earlier: Workbook | None,
    *,
    since: date | None,
    lang: str,
    threshold: int,
    today: date,
    sample: bool = False,
    boundaries: BoundarySet | None = None,
) -> tuple[Page, ...]:
    """Every page the workbook can make; a page whose builder fails says so and the rest stay.

    ``earlier`` and ``since`` are what the Strategy page compares with (``utils.views.strategy``);
    ``boundaries`` are the map's (None: its nine units as markers, as on screen).
    """
    kinds = available(workbook)
    made: dict[str, Page | Broken] = {}
    if "access" in kinds:
        made["access"] = attempt("access", lambda: access_page(workbook, lang, threshold))
    if "map" in kinds:
        made["map"] = attempt("map", lambda: map_page(workbook, lang, threshold, boundaries))
    if "result" in kinds:
        votes = attempt("votes", lambda: _votes_view(workbook, lang, threshold, today))
        for kind, page in (("result", _result_page), ("story", _story_page)):
            made[kind] = votes if isinstance(votes, Broken) else attempt(kind, _bind(page, votes))
    if "late" in kinds:
        filters = strategy_views.StrategyFilters(since=since)
        view = attempt(
            "strategy",
            lambda: _Strategy(
                strategy_views.build(
                    workbook,
                    earlier,
                    filters,
                    lang=lang,
                    threshold=threshold,
                    today=today,
                    presenting=True,
                    sample=sample,
                ),
                lang,
            ),
        )
        for kind, page in (("late", _late_page), ("changes", _changes_page)):
            made[kind] = view if isinstance(view, Broken) else attempt(kind, _bind(page, view))
    if "monitoring" in kinds:
        made["monitoring"] = attempt(
            "monitoring", lambda: monitoring_page(workbook, since, lang, threshold, today)
        )
    if "members" in kinds:
        made["members"] = attempt("members", lambda: members_page(workbook, lang))
    return tuple(
        _broken(kind, lang) if isinstance(page, Broken) else page
        for kind, page in made.items()
        if page is not None
    )


def _bind(make: Callable[..., Page | None], view: object) -> Callable[[], Page | None]:
    return lambda: make(view)


def _broken(kind: str, lang: str) -> Page:
    """The page that stands for one that could not be made (the cause is in the server log)."""
    return Page(kind, t(HEADINGS[kind], lang), lines=(t("pack.broken", lang),))


# --- Programme access ---------------------------------------------------------------------


def access_page(workbook: Workbook, lang: str, threshold: int) -> Page:
    """The slideshow's access slide: the headline indicator by region against its target."""
    slide = slides.access_slide(workbook, lang=lang, threshold=threshold)
    indicators, catalog = workbook["indicators"], workbook["catalog"]
    chosen = ind.default_indicator(ind.indicator_options(catalog, indicators))
    notes = [slide.note] if slide.note else []
    if chosen is not None:
        info = ind.indicator_info(catalog, chosen, lang)
        if info.definition:
            notes.append(info.definition)
        notes.append(_target_note(info, lang))
    return Page(
        "access",
        from_markdown(slide.title),
        lines=plains(slide.lines),
        metrics=tuple((from_markdown(m.label), m.value) for m in slide.metrics),
        figure=slide.figure,
        notes=tuple(notes),
    )


def map_page(workbook: Workbook, lang: str, threshold: int, boundaries: BoundarySet | None) -> Page:
    """The slideshow's map slide on paper: the headline indicator in every unit, by colour."""
    slide = slides.map_slide(
        workbook, lang=lang, threshold=threshold, boundaries=boundaries, paper=True
    )
    return Page(
        "map",
        from_markdown(slide.title),
        lines=plains(slide.lines),
        figure=slide.figure,
        notes=(slide.note,) if slide.note else (),
    )


def _target_note(info: ind.IndicatorInfo, lang: str) -> str:
    """Who set the indicator's target, in the access page's words (sheet text as typed)."""
    if info.target is None:
        return t("access.no_target", lang)
    value = fmt_value(info.target, info.unit, lang)
    if info.target_source:
        return t("access.target_source", lang, value=value, source=info.target_source)
    return t("access.target_no_source", lang, value=value)


# --- The election -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Election:
    """The Votes page's view of the election the pack tells, and that election's title."""

    view: vote_views.VotesView
    title: str  # plain text
    lang: str


def _votes_view(workbook: Workbook, lang: str, threshold: int, today: date) -> _Election:
    """The Votes page's view of its default election (the latest decided one), final round."""
    chosen = vote_views.choices(workbook, lang=lang).default
    if chosen is None:
        raise LookupError("no election to tell")
    view = vote_views.build(
        workbook,
        vote_views.VotesFilters(chosen),
        lang=lang,
        threshold=threshold,
        today=today,
        presenting=True,
    )
    info = vm.election_info(workbook["elections"], chosen)
    return _Election(view, info.title, lang)


def _result_page(election: _Election) -> Page | None:
    """The election's result: who won, the coalition's candidate, turnout, the results chart."""
    view, lang = election.view, election.lang
    results, status = view.results, view.status
    if results is None:
        return None
    if isinstance(results, Broken):
        raise RuntimeError("the results section is broken")
    notes = () if isinstance(status, Broken) else plains([status.line, *status.issues])
    return Page(
        "result",
        t("present.election.title", lang, title=election.title),
        lines=plains([results.outcome, *results.lines]),
        metrics=tuple((m.label, m.value) for m in results.metrics),
        figure=results.figure,
        notes=notes,
    )


def _story_page(election: _Election) -> Page | None:
    """The election's story: when the coalition's candidate crossed the line, hour by hour."""
    later = election.view.timeline
    if later is None:
        return None
    timeline = later.get()
    if isinstance(timeline, Broken):
        raise RuntimeError("the timeline section is broken")
    if timeline.figure is None:
        return None  # the votes carry no times: there is no story to tell
    return Page(
        "story",
        t("pack.story.title", election.lang, title=election.title),
        lines=plains([timeline.crossing, timeline.marks]),
        figure=timeline.figure,
        notes=plain(timeline.untimed),
    )


# --- Strategy -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Strategy:
    """The Strategy page's view in presenter mode (every late milestone named), and a language."""

    view: strategy_views.StrategyView
    lang: str


def _late_page(strategy: _Strategy) -> Page:
    """What is late and who leads it (every late milestone named), and the status chart."""
    answer, summary = strategy.view.answer, strategy.view.summary.get()
    if isinstance(answer, Broken):
        raise RuntimeError("the strategy answer is broken")
    figure = None
    if not isinstance(summary, Broken) and summary.figures:
        figure = summary.figures[0][1]
    return Page(
        "late",
        t("present.strategy.title", strategy.lang),
        lines=plains([answer.headline, answer.empty]),
        metrics=tuple((m.label, m.value) for m in answer.metrics),
        figure=figure,
        notes=(answer.caption,),
    )


def _changes_page(strategy: _Strategy) -> Page:
    """What changed since the last meeting, against the earlier copy of the sheet."""
    changes = strategy.view.changes.get()
    if isinstance(changes, Broken):
        raise RuntimeError("the change report is broken")
    return Page(
        "changes",
        t("strategy.changes.title", strategy.lang),
        lines=plains([changes.none, changes.no_history, changes.report, changes.updated]),
        notes=plains([changes.note]),
    )


# --- Monitoring ---------------------------------------------------------------------------


def monitoring_page(
    workbook: Workbook, since: date | None, lang: str, threshold: int, today: date
) -> Page | None:
    """The monitoring loop's open findings, who must respond, and the overdue answers."""
    view = monitoring_views.build(
        workbook,
        None,
        monitoring_views.MonitoringFilters(since=since),
        lang=lang,
        threshold=threshold,
        today=today,
        presenting=True,
    )
    answer, overdue, funnel = view.answer, view.overdue, view.funnel
    if answer is None:
        return None
    if isinstance(answer, Broken):
        raise RuntimeError("the monitoring answer is broken")
    lines = list(plains([answer.headline, answer.empty, *answer.notes]))
    if overdue is not None and not isinstance(overdue, Broken):
        lines += plains([overdue.title, overdue.none, overdue.note])
        if overdue.table is not None:
            lines += [
                "• " + " · ".join(str(value) for value in row if str(value).strip())
                for row in overdue.table.itertuples(index=False)
            ]
    return Page(
        "monitoring",
        t(HEADINGS["monitoring"], lang),
        lines=tuple(lines),
        metrics=tuple((from_markdown(m.label), m.value) for m in answer.metrics),
        figure=funnel if isinstance(funnel, go.Figure) else None,
        notes=(from_markdown(answer.caption),),
    )


# --- The coalition ------------------------------------------------------------------------


def members_page(workbook: Workbook, lang: str) -> Page:
    """The slideshow's members slide: how many organisations, community by community."""
    slide = slides.members_slide(workbook, lang=lang)
    return Page(
        "members",
        from_markdown(slide.title),
        lines=plains(slide.lines),
        metrics=tuple((m.label, m.value) for m in slide.metrics),
    )
