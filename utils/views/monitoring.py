"""The Monitoring page as a view: from a finding to a fix, and the campaigns beside it.

Pure: no Streamlit. ``choices`` gives the filter widgets their options (and, when the sheet
has no findings tab, the plain words saying which tabs to add); ``build`` turns (workbook, the
earlier copy, filters, language, threshold, today) into a frozen :class:`MonitoringView` whose
sections hold finished sentences (sheet text escaped with ``utils.render.text.for_markdown``),
figures and protected tables. The page only lays them out.

The answer comes first: what is open and who must respond, then the overdue answers, what was
resolved since the last meeting and which fixes did not hold, the funnel, the speed of each duty
bearer, the scorecard with its map, each finding's story, and the campaigns' reach.

"Since the last meeting" reuses the Strategy page's copies (``utils.store.load``): the page
passes the earlier copy's findings and actions as ``earlier`` (None when no copy keeps them,
the sample's among them); then a finding counts as resolved since ``filters.since`` by the date
it was resolved.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from babel.dates import format_timedelta

from utils.analysis import indicators as ind
from utils.analysis import milestones as ms
from utils.analysis import monitoring as mon
from utils.analysis import privacy
from utils.analysis.privacy import DEFAULT_THRESHOLD, display_count
from utils.i18n import fmt_date, fmt_datetime, fmt_number, t, tn
from utils.render import maps
from utils.render import monitoring as charts
from utils.render.text import for_markdown
from utils.sheet.contract import normalise_id
from utils.sheet.parse import Workbook
from utils.sheet.regions import SUBNATIONAL_KEYS, region_name
from utils.store.boundaries import BoundarySet
from utils.views.sections import Broken, Metric, attempt, on_phone

PICK_DAYS_BACK: Final = 42
"""Without an earlier copy, "since the last meeting" means six weeks back (a meeting cycle)."""
ANSWER_BEARERS: Final = 3
"""Duty bearers named in the answer; the rest are in the speed section."""

category_name = charts.category_name
status_name = charts.status_name
community_name = charts.community_name


def today() -> date:
    """Today in Bishkek: the page's one reading of the clock."""
    return ms.today_in_bishkek()


# --- The widgets --------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitoringFilters:
    """What the page's widgets chose, as the sheet's ids (hashable: a cached view keys on it)."""

    regions: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    duty_bearers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    rounds: tuple[str, ...] = ()
    since: date | None = None
    """The earlier copy's day, or None: six weeks back."""

    @property
    def filtered(self) -> bool:
        """True when any filter narrows the findings."""
        return any(
            (
                self.regions,
                self.communities,
                self.categories,
                self.duty_bearers,
                self.statuses,
                self.rounds,
            )
        )

    @property
    def narrowed(self) -> bool:
        """True when the findings are narrowed to a region or community (counts are cells)."""
        return bool(self.regions or self.communities)


@dataclass(frozen=True)
class MonitoringChoices:
    """The options of the page's widgets, and what to say when a tab is missing."""

    missing: str | None  # the plain words naming the tabs to add; None when findings exist
    has_campaigns: bool
    regions: tuple[str, ...]
    communities: tuple[str, ...]
    categories: tuple[str, ...]
    duty_bearers: tuple[str, ...]
    statuses: tuple[str, ...]
    rounds: tuple[str, ...]
    copies: tuple[tuple[str, datetime], ...]
    """(ISO day, when saved) of each earlier day with a copy, newest first."""

    @property
    def since(self) -> tuple[str, ...]:
        """The earlier days to compare with, as ISO days (the URL keeps them so)."""
        return tuple(day for day, _ in self.copies)

    def saved_at(self, day: str) -> datetime:
        """When the copy standing for ``day`` was saved."""
        return dict(self.copies)[day]

    @staticmethod
    def since_name(day: str, lang: str) -> str:
        """An earlier day in words."""
        return t(
            "monitoring.filter.since_option", lang, date=fmt_date(date.fromisoformat(day), lang)
        )

    @staticmethod
    def region_name(key: str, lang: str) -> str:
        """A region's name in ``lang``."""
        return region_name(key, lang)

    @staticmethod
    def plain_name(value: str, lang: str) -> str:
        """A duty bearer or a round as the sheet writes it."""
        return value


