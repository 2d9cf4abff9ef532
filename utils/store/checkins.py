"""Writing a check-in: one new row in the sheet's ``updates`` tab, and this server's memory of it.

The only write the dashboard ever makes is an append (``GoogleSheetSource.append_row``: RAW,
INSERT_ROWS), so an editor's cells are never overwritten. A check-in carries a UUID made when
its form is shown; a save retried after a timeout sends the same id, and readers keep one row
per id (``utils.analysis.checkins.dedupe``).

Until the next read of the sheet, the check-ins this server saved are laid over the last good
workbook (:func:`overlay`): the page shows them at once, in a workbook with a new serial, so no
cached view of the older state is served.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import pandas as pd

from utils.sheet.contract import UPDATES, header_lookup, normalise_label
from utils.sheet.parse import BISHKEK, ROW, TabStats, Workbook
from utils.sources.base import Cell, Source, SourceConfigError, SourceError

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
"""How both times are written: ISO 8601 with a space, which the sheet keeps as text (RAW)
and the parser reads in any locale."""


class Writable(Protocol):
    """A source that can append rows (only the Google Sheet source, with check-ins on)."""

    writable: bool

    def header(self, tab_title: str) -> list[Cell]: ...

    def append_row(self, tab_title: str, values: Sequence[str]) -> str: ...


class CheckInError(SourceError):
    """A check-in could not be saved; ``user_message`` says why in plain words."""


@dataclass(frozen=True)
class CheckIn:
    """One change decided at the meeting, as one row of the ``updates`` tab."""

    update_id: str
    time_utc: datetime  # aware
    who: str
    target: str
    field: str
    old_value: str
    new_value: str

    @property
    def time_local(self) -> datetime:
        """The same moment in Bishkek."""
        return self.time_utc.astimezone(BISHKEK)

    def values(self) -> dict[str, str]:
        """The row's text by canonical column name."""
        return {
            "update_id": self.update_id,
            "time_utc": self.time_utc.astimezone(UTC).strftime(TIME_FORMAT),
            "time_local": self.time_local.strftime(TIME_FORMAT),
            "who": self.who,
            "target": self.target,
            "field": self.field,
            "old_value": self.old_value,
            "new_value": self.new_value,
        }


def new_update_id() -> str:
    """A fresh check-in id (made when a form is shown, kept until the save is confirmed)."""
    return str(uuid.uuid4())


def row_for(header: Sequence[Cell], check_in: CheckIn) -> list[str]:
    """The check-in's values in the order of the tab's own header (in any language, any
    order); raises CheckInError when a needed column is missing."""
    lookup = header_lookup(UPDATES)
    names = [lookup.get(normalise_label(cell)) if cell is not None else None for cell in header]
    missing = [
        column.name for column in UPDATES.columns if column.required and column.name not in names
    ]
    if missing:
        raise CheckInError(
            "The updates tab lacks the column(s) " + ", ".join(missing) + ". Copy its header "
            "row from the template.",
            reason="tab_missing",
        )
    values = check_in.values()
    seen: set[str] = set()
    row: list[str] = []
    for name in names:
        # A column named twice is filled once, as the parser reads only the first.
        row.append(values[name] if name is not None and name not in seen else "")
        if name is not None:
            seen.add(name)
    while row and row[-1] == "":
        row.pop()
    return row


def save(source: Source, tab_title: str | None, check_in: CheckIn) -> str:
    """Append ``check_in`` to the ``updates`` tab (its title in the sheet: ``tab_title``);
    return the range written. Raises CheckInError or the source's SourceError."""
    if not getattr(source, "writable", False):
        raise SourceConfigError(
            "Check-ins need a Google Sheet the dashboard may write to "
            "([app] check_ins = true and Editor rights for the service account).",
        )
    if tab_title is None:
        raise CheckInError(
            "The sheet has no tab for check-ins. Add a tab named 'updates' with the header row "
            "from the template.",
            reason="tab_missing",
        )
    writer: Writable = source  # type: ignore[assignment]
    return writer.append_row(tab_title, row_for(writer.header(tab_title), check_in))


@dataclass
class Confirmed:
    """The check-ins this server saved, until a read of the sheet brings them back."""

    _items: list[CheckIn] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    version: int = 0  # a new number for every change, so an overlay is rebuilt once

    def add(self, check_in: CheckIn) -> None:
        """Remember a check-in the sheet confirmed (once per id)."""
        with self._lock:
            if all(item.update_id != check_in.update_id for item in self._items):
                self._items.append(check_in)
                self.version += 1

    def items(self) -> tuple[CheckIn, ...]:
        """Every remembered check-in, oldest first."""
        with self._lock:
            return tuple(self._items)

    def forget(self, update_ids: set[str]) -> None:
        """Drop the check-ins a read of the sheet now holds."""
        with self._lock:
            kept = [item for item in self._items if item.update_id.casefold() not in update_ids]
            if len(kept) != len(self._items):
                self._items = kept
                self.version += 1


def sheet_ids(workbook: Workbook) -> set[str]:
    """The update ids the workbook's ``updates`` tab holds (folded)."""
    return {str(v).strip().casefold() for v in workbook["updates"]["update_id"]}


def overlay(workbook: Workbook, check_ins: Sequence[CheckIn]) -> Workbook:
    """``workbook`` with the check-ins it does not hold yet added to its ``updates`` frame, as a
    new workbook (a new serial); the same object when there is nothing to add."""
    held = sheet_ids(workbook)
    new = [c for c in check_ins if c.update_id.casefold() not in held]
    if not new:
        return workbook
    frame = workbook["updates"]
    added = pd.DataFrame(
        {
            ROW: [0] * len(new),  # not in the sheet yet: no row to point at
            "update_id": [c.update_id for c in new],
            "time_utc": [
                pd.Timestamp(c.time_utc.astimezone(UTC).replace(tzinfo=None)) for c in new
            ],
            "time_local": [pd.Timestamp(c.time_local.replace(tzinfo=None)) for c in new],
            "who": [c.who for c in new],
            "target": [c.target for c in new],
            "field": [c.field for c in new],
            "old_value": [c.old_value for c in new],
            "new_value": [c.new_value for c in new],
        }
    )
    combined = pd.concat([frame, added.astype(frame.dtypes.to_dict())], ignore_index=True)
    stats = dict(workbook.stats)
    before = stats.get("updates", TabStats(None))
    stats["updates"] = TabStats(before.title, before.rows_read, len(combined))
    frames = {**workbook.frames, "updates": combined}
    return Workbook(frames=frames, problems=workbook.problems, stats=stats)
