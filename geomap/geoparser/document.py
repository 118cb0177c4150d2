"""One text as the recognition rules see it: its tokens and the facts about it, computed once.

The rules of :mod:`geomap.geoparser.recognition` read a :class:`Document`
instead of a dozen positional arguments: the tokens, which of them are
capitalised, which words the text also writes in lower case, which words
name people, which names the text writes with a region word after them.

**Casing.** Capitals are the recogniser's first clue, and some lines have
none to give: a title-case headline ("Russia, Turkey Vow to Make
Joint Patrols in Syria"), a line in capitals ("BREAKING: EXPLOSION REPORTED
IN BEIRUT PORT"), a line in lower case ("i flew from london to paris").
Each line is classed ``mixed``, ``title``, ``upper`` or ``lower``
(:func:`line_casing`); in the last three, every word may be part of a name,
and a name needs stronger evidence to count (the ``uncased_name`` rule).
Facts drawn from capitals (people's names, words the text writes in lower
case) are read from ``mixed`` lines only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import compress
from operator import and_, itemgetter, not_

from ..normalize import ARABIC_GENERICS
from ..reldate import MONTHS
from ..sentences import NUMBER_WORDS
from .tokens import Token, caps_of, sentence_start, tokenize_words
from .words import words
from .words import words as words_

__all__ = ["Document", "line_casing", "region_key", "MIXED", "TITLE", "UPPER", "LOWER"]

MIXED, TITLE, UPPER, LOWER = "mixed", "title", "upper", "lower"

#: The Arabic words for a kind of place that start place names (a valley, a hill, a spring, a monastery…):
#: the word after one is no surname.  ("Abu", "Umm", "Bani" and "Sidi" start people's names too.)
_FEATURE_GENERICS = ARABIC_GENERICS - {"abu", "umm", "bani", "beni", "sidi"}

_QUALIFIER_AFTER = re.compile(r",\s*(?:[A-Z][a-z]{0,4}\.|[A-Z]{2}\b|[A-Z][a-z]+)")
_WORD_AFTER = re.compile(r"\W{0,3}(\w+)")
_KIND_AFTER = re.compile(r" (?i:district|county|province|governorate|oblast|parish|prefecture|municipality|rayon|raion|"
                         r"region)\b")
# (The first word written out, not inside the repeat, lets the search skip to the capitals.)
_REGION_WORDED = re.compile(r"([A-Z][\w.'’-]* (?:[A-Z][\w.'’-]* ){0,2})"
                            r"(?i:county|parish|borough|district|raion|rayon|province|department|municipality)\b")
# ... or before them: "the province of Pataz", "the municipality of Tame": the names after " of ", kept when a
# region word stands before it (found from " of ", eight times faster than a pattern led by the words)
_NAME_AFTER_OF = re.compile(r" of ([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})")
_REGION_WORDS_BEFORE_OF = frozenset(("county", "parish", "district", "province", "department", "municipality"))


#: Words between a locative and a town's name that say where in or around it: "in downtown Pineville", "in nearby
#: Hope", "in rural Moore" (read over as a compass word is: "in eastern Chad").
WHERE_IN_TOWN = frozenset(("downtown", "uptown", "nearby", "neighboring", "neighbouring", "suburban", "rural"))


class Document:
    """A text, tokenised, with the facts every recognition rule may ask for."""

    __slots__ = ("text", "tokens", "words", "caps", "lower_words", "persons", "person_pairs", "relatives",
                 "region_worded", "casing", "line_start", "uncased", "known", "known_places", "touching", "areas",
                 "doubtful")

    def __init__(self, text: str):
        self.text = text
        # The tokens, their words, and whether any two touch (the parts of a hashtag: "#SierraLeone").
        self.tokens, self.words, self.touching = tokenize_words(text)
        firsts = list(map(itemgetter(0), self.words))  # the first letters
        upper = list(map(str.isupper, firsts))  # read by caps_of and _person_words
        self.caps: list[bool] = caps_of(self.words, upper)
        #: The casing of each token's line (MIXED, TITLE, UPPER or LOWER), and whether the token
        #: is the first of its line.
        self.casing, self.line_start = _casings(text, self.tokens, self.words)
        self.uncased: bool = self.casing.count(MIXED) != len(self.casing)
        cased = self.tokens if not self.uncased else [t for t, c in zip(self.tokens, self.casing) if c is MIXED]
        cased_words = self.words if not self.uncased else [t[2] for t in cased]
        #: Words the text writes in lower case somewhere ("police"), so that "Police said" is no name.
        self.lower_words: set[str] = set(compress(cased_words, map(
            str.islower, firsts if not self.uncased else map(itemgetter(0), cased_words))))
        #: Words the text uses as the second part of a two-word name or after a title ("Obama").
        #: ... each with the words before it that made it one ("" after a middle initial).
        self.person_pairs: dict[str, list[str]] = _person_words(text, cased, None if self.uncased else upper)
        if self.uncased:
            _surnames_after_given_names(text, self.tokens, self.casing, self.person_pairs)
        self.persons: set[str] = set(self.person_pairs)
        #: Names the text gives a relative: {"Brittany"} for "murdering her daughter, Brittany".
        self.relatives: frozenset[str] = frozenset(m.group(1) for m in _RELATIVE_NAMED.finditer(text)) \
            if not self.uncased and any(k in text for k in _KIN_PARTS) else frozenset()
        #: Names the text writes with a region word after or before them ("Laurel County", "the province of Pataz").
        self.region_worded: set[str] = _region_worded(text)
        #: Names (normalised) recognised as places in the text's mixed-case lines (set by the recogniser).
        self.known: frozenset[str] = frozenset()
        #: ... and the places they were read as (geonameids), so that another spelling of one counts too
        #: ("Wad Madani" in a title-case headline over "Wad Medani" in the story).
        self.known_places: frozenset[int] = frozenset()
        #: The countries ("NZ") and first-level regions ("NZ.E7") of the places recognised in a first reading
        #: of a text with uncased lines (set by the recogniser), and the names ``uncased_name`` turned down
        #: in it, as (normalised name, the countries and regions that would back it up).
        self.areas: frozenset[str] = frozenset()
        self.doubtful: list[tuple[str, frozenset[str]]] = []

    def word_before(self, i: int) -> str:
        """The token before token ``i``, lower-cased ("" at the start)."""
        return self.tokens[i - 1][2].lower() if i > 0 else ""

    def word_over_where(self, i: int) -> str:
        """The word before token ``i`` over one compass word or word of where in a town (:data:`WHERE_IN_TOWN`),
        lower-cased: "in" for "in eastern Chad" and "in nearby Hope"; "" when no such word stands before it."""
        before = self.word_before(i)
        return self.word_before(i - 1) if before in words("compass_words") or before in WHERE_IN_TOWN else ""

    def at_sentence_start(self, start: int) -> bool:
        return sentence_start(self.text, start)

    def says_place(self, i: int, end: int) -> bool:
        """Does the text around a name mark it as a place: a locative before it ("in Hope"; over a compass word
        or a word of where in a town: "in eastern Chad", "in nearby Hope") or a qualifier after it ("Hope,
        Ark.")?  Not the "of" of an institution's name ("the Ministry of Energy and Mines", "the Department of
        Justice")."""
        before = self.word_before(i)
        if before in words("locatives") and not self.of_an_institution(i):
            return True
        over = self.word_over_where(i)
        if over in words("locatives") and over != "of":
            return True
        if _QUALIFIER_AFTER.match(self.text, end):
            return True
        # its other name in brackets after a name the text marks: "near Koya (Koysinjaq)"
        if i > 0 and self.text.endswith(" (", 0, self.tokens[i][0]) and self.text.startswith(")", end):
            k = i - 1  # the first word of the name before the bracket (up to three capitalised words)
            while k > max(0, i - 3) and self.caps[k - 1] and self.tokens[k - 1][1] + 1 == self.tokens[k][0]:
                k -= 1
            return self.caps[k] and self.says_place(k, self.tokens[i - 1][1])
        return False

    def of_an_institution(self, i: int) -> bool:
        """Is token ``i`` the first after the "of" of a government body's name, which names its portfolio:
        "the Ministry **of** Energy", "Department of Justice" (:func:`words` "institution_heads"; but
        "residents of Hope", "Phillip Christofoli of Gaston", "Troop 172 of Wakefield" say where)?"""
        if i < 2 or self.words[i - 1] != "of":
            return False
        head = self.words[i - 2]
        return head[:1].isupper() and head.lower() in words("institution_heads")

    def site_after(self, end: int) -> bool:
        """Is the name followed by the noun of an industrial site named after it ("the Baiji refinery", "the
        Baiji oil refinery": ``site_nouns``, over a word of ``site_goods``)?  Such a site lies at its town."""
        after = _WORD_AFTER.match(self.text, end)
        if after is None or self.text[end:after.start(1)] != " ":
            return False
        word = after.group(1).lower()
        if word in words("site_goods"):
            after = _WORD_AFTER.match(self.text, after.end())
            if after is None or self.text[after.start():after.start(1)] != " ":
                return False
            word = after.group(1).lower()
        return word in words("site_nouns")

    def region_kind_after(self, end: int) -> bool:
        """Does the kind of region a name is follow it ("in the Hawija district", "the Kherson region")?"""
        return _KIND_AFTER.match(self.text, end) is not None

    def after_an_address(self, start: int) -> bool:
        """Does a street address and a comma stand before offset ``start``, as news and notices write a town after
        one ("in the Kreamer Funeral Home, 618 E. Main Street, Annville", "of 1935 orchard st., alexandria")?"""
        return _ADDRESS_BEFORE.search(self.text, max(0, start - 60), start) is not None

    def marked(self, i: int, end: int, surface: str) -> bool:
        """Does the text mark a mention as a place, by more than the name itself?  A locative or a
        region word before it ("off Hilo", "County Wexford"), a street address before it ("618 E. Main
        Street, Annville"), a qualifier, an institution word or a place noun after it ("Joplin hospital",
        "Kinsale Road"), a hashtag, or capitals (a dateline)."""
        text = self.text
        start = self.tokens[i][0]
        if self.says_place(i, end) or text[start - 1:start] == "#" or self.after_an_address(start):
            return True
        if surface.isupper() and len(surface) > 2 and self.casing[i] is MIXED:
            return True
        if self.word_before(i) in ("off", "county", "co"):
            return True
        after = _WORD_AFTER.match(text, end)
        return after is not None and (after.group(1) in words("keep_after")
                                      or after.group(1).lower() in words("place_nouns"))


#: A street address and a comma at the end ("618 E. Main Street, ", "1935 ORCHARD ST., "): a house number, a
#: compass letter, one to three words and a street's word.
_ADDRESS_BEFORE = re.compile(
    r"(?i:\b\d+[a-z]?\s+(?:[nsew]\.?\s+)?(?:[\w'’-]+\.?\s+){1,3}(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|"
    r"boulevard|blvd|highway|hwy|pike|parkway|pkwy|way|court|ct|place|pl|circle|terrace)\.?,\s*)$")


#: A word for a relative, a comma or a space, and a capitalised name ("her daughter, Brittany", "his son Jordan"):
#: the name is the relative's (group 1).  Written in lower case, as prose writes these words.
_RELATIVE_NAMED = re.compile(r"\b(?:daughter|son|wife|husband|mother|father|sister|brother|granddaughter|grandson|"
                             r"niece|nephew|cousin|widow|widower|girlfriend|boyfriend|fianc[ée]e?|stepdaughter|"
                             r"stepson),? ([A-Z][a-z]+)\b(?! [A-Z])")
#: A part of every word ``_RELATIVE_NAMED`` starts with: most texts hold none, and these look-ups cost a third of
#: the pattern's search.
_KIN_PARTS = ("daughter", "son", "wife", "husband", "mother", "father", "sister", "brother", "niece", "nephew",
              "cousin", "widow", "friend", "fianc")


def region_key(place) -> str:
    """A place's first-level region as a key of ``Document.areas``: "NZ.E7"."""
    return f"{place.country_code}.{place.admin1_code}"


def line_casing(words: list[str], headline: bool = False) -> str:
    """How a line is written: MIXED (prose), TITLE (a title-case headline), UPPER or LOWER.

    * UPPER: at least three words, four in five of them in capitals.
    * TITLE: at least two common English words capitalised after the first word (not counting
      words names are made of: "City", "North", "Lake"), and no lower-case word but function
      words ("to", "in", "of"): "Russia, Turkey Vow to Make Joint Patrols in Syria"; one is
      enough in a ``headline``, a text's first line standing over more text without a full stop
      at its end ("Hail Batters Springfield": not a man called Batters Springfield).
    * LOWER: at least four words, no capital after the first word but "I", and the first a
      common or function word ("fighting in aleppo and homs", not "Torrington firefighters
      called in other companies").
    """
    words = _alphabetic(words)
    if len(words) < 3:
        return MIXED
    # (All words in capitals, less those of one letter, "I" and "A": counted only when it may matter.)
    if sum(map(str.isupper, words)) >= 0.8 * len(words) \
            and sum(1 for w in words if len(w) > 1 and w.isupper()) >= 0.8 * len(words):
        return UPPER
    function = words_("function_words")
    rest = words[1:]
    # Prose, the common case, settles here, within a few words: a lower-case content word and a
    # capital after the first word.
    lowered = any(w[0].islower() and w not in function for w in rest)
    capital = any(w[0].isupper() and w != "I" for w in rest)
    if lowered and capital:
        return MIXED
    common = words_("common_words")
    if not lowered:
        stop = words_("stop")
        # Capitalised common words, but those names are made of ("City", "North", "Lake": the stop list).
        capitalised_common = sum(1 for w in rest if w[0].isupper() and not w.isupper() and w not in stop
                                 and is_common_word(w.lower(), common))
        if capitalised_common >= 2 or (headline and capitalised_common == 1):
            return TITLE
    if len(words) >= 4 and not capital:
        first = words[0].lower()
        if words[0][0].islower() or first in function or is_common_word(first, common):
            return LOWER  # "fighting in aleppo…", not "Torrington firefighters called…"
    return MIXED


def _alphabetic(words: list[str]) -> list[str]:
    """The words made of letters, with inner hyphens and apostrophes ("rebel-held", "don't")."""
    flags = list(map(str.isalpha, words))
    if all(flags):
        return words
    for k in compress(range(len(words)), map(not_, flags)):
        flags[k] = words[k].replace("-", "").replace("'", "").isalpha()
    return list(compress(words, flags))


def is_common_word(low: str, common: frozenset[str] | None = None) -> bool:
    """Is a lower-case word a common English word, or an inflection of one ("kills", "soldiers",
    "confirmed", "fighting", "cities")?"""
    common = common if common is not None else words_("common_words")
    if low in common:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2 and low[:-len(suffix)] + repl in common:
            return True
    return False


def _casings(text: str, tokens: list[Token], words: list[str]) -> tuple[list[str], list[bool]]:
    """The casing of every token's line, and which tokens begin a line (one pass over the lines)."""
    if not tokens:
        return [], []
    if "\n" not in text:  # one line (most texts)
        c = line_casing(words) if len(words) >= 3 else MIXED
        return [c] * len(words), [True] + [False] * (len(words) - 1)
    casing: list[str] = []
    first: list[bool] = []
    k = 0
    starts = list(map(itemgetter(0), tokens))
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        j = bisect_left(starts, end, k)  # the first token at or after the line's end
        if j > k:
            headline = k == 0 and j < len(tokens) and not line.rstrip().endswith(".")
            c = line_casing(words[k:j], headline) if j - k >= 3 else MIXED
            casing.extend([c] * (j - k))
            first.extend([True] + [False] * (j - k - 1))
        k = j
        pos = end + 1
    return casing, first


#: Words before a capitalised word that are no first name though capitalised at a sentence's start: counts.
_NOT_FIRST_NAMES = frozenset(NUMBER_WORDS)
#: ... nor are hyphenated descriptions ("Kurdish-held Qamishli", "low-lying Demak", "flood-hit Sylhet"), except the
#: ones a person's or a firm's name follows: "Ten-year-old Amir", "St. Louis-based Peabody Energy".
_NAME_FOLLOWS = ("-old", "-based")


def _person_words(text: str, tokens: list[Token], upper: list[bool] | None = None) -> dict[str, list[str]]:
    """Capitalised words used as the second part of a two-word name, or after a title, each with the
    words before it ("" after a middle initial).

    "Chiquita Raquel Henry", "Barack Obama", "Sgt. Brown": later, "Henry",
    "Obama" or "Brown" alone name the person, not the towns called so.
    """
    stop, titles, descriptors, way_words = words("stop"), words("titles"), words("descriptors"), words("way_words")
    institution_words = words("keep_after")
    out: dict[str, list[str]] = {}
    if upper is None:  # (whether each token's first letter is a capital)
        upper = list(map(str.isupper, map(itemgetter(0), map(itemgetter(2), tokens))))
    for k in compress(range(1, len(tokens)), map(and_, upper, upper[1:])):  # pairs of capitalised words
        prev, tok = tokens[k - 1][2], tokens[k][2]
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if gap not in (" ", ". "):
            continue
        if gap == ". " and middle_initial(text, tokens, upper, k - 1, stop):
            out.setdefault(tok, []).append("")  # "Wanda Y. Martin": the surname after a middle initial
            continue
        if gap == ". " and prev not in stop:
            continue
        if (prev in stop and prev not in titles) or prev in descriptors or prev.isupper() \
                or prev.lower() in _FEATURE_GENERICS:
            continue  # ... "Wadi Derna", "Jabal Akhdar": a valley or mountain named for its place, no person
        if prev.lower() in _NOT_FIRST_NAMES or ("-" in prev and prev.rsplit("-", 1)[1].islower()
                                                and not prev.endswith(_NAME_FOLLOWS)):
            continue  # a count or a description is no first name: "Two Kokomo teenagers", "Kurdish-held Qamishli"
        if k + 1 < len(tokens) and (tokens[k + 1][2] in way_words or any(
                tokens[n][2] in institution_words for n in range(k + 1, min(len(tokens), k + 4))
                if all(upper[k + 1:n + 1]))):
            continue  # "Old Alton Edwardsville Road": a road named for two places; "MercyOne Clinton Medical
            # Center", "Samaritan Albany General Hospital": a body or building named for its place
        out.setdefault(tok, []).append(prev)
    return out


def _surnames_after_given_names(text: str, tokens: list[Token], casing: list[str], out: dict[str, list[str]]) -> None:
    """In lines without case, the word after a frequent given name that is no ordinary word, or after a
    personal title, is that person's surname: "a request by concord developer kevin guay … cordoned off
    guay's properties" names Mr Guay, not Guay in Papua; "said dr. wallerstein" is no Bavarian town, nor
    "president barack obama … obama said" Obama, Fukui.  Capitals cannot say so there; the given names can
    (:func:`_given_names`), and the titles (``titles``: "dr.", "gov.", "mayor").  Added to ``out``
    (:func:`_person_words`'s pairs), so the name alone later is the person as well."""
    given, titles = _given_names(), lower_titles()
    for k in range(1, len(tokens)):
        if casing[k] is MIXED or casing[k - 1] is MIXED or not tokens[k][2].isalpha():
            continue
        prev = tokens[k - 1][2].lower()
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        titled = prev in titles and gap in (" ", ". ")
        if titled or (gap == " " and prev in given):
            out.setdefault(tokens[k][2], []).append(tokens[k - 1][2])
        if titled and k + 1 < len(tokens) and tokens[k][1] + 1 == tokens[k + 1][0] \
                and text[tokens[k][1]] == " " and tokens[k + 1][2].isalpha() \
                and (tokens[k][2].lower() in words("given_names") or not is_common_word(tokens[k][2].lower())):
            # ... and a title's first name and surname both: "president barack obama", "gov. bill richardson"
            out.setdefault(tokens[k + 1][2], []).append(tokens[k][2])


@cache
def _given_names() -> frozenset[str]:
    """The given names (``given_names``) that say a surname follows: not those that are words ("mark", "frank",
    "grace": ``common_words``), nor a month's ("in april bucha …")."""
    return words("given_names") - words("common_words") - frozenset(MONTHS)


@cache
def lower_titles() -> frozenset[str]:
    """The personal titles (``titles``), in lower case: "dr", "gov", "mayor"."""
    return frozenset(t.lower() for t in words("titles"))


def middle_initial(text: str, tokens: list[Token], upper: list[bool], k: int, stop: frozenset) -> bool:
    """Is token ``k`` a middle initial: one capital letter with a full stop, after a capitalised first
    name that is no common word ("Wanda Y. Martin", "John Q. Paris"; not "Terminal B. Paris is next")?
    What follows it is a surname."""
    tok = tokens[k][2]
    end = tokens[k][1]
    if not (len(tok) == 1 and tok.isupper() and k >= 1 and upper[k - 1] and text[end:end + 2] == ". "
            and text[tokens[k - 1][1]:tokens[k][0]] == " "):
        return False
    first = tokens[k - 1][2]
    return len(first) > 1 and first not in stop and not is_common_word(first.lower())


def _region_worded(text: str) -> set[str]:
    """Names the text writes with a region word after them: {"Laurel", "Kit Carson", "Carson"}
    for "… Kit Carson County …" (or "… Swat district …": news writes the word in lower case too), or
    before them: {"Pataz"} for "the province of Pataz"."""
    out = set()
    # (the region words without their first letter, written either way: a cheap test before the pattern)
    if "ounty" in text or "arish" in text or "orough" in text or "istrict" in text or "ayon" in text \
            or "aion" in text or "rovince" in text or "epartment" in text or "unicipality" in text:
        for m in _REGION_WORDED.finditer(text):  # the words before the region word: any last ones may be the name
            parts = m.group(1).split()
            out.update(" ".join(parts[k:]) for k in range(len(parts)))
        for m in _NAME_AFTER_OF.finditer(text):  # the words after "the province of": any first ones
            word = text[max(0, m.start() - 13):m.start()].rsplit(None, 1)[-1:]
            if word and word[0].lower() in _REGION_WORDS_BEFORE_OF:
                parts = m.group(1).split()
                out.update(" ".join(parts[:k]) for k in range(1, len(parts) + 1))
    return out
