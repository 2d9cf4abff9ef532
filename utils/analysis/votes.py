"""Votes: results per election and round, the voter-group breakdown, the tally over time, the
coalition's record and the integrity checks. Pure pandas: no Streamlit, no formatting.

Rules this module fixes (the page and the editors' guide repeat them in words):

- Shares are of the votes cast for candidates in that round (blank and invalid ballots are not
  in the denominator). A candidate wins when its share is at least the election's threshold;
  with no threshold, the candidates with the most votes win (plurality). With ``seats`` seats,
  the best ``seats`` qualifying candidates win; two or more candidates level on the last seat
  are a tie.
- Candidate names are matched within an election ignoring case and stray spaces
  ("aigerim  sadykova" is "Aigerim Sadykova"); the first spelling in the sheet is shown.
- The candidate list of an election is its first round. A candidate with votes in a later round
  who was not on that list is an "unknown candidate" (a typo, or a name missing from round 1).
- Totals of the ``elections`` tab (total, blank, invalid) are those of the final round: ballots
  counted = votes for candidates + blank + invalid, and they must equal ``total_votes``.
- With a timestamp, a votes row is an increment: the votes counted in that batch. The tally
  over time is the running sum per candidate; rows without a time are left out of it.
- Small numbers: every count bound for the browser comes out of ``privacy.suppress`` here. The
  voter-group table (cells, group totals) and the candidate totals are suppressed together, as
  one two-way table, so neither margin can give a hidden cell away. Blank and invalid ballots
  are hidden when small; the ballot total (and the turnout) is hidden too when, less the votes
  for candidates, it would give one of them away. The tally over time carries shares only, and
  leaves out a candidate whose count is hidden, and starts once ``threshold`` ballots are
  counted. Every vote count is treated as a count of people (docs/PRIVACY.md).
- The change is measured against the previous round of the same election, else the same round
  (or the final one) of the same body's previous election.
- While a round is still being counted nobody is elected, only leading: the final round of an
  election whose voting is open, or of a closed one whose commission total (``total_votes``)
  is larger than the ballots counted so far (the count has not caught up with the protocol).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
import pandas as pd

from utils.analysis import privacy
from utils.analysis.privacy import DEFAULT_THRESHOLD, Group, suppress
from utils.sheet.contract import normalise_label

TOTAL: Final = "__total__"
"""Candidate column value of a voter group's total row in the two-way table."""
ALL_GROUPS: Final = "__all__"
"""Voter-group value of the candidates' totals (every voter group together)."""
UNSTATED: Final = "__unstated__"
"""Voter-group value of votes whose row left the voter group empty, in a broken-down round."""

OutcomeKind = Literal["elected", "no_majority", "tie", "no_votes"]


# --- Elections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ElectionInfo:
    """One row of the elections tab, typed; counts are None when not recorded."""

    id: str
    title: str
    body: str | None
    date: pd.Timestamp | None
    seats: int
    eligible: int | None
    threshold: float | None
    status: str | None
    total_votes: int | None
    blank: int | None
    invalid: int | None
    community_candidate: str | None
    notes: str | None


def _opt_int(value: object) -> int | None:
    """A whole number, or None for a blank cell."""
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def _opt_text(value: object) -> str | None:
    """Text, or None for a blank cell."""
    return None if _missing(value) or not str(value).strip() else str(value)


def _missing(value: object) -> bool:
    """True for None, NaN, NaT and NA."""
    return value is None or bool(pd.isna(value))  # type: ignore[arg-type]


def election_info(elections: pd.DataFrame, election_id: str) -> ElectionInfo:
    """The typed row of ``election_id`` (KeyError when the elections tab has no such id)."""
    rows = elections[elections["id"] == election_id]
    if rows.empty:
        raise KeyError(election_id)
    row = rows.iloc[0]
    seats = _opt_int(row["seats"])
    return ElectionInfo(
        id=str(row["id"]),
        title=str(row["title"]),
        body=_opt_text(row["body"]),
        date=None if _missing(row["date"]) else pd.Timestamp(row["date"]),
        seats=seats if seats and seats > 0 else 1,  # an election fills at least one seat
        eligible=_opt_int(row["eligible_voters"]),
        threshold=None if _missing(row["threshold"]) else float(row["threshold"]),
        status=_opt_text(row["status"]),
        total_votes=_opt_int(row["total_votes"]),
        blank=_opt_int(row["blank_votes"]),
        invalid=_opt_int(row["invalid_votes"]),
        community_candidate=_opt_text(row["community_candidate"]),
        notes=_opt_text(row["notes"]),
    )


