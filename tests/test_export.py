"""Formula-safe CSV output."""

from __future__ import annotations

import csv
import os
import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from geomap.export import safe_cell, write_csv_atomic

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


# -- safe_cell ---------------------------------------------------------------------------

def _plain_number(value: str) -> bool:
    return re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", value) is not None


def _visible(value: str) -> str:
    """The text from its first character that is not a control or format character."""
    return value.lstrip("".join(c for c in set(value) if unicodedata.category(c) in ("Cc", "Cf")))


def _visible_start(value: str) -> str:
    """What a spreadsheet sees first: past control and format characters, in NFKC form."""
    return unicodedata.normalize("NFKC", _visible(value)[:1])[:1]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMULA_STARTS), st.text())
def test_formula_text_is_neutralised(start, rest):
    value = start + rest
    assume(not _plain_number(value))
    out = safe_cell(value)
    assert out.startswith("'")
    assert _visible(out[1:]) == _visible(value)  # only leading control/format characters dropped


@settings(max_examples=300, deadline=None)
@given(st.text().filter(lambda s: not s.startswith(tuple(FORMULA_STARTS)) and _visible_start(s) not in FORMULA_STARTS))
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
        # spreadsheets drop a leading NUL and invisible characters, and read a full-width = as =
        ("\x00=1+1", "'=1+1"),
        ("\u200b=1+1", "'=1+1"),
        ("\ufeff=1+1", "'=1+1"),
        ("\u00ad@SUM(A1)", "'@SUM(A1)"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\x00\t=1", "'\t=1"),
        ("\x00hello", "\x00hello"),
        # text that is a plain number stays a number
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("-.5", "-.5"),
        ("-12.5 km", "'-12.5 km"),
        ("-\u0663", "'-\u0663"),
        (0, 0),
        (None, None),
    ],
)
def test_safe_cell_examples(value, expected):
    assert safe_cell(value) == expected


_SNEAKY = st.sampled_from(["\x00", "\x01", "\x1b", "\u200b", "\ufeff", "\u00ad", "\u2060", "\t", "\r", "\n", "\u200e"])
_STARTS = st.sampled_from(["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\u207a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_SNEAKY, max_size=4), st.one_of(_STARTS, st.just("")), st.text())
def test_nothing_a_spreadsheet_would_run_gets_through(lead, start, rest):
    """Whatever hides before the formula sign, the cell starts with an apostrophe, or is a plain number."""
    value = "".join(lead) + start + rest
    out = safe_cell(value)
    if _plain_number(value):
        assert out == value
    elif _visible_start(value) in FORMULA_STARTS or value.startswith(tuple(FORMULA_STARTS)):
        assert out.startswith("'")
        assert _visible(out[1:]) == _visible(value)  # only leading control/format characters dropped
    else:
        assert out == value


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
