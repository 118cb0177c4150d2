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
  the outskirts of …), by the event verb itself ("shelled Berdychi") or the
  subject of a passive event verb ("Kherson was shelled"), wins over places in
  **background** (another time: ``data/background_words.txt``, earlier years),
  **quotes**, **attributions** (``data/reporting_words.txt``: "said in
  Moscow", "Kyiv said"), where the wounded were **taken or treated**
  (``data/care_words.txt``), **reference points** ("50 km north of Baghdad")
  and where people **live** ("John Smith, 39, of Pomeroy");
* a place that names the **local police or fire service** ("the Byesville Fire
  Department") is where that service answered the call;
* the **lead** (title and first sentences) over the tail; a place **named
  with its region** ("al-Bab, Aleppo", "Syria's al-Bab") or **repeated** over a
  passing mention; a **finer** place over a region that contains another
  candidate, where a region is what the gazetteer or the text calls one
  ("Belgorod region" is the region, even when the geoparser resolved the city);
* the **dateline** ("MOSCOW (Sputnik) —") is where the story was filed: it is
  reported apart (:attr:`Analysis.dateline`) and wins only when nothing in
  the text says an event happened elsewhere;
* a **country** (or continent) is a candidate too, at precision 4, for texts
  whose event it alone places (``countries=True``, the default; the pipeline
  turns it off for records that carry a country of their own, such as ACLED's).

The facts are read by :mod:`geomap.textfacts`.  :func:`analyse` computes them
once; :func:`choose` picks the incident and says why (``located_by``) and how
sure (``confidence``: a logistic function of the winner's score and its lead
over the runner-up, times the geoparser's own confidence in the mention);
:func:`every_incident` lists one incident per event sentence, for ``geomap map
--incidents each``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Callable, Sequence

from .geoparser.tokens import POSSESSIVE_ENDINGS
from .place import MARINE_WATER, NATURAL_CLASSES, NameKind, Place, contains, distance_km, in_continent, in_region
from .sentences import Sentence, split_sentences
from .textfacts import (Facts, TextContext, Words, capital_references, clause_cuts, clause_in_background,
                        countrywide, dateline_here, districts_hit, epidemic_country, epidemic_region, find_dateline,
                        regionwide, is_background, mention_facts, story_months,
                        opens_on_another_incident, qualifications, reference_day, reference_year, route_ends,
                        place_anaphors, recased, sentence_index, title_sentence, uncased, unknown_place, named_aside,
                        place_withheld, lead_start, LEVEL_BY_COUNTRY, area_word_of, holders_of)

__all__ = ["Weights", "WEIGHTS", "MENTION_EVIDENCE", "PLACE_EVIDENCE", "Facts", "Candidate", "Analysis", "Choice",
           "EventIncident", "analyse", "choose", "every_incident", "precision_of", "pins_incident", "MIN_CONFIDENCE",
           "LABELS", "COUNTRY_PRECISION", "weights_table"]

#: Mentions the geoparser resolved with less confidence do not place an incident: under 0.3 it
#: hesitated between three or more namesakes.  Above it, the ``resolved`` evidence weighs the doubt
#: and the incident's confidence carries it.  (0.5 left a New Hampshire story's Hanover, named seven
#: times at 0.44 among a dozen Hanovers, unlocated; on the dev sets 0.3 places two more LGL articles
#: and one more precise ACLED note, locates two ACLED notes more, and changes nothing else.)
MIN_CONFIDENCE = 0.3
#: The precision of an incident placed only at a country (or a continent): coarser than ACLED's 3.
COUNTRY_PRECISION = 4


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
    separate: float = -1.5
    worst_hit: float = 1.0
    qualifier: float = -1.5
    responder: float = 1.5
    care: float = -1.5
    aftermath: float = -1.5
    reference: float = -2.0
    residence: float = -1.0
    laboratory: float = -1.5
    repeated: float = 0.6
    qualified: float = 0.75
    inside: float = 1.0
    specific: float = 0.6
    coarser: float = -2.0
    abroad: float = -3.0
    road: float = -3.0
    spread: float = 2.0
    the_capital: float = 3.0  # as much as the event clause it stands in
    country: float = -1.0
    resolved: float = 1.0
    # confidence = resolver confidence × logistic(bias + score × per_score + lead over the runner-up × per_margin)
    confidence_bias: float = -1.0
    confidence_per_score: float = 0.5
    confidence_per_margin: float = 0.4
    # ... times this when the lead puts the event at a name the gazetteer lacks (textfacts.unknown_place):
    # over the development sets such stories are placed within 25 km 0.52 of the time, the others 0.84; 0.6
    # brings their mean confidence to 0.54 (from 0.90) and the Brier score of all 1,781 from 0.134 to 0.126
    unknown_place_confidence: float = 0.6
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
    "country": "text: country only",
}


@dataclass
class Candidate:
    """One place that could be the incident's, with the facts of each of its mentions.

    ``level`` is its precision as the text names it: the gazetteer's (:func:`precision_of`), unless the
    text calls it a region, district or town ("the province of Herat", resolved to the city, is a region
    here; "the Jenin refugee camp", resolved to the governorate, a town).
    """

    place: Place
    level: int
    facts: list[Facts]
    qualified: bool = False    # named with a region or country that contains it
    contains_other: float = 0.0  # 1 when it contains another candidate with event evidence, 0.5 any other
    inside: float = 0.0        # 1 inside a region or district with event evidence, 0.5 inside such a country
    abroad: bool = False       # its country is named nowhere else, while the text's other places share one
    spread_over: bool = False  # the area the event is spread over, holding other places of the event
    called_capital: bool = False  # the text puts an event "in the capital" and it is that capital
    score: float = 0.0
    best: Facts | None = None
    weights: "Weights | None" = None

    @property
    def first(self) -> int:
        return self.facts[0].mention.start

    @property
    def evidence(self) -> dict:
        """Name → weighted contribution of the winning mention and of the place (non-zero ones)."""
        w = self.weights or WEIGHTS
        parts = {name: getattr(w, name) * fn(self.best) for name, fn in MENTION_EVIDENCE.items()}
        parts.update({name: getattr(w, name) * fn(self) for name, fn in PLACE_EVIDENCE.items()})
        return {k: round(v, 3) for k, v in parts.items() if v}


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
    unknown_place: str = ""  # a name the lead puts the event at that the geoparser found no place for


@dataclass(frozen=True)
class Choice:
    """The incident of a text: its mention (or None and a reason), why, how sure."""

    mention: object | None
    located_by: str
    confidence: float
    reason: str = ""
    candidate: Candidate | None = None
    unknown_place: str = ""  # the lead's event place the gazetteer lacks (see textfacts.unknown_place)

    @property
    def precision(self) -> int:
        """The incident's precision: 1 town, 2 district or near a town ("20 km north of Kherson", as ACLED
        codes it), 3 region, 4 country (0 when there is none)."""
        return _precision(self.candidate, self.candidate.best) if self.candidate is not None else 0


# ------------------------------------------------------------------------------ mention-level evidence

def event_clause(f: Facts) -> float:
    """An event word in the place's own clause, and the place introduced by a locative or the event
    verb, or the subject of a passive event verb: "an airstrike killed soldiers **in** al-Bab", "Russian
    forces **shelled** Berdychi", "Kherson **was shelled**".  The strongest sign of where it happened.
    Costs: a place of a clause that names an event which happened elsewhere."""
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
    in Kyiv", "a statement read on television in Niamey", "the government in Ouagadougou", "Kyiv said",
    "a London-based monitor"."""
    return 1.0 if f.attribution else 0.0


def quoted(f: Facts) -> float:
    """Inside a quotation: a speaker's words, often about elsewhere or about the past."""
    return 1.0 if f.quoted else 0.0


def background(f: Facts) -> float:
    """Its sentence is set in another time: "last year", "years ago", "in April 2006" before the
    article's year, "less than a year after", "In July, …" or "on July 1" outside the week of the
    article's date.  History and comparisons, not the story's event."""
    return 1.0 if f.background else 0.0


def separate(f: Facts) -> float:
    """Its sentence opens on another incident than the story's: "**Separately**, the RSF shelled Kadugli",
    "**Elsewhere** in the region, a bomb hit Bilopillia", "In a separate attack, …".  A second incident of
    the story (``--incidents each`` keeps it), not its main one."""
    return 1.0 if f.separate else 0.0


def worst_hit(f: Facts) -> float:
    """The text says it bore the worst of the event: "**Nacala** city has been the worst affected, with at
    least 14 deaths", "the hardest-hit district of **Sindh**", "**Wuhan**, the epicentre of the outbreak".
    The guide's first rule for an event over several places: the one that carries most of it."""
    return 1.0 if f.worst_hit else 0.0


def qualifier(f: Facts) -> float:
    """It only says where the place before it lies: "Pandi, **Bulacan**", "al-Bab, **Aleppo**", "the village of
    Ciocile in the county of **Brăila**".  Its locative and event words are the other place's."""
    return 1.0 if f.qualifier else 0.0


def responder(f: Facts) -> float:
    """It names the local police, sheriff or fire service that answered: "the Byesville Fire Department said",
    "Police in Sevierville say", "the Madison County Sheriff's Office".  Such a service works where it
    happened (local news often gives nothing finer than roads).  Costs: a city police force that speaks of a
    suburb."""
    return 1.0 if f.responder else 0.0


def care(f: Facts) -> float:
    """Where the wounded were taken or treated, or the dead pronounced, buried or mourned: "the regional
    hospital in Kaya", "a Dallas hospital", "taken to …", "Paris Regional Medical Center", "a mass burial in
    Jos".  Not the scene of the event."""
    return 1.0 if f.care else 0.0


def aftermath(f: Facts) -> float:
    """Where what followed the event happened elsewhere: the accused tried or heard ("went on trial in
    **Córdoba** over a fire that killed seven", "the regional court in **Hanau**", "an inquest in
    **Coventry**"), the dead brought home ("the bodies were repatriated to **Bucharest**").  Not the scene."""
    return 1.0 if f.aftermath else 0.0


def reference(f: Facts) -> float:
    """A reference point for another place: "near Tarmiyah, about 50 kilometers (30 miles) north of
    **Baghdad**", "20 miles west of **Toledo**", "the evacuation of villages north of **Athens**".  The event
    is elsewhere, near it: at a place the text names near it, if it names one; else the reference point is
    the best estimate and counts nothing against itself ("a desert highway about 40 km south of **Ouargla**",
    "the village of Al-Kweik, about 15 km north of **Dilling**", Al-Kweik found nowhere)."""
    return 1.0 if f.reference and not f.estimate else 0.0


def residence(f: Facts) -> float:
    """Where someone lives or comes from: "James Barnes, 20, of **Paris**", "a **Harlem** woman", "a resident of
    **Kherson**", "Marcin Przydacz, 23, of the 3200 block of North Monticello in **Chicago**" (a street address).
    Background of a person, though local news often names the home town of its people.  A patient's home is
    none: it is the case's place ("a man from Malappuram district has tested positive for Nipah")."""
    return 1.0 if f.residence else 0.0


def laboratory(f: Facts) -> float:
    """Where samples were tested or cases confirmed: "tests are being conducted in the department's laboratory
    in **Ames**", "a United States military laboratory in **Cairo**".  Not where the outbreak is."""
    return 1.0 if f.laboratory else 0.0


#: Evidence from one mention and its surroundings, by name.  Each reads the :class:`Facts` fields after
#: ``mention`` and ``sentence`` only (sums are memoised on them).
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
    "separate": separate,
    "worst_hit": worst_hit,
    "qualifier": qualifier,
    "responder": responder,
    "care": care,
    "aftermath": aftermath,
    "reference": reference,
    "residence": residence,
    "laboratory": laboratory,
}


# -------------------------------------------------------------------------------- place-level evidence

def repeated(c: Candidate) -> float:
    """Named again and again: log2 of its mentions, up to 3 (8 mentions or more)."""
    return min(math.log2(len(c.facts)), 3.0) / 3.0


def qualified(c: Candidate) -> float:
    """Named with a region or country that contains it: "al-Bab, Aleppo", "Syria's al-Bab", "the
    Syrian town of al-Bab", "a farm in Suffolk, England".  A writer who pins a place down means it."""
    return 1.0 if c.qualified else 0.0


def inside(c: Candidate) -> float:
    """It lies inside another candidate that the text ties to the event (an event word and a locative in its
    clause): "38 new cases found in wild birds in eastern **Germany** … from the states of Saxony-Anhalt and
    Thuringia", "killing eight people in a **North Carolina** nursing home" under the dateline "CARTHAGE,
    N.C.".  The finer place of the same event (1 inside a region or district, 0.5 inside a country)."""
    return c.inside


def specific(c: Candidate) -> float:
    """A town (1) over a district (0.5) over a region or country (0), as the text names it: the finer the
    place, the more it says."""
    return {1: 1.0, 2: 0.5}.get(c.level, 0.0)


def coarser(c: Candidate) -> float:
    """It contains another candidate: 1 when that one has event evidence ("shelling in the village of
    X, Kherson region") or is the dateline ("CARTHAGE, N.C. — … killing eight in a North Carolina nursing
    home"), 0.5 otherwise.  The finer place says more of the same event."""
    return c.contains_other


def abroad(c: Candidate) -> float:
    """Its country is named nowhere else in the text (no other place, country or demonym of it), while three
    or more other mentions lie in one other country: "Tremors were felt in the Iranian city of **Mashhad**" in
    an Afghan quake story, "In **Moscow**, the defence ministry denied …" in a Syrian one, a case "in **Fujian**,
    China" in an Indonesian bird-flu story.  A side note from abroad, or a name read as a place abroad that
    the story does not mean.  Not a country the title names and the lead's event clause places the event in
    ("… two contract workers were killed in a ground collapse at its operation in **Mali**" in a story of a
    Vancouver miner whose shares fell in Toronto): that is what the story is about."""
    return 1.0 if c.abroad else 0.0


def road(c: Candidate) -> float:
    """The text names a road after it: "a wreck on **Rivers** Avenue", "9025 **Indian Lake** Road", "the **Kherson**
    road", "KY 52", "the corner of **Lakeview** and Harrison streets", "the 3200 block of North **Monticello**".
    The road leads to the place or is named after it; the event is on the road, not in the place.  The
    share of its mentions that name a road: a town whose streets bear its name ("Vegas Drive" in a Las
    Vegas story) is named otherwise too."""
    return sum(f.road for f in c.facts) / len(c.facts)


def spread(c: Candidate) -> float:
    """The area the text spreads the event over (an event in the clause, "across" or "throughout" before
    it, or "large parts of", "much of"), which contains other places of the event: "bird flu has spread
    **across Europe** … dead swans in Greece, Bulgaria, Italy", "1,103 may have died in 138 districts
    **throughout** northern **India** … in Bihar", "floods across Brazil's southernmost state of **Rio Grande
    do Sul**", "locusts have invaded **large parts of** Ethiopia's **Somali region**" (a possessive only says
    where the area lies).  Those places are its hot spots: it is not coarser than they are, and it outranks
    them.  An area named so that holds no other place of the event is background ("H5N1, which has spread
    throughout Europe") and gains nothing; so is one named so after the lead, where news says what
    happened ("Violence has flared across Michoacan this year", the sixth paragraph of an ambush story)."""
    return 1.0 if c.spread_over else 0.0


def the_capital(c: Candidate) -> float:
    """The text puts an event in "the capital" (or "the state capital") without naming it, and this is the one
    capital of the kind among its places: "TBILISI, Georgia (AP) — Police dispersed protesters … outside
    Georgia's parliament building **in the capital**"."""
    return 1.0 if c.called_capital else 0.0


def country(c: Candidate) -> float:
    """A country or continent (precision 4), or one of geomap's own vague areas ("Long Island", "New
    England", "Darfur", "Donbas"): it is the incident only when the text places the event nowhere finer
    ("a nationwide outbreak in Peru"), and a country named in passing ("a school shooting in Germany last
    month") should not outrank a town of the story.  So is a natural feature no one country holds (a
    river, sea, lake, range or desert of several countries: "the Bolivian **Amazon** department of Beni")."""
    return 1.0 if c.level == COUNTRY_PRECISION or vague_area(c.place) else 0.0


def vague_area(place: Place) -> bool:
    """One of geomap's own vague areas (feature code RGN), or a natural feature of no one country (not a summit or
    another point: :data:`POINT_SITES`)."""
    return place.feature_code == "RGN" or (not place.country_code and place.feature_class in NATURAL_CLASSES
                                           and place.feature_code not in POINT_SITES)


def resolved(c: Candidate) -> float:
    """The geoparser's confidence in the place (its best mention's)."""
    return max(f.mention.confidence for f in c.facts)


#: Evidence from all the mentions of one place together, by name.
PLACE_EVIDENCE: dict[str, Callable[[Candidate], float]] = {
    "repeated": repeated,
    "qualified": qualified,
    "inside": inside,
    "specific": specific,
    "coarser": coarser,
    "abroad": abroad,
    "road": road,
    "spread": spread,
    "the_capital": the_capital,
    "country": country,
    "resolved": resolved,
}


# ------------------------------------------------------------------------------------------- analysis

#: Natural and outdoor sites that are points, as a town is: an eruption, a fall or a drowning is "at" them ("an
#: avalanche on the Eiger", "swept over Iguazu Falls", "trapped in Tham Luang cave").
POINT_SITES = frozenset(("MT", "PK", "VLC", "GLCR", "FLLS", "GRGE", "CNYN", "CAVE", "PASS", "BCH", "RSRT"))
#: Parks and reserves: areas of a district's size, which hold the camps, trails and towns inside them.
PARKS = frozenset(("PRK", "RESN", "RESW"))
#: How far from its point a park, or a mountain read as an area, holds a place of its country (the largest national
#: parks and massifs reach about this far).
PARK_REACH_KM = 60.0


def precision_of(place: Place) -> int:
    """The precision of a place, after ACLED's geo_precision: 1 a populated place (or ADM3 and finer),
    2 a district, 3 a region; 4 (:data:`COUNTRY_PRECISION`) a country, continent or multi-country region.
    A volcano, a summit, a waterfall (:data:`POINT_SITES`) or an airport is a point, as a town is (an eruption is
    "at" it, a crash "at Boryspil airport"); a park or reserve is a district's size."""
    if place.feature_class in ("P", "S") or place.feature_code in ("ADM3", "ADM4", "ADM5") \
            or place.feature_code in POINT_SITES:
        return 1
    if place.feature_code == "ADM2" or place.feature_code in PARKS:
        return 2
    if not pins_incident(place):
        return COUNTRY_PRECISION
    return 3


def pins_incident(place: Place) -> bool:
    """Finer than a country: not a country, continent or multi-country region (a region inside one
    country, such as Donbas or Java, is finer)."""
    return not place.is_country and place.feature_code != "CONT" and not (
        place.feature_code == "RGN" and not place.country_code)


_ACTIVE: dict[int, tuple] = {}


def _active(weights: Weights) -> tuple[tuple, tuple, dict]:
    """The evidence functions whose weight is not zero, with their weights, and a memo of mention sums.

    A mention's sum depends on its facts alone (not on its mention or sentence objects), and texts share
    few distinct combinations of facts: the memo maps ``facts[2:]`` to the sum (and a place's facts, see
    :func:`_score`, to its place sum).  Kept by the weights' identity (hashing 30 fields for every text
    would cost more than the look-up saves); the weights are kept too, so that their id stays theirs.
    """
    found = _ACTIVE.get(id(weights))
    if found is None or found[0] is not weights:
        if len(_ACTIVE) > 64:
            _ACTIVE.clear()
        found = _ACTIVE[id(weights)] = (
            weights,
            tuple((fn, getattr(weights, n)) for n, fn in MENTION_EVIDENCE.items() if getattr(weights, n)),
            tuple((fn, getattr(weights, n)) for n, fn in PLACE_EVIDENCE.items() if getattr(weights, n)), {})
    return found[1:]


def title_apart(text: str, title: str) -> bool:
    """Is ``title`` a record's title of its own, not the first words of its ``text``?"""
    return bool(title.strip()) and not text.lstrip().startswith(title.strip()[:80])


def parse_title_and_text(geoparser, title: str, text: str, context: Sequence = ()) -> tuple[list, list]:
    """The geoparser's mentions of a record's ``title`` and of its ``text``, as :func:`analyse` takes them
    (``title_mentions`` and ``mentions``): headline and story parsed as one document when the title is one of
    its own (``Geoparser.parse_article``), the text alone (and no title mentions) when it is the text's start."""
    if title_apart(text, title):
        return geoparser.parse_article(title, text, context)
    return [], geoparser.parse(text, context)


def analyse(text: str, mentions: Sequence, *, title: str = "", date: str = "", countries: bool = True,
            weights: Weights = WEIGHTS, title_mentions: Sequence = ()) -> Analysis:
    """The facts and scores of every candidate place of ``text``.

    ``mentions``: the geoparser's mentions of ``text`` (``Geoparser.parse``);
    ``title``: the record's title (it may also be the text's first line);
    ``date``: the record's date as an ISO day, for telling earlier years apart;
    ``countries``: countries and continents are candidates too (at precision 4), for a text that places
    its event only there; off, such a text has no incident ("only country-level places in the text");
    ``title_mentions``: the geoparser's mentions of ``title``, when it is not the text's own first line:
    a place the title names counts as named there whatever words the text uses for it ("U.S." in the
    title, "the United States" in the text).
    """
    original = text
    if uncased(text):  # its capitals say nothing: read it as cased prose, its mentions the names
        text = recased(text, mentions)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    usable = [m for m in mentions if m.place is not None and m.kind == "place" and m.confidence >= MIN_CONFIDENCE]
    usable = _unsure_towns_when_nothing_finer(mentions, usable)
    title_index = title_sentence(text, sentences, title)
    body_start = lead_start(text, sentences, title_index)  # (past a copied page's byline and share lines)
    # (an all-caps wire story's dateline is read as written: "KYIV —", "PESHAWAR:")
    dl_start, dl_end, dl_words = find_dateline(original if original.isupper() else text, sentences, body_start,
                                               [m.start for m in usable])
    if dl_end:
        # the story starts at its dateline: a sentence before it is its headline run into the text (when the
        # record has none of its own), and what stands between is the page's ("Alleged drug dealer's girlfriend
        # will testify. Megan Gildow brings you the latest from … local schools. XENIA — The girlfriend …")
        at = sentence_index(sentences, starts, dl_start)
        if at is not None and at.index > body_start:
            if title_index < 0 and not title.strip():
                title_index = body_start
            body_start = at.index
    dateline_name = ""
    dateline_places = [m for m in usable if dl_start <= m.start and m.end <= dl_end] if dl_end else []
    if dl_end:
        dateline_name = dateline_places[0].place.address if dateline_places else dl_words
    pinned = [m for m in usable if countries or pins_incident(m.place)]
    if not pinned:
        return Analysis(original, sentences, usable, [], dateline_name, dl_end, title_index, weights)
    # "the town" in an event's clause names the town before it again (kept only in the lead's event clauses,
    # below: "ordered tighter security in markets across the province" late in a story spreads no event)
    extra = place_anaphors(text, pinned, sentences, dl_end)
    anaphors = {id(a) for a in extra}
    if extra:
        pinned = sorted(pinned + extra, key=attrgetter("start"))
    year, day = reference_year(text, date), reference_day(date)
    words = Words(text, pinned, cased=text is original)
    lead = [(words.index(sentences[i].start), words.index(sentences[i].end))
            for i in {title_index, body_start} if 0 <= i < len(sentences)]
    event_months = story_months(words, lead, day)
    qualified_ids, qualifier_ids = qualifications(text, mentions)
    route_ids = route_ends(words, pinned)
    # the record's title counts when it is not the text's own start (a first line, or the first words)
    title_low = title.lower() if title_index < 0 and title_apart(text, title) else ""
    # (a demonym says whose, not where: "French farmers dump manure" names no place)
    title_places = frozenset(m.place.geonameid for m in title_mentions if m.place is not None and m.kind == "place") \
        if title_low else frozenset()
    # (nor does a home, nor a road's end: "Knoxville man dies after pickup overturns", "… on Juba-Yei road")
    title_aside = named_aside(title, title_mentions) if title_places else frozenset()
    context = TextContext(title_index, body_start, (dl_start, dl_end), title_low, title_places,
                          weights.lead_sentences, weights.event_window, title_aside)
    by_key: dict[tuple[int, int], Candidate] = {}
    per_sentence: dict[int, tuple[list[int], bool, bool]] = {}
    per_clause: dict[tuple[int, int], bool] = {}
    for k, m in enumerate(pinned):
        s = sentence_index(sentences, starts, m.start)
        if s is None:
            continue
        if s.index not in per_sentence:
            lo, hi = words.index(s.start), words.index(s.end)
            per_sentence[s.index] = (clause_cuts(text, s), is_background(words, lo, hi, year, day, event_months),
                                     opens_on_another_incident(words, lo, hi))
        cuts, in_background, separate_ = per_sentence[s.index]
        if cuts and not in_background:  # a date sets the time of its own clause (read once a clause)
            clause = (s.index, bisect_right(cuts, m.start))
            if clause not in per_clause:
                per_clause[clause] = clause_in_background(words, cuts, s, m.start, year, day, event_months)
            in_background = per_clause[clause]
        f = mention_facts(words, k, m, s, cuts, context, in_background, id(m) in qualifier_ids,
                          id(m) in route_ids, separate_)
        if anaphors and id(m) in anaphors:
            if not f.event_in_clause or f.background or not f.in_lead:
                continue
            # (in the title by its place, not by the noun: "Delta city begins cleanup")
            f = f._replace(in_title=s.index == title_index or m.place.geonameid in title_places)
        own = precision_of(m.place)
        # the text's word for it: coarser ("the province of Herat", resolved to the city), or a district it
        # calls a town or camp ("the Jenin refugee camp", resolved to the governorate)
        level = f.level if f.level and own < COUNTRY_PRECISION and (f.level > own or own == 2) else own
        key = (m.place.geonameid, level)
        cand = by_key.get(key)
        if cand is None:
            cand = by_key[key] = Candidate(m.place, level, [f], weights=weights)
        else:
            cand.facts.append(f)
        cand.qualified = cand.qualified or id(m) in qualified_ids
    candidates = list(by_key.values())
    if dl_end and dateline_here(words, sentences, body_start, body_start + weights.lead_sentences):
        _dateline_is_here(candidates)
    _roads_keep_their_sense(candidates)
    _seat_agencies(candidates)
    _references_that_locate(candidates, route_ids)
    # an event "in the capital" counts in the lead, where news says where it happened ("… often carries out
    # attacks in the capital and elsewhere", late in a story, is no report)
    lead_end = sentences[min(len(sentences), body_start + weights.lead_sentences) - 1].end if sentences else 0
    _called_capital(candidates, [r for r in capital_references(words, weights.event_window) if r[0] < lead_end])
    _containing(candidates, _title_spread(title, title_mentions, weights) if title_places else frozenset())
    own_title = title if title_low else ""  # (the record's title, when the text does not open with it)
    _spread_over_the_area(candidates, words, sentences, title_index, body_start, own_title)
    if route_ids:
        _route_in_the_area(candidates, route_ids, text)
    if dateline_places and "(" not in text[dl_start:dl_end]:  # (no agency: see _unanchored)
        dropped = _unanchored(candidates, mentions, dateline_places)
        if dropped:  # (nor do their mentions count a country for ``abroad``)
            gone = {id(f.mention) for c in dropped for f in c.facts}
            candidates = [c for c in candidates if c not in dropped]
            mentions = [m for m in mentions if id(m) not in gone]
    _abroad(candidates, mentions)
    # a lone place abroad found only by one of its other names is a name the gazetteer lacks that happens to
    # match it ("Manam", an island of Papua New Guinea, is an alternate name of Manama): no candidate
    candidates = [c for c in candidates if not (c.abroad and all(
        f.mention.place.match_kind is NameKind.ALTERNATE for f in c.facts))]
    mention_weights, place_weights, memo = _active(weights)
    for c in candidates:
        _score(c, mention_weights, place_weights, memo)
    candidates.sort(key=lambda c: (-c.score, c.first))
    if candidates and candidates[0].level == 1 and place_withheld(text):
        _area_when_withheld(candidates)
    unknown = unknown_place(words, mentions, sentences, body_start, body_start + weights.lead_sentences)
    if unknown and candidates:
        _holder_of_the_unknown(candidates, holders_of(unknown, text, pinned), holders_of(unknown, title,
                                                                                          title_mentions))
    return Analysis(original, sentences, usable, candidates, dateline_name, dl_end, title_index, weights, unknown)


#: A town the geoparser resolved with less confidence still places an incident when the text names nothing finer
#: than a country: it hesitated between namesakes, not over whether the name is a place.
MIN_UNSURE_CONFIDENCE = 0.15


def _unsure_towns_when_nothing_finer(mentions: Sequence, usable: list) -> list:
    """``usable`` with the towns resolved under :data:`MIN_CONFIDENCE` (down to :data:`MIN_UNSURE_CONFIDENCE`)
    when the sure mentions are all countries or continents and each unsure town lies in one of them (or the text
    names no place surely at all): "A Columbia woman … has been sentenced, the U.S. Attorney's office in Columbia
    said", Columbia at 0.29 among the Columbias of South Carolina, Missouri and Maryland, is a better answer than
    the United States, which places nothing; the incident's confidence carries the doubt."""
    if any(not (m.place.is_country or m.place.feature_code == "CONT") for m in usable):
        return usable
    countries = {m.place.country_code for m in usable}
    unsure = [m for m in mentions if m.place is not None and m.kind == "place" and m.place.feature_class == "P"
              and MIN_UNSURE_CONFIDENCE <= m.confidence < MIN_CONFIDENCE
              and (not countries or m.place.country_code in countries)]
    return sorted(usable + unsure, key=attrgetter("start")) if unsure else usable


def _holder_of_the_unknown(candidates: list[Candidate], held_in_text: list, held_in_title: list) -> None:
    """The lead puts the event at a place the gazetteer lacks (``textfacts.unknown_place``: "breaking into an ATM
    kiosk in Whitefield"), and the text or the title says which place holds it ("ATM heist in Bengaluru's
    Whitefield", "in the Linzi district of Zibo city"): the holder is where it happened, as near as the gazetteer
    can say, and goes first, even when it is the dateline, unless the best candidate lies in it already (a finer
    place the text found)."""
    ids = {id(m) for m in held_in_text}
    title_ids = {m.place.geonameid for m in held_in_title}
    holders = [c for c in candidates if not c.abroad and c.level <= 2 and (
        c.place.geonameid in title_ids or any(id(f.mention) in ids for f in c.facts))]
    if len(holders) != 1:
        return
    holder, best = holders[0], candidates[0]
    if holder is best or _inside(holder, best) or holder.place.geonameid == best.place.geonameid:
        return
    candidates.insert(0, candidates.pop(candidates.index(holder)))


def _area_when_withheld(candidates: list[Candidate]) -> None:
    """The text withholds the event's exact place ("the RCMP did not say where in Saskatchewan the farm is"):
    a town that places no event of its own (the dateline, the speaker's seat, a hospital: "REGINA — …
    in a news release issued in Regina") is no answer; the best area the event is placed in goes first
    (the guide's rule 6: "a cow on a farm in Alabama" -> Alabama)."""
    if any(_reports_here(f) for f in candidates[0].facts):
        return  # the town has an event of its own
    for k, c in enumerate(candidates[1:], 1):
        if c.level > 1 and not c.abroad and any((event_clause(f) or f.event_in_sentence or f.in_lead or f.in_title)
                                                and not (f.background or f.quoted) for f in c.facts):
            candidates.insert(0, candidates.pop(k))
            return


def _inside(outer: Candidate, inner: Candidate) -> bool:
    """Does ``outer`` contain ``inner``, at the levels the text names them?  Not when both are one place read at
    two levels ("the Gimbi district" and "the killings in Gimbi"): the name is one, not a finer place in it."""
    o, i = outer.place, inner.place
    if o.geonameid == i.geonameid:
        return False
    if o.feature_code.startswith(("LK", "STM", "RSV")) and i.feature_class == "P":
        # a lake or a river holds the towns the text names beside it, in one sentence ("capsized in Lake Victoria
        # shortly after leaving the port of Bukoba"): its shores are not in the gazetteer, the sentence says so
        # (not a sea: "in Batumi, the Black Sea port" describes the town)
        return not {f.sentence.index for f in outer.facts}.isdisjoint(f.sentence.index for f in inner.facts)
    if o.feature_code in MARINE_WATER:
        # a sea holds the coast an event at sea is placed off: "seized a tanker in the Gulf of Oman …, about 20
        # nautical miles off the Iranian port of Jask", "a blast in the southern Red Sea off Eritrea" (said in
        # one sentence with the sea, or with an event of its own: the sea's point is a reference work's centre,
        # the coast is where it happened)
        seas = {f.sentence.index for f in outer.facts}
        return any(f.offshore and not f.background and (f.sentence.index in seas or event_clause(f)
                                                        or f.event_in_sentence) for f in inner.facts)
    if o.feature_code in PARKS:  # a park holds the camps, trails and towns the text names in it ("Skukuza, in Kruger")
        return inner.level == 1 and _within_reach(o, i)
    if o.feature_code in POINT_SITES and outer.level == 3:
        # ... and a mountain the text reads as an area holds the districts and towns on it ("landslides on the slopes
        # of Mount Elgon … in Bulambuli district"; a range keeps the reading of other areas)
        return inner.level < 3 and _within_reach(o, i)
    if o.feature_code == "CONT":  # a continent contains its countries and their places ("Asia … China")
        return i.feature_code != "CONT" and in_continent(o, i)
    if o.feature_code == "RGN":  # geomap's own regions, by their members (Donbas, Java, West Africa)
        return i.feature_code not in ("CONT", "RGN") and in_region(o, i)
    if outer.level <= inner.level:
        return False
    if o.feature_class == "T" and not o.country_code:  # a range or desert of several countries ("Peru's northern
        return i.feature_class in ("P", "A") and not i.is_country  # Andes") holds the towns the story names
    if outer.level == COUNTRY_PRECISION:
        return o.is_country and i.country_code == o.country_code
    if o.feature_class != "P" and o.feature_code not in ("ADM1", "ADM2"):
        return contains(o, i, near_km=0)
    if not o.admin1_code or (o.country_code, o.admin1_code) != (i.country_code, i.admin1_code):
        return False
    # (a second-level unit holds its own towns, whatever the text calls it: "the Andean province of Pataz" does not
    # hold Trujillo, the capital of its region)
    district = outer.level == 2 or o.feature_code == "ADM2"
    if district and o.admin2_code and i.admin2_code:
        return o.admin2_code == i.admin2_code
    if district and (o.feature_class == "P" or o.admin2_code):
        # a district named after its town ("the Djugu territory"), or one whose place is known by no district
        # code (Van, the provincial seat, beside "Erciş district"): it holds what lies near its point, not the
        # whole province
        return distance_km(o.lat, o.lon, i.lat, i.lon) <= DISTRICT_OF_TOWN_KM
    return True


def _within_reach(area: Place, place: Place) -> bool:
    """Does ``place`` lie in ``area``'s country (if it has one) within :data:`PARK_REACH_KM` of its point?"""
    return (not area.country_code or place.country_code == area.country_code) \
        and distance_km(area.lat, area.lon, place.lat, place.lon) <= PARK_REACH_KM


def _title_spread(title: str, title_mentions: Sequence, weights: Weights) -> frozenset:
    """The places a record's own title spreads its event over ("Wildfires burn 40,000 hectares across Chile's
    Maule region"): the title read as a text of its own, a place of it after "across" or "throughout" in an
    event's clause."""
    return frozenset(c.place.geonameid for c in analyse(title, title_mentions, weights=weights).candidates
                     if any(f.spread and event_clause(f) for f in c.facts))


def _containing(candidates: list[Candidate], title_spread: frozenset = frozenset()) -> None:
    """``contains_other`` of each candidate: does it contain another candidate (1 with event evidence outside
    the background, or the dateline: where the reporter is, the region's event is most likely; not a
    country's, whose capital files most of its stories), else 0.5?
    And ``inside``: does it lie in a candidate with an event in its clause (1 a region or district, 0.5 a
    country)?"""
    for c in candidates:
        if c.level == 1:
            continue  # a town contains nothing, for this purpose
        inner = [o for o in candidates if o is not c and _inside(c, o)]
        if inner:
            # (an event of another time says nothing of this one: "earthquakes in October … destroyed whole
            # villages in Zindajan" does not make Zindajan district too coarse for November's quake)
            evented = any((f.event_in_clause or f.event_in_sentence) and not f.background
                          or f.in_dateline and c.level < COUNTRY_PRECISION for o in inner for f in o.facts)
            spreads = [f for f in c.facts if f.spread and event_clause(f) and not f.background]
            named_so = any(f.in_lead or f.in_title and f.position == 0 for f in spreads)
            # (the story's first sentence spreads its own event over the area, whatever it says of the towns in
            # it: "Torrential rain has caused deadly floods across the southern Brazilian state of Rio Grande do
            # Sul" before "the worst damage in … Lajeado and in Canoas")
            opening = any(f.in_lead and f.position == 0 for f in spreads)
            if evented and (c.place.geonameid in title_spread or named_so) or opening:
                c.spread_over = True  # "across Europe": the others are its hot spots (see spread())
                continue
            c.contains_other = 1.0 if evented else 0.5
            if any(event_clause(f) and not f.background for f in c.facts):
                strength = 0.5 if c.level == COUNTRY_PRECISION else 1.0
                for o in inner:
                    o.inside = max(o.inside, strength)


def _spread_over_the_area(candidates: list[Candidate], words: Words, sentences: list, title_index: int,
                          body_start: int, own_title: str) -> None:
    """The area the title or the lead spreads the event over, by the first of these readings that finds one:
    many districts of no named country are the one region the lead names ("The flood situation in Assam …
    nearly 14 lakh people in 22 districts"); a country-wide event is the country's (the title or the first
    sentence only: the second lost an unseen story); an outbreak declared in a region is the region's ("a
    meningitis epidemic in the southern Zinder region"); an epidemic a country has is the country's (only a
    country's name spreads so: "the cholera outbreak in Bauchi State" is left to the region's reading); a
    region-wide event, in the first two sentences, is the region's ("… battered India's eastern Odisha state …
    bringing down power lines across the state")."""
    first, second = body_start + 1, body_start + 2
    spread_name = countrywide(words, sentences, title_index, body_start, first, own_title)
    if spread_name == "" and districts_hit(words, sentences, title_index, body_start, first, own_title) \
            and _spread_over_the_region(candidates, 3):
        return
    if spread_name is not None and _spread_over_the_country(candidates, spread_name):
        return
    outbreak = epidemic_region(words, sentences, title_index, body_start, first)
    if outbreak is not None and _spread_over_the_named(candidates, outbreak):
        return
    epidemic = epidemic_country(words, sentences, title_index, body_start, first, own_title)
    if epidemic and _spread_over_the_country(candidates, epidemic):
        return
    level = regionwide(words, sentences, title_index, body_start, second, own_title)
    if level == 0:  # "across the department": the one second-level unit the lead calls so, else the region
        if not _spread_over_the_region(candidates, 2, lambda c: c.place.feature_code == "ADM2" and any(
                area_word_of(words.text, f.mention) in LEVEL_BY_COUNTRY for f in c.facts)):
            _spread_over_the_region(candidates, 3)
    elif level is not None:
        _spread_over_the_region(candidates, level)


#: How far after a route's second end the area that holds it may be named: "between Bandiagara and Bankass in
#: central Mali's Mopti region", "between the towns of Dori and Sebba in the country's north-eastern Sahel region".
ROUTE_AREA_GAP = 50


def _route_in_the_area(candidates: list[Candidate], route_ids: set[int], text: str) -> None:
    """The area that holds a route the lead places the event on is where it happened (the guide: an event on a
    road between two towns is in the smallest named area that holds both): "a bus struck an explosive device on
    the road between Bandiagara and Bankass in central Mali's Mopti region" is Mopti region's, not Bankass's.  The
    area is named right after the ends, in the event's clause, and holds every end the gazetteer found; it takes
    the event as an area it is spread over does (:func:`spread`).  Not when the sentence also names a town with
    an event of its own: a point on the route ("… near the village of Boni") or an area inside it is finer; nor
    a country whose possessive names a smaller area, found or not ("… to Ubari in Libya's southwestern Fezzan
    region")."""
    ends = [(f, c) for c in candidates for f in c.facts if id(f.mention) in route_ids and f.in_lead]
    if not ends:
        return
    areas = []
    for c in candidates:
        if c.level < 2 or c.spread_over:  # (a district, region or country, as the text calls it)
            continue
        for f in c.facts:
            if not (f.in_lead and event_clause(f) and not f.background) \
                    or (c.place.is_country and text.startswith(POSSESSIVE_ENDINGS, f.mention.end)):
                continue
            held = [(g, o) for g, o in ends if g.sentence.index == f.sentence.index
                    and 0 <= f.mention.start - g.mention.end <= ROUTE_AREA_GAP]
            # (an end may be the area itself: "between Potosí and Uyuni in … Potosí department")
            if not held or not all(o is c or _inside(c, o) for _, o in held):
                continue
            # (or a finer area in it: "a helicopter flying from Bhubaneswar to Jeypore made an emergency landing
            # in a paddy field in Odisha's Kandhamal district" is the district's)
            points = [o for o in candidates if (o.level == 1 or o.level < c.level and _inside(c, o))
                      and all(o is not e for _, e in held) and any(
                g.sentence.index == f.sentence.index and event_clause(g) and not g.reference for g in o.facts)]
            if not points:
                areas.append(c)
                break
    # the smallest of them: "between Gao and Ansongo in northern Mali's Gao region" is the region's, not Mali's
    smallest = min((a.level for a in areas), default=0)
    for c in areas:
        if c.level == smallest:
            c.spread_over, c.contains_other = True, 0.0


def _home_country(candidates: list[Candidate]) -> str:
    """The country most of the text's mentions of places lie in ("" when none lies in one)."""
    votes = Counter(c.place.country_code for c in candidates for _ in c.facts if c.place.country_code)
    return votes.most_common(1)[0][0] if votes else ""


def _spread_over_the_country(candidates: list[Candidate], name: str) -> bool:
    """The title or first sentence spreads the event over a whole country (``textfacts.countrywide``): the
    country it names ("in different parts of Bangladesh"), else the one most of the text's places lie in
    ("spread to all 29 of the country's districts"), is the area the event is spread over, and its towns and
    regions are hot spots (as "across Europe" makes Europe, :func:`spread`).  Did it spread the event over one?"""
    if name:
        named = name.lower()
        codes = {c.place.country_code for c in candidates if c.place.is_country
                 and any(named.startswith(f.mention.surface.lower()) for f in c.facts)}
    else:
        home = _home_country(candidates)
        codes = {home} if home else set()
    spread = False
    for c in candidates:
        if c.place.is_country and c.place.country_code in codes:
            c.spread_over, c.contains_other, spread = True, 0.0, True
    return spread


def _spread_over_the_region(candidates: list[Candidate], level: int,
                            called: Callable[[Candidate], bool] | None = None) -> bool:
    """The title or first sentence spreads the event over the whole of a region ("raids across the state",
    ``textfacts.regionwide``): the one region of that level the lead names is the area the event is spread
    over, and its towns are hot spots (as "across Europe" makes Europe, :func:`spread`).  ``called``: only such
    regions as the text calls by the word it spreads the event with.  Did it spread the event over one?"""
    named = [c for c in candidates if c.level == level and c.place.feature_class == "A"
             and any(f.in_lead or f.in_title for f in c.facts) and (called is None or called(c))]
    if len(named) > 1:  # (the one in the story's own country: "Rivers have burst their banks in eight of the
        # province's 22 districts" names no Nigerian state in a story of Zambézia)
        home = _home_country(candidates)
        named = [c for c in named if c.place.country_code == home]
    if len(named) == 1:
        named[0].spread_over, named[0].contains_other = True, 0.0
    return len(named) == 1


def _spread_over_the_named(candidates: list[Candidate], span: tuple[int, int]) -> bool:
    """The lead spreads the event over the region named at ``span`` (``textfacts.epidemic_region``), unless its
    sentence names a place inside it too ("a cholera outbreak in Bauchi State has killed 12 people in Ningi" is
    Ningi's).  Did it spread the event over one?"""
    a, b = span
    named = [c for c in candidates if c.place.feature_class == "A" and not c.place.is_country
             and any(f.mention.start < b and a < f.mention.end for f in c.facts)]
    if len(named) != 1:
        return False
    region = named[0]
    sentence = next(f.sentence.index for f in region.facts if f.mention.start < b and a < f.mention.end)
    if any(_inside(region, o) for o in candidates if o is not region
           and any(f.sentence.index == sentence for f in o.facts)):
        return False
    region.spread_over, region.contains_other = True, 0.0
    return True


#: How far from its town a district named after the town (and known by no code) reaches: the radius of a circle
#: the size of the mean second-level unit (GeoNames' 44,832 units over the 135 million km² of the 188 countries
#: that have them: 3,018 km²).  "The Djugu territory" does not hold Bunia, 48 km away in the same province.
DISTRICT_OF_TOWN_KM = 31.0
#: How near a found place must lie to a reference point to be the place the reference locates.
REFERENCE_KM = 75.0
#: ... or within this many times the distance the text gives (a road's distance is longer than the crow's).
STATED_KM_SLACK = 1.25


_SEATS = frozenset({"PPLC", "PPLA"})


def _seat_agencies(candidates: list[Candidate]) -> None:
    """The police of a capital or regional seat speak for their region: when the text puts an event in
    another town or district of that region, "the police in Maiduguri, the Borno state capital, confirmed
    the attack" (on farmers outside Gwoza) is no local agency at its own scene (no ``responder``)."""
    seats = [c for c in candidates if c.place.feature_code in _SEATS and any(f.responder for f in c.facts)]
    for c in seats:
        p = c.place
        if any(o is not c and o.level <= 2 and o.place.country_code == p.country_code
               and o.place.admin1_code == p.admin1_code and o.place.geonameid != p.geonameid
               and any(f.event_in_clause and not (f.responder or f.reference or f.care or f.residence)
                       for f in o.facts) for o in candidates):
            c.facts = [f._replace(responder=False) if f.responder else f for f in c.facts]


def _roads_keep_their_sense(candidates: list[Candidate]) -> None:
    """One sense per name: where the text names a road after a place ("North Nokomis Street") and never uses
    the name as a place otherwise (after a locative, for its police, for someone's home), its other mentions
    are that road too ("Nokomis traffic").  A name the text also uses as a place ("about 15 km north of
    Gympie", "Gympie police") keeps both senses."""
    for c in candidates:
        if len(c.facts) < 2 or not any(f.road for f in c.facts):
            continue
        roads = {f.mention.surface for f in c.facts if f.road}
        roads -= {f.mention.surface for f in c.facts if not f.road and (f.locative or f.responder or f.residence)}
        if roads and not all(f.road for f in c.facts):
            c.facts = [f._replace(road=True) if not f.road and not f.locative and f.mention.surface in roads else f
                       for f in c.facts]


def _dateline_is_here(candidates: list[Candidate]) -> None:
    """The lead puts the event "here" or "in this town" (``textfacts.dateline_here``): the dateline's place
    is the event's, named in the lead's event sentence rather than above it."""
    for c in candidates:
        if any(f.in_dateline for f in c.facts):
            c.facts = [f._replace(in_dateline=False, event_in_clause=True, locative=True) if f.in_dateline else f
                       for f in c.facts]


def _references_that_locate(candidates: list[Candidate], route_ids: set[int]) -> None:
    """A reference point ("about 40 km south of Ouargla", "villages north of Athens") counts against itself
    only when the text names, with event evidence, a town or district near it (within :data:`REFERENCE_KM`,
    or about as far as the distance the text gives):
    that is what it locates ("the village of Varnavas"; "Tarmiyah, about 50 km north of Baghdad"), or
    names another place before it in its sentence, whatever the distance ("Beledweyne, … about 340 km north
    of the capital Mogadishu").  Else the reference point is the best estimate of where it happened ("a
    desert highway about 40 km south of Ouargla" is Ouargla, as the guide says).  The ends of a route stay
    reference points."""
    referring = [c for c in candidates if any(f.reference and id(f.mention) not in route_ids for f in c.facts)]
    if not referring:
        return
    # (where the wounded were taken, or someone spoke, is not what a reference locates: "clashes in a village
    # about 20 kilometres from Kyabé … the wounded were evacuated to the hospital in Sarh")
    located = [c for c in candidates if c.level <= 2 and any(
        f.event_in_clause and f.locative and not (f.reference or f.care or f.aftermath or f.attribution)
        for f in c.facts)]
    for c in referring:
        p = c.place
        # as far as the text says, if it says more ("85 kilometres east of the state capital Maiduguri")
        reach = max([REFERENCE_KM] + [STATED_KM_SLACK * f.stated_km for f in c.facts if f.reference])
        # (a district that holds the reference point is not what it locates: "in a village 10 km from Rajula in
        # Gujarat's Amreli district")
        if any(o is not c and not _inside(o, c) and distance_km(p.lat, p.lon, o.place.lat, o.place.lon) <= reach
               for o in located):
            continue
        c.facts = [f._replace(estimate=True) if f.reference and id(f.mention) not in route_ids
                   and not _named_before(f, c, candidates) else f for f in c.facts]


def _named_before(f: Facts, c: Candidate, candidates: list[Candidate]) -> bool:
    """Does another place (not the dateline) stand before mention ``f`` in its sentence: the place its
    distance is given for ("Beledweyne, … about 340 km north of the capital Mogadishu")?"""
    return any(o is not c and any(g.sentence.index == f.sentence.index and g.mention.start < f.mention.start
                                  and not g.in_dateline for g in o.facts) for o in candidates)


def _called_capital(candidates: list[Candidate], references: list[tuple[int, bool]]) -> None:
    """``called_capital`` of the one national capital (or regional seat) among the candidates, when the
    text puts an event "in the capital" (or "in the state capital")."""
    for national in {national for _, national in references}:
        codes = ("PPLC",) if national else ("PPLA",)
        of_kind = {c.place.geonameid: c for c in candidates if c.place.feature_code in codes}
        if len(of_kind) == 1:
            next(iter(of_kind.values())).called_capital = True


#: A town at least this large (or a capital) may be named alone, abroad, in a story filed elsewhere ("LONDON
#: (Reuters) - … in Lyon"); a smaller one so named is a namesake (as the geoparser's ``lone_town_population``).
UNANCHORED_TOWN_POPULATION = 100_000


def _unanchored(candidates: list[Candidate], mentions: Sequence, dateline: Sequence) -> list[Candidate]:
    """The candidates a local dateline's country rules out: a town or district under
    :data:`UNANCHORED_TOWN_POPULATION` (not a capital) in a country the text never names, by the country, a
    first-level region, a demonym or the dateline's place.  A story filed in "CAPE TOWN –" that puts a shooting
    "in Delft" and a taxi route "to Bellville" means suburbs the gazetteer lacks, not the Dutch city and a Texas
    town; "MUMBAI: … outside his office in Santacruz" is not a Colombian village.  Left out, the story falls to
    the places of its own country (here the dateline).  Only a dateline without an agency (a paper's own city):
    an agency's bureau files the news of its region ("MOSCOW (Sputnik) — … near al-Bab")."""
    named = {m.place.country_code for m in mentions if m.place is not None and (
        m.kind != "place" or m.place.is_country or m.place.feature_code == "ADM1")}
    named.update(m.place.country_code for m in dateline)
    return [c for c in candidates if c.level < COUNTRY_PRECISION and c.place.country_code not in named
            and c.place.country_code and c.place.feature_code != "PPLC"
            and c.place.population < UNANCHORED_TOWN_POPULATION]


def _abroad(candidates: list[Candidate], mentions: Sequence) -> None:
    """``abroad`` of each candidate (see :func:`abroad`): countries counted over every resolved mention,
    demonyms included ("Afghan officials" names Afghanistan)."""
    per_country: dict[str, int] = {}
    for m in mentions:
        if m.place is not None and m.place.country_code:
            per_country[m.place.country_code] = per_country.get(m.place.country_code, 0) + 1
    if len(per_country) < 2:
        return
    for c in candidates:
        cc = c.place.country_code
        if not cc:
            continue
        own = len(c.facts)
        if c.place.is_country and any(f.in_title for f in c.facts) \
                and any(f.in_lead and event_clause(f) for f in c.facts):
            continue  # the country the story is about, however often a company's home is named
        if per_country.get(cc, 0) - own <= 0 and max(n for k, n in per_country.items() if k != cc) >= 3:
            c.abroad = True


def _score(c: Candidate, mention_weights: tuple, place_weights: tuple, memo: dict) -> None:
    best, best_sum = None, -math.inf
    roads, confidence = 0, 0.0  # read by the place evidence
    for f in c.facts:
        roads += f.road
        if f.mention.confidence > confidence:
            confidence = f.mention.confidence
        key = f[2:]
        total = memo.get(key)
        if total is None:
            total = 0.0
            for fn, w in mention_weights:
                total += w * fn(f)
            if len(memo) > 50_000:
                memo.clear()
            memo[key] = total
        if total > best_sum:
            best, best_sum = f, total
    c.best = best
    # the place evidence reads these alone (memoised like the mentions' sums)
    key = ("place", len(c.facts), c.level, c.qualified, c.contains_other, c.inside, c.abroad, c.spread_over,
           c.called_capital, vague_area(c.place), roads, confidence)
    total = memo.get(key)
    if total is None:
        total = memo[key] = sum(w * fn(c) for fn, w in place_weights)
    c.score = best_sum + total


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
    if analysis.unknown_place:  # the event's own place is not in the gazetteer: the winner is near it at best
        confidence *= w.unknown_place_confidence
    mention = win.best.mention
    if all(m is not mention for m in analysis.usable):  # "the town": the name it refers to
        mention = next((f.mention for f in win.facts if any(m is f.mention for m in analysis.usable)), mention)
    return Choice(mention, _label(win, len(analysis.candidates)), round(confidence, 4), "", win,
                  analysis.unknown_place)


def _precision(c: Candidate, f: Facts) -> int:
    """A town named as a reference point ("20 km north of Kherson") places the event near it: precision 2."""
    return 2 if c.level == 1 and f.reference else c.level


def _label(c: Candidate, n: int) -> str:
    f = c.best
    if c.level == COUNTRY_PRECISION:
        return LABELS["country"]
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
    """One incident of ``--incidents each``: its mention, its sentence's offsets, why, how sure, how precise."""

    mention: object
    sentence_start: int
    sentence_end: int
    located_by: str
    confidence: float
    precision: int = 1


def _reports_here(f: Facts) -> bool:
    """Does this mention place an event of its own sentence (for ``--incidents each``)?  A reference point
    does ("an explosion 20 km north of Kyiv": near Kyiv, precision 2); a hospital or a speaker does not."""
    return bool(event_clause(f)) and not (f.background or f.quoted or f.attribution or f.care or f.aftermath
                                          or f.laboratory or f.qualifier or f.in_dateline)


def every_incident(analysis: Analysis, main: Choice | None = None) -> list[EventIncident]:
    """One incident per event sentence, each at its own place; the main incident first.

    A sentence is an event sentence when a candidate place in it has event evidence in its own clause
    (:func:`event_clause`) and is not background, quoted, an attribution, a hospital, a reference point or
    a qualifier.  In each such sentence the best-scoring such place is the incident.  A place already an
    incident of the text is not repeated, nor is a region containing one (the same event, less precisely);
    a country is only ever the main incident.
    """
    main = main or choose(analysis)
    if main.mention is None:
        return []
    best = main.candidate.best
    out = [EventIncident(main.mention, best.sentence.start, best.sentence.end, main.located_by, main.confidence,
                         main.precision)]
    taken = [main.candidate]
    by_sentence: dict[int, tuple[float, Candidate, Facts]] = {}
    for c in analysis.candidates:
        if c.level == COUNTRY_PRECISION:
            continue
        for f in c.facts:
            if not _reports_here(f):
                continue
            key = f.sentence.index
            if key not in by_sentence or c.score > by_sentence[key][0]:
                by_sentence[key] = (c.score, c, f)
    w = analysis.weights
    for _, (score, c, f) in sorted(by_sentence.items()):
        if any(c.place.geonameid == t.place.geonameid or _inside(c, t) for t in taken):
            continue
        z = w.confidence_bias + w.confidence_per_score * score
        out.append(EventIncident(f.mention, f.sentence.start, f.sentence.end, LABELS["event"],
                                 round(resolved(c) / (1.0 + math.exp(-z)), 4), _precision(c, f)))
        taken.append(c)
    return out


_FIRST_SENTENCE = re.compile(r"(?<=[a-z”\"')])\.\s+(?=[A-Z])")


def weights_table(weights: Weights = WEIGHTS) -> list[tuple[str, float, str]]:
    """(name, weight, first sentence of its docstring) of every evidence function, for the docs."""
    rows = []
    for name, fn in {**MENTION_EVIDENCE, **PLACE_EVIDENCE}.items():
        doc = " ".join((fn.__doc__ or "").split())
        rows.append((name, getattr(weights, name), _FIRST_SENTENCE.split(doc, 1)[0].rstrip(".")))
    return rows


def _weight_names() -> set[str]:
    return {f.name for f in fields(Weights)}