def missing_words(workbook: Workbook, lang: str) -> str | None:
    """Which tabs to add, in plain words; None when the findings tab has rows."""
    if workbook.has("findings"):
        return None
    if workbook.has("campaigns"):
        return t("monitoring.missing.findings_only", lang)
    return t("monitoring.missing.tabs", lang)


def choices(
    workbook: Workbook, history: Sequence[tuple[datetime, object]], *, today: date, lang: str
) -> MonitoringChoices:
    """The widgets' options from the findings, and the earlier copies to compare with.

    ``history`` is ``utils.store.load.snapshot_history()`` (oldest first), as on Strategy.
    """
    options = mon.filter_options(workbook["findings"])
    return MonitoringChoices(
        missing=missing_words(workbook, lang),
        has_campaigns=workbook.has("campaigns"),
        regions=tuple(options["region"]),
        communities=tuple(options["community"]),
        categories=tuple(options["category"]),
        duty_bearers=tuple(options["duty_bearer"]),
        statuses=tuple(options["status"]),
        rounds=tuple(options["round"]),
        copies=tuple(
            (day.isoformat(), history[index][0])
            for day, index in ms.snapshot_choices(history, today)
        ),
    )


# --- The view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What is open and who must respond, in words, and four big numbers."""

    caption: str
    empty: str | None  # said when the filters leave no finding
    headline: str  # Markdown
    metrics: tuple[Metric, ...]
    notes: tuple[str, ...]  # Markdown: actions the page read with care


@dataclass(frozen=True)
class Listing:
    """A bold title over a table, or over a caption saying there is nothing to list."""

    title: str  # Markdown
    table: pd.DataFrame | None
    none: str | None
    note: str | None = None


@dataclass(frozen=True)
class SpeedSection:
    """How fast each duty bearer answers and resolves, and who still waits."""

    figure: go.Figure | None
    lines: tuple[str, ...]  # Markdown, one per duty bearer
    how: str


@dataclass(frozen=True)
class ScorecardSection:
    """Findings by region and category in a round against the quarter before, and the map."""

    title: str
    table: pd.DataFrame | None
    none: str | None
    deck: pdk.Deck | None
    legend: str  # HTML: our own translated words and palette colours only, escaped
    caption: str


@dataclass(frozen=True)
class Stories:
    """Each finding's story on demand: the picker's options, and every story's table."""

    ids: tuple[str, ...]
    labels: Mapping[str, str]  # id -> "F-01 · site" (plain text for a selectbox)
    heads: Mapping[str, str]  # id -> Markdown: what was found, where, who must act
    tables: Mapping[str, pd.DataFrame | None]  # id -> its actions, None without any
    none: str

    def label(self, finding: str, lang: str) -> str:
        """The picker's label of one finding."""
        return self.labels.get(finding, finding)


@dataclass(frozen=True)
class CampaignsSection:
    """Cumulative reach per campaign, the moment it passed its target, told in words."""

    figure: go.Figure | None
    lines: tuple[str, ...]  # Markdown
    table: pd.DataFrame | None


@dataclass(frozen=True)
class MonitoringView:
    """Everything the Monitoring page shows, section by section (each may be Broken)."""

    answer: Answer | Broken | None  # None: no findings tab
    overdue: Listing | Broken | None
    resolved: Listing | Broken | None
    not_held: Listing | Broken | None
    funnel: go.Figure | Broken | None
    speed: SpeedSection | Broken | None
    scorecard: ScorecardSection | Broken | None
    stories: Stories | Broken | None
    campaigns: CampaignsSection | Broken | None  # None: no campaigns tab


@dataclass(frozen=True)
class _Frames:
    """The findings after the filters, with their loop dates, and the counts' threshold."""

    loop: pd.DataFrame
    actions: pd.DataFrame
    everything: pd.DataFrame  # every finding (the scorecard's quarter before is not filtered)
    overdue: pd.DataFrame
    resolved: pd.DataFrame
    not_held: pd.DataFrame
    cells: int  # the threshold for counts of findings
    since: date


