"""Real headless Chromium (Debian's package) driven by Playwright against a real Streamlit server."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.apptest import opened
from tests.conftest import ROOT

CHROMIUM = Path(os.environ.get("UV_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PAGES = {
    "overview": "Обзор",
    "program_access": "Доступ к программам",
    "votes": "Голосование",
    "strategy": "Стратегия",
    "sheet_health": "Проверка таблицы",
}

pytestmark = pytest.mark.browser


def opened_query(path: str) -> str:
    """``&key=true…`` opening every section the page at URL ``path`` ("" for the overview)
    draws only once the reader opens it (tests.apptest.opened); "" if it has none."""
    return "".join(f"&{k}={v}" for k, v in opened(f"pages/{path or 'overview'}.py").items())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A Streamlit server of this app on a loopback port."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(default_factory=dict)


def start_server(
    tmp: Path, extra_env: dict[str, str] | None = None, script: str = "app.py"
) -> Server:
    """Start ``streamlit run app.py`` (or ``script``) and wait until it answers its health check."""
    port = _free_port()
    env = {**os.environ, "UV_SNAPSHOT_DIR": str(tmp / "snapshots"), **(extra_env or {})}
    log = tmp / f"streamlit-{port}.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return Server(url, process, log, env)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    """Stop the server and wait for it."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Server]:
    """One server on the bundled sample for the whole browser session."""
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    stop_server(running)


LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

# Streamlit's own frontend, on a page URL such as /program_access, first asks /access/_stcore/health and
# /access/_stcore/host-config (in case the app sits under a base path) and falls back to the root
# on 404. The browser logs each 404 as a console error; they come from Streamlit, not from the app.
_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def watch(tab: object) -> object:
    """Record on ``tab``: console errors, JS dialogs (dismissed), HTTP errors, outside requests."""
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.http_errors = []  # type: ignore[attr-defined]
    tab.outside_requests = []  # type: ignore[attr-defined]

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        host = urlsplit(url).hostname or ""
        if url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOOPBACK:
            tab.outside_requests.append(url)  # type: ignore[attr-defined]

    def on_response(response: object) -> None:
        status, url = response.status, response.url  # type: ignore[attr-defined]
        if status >= 400 and not _BASE_PATH_PROBE.search(urlsplit(url).path):
            tab.http_errors.append(f"{status} {url}")  # type: ignore[attr-defined]

    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))  # type: ignore[attr-defined]
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    tab.on("request", on_request)  # type: ignore[attr-defined]
    tab.on("response", on_response)  # type: ignore[attr-defined]
    return tab


def app_console_errors(tab: object) -> list[str]:
    """Console errors that come from the app: failed loads are judged by their requests instead
    (``http_errors`` for our server, ``outside_requests`` for anything off this machine)."""
    return [
        text
        for text in tab.console_errors  # type: ignore[attr-defined]
        if not text.startswith("Failed to load resource")
    ]


def new_tab(browser: Browser, **context_options: object) -> Page:
    """A page in a fresh context (its own cookies and session) at 1280×720, watched."""
    options: dict[str, object] = {"viewport": {"width": 1280, "height": 720}, "locale": "ru-RU"}
    options.update(context_options)
    context = browser.new_context(**options)  # type: ignore[arg-type]
    tab = context.new_page()
    watch(tab)
    return tab


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page at 1280×720 (a shared screen), console errors recorded."""
    tab = new_tab(browser)
    yield tab
    tab.context.close()


def warm_up(browser: Browser, server: Server) -> None:
    """Open the app's root once so app.py has run st.navigation before the tests' deep links.

    A fresh Streamlit server with a ``pages/`` folder beside app.py runs that folder as an old
    style multipage app until some session has run app.py (PagesManager.uses_pages_directory);
    tests/browser/test_pages.py checks that first visit on its own server.
    """
    tab = new_tab(browser)
    try:
        tab.goto(server.url + "/")
        wait_for_app(tab)
    finally:
        tab.context.close()


def open_app(tab: Page, url: str) -> None:
    """Navigate and wait until the script has finished and the page is drawn."""
    tab.goto(url)
    wait_for_app(tab)


STATUS = '[data-testid="stStatusWidget"]'
"""Streamlit's status widget: it says "Running…" while the script runs."""
_IDLE_POLLS = 5
_IDLE_EVERY_MS = 100
_IDLE = """(polls) => {
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const busy = (status && status.innerText.trim()) || document.querySelector('[data-stale="true"]');
  window.__uvIdlePolls = busy ? 0 : (window.__uvIdlePolls || 0) + 1;
  return window.__uvIdlePolls >= polls;
}"""
_STEADY = """([selector, polls]) => {
  const n = document.querySelectorAll(selector).length;
  const same = n > 0 && n === window.__uvLastCount;
  window.__uvLastCount = n;
  window.__uvSteadyPolls = same ? (window.__uvSteadyPolls || 0) + 1 : 0;
  return window.__uvSteadyPolls >= polls;
}"""


