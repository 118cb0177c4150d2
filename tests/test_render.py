"""The map page as a file: self-contained, data kept as text, nothing evaluated on the way.

What the page does in a browser is tested in test_browser.py.
"""

from __future__ import annotations

import html
import os
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.map_assets import SCRIPTS, STYLESHEETS, asset_text
from geomap.map_data import PACKED_TYPE
from geomap.render import _escape, incidents_map, save_map_atomic
from conftest import map_data

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "`${alert(1)}`",
    "</script><script>alert(2)</script>",
    "\"double\" and 'single' quotes",
    "back\\slash and trailing backslash\\",
    "{{ 7*7 }} {% if true %}jinja{% endif %} {{ cycler.__init__.__globals__.os.getcwd() }}",
    "<!-- <script>",
    "\u202eRTL override",
]


def hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": [f"h.csv:{i}" for i in range(len(HOSTILE))],
        "title": HOSTILE, "category": HOSTILE, "place": HOSTILE, "other_places": HOSTILE,
        "text": [f"Shelling in {h} was reported." for h in HOSTILE],
        "start": [len("Shelling in ")] * len(HOSTILE),
        "end": [len("Shelling in ") + len(h) for h in HOSTILE],
        "url": ["javascript:alert(1)"] * len(HOSTILE),
        "lat": [36.0 + i / 10 for i in range(len(HOSTILE))], "lon": [37.0] * len(HOSTILE),
    })


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("maps") / "hostile.html"
    save_map_atomic(incidents_map(hostile_frame(), title="<script>alert('t')</script>{{ 6*7 }}"), path)
    return path.read_text(encoding="utf-8")


def test_hostile_text_is_data_not_markup(hostile_page):
    data = map_data(hostile_page)
    assert data["title"] == HOSTILE  # nothing lost, nothing evaluated
    assert data["url"] == [""] * len(HOSTILE)  # no javascript: links
    blocks = re.findall(r'<script type="([^"]+)"[^>]*>(.*?)</script>', hostile_page, flags=re.S)
    assert len(blocks) == 5  # data, mentions, reference places, detail layers (packed); countries (JSON)
    for kind, block in blocks:
        assert re.fullmatch(r"[A-Za-z0-9+/=]*", block) if kind == PACKED_TYPE else not set(block) & set("<>&")


def test_jinja_in_data_is_not_evaluated(hostile_page):
    # branca compiles an Element's text as a Jinja template; data must not go through it.
    assert "jinja" not in hostile_page.replace("{% if true %}jinja{% endif %}", "")
    assert os.getcwd() not in hostile_page
    assert "<title>&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;{{ 6*7 }}</title>" in hostile_page


def test_page_needs_no_network(hostile_page):
    # No <script src> or <link href> at all: Leaflet and plugins are inline.
    assert not re.search(r"<script[^>]+src=", hostile_page)
    assert not re.search(r"<link[^>]+href=", hostile_page)
    for name in SCRIPTS + STYLESHEETS:
        assert f"/* {name} */" in hostile_page
    assert "tile.openstreetmap.org" in asset_text("incidents_map.js")  # only used with online=True


def test_online_map_asks_for_tiles(tmp_path):
    page = incidents_map(hostile_frame(), online=True).get_root().render()
    assert re.search(r'geomapOpen\(map_\w+, "\w+", true\)', page)


def test_vendored_licenses_ship_beside_the_assets():
    from importlib.resources import files

    names = {p.name for p in files("geomap").joinpath("assets").iterdir()}
    for package in ("leaflet", "leaflet.markercluster", "leaflet.heat", "topojson-client", "world-atlas"):
        assert f"LICENSE.{package}.txt" in names


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_leaves_no_active_characters(text):
    out = _escape(text)
    for ch in "<>\"'`$\\":
        assert ch not in out
    assert html.unescape(out) == text  # nothing lost: the browser shows the original text


def test_empty_map_saves(tmp_path):
    path = save_map_atomic(incidents_map(pd.DataFrame({"lat": [], "lon": []}), title="empty"), tmp_path / "e.html")
    page = path.read_text(encoding="utf-8")
    assert "<title>empty</title>" in page
    assert map_data(page)["n"] == 0


def test_save_map_failure_leaves_nothing(tmp_path):
    class Broken:
        def save(self, path):
            with open(path, "w") as f:
                f.write("partial")
            raise OSError("disk full")

    target = tmp_path / "m.html"
    with pytest.raises(OSError, match="disk full"):
        save_map_atomic(Broken(), target)
    assert os.listdir(tmp_path) == []


def test_located_tables_draw_their_own_map(gazetteer):
    from geomap.events import read_inputs
    from geomap.geoparser import Geoparser
    from geomap.pipeline import locate
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "samples" / "wikinews"
    located = locate(read_inputs(sorted(sample.glob("*.txt"))[:3]).events, Geoparser(gazetteer))
    page = located.map(title="three").get_root().render()
    data = map_data(page)
    assert data["n"] == len(located.incidents) > 0
    assert "<title>three</title>" in page
