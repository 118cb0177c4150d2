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
"""

from __future__ import annotations

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .gazetteer import Gazetteer
from .place import NameKind, Place, contains

__all__ = ["GazetteerGeocoder", "place_location"]

_NEAR_KM = 50.0
_QUALIFIER_KINDS = frozenset(NameKind)  # codes allowed: "Springfield, IL"


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
                 timeout=DEFAULT_SENTINEL, user_agent: str | None = None):
        super().__init__(timeout=timeout, user_agent=user_agent or "geomap")
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.country_codes = country_codes

    # -- geopy API -------------------------------------------------------------
    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                limit: int | None = None, country_codes=None, country=None,
                feature_class=None):
        """Find the place ``query`` names.

        ``country_codes`` (alias ``country``) restricts the countries,
        ``feature_class`` the GeoNames classes ("P", "A", …), ``limit`` the
        number of results with ``exactly_one=False``.  ``timeout`` is
        accepted for geopy compatibility and ignored (nothing goes over a
        network).
        """
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError("empty query: give a place name such as 'al-Bab, Syria'")
        parts = [p.strip() for p in query.split(",") if p.strip()]
        if not parts:
            raise GeocoderQueryError(f"no place name in query {query!r}")
        name, qualifiers = parts[0], parts[1:]
        countries = country_codes if country_codes is not None else country
        if countries is None:
            countries = self.country_codes
        try:
            found = self.gazetteer.candidates(name, country=countries, feature_class=feature_class)
        except ValueError as exc:  # an unknown country name
            raise GeocoderQueryError(str(exc)) from None
        for qualifier in qualifiers:
            found = self._inside(found, qualifier)
            if not found:
                break
        if not found:
            return None
        if exactly_one:
            return place_location(found[0])
        return [place_location(p) for p in (found[:limit] if limit else found)]

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                limit: int | None = None):
        """The populated place nearest to ``query`` (a ``(lat, lon)`` pair, string or Point).

        ``raw["distance_km"]`` says how far it is.  With ``exactly_one=False``
        the ``limit`` (default 5) nearest places, nearest first.
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
        out = [place_location(place, distance_km=round(km, 3)) for place, km in nearest]
        return out[0] if exactly_one else out

    # -- qualifiers ------------------------------------------------------------
    def _inside(self, places: list[Place], qualifier: str) -> list[Place]:
        regions = self.gazetteer.candidates(qualifier, kinds=_QUALIFIER_KINDS)
        if not regions:
            return []
        kept: dict[int, Place] = {}
        for region in regions:  # in rank order: the best reading of the qualifier wins ties
            for place in places:
                if place.geonameid not in kept and place.geonameid != region.geonameid \
                        and contains(region, place, near_km=_NEAR_KM):
                    kept[place.geonameid] = place
        order = {p.geonameid: i for i, p in enumerate(places)}
        return sorted(kept.values(), key=lambda p: order[p.geonameid])


def place_location(place: Place, **extra) -> Location:
    """A gazetteer place as a geopy ``Location`` (``raw`` holds the place's fields and ``extra``)."""
    raw = place.to_dict()
    raw.update(extra)
    return Location(place.address, (place.lat, place.lon, 0.0), raw)