def _frames(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: MonitoringFilters,
    threshold: int,
    today: date,
) -> _Frames:
    findings, actions = workbook["findings"], workbook["actions"]
    everything = mon.timeline(findings, actions, today)
    loop = mon.filter_findings(
        everything,
        regions=filters.regions,
        communities=filters.communities,
        categories=filters.categories,
        duty_bearers=filters.duty_bearers,
        statuses=filters.statuses,
        rounds=filters.rounds,
    )
    since = filters.since or today - timedelta(days=PICK_DAYS_BACK)
    before = None
    if earlier is not None and earlier.has("findings"):
        before = mon.current_status(earlier["findings"], earlier["actions"])
    return _Frames(
        loop=loop,
        actions=actions,
        everything=everything,
        overdue=mon.overdue(loop, today),
        resolved=mon.resolved_since(loop, since, before),
        not_held=mon.did_not_hold(loop),
        cells=mon.cell_threshold(filters.narrowed, threshold),
        since=since,
    )


def build(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: MonitoringFilters,
    *,
    lang: str,
    threshold: int = DEFAULT_THRESHOLD,
    today: date,
    presenting: bool = False,
    boundaries: BoundarySet | None = None,
    width: str = "wide",
) -> MonitoringView:
    """The Monitoring page for these filters; ``earlier`` is the copy saved at the last
    meeting (module docstring). ``width`` "phone" wraps every chart's titles to the width."""
    view = _build(workbook, earlier, filters, lang, threshold, today, presenting, boundaries)
    return on_phone(view) if width == "phone" else view


def _build(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: MonitoringFilters,
    lang: str,
    threshold: int,
    today: date,
    presenting: bool,
    boundaries: BoundarySet | None,
) -> MonitoringView:
    """:func:`build` for a wide screen."""
    campaigns = (
        attempt("campaigns", lambda: _campaigns(workbook["campaigns"], lang, threshold, presenting))
        if workbook.has("campaigns")
        else None
    )
    if not workbook.has("findings"):
        return MonitoringView(None, None, None, None, None, None, None, None, campaigns)
    frames_or_broken = attempt(
        "frames", lambda: _frames(workbook, earlier, filters, threshold, today)
    )
    if isinstance(frames_or_broken, Broken):
        broken = frames_or_broken
        return MonitoringView(
            broken, broken, broken, broken, broken, broken, broken, broken, campaigns
        )
    frames = frames_or_broken
    return MonitoringView(
        answer=attempt("answer", lambda: _answer(frames, workbook, filters, lang, today)),
        overdue=attempt("overdue", lambda: _overdue(frames, lang)),
        resolved=attempt("resolved", lambda: _resolved(frames, earlier, lang)),
        not_held=attempt("not_held", lambda: _not_held(frames, lang)),
        funnel=attempt(
            "funnel",
            lambda: charts.make_funnel_figure(
                mon.funnel(frames.loop, threshold=frames.cells), lang=lang, presenting=presenting
            ),
        ),
        speed=attempt("speed", lambda: _speed(frames, lang, presenting)),
        scorecard=attempt(
            "scorecard",
            lambda: _scorecard(frames, filters, lang, threshold, presenting, boundaries),
        ),
        stories=attempt("stories", lambda: _stories(frames, workbook, lang)),
        campaigns=campaigns,
    )


def _count(counts: pd.DataFrame, what: str, lang: str) -> tuple[int, str]:
    """One headline count from a protected frame: (the number for the plural, its text)."""
    row = counts[counts["what"] == what].iloc[0]
    hidden = bool(row["count_suppressed"])
    threshold = getattr(counts, "threshold", DEFAULT_THRESHOLD)
    text = display_count(row["count"], hidden, threshold, lambda x: fmt_number(x, lang))
    # A hidden count takes the plural form of the threshold ("<10 находок").
    return (threshold if hidden else int(row["count"])), text


