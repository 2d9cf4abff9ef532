"""A meeting opens the dashboard at once: 20 browser sessions against one server, reading the
workbook through the Google Sheets API (the local stand-in, tests/sheets_api_server.py).

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_load_browser                       # 20 sessions, 90 s
    .venv/bin/python -m benchmarks.bench_load_browser --sessions 5 --seconds 30

What it does and checks (exit status 1 when a check fails):
- baseline: one session alone opens every page --rounds times; page-load seconds recorded;
- load: --sessions browser contexts at once, each for --seconds opening pages in turn and
  changing the page's main filter; every page load and filter change must succeed;
- p95 page-load time under load is printed against the single-session figure;
- the source is read at most once per refresh period (UV_TTL_SECONDS=--ttl) whatever the number
  of viewers: counted from the Sheets server's own request log (gridData = one read).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, start_server, stop_server  # noqa: E402
from tests.sheets_api_server import SheetsApiServer, workbook_from_xlsx  # noqa: E402

CHROMIUM = os.environ.get("UV_CHROMIUM", "/usr/bin/chromium")
PAGES = ("", "program_access", "votes", "strategy", "sheet_health")  # "" is the default page
# The main filter of each page: (widget key, in a collapsed expander?)
FILTERS = {
    "program_access": ("access_indicator", False),
    "votes": ("votes_election", False),
    "strategy": ("strategy_status", True),
}
RUNNING = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.trim()"
)
TIMEOUT_MS = 180_000


@dataclass
class Tally:
    """What the sessions did."""

    loads: list[float] = field(default_factory=list)
    changes: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def settle(tab: Any) -> None:
    """Wait until the page is drawn and its script has finished, twice over (a seeded rerun)."""
    await tab.wait_for_selector("h1", timeout=TIMEOUT_MS)
    for _ in range(2):
        await tab.wait_for_function(RUNNING, timeout=TIMEOUT_MS)
        await tab.wait_for_timeout(300)
    if await tab.locator('[data-testid="stException"]').count():
        raise RuntimeError("a Streamlit exception is on the page")


async def change_filter(tab: Any, path: str) -> bool:
    """Pick another option in the page's main filter; False when the page has none."""
    if path not in FILTERS:
        return False
    key, in_expander = FILTERS[path]
    if in_expander:
        await tab.locator('[data-testid="stExpander"] summary').first.click()
        await tab.wait_for_timeout(600)
    await tab.locator(f".st-key-{key} input[role='combobox']").click()
    options = tab.locator("[role='listbox'] [role='option']")
    await options.first.wait_for(state="visible", timeout=TIMEOUT_MS)
    await options.nth(min(2, await options.count() - 1)).click()
    await tab.keyboard.press("Escape")
    await settle(tab)
    return True


async def session(
    browser: Any, url: str, index: int, until: float, tally: Tally, pages: int | None = None
) -> None:
    """One viewer: pages in turn (starting at a different one per viewer) until ``until``, or
    ``pages`` of them when given."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720}, locale="ru-RU")
    # A patient viewer: on 2 cores shared with 20 Chromium tabs a widget can take more than
    # Playwright's default 30 s to appear; that is slowness (measured), not a failure.
    context.set_default_timeout(TIMEOUT_MS)
    tab = await context.new_page()
    step = index
    try:
        while (step - index < pages) if pages is not None else time.monotonic() < until:
            path = PAGES[step % len(PAGES)]
            step += 1
            try:
                start = time.perf_counter()
                await tab.goto(f"{url}/{path}?lang=en", timeout=TIMEOUT_MS)
                await settle(tab)
                tally.loads.append(time.perf_counter() - start)
                start = time.perf_counter()
                if await change_filter(tab, path):
                    tally.changes.append(time.perf_counter() - start)
            except Exception as err:  # a failed session is a finding, not a crash of the bench
                tally.failures.append(f"session {index} /{path}: {type(err).__name__}: {err}"[:300])
    finally:
        await context.close()


async def run(url: str, sessions: int, seconds: float, rounds: int) -> tuple[Tally, Tally]:
    """The single-session baseline, then ``sessions`` at once for ``seconds``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = await browser.new_page()
        await warm.goto(url + "/")
        await settle(warm)
        await warm.close()
        await session(browser, url, 0, 0, Tally(), pages=len(PAGES))  # one warm pass
        alone = Tally()
        await session(browser, url, 0, 0, alone, pages=rounds * len(PAGES))
        crowd = Tally()
        until = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, url, i, until, crowd) for i in range(sessions)))
        await browser.close()
    return alone, crowd


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Serve the sample through the local Sheets API, load the app, print and check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--rounds", type=int, default=2, help="single-session passes")
    parser.add_argument("--ttl", type=int, default=60, help="refresh period, seconds")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="uv-load-"))
    sheets = SheetsApiServer(workbook_from_xlsx(ROOT / "data" / "sample.xlsx")).start()
    key = tmp / "service-account.json"
    key.write_text(json.dumps(sheets.service_account_info()), encoding="utf-8")
    key.chmod(0o600)
    env = {
        "UV_SHEET": sheets.spreadsheet_id,
        "UV_GOOGLE_CREDENTIALS_FILE": str(key),
        "UV_SHEETS_API_ROOT": sheets.api_root,
        "UV_TTL_SECONDS": str(args.ttl),
    }
    app = start_server(tmp, env)
    started = time.time()
    try:
        alone, crowd = asyncio.run(run(app.url, args.sessions, args.seconds, args.rounds))
    finally:
        ended = time.time()
        stop_server(app)
        sheets.stop()

    reads = sheets.count("gridData")  # spreadsheets.get with grid data: one read
    # get_data() keys the cached load on int(time // ttl): one read per period the run touched.
    periods = int(ended // args.ttl) - int(started // args.ttl) + 1
    single = statistics.median(alone.loads) if alone.loads else float("nan")
    print(f"\n{args.sessions} sessions for {args.seconds:.0f} s against one server")
    print(
        f"page loads: {len(crowd.loads)}, filter changes: {len(crowd.changes)}, "
        f"failures: {len(crowd.failures)}"
    )
    print(f"{'page load':<22}{'median s':>10}{'p95 s':>8}")
    print(f"{'one session':<22}{single:>10.2f}{p95(alone.loads):>8.2f}")
    print(f"{f'{args.sessions} sessions':<22}{statistics.median(crowd.loads or [math.nan]):>10.2f}")
    print(f"  p95 under load / single-session median: {p95(crowd.loads) / single:.2f}x")
    if crowd.changes:
        print(
            f"filter change: median {statistics.median(crowd.changes):.2f} s, "
            f"p95 {p95(crowd.changes):.2f} s"
        )
    print(
        f"Sheets API: {reads} workbook reads (gridData), {sheets.count('metadata')} metadata, "
        f"{sheets.count('token')} token, over {periods} refresh period(s) of {args.ttl} s"
    )
    failed = False
    for failure in crowd.failures[:10]:
        print("FAILED", failure)
        failed = True
    if reads > periods:
        print(f"FAILED the source was read {reads} times in {periods} refresh period(s)")
        failed = True
    if not crowd.loads:
        print("FAILED no page loaded")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