def election_ids(elections: pd.DataFrame) -> list[str]:
    """Election ids, latest first (by date, then by sheet row for the same date)."""
    if elections.empty:
        return []
    ordered = elections.sort_values(["date", "_row"], ascending=False, na_position="last")
    return [str(i) for i in ordered["id"]]


def default_election(elections: pd.DataFrame, votes: pd.DataFrame) -> str | None:
    """The election a page opens on: the latest one with a result (closed or certified, with
    votes recorded), so a meeting sees a decided count; else the latest election of all."""
    ids = election_ids(elections)
    if not ids:
        return None
    decided = elections[elections["status"].isin(["closed", "certified"])]["id"]
    counted = set(votes["election"]) if not votes.empty else set()
    return next((i for i in ids if i in set(decided) and i in counted), ids[0])


def open_elections(elections: pd.DataFrame) -> list[str]:
    """Elections whose voting is still open, latest first."""
    open_ids = set(elections.loc[elections["status"] == "open", "id"])
    return [i for i in election_ids(elections) if i in open_ids]


def rounds_of(votes: pd.DataFrame, election_id: str) -> list[int]:
    """The rounds with votes recorded for ``election_id``, in order."""
    rounds = votes.loc[votes["election"] == election_id, "round"].dropna()
    return sorted({int(r) for r in rounds})


# --- Candidates and the tally ----------------------------------------------------------------


def name_key(name: object) -> str:
    """How candidate names are matched: case, ё/е and stray spaces do not count."""
    return normalise_label(name)


def _election_votes(votes: pd.DataFrame, election_id: str) -> pd.DataFrame:
    """Rows of one election with ``key`` (matching name) and ``name`` (first spelling)."""
    rows = votes[votes["election"] == election_id].copy()
    rows["key"] = rows["candidate"].map(name_key)
    first = rows.sort_values("_row").drop_duplicates("key").set_index("key")
    rows["name"] = rows["key"].map(first["candidate"])
    rows["org"] = rows["key"].map(first["candidate_org"])
    group = rows["voter_group"].astype(object)
    rows["group"] = group.where(group.notna() & (group.astype(str).str.strip() != ""), None)
    return rows


def _candidate_order(rows: pd.DataFrame) -> list[str]:
    """Candidate keys of a round: most votes first, then in sheet order (stable ties)."""
    totals = rows.groupby("key", sort=False)["votes"].sum()
    first_row = rows.groupby("key", sort=False)["_row"].min()
    frame = pd.DataFrame({"votes": totals, "row": first_row})
    return list(frame.sort_values(["votes", "row"], ascending=[False, True]).index)


@dataclass(frozen=True)
class Outcome:
    """Who won a round, or why nobody did, in data the page can put into words."""

    kind: OutcomeKind
    winners: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()
    seats: int = 1
    threshold: float | None = None

    @property
    def unfilled(self) -> int:
        """Seats left empty because too few candidates reached the threshold."""
        if self.kind == "tie":
            return 0
        return max(self.seats - len(self.winners), 0)


def decide(tally: Mapping[str, int], *, seats: int = 1, threshold: float | None = None) -> Outcome:
    """The outcome of one round: ``tally`` maps candidate -> votes (see the module rules)."""
    total = sum(int(v) for v in tally.values())
    if total <= 0:
        return Outcome("no_votes", seats=seats, threshold=threshold)
    # Whole-number comparison: votes * 100 >= threshold * total, so 40% of 250 is exactly 100.
    qualifying = [
        (name, int(v))
        for name, v in tally.items()
        if int(v) > 0 and (threshold is None or int(v) * 100 >= threshold * total)
    ]
    qualifying.sort(key=lambda item: -item[1])  # stable: sheet order among equals
    if not qualifying:
        return Outcome("no_majority", seats=seats, threshold=threshold)
    if len(qualifying) <= seats:
        return Outcome("elected", tuple(n for n, _ in qualifying), seats=seats, threshold=threshold)
    cutoff = qualifying[seats - 1][1]
    above = tuple(n for n, v in qualifying if v > cutoff)
    level = tuple(n for n, v in qualifying if v == cutoff)
    if len(above) + len(level) > seats:
        return Outcome("tie", above, level, seats=seats, threshold=threshold)
    return Outcome("elected", above + level, seats=seats, threshold=threshold)


