"""Choose, for each place mention, the place it refers to, using the whole document.

Each candidate gets a score: a **prior** (population, what kind of place it
is, how its name matched, its rank without context) plus **context** from the
other mentions of the same text:

* countries and demonyms mentioned ("Syria", "Turkish") favour places inside
  those countries; admin regions mentioned ("Ga.", "Rapides Parish") favour
  places inside them;
* a qualifier right after the mention ("Paris, Texas", "Springfield, Ill.")
  strongly favours candidates inside it;
* spatial coherence: candidates near the places the other mentions resolve
  to score higher, the dateline place ("MOSCOW (Sputnik) —") most of all.

One sense per name per document: every mention of the same name gets the
same place.  Scores are recomputed a few times, each round using the
previous round's choices as context.  The confidence is the softmax
probability of the chosen candidate among its rivals; when even the best
candidate scores too low (an obscure namesake with nothing in the text to
support it), the mention is returned unresolved instead of a wild guess.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from . import nearness
from .extract import Span
from .normalize import normalize_name
from .place import MAJOR_WATER, NameKind, Place, abbreviation_spelled_otherwise, contains, effective_populations

__all__ = ["Mention", "resolve_spans"]

MAX_CANDIDATES = 30
# Weights of the score (prior, then context). Tuned by hand on the LGL and
# GeoVirus gold sets with gold spans; see docs/geoparser.md.
W_POPULATION = 0.35
W_COUNTRY, W_CONTINENT, W_ADM1, W_CAPITAL, W_PPLA, W_PPLA2 = 3.0, 2.0, 1.0, 1.0, 0.6, 0.3
W_ALTERNATE, W_OFFICIAL, W_RANK = -0.8, 0.2, 0.6
# The first-level-region bonus is for regions that matter more than their namesake towns
# ("Texas"); a parish of Jamaica ("Manchester", "Portland") is not one.  Region populations are
# sums of their cities500 members, a lower bound.
ADM1_BONUS_MIN_POPULATION = 300_000
W_WATER = 2.0
# An ocean named alone ("Pacific", "Atlantic") is the ocean, whatever towns share the name.
W_OCEAN = 2.0
W_CTX_COUNTRY, W_CTX_REGION, W_CTX_NEAR, W_CTX_OF_COUNTRY, W_QUALIFIER = 0.9, 1.4, 1.5, 0.4, 4.0
NEAR_KM = 150.0
REGION_POWER, POINT_POWER, POINTS_K = 0.5, 0.5, 6
W_CTX_VERY_NEAR, VERY_NEAR_KM = 0.0, 25.0
# A first-level region gains when other names are *other* first-level regions
# of the same country ("Iowa ... Washington": the state, not Washington, Iowa).
# The region itself named again (a record's province as context, "Donetsk" for
# the city in Donetsk oblast) is no sibling.
W_CTX_SIBLING = 1.0
# A place named like the country it lies in ("Mexico": Mexico City's alias, the State of México)
# ranks this much lower, and takes no sibling-region bonus.
W_NAMED_LIKE_ITS_COUNTRY = 1.0
# A place and a second-level region it lies in, both named ("Paris" and "Henry County": Tennessee).
W_CTX_DISTRICT = 1.5
ROUNDS = 3
UNRESOLVED_BELOW = 0.6
# A dateline names a city: "WASHINGTON (Reuters) -" is the capital, not the state.
W_DATELINE_CITY = 1.0
# An abbreviation written in another case than the one matched ("L.A." and "LA" vs "La.").
W_ABBREVIATION_SPELLED_OTHERWISE = -1.0
# A name followed by "state", "province", "region"… is the first-level region: "Kaduna state",
# "the Donetsk region" (not the cities).  Such a mention is a sense of its own in the document.
W_REGION_WORDED = 2.0

_QUALIFIER_GAP = re.compile(r"^,\s{0,2}$")
_REGION_WORD_AFTER = re.compile(r"\s(?:[Ss]tate|[Pp]rovince|[Rr]egion|[Gg]overnorate|[Oo]blast|[Pp]refecture)\b")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:\([A-Za-z .'&-]{2,30}\)\s*)?[-—–]")


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


def _prior(place: Place, rank: int, demoted: dict[int, int], surface: str = "") -> float:
    s = _prior_of_place(place, rank, demoted)
    if surface and abbreviation_spelled_otherwise(place, surface):
        s += W_ABBREVIATION_SPELLED_OTHERWISE  # "L.A." is Los Angeles; Louisiana is "La."
    return s


def _prior_of_place(place: Place, rank: int, demoted: dict[int, int]) -> float:
    if place.geonameid in demoted:  # a region named like the city inside it: the city first
        return W_POPULATION * math.log10(demoted[place.geonameid] + 1) + W_RANK / (1 + rank) - 0.5
    s = W_POPULATION * math.log10(place.population + 1)
    code = place.feature_code
    if place.is_country:
        s += W_COUNTRY
    elif code == "CONT":
        s += W_CONTINENT
    elif code in MAJOR_WATER:  # an ocean, sea or gulf
        s += W_WATER + W_OCEAN * (code == "OCN")
    elif code == "ADM1":
        if place.population >= ADM1_BONUS_MIN_POPULATION:
            s += W_ADM1
    elif code == "PPLC":
        s += W_CAPITAL
    elif code == "PPLA":
        s += W_PPLA
    elif code in ("PPLA2", "ADM2"):
        s += W_PPLA2
    kind = place.match_kind
    if kind is NameKind.ALTERNATE:
        s += W_ALTERNATE
    elif kind is NameKind.NAME:
        s += W_OFFICIAL
    s += W_RANK / (1 + rank)
    return s


class _Group:
    """All mentions of one name in a document: they share one sense."""

    __slots__ = ("key", "spans", "candidates", "priors", "choice", "scores", "qualifiers", "facts", "offers",
                 "qualified", "single")

    def __init__(self, key: str, span: Span):
        self.key = key
        self.spans = [span]
        cands = span.candidates
        if span.kind == "demonym":
            cands = tuple(c for c in cands if c.match_kind is NameKind.DEMONYM) or cands
        self.candidates = cands[:MAX_CANDIDATES]
        demoted = effective_populations(list(self.candidates))
        self.priors = [_prior(c, r, demoted, span.surface) for r, c in enumerate(self.candidates)]
        # A place named like the country it lies in ("Mexico": the State of México, and Mexico
        # City's alias) is the country's namesake: the rest of the country, named in the text,
        # supports the country, not it.
        namesakes = {c.country_code for c in self.candidates if c.is_country}
        if namesakes:
            self.priors = [s - W_NAMED_LIKE_ITS_COUNTRY * (not c.is_country and c.country_code in namesakes)
                           for s, c in zip(self.priors, self.candidates)]
        self.choice = 0
        self.scores = list(self.priors)
        # What the scoring loop reads of each candidate, computed once.
        self.facts = [
            (c.is_country, c.feature_code == "CONT", c.country_code, c.admin1_code, c.lat, c.lon,
             math.cos(math.radians(c.lat)), (c.country_code, c.admin1_code, c.admin2_code) if c.admin2_code else None,
             c.feature_code == "ADM1" and c.country_code not in namesakes)
            for c in self.candidates
        ]
        # What it offers others as context (see _summary), computed once.
        self.offers = [
            (c.country_code, (c.country_code, c.admin1_code) if c.admin1_code and not c.is_country else None,
             c.feature_code == "ADM1",
             (c.country_code, c.admin1_code, c.admin2_code) if c.admin2_code else None,
             not c.is_country and c.feature_code != "CONT" and c.feature_class != "H", c.lat, c.lon)
            for c in self.candidates
        ]
        self.qualifiers: list[_Group] = []
        self.qualified: list[bool] | None = None  # per candidate: inside a qualifier? (set before scoring)
        # A name with one candidate offers the same context every round (its probability is 1): see resolve_spans.
        self.single: tuple | None = None

    @property
    def place(self) -> Place | None:
        return self.candidates[self.choice] if self.candidates else None


def resolve_spans(text: str, spans: list[Span], context: Sequence[Place] = ()) -> list[Mention]:
    """Resolve every span of one document (see the module docstring).

    ``context``: places known about the document from elsewhere (an event
    record's country and province); they count as if the text named them.
    """
    groups: dict[str, _Group] = {}
    order: list[_Group] = []
    for span in spans:
        key = normalize_name(span.surface) + "|" + span.kind
        region_worded = W_REGION_WORDED and _REGION_WORD_AFTER.match(text, span.end) is not None \
            and any(c.feature_code == "ADM1" for c in span.candidates[:MAX_CANDIDATES])
        if region_worded:
            key += "|region"
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, span)
            if region_worded:
                group.priors = [s + W_REGION_WORDED * (c.feature_code == "ADM1")
                                for s, c in zip(group.priors, group.candidates)]
                group.scores = list(group.priors)
        else:
            group.spans.append(span)
        order.append(group)
    # "Paris, Texas": a mention right after a comma qualifies the one before it,
    # except in a list of countries ("Italy, England, USA": not England, Arkansas).
    chain: list[int] = []
    for k in range(len(spans)):
        if chain and _QUALIFIER_GAP.match(text[spans[k - 1].end:spans[k].start]):
            chain.append(k)
            continue
        _add_qualifiers(spans, order, chain)
        chain = [k]
    _add_qualifiers(spans, order, chain)
    dateline = None
    if spans and spans[0].start < 60 and spans[0].surface.isupper() and len(spans[0].surface) > 3:
        dateline = order[0]
    else:  # a dateline after a headline: "… passes: WASHINGTON (Reuters) - The United States …"
        for k, span in enumerate(spans[:3]):
            if span.surface.isupper() and len(span.surface) > 3 and _DATELINE_AFTER.match(text, span.end):
                dateline = order[k]
                break
    if dateline is not None and W_DATELINE_CITY:  # a dateline names a city: "WASHINGTON —" is the capital
        dateline.priors = [s + W_DATELINE_CITY * (c.feature_class == "P")
                           for s, c in zip(dateline.priors, dateline.candidates)]
        dateline.scores = list(dateline.priors)
    live = [g for g in groups.values() if g.candidates]
    for i, place in enumerate(context):
        live.append(_Group(f"context:{i}", Span(0, 0, place.name, "context", (place,))))
    for g in live:  # the qualifier test does not change between rounds: once
        g.qualified = [any(q.candidates and any(contains(r, c) for r in q.candidates[:10]) for q in g.qualifiers)
                       for c in g.candidates]
    # Which name each group is: "Kaduna" and "Kaduna state" are two senses of one name, and a
    # name is no context for itself.
    first: dict[str, int] = {}
    owner = [first.setdefault(g.key.removesuffix("|region"), gi) for gi, g in enumerate(live)]
    # Where the candidates that take spatial support are (not countries, not continents): once.
    owners, lats, lons, coslats = [], [], [], []
    for gi, g in enumerate(live):
        for is_country, is_cont, _, _, lat, lon, coslat, _, _ in g.facts:
            if not (is_country or is_cont):
                owners.append(owner[gi]), lats.append(lat), lons.append(lon), coslats.append(coslat)
    where = nearness.Candidates(owners, lats, lons, coslats)
    for g in live:
        if len(g.candidates) == 1:
            g.single = _summary(g, g is dateline)
    for _ in range(ROUNDS):
        _rescore(live, dateline, where, owner)
    mentions = []
    for span, group in zip(spans, order):
        place, confidence = None, 0.0
        if group.candidates:
            best = group.scores[group.choice]
            confidence = _softmax_top(group.scores, group.choice)
            if best >= UNRESOLVED_BELOW:
                place = group.place
        mentions.append(Mention(span.start, span.end, span.surface, span.kind, place, confidence))
    return mentions


def _add_qualifiers(spans: list[Span], order: list[_Group], chain: list[int]) -> None:
    """Let each mention of a comma-separated run qualify the one before, unless the run is a list.

    A run of three or more that starts with a country is a list of peers, not
    "town, region, country".
    """
    if len(chain) >= 3 and spans[chain[0]].candidates and spans[chain[0]].candidates[0].is_country:
        return
    for a, b in zip(chain, chain[1:]):
        order[a].qualifiers.append(order[b])


def _rescore(groups: list[_Group], dateline: _Group | None, where: nearness.Candidates, owner: list[int]) -> None:
    """One round: every candidate is scored against every *candidate* of the other names.

    Support comes from the other names' candidates weighted by how likely
    each currently is, so that two ambiguous names that agree ("Gainesville"
    and "Hall County", both in Georgia) lift each other even when neither
    was the favourite alone.
    """
    summaries = [h.single or _summary(h, h is dateline) for h in groups]
    # Context sums over every name, once; each name then reads them less its own share.
    totals: tuple[dict, ...] = ({}, {}, {}, {})  # regions, countries, first-level regions, districts
    for summary in summaries:
        for total, part in zip(totals, (summary[0], summary[1], summary[3], summary[4])):
            for key, v in part.items():
                total[key] = total.get(key, 0.0) + v
    all_regions, all_countries, all_adm1s, all_districts = totals
    owns = summaries if len(set(owner)) == len(owner) else _merged_by_owner(summaries, owner)
    # Spatial support of every candidate that takes it (see resolve_spans), in the same order.
    points = [(plat, plon, weight, owner[hi]) for hi, summary in enumerate(summaries)
              for plat, plon, weight in summary[2]]
    near_all = iter(nearness.support(where, points, NEAR_KM))
    very_near_all = iter(nearness.support(where, points, VERY_NEAR_KM) if W_CTX_VERY_NEAR else ())
    new_choices = []
    for gi, g in enumerate(groups):
        own_regions, own_countries, _, own_adm1s, own_districts = owns[gi]
        country_total = _less(all_countries, own_countries)
        region_total = _less(all_regions, own_regions)
        sibling_total = _less(all_adm1s, own_adm1s)
        siblings_by_country: dict[str, float] = {}
        for (country, _), v in sibling_total.items():
            siblings_by_country[country] = siblings_by_country.get(country, 0.0) + v
        district_total = _less(all_districts, own_districts)
        scores = []
        for (is_country, is_cont, cc, a1, lat, lon, coslat, district, is_adm1), qualified, prior in zip(
                g.facts, g.qualified, g.priors):
            s = prior
            country_support = country_total.get(cc, 0.0)
            if is_country:
                s += W_CTX_OF_COUNTRY * min(country_support, 2.0)
            else:
                if is_adm1 and sibling_total:  # other regions of the country, not this one named again
                    others = siblings_by_country.get(cc, 0.0) - sibling_total.get((cc, a1), 0.0)
                    s += W_CTX_SIBLING * min(others, 2.0)
                region_support = region_total.get((cc, a1), 0.0) if a1 else 0.0
                if district is not None and district_total:
                    s += W_CTX_DISTRICT * min(district_total.get(district, 0.0), 2.0)
                near = very_near = 0.0
                if not is_cont:
                    near = next(near_all)
                    if W_CTX_VERY_NEAR:
                        very_near = next(very_near_all)
                s += (W_CTX_COUNTRY * min(country_support, 2.0) + W_CTX_REGION * min(region_support, 2.0)
                      + W_CTX_NEAR * near + W_CTX_VERY_NEAR * very_near)
            if qualified:
                s += W_QUALIFIER
            scores.append(s)
        g.scores = scores
        new_choices.append(scores.index(max(scores)))  # the first best
    for g, choice in zip(groups, new_choices):
        g.choice = choice


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


def _summary(h: _Group, is_dateline: bool):
    """What one name offers as context: regions, countries and points, by probability."""
    probs = _softmax(h.scores)
    regions: dict[tuple[str, str], float] = {}
    countries: dict[str, float] = {}
    adm1s: dict[str, float] = {}
    districts: dict[tuple[str, str, str], float] = {}
    # The ten likeliest candidates (ties in candidate order).
    ranked = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:10]
    offers = h.offers
    for i in ranked:
        p = probs[i]
        cc, region, is_adm1, district, _, _, _ = offers[i]
        if cc:
            countries[cc] = max(countries.get(cc, 0.0), p)
        if region is not None:
            regions[region] = max(regions.get(region, 0.0), p ** REGION_POWER)
            if is_adm1:
                adm1s[region] = max(adm1s.get(region, 0.0), p)
            if district is not None:
                districts[district] = max(districts.get(district, 0.0), p ** REGION_POWER)
    boost = 2.0 if is_dateline else 1.0
    points = []
    for i in ranked[:POINTS_K]:
        _, _, _, _, is_point, lat, lon = offers[i]
        if is_point:
            points.append((lat, lon, min(1.0, boost * probs[i] ** POINT_POWER)))
    return regions, countries, points, adm1s, districts


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(2.0 * (s - top)) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _softmax_top(scores: list[float], choice: int) -> float:
    return _softmax(scores)[choice]
