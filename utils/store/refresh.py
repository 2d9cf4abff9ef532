"""Stale-while-revalidate for one shared value: a background refresh, one at a time, and a
circuit breaker that remembers a failing source.

Pure Python (threads, no Streamlit). ``utils/store/load.py`` keeps one ``Refresher`` for the whole
server; every page asks it for ``status()``, which answers at once with the last good value and,
when a refresh is due, starts one in a background thread. Only a cold start (no value in memory
and none on disk) waits, and then for at most ``wait`` seconds after the read began.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

log = logging.getLogger("united_voices.refresh")

T = TypeVar("T")
Clock = Callable[[], datetime]

BREAKER_BASE_SECONDS = 30.0
"""The wait after the first failed refresh; it doubles with each failure up to the period."""


def utc_now() -> datetime:
    """The wall clock (aware, UTC). Tests replace it to move time without waiting."""
    return datetime.now(UTC)


@dataclass
class Breaker:
    """Remembers a failing source: after each failed refresh the next try waits longer.

    The wait doubles from ``base`` seconds and never exceeds ``cap`` (the refresh period); up
    to a quarter of it is taken off at random, so that retries do not fall in step. A success
    forgets the failures.
    """

    cap: float
    base: float = BREAKER_BASE_SECONDS
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0
    next_try_at: datetime | None = None

    def allows(self, now: datetime) -> bool:
        """True when a try may be made at ``now``."""
        return self.next_try_at is None or now >= self.next_try_at

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failures in a row: growing, jittered, capped."""
        step = min(self.cap, self.base * 2 ** min(max(failures - 1, 0), 32))
        return step * self.rng.uniform(0.75, 1.0)

    def record_failure(self, now: datetime) -> datetime:
        """Count a failed try at ``now``; returns when the next try may be made."""
        self.failures += 1
        self.next_try_at = now + timedelta(seconds=self.delay(self.failures))
        return self.next_try_at

    def record_success(self) -> None:
        """Forget the failures: the next refresh comes after a whole period, as usual."""
        self.failures = 0
        self.next_try_at = None


@dataclass(frozen=True)
class Failure:
    """Why the last read failed, and when the next one is due.

    ``reason`` is a stable code (``SourceError.reason``: quota, timeout, unavailable, forbidden,
    not_found, malformed, config, missing_file, tab_missing, unexpected); ``detail`` the plain
    words the source gave (English: for logs, the admin page and a maintainer's "details").
    """

    reason: str
    detail: str
    at: datetime | None = None  # when the failed read ended
    next_try_at: datetime | None = None  # when the next read is due (None: none planned)


@dataclass(frozen=True)
class Status(Generic[T]):
    """What a page is told, at once: the last good value and the state of the refresh."""

    value: T | None  # the last good value, None before the first
    refreshed_at: datetime | None  # the last successful refresh in this process (None: none yet)
    failure: Failure | None  # set when the last finished try failed, with its next try
    next_try_at: datetime | None  # when the next refresh is due (None: as soon as asked)
    reading: bool  # a refresh is running in the background
    finished: int  # tries finished so far, successful or not (pages poll for a change)
    successes: int  # successful refreshes so far
    now: datetime  # the moment this status describes


