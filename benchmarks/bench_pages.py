"""Page speed, rerun time, server memory and bytes sent, each against a baseline from the same run.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_pages                 # everything (several minutes)
    .venv/bin/python -m benchmarks.bench_pages --skip-big      # without the 100x workbook
    .venv/bin/python -m benchmarks.bench_pages --only browser  # or: rerun, memory

Figures:
- first chart: seconds from navigation to the first chart drawn in headless Chromium, for every
  page, against benchmarks/bare_page.py (one plotly chart on a bare Streamlit page) served by a
  second server in the same run; the median of --repeats fresh browser contexts.
- bytes: WebSocket frame bytes the server sends to draw each page (page.on("websocket")),
  against the bare page.
- rerun: server-side seconds for one rerun after a filter change, through AppTest, on the
  sample and on a workbook --scale times larger (data/make_sample.scale_indicators): the first
  visit of a filter combination (only what the page used before the change is cached) and the
  same rerun again (cached), with the growth factor of the first visit (large / sample).
- memory: resident memory of the server process with 1 and with 20 browser sessions open.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    Server,
    new_tab,
    start_server,
    stop_server,
    wait_for_app,
    warm_up,
)

PLOTLY = '[data-testid="stPlotlyChart"] .main-svg'
FIRST_CHART = {
    # path: what counts as "the first chart" on that page
    "overview": '[data-testid="stMetricChart"] svg, [data-testid="stMetricChart"] canvas',
    "access": PLOTLY,
    "votes": PLOTLY,
    "strategy": PLOTLY,
    "sheet-health": "h1",  # no chart on this page: its title, once the script has run
    # The slideshow's first slide: a plotly chart, or the map's canvas.
    "slideshow": f'{PLOTLY}, [data-testid="stDeckGlJsonChart"] canvas',
}
URL_PATH = {  # the pages' url_path in app.py
    "overview": "",  # the default page lives at "/"
    "access": "program_access",
    "votes": "votes",
    "strategy": "strategy",
    "sheet-health": "sheet_health",
    "slideshow": "slideshow",
}
CHROMIUM = os.environ.get("UV_CHROMIUM", "/usr/bin/chromium")


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_once(browser: Any, url: str, selector: str) -> tuple[float, int]:
    """(seconds to the first ``selector`` visible, WebSocket bytes received) in a fresh context."""
    tab = new_tab(browser)
    received = [0]

    def on_socket(socket: Any) -> None:
        socket.on(
            "framereceived",
            lambda frame: received.__setitem__(0, received[0] + len(frame)),
        )

    tab.on("websocket", on_socket)
    try:
        start = time.perf_counter()
        tab.goto(url)
        tab.wait_for_selector(selector, state="visible", timeout=120_000)
        first = time.perf_counter() - start
        wait_for_app(tab)
        return first, received[0]
    finally:
        tab.context.close()


def browser_figures(app: Server, bare: Server, repeats: int) -> dict[str, tuple[float, int]]:
    """Median first-chart seconds and WebSocket bytes for every page and the bare page."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, tuple[float, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm_up(browser, app)
        warm_up(browser, bare)
        targets = {"bare page": (f"{bare.url}/", PLOTLY)}
        targets |= {
            name: (f"{app.url}/{path}?lang=en", FIRST_CHART[name])
            for name, path in URL_PATH.items()
        }
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in targets}
        for _ in range(repeats):  # interleaved, so load on the machine hits all alike
            for name, (url, selector) in targets.items():
                samples[name].append(load_once(browser, url, selector))
        browser.close()
    for name, runs in samples.items():
        figures[name] = (
            statistics.median(r[0] for r in runs),
            int(statistics.median(r[1] for r in runs)),
        )
    return figures


def memory_figures(app: Server, sessions: int) -> tuple[float, float, float]:
    """Server RSS (MiB) idle, with 1 session open and with ``sessions`` open."""
    from playwright.sync_api import sync_playwright

    idle = rss_mib(app.process.pid)
    paths = list(URL_PATH.values())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tabs = []
        for i in range(sessions):
            tab = new_tab(browser)
            tab.goto(f"{app.url}/{paths[i % len(paths)]}?lang=en")
            wait_for_app(tab)
            tabs.append(tab)
            if i == 0:
                time.sleep(1)
                one = rss_mib(app.process.pid)
        time.sleep(2)
        many = rss_mib(app.process.pid)
        for tab in tabs:
            tab.context.close()
        browser.close()
    return idle, one, many


