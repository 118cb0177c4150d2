"""Formula-safe CSV output and XSS-safe maps."""

from __future__ import annotations

import csv
import html
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.export import safe_cell, write_csv_atomic
from geomap.render import MapPoint, _escape, points_map, save_map_atomic
from conftest import marker_rows

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


# -- safe_cell ---------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMULA_STARTS), st.text())
def test_formula_text_is_neutralised(start, rest):
    value = start + rest
    out = safe_cell(value)
    assert out == "'" + value
    assert out.startswith("'")


@settings(max_examples=300, deadline=None)
@given(st.text().filter(lambda s: not s.startswith(tuple(FORMULA_STARTS))))
def test_other_text_is_unchanged(value):
    assert safe_cell(value) == value


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.binary(),
                 st.decimals(allow_nan=False), st.dates()))
def test_non_text_is_unchanged(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Al Bāb", "Al Bāb"),
        ("", ""),
        ("a=b", "a=b"),
        (-12.5, -12.5),
        (0, 0),
        (None, None),
    ],
)
def test_safe_cell_examples(value, expected):
    assert safe_cell(value) == expected


# -- write_csv_atomic ----------------------------------------------------------------------

def test_write_csv_round_trip(tmp_path):
    header = ["query", "name", "lat", "lon", "note"]
    rows = [
        ["al-Bab, Syria", "Al Bāb", 36.37051, 37.5157, 'has "quotes", commas\nand a newline'],
        ["=cmd|' /C calc'!A0", "Ar Rā‘ī", -12.5, 0, "@risk"],
        ["+fake", "", None, 1e-7, "-neg"],
    ]
    out = tmp_path / "sub" / "dir" / "out.csv"
    assert write_csv_atomic(out, header, rows) == out
    with open(out, encoding="utf-8", newline="") as f:
        back = list(csv.reader(f))
    assert back[0] == header
    assert back[1] == ["al-Bab, Syria", "Al Bāb", "36.37051", "37.5157", 'has "quotes", commas\nand a newline']
    assert back[2] == ["'=cmd|' /C calc'!A0", "Ar Rā‘ī", "-12.5", "0", "'@risk"]
    assert back[3] == ["'+fake", "", "", "1e-07", "'-neg"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.csv"]  # no temp file left


def test_write_csv_header_is_neutralised(tmp_path):
    out = write_csv_atomic(tmp_path / "h.csv", ["=evil"], [])
    assert out.read_text(encoding="utf-8").splitlines() == ["'=evil"]


def test_write_csv_failure_keeps_old_file(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")

    def rows():
        yield ["fine"]
        raise RuntimeError("boom half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        write_csv_atomic(out, ["h"], rows())
    assert out.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.csv"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
                         .filter(lambda s: "\r" not in s), min_size=2, max_size=2), max_size=6))
def test_write_csv_round_trip_property(tmp_path_factory, rows):
    out = tmp_path_factory.mktemp("csv") / "p.csv"
    write_csv_atomic(out, ["a", "b"], rows)
    with open(out, encoding="utf-8", newline="") as f:
        back = list(csv.reader(f))
    assert back[0] == ["a", "b"]
    assert back[1:] == [[safe_cell(v) for v in row] for row in rows]


# -- maps ---------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "`${alert(1)}`",
    "</script><script>alert(2)</script>",
    "\"double\" and 'single' quotes",
    "back\\slash and trailing backslash\\",
    "`; alert(3); `",
    "</div><svg onload=alert(4)>",
]

# Raw payload fragments that must not survive into the page.
FORBIDDEN = [
    "<script>alert(",
    "<img src=x",
    "${alert",
    "`${alert(1)}`",
    "`; alert(3)",
    "<svg onload",
    "</script><script>",
    "back\\slash",
    'trailing backslash\\',
    '"double"',
    "'single'",
]


@pytest.fixture
def hostile_map_html(tmp_path):
    points = [
        MapPoint(36.37 + i * 0.01, 37.52 + i * 0.01, title, tuple(HOSTILE))
        for i, title in enumerate(HOSTILE)
    ]
    fmap = points_map(points, title="<script>alert('title')</script>`${document.cookie}`")
    path = tmp_path / "maps" / "hostile.html"
    assert save_map_atomic(fmap, path) == path
    assert sorted(p.name for p in path.parent.iterdir()) == ["hostile.html"]
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("payload", FORBIDDEN)
def test_map_has_no_raw_payload(hostile_map_html, payload):
    assert payload not in hostile_map_html


@pytest.mark.parametrize(
    "escaped",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&#96;&#36;{alert(1)}&#96;",
        "back&#92;slash",
        "&quot;double&quot;",
        "&#x27;single&#x27;",
        "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;&#96;&#36;{document.cookie}&#96;</title>",
    ],
)
def test_map_has_escaped_text(hostile_map_html, escaped):
    assert escaped in hostile_map_html


def test_map_has_one_marker_per_point(hostile_map_html):
    rows = marker_rows(hostile_map_html)
    assert len(rows) == len(HOSTILE)
    assert all(len(r) == 4 and r[3] for r in rows)  # lat, lon, popup, tooltip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_leaves_no_active_characters(text):
    out = _escape(text)
    for ch in "<>\"'`$\\":
        assert ch not in out
    assert html.unescape(out) == text  # nothing lost: the browser shows the original text


def test_empty_map_saves(tmp_path):
    path = save_map_atomic(points_map([]), tmp_path / "empty.html")
    page = path.read_text(encoding="utf-8")
    assert "<title>geomap</title>" in page
    assert marker_rows(page) == []


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

