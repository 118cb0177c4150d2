"""Reading articles and event records into the ``events`` table (geomap.events)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import InputFormatError
from geomap.events import read_inputs
from geomap.schema import EVENTS
from synthetic_data import acled_csv

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
REPO_ROOT = TESTS_DIR.parent
WIKINEWS = REPO_ROOT / "samples" / "wikinews"
ACLED = acled_csv()
UCDP = DATA_DIR / "ucdp_synthetic.csv"

GENERIC_HEADER = "id,date,title,text,url,location,lat,lon,category"


def one(events: pd.DataFrame) -> dict:
    assert len(events) == 1, events
    return events.iloc[0].to_dict()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# -- articles ----------------------------------------------------------------------------

def test_txt_first_line_is_the_title(tmp_path):
    f = write(tmp_path / "story.txt", "\n  Shelling in Kupiansk  \nOn 3 March 2024, Russian forces shelled Kupiansk.\n")
    read = read_inputs([f])
    ev = one(read.events)
    assert ev["title"] == "Shelling in Kupiansk"
    assert "Russian forces shelled Kupiansk" in ev["text"]
    assert ev["text"].startswith("\n  Shelling")  # the text is kept whole (mention offsets point into it)
    assert ev["event_id"] == "story.txt:1"
    assert ev["source_file"] == str(f) and ev["source_row"] == 1
    assert read.notes == []  # plain UTF-8 needs no note


def test_md_first_line_is_the_title(tmp_path):
    f = write(tmp_path / "note.md", "# Clashes near al-Bab\n\nClashes near al-Bab, Syria.\n")
    ev = one(read_inputs([f]).events)
    assert "Clashes near al-Bab" in ev["title"]
    assert "Clashes near al-Bab, Syria." in ev["text"]
    assert ev["event_id"] == "note.md:1"


def test_html_title_script_dropped_entities_unescaped(tmp_path):
    page = (
        "<!doctype html><html><head><title>Kupiansk &amp; Izium report</title>"
        "<script>var secret = 'Damascus'; alert(1);</script>"
        "<style>p { color: red }</style></head>"
        "<body><h1>Report</h1><p>Shelling &amp; clashes in Kupiansk&nbsp;today &#8211; &quot;heavy&quot;.</p>"
        "<noscript>Enable JS in Homs</noscript><p>Second paragraph.</p></body></html>"
    )
    f = write(tmp_path / "page.html", page)
    ev = one(read_inputs([f]).events)
    assert ev["title"] == "Kupiansk & Izium report"
    assert "Shelling & clashes in Kupiansk" in ev["text"]
    assert "\u2013" in ev["text"] and '"heavy"' in ev["text"]
    for dropped in ("Damascus", "alert", "color: red", "Homs", "<p>", "&amp;"):
        assert dropped not in ev["text"]
    assert "Second paragraph." in ev["text"]
    assert ev["event_id"] == "page.html:1"


def test_html_without_title_uses_the_file_name(tmp_path):
    f = write(tmp_path / "bare.htm", "<p>Clashes near al-Bab, Syria.</p>")
    ev = one(read_inputs([f]).events)
    assert ev["title"] == "bare"
    assert ev["text"] == "Clashes near al-Bab, Syria."


def test_html_title_is_unescaped_once(tmp_path):
    f = write(tmp_path / "t.html", "<title>AT&amp;amp;T and &amp;lt;b&amp;gt;</title><p>Text &amp;lt;b&amp;gt;</p>")
    ev = one(read_inputs([f]).events)
    assert ev["text"] == "Text &lt;b&gt;"  # the body is right
    assert ev["title"] == "AT&amp;T and &lt;b&gt;"


def test_jsonl_records(tmp_path):
    records = [
        {"id": "a1", "title": "Shelling", "text": "Russian forces shelled Kupiansk (Kharkiv).",
         "date": "2024-03-03", "url": "https://example.org/a1"},
        {"id": 2, "title": "Clashes", "text": "Clashes near al-Bab, Syria.", "date": "2024-03-04", "url": None},
    ]
    f = write(tmp_path / "news.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    read = read_inputs([f])
    ev = read.events
    # geomap's columns, then the file's own: "id" as it is, "date" and "url" beside geomap's of those names
    assert list(ev.columns) == list(EVENTS) + ["id", "input_date", "input_url"]
    assert list(ev["id"]) == ["a1", "2"] and list(ev["input_url"]) == ["https://example.org/a1", ""]
    assert list(ev["event_id"]) == ["news.jsonl:1", "news.jsonl:2"]
    assert list(ev["source_id"]) == ["a1", "2"]
    assert list(ev["title"]) == ["Shelling", "Clashes"]
    assert list(ev["date"]) == ["2024-03-03", "2024-03-04"]
    assert list(ev["url"]) == ["https://example.org/a1", ""]
    assert ev["text"][1] == "Clashes near al-Bab, Syria."
    assert any("2 rows" in n and "generic" in n for n in read.notes)


def test_jsonl_bad_line_names_file_and_line(tmp_path):
    f = write(tmp_path / "bad.jsonl", '{"id": 1, "text": "Aleppo"}\n{"id": 2, "text": \n')
    with pytest.raises(InputFormatError) as exc:
        read_inputs([f])
    assert "bad.jsonl:2:" in str(exc.value) and "not JSON" in str(exc.value)


def test_generic_csv(tmp_path):
    f = write(tmp_path / "reports.csv", GENERIC_HEADER + "\n"
              'r1,2024-03-03,Shelling,"Russian forces shelled Kupiansk (Kharkiv).",https://x.org/1,,,,shelling\n'
              "r2,2024-03-04,Clash,,,Aleppo,,,clash\n"
              "r3,2024-03-05,Point,,,,36.2,37.1,\n")
    read = read_inputs([f])
    ev = read.events
    assert list(ev.columns)[:len(EVENTS)] == list(EVENTS)
    assert list(ev["event_id"]) == ["reports.csv:1", "reports.csv:2", "reports.csv:3"]
    assert list(ev["source_id"]) == ["r1", "r2", "r3"]
    assert list(ev["source_row"]) == [1, 2, 3]
    r1, r2, r3 = ev.to_dict("records")
    assert r1["text"] == "Russian forces shelled Kupiansk (Kharkiv)." and r1["category"] == "shelling"
    assert r1["url"] == "https://x.org/1" and r1["date"] == "2024-03-03" and r1["title"] == "Shelling"
    assert r2["place_name"] == "Aleppo" and r2["text"] == ""
    assert (r3["lat"], r3["lon"]) == ("36.2", "37.1")
    assert read.notes == [f"{f}: 3 rows, schema generic"]


def test_directory_of_mixed_files(tmp_path):
    d = tmp_path / "inbox"
    write(d / "a.txt", "Shelling in Kupiansk\nRussian forces shelled Kupiansk.\n")
    write(d / "b.md", "Clashes\nClashes near al-Bab, Syria.\n")
    write(d / "c.html", "<title>Idlib</title><p>Airstrike on Idlib.</p>")
    write(d / "d.jsonl", '{"id": "j1", "text": "Shops looted in Homs."}\n{"id": "j2", "text": "Fighting in Izium."}\n')
    write(d / "sub" / "e.csv", "id,text\nc1,Protest in Kharkiv.\n")
    write(d / "ignored.bin", "Aleppo")
    write(d / "README", "Aleppo")
    ev = read_inputs([d]).events
    assert len(ev) == 6
    # ids name files by their path inside the folder given
    assert list(ev["event_id"]) == ["a.txt:1", "b.md:1", "c.html:1", "d.jsonl:1", "d.jsonl:2", "sub/e.csv:1"]
    assert ev["event_id"].is_unique
    assert list(ev.columns)[:len(EVENTS)] == list(EVENTS)


def test_directory_without_readable_files(tmp_path):
    write(tmp_path / "x.bin", "Aleppo")
    with pytest.raises(InputFormatError, match="no readable files"):
        read_inputs([tmp_path])


def test_wikinews_samples():
    read = read_inputs([WIKINEWS])
    ev = read.events
    assert len(ev) == 40 == len(list(WIKINEWS.glob("*.txt")))
    assert ev["event_id"].is_unique
    assert all(ev["title"].str.len() > 0) and all(ev["text"].str.len() > 100)
    assert list(ev.columns)[:len(EVENTS)] == list(EVENTS)


def test_cp1252_file_is_decoded_and_noted(tmp_path):
    f = write(tmp_path / "legacy.txt", "Caf\u00e9 in K\u00f6ln\nShelling near Kupiansk \u201cconfirmed\u201d \u2013 2 dead.\n",
              encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        f.read_bytes().decode("utf-8")
    read = read_inputs([f])
    ev = one(read.events)
    assert ev["title"] == "Caf\u00e9 in K\u00f6ln"
    assert "\u201cconfirmed\u201d \u2013 2 dead." in ev["text"]
    assert any("cp1252" in n and "legacy.txt" in n for n in read.notes)


def test_cp1252_csv_is_decoded_and_noted(tmp_path):
    f = write(tmp_path / "legacy.csv", "id,text\nx,Caf\u00e9 bombed in Homs \u2013 report\n", encoding="cp1252")
    read = read_inputs([f])
    assert one(read.events)["text"] == "Caf\u00e9 bombed in Homs \u2013 report"
    assert any("cp1252" in n for n in read.notes)


def test_utf8_bom_txt_is_stripped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfShelling in Kupiansk\nRussian forces shelled Kupiansk.\n")
    ev = one(read_inputs([f]).events)
    assert ev["title"] == "Shelling in Kupiansk"
    assert not ev["text"].startswith("\ufeff")


def test_utf8_bom_jsonl_is_read(tmp_path):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b'\xef\xbb\xbf{"id": "j1", "text": "Clashes near al-Bab, Syria."}\n')
    assert one(read_inputs([f]).events)["source_id"] == "j1"


def test_utf8_bom_csv_header_is_clean(tmp_path):
    f = tmp_path / "bom.csv"
    f.write_bytes(b"\xef\xbb\xbfid,text\nx1,Clashes near al-Bab.\n")
    assert one(read_inputs([f]).events)["source_id"] == "x1"


def test_empty_file_is_one_event_with_empty_text(tmp_path):
    f = write(tmp_path / "empty.txt", "")
    read = read_inputs([f])
    ev = one(read.events)
    assert ev["text"] == ""
    assert ev["event_id"] == "empty.txt:1"
    assert any("empty" in n for n in read.notes)


def test_missing_file_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "no_such_report.csv"
    with pytest.raises(InputFormatError) as exc:
        read_inputs([missing])
    assert str(missing) in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_no_inputs_is_an_error():
    with pytest.raises(InputFormatError, match="no input records"):
        read_inputs([])


def test_csv_without_text_place_or_coordinates(tmp_path):
    f = write(tmp_path / "useless.csv", "id,colour,size\n1,red,3\n")
    with pytest.raises(InputFormatError) as exc:
        read_inputs([f])
    msg = str(exc.value)
    assert str(f) in msg
    assert "id, colour, size" in msg
    assert "--text-col" in msg


def test_explicit_columns(tmp_path):
    f = write(tmp_path / "custom.csv", "ref,text,body,headline_x\n"
              "k1,n/a,Clashes near al-Bab. Syria.,Clash\n")
    read = read_inputs([f], columns={"text": "body", "source_id": "ref", "title": "headline_x"})
    ev = one(read.events)
    assert ev["text"] == "Clashes near al-Bab. Syria."
    assert ev["source_id"] == "k1" and ev["title"] == "Clash"
    assert any("with given columns" in n for n in read.notes)


def test_explicit_columns_make_an_undetectable_file_readable(tmp_path):
    f = write(tmp_path / "story.csv", "ref,story\nk1,Protest in Kharkiv.\n")
    with pytest.raises(InputFormatError):
        read_inputs([f])
    ev = one(read_inputs([f], columns={"text": "story"}).events)
    assert ev["text"] == "Protest in Kharkiv."


def test_explicit_unknown_column_is_named(tmp_path):
    f = write(tmp_path / "custom.csv", "ref,body\nk1,Aleppo\n")
    with pytest.raises(InputFormatError) as exc:
        read_inputs([f], columns={"text": "nosuchcolumn"})
    msg = str(exc.value)
    assert "nosuchcolumn" in msg and "ref, body" in msg and str(f) in msg


def test_explicit_unknown_target_is_named(tmp_path):
    f = write(tmp_path / "custom.csv", "ref,body\nk1,Aleppo\n")
    with pytest.raises(InputFormatError, match="bogus"):
        read_inputs([f], columns={"bogus": "body"})


def test_duplicate_ids_warn_and_keep_both(tmp_path):
    f = write(tmp_path / "dups.csv", "id,text\nsame,Shelling in Kupiansk.\nsame,Clashes near al-Bab.\nother,Homs.\n")
    read = read_inputs([f])
    assert len(read.events) == 3
    assert list(read.events["source_id"]) == ["same", "same", "other"]
    assert read.events["event_id"].is_unique
    warnings = [n for n in read.notes if n.startswith("warning")]
    assert len(warnings) == 1 and "same" in warnings[0] and "2 records" in warnings[0]


def test_duplicate_ids_across_files(tmp_path):
    a = write(tmp_path / "a.csv", "id,text\nx,Aleppo.\n")
    b = write(tmp_path / "b.csv", "id,text\nx,Homs.\n")
    read = read_inputs([a, b])
    assert list(read.events["event_id"]) == ["a.csv:1", "b.csv:1"]
    assert any(n.startswith("warning") and "x" in n for n in read.notes)


# -- event ids ---------------------------------------------------------------------------

def test_event_ids_are_file_row_unique_and_stable(tmp_path):
    f = write(tmp_path / "r.csv", "id,text\n" + "".join(f"id{i},Clashes near al-Bab {i}.\n" for i in range(25)))
    first = read_inputs([f]).events
    second = read_inputs([f]).events
    assert list(first["event_id"]) == [f"r.csv:{i}" for i in range(1, 26)]
    assert first["event_id"].is_unique
    assert list(first["event_id"]) == list(second["event_id"])
    pd.testing.assert_frame_equal(first, second)


def test_event_ids_do_not_depend_on_other_inputs(tmp_path):
    a = write(tmp_path / "a.txt", "A\nAleppo.\n")
    b = write(tmp_path / "b.csv", "id,text\nx,Homs.\ny,Idlib.\n")
    alone = read_inputs([b]).events
    together = read_inputs([a, b]).events
    assert list(together["event_id"]) == ["a.txt:1", "b.csv:1", "b.csv:2"]
    assert list(together["event_id"][1:]) == list(alone["event_id"])


def test_event_ids_unique_for_same_named_files_in_subdirectories(tmp_path):
    write(tmp_path / "2024" / "report.txt", "Shelling\nShelling in Kupiansk.\n")
    write(tmp_path / "2025" / "report.txt", "Clashes\nClashes near al-Bab.\n")
    ev = read_inputs([tmp_path]).events
    assert len(ev) == 2
    assert ev["event_id"].is_unique, list(ev["event_id"])


def test_events_columns_are_the_schema_then_the_inputs_own(tmp_path):
    write(tmp_path / "a.txt", "A\nAleppo.\n")
    write(tmp_path / "b.csv", GENERIC_HEADER + "\nr1,2024-01-01,T,Homs.,,,,,\n")
    for paths in ([tmp_path], [ACLED], [UCDP], [WIKINEWS / "geovirus-0.txt"]):
        ev = read_inputs(paths).events
        assert tuple(ev.columns[:len(EVENTS)]) == EVENTS
        assert not ev.drop(columns=["source_row"]).isna().any().any()  # a text file has no "id": empty
    # every column of a table comes back, under its own name or input_<name> (not title and text: ours)
    own = read_inputs([tmp_path / "b.csv"]).events.columns[len(EVENTS):]
    assert list(own) == ["id", "input_date", "input_url", "location", "input_lat", "input_lon", "input_category"]
    acled = read_inputs([ACLED]).events
    with open(ACLED, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    assert [c.removeprefix("input_") for c in acled.columns[len(EVENTS):]] == header


# -- ACLED and UCDP GED (synthetic fixtures) ---------------------------------------------

def test_acled_detected():
    read = read_inputs([ACLED])
    assert read.notes == [f"{ACLED}: 3 rows, schema acled"]
    ev = read.events
    assert list(ev["event_id"]) == ["acled_synthetic.csv:1", "acled_synthetic.csv:2", "acled_synthetic.csv:3"]
    r = ev.iloc[0].to_dict()
    assert r["source_id"] == "UKRSYN001"
    assert r["date"] == "2024-03-03"
    assert r["text"].startswith("On 3 March 2024, Russian forces shelled Kupiansk (Kharkiv).")
    assert r["place_name"] == "Kupiansk"
    assert r["country"] == "Ukraine"
    assert (r["lat"], r["lon"]) == ("49.7100", "37.6158")
    assert r["geo_precision"] == "1"
    assert r["fatalities"] == "2"
    assert r["category"] == "Explosions/Remote violence"
    assert r["title"] == "Shelling/artillery/missile attack"
    r2 = ev.iloc[1].to_dict()
    assert (r2["source_id"], r2["geo_precision"], r2["fatalities"]) == ("SYRSYN002", "2", "3")
    assert r2["text"].startswith("Clashes near al-Bab, Syria.")
    r3 = ev.iloc[2].to_dict()
    assert (r3["lat"], r3["lon"], r3["place_name"]) == ("", "", "Idlib")


def test_ucdp_detected():
    read = read_inputs([UCDP])
    assert read.notes == [f"{UCDP}: 3 rows, schema ucdp-ged"]
    ev = read.events
    r = ev.iloc[0].to_dict()
    assert r["source_id"] == "990001"
    assert r["date"] == "2024-03-03"
    assert r["text"] == "On 3 March 2024, Russian forces shelled Kupiansk (Kharkiv)."
    assert r["place_name"] == "Kupiansk, Kharkiv oblast"
    assert (r["lat"], r["lon"]) == ("49.7100", "37.6158")
    assert r["geo_precision"] == "1"
    assert r["fatalities"] == "4"
    assert r["country"] == "Ukraine"
    assert r["title"] == "Synthetic side A - Synthetic side B"
    assert list(ev["category"]) == ["State-based conflict", "Non-state conflict", "One-sided violence"]
    assert list(ev["source_id"]) == ["990001", "990002", "990003"]
    assert list(ev["geo_precision"]) == ["1", "2", "1"]
    assert list(ev["fatalities"]) == ["4", "2", "5"]


def test_acled_and_ucdp_together():
    read = read_inputs([ACLED, UCDP])
    assert len(read.events) == 6
    assert read.events["event_id"].is_unique
    assert [n.rsplit("schema ", 1)[1] for n in read.notes] == ["acled", "ucdp-ged"]


def test_acled_explicit_column_overrides(tmp_path):
    read = read_inputs([ACLED], columns={"title": "actor1"})
    assert list(read.events["title"])[:1] == ["Synthetic Actor A"]
    assert read.events["source_id"][0] == "UKRSYN001"  # the rest of the schema still applies


def test_reading_articles_raises_no_pandas_deprecation_warning(tmp_path):
    import warnings

    f = write(tmp_path / "a.txt", "Shelling\nShelling in Kupiansk.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_inputs([f])
    assert [str(w.message) for w in caught if "pandas" in type(w.message).__module__.lower()] == []


def test_dates_become_iso_days_and_bad_ones_are_kept_and_counted(tmp_path):
    from geomap.events import _iso_dates

    days, bad = _iso_dates(pd.Series(["2024-03-01", "March 3, 2024", "3 March 2024", "31/02/2024", "soon",
                                      "2024-03-01T10:00:00Z", "14/08/2020 00:00:00", ""]))
    assert days == ["2024-03-01", "2024-03-03", "2024-03-03", "31/02/2024", "soon", "2024-03-01", "2020-08-14", ""]
    assert bad == 2
    # One order per column: a second part above 12 shows month first (UCDP style).
    assert _iso_dates(pd.Series(["1/22/2014 12:00:00 AM", "05/02/2014 00:00"]))[0] == ["2014-01-22", "2014-05-02"]
    assert _iso_dates(pd.Series(["05/02/2014"]))[0] == ["2014-02-05"]  # day first by default
    f = tmp_path / "d.csv"
    f.write_text("id,date,text\na,soon,Shelling in Kupiansk.\nb,2024-01-02,Clashes near al-Bab.\n", encoding="utf-8")
    read = read_inputs([f])
    assert list(read.events["date"]) == ["soon", "2024-01-02"]
    assert any("dates that could not be read" in n and "'soon'" in n for n in read.notes)


# -- real files: legacy encodings and dotted dates ----------------------------------------------------------

def test_a_cyrillic_cp1251_table_is_read_as_cp1251(tmp_path):
    src = tmp_path / "uk.csv"
    src.write_bytes("id,date,location,notes\n1,05.03.2024,Херсон,Обстріл Херсона: загинули двоє\n"
                    "2,06.03.2024,Харків,Ракетний удар по Харкову\n".encode("cp1251"))
    read = read_inputs([src])
    assert list(read.events["place_name"]) == ["Херсон", "Харків"]
    assert any("decoded as cp1251" in note for note in read.notes)
    assert list(read.events["date"]) == ["2024-03-05", "2024-03-06"]  # dotted dates, day first


@pytest.mark.parametrize("text, encoding, expected", [
    ("Российские войска обстреляли Купянск", "koi8_r", "koi8-r"),
    ("قصف على حلب وادلب اليوم", "cp1256", "cp1256"),
    ("Σεισμός στην Αθήνα", "cp1253", "cp1253"),
])
def test_legacy_encodings_of_other_scripts(text, encoding, expected):
    from geomap.tables import legacy_encoding

    assert legacy_encoding(f"id,notes\n1,{text}\n".encode(encoding)) == expected


_LATIN_WORD = st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFG", min_size=2, max_size=9),
                        st.sampled_from(["", "é", "è", "à", "ç", "ü", "ö", "ß", "ñ", "í", "ó", "á", "É"]),
                        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=6)).map("".join)


@given(st.lists(_LATIN_WORD, min_size=0, max_size=60))
def test_western_text_stays_cp1252(words):
    # words with an accented letter or two among plain ones are no other script: cp1252, as before
    from geomap.tables import legacy_encoding

    assert legacy_encoding(("id,notes\n1," + " ".join(words) + "\n").encode("cp1252")) == "cp1252"


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_a_csv_separated_otherwise_is_read(tmp_path, sep):
    src = tmp_path / "semi.csv"
    src.write_text(sep.join(["id", "date", "location", "notes"]) + "\n"
                   + sep.join(["1", "05.03.2024", "Kherson", "Shelling hit Kherson, two killed"]) + "\n",
                   encoding="utf-8")
    read = read_inputs([src])
    assert list(read.events["place_name"]) == ["Kherson"] and list(read.events["text"]) == [
        "Shelling hit Kherson, two killed"]
    assert any(f"separated by {sep!r}" in note for note in read.notes)
