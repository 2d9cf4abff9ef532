"""A room opens the dashboard at once: many viewers on Streamlit's own WebSocket protocol, no browsers.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_load            # 30 arriving in 10 s, 100 for 2 min
    .venv/bin/python -m benchmarks.bench_load --quick    # 10 arriving in 5 s, 20 for 20 s

Each viewer is a small asyncio client (``websockets`` and ``streamlit.proto``) that does what
Streamlit's frontend does, so the server does exactly the work a browser would give it: it opens
``/_stcore/stream`` with the ``streamlit`` subprotocol and a same-origin ``Origin``, sends a
``BackMsg.rerun_script`` with the link's query string and page name, reads every ``ForwardMsg``
(the elements drawn, the URL the page writes back, the pages of ``st.navigation``) until
``script_finished`` says FINISHED_SUCCESSFULLY, then changes the page's main filter by sending
the widget's new state, and moves to another page by its ``page_script_hash``. A page fails when
it shows a Streamlit exception, the pages' own "something went wrong" or "no data" error box,
no title, or does not finish within --timeout seconds. The browser's drawing is not measured
here (``benchmarks/bench_load_browser.py`` and ``bench_pages --only browser`` do that).

The app runs as a subprocess reading ``data/sample.xlsx`` through the local Sheets API
(``tests/sheets_api_server.py``, the real gspread client) with ``UV_TTL_SECONDS=--ttl``. Printed,
each against one session alone measured in the same run:

- 30 sessions arriving within 10 s, each opening one page of the five and changing its filter;
- 100 sessions cycling pages and filters for 2 minutes;

with p50/p95 seconds to a finished page, failures, the server's CPU (seconds, and percent of
one core over the scenario) and its peak resident memory, and for the cycling sessions the
workbook reads the Sheets API received. Exit status 1 when a target is missed: any failure, p95
with the arriving sessions above 3x the single session's p95, or more than one Sheets read per
refresh period.
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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.conftest import Server, start_server, stop_server  # noqa: E402
from tests.sheets_api_server import SheetsApiServer, workbook_from_xlsx  # noqa: E402

# Each page's URL path ("" is the default page, the overview) and the key of its main filter:
# the same filters as bench_pages' reruns (the language for the pages without one).
Pages = tuple[tuple[str, str], ...]
PAGES: Pages = (
    ("", "lang"),
    ("program_access", "access_indicator"),
    ("votes", "votes_election"),
    ("strategy", "strategy_status"),
    ("sheet_health", "lang"),
)
LINK_QUERY = "lang=en"
# The pages' error boxes for a broken section and "no data yet" (utils/web/ui.py), and the
# "not for your role" notice (utils/web/session.py).
FAILURE_ICONS = frozenset({":material/error:", ":material/cloud_off:", ":material/lock:"})
WIDGET_ID_PREFIX = "$$ID-"
FINISHED = ForwardMsg.ScriptFinishedStatus
READ = "gridData"  # one workbook read: spreadsheets.get with grid data (utils/sources/gsheets.py)


class PageFailed(RuntimeError):
    """A page did not finish, or finished showing an error instead of its content."""


@dataclass
class Widget:
    """A choice widget as the browser received it: its id, options (labels) and value."""

    id: str
    kind: str  # "selectbox" or "multiselect"
    options: tuple[str, ...]
    value: tuple[str, ...]


@dataclass
class Page:
    """What one finished script run drew, as far as the harness needs to know."""

    title: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0


def _user_key(widget_id: str) -> str | None:
    """The key a page gave a widget, from Streamlit's id ``$$ID-<hash>-<key>``."""
    if not widget_id.startswith(WIDGET_ID_PREFIX):
        return None
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else None


