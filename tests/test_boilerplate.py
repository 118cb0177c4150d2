"""The lines of a copied news page that are not its story are blanked, offsets kept (geomap.boilerplate)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geomap.boilerplate import story_text

LINES = st.sampled_from([
    "Read more: Flash floods damage houses in Hunza", "RELATED: Istanbul nightclub fire kills 29",
    "Related stories", "Also read | Jakarta floods", "© DC Thomson & Co Ltd, Dundee", "Sign up for our newsletter.",
    "Gunmen killed five people in Kherson on Tuesday.", "", "Police said they would read more of the notes.",
    "By Jane Doe", "• Related: Kano police arrest five", "Copyright 2024 The Associated Press.",
])


@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=12))
def test_offsets_and_line_breaks_are_kept_and_nothing_but_spaces_is_written(lines):
    text = "\n".join(lines)
    out = story_text(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        assert b == a or (b == " " and a != "\n")


def test_links_to_other_stories_and_the_footer_are_blanked():
    text = ("GILGIT: A bus fell into a ravine near Chilas on Wednesday, officials said.\n\n"
            "Read more: Flash floods damage houses in Hunza, Ghizer\n"
            "Related stories\nPerth bushfire: homes lost\nFlood defences under review in Perth\n\n"
            "Most of the passengers were from Skardu.\n"
            "© 2024 Dawn, Karachi\nSign up to our newsletter for the latest news from Lahore.\n"
            "(Reporting by Asif Shahzad in Islamabad; Editing by Jane Doe)")
    out = story_text(text)
    for gone in ("Hunza", "Perth", "Related", "Karachi", "Lahore", "Islamabad"):
        assert gone not in out
    for kept in ("GILGIT: A bus fell into a ravine near Chilas", "Most of the passengers were from Skardu."):
        assert kept in out


def test_a_story_sentence_with_the_words_is_kept():
    for text in ("Police said they would read more of the notes in Dundee.",
                 "Related charges were filed in Kano on Monday.",
                 "The related-party deal was signed in Lagos.",
                 "Gunmen killed five in Kherson. Read more of the report below.",
                 "Police said reporting by witnesses in Kano helped."):
        assert story_text(text) == text
