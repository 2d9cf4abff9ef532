"""The messages about the data source hold together, in Russian, Kyrgyz and English.

Each failure reason has one cause sentence; the stale banner says what still works and when the
next try is (Bishkek time, and "in 4 minutes"); the cold-start page never promises a saved copy
it does not have; a passing outage never sends anyone to the settings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import ROOT
from utils.i18n import LANGUAGES, t
from utils.store.refresh import Failure
from utils.views import freshness

NOW = datetime(2025, 3, 1, 14, 14, tzinfo=UTC)  # 20:14 in Bishkek
NEXT = NOW + timedelta(minutes=4)  # 20:18 in Bishkek
SAVED = NOW - timedelta(hours=3)  # 17:14 in Bishkek
DETAIL = "The sheet is not shared with the service account reader@uv.iam.gserviceaccount.com."

REASONS = sorted(freshness.KNOWN)
IN_FOUR_MINUTES = {"en": "in 4 minutes", "ru": "через 4 минуты", "ky": "4 мүнөттөн кийин"}
THREE_HOURS_AGO = {"en": "3 hours ago", "ru": "3 часа назад", "ky": "3 саат мурун"}
STILL_WORKS = {
    "en": "every page works from it",
    "ru": "все страницы работают с ней",
    "ky": "бардык барактар аны менен иштейт",
}
SAVED_COPY_SHOWN = {"en": "last good copy", "ru": "исправная копия", "ky": "туура көчүрмө"}
SETTINGS = {"en": "settings", "ru": "настройк", "ky": "жөндөө"}
NEXT_TRY = {"en": "Next try", "ru": "Следующая попытка", "ky": "Кийинки аракет"}


def failure(reason: str, next_try_at: datetime | None = NEXT) -> Failure:
    return Failure(reason, DETAIL, NOW, next_try_at)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", REASONS)
def test_the_stale_banner_names_the_cause_what_works_and_the_next_try(
    reason: str, lang: str
) -> None:
    text = freshness.stale_banner(failure(reason), SAVED, reading=False, now=NOW, lang=lang)
    assert t(f"source.cause.{reason}", lang) in text
    assert STILL_WORKS[lang] in text and THREE_HOURS_AGO[lang] in text
    assert "17:14 (UTC+6)" in text, "saved at, in Bishkek time"
    assert f"{NEXT_TRY[lang]} {IN_FOUR_MINUTES[lang]}: " in text
    assert "1 мар. 2025, 20:18 (UTC+6)" in text or "1 Mar 2025, 20:18 (UTC+6)" in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", REASONS)
def test_the_cold_start_page_promises_no_saved_copy(reason: str, lang: str) -> None:
    text = freshness.no_data(failure(reason), reading=False, waited=12, now=NOW, lang=lang)
    assert text.startswith(t("source.no_data_none", lang).rstrip("."))
    assert t(f"source.cause.{reason}", lang) in text
    assert SAVED_COPY_SHOWN[lang] not in text and STILL_WORKS[lang] not in text
    assert f"{NEXT_TRY[lang]} {IN_FOUR_MINUTES[lang]}: " in text and "20:18 (UTC+6)" in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", sorted(freshness.PASSING))
def test_a_passing_outage_sends_nobody_to_the_settings(reason: str, lang: str) -> None:
    for text in (
        freshness.stale_banner(failure(reason), SAVED, reading=False, now=NOW, lang=lang),
        freshness.no_data(failure(reason), reading=False, waited=12, now=NOW, lang=lang),
    ):
        assert SETTINGS[lang] not in text.lower()
        assert t("source.action.passing", lang) in text
        assert DETAIL not in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", sorted(freshness.MAINTAINER | freshness.EDITOR))
def test_a_failure_someone_must_fix_says_who_and_gives_the_details(reason: str, lang: str) -> None:
    text = freshness.no_data(failure(reason), reading=False, waited=12, now=NOW, lang=lang)
    assert DETAIL in text
    who = "maintainer" if reason in freshness.MAINTAINER else "editor"
    assert t(f"source.action.{who}", lang, detail=DETAIL) in text


def test_each_reason_has_its_own_cause_in_every_language() -> None:
    for lang in LANGUAGES:
        causes = [t(f"source.cause.{reason}", lang) for reason in REASONS]
        assert len(set(causes)) == len(causes), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_try_under_way_is_said_instead_of_a_time(lang: str) -> None:
    text = freshness.stale_banner(failure("timeout"), SAVED, reading=True, now=NOW, lang=lang)
    assert t("source.next.reading", lang) in text and "20:18" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_next_try_late_at_night_is_the_next_day_in_bishkek(lang: str) -> None:
    late = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
    text = freshness.next_try(
        failure("quota", late), reading=False, now=late - timedelta(minutes=4), lang=lang
    )
    assert "2 мар. 2025, 05:30 (UTC+6)" in text or "2 Mar 2025, 05:30 (UTC+6)" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unusable_settings_say_a_restart_is_needed(lang: str) -> None:
    text = freshness.no_data(
        Failure("config", "No Google Sheet is configured."),
        reading=False,
        waited=12,
        now=NOW,
        lang=lang,
    )
    assert t("source.next.restart", lang) in text and NEXT_TRY[lang] not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_cold_start_still_reading_says_how_long_and_what_happens_next(lang: str) -> None:
    text = freshness.no_data(None, reading=True, waited=12, now=NOW, lang=lang)
    assert {"en": "12 seconds", "ru": "12 секунд", "ky": "12 секунд"}[lang] in text
    assert SAVED_COPY_SHOWN[lang] not in text


def test_sources_give_the_cause_only() -> None:
    """What still works and when the next try is are said by the page, not by the source."""
    for name in ("gsheets.py", "published.py"):
        code = Path(ROOT / "utils" / "sources" / name).read_text(encoding="utf-8")
        assert "last good" not in code and "will try again" not in code, name
