"""Score the incident place geomap picks for each article against an annotated set.

A set is JSON Lines, one article a line::

    {"id": "...", "title": "...", "text": "...", "date": "2017-02-09" (optional),
     "incident": {"name", "lat", "lon", "geonameid", "precision", "mentions": [[start, end], ...]} | null,
     "dateline": "...", "secondary": [...], "reason": "..."}

Each article goes through the real pipeline (:func:`geomap.pipeline.locate`,
from its text alone) and the incident's distance to the gold point is
measured: the same GeoNames id as the gold is 0 km, and a region pinned at
its seat is measured from its own point too, whichever is nearer (the gold
may give a region its centroid).  :func:`evaluate_incidents` returns the share within 25 km and
161 km (over the articles whose gold has an incident), what became of the
articles whose gold has none, a calibration table (the share within 25 km
per confidence band), the share by ``located_by``, and every miss.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from .errors import InputFormatError
from .place import distance_km

__all__ = ["GoldIncident", "Outcome", "IncidentScores", "read_gold", "evaluate_incidents", "NEAR_KM", "FAR_KM",
           "CONFIDENCE_BANDS"]

NEAR_KM, FAR_KM = 25.0, 161.0
#: Lower edges of the confidence bands of the calibration table.
CONFIDENCE_BANDS = (0.0, 0.5, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class GoldIncident:
    """One annotated article: its text and where its main incident is (``lat`` None: no incident)."""

    id: str
    title: str
    text: str
    date: str
    name: str
    lat: float | None
    lon: float | None
    dateline: str
    geonameid: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What geomap made of one article, beside the gold."""

    id: str
    gold: str
    gold_lat: float | None
    gold_lon: float | None
    place: str
    lat: float | None
    lon: float | None
    km: float | None          # None: geomap located nothing, or the gold has no incident
    located_by: str
    confidence: float
    reason: str               # why geomap left it unlocated
    dateline: str             # geomap's dateline
    gold_dateline: str


