"""``df.geomap``: the pipeline as a pandas accessor, for notebook users.

    >>> import geomap.accessor                                    # doctest: +SKIP
    >>> located = df.geomap.locate(text="notes", date="event_date")  # doctest: +SKIP
    >>> located.incidents.head()                                   # doctest: +SKIP

Importing this module registers the accessor; ``geomap.accessor.locate_frame``
is the plain function behind it.
"""

from __future__ import annotations

import pandas as pd

from .geoparser import Geoparser
from .pipeline import Located, locate
from .events import events_from_frame

__all__ = ["locate_frame", "GeomapAccessor"]


def locate_frame(df: pd.DataFrame, *, text: str | None = None, title: str | None = None,
                 date: str | None = None, id: str | None = None, place: str | None = None,
                 lat: str | None = None, lon: str | None = None, country: str | None = None,
                 geoparser: Geoparser | None = None, use_coordinates: bool = True, area: str = "") -> Located:
    """Locate the rows of any DataFrame, naming which columns hold what (``area``: the country or region
    the texts come from, as in :func:`geomap.pipeline.locate`)."""
    given = {"text": text, "title": title, "date": date, "source_id": id, "place_name": place,
             "lat": lat, "lon": lon, "country": country}
    missing = [c for c in given.values() if c is not None and c not in df.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r}; the frame has: {', '.join(map(str, df.columns))}")
    events = events_from_frame(df, {k: v for k, v in given.items() if v is not None})
    return locate(events, geoparser, use_coordinates=use_coordinates, area=area)


@pd.api.extensions.register_dataframe_accessor("geomap")
class GeomapAccessor:
    """``df.geomap.locate(text="notes")`` → :class:`~geomap.pipeline.Located` (four DataFrames)."""

    def __init__(self, df: pd.DataFrame):
        self._df = df

    def locate(self, **columns) -> Located:
        return locate_frame(self._df, **columns)
