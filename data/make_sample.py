"""Generate the bundled sample workbook ``data/sample.xlsx``: fictional data, same bytes every run.

Every organisation, person and figure below is invented. The numbers are shaped to look like a
real HIV programme in Kyrgyzstan (population sizes, coverage levels, trends) so the dashboard can
be tried on something plausible, but none of them describes a real place, group or person.

    python data/make_sample.py                     # rewrite data/sample.xlsx (and its history)
    python data/make_sample.py --out /tmp/s.xlsx   # write elsewhere
    python data/make_sample.py --scale 190 --out /tmp/big.xlsx   # ~500k indicator rows

Reproducible: the only randomness is ``random.Random(2025)``, the workbook's created/modified
times are a constant and the zip entries carry a fixed date, so the file is byte-for-byte the
same on every run (given the same openpyxl and zlib).
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # so `python data/make_sample.py` finds the contract
    sys.path.insert(0, str(ROOT))

from utils.sheet.contract import TABS, TABS_BY_NAME  # noqa: E402

Row = list[object]
Grids = dict[str, list[Row]]

SEED: Final = 2025
OUT: Final = ROOT / "data" / "sample.xlsx"
HISTORY_OUT: Final = ROOT / "data" / "sample_history.xlsx"
"""The sample's earlier versions (``data/sample_history.py``), for "what changed"."""
FIXED_TIME: Final = datetime(2026, 11, 27, 9, 0, 0)  # workbook created/modified, never "now"
ZIP_TIME: Final = (2026, 11, 27, 9, 0, 0)
TODAY: Final = date(2026, 11, 27)  # the day the sample's story is told from (README answers)

REGIONS: Final = (
    "Batken",
    "Chuy",
    "Issyk-Kul",
    "Jalal-Abad",
    "Naryn",
    "Osh",
    "Talas",
    "Bishkek",
    "Osh city",
)
PERIODS: Final = tuple(f"{y}-Q{q}" for y in range(2023, 2027) for q in range(1, 5))[:15]
"""2023-Q1 .. 2026-Q3: fifteen quarters."""

# Estimated population sizes per region (fictional, of the order of published national
# estimates: ~25,000 PWID, ~7,000 sex workers, ~11,500 PLHIV). Small groups in Naryn, Talas and
# Batken make some numerators fall below 10 so the app's suppression has work to do.
POPULATION: Final[Mapping[str, Mapping[str, int]]] = {
    "pwid": {
        "Batken": 700,
        "Chuy": 6000,
        "Issyk-Kul": 1300,
        "Jalal-Abad": 2300,
        "Naryn": 500,
        "Osh": 3200,
        "Talas": 500,
        "Bishkek": 7500,
        "Osh city": 3000,
    },
    "wud": {
        "Batken": 60,
        "Chuy": 450,
        "Issyk-Kul": 120,
        "Jalal-Abad": 180,
        "Naryn": 45,
        "Osh": 200,
        "Talas": 45,
        "Bishkek": 650,
        "Osh city": 250,
    },
    "sw": {
        "Batken": 200,
        "Chuy": 1100,
        "Issyk-Kul": 500,
        "Jalal-Abad": 650,
        "Naryn": 170,
        "Osh": 600,
        "Talas": 180,
        "Bishkek": 2600,
        "Osh city": 1000,
    },
    "msm": {
        "Batken": 300,
        "Chuy": 3500,
        "Issyk-Kul": 800,
        "Jalal-Abad": 1500,
        "Naryn": 200,
        "Osh": 1500,
        "Talas": 250,
        "Bishkek": 9000,
        "Osh city": 2500,
    },
    "trans": {
        "Batken": 25,
        "Chuy": 150,
        "Issyk-Kul": 50,
        "Jalal-Abad": 60,
        "Naryn": 15,
        "Osh": 60,
        "Talas": 20,
        "Bishkek": 500,
        "Osh city": 120,
    },
    "plhiv": {
        "Batken": 300,
        "Chuy": 3300,
        "Issyk-Kul": 450,
        "Jalal-Abad": 1200,
        "Naryn": 150,
        "Osh": 2000,
        "Talas": 200,
        "Bishkek": 2600,
        "Osh city": 1300,
    },
}

# How far programmes reach in each region relative to the national level: cities reach more.
REACH: Final[Mapping[str, float]] = {
    "Batken": 0.70,
    "Chuy": 1.10,
    "Issyk-Kul": 0.90,
    "Jalal-Abad": 0.90,
    "Naryn": 0.65,
    "Osh": 0.95,
    "Talas": 0.75,
    "Bishkek": 1.25,
    "Osh city": 1.15,
}
# MSM programmes barely exist outside the cities: this is where the sub-10 numerators come from.
MSM_RURAL: Final[Mapping[str, float]] = {"Naryn": 0.2, "Talas": 0.25, "Batken": 0.25}

JUMP_LIMIT: Final = 2.5  # the parser warns above x3 between quarters; stay well inside it

# --- Organisations (all fictional) -------------------------------------------------------------

SHRN: Final = "Steppe Harm Reduction Network"
SWHR: Final = "Sunrise Women's Harm Reduction"
TSWA: Final = "Tulip Sex Workers' Alliance"
SRS: Final = "Silk Road Sisters"
PHA: Final = "Positive Horizons Association"
LTO: Final = "Living Together Osh"
RMC: Final = "Rainbow Mountains Collective"
NVPS: Final = "Naryn Valley Peer Support"
IKTI: Final = "Issyk-Kul Trans Initiative"

MEMBERS: Final = (
    # organisation, community, role, joined, region
    (SHRN, "pwud", "member", date(2018, 4, 12), "Bishkek"),
    (SWHR, "wud", "member", date(2020, 9, 1), "Osh city"),
    (TSWA, "sw", "member", date(2018, 4, 12), "Bishkek"),
    (SRS, "sw", "member", date(2021, 3, 15), "Osh city"),
    (PHA, "plhiv", "member", date(2018, 4, 12), "Chuy"),
    (LTO, "plhiv", "member", date(2019, 11, 20), "Osh"),
    (RMC, "lgbt", "member", date(2022, 6, 8), "Bishkek"),
    (NVPS, "pwud", "candidate", date(2026, 9, 1), "Naryn"),
    (IKTI, "trans", "candidate", date(2026, 10, 14), "Issyk-Kul"),
)


# --- Small helpers ------------------------------------------------------------------------------


def _row(tab: str, **cells: object) -> Row:
    """One row of ``tab`` in contract column order; an unknown column name is an error."""
    names = TABS_BY_NAME[tab].column_names
    unknown = set(cells) - set(names)
    if unknown:
        raise KeyError(f"{tab}: no such column(s) {sorted(unknown)}")
    return [cells.get(name) for name in names]


def _header(tab: str) -> Row:
    """The canonical header row of ``tab``."""
    return list(TABS_BY_NAME[tab].column_names)


def _year(period: str) -> int:
    """2025 from "2025-Q3"."""
    return int(period[:4])


def _steady(previous: int | None, value: int) -> int:
    """Keep a count within JUMP_LIMIT of the previous quarter, as real series move."""
    if not previous:
        return value
    low = math.ceil(previous / JUMP_LIMIT)
    high = math.floor(previous * JUMP_LIMIT)
    return min(max(value, low), high)


