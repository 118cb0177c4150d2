"""Rules as named data: every heuristic of the geoparser has a name, a stage, a docstring and a switch.

A :class:`Rule` wraps one small function.  The recogniser and the resolver
read their ordered tables (``recognition.RULES``, ``resolution.FEATURES``)
and skip the rules a :class:`~geomap.geoparser.Geoparser` was told to
``disable``; ``geomap eval --ablate`` switches each off in turn and prints
what that does on every gold set.

Stages, in the order a text meets them:

``lookup``
    changes what a span is looked up as, or which candidates it keeps
    ("D-Columbus" → "Columbus", "Act" is not ACT);
``recognise``
    judges a gazetteer match: keep it, try a shorter span, or drop its words;
``qualify``
    adds mentions the matches imply ("TX" in "Paris, TX");
``given``
    how spans handed in (``Geoparser.resolve``) are looked up;
``prior`` / ``context``
    a resolution feature: a number per candidate, weighted and summed into
    its score (:mod:`geomap.geoparser.resolution`), or how the mentions of
    a text are grouped into senses;
``after``
    drops resolved mentions nothing in the text stands by;
``unfound``
    adds names the text puts something at that the gazetteer lacks as spelt
    ("killed in Khemkaran"), looked up otherwise; the text is then resolved
    again with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

__all__ = ["Rule", "STAGES", "check_names"]

STAGES = ("lookup", "recognise", "qualify", "given", "prior", "context", "after", "unfound")


@dataclass(frozen=True)
class Rule:
    """One named heuristic: ``func`` does the work, its docstring says what it catches and what it costs."""

    name: str
    stage: str
    func: Callable
    #: For a resolution feature: the field of :class:`~geomap.geoparser.weights.Weights` that
    #: multiplies its value.
    weight: str = ""

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"rule {self.name!r}: unknown stage {self.stage!r} (one of {', '.join(STAGES)})")

    @property
    def doc(self) -> str:
        """The first paragraph of the function's docstring."""
        return " ".join((self.func.__doc__ or "").strip().split("\n\n")[0].split())


def check_names(disable: Iterable[str], known: Iterable[str]) -> frozenset[str]:
    """``disable`` as a set, after checking every name is a rule's (a typo is an error, not a no-op)."""
    disable = frozenset(disable)
    unknown = disable - frozenset(known)
    if unknown:
        raise ValueError(f"no geoparser rule named {', '.join(sorted(unknown))}; "
                         f"`geomap rules` lists them")
    return disable
