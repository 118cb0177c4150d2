"""Read articles and event records into one ``events`` table (see :mod:`geomap.schema`).

Articles: a file or a directory of ``.txt`` / ``.md`` (first line is the title),
``.html`` / ``.htm`` (markup stripped, ``<title>`` kept), ``.jsonl`` / ``.json``
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
decoded as UTF-8, UTF-8 with BOM, then cp1252, and the table says which.
Errors name the file (and row or column) and say how to fix it.
"""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import InputFormatError
from .schema import EVENTS

__all__ = ["read_inputs", "read_articles", "read_table", "EventsRead", "SCHEMAS"]

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv", ".parquet", ".xlsx", ".xls"}
ENCODINGS = ("utf-8", "cp1252")  # after a UTF-8 byte-order mark, which _decode checks first

# Known schemas: which input column feeds which events column.  The first
# schema whose ``required`` columns are all present wins.
SCHEMAS: dict[str, dict] = {
    "acled": {
        "required": {"event_id_cnty", "notes"},
        "columns": {"source_id": "event_id_cnty", "date": "event_date", "category": "event_type",
                    "text": "notes", "place_name": "location", "country": "country", "admin1": "admin1",
                    "lat": "latitude", "lon": "longitude", "geo_precision": "geo_precision",
                    "fatalities": "fatalities", "title": "sub_event_type", "url": "source"},
    },
    "ucdp-ged": {
        "required": {"where_description", "date_start", "where_prec"},
        "columns": {"source_id": "id", "date": "date_start", "category": "type_of_violence",
                    "text": "source_headline", "place_name": "where_description", "country": "country",
                    "admin1": "adm_1",
                    "lat": "latitude", "lon": "longitude", "geo_precision": "where_prec",
                    "fatalities": "best", "title": "dyad_name", "url": "source_article"},
    },
    "generic": {
        "required": set(),
        "columns": {"source_id": ("id", "event_id", "uid", "guid", "doc_id"),
                    "date": ("date", "published", "pub_date", "datetime", "timestamp"),
                    "title": ("title", "headline"), "text": ("text", "body", "content", "notes", "description"),
                    "url": ("url", "link", "source_url"), "category": ("category", "type", "event_type"),
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


def read_inputs(paths: Iterable[str | Path], *, columns: dict[str, str] | None = None) -> EventsRead:
    """Read every input path (files, directories, ``-``) into one events table."""
    frames, notes, seen = [], [], set()
    for path in paths:
        for frame, note in _read_path(path, columns, seen):
            frames.append(frame)
            if note:
                notes.append(note)
    if not frames:
        raise InputFormatError("no input records: give article files, a directory or an event table")
    events = pd.concat(frames, ignore_index=True)[list(EVENTS)]
    events["date"], unreadable = _iso_dates(events["date"])
    if unreadable:
        notes.append(f"warning: {unreadable} records have dates that could not be read (kept as written), "
                     f"e.g. {next(d for d in events['date'] if d and not _ISO_DAY.match(d))!r}")
    clash = events["event_id"].duplicated(keep=False)
    if clash.any():  # two files with one name: name them by their full path instead
        events.loc[clash, "event_id"] = [f"{f}:{r}" for f, r in zip(events.loc[clash, "source_file"],
                                                                   events.loc[clash, "source_row"])]
    dup = events["source_id"][events["source_id"] != ""].duplicated(keep=False)
    if dup.any():
        ids = sorted(set(events.loc[dup[dup].index, "source_id"]))[:5]
        notes.append(f"warning: {int(dup.sum())} records share an id (e.g. {', '.join(ids)}); "
                     "each is kept as its own event (event_id is file:row)")
    return EventsRead(events, notes)


def read_articles(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Articles only: the events table of a set of article files or directories."""
    return read_inputs(paths).events


_OUR_OUTPUTS = re.compile(r"\.(?:incidents|mentions|unlocated)\.(?:csv|geojson|parquet)$")


def _read_path(path, columns, seen):
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        text, enc = _decode(data, "<stdin>")
        yield _frame([{"title": _first_line(text), "text": text}], "<stdin>"), None
        return
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
        for f in files:
            for frame, note in _read_path(f, columns, seen):
                # Ids name the file by its path inside the folder given: "2024/report.txt:1".
                frame["event_id"] = [f"{f.relative_to(path).as_posix()}:{r}" for r in frame["source_row"]]
                yield frame, note
        return
    key = path.resolve()
    if key in seen:
        yield _frame([], path), f"{path}: given more than once; read once"
        return
    seen.add(key)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".parquet", ".xlsx", ".xls", ".json", ".jsonl"):
        frame, note = read_table(path, columns=columns)
        yield frame, note
    elif suffix in (".html", ".htm"):
        text, enc = _decode(path.read_bytes(), str(path))
        title, body = _strip_html(text)
        yield _frame([{"title": title or path.stem, "text": body}], path), None
    else:
        text, enc = _decode(path.read_bytes(), str(path))
        if not text.strip():
            yield _frame([{"title": path.stem, "text": ""}], path), f"{path}: empty file"
            return
        yield _frame([{"title": _first_line(text), "text": text}], path), (
            f"{path}: decoded as {enc}" if enc != "utf-8" else None)


def read_table(path: str | Path, *, columns: dict[str, str] | None = None) -> tuple[pd.DataFrame, str]:
    """Read a CSV/TSV/JSON(L)/Parquet/Excel table of records; returns (events, a note on what was found)."""
    path = Path(path)
    raw, enc = _load_table(path)
    if raw.empty:
        return _frame([], path), f"{path}: no rows"
    raw.columns = [str(c).strip() for c in raw.columns]
    schema, mapping = _detect(raw, columns, path)
    rows = []
    for i, rec in enumerate(raw.to_dict("records")):
        row = {}
        for target, source in mapping.items():
            value = rec.get(source, "")
            row[target] = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
        if schema == "ucdp-ged" and row.get("category") in _UCDP_VIOLENCE:
            row["category"] = _UCDP_VIOLENCE[row["category"]]
        rows.append(row)
    note = f"{path}: {len(rows)} rows, schema {schema}" + (f", decoded as {enc}" if enc not in ("utf-8", "") else "")
    return _frame(rows, path), note


def _load_table(path: Path) -> tuple[pd.DataFrame, str]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path).astype(str), ""
        if suffix in (".xlsx", ".xls"):
            return pd.read_excel(path, dtype=str, keep_default_na=False), ""
    except ImportError as exc:
        raise InputFormatError(f"reading {suffix} files needs an extra package ({exc.name}): "
                               f"pip install {'pyarrow' if suffix == '.parquet' else 'openpyxl'}",
                               path=str(path)) from None
    except Exception as exc:  # the readers raise many types for a damaged file
        raise InputFormatError(f"cannot read the {suffix} file ({type(exc).__name__}: {exc})",
                               path=str(path)) from None
    data = path.read_bytes()
    text, enc = _decode(data, str(path))
    if not text.strip():
        return pd.DataFrame(), enc
    try:
        if suffix == ".jsonl":
            records = []
            for lineno, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputFormatError(f"not JSON ({exc.msg} at column {exc.colno})",
                                               path=str(path), line=lineno) from None
            return pd.DataFrame.from_records(records), enc
        if suffix == ".json":
            obj = json.loads(text)
            if isinstance(obj, dict):
                obj = next((v for v in obj.values() if isinstance(v, list)), [obj])
            return pd.DataFrame.from_records(obj), enc
        sep = "\t" if suffix == ".tsv" else ","
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                           on_bad_lines="error"), enc
    except InputFormatError:
        raise
    except json.JSONDecodeError as exc:
        raise InputFormatError(f"not JSON ({exc.msg})", path=str(path), line=exc.lineno) from None
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise InputFormatError(f"malformed CSV ({exc}); check the quoting and the number of columns",
                               path=str(path), line=int(line.group(1)) if line else None) from None


def _detect(raw: pd.DataFrame, columns: dict[str, str] | None, path: Path) -> tuple[str, dict[str, str]]:
    present = set(raw.columns)
    schema, mapping = "generic", {}
    for name, spec in SCHEMAS.items():
        if spec["required"] and spec["required"] <= present:
            schema = name
            mapping = {k: v for k, v in spec["columns"].items() if v in present}
            break
    else:
        lower = {c.lower(): c for c in raw.columns}
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
                f"column {source!r} (given for {target}) is not in the file; it has: {', '.join(raw.columns)}",
                path=str(path))
        mapping[target] = source
        schema = schema if schema != "generic" else "generic (with given columns)"
    has_where = "text" in mapping or "place_name" in mapping or {"lat", "lon"} <= set(mapping)
    if not has_where:
        raise InputFormatError(
            "found no column with text, a place name or coordinates. Missing: one of "
            "text/body/notes, location/place, or lat+lon. The file has: " + ", ".join(raw.columns)
            + ". Name the columns with --text-col, --place-col, --lat-col/--lon-col",
            path=str(path))
    return schema, mapping


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
_NAMED_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def _iso_dates(dates: pd.Series) -> tuple[list[str], int]:
    """Dates as ISO days where they can be read; others kept as written (and counted).

    Numeric dates with slashes are day first (14/08/2020, as ACLED writes)
    unless the values themselves show month first (a second part above 12,
    as in UCDP's 1/22/2014 12:00:00 AM); one order is used for the whole column.
    """
    import datetime as dt

    texts = [str(v).strip() for v in dates]
    parts = [m.groups() for m in map(_NUMERIC_DATE.match, texts) if m]
    month_first = any(int(g[1]) > 12 for g in parts) and not any(int(g[0]) > 12 for g in parts)
    out, bad = [], 0
    for text in texts:
        if not text or _ISO_DAY.match(text):
            out.append(text)
            continue
        day = None
        m = _NUMERIC_DATE.match(text)
        try:
            if m:
                a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
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


def _frame(rows: list[dict], path) -> pd.DataFrame:
    """The events of one file; ``event_id`` is ``<file name>:<row>`` (see read_inputs for clashes)."""
    cols = [c for c in EVENTS if c not in ("event_id", "source_file", "source_row")]
    out = pd.DataFrame([{c: row.get(c, "") for c in cols} for row in rows], columns=cols, dtype=object)
    out.insert(0, "event_id", [f"{Path(str(path)).name}:{i + 1}" for i in range(len(out))])
    out["source_file"] = str(path)
    out["source_row"] = range(1, len(out) + 1)
    return out[list(EVENTS)]


def _decode(data: bytes, where: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    for enc in ENCODINGS:
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


class _TextOnly(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def _strip_html(text: str) -> tuple[str, str]:
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    body = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    body = re.sub(r"\n\s*\n+", "\n\n", body).strip()
    return parser.title.strip(), body  # convert_charrefs already unescaped both
