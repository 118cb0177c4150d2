"""Spatial support between the candidates of one document, for :mod:`geomap.resolve`, vectorised.

Each candidate place gets, from the *other* names' likely places ("points",
each with a weight), the strongest ``weight * exp(-km / scale)`` over the
points inside a box of ±6° of latitude and ±8° of longitude scaled by the
cosine of its latitude; 0.0 when there is none.

The box test and the distances are computed for all candidates and points at
once with numpy, by the same IEEE operations in the same order as the scalar
formula, so they are bitwise the same.  numpy's ``exp`` may differ from
``math.exp`` in the last bits, so it only picks, for each candidate, the
points within a relative 1e-9 of its best; those few are evaluated again
with ``math.exp``, and their maximum is the result, exactly as the scalar
loop would have found it.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

__all__ = ["Candidates", "support"]

# Relative margin within which a point may be the best under math.exp although numpy's exp
# ranks it lower (the two differ by a few units in the last place, ~1e-16).
_TIE = 1e-9
# Up to this many (candidate, point) pairs, the scalar loop is cheaper than numpy's calls (each a
# few microseconds however small the arrays): half the documents.
SCALAR_PAIRS = 400


class Candidates:
    """Where the candidates of a document are: which name offers each, and its lat, lon, cos(lat)."""

    __slots__ = ("owners", "lats", "lons", "coslats", "rows")

    def __init__(self, owners: Sequence[int], lats: Sequence[float], lons: Sequence[float],
                 coslats: Sequence[float]):
        self.rows = list(zip(owners, lats, lons, coslats))  # for the scalar loop (small documents)
        self.owners = np.array(owners, dtype=np.float64)[:, None]  # compared with the points' column
        self.lats = np.array(lats, dtype=np.float64)[:, None]
        self.lons = np.array(lons, dtype=np.float64)[:, None]
        self.coslats = np.array(coslats, dtype=np.float64)[:, None]

    def __len__(self) -> int:
        return len(self.owners)


def support(cands: Candidates, points: Sequence[tuple[float, float, float, int]], scale: float) -> list[float]:
    """For each candidate, the strongest ``weight * exp(-km / scale)`` of the points in its box
    that another name offers; ``points`` are (lat, lon, weight, offering name)."""
    if not points or not len(cands):
        return [0.0] * len(cands)
    if len(cands) * len(points) <= SCALAR_PAIRS:
        return _support_scalar(cands, points, scale)
    plat, plon, weight, owner = np.array(points, dtype=np.float64).T
    dy = plat - cands.lats
    dx = (plon - cands.lons) * cands.coslats
    inbox = (-6 < dy) & (dy < 6) & (-8 < dx) & (dx < 8) & (owner != cands.owners)
    km = 111.2 * np.sqrt(dx * dx + dy * dy)
    arg = -km / scale
    approx = np.where(inbox, weight * np.exp(arg), 0.0)
    best = approx.max(axis=1, keepdims=True)
    rows, cols = np.nonzero(inbox & (approx >= best * (1 - _TIE)))
    out = [0.0] * len(cands)
    for r, a, w in zip(rows.tolist(), arg[rows, cols].tolist(), weight[cols].tolist()):
        v = w * math.exp(a)
        if v > out[r]:
            out[r] = v
    return out


def _support_scalar(cands: Candidates, points: Sequence[tuple[float, float, float, int]], scale: float) -> list[float]:
    """``support`` as the formula says, candidate by candidate: the same operations in the same
    order as the arrays (the box first, then ``weight * exp(-km / scale)``), so the same floats."""
    exp, sqrt = math.exp, math.sqrt
    out = []
    for owner, lat, lon, coslat in cands.rows:
        best = 0.0
        for plat, plon, weight, powner in points:
            dy = plat - lat
            if -6 < dy < 6 and powner != owner:
                dx = (plon - lon) * coslat
                if -8 < dx < 8:
                    v = weight * exp(-(111.2 * sqrt(dx * dx + dy * dy)) / scale)
                    if v > best:
                        best = v
        out.append(best)
    return out
