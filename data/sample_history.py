"""Earlier versions of the sample's milestones tab, so "what changed since the last meeting"
has something to compare on the bundled sample (which keeps no snapshots of its own).

The coalition of the sample met twice before the day its story is told from (27 Nov 2026):
the spring coordination meeting on 20 March 2026 and the autumn one on 2 October 2026.
``PAST_STATES`` holds, for each milestone that changed during 2026, its (status, progress) as
recorded on earlier dates; the version at a meeting takes, for every row, the current row when
its ``last_update`` is on or before the meeting, else its latest past state on or before it,
and leaves the row out when it had no state yet (it was added later). Everything else in the
row (objective, lead, dates) is as today. So, against the autumn meeting, the page shows:

- status changed: M-01 at risk -> delayed, M-03 on track -> at risk, M-10 on track -> at risk,
  M-19 on track -> at risk, M-24 not started -> on track;
- progress only: M-02 50->55, M-06 60->70, M-09 35->40, M-15 75->80, M-16 45->50,
  M-22 40->45, M-26 80->90 (and the status rows above moved too);
- new: M-31 (added on 1 Nov 2026); completed: none;
- became overdue (judged on each version's own day): M-11, M-23, M-27, and M-10 from
  28 Nov 2026 (on the 27th it is due that very day, so not yet late).

Against the spring meeting M-05 was completed and M-24, M-25, M-30 and M-31 are new.
Deterministic: no clock, no randomness; derived from ``data.make_sample.build_sample()``.

Part of the generator, never of the running app: ``python data/make_sample.py`` writes these
versions to ``data/sample_history.xlsx`` (``history_grids``: one tab per meeting, named by its
day), and the app reads that file (``utils.store.load.sample_history``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo

D = date  # the tables below read more easily with it

MEETINGS: Final = (
    datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Bishkek")),
    datetime(2026, 10, 2, 10, 0, tzinfo=ZoneInfo("Asia/Bishkek")),
)
"""When the sample coalition met, oldest first (Bishkek time)."""

PAST_STATES: Final[Mapping[str, tuple[tuple[date, str, int], ...]]] = {
    "M-01": ((D(2026, 2, 10), "at_risk", 45), (D(2026, 8, 5), "at_risk", 55)),
    "M-02": ((D(2026, 2, 12), "on_track", 35), (D(2026, 8, 20), "on_track", 50)),
    "M-03": ((D(2026, 2, 28), "on_track", 25), (D(2026, 9, 10), "on_track", 40)),
    "M-05": ((D(2026, 1, 20), "on_track", 90),),
    "M-06": ((D(2026, 3, 1), "on_track", 20), (D(2026, 9, 1), "on_track", 60)),
    "M-08": ((D(2026, 2, 15), "on_track", 35),),
    "M-09": ((D(2026, 2, 5), "on_track", 28), (D(2026, 8, 5), "on_track", 35)),
    "M-10": ((D(2026, 2, 20), "on_track", 45), (D(2026, 9, 18), "on_track", 70)),
    "M-11": ((D(2026, 3, 2), "on_track", 45),),
    "M-12": ((D(2026, 1, 15), "not_started", 0),),
    "M-15": ((D(2026, 2, 15), "on_track", 60), (D(2026, 8, 15), "on_track", 75)),
    "M-16": ((D(2026, 2, 18), "on_track", 30), (D(2026, 8, 18), "on_track", 45)),
    "M-17": ((D(2026, 3, 1), "at_risk", 30),),
    "M-19": ((D(2026, 3, 2), "not_started", 0), (D(2026, 8, 2), "on_track", 20)),
    "M-22": ((D(2026, 2, 12), "on_track", 25), (D(2026, 8, 12), "on_track", 40)),
    "M-23": ((D(2026, 3, 10), "at_risk", 35),),
    "M-24": ((D(2026, 5, 15), "not_started", 0),),
    "M-25": ((D(2026, 5, 1), "not_started", 0),),
    "M-26": ((D(2026, 2, 26), "on_track", 50), (D(2026, 8, 26), "on_track", 80)),
    "M-27": ((D(2026, 3, 1), "on_track", 55),),
    "M-28": ((D(2026, 2, 28), "on_track", 20),),
    "M-30": ((D(2026, 5, 1), "not_started", 0),),
}

Row = list[object]


def _as_date(value: object) -> date | None:
    """A grid cell holding a date (or datetime) as a date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def version_at(rows: Sequence[Row], day: date) -> list[Row]:
    """The milestones grid (header first) as it stood on ``day``."""
    header = [str(h) for h in rows[0]]
    col = {name: header.index(name) for name in ("id", "status", "progress", "last_update")}
    out: list[Row] = [list(rows[0])]
    for row in rows[1:]:
        updated = _as_date(row[col["last_update"]])
        if updated is not None and updated <= day:
            out.append(list(row))
            continue
        states = [s for s in PAST_STATES.get(str(row[col["id"]]), ()) if s[0] <= day]
        if not states:
            continue  # the row was added after ``day``
        when, status, progress = states[-1]
        old = list(row)
        old[col["status"]], old[col["progress"]], old[col["last_update"]] = status, progress, when
        out.append(old)
    return out


@cache
def _current_rows() -> tuple[tuple[object, ...], ...]:
    """Today's sample milestones grid, built once (the rest of the sample is not needed)."""
    from data.make_sample import build_sample

    return tuple(tuple(row) for row in build_sample()["milestones"])


def sample_history(
    rows: Sequence[Row] | None = None,
) -> list[tuple[datetime, dict[str, list[Row]]]]:
    """(meeting time, raw workbook holding only the milestones tab) for each meeting, oldest
    first: the same shape as ``utils.store.load.snapshot_history()``."""
    current = [list(r) for r in (rows if rows is not None else _current_rows())]
    return [(when, {"milestones": version_at(current, when.date())}) for when in MEETINGS]


def history_grids(rows: Sequence[Row] | None = None) -> dict[str, list[Row]]:
    """The file ``data/sample_history.xlsx`` as grids: one tab per meeting, oldest first, named
    by the meeting's day (2026-03-20) and holding the milestones grid as it stood then."""
    return {when.date().isoformat(): raw["milestones"] for when, raw in sample_history(rows)}
