"""The Monitoring page through AppTest: what a reader sees on the sample, on a sheet without the
monitoring tabs, and on the hand-worked sheet whose actions contradict it
(``tests.workbooks.monitoring_grids``, worked out in tests/test_view_monitoring.py). "Today" is
pinned by patching ``today_in_bishkek``, which the page reads."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import run_page
from tests.workbooks import monitoring_grids
from utils.sheet.contract import TABS_BY_NAME

PAGE = "pages/monitoring.py"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's "today" in Bishkek: 10 March 2026."""
    monkeypatch.setattr(
        "utils.analysis.milestones.today_in_bishkek", lambda now=None: date(2026, 3, 10)
    )


def text(at: AppTest) -> str:
    """Every markdown, caption, warning, info and subheader text on the page, joined."""
    parts = [e.value for e in [*at.markdown, *at.caption, *at.warning, *at.info, *at.subheader]]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def headers_only() -> dict:
    """The core tabs every page needs, with their headers and no rows (quick to write and read)."""
    return {tab: [list(TABS_BY_NAME[tab].column_names)] for tab in ("indicators", "catalog")}


def with_monitoring() -> dict:
    """The core tabs' headers and the hand-worked monitoring tabs."""
    return {**headers_only(), **copy.deepcopy(monitoring_grids())}


def test_inconsistent_actions_are_said_and_the_loop_still_answers(today, use_workbook) -> None:
    use_workbook(with_monitoring())
    at = run_page(PAGE, lang="ru", timeout=60)
    shown = text(at)
    assert at.title[0].value == "Мониторинг: от проблемы к решению"
    assert "**4 проблемы ещё не решены.** Кто должен ответить: УВД Нарына (2); Минздрав (1)." in (
        shown
    )
    assert "просрочено на 37 дней" in shown
    # The action naming F-99 and the two rows the actions contradict are said, not hidden.
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("F-99" in w for w in warnings)
    assert any("F-01, F-04" in w for w in warnings)
    assert {m.label: m.value for m in at.metric}["Ответы просрочены"] == "1"
    assert "**«Стоп хейт»**: цель 100\u00a0000 достигнута" in shown
    assert len(at.get("plotly_chart")) == 3  # funnel, speed, reach
    # The overdue list, oldest first, with its duty bearer.
    overdue = at.dataframe[0].value
    assert overdue.iloc[0].tolist()[:2] == ["F-02", "Минздрав"]


@pytest.fixture
def sample_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's own "today" in Bishkek, the day data/README.md works its answers out on."""
    monkeypatch.setattr(
        "utils.analysis.milestones.today_in_bishkek", lambda now=None: date(2026, 11, 27)
    )


def test_on_the_sample_a_leader_reads_the_answers_of_data_readme(
    sample_today, use_workbook
) -> None:
    use_workbook(build_sample())  # the sample's grids, as data/make_sample.py writes them
    at = run_page(PAGE, lang="en", query={"monitoring_finding": "F-053"}, timeout=90)
    shown = text(at)
    # data/README.md, "Community-led monitoring as of 2026-11-27".
    assert "**20 findings are still open.**" in shown
    assert (
        "**5 answers are overdue.** The oldest waits for Bishkek city police department: "
        "F-053, due Aug 22, 2026, 97 days overdue." in shown
    )
    assert "**Bishkek city police department**: no answer yet. 12 still wait" in shown
    assert (
        "**Ministry of Health**: median 42 days to the first answer (14 findings answered). "
        "3 still wait" in shown
    )
    assert "**Osh city AIDS centre**: median 7 days to the first answer" in shown
    not_held = [d.value for d in at.dataframe if "Checked in round" in d.value.columns]
    assert sorted(not_held[0]["Finding"]) == ["F-011", "F-025", "F-031"]
    assert (
        "**«No to hate speech»** passed its target of 150,000 on 8 Oct 2026, 12:00: "
        "**152,300 views in 3 days**." in shown
    )
    assert at.selectbox(key="monitoring_finding").value == "F-053"
    assert not at.warning  # the sample's actions agree with its rows


def test_a_workbook_without_the_tabs_says_which_to_add(use_workbook) -> None:
    use_workbook(headers_only())
    at = run_page(PAGE, lang="en", timeout=60)
    assert len(at.info) == 1
    assert "add a tab «findings»" in at.info[0].value
    assert not at.get("plotly_chart")
