"""The Votes page's view-model: the chosen election and round, worded, for the page to lay out.

Pure: no Streamlit. Every number comes from ``utils.analysis.votes`` (so small counts are
already protected) and every figure and table from ``utils.render.votes``; this module chooses
and words. The sentences of the Votes area live here too (``describe_*``; the slideshow tells an
election with them): sheet text in them passes through ``escape`` (by default
``utils.render.text.for_markdown``). The tables hold sheet text as it is (a table shows text,
never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from utils.analysis import votes as vm
from utils.analysis.privacy import HIDDEN_MARK
from utils.analysis.votes import Crossing, Issue, Mark, RoundResult
from utils.i18n import fmt_date, fmt_number, fmt_percent, t, tn
from utils.render import votes as vc
from utils.render.text import Escape, for_markdown
from utils.sheet.parse import Workbook
from utils.views import memo
from utils.views.sections import Broken, Later, attempt, on_phone, unwrap


@dataclass(frozen=True)
class VotesFilters:
    """What the Votes page's widgets chose: an election by its sheet id, and a round."""

    election: str
    round: int | None = None  # None: the election's final round


@dataclass(frozen=True)
class VotesChoices:
    """What the election and round pickers offer: ids latest first, their labels and rounds."""

    elections: tuple[str, ...]
    labels: tuple[str, ...]  # one per election, language-neutral (``vc.election_labels``)
    rounds_by_election: tuple[tuple[int, ...], ...]  # one per election: rounds with votes
    default: str | None  # the latest decided election, else the latest one

    def label(self, election: str) -> str:
        """The label the election picker shows for ``election``."""
        return self.labels[self.elections.index(election)]

    def rounds(self, election: str) -> tuple[int, ...]:
        """The rounds of ``election`` with votes recorded, in order (empty when none)."""
        return self.rounds_by_election[self.elections.index(election)]


@dataclass(frozen=True)
class Note:
    """A line the page shows in a box, with its icon (a Material symbol name)."""

    text: str  # Markdown
    icon: str


@dataclass(frozen=True)
class Metric:
    """One big number, as ``st.metric`` takes it."""

    label: str
    value: str
    help: str | None = None


@dataclass(frozen=True)
class StatusSection:
    """The election's status, its notes, the checks of its count, and other open elections."""

    open_elsewhere: tuple[Note, ...]  # elections open for voting other than this one
    line: str  # Markdown: status · body · date
    note: Note | None  # voting open (provisional) or closed (not certified)
    notes: str | None  # the sheet's notes (None when presenting)
    issues: tuple[str, ...]  # Markdown warnings: what is wrong with this election's count
    checks_ok: str | None  # said when the election has votes and no issue
    no_votes: Note | None  # said when the election has no votes yet


@dataclass(frozen=True)
class ResultsSection:
    """The answer: who won the round, in words, numbers, a figure and a table."""

    outcome: str  # Markdown: the round's result in one sentence
    lines: tuple[str, ...]  # Markdown: the coalition's candidate, and the change
    metrics: tuple[Metric, ...]  # turnout, votes for candidates, blank, invalid
    figure: go.Figure | None  # None when every share is hidden: ``empty`` says so
    table: pd.DataFrame | None  # None when presenting
    caption: str | None  # None when presenting
    empty: Note | None = None  # said instead of a chart of hidden shares only


@dataclass(frozen=True)
class TimelineSection:
    """The count over time: when the threshold was crossed and what each hour brought."""

    none: Note | None  # said when the round's votes carry no times
    crossing: str | None = None  # Markdown
    marks: str | None = None  # Markdown: a bulleted list of hour marks
    figure: go.Figure | None = None
    untimed: str | None = None  # rows left out because they have no time


@dataclass(frozen=True)
class BreakdownSection:
    """Who voted for whom: each voter group split by candidate."""

    none: Note | None  # said when the round is not broken down, or every split is hidden
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None  # None when presenting
    caption: str | None = None


@dataclass(frozen=True)
class RecordSection:
    """Every election and the coalition's record, with the other elections' checks."""

    summary: str
    figure: go.Figure
    table: pd.DataFrame | None  # None when presenting
    other_label: str | None  # the other elections' checks, folded (None: none, or presenting)
    other_issues: tuple[str, ...]  # Markdown warnings
    rules: str | None  # None when presenting


