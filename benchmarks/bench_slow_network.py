"""First visit over a slow phone connection, through the production proxy, against a bare page.

Run on purpose (pytest does not collect it), from the repository root:

    .venv/bin/python -m benchmarks.bench_slow_network                      # both profiles
    .venv/bin/python -m benchmarks.bench_slow_network --static-root none   # no precompressed copy
    .venv/bin/python -m benchmarks.bench_slow_network --profiles 1.6M --warm 400k,1.6M

What runs: the app (`streamlit run app.py`) and benchmarks/bare_page.py (a bare Streamlit page
with one plotly chart), each started with the systemd unit's settings and each behind its own
nginx rendered from deploy/ (same files, same compression and caching; deploy/render.py), on
loopback. Headless Chromium is throttled with Chrome DevTools' network emulation
(Network.emulateNetworkConditions over a CDP session): 400 kbit/s with 400 ms latency, and
1.6 Mbit/s with 150 ms, the same both ways.

Per page and profile:
- first content: seconds from navigation to the first heading (h1) visible;
- first chart: seconds to the first chart visible (a plotly chart, the map's canvas, or on the
  overview the metrics' sparklines);
- bytes: what nginx sent for the load, compression included (its access log: every HTTP
  response and the WebSocket), until the network is idle after the first chart;
- kB uncompressed: the same load had /static/ been sent as Streamlit alone sends it (each
  asset's file size), i.e. what the proxy's compression saves;
- cold: a fresh browser context (empty cache); warm: a second tab in the same context.
Each figure is read against the bare page measured in the same run (the ratio). Both servers
are opened once unthrottled first, so the server's own first-run costs are not counted.

By default /static/ is served from a copy precompressed by deploy/precompress-static.sh (made
once into $TMPDIR/uv-bench-static-<streamlit version>); `--static-root none` measures the
fallback, where nginx compresses each response on the fly at level 5.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit  # noqa: E402

from deploy.render import LocalProxy, Replica, free_port, start_replica  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PROFILES = {  # name: (kbit/s, latency ms)
    "400k": (400, 400),
    "1.6M": (1600, 150),
}
PAGES = {  # name: URL path (the pages' file names; the overview is the default page at "/")
    "overview": "",
    "program_access": "program_access",
    "votes": "votes",
    "strategy": "strategy",
    "slideshow": "slideshow",
}
CONTENT = "h1"
CHART = (
    ".js-plotly-plot, [data-testid='stDeckGlJsonChart'] canvas,"
    " [data-testid='stMetricChart'] svg, [data-testid='stMetricChart'] canvas"
)
TIMEOUT_MS = 300_000
STATIC = Path(streamlit.__file__).parent / "static"
TARGET_CONTENT, TARGET_CHART = 10.0, 20.0  # seconds, at 1.6 Mbit/s on a cold cache


@dataclass
class Load:
    content: float
    chart: float
    sent: int  # bytes nginx sent (HTTP responses and the WebSocket)
    plain: int  # the same, had /static/ been sent uncompressed (Streamlit with no proxy)


def _log_bytes(lines: list[str]) -> tuple[int, int, bool]:
    """(bytes sent, the same load's bytes had /static/ gone uncompressed as Streamlit alone
    sends it, whether the WebSocket's line is there) of access-log lines."""
    total = plain = 0
    websocket = False
    for line in lines:
        fields = line.split(" ")
        status, uri = fields[0], fields[2]
        sent = int(fields[-1].removeprefix("bytes="))
        total += sent
        websocket = websocket or uri == "/_stcore/stream"
        asset = STATIC / uri.lstrip("/")
        if status == "200" and uri.startswith("/static/") and asset.is_file():
            plain += asset.stat().st_size
        else:
            plain += sent
    return total, plain, websocket


def _throttle(tab: Any, kbps: int, latency: int) -> None:
    """Chrome DevTools network emulation for this tab (both directions, bytes per second)."""
    session = tab.context.new_cdp_session(tab)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency,
            "downloadThroughput": kbps * 1000 / 8,
            "uploadThroughput": kbps * 1000 / 8,
        },
    )


def measure(context: Any, proxy: LocalProxy, path: str, kbps: int, latency: int) -> Load:
    """One throttled load of ``path`` in a new tab of ``context``."""
    tab = context.new_page()
    _throttle(tab, kbps, latency)
    log = proxy.access_log
    offset = log.stat().st_size if log.exists() else 0
    start = time.perf_counter()
    tab.goto(f"{proxy.url}/{path}", wait_until="commit", timeout=TIMEOUT_MS)
    tab.wait_for_selector(CONTENT, state="visible", timeout=TIMEOUT_MS)
    content = time.perf_counter() - start
    tab.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
    chart = time.perf_counter() - start
    # Whatever the page still fetches after its first chart (more charts, the map) counts too.
    tab.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    tab.close()  # closes the WebSocket: nginx writes its line
    deadline = time.monotonic() + 10
    while True:
        with log.open() as handle:
            handle.seek(offset)
            lines = [line for line in handle.read().splitlines() if line]
        total, plain, websocket = _log_bytes(lines)
        if websocket or time.monotonic() > deadline:
            return Load(content, chart, total, plain)
        time.sleep(0.2)


def warm_up(browser: Any, proxy: LocalProxy, paths: list[str]) -> None:
    """Open every page once, unthrottled, so the server has run each script once."""
    context = browser.new_context(locale="ru-RU")
    try:
        for path in paths:
            tab = context.new_page()
            tab.goto(f"{proxy.url}/{path}", timeout=TIMEOUT_MS)
            tab.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
            tab.close()
    finally:
        context.close()


