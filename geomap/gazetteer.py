"""The local gazetteer: "which real places could this name be?", answered offline.

The index is one SQLite file built by :mod:`geomap.gazetteer_build`.  It
lives in the user's cache directory (``geomap`` under ``platformdirs``'
``user_cache_dir``) unless ``GEOMAP_GAZETTEER`` or an explicit path says
otherwise, so that it works the same from a checkout and from a
non-editable install.  The default index is built on first use.

>>> gaz = Gazetteer()                                   # doctest: +SKIP
>>> gaz.candidates("al-Bab", country="SY")[0].name      # doctest: +SKIP
'Al Bāb'
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
from contextlib import closing
from operator import itemgetter
from pathlib import Path
from typing import Iterable

from .errors import GazetteerCorruptError, GazetteerMissingError
from .normalize import ROMANISATION_PREFIX, normalize_name, romanisation_key, transliteration_skeleton
from .place import NameKind, Place, rank_places

__all__ = ["Gazetteer", "default_index_path", "ENV_VAR"]

#: Environment variable naming the index file to use instead of the default.
ENV_VAR = "GEOMAP_GAZETTEER"

# Words that say "the region called X": "Aleppo Governorate", "Luhansk Oblast",
# "Province of Idlib".  Looked up only when the full name finds no region.
_REGION_WORDS = (
    "governorate|province|oblast|region|state|county|district|raion|rayon|municipality|"
    "prefecture|department|muhafazah|muhafazat|wilayah|wilayat|emirate|territory|parish|canton|"
    "krai|kray|okrug|voivodeship|regency|division|zone"
)
_REGION_SUFFIX = re.compile(rf"^(.+?) (?:{_REGION_WORDS})$")
_REGION_PREFIX = re.compile(rf"^(?:{_REGION_WORDS}) of (.+)$")
_REGION_WORD_SET = frozenset(_REGION_WORDS.split("|"))
# A region named by its place in its country ("Central Province", "North-Western Province") is one of many: the
# regions of every country called so are its senses, not only those whose full name carries the region word
# (GeoNames has Papua New Guinea's "Central Province" but Zambia's "Central", Kenya's "Eastern", Sri Lanka's
# "Southern"), and the text's other places choose among them.
_POSITION_NAMES = frozenset(
    f"{a}{b}" for a in ("", "north ", "south ", "far ", "mid ", "upper ", "lower ")
    for b in ("central", "eastern", "western", "northern", "southern")) | frozenset(
    {"north east", "north west", "south east", "south west", "northeast", "northwest", "southeast", "southwest",
     "east", "west", "north", "south", "centre", "center"})

_EARTH_RADIUS_KM = 6371.0088

# The rows of a key's places, each with its rank among them (names.rank: their context-free order,
# rank_places', which the build stored; sorted by it here, which costs less than SQL's ORDER BY).
_SELECT = """
SELECT p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country_code,
       p.admin1_code, p.admin2_code, p.population, n.name, n.kind, p.prominence, n.rank
