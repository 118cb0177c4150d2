"""Every weight and threshold of the geoparser, in one frozen dataclass.

``Geoparser(weights=Weights(capital=1.5))`` tries another value without
touching the code; ``geomap eval --cv`` fits a few of them on two gold sets
and scores the third.  The defaults, and why each has its value, are in
``docs/geoparser.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

__all__ = ["Weights", "DEFAULT_WEIGHTS"]


@dataclass(frozen=True)
class Weights:
    """Weights (points of score) and thresholds; see each field's comment."""

    # -- recognition thresholds ---------------------------------------------------------------
    max_words: int = 6                       # the longest name looked up, in words
    weak_population: int = 50_000            # a place this small needs evidence when its name is a word
    person_population: int = 200_000         # "Obama" after "Barack Obama" is the person below this
    lone_saint_population: int = 100_000     # "St. Mary's" below this is a church or school
    lone_town_population: int = 100_000      # a lone one-word town below this, in no named country, is dropped
    abbreviation_length: int = 8             # the longest abbreviation GeoNames and aliases.tsv give, plus 2
    uncased_min_population: int = 100_000    # a town this large counts in a line without case

    # -- resolution: the prior of a candidate -------------------------------------------------
    max_candidates: int = 30
    population: float = 0.35                 # per decade of population (and of a feature's prominence)
    country: float = 3.0
    adm1: float = 1.0                        # a first-level region of ≥ adm1_min_population
    adm1_min_population: int = 300_000       # not Jamaica's parishes ("Manchester", "Portland")
    capital: float = 1.0
    ppla: float = 0.6                        # the seat of a first-level region
    ppla2: float = 0.3                       # the seat of a second-level region, or the region
    water: float = 2.0                       # an ocean, sea or gulf
    ocean: float = 2.0                       # an ocean on top ("Pacific" alone is the ocean)
    alternate_name: float = -0.8             # matched by an alternate name
    official_name: float = 0.2               # matched by the official name
    rank: float = 0.6                        # / (1 + context-free rank)
    region_below_city: float = -0.5          # a region named like a city inside it
    named_like_its_country: float = -1.0     # "Mexico" the state or Mexico City's alias, beside the country
    capital_namesake: float = -0.8           # "Washington" the state, beside the capital
    abbreviation_spelled_otherwise: float = -1.0  # "LA" is Los Angeles; Louisiana is "La."
    region_worded: float = 2.0               # "Kaduna state", "the Donetsk region"
    feature_worded: float = 4.0              # "Heathrow airport", "the Dnipro river": the word says what it is
    dateline_city: float = 3.0               # "NEW YORK (Reuters) -" is the city, not the state

    # -- resolution: context from the other names of the text ---------------------------------
    ctx_country: float = 0.9
    ctx_region: float = 1.4
    ctx_near: float = 1.5
    near_km: float = 150.0
    ctx_of_country: float = 0.4              # a country named beside places inside it
    qualifier: float = 8.0                   # "Paris, Texas": an explicit qualifier outweighs all else
    qualifier_holds: float = 2.0             # ... and "Texas" is the sense of its name that holds Paris
    ctx_sibling: float = 1.0                 # other first-level regions of the same country
    ctx_district: float = 1.5                # a town and its second-level region, both named
    support_cap: float = 2.0                 # no kind of support counts more than this
    weak_support: float = 0.5  # what a weak mention's support counts (an unmarked small town)
    weak_support_population: int = 100_000   # a name of a town this large is no weak mention
    region_power: float = 0.5
    point_power: float = 0.5
    points_k: int = 6
    dateline_boost: float = 2.0              # the dateline's points count this much more
    rounds: int = 3
    softmax_temperature: float = 2.0
    unresolved_below: float = 0.6            # a winner scoring below this is not reported

    def with_(self, **changes) -> "Weights":
        """A copy with some fields changed (a typo is an error)."""
        names = {f.name for f in fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise ValueError(f"no weight named {', '.join(sorted(unknown))}")
        return replace(self, **changes)


DEFAULT_WEIGHTS = Weights()
