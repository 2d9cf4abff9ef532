"""Requests, payload and time per refresh: GoogleSheetSource vs today's values:batchGet and a
naive gspread loader, all in the same run.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_sheets            # 5k, 50k and 500k cells
    .venv/bin/python -m benchmarks.bench_sheets --quick    # 5k and 50k only

Both loaders talk HTTP to the local Sheets API server (tests/sheets_api_server.py), so the
times measure client and server work on this machine, not Google's latency; against Google each
request saved also saves a network round trip and one unit of the per-minute read quota.
The naive loader is what a first version usually does on every refresh: open the spreadsheet by
key (one metadata request), list its worksheets (another) and call get_all_records() on each tab
(one request per tab).

The second table compares the one call GoogleSheetSource makes now (``spreadsheets.get`` with
grid data and its fields mask, which carries number formats and the shown text) with the call it
made before issue 13 (``values:batchGet`` of every tab, unformatted values, dates as serials):
JSON bytes as sent and gzip-compressed (Google compresses when asked, as requests asks), and the
median seconds of the request with JSON decoding; "read" is the whole GoogleSheetSource.read(),
the cells turned into raw cells as well. Google indents JSON unless asked ``prettyPrint=false``
(the local server does the same); the source asked for indented JSON before and asks for compact
JSON now, so the old call is shown both ways. For scale, the bytes of the same grid data without
a fields mask are printed too. Server-side seconds are the local server's, not Google's.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import gspread
from google.oauth2 import service_account
from gspread.urls import SPREADSHEET_URL, SPREADSHEET_VALUES_BATCH_URL
from gspread.utils import absolute_range_name

from tests.sheets_api_server import SheetsApiServer
from utils.sources.base import Formatted
from utils.sources.gsheets import (
    GRID_FIELDS,
    READONLY_SCOPES,
    BoundedRetryHTTPClient,
    GoogleSheetSource,
    RetryPolicy,
)

TABS = ("indicators", "votes", "milestones", "regions", "notes")
COLUMNS = 10
SIZES = {"5k": 100, "50k": 1_000, "500k": 10_000}  # rows per tab: 5 tabs x rows x 10 columns


def make_workbook(rows_per_tab: int) -> dict[str, list[list[Any]]]:
    """Five tabs of mixed cells (text, integers, decimals, dates, percents, booleans), header
    first; the dates carry a DATE format and column 5 a PERCENT format, as typed in a sheet."""
    start = date(2024, 1, 1)
    workbook = {}
    for t, tab in enumerate(TABS):
        header = [f"{tab}_col{c}" for c in range(COLUMNS)]
        body = [
            [
                f"row {r}",
                r,
                round(r * 0.37 + t, 2),
                start + timedelta(days=r % 365),
                "Бишкек" if r % 2 else "Osh",
                Formatted((r % 100) / 100, "PERCENT", f"{r % 100}%"),
                r * 3,
                "",
                f"n{r % 11}",
                r % 2 == 0,
            ]
            for r in range(rows_per_tab - 1)
        ]
        workbook[tab] = [header, *body]
    return workbook


def naive_loader(server: SheetsApiServer, info: dict[str, str]) -> Callable[[], Any]:
    """A refresh the usual way: open by key, list worksheets, get_all_records per tab."""
    creds = service_account.Credentials.from_service_account_info(
        info, scopes=list(READONLY_SCOPES)
    )
    client = gspread.Client(auth=creds, http_client=BoundedRetryHTTPClient)
    http: BoundedRetryHTTPClient = client.http_client  # type: ignore[assignment]
    # Only to reach the local server; one attempt, so retries flatter neither side.
    http.configure(
        api_root=server.api_root,
        timeout=120.0,
        policy=RetryPolicy(max_attempts=1),
        rng=random.Random(),
    )

    def refresh() -> Any:
        spreadsheet = client.open_by_key(server.spreadsheet_id)
        return {ws.title: ws.get_all_records() for ws in spreadsheet.worksheets()}

    return refresh


def measure(
    server: SheetsApiServer, refresh: Callable[[], Any], repeats: int
) -> tuple[int, float, float]:
    """(requests of the first refresh, requests per later refresh, median seconds per later)."""
    server.clear_log()
    refresh()
    first = server.count()
    server.clear_log()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        refresh()
        times.append(time.perf_counter() - started)
    return first, server.count() / repeats, statistics.median(times)


def payload(
    server: SheetsApiServer, http: BoundedRetryHTTPClient, url: str, params: Any, repeats: int
) -> tuple[int, int, float, float]:
    """(JSON bytes, gzip bytes, median seconds of request + JSON decoding, median seconds the
    local server spent building the answer) of one API call."""
    response = http.request("get", url, params=params)
    body = response.content
    times, built = [], []
    for _ in range(repeats):
        server.clear_log()
        started = time.perf_counter()
        http.request("get", url, params=params).json()
        times.append(time.perf_counter() - started)
        built.append(sum(r.seconds for r in server.requests))
    return (
        len(body),
        len(gzip.compress(body, 6)),
        statistics.median(times),
        statistics.median(built),
    )


def compare_calls(
    server: SheetsApiServer, source: GoogleSheetSource, titles: list[str], repeats: int
) -> dict[str, tuple[int, int, float, float]]:
    """Bytes and seconds of the new single call, the old values:batchGet and the unmasked grid."""
    http: BoundedRetryHTTPClient = source._http  # type: ignore[assignment]
    key = server.spreadsheet_id
    old_params = [
        ("valueRenderOption", "UNFORMATTED_VALUE"),
        ("dateTimeRenderOption", "SERIAL_NUMBER"),
        ("majorDimension", "ROWS"),
        *[("ranges", absolute_range_name(t)) for t in titles],
    ]
    new_params = {"includeGridData": "true", "fields": GRID_FIELDS, "prettyPrint": "false"}
    figures = {
        "values:batchGet (before)": payload(
            server, http, SPREADSHEET_VALUES_BATCH_URL % key, old_params, repeats
        ),
        "batchGet, prettyPrint=false": payload(
            server,
            http,
            SPREADSHEET_VALUES_BATCH_URL % key,
            [*old_params, ("prettyPrint", "false")],
            repeats,
        ),
        "spreadsheets.get (now)": payload(server, http, SPREADSHEET_URL % key, new_params, repeats),
    }
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        source.read()
        times.append(time.perf_counter() - started)
    figures["GoogleSheetSource.read()"] = (0, 0, statistics.median(times), 0.0)
    unmasked = http.request(
        "get", SPREADSHEET_URL % key, params={"includeGridData": "true", "prettyPrint": "false"}
    )
    figures["grid data, no mask"] = (
        len(unmasked.content),
        len(gzip.compress(unmasked.content, 6)),
        0.0,
        0.0,
    )
    return figures


def main() -> None:
    """Serve each workbook size, measure the loaders and the calls, print figures and ratios."""
    parser = argparse.ArgumentParser(description="Requests and time per refresh.")
    parser.add_argument("--quick", action="store_true", help="skip the 500k-cell workbook")
    args = parser.parse_args()
    sizes = {k: v for k, v in SIZES.items() if not (args.quick and k == "500k")}
    print(f"{'cells':>7}  {'loader':<24} {'1st refresh':>11} {'per refresh':>11} {'median s':>9}")
    calls: dict[str, dict[str, tuple[int, int, float, float]]] = {}
    for label, rows in sizes.items():
        workbook = make_workbook(rows)
        cells = sum(len(row) for grid in workbook.values() for row in grid)
        repeats = 5 if rows <= 1_000 else 3
        with SheetsApiServer(workbook) as server:
            info = server.service_account_info()
            source = GoogleSheetSource(
                server.spreadsheet_id, info, api_root=server.api_root, timeout=120.0
            )
            ours = measure(server, source.read, repeats)
            naive = measure(server, naive_loader(server, info), repeats)
            calls[label] = compare_calls(server, source, list(workbook), repeats)
        for name, (first, later, seconds) in (
            ("GoogleSheetSource", ours),
            ("naive get_all_records", naive),
        ):
            print(f"{cells:>7}  {name:<24} {first:>11} {later:>11.0f} {seconds:>9.3f}")
        print(
            f"{label:>7}  naive / ours: {naive[1] / ours[1]:.1f}x the requests per refresh, "
            f"{naive[2] / ours[2]:.2f}x the time per refresh"
        )
    print()
    print(
        f"{'cells':>7}  {'call':<28} {'JSON bytes':>12} {'gzip bytes':>11} {'median s':>9}"
        f" {'server s':>9} {'client s':>9}"
    )
    for label, figures in calls.items():
        for name, (size, packed, seconds, built) in figures.items():
            sizes_text = f"{size:>12,} {packed:>11,}" if size else f"{'':>12} {'':>11}"
            seconds_text = f"{seconds:>9.3f}" if seconds else f"{'':>9}"
            split = f" {built:>9.3f} {seconds - built:>9.3f}" if built else ""
            print(f"{label:>7}  {name:<28} {sizes_text} {seconds_text}{split}")
        new = figures["spreadsheets.get (now)"]
        for name in ("values:batchGet (before)", "batchGet, prettyPrint=false"):
            old = figures[name]
            print(
                f"{label:>7}  now / {name}: {new[0] / old[0]:.2f}x the JSON bytes, "
                f"{new[1] / old[1]:.2f}x gzipped, {new[2] / old[2]:.2f}x the seconds of the call, "
                f"{(new[2] - new[3]) / (old[2] - old[3]):.2f}x its client side"
            )


if __name__ == "__main__":
    main()
