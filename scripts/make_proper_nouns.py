"""Write geomap/data/words/proper_nouns.txt: the words of common_words.txt that a modern dictionary
lists only with a capital.

``common_words.txt`` keeps a word when Webster's Second (1934) lists it in lower case, and that old
dictionary lists many proper names in lower case for a rare sense: "berlin" (a carriage), "bangkok"
(a straw), "canada", "zimbabwe", "lyon".  In text with capitals that does little harm (a capitalised
"Berlin" is a large place, which the common-word rule leaves alone), but in a line written all in
lower case the recogniser asks "is this lower-case word an ordinary word here?", and for these the
answer is no: a modern dictionary lists them only capitalised.  It still lists "china", "turkey",
"japan", "cork", "nice", "split" and "reading" in lower case.

The dictionaries are SCOWL's ``american-english`` and ``british-english`` word lists (Debian's
``wamerican`` and ``wbritish``; Kevin Atkinson's SCOWL, a permissive license); a word in neither, in
any case, is left common, and so is a word of three letters or fewer.  Run when common_words.txt changes:

    apt-get install wamerican wbritish && python scripts/make_proper_nouns.py
"""

from pathlib import Path

WORDS = Path(__file__).resolve().parent.parent / "geomap" / "data" / "words"
DICTIONARIES = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]


def main() -> None:
    lower, listed = set(), set()
    for path in DICTIONARIES:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            word = line.strip()
            if word.islower():
                lower.add(word)
            listed.add(word.lower())
    common = [w for w in (WORDS / "common_words.txt").read_text(encoding="utf-8").splitlines()
              if w and not w.startswith("#")]
    # (words of three letters or fewer stay common: "al", "ben", "kim" in capitals or lower case are as
    # often particles and abbreviations as names)
    proper = sorted(w for w in common if len(w) >= 4 and w in listed and w not in lower)
    (WORDS / "proper_nouns.txt").write_text(
        "# Words of common_words.txt that modern dictionaries (SCOWL's american-english and british-english) "
        "list only with a capital (four letters or more): in a line without case they are names, not common words. "
        "Made by scripts/make_proper_nouns.py.\n" + "\n".join(proper) + "\n", encoding="utf-8")
    print(f"wrote {len(proper)} words to {WORDS / 'proper_nouns.txt'}")


if __name__ == "__main__":
    main()
