"""No page waits for the network once good data exist; a failing source is remembered.

Nothing here is timed. The source is held blocked on an event (or the local Sheets API server
answers 429 / 503 / refuses), the wall clock is a FakeClock moved by hand, and each test asserts
what a person sees: the page's data, the banner's cause and next try, and how many requests the
source received.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import ANY_ERROR, run_page
from tests.clock import FakeClock, HeldSource, install_clock, settle
from tests.sheets_api_server import Fault, SheetsApiServer
from utils.i18n import t
from utils.sources.base import SourceUnavailable
from utils.store import load
from utils.store.settings import Settings
from utils.views import freshness

TTL = 600
WORKBOOK = build_sample()
TIMEOUT = SourceUnavailable("Google Sheets did not answer within 1 seconds.", reason="timeout")


# --- Pages, through AppTest -------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install_clock(monkeypatch)


@pytest.fixture
def held() -> Iterator[HeldSource]:
    source = HeldSource(WORKBOOK)
    yield source
    source.release()  # never leave a background read hanging after the test


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[HeldSource], Settings]:
    """Point the app at a HeldSource (as if the settings named it)."""

    def point(source: HeldSource) -> Settings:
        configured = Settings(
            source=source, is_sample=False, ttl_seconds=TTL, snapshot_dir=tmp_path / "snap"
        )
        monkeypatch.setattr(load, "read_settings", lambda secrets, environ: configured)
        monkeypatch.setattr(load, "COLD_START_MARGIN", 0.0)
        st.cache_resource.clear()
        return configured

    return point


def render(page: str = "overview", lang: str = "en") -> AppTest:
    """One page; its error boxes are the tests' to judge, but no section may fail."""
    return run_page(f"pages/{page}.py", lang=lang, expect_errors=ANY_ERROR, timeout=60)


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_a_page_renders_from_the_last_good_copy_while_the_source_hangs(
    held: HeldSource, clock: FakeClock, app_on: Callable[[HeldSource], Settings]
) -> None:
    app_on(held)
    first = render()
    assert first.metric and not first.warning and held.reads == 1
    figures = [m.value for m in first.metric]

    # The next period: the source hangs. The page does not wait for it.
    held.hold()
    clock.advance(TTL + 1)
    during = render()
    # The page is drawn (fast: its view is cached) before or while the background read blocks.
    assert held.held and held.blocked.wait(10), "the background read never started"
    assert [m.value for m in during.metric] == figures and held.reads == 2
    assert not during.error

    # The read times out: the stale banner names the cause and the next try, truthfully.
    held.release(TIMEOUT)
    settle()
    next_try_at = load.refresher().peek().next_try_at
    assert next_try_at is not None
    after = render()
    banner = warnings(after)
    assert "Showing the last good copy of the data, saved 10 minutes ago" in banner
    assert t("source.cause.timeout", "en") in banner
    assert t("source.action.passing", "en") in banner
    assert f"Next try in {int((next_try_at - clock.now).total_seconds())} seconds" in banner
    assert freshness.when(next_try_at, "en") in banner
    assert [m.value for m in after.metric] == figures

    # Until then no page starts a read; at the next try the page says it is under way.
    clock.to(next_try_at - timedelta(seconds=1))
    render()
    assert held.reads == 2, "the breaker remembers the failure: no new request"
    held.hold()
    clock.to(next_try_at)
    retrying = render()
    assert held.blocked.wait(30) and held.reads == 3
    assert t("source.next.reading", "en") in warnings(retrying)
    assert [m.value for m in retrying.metric] == figures

    # The source recovers: the next read is picked up, without a restart.
    held.release()
    settle()
    recovered = render()
    assert not recovered.warning
    assert "Data as of 27 Nov 2026, 14:" in " ".join(c.value for c in recovered.caption)


def test_a_restart_with_a_hanging_source_shows_the_saved_copy_at_once(
    held: HeldSource, clock: FakeClock, app_on: Callable[[HeldSource], Settings]
) -> None:
    app_on(held)
    figures = [m.value for m in render("overview", "ru").metric]  # a good read: snapshot saved
    held.hold()
    st.cache_resource.clear()  # a new server process: nothing in memory, the snapshot on disk
    clock.advance(3 * 3600)
    at = render("overview", "ru")
    assert held.blocked.is_set() and held.reads == 2, "the page did not wait for the source"
    assert [m.value for m in at.metric] == figures
    assert "Показана копия данных, сохранённая 3 часа назад" in infos(at)
    assert "27 нояб. 2026, 14:00 (UTC+6)" in infos(at)


