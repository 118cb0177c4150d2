"""Score geoparsing against gold JSONL (the format of the shared evaluation sets).

Each line: ``{"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid"}]}``.

* **Recognition**: precision, recall and F1, where a predicted span counts
  when it overlaps a gold span (each gold span matched at most once).
* **Resolution**, over the gold spans that were found: accuracy@161 km, mean
  and median error in km, and the AUC of the log error curve (Gritta et al.
  2018: ``trapz(log(err+1)) / (log(20039) * (n-1))`` over sorted errors;
  lower is better).  A found span left unresolved counts as the largest
  possible error, 20,039 km.  Where the gold has GeoNames ids, the share of
  exact-id matches is reported too, so that disagreements about country
  points (hundreds of km between sources) are visible; and, for any gold,
  the share of spans resolved into the country the gold point lies in.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputFormatError
from .place import distance_km

__all__ = ["GoldDoc", "read_gold", "Scores", "score"]

MAX_ERROR_KM = 20039.0


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[dict]


def read_gold(path: str | Path, *, require_points: bool = False, notes: list[str] | None = None) -> Iterator[GoldDoc]:
    """Read gold (or prediction) JSONL; errors name the file and line.

    ``require_points``: every toponym must carry ``lat`` and ``lon`` (gold to
    score against); predictions and inputs to ``parse --given-spans`` need not.
    A lone surrogate escape (``"\\ud800"``) in a text is read as U+FFFD (one
    character for one, so offsets hold) and a warning naming the line goes to
    ``notes``.
    """
    from .surrogates import without_surrogates

    path = Path(path)
    try:
        stream = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputFormatError(f"cannot read ({exc.strerror})", path=str(path)) from None
    with stream:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if isinstance(rec, dict):
                    rec, fixed = without_surrogates(rec)
                    if fixed and notes is not None:
                        notes.append(f"{path}:{lineno}: warning: a lone surrogate escape (\\ud800-\\udfff, "
                                     "not half of a pair) is read as U+FFFD")
                doc = GoldDoc(str(rec["id"]), rec["text"], list(rec.get("toponyms") or []))
                _check(doc, require_points)
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, RecursionError) as exc:
                raise InputFormatError(
                    f"not a geoparsing record ({type(exc).__name__}: {exc}); expected "
                    '{"id", "text", "toponyms": [{"start", "end", "lat", "lon", ...}]}',
                    path=str(path), line=lineno,
                ) from None
            yield doc


def _check(doc: GoldDoc, require_points: bool) -> None:
    """Raise ValueError/TypeError unless the record's values make sense."""
    if not isinstance(doc.text, str):
        raise TypeError(f"'text' must be a string, not {type(doc.text).__name__}")
    for t in doc.toponyms:
        start, end = t["start"], t["end"]
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise TypeError(f"'start' and 'end' must be integers, got {start!r}, {end!r}")
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"span ({start}, {end}) is outside the text (length {len(doc.text)})")
        for key in ("lat", "lon"):
            value = t.get(key)
            if value is None and require_points:
                raise ValueError(f"toponym ({start}, {end}) has no {key!r}: gold toponyms need lat and lon")
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise TypeError(f"{key!r} must be a number or null, got {value!r}")


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors_km: list[float] = field(default_factory=list)
    id_total: int = 0
    id_match: int = 0
    country_total: int = 0
    country_match: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        e = self.errors_km
        return sum(1 for x in e if x <= 161) / len(e) if e else 0.0

    @property
    def mean_km(self) -> float:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        e = sorted(self.errors_km)
        if not e:
            return 0.0
        mid = len(e) // 2
        return e[mid] if len(e) % 2 else (e[mid - 1] + e[mid]) / 2

    @property
    def auc(self) -> float:
        e = sorted(self.errors_km)
        if len(e) < 2:
            return 0.0
        ys = [math.log(x + 1) for x in e]
        area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
        return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "acc@161": round(self.acc161, 4), "mean_km": round(self.mean_km, 1),
            "median_km": round(self.median_km, 1), "auc": round(self.auc, 4),
            "resolved_spans": len(self.errors_km), "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "geonameid_accuracy": round(self.id_match / self.id_total, 4) if self.id_total else None,
            "country_accuracy": round(self.country_match / self.country_total, 4) if self.country_total else None,
            "country_spans": self.country_total,
        }


def score(pairs: Iterable[tuple[list[dict], list[dict]]],
          country_of: Callable[[float, float], str | None] | None = None) -> Scores:
    """Score (gold toponyms, predicted toponyms) pairs, one pair per document.

    ``country_of(lat, lon)``: the country code of a gold point.  When given,
    every found span resolved to a place in a country (not a sea or a
    continent) is also scored by whether that country is the gold point's: a
    measure that country-point conventions (hundreds of km apart) cannot move.
    """
    s = Scores()
    for gold, pred in pairs:
        gold = sorted(gold, key=lambda t: (t["start"], t["end"]))
        used = set()
        for p in sorted(pred, key=lambda t: (t["start"], t["end"])):
            # The unused gold span this prediction overlaps most (first on ties).
            match, best = None, 0
            for gi, g in enumerate(gold):
                overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
                if gi not in used and overlap > best:
                    match, best = gi, overlap
            if match is None:
                s.fp += 1
                continue
            used.add(match)
            s.tp += 1
            g = gold[match]
            if g.get("lat") is None or g.get("lon") is None:
                pass  # the gold gives no point: recognition counts, resolution cannot be scored
            elif p.get("lat") is None or p.get("lon") is None:
                s.errors_km.append(MAX_ERROR_KM)
            else:
                s.errors_km.append(distance_km(g["lat"], g["lon"], p["lat"], p["lon"]))
                if country_of is not None and p.get("country_code"):
                    gold_country = country_of(g["lat"], g["lon"])
                    if gold_country:
                        s.country_total += 1
                        s.country_match += int(gold_country == p["country_code"])
            if g.get("geonameid"):
                s.id_total += 1
                s.id_match += int(p.get("geonameid") == g["geonameid"])
        s.fn += len(gold) - len(used)
    return s
