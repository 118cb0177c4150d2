"""Sentences, clauses and words of a text, with their offsets; the word lists the incident rules read.

What :mod:`geomap.incident` needs to judge a place mention by its
surroundings, and nothing more, so it stays cheap:

* :func:`split_sentences`: sentences as ``(start, end)`` offsets, with the
  paragraph each lies in.  A sentence ends at ``.``, ``!`` or ``?`` before a
  capital, digit or quote, except after an abbreviation or an initial
  ("U.S. forces", "St. Petersburg", "Gen. Smith"); a line break always ends
  one (titles and datelines are lines of their own);
* :func:`clause_bounds`: the stretch of a sentence around an offset that is
  one clause: up to ``;``, ``:``, a dash, a comma before "which", "who",
  "but", "while", "although", or a subordinate clause or phrase opened by
  "before", "after", "until", "since", "because" or "when" and a determiner,
  a name or a number of things, not of days ("The attack came hours |
  before a new government was sworn in in New Delhi"; "the worst loss of
  life for police | since four federal agents died 15 years ago … in Waco";
  but "marooned after two days of heavy rain"), and "after" whatever follows
  it when a span of days or more stands before it ("killed two in a raid
  on Tuesday, five days | after gunfire erupted at a parade") (brackets and quotation
  marks do not cut: they are as often asides and scare quotes as clauses);
* :func:`lemmas`: the base forms a word may be an inflection of ("shelled"
  → "shell", "clashes" → "clash", "stabbing" → "stab", "died" → "die");
* :func:`word_list`: a sorted word list of ``geomap/data`` (``#`` lines are
  its header).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = ["Sentence", "split_sentences", "clause_bounds", "words", "lemmas", "word_list", "WORD", "CLAUSE_MARK",
           "NUMBER_WORDS", "SPANS_BEFORE_AFTER"]

#: A word: letters (any script), digits, inner hyphens and apostrophes ("rebel-held", "Syria's").
WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# Abbreviations after which a full stop does not end a sentence (lower case, without the dot).
_ABBREVIATIONS = frozenset("""
mr mrs ms dr gen col lt sgt capt maj cmdr adm rep sen gov pres prof rev fr st ft mt jr sr no vs etc inc corp co
ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m d.c n.y calif ky la mass wash
""".split())

_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]{1,2}$")  # "N.C", "U.A.E", "W.Va": dotted initials
_LETTERS = re.compile(r"(?:[^\W\d_]|\.)+")  # matched on the reversed text before a full stop
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9])")
# a dateline's agency after an abbreviated state ("CARTHAGE, N.C. (AP) -"): no sentence starts there
_AGENCY = re.compile(r"\s*\([A-Z][^()\n]{0,30}\)\s*(?:—|–|--|-|\x97|\x96)")


class Sentence(NamedTuple):
    """One sentence: ``text[start:end]``, in paragraph ``paragraph`` (counting from 0), ``index`` in the text."""

    start: int
    end: int
    paragraph: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order (blank stretches left out).

    Each line is a paragraph of its own, except that a line going on in lower
    case continues the one before (hard-wrapped text).
    """
    out: list[Sentence] = []
    paragraph, n = 0, len(text)
    for start, end in _lines(text):
        before = len(out)
        for m in _END.finditer(text, start, end):
            if _abbreviation_before(text, m.start(), start) or _AGENCY.match(text, m.end()):
                continue
            _add(out, text, start, m.end(), paragraph)
            start = m.end()
        _add(out, text, start, end, paragraph)
        if len(out) > before:
            paragraph += 1
    return out


def _lines(text: str):
    """``(start, end)`` of each line, a line continued in lower case joined to the one before."""
    if "\n" not in text:
        yield 0, len(text)
        return
    start, pos = 0, 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            yield start, len(text)
            return
        nxt = text[nl + 1:nl + 2]
        if nxt.islower() and nl > 0 and text[nl - 1] not in ".!?:\n":
            pos = nl + 1  # the sentence goes on on the next line
            continue
        yield start, nl
        start = pos = nl + 1


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        out.append(Sentence(start, start + len(kept), paragraph, len(out)))


