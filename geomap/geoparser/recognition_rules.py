"""The recognition rules: is this gazetteer match a place mention here?

Each rule is a small function with a docstring, registered in ``RULES`` in
the order a match meets them (see :mod:`geomap.geoparser.rules` for the
stages).  A ``lookup`` rule changes what a span is looked up as, or which
candidates it keeps; a ``recognise`` rule answers ``SHORTER`` (not this span:
try a shorter one from the same word), ``NOT_A_PLACE`` (nor any span of these
words), ``KEEP`` (a mention, whatever the later rules say) or ``None`` (no
objection); ``qualify`` rules add the mentions the others imply; ``given``
rules look up spans handed in; ``after`` rules drop resolved mentions
nothing stands by.  Each is tested alone in ``tests/test_geoparser_rules.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz

from ..normalize import normalize_name, romanisation_key
from ..place import NATURAL_CLASSES, NameKind, Place, abbreviation_spelled_otherwise, contains
from ..reldate import MONTHS, WEEKDAYS
from ..sentences import NUMBER_WORDS
from .document import LOWER, MIXED, UPPER, Document, is_common_word, lower_titles, middle_initial, region_key
from .mentions import Mention, Span
from .rules import Rule
from .tokens import (AREA_WORD_AFTER, FEATURE_WORDS, POSSESSIVE_ENDINGS, POSSESSIVE_GAPS, REGION_LEVEL_WORD,
                     gap_ok, line_in_capitals)
from .weights import DEFAULT_WEIGHTS, Weights
from .words import words

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["Match", "RULES", "SHORTER", "NOT_A_PLACE", "KEEP", "strong_place", "text_as_context"]

#: A recognise rule's answers (``None``: no objection; ``KEEP``: a mention, whatever later rules say).
SHORTER = "shorter"
NOT_A_PLACE = "not a place"
KEEP = "keep"


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
    gazetteer: "Gazetteer | None" = None

    @property
    def first(self) -> str:
        """The first word, as far as the span covers it ("Drug" of "Drug-resistant")."""
        tok = self.doc.words[self.i]
        return tok if self.j > self.i or len(self.surface) >= len(tok) else self.surface

    @property
    def best(self) -> Place:
        return self.candidates[0]

    @property
    def casing(self) -> str:
        """The casing of the line the match starts on (see :mod:`geomap.geoparser.document`)."""
        return self.doc.casing[self.i]


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

# (C-level tests over a match's candidates, before the test per candidate: most matches hold neither.)
_feature_code, _match_kind = attrgetter("feature_code"), attrgetter("match_kind")

#: The Arabic article as English news writes it before a hyphen ("al-Bab", "Ar-Raqqa", "As-Suwayda", "Ash-Shaddadi").
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ud", "ul"})

# A legislator's party and the place they represent: "D-Columbus", "R-Texas", "(I-Vt.)".
PARTY_PREFIX = re.compile(r"[DRI]-[A-Z]")


def party_place(m: Match, gazetteer: "Gazetteer") -> None:
    """A legislator's party and place ("Sen. Ray Miller, D-Columbus", "(R-Ky.)") is the place,
    looked up without the party letter."""
    text, start = m.doc.text, m.start
    if not m.candidates and m.j == m.i and PARTY_PREFIX.match(m.surface) \
            and text[max(0, start - 2):start].endswith(("(", ", ")):
        m.candidates = gazetteer.candidates(m.query[2:])
        m.start += 2
        m.surface = m.surface[2:]


def hyphen_head(m: Match, gazetteer: "Gazetteer") -> None:
    """A hyphenated word found nowhere is looked up by its first half ("Russian-backed" →
    "Russian"), or, after an Arabic article, by its second (see below); except a double surname
    or a brand: a capitalised second half that names no place (or only a small one), after a small place's name
    or another place's alternate name ("Ms Redfern-Hardisty" is not Redfern, Sydney; "Tie-Dye";
    "Wal-Mart" is not Waal, Ethiopia, once called "Wal"; "Pre-Trial Custody" is not Prato, once "Pre")."""
    if m.j != m.i or "-" not in m.surface:
        return
    head, _, tail = m.surface.partition("-")
    if head.lower() in ARABIC_ARTICLES:
        # the Arabic article is no name of its own: "Al-Khokha", not in the gazetteer under that spelling, is
        # Al Khawkhah by its bare name ("Khokha"), not Ål, Norway; the whole name stays the mention.  So too a
        # name found only as a district's name without its word: "the outskirts of al-Muqdadiya" is the town
        # of Al Miqdādīyah ("Muqdadiya"), beside Al-Muqdadiya District (which needs its word: see
        # bare_county_needs_full_name)
        if tail[:1].isupper() and (not m.candidates or all(map(_bare_region, m.candidates))):
            m.candidates = tuple(m.candidates) + tuple(c for c in gazetteer.candidates(tail) if c not in m.candidates)
        return
    if m.candidates:
        return
    if head[:1].isupper() and len(head) > 1:
        found = gazetteer.candidates(head)
        if found and tail[:1].isupper() and tail[1:2].islower() and _weak_or_alias(found[0], m.w) \
                and all(_weak_or_alias(c, m.w) for c in gazetteer.candidates(tail)[:1]):
            found = []  # (a tail that names only a hamlet is a word: "Pre-Trial" is no Prato, once "Pre", beside
            # Trial, Maryland)
        m.candidates = found
        m.end = m.start + len(head)
        m.surface = head


def _weak_or_alias(place: Place, w: Weights) -> bool:
    """Is ``place`` no strong place and either small or found by an alternate name?"""
    return not strong_place(place, w) and (place.population < w.weak_population
                                          or place.match_kind is NameKind.ALTERNATE)


def bare_county_needs_full_name(m: Match, gazetteer: "Gazetteer") -> None:
    """A county's bare name ("Avoyelles" for Avoyelles Parish) counts only in a text that also
    writes the full name, or before the county's own officer ("the Pointe Coupee Sheriff's Office",
    "Avoyelles coroner"): bare, such names are mostly surnames ("Brown", "Clark")."""
    if m.candidates and m.surface not in m.doc.region_worded and "ADM2" in map(_feature_code, m.candidates) \
            and not _COUNTY_OFFICER_AFTER.match(m.doc.text, m.end):
        m.candidates = _without_bare_regions(m.candidates)


#: After a county's name, the officer a US county elects: "the Pointe Coupee Sheriff's Office".
_COUNTY_OFFICER_AFTER = re.compile(r"\s+(?i:sheriff|coroner)\b")


_WITHOUT_BARE: dict[int, tuple] = {}
_WITHOUT_BARE_KEPT = 50_000  # tuples of candidates whose filtering is remembered (then it starts again)


def _without_bare_regions(cands):
    """``cands`` less the second-level regions matched by their bare name (``cands`` itself when
    it holds none).  A tuple's answer is remembered by its id, the tuple held so that its id cannot
    be reused: "Washington" (37 candidates) is filtered once, not at every mention."""
    if type(cands) is not tuple:
        return [c for c in cands if not _bare_region(c)] if any(
            c.feature_code == "ADM2" and _bare_region(c) for c in cands) else cands
    known = _WITHOUT_BARE.get(id(cands))
    if known is not None and known[0] is cands:
        return known[1]
    found = tuple(c for c in cands if not _bare_region(c)) if any(
        c.feature_code == "ADM2" and _bare_region(c) for c in cands) else cands
    if len(_WITHOUT_BARE) >= _WITHOUT_BARE_KEPT:
        _WITHOUT_BARE.clear()
    _WITHOUT_BARE[id(cands)] = (cands, found)
    return found


def abbreviation_case(m: Match, gazetteer: "Gazetteer") -> None:
    """An abbreviation must be written in its own capitals: "the Act" is not ACT (the Australian
    Capital Territory); a text in capitals ("KY.") may write any abbreviation so, and one in lower case
    its dotted initials ("u.s. forces", "richmond, b.c."), a state's after a place and a comma, with its
    full stop ("london, ont. —", "springfield, ill."), and a country's or a region's that is no word
    (:func:`_abbreviation_no_word`: "flights to the uk", "rebels in the drc", "floods in nsw"; not "us")."""
    if m.candidates and len(m.surface) <= m.w.abbreviation_length and not m.surface.isupper() \
            and NameKind.ABBREVIATION in map(_match_kind, m.candidates) \
            and not (m.casing is LOWER and (m.surface.count(".") >= 2 or abbreviation_after_comma(m)
                                            or _abbreviation_no_word(m))) \
            and any(abbreviation_spelled_otherwise(c, m.surface) for c in m.candidates):
        m.candidates = [c for c in m.candidates if not abbreviation_spelled_otherwise(c, m.surface)]


def _abbreviation_no_word(m: Match) -> bool:
    """Is the match, in lower case, the abbreviation of a country ("uk", "usa", "drc") or of a first-level region
    in three letters or more ("nsw", "qld") that is no word of any kind: no common word ("us", "car"), function word,
    title or name ("ms", "gen")?  Lower case takes nothing else from such letters."""
    low = m.surface.lower()
    if not low.isalpha() or _common_word(low) or low in words("function_words") or low in words("stop") \
            or low in words("person_names") or low in lower_titles():
        return False
    return any(c.match_kind is NameKind.ABBREVIATION and (c.is_country or (c.feature_code == "ADM1" and len(low) >= 3))
               for c in m.candidates)


def abbreviation_after_comma(m: Match) -> bool:
    """Does the name stand after a comma and before a full stop, as a state's abbreviation qualifies the
    place before it ("Springfield, Ill.", "london, ont. —"), and hold a place of the words before the comma
    ("she was tired, ill." does not)?"""
    text = m.doc.text
    end = m.end - 1 if m.surface.endswith(".") else m.end
    return end < len(text) and text[end] == "." and text[max(0, m.start - 2):m.start] == ", " \
        and _region_of_previous(m)


REGION_WORD_NEXT = re.compile(r"\s+(?:region|province|oblast|governorate|state|prefecture|krai)\b", re.IGNORECASE)
# The words GeoNames and Natural Earth put after a first-level region's name.
_REGION_SUFFIXES = ("Oblast", "Region", "Province", "Governorate", "State", "Krai", "Prefecture")


def region_named_with_its_word(m: Match, gazetteer: "Gazetteer") -> None:
    """A name followed by a region word ("the Belgorod region", "Herat province") also finds the
    region the gazetteer names with another region word ("Belgorod Oblast"), or, spelt otherwise, the
    region whose seat the name is ("Taiz province" is Ta‘izz governorate), so that the region, not only
    the city, is a candidate.  A region named so by its own name comes before a demonym of that spelling:
    "Ethiopia's Somali region" is the region, not Somalia's people."""
    if not REGION_WORD_NEXT.match(m.doc.text, m.end):
        return
    if m.candidates and m.candidates[0].match_kind is NameKind.DEMONYM:
        regions = [c for c in m.candidates if c.feature_class == "A" and not c.is_country
                   and c.match_kind <= NameKind.ASCII]
        if regions:
            m.candidates = tuple(regions) + tuple(c for c in m.candidates if c not in regions)
    if any(c.feature_code == "ADM1" for c in m.candidates):
        return
    seen = {c.geonameid for c in m.candidates}
    extra = []
    for word in _REGION_SUFFIXES:
        for c in gazetteer.candidates(f"{m.surface} {word}"):
            if c.feature_code == "ADM1" and c.geonameid not in seen:
                seen.add(c.geonameid)
                extra.append(c)
    if not extra and hasattr(gazetteer, "area_of"):
        # a province named after its seat, spelt otherwise by the gazetteer: "Taiz province" is Ta‘izz
        for c in m.candidates:
            if c.feature_code == "PPLA" and c.match_kind <= NameKind.ALTERNATE:
                region = gazetteer.area_of(c, "region")
                if region is not None and region.geonameid not in seen:
                    seen.add(region.geonameid)
                    extra.append(region._replace(matched_name=m.surface, match_kind=NameKind.ALTERNATE))
    if extra:
        m.candidates = tuple(m.candidates) + tuple(extra)


