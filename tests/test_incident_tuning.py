"""Fitting the incident evidence weights on one set and judging them on others (geomap.incident_tuning)."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.incident import WEIGHTS, Weights
from geomap.incident_tuning import Prepared, ceiling, changes, cross_table, fit, judge
from geomap.place import Place


def place(gid: int, name: str, lat: float, lon: float) -> Place:
    return Place(gid, name, lat, lon, "P", "PPL", "UA", "Ukraine", "14", "", "", "", 10_000)


KHERSON = place(706448, "Kherson", 46.64, 32.61)
KYIV = place(703448, "Kyiv", 50.45, 30.52)


@dataclass
class M:
    start: int
    end: int
    surface: str
    kind: str
    place: Place | None
    confidence: float = 1.0


def article(text: str, gold: Place) -> Prepared:
    found = [M(text.index(p.name), text.index(p.name) + len(p.name), p.name, "place", p)
             for p in (KHERSON, KYIV) if p.name in text]
    return Prepared("a", text, "", "", tuple(sorted(found, key=lambda m: m.start)), gold.lat, gold.lon, None)


# the event is in Kherson, which the text names after the speaker's Kyiv
ARTICLES = [article("Officials in Kyiv said shelling killed two in Kherson.", KHERSON),
            article("The minister spoke in Kyiv. An airstrike hit Kherson overnight.", KHERSON)]


def test_judge_measures_as_eval_incidents_does():
    assert judge(ARTICLES) == (1.0, 1.0)
    # without the event evidence and with the early sentence counting most, Kyiv wins and Kherson is missed
    blind = Weights(event_clause=0.0, event_sentence=0.0, attribution=0.0, early=5.0)
    assert judge(ARTICLES, blind) == (0.0, 0.0)
    assert ceiling(ARTICLES) == 1.0


def test_fit_finds_weights_at_least_as_good_as_its_start():
    blind = Weights(event_clause=0.0, event_sentence=0.0, attribution=0.0, early=5.0)
    fitted = fit(ARTICLES, blind, sweeps=1)
    assert judge(ARTICLES, fitted)[0] >= judge(ARTICLES, blind)[0]
    assert fit(ARTICLES, WEIGHTS, sweeps=1) == WEIGHTS  # nothing to gain: nothing changes
    assert changes(WEIGHTS) == {}


def test_cross_table_marks_the_set_fitted_on():
    lines = cross_table({"a": ARTICLES, "b": ARTICLES[:1]}, {"shipped": WEIGHTS, "fitted on a": WEIGHTS},
                        fitted_on={"fitted on a": "a"})
    assert lines[0] == "| weights | a ≤25 km | a ≤161 km | b ≤25 km | b ≤161 km |"
    assert lines[2] == "| shipped | 1.000 | 1.000 | 1.000 | 1.000 |"
    assert lines[3] == "| fitted on a | 1.000* | 1.000* | 1.000 | 1.000 |"
