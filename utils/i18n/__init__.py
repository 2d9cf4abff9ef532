"""Translations and locale formatting: every string a person reads passes through here.

Messages live in gettext catalogues, ``locales/<lang>/LC_MESSAGES/messages.po``, keyed by ids
such as "nav.overview"; the English catalogue holds the English text (docs/TRANSLATING.md). This
module reads them from the .po files on first use, looks texts up (``t``, ``tn`` for counts, with
the language's plural forms) and formats numbers and dates for the locale with Babel.
Pure Python: no Streamlit, nothing read at import time.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_decimal

LANGUAGES: Final = ("ru", "ky", "en")
DEFAULT_LANGUAGE: Final = "ru"
LANGUAGE_NAMES: Final = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
MISSING: Final = "—"
DEFAULT_TIMEZONE: Final = "Asia/Bishkek"
LOCALES: Final = Path(__file__).resolve().parents[2] / "locales"

# The zone people read times in. The deployer may choose another one (``[app] timezone``,
# checked in utils/store/settings.py); utils/store/load.py sets it when it reads the settings.
_display_zone: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)


Text = str | tuple[str, ...]  # a message, or a plural message's forms in the language's order


def N_(key: str) -> str:
    """Mark an id the code builds at run time so that ``pybabel extract`` finds it."""
    return key


def N_plural(key: str) -> str:
    """Mark a plural id (one read with ``tn``) the code builds at run time, for ``pybabel extract``."""
    return key


@cache
def catalogue(lang: str) -> Catalog:
    """The gettext catalogue of ``lang``, read from its .po file on first use (no .mo is built)."""
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fileobj:
        return read_po(fileobj, locale=lang)


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@cache
def _usable(lang: str) -> Mapping[str, Text]:
    """The entries of ``lang`` a reader may see: not fuzzy, and with every form written."""
    found: dict[str, Text] = {}
    for message in catalogue(lang):
        text = message.string
        forms = text if isinstance(text, tuple) else (text,)
        if message.id and not message.fuzzy and all(forms):
            found[_key(message.id)] = text
    return found


@cache
def messages() -> Mapping[str, Mapping[str, Text]]:
    """Every id with its text in every language as the catalogues hold it (empty if missing).

    The ids are those of the English catalogue; fuzzy entries are included as they are.
    """
    merged: dict[str, dict[str, Text]] = {}
    for lang in ("en", *(code for code in LANGUAGES if code != "en")):
        for message in catalogue(lang):
            if message.id and (lang == "en" or _key(message.id) in merged):
                merged.setdefault(_key(message.id), {})[lang] = message.string
    return merged


def _lookup(key: str, lang: str) -> Text:
    """The text of ``key`` in ``lang``; English when the translation is missing, empty or fuzzy.

    An id the English catalogue lacks raises KeyError.
    """
    english = _usable("en")[key]
    return _usable(lang).get(key, english) if lang != "en" else english


@cache
def _plural_rule(lang: str) -> Callable[[int], int]:
    """Which form a count takes in ``lang``, from the catalogue's Plural-Forms header."""
    return gettext.c2py(catalogue(lang).plural_expr)


def normalise_language(lang: str | None) -> str:
    """Map a browser or URL language tag ("ru-RU", "KY", "en") to one we support, else the default."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code == "kg":  # a common mistake for Kyrgyz
        code = "ky"
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


_DOUBLE_STOP = re.compile(r"(?<=[^\W\d]\.)\.(?![.\w])")
"""A sentence's full stop right after a value that already ends in an abbreviation's stop
("−2,3 п. п." + "." at the end of a sentence): one stop is enough. An ellipsis "..." is left
alone."""


def _one_stop(text: str) -> str:
    """``text`` without the double full stop a filled-in abbreviation leaves at its end."""
    return _DOUBLE_STOP.sub("", text)


def t(key: str, lang: str, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``.

    An unknown key raises KeyError so that a missing translation fails a test, not a meeting;
    so does a plural message, which needs ``tn``. A Russian or Kyrgyz entry that is empty or
    fuzzy shows the English text (and tests/test_catalogues.py fails on it).
    """
    text = _lookup(key, lang)
    if isinstance(text, tuple):
        raise KeyError(f"{key} is a plural message: use tn()")
    return _one_stop(text.format(**params)) if params else text


def tn(key: str, lang: str, n: int, /, **params: object) -> str:
    """The form of plural message ``key`` that the count ``n`` takes in ``lang``, filled in.

    ``{n}`` is the count with the locale's grouping (``fmt_number``) unless ``params`` give
    another ``n``. Russian has three forms (1 этап, 3 этапа, 8 этапов), Kyrgyz and English two;
    the rule is the catalogue's Plural-Forms header, which Babel writes from CLDR. A fallback to
    English uses the English rule.
    """
    forms = _lookup(key, lang)
    if not isinstance(forms, tuple):
        raise KeyError(f"{key} is not a plural message: use t()")
    rule_lang = lang if forms is _usable(lang).get(key) else "en"
    text = forms[min(_plural_rule(rule_lang)(abs(int(n))), len(forms) - 1)]
    return _one_stop(text.format(**{"n": fmt_number(n, lang), **params}))


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NA are not equal to themselves
    except (TypeError, ValueError):
        return False