def wait_for_app(tab: Page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has drawn the page and its script is done.

    Done means: no "Running…" in the status widget and no stale (greyed) element, seen on five
    polls in a row 100 ms apart, because a rerun can start right after the first run ends (a
    widget seeded from the URL). Waits on the app's state, never for a fixed time.
    """
    expect(tab.locator("h1").first).to_be_visible(timeout=timeout_ms)
    tab.evaluate("() => { window.__uvIdlePolls = 0; }")
    tab.wait_for_function(_IDLE, arg=_IDLE_POLLS, polling=_IDLE_EVERY_MS, timeout=timeout_ms)


def wait_until_steady(tab: Page, selector: str, timeout_ms: int = 30_000) -> None:
    """Wait until ``selector`` matches something, and the same number of things on three polls
    in a row (a list that fills in as it opens, charts that draw one after another)."""
    tab.evaluate("() => { window.__uvSteadyPolls = 0; window.__uvLastCount = -1; }")
    tab.wait_for_function(_STEADY, arg=[selector, 3], polling=_IDLE_EVERY_MS, timeout=timeout_ms)


def next_frame(tab: Page) -> None:
    """Wait until the browser has drawn two more frames (a hover label, a tooltip)."""
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def animations_done(tab: Page, timeout_ms: int = 30_000) -> None:
    """Wait until no CSS or web animation is running (an expander opening, a toast sliding)."""
    tab.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')",
        polling=_IDLE_EVERY_MS,
        timeout=timeout_ms,
    )


def combobox(tab: Page, key: str) -> Locator:
    """The text input of the selectbox or multiselect whose widget key is ``key``."""
    return tab.locator(f".st-key-{key} input[role='combobox']")


OPTIONS = "[role='listbox'] [role='option']"


def options_of(tab: Page, key: str) -> list[str]:
    """Open the drop-down of widget ``key`` and return its option labels (left open)."""
    box = combobox(tab, key)
    expect(box).to_be_visible()
    box.click()
    expect(tab.locator(OPTIONS).first).to_be_visible()
    wait_until_steady(tab, OPTIONS)  # the list fills in as it opens
    labels = tab.locator(OPTIONS).all_inner_texts()
    return [label for label in labels if label != "Select all"]  # Streamlit's own helper row


def choose(tab: Page, key: str, label: str) -> None:
    """Pick ``label`` in the open drop-down of widget ``key`` and wait for the rerun."""
    tab.locator(OPTIONS).filter(has_text=label).first.click()
    tab.keyboard.press("Escape")
    wait_for_app(tab)


def selected(tab: Page, key: str) -> list[str]:
    """What widget ``key`` shows: a selectbox's value, or a multiselect's chosen tags."""
    widget = tab.locator(f".st-key-{key}")
    # Under load an expander just opened may draw its widgets a moment later: wait for them.
    expect(widget.first).to_be_visible(timeout=30_000)
    expect(widget.locator("input[role='combobox']").first).to_be_attached(timeout=30_000)
    wait_for_app(tab)
    if widget.locator("[data-testid='stMultiSelect']").count():
        tags = widget.locator("[data-tag] > span[title]")
        return [t.get_attribute("title") or "" for t in tags.all()]
    return [combobox(tab, key).input_value()]  # type: ignore[attr-defined]


OpenPage = Callable[[str], None]
