"""Write gazetteer/natural_features.tsv and gazetteer/ne_airports.tsv from Natural Earth.

Natural Earth (naturalearthdata.com) is public domain.  geomap ships derived
points, not polygons or lines: each feature becomes one row with its names, one
point, a GeoNames feature code and a *prominence* (0-3) from Natural Earth's
``scalerank`` (how early a map shows the feature).  Run when updating the data:

    python scripts/make_feature_tables.py /path/to/naturalearth

The folder must hold the Natural Earth GeoJSON files named in SOURCES below
(10m marine polygons, elevation and region points, airports; 50m lakes and
rivers; 10m rivers of Europe).  The script needs nothing outside the standard
library.

Points:

* polygons (seas, bays, straits, lakes): the centroid of the largest part when it
  lies inside it, else the point of a 24x24 grid over the part that lies farthest
  inside it (from the part's vertices);
* rivers: the segments of one name (Natural Earth draws a river in several
  pieces) in Natural Earth's order, and the vertex at half their total length;
* points: as they are.

Names: Natural Earth's ``name``, ``name_en`` and ``name_alt`` (not in the Europe
river file, whose ``name_alt`` names the river a tributary flows into), title-cased
where the file writes them in capitals, abbreviations spelled out ("L." Lake,
"Mt." Mount, "Str." Strait, "Res." Reservoir), English forms ("Lago Titicaca" →
"Lake Titicaca", "Strait of Hormuz" ↔ "Hormuz Strait"), "X River" and "River X"
for a river, and the English exonyms of ENGLISH below.  A bare name is left out
when a reader would take it for something else (see bare_name_ok): a frequent
English word or personal name (geomap/data/common_words.txt, person_names.txt),
a name of three letters or fewer, or one of NOT_BARE.  The longer forms stay.

Features that gazetteer/water.tsv already has (same name, and water.tsv's point
inside the polygon or within 300 km) are left out: water.tsv's point is kept;
the script prints them with their Natural Earth names and prominence, for
water.tsv's own columns.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from geomap.normalize import normalize_name  # noqa: E402

SOURCES = {
    "marine": "ne_10m_geography_marine_polys.geojson",
    "elevation": "ne_10m_geography_regions_elevation_points.geojson",
    "regions": "ne_10m_geography_regions_points.geojson",
    "lakes": "ne_50m_lakes.geojson",
    "rivers": "ne_50m_rivers_lake_centerlines.geojson",
    "rivers_europe": "ne_10m_rivers_europe.geojson",
    "airports": "ne_10m_airports.geojson",
}

MARINE_CODES = {"sea": "SEA", "gulf": "GULF", "bay": "BAY", "strait": "STRT", "channel": "CHN", "sound": "SD",
                "fjord": "FJD", "lagoon": "LGN", "inlet": "INLT", "reef": "RF", "ocean": "OCN"}
ELEVATION_CODES = {"mountain": "MT", "depression": "DPR", "plateau": "PLAT", "pass": "PASS", "cape": "CAPE"}
REGION_CODES = {"island": "ISL", "island group": "ISLS", "cape": "CAPE", "waterfall": "FLLS", "plain": "PLN"}
LAKE_CODES = {"Lake": "LK", "Alkaline Lake": "LK", "Reservoir": "RSV"}

# English names news uses that Natural Earth's English fields lack (NE name -> extra names).
ENGLISH = {
    "Amazonas": ["Amazon", "Amazon River"],
    "Chang Jiang": ["Yangtze", "Yangtze River"],
    "Huang": ["Yellow River", "Huang He", "Huang River"],
    "Dnipro": ["Dnieper", "Dnipro River", "Dnieper River"],
    "Dniester": ["Dnister", "Nistru"],
    "Rhein": ["Rhine", "Rhine River"],
    "Donau": ["Danube", "Danube River"],
    "Tejo": ["Tagus", "Tagus River", "Tajo"],
    "Al Furat": ["Euphrates"],
    "Firat": ["Euphrates"],
    "Severnaya Dvina": ["Northern Dvina"],
    "Daugava": ["Western Dvina"],
    "Ayeyarwady": ["Irrawaddy", "Irrawaddy River"],
    "El Bahr el Abyad": ["White Nile"],
    "El Bahr el Azraq": ["Blue Nile"],
    "Bahr el Jebel": ["Mountain Nile"],
    "Shatt al Arab": ["Shatt al-Arab", "Arvand Rud"],
    "Sénégal": ["Senegal River"],
    "Selenge (Selenga)": ["Selenge", "Selenga"],
    "Amu  Darya": ["Amu Darya", "Oxus"],
    "Tisza": ["Tisa", "Tysa"],
    "Ertis": ["Irtysh"],
    "Dnepre": ["Dnieper"],
    "Tajo": ["Tagus"],
    "Dicle": ["Tigris"],
    "Mt. Everest": ["Everest", "Sagarmatha", "Chomolungma", "Qomolangma"],
    "Gora Elbrus": ["Elbrus", "Mount Elbrus"],
    "Cerro Aconcagua": ["Aconcagua"],
    "Mt. Kilimanjaro": ["Kilimanjaro"],
    "Denali": ["Mount McKinley"],
    "Mt. Blanc": ["Mont Blanc", "Monte Bianco"],
    "Aoraki/Mt. Cook": ["Aoraki", "Mount Cook"],
    "Monte Etna": ["Mount Etna", "Etna"],
    "Vesuvio": ["Mount Vesuvius", "Vesuvius"],
    "Fuji": ["Mount Fuji"],
    "Mont Cameroun": ["Mount Cameroon"],
    "Bosporus": ["Bosphorus", "Bosphorus Strait", "Istanbul Strait"],
    "Bab el Mandeb": ["Bab al-Mandab", "Bab-el-Mandeb Strait"],
    "Dardanelles": ["Dardanelles Strait", "Strait of the Dardanelles"],
    "Golfo de California": ["Gulf of California", "Sea of Cortez"],
    "Bahía de Campeche": ["Bay of Campeche"],
    "Golfe du Lion": ["Gulf of Lion", "Gulf of Lions"],
    "Golfo de Panamá": ["Gulf of Panama"],
    "Golfo de Guayaquil": ["Gulf of Guayaquil"],
    "Golfo de Tehuantepec": ["Gulf of Tehuantepec"],
    "Río de la Plata": ["River Plate", "Rio de la Plata"],
    "Estrecho de Magellanes": ["Strait of Magellan", "Magellan Strait"],
    "Bo Hai": ["Bohai Sea", "Bohai"],
    "Gulf of Sidra": ["Gulf of Sirte"],
    "Øresund": ["Oresund"],
    "Lago de Maracaibo": ["Lake Maracaibo"],
    "The North Western Passages": ["Northwest Passage"],
    "Waddenzee": ["Wadden Sea"],
    "Stettiner Haff": ["Szczecin Lagoon"],
    "Qinghai Hu": ["Qinghai Lake"],
    "Lac Moeru": ["Lake Mweru"],
    "Hövsgöl Nuur": ["Lake Khövsgöl"],
    "Issyk-Kul": ["Lake Issyk-Kul"],
}
# Bare names a reader takes for something else (beyond the word and personal-name lists):
# surnames and given names the US list lacks, currencies, brands, Spanish adjectives.
NOT_BARE = frozenset("""
lena huang hong yuan quan xun liao daly coco rupert katherine mitchell meta verde salado negro grande branco
madison sprague winnipeg ottawa kem lom gan han min nu xi za po ob ord omo pit lek taz tom mackenzie
churchill finlay nelson fraser hudson murray tugaloo holston chattooga pamir kamchatka madre
""".split())
# Names of the word lists that are first the river's in news ("rhine" is also a ditch, "seine" a net).
ALWAYS_BARE = frozenset({"rhine", "seine"})
# Natural Earth's other names of a feature that name something else first.
NOT_NAMES = frozenset({"Red"})
# Natural Earth features left out: wrongly named, or not a place a reader would name.
DROP = frozenset({"Kaliningrad", "Inner Sea", "Inner Seas", "Irrawaddy Delta", "Damietta Branch",
                  "Rosetta Branch", "Ferenc Csatorna", "Soroksari Duna", "Ismailiya Canal", "Gharraf Canal"})
ABBREVIATIONS = [(re.compile(r"^L\. "), "Lake "), (re.compile(r" L\.$"), " Lake"), (re.compile(r"^Mt\. "), "Mount "),
                 (re.compile(r" Mt\.$"), " Mountain"), (re.compile(r" Pk\.$"), " Peak"), (re.compile(r" Str\.$"), " Strait"),
                 (re.compile(r" Sd\.$"), " Sound"), (re.compile(r" Res\.$"), " Reservoir"),
                 (re.compile(r"^Rés\. "), "Réservoir "), (re.compile(r"^O\. "), "Ozero "),
                 (re.compile(r"^B\. "), "Bahía "), (re.compile(r"^R\. "), "Rivière "), (re.compile(r"^N\. "), "North "),
                 (re.compile(r"^S\. "), "South ")]
LAKE_WORDS = re.compile(r"^(?:Lago|Lac|Ozero|Lake) (.+)$")
STRAIT_OF = re.compile(r"^Straits? of (.+)$")
X_STRAIT = re.compile(r"^(.+) (Straits?)$")


def load_words(name: str) -> frozenset[str]:
    text = (ROOT / "geomap" / "data" / name).read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


COMMON, PERSONS = load_words("common_words.txt"), load_words("person_names.txt")


def bare_name_ok(name: str) -> bool:
    """May a name without a feature word ("Nile", "Everest") be indexed?  Not a frequent word
    or personal name, not three letters or fewer, not in NOT_BARE."""
    key = normalize_name(name)
    letters = key.replace(" ", "")
    if key in ALWAYS_BARE:
        return True
    if len(letters) <= 3 or key in NOT_BARE:
        return False
    return " " in key or (key not in COMMON and key not in PERSONS)


def clean(name: str | None) -> str:
    if not name:
        return ""
    name = re.sub(r"\s+", " ", name.replace("’", "'").replace("‘", "'")).strip()
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if w not in ("OF", "THE") else w.lower() for w in name.split())
    for pattern, repl in ABBREVIATIONS:
        name = pattern.sub(repl, name)
    return name


# -- geometry -----------------------------------------------------------------------------

def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(a / 2), (cx / (3 * a), cy / (3 * a))


def inside(point, rings) -> bool:
    x, y = point
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                hit = not hit
    return hit


def polygon_point(geometry) -> tuple[float, float]:
    """A point inside a (multi)polygon, as (lat, lon): the area-weighted centroid of its parts when it
    lies inside one; else, in the part nearest to that centroid, the grid point nearest to it (so a
    reef or a sea drawn in many pieces gets a point in its middle piece, not in its largest)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = [[[tuple(p[:2]) for p in ring] for ring in poly] for poly in polys]
    lons = [p[0] for rings in parts for p in rings[0]]
    if max(lons) - min(lons) > 180:  # across the antimeridian (the Ross Sea): count longitudes from 0 to 360
        parts = [[[(x + 360 if x < 0 else x, y) for x, y in ring] for ring in rings] for rings in parts]
    areas = [ring_area_centroid(rings[0]) for rings in parts]
    total = sum(a for a, _ in areas) or 1.0
    centre = (sum(a * c[0] for a, c in areas) / total, sum(a * c[1] for a, c in areas) / total)
    for rings in parts:
        if inside(centre, rings):
            return round(centre[1], 4), round((centre[0] + 180) % 360 - 180, 4)
    rings = min(parts, key=lambda r: min((v[0] - centre[0]) ** 2 + (v[1] - centre[1]) ** 2 for v in r[0]))
    xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
    vertices = [p for ring in rings for p in ring]
    step = 24
    candidates = [(min(xs) + (max(xs) - min(xs)) * (i + 0.5) / step, min(ys) + (max(ys) - min(ys)) * (j + 0.5) / step)
                  for i in range(step) for j in range(step)]
    candidates = [c for c in candidates if inside(c, rings)] or [rings[0][0]]
    # Near the centre, but not on the shore: the distance to the centre less that to the nearest vertex.
    point = min(candidates, key=lambda c: math.dist(c, centre)
                - math.sqrt(min((c[0] - v[0]) ** 2 + (c[1] - v[1]) ** 2 for v in vertices)))
    return round(point[1], 4), round((point[0] + 180) % 360 - 180, 4)


