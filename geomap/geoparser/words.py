"""The word lists the geoparser reads: data files, not code.

Each list is one file in ``geomap/data/words/``: one entry per line, sorted,
no duplicates, ``#`` comments at the top saying what the list is for
(``tests/test_wordlists.py`` keeps them so).  Entries are case-sensitive
where the list says so (the stop list holds "May", not "may").

>>> "May" in words("stop")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["words", "WORD_LISTS"]

#: Every list the geoparser reads, by name (the file is ``NAME.txt``).
WORD_LISTS = (
    "common_words", "compass_words", "connectors", "descriptors", "disease_words", "function_words",
    "given_names", "institution_heads", "keep_after", "locatives",
    "not_places",
    "person_names", "place_kinds", "place_nouns", "proper_nouns", "reporting_verbs", "site_goods", "site_nouns", "stop",
    "titles", "way_words",
)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of one word list (see ``WORD_LISTS``)."""
    if name not in WORD_LISTS:
        raise KeyError(f"no word list {name!r}; the lists are: {', '.join(WORD_LISTS)}")
    text = resources.files("geomap").joinpath("data", "words", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(_ENTRY.findall(text))


#: A line that is an entry: not empty, not a comment (found by the regex engine: a list has 16,000 lines).
_ENTRY = re.compile(r"^[^#\n].*", re.MULTILINE)
