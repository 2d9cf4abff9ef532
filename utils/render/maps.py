"""Pure map builders for the nine first-level units (no Streamlit, nothing at import): pydeck
decks for the screen, and one plotly figure of the same map for paper (the meeting pack).

Two modes, both meaningful with no basemap and no network:
- without boundaries, coloured markers at the gazetteer centroids with text labels;
- with a boundary file (the bundled Natural Earth one by default), a choropleth of the
  polygons inside the country's outline, plus the two cities as ringed markers on top
  (Bishkek's polygon is a few pixels wide, and Natural Earth has none for Osh city).

The deck follows the page: `dark` swaps the label and border colours for the dark theme, and
`size` ("phone", "wide" or "presenter") sets the zoom that fits the whole country in that
width, the marker and label sizes, and how long the labels are (a phone's are the short
names, the full name and figure come on a tap).

Only text that is already translated and already suppressed reaches this module; no raw
numbers are put into the browser payload, only colours and the display text.

Tooltips are plain text ({"text": ...}), never HTML: deck.gl writes a text tooltip with
innerText, so sheet text cannot become markup in any renderer. (Streamlit 1.67 already
HTML-escapes values substituted into an "html" tooltip, so pre-escaping for an html
tooltip would show "&lt;10" to readers.) On top of that, `text.for_deck` neutralises anything
that could open a tag, so the serialised deck never carries markup such as "<img".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from utils.analysis.privacy import require
from utils.render.text import for_deck, for_plotly
from utils.sheet.regions import (
    CITY_KEYS,
    NATIONAL_KEY,
    OBLAST_KEYS,
    SUBNATIONAL_KEYS,
    get_region,
    region_name,
    resolve_region,
)
from utils.store.boundaries import BoundarySet

RGBA = list[int]

# Centre of Kyrgyzstan (69.3–80.3° E, 39.2–43.3° N). At zoom z a degree of longitude is
# 512·2^z/360 px wide, so 11° take 620 px at 5.3 (the wide page) and 320 px at 4.35, which
# leaves a margin on a 390 px phone whose map is about 358 px wide.
VIEW_LON = 74.75
VIEW_LAT = 41.25
VIEW_ZOOM = 5.3
ZOOM: Mapping[str, float] = {"phone": 4.35, "wide": 5.3, "presenter": 5.6}
LABEL_SIZE: Mapping[str, int] = {"phone": 11, "wide": 13, "presenter": 17}
MAP_HEIGHT: Mapping[str, int] = {"phone": 300, "wide": 460, "presenter": 520}

# ColorBrewer YlGnBu (colour-blind safe, sequential), without its near-white end so the
# lightest class still stands out on a white page. Index 0 = worst, last = best.
PALETTE: tuple[str, ...] = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
NO_DATA_COLOR = "#a6a6a6"
OUTLINE_COLOR: RGBA = [80, 80, 80, 255]
FILL_ALPHA = 220


@dataclass(frozen=True)
class Ink:
    """The colours a deck draws on one theme's background (the deck has no basemap)."""

    text: RGBA  # a label over the page (a unit drawn as a marker only)
    page: RGBA  # the page's background, which the translucent fills are seen over
    border: RGBA  # between units
    country: RGBA  # the country's outline and the cities' rings


# Labels have no halo: a halo that differs from what is under it reads as a smudge (it did on
# the dark theme). A label over a fill is black or white, whichever contrasts more with the fill
# as seen over the page (`label_ink`); over the page it takes the theme's text colour.
LIGHT_INK = Ink([20, 20, 20, 255], [255, 255, 255, 255], [255, 255, 255, 255], [60, 60, 60, 255])
DARK_INK = Ink([245, 245, 245, 255], [14, 17, 23, 255], [14, 17, 23, 255], [210, 210, 210, 255])

DEFAULT_LEGEND_LABELS: Mapping[str, str] = {
    "low": "lower",
    "high": "higher",
    "target": "target reached",
    "no_data": "no data",
}


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of a map legend: a hex colour and its (translated) label."""

    color: str
    label: str


class CompactDeck(pdk.Deck):
    """A pdk.Deck whose JSON has no indentation (pydeck indents by 2, which triples the
    size of polygon coordinates; Streamlit sends exactly `to_json()` to the browser)."""

    def to_json(self) -> str:
        """Return the deck as compact JSON, otherwise exactly as pydeck serialises it."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


