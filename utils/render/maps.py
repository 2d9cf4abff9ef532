"""Pure pydeck map builders for the nine first-level units (no Streamlit, nothing at import).

Two modes, both meaningful with no basemap and no network:
- without boundaries, coloured markers at the gazetteer centroids with text labels;
- with a boundary file, a choropleth of the polygons, plus the two cities as markers on
  top (first-level boundary files usually fold Bishkek into Chuy and Osh city into Osh).

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
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from utils.analysis.privacy import require
from utils.render.text import for_deck
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

# Centre of Kyrgyzstan; zoom 5.3 shows the whole country in a ~400 px wide map.
VIEW_LON = 74.5
VIEW_LAT = 41.3
VIEW_ZOOM = 5.3

# ColorBrewer YlGnBu (colour-blind safe, sequential), without its near-white end so the
# lightest class still stands out on a white page. Index 0 = worst, last = best.
PALETTE: tuple[str, ...] = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
NO_DATA_COLOR = "#a6a6a6"
OUTLINE_COLOR: RGBA = [80, 80, 80, 255]
FILL_ALPHA = 220

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
            )
        )
    return units


def _row(unit: _Unit, title: str, *, marker: bool) -> dict[str, Any]:
    """Return the JSON row/properties of one unit (only strings, colours, positions)."""
    radius = 9 if unit.kind == "city" else 14
    # Cities: label above the marker. Other markers: label below, so the text never sits
    # on a dark circle. Polygons: label centred, except Chuy, which goes below its point
    # so it does not cover Bishkek's label.
    if unit.kind == "city":
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
        "label": f"{unit.name}\n{unit.display}",
        "fill": unit.fill,
        "lon": unit.lon,
        "lat": unit.lat,
        "radius": radius,
        "anchor": anchor,
        "baseline": baseline,
        "offset": offset,
    }


def _points_layer(layer_id: str, rows: list[dict[str, Any]]) -> pdk.Layer:
    """Circles at the unit positions, filled by value, sized in screen pixels."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id=layer_id,
        get_position=["lon", "lat"],
        get_fill_color="fill",
        get_line_color=OUTLINE_COLOR,
        get_radius="radius",
        radius_units="'pixels'",
        line_width_units="'pixels'",
        get_line_width=1.5,
        stroked=True,
        filled=True,
        pickable=True,
    )


def _labels_layer(rows: list[dict[str, Any]]) -> pdk.Layer:
    """Name and display text of every unit, readable on any background."""
    return pdk.Layer(
        "TextLayer",
        data=rows,
        id="region-labels",
        get_position=["lon", "lat"],
        get_text="label",
        get_size=12,
        size_units="'pixels'",
        get_color=[20, 20, 20, 255],
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        # Cyrillic names need glyphs beyond the default ASCII atlas.
        character_set="'auto'",
        font_family="'Source Sans Pro, Helvetica Neue, Arial, sans-serif'",
        font_weight=600,
        font_settings={"sdf": True},
        outline_width=2,
        outline_color=[255, 255, 255, 230],
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
    zoom: float = VIEW_ZOOM,
) -> pdk.Deck:
    """Build the region map: a choropleth with boundaries, else coloured centroid markers.

    `values` has one row per region (key in `region_col`; names the gazetteer knows are
    accepted too; a "KG" row is ignored), a numeric `value_col` (NaN = no data or
    suppressed: drawn grey) and `label_col`, the text already formatted, translated and
    suppressed ("<10", "47.5%"). Regions missing from the frame show the "no_data" legend
    label. `basemap` is a style URL; None draws no basemap and requests no tiles.
    """
    require(values)
    labels = {**DEFAULT_LEGEND_LABELS, **(legend_labels or {})}
    units = _units(
        values,
        region_col=region_col,
        value_col=value_col,
        label_col=label_col,
        higher_is_better=higher_is_better,
        target=target,
        no_data=labels["no_data"],
        lang=lang,
    )
    safe_title = for_deck(title)
    shaped = boundaries.region_keys if boundaries is not None else frozenset()
    rows = [_row(u, safe_title, marker=u.key not in shaped or u.kind == "city") for u in units]

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
                get_line_color=[255, 255, 255, 255],
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
        layers.append(_points_layer("city-points", marker_rows))
    layers.append(_labels_layer(rows))

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
            longitude=VIEW_LON, latitude=VIEW_LAT, zoom=zoom, min_zoom=4, max_zoom=10
        ),
        tooltip={
            "text": "{tooltip}",
            "style": {"backgroundColor": "#ffffff", "color": "#1a1a1a", "fontSize": "13px"},
        },
        **map_args,
    )
