"""Seconds a page takes while Google Sheets is down: hanging, 429, 503, refusing connections,
against the healthy baseline measured in the same run.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_outage                        # this checkout
    .venv/bin/python -m benchmarks.bench_outage --app-dir /tmp/before  # another checkout

It serves data/sample.xlsx through the local Sheets API (tests/sheets_api_server.py, real
gspread client, a service-account key made for the run), starts a real ``streamlit run app.py``
pointed at it with a short refresh period (``UV_TTL_SECONDS``, default 8 s) and a request
timeout (``UV_SHEETS_TIMEOUT``, default 3 s), and opens the overview in headless Chromium, each
time in a fresh browser context (a new session). A page counts as rendered when its title and
either its figures (``stMetric``) or its "no data" message are shown; the seconds until its
script has also finished are printed beside them (a page shown while a read runs redraws
itself when the read ends, and that redraw counts there). Phases:

- cold start, healthy: the first page of a fresh server (it waits for the first read);
- healthy: two pages in each of --periods refresh periods (the first right after a period
  starts, when a read is due) - the baseline;
- for each fault (the source hangs / answers 429 / answers 503 / refuses connections), after a
  good load: two pages in each of --periods periods, then the fault is lifted and pages are
  opened until one shows fresh data again (recovery without a restart);
- cold start with the source hanging (and refusing): a fresh server with no snapshot, until the
  "no data yet" page is drawn.

``--app-dir`` runs the app of another checkout (for example ``git archive <commit> | tar -x -C
/tmp/before``) with this checkout's harness, to compare an implementation before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.sheets_api_server import (  # noqa: E402
    API_KINDS,
    Fault,
    SheetsApiServer,
    workbook_from_xlsx,
)

CHROMIUM = os.environ.get("UV_CHROMIUM", "/usr/bin/chromium")
SHOWN = """() => {
  const title = document.querySelector('h1');
  const figures = document.querySelector('[data-testid="stMetric"]');
  const alerts = [...document.querySelectorAll('[data-testid="stAlert"]')];
  const noData = alerts.some(a => a.innerText.includes('No data'));
  return title && (figures || noData);
}"""
IDLE = """() => {
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return !status || !status.innerText.trim();
}"""
STALE = "Showing the last good copy"
FAULTS = ("hang", "429", "503", "refused")


@dataclass
class Load:
    """One page opened in a fresh session: seconds until its figures (or its "no data"
    message) were shown, and until its script had finished."""

    seconds: float
    finished: float
    stale: bool
    no_data: bool
    text: str = ""


@dataclass
class Phase:
    """The pages of one scenario."""

    name: str
    loads: list[Load] = field(default_factory=list)

    @property
    def seconds(self) -> list[float]:
        return [load.seconds for load in self.loads]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class App:
    """``streamlit run app.py`` of ``app_dir`` on a loopback port."""

    def __init__(self, app_dir: Path, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=app_dir,
            env={**os.environ, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def open_page(browser: Any, url: str) -> Load:
    """Open ``url`` in a fresh context; seconds until the title and the figures (or the "no
    data" message) are shown (SHOWN), and until the script has finished as well (IDLE)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    tab = context.new_page()
    try:
        started = time.perf_counter()
        tab.goto(url)
        tab.wait_for_function(SHOWN, timeout=180_000, polling=50)
        seconds = time.perf_counter() - started
        tab.wait_for_function(IDLE, timeout=180_000, polling=50)
        finished = time.perf_counter() - started
        text = " ".join(tab.locator('[data-testid="stAlert"]').all_inner_texts())
        return Load(seconds, finished, STALE in text, "No data" in text, text)
    finally:
        context.close()


def sleep_to_next_period(ttl: float, offset: float = 0.3) -> None:
    """Sleep until just after the next multiple of ``ttl`` (an epoch boundary of the old
    loader, and at least a period after the last read for the new one)."""
    now = time.time()
    time.sleep((now // ttl + 1) * ttl + offset - now)


class Sheet:
    """The local Sheets API server, which can be stopped and brought back on the same port."""

    def __init__(self, workbook: dict[str, Any]) -> None:
        self.workbook = workbook
        self.server = SheetsApiServer(workbook).start()
        self.port = self.server.port

    def stop(self) -> None:
        self.server.stop()

    def read_since(self, mark: int) -> bool:
        """True when the workbook was read successfully after request number ``mark``."""
        return any(r.kind in API_KINDS and r.status == 200 for r in self.server.requests[mark:])

    def revive(self) -> None:
        """A new server on the same port that accepts the app's key and cached token (the
        benchmark's shortcut: the key and token were issued by the stopped server)."""
        old = self.server
        self.server = SheetsApiServer(self.workbook, port=self.port)
        self.server.check_signatures = False
        self.server._tokens |= old._tokens  # the app reuses its token for an hour
        self.server.start()


def apply(sheet: Sheet, fault: str) -> None:
    if fault == "hang":
        sheet.server.add_faults(Fault(delay=3600.0, times=None))
    elif fault in ("429", "503"):
        sheet.server.add_faults(Fault(status=int(fault), times=None))
    elif fault == "refused":
        sheet.stop()
    else:
        raise ValueError(fault)


def lift(sheet: Sheet, fault: str) -> None:
    if fault == "refused":
        sheet.revive()
    else:
        sheet.server.clear_faults()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--ttl", type=int, default=8, help="UV_TTL_SECONDS")
    parser.add_argument("--timeout", type=float, default=3.0, help="UV_SHEETS_TIMEOUT")
    parser.add_argument("--periods", type=int, default=3)
    parser.add_argument("--faults", default=",".join(FAULTS))
    args = parser.parse_args(argv)
    faults = [f for f in args.faults.split(",") if f]
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="uv-outage-"))
    sheet = Sheet(workbook_from_xlsx(ROOT / "data" / "sample.xlsx"))
    key = tmp / "service-account.json"
    key.write_text(json.dumps(sheet.server.service_account_info()), encoding="utf-8")
    env = {
        "UV_SHEET": sheet.server.spreadsheet_id,
        "UV_GOOGLE_CREDENTIALS_FILE": str(key),
        "UV_SHEETS_API_ROOT": sheet.server.api_root,
        "UV_SHEETS_TIMEOUT": str(args.timeout),
        "UV_TTL_SECONDS": str(args.ttl),
    }
    phases: list[Phase] = []
    recovery: dict[str, tuple[float, int] | None] = {}
    print(f"app: {args.app_dir}  ttl {args.ttl} s, request timeout {args.timeout:g} s", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        app = App(args.app_dir, {**env, "UV_SNAPSHOT_DIR": str(tmp / "snap-main")}, tmp / "a.log")
        try:
            url = app.url + "/?lang=en"
            cold = Phase("cold start, healthy")
            cold.loads.append(open_page(browser, url))
            phases.append(cold)
            healthy = Phase("healthy")
            for _ in range(args.periods):
                sleep_to_next_period(args.ttl)
                healthy.loads += [open_page(browser, url), open_page(browser, url)]
            phases.append(healthy)
            print(f"  {healthy.name}: {fmt(healthy.seconds)}", flush=True)
            for fault in faults:
                sleep_to_next_period(args.ttl)
                open_page(browser, url)  # a good read before the outage
                apply(sheet, fault)
                phase = Phase(f"source {fault}")
                for _ in range(args.periods):
                    sleep_to_next_period(args.ttl)
                    phase.loads += [open_page(browser, url), open_page(browser, url)]
                phases.append(phase)
                lift(sheet, fault)
                lifted, mark = time.monotonic(), len(sheet.server.requests)
                recovery[fault] = None
                for attempt in range(1, 40):
                    load = open_page(browser, url)
                    if sheet.read_since(mark) and not load.stale and not load.no_data:
                        recovery[fault] = (time.monotonic() - lifted, attempt)
                        break
                    time.sleep(1.0)
                stale = sum(load.stale for load in phase.loads)
                print(
                    f"  {phase.name}: {fmt(phase.seconds)}; stale banner on {stale} of "
                    f"{len(phase.loads)}; recovered: {recovery[fault]}",
                    flush=True,
                )
        finally:
            app.stop()
        for fault in ("hang", "refused"):
            if fault not in faults:
                continue
            apply(sheet, fault)
            snap = tmp / f"snap-cold-{fault}"
            app = App(args.app_dir, {**env, "UV_SNAPSHOT_DIR": str(snap)}, tmp / f"{fault}.log")
            try:
                phase = Phase(f"cold start, source {fault}")
                phase.loads.append(open_page(browser, app.url + "/?lang=en"))
                phases.append(phase)
                print(f"  {phase.name}: {fmt(phase.seconds)}", flush=True)
            finally:
                app.stop()
                lift(sheet, fault)
        browser.close()
    sheet.stop()
    report(phases, recovery, args)
    return 0


def fmt(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def report(phases: list[Phase], recovery: dict[str, tuple[float, int] | None], args: Any) -> None:
    """The table: median and worst seconds per scenario, and the ratio to the healthy page."""
    by_name = {phase.name: phase for phase in phases}
    base = statistics.median(by_name["healthy"].seconds)
    cold_base = statistics.median(by_name["cold start, healthy"].seconds)
    print()
    print(f"ttl {args.ttl} s, request timeout {args.timeout:g} s, {args.periods} periods")
    print(
        f"{'scenario':28} {'pages':>5} {'median s':>9} {'max s':>7} {'x healthy':>10}"
        f" {'finished, median s':>19}"
    )
    for phase in phases:
        reference = cold_base if phase.name.startswith("cold start") else base
        median = statistics.median(phase.seconds)
        done = statistics.median(load.finished for load in phase.loads)
        print(
            f"{phase.name:28} {len(phase.loads):5d} {median:9.2f} {max(phase.seconds):7.2f} "
            f"{median / reference:10.2f} {done:19.2f}"
        )
    for fault, found in recovery.items():
        if found is None:
            print(f"recovery after {fault}: NOT picked up within the attempts")
        else:
            print(
                f"recovery after {fault}: fresh data {found[0]:.1f} s after the fault was "
                f"lifted (page {found[1]} opened since), no restart"
            )
    for phase in phases:
        if phase.name.startswith("cold start, source"):
            print(f"{phase.name} says: {phase.loads[0].text[:200]}")


if __name__ == "__main__":
    sys.exit(main())
