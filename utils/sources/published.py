"""Read the coalition workbook from a Google Sheet published to the web, without credentials.

Each tab is one CSV download: ``/export?format=csv&gid=N`` for a sheet shared with "anyone with
the link", ``/pub?gid=N&single=true&output=csv`` for a "Publish to the web" link, or the gviz
endpoint by tab name. Every cell arrives as the text the sheet displays, so numbers follow the
sheet's locale; the service-account mode (``gsheets.py``) avoids that and is preferred.
"""

from __future__ import annotations

import csv
import io
import random
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from utils.sources.base import (
    Grid,
    RawWorkbook,
    SourceAccessDenied,
    SourceConfigError,
    SourceError,
    SourceMalformed,
    SourceNotFound,
    SourceUnavailable,
)
from utils.sources.gsheets import (
    RETRY_STATUSES,
    RetryPolicy,
    is_loopback_host,
    retry_settings,
    spreadsheet_key,
)

GOOGLE_DOCS_ROOT = "https://docs.google.com"
"""Where Google serves CSV exports; ``base_url`` replaces it in tests."""

_PUBLISHED_ID_RE = re.compile(r"/spreadsheets/d/e/([A-Za-z0-9_-]+)")
_BARE_PUBLISHED_ID_RE = re.compile(r"^2PACX-[A-Za-z0-9_-]+$")

PUBLISHED_SETTINGS_KEYS = (
    "spreadsheet",
    "tabs",
    "tab_names",
    "base_url",
    "timeout",
    "max_attempts",
    "backoff_base",
)
"""Keys ``from_settings`` accepts (``tabs`` maps tab title -> gid)."""


def _normalise_base_url(base_url: str | None) -> str:
    """Return the docs root without a trailing slash; plain http only for this machine."""
    if not base_url:
        return GOOGLE_DOCS_ROOT
    root = base_url.strip().rstrip("/")
    parts = urlsplit(root)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or (parts.scheme == "http" and not is_loopback_host(parts.hostname))
    ):
        raise SourceConfigError(
            "The published sheet base_url must look like https://host or http://127.0.0.1:port.",
        )
    return root


