"""The incident place of articles against annotated sets: geomap's evidence beside the old rule.

For each set (default: the shipped dev sets in ``benchmarks/data/``, and
the internal ones in ``../internal/`` when present, read in place and never
copied), prints a Markdown table of the share of articles within 25 km and
161 km of the gold incident, for:

* **baseline**: the rule before evidence ("the most specific place the text
  names, the first mentioned among equals", ``located_by`` "text");
* **geomap**: :mod:`geomap.incident`;
* **ceiling**: the share of articles for which some place the geoparser found
  lies within 25 km of the gold, the most any choice can reach.

Also prints the weights table of the evidence functions (for docs/incidents.md).

``--fit-on NAME`` (repeatable; a set's file stem without ``incidents_``, e.g.
``wire``, several joined by ``+``, or ``all``) fits the evidence weights on that set alone
(:func:`geomap.incident_tuning.fit`) and prints a second table: the shipped
weights and each fitted weighting on every set, the set it was fitted on
marked ``*`` (honest figures are the unmarked ones), then what each fit
changed.  ``--weights JSON`` judges the given weights (a JSON object of
``Weights`` fields) instead of the shipped ones.

    python benchmarks/eval_incidents.py [SET.jsonl ...] [--db PATH] [--fit-on NAME ...] [--weights JSON]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"


def _set_order(path: Path) -> tuple:
    """Wikinews, the wire set, then the written sets in the order they came (news, news2, …, news11)."""
    kind, number = re.fullmatch(r"incidents_([a-z]+?)(\d*)", path.stem).groups()
    return (kind != "wikinews", kind != "wire", kind, int(number or 1))


#: Every shipped development set (the ``*_test`` sets are for measuring only), and the internal LGL half.
DEFAULT_SETS = sorted((p for p in DATA.glob("incidents_*.jsonl") if not p.stem.endswith("_test")), key=_set_order) \
    + [ROOT.parent / "internal" / "incidents_lgl_dev.jsonl"]


def _baseline_choose(analysis):
    """The old rule: the most specific candidate, the first mentioned among equals (never a country)."""
    from geomap import incident

    pinned = [c for c in analysis.candidates if incident.pins_incident(c.place)]
    if not pinned:
        return incident.Choice(None, "", 0.0, "only country-level places in the text" if analysis.usable
                               else "no place found in the text")
    best = min(pinned, key=lambda c: (incident.precision_of(c.place), c.first))
    first = best.facts[0]
    best.best = first
    best.level = incident.precision_of(best.place)
    return incident.Choice(first.mention, "text", round(first.mention.confidence, 4), "", best)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--fit-on", action="append", default=[], metavar="NAME",
                    help="fit the weights on this set (file stem, or 'all') and print the cross table")
    ap.add_argument("--weights", help="a JSON object of Weights fields to judge instead of the shipped ones")
    args = ap.parse_args()
    from geomap import incident, pipeline
    from geomap.gazetteer import Gazetteer
    from geomap.geoparser import Geoparser
    from geomap.incident_eval import evaluate_incidents, read_gold

    parser = Geoparser(Gazetteer(args.db))
    sets = [p for p in (args.sets or DEFAULT_SETS) if p.exists()]
    if args.weights:
        import dataclasses
        import json

        incident.WEIGHTS = dataclasses.replace(incident.WEIGHTS, **json.loads(args.weights))
        incident.analyse.__kwdefaults__["weights"] = incident.WEIGHTS
    from geomap.incident_tuning import ceiling, prepare

    print("| set | articles (with a gold incident) | baseline ≤25 km | baseline ≤161 km | geomap ≤25 km "
          "| geomap ≤161 km | ceiling ≤25 km |")
    print("|---|---|---|---|---|---|---|")
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
        top = ceiling(prepare(gold, parser), parser.gazetteer)
        print(f"| {name} | {after.articles} ({after.with_incident}) | {before.within_near:.3f} | "
              f"{before.within_far:.3f} | {after.within_near:.3f} | {after.within_far:.3f} | {top:.3f} |")
    print()
    print("| evidence | weight | what it is |")
    print("|---|---|---|")
    for name, weight, doc in incident.weights_table(incident.WEIGHTS):
        print(f"| `{name}` | {weight:+g} | {doc} |")
    if args.fit_on:
        _cross(sets, parser, args.fit_on)
    return 0


def _cross(paths: list[Path], parser, fit_on: list[str]) -> None:
    """Fit the weights on each named set, judge every weighting on every set, print the table."""
    from geomap import incident
    from geomap.incident_eval import read_gold
    from geomap.incident_tuning import changes, cross_table, fit, prepare

    sets = {p.stem.removeprefix("incidents_"): prepare(read_gold(p), parser) for p in paths}
    weightings = {"shipped": incident.WEIGHTS}
    fitted_on = {}
    for name in fit_on:
        name = name.replace("incidents_", "")
        parts = list(sets) if name == "all" else name.split("+")
        pool = [a for part in parts for a in sets[part]]
        label = f"fitted on {name}"
        weightings[label] = fit(pool, incident.WEIGHTS, gazetteer=parser.gazetteer)
        fitted_on[label] = name
    print()
    print("Share within 25 / 161 km with each weighting (* the set it was fitted on):")
    print()
    for line in cross_table(sets, weightings, gazetteer=parser.gazetteer, fitted_on=fitted_on):
        print(line)
    for label, w in weightings.items():
        if label != "shipped":
            moved = ", ".join(f"{n} {a:+g} → {b:+g}" for n, (a, b) in changes(w, incident.WEIGHTS).items())
            print(f"\n{label}: {moved or 'no change'}")


if __name__ == "__main__":
    sys.exit(main())
