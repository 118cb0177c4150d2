"""``geomap map``: articles and event tables to an HTML map and exported tables, run in-process."""

from __future__ import annotations

import csv
import json
import os
import shlex
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.schema import INCIDENTS, MENTIONS, UNLOCATED
from conftest import map_data
from synthetic_data import acled_csv

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
REPO_ROOT = TESTS_DIR.parent
ACLED = acled_csv()
UCDP = DATA_DIR / "ucdp_synthetic.csv"

README_PREFIX = "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/geomap "

# Payloads that would run script in the map page if a title or text reached it unescaped.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "`${alert(1)}`",
    "</script><script>alert(2)</script>",
    "\\`;alert(3);//",
]
FORMULAS = ['=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(1)"]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_generic_csv(path: Path, rows: list[dict]) -> Path:
    header = ["id", "date", "title", "text", "url", "location", "lat", "lon", "category"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header, restval="")
        w.writeheader()
        w.writerows(rows)
    return path


def hostile_rows() -> list[dict]:
    rows = []
    places = ["Kupiansk", "al-Bab", "Idlib", "Izium", "Homs"]
    for i, payload in enumerate(PAYLOADS):
        # The payload is in the title and in the sentence that names the place, so it reaches the popup.
        rows.append({"id": f"x{i}", "date": "2024-03-0" + str(i + 1), "title": payload,
                     "text": f"Shelling in {places[i]} {payload} was reported.", "category": payload})
    for i, formula in enumerate(FORMULAS):
        rows.append({"id": f"f{i}", "title": formula, "text": f"Clashes near al-Bab, Syria. {formula}",
                     "category": formula})
    rows.append({"id": "p1", "title": "place only", "location": "Aleppo"})
    rows.append({"id": "c1", "title": "coords only", "lat": "36.2", "lon": "37.1", "url": "https://example.org/c1"})
    rows.append({"id": "u1", "title": "=1+1", "text": "Nothing happened."})
    rows.append({"id": "u2", "title": "bad coords", "lat": "abc", "lon": "1", "text": "Aleppo"})
    return rows


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture
def hostile_run(capsys, cli_gazetteer, tmp_path):
    src = write_generic_csv(tmp_path / "hostile.csv", hostile_rows())
    out = tmp_path / "tmp" / "map.html"
    code, stdout, err = run(capsys, "map", src, "-o", out, "--export", "csv", "-q")
    return code, stdout, err, out


def test_hostile_map_exits_zero_and_is_escaped(hostile_run):
    code, stdout, err, out = hostile_run
    assert code == 0, err
    assert stdout == ""
    page = out.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in page  # as markup, nowhere
    # The titles are in the page's data, as text (the page puts them into the DOM as text).
    titles = set(map_data(page)["title"])
    assert set(PAYLOADS) <= titles
    scan = _Scan()
    scan.feed(page)
    scan.close()
    assert not [attrs for tag, attrs in scan.tags if tag == "img"]
    assert not [attrs for tag, attrs in scan.tags if any(k.startswith("on") for k in attrs)]
    for body in scan.scripts:
        assert not body.strip().startswith("alert(")


def test_hostile_exports_next_to_the_map(hostile_run):
    code, _, err, out = hostile_run
    assert code == 0, err
    files = sorted(p.name for p in out.parent.iterdir())
    assert files == ["map.html", "map.incidents.csv", "map.mentions.csv", "map.unlocated.csv"]
    incidents = read_csv(out.parent / "map.incidents.csv")
    unlocated = read_csv(out.parent / "map.unlocated.csv")
    mentions = read_csv(out.parent / "map.mentions.csv")
    with open(out.parent.parent / "hostile.csv", encoding="utf-8", newline="") as f:
        own = [c if c in ("id", "location") else f"input_{c}" for c in next(csv.reader(f))
               if c not in ("title", "text")]  # the input's columns come back after ours
    with open(out.parent / "map.incidents.csv", encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == INCIDENTS + tuple(own)
    with open(out.parent / "map.unlocated.csv", encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == UNLOCATED + tuple(own)
    with open(out.parent / "map.mentions.csv", encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == MENTIONS
    ids = [r["id"] for r in hostile_rows()]
    got = [r["source_id"] for r in incidents] + [r["source_id"] for r in unlocated]
    assert sorted(got) == sorted(ids)
    assert {r["event_id"] for r in incidents}.isdisjoint(r["event_id"] for r in unlocated)
    assert {r["source_id"]: r["reason"] for r in unlocated}["u2"].startswith("bad coordinates")
    assert mentions and all(r["event_id"] for r in mentions)
    located_by = {r["source_id"]: r["located_by"] for r in incidents}
    assert located_by["p1"] == "place name" and located_by["c1"] == "coordinates" \
        and located_by["x1"].startswith("text: ")


def test_hostile_exports_are_formula_safe(hostile_run):
    code, _, err, out = hostile_run
    assert code == 0, err
    rows = read_csv(out.parent / "map.incidents.csv") + read_csv(out.parent / "map.unlocated.csv")
    titles = {r["source_id"]: r["title"] for r in rows}
    for i, formula in enumerate(FORMULAS):
        assert titles[f"f{i}"] == "'" + formula
    assert titles["u1"] == "'=1+1"
    incidents = {r["source_id"]: r for r in read_csv(out.parent / "map.incidents.csv")}
    for i, formula in enumerate(FORMULAS):
        assert incidents[f"f{i}"]["category"] == "'" + formula
    # Numbers stay numbers; plain text is untouched.
    assert incidents["c1"]["lat"] == "36.2" and incidents["c1"]["lon"] == "37.1"
    assert incidents["x0"]["title"] == "<script>alert(1)</script>"
    for path in out.parent.glob("*.csv"):
        for row in csv.reader(open(path, encoding="utf-8", newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path.name, cell)
                if cell.startswith("-"):
                    float(cell)  # only a negative number may start with '-'


def test_exported_ids_are_integers_and_missing_values_empty(capsys, cli_gazetteer, tmp_path):
    src = write_generic_csv(tmp_path / "mix.csv", [
        {"id": "t1", "text": "Clashes near al-Bab, Syria."},
        {"id": "c1", "lat": "36.2", "lon": "37.1"},
    ])
    out = tmp_path / "out" / "map.html"
    code, _, err = run(capsys, "map", src, "-o", out, "--export", "csv", "-q")
    assert code == 0, err
    rows = {r["source_id"]: r for r in read_csv(out.parent / "map.incidents.csv")}
    assert rows["t1"]["geonameid"] == "174018"
    assert (rows["t1"]["start"], rows["t1"]["end"]) == ("13", "19")
    assert rows["c1"]["geonameid"] == "" and rows["c1"]["start"] == ""
    assert "nan" not in {v for r in rows.values() for v in r.values()}


def test_geojson_export(capsys, cli_gazetteer, tmp_path):
    out = tmp_path / "g" / "map.html"
    code, _, err = run(capsys, "map", ACLED, UCDP, "-o", out, "--export", "geojson", "--export", "csv", "-q")
    assert code == 0, err
    incidents = read_csv(out.parent / "map.incidents.csv")
    path = out.parent / "map.incidents.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(incidents) == 6
    by_id = {r["event_id"]: r for r in incidents}
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geom = feature["geometry"]
        assert geom["type"] == "Point"
        lon, lat = geom["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
        row = by_id[feature["properties"]["event_id"]]
        assert (lat, lon) == (float(row["lat"]), float(row["lon"]))
        assert "lat" not in feature["properties"] and "lon" not in feature["properties"]
    kupiansk = next(f for f in data["features"] if f["properties"]["source_id"] == "UKRSYN001")
    assert kupiansk["geometry"]["coordinates"] == [37.6158, 49.71]  # [lon, lat]
    mentions = json.loads((out.parent / "map.mentions.geojson").read_text(encoding="utf-8"))
    assert mentions["type"] == "FeatureCollection"
    assert not (out.parent / "map.unlocated.geojson").exists()  # no coordinates to map


def test_geojson_is_strict_json(capsys, cli_gazetteer, tmp_path):
    """No NaN/Infinity tokens: other tools (and JSON.parse) reject them."""
    src = write_generic_csv(tmp_path / "mix.csv", [
        {"id": "t1", "text": "Clashes near al-Bab, Syria."},
        {"id": "c1", "lat": "36.2", "lon": "37.1"},
        {"id": "p1", "location": "Aleppo"},
    ])
    out = tmp_path / "out" / "map.html"
    code, _, err = run(capsys, "map", src, "-o", out, "--export", "geojson", "-q")
    assert code == 0, err

    def no_constants(name):
        raise AssertionError(f"non-standard JSON constant {name}")

    data = json.loads((out.parent / "map.incidents.geojson").read_text(encoding="utf-8"),
                      parse_constant=no_constants)
    assert len(data["features"]) == 3


# -- the command line --------------------------------------------------------------------

def test_map_help_has_examples(capsys):
    code, out, _ = run(capsys, "map", "--help")
    assert code == 0
    assert "Usage:" in out and "Example" in out


def test_map_missing_file_is_a_one_line_error(capsys, cli_gazetteer, tmp_path):
    missing = tmp_path / "no_such_input.csv"
    out = tmp_path / "o" / "map.html"
    code, stdout, err = run(capsys, "map", missing, "-o", out)
    assert code == 1
    assert stdout == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("geomap: error:") and str(missing) in lines[0]
    assert not out.exists()


def test_map_undetectable_table_is_a_one_line_error(capsys, cli_gazetteer, tmp_path):
    bad = tmp_path / "cols.csv"
    bad.write_text("id,colour\n1,red\n", encoding="utf-8")
    code, _, err = run(capsys, "map", bad, "-o", tmp_path / "m.html")
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "id, colour" in err


def test_map_without_inputs_is_a_usage_error(capsys, cli_gazetteer, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "map")
    assert code == 2
    assert "Traceback" not in err
    assert not (tmp_path / "outputs").exists()


def test_map_text_col(capsys, cli_gazetteer, tmp_path):
    src = tmp_path / "reports.csv"
    src.write_text("ref,story\nk1,Clashes near al-Bab. Syria.\n", encoding="utf-8")
    out = tmp_path / "o" / "map.html"
    code, _, err = run(capsys, "map", src, "--text-col", "story", "--id-col", "ref", "-o", out,
                       "--export", "csv", "-q")
    assert code == 0, err
    (row,) = read_csv(out.parent / "map.incidents.csv")
    assert row["source_id"] == "k1" and row["geonameid"].split(".")[0] == "174018"


def test_map_area_reads_a_local_feed_in_its_area(capsys, cli_gazetteer, tmp_path):
    # a local paper writes its own town bare: "Berea" alone is the district of Lesotho (the largest of the
    # name), in a Kentucky paper's feed Berea, Kentucky; a record with a country of its own keeps it
    src = tmp_path / "feed.csv"
    src.write_text("id,story,country\n"
                   "b1,Berea police are searching for a suspect in a robbery outside an apartment complex.,\n"
                   "k1,Clashes were reported near al-Bab.,Syria\n", encoding="utf-8")
    places = {}
    for area in ("", "Kentucky, United States"):
        out = tmp_path / (area[:4] or "none") / "map.html"
        code, _, err = run(capsys, "map", src, "--text-col", "story", "--id-col", "id", "-o", out, "--export",
                           "csv", "-q", *(("--area", area) if area else ()))
        assert code == 0, err
        places[area] = {r["source_id"]: r["place"] for r in read_csv(out.parent / "map.incidents.csv")}
    assert places[""]["b1"] == "Berea, Lesotho"
    assert places["Kentucky, United States"]["b1"] == "Berea, Kentucky, United States"
    assert places[""]["k1"] == places["Kentucky, United States"]["k1"] == "Al Bāb, Aleppo, Syria"


def test_map_unknown_area_is_a_usage_error_with_a_guess(capsys, cli_gazetteer, tmp_path):
    src = tmp_path / "feed.csv"
    src.write_text("id,story\nb1,Berea police said.\n", encoding="utf-8")
    out = tmp_path / "o" / "map.html"
    code, _, err = run(capsys, "map", src, "--text-col", "story", "-o", out, "--area", "Kentuky")
    assert code == 2 and "Traceback" not in err
    assert "--area" in err and "did you mean 'Kentucky'?" in err
    assert not out.exists()
    code, _, err = run(capsys, "map", src, "--text-col", "story", "-o", out, "--area", "Texas, France")
    assert code == 2 and "'Texas' is no first-level region" in err


def test_map_ignore_coordinates(capsys, cli_gazetteer, tmp_path):
    out = tmp_path / "o" / "map.html"
    code, _, err = run(capsys, "map", ACLED, "-o", out, "--ignore-coordinates", "--export", "csv", "-q")
    assert code == 0, err
    rows = read_csv(out.parent / "map.incidents.csv")
    assert rows and {r["located_by"].split(":")[0] for r in rows} <= {"text", "place name", "place description"}
    assert not any(r["located_by"] == "coordinates" for r in rows)


def test_map_summary_on_stderr(capsys, cli_gazetteer, tmp_path):
    out = tmp_path / "o" / "map.html"
    code, stdout, err = run(capsys, "map", ACLED, UCDP, "-o", out)
    assert code == 0, err
    assert stdout == ""
    assert "6 records read: 6 located, 0 unlocated" in err
    assert "schema acled" in err and "schema ucdp-ged" in err
    assert f"Wrote {out}" in err
    assert out.is_file()


def test_map_silent_says_nothing_and_quiet_keeps_the_summary(capsys, cli_gazetteer, tmp_path):
    code, stdout, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.html", "--silent")
    assert code == 0 and stdout == "" and err == ""
    code, stdout, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.html", "-q")
    assert code == 0 and stdout == "" and "3 records read: 3 located" in err and f"Wrote {tmp_path / 'm.html'}" in err
    assert "Locating" not in err


def test_progress_in_a_log_is_plain_lines(capsys, cli_gazetteer, tmp_path):
    # stderr is no terminal here: no carriage returns or escape codes, one plain line at the end
    src = tmp_path / "many.csv"
    src.write_text("id,text\n" + "".join(f"r{i},Shelling hit Kupiansk.\n" for i in range(30)), encoding="utf-8")
    code, _, err = run(capsys, "map", src, "-o", tmp_path / "m.html")
    assert code == 0, err
    assert "\r" not in err and "\x1b" not in err
    assert "Locating: 30/30 records (100%) in " in err


def test_parse_dash_reads_stdin(capsys, cli_gazetteer, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Clashes near al-Bab, Syria."))
    code, out, err = run(capsys, "parse", "-")
    assert code == 0, err
    record = json.loads(out)
    assert record["id"] == "stdin" and any(t["geonameid"] == 174018 for t in record["toponyms"])


def test_every_name_geomap_exports_imports():
    import geomap
    import geomap.accessor

    for name in geomap.__all__:
        assert getattr(geomap, name) is not None, name
    for name in geomap.accessor.__all__:
        assert getattr(geomap.accessor, name) is not None, name


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_output_files_follow_the_umask(capsys, cli_gazetteer, tmp_path, umask):
    out = tmp_path / "o" / "map.html"
    old = os.umask(umask)
    try:
        code, _, err = run(capsys, "map", ACLED, "-o", out, "--export", "csv", "--export", "geojson", "-q")
    finally:
        os.umask(old)
    assert code == 0, err
    written = sorted(out.parent.iterdir())
    assert len(written) == 6  # map + 3 CSV + 2 GeoJSON
    for path in written:
        mode = path.stat().st_mode & 0o777
        assert mode == 0o666 & ~umask, (path.name, oct(mode))
        assert mode != 0o600
    assert not [p for p in written if p.name.startswith(".")]  # no temporary files left


def test_map_wikinews_directory(capsys, cli_gazetteer, tmp_path):
    out = tmp_path / "w" / "map.html"
    code, _, err = run(capsys, "map", REPO_ROOT / "samples" / "wikinews", "-o", out, "--export", "csv")
    assert code == 0, err
    assert "40 records read" in err
    incidents = read_csv(out.parent / "map.incidents.csv")
    unlocated = read_csv(out.parent / "map.unlocated.csv")
    assert len(incidents) + len(unlocated) == 40
    assert len({r["event_id"] for r in incidents + unlocated}) == 40
    page = out.read_text(encoding="utf-8")
    assert map_data(page)["n"] == len(incidents)


# -- the README's first quick-start command ----------------------------------------------

def _readme_quickstart_args() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Quick start")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end != -1 else None]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith(README_PREFIX)]
    assert lines, f"no line starting with {README_PREFIX!r} in the Quick start section"
    return shlex.split(lines[0][len(README_PREFIX):])


def test_readme_first_command(capsys, cli_gazetteer, tmp_path, monkeypatch):
    args = _readme_quickstart_args()
    assert args and args[0] in {"map", "geocode"}
    # Run it in a copy of the paths it reads (samples/), so its outputs/ land in tmp_path.
    shutil.copytree(REPO_ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 0, err
    assert "Traceback" not in err
    html_outputs = [a for a in args if a.endswith(".html")]
    if args[0] == "map" and not html_outputs:
        html_outputs = ["outputs/map.html"]  # the default
    assert html_outputs
    for rel in html_outputs:
        page = tmp_path / rel
        assert page.is_file(), f"{rel} was not written"
        assert map_data(page.read_text(encoding="utf-8"))["n"] > 0
    if args[0] == "map" and "--export" in args:
        stem = (tmp_path / html_outputs[0]).with_suffix("")
        fmt = args[args.index("--export") + 1]
        for name in ("incidents", "mentions", "unlocated"):
            assert Path(f"{stem}.{name}.{fmt}").is_file()


def test_encoding_and_separator_given_by_the_user(capsys, cli_gazetteer, tmp_path):
    src = tmp_path / "uk.csv"
    src.write_bytes("id|location|notes\n1|Kupiansk|Обстріл\n".encode("cp1251"))
    out = tmp_path / "o" / "m.html"
    code, _, err = run(capsys, "map", "--events", src, "-o", out, "--encoding", "cp1251", "--sep", "pipe",
                       "--export", "csv", "-q")
    assert code == 0, err
    assert "decoded as cp1251, separated by '|'" in err
    (row,) = read_csv(out.parent / "m.incidents.csv")
    assert row["text"] == "Обстріл"
    # an encoding the file is not in is an error that says where
    code, _, err = run(capsys, "map", "--events", src, "-o", out, "--encoding", "utf-8")
    assert code == 1 and "not utf-8 text: byte" in err and "--encoding" in err
    code, _, err = run(capsys, "map", "--events", src, "-o", out, "--encoding", "klingon")
    assert code == 2 and "no text encoding" in err


# -- pictures: -o x.png and --png-size ------------------------------------------------------

@pytest.mark.parametrize("size", ["1600", "1600x", "x1000", "axb", "1600x1000x3", "50x50", "99999x1000", "0x0"])
def test_png_size_must_be_width_x_height(capsys, tmp_path, size):
    code, _, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.png", "--png-size", size)
    assert code == 2
    assert "--png-size" in err and "WIDTHxHEIGHT" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_png_size_needs_a_picture(capsys, tmp_path):
    code, _, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.html", "--png-size", "800x600")
    assert code == 2 and "--png-size needs a picture" in err


def test_o_names_png_pictures_only(capsys, tmp_path):
    code, _, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.jpg")
    assert code == 2 and "PNG pictures only" in err and "m.png" in err
    code, _, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.png", "--png", tmp_path / "other.png")
    assert code == 2 and "already draws the picture" in err
    assert list(tmp_path.iterdir()) == []


def test_o_png_without_a_browser_says_what_to_do(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-chrome"))
    code, _, err = run(capsys, "map", ACLED, "-o", tmp_path / "m.png")
    assert code == 1 and "apt install chromium" in err
    assert list(tmp_path.iterdir()) == []  # checked before the work: nothing written, not even m.html
