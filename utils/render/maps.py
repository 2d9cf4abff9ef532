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
tooltip would show "&lt;10" to readers.) On top of that, `_inert` neutralises anything
that could open a tag, so the serialised deck never carries markup such as "<img".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from utils.sheet.regions import (
    CITY_KEYS,
    NATIONAL_KEY,
    OBLAST_KEYS,
    SUBNATIONAL_KEYS,
    get_region,
    region_name,
    resolve_region,
)

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

# Property names that usually hold the first-level name or code, tried in this order
# (compared case-insensitively). Then any other string property, except ADM0/ADM2/ADM3
# ones, which name the country or a district and would give a wrong match.
_NAME_PROPERTIES: tuple[str, ...] = (
    "shapeISO", "iso_3166_2", "ISO", "ADM1_PCODE", "Adm1_Code",
    "ADM1_EN", "Adm1_EN", "ADM1_RU", "ADM1_KY", "Adm1_KR", "ADM1_KG",
    "shapeName", "NAME_1", "name_en", "name_ru", "name_ky", "name", "region", "oblast",
)  # fmt: skip
_NOT_FIRST_LEVEL = re.compile(r"^(adm[02-9]|admin[02-9]|name_?[02-9]|dv_)", re.IGNORECASE)

# "<" followed by a letter, "/", "!" or "?" is what opens a tag or comment in HTML; any
# other "<" (as in "<10") is plain text even for an HTML parser, so it is kept.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


@dataclass(frozen=True)
class BoundarySet:
    """First-level polygons keyed by region, simplified for the browser, with a report."""

    geojson: dict[str, Any]
    region_keys: frozenset[str]
    features_per_region: Mapping[str, int]
    unmatched: tuple[str, ...]
    level: Literal["adm1", "adm2"]
    bytes_before: int
    bytes_after: int
    vertices_before: int
    vertices_after: int
    source: str = ""

    @property
    def cities_folded(self) -> tuple[str, ...]:
        """Return the city keys that have no polygon of their own in this file."""
        return tuple(k for k in CITY_KEYS if k not in self.region_keys)


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
# Boundaries
# ---------------------------------------------------------------------------


def load_boundaries(
    path: str | Path, *, decimals: int = 3, tolerance: float = 0.005
) -> BoundarySet:
    """Read a first-level (or district) boundary GeoJSON file and key it by region."""
    raw = Path(path).read_bytes()
    data = json.loads(raw.decode("utf-8-sig"))
    return parse_boundaries(
        data,
        bytes_before=len(raw),
        decimals=decimals,
        tolerance=tolerance,
        source=Path(path).name,
    )


def parse_boundaries(
    data: Mapping[str, Any],
    *,
    bytes_before: int | None = None,
    decimals: int = 3,
    tolerance: float = 0.005,
    source: str = "",
) -> BoundarySet:
    """Key every feature of a GeoJSON FeatureCollection to a region and simplify it."""
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError("boundary file is not a GeoJSON FeatureCollection")
    if bytes_before is None:
        bytes_before = len(json.dumps(data, separators=(",", ":"), ensure_ascii=False))

    features: list[dict[str, Any]] = []
    unmatched: list[str] = []
    counts: dict[str, int] = {}
    vertices_before = vertices_after = 0
    has_adm2_props = False
    for index, feature in enumerate(data["features"]):
        props = feature.get("properties") or {}
        has_adm2_props = has_adm2_props or any(str(p).upper().startswith("ADM2") for p in props)
        key = match_feature(props)
        if key is None:
            unmatched.append(f"#{index}: {_describe(props)}")
            continue
        polygons = _polygons(feature.get("geometry"))
        if not polygons:
            unmatched.append(f"#{index}: {_describe(props)} (no polygon geometry)")
            continue
        simplified: list[list[list[list[float]]]] = []
        for polygon in polygons:
            vertices_before += sum(len(ring) for ring in polygon)
            rings = _simplify_polygon(polygon, decimals, tolerance)
            if rings:
                vertices_after += sum(len(ring) for ring in rings)
                simplified.append(rings)
        if not simplified:
            unmatched.append(f"#{index}: {_describe(props)} (polygon too small to draw)")
            continue
        counts[key] = counts.get(key, 0) + 1
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "MultiPolygon", "coordinates": simplified},
                "properties": {"region": key},
            }
        )

    geojson = {"type": "FeatureCollection", "features": features}
    bytes_after = len(json.dumps(geojson, separators=(",", ":")))
    level: Literal["adm1", "adm2"] = (
        "adm2" if has_adm2_props or any(n > 1 for n in counts.values()) else "adm1"
    )
    return BoundarySet(
        geojson=geojson,
        region_keys=frozenset(counts),
        features_per_region=dict(sorted(counts.items())),
        unmatched=tuple(unmatched),
        level=level,
        bytes_before=bytes_before,
        bytes_after=bytes_after,
        vertices_before=vertices_before,
        vertices_after=vertices_after,
        source=source,
    )


