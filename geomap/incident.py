"""Where did it happen?  The incident place of a text, chosen by evidence and explained.

The geoparser finds every place a text names; this module decides which of
them is where the reported event happened.  Each place mention is judged by
named **evidence functions** (:data:`MENTION_EVIDENCE`, one mention at a
time, and :data:`PLACE_EVIDENCE`, all the mentions of one place together).
Each returns a strength in 0..1; the strengths are weighed with
:class:`Weights` (one frozen dataclass) and a place scores its best mention's
sum plus its place-level sum.  The highest score wins; ties go to the first
mentioned.  In short:

* a place in the same clause as an **event word** (``data/event_words.txt``:
  killed, airstrike, shelled, clashes, outbreak, culled …), introduced by a
  **locative** (``data/locative_words.txt``: in, near, outside, north of, on
  the outskirts of …) or by the event verb itself ("shelled Berdychi"), wins
  over places in **background** (another time: ``data/background_words.txt``,
  earlier years), **quotes** and **attributions** (``data/reporting_words.txt``:
  "said in Moscow", "told reporters in Ankara", "officials in Kyiv", "Kyiv said");
* the **lead** (title and first sentences) over the tail; a place **named
  with its region** ("al-Bab, Aleppo", "Syria's al-Bab") or **repeated** over a
  passing mention; a **finer** place over a region that contains another
  candidate (:func:`geomap.place.contains`);
* the **dateline** ("MOSCOW (Sputnik) —") is where the story was filed: it is
  reported apart (:attr:`Analysis.dateline`) and wins only when nothing in
  the text says an event happened elsewhere.

:func:`analyse` computes the facts once; :func:`choose` picks the incident
and says why (``located_by``) and how sure (``confidence``: a logistic
function of the winner's score and its lead over the runner-up, times the
geoparser's own confidence in the mention); :func:`every_incident` lists one
incident per event sentence, for ``geomap map --incidents each``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Callable, Sequence

from .place import Place, contains
from .sentences import Sentence, clause_bounds, lemmas, split_sentences, word_list, words

__all__ = ["Weights", "WEIGHTS", "MENTION_EVIDENCE", "PLACE_EVIDENCE", "Facts", "Candidate", "Analysis", "Choice",
           "analyse", "choose", "every_incident", "precision_of", "pins_incident", "MIN_CONFIDENCE", "LABELS"]

#: Mentions the geoparser resolved with less confidence do not place an incident.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Weights:
    """How much each piece of evidence counts (all in one place; negative weights count against)."""

    event_clause: float = 3.0
    event_sentence: float = 1.0
    locative: float = 0.75
    lead: float = 1.0
    title: float = 1.0
    dateline: float = 0.75
    early: float = 0.5
    attribution: float = -2.5
    quoted: float = -0.75
    background: float = -2.0
    qualifier: float = -1.5
    repeated: float = 0.6
    qualified: float = 0.75
    specific: float = 0.6
    coarser: float = -2.0
    resolved: float = 1.0
    # confidence = resolver confidence × logistic(bias + score × per_score + lead over the runner-up × per_margin)
    confidence_bias: float = -1.0
    confidence_per_score: float = 0.5
    confidence_per_margin: float = 0.4
    # how many sentences after the title make the lead; how far (in words) an event word may be from the place
    lead_sentences: int = 2
    event_window: int = 20


WEIGHTS = Weights()

#: ``located_by`` of an incident placed by its text, by the strongest evidence of the winner.
LABELS = {
    "event": "text: event sentence",
    "lead": "text: lead",
    "repeated": "text: most mentioned",
    "dateline": "text: dateline only",
    "only": "text: only place",
    "specific": "text: most specific place",
}


# ---------------------------------------------------------------------------------------------- facts

@dataclass(frozen=True)
class Facts:
    """What the surroundings of one place mention say (computed once, read by the evidence functions)."""

    mention: object          # the geoparser's Mention
    sentence: Sentence
    in_title: bool           # in the title line, or its name is in the record's title
    in_lead: bool            # in the first ``lead_sentences`` sentences after the title
    in_dateline: bool        # in the dateline ("MOSCOW (Sputnik) —")
    locative: bool           # introduced by a locative or an event verb ("in X", "north of X", "shelled X")
    event_in_clause: bool    # an event word in its clause, within ``event_window`` words
    event_in_sentence: bool  # an event word elsewhere in its sentence
    attribution: bool        # where something was said, or who said it ("said in Moscow", "Kyiv said")
    quoted: bool             # inside quotation marks
    background: bool         # its sentence is about another time ("last year", "in 2006")
    qualifier: bool          # it qualifies the place before it ("Pandi, **Bulacan**", "Ciocile in **Brăila**")
    position: int            # index of its sentence among the body's sentences


@dataclass
class Candidate:
    """One place that could be the incident's, with the facts of each of its mentions."""

    place: Place
    facts: list[Facts]
    qualified: bool = False    # named with a region or country that contains it
    contains_other: float = 0.0  # 1 when it contains another candidate with event evidence, 0.5 any other
    score: float = 0.0
    best: Facts | None = None
    evidence: dict | None = None  # name → weighted contribution of the winning mention and the place

    @property
    def first(self) -> int:
        return self.facts[0].mention.start


