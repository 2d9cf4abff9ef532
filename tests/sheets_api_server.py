"""A local stand-in for Google: Sheets API v4 JSON, the OAuth token endpoint and CSV exports.

Scriptable for tests (workbook, fault queue, request log) and runnable by hand:

    python -m tests.sheets_api_server --xlsx data/sample.xlsx --port 8765

It answers with the shapes the real API uses (see ../shared/fixtures/gspread_cassettes/README.md):
trailing blank cells and rows cut off, a blank row inside the data as ``[]``, no ``values`` key for
an empty range, titles quoted in echoed ranges only when needed, Google's error bodies.

Cells are typed as Google holds them (:class:`Typed`): an effective value (dates as day serials),
a number format (type and pattern) and the formatted text in the sheet's locale (``en_US`` by
default, ``ru_RU`` for a Russian-locale sheet: ``{0.45, PERCENT, "45%"}``, ``{45689, DATE,
"01.02.2025"}``, ``{12.5, "", "12,5"}``). Every render option reads the same cells:
``values:batchGet``/``values.get`` with FORMATTED_VALUE, UNFORMATTED_VALUE or FORMULA (and
``dateTimeRenderOption``), ``spreadsheets.get`` with ``includeGridData`` (CellData with
userEnteredValue, effectiveValue, formattedValue, userEnteredFormat, effectiveFormat) filtered by
a ``fields`` mask, and the CSV exports (the formatted text). ``values.append`` writes as Google
does: after the last row of the table, RAW values stored as sent (a text beginning with ``=``
stays text) and USER_ENTERED ones parsed as typed, only with a token for the read-write scope
and while the service account is an editor (``can_edit``). A workbook may hold plain values
(typed the way Google would type them when an editor enters them), :class:`Formatted` cells from
``utils.sources.base`` or :class:`Typed` cells; :func:`workbook_from_xlsx` keeps an .xlsx file's
number formats.
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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from utils.sources.base import DATE_FORMATS, Formatted


@dataclass(frozen=True)
class Typed:
    """One cell as Google holds it.

    ``value`` is the effective value (a number, with dates and times as day serials; a string;
    a bool; None for a cell that holds only a format); ``type`` and ``pattern`` its NumberFormat
    ("" for automatic); ``shown`` the formattedValue in the sheet's locale (rendered by the
    server when None); ``error`` an ErrorValue type ("N_A", "DIVIDE_BY_ZERO"…) for a failed
    formula; ``formula`` what FORMULA rendering returns instead of the value.
    """

    value: str | int | float | bool | None
    type: str = ""
    pattern: str = ""
    shown: str | None = None
    error: str | None = None
    formula: str = ""


Value = str | int | float | bool | date | datetime | Formatted | Typed | None
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
    408: "Request timed out.",
    404: "Requested entity was not found.",
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com'."
    ),
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}
API_KINDS = frozenset({"metadata", "gridData", "batchGet", "values", "append"})
WRITE_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
WRITE_QUOTA_MESSAGE = (
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per "
    "user' of service 'sheets.googleapis.com'."
)
"""Google's 429 message for the write quota (the read one names 'Read requests')."""
VALUE_INPUT_OPTIONS = frozenset({"RAW", "USER_ENTERED"})
INSERT_DATA_OPTIONS = frozenset({"OVERWRITE", "INSERT_ROWS"})
LOCALES = frozenset({"en_US", "ru_RU"})
ERRORS = {
    "#N/A": "N_A",
    "#REF!": "REF",
    "#DIV/0!": "DIVIDE_BY_ZERO",
    "#VALUE!": "VALUE",
    "#NAME?": "NAME",
    "#NUM!": "NUM",
    "#NULL!": "NULL_VALUE",
    "#ERROR!": "ERROR",
}
"""Error literals a typed cell may show, and the ErrorValue type Google reports for each."""
DATE_PATTERNS = {
    "en_US": {"DATE": "M/d/yyyy", "DATE_TIME": "M/d/yyyy H:mm:ss", "TIME": "h:mm:ss am/pm"},
    "ru_RU": {"DATE": "dd.MM.yyyy", "DATE_TIME": "dd.MM.yyyy H:mm:ss", "TIME": "H:mm:ss"},
}
"""The pattern Google gives a date, date-time or time typed into an automatic cell."""
DEFAULT_PATTERNS = {
    "PERCENT": "0%",
    "NUMBER": "0.###",
    "CURRENCY": "#,##0.00",
    "SCIENTIFIC": "0.00E+00",
    "TEXT": "@",
}
"""The pattern a :class:`Formatted` cell is given (its ``shown`` text says what it looks like)."""
DEFAULT_EFFECTIVE_FORMAT: dict[str, Any] = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "horizontalAlignment": "LEFT",
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "hyperlinkDisplayType": "PLAIN_TEXT",
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}
"""What Google writes as a cell's effectiveFormat when nothing narrows it with a fields mask."""
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
    ``match``: request kinds it applies to: "api" (metadata, batchGet, values, append), or any
    of "metadata", "batchGet", "values", "append", "token", "csv"; ``times``: None means for ever.
    ``after``: carry the request out first, then answer with the fault (a write that reached
    the sheet although the client saw a 5xx or, with ``delay``, a timeout).
    """

    status: int | None = None
    delay: float = 0.0
    body: bytes | None = None
    message: str | None = None
    content_type: str = "application/json; charset=UTF-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    match: str | frozenset[str] = "api"
    times: int | None = 1
    after: bool = False

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
    seconds: float = 0.0  # time the server spent building the answer (not sending it)


@dataclass
class _Tab:
    sheet_id: int
    title: str
    rows: list[list[Typed | None]]
    chart: bool = False


def serial_number(value: date | datetime) -> float | int:
    """Google's date serial: days since 1899-12-30 (fractions for the time of day)."""
    if isinstance(value, datetime):
        serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return int(serial) if serial == int(serial) else serial
    return (value - _EPOCH.date()).days