def _abbreviation_before(text: str, dot: int, floor: int) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation or an initial ("U.S.", "J.")?"""
    if text[dot] != ".":
        return False
    return _is_abbreviation(text[max(floor, text.rfind(" ", floor, dot) + 1, dot - 24):dot])


@lru_cache(maxsize=1 << 14)
def _is_abbreviation(word: str) -> bool:
    """Is ``word`` (the text before a full stop, back to a space) an abbreviation or an initial?"""
    if not word.isalpha():  # "(U.S", "N.C", "3.5": the letters and dots just before, read backwards
        found = _LETTERS.match(word[::-1])
        word = found.group()[::-1] if found else ""
    word = word.lower()
    return len(word) == 1 or word in _ABBREVIATIONS or bool(_INITIALS.match(word))


#: Numbers written as words, read as digits are ("all eight departments of the Maradi region", "since four
#: federal agents died").
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

#: Where a sentence's clauses are cut: a semicolon, a colon, a dash between spaces, a comma before a relative or
#: contrasting word, a space before a subordinating word ("after the shelling"), or after a span of time ("two
#: days after …").  Every branch starts with one of four characters (the lookbehinds read back from the space), so
#: that the search skips to those: three times faster than lookbehinds tried at every offset.
#: The spans of time after which "after" opens an earlier event: "five days after a bomber rammed a checkpost" (not
#: hours, nor a day; also read by ``textfacts.clause_in_background``).
SPANS_BEFORE_AFTER = ("days", "week", "weeks", "month", "months", "year", "years", "decade", "decades")

CLAUSE_MARK = re.compile(r";|:(?!\d)|,\s+(?:which|who|whom|whose|but|while|whereas|although|though)\b|"
                         r"\s(?:[—–\x97-]{1,2}\s|"
                         "(?:" + "|".join(rf"(?<={span}\s)" for span in SPANS_BEFORE_AFTER) + ")"
                         r"(?=after\s(?!(?:day|week|month|year|decade)\b))|"
                         r"(?=(?:before|after|until|since|because|when)\s+(?:a|an|the|its|his|her|"
                         r"their|[A-Z][\w-]*|(?:\d[\d,]*|" + "|".join(NUMBER_WORDS) + "|"
                         r"dozens|hundreds|thousands)(?!\s+(?:minute|hour|day|night|week|month|year|decade)s?\b))\b))")


def clause_bounds(text: str, sentence: Sentence, pos: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds offset ``pos``, as ``(start, end)``."""
    start, end = sentence.start, sentence.end
    for m in CLAUSE_MARK.finditer(text, sentence.start, sentence.end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of ``text[start:end]`` as ``(start, end, lower-case word)``."""
    return [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text, start, end)]


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The word and the base forms it may inflect, for regular English inflection.

    Over-generates on purpose ("bus" → "bu"): the forms are looked up in a
    word list, where the wrong ones find nothing.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    forms = [w]
    if len(w) > 3 and w.endswith("s"):
        forms.append(w[:-1])
        if w.endswith("es"):
            forms.append(w[:-2])
        if w.endswith("ies"):
            forms.append(w[:-3] + "y")
    for suffix in ("ed", "ing"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            stem = w[:-len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "stabbed" → "stab", but "shelled" keeps "shell" above
            if suffix == "ed" and stem.endswith("i"):
                forms.append(stem[:-1] + "y")
    if len(w) > 3 and w.endswith("d") and w.endswith("ed"):
        forms.append(w[:-1])  # "died" → "die"
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The entries of ``geomap/data/<name>`` (lines not starting with ``#``), in lower case."""
    text = resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence holding offset ``pos`` (``None`` between sentences)."""
    i = bisect_right([s.start for s in sentences], pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return sentences[i]
    return None
