"""Weights of the incident evidence, fitted on one annotated set and judged on the others.

Each set is geoparsed once (:func:`prepare`, as ``geomap eval-incidents``
reads an article: its story without page furniture, its own headline and its
story as one document); a weighting is then judged by choosing every
article's incident again (:func:`geomap.incident.analyse` and
:func:`~geomap.incident.choose`, the same calls the pipeline makes) and
measuring it as ``geomap eval-incidents`` does (:func:`judge`: the gold's own
GeoNames id is 0 km, a first-level region counts at its own point or its seat,
whichever is nearer).

:func:`fit` is a plain coordinate search: each evidence weight in turn is
tried at a few multiples of its current value (its sign kept), the best kept,
for a few sweeps; the score is the share within 25 km, then within 161 km,
then closeness to the starting weights (fewer changes win ties).  With one
or two hundred articles and twenty weights it will fit its set too well: that
is why :func:`cross_table` reports every weighting on every set, the set it
was fitted on marked.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Sequence

from .boilerplate import story_text
from .incident import MENTION_EVIDENCE, PLACE_EVIDENCE, WEIGHTS, Weights, analyse, choose, parse_title_and_text
from .incident_eval import FAR_KM, NEAR_KM, GoldIncident
from .place import distance_km
from .webpage import readable_title

__all__ = ["Prepared", "prepare", "judge", "ceiling", "fit", "changes", "cross_table", "FACTORS"]

#: The multiples of a weight's current value :func:`fit` tries.
FACTORS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)


@dataclass(frozen=True)
class Prepared:
    """One article, geoparsed once: its text, title, date, mentions and gold point (and its title's mentions,
    when the title is not the text's first line)."""

    id: str
    text: str
    title: str
    date: str
    mentions: tuple
    lat: float
    lon: float
    geonameid: int | None
    title_mentions: tuple = ()


def prepare(gold: Sequence[GoldIncident], geoparser) -> list[Prepared]:
    """The articles of ``gold`` that have an incident, each geoparsed as the pipeline reads an article without
    a record's context (:func:`geomap.pipeline.locate`, as ``geomap eval-incidents`` runs it): the story's
    lines only, and a title of its own parsed with it as one document (``Geoparser.parse_article``), so that
    a weighting is judged on what the pipeline would choose."""
    out = []
    for g in gold:
        if g.lat is None:
            continue
        text = story_text(g.text)
        title = readable_title(g.title)
        title_found, found = parse_title_and_text(geoparser, title, text)
        out.append(Prepared(g.id, text, title, g.date, tuple(found), g.lat, g.lon, g.geonameid, tuple(title_found)))
    return out


def _analyse(a: Prepared, weights: Weights = WEIGHTS):
    return analyse(a.text, a.mentions, title=a.title, date=a.date, weights=weights, title_mentions=a.title_mentions)


def judge(articles: Sequence[Prepared], weights: Weights = WEIGHTS, gazetteer=None) -> tuple[float, float]:
    """(share within 25 km, share within 161 km) of ``articles`` with ``weights``."""
    if not articles:
        return 0.0, 0.0
    near = far = 0
    for a in articles:
        place = choose(_analyse(a, weights))
        if place.mention is None:
            continue
        km = _km(a, place.mention.place, gazetteer)
        near += km <= NEAR_KM
        far += km <= FAR_KM
    return near / len(articles), far / len(articles)


def ceiling(articles: Sequence[Prepared], gazetteer=None) -> float:
    """The share of ``articles`` for which some candidate place lies within 25 km of the gold: the most any
    weighting can reach with what the geoparser found."""
    if not articles:
        return 0.0
    hit = 0
    for a in articles:
        candidates = _analyse(a).candidates
        hit += any(_km(a, c.place, gazetteer) <= NEAR_KM for c in candidates)
    return hit / len(articles)


def _km(a: Prepared, place, gazetteer) -> float:
    if a.geonameid is not None and place.geonameid == a.geonameid:
        return 0.0
    km = distance_km(a.lat, a.lon, place.lat, place.lon)
    seat = gazetteer.seat(place) if gazetteer is not None else None
    return min(km, distance_km(a.lat, a.lon, seat.lat, seat.lon)) if seat is not None else km


def _evidence_names() -> list[str]:
    return [n for n in {**MENTION_EVIDENCE, **PLACE_EVIDENCE}]


def fit(articles: Sequence[Prepared], start: Weights = WEIGHTS, *, gazetteer=None, sweeps: int = 2,
        factors: Sequence[float] = FACTORS) -> Weights:
    """The weights that place most of ``articles`` within 25 km (see the module docstring)."""
    names = _evidence_names()

    def key(w: Weights) -> tuple:
        near, far = judge(articles, w, gazetteer)
        changed = sum(getattr(w, n) != getattr(start, n) for n in names)
        return round(near, 6), round(far, 6), -changed

    best, best_key = start, key(start)
    for _ in range(sweeps):
        improved = False
        for name in names:
            base = getattr(start, name) or 1.0
            for f in factors:
                trial = replace(best, **{name: round(base * f, 4)})
                if trial == best:
                    continue
                k = key(trial)
                if k > best_key:
                    best, best_key, improved = trial, k, True
        if not improved:
            break
    return best


def changes(weights: Weights, start: Weights = WEIGHTS) -> dict[str, tuple[float, float]]:
    """Name → (start, fitted) of the weights that differ."""
    return {f.name: (getattr(start, f.name), getattr(weights, f.name)) for f in fields(Weights)
            if getattr(weights, f.name) != getattr(start, f.name)}


def cross_table(sets: dict[str, list[Prepared]], weightings: dict[str, Weights], *, gazetteer=None,
                fitted_on: dict[str, str] | None = None) -> list[str]:
    """A Markdown table: one row per weighting, the share within 25 / 161 km on every set (``*``: the set
    that weighting was fitted on)."""
    fitted_on = fitted_on or {}
    head = "| weights | " + " | ".join(f"{name} ≤25 km | {name} ≤161 km" for name in sets) + " |"
    lines = [head, "|---|" + "---|---|" * len(sets)]
    for label, w in weightings.items():
        cells = []
        for name, articles in sets.items():
            near, far = judge(articles, w, gazetteer)
            mark = "*" if name in fitted_on.get(label, "").split("+") or fitted_on.get(label) == "all" else ""
            cells += [f"{near:.3f}{mark}", f"{far:.3f}{mark}"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines
