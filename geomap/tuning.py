"""Measure the geoparser on several gold sets at once: ablation and leave-one-corpus-out weights.

What ``geomap eval A.jsonl B.jsonl … --ablate`` and ``--cv`` print, so that
the tables of ``docs/geoparser.md`` are generated, not kept by hand.

* :func:`measure`: end-to-end F1 and accuracy@161 km, and accuracy@161 km
  with the gold spans given, for every set.
* :func:`ablate`: the same with each rule or feature switched off in turn.
* :func:`cross_validate`: for each set, fit a few weights on the *other*
  sets (a coordinate search over multiples of each default) and score the
  held-out one, beside the in-corpus fit and the defaults.

Whether a set annotates demonyms ("Syrian" → Syria; LGL does, GeoVirus and
GeoCorpora do not) is read from the set itself: when fewer than half of the
demonyms geomap finds overlap a gold span, demonyms are left out of the
predictions for that set.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .evaluate import GoldDoc, read_gold, score

__all__ = ["GoldSet", "Figures", "measure", "ablate", "cross_validate", "TUNABLE"]

#: The weights ``cross_validate`` fits, and the multiples of each default it tries.
TUNABLE = ("population", "capital", "adm1", "alternate_name", "rank", "ctx_country", "ctx_region", "ctx_near",
           "qualifier", "ctx_district")
MULTIPLES = (0.0, 0.5, 0.75, 1.5, 2.0)


@dataclass
class GoldSet:
    name: str
    docs: list[GoldDoc]

    @classmethod
    def read(cls, path: str | Path) -> "GoldSet":
        path = Path(path)
        return cls(path.stem, list(read_gold(path, require_points=True)))


@dataclass(frozen=True)
class Figures:
    """One parser on one gold set."""

    f1: float          # end to end
    acc: float         # end to end, accuracy@161 km over the found spans
    given_acc: float   # accuracy@161 km with the gold spans given
    demonyms: bool     # the set annotates demonyms (they were scored)

    def row(self) -> tuple[float, float, float]:
        return (self.f1, self.acc, self.given_acc)


def _annotates_demonyms(pairs) -> bool:
    found = hit = 0
    for gold, pred in pairs:
        for p in pred:
            if p.get("kind") == "demonym":
                found += 1
                hit += any(p["start"] < g["end"] and g["start"] < p["end"] for g in gold)
    return found == 0 or hit >= found / 2


def measure(parser, gold: GoldSet, *, given: bool = True) -> Figures:
    """``parser`` (a :class:`~geomap.geoparser.Geoparser`) on one set."""
    pairs = [(d.toponyms, [m.to_dict() for m in parser.parse(d.text)]) for d in gold.docs]
    demonyms = _annotates_demonyms(pairs)
    if not demonyms:
        pairs = [(g, [p for p in ps if p.get("kind") != "demonym"]) for g, ps in pairs]
    e2e = score(pairs)
    given_acc = float("nan")
    if given:
        given_pairs = [(d.toponyms, [m.to_dict() for m in parser.resolve(d.text, [(t["start"], t["end"])
                                                                                    for t in d.toponyms])])
                       for d in gold.docs]
        given_acc = score(given_pairs).acc161
    return Figures(e2e.f1, e2e.acc161, given_acc, demonyms)


# -- running many configurations, on as many processes as asked ------------------------------------

_STATE: dict = {}


def _init(gazetteer_path: str, sets: list[GoldSet]) -> None:
    from .gazetteer import Gazetteer

    _STATE["gazetteer"] = Gazetteer(gazetteer_path, build=False, progress=False)
    _STATE["sets"] = sets


def _run(job: tuple[frozenset[str], dict]) -> list[Figures]:
    from .geoparser import Geoparser
    from .geoparser.weights import DEFAULT_WEIGHTS

    disable, changes = job
    parser = Geoparser(_STATE["gazetteer"], disable=disable, weights=DEFAULT_WEIGHTS.with_(**changes))
    if not disable and set(changes) <= set(TUNABLE):
        # Resolution weights do not change what is recognised: remember it across jobs.
        found = _STATE.setdefault("found", {})
        recognise = parser._recogniser.find

        def find(text: str):
            spans = found.get(text)
            if spans is None:
                spans = found[text] = recognise(text)
            return spans

        parser._recogniser.find = find
    return [measure(parser, s) for s in _STATE["sets"]]


def run_all(gazetteer_path: str | Path, sets: list[GoldSet], jobs: Sequence[tuple[frozenset[str], dict]],
            processes: int | None = None, progress: Callable | None = None) -> list[list[Figures]]:
    """The figures of every (disabled rules, weight changes) job on every set, in job order."""
    processes = processes or min(len(jobs), os.cpu_count() or 1)
    if processes <= 1:
        _init(str(gazetteer_path), sets)
        it = map(_run, jobs)
        return list(progress(it, total=len(jobs)) if progress else it)
    with ProcessPoolExecutor(processes, initializer=_init, initargs=(str(gazetteer_path), sets)) as pool:
        it = pool.map(_run, jobs)
        return list(progress(it, total=len(jobs)) if progress else it)


def ablate(gazetteer_path, sets: list[GoldSet], rules: Iterable[str], **kw) -> list[tuple[str, list[Figures]]]:
    """("all rules", figures) and, for each rule, (its name, figures with it switched off)."""
    rules = list(rules)
    jobs = [(frozenset(), {})] + [(frozenset({r}), {}) for r in rules]
    results = run_all(gazetteer_path, sets, jobs, **kw)
    return list(zip(["(all rules)"] + rules, results))


def _objective(figures: list[Figures]) -> float:
    """What a weight fit maximises: the mean of end-to-end accuracy and given-span accuracy."""
    return sum(f.acc + f.given_acc for f in figures) / (2 * len(figures))


def cross_validate(gazetteer_path, sets: list[GoldSet], names: Sequence[str] = TUNABLE,
                   multiples: Sequence[float] = MULTIPLES, passes: int = 1, **kw) -> dict:
    """Leave-one-corpus-out: for each set, weights fitted on the others, scored on it.

    A coordinate search: each weight in turn takes the multiple of its
    default that most improves the objective on the training sets (the mean
    of end-to-end and given-span accuracy@161 km), ``passes`` times over all weights.
    All configurations are measured on every set once per step, so the
    folds share the work.  Returns {"default": figures, "folds": {held-out
    name: (changes, figures on every set)}}.
    """
    from .geoparser.weights import DEFAULT_WEIGHTS

    default = {f.name: getattr(DEFAULT_WEIGHTS, f.name) for f in fields(DEFAULT_WEIGHTS)}
    base = run_all(gazetteer_path, sets, [(frozenset(), {})], processes=1)[0]
    folds = {}
    for k, held in enumerate(sets):
        train = [i for i in range(len(sets)) if i != k]
        changes: dict = {}
        best_fig = base
        best = _objective([best_fig[i] for i in train])
        for _ in range(passes):
            for name in names:
                trials = [dict(changes, **{name: default[name] * m}) for m in multiples
                          if default[name] * m != changes.get(name, default[name])]
                results = run_all(gazetteer_path, sets, [(frozenset(), t) for t in trials], **kw)
                for t, figs in zip(trials, results):
                    value = _objective([figs[i] for i in train])
                    if value > best + 1e-9:
                        best, changes, best_fig = value, t, figs
        folds[held.name] = (changes, best_fig)
    return {"default": base, "folds": folds}