class Client:
    """One viewer's browser tab, reduced to Streamlit's protocol.

    ``async with Client(url) as tab: await tab.open("votes")`` connects a new session and runs
    the page; ``change(key, n)`` picks another option in a widget, ``visit(path)`` moves to
    another page of the app in the same session. Each returns the finished ``Page``.
    """

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url
        self.timeout = timeout
        self.query = LINK_QUERY
        self.page_hashes: dict[str, str] = {}  # URL path -> page_script_hash (st.navigation)
        self.current_hash = ""
        self.states: dict[str, WidgetState] = {}  # what this tab has set, sent with each rerun
        self.page = Page()
        self._socket: ClientConnection | None = None

    async def __aenter__(self) -> Client:
        parts = urlsplit(self.url)
        self._socket = await connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(f"{parts.scheme}://{parts.netloc}"),  # same-origin, as a browser
            max_size=None,
            ping_interval=None,  # the frontend sends no pings
            open_timeout=self.timeout,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def open(self, path: str, query: str = LINK_QUERY) -> Page:
        """Run the page a link names (``/votes?lang=en``), as the frontend's first rerun does."""
        self.query = query
        return await self._run(ClientState(query_string=query, page_name=path))

    async def visit(self, path: str, query: str = LINK_QUERY) -> Page:
        """Move to another page, as a click in the sidebar does (its page_script_hash)."""
        if path not in self.page_hashes:
            raise PageFailed(f"no page /{path} in the navigation")
        self.query, self.states = query, {}
        return await self._run(
            ClientState(query_string=query, page_script_hash=self.page_hashes[path])
        )

    async def change(self, key: str, step: int) -> Page:
        """Pick another option in the widget ``key``: the ``step``-th one after the current
        (a selectbox), or add / remove the ``step``-th option (a multiselect)."""
        widget = self.page.widgets.get(key)
        if widget is None or not widget.options:
            raise PageFailed(f"no widget {key!r} with options on the page")
        state = WidgetState(id=widget.id)
        option = widget.options[step % len(widget.options)]
        if widget.kind == "selectbox":
            current = widget.options.index(widget.value[0]) if widget.value else 0
            state.string_value = widget.options[(current + 1 + step) % len(widget.options)]
        else:
            chosen = [v for v in widget.value if v != option]
            if option not in widget.value:
                chosen.append(option)
            state.string_array_value.data.extend(chosen)
        self.states[widget.id] = state
        return await self._run(
            ClientState(query_string=self.query, page_script_hash=self.current_hash)
        )

    async def _run(self, client_state: ClientState) -> Page:
        """Send one rerun and read the answer until the script has finished."""
        assert self._socket is not None, "use the client in `async with`"
        client_state.widget_states.widgets.extend(self.states.values())
        client_state.context_info.timezone = "Asia/Bishkek"
        client_state.context_info.timezone_offset = -360
        client_state.context_info.locale = "ru-RU"
        client_state.context_info.url = f"{self.url}/?{client_state.query_string}"
        message = BackMsg(rerun_script=client_state)
        await self._socket.send(message.SerializeToString())
        page = Page()
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    raw = await self._socket.recv()
                    assert isinstance(raw, bytes)
                    page.messages += 1
                    page.bytes += len(raw)
                    if self._read(ForwardMsg.FromString(raw), page):
                        break
        except TimeoutError as err:
            raise PageFailed(f"not finished after {self.timeout:.0f} s") from err
        self.page = page
        if page.problems:
            raise PageFailed("; ".join(page.problems)[:300])
        if not page.title:
            raise PageFailed("the page has no title")
        return page

    def _read(self, msg: ForwardMsg, page: Page) -> bool:
        """Take in one ForwardMsg; True once the script has finished successfully."""
        kind = msg.WhichOneof("type")
        if kind == "new_session":  # every script run starts with one: a fresh page
            page.title, page.widgets, page.problems = "", {}, []
        elif kind == "navigation":
            self.page_hashes = {
                p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages
            }
            self.current_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":  # the page wrote its filters into the URL
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            page.problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, page)
        elif kind == "script_finished":
            if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                page.problems.append("the script did not compile")
                return True
            return msg.script_finished == FINISHED.FINISHED_SUCCESSFULLY
        return False

    def _element(self, element: Element, page: Page) -> None:
        """Note the title, the choice widgets and any error the page drew."""
        kind = element.WhichOneof("type")
        if kind == "heading" and element.heading.tag == "h1" and not page.title:
            page.title = element.heading.body
        elif kind == "exception":
            page.problems.append(f"exception: {element.exception.type}")
        elif kind == "alert" and element.alert.icon in FAILURE_ICONS:
            page.problems.append(f"error box: {element.alert.body[:80]}")
        elif kind in ("selectbox", "multiselect"):
            proto = getattr(element, kind)
            key = _user_key(proto.id)
            if key is None:
                return
            options = tuple(proto.options)
            sent = self.states.get(proto.id)
            # The proto carries the value only when the script set it (set_value); otherwise
            # the widget shows what this tab sent last, or its default.
            if kind == "selectbox":
                if proto.set_value and proto.HasField("raw_value"):
                    value: tuple[str, ...] = (proto.raw_value,)
                elif sent is not None:
                    value = (sent.string_value,)
                else:
                    value = (options[proto.default],) if proto.HasField("default") else ()
            elif proto.set_value:
                value = tuple(proto.raw_values)
            elif sent is not None:
                value = tuple(sent.string_array_value.data)
            else:
                value = tuple(options[i] for i in proto.default)
            page.widgets[key] = Widget(proto.id, kind, options, value)


