"""One place for the look of every chart: colours per community and status, fonts, axes.

The palettes are the Okabe–Ito colour-blind-safe set; status colours keep their meaning on
every page (done = green-blue, delayed = vermillion …). Presenter mode enlarges type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import plotly.graph_objects as go
import plotly.io as pio
from plotly.basedatatypes import BaseTraceType

OKABE_ITO: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)

COMMUNITY_COLOURS: Final = {
    "all": "#4D4D4D",
    "pwud": "#0072B2",
    "pwid": "#0072B2",
    "wud": "#56B4E9",
    "sw": "#E69F00",
    "plhiv": "#CC79A7",
    "lgbt": "#009E73",
    "msm": "#009E73",
    "trans": "#7FC9B6",
}

STATUS_COLOURS: Final = {
    "not_started": "#999999",
    "on_track": "#0072B2",
    "at_risk": "#E69F00",
    "delayed": "#D55E00",
    "done": "#009E73",
    "cancelled": "#CCCCCC",
}

TARGET_COLOUR: Final = "#D55E00"
HIGHLIGHT: Final = "#0072B2"
MUTED: Final = "#9E9E9E"
FONT_FAMILY: Final = "Source Sans Pro, Noto Sans, Arial, sans-serif"


def _shared_layout(title: str, presenting: bool, height: int | None) -> dict[str, Any]:
    """The layout every chart shares: title, fonts, margins, legend below."""
    size = 20 if presenting else 14
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": size + 4}},
        "font": {"family": FONT_FAMILY, "size": size},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        # Below everything, measured from the figure's bottom edge ("container"): plotly then
        # makes room for it under the x axis's title instead of drawing it over the title.
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        "hoverlabel": {"font": {"size": size}},
        "height": height or (520 if presenting else 420),
    }


def style(
    fig: go.Figure, *, title: str, presenting: bool = False, height: int | None = None
) -> go.Figure:
    """Apply the shared layout to a figure already made: title, fonts, margins, legend below,
    no clutter. A new figure is faster made by ``figure``."""
    fig.update_layout(**_shared_layout(title, presenting, height))
    fig.update_xaxes(showgrid=False)
    return _white(fig)


def figure(
    data: Sequence[BaseTraceType],
    *,
    title: str,
    presenting: bool = False,
    height: int | None = None,
    layout: Mapping[str, Any] | None = None,
) -> go.Figure:
    """A new figure of ``data`` in the shared look (``style``), with ``layout`` on top: a
    setting the shared look also makes as a dict (``xaxis``, ``margin``, ``legend`` …) is
    merged into it one level deep, as ``update_layout`` would.

    Made in one step: plotly's ``add_trace`` and ``update_*`` calls each go through its
    change-notification machinery (about 4 ms a call), so a figure built call by call cost
    five times one built from its parts. The same figure JSON as ``style`` gives.
    """
    merged: dict[str, Any] = {
        **_shared_layout(title, presenting, height),
        "xaxis": {"showgrid": False},
    }
    for key, value in (layout or {}).items():
        shared = merged.get(key)
        both = isinstance(shared, dict) and isinstance(value, Mapping)
        merged[key] = {**shared, **value} if both else value  # type: ignore[dict-item]
    return _white(go.Figure(data=list(data), layout=merged))


def _white(fig: go.Figure) -> go.Figure:
    """The ``plotly_white`` template on ``fig``, set the way plotly sets its default template
    on every new figure: the registered template object, which plotly validated once, is not
    validated and deep-copied again. The same figure JSON as ``template="plotly_white"``,
    about 12 ms less per figure (more than half of ``style``; five figures per page)."""
    layout = fig.layout
    layout._validate = False  # plotly's own switch (BaseFigure._initialize_layout_template)
    try:
        layout.template = pio.templates["plotly_white"]
    finally:
        layout._validate = fig._validate
    return fig


def reference_line(fig: go.Figure, value: float, label: str, *, across: str) -> go.Figure:
    """A dashed target or threshold line with its label, as plotly's ``add_hline`` ("top left")
    or ``add_vline`` ("top") draw it, with ``across`` "x" (a level of y) or "y" (a level of x).

    Written as the layout's plain shape and annotation: the same figure JSON, at a fraction of
    the time (``add_hline`` searches every subplot for each call, about 7 ms). A figure made by
    ``figure`` takes them in its ``layout`` instead (``reference_marks``).
    """
    shape, note = reference_marks(value, label, across=across)
    fig.update_layout(
        shapes=[*fig.layout.shapes, shape],
        annotations=[*fig.layout.annotations, note],
    )
    return fig


def reference_marks(
    value: float, label: str, *, across: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The shape and the annotation of ``reference_line``, for a layout made in one step."""
    line = {"color": TARGET_COLOUR, "dash": "dash", "width": 2}
    if across == "x":
        shape = {
            "type": "line",
            "xref": "x domain",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": value,
            "y1": value,
        }
        note = {"xref": "x domain", "x": 0, "xanchor": "left", "yref": "y", "y": value}
    else:
        shape = {
            "type": "line",
            "xref": "x",
            "x0": value,
            "x1": value,
            "yref": "y domain",
            "y0": 0,
            "y1": 1,
        }
        note = {"xref": "x", "x": value, "xanchor": "center", "yref": "y domain", "y": 1}
    return (
        {**shape, "line": line},
        {**note, "text": label, "yanchor": "bottom", "showarrow": False},
    )