def _clamp(value: float, low: float, high: float) -> float:
    """``value`` limited to [low, high]."""
    return min(max(value, low), high)


# --- catalog ------------------------------------------------------------------------------------

FAST_TRACK: Final = (
    "UNAIDS Fast-Track 2025 (95-95-95 as shares of all people living with HIV: 95%, 90%, 86%)"
)

CATALOG_ROWS: Final = (
    dict(
        id="prevention_coverage",
        name_en="HIV prevention coverage among key populations",
        name_ru="Охват профилактикой ВИЧ среди ключевых групп населения",
        name_ky="Негизги калк топторунун арасында ВИЧтин алдын алуу менен камтуу",
        unit="percent",
        higher_is_better="yes",
        target=95,
        target_source="UNAIDS Global AIDS Strategy 2021–2026",
        definition=(
            "People of the group who received a defined prevention package (condoms, lubricant, "
            "information; syringes for people who inject) in the quarter, out of the estimated "
            "group size."
        ),
        public="yes",
    ),
    dict(
        id="ost_coverage",
        name_en="Opioid substitution therapy coverage",
        name_ru="Охват опиоидной заместительной терапией",
        name_ky="Опиоиддик алмаштыруучу терапия менен камтуу",
        unit="percent",
        higher_is_better="yes",
        target=50,
        target_source="WHO/UNODC/UNAIDS Technical Guide (2012)",
        definition=(
            "People who inject drugs receiving opioid substitution therapy (methadone) at the end "
            "of the quarter, out of the estimated number of people who inject drugs."
        ),
        public="yes",
    ),
    dict(
        id="nsp_syringes",
        name_en="Needles and syringes distributed per person who injects drugs per year",
        name_ru="Количество игл и шприцев на одного ЛУИН в год",
        name_ky="Баңгизатты ийне менен колдонгон бир адамга жылына таратылган ийнелер жана шприцтер",
        unit="rate",
        higher_is_better="yes",
        target=200,
        target_source="WHO/UNODC/UNAIDS Technical Guide (2012)",
        definition=(
            "Syringes distributed in the four quarters ending with the period (numerator) divided "
            "by the estimated number of people who inject drugs (denominator). Some regions "
            "report only the rate, in the value column."
        ),
        public="yes",
    ),
    dict(
        id="testing_coverage",
        name_en="HIV testing coverage among key populations",
        name_ru="Охват тестированием на ВИЧ среди ключевых групп населения",
        name_ky="Негизги калк топторунун арасында ВИЧке тестирлөө менен камтуу",
        unit="percent",
        higher_is_better="yes",
        target=90,
        target_source="National HIV programme (coalition reading of UNAIDS 90-90-90)",
        definition=(
            "People of the group tested for HIV in the last 12 months who know the result, out "
            "of the estimated group size."
        ),
        public="yes",
    ),
    dict(
        id="cascade_know",
        name_en="People living with HIV who know their status",
        name_ru="ЛЖВ, знающие свой ВИЧ-статус",
        name_ky="ВИЧ-статусун билген ВИЧ менен жашаган адамдар",
        unit="percent",
        higher_is_better="yes",
        target=95,
        target_source=FAST_TRACK,
        definition=(
            "Diagnosed people living with HIV, out of all people estimated to live with HIV "
            "(first step of the cascade)."
        ),
        cascade_step=1,
        public="yes",
    ),
    dict(
        id="cascade_treatment",
        name_en="People living with HIV on antiretroviral treatment",
        name_ru="ЛЖВ, получающие антиретровирусную терапию",
        name_ky="Антиретровирустук терапия алып жаткан ВИЧ менен жашаган адамдар",
        unit="percent",
        higher_is_better="yes",
        target=90,
        target_source=FAST_TRACK,
        definition=(
            "People on antiretroviral treatment, out of ALL people estimated to live with HIV "
            "(not out of those diagnosed): 95% of 95% is about 90%. Divide by the first step's "
            "numerator for the second 95."
        ),
        cascade_step=2,
        public="yes",
    ),
    dict(
        id="cascade_suppressed",
        name_en="People living with HIV with a suppressed viral load",
        name_ru="ЛЖВ с подавленной вирусной нагрузкой",
        name_ky="Вирустук жүктөмү басылган ВИЧ менен жашаган адамдар",
        unit="percent",
        higher_is_better="yes",
        target=86,
        target_source=FAST_TRACK,
        definition=(
            "People with a viral load below 1,000 copies/ml, out of ALL people estimated to live "
            "with HIV: 95% of 95% of 95% is about 86%. Divide by the second step's numerator for "
            "the third 95."
        ),
        cascade_step=3,
        public="yes",
    ),
    dict(
        id="prep_uptake",
        name_en="People receiving pre-exposure prophylaxis (PrEP)",
        name_ru="Люди, получающие доконтактную профилактику (ДКП)",
        name_ky="Контактка чейинки профилактика (ККП) алып жаткан адамдар",
        unit="count",
        higher_is_better="yes",
        definition=(
            "People who received PrEP at least once in the quarter. A count of people: it is in "
            "the numerator column, so counts below the threshold are suppressed."
        ),
        public="yes",
    ),
    dict(
        id="rights_violations",
        name_en="Human rights violations documented",
        name_ru="Задокументированные нарушения прав человека",
        name_ky="Документтештирилген адам укуктарын бузуу учурлары",
        unit="count",
        definition=(
            "Cases of rights violations against community members documented by peer "
            "paralegals in the quarter (numerator). No direction on purpose: a rise can mean "
            "more violations or better documentation, so read it with the notes."
        ),
        public="no",
    ),
    dict(
        id="stockouts",
        name_en="Stock-outs of HIV tests or antiretroviral medicines",
        name_ru="Перебои с тестами на ВИЧ или АРВ-препаратами",
        name_ky="ВИЧке тесттердин же АРВ дарылардын үзгүлтүккө учурашы",
        unit="count",
        higher_is_better="no",
        target=0,
        target_source="National HIV programme",
        definition=(
            "Stock-out episodes of HIV tests or antiretroviral medicines reported by community "
            "monitors at health facilities in the quarter. Episodes, not people: in the value "
            "column and never suppressed."
        ),
        public="yes",
    ),
)


def _catalog() -> list[Row]:
    """The catalog tab: one row per indicator the coalition tracks."""
    return [_header("catalog"), *(_row("catalog", **spec) for spec in CATALOG_ROWS)]


# --- indicators ---------------------------------------------------------------------------------

# (indicator, community) -> national base % in 2023-Q1, change in points per quarter, noise sd.
PERCENT_SPECS: Final = (
    ("prevention_coverage", "pwid", 42.0, 0.45, 1.5),
    ("prevention_coverage", "wud", 24.0, 0.50, 1.5),
    ("prevention_coverage", "sw", 55.0, 0.45, 1.5),
    ("prevention_coverage", "msm", 22.0, 0.35, 1.2),
    ("prevention_coverage", "trans", 30.0, 0.40, 2.0),
    ("testing_coverage", "sw", 48.0, 0.60, 1.5),
    ("testing_coverage", "msm", 26.0, 0.50, 1.2),
    ("testing_coverage", "pwid", 36.0, 0.40, 1.5),
)