def from_serial(serial: float) -> datetime:
    """The moment a day serial stands for."""
    return _EPOCH + timedelta(seconds=round(serial * 86400))


def _plain_number(value: float | int, locale: str, decimals: int | None = None) -> str:
    """A number as an automatic (or fixed-decimals) format shows it in ``locale``."""
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = repr(value) if isinstance(value, float) else str(value)
    return text.replace(".", ",") if locale == "ru_RU" else text


def _grouped(text: str, locale: str) -> str:
    """Group thousands: 1 234,5 (narrow no-break space) in Russian, 1,234.5 in English."""
    mark, sep = (",", "\u00a0") if locale == "ru_RU" else (".", ",")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(mark)
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + sep.join([whole, *groups]) + (mark + fraction if fraction else "")


def _pattern_decimals(pattern: str) -> int | None:
    """Digits after the decimal point a number pattern asks for; None when it has no pattern."""
    if not pattern:
        return None
    found = re.search(r"\.([0#?]+)", re.sub(r'"[^"]*"', "", pattern))
    return len(found.group(1)) if found else 0


def render(cell: Typed, locale: str = "en_US") -> str:
    """The formattedValue of ``cell`` in ``locale``: what the editor sees."""
    value = cell.value
    if cell.error:
        return next(text for text, kind in ERRORS.items() if kind == cell.error)
    if value is None:
        return ""
    if isinstance(value, bool):
        if locale == "ru_RU":
            return "ИСТИНА" if value else "ЛОЖЬ"
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    ru = locale == "ru_RU"
    if cell.type in DATE_FORMATS:
        moment = from_serial(value)
        pattern = cell.pattern.lower()
        day = f"{moment:%d.%m.%Y}" if ru else f"{moment.month}/{moment.day}/{moment.year}"
        clock = f"{moment.hour}:{moment:%M:%S}"
        if cell.type == "TIME":
            return clock
        if cell.type == "DATE_TIME":
            return f"{day} {clock}"
        if pattern and "d" not in pattern and "m" in pattern:
            return f"{moment:%m.%Y}" if ru else f"{moment.month}/{moment.year}"
        return day
    if cell.type == "PERCENT":
        hundredfold = float(Decimal(repr(float(value))) * 100)
        return _plain_number(hundredfold, locale, _pattern_decimals(cell.pattern) or 0) + "%"
    if cell.type in ("NUMBER", "CURRENCY") and cell.pattern:
        text = _plain_number(value, locale, _pattern_decimals(cell.pattern))
        if "," in re.sub(r'"[^"]*"', "", cell.pattern):
            text = _grouped(text, locale)
        if cell.type == "CURRENCY":
            text = text + "\u00a0₽" if ru else "$" + text
        return text
    if cell.type == "SCIENTIFIC":
        return f"{value:.2E}".replace(".", ",") if ru else f"{value:.2E}"
    return _plain_number(value, locale)


def typed(value: Value, locale: str = "en_US") -> Typed | None:
    """A workbook value as Google would hold it once an editor typed it (None when blank)."""
    if isinstance(value, Typed):
        if value.value is None and not value.type and not value.error:
            return None
        return value if value.shown is not None else replace(value, shown=render(value, locale))
    if isinstance(value, Formatted):
        inner = typed(value.value, locale)
        if inner is None:
            return None
        pattern = {**DEFAULT_PATTERNS, **DATE_PATTERNS[locale]}.get(value.format, "")
        cell = Typed(inner.value, value.format, pattern)
        return replace(cell, shown=value.shown or render(cell, locale))
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().upper() in ERRORS:
        cell = Typed(None, error=ERRORS[value.strip().upper()])
    elif isinstance(value, datetime):
        kind = "DATE" if value.time() == datetime.min.time() else "DATE_TIME"
        cell = Typed(serial_number(value), kind, DATE_PATTERNS[locale][kind])
    elif isinstance(value, date):
        cell = Typed(serial_number(value), "DATE", DATE_PATTERNS[locale]["DATE"])
    else:
        cell = Typed(value)
    return replace(cell, shown=render(cell, locale))


def rendered(cell: Typed | None, value_render: str, date_render: str) -> Any:
    """A cell as values.get / values:batchGet return it for the given render options."""
    if cell is None or (cell.value is None and not cell.error):
        return ""
    if value_render == "FORMATTED_VALUE" or cell.error:
        return cell.shown
    if value_render == "FORMULA" and cell.formula:
        return cell.formula
    if cell.type in DATE_FORMATS and date_render == "FORMATTED_STRING":
        return cell.shown
    value = cell.value
    if isinstance(value, float) and value == int(value):
        return int(value)  # JSON from Google writes 3.0 as 3
    return value


def extended_value(cell: Typed) -> dict[str, Any]:
    """The ExtendedValue of a cell's effective value."""
    if cell.error:
        return {"errorValue": {"type": cell.error, "message": f"{cell.shown} in this cell."}}
    if isinstance(cell.value, bool):
        return {"boolValue": cell.value}
    if isinstance(cell.value, str):
        return {"stringValue": cell.value}
    value = cell.value
    return {"numberValue": int(value) if isinstance(value, float) and value.is_integer() else value}


def cell_data(cell: Typed | None, only: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The CellData of a cell, as spreadsheets.get returns it without a fields mask; with
    ``only`` (the names a mask selects), just those fields are built."""
    if cell is None:
        return {}

    def wanted(name: str) -> bool:
        return only is None or name in only

    data: dict[str, Any] = {}
    has_value = cell.value is not None or cell.error is not None
    number_format = {"type": cell.type, "pattern": cell.pattern} if cell.type else None
    if has_value:
        if wanted("userEnteredValue"):
            data["userEnteredValue"] = (
                {"formulaValue": cell.formula} if cell.formula else extended_value(cell)
            )
        if wanted("effectiveValue"):
            data["effectiveValue"] = extended_value(cell)
        if wanted("formattedValue"):
            data["formattedValue"] = cell.shown
    if number_format and wanted("userEnteredFormat"):
        data["userEnteredFormat"] = {"numberFormat": number_format}
    if wanted("effectiveFormat"):
        effective = dict(DEFAULT_EFFECTIVE_FORMAT)
        if number_format:
            effective["numberFormat"] = number_format
        data["effectiveFormat"] = effective
    return data


def _blank(value: Any) -> bool:
    """True for a cell the API treats as empty."""
    return value is None or value == "" or value == {}


def parse_fields(mask: str) -> dict[str, Any]:
    """A ``fields`` mask ("a.b,c(d,e/f)") as a tree {name: subtree}; {} selects a whole field."""
    tokens = re.findall(r"[A-Za-z_*][A-Za-z0-9_*]*|[.,/()]", mask.replace(" ", ""))
    position = 0

    def merge(into: dict[str, Any], path: list[str], leaf: dict[str, Any]) -> None:
        node = into
        for name in path[:-1]:
            if name in node and not node[name]:
                return  # the whole field is already selected
            node = node.setdefault(name, {})
        last = path[-1]
        if last in node and not node[last]:
            return
        if not leaf:
            node[last] = {}
            return
        target = node.setdefault(last, {})
        for key, sub in leaf.items():
            merge(target, [key], sub)

    def parse_list() -> dict[str, Any]:
        nonlocal position
        tree: dict[str, Any] = {}
        while position < len(tokens) and tokens[position] != ")":
            path = [tokens[position]]
            position += 1
            while position < len(tokens) and tokens[position] in "./":
                path.append(tokens[position + 1])
                position += 2
            leaf: dict[str, Any] = {}
            if position < len(tokens) and tokens[position] == "(":
                position += 1
                leaf = parse_list()
                position += 1  # ")"
            merge(tree, path, leaf)
            if position < len(tokens) and tokens[position] == ",":
                position += 1
        return tree

    return parse_list()


def apply_fields(body: Any, tree: Mapping[str, Any]) -> Any:
    """``body`` with only the fields ``tree`` selects; list items keep their places."""
    if not tree:
        return body
    if isinstance(body, list):
        return [apply_fields(item, tree) for item in body]
    if not isinstance(body, Mapping):
        return body
    if "*" in tree:
        return body
    out: dict[str, Any] = {}
    for name, sub in tree.items():
        if name in body:
            picked = apply_fields(body[name], sub)
            if picked != {} or isinstance(body[name], list):
                out[name] = picked
    return out


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
        locale: str = "en_US",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if locale not in LOCALES:
            raise ValueError(f"locale must be one of {sorted(LOCALES)}")
        self.locale = locale
        self.spreadsheet_id = spreadsheet_id
        self.published_id = published_id
        self.title = title
        self.published = True
        self.check_signatures = True
        self.can_edit = True  # the service account is an Editor of the sheet (appends allowed)
        self._lock = threading.Lock()
        self._tabs: list[_Tab] = []
        self._next_sheet_id = 0
        self._faults: list[Fault] = []
        self._log: list[LoggedRequest] = []
        self._tokens: dict[str, frozenset[str]] = {}  # access token -> the scopes it grants
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
        """Replace every tab (sheet ids are kept for titles that stay).

        Cells are typed as Google would hold them in the server's locale (see :func:`typed`).
        """
        grids = {
            title: [[typed(v, self.locale) for v in row] for row in rows]
            for title, rows in workbook.items()
        }
        with self._lock:
            old = {tab.title: tab.sheet_id for tab in self._tabs}
            tabs = []
            for title, rows in grids.items():
                tabs.append(_Tab(self._sheet_id(old, title), title, rows))
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

    def type_cell(self, title: str, cell: str, value: Value) -> None:
        """Type ``value`` into one cell (``"J3"``) of a tab, as an editor would by hand."""
        match = re.fullmatch(r"([A-Za-z]{1,3})(\d+)", cell)
        if match is None:
            raise ValueError(cell)
        col, row = column_number(match.group(1)) - 1, int(match.group(2)) - 1
        with self._lock:
            tab = next(tab for tab in self._tabs if tab.title == title)
            while len(tab.rows) <= row:
                tab.rows.append([])
            cells = tab.rows[row]
            cells.extend([None] * (col + 1 - len(cells)))
            cells[col] = typed(value, self.locale)

    def cells(self, title: str) -> list[list[Typed | None]]:
        """A copy of one tab's cells as the sheet holds them (trailing blanks cut)."""
        with self._lock:
            tab = next(tab for tab in self._tabs if tab.title == title)
            rows = [_cut_trailing(list(row)) for row in tab.rows]
        while rows and not rows[-1]:
            rows.pop()
        return rows

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

    def app_environment(self, key_dir: Path, *, timeout: float = 5) -> dict[str, str]:
        """The UV_* variables that point the dashboard at this server, with a key file written
        into ``key_dir`` (what a test sets before running a page or ``streamlit run``)."""
        key = key_dir / "service-account.json"
        key.write_text(json.dumps(self.service_account_info()), encoding="utf-8")
        return {
            "UV_SHEET": self.spreadsheet_url,
            "UV_GOOGLE_CREDENTIALS_FILE": str(key),
            "UV_SHEETS_API_ROOT": self.api_root,
            "UV_SHEETS_TIMEOUT": f"{timeout:g}",
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
        kind = _kind(method, path, query)
        entry = LoggedRequest(method, path, query, kind)
        self._record(entry)
        fault = self._take_fault(kind) if kind != "other" else None
        if fault is not None and fault.after:
            self._route(method, kind, path, query, headers, body)  # the write is carried out
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
        started = time.perf_counter()
        answer = self._route(method, kind, path, query, headers, body)
        entry.seconds = time.perf_counter() - started
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
            with self._lock:
                scopes = self._tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
            if scopes is None:
                return _error(401)
            sheet = path.split("/")[3].split(":")[0]
            if sheet != self.spreadsheet_id:
                return _error(404)
            if kind == "append":
                if WRITE_SCOPE not in scopes:
                    return _error(403, "Request had insufficient authentication scopes.")
                if not self.can_edit:
                    return _error(403)
                return self._append(path, query, body)
            if kind in ("metadata", "gridData"):
                return self._spreadsheet(query, grid_data=kind == "gridData")
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
            claims = json.loads(_b64decode(claims_b64))
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
        scopes = frozenset(str(claims.get("scope", "")).split()) if isinstance(claims, dict) else ()
        with self._lock:
            self._tokens[token] = frozenset(scopes)
        return _json({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _spreadsheet(self, query: Mapping[str, list[str]], *, grid_data: bool) -> Any:
        """spreadsheets.get: properties and tabs, with each tab's cells when ``grid_data``.

        ``ranges`` narrows the grid data to the cells asked for (``startRow``/``startColumn``
        then say where it starts); ``fields`` keeps only what the mask names.
        """
        with self._lock:
            tabs = list(self._tabs)
        wanted: dict[str, list[tuple[int, int, int, int]]] | None = None
        if query.get("ranges"):
            wanted = {}
            for text in query["ranges"]:
                found = self._resolve(text)
                if found is None:
                    return _error(400, f"Unable to parse range: {text}")
                tab, bounds = found
                wanted.setdefault(tab.title, []).append(bounds)
        mask = (query.get("fields") or [""])[0]
        tree = parse_fields(mask) if mask else {}
        cell_fields = _subtree(tree, "sheets", "data", "rowData", "values")
        if cell_fields:  # cells are cut down as they are built; the rest is masked below
            tree = _with_whole(tree, "sheets", "data", "rowData", "values")
        sheets = []
        for index, tab in enumerate(tabs):
            if wanted is not None and tab.title not in wanted:
                continue
            props: dict[str, Any] = {"sheetId": tab.sheet_id, "title": tab.title, "index": index}
            sheet: dict[str, Any] = {"properties": props}
            if tab.chart:
                props["sheetType"] = "OBJECT"
            else:
                rows, cols = _grid_size(tab.rows)
                props["sheetType"] = "GRID"
                props["gridProperties"] = {"rowCount": rows, "columnCount": cols}
                if grid_data:
                    spans = wanted[tab.title] if wanted is not None else [(1, 1, cols, rows)]
                    sheet["data"] = [_grid_data(tab, *span, cell_fields) for span in spans]
            sheets.append(sheet)
        body: dict[str, Any] = {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": self.locale, "timeZone": "Etc/GMT"},
            "sheets": sheets,
            "spreadsheetUrl": self.spreadsheet_url,
        }
        return _json(apply_fields(body, tree) if tree else body, pretty=_pretty(query))

    def _resolve(self, text: str) -> tuple[_Tab, tuple[int, int, int, int]] | None:
        """The tab and (first column, first row, last column, last row) an A1 range names."""
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
        return tab, (col_lo, row_lo, col_hi, row_hi)

    def _value_range(self, text: str, query: Mapping[str, list[str]]) -> dict[str, Any] | None:
        """One ValueRange for an A1 range, or None when the range names no tab."""
        found = self._resolve(text)
        if found is None:
            return None
        tab, (col_lo, row_lo, col_hi, row_hi) = found
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
        payload = {"spreadsheetId": self.spreadsheet_id, "valueRanges": value_ranges}
        return _json(payload, pretty=_pretty(query))

    def _values_get(self, path: str, query: Mapping[str, list[str]]) -> Any:
        """values.get of one range."""
        text = path.split("/values/", 1)[1]
        value_range = self._value_range(text, query)
        if value_range is None:
            return _error(400, f"Unable to parse range: {text}")
        return _json(value_range, pretty=_pretty(query))

    def _append(self, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
        """values.append: the rows of a ValueRange written after the last row of the table.

        Google finds the table in the range and appends below its last row, starting at the
        table's first column; INSERT_ROWS inserts new rows there (nothing below moves into the
        way), OVERWRITE writes over whatever follows. RAW stores every value as sent;
        USER_ENTERED parses a string as if typed (a leading ``=`` is a formula, ``+7`` a number).
        """
        text = path.split("/values/", 1)[1].removesuffix(":append")
        option = (query.get("valueInputOption") or [""])[0]
        if not option:
            return _error(400, "'valueInputOption' is required but not specified")
        if option not in VALUE_INPUT_OPTIONS:
            return _error(400, f"Invalid value at 'value_input_option' ({option})")
        insert = (query.get("insertDataOption") or ["OVERWRITE"])[0]
        if insert not in INSERT_DATA_OPTIONS:
            return _error(400, f"Invalid value at 'insert_data_option' ({insert})")
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            return _error(400, "Invalid JSON payload received.")
        rows = payload.get("values") if isinstance(payload, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            return _error(400, "Invalid JSON payload received. Expected a list of rows.")
        found = self._resolve(text)
        if found is None:
            return _error(400, f"Unable to parse range: {text}")
        tab, (col_lo, _row_lo, _col_hi, _row_hi) = found
        cells = [[_entered(v, option, self.locale) for v in row] for row in rows]
        with self._lock:
            last = max(
                (i + 1 for i, r in enumerate(tab.rows) if any(c is not None for c in r)), default=0
            )
            width = max((len(r) for r in tab.rows[:last]), default=0)
            table = (
                f"{echoed_title(tab.title)}!{column_letters(col_lo)}1:"
                f"{column_letters(max(width, col_lo))}{last}"
            )
            for offset, row in enumerate(cells):
                new = [None] * (col_lo - 1) + row
                if insert == "INSERT_ROWS" or last + offset >= len(tab.rows):
                    tab.rows.insert(last + offset, new)
                else:
                    tab.rows[last + offset] = new
        widest = max((len(r) for r in rows), default=0)
        first_row, last_row = last + 1, last + len(rows)
        updates: dict[str, Any] = {
            "spreadsheetId": self.spreadsheet_id,
            "updatedRange": f"{echoed_title(tab.title)}!{column_letters(col_lo)}{first_row}:"
            f"{column_letters(col_lo + max(widest, 1) - 1)}{last_row}",
            "updatedRows": len(rows),
            "updatedColumns": widest,
            "updatedCells": sum(len(r) for r in rows),
        }
        answer: dict[str, Any] = {"spreadsheetId": self.spreadsheet_id, "updates": updates}
        if last:
            answer["tableRange"] = table
        return _json(answer, pretty=_pretty(query))

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
        rows = [[rendered(v, "FORMATTED_VALUE", "") for v in r] for r in tab.rows]
        width = max((len(_cut_trailing(r)) for r in rows), default=0)
        out = io.StringIO()
        writer = csv.writer(
            out, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        )
        while rows and not any(rows[-1]):
            rows.pop()
        for row in rows:
            writer.writerow((row + [""] * width)[:width])
        return 200, "text/csv; charset=utf-8", out.getvalue().encode("utf-8"), {}


def _kind(method: str, path: str, query: Mapping[str, list[str]] | None = None) -> str:
    """Classify a request: token, metadata, gridData, batchGet, values, csv, login or other.

    ``gridData`` is a spreadsheets.get that returns cells: ``includeGridData=true``, or a
    ``fields`` mask naming ``data`` (Google then ignores includeGridData).
    """
    if method == "POST" and path == "/token":
        return "token"
    if method == "POST" and path.startswith("/v4/spreadsheets/") and path.endswith(":append"):
        return "append" if "/values/" in path else "other"
    if path.startswith("/ServiceLogin"):
        return "login"
    segments = path.split("/")
    if path.startswith("/v4/spreadsheets/") and method == "GET":
        if path.endswith("/values:batchGet"):
            return "batchGet"
        if "/values/" in path:
            return "values"
        if len(segments) == 4:
            query = query or {}
            mask = (query.get("fields") or [""])[0]
            if mask:
                named = re.findall(r"[A-Za-z_*]+", mask)
                return "gridData" if "data" in named or "*" in named else "metadata"
            asked = (query.get("includeGridData") or ["false"])[0].lower()
            return "gridData" if asked == "true" else "metadata"
    if path.startswith("/spreadsheets/d/") and (path.endswith(("/export", "/pub", "/gviz/tq"))):
        return "csv"
    return "other"


def _grid_data(
    tab: _Tab,
    col_lo: int,
    row_lo: int,
    col_hi: int,
    row_hi: int,
    cell_fields: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One GridData: CellData per cell, trailing blank cells and rows cut, blanks as {}.

    ``cell_fields`` is the part of a fields mask that applies to each cell; each CellData is cut
    down to it here, cell by cell, rather than built whole and filtered afterwards.
    """
    if cell_fields:
        formats: dict[tuple[str, str], Any] = {}  # a masked effectiveFormat per number format

        def one(cell: Typed | None) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for name, value in cell_data(cell, cell_fields).items():
                sub = cell_fields[name]
                if sub and name == "effectiveFormat" and cell is not None:
                    key = (cell.type, cell.pattern)
                    if key not in formats:
                        formats[key] = apply_fields(value, sub)
                    value = formats[key]
                elif sub:
                    value = apply_fields(value, sub)
                if value != {}:
                    out[name] = value
            return out
    else:
        one = cell_data
    rows = [[one(c) for c in row[col_lo - 1 : col_hi]] for row in tab.rows[row_lo - 1 : row_hi]]
    cut = [_cut_trailing(row) for row in rows]
    while cut and not cut[-1]:
        cut.pop()
    data: dict[str, Any] = {}
    if row_lo > 1:
        data["startRow"] = row_lo - 1
    if col_lo > 1:
        data["startColumn"] = col_lo - 1
    data["rowData"] = [{"values": row} if row else {} for row in cut]
    return data


_NUMBER_TYPED = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def _entered(value: Any, option: str, locale: str) -> Typed | None:
    """One value of an append as the sheet then holds it (``option``: RAW or USER_ENTERED)."""
    if value is None or value == "":
        return None
    if option == "RAW" or not isinstance(value, str):
        return typed(value, locale) if not isinstance(value, str) else Typed(value, shown=value)
    if value.startswith("="):  # a formula; this fake does not evaluate it
        return Typed(None, error="ERROR", shown="#ERROR!", formula=value)
    if _NUMBER_TYPED.match(value.strip()):
        number = float(value)
        return typed(int(number) if number.is_integer() else number, locale)
    return Typed(value, shown=value)


def _grid_size(rows: Sequence[Sequence[Any]]) -> tuple[int, int]:
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


def _json(payload: Any, status: int = 200, *, pretty: bool = False) -> Any:
    """A JSON answer; ``pretty`` indents it as Google does unless asked ``prettyPrint=false``."""
    text = json.dumps(payload, indent=2, ensure_ascii=False) if pretty else json.dumps(payload)
    return status, "application/json; charset=UTF-8", text.encode(), {}


def _pretty(query: Mapping[str, list[str]]) -> bool:
    """Google's standard ``prettyPrint`` parameter: true unless the request says false."""
    return (query.get("prettyPrint") or ["true"])[0].lower() != "false"


def _subtree(tree: Mapping[str, Any], *path: str) -> dict[str, Any] | None:
    """The part of a fields tree under ``path`` (None when the mask does not reach it, {} when it
    selects the whole field)."""
    node: Any = tree
    for name in path:
        if not isinstance(node, Mapping) or name not in node:
            return None if node else {}
        node = node[name]
    return dict(node)


def _with_whole(tree: Mapping[str, Any], *path: str) -> dict[str, Any]:
    """A copy of ``tree`` that takes the field at ``path`` whole."""
    copy = dict(tree)
    if len(path) == 1:
        copy[path[0]] = {}
        return copy
    copy[path[0]] = _with_whole(tree[path[0]], *path[1:])
    return copy


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


def workbook_from_xlsx(path: Path, locale: str = "en_US") -> dict[str, list[list[Value]]]:
    """Read an .xlsx into the server's workbook form: values (not formulas) with their number
    formats (openpyxl's ``number_format`` mapped to a Google type, its pattern kept), and the
    formatted text rendered for ``locale``."""
    from openpyxl import load_workbook

    from utils.sources.files import google_format_type

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        workbook: dict[str, list[list[Value]]] = {}
        for sheet in book.worksheets:
            rows: list[list[Value]] = []
            for row in sheet.iter_rows():
                cells: list[Value] = []
                for cell in row:
                    value, pattern = cell.value, getattr(cell, "number_format", "General")
                    kind = google_format_type(pattern, value)
                    if isinstance(value, dt_time):
                        value = (value.hour * 3600 + value.minute * 60 + value.second) / 86400
                    elif isinstance(value, date | datetime):
                        if kind not in DATE_FORMATS:
                            kind = "DATE"
                        value = serial_number(value)
                    if value is None or isinstance(value, bool) or not kind:
                        cells.append(value)
                    elif isinstance(value, str):
                        cells.append(value)  # text in a formatted cell stays text
                    else:
                        cells.append(typed(Typed(value, kind, pattern), locale))
                rows.append(cells)
            workbook[sheet.title] = rows
        return workbook
    finally:
        book.close()


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
