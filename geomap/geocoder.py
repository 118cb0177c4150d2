"""``GazetteerGeocoder``: a geopy geocoder that answers from the local gazetteer.

It keeps geopy's contract, so it can replace (or be replaced by) any online
geopy geocoder and runs unchanged under ``geopy.extra.rate_limiter.RateLimiter``:

* ``geocode(query)`` returns a :class:`geopy.location.Location`, a list of
  them with ``exactly_one=False``, or ``None`` when nothing matches;
* ``reverse((lat, lon))`` returns the nearest populated place;
* an empty query raises :class:`geopy.exc.GeocoderQueryError`.

Each ``Location.raw`` is the :class:`~geomap.place.Place` record as a dict.

Queries may carry comma-separated qualifiers, most specific first:
``"al-Bab, Syria"``, ``"Paris, Texas"``, ``"Springfield, IL"``,
``"Springfield, Illinois, USA"``.  A qualifier is matched against countries
and admin regions (codes such as "IL" included); the candidates kept are
those inside every qualifier.  When a qualifier is not a region but a
populated place, candidates within 50 km of it count as inside.  Without
qualifiers the order is the gazetteer's context-free ranking (see
:mod:`geomap.place`): country > continent > admin region > capital > other
places by population, a city beating the same-named region it lies in.

**Free text and addresses.**  When the query (or its first comma-separated part) names no place
("Paris France", "Seattle WA USA", "12 Oxford Street, London",
"435 north michigan ave, chicago il"), the geoparser reads it and the answer
is the most specific place it names (the last of equals, as addresses end
with the town before the region and country).  ``Location.raw["matched"]``
gives the part of the query used, and ``raw["precision"]`` the level
("town", "district", "region", "country"): a street address is answered at
its town, which is honest offline.  With ``fuzzy=True``, a single name
found nowhere, not even as free text, takes the closest spelling of a place
name ("Bostn": Boston; ``raw["matched"]`` names it).  ``strict=True`` answers only when the
whole query is a place.  Parts may also run largest first ("Germany,
Aachen"), a qualifier may be an ISO 3166-2 code ("Paris, US-TX"), a bare
code is the country or region it codes ("DE"), and a qualifier the
gazetteer does not know is passed over when another holds ("London, ENG,
UK"; "Paris, Narnia" is no answer).  A structured query (a dict with geopy's and
Nominatim's field names: street, city, county, state, country, postalcode)
is read most specific field first.
"""

from __future__ import annotations

import functools
import re

from geopy.adapters import BaseAsyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .errors import GazetteerError
from .gazetteer import Gazetteer
from .place import NameKind, Place, contains

__all__ = ["GazetteerGeocoder", "place_location"]

_NEAR_KM = 50.0
_FUZZY_POPULATION = 100_000
_CODE = re.compile(r"^[A-Z]{2,3}$")
_SUBDIVISION = re.compile(r"^([A-Z]{2})-([A-Z0-9]{1,3})$")
_NUMBERED = re.compile(r"(?:^|\s)\d+[a-zA-Z]?(?:\s|$)")  # a house number in a street line: "Graben 7"
_HOUSE_NUMBER = re.compile(r"^\s*\d+[a-zA-Z]?\b[\s,]*")  # "14 rue …", "435 north michigan ave"
_QUALIFIER_KINDS = frozenset(NameKind)  # codes allowed: "Springfield, IL"
# A structured query's fields, most specific first (geopy's and Nominatim's names).
_FIELDS = ("housenumber", "street", "neighborhood", "suburb", "city", "town", "village", "county", "district",
           "state", "region", "province", "postalcode", "country")
# Nominatim's featuretype, as GeoNames feature classes and codes.
_FEATURETYPES = {"country": lambda p: p.is_country, "state": lambda p: p.feature_code == "ADM1",
                 "city": lambda p: p.feature_class == "P", "settlement": lambda p: p.feature_class == "P"}


