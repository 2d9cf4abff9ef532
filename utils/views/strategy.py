"""The Strategy page as a view: what is late, who leads it, and what changed since last time.

Pure: no Streamlit. ``choices`` gives the filter widgets their options and names; ``build``
turns (workbook, the earlier copy, filters, language, threshold, today, presenter mode) into a
frozen :class:`StrategyView` whose sections hold finished sentences (sheet text escaped with
``utils.render.text.for_markdown``), metric strings, figures and protected tables. The page only
lays them out.

"What changed since the last meeting" compares with an earlier copy of the sheet. The page
chooses it among ``choices(...).since`` and passes it to ``build`` as a positional argument
after ``workbook``, already parsed (``utils.store.load.snapshot_workbook``: the same object on
every rerun until the next refresh, so ``utils/web/cache.py`` keys a cached view on its serial
like the workbook's). ``None`` means no copy is kept: then ``filters.since`` is the day the
reader picked, and only the rows the sheet marks as updated after it are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from utils.analysis import checkins, privacy
from utils.analysis import milestones as ms
from utils.analysis.privacy import DEFAULT_THRESHOLD
from utils.i18n import fmt_date, fmt_number, fmt_percent, t, tn
from utils.render import strategy as charts
from utils.render.text import for_markdown
from utils.sheet.parse import Workbook
from utils.views import memo
from utils.views.monitoring import findings_column, milestone_findings
from utils.views.sections import Broken, Later, Metric, attempt, on_phone

PICK_DAYS_BACK: Final = 42
"""Without an earlier copy, the date picker starts six weeks back (a meeting cycle)."""

community_name = charts.community_name
status_name = charts.status_name


def today() -> date:
    """Today in Bishkek: the page's one reading of the clock."""
    return ms.today_in_bishkek()


def horizon_name(days: int, lang: str) -> str:
    """A "due within" choice in words ("30 days")."""
    return tn("strategy.filter.days", lang, days)


# --- The widgets --------------------------------------------------------------------------


@dataclass(frozen=True)
class StrategyFilters:
    """What the page's widgets chose (hashable: a cached view is keyed on it)."""

    objectives: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    horizon: int = ms.DUE_SOON_DAYS[0]
    since: date | None = None
    """The earlier copy's day, or (no copy kept) the day picked; None: the picker's default."""

    @property
    def filtered(self) -> bool:
        """True when any filter narrows the milestones."""
        return bool(self.objectives or self.leads or self.communities or self.statuses)


@dataclass(frozen=True)
class StrategyChoices:
    """The options of the page's widgets, from the workbook and the kept copies."""

    objectives: tuple[str, ...]
    leads: tuple[str, ...]
    communities: tuple[str, ...]
    statuses: tuple[str, ...]
    horizons: tuple[int, ...]
    copies: tuple[tuple[str, datetime], ...]
    """(ISO day, when saved) of each earlier day with a copy, newest first: the first is the
    previous refresh."""
    sample: bool
    pick_default: date
    """Where the date picker starts when no copy is kept."""

    @property
    def since(self) -> tuple[str, ...]:
        """The earlier days to compare with, as ISO days (the URL keeps them so)."""
        return tuple(day for day, _ in self.copies)

    def saved_at(self, day: str) -> datetime:
        """When the copy standing for ``day`` was saved."""
        return dict(self.copies)[day]

    def since_name(self, day: str, lang: str) -> str:
        """An earlier day in words; the sample's copies say that they are the sample's."""
        key = "strategy.filter.since_sample" if self.sample else "strategy.filter.since_option"
        return t(key, lang, date=fmt_date(date.fromisoformat(day), lang))