def _two_way(rows: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, bool]:
    """The round as a voter group x candidate table with both margins; True if broken down."""
    broken_down = rows["group"].notna().any()
    groups: list[str] = []
    if broken_down:
        named = rows["group"].dropna()
        groups = list(dict.fromkeys(named.astype(str)))  # sheet order
        if rows["group"].isna().any():
            groups.append(UNSTATED)
    keyed = rows.assign(g=rows["group"].fillna(UNSTATED).astype(str))
    cells = keyed.groupby(["g", "key"])["votes"].sum()
    records: list[dict[str, object]] = []
    for g in groups:
        for c in order:
            records.append({"voter_group": g, "key": c, "votes": int(cells.get((g, c), 0))})
        records.append(
            {
                "voter_group": g,
                "key": TOTAL,
                "votes": int(keyed.loc[keyed["g"] == g, "votes"].sum()),
            }
        )
    totals = rows.groupby("key")["votes"].sum()
    for c in order:
        records.append({"voter_group": ALL_GROUPS, "key": c, "votes": int(totals[c])})
    records.append({"voter_group": ALL_GROUPS, "key": TOTAL, "votes": int(rows["votes"].sum())})
    table = pd.DataFrame.from_records(records)
    table["is_row_total"] = table["key"] == TOTAL
    table["is_col_total"] = table["voter_group"] == ALL_GROUPS
    return table, bool(broken_down)


def _protect(table: pd.DataFrame, broken_down: bool, threshold: int) -> pd.DataFrame:
    """Suppress the two-way table in one pass, so the margins cannot undo a hidden cell."""
    groups = [Group(("voter_group",), "is_row_total")]
    if broken_down:
        groups.append(Group(("key",), "is_col_total"))
    return suppress(table, count_cols=["votes"], groups=groups, threshold=threshold)


def _ballots(
    blank: int | None, invalid: int | None, threshold: int
) -> tuple[int | None, bool, int | None, bool, bool]:
    """Blank and invalid ballots through suppression, as parts of "ballots not for candidates".

    Returns (blank, blank hidden, invalid, hidden, their sum must be hidden); a value is None
    when hidden or not recorded. Their sum is what the ballot total minus the votes for
    candidates shows, so it is the group's total.
    """
    recorded = {name: v for name, v in (("blank", blank), ("invalid", invalid)) if v is not None}
    if not recorded:
        return None, False, None, False, False
    frame = pd.DataFrame({"kind": list(recorded), "votes": list(recorded.values()), "g": 0})
    out = suppress(frame, count_cols=["votes"], groups=[["g"]], threshold=threshold)
    hidden = dict(zip(out["kind"], out["votes_suppressed"].astype(bool), strict=True))
    shown = {n: (None if hidden[n] else int(v)) for n, v in recorded.items()}
    return (
        shown.get("blank"),
        hidden.get("blank", False),
        shown.get("invalid"),
        hidden.get("invalid", False),
        bool(out["total_suppressed"].any()),
    )


@dataclass(frozen=True)
class Reference:
    """What a round is compared with: an earlier round, or the same body's previous election."""

    kind: Literal["round", "election"]
    election: str
    round: int
    title: str


@dataclass(frozen=True, kw_only=True)
class RoundResult:
    """Results of one election and round, suppressed and ready to show (built by name only).

    ``candidates`` columns: candidate, candidate_org, key, votes (NaN when hidden),
    votes_suppressed, votes_complementary, share (percent of votes for candidates; NaN when
    hidden), share_suppressed, community, elected, leading (would be elected, but the round is
    still being counted: ``counting``), tied, previous_share, change (percentage points since
    ``reference``; NaN when either side is hidden or absent). Sorted by votes.
    """

    election: ElectionInfo
    round: int
    final_round: bool
    candidates: pd.DataFrame
    outcome: Outcome
    valid: int | None  # votes for candidates (None when hidden)
    blank: int | None
    blank_hidden: bool
    invalid: int | None
    invalid_hidden: bool
    ballots: int | None  # counted: valid + blank + invalid (final round), else valid
    turnout: float | None  # ballots / eligible, percent
    reference: Reference | None = None
    coalition_change: float | None = None  # community candidate share vs the reference's
    later_round: int | None = None  # the round that followed, if any
    has_votes: bool = field(default=True)
    counting: bool = False  # still being counted: the winners are "leading", none "elected"
    expected: int | None = None  # the commission's ballot total while counting, when recorded