def _answer(
    frames: _Frames, workbook: Workbook, filters: MonitoringFilters, lang: str, today: date
) -> Answer:
    """What is open and who must respond; what is overdue; what was fixed; what did not hold."""
    loop, late = frames.loop, frames.overdue
    open_ = mon.still_open(loop)
    counts = mon.protected_counts(
        {
            "open": len(open_),
            "overdue": len(late),
            "resolved": len(frames.resolved),
            "not_held": len(frames.not_held),
        },
        threshold=frames.cells,
    )
    caption = t("monitoring.answer.today", lang, date=fmt_date(today, lang))
    if filters.filtered:
        caption += " " + t("monitoring.answer.filtered", lang)
    n_open, open_text = _count(counts, "open", lang)
    parts = ["**" + tn("monitoring.answer.open", lang, n_open, n=open_text) + "**"]
    if len(open_):
        bearers = mon.must_respond(loop, threshold=frames.cells)
        named = []
        named_rows = bearers[bearers["duty_bearer"].astype(str).str.strip() != ""]
        for _, row in named_rows.head(ANSWER_BEARERS).iterrows():
            number = display_count(
                row["count"],
                bool(row["count_suppressed"]),
                frames.cells,
                lambda x: fmt_number(x, lang),
            )
            named.append(f"{for_markdown(charts.bearer_name(row['duty_bearer'], lang))} ({number})")
        if named:
            parts.append(t("monitoring.answer.who", lang, names="; ".join(named)))
    n_late, late_text = _count(counts, "overdue", lang)
    if len(late):
        oldest = late.iloc[0]
        parts.append(
            "**"
            + tn("monitoring.answer.overdue", lang, n_late, n=late_text)
            + "**"
            + " "
            + t(
                "monitoring.answer.oldest",
                lang,
                name=for_markdown(charts.bearer_name(oldest["duty_bearer"], lang)),
                id=for_markdown(charts.finding_code(oldest["id"])),
                date=fmt_date(oldest["response_due"], lang),
                days=tn("monitoring.days", lang, int(oldest["days_overdue"])),
            )
        )
    else:
        parts.append(t("monitoring.answer.none_overdue", lang))
    n_done, done_text = _count(counts, "resolved", lang)
    parts.append(
        tn(
            "monitoring.answer.resolved",
            lang,
            n_done,
            n=done_text,
            date=fmt_date(frames.since, lang),
        )
    )
    n_failed, failed_text = _count(counts, "not_held", lang)
    if len(frames.not_held):
        parts.append(tn("monitoring.answer.not_held", lang, n_failed, n=failed_text))
    metrics = (
        Metric(t("monitoring.metric.open", lang), open_text),
        Metric(t("monitoring.metric.overdue", lang), late_text),
        Metric(t("monitoring.metric.resolved", lang), done_text),
        Metric(t("monitoring.metric.not_held", lang), failed_text),
    )
    notes = tuple(
        _inconsistency(i, lang)
        for i in mon.inconsistencies(workbook["findings"], workbook["actions"])
    )
    empty = t("monitoring.empty_filter", lang) if loop.empty else None
    return Answer(caption, empty, " ".join(parts), metrics, notes)


def _ids_text(ids: Sequence[str]) -> str:
    shown = [for_markdown(charts.finding_code(i)) for i in ids[:8]]
    return ", ".join(shown) + (" …" if len(ids) > 8 else "")


def _inconsistency(issue: mon.Inconsistency, lang: str) -> str:
    """An action the page read with care, in words, naming the findings (never a person)."""
    return tn(
        f"monitoring.issue.{issue.code}",
        lang,
        len(issue.finding_ids),
        ids=_ids_text(issue.finding_ids),
    )


def _overdue(frames: _Frames, lang: str) -> Listing:
    late = frames.overdue
    return Listing(
        "**" + t("monitoring.overdue.title", lang) + "**",
        None if late.empty else charts.overdue_table(mon.finding_list(late), lang=lang),
        t("monitoring.overdue.none", lang) if late.empty else None,
    )


def _resolved(frames: _Frames, earlier: Workbook | None, lang: str) -> Listing:
    done = frames.resolved
    compared = earlier is not None and earlier.has("findings")
    return Listing(
        "**" + t("monitoring.resolved.title", lang, date=fmt_date(frames.since, lang)) + "**",
        None
        if done.empty
        else charts.findings_table(mon.finding_list(done), lang=lang, resolved=True),
        t("monitoring.resolved.none", lang) if done.empty else None,
        None if compared else t("monitoring.resolved.by_date", lang),
    )


def _not_held(frames: _Frames, lang: str) -> Listing:
    failed = frames.not_held
    table = None
    if not failed.empty:
        table = charts.findings_table(mon.finding_list(failed), lang=lang)
        table.insert(
            1,
            t("monitoring.col.verified_round", lang),
            failed["verified_round"].astype(str).tolist(),
        )
    return Listing(
        "**" + t("monitoring.not_held.title", lang) + "**",
        table,
        t("monitoring.not_held.none", lang) if failed.empty else None,
    )