def km(a, b) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def line_middle(lines) -> tuple[float, float]:
    """The middle of a river: of its vertices, the one whose farthest vertex is nearest (Natural Earth
    draws a river in pieces, in no particular order, so their lengths cannot be walked end to end)."""
    vertices = [(p[1], p[0]) for line in lines for p in line]
    step = max(1, len(vertices) // 400)
    sample = vertices[::step] + vertices[-1:]
    best = min(sample, key=lambda v: max(km(v, w) for w in sample))
    return round(best[0], 4), round(best[1], 4)


def lines_of(geometry):
    return geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]


# -- names ----------------------------------------------------------------------------------

def prominence(scalerank) -> int:
    """3: on world maps (scalerank 0-2); 2: on continental maps (3-5); 1: regional (6-9); 0: detail."""
    rank = int(scalerank if scalerank is not None else 10)
    return 3 if rank <= 2 else 2 if rank <= 5 else 1 if rank <= 9 else 0


def variants(name: str, kind: str) -> list[str]:
    out = [name]
    m = LAKE_WORDS.match(name)
    if m and kind == "lake":
        out.append(f"Lake {m.group(1)}")
    m = STRAIT_OF.match(name)
    if m:
        out.append(f"{m.group(1)} {'Straits' if name.startswith('Straits') else 'Strait'}")
    m = X_STRAIT.match(name)
    if m:
        out.append(f"{'Straits' if m.group(2) == 'Straits' else 'Strait'} of {m.group(1)}")
    return out