FROM names n JOIN places p ON p.geonameid = n.geonameid
WHERE n.key = ?
"""
_RANK = itemgetter(13)
# A place read by id or codes rather than by a name: its own name as the matched one, kind 0, rank 0.
_SELECT_PLACE = ("SELECT geonameid, name, lat, lon, feature_class, feature_code, country_code, admin1_code, "
                 "admin2_code, population, name, 0, prominence, 0 FROM places ")


# closest_spelling(): how alike a name must be (rapidfuzz ratio, 0-100), and how big a town.
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_POPULATION = 5000
#: How alike a name must be spelt to a town with its romanisation key (``spelt_like``): the key already says
#: the two differ only as romanisations do, so a lower bar than a guess across all names; one letter of six
#: ("Kordai", "Korday") is 83.
SPELT_LIKE_MIN_SCORE = 80.0


def spelt_alike(key: str, other: str) -> bool:
    """Are two name keys spelt alike (``SPELT_LIKE_MIN_SCORE``), their spaces and hyphens not counted: a
    romanisation writes a name as one word or two ("Elwak", "El Wak"; the key makes the second "al wak")?"""
    from rapidfuzz import fuzz

    return fuzz.ratio(_JOINED.sub("", key), _JOINED.sub("", other)) >= SPELT_LIKE_MIN_SCORE


_JOINED = re.compile(r"[\s-]+")

# Memory-map up to this much of the index (it is about 75 MB; the build replaces the file by a
# rename, so a mapped file is never truncated under a reader).
_MMAP_BYTES = 256 << 20

# Many keys at once (Gazetteer.prefetch): the same rows, each with its key first, for _BATCH keys.
_BATCH = 64
_SELECT_MANY = _SELECT.replace("SELECT p.geonameid", "SELECT n.key, p.geonameid").replace(
    "WHERE n.key = ?", "WHERE n.key IN (" + ", ".join("?" * _BATCH) + ")")
assert _SELECT_MANY.count("?") == _BATCH


def default_index_path() -> Path:
    """Where the gazetteer index lives: ``$GEOMAP_GAZETTEER`` or the user cache directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    from .gazetteer_build import SCHEMA_VERSION

    return Path(user_cache_dir("geomap")) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _fix_hint(path: Path) -> str:
    return (f"rebuild it with: geomap gazetteer build --db {path} (a rebuild holds only geomap's own data: "
            "import any GeoNames dumps you had added again)")


