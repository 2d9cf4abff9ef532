"""The workbook every page shows: stale-while-revalidate, shared by every session, with a
last-good snapshot on disk.

This is the only module (with the sources it calls) that touches the network or the disk. One
``Refresher`` (utils/store/refresh.py) per server holds the last good workbook; a page gets it at
once, and a refresh that is due runs in a background thread, one at a time for the server.
A failing source is remembered by a circuit breaker, so the next tries back off (up to one
refresh period) and the banner can say when the next one is. Only a cold start with nothing in
memory and nothing on disk waits for the source, and for at most one request timeout (plus a
small margin).
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import streamlit as st

from utils.i18n import set_display_timezone
from utils.sheet.contract import match_tab
from utils.sheet.parse import BISHKEK, Workbook, parse_workbook
from utils.sources import files
from utils.sources.base import Formatted, RawWorkbook, SourceConfigError, SourceError
from utils.store import refresh
from utils.store.boundaries import BoundarySet, load_boundaries, load_default_boundaries
from utils.store.refresh import Failure, Refresher, Status
from utils.store.settings import Settings, read_settings

log = logging.getLogger("united_voices.load")

HISTORY_KEEP = 120  # daily snapshots kept for "what changed since the last meeting"
COLD_START_MARGIN = 2.0  # seconds a cold start waits beyond one request timeout
LOCAL_READ_WAIT = 30.0  # a local file has no request timeout: how long a cold start waits
UNEXPECTED = (
    "The data could not be read because of an unexpected error. It has been logged on the server."
)


@dataclass(frozen=True)
class Loaded:
    """What every page reads: the workbook (or why there is none) and where it came from."""

    workbook: Workbook | None
    as_of: datetime | None  # when the data were read from the source (UTC)
    source_label: str
    is_sample: bool
    failure: Failure | None = None  # the last read failed: stale data, or none at all
    reading: bool = False  # a read of the source is running in the background
    from_disk: bool = False  # the data are the saved copy, not yet confirmed by a read
    finished: int = 0  # reads finished in this process (a page polls it for a change)
    checked_at: datetime | None = None  # when this state was taken (for "in 4 minutes")
    wait_seconds: float = 0.0  # how long a cold start waited for the source
    threshold: int = 10

    @property
    def is_stale(self) -> bool:
        """True when the data shown are an older copy because the last read failed."""
        return self.workbook is not None and self.failure is not None


@dataclass
class SourceHealth:
    """Counters an admin can read: requests made, last error, last success."""

    refreshes: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None
    last_success_at: datetime | None = None


_HEALTH = SourceHealth()
_REFRESH_LOCK = threading.Lock()
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
        # A name of this writer's own, so two replicas sharing the folder never write into one
        # temporary file; os.replace is atomic: a reader never sees half a snapshot.
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(body)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
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


def sample_history(path: Path = files.SAMPLE_HISTORY_PATH) -> list[tuple[datetime, RawWorkbook]]:
    """The bundled sample's earlier versions, oldest first, in the shape of ``history``.

    The sample keeps no snapshots of its own; ``data/make_sample.py`` writes its documented
    earlier versions (``data/sample_history.py``) once, to ``data/sample_history.xlsx``: one tab
    per meeting, named by its day (2026-03-20), holding the milestones tab as it stood then.
    Each counts as saved at the start of its day in Bishkek. Empty when the file is unreadable.
    """
    try:
        raw = files.XlsxSource(path, sample=True).read()
    except SourceError as err:
        log.warning("the sample's history cannot be read: %s", err)
        return []
    found = []
    for title, grid in raw.items():
        try:
            day = date.fromisoformat(title.strip())
        except ValueError:
            continue
        saved_at = datetime(day.year, day.month, day.day, tzinfo=BISHKEK)
        found.append((saved_at, {"milestones": grid}))
    return sorted(found, key=lambda entry: entry[0])


# --- Loading --------------------------------------------------------------------------------


def _common(settings: Settings) -> dict[str, Any]:
    return {
        "source_label": settings.source.label,
        "is_sample": settings.is_sample,
        "threshold": settings.threshold,
    }


def read_fresh(settings: Settings, *, forced: bool = False, now: datetime | None = None) -> Loaded:
    """Read, parse and check the source once, and save the snapshot; raises SourceError.

    ``forced`` (an editor's "Refresh now") lists the tabs again first: one may have been added.
    """
    source = settings.source
    if forced and hasattr(source, "reset_tabs"):
        source.reset_tabs()
    now = now or refresh.utc_now()
    if settings.is_sample or request_timeout(settings) is None:
        return _checked(settings, source.read(), now)
    # Replicas sharing the snapshot folder read the sheet once per period between them: the
    # first takes the lock and reads, the others find its fresh copy and use it.
    with _shared_refresh_lock(settings.snapshot_dir):
        shared = None if forced else _fresh_shared_copy(settings, now)
        if shared is not None:
            raw, saved_at = shared
            log.info("using the copy another replica read at %s", saved_at.isoformat())
            return _checked(settings, raw, saved_at, save=False)
        return _checked(settings, source.read(), now)


def _checked(settings: Settings, raw: RawWorkbook, now: datetime, *, save: bool = True) -> Loaded:
    """Parse and check a raw workbook read at ``now``, and save it as the latest snapshot."""
    source = settings.source
    workbook = parse_workbook(raw)
    missing = workbook.missing_core_tabs
    if missing and not settings.is_sample:
        raise SourceError(
            f"The tab '{missing[0]}' was not found in the sheet. "
            "Was it renamed? Its name must be one of those in the editors' guide.",
            reason="tab_missing",
        )
    _HEALTH.refreshes += 1
    _HEALTH.last_success_at = now
    if save and not settings.is_sample:
        try:
            save_snapshot(settings.snapshot_dir, raw, source.label, now)
        except OSError:
            log.exception("could not save the snapshot")
    return Loaded(workbook=workbook, as_of=now, **_common(settings))


SHARED_LOCK_WAIT = 120.0  # seconds a replica waits for another's read before reading itself


@contextmanager
def _shared_refresh_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on the snapshot folder's ``.refresh.lock`` (``flock``): one replica
    reads the source at a time. Waits at most ``SHARED_LOCK_WAIT``, then reads anyway: a stuck
    replica must not stop the others."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = open(directory / ".refresh.lock", "a+")  # noqa: SIM115 (held across the yield)
    except OSError:
        log.exception("no refresh lock in the snapshot folder; reading without it")
        yield
        return
    try:
        deadline = time.monotonic() + SHARED_LOCK_WAIT
        locked = False
        while not locked:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    log.warning("another replica holds the refresh lock too long; reading")
                    break
                time.sleep(0.2)
        yield
    finally:
        handle.close()  # closing releases the lock


def _fresh_shared_copy(settings: Settings, now: datetime) -> tuple[RawWorkbook, datetime] | None:
    """The latest snapshot when another replica saved it, from this source, less than a refresh
    period ago; None otherwise."""
    snapshot = read_snapshot(settings.snapshot_dir / "latest.json")
    if snapshot is None:
        return None
    raw, label, saved_at = snapshot
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    age = (now - saved_at).total_seconds()
    if label != settings.source.label or not 0 <= age < settings.ttl_seconds:
        return None
    return raw, saved_at


def describe_failure(err: Exception) -> tuple[str, str]:
    """(reason code, plain-words cause) of a failed read; call it inside the ``except``."""
    if isinstance(err, SourceError):
        reason, detail = err.reason, err.user_message
    else:  # a bug must not put a traceback on a shared screen
        log.exception("reading the source failed unexpectedly")
        reason, detail = "unexpected", UNEXPECTED
    log.warning("source failed (%s): %s", reason, detail)
    _HEALTH.last_error, _HEALTH.last_error_at = detail, refresh.utc_now()
    return reason, detail


def saved_copy(settings: Settings) -> Loaded | None:
    """The last good snapshot, parsed, to start from; None for the sample or when none is saved."""
    if settings.is_sample:
        return None
    snapshot = read_snapshot(settings.snapshot_dir / "latest.json")
    if snapshot is None:
        return None
    raw, _label, saved_at = snapshot
    return Loaded(workbook=parse_workbook(raw), as_of=saved_at, **_common(settings))


def load_once(settings: Settings, *, now: datetime | None = None) -> Loaded:
    """Read the source once, now, falling back to the last good snapshot; never raises.

    The synchronous path (scripts, tests); pages use ``get_data``, which never waits.
    """
    now = now or refresh.utc_now()
    try:
        return read_fresh(settings, now=now)
    except Exception as err:
        reason, detail = describe_failure(err)
    failure = Failure(reason, detail, now)
    copy = saved_copy(settings)
    if copy is None:
        return Loaded(workbook=None, as_of=None, failure=failure, **_common(settings))
    return dataclasses.replace(copy, failure=failure)


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


@st.cache_resource(show_spinner=False)
def refresher() -> Refresher[Loaded] | None:
    """The one refresher of the server (None when the settings cannot be used)."""
    configured = settings()
    if isinstance(configured, str):
        return None
    return Refresher(
        lambda forced: read_fresh(configured, forced=forced),
        period=configured.ttl_seconds,
        describe=describe_failure,
        seed=lambda: saved_copy(configured),
    )


def request_timeout(configured: Settings) -> float | None:
    """The per-request timeout of a source that reads over the network; None for a local file."""
    timeout = getattr(configured.source, "timeout", None)
    return float(timeout) if isinstance(timeout, int | float) else None


def cold_start_wait(configured: Settings) -> float:
    """How long a page may wait when there are no data at all: one request timeout and a margin."""
    timeout = request_timeout(configured)
    return (LOCAL_READ_WAIT if timeout is None else timeout) + COLD_START_MARGIN


def _loaded(configured: Settings, status: Status[Loaded], wait: float) -> Loaded:
    """What a page shows for ``status``: the last good data with the state of the refresh."""
    base = status.value or Loaded(workbook=None, as_of=None, **_common(configured))
    return dataclasses.replace(
        base,
        failure=status.failure,
        reading=status.reading,
        from_disk=status.value is not None and status.successes == 0,
        finished=status.finished,
        checked_at=status.now,
        wait_seconds=wait,
    )


def get_data() -> Loaded:
    """The workbook every page shows, at once; a refresh that is due starts in the background.

    Only with no data at all (nothing read yet, no snapshot) does it wait for the running read,
    at most one request timeout and a margin after that read began (a local file's first read
    is awaited even when a snapshot exists).
    """
    configured = settings()
    running = refresher()
    if isinstance(configured, str) or running is None:
        failure = Failure("config", configured if isinstance(configured, str) else "")
        return Loaded(workbook=None, as_of=None, source_label="—", is_sample=False, failure=failure)
    wait = cold_start_wait(configured)
    # A local file cannot hang on a network: its first read is awaited even with a saved copy,
    # so a restart shows the file as it is now, not yesterday's snapshot.
    local = request_timeout(configured) is None
    return _loaded(configured, running.status(wait=wait, confirm_copy=local), wait)


def reads_finished() -> int:
    """How many reads of the source have finished; starts nothing (pages poll it)."""
    running = refresher()
    return running.peek().finished if running is not None else 0


def request_refresh() -> int:
    """Ask for fresh data now; returns 0 when granted, else the seconds to wait.

    Rate-limited for the whole server so a room of people clicking cannot exhaust the quota.
    The read runs in the background (the tab list is read again first: an editor may have
    added a tab); the page shows the data it has until then.
    """
    global _last_refresh
    configured = settings()
    interval = configured.min_refresh_seconds if isinstance(configured, Settings) else 30
    with _REFRESH_LOCK:
        wait = int(_last_refresh + interval - time.monotonic())
        if wait > 0:
            return wait
        _last_refresh = time.monotonic()
    running = refresher()
    if running is not None:
        running.request()
    return 0


@st.cache_resource(show_spinner=False)
def boundaries() -> BoundarySet | None:
    """The map's boundaries, read and simplified once per process: the deployer's file when
    one is set and readable, else the bundled Natural Earth map; None only when neither can
    be read (the map then draws the nine units as markers)."""
    configured = settings()
    if isinstance(configured, Settings) and configured.boundaries is not None:
        try:
            return load_boundaries(configured.boundaries)
        except (OSError, ValueError, KeyError, TypeError):
            log.exception("the boundary file could not be read; drawing the bundled map")
    try:
        return load_default_boundaries()
    except (OSError, ValueError, KeyError, TypeError):
        log.exception("the bundled boundary file could not be read; drawing markers instead")
        return None


def boundaries_configured() -> bool:
    """True when a deployer named a boundary file (whether or not it could be read)."""
    configured = settings()
    return isinstance(configured, Settings) and configured.boundaries is not None


def source_health() -> dict[str, object]:
    """Admin view of the source: requests made, refreshes, last error, snapshot age, and the
    circuit breaker (failures in a row, when the next read is due)."""
    configured = settings()
    requests = (
        getattr(configured.source, "request_count", None)
        if isinstance(configured, Settings)
        else None
    )
    latest = configured.snapshot_dir / "latest.json" if isinstance(configured, Settings) else None
    snapshot = read_snapshot(latest) if latest else None
    running = refresher()
    status = running.peek() if running is not None else None
    return {
        "source": configured.source.label if isinstance(configured, Settings) else "—",
        "api_requests": requests,
        # Check-ins (appends) count against the same quota as reads; shown per minute.
        "writes_per_minute": source.writes_per_minute()
        if (source := getattr(configured, "source", None)) is not None
        and getattr(source, "writable", False)
        else None,
        "refreshes": _HEALTH.refreshes,
        "last_success_at": _HEALTH.last_success_at,
        "last_error": _HEALTH.last_error,
        "last_error_at": _HEALTH.last_error_at,
        "snapshot_saved_at": snapshot[2] if snapshot else None,
        "failures_in_a_row": running.breaker.failures if running is not None else 0,
        "next_read_at": status.next_try_at if status else None,
        "reading": bool(status and status.reading),
    }


@st.cache_resource(show_spinner=False, max_entries=2)
def _history_after(successes: int) -> list[tuple[datetime, RawWorkbook]]:
    """The saved daily snapshots, read again only after a successful refresh saved one."""
    configured = settings()
    if not isinstance(configured, Settings):
        return []
    return sample_history() if configured.is_sample else history(configured.snapshot_dir)


def _successes() -> int:
    """Successful refreshes of this server so far (0 when the settings cannot be used)."""
    running = refresher()
    return running.peek().successes if running is not None else 0


def snapshot_history() -> list[tuple[datetime, RawWorkbook]]:
    """Saved daily snapshots of the configured source, oldest first (for the bundled sample, its
    documented earlier versions: ``sample_history``)."""
    return _history_after(_successes())


@st.cache_resource(show_spinner=False, max_entries=8)
def _snapshot_workbook(
    successes: int, saved_at: datetime, tabs: tuple[str, ...]
) -> Workbook | None:
    """One snapshot parsed, once per successful refresh (see ``snapshot_workbook``)."""
    return parse_snapshot(_history_after(successes), saved_at, tabs)


def parse_snapshot(
    kept: list[tuple[datetime, RawWorkbook]], saved_at: datetime, tabs: tuple[str, ...]
) -> Workbook | None:
    """The copy of ``kept`` (a history) saved at ``saved_at``, parsed on its own day in Bishkek
    with only ``tabs``; None when it is not there. Pure: the command-line pack uses it too."""
    for when, raw in kept:
        if when == saved_at:
            moment = when if when.tzinfo else when.replace(tzinfo=UTC)
            titles: dict[str, str] = {}
            for title in raw:  # the first tab that matches each wanted one, as the parser does
                tab = match_tab(title)
                if tab is not None and tab.name in tabs:
                    titles.setdefault(tab.name, title)
            subset = {title: raw[title] for title in titles.values()}
            return parse_workbook(subset, today=moment.astimezone(BISHKEK).date())
    return None


def snapshot_workbook(saved_at: datetime, tabs: tuple[str, ...]) -> Workbook | None:
    """The snapshot of ``snapshot_history()`` saved at ``saved_at``, parsed on its own day in
    Bishkek with only ``tabs`` (the other tabs are empty); None when it is no longer kept.

    The same object, with the same serial, on every rerun until the next successful refresh,
    so a view cached on it (``utils/web/cache.py``) is found again.
    """
    return _snapshot_workbook(_successes(), saved_at, tabs)
