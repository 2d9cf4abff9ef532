"""Which source to read and how, from ``.streamlit/secrets.toml`` or environment variables.

With no configuration at all the app reads the bundled sample workbook and says so on every page.
Pure: the caller passes the secrets mapping and the environment.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from utils.i18n import DEFAULT_TIMEZONE
from utils.sheet.contract import DEFAULT_THRESHOLD
from utils.sources import files, gsheets, published
from utils.sources.base import Source, SourceConfigError

DEFAULT_TTL_SECONDS = 600
MIN_REFRESH_INTERVAL_SECONDS = 30


@dataclass(frozen=True)
class Settings:
    """Everything the loader needs to know, already checked."""

    source: Source
    is_sample: bool
    ttl_seconds: int = DEFAULT_TTL_SECONDS
    min_refresh_seconds: int = MIN_REFRESH_INTERVAL_SECONDS
    threshold: int = DEFAULT_THRESHOLD
    snapshot_dir: Path = Path(".cache") / "snapshots"
    boundaries: Path | None = None  # a first-level boundary GeoJSON for the choropleth map
    timezone: str = DEFAULT_TIMEZONE  # the zone people read times in (an IANA name)
    sheet_links: bool = False  # in open mode, show links into the sheet (they carry its id)
    check_ins: bool = False  # editors may save check-ins to the sheet (needs Editor rights)
    check_ins_open_mode: bool = False  # ...and so may anyone, when sign-in is off


def _int(value: Any, name: str, default: int) -> int:
    """A positive whole-number setting."""
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SourceConfigError(f"The setting {name} must be a whole number.") from None
    if number < 1:
        raise SourceConfigError(f"The setting {name} must be at least 1.")
    return number


def _timezone(value: Any) -> str:
    """An IANA time zone name ("Asia/Bishkek"), checked against the zone database."""
    if value in (None, ""):
        return DEFAULT_TIMEZONE
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceConfigError(
            f"The setting timezone must be a time zone name such as {DEFAULT_TIMEZONE}; "
            f"{name!r} is not one."
        ) from None
    return name


def _bool(value: Any, name: str) -> bool:
    """A yes/no setting: TOML true/false (or "true"/"false" from the environment)."""
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise SourceConfigError(f"The setting {name} must be true or false.")


def read_settings(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Choose the source: Google Sheet, published sheet, .xlsx, CSV folder, else the sample."""
    app = dict(secrets.get("app") or {})
    check_ins = _bool(environ.get("UV_CHECK_INS") or app.get("check_ins"), "check_ins")
    common = {
        "ttl_seconds": _int(
            environ.get("UV_TTL_SECONDS") or app.get("ttl_seconds"),
            "ttl_seconds",
            DEFAULT_TTL_SECONDS,
        ),
        "min_refresh_seconds": _int(
            app.get("min_refresh_seconds"), "min_refresh_seconds", MIN_REFRESH_INTERVAL_SECONDS
        ),
        "threshold": _int(
            environ.get("UV_THRESHOLD") or app.get("small_number_threshold"),
            "small_number_threshold",
            DEFAULT_THRESHOLD,
        ),
        "boundaries": Path(b)
        if (b := environ.get("UV_BOUNDARIES") or app.get("boundaries"))
        else None,
        "timezone": _timezone(environ.get("UV_TIMEZONE") or app.get("timezone")),
        "sheet_links": _bool(app.get("sheet_links"), "sheet_links"),
        "check_ins": check_ins,
        "check_ins_open_mode": _bool(
            environ.get("UV_CHECK_INS_OPEN_MODE") or app.get("check_ins_open_mode"),
            "check_ins_open_mode",
        ),
        "snapshot_dir": Path(
            environ.get("UV_SNAPSHOT_DIR")
            or app.get("snapshot_dir")
            or Path(".cache") / "snapshots"
        ),
    }
    xlsx = environ.get("UV_XLSX") or app.get("xlsx")
    csv_dir = environ.get("UV_CSV_DIR") or app.get("csv_dir")
    sheet = gsheets.sheets_settings(secrets, environ)
    public = published.published_settings(secrets)
    if sheet:
        # Only with check-ins on does the token ask for more than reading.
        source = gsheets.from_settings(sheet, writable=check_ins)
        return Settings(source, is_sample=False, **common)
    if public:
        return Settings(published.from_settings(public), is_sample=False, **common)
    if xlsx:
        return Settings(files.XlsxSource(Path(xlsx)), is_sample=False, **common)
    if csv_dir:
        return Settings(files.CsvFolderSource(Path(csv_dir)), is_sample=False, **common)
    return Settings(files.XlsxSource(files.SAMPLE_PATH, sample=True), is_sample=True, **common)


def read_secrets_file(path: Path) -> Mapping[str, Any]:
    """A ``secrets.toml`` as a mapping (for the command-line check); empty when absent."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def any_file_present(paths: Iterable[object]) -> bool:
    """True when one of ``paths`` is an existing file (Streamlit's secrets files, say)."""
    return any(Path(str(path)).is_file() for path in paths)
