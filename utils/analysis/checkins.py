"""Check-ins from the meeting: the sheet's rows with the dashboard's own updates on top.

Pure pandas. The ``updates`` tab is append-only: every change saved from the dashboard is one
row (``utils.sheet.contract.UPDATES``), and a save retried after a timeout may have reached the
sheet twice, so rows are first deduplicated by ``update_id`` (the earliest copy is kept).

The current state of a milestone (or finding) is its row in the sheet, with the newest
check-in of each field on top, unless the row was edited by hand after that check-in:

1. A check-in made on an earlier Bishkek day than the row's own last-update date is older than
   the row: the row wins.
2. Otherwise the newest check-in of the field is on top while the sheet still holds a value the
   dashboard saw as the "before" of one of those check-ins (``old_value``). A sheet cell that
   holds anything else was changed by hand since: the row wins, and :class:`Outcome` keeps both.
3. A sheet cell that already holds the check-in's new value (an editor typed it in) agrees.

Values travel as text in one canonical spelling (``as_text``): a status by its key, a
percentage as a plain number, a date as ISO 8601, so comparisons never depend on a locale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final, Literal

import pandas as pd

from utils.sheet import cells
from utils.sheet.contract import MILESTONES, Column, match_choice
from utils.sheet.parse import BISHKEK, TabStats, Workbook

Field = Literal["status", "progress", "due", "note", "response"]

MILESTONE_FIELDS: Final[Mapping[str, str]] = {
    "status": "status",
    "progress": "progress",
    "due": "due",
    "note": "notes",
}
"""A milestone check-in's field -> the milestones column it stands for."""

OPEN_MODE: Final = "open mode"
"""What ``who`` says when sign-in is off (the deployer allowed check-ins in open mode)."""

State = Literal["applied", "agrees", "sheet_newer"]
"""applied: the check-in is on top of the sheet; agrees: the sheet already says the same;
sheet_newer: the row was edited by hand after the check-in, and the row is shown."""


@dataclass(frozen=True)
class Outcome:
    """What became of the newest check-in of one field of one row."""

    target: str
    field: str
    state: State
    sheet_value: str  # the sheet's cell, in canonical text
    new_value: str  # what the check-in said
    old_value: str  # what the dashboard showed before it
    who: str
    time_utc: datetime  # aware, UTC


@dataclass(frozen=True)
class Merged:
    """The rows as the dashboard shows them, and the newest check-in of each changed field."""

    frame: pd.DataFrame
    outcomes: tuple[Outcome, ...]

    def outcome(self, target: str, field: str) -> Outcome | None:
        """The newest check-in of ``field`` of ``target``, or None."""
        return next((o for o in self.outcomes if o.target == target and o.field == field), None)


def as_text(column: Column, value: object) -> str:
    """A cell's value in the one spelling check-ins use: "" for nothing, a key, 40, 2026-03-31."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NA:
        return ""
    if column.kind in ("date", "datetime"):
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        return stamp.date().isoformat() if column.kind == "date" else stamp.isoformat(sep=" ")
    if column.kind in ("number", "percent", "integer"):
        return f"{float(value):g}"  # type: ignore[arg-type]
    return str(value).strip()


def from_text(column: Column, text: str) -> object:
    """The typed value of a check-in's text for ``column``; None when empty or unreadable."""
    if not text.strip():
        return None
    if column.kind == "enum":
        return match_choice(column, text)
    if column.kind == "date":
        read = cells.read_date(text)
        return pd.Timestamp(read.value) if read.value is not None else None
    if column.kind == "percent":
        return cells.read_percent(text).value
    if column.kind in ("number", "integer"):
        return cells.read_number(text).value
    return text


def dedupe(updates: pd.DataFrame) -> pd.DataFrame:
    """One row per ``update_id`` (its earliest copy), oldest first; the sheet's row order
    breaks ties of the same second."""
    if updates.empty:
        return updates
    ordered = updates.assign(_id=updates["update_id"].map(lambda v: str(v).strip().casefold()))
    ordered = ordered.drop_duplicates("_id", keep="first").drop(columns="_id")
    return ordered.sort_values(["time_utc", "_row"], kind="stable").reset_index(drop=True)


def bishkek_day(time_utc: datetime | pd.Timestamp) -> date:
    """The calendar day in Bishkek of a UTC moment (naive values are taken as UTC)."""
    stamp = pd.Timestamp(time_utc)
    stamp = stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp
    return stamp.tz_convert(BISHKEK).date()


def utc(time_utc: object) -> datetime:
    """A naive UTC value from the sheet as an aware datetime."""
    stamp = pd.Timestamp(time_utc)  # type: ignore[arg-type]
    stamp = stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp.tz_convert(UTC)
    return stamp.to_pydatetime()