@dataclass
class Analysis:
    """The facts of one text: its sentences, title, dateline and scored candidates."""

    text: str
    sentences: list[Sentence]
    usable: list            # mentions of places resolved with enough confidence (countries included)
    candidates: list[Candidate]
    dateline: str           # the dateline's place ("Moscow, Russia"), or its words when not a known place
    dateline_end: int       # offset where the dateline ends (0 without one)
    title_sentence: int     # index of the title sentence (-1 when the text has none)
    weights: Weights


@dataclass(frozen=True)
class Choice:
    """The incident of a text: its mention (or None and a reason), why, how sure."""

    mention: object | None
    located_by: str
    confidence: float
    reason: str = ""
    candidate: Candidate | None = None


# ------------------------------------------------------------------------------ mention-level evidence

def event_clause(f: Facts) -> float:
    """An event word in the place's own clause, and the place introduced by a locative or the event
    verb: "an airstrike killed soldiers **in** al-Bab", "Russian forces **shelled** Berdychi".
    The strongest sign of where it happened.  Costs: a place of a clause that names an event which
    happened elsewhere ("troops returned from Kherson after the attack" has no locative, so is spared)."""
    return 1.0 if f.event_in_clause and f.locative else 0.0


def event_sentence(f: Facts) -> float:
    """An event word in the sentence but no locative before the place, or in another clause: "The
    Kherson shelling killed two".  Weaker: the place may be background of the event sentence."""
    return 1.0 if (f.event_in_clause or f.event_in_sentence) and not event_clause(f) else 0.0


def locative(f: Facts) -> float:
    """Introduced by a locative without an event word: "the meeting in Geneva", "samples tested in
    Weybridge".  Places a thing somewhere, but not necessarily the event."""
    return 1.0 if f.locative and not (f.event_in_clause or f.event_in_sentence) else 0.0


def lead(f: Facts) -> float:
    """In the lead (the first sentences after the title): news says first where it happened."""
    return 1.0 if f.in_lead and not f.in_dateline else 0.0


def title(f: Facts) -> float:
    """In the title, or named in the record's title."""
    return 1.0 if f.in_title else 0.0


def dateline(f: Facts) -> float:
    """The dateline: where the story was filed.  A weak sign; any event sentence elsewhere beats it."""
    return 1.0 if f.in_dateline else 0.0


def early(f: Facts) -> float:
    """Earlier sentences count a little more (1 in the first, 0 from the tenth on)."""
    return max(0.0, 1.0 - f.position / 10)


def attribution(f: Facts) -> float:
    """Where something was said or who said it: "said in Moscow", "told reporters in Ankara", "officials
    in Kyiv", "a news conference in Geneva", "Kyiv said", "a London-based monitor"."""
    return 1.0 if f.attribution else 0.0


