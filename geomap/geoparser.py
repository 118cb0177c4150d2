"""``geoparse(text)``: every place mention of a text, and the place each refers to.

Recognition is :mod:`geomap.extract`, resolution :mod:`geomap.resolve`; this
module joins them and offers the variant that resolves given spans (for
evaluation with gold spans, or for a recogniser of the user's own).

>>> [(m.surface, m.place.name) for m in geoparse("Clashes near al-Bab, Syria.")]  # doctest: +SKIP
[('al-Bab', 'Al Bāb'), ('Syria', 'Syria')]
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from .extract import Span, find_mentions
from .gazetteer import Gazetteer
from .place import NameKind, Place
from .resolve import Mention, resolve_spans

__all__ = ["Geoparser", "geoparse"]


class Geoparser:
    """A geoparser bound to one open gazetteer (open it once, parse many texts)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def parse(self, text: str, context: Sequence[Place] = ()) -> list[Mention]:
        """Find and resolve the place mentions of ``text``.

        ``context``: places known about the text from elsewhere (a record's
        country or province), weighed as if the text named them.
        """
        if not isinstance(text, str):
            raise TypeError(f"geoparse() needs a str, not {type(text).__name__}")
        spans = find_mentions(text, self.gazetteer)
        mentions = resolve_spans(text, spans, context)
        countries = Counter(m.place.country_code for m in mentions if m.place is not None)
        countries.update(c.country_code for c in context)
        return [m for m, span in zip(mentions, spans) if not _lone_small_place(m, span, countries)]

    def context_places(self, country: str = "", admin1: str = "") -> list[Place]:
        """The country and first-level region a record names, as gazetteer places (unknown names skipped)."""
        places = []
        code = self.gazetteer.country_code(country) if country else None
        if code:
            found = [p for p in self.gazetteer.candidates(country) if p.is_country and p.country_code == code]
            places.extend(found[:1])
        if admin1:
            regions = [p for p in self.gazetteer.candidates(admin1, country=code) if p.feature_code == "ADM1"] \
                if code else [p for p in self.gazetteer.candidates(admin1) if p.feature_code == "ADM1"]
            places.extend(regions[:1])
        return places

    def resolve(self, text: str, offsets: Iterable[tuple[int, int]]) -> list[Mention]:
        """Resolve exactly the given ``(start, end)`` spans of ``text``.

        Spans the gazetteer knows nothing about come back unresolved.
        """
        spans = []
        for start, end in offsets:
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
            surface = text[start:end]
            candidates = tuple(self._lookup(surface))
            kind = "demonym" if candidates and candidates[0].match_kind is NameKind.DEMONYM else "place"
            spans.append(Span(start, end, surface, kind, candidates))
        return resolve_spans(text, spans)

    def _lookup(self, surface: str):
        found = self.gazetteer.candidates(surface)
        if found:
            return found
        text = surface.strip()
        if " & " in text:  # "Jammu & Kashmir"
            found = self.gazetteer.candidates(text.replace(" & ", " and "))
            if found:
                return found
        for prefix in ("the ", "The "):
            if text.startswith(prefix):
                found = self.gazetteer.candidates(text[len(prefix):])
                if found:
                    return found
        if text.endswith(("'s", "’s")):
            found = self.gazetteer.candidates(text[:-2])
            if found:
                return found
        # A span someone marked as a place, found nowhere: perhaps spelt otherwise ("Mauritious").
        return self.gazetteer.closest_spelling(text)


LONE_TOWN_POPULATION = 100_000


def _lone_small_place(mention: Mention, span: Span, countries: Counter[str]) -> bool:
    """Is this a one-word town nothing in the text stands by?

    A single word resolved to a town of under 100,000 people, which the text
    does not mark as a place ("in Napa", "Napa, Calif.", "the Napa
    earthquake"), in a country where no other place of the text lies, is most
    often a person, a brand or a word: "Obama" (Obama, Fukui), "Nobel",
    "Barry".  Such a mention is left out rather than pinned on the map.
    ``countries``: how many of the text's mentions and context places lie in each country.
    """
    place = mention.place
    if place is None or span.marked or mention.kind != "place" or place.feature_class != "P" \
            or place.population >= LONE_TOWN_POPULATION or " " in span.surface or "-" in span.surface:
        return False
    return countries[place.country_code] < 2  # itself alone


def geoparse(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of ``text`` with offsets, resolved places and confidences.

    Opens the default gazetteer when none is given; to parse many texts, make
    one :class:`Geoparser` and call its ``parse``.
    """
    return Geoparser(gazetteer).parse(text)
