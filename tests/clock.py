"""A wall clock tests move by hand, and a source they can hold blocked: outages without waiting."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from utils.sources.base import RawWorkbook, SourceError, SourceUnavailable
from utils.store import refresh

START = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 14:00 in Bishkek
HOLD_LIMIT = 90.0
"""A held read gives up after this long. Tests release it well before; an implementation that
reads in the page itself (as before stale-while-revalidate) then fails on AppTest's 60 s
timeout instead of hanging the suite. A limit, not a measurement."""


class FakeClock:
    """Stands in for ``utils.store.refresh.utc_now``: the refresh schedule, the breaker and the
    banners all read it, so a test can step past a refresh period or a breaker's wait."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def to(self, moment: datetime) -> None:
        self.now = moment


def install_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the app's wall clock with a FakeClock."""
    clock = FakeClock()
    monkeypatch.setattr(refresh, "utc_now", clock)
    return clock


def settle(timeout: float = 60.0) -> None:
    """Wait until the server's background read (if any) has ended. A synchronisation, not a
    measurement: nothing is asserted about how long it takes."""
    from utils.store import load

    running = load.refresher()
    assert running is not None
    assert running.wait_idle(timeout), "the background read did not end"


@dataclass
class HeldSource:
    """A source whose reads answer as the test says, and can be held blocked.

    ``hold()`` makes the next reads wait on an event until ``release(outcome)``; while held,
    ``blocked`` is set once a read is waiting, so a test knows the source is in use.
    """

    workbook: RawWorkbook
    label: str = "held sheet"
    # A cold start waits this long (plus load.COLD_START_MARGIN). Longer than the pages' AppTest
    # timeout (60 s): a page that waited for a held source while a good copy exists fails.
    timeout: float = 75.0
    reads: int = 0
    failure: SourceError | None = None
    _gate: threading.Event = field(default_factory=threading.Event)
    blocked: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._gate.set()

    def hold(self) -> None:
        self._gate.clear()

    def release(self, failure: SourceError | None = None) -> None:
        self.failure = failure
        self._gate.set()

    @property
    def held(self) -> bool:
        return not self._gate.is_set()

    def read(self) -> RawWorkbook:
        self.reads += 1
        if not self._gate.is_set():
            self.blocked.set()
            released = self._gate.wait(HOLD_LIMIT)
            self.blocked.clear()
            if not released:  # a page read in its own thread would otherwise hang the suite
                raise SourceUnavailable("held past the limit", reason="timeout")
        if self.failure is not None:
            raise self.failure
        return self.workbook