#: "Co", "Co." or "County" just before a name: how Irish and British writers name a county ("Youghal, Co Cork",
#: "Lurgan, Co. Armagh", "County Kerry").
_COUNTY_BEFORE = re.compile(r"(?<![\w.])(?:Co\.?|County|CO\.|COUNTY)\s$")


def county_named_before(m: Match, gazetteer: "Gazetteer") -> None:
    """A name after "Co", "Co." or "County" is the county: "Youghal, Co Cork" is County Cork, not the
    city; "Consett, Co Durham" is in England.  Its candidates are the regions of that name, with the
    gazetteer's "County X" (not the towns), when there are any."""
    start = m.start
    if start < 3 or not _COUNTY_BEFORE.search(m.doc.text, max(0, start - 8), start):
        return
    regions: dict[int, Place] = {}  # by geonameid, the "County X" reading first
    for c in (*gazetteer.candidates(f"County {m.surface}"), *m.candidates):
        if c.feature_class == "A" and not c.is_country:
            regions.setdefault(c.geonameid, c)
    if regions:
        m.candidates = tuple(regions.values())


# -- recognise rules: is this match a place mention here? -----------------------------------------

def stop_word(m: Match) -> str | None:
    """A word of the stop list (function words, months, titles, organisations: "May", "Of",
    "President", "Daesh"), or a name that is something else in English news ("White House")."""
    s = m.surface if m.casing is MIXED else m.surface.title()
    stop = words("stop")
    if s in stop or s.rstrip(".") in stop or s in words("not_places"):
        # ... but a state's abbreviation, stop and all, after a name and a comma qualifies it: "CANTON,
        # Miss. (AP)", "Jackson, Miss., police said" ("Miss" alone is a title)
        if s not in stop and s.endswith(".") and m.doc.text[max(0, m.start - 2):m.start] == ", " \
                and m.best.feature_code == "ADM1":
            return None
        # ... and a first-level region named with its level word in cased text: "in Somalia's southwestern Bay
        # region" ("Bay" alone is a word)
        if m.casing is MIXED and _REGION_WORD_FOLLOWS.match(m.doc.text, m.end) \
                and any(c.feature_code == "ADM1" and c.match_kind <= NameKind.ASCII for c in m.candidates[:5]):
            return None
        # ... and a town's own name the text says is a town's: "houses in Man, a city in the mountainous west of
        # Ivory Coast", "the town of Man" ("Man" alone opens headlines: "Man arrested after …")
        if m.i == m.j and s in stop and _kind_named(m.doc, m.i, m.j) and _locative_before(m.doc, m.i) \
                and not _NAME_GOES_ON.match(m.doc.text, m.end) \
                and any(c.feature_class == "P" and c.match_kind is NameKind.NAME for c in m.candidates[:5]):
            return None
        return SHORTER
    return None


_REGION_WORD_FOLLOWS = re.compile(rf"\s+{REGION_LEVEL_WORD}\b")
_NAME_GOES_ON = re.compile(r" [A-Z]")  # "the province of West Kasai": a longer name the gazetteer lacks


def currency(m: Match) -> str | None:
    """A name right before a dollar sign is a currency: "US$460 million", "HK$"."""
    return SHORTER if m.doc.text.startswith("$", m.end) else None


# in capitals and in lower case too: "ST. JOHN'S", "st. patrick's day"
_SAINT = re.compile(r"(?:St\.?|Saint) [A-Z][a-z]+$|(?:ST\.?|SAINT) [A-Z]+$|(?:st\.?|saint) [a-z]+$")


def saints_day(m: Match) -> str | None:
    """"St. X's" naming a small place is a saint's day, church or school, and its words are no
    place either: "St. Patrick's Day", "St. Mary's High School" ("St. Petersburg's" is the city, and "St.
    John's" the capital of Newfoundland and Labrador, as large a place named with the possessive)."""
    if _SAINT.match(m.surface) and m.doc.text.startswith(POSSESSIVE_ENDINGS, m.end) \
            and m.best.population < m.w.lone_saint_population \
            and not any(c.name.endswith(("'s", "’s")) for c in m.candidates[:3]):
        named = m.gazetteer.candidates(m.surface + "'s")[:5] if m.gazetteer is not None else ()
        if not any(c.population >= m.w.lone_saint_population or c.feature_code == "PPLC" for c in named):
            return NOT_A_PLACE
        m.end += 2  # ... the place named with it: the possessive is part of its name
        m.surface, m.candidates = m.doc.text[m.start:m.end], tuple(named)
    return None


_DISEASE_AFTER = re.compile(r"[ \-]([A-Za-z\-]+)(?: ([A-Za-z\-]+))?")


def _is_disease(word: str | None) -> bool:
    if not word:
        return False
    low = word.lower()
    return low in words("disease_words") or low.endswith("virus")


def disease_name(m: Match) -> str | None:
    """A name right before a disease word (virus, fever, flu, strain…), or one word before it, is
    part of the disease's name: "West Nile virus", "Reston ebolavirus", "Mad Cow disease"; so is the
    same name said again without the word ("… infected with West Nile have no symptoms"), unless a
    locative marks it as the place ("Lassa fever … cases in Lassa")."""
    text = m.doc.text
    after = _DISEASE_AFTER.match(text, m.end)
    if after and (_is_disease(after.group(1)) or (after.group(1)[:1].isupper() and _is_disease(after.group(2)))):
        return SHORTER
    named = _disease_names(text)
    if named:
        before = _WORDS_BEFORE.search(text, max(0, m.start - 40), m.start)
        ws = before.group(0).split() if before else []
        whole = m.surface.lower()
        if ws and ws[-1][:1].isupper():  # the name's first word, found apart ("West" of "West Nile")
            whole = f"{ws.pop()} {whole}".lower()
        if whole in named and not (ws and ws[-1].lower() in words("locatives")):
            return SHORTER
    return None


_WORDS_BEFORE = re.compile(r"(?:[\w'’-]+ ){1,2}$")
# the capitalised words (one or two) right before a word: "West Nile " of "West Nile virus"
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][\w'’-]* ){1,2}$")
_ARTICLES = ("A ", "An ", "The ")
_SAID_AGAIN = ("virus", "Virus", "VIRUS", "fever", "Fever", "FEVER")


@lru_cache(maxsize=1)
def _disease_word() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words("disease_words")), key=len, reverse=True))
                      + r"|\w+virus)\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _disease_names(text: str) -> frozenset[str]:
    """The names ``text`` gives a disease by (lower case): "west nile" of "West Nile virus"; only a virus's or
    a fever's are said again without their word (and substring tests are many times faster than the search)."""
    if not any(map(text.__contains__, _SAID_AGAIN)):
        return frozenset()
    out = set()
    for m in _disease_word().finditer(text):
        run = _CAPITALS_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if run:
            name = run.group(0)
            for article in _ARTICLES:
                name = name.removeprefix(article)
            if name.strip():
                out.add(name.strip().lower())
    return frozenset(out)


#: A town's street: "Francis Street", "Rutledge Avenue" (not a route: "Ohio Turnpike", "County Road 80").
_STREET_AFTER = re.compile(r" (?:Street|Avenue|Ave|Boulevard|Blvd|Drive|Lane)\b")


def street_name(m: Match) -> str | None:
    """A name followed by a street word names the street, not the place: "a parked vehicle on **Francis**
    Street", "runs between King Street and **Rutledge** Avenue" (a Charleston story, not Francis, Utah
    nor Rutledge, Tennessee), "**Oxford** Street"; a first-level region's name too ("an apartment house on
    **Nordland** Avenue" in Cromwell, Connecticut, is not Norway's Nordland; "Pennsylvania Avenue" runs
    through Washington).  Not a country ("Kenya Avenue" is a reader's cue to the country, as a demonym is),
    and not in capitals or lower case (there, ``glued_to_feature_word``); routes are named for places and
    keep them ("the Ohio Turnpike", "Otter Tail County Road 80")."""
    if m.casing is not MIXED or (m.strong and (m.best.feature_code != "ADM1" or m.best.match_kind is NameKind.DEMONYM)):
        return None
    return NOT_A_PLACE if _STREET_AFTER.match(m.doc.text, m.end) else None


