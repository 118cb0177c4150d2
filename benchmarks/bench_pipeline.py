"""Time ``geomap map`` on 10,000 ACLED-style records, with 1 and 2 processes.

The records are built from real text: each is an ACLED note
(``../shared/data/events/acled_ukraine_sample1000.csv``, internal test data)
followed by a UCDP GED headline (``ucdp_ged_ukraine_2014-2023.csv``), picked
with a fixed seed, so that no two texts are the same.  They are written as an
ACLED-format CSV in a temporary folder (never in the repo) and located from
their text (``--ignore-coordinates``), map and CSV export included, by the
real command in a fresh process each time.

Before that, in one process and on the same records (``--choose-records``,
default 2,000), it times **geoparsing alone** and **geoparsing + choosing the
incident** side by side: each record is geoparsed (with its country and admin1
as context, as ``geomap map`` does) and then its incident chosen
(:func:`geomap.incident.analyse` and :func:`~geomap.incident.choose`), each step
timed on its own, record after record, so that both see the same machine at
the same moment; three rounds, the fastest kept.  Choosing should cost at most
10% of geoparsing.

    python benchmarks/bench_pipeline.py [--records 10000] [--choose-records 2000] [--db PATH]
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
    ap.add_argument("--choose-records", type=int, default=2_000,
                    help="records for the side-by-side timing of geoparsing and choosing (0: skip it)")
    ap.add_argument("--skip-map", action="store_true", help="only the side-by-side timing, not geomap map")
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
    if args.choose_records:
        _choose_cost(data_rows(rows, headlines, args.choose_records, rng), args.db)
        if args.skip_map:
            return 0
        rng = random.Random(2026)
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


def data_rows(rows: list[dict], headlines: list[str], n: int, rng: random.Random) -> list[dict]:
    """The first ``n`` synthetic records, as the CSV below holds them (note + headline)."""
    out = []
    for i in range(n):
        rec = dict(rows[i % len(rows)])
        rec["notes"] = rec["notes"] + " " + rng.choice(headlines) + "."
        out.append(rec)
    return out


def _choose_cost(records: list[dict], db: Path | None) -> None:
    """Geoparsing alone and geoparsing + choosing, side by side, on ``records`` (see the module docstring)."""
    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.incident import analyse, choose

    parser = Geoparser(Gazetteer(db))
    contexts: dict = {}
    items = []
    for r in records:
        key = (r.get("country") or "", r.get("admin1") or "")
        if key not in contexts:
            contexts[key] = parser.context_places(*key)
        day = (r.get("event_date") or "")[:10].split("/")  # ACLED's dd/mm/yyyy, as geomap map reads it
        date = f"{day[2]}-{day[1]}-{day[0]}" if len(day) == 3 else ""
        items.append((r["notes"], date, contexts[key], not r.get("country")))
    for text, date, context, countries in items[:200]:  # warm the caches
        choose(analyse(text, parser.parse(text, context), date=date, countries=countries))
    n = len(items)
    # 1. each step over all the records in turn, as the two were timed before (warm caches for each)
    parse_best = choose_best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        found = [parser.parse(text, context) for text, _, context, _ in items]
        t1 = time.perf_counter()
        for (text, date, _, countries), mentions in zip(items, found):
            choose(analyse(text, mentions, date=date, countries=countries))
        t2 = time.perf_counter()
        parse_best, choose_best = min(parse_best, t1 - t0), min(choose_best, t2 - t1)
    # 2. record by record, each step timed on its own, as geomap map runs them
    rounds = []
    for _ in range(3):
        parse_s = choose_s = 0.0
        for text, date, context, countries in items:
            t0 = time.perf_counter()
            mentions = parser.parse(text, context)
            t1 = time.perf_counter()
            choose(analyse(text, mentions, date=date, countries=countries))
            t2 = time.perf_counter()
            parse_s += t1 - t0
            choose_s += t2 - t1
        rounds.append((parse_s + choose_s, parse_s, choose_s))
    _, parse_s, choose_s = min(rounds)
    print(f"{n:,} of these records in one process, geoparsing alone and geoparsing + choosing the incident "
          "(fastest of 3 rounds; target: choosing <= 10% over geoparsing):")
    print("| timed | geoparsing alone | geoparsing + choosing | choosing over geoparsing |")
    print("|---|---|---|---|")
    for label, p, c in (("each step over all records", parse_best, choose_best),
                        ("record by record (as geomap map runs)", parse_s, choose_s)):
        print(f"| {label} | {p:.2f} s ({n / p:,.0f} records/s) | {p + c:.2f} s ({n / (p + c):,.0f} records/s) "
              f"| {c / p:.1%} |")
    print()


if __name__ == "__main__":
    sys.exit(main())
