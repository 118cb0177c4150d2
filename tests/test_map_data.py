"""The map's data payload: excerpts, safe links, script-safe JSON, categories."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from geomap.map_data import (ALL_INCIDENTS, MAX_CATEGORIES, OTHER_CATEGORIES, SEARCH_TEXT_CHARS, UNCATEGORISED, excerpt, page_text,
                             incidents_payload, mentions_payload, pack, safe_url, script_json, unpack)


# -- excerpt -------------------------------------------------------------------------------

def test_excerpt_is_the_sentence_with_the_mention():
    text = "MOSCOW (Sputnik) — Talks ended. An airstrike killed soldiers near al-Bab on Thursday. More later."
    start = text.index("al-Bab")
    piece, s, e = excerpt(text, start, start + 6)
    assert piece == "An airstrike killed soldiers near al-Bab on Thursday."
    assert piece[s:e] == "al-Bab"


def test_excerpt_of_a_long_sentence_is_cut_around_the_mention():
    text = "word " * 200 + "Kupiansk" + " word" * 200
    start = text.index("Kupiansk")
    piece, s, e = excerpt(text, start, start + 8, limit=60)
    assert piece[s:e] == "Kupiansk"
    assert len(piece) <= 60 and piece.startswith("…") and piece.endswith("…")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.data(), st.integers(min_value=10, max_value=300))
def test_excerpt_keeps_the_mention_and_the_limit(text, data, limit):
    assume(text.strip())
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    mention = " ".join(text[start:end].split())
    assume(mention and len(mention) <= limit)
    piece, s, e = excerpt(text, start, end, limit)
    assert piece[s:e] == mention
    assert len(piece) <= limit


def test_excerpt_rejects_offsets_outside_the_text():
    with pytest.raises(ValueError, match="outside"):
        excerpt("short", 3, 10)


# -- safe_url / script_json ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "kept"), [
    ("https://example.org/a?b=1#c", True), ("http://x.y/", True), ("HTTPS://X.Y/", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,<script>", False),
    ("//evil.example/x", False), ("https://x.y/\"onmouseover=alert(1)", False), ("", False), (None, False),
    (float("nan"), False), ("vbscript:msgbox", False), ("https://x.y/<script>", False),
])
def test_safe_url(value, kept):
    assert safe_url(value) == (str(value).strip() if kept else "")


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=20))
def test_script_json_round_trips_and_cannot_end_a_script(value):
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & set("<>&") and text.isascii()


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=20))
def test_pack_round_trips_in_a_script_safe_alphabet(value):
    packed = pack(value)
    assert unpack(packed) == value
    assert re.fullmatch(r"[A-Za-z0-9+/=]*", packed)


def test_script_json_refuses_nan():
    with pytest.raises(ValueError):
        script_json({"lat": float("nan")})


# -- incidents_payload ----------------------------------------------------------------------

def _incidents(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"lat": [36.37] * n, "lon": [37.52] * n}
    base.update(columns)
    return pd.DataFrame(base)


def test_payload_carries_every_field_as_plain_text():
    text = "MOSCOW — An airstrike killed Turkish soldiers near al-Bab. Other news."
    frame = _incidents(event_id=["a.txt:1"], source_id=["EV-1"], title=["<b>Strike</b> {{ 7*7 }}"],
                       date=["2017-02-09"], category=["Air/drone strike"], fatalities=[3.0],
                       url=["javascript:alert(1)"], place=["Al Bāb, Aleppo, Syria"], precision=[1],
                       located_by=["text"], other_places=["Syria; Turkey"], text=[text],
                       start=[text.index("al-Bab")], end=[text.index("al-Bab") + 6])
    data = incidents_payload(frame)
    assert data["n"] == 1
    assert data["title"] == ["<b>Strike</b> {{ 7*7 }}"]  # kept as text: the page puts it in as text
    assert data["url"] == [""]
    assert data["id"] == ["EV-1"]
    assert data["fatalities"] == [3]
    assert data["categories"] == [{"name": "Air/drone strike", "colour": data["categories"][0]["colour"], "count": 1}]
    assert data["strings"][data["place"][0]] == "Al Bāb, Aleppo, Syria"
    assert data["strings"][data["date"][0]] == "2017-02-09"
    assert data["dateRange"] == ["2017-02-09", "2017-02-09"]
    s, e = data["mark"]
    assert data["text"][0][s:e] == "al-Bab"
    assert data["text"][0].startswith("MOSCOW — An airstrike")


def test_payload_of_a_bare_table():
    data = incidents_payload(_incidents(other=["x", "y"]))
    assert data["n"] == 2 and data["title"] == ["", ""] and data["mark"] == [-1, -1, -1, -1]
    assert data["categories"] == [{"name": ALL_INCIDENTS, "colour": data["categories"][0]["colour"], "count": 2}]
    assert data["dateRange"] is None


def test_many_categories_share_one_other_layer():
    names = [f"type {i}" for i in range(MAX_CATEGORIES + 5) for _ in range(MAX_CATEGORIES + 5 - i)]
    data = incidents_payload(_incidents(category=names))
    cats = data["categories"]
    assert len(cats) == MAX_CATEGORIES and cats[-1]["name"] == OTHER_CATEGORIES
    assert sum(c["count"] for c in cats) == len(names)
    assert len({c["colour"] for c in cats}) == MAX_CATEGORIES
    assert max(data["category"]) == MAX_CATEGORIES - 1


def test_missing_categories_are_uncategorised_beside_real_ones():
    data = incidents_payload(_incidents(category=["Battles", None, ""]))
    assert [c["name"] for c in data["categories"]] == [UNCATEGORISED, "Battles"]


@pytest.mark.parametrize(("lat", "lon"), [(float("nan"), 1.0), (91.0, 1.0), (1.0, -181.0)])
def test_payload_refuses_rows_without_valid_coordinates(lat, lon):
    with pytest.raises(ValueError, match="no valid lat/lon"):
        incidents_payload(pd.DataFrame({"lat": [10.0, lat], "lon": [10.0, lon]}))


def test_mentions_payload_one_point_per_record_and_place():
    mentions = pd.DataFrame({"event_id": ["a", "a", "a", "b"], "geonameid": [1, 1, 2, 1],
                             "surface": ["al-Bab", "Al Bab", "Syria", "al-Bab"], "name": ["Al Bāb", "Al Bāb", "Syria", "Al Bāb"],
                             "lat": [36.37, 36.37, 35.0, 36.37], "lon": [37.52, 37.52, 38.0, 37.52]})
    data = mentions_payload(mentions, pd.DataFrame({"event_id": ["a"], "title": ["Strike"]}))
    assert data["n"] == 3
    assert [data["strings"][i] for i in data["record"]] == ["Strike", "Strike", "b"]


def test_payload_reads_coordinates_and_dates_as_notebooks_hold_them():
    frame = pd.DataFrame({"lat": ["36.37", "48.5"], "lon": ["37.52", "35.0"],
                          "date": pd.to_datetime(["2024-03-01", "2024-03-09"]), "fatalities": ["3", "n/a"]})
    data = incidents_payload(frame)
    assert data["lat"] == [36.37, 48.5] and data["lon"] == [37.52, 35.0]
    assert data["dateRange"] == ["2024-03-01", "2024-03-09"]
    assert data["fatalities"] == [3, None]
    with pytest.raises(ValueError, match="no valid lat/lon"):
        incidents_payload(pd.DataFrame({"lat": ["north"], "lon": ["1"]}))


def test_payload_gives_the_readable_day_of_each_date_for_the_timeline():
    dates = ["2024-03-01", "2024-03-01T10:30:00", " 2024-02-29 ", "2023-02-29", "2024-13-45", "March 2024", "", None,
             pd.Timestamp("2024-03-09 12:00"), "2024-03-01"]
    frame = pd.DataFrame({"lat": [48.0] * len(dates), "lon": [35.0] * len(dates), "date": dates})
    data = incidents_payload(frame)
    day = [data["days"].get(str(index)) for index in data["date"]]
    assert day == ["2024-03-01", "2024-03-01", "2024-02-29", None, None, None, None, None, "2024-03-09", "2024-03-01"]
    assert data["dateRange"] == ["2024-02-29", "2024-03-09"]
    assert set(data["days"].values()) <= set(day)  # one entry per distinct date string, no more
    assert len(data["days"]) == 4


def _popup_text(data: dict, i: int) -> tuple[str, str]:
    """What the page's popup shows of record ``i``'s text, and its marked part (as incidents_map.js does)."""
    text, lo, hi = data["text"][i], data["clip"][2 * i], data["clip"][2 * i + 1]
    shown = ("…" if lo < 0 else "") + text[(-lo - 1 if lo < 0 else lo):(-hi - 1 if hi < 0 else hi)] + ("…" if hi < 0 else "")
    s, e = data["mark"][2 * i], data["mark"][2 * i + 1]
    return shown, (text[s:e] if s >= 0 else "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=1200), st.data(), st.integers(min_value=10, max_value=300))
def test_short_texts_go_whole_and_the_popup_shows_the_same_excerpt(text, data, limit):
    # The page carries a short text whole (search covers it) and the popup's excerpt as a slice of it:
    # what the popup shows must be exactly excerpt()'s sentence, with the same mention marked.
    assume(text.strip())
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    assume(" ".join(text[start:end].split()) and len(" ".join(text[start:end].split())) <= limit)
    payload = incidents_payload(_incidents(text=[text], start=[start], end=[end]), excerpt_chars=limit)
    piece, s, e = excerpt(text, start, end, limit)
    assert _popup_text(payload, 0) == (piece, piece[s:e])
    if len(" ".join(text.split())) <= SEARCH_TEXT_CHARS:
        assert payload["text"] == [" ".join(text.split())] or payload["text"] == [piece]


def test_a_note_is_searchable_beyond_its_sentence_and_a_long_article_is_not_carried_whole():
    note = "On 3 March 2024, Russian forces shelled a village. Houses in Izium were damaged."
    article = "Filler sentence about the weather. " * 100 + "Shelling hit Izium."
    data = incidents_payload(_incidents(text=[note, article], start=[note.index("Izium"), article.index("Izium")],
                                        end=[note.index("Izium") + 5, article.index("Izium") + 5]))
    assert data["text"][0] == note  # whole: search finds "Russian forces"
    assert _popup_text(data, 0) == ("Houses in Izium were damaged.", "Izium")
    assert data["text"][1] == "Shelling hit Izium."  # only its sentence: 100,000 articles stay small
    assert _popup_text(data, 1) == ("Shelling hit Izium.", "Izium")
    bare = incidents_payload(_incidents(text=["x" * 300]))
    assert _popup_text(bare, 0) == ("x" * 239 + "…", "") and bare["text"] == ["x" * 300]


def test_actors_come_from_an_actors_column_or_acled_and_ucdp_columns():
    data = incidents_payload(_incidents(actor1=["Military Forces of Russia (2000-)", None],
                                        assoc_actor_1=["", "Wagner Group"], actor2=["Civilians (Ukraine)", "Civilians (Ukraine)"]))
    assert [data["strings"][i] for i in data["actors"]] == [
        "Military Forces of Russia (2000-); Civilians (Ukraine)", "Wagner Group; Civilians (Ukraine)"]
    assert incidents_payload(_incidents(other=["x"]))["actors"] == [-1]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=3000), st.data())
def test_the_page_text_kept_for_the_map_gives_the_same_payload(text, data):
    # geomap map keeps only page_text() of each incident while it reads (stream.for_map); the page made
    # from that must be the page made from the full text.
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    if data.draw(st.booleans()):
        text = "Filler sentence. " * 70 + text  # past SEARCH_TEXT_CHARS
        start, end = start + 17 * 70, end + 17 * 70
    kept, s, e = page_text(text, start, end)
    full = incidents_payload(_incidents(text=[text], start=[start], end=[end]))
    assert incidents_payload(_incidents(text=[kept], start=[s], end=[e])) == full
