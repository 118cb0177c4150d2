"""Find place-name mentions in text: offsets, surface form, kind.

The recogniser needs no model.  It reads the text as tokens with exact
character offsets (:class:`~geomap.geoparser.document.Document`) and looks
every plausible proper-noun span up in the gazetteer, longest first.  A span
is plausible when it starts with a capitalised word (or an Arabic article
before one: "al-Bab"), may hold connectors inside ("Bosnia and Herzegovina",
"Rio de Janeiro"), and is at most ``max_words`` words long.

Then the rules of ``RULES`` (:mod:`geomap.geoparser.recognition_rules`)
judge each match, in order; a match no rule objects to is a mention.
``geomap rules`` lists them.

Abbreviations keep their full stop in the span ("Ky.", "N.Y.", "W.Va.").
Possessives do not ("Syria's" → "Syria").
"""

from __future__ import annotations

from collections import Counter
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable

from ..normalize import normalize_name
from ..place import NameKind, Place
from .document import MIXED, TITLE, Document, region_key
from .mentions import Mention, Span
from .recognition_rules import (KEEP, NOT_A_PLACE, PARTY_PREFIX, REGION_WORD_NEXT, RULES, TITLECASE_SKIP, Match,
                                strong_place)
from .tokens import POSSESSIVE_GAPS, gap_ok
from .weights import DEFAULT_WEIGHTS, Weights
from .words import words

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["Recogniser", "find_mentions", "Span"]


