"""Event tables read a chunk at a time, so that a big file never sits in memory whole.

* CSV / TSV: ``pandas.read_csv(chunksize=…)`` on the file itself;
* JSONL: line by line, one JSON object a line;
* Parquet: record batches (``pyarrow``);
* JSON (one array) and Excel are read whole: use CSV, JSONL or Parquet for big files.

The encoding of text formats is found first, without reading the file into
memory: UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark,
else a single-byte encoding: cp1252, or cp1251, KOI8 and the like when the text
is in another script (:func:`legacy_encoding`).  A
:class:`RawTable` gives the column names up front and then its rows in
chunks, with the column names stripped of spaces; values are the file's own
(strings for CSV, JSON or Arrow values otherwise).
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Iterator

import pandas as pd

from .errors import InputFormatError
from .surrogates import surrogates_replaced, without_surrogates

__all__ = ["RawTable", "sniff_encoding", "legacy_encoding", "sniff_separator", "TABLE_SUFFIXES", "surrogates_replaced", "without_surrogates",
           "check_not_wide"]

TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".xlsx", ".xls", ".json", ".jsonl")
_TEXT_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")
_BLOCK = 1 << 20
_TOO_DEEP = ("JSON nested too deeply to read (thousands of levels of [ or {); a record is one flat object "
             "of fields: fix or remove this line")


def sniff_encoding(path: Path, given: str | None = None) -> tuple[str, bool]:
    """(the encoding that decodes the whole file, whether it holds anything but white space).

    Reads the file in blocks with incremental decoders; nothing is kept.  ``given`` (``--encoding``)
    is the only one tried; a file it does not decode is an error that says where.
    """
    if given:
        decoder = codecs.getincrementaldecoder(given)()
        content, offset = False, 0
        try:
            with open(path, "rb") as f:
                while block := f.read(_BLOCK):
                    content = content or bool(decoder.decode(block).strip())
                    offset += len(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise InputFormatError(f"not {given} text: byte {offset + exc.start} ({exc.object[exc.start:exc.start + 1]!r}) "
                                   f"cannot be decoded; check --encoding", path=str(path)) from None
        return given, content
    with open(path, "rb") as f:
        head = f.read(4096)
    boms = _bom_encodings(head)
    if not boms:
        check_not_wide(head, str(path))
    legacy = ()
    if not boms:
        with open(path, "rb") as f:
            legacy = (legacy_encoding(f.read(_SAMPLE)),)
    for enc in boms + ("utf-8",) + legacy + ("cp1252",):
        decoder = codecs.getincrementaldecoder(enc)()
        content = False
        try:
            with open(path, "rb") as f:
                while block := f.read(_BLOCK):
                    text = decoder.decode(block)
                    content = content or bool(text.strip())
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return enc, content
    raise InputFormatError("cannot decode the file as utf-8 or a single-byte encoding; convert it to UTF-8",
                           path=str(path))


#: Single-byte encodings of non-Latin scripts a table may come in (Cyrillic, Greek, Hebrew, Arabic).
NON_LATIN_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp866", "cp1253", "cp1255", "cp1256")
_SAMPLE = 1 << 18
_WORD = re.compile(r"[^\W\d_]{3,}")


def legacy_encoding(sample: bytes) -> str:
    """The single-byte encoding of bytes that are not UTF-8: cp1252, unless the text is in another script.

    Read as cp1252, Cyrillic or Arabic text comes out as words made of accented letters ("Îáñòð³ë");
    Western European text has a few accented letters inside ASCII words ("déclare").  When most words
    with such letters are made of them, charset-normalizer picks among the non-Latin encodings
    (:data:`NON_LATIN_ENCODINGS`); it is not asked to tell cp1252 from its cousins, which on short
    samples it guesses wrong.
    """
    text = sample.decode("cp1252", errors="replace")
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    foreign = sum(sum(not ch.isascii() for ch in w) * 2 > len(w) for w in words)
    if not words or foreign * 2 <= len(words):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(NON_LATIN_ENCODINGS)).best()
    return codecs.lookup(best.encoding).name if best is not None else "cp1252"


#: The separators a .csv file may use besides the comma (Excel in much of Europe writes ";").
SEPARATORS = (";", "\t", "|")


def sniff_separator(path: Path, encoding: str) -> str:
    """The separator of a .csv file, from its header line: the comma when the header holds one, else the
    one of ``;``, tab and ``|`` it holds most of (a one-column file stays comma-separated)."""
    with open(path, encoding=encoding or "utf-8", errors="replace", newline="") as f:
        header = next((line for line in f if line.strip()), "")
    if "," in header:
        return ","
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def check_not_wide(head: bytes, where: str) -> None:
    """UTF-16 or UTF-32 without a byte-order mark decodes as UTF-8 full of NULs, and then "has no column":
    say what it is instead (a NUL every second or fourth byte)."""
    if len(head) >= 8 and head.count(0) * 3 >= len(head):
        raise InputFormatError("the file looks like UTF-16 or UTF-32 text without a byte-order mark (every "
                               "other byte is NUL); save it as UTF-8", path=where)


def _bom_encodings(head: bytes) -> tuple[str, ...]:
    """The encodings a byte-order mark announces (UTF-8, or UTF-16 as Excel's "Unicode text" writes)."""
    if head.startswith(codecs.BOM_UTF8):
        return ("utf-8-sig",)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        return ("utf-32",)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    return ()


def _surrogate_note(path: Path, where: list[str]) -> str:
    return (f"{path}: warning: {len(where)} records hold a lone surrogate (a \\ud800-\\udfff escape that is "
            f"not half of a pair, e.g. {where[0]}); it is read as U+FFFD \ufffd. Fix the escapes to keep the "
            "characters")


class RawTable:
    """One table file: its encoding, column names and rows in chunks."""

    def __init__(self, path: Path, *, encoding: str | None = None, sep: str | None = None):
        """``encoding`` and ``sep`` (``--encoding``, ``--sep``) replace what would be sniffed."""
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        self.encoding, self.empty = "", False
        self._whole: pd.DataFrame | None = None
        self._surrogates: dict[str, None] = {}  # where records held lone surrogates ("line 3", "record 2")
        self._separator: str | None = sep if self.suffix in (".csv", ".tsv") else None
        if self.suffix in _TEXT_SUFFIXES:
            self.encoding, content = sniff_encoding(self.path, encoding)
            self.empty = not content
        self.columns: list[str] = [] if self.empty else self._columns()

    # -- column names ------------------------------------------------------------------

    def _columns(self) -> list[str]:
        if self.suffix in (".csv", ".tsv"):
            with self._csv_errors():
                head = pd.read_csv(self.path, sep=self._sep, dtype=str, keep_default_na=False, nrows=0,
                                   encoding=self.encoding)
            return [str(c).strip() for c in head.columns]
        if self.suffix == ".jsonl":
            seen: dict[str, None] = {}
            for _, rec in self._jsonl_records():
                seen.update(dict.fromkeys(str(k).strip() for k in rec))
            return list(seen)
        if self.suffix == ".parquet":
            pq = self._pyarrow()
            try:
                return [str(c).strip() for c in pq.ParquetFile(self.path).schema_arrow.names]
            except Exception as exc:  # pyarrow raises several types for a damaged file
                raise InputFormatError(f"cannot read the .parquet file ({type(exc).__name__}: {exc})",
                                       path=str(self.path)) from None
        return [str(c).strip() for c in self._load_whole().columns]

    @property
    def separator(self) -> str:
        """The column separator of a CSV or TSV file (sniffed from a .csv file's header)."""
        return self._sep

    @property
    def _sep(self) -> str:
        if self._separator is None:
            self._separator = "\t" if self.suffix == ".tsv" else sniff_separator(self.path, self.encoding)
        return self._separator

    # -- rows --------------------------------------------------------------------------

    def chunks(self, size: int | None = None, usecols: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """The rows, ``size`` at a time (all at once when None), only ``usecols`` when given."""
        if self.empty:
            return
        size = size or None
        if self.suffix in (".csv", ".tsv"):
            yield from self._csv_chunks(size, usecols)
        elif self.suffix == ".jsonl":
            yield from self._jsonl_chunks(size, usecols)
        elif self.suffix == ".parquet":
            yield from self._parquet_chunks(size, usecols)
        else:
            whole = self._load_whole()
            if usecols is not None:
                whole = whole[usecols]
            step = size or max(len(whole), 1)
            for i in range(0, len(whole), step):
                yield whole.iloc[i:i + step].reset_index(drop=True)

    def _csv_chunks(self, size, usecols):
        index = None if usecols is None else [self.columns.index(c) for c in usecols]
        with self._csv_errors():
            reader = pd.read_csv(self.path, sep=self._sep, dtype=str, keep_default_na=False, encoding=self.encoding,
                                 on_bad_lines="error", usecols=index, chunksize=size or 100_000)
            with reader:
                for chunk in reader:
                    if index is None:
                        chunk.columns = self.columns
                    else:  # usecols keeps the file's order; give the names asked for
                        chunk.columns = [self.columns[i] for i in sorted(index)]
                        chunk = chunk[usecols]
                    yield chunk
        # without a chunk size the reader above still yields 100,000 rows at a time; callers join them

    def _jsonl_records(self):
        with open(self.path, encoding=self.encoding, newline=None) as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputFormatError(f"not JSON ({exc.msg} at column {exc.colno})",
                                           path=str(self.path), line=lineno) from None
                except RecursionError:
                    raise InputFormatError(_TOO_DEEP, path=str(self.path), line=lineno) from None
                if not isinstance(rec, dict):
                    raise InputFormatError(f"expected one JSON object a line, found {type(rec).__name__}",
                                           path=str(self.path), line=lineno)
                rec, fixed = without_surrogates(rec)
                if fixed:
                    self._surrogates[f"line {lineno}"] = None
                yield lineno, rec

    @property
    def note(self) -> str:
        """A warning about what was read otherwise than written (lone surrogates), or ""."""
        return _surrogate_note(self.path, list(self._surrogates)) if self._surrogates else ""

    def _jsonl_chunks(self, size, usecols):
        cols = usecols if usecols is not None else self.columns
        batch: list[dict] = []
        for _, rec in self._jsonl_records():
            batch.append({str(k).strip(): v for k, v in rec.items()})
            if size and len(batch) >= size:
                yield _objects(batch, cols)
                batch = []
        if batch:
            yield _objects(batch, cols)

    def _parquet_chunks(self, size, usecols):
        pq = self._pyarrow()
        try:
            f = pq.ParquetFile(self.path)
            names = f.schema_arrow.names
            wanted = None if usecols is None else [names[self.columns.index(c)] for c in usecols]
            for batch in f.iter_batches(batch_size=size or 65_536, columns=wanted):
                # Python values, not pandas' per-batch dtypes: an integer column with a gap in one
                # batch would otherwise read 7.0 there and 7 elsewhere.
                names = usecols if usecols is not None else self.columns
                yield pd.DataFrame(dict(zip(range(len(names)), (c.to_pylist() for c in batch.columns))),
                                   dtype=object).set_axis(names, axis=1)
        except InputFormatError:
            raise
        except Exception as exc:
            raise InputFormatError(f"cannot read the .parquet file ({type(exc).__name__}: {exc})",
                                   path=str(self.path)) from None

    def _pyarrow(self):
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise InputFormatError("reading .parquet files needs an extra package (pyarrow): pip install pyarrow",
                                   path=str(self.path)) from None
        return pq

    def _load_whole(self) -> pd.DataFrame:
        """JSON (one array or an object holding one) and Excel: read whole."""
        if self._whole is not None:
            return self._whole
        try:
            if self.suffix == ".json":
                with open(self.path, encoding=self.encoding) as f:
                    obj = json.load(f)
                if isinstance(obj, dict):
                    obj = next((v for v in obj.values() if isinstance(v, list)), [obj])
                if not isinstance(obj, list) or not all(isinstance(r, dict) for r in obj):
                    raise InputFormatError("expected a JSON array of objects (records)", path=str(self.path))
                obj = [self._json_record(i, r) for i, r in enumerate(obj, 1)]
                frame = _objects(obj, None)
            else:
                frame = pd.read_excel(self.path, dtype=str, keep_default_na=False)
        except InputFormatError:
            raise
        except json.JSONDecodeError as exc:
            raise InputFormatError(f"not JSON ({exc.msg} at column {exc.colno})", path=str(self.path),
                                   line=exc.lineno) from None
        except RecursionError:
            raise InputFormatError(_TOO_DEEP, path=str(self.path)) from None
        except ImportError as exc:
            raise InputFormatError(f"reading {self.suffix} files needs an extra package ({exc.name}): "
                                   "pip install openpyxl", path=str(self.path)) from None
        except Exception as exc:  # the readers raise many types for a damaged file
            raise InputFormatError(f"cannot read the {self.suffix} file ({type(exc).__name__}: {exc})",
                                   path=str(self.path)) from None
        frame.columns = [str(c).strip() for c in frame.columns]
        self._whole = frame
        return frame

    def _json_record(self, number: int, record: dict) -> dict:
        record, fixed = without_surrogates(record)
        if fixed:
            self._surrogates[f"record {number}"] = None
        return record

    def _csv_errors(self):
        return _CsvErrors(self.path)


def _objects(records: list[dict], columns: list[str] | None) -> pd.DataFrame:
    """Records as a frame of the values as given (no dtype guessed: 7 stays 7, not 7.0 next to a gap)."""
    return pd.DataFrame(records, columns=columns, dtype=object)


class _CsvErrors:
    """Turn pandas' CSV errors into InputFormatError naming the file and line."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or isinstance(exc, (InputFormatError, GeneratorExit)):
            return False
        if isinstance(exc, pd.errors.EmptyDataError):
            raise InputFormatError("no columns: the file is empty or holds only blank lines",
                                   path=str(self.path)) from None
        if isinstance(exc, UnicodeError):
            raise InputFormatError(f"cannot decode the file ({exc}); convert it to UTF-8", path=str(self.path)) from None
        if isinstance(exc, pd.errors.ParserError):
            line = re.search(r"line (\d+)", str(exc))
            raise InputFormatError(f"malformed CSV ({exc}); check the quoting and the number of columns",
                                   path=str(self.path), line=int(line.group(1)) if line else None) from None
        return False
