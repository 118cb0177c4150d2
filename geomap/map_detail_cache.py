"""A cache, beside the gazetteer index, of the map detail derived from it for one box.

Deriving a box's towns, first-level borders and region outlines from the
gazetteer (:mod:`geomap.map_detail`) takes more than a second for a
country-sized box: the places read from an index that has no spatial index,
the nearest-place grid, its edges chained and smoothed into lines.  It depends
only on the index and the box, and the same region is mapped again and again,
so the result is kept in ``<index>.detail/`` (``gazetteer-v9.detail/`` beside
``gazetteer-v9.sqlite``), one ``.npz`` file per box, and beside it one small file per
region outline, added as incidents first need them (so an entry is never rewritten).

An entry's name is a digest of everything the result depends on: the index
(its ``meta`` table — schema version, build time, last import — and the
file's size and modification time, so a rebuilt or imported-into index is a
miss), the box, and what the caller adds (the derivation's parameters).  An
unreadable entry is a miss; a directory that cannot be written means no cache,
never an error.  At most :data:`MAX_ENTRIES` are kept, the least recently used
go first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["MAX_ENTRIES", "index_meta", "entry_path", "read", "write", "add_outlines"]

#: Entries kept per index (each is about 2.5 MB for a country-sized box, outlines included).
MAX_ENTRIES = 32


def index_meta(path: Path) -> dict[str, str] | None:
    """The ``meta`` table of the index at ``path`` (read-only), or None when it cannot be read."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None


def entry_path(index: Path, meta: dict[str, str], box, extra: Any) -> Path | None:
    """Where the entry for ``box`` of the index at ``index`` lives, or None when the index cannot be read."""
    try:
        stat = index.stat()
    except OSError:
        return None
    key = json.dumps([sorted(meta.items()), stat.st_size, stat.st_mtime_ns, [round(v, 6) for v in box], extra],
                     sort_keys=True, default=str)
    return index.with_name(index.stem + ".detail") / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".npz")


def read(path: Path | None) -> tuple[dict, np.ndarray] | None:
    """An entry's (data, grid labels), or None when there is none or it cannot be read.  ``data["outlines"]``
    holds the outlines stored so far (:func:`add_outlines`), by label."""
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as npz:
            data, labels = json.loads(npz["data"].tobytes()), npz["labels"]
        prefix = _outline_prefix(path)
        data["outlines"] = {f.name[len(prefix):-len(".json")]: json.loads(f.read_bytes())
                            for f in path.parent.glob(prefix + "*.json")}
        os.utime(path)  # recently used: pruned last
        return data, labels
    except Exception:  # noqa: BLE001 - missing, half-written by an older geomap, corrupt: all a miss
        return None


def write(path: Path | None, data: dict, labels: np.ndarray) -> None:
    """Store an entry, its ``data["outlines"]`` each in a file of its own; errors are ignored."""
    if path is None:
        return
    base = {k: v for k, v in data.items() if k != "outlines"}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(base, separators=(",", ":")).encode("utf-8")
        with _replacing(path) as f:
            np.savez(f, data=np.frombuffer(text, dtype=np.uint8), labels=labels)  # UTF-8: a quarter of a str array
        _prune(path.parent)
    except OSError:
        return
    add_outlines(path, data.get("outlines", {}))


def add_outlines(path: Path | None, outlines: dict[str, Any]) -> None:
    """Store more outlines of an entry, one small file each, so that an entry is never rewritten whole."""
    if path is None:
        return
    try:
        for label, rings in outlines.items():
            with _replacing(path.with_name(f"{_outline_prefix(path)}{label}.json")) as f:
                f.write(json.dumps(rings, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass


def _outline_prefix(path: Path) -> str:
    return f"{path.stem}.outline-"


@contextmanager
def _replacing(path: Path):
    """A file to write that replaces ``path`` when done (a temporary one and a rename, so that a reader
    never sees half of it); removed if the writing fails.  The temporary file is the exports' own
    (:func:`geomap.export.temporary_beside`), so one a killed run left is removed by the next."""
    from .export import temporary_beside

    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
        for outline in folder.glob(_outline_prefix(old) + "*.json"):
            outline.unlink(missing_ok=True)
