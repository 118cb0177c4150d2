"""Place every event: coordinates, place name or geoparsed text → incidents and unlocated.

For each row of ``events`` (see :mod:`geomap.schema`), in this order:

1. **coordinates** given (and not ignored): validated (numbers, -90..90,
   -180..180, not exactly 0,0) and kept; precision from ``geo_precision``;
2. **text** given: geoparsed; every mention goes to ``mentions``; the incident
   location is the most specific resolved place (town > district > province),
   the first mentioned among equals, since news leads with where it happened;
3. **place name** given: geocoded with the gazetteer, inside the record's
   country when it has one.

A record that none of these places goes to ``unlocated`` with the reason:
no text/place/coordinates, bad coordinates, no place found, or only
country-level places.  Every event is in exactly one of the two tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd
from geopy.exc import GeocoderQueryError

from .geocoder import GazetteerGeocoder
from .geoparser import Geoparser
from .place import Place, distance_km
from .schema import INCIDENTS, MENTIONS, UNLOCATED

__all__ = ["Located", "locate", "locate_parallel", "MIN_CONFIDENCE"]

#: Mentions resolved with less confidence are not used as the incident location.
MIN_CONFIDENCE = 0.5


@dataclass
class Located:
    """The four tables of one run."""

    events: pd.DataFrame
    mentions: pd.DataFrame
    incidents: pd.DataFrame
    unlocated: pd.DataFrame

    def summary(self) -> str:
        n = len(self.events)
        lines = [f"{n:,} records read: {len(self.incidents):,} located, {len(self.unlocated):,} unlocated"]
        if len(self.incidents):
            by = self.incidents.groupby(["located_by", "precision"]).size()
            for (how, precision), count in by.items():
                lines.append(f"  located by {how}, precision {precision}: {count:,}")
        if len(self.unlocated):
            for reason, count in self.unlocated["reason"].value_counts().items():
                lines.append(f"  unlocated, {reason}: {count:,}")
        return "\n".join(lines)


def _precision(place: Place) -> int:
    if place.feature_class == "P" or place.feature_code in ("ADM3", "ADM4", "ADM5"):
        return 1
    if place.feature_code == "ADM2":
        return 2
    return 3


def _specific(place: Place) -> bool:
    """Precise enough to pin an incident: not a country, continent or multi-country region."""
    return not place.is_country and place.feature_code not in ("CONT", "RGN")


def locate(events: pd.DataFrame, geoparser: Geoparser | None = None, *, use_coordinates: bool = True,
           use_place_names: bool = True, use_record_context: bool = True, check: bool = False,
           progress: Callable | None = None) -> Located:
    """Locate every event; ``progress`` wraps the row iterator (e.g. ``tqdm``).

    ``use_coordinates=False`` / ``use_place_names=False`` ignore those columns,
    to see how well the text alone places the records.  The record's own
    ``country`` and ``admin1`` are context for geoparsing its text, as if the
    text named them (``use_record_context=False`` turns that off).  ``check=True``
    geoparses the text of records that carry coordinates too and fills
    ``text_place`` / ``text_km`` (a QA aid: which coordinates disagree with
    their own text?).
    """
    geoparser = geoparser or Geoparser()
    geocoder = GazetteerGeocoder(geoparser.gazetteer)
    mentions, incidents, unlocated = [], [], []
    rows = events.to_dict("records")
    contexts: dict[tuple[str, str], list] = {}
    for ev in (progress(rows) if progress else rows):
        context = []
        if use_record_context and (ev.get("country") or ev.get("admin1")):
            key = (ev.get("country") or "", ev.get("admin1") or "")
            if key not in contexts:
                contexts[key] = geoparser.context_places(*key)
            context = contexts[key]
        base = {k: ev.get(k, "") for k in ("event_id", "source_id", "title", "date", "category", "fatalities", "url")}

        def miss(reason: str) -> None:
            unlocated.append({**{k: ev.get(k, "") for k in UNLOCATED if k != "reason"}, "reason": reason})

        if use_coordinates and (ev.get("lat") or ev.get("lon")):
            point, problem = _coordinates(ev.get("lat"), ev.get("lon"))
            if problem:
                miss(problem)
                continue
            precision = _int(ev.get("geo_precision"), default=1)
            text_place, text_km = "", None
            if check and (ev.get("text") or "").strip():
                best = _incident_mention(geoparser.parse(ev["text"], context))[0]
                if best is not None:
                    text_place = best.place.address
                    text_km = round(distance_km(point[0], point[1], best.place.lat, best.place.lon), 1)
            incidents.append({**base, "place": ev.get("place_name", ""), "lat": point[0], "lon": point[1],
                              "country": ev.get("country", ""), "admin1": "", "feature_code": "",
                              "geonameid": None, "precision": min(max(precision, 1), 3),
                              "located_by": "coordinates", "confidence": 1.0, "other_places": "",
                              "surface": "", "start": None, "end": None, "text": ev.get("text", ""),
                              "text_place": text_place, "text_km": text_km})
            continue
        text = ev.get("text") or ""
        title = ev.get("title") or ""
        if text.strip():
            found = geoparser.parse(text, context)
            for m in found:
                p = m.place
                mentions.append({
                    "event_id": ev["event_id"], "start": m.start, "end": m.end, "surface": m.surface,
                    "kind": m.kind, "geonameid": p.geonameid if p else None, "name": p.name if p else "",
                    "lat": p.lat if p else None, "lon": p.lon if p else None,
                    "country": p.country_code if p else "", "admin1": p.admin1_name if p else "",
                    "feature_code": p.feature_code if p else "", "confidence": round(m.confidence, 4)})
            best, usable = _incident_mention(found)
            if best is not None:
                others = sorted({m.place.name for m in usable if m.place.geonameid != best.place.geonameid})
                p = best.place
                incidents.append({**base, "place": p.address, "lat": p.lat, "lon": p.lon,
                                  "country": p.country_code, "admin1": p.admin1_name,
                                  "feature_code": p.feature_code, "geonameid": p.geonameid,
                                  "precision": _precision(p), "located_by": "text",
                                  "confidence": round(best.confidence, 4), "other_places": "; ".join(others),
                                  "surface": best.surface, "start": best.start, "end": best.end, "text": text})
                continue
            if not (use_place_names and ev.get("place_name")):
                miss("only country-level places in the text" if usable else "no place found in the text")
                continue
        if use_place_names and ev.get("place_name"):
            country = ev.get("country") or None
            try:
                loc = geocoder.geocode(ev["place_name"], country_codes=country) if country else None
            except GeocoderQueryError:  # a country name the gazetteer does not know: try without it
                loc = None
            loc = loc or geocoder.geocode(ev["place_name"])
            if loc is None:
                miss(f"place name {ev['place_name']!r} not in the gazetteer")
                continue
            r = loc.raw
            incidents.append({**base, "place": loc.address, "lat": r["lat"], "lon": r["lon"],
                              "country": r["country_code"], "admin1": r["admin1_name"],
                              "feature_code": r["feature_code"], "geonameid": r["geonameid"],
                              "precision": 1 if r["feature_class"] == "P" else (2 if r["feature_code"] == "ADM2" else 3),
                              "located_by": "place name", "confidence": 1.0, "other_places": "",
                              "surface": ev["place_name"], "start": None, "end": None, "text": text})
            continue
        miss("no text, place name or coordinates" if not title else "no text, place name or coordinates "
             "(only a title)")
    return Located(
        events=events,
        mentions=_typed(pd.DataFrame(mentions, columns=list(MENTIONS))),
        incidents=_typed(pd.DataFrame(incidents, columns=list(INCIDENTS))),
        unlocated=pd.DataFrame(unlocated, columns=list(UNLOCATED)),
    )


_INTEGER_COLUMNS = ("geonameid", "start", "end", "precision")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids and offsets as nullable integers (not 174018.0 when some rows lack one)."""
    for col in _INTEGER_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame


def _incident_mention(found):
    """(the mention that places the incident or None, the usable mentions)."""
    usable = [m for m in found if m.place is not None and m.kind == "place" and m.confidence >= MIN_CONFIDENCE]
    specific = [m for m in usable if _specific(m.place)]
    best = min(specific, key=lambda m: (_precision(m.place), m.start)) if specific else None
    return best, usable


def _int(value, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _coordinates(lat, lon) -> tuple[tuple[float, float] | None, str]:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None, f"bad coordinates: {lat!r}, {lon!r} are not numbers"
    if math.isnan(la) or math.isnan(lo):
        return None, "bad coordinates: NaN"
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None, f"bad coordinates: {la}, {lo} out of range (-90..90, -180..180)"
    if la == 0 and lo == 0:
        return None, "bad coordinates: 0, 0 (a missing value, most likely)"
    return (la, lo), ""


_WORKER: dict = {}


def _worker_init(gazetteer_path: str) -> None:
    from .gazetteer import Gazetteer

    _WORKER["parser"] = Geoparser(Gazetteer(gazetteer_path, build=False))


def _worker_locate(args) -> Located:
    events, options = args
    return locate(events, _WORKER["parser"], **options)


def locate_parallel(events: pd.DataFrame, gazetteer_path, jobs: int, *, progress: Callable | None = None,
                    **options) -> Located:
    """:func:`locate` on ``jobs`` processes; the same tables as one process, in the same order.

    Each worker opens the gazetteer once; the events are cut into chunks in order.
    """
    from concurrent.futures import ProcessPoolExecutor

    n = max(1, min(jobs * 4, len(events)))
    size = -(-len(events) // n)
    chunks = [events.iloc[i:i + size] for i in range(0, len(events), size)]
    with ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(str(gazetteer_path),)) as pool:
        parts = pool.map(_worker_locate, [(c, options) for c in chunks])
        parts = list(progress(parts, total=len(chunks)) if progress else parts)
    return Located(
        events=events,
        mentions=pd.concat([p.mentions for p in parts], ignore_index=True),
        incidents=pd.concat([p.incidents for p in parts], ignore_index=True),
        unlocated=pd.concat([p.unlocated for p in parts], ignore_index=True),
    )
