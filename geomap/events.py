"""Read articles and event records into one ``events`` table (see :mod:`geomap.schema`).

Articles: a file or a directory of ``.txt`` / ``.md`` (first line is the title),
``.html`` / ``.htm`` (the main text, title, date and canonical URL of a saved
page: :mod:`geomap.webpage`), ``.jsonl`` / ``.json``
(records with ``text`` and optionally ``id``, ``title``, ``date``, ``url``) and
``.csv`` / ``.parquet`` / ``.xlsx`` tables; ``-`` reads stdin.

Event records are recognised by their columns, without flags:

* **ACLED** exports (``event_id_cnty``, ``event_date``, ``event_type``,
  ``location``, ``latitude``, ``longitude``, ``geo_precision``, ``notes``,
  ``fatalities`` …);
* **UCDP GED** (``id``, ``date_start``, ``where_description``,
  ``source_headline``, ``latitude``, ``longitude``, ``where_prec``, ``best`` …);
* **generic** tables with an id and text, a place name or coordinates
  (``id``, ``date``, ``title``, ``text``, ``url``, ``location``, ``lat``/``lon``
  or ``latitude``/``longitude``, ``category``).

``columns={"text": "body", …}`` (``--text-col body`` on the command line)
names columns explicitly when detection is not enough.  Text files are
decoded as UTF-8, UTF-8 or UTF-16 with a byte-order mark, then cp1252, and a
note says which when it is not plain UTF-8.
Errors name the file (and row or column) and say how to fix it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .errors import InputFormatError
from .reldate import calendar_day
from .schema import EVENTS, passthrough_columns
from .tables import TABLE_SUFFIXES, RawTable, _bom_encodings, check_not_wide, legacy_encoding

__all__ = ["read_inputs", "stream_inputs", "read_articles", "read_table", "with_columns", "EventsRead", "EventStream",
           "SCHEMAS", "TablePlan", "plan_table", "date_order", "month_first", "table_events", "events_from_frame"]

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv", ".parquet", ".xlsx", ".xls"}
ENCODINGS = ("utf-8", "cp1252")  # after the encoding a byte-order mark names (UTF-8 or UTF-16)

# Known schemas: which input column feeds which events column.  The first
# schema whose ``required`` columns are all present wins.
SCHEMAS: dict[str, dict] = {
    "acled": {
        "required": {"event_id_cnty", "notes"},
        "columns": {"source_id": "event_id_cnty", "date": "event_date", "category": "event_type",
                    "text": "notes", "place_name": "location", "country": "country", "admin1": "admin1",
                    "lat": "latitude", "lon": "longitude", "geo_precision": "geo_precision",
                    "fatalities": "fatalities", "title": "sub_event_type", "source": "source"},
    },
    "ucdp-ged": {
        "required": {"where_description", "date_start", "where_prec"},
        "columns": {"source_id": "id", "date": "date_start", "category": "type_of_violence",
                    "text": "source_headline", "place_name": "where_description", "country": "country",
                    "admin1": "adm_1",
                    "lat": "latitude", "lon": "longitude", "geo_precision": "where_prec",
                    "fatalities": "best", "title": "dyad_name", "source": "source_article"},
    },
    "generic": {
        "required": set(),
        "columns": {"source_id": ("id", "event_id", "uid", "guid", "doc_id"),
                    "date": ("date", "published", "pub_date", "datetime", "timestamp"),
                    "title": ("title", "headline"), "text": ("text", "body", "content", "notes", "description"),
                    "url": ("url", "link", "source_url"), "source": ("source", "publisher", "source_name"),
                    "category": ("category", "type", "event_type"),
                    "place_name": ("location", "place", "place_name", "city"), "country": ("country",),
                    "admin1": ("admin1", "state", "province", "governorate", "oblast", "region"),
                    "lat": ("lat", "latitude", "y"), "lon": ("lon", "lng", "long", "longitude", "x"),
                    "fatalities": ("fatalities", "deaths", "killed"),
                    "geo_precision": ("geo_precision", "precision")},
    },
}
_UCDP_VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}


@dataclass
class EventsRead:
    """What was read: the events table and notes for the user (schema, encoding, warnings)."""

    events: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def read_inputs(paths: Iterable[str | Path], *, records: Iterable[str | Path] = (),
                columns: dict[str, str] | None = None, encoding: str | None = None,
                sep: str | None = None) -> EventsRead:
    """Read every input path (files, directories, ``-``) into one events table.

    ``records`` are event tables to link with the articles in ``paths`` (see
    :func:`stream_inputs`).  The same rows as :func:`stream_inputs`, joined.
    """
    stream = stream_inputs(paths, records=records, columns=columns, encoding=encoding, sep=sep)
    frames = list(stream)
    events = pd.concat(frames, ignore_index=True) if frames else _frame([], _Source("", "", "article"), 0)
    return EventsRead(with_columns(events, stream.extra_columns), stream.notes)


def with_columns(events: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    """``events`` with geomap's columns, then ``extra`` (the inputs' own), empty where a table has none."""
    out = events.reindex(columns=list(EVENTS) + list(extra))
    for col in extra:
        if out[col].isna().any():
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    return out


def read_articles(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Articles only: the events table of a set of article files or directories."""
    return read_inputs(paths).events