def choices(
    workbook: Workbook,
    history: Sequence[tuple[datetime, object]],
    *,
    today: date,
    sample: bool = False,
) -> StrategyChoices:
    """The widgets' options: the milestones' values, the horizons and the earlier copies.

    ``history`` is ``utils.store.load.snapshot_history()`` (oldest first); ``sample`` says the
    copies are the bundled sample's documented earlier versions.
    """
    options = ms.filter_options(workbook["milestones"])
    return StrategyChoices(
        objectives=tuple(options["objective"]),
        leads=tuple(options["lead"]),
        communities=tuple(options["community"]),
        statuses=tuple(options["status"]),
        horizons=tuple(ms.DUE_SOON_DAYS),
        copies=tuple(
            (day.isoformat(), history[index][0])
            for day, index in ms.snapshot_choices(history, today)
        ),
        sample=sample,
        pick_default=today - timedelta(days=PICK_DAYS_BACK),
    )


# --- The view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The answer in words at the top, and its four big numbers."""

    caption: str
    empty: str | None  # said when the filters leave no milestone
    headline: str  # Markdown
    metrics: tuple[Metric, ...]


@dataclass(frozen=True)
class Listing:
    """A bold title over a table, or over a caption saying there is nothing to list."""

    title: str  # Markdown
    table: pd.DataFrame | None
    none: str | None


@dataclass(frozen=True)
class Summary:
    """Counts per status and progress per lead and objective; late and due-soon lists."""

    figures: tuple[tuple[str, go.Figure], ...]  # (chart key, figure); none without milestones
    listings: tuple[Listing, ...]  # none in presenter mode


@dataclass(frozen=True)
class Checks:
    """Linked indicators against their targets, beside the status the sheet gives."""

    none: str | None  # said when no milestone is linked to an indicator
    flags: tuple[str, ...]  # Markdown: a stated status the numbers contradict
    table: pd.DataFrame | None  # no counts; None in presenter mode or without checks


@dataclass(frozen=True)
class Changes:
    """What changed since the earlier copy, and the rows the sheet marks as updated since."""

    no_history: str | None  # no copy is kept: the page offers a date instead
    note: str | None  # the copies are the sample's
    none: str | None  # nothing changed
    report: str | None  # Markdown list (presenter mode)
    table: pd.DataFrame | None
    updated: str  # Markdown
    updated_table: pd.DataFrame | None


@dataclass(frozen=True)
class StrategyView:
    """Everything the Strategy page shows, section by section (each may be Broken). The
    sections after the timeline are built when first read (``Later.get``, or ``unwrap``): the
    page draws them once opened."""

    answer: Answer | Broken
    timeline: go.Figure | Broken | None
    summary: Later[Summary]
    checks: Later[Checks]
    changes: Later[Changes]
    years: Later[go.Figure]


@dataclass(frozen=True)
class _Frames:
    """The milestones after the filters, and what is late, due soon and changed among them."""

    milestones: pd.DataFrame
    late: pd.DataFrame
    soon: pd.DataFrame
    changes: pd.DataFrame | None  # None: no earlier copy to compare with


def _frames(
    workbook: Workbook, earlier: Workbook | None, filters: StrategyFilters, today: date
) -> _Frames:
    # The sheet's rows with the meeting's check-ins on top (utils/analysis/checkins.py), the
    # same for every filter: merged once per read (memo.py).
    sheet, updates = workbook["milestones"], workbook["updates"]
    everything = memo.shared(
        (sheet, updates), "strategy.merged", (), lambda: checkins.merge(sheet, updates).frame
    )
    chosen = {
        "objectives": filters.objectives,
        "leads": filters.leads,
        "communities": filters.communities,
        "statuses": filters.statuses,
    }
    milestones = ms.filter_milestones(everything, **chosen)
    changes = None
    if earlier is not None and filters.since is not None:
        previous = earlier["milestones"]
        # Compare whole versions and keep the milestones in the filter in either of them.
        keep = set(milestones["id"]) | set(ms.filter_milestones(previous, **chosen)["id"])
        # Every change, once per read and day (memo.py); the filter keeps its milestones' rows,
        # in the same order as ``compare(..., keep_ids=keep)``.
        since = filters.since
        every = memo.shared(
            (previous, everything),
            "strategy.changes",
            (since, today),
            lambda: ms.compare(previous, everything, then=since, today=today),
        )
        changes = every[every["id"].isin(keep)].reset_index(drop=True)
    return _Frames(
        milestones,
        ms.overdue(milestones, today),
        ms.due_within(milestones, today, filters.horizon),
        changes,
    )


