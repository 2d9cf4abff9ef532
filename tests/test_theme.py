"""Shared figure styling: the target / threshold line draws what plotly's own helpers draw."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from utils.render.theme import for_phone, reference_line, wrap_words


def _bars() -> go.Figure:
    figure = go.Figure()
    figure.add_bar(x=["a", "b"], y=[40, 60])
    return figure


@pytest.mark.parametrize("across", ["x", "y"])
def test_reference_line_is_plotlys_own_line(across: str) -> None:
    style = {"line": {"color": "#D55E00", "dash": "dash", "width": 2}}
    expected = _bars()
    if across == "x":
        expected.add_hline(
            y=50, annotation_text="Target 50", annotation_position="top left", **style
        )
    else:
        expected.add_vline(x=50, annotation_text="Target 50", annotation_position="top", **style)
    drawn = reference_line(_bars(), 50, "Target 50", across=across)
    assert drawn.layout.shapes == expected.layout.shapes
    assert drawn.layout.annotations == expected.layout.annotations


def test_reference_lines_add_up() -> None:
    drawn = reference_line(reference_line(_bars(), 50, "one", across="x"), 20, "two", across="y")
    assert [a.text for a in drawn.layout.annotations] == ["one", "two"]
    assert [s.y0 for s in drawn.layout.shapes] == [50, 0]


def test_style_sets_plotly_white_as_plotly_itself_would() -> None:
    """style() skips re-validating the template; the figure must be what template= gives,
    and a later change to the figure must not reach the shared registered template."""
    import plotly.io as pio

    from utils.render.theme import style

    expected = _bars().update_layout(template="plotly_white")
    drawn = style(_bars(), title="Coverage")
    assert drawn.layout.template.to_plotly_json() == expected.layout.template.to_plotly_json()
    assert drawn.layout.template.layout.paper_bgcolor == "white"
    assert drawn.layout.title.text == "Coverage" and drawn.layout.xaxis.showgrid is False
    drawn.layout.template.layout.paper_bgcolor = "black"
    assert pio.templates["plotly_white"].layout.paper_bgcolor == "white"


# --- phones -------------------------------------------------------------------------------------


def test_words_wrap_at_spaces_and_keep_entities_whole() -> None:
    assert wrap_words("Как каждая группа избирателей распределила голоса", 30) == (
        "Как каждая группа избирателей<br>распределила голоса"
    )
    assert wrap_words("a &lt;b&gt; c", 5) == "a<br>&lt;b&gt;<br>c"
    assert all(len(line) <= 30 for line in wrap_words("слово " * 20, 30).split("<br>"))


def test_a_phone_figure_wraps_its_titles_and_makes_room_for_them() -> None:
    fig = go.Figure(go.Bar(x=[1], y=[2]))
    fig.update_layout(title_text="Охват опиоидной заместительной терапией: динамика", margin_t=60)
    fig.update_yaxes(title_text="Доля голосов (последний тур)")
    fig.update_xaxes(title_text="Время")
    for_phone(fig)
    assert fig.layout.title.text.count("<br>") == 1
    assert fig.layout.margin.t == 60 + 22
    assert fig.layout.yaxis.title.text == "Доля голосов<br>(последний тур)"
    assert fig.layout.xaxis.title.text == "Время"  # short titles stay as they are


def test_a_phone_figure_wraps_long_bar_labels_so_the_bars_keep_the_width() -> None:
    groups = ["Люди, употребляющие наркотики", "ЛГБТ-люди"]
    fig = go.Figure(
        [go.Bar(x=[60, 40], y=groups, orientation="h"), go.Bar(x=[1, 2], y=["a long label x y"])]
    )
    for_phone(fig)
    assert list(fig.data[0].y) == ["Люди, употребляющие<br>наркотики", "ЛГБТ-люди"]
    assert list(fig.data[1].y) == ["a long label x y"]  # vertical bars: their y are numbers


def test_a_phone_view_copies_its_figures_and_leaves_the_shared_ones_alone(sample_workbook) -> None:
    from data.make_sample import TODAY
    from utils.views import access
    from utils.views.sections import unwrap

    options = access.choices(sample_workbook, lang="ru")
    periods = options.periods["ost_coverage"]
    filters = access.AccessFilters("ost_coverage", (), (), periods[0], periods[-1])
    common = {"lang": "ru", "threshold": 10, "today": TODAY, "presenting": False}
    wide = access.build(sample_workbook, filters, width="wide", **common)
    phone = access.build(sample_workbook, filters, width="phone", **common)
    assert "<br>" in phone.trend.figure.layout.title.text
    assert "<br>" not in wide.trend.figure.layout.title.text
    # The cascade is shared between views (memo.py): the phone's is a copy, the shared one kept.
    assert unwrap(phone.cascade).figure is not unwrap(wide.cascade).figure
    again = access.build(sample_workbook, filters, width="wide", **common)
    assert unwrap(again.cascade).figure is unwrap(wide.cascade).figure


def test_the_legend_sits_under_the_axis_title_not_on_it() -> None:
    """Measured from the figure's bottom edge, so plotly makes room for it below the x axis's
    title (at y=-0.15 of the plot it was drawn over "Процент" and "Время подсчёта")."""
    from utils.render.theme import style

    fig = style(go.Figure(go.Bar(x=[1], y=[2])), title="t")
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == (
        "container",
        0,
        "bottom",
    )