def _speed(frames: _Frames, lang: str, presenting: bool) -> SpeedSection:
    speeds = mon.response_speed(frames.loop)
    how = t("monitoring.speed.how", lang)
    if not speeds:
        return SpeedSection(None, (t("monitoring.speed.none", lang),), how)
    frame = mon.speed_frame(speeds, threshold=frames.cells)
    figure = charts.make_speed_figure(frame, lang=lang, presenting=presenting)
    lines = []
    for _, row in frame.iterrows():
        name = for_markdown(charts.bearer_name(row["duty_bearer"], lang))

        def n(column: str, row: pd.Series = row) -> tuple[int, str]:
            hidden = bool(row[f"{column}_count_suppressed"])
            text = display_count(
                row[f"{column}_count"], hidden, frames.cells, lambda x: fmt_number(x, lang)
            )
            return (frames.cells if hidden else int(row[f"{column}_count"])), text

        answered, answered_text = n("answered")
        if pd.isna(row["median_response"]):
            first = t("monitoring.speed.never", lang, name=name)
        else:
            first = tn(
                "monitoring.speed.answered",
                lang,
                answered,
                name=name,
                days=charts.days_text(row["median_response"], lang),
                n=answered_text,
            )
        waiting, waiting_text = n("waiting")
        if waiting:
            first += " " + tn(
                "monitoring.speed.waiting",
                lang,
                waiting,
                n=waiting_text,
                days=charts.days_text(row["longest_wait"], lang),
            )
        if not pd.isna(row["median_resolution"]):
            resolved, resolved_text = n("resolved")
            first += " " + tn(
                "monitoring.speed.resolved",
                lang,
                resolved,
                days=charts.days_text(row["median_resolution"], lang),
                n=resolved_text,
            )
        lines.append(first)
    return SpeedSection(figure, tuple(lines), how)


def _latest_round(frames: _Frames, filters: MonitoringFilters) -> str | None:
    rounds = [
        r
        for r in (filters.rounds or frames.loop["round"].dropna().unique())
        if mon.previous_quarter(str(r))
    ]
    return max(rounds) if rounds else None


def _scorecard(
    frames: _Frames,
    filters: MonitoringFilters,
    lang: str,
    threshold: int,
    presenting: bool,
    boundaries: BoundarySet | None,
) -> ScorecardSection:
    """The chosen (else latest) quarter by region and category, against the quarter before."""
    round_ = _latest_round(frames, filters)
    caption = t("monitoring.scorecard.how", lang, threshold=threshold)
    if round_ is None:
        return ScorecardSection(
            t("monitoring.scorecard.title_none", lang),
            None,
            t("monitoring.scorecard.none", lang),
            None,
            "",
            caption,
        )
    before = mon.previous_quarter(round_)
    # The quarter before is taken from every finding in the other filters, not the round filter.
    pool = mon.filter_findings(
        frames.everything,
        regions=filters.regions,
        communities=filters.communities,
        categories=filters.categories,
        duty_bearers=filters.duty_bearers,
        statuses=filters.statuses,
    )
    regions = list(filters.regions) or list(SUBNATIONAL_KEYS)
    card = mon.scorecard(pool, round_, regions=regions, threshold=threshold)
    table = charts.scorecard_table(card, lang=lang)
    totals = card[card["category"] == "all"]
    labels = [
        display_count(v, bool(h), threshold, lambda x: fmt_number(x, lang), complementary=bool(c))
        for v, h, c in zip(
            totals["count"], totals["count_suppressed"], totals["count_complementary"], strict=True
        )
    ]
    frame = privacy.protected(
        pd.DataFrame(
            {
                "region": totals["region"].tolist(),
                "count": totals["count"].tolist(),
                "label": labels,
            }
        ),
        threshold,
    )
    legend_words = {
        "low": t("monitoring.map.fewer", lang),
        "high": t("monitoring.map.more", lang),
        "target": t("monitoring.map.fewer", lang),
        "no_data": t("monitoring.map.hidden", lang),
    }
    deck = maps.make_region_deck(
        frame,
        value_col="count",
        label_col="label",
        title=t("monitoring.map.title", lang, round=round_),
        boundaries=boundaries,
        higher_is_better=False,
        legend_labels=legend_words,
        lang=lang,
    )
    swatches = maps.make_region_legend(
        frame, value_col="count", higher_is_better=False, legend_labels=legend_words
    )
    return ScorecardSection(
        title=t("monitoring.scorecard.title", lang, round=round_, before=before),
        table=None if table.empty else table,
        none=t("monitoring.scorecard.none", lang) if table.empty else None,
        deck=deck,
        legend=" &nbsp; ".join(
            f'<span style="color:{s.color}">■</span> {html.escape(s.label)}' for s in swatches
        ),
        caption=caption,
    )


