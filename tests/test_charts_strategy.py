"""Strategy figures, tables and sentences, asserted on what they hold."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from utils.analysis import milestones as m
from utils.analysis.privacy import Protected, no_people, small_counts_in, suppress
from utils.render import strategy as charts
from utils.render.theme import STATUS_COLOURS, TARGET_COLOUR

TODAY = date(2026, 6, 1)


def milestones() -> Protected:
    """Five milestones over two objectives, one without a start date."""
    rows = [
        ("m-01", "1. Harm reduction", "Open OST sites", "Org A", "2025-01-01", "2026-03-31",
         "delayed", 60.0),
        ("m-02", "1. Harm reduction", "Naloxone <b>everywhere</b>", "Org <i>B</i>", "2025-02-01",
         "2026-12-31", "on_track", 40.0),
        ("m-03", "2. Testing", "Self-testing", "Org A", "2025-01-01", "2025-12-31", "done", 100.0),
        ("m-04", "2. Testing", "PrEP sites", None, None, "2026-06-20", "at_risk", None),
        ("m-05", "2. Testing", "Index testing", "Org B", "2026-01-01", "2027-02-01",
         "cancelled", 10.0),
    ]  # fmt: skip
    out = pd.DataFrame(
        rows,
        columns=["id", "objective", "milestone", "lead", "start", "due", "status", "progress"],
    )
    out["start"] = pd.to_datetime(out["start"])
    out["due"] = pd.to_datetime(out["due"])
    out["community"] = "all"
    out["last_update"] = pd.to_datetime(["2026-05-01", None, None, "2026-05-30", None])
    out["indicator"] = None
    return no_people(out)  # milestones count no people: the privacy layer certifies that


def test_timeline_groups_by_objective_colours_by_status_and_marks_today() -> None:
    fig = charts.make_timeline_figure(milestones(), lang="en", today=TODAY)
    order = list(fig.layout.yaxis.categoryarray)
    assert order[0] == "<b>1. Harm reduction</b>"
    assert order.index("<b>2. Testing</b>") == 3  # header, two milestones, next header
    assert order[1].startswith("M-01 · ")  # ids shown as written, earliest due first
    bars = {tr.name: tr for tr in fig.data if tr.type == "bar"}
    assert set(bars) == {"Delayed", "On track", "Done", "Cancelled"}  # m-04 has no start
    for key in ("delayed", "on_track", "done", "cancelled"):
        bar = bars[charts.status_name(key, "en")]
        assert bar.marker.color == STATUS_COLOURS[key]
    delayed = bars["Delayed"]
    assert delayed.base[0] == "2025-01-01"
    # start to due inclusive: 455 days in milliseconds
    assert delayed.x[0] == 455 * 24 * 3600 * 1000
    markers = {tr.name: tr for tr in fig.data if tr.type == "scatter"}
    late = markers["Due date passed, not done"]
    assert list(late.x) == ["2026-03-31"]  # only m-01: m-03 is done, m-04 due later
    assert late.marker.color == TARGET_COLOUR
    assert len(markers["Due date"].x) == 4  # every other milestone, the start-less one too
    for marker in markers.values():  # a white rim: visible on the dark theme's background too
        assert marker.marker.line.color == "#ffffff" and marker.marker.line.width >= 1
    assert [s.x0 for s in fig.layout.shapes] == ["2026-06-01"]
    assert "Today" in fig.layout.annotations[0].text
    assert fig.layout.yaxis.range == (len(order) - 0.5, -0.5)


def test_timeline_makes_sheet_text_inert() -> None:
    fig = charts.make_timeline_figure(milestones(), lang="en", today=TODAY)
    text = str(fig.to_plotly_json())
    assert "<b>everywhere</b>" not in text and "&lt;b&gt;everywhere&lt;/b&gt;" in text
    assert "<i>B</i>" not in text
    hover = next(tr for tr in fig.data if tr.name == "On track").customdata[0]
    assert hover[1] == "Lead: Org &lt;i&gt;B&lt;/i&gt;"


def test_timeline_in_russian_and_presenter_mode_is_taller() -> None:
    normal = charts.make_timeline_figure(milestones(), lang="ru", today=TODAY)
    big = charts.make_timeline_figure(milestones(), lang="ru", today=TODAY, presenting=True)
    assert {tr.name for tr in normal.data} >= {"Отстаёт", "По плану", "Срок"}
    assert big.layout.height > normal.layout.height
    assert normal.layout.title.text == "График этапов по стратегическим целям"


def test_status_figure_uses_status_colours_and_skips_empty_statuses() -> None:
    fig = charts.make_status_figure(m.status_summary(milestones()), lang="en")
    bar = fig.data[0]
    assert list(bar.y) == ["On track", "At risk", "Delayed", "Done", "Cancelled"]
    assert list(bar.marker.color) == [
        STATUS_COLOURS[k] for k in ("on_track", "at_risk", "delayed", "done", "cancelled")
    ]
    # Shares of the live milestones (one of five is cancelled), as the Overview's "done" says it.
    assert bar.text[0] == "1 (25%)"
    assert bar.text[-1] == "1"  # the cancelled bar: its count alone
    done = m.share_done(milestones())
    assert bar.text[3] == f"1 ({round(done)}%)"  # the same figure as the Overview's
    assert small_counts_in(fig) == []  # milestones are not people: nothing count-like here


def test_progress_and_years_figures() -> None:
    by_lead = m.progress_by(milestones(), "lead", TODAY)
    fig = charts.make_progress_figure(by_lead, by="lead", lang="en")
    names = [label.split("<br>")[0] for label in fig.data[0].y]
    assert names == ["no lead named", "Org &lt;i&gt;B&lt;/i&gt;", "Org A"]
    assert fig.data[0].y[2].endswith(">80% · done 1 of 2 · late 1</span>")  # under its name
    assert fig.layout.xaxis.range == (0, 100)  # a percent axis ends at 100
    years = m.years_against_plan(milestones(), TODAY)
    fig = charts.make_years_figure(years, lang="en")
    planned, done, due = fig.data
    assert list(planned.x) == ["2025", "2026", "2027"]
    assert list(planned.y) == [1, 3, 0] and list(done.y) == [1, 0, 0]
    assert list(due.y) == [1, 1, 0]
    assert list(done.text) == ["100%", "0%", ""]
    assert done.marker.color == STATUS_COLOURS["done"]


def test_headline_names_the_late_their_leads_and_the_changes() -> None:
    ms = milestones()
    late = m.overdue(ms, TODAY)
    soon = m.due_within(ms, TODAY, 30)
    text = charts.headline_markdown(
        late,
        soon,
        30,
        {"completed": 1, "became_overdue": 2, "status": 0, "progress": 3, "due": 0, "new": 0,
         "removed": 0},
        date(2026, 3, 20),
        lang="en",
        escape=lambda s: s.upper(),  # proves every piece of sheet text goes through escape
    )  # fmt: skip
    assert "**Late (past due, not done): 1**" in text
    assert "**M-01** OPEN OST SITES (lead: ORG A) — 62 days late, due Mar 31, 2026" in text
    assert "**Due in the next 30 days: 1**" in text and "(lead: NO LEAD NAMED)" in text
    assert "**Since Mar 20, 2026**: completed: 1; became overdue: 2; progress changed: 3." in text
    ru = charts.headline_markdown(late, soon, 30, None, None, lang="ru", escape=str)
    assert "просрочено на 62 дня" in ru  # Russian plural from Babel
    assert "Более ранней копии таблицы пока нет" in ru


@pytest.mark.parametrize(
    ("late", "expected"),
    [(0, "**Nothing is late**"), (7, "and 2 more in the table below.")],
)
def test_headline_empty_and_long_lists(late: int, expected: str) -> None:
    ms = pd.concat([milestones().iloc[[0]]] * late, ignore_index=True) if late else milestones()
    overdue = m.overdue(ms, TODAY) if late else m.overdue(ms, date(2025, 1, 1))
    text = charts.headline_markdown(overdue, overdue.iloc[0:0].assign(days_left=[]), 30,
                                    {k: 0 for k in m.CHANGE_KINDS}, date(2026, 1, 1),
                                    lang="en", escape=str)  # fmt: skip
    assert expected in text
    assert "Nothing else falls due in the next 30 days." in text
    assert "no milestone changed" in text


def test_tables_translate_and_format() -> None:
    late = m.overdue(milestones(), TODAY)
    table = charts.late_table(late, lang="ru")
    assert list(table.columns) == [
        "Код", "Этап", "Ведущая организация", "Статус", "Срок", "Дней просрочки", "Прогресс",
    ]  # fmt: skip
    assert table.iloc[0].tolist()[3:] == ["Отстаёт", "31 мар. 2026\u202fг.", 62, "60%"]
    updated = charts.updated_table(m.updated_since(milestones(), date(2026, 5, 1)), lang="en")
    assert updated["Id"].tolist() == ["M-04"]


def test_changes_table_says_what_changed_in_words() -> None:
    changes = pd.DataFrame(
        {
            "id": ["a", "b", "e"],
            "milestone": ["A", "B", "E"],
            "lead": ["Org", "Org", None],
            "status_before": ["on_track", "on_track", None],
            "status_now": ["done", "delayed", "not_started"],
            "progress_before": [80.0, 40.0, None],
            "progress_now": [100.0, 50.0, 0.0],
            "due_before": pd.to_datetime(["2026-12-01", "2026-09-01", None]),
            "due_now": pd.to_datetime(["2026-12-01", "2026-10-01", "2026-04-01"]),
            "completed": [True, False, False],
            "became_overdue": [False, False, True],
            "status": [True, True, False],
            "progress": [True, True, False],
            "due": [False, True, False],
            "new": [False, False, True],
            "removed": [False, False, False],
        }
    )
    words = charts.changes_table(no_people(changes), lang="en")["What changed"].tolist()
    assert words == [
        "completed; progress 80% → 100%",
        "status On track → Delayed; progress 40% → 50%; due date Sep 1, 2026 → Oct 1, 2026",
        "new milestone; became overdue",
    ]


def test_checks_table_hides_a_value_built_on_a_small_count() -> None:
    checks = pd.DataFrame(
        {
            "id": ["m-1", "m-2"],
            "milestone": ["One", "Two"],
            "status": ["on_track", "on_track"],
            "indicator": ["prep", "cov"],
            "unit": ["count", "percent"],
            "period": ["2026-Q3", "2026-Q3"],
            "value": [4.0, 14.6],
            "expected": [6.0, 30.0],
            "target": [None, 50.0],
            "numerator": [4.0, 146.0],
            "denominator": [None, 1000.0],
            "verdict": ["no_target", "behind"],
            "flag": [False, True],
        }
    )
    protected = suppress(
        checks,
        count_cols=["numerator", "denominator"],
        rate_cols={"value": ["numerator", "denominator"]},
    )
    catalog = pd.DataFrame({"id": ["cov"], "name_en": ["Coverage"], "name_ru": [""]})
    table = charts.checks_table(protected, catalog, lang="ru")
    assert table["Последнее значение"].tolist() == ["*", "14,6%"]
    assert table["Нужно к сегодня"].tolist() == ["*", "30,0%"]
    assert table["Показатель"].tolist() == ["prep", "Coverage"]  # empty Russian name -> English
    assert table["Что говорит показатель"].tolist() == [
        "Цель не задана",
        "⚠ Отстаёт от пути к цели",
    ]


def test_on_a_phone_the_timeline_is_labelled_by_code_and_the_names_are_in_the_hover() -> None:
    fig = charts.make_timeline_figure(milestones(), lang="en", today=TODAY, phone=True)
    order = list(fig.layout.yaxis.categoryarray)
    assert order[:3] == ["<b>1. Harm reducti…</b>", "M-01", "M-02"]  # its first words
    assert all(len(label) <= charts.PHONE_LABEL_CHARS + 7 for label in order)  # "<b></b>"
    bars = [tr for tr in fig.data if tr.type == "bar"]
    hovers = [row[0] for bar in bars for row in bar.customdata]
    assert "M-02 · Naloxone &lt;b&gt;everywhere&lt;/b&gt;" in hovers  # the whole name, inert
    (today,) = fig.layout.annotations
    assert today.xanchor == "right"  # the day's note stays inside a narrow plot


def test_on_a_phone_progress_bars_say_the_share_and_keep_the_counts_in_the_hover() -> None:
    by_lead = m.progress_by(milestones(), "lead", TODAY)
    fig = charts.make_progress_figure(by_lead, by="lead", lang="en", phone=True)
    assert fig.data[0].text[2] == "80%"
    assert fig.data[0].customdata[2] == "80% · done 1 of 2 · late 1"
    assert "Org &lt;i&gt;B&lt;/i&gt;" in list(fig.data[0].y)  # escaped once, not twice
    assert fig.layout.xaxis.range == (0, 100)
