"""Region gazetteer: the nine first-level units of Kyrgyzstan plus "National".

Every spelling that editors type into the sheet or that boundary files carry (English,
Russian, Kyrgyz, transliterations, ISO 3166-2 codes, OCHA COD P-codes, SOATE codes, the
truncated names of the WFP PRISM file) resolves to one key: the ISO code ("KG-C", ...,
"KG" for national).

Normalisation before lookup (and nothing fuzzier): Unicode NFKC (so NBSP and other odd
spaces become spaces), case folding, ё→е, Kyrgyz ү/ө/ң→у/о/н, Latin diacritics dropped
(Chüy→Chuy, Köl→Kol), hyphens/dashes/dots/underscores/brackets/spaces ignored, and the
words "oblast"/"obl."/"region"/"область"/"обл."/"облусу" and "city"/"город"/"г."/
"шаары" removed.

"Osh" is ambiguous (oblast and city). Decision: a bare "Osh"/"Ош" (or "Osh region") is read
as the oblast (KG-O), because the oblast is the larger unit and the one boundary files name
"Osh"; but it is never chosen silently: ``region_candidates`` names both units, and the parser
warns at the cell. "Ошская" and any oblast word say the oblast; only a spelling that says
"city" ("Osh city", "г. Ош", "город Ош", "Ош шаары") is the city (KG-GO).
A city word on a name that has no first-level city ("Naryn city") resolves to None: the
town of Naryn is not a first-level unit, and mapping it to the oblast would be a guess.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

RegionKind = Literal["oblast", "city", "national"]


@dataclass(frozen=True)
class Region:
    """One unit of the gazetteer: its key, names and marker position.

    ``name_ru`` and ``name_ky`` are spellings the parser accepts and the first drafts of the
    catalogue entries ``contract.region.<key>``, whose texts are the ones shown.
    """

    key: str
    iso: str
    name_en: str
    name_ru: str
    name_ky: str
    lon: float
    lat: float
    kind: RegionKind
    parent: str | None = None


# Centroids are points *inside* each oblast (checked against the WFP PRISM polygons in
# tests), moved away from the two city markers so labels do not collide.
# fmt: off
REGIONS: tuple[Region, ...] = (
    Region("KG-B", "KG-B", "Batken", "Баткенская область", "Баткен облусу",
           70.90, 39.95, "oblast"),
    Region("KG-C", "KG-C", "Chuy", "Чуйская область", "Чүй облусу",
           75.20, 42.55, "oblast"),
    Region("KG-Y", "KG-Y", "Issyk-Kul", "Иссык-Кульская область", "Ысык-Көл облусу",
           78.00, 42.05, "oblast"),
    Region("KG-J", "KG-J", "Jalal-Abad", "Джалал-Абадская область", "Жалал-Абад облусу",
           72.40, 41.55, "oblast"),
    Region("KG-N", "KG-N", "Naryn", "Нарынская область", "Нарын облусу",
           75.60, 41.35, "oblast"),
    Region("KG-O", "KG-O", "Osh oblast", "Ошская область", "Ош облусу",
           73.50, 39.95, "oblast"),
    Region("KG-T", "KG-T", "Talas", "Таласская область", "Талас облусу",
           72.30, 42.40, "oblast"),
    Region("KG-GB", "KG-GB", "Bishkek city", "г. Бишкек", "Бишкек шаары",
           74.60, 42.87, "city", parent="KG-C"),
    Region("KG-GO", "KG-GO", "Osh city", "г. Ош", "Ош шаары",
           72.80, 40.53, "city", parent="KG-O"),
    Region("KG", "KG", "National", "Национальный уровень", "Улуттук деңгээл",
           74.50, 41.30, "national"),
)
# fmt: on

NATIONAL_KEY = "KG"
_BY_KEY: dict[str, Region] = {r.key: r for r in REGIONS}

OBLAST_KEYS: tuple[str, ...] = tuple(r.key for r in REGIONS if r.kind == "oblast")
CITY_KEYS: tuple[str, ...] = tuple(r.key for r in REGIONS if r.kind == "city")
SUBNATIONAL_KEYS: tuple[str, ...] = OBLAST_KEYS + CITY_KEYS

# Spellings per key, written as people write them; they are normalised when the lookup
# table is built, so "Issyk-Kul" also covers "issyk kul", "ISSYK–KUL", "Issyk-Kul oblast".
# Codes: COD-AB P-codes (KG02000000000), SOATE as in the WFP file (41702) and in full
# (41702000000000). Names of the WFP file: "Иссык-Кульска"/"Джалал-Абадск" (cut to 13
# characters) and the typo "Нарынскак" are listed on purpose.
# fmt: off
_ALIASES: dict[str, tuple[str, ...]] = {
    "KG-B": ("Batken", "Баткен", "Баткенская", "Batkenskaya", "Batkenskaja",
             "KG05000000000", "41705", "41705000000000"),
    "KG-C": ("Chuy", "Chüy", "Chui", "Chu", "Chuiskaya", "Chuyskaya", "Chuyskaja",
             "Чуй", "Чүй", "Чуйская",
             "KG08000000000", "41708", "41708000000000"),
    "KG-Y": ("Issyk-Kul", "Issyk Kul", "Ysyk-Köl", "Ysyk-Kol", "Ysyk-Kul", "Yssyk-Kul",
             "Yssyk-Köl", "Issyk-Köl", "Issyk-Kol", "Issyk-Kulskaya", "Issyk-Kul'skaya",
             "Иссык-Куль", "Иссык-Кульская", "Иссык-Кульска", "Ысык-Көл", "Ыссык-Көл",
             "Ыссык-Куль",
             "KG02000000000", "41702", "41702000000000"),
    "KG-J": ("Jalal-Abad", "Djalal-Abad", "Dzhalal-Abad", "Zhalal-Abad", "Jalalabat",
             "Jalal-Abat", "Djalalabat", "Zhalalabat", "Jalal-Abadskaya", "Djalal-Abadskaya",
             "Dzhalal-Abadskaya",
             "Джалал-Абад", "Джалал-Абадская", "Джалал-Абадск", "Жалал-Абад", "Жалалабат",
             "KG03000000000", "41703", "41703000000000"),
    "KG-N": ("Naryn", "Нарын", "Нарынская", "Нарынскак", "Narynskaya", "Narynskaja",
             "KG04000000000", "41704", "41704000000000"),
    "KG-O": ("Osh", "Ош", "Ошская", "Oshskaya", "Oshskaja",
             "KG06000000000", "41706", "41706000000000"),
    "KG-T": ("Talas", "Талас", "Таласская", "Talasskaya", "Talasskaja",
             "KG07000000000", "41707", "41707000000000"),
    "KG-GB": ("Bishkek", "Бишкек",
              "KG11000000000", "41711", "41711000000000"),
    "KG-GO": ("KG21000000000", "41721", "41721000000000"),
    "KG": ("National", "Nationwide", "Kyrgyzstan", "Kyrgyz Republic", "Total", "KGZ",
           "Национальный", "Национальный уровень", "Кыргызстан", "Киргизия",
           "Кыргызская Республика", "Республика", "Всего", "Итого",
           "Кыргыз Республикасы", "Бардыгы", "Жалпы", "Улуттук", "Улуттук деңгээл"),
}
# fmt: on

# Only these two names take a city word; everything else with "city" is not first-level.
_CITY_BY_NAME: dict[str, tuple[str, ...]] = {
    "KG-GB": ("Bishkek", "Бишкек"),
    "KG-GO": ("Osh", "Ош"),
}

# Words dropped wherever they occur. Oblast words mark the spelling as an oblast and city
# words as a city; "region" says neither (geoBoundaries writes "Naryn Region", and some
# people say "Bishkek region" for the city's unit).
_OBLAST_WORDS = frozenset(
    {"oblast", "oblasty", "obl", "oblusu", "province", "область", "обл", "облусу"}
)
_NEUTRAL_WORDS = frozenset({"region", "регион"})
_CITY_WORDS = frozenset(
    {"city", "town", "gorod", "shaary", "shaar", "город", "гор", "г", "шаары", "шаар", "ш"}
)

_GENERIC_WORDS = _OBLAST_WORDS | _CITY_WORDS | _NEUTRAL_WORDS

_FOLD = str.maketrans({"ё": "е", "ү": "у", "ө": "о", "ң": "н", "ʼ": "", "'": "", "’": "", "`": ""})
# Hyphens, dashes, minus, dots, underscores, slashes, brackets, commas: all separators.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_.,/()\[\]]+")


def _fold_latin(text: str) -> str:
    """Drop diacritics from Latin letters only (Cyrillic й must stay й)."""
    out: list[str] = []
    for ch in text:
        if "\u00c0" <= ch <= "\u024f":
            ch = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
        out.append(ch)
    return "".join(out)


def _tokens(text: str) -> list[str]:
    """Normalise a spelling and split it into words."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    text = _fold_latin(text)
    return [t for t in _SEPARATORS.split(text) if t]


