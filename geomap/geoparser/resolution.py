"""Choose, for each place mention, the place it refers to, using the whole document.

Each candidate's score is a weighted sum of named **features**
(``FEATURES``; weights in :class:`~geomap.geoparser.weights.Weights`):

* ``prior`` features need no context: population, what the place is
  (country, capital, first-level region…), how its name matched, its rank
  without context, a few facts about the mention ("Kaduna state", a
  dateline);
* ``context`` features read the other names of the same text: countries and
  regions they may lie in, nearness, qualifiers ("Paris, Texas"), sibling
  regions, a town and its county.

Support from another name is weighted by how likely each of its candidates
currently is, so that two ambiguous names that agree ("Gainesville" and
"Hall County", both in Georgia) lift each other.  The scores are recomputed
``rounds`` times, each round with the previous round's probabilities.

One sense per name per document: every mention of the same name gets the
same place.  The confidence is the softmax probability of the winner among
its rivals; a winner scoring below ``unresolved_below`` is not reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

from ..normalize import normalize_name
from ..place import MAJOR_WATER, NameKind, Place, abbreviation_spelled_otherwise, contains, effective_populations
from . import nearness
from .recognition import Span
from .rules import Rule
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = ["Mention", "Resolver", "resolve_spans", "FEATURES"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention with the place it resolved to (``place`` is None when unresolved)."""

    start: int
    end: int
    surface: str
    kind: str
    place: Place | None
    confidence: float

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "name": self.surface, "kind": self.kind,
               "confidence": round(self.confidence, 4)}
        if self.place is not None:
            p = self.place
            out.update(lat=p.lat, lon=p.lon, geonameid=p.geonameid, place_name=p.name,
                       feature_code=p.feature_code, country_code=p.country_code,
                       admin1=p.admin1_name, population=p.population)
        else:
            out.update(lat=None, lon=None, geonameid=None)
        return out


class Facts(NamedTuple):
    """What the scoring reads of one candidate, computed once."""

    is_country: bool
    is_continent: bool
    country: str
    admin1: str
    lat: float
    lon: float
    coslat: float
    district: tuple[str, str, str] | None
    is_adm1: bool                  # a first-level region not named like its country


class Offer(NamedTuple):
    """What one candidate offers the other names as context, computed once."""

    country: str
    region: tuple[str, str] | None
    is_adm1: bool
    district: tuple[str, str, str] | None
    is_point: bool                 # gives spatial support: not a country, continent or water body
    lat: float
    lon: float


class Group:
    """All mentions of one name in a document: they share one sense."""

    __slots__ = ("key", "spans", "candidates", "demoted", "priors", "choice", "scores", "qualifiers", "facts",
                 "offers", "qualified", "single", "region_worded", "is_dateline", "surface", "namesakes", "near",
                 "weak", "offer_factor")

    def __init__(self, key: str, span: Span, w: Weights, region_worded: bool = False):
        self.key = key
        self.spans = [span]
        self.surface = span.surface
        cands = span.candidates
        if span.kind == "demonym":
            cands = tuple(c for c in cands if c.match_kind is NameKind.DEMONYM) or cands
        self.candidates = cands[:w.max_candidates]
        self.region_worded = region_worded
        self.is_dateline = False
        self.demoted: dict[int, int] = {}
        # A place named like the country it lies in ("Mexico": the State of México, and Mexico
        # City's alias) is the country's namesake.
        self.namesakes = {c.country_code for c in self.candidates if c.is_country}
        self.priors: list[float] = []
        self.choice = 0
        self.scores: list[float] = []
        self.facts = [
            Facts(c.is_country, c.feature_code == "CONT", c.country_code, c.admin1_code, c.lat, c.lon,
                  math.cos(math.radians(c.lat)),
                  (c.country_code, c.admin1_code, c.admin2_code) if c.admin2_code else None,
                  c.feature_code == "ADM1" and c.country_code not in self.namesakes)
            for c in self.candidates
        ]
        self.offers = [
            Offer(c.country_code, (c.country_code, c.admin1_code) if c.admin1_code and not c.is_country else None,
                  c.feature_code == "ADM1",
                  (c.country_code, c.admin1_code, c.admin2_code) if c.admin2_code else None,
                  not c.is_country and c.feature_code != "CONT" and c.feature_class != "H", c.lat, c.lon)
            for c in self.candidates
        ]
        self.qualifiers: list[Group] = []
        self.qualified: list[bool] = []  # per candidate: inside a qualifier? (set before scoring)
        # A name with one candidate offers the same context every round (its probability is 1).
        self.single: tuple | None = None
        self.near: list[float] = []  # this round's spatial support, per candidate
        self.weak = span.weak  # every mention of the name is weak (see Span.weak)
        self.offer_factor = 1.0  # what its support counts (set by the resolver: weak_mention)

    @property
    def place(self) -> Place | None:
        return self.candidates[self.choice] if self.candidates else None