class Refresher(Generic[T]):
    """One value, refreshed in the background at most once at a time, for every session.

    ``fetch(forced)`` reads a fresh value or raises; ``describe(error)`` turns the error into
    ``(reason, detail)`` (it is called inside the ``except`` block, so it may log the
    traceback); ``seed()`` gives the value to start from (a snapshot on disk) or None.
    A refresh is due when none has succeeded in this process yet, or the last success is a
    ``period`` old; after a failure the breaker decides when the next try is.
    """

    def __init__(
        self,
        fetch: Callable[[bool], T],
        *,
        period: float,
        describe: Callable[[Exception], tuple[str, str]],
        seed: Callable[[], T | None] | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        breaker_base: float = BREAKER_BASE_SECONDS,
    ) -> None:
        self._fetch = fetch
        self._describe = describe
        self._seed = seed
        self._clock = clock
        self.period = float(period)
        self._breaker = Breaker(cap=self.period, base=breaker_base, rng=rng or random.Random())
        self._cond = threading.Condition()
        self._seeded = seed is None
        self._value: T | None = None
        self._refreshed_at: datetime | None = None
        self._failure: Failure | None = None
        self._reading = False
        self._reading_since = 0.0  # time.monotonic() when the running read began
        self._wanted = False  # "Refresh now": a refresh as soon as possible, breaker or not
        self._finished = 0
        self._successes = 0

    # -- what pages call -----------------------------------------------------------------------
    def status(self, *, wait: float = 0.0, confirm_copy: bool = False) -> Status[T]:
        """The state at once, starting a refresh when one is due.

        With no value yet (a cold start), wait until the running read ends, but no longer than
        ``wait`` seconds after it began: later callers do not wait again. ``confirm_copy`` waits
        the same way for the first read even when a saved value exists (for a local file,
        whose read cannot hang on a network).
        """
        with self._cond:
            self._seed_once()
            self._start_if_due()
            unconfirmed = self._value is None or (confirm_copy and self._finished == 0)
            if wait > 0 and unconfirmed and self._reading:
                finished = self._finished
                remaining = self._reading_since + wait - time.monotonic()
                if remaining > 0:
                    self._cond.wait_for(lambda: self._finished != finished, remaining)
            return self._status()

    def peek(self) -> Status[T]:
        """The state, starting nothing and waiting for nothing."""
        with self._cond:
            return self._status()

    def request(self) -> None:
        """Refresh as soon as possible, whatever the breaker says ("Refresh now").

        Starts a background refresh now, or right after the one running.
        """
        with self._cond:
            self._wanted = True
            self._start_if_due()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no refresh runs (for tests and benchmarks); False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._reading, timeout)

    @property
    def breaker(self) -> Breaker:
        """The circuit breaker (read it under no lock: for the admin view only)."""
        return self._breaker

    # -- inside --------------------------------------------------------------------------------
    def _now(self) -> datetime:
        return self._clock() if self._clock is not None else utc_now()

    def _seed_once(self) -> None:
        """Take the starting value once (called with the lock held)."""
        if self._seeded:
            return
        self._seeded = True
        assert self._seed is not None
        try:
            self._value = self._seed()
        except Exception:  # an unreadable snapshot must not stop the refresh
            log.exception("the saved copy could not be used")

    def _next_try(self) -> datetime | None:
        """When the next refresh is due (None: at once): a period after the last success, and
        not before the breaker allows it."""
        times = [self._breaker.next_try_at]
        if self._refreshed_at is not None:
            times.append(self._refreshed_at + timedelta(seconds=self.period))
        known = [moment for moment in times if moment is not None]
        return max(known) if known else None

    def _due(self, now: datetime) -> bool:
        if self._reading:
            return False
        if self._wanted:
            return True
        next_try = self._next_try()
        return next_try is None or now >= next_try

    def _start_if_due(self) -> None:
        """Start the background refresh when one is due (called with the lock held)."""
        if not self._due(self._now()):
            return
        forced, self._wanted = self._wanted, False
        self._reading = True
        self._reading_since = time.monotonic()
        thread = threading.Thread(target=self._run, args=(forced,), name="uv-refresh", daemon=True)
        thread.start()

    def _run(self, forced: bool) -> None:
        """One refresh, in the background thread."""
        value: T | None = None
        failure: tuple[str, str] | None = None
        try:
            value = self._fetch(forced)
        except Exception as err:
            failure = self._describe(err)
        finally:
            with self._cond:
                now = self._now()
                if failure is None and value is None:  # interrupted (BaseException)
                    failure = ("unexpected", "The refresh was interrupted.")
                if failure is not None:
                    self._failure = Failure(failure[0], failure[1], now)
                    self._breaker.record_failure(now)
                else:
                    self._value = value
                    self._refreshed_at = now
                    self._failure = None
                    self._breaker.record_success()
                    self._successes += 1
                self._finished += 1
                self._reading = False
                self._cond.notify_all()
                if self._wanted:
                    self._start_if_due()

    def _status(self) -> Status[T]:
        next_try = self._next_try()
        failure = self._failure
        return Status(
            value=self._value,
            refreshed_at=self._refreshed_at,
            failure=dataclasses.replace(failure, next_try_at=next_try) if failure else None,
            next_try_at=next_try,
            reading=self._reading,
            finished=self._finished,
            successes=self._successes,
            now=self._now(),
        )
