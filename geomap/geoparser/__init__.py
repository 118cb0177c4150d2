"""``geoparse(text)``: every place mention of a text, and the place each refers to.

The geoparser is two stages, each a table of named rules
(:mod:`geomap.geoparser.rules`):

* **recognition** (:mod:`~geomap.geoparser.recognition`): which words of the
  text name places, with exact offsets;
* **resolution** (:mod:`~geomap.geoparser.resolution`): which place each
  name refers to, using every other name of the text as context.

Every rule can be switched off by name, and every weight changed, without
touching the code: ``Geoparser(disable={"lone_small_town"},
weights=Weights(capital=1.5))``.  ``geomap rules`` lists the rules;
``geomap eval SET --ablate`` measures each.

>>> [(m.surface, m.place.name) for m in geoparse("Clashes near al-Bab, Syria.")]  # doctest: +SKIP
[('al-Bab', 'Al Bāb'), ('Syria', 'Syria')]
"""

from __future__ import annotations

import dataclasses
import re
from operator import attrgetter
from typing import Iterable, Sequence

from ..gazetteer import Gazetteer
from ..place import NameKind, Place
from .features import FEATURES
from .invisible import WithoutFormat
from .mentions import Mention, Span
from .recognition import Recogniser
from .recognition_rules import RULES, text_as_context
from .resolution import Resolver
from .rules import Rule, check_names
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = ["Geoparser", "geoparse", "Mention", "Span", "Weights", "all_rules"]

_CAMEL = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+")


def all_rules() -> tuple[Rule, ...]:
    """Every rule and feature of the geoparser, in the order a text meets them."""
    return RULES + FEATURES