#: " of " and a capitalised name (over "the"): the rest of a longer name ("the Temple **of Edfu**").
_OF_A_NAME_AFTER = re.compile(r" of (?:the )?[A-Z]")


def head_of_a_name(m: Match) -> str | None:
    """A common English word after "the" and before "of" and a capitalised name is the head of a building's,
    a body's or an event's name, not a place: "near the **Temple** of Edfu" (not Paris's Temple quarter, which
    a story naming Paris would otherwise choose, nor Temple, Texas), "the **Bank** of England", "the **Battle**
    of Britain".  One word, in mixed case, and not a strong place (a country or a large city: "the Georgia of
    Saakashvili" is still the country); a name the gazetteer holds whole ("the Isle of Man") is matched
    before."""
    if m.i != m.j or m.casing is not MIXED or m.strong or m.first.lower() not in words("common_words"):
        return None
    if m.doc.word_before(m.i) != "the" or not _OF_A_NAME_AFTER.match(m.doc.text, m.end):
        return None
    return NOT_A_PLACE


def personal_title(m: Match) -> str | None:
    """A town's name right after a personal title is a person's: "by **Mrs. Lincoln**, portrayed by Judi
    Cox", "**Dr. Paris** treated him", "**Judge Houston**".  A title inside a gazetteer name ("General
    Santos", "Prince Albert") is the name's own word; a region or country after a title is a pageant's or
    an office's ("Miss Ohio", "Miss Butler County"); a full word before a full stop ends a sentence ("…
    for Municipal Court Judge. Columbus attorney Stephen Hyles").  Only an abbreviation takes its stop."""
    if m.i == 0 or m.casing is not MIXED or m.best.feature_class != "P":
        return None
    doc = m.doc
    title = doc.words[m.i - 1]
    gap = doc.text[doc.tokens[m.i - 1][1]:m.start]
    if title not in words("titles") or not (gap == " " or (gap == ". " and len(title) <= 4)):
        return None
    return NOT_A_PLACE


def sentence_start_word(m: Match) -> str | None:
    """A word starting a sentence that the same text also writes in lower case is that word:
    "Reading the report…" where the text also says "reading"."""
    if m.i == m.j and m.casing is MIXED and m.doc.at_sentence_start(m.start) and m.first.lower() in m.doc.lower_words \
            and not m.strong:
        return SHORTER
    return None


# A dateline's tail: ", Region", ", Month Day", "(Agency)", then a dash of any style or a colon.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][A-Za-z.'’-]+(?:\s(?:of\s|the\s|and\s|de\s)?[A-Z][A-Za-z.'’-]+){0,3})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*(?:\([A-Za-z .'&/-]{2,30}\))?\s*(?:--|[-—–:])\s")


# ... in lower case, where a colon or a dash glued to the word says less ("obama: …", "colton- "): an
# agency in brackets, or a dash with a space on either side.
_LOWER_DATELINE_TAIL = re.compile(r"(?:,[a-z .,'’-]{2,40})?"
                                  r"(?:\s*\([a-z .'&/-]{2,30}\)\s*(?:--|[-—–:])|\s+(?:--|[-—–]))\s")


def dateline(m: Match) -> str | None:
    """A name in capitals that opens a line and is followed by the dateline's tail (a region, a
    date, the agency, then a dash of any style) is where the story was filed: "KYIV (Reuters) -",
    "GAZA CITY (AP) —", "NAIROBI, Kenya, March 3 (Reuters) -", "GOMA, Democratic Republic of Congo -".  It is a place whatever its length."""
    if m.doc.line_start[m.i] and m.surface.isupper() and len(m.surface.replace(".", "")) >= 3 \
            and _DATELINE_TAIL.match(m.doc.text, m.end):
        return KEEP
    if m.doc.line_start[m.i] and m.casing is LOWER:
        if _LOWER_DATELINE_TAIL.match(m.doc.text, m.end):
            return KEEP  # "kyiv (reuters) -", "gaza city — ": the agency or a dash between spaces
        if m.doc.text.startswith(": ", m.end) and not is_common_word(m.surface) \
                and m.doc.text.count(m.surface, m.end) > 0:
            # "ambalangoda: two men were shot dead …", the South Asian press's dateline, when the story names the
            # place again ("alert:" is a word, "obama: full emoji support for windows" a headline's subject)
            return KEEP
    return None


def uncased_name(m: Match) -> str | None:
    """In a line without case (a title-case headline, a line in capitals, a line in lower case),
    capitals say nothing, so a name needs stronger evidence: the text names it as a place in a
    cased line; or it is a country, a large region, a demonym, a capital or a city of
    ``uncased_min_population``, and in lower case not a common word ("turkey", "china") unless a
    locative comes before it or a possessive after it ("in turkey", "china's exports"), nor in capitals a
    region's ("AS RIVERS BURST THEIR BANKS" is not Nigeria's Rivers State); or, after a locative, any
    town called so by its own name that is no common word ("near avdiivka"), or by another of its names
    when it is no small place ("near al-bab") or the text says what kind of place it is ("the town of
    maarat al-numan", "the reasi district", "ZAKI BIAM, A MARKET TOWN": English spellings of Arabic names
    are GeoNames' alternates), or names the region or country that holds it after it, a common word too
    ("a raid on kaura namoda in nigeria's zamfara state", "near mora in cameroon's far north region", "HOPE,
    ARKANSAS").  "Make" in "Russia,
    Turkey Vow to Make Joint Patrols in Syria" is not Mackay, Queensland; "i flew from london to
    paris" finds both cities.

    What counts as evidence in such a line: a locative, also over a compass word ("in eastern chad";
    "of" before a common word only after one: "north of aleppo", not "the history of male violence");
    a possessive; a list whose neighbouring item is a prominent place ("paris, lyon and marseille"); after a
    region's or district's own name, a noun of its people or services ("staffordshire police said");
    after a street address and a comma, its town ("618 e. main street, annville");
    and, in a second reading of the text, the country of a country, large region or capital named by
    the places found ("amman (reuters) - jordan opened …"), or the same name found as a place elsewhere
    (or the same place by another spelling: "Wad Madani" in a headline over "Wad Medani" in the story).
    A surname or given name is a common word too, unless a locative that seldom stands before a person
    stands before it: "west of cody", "in moore" (not "the son of marion", "spoke to jackson").
    A word a modern dictionary writes only with a capital is no common word ("berlin", "canada"); a
    compass word alone is a direction ("al-bab, north-east of aleppo"); and these are words, not
    names: a shortened word without its full stop ("MASS ABDUCTION", not "Mass."), a region's common
    word after "the" ("IN THE DELTA"), an alternate name of three letters ("PRE-PANDEMIC").  A natural
    feature by its own name after "the" needs nothing more: "the indus burst its banks"."""
    casing = m.casing
    if casing is MIXED:
        return None
    if normalize_name(m.surface) in m.doc.known or m.best.geonameid in m.doc.known_places:
        return None
    low = m.surface.lower()
    if low in words("compass_words") and not _kind_named(m.doc, m.i, m.j):  # "al-bab, north-east of aleppo": a direction
        return SHORTER
    if _compass_kind_of(m):  # "across the southern state of santa catarina": a description, not Zambia's Southern
        return SHORTER
    if m.j > m.i and m.i and _region_kind(m.doc.words[m.i].lower()) and m.doc.words[m.i + 1].lower() == "of" \
            and m.doc.words[m.i - 1].lower() in words("compass_words"):
        return SHORTER  # ... whose name starts after "of", as in cased text: "santa catarina", not "state of …"
    # (a word a modern dictionary lists only with a capital is a name: "berlin", "canada", not "china")
    word = m.i == m.j and _common_word(low)
    # (and a surname or given name a person's, unless a locative that seldom stands before a person stands before
    # it: "west of cody", "in moore"; not "the son of marion", "spoke to jackson", "a call from warren")
    person = m.i == m.j and not word and low in words("person_names") \
        and not _locative_before(m.doc, m.i, True, _TOWN_LOCATIVES)
    common = word or person
    evidence = _locative_before(m.doc, m.i, word, j=m.j) or m.doc.text.startswith(POSSESSIVE_ENDINGS, m.end) \
        or _listed_with_prominent_place(m) or _area_named_otherwise(m, word) or _area_noun_after(m) \
        or m.doc.after_an_address(m.start)
    verdict = _uncased_verdict(m, common, evidence)
    if verdict is SHORTER:  # the second reading may find what backs it up (see Recogniser._read_again)
        m.doc.doubtful.append((normalize_name(m.surface), _area_keys(m, word)))
    return verdict


_OF_AFTER = re.compile(r"\s+(?i:of)\s+")


def _region_kind(word: str) -> bool:
    """Is ``word`` (lower case) a kind of place a region's name may hold: the ``place_kinds`` and "state", which
    is one only beside a region's name ("jonglei state", "the southern state of …"), an ordinary word elsewhere
    ("the state of mind", "state police")?"""
    return word in words("place_kinds") or word == "state"


def _compass_kind_of(m: Match) -> bool:
    """Is the match a compass word and a kind of place, then "of" ("the southern state of santa catarina", "THE
    EASTERN PROVINCE OF KANDAHAR", "the northern region of tigray")?  In text without case that describes the
    place named after it, not a region called so elsewhere (Zambia's Southern Province, Saudi Arabia's Eastern
    Province), unless that place is a country holding it ("the eastern province of saudi arabia")."""
    doc = m.doc
    if m.j == m.i or doc.words[m.i].lower() not in words("compass_words") \
            or not all(_region_kind(w.lower()) for w in doc.words[m.i + 1:m.j + 1]):
        return False
    after = _OF_AFTER.match(doc.text, m.end)
    if after is None:
        return False
    if m.gazetteer is None:
        return True
    t = m.j + 2  # the words after "of"
    names = (" ".join(doc.words[t:t + k]) for k in range(min(3, len(doc.words) - t), 0, -1))
    return not any(contains(country, c) for name in names for country in m.gazetteer.candidates(name)
                   if country.is_country for c in m.candidates[:10])


#: The words for a kind of water or a mountain that names hold ("Lake Victoria", "the Chindwin River", "Mount
#: Semeru"); not "valley" or "desert", which make descriptions too ("the central valley").
_FEATURE_KINDS = frozenset(("lake", "river", "sea", "ocean", "gulf", "bay", "strait", "mount", "canal", "falls",
                            "channel"))


