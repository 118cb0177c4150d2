"""Web pages as articles: the main text, title, date and canonical URL of a saved HTML page.

A news page holds much besides its story: menus ("World · UK · London"),
"related stories", footers, cookie notices.  Read whole, their place names
compete with the story's.  :func:`read_page` keeps the story alone:

* **main text** by ``trafilatura`` (main-content extraction, offline: it
  reads the HTML given and fetches nothing), without comments or tables;
* **metadata** from the page's own tags, read here with the standard
  library: the title from ``og:title``, JSON-LD ``headline``, then
  ``<title>``; the date from ``article:published_time``, JSON-LD
  ``datePublished``, ``<meta name="date">`` or ``<time datetime>``; the URL from
  ``<link rel="canonical">``, ``og:url`` or JSON-LD ``url``; trafilatura's
  own findings fill what these leave blank.

When trafilatura is not installed, fails on the page, or finds no main text,
the simple reader (every text node outside ``<script>``/``<style>``, menus
included) is used instead, and :attr:`Page.note` says so.

The article's text is its title, a blank line, then the main text, as a
``.txt`` article has its title on its first line (the simple reader's text
is the page's text as it stands, its headline included).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

__all__ = ["Page", "read_page", "page_metadata", "simple_text", "readable_title", "MIN_MAIN_TEXT"]

#: Main text shorter than this (characters) is taken as a failed extraction.
MIN_MAIN_TEXT = 40


@dataclass(frozen=True)
class Page:
    """What a page says: title, main text, ISO date (or as written), canonical URL, how it was read."""

    title: str
    text: str
    date: str
    url: str
    extractor: str   # "trafilatura" or "simple"
    note: str = ""   # why the simple reader was used, when it was


def read_page(html: str, *, where: str = "") -> Page:
    """The article of a saved HTML page (see the module docstring); ``where`` names it in notes."""
    meta = page_metadata(html)
    body, found, note = "", {}, ""
    try:
        body, found = _main_text(html)
    except ImportError:
        note = "trafilatura is not installed (pip install trafilatura)"
    except Exception as exc:  # noqa: BLE001 — any failure of the extractor falls back, and says so
        note = f"main-content extraction failed ({type(exc).__name__}: {exc})"
    if len(body.strip()) < MIN_MAIN_TEXT and not note:
        note = "main-content extraction found no article text"
    title = meta["title"] or found.get("title", "")
    date = meta["date"] or found.get("date", "")
    url = meta["url"] or found.get("url", "")
    extractor = "trafilatura"
    if note:
        simple_title, body = simple_text(html)
        title = title or simple_title
        extractor = "simple"
        note = f"{where + ': ' if where else ''}{note}; read with the simple reader (menus and footers included)"
    body = body.strip()
    text = body
    if extractor == "trafilatura" and title and not body.startswith(title):
        text = f"{title}\n\n{body}"  # the simple reader's text holds the page's headline already
    return Page(title.strip(), text, _iso_day(date), url.strip(), extractor, note)


#: A percent escape of a character a URL must escape: ASCII punctuation or space ("%27", "%22", "%20"), or the
#: first byte of a UTF-8 sequence ("%C3%A9").
_URL_ESCAPE = re.compile(r"%(?:2[0-9A-Fa-f]|3[A-Fa-f]|40|5[B-Fb-f]|60|7[B-Eb-e]|[C-Fc-f][0-9A-Fa-f]%[89ABab][0-9A-Fa-f])")


def readable_title(title: str) -> str:
    """A headline as written, when it arrives in a URL's form: "186,000 cases of chikungunya in R%C3%A9union"
    (a title taken from a page's address) is "… in Réunion", and "%27Explosive%27 Haitian cholera outbreak"
    is "'Explosive' …".  Only a title with such an escape is decoded, and only when every escape decodes to
    text (UTF-8); any other title, "a 5% rise" among them, is returned as it is."""
    if "%" not in title or _URL_ESCAPE.search(title) is None:
        return title
    try:
        return unquote(title, errors="strict")
    except UnicodeDecodeError:
        return title


_NOSCRIPT = re.compile(r"<(noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _main_text(html: str) -> tuple[str, dict]:
    import trafilatura

    # trafilatura reads <noscript> ("Enable JavaScript …") as text; what a browser with scripts shows is the page
    doc = trafilatura.bare_extraction(_NOSCRIPT.sub("", html), include_comments=False, include_tables=False, with_metadata=True,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        return "", {}
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    return text, {k: str(get(k) or "") for k in ("title", "date", "url")}


_ISO_START = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _iso_day(value: str) -> str:
    """``2017-02-09T14:20:00+03:00`` → ``2017-02-09``; anything else kept as written (the reader dates it)."""
    m = _ISO_START.match(value.strip())
    return m.group(1) if m else value.strip()


class _Meta(HTMLParser):
    """The metadata tags of a page (``<meta>``, ``<link rel=canonical>``, JSON-LD, ``<title>``, ``<time>``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.title = ""
        self.time = ""
        self.json_ld: list[str] = []
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and not self.canonical:
            self.canonical = a.get("href", "").strip()
        elif tag == "time" and a.get("datetime") and not self.time:
            self.time = a["datetime"].strip()
        elif tag == "title" and not self.title:
            self._in, self._buf = "title", []
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in, self._buf = "json", []

    def handle_endtag(self, tag):
        if self._in == "title" and tag == "title":
            self.title = "".join(self._buf).strip()
            self._in = None
        elif self._in == "json" and tag == "script":
            self.json_ld.append("".join(self._buf))
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "backgroundnewsarticle", "webpage", "liveblogposting"}


def _ld_articles(blocks: list[str]) -> list[dict]:
    """The article-like objects of a page's JSON-LD blocks (``@graph`` and lists included)."""
    out: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            kind = node.get("@type", "")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                out.append(node)
            if "@graph" in node:
                walk(node["@graph"])

    for block in blocks:
        try:
            walk(json.loads(block))
        except ValueError:
            continue  # a malformed block says nothing
    out.sort(key=lambda n: str(n.get("@type", "")).lower() == "webpage")  # articles before pages
    return out


def page_metadata(html: str) -> dict[str, str]:
    """``{"title", "date", "url"}`` from a page's own tags ("" where it has none)."""
    p = _Meta()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 — html.parser is lenient; a page it cannot finish keeps what was read
        pass
    ld = _ld_articles(p.json_ld)

    def from_ld(*keys: str) -> str:
        for node in ld:
            for key in keys:
                value = node.get(key)
                if isinstance(value, dict):
                    value = value.get("@id") or value.get("url") or ""
                if isinstance(value, str) and value.strip():
                    return value.strip()
        return ""

    m = p.meta
    title = m.get("og:title") or from_ld("headline", "name") or m.get("twitter:title") or p.title
    date = (m.get("article:published_time") or from_ld("datePublished") or m.get("date")
            or m.get("pubdate") or m.get("datepublished") or m.get("dc.date") or m.get("og:published_time")
            or p.time)
    url = p.canonical or m.get("og:url") or from_ld("url", "mainEntityOfPage")
    return {"title": title.strip(), "date": date.strip(), "url": url.strip()}


class _TextOnly(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def simple_text(html: str) -> tuple[str, str]:
    """(title, every text of the page outside scripts and styles): the fallback reader."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    body = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    body = re.sub(r"\n\s*\n+", "\n\n", body).strip()
    return parser.title.strip(), body