# OST: % in 2023-Q1 and change per quarter; improving slowly everywhere but Jalal-Abad.
OST_TREND: Final[Mapping[str, tuple[float, float]]] = {
    "Batken": (7.0, 0.16),
    "Chuy": (11.0, 0.30),
    "Issyk-Kul": (8.0, 0.20),
    "Naryn": (6.5, 0.16),
    "Osh": (9.0, 0.25),
    "Talas": (7.5, 0.12),
    "Bishkek": (14.0, 0.40),
    "Osh city": (12.0, 0.30),
}
# Jalal-Abad is pinned by hand: the README's hand-check answer reads these numbers.
OST_JALAL_ABAD: Final = (184, 181, 179, 176, 172, 170, 166, 163, 158, 155, 150, 147, 121, 109, 98)
OST_JA_NOTE: Final = "The OST site at the Jalal-Abad city clinic closed in January 2026."

# NSP: syringes per PWID per year in 2023-Q1 and change per quarter.
NSP_TREND: Final[Mapping[str, tuple[float, float]]] = {
    "Batken": (60.0, 0.8),
    "Chuy": (180.0, 2.0),
    "Issyk-Kul": (85.0, 1.0),
    "Jalal-Abad": (95.0, 0.5),
    "Naryn": (40.0, 0.5),
    "Osh": (110.0, 1.0),
    "Talas": (55.0, 0.6),
    "Bishkek": (205.0, 1.5),
    "Osh city": (150.0, 1.5),
}
NSP_VALUE_ONLY: Final = frozenset({"Batken", "Naryn", "Talas"})  # small programmes: rate only
NSP_VALUE_ONLY_UNTIL: Final[Mapping[str, str]] = {"Issyk-Kul": "2024-Q4"}  # counts from 2025

CASCADE_OFFSET: Final[Mapping[str, float]] = {
    "Batken": -4,
    "Chuy": 2,
    "Issyk-Kul": -2,
    "Jalal-Abad": -3,
    "Naryn": -5,
    "Osh": -1,
    "Talas": -3,
    "Bishkek": 4,
    "Osh city": 1,
}

PREP_REGIONS: Final = ("Chuy", "Issyk-Kul", "Jalal-Abad", "Osh", "Bishkek", "Osh city")
PREP_START: Final = "2024-Q1"  # the fictional PrEP programme opens its community sites here
# community -> region -> (people in the first quarter, growth per quarter)
PREP_TREND: Final[Mapping[str, Mapping[str, tuple[float, float]]]] = {
    "msm": {
        "Bishkek": (90, 18),
        "Chuy": (20, 4),
        "Osh city": (15, 3),
        "Osh": (4, 1),
        "Jalal-Abad": (3, 1),
        "Issyk-Kul": (2, 0.5),
    },
    "sw": {
        "Bishkek": (30, 6),
        "Chuy": (8, 2),
        "Osh city": (12, 2.5),
        "Osh": (3, 0.8),
        "Jalal-Abad": (3, 0.8),
        "Issyk-Kul": (4, 1),
    },
    "trans": {
        "Bishkek": (12, 2.5),
        "Chuy": (2, 0.4),
        "Osh city": (3, 0.5),
        "Osh": (1, 0.2),
        "Jalal-Abad": (1, 0.2),
        "Issyk-Kul": (1, 0.3),
    },
}

# Rights violations documented per quarter in Bishkek in 2023-Q1; other regions scaled down.
RIGHTS_BASE: Final[Mapping[str, float]] = {"pwud": 24, "sw": 16, "lgbt": 9, "plhiv": 7}
RIGHTS_SCALE: Final[Mapping[str, float]] = {
    "Batken": 0.15,
    "Chuy": 0.60,
    "Issyk-Kul": 0.25,
    "Jalal-Abad": 0.35,
    "Naryn": 0.10,
    "Osh": 0.40,
    "Talas": 0.12,
    "Bishkek": 1.00,
    "Osh city": 0.55,
}

SOURCES: Final[Mapping[str, str]] = {
    "prevention_coverage": "Programme reports",
    "testing_coverage": "Programme reports",
    "ost_coverage": "OST programme register",
    "nsp_syringes": "NSP reports",
    "cascade": "HIV treatment register",
    "prep_uptake": "PrEP sites",
    "rights_violations": "Community paralegals",
    "stockouts": "Community-led monitoring",
}


def _indicator(
    indicator: str,
    period: str,
    region: str,
    community: str,
    *,
    numerator: int | None = None,
    denominator: int | None = None,
    value: float | None = None,
    source: str,
    notes: str | None = None,
) -> Row:
    """One row of the indicators tab."""
    return _row(
        "indicators",
        indicator=indicator,
        period=period,
        region=region,
        community=community,
        numerator=numerator,
        denominator=denominator,
        value=value,
        source=source,
        notes=notes,
    )


def _percent_rows(rng: random.Random) -> list[Row]:
    """Prevention and testing coverage: numerator over estimated group size, per quarter."""
    rows: list[Row] = []
    for indicator, community, base, slope, sd in PERCENT_SPECS:
        for region in REGIONS:
            den = POPULATION[community][region]
            reach = REACH[region] * (MSM_RURAL.get(region, 1.0) if community == "msm" else 1.0)
            previous: int | None = None
            for t, period in enumerate(PERIODS):
                pct = _clamp(base * reach + slope * t + rng.gauss(0, sd), 0.5, 98.0)
                num = _steady(previous, round(den * pct / 100))
                previous = num
                rows.append(
                    _indicator(
                        indicator,
                        period,
                        region,
                        community,
                        numerator=num,
                        denominator=den,
                        source=SOURCES[indicator],
                    )
                )
    return rows


def _ost_rows(rng: random.Random) -> list[Row]:
    """OST coverage among PWID: far below 50% everywhere, worst and falling in Jalal-Abad."""
    rows: list[Row] = []
    for region in REGIONS:
        den = POPULATION["pwid"][region]
        for t, period in enumerate(PERIODS):
            note = None
            if region == "Jalal-Abad":
                num = OST_JALAL_ABAD[t]
                note = OST_JA_NOTE if period == "2026-Q1" else None
            else:
                start, slope = OST_TREND[region]
                num = round(den * (start + slope * t + rng.gauss(0, 0.3)) / 100)
            rows.append(
                _indicator(
                    "ost_coverage",
                    period,
                    region,
                    "pwid",
                    numerator=num,
                    denominator=den,
                    source=SOURCES["ost_coverage"],
                    notes=note,
                )
            )
    return rows