class Recogniser:
    """The rules of ``RULES`` less the disabled ones, bound to a gazetteer and weights."""

    def __init__(self, gazetteer: "Gazetteer", weights: Weights = DEFAULT_WEIGHTS,
                 disable: Iterable[str] = ()):
        disable = frozenset(disable)
        self.gazetteer = gazetteer
        #: The look-up of a span's text: the gazetteer's cached tuple where it offers one (no copy).
        self.lookup = getattr(gazetteer, "lookup", None) or gazetteer.candidates
        self.w = weights
        active = [r for r in RULES if r.name not in disable]
        self.lookup_rules = [r.func for r in active if r.stage == "lookup"]
        self.judge_rules = [r.func for r in active if r.stage == "recognise"]
        self.qualify_rules = [r.func for r in active if r.stage == "qualify"]
        self.after_rules = [r.func for r in active if r.stage == "after"]
        self.unfound_rules = [r.func for r in active if r.stage == "unfound"]
        self.given_lookups = [r.func for r in active if r.stage == "given" and r.name != "text_as_context"]
        self.text_as_context = "text_as_context" not in disable
        # Candidates a lookup rule filtered or extended, by their places: the same places give the same
        # tuple, so that what the resolver remembers per tuple (by its identity) serves them again.
        self._same: dict[tuple[Place, ...], tuple[Place, ...]] = {}
        self._same_ids: dict[int, tuple[Place, ...]] = {}  # the same tuples, by id (they are held)

    def find(self, text: str) -> list[Span]:
        """Every place-name mention in ``text``, in order, with exact offsets."""
        if not text:
            return []
        doc = Document(text)
        if doc.persons:  # "Wolaita Sodo" is a town's name, not a person's: "Sodo" alone stays the town
            doc.persons = {t for t in doc.persons if not all(
                prev and self.gazetteer.candidates(f"{prev} {t}") for prev in doc.person_pairs[t])}
        if doc.uncased:
            # Names the cased lines use as places back up the same names in uncased ones.
            cased = self._scan(doc, cased_only=True)
            doc.known = frozenset(normalize_name(s.surface) for s in cased)
            doc.known_places = frozenset(s.candidates[0].geonameid for s in cased)
        spans = self._scan(doc)
        if doc.doubtful:
            spans = self._read_again(doc, spans)
        for rule in self.qualify_rules:
            spans = rule(spans, doc, self.gazetteer, self.w)
        return spans

    def _scan(self, doc: Document, cased_only: bool = False) -> list[Span]:
        w = self.w
        tokens = doc.tokens
        nameish = _nameish(doc)
        starts = [i for i in compress(range(len(tokens)), nameish)
                  if doc.words[i] not in TITLECASE_SKIP and not (cased_only and doc.casing[i] is not MIXED)]
        # Do any two tokens touch (the parts of a hashtag)?  Mostly not, and then no span needs joining.
        glued = doc.touching
        connectors, amp = words("connectors"), " & " in doc.text
        lookups = [_lookups(doc, nameish, i, glued, w.max_words, connectors, amp) for i in starts]
        prefetch = getattr(self.gazetteer, "prefetch", None)
        if prefetch is not None:  # all the text's look-ups in one go
            prefetch(_prefetch_names(starts, lookups))
        spans: list[Span] = []
        resume = 0  # the first token after the last mention found
        for i, spans_at in zip(starts, lookups):
            if i < resume:
                continue
            for m in self._matches(doc, i, spans_at):
                verdict = self._judge(m)
                if verdict is NOT_A_PLACE:
                    resume = m.j + 1
                    break
                if verdict is None or verdict is KEEP:
                    best = m.best
                    kind = "demonym" if best.match_kind is NameKind.DEMONYM else "place"
                    marked = verdict is KEEP or doc.marked(m.i, m.end, m.surface)
                    spans.append(Span(m.start, m.end, m.surface, kind, tuple(m.candidates),
                                      doc.at_sentence_start(m.start), marked))
                    resume = m.j + 1
                    break
        return spans

    def _read_again(self, doc: Document, spans: list[Span]) -> list[Span]:
        """A text with uncased lines, read a second time when its first reading turned down a name that
        what it found would back up: the same name found elsewhere ("russia" after "in russia"), a
        country or capital whose country the text names otherwise ("jordan opened a field hospital"
        under "amman (reuters) -"), or a city whose region it names ("the hamilton transport centre"
        beside "waikato police").  One sense per text, as the cased lines' names back up the uncased."""
        known = doc.known | {normalize_name(s.surface) for s in spans}
        areas = frozenset(key for s in spans if s.candidates[0].country_code for key in _areas_of(s.candidates[0]))
        if not any(name in known or not areas.isdisjoint(keys) for name, keys in doc.doubtful):
            return spans
        doc.known, doc.areas, doc.doubtful = known, areas, []
        return self._scan(doc)

    def _judge(self, m: Match) -> str | None:
        for rule in self.judge_rules:
            verdict = rule(m)
            if verdict is not None:
                return verdict
        return None

    def _matches(self, doc: Document, i: int, spans_at: list[tuple[int, str]]):
        """Gazetteer matches of the spans starting at token ``i`` (from ``_lookups``), longest first."""
        tokens, text, gazetteer, w, lookup = doc.tokens, doc.text, self.gazetteer, self.w, self.lookup
        for j, query in spans_at:
            start, end = tokens[i][0], tokens[j][1]
            found = lookup(query)
            if not found and not self._looks_elsewhere(query, text, end):
                continue  # found nowhere, and no lookup rule would look elsewhere (nine look-ups in ten)
            m = Match(doc, w, i, j, start, end, text[start:end], query, found, False, gazetteer)
            for rule in self.lookup_rules:
                rule(m, gazetteer)
            if m.candidates is not found:
                m.candidates = self._the_same(tuple(m.candidates))
            if m.candidates:
                m.strong = strong_place(m.candidates[0], w) or not _DEMONYM_OR_ABBREVIATION.isdisjoint(
                    map(_match_kind, m.candidates[:3]))
                # Abbreviations keep their full stop: "Ky.", "Calif.", "Wash."
                best = m.candidates[0]
                if m.end < len(text) and text[m.end] == "." and best.match_kind is NameKind.ABBREVIATION \
                        and best.matched_name.lower() == m.surface.lower() + ".":
                    m.end += 1
                    m.surface = text[m.start:m.end]
                elif j > i and text.startswith(" (", tokens[j - 1][1]):  # ... and its bracket closes it
                    m.end += 1
                    m.surface = text[m.start:m.end]
                yield m

    def _the_same(self, candidates: tuple[Place, ...]) -> tuple[Place, ...]:
        """The tuple of these places met first (``_same``); a tuple that is already that one is
        known by its identity, without hashing its places."""
        if self._same_ids.get(id(candidates)) is candidates:
            return candidates
        same = self._same
        found = same.get(candidates)
        if found is None:
            if len(same) >= _SAME_KEPT:
                same.clear()
                self._same_ids.clear()
            found = same[candidates] = candidates
            self._same_ids[id(found)] = found
        return found

    def _looks_elsewhere(self, query: str, text: str, end: int) -> bool:
        """Might a lookup rule find something for a span the gazetteer lacks?  ``party_place`` and
        ``hyphen_head`` look up part of a hyphenated word, ``region_named_with_its_word`` the name
        with a region word; the other lookup rules only filter what was found."""
        return "-" in query or REGION_WORD_NEXT.match(text, end) is not None

    def drop_unsupported(self, mentions: list[Mention], spans: list[Span], context: Iterable[Place]) -> list:
        """The resolved ``mentions`` less those an ``after`` rule drops."""
        if not self.after_rules:
            return mentions
        countries = Counter(m.place.country_code for m in mentions if m.place is not None)
        countries.update(c.country_code for c in context)
        return [m for m, span in zip(mentions, spans)
                if not any(rule(m, span, countries, self.w) for rule in self.after_rules)]


    def unfound(self, text: str, spans: list[Span], mentions: list[Mention], context: Iterable[Place]) -> list[Span]:
        """Spans for the names an ``unfound`` rule finds a place for, that the first reading did not (none
        mostly); the countries of the resolved ``mentions`` and of ``context`` are where to look."""
        if not self.unfound_rules:
            return []
        countries = {m.place.country_code for m in mentions if m.place is not None and m.place.country_code}
        countries.update(c.country_code for c in context if c.country_code)
        out: list[Span] = []
        for rule in self.unfound_rules:  # (a name one rule found is not another's)
            out += [s for s in rule(text, spans, countries, self.gazetteer)
                    if not any(o.start < s.end and s.start < o.end for o in out)]
        return out


