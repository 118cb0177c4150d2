"""The incident pipeline on Dask: the same per-partition work as one process, on many.

    >>> import dask.dataframe as dd                                        # doctest: +SKIP
    >>> import geomap.dask                                                 # doctest: +SKIP
    >>> located = geomap.dask.locate(dd.read_parquet("acled/*.parquet"), text="notes")  # doctest: +SKIP
    >>> incidents, unlocated = dask.compute(located.incidents, located.unlocated)      # doctest: +SKIP

Every partition of events goes through :func:`geomap.pipeline.locate`, the
function the single-process path runs, so the tables are the same (columns
from :mod:`geomap.schema`, row for row, in the same order).  Each worker
process opens the gazetteer once (:func:`_geoparser`, cached by path) and
keeps it for every partition it is given.

The four tables of a :class:`DaskLocated` share their tasks: compute them
together (``dask.compute(a, b)``, :meth:`DaskLocated.compute`,
:meth:`DaskLocated.to_parquet`) or :meth:`~DaskLocated.persist` first, or
each one geoparses the input again.

Needs the ``dask`` extra (``pip install 'geomap[dask]'``); ``import geomap``
never imports Dask.  See ``docs/dask.md`` for running on a cluster.
"""

from __future__ import annotations

import glob
import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .errors import GazetteerMissingError, GeomapError, InputFormatError
from .schema import EVENTS, FLOAT_COLUMNS, INCIDENTS, INTEGER_COLUMNS, MENTIONS, UNLOCATED
from .tables import legacy_encoding, sniff_separator

try:
    import dask
    import dask.dataframe as dd
    from dask import delayed
except ImportError:  # pragma: no cover - the message is the point
    raise GeomapError("the Dask engine needs dask and distributed: pip install 'geomap[dask]'") from None

__all__ = ["locate", "read_events", "DaskLocated", "DaskEventsRead", "map_incidents", "MapIncidents", "connect",
           "MAX_MAP_INCIDENTS", "PARTITION_BYTES"]

#: The most markers a map page gets.  Beyond this a browser tab slows to a
#: crawl or runs out of memory (each marker carries its popup text), so
#: :func:`map_incidents` counts incidents per grid cell instead.
MAX_MAP_INCIDENTS = 200_000

#: Bytes of CSV per partition: a thousand records or more, seconds of geoparsing
#: each, so that work spreads evenly over the workers.
PARTITION_BYTES = 1_000_000

_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
_TEXT = pd.Series([""]).dtype  # pandas' own type for text: ``str`` on pandas 3, object before
# the output tables' number columns, as geomap.schema declares them for every engine and export
_FLOATS = FLOAT_COLUMNS
_INTEGERS = INTEGER_COLUMNS - {"source_row"}  # events' own row number is int64 (it has no gaps)


def _dtypes(table: str, extra: Sequence[str] = ()) -> dict:
    """The column types of one table (``events`` carries text, as read); ``extra``: the inputs' own columns
    (text), after geomap's in events, incidents and unlocated."""
    columns = {"events": EVENTS, "mentions": MENTIONS, "incidents": INCIDENTS, "unlocated": UNLOCATED}[table]
    if table != "mentions":
        columns = (*columns, *extra)
    out = {}
    for col in columns:
        if col == "source_row":
            out[col] = "int64"
        elif table != "events" and col in _FLOATS:
            out[col] = "float64"
        elif table != "events" and col in _INTEGERS:
            out[col] = "Int64"
        else:
            out[col] = _TEXT
    return out


def _cast(frame: pd.DataFrame, table: str, extra: Sequence[str] = ()) -> pd.DataFrame:
    """One table with the same column types in every partition (an empty part has no types of its own; a
    part of one file lacks another file's own columns: empty)."""
    types = _dtypes(table, extra)
    frame = frame.reindex(columns=list(types))
    for col in extra:
        if col in frame.columns and frame[col].isna().any():
            frame[col] = frame[col].astype(object).where(frame[col].notna(), "")
    return frame.astype(types).reset_index(drop=True)


