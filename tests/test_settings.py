"""Deployer settings for what people read: the time zone and the links into the sheet."""

from __future__ import annotations

import pytest

from utils.sources.base import SourceConfigError
from utils.store.settings import read_settings


def test_defaults_are_bishkek_time_and_no_sheet_links() -> None:
    settings = read_settings({}, {})
    assert settings.timezone == "Asia/Bishkek"
    assert settings.sheet_links is False


@pytest.mark.parametrize(
    ("secrets", "environ", "expected"),
    [
        ({"app": {"timezone": "Asia/Almaty"}}, {}, "Asia/Almaty"),
        ({"app": {"timezone": " Europe/Berlin "}}, {}, "Europe/Berlin"),
        ({"app": {"timezone": "Asia/Almaty"}}, {"UV_TIMEZONE": "UTC"}, "UTC"),  # env wins
        ({"app": {"timezone": ""}}, {}, "Asia/Bishkek"),
    ],
)
def test_a_deployer_time_zone(secrets: dict, environ: dict, expected: str) -> None:
    assert read_settings(secrets, environ).timezone == expected


@pytest.mark.parametrize("zone", ["Mars/Olympus", "+06:00", "../../etc/passwd", "Bishkek"])
def test_a_time_zone_that_does_not_exist_is_refused_in_plain_words(zone: str) -> None:
    with pytest.raises(SourceConfigError) as caught:
        read_settings({"app": {"timezone": zone}}, {})
    assert "time zone" in caught.value.user_message and "Asia/Bishkek" in caught.value.user_message


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (False, False), ("true", True), ("no", False)]
)
def test_sheet_links(value: object, expected: bool) -> None:
    assert read_settings({"app": {"sheet_links": value}}, {}).sheet_links is expected


def test_sheet_links_must_be_true_or_false() -> None:
    with pytest.raises(SourceConfigError):
        read_settings({"app": {"sheet_links": "maybe"}}, {})
