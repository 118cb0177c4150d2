"""Offline detail for the region a map's data covers: admin-1 borders and names, rivers, lakes, towns.

The page's base layer is country outlines; this adds, cut to the data's
bounding box plus a margin (widened to whole degrees) when the page is written,
what a reader needs at zoom 6-12 to know where an incident is:

- **rivers and lakes**: Natural Earth (public domain), shipped in
  ``geomap/assets/ne_rivers.json`` and ``ne_lakes.json``
  (``scripts/make_map_detail.py``): 1:10m rivers of Europe, 1:50m rivers and
  lakes elsewhere, the finest scales geomap has.  Each comes in two zoom bands,
  simplified when the data is made rather than each time a page is: coarse
  (major features only) below zoom 6, fine from zoom 6.
- **first-level borders** (oblasts, provinces, states) and **region outlines**
  (one band: the smoothed grid lines are light enough for every zoom):
  Natural Earth's 1:50m admin-1 polygons cover only the United States, Canada,
  Brazil and Australia, so geomap derives them from the gazetteer instead: a
  grid over the box (about 4 km cells) is labelled with the (country, admin-1)
  of the nearest GeoNames place, and the borders are the cell edges between
  two regions of one country, smoothed.  With Ukraine's 27,000 villages in the
  index they lie within a few kilometres of the true borders; where places are
  sparse they are rougher, and they stop 20 km from the last place (no borders
  drawn out to sea or across empty land).
- **region names**: the gazetteer's first-level regions (its points), or the
  shipped Natural Earth label points when there is no gazetteer.
- **towns**: the gazetteer's populated places in the box, the most populous
  few in each 0.1° cell, for the page's place-name labels (more appear with zoom).

Without a gazetteer (a DataFrame rendered in a notebook with no index built)
the page gets rivers, lakes and region names, and no borders or towns.

What comes from the gazetteer is derived once per index and box and then read
from a cache beside the index (:mod:`geomap.map_detail_cache`).
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import map_detail_cache
from .map_detail_cache import index_meta

__all__ = ["MARGIN", "data_box", "whole_degrees", "cut_lines", "simplify", "decode_part", "detail_payload"]

#: Degrees added around the data's bounding box.
MARGIN = 3.0
#: The grid of the derived borders has at most this many cells (its step grows with the box).
MAX_CELLS = 250_000
#: A cell farther than this (degrees, scaled) from every place belongs to no region.
MAX_PLACE_DISTANCE = 0.2
#: Degrees around the box from which places label the grid's cells.
PLACES_PAD = MAX_PLACE_DISTANCE + 0.5
#: Closed border lines around fewer grid edges than this (an enclave of a few cells) are left out.
MIN_RING_EDGES = 24
#: Towns: the most populous this many per 0.1-degree cell, and this many in all.
TOWNS_PER_CELL = 3
MAX_TOWNS = 12_000
#: Outlines for at most this many regions (those with the most precision-3 incidents); the page
#: draws a wide ring around the others.
MAX_OUTLINES = 40
#: Douglas-Peucker tolerance (degrees) of the coarse band (below zoom 6) and of the fine one.
COARSE_TOLERANCE = 0.02
FINE_TOLERANCE = 0.001
#: Natural Earth's min_zoom of the rivers and lakes the coarse band keeps.
COARSE_MIN_ZOOM = 5.0


def data_box(lat, lon, margin: float = MARGIN) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the densest 98% of the points, plus ``margin`` degrees.

    The 1% at each end of latitude and of longitude are left out, as the page's
    first view does, so that one mis-geocoded record does not widen the box to
    half the world.  None for no points.
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    if not len(lat):
        return None
    s, n = np.quantile(lat, [0.01, 0.99]) if len(lat) > 20 else (lat.min(), lat.max())
    w, e = np.quantile(lon, [0.01, 0.99]) if len(lon) > 20 else (lon.min(), lon.max())
    def clamp(v, limit):
        return max(-limit, min(limit, float(v)))

    return (clamp(w - margin, 180), clamp(s - margin, 85), clamp(e + margin, 180), clamp(n + margin, 85))


def whole_degrees(box) -> tuple[float, float, float, float]:
    """``box`` widened to whole degrees (within the map's limits).

    Maps of one region then share a box, whatever their data's exact extent, and
    so the cache entry of the detail derived from the gazetteer for it
    (:mod:`geomap.map_detail_cache`).
    """
    w, s, e, n = box
    return (max(-180.0, float(math.floor(w))), max(-85.0, float(math.floor(s))),
            min(180.0, float(math.ceil(e))), min(85.0, float(math.ceil(n))))


def _inside(flat: list, box) -> np.ndarray:
    xy = np.asarray(flat, dtype=float).reshape(-1, 2)
    return (xy[:, 0] >= box[0]) & (xy[:, 0] <= box[2]) & (xy[:, 1] >= box[1]) & (xy[:, 1] <= box[3])


def cut_lines(parts: list[list], box) -> list[list]:
    """The runs of each line (a flat ``[lon, lat, …]`` list) inside ``box``, each with one point beyond it.

    The point before and after a run is kept so that a river reaches the edge of
    the box instead of stopping short of it.
    """
    out = []
    for flat in parts:
        inside = _inside(flat, box)
        if not inside.any():
            continue
        keep = inside.copy()
        keep[1:] |= inside[:-1]
        keep[:-1] |= inside[1:]
        run: list = []
        for k in range(len(inside) + 1):
            # a run ends at a point not kept, or between two kept points both outside the box
            if k == len(inside) or not keep[k] or (run and not inside[k] and not inside[k - 1]):
                if len(run) >= 4:
                    out.append(run)
                run = []
            if k < len(inside) and keep[k]:
                run.extend(flat[2 * k:2 * k + 2])
    return out


def simplify(flat: list, tolerance: float, closed: bool = False) -> list:
    """Douglas-Peucker on a flat ``[x, y, x, y, …]`` line; a closed ring keeps at least four points."""
    xy = np.asarray(flat, dtype=float).reshape(-1, 2)
    if len(xy) > 2:  # points on a straight run (most of a grid line's) go first, in one step
        d1, d2 = xy[1:-1] - xy[:-2], xy[2:] - xy[1:-1]
        bend = np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]) > 1e-12
        xy = xy[np.concatenate([[True], bend, [True]])]
    n = len(xy)
    if n <= 2 or tolerance <= 0:
        return [round(float(v), 3) for v in xy.ravel()]
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        seg = xy[b] - xy[a]
        pts = xy[a + 1:b] - xy[a]
        length = math.hypot(*seg)
        if length == 0:
            dist = np.hypot(pts[:, 0], pts[:, 1])
        else:
            dist = np.abs(pts[:, 0] * seg[1] - pts[:, 1] * seg[0]) / length
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            mid = a + 1 + k
            keep[mid] = True
            stack += [(a, mid), (mid, b)]
    if closed and keep.sum() < 4:
        keep[np.linspace(0, n - 1, min(n, 4)).astype(int)] = True
    return [round(float(v), 3) for v in xy[keep].ravel()]


def decode_part(steps: list[int]) -> list[float]:
    """A shipped part (integer thousandths of a degree, each point after the first a step) as flat coordinates."""
    xy = np.cumsum(np.asarray(steps, dtype=np.int64).reshape(-1, 2), axis=0)
    return (xy.ravel() / 1000).tolist()  # int / 1000 is the double nearest the 3-decimal value, as float("…") is


@lru_cache(maxsize=2)
def _shipped(name: str) -> dict:
    """A shipped layer's two zoom bands, already simplified (``scripts/make_map_detail.py``): rows of
    ``[name, min_zoom, parts, their boxes]``, every part decoded as :func:`decode_part` does, in one pass."""
    from itertools import chain

    from .map_assets import asset_text

    bands = json.loads(asset_text(name))
    parts = [part for rows in bands.values() for row in rows for part in row[2]]
    sizes = np.array([len(part) // 2 for part in parts])
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    steps = np.fromiter(chain.from_iterable(parts), dtype=np.int64).reshape(-1, 2)
    xy = np.cumsum(steps, axis=0)
    xy -= np.repeat(xy[first] - steps[first], sizes, axis=0)  # each part's sum starts afresh at its first point
    coords = xy / 1000
    boxes = np.hstack([np.minimum.reduceat(coords, first), np.maximum.reduceat(coords, first)]).tolist()
    flat = coords.ravel().tolist()
    k, out = 0, {}
    for band, rows in bands.items():
        out[band] = []
        for row_name, min_zoom, row_parts in rows:
            ks = range(k, k + len(row_parts))
            out[band].append([row_name, min_zoom, [flat[2 * first[i]:2 * (first[i] + sizes[i])] for i in ks],
                              [boxes[i] for i in ks]])
            k += len(row_parts)
    return out


def _bands(layer: dict, box, polygons: bool) -> dict:
    """A shipped layer's two zoom bands, ``coarse`` (major, simplified) and ``fine``, cut to ``box``: rivers
    to their runs inside it, lakes kept whole when they reach into it.  Only a line that crosses the box's
    edge is cut point by point."""
    w, s, e, n = box
    out = {}
    for band, rows in layer.items():
        out[band] = []
        for name, min_zoom, parts, boxes in rows:
            hits = [b[0] <= e and b[2] >= w and b[1] <= n and b[3] >= s for b in boxes]
            if polygons:
                cut = parts if any(hits) else []
            else:
                cut = [run for part, b, hit in zip(parts, boxes, hits) if hit
                       for run in ([part] if w <= b[0] and b[2] <= e and s <= b[1] and b[3] <= n
                                   else cut_lines([part], box))]
            if cut:
                out[band].append([name, min_zoom, cut])
    return out


# -- from the gazetteer -------------------------------------------------------------------------

def _index(gazetteer) -> tuple[Path, dict, Any] | None:
    """The index to take detail from: (its path, its ``meta`` table, the open
    :class:`geomap.gazetteer.Gazetteer` when one was given, else None), or None
    for none: ``gazetteer`` False, or no default index built.  An index is opened
    only when its detail is not cached (:func:`_open_gazetteer`)."""
    if gazetteer is False:
        return None
    if gazetteer is not None and hasattr(gazetteer, "_conn"):
        return gazetteer.path, gazetteer.meta, gazetteer
    from .gazetteer import default_index_path
    from .gazetteer_build import SCHEMA_VERSION

    try:
        path = Path(gazetteer if gazetteer is not None else default_index_path()).expanduser()
    except Exception:  # noqa: BLE001 - a map without detail is better than no map
        return None
    if not path.exists():
        return None
    meta = index_meta(path)
    if meta is None or meta.get("schema_version") != SCHEMA_VERSION:
        gaz = _open_gazetteer(path)  # it rolls back a killed import's journal, or it refuses the index
        return None if gaz is None else (gaz.path, gaz.meta, gaz)
    return path, meta, None


def _open_gazetteer(path: Path):
    """The gazetteer at ``path``, or None when it cannot be opened."""
    from .gazetteer import Gazetteer

    try:
        return Gazetteer(path, build=False, progress=False)
    except Exception:  # noqa: BLE001 - a map without detail is better than no map
        return None


def _rows(gaz, sql: str, params: tuple) -> list[tuple]:
    return gaz._conn.execute(sql, params).fetchall()


#: The gazetteer's populated places around the box, read once for the towns and the grid (the
#: places table has no index on coordinates: each query scans it).
_PLACES_SQL = ("SELECT lat, lon, country_code, admin1_code, name, population, feature_code FROM places "
               "WHERE feature_class = 'P' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
_NOT_TOWNS = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW"})  # sections, historical, abandoned, destroyed


def _places(gaz, box, pad: float) -> list[tuple]:
    return _rows(gaz, _PLACES_SQL, (box[1] - pad, box[3] + pad, box[0] - pad, box[2] + pad))


def _towns(places: list[tuple], box, reference: list) -> list[list]:
    """[lat, lon, name, population] of populated places in ``box``, largest first, that the reference
    cities (shipped ``places.json``) do not already name."""
    rows = sorted(((r[0], r[1], r[4], r[5]) for r in places if r[6] not in _NOT_TOWNS
                   and box[1] <= r[0] <= box[3] and box[0] <= r[1] <= box[2]), key=lambda r: -r[3])
    known: dict[str, list[tuple[float, float]]] = {}
    for lat, lon, name, _ in reference:
        if box[1] - 1 <= lat <= box[3] + 1 and box[0] - 1 <= lon <= box[2] + 1:
            known.setdefault(name, []).append((lat, lon))
    per_cell: dict[tuple[int, int], int] = {}
    out = []
    for lat, lon, name, population in rows:
        if any(abs(lat - a) < 0.2 and abs(lon - b) < 0.2 for a, b in known.get(name, ())):
            continue
        cell = (int(lat * 10 // 1), int(lon * 10 // 1))
        if per_cell.get(cell, 0) >= TOWNS_PER_CELL:
            continue
        per_cell[cell] = per_cell.get(cell, 0) + 1
        out.append([round(lat, 3), round(lon, 3), name, int(population)])
        if len(out) >= MAX_TOWNS:
            break
    return out


class _Grid:
    """The box as cells labelled with the region (country, admin-1 code) of their nearest place."""

    def __init__(self, box, regions: list[tuple[str, str]], labels: np.ndarray | None = None):
        w, s, e, n = box
        self.step = max(0.02, math.sqrt((e - w) * (n - s) / MAX_CELLS))
        self.x0, self.y0 = w, s
        self.nx, self.ny = max(1, int((e - w) / self.step)), max(1, int((n - s) / self.step))
        self.scale = math.cos(math.radians(max(-80.0, min(80.0, (s + n) / 2))))
        self.regions = regions
        self.index = {key: k for k, key in enumerate(self.regions)}
        self.country = np.array([cc for cc, _ in self.regions] or [""])
        self.labels = np.full((self.ny, self.nx), -1, dtype=np.int32) if labels is None else labels
        if self.labels.shape != (self.ny, self.nx):
            raise ValueError(f"a grid of {self.ny} x {self.nx} cells cannot take labels of shape {self.labels.shape}")

    @classmethod
    def of_places(cls, places: list[tuple], box) -> "_Grid":
        """The grid whose cells are labelled with the region of the nearest of ``places`` (within
        :data:`MAX_PLACE_DISTANCE`)."""
        rows = [r for r in places if r[3] and r[3] != "00"]  # places with a first-level region
        grid = cls(box, sorted({(r[2], r[3]) for r in rows}))
        if not rows:
            return grid
        from scipy.spatial import cKDTree

        pts = np.array([(r[1] * grid.scale, r[0]) for r in rows])
        place_label = np.array([grid.index[(r[2], r[3])] for r in rows], dtype=np.int32)
        xs = (grid.x0 + (np.arange(grid.nx) + 0.5) * grid.step) * grid.scale
        ys = grid.y0 + (np.arange(grid.ny) + 0.5) * grid.step
        gx, gy = np.meshgrid(xs, ys)
        dist, nearest = cKDTree(pts).query(np.column_stack([gx.ravel(), gy.ravel()]),
                                           distance_upper_bound=MAX_PLACE_DISTANCE)
        found = np.isfinite(dist)
        labels = np.full(len(dist), -1, dtype=np.int32)
        labels[found] = place_label[nearest[found]]
        grid.labels = labels.reshape(grid.ny, grid.nx)
        return grid

    def label_at(self, lat, lon) -> np.ndarray:
        col = np.floor((np.asarray(lon, dtype=float) - self.x0) / self.step).astype(int)
        row = np.floor((np.asarray(lat, dtype=float) - self.y0) / self.step).astype(int)
        ok = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        out = np.full(len(col), -1, dtype=np.int32)
        out[ok] = self.labels[row[ok], col[ok]]
        return out

    def _edges(self, boundary_h: np.ndarray, boundary_v: np.ndarray, shift: int = 1) -> list[tuple[int, int]]:
        """Grid-vertex edges: ``boundary_h[r, c]`` between cells (r, c) and (r, c+1); ``boundary_v[r, c]``
        between (r, c) and (r+1, c).  Vertex (r, c) is the lower left corner of cell (r, c).  ``shift=0``
        for arrays of a grid padded by one cell (their (r, c) is the edge before real cell (r, c))."""
        w = self.nx + 1
        r, c = np.nonzero(boundary_h)
        edges = list(zip((r * w + c + shift).tolist(), ((r + 1) * w + c + shift).tolist()))
        r, c = np.nonzero(boundary_v)
        edges += list(zip(((r + shift) * w + c).tolist(), ((r + shift) * w + c + 1).tolist()))
        return edges

    def _lines(self, edges, rings: bool = False) -> list[tuple[np.ndarray, bool]]:
        """Edges chained into lines of grid vertices: (points as [[lon, lat], …], closed).  A line stops
        where three or four regions meet, unless ``rings`` (the outline of one region, whose every
        vertex has an even number of edges): then it goes on through, and every line is a closed ring."""
        w = self.nx + 1
        adjacent: dict[int, list[int]] = {}
        for a, b in edges:
            adjacent.setdefault(a, []).append(b)
            adjacent.setdefault(b, []).append(a)
        used: set[tuple[int, int]] = set()
        chains = []
        starts = [v for v, nb in adjacent.items() if len(nb) != 2] + list(adjacent)
        for start in starts:
            for nxt in adjacent[start]:
                if (min(start, nxt), max(start, nxt)) in used:
                    continue
                chain, prev, here = [start], start, nxt
                used.add((min(prev, here), max(prev, here)))
                while True:
                    chain.append(here)
                    if len(adjacent[here]) != 2 and not rings:
                        break
                    step = [v for v in adjacent[here] if (min(here, v), max(here, v)) not in used]
                    if not step:
                        break
                    prev, here = here, step[0]
                    used.add((min(prev, here), max(prev, here)))
                chains.append(chain)
        out = []
        for chain in chains:
            closed = len(chain) > 3 and chain[0] == chain[-1]
            if closed and len(chain) < MIN_RING_EDGES and len(chains) > 1:
                continue  # a few cells of another region (a place GeoNames puts in the wrong one): noise
            v = np.asarray(chain)
            xy = np.column_stack([self.x0 + (v % w) * self.step, self.y0 + (v // w) * self.step])
            out.append((xy, closed))
        return out

    def _smooth(self, lines, tolerance: float) -> list[list]:
        """Grid lines as map lines: the staircase cut to the midpoints of its steps (a diagonal run of
        steps becomes one straight line), points on straight runs dropped, the corners rounded
        (Chaikin, twice), then Douglas-Peucker at ``tolerance`` when it is coarser than a cell."""
        out = []
        for xy, closed in lines:
            mid = (xy[:-1] + xy[1:]) / 2
            pts = np.vstack([mid, mid[:1]]) if closed else np.vstack([xy[:1], mid, xy[-1:]])
            if len(pts) > 2:  # points on straight runs go
                d1, d2 = pts[1:-1] - pts[:-2], pts[2:] - pts[1:-1]
                bend = np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]) > 1e-12
                pts = pts[np.concatenate([[True], bend, [True]])]
            for _ in range(2):
                pts = _chaikin(pts, closed)
            flat = np.round(pts, 3).ravel().tolist()
            if tolerance > self.step:
                flat = simplify(flat, tolerance, closed)
            if len(flat) >= 4:
                out.append(flat)
        return out

    def borders(self, tolerances: tuple[float, ...]) -> list[list[list]]:
        """Lines between two regions of one country, at each tolerance."""
        lab, country = self.labels, self.country
        a, b = lab[:, :-1], lab[:, 1:]
        h = (a != b) & (a >= 0) & (b >= 0) & (country[np.maximum(a, 0)] == country[np.maximum(b, 0)])
        a, b = lab[:-1, :], lab[1:, :]
        v = (a != b) & (a >= 0) & (b >= 0) & (country[np.maximum(a, 0)] == country[np.maximum(b, 0)])
        lines = self._lines(self._edges(h, v))
        return [self._smooth(lines, t) for t in tolerances]

    def outline(self, label: int, tolerance: float) -> list[list]:
        """The rings around one region's cells."""
        mask = self.labels == label
        rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
        if not len(rows):
            return []
        r0, c0 = int(rows[0]), int(cols[0])
        inside = np.zeros((self.ny + 2, self.nx + 2), dtype=bool)
        inside[1:-1, 1:-1] = mask
        h = np.zeros((self.ny, self.nx + 1), dtype=bool)
        v = np.zeros((self.ny + 1, self.nx), dtype=bool)
        sub = inside[r0:rows[-1] + 3, c0:cols[-1] + 3]  # the region's box, one cell around
        h[r0:rows[-1] + 1, c0:cols[-1] + 2] = sub[1:-1, :-1] != sub[1:-1, 1:]
        v[r0:rows[-1] + 2, c0:cols[-1] + 1] = sub[:-1, 1:-1] != sub[1:, 1:-1]
        return self._smooth(self._lines(self._edges(h, v, shift=0), rings=True), tolerance)


def _chaikin(xy: np.ndarray, closed: bool) -> np.ndarray:
    if len(xy) < 3:
        return xy
    p = xy[:-1] if closed else xy
    q = np.roll(p, -1, axis=0) if closed else p[1:]
    p = p if closed else p[:-1]
    pts = np.empty((2 * len(p), 2))
    pts[0::2] = 0.75 * p + 0.25 * q
    pts[1::2] = 0.25 * p + 0.75 * q
    if closed:
        return np.vstack([pts, pts[:1]])
    return np.vstack([xy[:1], pts, xy[-1:]])


def _admin1_names(gaz, codes: set[str]) -> dict[tuple[str, str], tuple[str, float, float]]:
    """(country, admin-1 code) -> (name, lat, lon, population) of the gazetteer's first-level regions."""
    out = {}
    for cc in codes:
        for name, a1, lat, lon, pop in _rows(gaz, "SELECT name, admin1_code, lat, lon, population FROM places "
                                                  "WHERE country_code = ? AND feature_class = 'A' "
                                                  "AND feature_code = 'ADM1' ORDER BY population DESC", (cc,)):
            out.setdefault((cc, a1), (name, lat, lon, pop))
    return out


def _ne_region_names(box) -> list[list]:
    """[lat, lon, name, 10 - scalerank] of Natural Earth's admin-1 label points, most prominent first in ``box`` (shipped with the gazetteer tables)."""
    from importlib.resources import files

    data = json.loads(files("geomap.gazetteer_data").joinpath("ne_10m_admin_1_label_points.geojson")
                      .read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"][:2]
        name = f["properties"].get("name")
        if name and box[0] <= lon <= box[2] and box[1] <= lat <= box[3]:
            out.append([round(lat, 3), round(lon, 3), name, 10 - int(f["properties"].get("scalerank") or 10)])
    return sorted(out, key=lambda r: -r[3])


def _key(text: Any) -> str:
    from .normalize import normalize_name

    return normalize_name(str(text)) if isinstance(text, str) and text.strip() else ""


def detail_payload(incidents, gazetteer=None, *, margin: float = MARGIN,
                   reference_places: list | None = None) -> dict | None:
    """The page's detail layers for an incidents table (``lat``, ``lon``; ``precision``, ``country``,
    ``admin1`` when present), or None when it has no points.

    ``gazetteer``: a :class:`geomap.gazetteer.Gazetteer`, a path to an index,
    None for the default index when it is built (never builds one), or False
    for none.  ``region`` gives, for each incident of precision 3, the index
    of its region in ``outlines`` (matched by country and admin-1 name, else
    the region the point lies in), -1 for the others.
    """
    import pandas as pd

    lat = pd.to_numeric(incidents["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(incidents["lon"], errors="coerce").to_numpy(dtype=float)
    box = data_box(lat, lon, margin)
    if box is None:
        return None
    box = whole_degrees(box)
    payload: dict[str, Any] = {
        "box": [round(v, 3) for v in box],
        "rivers": _bands(_shipped("ne_rivers.json"), box, polygons=False),
        "lakes": _bands(_shipped("ne_lakes.json"), box, polygons=True),
        "borders": {"coarse": [], "fine": []}, "regionNames": [], "towns": [], "outlines": [], "region": None,
    }
    found = _index(gazetteer)
    if found is None:
        payload["regionNames"] = _ne_region_names(box)
        return payload
    path, meta, gaz = found
    entry = map_detail_cache.entry_path(path, meta, box, _derivation(reference_places))
    cached = map_detail_cache.read(entry)
    if cached is not None:
        data, labels = cached
        try:
            grid = _Grid(box, [tuple(r) for r in data["regions"]], labels)
        except (KeyError, TypeError, ValueError):  # an entry that does not fit the box: a miss
            cached = None
    if cached is None:
        gaz = gaz or _open_gazetteer(path)
        if gaz is None:
            payload["regionNames"] = _ne_region_names(box)
            return payload
        data, grid = _derive(gaz, box, reference_places)
    payload["towns"] = data["towns"]
    payload["borders"] = {"coarse": None, "fine": data["borders"]}  # None: the page draws the fine lines at every zoom
    names = {(cc, a1): (name, lat_, lon_, pop) for cc, a1, name, lat_, lon_, pop in data["names"]}
    payload["regionNames"] = sorted(([round(v[1], 3), round(v[2], 3), v[0], int(v[3])] for k, v in names.items()
                                     if k in grid.index and box[0] <= v[2] <= box[2] and box[1] <= v[1] <= box[3]),
                                    key=lambda r: -r[3])
    # Precision-3 incidents: their region's outline.
    precision = (pd.to_numeric(incidents["precision"], errors="coerce").to_numpy()
                 if "precision" in incidents.columns else np.full(len(lat), np.nan))
    wanted = precision == 3
    outlines = data["outlines"]  # by str(label), made when an incident first needs one
    made = {}
    if wanted.any():
        region = np.full(len(lat), -1, dtype=np.int32)
        by_name = {(cc, _key(v[0])): grid.index[(cc, a1)] for (cc, a1), v in names.items() if (cc, a1) in grid.index}
        if "admin1" in incidents.columns and "country" in incidents.columns:
            keys = [by_name.get((str(c), _key(a)), -1) if w else -1
                    for c, a, w in zip(incidents["country"].tolist(), incidents["admin1"].tolist(), wanted)]
            region[:] = keys
        missing = wanted & (region < 0)
        region[missing] = grid.label_at(lat[missing], lon[missing])
        counts = np.bincount(region[wanted & (region >= 0)], minlength=len(grid.regions))
        used = sorted(int(r) for r in np.argsort(-counts, kind="stable")[:MAX_OUTLINES] if counts[r])
        order = {label: k for k, label in enumerate(used)}
        for label in used:
            if str(label) not in outlines:
                outlines[str(label)] = made[str(label)] = grid.outline(label, grid.step)
        payload["outlines"] = [[names.get(grid.regions[label], ("",))[0], outlines[str(label)]] for label in used]
        payload["region"] = [order.get(int(r), -1) for r in region]
    if cached is None:
        map_detail_cache.write(entry, data, grid.labels)
    elif made:
        map_detail_cache.add_outlines(entry, made)
    return payload


#: Bumped when what :func:`_derive` makes from the same index and box changes, so that old cache entries miss.
DERIVATION = 1


def _derivation(reference_places: list | None) -> list:
    """What besides the index and the box a cache entry depends on: the derivation and its parameters, and
    the reference cities that towns leave out."""
    from .map_assets import asset_text

    places = asset_text("places.json") if reference_places is None else json.dumps(reference_places)
    return [DERIVATION, MAX_CELLS, MAX_PLACE_DISTANCE, PLACES_PAD, MIN_RING_EDGES, TOWNS_PER_CELL, MAX_TOWNS,
            _digest(places)]


@lru_cache(maxsize=4)
def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _derive(gaz, box, reference_places: list | None) -> tuple[dict, _Grid]:
    """A box's layers from the gazetteer, as a cache entry holds them (JSON-able; outlines added later), and
    the region grid."""
    if reference_places is None:
        from .map_assets import asset_text

        reference_places = json.loads(asset_text("places.json"))
    places = _places(gaz, box, PLACES_PAD)
    grid = _Grid.of_places(places, box)
    # One band: smoothed grid lines are light already (about 50,000 points for Ukraine and its
    # neighbours), and a second, simplified band cost more time to write than it saved to draw.
    (fine,) = grid.borders((grid.step,))
    names = _admin1_names(gaz, {cc for cc, _ in grid.regions})
    return {"towns": _towns(places, box, reference_places), "borders": fine,
            "regions": [list(r) for r in grid.regions],
            "names": [[cc, a1, *v] for (cc, a1), v in names.items()], "outlines": {}}, grid
