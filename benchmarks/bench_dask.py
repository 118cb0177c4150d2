"""Records per second on Dask with 1 and 2 workers, against the single-process path.

The corpus is 100,000 records made of real sentences: those of the Wikinews
articles shipped in ``samples/wikinews`` and, when present, the texts of
``../shared/eval/*.jsonl`` (skipped when absent), two or three per record,
picked with a fixed seed, with ids and dates, written as one generic CSV in
a temporary folder.  Each run locates every record from its text and writes
the incidents, mentions and unlocated tables as Parquet:

* **single process**: ``read_inputs`` + ``geomap.pipeline.locate`` + Parquet
  in a fresh process (the ``geomap map`` path without the map);
* **Dask, 1 and 2 workers**: a ``LocalCluster`` of N single-threaded worker
  processes, ``geomap.dask.read_events`` + ``locate`` + ``to_parquet``
  (cluster start-up timed apart).

It reports records/s, the 2-worker / 1-worker ratio, each worker's peak
resident memory (``ru_maxrss`` of the worker process), the share of their
cores the workers actually got (their CPU time over wall time: other work on
the machine takes the rest and skews the ratio; run it on an idle machine)
and whether the Dask tables equal the single-process ones.

    python benchmarks/bench_dask.py [--records 100000] [--db PATH] [--blocksize BYTES]
"""

from __future__ import annotations

import argparse
import csv
import glob
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
EVAL = ROOT.parent / "shared" / "eval"


def sentences() -> tuple[list[str], list[str]]:
    """Real sentences: (those of the shipped Wikinews articles, texts of ../shared/eval/*.jsonl if present)."""
    news = []
    for path in sorted((ROOT / "samples" / "wikinews").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        news += [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]
    extra = []
    for path in sorted(EVAL.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            extra += [" ".join(json.loads(line)["text"].split())[:400] for line in f if line.strip()]
    return news, extra


def write_corpus(path: Path, records: int) -> str:
    news, extra = sentences()
    rng = random.Random(2026)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "title", "text"])
        for i in range(records):
            parts = rng.sample(news, rng.choice((2, 3)))
            if extra and i % 2:
                parts[-1] = rng.choice(extra)
            w.writerow([f"R{i}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", parts[0][:80], " ".join(parts)])
    return (f"{len(news)} Wikinews sentences" + (f" + {len(extra):,} texts of {EVAL}/*.jsonl" if extra else
                                                 f" ({EVAL}/*.jsonl absent: skipped)"))


def single(corpus: str, db: str, out: str) -> None:
    """The single-process path in this (fresh) process; prints JSON with the time and peak memory."""
    from geomap.events import read_inputs
    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.pipeline import locate

    t = time.perf_counter()
    located = locate(read_inputs([corpus]).events, Geoparser(Gazetteer(db, build=False)))
    for name in ("incidents", "mentions", "unlocated"):  # the same job as on Dask: read, locate, write
        getattr(located, name).to_parquet(f"{out}.{name}.parquet", index=False)
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "records": len(located.events),
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def on_dask(corpus: str, db: str, out: str, workers: int, blocksize: int) -> dict:
    from distributed import Client, LocalCluster

    import geomap.dask as gdask

    t = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        startup = time.perf_counter() - t
        base = client.run(_usage)
        t = time.perf_counter()
        read = gdask.read_events([corpus], blocksize=blocksize)
        located = gdask.locate(read.events, gazetteer=db)
        located.to_parquet(out)
        seconds = time.perf_counter() - t
        end = client.run(_usage)
    cpu = sum(end[w][1] - base[w][1] for w in end)
    return {"startup": startup, "seconds": seconds, "partitions": read.events.npartitions,
            "peak_mb": sorted(v[0] / 1024 for v in end.values()),
            "idle_mb": sorted(v[0] / 1024 for v in base.values()),
            # CPU the workers got over the wall time they ran: below 100% when other work took the cores.
            "cpu_share": cpu / (seconds * workers)}


def _usage() -> tuple[int, float]:
    """(peak resident KB, CPU seconds) of the calling (worker) process."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_maxrss, use.ru_utime + use.ru_stime


def same_tables(a: str, b: str) -> bool:
    import pandas as pd

    import geomap.dask as gdask

    for name in ("incidents", "mentions", "unlocated"):
        x = gdask._cast(pd.read_parquet(f"{a}.{name}.parquet"), name)
        y = gdask._cast(pd.read_parquet(f"{b}.{name}.parquet"), name)
        if not x.equals(y):
            return False
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--db", help="gazetteer index (default: $GEOMAP_GAZETTEER or the default one, built if need be)")
    ap.add_argument("--blocksize", type=int, default=None, help="CSV bytes per partition (default: geomap's)")
    ap.add_argument("--single", nargs=3, metavar=("CORPUS", "DB", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.single:
        single(*args.single)
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: needs the dask extra (pip install 'geomap[dask]')")
        return 0
    import geomap.dask as gdask
    from geomap.gazetteer import Gazetteer

    with Gazetteer(args.db) as gaz:
        db = str(gaz.path)
    blocksize = args.blocksize or gdask.PARTITION_BYTES
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "records.csv"
        made_of = write_corpus(corpus, args.records)
        print(f"{args.records:,} records ({corpus.stat().st_size / 1e6:.1f} MB CSV) from {made_of}")
        proc = subprocess.run([sys.executable, __file__, "--single", str(corpus), db, f"{tmp}/single"],
                              check=True, capture_output=True, text=True)
        one = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"  single process:  {one['seconds']:6.1f} s  {args.records / one['seconds']:8,.0f} records/s  "
              f"peak {one['maxrss_mb']:,.0f} MB")
        runs = {}
        for workers in (1, 2):
            r = runs[workers] = on_dask(str(corpus), db, f"{tmp}/dask{workers}", workers, blocksize)
            print(f"  dask, {workers} worker{'s' if workers > 1 else ' '}: {r['seconds']:6.1f} s  "
                  f"{args.records / r['seconds']:8,.0f} records/s  ({r['partitions']} partitions; cluster start "
                  f"{r['startup']:.1f} s not counted); peak per worker "
                  + ", ".join(f"{m:,.0f} MB" for m in r["peak_mb"])
                  + " (idle " + ", ".join(f"{m:,.0f}" for m in r["idle_mb"]) + " MB); the workers had "
                  f"{r['cpu_share']:.0%} of {workers} core{'s' if workers > 1 else ''}")
        print(f"  scaling 2 vs 1 worker: {runs[1]['seconds'] / runs[2]['seconds']:.2f}x (target >= 1.7x); "
              f"dask 2 workers vs single process: {one['seconds'] / runs[2]['seconds']:.2f}x")
        same = all(same_tables(f"{tmp}/single", f"{tmp}/dask{w}") for w in (1, 2))
        print(f"  tables identical to the single-process path: {same}")
        print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