@dataclass(frozen=True)
class VotesView:
    """Everything the Votes page shows, section by section.

    ``results``, ``timeline`` and ``breakdown`` are None when the election has no votes yet.
    The sections below the answer are built when first read (``Later.get``, or ``unwrap``).
    """

    election: str
    round: int
    status: StatusSection | Broken
    results: ResultsSection | Broken | None
    timeline: Later[TimelineSection] | None
    breakdown: Later[BreakdownSection] | None
    record: Later[RecordSection]


def choices(workbook: Workbook, *, lang: str) -> VotesChoices:
    """What the Votes page's pickers offer for this workbook (the labels need no ``lang``)."""
    elections, votes = workbook["elections"], workbook["votes"]
    ids = vm.election_ids(elections)
    infos = [vm.election_info(elections, eid) for eid in ids]
    labels = vc.election_labels({i.id: (i.title, i.date) for i in infos})
    return VotesChoices(
        elections=tuple(ids),
        labels=tuple(labels[eid] for eid in ids),
        rounds_by_election=tuple(tuple(vm.rounds_of(votes, eid)) for eid in ids),
        default=vm.default_election(elections, votes) or (ids[0] if ids else None),
    )


def build(
    workbook: Workbook,
    filters: VotesFilters,
    *,
    lang: str,
    threshold: int,
    today: date,
    presenting: bool,
    width: str = "wide",
) -> VotesView:
    """The Votes page for the chosen election and round (``today`` is not used: the page
    tells no time relative to it; it is taken so every page's view is built the same way).
    ``width`` "phone" wraps every chart's titles to a phone's width."""
    elections, votes = workbook["elections"], workbook["votes"]
    election = filters.election
    rounds = vm.rounds_of(votes, election)
    round_no = filters.round if filters.round is not None else (rounds[-1] if rounds else 1)
    k = threshold

    shared = (
        attempt("result", lambda: _round_result(elections, votes, election, round_no, k))
        if rounds
        else None
    )
    colours = _colours(elections, votes, election)
    built = VotesView(
        election=election,
        round=round_no,
        status=attempt(
            "status",
            lambda: _status(
                elections, votes, election, bool(rounds), lang=lang, presenting=presenting
            ),
        ),
        results=(
            None
            if shared is None
            else attempt(
                "results",
                lambda: _results(
                    unwrap(shared), lang=lang, k=k, presenting=presenting, colours=colours
                ),
            )
        ),
        # Below the answer, each section is built when a reader first opens it.
        timeline=(
            None
            if shared is None
            else Later(
                "timeline",
                lambda: _timeline(
                    votes,
                    election,
                    round_no,
                    shared,
                    lang=lang,
                    k=k,
                    presenting=presenting,
                    colours=colours,
                ),
            )
        ),
        breakdown=(
            None
            if shared is None
            else Later(
                "breakdown",
                lambda: _breakdown(
                    elections,
                    votes,
                    election,
                    round_no,
                    lang=lang,
                    k=k,
                    presenting=presenting,
                    colours=colours,
                ),
            )
        ),
        record=Later(
            "record",
            lambda: _record(elections, votes, election, lang=lang, k=k, presenting=presenting),
        ),
    )
    return on_phone(built) if width == "phone" else built


WARM_AT_MOST: Final = 12
"""Elections whose result ``warm_results`` works out ahead, latest first: the ones a reader
chooses from the picker's top (about 0.1 s each on the sample)."""


def warm_results(workbook: Workbook, *, threshold: int) -> int:
    """Work out the checks and the final round's result of the latest ``WARM_AT_MOST``
    elections, the same for every language and view (memo.py), so that the first reader to
    choose another election waits only for its words and chart; returns how many results.
    Run in the background once per read (``utils.web.cache.ahead``)."""
    if not workbook.has("elections") or not workbook.has("votes"):
        return 0
    elections, votes = workbook["elections"], workbook["votes"]
    made = 0
    for election in vm.election_ids(elections)[:WARM_AT_MOST]:
        _election_checks(elections, votes, election)
        rounds = vm.rounds_of(votes, election)
        if rounds:
            _round_result(elections, votes, election, rounds[-1], threshold)
            made += 1
    return made


