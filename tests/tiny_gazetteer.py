"""A gazetteer of a few hand-made places, in memory: the geoparser's rules tested without the 70 MB index.

It answers the calls the geoparser makes (``candidates``, ``prefetch``,
``closest_spelling``, ``country_code``) the way :class:`geomap.Gazetteer`
does: names normalised by :func:`geomap.normalize_name`, places ranked by
:func:`geomap.place.rank_places`.  As spaCy tests a component on a blank
pipeline, each rule test builds the few places it needs.

>>> gaz = TinyGazetteer([town(1, "Paris", 48.85, 2.35, "FR", pop=2_100_000, code="PPLC")])
>>> gaz.candidates("paris")[0].name
'Paris'
"""

from __future__ import annotations

from typing import Iterable

from geomap.normalize import normalize_name
from geomap.place import NameKind, Place, rank_places

COUNTRY_NAMES = {"FR": "France", "US": "United States", "GB": "United Kingdom", "SY": "Syria", "RU": "Russia",
                 "TR": "Turkey", "AU": "Australia", "UA": "Ukraine", "DE": "Germany", "JP": "Japan", "LB": "Lebanon"}


class Entry:
    """A place and the names it is known by."""

    def __init__(self, place: Place, names: Iterable[tuple[str, NameKind]]):
        self.place = place
        self.names = [(place.name, NameKind.NAME), *names]

    def _kind(self, feature_code: str, admin2: str = "") -> "Entry":
        """The same place as another kind of region (a second-level one: "ADM2", its code)."""
        self.place = self.place._replace(feature_code=feature_code, admin2_code=admin2)
        return self


def town(gid: int, name: str, lat: float, lon: float, cc: str, *, pop: int = 1000, code: str = "PPL",
         admin1: str = "", admin1_name: str = "", admin2: str = "", alt: Iterable[str] = (),
         abbreviations: Iterable[str] = ()) -> Entry:
    """A populated place (feature class P)."""
    return _entry(gid, name, lat, lon, "P", code, cc, admin1, admin1_name, admin2, pop, alt, abbreviations)


def region(gid: int, name: str, lat: float, lon: float, cc: str, admin1: str, *, pop: int = 1_000_000,
           alt: Iterable[str] = (), abbreviations: Iterable[str] = ()) -> Entry:
    """A first-level region (ADM1)."""
    return _entry(gid, name, lat, lon, "A", "ADM1", cc, admin1, name, "", pop, alt, abbreviations)


def country(gid: int, name: str, lat: float, lon: float, cc: str, *, pop: int = 10_000_000,
            demonyms: Iterable[str] = (), alt: Iterable[str] = ()) -> Entry:
    entry = _entry(gid, name, lat, lon, "A", "PCLI", cc, "", "", "", pop, alt, ())
    entry.names += [(d, NameKind.DEMONYM) for d in demonyms]
    return entry


def feature(gid: int, name: str, lat: float, lon: float, fclass: str, code: str, *, cc: str = "",
            prominence: int = 3, alt: Iterable[str] = ()) -> Entry:
    """A place without people: a sea, river, airport (ranked by its prominence)."""
    entry = _entry(gid, name, lat, lon, fclass, code, cc, "", "", "", 0, alt, ())
    entry.place = entry.place._replace(prominence=prominence)
    return entry


def _entry(gid, name, lat, lon, fclass, code, cc, admin1, admin1_name, admin2, pop, alt, abbreviations) -> Entry:
    place = Place(gid, name, lat, lon, fclass, code, cc, COUNTRY_NAMES.get(cc, cc), admin1, admin1_name,
                  admin2, "", pop)
    return Entry(place, [(a, NameKind.ALTERNATE) for a in alt] + [(a, NameKind.ABBREVIATION) for a in abbreviations])


class TinyGazetteer:
    """The calls :class:`geomap.Gazetteer` answers for the geoparser, over a few places in memory."""

    def __init__(self, entries: Iterable[Entry]):
        self.by_key: dict[str, list[Place]] = {}
        for entry in entries:
            seen: dict[str, NameKind] = {}
            for name, kind in entry.names:
                key = normalize_name(name)
                if key and (key not in seen or kind < seen[key]):
                    seen[key] = kind
            for key, kind in seen.items():
                matched = next(n for n, k in entry.names if normalize_name(n) == key and k == kind)
                self.by_key.setdefault(key, []).append(entry.place._replace(matched_name=matched, match_kind=kind))

    def candidates(self, name: str, country=None, *, feature_class=None, kinds=None, limit=None) -> list[Place]:
        allowed = set(kinds) if kinds is not None else {k for k in NameKind if k is not NameKind.CODE}
        found = rank_places(p for p in self.by_key.get(normalize_name(name), []) if p.match_kind in allowed)
        if country is not None:
            codes = {country} if isinstance(country, str) else set(country)
            found = [p for p in found if p.country_code in codes]
        if feature_class is not None:
            found = [p for p in found if p.feature_class in set(feature_class)]
        return found[:limit] if limit is not None else found

    def prefetch(self, names) -> None:
        for _ in names:
            pass

    def country_code(self, name: str) -> str | None:
        for p in self.candidates(name):
            if p.is_country:
                return p.country_code
        return None

    def country_name(self, code: str) -> str:
        return COUNTRY_NAMES.get(code, "")

    def spelt_like(self, name: str, countries, *, regions: bool = False):
        from geomap.gazetteer import spelt_alike
        from geomap.normalize import romanisation_key

        key = normalize_name(name)
        if len(key) < 5:
            return []
        codes = set(countries)
        return [p for k, places in self.by_key.items() if romanisation_key(k) == romanisation_key(key)
                and spelt_alike(key, k) for p in places
                if p.country_code in codes and (p.feature_code in ("ADM1", "ADM2") if regions
                                                else p.feature_class == "P" and p.population >= 5_000)]

    def closest_spelling(self, name: str, *, country=None, min_score: float = 90.0, well_known: bool = False):
        from rapidfuzz import fuzz, process

        key = normalize_name(name)
        if len(key) < 5:
            return []
        codes = set(country) if country is not None and not isinstance(country, str) else \
            ({country} if country else None)
        for match, _, _ in process.extract(key, list(self.by_key), scorer=fuzz.ratio, score_cutoff=min_score, limit=5):
            found = [p for p in self.candidates(match) if codes is None or p.country_code in codes]
            if well_known:
                found = [p for p in found if p.is_country or p.feature_code in ("ADM1", "PPLC")
                         or p.population >= 1_000_000]
            if found:
                return found
        return []
