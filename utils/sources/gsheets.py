"""Read the coalition workbook from a private Google Sheet with gspread and a service account.

One refresh costs one request: ``spreadsheets.get`` with ``includeGridData`` and a tight
``fields`` mask (``GRID_FIELDS``), which answers with the tab list and, per cell, its effective
value, its number format type and the text the sheet shows. A number whose format changes what
it means (0.45 shown as "45%", a date serial shown as "01.02.2025", 12.5 shown as "12,5") becomes
a :class:`~utils.sources.base.Formatted` cell; every other cell is its plain value. Every request
has a timeout and a bounded, jittered retry; gspread's own ``BackOffHTTPClient`` is not used
because it retries without end.
"""

from __future__ import annotations

import ipaddress
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import gspread
import requests
from google.auth import exceptions as google_auth_exceptions
from google.auth.transport.requests import AuthorizedSession
from google.auth.transport.requests import Request as GoogleAuthRequest
from google.oauth2 import service_account
from gspread.exceptions import APIError, NoValidUrlKeyFound
from gspread.http_client import HTTPClient
from gspread.urls import SPREADSHEETS_API_V4_BASE_URL
from gspread.utils import extract_id_from_url

from utils.sources.base import (
    Cell,
    Formatted,
    Grid,
    RawWorkbook,
    SourceAccessDenied,
    SourceConfigError,
    SourceError,
    SourceMalformed,
    SourceNotFound,
    SourceUnavailable,
)

GOOGLE_API_ROOT = "https://sheets.googleapis.com"
"""Google's own Sheets API root; ``api_root`` replaces exactly this prefix."""

READONLY_SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
"""The dashboard only reads, so the token asks for nothing more."""

WRITE_SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
"""With check-ins on (``[app] check_ins = true``) the token may also append rows."""

APPEND_PARAMS = {
    "valueInputOption": "RAW",
    "insertDataOption": "INSERT_ROWS",
    "includeValuesInResponse": "false",
    "prettyPrint": "false",
}
"""How a check-in is written: RAW, so a note beginning with = + - @ stays text (USER_ENTERED
would parse it as typed, a formula included); INSERT_ROWS, so new rows are inserted after the
table and no cell below it is ever overwritten."""

WRITE_WINDOW_SECONDS = 60.0
"""Writes are counted over the last minute for the admin page (Google's quotas are per minute)."""

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Passing failures worth another attempt; every other 4xx is final."""

GRID_FIELDS = (
    "properties.title,"
    "sheets(properties(sheetId,title,index,sheetType),"
    "data(startRow,startColumn,"
    "rowData.values(effectiveValue,formattedValue,effectiveFormat.numberFormat.type)))"
)
"""The fields mask of the one read: tab titles, ids and kinds, and per cell only its effective
value, shown text and number format type (no fonts, colours, notes or user-entered values)."""

_ERROR_TEXT = {
    "NULL_VALUE": "#NULL!",
    "DIVIDE_BY_ZERO": "#DIV/0!",
    "VALUE": "#VALUE!",
    "REF": "#REF!",
    "NAME": "#NAME?",
    "NUM": "#NUM!",
    "N_A": "#N/A",
    "ERROR": "#ERROR!",
    "LOADING": "#ERROR!",
}
"""A formula error as the sheet writes it, when Google sends no formatted value."""

# A spreadsheet key as Google writes it in URLs (gspread's URL_KEY_V2_RE uses the same set).
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{10,}$")
_SERVICE_ACCOUNT_FIELDS = ("client_email", "private_key", "token_uri")
_LOOPBACK_NAMES = frozenset({"localhost"})


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to try a request and how long to wait between tries."""

    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 8.0

    def __post_init__(self) -> None:
        """Refuse settings that would mean no attempt or negative waits."""
        if self.max_attempts < 1:
            raise SourceConfigError(
                "The Google Sheets setting max_attempts must be 1 or more.", reason="config"
            )
        if self.backoff_base < 0 or self.backoff_cap < 0:
            raise SourceConfigError(
                "The Google Sheets backoff settings must not be negative.", reason="config"
            )

    def delay(self, failed_attempts: int, rng: random.Random) -> float:
        """Seconds to wait after ``failed_attempts`` failures: exponential, capped, jittered.

        "Equal jitter": half the step is fixed, half random, so many dashboards retrying after
        the same outage spread out instead of hitting the quota together.
        """
        step = min(self.backoff_cap, self.backoff_base * 2 ** (failed_attempts - 1))
        return step / 2 + rng.uniform(0, step / 2)


