"""The refresher on its own: the breaker's waits, one read at a time, answers that never wait
for a held source while a value exists, and "Refresh now". Nothing is timed: the source is
held on an event, the clock is a FakeClock."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator

import pytest

from data.make_sample import build_sample
from tests.clock import START, FakeClock, HeldSource
from utils.sources.base import SourceUnavailable
from utils.store.refresh import Breaker, Refresher, Status

TTL = 600
WORKBOOK = build_sample()
TIMEOUT = SourceUnavailable("Google Sheets did not answer within 1 seconds.", reason="timeout")


def test_the_breaker_waits_longer_after_each_failure_but_never_beyond_the_period() -> None:
    breaker = Breaker(cap=TTL, base=30, rng=random.Random(7))
    waits = []
    for _ in range(8):
        waits.append((breaker.record_failure(START) - START).total_seconds())
    steps = [min(TTL, 30 * 2**n) for n in range(8)]  # 30, 60, 120, 240, 480, 600, 600, 600
    assert all(0.75 * step <= wait <= step for wait, step in zip(waits, steps, strict=True))
    assert waits[0] < waits[2] < waits[4] and max(waits) <= TTL
    assert len({round(w, 6) for w in waits[5:]}) == 3, "capped waits are still jittered"
    breaker.record_success()
    assert breaker.allows(START) and breaker.failures == 0


def held_refresher(source: HeldSource, clock: FakeClock, seed: object = None) -> Refresher[object]:
    return Refresher(
        lambda forced: source.read(),
        period=TTL,
        describe=lambda err: (getattr(err, "reason", "unexpected"), str(err)),
        seed=(lambda: seed) if seed is not None else None,
        clock=clock,
    )


@pytest.fixture
def held() -> Iterator[HeldSource]:
    source = HeldSource(WORKBOOK)
    yield source
    source.release()  # never leave a background read hanging after the test


def answered_while_held(call: Callable[[], Status[object]], source: HeldSource) -> Status[object]:
    """``call()``'s answer, which must come while ``source`` is still held. The join's limit
    only keeps a broken implementation from hanging the suite; nothing is timed."""
    answers: list[Status[object]] = []
    caller = threading.Thread(target=lambda: answers.append(call()), daemon=True)
    caller.start()
    caller.join(30)
    assert answers, "the call waited for the held source"
    assert source.held
    return answers[0]


def test_status_answers_with_the_saved_value_while_the_source_is_held(held: HeldSource) -> None:
    held.hold()
    refresher = held_refresher(held, FakeClock(), seed="saved copy")
    # A cold-start wait must not apply: a value exists.
    status = answered_while_held(lambda: refresher.status(wait=3600), held)
    assert status.value == "saved copy" and status.reading
    assert held.blocked.wait(30) and held.held, "the read is under way, still blocked"
    held.release()
    assert refresher.wait_idle(30)
    assert refresher.status().value is WORKBOOK


def test_one_read_at_a_time_for_every_caller(held: HeldSource) -> None:
    held.hold()
    refresher = held_refresher(held, FakeClock(), seed="saved copy")
    callers = [threading.Thread(target=refresher.status) for _ in range(20)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    refresher.request()  # "Refresh now" while a read runs waits for it: no second read
    assert held.blocked.wait(30)
    assert held.reads == 1
    held.release()
    assert refresher.wait_idle(30)
    assert held.reads == 2, "the refresh asked for during the read ran right after it"


def test_refresh_now_does_not_wait_for_the_breaker(held: HeldSource) -> None:
    clock = FakeClock()
    refresher = held_refresher(held, clock)
    held.failure = TIMEOUT
    refresher.status(wait=30)
    assert refresher.wait_idle(30)
    failed = refresher.status()
    assert failed.failure is not None and failed.next_try_at is not None
    assert refresher.status().reading is False and held.reads == 1, "remembered: no retry yet"
    held.failure = None
    refresher.request()
    assert refresher.wait_idle(30)
    assert held.reads == 2 and refresher.status().value is WORKBOOK
