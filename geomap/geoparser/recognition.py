"""Find place-name mentions in text: offsets, surface form, kind.

The recogniser needs no model.  It reads the text as tokens with exact
character offsets (:class:`~geomap.geoparser.document.Document`) and looks
every plausible proper-noun span up in the gazetteer, longest first.  A span
is plausible when it starts with a capitalised word (or an Arabic article
before one: "al-Bab"), may hold connectors inside ("Bosnia and Herzegovina",
"Rio de Janeiro"), and is at most ``max_words`` words long.

Then the rules of ``RULES`` judge each match, in order.  A ``lookup`` rule
changes what is looked up; a ``recognise`` rule answers ``SHORTER`` (not this
span: try a shorter one from the same word), ``NOT_A_PLACE`` (nor any span of
these words) or ``None`` (no objection).  A match no rule objects to is a
mention.  ``qualify`` rules then add the mentions the others imply, and
``after`` rules drop resolved mentions nothing stands by.  Every rule is a
named function with a docstring; ``geomap rules`` lists them.

Abbreviations keep their full stop in the span ("Ky.", "N.Y.", "W.Va.").
Possessives do not ("Syria's" → "Syria").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, Iterable

from ..place import NameKind, Place, abbreviation_spelled_otherwise
from .document import Document
from .rules import Rule
from .tokens import gap_ok
from .weights import DEFAULT_WEIGHTS, Weights
from .words import words

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from .resolution import Mention

__all__ = ["Span", "Match", "find_mentions", "RULES", "SHORTER", "NOT_A_PLACE"]

#: A recognise rule's answers (``None``: no objection).
SHORTER = "shorter"
NOT_A_PLACE = "not a place"


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
    #: Only the name says it is a place: one capitalised word naming small places, unmarked
    #: ("Freeland left for…").  Such a mention lends other names less support (see resolution).
    weak: bool = False


@dataclass(slots=True)
class Match:
    """A gazetteer match of tokens ``i``..``j`` that the rules judge."""

    doc: Document
    w: Weights
    i: int
    j: int
    start: int
    end: int
    surface: str
    query: str
    candidates: tuple[Place, ...] | list[Place]
    #: A country, continent, sea, large first-level region, demonym or abbreviation: a name-like
    #: word for it is the place unless shown otherwise (set once the lookup rules are done).
    strong: bool = False

    @property
    def first(self) -> str:
        """The first word, as far as the span covers it ("Drug" of "Drug-resistant")."""
        tok = self.doc.words[self.i]
        return tok if self.j > self.i or len(self.surface) >= len(tok) else self.surface

    @property
    def best(self) -> Place:
        return self.candidates[0]


def strong_place(place: Place, w: Weights = DEFAULT_WEIGHTS) -> bool:
    """Is a place big enough that a name-like word for it is the place unless shown otherwise?"""
    return place.is_country or place.feature_code in ("CONT", "OCN", "SEA", "GULF") \
        or (place.feature_code == "ADM1" and place.population >= w.weak_population)


def _bare_region(place: Place) -> bool:
    """Did a second-level region match by its name without the region word ("Laurel" for Laurel County)?"""
    return place.feature_code == "ADM2" and place.match_kind is NameKind.ALTERNATE \
        and place.name.startswith(place.matched_name + " ")


def _named_alike(candidates, best: Place, surface: str, w: Weights) -> bool:
    """Is the name also the own name of a place about as large as ``best``, which matched by an
    alias?  "Torrington": West Torrington's alias, and Torrington, Connecticut's name."""
    return any(c.population >= w.weak_population // 2 and 2 * c.population >= best.population
               and c.name.lower() == surface.lower() for c in candidates)


# -- lookup rules: what a span is looked up as, and which candidates it keeps -----------------------

# A legislator's party and the place they represent: "D-Columbus", "R-Texas", "(I-Vt.)".
_PARTY = re.compile(r"[DRI]-[A-Z]")


def party_place(m: Match, gazetteer: "Gazetteer") -> None:
    """A legislator's party and place ("Sen. Ray Miller, D-Columbus", "(R-Ky.)") is the place,
    looked up without the party letter."""
    text, start = m.doc.text, m.start
    if not m.candidates and m.j == m.i and _PARTY.match(m.surface) \
            and text[max(0, start - 2):start].endswith(("(", ", ")):
        m.candidates = gazetteer.candidates(m.query[2:])
        m.start += 2
        m.surface = m.surface[2:]


def hyphen_head(m: Match, gazetteer: "Gazetteer") -> None:
    """A hyphenated word found nowhere is looked up by its first half ("Russian-backed" →
    "Russian"), except a double surname: a capitalised second half that names no place, after a
    small place's name ("Ms Redfern-Hardisty" is not Redfern, Sydney; "Tie-Dye")."""
    if m.candidates or m.j != m.i or "-" not in m.surface:
        return
    head, _, tail = m.surface.partition("-")
    if head[:1].isupper() and len(head) > 1:
        found = gazetteer.candidates(head)
        if found and tail[:1].isupper() and tail[1:2].islower() and not strong_place(found[0], m.w) \
                and found[0].population < m.w.weak_population and not gazetteer.candidates(tail):
            found = []
        m.candidates = found
        m.end = m.start + len(head)
        m.surface = head


