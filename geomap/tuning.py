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

__all__ = ["GoldSet", "Figures", "measure", "ablate", "ablation_markdown", "cross_validate", "recase", "TUNABLE"]

#: The weights ``cross_validate`` fits, and the multiples of each default it tries.
TUNABLE = ("population", "capital", "adm1", "alternate_name", "rank", "ctx_country", "ctx_region", "ctx_near",
           "qualifier", "ctx_district")
MULTIPLES = (0.0, 0.5, 0.75, 1.5, 2.0)
#: A weight moves from its default only for at least this gain of the objective (a few spans in a
#: thousand): below it, a move fits the noise of the training sets.
MIN_GAIN = 0.002


@dataclass
class GoldSet:
    name: str
    docs: list[GoldDoc]

    @classmethod
    def read(cls, path: str | Path, case: str | None = None) -> "GoldSet":
        """A gold file; ``case`` "lower" or "upper" rewrites its texts so (offsets kept), as
        tweets, chat and headlines in capitals write them."""
        path = Path(path)
        docs = list(read_gold(path, require_points=True))
        if case:
            docs = [GoldDoc(d.id, recase(d.text, case), d.toponyms) for d in docs]
        return cls(path.stem + (f" ({case})" if case else ""), docs)


def recase(text: str, case: str) -> str:
    """``text`` in lower or upper case, character by character, so that every offset still holds
    ("ß".upper() is "SS" and stays "ß")."""
    if case not in ("lower", "upper"):
        raise ValueError(f"case must be 'lower' or 'upper', not {case!r}")
    change = str.lower if case == "lower" else str.upper
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


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


class Runner:
    """Runs (disabled rules, weight changes) jobs on every set, on ``processes`` worker processes
    kept for the runner's life (each opens the gazetteer once and remembers what it recognised)."""

    def __init__(self, gazetteer_path: str | Path, sets: list[GoldSet], processes: int | None = None):
        self.processes = processes or os.cpu_count() or 1
        self.pool = None
        if self.processes > 1:
            self.pool = ProcessPoolExecutor(self.processes, initializer=_init, initargs=(str(gazetteer_path), sets))
        else:
            _init(str(gazetteer_path), sets)

    def run(self, jobs: Sequence[tuple[frozenset[str], dict]], progress: Callable | None = None) -> list[list[Figures]]:
        """The figures of every job on every set, in job order."""
        it = self.pool.map(_run, jobs) if self.pool is not None else map(_run, jobs)
        return list(progress(it, total=len(jobs)) if progress else it)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_all(gazetteer_path: str | Path, sets: list[GoldSet], jobs: Sequence[tuple[frozenset[str], dict]],
            processes: int | None = None, progress: Callable | None = None) -> list[list[Figures]]:
    """The figures of every (disabled rules, weight changes) job on every set, in job order."""
    with Runner(gazetteer_path, sets, min(len(jobs), processes or os.cpu_count() or 1)) as runner:
        return runner.run(jobs, progress)


def ablate(gazetteer_path, sets: list[GoldSet], rules: Iterable[str], **kw) -> list[tuple[str, list[Figures]]]:
    """("all rules", figures) and, for each rule, (its name, figures with it switched off)."""
    rules = list(rules)
    jobs = [(frozenset(), {})] + [(frozenset({r}), {}) for r in rules]
    results = run_all(gazetteer_path, sets, jobs, **kw)
    return list(zip(["(all rules)"] + rules, results))


def ablation_markdown(names: Sequence[str], rows: list[tuple[str, list[Figures]]]) -> str:
    """The table of :func:`ablate` in Markdown, as ``docs/geoparser.md`` shows it: the figures with
    every rule on, then what switching each rule off changes ("·": less than 0.0005 either way)."""
    def cell(v: float) -> str:
        return "·" if abs(v) < 0.0005 else f"{v:+.3f}"

    base = rows[0][1]
    lines = ["| rule switched off | " + " | ".join(f"{n} F1 / acc / given" for n in names) + " |",
             "|---|" + "---|" * len(names),
             "| **(none: every rule on)** | " + " | ".join(f"{f.f1:.3f} / {f.acc:.3f} / {f.given_acc:.3f}"
                                                        for f in base) + " |"]
    for name, figs in rows[1:]:
        lines.append(f"| `{name}` | " + " | ".join(
            f"{cell(f.f1 - b.f1)} / {cell(f.acc - b.acc)} / {cell(f.given_acc - b.given_acc)}"
            for f, b in zip(figs, base)) + " |")
    return "\n".join(lines)


def _objective(figures: list[Figures]) -> float:
    """What a weight fit maximises: the mean of end-to-end accuracy and given-span accuracy."""
    return sum(f.acc + f.given_acc for f in figures) / (2 * len(figures))


def cross_validate(gazetteer_path, sets: list[GoldSet], names: Sequence[str] = TUNABLE,
                   multiples: Sequence[float] = MULTIPLES, passes: int = 1, processes: int | None = None,
                   progress: Callable | None = None, min_gain: float = MIN_GAIN) -> dict:
    """Leave-one-corpus-out: for each set, weights fitted on the others, scored on it; beside
    the weights fitted on the set itself (the in-corpus figure) and the defaults.

    A coordinate search: each weight in turn takes the multiple of its
    default that most improves the objective on the training sets (the mean
    of end-to-end and given-span accuracy@161 km) by at least ``min_gain``
    (a weight the training sets cannot tell about keeps its default),
    ``passes`` times over all weights.  Every configuration is measured on every set, so the fits
    share the work: one batch of jobs per weight for all fits together.
    Returns {"default": figures, "folds": {held-out name: (changes, figures
    on every set)}, "self": {name: (changes, figures)}}.
    """
    from .geoparser.weights import DEFAULT_WEIGHTS

    default = {f.name: getattr(DEFAULT_WEIGHTS, f.name) for f in fields(DEFAULT_WEIGHTS)}
    n = len(sets)
    # The fits: on all sets but k (k < n), and on set k alone (k >= n).
    trains = [[i for i in range(n) if i != k] for k in range(n)] + [[k] for k in range(n)]
    with Runner(gazetteer_path, sets, processes) as runner:
        base = runner.run([(frozenset(), {})])[0]
        state = [({}, base, _objective([base[i] for i in train])) for train in trains]
        steps = [name for _ in range(passes) for name in names]
        for name in (progress(steps, total=len(steps)) if progress else steps):
            trials = {}
            for changes, _, _ in state:
                for m in multiples:
                    value = default[name] * m
                    if value != changes.get(name, default[name]):
                        t = dict(changes, **{name: value})
                        trials[tuple(sorted(t.items()))] = t
            keys = list(trials)
            results = dict(zip(keys, runner.run([(frozenset(), trials[k]) for k in keys])))
            for k, (changes, figs, best) in enumerate(state):
                before = changes
                for m in multiples:
                    value = default[name] * m
                    if value == before.get(name, default[name]):
                        continue
                    t = dict(before, **{name: value})
                    tried = results[tuple(sorted(t.items()))]
                    score = _objective([tried[i] for i in trains[k]])
                    if score > best + min_gain:
                        changes, figs, best = t, tried, score
                state[k] = (changes, figs, best)
    return {"default": base,
            "folds": {s.name: (changes, figs) for s, (changes, figs, _) in zip(sets, state[:n])},
            "self": {s.name: (changes, figs) for s, (changes, figs, _) in zip(sets, state[n:])}}