def _uncased_verdict(m: Match, common: bool, evidence: bool) -> str | None:
    best = m.best
    if best.match_kind is NameKind.ABBREVIATION and best.matched_name.lower() == m.surface.lower() + ".":
        # a shortened word without its full stop is a word: "MASS ABDUCTION", not "Mass." ("NJ" is "N.J.")
        return SHORTER
    if best.match_kind is NameKind.ABBREVIATION and m.surface.endswith("."):
        # a state's abbreviation after a place and a comma: "springfield, ill.", "BOSTON, MASS."; a word that
        # is one only there ("SHE WAS TIRED, ILL.")
        return None if abbreviation_after_comma(m) or not (common or _common_word(m.surface[:-1].lower())) \
            else SHORTER
    if m.strong:  # in a headline or in capitals, "Turkey" is the country; in lower case, "turkey" needs more
        if common and best.feature_class == "A" and not best.is_country and m.doc.word_before(m.i) == "the":
            # "FARMERS IN THE DELTA": a region's common word after "the" is that word ("THE PACIFIC" is the ocean)
            return SHORTER
        if common and not evidence and (m.casing is LOWER or (
                best.feature_class == "A" and not best.is_country and best.match_kind <= NameKind.ASCII)):
            return SHORTER
        return None
    if best.match_kind is NameKind.ALTERNATE and len(m.surface) <= 3:
        return SHORTER  # "RETURNED TO PRE-PANDEMIC LEVELS" is not Prato ("Pre")
    if m.j > m.i and best.feature_class == "A" and best.match_kind <= NameKind.ASCII \
            and (m.doc.words[m.j].lower() in words("place_kinds")
                 or (m.doc.words[m.j].lower() == "state" and best.feature_code == "ADM1")):
        # its own name says what kind of place it is: "ATHENS COUNTY EMERGENCY MANAGEMENT", "IN SOUTH SUDAN'S
        # JONGLEI STATE" (a state is a first-level region: "SAN DIEGO STATE" is a university, not a Colombian
        # municipality; and "state" is no kind word elsewhere: "THE STATE OF MIND", "9:38 A.M. STATE POLICE")
        return None
    if m.j > m.i and best.feature_class in NATURAL_CLASSES and best.match_kind <= NameKind.ASCII \
            and (m.doc.words[m.i].lower() in _FEATURE_KINDS or m.doc.words[m.j].lower() in _FEATURE_KINDS):
        return None  # so does a lake's or river's: "capsized on lake victoria", "ALONG THE CHINDWIN RIVER"
    if not common and best.feature_class in NATURAL_CLASSES and best.match_kind <= NameKind.ASCII \
            and m.doc.word_before(m.i) == "the":
        return None  # news names a river, sea, mountain range or desert with "the": "the indus burst its banks"
    if common:  # "the town of dilling" ("dill"), "the town of hays": a kind before the name, stronger than "in"
        return None if (evidence and _prominent(m)) or _kind_named(m.doc, m.i, m.j, after=False) \
            or _container_follows(m) else SHORTER
    if _prominent(m) or (m.best.match_kind <= NameKind.ASCII and (evidence or _kind_named(m.doc, m.i, m.j)
                                                                   or _container_follows(m))):
        return None  # "near avdiivka", "IN THE MAQBANAH DISTRICT", "a raid on kaura namoda in zamfara state"
    if m.best.match_kind is NameKind.ALTERNATE and (
            (evidence and m.best.population >= m.w.weak_population) or _kind_named(m.doc, m.i, m.j)
            or (_container_follows(m, any_name=True) and not _region_kind(m.doc.words[m.i].lower()))):
        # (by another spelling: "NEAR RUTBA IN IRAQ'S WESTERN ANBAR"; not a kind of place and "of" before a name,
        # "IN THE PROVINCE OF PATAZ, IN PERU'S …": the name starts after "of", as in cased text)
        return None
    return SHORTER


#: What stands between a name and the region or country that holds it: "may pen, clarendon", "MORA IN
#: CAMEROON'S FAR NORTH REGION".
_IN_GAP = re.compile(r"\s+(?i:in)\s+")  # (after an apposition, only "in": "mora, a town in cameroon's …")
_CONTAINER_GAP = re.compile(rf",\s*|{_IN_GAP.pattern}")


def _container_follows(m: Match, any_name: bool = False) -> bool:
    """Is the name followed, after a comma or "in", by a country or region that holds one of its places
    (over a compass word: "near mora, northern cameroon"; a country's possessive counts: "mora in
    cameroon's far north region")?  Or preceded by one as its possessor ("IN OUTER DELHI'S BAWANA INDUSTRIAL
    AREA")?  The text then places it as a writer places a town, which says more than a locative: "in may pen,
    clarendon" is the Jamaican town, in any case.  ``any_name``: a place the match names by another of its names
    counts too ("NEAR RUTBA IN IRAQ'S WESTERN ANBAR DESERT": GeoNames' Ar Rutbah)."""
    doc = m.doc
    if m.gazetteer is None:
        return False
    if m.i and doc.text[doc.tokens[m.i - 1][1]:doc.tokens[m.i][0]] in POSSESSIVE_GAPS \
            and _holds_own_place(m, (" ".join(doc.words[m.i - k:m.i]) for k in range(min(3, m.i), 0, -1)), any_name):
        return True  # ... or before it, as its possessor: "IN OUTER DELHI'S BAWANA INDUSTRIAL AREA"
    end, t, gap = m.end, m.j + 1, _CONTAINER_GAP
    kind = _appositive_kind().match(doc.text, m.end)
    if kind is not None:  # ... over what kind of place it is: "in mora, a town in cameroon's far north region"
        end, t, gap = kind.end(), bisect_left(doc.tokens, (kind.end(),)), _IN_GAP
    if gap.match(doc.text, end) is None:
        return False
    if t < len(doc.words) and doc.words[t].lower() == "in":
        t += 1
    if t < len(doc.words) and doc.words[t].lower() in words("compass_words"):
        t += 1
    if t >= len(doc.words):
        return False
    n = 1  # the words after it that may make one name
    while n < 3 and t + n < len(doc.words) and gap_ok(doc.text, doc.tokens[t + n - 1][1], doc.tokens[t + n][0]):
        n += 1
    return _holds_own_place(m, (" ".join(doc.words[t:t + k]) for k in range(n, 0, -1)), any_name)


def _area_keys(m: Match, word: bool) -> frozenset[str]:
    """The areas whose naming backs the name up, over its first candidates: the country of a country,
    large region, national capital or demonym; the first-level region ("CC.A1") of a town of
    ``uncased_min_population`` called by its own name, when the name is no common word (a surname may
    be: "hamilton")."""
    keys = set()
    for c in m.candidates[:5]:
        if c.match_kind is NameKind.DEMONYM:  # "french airspace" beside French towns
            keys.add(c.country_code)
        if c.match_kind > NameKind.ABBREVIATION:
            continue
        if strong_place(c, m.w) or c.feature_code == "PPLC":
            keys.add(c.country_code)
        elif not word and c.admin1_code and _big_town(c, m.w):
            keys.add(region_key(c))
    return frozenset(keys)


def _area_named_otherwise(m: Match, word: bool) -> bool:
    """Does the text name, by other places or a demonym, the country of this country, large region or
    national capital ("zimbabwe declared a national disaster" under "harare (reuters) -"), or the region
    of this large town ("the hamilton transport centre" beside "waikato police")?  Known in the
    recogniser's second reading (``Document.areas``); a common word gets no help from its region or
    country ("nice", "reading" and "split" in a story naming France, Britain or Croatia are still words)."""
    return bool(m.doc.areas) and not m.doc.areas.isdisjoint(_area_keys(m, word))


#: The units a distance off a coast is given in ("20 nautical miles off ormara", "2 km off kartong").
_DISTANCE_UNITS = frozenset(("km", "kms", "kilometres", "kilometers", "miles", "mi", "nm"))


def _locative_before(doc: Document, i: int, word: bool = False, locatives: frozenset[str] | None = None,
                     j: int | None = None) -> bool:
    """Does a locative stand before token ``i``, over one compass word ("near avdiivka", "in eastern chad") or a
    word of where in a town (``document.WHERE_IN_TOWN``: "in downtown pineville")?
    Before a common ``word``, "of" counts only after a compass word ("north of aleppo"): "the history of
    male violence" names no place, "the evacuation of yellowknife" does; and "off" only after a distance ("two
    miles off hope"): "cutting off riverside communities" is a verb's.  ``locatives``: the words that count
    (default: the ``locatives`` list); ``j``: the name's last token, when known."""
    compass = words("compass_words")
    before, over = doc.word_before(i), doc.word_over_where(i)
    if over:
        before = over
    elif before == "of" and word:
        return i >= 2 and doc.word_before(i - 1) in compass
    elif before == "off":
        if word:
            return i >= 2 and doc.word_before(i - 1) in _DISTANCE_UNITS
        # ... and never before a road's word: "just off jewett road" is beside a road, not near a town
        return not (j is not None and j + 1 < len(doc.words) and doc.words[j + 1].capitalize() in words("way_words"))
    return before in (locatives if locatives is not None else words("locatives"))


def _area_noun_after(m: Match) -> bool:
    """Is the match a region's or district's own name followed by a noun of its people or its services
    (``place_nouns``: "staffordshire police said", "waikato residents")?  A force or a council is named for its
    area, as a town's hospital is for the town (``Document.marked`` reads the same words in mixed case).  Not a
    town's: "north wales police" is the Welsh force, not North Wales, Pennsylvania's."""
    doc = m.doc
    t = m.j + 1
    return m.best.feature_class == "A" and m.best.match_kind <= NameKind.ASCII and t < len(doc.words) \
        and doc.text[m.end:doc.tokens[t][0]] == " " and doc.words[t].lower() in words("place_nouns")


#: The locatives that seldom stand before a person's name ("in", "near"; not "of", "at", "from" or "to"): after
#: one of them, or a compass word and "of" ("west of cody"), a surname is a town's name (see ``uncased_name``).
_TOWN_LOCATIVES = frozenset(("in", "near", "outside", "inside", "around", "across", "through"))