@dataclass
class RequestCounter:
    """Counts HTTP requests actually sent (token requests apart from API requests)."""

    api: int = 0
    token: int = 0
    writes: int = 0  # of the api requests, the appends (each attempt counts: quota is per call)
    _write_times: deque[float] = field(default_factory=deque, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, kind: str, *, write: bool = False) -> None:
        """Count one request of ``kind`` (``api`` or ``token``); ``write`` for an append."""
        with self._lock:
            if kind == "token":
                self.token += 1
                return
            self.api += 1
            if write:
                self.writes += 1
                self._write_times.append(time.monotonic())

    def writes_last_minute(self) -> int:
        """Append requests sent in the last ``WRITE_WINDOW_SECONDS``."""
        with self._lock:
            cutoff = time.monotonic() - WRITE_WINDOW_SECONDS
            while self._write_times and self._write_times[0] < cutoff:
                self._write_times.popleft()
            return len(self._write_times)


class _CountingSession(requests.Session):
    """A plain session for the OAuth token endpoint that counts what it sends."""

    def __init__(self, counter: RequestCounter) -> None:
        super().__init__()
        self._counter = counter

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Count, then send."""
        self._counter.add("token")
        return super().send(request, **kwargs)


class _CountingAuthorizedSession(AuthorizedSession):
    """google-auth's session (adds the bearer token) that counts every API request sent."""

    def __init__(self, credentials: Any, counter: RequestCounter) -> None:
        # AuthorizedSession hands each request's timeout to the token call as well.
        super().__init__(credentials, auth_request=GoogleAuthRequest(_CountingSession(counter)))
        self._counter = counter

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Count, then send."""
        self._counter.add("api", write=str(request.url or "").split("?")[0].endswith(":append"))
        return super().send(request, **kwargs)


class BoundedRetryHTTPClient(HTTPClient):
    """gspread's HTTP client with a timeout, a bounded jittered retry and a movable API root.

    gspread builds every URL from the constant ``https://sheets.googleapis.com/v4/...``; this
    client swaps that prefix for ``api_root`` per instance, so no module global is patched and
    other gspread users in the process are unaffected.
    """

    def __init__(self, auth: Any, session: requests.Session | None = None) -> None:
        super().__init__(auth, session)
        # With a session given, gspread skips storing the credentials; keep them for login().
        self.auth = auth
        self.api_root = GOOGLE_API_ROOT
        self.policy = RetryPolicy()
        self.sleep: Callable[[float], None] = time.sleep
        self.rng = random.Random()
        self.attempts_log: list[tuple[str, str]] = []

    def configure(
        self, *, api_root: str, timeout: float, policy: RetryPolicy, rng: random.Random
    ) -> None:
        """Set the API root, the per-request timeout and the retry policy."""
        self.api_root = api_root
        self.set_timeout(timeout)
        self.policy = policy
        self.rng = rng

    def _rewrite(self, endpoint: str) -> str:
        """Point a URL that gspread built for Google at the configured API root."""
        google_v4 = SPREADSHEETS_API_V4_BASE_URL.removesuffix("/v4/spreadsheets")
        if self.api_root != GOOGLE_API_ROOT and endpoint.startswith(google_v4):
            return self.api_root + endpoint[len(google_v4) :]
        return endpoint

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        """Send one API call, retrying passing failures at most ``max_attempts`` times in all."""
        url = self._rewrite(endpoint)
        failed = 0
        while True:
            try:
                return super().request(method, url, *args, **kwargs)
            except APIError as err:
                status = err.response.status_code
                if status not in RETRY_STATUSES and status < 500:
                    raise
                last: Exception = err
            except (requests.Timeout, requests.ConnectionError) as err:
                last = err
            except google_auth_exceptions.TransportError as err:
                # The token endpoint could not be reached: as passing as an API timeout.
                last = err
            failed += 1
            if failed >= self.policy.max_attempts:
                raise last
            self.sleep(_retry_after(last) or self.policy.delay(failed, self.rng))


def _retry_after(err: Exception) -> float | None:
    """Honour a short ``Retry-After`` header on a 429/503, when Google sends one."""
    if not isinstance(err, APIError):
        return None
    value = err.response.headers.get("Retry-After", "")
    try:
        seconds = float(value)
    except ValueError:
        return None
    # Never let a header stall a page load for long; the snapshot covers longer outages.
    return min(max(seconds, 0.0), 8.0)


def spreadsheet_key(spreadsheet: str) -> str:
    """Return the spreadsheet key from a Google Sheets URL or a bare key."""
    text = (spreadsheet or "").strip()
    if not text:
        raise SourceConfigError(
            "No Google Sheet is configured. Set 'spreadsheet' in the [sheets] settings.",
        )
    if "/" in text or "?" in text:
        try:
            text = extract_id_from_url(text)
        except NoValidUrlKeyFound:
            raise SourceConfigError(
                "The Google Sheet address in the settings is not a spreadsheet link. Copy the "
                "link from the browser's address bar while the sheet is open.",
            ) from None
    if not _KEY_RE.match(text):
        raise SourceConfigError(
            "The Google Sheet key in the settings does not look like a spreadsheet key.",
        )
    return text


def normalise_api_root(api_root: str | None) -> str:
    """Return the API root without a trailing slash; plain http only for this machine.

    A bearer token sent over plain http to another host could be read on the way, so http is
    accepted only for loopback addresses (the local test server).
    """
    if not api_root:
        return GOOGLE_API_ROOT
    root = api_root.strip().rstrip("/")
    parts = urlsplit(root)
    bad = SourceConfigError(
        "The Google Sheets api_root setting must look like https://host or http://127.0.0.1:port.",
    )
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query:
        raise bad
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise bad
    return root


def is_loopback_host(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1."""
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _service_account_info(
    credentials: Mapping[str, Any] | None, credentials_file: str | None
) -> dict[str, Any]:
    """Return the service-account info from a mapping or a JSON key file."""
    if credentials is not None and credentials_file:
        raise SourceConfigError(
            "Both a [gcp_service_account] table and a credentials file are configured. "
            "Keep one of them.",
        )
    if credentials is not None:
        info = {str(k): v for k, v in dict(credentials).items()}
    elif credentials_file:
        path = Path(credentials_file).expanduser()
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SourceConfigError(
                "The service-account key file named in the settings does not exist.",
                reason="missing_file",
            ) from None
        except (OSError, ValueError):
            raise SourceConfigError(
                "The service-account key file could not be read as JSON.",
            ) from None
        if not isinstance(info, dict):
            raise SourceConfigError("The service-account key file is not a JSON object.")
    else:
        raise SourceConfigError(
            "No service account is configured. Add a [gcp_service_account] table to "
            ".streamlit/secrets.toml or set UV_GOOGLE_CREDENTIALS_FILE.",
        )
    missing = [name for name in _SERVICE_ACCOUNT_FIELDS if not info.get(name)]
    if missing:
        raise SourceConfigError(
            "The service-account settings lack: " + ", ".join(missing) + ".",
        )
    key = str(info["private_key"])
    # A key pasted into TOML or an env var often arrives with literal "\n" instead of newlines.
    if "\\n" in key and "\n" not in key:
        info["private_key"] = key.replace("\\n", "\n")
    return info