class Geoparser:
    """A geoparser bound to one open gazetteer (open it once, parse many texts).

    ``disable``: names of rules and features to switch off (``geomap rules``
    lists them); ``weights``: a :class:`Weights` with other values.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, disable: Iterable[str] = (),
                 weights: Weights = DEFAULT_WEIGHTS):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.disabled = check_names(disable, (r.name for r in all_rules()))
        self.weights = weights
        self._recogniser = Recogniser(self.gazetteer, weights, self.disabled)
        self._resolver = Resolver(weights, self.disabled)

    def parse(self, text: str, context: Sequence[Place] = ()) -> list[Mention]:
        """Find and resolve the place mentions of ``text``.

        ``context``: places known about the text from elsewhere (a record's
        country or province), weighed as if the text named them.
        """
        if not isinstance(text, str):
            raise TypeError(f"geoparse() needs a str, not {type(text).__name__}")
        clean = WithoutFormat.of(text)
        if clean is not None:  # read past invisible format characters, offsets into the original
            return [_back(clean, m) for m in self.parse(clean.text, context)]
        recogniser = self._recogniser
        spans = recogniser.find(text)
        mentions = recogniser.drop_unsupported(self._resolver.resolve(text, spans, context), spans, context)
        unfound = recogniser.unfound(text, spans, mentions, context)
        if unfound:  # names spelt otherwise than the gazetteer spells them: the text read again with them
            spans = sorted(spans + unfound, key=attrgetter("start"))
            mentions = recogniser.drop_unsupported(self._resolver.resolve(text, spans, context), spans, context)
        return mentions

    def parse_article(self, title: str, text: str,
                      context: Sequence[Place] = ()) -> tuple[list[Mention], list[Mention]]:
        """The mentions of an article's ``title`` and of its ``text``, found as one document.

        A headline and its story are one text to a reader: each name is resolved with every other name
        of both as its context, and a name the headline marks as a place is one in the story too ("dengue
        cases climbing in lautoka" over a story in lower case that opens "lautoka has recorded …", where
        alone it would be no name).  The headline is read after the story, as a line of its own:
        headlines name places bare, and a name the story first gives with its qualifier keeps that sense
        in the headline too ("Man dies in Nevada house fire" over "NEVADA, Mo. — …" is the Missouri
        town; see the ``qualified_sense_carries`` rule).  Offsets are each part's own.
        """
        if not title.strip():
            return [], self.parse(text, context)
        cut = len(text) + 2
        found = self.parse(f"{text}\n\n{title}", context)
        return ([dataclasses.replace(m, start=m.start - cut, end=m.end - cut) for m in found if m.start >= cut],
                [m for m in found if m.end <= len(text)])

    def explain(self, text: str, context: Sequence[Place] = (), top: int = 5) -> list[dict]:
        """Why each name of ``text`` resolved as it did: its best candidates, their scores,
        probabilities, and the points every feature gave them (``geomap parse --explain``)."""
        clean = WithoutFormat.of(text)
        if clean is not None:
            found = self.explain(clean.text, context, top)
            return [{**e, "mentions": [clean.span_back(s, t) for s, t in e["mentions"]]} for e in found]
        return self._resolver.explain(text, self._recogniser.find(text), context, top)

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

    def area_places(self, area: str) -> list[Place]:
        """The country or first-level region ``area`` names ("United States", "Kentucky", "Kentucky, US",
        "Punjab, Pakistan", "Washington, D.C."), as context places for texts that come from there (``geomap
        map --area``); a region comes with its country.  Raises ``ValueError`` saying what was not found."""
        region, _, country = (part.strip() for part in area.rpartition(","))
        if region and self.gazetteer.country_code(country) is not None:  # "REGION, COUNTRY"
            places = self.context_places(country, region)
            if len(places) < 2:
                raise ValueError(f"area {area!r}: {region!r} is no first-level region (state, province, …) "
                                 f"of {country}")
            return places
        name = area.strip()
        places = self.context_places(name) if self.gazetteer.country_code(name) else self.context_places("", name)
        if places and places[0].feature_code == "ADM1":  # the region's country is context too
            return [*self.context_places(places[0].country_code)[:1], *places]
        if places:
            return places
        if region:
            raise ValueError(f"area {area!r}: {country!r} is no country the gazetteer knows (write "
                             "'REGION, COUNTRY')")
        close = [p for p in self.gazetteer.closest_spelling(name, well_known=True) if p.is_country
                 or p.feature_code == "ADM1"] if name else []
        hint = f"; did you mean {close[0].name!r}?" if close else ""
        raise ValueError(f"area {area!r}: no country or first-level region (state, province, …) of that name{hint}")

    def resolve(self, text: str, offsets: Iterable[tuple[int, int]], context: Sequence[Place] = ()) -> list[Mention]:
        """Resolve exactly the given ``(start, end)`` spans of ``text``, one mention per span, in order.

        Every other place the text names is found too and used as context
        ("Glasgow is a city in Barren County, Kentucky": the span "Glasgow"
        is Glasgow, Kentucky), but only the spans asked for are returned.  A
        span the gazetteer lacks is matched to the closest spelling of a place
        in a country the text (or ``context``) names, or of a well-known
        place (rule ``closest_spelling``); else it comes back unresolved.
        """
        offsets = list(offsets)
        for start, end in offsets:
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
        clean = WithoutFormat.of(text)
        if clean is not None:
            inside = [(clean.offset_in(s), clean.offset_in(e)) for s, e in offsets]
            if all(s < e for s, e in inside):  # no span made only of format characters
                return [_back(clean, m) for m in self.resolve(clean.text, inside, context)]
        asked = []
        for start, end in offsets:
            surface = text[start:end]
            candidates = tuple(self._lookup(surface))
            kind = "demonym" if candidates and candidates[0].match_kind is NameKind.DEMONYM else "place"
            asked.append(Span(start, end, surface, kind, candidates))
        if not asked:
            return []
        others = [s for s in self._recogniser.find(text) if text_as_context(s, self.weights)
                  and not any(s.start < a.end and a.start < s.end for a in asked)] \
            if self._recogniser.text_as_context else []
        mentions = self._resolve_together(text, asked, others, context)
        if self._recogniser.given_lookups and not all(a.candidates for a in asked):
            countries = {m.place.country_code for m in mentions if m.place is not None and m.place.country_code}
            countries.update(c.country_code for c in context)
            looked_up = asked
            for rule in self._recogniser.given_lookups:
                looked_up = [rule(a, countries, self.gazetteer) for a in looked_up]
            if looked_up != asked:
                asked = looked_up
                mentions = self._resolve_together(text, asked, others, context)
        return [mentions[k] for k in range(len(asked))]

    def _resolve_together(self, text, asked: list[Span], others: list[Span], context) -> list[Mention]:
        """Resolve ``asked`` and ``others`` as one document; the mentions of ``asked``, in its order."""
        order = sorted(range(len(asked) + len(others)),
                       key=lambda k: (asked + others)[k].start)
        spans = [(asked + others)[k] for k in order]
        resolved = self._resolver.resolve(text, spans, context)
        by_index = dict(zip(order, resolved))
        return [by_index[k] for k in range(len(asked))]

    def _lookup(self, surface: str):
        """The candidates of a given span's text (the gazetteer's own tuple where it has one, so that the
        resolver's readings remembered per tuple serve the same name again)."""
        lookup = self._recogniser.lookup
        found = lookup(surface)
        if found:
            return found
        text = surface.strip()
        if " & " in text:  # "Jammu & Kashmir"
            found = lookup(text.replace(" & ", " and "))
            if found:
                return found
        for prefix in ("the ", "The "):
            if text.startswith(prefix):
                found = lookup(text[len(prefix):])
                if found:
                    return found
        if text.endswith(("'s", "’s")):
            found = lookup(text[:-2])
            if found:
                return found
        words = _CAMEL.findall(text)
        if len(words) > 1 and "".join(words) == text.replace(" ", ""):  # "SouthSudan", a hashtag's words
            found = lookup(" ".join(words))
            if found:
                return found
        return ()


def _back(clean: WithoutFormat, mention: Mention) -> Mention:
    """A mention found in the cleaned text, with offsets and surface of the original."""
    start, end = clean.span_back(mention.start, mention.end)
    return dataclasses.replace(mention, start=start, end=end, surface=clean.original[start:end])


def geoparse(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of ``text`` with offsets, resolved places and confidences.

    Opens the default gazetteer when none is given; to parse many texts, make
    one :class:`Geoparser` and call its ``parse``.
    """
    return Geoparser(gazetteer).parse(text)
