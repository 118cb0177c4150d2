"""Make the map's shipped detail layers: rivers and lakes from Natural Earth (public domain).

    python scripts/make_map_detail.py [--source /path/to/naturalearth]

Writes ``geomap/assets/ne_rivers.json`` and ``geomap/assets/ne_lakes.json``:
compact JSON lists ``[name, min_zoom, [[lon, lat, lon, lat, …], …]]`` (a feature's
parts as flat coordinate arrays, rounded to 3 decimals, about 100 m), from
``ne_50m_rivers_lake_centerlines`` (the world's main rivers), the supplement
``ne_10m_rivers_europe`` (Europe's smaller rivers, which the 50m file lacks:
the Siverskyi Donets, the Desna) and ``ne_50m_lakes``.  1:50m is the
finest Natural Earth scale geomap ships outside Europe; at zoom 10-12 the lines
are visibly smoother than the rivers they stand for.  Records the files and
their sha256 in ``geomap/assets/MANIFEST.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/naturalearth"))
    args = parser.parse_args()
    rivers = (_features(args.source / "ne_50m_rivers_lake_centerlines.geojson")
              + _features(args.source / "ne_10m_rivers_europe.geojson"))
    lakes = _features(args.source / "ne_50m_lakes.geojson")
    manifest_path = ASSETS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    for name, rows, what in (("ne_rivers.json", rivers, "Natural Earth 50m rivers and lake centerlines + 10m rivers of Europe"),
                             ("ne_lakes.json", lakes, "Natural Earth 50m lakes")):
        target = ASSETS / name
        target.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        manifest[name] = {"package": f"{what} (public domain), {len(rows)} features, {DIGITS}-decimal coordinates",
                          "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
        print(f"{name}: {len(rows)} features, {target.stat().st_size / 1e6:.2f} MB")
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
