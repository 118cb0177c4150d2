"""What ``--area`` gives a local feed: articles located without it, with their country, and with their region.

For every article of the given incident sets (``geomap eval-incidents`` format) whose gold incident lies in
one country (default: the United States), the articles are located from their text three times: with no
area, with ``--area COUNTRY``, and with ``--area "REGION, COUNTRY"``, REGION being the first-level region of
the gold point (its nearest populated place's).  That is what a newsroom gets when it names its own area and
its stories are local; it is no score of text alone (the area comes from the gold), so the incident figures of
``geomap eval-incidents`` never use it.  Prints how many are within 25 km in each run.

    python benchmarks/eval_area.py SET.jsonl [SET.jsonl ...] [--country US] [--db PATH]

Sets of real local news are internal (the LGL texts may not be shipped); a run with no set that exists says
so and stops.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEAR_KM = 25.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--country", default="US", help="ISO code of the country whose articles are kept")
    ap.add_argument("--db", type=Path, help="gazetteer index (default: the default one)")
    args = ap.parse_args()
    sets = [p for p in args.sets if p.is_file()]
    if not sets:
        print("skipped: no incident set given that exists here")
        return 0
    import pandas as pd

    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.incident_eval import read_gold
    from geomap.pipeline import locate
    from geomap.place import distance_km
    from geomap.schema import EVENTS

    gazetteer = Gazetteer(args.db) if args.db else Gazetteer()
    parser = Geoparser(gazetteer)
    country = gazetteer.country_name(args.country.upper())
    by_region = defaultdict(list)
    for path in sets:
        for g in read_gold(path):
            if g.lat is None:
                continue
            near = gazetteer.nearest(g.lat, g.lon)
            if near and near[0][0].country_code == args.country.upper() and near[0][0].admin1_name:
                by_region[f"{near[0][0].admin1_name}, {country}"].append(g)
    runs = {"no area": lambda region: "", f"--area {country!r}": lambda region: country,
            "--area 'REGION, COUNTRY'": lambda region: region}
    hits = dict.fromkeys(runs, 0)
    for region, articles in by_region.items():
        events = pd.DataFrame([{**dict.fromkeys(EVENTS, ""), "event_id": g.id, "title": g.title, "text": g.text,
                                "date": g.date} for g in articles], columns=list(EVENTS), dtype=object)
        for name, area in runs.items():
            found = locate(events, parser, use_coordinates=False, use_place_names=False, use_record_context=False,
                           area=area(region)).incidents
            first = found[found["incident_no"] == 1].set_index("event_id")
            hits[name] += sum(g.id in first.index and distance_km(g.lat, g.lon, float(first.loc[g.id, "lat"]),
                                                                    float(first.loc[g.id, "lon"])) <= NEAR_KM
                              for g in articles)
    total = sum(map(len, by_region.values()))
    print(f"{total} articles with their incident in {country} ({len(by_region)} regions), within {NEAR_KM:g} km:")
    for name, n in hits.items():
        print(f"  {name:28s} {n:4d}  {n / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