def _round_rows(votes: pd.DataFrame, election_id: str, round_no: int) -> pd.DataFrame:
    """Rows of one election and round, with matching names."""
    rows = _election_votes(votes, election_id)
    return rows[rows["round"] == round_no]


def _community_key(info: ElectionInfo) -> str | None:
    """Matching key of the coalition's candidate, if the elections tab names one."""
    return name_key(info.community_candidate) if info.community_candidate else None


def reference_for(
    elections: pd.DataFrame, votes: pd.DataFrame, election_id: str, round_no: int
) -> Reference | None:
    """The earlier round of this election, else the same round of the body's previous election."""
    info = election_info(elections, election_id)
    earlier = [r for r in rounds_of(votes, election_id) if r < round_no]
    if earlier:
        return Reference("round", election_id, earlier[-1], info.title)
    if not info.body or info.date is None:
        return None
    same_body = elections[
        (elections["body"].map(lambda b: normalise_label(b) if isinstance(b, str) else None))
        == normalise_label(info.body)
    ]
    before = same_body[(same_body["date"] < info.date) & (same_body["id"] != election_id)]
    for other in election_ids(before):
        rounds = rounds_of(votes, other)
        if rounds:
            # Like with like: round 1 against the last election's round 1 (the field of
            # candidates is comparable); a round it did not have against its final round.
            same = round_no if round_no in rounds else rounds[-1]
            return Reference("election", other, same, election_info(elections, other).title)
    return None


def _shares(protected: pd.DataFrame) -> pd.DataFrame:
    """Candidate totals (the all-groups row) with shares; a share is hidden with its count."""
    all_row = protected[protected["voter_group"] == ALL_GROUPS]
    total = all_row[all_row["key"] == TOTAL].iloc[0]
    cand = all_row[all_row["key"] != TOTAL].copy()
    raw_total = float(cand["raw"].sum())
    cand["share"] = 100 * cand["raw"] / raw_total if raw_total else np.nan
    # A share with its count gives the count back through the total: hide it with the count,
    # and hide every share when the total itself is hidden.
    hidden = cand["votes_suppressed"].to_numpy(dtype=bool) | bool(total["votes_suppressed"])
    cand["share_suppressed"] = hidden
    cand["share"] = cand["share"].where(~hidden)
    return cand


