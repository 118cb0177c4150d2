"""The map's offline detail layers (geomap.map_detail): the box, the cut, the simplification, the payload."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geomap.map_detail import COARSE_TOLERANCE, cut_lines, data_box, detail_payload, simplify


def donbas(n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({"lat": rng.uniform(47.6, 48.6, n), "lon": rng.uniform(37.0, 38.4, n),
                         "precision": [1 + i % 3 for i in range(n)], "country": "UA", "admin1": "Donetsk"})


def test_box_is_the_densest_points_plus_a_margin():
    lat = [48.0] * 200 + [10.0]  # one mis-geocoded record far away
    lon = [37.0] * 200 + [-70.0]
    assert data_box(lat, lon, margin=3) == (34.0, 45.0, 40.0, 51.0)
    assert data_box([84.0], [179.0], margin=3) == (176.0, 81.0, 180.0, 85.0)  # clamped to the map
    assert data_box([], []) is None


def test_cut_keeps_the_runs_inside_with_one_point_beyond():
    box = (0, 0, 10, 10)
    line = [-5, 5, 1, 5, 2, 5, 15, 5, 20, 5, 9, 6, 8, 6, -3, 6]  # in, out, back in, out
    assert cut_lines([line], box) == [[-5, 5, 1, 5, 2, 5, 15, 5], [20, 5, 9, 6, 8, 6, -3, 6]]
    assert cut_lines([[20, 20, 30, 30]], box) == []


def test_simplify_drops_what_the_tolerance_allows_and_keeps_rings_closed():
    straight = [0, 0, 1, 0, 2, 0, 3, 0]
    assert simplify(straight, 0) == [0, 0, 3, 0]  # points on a straight run always go
    bumpy = [0, 0, 1, 0.01, 2, 0, 3, 0.5, 4, 0]
    assert simplify(bumpy, 0.1) == [0, 0, 2, 0, 3, 0.5, 4, 0]
    ring = [0, 0, 1, 0.001, 1, 1, 0, 1, 0, 0]
    out = simplify(ring, 5, closed=True)
    assert len(out) >= 8 and out[:2] == out[-2:]


def test_without_a_gazetteer_rivers_lakes_and_region_names_only():
    payload = detail_payload(donbas(), False)
    w, s, e, n = payload["box"]
    assert (w, s, e, n) == (34.0, 44.0, 42.0, 52.0)  # the data plus 3 degrees, widened to whole degrees
    names = {row[0] for row in payload["rivers"]["fine"]}
    assert {"Seversky Donets", "Don"} <= names  # 10m rivers of Europe, and the 50m world file
    for row in payload["rivers"]["fine"]:
        for part in row[2]:
            inner = np.asarray(part).reshape(-1, 2)[1:-1]  # the end points may lie one point beyond
            # a point just over the edge between two inside it stays in its run (34.0 E crosses a river's wiggles)
            x, y, tol = inner[:, 0], inner[:, 1], 0.01
            assert ((x >= w - tol) & (x <= e + tol) & (y >= s - tol) & (y <= n + tol)).all()
    coarse = sum(len(p) for row in payload["rivers"]["coarse"] for p in row[2])
    fine = sum(len(p) for row in payload["rivers"]["fine"] for p in row[2])
    assert 0 < coarse < fine / 3  # below zoom 6: major rivers, simplified
    assert payload["towns"] == [] and payload["borders"] == {"coarse": [], "fine": []}
    assert "Donets'k" in {r[2] for r in payload["regionNames"]}  # Natural Earth's label points, shipped
    assert COARSE_TOLERANCE > 0


def test_with_the_gazetteer_towns_borders_and_region_outlines(gazetteer):
    frame = donbas()
    payload = detail_payload(frame, gazetteer)
    towns = payload["towns"]
    assert len(towns) > 1000
    assert [t[3] for t in towns] == sorted((t[3] for t in towns), reverse=True)
    assert {"Kramatorsk", "Bakhmut"} & {t[2] for t in towns}
    assert "Kharkiv" not in {t[2] for t in towns}  # the shipped reference cities name it already
    assert len(payload["borders"]["fine"]) > 5
    assert payload["borders"]["coarse"] is None  # one band: the page draws the fine lines at every zoom
    assert "Donetsk" in {r[2] for r in payload["regionNames"]}
    # every precision-3 incident points at its region's outline; the others at none
    region = payload["region"]
    assert [r >= 0 for r in region] == [p == 3 for p in frame["precision"]]
    assert {payload["outlines"][r][0] for r in region if r >= 0} == {"Donetsk"}
    ring = np.asarray(max(payload["outlines"][0][1], key=len)).reshape(-1, 2)
    assert 36.5 < ring[:, 0].min() < 37.5 and 38.5 < ring[:, 0].max() < 40.5  # Donetsk oblast: 36.6-39.0 E
    assert 46.5 < ring[:, 1].min() < 47.5 and 48.5 < ring[:, 1].max() < 49.5  # 46.9-49.3 N


def test_a_region_named_unlike_the_gazetteer_is_found_by_its_point(gazetteer):
    frame = donbas(12).assign(admin1="Nowhere")
    payload = detail_payload(frame, gazetteer)
    assert {payload["outlines"][r][0] for r in payload["region"] if r >= 0} == {"Donetsk"}


def test_region_outlines_are_closed_rings(gazetteer):
    payload = detail_payload(donbas(), gazetteer)
    for name, rings in payload["outlines"]:
        for ring in rings:
            assert ring[:2] == ring[-2:]  # a polygon of open pieces would close them with straight lines
