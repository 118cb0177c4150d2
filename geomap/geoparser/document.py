"""One text as the recognition rules see it: its tokens and the facts about it, computed once.

The rules of :mod:`geomap.geoparser.recognition` read a :class:`Document`
instead of a dozen positional arguments: the tokens, which of them are
capitalised, which words the text also writes in lower case, which words
name people, which names the text writes with a region word after them.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import and_

from .tokens import Token, caps_of, sentence_start, tokenize
from .words import words

__all__ = ["Document"]

_QUALIFIER_AFTER = re.compile(r",\s*(?:[A-Z][a-z]{0,4}\.|[A-Z]{2}\b|[A-Z][a-z]+)")
_WORD_AFTER = re.compile(r"\W{0,3}(\w+)")
_REGION_WORDED = re.compile(r"((?:[A-Z][\w.'’-]* ){1,3})(?:County|Parish|Borough|District|Raion|Rayon)\b")


class Document:
    """A text, tokenised, with the facts every recognition rule may ask for."""

    __slots__ = ("text", "tokens", "words", "caps", "lower_words", "persons", "region_worded")

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.words: list[str] = [t[2] for t in self.tokens]
        self.caps: list[bool] = caps_of(self.words)
        #: Words the text writes in lower case somewhere ("police"), so that "Police said" is no name.
        self.lower_words: set[str] = {w for w in set(self.words) if w[0].islower()}
        #: Words the text uses as the second part of a two-word name or after a title ("Obama").
        self.persons: set[str] = _person_words(text, self.tokens)
        #: Names the text writes with a region word after them ("Laurel" of "Laurel County").
        self.region_worded: set[str] = _region_worded(text)

    def word_before(self, i: int) -> str:
        """The token before token ``i``, lower-cased ("" at the start)."""
        return self.tokens[i - 1][2].lower() if i > 0 else ""

    def at_sentence_start(self, start: int) -> bool:
        return sentence_start(self.text, start)

    def says_place(self, i: int, end: int) -> bool:
        """Does the text around a name mark it as a place: a locative before it ("in Hope") or a
        qualifier after it ("Hope, Ark.")?"""
        if self.word_before(i) in words("locatives"):
            return True
        return bool(_QUALIFIER_AFTER.match(self.text, end))

    def marked(self, i: int, end: int, surface: str) -> bool:
        """Does the text mark a mention as a place, by more than the name itself?  A locative or a
        region word before it ("off Hilo", "County Wexford"), a qualifier, an institution word or a
        place noun after it ("Joplin hospital", "Kinsale Road"), a hashtag, or capitals (a dateline)."""
        text = self.text
        start = self.tokens[i][0]
        if self.says_place(i, end) or text[start - 1:start] == "#":
            return True
        if surface.isupper() and len(surface) > 2:
            return True
        if self.word_before(i) in ("off", "county", "co"):
            return True
        after = _WORD_AFTER.match(text, end)
        return after is not None and (after.group(1) in words("keep_after")
                                      or after.group(1).lower() in words("place_nouns"))


def _person_words(text: str, tokens: list[Token]) -> set[str]:
    """Capitalised words used as the second part of a two-word name, or after a title.

    "Chiquita Raquel Henry", "Barack Obama", "Sgt. Brown": later, "Henry",
    "Obama" or "Brown" alone name the person, not the towns called so.
    """
    stop, titles, descriptors, way_words = words("stop"), words("titles"), words("descriptors"), words("way_words")
    out = set()
    upper = [t[2][0].isupper() for t in tokens]
    for k in compress(range(1, len(tokens)), map(and_, upper, upper[1:])):  # pairs of capitalised words
        prev, tok = tokens[k - 1][2], tokens[k][2]
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if gap not in (" ", ". "):
            continue
        if gap == ". " and prev not in stop:
            continue
        if (prev in stop and prev not in titles) or prev in descriptors or prev.isupper():
            continue
        if k + 1 < len(tokens) and tokens[k + 1][2] in way_words:
            continue  # "Old Alton Edwardsville Road": a road named for two places
        out.add(tok)
    return out


def _region_worded(text: str) -> set[str]:
    """Names the text writes with a region word after them: {"Laurel", "Kit Carson", "Carson"}
    for "… Kit Carson County …"."""
    out = set()
    if "County" in text or "Parish" in text or "Borough" in text or "District" in text or "Rayon" in text \
            or "Raion" in text:
        for m in _REGION_WORDED.finditer(text):
            parts = m.group(1).split()
            out.update(" ".join(parts[k:]) for k in range(len(parts)))
    return out