def _awaitable_when_async(method):
    """The answer as an awaitable when the geocoder was made with an async adapter (``async with
    GazetteerGeocoder(adapter_factory=AioHTTPAdapter) as g: await g.geocode(...)``), as geopy's own
    geocoders answer then; errors are raised when it is awaited, as theirs are."""
    @functools.wraps(method)
    def answer(self, *args, **kwargs):
        if not self._async:
            return method(self, *args, **kwargs)

        async def later():
            return method(self, *args, **kwargs)
        return later()
    return answer


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over a :class:`~geomap.gazetteer.Gazetteer`.

    Parameters
    ----------
    gazetteer:
        An open gazetteer; by default the default index (built on first use).
    country_codes:
        Default country restriction for every query (codes or names), like
        Nominatim's ``country_codes``.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, country_codes=None,
                 timeout=DEFAULT_SENTINEL, user_agent: str | None = None, adapter_factory=None):
        super().__init__(timeout=timeout, user_agent=user_agent or "geomap", adapter_factory=adapter_factory)
        # With an async adapter (geopy's AioHTTPAdapter), geocode and reverse return awaitables, as geopy's
        # own geocoders then do; nothing goes over the network either way.
        self._async = isinstance(self.adapter, BaseAsyncAdapter)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.country_codes = country_codes
        self._parser = None  # a Geoparser, made on the first query that is no place name as a whole

    # -- geopy API -------------------------------------------------------------
    @_awaitable_when_async
    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                limit: int | None = None, country_codes=None, country=None,
                feature_class=None, featuretype: str | None = None, strict: bool = False, fuzzy: bool = False):
        """Find the place ``query`` names.

        ``country_codes`` (alias ``country``) restricts the countries,
        ``feature_class`` the GeoNames classes ("P", "A", …), ``featuretype``
        Nominatim's kinds ("country", "state", "city", "settlement"), ``limit``
        the number of results with ``exactly_one=False``.  ``strict`` answers
        only when the whole query is a place (no reading of free text or
        addresses).  ``fuzzy=True`` answers a single name found nowhere with
        the closest spelling of a place name ("Bostonn": Boston); off by
        default, as online geocoders do not guess either.  ``timeout`` is accepted for geopy compatibility and
        ignored (nothing goes over a network).
        """
        if featuretype is not None and featuretype not in _FEATURETYPES:
            raise GeocoderQueryError(f"unknown featuretype {featuretype!r}; one of {', '.join(_FEATURETYPES)}")
        if isinstance(query, dict):
            unknown = [k for k in query if k not in _FIELDS]
            query = ", ".join(str(query[k]) for k in (*_FIELDS, *unknown) if k in query and query[k])
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError("empty query: give a place name such as 'al-Bab, Syria'")
        _check_text(query)
        parts = [p.strip() for p in query.split(",") if p.strip()]
        if not parts:
            raise GeocoderQueryError(f"no place name in query {query!r}")
        countries = country_codes if country_codes is not None else country
        if countries is None:
            countries = self.country_codes
        found, named = self._named(parts, countries, feature_class)
        extra = {"matched": query.strip(), "precision": None}
        if not found and not named and len(parts) == 1:
            split = self._trailing_container(parts[0])
            if split is not None:  # "san josé california", "Seattle WA USA": a place and what holds it
                found, named = self._named(split, countries, feature_class)
                if not found and not named and not strict:  # "Mohrenstrasse Berlin": a street in a town
                    found, _ = self._named(split[1:], countries, feature_class)
                    extra = {"matched": split[1], "precision": None}
        if not found and len(parts) > 1 and not strict and _NUMBERED.search(parts[0]):
            # "Paris 75001, France": a town with its postal code; "Graben 7, Wien": a street line with its
            # house number, then the town
            bare = _NUMBERED.sub(" ", parts[0]).strip()
            if bare:
                found, _ = self._named([bare, *parts[1:]], countries, feature_class)
                extra = {"matched": ", ".join([bare, *parts[1:]]), "precision": None}
            if not found:
                found, _ = self._named(parts[1:], countries, feature_class)
                extra = {"matched": ", ".join(parts[1:]), "precision": None}
        if not found and named and len(parts) > 1:
            # Largest first, as some addresses are written: "Germany, Aachen".
            found, _ = self._named(parts[::-1], countries, feature_class)
        if not found and not named and _CODE.match(parts[0]):
            # A code: "DE" is Germany, "TX" Texas, "TX, US" and {"state": "TX", "country": "US"} Texas in
            # the United States (a name such as "WA", Wa in Ghana, comes first).
            found, _ = self._named(parts, countries, feature_class, kinds=(NameKind.CODE,))
        if featuretype is not None:
            found = [p for p in found if _FEATURETYPES[featuretype](p)]
        if not found and not named and not strict:
            found, extra = self._from_text(query, countries, feature_class, featuretype)
        if not found and not named and not strict and _HOUSE_NUMBER.match(parts[0]):
            # "14 rue pelisson villeurbanne": an address line ends with its town
            found, extra = self._trailing_town(parts[0], countries, feature_class, featuretype)
        if not found and not named and not strict and fuzzy and len(parts) == 1:
            found, extra = self._closest_spelling(parts[0], countries, feature_class, featuretype)
        if not found:
            return None
        if exactly_one:
            return place_location(found[0], **_extra(found[0], extra))
        return [place_location(p, **_extra(p, extra)) for p in (found[:limit] if limit else found)]

    def _named(self, parts: list[str], countries, feature_class, kinds=None) -> tuple[list[Place], bool]:
        """The places the first part names (by names of ``kinds``, default all but codes) that lie inside
        the qualifiers after it, and whether the first part names a place at all.  A qualifier the
        gazetteer does not know ("XYZ" in "London, XYZ, UK") is passed over when another one holds;
        alone, it holds nothing ("Paris, Narnia")."""
        try:
            found = self.gazetteer.candidates(parts[0], country=countries, feature_class=feature_class,
                                              **({"kinds": kinds} if kinds is not None else {}))
        except GazetteerError:  # a damaged index is no bad query: the caller must hear of it
            raise
        except ValueError as exc:  # an unknown country name
            raise GeocoderQueryError(str(exc)) from None
        named = bool(found)
        held = 0
        for qualifier in parts[1:]:
            inside = self._inside(found, qualifier)
            if inside is None:  # names nothing the gazetteer knows
                continue
            found, held = inside, held + 1
            if not found:
                break
        if held == 0 and len(parts) > 1:
            found = []
        return found, named

    def _closest_spelling(self, name: str, countries, feature_class, featuretype) -> tuple[list[Place], dict]:
        """A name found nowhere, as the closest spelling of a place name (rapidfuzz similarity of 90
        or more, names of five letters or more; see :meth:`Gazetteer.closest_spelling`): "Bostn"
        is Boston.  Without ``country_codes``, only a country, a first-level region or a town of
        100,000 people is guessed ("Narnia" is no answer).  ``raw["matched"]`` is then the name
        found, not the query."""
        try:
            found = self.gazetteer.closest_spelling(name, country=countries)
        except GazetteerError:
            raise
        except ValueError as exc:
            raise GeocoderQueryError(str(exc)) from None
        if countries is None:  # anywhere on earth, a guess only at a place a reader would know
            found = [p for p in found if p.is_country or p.feature_code == "ADM1" or p.population >= _FUZZY_POPULATION]
        found = [p for p in found if (feature_class is None or p.feature_class in (
                     {feature_class} if isinstance(feature_class, str) else set(feature_class)))
                 and (featuretype is None or _FEATURETYPES[featuretype](p))]
        return found, {"matched": found[0].matched_name if found else "", "precision": None}

    def _from_text(self, query: str, countries, feature_class, featuretype) -> tuple[list[Place], dict]:
        """The places a query that is no place name as a whole names, most specific first (the last
        of equals), and the part used."""
        from .geoparser import Geoparser

        if self._parser is None:
            self._parser = Geoparser(self.gazetteer)
        try:
            codes = self.gazetteer._country_codes(countries) if countries is not None else None
        except GazetteerError:
            raise
        except ValueError as exc:
            raise GeocoderQueryError(str(exc)) from None
        mentions = [m for m in self._parser.parse(query) if m.place is not None and m.kind == "place"]
        places = [(m, m.place) for m in mentions
                  if (codes is None or m.place.country_code in codes)
                  and (feature_class is None or m.place.feature_class in (
                      {feature_class} if isinstance(feature_class, str) else set(feature_class)))
                  and (featuretype is None or _FEATURETYPES[featuretype](m.place))]
        if not places:
            return [], {}
        order = sorted(range(len(places)), key=lambda k: (_level(places[k][1]), -k))
        best = places[order[0]][0]
        return [places[k][1] for k in order], {"matched": best.surface, "precision": None}

    @_awaitable_when_async
    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                limit: int | None = None, zoom: int | None = None):
        """The populated place nearest to ``query`` (a ``(lat, lon)`` pair, string or Point).

        ``raw["distance_km"]`` says how far it is.  With ``exactly_one=False``
        the ``limit`` (default 5) nearest places, nearest first.  ``zoom``, as
        Nominatim's: 0–4 answers the country, 5–7 the first-level region, 8–9 the
        second-level region (the region when there is none), 10 and more the town;
        ``raw["zoom_level"]`` says which ("country", "region", "district", "town").
        """
        if query is None or (not isinstance(query, Point) and not query and query != 0):
            raise GeocoderQueryError("empty query: give a (latitude, longitude) pair such as (36.37, 37.52)")
        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderQueryError(f"not a coordinate pair: {query!r} ({exc})") from None
        k = 1 if exactly_one else (limit or 5)
        nearest = self.gazetteer.nearest(point.latitude, point.longitude, k=k)
        if not nearest:
            return None
        level = _zoom_level(zoom)
        out = []
        for place, km in nearest:
            area, found_level = None, level
            if level == "district":
                area = self.gazetteer.area_of(place, "district")
                if area is None:
                    area, found_level = self.gazetteer.area_of(place, "region"), "region"
            elif level in ("region", "country"):
                area = self.gazetteer.area_of(place, level)
            if area is not None:
                if any(loc.raw["geonameid"] == area.geonameid for loc in out):
                    continue  # two towns in one region: one answer
                out.append(place_location(area, distance_km=round(km, 3), zoom_level=found_level))
            else:
                out.append(place_location(place, distance_km=round(km, 3), zoom_level="town"))
        return out[0] if exactly_one else out

    # -- qualifiers ------------------------------------------------------------
    def _trailing_container(self, query: str) -> list[str] | None:
        """A query without commas split before the country, region or code it ends with ("san josé
        california" → "san josé", "california"; "Seattle WA USA" → "Seattle", "WA", "USA"; it stops where
        what is left names a place: "Kansas City Missouri"), or None."""
        words = query.split()
        tail: list[str] = []
        while len(words) > 1 and not (tail and self.gazetteer.candidates(" ".join(words))):
            for k in range(min(3, len(words) - 1), 0, -1):
                name = " ".join(words[-k:])
                if any(c.is_country or c.feature_code in ("ADM1", "ADM2") for c in self.gazetteer.candidates(
                        name, kinds=_QUALIFIER_KINDS)):
                    tail.insert(0, name)
                    words = words[:-k]
                    break
            else:
                break
        return [" ".join(words), *tail] if tail else None

    def _trailing_town(self, line: str, countries, feature_class, featuretype) -> tuple[list[Place], dict]:
        """The place an address line ends with, its longest name of one to three words first."""
        words = _HOUSE_NUMBER.sub("", line).split()
        for k in range(min(3, len(words) - 1), 0, -1):
            name = " ".join(words[-k:])
            try:
                found = self.gazetteer.candidates(name, country=countries, feature_class=feature_class)
            except ValueError as exc:
                raise GeocoderQueryError(str(exc)) from None
            found = [p for p in found if p.match_kind <= NameKind.ALTERNATE
                     and (featuretype is None or _FEATURETYPES[featuretype](p))]
            if found:
                return found, {"matched": name, "precision": None}
        return [], {}

    def _inside(self, places: list[Place], qualifier: str) -> list[Place] | None:
        """The ``places`` inside what ``qualifier`` names (None: it names nothing known)."""
        subdivision = _SUBDIVISION.match(qualifier)
        if subdivision:  # ISO 3166-2, "US-TX": the region of that code in that country
            regions = self.gazetteer.candidates(subdivision.group(2), country=subdivision.group(1),
                                                kinds=_QUALIFIER_KINDS)
        else:
            regions = self.gazetteer.candidates(qualifier, kinds=_QUALIFIER_KINDS)
        if not regions:
            return None
        kept: dict[int, Place] = {}
        for region in regions:  # in rank order: the best reading of the qualifier wins ties
            for place in places:
                if place.geonameid not in kept and place.geonameid != region.geonameid \
                        and contains(region, place, near_km=_NEAR_KM):
                    kept[place.geonameid] = place
        order = {p.geonameid: i for i, p in enumerate(places)}
        return sorted(kept.values(), key=lambda p: order[p.geonameid])