def _meta(table: str, extra: Sequence[str] = ()) -> pd.DataFrame:
    return _cast(pd.DataFrame({c: [] for c in _dtypes(table, extra)}), table, extra)


# -- the per-partition work -------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _geoparser(gazetteer: str | None):
    """This process's geoparser for an index path (None: the worker's $GEOMAP_GAZETTEER or default), opened once."""
    from .gazetteer import Gazetteer
    from .geoparser import Geoparser

    try:
        return Geoparser(Gazetteer(gazetteer, build=False, progress=False))
    except GazetteerMissingError as exc:
        raise GazetteerMissingError(f"on Dask worker {socket.gethostname()} (pid {os.getpid()}): {exc}. "
                                    "Every worker needs the index at the same path (--db) or "
                                    "GEOMAP_GAZETTEER set; see docs/dask.md") from None


def _locate_part(events: pd.DataFrame, gazetteer: str | None, options: dict) -> tuple:
    """:func:`geomap.pipeline.locate` on one partition: (mentions, incidents, unlocated)."""
    from .pipeline import locate as locate_local

    located = locate_local(events.reset_index(drop=True), _geoparser(gazetteer), **options)
    extra = _extra(events)
    return (_cast(located.mentions, "mentions"), _cast(located.incidents, "incidents", extra),
            _cast(located.unlocated, "unlocated", extra))


def _extra(frame) -> list[str]:
    """The inputs' own columns of an events frame (those after geomap's)."""
    return [c for c in frame.columns if c not in _EVENT_COLUMNS]


_EVENT_COLUMNS = frozenset(EVENTS)