def read_table(path: str | Path, *, columns: dict[str, str] | None = None) -> tuple[pd.DataFrame, str]:
    """Read one CSV/TSV/JSON(L)/Parquet/Excel table of records; returns (events, a note on what was found)."""
    read = read_inputs([path], columns=columns)
    return read.events, (read.notes[0] if read.notes else "")


def stream_inputs(paths: Iterable[str | Path], *, records: Iterable[str | Path] = (),
                  columns: dict[str, str] | None = None, chunksize: int | None = None,
                  encoding: str | None = None, sep: str | None = None) -> "EventStream":
    """The events of ``paths`` (and ``records``), ``chunksize`` rows of a table at a time.

    ``encoding`` and ``sep`` replace the encoding and separator sniffed from each table (the user's
    ``--encoding`` and ``--sep``).

    Files are listed, their columns detected and tables scanned once (row
    counts, the day/month order of dates, ids for linking) before any chunk
    is made, so that mistakes are reported before the long work starts.

    **Linking.** When both articles (``paths``) and event tables (``records``)
    are given, a record whose id equals an article's id (its ``id`` column,
    else the file stem of a one-article file) or whose URL equals the
    article's URL takes the article's text (after its own, if it has text),
    and its title, date and URL when it lacks them; ``linked`` names the
    article.  An article that no record links to is its own event.
    """
    notes: list[str] = []
    seen: set = set()
    sources = [s for p in paths for s in _expand(p, "article", seen, notes)]
    sources += [s for p in records for s in _expand(p, "record", seen, notes)]
    if not sources and not notes:
        raise InputFormatError("no input records: give article files, a directory or an event table")
    clash = Counter(s.id_name for s in sources)
    for s in sources:  # two files with one name: name them by their full path instead
        if clash[s.id_name] > 1:
            s.id_name = str(s.path)
    linking = any(s.role == "article" for s in sources) and any(s.role == "record" for s in sources)
    links = _Links() if linking else None
    for s in sources:
        if s.suffix in TABLE_SUFFIXES:
            note = _open_table(s, columns, links if s.role == "record" else None, encoding, sep)
            notes.append(note)
    return EventStream(sources, chunksize, links, notes)