def match_feature(properties: Mapping[str, Any]) -> str | None:
    """Return the first-level region key named by a feature's properties, or None."""
    by_lower = {str(name).lower(): name for name in properties}
    tried: set[str] = set()
    for candidate in _NAME_PROPERTIES:
        name = by_lower.get(candidate.lower())
        if name is None or name in tried:
            continue
        tried.add(name)
        key = resolve_region(properties[name])
        if key in SUBNATIONAL_KEYS:
            return key
    for name, value in properties.items():
        if name in tried or not isinstance(value, str) or _NOT_FIRST_LEVEL.match(str(name)):
            continue
        key = resolve_region(value)
        if key in SUBNATIONAL_KEYS:
            return key
    return None


def _describe(properties: Mapping[str, Any], limit: int = 6) -> str:
    """Summarise a feature's string properties for the unmatched report."""
    parts = [f"{k}={v}" for k, v in properties.items() if isinstance(v, str) and v.strip()]
    return ", ".join(parts[:limit]) or "(no text properties)"


def _polygons(geometry: Mapping[str, Any] | None) -> list[list[list[Sequence[float]]]]:
    """Return the polygons of a Polygon or MultiPolygon geometry (else an empty list)."""
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    if kind == "GeometryCollection":
        out: list[list[list[Sequence[float]]]] = []
        for part in geometry.get("geometries") or []:
            out.extend(_polygons(part))
        return out
    return []


def _simplify_polygon(
    polygon: Sequence[Sequence[Sequence[float]]], decimals: int, tolerance: float
) -> list[list[list[float]]]:
    """Simplify a polygon's rings; drop holes that vanish; [] when the shell vanishes."""
    rings: list[list[list[float]]] = []
    for index, ring in enumerate(polygon):
        simplified = _simplify_ring(ring, decimals, tolerance)
        if simplified is None:
            if index == 0:
                return []
            continue
        rings.append(simplified)
    return rings


def _simplify_ring(
    ring: Sequence[Sequence[float]], decimals: int, tolerance: float
) -> list[list[float]] | None:
    """Drop z, round, drop repeated points, Douglas-Peucker; None if under 3 corners."""
    points: list[list[float]] = []
    for position in ring:
        point = [round(float(position[0]), decimals), round(float(position[1]), decimals)]
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return None
    kept = _douglas_peucker([*points, points[0]], tolerance) if tolerance > 0 else points
    if kept[0] == kept[-1]:
        kept = kept[:-1]
    if len(kept) < 3:
        # The ring is smaller than the tolerance: keep its rounded shape if it has one.
        kept = points if len(points) >= 3 else []
    if len(kept) < 3:
        return None
    return [*kept, kept[0]]


def _douglas_peucker(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Keep the points that lie farther than `tolerance` from the simplified line."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        worst, worst_index = -1.0, first
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, worst_index = d, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _distance_to_segment(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Euclidean distance from p to segment ab (in degrees; fine at this scale)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


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
    labels = {**DEFAULT_LEGEND_LABELS, **(legend_labels or {})}
    worst_label, best_label = (
        (labels["low"], labels["high"]) if higher_is_better else (labels["high"], labels["low"])
    )
    if target is not None:
        best_label = labels["target"]
    return (
        LegendEntry(PALETTE[0], _inert(worst_label)),
        LegendEntry(PALETTE[-1], _inert(best_label)),
        LegendEntry(NO_DATA_COLOR, _inert(labels["no_data"])),
    )


# ---------------------------------------------------------------------------
# The deck
# ---------------------------------------------------------------------------


def _inert(text: object) -> str:
    """Return text that no HTML parser can turn into markup ("<10" stays as it is)."""
    # Control characters (but not line breaks) are dropped; NBSP from number formats stays.
    cleaned = "".join(ch for ch in str(text) if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return _TAG_OPEN.sub("‹", cleaned)


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
                name=_inert(region_name(key, lang)),
                display=_inert(text if text not in (None, "") else no_data),
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
    safe_title = _inert(title)
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
