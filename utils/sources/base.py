"""What every data source hands to the parser, and the few errors a source may raise."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

Cell = str | int | float | bool | date | datetime | None
"""One spreadsheet cell exactly as the source gave it (Google gives strings or numbers)."""

Grid = list[list[Cell]]
"""The rows of one tab, header row first; rows may be ragged and trailing blanks may be cut."""

RawWorkbook = dict[str, Grid]
"""Tab title as written in the source -> its grid."""


class Source(Protocol):
    """Anything that can read the coalition workbook as raw grids."""

    @property
    def label(self) -> str:
        """A name safe to show in a browser: never a sheet id, path secret or key."""
        ...

    def read(self) -> RawWorkbook:
        """Read every tab once; raise a SourceError subclass on failure."""
        ...


class SourceError(Exception):
    """A source could not be read. ``user_message`` is plain words, safe for any browser.

    ``reason`` is a short stable code (``quota``, ``unavailable``, ``timeout``, ``forbidden``,
    ``not_found``, ``malformed``, ``config``, ``missing_file``) that pages and tests can key on.
    """

    reason: str = "unavailable"

    def __init__(self, user_message: str, *, reason: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        if reason is not None:
            self.reason = reason


class SourceUnavailable(SourceError):
    """A passing failure (quota, outage, timeout): worth retrying later."""

    reason = "unavailable"


class SourceAccessDenied(SourceError):
    """The credentials were refused or the sheet is not shared with them."""

    reason = "forbidden"


class SourceNotFound(SourceError):
    """The spreadsheet, file or folder does not exist."""

    reason = "not_found"


class SourceMalformed(SourceError):
    """The source answered with something that is not a workbook."""

    reason = "malformed"


class SourceConfigError(SourceError):
    """The configuration itself is incomplete or contradictory."""

    reason = "config"