def river_names(names: list[str]) -> list[str]:
    out = []
    for n in names:
        base = re.sub(r" River$", "", n)
        if " " not in base and "-" not in base and bare_name_ok(base):
            out.append(base)
        elif " " in base and not base.startswith("Lake") and base.lower() not in PERSONS:
            out.append(base)  # "Syr Darya", "Rio Grande", "White Nile", "Shatt al Arab"
        if " " not in base or not base.endswith(("Canal", "Branch", "Darya", "Nile", "Jiang", " He")):
            out.append(f"{base} River")
            if " " not in base:
                out.append(f"River {base}")  # "River Thames"
        elif base.endswith("Canal"):
            out.append(base)
    return out


def dedupe(names):
    seen, out = set(), []
    for n in names:
        key = normalize_name(n)
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


# -- sources --------------------------------------------------------------------------------

def read(folder: Path, key: str) -> list[dict]:
    with open(folder / SOURCES[key], encoding="utf-8") as f:
        return json.load(f)["features"]


def english(props: dict) -> list[str]:
    """A feature's English names, but those that name something else in English news: "The Sound"
    (Øresund), "Red" (Vietnam's Red River: America's are in the news)."""
    names = [clean(props.get(k)) for k in ("name", "name_en", "name_alt", "namealt", "namepar") if props.get(k)]
    return [n for n in names if n and not n.startswith("The ") and n not in NOT_NAMES]


