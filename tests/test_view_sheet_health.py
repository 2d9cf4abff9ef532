"""The Sheet health page's view-model without AppTest: its sentences on a tiny workbook.

Every expected value is worked out by hand from the rows below, not by the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.test_parse import base
from utils.editors import check, health
from utils.sheet.parse import parse_workbook
from utils.views.sections import Broken, broken_sections, unwrap

DAY = date(2026, 6, 1)


def _view(
    grids: dict | None = None,
    *,
    presenting: bool = False,
    raw_counts: bool = False,
    as_of: datetime | None = None,
) -> health.HealthView:
    return health.build(
        parse_workbook(grids or base(), today=DAY),
        health.HealthFilters(),
        lang="en",
        threshold=10,
        presenting=presenting,
        as_of=as_of,
        raw_counts=raw_counts,
    )


def _mistakes() -> dict[str, list[list[object]]]:
    """The small workbook with an unknown region (C2) and a count in words (E3)."""
    grids = base()
    header = grids["indicators"][0]
    grids["indicators"][1][header.index("region")] = "Atlantis"
    grids["indicators"][2][header.index("numerator")] = "5 people"
    return grids


def test_a_clean_workbook_is_all_clear() -> None:
    view = _view()
    assert broken_sections(view) == []
    assert view.summary == health.Notice(
        "success", "No problems found: every value in the workbook was read."
    )
    tabs = unwrap(view.tabs)
    assert tabs.columns == ("cell", "column", "value", "outcome", "expected")  # no links
    first = tabs.tabs[0]
    assert first.heading == "indicators"
    assert first.summary == "4 rows read, 4 used · errors: 0, warnings: 0"
    assert all(not tab.tables for tab in tabs.tabs)
    assert view.last_refresh is None


def test_errors_are_counted_and_listed_at_their_cells() -> None:
    view = _view(_mistakes())
    assert view.summary == health.Notice(
        "error", "Errors: 2 (values not used) · warnings: 0 (used, please check)."
    )
    indicators = unwrap(view.tabs).tabs[0]
    assert indicators.summary == "4 rows read, 2 used · errors: 2, warnings: 0"
    (errors,) = indicators.tables
    assert errors.heading == (
        "**Errors: these values were not used (nor, where it says so, their rows)**"
    )
    assert errors.key == "health_indicators_error"
    assert errors.rows["cell"].tolist() == ["C2", "E3"]
    assert errors.rows["value"].tolist()[0] == "Atlantis"


def test_a_count_in_a_problem_cell_is_masked_unless_the_viewer_may_read_it() -> None:
    masked = unwrap(_view(_mistakes()).tabs).tabs[0].tables[0].rows
    assert masked["value"].tolist()[1] == "<10"  # "5 people" holds a small count
    raw = unwrap(_view(_mistakes(), raw_counts=True).tabs).tabs[0].tables[0].rows
    assert raw["value"].tolist()[1] == "5 people"


def test_warnings_only_is_a_warning() -> None:
    grids = base()
    grids["members"][0].append("Website")  # a column the contract does not know
    assert _view(grids).summary == health.Notice(
        "warning", "Errors: 0 (values not used) · warnings: 1 (used, please check)."
    )


def test_presenting_shows_counts_and_no_template() -> None:
    view = _view(_mistakes(), presenting=True)
    assert all(not tab.tables for tab in unwrap(view.tabs).tabs)
    assert unwrap(view.tabs).tabs[0].summary.startswith("4 rows read, 2 used")
    assert view.template is None


def test_the_template_and_the_last_refresh() -> None:
    view = _view(as_of=datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    assert view.last_refresh is not None and view.last_refresh.startswith("Last refresh: ")
    assert view.template is not None
    assert view.template.file_name == "united-voices-template.xlsx"
    assert view.template.data()[:2] == b"PK"  # an .xlsx is a zip


def test_a_tab_title_from_the_sheet_is_escaped() -> None:
    summary = check.TabSummary("indicators", "*Показатели*", 1, 1, 0, 0)
    heading = health.tab_heading(summary, "en")
    assert heading.startswith("indicators (in the sheet: “")
    assert "*Показатели*" not in heading
    same = check.TabSummary("indicators", "indicators", 1, 1, 0, 0)
    assert health.tab_heading(same, "en") == "indicators"


def test_a_failing_section_breaks_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(health.check, "report_rows", boom)
    view = _view()
    assert view.tabs == Broken("tabs")
    assert broken_sections(view) == ["tabs"]
