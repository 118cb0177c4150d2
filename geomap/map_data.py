"""The data of an incident map: tables → one compact JSON payload for the page.

The page builds its markers, popups, legend and filters from this payload in
the browser (see ``assets/incidents_map.js``).  Data never becomes HTML on the
Python side: the page puts every string into the DOM as text, so a hostile
title or note cannot become markup.  The payload is column-oriented, with
repeated strings (places, dates, categories) stored once, which is what keeps
100,000 incidents within a few megabytes per text column.

No folium here; :mod:`geomap.render` puts the payload into the map.
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from typing import Any

import pandas as pd

from .reldate import calendar_day
from .schema import PRECISION_LABELS

__all__ = ["PALETTE", "MAX_CATEGORIES", "EXCERPT_CHARS", "SEARCH_TEXT_CHARS", "PACKED_TYPE", "incidents_payload", "page_text", "mentions_payload",
           "excerpt", "safe_url", "script_json", "pack", "unpack"]

#: Okabe–Ito colours (distinguishable with colour-blindness), then a few more; grey is "other".
PALETTE = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#F0E442",
           "#11A579", "#3969AC", "#E73F74", "#80BA5A")
OTHER_COLOUR = "#7F7F7F"
#: More categories than this share one "other" layer, so the layer control stays usable.
MAX_CATEGORIES = len(PALETTE)
UNCATEGORISED = "Uncategorised"
#: The one category's name when no record has a category (articles, say).
ALL_INCIDENTS = "Incidents"
OTHER_CATEGORIES = "(other categories)"
#: The popup shows at most this much of the sentence around the place mention.
EXCERPT_CHARS = 240
#: A text up to this long goes into the page whole, so that the search box finds words outside the
#: popup's sentence ("Russian forces" in an ACLED note); a longer one (an article) only as its sentence,
#: which keeps 100,000 incidents within the page-size budget.
SEARCH_TEXT_CHARS = 1000
#: Columns whose text names the actors of an incident, in the order they are joined: an ``actors``
#: column, or ACLED's and UCDP GED's own when a table keeps them.
ACTOR_COLUMNS = ("actors", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "side_a", "side_b")

_NOT_FOUND = 1 << 62  # str.find's -1 modulo this is larger than any text: min() passes over it


def _squash(part: str) -> str:
    """Whitespace runs as single spaces, none at the ends."""
    # Most texts are clean already, and these scans in C cost a tenth of splitting and joining them.
    # isprintable() is False for every white space character but the ASCII space, so a printable part
    # with no double space has single spaces only, and squashing it only strips its ends (as excerpt()'s
    # parts around a mention need, every time).
    if part.isprintable() and "  " not in part:
        return part.strip(" ")
    return " ".join(part.split())
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SAFE_URL = re.compile(r"(?i)^https?://[^\s<>\"']+$")


def excerpt(text: str, start: int, end: int, limit: int = EXCERPT_CHARS) -> tuple[str, int, int]:
    """The sentence around ``text[start:end]``, at most ``limit`` characters, and the mention's offsets in it.

    Whitespace runs become single spaces.  A long sentence is cut around the
    mention, with "…" where it was cut.

    >>> excerpt("Rain. Shelling hit al-Bab today. Calm.", 19, 25)
    ('Shelling hit al-Bab today.', 13, 19)
    """
    return _excerpt(text, start, end, limit, _squash(text) == text)


def _excerpt(text: str, start: int, end: int, limit: int, clean: bool) -> tuple[str, int, int]:
    """:func:`excerpt` of a text known to be ``clean`` (squashing leaves it as it is) or not: the parts of a
    clean text have single spaces only, and squashing them only strips their ends."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"mention offsets {start}:{end} are outside a text of {len(text)} characters")
    window = 4 * limit  # a sentence longer than this is cut anyway
    lo, hi = max(0, start - window), min(len(text), end + window)
    # the sentence ends at ". ", "! ", "? " or a line break: each searched for, written out (this runs
    # for every incident)
    left = max(text.rfind(". ", lo, start), text.rfind("! ", lo, start), text.rfind("? ", lo, start),
               text.rfind("\n", lo, start), lo - 1) + 1
    right = min(text.find(". ", end, hi) % _NOT_FOUND, text.find("! ", end, hi) % _NOT_FOUND,
                text.find("? ", end, hi) % _NOT_FOUND, text.find("\n", end, hi) % _NOT_FOUND, hi - 1) + 1
    if clean:
        before, mention, after = text[left:start].strip(" "), text[start:end].strip(" "), text[end:right].strip(" ")
    else:
        before, mention, after = _squash(text[left:start]), _squash(text[start:end]), _squash(text[end:right])
    # keep the single spaces that separated the parts
    before += " " if before and text[start - 1].isspace() else ""
    after = (" " if after and text[end].isspace() else "") + after
    room = max(0, limit - len(mention))
    if len(before) + len(after) > room:
        keep_before = min(len(before), max(room // 2, room - len(after)))
        keep_after = room - keep_before
        if keep_before < len(before):
            before = "…" + before[len(before) - keep_before + 1:] if keep_before else ""
        if keep_after < len(after):
            after = after[:keep_after - 1] + "…" if keep_after else ""
    return before + mention + after, len(before), len(before) + len(mention)


def safe_url(value: Any) -> str:
    """``value`` when it is an http(s) URL, else "" (no ``javascript:`` or ``data:`` links in popups)."""
    text = str(value or "").strip()
    return text if _SAFE_URL.match(text) else ""


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ASCII only, no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: The ``type`` of the page's ``<script>`` blocks that hold packed data.
PACKED_TYPE = "application/x-geomap-deflate-base64"


def pack(data: Any) -> str:
    """``data`` as JSON, zlib-compressed, in base64: what the page's data blocks hold.

    Text compresses about fourfold, which is what keeps 100,000 incidents with
    their sentences well under 25 MB; base64's alphabet cannot end a
    ``<script>`` element.  The page unpacks it with the browser's own
    ``DecompressionStream`` (level 1: the fastest, and most of the gain).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def unpack(text: str) -> Any:
    """The data of a packed block (the inverse of :func:`pack`)."""
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))


class _StringTable:
    """Repeated strings stored once; columns hold their index (-1 for none)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any) -> int:
        text = _text(value)
        if not text:
            return -1
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.strings)
            self.strings.append(text)
        return index

    def add_column(self, values) -> list[int]:
        """:meth:`add` for each value; a string met before costs one look-up (columns repeat theirs)."""
        seen: dict[str, int] = {}
        out = []
        for value in values:
            if type(value) is str:
                index = seen.get(value)
                if index is None:
                    index = seen[value] = self.add(value)
            else:
                index = self.add(value)
            out.append(index)
        return out