#: Words that join the items of a list of names: "dublin, cork and galway", "china or japan".
_LIST_JOINS = frozenset(("and", "or", "&"))


def _listed_with_prominent_place(m: Match) -> bool:
    """Is the name an item of a list ("paris, lyon and marseille", "china and japan") whose item just
    before or after it is a prominent place (a country, a large region, a capital, a city of
    ``uncased_min_population``) called by its own name?  Lists name things of one kind: in a line
    without case, the neighbour says what kind that is (the lower-case "lyon" and "cork" are also
    a surname and a stopper)."""
    doc, gazetteer = m.doc, m.gazetteer
    if gazetteer is None:
        return False
    tokens, text, words_ = doc.tokens, doc.text, doc.words
    ends: list[int] = []  # the last token of the item before
    i = m.i
    if i >= 1 and text[tokens[i - 1][1]:m.start].strip() == ",":
        ends.append(i - 1)
    elif i >= 2 and words_[i - 1].lower() in _LIST_JOINS and text[tokens[i - 1][1]:m.start] == " " \
            and text[tokens[i - 2][1]:tokens[i - 1][0]].strip() in ("", ","):
        ends.append(i - 2)
    starts: list[int] = []  # the first token of the item after
    j, n = m.j, len(tokens)
    if j + 1 < n and m.end == tokens[j][1]:
        gap = text[m.end:tokens[j + 1][0]]
        if gap.strip() == "," and words_[j + 1].lower() not in _LIST_JOINS:
            starts.append(j + 1)
        elif gap.strip() in ("", ",") and words_[j + 1].lower() in _LIST_JOINS and j + 2 < n \
                and text[tokens[j + 1][1]:tokens[j + 2][0]] == " ":
            starts.append(j + 2)
    queries = [text[tokens[e - k][0]:tokens[e][1]] for e in ends for k in range(min(3, e + 1))]
    queries += [text[tokens[s][0]:tokens[s + k][1]] for s in starts for k in range(min(3, n - s))]
    # (a neighbour that is also a common word counts once a first reading found it: "so shit, man" lists no
    # places, and "dublin, cork and galway" does)
    return any(any(_prominent_place(c, m.w) for c in gazetteer.candidates(q)[:3])
               and (not _common_word(q.lower()) or normalize_name(q) in doc.known) for q in queries)


def _common_word(low: str) -> bool:
    """Is a lower-case word a common English word, and not a name a modern dictionary writes only with a
    capital ("china" and "cork" are common words, "berlin" and "canada" names)?"""
    return is_common_word(low) and low not in words("proper_nouns")


def _prominent_place(c: Place, w: Weights) -> bool:
    """A country, large region, capital or city of ``uncased_min_population``, called by its own name."""
    return c.match_kind <= NameKind.ABBREVIATION and (strong_place(c, w) or _big_town(c, w))


def _kind_named(doc: Document, i: int, j: int, after: bool = True) -> bool:
    """Does the text say what kind of place tokens ``i``..``j`` name: "the town of X", or (``after``) "the X
    district", "ZAKI BIAM, A MARKET TOWN IN …"?  (A word after a surname is often an institution's: "the
    madison county sheriff".)"""
    kinds = words("place_kinds")
    return (i >= 2 and doc.words[i - 1].lower() == "of" and doc.words[i - 2].lower() in kinds) or (
        after and j + 1 < len(doc.words) and (doc.words[j + 1].lower() in kinds
                                              or _appositive_kind().match(doc.text, doc.tokens[j][1]) is not None))


@lru_cache(maxsize=1)
def _appositive_kind() -> re.Pattern:
    """", a market town", ", the provincial capital", ", a village", ", the headquarters of Neelum district", ", the
    seat of the county": an apposition that says what kind of place the name before it is (up to two words before
    the kind)."""
    kinds = "|".join(sorted(words("place_kinds") | {"capital", "headquarters", "seat"}, key=len, reverse=True))
    return re.compile(rf",\s+(?i:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?i:{kinds})\b")


def _prominent(m: Match) -> bool:
    """Is one of the first candidates, called so by its own name, a capital or a large city?"""
    return any(_big_town(c, m.w) for c in m.candidates[:3] if c.match_kind <= NameKind.ABBREVIATION)


def _big_town(c: Place, w: Weights) -> bool:
    """A national capital, or a town of ``uncased_min_population``."""
    return c.feature_code == "PPLC" or (c.feature_class == "P" and c.population >= w.uncased_min_population)


def acronym(m: Match) -> str | None:
    """Short all-capital words are acronyms ("ISIS", "CNN"), unless known place abbreviations."""
    if m.casing is not MIXED:
        return None  # a line in capitals: uncased_name judges
    first = m.first
    if m.i == m.j and first.isupper() and len(first.replace(".", "")) <= 4 and not m.strong:
        return SHORTER
    bare = m.surface.replace(".", "").replace(" ", "")
    if bare.isupper() and len(bare) <= 3 and not m.strong:
        return SHORTER
    return None


#: The last words of a name that an office or building after it may claim: "Town Hall", "City Council".
_CIVIC_HEADS = frozenset({"Borough", "City", "County", "Township", "Town", "Village"})


def civic_office(m: Match) -> str | None:
    """A name ending in "Town", "City" or "County" before an institution word ("Hanover Town Hall",
    "Dublin City Council") leaves that word to the institution when the longer name is only
    another place's alternate name: the town is "Hanover", not the Virginian hamlet once called
    "Hanover Town", and "Dublin City" here is Dublin, Ohio's council.  A place's own name keeps it:
    "Boulder City Council", "Kansas City Hall", "Henderson County Jail"."""
    doc, j = m.doc, m.j
    if j > m.i and m.best.match_kind > NameKind.ABBREVIATION and _civic_office_next(doc, j) \
            and gap_ok(doc.text, doc.tokens[j][1], doc.tokens[j + 1][0]):
        return SHORTER
    return None


def _civic_office_next(doc: Document, k: int) -> bool:
    """Do tokens ``k`` and ``k + 1`` name a town's office or building: "Town Council", "City Hall"?"""
    return doc.words[k] in _CIVIC_HEADS and k + 1 < len(doc.tokens) and doc.words[k + 1] in words("keep_after")


#: A weekday or a month after a place is the date of what happened there, the wire services' style: "in
#: Quezon City Wednesday evening", "talks opened in Paris December 3" ("May" and "March" are other words too).
_DATE_WORDS = frozenset(w.capitalize() for w in (*WEEKDAYS, *MONTHS) if w not in ("may", "march")
                        and not any(o != w and o.startswith(w) for o in MONTHS))  # (full names: not "Sept")


def glued_to_next_capital(m: Match) -> str | None:
    """A name glued to a capitalised word it does not include is part of a longer name: "Paris
    Hilton", "Manchester United", "Jordan Peterson said", "Terry A. Corbin" (but not "Texas Police", "Bloomfield
    Town Council", "Syrian President", "Quezon City Wednesday", or a word the text also writes in lower case)."""
    doc, j, end = m.doc, m.j, m.end
    tokens = doc.tokens
    if m.casing is not MIXED:
        return None  # every word of the line is capitalised, or none
    if m.best.match_kind is NameKind.DEMONYM:
        return None  # an adjective before a noun: "Brazilian Amazon", "Syrian Army"
    if j + 2 < len(tokens) and end == tokens[j][1] and _initial_after(doc, j) and not m.best.is_country:
        return SHORTER  # a first name before a middle initial: "the hit-and-run death of Terry A. Corbin"
    # (The next word's capital first: most words are not capitalised, and it is a list look-up.)
    if j + 1 < len(tokens) and end == tokens[j][1] and doc.caps[j + 1] \
            and gap_ok(doc.text, tokens[j][1], tokens[j + 1][0]):
        nxt = tokens[j + 1][2]
        if nxt not in words("keep_after") and nxt not in TITLECASE_SKIP and nxt not in _DATE_WORDS \
                and nxt.lower() not in doc.lower_words \
                and not _civic_office_next(doc, j + 1):
            person = (j + 2 < len(tokens) and tokens[j + 2][2] in words("reporting_verbs")) or nxt in doc.persons
            if (not m.strong or person) and not _region_follows(m):
                return SHORTER
    return None


def _initial_after(doc: Document, j: int) -> bool:
    """Do a middle initial and a surname follow token ``j`` ("Terry A. Corbin"; not "Newark N. J.")?"""
    tokens = doc.tokens
    initial, after = tokens[j + 1], tokens[j + 2]
    return len(initial[2]) == 1 and initial[2].isupper() and doc.text[tokens[j][1]:initial[0]] == " " \
        and doc.text[initial[1]:after[0]] == ". " and doc.caps[j + 2] and len(after[2]) > 1


#: Particles that join the words of a Romance place name: "Laguna **de** Bay", "Puerta **del** Sol".
_NAME_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "di", "du", "des"})


def glued_by_a_particle(m: Match) -> str | None:
    """A name followed by a Romance particle and a capitalised word is part of a longer name
    ("the boat capsized in **Laguna de Bay**", a lake, is not the province of Laguna); the
    gazetteer's longer names ("Rio de Janeiro", "Valle del Cauca") are matched whole before this
    rule is asked."""
    if m.casing is not MIXED:
        return None
    doc, j = m.doc, m.j
    tokens = doc.tokens
    if j + 2 < len(tokens) and m.end == tokens[j][1] and tokens[j + 1][2] in _NAME_PARTICLES \
            and doc.caps[j + 2] and doc.text[m.end:tokens[j + 1][0]] == " " \
            and doc.text[tokens[j + 1][1]:tokens[j + 2][0]] == " ":
        return SHORTER
    return None