class EventStream:
    """Events a chunk at a time: iterate over it once for DataFrames with the columns of ``EVENTS``.

    ``total`` is the number of records before linking (known up front);
    ``notes`` grows while reading (encodings, warnings at the end).
    """

    def __init__(self, sources: list["_Source"], chunksize: int | None, links: "_Links | None", notes: list[str]):
        self._sources, self._chunksize, self._links = sources, chunksize, links
        self.notes = notes
        self.total = sum(s.rows for s in sources)
        #: the input tables' own columns, in their order (the union over files), as named in geomap's tables
        self.extra_columns: list[str] = list(dict.fromkeys(name for s in sources for _, name in s.passthrough))

    def __iter__(self) -> Iterator[pd.DataFrame]:
        ids: Counter = Counter()
        bad_dates, bad_example = 0, None
        for src in self._sources:
            for frame, bad in self._frames(src):
                if bad and bad_example is None:
                    bad_example = next(d for d in frame["date"]
                                       if d and not (_ISO_DAY.match(d) and calendar_day(d) is not None))
                bad_dates += bad
                if self._links is not None:
                    frame = self._links.hold(frame, src) if src.role == "article" else self._links.attach(frame)
                ids.update(i for i in frame["source_id"] if i)
                if len(frame):
                    yield frame
        if self._links is not None:
            rest = self._links.unused()
            if len(rest):
                ids.update(i for i in rest["source_id"] if i)
                yield rest
        if bad_dates:
            self.notes.append(f"warning: {bad_dates} records have dates that could not be read (kept as written), "
                              f"e.g. {bad_example!r}")
        dups = {i: n for i, n in ids.items() if n > 1}
        if dups:
            self.notes.append(f"warning: {sum(dups.values())} records share an id (e.g. {', '.join(sorted(dups)[:5])}); "
                              "each is kept as its own event (event_id is file:row)")

    def _frames(self, src: "_Source") -> Iterator[tuple[pd.DataFrame, int]]:
        """The events of one source a block at a time, dates read, with the count of unreadable dates."""
        if src.table is not None:
            offset = 0
            for raw in src.table.chunks(self._chunksize, None):
                yield table_events(raw, src.plan, path=src.path, id_name=src.id_name, start=offset,
                                   month_first=src.month_first)
                offset += len(raw)
            return
        if src.path == "-":
            text, enc = _decode(sys.stdin.buffer.read(), "<stdin>")
            yield _dated(_frame([{"title": _first_line(text), "text": text}], src, 0))
            return
        path = Path(src.path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFormatError(f"cannot read the file ({exc.strerror})", path=str(path)) from None
        text, enc = _decode(data, str(path))
        if src.suffix in (".html", ".htm"):
            from .webpage import read_page

            page = read_page(text, where=str(path))
            if page.note:
                self.notes.append(page.note)
            yield _dated(_frame([{"title": page.title or path.stem, "text": page.text, "url": page.url,
                                  "date": page.date}], src, 0))
            return
        if not text.strip():
            self.notes.append(f"{path}: empty file")
            yield _dated(_frame([{"title": path.stem, "text": ""}], src, 0))
            return
        if enc != "utf-8":
            self.notes.append(f"{path}: decoded as {enc}")
        yield _dated(_frame([{"title": _first_line(text), "text": text}], src, 0))


@dataclass
class _Source:
    """One input file: where it is, how its events are named, and what its table holds."""

    path: Path | str  # "-" for stdin
    id_name: str      # event ids are "<id_name>:<row>"
    role: str         # "article" or "record"
    rows: int = 1
    table: RawTable | None = None
    plan: "TablePlan" = field(default_factory=lambda: TablePlan("", {}, []))
    month_first: bool = False

    @property
    def schema(self) -> str:
        return self.plan.schema

    @property
    def mapping(self) -> dict[str, str]:
        return self.plan.mapping

    @property
    def passthrough(self) -> list[tuple[str, str]]:
        return self.plan.passthrough

    @property
    def suffix(self) -> str:
        return "" if self.path == "-" else Path(self.path).suffix.lower()


_OUR_OUTPUTS = re.compile(r"\.(?:incidents|mentions|unlocated)\.(?:csv|geojson|parquet)$")


def _expand(path, role: str, seen: set, notes: list[str]) -> list[_Source]:
    """The files of one input path: itself, or the readable files of a directory."""
    if str(path) == "-":
        return [_Source("-", "<stdin>", role)]
    path = Path(path)
    if not path.exists():
        raise InputFormatError("no such file or directory", path=str(path))
    if path.is_dir():
        # Skip the tables geomap itself writes, should they sit in the folder.
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                       and not _OUR_OUTPUTS.search(p.name) and not p.name.startswith("."))
        if not files:
            raise InputFormatError(
                f"the directory holds no readable files ({', '.join(sorted(ARTICLE_SUFFIXES))})", path=str(path))
        # Ids name the file by its path inside the folder given: "2024/report.txt:1".
        return [s for f in files for s in _one_file(f, f.relative_to(path).as_posix(), role, seen, notes)]
    return _one_file(path, path.name, role, seen, notes)


def _one_file(path: Path, id_name: str, role: str, seen: set, notes: list[str]) -> list[_Source]:
    key = path.resolve()
    if key in seen:
        notes.append(f"{path}: given more than once; read once")
        return []
    seen.add(key)
    if not path.is_file() or not _readable(path):
        raise InputFormatError("cannot read the file (check its permissions)", path=str(path))
    return [_Source(path, id_name, role)]