def _nsp_rows(rng: random.Random) -> list[Row]:
    """Syringes per PWID per year: counts in most regions, only the rate in a few."""
    rows: list[Row] = []
    for region in REGIONS:
        den = POPULATION["pwid"][region]
        start, slope = NSP_TREND[region]
        for t, period in enumerate(PERIODS):
            rate = max(1.0, start + slope * t + rng.gauss(0, 3.0))
            value_only = region in NSP_VALUE_ONLY or period <= NSP_VALUE_ONLY_UNTIL.get(region, "")
            if value_only:
                row = _indicator(
                    "nsp_syringes",
                    period,
                    region,
                    "pwid",
                    value=round(rate, 1),
                    source=SOURCES["nsp_syringes"],
                    notes="Only the rate was reported.",
                )
            else:
                row = _indicator(
                    "nsp_syringes",
                    period,
                    region,
                    "pwid",
                    numerator=round(rate * den),
                    denominator=den,
                    source=SOURCES["nsp_syringes"],
                )
            rows.append(row)
    return rows


def _cascade_rows(rng: random.Random) -> list[Row]:
    """The 95-95-95 cascade on one denominator (all PLHIV), so the steps nest."""
    rows: list[Row] = []
    for region in REGIONS:
        for t, period in enumerate(PERIODS):
            # Estimates are revised once a year, upwards as new diagnoses accumulate.
            den = round(POPULATION["plhiv"][region] * (1 + 0.03 * (_year(period) - 2023)))
            know_pct = _clamp(72 + CASCADE_OFFSET[region] + 0.3 * t + rng.gauss(0, 0.6), 40, 97)
            know = round(den * know_pct / 100)
            treat = round(know * (0.84 + 0.002 * t + rng.gauss(0, 0.005)))
            suppressed = round(treat * (0.84 + 0.003 * t + rng.gauss(0, 0.005)))
            for indicator, num in (
                ("cascade_know", know),
                ("cascade_treatment", treat),
                ("cascade_suppressed", suppressed),
            ):
                rows.append(
                    _indicator(
                        indicator,
                        period,
                        region,
                        "plhiv",
                        numerator=num,
                        denominator=den,
                        source=SOURCES["cascade"],
                    )
                )
    return rows


def _prep_rows(rng: random.Random) -> list[Row]:
    """People on PrEP (a count of people, so in the numerator) from the programme's start."""
    rows: list[Row] = []
    periods = [p for p in PERIODS if p >= PREP_START]
    for community, regions in PREP_TREND.items():
        for region in PREP_REGIONS:
            start, growth = regions[region]
            previous: int | None = None
            for t, period in enumerate(periods):
                mean = start + growth * t
                num = _steady(previous, max(0, round(mean + rng.gauss(0, max(1.0, 0.08 * mean)))))
                previous = num
                rows.append(
                    _indicator(
                        "prep_uptake",
                        period,
                        region,
                        community,
                        numerator=num,
                        source=SOURCES["prep_uptake"],
                    )
                )
    return rows


def _rights_rows(rng: random.Random) -> list[Row]:
    """Rights violations documented (cases, in the numerator), slowly rising with documentation."""
    rows: list[Row] = []
    for community, base in RIGHTS_BASE.items():
        for region in REGIONS:
            previous: int | None = None
            for t, period in enumerate(PERIODS):
                mean = base * RIGHTS_SCALE[region] * 1.03**t
                num = _steady(previous, max(0, round(mean + rng.gauss(0, math.sqrt(mean) * 0.6))))
                previous = num
                rows.append(
                    _indicator(
                        "rights_violations",
                        period,
                        region,
                        community,
                        numerator=num,
                        source=SOURCES["rights_violations"],
                    )
                )
    return rows


def _stockout_rows(rng: random.Random) -> list[Row]:
    """Stock-out episodes (not people, so in the value column): worst during 2024."""
    rows: list[Row] = []
    for region in REGIONS:
        for period in PERIODS:
            chance = 0.35 if _year(period) == 2024 else 0.12
            episodes = rng.randint(1, 3) if rng.random() < chance else 0
            rows.append(
                _indicator(
                    "stockouts",
                    period,
                    region,
                    "all",
                    value=episodes,
                    source=SOURCES["stockouts"],
                )
            )
    return rows


def _indicators(rng: random.Random) -> list[Row]:
    """The indicators tab, in catalog order."""
    return [
        _header("indicators"),
        *_percent_rows(rng),
        *_ost_rows(rng),
        *_nsp_rows(rng),
        *_cascade_rows(rng),
        *_prep_rows(rng),
        *_rights_rows(rng),
        *_stockout_rows(rng),
    ]


# --- elections and votes ------------------------------------------------------------------------

CCPH: Final = "Coordinating Council for Public Health"
VOTER_GROUPS: Final = (
    "People who use drugs",
    "Sex workers",
    "People living with HIV",
    "LGBT people",
    "Other civil society",
)

# ccph-2025: final valid votes per candidate and voter group (same order as VOTER_GROUPS).
CCPH_2025: Final = (
    ("Aigerim Sadykova", PHA, (70, 55, 52, 14, 12)),  # the coalition's candidate
    ("Bakyt Osmonov", "Healthy Regions Association", (30, 25, 35, 5, 33)),
    ("Nurlan Zhumabaev", "Medical Workers' Forum", (20, 15, 23, 3, 20)),
)
CCPH_2025_OPEN: Final = datetime(2025, 10, 16, 10, 0)
CCPH_2025_BATCHES: Final = tuple(
    CCPH_2025_OPEN + timedelta(minutes=m)
    for m in (12, 25, 37, 50, 63, 75, 88, 101, 115, 128, 140, 154, 167, 180, 193, 206, 220)
)
# Running totals per candidate (same order as CCPH_2025) after each batch, written by hand so the
# story is exact: the coalition's candidate trails at first, passes the 40% threshold at 11:03
# (55 of 137 = 40.1%) and 47% at 11:55 (115 of 242 = 47.5%), and ends with 203 of 412 = 49.3%.
# Nobody else ever reaches 40%, so there is one crossing to tell.
CCPH_2025_RUNNING: Final = (
    (11, 11, 8),
    (21, 22, 14),
    (32, 31, 21),
    (43, 41, 26),
    (55, 50, 32),
    (70, 58, 36),
    (85, 65, 41),
    (101, 72, 45),
    (115, 78, 49),
    (126, 84, 53),
    (138, 91, 58),
    (150, 97, 62),
    (161, 104, 66),
    (172, 110, 70),
    (183, 116, 74),
    (194, 123, 78),
    (203, 128, 81),
)

# ccph-2022: two rounds, totals only (no voter groups, no timestamps).
CCPH_2022: Final = (
    # round, candidate, organisation, votes
    (1, "Timur Alymkulov", SHRN, 112),  # the coalition's candidate
    (1, "Elena Kim", "Healthy Regions Association", 118),
    (1, "Marat Toktogulov", "Medical Workers' Forum", 75),
    (1, "Gulnara Ismailova", None, 45),
    (2, "Timur Alymkulov", SHRN, 150),
    (2, "Elena Kim", "Healthy Regions Association", 186),
)

# board-2026: the coalition's own steering committee, counting as of the sample's day.
BOARD_2026: Final = (
    ("Dinara Abdyldaeva", TSWA),
    ("Ruslan Karimov", SHRN),
    ("Saule Bekova", PHA),
    ("Azamat Usenov", RMC),
)
BOARD_2026_BATCHES: Final = (
    datetime(2026, 11, 27, 10, 5),
    datetime(2026, 11, 27, 10, 20),
    datetime(2026, 11, 27, 10, 35),
)


