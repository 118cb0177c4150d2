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

**The input's own columns come back.** A table's columns follow geomap's own in
``events``, ``incidents`` and ``unlocated``, in the file's order, under their
own names (:func:`passthrough_name`): an ACLED user gets ``actor1``,
``sub_event_type``, ``admin2``, ``notes`` … back beside the place geomap found.
A column named like one of geomap's is kept as ``input_<name>`` (ACLED's
``country``, ``admin1``, ``fatalities``: geomap's hold the ISO code, the
resolved province and a whole number), except a ``title`` or ``text`` column,
which geomap's own columns already hold as read.  Several tables in one run
give the union of their columns, empty where a table has none.

**The core columns are typed:** ``country`` is always an ISO 3166-1 alpha-2
code (``country_name`` beside it), ``fatalities`` a whole number (empty when
the input's is not one; the input's own stays in its column), ``url`` only a
web address (ACLED's and UCDP's source names and citations go to ``source``),
``date`` an ISO day (a date in Parquet exports).
"""

from __future__ import annotations

__all__ = ["GEOCODED", "EVENTS", "MENTIONS", "INCIDENTS", "UNLOCATED", "PRECISION_LABELS", "INTEGER_COLUMNS",
           "FLOAT_COLUMNS", "DATE_COLUMNS", "passthrough_name", "passthrough_columns"]

#: ``geomap geocode``'s results as CSV (on stdout with ``--format csv`` and in the ``-o`` file alike).
GEOCODED = (
    "query", "rank", "status", "name", "address", "lat", "lon", "feature_code",
    "country_code", "admin1", "population", "geonameid", "matched_name", "reason",
)
EVENTS = (
    "event_id", "source_id", "title", "text", "date", "url", "source", "linked", "category", "fatalities",
    "place_name", "country", "admin1", "lat", "lon", "geo_precision", "source_file", "source_row",
)
MENTIONS = (
    "event_id", "start", "end", "surface", "kind", "geonameid", "name", "lat", "lon",
    "country", "admin1", "feature_code", "confidence",
)
INCIDENTS = (
    "event_id", "source_id", "title", "date", "category", "fatalities", "url", "source",
    "place", "lat", "lon", "country", "country_name", "admin1", "feature_code", "geonameid",
    "precision", "located_by", "confidence", "other_places", "surface", "start", "end", "text",
    "text_place", "text_km", "linked", "dateline", "incident_no", "warning",
)
UNLOCATED = ("event_id", "source_id", "title", "reason", "source_file", "source_row")

#: Columns of the output tables that hold whole numbers or other numbers; every other column is text.
INTEGER_COLUMNS = frozenset({"geonameid", "start", "end", "precision", "source_row", "incident_no", "fatalities"})
FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence", "text_km"})

#: Location precision, after ACLED's geo_precision; 4 is geomap's own, for an article whose text places its
#: event only in a country or a larger area (see docs/incidents.md).
PRECISION_LABELS = {1: "town or village", 2: "district or near a town", 3: "province or region",
                    4: "country or larger"}


#: Columns written as dates in Parquet (ISO days; a value that is none is left empty there).
DATE_COLUMNS = frozenset({"date"})

#: Every name geomap's own tables use: an input column of one of these names is kept as ``input_<name>``.
_OWN = frozenset(EVENTS) | frozenset(INCIDENTS) | frozenset(UNLOCATED) | frozenset(MENTIONS)
#: geomap's columns that hold the input's column of the same name as read: not repeated.
_AS_READ = frozenset({"title", "text"})


def passthrough_name(column: str) -> str:
    """The name an input table's column has in geomap's tables: its own, or ``input_<name>`` when geomap has
    a column of that name ("country" -> "input_country")."""
    name = str(column).strip()
    return f"input_{name}" if name in _OWN else name


def passthrough_columns(columns, mapping: dict[str, str]) -> list[tuple[str, str]]:
    """(input column, name in geomap's tables) for every column of a table that comes back (see the module
    docstring); ``mapping`` is which input column feeds which events column."""
    as_read = {source for target, source in mapping.items() if target in _AS_READ and target == str(source).strip()}
    out, seen = [], set()
    for col in columns:
        if col in as_read:
            continue
        name = passthrough_name(col)
        while name in seen:  # two columns of one name after stripping: the second gets a suffix
            name += "_"
        seen.add(name)
        out.append((col, name))
    return out
