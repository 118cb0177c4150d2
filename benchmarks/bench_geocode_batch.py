"""Time ``geomap geocode -f FILE --column address`` on a 10,000-row batch (issue #16: at most 10 s).

The batch is made from the gazetteer itself, with a fixed seed, in a temporary folder: a quarter of the
rows are town names, a quarter "Town, CC", a quarter street addresses ("12 Main Street, Town") and a
quarter names the gazetteer lacks (a town's name with a letter added), which are reported as unlocated
with a "did you mean" guess.  The command runs in a fresh process, as a user runs it; the time includes
starting Python and opening the index (it is built first if missing, and that is not timed).

    python benchmarks/bench_geocode_batch.py [--rows 10000] [--db PATH]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="gazetteer index (default: the default one)")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.db:
        env["GEOMAP_GAZETTEER"] = str(args.db)
        os.environ["GEOMAP_GAZETTEER"] = str(args.db)
    from geomap.gazetteer import Gazetteer

    with Gazetteer() as gazetteer:  # built here if missing, before the timing
        rows = gazetteer._query("SELECT name, country_code FROM places WHERE feature_class = 'P' "
                                "ORDER BY geonameid LIMIT 200000", ())
    rng = random.Random(7)
    rng.shuffle(rows)
    queries = []
    for i, (name, cc) in enumerate(rows[:args.rows]):
        queries.append((name, f"{name}, {cc}", f"{i} Main Street, {name}", name + "x")[i % 4])
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "batch.csv", Path(tmp) / "geocoded.csv"
        with open(src, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "address"])
            writer.writerows(enumerate(queries))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geomap", "geocode", "-f", str(src), "--column", "address",
                        "-o", str(out), "--format", "csv", "--silent"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - t0
        with open(out, encoding="utf-8") as f:
            results = list(csv.DictReader(f))
    located = sum(r["status"] == "located" for r in results) if results and "status" in results[0] else None
    print(f"geomap geocode --column: {len(queries):,} rows in {seconds:.1f} s ({len(queries) / seconds:,.0f} rows/s; "
          f"target <= 10 s)" + (f"; {located:,} located" if located is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
