"""The Strategy page through AppTest: what a presenter sees on the sample and on special
workbooks. "Today" is pinned by patching ``today_in_bishkek``, which the page reads."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from data.sample_history import version_at
from tests.apptest import checked, run_page
from utils.analysis.privacy import small_counts_in
from utils.i18n import t
from utils.store.load import save_snapshot

PAGE = "pages/strategy.py"
SECTIONS = {
    "strategy_summary_open": "strategy.summary.title",
    "strategy_checks_open": "strategy.checks.title",
    "strategy_changes_open": "strategy.changes.title",
    "strategy_years_open": "strategy.years.title",
}
"""The sections below the timeline, drawn on demand: their URL key and title."""
ALL_OPEN = dict.fromkeys(SECTIONS, "true")


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[date], None]:
    """Pin the page's "today" (Bishkek) to a given day."""

    def pin(day: date) -> None:
        monkeypatch.setattr("utils.analysis.milestones.today_in_bishkek", lambda now=None: day)

    return pin


def run(lang: str = "en", *, opened: bool = True, **state: object) -> AppTest:
    """Run the page in ``lang`` with the given session state, every section open (in the URL)
    unless ``opened`` is false."""
    return run_page(PAGE, lang=lang, query=ALL_OPEN if opened else {}, state=state, timeout=60)