def _round_result(
    elections: pd.DataFrame, votes: pd.DataFrame, election: str, round_no: int, k: int
) -> RoundResult:
    """The round's protected result, the same for every language and view: worked out once
    per read (memo.py); never changed by what reads it."""
    return memo.shared(
        (elections, votes),
        "votes.round_result",
        (election, round_no, k),
        lambda: vm.round_result(
            elections, votes, election_id=election, round_no=round_no, threshold=k
        ),
    )


def _election_checks(
    elections: pd.DataFrame, votes: pd.DataFrame, election: str
) -> tuple[Issue, ...]:
    """One election's integrity problems: worked out once per read (memo.py)."""
    return memo.shared(
        (elections, votes),
        "votes.election_checks",
        (election,),
        lambda: tuple(vm.check_election(elections, votes, election)),
    )


def _checks(elections: pd.DataFrame, votes: pd.DataFrame) -> tuple[Issue, ...]:
    """Every election's integrity problems, election by election (for the record, drawn on
    demand): worked out once per read."""
    return memo.shared(
        (elections, votes), "votes.checks", (), lambda: tuple(vm.check_integrity(elections, votes))
    )


# --- Sections -------------------------------------------------------------------------------


def _colours(elections: pd.DataFrame, votes: pd.DataFrame, election: str) -> dict[str, str]:
    """The election's candidate colours, made once for every figure of the view."""
    known = bool((elections["id"] == election).any())
    community = vm.election_info(elections, election).community_candidate if known else None
    return vc.candidate_colours(vm.candidate_names(votes, election), community)


def _status(
    elections: pd.DataFrame,
    votes: pd.DataFrame,
    election: str,
    has_votes: bool,
    *,
    lang: str,
    presenting: bool,
) -> StatusSection:
    """The status line, the open or closed note, the sheet's notes and this election's checks."""
    info = vm.election_info(elections, election)
    open_elsewhere = tuple(
        Note(
            t(
                "votes.open_elsewhere",
                lang,
                title=for_markdown(vm.election_info(elections, i).title),
            ),
            ":material/how_to_vote:",
        )
        for i in vm.open_elections(elections)
        if i != election
    )
    line = t(
        "votes.status_line",
        lang,
        status=vc.status_name(info.status, lang),
        body=for_markdown(info.body or "—"),
        date=fmt_date(info.date.date(), lang) if info.date is not None else "—",
    )
    note = None
    if info.status == "open":
        note = Note(t("votes.open_note", lang), ":material/hourglass_top:")
    elif info.status == "closed":
        note = Note(t("votes.closed_note", lang), ":material/lock:")
    notes = (
        t("votes.notes", lang, notes=for_markdown(info.notes))
        if info.notes and not presenting
        else None
    )
    issues = tuple(describe_issue(i, lang) for i in _election_checks(elections, votes, election))
    return StatusSection(
        open_elsewhere=open_elsewhere,
        line=line,
        note=note,
        notes=notes,
        issues=issues,
        checks_ok=(
            ":material/check_circle: " + t("votes.checks.ok", lang)
            if has_votes and not issues
            else None
        ),
        no_votes=(
            None if has_votes else Note(t("votes.no_votes_yet", lang), ":material/how_to_vote:")
        ),
    )


