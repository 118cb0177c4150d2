"""Make the map's shipped detail layers: rivers and lakes from Natural Earth (public domain).

    python scripts/make_map_detail.py [--source /path/to/naturalearth]

Writes ``geomap/assets/ne_rivers.json`` and ``geomap/assets/ne_lakes.json``:
compact JSON ``{"coarse": rows, "fine": rows}``, each row ``[name, min_zoom, [part, …]]``
with a feature's parts as flat coordinate arrays ``[lon, lat, lon, lat, …]`` rounded to 3
decimals (about 100 m) and stored as integer thousandths, each point after the first as
its step from the one before (:func:`geomap.map_detail.decode_part`), from
``ne_50m_rivers_lake_centerlines`` (the world's main rivers), the supplement
``ne_10m_rivers_europe`` (Europe's smaller rivers, which the 50m file lacks:
the Siverskyi Donets, the Desna) and ``ne_50m_lakes``.  1:50m is the
finest Natural Earth scale geomap ships outside Europe; at zoom 10-12 the lines
are visibly smoother than the rivers they stand for.  Records the files and
their sha256 in ``geomap/assets/MANIFEST.json``.

The two zoom bands of :mod:`geomap.map_detail` are made here, once, rather than
each time a map is written: ``fine`` is every feature simplified at
``FINE_TOLERANCE``, ``coarse`` the major ones (``min_zoom`` up to
``COARSE_MIN_ZOOM``) at ``COARSE_TOLERANCE``.  A page only cuts them to its box.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geomap.map_detail import COARSE_MIN_ZOOM, COARSE_TOLERANCE, FINE_TOLERANCE, decode_part, simplify  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "geomap" / "assets"
DIGITS = 3


def _parts(geometry: dict) -> list[list]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        lines = [coords]
    elif kind == "MultiLineString":
        lines = coords
    elif kind == "Polygon":
        lines = coords
    elif kind == "MultiPolygon":
        lines = [ring for poly in coords for ring in poly]
    else:
        return []
    out = []
    for line in lines:
        flat, last = [], None
        for x, y, *_ in line:
            point = (round(x, DIGITS), round(y, DIGITS))
            if point != last:
                flat.extend(point)
                last = point
        if len(flat) >= 4:
            out.append(flat)
    return out


def _features(path: Path, keep=lambda props, parts: True) -> list:
    rows = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        if not feature.get("geometry"):
            continue
        props = feature["properties"]
        parts = _parts(feature["geometry"])
        if parts and keep(props, parts):
            rows.append([props.get("name") or "", float(props.get("min_zoom") or 0), parts])
    return rows


def encode_part(flat: list) -> list[int]:
    """Flat 3-decimal coordinates as integer thousandths, each point after the first as a step: half the text."""
    ints = [round(v * 1000) for v in flat]
    out = ints[:2] + [ints[k] - ints[k - 2] for k in range(2, len(ints))]
    assert decode_part(out) == [round(v, DIGITS) for v in flat]
    return out


def bands(rows: list, closed: bool) -> dict:
    """The features in the page's two zoom bands, simplified (parts left with under two points dropped)."""
    def band(keep, tolerance):
        out = []
        for name, min_zoom, parts in rows:
            if keep(min_zoom):
                kept = [encode_part(p) for p in (simplify(p, tolerance, closed) for p in parts) if len(p) >= 4]
                if kept:
                    out.append([name, min_zoom, kept])
        return out

    return {"coarse": band(lambda z: z <= COARSE_MIN_ZOOM, COARSE_TOLERANCE), "fine": band(lambda z: True, FINE_TOLERANCE)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/naturalearth"))
    args = parser.parse_args()
    rivers = bands(_features(args.source / "ne_50m_rivers_lake_centerlines.geojson")
                   + _features(args.source / "ne_10m_rivers_europe.geojson"), closed=False)
    lakes = bands(_features(args.source / "ne_50m_lakes.geojson"), closed=True)
    manifest_path = ASSETS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    for name, rows, what in (("ne_rivers.json", rivers, "Natural Earth 50m rivers and lake centerlines + 10m rivers of Europe"),
                             ("ne_lakes.json", lakes, "Natural Earth 50m lakes")):
        target = ASSETS / name
        target.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts = f"{len(rows['fine'])} features ({len(rows['coarse'])} in the coarse band)"
        manifest[name] = {"package": f"{what} (public domain), {counts}, {DIGITS}-decimal coordinates, "
                                     f"simplified per zoom band", "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
        print(f"{name}: {counts}, {target.stat().st_size / 1e6:.2f} MB")
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