def static_copy(choice: str) -> Path | None:
    """The precompressed /static/ copy to serve (made once per Streamlit version), or None."""
    if choice == "none":
        return None
    if choice != "auto":
        return Path(choice)
    path = Path(tempfile.gettempdir()) / f"uv-bench-static-{streamlit.__version__}"
    if not (path / "static" / "js").is_dir():
        print(f"precompressing Streamlit's assets into {path} (about a minute) …", flush=True)
        subprocess.run(
            ["sh", str(ROOT / "deploy" / "precompress-static.sh"), str(path)],
            env={**os.environ, "PYTHON": sys.executable},
            check=True,
        )
    return path


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base else "—"


def report(results: dict[tuple[str, str, str], Load], profiles: list[str]) -> None:
    """Markdown tables: per profile and cache state, every page against the bare page."""
    for profile in profiles:
        for cache in ("cold", "warm"):
            rows = {
                name: load for (p, c, name), load in results.items() if (p, c) == (profile, cache)
            }
            if not rows:
                continue
            kbps, latency = PROFILES[profile]
            bare = rows.get("bare page")
            print(f"\n{kbps} kbit/s, {latency} ms latency, {cache} cache\n")
            print(
                "| page | first content, s | × bare | first chart, s | × bare | kB sent | × bare | kB uncompressed |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            for name, load in rows.items():
                misses = [
                    label
                    for label, value, target in (
                        ("content", load.content, TARGET_CONTENT),
                        ("chart", load.chart, TARGET_CHART),
                    )
                    if profile == "1.6M" and cache == "cold" and value > target
                ]
                flag = f" (misses {', '.join(misses)})" if misses and name != "bare page" else ""
                cells = [
                    f"{name}{flag}",
                    f"{load.content:.1f}",
                    _ratio(load.content, bare.content) if bare else "—",
                    f"{load.chart:.1f}",
                    _ratio(load.chart, bare.chart) if bare else "—",
                    f"{load.sent / 1000:,.0f}",
                    _ratio(load.sent, bare.sent) if bare else "—",
                    f"{load.plain / 1000:,.0f}",
                ]
                print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", default="400k,1.6M", help="of: " + ", ".join(PROFILES))
    parser.add_argument(
        "--warm", default="1.6M", help="profiles that also measure a warm cache (comma list)"
    )
    parser.add_argument("--pages", default=",".join(PAGES), help="of: " + ", ".join(PAGES))
    parser.add_argument(
        "--static-root",
        default="auto",
        help="precompressed /static/ copy: auto (made once), a path, or none (on the fly only)",
    )
    args = parser.parse_args()
    profiles = [p for p in args.profiles.split(",") if p]
    warm = {p for p in args.warm.split(",") if p}
    pages = {name: PAGES[name] for name in args.pages.split(",") if name}

    from playwright.sync_api import sync_playwright

    static_root = static_copy(args.static_root)
    began = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="uv-bench-slow-"))
    replicas: list[Replica] = []
    proxies: list[LocalProxy] = []
    results: dict[tuple[str, str, str], Load] = {}
    try:
        app = start_replica(free_port(), tmp / "app", sys.executable, cwd=ROOT)
        replicas.append(app)
        bare = start_replica(
            free_port(), tmp / "bare", sys.executable, cwd=ROOT, script="benchmarks/bare_page.py"
        )
        replicas.append(bare)
        app_proxy = LocalProxy.start(tmp / "nginx-app", [app.port], static_root=static_root)
        proxies.append(app_proxy)
        bare_proxy = LocalProxy.start(tmp / "nginx-bare", [bare.port], static_root=static_root)
        proxies.append(bare_proxy)
        targets = {"bare page": (bare_proxy, "")} | {
            name: (app_proxy, path) for name, path in pages.items()
        }
        with sync_playwright() as playwright:
            # Trust the run's certificates as real ones: Chromium caches nothing from a site
            # whose certificate errors are merely ignored, and the warm figures need the cache.
            trusted = ",".join(proxy.spki() for proxy in proxies)
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={trusted}"],
            )
            warm_up(browser, bare_proxy, [""])
            warm_up(browser, app_proxy, list(pages.values()))
            for profile in profiles:
                kbps, latency = PROFILES[profile]
                for name, (proxy, path) in targets.items():
                    context = browser.new_context(
                        locale="ru-RU",
                        viewport={"width": 412, "height": 915},  # a phone
                        is_mobile=True,
                        has_touch=True,
                    )
                    try:
                        cold = measure(context, proxy, path, kbps, latency)
                        results[(profile, "cold", name)] = cold
                        line = f"{profile} {name}: cold {cold.content:.1f}/{cold.chart:.1f} s"
                        line += f" {cold.sent / 1000:,.0f} kB"
                        if profile in warm:
                            again = measure(context, proxy, path, kbps, latency)
                            results[(profile, "warm", name)] = again
                            line += f"; warm {again.content:.1f}/{again.chart:.1f} s"
                            line += f" {again.sent / 1000:,.0f} kB"
                        print(line, flush=True)
                    finally:
                        context.close()
            browser.close()
    finally:
        for proxy in proxies:
            proxy.stop()
        for replica in replicas:
            replica.stop()
    print(
        f"\nStreamlit {streamlit.__version__}; /static/ "
        + (f"precompressed from {static_root}" if static_root else "compressed on the fly")
        + f"; {time.monotonic() - began:.0f} s in all"
    )
    report(results, profiles)


if __name__ == "__main__":
    main()
