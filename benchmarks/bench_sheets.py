"""Requests and time per refresh: GoogleSheetSource vs a naive gspread loader, same run.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_sheets            # 5k, 50k and 500k cells
    .venv/bin/python -m benchmarks.bench_sheets --quick    # 5k and 50k only

Both loaders talk HTTP to the local Sheets API server (tests/sheets_api_server.py), so the
times measure client and server work on this machine, not Google's latency; against Google each
request saved also saves a network round trip and one unit of the per-minute read quota.
The naive loader is what a first version usually does on every refresh: open the spreadsheet by
key (one metadata request), list its worksheets (another) and call get_all_records() on each tab
(one request per tab).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import gspread
from google.oauth2 import service_account

from tests.sheets_api_server import SheetsApiServer
from utils.sources.gsheets import (
    READONLY_SCOPES,
    BoundedRetryHTTPClient,
    GoogleSheetSource,
    RetryPolicy,
)

TABS = ("indicators", "votes", "milestones", "regions", "notes")
COLUMNS = 10
SIZES = {"5k": 100, "50k": 1_000, "500k": 10_000}  # rows per tab: 5 tabs x rows x 10 columns


def make_workbook(rows_per_tab: int) -> dict[str, list[list[Any]]]:
    """Five tabs of mixed cells (text, integers, decimals, dates, booleans), header first."""
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
                r % 7,
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


def main() -> None:
    """Serve each workbook size, measure both loaders, print the figures and the ratios."""
    parser = argparse.ArgumentParser(description="Requests and time per refresh.")
    parser.add_argument("--quick", action="store_true", help="skip the 500k-cell workbook")
    args = parser.parse_args()
    sizes = {k: v for k, v in SIZES.items() if not (args.quick and k == "500k")}
    print(f"{'cells':>7}  {'loader':<24} {'1st refresh':>11} {'per refresh':>11} {'median s':>9}")
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
        for name, (first, later, seconds) in (
            ("GoogleSheetSource", ours),
            ("naive get_all_records", naive),
        ):
            print(f"{cells:>7}  {name:<24} {first:>11} {later:>11.0f} {seconds:>9.3f}")
        print(
            f"{label:>7}  naive / ours: {naive[1] / ours[1]:.1f}x the requests per refresh, "
            f"{naive[2] / ours[2]:.2f}x the time per refresh"
        )


if __name__ == "__main__":
    main()
