"""Tokens with exact character offsets, and the facts about one token the rules ask for.

A token is a ``(start, end, text)`` tuple (cheap: a text has thousands).
Possessive 's is left out of the token ("Syria's" → "Syria"), contractions
("don't") are dropped, social-media handles are skipped and hashtags are
split at their capitals ("#PrayForGaza" → Pray, For, Gaza).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from operator import itemgetter

__all__ = ["Token", "tokenize", "tokenize_words", "is_cap", "caps_of", "sentence_start", "gap_ok", "line_in_capitals",
           "POSSESSIVE_ENDINGS", "POSSESSIVE_GAPS"]

Token = tuple[int, int, str]

# The rest of a word: letters and digits, and the combining marks among them ("i̇stanbul", as Python writes
# "İstanbul" in lower case: an "i" and a combining dot; a mark is part of its letter, not a word break)
_WORD_REST = r"[^\W_]*+(?:[\u0300-\u036f]+[^\W_]*+)*+"

# The initials are tried only where a capital and a full stop begin them (a lookahead: without it
# every word was first tried as initials, half the tokeniser's time); the possessive quantifiers
# (``*+``) keep no backtracking state, as a word's letters never end in a separator.  The same
# tokens as the plain alternation.
_TOKEN = re.compile(
    r"(?=[A-Z][a-z]?\.)(?:"
    r"(?:[A-Z][a-z]?\.){2,}"                        # U.S.  N.Y.  W.Va.  D.C.
    r"|[A-Z][a-z]?\.(?: [A-Z][a-z]?\.)+)"          # W. Va.  N. C.  D. C.
    r"|(?=[a-z]\.[a-z][a-z]?\.)(?:[a-z][a-z]?\.){2,3}(?![^\W\d_])"   # u.s.  b.c.  d.c.  w.va. (in lower case)
    rf"|[^\W\d_]{_WORD_REST}(?:['’‘`ʿʾ\-][^\W\d_]{_WORD_REST})*+"  # words, with inner hyphens / apostrophes
)
_TOKEN_PARTS = re.compile(f"({_TOKEN.pattern})")  # the tokens and what lies between them


def _latin1(char_class: str) -> str:
    """The Latin-1 characters of a character class, written out for a character set."""
    return "".join(re.escape(chr(c)) for c in range(256) if re.match(char_class, chr(c)))


# The same tokens, for a text of Latin-1 characters and a few wide punctuation marks (nine texts
# in ten): its letter classes written out as sets, a bitmap test per character where the Unicode
# classes ask for the character's category; a fifth of the tokeniser's time.
_WIDE_PUNCTUATION = "’‘“”–—…•€™"  # neither letters nor digits
_BEYOND_LATIN1 = re.compile(f"[^\x00-\xff{_WIDE_PUNCTUATION}]")
_LETTER, _LETTER_OR_DIGIT = r"[^\W\d_]", r"[^\W_]"
_TOKEN_PARTS_LATIN1 = re.compile(_TOKEN_PARTS.pattern.replace(_LETTER, "[" + _latin1(_LETTER) + "]")
                                 .replace(_LETTER_OR_DIGIT, "[" + _latin1(_LETTER_OR_DIGIT) + "]"))
_POSSESSIVE = re.compile(r"['’](?:s|(?<=[A-Z]['’])S)$")  # "Syria's", and in capitals "SYRIA'S"
#: A possessive's ending after a name, and the gap it leaves between two tokens ("Syria's Aleppo", "Cox's Bazar").
POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
POSSESSIVE_GAPS = frozenset(ending + " " for ending in POSSESSIVE_ENDINGS)
#: A compass word before the part of a region it names, as a regular-expression group ("southeastern Arizona",
#: "central Turkey", "north-west Syria").
COMPASS_WORD = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
#: The level words of a first-level region, as a regular-expression group ("Bauchi State", "the province of Idlib").
REGION_LEVEL_WORD = r"(?:state|province|region|governorate|oblast|prefecture|department)"
#: The word after a name that says it is an area ("Sahiwal district", "Tharparkar District", "Kassala State").
AREA_WORD_AFTER = re.compile(rf"\s(?i:{REGION_LEVEL_WORD}|district|county|division|tehsil|subdivision)\b")

#: The word after a name for a kind of feature, and the gazetteer's codes of that kind: "Heathrow airport", "the
#: Amazon river" (read by the resolver's ``feature_worded`` prior and the recogniser's ``glued_to_feature_word``).
FEATURE_WORDS = {
    "airport": frozenset({"AIRP"}), "airfield": frozenset({"AIRP"}), "river": frozenset({"STM"}),
    "creek": frozenset({"STM"}), "lake": frozenset({"LK", "RSV"}), "sea": frozenset({"SEA"}),
    "strait": frozenset({"STRT"}), "mountain": frozenset({"MT", "MTS", "VLC"}), "volcano": frozenset({"VLC", "MT"}),
    "mountains": frozenset({"MTS", "MT"}), "desert": frozenset({"DSRT"}),
    "peninsula": frozenset({"PEN"}), "island": frozenset({"ISL"}), "islands": frozenset({"ISLS", "ISL"}),
    "valley": frozenset({"VAL"}), "bay": frozenset({"BAY"}), "gulf": frozenset({"GULF"}), "canal": frozenset({"CNL"}),
}
# Possessives that are part of names: "People's Republic of China", "Democratic People's Republic of Korea".
KEEP_POSSESSIVE = frozenset({"People's", "People’s"})
# ... and before a county's word: counties named after a person ("Queen Anne's County", "Prince
# George's County", "St. Mary's County") keep it, or the county is Queen Anne, a town.
_COUNTY_AFTER = re.compile(r" (?:County|Parish|COUNTY|PARISH)\b")
_ARTICLE_START = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ez|es|ed|en|et|ul)[-‐][A-Z]")
_CONTRACTION_IN_TEXT = re.compile(r"['’](?:re|ve|ll|d|m|t|s)", re.IGNORECASE)
_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+")
# Abbreviated words a full stop may follow inside a name: "St. Louis", "Mt. Kenya", "ST. LOUIS —", "st. louis".
ABBREVIATED_WORDS = frozenset(form for word in ("St", "Ste", "Mt", "Ft", "Pt")
                              for form in (word, word.upper(), word.lower()))
_LAST_WORD = re.compile(r"[^\W\d_]+$")


def tokenize(text: str) -> list[Token]:
    """Tokens as (start, end, text), contractions dropped (see the module docstring)."""
    return tokenize_words(text)[0]


def tokenize_words(text: str) -> tuple[list[Token], list[str], bool]:
    """``tokenize``, with the tokens' words (their third items) and whether any two tokens touch
    (the parts of a hashtag), both known on the way at less cost than read from the tokens."""
    quotes = _quotes(text)
    if "@" in text or "#" in text:
        tokens = _tokenize_marked(text)
        words, touching = list(map(itemgetter(2), tokens)), True
    else:
        tokens, words, touching = _tokenize_plain(text, quotes)
    tokens = _without_contractions(text, tokens, quotes, words)
    if touching:  # possibly: see whether any token ends where another starts
        touching = not set(map(itemgetter(1), tokens)).isdisjoint(map(itemgetter(0), tokens))
    return tokens, words, touching


def _quotes(text: str) -> list[int]:
    """Where the text's apostrophes (' and ’) are, in order: possessives and contractions start
    there.  Found by ``str.find``, a few instructions a character where a regex search costs tens."""
    out = []
    for quote in "'’":
        p = text.find(quote)
        while p >= 0:
            out.append(p)
            p = text.find(quote, p + 1)
    out.sort()
    return out


def _tokenize_plain(text: str, quotes: list[int] | None = None) -> tuple[list[Token], list[str], bool]:
    """The tokens of a text without handles or hashtags, their words, and whether two tokens may
    touch (no empty gap between two: then none do, as the clean-up only widens gaps)."""
    # Splitting at the tokens gives them and their offsets without a Python step per
    # token: [gap, token, gap, token, …, gap].
    latin1 = text.isascii() or _BEYOND_LATIN1.search(text) is None
    parts = (_TOKEN_PARTS_LATIN1 if latin1 else _TOKEN_PARTS).split(text)
    bounds = list(accumulate(map(len, parts)))
    ends = bounds[1::2]
    words = parts[1::2]
    tokens = list(zip(bounds[0:-1:2], ends, words))
    touching = "" in parts[2:-1:2]
    # Possessives, the only tokens the clean-up changes: the tokens that end where an "'s"
    # of the text does.  Last first, so that a dropped one does not move the others.
    possessives = []
    for p in quotes if quotes is not None else _quotes(text):
        if text.startswith("s", p + 1) or text.startswith("S", p + 1):  # an apostrophe and "s"
            k = bisect_left(ends, p + 2)
            if k < len(ends) and ends[k] == p + 2 and _POSSESSIVE.search(tokens[k][2]):
                possessives.append(k)
    for k in reversed(possessives):
        start, end, tok = tokens[k]
        if tok in KEEP_POSSESSIVE or _COUNTY_AFTER.match(text, end):
            continue
        tok = _POSSESSIVE.sub("", tok).rstrip("-‐'’‘`")
        if tok:
            tokens[k] = (start, start + len(tok), tok)
            words[k] = tok
        else:
            del tokens[k], words[k]
    return tokens, words, touching


def _tokenize_marked(text: str) -> list[Token]:
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
        if tok[-1] in "sS-‐'’‘`" and tok not in KEEP_POSSESSIVE and not _COUNTY_AFTER.match(text, end):
            tok = _POSSESSIVE.sub("", tok).rstrip("-‐'’‘`")
            end = start + len(tok)
        if tok:
            out.append((start, end, tok))
    return out


def _without_contractions(text: str, tokens: list[Token], quotes: list[int] | None = None,
                          words: list[str] | None = None) -> list[Token]:
    """The tokens but contractions ("don't", "they're"): those that end where an apostrophe and
    a contraction's ending in the text do (found in the text, not token by token; ``quotes``:
    where its apostrophes are).  ``words``, the tokens' words, loses the same."""
    ends = None
    drop = []
    for p in quotes if quotes is not None else _quotes(text):
        m = _CONTRACTION_IN_TEXT.match(text, p)
        if m is None:
            continue
        if ends is None:  # (most texts have no contraction left to drop: no list of ends)
            ends = list(map(itemgetter(1), tokens))
        k = bisect_left(ends, m.end())
        if k < len(ends) and ends[k] == m.end() and tokens[k][0] <= m.start() \
                and tokens[k][2] not in KEEP_POSSESSIVE and not _COUNTY_AFTER.match(text, m.end()):
            drop.append(k)
    for k in reversed(drop):
        del tokens[k]
        if words is not None:
            del words[k]
    return tokens


