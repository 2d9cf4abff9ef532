"""Translations and locale formatting: every string a person reads passes through here.

Messages live in ``utils/messages/<area>.py`` as ``{key: {"en": …, "ru": …, "ky": …}}``; this
module merges them, looks them up and formats numbers and dates for the locale with Babel.
Pure Python: no Streamlit, nothing read at import time beyond the message modules themselves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Final

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal as _babel_decimal

LANGUAGES: Final = ("ru", "ky", "en")
DEFAULT_LANGUAGE: Final = "ru"
LANGUAGE_NAMES: Final = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
MISSING: Final = "—"


@cache
def messages() -> Mapping[str, Mapping[str, str]]:
    """All message catalogues merged; a key defined twice is a programming error."""
    from utils.messages import CATALOGUES

    merged: dict[str, Mapping[str, str]] = {}
    for catalogue in CATALOGUES:
        for key, texts in catalogue.items():
            if key in merged:
                raise ValueError(f"message key defined twice: {key}")
            merged[key] = texts
    return merged


def normalise_language(lang: str | None) -> str:
    """Map a browser or URL language tag ("ru-RU", "KY", "en") to one we support, else the default."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code == "kg":  # a common mistake for Kyrgyz
        code = "ky"
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``.

    An unknown key raises KeyError so that a missing translation fails a test, not a meeting.
    """
    text = messages()[key][lang]
    return text.format(**params) if params else text


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
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _babel_decimal(float(value), format=pattern, locale=lang)


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


def fmt_date(value: date | datetime | None, lang: str) -> str:
    """A date the way the locale writes it, e.g. "1 февр. 2025 г."."""
    if is_missing(value):
        return MISSING
    return _babel_date(value, format="medium", locale=lang)


def fmt_datetime(value: datetime | None, lang: str) -> str:
    """A date and time (to the minute) the way the locale writes it."""
    if is_missing(value):
        return MISSING
    return _babel_datetime(value, format="d MMM y, HH:mm", locale=lang)