def evidence_text(
    evidence: object, region: object, community: object, workbook: Workbook, lang: str
) -> str | None:
    """A finding's evidence in Markdown: an indicator id the catalog knows (with data) becomes a
    link to that indicator's view on Program access, for the finding's region and community (as
    the URL's ids, in the reader's language); other evidence is shown as typed, escaped."""
    if not isinstance(evidence, str) or not evidence.strip():
        return None
    catalog, indicators = workbook["catalog"], workbook["indicators"]
    known = {normalise_id(i): i for i in ind.indicator_options(catalog, indicators)}
    indicator = known.get(normalise_id(evidence))
    if indicator is None:
        return t("monitoring.story.evidence", lang, text=for_markdown(evidence))
    params: list[tuple[str, str]] = [("access_indicator", indicator)]
    if isinstance(region, str) and region in SUBNATIONAL_KEYS:
        params.append(("access_regions", region))
    offered = ind.community_options(indicators, indicator)
    if isinstance(community, str) and community != "all" and community in offered:
        params.append(("access_communities", community))
    narrowed = len(params) > 1
    params.append(("lang", lang))
    name = ind.indicator_info(catalog, indicator, lang).name
    link = f"[{for_markdown(name)}](program_access?{urlencode(params)})"
    return t(
        "monitoring.story.evidence_link" if narrowed else "monitoring.story.evidence_link_all",
        lang,
        link=link,
    )


def _stories(frames: _Frames, workbook: Workbook, lang: str) -> Stories:
    """Every finding in the filter, newest found first, with its actions in order."""
    loop = frames.loop.sort_values(["date_found", "id"], ascending=[False, True], kind="stable")
    ids = tuple(str(i) for i in loop["id"])
    labels, heads, tables = {}, {}, {}
    for _, row in loop.iterrows():
        fid = str(row["id"])
        site = str(row["site"]) if isinstance(row["site"], str) and row["site"].strip() else ""
        labels[fid] = charts.finding_code(fid) + (f" · {site}" if site else "")
        heads[fid] = t(
            "monitoring.story.head",
            lang,
            id=for_markdown(charts.finding_code(fid)),
            category=category_name(row["category"], lang),
            site=for_markdown(site or "—"),
            region=region_name(str(row["region"]), lang) if isinstance(row["region"], str) else "—",
            found=fmt_date(row["date_found"], lang),
            bearer=for_markdown(charts.bearer_name(row["duty_bearer"], lang)),
            status=status_name(row["status"], lang),
        )
        evidence = evidence_text(row["evidence"], row["region"], row["community"], workbook, lang)
        if evidence:
            heads[fid] += " " + evidence
        story = mon.story(fid, frames.actions)
        tables[fid] = (
            None if story.empty else charts.story_table(privacy.no_people(story), lang=lang)
        )
    return Stories(ids, labels, heads, tables, t("monitoring.story.no_actions", lang))


def _campaigns(
    campaigns: pd.DataFrame, lang: str, threshold: int, presenting: bool
) -> CampaignsSection:
    """Cumulative reach per campaign against its target; the passing told in words."""
    reach = mon.campaign_reach(campaigns)
    if reach.empty:
        return CampaignsSection(None, (t("monitoring.reach.none", lang),), None)
    shown = mon.protected_reach(reach, threshold=threshold)
    passings = [p for p in (mon.target_passed(reach, c) for c in reach["campaign"].unique()) if p]
    lines = []
    for campaign in reach["campaign"].unique():
        passing = next((p for p in passings if p.campaign == campaign), None)
        lines.append(_reach_sentence(reach, str(campaign), passing, lang, threshold))
    figure = charts.make_reach_figure(shown, passings, lang=lang, presenting=presenting)
    table = None if presenting else charts.reach_table(shown, lang=lang)
    return CampaignsSection(figure, tuple(lines), table)