def is_cap(tok: str) -> bool:
    """Is a word written as a name starts: "Paris", "al-Bab", "d'Ivoire"?"""
    first = tok[:1]
    if first.isupper():
        return True
    if first in "dl" and tok[1:2] in "'’" and tok[2:3].isupper():
        return True  # "Côte d'Ivoire", "Val d'Oise", "L'Aquila" written "l'Aquila"
    return first in "aeu" and bool(_ARTICLE_START.match(tok))


# Every word written as a name without a capital first letter ("d'Ivoire", "al-Bab") holds an
# apostrophe or a hyphen: only those words need the whole test.
_SEPARATOR = re.compile("[-‐'’]")


def caps_of(words: list[str], upper: list[bool] | None = None) -> list[bool]:
    """``is_cap`` of every word: the first letters' case (``upper``, when the caller has it),
    then the whole test for the few words with an apostrophe or a hyphen, found by one search
    of the words joined by newlines."""
    caps = list(upper) if upper is not None else list(map(str.isupper, map(itemgetter(0), words)))
    joined = "\n".join(words)
    for m in _SEPARATOR.finditer(joined):
        k = joined.count("\n", 0, m.start())  # which word (a C-level count: such words are few)
        if not caps[k]:
            caps[k] = is_cap(words[k])
    return caps


def sentence_start(text: str, start: int) -> bool:
    """Does a sentence, line, or clause after a colon or dash begin at ``start``?"""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(«[":
        i -= 1
    return i < 0 or text[i] in ".!?\n\r:;—–-|•"


def line_in_capitals(text: str, offset: int) -> bool:
    """Is the line around ``offset`` written all in capitals?"""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)].isupper()


def gap_ok(text: str, end: int, start: int) -> bool:
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
    return word is not None and word.group(0) in ABBREVIATED_WORDS
