"""The Strategy page's view-model without AppTest: its sentences, numbers and sections.

Expected values are the hand calculations of data/README.md ("Milestones as of 2026-11-27") and
of data/sample_history.py (what changed since the sample's autumn meeting), or are counted by
hand below; none is computed by the code under test.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from data.make_sample import build_sample
from utils.analysis import milestones as ms
from utils.sheet.parse import Workbook, parse_workbook
from utils.store.load import sample_history
from utils.views import strategy
from utils.views.sections import Broken, broken_sections
from utils.views.strategy import StrategyFilters

TODAY = date(2026, 11, 27)
AUTUMN = date(2026, 10, 2)
SPRING = date(2026, 3, 20)


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return parse_workbook(build_sample(), today=TODAY)


@pytest.fixture(scope="module")
def earlier() -> dict[date, Workbook]:
    """The sample's earlier versions as the store gives them, parsed on their own day."""
    return {
        ms.bishkek_day(when): parse_workbook(raw, today=ms.bishkek_day(when))
        for when, raw in sample_history()
    }


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown: the escaping backslashes are not shown."""
    return markdown.replace("\\", "")


def view(
    workbook: Workbook, earlier: Workbook | None, lang: str = "en", **kwargs: object
) -> strategy.StrategyView:
    presenting = bool(kwargs.pop("presenting", False))
    since = kwargs.pop("since", AUTUMN if earlier is not None else date(2026, 10, 16))
    filters = StrategyFilters(since=since, **kwargs)  # type: ignore[arg-type]
    built = strategy.build(
        workbook, earlier, filters, lang=lang, today=TODAY, presenting=presenting, sample=True
    )
    assert broken_sections(built) == []
    return built


def test_the_answer_on_the_sample(workbook: Workbook, earlier: dict[date, Workbook]) -> None:
    answer = view(workbook, earlier[AUTUMN]).answer
    assert not isinstance(answer, Broken)
    assert answer.caption == "Today is Nov 27, 2026 (Bishkek time)."
    assert answer.empty is None
    lines = shown(answer.headline).split("\n")
    assert lines[0].startswith("**Late (past due, not done): 7**")
    # M-01 was due on 30 June: July 31 + August 31 + September 30 + October 31 + 27 = 150 days.
    assert (
        "- **M-01** Open two new OST sites in Osh and Jalal-Abad oblasts "
        "(lead: Steppe Harm Reduction Network) — 150 days late, due Jun 30, 2026"
    ) in lines
    assert "**Due in the next 30 days: 3**" in answer.headline
    assert (
        "**Since Oct 2, 2026**: became overdue: 3; status changed: 5; progress changed: 12; new: 1."
        in answer.headline
    )
    # Done 7 of the 30 milestones not cancelled = 23%; changed: the 12 with new progress
    # (5 of them changed status too), 3 became overdue, 1 new = 16.
    assert [(m.label, m.value) for m in answer.metrics] == [
        ("Late", "7"),
        ("Due in 30 days", "3"),
        ("Done (of the plan)", "23%"),
        ("Changed since last meeting", "16"),
    ]


def test_russian_numbers_and_dates(workbook: Workbook, earlier: dict[date, Workbook]) -> None:
    answer = view(workbook, earlier[AUTUMN], "ru").answer
    assert not isinstance(answer, Broken)
    assert "**Просрочено 7 этапов (срок прошёл, не выполнены)**" in answer.headline
    assert "3 этапа стали просроченными; 5 этапов сменили статус" in answer.headline
    assert "прогресс изменился у 12 этапов; 1 новый этап." in answer.headline
    assert "просрочено на 150 дней" in answer.headline


def test_a_filter_and_a_longer_horizon(workbook: Workbook, earlier: dict[date, Workbook]) -> None:
    answer = view(workbook, earlier[AUTUMN], leads=("Living Together Osh",)).answer
    assert not isinstance(answer, Broken)
    assert answer.caption.endswith("Only the milestones matching the filters are counted.")
    assert answer.metrics[0].value == "2"  # M-17 and M-27
    wide = view(workbook, earlier[AUTUMN], horizon=90).answer
    assert not isinstance(wide, Broken)
    assert (wide.metrics[1].label, wide.metrics[1].value) == ("Due in 90 days", "8")


def test_against_the_spring_meeting(workbook: Workbook, earlier: dict[date, Workbook]) -> None:
    answer = view(workbook, earlier[SPRING], since=SPRING).answer
    assert not isinstance(answer, Broken)
    assert "**Since Mar 20, 2026**: completed: 1;" in answer.headline  # M-05


def test_presenter_mode_names_every_late_milestone_and_lists_no_table(
    workbook: Workbook, earlier: dict[date, Workbook]
) -> None:
    built = view(workbook, earlier[AUTUMN], presenting=True)
    assert not isinstance(built.answer, Broken)
    assert built.answer.headline.count("days late") == 7
    summary, checks, changes = built.summary.get(), built.checks.get(), built.changes.get()
    assert not isinstance(summary, Broken) and summary.listings == ()
    assert len(summary.figures) == 3
    assert not isinstance(checks, Broken) and checks.table is None
    assert not isinstance(changes, Broken)
    assert changes.table is None and changes.updated_table is None
    assert changes.report is not None
    assert (
        "- **M-01** Open two new OST sites in Osh and Jalal-Abad oblasts "
        "(lead: Steppe Harm Reduction Network): status At risk → Delayed; progress 55% → 60%"
    ) in shown(changes.report).split("\n")


def test_tables_and_the_contradicted_status(
    workbook: Workbook, earlier: dict[date, Workbook]
) -> None:
    built = view(workbook, earlier[AUTUMN])
    summary, checks, changes = built.summary.get(), built.checks.get(), built.changes.get()
    assert not isinstance(summary, Broken)
    assert [listing.title for listing in summary.listings] == [
        "**Overdue: past the due date and not done**",
        "**Due in the next 30 days**",
    ]
    assert [len(listing.table) for listing in summary.listings if listing.table is not None] == [
        7,
        3,
    ]
    assert not isinstance(checks, Broken)
    # M-02 says on track while OST coverage is 14.6% nationally against 50% (data/README.md).
    assert any(
        flag.startswith("**M-02** Reach 20% OST coverage in Bishkek") for flag in checks.flags
    )
    assert not isinstance(changes, Broken)
    assert changes.note == "Sample data: the earlier versions of the plan are invented too."
    assert changes.table is not None and len(changes.table) == 16
    assert changes.no_history is None


def test_without_an_earlier_copy_the_picked_day_lists_the_updated_rows(
    workbook: Workbook,
) -> None:
    built = view(workbook, None)
    answer, changes = built.answer, built.changes.get()
    assert not isinstance(answer, Broken) and not isinstance(changes, Broken)
    assert answer.metrics[3].value == "—"
    assert "No earlier copy of the sheet is kept yet" in answer.headline
    assert changes.no_history is not None and changes.table is None
    assert changes.updated.startswith("**Rows the sheet marks as updated after Oct 16, 2026")


def test_a_filter_matching_nothing(workbook: Workbook, earlier: dict[date, Workbook]) -> None:
    built = view(workbook, earlier[AUTUMN], leads=("Nobody at all",))
    assert not isinstance(built.answer, Broken)
    assert built.answer.empty == "No milestone matches these filters. Clear a filter to see more."
    assert built.timeline is None
    summary = built.summary.get()
    assert not isinstance(summary, Broken) and summary.figures == ()


def test_sheet_text_in_a_flag_is_escaped(earlier: dict[date, Workbook]) -> None:
    grids = build_sample()
    header = grids["milestones"][0]
    for row in grids["milestones"][1:]:
        if row[header.index("id")] == "M-02":
            row[header.index("milestone")] = "<img src=x> [link](https://evil.example)"
    built = view(parse_workbook(grids, today=TODAY), earlier[AUTUMN])
    checks = built.checks.get()
    assert not isinstance(checks, Broken)
    (flag,) = [f for f in checks.flags if f.startswith("**M-02**")]
    assert "<img" not in flag and "](https://" not in flag
    assert "img src=x" in shown(flag) and "evil" in shown(flag)  # said, not obeyed


def test_the_sections_after_the_timeline_are_built_when_first_read(
    workbook: Workbook, earlier: dict[date, Workbook], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first visit shows the answer and the timeline (the page opens the rest on demand):
    building the view must not make the summary, the checks, the changes or the years."""
    made: list[str] = []
    for name in ("_summary", "_checks", "_changes"):
        real = getattr(strategy, name)
        monkeypatch.setattr(
            strategy, name, lambda *a, _n=name, _r=real, **k: made.append(_n) or _r(*a, **k)
        )
    real_years = strategy.charts.make_years_figure
    monkeypatch.setattr(
        strategy.charts,
        "make_years_figure",
        lambda *a, **k: made.append("years") or real_years(*a, **k),
    )
    filters = StrategyFilters(since=AUTUMN)
    built = strategy.build(workbook, earlier[AUTUMN], filters, lang="en", today=TODAY)
    assert not isinstance(built.answer, Broken) and built.timeline is not None
    assert made == [] and not built.years.built
    assert not broken_sections(built)  # builds them
    assert sorted(made) == ["_changes", "_checks", "_summary", "years"]


