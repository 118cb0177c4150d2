"""The geoparser's word lists are data files: sorted, free of duplicates, each documented."""

from __future__ import annotations

from importlib import resources

import pytest

from geomap.geoparser.words import WORD_LISTS, words

WORDS_DIR = resources.files("geomap").joinpath("data", "words")


def entries(name: str) -> list[str]:
    text = WORDS_DIR.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def test_every_file_is_a_known_list():
    files = sorted(p.name.removesuffix(".txt") for p in WORDS_DIR.iterdir() if p.name.endswith(".txt"))
    assert files == sorted(WORD_LISTS)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_sorted_unique_documented(name):
    found = entries(name)
    assert found, f"{name}.txt is empty"
    assert found == sorted(found), f"{name}.txt is not sorted"
    dupes = sorted({w for w in found if found.count(w) > 1})
    assert not dupes, f"{name}.txt repeats {dupes[:10]}"
    assert all(w == w.strip() for w in found), f"{name}.txt has entries with stray spaces"
    head = WORDS_DIR.joinpath(f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    assert head.startswith("# ") and len(head) > 20, f"{name}.txt does not say what it is for"


def test_words_reads_the_files():
    assert "May" in words("stop") and "may" not in words("stop")
    assert "said" in words("reporting_verbs")
    with pytest.raises(KeyError, match="no word list"):
        words("nonsense")
