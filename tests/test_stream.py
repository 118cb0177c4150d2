"""Streaming big inputs (chunks give the same tables as one piece) and linking articles to records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from geomap.cli import main
from geomap.events import read_inputs, stream_inputs
from geomap.stream import for_map

TESTS_DIR = Path(__file__).resolve().parent
WIKINEWS = TESTS_DIR.parent / "samples" / "wikinews"

HEADER = ["id", "date", "title", "text", "url", "location", "lat", "lon", "category"]
RECORDS = [
    {"id": "r1", "date": "1/5/2014", "text": "Russian forces shelled Kupiansk (Kharkiv). Two were hurt."},
    {"id": "r2", "date": "2/6/2014", "lat": "36.2", "lon": "37.1", "text": "=HYPERLINK(\"x\") near Homs"},
    {"id": "r3", "date": "soon", "location": "Aleppo"},
    {"id": "r1", "date": "1/22/2014", "text": "Clashes near al-Bab, Syria.\nA second line about Idlib."},
    {"id": "r5", "lat": "nan", "lon": "0", "text": ""},
    {"id": "r6", "text": "Nothing placeable here at all."},
    {"id": "r7", "text": "Only Syria is named."},
    {"id": "r8", "location": "Nowhere-upon-Thames"},
    {"id": "r9", "text": "Protest in Kharkiv; later in Kupiansk. Then Kyiv."},
]


@pytest.fixture(scope="module")
def geoparser(gazetteer):
    from geomap.geoparser import Geoparser

    return Geoparser(gazetteer)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER, restval="")
        w.writeheader()
        w.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith((".html", ".parquet"))}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_chunked_and_unchunked_runs_write_identical_tables(capsys, cli_gazetteer, tmp_path, fmt):
    src = (write_csv if fmt == "csv" else write_jsonl)(tmp_path / f"records.{fmt}", RECORDS)
    runs = {"whole": ["--chunk-rows", "100000"], "chunks": ["--chunk-rows", "2"],
            "jobs": ["--chunk-rows", "3", "--jobs", "2"]}
    for name, extra in runs.items():
        out = tmp_path / name / "map.html"
        code, _, err = run(capsys, "map", "--events", src, "-o", out, "-q", *extra,
                           "--export", "csv", "--export", "geojson", "--export", "parquet")
        assert code == 0, err
    whole = outputs(tmp_path / "whole")
    assert set(whole) == {"map.incidents.csv", "map.mentions.csv", "map.unlocated.csv",
                          "map.incidents.geojson", "map.mentions.geojson"}
    for name in ("chunks", "jobs"):
        assert outputs(tmp_path / name) == whole, name
        for table in ("incidents", "mentions", "unlocated"):
            pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / name / f"map.{table}.parquet"),
                                          pd.read_parquet(tmp_path / "whole" / f"map.{table}.parquet"))
    incidents = list(csv.DictReader((tmp_path / "chunks" / "map.incidents.csv").open(encoding="utf-8")))
    unlocated = list(csv.DictReader((tmp_path / "chunks" / "map.unlocated.csv").open(encoding="utf-8")))
    assert sorted(r["event_id"] for r in incidents + unlocated) == sorted(
        f"records.{fmt}:{i}" for i in range(1, len(RECORDS) + 1))  # every record, once


def test_whole_file_checks_hold_across_chunks(tmp_path):
    src = write_csv(tmp_path / "records.csv", RECORDS)
    stream = stream_inputs([src], chunksize=1)
    frames = list(stream)
    assert len(frames) == len(RECORDS) and stream.total == len(RECORDS)
    events = pd.concat(frames, ignore_index=True)
    pd.testing.assert_frame_equal(events, read_inputs([src]).events)
    # one date order for the file: 1/22/2014 (row 4) makes row 1's 1/5/2014 month first
    assert list(events["date"][:4]) == ["2014-01-05", "2014-02-06", "soon", "2014-01-22"]
    notes = "\n".join(stream.notes)
    assert "2 records share an id (e.g. r1)" in notes  # rows 1 and 4, in different chunks
    assert "1 records have dates that could not be read" in notes


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_integer_ids_with_gaps_read_the_same_in_any_chunk(tmp_path, suffix):
    rows = [{"id": 1, "text": "Aleppo."}, {"id": None, "text": "Homs."}, {"id": 3, "text": "Idlib."}]
    f = tmp_path / f"ids.{suffix}"
    if suffix == "jsonl":
        write_jsonl(f, rows)
    else:
        pytest.importorskip("pyarrow")
        pd.DataFrame(rows).astype({"id": "Int64"}).to_parquet(f)
    whole = read_inputs([f]).events
    chunked = pd.concat(list(stream_inputs([f], chunksize=1)), ignore_index=True)
    assert list(whole["source_id"]) == list(chunked["source_id"]) == ["1", "", "3"]


def test_map_text_is_cut_without_changing_the_map_data(geoparser):
    from geomap.map_data import EXCERPT_CHARS, SEARCH_TEXT_CHARS, incidents_payload
    from geomap.pipeline import locate

    events = read_inputs([WIKINEWS]).events
    extra = events.iloc[:3].copy()  # coordinates: no mention, the popup shows the text's beginning
    extra["event_id"], extra["lat"], extra["lon"] = ["c1", "c2", "c3"], "36.2", "37.1"
    incidents = locate(pd.concat([events, extra], ignore_index=True), geoparser).incidents
    cut = for_map(incidents)
    # A text the page carries whole (for its search box) stays whole; a longer one is cut to its excerpt.
    short = incidents["text"].map(lambda t: len(" ".join(t.split())) <= SEARCH_TEXT_CHARS)
    assert 0 < short.sum() < len(incidents)
    assert (cut["text"][short] == incidents["text"][short]).all()
    assert (cut["text"][~short].str.len() <= EXCERPT_CHARS).all()
    assert incidents_payload(cut) == incidents_payload(incidents)


def test_malformed_row_late_in_a_file_leaves_no_outputs(capsys, cli_gazetteer, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("id,text\n" + "".join(f"x{i},Clashes near al-Bab.\n" for i in range(10))
                   + 'x99,"unclosed,quote\nx100,ok\n', encoding="utf-8")
    out = tmp_path / "out" / "map.html"
    code, _, err = run(capsys, "map", src, "-o", out, "--export", "csv", "--chunk-rows", "2")
    assert code == 1, err
    assert "Traceback" not in err and "bad.csv" in err and len(err.strip().splitlines()) == 1
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


# -- articles and records linked by id or URL --------------------------------------------

@pytest.fixture
def linked_inputs(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "rep-17.txt").write_text("Shelling report\nRussian forces shelled Kupiansk (Kharkiv).\n",
                                         encoding="utf-8")
    (articles / "unrelated.txt").write_text("Clashes\nClashes near al-Bab, Syria.\n", encoding="utf-8")
    write_jsonl(articles / "feed.jsonl", [
        {"id": "a1", "title": "Strike on Homs", "date": "2024-03-09", "url": "https://News.example.org/a1/",
         "text": "An airstrike hit Homs."},
    ])
    records = write_csv(tmp_path / "records.csv", [
        {"id": "rep-17", "category": "shelling"},                                    # by id (file stem), no text
        {"id": "k2", "url": "https://news.example.org/a1", "text": "Casualties reported."},  # by URL, own text
        {"id": "k3", "text": "Protest in Kharkiv."},                                  # links to nothing
    ])
    return articles, records


def test_records_take_the_text_of_their_articles(linked_inputs):
    articles, records = linked_inputs
    events = read_inputs([articles], records=[records]).events
    by_id = {r["event_id"]: r for r in events.to_dict("records")}
    assert set(by_id) == {"unrelated.txt:1", "records.csv:1", "records.csv:2", "records.csv:3"}
    r1, r2, r3 = by_id["records.csv:1"], by_id["records.csv:2"], by_id["records.csv:3"]
    assert "shelled Kupiansk" in r1["text"] and r1["title"] == "Shelling report"
    assert r1["linked"] == "rep-17.txt:1" and r1["category"] == "shelling"
    assert r2["text"] == "Casualties reported.\n\nAn airstrike hit Homs."  # its own text first
    assert r2["title"] == "Strike on Homs" and r2["date"] == "2024-03-09" and r2["linked"] == "feed.jsonl:1"
    assert r3["linked"] == "" and r3["text"] == "Protest in Kharkiv."
    assert by_id["unrelated.txt:1"]["linked"] == ""


def test_linking_in_the_map_command(capsys, cli_gazetteer, linked_inputs, tmp_path):
    articles, records = linked_inputs
    out = tmp_path / "out" / "map.html"
    code, _, err = run(capsys, "map", articles, "--events", records, "-o", out, "--export", "csv", "--chunk-rows", "1")
    assert code == 0, err
    assert "2 records linked to 2 articles" in err
    rows = {r["event_id"]: r for r in csv.DictReader((out.parent / "map.incidents.csv").open(encoding="utf-8"))}
    assert rows["records.csv:1"]["place"].startswith("Kupiansk") and rows["records.csv:1"]["linked"] == "rep-17.txt:1"
    assert rows["records.csv:2"]["place"].startswith("Homs")
    assert "unrelated.txt:1" in rows  # an article no record links to is its own event
    assert "4 records read" in err


def test_article_held_for_a_record_that_took_another_is_not_lost(tmp_path):
    arts = write_jsonl(tmp_path / "arts.jsonl", [
        {"id": "x", "text": "Aleppo."},
        {"id": "other", "url": "https://e.org/u", "text": "Homs."},
    ])
    recs = write_csv(tmp_path / "recs.csv", [{"id": "x", "url": "https://e.org/u"}])
    events = read_inputs([arts], records=[recs]).events
    assert list(events["event_id"]) == ["recs.csv:1", "arts.jsonl:2"]
    assert events["linked"][0] == "arts.jsonl:1"


def test_no_linking_without_both_kinds(tmp_path):
    recs = write_csv(tmp_path / "recs.csv", [{"id": "a", "text": "Aleppo."}])
    assert list(read_inputs([], records=[recs]).events["linked"]) == [""]


# -- bad input: a clear message or an unlocated row, never a traceback ----------------------

def test_utf16_with_byte_order_mark_is_read_and_noted(tmp_path):
    f = tmp_path / "u16.csv"
    f.write_bytes("id,text\nx1,Clashes near al-Bab.\n".encode("utf-16"))
    read = read_inputs([f])
    assert read.events["text"][0] == "Clashes near al-Bab."
    assert any("decoded as utf-16" in n for n in read.notes)


def test_wrong_separator_is_named(tmp_path):
    from geomap.errors import InputFormatError

    f = tmp_path / "comma.tsv"
    f.write_text("id,text\nx1,Aleppo.\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="separator"):
        read_inputs([f])


def test_jsonl_line_that_is_not_an_object(tmp_path):
    from geomap.errors import InputFormatError

    f = tmp_path / "list.jsonl"
    f.write_text('{"id": 1, "text": "Aleppo"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"list\.jsonl:2: expected one JSON object"):
        read_inputs([f])


def test_parquet_missing_values_are_empty_not_nan(tmp_path):
    pytest.importorskip("pyarrow")
    f = tmp_path / "t.parquet"
    pd.DataFrame({"id": [1, 2], "text": ["Aleppo.", None], "lat": [float("nan"), 36.2],
                  "lon": [float("nan"), 37.1]}).to_parquet(f)
    ev = read_inputs([f]).events
    assert list(ev["text"]) == ["Aleppo.", ""] and list(ev["lat"]) == ["", "36.2"]


def test_bad_input_files_exit_1_with_one_line(capsys, cli_gazetteer, tmp_path):
    cases = {
        "badenc.csv": b"id,text\n1,Caf\xe9 \x81\x8d\n",
        "missing.csv": b"id,colour\n1,red\n",
        "broken.parquet": b"not parquet",
        "array.json": b"[1, 2]",
    }
    for name, data in cases.items():
        f = tmp_path / name
        f.write_bytes(data)
        code, _, err = run(capsys, "map", "--events", f, "-o", tmp_path / "o" / "m.html", "-q")
        assert code == 1, (name, err)
        assert len(err.strip().splitlines()) == 1 and name in err and "Traceback" not in err, err


def test_empty_tables_and_bad_coordinates_are_not_errors(capsys, cli_gazetteer, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_bytes(b"id,text\n")
    coords = write_csv(tmp_path / "c.csv", [{"id": "a", "lat": "nan", "lon": "nan"}, {"id": "b", "lat": "", "lon": "5"}])
    out = tmp_path / "o" / "m.html"
    code, _, err = run(capsys, "map", "--events", tmp_path / "empty.csv", "--events", tmp_path / "header.csv",
                       "--events", coords, "-o", out, "--export", "csv")
    assert code == 0, err
    assert "empty.csv: no rows" in err and "header.csv: no rows" in err
    reasons = [r["reason"] for r in csv.DictReader((out.parent / "m.unlocated.csv").open(encoding="utf-8"))]
    assert reasons == ["bad coordinates: NaN", "bad coordinates: latitude missing (lat '', lon '5')"]


def test_summary_groups_reasons_by_kind():
    from geomap.stream import MAX_REASON_KINDS, summary_text

    reasons = [(f"place name 'village {i}' not in the gazetteer", 1) for i in range(300)]
    reasons += [("no place found in the text", 5)] + [(f"reason {i}", 1) for i in range(MAX_REASON_KINDS + 3)]
    text = summary_text(320, 0, [], reasons)
    lines = text.splitlines()
    assert len(lines) <= MAX_REASON_KINDS + 3  # not one line per record
    assert "place name … not in the gazetteer (300 different, e.g. place name 'village 0'" in text
    assert lines[1].endswith(": 300") and lines[2] == "  unlocated, no place found in the text: 5"
    assert "other reasons" in lines[-1]