# --- Server-side reruns through AppTest ------------------------------------------------------


def _language(at: Any, i: int) -> None:
    at.session_state["lang"] = ("ru", "ky", "en")[i % 3]


def _select(key: str, values: tuple[str, ...]) -> Callable[[Any, int], None]:
    def change(at: Any, i: int) -> None:
        at.selectbox(key=key).select(values[i % len(values)])

    return change


def _multiselect(key: str, values: tuple[str, ...]) -> Callable[[Any, int], None]:
    def change(at: Any, i: int) -> None:
        at.multiselect(key=key).set_value([values[i % len(values)]])

    return change


# Each page's main filter, set to a different value on every rerun (the first value differs
# from the page's default), so that a rerun is a filter combination not asked for before.
FILTER_CHANGE: dict[str, tuple[str, Callable[[Any, int], None]]] = {
    "overview": ("pages/overview.py", _language),
    "access": (
        "pages/program_access.py",
        _select(
            "access_indicator",
            ("prep_uptake", "testing_coverage", "nsp_syringes", "prevention_coverage", "stockouts"),
        ),
    ),
    "votes": ("pages/votes.py", _select("votes_election", ("ccph-2022", "board-2026"))),
    "strategy": (
        "pages/strategy.py",
        _multiselect("strategy_status", ("at_risk", "not_started", "done", "delayed")),
    ),
    "sheet-health": ("pages/sheet_health.py", _language),
}


def _still_reading(at: Any) -> bool:
    """True while the page says "no data yet" (its cold-start box) instead of drawing."""
    return any(box.icon == ":material/cloud_off:" for box in at.error)


class _Used:
    """The finished views (``utils.web.cache``) each rerun asks for, so that a first visit can
    keep cached exactly what the page's state before the change used."""

    def __init__(self) -> None:
        from utils.web import cache

        self.views: set[Hashable] = set()  # asked for since the last ``clear_marks``
        self.every_view: set[Hashable] = set()  # every view asked for in this benchmark
        self._cache, self._cached = cache, cache._cached  # type: ignore[attr-defined]

        def cached(key: Hashable, _build: Callable[[], Any]) -> Any:
            self.views.add(key)
            self.every_view.add(key)
            return self._cached(key, _build)

        cache._cached = cached  # type: ignore[attr-defined]

    def clear_marks(self) -> None:
        self.views = set()

    def forget_all_but(self, views: set[Hashable]) -> None:
        """Drop every cached view the earlier state of the page did not use."""
        for key in self.every_view - views:
            self._cached.clear(key, None)

    def close(self) -> None:
        self._cache._cached = self._cached  # type: ignore[attr-defined]


def _ahead_done(timeout: float = 600) -> None:
    """Wait for the work pages started in the background (``utils.web.cache.ahead``)."""
    from utils.web.cache import AHEAD_THREAD

    for thread in threading.enumerate():
        if thread.name == AHEAD_THREAD:
            thread.join(timeout)


