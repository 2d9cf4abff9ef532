"""The Sheet health page through AppTest: what an editor sees on the sample and on mistakes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_page
from tests.conftest import ROOT
from tests.workbooks import broken_workbook
from utils.sheet.contract import TABS

PAGE = "pages/sheet_health.py"


SEEDED = ("Errors: 18", "18 ошибок")  # 17 mistakes, one of them a pair of rows
"""The page's summary of the broken workbook: the one error box these tests expect."""


def run(lang: str = "en", present: bool = False, expect_errors: tuple[str, ...] = ()) -> AppTest:
    """The page in ``lang``; no section may fail, and only ``expect_errors`` may show."""
    state = {"present": True} if present else {}
    return run_page(PAGE, lang=lang, state=state, expect_errors=expect_errors, timeout=60)


def _walk(node: object) -> Iterator[object]:
    """Every element of the page in the order it is drawn."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for key in sorted(children):
        yield from _walk(children[key])


def tables_by_tab(at: AppTest) -> dict[str, list[dict]]:
    """Problem rows shown under each tab's subheader."""
    out: dict[str, list[dict]] = {}
    current = None
    for element in _walk(at.main):
        kind = getattr(element, "type", "")
        if kind == "subheader":
            current = element.value.split(" ")[0]  # type: ignore[attr-defined]
        elif kind in ("dataframe", "arrow_data_frame") and current:
            out.setdefault(current, []).extend(element.value.to_dict("records"))  # type: ignore[attr-defined]
    return out


def test_sample_is_all_clear() -> None:
    at = run("en")
    assert at.title[0].value == "Sheet health"
    assert "No problems found" in at.success[0].value
    assert [s.value for s in at.subheader] == [tab.name for tab in TABS]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Last refresh:") for c in captions)
    assert any("rows read" in c and "errors: 0" in c for c in captions)
    assert not at.dataframe
    assert at.button(key="health_refresh").label == "Refresh now"
    assert at.get("download_button")[0].label == "Download the template (.xlsx)"
    # The editors' guide opens here, not as a path to a file an editor cannot reach.
    assert "docs/EDITORS.md" not in " ".join(c.value for c in at.caption)
    (guide,) = [e for e in at.expander if e.label.startswith("Editors' guide")]
    (text,) = [m.value for m in guide.markdown]
    assert text.startswith("The dashboard reads one workbook")
    assert "## Start from the template" in text


def test_every_seeded_mistake_is_shown_at_its_cell(use_workbook: Callable[[dict], Path]) -> None:
    grids, expected = broken_workbook()
    use_workbook(grids)
    at = run("en", expect_errors=SEEDED)
    assert "Errors: 18" in at.error[0].value
    tables = tables_by_tab(at)
    for tab, cell, _code in expected:
        cells = [row["cell"] for row in tables.get(tab, [])]
        assert cell in cells, (tab, cell)
    shown = {row["cell"]: row for row in tables["indicators"]}
    assert shown["C10"]["value"] == "Atlantis"
    assert shown["C10"]["column"] == "region"
    assert "nine regions" in shown["C10"]["expected"]
    assert shown["G1217"]["value"] == "#N/A"
    # The repeated key: both rows listed, each naming both and asking which one is right.
    pair = [row for row in tables["indicators"] if row["cell"] in ("A60", expected[8][1])]
    assert len(pair) == 2 and expected[8][2] == "duplicate_key"
    for row in pair:
        assert f"rows 60 and {expected[8][1][1:]} have the same key" in row["expected"]
        assert "Which one is right?" in row["expected"]
    assert all(row["link"] is None for rows in tables.values() for row in rows)


def test_russian(use_workbook: Callable[[dict], Path]) -> None:
    grids, _ = broken_workbook()
    use_workbook(grids)
    at = run("ru", expect_errors=SEEDED)
    assert at.title[0].value == "Проверка таблицы"
    assert at.error[0].value == (
        "18 ошибок (значения не использованы), 3 предупреждения (использованы, но проверьте)."
    )
    rows = tables_by_tab(at)["members"]
    assert any(row["expected"].startswith("Дата, например") for row in rows)
    assert any("Ошибки: эти значения не использованы" in m.value for m in at.markdown)


def test_sheet_text_is_never_markup(use_workbook: Callable[[dict], Path]) -> None:
    grids, _ = broken_workbook()
    region = grids["indicators"][0].index("region")
    grids["indicators"][11][region] = "<img src=x onerror=alert(1)> **bold**"
    use_workbook(grids)
    at = run("en", expect_errors=("Errors: 19",))  # the seeded 18 and the region planted here
    row = next(r for r in tables_by_tab(at)["indicators"] if r["cell"] == "C12")
    assert row["value"] == "<img src=x onerror=alert(1)> **bold**"  # shown as text in a table
    assert not any("<img" in m.value for m in at.markdown)


def test_warnings_only(use_workbook: Callable[[dict], Path]) -> None:
    from data.make_sample import build_sample

    grids = build_sample()
    grids["members"][0].append("Website")
    use_workbook(grids)
    at = run("en")
    assert not at.error
    assert at.warning and "warnings: 1" in at.warning[0].value


def test_presenter_mode_shows_counts_only(use_workbook: Callable[[dict], Path]) -> None:
    grids, _ = broken_workbook()
    use_workbook(grids)
    at = run("en", present=True, expect_errors=SEEDED)
    assert not at.dataframe
    assert not at.get("download_button")
    assert len(at.subheader) == len(TABS)


OTHER_PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", OTHER_PAGES)
def test_every_page_still_renders_from_the_valid_rows(
    use_workbook: Callable[[dict], Path], page: str
) -> None:
    grids, _ = broken_workbook()
    use_workbook(grids)
    summary = SEEDED if page == "sheet_health.py" else ()
    for lang in ("en", "ru"):
        run_page(f"pages/{page}", lang=lang, expect_errors=summary, timeout=60)


def test_each_problem_says_what_became_of_it(use_workbook: Callable[[dict], Path]) -> None:
    from data.make_sample import build_sample

    grids = build_sample()
    header = grids["milestones"][0]
    grids["milestones"][1][header.index("progress")] = 101  # blanked: the milestone is kept
    grids["milestones"][2][header.index("due")] = "#REF!"  # the milestone cannot do without it
    region = grids["members"][0].index("region")
    row = next(i for i, r in enumerate(grids["members"], start=1) if r[region] == "Osh oblast")
    grids["members"][row - 1][region] = "Ош"  # fits the oblast and the city
    use_workbook(grids)
    at = run("en", expect_errors=("Errors: 2 ",))  # the progress and the due date
    tables = tables_by_tab(at)
    shown = {r["cell"]: r for r in tables["milestones"]}
    assert shown["J2"]["outcome"].startswith("Value not used")
    assert shown["H3"]["outcome"] == "Row not used: a row cannot do without a valid “due”."
    (osh,) = tables["members"]
    assert osh["value"] == "Ош" and not osh["outcome"]
    assert "read as Osh oblast" in osh["expected"] and "“Osh city”" in osh["expected"]
    assert any(c.value.startswith("32 rows read, 31 used") for c in at.caption)