class PublishedSheetSource:
    """A Google Sheet read tab by tab through its public CSV export (no credentials)."""

    label = "Published Google Sheet"

    def __init__(
        self,
        spreadsheet: str,
        tabs: Mapping[str, int | str] | None = None,
        *,
        tab_names: Sequence[str] | None = None,
        base_url: str | None = None,
        timeout: float = 10.0,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        if (tabs is None) == (tab_names is None):
            raise SourceConfigError(
                "For a published sheet, list the tabs either with their gid numbers (tabs) or "
                "by name (tab_names), not both and not neither.",
            )
        self.base_url = _normalise_base_url(base_url)
        if not timeout or timeout <= 0:
            raise SourceConfigError("The published sheet timeout must be a positive number.")
        self.timeout = float(timeout)
        self.policy = RetryPolicy(max_attempts=int(max_attempts), backoff_base=backoff_base)
        self._rng = rng or random.Random()
        self._sleep: Callable[[float], None] = time.sleep
        self._published_id, self._key = _split_ids(spreadsheet)
        self._urls = self._tab_urls(tabs, tab_names)
        self._session = requests.Session()
        self._lock = threading.Lock()
        self.request_count = 0
        self.last_error: str | None = None
        self.last_error_reason: str | None = None

    def __repr__(self) -> str:
        """Never show the sheet key, even in logs."""
        return f"PublishedSheetSource(label={self.label!r}, tabs={list(self._urls)!r})"

    def _tab_urls(
        self, tabs: Mapping[str, int | str] | None, tab_names: Sequence[str] | None
    ) -> dict[str, str]:
        """Build the CSV URL of each tab."""
        urls: dict[str, str] = {}
        if tabs is not None:
            if not tabs:
                raise SourceConfigError("The published sheet settings list no tabs.")
            for title, gid in tabs.items():
                if not re.fullmatch(r"\d+", str(gid).strip()):
                    raise SourceConfigError(
                        f"The gid of tab '{title}' must be a number (it follows 'gid=' in the "
                        "tab's link).",
                    )
                gid_text = str(gid).strip()
                if self._published_id:
                    urls[str(title)] = (
                        f"{self.base_url}/spreadsheets/d/e/{self._published_id}/pub"
                        f"?gid={gid_text}&single=true&output=csv"
                    )
                else:
                    urls[str(title)] = (
                        f"{self.base_url}/spreadsheets/d/{self._key}/export"
                        f"?format=csv&gid={gid_text}"
                    )
            return urls
        assert tab_names is not None
        if self._published_id:
            raise SourceConfigError(
                "A 'Publish to the web' link can only be read by tab gid numbers (tabs), not "
                "by tab names. Use the sheet's normal link for tab_names.",
            )
        if isinstance(tab_names, str) or not tab_names:
            raise SourceConfigError("tab_names must be a list of tab titles.")
        for name in tab_names:
            urls[str(name)] = (
                f"{self.base_url}/spreadsheets/d/{self._key}/gviz/tq"
                f"?tqx=out:csv&sheet={quote(str(name), safe='')}"
            )
        return urls

    def read(self) -> RawWorkbook:
        """Download every tab's CSV; raise a SourceError on failure."""
        with self._lock:
            try:
                workbook = {title: self._read_tab(title, url) for title, url in self._urls.items()}
            except SourceError as err:
                self.last_error = err.user_message
                self.last_error_reason = err.reason
                raise
            self.last_error = None
            self.last_error_reason = None
            return workbook

    def _read_tab(self, title: str, url: str) -> Grid:
        """Download one tab with bounded retries and parse its CSV."""
        response = self._get(url)
        status = response.status_code
        if status == 429:
            raise SourceUnavailable(
                "Google limited how often the published sheet can be read.",
                reason="quota",
            )
        if status in RETRY_STATUSES or status >= 500:
            raise SourceUnavailable(
                f"Google is having trouble serving the published sheet (error {status}).",
            )
        if status in (401, 403) or _is_html(response):
            # Google answers a private sheet with a sign-in page, not an error code.
            raise SourceAccessDenied(
                "The sheet is not published. In Google Sheets choose File > Share > Publish to "
                "the web, or share it with 'Anyone with the link' as Viewer.",
            )
        if status in (400, 404):
            raise SourceNotFound(
                f"The tab '{title}' of the published sheet was not found. Check the sheet "
                "link and the tab's gid number in the settings.",
            )
        if status != 200:
            raise SourceMalformed(
                f"Google answered the published sheet with an unexpected status ({status}).",
            )
        return _parse_csv(title, response.content)

    def _get(self, url: str) -> requests.Response:
        """GET with a timeout, retrying 429/5xx, timeouts and lost connections."""
        failed = 0
        while True:
            self.request_count += 1
            failure: SourceUnavailable | None = None
            try:
                response = self._session.get(url, timeout=self.timeout)
            except requests.Timeout:
                failure = SourceUnavailable(
                    f"The published sheet did not answer within {self.timeout:g} seconds, "
                    f"{self.policy.max_attempts} times in a row.",
                    reason="timeout",
                )
            except requests.RequestException:
                failure = SourceUnavailable(
                    "The published sheet could not be reached (no connection).",
                )
            else:
                if response.status_code not in RETRY_STATUSES and response.status_code < 500:
                    return response
            failed += 1
            if failed >= self.policy.max_attempts:
                if failure is not None:
                    raise failure
                # The caller turns the last 429/5xx answer into a plain message.
                return response
            self._sleep(self.policy.delay(failed, self._rng))


def _split_ids(spreadsheet: str) -> tuple[str | None, str | None]:
    """Return (published id, spreadsheet key): exactly one of them is set."""
    text = (spreadsheet or "").strip()
    match = _PUBLISHED_ID_RE.search(text)
    if match:
        return match.group(1), None
    if _BARE_PUBLISHED_ID_RE.match(text):
        return text, None
    return None, spreadsheet_key(text)


def _is_html(response: requests.Response) -> bool:
    """True when the answer is a web page (a sign-in or error page) rather than CSV."""
    content_type = response.headers.get("Content-Type", "").lower()
    return content_type.startswith("text/html") or response.content[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    )


def _parse_csv(title: str, content: bytes) -> Grid:
    """Parse a CSV export into rows of strings (Google sends UTF-8, sometimes with a BOM)."""
    try:
        # Decode ourselves: requests guesses ISO-8859-1 for text/csv without a charset, which
        # would garble Cyrillic tab contents.
        text = content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        raise SourceMalformed(
            f"The tab '{title}' of the published sheet is not readable CSV.",
        ) from None
    return [list(row) for row in rows]


def from_settings(settings: Mapping[str, Any]) -> PublishedSheetSource:
    """Build a PublishedSheetSource from a settings mapping (see PUBLISHED_SETTINGS_KEYS)."""
    unknown = set(settings) - set(PUBLISHED_SETTINGS_KEYS)
    if unknown:
        raise SourceConfigError(
            "Unknown published sheet settings: " + ", ".join(sorted(unknown)) + ".",
        )
    tabs = settings.get("tabs")
    if tabs is not None and not isinstance(tabs, Mapping):
        raise SourceConfigError("The published sheet 'tabs' setting must be a table.")
    tab_names = settings.get("tab_names")
    timeout, max_attempts, backoff_base = retry_settings(settings, "published sheet")
    return PublishedSheetSource(
        str(settings.get("spreadsheet") or ""),
        dict(tabs) if tabs is not None else None,
        tab_names=list(tab_names) if tab_names is not None else None,
        base_url=settings.get("base_url") or None,
        timeout=timeout,
        max_attempts=max_attempts,
        backoff_base=backoff_base,
    )


def published_settings(secrets: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the published-mode settings from ``[sheets]`` when ``mode = "published"``."""
    table = dict(secrets.get("sheets") or {})
    if table.get("mode") != "published":
        return None
    return {k: v for k, v in table.items() if k in PUBLISHED_SETTINGS_KEYS}
