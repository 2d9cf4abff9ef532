"""A local stand-in for Google: Sheets API v4 JSON, the OAuth token endpoint and CSV exports.

Scriptable for tests (workbook, fault queue, request log) and runnable by hand:

    python -m tests.sheets_api_server --xlsx data/sample.xlsx --port 8765

It answers with the shapes the real API uses (see ../shared/fixtures/gspread_cassettes/README.md):
trailing blank cells and rows cut off, a blank row inside the data as ``[]``, no ``values`` key for
an empty range, titles quoted in echoed ranges only when needed, Google's error bodies.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import io
import json
import re
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

Value = str | int | float | bool | date | datetime | None
Workbook = Mapping[str, Sequence[Sequence[Value]]]

DEFAULT_SPREADSHEET_ID = "uvTestSheet0123456789abcdefXYZ"
DEFAULT_PUBLISHED_ID = "2PACX-1vTestPublishedSheet0123456789"
DEFAULT_EMAIL = "dashboard-reader@uv-test.iam.gserviceaccount.com"

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
DEFAULT_MESSAGES = {
    400: "Invalid request.",
    401: "Request had invalid authentication credentials.",
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com'."
    ),
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}
API_KINDS = frozenset({"metadata", "batchGet", "values"})
_EPOCH = datetime(1899, 12, 30)
_SIMPLE_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CELL_REF = re.compile(r"^[A-Za-z]{1,3}\d+$")
_A1 = re.compile(r"^([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?$")
_A1_ALONE = re.compile(r"^(?:[A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?|[A-Za-z]{1,3}:[A-Za-z]{1,3})$")

_KEY_LOCK = threading.Lock()
_PRIVATE_KEY: rsa.RSAPrivateKey | None = None


def test_private_key() -> rsa.RSAPrivateKey:
    """One RSA key per process, made on first use (never written to the repository)."""
    global _PRIVATE_KEY
    with _KEY_LOCK:
        if _PRIVATE_KEY is None:
            _PRIVATE_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return _PRIVATE_KEY


@dataclass
class Fault:
    """One scripted misbehaviour, used by the next matching request(s).

    ``status``: answer with this HTTP status and Google's JSON error body.
    ``delay``: wait this long before answering (longer than the client timeout = a timeout).
    ``body``: answer with these raw bytes instead (a malformed body; status 200 unless set).
    ``match``: request kinds it applies to: "api" (metadata, batchGet, values), or any of
    "metadata", "batchGet", "values", "token", "csv"; ``times``: None means for ever.
    """

    status: int | None = None
    delay: float = 0.0
    body: bytes | None = None
    message: str | None = None
    content_type: str = "application/json; charset=UTF-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    match: str | frozenset[str] = "api"
    times: int | None = 1

    def applies_to(self, kind: str) -> bool:
        """True when this fault is meant for a request of ``kind``."""
        kinds = API_KINDS if self.match == "api" else self.match
        if isinstance(kinds, str):
            kinds = frozenset({kinds})
        return kind in kinds


@dataclass
class LoggedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    kind: str
    status: int = 0


@dataclass
class _Tab:
    sheet_id: int
    title: str
    rows: list[list[Value]]
    chart: bool = False


def serial_number(value: date | datetime) -> float | int:
    """Google's date serial: days since 1899-12-30 (fractions for the time of day)."""
    if isinstance(value, datetime):
        serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return int(serial) if serial == int(serial) else serial
    return (value - _EPOCH.date()).days


def formatted(value: Value) -> str:
    """The text an en_US sheet with default formats shows for a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return f"{value.month}/{value.day}/{value.year}"
        return f"{value.month}/{value.day}/{value.year} {value:%H:%M:%S}"
    if isinstance(value, date):
        return f"{value.month}/{value.day}/{value.year}"
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    return str(value)


def rendered(value: Value, value_render: str, date_render: str) -> Any:
    """A cell as the API returns it for the given render options."""
    if value_render == "FORMATTED_VALUE" or value is None:
        return formatted(value)
    if isinstance(value, date | datetime):
        return formatted(value) if date_render == "FORMATTED_STRING" else serial_number(value)
    if isinstance(value, float) and value == int(value):
        return int(value)  # JSON from Google writes 3.0 as 3
    return value


def _blank(value: Value) -> bool:
    """True for a cell the API treats as empty."""
    return value is None or value == ""


def column_number(letters: str) -> int:
    """A -> 1, Z -> 26, AA -> 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def echoed_title(title: str) -> str:
    """Quote a tab title in an A1 range the way the API echoes it (only when needed)."""
    if _SIMPLE_TITLE.match(title) and not _CELL_REF.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_range(text: str) -> tuple[str, str | None]:
    """Split "'My tab'!A1:B2" into ("My tab", "A1:B2"); unquoted names too."""
    if text.startswith("'"):
        i, name = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    name.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest and not rest.startswith("!"):
                    raise ValueError(text)
                return "".join(name), (rest[1:] or None)
            name.append(text[i])
            i += 1
        raise ValueError(text)
    if "!" in text:
        title, _, a1 = text.rpartition("!")
        return title, a1 or None
    return text, None