def _vote(
    election: str,
    round_: int,
    candidate: str,
    org: str | None,
    group: str | None,
    votes: int,
    timestamp: datetime | None = None,
) -> Row:
    """One row of the votes tab."""
    return _row(
        "votes",
        election=election,
        round=round_,
        candidate=candidate,
        candidate_org=org,
        voter_group=group,
        votes=votes,
        timestamp=timestamp,
    )


def _split(increment: int, room: Sequence[int]) -> list[int]:
    """Share ``increment`` votes among groups in proportion to the votes each has left to count.

    Largest remainder, so the parts add up exactly and no group gets more than it has left.
    """
    left = sum(room)
    if increment == 0 or left == 0:
        return [0] * len(room)
    exact = [increment * r / left for r in room]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(room)), key=lambda i: (parts[i] - exact[i], i))
    for i in order[: increment - sum(parts)]:
        parts[i] += 1
    return parts


def _ccph_2025_votes() -> list[Row]:
    """Timestamped batches: each row is the votes counted in that batch (an increment).

    Each candidate's running total follows CCPH_2025_RUNNING; within a batch the candidate's
    new votes are spread over the voter groups by the votes each group still has to count.
    """
    rows: list[Row] = []
    for c, (name, org, totals) in enumerate(CCPH_2025):
        counted = [0] * len(VOTER_GROUPS)
        running = 0
        for b, stamp in enumerate(CCPH_2025_BATCHES):
            target = CCPH_2025_RUNNING[b][c]
            room = [t - n for t, n in zip(totals, counted, strict=True)]
            for g, part in enumerate(_split(target - running, room)):
                counted[g] += part
                if part:
                    rows.append(_vote("ccph-2025", 1, name, org, VOTER_GROUPS[g], part, stamp))
            running = target
        if counted != list(totals):  # the running totals must end at the final tallies
            raise ValueError(f"{name}: running totals end at {counted}, not {totals}")
    # Batches in time order, as the count commission would have typed them (a stable sort keeps
    # candidates and groups in their order within a batch).
    stamp_at = TABS_BY_NAME["votes"].column_names.index("timestamp")
    rows.sort(key=lambda r: r[stamp_at])
    return rows


def _board_2026_votes(rng: random.Random) -> list[Row]:
    """A small open election: three batches so far, every group under ten votes."""
    rows: list[Row] = []
    groups = VOTER_GROUPS[:4]
    for stamp in BOARD_2026_BATCHES:
        for name, org in BOARD_2026:
            for group in groups:
                increment = rng.randint(0, 2)
                if increment:
                    rows.append(_vote("board-2026", 1, name, org, group, increment, stamp))
    return rows


def _elections_and_votes(rng: random.Random) -> tuple[list[Row], list[Row]]:
    """The elections tab and the votes tab."""
    votes_2022 = [_vote("ccph-2022", r, name, org, None, n) for r, name, org, n in CCPH_2022]
    valid_2022_final = sum(n for r, *_, n in CCPH_2022 if r == 2)
    votes_2025 = _ccph_2025_votes()
    valid_2025 = sum(sum(c[2]) for c in CCPH_2025)
    elections = [
        _header("elections"),
        _row(
            "elections",
            id="ccph-2022",
            title="CCPH community seat 2022",
            body=CCPH,
            date=date(2022, 10, 20),
            seats=1,
            eligible_voters=540,
            threshold=40,
            status="certified",
            total_votes=valid_2022_final + 5 + 3,
            blank_votes=5,
            invalid_votes=3,
            community_candidate="Timur Alymkulov",
            notes=(
                "Nobody reached 40% in round 1, so the top two met in round 2. Ballot totals "
                "(total, blank, invalid) are those of round 2."
            ),
        ),
        _row(
            "elections",
            id="ccph-2025",
            title="CCPH community seat 2025",
            body=CCPH,
            date=CCPH_2025_OPEN.date(),
            seats=1,
            eligible_voters=640,
            threshold=40,
            status="certified",
            total_votes=valid_2025 + 6 + 4,
            blank_votes=6,
            invalid_votes=4,
            community_candidate="Aigerim Sadykova",
            notes="Voting opened at 10:00; the count was reported in batches.",
        ),
        _row(
            "elections",
            id="board-2026",
            title="Coalition steering committee 2026",
            body="United Voices coalition",
            date=TODAY,
            seats=2,
            eligible_voters=84,
            status="open",
            notes="Two seats; the two candidates with the most votes are elected.",
        ),
    ]
    votes = [_header("votes"), *votes_2022, *votes_2025, *_board_2026_votes(rng)]
    return elections, votes


# --- milestones ---------------------------------------------------------------------------------

O1: Final = "1. Harm reduction that reaches people who use drugs"
O2: Final = "2. HIV testing, prevention and treatment for key populations"
O3: Final = "3. Rights and a safer legal environment"
O4: Final = "4. Community voice in decision-making"
O5: Final = "5. A sustainable coalition that uses its data"

D = date  # short alias: the table below is easier to read with it