def _zoom_level(zoom) -> str:
    """Nominatim's zoom as a level of the answer: country (0–4), region (5–7), district (8–9), town (10+)."""
    if zoom is None:
        return "town"
    try:
        zoom = int(zoom)
    except (TypeError, ValueError):
        raise GeocoderQueryError(f"zoom must be a whole number from 0 to 18, not {zoom!r}") from None
    if not 0 <= zoom <= 18:
        raise GeocoderQueryError(f"zoom must be from 0 to 18, not {zoom}")
    return "country" if zoom <= 4 else "region" if zoom <= 7 else "district" if zoom <= 9 else "town"


def _check_text(query: str) -> None:
    """A lone surrogate (half a UTF-16 pair, or an undecodable byte of a command line) is no text to look up."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise GeocoderQueryError(
            f"query {query!r} is not valid Unicode text (a lone surrogate {query[exc.start]!r} at character "
            f"{exc.start + 1}); write it in UTF-8") from None


_LEVELS = ("town", "district", "region", "country")


def _level(place: Place) -> int:
    """How coarse a place is: 0 a town or feature, 1 a district, 2 a region, 3 a country or more."""
    if place.is_country or place.feature_code in ("CONT", "RGN", "OCN"):
        return 3
    if place.feature_code == "ADM1":
        return 2
    if place.feature_class == "A":
        return 1
    return 0


def _extra(place: Place, extra: dict) -> dict:
    return {"matched": extra.get("matched", ""), "precision": _LEVELS[_level(place)]}


def place_location(place: Place, **extra) -> Location:
    """A gazetteer place as a geopy ``Location`` (``raw`` holds the place's fields and ``extra``)."""
    raw = place.to_dict()
    raw.update(extra)
    return Location(place.address, (place.lat, place.lon, 0.0), raw)
