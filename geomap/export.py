"""Writing tables safely: no spreadsheet formulas, no half-written files.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage
return, which some spreadsheets strip before looking) is run as a formula
when the CSV is opened in Excel or LibreOffice (OWASP "CSV injection").
:func:`safe_cell` prefixes such text with an apostrophe, which spreadsheets
show as plain text.  Numbers are left alone, so ``-12.5`` stays a number.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["safe_cell", "write_csv_atomic"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise a spreadsheet formula in a text cell; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cell(value):
    """A CSV cell: missing values (None, NaN, pd.NA) empty, text formula-safe."""
    if value is None or type(value).__name__ == "NAType" or (isinstance(value, float) and value != value):
        return ""
    return safe_cell(value)


def _readable(path: str) -> None:
    """mkstemp makes 0600 files; give the output the permissions a plain open() would."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_csv_atomic(path: str | Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a CSV with every text cell neutralised, via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([safe_cell(h) for h in header])
            for row in rows:
                writer.writerow([_csv_cell(v) for v in row])
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