# -- prior features: one value per candidate, no context --------------------------------------------

def population(g: Group) -> list[float]:
    """Population, in decades (log10): "Paris" is the French capital before Paris, Texas. A region
    named like a city inside it counts just below that city's population (see ``region_below_city``)."""
    demoted = g.demoted
    return [math.log10(demoted.get(c.geonameid, c.population) + 1) for c in g.candidates]


def _kind(code: str):
    def feature(g: Group) -> list[float]:
        demoted = g.demoted
        return [float(c.feature_code == code and c.geonameid not in demoted) for c in g.candidates]
    return feature


def country(g: Group) -> list[float]:
    """A country: "Georgia" alone is the country before the state and the towns."""
    return [float(c.is_country) for c in g.candidates]


continent = _kind("CONT")
continent.__doc__ = """A continent: "Africa"."""
capital = _kind("PPLC")
capital.__doc__ = """A national capital: "Kingston" is Jamaica's before Ontario's or New York's."""
ppla = _kind("PPLA")
ppla.__doc__ = """The seat of a first-level region: "Springfield" is Illinois' capital before the others."""


def water(g: Group) -> list[float]:
    """An ocean, sea or gulf: "Black Sea", "Gulf of Aden"."""
    return [float(c.feature_code in MAJOR_WATER) for c in g.candidates]


ocean = _kind("OCN")
ocean.__doc__ = """An ocean on top of a sea: "Pacific" alone is the ocean, not Pacific, Missouri."""


def adm1(g: Group, w: Weights) -> list[float]:
    """A first-level region of at least ``adm1_min_population`` people: "Texas" is the state before
    the towns named after it (Jamaica's parishes "Manchester" and "Portland" are too small)."""
    demoted = g.demoted
    return [float(c.feature_code == "ADM1" and c.population >= w.adm1_min_population and c.geonameid not in demoted)
            for c in g.candidates]


def ppla2(g: Group) -> list[float]:
    """A second-level region or its seat: "Laurel County"."""
    demoted = g.demoted
    return [float(c.feature_code in ("PPLA2", "ADM2") and c.geonameid not in demoted) for c in g.candidates]


def alternate_name(g: Group) -> list[float]:
    """Matched by an alternate name (another language's, an old one) rather than the place's own."""
    demoted = g.demoted
    return [float(c.match_kind is NameKind.ALTERNATE and c.geonameid not in demoted) for c in g.candidates]


def official_name(g: Group) -> list[float]:
    """Matched by the place's official name."""
    demoted = g.demoted
    return [float(c.match_kind is NameKind.NAME and c.geonameid not in demoted) for c in g.candidates]


def context_free_rank(g: Group) -> list[float]:
    """The gazetteer's own order without context (:func:`geomap.place.rank_places`): 1 / (1 + rank)."""
    return [1.0 / (1 + r) for r in range(len(g.candidates))]


def region_below_city(g: Group) -> list[float]:
    """A region named like a populated place inside it ranks below that place ("Aleppo" the city,
    not the governorate; "New York" the city): it takes the city's population less one, and no
    bonus for its kind or name."""
    demoted = g.demoted
    return [float(c.geonameid in demoted) for c in g.candidates]


def abbreviation_spelled_otherwise_(g: Group) -> list[float]:
    """An abbreviation written in another case than the one matched: "LA" and "L.A." are Los
    Angeles, "La." is Louisiana."""
    surface = g.surface
    return [float(abbreviation_spelled_otherwise(c, surface)) for c in g.candidates]


def named_like_its_country(g: Group) -> list[float]:
    """A place named like the country it lies in ("Mexico": the State of México, and Mexico City's
    alias) is the country's namesake, and takes no sibling-region bonus."""
    namesakes = g.namesakes
    return [float(not c.is_country and c.country_code in namesakes) for c in g.candidates]


def region_worded(g: Group) -> list[float]:
    """A name followed by "state", "province", "region", "governorate", "oblast" or "prefecture" is
    the first-level region ("Kaduna state", "the Donetsk region"), a sense of its own beside the
    city named alike."""
    if not g.region_worded:
        return [0.0] * len(g.candidates)
    return [float(c.feature_code == "ADM1") for c in g.candidates]