# id, objective, milestone, lead, partners, community, start, due, status, progress,
# last_update, indicator, notes
MILESTONES: Final = (
    ("M-01", O1, "Open two new OST sites in Osh and Jalal-Abad oblasts", SHRN, LTO, "pwid",
     D(2025, 2, 1), D(2026, 6, 30), "delayed", 60, D(2026, 10, 15), "ost_coverage",
     "The Jalal-Abad clinic closed its site; new premises are being negotiated."),
    ("M-02", O1, "Reach 20% OST coverage in Bishkek", SHRN, None, "pwid",
     D(2025, 1, 1), D(2027, 6, 30), "on_track", 55, D(2026, 11, 10), "ost_coverage",
     "On track for Bishkek, while coverage everywhere stays far below the 50% target."),
    ("M-03", O1, "Peer-led syringe distribution in Naryn and Talas", SHRN, NVPS, "pwid",
     D(2025, 3, 1), D(2026, 12, 15), "at_risk", 45, D(2026, 11, 20), "nsp_syringes", None),
    ("M-04", O1, "Women-only harm reduction drop-in centre in Osh city", SWHR, SRS, "wud",
     D(2025, 1, 15), D(2025, 9, 30), "done", 100, D(2025, 10, 5), "prevention_coverage", None),
    ("M-05", O1, "Naloxone available at every needle and syringe point", SHRN, SWHR, "pwud",
     D(2025, 4, 1), D(2026, 3, 31), "done", 100, D(2026, 4, 2), None, None),
    ("M-06", O1, "Mobile harm reduction van for Chuy oblast", SHRN, None, "pwid",
     D(2026, 1, 1), D(2027, 1, 20), "on_track", 70, D(2026, 11, 1), None, None),
    ("M-07", O2, "Community-led HIV self-testing for sex workers", TSWA, SRS, "sw",
     D(2025, 2, 1), D(2025, 12, 31), "done", 100, D(2026, 1, 12), "testing_coverage", None),
    ("M-08", O2, "PrEP offered at three community sites", RMC, f"{TSWA}, {IKTI}", "msm",
     D(2025, 3, 1), D(2026, 9, 30), "delayed", 50, D(2026, 9, 25), "prep_uptake",
     "The third site waits for a licence."),
    ("M-09", O2, "Peer support for treatment adherence in Osh", LTO, PHA, "plhiv",
     D(2025, 1, 1), D(2027, 12, 31), "on_track", 40, D(2026, 11, 5), "cascade_treatment", None),
    ("M-10", O2, "Viral load testing access campaign", PHA, LTO, "plhiv",
     D(2025, 6, 1), D(2026, 11, 27), "at_risk", 85, D(2026, 11, 25), "cascade_suppressed",
     "Due today."),
    ("M-11", O2, "Trans-competent care training for Bishkek clinics", RMC, IKTI, "trans",
     D(2025, 9, 1), D(2026, 10, 31), "at_risk", 70, D(2026, 8, 30), None, None),
    ("M-12", O2, "Index testing pilot with partners of people living with HIV", PHA, None,
     "plhiv", D(2026, 1, 15), D(2027, 2, 15), "not_started", 0, D(2026, 10, 1), "cascade_know",
     None),
    ("M-13", O2, "Prevention packages designed for women who use drugs", SWHR, None, "wud",
     D(2025, 5, 1), D(2026, 5, 31), "cancelled", 30, D(2025, 12, 10), None,
     "Donor funding withdrawn."),
    ("M-14", O2, "Stock-out alert line run by community monitors", PHA, LTO, "all",
     D(2025, 1, 1), D(2025, 6, 30), "done", 100, D(2025, 7, 1), "stockouts", None),
    ("M-15", O3, "Legal aid network for people who use drugs", SHRN, None, "pwud",
     D(2025, 1, 1), D(2026, 12, 31), "on_track", 80, D(2026, 11, 15), "rights_violations", None),
    ("M-16", O3, "Document rights violations in all nine regions", TSWA, f"{SHRN}, {RMC}", "all",
     D(2025, 1, 1), D(2027, 12, 31), "on_track", 50, D(2026, 11, 18), "rights_violations", None),
    ("M-17", O3, "Police training on HIV and key populations", LTO, TSWA, "all",
     D(2025, 6, 1), D(2026, 8, 31), "delayed", 35, D(2026, 7, 1), None, None),
    ("M-18", O3, "Shadow report on sex workers' rights to a UN treaty body", TSWA, SRS, "sw",
     D(2025, 3, 1), D(2025, 11, 30), "done", 100, D(2025, 11, 28), None, None),
    ("M-19", O3, "Safe-housing fund for LGBT people facing violence", RMC, None, "lgbt",
     D(2026, 3, 1), D(2027, 3, 31), "at_risk", 25, D(2026, 11, 2), None, None),
    ("M-20", O3, "Report on access to services for LGBT people", RMC, None, "lgbt",
     D(2025, 2, 1), D(2025, 12, 15), "cancelled", 10, D(2025, 6, 1), None, "Merged into M-16."),
    ("M-21", O4, "Coalition candidate elected to the CCPH community seat", PHA,
     f"{SHRN}, {TSWA}", "all", D(2025, 4, 1), D(2025, 10, 31), "done", 100, D(2025, 10, 20),
     None, "Elected with 49.3% in the first round (ccph-2025)."),
    ("M-22", O4, "Community briefing before every CCPH meeting", PHA, None, "all",
     D(2025, 11, 1), D(2027, 12, 31), "on_track", 45, D(2026, 11, 12), None, None),
    ("M-23", O4, "Sex workers' representative on the Osh city health council", SRS, TSWA, "sw",
     D(2025, 6, 1), D(2026, 11, 15), "delayed", 40, D(2026, 6, 20), None, None),
    ("M-24", O4, "Community input to the national HIV programme 2027–2031", PHA,
     f"{LTO}, {SHRN}", "all", D(2026, 6, 1), D(2027, 1, 10), "on_track", 30, D(2026, 11, 20),
     None, None),
    ("M-25", O4, "Admit the two candidate organisations as full members", PHA,
     f"{NVPS}, {IKTI}", "all", D(2026, 5, 1), D(2027, 2, 20), "not_started", 0, D(2026, 10, 14),
     None, None),
    ("M-26", O5, "Launch the United Voices dashboard", RMC, PHA, "all",
     D(2025, 9, 1), D(2026, 12, 20), "on_track", 90, D(2026, 11, 26), None, None),
    ("M-27", O5, "Community-led monitoring in all nine regions", LTO, None, "all",
     D(2025, 1, 1), D(2026, 10, 15), "at_risk", 75, D(2026, 10, 1), "stockouts", None),
    ("M-28", O5, "Three new donors to diversify funding", TSWA, None, "all",
     D(2025, 1, 1), D(2027, 6, 30), "at_risk", 33, D(2026, 9, 30), None, None),
    ("M-29", O5, "Data protection policy adopted by every member", RMC, None, "all",
     D(2025, 3, 1), D(2025, 8, 31), "done", 100, D(2025, 9, 2), None, None),
    ("M-30", O5, "Annual coalition assembly 2027", PHA, None, "all",
     D(2027, 5, 1), D(2027, 9, 30), "not_started", 0, D(2026, 11, 1), None, None),
    ("M-31", O5, "Financial audit of the coalition's 2026 accounts", PHA, None, "all",
     D(2027, 1, 15), D(2027, 4, 30), "not_started", 0, D(2026, 11, 1), None, None),
    ("M-32", O1, "Hepatitis C referral for needle and syringe clients", SWHR, SHRN, "pwid",
     D(2025, 7, 1), D(2026, 9, 15), "delayed", 0, D(2025, 12, 1), None,
     "No laboratory partner yet."),
)  # fmt: skip


MILESTONE_FIELDS: Final = (
    "id",
    "objective",
    "milestone",
    "lead",
    "partners",
    "community",
    "start",
    "due",
    "status",
    "progress",
    "last_update",
    "indicator",
    "notes",
)


def _milestones() -> list[Row]:
    """The milestones tab: the three-year strategy 2025–2027."""
    return [
        _header("milestones"),
        *(_row("milestones", **dict(zip(MILESTONE_FIELDS, m, strict=True))) for m in MILESTONES),
    ]


def _members() -> list[Row]:
    """The members tab: seven member organisations and two candidates."""
    return [
        _header("members"),
        *(
            _row("members", organisation=o, community=c, role=r, joined=j, region=g)
            for o, c, r, j, g in MEMBERS
        ),
    ]


# --- Community-led monitoring: findings, actions, campaigns (issue 17) ------------------------