def marine(folder):
    parts: dict[str, list[dict]] = defaultdict(list)  # a sea drawn in several polygons is one sea
    for feat in read(folder, "marine"):
        name = clean(feat["properties"].get("name"))
        if name and MARINE_CODES.get(feat["properties"]["featurecla"]) and name not in DROP \
                and not name.endswith(" River"):
            parts[name].append(feat)
    for name, feats in parts.items():
        p = min((f["properties"] for f in feats), key=lambda q: q["scalerank"])
        names = []
        for f in feats:
            for n in english(f["properties"]) + ENGLISH.get(name, []) + ENGLISH.get(f["properties"].get("name") or "", []):
                names += variants(n, "marine")
        polys = []
        for f in feats:
            g = f["geometry"]
            polys += g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        geometry = {"type": "MultiPolygon", "coordinates": polys}
        lat, lon = polygon_point(geometry)
        yield dict(names=dedupe(names), lat=lat, lon=lon, code=MARINE_CODES[p["featurecla"]],
                   prominence=prominence(p["scalerank"]), source=f"marine sr{p['scalerank']}", geometry=geometry)


def lakes(folder):
    for feat in read(folder, "lakes"):
        p = feat["properties"]
        name = clean(p.get("name"))
        if not name or name in DROP:
            continue
        names = []
        for n in english(p) + ENGLISH.get(name, []):
            for part in n.split(","):
                names += variants(clean(part), "lake")
        names = [n for n in names if " " in n or bare_name_ok(n)]
        names.sort(key=lambda n: not n.startswith("Lake "))  # "Lake Titicaca" before "Lago Titicaca"
        lat, lon = polygon_point(feat["geometry"])
        yield dict(names=dedupe(names), lat=lat, lon=lon, code=LAKE_CODES[p["featurecla"]],
                   prominence=prominence(p["scalerank"]), source=f"lakes sr{p['scalerank']}", geometry=feat["geometry"])