def rerun_figures(xlsx: Path | None, repeats: int) -> dict[str, tuple[float, float]]:
    """Median seconds of one rerun after a filter change, per page, on ``xlsx`` (None: the
    sample): (first visit of the filter combination, the same combination again).

    First visit: as when this viewer is the first in the read to choose the new value. Every
    finished view is dropped (``utils.web.cache``) except those the page's state before the
    change used, which any viewer of it left cached: a section that ignores the changed filter
    (Program access's open findings ignore the indicator) is served from cache, the view the
    filter changes is built. The pieces views share within a read (``utils.views.memo``) are
    kept, as the page's earlier visits leave them, and the work the page started in the
    background (``cache.ahead``) has finished: a reader looks at a page before choosing.
    Again: the same rerun once more, served from the cache as for every later viewer.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    if xlsx is None:
        os.environ.pop("UV_XLSX", None)
    else:
        os.environ["UV_XLSX"] = str(xlsx)
    st.cache_resource.clear()
    st.cache_data.clear()
    figures: dict[str, tuple[float, float]] = {}
    used = _Used()
    try:
        for name, (script, change) in FILTER_CHANGE.items():
            at = AppTest.from_file(str(ROOT / script), default_timeout=1800)
            at.query_params["lang"] = "en"
            at.run()  # the first run reads and parses the workbook (cached for the others)
            deadline = time.monotonic() + 1800
            while _still_reading(at) and time.monotonic() < deadline:
                time.sleep(2)  # the first read of a large file outlasts the page's wait for it
                at.run()
            if at.exception or _still_reading(at):
                raise RuntimeError(f"{name}: {[e.value for e in at.exception]}")
            used.clear_marks()
            at.run()  # the page as the viewer had it before the change: what it uses
            _ahead_done()  # the reader looks at the page before choosing (cache.ahead's work)
            first, again = [], []
            for i in range(repeats):
                before = used.views
                change(at, i)
                used.forget_all_but(before)
                used.clear_marks()
                for into in (first, again):
                    start = time.perf_counter()
                    at.run()
                    into.append(time.perf_counter() - start)
                    if at.exception:
                        raise RuntimeError(f"{name}: {[e.value for e in at.exception]}")
            figures[name] = (statistics.median(first), statistics.median(again))
    finally:
        used.close()
    return figures


def big_workbook(scale: int, path: Path | None) -> Path:
    """The sample with ``scale`` times the indicator rows, written once and reused."""
    from data.make_sample import build_sample, scale_indicators, write_xlsx

    target = path or Path(tempfile.gettempdir()) / f"uv-bench-x{scale}.xlsx"
    if not target.exists():
        started = time.perf_counter()
        grids = scale_indicators(build_sample(), scale)
        write_xlsx(grids, target)
        rows = len(grids["indicators"]) - 1
        print(f"wrote {target}: {rows} indicator rows in {time.perf_counter() - started:.0f} s")
    return target


# --- Main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Measure and print every figure with its ratio to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--big", type=Path, help="reuse this scaled workbook")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--only", choices=("browser", "rerun", "memory"))
    args = parser.parse_args(argv)
    # Fixed data day, no snapshots in the repository, the sample as source.
    tmp = Path(tempfile.mkdtemp(prefix="uv-bench-"))
    os.environ["UV_SNAPSHOT_DIR"] = str(tmp / "snapshots")

    if args.only in (None, "browser", "memory"):
        app = start_server(tmp)
        bare = start_server(tmp, script="benchmarks/bare_page.py")
        try:
            if args.only in (None, "browser"):
                figures = browser_figures(app, bare, args.repeats)
                floor_s, floor_b = figures["bare page"]
                print(f"\nFirst chart in Chromium (median of {args.repeats}), WebSocket bytes")
                print(f"{'page':<14}{'seconds':>9}{'x bare':>8}{'bytes':>12}{'x bare':>8}")
                for name, (sec, size) in figures.items():
                    print(
                        f"{name:<14}{sec:>9.2f}{sec / floor_s:>8.2f}{size:>12,}{size / floor_b:>8.1f}"
                    )
            if args.only in (None, "memory"):
                idle, one, many = memory_figures(app, args.sessions)
                print(f"\nServer memory (RSS, MiB): idle {idle:.0f}, 1 session {one:.0f}, ", end="")
                print(
                    f"{args.sessions} sessions {many:.0f} "
                    f"(+{(many - one) / max(args.sessions - 1, 1):.1f} MiB per extra session)"
                )
        finally:
            stop_server(app)
            stop_server(bare)

    if args.only in (None, "rerun"):
        small = rerun_figures(None, args.repeats)
        print(
            f"\nRerun after a filter change, server side (AppTest, median of {args.repeats}): "
            "first visit of the combination, and the same again (cached)"
        )
        print(f"{'page':<14}{'first s':>9}{'again s':>9}")
        for name, (first, again) in small.items():  # printed now: the large run takes minutes
            print(f"{name:<14}{first:>9.3f}{again:>9.3f}", flush=True)
        if args.skip_big:
            return 0
        large = rerun_figures(big_workbook(args.scale, args.big), args.repeats)
        print(f"{'page':<14}{'first s':>9}{'again s':>9}", end="")
        print(f"{f'x{args.scale} first':>12}{f'x{args.scale} again':>12}{'growth':>8}")
        for name, (first, again) in small.items():
            big_first, big_again = large[name]
            print(
                f"{name:<14}{first:>9.3f}{again:>9.3f}"
                f"{big_first:>12.3f}{big_again:>12.3f}{big_first / first:>8.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
