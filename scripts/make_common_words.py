"""Write geomap/data/common_words.txt: frequent English words that are written in lower case.

The recogniser uses it for one decision: a capitalised single word that is
also a common English word ("Hope", "Superior", "Bell", "Post") and names only
a small place is not taken for that place unless the text says "place" around
it ("in Hope", "Hope, Ark.").  Run when updating the list:

    pip install wordfreq english-words && python scripts/make_common_words.py

A word is kept when it is among the 30,000 most frequent English words
(wordfreq, which folds case) *and* Webster's Second International lists it in
lower case (english-words' ``web2``, which keeps case): so "hope", "bell" and
"superior" are kept, while surnames and place names such as "ferguson",
"moore" or "dublin" are not.

Data: wordfreq by Robyn Speer, CC BY-SA 4.0 (the list keeps that license);
Webster's Second (1934), public domain.
"""

from pathlib import Path

from english_words import get_english_words_set
from wordfreq import top_n_list

N = 30_000
out = Path(__file__).resolve().parent.parent / "geomap" / "data" / "words" / "common_words.txt"
lower_case_entries = get_english_words_set(["web2"], lower=False, alpha=True)
words = sorted({w for w in top_n_list("en", N) if w.isalpha() and w.isascii() and w in lower_case_entries})
out.write_text(
    "# Frequent English words written in lower case: wordfreq 3.1's top 30,000 (Robyn Speer; "
    "CC BY-SA 4.0) that Webster's Second lists in lower case. Made by scripts/make_common_words.py.\n"
    + "\n".join(words) + "\n",
    encoding="utf-8",
)
print(f"wrote {len(words)} words to {out}")
