"""The bundled sample workbook: on disk as generated, reproducible, and true to its brief.

The expected answers here are the ones data/README.md gives as hand calculations; when the
generator changes they must change together.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data.make_sample import (
    OUT,
    TODAY,
    build_sample,
    scale_indicators,
    write_xlsx,
    xlsx_bytes,
)
from utils.sheet import contract
from utils.sheet.contract import TABS, TABS_BY_NAME, match_choice

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "data" / "README.md"
NINE_REGIONS = {
    "Batken",
    "Chuy",
    "Issyk-Kul",
    "Jalal-Abad",
    "Naryn",
    "Osh oblast",  # a bare "Osh" would fit the city too
    "Talas",
    "Bishkek",
    "Osh city",
}
ALLOWED_REGIONS = NINE_REGIONS | {"National"}


@pytest.fixture(scope="module")
def grids() -> dict[str, list[list[object]]]:
    """The sample as the generator builds it now."""
    return build_sample()


def records(grids: dict[str, list[list[object]]], tab: str) -> list[dict[str, object]]:
    """The rows of ``tab`` as dicts keyed by header."""
    header, *rows = grids[tab]
    return [dict(zip(header, row, strict=True)) for row in rows]


def _as_read_back(cell: object) -> object:
    """What openpyxl returns for a written cell: dates come back as midnight datetimes."""
    if isinstance(cell, date) and not isinstance(cell, datetime):
        return datetime(cell.year, cell.month, cell.day)
    return cell


# --- The file on disk -------------------------------------------------------------------------


def test_file_on_disk_matches_the_generator(grids: dict[str, list[list[object]]]) -> None:
    book = load_workbook(OUT, read_only=True)
    try:
        on_disk = {
            sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    assert list(on_disk) == list(grids), "tabs differ: run python data/make_sample.py"
    for tab, rows in grids.items():
        expected = [[_as_read_back(c) for c in row] for row in rows]
        assert on_disk[tab] == expected, f"{tab} differs: run python data/make_sample.py"


def test_writing_is_byte_for_byte_reproducible(
    grids: dict[str, list[list[object]]], tmp_path: Path
) -> None:
    first = write_xlsx(grids, tmp_path / "a.xlsx").read_bytes()
    second = write_xlsx(build_sample(), tmp_path / "b.xlsx").read_bytes()
    assert first == second
    assert first == xlsx_bytes(grids)


def test_no_wall_clock_time_in_the_file(grids: dict[str, list[list[object]]]) -> None:
    data = xlsx_bytes(grids)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode()
    assert stamps == {(2026, 11, 27, 9, 0, 0)}
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == [
        "2026-11-27T09:00:00Z",
        "2026-11-27T09:00:00Z",
    ]


# --- Shape: tabs, headers, allowed values ------------------------------------------------------


def test_tabs_are_the_contract_tabs_in_order(grids: dict[str, list[list[object]]]) -> None:
    assert list(grids) == [tab.name for tab in TABS]


# The sample is a file: check-ins are saved from the dashboard to a Google Sheet only, so its
# updates tab is the header row alone (test_the_updates_tab_is_its_header_alone).
FILLED_TABS = [t.name for t in TABS if t.name != "updates"]


def test_the_updates_tab_is_its_header_alone(grids: dict[str, list[list[object]]]) -> None:
    assert grids["updates"] == [list(TABS_BY_NAME["updates"].column_names)]


@pytest.mark.parametrize("tab", FILLED_TABS)
def test_headers_are_canonical_and_rows_full_width(
    grids: dict[str, list[list[object]]], tab: str
) -> None:
    header, *rows = grids[tab]
    assert tuple(header) == TABS_BY_NAME[tab].column_names
    assert rows, f"{tab} has no rows"
    assert all(len(row) == len(header) for row in rows)


@pytest.mark.parametrize("tab", [t.name for t in TABS])
def test_required_values_present_and_keys_unique(
    grids: dict[str, list[list[object]]], tab: str
) -> None:
    spec = TABS_BY_NAME[tab]
    rows = records(grids, tab)
    for col in spec.columns:
        if col.not_null:
            assert all(r[col.name] not in (None, "") for r in rows), f"{tab}.{col.name}"
    if spec.unique_key:
        keys = Counter(tuple(r[k] for k in spec.unique_key) for r in rows)
        assert [k for k, n in keys.items() if n > 1] == []


ENUM_COLUMNS = [
    (tab.name, col.name)
    for tab in TABS
    for col in tab.columns
    if col.kind == "enum" and tab.name in FILLED_TABS
]


@pytest.mark.parametrize(("tab", "column"), ENUM_COLUMNS)
def test_enum_values_are_canonical_keys(
    grids: dict[str, list[list[object]]], tab: str, column: str
) -> None:
    col = TABS_BY_NAME[tab].column(column)
    values = {r[column] for r in records(grids, tab)} - {None}
    assert values
    assert {v: match_choice(col, v) for v in values} == {v: v for v in values}


@pytest.mark.parametrize(
    ("tab", "column", "kind"),
    [
        (tab.name, col.name, col.kind)
        for tab in TABS
        for col in tab.columns
        if col.kind in {"date", "datetime", "integer", "bool", "region", "period", "percent"}
    ],
)
def test_typed_cells_have_their_python_type(
    grids: dict[str, list[list[object]]], tab: str, column: str, kind: str
) -> None:
    values = [r[column] for r in records(grids, tab) if r[column] is not None]
    checks = {
        "date": lambda v: type(v) is date,
        "datetime": lambda v: type(v) is datetime,
        "integer": lambda v: type(v) is int,
        "bool": lambda v: v in {"yes", "no"},
        "region": lambda v: v in ALLOWED_REGIONS,
        "period": lambda v: re.fullmatch(r"20\d\d-Q[1-4]", v) is not None,
        "percent": lambda v: isinstance(v, int | float) and 0 <= v <= 100,
    }
    assert [v for v in values if not checks[kind](v)] == []


def test_numbers_are_numbers_and_counts_whole(grids: dict[str, list[list[object]]]) -> None:
    for row in records(grids, "indicators"):
        for col in ("numerator", "denominator"):
            assert row[col] is None or type(row[col]) is int, row
        assert row["value"] is None or isinstance(row["value"], int | float), row


# --- Indicators ---------------------------------------------------------------------------------

COMMUNITIES = {
    "prevention_coverage": {"pwid", "wud", "sw", "msm", "trans"},
    "ost_coverage": {"pwid"},
    "nsp_syringes": {"pwid"},
    "testing_coverage": {"sw", "msm", "pwid"},
    "cascade_know": {"plhiv"},
    "cascade_treatment": {"plhiv"},
    "cascade_suppressed": {"plhiv"},
    "prep_uptake": {"msm", "sw", "trans"},
    "rights_violations": {"pwud", "sw", "lgbt", "plhiv"},
    "stockouts": {"all"},
}


def test_catalog_lists_the_tracked_measures(grids: dict[str, list[list[object]]]) -> None:
    catalog = {r["id"]: r for r in records(grids, "catalog")}
    assert set(catalog) == set(COMMUNITIES)
    assert all(r["name_en"] and r["name_ru"] and r["name_ky"] for r in catalog.values())


@pytest.mark.parametrize(
    ("indicator", "unit", "target", "source_part"),
    [
        ("ost_coverage", "percent", 50, "WHO/UNODC/UNAIDS Technical Guide"),
        ("nsp_syringes", "rate", 200, "WHO/UNODC/UNAIDS Technical Guide"),
        ("cascade_know", "percent", 95, "Fast-Track"),
        ("stockouts", "count", 0, "National"),
        ("prep_uptake", "count", None, None),
    ],
)
def test_catalog_targets(
    grids: dict[str, list[list[object]]],
    indicator: str,
    unit: str,
    target: float | None,
    source_part: str | None,
) -> None:
    row = next(r for r in records(grids, "catalog") if r["id"] == indicator)
    assert (row["unit"], row["target"]) == (unit, target)
    assert source_part is None or source_part in row["target_source"]


def test_cascade_steps(grids: dict[str, list[list[object]]]) -> None:
    steps = {r["id"]: r["cascade_step"] for r in records(grids, "catalog") if r["cascade_step"]}
    assert steps == {"cascade_know": 1, "cascade_treatment": 2, "cascade_suppressed": 3}


def test_indicators_cover_nine_regions_and_fifteen_quarters(
    grids: dict[str, list[list[object]]],
) -> None:
    rows = records(grids, "indicators")
    assert {r["region"] for r in rows} == NINE_REGIONS  # National is pooled by the app
    periods = sorted({r["period"] for r in rows})
    assert len(periods) >= 12
    assert (periods[0], periods[-1]) == ("2023-Q1", "2026-Q3")


def test_each_indicator_reports_its_communities(grids: dict[str, list[list[object]]]) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for r in records(grids, "indicators"):
        seen[r["indicator"]].add(r["community"])
    assert dict(seen) == COMMUNITIES


def test_percent_rows_carry_counts_that_fit(grids: dict[str, list[list[object]]]) -> None:
    units = {r["id"]: r["unit"] for r in records(grids, "catalog")}
    for r in records(grids, "indicators"):
        if units[r["indicator"]] == "percent":
            assert r["value"] is None and 0 <= r["numerator"] <= r["denominator"], r


def test_some_numerators_fall_below_ten(grids: dict[str, list[list[object]]]) -> None:
    small = {
        (r["indicator"], r["community"])
        for r in records(grids, "indicators")
        if r["numerator"] is not None and 0 < r["numerator"] < 10
    }
    # Percent rows (rate hidden with the count) and counts of people both need suppressing.
    assert {("prevention_coverage", "trans"), ("prevention_coverage", "msm")} <= small
    assert {("prep_uptake", "trans"), ("rights_violations", "lgbt")} <= small


def test_nsp_mixes_value_only_rows_and_counted_rows(grids: dict[str, list[list[object]]]) -> None:
    nsp = [r for r in records(grids, "indicators") if r["indicator"] == "nsp_syringes"]
    value_only = {r["region"] for r in nsp if r["numerator"] is None}
    counted = {r["region"] for r in nsp if r["numerator"] is not None}
    assert value_only >= {"Batken", "Naryn", "Talas"}
    assert counted >= {"Bishkek", "Chuy", "Osh city"}
    for r in nsp:
        has_counts = r["numerator"] is not None and r["denominator"] is not None
        assert has_counts != (r["value"] is not None), r  # one or the other, never both


def test_counts_of_people_in_numerator_events_in_value(
    grids: dict[str, list[list[object]]],
) -> None:
    for r in records(grids, "indicators"):
        if r["indicator"] in {"prep_uptake", "rights_violations"}:
            assert (r["denominator"], r["value"]) == (None, None) and r["numerator"] >= 0
        if r["indicator"] == "stockouts":
            assert (r["numerator"], r["denominator"]) == (None, None) and r["value"] >= 0


def test_some_targets_met_and_some_missed(grids: dict[str, list[list[object]]]) -> None:
    latest = [r for r in records(grids, "indicators") if r["period"] == "2026-Q3"]
    nsp = {
        r["region"]: r["numerator"] / r["denominator"] if r["numerator"] else r["value"]
        for r in latest
        if r["indicator"] == "nsp_syringes"
    }
    assert nsp["Bishkek"] >= 200 > nsp["Naryn"]
    stockouts = [r["value"] for r in latest if r["indicator"] == "stockouts"]
    assert 0 in stockouts


def _ost(grids: dict[str, list[list[object]]], period: str) -> dict[str, tuple[int, int]]:
    """OST coverage counts per region in ``period``."""
    return {
        r["region"]: (r["numerator"], r["denominator"])
        for r in records(grids, "indicators")
        if r["indicator"] == "ost_coverage" and r["period"] == period
    }


def test_ost_hand_check_answer(grids: dict[str, list[list[object]]]) -> None:
    """Where is OST coverage furthest below 50%, and has it improved since last year?"""
    now, year_ago = _ost(grids, "2026-Q3"), _ost(grids, "2025-Q3")
    pct = {region: 100 * n / d for region, (n, d) in now.items()}
    ranked = sorted(pct, key=pct.get)
    assert ranked[0] == "Jalal-Abad"
    assert pct[ranked[1]] - pct[ranked[0]] > 4  # clearly lowest, not a near tie
    assert now["Jalal-Abad"] == (98, 2300) and year_ago["Jalal-Abad"] == (150, 2300)
    improved = [r for r in NINE_REGIONS if now[r][0] / now[r][1] > year_ago[r][0] / year_ago[r][1]]
    assert sorted(improved) == sorted(NINE_REGIONS - {"Jalal-Abad"})


# --- Elections and votes ------------------------------------------------------------------------


def _running_shares(votes: list[dict[str, object]]) -> list[tuple[datetime, dict[str, float]]]:
    """Cumulative share of each candidate after each timestamped batch."""
    totals: Counter[str] = Counter()
    out = []
    for stamp in sorted({v["timestamp"] for v in votes}):
        for v in votes:
            if v["timestamp"] == stamp:
                totals[v["candidate"]] += v["votes"]
        counted = sum(totals.values())
        out.append((stamp, {c: 100 * n / counted for c, n in totals.items()}))
    return out


def test_community_candidate_reaches_47_percent_within_two_hours(
    grids: dict[str, list[list[object]]],
) -> None:
    election = next(e for e in records(grids, "elections") if e["id"] == "ccph-2025")
    votes = [v for v in records(grids, "votes") if v["election"] == "ccph-2025"]
    assert all(isinstance(v["timestamp"], datetime) for v in votes)
    shares = _running_shares(votes)
    first = shares[0][0]
    gaps = [b[0] - a[0] for a, b in pairwise(shares)]
    assert all(timedelta(minutes=10) <= g <= timedelta(minutes=15) for g in gaps)
    candidate = election["community_candidate"]
    reached = next(t for t, s in shares if s.get(candidate, 0) >= 47)
    assert reached <= first + timedelta(hours=2)
    opening = datetime.combine(election["date"], datetime.min.time()).replace(hour=10)
    assert "opened at 10:00" in election["notes"]
    assert reached <= opening + timedelta(hours=2)
    assert reached == datetime(2025, 10, 16, 11, 55)
    assert all(s[candidate] >= 47 for t, s in shares if t >= reached)  # and stays there
    crossed = next(t for t, s in shares if s.get(candidate, 0) >= election["threshold"])
    assert crossed == datetime(2025, 10, 16, 11, 3)
    # Only one candidate ever reaches the threshold: the story has one crossing.
    others = {c for _, s in shares for c, p in s.items() if c != candidate and p >= 40}
    assert others == set()


def test_final_result_2025(grids: dict[str, list[list[object]]]) -> None:
    votes = [v for v in records(grids, "votes") if v["election"] == "ccph-2025"]
    final: Counter[str] = Counter()
    for v in votes:
        final[v["candidate"]] += v["votes"]
    assert final == {"Aigerim Sadykova": 203, "Bakyt Osmonov": 128, "Nurlan Zhumabaev": 81}


@pytest.mark.parametrize("election_id", ["ccph-2022", "ccph-2025"])
def test_ballot_totals_are_consistent(
    grids: dict[str, list[list[object]]], election_id: str
) -> None:
    election = next(e for e in records(grids, "elections") if e["id"] == election_id)
    votes = [v for v in records(grids, "votes") if v["election"] == election_id]
    final_round = max(v["round"] for v in votes)
    valid = sum(v["votes"] for v in votes if v["round"] == final_round)
    blank, invalid = election["blank_votes"], election["invalid_votes"]
    assert election["total_votes"] == valid + blank + invalid
    assert election["total_votes"] <= election["eligible_voters"]
    assert election["status"] == "certified"


def test_earlier_election_had_two_rounds_without_timestamps(
    grids: dict[str, list[list[object]]],
) -> None:
    votes = [v for v in records(grids, "votes") if v["election"] == "ccph-2022"]
    assert {v["round"] for v in votes} == {1, 2}
    assert {v["timestamp"] for v in votes} == {None}
    round_one = {v["candidate"]: v["votes"] for v in votes if v["round"] == 1}
    assert max(round_one.values()) / sum(round_one.values()) < 0.40  # hence round 2


def test_small_voter_groups_exist(grids: dict[str, list[list[object]]]) -> None:
    per_group: Counter[tuple[str, str, str]] = Counter()
    for v in records(grids, "votes"):
        if v["voter_group"]:
            per_group[v["election"], v["candidate"], v["voter_group"]] += v["votes"]
    small = {k for k, n in per_group.items() if n < 10}
    assert ("ccph-2025", "Bakyt Osmonov", "LGBT people") in small
    assert any(k[0] == "board-2026" for k in small)


def test_an_election_is_open(grids: dict[str, list[list[object]]]) -> None:
    statuses = {e["id"]: e["status"] for e in records(grids, "elections")}
    assert statuses == {"ccph-2022": "certified", "ccph-2025": "certified", "board-2026": "open"}


def test_votes_name_known_elections(grids: dict[str, list[list[object]]]) -> None:
    ids = {e["id"] for e in records(grids, "elections")}
    assert {v["election"] for v in records(grids, "votes")} == ids


# --- Milestones and members ---------------------------------------------------------------------

STATUSES = {c.key for c in contract.MILESTONE_STATUSES}


def _open(m: dict[str, object]) -> bool:
    """Not finished: neither done nor cancelled."""
    return m["status"] not in {"done", "cancelled"}


def test_milestones_cover_the_strategy(grids: dict[str, list[list[object]]]) -> None:
    ms = records(grids, "milestones")
    assert len(ms) >= 25
    assert {m["status"] for m in ms} == STATUSES
    assert len({m["objective"] for m in ms}) in {4, 5}
    for m in ms:
        assert date(2025, 1, 1) <= m["start"] <= m["due"] <= date(2027, 12, 31), m["id"]
        assert m["last_update"] <= TODAY, m["id"]
        assert 0 <= m["progress"] <= 100
        assert (m["status"] == "done") == (m["progress"] == 100), m["id"]


def test_milestones_point_at_known_organisations_and_indicators(
    grids: dict[str, list[list[object]]],
) -> None:
    orgs = {m["organisation"] for m in records(grids, "members")}
    catalog = {c["id"] for c in records(grids, "catalog")}
    for m in records(grids, "milestones"):
        assert m["lead"] in orgs, m["id"]
        for partner in (m["partners"] or "").split(", "):
            assert partner == "" or partner in orgs, (m["id"], partner)
        assert m["indicator"] is None or m["indicator"] in catalog, m["id"]


def test_ost_milestone_on_track_while_indicator_far_below_target(
    grids: dict[str, list[list[object]]],
) -> None:
    linked = [m for m in records(grids, "milestones") if m["indicator"] == "ost_coverage"]
    assert "on_track" in {m["status"] for m in linked}
    now = _ost(grids, "2026-Q3")
    national = 100 * sum(n for n, _ in now.values()) / sum(d for _, d in now.values())
    assert national < 25


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("overdue", ["M-01", "M-08", "M-11", "M-17", "M-23", "M-27", "M-32"]),
        ("due_30", ["M-03", "M-10", "M-26"]),
        ("due_60", ["M-03", "M-06", "M-10", "M-15", "M-24", "M-26"]),
        ("due_90", ["M-03", "M-06", "M-10", "M-12", "M-15", "M-24", "M-25", "M-26"]),
    ],
)
def test_overdue_and_due_soon_as_of_the_sample_day(
    grids: dict[str, list[list[object]]], what: str, expected: list[str]
) -> None:
    """Overdue: due before 2026-11-27 and neither done nor cancelled; due today is not late."""
    ms = [m for m in records(grids, "milestones") if _open(m)]
    if what == "overdue":
        got = [m["id"] for m in ms if m["due"] < TODAY]
    else:
        days = int(what.split("_")[1])
        got = [m["id"] for m in ms if TODAY <= m["due"] <= TODAY + timedelta(days=days)]
    assert got == expected


def test_members_and_candidates(grids: dict[str, list[list[object]]]) -> None:
    members = records(grids, "members")
    roles = Counter(m["role"] for m in members)
    assert roles == {"member": 7, "candidate": 2}
    communities = {
        contract.COMMUNITY_PARENT.get(m["community"], m["community"])
        for m in members
        if m["role"] == "member"
    }
    assert communities == {"pwud", "sw", "plhiv", "lgbt"}
    per_community = Counter(
        contract.COMMUNITY_PARENT.get(m["community"], m["community"])
        for m in members
        if m["role"] == "member"
    )
    assert max(per_community.values()) <= 2


# --- The README states the same answers ----------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Jalal-Abad",
        "98 / 2,300 = 4.26%",
        "150 / 2,300 = 6.52%",
        "44 / 500 = 8.80%",
        "203 / 412 = 49.3%",
        "115 / 242 = 47.5%",
        "11:55",
        "7 milestones are overdue",
        "python data/make_sample.py",
        "fictional",
    ],
)
def test_readme_gives_the_hand_calculated_answers(phrase: str) -> None:
    assert phrase in README.read_text(encoding="utf-8")


def test_readme_row_counts(grids: dict[str, list[list[object]]]) -> None:
    text = README.read_text(encoding="utf-8")
    stated = {
        tab: int(n.replace(",", ""))
        for tab, n in re.findall(r"^\| `(\w+)` \| ([\d,]+) \|", text, flags=re.MULTILINE)
    }
    assert stated == {tab: len(rows) - 1 for tab, rows in grids.items()}


# --- Scaling for benchmarks ---------------------------------------------------------------------


def test_scale_indicators_multiplies_rows_and_keeps_keys_unique(
    grids: dict[str, list[list[object]]],
) -> None:
    before = [list(r) for r in grids["indicators"]]
    scaled = scale_indicators(grids, 4)
    assert grids["indicators"] == before  # the input is not modified
    assert len(scaled["indicators"]) - 1 == 4 * (len(before) - 1)
    assert len(scaled["catalog"]) - 1 == 4 * (len(grids["catalog"]) - 1)
    rows = records(scaled, "indicators")
    keys = Counter((r["indicator"], r["period"], r["region"], r["community"]) for r in rows)
    assert max(keys.values()) == 1
    assert {r["indicator"] for r in rows} == {c["id"] for c in records(scaled, "catalog")}
    assert scale_indicators(grids, 1) == grids


def test_scale_rejects_zero(grids: dict[str, list[list[object]]]) -> None:
    with pytest.raises(ValueError):
        scale_indicators(grids, 0)


# --- The parser reads the sample cleanly ----------------------------------------------------------


def test_sample_parses_without_problems() -> None:
    from utils.sheet import parse
    from utils.sources.files import XlsxSource

    raw = XlsxSource(OUT, sample=True).read()
    workbook = parse.parse_workbook(raw, today=TODAY)
    assert workbook.problems == ()
    for tab in TABS:
        assert workbook.stats[tab.name].rows_read == len(raw[tab.name]) - 1
        assert workbook.stats[tab.name].rows_used == workbook.stats[tab.name].rows_read