class GoogleSheetSource:
    """The coalition workbook in a private Google Sheet, read with a service account."""

    label = "Google Sheet"

    def __init__(
        self,
        spreadsheet: str,
        credentials: Mapping[str, Any] | None = None,
        *,
        credentials_file: str | None = None,
        api_root: str | None = None,
        timeout: float = 10.0,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        rng: random.Random | None = None,
        writable: bool = False,
    ) -> None:
        self._key = spreadsheet_key(spreadsheet)
        self.api_root = normalise_api_root(api_root)
        if not timeout or timeout <= 0:
            raise SourceConfigError("The Google Sheets timeout must be a positive number.")
        self.timeout = float(timeout)
        self.policy = RetryPolicy(max_attempts=int(max_attempts), backoff_base=backoff_base)
        info = _service_account_info(credentials, credentials_file)
        self.service_account_email: str = str(info["client_email"])
        try:
            creds = service_account.Credentials.from_service_account_info(
                info, scopes=list(WRITE_SCOPES if writable else READONLY_SCOPES)
            )
        except (ValueError, TypeError, KeyError):
            # The library's message may quote parts of the key: say only what to fix.
            raise SourceConfigError(
                "The service-account private key could not be read. Download a new JSON key "
                "for the service account and paste it again.",
            ) from None
        self._counter = RequestCounter()
        session = _CountingAuthorizedSession(creds, self._counter)
        self._client = gspread.Client(
            auth=creds, session=session, http_client=BoundedRetryHTTPClient
        )
        self._http: BoundedRetryHTTPClient = self._client.http_client  # type: ignore[assignment]
        self._http.configure(
            api_root=self.api_root,
            timeout=self.timeout,
            policy=self.policy,
            rng=rng or random.Random(),
        )
        self.writable = writable
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._headers: dict[str, list[Cell]] = {}  # each tab's header row at the last read
        self._sheet_ids: dict[str, int] = {}
        self.spreadsheet_title: str | None = None
        self.last_error: str | None = None
        self.last_error_reason: str | None = None
        self.reads = 0  # spreadsheets.get calls made (retries of one call count once)

    def __repr__(self) -> str:
        """Never show the key or credentials, even in logs."""
        return f"GoogleSheetSource(label={self.label!r}, api_root={self.api_root!r})"

    @property
    def request_count(self) -> int:
        """HTTP requests sent so far, token requests included."""
        return self._counter.api + self._counter.token

    @property
    def api_request_count(self) -> int:
        """Sheets API requests sent so far (these count against Google's read quota)."""
        return self._counter.api

    @property
    def token_request_count(self) -> int:
        """OAuth token requests sent so far."""
        return self._counter.token

    @property
    def write_request_count(self) -> int:
        """Append requests sent so far (each attempt; they are among ``api_request_count``)."""
        return self._counter.writes

    def writes_per_minute(self) -> int:
        """Append requests sent in the last minute (the admin page shows it)."""
        return self._counter.writes_last_minute()

    def header(self, tab_title: str) -> list[Cell]:
        """The header row of ``tab_title``: the one seen at the last read, else read now
        (``values.get`` of its first row, counted like any read)."""
        known = self._headers.get(tab_title)
        if known is not None:
            return list(known)
        cell_range = f"{_quoted_title(tab_title)}!1:1"
        params = {"valueRenderOption": "FORMATTED_VALUE", "prettyPrint": "false"}
        body = self._write_call(lambda: self._http.values_get(self._key, cell_range, params))
        rows = body.get("values", []) if isinstance(body, Mapping) else None
        if not isinstance(rows, list):
            raise SourceMalformed("Google Sheets answered oddly for a header row.")
        return list(rows[0]) if rows else []

    def append_row(self, tab_title: str, values: Sequence[str]) -> str:
        """Append one row of text after the table in ``tab_title``; return the range written.

        ``values.append`` with ``valueInputOption=RAW`` and ``insertDataOption=INSERT_ROWS``:
        nothing typed by an editor is overwritten and no text is read as a formula. The
        request has the source's timeout and bounded, jittered retries; a retry after a
        timeout may write the row twice, which is why a row carries its own id (readers
        deduplicate by it). Raises a SourceError.
        """
        if not self.writable:
            raise SourceConfigError(
                "Check-ins are off: set [app] check_ins = true to let the dashboard write.",
            )
        body = {"majorDimension": "ROWS", "values": [[str(value) for value in values]]}
        cell_range = f"{_quoted_title(tab_title)}!A1"
        with self._write_lock:
            answer = self._write_call(
                lambda: self._http.values_append(self._key, cell_range, APPEND_PARAMS, body)
            )
        updates = answer.get("updates") if isinstance(answer, Mapping) else None
        written = updates.get("updatedRange") if isinstance(updates, Mapping) else None
        if not isinstance(written, str):
            raise SourceMalformed("Google Sheets did not say where the row was written.")
        return written

    def _write_call(self, fn: Callable[[], Any]) -> Any:
        """``_call`` for the write path, where a refusal means no Editor rights."""
        try:
            return self._call(fn)
        except SourceAccessDenied as err:
            if "Enabled" in err.user_message or "key of the service account" in err.user_message:
                raise
            raise SourceAccessDenied(
                f"The service account {self.service_account_email} may read the sheet but not "
                "write to it. Open the sheet, press Share and make that address an Editor.",
            ) from None
        except SourceMalformed as err:
            if "error 400" in err.user_message:
                raise SourceNotFound(
                    "The sheet has no tab for check-ins. Add a tab named 'updates' with the "
                    "header row from the template.",
                    reason="tab_missing",
                ) from None
            raise

    def reset_tabs(self) -> None:
        """Nothing to forget: every read lists the tabs in the same request as the cells, so a
        tab added, renamed or deleted by an editor is seen on the next read. Kept so callers
        written for the former cached tab list keep working."""

    def read(self) -> RawWorkbook:
        """Read every tab with one ``spreadsheets.get``; raise a SourceError on failure."""
        with self._lock:
            try:
                workbook = self._read_locked()
            except SourceError as err:
                self.last_error = err.user_message
                self.last_error_reason = err.reason
                raise
            self.last_error = None
            self.last_error_reason = None
            return workbook

    def _read_locked(self) -> RawWorkbook:
        """One request for the tab list and every cell with its format; no per-tab ranges, so
        a tab renamed between two reads cannot make the read fail."""
        self.reads += 1
        # prettyPrint=false: Google indents its JSON by default, which a machine does not need.
        params = {"includeGridData": "true", "fields": GRID_FIELDS, "prettyPrint": "false"}
        body = self._call(lambda: self._http.spreadsheets_get(self._key, params=params))
        titles, self.spreadsheet_title = _titles_from_metadata(body)
        self._sheet_ids = _sheet_ids_from_metadata(body)
        workbook = _workbook_from_grid(titles, body)
        self._headers = {
            title: next((list(row) for row in grid if any(c is not None for c in row)), [])
            for title, grid in workbook.items()
        }
        return workbook

    def cell_url(self, tab_title: str, cell: str) -> str | None:
        """A link that opens the sheet at ``cell`` of ``tab_title`` (for editors), or None when
        the tab's id is not known yet. Google's own address, whatever the configured API root."""
        gid = self._sheet_ids.get(tab_title)
        if gid is None or not cell:
            return None
        return f"https://docs.google.com/spreadsheets/d/{quote(self._key)}/edit#gid={gid}&range={quote(cell)}"

    def _call(self, fn: Callable[[], Any]) -> Any:
        """Run one gspread call and turn every failure into the project's own errors."""
        try:
            return fn()
        except APIError as err:
            raise self._api_error(err) from None
        except requests.Timeout:
            raise SourceUnavailable(
                f"Google Sheets did not answer within {self.timeout:g} seconds, "
                f"{self.policy.max_attempts} times in a row.",
                reason="timeout",
            ) from None
        except (requests.ConnectionError, google_auth_exceptions.TransportError):
            raise SourceUnavailable(
                "Google Sheets could not be reached (no connection).",
                reason="unavailable",
            ) from None
        except google_auth_exceptions.RefreshError as err:
            raise self._token_error(err) from None
        except (ValueError, KeyError, TypeError):
            # r.json() on a body that is not JSON (a proxy's HTML page, a cut-off answer).
            raise SourceMalformed(
                "Google Sheets answered with something that is not spreadsheet data.",
            ) from None

    def _token_error(self, err: google_auth_exceptions.RefreshError) -> SourceError:
        """Explain why Google would not give the service account a token."""
        if getattr(err, "retryable", False):
            return SourceUnavailable(
                "Google's sign-in service is not answering.",
            )
        return SourceAccessDenied(
            f"Google refused the key of the service account {self.service_account_email} "
            "(it may have been deleted or disabled). Create a new JSON key for it in the "
            "Google Cloud console and update the settings.",
        )

    def _api_error(self, err: APIError) -> SourceError:
        """Map an HTTP error from the Sheets API to a plain-words SourceError."""
        status = err.response.status_code
        message = str(err.error.get("message", "")) if isinstance(err.error, Mapping) else ""
        if status == 429:
            return SourceUnavailable(
                "Google Sheets' read quota is used up for the moment (too many requests).",
                reason="quota",
            )
        if status in (401, 403):
            if "has not been used" in message or "is disabled" in message:
                return SourceAccessDenied(
                    "The Google Sheets API is not enabled in the service account's Google "
                    "Cloud project. Open the Cloud console, find 'Google Sheets API' and press "
                    "Enable.",
                )
            return SourceAccessDenied(
                f"The sheet is not shared with the service account "
                f"{self.service_account_email}. Open the sheet, press Share and add that "
                "address as Viewer.",
            )
        if status == 404:
            return SourceNotFound(
                "The Google Sheet in the settings was not found. Check the spreadsheet link "
                "in the [sheets] settings; the sheet may have been deleted or moved.",
            )
        if status in RETRY_STATUSES or status >= 500:
            return SourceUnavailable(
                f"Google Sheets is having trouble (error {status}), "
                f"{self.policy.max_attempts} times in a row.",
            )
        return SourceMalformed(
            f"Google Sheets refused the request (error {status}). Check the [sheets] settings.",
        )


