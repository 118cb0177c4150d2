"""The two records of a place mention: found in the text (``Span``), and resolved (``Mention``).

Recognition makes spans, resolution turns them into mentions; both stages
and their rules read these types, so they live apart from either.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..place import Place

__all__ = ["Span", "Mention"]


@dataclass(frozen=True, slots=True)
class Span:
    """A place-name mention found in text, with its gazetteer candidates (best first)."""

    start: int
    end: int
    surface: str
    kind: str                      # "place" or "demonym"
    candidates: tuple[Place, ...]
    sentence_start: bool = False
    marked: bool = False           # the text marks it as a place: "in Napa", "Napa, Calif.", "NAPA —"


@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention with the place it resolved to (``place`` is None when unresolved)."""

    start: int
    end: int
    surface: str
    kind: str
    place: Place | None
    confidence: float

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "name": self.surface, "kind": self.kind,
               "confidence": round(self.confidence, 4)}
        if self.place is not None:
            p = self.place
            out.update(lat=p.lat, lon=p.lon, geonameid=p.geonameid, place_name=p.name,
                       feature_code=p.feature_code, country_code=p.country_code,
                       admin1=p.admin1_name, population=p.population)
        else:
            out.update(lat=None, lon=None, geonameid=None)
        return out