def _readable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def _open_table(src: _Source, columns: dict[str, str] | None, links: "_Links | None", encoding: str | None = None,
                sep: str | None = None) -> str:
    """Detect the schema of a table and scan it once: rows, date order, ids for linking; returns the note."""
    src.table = table = RawTable(Path(src.path), encoding=encoding, sep=sep)
    enc = f", decoded as {table.encoding}" if table.encoding not in ("utf-8", "") else ""
    if table.suffix == ".csv" and not table.empty and table.separator != ",":
        enc += f", separated by {table.separator!r}"
    if table.empty or not table.columns:
        src.rows = 0
        return f"{src.path}: no rows" + enc
    src.plan = plan_table(table.columns, columns, src.path)
    wanted = [src.mapping[k] for k in ("date", "source_id", "url") if k in src.mapping]
    wanted = list(dict.fromkeys(wanted)) or table.columns[:1]
    rows, evidence = 0, []
    for raw in table.chunks(100_000, wanted):
        rows += len(raw)
        if "date" in src.mapping:
            evidence.append(date_order(raw[src.mapping["date"]]))
        if links is not None:
            links.want(raw[src.mapping["source_id"]] if "source_id" in src.mapping else (),
                       raw[src.mapping["url"]] if "url" in src.mapping else ())
    src.rows = rows
    src.month_first = month_first(evidence)
    warning = f"\n{table.note}" if table.note else ""
    if not rows:
        return f"{src.path}: no rows" + enc + warning
    return f"{src.path}: {rows} rows, schema {src.schema}" + enc + warning


def _cell(value) -> str:
    """A table value as text: missing values (None, NaN, NA, NaT) empty."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


# -- one table, for both engines -----------------------------------------------------------------------
# The single-process stream and the Dask engine (geomap.dask) read a table through these three, so that a
# file gives the same events cell for cell on both: which columns feed what (plan_table), the day/month
# order of its numeric dates (date_order over its blocks, then month_first), and its rows as events
# (table_events).

@dataclass(frozen=True)
class TablePlan:
    """How a table's columns feed geomap's events: its ``schema`` ("acled", "ucdp-ged", "generic" …),
    ``mapping`` (events column -> input column) and ``passthrough`` ((input column, its name in geomap's
    tables) for every column that comes back, see :func:`geomap.schema.passthrough_columns`)."""

    schema: str
    mapping: dict[str, str]
    passthrough: list[tuple[str, str]]


def plan_table(columns: Iterable[str], given: dict[str, str] | None = None, path: str | Path = "") -> TablePlan:
    """The :class:`TablePlan` of a table with these ``columns`` (``given``: columns the user named, as
    ``--text-col``); an :class:`InputFormatError` naming ``path`` when no column holds text, a place name
    or coordinates."""
    columns = [str(c) for c in columns]
    schema, mapping = _detect(columns, given, Path(path))
    return TablePlan(schema, mapping, passthrough_columns(columns, mapping))


def date_order(values: Iterable) -> tuple[bool, bool]:
    """(does a numeric date show month first, does one show day first) among ``values``: 1/22/2014 has a
    second number above 12, 22/1/2014 a first."""
    month = day = False
    for m in map(_NUMERIC_DATE.match, map(_cell, values)):
        if m:
            day = day or int(m.group(1)) > 12
            month = month or int(m.group(3)) > 12
    return month, day


def month_first(evidence: Iterable[tuple[bool, bool]]) -> bool:
    """One order for a whole file (or a whole Dask input) from its blocks' :func:`date_order`: month
    first only when some date shows it and none shows day first."""
    evidence = list(evidence)
    return any(m for m, _ in evidence) and not any(d for _, d in evidence)


def table_events(raw: pd.DataFrame, plan: TablePlan, *, path: str | Path, id_name: str, start: int = 0,
                 month_first: bool = False) -> tuple[pd.DataFrame, int]:
    """Rows of a table (``raw``, cells as read, from row ``start`` on) as events: ids
    ``<id_name>:<row>``, dates ISO days in the file's order; and how many dates could not be read."""
    rows = _map_rows(raw, plan.schema, plan.mapping, plan.passthrough)
    return _dated(_frame(rows, _Source(path, id_name, "record", plan=plan), start), month_first)


def _dated(frame: pd.DataFrame, month_first: bool = False) -> tuple[pd.DataFrame, int]:
    """``frame`` with its dates as ISO days (see :func:`_iso_dates`), and how many could not be read."""
    frame["date"], bad = _iso_dates(frame["date"], month_first=month_first)
    return frame, bad


def events_from_frame(df: pd.DataFrame, given: dict[str, str], index: Iterable | None = None) -> pd.DataFrame:
    """The events of any DataFrame whose columns the caller names (``given``: events column -> the
    frame's), as ``df.geomap.locate`` and ``geomap.dask.locate`` make them: ids ``row:<index>``
    (``index``: the rows' numbers, default the frame's index)."""
    index = list(df.index) if index is None else list(index)
    events = pd.DataFrame({col: [""] * len(df) for col in EVENTS})
    for target, source in given.items():
        events[target] = df[source].astype("string").fillna("").str.strip().to_numpy()
    events["event_id"] = [f"row:{i}" for i in index]
    events["source_file"] = "<DataFrame>"
    events["source_row"] = index
    return events