def _quoted_title(title: str) -> str:
    """A tab title as an A1 range writes it: in single quotes, a quote doubled."""
    return "'" + title.replace("'", "''") + "'"


def _titles_from_metadata(body: Any) -> tuple[list[str], str | None]:
    """Return the titles of the grid tabs (in sheet order) and the spreadsheet title."""
    if not isinstance(body, Mapping) or not isinstance(body.get("sheets", []), list):
        raise SourceMalformed(
            "Google Sheets answered with an unexpected description of the spreadsheet.",
        )
    titles: list[tuple[int, str]] = []
    for position, sheet in enumerate(body.get("sheets", [])):
        props = sheet.get("properties") if isinstance(sheet, Mapping) else None
        if not isinstance(props, Mapping) or not isinstance(props.get("title"), str):
            raise SourceMalformed(
                "Google Sheets answered with an unexpected description of the spreadsheet.",
            )
        # Chart sheets ("OBJECT") hold no cells and a range on them is refused.
        if props.get("sheetType", "GRID") != "GRID":
            continue
        titles.append((int(props.get("index", position)), props["title"]))
    properties = body.get("properties")
    title = properties.get("title") if isinstance(properties, Mapping) else None
    return [t for _, t in sorted(titles)], title if isinstance(title, str) else None


