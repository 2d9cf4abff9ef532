"""The map's boundary file: read a first-level GeoJSON, key its features by region, simplify.

Part of the store because it reads the disk: the deployer's file (``[app] boundaries``) when
one is set, else the bundled Natural Earth file (``data/kyrgyzstan_admin1.geojson``, already
simplified with its shared borders kept shared, so it is read without simplifying again). The
result, a ``BoundarySet``, is plain data that ``utils.render.maps`` draws, with the country
outline: the polygon edges that no two units share.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from utils.sheet.regions import CITY_KEYS, SUBNATIONAL_KEYS, resolve_region

# Property names that usually hold the first-level name or code, tried in this order
# (compared case-insensitively). Then any other string property, except ADM0/ADM2/ADM3
# ones, which name the country or a district and would give a wrong match.
_NAME_PROPERTIES: tuple[str, ...] = (
    "shapeISO", "iso_3166_2", "ISO", "ADM1_PCODE", "Adm1_Code",
    "ADM1_EN", "Adm1_EN", "ADM1_RU", "ADM1_KY", "Adm1_KR", "ADM1_KG",
    "shapeName", "NAME_1", "name_en", "name_ru", "name_ky", "name", "region", "oblast",
)  # fmt: skip
_NOT_FIRST_LEVEL = re.compile(r"^(adm[02-9]|admin[02-9]|name_?[02-9]|dv_)", re.IGNORECASE)

# The bundled map (data/README.md says where it comes from and how it was made).
DEFAULT_BOUNDARIES = Path(__file__).resolve().parents[2] / "data" / "kyrgyzstan_admin1.geojson"

Path2D = tuple[tuple[float, float], ...]


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
    outline: tuple[Path2D, ...] = ()  # the country's border: the edges no two units share
    bundled: bool = False  # the map that comes with the app, not a deployer's file

    @property
    def cities_folded(self) -> tuple[str, ...]:
        """Return the city keys that have no polygon of their own in this file."""
        return tuple(k for k in CITY_KEYS if k not in self.region_keys)


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


def load_default_boundaries() -> BoundarySet:
    """Read the bundled first-level map of Kyrgyzstan (already simplified: not again)."""
    return replace(load_boundaries(DEFAULT_BOUNDARIES, tolerance=0), bundled=True)


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
    edges: dict[tuple[tuple[float, float], tuple[float, float]], int] = {}
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
            _count_edges(polygon, decimals, edges)
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
        outline=_outline(edges, tolerance),
    )


def _count_edges(
    polygon: Sequence[Sequence[Sequence[float]]],
    decimals: int,
    edges: dict[tuple[tuple[float, float], tuple[float, float]], int],
) -> None:
    """Count every edge of a polygon's rings (rounded, either direction) into `edges`."""
    for ring in polygon:
        points = [(round(float(p[0]), decimals), round(float(p[1]), decimals)) for p in ring]
        for a, b in pairwise(points):
            if a != b:
                key = (a, b) if a < b else (b, a)
                edges[key] = edges.get(key, 0) + 1


def _outline(
    edges: Mapping[tuple[tuple[float, float], tuple[float, float]], int], tolerance: float
) -> tuple[Path2D, ...]:
    """Chain the edges used once (the border with the outside) into simplified paths.

    Measured before simplifying, on the rounded source points, so that a border two units
    share cancels out even when each unit's ring is simplified on its own; in a file whose
    neighbours do not share their points every edge is used once and the outline draws
    every border, which is still a correct picture.
    """
    neighbours: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for (a, b), count in edges.items():
        if count == 1:
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
    paths: list[Path2D] = []
    # Start at the ends of open chains first, then walk the closed rings that remain.
    starts = sorted(neighbours, key=lambda p: (len(neighbours[p]) % 2 == 0, p))
    for start in starts:
        while neighbours.get(start):
            path = [start]
            point = start
            while neighbours.get(point):
                step = neighbours[point].pop()
                neighbours[step].remove(point)
                path.append(step)
                point = step
            points = [list(p) for p in path]
            if tolerance > 0 and len(points) > 2:
                points = _douglas_peucker(points, tolerance)
            paths.append(tuple((p[0], p[1]) for p in points))
    return tuple(paths)


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