def test_a_cold_start_with_a_hanging_source_says_so_after_one_attempt(
    held: HeldSource, clock: FakeClock, app_on: Callable[[HeldSource], Settings]
) -> None:
    held.timeout = 0.2  # the cold start waits one request timeout (the margin is 0 here)
    app_on(held)
    held.hold()
    at = render()
    assert held.held and held.reads == 1, "one attempt, still blocked: the page did not wait"
    assert "No data can be shown yet: reading the data source has taken" in errors(at)
    assert not at.metric

    held.release(TIMEOUT)
    settle()
    failed = render()
    message = errors(failed)
    assert message.startswith("No data can be shown yet, and there is no saved copy")
    assert t("source.cause.timeout", "en") in message and "Next try in" in message
    assert "last good" not in message, "no saved copy is promised when there is none"
    assert "settings" not in message, "nothing to fix in the settings for a timeout"

    next_try_at = load.refresher().peek().next_try_at
    assert next_try_at is not None
    clock.to(next_try_at - timedelta(seconds=1))
    render()
    assert held.reads == 1, "remembered: no new request before the next try"

    held.failure = None  # the source is back
    clock.to(next_try_at)
    render()  # starts the read (parsing may outlast this test's short cold-start wait)
    settle()
    recovered = render()
    assert recovered.metric and not recovered.error and held.reads == 2


# --- The real client against the local Sheets API server --------------------------------------


@pytest.fixture
def sheet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> Iterator[SheetsApiServer]:
    """The sample served as a Google Sheet; one attempt per read, so a failure is one request."""
    with SheetsApiServer(WORKBOOK) as server:
        point_at(server, monkeypatch, tmp_path)
        yield server


def point_at(server: SheetsApiServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A generous timeout: on a loaded CI machine the sample's first read can outlast 1 s, and
    # no test here waits on it (faults answer at once, a stopped server refuses at once).
    for name, value in server.app_environment(tmp_path, timeout=15).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(load, "_secrets", lambda: {"sheets": {"max_attempts": 1}})
    st.cache_resource.clear()


def requests_sent() -> int:
    configured = load.settings()
    assert isinstance(configured, Settings)
    return int(configured.source.request_count)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (Fault(status=429, times=None), "source.cause.quota"),
        (Fault(status=503, times=None), "source.cause.unavailable"),
        (None, "source.cause.unavailable"),  # the server stopped: connection refused
    ],
    ids=["quota", "outage", "refused"],
)
def test_a_failing_sheet_is_remembered_until_the_next_try_and_recovery_is_picked_up(
    sheet: SheetsApiServer, clock: FakeClock, fault: Fault | None, cause: str
) -> None:
    assert render().metric
    before = requests_sent()
    if fault is None:
        sheet.stop()
    else:
        sheet.add_faults(fault)
    clock.advance(TTL + 1)
    render()
    settle()
    assert requests_sent() == before + 1, "one attempt per read"
    status = load.refresher().peek()
    assert status.failure is not None and status.next_try_at is not None
    assert status.next_try_at - status.failure.at <= timedelta(seconds=30), "the first back-off"
    stale = render("votes")
    assert t(cause, "en") in warnings(stale) and "Next try in" in warnings(stale)
    assert "Aigerim Sadykova" in " ".join(m.value for m in stale.markdown), "votes still shown"

    for moment in (status.failure.at + timedelta(seconds=5), status.next_try_at - timedelta(1e-3)):
        clock.to(moment)
        render()
    assert requests_sent() == before + 1, "no request before next_try_at"

    if fault is None:
        return  # a stopped server's recovery: see the cold-start test below
    sheet.clear_faults()
    clock.to(status.next_try_at)
    render()
    settle()
    recovered = render()
    assert not recovered.warning and requests_sent() == before + 2
    assert load.refresher().peek().failure is None


def test_a_sheet_refusing_connections_at_a_cold_start_is_picked_up_when_it_comes_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    down = SheetsApiServer(WORKBOOK).start()
    point_at(down, monkeypatch, tmp_path)
    port = down.port
    down.stop()  # nothing listens on the port: connections are refused

    at = render("overview", "ky")
    assert t("source.cause.unavailable", "ky") in errors(at)
    assert "Кийинки аракет" in errors(at) and "мүнөт" not in errors(at)  # in seconds
    sent = requests_sent()
    clock.advance(10)
    render()
    assert requests_sent() == sent, "remembered: nothing sent before the next try"

    with SheetsApiServer(WORKBOOK, port=port) as up:
        up.check_signatures = False  # the key was registered with the stopped server
        next_try_at = load.refresher().peek().next_try_at
        assert next_try_at is not None
        clock.to(next_try_at)
        recovered = render("overview", "ky")
        assert recovered.metric and not recovered.error
        assert [r for r in up.requests if r.kind != "token"], "the workbook came from the server"