def bare_county_needs_full_name(m: Match, gazetteer: "Gazetteer") -> None:
    """A county's bare name ("Avoyelles" for Avoyelles Parish) counts only in a text that also
    writes the full name: bare, such names are mostly surnames ("Brown", "Clark")."""
    if m.candidates and m.surface not in m.doc.region_worded and any(_bare_region(c) for c in m.candidates):
        m.candidates = [c for c in m.candidates if not _bare_region(c)]


def abbreviation_case(m: Match, gazetteer: "Gazetteer") -> None:
    """An abbreviation must be written in its own capitals: "the Act" is not ACT (the Australian
    Capital Territory); a text in capitals ("KY.") may write any abbreviation so."""
    if m.candidates and len(m.surface) <= m.w.abbreviation_length and not m.surface.isupper() \
            and any(abbreviation_spelled_otherwise(c, m.surface) for c in m.candidates):
        m.candidates = [c for c in m.candidates if not abbreviation_spelled_otherwise(c, m.surface)]


# -- recognise rules: is this match a place mention here? -----------------------------------------

def stop_word(m: Match) -> str | None:
    """A word of the stop list (function words, months, titles, organisations: "May", "Of",
    "President", "Daesh"), or a name that is something else in English news ("White House")."""
    s = m.surface
    stop = words("stop")
    if s in stop or s.rstrip(".") in stop or s in words("not_places"):
        return SHORTER
    return None


def currency(m: Match) -> str | None:
    """A name right before a dollar sign is a currency: "US$460 million", "HK$"."""
    return SHORTER if m.doc.text.startswith("$", m.end) else None


_SAINT = re.compile(r"(?:St\.?|Saint) [A-Z][a-z]+$")


def saints_day(m: Match) -> str | None:
    """"St. X's" naming a small place is a saint's day, church or school, and its words are no
    place either: "St. Patrick's Day", "St. Mary's High School" ("St. Petersburg's" is the city)."""
    if _SAINT.match(m.surface) and m.doc.text.startswith(("'s", "’s"), m.end) \
            and m.best.population < m.w.lone_saint_population \
            and not any(c.name.endswith(("'s", "’s")) for c in m.candidates[:3]):
        return NOT_A_PLACE
    return None


_DISEASE_AFTER = re.compile(r"[ \-]([A-Za-z\-]+)(?: ([A-Za-z\-]+))?")


def _is_disease(word: str | None) -> bool:
    if not word:
        return False
    low = word.lower()
    return low in words("disease_words") or low.endswith("virus")


def disease_name(m: Match) -> str | None:
    """A name right before a disease word (virus, fever, flu, strain…), or one word before it, is
    part of the disease's name: "West Nile virus", "Reston ebolavirus", "Mad Cow disease"."""
    after = _DISEASE_AFTER.match(m.doc.text, m.end)
    if after and (_is_disease(after.group(1)) or (after.group(1)[:1].isupper() and _is_disease(after.group(2)))):
        return SHORTER
    return None


def sentence_start_word(m: Match) -> str | None:
    """A word starting a sentence that the same text also writes in lower case is that word:
    "Reading the report…" where the text also says "reading"."""
    if m.i == m.j and m.doc.at_sentence_start(m.start) and m.first.lower() in m.doc.lower_words and not m.strong:
        return SHORTER
    return None


def acronym(m: Match) -> str | None:
    """Short all-capital words are acronyms ("ISIS", "CNN"), unless known place abbreviations."""
    first = m.first
    if m.i == m.j and first.isupper() and len(first.replace(".", "")) <= 4 and not m.strong:
        return SHORTER
    bare = m.surface.replace(".", "").replace(" ", "")
    if bare.isupper() and len(bare) <= 3 and not m.strong:
        return SHORTER
    return None


def glued_to_next_capital(m: Match) -> str | None:
    """A name glued to a capitalised word it does not include is part of a longer name: "Paris
    Hilton", "Manchester United", "Jordan Peterson said" (but not "Texas Police", "Syrian
    President", or a word the text also writes in lower case)."""
    doc, j, end = m.doc, m.j, m.end
    tokens = doc.tokens
    if j + 1 < len(tokens) and end == tokens[j][1] and gap_ok(doc.text, tokens[j][1], tokens[j + 1][0]):
        nxt = tokens[j + 1][2]
        if doc.caps[j + 1] and nxt not in words("keep_after") and nxt not in _TITLECASE_SKIP \
                and nxt.lower() not in doc.lower_words:
            person = (j + 2 < len(tokens) and tokens[j + 2][2] in words("reporting_verbs")) or nxt in doc.persons
            if not m.strong or person:
                return SHORTER
    return None


def glued_to_previous_capital(m: Match) -> str | None:
    """A name after a capitalised word that is not a title or institution word is a person's
    or a longer name's last part: "Michael Jordan" (countries and demonyms excepted)."""
    doc, i = m.doc, m.i
    if i > 0 and gap_ok(doc.text, doc.tokens[i - 1][1], m.start):
        prev = doc.tokens[i - 1][2]
        if doc.caps[i - 1] and prev not in words("stop") and prev not in words("keep_after") \
                and not m.best.is_country and m.best.match_kind is not NameKind.DEMONYM:
            return SHORTER
    return None


def person_named_before(m: Match) -> str | None:
    """The second word of a two-word name, used alone later, is the person: "Obama" after
    "Barack Obama" (only for places under ``person_population``)."""
    if m.i == m.j and not m.strong and m.surface in m.doc.persons and m.best.population < m.w.person_population:
        return SHORTER
    return None


def reporting_verb(m: Match) -> str | None:
    """A name before a reporting verb is a person: "Jones said" (but "Police in Dayton said")."""
    doc, j = m.doc, m.j
    if m.i == j and not m.strong and j + 1 < len(doc.tokens) and doc.tokens[j + 1][2] in words("reporting_verbs") \
            and doc.word_before(m.i) not in words("locatives"):
        return SHORTER
    return None


