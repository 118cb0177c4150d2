"""UCDP GED records located from their place descriptions and headlines, scored against UCDP's own points.

Reads ``../shared/data/events/ucdp_ged_ukraine_2014-2023.csv`` (3,883 records), locates every record as
``geomap map --ignore-coordinates`` does (``pipeline.locate(use_coordinates=False)``), and prints:

* the share unlocated (issue #14's target: at most 10%);
* of the records UCDP places precisely (``where_prec`` 1 or 2), the share within 25 km and 161 km of
  UCDP's own point (target: at least 60% within 25 km);
* how many records were placed outside their stated country (target: none);
* records per second on one core (target: at least 500), the gazetteer warm (a first pass over 200
  records is not timed);
* ``located_by`` counts.

``--vs DIR`` runs the same on another checkout of geomap (e.g. a ``git worktree`` of an older commit),
in a fresh process each, one after the other, and prints the two side by side.  Skips cleanly without
``../shared``.

    python benchmarks/eval_ucdp.py [--vs ../wt-old] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UCDP = ROOT.parent / "shared" / "data" / "events" / "ucdp_ged_ukraine_2014-2023.csv"


def measure() -> dict:
    """Locate the sample with the geomap on ``sys.path`` and score it (one JSON-able dict)."""
    import pandas as pd

    from geomap.events import read_inputs
    from geomap.geoparser import Geoparser
    from geomap.pipeline import locate
    from geomap.place import distance_km

    events = read_inputs([UCDP]).events
    raw = pd.read_csv(UCDP, dtype=str, keep_default_na=False).set_index("id")
    parser = Geoparser()
    locate(events.head(200), parser, use_coordinates=False)  # warm the gazetteer's caches
    t0 = time.perf_counter()
    located = locate(events, parser, use_coordinates=False)
    seconds = time.perf_counter() - t0
    inc = located.incidents.drop_duplicates("event_id")
    gold = raw.loc[inc["source_id"].astype(str)]
    km = [distance_km(float(a), float(b), float(c), float(d))
          for a, b, c, d in zip(inc["lat"], inc["lon"], gold["latitude"], gold["longitude"])]
    precise_ids = set(raw.index[raw["where_prec"].isin(["1", "2"])])
    near = sum(k <= 25 for k, sid in zip(km, inc["source_id"].astype(str)) if sid in precise_ids)
    far = sum(k <= 161 for k, sid in zip(km, inc["source_id"].astype(str)) if sid in precise_ids)
    home = {"Ukraine": "UA"}
    abroad = sum(c != home.get(g, c) for c, g in zip(inc["country"], gold["country"]))
    n = len(events)
    return {"records": n, "unlocated": len(located.unlocated), "precise": len(precise_ids),
            "within_25": near / len(precise_ids), "within_161": far / len(precise_ids), "abroad": int(abroad),
            "records_per_s": n / seconds, "located_by": inc["located_by"].value_counts().to_dict()}


def report(label: str, m: dict) -> list[str]:
    return [f"{label}: {m['records']:,} records, unlocated {m['unlocated']:,} ({m['unlocated'] / m['records']:.1%}); "
            f"where_prec <= 2 ({m['precise']:,}): within 25 km {m['within_25']:.1%}, 161 km {m['within_161']:.1%}; "
            f"placed outside their country: {m['abroad']}; {m['records_per_s']:,.0f} records/s",
            "  located by: " + ", ".join(f"{k} {v:,}" for k, v in sorted(m["located_by"].items(), key=lambda kv: -kv[1]))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vs", type=Path, help="another geomap checkout to run the same on, for a before/after")
    ap.add_argument("--db", type=Path, help="gazetteer index (default: the default one)")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run, as JSON (used by --vs)
    args = ap.parse_args()
    if not UCDP.exists():
        print("skipped: ../shared/data/events is not here")
        return 0
    if args.db:
        os.environ["GEOMAP_GAZETTEER"] = str(args.db)
    if args.json:
        print(json.dumps(measure()))
        return 0
    runs = [("this checkout", ROOT)] + ([("--vs " + str(args.vs), args.vs.resolve())] if args.vs else [])
    for label, src in runs:
        env = dict(os.environ, PYTHONPATH=str(src), OMP_NUM_THREADS="1")
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json"], env=env, cwd=src,
                             capture_output=True, text=True, check=True).stdout
        print("\n".join(report(label, json.loads(out.strip().splitlines()[-1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