def elapsed_text(span: pd.Timedelta, lang: str) -> str:
    """A span in the largest unit that reads naturally: "3 дня", "5 часов", "2 weeks"."""
    return format_timedelta(span.to_pytimedelta(), threshold=1.5, locale=lang)


def _reach_sentence(
    reach: pd.DataFrame, campaign: str, passing: mon.Passing | None, lang: str, threshold: int
) -> str:
    """ "«Stop hate» passed its target of 100 000 on 4 Oct 2025, 09:00: 150 000 views in 3 days"."""
    mine = reach[reach["campaign"] == campaign]
    name = for_markdown(campaign)
    total = float(mine["reach"].iloc[-1])
    total_text = display_count(
        total, 0 < total < threshold, threshold, lambda x: fmt_number(x, lang)
    )
    if passing is not None:
        return tn(
            "monitoring.reach.passed_story",
            lang,
            int(passing.reach),
            name=name,
            target=fmt_number(passing.target, lang),
            time=fmt_datetime(passing.at.to_pydatetime(), lang),
            elapsed=elapsed_text(passing.elapsed, lang),
        )
    target = mine["target"].iloc[0]
    if pd.isna(target):
        return t("monitoring.reach.no_target", lang, name=name, reach=total_text)
    return t(
        "monitoring.reach.not_yet",
        lang,
        name=name,
        reach=total_text,
        target=fmt_number(target, lang),
    )


# --- Beside other pages ------------------------------------------------------------------


def open_for_access(
    workbook: Workbook,
    regions: tuple[str, ...],
    communities: tuple[str, ...],
    *,
    lang: str,
    today: date,
) -> Listing | None:
    """The open findings of the regions and communities Program access shows, most severe and
    oldest first (None when the sheet keeps no findings): the problems behind its numbers.

    A finding about a community's sub-group (people who inject drugs) belongs to the coalition
    community the page shows (people who use drugs), as in ``utils.analysis.milestones.serves``.
    """
    if not workbook.has("findings"):
        return None
    loop = mon.still_open(mon.timeline(workbook["findings"], workbook["actions"], today))
    if regions:
        loop = loop[loop["region"].isin(set(regions))]
    if communities:
        loop = loop[ms.serves(loop["community"], communities)]
    loop = loop.sort_values(["severity", "date_found", "id"], ascending=[False, True, True])
    title = "**" + t("monitoring.access.title", lang) + "**"
    if loop.empty:
        return Listing(title, None, t("monitoring.access.none", lang))
    return Listing(
        title,
        charts.findings_table(mon.finding_list(loop), lang=lang),
        None,
        t("monitoring.access.more", lang),
    )


def milestone_findings(workbook: Workbook, lang: str, today: date) -> dict[str, str]:
    """For the Strategy page's milestone rows: folded milestone id -> its linked findings in
    words: the unresolved ones with their status, then how many are resolved or closed
    ("F-053 (Raised with the duty bearer); 5 resolved or closed"); empty without findings."""
    if not workbook.has("findings"):
        return {}
    loop = mon.timeline(workbook["findings"], workbook["actions"], today)
    texts = {}
    for key, linked in mon.by_milestone(loop).items():
        open_ = [
            f"{charts.finding_code(f)} ({status_name(s, lang)})"
            for f, s in linked
            if s in mon.UNRESOLVED
        ]
        done = len(linked) - len(open_)
        parts = [", ".join(open_)] if open_ else []
        if done:
            parts.append(tn("monitoring.milestone.done", lang, done))
        texts[key] = "; ".join(parts)
    return texts


def findings_column(
    table: pd.DataFrame, milestone_ids: pd.Series, linked: dict[str, str], lang: str
) -> pd.DataFrame:
    """``table`` (one row per milestone of ``milestone_ids``) with a column of each milestone's
    linked findings, when any row has one; the very same table otherwise."""
    texts = [linked.get(normalise_id(i), "") for i in milestone_ids]
    if not any(texts):
        return table
    return table.assign(**{t("monitoring.col.findings", lang): texts})
