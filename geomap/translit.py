"""Ukrainian Cyrillic to Latin, by Ukraine's official national system (KMU 2010).

It is the romanisation ACLED, the UN and most news use for Ukrainian places
("Вугледар" → "Vuhledar", "Авдіївка" → "Avdiivka", "Гуляйполе" →
"Huliaipole"), so that villages known to the gazetteer only in Cyrillic can be
found by their English-language names.  Є, Ї, Й, Ю, Я are written ye, yi, y,
yu, ya at the start of a word and ie, i, i, iu, ia inside it; the soft sign
and apostrophes are dropped; "зг" is "zgh".
"""

from __future__ import annotations

import re

__all__ = ["ukrainian_to_latin"]

_INSIDE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters that turn up in Ukrainian place names written the Russian way
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _word(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    lower = word.lower()
    shout = word.isupper() and len(word) > 1  # "КИЇВ" → "KYIV"
    out = []
    for i, (ch, original) in enumerate(zip(lower, word)):
        if ch == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"  # KMU: "зг" → "zgh" (Згурівка → Zghurivka)
        elif i == 0 and ch in _START:
            latin = _START[ch]
        else:
            latin = _INSIDE.get(ch, ch)
        if shout:
            latin = latin.upper()
        elif original.isupper():
            latin = latin[:1].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def ukrainian_to_latin(text: str) -> str:
    """Romanise Ukrainian text word by word; other characters pass unchanged."""
    return _WORD.sub(lambda m: _word(m.group(0)), text)
