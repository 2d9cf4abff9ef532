"""Sheet health quotes a count of people as typed only to signed-in editors (issue 21, item 5).

In open mode anyone with the address can open the page, so a numerator of 7 typed above its
denominator of 5 must read "<10" there, in the value and in the explanation, while the cell
reference and the problem stay as clear. A signed-in editor, who can read the sheet anyway,
sees the cell as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from data.make_sample import build_sample
from tests.test_page_health import tables_by_tab
from tests.test_page_roles import app, user

PAGE = "pages/sheet_health.py"


@pytest.fixture
def small_counts_typed_wrong(use_workbook: Callable[[dict], Path]) -> str:
    """The sample with one row whose numerator (7) is above its denominator (5)."""
    grids = build_sample()
    header = grids["indicators"][0]
    bad = list(grids["indicators"][1])
    bad[header.index("numerator")] = 7
    bad[header.index("denominator")] = 5
    bad[header.index("value")] = None
    bad[header.index("period")] = "2019-Q1"  # a key of its own, so it is not a duplicate row
    grids["indicators"].append(bad)
    use_workbook(grids)
    column = "ABCDEFGHIJ"[header.index("numerator")]
    return f"{column}{len(grids['indicators'])}"  # the numerator's cell


def _problem_row(at, cell: str) -> dict:
    rows = {row["cell"]: row for row in tables_by_tab(at).get("indicators", [])}
    assert cell in rows, sorted(rows)
    return rows[cell]


def test_open_mode_reads_a_small_count_as_below_the_threshold(small_counts_typed_wrong) -> None:
    at = app(PAGE, who=None)
    at.run()
    assert not at.exception
    row = _problem_row(at, small_counts_typed_wrong)
    assert row["value"] == "<10"
    assert "<10" in row["expected"] and "(5)" not in row["expected"]
    assert "denominator" in row["expected"]  # the problem is as clear as before


def test_a_signed_in_editor_sees_the_cell_as_typed(small_counts_typed_wrong) -> None:
    at = app(PAGE, who=user("editor@coalition.kg"))
    at.run()
    assert not at.exception
    row = _problem_row(at, small_counts_typed_wrong)
    assert row["value"] == "7"
    assert "5" in row["expected"]