def common_word_small_place(m: Match) -> str | None:
    """A single common English word, a frequent personal name, or an obscure alias that names only
    a small place needs the text to mark it as a place ("in Hope", "Hope, Ark."; a hashtag for a
    name: "#Ferguson"; a place noun for a name: "Ferguson police").  Also a common word, or a word
    of three letters or fewer, that matches a place of any size only by another language's name:
    "Part" (Perth), "Lu" (Luzhou)."""
    if m.i != m.j or m.strong:
        return None
    doc, best, surface, w = m.doc, m.best, m.surface, m.w
    small = best.population < w.weak_population
    alias = best.match_kind is NameKind.ALTERNATE and not _bare_region(best) \
        and not _named_alike(m.candidates, best, surface, w)  # "Laurel County" is in the text
    first = m.first
    low = first.lower()
    hashtag = doc.text[m.start - 1:m.start] == "#"  # "#Ferguson": a tweet's topic, which a lone surname seldom is
    word = low in words("common_words")
    name = not word and low in words("person_names") and not hashtag
    common = word or name or (len(first) <= 3 and alias)
    if (small and (alias or common)) or (alias and common):
        if not doc.says_place(m.i, m.end) and not (name and not alias and doc.marked(m.i, m.end, surface)):
            return SHORTER
    return None


def small_place_alias_phrase(m: Match) -> str | None:
    """A name of two or more words that matches only a small place, by an alternate name, needs
    place evidence like single words: "Saint Joe" (Walhalla's old name), "North Side"."""
    best, w = m.best, m.w
    if m.j > m.i and not m.strong and best.population < w.weak_population \
            and best.match_kind is NameKind.ALTERNATE and not _bare_region(best) \
            and not _named_alike(m.candidates, best, m.surface, w) and not m.doc.says_place(m.i, m.end):
        return SHORTER
    return None


# -- qualify rules: mentions the matches imply ----------------------------------------------------

_CODE_AFTER = re.compile(r", ?([A-Z]{2})\b(?![\w'’-])")


def code_qualifier(spans: list[Span], doc: Document, gazetteer: "Gazetteer", w: Weights) -> list[Span]:
    """A two-letter postal or country code after a comma that names a state, province or country
    one of the mention's candidates lies in is a mention, and qualifies it: "Paris, TX" is Paris,
    Texas; "Richmond, CA" California, not Canada.  Two capitals after a comma are otherwise too
    often something else ("Paris, OK?")."""
    text = doc.text
    if ", " not in text:
        return spans
    out = []
    for k, span in enumerate(spans):
        out.append(span)
        m = _CODE_AFTER.match(text, span.end)
        if m is None or span.kind != "place" or (k + 1 < len(spans) and spans[k + 1].start <= m.start(1)):
            continue
        codes = tuple(c for c in gazetteer.candidates(m.group(1), kinds=(NameKind.CODE,))
                      if (c.feature_code == "ADM1" or c.is_country) and any(
                          p.country_code == c.country_code and (c.is_country or p.admin1_code == c.admin1_code)
                          for p in span.candidates))
        # "town, XX" writes a state or province; a country gets its name.
        codes = tuple(c for c in codes if not c.is_country) or codes
        if codes:
            out.append(Span(m.start(1), m.end(1), m.group(1), "place", codes, False, True))
    return out


# -- given rules: spans handed in ------------------------------------------------------------------

def closest_spelling(span: Span, countries: set[str], gazetteer: "Gazetteer") -> Span:
    """A given span the gazetteer lacks takes the places of the closest spelling (rapidfuzz ratio
    ≥ 90) of a name in a country the text or record names ("Kitaakita" in a text on Japan); a
    single word, also of a well-known place anywhere: a country, continent, first-level region,
    capital or city of a million ("Mauritious", "Ukrain").  Never a multi-word name across
    countries: "Republic of Ireland" is not Iceland because the words look alike."""
    if span.candidates:
        return span
    name = span.surface.strip()
    found = gazetteer.closest_spelling(name, country=sorted(countries)) if countries else []
    if not found and " " not in name:
        found = gazetteer.closest_spelling(name, well_known=True)
    return Span(span.start, span.end, span.surface, span.kind, tuple(found)) if found else span