def glued_to_unknown_word(m: Match) -> str | None:
    """In a line in capitals or in lower case, where no capital can glue a name to the next word, a
    town's name followed by a word that is neither an English word nor a place is part of a longer name
    the gazetteer lacks: "NEAR THE CENTRAL TOWN OF **BULO BURDE**" is not Bulo, Philippines ("IN
    TARMIYAH POLICE SAID", "IN MOKWA NIGERIA" keep the town).  Not a capital, a city of
    ``uncased_min_population`` or a region: the word list misses inflections ("darfur held", "leeds
    cancelled"), and a large place is rarely part of a longer name."""
    if not _uncased_small_town(m):
        return None
    doc, j = m.doc, m.j
    tokens = doc.tokens
    if j + 1 >= len(tokens) or m.end != tokens[j][1] or doc.text[m.end:tokens[j + 1][0]] != " ":
        return None
    nxt = tokens[j + 1][2]
    low = nxt.lower()
    if len(low) < 3 or is_common_word(low) or low in words("function_words") or low in _lower_keep_after() \
            or low in words("place_kinds"):
        return None
    # a place's name, or the longer name a place has ("LAKKI MARWAT", turned down as too weak a reading
    # of the town Lakki), is no unknown word
    if m.gazetteer is not None and (m.gazetteer.candidates(nxt) or m.gazetteer.candidates(f"{m.surface} {nxt}")):
        return None
    return SHORTER


def _uncased_small_town(m: Match) -> bool:
    """Is ``m`` in a line in capitals or in lower case, not strong, not a capital or a large city, and a town
    (the names the ``glued_to_…`` rules of such lines may take apart)?"""
    return (m.casing is UPPER or m.casing is LOWER) and not m.strong and not _prominent(m) \
        and m.best.feature_class == "P"


#: A river's or a road's word after a name (a number or a roman numeral may stand between: "Queen Elizabeth II
#: Highway"; see :func:`glued_to_feature_word`).  Not a dam's, a lake's or a reservoir's: those are named for the
#: town beside them ("the Haditha dam", "Kariba").
_FEATURE_AFTER = re.compile(r" (?:(?i:[ivx]{1,4}) |\d{1,3} )?((?i:river|creek|canal|highway|expressway|freeway|"
                            r"motorway|parkway|bypass|street|avenue|boulevard))\b"
                            # ... or a street's shortened word before what ends an address ("45 hungerford st. in
                            # the city", "180 CLINTON ST., WHERE"; not "st." before a saint's name)
                            r"|(?i: (st|ave|blvd)\.?(?=,|;|:|\)|\s*$|\s+(?:in|on|at|near|and|or|where|when|was|is|"
                            r"were|to|from|between|after|before|about|the)\b))")


def glued_to_feature_word(m: Match) -> str | None:
    """In a line in capitals or in lower case, a town's name followed by the word for a river or a road (a
    number or a roman numeral may stand between) names that feature, not a town called alike: "A BUS
    FELL INTO THE MANTARO RIVER" is not Mantaro, a town of Cusco; "the trishuli river" not Bidur, once called
    Trishuli; "ON THE QUEEN ELIZABETH II HIGHWAY" not Queen Elizabeth, Saskatchewan.  Without case, such a name
    has only the locative before it to stand on ("into", "on"), and that the feature has too; a headline read
    with its story would carry the town to both.  Not when a candidate is that feature (the ``feature_worded`` prior
    takes it), nor a capital, a city of ``uncased_min_population`` or a region ("the swat river" runs
    through the Swat district the story is about); and not "road", which ends a route named for the towns
    at its ends ("the kabul-jalalabad road")."""
    if not _uncased_small_town(m):
        return None
    found = _FEATURE_AFTER.match(m.doc.text, m.end)
    if found is None:
        return None
    codes = FEATURE_WORDS.get((found.group(1) or found.group(2)).lower(), ())
    if codes and any(c.feature_code in codes for c in m.candidates[:10]):
        return None
    return NOT_A_PLACE


@lru_cache(maxsize=1)
def _lower_keep_after() -> frozenset[str]:
    return frozenset(w.lower() for w in words("keep_after"))


_NEXT_NAME = re.compile(r" ([A-Z][\w.'’-]*)(?: ([A-Z][\w.'’-]*))?(?: ([A-Z][\w.'’-]*))?")


def _containers(gazetteer, name: str) -> list[Place]:
    """The countries and regions a name (or a two-letter code) may be."""
    found = list(gazetteer.candidates(name))
    if len(name) == 2 and name.isupper():
        found += gazetteer.candidates(name, kinds=(NameKind.CODE,))
    return [c for c in found if c.is_country or c.feature_code in ("ADM1", "ADM2")]


def _region_follows(m: Match) -> bool:
    """Is the name right after the match, with no comma, a country or region one of its places lies
    in ("Paris France", "Seattle WA", "Berlin Germany")?  Then the two are a place and its
    qualifier, not one longer name."""
    if m.gazetteer is None:
        return False
    after = _NEXT_NAME.match(m.doc.text, m.end)
    if after is None:
        return False
    parts = [p for p in after.groups() if p]
    return _holds_own_place(m, (" ".join(parts[:k]).rstrip(".,") for k in range(len(parts), 0, -1)))


def _holds_own_place(m: Match, names: Iterable[str], any_name: bool = False) -> bool:
    """Is one of ``names`` (tried in turn: the longest reading of the words after the match first) a
    country or region that holds one of the places the match names by their own name (by any, ``any_name``)?"""
    own = [c for c in m.candidates[:10] if any_name or c.match_kind <= NameKind.ABBREVIATION]
    return any(contains(region, c) for name in names for region in _containers(m.gazetteer, name) for c in own)


def _region_of_previous(m: Match) -> bool:
    """Is the match a country or region that the place right before it lies in ("Seattle
    Washington", "San Jose California": the name before may have up to three words)?"""
    doc, i = m.doc, m.i
    if m.gazetteer is None or not any(c.is_country or c.feature_code in ("ADM1", "ADM2") for c in m.candidates):
        return False
    regions = [r for r in m.candidates if r.is_country or r.feature_code in ("ADM1", "ADM2")]
    for k in range(1, min(3, i) + 1):
        name = " ".join(doc.words[i - k:i])
        before = [c for c in m.gazetteer.candidates(name) if c.match_kind <= NameKind.ABBREVIATION][:10]
        if any(contains(region, c) for region in regions for c in before):
            return True
    return False


def glued_to_previous_capital(m: Match) -> str | None:
    """A name after a capitalised word that is not a title or institution word, or after a first name
    and a middle initial ("John Q. Paris"), is a person's or a longer name's last part: "Michael
    Jordan" (countries and demonyms excepted; and not
    after a function word that only starts the sentence, "Like Paris, Texas", or a demonym, "the
    Brazilian Amazon")."""
    doc, i = m.doc, m.i
    if i > 1 and m.casing is MIXED and doc.text[doc.tokens[i - 1][1]:m.start] == ". " \
            and middle_initial(doc.text, doc.tokens, doc.caps, i - 1, words("stop")) \
            and not m.best.is_country and m.best.match_kind is not NameKind.DEMONYM:
        return SHORTER  # "John Q. Paris": a surname after a middle initial
    if i > 0 and m.casing is MIXED and doc.caps[i - 1] and gap_ok(doc.text, doc.tokens[i - 1][1], m.start):
        prev = doc.tokens[i - 1][2]
        if prev not in words("stop") and prev not in words("keep_after") \
                and not _sentence_initial_word(doc, i - 1) and not _dateline_function_word(doc, i - 1) \
                and not _after_demonym(m) and not m.best.is_country and m.best.match_kind is not NameKind.DEMONYM \
                and not _region_of_previous(m):
            return SHORTER
    return None


def _dateline_function_word(doc: Document, k: int) -> bool:
    """Is token ``k`` a function word in a dateline's capitals, the line's words up to it all capitals ("CITY OF
    SAN FERNANDO, Pampanga — …")?  It joins no name to the one after it."""
    word = doc.tokens[k][2]
    if not (len(word) > 1 and word.isupper() and word.lower() in words("function_words")):
        return False
    while k > 0 and not doc.line_start[k]:
        k -= 1
        if not doc.tokens[k][2].isupper():
            return False
    return True


def _sentence_initial_word(doc: Document, k: int) -> bool:
    """Is token ``k`` a function word or a count capitalised only because it starts a sentence ("Like Paris",
    "Unlike Homs", "Three Philadelphia police officers were hurt"; not "Real Madrid")?"""
    return doc.at_sentence_start(doc.tokens[k][0]) and (doc.words[k].lower() in words("function_words")
                                                         or doc.words[k].lower() in COUNT_WORDS)


#: Counts a sentence may open with before a name ("Two Kokomo teenagers", "One Dayton man"): no part of it.
COUNT_WORDS = frozenset(("one",) + NUMBER_WORDS)


def _after_demonym(m: Match) -> bool:
    """Is the word before the match a demonym, an adjective ("the Brazilian Amazon")?"""
    if m.gazetteer is None or m.i == 0:
        return False
    before = m.gazetteer.candidates(m.doc.words[m.i - 1])
    return bool(before) and before[0].match_kind is NameKind.DEMONYM


def person_named_before(m: Match) -> str | None:
    """The second word of a two-word name, used alone later, is the person: "Obama" after
    "Barack Obama" (only for places under ``person_population``; not when the two words are a place's
    name: "Wolaita Sodo" leaves "Sodo" the town; nor where the text says what kind of place it is or
    which region holds it: "the southern city of Ponce", "Ponce, Puerto Rico" in a story that also names
    Juan Ponce de León)."""
    if m.i == m.j and not m.strong and m.surface in m.doc.persons and m.best.population < m.w.person_population \
            and not _after_demonym(m) and not _in_place(m) and not _kind_named(m.doc, m.i, m.j) \
            and not _container_follows(m):
        return SHORTER
    return None


#: Words before a name that only a place takes ("in Orléans", "near Tilbury"; not "to Henry", "of Jones").
_IN_PLACE_WORDS = frozenset(("in", "near", "outside", "inside", "through", "across", "around"))


def _in_place(m: Match) -> bool:
    """Is the name said to be where something is ("a shooting in Orléans"), not owned ("in Obama's stimulus")?
    Then the two-word name it ended elsewhere ("France Bleu Orléans", a radio station) made no person of it."""
    doc, i = m.doc, m.i
    return i > 0 and doc.word_before(i) in _IN_PLACE_WORDS and doc.tokens[i - 1][1] + 1 == doc.tokens[i][0] \
        and not _SAID_OWNED_OR_LONGER.match(doc.text, m.end)


