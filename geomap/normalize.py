"""Place-name normalisation, shared by the gazetteer index and the text matcher.

Two spellings of one name must give the same *key*; that key is what the
gazetteer indexes and what look-ups search for.  ``normalize_name`` folds:

* case (``MOSCOW`` → ``moscow``) and diacritics (``Ar Rā‘ī`` → ``ar rai``);
* apostrophes, ʿayn and hamza marks (‘ ’ ` ' ʿ ʾ ʻ ʼ ´), which are dropped;
* hyphens, dashes, slashes and other punctuation, which become spaces;
  full stops are dropped so that ``U.S.`` → ``us`` and ``N.Y.`` → ``ny``;
* letters that Unicode does not decompose (``ł``, ``ø``, ``đ``, ``ı``, ``æ``…);
* Arabic-script variants (alef forms, tā' marbūṭa, alef maqṣūra, tatweel);
* abbreviations at the start of a word: ``St.``/``Saint``, ``Ste.``/``Sainte``,
  ``Ft.``/``Fort``, ``Mt.``/``Mount``;
* the Arabic article in all its romanised forms: ``al``, ``el``, ``ul`` and the
  sun-letter assimilations ``ar-R…``, ``as-S…``, ``ash-Sh…``, ``ad-D…``,
  ``at-T…``, ``az-Z…``, ``an-N…``, ``ez-Z…`` and so on all become ``al``.
  So ``al-Rai``, ``Ar Rā‘ī`` and ``ar-Ra'i`` share the key ``al rai``, and
  ``al-Bab``, ``Al Bab`` and ``El Bab`` share ``al bab``.  Both the index and
  the query go through the same function, so ``El Paso`` (→ ``al paso``) still
  finds El Paso.

The function is pure, deterministic and idempotent
(``normalize_name(normalize_name(s)) == normalize_name(s)``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_name", "strip_diacritics", "ARTICLE_KEY", "ARABIC_GENERICS", "transliteration_skeleton",
           "romanisation_key", "ROMANISATION_PREFIX"]

#: What every romanised form of the Arabic article becomes in a key.
ARTICLE_KEY = "al"

# Characters dropped outright: apostrophes, ʿayn/hamza marks, full stops, tatweel.
_DROP = "'‘’‛`´¨¯¸˘˙˚˛˜˝ʹʻʼʽʾʿˈˊˋ′″＇.·ـ\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Characters that separate words.
_SPACE = "-‐‑‒–—―−_/\\,;:!?\"“”„«»()[]{}<>|*+=&#%~^@$\t\n\r\x0b\x0c\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# Letters that NFKD does not decompose into base + mark.
_LETTERS = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ħ": "h", "Ħ": "h", "ı": "i", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ß": "ss",
    "ǝ": "e", "ə": "e", "Ə": "e", "ɨ": "i",
    # Arabic script: fold the spelling variants writers use interchangeably.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
}


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROP}
    table.update({ord(c): " " for c in _SPACE})
    table.update({ord(k): v for k, v in _LETTERS.items()})
    # Every combining mark (category M*) is dropped: after NFKD this removes
    # Latin diacritics, Arabic harakat, Hebrew points and the like.
    for block in (range(0x30000), range(0xE0000, 0xE1000)):
        for cp in block:
            if unicodedata.category(chr(cp)).startswith("M"):
                table[cp] = None
    return table


_TABLE = _build_table()


def _build_ascii_table() -> tuple[bytes, bytes]:
    """``_TABLE`` restricted to ASCII, as a ``bytes.translate`` table and the bytes to delete.

    ASCII text is already NFKD and folds by ``lower()``, so for it the whole of
    the folding below is this one table: the same result, several times faster.
    """
    table, delete = bytearray(range(256)), bytearray()
    for cp in range(128):
        value = _TABLE.get(cp, chr(cp))
        if value is None:
            delete.append(cp)
        else:
            assert len(value) == 1 and value.isascii(), "an ASCII character must fold to one ASCII character"
            table[cp] = ord(value)
    return bytes(table), bytes(delete)


_ASCII_TABLE, _ASCII_DELETE = _build_ascii_table()

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain"}
# Romanised sun letters, longest first so that "sh" wins over "s".
_SUN_LETTERS = ("sh", "th", "dh", "zh", "t", "d", "r", "z", "s", "n", "l")
_ARTICLE = re.compile(r"^[aeiu](?:" + "|".join(_SUN_LETTERS) + r")$")
_PLAIN_ARTICLES = frozenset({"al", "el", "ul", "il"})


def strip_diacritics(text: str) -> str:
    """Fold ``text`` like :func:`normalize_name` does, keeping case and punctuation out.

    Useful for display-independent comparisons; not a key.
    """
    return unicodedata.normalize("NFKD", text).translate(_TABLE)


def _is_article(token: str, following: str) -> bool:
    if token in _PLAIN_ARTICLES:
        return True
    if not _ARTICLE.match(token):
        return False
    # "ar" is an article only when assimilated: the next word starts with "r".
    return following.startswith(token[1:])


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Return the look-up key of a place name.

    >>> normalize_name("Ar Rā‘ī") == normalize_name("al-Rai")
    True
    >>> normalize_name("St. Petersburg")
    'saint petersburg'
    >>> normalize_name("MOSCOW")
    'moscow'
    """
    if name.isascii():  # most names: see _build_ascii_table
        text = name.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE).decode("ascii").lower()
    else:
        # Translate first as well: NFKD would turn spacing accents ("´") into a space and a mark.
        text = unicodedata.normalize("NFKD", name.translate(_TABLE)).translate(_TABLE).casefold()
        # casefold() can reintroduce marks (e.g. "İ" → "i̇"); drop them again.
        text = unicodedata.normalize("NFKD", text).translate(_TABLE)
    tokens = text.split()
    if len(tokens) <= 1:  # one word (most names): no article to fold
        return _ABBREVIATIONS.get(tokens[0], tokens[0]) if tokens else ""
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if token in _ABBREVIATIONS:
            tokens[i] = _ABBREVIATIONS[token]
        elif i < last and len(token) <= 3 and _is_article(token, tokens[i + 1]):
            tokens[i] = ARTICLE_KEY
    return " ".join(tokens)