def round_result(
    elections: pd.DataFrame,
    votes: pd.DataFrame,
    *,
    election_id: str,
    round_no: int,
    threshold: int = DEFAULT_THRESHOLD,
    compare: bool = True,
) -> RoundResult:
    """Results of ``election_id`` round ``round_no``: tally, shares, outcome, turnout, change.

    ``compare`` adds the change since the previous round or election (off for that one itself).
    """
    info = election_info(elections, election_id)
    all_rounds = rounds_of(votes, election_id)
    rows = _round_rows(votes, election_id, round_no)
    final = not all_rounds or round_no == all_rounds[-1]
    later = next((r for r in all_rounds if r > round_no), None)
    if rows.empty:
        empty = pd.DataFrame(
            columns=["candidate", "candidate_org", "key", "votes", "share", "community"]
        )
        return RoundResult(
            election=info,
            round=round_no,
            final_round=final,
            candidates=empty,
            outcome=Outcome("no_votes", seats=info.seats, threshold=info.threshold),
            valid=None,
            blank=None,
            blank_hidden=False,
            invalid=None,
            invalid_hidden=False,
            ballots=None,
            turnout=None,
            later_round=later,
            has_votes=False,
        )
    order = _candidate_order(rows)
    table, broken_down = _two_way(rows, order)
    protected = _protect(table, broken_down, threshold).assign(raw=table["votes"])
    cand = _shares(protected)
    names = rows.drop_duplicates("key").set_index("key")
    raw_tally = dict(zip(cand["key"], cand["raw"].astype(int), strict=True))
    # Names, not keys, in the outcome: the page writes them into sentences.
    outcome = decide(
        {names.at[k, "name"]: v for k, v in raw_tally.items()},
        seats=info.seats,
        threshold=info.threshold,
    )
    community = _community_key(info)
    cand = cand.assign(
        candidate=cand["key"].map(names["name"]),
        candidate_org=cand["key"].map(names["org"]),
        community=cand["key"] == community,
    )
    ahead = cand["candidate"].isin(outcome.winners)
    counted_raw = int(cand["raw"].sum()) + (info.blank or 0) + (info.invalid or 0)
    counting = final and (
        info.status == "open"
        or (
            info.status == "closed"
            and info.total_votes is not None
            and counted_raw < info.total_votes
        )
    )
    cand["elected"] = ahead & (not counting)
    cand["leading"] = ahead & counting
    cand["tied"] = cand["candidate"].isin(outcome.tied)

    reference = reference_for(elections, votes, election_id, round_no) if compare else None
    cand["previous_share"] = np.nan
    coalition_change: float | None = None
    if reference is not None:
        before = round_result(
            elections,
            votes,
            election_id=reference.election,
            round_no=reference.round,
            threshold=threshold,
            compare=False,
        ).candidates
        prev = before.set_index("key")["share"]
        cand["previous_share"] = cand["key"].map(prev).astype(float)
        prev_community = before.loc[before["community"].astype(bool), "share"]
        mine = cand.loc[cand["community"], "share"]
        if len(prev_community) and len(mine):
            delta = float(mine.iloc[0]) - float(prev_community.iloc[0])
            coalition_change = None if math.isnan(delta) else delta
    cand["change"] = cand["share"] - cand["previous_share"]

    all_total = protected[(protected["voter_group"] == ALL_GROUPS) & (protected["key"] == TOTAL)]
    valid_raw = int(table.loc[all_total.index[0], "votes"])
    valid = None if bool(all_total["votes_suppressed"].iloc[0]) else valid_raw
    blank_raw = info.blank if final else None
    invalid_raw = info.invalid if final else None
    ballots_raw = valid_raw + (blank_raw or 0) + (invalid_raw or 0)
    blank, blank_hidden, invalid, invalid_hidden, others_hidden = _ballots(
        blank_raw, invalid_raw, threshold
    )
    # The ballot count minus the votes for candidates is blank + invalid: hide it (and the
    # turnout made from it) when that sum would give a hidden blank or invalid count away.
    ballots_shown = valid is not None and not others_hidden and ballots_raw >= threshold
    turnout = 100 * ballots_raw / info.eligible if info.eligible and ballots_shown else None
    columns = [
        "candidate",
        "candidate_org",
        "key",
        "votes",
        "votes_suppressed",
        "votes_complementary",
        "share",
        "share_suppressed",
        "community",
        "elected",
        "leading",
        "tied",
        "previous_share",
        "change",
    ]
    return RoundResult(
        election=info,
        round=round_no,
        final_round=final,
        candidates=cand[columns].reset_index(drop=True),
        outcome=outcome,
        valid=valid,
        blank=blank,
        blank_hidden=blank_hidden,
        invalid=invalid,
        invalid_hidden=invalid_hidden,
        ballots=ballots_raw if ballots_shown else None,
        turnout=turnout,
        reference=reference,
        coalition_change=coalition_change,
        later_round=later,
        counting=counting,
        expected=info.total_votes if counting and ballots_shown else None,
    )


def candidate_names(votes: pd.DataFrame, election_id: str) -> tuple[str, ...]:
    """Every candidate of an election across its rounds, as shown (first spelling), in the
    order the sheet first names them: an order that does not change as a count goes on, so a
    colour given by it stays with its candidate."""
    rows = _election_votes(votes, election_id)
    return tuple(dict.fromkeys(rows.sort_values("_row")["name"].astype(str)))


