"""Errors raised by geomap.

Every error geomap raises on purpose derives from :class:`GeomapError`, so a
caller (and the CLI) can catch them all in one place.  Each specific error
also inherits the built-in exception that describes it best, so code that
does not know geomap can still catch ``FileNotFoundError`` or ``ValueError``::

    GeomapError
     ├── GazetteerError
     │    ├── GazetteerMissingError   (also FileNotFoundError)
     │    └── GazetteerCorruptError   (also ValueError)
     ├── InputFormatError             (also ValueError)
     └── BrowserNotFoundError         (also FileNotFoundError)

Messages say what happened, where (file, line) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "GeomapError",
    "GazetteerError",
    "GazetteerMissingError",
    "GazetteerCorruptError",
    "InputFormatError",
    "BrowserNotFoundError",
]


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class GazetteerError(GeomapError):
    """The gazetteer index cannot be opened, built or extended."""


class GazetteerMissingError(GazetteerError, FileNotFoundError):
    """The gazetteer index file does not exist."""


class GazetteerCorruptError(GazetteerError, ValueError):
    """The gazetteer index file exists but is not a usable geomap index."""


class InputFormatError(GeomapError, ValueError):
    """An input file does not have the expected format.

    ``path`` and ``line`` (1-based) say where, when known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class BrowserNotFoundError(GeomapError, FileNotFoundError):
    """No headless Chromium or Chrome to draw a picture of a map with."""