_VOWELS = frozenset("aeiouyw")
#: First words of Arabic place names (hill, spring, monastery, village, cape, inn, bridge, well, house, valley,
#: mountain, father, mother, sons, castle, meadow, quarter): with the article, what marks a name as Arabic.
ARABIC_GENERICS = frozenset("""tal tall tell ain ayn deir dayr kafr kfar ras khan jisr bir beit bayt wadi jabal jebel
abu umm bani beni sidi qasr marj hayy""".split())


# Not cached: the gazetteer asks once per key (it keeps what the key finds), the build once per name.
def transliteration_skeleton(key: str) -> str:
    """The consonants of an Arabic-looking name key (:func:`normalize_name`), articles left out and double
    letters single; "" for any other key.

    Arabic names reach English in many romanisations: "Maarat al-Numan" and "Ma‘arrat an Nu‘mān",
    "Tal Rifaat" and "Tall Rif‘at", "Jisr al-Shughour" and "Jisr ash Shughūr".  They differ in vowels (and
    y, w), doubled letters, a final h and the article, which the skeleton drops: each pair shares one
    ("mrt nmn", "tl rft", "jsr shghr").  Only names of two words or more that hold the article or start
    with a word Arabic place names start with (Tal, Ain, Deir, Kafr, Ras, Khan, …) have one: English
    words share skeletons with villages too often ("Walmart"), and so do short names: "" when fewer than
    four consonants are left.
    """
    tokens = key.split()
    if len(tokens) < 2 or not (ARTICLE_KEY in tokens[1:] or tokens[0] in ARABIC_GENERICS):
        return ""
    words = []
    for token in tokens:
        if token == ARTICLE_KEY:
            continue
        if len(token) > 2 and token.endswith("h") and token[-2] in "aeiou":
            token = token[:-1]  # the feminine ending: "Raqqah", "Raqqa"
        out: list[str] = []
        for ch in token:
            if ch in _VOWELS or not ch.isalpha() or (out and out[-1] == ch):
                continue
            out.append(ch)
        if out:
            words.append("".join(out))
    skeleton = " ".join(words)
    return skeleton if sum(map(len, words)) >= 4 else ""


#: The gazetteer indexes a town's romanisation key under this prefix (no name key starts with it).
ROMANISATION_PREFIX = "≈"
_H_AFTER_CONSONANT = re.compile(r"([bcdfgjklmnpqrstvxz])h")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")


def romanisation_key(key: str) -> str:
    """What stays of a name key (:func:`normalize_name`) across romanisations of one name: its letters
    without spaces and hyphens, an "h" after a consonant dropped ("kh", "th", "dh"), every run of vowels
    one vowel, doubled letters single, and no final vowel.

    "Mai Mahiu" and "Maai Mahiu", "Khemkaran" and "Khem Karan", "Surankote" and "Surankot", "Kitaakita"
    and "Kita-Akita", "Jhalakathi" and "Jhalokati" share one; "Southridge" and "Southbridge" do not (a
    consonant more is another name, not another spelling).
    """
    letters = "".join(ch for ch in key if ch.isalpha())
    letters = _H_AFTER_CONSONANT.sub(r"\1", letters)
    letters = _VOWEL_RUN.sub("a", letters)
    letters = _DOUBLED.sub(r"\1", letters)
    return letters[:-1] if len(letters) > 1 and letters[-1] == "a" else letters