def _results(
    result: RoundResult, *, lang: str, k: int, presenting: bool, colours: dict[str, str]
) -> ResultsSection:
    """Who won: the sentence, the four numbers, the figure and the table of candidates."""
    info = result.election
    not_recorded = t("votes.metric.not_recorded", lang)
    all_hidden = bool(result.candidates["share"].isna().all())
    metrics = (
        Metric(
            t("votes.metric.turnout_so_far" if result.counting else "votes.metric.turnout", lang),
            fmt_percent(result.turnout, lang),
            help=(
                tn(
                    "votes.metric.turnout_help",
                    lang,
                    int(result.ballots),
                    voters=tn("votes.metric.eligible_voters", lang, int(info.eligible)),
                )
                if info.eligible
                else t("votes.metric.turnout_unknown", lang)
            ),
        ),
        Metric(
            t("votes.metric.valid", lang),
            fmt_number(result.valid, lang) if result.valid is not None else HIDDEN_MARK,
        ),
        Metric(
            t("votes.metric.blank", lang),
            vc.count_text(result.blank, result.blank_hidden, False, k, lang)
            if result.final_round and info.blank is not None
            else not_recorded,
        ),
        Metric(
            t("votes.metric.invalid", lang),
            vc.count_text(result.invalid, result.invalid_hidden, False, k, lang)
            if result.final_round and info.invalid is not None
            else not_recorded,
        ),
    )
    lines = (describe_community(result, lang), describe_change(result, lang))
    return ResultsSection(
        outcome=describe_outcome(result, lang),
        lines=tuple(line for line in lines if line),
        metrics=metrics,
        figure=None
        if all_hidden
        else vc.make_results_figure(
            result.candidates,
            lang=lang,
            threshold=info.threshold,
            k=k,
            presenting=presenting,
            colours=colours,
        ),
        table=None if presenting else vc.results_table(result, lang=lang, k=k),
        caption=None if presenting else t("votes.results.caption", lang),
        empty=Note(t("votes.results.all_hidden", lang, k=k), ":material/visibility_off:")
        if all_hidden
        else None,
    )


def _timeline(
    votes: pd.DataFrame,
    election: str,
    round_no: int,
    result: RoundResult | Broken,
    *,
    lang: str,
    k: int,
    presenting: bool,
    colours: dict[str, str],
) -> TimelineSection:
    """The count over time, told by the coalition's candidate (else the leader)."""
    timeline = vm.tally_over_time(votes, election, round_no, threshold=k)
    if timeline.empty:
        return TimelineSection(none=Note(t("votes.time.none", lang), ":material/schedule:"))
    chosen = unwrap(result)
    level = chosen.election.threshold
    who = vm.story_candidate(chosen)
    day = timeline["timestamp"].min()
    crossing = vm.first_crossing(timeline, who, level) if who and level is not None else None
    told = (
        describe_crossing(crossing, candidate=who, threshold=level, lang=lang)
        if who and level is not None
        else None
    )
    marks = vc.hours_to_tell(vm.hour_marks(timeline, who)) if who else []
    untimed = vm.untimed_rows(votes, election, round_no)
    return TimelineSection(
        none=None,
        crossing=told,
        marks=(
            "\n".join("- " + describe_mark(who, mark, lang, day=day) for mark in marks)
            if who and marks
            else None
        ),
        figure=vc.make_tally_figure(
            timeline,
            lang=lang,
            threshold=level,
            community=who,
            crossing=crossing,
            presenting=presenting,
            colours=colours,
        ),
        untimed=tn("votes.time.untimed_note", lang, untimed) if untimed else None,
    )


def _breakdown(
    elections: pd.DataFrame,
    votes: pd.DataFrame,
    election: str,
    round_no: int,
    *,
    lang: str,
    k: int,
    presenting: bool,
    colours: dict[str, str],
) -> BreakdownSection:
    """Who voted for whom, when the round's votes are broken down by voter group; in words
    when every group is too small to split (a chart of grey hatching only says nothing)."""
    cells = vm.breakdown(votes, election, round_no, threshold=k)
    community = vm.election_info(elections, election).community_candidate
    if cells is None:
        return BreakdownSection(none=Note(t("votes.breakdown.none", lang), ":material/groups:"))
    nothing = vc.breakdown_shows_nothing(cells)
    return BreakdownSection(
        none=Note(t("votes.breakdown.all_hidden", lang, k=k), ":material/visibility_off:")
        if nothing
        else None,
        figure=None
        if nothing
        else vc.make_breakdown_figure(
            cells, lang=lang, community=community, presenting=presenting, colours=colours
        ),
        table=None if presenting else vc.breakdown_table(cells, lang=lang, k=k),
        caption=t("votes.breakdown.hidden_note", lang, k=k),
    )