def test_a_failing_builder_breaks_only_its_section(
    workbook: Workbook, earlier: dict[date, Workbook], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("utils.render.strategy.make_years_figure", fail)
    built = strategy.build(
        workbook, earlier[AUTUMN], StrategyFilters(since=AUTUMN), lang="en", today=TODAY
    )
    assert broken_sections(built) == ["years"]


def test_choices_offer_the_sample_meetings_newest_first(workbook: Workbook) -> None:
    history = sample_history()
    options = strategy.choices(workbook, history, today=TODAY, sample=True)
    assert options.since == ("2026-10-02", "2026-03-20")
    assert options.since_name("2026-10-02", "en") == "meeting of Oct 2, 2026 (sample)"
    assert options.saved_at("2026-03-20") == history[0][0]
    assert options.horizons == (30, 60, 90)
    assert options.pick_default == date(2026, 10, 16)  # six weeks back
    assert "Living Together Osh" in options.leads
    real = strategy.choices(workbook, [(datetime(2026, 11, 20, 4), {})], today=TODAY)
    assert real.since_name("2026-11-20", "en") == "data of Nov 20, 2026"


def test_filters_are_hashable_for_the_cache() -> None:
    one = StrategyFilters(leads=("A",), horizon=60, since=AUTUMN)
    assert hash(one) == hash(StrategyFilters(leads=("A",), horizon=60, since=AUTUMN))