def text_as_context(span: Span, w: Weights = DEFAULT_WEIGHTS) -> bool:
    """Given spans are resolved with the other places the text names as context ("Glasgow is a
    city in Barren County, Kentucky": Glasgow, Kentucky), as far as they are reliable: those the
    text marks as places ("in Barren County"), countries, large regions and demonyms."""
    return span.marked or span.kind == "demonym" or strong_place(span.candidates[0], w)


# -- after rules: resolved mentions nothing stands by ---------------------------------------------

def lone_small_town(mention: "Mention", span: Span, countries: Counter, w: Weights) -> bool:
    """A one-word town under ``lone_town_population`` that the text does not mark as a place, in a
    country no other place of the text or record lies in, is most often a person, a brand or a
    word: "Obama" (Obama, Fukui), "Nobel", "Barry".  Left out rather than pinned on the map."""
    place = mention.place
    if place is None or span.marked or mention.kind != "place" or place.feature_class != "P" \
            or place.population >= w.lone_town_population or " " in span.surface or "-" in span.surface:
        return False
    return countries[place.country_code] < 2  # itself alone


RULES: tuple[Rule, ...] = (
    Rule("party_place", "lookup", party_place),
    Rule("hyphen_head", "lookup", hyphen_head),
    Rule("bare_county_needs_full_name", "lookup", bare_county_needs_full_name),
    Rule("abbreviation_case", "lookup", abbreviation_case),
    Rule("stop_word", "recognise", stop_word),
    Rule("currency", "recognise", currency),
    Rule("saints_day", "recognise", saints_day),
    Rule("disease_name", "recognise", disease_name),
    Rule("sentence_start_word", "recognise", sentence_start_word),
    Rule("acronym", "recognise", acronym),
    Rule("glued_to_next_capital", "recognise", glued_to_next_capital),
    Rule("glued_to_previous_capital", "recognise", glued_to_previous_capital),
    Rule("person_named_before", "recognise", person_named_before),
    Rule("reporting_verb", "recognise", reporting_verb),
    Rule("common_word_small_place", "recognise", common_word_small_place),
    Rule("small_place_alias_phrase", "recognise", small_place_alias_phrase),
    Rule("code_qualifier", "qualify", code_qualifier),
    Rule("text_as_context", "given", text_as_context),
    Rule("closest_spelling", "given", closest_spelling),
    Rule("lone_small_town", "after", lone_small_town),
)

_TITLECASE_SKIP = frozenset({"A", "I"})


