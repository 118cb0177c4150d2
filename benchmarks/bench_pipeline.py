"""Time ``geomap map`` on 10,000 ACLED-style records, with 1 and 2 processes.

The records are built from real text: each is an ACLED note
(``../shared/data/events/acled_ukraine_sample1000.csv``, internal test data)
followed by a UCDP GED headline (``ucdp_ged_ukraine_2014-2023.csv``), picked
with a fixed seed, so that no two texts are the same.  They are written as an
ACLED-format CSV in a temporary folder (never in the repo) and located from
their text (``--ignore-coordinates``), map and CSV export included, by the
real command in a fresh process each time.

    python benchmarks/bench_pipeline.py [--records 10000] [--db PATH]
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

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT.parent / "shared" / "data" / "events"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="gazetteer index (default: the default one)")
    args = ap.parse_args()
    acled, ucdp = EVENTS / "acled_ukraine_sample1000.csv", EVENTS / "ucdp_ged_ukraine_2014-2023.csv"
    if not (acled.exists() and ucdp.exists()):
        print("skipped: ../shared/data/events is not here")
        return 0
    with open(acled, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(ucdp, encoding="utf-8", newline="") as f:
        headlines = [r["source_headline"].split(";")[0] for r in csv.DictReader(f) if r["source_headline"]]
    rng = random.Random(2026)
    env = dict(os.environ)
    if args.db:
        env["GEOMAP_GAZETTEER"] = str(args.db)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "events.csv"
        with open(data, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            for i in range(args.records):
                rec = dict(rows[i % len(rows)])
                rec["event_id_cnty"] = f"SYN{i}"
                rec["notes"] = rec["notes"] + " " + rng.choice(headlines) + "."
                writer.writerow(rec)
        print(f"{args.records:,} ACLED-style records ({data.stat().st_size / 1e6:.1f} MB), located from their text")
        results = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"map{jobs}.html"
            cmd = [sys.executable, "-m", "geomap", "map", "--events", str(data), "--ignore-coordinates",
                   "-o", str(out), "--export", "csv", "-q", "--jobs", str(jobs)]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env)
            results[jobs] = time.perf_counter() - t
            print(f"  geomap map --jobs {jobs}: {results[jobs]:6.1f} s  ({args.records / results[jobs]:,.0f} records/s;"
                  " target <= 60 s)")
        same = all((Path(tmp) / f"map1.{t}.csv").read_bytes() == (Path(tmp) / f"map2.{t}.csv").read_bytes()
                   for t in ("incidents", "mentions", "unlocated"))
        print(f"  speed-up with 2 processes: {results[1] / results[2]:.2f}x; identical tables: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