def text(at: AppTest) -> str:
    """Every markdown, caption, warning and info text on the page, joined."""
    parts = [e.value for e in [*at.markdown, *at.caption, *at.warning, *at.info, *at.subheader]]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label -> value."""
    return {x.label: x.value for x in at.metric}


def test_sample_answers_late_leads_and_changes_without_a_filter(today) -> None:
    today(date(2026, 11, 27))
    at = run("en")
    shown = text(at)
    assert at.title[0].value == "Strategy 2025–2027"
    # What is late and who leads it: data/README.md, "Milestones as of 2026-11-27".
    assert "**Late (past due, not done): 7**" in shown
    assert (
        "**M-01** Open two new OST sites in Osh and Jalal-Abad oblasts "
        "(lead: Steppe Harm Reduction Network) — 150 days late, due Jun 30, 2026" in shown
    )
    assert "**Due in the next 30 days: 3**" in shown
    # What changed since the last meeting (data/sample_history.py, autumn meeting).
    assert (
        "**Since Oct 2, 2026**: became overdue: 3; status changed: 5; progress changed: 12; new: 1."
        in shown
    )
    assert metrics(at) == {
        "Late": "7",
        "Due in 30 days": "3",
        "Done (of the plan)": "23%",
        "Changed since last meeting": "16",
    }
    assert at.selectbox(key="strategy_since").value == "2026-10-02"
    flags = [w.value for w in at.warning]
    assert any(w.startswith("**M-02** Reach 20% OST coverage in Bishkek") for w in flags)
    assert len(at.get("plotly_chart")) == 5
    assert len(at.dataframe) == 5  # late, due soon, indicator checks, changes, rows updated


def test_nothing_small_reaches_the_browser(today) -> None:
    today(date(2026, 11, 27))
    at = run("en")
    assert small_counts_in([c.proto.spec for c in at.get("plotly_chart")]) == []
    assert small_counts_in([d.value for d in at.dataframe]) == []


def test_a_day_later_in_bishkek_m10_is_late(today) -> None:
    today(date(2026, 11, 28))
    at = run("en")
    assert metrics(at)["Late"] == "8"
    assert "**Late (past due, not done): 8**" in text(at)


def test_russian_and_kyrgyz(today) -> None:
    today(date(2026, 11, 27))
    ru = text(run("ru"))
    assert "**Просрочено 7 этапов (срок прошёл, не выполнены)**" in ru
    assert "просрочено на 150 дней" in ru
    assert "**С 2 окт. 2026\u202fг.**" in ru
    ky = run("ky")
    assert ky.title[0].value == "Стратегия 2025–2027"
    assert "**Кечиккен (мөөнөтү өттү, аткарылган жок): 7**" in text(ky)


def test_filters_and_an_earlier_meeting(today) -> None:
    today(date(2026, 11, 27))
    at = run("en")
    checked(at.multiselect(key="strategy_lead").set_value(["Living Together Osh"]).run())
    assert metrics(at)["Late"] == "2"  # M-17 and M-27
    assert "Only the milestones matching the filters are counted." in text(at)
    checked(at.multiselect(key="strategy_lead").set_value([]).run())
    checked(at.selectbox(key="strategy_since").set_value("2026-03-20").run())
    assert "**Since Mar 20, 2026**: completed: 1;" in text(at)
    checked(at.segmented_control(key="strategy_horizon").set_value(90).run())
    assert metrics(at)["Due in 90 days"] == "8"


def test_sections_below_the_timeline_are_drawn_when_opened(today) -> None:
    """A first visit draws the answer, the check-ins and the timeline; each section below is a
    closed expander titled with what it holds, drawn once the reader opens it."""
    today(date(2026, 11, 27))
    at = run("en", opened=False)
    labels = [e.label for e in at.expander]
    titles = [t(key, "en") for key in SECTIONS.values()]
    assert labels[-4:] == titles
    assert len(at.get("plotly_chart")) == 1  # the timeline
    assert not at.warning  # the checks' flags wait in their section
    assert at.metric  # the answer is there
    checks = run_page(PAGE, query={"strategy_checks_open": "true"}, timeout=60)
    assert "Progress checked against the indicators" not in text(checks)  # the label says it
    assert checks.warning  # its flags
    assert len(checks.get("plotly_chart")) == 1
    years = run_page(PAGE, query={"strategy_years_open": "true"}, timeout=60)
    assert len(years.get("plotly_chart")) == 2  # the timeline and the years


def test_presenter_mode_opens_every_section(today) -> None:
    today(date(2026, 11, 27))
    at = run("en", opened=False, present=True)
    assert len(at.get("plotly_chart")) == 5


def test_presenter_mode_shows_no_tables(today) -> None:
    today(date(2026, 11, 27))
    at = run("en", present=True)
    assert len(at.dataframe) == 0
    assert len(at.get("plotly_chart")) == 5
    shown = text(at)
    assert "**Late (past due, not done): 7**" in shown
    assert "in the table below" not in shown  # no tables here, so all seven are named
    assert "**M-23** Sex workers" in shown
    # The change report becomes a list: each changed milestone, its lead and what changed.
    assert (
        "- **M-01** Open two new OST sites in Osh and Jalal-Abad oblasts "
        "(lead: Steppe Harm Reduction Network): status At risk → Delayed; progress 55% → 60%"
    ) in shown


def test_apostrophes_in_sheet_text_read_as_written(today) -> None:
    today(date(2026, 11, 27))
    assert "(lead: Sunrise Women's Harm Reduction)" in text(run("en"))


def test_workbook_without_milestones(use_workbook) -> None:
    grids = build_sample()
    del grids["milestones"]
    use_workbook(grids)
    at = run("en")
    assert any("'milestones'" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_real_workbook_without_history_offers_a_date(today, use_workbook) -> None:
    today(date(2026, 11, 27))
    use_workbook(build_sample())
    at = run("en")
    shown = text(at)
    assert "No earlier copy of the sheet is kept yet" in shown
    assert len(at.date_input) == 1
    assert "Rows the sheet marks as updated after Oct 16, 2026" in shown  # 42 days back


def test_real_workbook_compares_with_its_saved_snapshot(today, use_workbook) -> None:
    today(date(2026, 11, 27))
    grids = build_sample()
    use_workbook(grids)
    earlier = {**grids, "milestones": version_at(grids["milestones"], date(2026, 10, 2))}
    save_snapshot(
        Path(os.environ["UV_SNAPSHOT_DIR"]), earlier, "x", datetime(2026, 10, 2, 4, 0, tzinfo=UTC)
    )
    at = run("en")
    assert at.selectbox(key="strategy_since").value == "2026-10-02"
    assert "**Since Oct 2, 2026**: became overdue: 3; status changed: 5;" in text(at)
    assert "(sample)" not in at.selectbox(key="strategy_since").format_func("2026-10-02")
