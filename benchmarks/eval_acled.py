"""Event geolocation on real ACLED records: locate from the notes text alone.

Reads ``../shared/data/events/acled_ukraine_sample1000.csv`` (internal test
data, never committed), ignores the given coordinates, geoparses the
``notes`` and compares each incident location with the gold coordinates.
Reports, for the rows with ``geo_precision == 1`` (and for all rows), the
share within 10, 25 and 161 km, and the ceiling: the share of rows whose gold
place is in the gazetteer at all (a gazetteer place named like ACLED's
``location`` within 25 km of the gold point).  Also times the run.

    python benchmarks/eval_acled.py [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACLED = ROOT.parent / "shared" / "data" / "events" / "acled_ukraine_sample1000.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    if not ACLED.exists():
        print(f"skipped: {ACLED} is not here")
        return 0
    import pandas as pd

    from geomap.events import read_table
    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.pipeline import locate
    from geomap.place import distance_km

    gaz = Gazetteer(args.db)
    events, note = read_table(ACLED)
    print(note)
    gold = events.set_index("event_id")
    for context in (False, True):
        t = time.perf_counter()
        located = locate(events, Geoparser(gaz), use_coordinates=False, use_place_names=False,
                         use_record_context=context)
        secs = time.perf_counter() - t
        print()
        print("notes text" + (" + the record's country and admin1 as context" if context else " alone"))
        print(located.summary())
        print(f"{len(events) / secs:,.0f} records/s ({secs:.1f} s)")
        _score(gaz, gold, located.incidents.set_index("event_id"))
    return 0


def _score(gaz, gold, inc) -> None:
    from geomap.place import distance_km

    for label, mask in (("geo_precision == 1", gold["geo_precision"] == "1"), ("all rows", gold.index == gold.index)):
        rows = gold[mask]
        errors, present = [], 0
        for eid, g in rows.iterrows():
            glat, glon = float(g["lat"]), float(g["lon"])
            name = g["place_name"].split(" - ")[0]
            if any(distance_km(glat, glon, c.lat, c.lon) <= 25 for c in gaz.candidates(name)):
                present += 1
            if eid in inc.index:
                r = inc.loc[eid]
                errors.append(distance_km(glat, glon, float(r["lat"]), float(r["lon"])))
            else:
                errors.append(float("inf"))
        n = len(rows)
        within = {km: sum(e <= km for e in errors) / n for km in (10, 25, 161)}
        ceiling = present / n
        print(f"{label}: {n} rows; within 10 km {within[10]:.1%}, 25 km {within[25]:.1%}, "
              f"161 km {within[161]:.1%}; gold place in the gazetteer (ceiling) {ceiling:.1%}; "
              f"25 km / ceiling = {within[25] / ceiling:.1%}")


if __name__ == "__main__":
    sys.exit(main())