def _areas_of(place: Place) -> tuple[str, ...]:
    """The country of a place found, and its first-level region (keys of ``Document.areas``)."""
    return (place.country_code, region_key(place)) if place.admin1_code else (place.country_code,)


def find_mentions(text: str, gazetteer: "Gazetteer", *, weights: Weights = DEFAULT_WEIGHTS,
                  disable: Iterable[str] = ()) -> list[Span]:
    """Every place-name mention in ``text``, in order, with exact offsets (before resolution)."""
    return Recogniser(gazetteer, weights, disable).find(text)


_SAME_KEPT = 50_000  # filtered tuples of candidates a recogniser remembers (then it starts again)
_match_kind = attrgetter("match_kind")
_DEMONYM_OR_ABBREVIATION = frozenset({NameKind.DEMONYM, NameKind.ABBREVIATION})


def _nameish(doc: Document) -> list[bool]:
    """May each token be part of a name?  In a cased line, if capitalised; in a line without
    case, if it is no function word ("i flew from london": "london")."""
    if not doc.uncased:
        return doc.caps
    function = words("function_words")
    return [cap if c is MIXED or c is TITLE else w.lower() not in function
            for cap, c, w in zip(doc.caps, doc.casing, doc.words)]


def _lookups(doc: Document, nameish: list[bool], i: int, glued: bool, max_words: int,
             connectors: frozenset[str], amp: bool = True) -> list[tuple[int, str]]:
    """The spans a name starting at token ``i`` may cover, longest first, as (last token,
    what to look up).  A span extends over name-like words (``_nameish``) and connectors within
    one sentence-free run of one line, and ends on a name-like word.  ``amp``: does the text
    hold " & " (else no look-up needs it read as "and")?"""
    text, tokens = doc.text, doc.tokens
    k = i
    last = min(len(tokens) - 1, i + max_words - 1)
    while k < last:
        # The next word first (most names end at a lower-case word), then the gap before it.
        nxt = tokens[k + 1]
        if not (nameish[k + 1] or nxt[2].lower() in connectors):
            break
        end = tokens[k][1]
        gap = text[end:nxt[0]]
        # (a possessive inside a name: "Cox's Bazar", "Martha's Vineyard"; "Syria's Aleppo" is looked up
        # whole too, and finds nothing)
        if not (gap == " " or gap_ok(text, end, nxt[0]) or gap == " & " or gap in POSSESSIVE_GAPS):
            if gap == " (" and text.startswith(")", nxt[1]):
                k += 1  # a one-word qualifier in brackets that is part of the name: "Frankfurt (Oder)"
            break
        k += 1
    if not glued:
        start = tokens[i][0]
        if k == i:  # one word (most starts)
            found = [(i, text[start:tokens[i][1]])]
        elif amp:
            found = [(j, text[start:tokens[j][1]].replace(" & ", " and ")) for j in range(k, i - 1, -1)
                     if nameish[j]]
        else:
            found = [(j, text[start:tokens[j][1]]) for j in range(k, i - 1, -1) if nameish[j]]
    else:
        found = [(j, _query(text, tokens, i, j)) for j in range(k, i - 1, -1) if nameish[j]]
    if found and found[-1][0] == i and ". " in tokens[i][2]:
        found.append((i, tokens[i][2].replace(". ", ".")))  # spaced initials: "D. C." also as "D.C."
    return found


def _query(text, tokens, i, j) -> str:
    """What to look up for tokens ``i``..``j``: their text, or their words joined by
    spaces when some are glued together (the parts of a hashtag); "&" read as "and"
    ("Jammu & Kashmir", "Trinidad & Tobago")."""
    if j > i and any(tokens[t][1] == tokens[t + 1][0] for t in range(i, j)):
        return " ".join(tokens[t][2] for t in range(i, j + 1))
    return text[tokens[i][0]:tokens[j][1]].replace(" & ", " and ")


def _prefetch_names(starts, lookups):
    """Every name ``_matches`` may look up in this text, for ``Gazetteer.prefetch``."""
    for i, spans_at in zip(starts, lookups):
        for j, query in spans_at:
            yield query
            if j == i and "-" in query:
                head, _, tail = query.partition("-")
                yield head
                if tail[:1].isupper():
                    yield tail
                if PARTY_PREFIX.match(query):
                    yield query[2:]
