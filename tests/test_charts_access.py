"""Figures of the Program access page, asserted on fig.data and fig.layout."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from utils.analysis import indicators as m
from utils.analysis.privacy import protected, small_counts_in
from utils.i18n import t
from utils.render import access as charts

NAN = math.nan
INFO = m.IndicatorInfo("ost", "OST coverage", "percent", True, 50.0, "WHO", None, None)
PEOPLE = m.IndicatorInfo("prep", "PrEP", "count", True, None, None, None, None)


def cube(unit: str = "percent") -> pd.DataFrame:
    """A protected cube: three regions of one community over two quarters, one cell small."""
    records = []
    for q, (b, c, n) in enumerate([(40, 300, 5), (45, 320, 4)], start=1):
        for region, num in (("KG-B", b), ("KG-C", c), ("KG-N", n)):
            records.append(
                {
                    "indicator": "x",
                    "period": f"2025-Q{q}",
                    "period_start": pd.Timestamp(f"2025-{3 * q - 2:02d}-01"),
                    "period_kind": "quarter",
                    "region": region,
                    "community": "pwid",
                    "numerator": float(num),
                    "denominator": NAN if unit == "count" else 1000.0,
                    "value": NAN,
                    "rate": float(num) if unit == "count" else num / 10,
                    "from_counts": True,
                }
            )
    return m.protected_cube(pd.DataFrame(records), unit, 10)


def test_trend_has_the_target_line_and_translated_titles() -> None:
    fig = charts.make_trend_figure(m.trend(cube()), info=INFO, lang="ru")
    assert fig.layout.title.text == "OST coverage: динамика относительно цели"
    assert fig.layout.yaxis.title.text == "Процент"
    assert [s.y0 for s in fig.layout.shapes] == [50.0]
    assert "Цель" in fig.layout.annotations[0].text
    assert list(fig.data[0].x) == ["2025-Q1", "2025-Q2"]


def test_hover_counts_are_suppressed_text_and_declared_in_meta() -> None:
    fig = charts.make_region_figure(m.by_region(cube(), "2025-Q2"), info=INFO, lang="en")
    names = [row[0] for trace in fig.data for row in trace.customdata]
    assert "Naryn" not in names  # hidden rate: not drawn
    # the hover fields the small-number check reads, in the order the page's hover uses them
    assert fig.data[0].meta["customdata"] == ["name", "value", "numerator", "denominator", "basis"]
    numerators = [row[2] for trace in fig.data for row in trace.customdata]
    # Naryn's 4 is withheld: hidden, and left out of the total, so Batken's 45 can be shown
    # (total - 45 - 320 = 0 gives nothing back)
    assert sorted(numerators) == ["320", "45"]
    total = m.totals(cube())
    assert total.loc[total["period"] == "2025-Q2", "numerator"].tolist() == [365]
    assert not small_counts_in(fig)


def test_count_indicator_declares_its_plotted_counts() -> None:
    fig = charts.make_region_figure(m.by_region(cube("count"), "2025-Q2"), info=PEOPLE, lang="en")
    assert fig.data[0].meta["counts"] == ["x"]
    assert not small_counts_in(fig)


def test_value_only_regions_are_hatched_and_named_in_the_legend() -> None:
    df = pd.DataFrame(
        {
            "period": ["2025-Q1"] * 2,
            "region": ["KG-C", "KG-N"],
            "community": [m.ALL] * 2,
            "numerator": [1800.0, NAN],
            "denominator": [10.0, NAN],
            "rate": [180.0, 40.0],
            "basis": ["counts", "value"],
        }
    )
    info = m.IndicatorInfo("nsp", "NSP", "rate", True, 200.0, None, None, None)
    fig = charts.make_region_figure(protected(df, 10), info=info, lang="en")
    hatched = [t for t in fig.data if t.marker.pattern.shape == "/"]
    assert [t.name for t in hatched] == ["Reported value only (no counts)"]
    assert list(hatched[0].y) == ["Naryn"]


CASCADE_LABELS = {  # the three steps' names, written out by hand
    "en": ["Know their status", "On treatment", "Virally suppressed"],
    "ru": ["Знают свой статус", "Получают лечение", "Вирусная нагрузка подавлена"],
    "ky": ["Статусун билишет", "Дарыланып жатышат", "Вирустук жүктөм басылган"],
}


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_cascade_bars_in_step_order_with_their_targets(lang: str) -> None:
    total = m.totals(cube()).iloc[[0]]
    rows = pd.concat([total.assign(step=s) for s in (3, 1, 2)], ignore_index=True)
    infos = {s: INFO for s in (1, 2, 3)}
    fig = charts.make_cascade_figure(rows, infos=infos, period="2025-Q1", lang=lang)
    assert list(fig.data[0].x) == CASCADE_LABELS[lang]  # steps 3, 1, 2 given: drawn 1, 2, 3
    assert list(fig.data[1].y) == [50.0, 50.0, 50.0]
    # One colour, the one the legend's single "achieved" entry names (it once named one of three).
    assert isinstance(fig.data[0].marker.color, str)
    assert fig.data[0].name == t("access.legend_achieved", lang)
    assert fig.data[1].name == t("access.legend_target", lang)


def test_map_frame_and_table_show_hidden_counts_as_marks() -> None:
    latest = m.by_region(cube(), "2025-Q2")
    frame = charts.map_frame(latest, info=INFO, lang="en")
    assert frame.set_index("region").loc["KG-N", "label"] == "hidden to protect people"
    assert math.isnan(frame.set_index("region").loc["KG-N", "value"])
    table = charts.make_table(m.table(cube()), info=INFO, lang="en")
    assert "<10" in table["Numerator"].tolist()
    assert not small_counts_in(table)