def quoted(f: Facts) -> float:
    """Inside a quotation: a speaker's words, often about elsewhere or about the past."""
    return 1.0 if f.quoted else 0.0


def background(f: Facts) -> float:
    """Its sentence is set in another time: "last year", "years ago", "in April 2006" before the
    article's year, "less than a year after".  History and comparisons, not the story's event."""
    return 1.0 if f.background else 0.0


def qualifier(f: Facts) -> float:
    """It only says where the place before it lies: "Pandi, **Bulacan**", "al-Bab, **Aleppo**", "the village of
    Ciocile in the county of **Brăila**".  Its locative and event words are the other place's."""
    return 1.0 if f.qualifier else 0.0


#: Evidence from one mention and its surroundings, by name.
MENTION_EVIDENCE: dict[str, Callable[[Facts], float]] = {
    "event_clause": event_clause,
    "event_sentence": event_sentence,
    "locative": locative,
    "lead": lead,
    "title": title,
    "dateline": dateline,
    "early": early,
    "attribution": attribution,
    "quoted": quoted,
    "background": background,
    "qualifier": qualifier,
}


# -------------------------------------------------------------------------------- place-level evidence

def repeated(c: Candidate) -> float:
    """Named again and again: log2 of its mentions, up to 3 (8 mentions or more)."""
    return min(math.log2(len(c.facts)), 3.0) / 3.0


def qualified(c: Candidate) -> float:
    """Named with a region or country that contains it: "al-Bab, Aleppo", "Syria's al-Bab", "the
    Syrian town of al-Bab", "a farm in Suffolk, England".  A writer who pins a place down means it."""
    return 1.0 if c.qualified else 0.0


def specific(c: Candidate) -> float:
    """A town (1) over a district (0.5) over a province (0): the finer the place, the more it says."""
    return {1: 1.0, 2: 0.5}.get(precision_of(c.place), 0.0)


def coarser(c: Candidate) -> float:
    """It contains another candidate: 1 when that one has event evidence ("shelling in the village of
    X, Kherson region"), 0.5 otherwise.  The finer place says more of the same event."""
    return c.contains_other


def resolved(c: Candidate) -> float:
    """The geoparser's confidence in the place (its best mention's)."""
    return max(f.mention.confidence for f in c.facts)


#: Evidence from all the mentions of one place together, by name.
PLACE_EVIDENCE: dict[str, Callable[[Candidate], float]] = {
    "repeated": repeated,
    "qualified": qualified,
    "specific": specific,
    "coarser": coarser,
    "resolved": resolved,
}


# ------------------------------------------------------------------------------------------- analysis

def precision_of(place: Place) -> int:
    """ACLED's geo_precision of a place: 1 a populated place (or ADM3 and finer), 2 a district, 3 coarser."""
    if place.feature_class == "P" or place.feature_code in ("ADM3", "ADM4", "ADM5"):
        return 1
    if place.feature_code == "ADM2":
        return 2
    return 3


def pins_incident(place: Place) -> bool:
    """Precise enough to pin an incident: not a country, continent or multi-country region."""
    return not place.is_country and place.feature_code not in ("CONT", "RGN")


@lru_cache(maxsize=1)
def _lists():
    return (word_list("event_words.txt"), word_list("locative_words.txt"), word_list("place_fillers.txt"),
            word_list("reporting_words.txt"),
            re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, word_list("background_words.txt")), key=len,
                                                   reverse=True)) + r")\b"))


