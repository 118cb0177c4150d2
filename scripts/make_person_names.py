"""Write geomap/data/words/person_names.txt (the most common US surnames and given names) and
given_names.txt (the given names alone).

The recogniser uses it like the common-word list: a capitalised single word
that is a frequent personal name ("Evans", "Martha", "Garrett") and names only
a small place is not taken for that place unless the text says "place" around
it ("in Garrett", "Garrett, Ind.", "#Garrett").  Run when updating the list:

    pip install names==0.3.0 && python scripts/make_person_names.py

Data: the US Census Bureau's 1990 name-frequency files (public domain), as
shipped in the ``names`` package (MIT).  Kept: the 2,000 most frequent
surnames and the 200 most frequent male and 200 most frequent female given
names, lower-cased; the given names also on their own.
"""

from importlib import resources
from pathlib import Path

SURNAMES = 2_000
GIVEN_NAMES = 200

data = resources.files("names")


def top(filename: str, n: int) -> list[str]:
    lines = data.joinpath(filename).read_text(encoding="ascii").splitlines()
    return [line.split()[0].lower() for line in lines[:n]]


names = set(top("dist.all.last", SURNAMES))
names.update(top("dist.male.first", GIVEN_NAMES), top("dist.female.first", GIVEN_NAMES))
out = Path(__file__).resolve().parent.parent / "geomap" / "data" / "words" / "person_names.txt"
out.write_text(
    f"# The {SURNAMES:,} most frequent US surnames and the {GIVEN_NAMES} most frequent male and female given "
    "names, US Census 1990 (public domain, via the names package). Made by scripts/make_person_names.py.\n"
    + "\n".join(sorted(names)) + "\n",
    encoding="utf-8",
)
print(f"wrote {len(names)} names to {out}")
given = set(top("dist.male.first", GIVEN_NAMES)) | set(top("dist.female.first", GIVEN_NAMES))
out = out.with_name("given_names.txt")
out.write_text(
    f"# The {GIVEN_NAMES} most frequent male and female given names, US Census 1990 (public domain, via the names "
    "package). Made by scripts/make_person_names.py. In a line without case, the word after one is read as a "
    "surname (geomap.geoparser.document).\n" + "\n".join(sorted(given)) + "\n",
    encoding="utf-8",
)
print(f"wrote {len(given)} given names to {out}")
