"""Reproducers of the adversarial audit (issue #17), each run as the real command in a subprocess.

Every test checks that there is no traceback, the exit code, the message,
and that no input record is lost: each id is among the incidents or the
unlocated records.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest


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
    assert rows["x"]["fatalities"] == "-12.5"  # a number, not '-12.5


# -- 2: an infinite precision is that record's problem ------------------------------------------------

def test_infinite_geo_precision_goes_to_unlocated_and_the_run_goes_on(cli_env, python_exe, tmp_path):
    (tmp_path / "p.csv").write_text("id,title,text,lat,lon,geo_precision\n"
                                    "x,a,Kyiv,50.45,30.52,inf\n"
                                    "y,b,Kyiv,50.45,30.52,2\n"
                                    "z,c,Kyiv,50.45,30.52,1e999\n"
                                    "w,d,Kyiv,50.45,30.52,-Infinity\n", encoding="utf-8")
    code, _, err = geomap(cli_env, python_exe, tmp_path, "map", "p.csv", "-o", "o/m.html", "--export", "csv")
    assert code == 0, err
    assert "unlocated, bad geo_precision: '1e999' is not a finite number" in err
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