def _build_once(path: Path, progress: bool) -> None:
    """Build a missing index, one process at a time: a second first run waits for the first's build
    (an exclusive lock on ``PATH.lock``) and then opens it instead of building its own."""
    from .export import check_writable
    from .gazetteer_build import build_gazetteer

    check_writable(path, "the gazetteer index")
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        build_gazetteer(path, progress=progress)
        return
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not path.exists():  # else another process built it while this one waited
                build_gazetteer(path, progress=progress)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Gazetteer:
    """An open gazetteer index.

    Parameters
    ----------
    path:
        The index file.  Default: :func:`default_index_path`.
    build:
        Build the index when it is missing.  Default: only for the default
        location (an explicit path that does not exist is an error, since a
        mistyped path should not silently start a build).
    progress:
        Show progress bars (on stderr) when building.

    The object is safe to share between threads; look-ups are cached.
    """

    def __init__(self, path: str | Path | None = None, *, build: bool | None = None,
                 progress: bool = True, cache_size: int = 200_000):
        explicit = path is not None or bool(os.environ.get(ENV_VAR))
        self.path = Path(path).expanduser() if path is not None else default_index_path()
        if not self.path.exists():
            if build if build is not None else not explicit:
                _build_once(self.path, progress)
            else:
                raise GazetteerMissingError(
                    f"no gazetteer index at {self.path}; create it with: "
                    f"geomap gazetteer build --db {self.path}"
                )
        self._local = threading.local()
        self._check_and_load()
        self._cache_size = cache_size
        self._by_key: dict[str, tuple[Place, ...]] = {}  # the places of a name key (see _lookup)
        self._by_name: dict[str, tuple[Place, ...]] = {}  # candidates(name), default kinds
        self._seats: dict[tuple[str, str], Place | None] = {}  # seat(region)
        self._areas: dict[tuple, Place | None] = {}  # area_of(place, level), by level and codes
        self._tree = None
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self._fuzzy_cache: dict[tuple, tuple[Place, ...]] = {}
        self._tree_ids: list[int] = []
        self._tree_lock = threading.Lock()

    # -- connection ------------------------------------------------------------
    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # Read pages through a memory map rather than read() into SQLite's own cache: a fresh
            # connection's first look-ups (a whole cold cache) take about a quarter less time.
            conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
            self._local.conn = conn
        return conn

    def _check_and_load(self) -> None:
        try:
            self._load()
        except GazetteerCorruptError:
            if not self._rolled_back():
                raise
            self._load()

    def _rolled_back(self) -> bool:
        """Roll back what a killed write (``gazetteer import``) left in a ``-journal``; whether there was one.

        A read-only connection cannot roll a hot journal back, so every read fails with
        "attempt to write a readonly database"; one read-write open does it, imports kept.
        """
        journal = self.path.with_name(self.path.name + "-journal")
        if not journal.exists():
            return False
        self.close()
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as conn:
                conn.execute("SELECT count(*) FROM meta").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorruptError(
                f"{self.path}: an interrupted write (a killed 'geomap gazetteer import'?) left {journal.name}, "
                f"which could not be rolled back ({exc}); run any geomap command once as a user who can write "
                f"{self.path.parent}. Do not rebuild: that drops the GeoNames dumps imported into it") from None
        return True

    def _load(self) -> None:
        from .gazetteer_build import SCHEMA_VERSION

        try:
            conn = self._conn
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise GazetteerCorruptError(
                    f"{self.path} is a gazetteer index of schema version "
                    f"{meta.get('schema_version')!r}, this geomap needs {SCHEMA_VERSION!r}; "
                    + _fix_hint(self.path)
                )
            self.meta = meta
            self._countries = {
                code: (name, iso3, gid)
                for code, iso3, name, gid in conn.execute("SELECT code, iso3, name, geonameid FROM countries")
            }
            self._admin1 = dict(conn.execute("SELECT code, name FROM admin1"))
            self._admin2 = dict(conn.execute("SELECT code, name FROM admin2"))
            # the transliteration skeletons the index holds ("~mrt nmn"): looked up only when known
            self._skeletons = frozenset(k for (k,) in conn.execute(
                "SELECT DISTINCT key FROM names WHERE key >= '~' AND key < '\x7f'"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorruptError(
                f"{self.path} is not a usable gazetteer index ({exc}); " + _fix_hint(self.path)
            ) from None
        self._iso3 = {iso3: code for code, (_, iso3, _) in self._countries.items()}

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    # -- records ---------------------------------------------------------------
    def _place(self, row: tuple) -> Place:
        gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, matched, kind, prominence, _ = row  # (_: the rank)
        country = self._countries.get(cc)
        return Place(
            gid, name, lat, lon, fclass, fcode,
            cc, country[0] if country else "",
            a1, self._admin1.get(f"{cc}.{a1}", "") if a1 else "",
            a2, self._admin2.get(f"{cc}.{a1}.{a2}", "") if a2 else "",
            pop, matched, _KINDS[kind], prominence,
        )

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorruptError(
                f"{self.path} cannot be read ({exc}); " + _fix_hint(self.path)
            ) from None

    def _places_of(self, rows: list[tuple]) -> tuple[Place, ...]:
        """The places of one key's rows, in their stored rank (``rank_places``' order; sorts ``rows``)."""
        if len(rows) > 1:
            rows.sort(key=_RANK)
        return tuple(map(self._place, rows))

    def _lookup_uncached(self, key: str) -> tuple[Place, ...]:
        return self._places_of(self._query(_SELECT, (key,)))

    def _lookup(self, key: str) -> tuple[Place, ...]:
        """The places of a name key, cached (the cache is emptied when it reaches ``cache_size``).

        A key that names nothing is tried as the transliteration skeleton of a place in the Arab world
        ("Maarat al-Numan" is Ma‘arrat an Nu‘mān: :func:`geomap.normalize.transliteration_skeleton`)."""
        found = self._by_key.get(key)
        if found is None:
            found = self._lookup_uncached(key) or self._by_skeleton(key)
            if self._cache_size <= 0:  # cache off
                return found
            if len(self._by_key) >= self._cache_size:
                self._by_key.clear()
            self._by_key[key] = found
        return found

    def _by_skeleton(self, key: str) -> tuple[Place, ...]:
        """The places whose transliteration skeleton is ``key``'s (none for most keys: a set look-up)."""
        if not self._skeletons or key[:1] == "~" or " " not in key:  # a one-word key has no skeleton
            return ()
        skeleton = "~" + transliteration_skeleton(key)
        return self._lookup_uncached(skeleton) if skeleton in self._skeletons else ()

    def prefetch(self, names: Iterable[str]) -> None:
        """Look many names up at once, so that the ``candidates`` calls that follow hit the cache.

        The recogniser passes every name a text could ask for: a few SQL
        queries per text instead of one per name, which is most of the cost
        of a look-up on a cold cache.  Results are the same either way.
        """
        if self._cache_size <= 0:  # cache off: nothing to fill
            return
        by_key, by_name = self._by_key, self._by_name
        keys = {}
        for name in names:
            if name not in by_name:
                key = normalize_name(name)
                if key and key not in by_key:
                    keys[key] = None
        if not keys:
            return
        if len(by_key) + len(keys) > self._cache_size:
            by_key.clear()
        keys = list(keys)
        for i in range(0, len(keys), _BATCH):
            chunk = keys[i:i + _BATCH]
            rows: dict[str, list[tuple]] = {key: [] for key in chunk}
            # A fixed number of parameters (the last key repeated) keeps one prepared statement.
            for row in self._query(_SELECT_MANY, tuple(chunk) + (chunk[-1],) * (_BATCH - len(chunk))):
                rows[row[0]].append(row[1:])
            for key, found in rows.items():
                by_key[key] = self._places_of(found) or self._by_skeleton(key)

    # -- public look-ups -------------------------------------------------------
    def country_code(self, country: str) -> str | None:
        """The ISO 3166 alpha-2 code for a code, ISO3 code or name ("SY", "SYR", "Syria")."""
        text = country.strip()
        if text.upper() in self._countries:
            return text.upper()
        if text.upper() in self._iso3:
            return self._iso3[text.upper()]
        for place in self._lookup(normalize_name(text)):
            if place.is_country and place.match_kind is not NameKind.DEMONYM:
                return place.country_code
        return None

    def country_name(self, code: str) -> str:
        """The English name of the country of ISO code ``code`` ("UA" -> "Ukraine"); "" for none."""
        found = self._countries.get(code)
        return found[0] if found else ""

    def candidates(
        self,
        name: str,
        country: str | Iterable[str] | None = None,
        *,
        feature_class: str | Iterable[str] | None = None,
        kinds: Iterable[NameKind] | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """The places ``name`` may refer to, best first (see :mod:`geomap.place` for the order).

        ``country`` restricts to one or more countries (codes or names);
        ``feature_class`` to GeoNames classes ("P" populated places, "A" admin
        regions and countries, "L", "H", "T", …); ``kinds`` to the kinds of
        name that may match.  By default every kind but bare codes ("IL",
        "SYR") matches, so that "Ind." finds Indiana but "IND" does not find
        India.  A name ending in a region word ("Aleppo Governorate",
        "Luhansk Oblast") also finds the admin region named without it (when the full name finds
        none, or names a region by its place in its country: "Central Province").
        """
        if kinds is None and self._cache_size > 0:
            found = list(self.lookup(name))
        else:
            found = list(self._named(name, frozenset(kinds) if kinds is not None else _DEFAULT_KINDS))
        if country is not None:
            codes = self._country_codes(country)
            found = [p for p in found if p.country_code in codes]
        if feature_class is not None:
            classes = {feature_class} if isinstance(feature_class, str) else set(feature_class)
            found = [p for p in found if p.feature_class in classes]
        return found[:limit] if limit is not None else found

    def lookup(self, name: str) -> tuple[Place, ...]:
        """``candidates(name)`` with no filter, as the cached tuple itself rather than a new list:
        for callers that only read it (the recogniser asks for the same names again and again, and
        the resolver reads each tuple of candidates once, remembered by its identity)."""
        found = self._by_name.get(name)
        if found is None:
            found = self._named(name, _DEFAULT_KINDS)
            if type(found) is not tuple:
                found = tuple(found)
            if self._cache_size > 0:  # remember it by its text
                if len(self._by_name) >= self._cache_size:
                    self._by_name.clear()
                self._by_name[name] = found
        return found

    def _named(self, name: str, allowed: frozenset) -> tuple[Place, ...] | list[Place]:
        """``candidates(name, kinds=allowed)`` before the country and class filters, not to be changed:
        the key's cached tuple itself when every place of it is allowed (so that names of one key, "Ohio"
        and "OHIO", share one tuple), else a list."""
        key = normalize_name(name) if name else ""
        if not key:
            return []
        places = self._lookup(key)
        found = [p for p in places if p.match_kind in allowed] if places else []
        # (Both patterns need a space and a region word last or first: most keys skip them.)
        region = (_REGION_SUFFIX.match(key) or _REGION_PREFIX.match(key)) if " " in key and (
            key[key.rindex(" ") + 1:] in _REGION_WORD_SET or key[:key.index(" ")] in _REGION_WORD_SET) else None
        if region and (not any(p.is_admin for p in found) or region.group(1) in _POSITION_NAMES):
            # Not a country: "United States Department (of Agriculture)" is a ministry.
            extra = [p for p in self._lookup(region.group(1))
                     if p.feature_class == "A" and not p.is_country and p.match_kind in allowed]
            seen = {p.geonameid for p in found}
            extra = [p for p in extra if p.geonameid not in seen]
            if any(p.is_admin for p in found):  # (the regions the full name finds come first: "Central Province")
                return [*rank_places(found), *rank_places(extra)]
            return rank_places(found + extra)
        return places if len(found) == len(places) else found

    def _country_codes(self, country: str | Iterable[str]) -> set[str]:
        items = [country] if isinstance(country, str) else list(country)
        codes = set()
        for item in items:
            code = self.country_code(item)
            if code is None:
                raise ValueError(f"unknown country {item!r}: give an ISO code (SY, SYR) or a name")
            codes.add(code)
        return codes

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, or ``None``."""
        rows = self._query(
            _SELECT_PLACE + "WHERE geonameid = ?",
            (int(geonameid),),
        )
        return self._place(rows[0]) if rows else None

    def area_of(self, place: Place, level: str) -> Place | None:
        """The country (``level`` "country"), first-level region ("region") or second-level region
        ("district") ``place`` lies in, by its codes; ``None`` when the index has none."""
        if level == "country":
            code, where, key = None, "feature_code IN ('PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'PCL', 'TERR') " \
                "AND country_code = ?", (place.country_code,)
        elif level == "region" and place.admin1_code:
            code, where, key = "ADM1", "country_code = ? AND admin1_code = ?", (place.country_code, place.admin1_code)
        elif level == "district" and place.admin1_code and place.admin2_code:
            code, where, key = "ADM2", "country_code = ? AND admin1_code = ? AND admin2_code = ?", (
                place.country_code, place.admin1_code, place.admin2_code)
        else:
            return None
        if not place.country_code:
            return None
        memo = (level, *key)
        if memo in self._areas:
            return self._areas[memo]
        rows = self._query(
            _SELECT_PLACE + "WHERE " + (f"feature_code = '{code}' AND " if code else "")
            + where + " ORDER BY population DESC, geonameid LIMIT 1", key)
        found = self._areas[memo] = self._place(rows[0]) if rows else None
        return found

    def seat(self, region: Place) -> Place | None:
        """The seat of a first-level region: its most populous first-order administrative seat
        (GeoNames' PPLA), or ``None`` when the index has none."""
        if region.feature_code != "ADM1" or not region.admin1_code:
            return None
        key = (region.country_code, region.admin1_code)
        if key not in self._seats:
            rows = self._query(
                _SELECT_PLACE + "WHERE country_code = ? "
                "AND feature_class = 'P' AND admin1_code = ? AND feature_code = 'PPLA' "
                "ORDER BY population DESC, geonameid LIMIT 1", key,
            )
            self._seats[key] = self._place(rows[0]) if rows else None
        return self._seats[key]

    def closest_spelling(self, name: str, *, country: str | Iterable[str] | None = None,
                         min_score: float = FUZZY_MIN_SCORE, well_known: bool = False) -> list[Place]:
        """The places of the indexed name spelled most like ``name``, for a name found nowhere.

        A fallback for misspelt or otherwise transliterated names in event
        records and given spans ("Mauritious", "Menoufia" for Monufia).  Only
        names of countries, regions, seas and populated places of at least
        ``FUZZY_MIN_POPULATION`` people are considered, and only names of five
        letters or more, so that a guess is about something a reader would
        know; ``min_score`` is rapidfuzz's normalised similarity (0–100).
        ``country`` restricts the guess to the names of places in those
        countries (an index per country, so it is also much faster);
        ``well_known`` to the names of countries, continents, first-level
        regions, capitals and cities of a million people or more, which a
        reader knows however they are spelt.  Returns [] when nothing is
        close enough.
        """
        key = normalize_name(name) if name else ""
        if len(key) < 5:
            return []
        codes = frozenset(self._country_codes(country)) if country is not None else None
        cache_key = (key, codes, min_score, well_known)
        found = self._fuzzy_cache.get(cache_key)
        if found is None:
            found = self._fuzzy_cache[cache_key] = tuple(self._closest(key, codes, min_score, well_known))
        return list(found)

    def spelt_like(self, name: str, countries: Iterable[str], *, regions: bool = False) -> list[Place]:
        """The towns of ``FUZZY_MIN_POPULATION`` people or more in ``countries`` whose name differs from
        ``name`` only as romanisations of one name differ (the same :func:`~geomap.normalize.romanisation_key`)
        and is spelt alike (rapidfuzz ratio ≥ ``SPELT_LIKE_MIN_SCORE``, spaces and hyphens not counted:
        :func:`spelt_alike`): "Khemkaran" is Khem Karan, "Mai Mahiu" Maai Mahiu, "Kordai" Korday, "Elwak" El
        Wak.  ``regions``: first- and second-level regions instead ("Tharparkar" is Thar Parkar District), for
        a name the text calls a district or a province.  One indexed look-up (the keys are made at build
        time); [] for a name of fewer than five letters."""
        key = normalize_name(name) if name else ""
        rkey = romanisation_key(key) if len(key) >= 5 else ""
        if not rkey:
            return []
        codes = set(countries)
        return [p for p in self._lookup(ROMANISATION_PREFIX + rkey)
                if p.country_code in codes and (p.feature_class != "P") == regions
                and spelt_alike(key, normalize_name(p.matched_name))]

    def _closest(self, key: str, codes: frozenset[str] | None, min_score: float, well_known: bool) -> list[Place]:
        from rapidfuzz import fuzz, process

        by_country = self._fuzzy_choices()
        if codes is None and not well_known:
            # every name of the index, blocked by first letter (a misspelling keeps it: "Bostn", "Mauritious")
            # and by length: a similarity r (rapidfuzz's Indel ratio) needs the other name's length within
            # [r/(2-r), (2-r)/r] times this one's, so names of other lengths cannot reach min_score.  A scan
            # of all names took 50 ms a name: minutes for a batch's unknown names.
            r = max(min_score, 1.0) / 100
            lo, hi = math.floor(len(key) * r / (2 - r)), math.ceil(len(key) * (2 - r) / r)
            choices = [k for n in range(lo, hi + 1) for k in by_country.get(f"first:{key[0]}:{n}", ())]
        elif codes is None:
            choices = by_country["*"]
        else:
            choices = sorted({k for code in codes for k in by_country.get(code, ())})
        for match, score, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=5):
            found = [p for p in self._lookup(match) if p.match_kind in _DEFAULT_KINDS
                     and (codes is None or p.country_code in codes) and (not well_known or _well_known(p))]
            if found:
                return found
        return []

    def _fuzzy_choices(self) -> dict[str, list[str]]:
        """The names the closest-spelling guess may take: per country code, all of them by first letter
        and length ("first:b:6"), and the names of well-known places ("*")."""
        with self._tree_lock:
            if self._fuzzy_keys is None:
                rows = self._query(
                    "SELECT DISTINCT n.key, p.country_code, p.feature_code, p.population "
                    "FROM names n JOIN places p ON p.geonameid = n.geonameid "
                    "WHERE length(n.key) >= 5 AND n.kind IN (0, 1, 3) "
                    "AND (p.feature_class IN ('A', 'L', 'H') OR p.population >= ?)", (FUZZY_MIN_POPULATION,))
                by_country: dict[str, list[str]] = {
                    "*": sorted({r[0] for r in rows if _well_known_code(r[2], r[3])}),
                }
                for key in sorted({r[0] for r in rows}):
                    by_country.setdefault(f"first:{key[0]}:{len(key)}", []).append(key)
                for key, code, _, _ in rows:
                    if code:
                        by_country.setdefault(code, []).append(key)
                self._fuzzy_keys = by_country
            return self._fuzzy_keys

    def nearest(self, lat: float, lon: float, k: int = 1) -> list[tuple[Place, float]]:
        """The ``k`` populated places nearest to a point, with their distance in km.

        Uses a k-d tree over unit vectors (exact great-circle order), built
        on the first call.
        """
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
            raise ValueError(f"coordinates out of range: {lat}, {lon}")
        tree = self._spatial_index()
        chord, idx = tree.query(_unit_vector(lat, lon), k=k)
        chords = [chord] if k == 1 else list(chord)
        ids = [idx] if k == 1 else list(idx)
        out = []
        for c, i in zip(chords, ids):
            if i >= len(self._tree_ids):
                continue
            place = self.get(self._tree_ids[i])
            km = 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, c / 2))
            out.append((place, km))
        return out

    def _spatial_index(self):
        with self._tree_lock:
            if self._tree is None:
                import numpy as np
                from scipy.spatial import cKDTree

                rows = self._query(
                    "SELECT geonameid, lat, lon FROM places WHERE feature_class = 'P' ORDER BY geonameid", ())
                ids = [r[0] for r in rows]
                lat = np.radians([r[1] for r in rows])
                lon = np.radians([r[2] for r in rows])
                xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
                self._tree_ids = ids
                self._tree = cKDTree(xyz)
            return self._tree

    def info(self) -> dict:
        """What the index holds: counts by feature class and country, sources, build date."""
        try:
            return self._info()
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorruptError(f"{self.path} cannot be read ({exc}); " + _fix_hint(self.path)) from None

    def _info(self) -> dict:
        conn = self._conn
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "built": self.meta.get("built", ""),
            "modified": self.meta.get("modified", self.meta.get("built", "")),
            "schema_version": self.meta.get("schema_version", ""),
            "places": conn.execute("SELECT count(*) FROM places").fetchone()[0],
            "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
            "by_feature_class": dict(conn.execute(
                "SELECT feature_class, count(*) FROM places GROUP BY feature_class ORDER BY 2 DESC")),
            "by_feature_code": dict(conn.execute(
                "SELECT feature_code, count(*) FROM places GROUP BY feature_code ORDER BY 2 DESC LIMIT 25")),
            # Every code of the classes other than populated places and admin regions (seas, rivers,
            # peaks, airports: few codes each, and users filter on them).
            "features": {f"{c}/{code}": n for c, code, n in conn.execute(
                "SELECT feature_class, feature_code, count(*) FROM places WHERE feature_class NOT IN ('P', 'A') "
                "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2")},
            "by_prominence": dict(conn.execute(
                "SELECT prominence, count(*) FROM places WHERE prominence > 0 GROUP BY 1 ORDER BY 1 DESC")),
            "by_country": dict(conn.execute(
                "SELECT country_code, count(*) FROM places WHERE country_code != '' "
                "GROUP BY country_code ORDER BY 2 DESC")),
            "sources": [
                {"path": p, "rows": n, "added": a}
                for p, n, a in conn.execute("SELECT path, rows, added FROM sources")
            ],
        }


_KINDS = tuple(NameKind)
WELL_KNOWN_POPULATION = 1_000_000


def _well_known_code(code: str, population: int) -> bool:
    return code.startswith("PCL") or code in ("CONT", "ADM1", "PPLC", "OCN", "SEA", "RGN") \
        or (code.startswith("PPL") and population >= WELL_KNOWN_POPULATION)


def _well_known(place: Place) -> bool:
    """A place a reader knows however it is spelt: a country, continent, first-level region,
    capital, named region, ocean, sea, or a city of a million people or more."""
    return _well_known_code(place.feature_code, place.population)
_DEFAULT_KINDS = frozenset(k for k in NameKind if k is not NameKind.CODE)


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
