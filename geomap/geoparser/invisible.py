"""Invisible format characters (Unicode category Cf) inside names: read past, offsets kept.

A zero-width space or a soft hyphen inside a name ("Ky\u200biv", "Khar\u00adkiv",
``&shy;`` in a saved page) is invisible to a reader but splits the name for the
geoparser, which then finds a wrong place or none.  The geoparser reads the text
without them (:class:`WithoutFormat`) and maps the offsets it finds back into the
original text, so ``text[start:end]`` is still the mention.  A text without such
characters is not touched at all.

Bidirectional controls (U+200E/F, U+202A-E, U+2066-9, U+061C) stay: they mark where a
run of one direction ends, between words ("MOSCOW\u200fSyria"), and the tokeniser
already reads them as separators.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

__all__ = ["WithoutFormat"]

# Where format characters are (BMP, SMP, tags); the planes between hold none.
_PLANES = (range(0x10000), range(0x10000, 0x20000), range(0xE0000, min(0xE1000, sys.maxunicode + 1)))
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@cache
def _format_chars() -> re.Pattern:
    """A pattern of every format character (category Cf) but the bidirectional controls, made on first use
    (about 20 ms), as ranges of code points: a class of 150 single characters is ten times slower."""
    ranges: list[list[int]] = []
    for plane in _PLANES:
        for c in plane:
            if unicodedata.category(chr(c)) == "Cf" and chr(c) not in _BIDI_CONTROLS:
                if ranges and ranges[-1][1] == c - 1:
                    ranges[-1][1] = c
                else:
                    ranges.append([c, c])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in ranges) + "]")


def _has_format_chars(text: str) -> bool:
    """Does ``text`` hold a format character?  Asked of every text, so by the distinct characters of
    the non-ASCII ones (a few hundred at most), not character by character."""
    if text.isascii():
        return False
    return any(unicodedata.category(c) == "Cf" and c not in _BIDI_CONTROLS for c in set(text) if c > "\x7f")


class WithoutFormat:
    """A text without its format characters, and the way back to the original's offsets."""

    def __init__(self, text: str, kept: list[int]):
        self.original = text
        self.text = "".join(text[i] for i in kept)
        self._kept = kept  # original index of each character of self.text

    @classmethod
    def of(cls, text: str) -> "WithoutFormat | None":
        """None when the text holds no format character (then nothing changes)."""
        if not _has_format_chars(text):
            return None
        pattern = _format_chars()
        return cls(text, [i for i, ch in enumerate(text) if not pattern.match(ch)])

    def span_back(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the cleaned text → offsets in the original (the characters inside kept)."""
        return self._kept[start], self._kept[end - 1] + 1

    def offset_in(self, original: int) -> int:
        """An offset of the original text → the offset of the same place in the cleaned text."""
        from bisect import bisect_left

        return bisect_left(self._kept, original)