class SheetsApiServer:
    """A scriptable fake of Google's Sheets API v4, token endpoint and CSV export."""

    def __init__(
        self,
        workbook: Workbook | None = None,
        *,
        spreadsheet_id: str = DEFAULT_SPREADSHEET_ID,
        published_id: str = DEFAULT_PUBLISHED_ID,
        title: str = "United Voices (test)",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.spreadsheet_id = spreadsheet_id
        self.published_id = published_id
        self.title = title
        self.published = True
        self.check_signatures = True
        self._lock = threading.Lock()
        self._tabs: list[_Tab] = []
        self._next_sheet_id = 0
        self._faults: list[Fault] = []
        self._log: list[LoggedRequest] = []
        self._tokens: set[str] = set()
        self._public_keys: dict[str, Any] = {}
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.set_workbook(workbook or {})

    # -- life cycle ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._httpd.server_address[1])

    @property
    def api_root(self) -> str:
        """What to pass as ``api_root``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def token_uri(self) -> str:
        """The OAuth token endpoint for the fake service account."""
        return f"{self.api_root}/token"

    @property
    def spreadsheet_url(self) -> str:
        """A Google-shaped link to the sheet (only the key inside it matters)."""
        return f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/edit#gid=0"

    def start(self) -> SheetsApiServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; requests still sleeping in a delay are released."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        # Kept-alive connections would otherwise go on being served by their threads.
        with self._lock:
            connections, self._connections = set(self._connections), set()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> SheetsApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ----------------------------------------------------------------------------
    def set_workbook(self, workbook: Workbook, chart_sheets: Iterable[str] = ()) -> None:
        """Replace every tab (sheet ids are kept for titles that stay)."""
        with self._lock:
            old = {tab.title: tab.sheet_id for tab in self._tabs}
            tabs = []
            for title, rows in workbook.items():
                tabs.append(_Tab(self._sheet_id(old, title), title, [list(r) for r in rows]))
            for title in chart_sheets:
                tabs.append(_Tab(self._sheet_id(old, title), title, [], chart=True))
            self._tabs = tabs

    def _sheet_id(self, old: Mapping[str, int], title: str) -> int:
        """Reuse a tab's id or hand out the next one."""
        if title in old:
            return old[title]
        # Google gives the first tab gid 0 and later tabs large arbitrary numbers.
        n = self._next_sheet_id
        self._next_sheet_id += 1
        return 0 if n == 0 else n * 1000003 % 2147483647

    def rename_tab(self, old: str, new: str) -> None:
        """Rename a tab, as an editor would."""
        with self._lock:
            for tab in self._tabs:
                if tab.title == old:
                    tab.title = new
                    return
        raise KeyError(old)

    def gid(self, title: str) -> int:
        """The sheetId (gid in links) of a tab."""
        with self._lock:
            return next(tab.sheet_id for tab in self._tabs if tab.title == title)

    def add_faults(self, *faults: Fault) -> None:
        """Queue faults; each matching request uses up the first fault that applies."""
        with self._lock:
            self._faults.extend(faults)

    def clear_faults(self) -> None:
        """Forget every queued fault."""
        with self._lock:
            self._faults.clear()

    def revoke_keys(self) -> None:
        """Refuse every known service-account key from now on (a deleted key)."""
        with self._lock:
            self._public_keys = {kid: None for kid in self._public_keys}

    @property
    def requests(self) -> list[LoggedRequest]:
        """A copy of the request log."""
        with self._lock:
            return list(self._log)

    def count(self, kind: str | None = None) -> int:
        """How many requests of ``kind`` (all when None) arrived."""
        return sum(1 for r in self.requests if kind is None or r.kind == kind)

    def clear_log(self) -> None:
        """Empty the request log."""
        with self._lock:
            self._log.clear()

    def service_account_info(self, email: str = DEFAULT_EMAIL) -> dict[str, str]:
        """A service-account JSON whose token_uri is this server; its key is trusted here."""
        key = test_private_key()
        kid = "test-key-" + secrets.token_hex(4)
        with self._lock:
            self._public_keys[kid] = key.public_key()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return {
            "type": "service_account",
            "project_id": "uv-test",
            "private_key_id": kid,
            "private_key": pem,
            "client_email": email,
            "client_id": "100000000000000000001",
            "token_uri": self.token_uri,
        }

    # -- request handling (called from handler threads) ----------------------------------------
    def _take_fault(self, kind: str) -> Fault | None:
        """Pop (or use once more) the first queued fault that applies to ``kind``."""
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.applies_to(kind):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            del self._faults[i]
                    return fault
        return None

    def _track(self, conn: socket.socket, alive: bool) -> None:
        """Remember open client connections so stop() can cut them."""
        with self._lock:
            if alive:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    def _wait(self, seconds: float) -> None:
        """Sleep, but wake up when the server stops."""
        self._stopping.wait(seconds)

    def handle(self, method: str, raw_path: str, headers: Any, body: bytes) -> Any:
        """Route one request; returns (status, content type, body bytes, extra headers)."""
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        kind = _kind(method, path)
        entry = LoggedRequest(method, path, query, kind)
        self._record(entry)
        fault = self._take_fault(kind) if kind != "other" else None
        if fault is not None:
            if fault.delay:
                self._wait(fault.delay)
            if fault.body is not None:
                answer = (fault.status or 200, fault.content_type, fault.body, dict(fault.headers))
            elif fault.status is not None:
                answer = _error(fault.status, fault.message, dict(fault.headers))
            else:
                answer = None
            if answer is not None:
                entry.status = answer[0]
                return answer
        answer = self._route(method, kind, path, query, headers, body)
        entry.status = answer[0]
        return answer

    def _route(
        self,
        method: str,
        kind: str,
        path: str,
        query: Mapping[str, list[str]],
        headers: Any,
        body: bytes,
    ) -> Any:
        """Answer a request that no fault intercepted."""
        if kind == "token":
            return self._token(body)
        if kind == "csv":
            return self._csv(path, query)
        if kind == "login":
            page = b"<!DOCTYPE html><html><body>Sign in - Google Accounts</body></html>"
            return 200, "text/html; charset=utf-8", page, {}
        if kind in API_KINDS:
            auth = headers.get("Authorization", "")
            if not auth.startswith("Bearer ") or auth[7:] not in self._tokens:
                return _error(401)
            sheet = path.split("/")[3].split(":")[0]
            if sheet != self.spreadsheet_id:
                return _error(404)
            if kind == "metadata":
                return _json(self._metadata())
            if kind == "batchGet":
                return self._batch_get(query)
            return self._values_get(path, query)
        return _error(404)

    def _token(self, body: bytes) -> Any:
        """OAuth2 JWT-bearer grant, as oauth2.googleapis.com/token answers it."""
        form = parse_qs(body.decode())
        assertion = (form.get("assertion") or [""])[0]
        if (form.get("grant_type") or [""])[0] != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return _oauth_error("unsupported_grant_type", "Invalid grant_type.")
        try:
            head_b64, claims_b64, sig_b64 = assertion.split(".")
            header = json.loads(_b64decode(head_b64))
            signature = _b64decode(sig_b64)
        except ValueError:
            return _oauth_error("invalid_grant", "Invalid JWT.")
        if self.check_signatures:
            with self._lock:
                public_key = self._public_keys.get(header.get("kid", ""))
            try:
                if public_key is None:
                    raise InvalidSignature
                public_key.verify(
                    signature,
                    f"{head_b64}.{claims_b64}".encode(),
                    padding.PKCS1v15(),
                    hashes.SHA256(),
                )
            except InvalidSignature:
                return _oauth_error("invalid_grant", "Invalid JWT Signature.")
        token = "ya29.test-" + secrets.token_urlsafe(12)
        with self._lock:
            self._tokens.add(token)
        return _json({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _metadata(self) -> dict[str, Any]:
        """spreadsheets.get with includeGridData=false."""
        with self._lock:
            tabs = list(self._tabs)
        sheets = []
        for index, tab in enumerate(tabs):
            props: dict[str, Any] = {"sheetId": tab.sheet_id, "title": tab.title, "index": index}
            if tab.chart:
                props["sheetType"] = "OBJECT"
            else:
                rows, cols = _grid_size(tab.rows)
                props["sheetType"] = "GRID"
                props["gridProperties"] = {"rowCount": rows, "columnCount": cols}
            sheets.append({"properties": props})
        return {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": "en_US", "timeZone": "Etc/GMT"},
            "sheets": sheets,
            "spreadsheetUrl": self.spreadsheet_url,
        }

    def _value_range(self, text: str, query: Mapping[str, list[str]]) -> dict[str, Any] | None:
        """One ValueRange for an A1 range, or None when the range names no tab."""
        try:
            title, a1 = split_range(text)
        except ValueError:
            return None
        with self._lock:
            tabs = {tab.title: tab for tab in self._tabs if not tab.chart}
            first = next((t for t in self._tabs if not t.chart), None)
        tab = tabs.get(title)
        if tab is None and a1 is None and not text.startswith("'") and _A1_ALONE.match(title):
            tab, a1 = first, title  # "A1:B2" alone means the first tab (None if no tabs)
        if tab is None:
            return None
        match = _A1.match(a1 or "")
        if match is None:
            return None
        rows, cols = _grid_size(tab.rows)
        c1, r1, c2, r2 = match.groups()
        col_lo = column_number(c1) if c1 else 1
        row_lo = int(r1) if r1 else 1
        if a1 and ":" not in a1:
            col_hi, row_hi = col_lo, row_lo
        else:
            col_hi = column_number(c2) if c2 else cols
            row_hi = int(r2) if r2 else rows
        value_render = (query.get("valueRenderOption") or ["FORMATTED_VALUE"])[0]
        date_render = (query.get("dateTimeRenderOption") or ["SERIAL_NUMBER"])[0]
        picked = [
            [rendered(v, value_render, date_render) for v in row[col_lo - 1 : col_hi]]
            for row in tab.rows[row_lo - 1 : row_hi]
        ]
        cut = [_cut_trailing(row) for row in picked]
        while cut and not cut[-1]:
            cut.pop()
        echoed = f"{echoed_title(tab.title)}!{column_letters(col_lo)}{row_lo}:"
        echoed += f"{column_letters(col_hi)}{row_hi}"
        value_range: dict[str, Any] = {"range": echoed, "majorDimension": "ROWS"}
        if cut:
            value_range["values"] = cut
        return value_range

    def _batch_get(self, query: Mapping[str, list[str]]) -> Any:
        """values:batchGet: one ValueRange per ``ranges`` parameter, in order."""
        value_ranges = []
        for text in query.get("ranges", []):
            value_range = self._value_range(text, query)
            if value_range is None:
                return _error(400, f"Unable to parse range: {text}")
            value_ranges.append(value_range)
        return _json({"spreadsheetId": self.spreadsheet_id, "valueRanges": value_ranges})

    def _values_get(self, path: str, query: Mapping[str, list[str]]) -> Any:
        """values.get of one range."""
        text = path.split("/values/", 1)[1]
        value_range = self._value_range(text, query)
        if value_range is None:
            return _error(400, f"Unable to parse range: {text}")
        return _json(value_range)

    def _csv(self, path: str, query: Mapping[str, list[str]]) -> Any:
        """The CSV of one tab: /export?format=csv&gid=, /pub?gid=&output=csv, /gviz/tq."""
        key = path.split("/")[3]
        if key == "e":
            key = path.split("/")[4]
            if key != self.published_id:
                return _error(404)
        elif key != self.spreadsheet_id:
            return _error(404)
        if not self.published:
            # Google sends a private sheet's visitors to the sign-in page (302, then HTML 200).
            return 302, "text/html", b"", {"Location": "/ServiceLogin?continue=sheet"}
        with self._lock:
            tabs = [tab for tab in self._tabs if not tab.chart]
        if path.endswith("/gviz/tq"):
            name = (query.get("sheet") or [""])[0]
            # Real gviz quirk: an unknown sheet name silently returns the first tab.
            tab = next((t for t in tabs if t.title == name), tabs[0] if tabs else None)
            quote_all = True
        else:
            gid = (query.get("gid") or ["0"])[0]
            tab = next((t for t in tabs if str(t.sheet_id) == gid), None)
            quote_all = False
        if tab is None:
            return _error(400, "Bad Request")
        width = max((len(_cut_trailing(list(r))) for r in tab.rows), default=0)
        out = io.StringIO()
        writer = csv.writer(
            out, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        )
        rows = [[formatted(v) for v in r] for r in tab.rows]
        while rows and not any(rows[-1]):
            rows.pop()
        for row in rows:
            writer.writerow((row + [""] * width)[:width])
        return 200, "text/csv; charset=utf-8", out.getvalue().encode("utf-8"), {}


def _kind(method: str, path: str) -> str:
    """Classify a request path: token, metadata, batchGet, values, csv, login or other."""
    if method == "POST" and path == "/token":
        return "token"
    if path.startswith("/ServiceLogin"):
        return "login"
    segments = path.split("/")
    if path.startswith("/v4/spreadsheets/") and method == "GET":
        if path.endswith("/values:batchGet"):
            return "batchGet"
        if "/values/" in path:
            return "values"
        if len(segments) == 4:
            return "metadata"
    if path.startswith("/spreadsheets/d/") and (path.endswith(("/export", "/pub", "/gviz/tq"))):
        return "csv"
    return "other"


def _grid_size(rows: Sequence[Sequence[Value]]) -> tuple[int, int]:
    """Rows and columns of a tab's grid: at least Google's default 1000 x 26."""
    width = max((len(r) for r in rows), default=0)
    return max(1000, len(rows)), max(26, width)


def _cut_trailing(row: list[Any]) -> list[Any]:
    """Drop trailing blank cells, as the API does."""
    end = len(row)
    while end and _blank(row[end - 1]):
        end -= 1
    return row[:end]


def _b64decode(part: str) -> bytes:
    """base64url without padding, as in a JWT."""
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, TypeError) as err:
        raise ValueError("bad base64") from err


def _json(payload: Any, status: int = 200) -> Any:
    return status, "application/json; charset=UTF-8", json.dumps(payload).encode(), {}


def _error(status: int, message: str | None = None, headers: dict[str, str] | None = None) -> Any:
    """Google's JSON error body for ``status``."""
    body = {
        "error": {
            "code": status,
            "message": message or DEFAULT_MESSAGES.get(status, "Error."),
            "status": STATUS_NAMES.get(status, "UNKNOWN"),
        }
    }
    answer = _json(body, status)
    return answer[0], answer[1], answer[2], headers or {}


def _oauth_error(error: str, description: str) -> Any:
    """The token endpoint's error shape (not the API's)."""
    return _json({"error": error, "error_description": description}, 400)


def _handler_for(server: SheetsApiServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to ``server``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes; without this, Nagle + delayed ACK add
            # ~40 ms to every answer on a kept-alive connection.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            server._track(self.connection, alive=True)

        def finish(self) -> None:
            server._track(self.connection, alive=False)
            super().finish()

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, content_type, payload, extra = server.handle(
                self.command, self.path, self.headers, body
            )
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): nothing to answer

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the request log replaces the console noise

    return Handler


def workbook_from_xlsx(path: Path) -> dict[str, list[list[Value]]]:
    """Read an .xlsx into the server's workbook form (values, not formulas)."""
    from utils.sources.files import XlsxSource

    return XlsxSource(path).read()  # type: ignore[return-value]


DEMO_WORKBOOK: dict[str, list[list[Value]]] = {
    "votes": [
        ["region", "candidate", "votes", "date"],
        ["Bishkek", "A", 1200, date(2024, 11, 17)],
        ["Osh", "B", 830.5, date(2024, 11, 17)],
    ],
}


def main(argv: Sequence[str] | None = None) -> None:
    """Serve a workbook on a fixed port until interrupted, printing how to point the app at it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xlsx", type=Path, help="workbook to serve (default: a tiny demo)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--spreadsheet-id", default=DEFAULT_SPREADSHEET_ID)
    parser.add_argument(
        "--key-file", type=Path, help="where to write the fake service-account JSON"
    )
    args = parser.parse_args(argv)
    workbook = workbook_from_xlsx(args.xlsx) if args.xlsx else DEMO_WORKBOOK
    server = SheetsApiServer(workbook, spreadsheet_id=args.spreadsheet_id, port=args.port)
    key_file = args.key_file or Path(tempfile.mkdtemp(prefix="uv-sheets-")) / "fake-sa.json"
    key_file.write_text(json.dumps(server.service_account_info(), indent=2), encoding="utf-8")
    key_file.chmod(0o600)
    server.start()
    print(f"Serving {len(workbook)} tab(s) on {server.api_root}")
    print("Point the dashboard at it with:")
    print(f"  export UV_SHEET={server.spreadsheet_id}")
    print(f"  export UV_GOOGLE_CREDENTIALS_FILE={key_file}")
    print(f"  export UV_SHEETS_API_ROOT={server.api_root}")
    print("Published-CSV gids: " + ", ".join(f"{t}={server.gid(t)}" for t in workbook))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