def _is(word: str, vocabulary: frozenset[str]) -> bool:
    return any(form in vocabulary for form in lemmas(word))


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
_DATELINE = re.compile(r"(?P<head>[A-Z][^\n()—–]{0,60}?)\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?:—|–|--|-(?=\s))\s*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AREA = r"(?:town|city|village|county|province|region|district|governorate|oblast|state|department|prefecture|" \
        r"municipality|capital)"
# between a place and the region after it that says where it lies: "X, Y", "X (Y", "X in the Romanian county of Y"
_INNER_THEN_OUTER = re.compile(rf"^(?:\s*,\s*|\s*\(\s*|\s+in\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:{_AREA}\s+of\s+)?)$")
# between a region and a place it holds: "Syria's al-Bab", "the Syrian town of al-Bab", "Aleppo's al-Bab"
_OUTER_THEN_INNER = re.compile(rf"^(?:['’]s\s+(?:[\w-]+\s+)?|\s+{_AREA}\s+of\s+)$")
_LIST_GOES_ON = re.compile(r"^\s*,?\s+(?:and|or)\s+[A-Z]")


def analyse(text: str, mentions: Sequence, *, title: str = "", date: str = "",
            weights: Weights = WEIGHTS) -> Analysis:
    """The facts and scores of every candidate place of ``text``.

    ``mentions``: the geoparser's mentions of ``text`` (``Geoparser.parse``);
    ``title``: the record's title (it may also be the text's first line);
    ``date``: the record's date as an ISO day, for telling earlier years apart.
    """
    sentences = split_sentences(text)
    usable = [m for m in mentions if m.place is not None and m.kind == "place" and m.confidence >= MIN_CONFIDENCE]
    title_sentence = _title_sentence(text, sentences, title)
    dl_start, dl_end, dl_words = _dateline(text, sentences, title_sentence)
    dateline_name = ""
    if dl_end:
        inside = [m for m in usable if dl_start <= m.start and m.end <= dl_end]
        dateline_name = inside[0].place.address if inside else dl_words
    body_start = title_sentence + 1
    year = _reference_year(text, date)
    background_re = _lists()[4]
    cache: dict[int, bool] = {}
    qualified_ids, qualifier_ids = _qualifications(text, mentions)
    by_place: dict[int, Candidate] = {}
    sentence_starts = [s.start for s in sentences]
    # the record's title counts when it is not the text's own start (a first line, or the first words)
    title_low = "" if title_sentence >= 0 or text.lstrip().startswith(title.strip()[:80]) else title.lower()
    for m in usable:
        if not pins_incident(m.place):
            continue
        s = _sentence_of(sentences, sentence_starts, m.start)
        if s is None:
            continue
        if s.index not in cache:
            cache[s.index] = _background(text[s.start:s.end], background_re, year)
        facts = _facts(text, m, s, usable, weights, title_sentence, body_start, (dl_start, dl_end),
                       cache[s.index], title_low, id(m) in qualifier_ids)
        cand = by_place.get(m.place.geonameid)
        if cand is None:
            cand = by_place[m.place.geonameid] = Candidate(m.place, [facts])
        else:
            cand.facts.append(facts)
        cand.qualified = cand.qualified or id(m) in qualified_ids
    candidates = list(by_place.values())
    _containing(candidates)
    for c in candidates:
        _score(c, weights)
    candidates.sort(key=lambda c: (-c.score, c.first))
    return Analysis(text, sentences, usable, candidates, dateline_name, dl_end, title_sentence, weights)


def _sentence_of(sentences: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    from bisect import bisect_right

    i = bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 and pos < sentences[i].end else None


def _title_sentence(text: str, sentences: list[Sentence], title: str) -> int:
    """The index of the text's title line: a first line equal to the record's title, or a first line of
    its own (a paragraph of one sentence without a full stop) followed by more text."""
    if len(sentences) < 2:
        return -1
    first = sentences[0]
    line = text[first.start:first.end]
    if title and (line.strip() == title.strip() or title.strip().startswith(line.strip()[:60])) \
            and sentences[1].paragraph != first.paragraph:
        return 0
    if sentences[1].paragraph != first.paragraph and not line.rstrip().endswith((".", "!", "?", "\"", "”")) \
            and len(line) <= 200:
        return 0
    return -1


def _dateline(text: str, sentences: list[Sentence], title_sentence: int) -> tuple[int, int, str]:
    """(start, end, words) of a dateline at the start of one of the first paragraphs, else (0, 0, "")."""
    paragraphs_seen = set()
    for s in sentences[title_sentence + 1:]:
        if s.paragraph in paragraphs_seen:
            continue
        paragraphs_seen.add(s.paragraph)
        if len(paragraphs_seen) > 12:
            break
        m = _DATELINE.match(text, s.start, s.end)
        if not m:
            continue
        head = m.group("head").strip().rstrip(",")
        letters = [ch for ch in head.split(",")[0] if ch.isalpha()]
        # "MOSCOW (Sputnik) —" anywhere near the top (a saved page has menus before it); "KYIV —" in the first lines
        if letters and (m.group("agency") or (all(ch.isupper() for ch in letters) and len(paragraphs_seen) <= 3)):
            return m.start(), m.end(), head.split(",")[0].strip()
    return 0, 0, ""


def _reference_year(text: str, date: str) -> int | None:
    """The story's year: the record's date's, else the latest year the text names."""
    if date and re.match(r"^\d{4}-", date):
        return int(date[:4])
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def _background(sentence: str, background_re: re.Pattern, year: int | None) -> bool:
    if background_re.search(sentence.lower()):
        return True
    if year is not None:
        years = [int(y) for y in _YEAR.findall(sentence)]
        return bool(years) and all(y < year for y in years)
    return False


def _facts(text: str, m, s: Sentence, usable: list, w: Weights, title_sentence: int, body_start: int,
           dateline: tuple[int, int], in_background: bool, title_low: str, is_qualifier: bool) -> Facts:
    events, locatives, fillers, reporting, _ = _lists()
    c_start, c_end = clause_bounds(text, s, m.start)
    toks = words(text, c_start, c_end)
    others = [(o.start, o.end) for o in usable if o is not m and c_start <= o.start < c_end]
    before = [t for t in toks if t[1] <= m.start]
    after = [t for t in toks if t[0] >= m.end]

    def in_mention(t) -> bool:
        return any(a < t[1] and t[0] < b for a, b in others) or t[2].endswith(("'s", "’s"))

    # the locative: walk back over fillers, numbers, names and other mentions
    loc_at, is_loc = -1, False
    steps = of_words = 0
    for i in range(len(before) - 1, -1, -1):
        t = before[i]
        word = t[2]
        if word in _DIRECTIONS:
            nxt = before[i + 1][2] if i + 1 < len(before) else ""
            if nxt == "of":
                loc_at, is_loc = i, True
                break
        if word in locatives and word not in _DIRECTIONS:
            loc_at, is_loc = i, True
            break
        if _is(word, events) and not in_mention(t):
            loc_at, is_loc = i, True
            break
        if word in fillers or word.isdigit() or in_mention(t) or text[t[0]].isupper():
            steps += 1
            if steps > 6:
                break
            continue
        if of_words < 2 and any(u[2] == "of" for u in before[i + 1:]):
            of_words += 1  # "shelled residential areas of X", "in parts of X": a noun phrase before "of"
            continue
        break
    # an event word in the clause, near enough
    position = len(before)
    event_here = False
    for i, t in enumerate(toks):
        if abs(i - position) <= w.event_window and _is(t[2], events) and not in_mention(t) \
                and not (m.start <= t[0] < m.end):
            event_here = True
            break
    event_elsewhere = False
    if not event_here:
        event_elsewhere = any(_is(t[2], events) for t in words(text, s.start, c_start) + words(text, c_end, s.end))
    # attribution: a reporting word just before the locative, the place followed by one, or "X-based"
    attributed = False
    if loc_at >= 0:  # "said in Moscow", "told reporters in Ankara"; but "cases reported in X" are in X
        attributed = any(_is(t[2], reporting) and not t[2].startswith("report") for t in
                         before[max(0, loc_at - 3):loc_at])
    if not attributed and after and after[0][0] - m.end <= 2:
        # "Kyiv said", "the Bucharest Daily News reported": the place names who speaks
        for t in after[:4]:
            if _is(t[2], reporting) and not _is(t[2], events):
                attributed = True
                break
            if not text[t[0]].isupper():
                break
    if not attributed and text[m.end:m.end + 6].lower() in ("-based", "–based"):
        attributed = True
    if not attributed and after and text[m.end:after[0][0]].strip() in ("", "'s", "’s") \
            and after[0][2] in ("officials", "authorities", "police", "spokesman", "spokeswoman"):
        attributed = _is(after[1][2], reporting) if len(after) > 1 else False
    in_title = s.index == title_sentence or (bool(title_low) and m.surface.lower() in title_low)
    position_in_body = max(0, s.index - body_start)
    in_dateline = dateline[0] <= m.start and m.end <= dateline[1]
    if in_dateline:  # a header, not a word of the sentence it stands before
        is_loc = event_here = event_elsewhere = attributed = False
    return Facts(
        mention=m, sentence=s, in_title=in_title,
        in_lead=s.index != title_sentence and 0 <= s.index - body_start < w.lead_sentences,
        in_dateline=in_dateline,
        locative=is_loc, event_in_clause=event_here, event_in_sentence=event_elsewhere, attribution=attributed,
        quoted=_quoted(text, s, m.start), background=in_background, qualifier=is_qualifier,
        position=position_in_body)


def _quoted(text: str, s: Sentence, pos: int) -> bool:
    """Inside quotation marks, counting from the paragraph's start (the sentence's line)."""
    line_start = text.rfind("\n", 0, s.start) + 1
    before = text[line_start:pos]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


def _qualifications(text: str, mentions: Sequence) -> tuple[set[int], set[int]]:
    """(ids of mentions named with a region that contains them, ids of mentions that are such a region).

    "X, Y", "X (Y)", "X in the county of Y" where Y contains X (a town within 50 km counts: "Pandi,
    Bulacan"; so does the seat of X's province: "Kurdiumivka, Donetsk"), unless Y goes on a list ("Cairo,
    Giza, and Al-Minya"); "Y's X", "the Y town of X".
    """
    resolved = sorted((m for m in mentions if m.place is not None), key=lambda m: m.start)
    places = [m for m in resolved if m.kind == "place"]  # a demonym between is read as a word of the gap
    qualified: set[int] = set()
    qualifiers: set[int] = set()
    for a, b in zip(places, places[1:]):
        gap = text[a.end:b.start]
        if len(gap) <= 40 and _INNER_THEN_OUTER.match(gap) and not _LIST_GOES_ON.match(text, b.end) \
                and _may_qualify(b.place, a.place):
            qualified.add(id(a))
            qualifiers.add(id(b))
    for a, b in zip(resolved, resolved[1:]):
        gap = text[a.end:b.start]
        if len(gap) <= 40 and _OUTER_THEN_INNER.match(gap) and contains(a.place, b.place):
            qualified.add(id(b))
    return qualified, qualifiers


def _may_qualify(outer: Place, inner: Place) -> bool:
    """Can ``outer`` say where ``inner`` lies?  When it contains it, or when it is the seat of the region
    ``inner`` lies in: "Kurdiumivka, Donetsk" names Donetsk oblast by its capital, 50 km away."""
    if contains(outer, inner):
        return True
    return outer.feature_code in ("PPLA", "PPLC") and outer.population > inner.population \
        and (outer.country_code, outer.admin1_code) == (inner.country_code, inner.admin1_code)


def _containing(candidates: list[Candidate]) -> None:
    """``contains_other`` of each candidate: does it contain another candidate (with event evidence)?"""
    for c in candidates:
        if c.place.feature_class == "P":
            continue  # a town contains nothing, for this purpose
        inner = [o for o in candidates if o is not c and contains(c.place, o.place, near_km=0)]
        if inner:
            evented = any(f.event_in_clause or f.event_in_sentence for o in inner for f in o.facts)
            c.contains_other = 1.0 if evented else 0.5


def _score(c: Candidate, w: Weights) -> None:
    best, best_sum, best_parts = None, -math.inf, {}
    for f in c.facts:
        parts = {name: getattr(w, name) * fn(f) for name, fn in MENTION_EVIDENCE.items()}
        total = sum(parts.values())
        if total > best_sum:
            best, best_sum, best_parts = f, total, parts
    place_parts = {name: getattr(w, name) * fn(c) for name, fn in PLACE_EVIDENCE.items()}
    c.best = best
    c.evidence = {k: round(v, 3) for k, v in {**best_parts, **place_parts}.items() if v}
    c.score = best_sum + sum(place_parts.values())


# ---------------------------------------------------------------------------------------------- choose

def choose(analysis: Analysis) -> Choice:
    """The incident of the analysed text: the best-scoring candidate, why, and how sure."""
    if not analysis.candidates:
        reason = "only country-level places in the text" if analysis.usable else "no place found in the text"
        return Choice(None, "", 0.0, reason)
    w = analysis.weights
    win = analysis.candidates[0]
    runner = analysis.candidates[1].score if len(analysis.candidates) > 1 else 0.0
    margin = win.score - runner
    z = w.confidence_bias + w.confidence_per_score * win.score + w.confidence_per_margin * margin
    confidence = resolved(win) / (1.0 + math.exp(-z))
    return Choice(win.best.mention, _label(win, len(analysis.candidates)), round(confidence, 4), "", win)


def _label(c: Candidate, n: int) -> str:
    f = c.best
    if f.event_in_clause or f.event_in_sentence:
        return LABELS["event"]
    if f.in_dateline:
        return LABELS["dateline"]
    if n == 1:
        return LABELS["only"]
    if len(c.facts) >= 3:
        return LABELS["repeated"]
    if f.in_lead or f.in_title:
        return LABELS["lead"]
    return LABELS["specific"]


@dataclass(frozen=True)
class EventIncident:
    """One incident of ``--incidents each``: its mention, its sentence's offsets, why and how sure."""

    mention: object
    sentence_start: int
    sentence_end: int
    located_by: str
    confidence: float


def every_incident(analysis: Analysis, main: Choice | None = None) -> list[EventIncident]:
    """One incident per event sentence, each at its own place; the main incident first.

    A sentence is an event sentence when a candidate place in it has event evidence in its own clause
    (:func:`event_clause`) and is not background, quoted or an attribution.  In each such sentence the
    best-scoring such place is the incident.  A place already an incident of the text is not repeated,
    nor is a region containing one (the same event, less precisely).
    """
    main = main or choose(analysis)
    if main.mention is None:
        return []
    out = [EventIncident(main.mention, main.candidate.best.sentence.start, main.candidate.best.sentence.end,
                         main.located_by, main.confidence)]
    taken = [main.candidate.place]
    by_sentence: dict[int, tuple[float, Candidate, Facts]] = {}
    for c in analysis.candidates:
        for f in c.facts:
            if not event_clause(f) or f.background or f.quoted or f.attribution:
                continue
            key = f.sentence.index
            if key not in by_sentence or c.score > by_sentence[key][0]:
                by_sentence[key] = (c.score, c, f)
    for _, (score, c, f) in sorted(by_sentence.items()):
        if any(c.place.geonameid == t.geonameid or contains(c.place, t, near_km=0) for t in taken):
            continue
        z = analysis.weights.confidence_bias + analysis.weights.confidence_per_score * score
        out.append(EventIncident(f.mention, f.sentence.start, f.sentence.end, LABELS["event"],
                                 round(resolved(c) / (1.0 + math.exp(-z)), 4)))
        taken.append(c.place)
    return out


def weights_table(weights: Weights = WEIGHTS) -> list[tuple[str, float, str]]:
    """(name, weight, first line of its docstring) of every evidence function, for the docs."""
    rows = []
    for name, fn in {**MENTION_EVIDENCE, **PLACE_EVIDENCE}.items():
        rows.append((name, getattr(weights, name), (fn.__doc__ or "").strip().split("\n")[0]))
    return rows


def _weight_names() -> set[str]:
    return {f.name for f in fields(Weights)}