@dataclass
class _Unit:
    """One unit as drawn: where, what colour and what the reader is told."""

    key: str
    name: str
    display: str
    fill: RGBA
    lon: float
    lat: float
    kind: str
    short: str = ""


# ---------------------------------------------------------------------------
# Colour scale (kept here until charts need the same one)
# ---------------------------------------------------------------------------


def hex_to_rgba(color: str, alpha: int = 255) -> RGBA:
    """Convert "#rrggbb" to [r, g, b, alpha]."""
    color = color.lstrip("#")
    return [int(color[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _rgba_to_hex(rgba: Sequence[int]) -> str:
    """Convert [r, g, b, ...] to "#rrggbb"."""
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def scale_domain(
    values: Iterable[float], *, higher_is_better: bool, target: float | None
) -> tuple[float, float] | None:
    """Return (worst, best) for the colour scale, or None when there is no finite value.

    With a target, the best colour means "target reached": values past the target clamp
    to it, so the map shows distance to the target rather than rank among regions.
    """
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if not finite:
        return None
    low, high = min(finite), max(finite)
    if target is None:
        return (low, high) if higher_is_better else (high, low)
    if higher_is_better:
        return (min(low, target), target)
    return (max(high, target), target)


def value_color(
    value: float | None, domain: tuple[float, float] | None, *, target: float | None = None
) -> RGBA:
    """Return the RGBA colour of a value on the palette; grey for missing values."""
    if value is None or domain is None or not math.isfinite(value):
        return hex_to_rgba(NO_DATA_COLOR, FILL_ALPHA)
    worst, best = domain
    if worst == best:
        # One distinct value: best colour if it is the target, else the middle.
        position = 1.0 if target is not None else 0.5
    else:
        position = min(1.0, max(0.0, (value - worst) / (best - worst)))
    scaled = position * (len(PALETTE) - 1)
    lower = min(int(scaled), len(PALETTE) - 2)
    frac = scaled - lower
    a, b = hex_to_rgba(PALETTE[lower]), hex_to_rgba(PALETTE[lower + 1])
    rgb = [round(a[i] + (b[i] - a[i]) * frac) for i in range(3)]
    return [*rgb, FILL_ALPHA]


def make_region_legend(
    values: pd.DataFrame,
    *,
    value_col: str,
    higher_is_better: bool = True,
    target: float | None = None,
    legend_labels: Mapping[str, str] | None = None,
) -> tuple[LegendEntry, ...]:
    """Return the legend swatches (worst end, best end, no data) for a region map."""
    require(values)
    labels = {**DEFAULT_LEGEND_LABELS, **(legend_labels or {})}
    worst_label, best_label = (
        (labels["low"], labels["high"]) if higher_is_better else (labels["high"], labels["low"])
    )
    if target is not None:
        best_label = labels["target"]
    return (
        LegendEntry(PALETTE[0], for_deck(worst_label)),
        LegendEntry(PALETTE[-1], for_deck(best_label)),
        LegendEntry(NO_DATA_COLOR, for_deck(labels["no_data"])),
    )


# ---------------------------------------------------------------------------
# The deck
# ---------------------------------------------------------------------------


def _units(
    values: pd.DataFrame,
    *,
    region_col: str,
    value_col: str,
    label_col: str,
    higher_is_better: bool,
    target: float | None,
    no_data: str,
    lang: str,
) -> list[_Unit]:
    """Turn the input frame into one drawable unit per first-level region."""
    for column in (region_col, value_col, label_col):
        if column not in values.columns:
            raise ValueError(f"map data has no column {column!r}")
    numbers = pd.to_numeric(values[value_col], errors="raise").astype(float)
    by_key: dict[str, tuple[float | None, str | None]] = {}
    unknown: list[str] = []
    for raw, number, label in zip(values[region_col], numbers, values[label_col], strict=True):
        key = raw if raw in SUBNATIONAL_KEYS or raw == NATIONAL_KEY else resolve_region(raw)
        if key is None:
            unknown.append(str(raw))
            continue
        if key == NATIONAL_KEY:
            continue  # the national figure has no place on a map of regions
        if key in by_key:
            raise ValueError(f"map data has two rows for region {key}")
        value = float(number) if pd.notna(number) and math.isfinite(number) else None
        text = None if label is None or (isinstance(label, float) and math.isnan(label)) else label
        by_key[key] = (value, None if text is None else str(text))
    if unknown:
        raise ValueError(f"map data has unknown regions: {', '.join(sorted(set(unknown)))}")

    domain = scale_domain(
        (v for v, _ in by_key.values() if v is not None),
        higher_is_better=higher_is_better,
        target=target,
    )
    units: list[_Unit] = []
    for key in SUBNATIONAL_KEYS:
        region = get_region(key)
        value, text = by_key.get(key, (None, None))
        units.append(
            _Unit(
                key=key,
                name=for_deck(region_name(key, lang)),
                display=for_deck(text if text not in (None, "") else no_data),
                fill=value_color(value, domain, target=target),
                lon=region.lon,
                lat=region.lat,
                kind=region.kind,
                short=for_deck(short_region_name(region_name(key, lang))),
            )
        )
    return units


def _drawn_units(
    values: pd.DataFrame,
    *,
    region_col: str,
    value_col: str,
    label_col: str,
    higher_is_better: bool,
    target: float | None,
    legend_labels: Mapping[str, str] | None,
    lang: str,
) -> list[_Unit]:
    """The units a map draws from a protected frame (the deck's and the paper's alike), a
    missing unit worded as the legend's "no data"."""
    require(values)
    labels = {**DEFAULT_LEGEND_LABELS, **(legend_labels or {})}
    return _units(
        values,
        region_col=region_col,
        value_col=value_col,
        label_col=label_col,
        higher_is_better=higher_is_better,
        target=target,
        no_data=labels["no_data"],
        lang=lang,
    )


_UNIT_WORDS = ("область", "облусу", "oblast", "region")


def short_region_name(name: str) -> str:
    """Drop the unit word from a region's name ("Чуйская область" → "Чуйская") for a phone."""
    words = [w for w in name.split() if w.casefold() not in _UNIT_WORDS]
    return " ".join(words) or name


def _luminance(rgba: Sequence[int]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Sequence[int], b: Sequence[int]) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def label_ink(fill: Sequence[int], page: Sequence[int]) -> RGBA:
    """Black or white, whichever reads better on a translucent fill seen over the page."""
    alpha = (fill[3] if len(fill) > 3 else 255) / 255
    seen = [round(f * alpha + b * (1 - alpha)) for f, b in zip(fill[:3], page[:3], strict=True)]
    # Pure black and white: one of them has at least 4.58:1 on any colour (WCAG asks 4.5).
    dark, light = [0, 0, 0, 255], [255, 255, 255, 255]
    return dark if contrast(dark, seen) >= contrast(light, seen) else light


def _row(
    unit: _Unit, title: str, *, marker: bool, size: str = "wide", on_map: bool = False
) -> dict[str, Any]:
    """Return the JSON row/properties of one unit (only strings, colours, positions)."""
    scale = {"phone": 0.75, "presenter": 1.25}.get(size, 1.0)
    radius = round((7 if unit.kind == "city" else 14) * scale)
    # Cities: label above the marker; on a choropleth (`on_map`) to its right, which keeps it
    # over its own oblast (Bishkek sits on Chuy's northern border, Osh city just below
    # Jalal-Abad's label). Other markers: label below, so the text never sits on a dark
    # circle. Polygons: label centred, except Chuy, which goes below its point so it does not
    # cover Bishkek's label.
    if unit.kind == "city" and on_map:
        anchor, baseline, offset = "start", "center", [radius + 4, 0]
    elif unit.kind == "city":
        anchor, baseline, offset = "middle", "bottom", [0, -(radius + 3)]
    elif marker:
        anchor, baseline, offset = "middle", "top", [0, radius + 3]
    elif unit.key == "KG-C":
        anchor, baseline, offset = "middle", "top", [0, 6]
    else:
        anchor, baseline, offset = "middle", "center", [0, 0]
    return {
        "region": unit.key,
        "name": unit.name,
        "display": unit.display,
        "tooltip": f"{unit.name}\n{title}: {unit.display}" if title else unit.name,
        # A city's label beside its marker is one line, so it stays inside its oblast.
        "label": f"{unit.short if size == 'phone' else unit.name}"
        f"{' ' if unit.kind == 'city' and on_map else chr(10)}{unit.display}",
        "fill": unit.fill,
        "lon": unit.lon,
        "lat": unit.lat,
        "radius": radius,
        "anchor": anchor,
        "baseline": baseline,
        "offset": offset,
    }


def _points_layer(
    layer_id: str, rows: list[dict[str, Any]], ring: RGBA = OUTLINE_COLOR, width: float = 1.5
) -> pdk.Layer:
    """Circles at the unit positions, filled by value, sized in screen pixels."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id=layer_id,
        get_position=["lon", "lat"],
        get_fill_color="fill",
        get_line_color=ring,
        get_radius="radius",
        radius_units="'pixels'",
        line_width_units="'pixels'",
        get_line_width=width,
        stroked=True,
        filled=True,
        pickable=True,
    )


def _outline_layer(boundaries: BoundarySet, ink: Ink, width: float) -> pdk.Layer:
    """The country's border, drawn over the units so the map reads as one country."""
    return pdk.Layer(
        "PathLayer",
        data=[{"path": [list(point) for point in path]} for path in boundaries.outline],
        id="country-outline",
        get_path="path",
        get_color=ink.country,
        get_width=width,
        width_units="'pixels'",
        joint_rounded=True,
        pickable=False,
    )


def _labels_layer(rows: list[dict[str, Any]], size: int = 12) -> pdk.Layer:
    """Name and display text of every unit, readable on the theme's background."""
    return pdk.Layer(
        "TextLayer",
        data=rows,
        id="region-labels",
        get_position=["lon", "lat"],
        get_text="label",
        get_size=size,
        size_units="'pixels'",
        get_color="ink",
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        # Cyrillic names need glyphs beyond the default ASCII atlas.
        character_set="'auto'",
        font_family="'Source Sans Pro, Helvetica Neue, Arial, sans-serif'",
        font_weight=600,
        font_settings={"sdf": True},
        pickable=False,
    )


def make_region_deck(
    values: pd.DataFrame,
    *,
    value_col: str,
    label_col: str,
    title: str,
    boundaries: BoundarySet | None = None,
    higher_is_better: bool = True,
    target: float | None = None,
    legend_labels: Mapping[str, str] | None = None,
    lang: str = "en",
    basemap: str | None = None,
    region_col: str = "region",
    zoom: float | None = None,
    size: str = "wide",
    dark: bool = False,
) -> pdk.Deck:
    """Build the region map: a choropleth with boundaries, else coloured centroid markers.

    `values` has one row per region (key in `region_col`; names the gazetteer knows are
    accepted too; a "KG" row is ignored), a numeric `value_col` (NaN = no data or
    suppressed: drawn grey) and `label_col`, the text already formatted, translated and
    suppressed ("<10", "47.5%"). Regions missing from the frame show the "no_data" legend
    label. `basemap` is a style URL; None draws no basemap and requests no tiles. `size` is
    "phone", "wide" or "presenter" (zoom, marker and label sizes; `zoom` overrides the zoom)
    and `dark` draws for the dark theme.
    """
    if size not in ZOOM:
        raise ValueError(f"map size must be one of {sorted(ZOOM)}, not {size!r}")
    ink = DARK_INK if dark else LIGHT_INK
    units = _drawn_units(
        values,
        region_col=region_col,
        value_col=value_col,
        label_col=label_col,
        higher_is_better=higher_is_better,
        target=target,
        legend_labels=legend_labels,
        lang=lang,
    )
    safe_title = for_deck(title)
    shaped = boundaries.region_keys if boundaries is not None else frozenset()
    rows = [
        _row(
            u,
            safe_title,
            marker=u.key not in shaped or u.kind == "city",
            size=size,
            on_map=boundaries is not None,
        )
        for u in units
    ]
    for unit, row in zip(units, rows, strict=True):
        # A city's label sits over its oblast; a unit drawn as a marker only, over the page.
        under = unit.key if unit.kind != "city" else get_region(unit.key).parent
        if under in shaped:
            row["ink"] = label_ink(next(u.fill for u in units if u.key == under), ink.page)
        else:
            row["ink"] = ink.text

    layers: list[pdk.Layer] = []
    if boundaries is None:
        layers.append(_points_layer("region-points", rows))
    else:
        by_key = {row["region"]: row for row in rows}
        shapes = []
        for feature in boundaries.geojson["features"]:
            row = by_key[feature["properties"]["region"]]
            props = {k: row[k] for k in ("region", "name", "display", "tooltip", "fill")}
            shapes.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "FeatureCollection", "features": shapes},
                id="region-shapes",
                get_fill_color="properties.fill",
                get_line_color=ink.border,
                line_width_units="'pixels'",
                get_line_width=1,
                # District files would draw district borders inside each oblast.
                stroked=boundaries.level == "adm1",
                filled=True,
                pickable=True,
                auto_highlight=True,
            )
        )
        # Cities always as markers (tiny or folded into their oblast); an oblast the file
        # lacks also falls back to a marker, so no unit silently disappears.
        marker_rows = [
            row
            for row in rows
            if row["region"] in CITY_KEYS
            or (row["region"] in OBLAST_KEYS and row["region"] not in boundaries.region_keys)
        ]
        if boundaries.outline:
            layers.append(_outline_layer(boundaries, ink, 2.5 if size == "presenter" else 1.8))
        layers.append(_points_layer("city-points", marker_rows, ring=ink.country, width=2.5))
    layers.append(_labels_layer(rows, LABEL_SIZE[size]))

    if basemap:
        provider = "mapbox" if basemap.startswith("mapbox://") else "carto"
        map_args: dict[str, Any] = {"map_provider": provider, "map_style": basemap}
    else:
        # map_provider=None keeps pydeck's "__MAP_STYLE__" placeholder, which Streamlit
        # reads as "no basemap"; map_style=None would make Streamlit fetch Carto tiles.
        map_args = {"map_provider": None}

    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            longitude=VIEW_LON,
            latitude=VIEW_LAT,
            zoom=ZOOM[size] if zoom is None else zoom,
            min_zoom=3.5,
            max_zoom=10,
        ),
        tooltip={
            "text": "{tooltip}",
            "style": {
                "backgroundColor": "#262730" if dark else "#ffffff",
                "color": "#fafafa" if dark else "#1a1a1a",
                "fontSize": "15px" if size == "presenter" else "13px",
                "whiteSpace": "pre-line",
            },
        },
        **map_args,
    )


