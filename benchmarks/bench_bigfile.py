"""Wall time and peak memory of ``geomap map`` on a ~100 MB event table.

The table is made at run time, in a temporary folder (never in the repo),
from real sentences: the Wikinews sample articles (``samples/wikinews``,
CC BY 2.5).  Each record is two to four sentences picked with a fixed seed;
a quarter of them also carry coordinates (which win over the text), and a
few carry bad coordinates, no text at all, or an unreadable date.  Columns
are the generic ones (``id, date, title, text, url, location, lat, lon,
category``).  Written as CSV (default) or JSONL.

It then runs, each in a fresh process, and reports wall time and peak RSS
(``resource.getrusage(RUSAGE_CHILDREN)`` of that process alone):

* ``geomap map --events big.csv --export csv`` (this checkout: streamed);
* for comparison, the peak RSS of reading the whole file with pandas
  (``pd.read_csv``, no geoparsing at all): the floor of any reader that
  loads everything at once;
* with ``--before DIR``, the same ``geomap map`` command run from another
  checkout's ``geomap`` package (e.g. ``git archive <commit> geomap | tar -x -C DIR``).

    python benchmarks/bench_bigfile.py [--mb 100] [--format csv|jsonl] [--jobs 1] [--before DIR] [--db PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT / "samples" / "wikinews"

_RUN = """
import resource, runpy, sys, time
sys.argv = {argv!r}
t = time.perf_counter()
try:
    runpy.run_module({module!r}, run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
else:
    code = 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("BENCH", time.perf_counter() - t, peak, code, file=sys.stderr)
sys.exit(code)
"""


def sentences() -> list[str]:
    out = []
    for path in sorted(WIKINEWS.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n", 1)[-1]
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if len(s.strip()) > 30]
    return out


def make_table(path: Path, megabytes: float, fmt: str) -> int:
    rng = random.Random(2026)
    pool = sentences()
    target = megabytes * 1e6
    fields = ["id", "date", "title", "text", "url", "location", "lat", "lon", "category"]
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        while f.tell() < target:
            n += 1
            text = " ".join(rng.sample(pool, rng.randint(2, 4)))
            rec = {"id": f"BIG{n}", "date": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2024",
                   "title": text[:60], "text": text, "url": f"https://example.org/big/{n}", "location": "",
                   "lat": "", "lon": "", "category": rng.choice(["outbreak", "response", "report"])}
            roll = rng.random()
            if roll < 0.25:
                rec["lat"], rec["lon"] = f"{rng.uniform(-60, 60):.4f}", f"{rng.uniform(-150, 150):.4f}"
            elif roll < 0.26:
                rec["lat"], rec["lon"] = "nan", "0"
            elif roll < 0.27:
                rec["text"], rec["location"] = "", rng.choice(["Aleppo", "Kharkiv", "Nowhere-upon-Thames"])
            elif roll < 0.275:
                rec["date"] = "sometime"
            if writer:
                writer.writerow(rec)
            else:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


def run(argv: list[str], module: str, env: dict, pythonpath: str, cwd: str) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of ``python -m module argv`` in a fresh process.

    ``pythonpath`` says which geomap runs; ``cwd`` must hold no ``geomap`` folder (with
    ``python -c`` the working directory comes first on ``sys.path``).
    """
    env = dict(env)
    env["PYTHONPATH"] = pythonpath
    code = _RUN.format(argv=[module] + argv, module=module)
    proc = subprocess.run([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True, cwd=cwd)
    line = next((x for x in proc.stderr.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        sys.stderr.write(proc.stderr[-2000:])
        return float("nan"), float("nan"), proc.returncode
    _, wall, peak, rc = line.split()
    return float(wall), int(peak) / 1024, int(rc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="size of the table to make (default 100 MB)")
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--before", type=Path, help="a folder holding another checkout's geomap package, to compare")
    ap.add_argument("--db", type=Path, help="gazetteer index (default: $GEOMAP_GAZETTEER or the default one)")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.db:
        env["GEOMAP_GAZETTEER"] = str(args.db)
    with tempfile.TemporaryDirectory(prefix="geomap-bigfile-") as tmp:
        data = Path(tmp) / f"big.{args.format}"
        t = time.perf_counter()
        n = make_table(data, args.mb, args.format)
        print(f"{n:,} records, {data.stat().st_size / 1e6:.1f} MB of {args.format.upper()} "
              f"(made in {time.perf_counter() - t:.0f} s from {WIKINEWS.relative_to(ROOT)} sentences)")
        if args.format == "csv":
            code = f"import pandas as pd; pd.read_csv({str(data)!r}, dtype=str, keep_default_na=False)"
            proc = subprocess.run([sys.executable, "-c", code + "; import resource, sys; "
                                   "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"],
                                  env=env, stderr=subprocess.PIPE, text=True, cwd=tmp)
            print(f"  pd.read_csv of the whole file (no geoparsing): peak RSS "
                  f"{int(proc.stderr.split()[-1]) / 1024:,.0f} MB")
        argv = ["map", "--events", str(data), "-o", str(Path(tmp) / "map.html"), "--export", "csv", "-q",
                "--jobs", str(args.jobs)]
        wall, peak, rc = run(argv, "geomap", env, pythonpath=str(ROOT), cwd=tmp)
        print(f"  geomap map (this checkout, streamed): {wall:6.1f} s, peak RSS {peak:,.0f} MB, exit {rc}"
              + (f" (the parent process; {args.jobs} workers each hold the gazetteer and one chunk)"
                 if args.jobs > 1 else ""))
        with open(Path(tmp) / "map.incidents.csv", encoding="utf-8", newline="") as f:
            incidents = sum(1 for _ in csv.reader(f)) - 1
        with open(Path(tmp) / "map.unlocated.csv", encoding="utf-8", newline="") as f:
            unlocated = sum(1 for _ in csv.reader(f)) - 1
        print(f"    {incidents:,} incidents + {unlocated:,} unlocated = {incidents + unlocated:,} "
              f"(records: {n:,}; every record accounted for: {incidents + unlocated == n})")
        print(f"    map {(Path(tmp) / 'map.html').stat().st_size / 1e6:.0f} MB, "
              f"incidents table {(Path(tmp) / 'map.incidents.csv').stat().st_size / 1e6:.0f} MB")
        if args.before:
            argv[4] = str(Path(tmp) / "before" / "map.html")
            wall, peak, rc = run(argv, "geomap", env, pythonpath=str(args.before), cwd=tmp)
            print(f"  geomap map (from {args.before}): {wall:6.1f} s, peak RSS {peak:,.0f} MB, exit {rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
