"""The ``geomap`` command, run in-process (and once as a subprocess)."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from geomap.cli import main
from conftest import map_data

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
DATA_DIR = TESTS_DIR / "data"
PLACES_TXT = REPO_ROOT / "samples" / "places.txt"



def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sample_queries() -> list[str]:
    lines = PLACES_TXT.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_geocode_al_bab(capsys, cli_gazetteer):
    code, out, err = run(capsys, "geocode", "al-Bab, Syria")
    assert code == 0, err
    assert "Al Bāb" in out
    assert "36.37051" in out and "geonameid 174018" in out
    assert "1 queries: 1 located, 0 unlocated" in err


def test_geocode_suggests_the_closest_spelling(capsys, cli_gazetteer):
    code, out, err = run(capsys, "geocode", "Mauritious")
    assert code == 0
    assert "did you mean 'Mauritius'" in out and "0 located, 1 unlocated" in err


def test_geocode_json(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "geocode", "--format", "json", "al-Bab, Syria", "Xqzzyvv Qwrt")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["status"] == "located" and records[0]["geonameid"] == 174018
    assert records[1]["status"] == "unlocated" and records[1]["reason"]


def test_geocode_country_and_all(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "geocode", "-q", "--country", "SY", "al-Rai")
    assert code == 0 and "Ar Rā‘ī" in out
    code, out, _ = run(capsys, "geocode", "-q", "--all", "--limit", "3", "Springfield")
    assert code == 0 and len(out.splitlines()) == 3


def test_geocode_reverse(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "geocode", "-q", "--reverse", "36.37,37.52")
    assert code == 0
    assert "Al Bāb, Aleppo, Syria" in out and " km" in out


def test_geocode_csv_stdout_is_formula_safe(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "geocode", "-q", "--format", "csv", "=cmd|calc", "al-Bab, Syria")
    assert code == 0
    rows = list(csv.reader(out.splitlines()))
    assert rows[0][0] == "query"
    assert rows[1][0] == "'=cmd|calc"
    assert rows[2][3] == "Al Bāb"


def test_geocode_csv_stdout_and_file_have_one_layout(capsys, cli_gazetteer, tmp_path):
    out_csv = tmp_path / "g.csv"
    args = ["geocode", "-q", "=cmd|calc", "al-Bab, Syria", "Nowhere-upon-Thames"]
    code, out, _ = run(capsys, *args, "--format", "csv", "-o", out_csv)
    assert code == 0
    assert out.replace("\r\n", "\n") == out_csv.read_text(encoding="utf-8").replace("\r\n", "\n")
    rows = list(csv.DictReader(out.splitlines()))
    assert [r["status"] for r in rows] == ["unlocated", "located", "unlocated"]
    assert rows[0]["query"] == "'=cmd|calc" and rows[1]["geonameid"] == "174018"


def test_geocode_without_queries_is_a_usage_error(capsys, cli_gazetteer):
    code, _, err = run(capsys, "geocode")
    assert code == 2
    assert "give at least one query" in err


def test_a_missing_index_named_by_the_environment_is_not_said_to_be_built(capsys):
    """$GEOMAP_GAZETTEER names an index that does not exist (conftest): geomap says how to build it, and
    does not announce a build it will not do."""
    code, _, err = run(capsys, "geocode", "al-Bab")
    assert code != 0
    assert "geomap gazetteer build --db" in err and "Building the gazetteer" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["gazetteer", "build", "--help"],
        ["gazetteer", "import", "--help"],
        ["geocode", "--help"],
        ["gazetteer", "--help"],
        ["gazetteer", "info", "--help"],
    ],
    ids=lambda a: " ".join(a),
)
def test_help_has_examples(capsys, args):
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "Usage:" in out
    assert "Example" in out


@pytest.mark.parametrize("args", [["gazetteer", "--help"], ["gazetteer", "info", "--help"]],
                         ids=lambda a: " ".join(a))
def test_help_exits_zero(capsys, args):
    code, out, _ = run(capsys, *args)
    assert code == 0 and "Usage:" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "0.1.0" in out


def test_gazetteer_info(capsys, cli_gazetteer):
    code, out, err = run(capsys, "gazetteer", "info")
    assert code == 0, err
    assert "Places:" in out
    assert str(cli_gazetteer) in out
    assert "Sources:" in out and "cities500_focus_countries.txt" in out


def test_gazetteer_info_json(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "gazetteer", "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["places"] > 200_000 and info["path"] == str(cli_gazetteer)


def test_gazetteer_info_missing_db(capsys, cli_gazetteer):
    code, out, err = run(capsys, "gazetteer", "info", "--db", "/nonexistent/x.sqlite")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("geomap: error:")
    assert "/nonexistent/x.sqlite" in lines[0] and "geomap gazetteer build" in lines[0]
    assert not Path("/nonexistent/x.sqlite").exists()


def test_gazetteer_info_corrupt_db(capsys, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database\n" * 100)
    code, _, err = run(capsys, "gazetteer", "info", "--db", str(bad))
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(bad) in err


def test_unknown_command(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert "No such command" in err and "Traceback" not in err


def test_unknown_option(capsys, cli_gazetteer):
    code, _, err = run(capsys, "geocode", "--no-such-option", "x")
    assert code == 2 and "Traceback" not in err


def test_import_bad_columns(capsys, gazetteer_copy):
    bad = DATA_DIR / "geonames_bad_columns.txt"
    code, out, err = run(capsys, "gazetteer", "import", str(bad), "--db", str(gazetteer_copy), "-q")
    assert code == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "geonames_bad_columns.txt:4:" in err
    assert "expected 19" in err


def test_import_sample(capsys, gazetteer_copy):
    code, _, err = run(capsys, "gazetteer", "import", str(DATA_DIR / "geonames_sample.zip"),
                       "--db", str(gazetteer_copy), "-q")
    assert code == 0, err
    assert "Imported 50 rows" in err


def test_import_missing_file_is_a_usage_error(capsys, gazetteer_copy, tmp_path):
    code, _, err = run(capsys, "gazetteer", "import", str(tmp_path / "nope.txt"), "--db", str(gazetteer_copy))
    assert code == 2 and "Traceback" not in err


def test_geocode_file_to_csv_and_map(capsys, cli_gazetteer, tmp_path):
    out_csv = tmp_path / "tmp" / "out.csv"
    out_map = tmp_path / "tmp" / "m.html"
    code, stdout, err = run(capsys, "geocode", "-f", str(PLACES_TXT), "-o", str(out_csv),
                            "--map", str(out_map), "-q")
    assert code == 0, err
    queries = sample_queries()
    assert len(queries) == 20
    with open(out_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["query"] for r in rows] == queries  # every line, once, in order
    assert all(r["status"] in {"located", "unlocated"} for r in rows)
    assert all(r["reason"] for r in rows if r["status"] == "unlocated")
    by_query = {r["query"]: r for r in rows}
    assert by_query["al-Bab, Syria"]["geonameid"] == "174018"
    assert by_query["al-Rai, Syria"]["geonameid"] == "169138"
    assert by_query["Aleppo Governorate"]["feature_code"] == "ADM1"
    assert by_query["Kilis, Turkey"]["country_code"] == "TR"
    assert out_map.is_file()
    page = out_map.read_text(encoding="utf-8")
    located = sum(r["status"] == "located" for r in rows)
    assert map_data(page)["n"] == located
    assert sorted(p.name for p in out_csv.parent.iterdir()) == ["m.html", "out.csv"]


def test_geocode_file_from_stdin(capsys, cli_gazetteer, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("# comment\nal-Bab, Syria\n\nXqzzyvv Qwrt\n"))
    code, out, err = run(capsys, "geocode", "-f", "-")
    assert code == 0
    assert "Al Bāb" in out
    assert "2 queries: 1 located, 1 unlocated" in err
    assert "unlocated: 'Xqzzyvv Qwrt'" in err


def test_python_m_geomap_help(cli_env, python_exe, tmp_path):
    proc = subprocess.run([python_exe, "-m", "geomap", "--help"], capture_output=True, text=True,
                          env=cli_env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: " in proc.stdout and "geocode" in proc.stdout and "gazetteer" in proc.stdout


def test_python_m_geomap_geocode(cli_env, python_exe, tmp_path):
    proc = subprocess.run([python_exe, "-m", "geomap", "geocode", "-q", "al-Bab, Syria"],
                          capture_output=True, env=cli_env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "Al Bāb, Aleppo, Syria" in proc.stdout.decode("utf-8")


def test_gazetteer_build_command(capsys, tmp_path, monkeypatch):
    """``gazetteer build --db`` end to end, with the slow steps stubbed out."""
    from geomap import gazetteer_build

    for step in ("load_cities", "assign_admin2", "collect_members", "load_admin_regions",
                 "load_countries", "load_continents", "load_regions", "load_demonyms_and_aliases",
                 "load_ukraine_villages", "load_us_post_towns", "load_water", "load_natural_features",
                 "load_landforms", "load_airports", "load_settlements", "load_towns", "load_counties", "load_volcanoes",
                 "load_sites"):
        monkeypatch.setattr(gazetteer_build._Builder, step, lambda self: None)
    target = tmp_path / "new" / "index.sqlite"
    code, out, err = run(capsys, "gazetteer", "build", "--db", str(target), "-q")
    assert code == 0, err
    assert f"Built {target}" in err
    assert target.is_file()
    assert sorted(p.name for p in target.parent.iterdir()) == ["index.sqlite"]
    code, out, _ = run(capsys, "gazetteer", "info", "--db", str(target))
    assert code == 0 and "Places:    0" in out


def test_import_into_env_index(capsys, gazetteer_copy, monkeypatch):
    monkeypatch.setenv("GEOMAP_GAZETTEER", str(gazetteer_copy))
    code, _, err = run(capsys, "gazetteer", "import", str(DATA_DIR / "geonames_sample.txt"))
    assert code == 0, err
    assert f"Imported 50 rows into {gazetteer_copy}" in err


def test_geocode_a_column_of_a_table(capsys, cli_gazetteer, tmp_path):
    src = tmp_path / "addresses.csv"
    src.write_text("id,address\n1,\"al-Bab, Syria\"\n2,\n3,12 Oxford Street London\n", encoding="utf-8")
    out = tmp_path / "geocoded.csv"
    code, _, err = run(capsys, "geocode", "-f", str(src), "--column", "address", "-o", str(out), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["status"] for r in rows] == ["located", "unlocated", "located"]  # every row, the empty one too
    assert rows[0]["country_code"] == "SY" and rows[2]["name"] == "London"
    code, _, err = run(capsys, "geocode", "-f", str(src), "--column", "place")
    assert code == 1 and "no column 'place'; the file has: id, address" in err
    code, _, err = run(capsys, "geocode", "--column", "address", "al-Bab")
    assert code == 2 and "--column needs --file" in err
