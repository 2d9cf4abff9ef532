"""The production set-up for real: nginx from deploy/ in front of `streamlit run app.py`.

Debian's nginx runs as the current user on loopback ports (deploy/render.py renders the site
file into a temp folder, with a self-signed certificate made by openssl for the run), in front
of two replicas started with exactly the environment and command line of
deploy/systemd/united-voices@.service. Through the proxy: static assets come compressed
(precompressed from disk, or on the fly when the copy lacks a file) with year-long immutable
cache headers, the WebSocket upgrades, the HTML carries the security headers, /_stcore/health
answers "ok", requests of one browser stay on one replica, and (browser) every page renders in
Chromium with no Content-Security-Policy violation and nothing fetched from elsewhere.

Without nginx (or its brotli modules, openssl, brotli) the tests skip with the reason, except
under CI, where .ci/run installs them and a skip would hide a broken deployment: they fail.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from deploy.render import (
    HEADERS,
    SITE,
    UNIT,
    LocalProxy,
    MissingTool,
    Replica,
    free_port,
    nginx_missing,
    render_site,
    start_replica,
)
from tests.conftest import ROOT

STREAMLIT_STATIC = Path(__import__("streamlit").__file__).parent / "static"
PRECOMPRESS = ROOT / "deploy" / "precompress-static.sh"
YEAR = 31_536_000
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
PLOTLY = ".js-plotly-plot"
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
PAGES = {  # URL path -> what must be drawn (the pages' file names are their URL paths)
    "": ("h1",),
    # The map too, opened by the link: deck.gl draws in WebGL, under the CSP.
    "program_access?access_map_open=true": (PLOTLY, DECK),
    "votes": (PLOTLY,),
    "strategy": (PLOTLY,),
    "slideshow": ("h1",),
}


def _unavailable(reason: str) -> None:
    """Skip with the reason; under CI, fail: CI must run the real proxy."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: .ci/run must install it)")
    pytest.skip(reason)


