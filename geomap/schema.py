"""The columns of every table geomap produces, declared once.

* ``events``: one row per input record (article or event record), with a
  stable ``event_id`` (``<file name>:<row>``) and the input's own id in
  ``source_id``; ``linked`` names the article (its ``event_id``) whose text
  a record took (see :func:`geomap.events.stream_inputs`);
* ``mentions``: one row per place mention found in an event's text;
* ``incidents``: one row per located event, at its incident location
  (``text_place``/``text_km``: where the text puts a record that came with
  coordinates, and how far that is from them, when checked; ``dateline``:
  where an article says it was filed; ``incident_no``: 1, or with
  ``--incidents each`` the n-th incident of the record, see :mod:`geomap.incident`;
  ``warning``: what looks wrong with a located record, e.g. coordinates whose
  latitude and longitude look swapped; the record is kept where it says);
* ``unlocated``: one row per event that could not be placed, with the reason.

Every event ends up in exactly one of ``incidents`` and ``unlocated``.
"""

from __future__ import annotations

__all__ = ["GEOCODED", "EVENTS", "MENTIONS", "INCIDENTS", "UNLOCATED", "PRECISION_LABELS", "INTEGER_COLUMNS", "FLOAT_COLUMNS"]

#: ``geomap geocode``'s results as CSV (on stdout with ``--format csv`` and in the ``-o`` file alike).
GEOCODED = (
    "query", "rank", "status", "name", "address", "lat", "lon", "feature_code",
    "country_code", "admin1", "population", "geonameid", "matched_name", "reason",
)
EVENTS = (
    "event_id", "source_id", "title", "text", "date", "url", "linked", "category", "fatalities",
    "place_name", "country", "admin1", "lat", "lon", "geo_precision", "source_file", "source_row",
)
MENTIONS = (
    "event_id", "start", "end", "surface", "kind", "geonameid", "name", "lat", "lon",
    "country", "admin1", "feature_code", "confidence",
)
INCIDENTS = (
    "event_id", "source_id", "title", "date", "category", "fatalities", "url",
    "place", "lat", "lon", "country", "admin1", "feature_code", "geonameid",
    "precision", "located_by", "confidence", "other_places", "surface", "start", "end", "text",
    "text_place", "text_km", "linked", "dateline", "incident_no", "warning",
)
UNLOCATED = ("event_id", "source_id", "title", "reason", "source_file", "source_row")

#: Columns of the output tables that hold whole numbers or other numbers; every other column is text.
INTEGER_COLUMNS = frozenset({"geonameid", "start", "end", "precision", "source_row", "incident_no"})
FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence", "text_km"})

#: Location precision, after ACLED's geo_precision; 4 is geomap's own, for an article whose text places its
#: event only in a country or a larger area (see docs/incidents.md).
PRECISION_LABELS = {1: "town or village", 2: "district or near a town", 3: "province or region",
                    4: "country or larger"}