def _record(
    elections: pd.DataFrame,
    votes: pd.DataFrame,
    election: str,
    *,
    lang: str,
    k: int,
    presenting: bool,
) -> RecordSection:
    """The coalition's record across elections, and the checks of the other elections."""

    def whole() -> RecordSection:
        """The record itself, the same for every election: built once per read (memo.py)."""
        record = vm.coalition_record(elections, votes, threshold=k)
        won, decided = vm.seats_won(record)
        return RecordSection(
            summary=tn(
                "votes.record.summary",
                lang,
                won,
                elections=tn("votes.record.decided", lang, decided),
            ),
            figure=vc.make_record_figure(record, lang=lang, presenting=presenting),
            table=None if presenting else vc.record_table(record, lang=lang),
            other_label=None,
            other_issues=(),
            rules=None,
        )

    owners = (elections, votes)
    record = memo.shared(owners, "votes.record", (k, lang, presenting), whole)
    others = () if presenting else tuple(i for i in _checks(*owners) if i.election != election)
    return replace(
        record,
        other_label=tn("votes.checks.other", lang, len(others)) if others else None,
        other_issues=tuple(describe_issue(i, lang) for i in others),
        rules=None if presenting else t("votes.checks.rules", lang),
    )


# --- Sentences ------------------------------------------------------------------------------


def names_text(names: Sequence[str], lang: str) -> str:
    """Names joined the locale's way: "A, B and C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + t("votes.and", lang) + names[-1]


def describe_outcome(result: RoundResult, lang: str, *, escape: Escape = for_markdown) -> str:
    """The result of a round in one plain sentence (winner, no majority, tie or no votes)."""
    out = result.outcome
    cand = result.candidates.set_index("candidate") if len(result.candidates) else None
    thr = vc.threshold_text(out.threshold, lang)
    provisional = result.counting
    if out.kind == "no_votes":
        return t("votes.outcome.no_votes", lang)
    if out.kind == "no_majority":
        key = (
            "votes.outcome.no_majority_next" if result.later_round else "votes.outcome.no_majority"
        )
        return t(key, lang, threshold=thr, next=result.later_round or "")
    if out.kind == "tie":
        text = t(
            "votes.outcome.tie",
            lang,
            names=names_text([escape(n) for n in out.tied], lang),
            seats=out.seats - len(out.winners),
        )
        if out.winners:
            winners = names_text([escape(n) for n in out.winners], lang)
            text = t("votes.outcome.elected_before_tie", lang, names=winners) + " " + text
        return text
    assert cand is not None
    pieces = []
    for name in out.winners:
        row = cand.loc[name]
        pieces.append(
            t(
                "votes.outcome.winner_share",
                lang,
                name=escape(name),
                share=vc.share_text(row["share"], bool(row["share_suppressed"]), lang),
            )
        )
    key = "votes.outcome.leading" if provisional else "votes.outcome.elected"
    if len(out.winners) > 1:
        key += "_many"
    text = t(key, lang, names=names_text(pieces, lang))
    if out.threshold is not None:
        text += " " + t("votes.outcome.threshold_rule", lang, threshold=thr)
    else:
        text += " " + tn("votes.outcome.plurality_rule", lang, out.seats)
    if out.unfilled:
        text += " " + tn("votes.outcome.unfilled", lang, out.unfilled, threshold=thr)
    if provisional:
        text += " " + describe_counted(result, lang)
    return text


def describe_counted(result: RoundResult, lang: str) -> str:
    """How much of a round still being counted is counted: of the commission's total when it
    is recorded, else of the eligible voters, else the ballots alone (hidden when small)."""
    counted = result.ballots
    if counted is None:
        return t("votes.counted.hidden", lang)
    if result.expected:
        return tn(
            "votes.counted.of_total",
            lang,
            result.expected,
            counted=fmt_number(counted, lang),
            percent=fmt_percent(100 * counted / result.expected, lang),
        )
    eligible = result.election.eligible
    if eligible and result.turnout is not None:
        return tn(
            "votes.counted.of_voters",
            lang,
            counted,
            percent=fmt_percent(result.turnout, lang),
            voters=tn("votes.metric.eligible_voters", lang, eligible),
        )
    return tn("votes.counted.ballots", lang, counted)


def describe_community(
    result: RoundResult, lang: str, *, escape: Escape = for_markdown
) -> str | None:
    """How the coalition's candidate did in this round, or None when it names none."""
    name = result.election.community_candidate
    if not name:
        return None
    mine = result.candidates[result.candidates["community"].astype(bool)]
    if mine.empty:
        return t("votes.community.absent", lang, name=escape(name))
    row = mine.iloc[0]
    share = vc.share_text(row["share"], bool(row["share_suppressed"]), lang)
    rank = int(mine.index[0]) + 1
    if bool(row["leading"]):
        key = "votes.community.leading"
    elif bool(row["elected"]):
        key = "votes.community.won"
    elif bool(row["tied"]):
        key = "votes.community.tied"
    elif result.outcome.kind == "no_majority":
        key = "votes.community.placed"  # nobody was elected in this round
    else:
        key = "votes.community.lost"
    return t(key, lang, name=escape(str(row["candidate"])), share=share, rank=rank)