@dataclass
class Stack:
    proxy: LocalProxy
    replicas: list[Replica]
    static_root: Path
    fallback_asset: str  # a /static/ path left out of the precompressed copy

    @property
    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.proxy.cert))

    def connection(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(
            "localhost", self.proxy.https_port, context=self.tls, timeout=30
        )

    def get(self, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
        connection = self.connection()
        try:
            connection.request(
                "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
            )
            answer = connection.getresponse()
            return answer, answer.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Two replicas from the systemd unit behind the real nginx, for this module."""
    missing = nginx_missing()
    if missing:
        _unavailable(missing)
    if shutil.which("brotli") is None:
        _unavailable(
            "brotli is not installed (apt-get install brotli): precompress-static.sh needs it"
        )
    tmp = tmp_path_factory.mktemp("deploy")
    # The precompressed copy, made by the deploy script itself (cheap levels: the test checks
    # how files are served, not how small they get), minus one asset to exercise the fallback.
    static_root = tmp / "static-root"
    subprocess.run(
        ["sh", str(PRECOMPRESS), str(static_root)],
        env={
            **os.environ,
            "PYTHON": sys.executable,
            "UV_BROTLI_QUALITY": "1",
            "UV_GZIP_LEVEL": "1",
        },
        check=True,
        capture_output=True,
    )
    plotly = sorted((static_root / "static" / "js").glob("PlotlyChart.*.js"))[0]
    for path in (plotly, Path(f"{plotly}.br"), Path(f"{plotly}.gz")):
        path.unlink()
    replicas: list[Replica] = []
    proxy = None
    try:
        for _ in range(2):
            replicas.append(start_replica(free_port(), tmp / "state", sys.executable, cwd=ROOT))
        try:
            proxy = LocalProxy.start(
                tmp / "nginx", [r.port for r in replicas], static_root=static_root
            )
        except MissingTool as err:
            _unavailable(str(err))
        yield Stack(proxy, replicas, static_root, f"/static/js/{plotly.name}")
    finally:
        if proxy is not None:
            proxy.stop()
        for replica in replicas:
            replica.stop()


def _assets(stack: Stack) -> list[str]:
    """The entry script and stylesheet index.html names (hashed), as /static/ paths."""
    _answer, body = stack.get("/", Accept_Encoding="identity")
    html = body.decode()
    found = re.findall(r'(?:src|href)="\./(static/(?:js|css)/index\.[^./"]+\.(?:js|css))"', html)
    assert len(found) >= 2, html[:2000]
    return ["/" + path for path in found]


# --- HTTP through the proxy ----------------------------------------------------------------


def test_health_check_answers_ok(stack: Stack) -> None:
    answer, body = stack.get("/_stcore/health")
    assert (answer.status, body) == (200, b"ok")


def test_html_carries_the_security_headers(stack: Stack) -> None:
    answer, _body = stack.get("/")
    assert answer.status == 200
    csp = answer.getheader("Content-Security-Policy") or ""
    for directive in (
        "default-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp, csp
    assert answer.getheader("X-Content-Type-Options") == "nosniff"
    assert answer.getheader("Referrer-Policy") == "same-origin"
    assert answer.getheader("X-Frame-Options") == "DENY"
    assert "max-age=31536000" in (answer.getheader("Strict-Transport-Security") or "")
    # The page itself is never cached without asking: a new deployment shows at once.
    assert answer.getheader("Cache-Control") == "no-cache"


def _cache_is_immutable(answer: http.client.HTTPResponse) -> None:
    cache = answer.getheader("Cache-Control") or ""
    assert "immutable" in cache and "public" in cache, cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR, cache  # type: ignore[union-attr]


def test_static_assets_are_gzipped_and_cached_for_a_year(stack: Stack) -> None:
    for path in _assets(stack):
        answer, body = stack.get(path, Accept_Encoding="gzip")
        assert answer.status == 200, path
        assert answer.getheader("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (answer.getheader("Vary") or ""), path
        _cache_is_immutable(answer)
        assert answer.getheader("X-Content-Type-Options") == "nosniff"
        raw = (STREAMLIT_STATIC / path.lstrip("/")).read_bytes()
        assert gzip.decompress(body) == raw, path
        assert len(body) < len(raw) / 2.5, (path, len(body), len(raw))


def test_static_assets_come_precompressed_in_brotli(stack: Stack) -> None:
    for path in _assets(stack):
        answer, body = stack.get(path, Accept_Encoding="gzip, deflate, br")
        assert answer.getheader("Content-Encoding") == "br", path
        _cache_is_immutable(answer)
        # Byte for byte the file deploy/precompress-static.sh wrote: sent from disk, not
        # compressed again for this response.
        assert body == (stack.static_root / f"{path.lstrip('/')}.br").read_bytes(), path


def test_asset_missing_from_the_precompressed_copy_still_comes_compressed(stack: Stack) -> None:
    """After an upgrade without precompress-static.sh: Streamlit serves it, nginx compresses it."""
    answer, body = stack.get(stack.fallback_asset, Accept_Encoding="gzip")
    assert answer.status == 200
    assert answer.getheader("Content-Encoding") == "gzip"
    _cache_is_immutable(answer)  # Streamlit's own header for its hashed files
    raw = (STREAMLIT_STATIC / stack.fallback_asset.lstrip("/")).read_bytes()
    assert gzip.decompress(body) == raw
    assert len(body) < len(raw) / 2.5


def test_plain_http_redirects_to_https(stack: Stack) -> None:
    connection = http.client.HTTPConnection("localhost", stack.proxy.http_port, timeout=10)
    try:
        connection.request("GET", "/votes?lang=en")
        answer = connection.getresponse()
        assert answer.status == 301
        assert answer.getheader("Location") == "https://localhost/votes?lang=en"
    finally:
        connection.close()


def test_an_unknown_host_name_gets_no_certificate(stack: Stack) -> None:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection(("127.0.0.1", stack.proxy.https_port), timeout=10) as raw,
        pytest.raises(ssl.SSLError),
    ):
        context.wrap_socket(raw, server_hostname="elsewhere.example")


# --- WebSocket -------------------------------------------------------------------------------


def _upgrade(stack: Stack, origin: str, cookie: str = "") -> tuple[int, dict[str, str]]:
    """Send a WebSocket handshake for /_stcore/stream; returns the status and headers."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: localhost:{stack.proxy.https_port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
        f"Origin: {origin}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    with (
        socket.create_connection(("127.0.0.1", stack.proxy.https_port), timeout=15) as raw,
        stack.tls.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        tls.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = tls.recv(4096)
            if not chunk:
                break
            received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if status == 101:
        expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        assert headers.get("sec-websocket-accept") == expected
    return status, headers


def test_websocket_upgrades_through_the_proxy(stack: Stack) -> None:
    status, headers = _upgrade(stack, stack.proxy.url)
    assert status == 101
    assert headers.get("upgrade", "").lower() == "websocket"
    # Streamlit's compression of its messages survives the proxy (enableWebsocketCompression).
    assert "permessage-deflate" in headers.get("sec-websocket-extensions", "")


def test_websocket_from_another_origin_is_refused(stack: Stack) -> None:
    """CORS protection stays on behind the proxy: another site's page cannot open a session."""
    status, _headers = _upgrade(stack, "https://elsewhere.example")
    assert status != 101


# --- Two replicas: sticky sessions ---------------------------------------------------------


def _logged_for(stack: Stack, keys: list[str], timeout: float = 10.0) -> list[dict[str, str]]:
    """The access log once it holds a WebSocket line for every key: nginx writes that line only
    when the connection has closed, so the test waits for the lines, not for a fixed time."""
    deadline = time.monotonic() + timeout
    while True:
        rows = _log_lines(stack)
        upgraded = {r["key"] for r in rows if r["uri"].endswith("/_stcore/stream")}
        if set(keys) <= upgraded or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


def _log_lines(stack: Stack) -> list[dict[str, str]]:
    """The test access log: status, method, uri, upstream, cookie, hash key."""
    rows = []
    for line in stack.proxy.access_log.read_text().splitlines():
        status, method, uri, upstream, cookie, key, _sent = line.split(" ")
        rows.append(
            {
                "status": status,
                "method": method,
                "uri": uri,
                "upstream": upstream,
                "cookie": cookie.removeprefix("cookie="),
                "key": key.removeprefix("key="),
            }
        )
    return rows


def test_one_browser_stays_on_one_replica(stack: Stack) -> None:
    answer, _body = stack.get("/_stcore/health")
    cookies = answer.msg.get_all("Set-Cookie") or []
    ours = [c for c in cookies if c.startswith("uv_replica=")]
    assert len(ours) == 1, cookies
    match = re.fullmatch(
        r"uv_replica=([0-9a-f]{32}); Path=/; Secure; HttpOnly; SameSite=Lax", ours[0]
    )
    assert match, ours
    first = match.group(1)
    browsers = [first] + [os.urandom(16).hex() for _ in range(15)]
    for value in browsers:
        for path in ("/_stcore/health", "/", "/_stcore/host-config"):
            answer, _body = stack.get(path, Cookie=f"uv_replica={value}")
            assert answer.status == 200
            cookies = answer.msg.get_all("Set-Cookie") or []
            assert not [c for c in cookies if c.startswith("uv_replica=")], cookies
        assert _upgrade(stack, stack.proxy.url, f"uv_replica={value}")[0] == 101
    rows = _logged_for(stack, browsers)
    upstream_of: dict[str, set[str]] = {}
    for row in rows:
        if row["key"] in browsers:
            upstream_of.setdefault(row["key"], set()).add(row["upstream"])
    assert set(upstream_of) == set(browsers)
    assert all(len(upstreams) == 1 for upstreams in upstream_of.values()), upstream_of
    # The very first answer (no cookie yet) came from the replica its cookie leads back to.
    first_row = next(row for row in rows if row["key"] == first and row["cookie"] == "-")
    assert upstream_of[first] == {first_row["upstream"]}
    replicas = {f"127.0.0.1:{replica.port}" for replica in stack.replicas}
    used = set().union(*upstream_of.values())
    assert used == replicas, "16 browsers should reach both replicas"
    websocket = [r for r in rows if r["uri"] == "/_stcore/stream" and r["key"] in browsers]
    assert len(websocket) == len(browsers) and {r["status"] for r in websocket} == {"101"}


# --- The files themselves --------------------------------------------------------------------


def test_csp_hash_matches_streamlit_index() -> None:
    """The CSP allows index.html's one inline script by hash; a Streamlit upgrade may change it."""
    html = (STREAMLIT_STATIC / "index.html").read_text()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    assert inline, "index.html has no inline script any more: drop the hash from the CSP"
    policy = HEADERS.read_text()
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, (
            f"Streamlit's inline script changed: put 'sha256-{digest}' in {HEADERS.name}"
        )


def test_site_renders_for_a_real_host_and_two_replicas() -> None:
    text = render_site(SITE.read_text(), hostname="dash.coalition.kg", replicas=[8501, 8502])
    assert "dashboard.example.org" not in text
    assert "ssl_certificate     /etc/letsencrypt/live/dash.coalition.kg/fullchain.pem;" in text
    assert "    server 127.0.0.1:8501;\n    server 127.0.0.1:8502;\n" in text
    assert "server_name dash.coalition.kg;" in text


def test_systemd_unit_is_valid() -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        _unavailable("systemd-analyze not found (it ships with systemd)")
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"uv-unit-{os.getpid()}"
    tmp.mkdir(exist_ok=True)
    try:
        shutil.copy(UNIT, tmp / UNIT.name)
        result = subprocess.run(
            [analyze, "verify", str(tmp / "united-voices@8501.service")],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # On a machine without the deployment the venv's streamlit does not exist; nothing else
    # may be reported (unknown settings, bad syntax).
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not executable" not in line
    ]
    assert not problems, problems


# --- Chromium through the proxy ------------------------------------------------------------

CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def chromium(stack: Stack, browser: Browser) -> Browser:
    """The session's one Chromium (tests/conftest.py): Playwright's sync API allows one per
    thread, and the browser tests may have started it already."""
    return browser


@pytest.mark.browser
@pytest.mark.parametrize("path", list(PAGES), ids=[p.split("?")[0] or "overview" for p in PAGES])
def test_page_renders_in_chromium_through_the_proxy(
    stack: Stack, chromium: Browser, path: str
) -> None:
    context = chromium.new_context(
        ignore_https_errors=True,  # the run's self-signed certificate
        viewport={"width": 1280, "height": 720},
        locale="ru-RU",
    )
    context.add_init_script(CSP_WATCH)
    tab = context.new_page()
    console: list[str] = []
    outside: list[str] = []
    sockets: list[str] = []
    tab.on("console", lambda message: console.append(message.text))
    tab.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("data:", "blob:", stack.proxy.url))
            else outside.append(request.url)
        ),
    )
    tab.on("websocket", lambda socket_: sockets.append(socket_.url))
    try:
        tab.goto(f"{stack.proxy.url}/{path}")
        expect(tab.locator("h1").first).to_be_visible(timeout=90_000)
        for selector in PAGES[path]:
            expect(tab.locator(selector).first).to_be_visible(timeout=90_000)
        violations = tab.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert sockets == [f"wss://localhost:{stack.proxy.https_port}/_stcore/stream"]
    assert not violations, violations
    assert not [m for m in console if "Content Security Policy" in m], console
    assert not outside, outside
