"""The caching layer: one build per (read, role, arguments) for the whole server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from data.make_sample import build_sample
from utils.sheet.parse import Workbook, parse_workbook
from utils.web import cache

CALLS: list[tuple] = []


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()


def build(workbook: Workbook, filters: Filters, *, lang: str, today: date) -> tuple:
    """A stand-in view builder that records each time it really runs."""
    CALLS.append((workbook.serial, filters, lang, today))
    return (workbook.serial, filters.regions, lang)


def empty() -> Workbook:
    return Workbook(frames={}, problems=(), stats={})


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    CALLS.clear()


def test_the_same_view_is_built_once_and_shared() -> None:
    book = empty()
    args = dict(lang="ru", today=date(2026, 12, 3))
    first = cache.view(build, book, "viewer", Filters(("KG-C",)), **args)
    again = cache.view(build, book, "viewer", Filters(("KG-C",)), **args)
    assert first is again  # the very same object: no copy per viewer
    assert len(CALLS) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"filters": Filters(("KG-O",))},
        {"lang": "ky"},
        {"today": date(2026, 12, 4)},
        {"role": "public"},
    ],
)
def test_any_input_that_changes_the_view_builds_it_again(change: dict) -> None:
    book = empty()
    base = {"filters": Filters(("KG-C",)), "lang": "ru", "today": date(2026, 12, 3)}
    cache.view(build, book, "viewer", base["filters"], lang=base["lang"], today=base["today"])
    call = {**base, "role": "viewer", **change}
    cache.view(build, book, call["role"], call["filters"], lang=call["lang"], today=call["today"])
    assert len(CALLS) == 2


def test_a_new_read_never_gets_the_old_reads_view() -> None:
    old, new = empty(), empty()
    assert old.serial != new.serial
    assert cache.view(build, old, "viewer", Filters(), lang="en", today=date(2026, 1, 1))[0] == (
        old.serial
    )
    assert cache.view(build, new, "viewer", Filters(), lang="en", today=date(2026, 1, 1))[0] == (
        new.serial
    )


def test_an_unhashable_argument_is_refused_not_silently_missed() -> None:
    with pytest.raises(TypeError):
        cache.view(build, empty(), "viewer", ["KG-C"], lang="en", today=date(2026, 1, 1))
    with pytest.raises(TypeError):
        cache.view(build, empty(), "viewer", (["KG-C"],), lang="en", today=date(2026, 1, 1))


def test_the_public_cut_is_made_once_per_read_and_keeps_its_serial() -> None:
    book = parse_workbook(build_sample(), today=date(2026, 11, 27))
    cut = cache.workbook_for("public", book)
    assert cache.workbook_for("public", book) is cut
    assert cut.serial == book.serial
    assert cut["milestones"].empty and not book["milestones"].empty


def test_work_ahead_runs_once_per_read_in_the_background() -> None:
    book = empty()
    first = cache.ahead(
        build, book, "viewer", Filters(("KG-C",)), lang="ru", today=date(2026, 1, 1)
    )
    again = cache.ahead(
        build, book, "viewer", Filters(("KG-C",)), lang="ru", today=date(2026, 1, 1)
    )
    assert first is again and first.daemon
    first.join(timeout=10)
    assert len(CALLS) == 1
    later = cache.ahead(
        build, empty(), "viewer", Filters(("KG-C",)), lang="ru", today=date(2026, 1, 1)
    )
    later.join(timeout=10)
    assert later is not first and len(CALLS) == 2  # a new read: its own work


def test_work_ahead_that_fails_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(workbook: Workbook) -> None:
        raise RuntimeError("a builder bug")

    cache.ahead(broken, empty(), "viewer").join(timeout=10)
    assert "building ahead failed" in caplog.text