def _text(value: Any) -> str:
    """A cell as text; missing (None, NaN, NA) is ""."""
    if type(value) is str:  # the common case first: this runs for every cell
        return value.strip()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _categories(values: pd.Series) -> tuple[list[dict], dict[str, int]]:
    """Categories by frequency, each with a colour; when there are too many, the rarest share one grey layer."""
    counts = values.map(_text).replace("", UNCATEGORISED).value_counts()
    kept = list(counts.index) if len(counts) <= MAX_CATEGORIES else list(counts.index[:MAX_CATEGORIES - 1])
    table = [{"name": name, "colour": PALETTE[i], "count": int(counts[name])} for i, name in enumerate(kept)]
    if kept == [UNCATEGORISED]:
        table[0]["name"] = ALL_INCIDENTS
    if len(kept) < len(counts):
        table.append({"name": OTHER_CATEGORIES, "colour": OTHER_COLOUR, "count": int(counts[len(kept):].sum())})
    return table, {name: min(i, len(kept)) for i, name in enumerate(counts.index)}


def _actors(values) -> str:
    """The actors of one record, distinct and in order, joined with "; "."""
    seen: list[str] = []
    for value in values:
        text = _text(value)
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def page_text(text: str, start: Any, end: Any, limit: int = EXCERPT_CHARS) -> tuple[str, Any, Any]:
    """What of a record's text the page needs, with the mention's offsets in it.

    A text whose squashed form is at most :data:`SEARCH_TEXT_CHARS` long is
    kept whole (the search box looks at all of it); a longer one becomes the
    popup's excerpt of it (:func:`excerpt`), or its first ``limit``
    characters when no mention is known.  :func:`geomap.stream.for_map` keeps
    only this of each incident, and the payload made from it is the payload
    made from the full text.
    """
    return _page_text(text, _squash(text), start, end, limit)