def merge(
    rows: pd.DataFrame,
    updates: pd.DataFrame,
    fields: Mapping[str, str] = MILESTONE_FIELDS,
    *,
    columns: tuple[Column, ...] = MILESTONES.columns,
    key: str = "id",
    row_date: str | None = "last_update",
) -> Merged:
    """``rows`` with the newest check-in of each field on top, by the module's rule.

    ``fields`` maps a check-in field to the column of ``rows`` it changes; ``row_date`` is the
    column holding the row's own last-update date (None: the rows have none).
    """
    by_name = {column.name: column for column in columns}
    if updates.empty or rows.empty:
        return Merged(rows, ())
    log = dedupe(updates)
    log = log[log["field"].isin(list(fields))]
    ids = {str(v).strip().casefold(): i for i, v in rows[key].items()}
    frame = rows.copy()
    outcomes: list[Outcome] = []
    for (target, field), chain in log.groupby(
        [log["target"].map(lambda v: str(v).strip().casefold()), "field"], sort=False
    ):
        index = ids.get(str(target))
        if index is None:
            continue
        column = by_name[fields[str(field)]]
        days = chain["time_utc"].map(bishkek_day)
        if row_date is not None and pd.notna(frame.at[index, row_date]):
            chain = chain[days >= pd.Timestamp(frame.at[index, row_date]).date()]
        if chain.empty:
            continue  # every check-in of this field is older than the row
        newest = chain.iloc[-1]
        sheet = as_text(column, frame.at[index, column.name])
        new = str(newest["new_value"] or "")
        olds = {as_text(column, from_text(column, str(v or ""))) for v in chain["old_value"]}
        new_text = as_text(column, from_text(column, new))
        if sheet == new_text:
            state: State = "agrees"
        elif sheet in olds:
            state = "applied"
            value = from_text(column, new)
            frame[column.name] = frame[column.name].astype(object)
            frame.at[index, column.name] = value
        else:
            state = "sheet_newer"
        outcomes.append(
            Outcome(
                target=str(rows.at[index, key]),
                field=str(field),
                state=state,
                sheet_value=sheet,
                new_value=new_text,
                old_value=str(newest["old_value"] or ""),
                who=str(newest["who"]),
                time_utc=utc(newest["time_utc"]),
            )
        )
    for name in {fields[o.field] for o in outcomes if o.state == "applied"}:
        frame[name] = _typed(by_name[name], frame[name])
    return Merged(frame, tuple(outcomes))


def _typed(column: Column, values: pd.Series) -> pd.Series:
    """A column put back in the dtype the parser gives its kind."""
    if column.kind in ("date", "datetime"):
        return pd.to_datetime(values)
    if column.kind in ("number", "percent"):
        return values.astype("float64")
    if column.kind == "integer":
        return values.astype("Int64")
    return values.astype(object)


def history(updates: pd.DataFrame, target: str) -> pd.DataFrame:
    """Every check-in of ``target``, newest first (time, who, field, before, after)."""
    if updates.empty:
        return updates
    log = dedupe(updates)
    mine = log[log["target"].map(lambda v: str(v).strip().casefold()) == target.casefold()]
    return mine.iloc[::-1].reset_index(drop=True)


def undo_of(outcome: Outcome) -> tuple[str, str]:
    """(old value, new value) of the check-in that undoes ``outcome``: a new row, never a
    deletion, that puts back what the dashboard showed before."""
    return outcome.new_value, outcome.old_value


FINDING_FIELDS: Final = ("status", "response")
"""What a check-in may say about a monitoring finding: a new status, the duty bearer's answer."""


def short_who(who: str) -> str:
    """An author as a shared screen shows it: the e-mail's name and "@…" (amina@…)."""
    name, at, _domain = who.partition("@")
    return f"{name}@…" if at else who


def as_actions(
    updates: pd.DataFrame, findings: pd.DataFrame, actions: pd.DataFrame
) -> pd.DataFrame:
    """The check-ins about findings as rows of the (append-only) actions tab: on the Bishkek
    day they were saved, by their author, with the response or new status they recorded.

    Actions are already a log, so a check-in simply joins it: the latest action sets a
    finding's status (``utils.analysis.monitoring.current_status``) and a later action typed by
    hand comes after it, as it should.
    """
    if updates.empty or findings.empty:
        return actions.iloc[0:0]
    ids = {str(v).strip().casefold(): v for v in findings["id"]}
    log = dedupe(updates)
    log = log[log["field"].isin(FINDING_FIELDS)]
    log = log[log["target"].map(lambda v: str(v).strip().casefold()).isin(ids)]
    if log.empty:
        return actions.iloc[0:0]
    rows = pd.DataFrame(
        {
            "_row": 0,  # not a row of the actions tab
            "finding_id": [ids[str(v).strip().casefold()] for v in log["target"]],
            "date": [pd.Timestamp(bishkek_day(v)) for v in log["time_utc"]],
            "action": None,
            "by": [short_who(str(v)) for v in log["who"]],
            "response": [
                v if f == "response" else None
                for f, v in zip(log["field"], log["new_value"], strict=True)
            ],
            "new_status": [
                v if f == "status" else None
                for f, v in zip(log["field"], log["new_value"], strict=True)
            ],
        }
    )
    for column in actions.columns:
        if column not in rows:
            rows[column] = None
    return rows[list(actions.columns)].astype(actions.dtypes.to_dict())


def with_finding_actions(workbook: Workbook) -> Workbook:
    """``workbook`` with the check-ins about findings added to its actions (a new serial), or
    the same object when there are none."""
    extra = as_actions(workbook["updates"], workbook["findings"], workbook["actions"])
    if extra.empty:
        return workbook
    actions = pd.concat([workbook["actions"], extra], ignore_index=True)
    stats = dict(workbook.stats)
    before = stats.get("actions", TabStats(None))
    stats["actions"] = TabStats(before.title, before.rows_read, len(actions))
    frames = {**workbook.frames, "actions": actions}
    return Workbook(frames=frames, problems=workbook.problems, stats=stats)
