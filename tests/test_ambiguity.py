"""No spelling is resolved silently when it fits two units or two allowed values.

Every spelling the gazetteer and the contract accept (and each with the generic words editors
add: "oblast", "region", "city", "г.", "шаары" …) is read through the parser. Each must fit one
unit or value, or be reported at its cell as a warning that names the one chosen. The spellings
that fit two are listed here, so a new one cannot slip in unnoticed.
"""

from __future__ import annotations

from datetime import date

import pytest

from utils.editors import check
from utils.i18n import LANGUAGES
from utils.sheet import parse
from utils.sheet.contract import TABS, Choice, Column, choice_candidates, normalise_label
from utils.sheet.parse import parse_workbook
from utils.sheet.regions import _ALIASES, _CITY_BY_NAME, REGIONS, region_candidates, region_name

TODAY = date(2026, 6, 1)
GENERIC = (
    "{}",
    "{} oblast",
    "{} region",
    "{} city",
    "г. {}",
    "{} область",
    "{} облусу",
    "{} шаары",
)


def _gazetteer_spellings() -> list[str]:
    names: set[str] = set()
    for region in REGIONS:
        names |= {region.key, region.iso, region.name_en, region.name_ru, region.name_ky}
        names |= set(_ALIASES.get(region.key, ()))
    for city_names in _CITY_BY_NAME.values():
        names |= set(city_names)
    return sorted({pattern.format(name) for name in names for pattern in GENERIC})


REGION_SPELLINGS = _gazetteer_spellings()
AMBIGUOUS_REGION_CORES = {"osh", "ош"}
"""The only names that fit two units: Osh (the oblast) and Osh (the city), in either script."""


def _members(region: str) -> dict[str, list[list[object]]]:
    return {"members": [["organisation", "region"], ["Org", region]]}


@pytest.mark.parametrize("spelling", REGION_SPELLINGS)
def test_every_region_spelling_fits_one_unit_or_is_reported(spelling: str) -> None:
    workbook = parse_workbook(_members(spelling), today=TODAY)
    problems = [p for p in workbook.problems if p.tab == "members"]
    keys = region_candidates(spelling)
    if not keys:
        assert [(p.cell, p.code) for p in problems] == [("B2", "unknown_region")]
    elif len(keys) == 1:
        assert problems == [], f"{spelling!r} fits one unit and needs no word"
        assert workbook["members"]["region"].tolist() == [keys[0]]
    else:
        (problem,) = problems
        assert (problem.cell, problem.code, problem.severity) == (
            "B2",
            "ambiguous_region",
            "warning",
        )
        assert workbook["members"]["region"].tolist() == [keys[0]], "the documented choice"
        for lang in LANGUAGES:
            text = check.expected_text(problem, lang)
            for key in keys:
                assert region_name(key, lang) in text, (spelling, lang, key)


def test_the_ambiguous_region_spellings_are_exactly_the_known_ones() -> None:
    ambiguous = [s for s in REGION_SPELLINGS if len(region_candidates(s)) > 1]
    assert ambiguous, "a bare 'Osh' fits the oblast and the city"
    cores = {
        normalise_label(s).replace("region", "").replace("регион", "").strip() for s in ambiguous
    }
    assert cores <= AMBIGUOUS_REGION_CORES, f"new ambiguous region spellings: {sorted(ambiguous)}"
    assert all(region_candidates(s) == ("KG-O", "KG-GO") for s in ambiguous)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_names_offered_instead_each_fit_one_unit(lang: str) -> None:
    for region in REGIONS:
        assert region_candidates(region_name(region.key, lang)) == (region.key,)


def _enum_columns() -> list[tuple[str, Column]]:
    seen: set[tuple[Choice, ...]] = set()
    out = []
    for tab in TABS:
        for column in tab.columns:
            if column.choices and column.choices not in seen:
                seen.add(column.choices)
                out.append((tab.name, column))
    return out


ENUM_SPELLINGS = [
    pytest.param(tab, column, spelling, id=f"{tab}.{column.name}:{spelling}")
    for tab, column in _enum_columns()
    for choice in column.choices
    for spelling in sorted({choice.key, choice.en, choice.ru, choice.ky, *choice.aliases})
]


@pytest.mark.parametrize(("tab", "column", "spelling"), ENUM_SPELLINGS)
def test_every_allowed_value_spelling_fits_one_value_or_is_reported(
    tab: str, column: Column, spelling: str
) -> None:
    keys = choice_candidates(column, spelling)
    assert keys, f"{spelling!r} is listed but not accepted"
    read = parse._reader(column)(spelling)
    assert read.value == keys[0]
    assert read.warning == ("ambiguous_choice" if len(keys) > 1 else None)


def test_no_allowed_value_spelling_fits_two_values_today() -> None:
    shared = [
        (tab, column.name, spelling)
        for tab, column in _enum_columns()
        for choice in column.choices
        for spelling in (choice.key, choice.en, choice.ru, choice.ky, *choice.aliases)
        if len(choice_candidates(column, spelling)) > 1
    ]
    assert shared == [], f"spellings shared by two allowed values: {shared}"


def test_a_spelling_two_values_share_would_be_reported_at_its_cell() -> None:
    column = Column(
        "status",
        "enum",
        "",
        "",
        choices=(
            Choice("closed", "Closed", "Закрыто", "Жабык", aliases=("finished",)),
            Choice("done", "Done", "Выполнено", "Аткарылды", aliases=("Finished",)),
        ),
    )
    read = parse._reader(column)(" FINISHED ")
    assert (read.value, read.warning) == ("closed", "ambiguous_choice")
    assert "read as Closed; it also fits Done" in parse._explain(column, " FINISHED ", read)


@pytest.mark.parametrize(
    ("lang", "names"),
    [("en", "“On track” / “Done”"), ("ru", "«По плану» / «Выполнено»"), ("ky", "«Пландагыдай»")],
)
def test_the_warning_for_a_shared_spelling_names_every_value_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, names: str
) -> None:
    monkeypatch.setattr(check, "choice_candidates", lambda column, text: ("on_track", "done"))
    problem = parse.Problem(
        "milestones", 2, "status", "I2", "ok", "ambiguous_choice", "read as On track", "warning"
    )
    text = check.expected_text(problem, lang)
    assert names in text and text != problem.expected
