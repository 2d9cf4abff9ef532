"""Map builders: boundary loading against both real fixture files, and the decks' content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk
import pytest

from tests.conftest import shared_fixture
from utils.analysis.privacy import protected
from utils.render.maps import (
    NO_DATA_COLOR,
    PALETTE,
    hex_to_rgba,
    make_region_deck,
    make_region_legend,
    make_region_print_figure,
    scale_domain,
    value_color,
)
from utils.sheet.regions import CITY_KEYS, OBLAST_KEYS, SUBNATIONAL_KEYS
from utils.store.boundaries import BoundarySet, load_boundaries, match_feature, parse_boundaries

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
BOUNDARY_FILES = {"kgz_adm1_wfp_prism.geojson": 7, "kgz_adm2_ocha_cod.geojson": 53}
HOSTILE = '<img src=x onerror="alert(1)">'
GREY = hex_to_rgba(NO_DATA_COLOR)[:3]


def _fixture(name: str) -> Path:
    """A boundary file from ../shared/fixtures (skipped when absent, failing under CI)."""
    return shared_fixture("boundaries", name)


_CACHE: dict[str, BoundarySet] = {}


@pytest.fixture(params=sorted(BOUNDARY_FILES))
def boundaries(request: pytest.FixtureRequest) -> BoundarySet:
    name = request.param
    if name not in _CACHE:
        _CACHE[name] = load_boundaries(_fixture(name))
    return _CACHE[name]


def _positions(geometry: dict[str, Any]) -> Iterator[list[float]]:
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            yield from ring


def _frame(**overrides: tuple[float, str]) -> pd.DataFrame:
    """One row per unit: value = 10 * position, text = "<value>%", with overrides."""
    rows = []
    for i, key in enumerate(SUBNATIONAL_KEYS, start=1):
        value, text = overrides.get(key.replace("-", "_"), (10.0 * i, f"{10 * i}%"))
        rows.append({"region": key, "value": value, "text": text})
    return protected(pd.DataFrame(rows), 10)


def _layer(deck: pdk.Deck, layer_id: str) -> dict[str, Any]:
    layers = {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}
    return layers[layer_id]


# --- boundaries ------------------------------------------------------------------------


def test_fixture_files_match_every_oblast_and_report_nothing_unmatched(
    boundaries: BoundarySet,
) -> None:
    assert boundaries.region_keys == frozenset(OBLAST_KEYS)
    assert boundaries.unmatched == ()
    assert sum(boundaries.features_per_region.values()) == BOUNDARY_FILES[boundaries.source]
    assert boundaries.cities_folded == CITY_KEYS
    expected_level = "adm2" if "adm2" in boundaries.source else "adm1"
    assert boundaries.level == expected_level
    if expected_level == "adm2":
        # 53 districts grouped into their oblasts (Jalal-Abad has 13 units in COD-AB).
        assert boundaries.features_per_region["KG-J"] == 13


def test_fixture_coordinates_are_2d_closed_and_much_smaller(boundaries: BoundarySet) -> None:
    for feature in boundaries.geojson["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        assert set(feature["properties"]) == {"region"}
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
        assert all(len(p) == 2 for p in _positions(feature["geometry"]))
    print(
        f"{boundaries.source}: {boundaries.bytes_before:,} -> {boundaries.bytes_after:,} bytes, "
        f"{boundaries.vertices_before:,} -> {boundaries.vertices_after:,} vertices"
    )
    assert boundaries.bytes_after < boundaries.bytes_before / 10
    assert boundaries.vertices_after < boundaries.vertices_before / 5
    assert boundaries.bytes_after == len(json.dumps(boundaries.geojson, separators=(",", ":")))


def test_wfp_properties_match_by_each_name_alone() -> None:
    # Every name column of the WFP file is enough on its own, quirks included.
    data = json.loads(_fixture("kgz_adm1_wfp_prism.geojson").read_text(encoding="utf-8"))
    for column in ("Adm1_Code", "Adm1_EN", "Adm1_RU", "Adm1_KR"):
        keys = {match_feature({column: f["properties"][column]}) for f in data["features"]}
        assert keys == set(OBLAST_KEYS), column


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": list(features),
    }


def _square(props: dict[str, Any], x: float = 74.0, y: float = 41.0, z: bool = False):
    ring = [[x, y], [x + 0.5, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    if z:
        ring = [[*p, 0.0] for p in ring]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def test_unmatched_features_are_reported_not_dropped_silently() -> None:
    result = parse_boundaries(
        _collection(
            _square({"shapeName": "Naryn Region", "shapeISO": "KG-N"}, z=True),
            _square({"name": "Atlantis", "ADM0_EN": "Kyrgyzstan"}),
            {"type": "Feature", "properties": {"NAME_1": "Talas"}, "geometry": None},
        )
    )
    assert result.region_keys == {"KG-N"}
    assert len(result.unmatched) == 2
    assert "name=Atlantis" in result.unmatched[0]
    assert "NAME_1=Talas" in result.unmatched[1] and "no polygon" in result.unmatched[1]
    # 3-D input, 2-D output; the collinear midpoint of the square is simplified away.
    ring = result.geojson["features"][0]["geometry"]["coordinates"][0][0]
    assert ring == [[74.0, 41.0], [75.0, 41.0], [75.0, 42.0], [74.0, 42.0], [74.0, 41.0]]


def test_country_and_district_properties_never_name_the_region() -> None:
    # ADM0 "Kyrgyzstan" is national, ADM2 "Osh" would be a district: neither is first-level.
    assert match_feature({"ADM0_EN": "Kyrgyzstan", "ADM2_EN": "Osh"}) is None
    assert match_feature({"ADM2_EN": "Osh", "ADM1_EN": "Batken"}) == "KG-B"
    assert match_feature({"label": "г. Бишкек"}) == "KG-GB"


def test_city_polygons_are_kept_when_the_file_has_them() -> None:
    result = parse_boundaries(
        _collection(_square({"shapeName": "Bishkek"}), _square({"shapeName": "Chuy Region"}, 75))
    )
    assert result.region_keys == {"KG-GB", "KG-C"}
    assert result.cities_folded == ("KG-GO",)


def test_not_a_feature_collection_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_boundaries({"type": "Feature"})


# --- colour scale ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "higher", "target", "domain"),
    [
        ([10, 50, 30], True, None, (10, 50)),
        ([10, 50, 30], False, None, (50, 10)),
        ([10, 50, 30], True, 90, (10, 90)),
        ([95, 99], True, 90, (90, 90)),
        ([10, 50], False, 5, (50, 5)),
        ([float("nan")], True, None, None),
        ([], True, 90, None),
    ],
)
def test_scale_domain(values, higher, target, domain) -> None:
    assert scale_domain(values, higher_is_better=higher, target=target) == domain


def test_value_colors_run_from_worst_to_best_and_grey_for_missing() -> None:
    assert value_color(10, (10, 50))[:3] == hex_to_rgba(PALETTE[0])[:3]
    assert value_color(50, (10, 50))[:3] == hex_to_rgba(PALETTE[-1])[:3]
    assert value_color(99, (10, 50))[:3] == hex_to_rgba(PALETTE[-1])[:3]  # clamped
    assert value_color(float("nan"), (10, 50))[:3] == GREY
    assert value_color(None, (10, 50))[:3] == GREY
    assert value_color(95, (90, 90), target=90)[:3] == hex_to_rgba(PALETTE[-1])[:3]
    assert GREY not in [hex_to_rgba(c)[:3] for c in PALETTE]


def test_legend_follows_direction_and_target() -> None:
    labels = {"low": "низко", "high": "высоко", "target": "цель", "no_data": "нет данных"}
    up = make_region_legend(_frame(), value_col="value", legend_labels=labels)
    assert [(e.color, e.label) for e in up] == [
        (PALETTE[0], "низко"),
        (PALETTE[-1], "высоко"),
        (NO_DATA_COLOR, "нет данных"),
    ]
    down = make_region_legend(_frame(), value_col="value", higher_is_better=False)
    assert [e.label for e in down[:2]] == ["higher", "lower"]
    target = make_region_legend(_frame(), value_col="value", target=90, legend_labels=labels)
    assert target[1].label == "цель"


# --- decks -----------------------------------------------------------------------------


def test_deck_without_boundaries_has_all_nine_units_offline() -> None:
    deck = make_region_deck(_frame(), value_col="value", label_col="text", title="Coverage")
    assert isinstance(deck, pdk.Deck)
    spec = json.loads(deck.to_json())
    assert [layer["@@type"] for layer in spec["layers"]] == ["ScatterplotLayer", "TextLayer"]
    points = _layer(deck, "region-points")["data"]
    assert [row["region"] for row in points] == list(SUBNATIONAL_KEYS)
    labels = _layer(deck, "region-labels")["data"]
    assert {row["label"] for row in labels} >= {"Naryn\n50%", "Osh city\n90%"}
    # Lowest value worst colour, highest value best colour.
    fills = {row["region"]: row["fill"][:3] for row in points}
    assert fills["KG-B"] == hex_to_rgba(PALETTE[0])[:3]
    assert fills["KG-GO"] == hex_to_rgba(PALETTE[-1])[:3]
    # No basemap, no tiles, no token: pydeck's placeholder that Streamlit reads as "none".
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec
    assert "http" not in deck.to_json()
    view = spec["initialViewState"]
    assert (view["longitude"], view["latitude"], view["zoom"]) == (74.75, 41.25, 5.3)


def test_deck_with_boundaries_colours_polygons_and_marks_cities(boundaries: BoundarySet) -> None:
    frame = _frame(KG_C=(float("nan"), "<10"), KG_GO=(float("nan"), "<10"))
    deck = make_region_deck(
        frame, value_col="value", label_col="text", title="Coverage", boundaries=boundaries
    )
    spec = json.loads(deck.to_json())
    assert [layer["id"] for layer in spec["layers"]] == [
        "region-shapes",
        "country-outline",
        "city-points",
        "region-labels",
    ]
    shapes = _layer(deck, "region-shapes")
    assert shapes["@@type"] == "GeoJsonLayer"
    assert shapes["getFillColor"] == "@@=properties.fill"
    features = shapes["data"]["features"]
    assert {f["properties"]["region"] for f in features} == set(OBLAST_KEYS)
    assert len(features) == BOUNDARY_FILES[boundaries.source]
    by_key = {f["properties"]["region"]: f["properties"] for f in features}
    assert by_key["KG-C"]["fill"][:3] == GREY  # suppressed: grey, no number sent
    assert by_key["KG-C"]["tooltip"] == "Chuy\nCoverage: <10"
    assert by_key["KG-B"]["fill"][:3] == hex_to_rgba(PALETTE[0])[:3]
    assert all(len(p) == 2 for f in features for p in _positions(f["geometry"]))
    cities = _layer(deck, "city-points")["data"]
    assert [row["region"] for row in cities] == list(CITY_KEYS)
    assert (cities[0]["lon"], cities[0]["lat"]) == (74.60, 42.87)
    assert cities[1]["display"] == "<10"
    assert len(_layer(deck, "region-labels")["data"]) == 9
    # The raw values never reach the browser, only colours and display text.
    assert "value" not in cities[0] and "value" not in by_key["KG-B"]


def test_hostile_display_text_is_inert_everywhere(boundaries: BoundarySet) -> None:
    frame = _frame(KG_N=(50.0, HOSTILE), KG_GB=(1.0, "<script>x</script>"))
    for bset in (None, boundaries):
        deck = make_region_deck(
            frame,
            value_col="value",
            label_col="text",
            title="<b>Title</b>",
            boundaries=bset,
            legend_labels={"no_data": "<svg onload=x>"},
        )
        text = deck.to_json()
        for needle in ("<img", "<script", "</script", "<svg", "<b>"):
            assert needle not in text
        # The tooltip is text (innerText in deck.gl), never HTML.
        assert deck._tooltip["text"] == "{tooltip}"
        assert "html" not in deck._tooltip
    # Legitimate "<10" passes untouched.
    deck = make_region_deck(_frame(KG_T=(None, "<10")), value_col="value", label_col="text",
                            title="t")  # fmt: skip
    assert any(row["display"] == "<10" for row in _layer(deck, "region-points")["data"])


def test_missing_regions_show_no_data_and_national_row_is_ignored() -> None:
    frame = protected(
        pd.DataFrame({"region": ["Naryn", "KG"], "value": [40.0, 55.0], "text": ["40%", "55%"]}), 10
    )
    deck = make_region_deck(
        frame,
        value_col="value",
        label_col="text",
        title="t",
        legend_labels={"no_data": "нет данных"},
        lang="ru",
    )
    rows = {row["region"]: row for row in _layer(deck, "region-points")["data"]}
    assert set(rows) == set(SUBNATIONAL_KEYS)
    assert rows["KG-N"]["display"] == "40%" and rows["KG-N"]["name"] == "Нарынская область"
    assert rows["KG-T"]["display"] == "нет данных" and rows["KG-T"]["fill"][:3] == GREY
    assert _layer(deck, "region-labels")["characterSet"] == "auto"  # Cyrillic glyphs


def test_lower_is_better_and_target_change_the_colours() -> None:
    frame = _frame()
    down = make_region_deck(frame, value_col="value", label_col="text", title="t",
                            higher_is_better=False)  # fmt: skip
    fills = {r["region"]: r["fill"][:3] for r in _layer(down, "region-points")["data"]}
    assert fills["KG-B"] == hex_to_rgba(PALETTE[-1])[:3]
    assert fills["KG-GO"] == hex_to_rgba(PALETTE[0])[:3]
    target = make_region_deck(frame, value_col="value", label_col="text", title="t", target=40)
    fills = {r["region"]: r["fill"][:3] for r in _layer(target, "region-points")["data"]}
    best = hex_to_rgba(PALETTE[-1])[:3]
    assert [k for k, f in fills.items() if f == best] == list(SUBNATIONAL_KEYS[3:])


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (protected(pd.DataFrame({"region": ["Atlantis"], "value": [1.0], "text": ["1"]}), 10), "unknown"),
        (protected(pd.DataFrame({"region": ["KG-C", "Chuy"], "value": [1.0, 2.0],
                                 "text": ["1", "2"]}), 10), "two rows"),
        (protected(pd.DataFrame({"region": ["KG-C"], "value": [1.0]}), 10), "no column"),
    ],
)  # fmt: skip
def test_bad_frames_are_refused(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_region_deck(frame, value_col="value", label_col="text", title="t")


def test_basemap_is_optional_and_explicit() -> None:
    url = "https://tiles.example.org/style.json"
    deck = make_region_deck(_frame(), value_col="value", label_col="text", title="t", basemap=url)
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == url and spec["mapProvider"] == "carto"


# --- the printed map (the meeting pack) ------------------------------------------------------


def _words(figure) -> dict[str, str]:
    """The printed map's label lines, each with its colour."""
    (words,) = [trace for trace in figure.data if trace.mode == "text"]
    return dict(zip(words.text, words.textfont.color, strict=True))