def picked_region(objects: Mapping[str, Any] | None) -> str | None:
    """Return the region key a tap selected (``st.pydeck_chart``'s selection objects), or None.

    Only a key the gazetteer knows comes back, so nothing the browser sent is ever shown.
    """
    for picked in (objects or {}).values():
        for item in picked if isinstance(picked, list) else []:
            if not isinstance(item, Mapping):
                continue
            props = item.get("properties")
            key = item.get("region") or (
                props.get("region") if isinstance(props, Mapping) else None
            )
            if key in SUBNATIONAL_KEYS:
                return str(key)
    return None


# ---------------------------------------------------------------------------
# The printed map (the meeting pack): the same units and colours as a plotly figure
# ---------------------------------------------------------------------------

_KM_PER_LON: Final = math.cos(math.radians(VIEW_LAT))
"""A degree of longitude is this many degrees of latitude long at the country's centre: the
printed map's x is longitude times this, so the country keeps its shape (equirectangular)."""
PRINT_LABEL_SIZE: Final = 18  # px at the pack's 1200 px chart width


def _xy(points: Iterable[Sequence[float]]) -> tuple[list[float | None], list[float | None]]:
    """Longitude/latitude points as the printed map's x and y."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for point in points:
        xs.append(float(point[0]) * _KM_PER_LON)
        ys.append(float(point[1]))
    return xs, ys


def _rings(geometry: Mapping[str, Any]) -> list[Sequence[Sequence[float]]]:
    """Every ring of a Polygon or MultiPolygon (holes are drawn over by their neighbours)."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    return [ring for polygon in polygons for ring in polygon]