def build(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: StrategyFilters,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    today: date,
    presenting: bool = False,
    sample: bool = False,
    width: str = "wide",
) -> StrategyView:
    """The Strategy page for these filters; ``earlier`` is the copy to compare with (module
    docstring), ``sample`` says it is the sample's documented earlier version. ``width``
    "phone": the charts' short labels and wrapped titles."""
    phone = width == "phone"
    frames = _frames(workbook, earlier, filters, today)
    since = filters.since if filters.since is not None else today - timedelta(days=PICK_DAYS_BACK)
    view = StrategyView(
        answer=attempt("answer", lambda: _answer(frames, filters, lang, today, presenting)),
        timeline=attempt(
            "timeline",
            lambda: (
                None
                if frames.milestones.empty
                else charts.make_timeline_figure(
                    frames.milestones, lang=lang, today=today, presenting=presenting, phone=phone
                )
            ),
        ),
        # Below the timeline, each section is built when a reader first opens it.
        summary=Later(
            "summary",
            lambda: _summary(
                frames,
                filters.horizon,
                lang,
                today,
                presenting,
                # The same for every filter: worded once per read, language and day.
                memo.shared(
                    (workbook,),
                    "strategy.milestone_findings",
                    (lang, today),
                    lambda: milestone_findings(workbook, lang, today),
                ),
                phone,
            ),
        ),
        checks=Later(
            "checks", lambda: _checks(frames, workbook, lang, today, threshold, presenting)
        ),
        changes=Later(
            "changes",
            lambda: _changes(frames, earlier is not None, since, lang, presenting, sample),
        ),
        years=Later(
            "years",
            lambda: charts.make_years_figure(
                ms.years_against_plan(frames.milestones, today), lang=lang, presenting=presenting
            ),
        ),
    )
    return on_phone(view) if phone else view  # titles wrapped to the width


def _answer(
    frames: _Frames, filters: StrategyFilters, lang: str, today: date, presenting: bool
) -> Answer:
    """What is late and who leads it, what is due soon, what changed: words and numbers."""
    late, soon, changes = frames.late, frames.soon, frames.changes
    caption = t("strategy.answer.today", lang, date=fmt_date(today, lang))
    if filters.filtered:
        caption += " " + t("strategy.answer.filtered", lang)
    headline = charts.headline_markdown(
        late,
        soon,
        filters.horizon,
        ms.change_counts(changes) if changes is not None else None,
        filters.since if changes is not None else None,
        lang=lang,
        escape=for_markdown,
        # Presenter mode has no tables, so every late milestone is named here.
        limit=len(late) if presenting else charts.HEADLINE_ITEMS,
    )
    metrics = (
        Metric(t("strategy.metric.late", lang), fmt_number(len(late), lang)),
        Metric(tn("strategy.metric.soon", lang, filters.horizon), fmt_number(len(soon), lang)),
        Metric(
            t("strategy.metric.done", lang), fmt_percent(ms.share_done(frames.milestones), lang, 0)
        ),
        Metric(
            t("strategy.metric.changed", lang),
            fmt_number(len(changes), lang) if changes is not None else "—",
        ),
    )
    empty = t("strategy.empty_filter", lang) if frames.milestones.empty else None
    return Answer(caption, empty, headline, metrics)