class Recogniser:
    """The rules of ``RULES`` less the disabled ones, bound to a gazetteer and weights."""

    def __init__(self, gazetteer: "Gazetteer", weights: Weights = DEFAULT_WEIGHTS,
                 disable: Iterable[str] = ()):
        disable = frozenset(disable)
        self.gazetteer = gazetteer
        self.w = weights
        active = [r for r in RULES if r.name not in disable]
        self.lookup_rules = [r.func for r in active if r.stage == "lookup"]
        self.judge_rules = [r.func for r in active if r.stage == "recognise"]
        self.qualify_rules = [r.func for r in active if r.stage == "qualify"]
        self.after_rules = [r.func for r in active if r.stage == "after"]
        self.given_lookups = [r.func for r in active if r.stage == "given" and r.name != "text_as_context"]
        self.text_as_context = "text_as_context" not in disable

    def find(self, text: str) -> list[Span]:
        """Every place-name mention in ``text``, in order, with exact offsets."""
        if not text:
            return []
        w = self.w
        doc = Document(text)
        tokens, words_, caps = doc.tokens, doc.words, doc.caps
        starts = [i for i in compress(range(len(tokens)), caps) if words_[i] not in _TITLECASE_SKIP]
        # Do any two tokens touch (the parts of a hashtag)?  Mostly not, and then no span needs joining.
        glued = not {t[1] for t in tokens}.isdisjoint(t[0] for t in tokens)
        lookups = [_lookups(doc, i, glued, self.w.max_words) for i in starts]
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
                if verdict is None:
                    best = m.best
                    kind = "demonym" if best.match_kind is NameKind.DEMONYM else "place"
                    marked = doc.marked(m.i, m.end, m.surface)
                    weak = not (marked or m.strong or m.j > m.i
                                or any(c.population >= w.weak_support_population for c in m.candidates))
                    spans.append(Span(m.start, m.end, m.surface, kind, tuple(m.candidates),
                                      doc.at_sentence_start(m.start), marked, weak))
                    resume = m.j + 1
                    break
        for rule in self.qualify_rules:
            spans = rule(spans, doc, self.gazetteer, self.w)
        return spans

    def _judge(self, m: Match) -> str | None:
        for rule in self.judge_rules:
            verdict = rule(m)
            if verdict is not None:
                return verdict
        return None

    def _matches(self, doc: Document, i: int, spans_at: list[tuple[int, str]]):
        """Gazetteer matches of the spans starting at token ``i`` (from ``_lookups``), longest first."""
        tokens, text, gazetteer, w = doc.tokens, doc.text, self.gazetteer, self.w
        for j, query in spans_at:
            start, end = tokens[i][0], tokens[j][1]
            m = Match(doc, w, i, j, start, end, text[start:end], query, gazetteer.candidates(query))
            for rule in self.lookup_rules:
                rule(m, gazetteer)
            if m.candidates:
                m.strong = strong_place(m.candidates[0], w) or any(
                    c.match_kind in (NameKind.DEMONYM, NameKind.ABBREVIATION) for c in m.candidates[:3])
                # Abbreviations keep their full stop: "Ky.", "Calif.", "Wash."
                best = m.candidates[0]
                if m.end < len(text) and text[m.end] == "." and best.match_kind is NameKind.ABBREVIATION \
                        and best.matched_name.lower() == m.surface.lower() + ".":
                    m.end += 1
                    m.surface = text[m.start:m.end]
                yield m

    def drop_unsupported(self, mentions: list["Mention"], spans: list[Span], context: Iterable[Place]) -> list:
        """The resolved ``mentions`` less those an ``after`` rule drops."""
        if not self.after_rules:
            return mentions
        countries = Counter(m.place.country_code for m in mentions if m.place is not None)
        countries.update(c.country_code for c in context)
        return [m for m, span in zip(mentions, spans)
                if not any(rule(m, span, countries, self.w) for rule in self.after_rules)]


def find_mentions(text: str, gazetteer: "Gazetteer", *, weights: Weights = DEFAULT_WEIGHTS,
                  disable: Iterable[str] = ()) -> list[Span]:
    """Every place-name mention in ``text``, in order, with exact offsets (before resolution)."""
    return Recogniser(gazetteer, weights, disable).find(text)


def _lookups(doc: Document, i: int, glued: bool, max_words: int) -> list[tuple[int, str]]:
    """The spans a name starting at token ``i`` may cover, longest first, as (last token,
    what to look up).  A span extends over capitalised words and connectors within one
    sentence-free run, and ends on a capitalised word."""
    text, tokens, caps = doc.text, doc.tokens, doc.caps
    connectors = words("connectors")
    n = len(tokens)
    k = i
    while k + 1 < n and k - i + 1 < max_words and (gap_ok(text, tokens[k][1], tokens[k + 1][0])
                                                   or text[tokens[k][1]:tokens[k + 1][0]] == " & "):
        if caps[k + 1] or tokens[k + 1][2] in connectors:
            k += 1
        else:
            break
    if not glued:
        start = tokens[i][0]
        return [(j, text[start:tokens[j][1]].replace(" & ", " and ")) for j in range(k, i - 1, -1) if caps[j]]
    return [(j, _query(text, tokens, i, j)) for j in range(k, i - 1, -1) if caps[j]]


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
                if _PARTY.match(query):
                    yield query[2:]
