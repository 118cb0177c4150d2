"""Google Earth export (``--export kml``): one placemark per incident, one folder per category.

Google Earth shows a placemark's ``<description>`` as HTML, runs script in it and
replaces ``$[name]`` entities in it; so every field from the data is escaped twice,
for HTML (``$`` too) inside the description, then for XML like every other element.
Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE, U+FFFF) are
dropped, or the file would not open at all.

Written a chunk at a time like the other exports (:class:`geomap.export.TableWriter`):
placemarks are spooled to a temporary file and copied into their category's folder at
the end, so memory holds only their offsets, and the target is renamed into place
only when it is complete.
"""

from __future__ import annotations

import datetime
import html
import math
import os
import re
import tempfile
from array import array
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from .export import _missing, rename_into_place, temporary_beside
from .map_data import ALL_INCIDENTS, EXCERPT_CHARS, OTHER_COLOUR, PALETTE, UNCATEGORISED, excerpt, safe_url
from .schema import PRECISION_LABELS

__all__ = ["KmlWriter", "clean_text", "description_html"]

#: What XML 1.0 does not allow in a document, even escaped.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_KML_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: Extra columns each placemark carries as ExtendedData, for GIS tools that read KML as a table.
_DATA = ("event_id", "source_id", "date", "category", "fatalities", "place", "precision", "located_by", "url")
_DATA_OPEN = {key: f"<Data name={quoteattr(key)}><value>" for key in _DATA}


def clean_text(value) -> str:
    """A cell as one line of text XML can hold: missing is "", forbidden characters dropped, whitespace squashed."""
    if type(value) is not str:
        if _missing(value):
            return ""
        value = str(value)
    return " ".join(_ILLEGAL_XML.sub("", value).split())


#: The columns a placemark shows as text, cleaned once per incident.
_TEXT_FIELDS = ("title", "source_id", "event_id", "url", "date", "category", "place", "located_by")


def _fields(rec: dict) -> dict:
    """The text columns of an incident, cleaned (see :func:`clean_text`), with its name as ``name``."""
    fields = {k: clean_text(rec.get(k)) for k in _TEXT_FIELDS}
    fields["name"] = fields["title"] or fields["source_id"] or fields["event_id"] or "Incident"
    return fields


def _h(text: str) -> str:
    """Escaped for HTML, and ``$`` so that Google Earth's ``$[entity]`` replacement cannot fire."""
    return html.escape(text, quote=True).replace("$", "&#36;")


def _when(date: str) -> str:
    """A KML ``<when>`` (YYYY, YYYY-MM or YYYY-MM-DD) from an ISO date or date-time, else ""."""
    day = date[:10]
    if len(date) > 10 and date[10] not in "T ":
        return ""
    if not _KML_DATE.fullmatch(day):
        return ""
    try:
        datetime.date.fromisoformat(day if len(day) == 10 else (day + "-01-01")[:10])
    except ValueError:
        return ""
    return day


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _sentence(text: str, start, end) -> tuple[str, int, int]:
    """The popup's sentence: around the place mention when its offsets fit, else the text's start (as the map)."""
    s, e = _number(start), _number(end)
    if text and s is not None and e is not None and 0 <= s < e <= len(text):
        return excerpt(text, int(s), int(e), EXCERPT_CHARS)
    return (text[:EXCERPT_CHARS - 1] + "…" if len(text) > EXCERPT_CHARS else text), -1, -1


