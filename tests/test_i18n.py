"""Every string in three languages, every key used in the code defined, locale formatting."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ROOT
from utils.i18n import (
    fmt_change,
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    format_time,
    messages,
    normalise_language,
    t,
)
from utils.sheet.contract import TABS
from utils.sheet.regions import REGIONS

KEY_IN_CODE = re.compile(r"""\btn?\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
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
    # Software a server administrator installs, named as its makers name it.
    "Chromium",
    "Chrome",
    "Debian",
    "Ubuntu",
}
ALLOWED_LATIN |= {tab.name for tab in TABS} | {c.name for tab in TABS for c in tab.columns}
ALLOWED_LATIN |= {word for region in REGIONS for word in re.findall(r"[A-Za-z]+", region.name_en)}
QUOTED = re.compile(r"«[^»]*»|`[^`]*`|'[^']*'|\{[^}]*\}|--[a-z-]+|\S+\.(?:md|py|xlsx|csv)\b")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Every language, no empty text, the same placeholders: tests/test_catalogues.py.
@pytest.mark.parametrize("key", sorted(messages()))
def test_russian_and_kyrgyz_are_not_english_copies(key: str) -> None:
    texts = messages()[key]
    for lang in ("ru", "ky"):
        written = texts[lang] if isinstance(texts[lang], tuple) else (texts[lang],)
        stripped = QUOTED.sub("", " ".join(written))
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


# A refresh at 23:30 UTC on 1 March is 05:30 on 2 March in Bishkek (UTC+6, no summer time).
LATE_REFRESH = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "2 Mar 2025, 05:30 (UTC+6)"),
        ("ru", "2 мар. 2025, 05:30 (UTC+6)"),
        ("ky", "2 мар. 2025, 05:30 (UTC+6)"),
    ],
)
def test_a_late_utc_refresh_is_shown_on_the_next_day_in_bishkek(lang: str, expected: str) -> None:
    assert format_time(LATE_REFRESH, lang) == expected
    assert format_time(LATE_REFRESH, lang, date_only=True) == fmt_date(date(2025, 3, 2), lang)


def test_a_naive_moment_is_read_as_utc() -> None:
    assert format_time(LATE_REFRESH.replace(tzinfo=None), "en") == format_time(LATE_REFRESH, "en")
    other = LATE_REFRESH.astimezone(timezone(timedelta(hours=-3)))  # the same moment elsewhere
    assert format_time(other, "en") == "2 Mar 2025, 05:30 (UTC+6)"


def test_a_deployer_time_zone_is_used_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from utils import i18n

    monkeypatch.setattr(i18n, "_display_zone", ZoneInfo("Europe/Berlin"))
    assert format_time(LATE_REFRESH, "en") == "2 Mar 2025, 00:30 (UTC+1)"
    summer = datetime(2025, 7, 1, 21, 59, tzinfo=UTC)  # Berlin keeps summer time
    assert format_time(summer, "en") == "1 Jul 2025, 23:59 (UTC+2)"
    assert format_time(LATE_REFRESH, "en", zone=ZoneInfo("Asia/Kolkata")).endswith(
        "05:00 (UTC+5:30)"
    )
    assert format_time(LATE_REFRESH, "en", zone=ZoneInfo("UTC")) == "1 Mar 2025, 23:30 (UTC)"
    assert format_time(None, "ru") == "—"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "decimals", "expected"),
    [
        (1.23, "percent", "ru", None, "+1,2 п. п."),
        (-2.34, "percent", "en", None, "−2.3 pp"),
        (0.0, "percent", "ky", None, "±0,0 п. п."),
        (1234, "count", "en", None, "+1,234"),
        (-3, "count", "ru", None, "−3"),
        (0.5, "rate", "ru", None, "+0,5"),
        (2.0, "rate", "en", None, "+2"),
        (-1.26, "number", "en", 1, "−1.3"),
        (None, "percent", "ru", None, "—"),
    ],
)
def test_fmt_change_signs_a_change_in_its_unit(
    value: float | None, unit: str, lang: str, decimals: int | None, expected: str
) -> None:
    from utils.i18n import fmt_change

    assert fmt_change(value, unit, lang, decimals) == expected


def test_fmt_change_for_a_metric_uses_the_sign_streamlit_reads() -> None:
    from utils.i18n import fmt_change

    assert fmt_change(-2.34, "percent", "en", 1, for_metric=True) == "-2.3 pp"
    assert fmt_change(1.0, "rate", "ru", 1, for_metric=True) == "+1,0"
    assert fmt_change(0, "count", "en", 0, for_metric=True) == "0"


def test_a_sentence_ending_in_an_abbreviation_has_one_full_stop() -> None:
    change = fmt_change(-2.3, "percent", "ru")
    assert change.endswith("п. п.")
    text = t("access.change_worse", "ru", previous="2025-Q3", before="6,5%", change=change)
    assert text.endswith("−2,3 п. п.") and ".." not in text
    ellipsis = t("access.change_worse", "en", previous="2025-Q3", before="6.5%", change="x...")
    assert "x..." in ellipsis  # an ellipsis is left whole
