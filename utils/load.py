"""One cached workbook per refresh, shared by every session, with a last-good snapshot on disk.

This is the only module (with the sources it calls) that touches the network or the disk. Each
refresh period costs one read of the source whatever the number of viewers: the parsed workbook
is held by ``st.cache_resource`` keyed by the refresh epoch. When the source fails, the last good
snapshot is used and the pages say how old it is and why.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import streamlit as st

from utils.i18n import set_display_timezone
from utils.maps import BoundarySet, load_boundaries
from utils.parse import Workbook, parse_workbook
from utils.settings import Settings, read_settings
from utils.sources.base import Formatted, RawWorkbook, SourceConfigError, SourceError

log = logging.getLogger("united_voices.load")

HISTORY_KEEP = 120  # daily snapshots kept for "what changed since the last meeting"


@dataclass(frozen=True)
class Stale:
    """Why the data shown are not fresh: the plain-words reason and the snapshot's time."""

    reason: str
    saved_at: datetime


@dataclass(frozen=True)
class Loaded:
    """What every page reads: the workbook (or why there is none) and where it came from."""

    workbook: Workbook | None
    as_of: datetime | None  # when the data were read from the source (UTC)
    source_label: str
    is_sample: bool
    stale: Stale | None = None
    failure: str | None = None  # set when there is no data at all (cold start, nothing saved)
    threshold: int = 10


@dataclass
class SourceHealth:
    """Counters an admin can read: requests made, last error, last success."""

    refreshes: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None
    last_success_at: datetime | None = None


_HEALTH = SourceHealth()
_REFRESH_LOCK = threading.Lock()
_refresh_generation = 0
_last_refresh = 0.0


# --- Snapshots ------------------------------------------------------------------------------


def _encode(cell: object) -> object:
    """JSON-safe cell: dates and datetimes become tagged ISO strings, a formatted cell a tagged
    [value, format, shown] triple."""
    if isinstance(cell, Formatted):
        return {"$f": [_encode(cell.value), cell.format, cell.shown]}
    if isinstance(cell, datetime):
        return {"$dt": cell.isoformat()}
    if isinstance(cell, date):
        return {"$d": cell.isoformat()}
    return cell


def _decode(cell: object) -> object:
    """Inverse of ``_encode``."""
    if isinstance(cell, dict):
        if "$f" in cell:
            value, number_format, shown = cell["$f"]
            return Formatted(_decode(value), str(number_format), str(shown))  # type: ignore[arg-type]
        if "$dt" in cell:
            return datetime.fromisoformat(cell["$dt"])
        if "$d" in cell:
            return date.fromisoformat(cell["$d"])
    return cell


def save_snapshot(directory: Path, raw: RawWorkbook, label: str, saved_at: datetime) -> None:
    """Write the raw workbook as the latest good copy, and as today's copy in the history."""
    directory.mkdir(parents=True, exist_ok=True)
    body = json.dumps(
        {
            "label": label,
            "saved_at": saved_at.isoformat(),
            "tabs": {
                title: [[_encode(c) for c in row] for row in grid] for title, grid in raw.items()
            },
        },
        ensure_ascii=False,
    )
    for path in (directory / "latest.json", directory / "history" / f"{saved_at.date()}.json"):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(body, encoding="utf-8")
        os.replace(temporary, path)  # atomic: a reader never sees half a snapshot
    history = sorted((directory / "history").glob("*.json"))
    for old in history[:-HISTORY_KEEP]:
        old.unlink(missing_ok=True)