def _page_text(text: str, squashed: str, start: Any, end: Any, limit: int) -> tuple[str, Any, Any]:
    """:func:`page_text` for a caller that has squashed the text already."""
    if len(squashed) <= SEARCH_TEXT_CHARS:
        return text, start, end
    s, e = _number(start), _number(end)
    if s is not None and e is not None and 0 <= s < e <= len(text):
        return excerpt(text, int(s), int(e), limit)
    return squashed[:limit - 1] + "…", start, end


def _text_and_excerpt(body: str, start: Any, end: Any, limit: int) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The text a record carries into the page, the mention's offsets in it, and the part the popup shows.

    The text is :func:`page_text`'s, squashed: a short text whole, so that
    search sees all of it, with ``clip`` = the offsets of the popup's excerpt
    in it.  The excerpt is not stored twice: it is a slice of the text.  A
    clip offset ``x < 0`` stands for ``-x - 1`` with "…" shown there (the
    excerpt was cut inside a sentence).  No mention (or offsets outside the
    text) gives the mark ``(-1, -1)``.
    """
    squashed = _squash(body)
    kept, start, end = _page_text(body, squashed, start, end, limit)
    whole = squashed if kept is body else _squash(kept)  # squashed once when the text goes whole
    body = kept
    start, end = _number(start), _number(end)
    if body and start is not None and end is not None and 0 <= start < end <= len(body):
        piece, ms, me = _excerpt(body, int(start), int(end), limit, whole == body)
        cut_before, cut_after = piece.startswith("…"), piece.endswith("…") and me < len(piece)
        core = piece[1 if cut_before else 0:len(piece) - 1 if cut_after else len(piece)]
        at = whole.find(core)
        if at < 0:  # a rare mention whose own whitespace keeps it from matching: carry the excerpt
            return piece, (ms, me), (0, len(piece))
        shift = at - (1 if cut_before else 0)
        hi = at + len(core)
        return whole, (ms + shift, me + shift), (-at - 1 if cut_before else at, -hi - 1 if cut_after else hi)
    return whole, (-1, -1), (0, -limit) if len(whole) > limit else (0, len(whole))


def incidents_payload(incidents: pd.DataFrame, *, excerpt_chars: int = EXCERPT_CHARS) -> dict:
    """The page's data for an ``incidents`` table (columns of :data:`geomap.schema.INCIDENTS`).

    Only ``lat`` and ``lon`` are required; every other column is used when present.
    """
    missing = {"lat", "lon"} - set(incidents.columns)
    if missing:
        raise ValueError(f"an incidents table needs columns {sorted(missing)}; it has {list(incidents.columns)}")
    lats = pd.to_numeric(incidents["lat"], errors="coerce")  # text from a CSV is fine when it is a number
    lons = pd.to_numeric(incidents["lon"], errors="coerce")
    bad = ~(lats.between(-90, 90) & lons.between(-180, 180))
    if bad.any():
        raise ValueError(f"{int(bad.sum())} incidents have no valid lat/lon (first at index "
                         f"{incidents.index[bad.to_numpy()][0]!r}); drop them or put them in an unlocated table")
    n = len(incidents)
    column = {name: (incidents[name].tolist() if name in incidents.columns else [None] * n)
              for name in ("title", "event_id", "source_id", "url", "date", "category", "fatalities", "place",
                           "precision", "located_by", "other_places", "text", "start", "end", "warning")}
    strings = _StringTable()
    actor_columns = [incidents[name].tolist() for name in ACTOR_COLUMNS if name in incidents.columns]
    categories, category_index = _categories(pd.Series(column["category"], dtype=object))
    lat = [round(float(v), 5) for v in lats.tolist()]
    lon = [round(float(v), 5) for v in lons.tolist()]
    days = {day[:10] for day in map(_text, set(column["date"]))
            if _ISO_DATE.match(day) and calendar_day(day) is not None}
    dates = strings.add_column(column["date"])
    # The readable day of each distinct date string, by its index: what the date filter and the
    # timeline use; a record whose date is not here has no readable date.
    readable = {}
    for index in set(dates):
        day = strings.strings[index][:10] if index >= 0 else ""
        if day in days:
            readable[str(index)] = day
    texts, marks, clips = [], [], []
    for text, start, end in zip(column["text"], column["start"], column["end"]):
        # unstripped: the mention's offsets count from the text's first character, white space or not
        raw = text if type(text) is str else _text(text)
        shown, mark, clip = _text_and_excerpt(raw, start, end, excerpt_chars)
        texts.append(shown)
        marks.extend(mark)
        clips.extend(clip)
    fatalities = [int(f) if f is not None and f >= 0 else None for f in map(_number, column["fatalities"])]
    precision = [int(p) if _number(p) in (1.0, 2.0, 3.0, 4.0) else None for p in column["precision"]]
    return {
        "n": n,
        "lat": lat,
        "lon": lon,
        "title": [_text(v) for v in column["title"]],
        "id": [_text(a) or _text(b) for a, b in zip(column["source_id"], column["event_id"])],
        "url": [safe_url(v) for v in column["url"]],
        "date": dates,
        "days": readable,
        "dateRange": [min(days), max(days)] if days else None,
        "category": [category_index[_text(c) or UNCATEGORISED] for c in column["category"]],
        "categories": categories,
        "categoryShown": [c["name"] for c in categories] != [ALL_INCIDENTS],
        "fatalities": fatalities,
        "text": texts,
        "mark": marks,
        "clip": clips,
        "actors": [strings.add(_actors(row)) for row in zip(*actor_columns)] if actor_columns else [-1] * n,
        "place": strings.add_column(column["place"]),
        "precision": precision,
        "precisionLabels": {str(k): v for k, v in PRECISION_LABELS.items()},
        "locatedBy": strings.add_column(column["located_by"]),
        "others": strings.add_column(column["other_places"]),
        "warning": strings.add_column(column["warning"]),  # what to check ("event place not in the gazetteer: …")
        "strings": strings.strings,
    }


def mentions_payload(mentions: pd.DataFrame, incidents: pd.DataFrame | None = None) -> dict:
    """The optional mentions layer: one point per distinct (record, place), with the surface forms."""
    usable = mentions.dropna(subset=["lat", "lon"]) if len(mentions) else mentions
    strings = _StringTable()
    titles = {}
    if incidents is not None and "event_id" in incidents.columns and "title" in incidents.columns:
        titles = dict(zip(incidents["event_id"], incidents["title"]))
    lat, lon, surface, name, record = [], [], [], [], []
    seen = set()
    for rec in usable.itertuples(index=False):
        key = (rec.event_id, rec.geonameid)
        if key in seen:
            continue
        seen.add(key)
        lat.append(round(float(rec.lat), 5))
        lon.append(round(float(rec.lon), 5))
        surface.append(strings.add(rec.surface))
        name.append(strings.add(rec.name if _text(rec.name) else rec.surface))
        record.append(strings.add(_text(titles.get(rec.event_id)) or rec.event_id))
    return {"n": len(lat), "lat": lat, "lon": lon, "surface": surface, "name": name, "record": record,
            "strings": strings.strings}