def test_printed_map_fills_every_polygon_and_labels_every_unit(boundaries: BoundarySet) -> None:
    frame = _frame(KG_T=(None, "<10"))  # Talas hidden to protect people: grey, "<10"
    figure = make_region_print_figure(
        frame, value_col="value", label_col="text", boundaries=boundaries, lang="ru"
    )
    shapes = [trace for trace in figure.data if trace.fill == "toself"]
    assert len(shapes) == len(boundaries.geojson["features"])
    greys = [s for s in shapes if s.fillcolor.startswith("rgba({},{},{},".format(*GREY))]
    assert greys, "the hidden unit is drawn grey"
    words = _words(figure)
    assert "Таласская область" in words and "&lt;10" in words  # "<10", as plotly reads it
    assert "г. Бишкек 80%" in words or any(w.startswith("г. Бишкек ") for w in words)
    assert all(trace.hoverinfo == "skip" for trace in figure.data), "paper has no hover text"
    legend = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert len(legend) == 3  # worst, best, no data


def test_printed_map_without_boundaries_marks_all_nine_units() -> None:
    figure = make_region_print_figure(_frame(), value_col="value", label_col="text")
    (markers,) = [trace for trace in figure.data if trace.mode == "markers" and trace.x[0]]
    assert len(markers.x) == len(SUBNATIONAL_KEYS)
    assert len(_words(figure)) == len(OBLAST_KEYS) * 2 + len(CITY_KEYS)


def test_printed_map_text_is_inert() -> None:
    frame = _frame(KG_N=(50.0, HOSTILE), KG_GB=(1.0, "<script>x</script>"))
    figure = make_region_print_figure(
        frame, value_col="value", label_col="text", legend_labels={"no_data": "<svg onload=x>"}
    )
    text = figure.to_json()
    for needle in ("<img", "<script", "<svg"):
        assert needle not in text
