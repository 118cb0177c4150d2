"""Writing tables safely: no spreadsheet formulas, no half-written files.

Tables may be written a chunk at a time (:class:`TableWriter`: CSV, GeoJSON
or Parquet), into a temporary file next to the target that is renamed into
place only when every chunk is in (:meth:`TableWriter.commit`).

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage
return, which some spreadsheets strip before looking) is run as a formula
when the CSV is opened in Excel or LibreOffice (OWASP "CSV injection").
Spreadsheets also drop a leading NUL or other control character, and
invisible format characters (U+200B, U+FEFF), and read the full-width
``＝`` as ``=``; so :func:`safe_cell` looks past those and at the NFKC form of
the first visible character.  It drops the leading control and format
characters of such text and prefixes it with an apostrophe, which
spreadsheets show as plain text.  Numbers are left alone, and so is text
that is a plain number, so ``-12.5`` stays a number.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

from .errors import GeomapError
from .schema import DATE_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

__all__ = ["safe_cell", "write_csv", "write_csv_atomic", "TableWriter", "check_writable", "temporary_beside"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_KEPT_SPACE = "\t\n\r\x0b\x0c"


def _invisible(ch: str) -> bool:
    """A control (Cc) or format (Cf) character: spreadsheets skip these before looking for a formula."""
    return unicodedata.category(ch) in ("Cc", "Cf")


def safe_cell(value):
    """Neutralise a spreadsheet formula in a text cell; other values pass unchanged."""
    if not isinstance(value, str):
        return value
    first = value[:1]
    if " " <= first <= "~" and first not in _FORMULA_START:
        return value  # most cells: a printable ASCII start, which is neither hidden nor a formula
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    lead = 0
    while lead < len(value) and _invisible(value[lead]):
        lead += 1
    first = unicodedata.normalize("NFKC", value[lead:lead + 1])[:1]
    if value.startswith(_FORMULA_START) or first in _FORMULA_START:
        return "'" + "".join(c for c in value[:lead] if c in _KEPT_SPACE) + value[lead:]
    return value


def _csv_cell(value):
    """A CSV cell: missing values (None, NaN, pd.NA) empty, text formula-safe."""
    if value is None or type(value).__name__ == "NAType" or (isinstance(value, float) and value != value):
        return ""
    return safe_cell(value)


def check_writable(path: str | Path, what: str = "the output") -> None:
    """Fail early, naming the path, when ``path`` cannot be written (before hours of work are lost).

    Makes the folder if need be and tries a temporary file in it, as the atomic writers do;
    a permission check alone would pass for root on a read-only file system.
    """
    path = Path(path)
    problem = ""
    blocker = next((p for p in (path, *path.parents) if p.exists()), None)
    if path.is_dir():
        problem = "it is a directory"
    elif blocker is not None and blocker != path and not blocker.is_dir():
        problem = f"{str(blocker)!r} is a file, not a folder"
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"):
                pass
        except OSError as exc:
            problem = f"its folder {str(path.parent)!r} cannot be written to ({exc.strerror or exc})"
    if problem:
        raise GeomapError(f"cannot write {what} {str(path)!r}: {problem}; choose another path, "
                          "or make the folder writable")


def temporary_beside(path: Path, suffix: str = ".tmp") -> tuple[int, str]:
    """(fd, name) of a new temporary file next to ``path``, named after this process: ``.NAME.PID.XXXX.tmp``.

    The stale ones a killed run left beside the same target are removed first: those
    whose process is gone (a run's temporary files live only while it does).  ``suffix``
    ``.tmp.html`` makes a page a browser still reads as HTML.
    """
    remove_stale_temporaries(path)
    return tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=suffix, dir=path.parent)


def remove_stale_temporaries(path: Path) -> None:
    """Remove ``.NAME.PID.….tmp`` (and ``.tmp.html``) files beside ``path`` whose process PID no longer runs."""
    import glob

    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        if not tmp.name.endswith((".tmp", ".tmp.html")):
            continue
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to ask: leave its files alone
        return True
    return True


def _readable(path: str) -> None:
    """mkstemp makes 0600 files; give the output the permissions a plain open() would."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_csv(file, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write a header and rows to an open text file as CSV, every text cell formula-safe."""
    writer = csv.writer(file)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])


