"""geopy's own geocoder tests, the ones about places, against GazetteerGeocoder.

The query/expected pairs were taken from geopy's test files (Nominatim, GeoNames, Photon, ArcGIS …)
into ``benchmarks/data/other_geoparsers_cases.jsonl``; each case's ``source`` names the file, test
and commit it comes from (geopy is MIT-licensed).  They are judged as ``benchmarks/eval_cases.py``
judges them (the answer's country, and its point within 161 km of the expected one, 300 km for an
approximate point).  The few an offline gazetteer cannot answer are expected failures with the
reason, and strict: a case that starts to pass fails the suite until its mark is removed.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "benchmarks" / "data" / "other_geoparsers_cases.jsonl"

_spec = importlib.util.spec_from_file_location("eval_cases", ROOT / "benchmarks" / "eval_cases.py")
eval_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_cases)

#: What an offline gazetteer of towns cannot answer, and why.
CANNOT = {
    "geopy-4": "a point in the Gulf of Guinea, 0.05 N 0.15 W, is no country's: geopy's Nominatim answers "
               "nothing, the nearest town is Takoradi, Ghana",
    "geopy-17": "Mount Everest: the peaks shipped (Natural Earth) carry no country, so 'Nepal' cannot qualify it",
    "geopy-38": "Ballard is a Seattle neighbourhood, not in the populated places shipped",
}


def _geopy_cases() -> list[dict]:
    with open(CASES, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if c["source"].startswith("geopy/")]


@pytest.fixture(scope="module")
def geocoder(gazetteer_path):
    from geomap.gazetteer import Gazetteer
    from geomap.geocoder import GazetteerGeocoder

    return GazetteerGeocoder(Gazetteer(gazetteer_path))


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=CANNOT[c["id"]], strict=True)] if c["id"] in CANNOT else [])
    for c in _geopy_cases() if c["mode"] in ("geocode", "reverse")
])
def test_geopy_case(geocoder, case):
    run = eval_cases.run_geocode if case["mode"] == "geocode" else eval_cases.run_reverse
    ok, why = run(case, geocoder)
    assert ok, f"{case['source']}: {why}"


def test_the_cases_come_from_geopy_itself():
    cases = _geopy_cases()
    assert len(cases) >= 40
    assert all("@" in c["source"] and "::" in c["source"] and c["license"] == "MIT" for c in cases)
