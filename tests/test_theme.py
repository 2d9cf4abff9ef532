"""Shared figure styling: the target / threshold line draws what plotly's own helpers draw."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from utils.render.theme import reference_line


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