def write_csv_atomic(path: str | Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a CSV with every text cell neutralised, via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write_csv(f, header, rows)
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _day(value):
    """An ISO day as a date for Parquet; None for anything else (the input's own date column has it)."""
    import datetime as dt

    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _missing(value) -> bool:
    return value is None or type(value).__name__ in ("NAType", "NaTType") or (
        isinstance(value, float) and math.isnan(value))


def _json_value(value):
    """A JSON value: missing values null, numpy numbers plain numbers."""
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return value.item()
    return value


def rename_into_place(tmp: str | Path, path: Path) -> Path:
    """A finished temporary file renamed to its target (readable as the user's other files are)."""
    _readable(str(tmp))
    os.replace(tmp, path)
    return path


class TableWriter:
    """One table written a chunk at a time to a temporary file, renamed into place by :meth:`commit`.

    ``fmt`` is ``csv`` (formula-safe cells), ``geojson`` (one Point feature per
    row with ``lat``/``lon``; rows without them are left out) or ``parquet``
    (column types from :mod:`geomap.schema`, the same for every chunk).
    """

    def __init__(self, path: str | Path, columns: Sequence[str], fmt: str):
        self.path, self.columns, self.fmt = Path(path), list(columns), fmt
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = temporary_beside(self.path)
        self._features = 0
        self._parquet = None
        if fmt == "parquet":
            os.close(fd)
            self._file = None
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                self.abort()
                raise GeomapError("--export parquet needs pyarrow: pip install pyarrow") from None
            import pandas as pd

            types = {c: pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else
                     pa.date32() if c in DATE_COLUMNS else pa.string() for c in self.columns}
            # pandas metadata, so that whole-number columns with gaps read back as Int64, not float
            empty = pd.DataFrame({c: pd.Series([], dtype="Int64" if c in INTEGER_COLUMNS else
                                                "float64" if c in FLOAT_COLUMNS else
                                                "datetime64[s]" if c in DATE_COLUMNS else object)
                                  for c in self.columns})
            meta = pa.Schema.from_pandas(empty, preserve_index=False).metadata
            self._schema = pa.schema([(c, types[c]) for c in self.columns], metadata=meta)
            self._parquet = pq.ParquetWriter(self._tmp, self._schema)
        else:
            self._file = os.fdopen(fd, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self._csv = csv.writer(self._file)
                self._csv.writerow([safe_cell(h) for h in self.columns])
            else:
                self._file.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, frame) -> None:
        """Append the rows of a DataFrame (its columns in this table's order; a column it lacks, as a table of
        one input lacks another's own columns, is empty)."""
        frame = frame.reindex(columns=self.columns)
        if self.fmt == "csv":
            for row in frame.itertuples(index=False, name=None):
                self._csv.writerow([_csv_cell(v) for v in row])
        elif self.fmt == "geojson":
            for rec in frame.to_dict("records"):
                lat, lon = _json_value(rec.get("lat")), _json_value(rec.get("lon"))
                if lat is None or lon is None:
                    continue
                props = {k: _json_value(v) for k, v in rec.items() if k not in ("lat", "lon")}
                feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                           "properties": props}
                self._file.write((",\n" if self._features else "")
                                 + json.dumps(feature, ensure_ascii=False, default=str, allow_nan=False))
                self._features += 1
        else:
            import pyarrow as pa

            columns = {}
            for c in self.columns:
                values = [None if _missing(v) else v for v in frame[c].tolist()]
                if c in DATE_COLUMNS:
                    values = [_day(v) for v in values]
                elif c not in INTEGER_COLUMNS and c not in FLOAT_COLUMNS:
                    values = [None if v is None else str(v) for v in values]
                columns[c] = pa.array(values, type=self._schema.field(c).type)
            self._parquet.write_table(pa.table(columns, schema=self._schema))

    def commit(self) -> Path:
        """Close the temporary file and rename it to the target."""
        self.close()
        return rename_into_place(self._tmp, self.path)

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._file is not None:
            if self.fmt == "geojson":
                self._file.write("\n]}\n")
            self._file.close()
            self._file = None

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        try:
            self.close()
        finally:
            Path(self._tmp).unlink(missing_ok=True)