def rivers(folder):
    groups: dict[str, dict] = {}
    # The stretches of a river through its lakes and reservoirs (the Dnieper's in Ukraine) count for its middle.
    centerlines: dict[str, list] = defaultdict(list)
    for feat in read(folder, "rivers"):
        if feat["properties"]["featurecla"] == "Lake Centerline" and feat["geometry"]:
            centerlines[clean(feat["properties"].get("name"))] += lines_of(feat["geometry"])
    for feat in read(folder, "rivers"):
        p = feat["properties"]
        name = clean(p.get("name"))
        if p["featurecla"] != "River" or not name or name.startswith("_") or name in DROP or not feat["geometry"]:
            continue
        g = groups.setdefault(name, {"lines": [], "names": [], "rank": 99})
        g["lines"] += centerlines.get(name, [])
        centerlines[name] = []
        g["lines"] += lines_of(feat["geometry"])
        g["names"] += english(p) + ENGLISH.get(name, []) + ENGLISH.get(p.get("name") or "", [])
        g["rank"] = min(g["rank"], int(p["scalerank"]))
    known = {normalize_name(n) for g in groups.values() for n in g["names"]}
    europe: dict[str, dict] = {}
    for feat in read(folder, "rivers_europe"):
        p = feat["properties"]
        name = clean(p.get("name"))
        if p["featurecla"] != "River" or not name or (p.get("min_zoom") or 99) > 6.0 or normalize_name(name) in known \
                or not feat["geometry"]:
            continue
        g = europe.setdefault(name, {"lines": [], "names": [name], "rank": 10})
        g["lines"] += lines_of(feat["geometry"])
    for source, table in (("rivers", merge_rivers(groups)), ("rivers_europe", europe)):
        for name, g in table.items():
            code = "CNL" if name.endswith("Canal") else "STM"
            names = river_names(dedupe([name] + g["names"]))
            if not names:
                continue
            lat, lon = line_middle(g["lines"])
            yield dict(names=dedupe(names), lat=lat, lon=lon, code=code,
                       prominence=prominence(g["rank"]) if source == "rivers" else 1, source=f"{source} sr{g['rank']}")


def merge_rivers(groups: dict[str, dict]) -> dict[str, dict]:
    """Natural Earth's pieces of one river under other names ("Donau" and "Danube", "Firat" and "Al Furat",
    both "Euphrates" in English) as one river: pieces that share a name and come within 300 km of each
    other.  The merged river is called by the name most of its pieces share."""
    names = list(groups)
    keys = {n: {normalize_name(x) for x in [n] + groups[n]["names"]} for n in names}
    sample = {n: [(p[1], p[0]) for line in groups[n]["lines"] for p in line[::8] + line[-1:]] for n in names}
    parent = {n: n for n in names}

    def root(n):
        while parent[n] != n:
            n = parent[n]
        return n

    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if keys[a] & keys[b] and root(a) != root(b) and min(
                    km(x, y) for x in sample[a] for y in sample[b]) <= 300:
                parent[root(b)] = root(a)
    merged: dict[str, list[str]] = defaultdict(list)
    for n in names:
        merged[root(n)].append(n)
    out = {}
    for members in merged.values():
        counts = defaultdict(int)
        for m in members:
            for k in keys[m]:
                counts[k] += 1
        every = [x for m in members for x in [m] + groups[m]["names"]]
        best = max(every, key=lambda x: (counts[normalize_name(x)], -every.index(x)))
        every = [x for m in members for x in ENGLISH.get(m, [])[:1]] + every  # "Amazon" before "Amazonas"
        best = every[0] if any(m in ENGLISH for m in members) else best
        out[best] = {"lines": [line for m in members for line in groups[m]["lines"]],
                     "names": dedupe([best] + every), "rank": min(groups[m]["rank"] for m in members)}
    return out


def points(folder, key, codes):
    for feat in read(folder, key):
        p = feat["properties"]
        name = clean(p.get("name"))
        code = codes.get(p["featurecla"])
        if not name or code is None or name in DROP:
            continue
        lon, lat = feat["geometry"]["coordinates"][:2]
        names = english(p) + ENGLISH.get(p.get("name") or "", [])
        if code == "MT":
            for n in list(names):
                m = re.match(r"^(?:Mount|Mt\.|Gora|Cerro|Pico|Gunung|Jebel|Jabal|Puncak|Bukit) (.+)$", n)
                if m and prominence(p["scalerank"]) == 3 and bare_name_ok(m.group(1)):
                    names.append(m.group(1))
        names = [n for n in names if " " in n or code != "ISL" or bare_name_ok(n)]
        yield dict(names=dedupe(names), lat=round(lat, 4), lon=round(lon, 4), code=code,
                   prominence=prominence(p["scalerank"]), source=f"{key} sr{p['scalerank']}")