#: After a name: its owner's mark ("in Obama's stimulus"), or a capitalised word that goes on with the name
#: ("in Mill Road").
_SAID_OWNED_OR_LONGER = re.compile(r"['’]|\s[A-Z]")


# ", 45," or ", 6, and": a person's age after the name, as news gives it
_AGE_AFTER = re.compile(r", (?:1[01]\d|[1-9]?\d)(?:,(?!\d)| and\b|\.(?=\s|$))")


def person_age(m: Match) -> str | None:
    """A name followed by an age is a person: "Howard Brown, 45, of Las Vegas", "his children, Hailey,
    6, and Caleb, 4" (not Hailey, Idaho), "… leased to Barry M. George, 46." (not George, Iowa).  Countries,
    first-level regions and cities the size of a ``person_population`` are left alone: "Texas, 12, and Ohio,
    4" counts cases by state."""
    if m.strong or m.best.population >= m.w.person_population or m.best.feature_code == "ADM1":
        return None
    return SHORTER if _AGE_AFTER.match(m.doc.text, m.end) else None


#: After a name: "and", a given name and a surname ("Missy and Bill Wilkinson", "Florence & John Hale").
_COUPLE_AFTER = re.compile(r" (?:and|&) ([A-Z][a-z]+) ([A-Z][a-z'’-]+)\b")


def one_of_a_couple(m: Match) -> str | None:
    """A name before "and", a frequent given name (``given_names``) and a surname is the first of two people of
    that surname, as news and notices name a couple: "the son of **Missy** and Bill Wilkinson" (not Missy,
    Normandy), "survived by **Marion** and Robert Hale".  One word in mixed case, below ``person_population``;
    not before a place's kind ("Clinton and Warren Counties" are two counties)."""
    if m.i != m.j or m.casing is not MIXED or m.strong or m.best.population >= m.w.person_population:
        return None
    after = _COUPLE_AFTER.match(m.doc.text, m.end)
    if after is None or after.group(1).lower() not in words("given_names") or _place_kind(after.group(2).lower()):
        return None
    return NOT_A_PLACE


def _place_kind(word: str) -> bool:
    """Is ``word`` (lower case) a kind of place (``place_kinds``), or its plural ("counties", "parishes")?"""
    kinds = words("place_kinds")
    return word in kinds or word[:-1] in kinds or word[:-2] in kinds \
        or (word.endswith("ies") and word[:-3] + "y" in kinds)


def named_relative(m: Match) -> str | None:
    """A name the text gives a relative (``Document.relatives``: "accused of murdering her daughter,
    **Brittany**", "his son **Jordan**") is that person wherever it stands alone, unless the text marks it
    there as a place: "giving Brittany a lethal dose" is not the French region, but "his wife, Georgia, …
    moved to Georgia" is both.  Not a country, nor a city the size of a ``person_population``."""
    if m.i != m.j or m.surface not in m.doc.relatives or m.doc.says_place(m.i, m.end) or m.best.is_country \
            or (m.best.feature_class == "P" and m.best.population >= m.w.person_population):
        return None
    return NOT_A_PLACE


def reporting_verb(m: Match) -> str | None:
    """A name before a reporting verb, or a verb of a person's travel, is a person: "Jones said",
    "Freeland left for Washington", "Lincoln visited the capital's defenders" (but "Police in
    Dayton said").  Not a national capital by its own name: news lets the capital speak for its
    government ("Kinshasa recalled its ambassador", "Moscow said")."""
    doc, j = m.doc, m.j
    if m.i == j and not m.strong and j + 1 < len(doc.tokens) and doc.tokens[j + 1][2] in words("reporting_verbs") \
            and doc.word_before(m.i) not in words("locatives") \
            and not (m.best.feature_code == "PPLC" and m.best.match_kind <= NameKind.ASCII):
        return SHORTER
    return None


#: The feature codes of a country's or a region's seat (a district's "Hawija" is its seat's name too).
_SEAT_CODES = frozenset(("PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4"))


