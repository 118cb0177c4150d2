"""The lines of a news page's text that are not its story, blanked with their offsets kept.

Text copied from a news site carries lines of the page around the story:
links to other stories ("Read more: Flash floods damage houses in Hunza",
"Related: Istanbul nightclub fire kills 29", a "Related stories" heading
and the headlines under it) and the footer ("© DC Thomson & Co Ltd, Dundee",
"Sign up to our newsletter for the latest news from Dundee, Perth and
beyond", a wire story's credits: "(Reporting by Aaron Ross in Kinshasa;
Editing by …)").  Their places are other stories' or the publisher's, and
read as the story's they compete with it: a "Read more" line naming "Naga, Cebu"
turned the dateline "NAGA CITY, Camarines Sur" into the Cebu town.

:func:`story_text` blanks such lines (spaces, newlines kept), so that the
geoparser and the incident chooser read the story alone while every offset
still points into the text as given (popups and tables quote the original).
A saved HTML page goes through main-content extraction instead
(:mod:`geomap.webpage`); this is for text that arrives as text.

Only whole lines that open with a link word and a separator, or a heading
of such words alone (then the lines under it, up to a blank line), or a
footer's opening (©, "Copyright", "All rights reserved", "Sign up",
"Subscribe", "Follow us", "Reporting by", "Writing by", "Editing by"): a
sentence of the story that merely contains these words is never touched.
"""

from __future__ import annotations

import re

__all__ = ["story_text"]

# "Read more: …", "RELATED: …", "Also read | …", "Related topics: …" (the words, then a separator)
_LINK_WORDS = (r"read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|recommended|"
               r"you\s+may\s+also\s+like|most\s+read|related(?:\s+(?:stories|story|articles|article|coverage|news|"
               r"topics|content|links|reading))?")
_LINK_LINE = re.compile(rf"^[ \t]*[•*>»›▶►-]?[ \t]*(?i:{_LINK_WORDS})[ \t]*(?:[:|»›>–—]|[ \t]-[ \t])[^\n]*",
                        re.MULTILINE)
# a heading alone on its line ("RELATED STORIES", "Read more:"): the lines under it are links too
_LINK_HEADING = re.compile(rf"^[ \t]*(?i:{_LINK_WORDS})[ \t]*:?[ \t]*$", re.MULTILINE)
_FOOTER_LINE = re.compile(r"^[ \t]*(?:©|\((?i:c)\)[ \t]|(?i:copyright\b|all\s+rights\s+reserved|sign\s+up\b|"
                          r"subscribe\b|follow\s+us\b|\(?(?:additional\s+)?reporting\s+by\b|\(?writing\s+by\b|"
                          r"\(?editing\s+by\b|\(?compiled\s+by\b))[^\n]*", re.MULTILINE)
# a cheap test before the searches: most texts (event notes, short stories) have none of these
_ANY = re.compile(r"(?i:\b(?:read|related|see\s+also|more\s+on|recommended|you\s+may|copyright|rights\s+reserved|"
                  r"sign\s+up|subscribe|follow\s+us|reporting\s+by|writing\s+by|editing\s+by|compiled\s+by)\b)|"
                  r"©|\((?i:c)\)")


def story_text(text: str) -> str:
    """``text`` with the lines that are not its story (links to other stories, the footer) blanked: same
    length, same offsets, those lines' characters turned to spaces."""
    if not _ANY.search(text):
        return text
    spans = [m.span() for m in _LINK_LINE.finditer(text)]
    spans += [m.span() for m in _FOOTER_LINE.finditer(text)]
    for m in _LINK_HEADING.finditer(text):
        end = text.find("\n\n", m.end())
        spans.append((m.start(), len(text) if end < 0 else end))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