def water_table() -> list[tuple[str, list[str], float, float, str]]:
    rows = []
    for line in (ROOT / "gazetteer" / "water.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, others, lat, lon, code = line.split("\t")[:5]
        rows.append((name, [name] + [o for o in others.split("|") if o], float(lat), float(lon), code))
    return rows


def in_water_tsv(feature, water) -> str | None:
    keys = {normalize_name(n) for n in feature["names"]}
    for name, names, lat, lon, code in water:
        if not keys & {normalize_name(n) for n in names}:
            continue
        geometry = feature.get("geometry")
        polys = []
        if geometry:
            polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        if code == feature["code"] == "OCN" or km((lat, lon), (feature["lat"], feature["lon"])) <= 300 or any(
                inside((lon, lat), [[tuple(p[:2]) for p in ring] for ring in poly]) for poly in polys):
            return name
    return None


def airports(folder):
    """Natural Earth's airports: codes, map name, Wikipedia title, type and scalerank."""
    for feat in read(folder, "airports"):
        p = feat["properties"]
        lon, lat = feat["geometry"]["coordinates"][:2]
        wiki = unquote((p.get("wikipedia") or "").rsplit("/", 1)[-1]).replace("_", " ")
        name = re.sub(r"\bInt'l\b", "International", clean(p.get("name")))
        yield (p.get("iata_code") or "", p.get("gps_code") or "", name, wiki, p.get("type") or "",
               str(p["scalerank"]), f"{lat:.5f}", f"{lon:.5f}")


def main(folder: Path) -> None:
    water = water_table()
    rows, merged = [], []
    features = list(marine(folder)) + list(lakes(folder)) + list(rivers(folder)) + list(
        points(folder, "elevation", ELEVATION_CODES)) + list(points(folder, "regions", REGION_CODES))
    for f in features:
        if not f["names"]:
            continue  # every name of it left out (an island named like a word)
        same = in_water_tsv(f, water)
        if same:
            merged.append((same, f))
            continue
        twin = next((r for r in rows if r["code"] == f["code"] and normalize_name(r["names"][0]) in
                     {normalize_name(n) for n in f["names"]} and km((r["lat"], r["lon"]), (f["lat"], f["lon"])) <= 300),
                    None)
        if twin is not None:  # one lake drawn in several polygons, one cape in two files: one place
            twin["names"] = dedupe(twin["names"] + f["names"])
            twin["prominence"] = max(twin["prominence"], f["prominence"])
            continue
        rows.append(f)
    rows.sort(key=lambda f: (f["code"], f["names"][0]))
    out = ROOT / "gazetteer" / "natural_features.tsv"
    with open(out, "w", encoding="utf-8") as w:
        w.write("# Seas, straits, bays, lakes, rivers, peaks, capes and islands from Natural Earth (public domain),\n"
                "# as points: made by scripts/make_feature_tables.py (see there for points and names).\n"
                "# prominence: 3 world map, 2 continental, 1 regional, 0 detail (from Natural Earth's scalerank).\n"
                "# name\tother names (| separated)\tlat\tlon\tGeoNames feature code\tprominence\tsource\n")
        for f in rows:
            w.write("\t".join([f["names"][0], "|".join(f["names"][1:]), str(f["lat"]), str(f["lon"]), f["code"],
                               str(f["prominence"]), f["source"]]) + "\n")
    print(f"wrote {len(rows)} features to {out}")
    for same, f in merged:
        print(f"  in water.tsv as {same!r}: {f['names']} prominence {f['prominence']} ({f['source']})")
    out = ROOT / "gazetteer" / "ne_airports.tsv"
    ports = sorted(airports(folder))
    with open(out, "w", encoding="utf-8") as w:
        w.write("# Airports from Natural Earth 10m (public domain), made by scripts/make_feature_tables.py.\n"
                "# iata\ticao\tname (Int'l spelled out)\twikipedia title\ttype\tscalerank\tlat\tlon\n")
        for row in ports:
            w.write("\t".join(row) + "\n")
    print(f"wrote {len(ports)} airports to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    main(Path(sys.argv[1]))