@dataclass
class DaskLocated:
    """The four tables of a run, as Dask frames (see :class:`geomap.pipeline.Located`)."""

    events: dd.DataFrame
    mentions: dd.DataFrame
    incidents: dd.DataFrame
    unlocated: dd.DataFrame

    _TABLES = ("events", "mentions", "incidents", "unlocated")

    def persist(self) -> "DaskLocated":
        """The result tables held in the cluster's memory: later steps do not geoparse again.

        ``events`` stays lazy (its count is that of incidents plus unlocated).
        """
        return DaskLocated(self.events, *dask.persist(self.mentions, self.incidents, self.unlocated))

    def compute(self):
        """All four tables as pandas (one pass), a :class:`geomap.pipeline.Located`."""
        from .pipeline import Located

        frames = dask.compute(*(getattr(self, t) for t in self._TABLES))
        return Located(*(f.reset_index(drop=True) for f in frames))

    def counts(self) -> dict:
        """Small figures for a summary: records, incidents, incidents located by (how, precision), unlocated
        records by reason.  With ``--incidents each`` a record may have several incidents: it counts once
        among the records (by its first incident, ``incident_no`` 1)."""
        by, firsts, reasons = dask.compute(
            [delayed(_value_counts)(p, ["located_by", "precision"]) for p in self.incidents.to_delayed()],
            [delayed(_first_incidents)(p) for p in self.incidents.to_delayed()],
            [delayed(_value_counts)(p, ["reason"]) for p in self.unlocated.to_delayed()])
        by = pd.concat(by).groupby(level=list(range(2))).sum().sort_index() if by else pd.Series()
        reasons = pd.concat(reasons).groupby(level=0).sum() if reasons else pd.Series()
        # Every event is in exactly one of incidents (by its first incident) and unlocated.
        return {"events": int(sum(firsts)) + int(reasons.sum()), "incidents": int(by.sum()),
                "located": {k: int(v) for k, v in by.items() if v},
                "unlocated": {k: int(v) for k, v in reasons.sort_values(ascending=False, kind="stable").items()
                              if v}}

    def summary(self) -> str:
        """The same text as :meth:`geomap.pipeline.Located.summary`."""
        from .stream import summary_text

        c = self.counts()
        return summary_text(c["events"], c["incidents"], c["located"].items(), c["unlocated"].items())

    def warnings(self) -> list[str]:
        """The lines the single-process run prints about its records' warnings (see
        :meth:`geomap.stream.Tally.warnings`): how many of each kind, the first five records."""
        from .stream import Tally, record_warnings

        tally = Tally()
        for part in dask.compute(*[delayed(record_warnings)(p) for p in self.incidents.to_delayed()]):
            tally.add_warnings(part)
        return tally.warnings()

    def writes(self, stem: str | Path, formats: Sequence[str] = ("parquet",),
               tables: Sequence[str] = ("incidents", "mentions", "unlocated")) -> tuple[list[Path], list]:
        """(the folders, the delayed writes) of ``<stem>.<table>.<format>/part.00000.<format>`` ….

        One part per partition, each written atomically; computed together,
        each partition is located once and its three tables written as soon
        as it is (memory stays bounded).  Folders are emptied of old parts first.
        """
        paths, writes = [], []
        for fmt in formats:
            if fmt not in ("parquet", "csv"):
                raise ValueError(f"cannot write {fmt!r} parts; choose parquet or csv")
            for name in tables:
                path = Path(f"{stem}.{name}.{fmt}")
                path.mkdir(parents=True, exist_ok=True)
                for old in path.glob(f"part.*.{fmt}"):
                    old.unlink()
                # part.00000 …: file-name order is row order for readers that sort names (pandas, pyarrow).
                writes += [delayed(_write_part, pure=False)(part, path / f"part.{i:05d}.{fmt}")
                           for i, part in enumerate(getattr(self, name).to_delayed())]
                paths.append(path)
        return paths, writes

    def to_parquet(self, stem: str | Path, tables: Sequence[str] = ("incidents", "mentions", "unlocated"),
                   ) -> list[Path]:
        """Write ``<stem>.incidents.parquet/`` … as folders of parts (one per partition), in one pass."""
        paths, writes = self.writes(stem, ("parquet",), tables)
        dask.compute(*writes)
        return paths

    def to_csv(self, stem: str | Path, tables: Sequence[str] = ("incidents", "mentions", "unlocated")) -> list[Path]:
        """Write ``<stem>.incidents.csv/part.00000.csv`` …: formula-safe CSV parts, one per partition, in one pass."""
        paths, writes = self.writes(stem, ("csv",), tables)
        dask.compute(*writes)
        return paths


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    """One part, via a temporary file and a rename: CSV formula-safe (see :mod:`geomap.export`), or Parquet."""
    from .export import write_csv_atomic

    if path.suffix == ".csv":
        write_csv_atomic(path, list(frame.columns), frame.itertuples(index=False, name=None))
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _first_incidents(frame: pd.DataFrame) -> int:
    """How many records the incidents of one partition belong to (one first incident each)."""
    return int((pd.to_numeric(frame["incident_no"], errors="coerce").fillna(1) == 1).sum()) if len(frame) else 0