def _map_rows(raw: pd.DataFrame, schema: str, mapping: dict[str, str],
              passthrough: list[tuple[str, str]] = ()) -> list[dict]:
    """The events rows of raw table rows: geomap's columns by ``mapping``, then the input's own columns
    (``passthrough``, see :func:`geomap.schema.passthrough_columns`)."""
    rows = []
    for rec in raw.to_dict("records"):
        row = {target: _cell(rec.get(source, "")) for target, source in mapping.items()}
        if schema == "ucdp-ged" and row.get("category") in _UCDP_VIOLENCE:
            row["category"] = _UCDP_VIOLENCE[row["category"]]
        url = row.get("url")
        if url and not _WEB_ADDRESS.match(url):  # a source's name or a citation is no address: it is a source
            row["source"] = row.get("source") or url
            row["url"] = ""
        for source, name in passthrough:
            row[name] = _cell(rec.get(source, ""))
        rows.append(row)
    return rows


# a web address: with a scheme, "www.", or a bare domain with a path ("example.com/story")
_WEB_ADDRESS = re.compile(r"^(?:(?:https?|ftp)://|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*$",
                          re.IGNORECASE)


class _Links:
    """Articles held back for the records that link to them (see :func:`stream_inputs`)."""

    def __init__(self):
        self.record_ids: set[str] = set()
        self.record_urls: set[str] = set()
        self.by_id: dict[str, dict] = {}
        self.by_url: dict[str, dict] = {}
        self.held: list[dict] = []
        self.used: set[str] = set()

    def want(self, ids, urls) -> None:
        self.record_ids.update(i for i in map(_cell, ids) if i)
        self.record_urls.update(u for u in map(_url_key, map(_cell, urls)) if u)

    def hold(self, frame: pd.DataFrame, src: _Source) -> pd.DataFrame:
        """Keep back the articles some record links to; return the others."""
        one_article = src.table is None
        keep = []
        for i, art in enumerate(frame.to_dict("records")):
            key = art["source_id"] or (Path(str(src.path)).stem if one_article and src.path != "-" else "")
            url = _url_key(art["url"])
            held = False
            if key and key in self.record_ids and key not in self.by_id:
                self.by_id[key] = art
                held = True
            if url and url in self.record_urls and url not in self.by_url:
                self.by_url[url] = art
                held = True
            if held:
                self.held.append(art)
            else:
                keep.append(i)
        return frame.iloc[keep].reset_index(drop=True) if len(keep) < len(frame) else frame

    def attach(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Give each record the text of the article it links to."""
        recs = frame.to_dict("records")
        changed = False
        for rec in recs:
            art = self.by_id.get(rec["source_id"]) if rec["source_id"] else None
            if art is None and rec["url"]:
                art = self.by_url.get(_url_key(rec["url"]))
            if art is None:
                continue
            own, theirs = rec["text"] or "", art["text"] or ""
            rec["text"] = theirs if not own.strip() else (own + "\n\n" + theirs if theirs.strip() else own)
            for col in ("title", "date", "url"):
                rec[col] = rec[col] or art[col]
            rec["linked"] = art["event_id"]
            self.used.add(art["event_id"])
            changed = True
        return pd.DataFrame(recs, columns=list(EVENTS), dtype=object).astype({"source_row": "int64"}) \
            if changed else frame

    def unused(self) -> pd.DataFrame:
        """Articles held back whose record linked to another article after all: their own events."""
        rest = [a for a in self.held if a["event_id"] not in self.used]
        return pd.DataFrame(rest, columns=list(EVENTS), dtype=object).astype({"source_row": "int64"})


def _url_key(url: str) -> str:
    """A URL as a linking key: no spaces, no #fragment, no trailing slash, scheme and host in lower case."""
    url = (url or "").strip().split("#", 1)[0].rstrip("/")
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://[^/?]*)(.*)$", url)
    return m.group(1).lower() + m.group(2) if m else url


def _detect(present_columns: list[str], columns: dict[str, str] | None, path: Path) -> tuple[str, dict[str, str]]:
    present = set(present_columns)
    schema, mapping = "generic", {}
    for name, spec in SCHEMAS.items():
        if spec["required"] and spec["required"] <= present:
            schema = name
            mapping = {k: v for k, v in spec["columns"].items() if v in present}
            break
    else:
        lower = {c.lower(): c for c in present_columns}
        for target, options in SCHEMAS["generic"]["columns"].items():
            for option in options:
                if option in lower:
                    mapping[target] = lower[option]
                    break
    for target, source in (columns or {}).items():
        if target not in EVENTS:
            raise InputFormatError(f"unknown target column {target!r}; choose from {', '.join(EVENTS)}")
        if source not in present:
            raise InputFormatError(
                f"column {source!r} (given for {target}) is not in the file; it has: {', '.join(present_columns)}",
                path=str(path))
        mapping[target] = source
        schema = schema if schema != "generic" else "generic (with given columns)"
    has_where = "text" in mapping or "place_name" in mapping or {"lat", "lon"} <= set(mapping)
    if not has_where:
        glued = len(present_columns) == 1 and re.search(r"[,;\t|]", present_columns[0])
        raise InputFormatError(
            "found no column with text, a place name or coordinates. Missing: one of "
            "text/body/notes, location/place, or lat+lon. The file has: " + ", ".join(present_columns)
            + ". Name the columns with --text-col, --place-col, --lat-col/--lon-col"
            + (f" (one column named {present_columns[0]!r}: is the file's separator the one its "
               "extension says, comma for .csv and tab for .tsv?)" if glued else ""),
            path=str(path))
    return schema, mapping


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# 14/08/2020 (ACLED), 1/22/2014 12:00:00 AM (UCDP), 05.03.2024 (dotted, as much of Europe writes dates)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
_NAMED_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def _iso_dates(dates: pd.Series, month_first: bool | None = None) -> tuple[list[str], int]:
    """Dates as ISO days where they can be read; others kept as written (and counted).

    Numeric dates with slashes are day first (14/08/2020, as ACLED writes)
    unless the values themselves show month first (a second part above 12,
    as in UCDP's 1/22/2014 12:00:00 AM); one order is used for the whole column
    (of a whole file, when ``month_first`` comes from a scan of it).
    """
    import datetime as dt

    texts = [str(v).strip() for v in dates]
    if month_first is None:
        parts = [m.groups() for m in map(_NUMERIC_DATE.match, texts) if m]
        month_first = any(int(g[2]) > 12 for g in parts) and not any(int(g[0]) > 12 for g in parts)
    out, bad = [], 0
    for text in texts:
        if not text or _ISO_DAY.match(text):
            if text and calendar_day(text) is None:  # 2023-13-45, 0000-00-00: kept as written, counted
                bad += 1
            out.append(text)
            continue
        day = None
        m = _NUMERIC_DATE.match(text)
        try:
            if m:
                a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
                month, mday = (a, b) if month_first else (b, a)
                day = dt.date(year, month, mday).isoformat()
            else:
                for fmt in _NAMED_FORMATS:
                    try:
                        day = dt.datetime.strptime(text, fmt).date().isoformat()
                        break
                    except ValueError:
                        continue
                if day is None:
                    day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            day = None
        if day is None:
            bad += 1
        out.append(day or text)
    return out, bad


def _frame(rows: list[dict], src: _Source, offset: int) -> pd.DataFrame:
    """Events of one file from row ``offset`` on; ``event_id`` is ``<file name>:<row>``; the input's own
    columns after geomap's."""
    cols = [c for c in EVENTS if c not in ("event_id", "source_file", "source_row")]
    extra = [name for _, name in src.passthrough]
    out = pd.DataFrame([{c: row.get(c, "") for c in cols + extra} for row in rows], columns=cols + extra, dtype=object)
    n = len(out)
    out.insert(0, "event_id", [f"{src.id_name}:{offset + i + 1}" for i in range(n)])
    out["source_file"] = "<stdin>" if src.path == "-" else str(src.path)
    out["source_row"] = range(offset + 1, offset + n + 1)
    return out[list(EVENTS) + extra]


def _decode(data: bytes, where: str) -> tuple[str, str]:
    if not _bom_encodings(data[:4]):
        check_not_wide(data[:4096], where)
    boms = _bom_encodings(data[:4])
    for enc in boms + ENCODINGS[:1] + (() if boms else (legacy_encoding(data[:1 << 18]),)) + ENCODINGS[1:]:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputFormatError(f"cannot decode the file as {', '.join(ENCODINGS)}; convert it to UTF-8", path=where)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
