"""The bundled Natural Earth map, its country outline, and decks drawn for each screen."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.workbooks import TODAY
from utils.analysis.privacy import protected
from utils.render.maps import (
    DARK_INK,
    LIGHT_INK,
    ZOOM,
    contrast,
    label_ink,
    make_region_deck,
    picked_region,
    short_region_name,
)
from utils.sheet.regions import OBLAST_KEYS, SUBNATIONAL_KEYS
from utils.store.boundaries import DEFAULT_BOUNDARIES, load_default_boundaries, parse_boundaries
from utils.views import access

# Kyrgyzstan's extent (Natural Earth admin-0): 69.25–80.28° E, 39.17–43.27° N.
WEST, EAST, SOUTH, NORTH = 69.2, 80.3, 39.1, 43.3


@pytest.fixture(scope="module")
def bundled():
    return load_default_boundaries()


def _frame() -> pd.DataFrame:
    rows = [
        {"region": k, "value": 10.0 * i, "text": f"{10 * i}%"}
        for i, k in enumerate(SUBNATIONAL_KEYS)
    ]
    return protected(pd.DataFrame(rows), 10)


def _layers(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_the_bundled_file_is_small_and_keys_the_oblasts_and_bishkek(bundled) -> None:
    assert DEFAULT_BOUNDARIES.stat().st_size < 150_000
    assert bundled.bundled and bundled.level == "adm1" and bundled.unmatched == ()
    # Natural Earth draws Bishkek but has no polygon for Osh city: it stays a marker.
    assert bundled.region_keys == frozenset(OBLAST_KEYS) | {"KG-GB"}
    assert bundled.cities_folded == ("KG-GO",)
    points = [p for f in bundled.geojson["features"] for poly in f["geometry"]["coordinates"]
              for ring in poly for p in ring]  # fmt: skip
    assert all(WEST <= x <= EAST and SOUTH <= y <= NORTH for x, y in points)
    # Read as it is (already simplified): what is sent is what the file holds.
    assert bundled.vertices_after == bundled.vertices_before


def test_the_outline_is_the_border_and_the_three_enclaves_only(bundled) -> None:
    # One ring round the country and one round each enclave of Uzbekistan and Tajikistan
    # inside Batken (Natural Earth's three holes there); no border between two units.
    assert len(bundled.outline) == 4
    assert all(path[0] == path[-1] for path in bundled.outline)
    outer = max(bundled.outline, key=len)
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    assert min(xs) < 69.4 and max(xs) > 80.1 and min(ys) < 39.3 and max(ys) > 43.1
    # Chuy's border with Naryn runs about 75–76° E at 42.0–42.2° N, deep inside: not outline.
    inside = [
        p for path in bundled.outline for p in path if 75.2 < p[0] < 75.8 and 41.9 < p[1] < 42.3
    ]
    assert inside == []


def test_two_neighbours_share_their_border_out_of_the_outline() -> None:
    # Two unit squares side by side: the outline is the 2 × 1 rectangle's six corners,
    # with the shared edge x = 74 gone.
    def square(name: str, x: float) -> dict:
        ring = [[x, 41.0], [x + 1, 41.0], [x + 1, 42.0], [x, 42.0], [x, 41.0]]
        return {"type": "Feature", "properties": {"name": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip

    result = parse_boundaries(
        {"type": "FeatureCollection", "features": [square("Talas", 73.0), square("Chuy", 74.0)]},
        tolerance=0,
    )
    assert len(result.outline) == 1
    ring = result.outline[0]
    assert ring[0] == ring[-1] and len(ring) == 7
    assert set(ring) == {
        (73.0, 41.0),
        (74.0, 41.0),
        (75.0, 41.0),
        (75.0, 42.0),
        (74.0, 42.0),
        (73.0, 42.0),
    }


def test_every_unit_fits_a_phone_width_and_the_wide_page() -> None:
    # At zoom z a degree of longitude is 512 * 2**z / 360 px: the country's 11.1° must fit a
    # 390 px phone's map (358 px after Streamlit's 16 px margins) and a 700 px wide column.
    def width(zoom: float) -> float:
        return 512 * 2**zoom / 360 * (EAST - WEST)

    assert width(ZOOM["phone"]) <= 358
    assert width(ZOOM["wide"]) <= 700
    assert width(ZOOM["phone"]) > 0.8 * 358  # and it is not a stamp in the middle


def test_a_deck_follows_the_theme_and_the_screen(bundled) -> None:
    light = make_region_deck(
        _frame(), value_col="value", label_col="text", title="T", boundaries=bundled
    )
    dark = make_region_deck(
        _frame(),
        value_col="value",
        label_col="text",
        title="T",
        boundaries=bundled,
        dark=True,
        size="phone",
    )
    lit, dim = _layers(light), _layers(dark)
    assert dim["country-outline"]["getColor"] == DARK_INK.country
    assert lit["country-outline"]["getColor"] == LIGHT_INK.country
    # Every label reads on what is under it, in both themes: its unit's fill as seen over the
    # page (a city's, its oblast's), at WCAG's 4.5:1 for text, with no halo to smear.
    for layers, page in ((lit, LIGHT_INK.page), (dim, DARK_INK.page)):
        fills = {
            f["properties"]["region"]: f["properties"]["fill"]
            for f in layers["region-shapes"]["data"]["features"]
        }
        assert "outlineWidth" not in layers["region-labels"]
        for row in layers["region-labels"]["data"]:
            under = {"KG-GO": "KG-O", "KG-GB": "KG-C"}.get(row["region"], row["region"])
            alpha = fills[under][3] / 255
            seen = [
                round(f * alpha + b * (1 - alpha))
                for f, b in zip(fills[under][:3], page[:3], strict=True)
            ]
            assert contrast(row["ink"], seen) >= 4.5, row["region"]
    # The darkest class takes white text and the lightest black, on a white page.
    assert label_ink([12, 44, 132, 220], [255, 255, 255]) == [255, 255, 255, 255]
    assert label_ink([199, 233, 180, 220], [255, 255, 255]) == [0, 0, 0, 255]
    assert json.loads(dark.to_json())["initialViewState"]["zoom"] == ZOOM["phone"]
    # A phone's labels are the short names; the full name comes in the tap's figure.
    labels = {row["region"]: row["label"] for row in dim["region-labels"]["data"]}
    assert labels["KG-Y"] == "Issyk-Kul\n20%"
    presenter = make_region_deck(
        _frame(),
        value_col="value",
        label_col="text",
        title="T",
        boundaries=bundled,
        size="presenter",
    )
    assert _layers(presenter)["region-labels"]["getSize"] == 17
    with pytest.raises(ValueError, match="map size"):
        make_region_deck(_frame(), value_col="value", label_col="text", title="T", size="tv")


@pytest.mark.parametrize(
    ("name", "short"),
    [("Чуйская область", "Чуйская"), ("Ысык-Көл облусу", "Ысык-Көл"), ("г. Бишкек", "г. Бишкек"),
     ("Osh oblast", "Osh")],
)  # fmt: skip
def test_short_region_name(name: str, short: str) -> None:
    assert short_region_name(name) == short


def test_a_tap_names_only_a_known_unit() -> None:
    assert picked_region({"region-shapes": [{"properties": {"region": "KG-N"}}]}) == "KG-N"
    assert picked_region({"city-points": [{"region": "KG-GO", "name": "Osh city"}]}) == "KG-GO"
    assert picked_region({"region-shapes": [{"properties": {"region": "<b>x</b>"}}]}) is None
    assert picked_region({"x": "not a list"}) is None
    assert picked_region(None) is None


def test_the_access_map_on_a_phone_names_a_tapped_unit(sample_workbook, bundled) -> None:
    # Jalal-Abad's OST coverage in 2026-Q3 is 98 / 2,300 = 4.26% (data/README.md): "4.3%".
    args = {"lang": "en", "threshold": 10, "today": TODAY, "presenting": False}
    shown = access.build(
        sample_workbook,
        access.AccessFilters("ost_coverage"),
        **args,
        boundaries=bundled,
        boundaries_configured=True,  # a deployer's file that could not be read
        width="phone",
        dark=True,
    ).map.get()
    assert shown.height == 300
    assert "Tap a region" in shown.caption and "Point at" not in shown.caption
    assert shown.boundaries_note.startswith("The boundary file set for this dashboard")
    tapped = {"region-shapes": [{"type": "Feature", "properties": {"region": "KG-J"}}]}
    assert shown.picked_text(tapped) == "**Jalal\\-Abad**: 4\\.3%"
    assert shown.picked_text({"region-shapes": [{"properties": {"region": "KG-X"}}]}) is None
    assert json.loads(shown.deck.to_json())["initialViewState"]["zoom"] == ZOOM["phone"]
    wide = access.build(sample_workbook, access.AccessFilters("ost_coverage"), **args).map.get()
    assert "Point at or click" in wide.caption and wide.boundaries_note is None
