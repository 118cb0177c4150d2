"""What the words around a place mention say: the facts the incident evidence reads.

:mod:`geomap.incident` weighs evidence; this module reads the text once and
says, for each place mention, what stands around it.  A text's words are
tokenised **once** (:class:`Words`: offsets, lower-case forms and a bit mask
of the word lists each word belongs to, looked up once per distinct word),
with running counts of event words, so that judging one mention costs a few
look-ups in its own clause and no scan of the text.

The facts of one mention (:class:`Facts`):

* ``locative``: introduced by a locative ("in", "north of", "on the outskirts
  of"), by the event verb itself ("shelled Berdychi"), or the subject of a
  passive event verb ("Kherson was shelled", "the village of Ciocile … has
  been quarantined");
* ``event_in_clause`` / ``event_in_sentence``: an event word near it in its
  clause, or elsewhere in its sentence;
* ``attribution``: where something was said or who said it ("said in Moscow",
  "Kyiv said", "a London-based monitor");
* ``responder``: it names a local agency that answers incidents where they
  happen ("the Byesville Fire Department", "Police in Sevierville", "the
  Madison County Sheriff's Office"); such an agency speaking is no attribution;
* ``care``: where the wounded were taken or treated ("the regional hospital in
  Kaya", "a Dallas hospital", "taken to …");
* ``laboratory``: where samples were tested ("the department's laboratory in Ames", "a military lab in
  Cairo");
* ``reference``: a reference point for another place ("50 kilometers (30
  miles) north of Baghdad", "20 miles west of Toledo", "villages north of
  Athens"; not "the north of England", a part of it);
* ``residence``: where a person lives ("John Smith, 39, of Pomeroy", "a Harlem
  woman", "residents of Kherson");
* ``road``: it names a road ("Indian Lake Road", "Rivers Avenue", "the Kherson road", "KY 52");
* ``level``: what the text calls the place, whatever the gazetteer resolved it
  to: 3 a region ("Belgorod region", "the province of Herat"), 2 a district
  ("the district of Zindajan"), 1 a town ("Herat city"), 0 unsaid;
* ``quoted``, ``background`` (another time), ``qualifier`` ("Pandi,
  **Bulacan**"), the title, the lead, the dateline, the sentence's position.

The word lists are sorted data files in ``geomap/data/`` (see docs/incidents.md).
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache, reduce
from itertools import accumulate, compress, count, repeat
from operator import and_, attrgetter, or_
from typing import Callable, NamedTuple, Sequence

from .geoparser.recognition_rules import NAME_AFTER_LOCATIVE
from .geoparser.tokens import COMPASS_WORD
from .geoparser.words import words as geoparser_words
from .place import Place, contains
from .reldate import MONTHS, WEEKDAYS
from .sentences import CLAUSE_MARK, NUMBER_WORDS, SPANS_BEFORE_AFTER, WORD, Sentence, lemmas, word_list

__all__ = ["Facts", "Words", "TextContext", "word_classes", "mention_facts", "find_dateline", "title_sentence",
           "lead_start", "named_aside", "place_withheld", "clause_in_background", "reference_year", "reference_day",
           "is_background", "story_months",
           "qualifications",
           "route_ends", "opens_on_another_incident",
           "capital_references", "countrywide", "epidemic_country", "epidemic_region", "regionwide", "dateline_here",
           "EVENT", "LOCATIVE", "REPORTING", "CARE", "RESPONDER", "PERSON", "AUXILIARY",
           "REGION", "DISTRICT", "DISTANCE", "FILLER", "DIRECTION", "ROAD", "LAB"]

# Word classes, as bits of one mask per word.
EVENT, LOCATIVE, DIRECTION, FILLER, REPORTING, CARE, RESPONDER, PERSON, AUXILIARY, REGION, DISTRICT, DISTANCE, \
    ROAD, RESPONDER_HINT, TOWN, LAB, MEDICAL, SEAT, REACTION, AFTERMATH = (1 << i for i in range(20))

_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west"})
_TOWN_WORDS = frozenset({"city", "town", "village", "hamlet", "township", "camp"})  # "the Jenin camp": a settlement
_CAMP_KINDS = frozenset({"refugee", "displacement", "idp"})  # "the Jenin refugee camp"
_POSSESSIVE = ("'s", "’s")


class Facts(NamedTuple):
    """What the surroundings of one place mention say (computed once, read by the evidence functions;
    a named tuple: made for every mention, it must be cheap)."""

    mention: object          # the geoparser's Mention
    sentence: Sentence
    in_title: bool           # in the title line, or its name is in the record's title
    in_lead: bool            # in the first ``lead_sentences`` sentences after the title
    in_dateline: bool        # in the dateline ("MOSCOW (Sputnik) —")
    locative: bool           # introduced by a locative or the event verb, or the subject of a passive event verb
    event_in_clause: bool    # an event word in its clause, within ``event_window`` words
    event_in_sentence: bool  # an event word elsewhere in its sentence
    attribution: bool        # where something was said, or who said it ("said in Moscow", "Kyiv said")
    quoted: bool             # inside quotation marks
    background: bool         # its sentence is about another time ("last year", "in 2006")
    qualifier: bool          # it qualifies the place before it ("Pandi, **Bulacan**", "Ciocile in **Brăila**")
    position: int            # index of its sentence among the body's sentences
    responder: bool = False  # it names a local police, sheriff or fire service ("the Byesville Fire Department")
    care: bool = False       # where victims were taken or treated ("the hospital in Kaya")
    reference: bool = False  # a reference point ("50 km north of Baghdad")
    residence: bool = False  # where someone lives ("John Smith, 39, of Pomeroy", "a Harlem woman")
    level: int = 0           # what the text calls it: 3 region, 2 district, 1 town, 0 unsaid
    road: bool = False       # it names a road ("Indian Lake Road", "the Kherson road")
    laboratory: bool = False  # where samples were tested ("the department's laboratory in Ames")
    spread: bool = False     # the area an event is spread over ("across Europe", "throughout Texas")
    separate: bool = False   # its sentence opens on another incident ("Separately, …", "Elsewhere, …")
    estimate: bool = False   # a reference point that stands in for what it locates, found nowhere
    worst_hit: bool = False  # said to bear the worst of the event ("Nacala has been the worst affected")
    stated_km: float = 0.0   # the distance a reference point is given at ("85 kilometres east of X": 85)
    aftermath: bool = False  # where the accused were tried or the dead brought home ("went on trial in Cordoba")
    offshore: bool = False   # the coast an event at sea lies off ("20 nautical miles off Jask", "off the coast of Eritrea")


@lru_cache(maxsize=None)
def _vocabulary() -> dict[str, frozenset[str]]:
    return {name: word_list(f"{name}.txt") for name in (
        "event_words", "locative_words", "place_fillers", "reporting_words", "care_words", "responder_words",
        "person_words", "auxiliary_words", "region_words", "district_words", "distance_words", "road_words",
        "lab_words", "seat_words", "reaction_words", "aftermath_words", "expert_words")}


#: The first parts of hyphenated words that name a response, not an event: "water-bombing", "fire-fighting".
_RESPONSE_HEADS = ("water-", "fire-fight")


#: Each word's classes once found (:func:`word_classes`): a plain dict, so that :class:`Words` looks a text's words
#: up with ``dict.get`` in C (an ``lru_cache`` call costs three times as much a word).  Emptied when it grows large.
_CLASSES: dict[str, int] = {}
_CLASSES_MAX = 1 << 17


def word_classes(word: str) -> int:
    """The bit mask of the word lists ``word`` (lower case) belongs to (kept in :data:`_CLASSES`)."""
    found = _CLASSES.get(word)
    if found is None:
        if len(_CLASSES) >= _CLASSES_MAX:
            _CLASSES.clear()
        found = _CLASSES[word] = _word_classes(word)
    return found


def _word_classes(word: str) -> int:
    """The bit mask of the word lists ``word`` (lower case) belongs to, inflections included.

    A hyphenated word is an event word when its last part is one ("worst-hit", "quake-hit"), except when its
    first part is the water or fire it is done with or against ("water-bombing aircraft", "fire-fighting
    crews": the response, not an event).
    """
    v = _vocabulary()
    forms = lemmas(word)
    mask = 0
    if word.endswith(("'s", "’s")) or word.startswith(_RESPONSE_HEADS):
        pass  # a possessive names no event ("Syria's", "Tuesday's"), nor a response ("water-bombing")
    elif any(f in v["event_words"] for f in forms) or ("-" in word and any(
            f in v["event_words"] for f in lemmas(word.rsplit("-", 1)[1]))):
        mask |= EVENT
    if word in v["locative_words"]:
        mask |= DIRECTION if word in _DIRECTIONS else LOCATIVE
    elif word in _DIRECTIONS:
        mask |= DIRECTION
    if word in v["place_fillers"]:
        mask |= FILLER
    for name, bit in (("reporting_words", REPORTING), ("care_words", CARE), ("responder_words", RESPONDER),
                      ("person_words", PERSON), ("lab_words", LAB), ("reaction_words", REACTION),
                      ("aftermath_words", AFTERMATH)):
        if any(f in v[name] for f in forms):
            mask |= bit
    if word in _RESPONDER_HINTS:
        mask |= RESPONDER_HINT
    if word in _TOWN_WORDS:
        mask |= TOWN
    if word == "medical":  # of "medical center", a care word; not of "medical equipment"
        mask |= MEDICAL
    for name, bit in (("auxiliary_words", AUXILIARY), ("region_words", REGION), ("district_words", DISTRICT),
                      ("distance_words", DISTANCE), ("road_words", ROAD), ("seat_words", SEAT)):
        if word in v[name]:
            mask |= bit
    return mask


_SPLIT = re.compile(f"({WORD.pattern})")


def _names_no_event(lower: list[str], classes: list[int], i: int) -> bool:
    """Does event word ``i`` name a building ("a detention center", "the fire station"), a hazard
    (:data:`_HAZARD_NOUNS`: "avalanche danger", "a flood warning") or, as a participle after "the", people
    ("the injured were", "the wounded, …", "the dead and"; "seriously injured passengers") rather than an
    event?"""
    after = lower[i + 1] if i + 1 < len(lower) else ""
    if after in _FACILITY_NOUNS or after in _HAZARD_NOUNS:
        return True
    word = lower[i]
    if not (i > 0 and (word.endswith("ed") or word in ("dead", "hurt"))):
        return False
    before = lower[i - 1]
    if before == "the" and (not after or bool(classes[i + 1] & AUXILIARY) or after in ("and", "among", "including")):
        return True
    # ... or before the people it describes: "eleven seriously injured passengers were flown to Kathmandu"
    return after in _PEOPLE and (before in _COUNTED or before.isdigit() or before.endswith("ly"))


#: People a participle may describe ("injured passengers", "the wounded soldiers"), and the words before
#: such a participle that make it one (a determiner, a number; an adverb is found by its "-ly").
_PEOPLE = frozenset(("boy", "child", "children", "civilians", "girl", "man", "men", "passenger", "passengers",
                     "patients", "people", "person", "pilgrims", "residents", "soldier", "soldiers", "students",
                     "survivors", "troops", "victim", "victims", "villagers", "woman", "women", "worker", "workers"))
_NUMBER_WORDS = frozenset(NUMBER_WORDS)
_COUNTED = _NUMBER_WORDS | {"the", "a", "an", "some", "all", "several", "many", "dozens", "hundreds", "of", "other"}


#: Words of flight before the event fled: "who fled fighting in Khartoum", "families escaping shelling in Bakhmut".
_FLED = frozenset(("fled", "fleeing", "flee", "flees", "escaped", "escaping", "escape"))

#: Words that may stand between a reaction word and the event it reacts to: "condemned **the** attack",
#: "the condemnation **of the** attack", "mourned **Tuesday's** bombing", "expressed grief **over the** accident",
#: "condolences **for the** victims".
_REACTION_GAP = frozenset(("the", "this", "that", "these", "those", "its", "their", "of", "a", "an", "over", "for",
                           "at", "about"))


def _reacted_to(lower: list[str], classes: list[int], i: int) -> bool:
    """Is event word ``i`` the object of a reaction ("In Srinagar, the Lieutenant Governor condemned **the
    attack**")?  It refers to the story's event; its clause's place is where the reaction was."""
    for j in range(i - 1, max(-1, i - 7), -1):
        if classes[j] & REACTION:
            return True
        # (the object may hold other event words: "mourned the victims of the bombing")
        if lower[j] not in _REACTION_GAP and not lower[j].endswith(("'s", "’s")) and not classes[j] & EVENT:
            return False
    return False


#: Nouns that make an event word before them a building's or an office's name: "detention center", "fire
#: station", "the Office of the Fire Commissioner in Edmonton", "the fire department" (a local fire service
#: still counts as the responder at its own scene).
_FACILITY_NOUNS = frozenset(("center", "centre", "centers", "centres", "facility", "facilities", "station",
                             "stations", "commissioner", "marshal", "department", "brigade", "service", "services"))


class Words:
    """The words of one text, tokenised once: offsets, lower-case forms, classes, whose mention each is.

    ``owner[i]`` is the index (in ``mentions``) of the mention word ``i`` lies in, or -1;
    ``events`` lists the indices of the event words that lie in no mention (a possessive is none), in order;
    ``present`` is every class some word has (or-ed), for a cheap "does the text hold any … word" test;
    ``cased``: the text was written with capitals (not recased from one all in capitals or in lower case, whose
    capitals mark only its mentions and sentence starts).
    """

    __slots__ = ("text", "low", "starts", "ends", "lower", "classes", "capital", "owner", "events", "quotes", "years",
                 "reacted", "worst", "present", "cased")

    def __init__(self, text: str, mentions: Sequence, cased: bool = True):
        self.text = text
        self.cased = cased
        self.quotes = '"' in text or "“" in text  # without any, nothing is quoted
        self.years = None  # (offset, year) of each year the text names, found when first needed
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer ("İ"): offsets must stay the text's
            low = "".join(ch.lower()[0] for ch in text)
        self.low = low  # (the text in lower case, for cheap "does it hold this word at all" tests)
        # words and the stretches between them, in turn; their lengths add up to the offsets (all in C)
        parts = _SPLIT.split(low)
        # "the worst affected", "hardest-hit", "the epicentre", "41 of them in …" (``worst_hit``'s words: substring
        # tests cost a tenth of a regex search)
        self.worst = any(map(low.__contains__, _WORST)) or any(map(low.__contains__, _MOST_OF_NEEDLES))
        offsets = list(accumulate(map(len, parts), initial=0))
        n = len(parts) // 2
        self.lower = lower = parts[1::2]
        self.starts = starts = offsets[1:2 * n:2]
        self.ends = offsets[2:2 * n + 1:2]
        self.capital = list(map(str.isupper, map(text.__getitem__, starts)))
        classes = list(map(_CLASSES.get, lower))
        if None in classes:  # (a word not looked up before)
            classes = list(map(word_classes, lower))
        if "landing" in low or "landed" in low:
            _mark_unplanned_landings(lower, classes)
        self.classes = classes
        self.present = reduce(or_, classes, 0)  # every class some word of the text has
        self.owner = owner = [-1] * len(starts)
        inside_event = False
        for k, m in enumerate(mentions):
            for i in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                owner[i] = k
                inside_event = inside_event or bool(classes[i] & EVENT)
        self.events = list(compress(count(), map(and_, classes, repeat(EVENT, len(classes)))))
        if inside_event:  # an event word inside a place's name ("Fire Island") is no event
            self.events = [i for i in self.events if owner[i] < 0]
        # ... nor one that names a building or people ("a detention center in Tripoli", "the injured were taken
        # to hospitals in Velingrad": the event was where they were hurt, not where they went)
        # ... and one a reaction word governs refers to the story's event (``reacted``; see _reacted_to)
        self.reacted: list[int] = []
        if self.events:
            if self.present & REACTION:  # (most texts have no reaction word)
                self.reacted = [i for i in self.events if _reacted_to(lower, classes, i)]
            self.events = [i for i in self.events
                           if not _names_no_event(lower, classes, i) and i not in self.reacted]

    def index(self, offset: int) -> int:
        """The index of the first word starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def event_between(self, lo: int, hi: int) -> bool:
        """Is there an event word (outside any mention) among words ``lo`` .. ``hi - 1``?"""
        return hi > lo and bisect_left(self.events, lo) < bisect_left(self.events, hi)


#: Words that make an aircraft's landing an incident: "made an emergency landing in Erzurum", "a forced landing in the
#: Negev desert", "a hard landing near Goreme" (a plane that lands where it meant to is no event; "crash-landed" is
#: an event word of its own).
_UNPLANNED = frozenset(("emergency", "forced", "hard", "belly", "crash"))


def _mark_unplanned_landings(lower: list[str], classes: list[int]) -> None:
    """Give "landing" and "landed" after one of :data:`_UNPLANNED` the event class, in this text's ``classes``."""
    for i in range(1, len(lower)):
        if lower[i] in ("landing", "landed") and lower[i - 1] in _UNPLANNED:
            classes[i] |= EVENT


#: Nouns that make an event word before them a hazard, not an event: "avalanche danger reached the second-highest
#: level across much of the Austrian Alps", "a flood warning for the county", "the fire season", "an earthquake
#: drill" (a forecast, a warning or a preparation says where an event may come, not where one came).
_HAZARD_NOUNS = frozenset(("danger", "dangers", "risk", "risks", "warning", "warnings", "watch", "watches", "alert",
                           "alerts", "threat", "threats", "season", "drill", "drills", "preparedness", "forecast",
                           "forecasts", "insurance", "outlook"))


#: Words that make "service" a rite held at a place, not an agency sitting there ("during Sunday service in
#: Kajuru", "a memorial service in Uvalde"; "the National Weather Service in Amarillo" is an agency).
_RITES = frozenset(("church", "sunday", "sabbath", "friday", "worship", "prayer", "prayers", "memorial", "funeral",
                    "religious", "remembrance", "thanksgiving", "christmas", "easter", "evening", "morning"))


#: How the words start that say a place bore the worst of an event: "the worst affected", "hardest-hit",
#: "the epicentre".
_WORST = ("worst", "hardest", "epicent")

#: ... or that it bore most of the toll: "Floods have killed 53 people in Niger since June, **41 of them** in the
#: southern region of Maradi", "**most of them** in Sindh" (the guide's rule 4: the place that carries most of an
#: event).  A count must be more than half of the largest number before it in the sentence.  What the share is
#: "of" (``_TOLL_OF``) makes both the pattern and the substrings one of which a text must hold to be searched.
_TOLL_OF = ("them", "those", "whom", "the dead", "the deaths", "the victims", "the fatalities", "the casualties",
            "the cases")
_MOST_OF = re.compile(r"\b(?:(?P<most>most|the\s+majority|the\s+bulk)|(?P<n>\d[\d,]*|" + "|".join(NUMBER_WORDS) +
                      r"))\s+of\s+(?:" + "|".join(w.replace(" ", r"\s+") for w in _TOLL_OF) + ")"
                      r"(?:\s+(?:were|was|are|in|at|from|the|[a-z]+ern|region|province|state|district|county|town|"
                      r"city|village|capital|of)){0,6}"
                      r"\s+$", re.IGNORECASE)
_MOST_OF_NEEDLES = tuple(" of " + w for w in _TOLL_OF)
_NUMBER = re.compile(r"\b\d[\d,]*\b")


def _bore_most_of_the_toll(text: str, sentence_start: int, start: int) -> bool:
    """Does "most of them" or a count "of them" that is more than half of the toll the sentence gave before it
    stand just before offset ``start``, in the sentence that starts at ``sentence_start`` (:data:`_MOST_OF`)?"""
    found = _MOST_OF.search(text, max(sentence_start, start - 90), start)
    if found is None:
        return False
    if found.group("most"):
        return True
    share = _count(found.group("n"))
    totals = [_count(n.group()) for n in _NUMBER.finditer(text, sentence_start, found.start())
              if not _YEAR.fullmatch(n.group())]  # (a year is no toll: "In 2024, floods killed 53, 41 of them …")
    return bool(totals) and 2 * share > max(totals)


def _count(word: str) -> int:
    word = word.lower()
    return NUMBER_WORDS.index(word) + 2 if word in NUMBER_WORDS else int(word.replace(",", ""))


def _clauses(text: str, s: Sentence) -> list[int]:
    """The offsets where the clauses of sentence ``s`` are cut (see :func:`geomap.sentences.clause_bounds`)."""
    return [b for m in CLAUSE_MARK.finditer(text, s.start, s.end) for b in (m.start(), m.end())]


def _clause(cuts: list[int], s: Sentence, pos: int) -> tuple[int, int]:
    start, end = s.start, s.end
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b <= pos:
            start = b
        elif a >= pos:
            end = a
            break
    return start, end


_DASH = r"(?:—|–|--|\x97|\x96|-(?=\s))"
_DATELINE = re.compile(rf"(?P<head>[A-Z][^\n()—–\x97\x96]{{0,60}}?)\s*(?P<agency>\([^()\n]{{1,40}}\))?\s*{_DASH}\s*")
_COLON_DATELINE = re.compile(r"(?P<head>[A-Z][A-Z.'’ /-]{1,38}[A-Z.]):\s+")  # "PESHAWAR: ", "NEW DELHI: "
# the Indian agencies' form, a date and the agency in brackets and no dash: "Shillong, Oct 15 (PTI) Three miners …",
# "Taipei, Oct. 22 (CNA) A landslide …" (and "thiruvananthapuram, jul 20 (pti)" in a text without case)
_MONTH_ABBR = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_AGENCY_DATELINE = re.compile(rf"(?P<head>[A-Z][\w.'’ /-]{{1,38}}?),\s*(?:{_MONTH_ABBR}\s+\d{{1,2}}|\d{{1,2}}\s+"
                              rf"{_MONTH_ABBR})\s*\([A-Z]{{2,10}}\)\s+", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ANY_DASH = re.compile(r"[—–\x97\x96]|--|\s-\s")


def _has_dash(text: str) -> bool:
    """Does ``text`` hold a dash (:data:`_ANY_DASH`)?  By substring tests first: most texts have no "-" between
    spaces, and a regular-expression search tries every offset."""
    return "—" in text or "–" in text or "\x97" in text or "\x96" in text or "--" in text or (
        "-" in text and _ANY_DASH.search(text) is not None)


# a year, 1800-2099, as a whole word: ``\b(?:1[89]|20)\d\d\b`` written to start at a digit, so that the search
# skips to the ones and twos (three times faster than trying the word boundary at every character)
_YEAR = re.compile(r"[12](?<!\w[12])(?:(?<=1)[89]|(?<=2)0)\d\d(?!\w)")


_SENTENCE_OPENS = re.compile(r"(?:^|\n|[.!?][\"'”’)\]]*\s+|\()[\"“'‘(\[\s]*(\w)")


def uncased(text: str) -> bool:
    """Is ``text`` written all in capitals or all in lower case, so that its capitals say nothing?"""
    return text.isupper() or text.islower()


def recased(text: str, mentions: Sequence) -> str:
    """``text`` (written all in capitals or all in lower case) in the case news prose would use, as far as its
    mentions tell: lower case, but for the first letter of each word of a place mention, of a line, of
    a sentence (after a full stop, "!" or "?") and in brackets ("(Reuters)").  The same length and offsets:
    every rule that reads capitals ("Kyiv said", "the Byesville Fire Department", "in Syria's Aleppo
    province", a sentence's start) then reads the mentions as a cased text's names."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep the offsets
        low = "".join(ch.lower()[0] for ch in text)
    chars = list(low)
    for m in _SENTENCE_OPENS.finditer(low):
        chars[m.start(1)] = chars[m.start(1)].upper()[0]
    for m in mentions:
        for w in WORD.finditer(low, m.start, m.end):
            chars[w.start()] = chars[w.start()].upper()[0]
        # a place that opens a line before a dash or a colon is a dateline: in capitals, as wire copy writes it
        # ("bogotá — colombian police …", "peshawar: …")
        if (m.start == 0 or low[m.start - 1] == "\n") and _DATELINE_AFTER_PLACE.match(low, m.end):
            upper = low[m.start:m.end].upper()
            if len(upper) == m.end - m.start:
                chars[m.start:m.end] = upper
    if _MONTH_WORDS_IN.search(low):  # months as prose writes them, so that their dates are read ("IN APRIL, …")
        for m in _MONTH_WORDS_IN.finditer(low):
            chars[m.start()] = chars[m.start()].upper()
    return "".join(chars)


#: What follows a dateline's place: a region or date after a comma, an agency in brackets, then a dash or a colon.
_DATELINE_AFTER_PLACE = re.compile(r"(?:,[^\n,—–:()]{1,30}){0,2}\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-\s|:\s)")

#: A month's full name in a lower-cased text; "may" and "march" (words too) only beside a day's number.
_MONTH_WORDS_IN = re.compile(r"\b(?:january|february|april|june|july|august|september|october|november|december"
                             r"|(?<=\d )(?:may|march)|(?:may|march)(?= \d))\b")


def title_sentence(text: str, sentences: list[Sentence], title: str) -> int:
    """The index of the text's title line: a first line equal to the record's title (or a first sentence, the
    headline run into the story as some corpora store it), or, when the record
    has no title of its own, a first line of its own (a paragraph of one sentence without a full stop)
    followed by more text; else -1.  (A record with a title whose text opens with another such line opens
    with the page's furniture: the outlet's name, "The Jakarta Post", is no headline.)"""
    if len(sentences) < 2:
        return -1
    first = sentences[0]
    line = text[first.start:first.end]
    if title and (line.strip() == title.strip() or title.strip().startswith(line.strip()[:60])) \
            and sentences[1].paragraph != first.paragraph:
        return 0
    if title and line.rstrip(" .") == title.strip().rstrip(" ."):
        return 0  # the headline run into the story: "Semi left in Niota, but not the trailer. Police reports …"
    if title.strip():  # the record has a title, and this line is not it: the page's ("The Jakarta Post")
        return -1
    return 0 if _heading_line(line.rstrip(), sentences, 0, 200, _STOPS) else -1


#: How a sentence ends (a heading line does not): a full stop, a mark, a closing quotation mark.
_STOPS = (".", "!", "?", "\"", "”")


def _heading_line(line: str, sentences: list[Sentence], k: int, longest: int, stops: tuple[str, ...]) -> bool:
    """Is sentence ``k`` (``line``) a line of its own, at most ``longest`` characters, that ends with none of
    ``stops``: a headline, or a line of the page (an outlet's name, a byline)?"""
    s = sentences[k]
    return len(line) <= longest and not line.endswith(stops) \
        and (k + 1 == len(sentences) or sentences[k + 1].paragraph != s.paragraph) \
        and (k == 0 or sentences[k - 1].paragraph != s.paragraph)


#: How many heading lines (see :func:`lead_start`) may stand between a title and the story's first sentence.
_MAX_HEADING_LINES = 6


def lead_start(text: str, sentences: list[Sentence], title_index: int) -> int:
    """The index of the story's first sentence: the one after the title, past the lines a copied news page
    puts above the story (the outlet's name, "By Reynaldo Santelices", "Published July 4, 2024 · Updated 2
    hours ago", "Facebook · Twitter · WhatsApp"): each a line of its own without a sentence's closing stop.
    The lead is counted from there, so that such lines do not push the story's first sentences out of it.
    When no sentence follows such lines within a few, the sentence after the title (lines of a feed)."""
    first = title_index + 1
    for k in range(first, min(len(sentences), first + _MAX_HEADING_LINES + 1)):
        s = sentences[k]
        if not _heading_line(text[s.start:s.end], sentences, k, 100, _STOPS + ("’", "'", ")")):
            return k
    return first


def find_dateline(text: str, sentences: list[Sentence], first_index: int,
                  place_starts: Sequence[int] = ()) -> tuple[int, int, str]:
    """(start, end, words) of the dateline, else (0, 0, "").

    A dateline ("MOSCOW (Sputnik) —", "KYIV —", "BYESVILLE --") opens one of the first paragraphs (with an
    agency in brackets, up to the twelfth, since a saved page has menus before it) or one of the first five
    sentences after the title (a text that repeats its headline before the story).  South Asian papers
    end it with a colon ("PESHAWAR:", "NEW DELHI:", "MIEH MIEH/BEIRUT:"): that form counts when it opens the
    story's first sentence (or its second, after a headline run into the text) and holds a place the
    geoparser found (``place_starts``), so "BREAKING:" is none.  Indian agencies put a date and their name in
    brackets and no dash: "Shillong, Oct 15 (PTI) Three miners were killed".  ``first_index``: the index of the story's
    first sentence (:func:`lead_start`: after the title and the lines of the page above the story).
    """
    # the story's first sentence, or its second when the first is a headline run into the text ("Israel floods
    # Lebanese farmlands . BEIRUT: Israel …"); one head may name two places ("MIEH MIEH/BEIRUT:")
    for first in sentences[first_index:first_index + 2]:
        m = _COLON_DATELINE.match(text, first.start, first.end)
        if m and any(m.start() <= p < m.end() for p in place_starts):
            return m.start(), m.end(), m.group("head")
        m = _AGENCY_DATELINE.match(text, first.start)
        if m:
            return m.start(), m.end(), m.group("head")
    if not _has_dash(text[:5000]):
        return 0, 0, ""
    paragraphs_seen: set[int] = set()
    for k, s in enumerate(sentences[first_index:]):
        opens = s.paragraph not in paragraphs_seen
        paragraphs_seen.add(s.paragraph)
        if len(paragraphs_seen) > 12:
            break
        if not opens and k >= 5:
            continue
        # a dateline starts with a word in capitals ("MOSCOW", "KYIV") or has an agency in brackets
        if not (text[s.start:s.start + 2].isupper() or "(" in text[s.start:s.start + 70]) \
                or not _ANY_DASH.search(text, s.start, min(s.end, s.start + 120)):
            continue
        m = _DATELINE.match(text, s.start, s.end)
        if not m:
            continue
        head = m.group("head").strip().rstrip(",")
        letters = [ch for ch in head.split(",")[0] if ch.isalpha()]
        early = len(paragraphs_seen) <= 3 and k < 5
        if letters and (m.group("agency") or (all(ch.isupper() for ch in letters) and early)):
            return m.start(), m.end(), head.split(",")[0].strip()
    return 0, 0, ""


def reference_year(text: str, date: str) -> int | None:
    """The story's year: the record's date's, else the latest year the text names."""
    if date and re.match(r"^\d{4}-", date):
        return int(date[:4])
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


@lru_cache(maxsize=1)
def _secondary_openers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of ``data/secondary_words.txt`` as word tuples, by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(word_list("secondary_words.txt")):
        words_ = tuple(m.group() for m in WORD.finditer(phrase))
        out.setdefault(words_[0], []).append(words_)
    return {k: tuple(v) for k, v in out.items()}


def opens_on_another_incident(words: Words, lo: int, hi: int) -> bool:
    """Does the sentence of words ``lo`` .. ``hi - 1`` open on another incident than the story's ("Separately,
    the RSF shelled Kadugli", "Elsewhere in the region, …", "In a separate attack, …")?"""
    lower = words.lower
    for phrase in _secondary_openers().get(lower[lo], ()) if lo < hi else ():
        if tuple(lower[lo:lo + len(phrase)]) == phrase:
            return True
    return False


@lru_cache(maxsize=1)
def _background_phrases() -> dict[str, list[tuple[str, ...]]]:
    """The background phrases (``data/background_words.txt``) as word tuples, by their last word (rarer
    than their first: "ago", "year", "history" rather than "a", "the", "in")."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in word_list("background_words.txt"):
        parts = tuple(m.group() for m in WORD.finditer(phrase))
        out.setdefault(parts[-1], []).append(parts)
    return out


#: After "in the past", a span that ends now: "in the past 24 hours", "in the past three months", "in the
#: past few days" are the story's own time, not history ("in the past, the town …", "twice in the past decade").
_SPAN_COUNT = _NUMBER_WORDS | {"few", "several", "couple"}
_SPAN_UNIT = frozenset({"hour", "hours", "day", "days", "week", "weeks", "weekend", "fortnight", "month", "months"})


def _recent_span(lower: list[str], i: int, hi: int) -> bool:
    """Do words ``i`` … name a span up to a month that ends now ("24 hours", "three months", "week")?"""
    if i < hi and (lower[i] in _SPAN_COUNT or lower[i].isdigit()):
        i += 1
        if i < hi and lower[i] == "of":  # "a couple of days"
            i += 1
    return i < hi and lower[i] in _SPAN_UNIT


_NOT_A_DATE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+$")


#: Words that set a sentence on the story's own day.
_STORY_DAYS = frozenset(WEEKDAYS) | {"today", "yesterday", "tonight"}
#: Words that make the event word one or two words after them another event than the story's: "**previous**
#: MVD outbreaks in the region occurred in Uganda", "an **earlier** attack on the convoy", "**past** floods",
#: "the state's **last** sizable outbreak" (not "last night's attack", the story's own: see :func:`_other_event`).
_OTHER_EVENT_BEFORE = frozenset(("previous", "earlier", "past", "prior", "last"))
#: Words after "last" that make it a date ("last night's attack", "last week's floods"), not another event.
_LAST_WHEN = frozenset(("night", "evening", "morning", "afternoon", "weekend", "week", "month", "year", "day",
                        "time", "summer", "winter", "spring", "autumn", "fall"))


def is_background(words: Words, lo: int, hi: int, year: int | None, day: _dt.date | None = None,
                  story_months: frozenset[int] = frozenset()) -> bool:
    """Are words ``lo`` .. ``hi - 1`` (a sentence) set in another time: a background phrase, or only
    years before the story's (a year after "a" or "the", as in "a 1996 Oldsmobile", is no date), or only
    calendar dates outside the story's week (``day``, the record's date: "a teenager drowned near Cedar
    Falls on July 1" in a story of July 16, "In July, a bombing in Sadr City killed 30" in one of
    October), and no word of the story's own day (a weekday, "today", "yesterday") nor of the trial or inquest
    that makes a past incident the story's ("capsized off Lakes Entrance in 2019 …, a coroner has found")?
    A date in one of ``story_months`` (:func:`story_months`) is the story's own event's, not another time."""
    phrases = _background_phrases()
    lower = words.lower
    if not _STORY_DAYS.isdisjoint(lower[lo:hi]):
        return False  # set on the story's own day, whatever else it recalls ("marched on Wednesday … for those
        # killed earlier this year"; a court "on Thursday" over a fire in 2024: the reaction and its incident)
    if words.present & AFTERMATH and any(c & AFTERMATH for c in words.classes[lo:hi]):
        return False  # the trial or inquest of the story's incident dates it: "… capsized off Lakes Entrance in
        # 2019, killing three passengers, a coroner has found"
    if not phrases.keys().isdisjoint(lower[lo:hi]):
        for i in range(lo, hi):
            for p in phrases.get(lower[i], ()):
                if i + 1 - len(p) >= lo and tuple(lower[i + 1 - len(p):i + 1]) == p and not (
                        p[-1] == "past" and _recent_span(lower, i + 1, hi)):
                    return True
    if not _OTHER_EVENT_BEFORE.isdisjoint(lower[lo:hi]) and _other_event(lower, words.classes, lo, hi):
        return True
    if year is None or lo >= hi:
        return False
    text = words.text
    start, end = words.starts[lo], words.ends[hi - 1]
    if day is not None and not _MONTH_WORDS.isdisjoint(lower[lo:hi]):
        outside = [out and month not in story_months for month, out in _dates(words, lo, hi, day)]
        if outside and all(outside):
            return True
    if words.years is None:  # (offset, year) of each year of the text, found once
        words.years = [(m.start(), int(m.group())) for m in _YEAR.finditer(text)] if _DIGIT.search(text) else []
    a, b = bisect_left(words.years, (start,)), bisect_left(words.years, (end,))
    if a == b:
        return False  # no year in the sentence
    years = [y for at, y in words.years[a:b]
             if not (found := _NOT_A_DATE_BEFORE.search(text, max(start, at - 8), at))
             or (found.group().strip().lower() in ("a", "an") and _event_after(words, at, hi))]
    return bool(years) and all(y < year for y in years)


def _event_after(words: Words, at: int, hi: int) -> bool:
    """Does an event word stand one or two words after the year at offset ``at``?  After "a", such a year
    dates another event, an earlier one ("the deadliest industrial disaster, a 2014 mine fire in Soma, killed
    301"); "a 1996 Oldsmobile" is a model.  (After "the" it is left no date: "the worst since the 2015
    earthquake" compares the story's own event with it.)"""
    k = bisect_left(words.starts, at)
    # (a noun, as "a" wants one: not a verb's "-ed" or "-s", "a 2019 pickup crashed into …" is a model year)
    return any(words.classes[i] & EVENT and not words.lower[i].endswith(("ed", "s"))
               for i in range(k + 1, min(hi, k + 3)))


def _other_event(lower: list[str], classes: list[int], lo: int, hi: int) -> bool:
    """Does an event word stand one or two words after a word of :data:`_OTHER_EVENT_BEFORE`?"""
    for i in range(lo, hi - 1):
        if lower[i] in _OTHER_EVENT_BEFORE and (classes[i + 1] & EVENT or i + 2 < hi and classes[i + 2] & EVENT) \
                and not (lower[i] == "last" and lower[i + 1].removesuffix("'s").removesuffix("’s") in _LAST_WHEN):
            return True
    return False


def clause_in_background(words: Words, cuts: list[int], s: Sentence, pos: int, year: int | None,
                         day: _dt.date | None = None, story_months: frozenset[int] = frozenset()) -> bool:
    """Is the clause of sentence ``s`` that holds offset ``pos`` set in another time (:func:`is_background`),
    read on its own?  A date or a background phrase sets the time of its own clause, not of the whole
    sentence: in "The violence erupted in September …, who was arrested in July after landing near El
    Paso" (a story of October 2), El Paso's clause is July's; in "Gunmen killed five in X on Tuesday,
    weeks after a bombing in Y in July", Y's is.  (``cuts``: :func:`clause_cuts` of ``s``.)"""
    start, end = _clause(cuts, s, pos)
    if start == s.start and end == s.end:
        return False  # the clause is the sentence
    lo, hi = words.index(start), words.index(end)
    # (what follows such an "after" to the sentence's end tells of the earlier event: "raided a compound on Tuesday,
    # five days after a bomber rammed a checkpost in Mir Ali, | when …"; the story's own event stands before it:
    # "Lebanon observed a day of mourning, a day after an explosion killed 11 in Bcharre" mourns the story's);
    # whatever "comes" so long after it, the story's own subject, puts it before: "It comes nine months after the
    # country's worst rail disaster, when a train ploughed into a freight train near Balasore"
    first = words.index(s.start)
    if any(_after_a_span(words.lower, words.index(b), hi)
           and (words.event_between(first, words.index(a)) or not _COMES.isdisjoint(words.lower[first:words.index(a)]))
           for a, b in zip(cuts[::2], cuts[1::2]) if b <= start):
        return True
    return is_background(words, lo, hi, year, day, story_months)


#: The spans of time that make what comes "after" them an earlier event: "raided a compound on Tuesday, five days
#: **after** a suicide bomber rammed a checkpost in Mir Ali" (not hours, nor a day: "hours after the first blast, a
#: second bomb hit the market" and "a day after an explosion killed 11" tell of the story's own event).  The same
#: spans cut a clause there (``sentences.CLAUSE_MARK``).
_SPAN_BEFORE_AFTER = frozenset(SPANS_BEFORE_AFTER)
#: The verb that sets the story's subject after an earlier event: "The approval **comes** days after a conference in
#: Berlin", "It **came** a year after a blast in Samut Prakan".
_COMES = frozenset(("comes", "came", "come", "coming"))


def _after_a_span(lower: list[str], lo: int, hi: int) -> bool:
    """Do words ``lo`` .. ``hi - 1`` open with "after" behind a span of days or more ("five days after …"), and
    name no day of the story's own ("… after police raided the house on Tuesday" may be it)?"""
    return 0 < lo < hi and lower[lo] == "after" and lower[lo - 1] in _SPAN_BEFORE_AFTER \
        and _STORY_DAYS.isdisjoint(lower[lo:hi])


_MONTH_WORDS = frozenset(MONTHS)
#: Words before a month that make it a date ("in July", "since March"; "last December", "next May" are
#: outside the story's week whatever the day).
_BEFORE_MONTH = frozenset(("in", "on", "since", "early", "late", "mid", "until", "last", "next"))


def _dates(words: Words, lo: int, hi: int, day: _dt.date) -> list[tuple[int, bool]]:
    """For each calendar date among words ``lo`` .. ``hi - 1``: its month, and does it lie outside the story's
    week (from seven days before ``day`` to the day after)?  A date is a capitalised month with a day ("July 1",
    "1 July"), a year or one of :data:`_BEFORE_MONTH` ("In July", "Oct. 9, 2021"; "May" and "March"
    alone are words).  A month alone lies outside when none of its days is inside; a date without its
    year is the one nearest ``day``; a date after "since" starts a span that runs up to the story."""
    lower, starts, text = words.lower, words.starts, words.text
    out = []
    week_start, week_end = day - _dt.timedelta(days=7), day + _dt.timedelta(days=1)
    for i in compress(range(lo, hi), map(_MONTH_WORDS.__contains__, lower[lo:hi])):  # (the month words only)
        month = MONTHS[lower[i]]
        if not text[starts[i]].isupper():
            continue
        before = lower[i - 1] if i > lo else ""
        after = lower[i + 1] if i + 1 < hi else ""
        after2 = lower[i + 2] if i + 2 < hi else ""
        date_day = after if after.isdigit() and len(after) <= 2 else (
            before if before.isdigit() and len(before) <= 2 else "")
        year = after if after.isdigit() and len(after) == 4 else (
            after2 if date_day and after2.isdigit() and len(after2) == 4 else "")
        if not (date_day or year or before in _BEFORE_MONTH):
            continue  # "March" may be a word
        if before in ("last", "next"):
            out.append((month, True))
            continue
        if "since" in lower[lo:i]:  # "cases … since the first infections were detected in September": up to now
            out.append((month, False))
            continue
        y = int(year) if year else day.year
        if date_day:
            try:
                first = last = _dt.date(y, month, int(date_day))
            except ValueError:
                continue
        else:
            try:
                first = _dt.date(y, month, 1)
            except ValueError:
                continue
            last = _dt.date(y + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)
        if not year and first > day + _dt.timedelta(days=183):  # "on Dec. 30" in a story of January 4
            first, last = first.replace(year=y - 1), last.replace(year=y - 1)
        out.append((month, last < week_start or first > week_end))
    return out


def story_months(words: Words, lead: Sequence[tuple[int, int]], day: _dt.date | None) -> frozenset[int]:
    """The months, before the story's week, that the lead (words ``lo`` .. ``hi - 1`` of each of ``lead``) dates
    the story's own event to: a report, an inquiry or a trial of an earlier event names it with its month, as
    the possessive of an event ("a signalling error caused **December's** collision …, an inquiry has found"),
    or as a date in a sentence set on the story's own day or naming a trial ("an inquiry blamed … for a stampede
    at a temple in Jharkhand **in August** that killed 11, officials said on Thursday"; not "In July, a bombing
    killed 30", a lead that is itself another time).  Later in the text a date of such a month is the event's
    own ("at a wayside station just outside Katihar … on December 17"), not another time's."""
    if day is None:
        return frozenset()
    months = set()
    lower, classes = words.lower, words.classes
    for lo, hi in lead:
        for i in range(lo, min(hi, len(lower)) - 1):
            w = lower[i]
            if w.endswith(_POSSESSIVE) and w[:-2] in _MONTH_WORDS and words.text[words.starts[i]].isupper() \
                    and classes[i + 1] & EVENT:
                months.add(MONTHS[w[:-2]])
        if not _STORY_DAYS.isdisjoint(lower[lo:hi]) or any(c & AFTERMATH for c in classes[lo:hi]):
            months.update(month for month, out in _dates(words, lo, hi, day) if out)
    months.discard(day.month)
    return frozenset(months)


def reference_day(date: str) -> _dt.date | None:
    """The record's date (an ISO day, as ``geomap map`` passes it), else None."""
    try:
        return _dt.date.fromisoformat(date[:10]) if date and len(date) >= 10 else None
    except ValueError:
        return None


def _quoted(text: str, s: Sentence, pos: int) -> bool:
    """Inside quotation marks, counting from the paragraph's start (the sentence's line)."""
    line_start = text.rfind("\n", 0, s.start) + 1
    before = text[line_start:pos]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


# ------------------------------------------------------------------------------------ patterns by offset

_DIR = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
# a word before "town" or "city" that says what kind: "the port town of Mokha", "the border city of Sumy"
_KIND_ADJ = r"(?:(?:port|coastal|border|frontline|front-line|river|mountain|desert|oasis)\s+)?"
# the capital of a country or of a state, province, region, district or county: "the state capital Maiduguri"
_CAPITAL = r"(?:(?:state|provincial|regional|district|county|national)\s+)?capital"
# whose city it is, a country's or region's name with its possessive: "west of Zimbabwe's capital Harare"
_WHOSE = r"(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\s+"
# the kind of place the reference point is, after "the" (a region's name may stand between: "the Sinaloa state
# capital Culiacan") or after whose it is: "the town of ", "the state capital ", "Zimbabwe's capital "
_KINDED = (rf"(?:the\s+(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+)?|{_WHOSE}){_KIND_ADJ}"
           rf"(?:city|town|village|{_CAPITAL})(?:,\s*|\s+(?:of\s+)?)")
# "50 kilometers (30 miles) north of ", "20 miles west of the city of ", "a few km from ", "500 km west of the
# capital, ", "85 kilometres (53 miles) east of the state capital "
_REFERENCE = re.compile(rf"(?i:\b(?:km|kms|kilomet(?:er|re)s?|miles?|mi)\.?(?:\s*\([^()]{{1,30}}\))?\s+"
                        rf"(?:(?:to\s+the\s+)?{_DIR}\s+)?(?:of|from|outside)\s+(?:{_KINDED}|the\s+|{_WHOSE})?)$")
# "villages north of ", "just east of the town of ": a point outside the place, whatever the distance ("the north
# of " is a part of it; "northern X" is no reference)
_BEYOND = re.compile(rf"(?i:(?<!\bthe )(?<!\bthe far )(?<!\bthe extreme )\b{_DIR}\s+of\s+(?:{_KINDED})?)$")
# "John Smith, 39, of ", "Marisa Huerta, 23 of ", "residents of ", "a woman from "
_AGE_OF = r"\b\d{1,3},?\s+(?:(?:both|all|also)\s+)?(?:of|from)\s+"
_RESIDENCE_AGE = re.compile(_AGE_OF + "$")
# (a resident of a place is a person's home; not "residents of", the people of a place, who are there, and what
# befalls them befalls it: "residents of Cairo were told to stay indoors")
_RESIDENCE_PEOPLE = re.compile(r"(?i:\b(?:(?:resident|natives?|man|woman|men|women|family|families|people)\s+"
                               r"(?:of|from)|residents\s+from)\s+)$")
# "Marcin Przydacz, 23, of the 3200 block of North Monticello in ", "Darryl Warden, 44, of 2517 Memphis St., ":
# the town of a person's street address
_RESIDENCE_ADDRESS = re.compile(_AGE_OF + r"(?:the\s+)?\d[\d,]*\s+(?:block\s+of\s+)?[A-Z0-9][^,;()\n]{0,40}?"
                                r"(?:,\s*|\s+in\s+)$")
# "the 3200 block of North Monticello": a street, by the way US police give an address
_BLOCK_OF = re.compile(r"\bblock\s+of\s+(?:(?:North|South|East|West|[NSEW]\.?)\s+)?$")
# "the corner of Lakeview and Harrison streets": the first of two streets named with one plural road word
_STREETS_AFTER = re.compile(r"\s+(?:and|&)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\s+(?i:streets|roads|avenues|"
                            r"boulevards|drives|lanes|highways)\b")
_RESIDENCE_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+(?:,?\s+(?:Jr|Sr|II|III)\.?)?"
                            r",?\s+of\s+$")
# after a place: "… Police Department", "… County Sheriff's Office", "… Volunteer Fire Department"
_RESPONDER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:[A-Z][\w.'’-]*|(?i:county|city|township|parish|metro|volunteer|regional))\s+){0,3}?"
    r"(?i:police|sheriff|sheriff['’]s|fire\s+(?:department|dept|crews?|chief|marshal|company|district|rescue|"
    r"service|services|station)|firefighters?|rescue\s+squad|department\s+of\s+public\s+safety|public\s+safety|"
    r"troopers?|state\s+patrol|highway\s+patrol|coroner['’]?s?|medical\s+examiner|paramedics|ems|"
    r"emergency\s+(?:personnel|crews?|responders|workers|services|medical\s+services))\b")
#: Words after a road's word that make it an agency's name: "the Oklahoma Highway Patrol", "the Kenya Highways
#: Authority", "the Road Safety Authority" (the place names the agency's area, not a road).
_ROAD_AGENCIES = frozenset(("patrol", "police", "department", "authority", "agency", "commission", "administration",
                            "board", "safety", "ministry", "division", "service"))


def _person_after(words: "Words", i1: int, hi: int) -> bool:
    """Is the place an attribute of a person, a word for one coming next over at most two lower-case words
    (``person_words``): "a Baxley man", "an Alton funeral director", "robbed South Philadelphia drug kingpin
    Ricardo McKendrick"?  Then it says who, not where.  Not over an event's, an agency's or a locative's word
    ("a Kherson shelling victim" is the event's; "the Paris police officer" a responder's), nor over a gap
    wider than a space."""
    text, starts, ends, classes, capital, lower = \
        words.text, words.starts, words.ends, words.classes, words.capital, words.lower
    for i in range(i1, min(hi, i1 + 3)):
        if capital[i] or (i > i1 and text[ends[i - 1]:starts[i]] != " "):
            return False
        if classes[i] & PERSON:
            return True
        if classes[i] & (EVENT | LOCATIVE | _AGENCY_BITS) or not lower[i].isalpha() \
                or lower[i] in geoparser_words("function_words"):
            return False  # (nor over a clause's start: "a mine in Jixi where 17 workers were trapped")
    return False


def _road_agency(lower: list[str], i: int) -> bool:
    """Does the road word ``i`` begin an agency's name ("Highway Patrol")?"""
    return i + 1 < len(lower) and lower[i + 1] in _ROAD_AGENCIES


# words that may begin a local agency's name besides the responder words: "Fire Department", "Rescue Squad"
_RESPONDER_HINTS = frozenset({"fire", "rescue", "department", "public", "patrol", "rescuers", "crews", "medical",
                              "policemen", "firefighters", "troopers", "deputies", "emergency", "paramedics", "ems"})
_AGENCY_BITS = RESPONDER | RESPONDER_HINT
_LOCAL_AREAS = frozenset({"ADM2", "ADM3", "ADM4", "ADM5"})  # a state's or a country's police is no local agency
# before a place: "police in ", "firefighters of ", "fire crews at " (not "from": "firefighters from Peru, Oglesby and
# Utica helped" came to another town's fire)
_RESPONDER_BEFORE = re.compile(r"(?i:\b(?:police|policemen|sheriff['’]s\s+deputies|deputies|firefighters|"
                               r"fire\s+crews|troopers|rescuers|rescue\s+workers|paramedics|emergency\s+(?:crews|"
                               r"workers|responders|personnel))\s+(?:in|of|at)\s+"
                               r"(?:the\s+)?(?:(?:city|town|village|county)\s+of\s+)?)$")


@lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    """Frequent personal names (the geoparser's own list, read, not changed), for "John Smith of X"."""
    try:
        from .geoparser.words import words

        return frozenset(words("person_names"))
    except (ImportError, KeyError):  # pragma: no cover - the list ships with the geoparser
        return frozenset()


def _address_before(text: str, start: int) -> bool:
    """Does a person's street address end just before ``start`` ("Marcin Przydacz, 23, of the 3200 block
    of North Monticello in ")?  (The pattern only where "of" or "from" stands in the stretch.)"""
    lo = max(0, start - 100)
    return (text.find(" of ", lo, start) >= 0 or text.find(" from ", lo, start) >= 0) \
        and _RESIDENCE_ADDRESS.search(text, lo, start) is not None


#: The words just before a street named by its block: "the 3200 block of (North) Monticello".
_BLOCK_WORDS = frozenset({"of", "north", "south", "east", "west", "n", "s", "e", "w"})


def _street_by_block(text: str, start: int) -> bool:
    """Is the name at ``start`` a street given by its block ("the 3200 block of North Monticello")?"""
    lo = max(0, start - 30)
    return text.find("block", lo, start) >= 0 and _BLOCK_OF.search(text, lo, start) is not None


#: Words of a case of illness around a person's home: "a case of Nipah virus infection in a 24-year-old man from
#: Kozhikode district", "a man from Paris … has been hospitalized with West Nile virus", "a resident of Oxford
#: County has been confirmed to have measles" (the case is the home's, not the person's elsewhere; the guide's
#: rule 5).  With the disease words of the geoparser's list (virus, fever, flu, …).
_ILLNESS = frozenset(("case", "cases", "infection", "infections", "infected", "ill", "sick", "positive", "diagnosed",
                      "measles", "cholera", "mpox", "dengue", "rabies", "malaria", "ebola", "polio", "anthrax",
                      "tuberculosis", "hepatitis", "meningitis", "h5n1", "avian", "nipah", "legionnaires"))
_CASES = frozenset(("case", "cases"))


def _ill(lower: list[str], lo: int, hi: int) -> bool:
    """Do words ``lo`` .. ``hi - 1`` (a clause) tell of someone's illness: a word of :data:`_ILLNESS` or of the
    geoparser's disease words, "case" only as "a case of" ("registered a case against the manager" is the
    police's)?"""
    diseases = geoparser_words("disease_words")  # ("virus", "fever", "flu", …; a cached set)
    for i in range(lo, hi):
        w = lower[i]
        if (w in _ILLNESS or w in diseases) and (w not in _CASES or (i + 1 < hi and lower[i + 1] == "of")):
            return True
    return False


#: Where someone comes from, just before a name: "the victim was from a village on Crete", "the accused, who
#: is from Huntly", "a factory worker originally from Brebes".
_ORIGIN = re.compile(r"\b(?:is|was|are|were|comes?|came|hails?|hailed|originally) from "
                     r"(?:(?:a|the) (?:village|town|city|suburb|district|area)(?: of| on| in| near)? )?$", re.IGNORECASE)


#: Where someone lives or grew up, just before a name: "a Syrian woman living in the northern city of Tripoli",
#: "who lives in Kherson", "a British national who grew up in Ipswich, England".
_LIVING = frozenset(("living", "lives", "lived", "residing", "resides", "resided", "up"))
_LIVING_IN = re.compile(r"\b(?:living|lives|lived|residing|resides|resided|grew\s+up|growing\s+up)\s+in\s+"
                        r"(?:the\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:city|town|village|district|province|region|area)\s+of\s+)?$", re.IGNORECASE)

#: The word after a place that makes it people's home: "Knoxville man", "Kokomo teens".
_PEOPLE_AFTER = re.compile(r" ([\w'’-]+)")


def named_aside(text: str, mentions: Sequence) -> frozenset:
    """The places ``text`` (a headline) names only aside: as people's home ("Knoxville man dies after pickup
    overturns", "Kokomo teens hurt in crash", "San Antonio family among 14 killed": read as "a Knoxville man"
    is in a text, ``residence``, they say who, not where), or as an end of the stretch the event was on
    ("Gunmen ambush bus on Juba-Yei road", :func:`route_ends`: where, but at neither end)."""
    aside, elsewhere = set(), set()
    ends = route_ends(Words(text, mentions), mentions)
    for m in mentions:
        if m.place is None or m.kind != "place":
            continue
        after = _PEOPLE_AFTER.match(text, m.end)
        home = after is not None and bool(word_classes(after.group(1).lower()) & PERSON)
        (aside if home or id(m) in ends else elsewhere).add(m.place.geonameid)
    return frozenset(aside - elsewhere)


def _residence_before(text: str, start: int) -> bool:
    piece = text[max(0, start - 60):start]
    if _RESIDENCE_AGE.search(piece) or _RESIDENCE_PEOPLE.search(piece):
        return True
    m = _RESIDENCE_NAME.search(piece)
    return bool(m) and m.group(1).lower() in _person_names()


# ------------------------------------------------------------------------------------------- one mention

class TextContext(NamedTuple):
    """What :func:`mention_facts` needs to know of the whole text (one per text)."""

    title_index: int           # the title sentence's index, or -1
    body_start: int            # the first sentence after the title
    dateline: tuple[int, int]  # the dateline's offsets, (0, 0) without one
    title_low: str             # the record's title in lower case, when it is not the text's own start
    title_places: frozenset    # geonameids of the places the record's title names (when it is not the text's)
    lead_sentences: int
    event_window: int
    title_aside: frozenset = frozenset()  # geonameids the record's title names only aside (named_aside)


#: Verbs of telling, whose object is the listeners ("told a meeting of aid agencies in Diffa").
_TELLING = frozenset(("told", "tells", "tell", "telling", "briefed", "briefing", "addressed", "addressing"))

#: Words that put an event still to come before a place in its clause: "will spread to", "could reach", "is expected
#: to hit", "threatens".
_FUTURE = frozenset(("will", "could", "might", "would", "expected", "forecast", "threatens", "threatening", "threaten"))


def mention_facts(words: Words, k: int, m, s: Sentence, cuts: list[int], context: TextContext, background: bool,
                  qualifier: bool, route_end: bool = False, separate: bool = False) -> Facts:
    """The facts of mention ``m`` (the ``k``-th of the mentions ``words`` was made with) in sentence ``s``;
    ``route_end``: it is one end of a route the text places something on (:func:`route_ends`)."""
    title_index, body_start, dateline, title_low, title_places, lead_sentences, event_window, title_aside = context
    text = words.text
    c_start, c_end = _clause(cuts, s, m.start) if cuts else (s.start, s.end)
    starts = words.starts
    lo, i0, i1, hi = (bisect_left(starts, c_start), bisect_left(starts, m.start), bisect_left(starts, m.end),
                      bisect_left(starts, c_end))
    lower, classes, capital, owner = words.lower, words.classes, words.capital, words.owner
    # the classes of the words around it, or-ed: most checks below need one of them nearby
    near = reduce(or_, classes[max(0, i0 - 8):i1 + 10], 0)

    # the locative: walk back over fillers, numbers, names and other mentions
    loc_at, is_loc = -1, False
    steps = of_words = 0
    for i in range(i0 - 1, lo - 1, -1):
        cls = classes[i]
        if cls & DIRECTION and i + 1 < i0 and lower[i + 1] == "of" or cls & LOCATIVE:
            loc_at, is_loc = i, True
            break
        in_other = (owner[i] >= 0 and owner[i] != k) or lower[i].endswith(_POSSESSIVE)
        if cls & EVENT and not in_other:
            loc_at, is_loc = i, True
            break
        if cls & FILLER or in_other or capital[i] or lower[i].isdigit() or lower[i] in _NUMBER_WORDS:
            steps += 1
            if steps > 6:
                break
            continue
        if of_words < 2 and "of" in lower[i + 1:i0]:
            of_words += 1  # "shelled residential areas of X", "in parts of X": a noun phrase before "of"
            continue
        break
    # the subject of a passive event verb: "Kherson was shelled", "the village of X in Y has been quarantined";
    # or what it names the place of: "four Hopkinton homes were burglarized", "a Kherson school was shelled"
    if not is_loc and near & AUXILIARY:
        seen_aux = False
        noun_of_it = i1 < hi and text[m.end:starts[i1]].strip() == ""  # (a noun right after the name)
        for i in range(i1, min(hi, i1 + 10)):
            cls = classes[i]
            if cls & EVENT and not ((owner[i] >= 0 and owner[i] != k) or lower[i].endswith(_POSSESSIVE)):
                # (a verb in -ing after it is active: "aircraft from Nîmes were battling the blaze" is no passive)
                is_loc = seen_aux and not lower[i].endswith("ing")
                break
            if cls & AUXILIARY:
                seen_aux = True
                continue
            if not seen_aux and (capital[i] or owner[i] >= 0 or cls & FILLER or lower[i] == "in"):
                continue
            if not seen_aux and noun_of_it and i < i1 + 2 and lower[i].isalpha() and not cls & PERSON \
                    and lower[i] not in geoparser_words("function_words"):
                continue
            break
    # an event word in the clause, near enough; else elsewhere in the sentence
    events = words.events
    event_here = event_elsewhere = False
    if events or words.reacted:
        a, b = max(lo, i0 - event_window), min(hi, i1 + event_window)
        event_here = bisect_left(events, a) < bisect_left(events, i0) or \
            bisect_left(events, i1) < bisect_left(events, b)
        if not event_here and words.reacted:  # "condemned the attack in Srinagar": the attack's place after it
            event_here = bisect_left(words.reacted, a) < bisect_left(words.reacted, i0)
        if not event_here:
            s_lo, s_hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            event_elsewhere = bisect_left(events, s_lo) < bisect_left(events, lo) or \
                bisect_left(events, hi) < bisect_left(events, s_hi)
    # where a quake or a blast was felt is not where it struck: "the quake was felt strongly in Acapulco"
    if event_here and loc_at > lo and "felt" in lower[max(lo, loc_at - 3):loc_at]:
        event_here = False
    # an event still to come is no report of one: "fears mount that the disease will spread to … Port-au-Prince",
    # "the storm is expected to make landfall near Da Nang"
    if event_here and not _FUTURE.isdisjoint(lower[max(lo, i0 - 8):i0]):
        event_here = False
    # the event people fled is where they fled from, another time's: "a refuge for hundreds of thousands who fled
    # fighting in Khartoum" (the story's event is where they fled to)
    if event_here and loc_at > lo + 1 and classes[loc_at - 1] & EVENT and lower[loc_at - 2] in _FLED:
        event_here = False
    gap_after = text[m.end:starts[i1]].strip() if i1 < hi else None  # what stands between it and the next word
    # a local agency of the place: "the Byesville Fire Department", "police in Sevierville"
    responder = False
    if near & _AGENCY_BITS and (m.place.feature_class == "P" or m.place.feature_code in _LOCAL_AREAS):
        if any(c & _AGENCY_BITS for c in classes[i1:i1 + 5]):
            responder = bool(_RESPONDER_AFTER.match(text, m.end, m.end + 60))
        if not responder and any(c & _AGENCY_BITS for c in classes[max(0, i0 - 5):i0]):
            responder = bool(_RESPONDER_BEFORE.search(text, max(0, m.start - 40), m.start))
    # attribution: a reporting word just before the locative, the place followed by one, or "X-based"
    attributed = False
    if near & REPORTING or 0 <= loc_at < i0 - 5:
        if loc_at >= 0:  # "said in Moscow", "told reporters in Ankara"; but "cases reported in X" are in X,
            # and a reporting word before a comma speaks of another clause ("… the health ministry, she died
            # in a Buenos Aires hospital")
            attributed = any(classes[i] & REPORTING and not lower[i].startswith("report")
                             and "," not in text[words.ends[i]:starts[loc_at]]
                             and not _declared_here(lower, lo, i, loc_at) and not _site_of_event(words, lo, i)
                             for i in range(max(lo, loc_at - 3), loc_at))
            # ... or a verb of telling with its listeners before it, where they were told: "told a meeting of
            # humanitarian agencies in Diffa", "briefed a news conference in Kyiv" (no event word between)
            if not attributed and loc_at - 4 >= lo:
                for i in range(loc_at - 1, max(lo, loc_at - 7) - 1, -1):
                    if classes[i] & EVENT or text[words.ends[i]:starts[i + 1]].strip():
                        break
                    if lower[i] in _TELLING:
                        attributed = True
                        break
        # "Kyiv said", "the Bucharest Daily News reported"; not after a comma: "west of Mokha, UKMTO said" is
        # UKMTO speaking of Mokha; nor when people of the place speak there ("health workers in Kamituga say",
        # "villagers in Garissa said"), as officials somewhere else do not
        if not attributed and i1 < hi and starts[i1] - m.end <= 2 and "," not in gap_after \
                and not (lo < loc_at == i0 - 1 and classes[loc_at - 1] & PERSON):
            for i in range(i1, min(hi, i1 + 4)):
                if classes[i] & REPORTING and not classes[i] & EVENT:
                    # (a declaration is an act, not a statement: "Honduras declared a national emergency")
                    attributed = not (lower[i].startswith("declar") and "that" not in lower[i + 1:i + 5]
                                      and not _DECLARED.isdisjoint(lower[i + 1:min(hi, i + 5)]))
                    break
                if not capital[i]:
                    break
        if not attributed and i1 + 1 < hi and gap_after in ("", "'s", "’s") \
                and lower[i1] in ("officials", "authorities", "spokesman", "spokeswoman"):
            attributed = bool(classes[i1 + 1] & REPORTING)
    if not attributed and loc_at == lo and gap_after == "," and lower[loc_at] == "in":
        # "In Islamabad, the National Disaster Management Authority said …": fronted, as "officials in Kyiv
        # said" is not; the clause it sets is a statement's when a reporting word comes before any event word
        for i in range(i1, min(hi, i1 + 8)):
            if classes[i] & EVENT:
                break
            if classes[i] & REPORTING and not lower[i].startswith("report"):
                attributed = True
                break
    if not attributed and loc_at > lo and classes[loc_at - 1] & SEAT and lower[loc_at] == "in" \
            and not (lower[loc_at - 1] == "service" and loc_at - 1 > lo and lower[loc_at - 2] in _RITES) \
            and not any(c & EVENT for c in classes[max(lo, loc_at - 7):loc_at - 1]):
        attributed = True  # "the government in Ouagadougou": where it sits ("government forces in X" are not;
        # nor is "a Sunday service in Kajuru", a rite held there; nor a seat the event struck: "a car bomb
        # exploded outside an army battalion headquarters in Tame", "protesters stormed the government headquarters
        # in Basra")
    # where a company or a group is based: "an Istanbul-based company", "a company based in Niamey" (its seat, as an
    # agency's: the bus it ran crashed elsewhere)
    if not attributed and (text.startswith(("-based", "–based", "-Based"), m.end)
                           or (loc_at == i0 - 1 and lower[loc_at] == "in" and loc_at > lo
                               and lower[loc_at - 1] in _SEATED)):
        attributed = True
    # inside an "according to" phrase: "According to a statement issued by the ISPR in Rawalpindi, the device …"
    if not attributed and "ccording to" in text[max(s.start, m.start - 100):m.start]:
        attributed = _ACCORDING_TO.search(text, max(s.start, m.start - 100), m.start) is not None
    # an expert's institution named after the place: "a bacteriologist at Aberdeen University"
    if not attributed and i0 - 2 >= lo and _affiliation(lower, i0, i1, lo, hi, gap_after == ""):
        attributed = True
    if responder:
        attributed = False  # a local agency speaks of its own area
    # care of the victims: a care word just before the locative (or the place), or just after the place
    before_at = loc_at if loc_at >= 0 else i0
    care = bool(near & (CARE | MEDICAL) or 0 <= loc_at < i0 - 5) and (
        _said_with(words, _cares, lo, hi, before_at, i1) or _taken_to(words, lo, before_at))
    # what followed elsewhere, read as care is: a trial or the dead brought home ("went on trial in Córdoba",
    # "the regional court in Hanau", "the Hanau Regional Court")
    aftermath = bool(near & AFTERMATH) and _said_with(words, _follows, lo, hi, before_at, i1)
    laboratory = False
    if near & LAB or 0 <= loc_at < i0 - 5:
        laboratory = any(classes[i] & LAB for i in range(max(lo, before_at - 3), before_at)) or \
            any(c & LAB for c in classes[i1:min(hi, i1 + 2)])
    found, estimate, stated_km = None, False, 0.0
    if near & DISTANCE and any(c & DISTANCE for c in classes[max(0, i0 - 8):i0]):
        found = _REFERENCE.search(text, max(0, m.start - 80), m.start)
    if found is not None:
        reference = True
        # "the village of Al-Kweik, about 15 km north of Dilling", Al-Kweik found nowhere: Dilling stands in
        # for it (the guide: go to the place it is given by); found, it is the event's place, Dilling not
        estimate = _stands_in(words, found.start(), k)
        # ... and so is the coast a distance at sea is given from, where nothing has a name the gazetteer holds
        # ("waiting at anchor about 25 nautical miles south of Bonny")
        estimate = estimate or "nautical" in text[max(0, found.start() - 10):found.start()].lower()
        stated_km = _stated_km(text, found)
    else:
        reference = bool(near & DIRECTION) and bool(_BEYOND.search(text, max(0, m.start - 60), m.start))
    if not reference and m.place.feature_class == "P" and "," in text[max(c_start, m.start - 100):m.start]:
        reference = _in_apposition(words, k, c_start, m.start)
    person_of = gap_after == "" and _person_after(words, i1, hi)  # "a Baxley man", "an Alton funeral director"
    # (an article may stand between: "a student from the Gold Coast", "a man from the Bronx")
    j = i0 - 1 if i0 > 0 and lower[i0 - 1] == "the" else i0
    residence = person_of or (j > 0 and lower[j - 1] in ("of", "from") and _residence_before(text, starts[j])) \
        or (j > 1 and lower[j - 1] == "from" and bool(classes[j - 2] & PERSON)) \
        or ((i0 > 0 and lower[i0 - 1] == "in" or text[m.start - 2:m.start] == ", ")
            and _address_before(text, m.start)) \
        or (" from " in text[max(0, m.start - 40):m.start] and _ORIGIN.search(text, max(0, m.start - 40), m.start)) \
        or (i0 > 0 and lower[i0 - 1] in ("in", "of") and not _LIVING.isdisjoint(lower[max(0, i0 - 8):i0])
            and _LIVING_IN.search(text, max(0, m.start - 60), m.start) is not None)
    # the events are the person's ("a Baxley man was arrested", "Smith, 39, of X was held"); but a case of a
    # disease is where the patient lives (the guide's rule 5: "a case of Nipah in a man from Kozhikode district")
    if residence:
        if _ill(lower, lo, hi):
            # a patient's home is the case's place: "a man from Malappuram district has tested positive for Nipah",
            # "a case of Nipah virus infection in a 24-year-old man from Kozhikode district"
            residence, is_loc, event_here = False, True, True
        else:  # the events are the person's
            event_here = event_elsewhere = False
    level = _level(words, i0, i1, lo, hi, m.place.feature_code == "ADM2") if near & (REGION | DISTRICT | TOWN) else 0
    # the slopes or foothills of a mountain are an area, a region's, not its summit: "landslides struck on the slopes
    # of Mount Elgon" (the district the text names on them is finer)
    if i0 >= 2 and lower[i0 - 1] == "of" and lower[i0 - 2] in _SLOPES and m.place.feature_class == "T":
        level = 3
    road = (gap_after in ("", "-") and (bool(classes[i1] & ROAD) and not _road_agency(lower, i1)
                                        or lower[i1].isdigit())  # "KY 52", "Loop 286"
            # the first end of a road named for two towns: "the Juba-Nimule highway"
            or (gap_after is not None and gap_after[:1] == "-" and gap_after[1:2].isupper()
                and gap_after[1:].isalpha() and bool(classes[i1] & ROAD))
            or (i0 > 0 and lower[i0 - 1] in _BLOCK_WORDS and _street_by_block(text, m.start))
            or (text.startswith((" and ", " & "), m.end) and _STREETS_AFTER.match(text, m.end) is not None))
    # named in the title: by the same words, or as the same place ("U.S." in the title, "the United States"
    # in the text)
    in_title = s.index == title_index or (bool(title_low) and m.place.geonameid not in title_aside and (
        m.place.geonameid in title_places or _named_in_title(title_low, m.surface.lower(), m.place)))
    in_dateline = dateline[0] <= m.start and m.end <= dateline[1]
    if route_end:  # "an ambush on the road between Gao and Ansongo": at neither town, near both
        reference, estimate, event_here, event_elsewhere = True, False, False, False
    if in_dateline:  # a header, not a word of the sentence it stands before
        is_loc = event_here = event_elsewhere = attributed = care = residence = responder = laboratory = False
        aftermath = False
    quoted = words.quotes and _quoted(text, s, m.start)
    # the one area an event is spread over ("across Europe"), not one of a list of them ("throughout Europe,
    # northern Africa and Asia": the spread is over all of them); a possessive only says where the area
    # lies ("across Brazil's southernmost state of Rio Grande do Sul": the state, not Brazil); "firefighters
    # from across Brandenburg" came from there: an origin, not the event's spread; and a river or a strait is
    # crossed, not covered ("the port of Reni just across the Danube")
    spread = (loc_at >= 0 and (lower[loc_at] in _SPREAD or _all_in(lower, loc_at)) or _parts_of(words, lo, i0, k)) \
        and not (loc_at > 0 and lower[loc_at - 1] == "from") and m.place.feature_code not in _CROSSED \
        and not any(owner[i] >= 0 and owner[i] != k and not _possessive_name(owner, lower, i)
                    for i in range(loc_at + 1, min(hi, i1 + 3))) \
        and not (lower[i1 - 1].endswith(_POSSESSIVE)
                 and (any(owner[i] >= 0 and owner[i] != k for i in range(i1, min(hi, i1 + 5)))
                      # (or a name the gazetteer lacks: "across Greece's northeastern Evros regional unit")
                      or any(capital[i] and owner[i] < 0 for i in range(i1, min(hi, i1 + 3)))))
    # said to bear the worst of it, within a few words in its clause: "Nacala city has been the worst affected"; or
    # most of its toll: "killed 53 people in Niger, 41 of them in the southern region of Maradi"
    worst = words.worst and not in_dateline and (
        any(w.startswith(_WORST) for w in lower[max(lo, i0 - 6):min(hi, i1 + 6)])
        or _bore_most_of_the_toll(text, s.start, m.start))
    return Facts(m, s, in_title, s.index != title_index and 0 <= s.index - body_start < lead_sentences,
                 in_dateline, is_loc, event_here, event_elsewhere, attributed, quoted, background, qualifier,
                 max(0, s.index - body_start), responder, care, reference, residence, level, road, laboratory,
                 spread, separate and not in_dateline, estimate, worst, stated_km, aftermath,
                 is_loc and loc_at >= 0 and lower[loc_at] == "off" and not in_dateline)


#: The parts of a mountain that are an area around it: "on the slopes of Mount Elgon", "the foothills of the Rwenzori".
_SLOPES = frozenset(("slopes", "slope", "flanks", "flank", "foothills", "foot"))


#: The words that say a company or a group sits in the place after "in": "based in Niamey", "headquartered in …".
_SEATED = frozenset(("based", "headquartered"))
#: Institutions named after a place: "Aberdeen University", "the University of Tasmania", "Iowa State University".
_INSTITUTIONS = frozenset(("university", "college", "institute", "polytechnic"))
_AFFILIATED = frozenset(("at", "from", "with"))


def _affiliation(lower: list[str], i0: int, i1: int, lo: int, hi: int, joined: bool) -> bool:
    """Does the mention of words ``i0`` .. ``i1 - 1`` name the institution of an expert before it ("a
    bacteriologist at Aberdeen University", "a researcher at the University of Tasmania", "an economist at
    Iowa State University")?  Where an expert works is an attribution, not the event's place: the expert
    speaks of an event elsewhere.  Experts are ``data/expert_words.txt`` and every "-ologist"."""
    if _AFFILIATED.isdisjoint(lower[max(lo + 1, i0 - 5):i0]):
        return False  # (no "at", "from" or "with" where the loop below looks: most mentions)
    j, named = i0 - 1, False
    while j > lo and i0 - j <= 4 and lower[j] not in _AFFILIATED:  # back over "the University of", "the"
        named = named or lower[j] in _INSTITUTIONS
        j -= 1
    if j <= lo or lower[j] not in _AFFILIATED:
        return False
    if not named and not (joined and not _INSTITUTIONS.isdisjoint(lower[i1:min(hi, i1 + 3)])):
        return False  # (``joined``: nothing but a space between the name and the words after it)
    expert = lower[j - 1]
    return expert.endswith(("ologist", "ologists")) or expert in _vocabulary()["expert_words"]


#: An "according to" phrase running up to a place, with no comma between: where a source is, not the event.
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\b[^,.;:]*$")


#: A first-level region's word after a name in a title: the title names the region ("… hit town near border in
#: Ukraine's Kharkiv region"), not the city of that name (a district's seat, named like it, stands for it).
_REGION_AFTER_IN_TITLE = re.compile(r"\s+(?:region|province|state|oblast|governorate|prefecture)\b")


@lru_cache(maxsize=1)
def _level_word_ends() -> re.Pattern:
    """A name's last word that is a region's or a district's level word ("the Mullaitivu District"), from the
    ``region_words`` and ``district_words`` lists."""
    level = _vocabulary()["region_words"] | _vocabulary()["district_words"]
    return re.compile(r"\s+(?:" + "|".join(sorted(level, key=len, reverse=True)) + r")$")


def _named_in_title(title_low: str, surface: str, place) -> bool:
    """Do the words of the record's own title name this mention's place: its name as whole words, and for a town
    not as a region's ("Kharkiv region" names no city of Kharkiv)?"""
    if surface not in title_low:
        # a region the text names with its level word, the title by its bare name, as titles do ("… while
        # clearing land in Mullaitivu" over "… on their land in the Mullaitivu District")
        level = _level_word_ends().search(surface) if place.feature_class == "A" else None
        return level is not None and _has_words(title_low, surface[:level.start()])
    return any(place.feature_class != "P" or _REGION_AFTER_IN_TITLE.match(title_low, m.end()) is None
               for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", title_low))


def _has_words(text: str, words: str) -> bool:
    """Does ``text`` hold ``words`` as whole words ("russia" is not in "russian jets")?"""
    return words in text and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


#: The measures a place declares or announces when it acts rather than speaks: "Honduras declared a national
#: emergency", "the government announced a curfew in X".
_DECLARED = frozenset(("emergency", "disaster", "curfew", "epidemic", "outbreak", "calamity", "quarantine",
                       "lockdown", "evacuation", "evacuations"))


#: Reporting words that are also places where things are done: an embassy, a meeting, a summit.
_SITES = frozenset(("embassy", "embassies", "meeting", "meetings", "conference", "summit", "briefing", "talks"))


def _site_of_event(words: Words, lo: int, i: int) -> bool:
    """Is word ``i`` an embassy, a meeting or a summit an event of its clause (from word ``lo``) is done to,
    with no word of saying or of reacting between ("protesters broke through the gate of the Dutch embassy
    compound in Baghdad", "a suicide bomber struck a meeting of elders in Khost")?  Then the place after it is the
    event's scene, not where something was said ("the embassy in Baghdad said")."""
    if words.lower[i] not in _SITES:
        return False
    classes = words.classes
    for j in range(i - 1, lo - 1, -1):
        if classes[j] & (REPORTING | REACTION):
            return False
        if classes[j] & EVENT:
            return True
    return False


def _declared_here(lower: list[str], lo: int, i: int, loc_at: int) -> bool:
    """Is word ``i`` a declaration of a measure (:data:`_DECLARED`) named before it in its clause ("a state of
    emergency has been declared in the Tasman District"), or a reporting word with such a measure between it and
    the locative at ``loc_at`` ("announced a curfew in X", "a quarantine of the X and Y districts")?  That is an
    act done for the place after it, not a statement made there."""
    return (lower[i].startswith("declar") and not _DECLARED.isdisjoint(lower[lo:i])) \
        or not _DECLARED.isdisjoint(lower[i + 1:loc_at + 1])


#: Locatives that name the area an event is spread over ("across Europe", "throughout Texas").
_SPREAD = frozenset(("across", "throughout"))
#: What "across" crosses rather than covers: "the port of Reni just across the Danube river" is on its far bank.
_CROSSED = frozenset(("STM", "STRT", "CHN", "CNL"))
#: The words of "large parts of X", "much of X", "swathes of X": the event is spread over X too.
_PARTS = frozenset(("parts", "much", "swathes", "swaths", "stretches", "most"))


def _possessive_name(owner: list[int], lower: list[str], i: int) -> bool:
    """Does word ``i`` belong to a name with a possessive ("the Democratic Republic of the Congo's")?"""
    j = i
    while j + 1 < len(owner) and owner[j + 1] == owner[i]:
        j += 1
    return lower[j].endswith(_POSSESSIVE)


def _all_in(lower: list[str], loc_at: int) -> bool:
    """Is locative ``loc_at`` an "in" after "all" ("47 horses infected, all in the state of New South Wales", "the
    cases, all of them in Java"), or after all the area's parts ("All 10 districts in Kelantan have been
    affected"): the whole of the event lies in the area, spread over it?"""
    if lower[loc_at] != "in" or loc_at == 0:
        return False
    if lower[loc_at - 1] == "all" or (loc_at > 2 and lower[loc_at - 3:loc_at - 1] == ["all", "of"]):
        return True
    k = loc_at - 2 if loc_at > 1 and (lower[loc_at - 2].isdigit() or lower[loc_at - 2] in _NUMBER_WORDS) \
        else loc_at - 1  # ("all 10 districts", "all eight departments")
    return k > 0 and lower[loc_at - 1] in _PARTS_OF_AN_AREA and lower[k - 1] == "all"


#: The parts of an area whose all say the whole of it: "all 10 districts in Kelantan".
_PARTS_OF_AN_AREA = frozenset(("districts", "counties", "provinces", "regions", "states", "municipalities",
                               "departments", "governorates", "parishes", "upazilas", "tehsils", "townships",
                               "regencies", "communes", "prefectures", "oblasts", "cantons", "zones"))


def _parts_of(words: Words, lo: int, i0: int, k: int) -> bool:
    """Does "parts of" (``_PARTS``) stand before mention ``k`` (over a possessive: "large parts of Ethiopia's
    Somali region")?"""
    j = i0 - 1
    if j > lo and words.owner[j] >= 0 and words.owner[j] != k and words.lower[j].endswith(_POSSESSIVE):
        j -= 1
    return j > lo and words.lower[j] == "of" and words.lower[j - 1] in _PARTS


# the name a distance is given from: "Al-Kweik, about 15 km …", "Tarmiyah, 50 km …"
_NAMED_BEFORE = re.compile(r"([A-Z][\w'’-]+)\s*,\s*(?:[a-z]+\s+){0,2}[\d.,]+\s*(?:-\s*)?$")


_NUMBER_BEFORE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*$")


#: A description of a place set after its name, up to the town in it: "Gazipur, an industrial hub on the northern
#: outskirts of " (Dhaka), "Chilas, a town on the Karakoram Highway north of " (a reference point); it says
#: what kind of place it describes ("One died in Mecca, the others in Medina" describes none).
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;:()\n\d]{0,40}?\b(?:town|city|village|hamlet|suburb|hub|port|"
                         r"settlement|community|township|neighbou?rhood|district|area|locality|enclave|outpost|"
                         r"island|resort|camp)s?\b[^,;:()\n\d]{0,60}$", re.IGNORECASE)


def _in_apposition(words: Words, k: int, lo: int, start: int) -> bool:
    """Does mention ``k`` (a town, at ``start``) stand in a description of the place named just before it
    ("a fire at a garment factory in Gazipur, an industrial hub on the outskirts of Bangladesh's capital
    Dhaka, killed five"): a reference point for that place, not a place of its own?"""
    found = _APPOSITION.search(words.text, max(lo, start - 100), start)
    if found is None:
        return False
    before, i0 = bisect_left(words.starts, found.start()) - 1, bisect_left(words.starts, start)
    # (no event word in it: "In Albay, a landslide in the town of Guinobatan" is a clause of its own)
    return before >= 0 and words.owner[before] >= 0 and words.owner[before] != k and \
        not any(words.owner[i] >= 0 and words.owner[i] != k and not words.lower[i].endswith(_POSSESSIVE)
                or words.classes[i] & EVENT for i in range(before + 1, i0))


def _stated_km(text: str, found: re.Match) -> float:
    """The distance in km a reference gives ("85 kilometres (53 miles) east of": 85; "20 miles north of":
    32), or 0 when no number stands before its unit ("a few km from")."""
    number = _NUMBER_BEFORE.search(text, max(0, found.start() - 12), found.start())
    if number is None:
        return 0.0
    try:
        value = float(number.group(1).replace(",", ""))
    except ValueError:
        return 0.0
    return value * 1.609 if found.group().lower().startswith("mi") else value


def _stands_in(words: Words, ref_start: int, k: int) -> bool:
    """Does the place of mention ``k`` stand in for a named place the geoparser did not find, the one
    its distance is given from ("the village of Al-Kweik, about 15 km north of Dilling")?"""
    named = _NAMED_BEFORE.search(words.text, max(0, ref_start - 60), ref_start)
    if named is None:
        return False
    i = bisect_right(words.starts, named.start(1)) - 1  # the word holding it ("al-Rai" for "Rai")
    return i >= 0 and words.owner[i] < 0


def _said_with(words: Words, is_word: Callable[[Words, int], bool], lo: int, hi: int, before_at: int,
               i1: int) -> bool:
    """Is a word ``is_word`` takes among the three before ``before_at`` (the locative, or the place), or
    among the capitalised words right after the place (ending at its first word in lower case), within
    the clause ``lo`` .. ``hi - 1``?  "taken to the hospital in Kaya", "the Hanau Regional Court"."""
    if any(is_word(words, i) for i in range(max(lo, before_at - 3), before_at)):
        return True
    capital, lower = words.capital, words.lower
    for i in range(i1, min(hi, i1 + 4)):
        if is_word(words, i):
            return True
        # (a text without case does not say where a name ends: its words go on up to a function word, "appeared
        # at lincoln crown court on thursday", as "Lincoln Crown Court" does in cased text)
        if not capital[i] and (words.cased or lower[i] in geoparser_words("function_words")):
            return False
    return False


def _taken_to(words: Words, lo: int, before_at: int) -> bool:
    """Is the place at the end of where victims were taken, however long the name of the ward: "taken **to** a
    specialist burns unit in Kyiv" (a care word before "to", up to seven words before the locative)?"""
    lower, classes = words.lower, words.classes
    return any(lower[i] == "to" and classes[i - 1] & CARE for i in range(max(lo + 1, before_at - 7), before_at))


def _follows(words: Words, i: int) -> bool:
    """Is word ``i`` an aftermath word (``data/aftermath_words.txt``: trial, court, prosecutor, …)?"""
    return bool(words.classes[i] & AFTERMATH)


#: What makes "taken" no care: "the attack had taken place in X", "taken hostage in X".
_TAKEN_OTHERWISE = frozenset(("place", "hostage", "hostages", "captive", "prisoner", "part", "over", "control",
                              "into", "away", "up"))


def _cares(words: Words, i: int) -> bool:
    """Is word ``i`` a care word, or "medical" of "medical center" (not "medical equipment")?  Not "taken"
    of "taken place" or "taken hostage"."""
    if words.classes[i] & CARE:
        return not (words.lower[i] == "taken" and i + 1 < len(words.lower)
                    and words.lower[i + 1] in _TAKEN_OTHERWISE)
    return words.lower[i] == "medical" and words.lower[i + 1:i + 2] in (["center"], ["centre"])


#: Level words that name a first-level unit in some countries and a second-level one in others: a department is a
#: region of Colombia or Bolivia and a district of Senegal, Niger or Cameroon, a prefecture a region of Japan and a
#: district of Togo or Guinea.  The gazetteer's code says which (its second-level units are called so at level 2).
LEVEL_BY_COUNTRY = frozenset(("department", "departments", "prefecture", "prefectures"))


def _level(words: Words, i0: int, i1: int, lo: int, hi: int, second_level: bool = False) -> int:
    """What the text calls the place: "X region" / "the province of X" (3), "X county" / "the district of
    X" (2), "X city" / "the town of X" (1); 0 when it says nothing.  ``second_level``: the place is a second-level
    unit in the gazetteer, so that a word of :data:`LEVEL_BY_COUNTRY` ("the Mayo-Tsanaga department") calls it one."""
    def of(cls: int, word: str) -> int:
        if cls & REGION:
            return 2 if second_level and word in LEVEL_BY_COUNTRY else 3
        if cls & DISTRICT:
            return 2
        return 1 if word in _TOWN_WORDS else 0

    # (the word right after it, not after a comma: "near Lincoln, state police said")
    if i1 < hi and not words.capital[i1] and "," not in words.text[words.ends[i1 - 1]:words.starts[i1]]:
        found = of(words.classes[i1], words.lower[i1])
        if found and not (found == 1 and words.lower[i1 + 1:i1 + 2] == ["of"]):  # "the Arkansas town of Wynne"
            return found
        if words.lower[i1] in _CAMP_KINDS and words.lower[i1 + 1:i1 + 2] == ["camp"]:
            return 1
    if i0 - 2 >= lo and words.lower[i0 - 1] == "of":
        # (a name that holds its own level word is of that level: "IN AMBAH TOWN OF MORENA DISTRICT" is a district,
        # whatever "town of" before it says)
        if i1 - 1 > i0 and words.classes[i1 - 1] & (REGION | DISTRICT):
            return of(words.classes[i1 - 1], words.lower[i1 - 1])
        return of(words.classes[i0 - 2], words.lower[i0 - 2])
    return 0


# ------------------------------------------------------------------------------------------- qualifiers

_AREA = r"(?:town|city|village|county|province|region|district|governorate|oblast|state|department|prefecture|" \
        r"municipality|capital|krai|regency|parish|territory)"
_ADJ = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west|northern|southern|" \
       r"eastern|western|central|neighbou?ring|restive|border|rebel-held|mountainous|remote|coastal|[A-Z][\w.-]*" \
       r"(?:['’]s)?)\s+)"
# between a place and the region after it that says where it lies: "X, Y", "X (Y", "X in the Romanian county
# of Y", "X in Syria's Idlib (province)", "X in the central state of Y"; the inner place may keep its own area
# word ("X regency, in Indonesia's Y province", "X district, Y")
#: A part of a region, after a comma: "Hachioji, western Tokyo", "Youghal, east Cork".
_PART_OF = r"(?i:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west|northern|southern|" \
           r"eastern|western|upstate|rural)\s+)"
_INNER_THEN_OUTER = re.compile(
    rf"^(?:\s+{_AREA})?(?:\s*,\s*{_PART_OF}?|\s*\(\s*|\s*,?\s+in\s+(?:the\s+)?{_ADJ}{{0,3}}(?:{_AREA}\s+of\s+)?)$")
# ... and the place's own area word with "of", the way news agencies chain a place to the one that holds it: "in
# Gaomi city of Weifang, east China's Shandong province", "the Kurram district of Khyber Pakhtunkhwa": the text
# says the second holds the first
_INNER_OF_OUTER = re.compile(rf"^\s+{_AREA}\s+of\s+(?:the\s+)?(?:{_ADJ}{{0,2}}{_AREA}\s+of\s+)?$", re.IGNORECASE)
# between a region and a place it holds: "Syria's al-Bab", "the Syrian town of al-Bab", "Aleppo's al-Bab"
_OUTER_THEN_INNER = re.compile(rf"^(?:['’]s\s+(?:[\w-]+\s+)?|\s+{_AREA}\s+of\s+)$")
_LIST_GOES_ON = re.compile(r"^\s*,?\s+(?:and|or)\s+[A-Z]")


def qualifications(text: str, mentions: Sequence) -> tuple[set[int], set[int]]:
    """(ids of mentions named with a region that contains them, ids of mentions that are such a region).

    "X, Y", "X (Y)", "X in the county of Y", "X in Russia's Y region", "X regency, in Indonesia's Y
    province" where Y contains X (a town within 50 km counts: "Pandi, Bulacan"; so does the seat of X's
    province: "Kurdiumivka, Donetsk"; so does a name the text calls a region or county, whatever the
    gazetteer made of it, when X lies in that name's region: "Shebekino in Russia's Belgorod region"),
    unless Y goes on a list ("Cairo, Giza, and Al-Minya"); "X city of Y" (the text says Y holds X: Y may be a
    prefecture's city 70 km away, "Gaomi city of Weifang", so only the same region is asked);
    "Y's X", "the Y town of X".
    """
    qualified: set[int] = set()
    qualifiers: set[int] = set()
    resolved = sorted((m for m in mentions if m.place is not None), key=_BY_START)
    if len(resolved) < 2:
        return qualified, qualifiers
    places = [m for m in resolved if m.kind == "place"]  # a demonym between is read as a word of the gap
    for n, a in enumerate(places[:-1]):
        b = places[n + 1]
        if b.place.is_country and text.startswith(("'s", "’s"), b.end) and n + 2 < len(places):
            b = places[n + 2]  # "X in Russia's Belgorod region": the country is a word of the gap
        gap = text[a.end:b.start]
        # (the words run the other way too, "the Queensland town of Stanthorpe": the holder is the larger)
        stated = _INNER_OF_OUTER.match(gap) is not None and not (a.place.is_country or a.place.feature_code == "ADM1") \
            and (b.place.is_country or b.place.feature_code == "ADM1" or b.place.population > a.place.population)
        if len(gap) <= 50 and (stated or _INNER_THEN_OUTER.match(gap)) and not _LIST_GOES_ON.match(text, b.end) \
                and _may_qualify(b.place, a.place, lambda: 2 if stated else _called_level(text, gap, b)):
            qualified.add(id(a))
            qualifiers.add(id(b))
    for a, b in zip(resolved, resolved[1:]):
        gap = text[a.end:b.start]
        if len(gap) <= 40 and _OUTER_THEN_INNER.match(gap) and contains(a.place, b.place):
            qualified.add(id(b))
    return qualified, qualifiers


@lru_cache(maxsize=1)
def _two_ends_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The ends of a road named for the two towns it links ("the Juba-Nimule road", "the Kabul–Jalalabad
    highway", "the Jammu-Srinagar national highway"): what happens on it happens at neither (as "between Gao and
    Ansongo").  The first end is followed by a hyphen or dash, the other's name and the road's word (an adjective
    may stand before it); the second end follows the first and a dash, and the road's word follows it.  (Built when
    first needed: the road words are a data file.)"""
    road = r"(?i:" + "|".join(sorted(_vocabulary()["road_words"], key=len, reverse=True)) + r")\b"
    road = r"(?:(?i:national|state|provincial|federal|main|old|new|coastal|interstate|inter-state|trunk)\s+)?" + road
    return (re.compile(r"[-–][A-Z][\w'’]*(?:[ -][A-Z][\w'’]*)?\s+" + road),
            re.compile(r"\b[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*)?[-–]$"),
            re.compile(r"\s+" + road))


# the pieces of a stretch named by its ends: "between (the towns of) ", " and (the town of) "
_BETWEEN_HEAD = r"\b(?:between|linking|connecting)\s+(?:the\s+(?:towns?|cities|villages|communities)\s+of\s+)?"
_TOWN_OF = r"(?:the\s+(?:town|city|village)\s+of\s+)?"
_BETWEEN = re.compile(_BETWEEN_HEAD + "$", re.IGNORECASE)
_AND = re.compile(rf"^\s+and\s+{_TOWN_OF}$", re.IGNORECASE)
# ... with the other end a name the gazetteer lacks: "between Sevare and " before one, " and Sevare" after one
_BETWEEN_NAME_AND = re.compile(rf"{_BETWEEN_HEAD}(?-i:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\s+and\s+{_TOWN_OF}$",
                               re.IGNORECASE)
_AND_NAME = re.compile(rf"\s+and\s+{_TOWN_OF}(?-i:[A-Z])", re.IGNORECASE)
# ... whatever its case, when the text calls the ends towns: "between the towns of dori and sebba"
_TOWNS_OF = re.compile(r"\bbetween\s+the\s+(?:towns|cities|villages|communities)\s+of\s+$", re.IGNORECASE)
_TOWNS_OF_NAME_AND = re.compile(r"\bbetween\s+the\s+(?:towns|cities|villages|communities)\s+of\s+[\w'’-]+"
                                r"(?:\s[\w'’-]+)?\s+and\s+$", re.IGNORECASE)
# a stretch by its two ends: "from Juba to Yei", "from the town of Gao to Ansongo"
# (the first end may be named as a capital first, the second after a bearing: "drove from the capital, Juba,
# northeast to Pibor")
_FROM = re.compile(rf"\bfrom\s+(?:the\s+(?:[\w-]+\s+)?capital,?\s+)?{_TOWN_OF}$", re.IGNORECASE)
_TO = re.compile(rf"^,?\s+(?:{_DIR}\s+)?to\s+{_TOWN_OF}$", re.IGNORECASE)


#: The words one of which a journey's phrase holds (lower case, whole words).
_JOURNEY_WORDS = frozenset(("travelling", "traveling", "travelled", "traveled", "heading", "headed", "bound",
                            "route", "way", "flying", "sailing", "flight", "train", "bus", "coach", "ferry",
                            "launch"))
# a journey's end just before a place: "a bus travelling from Lunugala to ", "the night mail train from ",
# "an express bus heading to Kuala Lumpur from ", "a ferry bound for ", "attacked as it travelled from ", "a bus
# travelling from Istanbul to the southern city of " (not "the president travelled to": who went to a place after
# the event may have gone to see it)
_JOURNEY_BEFORE = re.compile(
    r"(?i:\b(?:travell?ing|heading|headed|bound|en\s+route|on\s+(?:its|their|his|her)\s+way|flying|sailing|"
    r"flight|train|bus|coach|ferry|launch|(?:as|while|when)\s+(?:it|they|the\s+[\w-]+)\s+travell?ed)"
    r"(?:\s+(?:from|to|for|towards)\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,3})?\s+(?:from|to|for|towards)\s+"
    rf"(?:the\s+(?:{_DIR}\s+)?{_KIND_ADJ}(?:town|city|village|port)\s+of\s+|the\s+)?)$")


def route_ends(words: Words, mentions: Sequence) -> set[int]:
    """Ids of the places named as the ends of a stretch: "between Gao and Ansongo", "between the towns of
    X and Y", "the road linking the towns of Gao and Ansongo", "carrying traders from Juba to Yei".  What
    happens "between" them happens at neither (the guide: the smallest named area that
    holds the route); the pair may be two countries ("the border between Mali and Niger") just the same.
    So with the ends of a journey under way: "a bus travelling from Lunugala to Colombo … plunged down a
    precipice at Passara", "the night mail train from Batticaloa to Colombo struck the animals near
    Habarana": where the vehicle came from or was going is not where it crashed."""
    text = words.text
    places = sorted((m for m in mentions if m.place is not None and m.kind == "place"), key=_BY_START)
    ends = set()
    if not _JOURNEY_WORDS.isdisjoint(words.lower):  # (most texts hold no journey word)
        ends = {id(m) for m in places if _JOURNEY_BEFORE.search(text, max(0, m.start - 70), m.start)}
    if words.present & ROAD:  # a road named for its two ends: "the Lokoja-Abuja highway"
        first, second, road_after = _two_ends_patterns()
        ends.update(id(m) for m in places if first.match(text, m.end) or (
            second.search(text, max(0, m.start - 40), m.start) and road_after.match(text, m.end)))
    low = words.lower
    if "between" in low or "linking" in low or "connecting" in low:
        for a, b in zip(places, places[1:]):
            if _AND.match(text[a.end:b.start]) and _BETWEEN.search(text, max(0, a.start - 40), a.start):
                ends.update((id(a), id(b)))
        # one end the gazetteer lacks: "on the road between Sevare and Bandiagara" (Sévaré unfound)
        for m in places:
            if id(m) not in ends and (_BETWEEN_NAME_AND.search(text, max(0, m.start - 80), m.start) or (
                    _AND_NAME.match(text, m.end) and _BETWEEN.search(text, max(0, m.start - 40), m.start))
                    # ... in any case when the text says they are towns ("between the towns of dori and sebba")
                    or _TOWNS_OF_NAME_AND.search(text, max(0, m.start - 80), m.start) or (
                    text.startswith((" and ", " AND "), m.end) and _TOWNS_OF.search(text, max(0, m.start - 40), m.start))):
                ends.add(id(m))
    if "from" in low:
        for a, b in zip(places, places[1:]):
            if _TO.match(text[a.end:b.start]) and _FROM.search(text, max(0, a.start - 40), a.start):
                ends.update((id(a), id(b)))
    return ends


# "in the capital", "outside the Georgian capital", "in the state capital", "in Madagascar's capital" (the capital
# of the country named: the text's one capital still decides), not "the capital, Juba" or "the
# capital of Ituri" (the name is there) nor "the capital's" (a possessive names something of it)
_CAPITAL_REF = re.compile(r"\b(?:in|at|near|outside|across|into|on|around|inside)\s+"
                          r"(?:the|[A-Z][\w-]*(?:\s[A-Z][\w-]*)?['’]s)\s+(?:(?P<adj>[A-Z][a-z]+|"
                          r"state|provincial|regional|district|county)\s+)?capital\b(?!['’]s)"
                          r"(?!\s*,?\s*(?:city\s+)?(?:of\b|[A-Z]))")


def capital_references(words: Words, event_window: int) -> list[tuple[int, bool]]:
    """(offset, national) of each place the text calls "the capital" with an event word within
    ``event_window`` words ("police dispersed protesters outside parliament in the capital"): the capital
    of the text's country (national) or the seat of its region ("in the state capital")."""
    text = words.text
    if "capital" not in text:
        return []
    out = []
    for m in _CAPITAL_REF.finditer(text):
        i = words.index(m.start())
        if words.event_between(max(0, i - event_window), min(len(words.starts), i + event_window)):
            adj = m.group("adj")
            out.append((m.start(), adj is None or adj[0].isupper()))
    return out


_BY_START = attrgetter("start")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")


def _called_level(text: str, gap: str, b) -> int:
    """What the text calls ``b``: the noun just after it ("Y region") or before "of" ("the state of Y")."""
    found = []
    after = _NEXT_WORD.match(text, b.end)
    if after:
        found.append(after.group(1))
    before = gap.split()
    if len(before) >= 2 and before[-1] == "of":
        found.append(before[-2].lower())
    for word in found:
        classes = word_classes(word)
        if classes & REGION:
            return 3
        if classes & DISTRICT:
            return 2
    return 0


def _may_qualify(outer: Place, inner: Place, called: Callable[[], int] | None = None) -> bool:
    """Can ``outer`` say where ``inner`` lies?  When it contains it; when it is the seat of the region
    ``inner`` lies in ("Kurdiumivka, Donetsk" names Donetsk oblast by its capital, 50 km away); or when the
    text calls it a region (``called()`` 3) or district (2) and ``inner`` lies in that region or district
    (``called`` is read only then: most pairs are settled before).
    A town says where on a river, lake or mountain the text is ("in the River Tay in Perth"): the town
    is the finer place there, not the qualifier."""
    if outer.feature_class == "P" and inner.feature_class not in ("P", "A"):
        return False
    if contains(outer, inner):
        return True
    same_region = (outer.country_code, outer.admin1_code) == (inner.country_code, inner.admin1_code) \
        and bool(outer.admin1_code)
    if not same_region:
        return False
    if outer.feature_code in ("PPLA", "PPLC") and outer.population > inner.population:
        return True
    return called is not None and called() > 0


def sentence_index(sentences: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    """The sentence holding offset ``pos`` (``None`` between sentences)."""
    i = bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 and pos < sentences[i].end else None


def clause_cuts(text: str, s: Sentence) -> list[int]:
    """The clause cuts of sentence ``s`` (start, end of each mark), for :func:`mention_facts`."""
    return _clauses(text, s)


# ------------------------------------------------------------------------------- a place it cannot name

_NAME_JOINERS = frozenset(("and", "of", "de", "del", "la", "the"))
#: Words that make a name before them a building's or a street's ("Cardiff Crown Court", "Jinka General
#: Hospital", "Slavija Square"); road words (:data:`ROAD`) do too.
_FACILITY_AFTER = frozenset(("court", "crown", "hospital", "general", "teaching", "square", "station", "school",
                             "university", "college", "market", "mosque", "church", "prison", "stadium", "hotel",
                             "mall", "bridge", "airport", "port", "junction", "park", "plaza"))


@lru_cache(maxsize=1 << 14)
def _common_word(word: str) -> bool:
    """Is ``word`` (lower case) a common English word, by the geoparser's list (imported when first needed)?"""
    from .geoparser.document import is_common_word

    return is_common_word(word)


def _names_a_building(text: str, rest: list[str], end: int) -> bool:
    """Do a name's later words (``rest``, lower case), or the capitalised words that go on from offset
    ``end`` (joined by "and", "of", …), end in a street's or a building's word ("Hodgins Avenue", "Cardiff
    Crown Court", "Women and Children's Hospital")?"""
    if any(word_classes(w) & ROAD or w in _FACILITY_AFTER for w in rest):
        return True
    for w in WORD.findall(text, end, end + 40)[:4]:
        low = w.lower().removesuffix("'s").removesuffix("’s")
        if word_classes(low) & ROAD or low in _FACILITY_AFTER:
            return True
        if not w[0].isupper() and low not in _NAME_JOINERS:
            return False
    return False


_QUANTITY = (r"(?:all|every|each|most|several|many|dozens|different|various|\d+|two|three|four|five|six|seven|eight|"
             r"nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)")
#: A bound before a quantity: "more than 600 of the state's 853 municipalities".
_ABOUT = r"(?:(?:more\s+than|over|at\s+least|nearly|almost)\s+)?"
#: The words of a region's level (group 1): "raids across the state", "floods throughout the county", "an outbreak
#: in the Zinder region".
_REGION_WORD = (r"(emirate|governorate|krai|oblast|prefecture|province|region|state|county|district|municipality|"
                r"parish|regency|department)")
#: The words that spread an event over a whole country: "nationwide", "across the country", "in 26 provinces",
#: "to all 29 of the country's districts", "to nine of Ethiopia's regions" (group 1: the name whose areas they
#: are), "in different parts of Bangladesh" (group 2), "to nine Ethiopian regions".  Not "seven of the
#: province's districts": a province's.
_COUNTRYWIDE = re.compile(
    r"\b(?:nationwide|countrywide|(?:across|throughout|all\s+over|(?:much|most)\s+of)\s+the\s+(?:country|nation)\b|"
    # (a national emergency declared: "Honduras declared a national emergency over a dengue epidemic")
    r"declare[sd]?\s+(?:a\s+)?national\s+(?:state\s+of\s+)?(?:emergency|disaster)\b|"
    rf"(?:in|to|from|across|through|throughout)\s+{_ABOUT}{_QUANTITY}(?:\s+(?:of|the|its|one|\d+|different|separate|"
    r"(?:[a-z]+\s+)?country['’]s|"
    r"(?:[a-z]+\s+)?nation['’]s|"
    r"(?!(?:province|state|region|district|county|department|governorate|city|town)['’]s)([a-z][\w-]+)['’]s))*"
    r"(?:\s+(?-i:[A-Z][\w-]+|(?:[A-Z]\.){2,3}))?\s+(?:districts|provinces|regions|states|counties|departments|"
    r"governorates|municipalities|prefectures|parts\s+of\s+((?-i:[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))))\b"
    # (not a region's: "across all eight provinces of the region")
    rf"(?!\s+(?:of|in)\s+the\s+{_REGION_WORD}\b)",
    re.IGNORECASE)


def countrywide(words: Words, sentences: list[Sentence], title_index: int, first: int, last: int,
                title: str = "") -> str | None:
    """Do the title or an event sentence among ``first`` .. ``last - 1`` (the chooser asks for the first
    sentence under the title) spread the event over a whole country: "Cholera outbreak spreads to nine
    Ethiopian regions", "killed by lightning in different parts of Bangladesh", "as the disease spread to
    all 29 of the country's districts"?  The name of the country when the words give it ("Bangladesh",
    "Ethiopia's"), "" when they do not ("the country's"), None when no such words are there.  ``title``: the
    record's own title, when the text does not open with it ("… captured in week of operations across the
    country")."""
    m = _in_the_lead(_COUNTRYWIDE, words, sentences, title_index, first, last, title)
    return None if m is None else m.group(1) or m.group(2) or ""


def epidemic_country(words: Words, sentences: list[Sentence], title_index: int, first: int, last: int,
                     title: str = "") -> str:
    """The name of the place the title or an event sentence among ``first`` .. ``last - 1`` gives an epidemic
    ("A cholera epidemic in Angola has killed over 1,200 people"), which spreads it over the whole country if
    that is a country (the guide's country-wide epidemic), else "".  Not when the sentence names another place
    too: "a cholera outbreak in Malawi has killed 12 people in Nsanje district" is the district's."""
    m = _in_the_lead(_EPIDEMIC_IN, words, sentences, title_index, first, last, title)
    if m is None or (m.string is words.text and _other_names(words, sentences, m)):
        return ""
    return m.group(1)


def epidemic_region(words: Words, sentences: list[Sentence], title_index: int, first: int,
                    last: int) -> tuple[int, int] | None:
    """The offsets of the name of the region the title line or an event sentence among ``first`` .. ``last - 1``
    declares an epidemic in, by its level word ("Niger has declared a meningitis epidemic in the southern Zinder
    region", "a cholera outbreak in Bauchi State"), which spreads it over that region; else None."""
    low = words.low  # (two substring tests, then one search of the text, spare the lead's sentences)
    if ("epidemic" not in low and "outbreak" not in low) or _EPIDEMIC_IN_REGION.search(words.text) is None:
        return None
    m = _in_the_lead(_EPIDEMIC_IN_REGION, words, sentences, title_index, first, last)
    return None if m is None else m.span(1)


#: An epidemic a region has, by its name and level word (group 1: the name).
_EPIDEMIC_IN_REGION = re.compile(
    rf"\b(?:epidemic|outbreak)\s+in\s+(?:the\s+)?(?:{COMPASS_WORD}\s+)?((?-i:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?))\s+"
    rf"{_REGION_WORD}\b", re.IGNORECASE)


#: An epidemic a country has, by its name: "A cholera epidemic in Angola has killed over 1,200 people", "killed by a
#: cholera epidemic in the African nation of Zimbabwe", "Cholera continues to spread across Haiti" (group 1: the
#: name; ``_spread_over_the_country`` takes it only for a country).
_EPIDEMIC_IN = re.compile(
    r"\b(?:(?:epidemic|outbreak|pandemic)\s+(?:in|across)\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:nation|country)\s+of\s+)?|"
    r"(?:spread|spreads|spreading)\s+(?:across|throughout)\s+)((?-i:[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))\b(?!['’])",
    re.IGNORECASE)


def _other_names(words: Words, sentences: list[Sentence], m: re.Match) -> bool:
    """Does the sentence of match ``m`` (of the text) name a place other than the one ``m`` names?"""
    owner, starts = words.owner, words.starts
    s = sentence_index(sentences, [t.start for t in sentences], m.start())
    if s is None:
        return False
    i = bisect_left(starts, m.start(1))
    own = owner[i] if i < len(owner) else -1
    return any(o >= 0 and o != own for o in owner[bisect_left(starts, s.start):bisect_left(starts, s.end)])


def _in_the_lead(pattern: re.Pattern, words: Words, sentences: list[Sentence], title_index: int, first: int,
                 last: int, title: str = "") -> re.Match | None:
    """The first match of ``pattern`` in the record's own ``title``, the title line, or an event sentence among
    ``first`` .. ``last - 1``."""
    if title:
        m = pattern.search(title)
        if m:
            return m
    needles = _NEEDLES.get(pattern)
    if needles and not any(map(words.low.__contains__, needles)):
        return None  # (no word every match needs: most texts, at the cost of a few substring tests)
    text, starts = words.text, words.starts
    chosen = ([sentences[title_index]] if 0 <= title_index < len(sentences) else []) + \
        sentences[max(0, first):max(0, last)]
    for s in chosen:
        m = pattern.search(text, s.start, s.end)
        if m and (s.index == title_index
                  or words.event_between(bisect_left(starts, s.start), bisect_left(starts, s.end))):
            return m
    return None


_REGIONWIDE = re.compile(rf"\b(?:across|throughout|all\s+over)\s+the\s+{_REGION_WORD}\b", re.IGNORECASE)
# ... or most of its parts: "across more than 600 of the state's 853 municipalities", "in all of the province's
# districts", "in seven of Kassala state's 11 localities", "to all 16 of the department's municipalities" (searched
# only in a lead with a possessive)
_PART_NOUNS = (r"(?:districts|municipalities|counties|parishes|regencies|towns|cities|villages|communities|localities|"
               r"departments)")
_REGION_PARTS = re.compile(rf"\b(?:in|to|across|throughout|hit|struck|affected|affecting|hitting)\s+{_ABOUT}{_QUANTITY}"
                           rf"(?:\s+\d[\d,]*)?\s+of\s+(?:the|(?-i:[A-Z])[\w'’-]*(?:\s(?-i:[A-Z])[\w'’-]*)?)\s+"
                           rf"{_REGION_WORD}['’]s\s+(?:\d[\d,]*\s+)?{_PART_NOUNS}\b", re.IGNORECASE)


# ... or many districts, without saying whose: "nearly 14 lakh people in 22 districts remain affected"
_DISTRICTS_HIT = re.compile(rf"\b(?:in|across|through|throughout|hit|struck|affected|affecting|hitting)\s+{_ABOUT}"
                            rf"{_QUANTITY}\s+(?:districts|counties|localities|municipalities|regencies|upazilas|"
                            r"tehsils|talukas|"
                            r"local\s+government\s+areas)\b", re.IGNORECASE)


#: Words one of which every match of a lead pattern holds (lower case): a text holding none is not searched
#: sentence by sentence (:func:`_in_the_lead`; the record's own title is searched whatever it holds).
_NEEDLES: dict[re.Pattern, tuple[str, ...]] = {
    _COUNTRYWIDE: ("countr", "nation", "districts", "provinces", "regions", "states", "counties", "departments",
                   "governorates", "municipalities", "prefectures", "parts"),
    _EPIDEMIC_IN: ("epidemic", "outbreak", "pandemic", "spread"),
    _REGIONWIDE: ("across", "throughout", "over"),
    _DISTRICTS_HIT: ("districts", "counties", "localities", "municipalities", "regencies", "upazilas", "tehsils",
                     "talukas", "local"),
}


# ... or of the region named before: "the deaths were recorded across all eight provinces of the region"
_PARTS_OF_THE_REGION = re.compile(rf"\b(?:in|across|throughout)\s+{_ABOUT}(?:{_QUANTITY}\s+){{1,2}}"
                                  rf"(?:{_PART_NOUNS}|provinces)\s+of\s+the\s+{_REGION_WORD}\b", re.IGNORECASE)


_OF_THE_REGION = re.compile(rf"\bof\s+the\s+{_REGION_WORD}\b", re.IGNORECASE)  # (what the pattern above needs)


def regionwide(words: Words, sentences: list[Sentence], title_index: int, first: int, last: int,
               title: str = "") -> int | None:
    """Do the title or an event sentence among ``first`` .. ``last - 1`` spread the event over the whole of a
    region ("police arrested 112 suspected cultists in raids across the state")?  The level of the region, as
    ``geomap.incident`` counts them (3 a first-level region's word, 2 a district's, 0 a word of
    :data:`LEVEL_BY_COUNTRY`: "spread across the department"), else None."""
    found = _in_the_lead(_REGIONWIDE, words, sentences, title_index, first, last, title)
    if found is None and ("'s " in words.text or "’s " in words.text):
        found = _in_the_lead(_REGION_PARTS, words, sentences, title_index, first, last, title)
    if found is None and (_OF_THE_REGION.search(words.text) or title and _OF_THE_REGION.search(title)):
        found = _in_the_lead(_PARTS_OF_THE_REGION, words, sentences, title_index, first, last, title)
    if found is None:
        return None
    word = found.group(1).lower()
    return 0 if word in LEVEL_BY_COUNTRY else 3 if word_classes(word) & REGION else 2


def districts_hit(words: Words, sentences: list[Sentence], title_index: int, first: int, last: int,
                  title: str = "") -> bool:
    """Do the title or an event sentence among ``first`` .. ``last - 1`` spread the event over many districts
    without saying whose ("nearly 14 lakh people in 22 districts remain affected")?  Districts are a first-level
    region's parts: the one such region the lead names holds them (``countrywide`` reads the words as the
    country's when the lead names none)."""
    return _in_the_lead(_DISTRICTS_HIT, words, sentences, title_index, first, last, title) is not None


#: A word that puts an event at the place the story is told from: "killed eight people **here**", "a
#: landslide buried houses in a village **in this town**", a part of it named "of this city" ("a fire razed
#: stalls in Barangay East Poblacion **of this city**"; not "the streets of this highland city").
_HERE = re.compile(r"\b(?:here|(?:in|through|across|into|near|outside)\s+this\s+(?:[\w-]+\s+){0,4}?"
                   r"(?:town|city|village|municipality|county|district|province|community|capital|port|region))\b"
                   r"|\b(?-i:[A-Z])[\w-]*\s+of\s+this\s+(?i:town|city|village|municipality)\b", re.IGNORECASE)


def dateline_here(words: Words, sentences: list[Sentence], first: int, last: int) -> bool:
    """Does an event sentence among ``first`` .. ``last - 1`` (the lead) put the event "here", "in this town" or
    "through this small West Tennessee city", outside quotation marks?  Under a dateline that is the dateline's
    place ("MONKAYO, Davao de Oro — … a landslide buried houses in a gold-mining village in this town"; AP's
    "CARTHAGE, N.C. — A gunman killed eight people here")."""
    text, starts = words.text, words.starts
    for s in sentences[max(0, first):max(0, last)]:
        for m in _HERE.finditer(text, s.start, s.end):
            if words.event_between(bisect_left(starts, s.start), bisect_left(starts, s.end)) \
                    and not (words.quotes and _quoted(text, s, m.start())):
                return True
    return False


#: What a text says when it withholds the event's exact place: "did not say where", "did not say in which
#: department", "did not give the name of the man's village", "did not name the commune", "I am not naming the
#: village", "the family's hometown was not released".
_PLACE_NOUN = (r"(?:village|town|city|county|district|department|province|commune|community|municipality|"
               r"location|hometown|home\s+town|site|neighbou?rhood|township|area)s?")
_WITHHELD = re.compile(
    rf"(?i:(?:\b(?:did\s+not|didn[’']t|would\s+not|wouldn[’']t|declined\s+to|refused\s+to|has\s+not|have\s+not"
    rf"|had\s+not)"
    rf"\s+(?:say|name|give|disclose|release|reveal|specify|identify|publish)"
    rf"|\bwithout\s+(?:saying|naming|giving|disclosing|releasing|revealing|specifying|identifying))"
    rf"\s+(?:exactly\s+|precisely\s+)?"
    rf"(?:where|in\s+which|which\s+{_PLACE_NOUN}|the\s+(?:exact\s+|precise\s+)?(?:name\s+of\s+the\s+)?"
    rf"(?:[\w’'-]+,?\s+(?:or\s+|and\s+)?){{0,3}}?{_PLACE_NOUN}\b)"
    rf"|\bnot\s+naming\s+the\s+{_PLACE_NOUN}\b"
    rf"|\b{_PLACE_NOUN}\s+(?:was|were|has\s+been|have\s+been)\s+"
    rf"(?:not\s+(?:disclosed|released|given|named|made\s+public)|withheld))")


def place_withheld(text: str) -> bool:
    """Does the text say it withholds the event's exact place ("the ministry did not say where the farm was
    located", "the health unit did not say in which community the person lives", "the military said, without
    giving the exact location")?  Then the area it does
    give is the event's place (the guide's rule 6), not a town it names for something else."""
    return ("not" in text or "n't" in text or "n’t" in text or "withheld" in text or "without" in text
            or "declined" in text or "refused" in text) \
        and _WITHHELD.search(text) is not None


def unknown_place(words: Words, mentions: Sequence, sentences: list[Sentence], first: int, last: int) -> str:
    """The name the sentences ``first`` .. ``last - 1`` (the lead) put an event at after a locative, when the
    geoparser found no place there: "a landslide buried houses in **Kamituga**", "killed in the village of
    **Dansadau**" (a place the gazetteer lacks), or "" when there is none.  The incident the text is then
    placed at can only be near its place, if that: over the development sets such stories (95 of 1,781) are
    placed within 25 km half the time, the others 0.84 of the time.  Not a month or weekday, a common English word ("in
    Parliament"), or a street, court or hospital ("at Dundas Street", "in Cardiff Crown Court")."""
    text, starts = words.text, words.starts
    for s in sentences[max(0, first):max(0, last)]:
        if not words.event_between(bisect_left(starts, s.start), bisect_left(starts, s.end)):
            continue
        for m in NAME_AFTER_LOCATIVE.finditer(text, s.start, s.end):
            a, b = m.span(1)
            if any(x.place is not None and x.start < b and a < x.end for x in mentions):
                continue  # a place it found (most are; a name it left unresolved is one the gazetteer lacks)
            name = m.group(1)
            parts = name.lower().split()
            if parts[0] in _MONTH_WORDS or parts[0] in _STORY_DAYS or name.isupper() or _common_word(parts[0]) \
                    or word_classes(parts[0]) & PERSON or _names_a_building(text, parts[1:], b):
                continue
            return name
    return ""


#: After a name, the list it is one of goes on: ", Smith", " and Winston".
_IN_A_LIST = re.compile(r"\s*(?:,\s*[A-Z]|,?\s+(?:and|or)\s)")


def holders_of(name: str, text: str, mentions: Sequence) -> list:
    """The mentions the text says hold the place ``name`` (one the geoparser did not find, :func:`unknown_place`):
    "Bengaluru's Whitefield", "Whitefield, Bengaluru", "the Linzi district of Zibo city", "Kamituga in South Kivu".
    A place the gazetteer lacks is then placed by its holder, as an address places a house."""
    found = []
    escaped = re.escape(name)
    for m in mentions:
        if m.place is None or m.kind != "place":
            continue
        after = text[m.end:m.end + len(name) + 4]
        before = text[max(0, m.start - len(name) - 60):m.start]
        if re.match(rf"['’]s\s+{escaped}\b", after, re.IGNORECASE):  # (a title in capitals: "BENGALURU'S WHITEFIELD")
            found.append(m)
        elif (k := re.search(rf"\b{escaped}(,\s*|,?\s+in\s+(?:the\s+)?|\s+{_AREA}\s+(?:of|in)\s+(?:the\s+)?)$",
                             before, re.IGNORECASE)) is not None \
                and not (k.group(1).startswith(",") and _IN_A_LIST.match(text, m.end)):
            found.append(m)  # (not one name of a list: "deaths were reported in Copiah, Simpson, Smith … counties")
    return found


# ------------------------------------------------------------------------------------------- anaphora

#: "the town", "the Delta city", "the city's eastern edge": a definite description of a town (not "the town
#: of X", nor an institution: "the city council", "town officials"); "the region", "the province": of a region.
#: The words for an area a description may use ("the province"), and that a text may call an area by.
_AREA_NOUNS = "region|province|governorate|oblast|prefecture|district|county|department"
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?!(?:neighbou?ring|nearby|adjacent|other|next)\b)(?:[A-Za-z][\w-]*\s+){0,2}?"
    rf"(?:(?P<noun>city|town|village|hamlet|township)|(?P<area>{_AREA_NOUNS}))(?:['’]s)?\b"
    r"(?!['’]|\s+(?:of|hall|council|centre|center|hospital|police|authorities|officials|mayor|government|"
    r"administration|court|governor|chief|residents|dwellers|folk|people|capital|seat)\b)")

_AREA_CODES = frozenset({"ADM1", "ADM2", "RGN"})  # what "the province" may mean (geomap's regions in a country too)

#: How many sentences back a place may be named for "the town" to mean it.
ANAPHOR_SENTENCES = 2


def place_anaphors(text: str, mentions: Sequence, sentences: list[Sentence], dateline_end: int = 0) -> list:
    """Mentions of the place a definite description refers back to: "Residents of Clarksdale, Mississippi,
    began clearing debris after a tornado ripped through **the Delta city**" names Clarksdale again, "floods
    have killed 12 people in Zambezia … houses collapsed across **the province**" Zambezia.

    A town's description ("the city", "the town", "the village") means the one town (a populated place)
    named before it in its sentence and the :data:`ANAPHOR_SENTENCES` before it; a region's ("the
    province", "the region", "the district", "the county") the one region or district named there.  Where
    two are named, which one is meant is a guess, and none is taken ("… said from Washington that the cars
    left the tracks on the city's south side"); "the neighbouring province", "the other town" mean another.
    The dateline is no antecedent (it heads the story; the town the story then names may be one the
    gazetteer lacks), nor is a description whose noun lies in a mention ("the Kansas City area").  Each
    is a mention of the place at the noun, so that the chooser reads its clause as it reads any other.
    """
    if not mentions or ("the" not in text and "The" not in text):
        return []
    antecedents = [m for m in mentions if m.place is not None and m.start >= dateline_end and (
        m.place.feature_class == "P" or (m.place.feature_code in _AREA_CODES and m.place.country_code))]
    if not antecedents:
        return []
    starts = [s.start for s in sentences]
    out = []
    called: dict[int, str] = {}
    for a in _ANAPHOR.finditer(text):
        group = "noun" if a.group("noun") else "area"
        start, end = a.span(group)
        if any(m.start < end and start < m.end for m in mentions):
            continue
        here = bisect_right(starts, a.start())
        noun = a.group("area").lower() if group == "area" else ""
        if noun and not called:
            called = {id(m): area_word_of(text, m) for m in antecedents}
        named = [m for m in antecedents if m.end <= a.start()
                 and here - bisect_right(starts, m.start) <= ANAPHOR_SENTENCES
                 and _may_be_meant(m, noun, called.get(id(m), ""))]
        if not named or any(m.place.geonameid != named[0].place.geonameid for m in named):
            continue
        m = named[-1]
        out.append(type(m)(start, end, a.group(group), m.kind, m.place, m.confidence))
    return out


#: The word a text calls an area by, right after its name or before it with "of" ("the Arhavi district",
#: "Artvin province", "the province of Herat").
_AREA_WORD_AFTER_NAME = re.compile(rf"\s+({_AREA_NOUNS})\b", re.IGNORECASE)
_AREA_WORD_BEFORE_NAME = re.compile(rf"\b({_AREA_NOUNS})\s+of\s+$", re.IGNORECASE)


def area_word_of(text: str, m) -> str:
    """The level word the text gives a mention's place where it names it ("district" for "the Arhavi district"),
    or ""."""
    after = _AREA_WORD_AFTER_NAME.match(text, m.end)
    if after:
        return after.group(1).lower()
    before = _AREA_WORD_BEFORE_NAME.search(text, max(0, m.start - 20), m.start)
    return before.group(1).lower() if before else ""


def _may_be_meant(m, noun: str, word: str) -> bool:
    """May "the <noun>" mean the place of mention ``m``, which the text called a ``word`` ("" none)?  "The town"
    means a town; "the district" an area, or a town the text called a district ("floods in the Arhavi district of
    Turkey's Artvin province … villages across the district": Arhavi, not the province).  An area the text called
    by another specific word is not meant ("the district" is not "Artvin province"); "the region" may be any
    area."""
    if not noun:
        return m.place.feature_class == "P"
    if noun != "region" and word and word != "region" and word != noun:
        return False
    return m.place.feature_class != "P" or word == noun