def dateline_city(g: Group) -> list[float]:
    """A dateline names a city: "WASHINGTON (Reuters) -" is the capital, not the state."""
    if not g.is_dateline:
        return [0.0] * len(g.candidates)
    return [float(c.feature_class == "P") for c in g.candidates]


# -- context features: one value per candidate, from the other names ---------------------------------

class RoundContext(NamedTuple):
    """What every other name offers one name in one round."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    siblings: dict[tuple[str, str], float]
    siblings_by_country: dict[str, float]
    districts: dict[tuple[str, str, str], float]


def country_named_beside(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A country gains when other names lie in it: "Georgia" beside "Tbilisi" is the country."""
    cap = w.support_cap
    return [min(ctx.countries.get(f.country, 0.0), cap) if f.is_country else 0.0 for f in g.facts]


def sibling_regions(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A first-level region gains when other names are other first-level regions of the same
    country: in a list of states, "Washington" is the state, not Washington, Iowa."""
    siblings = ctx.siblings
    if not siblings:
        return [0.0] * len(g.facts)
    cap, by_country = w.support_cap, ctx.siblings_by_country
    return [min(by_country.get(f.country, 0.0) - siblings.get((f.country, f.admin1), 0.0), cap)
            if f.is_adm1 and not f.is_country else 0.0 for f in g.facts]


def same_district(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A place gains when another name has a likely candidate in the same second-level region: a
    town and its county choose each other ("Paris" and "Henry County": Tennessee)."""
    districts = ctx.districts
    if not districts:
        return [0.0] * len(g.facts)
    cap = w.support_cap
    return [min(districts.get(f.district, 0.0), cap) if f.district is not None and not f.is_country else 0.0
            for f in g.facts]


def country_support(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A place gains when other names lie in its country, or are that country ("Aleppo" beside
    "Syria")."""
    cap = w.support_cap
    return [0.0 if f.is_country else min(ctx.countries.get(f.country, 0.0), cap) for f in g.facts]


def region_support(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A place gains when other names lie in its first-level region, or are that region
    ("Gainesville" beside "Hall County", Georgia)."""
    cap, regions = w.support_cap, ctx.regions
    return [min(regions.get((f.country, f.admin1), 0.0), cap) if f.admin1 and not f.is_country else 0.0
            for f in g.facts]


def nearness_(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A place gains from the likely places of other names nearby: ``exp(-km / near_km)`` of the
    strongest (the dateline's count double); see :mod:`geomap.geoparser.nearness`."""
    return g.near


def qualifier(g: Group, ctx: RoundContext, w: Weights) -> list[float]:
    """A mention right after a comma qualifies the one before ("Paris, Texas", "Springfield,
    Ill."): candidates inside it gain strongly."""
    return [float(q) for q in g.qualified]


def qualified_own_sense(g: Group) -> bool:
    """One sense per name, except that a qualified mention is a sense of its own: "Glasgow is a
    city in Barren County, Kentucky … named after Glasgow in Scotland", "Like Paris, Texas, the
    town…".  Qualifiers are a comma ("Paris, Texas") or "in" before a region or country ("Dover in
    Kent")."""
    return bool(g.qualifiers)


def weak_mention(g: Group) -> float:
    """A mention only its name says is a place (one capitalised word naming small places, nothing
    in the text marking it: "Freeland left for Washington…") lends the other names less support:
    its probabilities count ``weak_support`` times.  A person named like a village should not pull
    "Washington" to the state the village lies in."""
    return g.offer_factor


FEATURES: tuple[Rule, ...] = (
    Rule("population", "prior", population, "population"),
    Rule("country", "prior", country, "country"),
    Rule("continent", "prior", continent, "continent"),
    Rule("water", "prior", water, "water"),
    Rule("ocean", "prior", ocean, "ocean"),
    Rule("adm1", "prior", adm1, "adm1"),
    Rule("capital", "prior", capital, "capital"),
    Rule("ppla", "prior", ppla, "ppla"),
    Rule("ppla2", "prior", ppla2, "ppla2"),
    Rule("alternate_name", "prior", alternate_name, "alternate_name"),
    Rule("official_name", "prior", official_name, "official_name"),
    Rule("context_free_rank", "prior", context_free_rank, "rank"),
    Rule("region_below_city", "prior", region_below_city, "region_below_city"),
    Rule("abbreviation_spelled_otherwise", "prior", abbreviation_spelled_otherwise_,
         "abbreviation_spelled_otherwise"),
    Rule("named_like_its_country", "prior", named_like_its_country, "named_like_its_country"),
    Rule("region_worded", "prior", region_worded, "region_worded"),
    Rule("dateline_city", "prior", dateline_city, "dateline_city"),
    Rule("country_named_beside", "context", country_named_beside, "ctx_of_country"),
    Rule("sibling_regions", "context", sibling_regions, "ctx_sibling"),
    Rule("same_district", "context", same_district, "ctx_district"),
    Rule("country_support", "context", country_support, "ctx_country"),
    Rule("region_support", "context", region_support, "ctx_region"),
    Rule("nearness", "context", nearness_, "ctx_near"),
    Rule("qualifier", "context", qualifier, "qualifier"),
    Rule("weak_mention", "support", weak_mention, "weak_support"),
    Rule("qualified_own_sense", "support", qualified_own_sense),
)
# Prior features that read the weights themselves (a threshold), not only through their weight.
_NEEDS_WEIGHTS = frozenset({"adm1"})

_QUALIFIER_GAP = re.compile(r"^,\s{0,2}$")
_REGION_WORD_AFTER = re.compile(r"\s(?:[Ss]tate|[Pp]rovince|[Rr]egion|[Gg]overnorate|[Oo]blast|[Pp]refecture)\b")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:\([A-Za-z .'&-]{2,30}\)\s*)?[-—–]")


class Resolver:
    """The features of ``FEATURES`` less the disabled ones, with their weights."""

    def __init__(self, weights: Weights = DEFAULT_WEIGHTS, disable: Iterable[str] = ()):
        disable = frozenset(disable)
        self.w = weights
        self.priors = [(r.name, r.func, getattr(weights, r.weight)) for r in FEATURES
                       if r.stage == "prior" and r.name not in disable]
        self.contexts = [(r.func, getattr(weights, r.weight)) for r in FEATURES
                         if r.stage == "context" and r.name not in disable]
        self.demote = "region_below_city" not in disable
        self.region_worded = "region_worded" not in disable
        self.dateline = "dateline_city" not in disable
        self.near = "nearness" in {r.name for r in FEATURES} - disable
        self.qualify = "qualifier" not in disable
        self.weak_support = weights.weak_support if "weak_mention" not in disable else 1.0
        self.own_sense = "qualified_own_sense" not in disable

    def _prior(self, g: Group) -> list[float]:
        n = len(g.candidates)
        total = [0.0] * n
        for name, func, weight in self.priors:
            values = func(g, self.w) if name in _NEEDS_WEIGHTS else func(g)
            total = [t + weight * v for t, v in zip(total, values)]
        return total

    def resolve(self, text: str, spans: list[Span], context: Sequence[Place] = ()) -> list[Mention]:
        """Resolve every span of one document (see the module docstring).

        ``context``: places known about the document from elsewhere (an event
        record's country and province); they count as if the text named them.
        """
        w = self.w
        pairs = _qualifier_pairs(text, spans) if self.qualify else []
        qualified_by = {a: b for a, b in pairs}
        groups: dict[str, Group] = {}
        order: list[Group] = []
        for k, span in enumerate(spans):
            key = normalize_name(span.surface) + "|" + span.kind
            worded = self.region_worded and _REGION_WORD_AFTER.match(text, span.end) is not None \
                and any(c.feature_code == "ADM1" for c in span.candidates[:w.max_candidates])
            if worded:
                key += "|region"
            if k in qualified_by and self.own_sense:  # "Glasgow in Scotland" beside Glasgow, Kentucky
                key += "|in " + normalize_name(spans[qualified_by[k]].surface)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(key, span, w, worded)
            else:
                group.spans.append(span)
                group.weak = group.weak and span.weak
            order.append(group)
        for a, b in pairs:
            if order[b] not in order[a].qualifiers:
                order[a].qualifiers.append(order[b])
        dateline = _dateline(spans, order, text) if self.dateline else None
        if dateline is not None:
            dateline.is_dateline = True
        live = [g for g in groups.values() if g.candidates]
        for i, place in enumerate(context):
            live.append(Group(f"context:{i}", Span(0, 0, place.name, "context", (place,)), w))
        for g in live:
            if g.weak and self.weak_support != 1.0:
                g.offer_factor = self.weak_support
            if self.demote:
                g.demoted = effective_populations(list(g.candidates))
            g.priors = self._prior(g)
            g.scores = list(g.priors)
            # The qualifier test does not change between rounds: once.
            g.qualified = [any(q.candidates and any(_qualifies(r, c) for r in q.candidates[:10]) for q in g.qualifiers)
                           for c in g.candidates]
        # Which name each group is: "Kaduna" and "Kaduna state" are two senses of one name, and a
        # name is no context for itself.
        first: dict[str, int] = {}
        owner = [first.setdefault(g.key.split("|region")[0].split("|in ")[0], gi) for gi, g in enumerate(live)]
        # Where the candidates that take spatial support are (not countries, not continents): once.
        owners, lats, lons, coslats = [], [], [], []
        for gi, g in enumerate(live):
            for f in g.facts:
                if not (f.is_country or f.is_continent):
                    owners.append(owner[gi]), lats.append(f.lat), lons.append(f.lon), coslats.append(f.coslat)
        where = nearness.Candidates(owners, lats, lons, coslats)
        for g in live:
            if len(g.candidates) == 1:
                g.single = _summary(g, w)
        for _ in range(w.rounds):
            self._rescore(live, where, owner)
        mentions = []
        for span, group in zip(spans, order):
            place, confidence = None, 0.0
            if group.candidates:
                best = group.scores[group.choice]
                confidence = _softmax(group.scores, w.softmax_temperature)[group.choice]
                if best >= w.unresolved_below:
                    place = group.place
            mentions.append(Mention(span.start, span.end, span.surface, span.kind, place, confidence))
        return mentions

    def _rescore(self, groups: list[Group], where: nearness.Candidates, owner: list[int]) -> None:
        """One round: every candidate is scored against every *candidate* of the other names."""
        w = self.w
        summaries = [h.single or _summary(h, w) for h in groups]
        # Context sums over every name, once; each name then reads them less its own share.
        totals: tuple[dict, ...] = ({}, {}, {}, {})  # regions, countries, first-level regions, districts
        for summary in summaries:
            for total, part in zip(totals, (summary[0], summary[1], summary[3], summary[4])):
                for key, v in part.items():
                    total[key] = total.get(key, 0.0) + v
        all_regions, all_countries, all_adm1s, all_districts = totals
        owns = summaries if len(set(owner)) == len(owner) else _merged_by_owner(summaries, owner)
        if self.near:
            # Spatial support of every candidate that takes it, in the order of ``where``.
            points = [(plat, plon, weight, owner[hi]) for hi, summary in enumerate(summaries)
                      for plat, plon, weight in summary[2]]
            near_all = iter(nearness.support(where, points, w.near_km))
            for g in groups:
                g.near = [0.0 if f.is_country or f.is_continent else next(near_all) for f in g.facts]
        new_choices = []
        for gi, g in enumerate(groups):
            own_regions, own_countries, _, own_adm1s, own_districts = owns[gi]
            siblings = _less(all_adm1s, own_adm1s)
            by_country: dict[str, float] = {}
            for (cc, _), v in siblings.items():
                by_country[cc] = by_country.get(cc, 0.0) + v
            ctx = RoundContext(_less(all_countries, own_countries), _less(all_regions, own_regions), siblings,
                               by_country, _less(all_districts, own_districts))
            scores = g.priors
            for func, weight in self.contexts:
                scores = [s + weight * v for s, v in zip(scores, func(g, ctx, w))]
            g.scores = scores
            new_choices.append(scores.index(max(scores)))  # the first best
        for g, choice in zip(groups, new_choices):
            g.choice = choice


QUALIFYING_TOWN_POPULATION = 100_000


def _qualifies(region: Place, place: Place) -> bool:
    """Can ``region`` be what a writer adds after a comma to say which ``place`` they mean?

    It must contain the place, and be a country or region, or a town of 100,000 or more that
    is larger than the place ("Brooklyn, New York"): "After Paris, London is…" is no Paris near
    London, Arkansas.  And the place must be called so by its own name, not an alternate one:
    "Washington, New York and Boston" is no Watervliet, New York (once called Washington).
    """
    if place.match_kind is NameKind.ALTERNATE or not contains(region, place):
        return False
    if region.feature_class == "P":
        return region.population >= QUALIFYING_TOWN_POPULATION and region.population > place.population
    return True


_IN_GAP = re.compile(r"^ in (?:the )?$")


def _qualifier_pairs(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """(qualified, qualifier) span indices: "Paris, Texas" (a mention right after a comma qualifies
    the one before it, except in a list of countries: "Italy, England, USA" is not England,
    Arkansas) and "Glasgow in Scotland", "Dover in Kent"."""
    pairs: list[tuple[int, int]] = []
    chain: list[int] = []
    for k in range(len(spans)):
        if chain and _QUALIFIER_GAP.match(text[spans[k - 1].end:spans[k].start]):
            chain.append(k)
            continue
        pairs.extend(_chain_pairs(spans, chain))
        chain = [k]
        if k and _IN_GAP.match(text[spans[k - 1].end:spans[k].start]) and spans[k].candidates \
                and any(c.feature_class == "A" for c in spans[k].candidates[:3]):
            pairs.append((k - 1, k))
    pairs.extend(_chain_pairs(spans, chain))
    return pairs


def _chain_pairs(spans: list[Span], chain: list[int]) -> list[tuple[int, int]]:
    """Each mention of a comma-separated run qualifies the one before, unless the run is a list.

    A run of three or more that starts with a country is a list of peers, not
    "town, region, country".
    """
    if len(chain) >= 3 and spans[chain[0]].candidates and spans[chain[0]].candidates[0].is_country:
        return []
    return list(zip(chain, chain[1:]))


def _dateline(spans: list[Span], order: list[Group], text: str) -> Group | None:
    """The group of a dateline at the start ("MOSCOW (Sputnik) —"), or after a headline
    ("… passes: WASHINGTON (Reuters) - The United States …")."""
    if spans and spans[0].start < 60 and spans[0].surface.isupper() and len(spans[0].surface) > 3:
        return order[0]
    for k, span in enumerate(spans[:3]):
        if span.surface.isupper() and len(span.surface) > 3 and _DATELINE_AFTER.match(text, span.end):
            return order[k]
    return None


def _merged_by_owner(summaries: list[tuple], owner: list[int]) -> list[tuple]:
    """Each group's summary summed with those of the other senses of its name."""
    merged: dict[int, tuple] = {}
    for summary, o in zip(summaries, owner):
        if o not in merged:
            merged[o] = ({}, {}, None, {}, {})
        for total, part in zip((merged[o][k] for k in (0, 1, 3, 4)), (summary[k] for k in (0, 1, 3, 4))):
            for key, v in part.items():
                total[key] = total.get(key, 0.0) + v
    return [merged[o] for o in owner]


def _less(total: dict, own: dict) -> dict:
    """``total`` minus ``own``: what everyone but one name offers."""
    if not own:
        return total
    out = dict(total)
    for key, v in own.items():
        out[key] -= v
    return out


def _summary(h: Group, w: Weights):
    """What one name offers as context: regions, countries and points, by probability (a weak
    mention's less: see ``weak_mention``)."""
    probs = _softmax(h.scores, w.softmax_temperature)
    if h.offer_factor != 1.0:
        probs = [p * h.offer_factor for p in probs]
    regions: dict[tuple[str, str], float] = {}
    countries: dict[str, float] = {}
    adm1s: dict[tuple[str, str], float] = {}
    districts: dict[tuple[str, str, str], float] = {}
    # The ten likeliest candidates (ties in candidate order).
    ranked = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:10]
    offers = h.offers
    region_power = w.region_power
    for i in ranked:
        p = probs[i]
        o = offers[i]
        if o.country:
            countries[o.country] = max(countries.get(o.country, 0.0), p)
        if o.region is not None:
            regions[o.region] = max(regions.get(o.region, 0.0), p ** region_power)
            if o.is_adm1:
                adm1s[o.region] = max(adm1s.get(o.region, 0.0), p)
            if o.district is not None:
                districts[o.district] = max(districts.get(o.district, 0.0), p ** region_power)
    boost = w.dateline_boost if h.is_dateline else 1.0
    points = []
    for i in ranked[:w.points_k]:
        o = offers[i]
        if o.is_point:
            points.append((o.lat, o.lon, min(1.0, boost * probs[i] ** w.point_power)))
    return regions, countries, points, adm1s, districts


def _softmax(scores: list[float], temperature: float) -> list[float]:
    top = max(scores)
    exps = [math.exp(temperature * (s - top)) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def resolve_spans(text: str, spans: list[Span], context: Sequence[Place] = (), *,
                  weights: Weights = DEFAULT_WEIGHTS, disable: Iterable[str] = ()) -> list[Mention]:
    """Resolve every span of one document with the default features (see :class:`Resolver`)."""
    return Resolver(weights, disable).resolve(text, spans, context)