def _summary(
    frames: _Frames,
    horizon: int,
    lang: str,
    today: date,
    presenting: bool,
    linked: dict[str, str] | None = None,
    phone: bool = False,
) -> Summary:
    """The status chart, progress by lead and by objective, and the late and due-soon lists
    (each milestone with the monitoring findings linked to it, ``linked``)."""
    linked = linked or {}
    milestones = frames.milestones
    figures: tuple[tuple[str, go.Figure], ...] = ()
    if not milestones.empty:
        figures = (
            (
                "strategy_status_chart",
                charts.make_status_figure(
                    ms.status_summary(milestones), lang=lang, presenting=presenting
                ),
            ),
            *(
                (
                    f"strategy_by_{by}",
                    charts.make_progress_figure(
                        ms.progress_by(milestones, by, today),
                        by=by,
                        lang=lang,
                        presenting=presenting,
                        phone=phone,
                    ),
                )
                for by in ("lead", "objective")
            ),
        )
    if presenting:
        return Summary(figures, ())
    late, soon = frames.late, frames.soon
    return Summary(
        figures,
        (
            Listing(
                "**" + t("strategy.late.title", lang) + "**",
                None
                if late.empty
                else findings_column(charts.late_table(late, lang=lang), late["id"], linked, lang),
                t("strategy.late.none", lang) if late.empty else None,
            ),
            Listing(
                "**" + tn("strategy.soon.title", lang, horizon) + "**",
                None
                if soon.empty
                else findings_column(charts.soon_table(soon, lang=lang), soon["id"], linked, lang),
                t("strategy.soon.none", lang) if soon.empty else None,
            ),
        ),
    )


def _checks(
    frames: _Frames,
    workbook: Workbook,
    lang: str,
    today: date,
    threshold: int,
    presenting: bool,
) -> Checks:
    """Linked indicators against their targets; values from small counts are hidden."""
    indicators = workbook["indicators"]

    def series_of(indicator: str, community: object) -> pd.DataFrame:
        # The same series for every filter and language: pooled once per read (memo.py).
        key = (indicator, community if isinstance(community, str) else None, threshold)
        return memo.shared(
            (indicators,),
            "strategy.pooled_series",
            key,
            lambda: ms.pooled_series(indicators, indicator, community, threshold),
        )

    checks = ms.indicator_checks(
        frames.milestones,
        indicators,
        workbook["catalog"],
        today,
        threshold=threshold,
        series_of=series_of,
    )
    if checks.empty:
        return Checks(t("strategy.checks.none", lang), (), None)
    checks = privacy.suppress(
        checks,
        count_cols=["numerator", "denominator"],
        rate_cols={"value": ["numerator", "denominator"]},
        threshold=threshold,
    )
    flags = tuple(
        t(
            "strategy.checks.flag",
            lang,
            id=charts.milestone_code(flag["id"]),
            milestone=for_markdown(flag["milestone"]),
            lead=for_markdown(charts.lead_name(flag["lead"], lang)),
        )
        for _, flag in checks[checks["flag"]].iterrows()
    )
    table = None
    if not presenting:
        table = charts.checks_table(
            checks.drop(columns=["numerator", "denominator"]), workbook["catalog"], lang=lang
        )
    return Checks(None, flags, table)


def _changes(
    frames: _Frames,
    compared: bool,
    since: date,
    lang: str,
    presenting: bool,
    sample: bool,
) -> Changes:
    """The change report against the earlier copy, and the rows updated after ``since``."""
    changes = frames.changes
    no_history = note = none = report = None
    table = None
    if not compared:
        no_history = t("strategy.changes.no_history", lang)
    else:
        note = t("strategy.changes.sample_note", lang) if sample else None
        if changes is None or changes.empty:
            none = t("strategy.changes.none", lang, date=fmt_date(since, lang))
        elif presenting:
            report = charts.changes_markdown(changes, lang=lang, escape=for_markdown)
        else:
            table = charts.changes_table(changes, lang=lang)
    updated = ms.updated_since(frames.milestones, since)
    return Changes(
        no_history=no_history,
        note=note,
        none=none,
        report=report,
        table=table,
        updated="**"
        + tn("strategy.changes.updated", lang, len(updated), date=fmt_date(since, lang))
        + "**",
        updated_table=None
        if updated.empty or presenting
        else charts.updated_table(updated, lang=lang),
    )
