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
from .schema import EVENTS

__all__ = ["locate_frame", "GeomapAccessor"]


def locate_frame(df: pd.DataFrame, *, text: str | None = None, title: str | None = None,
                 date: str | None = None, id: str | None = None, place: str | None = None,
                 lat: str | None = None, lon: str | None = None, country: str | None = None,
                 geoparser: Geoparser | None = None, use_coordinates: bool = True) -> Located:
    """Locate the rows of any DataFrame, naming which columns hold what."""
    given = {"text": text, "title": title, "date": date, "source_id": id, "place_name": place,
             "lat": lat, "lon": lon, "country": country}
    missing = [c for c in given.values() if c is not None and c not in df.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r}; the frame has: {', '.join(map(str, df.columns))}")
    events = pd.DataFrame({col: [""] * len(df) for col in EVENTS})
    for target, source in given.items():
        if source is not None:
            events[target] = df[source].astype("string").fillna("").str.strip().to_numpy()
    events["event_id"] = [f"row:{i}" for i in df.index]
    events["source_file"] = "<DataFrame>"
    events["source_row"] = list(df.index)
    return locate(events, geoparser, use_coordinates=use_coordinates)


@pd.api.extensions.register_dataframe_accessor("geomap")
class GeomapAccessor:
    """``df.geomap.locate(text="notes")`` → :class:`~geomap.pipeline.Located` (four DataFrames)."""

    def __init__(self, df: pd.DataFrame):
        self._df = df

    def locate(self, **columns) -> Located:
        return locate_frame(self._df, **columns)