def make_region_print_figure(
    values: pd.DataFrame,
    *,
    value_col: str,
    label_col: str,
    boundaries: BoundarySet | None = None,
    higher_is_better: bool = True,
    target: float | None = None,
    legend_labels: Mapping[str, str] | None = None,
    lang: str = "en",
    region_col: str = "region",
) -> go.Figure:
    """The region map for paper: :func:`make_region_deck`'s units, colours and labels drawn
    as plotly shapes (vector graphics through plotly's static export, no tiles, no network).

    The polygons are drawn on plain x/y axes in longitude and latitude, corrected so the
    country keeps its shape, with the outline on top, the cities as ringed markers and every
    unit's name and figure printed on it; the legend is :func:`make_region_legend`'s swatches.
    Nothing is hovered on paper, so the figure carries no hover text.
    """
    units = _drawn_units(
        values,
        region_col=region_col,
        value_col=value_col,
        label_col=label_col,
        higher_is_better=higher_is_better,
        target=target,
        legend_labels=legend_labels,
        lang=lang,
    )
    by_key = {unit.key: unit for unit in units}
    shaped = boundaries.region_keys if boundaries is not None else frozenset()
    figure = go.Figure()
    if boundaries is not None:
        for feature in boundaries.geojson["features"]:
            unit = by_key[feature["properties"]["region"]]
            xs: list[float | None] = []
            ys: list[float | None] = []
            for ring in _rings(feature.get("geometry") or {}):
                x, y = _xy(ring)
                xs += [*x, None]
                ys += [*y, None]
            figure.add_scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=f"rgba({unit.fill[0]},{unit.fill[1]},{unit.fill[2]},{FILL_ALPHA / 255:.2f})",
                line={"color": _rgba_to_hex(LIGHT_INK.border), "width": 1},
                hoverinfo="skip",
                showlegend=False,
            )
        for path in boundaries.outline:
            x, y = _xy(path)
            figure.add_scatter(
                x=x,
                y=y,
                mode="lines",
                line={"color": _rgba_to_hex(LIGHT_INK.country), "width": 2},
                hoverinfo="skip",
                showlegend=False,
            )
    markers = [u for u in units if u.kind == "city" or u.key not in shaped]
    if markers:
        figure.add_scatter(
            x=[u.lon * _KM_PER_LON for u in markers],
            y=[u.lat for u in markers],
            mode="markers",
            marker={
                "size": [12 if u.kind == "city" else 24 for u in markers],
                "color": [_rgba_to_hex(u.fill) for u in markers],
                "line": {"color": _rgba_to_hex(LIGHT_INK.country), "width": 2},
            },
            hoverinfo="skip",
            showlegend=False,
        )
    # The labels are text traces of one line each (the PDF's SVG reader places a single line
    # by its anchor, not an annotation's lines): a unit's name above its point and its figure
    # below, a city's name and figure on one line to the right of its marker, as on screen.
    # Chuy's pair sits lower, clear of Bishkek's label.
    lines: list[tuple[float, float, str, str, str]] = []  # x, y, text, position, ink
    for unit in units:
        under = unit.key if unit.kind != "city" else get_region(unit.key).parent
        ink = _rgba_to_hex(
            label_ink(by_key[under].fill, LIGHT_INK.page) if under in shaped else LIGHT_INK.text
        )
        x, y = unit.lon * _KM_PER_LON, unit.lat - (0.35 if unit.key == "KG-C" else 0.0)
        if unit.kind == "city":
            # Past the marker's ring: a text trace has no marker of its own to step round.
            lines.append((x + 0.12, y, f"{unit.name} {unit.display}", "middle right", ink))
        else:
            lines.append((x, y, unit.name, "top center", ink))
            lines.append((x, y, unit.display, "bottom center", ink))
    figure.add_scatter(
        x=[line[0] for line in lines],
        y=[line[1] for line in lines],
        mode="text",
        text=[for_plotly(line[2]) for line in lines],
        textposition=[line[3] for line in lines],
        textfont={"size": PRINT_LABEL_SIZE, "color": [line[4] for line in lines]},
        hoverinfo="skip",
        showlegend=False,
    )
    for swatch in make_region_legend(
        values,
        value_col=value_col,
        higher_is_better=higher_is_better,
        target=target,
        legend_labels=legend_labels,
    ):
        figure.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 16, "color": swatch.color},
            name=for_plotly(swatch.label),
            hoverinfo="skip",
        )
    axis = {"visible": False, "fixedrange": True}
    figure.update_layout(
        xaxis=axis,
        yaxis={**axis, "scaleanchor": "x", "scaleratio": 1},
        legend={
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.02,
            "yanchor": "top",
            "font": {"size": PRINT_LABEL_SIZE},
        },
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hovermode=False,
    )
    return figure
