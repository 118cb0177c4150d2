"""Write geomap/data/common_words.txt: the most frequent English words, lower case.

The recogniser uses it for one decision: a capitalised single word that is
also a common English word ("Hope", "Superior", "Bell", "Post") and names only
a small place is not taken for that place unless the text says "place" around
it ("in Hope", "Hope, Ark.").  Run when updating the list:

    pip install wordfreq && python scripts/make_common_words.py

Data: wordfreq by Robyn Speer, CC BY-SA 4.0; the list keeps that license.
"""

from pathlib import Path

from wordfreq import top_n_list

N = 30_000
out = Path(__file__).resolve().parent.parent / "geomap" / "data" / "common_words.txt"
words = sorted({w for w in top_n_list("en", N) if w.isalpha() and w.isascii()})
out.write_text(
    "# The 30,000 most frequent English words, alphabetic ASCII only, from wordfreq 3.1 "
    "(Robyn Speer; data CC BY-SA 4.0). Made by scripts/make_common_words.py.\n"
    + "\n".join(words) + "\n",
    encoding="utf-8",
)
print(f"wrote {len(words)} words to {out}")
