"""Reproducers of the adversarial audit (issue #17), each run as the real command in a subprocess.

Every test checks that there is no traceback, the exit code, the message,
and that no input record is lost: each id is among the incidents or the
unlocated records.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def geomap(cli_env, python_exe, cwd: Path, *args, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run ``python -m geomap ARGS``; (exit code, stdout, stderr), with no traceback allowed."""
    proc = subprocess.run([python_exe, "-m", "geomap", *map(str, args)], capture_output=True, env=cli_env,
                          cwd=cwd, input=stdin, timeout=300)
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ids_out(stem: Path) -> set[str]:
    """The source ids of every record in the exported incidents and unlocated tables."""
    rows = read_csv(Path(f"{stem}.incidents.csv")) + read_csv(Path(f"{stem}.unlocated.csv"))
    return {r["source_id"] for r in rows}


# -- 1: formula injection behind invisible characters ----------------------------------------------

def test_formula_behind_nul_and_invisible_characters_is_neutralised(cli_env, python_exe, tmp_path):
    data = ("id,title,text,lat,lon,fatalities\n"
            "x,\x00=1+1,Kyiv,50.45,30.52,-12.5\n"
            "y,\uff1d1+1,Kyiv,50.45,30.52,3\n"
            "z,\u200b=1+1,Kyiv,50.45,30.52,3\n"
            "w,\ufeff=1+1,Kyiv,50.45,30.52,3\n")
    (tmp_path / "n.csv").write_bytes(data.encode("utf-8"))
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", "n.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    rows = {r["source_id"]: r for r in read_csv(tmp_path / "o" / "m.incidents.csv")}
    assert set(rows) == {"x", "y", "z", "w"}
    assert rows["x"]["title"] == "'=1+1"
    assert rows["y"]["title"] == "'\uff1d1+1"
    assert rows["z"]["title"] == "'=1+1" and rows["w"]["title"] == "'=1+1"
    # no whole number: geomap's fatalities is empty; the input's own stays, a number, not '-12.5
    assert rows["x"]["fatalities"] == "" and rows["x"]["input_fatalities"] == "-12.5"


# -- 2: an infinite precision is that record's problem ------------------------------------------------