def read_snapshot(path: Path) -> tuple[RawWorkbook, str, datetime] | None:
    """A saved raw workbook with its source label and time, or None when absent or unreadable."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        raw = {t: [[_decode(c) for c in row] for row in grid] for t, grid in body["tabs"].items()}
        return raw, str(body["label"]), datetime.fromisoformat(body["saved_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def history(directory: Path) -> list[tuple[datetime, RawWorkbook]]:
    """Daily snapshots, oldest first, for comparing the workbook over time."""
    found = []
    for path in sorted((directory / "history").glob("*.json")):
        snapshot = read_snapshot(path)
        if snapshot is not None:
            found.append((snapshot[2], snapshot[0]))
    return found


# --- Loading --------------------------------------------------------------------------------


def load_once(settings: Settings, *, now: datetime | None = None) -> Loaded:
    """Read the source once, falling back to the last good snapshot; never raises."""
    now = now or datetime.now(UTC)
    source = settings.source
    latest = settings.snapshot_dir / "latest.json"
    common = {
        "source_label": source.label,
        "is_sample": settings.is_sample,
        "threshold": settings.threshold,
    }
    try:
        raw = source.read()
        workbook = parse_workbook(raw)
        missing = workbook.missing_core_tabs
        if missing and not settings.is_sample:
            raise SourceError(
                f"The tab '{missing[0]}' was not found in the sheet. "
                "Was it renamed? Its name must be one of those in the editors' guide.",
                reason="tab_missing",
            )
    except SourceError as err:
        return _fall_back(settings, err.user_message, latest, common, now)
    except Exception:  # a bug must not put a traceback on a shared screen
        log.exception("reading %s failed unexpectedly", source.label)
        return _fall_back(
            settings,
            "The data could not be read because of an unexpected error. "
            "It has been logged on the server.",
            latest,
            common,
            now,
        )
    _HEALTH.refreshes += 1
    _HEALTH.last_success_at = now
    if not settings.is_sample:
        try:
            save_snapshot(settings.snapshot_dir, raw, source.label, now)
        except OSError:
            log.exception("could not save the snapshot")
    return Loaded(workbook=workbook, as_of=now, **common)


def _fall_back(
    settings: Settings, reason: str, latest: Path, common: Mapping[str, Any], now: datetime
) -> Loaded:
    """The last good snapshot with the reason it is shown, or a clear failure."""
    log.warning("source failed: %s", reason)
    _HEALTH.last_error, _HEALTH.last_error_at = reason, now
    snapshot = read_snapshot(latest)
    if snapshot is None:
        return Loaded(workbook=None, as_of=None, failure=reason, **common)
    raw, _label, saved_at = snapshot
    return Loaded(
        workbook=parse_workbook(raw), as_of=saved_at, stale=Stale(reason, saved_at), **common
    )


def _secrets() -> Mapping[str, Any]:
    """``st.secrets`` as a plain mapping, empty when there is no secrets file."""
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml, or one Streamlit cannot parse: run on the sample
        return {}


@st.cache_resource(show_spinner=False)
def settings() -> Settings | str:
    """The configured source, built once per process (so metadata is fetched once), or the
    plain-words reason the configuration cannot be used."""
    try:
        configured = read_settings(_secrets(), os.environ)
    except SourceConfigError as err:
        set_display_timezone(None)
        return err.user_message
    set_display_timezone(configured.timezone)  # every time a person reads follows it
    return configured


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_epoch(epoch: int, generation: int) -> Loaded:
    """One load per (refresh period, manual refresh); every session shares the result."""
    configured = settings()
    if isinstance(configured, str):
        return Loaded(
            workbook=None, as_of=None, source_label="—", is_sample=False, failure=configured
        )
    return load_once(configured)


def get_data() -> Loaded:
    """The workbook every page shows; fresh at most ``ttl_seconds`` ago."""
    configured = settings()
    ttl = configured.ttl_seconds if isinstance(configured, Settings) else 600
    return _load_epoch(int(time.time() // ttl), _refresh_generation)


def request_refresh() -> int:
    """Ask for fresh data now; returns 0 when granted, else the seconds to wait.

    Rate-limited for the whole server so a room of people clicking cannot exhaust the quota.
    """
    global _refresh_generation, _last_refresh
    configured = settings()
    interval = configured.min_refresh_seconds if isinstance(configured, Settings) else 30
    with _REFRESH_LOCK:
        wait = int(_last_refresh + interval - time.monotonic())
        if wait > 0:
            return wait
        _last_refresh = time.monotonic()
        _refresh_generation += 1
    if isinstance(configured, Settings) and hasattr(configured.source, "reset_tabs"):
        configured.source.reset_tabs()  # an editor may have added a tab: list the tabs again
    return 0


@st.cache_resource(show_spinner=False)
def boundaries() -> BoundarySet | None:
    """The configured boundary file, read and simplified once per process; None when not set
    or unreadable (the map then draws the nine units as markers)."""
    configured = settings()
    if not isinstance(configured, Settings) or configured.boundaries is None:
        return None
    try:
        return load_boundaries(configured.boundaries)
    except (OSError, ValueError, KeyError, TypeError):
        log.exception("the boundary file could not be read; drawing markers instead")
        return None


def boundaries_configured() -> bool:
    """True when a deployer named a boundary file (whether or not it could be read)."""
    configured = settings()
    return isinstance(configured, Settings) and configured.boundaries is not None


def source_health() -> dict[str, object]:
    """Admin view of the source: requests made, refreshes, last error, snapshot age."""
    configured = settings()
    requests = (
        getattr(configured.source, "request_count", None)
        if isinstance(configured, Settings)
        else None
    )
    latest = configured.snapshot_dir / "latest.json" if isinstance(configured, Settings) else None
    snapshot = read_snapshot(latest) if latest else None
    return {
        "source": configured.source.label if isinstance(configured, Settings) else "—",
        "api_requests": requests,
        "refreshes": _HEALTH.refreshes,
        "last_success_at": _HEALTH.last_success_at,
        "last_error": _HEALTH.last_error,
        "last_error_at": _HEALTH.last_error_at,
        "snapshot_saved_at": snapshot[2] if snapshot else None,
    }


@st.cache_resource(show_spinner=False, max_entries=2)
def _history_epoch(epoch: int, generation: int) -> list[tuple[datetime, RawWorkbook]]:
    """The saved daily snapshots, read once per refresh period for every session."""
    configured = settings()
    return history(configured.snapshot_dir) if isinstance(configured, Settings) else []


def snapshot_history() -> list[tuple[datetime, RawWorkbook]]:
    """Saved daily snapshots of the configured source, oldest first (empty for the sample)."""
    configured = settings()
    ttl = configured.ttl_seconds if isinstance(configured, Settings) else 600
    return _history_epoch(int(time.time() // ttl), _refresh_generation)