def _value_counts(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    return frame.groupby(columns).size() if len(columns) > 1 else frame[columns[0]].value_counts()


def locate(frame: dd.DataFrame, *, text: str | None = None, title: str | None = None, date: str | None = None,
           id: str | None = None, place: str | None = None, lat: str | None = None, lon: str | None = None,
           country: str | None = None, gazetteer: str | Path | None = None, use_coordinates: bool = True,
           use_place_names: bool = True, use_record_context: bool = True, check: bool = False,
           incidents: str = "one", area: str = "") -> DaskLocated:
    """Locate every row of a Dask frame; the tables of :func:`geomap.pipeline.locate`, as Dask frames.

    Name the columns that hold what (``text="notes"``), as with
    ``df.geomap.locate``; or give no names and a frame that already has the
    ``events`` columns (:func:`read_events` makes one from CSV/Parquet files).
    ``gazetteer``: the index path as the *workers* see it; None uses each
    worker's ``$GEOMAP_GAZETTEER`` or default index (never built on a worker).
    ``area``: the country or region the texts come from, as in :func:`geomap.pipeline.locate`.
    Nothing runs until the tables are computed.
    """
    given = {"text": text, "title": title, "date": date, "source_id": id, "place_name": place,
             "lat": lat, "lon": lon, "country": country}
    if any(v is not None for v in given.values()):
        missing = [c for c in given.values() if c is not None and c not in frame.columns]
        if missing:
            raise KeyError(f"no column {missing[0]!r}; the frame has: {', '.join(map(str, frame.columns))}")
        events = _events_from_columns(frame, {k: v for k, v in given.items() if v is not None})
    else:
        absent = [c for c in EVENTS if c not in frame.columns]
        if absent:
            raise InputFormatError(
                f"the frame lacks the events columns {', '.join(absent)}; name the columns that hold the text, "
                "place or coordinates (locate(ddf, text='notes')), or read files with geomap.dask.read_events")
        events = frame[list(EVENTS) + _extra(frame)]
    extra = _extra(events)
    options = {"use_coordinates": use_coordinates, "use_place_names": use_place_names,
               "use_record_context": use_record_context, "check": check, "incidents": incidents, "area": area}
    path = None if gazetteer is None else str(gazetteer)
    parts = [delayed(_locate_part, pure=True)(p, path, options) for p in events.to_delayed()]
    tables = [dd.from_delayed([p[i] for p in parts], meta=_meta(name, extra), verify_meta=False)
              for i, name in enumerate(("mentions", "incidents", "unlocated"))]
    return DaskLocated(events, *tables)


def _events_from_columns(frame: dd.DataFrame, given: dict[str, str]) -> dd.DataFrame:
    """The events table of any frame, as ``df.geomap.locate`` makes it: ids ``row:<index>``."""
    if frame.known_divisions:
        parts = [delayed(_events_part_from_columns)(p, given, None) for p in frame.to_delayed()]
    else:  # each partition's index restarts at 0: number the rows by position instead
        lengths = dask.compute(*(delayed(len)(p) for p in frame.to_delayed()))
        starts = [0, *accumulate(lengths)][:-1]
        parts = [delayed(_events_part_from_columns)(p, given, s) for p, s in zip(frame.to_delayed(), starts)]
    return dd.from_delayed(parts, meta=_meta("events"), verify_meta=False)


def _events_part_from_columns(df: pd.DataFrame, given: dict[str, str], start: int | None) -> pd.DataFrame:
    from .events import events_from_frame

    index = None if start is None else range(start, start + len(df))
    return _cast(events_from_frame(df, given, index), "events")


# -- reading ------------------------------------------------------------------------------------------------------

@dataclass
class DaskEventsRead:
    """What was read: a Dask events table and notes for the user (schema of each file)."""

    events: dd.DataFrame
    notes: list[str] = field(default_factory=list)


def read_events(paths: Iterable[str | Path], *, columns: dict[str, str] | None = None,
                blocksize: int = PARTITION_BYTES, encoding: str | None = None,
                sep: str | None = None) -> DaskEventsRead:
    """Read CSV/TSV/Parquet tables (globs allowed) into a Dask ``events`` frame, as ``read_inputs`` would.

    Schema detection (ACLED, UCDP GED, generic, ``columns`` given) is
    :mod:`geomap.events`' own, on each file's columns; ids are
    ``<file name>:<row>`` and dates ISO days, as on the single-process path.
    Other inputs (article files, folders, JSON, Excel, ``-``) are read by
    :func:`geomap.events.read_inputs` here and spread over partitions.
    ``<name>.parquet`` folders (as :meth:`DaskLocated.to_parquet` writes) are read as one table.
    Reading counts each file's rows first (one pass without geoparsing) to number them.
    """
    from .events import month_first as one_order
    from .events import plan_table, read_inputs

    tables, others = [], []
    for given in paths:
        given = str(given)
        if any(ch in given for ch in "*?["):
            found = sorted(glob.glob(given, recursive=True))
            if not found:
                raise InputFormatError("no file matches this pattern", path=given)
        else:
            found = [given]
        for name in found:
            p = Path(name)
            if p.suffix.lower() in (*_TABLE_SUFFIXES, ".parquet"):
                if not p.exists():
                    raise InputFormatError("no such file or directory", path=name)
                tables.append(p)
            else:
                others.append(name)
    frames, notes, plans = [], [], []
    if tables:
        raws = [_read_raw(p, blocksize, encoding, sep) for p in tables]
        names = [p.name for p in tables]
        for p, (raw, enc) in zip(tables, raws):
            if raw is None:
                notes.append(f"{p}: no rows")
                continue
            plan = plan_table(raw._meta.rename(columns=lambda c: str(c).strip()).columns, columns, p)
            plans.append((p, raw, enc, plan))
        # One pass over every table: rows per partition (to number them) and how its dates are written.
        stats = dask.compute(*[[delayed(_stats)(part, plan.mapping.get("date"), p.suffix.lower() == ".parquet")
                                for part in raw.to_delayed()] for p, raw, enc, plan in plans])
    # the inputs' own columns, the union over files in order (articles and other files read here have theirs)
    read = read_inputs(others, columns=columns, encoding=encoding, sep=sep) if others else None
    extra = list(dict.fromkeys([name for *_, plan in plans for _, name in plan.passthrough]
                               + (_extra(read.events) if read is not None else [])))
    if tables:
        for (p, raw, enc, plan), file_stats in zip(plans, stats):
            clash = names.count(p.name) > 1
            starts = [0, *accumulate(s[0] for s in file_stats)][:-1]
            month_first = one_order(s[1] for s in file_stats)  # one day/month order per file, as read_inputs
            parts = [delayed(_events_part)(part, plan, str(p), clash, start, month_first, extra)
                     for part, start in zip(raw.to_delayed(), starts)]
            frames.append(dd.from_delayed(parts, meta=_meta("events", extra), verify_meta=False))
            rows = sum(s[0] for s in file_stats)
            notes.append(f"{p}: {rows} rows, schema {plan.schema}" + (f", decoded as {enc}" if enc != "utf-8" else ""))
    if others:
        notes += read.notes
        local = _cast(read.events, "events", extra)
        frames.append(dd.from_pandas(local, npartitions=max(1, len(local) // 5_000)))
    if not frames:
        raise InputFormatError("no input records: give CSV or Parquet tables (globs allowed), or article files")
    events = frames[0] if len(frames) == 1 else dd.concat(frames, ignore_index=True)
    return DaskEventsRead(events, notes)


def _read_raw(path: Path, blocksize: int, encoding: str | None = None, sep: str | None = None):
    """(a Dask frame of the file's cells as text, its encoding); (None, "") for an empty file."""
    if path.suffix.lower() == ".parquet":
        try:
            raw = dd.read_parquet(path)
        except ImportError as exc:
            raise InputFormatError(f"reading .parquet files needs pyarrow ({exc.name}): pip install pyarrow",
                                   path=str(path)) from None
        except Exception as exc:  # the readers raise many types for a damaged file
            raise InputFormatError(f"cannot read the .parquet file ({type(exc).__name__}: {exc})",
                                   path=str(path)) from None
        return raw, "utf-8"
    if path.stat().st_size == 0:
        return None, ""
    enc = encoding or _encoding(path)
    split = blocksize
    if _quoted_line_breaks(path):  # Dask cuts blocks at line ends: a cell with a line break would be cut in two
        split = None
    try:
        sep = sep or (_TABLE_SUFFIXES[".tsv"] if path.suffix.lower() == ".tsv" else sniff_separator(path, enc))
        raw = dd.read_csv(path, sep=sep, dtype=str, keep_default_na=False,
                          encoding=enc, blocksize=split, on_bad_lines="error")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
        raise InputFormatError(f"cannot read the table ({type(exc).__name__}: {exc})", path=str(path)) from None
    if split is None and path.stat().st_size > blocksize:  # read whole, then cut into row ranges
        raw = raw.repartition(npartitions=-(-path.stat().st_size // blocksize))
    return raw, enc


def _quoted_line_breaks(path: Path) -> bool:
    """Does a quoted cell hold a line break (an odd number of quotes before a line's end)?"""
    quotes = 0
    with open(path, "rb") as f:
        for line in f:
            quotes += line.count(b'"')
            if quotes % 2:
                return True
    return False


def _encoding(path: Path, sample: int = 1 << 20) -> str:
    """UTF-8 (with or without BOM), else the single-byte encoding :func:`geomap.tables.legacy_encoding`
    finds (cp1252, cp1251, …), as :mod:`geomap.events` decodes, judged on the first megabyte."""
    import codecs

    with open(path, "rb") as f:
        head = f.read(sample)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < sample)
        return "utf-8"
    except UnicodeDecodeError:
        return legacy_encoding(head)


def _stats(raw: pd.DataFrame, date_col: str | None, parquet: bool) -> tuple[int, tuple[bool, bool]]:
    """(rows, the :func:`geomap.events.date_order` of its dates) for one raw partition."""
    from .events import date_order

    raw = _raw_text(raw, parquet)
    if date_col is None or date_col not in raw.columns:
        return len(raw), (False, False)
    return len(raw), date_order(raw[date_col])


def _raw_text(raw: pd.DataFrame, parquet: bool) -> pd.DataFrame:
    if parquet:
        raw = raw.astype(str)  # as the single-process reader does
    return raw.rename(columns=lambda c: str(c).strip())


def _events_part(raw: pd.DataFrame, plan, path: str, clash: bool, start: int, month_first: bool,
                 extra: Sequence[str] = ()) -> pd.DataFrame:
    """One partition of a table as ``events`` rows, cell for cell as :func:`geomap.events.read_table` makes
    them (by the same :func:`geomap.events.table_events`)."""
    from .events import table_events

    where = path if clash else Path(path).name  # two files of one name: ids by full path, as read_inputs does
    events, _ = table_events(_raw_text(raw, Path(path).suffix.lower() == ".parquet"), plan, path=path,
                             id_name=where, start=start, month_first=month_first)
    return _cast(events, "events", extra)


# -- the map --------------------------------------------------------------------------------------------------------

@dataclass
class MapIncidents:
    """What goes on the map: ``incidents`` (an incidents-shaped pandas frame for
    :func:`geomap.render.incidents_map`), out of ``total``; ``cell`` (degrees)
    when they are counts per grid cell rather than single incidents."""

    incidents: pd.DataFrame
    total: int
    cell: float | None = None
    limit: int = MAX_MAP_INCIDENTS

    @property
    def note(self) -> str:
        """A sentence for the user saying what was aggregated ("" when nothing was)."""
        if self.cell is None:
            return ""
        return (f"{self.total:,} incidents are more than a browser map holds ({self.limit:,}): the map shows "
                f"{len(self.incidents):,} points, each the count of the incidents in a {self.cell:g}° grid cell; "
                "the exported tables have every incident")

    @property
    def title(self) -> str:
        return self.titled("geomap incidents")

    def titled(self, title: str) -> str:
        """``title``, followed by what was aggregated when it was."""
        if self.cell is None:
            return title
        return f"{title}: {self.total:,}, aggregated into {len(self.incidents):,} counts per {self.cell:g}° grid cell"


def map_incidents(incidents: dd.DataFrame, *, limit: int | None = None) -> MapIncidents:
    """The incidents to draw: all of them, or when more than ``limit``, one point per grid cell with its count.

    Cells are 0.01° (about 1 km) and double until at most ``limit`` remain;
    each point sits at the mean of its incidents and is named after the
    commonest place in it; its title gives the count and dates, ``fatalities`` the sum.
    ``limit`` defaults to :data:`MAX_MAP_INCIDENTS`.
    """
    limit = MAX_MAP_INCIDENTS if limit is None else limit
    n = int(incidents.shape[0].compute())
    if n <= limit:
        return MapIncidents(incidents.compute().reset_index(drop=True), n, None, limit)
    cell = 0.01
    keyed = incidents.assign(_y=(incidents["lat"] / cell).round().astype("int64"),
                             _x=(incidents["lon"] / cell).round().astype("int64"),
                             _dead=dd.to_numeric(incidents["fatalities"], errors="coerce"))
    sums = {"n": "sum", "lat": "sum", "lon": "sum", "dead": "sum", "first": "min", "last": "max", "precision": "min"}
    fine = keyed.groupby(["_y", "_x", "place"]).agg(
        n=("lat", "count"), lat=("lat", "sum"), lon=("lon", "sum"), dead=("_dead", "sum"),
        first=("date", "min"), last=("date", "max"), precision=("precision", "min"),
        split_out=1).compute().reset_index()
    while True:
        factor = round(cell / 0.01)
        fine["cy"], fine["cx"] = fine["_y"] // factor, fine["_x"] // factor
        if fine.groupby(["cy", "cx"]).ngroups <= limit:
            break
        cell *= 2
    by_place = fine.groupby(["cy", "cx", "place"], as_index=False).agg(sums)
    by_place = by_place.sort_values(["cy", "cx", "n", "place"], ascending=[True, True, False, True], kind="stable")
    cells = by_place.groupby(["cy", "cx"]).agg({**sums, "place": ["first", "size"]})
    cells.columns = [*sums, "top", "places"]
    others = by_place.groupby(["cy", "cx"]).head(11).groupby(["cy", "cx"])["place"].agg(
        lambda names: "; ".join(map(str, list(names)[1:])))
    cells = cells.join(others.rename("other_places")).reset_index()
    count = cells["n"]
    frame = pd.DataFrame({
        "event_id": [f"cell:{y * cell:.2f},{x * cell:.2f}" for y, x in zip(cells["cy"], cells["cx"])],
        # The date range goes in the title: a cell has no one date for a map's date filter.
        "title": [f"{c:,} incidents" + (f", {' to '.join(dict.fromkeys(d))}" if d else "")
                  for c, d in zip(count, ([x for x in (a, b) if isinstance(x, str) and x]
                                          for a, b in zip(cells["first"], cells["last"])))],
        "fatalities": [str(int(d)) for d in cells["dead"].fillna(0)],
        "place": [t if k == 1 else f"{t} and {k - 1:,} more places" for t, k in zip(cells["top"], cells["places"])],
        "lat": cells["lat"] / count, "lon": cells["lon"] / count, "precision": cells["precision"],
        "located_by": f"a count of the incidents in a {cell:g}° grid cell",
        "other_places": cells["other_places"], "confidence": 1.0})
    frame = frame.reindex(columns=list(INCIDENTS))
    for col in frame.columns:
        if frame[col].isna().all() and col not in _FLOATS | _INTEGERS:
            frame[col] = ""
    return MapIncidents(_cast(frame, "incidents"), n, cell, limit)


# -- the cluster --------------------------------------------------------------------------------------------------

@contextmanager
def connect(scheduler: str | None = None, workers: int = 1):
    """``with connect(...) as client``: a ``distributed.Client`` to ``scheduler``, else to a new local cluster.

    The local cluster has ``workers`` processes of one thread each (geoparsing
    holds the GIL, so processes, not threads); it is shut down on leaving.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise GeomapError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                              "'dask scheduler' and give the address it prints (tcp://HOST:8786)") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client