def common_word_small_place(m: Match) -> str | None:
    """A single common English word, a frequent personal name, or an obscure alias that names only
    a small place needs the text to mark it as a place ("in Hope", "Hope, Ark."; not "at Duke University", where
    the locative is the building's; an other name in brackets after a name so marked: "near Koya (Koysinjaq)"; a
    hashtag for a name: "#Ferguson"; a place noun for a name: "Ferguson police"; for an alias of a region or a
    region's seat that is no common word, the kind of region after it: "in the Hawija district",
    not "the Hunter Region" for Hunter, Ohio; for a town's alias that is no common word, an industrial site
    named after it: "the Baiji oil refinery").  Also a common word, or a word
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
        # (a locative before a building's name is the building's: "patients at Duke University Medical Center"
        # are not in Erwin, North Carolina, once called Duke)
        says = doc.says_place(m.i, m.end) and not _BUILDING_AFTER.match(doc.text, m.end)
        if not says and not (name and not alias and doc.marked(m.i, m.end, surface)) \
                and not (alias and not word and (best.feature_class == "A" or best.feature_code in _SEAT_CODES)
                         and doc.region_kind_after(m.end)) \
                and not (alias and not common and best.feature_class == "P" and doc.site_after(m.end)) \
                and not (not word and doc.region_kind_after(m.end) and _region_of_that_name(m.candidates)):
            return SHORTER
    return None


#: After a name: a word that makes it a building's or an institution's ("Duke University", "Grace Hospital").
_BUILDING_AFTER = re.compile(r" (?:University|College|Hospital|Medical|Clinic|School|Academy|Stadium|Arena|Church|"
                             r"Cathedral|Chapel|Mosque|Temple|Museum|Library|Theatre|Theater|Hall|Mall|Hotel)\b")


def _region_of_that_name(candidates) -> bool:
    """Is one of a name's places a region that has that name as its own ("the Hays district of Yemen's Hodeida
    province": Hays, a surname, is also a Yemeni district; "the Reasi district", whose town GeoNames spells
    Riāsi)?"""
    return any(c.feature_code in ("ADM1", "ADM2") and c.match_kind is not NameKind.ALTERNATE for c in candidates)


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

_CODE_AFTER = re.compile(r"(?:, ?| )([A-Z]{2})\b(?![\w'’-])")


#: Codes that are English words too ("ON" Ontario, "IN" Indiana or India, "OR" Oregon, "ME" Maine, "IT" Italy).
_CODES_THAT_ARE_WORDS = frozenset(("ON", "IN", "OR", "ME", "HI", "AT", "BY", "TO", "IS", "IT", "NO", "SO", "MY", "AS",
                                   "BE", "DO", "US", "AN", "OF", "UP", "WE", "IF", "GO", "AM", "HE"))
#: What may follow such a code in a line in capitals: a dash, a bracket, a stop or comma, the line's end.
_CODE_ENDS = re.compile(r"\s*(?:$|[-—–(),.;:\n])", re.MULTILINE)


def code_qualifier(spans: list[Span], doc: Document, gazetteer: "Gazetteer", w: Weights) -> list[Span]:
    """A two-letter postal or country code after a comma that names a state, province or country
    one of the mention's candidates lies in is a mention, and qualifies it: "Paris, TX" is Paris,
    Texas; "Richmond, CA" California, not Canada; also with no comma: "Seattle WA" (not in a line in
    capitals or lower case: "THE CITY OF ATHENS ON WEDNESDAY").  Two capitals after a comma are otherwise
    too often something else ("Paris, OK?")."""
    text = doc.text
    out = []
    for k, span in enumerate(spans):
        out.append(span)
        m = _CODE_AFTER.match(text, span.end)
        if m is None or span.kind != "place" or (k + 1 < len(spans) and spans[k + 1].start <= m.start(1)):
            continue
        # in a line in capitals every short word looks like a code: only after a comma ("ATHENS, OH", not
        # "… CITY OF ATHENS ON WEDNESDAY")
        if line_in_capitals(text, span.start) and (text[span.end] != "," or (
                m.group(1) in _CODES_THAT_ARE_WORDS and not _CODE_ENDS.match(text, m.end(1)))):
            continue  # ... and a code that is also a word ends its phrase ("ATHENS, ON —"; not "ATHENS, ON SATURDAY")
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

def lone_small_town(mention: Mention, span: Span, countries: Counter, w: Weights) -> bool:
    """A one-word town under ``lone_town_population`` that the text does not mark as a place, in a
    country no other place of the text or record lies in, is most often a person, a brand or a
    word: "Obama" (Obama, Fukui), "Nobel", "Barry".  Left out rather than pinned on the map."""
    place = mention.place
    if place is None or span.marked or mention.kind != "place" or place.feature_class != "P" \
            or place.population >= w.lone_town_population or " " in span.surface or "-" in span.surface:
        return False
    return countries[place.country_code] < 2  # itself alone


def unanchored_locality(mention: Mention, span: Span, countries: Counter, w: Weights) -> bool:
    """A name every sense of which is a locality of unknown size (a US post office town, GeoNames' PPLL), which
    the resolver left unresolved (no anchor: see the ``locality_needs_an_anchor`` rule), is most often a word, not
    a place the gazetteer lacks: "the state Capitol" (Capitol, Montana), "Hocking Hills State Park" (State Park,
    South Carolina).  Left out rather than kept as a place without a point."""
    return mention.place is None and mention.kind == "place" and bool(span.candidates) \
        and all(c.feature_code == "PPLL" for c in span.candidates)


# -- unfound rules: names the text puts something at that the gazetteer lacks ----------------------

#: A capitalised name of one or two words after a locative or a kind of place: "in Kamituga", "near Mai
#: Mahiu", "in the village of Dansadau", "swept through the village of Mai Mahiu", "THE CENTRAL TOWN OF BULO
#: BURDE" (group 1).  Also read by the incident chooser (``textfacts.unknown_place``).
_KIND_OF = (r"(?i:the\s+(?:[a-z-]+\s+)?(?:town|village|city|district|area|camp|hamlet|locality|municipality|"
            r"commune|community|settlement|neighbou?rhood|suburb|township)\s+of\s+)")
NAME_AFTER_LOCATIVE = re.compile(  # (the locatives' cases spelt out: a third faster than (?i:…) on long texts)
    rf"(?:\b(?:[Ii]n|IN|[Aa]t|AT|[Nn]ear|NEAR|[Oo]utside|OUTSIDE|[Ii]nto|INTO)\s+{_KIND_OF}?|\b(?=[Tt]he\s|THE\s)"
    rf"{_KIND_OF})"
    r"([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)")
_MONTHS = frozenset(MONTHS)
#: How alike a name the gazetteer lacks must be spelt to a place the same text names to be that place.
OWN_SPELLING_RATIO = 80


def _span_over(spans: list[Span], ends: list[int], a: int, b: int) -> Span | None:
    """The found span over ``a`` .. ``b``, if any (``spans`` in order, not overlapping; ``ends`` their ends)."""
    k = bisect_right(ends, a)  # the first span ending after a
    return spans[k] if k < len(spans) and spans[k].start < b else None


def _everywhere(text: str, name: str, candidates: tuple, spans: list[Span], ends: list[int],
                out: list[Span]) -> None:
    """Add to ``out`` a span of ``name`` with ``candidates`` at every place the text writes it as a whole word
    that no found span nor one of ``out`` covers (what an ``unfound`` rule finds, it finds everywhere)."""
    for w in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text):
        if _span_over(spans, ends, w.start(), w.end()) is None \
                and not any(o.start < w.end() and w.start() < o.end for o in out):
            out.append(Span(w.start(), w.end(), name, "place", candidates, False, True))


def spelt_otherwise(text: str, spans: list[Span], countries: set[str], gazetteer: "Gazetteer") -> list[Span]:
    """A name the text puts something at ("killed in Khemkaran", "a crash near Mai Mahiu") that the
    gazetteer has no entry for at all is a town spelt otherwise than the gazetteer spells it: it takes
    the town of 5,000 people or more in a country the text names whose name differs only as
    romanisations do (vowels, doubled letters, an "h" after a consonant, spaces, hyphens:
    ``normalize.romanisation_key``) and is spelt alike (rapidfuzz ratio ≥ 80; ``Gazetteer.spelt_like``):
    "Khem Karan", "Maai Mahiu", "Kita-Akita", "Korday" for Kordai; not Southbridge for a mall named
    "Southridge".  At every place the text writes it.  Only towns, unless the text calls the name an area:
    then first- and second-level regions first ("in Tharparkar district" is Thar Parkar District; "in Zinda
    Jan district", which the gazetteer lacks, is the town of Zindah Jān it is named after); a region's bare
    name without its word ("Copiah" beside Copiah County) is for the rules that weigh those.  Not a month, a
    name with a common English word in it ("Tri-State" for Tristate, Laughlin), a possessive, or a name in
    capitals in a cased text (a heading's words).  A place the same text names in another spelling is taken
    first, of any size and country, spelt alike at a lower bar (ratio ≥ 80): "in the Tunisian town of **Ben
    Guerdane** … from Ben Gardane itself"."""
    # the text's own spelling of a place it also names ("Ben Guerdane" beside "Ben Gardane", "Tajoura" beside
    # "Tajura"): any size, any country, spelt alike at a lower bar (ratio >= OWN_SPELLING_RATIO); read when
    # a name is first found unfound (most texts have none)
    own: dict[str, Span] | None = None
    out: list[Span] = []
    ends = [s.end for s in spans]  # spans are in order and do not overlap
    tried: set[str] = set()
    all_caps = text.isupper()  # (in a text all in capitals, a name in capitals is no heading's word)
    for m in NAME_AFTER_LOCATIVE.finditer(text):
        a, b = m.span(1)
        name = m.group(1)
        if all_caps and " " in name and name.rsplit(None, 1)[1].lower() in words("function_words"):
            name = name.rsplit(None, 1)[0]  # "NEAR ELWAK IN KENYA'S …": in capitals "IN" reads as a name's word
            b = a + len(name)
        if _span_over(spans, ends, a, b) is not None:
            continue  # a place it found (most are)
        # a name the text calls an area is a region spelt otherwise: "in Tharparkar district" (Thar Parkar)
        area = AREA_WORD_AFTER.match(text, b) is not None
        if not area and " " in name and AREA_WORD_AFTER.match(name, name.rindex(" ")):
            name, area = name[:name.rindex(" ")], True  # "in Tharparkar District": the level word read as a name's
            b = a + len(name)
        if (name, area) in tried:
            continue
        tried.add((name, area))
        parts = re.split(r"[\s-]+", name.lower())
        if (name.isupper() and not all_caps) or parts[0] in _MONTHS or name.endswith(("'s", "’s")) \
                or gazetteer.candidates(name):
            continue  # (a possessive says whose: "at Carter's home")
        if own is None:
            own = {romanisation_key(s.surface): s for s in spans
                   if s.candidates and s.kind == "place" and not s.surface.isupper()}
        same = own.get(romanisation_key(name))
        if same is not None and fuzz.ratio(name.lower(), same.surface.lower()) >= OWN_SPELLING_RATIO:
            found = same.candidates  # (a common word in it is the name's here: "Ben" of Ben Gardane)
        elif countries and not any(map(is_common_word, parts)):
            # (a district the gazetteer lacks is named after its seat: "in Zinda Jan district" is Zindah Jān)
            found = tuple(area and gazetteer.spelt_like(name, countries, regions=True)
                          or gazetteer.spelt_like(name, countries))
        else:
            continue
        if found:
            _everywhere(text, name, found, spans, ends, out)
    return sorted(out, key=attrgetter("start"))


#: "Shire, also known as Inda Selassie", "Zhanaozen (also spelled Janaozen)", "Gedaref, known locally as
#: Al-Qadarif": two names the text gives one place (a name: up to three capitalised words, "al-" allowed).
_ONE_NAME = r"((?:[Aa]l-|[Ee]l-)?[A-Z][\w'’-]*(?:\s(?:[Aa]l-|[Ee]l-)?[A-Z][\w'’-]*){0,2})"
NAMED_OTHERWISE = re.compile(
    _ONE_NAME + r"(?:,\s*|\s+\(\s*)(?i:(?:also|locally|better|formerly|previously)\s+)?"
    r"(?i:known\s+(?:locally\s+)?as|called|spelt|spelled|named)\s+" + _ONE_NAME)


def named_otherwise(text: str, spans: list[Span], countries: set[str], gazetteer: "Gazetteer") -> list[Span]:
    """The text gives a place it names another name the gazetteer lacks: "in Shire, in the northwest of
    Tigray … Shire, also known as Inda Selassie", "Zhanaozen (also spelled Janaozen)".  The name it lacks
    is that place, at every place the text writes it (its candidates are the other name's).  Only when one
    name is found and the other is found nowhere, not even as another place."""
    if "known" not in text and "spel" not in text and "called" not in text and "named" not in text:
        return []
    ends = [s.end for s in spans]
    out: list[Span] = []
    for m in NAMED_OTHERWISE.finditer(text):
        first, second = _span_over(spans, ends, *m.span(1)), _span_over(spans, ends, *m.span(2))
        if (first is None) == (second is None):
            continue  # both found (the resolver weighs them) or neither
        found, (a, b) = (first, m.span(2)) if first is not None else (second, m.span(1))
        # (a sentence's first words are no part of the name: "In Shire, also known as …")
        for w in re.finditer(r"\S+\s+", text[a:b]):
            if not is_common_word(w.group().strip().lower()):
                break
            a += len(w.group())
        name = text[a:b]
        if found.kind != "place" or not found.candidates or name.endswith(("'s", "’s")) \
                or gazetteer.candidates(name):
            continue  # (a common word is the place's name here: "Shire")
        _everywhere(text, name, found.candidates, spans, ends, out)
    return sorted(out, key=attrgetter("start"))


#: Capitalised words that never start a name ("A", "I").
TITLECASE_SKIP = frozenset({"A", "I"})

RULES: tuple[Rule, ...] = (
    Rule("party_place", "lookup", party_place),
    Rule("hyphen_head", "lookup", hyphen_head),
    Rule("bare_county_needs_full_name", "lookup", bare_county_needs_full_name),
    Rule("county_named_before", "lookup", county_named_before),
    Rule("abbreviation_case", "lookup", abbreviation_case),
    Rule("region_named_with_its_word", "lookup", region_named_with_its_word),
    Rule("dateline", "recognise", dateline),
    Rule("stop_word", "recognise", stop_word),
    Rule("currency", "recognise", currency),
    Rule("saints_day", "recognise", saints_day),
    Rule("disease_name", "recognise", disease_name),
    Rule("uncased_name", "recognise", uncased_name),
    Rule("street_name", "recognise", street_name),
    Rule("head_of_a_name", "recognise", head_of_a_name),
    Rule("personal_title", "recognise", personal_title),
    Rule("sentence_start_word", "recognise", sentence_start_word),
    Rule("acronym", "recognise", acronym),
    Rule("civic_office", "recognise", civic_office),
    Rule("glued_to_next_capital", "recognise", glued_to_next_capital),
    Rule("glued_to_unknown_word", "recognise", glued_to_unknown_word),
    Rule("glued_to_feature_word", "recognise", glued_to_feature_word),
    Rule("glued_by_a_particle", "recognise", glued_by_a_particle),
    Rule("glued_to_previous_capital", "recognise", glued_to_previous_capital),
    Rule("person_named_before", "recognise", person_named_before),
    Rule("reporting_verb", "recognise", reporting_verb),
    Rule("person_age", "recognise", person_age),
    Rule("one_of_a_couple", "recognise", one_of_a_couple),
    Rule("named_relative", "recognise", named_relative),
    Rule("common_word_small_place", "recognise", common_word_small_place),
    Rule("small_place_alias_phrase", "recognise", small_place_alias_phrase),
    Rule("code_qualifier", "qualify", code_qualifier),
    Rule("text_as_context", "given", text_as_context),
    Rule("closest_spelling", "given", closest_spelling),
    Rule("lone_small_town", "after", lone_small_town),
    Rule("unanchored_locality", "after", unanchored_locality),
    Rule("named_otherwise", "unfound", named_otherwise),
    Rule("spelt_otherwise", "unfound", spelt_otherwise),
)