@dataclass
class IncidentScores:
    """The scores of one set (see the module docstring)."""

    path: str
    articles: int
    with_incident: int
    within_near: float
    within_far: float
    unlocated: int                    # gold has an incident, geomap located none
    null_articles: int                # gold says no incident
    null_located: int                 # ... of which geomap located one anyway
    calibration: list[tuple[str, int, float]] = field(default_factory=list)  # (band, articles, share within 25 km)
    by_located_by: list[tuple[str, int, float]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def misses(self) -> list[Outcome]:
        """Articles with a gold incident that geomap placed more than 25 km away, or not at all."""
        return [o for o in self.outcomes if o.gold_lat is not None and (o.km is None or o.km > NEAR_KM)]

    def to_dict(self) -> dict:
        out = asdict(self)
        out["misses"] = [asdict(o) for o in self.misses]
        del out["outcomes"]
        return out


def read_gold(path: str | Path) -> list[GoldIncident]:
    """The articles of a gold set; a malformed line is an error naming the file and line."""
    path = Path(path)
    out = []
    try:
        # split at newlines only: a JSON string may hold U+2028 or U+0085, which splitlines() also cuts at
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise InputFormatError(f"cannot read the gold set ({exc.strerror})", path=str(path)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            inc = rec.get("incident")
            lat = lon = gid = None
            name = ""
            if inc:
                lat, lon, name = float(inc["lat"]), float(inc["lon"]), str(inc.get("name") or "")
                gid = int(inc["geonameid"]) if inc.get("geonameid") not in (None, "") else None
            out.append(GoldIncident(str(rec["id"]), str(rec.get("title") or ""), str(rec["text"]),
                                    str(rec.get("date") or ""), name, lat, lon, str(rec.get("dateline") or ""), gid))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputFormatError(
                f"line {n} is not a gold article ({type(exc).__name__}: {exc}); each line needs "
                '"id", "text" and "incident" (null or {"name", "lat", "lon", ...})', path=str(path)) from None
    return out


def evaluate_incidents(gold: Sequence[GoldIncident], geoparser=None, *, path: str = "",
                       incidents: str = "one", area: str = "") -> IncidentScores:
    """Locate every article of ``gold`` from its text and score the incidents (see the module docstring).
    ``area``: where the set's texts come from (:func:`geomap.pipeline.locate`); none by default."""
    import pandas as pd

    from .pipeline import locate
    from .schema import EVENTS

    rows = [{"event_id": g.id, "source_id": g.id, "title": g.title, "text": g.text, "date": g.date,
             "source_file": path, "source_row": i + 1} for i, g in enumerate(gold)]
    events = pd.DataFrame([{c: r.get(c, "") for c in EVENTS} for r in rows], columns=list(EVENTS), dtype=object)
    located = locate(events, geoparser, use_coordinates=False, use_place_names=False, use_record_context=False,
                     incidents=incidents, area=area)
    inc = located.incidents
    first = inc[inc["incident_no"] == 1].set_index("event_id") if len(inc) else inc
    reasons = dict(zip(located.unlocated["event_id"], located.unlocated["reason"]))
    outcomes = []
    for g in gold:
        if g.id in first.index:
            r = first.loc[g.id]
            lat, lon = float(r["lat"]), float(r["lon"])
            km = None
            if g.lat is not None:
                km = distance_km(g.lat, g.lon, lat, lon)
                own = _own_point(geoparser, r["geonameid"])
                if own is not None:  # a region is pinned at its seat; its own point counts as well
                    km = min(km, distance_km(g.lat, g.lon, *own))
                if g.geonameid is not None and str(r["geonameid"]) == str(g.geonameid):
                    km = 0.0  # the very place, wherever the two conventions put its point
                km = round(km, 1)
            outcomes.append(Outcome(g.id, g.name, g.lat, g.lon, r["place"], lat, lon, km, r["located_by"],
                                    float(r["confidence"]), "", r["dateline"], g.dateline))
        else:
            outcomes.append(Outcome(g.id, g.name, g.lat, g.lon, "", None, None, None, "", 0.0,
                                    reasons.get(g.id, ""), "", g.dateline))
    return _scores(path, outcomes)


def _own_point(geoparser, geonameid) -> tuple[float, float] | None:
    """The gazetteer's own point of a place (a region's, not its seat's), if known."""
    if geoparser is None or geonameid is None or str(geonameid) in ("", "<NA>", "nan"):
        return None
    place = geoparser.gazetteer.get(int(geonameid))
    return (place.lat, place.lon) if place is not None else None


def _scores(path: str, outcomes: list[Outcome]) -> IncidentScores:
    scored = [o for o in outcomes if o.gold_lat is not None]
    n = len(scored)

    def share(items, km):
        return sum(o.km is not None and o.km <= km for o in items) / len(items) if items else 0.0

    nulls = [o for o in outcomes if o.gold_lat is None]
    bands = []
    edges = list(CONFIDENCE_BANDS) + [1.01]
    for lo, hi in zip(edges, edges[1:]):
        items = [o for o in scored if o.km is not None and lo <= o.confidence < hi]
        bands.append((f"{lo:.1f}–{min(hi, 1.0):.1f}", len(items), share(items, NEAR_KM)))
    by_how = []
    for how in sorted({o.located_by or "(unlocated)" for o in scored}):
        items = [o for o in scored if (o.located_by or "(unlocated)") == how]
        by_how.append((how, len(items), share(items, NEAR_KM)))
    return IncidentScores(
        path=path, articles=len(outcomes), with_incident=n, within_near=share(scored, NEAR_KM),
        within_far=share(scored, FAR_KM), unlocated=sum(o.km is None for o in scored),
        null_articles=len(nulls), null_located=sum(o.place != "" for o in nulls),
        calibration=bands, by_located_by=by_how, outcomes=outcomes)