def describe_change(result: RoundResult, lang: str, *, escape: Escape = for_markdown) -> str | None:
    """The coalition candidate's change since the previous round or election, in words."""
    ref = result.reference
    if ref is None or result.coalition_change is None:
        return None
    points = fmt_number(abs(result.coalition_change), lang, 1)
    direction = "up" if result.coalition_change > 0.05 else "down"
    if abs(result.coalition_change) <= 0.05:
        direction = "same"
    where = (
        t("votes.change.since_round", lang, round=ref.round)
        if ref.kind == "round"
        else t("votes.change.since_election", lang, title=escape(ref.title))
    )
    return t(f"votes.change.{direction}", lang, points=points, since=where)


def describe_crossing(
    crossing: Crossing | None,
    *,
    candidate: str,
    threshold: float,
    lang: str,
    escape: Escape = for_markdown,
) -> str:
    """When ``candidate`` crossed the threshold, told in words (or that it never did)."""
    if crossing is None:
        return t(
            "votes.time.never",
            lang,
            name=escape(candidate),
            threshold=vc.threshold_text(threshold, lang),
        )
    if crossing.elapsed <= pd.Timedelta(0):
        return t(
            "votes.time.from_start",
            lang,
            name=escape(crossing.candidate),
            threshold=vc.threshold_text(crossing.level, lang),
            share=fmt_percent(crossing.share, lang),
        )
    return t(
        "votes.time.crossed",
        lang,
        name=escape(crossing.candidate),
        threshold=vc.threshold_text(crossing.level, lang),
        share=fmt_percent(crossing.share, lang),
        time=vc.fmt_time(crossing.at, lang, day=crossing.start),
        elapsed=vc.fmt_duration(crossing.elapsed, lang),
    )


def describe_mark(
    candidate: str,
    mark: Mark,
    lang: str,
    *,
    day: pd.Timestamp | None = None,
    escape: Escape = for_markdown,
) -> str:
    """One hour of the count: "Within 2 hours of the first count, X had reached 47% …"."""
    return t(
        "votes.time.within_held" if mark.held else "votes.time.within",
        lang,
        name=escape(candidate),
        hours=vc.fmt_hours(mark.hours, lang),
        level=fmt_percent(mark.level, lang, 0),
        share=fmt_percent(mark.share, lang),
        time=vc.fmt_time(mark.at, lang, day=day),
    )


def describe_issue(issue: Issue, lang: str, *, escape: Escape = for_markdown) -> str:
    """An integrity problem as a warning that names the election and round."""
    title = escape(issue.title)
    where = (
        t("votes.issue.where_round", lang, title=title, round=issue.round)
        if issue.round is not None
        else t("votes.issue.where", lang, title=title)
    )
    p = dict(issue.params)
    if issue.code == "over_eligible":
        body = tn(
            "votes.issue.over_eligible",
            lang,
            int(p["counted"]),  # type: ignore[call-overload]
            voters=tn("votes.issue.eligible_voters", lang, int(p["eligible"])),  # type: ignore[call-overload]
        )
    elif issue.code == "unknown_candidate":
        body = t(
            "votes.issue.unknown_candidate",
            lang,
            names=names_text([f"«{escape(n)}»" for n in p["names"]], lang),  # type: ignore[attr-defined]
            first=p["first_round"],
        )
    elif issue.code == "totals_mismatch":
        body = tn(
            "votes.issue.totals_mismatch",
            lang,
            int(p["recorded"]),  # type: ignore[call-overload]
            counted=fmt_number(p["counted"], lang),  # type: ignore[arg-type]
        )
    elif issue.code == "community_missing":
        body = t("votes.issue.community_missing", lang, name=escape(str(p["name"])))
    else:
        body = tn("votes.issue.untimed", lang, int(p["rows"]))  # type: ignore[call-overload]
    return f"{where}: {body}"