def test_infinite_geo_precision_goes_to_unlocated_and_the_run_goes_on(cli_env, python_exe, tmp_path):
    (tmp_path / "p.csv").write_text("id,title,text,lat,lon,geo_precision\n"
                                    "x,a,Kyiv,50.45,30.52,inf\n"
                                    "y,b,Kyiv,50.45,30.52,2\n"
                                    "z,c,Kyiv,50.45,30.52,1e999\n"
                                    "w,d,Kyiv,50.45,30.52,-Infinity\n", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "p.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert "unlocated, bad geo_precision: … is not a finite number (1, 2 or 3) (3 different, e.g. " in err
    assert ids_out(tmp_path / "o" / "m") == {"x", "y", "z", "w"}
    unlocated = {r["source_id"]: r["reason"] for r in read_csv(tmp_path / "o" / "m.unlocated.csv")}
    assert set(unlocated) == {"x", "z", "w"}
    assert all(r.startswith("bad geo_precision") for r in unlocated.values())


def test_infinite_where_prec_in_ucdp(cli_env, python_exe, tmp_path):
    header = "id,date_start,where_description,source_headline,latitude,longitude,where_prec,type_of_violence\n"
    (tmp_path / "ged.csv").write_text(header + "1,2024-01-02,Kyiv,Shelling in Kyiv,50.45,30.52,Infinity,1\n"
                                      "2,2024-01-02,Kyiv,Shelling in Kyiv,50.45,30.52,1,1\n", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "--events", "ged.csv", "-o", "o/m.html",
                          "--export", "csv")
    assert code == 0, err
    assert ids_out(tmp_path / "o" / "m") == {"1", "2"}


# -- 3: lone surrogates --------------------------------------------------------------------------------

SURROGATE_JSONL = ('{"id": "a", "text": "Shelling in Kyiv \\ud800 today"}\n'
                   '{"id": "b", "title": "\\udfff", "text": "Shelling in Kharkiv"}\n')


@pytest.mark.parametrize("name, data", [
    ("s.jsonl", SURROGATE_JSONL),
    ("s.json", "[" + ",".join(SURROGATE_JSONL.strip().splitlines()) + "]"),
])
def test_lone_surrogates_in_json_are_read_as_replacement_characters(cli_env, python_exe, tmp_path, name, data):
    (tmp_path / name).write_text(data, encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", name, "-o", "o/m.html", "--export", "csv",
                          "--export", "geojson")
    assert code == 0, err
    assert "lone surrogate" in err and "U+FFFD" in err
    assert ids_out(tmp_path / "o" / "m") == {"a", "b"}
    titles = {r["source_id"]: r["title"] for r in read_csv(tmp_path / "o" / "m.incidents.csv")}
    assert titles["b"] == "\ufffd"


def test_parse_jsonl_with_a_lone_surrogate(cli_env, python_exe, tmp_path):
    (tmp_path / "s.jsonl").write_text(SURROGATE_JSONL, encoding="utf-8")
    code, out, err = geomap(cli_env, python_exe, tmp_path, "parse", "-q", "--jsonl", "s.jsonl")
    assert code == 0, err
    assert "s.jsonl:1: warning: a lone surrogate" in err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["text"] == "Shelling in Kyiv \ufffd today"  # one character for one: offsets hold
    assert records[0]["toponyms"][0]["name"] == "Kyiv"


@pytest.mark.parametrize("query", ["0,\ud800", "\udcff", "Kyiv, \udfff"])
def test_geocoder_rejects_lone_surrogates_as_a_query_error(geocoder, query):
    from geopy.exc import GeocoderQueryError

    with pytest.raises(GeocoderQueryError, match="not valid Unicode text"):
        geocoder.geocode(query)


def test_geocode_command_with_an_undecodable_argument(cli_env, python_exe, tmp_path):
    proc = subprocess.run([python_exe, "-m", "geomap", "geocode", b"\xff", "Kyiv"], capture_output=True,
                          env=cli_env, cwd=tmp_path, timeout=300)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and proc.returncode == 0, err
    assert "2 queries: 1 located, 1 unlocated" in err and "not valid Unicode text" in err


# -- 4: deeply nested JSON -----------------------------------------------------------------------------

def test_deeply_nested_jsonl_line_is_a_bad_record(cli_env, python_exe, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "d.jsonl").write_text('{"id": "a", "text": "Kyiv"}\n{"id": "b", "x": ' + deep + "}\n",
                                      encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "d.jsonl", "-o", "o/m.html")
    assert code == 1
    assert "d.jsonl:2: JSON nested too deeply" in err and "fix or remove this line" in err
    (tmp_path / "d.json").write_text('[{"id": "a", "x": ' + deep + "}]", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "d.json", "-o", "o/m.html")
    assert code == 1 and "d.json: JSON nested too deeply" in err
    code, _, err = geomap(cli_env, python_exe, tmp_path, "parse", "--jsonl", "d.jsonl")
    assert code == 1 and "d.jsonl:2: not a geoparsing record (RecursionError" in err


# -- 5: geocode -f on a latin-1 file -------------------------------------------------------------------

def test_geocode_file_in_latin1_is_decoded_with_a_note(cli_env, python_exe, tmp_path):
    (tmp_path / "l1.txt").write_bytes("São Paulo\n# a comment\nKyiv\nXqzzyvv Qwrt\n".encode("latin-1"))
    code, out, err = geomap(cli_env, python_exe, tmp_path, "geocode", "-f", "l1.txt", "-o", "g.csv")
    assert code == 0, err
    assert "l1.txt: decoded as cp1252" in err
    assert "3 queries: 2 located, 1 unlocated" in err
    assert [r["query"] for r in read_csv(tmp_path / "g.csv")] == ["São Paulo", "Kyiv", "Xqzzyvv Qwrt"]


def test_geocode_file_undecodable_is_one_clear_error(cli_env, python_exe, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Kyiv\n\x81\x8d\x8f\xff\n")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "geocode", "-f", "bad.txt")
    assert code == 1
    assert "bad.txt: cannot decode the file" in err and "convert it to UTF-8" in err


# -- 6: outputs that cannot be written; 7: an output that is an input -----------------------------------

ARTICLE = "Shelling in Kharkiv on Monday.\n"


@pytest.mark.parametrize("args, what", [
    (["map", "a.txt", "-o", "afile/m.html"], "the map (-o) 'afile/m.html'"),
    (["map", "a.txt", "-o", "out/m.html", "--export", "csv"], "the unlocated table (--export) 'out/m.unlocated.csv'"),
    (["map", "a.txt", "-o", "ok/m.html", "--png", "afile/m.png"], "the picture (--png) 'afile/m.png'"),
    (["geocode", "Kyiv", "-o", "afile/g.csv"], "the CSV (-o) 'afile/g.csv'"),
    (["geocode", "Kyiv", "--map", "afile/g.html"], "the map (--map) 'afile/g.html'"),
    (["parse", "--text", "Kyiv", "-o", "afile/p.jsonl"], "the output (-o) 'afile/p.jsonl'"),
    (["gazetteer", "build", "--db", "afile/g.sqlite"], "the gazetteer index 'afile/g.sqlite'"),
])
def test_unwritable_output_is_one_message_naming_it(cli_env, python_exe, tmp_path, args, what):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "afile").write_text("a file where a folder should be", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "m.unlocated.csv").mkdir()  # a folder where a table should go
    code, out, err = geomap(cli_env, python_exe, tmp_path, *args, "-q")
    assert code == 1
    assert f"geomap: error: cannot write {what}" in err, err
    assert "choose another path" in err
    assert not (tmp_path / "out" / "m.html").exists() and not (tmp_path / "ok" / "m.html").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, read-only even for root")
def test_first_build_into_a_read_only_cache(cli_env, python_exe, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "GEOMAP_GAZETTEER"}
    env["XDG_CACHE_HOME"] = "/proc/geomap-test-cache"
    proc = subprocess.run([python_exe, "-m", "geomap", "geocode", "Kyiv"], capture_output=True, env=env,
                          cwd=tmp_path, timeout=300, text=True)
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    assert "cannot write the gazetteer index '/proc/geomap-test-cache/" in proc.stderr


@pytest.mark.parametrize("args, what", [
    (["map", "ev.csv", "-o", "ev.csv"], "the map (-o) 'ev.csv'"),
    (["map", "--events", "ev.csv", "-o", "./sub/../ev.csv"], "the map (-o) 'sub/../ev.csv'"),
    (["map", "a.txt", "-o", "a.html", "--png", "a.txt"], "the picture (--png) 'a.txt'"),
    (["map", "ev.csv", "-o", "ev.html", "--export", "csv", "--events", "ev.incidents.csv"],
     "the incidents table (--export) 'ev.incidents.csv'"),
    (["parse", "--jsonl", "g.jsonl", "-o", "g.jsonl"], "the output (-o) 'g.jsonl'"),
    (["parse", "a.txt", "-o", "a.txt"], "the output (-o) 'a.txt'"),
    (["geocode", "-f", "a.txt", "-o", "a.txt"], "the CSV (-o) 'a.txt'"),
    (["geocode", "-f", "a.txt", "--map", "a.txt"], "the map (--map) 'a.txt'"),
])
def test_an_output_that_is_an_input_is_refused(cli_env, python_exe, tmp_path, args, what):
    (tmp_path / "sub").mkdir()
    files = {"ev.csv": "id,title,text\n1,a,Shelling in Kharkiv\n", "a.txt": ARTICLE,
             "ev.incidents.csv": "id,title,text\n2,b,Shelling in Kyiv\n",
             "g.jsonl": '{"id": "1", "text": "Kyiv", "toponyms": []}\n'}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, *args, "-q")
    assert code == 1
    assert f"geomap: error: {what} is one of the inputs" in err, err
    for name, text in files.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text  # untouched


# -- 16: negative coordinates without '--' ---------------------------------------------------------------

def test_reverse_geocode_negative_coordinates_without_double_dash(cli_env, python_exe, tmp_path):
    code, out, err = geomap(cli_env, python_exe, tmp_path, "geocode", "--reverse", "-34.6,-58.4", "36.37,37.52",
                            "-o", "r.csv")
    assert code == 0, err
    assert "2 queries: 2 located, 0 unlocated" in err
    rows = read_csv(tmp_path / "r.csv")
    # in order, as given ("-34.6,-58.4" is no plain number: formula-safe in the CSV)
    assert [r["query"] for r in rows] == ["'-34.6,-58.4", "36.37,37.52"]
    assert rows[0]["country_code"] == "AR" and rows[1]["country_code"] == "SY"


def test_options_are_still_options_next_to_negative_numbers(cli_env, python_exe, tmp_path):
    code, _, err = geomap(cli_env, python_exe, tmp_path, "geocode", "--bogus", "-1,2")
    assert code == 2 and "No such option '--bogus'" in err
    code, _, err = geomap(cli_env, python_exe, tmp_path, "geocode", "--all", "--limit", "-3", "Kyiv")
    assert code == 2 and "-3 is not in the range" in err
    code, out, err = geomap(cli_env, python_exe, tmp_path, "geocode", "--reverse", "--", "-34.6,-58.4")
    assert code == 0 and "Argentina" in out


# -- 13: invisible format characters inside names ----------------------------------------------------------

@pytest.mark.parametrize("text, name, place", [
    ("Shelling in Ky\u200biv today.", "Ky\u200biv", "Kyiv"),
    ("Shelling in Khar\u00adkiv today.", "Khar\u00adkiv", "Kharkiv"),
    ("\ufeffClashes near al-\u2060Bab, Syria.", "al-\u2060Bab", "Al Bāb"),
])
def test_format_characters_inside_a_name_are_read_past(gazetteer, text, name, place):
    from geomap.geoparser import Geoparser

    parser = Geoparser(gazetteer)
    found = parser.parse(text)
    first = found[0]
    assert (first.surface, first.place.name) == (name, place)
    assert text[first.start:first.end] == first.surface  # offsets into the original text
    given = parser.resolve(text, [(first.start, first.end)])
    assert given[0].place.name == place and (given[0].start, given[0].end) == (first.start, first.end)
    assert parser.explain(text)[0]["mentions"][0] == (first.start, first.end)


def test_texts_without_format_characters_parse_as_before(gazetteer):
    from geomap.geoparser import Geoparser

    parser = Geoparser(gazetteer)
    text = "Shelling in Kyiv and Kharkiv; clashes near al-Bab, Syria."
    spans = parser._recogniser.find(text)
    direct = parser._recogniser.drop_unsupported(parser._resolver.resolve(text, spans, ()), spans, ())
    assert parser.parse(text) == direct
    dirty = text.replace("Kyiv", "Ky\u200biv").replace("Kharkiv", "Khar\u00adkiv")
    assert [m.place.geonameid for m in parser.parse(dirty)] == [m.place.geonameid for m in direct]


def test_soft_hyphen_entity_in_a_saved_page_is_located(cli_env, python_exe, tmp_path):
    (tmp_path / "shy.html").write_text(
        "<html><head><title>Shelling</title></head><body><article><p>Russian forces shelled Khar&shy;kiv on "
        "Monday, officials said. Three people were killed in the attack on the city.</p></article></body></html>",
        encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", "shy.html", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    rows = read_csv(tmp_path / "o" / "m.incidents.csv")
    assert [r["place"] for r in rows] == ["Kharkiv, Ukraine"]


# -- 9: a corrupt index is one clear error -----------------------------------------------------------------

@pytest.fixture(scope="module")
def corrupt_index(gazetteer_path, tmp_path_factory) -> Path:
    """A copy of the index with 20 MB zeroed in its middle."""
    import shutil

    path = tmp_path_factory.mktemp("corrupt") / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, path)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 3)
        f.write(b"\0" * min(20 << 20, size // 2))
    return path


@pytest.mark.parametrize("args", [
    ["geocode", "Kyiv", "al-Bab, Syria", "Springfield"],
    ["gazetteer", "info"],
    ["map", "pl.csv", "-o", "o/m.html"],
    ["map", "a.txt", "-o", "o/m.html"],
    ["parse", "--text", "Shelling in Kyiv"],
])
def test_corrupt_index_is_one_clear_error(cli_env, python_exe, tmp_path, corrupt_index, args):
    (tmp_path / "pl.csv").write_text("id,title,location\n1,a,Kyiv\n2,b,Aleppo\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**cli_env, "GEOMAP_GAZETTEER": str(corrupt_index)}
    proc = subprocess.run([python_exe, "-m", "geomap", *args, "-q"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    assert f"geomap: error: {corrupt_index} cannot be read" in proc.stderr
    assert "geomap gazetteer build --db" in proc.stderr and "import any GeoNames dumps" in proc.stderr
    assert "unlocated" not in proc.stdout + proc.stderr
    assert not (tmp_path / "o" / "m.html").exists()


def test_geocoder_does_not_call_a_corrupt_index_a_bad_query(corrupt_index):
    from geomap.errors import GazetteerCorruptError
    from geomap.gazetteer import Gazetteer
    from geomap.geocoder import GazetteerGeocoder

    geocoder = GazetteerGeocoder(Gazetteer(corrupt_index))
    with pytest.raises(GazetteerCorruptError, match="cannot be read"):
        for query in ("Kyiv", "al-Bab, Syria", "Springfield", "Paris, Texas", "Aleppo"):
            geocoder.geocode(query)


# -- 17: --png without a browser fails before the work -----------------------------------------------------

def test_png_without_a_browser_fails_first_and_writes_nothing(cli_env, python_exe, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**cli_env, "GEOMAP_CHROMIUM": str(tmp_path / "no-such-chrome")}
    proc = subprocess.run([python_exe, "-m", "geomap", "map", "a.txt", "-o", "o/m.html", "--export", "csv",
                           "--png", "o/m.png"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    assert "--png needs Chromium or Chrome" in proc.stderr
    assert "records read" not in proc.stderr  # nothing located, then thrown away
    assert not list((tmp_path / "o").glob("*"))


# -- 8: a killed write leaves a hot journal: recovered, imports kept ---------------------------------------

def test_hot_journal_of_a_killed_import_is_rolled_back(cli_env, python_exe, tmp_path, gazetteer_copy):
    killed = f'''
import os, signal, sqlite3
c = sqlite3.connect({str(gazetteer_copy)!r}, isolation_level=None)
c.execute("UPDATE places SET population = 1234567 WHERE geonameid = 703448")  # an earlier import: committed
c.execute("PRAGMA cache_size = 10")
c.execute("BEGIN")
c.execute("UPDATE places SET population = population + 1")  # the import killed half-way
os.kill(os.getpid(), signal.SIGKILL)
'''
    subprocess.run([python_exe, "-c", killed], timeout=300)
    journal = gazetteer_copy.with_name(gazetteer_copy.name + "-journal")
    assert journal.exists()
    env = {**cli_env, "GEOMAP_GAZETTEER": str(gazetteer_copy)}
    proc = subprocess.run([python_exe, "-m", "geomap", "geocode", "--format", "json", "Kyiv"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["population"] == 1234567  # the committed change kept, the killed one gone
    assert not journal.exists()


# -- 14 (in part): impossible ISO days, Python's number syntax ----------------------------------------------

def test_impossible_iso_days_and_underscored_numbers_are_not_accepted(cli_env, python_exe, tmp_path):
    from conftest import map_data

    (tmp_path / "d.csv").write_text("id,title,text,lat,lon,date\n"
                                    "a,x,Kyiv,5_0,30.5,2023-12-01\n"
                                    "b,y,Kyiv,50.4,30.5,0000-00-00\n"
                                    "c,z,Kyiv,50.4,30.5,2024-02-03\n"
                                    "d,w,Kyiv,50.4,30.5,2023-13-45\n", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "d.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert "warning: 2 records have dates that could not be read (kept as written), e.g. '0000-00-00'" in err
    assert "unlocated, bad coordinates: '5_0', '30.5' are not numbers: 1" in err
    assert ids_out(tmp_path / "o" / "m") == {"a", "b", "c", "d"}
    page = (tmp_path / "o" / "m.html").read_text(encoding="utf-8")
    assert map_data(page)["dateRange"] == ["2024-02-03", "2024-02-03"]


# -- 14 (the rest): latitude and longitude that look swapped are flagged, not moved -----------------------------

def test_swapped_coordinates_are_flagged_against_the_records_country(cli_env, python_exe, tmp_path):
    (tmp_path / "s.csv").write_text("id,title,text,lat,lon,country\n"
                                    "bad,Shelling,,30.52,50.45,Ukraine\n"     # Kyiv with its columns swapped
                                    "good,Shelling,,50.45,30.52,Ukraine\n"
                                    "nocountry,Shelling,,30.52,50.45,\n"      # nothing to disagree with: not tested
                                    "south,Shelling,,-58.4,-34.6,AR\n", encoding="utf-8")  # Buenos Aires swapped
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "s.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert ids_out(tmp_path / "o" / "m") == {"bad", "good", "nocountry", "south"}
    rows = {r["source_id"]: r for r in read_csv(tmp_path / "o" / "m.incidents.csv")}
    assert rows["bad"]["warning"].startswith("latitude and longitude look swapped: 30.52, 50.45 is in Iran, "
                                             "but 50.45, 30.52 is in Ukraine, the record's country")
    assert "swap this record's lat and lon" in rows["bad"]["warning"]
    assert rows["south"]["warning"].startswith("latitude and longitude look swapped")
    assert rows["good"]["warning"] == "" and rows["nocountry"]["warning"] == ""
    assert (rows["bad"]["lat"], rows["bad"]["lon"]) == ("30.52", "50.45")  # flagged, not moved
    assert "warning: 2 records: latitude and longitude look swapped (e.g. bad, south)" in err


def test_swapped_coordinates_are_flagged_against_the_text_with_check(cli_env, python_exe, tmp_path):
    (tmp_path / "s.csv").write_text("id,title,text,lat,lon\n"
                                    "bad,x,Shelling in Kyiv on Monday.,30.52,50.45\n"
                                    "good,y,Shelling in Kyiv on Monday.,50.45,30.52\n", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "s.csv", "-o", "o/m.html", "--export", "csv",
                          "--check", "50")
    assert code == 0, err
    rows = {r["source_id"]: r for r in read_csv(tmp_path / "o" / "m.incidents.csv")}
    assert set(rows) == {"bad", "good"}
    assert "look swapped" in rows["bad"]["warning"] and "where its text places it" in rows["bad"]["warning"]
    assert rows["good"]["warning"] == ""


def test_swap_check_leaves_points_that_swap_onto_themselves_or_off_the_globe(gazetteer):
    from geomap.geoparser import Geoparser
    from geomap.pipeline import _Run

    run = _Run(Geoparser(gazetteer), use_coordinates=True, use_place_names=True, use_record_context=True,
               check=False)
    assert run._swapped((31.0, 31.0), "UA", "the record's country") == ""     # (lon, lat) is the same point
    assert run._swapped((10.0, 120.0), "PH", "the record's country") == ""    # 120 is no latitude
    assert run._swapped((50.45, 30.52), None, "the record's country") == ""    # no country: not tested


# -- 15: messages that say what is wrong ---------------------------------------------------------------------

def test_truncated_zip_dump_is_called_a_damaged_archive(cli_env, python_exe, tmp_path, gazetteer_copy):
    import zipfile

    row = "1\tA\tA\t\t1.0\t2.0\tP\tPPL\tSY\t\t01\t\t\t\t100\t\t\t\t2020-01-01\n"
    with zipfile.ZipFile(tmp_path / "SY.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("SY.txt", row * 20000)
    data = (tmp_path / "SY.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[:len(data) // 2])
    code, _, err = geomap(cli_env, python_exe, tmp_path, "gazetteer", "import", "-q", "--db", gazetteer_copy,
                          "cut.zip")
    assert code == 1
    assert "cut.zip: a damaged or incomplete zip archive" in err and "download it again" in err
    assert "UTF-8" not in err


@pytest.mark.parametrize("name, encoding", [("u16.csv", "utf-16-le"), ("u16.txt", "utf-16-be"),
                                            ("u32.csv", "utf-32-le")])
def test_wide_text_without_a_byte_order_mark_is_named(cli_env, python_exe, tmp_path, name, encoding):
    (tmp_path / name).write_bytes("id,title,text\n1,a,Shelling in Kyiv\n".encode(encoding))
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", name, "-o", "o/m.html")
    assert code == 1
    assert f"{name}: the file looks like UTF-16 or UTF-32 text without a byte-order mark" in err
    assert "found no column" not in err


def test_utf32_with_a_byte_order_mark_is_read(cli_env, python_exe, tmp_path):
    (tmp_path / "u.csv").write_bytes("id,title,text\n1,a,Shelling in Kyiv\n".encode("utf-32"))
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "u.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert "decoded as utf-32" in err
    assert ids_out(tmp_path / "o" / "m") == {"1"}


# -- 11: temporary files of killed runs are removed by the next run ------------------------------------------

def test_stale_temporaries_of_dead_processes_are_removed(cli_env, python_exe, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    dead = subprocess.run([python_exe, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()  # a process that has ended
    out = tmp_path / "o"
    out.mkdir()
    stale = [out / f".m.html.{dead}.abcd.tmp", out / f".m.incidents.csv.{dead}.x1.tmp"]
    kept = [out / ".m.html.1.live.tmp",  # PID 1 runs: not ours to touch
            out / ".other.html.123.x.tmp", out / ".m.html.noid.tmp"]
    for f in stale + kept:
        f.write_bytes(b"half a file")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", "a.txt", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert not any(f.exists() for f in stale)
    assert all(f.exists() for f in kept)
    assert not [f for f in out.glob(".*.tmp") if f not in kept]  # and none of its own left


def test_stale_temporary_of_a_killed_build_is_removed(tmp_path):
    import os

    from geomap.export import remove_stale_temporaries

    index = tmp_path / "gazetteer-v2.sqlite"
    stale = tmp_path / f".{index.name}.{2 ** 22 + 12345}.tmp"  # above any default pid_max: no such process
    own = tmp_path / f".{index.name}.{os.getpid()}.tmp"
    stale.write_bytes(b"77 MB of a killed build")
    own.write_bytes(b"this process's build")
    remove_stale_temporaries(index)
    assert not stale.exists() and own.exists()


# -- 10: a run killed while drawing the picture leaves the old outputs whole ------------------------------------

def test_kill_during_png_leaves_the_old_set_and_the_next_run_cleans_up(cli_env, python_exe, tmp_path):
    import os
    import signal
    import time

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Shelling in Kyiv on Tuesday.\n", encoding="utf-8")
    outputs = ["m.html", "m.incidents.csv", "m.mentions.csv", "m.unlocated.csv"]
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", "a.txt", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    old = {name: (tmp_path / "o" / name).read_bytes() for name in outputs}
    browser = tmp_path / "slow-chrome"  # a browser that never finishes: the run is killed while it draws
    started = tmp_path / "drawing"
    browser.write_text(f"#!/bin/sh\ntouch {started}\nsleep 600\n", encoding="utf-8")
    browser.chmod(0o755)
    env = {**cli_env, "GEOMAP_CHROMIUM": str(browser)}
    proc = subprocess.Popen([python_exe, "-m", "geomap", "map", "-q", "b.txt", "-o", "o/m.html", "--export", "csv",
                             "--png", "o/m.png"], env=env, cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not started.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert started.exists(), "the run never reached the picture"
        proc.kill()  # kill -9 of the geomap process, mid --png
        proc.wait(timeout=60)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # and the fake browser it started
        except ProcessLookupError:
            pass
    assert {name: (tmp_path / "o" / name).read_bytes() for name in outputs} == old  # all old
    assert not (tmp_path / "o" / "m.png").exists()
    assert list((tmp_path / "o").glob(".*.tmp*"))  # what the killed run left ...
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "-q", "b.txt", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert not list((tmp_path / "o").glob(".*.tmp*"))  # ... the next run removes
    assert "Kyiv" in (tmp_path / "o" / "m.incidents.csv").read_text(encoding="utf-8")  # all new


# -- targets: kill -9 at random moments, then a new run succeeds and the outputs are all old or all new ---------

def _kill_at(args: list, env: dict, cwd: Path, after: float) -> None:
    """Start ``args``, SIGKILL it ``after`` seconds later (if it still runs), and reap it."""
    proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=60)


def _timed(args: list, env: dict, cwd: Path) -> float:
    """Run ``args`` to completion (it must succeed, without a traceback); its wall time in seconds."""
    import time

    start = time.monotonic()
    proc = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return time.monotonic() - start


def _records(prefix: str, n: int) -> str:
    """``n`` records with coordinates, one with a text and one unlocated: every table tells the sets apart."""
    rows = [f"{prefix}{i},{prefix} record {i},,{44 + (i * 7919 % 800) / 100},{23 + (i * 104729 % 1700) / 100}"
            for i in range(n)]
    rows += [f"{prefix}-text,{prefix} text,Shelling in Kyiv on Monday.,,", f"{prefix}-none,{prefix} nothing,,,"]
    return "id,title,text,lat,lon\n" + "\n".join(rows) + "\n"


def test_map_export_killed_at_random_moments_leaves_all_old_or_all_new(cli_env, python_exe, tmp_path):
    import random

    outputs = ["m.html", "m.incidents.csv", "m.mentions.csv", "m.unlocated.csv"]
    out = tmp_path / "o"

    def run(which_set: str, into: str = "o") -> list:
        return [python_exe, "-m", "geomap", "map", "-q", f"{which_set}.csv", "-o", f"{into}/m.html", "--export", "csv",
                "--title", f"{which_set} set"]

    for which_set in ("old", "new"):  # the files' names are in the event ids: the mentions differ too
        (tmp_path / f"{which_set}.csv").write_text(_records(which_set, 3000), encoding="utf-8")
    seconds = _timed(run("new", "ref"), cli_env, tmp_path)  # the complete new set, and its run time
    new = {n: (tmp_path / "ref" / n).read_bytes() for n in outputs}
    _timed(run("old"), cli_env, tmp_path)
    old = {n: (out / n).read_bytes() for n in outputs}
    assert all(old[n] != new[n] for n in outputs)

    def which(name: str) -> str:
        data = (out / name).read_bytes()
        if name.endswith(".html"):  # the page's ids are random: its title tells
            return "old" if b"<title>old set</title>" in data else "new" if b"<title>new set</title>" in data else "?"
        return "old" if data == old[name] else "new" if data == new[name] else "?"

    rng = random.Random(3)  # fixed moments, so that a failure can be repeated
    moments = sorted(rng.uniform(0.05, seconds) for _ in range(3))
    for after in moments:
        _kill_at(run("new"), cli_env, tmp_path, after)
        states = {name: which(name) for name in outputs}
        assert len(set(states.values())) == 1 and "?" not in states.values(), (after, states)
    _timed(run("new"), cli_env, tmp_path)  # the next run succeeds ...
    assert {name: which(name) for name in outputs} == dict.fromkeys(outputs, "new")  # ... with the whole new set
    assert not list(out.glob(".*.tmp*"))  # and what killed runs left is gone


def test_gazetteer_import_killed_at_random_moments_is_all_or_nothing(cli_env, python_exe, tmp_path,
                                                                     gazetteer_copy):
    import random
    import sqlite3
    from contextlib import closing

    from conftest import DATA_DIR
    from geomap.gazetteer import Gazetteer

    # The sample's 50 rows 40 times over with ids of their own: long enough an import for kills to land in it.
    sample = (DATA_DIR / "geonames_sample.txt").read_text(encoding="utf-8").splitlines()
    rows = [f"{900_000_000 + n}\t" + line.split("\t", 1)[1] for n, line in enumerate(sample * 40)]
    dump = tmp_path / "dump.txt"
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    source = "import:dump.txt"
    run = [python_exe, "-m", "geomap", "gazetteer", "import", "-q", "--db", str(gazetteer_copy), str(dump)]

    def imported() -> tuple[int, int]:
        """(rows from the dump, its rows in the sources table), after the recovery any read does."""
        Gazetteer(gazetteer_copy, build=False, progress=False).close()  # rolls back a killed import's journal
        with closing(sqlite3.connect(gazetteer_copy)) as conn:
            places = conn.execute("SELECT count(*) FROM places WHERE source = ?", (source,)).fetchone()[0]
            sources = conn.execute("SELECT count(*) FROM sources WHERE path = ?", (str(dump.resolve()),))
            return places, sources.fetchone()[0]

    assert imported() == (0, 0)
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(gazetteer_copy, pristine)
    seconds = _timed(run, cli_env, tmp_path)  # the complete import, and its run time
    assert imported() == (len(rows), 1)
    rng = random.Random(3)
    for after in sorted(rng.uniform(0.05, seconds) for _ in range(3)):
        shutil.copy(pristine, gazetteer_copy)  # the old index, before each killed import
        _kill_at(run, cli_env, tmp_path, after)
        assert imported() in {(0, 0), (len(rows), 1)}, after  # nothing of the dump, or the whole dump once
    if imported() == (0, 0):  # the last kill stopped it: the next import completes it
        _timed(run, cli_env, tmp_path)
    assert imported() == (len(rows), 1)
    with closing(sqlite3.connect(gazetteer_copy)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


# -- 12: concurrent first builds: one builds, the other waits and opens it -------------------------------------

def test_concurrent_first_builds_build_once(python_exe, tmp_path, monkeypatch):
    from geomap import gazetteer_build

    calls = []
    real = gazetteer_build.build_gazetteer

    def counted(path, **kw):
        calls.append(path)
        return real(path, **kw)

    monkeypatch.setattr(gazetteer_build, "build_gazetteer", counted)
    import threading

    from geomap.gazetteer import _build_once

    index = tmp_path / "cache" / "gazetteer.sqlite"
    threads = [threading.Thread(target=_build_once, args=(index, False)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and index.is_file()


# -- property: random mixtures of good and bad cells never show a traceback and never lose a record ---------------

GOOD_AND_BAD = {
    "title": ["Shelling", "=1+1", "\x00=cmd", "\uff1d1", "-12.5", "", "\u200b@SUM(1)"],
    "text": ["Shelling in Kyiv.", "Clashes near al-Bab, Syria.", "Ky\u200biv was hit.", "", "Nothing happened.",
             "\ud800 in Kharkiv", "x" * 300],
    "lat": ["50.45", "", "abc", "inf", "1e999", "5_0", "-91", "NaN", "0"],
    "lon": ["30.52", "", "-Infinity", "200", "0", "1_0"],
    "geo_precision": ["1", "", "inf", "1e999", "Infinity", "-3", "x"],
    "date": ["2024-01-02", "2023-13-45", "0000-00-00", "14/08/2020", "", "yesterday"],
    "location": ["Aleppo", "", "Xqzzyvv", "Khar\u00adkiv"],
    "fatalities": ["3", "-12.5", "", "=2+2"],
}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in GOOD_AND_BAD.items()}),
                min_size=1, max_size=8), st.sampled_from(["csv", "jsonl"]))
def test_random_good_and_bad_cells_never_lose_a_record(cli_gazetteer, rows, fmt):
    import io
    import tempfile
    from contextlib import redirect_stderr, redirect_stdout

    from geomap.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = [{"id": f"r{i}", **row} for i, row in enumerate(rows)]
        if fmt == "csv":
            rows = [{k: v.replace("\ud800", "\ufffd") for k, v in row.items()} for row in rows]  # no surrogate in UTF-8
            with open(tmp / "in.csv", "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, ["id", *GOOD_AND_BAD])
                writer.writeheader()
                writer.writerows(rows)
        else:
            (tmp / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            code = main(["map", "-q", str(tmp / f"in.{fmt}"), "-o", str(tmp / "o" / "m.html"), "--export", "csv"])
        assert code == 0, err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert ids_out(tmp / "o" / "m") == {r["id"] for r in rows}
