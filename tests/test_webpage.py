"""Web pages as articles (geomap.webpage): main text without menus and footers, metadata, the fallback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st

from geomap.webpage import page_metadata, read_page, readable_title

DATA_DIR = Path(__file__).resolve().parent / "data"
PAGE = DATA_DIR / "news_page.html"


def test_main_text_leaves_out_menus_related_stories_and_footer():
    page = read_page(PAGE.read_text(encoding="utf-8"))
    assert page.extractor == "trafilatura" and page.note == ""
    assert "evacuated from their homes in Kupiansk" in page.text
    assert "prepare to leave" in page.text
    for boilerplate in ("London", "Paris", "Washington", "Istanbul", "Marseille", "Berlin", "cookies", "Fleet Street",
                        "tracker"):
        assert boilerplate not in page.text, boilerplate


def test_metadata_from_the_pages_tags():
    page = read_page(PAGE.read_text(encoding="utf-8"))
    assert page.title == "Floods force hundreds from their homes in Kupiansk"     # og:title before <title>
    assert page.date == "2024-03-05"                                              # article:published_time first
    assert page.url == "https://news.example.org/world/2024/03/05/floods-kupiansk"  # canonical before og:url
    assert page.text.startswith(page.title)


@pytest.mark.parametrize("head, expected", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", "datePublished": '
     '"2017-02-09T10:00:00Z", "url": "https://x.org/a"}</script>', {"title": "H", "date": "2017-02-09T10:00:00Z",
                                                                   "url": "https://x.org/a"}),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "Page"}, {"@type": '
     '["NewsArticle"], "headline": "Story", "mainEntityOfPage": {"@id": "https://x.org/s"}}]}</script>',
     {"title": "Story", "date": "", "url": "https://x.org/s"}),
    ('<script type="application/ld+json">{not json</script><title>T</title><time datetime="2020-01-02">x</time>',
     {"title": "T", "date": "2020-01-02", "url": ""}),
    ('<meta property="og:url" content="https://x.org/og"><meta name="date" content="2021-05-06">',
     {"title": "", "date": "2021-05-06", "url": "https://x.org/og"}),
])
def test_page_metadata(head, expected):
    assert page_metadata(f"<html><head>{head}</head><body><p>x</p></body></html>") == expected


def test_falls_back_to_the_simple_reader_and_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    page = read_page(PAGE.read_text(encoding="utf-8"), where="news_page.html")
    assert page.extractor == "simple"
    assert "trafilatura is not installed" in page.note and "simple reader" in page.note
    assert "news_page.html" in page.note
    assert "Kupiansk" in page.text and "London" in page.text  # the menus are read too
    assert page.date == "2024-03-05"                          # metadata does not need trafilatura


def test_a_page_with_no_article_text_falls_back():
    page = read_page("<html><head><title>T</title></head><body><p>Clashes near al-Bab.</p></body></html>")
    assert page.extractor == "simple" and "no article text" in page.note
    assert page.text == "Clashes near al-Bab."


def test_a_saved_page_is_an_article_placed_by_its_story(gazetteer, tmp_path):
    from geomap.events import read_inputs
    from geomap.geoparser import Geoparser
    from geomap.pipeline import locate

    read = read_inputs([PAGE])
    ev = read.events.iloc[0]
    assert (ev["date"], ev["url"]) == ("2024-03-05", "https://news.example.org/world/2024/03/05/floods-kupiansk")
    inc = locate(read.events, Geoparser(gazetteer)).incidents.iloc[0]
    assert inc["surface"] == "Kupiansk" and inc["country"] == "UA"   # not London, from the menu


@pytest.mark.parametrize("title, expected", [
    ("186,000 cases of chikungunya in R%C3%A9union", "186,000 cases of chikungunya in Réunion"),
    ("%27Explosive%27 Haitian cholera outbreak kills 292", "'Explosive' Haitian cholera outbreak kills 292"),
    ("%22No H5N1 virus%22 found", '"No H5N1 virus" found'),
    ("Prices up 5% in March", "Prices up 5% in March"),            # a per cent sign, not an escape
    ("Turnout 100%ABC", "Turnout 100%ABC"),                        # letters after it: not an escape of a URL's
    ("Broken %C3%28 sequence", "Broken %C3%28 sequence"),          # not UTF-8: left as it is
])
def test_readable_title(title, expected):
    assert readable_title(title) == expected


_TEXT = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), max_size=60)


@given(_TEXT)
@example("C\\Users")  # a backslash alone ("%5C") is an escape too
def test_a_headline_put_in_a_urls_form_is_read_back_as_written(headline):
    encoded = quote(headline, safe="")
    assert readable_title(encoded) == headline


@given(_TEXT.filter(lambda t: "%" not in t))
def test_a_headline_without_a_per_cent_sign_is_never_changed(headline):
    assert readable_title(headline) == headline
