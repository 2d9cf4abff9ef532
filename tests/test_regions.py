"""The gazetteer: every spelling editors and boundary files use resolves to one key."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import shared_fixture
from utils.sheet.regions import (
    CITY_KEYS,
    NATIONAL_KEY,
    OBLAST_KEYS,
    REGIONS,
    SUBNATIONAL_KEYS,
    allowed_region_spellings,
    get_region,
    region_name,
    resolve_region,
)

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"

# (spelling, key): names in three languages, transliterations, codes, file quirks.
SPELLINGS: list[tuple[str, str]] = [
    # Batken
    ("Batken", "KG-B"), ("Баткен", "KG-B"), ("Баткенская область", "KG-B"),
    ("Баткен облусу", "KG-B"), ("KG-B", "KG-B"), ("KG05000000000", "KG-B"), ("41705", "KG-B"),
    # Chuy
    ("Chuy", "KG-C"), ("Chüy", "KG-C"), ("Chui", "KG-C"), ("Chu", "KG-C"), ("Чуй", "KG-C"),
    ("Чүй", "KG-C"), ("Чуйская", "KG-C"), ("Чуйская область", "KG-C"), ("Чүй облусу", "KG-C"),
    ("KG-C", "KG-C"), ("KG08000000000", "KG-C"), ("41708", "KG-C"),
    # Issyk-Kul
    ("Issyk-Kul", "KG-Y"), ("Issyk Kul", "KG-Y"), ("Ysyk-Köl", "KG-Y"), ("Yssyk-Kul", "KG-Y"),
    ("Ysyk-Kol", "KG-Y"), ("Issyk-Kol", "KG-Y"), ("Ysyk-Kul", "KG-Y"), ("Иссык-Куль", "KG-Y"),
    ("Иссык-Кульская область", "KG-Y"), ("Иссык-Кульска", "KG-Y"), ("Ысык-Көл", "KG-Y"),
    ("Ысык-Көл облусу", "KG-Y"), ("Ыссык-Куль", "KG-Y"), ("KG-Y", "KG-Y"),
    ("KG02000000000", "KG-Y"), ("41702", "KG-Y"),
    # Jalal-Abad
    ("Jalal-Abad", "KG-J"), ("Djalal-Abad", "KG-J"), ("Jalalabat", "KG-J"),
    ("Dzhalal-Abad", "KG-J"), ("Zhalal-Abad", "KG-J"), ("Джалал-Абадская область", "KG-J"),
    ("Джалал-Абадск", "KG-J"), ("Жалал-Абад облусу", "KG-J"), ("Жалалабат", "KG-J"),
    ("KG-J", "KG-J"), ("KG03000000000", "KG-J"), ("41703", "KG-J"),
    # Naryn
    ("Naryn", "KG-N"), ("Нарын", "KG-N"), ("Нарынская область", "KG-N"), ("Нарынскак", "KG-N"),
    ("Нарын облусу", "KG-N"), ("KG-N", "KG-N"), ("KG04000000000", "KG-N"), ("41704", "KG-N"),
    # Osh oblast: a bare "Osh" is the oblast (documented decision)
    ("Osh", "KG-O"), ("Ош", "KG-O"), ("Osh oblast", "KG-O"), ("Ошская область", "KG-O"),
    ("Ошская", "KG-O"), ("Ош облусу", "KG-O"), ("KG-O", "KG-O"), ("KG06000000000", "KG-O"),
    ("41706", "KG-O"), ("Osh region", "KG-O"),
    # Talas
    ("Talas", "KG-T"), ("Талас", "KG-T"), ("Таласская область", "KG-T"), ("Талас облусу", "KG-T"),
    ("KG-T", "KG-T"), ("KG07000000000", "KG-T"), ("41707", "KG-T"),
    # Bishkek
    ("Bishkek", "KG-GB"), ("Bishkek city", "KG-GB"), ("Бишкек", "KG-GB"), ("г. Бишкек", "KG-GB"),
    ("город Бишкек", "KG-GB"), ("Бишкек шаары", "KG-GB"), ("KG-GB", "KG-GB"),
    ("KG11000000000", "KG-GB"), ("41711", "KG-GB"),
    # Osh city: only with a city word
    ("Osh city", "KG-GO"), ("Osh (city)", "KG-GO"), ("г. Ош", "KG-GO"), ("г.Ош", "KG-GO"),
    ("город Ош", "KG-GO"), ("Ош шаары", "KG-GO"), ("KG-GO", "KG-GO"),
    ("KG21000000000", "KG-GO"), ("41721", "KG-GO"),
    # National
    ("National", "KG"), ("Национальный", "KG"), ("Кыргызстан", "KG"), ("Kyrgyzstan", "KG"),
    ("Республика", "KG"), ("Total", "KG"), ("Всего", "KG"), ("Бардыгы", "KG"), ("KG", "KG"),
    ("Кыргызская Республика", "KG"),
]  # fmt: skip

UNKNOWN: list[object] = [
    "", "   ", "\u00a0", "Frunze", "Atlantis", "Karakol", "Naryn city", "Talas city",
    "Bishkek oblast", "Osh city oblast", "oblast", "г.", "KG-X", "41799", "KG09000000000",
    "Chuy2", None, float("nan"), 3.5, True, object(), ["Chuy"],
]  # fmt: skip


@pytest.mark.parametrize(("spelling", "key"), SPELLINGS)
def test_every_listed_spelling_resolves(spelling: str, key: str) -> None:
    assert resolve_region(spelling) == key


def _variants(spelling: str) -> list[str]:
    """Case, stray spaces, NBSP and dash variants that editors produce."""
    return [
        spelling.upper(),
        spelling.lower(),
        f"  {spelling}\t",
        spelling.replace(" ", "\u00a0"),
        spelling.replace(" ", "   "),
        spelling.replace("-", " "),
        spelling.replace("-", "–"),
        spelling.replace("-", ""),
        spelling.replace("-", " - "),
    ]


@pytest.mark.parametrize(("spelling", "key"), SPELLINGS)
def test_case_space_and_dash_variants_resolve(spelling: str, key: str) -> None:
    for variant in _variants(spelling):
        assert resolve_region(variant) == key, variant


@pytest.mark.parametrize("key", OBLAST_KEYS)
@pytest.mark.parametrize(
    "suffix", [" oblast", " Oblast", " obl.", " region", " область", " обл.", " облусу"]
)
def test_oblast_words_are_ignored(key: str, suffix: str) -> None:
    for lang in ("en", "ru", "ky"):
        # Strip the name's own oblast word first ("Ошская область" -> "Ошская").
        base = region_name(key, lang).split(" обл")[0].removesuffix(" oblast")
        assert resolve_region(base + suffix) == key, base + suffix


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Osh", "KG-O"),
        ("Ош", "KG-O"),
        ("OSH", "KG-O"),
        ("Osh oblast", "KG-O"),
        ("Ошская обл.", "KG-O"),
        ("Osh city", "KG-GO"),
        ("OSH CITY", "KG-GO"),
        ("г. Ош", "KG-GO"),
        ("г Ош", "KG-GO"),
        ("Ош шаары", "KG-GO"),
        ("город Ош", "KG-GO"),
        ("Город\u00a0Ош", "KG-GO"),
        ("Ош ш.", "KG-GO"),
    ],
)
def test_osh_ambiguity_bare_name_is_the_oblast(spelling: str, key: str) -> None:
    assert resolve_region(spelling) == key


@pytest.mark.parametrize(
    ("spelling", "key"),
    [("Баткён", "KG-B"), ("Чуйская область", "KG-C"), ("ЧУЙСКАЯ\u00a0ОБЛАСТЬ", "KG-C")],
)
def test_yo_and_nbsp_fold(spelling: str, key: str) -> None:
    assert resolve_region(spelling) == key


@pytest.mark.parametrize(
    "value", UNKNOWN, ids=lambda v: type(v).__name__ if type(v) is object else repr(v)
)
def test_unknown_is_none(value: object) -> None:
    assert resolve_region(value) is None


@pytest.mark.parametrize(
    ("value", "key"),
    [(41702, "KG-Y"), (41702.0, "KG-Y"), (np.int64(41708), "KG-C"), (np.float64(41711), "KG-GB")],
)
def test_numeric_codes_from_a_spreadsheet(value: object, key: str) -> None:
    assert resolve_region(value) == key


def test_keys_and_groups() -> None:
    assert [r.key for r in REGIONS] == [
        "KG-B", "KG-C", "KG-Y", "KG-J", "KG-N", "KG-O", "KG-T", "KG-GB", "KG-GO", "KG",
    ]  # fmt: skip
    # the groups are the table's rows by kind, not a second list that could drift from it
    assert tuple(r.key for r in REGIONS if r.kind == "oblast") == OBLAST_KEYS
    assert tuple(r.key for r in REGIONS if r.kind == "city") == CITY_KEYS
    assert SUBNATIONAL_KEYS == OBLAST_KEYS + CITY_KEYS
    assert [r.key for r in REGIONS if r.kind == "national"] == [NATIONAL_KEY]
    assert get_region("KG-GB").parent == "KG-C"
    assert get_region("KG-GO").parent == "KG-O"
    assert all(get_region(k).parent is None for k in OBLAST_KEYS)
    assert {get_region(k).kind for k in OBLAST_KEYS} == {"oblast"}
    assert get_region("KG").kind == "national"
    assert (get_region("KG-GB").lon, get_region("KG-GB").lat) == (74.60, 42.87)
    assert (get_region("KG-GO").lon, get_region("KG-GO").lat) == (72.80, 40.53)


OFFICIAL = {
    "KG-B": ("Баткенская область", "Баткен облусу"),
    "KG-C": ("Чуйская область", "Чүй облусу"),
    "KG-Y": ("Иссык-Кульская область", "Ысык-Көл облусу"),
    "KG-J": ("Джалал-Абадская область", "Жалал-Абад облусу"),
    "KG-N": ("Нарынская область", "Нарын облусу"),
    "KG-O": ("Ошская область", "Ош облусу"),
    "KG-T": ("Таласская область", "Талас облусу"),
    "KG-GB": ("г. Бишкек", "Бишкек шаары"),
    "KG-GO": ("г. Ош", "Ош шаары"),
}


@pytest.mark.parametrize(("key", "names"), OFFICIAL.items())
def test_official_names(key: str, names: tuple[str, str]) -> None:
    assert region_name(key, "ru") == names[0]
    assert region_name(key, "ky") == names[1]
    assert region_name(key, "ru-RU") == names[0]


def test_region_name_rejects_unknown_language_and_key() -> None:
    with pytest.raises(ValueError):
        region_name("KG-C", "de")
    with pytest.raises(KeyError):
        region_name("KG-X", "en")


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_allowed_spellings_round_trip(lang: str) -> None:
    spellings = allowed_region_spellings(lang)
    assert [resolve_region(s) for s in spellings] == [r.key for r in REGIONS]
    assert len(set(spellings)) == len(spellings)


def test_every_region_name_resolves_to_itself() -> None:
    for region in REGIONS:
        for lang in ("en", "ru", "ky"):
            assert resolve_region(region_name(region.key, lang)) == region.key


def _fixture(name: str) -> Path:
    """A boundary file from ../shared/fixtures (skipped when absent, failing under CI)."""
    return shared_fixture("boundaries", name)


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Even-odd point-in-ring test."""
    inside = False
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def test_centroids_lie_inside_their_oblast_and_cities_inside_their_parent() -> None:
    data = json.loads(_fixture("kgz_adm1_wfp_prism.geojson").read_text(encoding="utf-8"))
    shapes = {resolve_region(f["properties"]["Adm1_EN"]): f["geometry"] for f in data["features"]}
    for key in SUBNATIONAL_KEYS:
        region = get_region(key)
        owner = region.parent or key
        polygons = shapes[owner]["coordinates"]
        assert any(
            _inside(region.lon, region.lat, poly[0])
            and not any(_inside(region.lon, region.lat, hole) for hole in poly[1:])
            for poly in polygons
        ), key
    assert not math.isnan(get_region("KG").lon)