def fmt_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark: 1 234,5 in ru/ky, 1,234.5 in en."""
    if is_missing(value):
        return MISSING
    number = float(value)
    if number == 0:  # 0.0 and -0.0 are one key of a cache but two texts ("0", "-0")
        return _babel_decimal(number, format=_pattern(decimals), locale=lang)
    return _number_text(number, lang, decimals)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


@lru_cache(maxsize=16_384)
def _number_text(number: float, lang: str, decimals: int) -> str:
    """Babel's text for a non-zero number, kept: a page writes the same numbers on every
    rerun and a table repeats them, and Babel takes about 40 µs for each."""
    return _babel_decimal(number, format=_pattern(decimals), locale=lang)


def fmt_percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """A percentage given on the 0–100 scale: 47.5 -> "47,5%" (ru) or "47.5%" (en)."""
    if is_missing(value):
        return MISSING
    return fmt_number(value, lang, decimals) + "%"


def fmt_value(value: float | None, unit: str, lang: str) -> str:
    """A value in the catalogue's unit: percent, count or per-person rate."""
    if is_missing(value):
        return MISSING
    if unit == "percent":
        return fmt_percent(value, lang)
    if unit == "count":
        return fmt_number(value, lang)
    decimals = (
        0 if abs(float(value)) >= 100 or math.isclose(float(value), round(float(value))) else 1
    )
    return fmt_number(value, lang, decimals)


def fmt_change(
    value: float | None,
    unit: str,
    lang: str,
    decimals: int | None = None,
    *,
    for_metric: bool = False,
) -> str:
    """A change with its sign: "+1,2", "−2,3 п. п." (points for a percent unit), "±0".

    The size is written as ``fmt_value`` writes the unit (a percent change to one decimal), or
    with ``decimals`` places when given. ``for_metric`` signs it the way ``st.metric`` reads a
    delta: "-" for a fall (so its arrow points down) and no sign for no change.
    """
    if is_missing(value):
        return MISSING
    number = float(value)
    rise, fall, same = ("+", "-", "") if for_metric else ("+", "−", "±")
    sign = rise if number > 0 else fall if number < 0 else same
    if decimals is not None:
        size = fmt_number(abs(number), lang, decimals)
    elif unit == "percent":
        size = fmt_number(abs(number), lang, 1)
    else:
        size = fmt_value(abs(number), unit, lang)
    return sign + (t("access.pp", lang, value=size) if unit == "percent" else size)


def fmt_date(value: date | datetime | None, lang: str) -> str:
    """A date the way the locale writes it, e.g. "1 февр. 2025 г."."""
    if is_missing(value):
        return MISSING
    return _babel_date(value, format="medium", locale=lang)


def fmt_datetime(value: datetime | None, lang: str) -> str:
    """A wall-clock date and time typed in the sheet (already Bishkek time), to the minute.

    Not for moments the app itself records (refreshes, snapshots): those use ``format_time``.
    """
    if is_missing(value):
        return MISSING
    return _babel_datetime(value, format="d MMM y, HH:mm", locale=lang)


def set_display_timezone(zone: str | tzinfo | None) -> None:
    """Choose the zone ``format_time`` shows (None: Asia/Bishkek). Called with the settings."""
    global _display_zone
    _display_zone = ZoneInfo(zone) if isinstance(zone, str) else zone or ZoneInfo(DEFAULT_TIMEZONE)


def display_timezone() -> tzinfo:
    """The zone people read times in: Asia/Bishkek unless the deployer chose another."""
    return _display_zone


def _offset_label(moment: datetime) -> str:
    """The moment's offset from UTC as people write it: "UTC+6", "UTC+5:30", "UTC"."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_time(
    moment: datetime | None, lang: str, *, zone: tzinfo | None = None, date_only: bool = False
) -> str:
    """A moment the app recorded (a refresh, a snapshot, an error) as a person reads it.

    ``moment`` is aware, or naive and then read as UTC. It is shown in ``zone``, by default
    the display zone (Asia/Bishkek unless the deployer set ``[app] timezone``), to the minute
    and with the zone's offset so nobody takes it for another zone: "2 мар. 2025, 05:30
    (UTC+6)". With ``date_only`` just the local day: a refresh at 23:30 UTC is the next day in
    Bishkek.
    """
    if is_missing(moment):
        return MISSING
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone or _display_zone)
    if date_only:
        return _babel_date(local.date(), format="medium", locale=lang)
    text = _babel_datetime(local.replace(tzinfo=None), format="d MMM y, HH:mm", locale=lang)
    return f"{text} ({_offset_label(local)})"