ROUNDS: Final = ("2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
"""Six quarterly monitoring rounds, the same quarters as the indicators' last six."""

# Duty bearers: institutions only, never a person. Days from raising a finding to the first
# answer (None: never answers), and from that answer to the fix.
CHUY_HD: Final = "Chuy oblast health department"
NARCOLOGY: Final = "Republican Centre of Narcology"
OSH_AIDS: Final = "Osh city AIDS centre"
MINISTRY: Final = "Ministry of Health"
POLICE: Final = "Bishkek city police department"
JA_HD: Final = "Jalal-Abad oblast health department"
BISHKEK_HD: Final = "Bishkek city health department"
ANSWER_DAYS: Final[Mapping[str, int | None]] = {
    CHUY_HD: 14,
    NARCOLOGY: 21,
    OSH_AIDS: 7,
    MINISTRY: 42,
    POLICE: None,
    JA_HD: 10,
    BISHKEK_HD: 28,
}
FIX_DAYS: Final[Mapping[str, int]] = {MINISTRY: 150, NARCOLOGY: 180, BISHKEK_HD: 120}
"""Days from the answer to the fix where it is not 20: procurement and training take longer."""
LEVEL: Final[Mapping[str, str]] = {
    CHUY_HD: "oblast",
    NARCOLOGY: "national",
    OSH_AIDS: "site",
    MINISTRY: "national",
    POLICE: "oblast",
    JA_HD: "oblast",
    BISHKEK_HD: "oblast",
}

# The ten problems monitors look for in every round (k = 0 .. 9): category, region,
# community, site, duty bearer, evidence, milestone, severity.
WATCHLIST: Final = (
    ("stockout", "Chuy", "pwid", "OST site, Tokmok family medicine centre", CHUY_HD,
     "ost_coverage", "M-06", 3),
    ("service_closed", "Jalal-Abad", "pwid", "OST site, Jalal-Abad city clinic", JA_HD,
     "ost_coverage", "M-01", 3),
    ("police", "Bishkek", "sw", "Outreach route near the Alamedin market, Bishkek", POLICE,
     "rights_violations", "M-17", 2),
    ("refusal", "Bishkek", "trans", "Family medicine centre No. 6, Bishkek", BISHKEK_HD,
     "Monitors' visit report", "M-11", 2),
    ("stockout", "Osh city", "plhiv", "ARV dispensing, Osh city AIDS centre", OSH_AIDS,
     "stockouts", "M-14", 3),
    ("quality", "Osh", "plhiv", "Viral load testing, Osh oblast AIDS centre", MINISTRY,
     "cascade_suppressed", "M-10", 2),
    ("stockout", "Issyk-Kul", "pwid", "Naloxone at the Karakol needle and syringe point",
     NARCOLOGY, "nsp_syringes", "M-05", 2),
    ("police", "Chuy", "pwud", "OST site, Kant", POLICE, "rights_violations", "M-15", 2),
    ("refusal", "Naryn", "lgbt", "STI clinic, Naryn oblast hospital", MINISTRY,
     "https://example.org/clm/naryn-sti-clinic", None, 1),
    ("quality", "Batken", "sw", "HIV testing, Batken oblast AIDS centre", MINISTRY,
     "testing_coverage", "M-07", 1),
)  # fmt: skip

DID_NOT_HOLD: Final = frozenset({(1, 0), (3, 0), (2, 4)})
"""(round index, k) of the fixes that were back at the next round's visit."""
CLOSED: Final = frozenset({(0, 8)})
"""(round index, k) closed without action: the report could not be confirmed."""

ORG_OF: Final[Mapping[str, str]] = {
    "pwid": SHRN,
    "pwud": SHRN,
    "sw": TSWA,
    "trans": IKTI,
    "lgbt": RMC,
    "plhiv": PHA,
}
ANSWERS: Final[Mapping[str, str]] = {
    "stockout": "Delivery from the central warehouse scheduled for this month",
    "service_closed": "The site will reopen in temporary premises",
    "police": "",
    "refusal": "Staff reminded of the non-discrimination order; training planned",
    "quality": "Reagents ordered; testing to resume",
}


def _quarter_start(label: str) -> date:
    """The first day of a "2025-Q3" quarter."""
    year, quarter = label.split("-Q")
    return date(int(year), 3 * int(quarter) - 2, 1)


def _next_quarter(label: str, steps: int = 1) -> str:
    """The quarter ``steps`` after ``label``."""
    year, quarter = label.split("-Q")
    index = int(year) * 4 + int(quarter) - 1 + steps
    return f"{index // 4}-Q{index % 4 + 1}"


def _finding(r: int, k: int) -> tuple[Row, list[Row]]:
    """Finding ``k`` of round ``r`` and its actions, each step taken only if it is dated by the
    sample's TODAY. The row's status is its latest action's (the sample's sheet is consistent)."""
    category, region, community, site, bearer, evidence, milestone, severity = WATCHLIST[k]
    label = ROUNDS[r]
    fid = f"F-{10 * r + k + 1:03d}"
    org = ORG_OF[community]
    found = _quarter_start(label) + timedelta(days=5 + 5 * k)
    raised = found + timedelta(days=7)
    due = raised + timedelta(days=30)
    actions: list[Row] = []

    def act(day: date, what: str, status: str | None, response: str | None = None) -> None:
        if day <= TODAY:
            actions.append(
                _row(
                    "actions",
                    finding_id=fid,
                    date=day,
                    action=what,
                    by=org,
                    response=response,
                    new_status=status,
                )
            )

    act(raised, f"Letter to the {bearer} with the monitors' findings", "raised")
    status, resolved_on, verified, held = "raised", None, None, None
    answer_days = ANSWER_DAYS[bearer]
    if bearer == MINISTRY and r == len(ROUNDS) - 1:
        answer_days = None  # the Ministry has not answered the last round yet
    if (r, k) in CLOSED:
        act(raised + timedelta(days=20), "Closed: the report could not be confirmed", "closed")
        status = "closed"
    elif answer_days is None:
        escalate = _quarter_start(_next_quarter(label, 2)) + timedelta(days=14)
        if escalate <= TODAY:
            act(escalate, "No answer after two rounds: complaint to the Ombudsman", "escalated")
            status = "escalated"
    else:
        answered = raised + timedelta(days=answer_days + 3 * ((r + k) % 3) - 3)
        act(answered, "Reply received", "committed", ANSWERS[category])
        fixed = answered + timedelta(days=FIX_DAYS.get(bearer, 20))
        status = "committed" if answered <= TODAY else "raised"
        if fixed <= TODAY:
            act(fixed, "Monitors confirmed the fix on site", "resolved")
            status, resolved_on = "resolved", fixed
            visit = _quarter_start(_next_quarter(label)) + timedelta(days=50)
            if visit <= fixed:
                visit = _quarter_start(_next_quarter(label, 2)) + timedelta(days=50)
            if visit <= TODAY:
                verified = f"{visit.year}-Q{(visit.month - 1) // 3 + 1}"
                held = (r, k) not in DID_NOT_HOLD
                if not held:
                    act(visit, f"Checked in round {verified}: the problem is back", None)
    row = _row(
        "findings",
        id=fid,
        date_found=found,
        round=label,
        region=region,
        community=community,
        category=category,
        site=site,
        severity=severity,
        people_affected=6 + 7 * k + 4 * r,
        evidence=evidence,
        milestone_id=milestone,
        duty_bearer=bearer,
        level="national" if status == "escalated" else LEVEL[bearer],
        date_raised=raised if raised <= TODAY else None,
        response_due=due if raised <= TODAY else None,
        status=status if raised <= TODAY else "open",
        date_resolved=resolved_on,
        verified_round=verified,
        verified_held=None if held is None else ("yes" if held else "no"),
    )
    return row, actions


def _findings_and_actions() -> tuple[list[Row], list[Row]]:
    """Sixty findings (ten per round) and their actions, oldest first (append-only)."""
    findings: list[Row] = [_header("findings")]
    actions: list[Row] = []
    for r in range(len(ROUNDS)):
        for k in range(len(WATCHLIST)):
            row, steps = _finding(r, k)
            findings.append(row)
            actions.extend(steps)
    date_at = TABS_BY_NAME["actions"].column_names.index("date")
    actions.sort(key=lambda a: a[date_at])  # the tab is written as things happen
    return findings, [_header("actions"), *actions]


HATE_SPEECH: Final = "No to hate speech"
CAMPAIGN_READINGS: Final = (
    # campaign, channel, time (Bishkek), reach so far, shares so far, target
    (HATE_SPEECH, "video", datetime(2026, 10, 5, 12, 0), 1_200, 40, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 6, 0, 0), 18_500, 610, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 6, 12, 0), 52_000, 1_540, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 7, 0, 0), 88_000, 2_300, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 7, 12, 0), 117_000, 2_950, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 8, 0, 0), 139_500, 3_400, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 8, 12, 0), 152_300, 3_710, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 10, 12, 0), 160_400, 3_880, 150_000),
    (HATE_SPEECH, "video", datetime(2026, 10, 20, 12, 0), 171_000, 4_020, 150_000),
    ("Clinics without stigma", "social", datetime(2026, 3, 1, 10, 0), 4_100, 120, 40_000),
    ("Clinics without stigma", "social", datetime(2026, 4, 1, 10, 0), 12_800, 390, 40_000),
    ("Clinics without stigma", "social", datetime(2026, 5, 1, 10, 0), 21_500, 610, 40_000),
    ("Clinics without stigma", "press", datetime(2026, 5, 1, 10, 0), 6_000, None, 40_000),
    ("Clinics without stigma", "social", datetime(2026, 6, 1, 10, 0), 26_900, 700, 40_000),
    ("Community forum, Osh", "event", datetime(2026, 9, 12, 10, 0), 140, None, None),
)
"""Readings of each channel's counter (totals so far); the video passes its target of 150 000
views on 08.10.2026 at 12:00, three days after it was published."""