PLOTLY_CONFIG: Final = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
"""Chart toolbar: viewer actions only, PNG export at double resolution."""


LABEL_ROOM: Final = 1.35
"""A count axis runs this far past its longest bar, so a label drawn outside the bar fits."""


def room_for_labels(longest: float) -> list[float]:
    """The range of a count axis whose bars carry their labels outside: from 0 to past the
    longest bar (at least 1, so an all-zero chart still has an axis)."""
    return [0, max(float(longest), 1.0) * LABEL_ROOM]


PHONE_TITLE_CHARS: Final = 30
"""Characters of a chart title on one line of a 390 px phone (18 px type, about 11 px each)."""
PHONE_AXIS_CHARS: Final = 34
"""Characters of an axis title on one line of a phone (14 px type)."""
PHONE_Y_AXIS_CHARS: Final = 18
"""Characters of a y axis's title on one line: it runs up the side of a plot that a phone
keeps short, so it takes two lines sooner."""
PHONE_CATEGORY_CHARS: Final = 20
"""Characters of a horizontal bar's category label on one line of a phone: a longer one wraps,
so the bars keep the width and the x axis's title stays under them, inside the chart."""
_LINE_PX: Final = 22  # px: one more line of title


def wrap_words(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters at its spaces, joined with
    plotly's ``<br>`` (a word longer than the line keeps its own line). Entities such as
    ``&lt;`` hold no space, so escaped sheet text stays escaped."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def for_phone(fig: go.Figure) -> go.Figure:
    """``fig`` laid out for a phone: its title and axis titles wrap onto lines that fit the
    width (plotly draws one SVG line and cuts the rest off), with room above for the title."""
    added = wrap_title(fig, PHONE_TITLE_CHARS)
    if added:
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 60
        fig.update_layout(margin_t=top + added * _LINE_PX)
    wrap_axis_title(fig.layout.xaxis, PHONE_AXIS_CHARS)
    wrap_axis_title(fig.layout.yaxis, PHONE_Y_AXIS_CHARS)
    for trace in fig.data:
        if getattr(trace, "orientation", None) == "h" and trace.y is not None:
            trace.y = [wrap_label(v, PHONE_CATEGORY_CHARS) for v in trace.y]
    return fig


def wrap_label(value: object, chars: int) -> object:
    """A label wrapped onto lines of at most ``chars`` characters (once: a label already broken
    into lines, a short one, or one that is not text is left as it is)."""
    if isinstance(value, str) and "<br>" not in value and len(value) > chars:
        return wrap_words(value, chars)
    return value


def wrap_title(fig: go.Figure, chars: int) -> int:
    """Wrap the figure's title onto lines of at most ``chars`` characters (once: a title
    already broken into lines is left as it is); returns the lines it added."""
    title = fig.layout.title.text
    if not title or "<br>" in title or len(title) <= chars:
        return 0
    wrapped = wrap_words(title, chars)
    fig.layout.title.text = wrapped
    return wrapped.count("<br>")


def wrap_axis_title(axis: object, chars: int) -> None:
    """Wrap an axis's title onto lines of at most ``chars`` characters (once: a title already
    broken into lines is left as it is)."""
    title = getattr(axis, "title", None)
    text = getattr(title, "text", None)
    if text and (wrapped := wrap_label(text, chars)) != text:
        title.text = wrapped  # type: ignore[union-attr]
