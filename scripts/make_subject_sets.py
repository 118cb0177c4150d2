"""Write the subject-only view of the Wikipedia-style sets: ``benchmarks/data/wikiplaces_*_subject.jsonl``.

WikToR-style gold annotates only the article's subject toponym (every
mention of it), not the other places the text names.  With given spans,
this view tests whether the resolver reads the rest of the text as
context ("Glasgow is a city in Barren County, Kentucky"), which the full
annotation gives away.  Deterministic: the same input writes the same file.

    python scripts/make_subject_sets.py
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"

for half in ("dev", "test"):
    src, dst = DATA / f"wikiplaces_{half}.jsonl", DATA / f"wikiplaces_{half}_subject.jsonl"
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            doc["toponyms"] = [t for t in doc["toponyms"] if t.get("subject")]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {dst}")