def description_html(rec: dict, fields: dict | None = None) -> str:
    """The popup's text as a small HTML page, every field escaped (see the module's docstring).

    ``fields``: ``rec``'s text already cleaned by :func:`_fields` (the writer has them).
    """
    fields = fields or _fields(rec)
    title = fields["name"]
    url = safe_url(fields["url"])
    parts = ['<div class="geomap-popup">']
    if url:
        parts.append(f'<h3 class="title"><a href="{_h(url)}">{_h(title)}</a></h3>')
    else:
        parts.append(f'<h3 class="title">{_h(title)}</h3>')
    meta = [fields["date"], fields["category"]]
    fatalities = _number(rec.get("fatalities"))
    if fatalities is not None and fatalities >= 0:
        meta.append(f"fatalities: {int(fatalities)}")
    if any(meta):
        parts.append(f'<p class="meta">{_h(" · ".join(m for m in meta if m))}</p>')
    raw = rec.get("text")
    raw = "" if _missing(raw) else str(raw)
    # offsets are into the text as written, so the excerpt is cut before its pieces are cleaned
    sentence, s, e = _sentence(raw, rec.get("start"), rec.get("end")) if raw.strip() else ("", -1, -1)
    if sentence:
        if s >= 0:
            body = (_h(clean_text(sentence[:s])) + (" " if sentence[s - 1:s].isspace() else "")
                    + "<b>" + _h(clean_text(sentence[s:e])) + "</b>"
                    + (" " if sentence[e:e + 1].isspace() else "") + _h(clean_text(sentence[e:])))
        else:
            body = _h(clean_text(sentence))
        parts.append(f'<blockquote class="text">{body}</blockquote>')
    place, lat, lon = fields["place"], _number(rec.get("lat")), _number(rec.get("lon"))
    where = f"{lat:.4f}, {lon:.4f}" if lat is not None and lon is not None else ""
    parts.append(f'<p class="place">{_h(" — ".join(x for x in (place, where) if x))}</p>')
    how = []
    precision = _number(rec.get("precision"))
    if precision in (1.0, 2.0, 3.0, 4.0):
        how.append(f"precision {int(precision)} ({PRECISION_LABELS[int(precision)]})")
    if fields["located_by"]:
        how.append("located by " + fields["located_by"])
    if how:
        parts.append(f'<p class="how">{_h(" · ".join(how))}</p>')
    if url:
        parts.append(f'<p class="source">Source: <a href="{_h(url)}">{_h(url)}</a></p>')
    record = fields["source_id"] or fields["event_id"]
    if record and record != title:
        parts.append(f'<p class="record">Record {_h(record)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _kml_colour(hex_rgb: str) -> str:
    """``#RRGGBB`` as KML's ``aabbggrr``, opaque."""
    return ("ff" + hex_rgb[5:7] + hex_rgb[3:5] + hex_rgb[1:3]).lower()


class KmlWriter:
    """The incidents as KML, a chunk at a time; the same ``write``/``commit``/``abort`` as a TableWriter."""

    def __init__(self, path: str | Path, columns: Sequence[str] = (), *, title: str = "geomap incidents"):
        self.path, self.columns, self.title = Path(path), list(columns), title
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._spool = tempfile.TemporaryFile(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        self._offsets: dict[str, array] = {}  # category -> offset, length, offset, length … in the spool
        self._styles: dict[str, int] = {}  # category -> its style's number (order of first sight)
        self._tmp: str | None = None
        self._end = 0  # the spool's size: where the next placemark goes

    def write(self, frame) -> None:
        """Append the incidents of a DataFrame (rows without coordinates are left out, as in GeoJSON)."""
        for rec in frame.to_dict("records"):
            lat, lon = _number(rec.get("lat")), _number(rec.get("lon"))
            if lat is None or lon is None:
                continue
            fields = _fields(rec)
            category = fields["category"] or UNCATEGORISED
            style = self._styles.setdefault(category, len(self._styles))
            when = _when(fields["date"])
            parts = [f"<Placemark><name>{escape(fields['name'])}</name>",
                     f"<description>{escape(description_html(rec, fields))}</description>"]
            if when:
                parts.append(f"<TimeStamp><when>{when}</when></TimeStamp>")
            parts.append(f"<styleUrl>#geomap-style-{style}</styleUrl><ExtendedData>")
            for key in _DATA:
                value = fields[key] if key in fields else clean_text(rec.get(key))
                if key in ("fatalities", "precision") and _number(value) is not None:
                    value = f"{_number(value):g}"
                if value:
                    parts.append(f"{_DATA_OPEN[key]}{escape(value)}</value></Data>")
            parts.append(f"</ExtendedData><Point><coordinates>{lon!r},{lat!r}</coordinates></Point></Placemark>\n")
            data = "".join(parts).encode("utf-8")
            self._spool.write(data)
            self._offsets.setdefault(category, array("q")).extend((self._end, len(data)))
            self._end += len(data)

    def close(self) -> None:
        """Write the document (styles, then one folder per category, largest first) into the temporary file."""
        if self._spool is None:
            return
        fd, self._tmp = temporary_beside(self.path)
        counts = {c: len(o) // 2 for c, o in self._offsets.items()}
        order = sorted(counts, key=lambda c: (-counts[c], c))
        with os.fdopen(fd, "wb") as out:
            out.write(('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
                       f"<Document><name>{escape(clean_text(self.title))}</name>\n").encode("utf-8"))
            # the map's colours: by frequency, and with more categories than colours the rarest grey
            coloured = len(PALETTE) if len(order) <= len(PALETTE) else len(PALETTE) - 1
            for rank, category in enumerate(order):
                colour = PALETTE[rank] if rank < coloured else OTHER_COLOUR
                out.write((f'<Style id="geomap-style-{self._styles[category]}"><IconStyle>'
                           f"<color>{_kml_colour(colour)}</color></IconStyle>"
                           "<BalloonStyle><text>$[description]</text></BalloonStyle></Style>\n").encode("utf-8"))
            for category in order:
                name = ALL_INCIDENTS if order == [UNCATEGORISED] else category
                out.write(f"<Folder><name>{escape(name)}</name>\n".encode("utf-8"))
                offsets = self._offsets[category]
                self._spool.flush()
                for k in range(0, len(offsets), 2):
                    self._spool.seek(offsets[k])
                    out.write(self._spool.read(offsets[k + 1]))
                out.write(b"</Folder>\n")
            out.write(b"</Document>\n</kml>\n")
        self._spool.close()
        self._spool = None

    def commit(self) -> Path:
        """Finish the file and rename it to the target."""
        self.close()
        return rename_into_place(self._tmp, self.path)

    def abort(self) -> None:
        """Drop the temporary files; the target is left as it was."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        if self._tmp:
            Path(self._tmp).unlink(missing_ok=True)
