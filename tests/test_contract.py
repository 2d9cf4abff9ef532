"""The contract is consistent: one meaning per header spelling and per value spelling."""

from __future__ import annotations

import pytest

from utils.sheet.contract import (
    COMMUNITIES,
    MILESTONE_STATUSES,
    TABS,
    a1,
    column_letter,
    header_lookup,
    match_choice,
    match_tab,
    normalise_label,
)


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.name)
def test_no_header_spelling_means_two_columns(tab) -> None:
    seen: dict[str, str] = {}
    for col in tab.columns:
        for spelling in (col.name, *col.aliases):
            label = normalise_label(spelling)
            assert seen.setdefault(label, col.name) == col.name, (
                f"{tab.name}: '{spelling}' is ambiguous"
            )
    assert len(header_lookup(tab)) == len(seen)


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.name)
def test_every_column_is_documented_in_english_and_russian(tab) -> None:
    for col in tab.columns:
        assert col.help_en and col.help_ru, f"{tab.name}.{col.name} lacks help"
        assert (col.kind == "enum") == bool(col.choices), (
            f"{tab.name}.{col.name}: enum without choices"
        )
    assert set(tab.unique_key) <= set(tab.column_names)


@pytest.mark.parametrize(
    "choices", [COMMUNITIES, MILESTONE_STATUSES], ids=["communities", "statuses"]
)
def test_no_value_spelling_means_two_choices(choices) -> None:
    seen: dict[str, str] = {}
    for choice in choices:
        for spelling in (choice.key, choice.en, choice.ru, choice.ky, *choice.aliases):
            label = normalise_label(spelling)
            assert seen.setdefault(label, choice.key) == choice.key, f"'{spelling}' is ambiguous"


@pytest.mark.parametrize(
    ("tab", "column", "written", "key"),
    [
        ("indicators", "community", "ЛУИН", "pwid"),
        ("indicators", "community", "  Sex workers ", "sw"),
        ("indicators", "community", "МСМ", "msm"),
        ("milestones", "status", "Отстает", "delayed"),
        ("milestones", "status", "ON TRACK", "on_track"),
        ("milestones", "status", "аткарылды", "done"),
        ("indicators", "community", "martians", None),
    ],
)
def test_values_are_matched_in_any_language_and_case(
    tab: str, column: str, written: str, key: str | None
) -> None:
    col = next(t for t in TABS if t.name == tab).column(column)
    assert match_choice(col, written) == key


@pytest.mark.parametrize(
    ("title", "tab"),
    [
        ("indicators", "indicators"),
        (" Показатели ", "indicators"),
        ("CATALOG", "catalog"),
        ("Голоса", "votes"),
        ("Sheet1", None),
    ],
)
def test_tabs_are_found_by_any_of_their_names(title: str, tab: str | None) -> None:
    found = match_tab(title)
    assert (found.name if found else None) == tab


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_a1_reference() -> None:
    assert a1(12, 4) == "E12"