def _sheet_ids_from_metadata(body: Any) -> dict[str, int]:
    """Tab title -> the tab's numeric id (the ``gid`` in a link), for the tabs that have one."""
    ids: dict[str, int] = {}
    for sheet in body.get("sheets", []) if isinstance(body, Mapping) else []:
        props = sheet.get("properties") if isinstance(sheet, Mapping) else None
        if isinstance(props, Mapping) and isinstance(props.get("title"), str):
            sheet_id = props.get("sheetId")
            if isinstance(sheet_id, int):
                ids[props["title"]] = sheet_id
    return ids


def _workbook_from_grid(titles: list[str], body: Mapping[str, Any]) -> RawWorkbook:
    """Each grid tab's cells, in sheet order, shaped like a values:batchGet answer: trailing
    blank cells and rows cut, a blank row inside the data as []."""
    sheets = {
        sheet["properties"]["title"]: sheet
        for sheet in body.get("sheets", [])
        if isinstance(sheet, Mapping) and isinstance(sheet.get("properties"), Mapping)
    }
    return {title: _grid(title, sheets[title].get("data", [])) for title in titles}


def _grid(title: str, data: Any) -> Grid:
    """The cells of one tab from its GridData list (usually one block starting at A1)."""
    odd = SourceMalformed(f"Google Sheets answered oddly for the tab '{title}'.")
    if not isinstance(data, list):
        raise odd
    grid: Grid = []
    for block in data:
        if not isinstance(block, Mapping):
            raise odd
        top, left = block.get("startRow", 0), block.get("startColumn", 0)
        rows = block.get("rowData", [])
        if not isinstance(top, int) or not isinstance(left, int) or not isinstance(rows, list):
            raise odd
        for offset, row in enumerate(rows):
            values = row.get("values", []) if type(row) is dict else None
            if not isinstance(values, list):
                raise odd
            cells = [_cell(title, value) for value in values]
            if not any(cell is not None for cell in cells):
                continue
            while len(grid) <= top + offset:
                grid.append([])
            target = grid[top + offset]
            target.extend([None] * (left + len(cells) - len(target)))
            target[left : left + len(cells)] = cells
    for row in grid:
        while row and row[-1] is None:
            row.pop()
    return grid


