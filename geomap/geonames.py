"""Readers for GeoNames' tab-separated file formats.

GeoNames publishes its data as tab-separated text with no quoting; ``csv`` or
pandas with default settings would mangle it (quote characters inside names,
the country code ``NA`` of Namibia read as missing).  These readers split on
tabs, check the column count of every line and name the file and line of any
that is wrong.

* :func:`read_geoname_rows`: the 19-column ``geoname`` table used by
  ``allCountries.txt``, ``XX.txt`` and ``citiesNNN.txt`` (plain or ``.zip``).
* :func:`read_code_table`: ``admin1CodesASCII.txt`` / ``admin2Codes.txt``.
* :func:`read_country_info`: ``countryInfo.txt``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputFormatError

__all__ = [
    "GeonameRow",
    "GEONAME_COLUMNS",
    "read_geoname_rows",
    "read_code_table",
    "read_country_info",
    "open_text_members",
]

#: The columns of GeoNames' ``geoname`` table, in file order.
GEONAME_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code",
    "admin2_code", "admin3_code", "admin4_code", "population", "elevation",
    "dem", "timezone", "modification_date",
)


@dataclass(frozen=True, slots=True)
class GeonameRow:
    """The fields of one ``geoname`` line that geomap keeps."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int


def _starts_like_zip(path: Path) -> bool:
    """Whether the file begins as a zip archive does (so that a truncated one is not read as text)."""
    with open(path, "rb") as f:
        return f.read(4) == b"PK\x03\x04"


def open_text_members(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """Yield ``(display name, text stream)`` for a file, or for each ``.txt`` in a zip.

    GeoNames zips carry a ``readme.txt`` beside the data; it is skipped.
    """
    if not zipfile.is_zipfile(path) and _starts_like_zip(path):
        raise InputFormatError("a damaged or incomplete zip archive (its end is missing: a download cut "
                               "short?); download it again", path=str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [
                m for m in archive.namelist()
                if m.lower().endswith(".txt") and not Path(m).name.lower().startswith("readme")
            ]
            if not members:
                raise InputFormatError(
                    "the zip archive holds no .txt GeoNames table", path=str(path)
                )
            for member in members:
                with archive.open(member) as raw:
                    yield f"{path}!{member}", io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as stream:
            yield str(path), stream


def _fields(line: str, expected: int, where: str, lineno: int, what: str) -> list[str] | None:
    line = line.rstrip("\r\n")
    if not line or line.startswith("#"):
        return None
    parts = line.split("\t")
    if len(parts) != expected:
        raise InputFormatError(
            f"expected {expected} tab-separated columns ({what}), found {len(parts)}. "
            "Is this the right GeoNames file, unmodified?",
            path=where,
            line=lineno,
        )
    return parts


def read_geoname_rows(path: str | Path) -> Iterator[GeonameRow]:
    """Parse a GeoNames ``geoname`` dump (19 columns), plain text or zipped."""
    path = Path(path)
    if not path.exists():
        raise InputFormatError("no such file", path=str(path))
    for where, stream in open_text_members(path):
        try:
            for lineno, line in enumerate(stream, 1):
                f = _fields(line, 19, where, lineno, "the GeoNames 'geoname' format")
                if f is None:
                    continue
                try:
                    row = GeonameRow(
                        geonameid=int(f[0]),
                        name=f[1],
                        asciiname=f[2],
                        alternatenames=tuple(a for a in f[3].split(",") if a),
                        lat=float(f[4]),
                        lon=float(f[5]),
                        feature_class=f[6],
                        feature_code=f[7],
                        country_code=f[8],
                        admin1_code=f[10],
                        admin2_code=f[11],
                        population=int(f[14] or 0),
                    )
                except ValueError as exc:
                    raise InputFormatError(
                        f"bad number in a GeoNames row ({exc})", path=where, line=lineno
                    ) from None
                if not (-90 <= row.lat <= 90 and -180 <= row.lon <= 180):
                    raise InputFormatError(
                        f"coordinates out of range: {row.lat}, {row.lon}", path=where, line=lineno
                    )
                yield row
        except UnicodeDecodeError as exc:
            raise InputFormatError(
                f"not UTF-8 text ({exc.reason} at byte {exc.start}); GeoNames dumps are UTF-8",
                path=where,
            ) from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise InputFormatError(f"a damaged zip archive ({exc}); download it again", path=where) from None


def read_code_table(path: str | Path) -> Iterator[tuple[str, str, str, int]]:
    """Parse ``admin1CodesASCII.txt`` / ``admin2Codes.txt``: (code, name, asciiname, geonameid)."""
    path = Path(path)
    with open(path, encoding="utf-8") as stream:
        for lineno, line in enumerate(stream, 1):
            f = _fields(line, 4, str(path), lineno, "code, name, asciiname, geonameid")
            if f is None:
                continue
            try:
                yield f[0], f[1], f[2], int(f[3])
            except ValueError:
                raise InputFormatError(
                    f"geonameid {f[3]!r} is not a number", path=str(path), line=lineno
                ) from None


def read_country_info(path: str | Path) -> Iterator[dict[str, str]]:
    """Parse ``countryInfo.txt`` (19 columns, ``#`` comments) into dicts."""
    keys = (
        "iso", "iso3", "iso_numeric", "fips", "name", "capital", "area", "population",
        "continent", "tld", "currency_code", "currency_name", "phone", "postal_format",
        "postal_regex", "languages", "geonameid", "neighbours", "equivalent_fips",
    )
    path = Path(path)
    with open(path, encoding="utf-8") as stream:
        for lineno, line in enumerate(stream, 1):
            f = _fields(line, len(keys), str(path), lineno, "GeoNames countryInfo")
            if f is not None:
                yield dict(zip(keys, f))
