"""What every data source hands to the parser, and the few errors a source may raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Protocol

NUMBER_FORMAT_TYPES: Final = frozenset(
    {"", "TEXT", "NUMBER", "PERCENT", "CURRENCY", "DATE", "TIME", "DATE_TIME", "SCIENTIFIC"}
)
"""Google's NumberFormat types; "" when the cell has no number format of its own."""

DATE_FORMATS: Final = frozenset({"DATE", "TIME", "DATE_TIME"})
"""Number formats under which a number is a moment (a day serial), not a quantity."""


@dataclass(frozen=True)
class Formatted:
    """A cell whose number format changes what its value means, as the editor sees it.

    A Google Sheet holds ``45%`` as ``Formatted(0.45, "PERCENT", "45%")`` and ``01.02.2025``
    as ``Formatted(45689, "DATE", "01.02.2025")``. ``format`` is Google's NumberFormat type (or
    "" for none); ``shown`` is the text the sheet displays, in the sheet's locale ("" when the
    source cannot know it). Cells whose value needs no format to be read stay plain scalars.
    """

    value: str | int | float | bool | date | datetime
    format: str = ""
    shown: str = ""

    def __str__(self) -> str:
        """What the editor sees in the cell (problems quote this)."""
        return self.shown or str(self.value)


Cell = str | int | float | bool | date | datetime | Formatted | None
"""One spreadsheet cell as the source gave it: a plain scalar, or a value with its format."""

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