def _campaigns() -> list[Row]:
    """The campaigns tab: one row per reading of a channel's counter."""
    return [
        _header("campaigns"),
        *(
            _row("campaigns", campaign=c, channel=ch, time=t, reach=v, shares=s, target=g)
            for c, ch, t, v, s, g in CAMPAIGN_READINGS
        ),
    ]


# --- public interface ---------------------------------------------------------------------------


# How the sample writes a region in the sheet. A bare "Osh" fits both the oblast and the city
# (the parser warns about it), so the sample spells the oblast out, as editors are asked to.
SHEET_SPELLING: Final[Mapping[str, str]] = {"Osh": "Osh oblast"}


def _spelled(rows: list[Row]) -> list[Row]:
    """``rows`` with each region cell written the unambiguous way (``SHEET_SPELLING``)."""
    column = rows[0].index("region")
    out = [rows[0]]
    for row in rows[1:]:
        cell = row[column]
        out.append([*row[:column], SHEET_SPELLING.get(str(cell), cell), *row[column + 1 :]])
    return out


def build_sample() -> Grids:
    """Every tab of the sample workbook: tab name -> rows, header first, contract order."""
    rng = random.Random(SEED)
    indicators = _indicators(rng)
    elections, votes = _elections_and_votes(rng)
    findings, actions = _findings_and_actions()
    grids: Grids = {
        "indicators": _spelled(indicators),
        "catalog": _catalog(),
        "elections": elections,
        "votes": votes,
        "milestones": _milestones(),
        "members": _spelled(_members()),
        "findings": _spelled(findings),
        "actions": actions,
        "campaigns": _campaigns(),
        # Check-ins are saved from the dashboard to a Google Sheet only: the sample has none.
        "updates": [_header("updates")],
    }
    return {tab.name: grids[tab.name] for tab in TABS}


def scale_indicators(grids: Mapping[str, Sequence[Row]], factor: int) -> Grids:
    """A copy of ``grids`` with ~``factor`` times the indicator rows, for benchmarks.

    Copy k (1 .. factor-1) of every indicator gets the id ``<id>_x<k>`` and its own catalog row,
    so (indicator, period, region, community) stays unique. Inputs are not modified.
    """
    if factor < 1:
        raise ValueError("factor must be 1 or more")
    out: Grids = {tab: [list(r) for r in rows] for tab, rows in grids.items()}
    ind_col = TABS_BY_NAME["indicators"].column_names.index("indicator")
    cat_cols = TABS_BY_NAME["catalog"].column_names
    id_col, name_col = cat_cols.index("id"), cat_cols.index("name_en")
    base_rows = out["indicators"][1:]
    base_catalog = out["catalog"][1:]
    width = len(str(factor - 1))
    for k in range(1, factor):
        suffix = f"_x{k:0{width}d}"
        for row in base_rows:
            copy = list(row)
            copy[ind_col] = f"{row[ind_col]}{suffix}"
            out["indicators"].append(copy)
        for row in base_catalog:
            copy = list(row)
            copy[id_col] = f"{row[id_col]}{suffix}"
            copy[name_col] = f"{row[name_col]} (copy {k})"
            out["catalog"].append(copy)
    return out


def _workbook(grids: Mapping[str, Iterable[Row]]) -> Workbook:
    """An openpyxl workbook holding ``grids``, one sheet per tab, with fixed properties."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, rows in grids.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
    book.properties.creator = "United Voices sample generator (data/make_sample.py)"
    book.properties.title = "United Voices: sample workbook (fictional data)"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.lastModifiedBy = None
    return book


def xlsx_bytes(grids: Mapping[str, Iterable[Row]]) -> bytes:
    """The .xlsx file of ``grids`` as bytes, identical on every call."""
    raw = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the modified time with "now".
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(_workbook(grids), archive).write_data()
    # zipfile dates each entry with the current time; rewrite them with a fixed one.
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, on every platform
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()


def write_xlsx(grids: Mapping[str, Iterable[Row]], path: str | Path) -> Path:
    """Write ``grids`` to ``path`` as a reproducible .xlsx file; returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(xlsx_bytes(grids))
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the sample (optionally scaled) to --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help=f"where to write (default {OUT})")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="multiply the indicator rows about N times (benchmarks; needs --out)",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    if args.scale > 1 and args.out is None:
        parser.error("--scale needs --out, so the bundled sample is never overwritten")
    grids = build_sample()
    if args.scale > 1:
        grids = scale_indicators(grids, args.scale)
    path = write_xlsx(grids, args.out or OUT)
    rows = len(grids["indicators"]) - 1
    print(f"wrote {path} ({rows} indicator rows)")
    if args.out is None:  # the bundled sample: its earlier versions go beside it
        from data.sample_history import history_grids

        print(f"wrote {write_xlsx(history_grids(grids['milestones']), HISTORY_OUT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
