"""Find place-name mentions in text: offsets, surface form, kind.

The recogniser needs no model.  It reads the text as tokens with exact
character offsets and looks every plausible proper-noun span up in the
gazetteer, longest first.  A span is plausible when it starts with a
capitalised word (or an Arabic article before one: "al-Bab"), may hold
connectors inside ("Bosnia and Herzegovina", "Rio de Janeiro"), and is at most
six words long.  Then rules drop what is not a place mention:

* function words, months, days, titles and other capitalised words that are
  not places ("May", "Of", "President"), from a stop list;
* a word at the start of a sentence that the same text also uses in lower
  case ("Police said…" when "police" appears later), unless it names a
  country or first-level region;
* a span glued to other capitalised words it does not include: "Jordan
  Peterson", "Paris Hilton", "Manchester United", "Washington Post" (but not
  "Texas police" or "Syrian President": a following title or institution
  word keeps the place);
* short all-capital words ("ISIS", "CNN") unless they are known
  abbreviations of places ("UK", "DRC", "U.S.");
* people: the second word of a two-word name used alone later ("Obama"
  after "Barack Obama"), a name before a reporting verb ("Jones said");
* a common English word, a frequent personal name ("Garrett") or an obscure
  alias that names only a small place, unless the text marks it as a place
  ("in Hope", "Hope, Ark.");
* an abbreviation written in other capitals than its own ("the Act" is not ACT);
* a saint's day, church or school ("St. Patrick's Day", "St. Mary's High School");
* after resolution (geomap.geoparser): a one-word town nothing in the text stands by.

A legislator's party and place ("Sen. Ray Miller, D-Columbus") is the place, and a
postal code that qualifies a town ("Paris, TX") is the state.

See docs/geoparser.md for the reasons and the measurements behind them.

Abbreviations keep their full stop in the span ("Ky.", "N.Y.", "W.Va.").
Possessives do not ("Syria's" → "Syria").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress
from operator import and_
from typing import TYPE_CHECKING

from .place import NameKind, Place, abbreviation_spelled_otherwise

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["Span", "find_mentions", "tokenize"]

MAX_WORDS = 6

_TOKEN = re.compile(
    r"(?:[A-Z][a-z]?\.){2,}"                        # U.S.  N.Y.  W.Va.  D.C.
    r"|[^\W\d_][^\W_]*(?:['’‘`ʿʾ\-][^\W\d_][^\W_]*)*"  # words, with inner hyphens / apostrophes
)
_TOKEN_PARTS = re.compile(f"({_TOKEN.pattern})")  # the tokens and what lies between them
_POSSESSIVE = re.compile(r"['’]s$")
_APOSTROPHE_S = re.compile(r"['’]s")
# Possessives that are part of names: "People's Republic of China", "Democratic People's Republic of Korea".
_KEEP_POSSESSIVE = frozenset({"People's", "People’s"})
_ARTICLE_START = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ez|es|ed|en|et|ul)[-‐][A-Z]")
_CONNECTORS = frozenset(
    "of de del della der di da do dos das du la le les los el al y and upon on the van von bin "
    "ibn ben es ez ad ar as ash at an en sur am im".split()
)
# Capitalised words that are not place mentions on their own.
_STOP = frozenset("""
A An The This That These Those There Here It Its He She His Her They Their Them We Our Us You Your I Me My
In On At By For From To Of Off Into Onto Over Under With Without Within About Above After Before Behind
Below Beneath Beside Between Beyond During Except Inside Near Outside Since Through Throughout Toward
Towards Until Upon Via Against Among Amid Across Along Around As And But Or Nor So Yet If When Where While
Why How What Which Who Whom Whose Then Than Once Also Still Even Just Only Both Either Neither Each Every
All Any Some Many Much More Most Few Several No Not Yes Is Are Was Were Be Been Being Has Have Had Do Does
Did Will Would Shall Should Can Could May Might Must
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Mr Mrs Ms Miss Dr Prof Sir Madam Lord Lady King Queen Prince Princess President Premier Minister Chancellor
Governor Gov Senator Sen Rep Representative Mayor Judge Justice Sheriff Deputy Officer Officers Sgt Lt Capt
Col Gen Maj Cpl Pvt Adm Cmdr Chief Director Secretary Spokesman Spokeswoman Commander Pope Bishop Rev Father
Saint Sheikh Emir Sultan Ayatollah Imam General Captain Sergeant Lieutenant Colonel Major Private Admiral
Police Army Navy Air Force Forces Ministry Department Government Council Parliament Congress Senate House
Court Party Agency Office Bureau Committee Commission Authority Administration Union Association Company
Group Organization Organisation Institute University College School Hospital Church Mosque Bank Center
Centre Museum Airport Station Street Road Avenue Highway Bridge Square Park
North South East West Northern Southern Eastern Western Central Upper Lower New Old Great Little Big
Mount Lake River Island Islands Bay Gulf Sea Ocean Coast Valley Desert Mountains Hills Cape Point Port
City Town Village County State Province Region District Republic Kingdom Empire Federation Territory
Christmas Easter Ramadan Eid Thanksgiving Halloween Internet Web Twitter Facebook Google Reuters AP AFP
BBC CNN Associated Press Sputnik TASS Xinhua Daesh ISIS ISIL IS Taliban Hamas Hezbollah NATO UN EU WHO
Northeast Northwest Southeast Southwest Midwest Earth Jesus Christ God Allah Time Times
Photo Video Image Update Breaking News Report Reports Officials Official Witnesses Residents People Man
Woman Men Women Children Child Boy Girl Family Friends Victims Police Fire Rescue Emergency Health
Mr. Mrs. Ms. Dr. Gov. Sen. Rep. Sgt. Lt. Capt. Col. Gen. Maj. St. Mt. Ft. Jr Sr Jr. Sr. Inc Ltd Co Corp
St Ste Mt Ft Pt Arab Arabs One None Main God Section Commerce Patrol Pack Olympic Passover Hall Lane Hill
""".split())
# Names that are a place's alternate name in GeoNames but, in English news, something else:
# "White House" translates Casablanca; in a news text it is the US president's office.
_NOT_PLACES = frozenset({"White House"})
# Capitalised words that may follow a place without making it part of another name.
_TITLES = frozenset("""
Mr Mrs Ms Miss Dr Prof Sir Lord Lady King Queen Prince Princess President Premier Minister Chancellor
Governor Gov Senator Sen Rep Representative Mayor Judge Justice Sheriff Deputy Officer Sgt Lt Capt Col Gen
Maj Cpl Pvt Adm Cmdr Chief Director Secretary Spokesman Spokeswoman Commander Pope Bishop Rev Father Sheikh
Emir Sultan Ayatollah Imam General Captain Sergeant Lieutenant Colonel Admiral Coach Detective Trooper
""".split())
_KEEP_AFTER = frozenset("""
Police Fire Sheriff Sheriffs County City Town Township Village Department Dept School Schools District
University College Hospital Airport Station Council Board Court Courthouse Jail Prison Highway Road Street
Avenue Boulevard Drive Lane Bridge River Lake Park Mall High Middle Elementary Church Mosque Cathedral
Government Governor Gov President Prime Minister Ministry Foreign Defense Defence Interior Army Navy Air
Military Forces Troops Soldiers Officials Authorities Health Public State National Regional Municipal
Mayor Senator Rep Representative Congressman Congresswoman Attorney Prosecutor Sheriff's Office Coast
Guard Border Patrol Emergency Red Crescent Cross Embassy Consulate Parliament Legislature Assembly
Deputies Officer Officers Commissioner Commission Chamber Medical Center Centre Zoo Museum Library Memorial
Region Province Governorate Oblast Area Metro Metropolitan International Regional Transit Railway Rail
Clerk Manager Administrator Environmental Services Service Development Utilities Utility Water Electric
Power Housing Planning Parks Recreation Humane Society Chamber Commerce Times Herald News Tribune Journal
Gazette Post Daily Courier Observer Register Star Press Sun Record Democrat Republican Area Community
Fairgrounds Fair Festival Symphony Theatre Theater Library Schools Academy Institute Center Hall Mayor's
Sheriff's Fire-Rescue EMS Emergency Management Superintendent Commissioners Supervisors Trustees Judge
Jailer Coroner Magistrate Treasurer Assessor Auditor Recorder Engineer Development Economic Industrial
Airport Port Harbor Harbour Marina Beach Stadium Arena Coliseum Convention Visitors Tourism Bureau
""".split())
_TITLECASE_SKIP = frozenset({"A", "I"})
# Words that end a road's name.
_WAY_WORDS = frozenset("Road Rd Street Avenue Ave Boulevard Blvd Drive Highway Hwy Pike Parkway "
                       "Pkwy Way Trail Turnpike Expressway Freeway Bypass".split())
_CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t|s)$", re.IGNORECASE)
_CONTRACTION_IN_TEXT = re.compile(r"['’](?:re|ve|ll|d|m|t|s)", re.IGNORECASE)  # the same, anywhere
_ABBREVIATED_WORD = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})
_LAST_WORD = re.compile(r"[^\W\d_]+$")
# Words after a name that say it is a person: "Jones said", "Obama told".
_PERSON_NEXT = frozenset("""
said says told added asked explained noted wrote stated testified argued recalled replied
announced insisted admitted denied warned urged who whose himself herself
""".split())
_LOCATIVE = frozenset("""
in near at from to outside inside into toward towards across around via through between of
""".split())
# Words after a name that make it part of a disease's name.
_DISEASE_WORDS = frozenset("""
virus viruses fever disease flu influenza strain strains hemorrhagic haemorrhagic encephalitis virus-like
""".split())
_DISEASE_AFTER = re.compile(r"[ \-]([A-Za-z\-]+)(?: ([A-Za-z\-]+))?")


def _is_disease(word: str | None) -> bool:
    if not word:
        return False
    low = word.lower()
    return low in _DISEASE_WORDS or low.endswith("virus")
_WEAK_POPULATION = 50_000
_PERSON_POPULATION = 200_000
_DESCRIPTORS = frozenset("Metro Greater Downtown Suburban Rural Uptown Midtown Historic Old New".split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent English words that are written in lower case (see scripts/make_common_words.py)."""
    text = resources.files("geomap").joinpath("data", "common_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Frequent US surnames and given names, lower-cased (see scripts/make_person_names.py)."""
    text = resources.files("geomap").joinpath("data", "person_names.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


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


_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Tokens as (start, end, text); possessive 's is left out of the token.

    Social-media handles (``@user``) are skipped; hashtags are split at their
    capitals (``#PrayForGaza`` → Pray, For, Gaza) so that place names inside
    them are found.
    """
    if "@" in text or "#" in text:
        return _tokenize_marked(text)
    # Without handles or hashtags, splitting at the tokens gives them and their offsets
    # without a Python step per token: [gap, token, gap, token, …, gap].
    parts = _TOKEN_PARTS.split(text)
    bounds = list(accumulate(map(len, parts)))
    ends = bounds[1::2]
    tokens = list(zip(bounds[0:-1:2], ends, parts[1::2]))
    # Possessives, the only tokens the clean-up changes: the tokens that end where an "'s"
    # of the text does.  Last first, so that a dropped one does not move the others.
    possessives = []
    for m in _APOSTROPHE_S.finditer(text):
        k = bisect_left(ends, m.end())
        if k < len(ends) and ends[k] == m.end() and tokens[k][2].endswith(("'s", "’s")):
            possessives.append(k)
    for k in reversed(possessives):
        start, _, tok = tokens[k]
        if tok in _KEEP_POSSESSIVE:
            continue
        tok = _POSSESSIVE.sub("", tok).rstrip("-‐'’‘`")
        if tok:
            tokens[k] = (start, start + len(tok), tok)
        else:
            del tokens[k]
    return tokens


def _tokenize_marked(text: str) -> list[tuple[int, int, str]]:
    """``tokenize`` for a text with handles or hashtags: token by token."""
    out = []
    for m in _TOKEN.finditer(text):
        start, end, tok = m.start(), m.end(), m.group(0)
        before = text[start - 1:start]
        if before == "@":
            continue
        if before == "#":
            out.extend((start + p.start(), start + p.end(), p.group(0)) for p in _CAMEL_PART.finditer(tok))
            continue
        if tok[-1] in "sS-‐'’‘`" and tok not in _KEEP_POSSESSIVE:  # rare: only then pay for the clean-up
            tok = _POSSESSIVE.sub("", tok).rstrip("-‐'’‘`")
            end = start + len(tok)
        if tok:
            out.append((start, end, tok))
    return out


def _is_cap(tok: str) -> bool:
    first = tok[:1]
    if first.isupper():
        return True
    if first in "dl" and tok[1:2] in "'’" and tok[2:3].isupper():
        return True  # "Côte d'Ivoire", "Val d'Oise", "L'Aquila" written "l'Aquila"
    return first in "aeu" and bool(_ARTICLE_START.match(tok))


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(«[":
        i -= 1
    return i < 0 or text[i] in ".!?\n\r:;—–-|•"


def _gap_ok(text: str, end: int, start: int) -> bool:
    """May two tokens belong to one name? Only a single space or hyphen between them
    ("St. Louis": a full stop too, after an abbreviated word), or nothing: the
    parts of a hashtag ("#SierraLeone" is looked up as "Sierra Leone"; in
    "#GazaUnderAttack", "Gaza" is glued to "Under" like "Paris" to "Hilton")."""
    gap = text[end:start]
    if gap in (" ", "-", "‐", "\u00a0", ""):  # "": the parts of a hashtag ("#SierraLeone")
        return True
    if gap != ". ":
        return False
    word = _LAST_WORD.search(text, max(0, end - 4), end)
    return word is not None and word.group(0) in _ABBREVIATED_WORD


def _person_words(text: str, tokens: list[tuple[int, int, str]]) -> set[str]:
    """Capitalised words used as the second part of a two-word name, or after a title.

    "Chiquita Raquel Henry", "Barack Obama", "Sgt. Brown": later, "Henry",
    "Obama" or "Brown" alone name the person, not the towns called so.
    """
    out = set()
    upper = [t[2][0].isupper() for t in tokens]
    for k in compress(range(1, len(tokens)), map(and_, upper, upper[1:])):  # pairs of capitalised words
        prev, tok = tokens[k - 1][2], tokens[k][2]
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if gap not in (" ", ". "):
            continue
        if gap == ". " and prev not in _STOP:
            continue
        if (prev in _STOP and prev not in _TITLES) or prev in _DESCRIPTORS or prev.isupper():
            continue
        if k + 1 < len(tokens) and tokens[k + 1][2] in _WAY_WORDS:
            continue  # "Old Alton Edwardsville Road": a road named for two places
        out.add(tok)
    return out


def find_mentions(text: str, gazetteer: "Gazetteer") -> list[Span]:
    """Every place-name mention in ``text``, in order, with exact offsets."""
    if not text:
        return []
    tokens = _without_contractions(text, tokenize(text))
    words = [t[2] for t in tokens]
    caps = _caps(words)
    lower_words = {w for w in set(words) if w[0].islower()}
    persons = _person_words(text, tokens)
    regions = _region_worded(text)
    spans: list[Span] = []
    starts = [i for i in compress(range(len(tokens)), caps) if words[i] not in _TITLECASE_SKIP]
    # Do any two tokens touch (the parts of a hashtag)?  Mostly not, and then no span needs joining.
    glued = not {t[1] for t in tokens}.isdisjoint(t[0] for t in tokens)
    lookups = [_lookups(text, tokens, caps, i, glued) for i in starts]
    prefetch = getattr(gazetteer, "prefetch", None)
    if prefetch is not None:  # all the text's look-ups in one go
        prefetch(_prefetch_names(starts, lookups))
    resume = 0  # the first token after the last mention found
    for i, spans_at in zip(starts, lookups):
        if i < resume:
            continue
        for j, start, end, surface, candidates in _matches(text, tokens, i, spans_at, gazetteer, regions):
            span = _judge(text, tokens, caps, i, j, start, end, surface, candidates, lower_words, persons)
            if span is _NOT_A_PLACE:
                resume = j + 1
                break
            if span is not None:
                spans.append(span)
                resume = j + 1
                break
    return _with_code_qualifiers(text, spans, gazetteer) if ", " in text else spans


_CODE_AFTER = re.compile(r", ?([A-Z]{2})\b(?![\w'’-])")


def _with_code_qualifiers(text: str, spans: list[Span], gazetteer: "Gazetteer") -> list[Span]:
    """``spans`` with the postal or country codes that qualify them: "TX" in "Paris, TX",
    "CA" in "Napa, CA".  A code is taken only where it names a state, province or country one
    of the mention's candidates lies in: two capitals after a comma are otherwise too often
    something else ("Paris, OK?")."""
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
        # "Richmond, CA" is California: "town, XX" writes a state or province; a country gets its name.
        codes = tuple(c for c in codes if not c.is_country) or codes
        if codes:
            out.append(Span(m.start(1), m.end(1), m.group(1), "place", codes, False, True))
    return out


def _without_contractions(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The tokens but contractions ("don't", "they're"): those that end where an apostrophe and
    a contraction's ending in the text do (found in the text, not token by token)."""
    ends = [t[1] for t in tokens]
    drop = []
    for m in _CONTRACTION_IN_TEXT.finditer(text):
        k = bisect_left(ends, m.end())
        if k < len(ends) and ends[k] == m.end() and tokens[k][0] <= m.start() \
                and tokens[k][2] not in _KEEP_POSSESSIVE:
            drop.append(k)
    for k in reversed(drop):
        del tokens[k]
    return tokens


def _caps(words: list[str]) -> list[bool]:
    """``_is_cap`` of every word; most words settle on their first letter alone."""
    return [w[0].isupper() or (w[0] in "dlaeu" and _is_cap(w)) for w in words]


_REGION_WORDED = re.compile(r"((?:[A-Z][\w.'’-]* ){1,3})(?:County|Parish|Borough|District|Raion|Rayon)\b")


def _region_worded(text: str) -> set[str]:
    """Names the text writes with a region word after them: {"Laurel", "Kit Carson", "Carson"}
    for "… Kit Carson County …"."""
    out = set()
    if "County" in text or "Parish" in text or "Borough" in text or "District" in text or "Rayon" in text \
            or "Raion" in text:
        for m in _REGION_WORDED.finditer(text):
            words = m.group(1).split()
            out.update(" ".join(words[k:]) for k in range(len(words)))
    return out


def _bare_region(place: Place) -> bool:
    """Did a second-level region match by its name without the region word ("Laurel" for Laurel County)?"""
    return place.feature_code == "ADM2" and place.match_kind is NameKind.ALTERNATE \
        and place.name.startswith(place.matched_name + " ")


def _lookups(text, tokens, caps, i, glued=True) -> list[tuple[int, str]]:
    """The spans a name starting at token ``i`` may cover, longest first, as (last token,
    what to look up).  A span extends over capitalised words and connectors within one
    sentence-free run, and ends on a capitalised word."""
    n = len(tokens)
    k = i
    while k + 1 < n and k - i + 1 < MAX_WORDS and (_gap_ok(text, tokens[k][1], tokens[k + 1][0])
                                                   or text[tokens[k][1]:tokens[k + 1][0]] == " & "):
        if caps[k + 1] or tokens[k + 1][2] in _CONNECTORS:
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


_ABBREVIATION_LENGTH = 8  # the longest abbreviation GeoNames and aliases.tsv give is six characters ("Calif.")


# A legislator's party and the place they represent: "D-Columbus", "R-Texas", "(I-Vt.)".
_PARTY = re.compile(r"[DRI]-[A-Z]")


def _matches(text, tokens, i, spans_at, gazetteer, regions=frozenset()):
    """Gazetteer matches of the spans starting at token ``i`` (``spans_at``, from
    ``_lookups``), longest first.

    A county's bare name ("Laurel") counts only in a text that also writes it
    with its region word ("Laurel County"): bare, it is mostly a surname.
    """
    for j, query in spans_at:
        start, end = tokens[i][0], tokens[j][1]
        surface = text[start:end]
        candidates = gazetteer.candidates(query)
        if not candidates and j == i and _PARTY.match(surface) and text[max(0, start - 2):start].endswith(("(", ", ")):
            candidates = gazetteer.candidates(query[2:])  # "Sen. Ray Miller, D-Columbus": the place he represents
            start += 2
            surface = surface[2:]
        if not candidates and j == i and "-" in surface:
            head, _, tail = surface.partition("-")  # "Russian-backed" → "Russian"
            if head[:1].isupper() and len(head) > 1:
                candidates = gazetteer.candidates(head)
                if candidates and tail[:1].isupper() and tail[1:2].islower() and not _strong(candidates[0]) \
                        and candidates[0].population < _WEAK_POPULATION and not gazetteer.candidates(tail):
                    candidates = []  # "Ms Redfern-Hardisty": a double surname, not Redfern, Sydney
                end = start + len(head)
                surface = head
        if candidates and surface not in regions and any(_bare_region(c) for c in candidates):
            candidates = [c for c in candidates if not _bare_region(c)]
        # "Act" (a law) is not ACT; a text in capitals ("KY.") may write any abbreviation so.
        if candidates and len(surface) <= _ABBREVIATION_LENGTH and not surface.isupper() \
                and any(abbreviation_spelled_otherwise(c, surface) for c in candidates):
            candidates = [c for c in candidates if not abbreviation_spelled_otherwise(c, surface)]
        if candidates:
            # Abbreviations keep their full stop: "Ky.", "Calif.", "Wash."
            if end < len(text) and text[end] == "." and candidates[0].match_kind is NameKind.ABBREVIATION \
                    and candidates[0].matched_name.lower() == surface.lower() + ".":
                end += 1
                surface = text[start:end]
            yield j, start, end, surface, tuple(candidates)


_QUALIFIER_AFTER = re.compile(r",\s*(?:[A-Z][a-z]{0,4}\.|[A-Z]{2}\b|[A-Z][a-z]+)")


# Lower-case words after a name that make it a place: "the Napa earthquake", "a Crewe man".
_PLACE_NOUNS = frozenset("""
earthquake quake residents resident man woman police firefighters officials mayor council schools hospital
area road county city town village border airport riot riots protest protests protesters unrest
""".split())
_WORD_AFTER = re.compile(r"\W{0,3}(\w+)")


def _marked(text, tokens, i, end, surface) -> bool:
    """Does the text mark a mention as a place, by more than the name itself?  A locative or a
    region word before it ("off Hilo", "County Wexford"), a qualifier, an institution word or a
    place noun after it ("Joplin hospital", "Kinsale Road"), a hashtag, or capitals (a dateline)."""
    if _says_place(text, tokens, i, end) or text[tokens[i][0] - 1:tokens[i][0]] == "#":
        return True
    if surface.isupper() and len(surface) > 2:
        return True
    if i > 0 and tokens[i - 1][2].lower() in ("off", "county", "co"):
        return True
    after = _WORD_AFTER.match(text, end)
    return after is not None and (after.group(1) in _KEEP_AFTER or after.group(1).lower() in _PLACE_NOUNS)


def _says_place(text, tokens, i, end) -> bool:
    """Does the text around a word mark it as a place: "in Hope", "Hope, Ark."?"""
    prev = tokens[i - 1][2].lower() if i > 0 else ""
    if prev in _LOCATIVE:
        return True
    return bool(_QUALIFIER_AFTER.match(text, end))


def _named_alike(candidates, best: Place, surface: str) -> bool:
    """Is the name also the own name of a place about as large as ``best``, which matched by an
    alias?  "Torrington": West Torrington's alias, and Torrington, Connecticut's name."""
    return any(c.population >= _WEAK_POPULATION // 2 and 2 * c.population >= best.population
               and c.name.lower() == surface.lower() for c in candidates)


_SAINT = re.compile(r"(?:St\.?|Saint) [A-Z][a-z]+$")
_LONE_SAINT_POPULATION = 100_000  # "St. Petersburg's mayor" is the city's
# What ``_judge`` returns for a span that is no place and whose words are no place either
# ("Mary" of "St. Mary's School").
_NOT_A_PLACE = Span(0, 0, "", "place", ())


def _strong(place: Place) -> bool:
    """Is a place big enough that a name-like word for it is the place unless shown otherwise?"""
    return place.is_country or place.feature_code in ("CONT", "OCN", "SEA", "GULF") \
        or (place.feature_code == "ADM1" and place.population >= _WEAK_POPULATION)


def _judge(text, tokens, caps, i, j, start, end, surface, candidates, lower_words, persons) -> Span | None:
    """Keep a gazetteer match only if it reads as a place mention here."""
    first = tokens[i][2] if j > i or len(surface) >= len(tokens[i][2]) else surface  # "Drug" of "Drug-resistant"
    best = candidates[0]
    strong = _strong(best) or any(c.match_kind in (NameKind.DEMONYM, NameKind.ABBREVIATION) for c in candidates[:3])
    if surface in _STOP or surface.rstrip(".") in _STOP or surface in _NOT_PLACES:
        return None
    if text.startswith("$", end):
        return None  # a currency: "US$460 million", "HK$"
    if _SAINT.match(surface) and text.startswith(("'s", "’s"), end) and best.population < _LONE_SAINT_POPULATION \
            and not any(c.name.endswith(("'s", "’s")) for c in candidates[:3]):
        return _NOT_A_PLACE  # a saint's day or church: "St. Patrick's Day", "St. Michael's Hospital"
    after = _DISEASE_AFTER.match(text, end)
    if after and (_is_disease(after.group(1)) or (after.group(1)[:1].isupper() and _is_disease(after.group(2)))):
        return None  # part of a disease's name: "West Nile virus", "Reston ebolavirus", "Mad Cow disease"
    at_start = _sentence_start(text, start)
    if i == j and at_start and first.lower() in lower_words and not strong:
        return None  # "Reading the report…" where the text also says "reading"
    if i == j and first.isupper() and len(first.replace(".", "")) <= 4 and not strong:
        return None  # "ISIS", "CNN": acronyms, unless a known place abbreviation
    bare = surface.replace(".", "").replace(" ", "")
    if bare.isupper() and len(bare) <= 3 and not strong:
        return None
    # Glued to other capitalised words that are not part of the match: a longer name.
    if j + 1 < len(tokens) and end == tokens[j][1] and _gap_ok(text, tokens[j][1], tokens[j + 1][0]):
        nxt = tokens[j + 1][2]
        if caps[j + 1] and nxt not in _KEEP_AFTER and nxt not in _TITLECASE_SKIP \
                and nxt.lower() not in lower_words:
            person = (j + 2 < len(tokens) and tokens[j + 2][2] in _PERSON_NEXT) or nxt in persons
            if not strong or person:
                return None  # "Paris Hilton", "Manchester United", "Jordan Peterson said"
    if i > 0 and _gap_ok(text, tokens[i - 1][1], start):
        prev = tokens[i - 1][2]
        if caps[i - 1] and prev not in _STOP and prev not in _KEEP_AFTER and not best.is_country \
                and best.match_kind is not NameKind.DEMONYM:
            return None  # "Michael Jordan"
    if i == j and not strong:
        if surface in persons and best.population < _PERSON_POPULATION:
            return None  # "Obama" after "Barack Obama"
        if j + 1 < len(tokens) and tokens[j + 1][2] in _PERSON_NEXT \
                and not (i > 0 and tokens[i - 1][2].lower() in _LOCATIVE):
            return None  # "Jones said" (but "Police in Dayton said")
        small = best.population < _WEAK_POPULATION
        alias = best.match_kind is NameKind.ALTERNATE and not _bare_region(best) \
            and not _named_alike(candidates, best, surface)  # "Laurel County" is in the text
        low = first.lower()
        # "Jin", "Lu": names, not aliases; "Evans", "Martha": people more often than small towns.
        hashtag = text[start - 1:start] == "#"  # "#Ferguson": a tweet's topic, which a lone surname seldom is
        word = low in common_words()
        name = not word and low in person_names() and not hashtag
        common = word or name or (len(first) <= 3 and alias)
        # A common word that is only another language's name of a place, however large: "Part" (Perth).
        if (small and (alias or common)) or (alias and common):
            # A personal name is a place also before a place noun: "Ferguson police", "the Ferguson riot".
            if not _says_place(text, tokens, i, end) \
                    and not (name and not alias and _marked(text, tokens, i, end, surface)):
                return None  # "Hope", "Superior", an obscure alias: nothing here says "place"
    if j > i and not strong and best.population < _WEAK_POPULATION and best.match_kind is NameKind.ALTERNATE \
            and not _bare_region(best) and not _named_alike(candidates, best, surface) \
            and not _says_place(text, tokens, i, end):
        return None  # "Saint Joe" (Walhalla, North Dakota), "North Side" (Oildale): a small place's other name
    kind = "demonym" if best.match_kind is NameKind.DEMONYM else "place"
    return Span(start, end, surface, kind, candidates, at_start, _marked(text, tokens, i, end, surface))