# --- The measurements ------------------------------------------------------------------------


@dataclass
class Tally:
    """What a group of sessions did: seconds to each finished page, filter change, failures."""

    pages: list[float] = field(default_factory=list)
    changes: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.pages += other.pages
        self.changes += other.changes
        self.failures += other.failures


async def timed(into: list[float], step: object) -> Page:
    """Await ``step`` (a Client call), adding its seconds to ``into``."""
    start = time.perf_counter()
    page = await step  # type: ignore[misc]
    into.append(time.perf_counter() - start)
    return page


async def arrive(
    url: str, pages: Pages, index: int, delay: float, tally: Tally, timeout: float
) -> None:
    """One viewer arriving after ``delay`` s: opens a page (by ``index``) and changes its filter.
    The page's seconds run from the connection to the finished script, as a first visit."""
    await asyncio.sleep(delay)
    path, key = pages[index % len(pages)]
    try:
        start = time.perf_counter()
        async with Client(url, timeout) as tab:
            await tab.open(path)
            tally.pages.append(time.perf_counter() - start)
            await timed(tally.changes, tab.change(key, index // len(pages)))
    except Exception as err:  # a failed viewer is a finding, not a crash of the bench
        tally.failures.append(f"viewer {index} /{path}: {type(err).__name__}: {err}"[:300])


async def cycle(
    url: str, pages: Pages, index: int, delay: float, until: float, tally: Tally, timeout: float
) -> None:
    """One viewer staying on: every page in turn (from its own), each with a filter change."""
    await asyncio.sleep(delay)
    step = index
    path, key = pages[step % len(pages)]
    try:
        start = time.perf_counter()
        async with Client(url, timeout) as tab:
            await tab.open(path)
            tally.pages.append(time.perf_counter() - start)
            while time.monotonic() < until:
                await timed(tally.changes, tab.change(key, step // len(pages)))
                step += 1
                path, key = pages[step % len(pages)]
                if time.monotonic() < until:
                    await timed(tally.pages, tab.visit(path))
    except Exception as err:
        tally.failures.append(f"viewer {index} /{path}: {type(err).__name__}: {err}"[:300])


async def alone(url: str, pages: Pages, rounds: int, timeout: float) -> Tally:
    """The baseline: one viewer at a time, every page ``rounds`` times, each a new session that
    opens the page and changes its filter (a different option each round)."""
    tally = Tally()
    for round_ in range(rounds):
        for index in range(len(pages)):
            await arrive(url, pages, index + round_ * len(pages), 0, tally, timeout)
    return tally


@dataclass
class Usage:
    """The server process over one scenario: CPU seconds, wall seconds, peak resident MiB."""

    cpu: float = 0.0
    wall: float = 0.0
    peak_mib: float = 0.0

    @property
    def percent(self) -> float:
        """CPU as a percentage of one core over the scenario."""
        return 100 * self.cpu / self.wall if self.wall else math.nan


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


async def watched(pid: int, work: Iterable[object]) -> Usage:
    """Run ``work`` (coroutines) together while sampling the server's CPU and memory."""
    usage = Usage(peak_mib=_rss_mib(pid))
    cpu, wall = _cpu_seconds(pid), time.perf_counter()
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            usage.peak_mib = max(usage.peak_mib, _rss_mib(pid))
            await asyncio.sleep(0.2)

    sampler = asyncio.create_task(sample())
    try:
        await asyncio.gather(*work)  # type: ignore[arg-type]
    finally:
        done.set()
        await sampler
    usage.cpu, usage.wall = _cpu_seconds(pid) - cpu, time.perf_counter() - wall
    usage.peak_mib = max(usage.peak_mib, _rss_mib(pid))
    return usage


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else math.nan


def p50(values: list[float]) -> float:
    """The median, NaN when there is nothing."""
    return statistics.median(values) if values else math.nan


@dataclass
class Scenario:
    """One line of the report."""

    name: str
    tally: Tally
    usage: Usage


async def measure(
    app: Server, sheets: SheetsApiServer, args: argparse.Namespace
) -> tuple[list[Scenario], int]:
    """Warm-up, the single-session baseline, the arriving sessions, the cycling sessions; and
    the workbook reads the Sheets API received while they cycled."""
    pid, timeout = app.process.pid, args.timeout
    async with Client(app.url, timeout) as tab:  # the first visit also reads the workbook
        await tab.open("")
        pages = tuple((path, key) for path, key in PAGES if path in tab.page_hashes)
    print("pages a visitor may open:", ", ".join(f"/{path}" for path, _ in pages))
    warm = Tally()
    await watched(pid, [arrive(app.url, pages, i, 0, warm, timeout) for i in range(len(pages))])
    if warm.failures:  # the app does not work at all: no point loading it
        raise RuntimeError("warm-up failed: " + " | ".join(warm.failures))
    single = Tally()
    usage = await watched(pid, [_into(single, alone(app.url, pages, args.rounds, timeout))])
    scenarios = [Scenario("one session alone", single, usage)]

    crowd = Tally()
    spacing = args.arrive_within / max(args.arriving - 1, 1)
    usage = await watched(
        pid, [arrive(app.url, pages, i, i * spacing, crowd, timeout) for i in range(args.arriving)]
    )
    scenarios.append(
        Scenario(f"{args.arriving} arriving within {args.arrive_within:.0f} s", crowd, usage)
    )

    cycling = Tally()
    reads = sheets.count(READ)
    until = time.monotonic() + args.seconds
    spacing = min(10.0, args.seconds / 4) / max(args.cycling - 1, 1)
    usage = await watched(
        pid,
        [
            cycle(app.url, pages, i, i * spacing, until, cycling, timeout)
            for i in range(args.cycling)
        ],
    )
    scenarios.append(Scenario(f"{args.cycling} cycling for {args.seconds:.0f} s", cycling, usage))
    return scenarios, sheets.count(READ) - reads


async def _into(tally: Tally, work: object) -> None:
    tally.add(await work)  # type: ignore[misc]


def report(scenarios: list[Scenario], reads: int, allowed: int, args: argparse.Namespace) -> bool:
    """Print the figures against the single session; True when every target is met."""
    single = scenarios[0].tally
    base_p50, base_p95 = p50(single.pages), p95(single.pages)
    print(
        f"\nSeconds to a finished page (connection or rerun sent -> script_finished), "
        f"ratios to the single session's p95 ({base_p95:.3f} s)"
    )
    print(
        f"{'scenario':<28}{'pages':>6}{'p50 s':>8}{'p95 s':>8}{'x single':>9}"
        f"{'filter p50':>11}{'p95':>7}{'failed':>7}{'CPU s':>7}{'% core':>7}{'peak MiB':>9}"
    )
    for s in scenarios:
        t, u = s.tally, s.usage
        print(
            f"{s.name:<28}{len(t.pages):>6}{p50(t.pages):>8.3f}{p95(t.pages):>8.3f}"
            f"{p95(t.pages) / base_p95:>9.2f}{p50(t.changes):>11.3f}{p95(t.changes):>7.3f}"
            f"{len(t.failures):>7}{u.cpu:>7.1f}{u.percent:>7.0f}{u.peak_mib:>9.0f}"
        )
    print(
        f"(single session: p50 {base_p50:.3f} s; filter changes alone p50 {p50(single.changes):.3f} s)"
    )
    print(
        f"Sheets API while cycling: {reads} workbook read(s) (spreadsheets.get with grid data) "
        f"in {scenarios[-1].usage.wall:.0f} s; at most {allowed} allowed "
        f"(one per {args.ttl} s refresh period)"
    )
    ok = True
    for s in scenarios:
        kinds = Counter(f.split(": ", 1)[1] for f in s.tally.failures)
        for kind, count in kinds.most_common():
            print(f"FAILED ({s.name}) {count} x {kind}")
        ok = ok and not s.tally.failures and bool(s.tally.pages)
    ratio = p95(scenarios[1].tally.pages) / base_p95
    if not ratio <= 3:
        print(
            f"MISSED p95 with {args.arriving} arriving is {ratio:.2f}x the single session (target 3x)"
        )
        ok = False
    if reads > allowed:
        print(f"MISSED the source was read {reads} times; at most {allowed} allowed")
        ok = False
    return ok


def main(argv: list[str] | None = None) -> int:
    """Serve the sample through the local Sheets API, load the app, print and check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arriving", type=int, default=30, help="sessions arriving together")
    parser.add_argument("--arrive-within", type=float, default=10, help="seconds")
    parser.add_argument("--cycling", type=int, default=100, help="sessions cycling pages")
    parser.add_argument("--seconds", type=float, default=120, help="how long they cycle")
    parser.add_argument("--rounds", type=int, default=2, help="single-session passes")
    parser.add_argument("--ttl", type=int, default=60, help="refresh period, seconds")
    parser.add_argument("--timeout", type=float, default=120, help="a page slower fails")
    parser.add_argument("--quick", action="store_true", help="10 arriving in 5 s, 20 for 20 s")
    args = parser.parse_args(argv)
    if args.quick:
        args.arriving, args.arrive_within, args.cycling, args.seconds = 10, 5, 20, 20
        args.rounds, args.ttl = 1, 10

    tmp = Path(tempfile.mkdtemp(prefix="uv-load-"))
    sheets = SheetsApiServer(workbook_from_xlsx(ROOT / "data" / "sample.xlsx"), locale="ru_RU")
    sheets.start()
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
    client_cpu = time.process_time()
    try:
        scenarios, reads = asyncio.run(measure(app, sheets, args))
    finally:
        stop_server(app)
        sheets.stop()
    # A read is due once the last one is a period old: the first may come at once, then one
    # per full period.
    allowed = 1 + int(scenarios[-1].usage.wall // args.ttl)
    ok = report(scenarios, reads, allowed, args)
    print(
        f"(the harness itself used {time.process_time() - client_cpu:.1f} CPU s on the same cores; "
        f"server log: {app.log})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