def _parse(text: str) -> tuple[str, bool, bool]:
    """Return (joined name without generic words, said 'city', said 'oblast')."""
    words = _tokens(text)
    is_city = any(w in _CITY_WORDS for w in words)
    is_oblast = any(w in _OBLAST_WORDS for w in words)
    core = "".join(w for w in words if w not in _GENERIC_WORDS)
    return core, is_city, is_oblast


def _build_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Build the plain and the city lookup tables from the aliases and the names."""
    plain: dict[str, str] = {}
    for region in REGIONS:
        spellings = (region.key, region.iso, region.name_en, region.name_ru, region.name_ky)
        for spelling in (*spellings, *_ALIASES.get(region.key, ())):
            core, is_city, _ = _parse(spelling)
            # "Osh city" and "г. Ош" are city spellings: they go into the city table only.
            if is_city or not core:
                continue
            if plain.get(core, region.key) != region.key:
                raise ValueError(f"alias {spelling!r} is claimed by two regions")
            plain[core] = region.key
    city: dict[str, str] = {}
    for key, names in _CITY_BY_NAME.items():
        for name in names:
            city[_parse(name)[0]] = key
    return plain, city


_PLAIN, _CITY = _build_tables()


@functools.lru_cache(maxsize=4096)
def _candidates_of_text(text: str) -> tuple[str, ...]:
    """Every unit one string fits, the chosen one first (cached: the sheet repeats spellings)."""
    core, is_city, is_oblast = _parse(text)
    if not core or (is_city and is_oblast):
        return ()
    if is_city:
        city = _CITY.get(core)
        return (city,) if city else ()
    key = _PLAIN.get(core)
    if key is None:
        return ()
    # "Bishkek oblast" does not exist; "National oblast" neither.
    if is_oblast:
        return (key,) if _BY_KEY[key].kind == "oblast" else ()
    # Neither "city" nor "oblast" said: a name that is also a city's ("Osh") fits both units.
    city = _CITY.get(core)
    return (key,) if city in (None, key) else (key, city)


def region_candidates(name: object) -> tuple[str, ...]:
    """Every unit a spelling fits, the one ``resolve_region`` chooses first; () when unknown.

    Two keys mean the spelling is ambiguous: a bare "Osh" / "Ош" gives ("KG-O", "KG-GO").
    """
    if name is None or isinstance(name, bool):
        return ()
    if isinstance(name, numbers.Integral):
        return _candidates_of_text(str(int(name)))
    if isinstance(name, numbers.Real):
        # Codes read from a spreadsheet may arrive as 41702.0 (or numpy scalars).
        value = float(name)
        if math.isnan(value) or not value.is_integer():
            return ()
        return _candidates_of_text(str(int(value)))
    if not isinstance(name, str):
        return ()
    return _candidates_of_text(name)


def resolve_region(name: object) -> str | None:
    """Return the region key for any known spelling of a unit, or None when unknown.

    For an ambiguous spelling this is the documented choice (a bare "Osh" is the oblast); use
    ``region_candidates`` to learn that there was a choice.
    """
    found = region_candidates(name)
    return found[0] if found else None


def get_region(key: str) -> Region:
    """Return the Region for a key; raise KeyError for an unknown key."""
    return _BY_KEY[key]


_LANG_FIELD = {"en": "name_en", "ru": "name_ru", "ky": "name_ky", "kg": "name_ky"}


def region_name(key: str, lang: str) -> str:
    """Return the display name of a region in "en", "ru" or "ky" ("ru-RU" style accepted)."""
    field = _LANG_FIELD.get(lang.split("-")[0].split("_")[0].lower())
    if field is None:
        raise ValueError(f"unsupported language {lang!r}; expected 'en', 'ru' or 'ky'")
    from utils.sheet.texts import region_name as catalogue_name  # texts reads REGIONS

    return catalogue_name(_BY_KEY[key], field.removeprefix("name_"))


def allowed_region_spellings(lang: str = "en") -> list[str]:
    """Return the short canonical list of region names for editors (template drop-down)."""
    return [region_name(r.key, lang) for r in REGIONS]
