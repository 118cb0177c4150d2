"""The incident place of articles against annotated sets: geomap's evidence beside the old rule.

For each set (default: the two shipped dev sets in ``benchmarks/data/``, and
the internal ones in ``../internal/`` when present, read in place and never
copied), prints a Markdown table of the share of articles within 25 km and
161 km of the gold incident, for:

* **baseline**: the rule before evidence ("the most specific place the text
  names, the first mentioned among equals", ``located_by`` "text");
* **geomap**: :mod:`geomap.incident`.

Also prints the weights table of the evidence functions (for docs/incidents.md).

    python benchmarks/eval_incidents.py [SET.jsonl ...] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = [ROOT / "benchmarks" / "data" / "incidents_wikinews.jsonl",
                ROOT / "benchmarks" / "data" / "incidents_wire.jsonl",
                ROOT.parent / "internal" / "incidents_lgl.jsonl"]


def _baseline_choose(analysis):
    """The old rule: the most specific candidate, the first mentioned among equals."""
    from geomap import incident

    if not analysis.candidates:
        return incident.choose(analysis)
    best = min(analysis.candidates, key=lambda c: (incident.precision_of(c.place), c.first))
    first = best.facts[0]
    best.best = first
    return incident.Choice(first.mention, "text", round(first.mention.confidence, 4), "", best)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    from geomap import incident, pipeline
    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.incident_eval import evaluate_incidents, read_gold

    parser = Geoparser(Gazetteer(args.db))
    sets = [p for p in (args.sets or DEFAULT_SETS) if p.exists()]
    print("| set | articles (with a gold incident) | baseline ≤25 km | baseline ≤161 km | geomap ≤25 km "
          "| geomap ≤161 km |")
    print("|---|---|---|---|---|---|")
    for path in sets:
        gold = read_gold(path)
        real = pipeline.choose
        try:
            pipeline.choose = _baseline_choose
            before = evaluate_incidents(gold, parser, path=str(path))
        finally:
            pipeline.choose = real
        after = evaluate_incidents(gold, parser, path=str(path))
        name = path.name + (" (internal)" if "internal" in path.parts else "")
        print(f"| {name} | {after.articles} ({after.with_incident}) | {before.within_near:.3f} | "
              f"{before.within_far:.3f} | {after.within_near:.3f} | {after.within_far:.3f} |")
    print()
    print("| evidence | weight | what it is |")
    print("|---|---|---|")
    for name, weight, doc in incident.weights_table():
        print(f"| `{name}` | {weight:+g} | {doc} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