def breakdown(
    votes: pd.DataFrame, election_id: str, round_no: int, *, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame | None:
    """Who voted for whom: one row per voter group and candidate, plus each group's total row.

    Columns: voter_group (UNSTATED for rows without one), candidate (TOTAL on a group's total
    row), votes (NaN when hidden), votes_suppressed, votes_complementary, group_share (percent
    of the group's votes; hidden with the count or the group's total), group_share_suppressed,
    is_total. None when the round is not broken down by voter group.
    """
    rows = _round_rows(votes, election_id, round_no)
    if rows.empty:
        return None
    order = _candidate_order(rows)
    table, broken_down = _two_way(rows, order)
    if not broken_down:
        return None
    protected = _protect(table, broken_down, threshold).assign(raw=table["votes"])
    cells = protected[protected["voter_group"] != ALL_GROUPS].copy()
    group_total = cells[cells["key"] == TOTAL].set_index("voter_group")
    raw_total = cells["voter_group"].map(group_total["raw"]).astype(float)
    total_hidden = cells["voter_group"].map(group_total["votes_suppressed"]).astype(bool)
    share = 100 * cells["raw"] / raw_total.where(raw_total > 0)
    hidden = cells["votes_suppressed"].astype(bool) | total_hidden
    cells["group_share"] = share.where(~hidden)
    cells["group_share_suppressed"] = hidden & share.notna()
    names = rows.drop_duplicates("key").set_index("key")["name"]
    cells["candidate"] = cells["key"].map(lambda k: TOTAL if k == TOTAL else names[k])
    cells["is_total"] = cells["key"] == TOTAL
    return cells[
        [
            "voter_group",
            "candidate",
            "votes",
            "votes_suppressed",
            "votes_complementary",
            "group_share",
            "group_share_suppressed",
            "is_total",
        ]
    ].reset_index(drop=True)


# --- The tally over time -------------------------------------------------------------------


def tally_over_time(
    votes: pd.DataFrame, election_id: str, round_no: int, *, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """Running share per candidate after each timed batch: timestamp, candidate, share.

    Rows are increments; the running total is their cumulative sum per candidate. Shares only,
    no counts; a candidate whose count is hidden in the results is left out, since the last
    point of its line would give that count back (share x the shown total), and no point is
    drawn before ``threshold`` ballots for candidates are counted (docs/PRIVACY.md).
    """
    rows = _round_rows(votes, election_id, round_no)
    if not rows.empty:
        table, broken_down = _two_way(rows, _candidate_order(rows))
        protected = _protect(table, broken_down, threshold)
        totals = protected[(protected["voter_group"] == ALL_GROUPS) & (protected["key"] != TOTAL)]
        hidden_keys = set(totals.loc[totals["votes_suppressed"].astype(bool), "key"])
        if bool(protected.loc[protected["key"] == TOTAL, "votes_suppressed"].iloc[-1]):
            hidden_keys = set(totals["key"])  # no shown total: every share would be a count
    else:
        hidden_keys = set()
    timed = rows[rows["timestamp"].notna()]
    if timed.empty:
        empty = pd.DataFrame(
            {
                "timestamp": pd.Series(dtype="datetime64[ns]"),
                "candidate": pd.Series(dtype=object),
                "share": pd.Series(dtype=float),
            }
        )
        return privacy.protected(empty, threshold)
    order = _candidate_order(timed)
    names = timed.drop_duplicates("key").set_index("key")["name"]
    wide = timed.pivot_table(
        index="timestamp", columns="key", values="votes", aggfunc="sum", fill_value=0
    ).sort_index()
    running = wide.cumsum()
    total = running.sum(axis=1)
    # A share of fewer than ``threshold`` ballots is a small count in disguise (1 of 4 is 25%):
    # the line starts at the first batch after which at least that many are counted.
    shares = running.div(total.where(total >= threshold), axis=0) * 100
    shares = shares[[key for key in order if key not in hidden_keys]]
    long = shares.reset_index().melt(id_vars="timestamp", var_name="key", value_name="share")
    long["candidate"] = long["key"].map(names)
    shares = long[["timestamp", "candidate", "share"]].dropna(subset=["share"])
    return privacy.protected(shares.reset_index(drop=True), threshold)


@dataclass(frozen=True)
class Crossing:
    """The first batch after which a candidate's running share was at or above a level."""

    candidate: str
    level: float
    at: pd.Timestamp
    share: float
    start: pd.Timestamp  # the first batch of the count
    elapsed: pd.Timedelta


def first_crossing(timeline: pd.DataFrame, candidate: str, level: float) -> Crossing | None:
    """When ``candidate``'s running share first reached ``level`` percent, or None if never."""
    mine = timeline[timeline["candidate"] == candidate].sort_values("timestamp")
    if mine.empty or timeline.empty:
        return None
    start = pd.Timestamp(timeline["timestamp"].min())
    reached = mine[mine["share"] >= level - 1e-9]
    if reached.empty:
        return None
    first = reached.iloc[0]
    at = pd.Timestamp(first["timestamp"])
    return Crossing(candidate, float(level), at, float(first["share"]), start, at - start)


@dataclass(frozen=True)
class Mark:
    """What a candidate had reached within ``hours`` of the first batch.

    ``level`` is the whole percent at or below its share at the last batch within those hours;
    ``at`` and ``share`` are the first batch at which the running share reached ``level`` (on
    the way to that mark), and ``held`` says it never fell below ``level`` afterwards.
    """

    hours: int
    level: int
    at: pd.Timestamp
    share: float
    held: bool


def hour_marks(timeline: pd.DataFrame, candidate: str) -> list[Mark]:
    """The "47% within two hours" story: what was reached by each whole hour of counting.

    Hours run from the first batch counted (the sheet has no opening time). The level is the
    whole percent reached, so "47%" is true whether the share was 47.1% or 47.9%.
    """
    mine = timeline[timeline["candidate"] == candidate].sort_values("timestamp")
    if mine.empty:
        return []
    start = pd.Timestamp(timeline["timestamp"].min())
    end = pd.Timestamp(timeline["timestamp"].max())
    times = mine["timestamp"].to_numpy()
    shares = mine["share"].to_numpy(dtype=float)
    marks: list[Mark] = []
    hours = max(1, math.ceil((end - start) / pd.Timedelta(hours=1)))
    for h in range(1, hours + 1):
        upto = int((times <= np.datetime64(start + pd.Timedelta(hours=h))).sum())
        if upto == 0:
            continue
        level = math.floor(shares[upto - 1] + 1e-9)
        # The first batch, on the way to this mark, from which the share stayed at the level
        # until the mark; else the first batch that touched it.
        below = np.flatnonzero(shares[:upto] < level - 1e-9)
        first = int(below[-1]) + 1 if len(below) else 0
        held = bool((shares[first:] >= level - 1e-9).all())
        marks.append(Mark(h, level, pd.Timestamp(times[first]), float(shares[first]), held))
    return marks


def story_candidate(result: RoundResult) -> str | None:
    """Whose count to tell: the coalition's candidate, else the leader."""
    cand = result.candidates
    if cand.empty:
        return None
    community = cand[cand["community"].astype(bool)]
    return str((community if len(community) else cand)["candidate"].iloc[0])


def untimed_rows(votes: pd.DataFrame, election_id: str, round_no: int) -> int:
    """Rows of a round without a time while others have one (left out of the tally over time)."""
    rows = _round_rows(votes, election_id, round_no)
    timed = rows["timestamp"].notna()
    return int((~timed).sum()) if timed.any() else 0


# --- Several elections ----------------------------------------------------------------------


def coalition_record(
    elections: pd.DataFrame, votes: pd.DataFrame, *, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """One row per election, oldest first: the coalition's candidate, share and result.

    Columns: election, title, body, date, status, seats, threshold, rounds, community_candidate,
    share
    (the coalition candidate's share in the final round; NaN when hidden or absent),
    share_suppressed, elected (True/False; NA when there is no candidate or no votes), outcome,
    turnout, provisional (voting still open, or the final round still being counted).
    """
    records: list[dict[str, object]] = []
    for eid in reversed(election_ids(elections)):
        info = election_info(elections, eid)
        rounds = rounds_of(votes, eid)
        record: dict[str, object] = {
            "election": eid,
            "title": info.title,
            "body": info.body,
            "date": info.date,
            "status": info.status,
            "seats": info.seats,
            "threshold": np.nan if info.threshold is None else info.threshold,
            "rounds": len(rounds),
            "community_candidate": info.community_candidate,
            "share": np.nan,
            "share_suppressed": False,
            "elected": pd.NA,
            "outcome": "no_votes",
            "turnout": np.nan,
            "provisional": info.status == "open",
        }
        if rounds:
            result = round_result(
                elections, votes, election_id=eid, round_no=rounds[-1], threshold=threshold
            )
            record["outcome"] = result.outcome.kind
            record["provisional"] = info.status == "open" or result.counting
            record["turnout"] = np.nan if result.turnout is None else result.turnout
            mine = result.candidates[result.candidates["community"].astype(bool)]
            if info.community_candidate:
                record["elected"] = bool(len(mine) and mine["elected"].iloc[0])
            if len(mine):
                record["share"] = mine["share"].iloc[0]
                record["share_suppressed"] = bool(mine["share_suppressed"].iloc[0])
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return privacy.protected(frame, threshold)
    frame["elected"] = frame["elected"].astype("boolean")
    return privacy.protected(frame, threshold)


def seats_won(record: pd.DataFrame) -> tuple[int, int]:
    """(seats the coalition's candidates won, elections decided) over closed elections."""
    if record.empty:
        return 0, 0
    decided = record[~record["provisional"].astype(bool) & record["elected"].notna()]
    return int(decided["elected"].astype(bool).sum()), len(decided)


# --- Integrity ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One thing wrong with the count, naming the election and round it concerns.

    Codes: ``over_eligible`` (ballots > eligible voters), ``unknown_candidate`` (votes for a
    name not on the first round's list), ``totals_mismatch`` (elections tab total differs from
    the counted ballots), ``community_missing`` (the coalition's candidate has no votes rows),
    ``untimed`` (some rows of a timed round have no time).
    """

    code: str
    election: str
    title: str
    round: int | None
    params: Mapping[str, object] = field(default_factory=dict)


def check_integrity(elections: pd.DataFrame, votes: pd.DataFrame) -> list[Issue]:
    """Every integrity problem of every election, in election order (latest first)."""
    issues: list[Issue] = []
    for eid in election_ids(elections):
        issues.extend(check_election(elections, votes, eid))
    return issues


def check_election(elections: pd.DataFrame, votes: pd.DataFrame, election_id: str) -> list[Issue]:
    """The integrity problems of one election (see ``Issue`` for the codes)."""
    info = election_info(elections, election_id)
    rows = _election_votes(votes, election_id)
    rounds = rounds_of(votes, election_id)
    issues: list[Issue] = []
    if not rounds:
        return issues

    def issue(code: str, round_no: int | None, **params: object) -> None:
        issues.append(Issue(code, election_id, info.title, round_no, params))

    listed = set(rows.loc[rows["round"] == rounds[0], "key"])
    for r in rounds:
        in_round = rows[rows["round"] == r]
        valid = int(in_round["votes"].sum())
        final = r == rounds[-1]
        counted = valid + ((info.blank or 0) + (info.invalid or 0) if final else 0)
        if info.eligible is not None and counted > info.eligible:
            issue("over_eligible", r, counted=counted, eligible=info.eligible)
        if r != rounds[0]:
            unknown = in_round[~in_round["key"].isin(listed)]
            if len(unknown):
                names = list(dict.fromkeys(unknown["name"].astype(str)))
                issue("unknown_candidate", r, names=names, first_round=rounds[0])
        untimed = untimed_rows(votes, election_id, r)
        if untimed:
            issue("untimed", r, rows=untimed)
        if final and info.total_votes is not None and info.total_votes != counted:
            issue(
                "totals_mismatch",
                r,
                recorded=info.total_votes,
                counted=counted,
                valid=valid,
                blank=info.blank,
                invalid=info.invalid,
            )
    # A recorded total above the eligible voters, when the counted ballots did not show it.
    recorded_over = (
        info.total_votes is not None
        and info.eligible is not None
        and info.total_votes > info.eligible
    )
    if recorded_over and not any(
        i.code == "over_eligible" and i.round == rounds[-1] for i in issues
    ):
        issue("over_eligible", rounds[-1], counted=info.total_votes, eligible=info.eligible)
    community = _community_key(info)
    if community and community not in set(rows["key"]):
        issue("community_missing", None, name=info.community_candidate)
    return issues
