"""Charts in the reader's language: plotly.js locales for Russian and Kyrgyz, made from CLDR.

plotly.js ships a Russian locale but no Kyrgyz one, and Streamlit registers none, so both are
defined here and passed with every chart (``st.plotly_chart(config=plotly_config(lang))``;
plotly.js reads ``config.locale`` and ``config.locales``). A locale gives plotly:

- ``format``: month and day names (Babel's CLDR data, the stand-alone forms a date axis wants:
  "янв. 2025", "Янв 2025"), the date patterns of its axis ticks and hover, and the decimal and
  grouping marks, from which plotly takes ``layout.separators`` when a figure sets none, so
  "24,9" and "1 650" inside a chart read as in the text around it;
- ``dictionary``: the toolbar's tips ("Download plot as a PNG", "Zoom", "Reset axes" …) from the
  catalogues (``chart.tool.*``).

English needs neither: plotly's own is English.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final

from babel import Locale

from utils.i18n import N_, t
from utils.render.theme import PLOTLY_CONFIG

TOOLBAR: Final[Mapping[str, str]] = {
    "Zoom": N_("chart.tool.zoom"),
    "Pan": N_("chart.tool.pan"),
    "Box Select": N_("chart.tool.box_select"),
    "Lasso Select": N_("chart.tool.lasso_select"),
    "Zoom in": N_("chart.tool.zoom_in"),
    "Zoom out": N_("chart.tool.zoom_out"),
    "Autoscale": N_("chart.tool.autoscale"),
    "Reset axes": N_("chart.tool.reset_axes"),
    "Reset view": N_("chart.tool.reset_view"),
    "Reset views": N_("chart.tool.reset_view"),
    "Download plot": N_("chart.tool.download"),
    "Download plot as a PNG": N_("chart.tool.download_png"),
    "Download plot as a png": N_("chart.tool.download_png"),
    "Toggle Spike Lines": N_("chart.tool.spikelines"),
    "Show closest data on hover": N_("chart.tool.hover_closest"),
    "Compare data on hover": N_("chart.tool.hover_compare"),
    "Toggle show closest data on hover": N_("chart.tool.hover_toggle"),
    "Double-click to zoom back out": N_("chart.tool.double_click"),
    "Preparing image - this may take a few seconds": N_("chart.tool.preparing"),
    "Taking snapshot - this may take a few seconds": N_("chart.tool.preparing"),
    "Image download succeeded": N_("chart.tool.downloaded"),
    "Snapshot succeeded": N_("chart.tool.downloaded"),
    "Sorry, there was a problem downloading your image!": N_("chart.tool.download_failed"),
    "Sorry, there was a problem downloading your snapshot!": N_("chart.tool.download_failed"),
}
"""plotly.js's English texts (its ``_(gd, "…")`` keys, in plotly.js 2 and 3) -> our ids."""

# Tick and hover patterns in d3-time-format, as plotly's own locales write them; a day alone
# as CLDR writes it ("5 мар.", "5-мар.").
_PATTERNS: Final[Mapping[str, Mapping[str, str]]] = {
    "ru": {"dayMonth": "%-d %b", "dayMonthYear": "%-d %b %Y", "month": "%b %Y"},
    "ky": {"dayMonth": "%-d-%b", "dayMonthYear": "%Y-ж., %-d-%b", "month": "%b %Y"},
}


@cache
def plotly_locale(lang: str) -> Mapping[str, Any]:
    """The plotly.js locale of ``lang`` (ru or ky): names, patterns, marks and toolbar tips."""
    cldr = Locale.parse(lang)
    months, days = cldr.months["stand-alone"], cldr.days["stand-alone"]
    week = (6, 0, 1, 2, 3, 4, 5)  # plotly's week starts on Sunday, Babel numbers Monday 0
    symbols = cldr.number_symbols["latn"]
    return {
        "moduleType": "locale",
        "name": lang,
        "dictionary": {english: t(key, lang) for english, key in TOOLBAR.items()},
        "format": {
            "days": [days["wide"][d] for d in week],
            "shortDays": [days["abbreviated"][d] for d in week],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
            "date": "%d.%m.%Y",
            "year": "%Y",
            **_PATTERNS[lang],
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
        },
    }


def plotly_config(lang: str) -> dict[str, Any]:
    """The chart toolbar's configuration (``theme.PLOTLY_CONFIG``) in the reader's language."""
    if lang not in _PATTERNS:
        return dict(PLOTLY_CONFIG)
    return {**PLOTLY_CONFIG, "locale": lang, "locales": {lang: plotly_locale(lang)}}