def _plain_text(number: int | float) -> str:
    """How a number is written when no format or locale changes it (1200, 830.5)."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _odd(title: str) -> SourceMalformed:
    return SourceMalformed(f"Google Sheets answered oddly for the tab '{title}'.")


def _cell(title: str, data: Any) -> Cell:
    """One CellData as a raw cell: text, a bool, a number, or a number with its format.

    Called once per cell of the sheet, so it checks JSON's own types (dict, str…) directly.
    """
    if type(data) is not dict:
        raise _odd(title)
    value = data.get("effectiveValue")
    if value is None:
        return None  # empty, or only a format on an empty cell
    shown = data.get("formattedValue", "")
    if type(value) is not dict or type(shown) is not str:
        raise _odd(title)
    text = value.get("stringValue")
    if text is not None:
        if type(text) is not str:
            raise _odd(title)
        return text
    number = value.get("numberValue")
    if number is not None:
        if type(number) not in (int, float):
            raise _odd(title)
        kind: Any = ""
        effective = data.get("effectiveFormat")
        if type(effective) is dict:
            number_format = effective.get("numberFormat")
            if type(number_format) is dict:
                kind = number_format.get("type") or ""
        if kind == "NUMBER_FORMAT_TYPE_UNSPECIFIED":
            kind = ""
        if not kind and shown == _plain_text(number):
            return number
        return Formatted(number, str(kind), shown)
    if "boolValue" in value:
        return bool(value["boolValue"])
    if "errorValue" in value:
        error = value["errorValue"]
        kind = error.get("type") if type(error) is dict else None
        return shown or _ERROR_TEXT.get(str(kind), "#ERROR!")
    return None


def retry_settings(settings: Mapping[str, Any], what: str) -> tuple[float, int, float]:
    """The timeout, attempts and backoff base of a settings table, checked to be numbers."""
    try:
        return (
            float(settings.get("timeout", 10.0)),
            int(settings.get("max_attempts", 4)),
            float(settings.get("backoff_base", 0.5)),
        )
    except (TypeError, ValueError):
        raise SourceConfigError(
            f"The {what} settings timeout, max_attempts and backoff_base must be numbers.",
        ) from None


def from_settings(settings: Mapping[str, Any], *, writable: bool = False) -> GoogleSheetSource:
    """Build a GoogleSheetSource from a settings mapping (see ``SETTINGS_KEYS``); ``writable``
    asks for a token that may append (check-ins on)."""
    unknown = set(settings) - set(SETTINGS_KEYS)
    if unknown:
        raise SourceConfigError(
            "Unknown Google Sheets settings: " + ", ".join(sorted(unknown)) + ".",
        )
    credentials = settings.get("credentials")
    if credentials is not None and not isinstance(credentials, Mapping):
        raise SourceConfigError("The [gcp_service_account] settings must be a table.")
    timeout, max_attempts, backoff_base = retry_settings(settings, "Google Sheets")
    return GoogleSheetSource(
        str(settings.get("spreadsheet") or ""),
        credentials,
        credentials_file=settings.get("credentials_file") or None,
        api_root=settings.get("api_root") or None,
        timeout=timeout,
        max_attempts=max_attempts,
        backoff_base=backoff_base,
        writable=writable,
    )


SETTINGS_KEYS = (
    "spreadsheet",
    "credentials",
    "credentials_file",
    "api_root",
    "timeout",
    "max_attempts",
    "backoff_base",
)
"""Keys ``from_settings`` accepts; ``credentials`` is the [gcp_service_account] table."""

ENV_VARS = {
    "UV_SHEET": "spreadsheet",
    "UV_GOOGLE_CREDENTIALS_FILE": "credentials_file",
    "UV_SHEETS_API_ROOT": "api_root",
    "UV_SHEETS_TIMEOUT": "timeout",
}
"""Environment variables and the setting each one fills."""


def sheets_settings(
    secrets: Mapping[str, Any], environ: Mapping[str, str]
) -> dict[str, Any] | None:
    """Merge ``[sheets]``/``[gcp_service_account]`` secrets with UV_* env vars (env wins).

    Returns None when no spreadsheet is configured at all, so the caller can fall back to
    another source. Published-mode keys in ``[sheets]`` (``tabs``, ``tab_names``, ``mode``,
    ``base_url``) are left out; ``published.published_settings`` reads those.
    """
    table = secrets.get("sheets") or {}
    if table.get("mode") == "published":
        return None
    settings: dict[str, Any] = {
        k: v for k, v in dict(table).items() if k in SETTINGS_KEYS and k != "credentials"
    }
    account = secrets.get("gcp_service_account")
    if account:
        settings["credentials"] = dict(account)
    for var, key in ENV_VARS.items():
        if environ.get(var):
            settings[key] = environ[var]
    if settings.get("credentials_file") and environ.get("UV_GOOGLE_CREDENTIALS_FILE"):
        # An explicit key file in the environment overrides the secrets table.
        settings.pop("credentials", None)
    if not settings.get("spreadsheet"):
        return None
    return settings
