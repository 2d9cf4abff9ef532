"""The sections of a view: a section built later is built once, on its first read, by any session."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import plotly.graph_objects as go
import pytest

from utils.views.sections import Broken, Later, SectionBroken, broken_sections, on_phone, unwrap


def test_a_later_section_is_built_on_its_first_read_and_only_once() -> None:
    calls: list[int] = []
    later = Later("trend", lambda: calls.append(1) or "drawn")
    assert calls == [] and not later.built
    assert later.get() == "drawn" and unwrap(later) == "drawn"
    assert calls == [1] and later.built
    assert repr(later) == "Later('trend', built)"


def test_two_sessions_reading_it_at_once_build_it_once() -> None:
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.05)
        return "drawn"

    later = Later("trend", slow)
    got: list[object] = []
    readers = [threading.Thread(target=lambda: got.append(later.get())) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert calls == [1] and got == ["drawn"] * 8


def test_a_failing_later_builder_breaks_only_its_section(caplog: pytest.LogCaptureFixture) -> None:
    def boom() -> str:
        raise RuntimeError("bug")

    later = Later("map", boom)
    assert later.get() == Broken("map")
    assert "view section 'map' failed" in caplog.text
    with pytest.raises(SectionBroken):
        unwrap(later)


@dataclass(frozen=True)
class _View:
    answer: str
    chart: Later[go.Figure]


def test_broken_sections_builds_the_later_ones_to_know() -> None:
    assert broken_sections(_View("a", Later("chart", lambda: 1 / 0))) == ["chart"]
    assert broken_sections(_View("a", Later("chart", go.Figure))) == []


def test_a_phone_view_lays_out_a_later_figure_when_built_and_leaves_the_wide_one() -> None:
    long_title = "A title far too long to fit on one line of a phone's narrow screen"
    wide = _View("a", Later("chart", lambda: go.Figure(layout={"title": {"text": long_title}})))
    phone = on_phone(wide)
    assert phone.chart is not wide.chart and not wide.chart.built
    assert "<br>" in unwrap(phone.chart).layout.title.text
    assert wide.chart.built and "<br>" not in unwrap(wide.chart).layout.title.text
    assert on_phone(_View("a", Later("chart", lambda: 1 / 0))).chart.get() == Broken("chart")
