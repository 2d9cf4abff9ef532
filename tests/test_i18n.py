"""Every string in three languages, every key used in the code defined, locale formatting."""

from __future__ import annotations

import re
import string
from datetime import date, datetime

import pytest

from tests.conftest import ROOT
from utils.contract import TABS
from utils.i18n import (
    LANGUAGES,
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    messages,
    normalise_language,
    t,
)
from utils.regions import REGIONS

KEY_IN_CODE = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
# Words that stay in Latin letters in Russian and Kyrgyz text.
# Tab and column names are identifiers editors type, so they stay as they are too.
ALLOWED_LATIN = {
    "United",
    "Voices",
    "Excel",
    "Google",
    "CSV",
    "PrEP",
    "HIV",
    "Sheets",
    "PNG",
    "xlsx",
}
ALLOWED_LATIN |= {tab.name for tab in TABS} | {c.name for tab in TABS for c in tab.columns}
ALLOWED_LATIN |= {word for region in REGIONS for word in re.findall(r"[A-Za-z]+", region.name_en)}
QUOTED = re.compile(r"«[^»]*»|`[^`]*`|'[^']*'|\{[^}]*\}|--[a-z-]+|\S+\.(?:md|py|xlsx|csv)\b")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(messages()))
def test_every_message_has_every_language_with_the_same_placeholders(key: str) -> None:
    texts = messages()[key]
    assert set(texts) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(texts)}"
    assert all(texts[lang].strip() for lang in LANGUAGES), f"{key} has an empty translation"
    assert placeholders(texts["ru"]) == placeholders(texts["en"]) == placeholders(texts["ky"]), key


@pytest.mark.parametrize("key", sorted(messages()))
def test_russian_and_kyrgyz_are_not_english_copies(key: str) -> None:
    texts = messages()[key]
    for lang in ("ru", "ky"):
        stripped = QUOTED.sub("", texts[lang])
        english = [w for w in LATIN_WORD.findall(stripped) if w not in ALLOWED_LATIN]
        assert not english, f"{key} [{lang}] has English words: {english}"


def test_every_key_used_in_the_code_is_defined() -> None:
    used: set[str] = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("utils/**/*.py"), ROOT / "app.py"]:
        used |= set(KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    missing = sorted(used - set(messages()))
    assert not missing, f"keys used but never translated: {missing}"


def test_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "ru")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(1234567.5, "ru", "1 234 568"), (1234567.5, "en", "1,234,568"), (None, "en", "—")],
)
def test_fmt_number(value: float | None, lang: str, expected: str) -> None:
    assert fmt_number(value, lang).replace("\u00a0", " ") == expected


@pytest.mark.parametrize(("lang", "expected"), [("ru", "47,5%"), ("ky", "47,5%"), ("en", "47.5%")])
def test_fmt_percent_uses_the_locale_decimal_mark(lang: str, expected: str) -> None:
    assert fmt_percent(47.5, lang) == expected


def test_dates_are_written_the_local_way() -> None:
    assert "февр" in fmt_date(date(2025, 2, 1), "ru")
    assert fmt_date(date(2025, 2, 1), "en") == "Feb 1, 2025"
    assert fmt_datetime(datetime(2025, 3, 14, 10, 40), "ru").endswith("10:40")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("ru-RU", "ru"),
        ("ky_KG", "ky"),
        ("KG", "ky"),
        ("en-GB", "en"),
        ("de", "ru"),
        (None, "ru"),
        ("", "ru"),
    ],
)
def test_browser_language_tags(tag: str | None, expected: str) -> None:
    assert normalise_language(tag) == expected
