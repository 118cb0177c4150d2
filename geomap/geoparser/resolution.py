"""Choose, for each place mention, the place it refers to, using the whole document.

Each candidate's score is a weighted sum of named **features**
(``FEATURES`` in :mod:`geomap.geoparser.features`; weights in
:class:`~geomap.geoparser.weights.Weights`):

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
from operator import attrgetter
from typing import Iterable, Sequence

from ..normalize import normalize_name
from ..place import NameKind, Place, contains, effective_populations
from . import nearness
from .features import (FEATURES, NEEDS_WEIGHTS, PER_CANDIDATE, QUALIFYING_TOWN_POPULATION, UNANCHORED, Group,
                       RoundContext, any_sense_held, bare_name_of_its_county, country_over_its_namesake,
                       held_alternative, held_by_its_possessor, held_by_its_qualifier, locality_needs_an_anchor,
                       own_name_over_alias, possessor_as_region, town_in_named_county, world_city)
from .mentions import Mention, Span
from .tokens import AREA_WORD_AFTER, COMPASS_WORD, FEATURE_WORDS, POSSESSIVE_GAPS, REGION_LEVEL_WORD, line_in_capitals
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = ["Mention", "Resolver", "resolve_spans", "FEATURES"]

# "Heathrow airport", "the Amazon river": the word after a name (its codes: ``tokens.FEATURE_WORDS``).
_FEATURE_WORD_AFTER = re.compile(r"[ -]((?i:airport|airfield|river|lake|sea|strait|mountains?|volcano|desert|peninsula|"
                                 r"islands?|valley|bay|gulf|canal))\b")
# (also after the rest of a hyphenated name whose first part was found: "CHATHAM-KENT, Ont." places Chatham)
# ... and after the name's own level word: "Su'ao Township, Yilan County", "Karsog subdivision, Mandi district"
_QUALIFIER_GAP = re.compile(r"^(?:[-‐][A-Z][\w'’]*)?(?:\s(?i:township|village|town|city|municipality|subdivision|"
                            r"sub-district|subdistrict|tehsil|taluka|upazila|block|commune|barangay|ward))?"
                            r"(?:,\s{0,2}| )$")
_REGION_WORD = REGION_LEVEL_WORD
_REGION_WORD_AFTER = re.compile(rf"\s(?i:{_REGION_WORD}s?)\b")
# ... or as the last word of the name as found ("Bauchi State": the recogniser matched "Bauchi" and kept the word)
_REGION_WORD_ENDS = re.compile(rf"\s(?i:{_REGION_WORD})$")
# "Homs and Aleppo Governorates": a plural region word after two names joined by "and" covers both.
_REGION_WORDS_AFTER_NEXT = re.compile(rf"\s(?i:{_REGION_WORD}s)\b")
_AND_GAP = re.compile(r"^,? (?:and|AND|&) $")
# "the town of al-Rai", "a city called New York", "the village of Robotyne": the word before a name
# that says it is a populated place; "the province of Idlib", "the state of New York": a region.
_TOWN_BEFORE = re.compile(r"(?:\b(?i:city|town|village|hamlet|settlement|suburb)(?i: of| called| named)?"
                          r"|\b(?i:capital)(?:,)?) $")  # "the Afghan capital Kabul", not "the capital of England"
# ... or the word after it: "on the outskirts of Mandera town", "in Aleppo city", "DIKWA TOWN"
_TOWN_AFTER = re.compile(r"\s(?i:town|village|city)\b(?!\s+(?i:of|called|named)\b)"
                         # ... or described so after a comma: "Kakamega, a town in western Kenya"
                         r"|,\s(?i:a|an|the)\s(?:[\w-]+\s){0,2}?(?i:town|village|city)\s(?i:in|of|on|near)\b")
# ... but a name after an article is a modifier there: "the Andalusian city", "the central Mexico city of Celaya"
_ARTICLE_BEFORE = re.compile(r"\b(?i:the|a|an|this|that)\s+$")
_THE_BEFORE = re.compile(r"\b(?:the|THE)\s+$")
# "off the coast of Djibouti": a country's
_AREA_BEFORE = re.compile(r"\b(?i:coast|coastline|shores?)\s+(?i:of)\s+$")
# after a name with "the": nothing that makes it a word of a longer name ("the Volga region", "the Mosul dam")
_NOTHING_OF_IT_AFTER = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:(?i:and|or|in|at|on|near|to|from|burst|has|had|was|is|"
                                  r"flooded|rose|swelled|overflowed)\b))")
_REGION_BEFORE = re.compile(r"(?:\b(?i:province|state|region|governorate|oblast|county|district|department) (?i:of)) $")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:\([A-Za-z .'&-]{2,30}\)\s*)?[-—–]")


class Resolver:
    """The features of ``FEATURES`` less the disabled ones, with their weights."""

    def __init__(self, weights: Weights = DEFAULT_WEIGHTS, disable: Iterable[str] = ()):
        disable = frozenset(disable)
        self.w = weights
        self.priors = [(r.name, r.func, getattr(weights, r.weight)) for r in FEATURES
                       if r.stage == "prior" and r.name not in disable]
        self.contexts = [(r.name, r.func, getattr(weights, r.weight)) for r in FEATURES
                         if r.stage == "context" and r.weight and r.name not in disable]
        self.demote = "region_below_city" not in disable
        self.region_worded = "region_worded" not in disable
        self.dateline = "dateline_city" not in disable
        self.near = "nearness" not in disable
        self.qualify = "qualifier" not in disable
        self.own_sense = "qualified_own_sense" not in disable
        self.sense_carries = self.own_sense and "qualified_sense_carries" not in disable
        self.feature_words = "feature_worded" not in disable
        self.town_worded = "town_worded" not in disable
        self.area_worded = "area_worded" not in disable
        self.world_city = "world_city" not in disable
        self.country_first = "country_over_its_namesake" not in disable
        self.bare_county = "bare_name_of_its_county" not in disable
        self.own_name_first = "own_name_over_alias" not in disable
        self.town_county = "town_in_named_county" not in disable
        self.anchored_localities = "locality_needs_an_anchor" not in disable
        self.possessors = "held_by_its_possessor" not in disable
        self.qualifier_holds_none = "held_by_its_qualifier" not in disable
        # The leading prior features, which read one candidate alone (and its demotion).
        k = 0
        while k < len(self.priors) and self.priors[k][0] in PER_CANDIDATE:
            k += 1
        self._own, self._rest = self.priors[:k], self.priors[k:]
        # Their sums per place, and per tuple of candidates (the gazetteer's, met again and again) by
        # the tuple's id, the tuple kept in the entry so that its id cannot be reused.
        self._own_sums: dict[tuple[int, int], float] = {}
        self._own_lists: dict[tuple[int, bool, bool], tuple[tuple, list[float]]] = {}
        self._demotions: dict[tuple[int, bool], tuple[tuple, dict[int, int]]] = {}
        self._name_keys: dict[str, str] = {}  # normalize_name of the surfaces met

    def _prior(self, g: Group, record: dict | None) -> list[float]:
        if record is not None or not self._own:
            return self._prior_of(g, self.priors, [0.0] * len(g.candidates), record)
        cands, (source, demonym) = g.candidates, g.source
        demoted = bool(g.demoted)  # (a function of the candidates too: the same for the same tuple)
        key = (id(source), demonym, demoted)
        known = self._own_lists.get(key)
        if known is not None and known[0] is source:
            return self._prior_of(g, self._rest, known[1], None)
        # These features read each candidate alone: a candidate's sum is the same, added in the same
        # order, whichever names it is a candidate of (a feature giving every candidate of one name 0
        # returns None and is skipped, and adding 0.0 leaves a sum as it is).  So the sums of places
        # met before are remembered place by place too (a tuple the lookup rules filtered is new
        # each time); a name with a place not met before is summed whole, all its places at once.
        sums = self._own_sums
        total = None if demoted else [sums.get(k) for k in _place_keys(cands)]
        if total is None or None in total:
            total = self._prior_of(g, self._own, [0.0] * len(cands), None)
            if not demoted:
                if len(sums) > _OWN_SUMS_KEPT:
                    sums.clear()
                sums.update(zip(_place_keys(cands), total))
        if len(self._own_lists) > _OWN_LISTS_KEPT:
            self._own_lists.clear()
        self._own_lists[key] = (source, total)
        return self._prior_of(g, self._rest, total, None)

    def _demoted(self, g: Group) -> dict[int, int]:
        """``effective_populations`` of a name's candidates, remembered under ``Group.source`` (read only)."""
        source, demonym = g.source
        known = self._demotions.get((id(source), demonym))
        if known is not None and known[0] is source:
            return known[1]
        found = effective_populations(list(g.candidates))
        if len(self._demotions) > _OWN_LISTS_KEPT:
            self._demotions.clear()
        self._demotions[(id(source), demonym)] = (source, found)
        return found

    def _prior_of(self, g: Group, features: list, total: list[float], record: dict | None) -> list[float]:
        for name, func, weight in features:
            values = func(g, self.w) if name in NEEDS_WEIGHTS else func(g)
            if values is None:
                continue
            total = [t + weight * v for t, v in zip(total, values)]
            if record is not None:
                record[(id(g), name)] = [weight * v for v in values]
        return total

    def explain(self, text: str, spans: list[Span], context: Sequence[Place] = (), top: int = 5) -> list[dict]:
        """Why each name resolved as it did: for every name of the text, its ``top`` candidates
        with their score, probability and the points each feature gave them (zeros left out)."""
        record: dict = {}
        _, groups = self._resolve(text, spans, context, record)
        out = []
        for g in groups:
            probs = _softmax(g.scores, self.w.softmax_temperature)
            ranked = sorted(range(len(g.candidates)), key=lambda i: -g.scores[i])[:top]
            out.append({"name": g.surface, "mentions": [(s.start, s.end) for s in g.spans], "candidates": [
                {"place": g.candidates[i].address, "geonameid": g.candidates[i].geonameid,
                 "feature_code": g.candidates[i].feature_code, "population": g.candidates[i].population,
                 "score": round(g.scores[i], 3), "probability": round(probs[i], 3),
                 "points": {name: round(v[i], 3) for (gid, name), v in record.items()
                            if gid == id(g) and abs(v[i]) > 1e-9}}
                for i in ranked]})
        return out

    def resolve(self, text: str, spans: list[Span], context: Sequence[Place] = ()) -> list[Mention]:
        """Resolve every span of one document (see the module docstring).

        ``context``: places known about the document from elsewhere (an event
        record's country and province); they count as if the text named them.
        """
        return self._resolve(text, spans, context)[0]

    def _resolve(self, text: str, spans: list[Span], context: Sequence[Place],
                 record: dict | None = None) -> tuple[list[Mention], list[Group]]:
        """The mentions, and the names of the text (with their final scores); ``record`` collects
        each feature's points of the last round, by (group id, feature), for :meth:`explain`."""
        w = self.w
        pairs = _qualifier_pairs(text, spans) if self.qualify else []
        stated = _stated_holders(text, spans) if self.qualify else []
        pairs += [(a, b, True) for a, b in stated if (a, b, True) not in pairs]
        qualified_by = {a: b for a, b, _ in pairs}
        groups: dict[str, Group] = {}
        order: list[Group] = []
        # a name's sense fixed by its first mention, when that one is qualified (see qualified_sense_carries):
        # its key with the qualifier, or None once the name has been met bare or with another qualifier
        carried: dict[str, str | None] = {}
        keys = self._name_keys
        if len(keys) > _OWN_LISTS_KEPT:
            keys.clear()
        for k, span in enumerate(spans):
            name = keys.get(span.surface)
            if name is None:
                name = keys[span.surface] = normalize_name(span.surface)
            key = name + "|" + span.kind
            before = text[max(0, span.start - 24):span.start]
            worded = self.region_worded and (
                _REGION_WORD_AFTER.match(text, span.end) is not None or _REGION_BEFORE.search(before) is not None
                or _REGION_WORD_ENDS.search(span.surface) is not None
                or (k + 1 < len(spans) and _AND_GAP.match(text[span.end:spans[k + 1].start]) is not None
                    and _REGION_WORDS_AFTER_NEXT.match(text, spans[k + 1].end) is not None)) \
                and any(c.feature_code == "ADM1" for c in span.candidates[:w.max_candidates])
            town_worded = self.town_worded and (_TOWN_BEFORE.search(before) is not None
                                                or (_TOWN_AFTER.match(text, span.end) is not None
                                                    and _ARTICLE_BEFORE.search(before) is None)) \
                and any(c.feature_class == "P" for c in span.candidates[:w.max_candidates])
            area_worded = self.area_worded and not worded and not town_worded \
                and _AREA_BEFORE.search(before) is not None \
                and any(c.is_country for c in span.candidates[:w.max_candidates])
            if worded:
                key += "|region"
            elif town_worded:
                key += "|town"
            elif area_worded:
                key += "|area"
            feature = _FEATURE_WORD_AFTER.match(text, span.end) if self.feature_words else None
            codes = FEATURE_WORDS[feature.group(1).lower()] if feature else frozenset()
            word_after = bool(codes) and any(c.feature_code in codes for c in span.candidates[:w.max_candidates])
            if word_after:
                key += "|" + feature.group(1).lower()
            elif self.feature_words and _THE_BEFORE.search(before) and _NOTHING_OF_IT_AFTER.match(text, span.end):
                # "the east bank of the Volga,", "the Indus burst its banks": a river, sea, range or desert
                # takes "the", a town does not
                codes = frozenset(c.feature_code for c in span.candidates[:w.max_candidates]
                                  if c.feature_class in ("H", "T"))
                if codes:
                    key += "|the"
            else:
                codes = frozenset()
            if k in qualified_by and self.own_sense:  # "Glasgow in Scotland" beside Glasgow, Kentucky
                own = key + "|in " + normalize_name(spans[qualified_by[k]].surface)
                carried[key] = own if carried.get(key, own) == own else None
                if town_worded:  # ... and to the bare name too ("in Sahiwal, a town in Sargodha district … the Sahiwal
                    # police station"): a town is what a bare name means
                    bare = name + "|" + span.kind
                    carried[bare] = own if carried.get(bare, own) == own else None
                key = own
            elif self.sense_carries and AREA_WORD_AFTER.match(text, span.end) is None:
                # "LONDON, Ont. — … London's east end": the Ontario one (not an area the text names by the name:
                # "hails from Chichawatni in Sahiwal district" may be another Sahiwal's)
                carried[key] = sense = carried.get(key)
                key = sense or key
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(key, span, w, worded)
                group.feature_word = codes
                group.feature_word_after = word_after
                group.town_worded = town_worded
                group.area_worded = area_worded
            else:
                group.spans.append(span)
            order.append(group)
        for a, b, prose in pairs:
            if order[b] not in order[a].qualifiers:
                order[a].qualifiers.append(order[b])
                order[b].qualifies.append(order[a])
                if prose:
                    order[a].prose_qualifiers.append(order[b])
        for g in {id(g): g for g in order if g.qualifiers}.values():
            _widen_to_qualified(g, w)
        dateline = _dateline(spans, order, text) if self.dateline else None
        if dateline is not None:
            dateline.is_dateline = True
            dateline.bare_dateline, dateline.own_dateline = _bare_dateline(dateline, spans, text)
        live = [g for g in groups.values() if g.candidates]
        named = list(live)
        for i, place in enumerate(context):
            live.append(Group(f"context:{i}", Span(0, 0, place.name, "context", (place,)), w))
        for g in live:
            if self.demote and not g.region_worded:  # "Washington state" is the state: the text says so
                g.demoted = self._demoted(g)
            g.priors = self._prior(g, record)
            g.scores = list(g.priors)
            # The qualifier test does not change between rounds: once.  Every qualifier the text gives must hold
            # the place: "Pervomaisk in Ukraine's southern Mykolaiv region" is not the Pervomaisk of Luhansk
            found = [q for q in g.qualifiers if q.candidates]
            g.qualified = [bool(found) and all(any(_qualifies(r, c, q in g.prose_qualifiers) for r in q.candidates[:10])
                                               for q in found)
                           for c in g.candidates] if g.qualifiers else [False] * len(g.candidates)
            g.qualifying = [any(_qualifies(c, x, g in a.prose_qualifiers) for a in g.qualifies
                                for x in a.candidates[:10]) for c in g.candidates] if g.qualifies else []
        # Which name each group is: "Kaduna" and "Kaduna state" are two senses of one name, and a
        # name is no context for itself.
        first: dict[str, int] = {}
        owner = [first.setdefault("|".join(g.key.split("|")[:2]), gi) for gi, g in enumerate(live)]
        # Where the candidates that take spatial support are (not countries, not continents): once.
        owners, rows = [], []
        for gi, g in enumerate(live):
            owners += [owner[gi]] * len(g.spatial)
            rows += g.spatial
        lats, lons, coslats = (list(map(_lat, rows)), list(map(_lon, rows)), list(map(_coslat, rows)))
        where = nearness.Candidates(owners, lats, lons, coslats)
        for g in live:
            if len(g.candidates) == 1:
                g.single = _summary(g, w)
        guards = [(g, found) for g in named if len(g.candidates) > 1 and (found := world_city(g))] \
            if self.world_city else []
        for r in range(w.rounds):
            self._rescore(live, where, owner, record, last=r == w.rounds - 1)
        if guards:  # on the final choices: the others' places are what the text is read to name
            _guard_world_cities(live, guards, record)
        if self.country_first:
            _countries_over_namesakes(named, record)
        if self.bare_county:
            _bare_names_of_their_counties(named, record)
        if self.own_name_first:
            _own_names_over_aliases(named, live, record)
        if self.anchored_localities:
            _localities_need_anchors(named, w, record)
        if self.town_county:
            _towns_in_named_counties(named, record)
        if self.possessors:
            _unresolve_unheld(text, spans, order, w, record)
        if self.qualifier_holds_none:
            _unresolve_unqualified(text, spans, pairs, order, w, record)
            _unresolve_unstated(stated, order, w, record)
        mentions = []
        for span, group in zip(spans, order):
            place, confidence = None, 0.0
            if group.candidates:
                best = group.scores[group.choice]
                confidence = _softmax(group.scores, w.softmax_temperature)[group.choice]
                if best >= w.unresolved_below:
                    place = group.place
            mentions.append(Mention(span.start, span.end, span.surface, span.kind, place, confidence))
        return mentions, named

    def _rescore(self, groups: list[Group], where: nearness.Candidates, owner: list[int], record: dict | None,
                 last: bool = True) -> None:
        """One round: every candidate is scored against every *candidate* of the other names."""
        w = self.w
        summaries = [h.single or _summary(h, w) for h in groups]
        # Context sums over every name, once; each name then reads them less its own share.
        all_regions: dict = {}
        all_countries: dict = {}
        all_adm1s: dict = {}
        all_districts: dict = {}
        for regions, countries, _, adm1s, districts in summaries:
            for key, v in regions.items():
                all_regions[key] = all_regions.get(key, 0.0) + v
            for key, v in countries.items():
                all_countries[key] = all_countries.get(key, 0.0) + v
            for key, v in adm1s.items():
                all_adm1s[key] = all_adm1s.get(key, 0.0) + v
            for key, v in districts.items():
                all_districts[key] = all_districts.get(key, 0.0) + v
        owns = summaries if len(set(owner)) == len(owner) else _merged_by_owner(summaries, owner)
        if self.near:
            # Spatial support of every candidate that takes it, in the order of ``where``.
            points = [(plat, plon, weight, owner[hi]) for hi, summary in enumerate(summaries)
                      for plat, plon, weight in summary[2]]
            near_all = nearness.support(where, points, w.near_km)
            k = 0
            for g in groups:
                n = len(g.spatial)
                if n == len(g.facts):  # every candidate takes spatial support (most names): a slice
                    g.near = near_all[k:k + n]
                else:
                    near = iter(near_all[k:k + n])
                    g.near = [0.0 if f.is_country or f.is_continent else next(near) for f in g.facts]
                k += n
        new_choices = []
        new_tuple = tuple.__new__
        for gi, g in enumerate(groups):
            if g.single is not None and not last:
                new_choices.append(0)  # one candidate: its choice is made, and only the last round's score counts
                continue
            own_regions, own_countries, _, own_adm1s, own_districts = owns[gi]
            siblings: dict = {}
            by_country: dict[str, float] = {}
            if g.has_adm1:  # only first-level regions read their siblings
                siblings = _less(all_adm1s, own_adm1s)
                for (cc, _), v in siblings.items():
                    by_country[cc] = by_country.get(cc, 0.0) + v
            ctx = new_tuple(RoundContext, (_less(all_countries, own_countries), _less(all_regions, own_regions),
                                           siblings, by_country, _less(all_districts, own_districts)))
            scores = g.priors
            for name, func, weight in self.contexts:
                values = func(g, ctx, w)
                if values is None:
                    continue
                scores = [s + weight * v for s, v in zip(scores, values)]
                if record is not None:
                    record[(id(g), name)] = [weight * v for v in values]
            g.scores = scores
            new_choices.append(scores.index(max(scores)))  # the first best
        for g, choice in zip(groups, new_choices):
            g.choice = choice


def _guard_world_cities(groups: list[Group], guards: list[tuple[Group, list]], record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.world_city`: a namesake the text does not anchor may not
    outscore the world city of its name.  Anchors are what the other names (and the record's context)
    are now resolved to: a place in the namesake's first-level region, or (abroad) its country."""
    regions: dict[tuple, set[int]] = {}
    # a name now resolved to a namesake of a world city names no region: it is as doubtful as the one it
    # would anchor ("Washington", "Boston" and "Houston", all read in Pennsylvania, do not hold each other up)
    doubtful = {id(g) for g, found in guards if any(g.choice in guarded for _, guarded in found)}
    for h in groups:
        p = h.place
        if p is None or id(h) in doubtful:
            continue
        key = (p.country_code,) if p.is_country else (p.country_code, p.admin1_code) if p.admin1_code else None
        if key is not None:
            regions.setdefault(key, set()).add(id(h))
    for g, found in guards:
        scores, cands = list(g.scores), g.candidates
        for i, guarded in found:
            city = cands[i]
            for k in guarded:
                o = cands[k]
                if scores[k] < scores[i] or (g.qualified and g.qualified[k]):
                    continue
                # a bare dateline is anchored by nothing else: the wire services write a lesser namesake's
                # dateline with its state or country ("WASHINGTON, Pa. —", "AURANGABAD (Bihar):"), so
                # "WASHINGTON —" is the capital; but a paper writes its own town's bare, without an agency, and a
                # namesake in another country than the world city's is anchored as any name is ("DELHI —" over a
                # story of Delaware County's floods, Sidney and Walton is Delhi, New York, not India's)
                if (not g.bare_dateline or g.own_dateline and o.country_code != city.country_code) and (
                        regions.get((o.country_code, o.admin1_code), _NONE) - {id(g)}
                        or (o.country_code != city.country_code and regions.get((o.country_code,), _NONE) - {id(g)})):
                    continue
                scores[k] = scores[i] - 0.01
        if scores != g.scores:
            if record is not None:
                record[(id(g), "world_city")] = [a - b for a, b in zip(scores, g.scores)]
            g.scores = scores
            g.choice = scores.index(max(scores))


_NONE: frozenset = frozenset()


def _choose_instead(g: Group, k: int, rule: str, record: dict | None) -> None:
    """Make candidate ``k`` the choice of ``g`` after scoring (just above the old choice), as ``rule`` says."""
    scores = list(g.scores)
    scores[k] = scores[g.choice] + 0.01
    if record is not None:
        record[(id(g), rule)] = [a - b for a, b in zip(scores, g.scores)]
    g.scores, g.choice = scores, k


def _countries_over_namesakes(groups: list[Group], record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.country_over_its_namesake` on the final choices."""
    for g in groups:
        k = country_over_its_namesake(g) if len(g.candidates) > 1 else None
        if k is not None:
            _choose_instead(g, k, "country_over_its_namesake", record)


#: The level word that ends a county's full name ("DeKalb County", "Avoyelles Parish"), in a normalized name.
_COUNTY_WORD_ENDS = re.compile(r" (?:county|parish|borough)$")


def _own_names_over_aliases(groups: list[Group], live: list[Group], record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.own_name_over_alias` on the final choices (``live``: the names and
    the record's own places, which place an alias as well: an ACLED note's "Troyitske" in Luhansk oblast)."""
    aliases = [g for g in groups if len(g.candidates) > 1 and g.candidates[g.choice].match_kind is NameKind.ALTERNATE]
    if not aliases:
        return  # (most texts: their neighbours are not read)
    places = _neighbour_places(live, regions=True)
    for g in aliases:
        k = own_name_over_alias(g, [p for h, p in places if h is not g])
        if k is not None:
            _choose_instead(g, k, "own_name_over_alias", record)


def _localities_need_anchors(groups: list[Group], w: Weights, record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.locality_needs_an_anchor` on the final choices."""
    localities = [g for g in groups if g.candidates and g.candidates[g.choice].feature_code == "PPLL"]
    if not localities:
        return
    places = _neighbour_places(groups)
    for g in localities:
        k = locality_needs_an_anchor(g, [p for h, p in places if h is not g])
        if k == UNANCHORED:
            _unresolve(g, w, "locality_needs_an_anchor", record)
        elif k is not None:
            _choose_instead(g, k, "locality_needs_an_anchor", record)


def _neighbour_places(groups: list[Group], regions: bool = False) -> list[tuple[Group, Place]]:
    """Each name's chosen town or district (what a place the text names near another is), and with ``regions``
    its first-level region."""
    codes = ("ADM2", "ADM1") if regions else ("ADM2",)
    return [(g, g.place) for g in groups if g.place is not None
            and (g.place.feature_class == "P" or g.place.feature_code in codes)]


def _towns_in_named_counties(groups: list[Group], record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.town_in_named_county` on the final choices: a town and the county
    the text names in full that alone holds one of its senses take those senses."""
    counties = [g for g in groups if len(g.candidates) > 1 and _COUNTY_WORD_ENDS.search(g.key.split("|")[0])]
    if not counties:
        return
    bare_names = {c.key.split("|")[0] for c in counties}  # (a county's bare name is ``bare_name_of_its_county``'s)
    chosen: dict[int, int | None] = {}  # a county group's sense, when every town pairs it with the same one
    for g in groups:
        if g in counties or len(g.candidates) < 2 or g.key.split("|")[0] + " county" in bare_names:
            continue
        found = town_in_named_county(g, counties)
        if found is None:
            continue
        k, county, j = found
        if k != g.choice:
            _choose_instead(g, k, "town_in_named_county", record)
        chosen[id(county)] = j if chosen.get(id(county), j) == j else None
    for county in counties:
        j = chosen.get(id(county))
        if j is not None and j != county.choice:
            _choose_instead(county, j, "town_in_named_county", record)


def _bare_names_of_their_counties(groups: list[Group], record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.bare_name_of_its_county` on the final choices: each bare name
    takes the sense of the county its full name resolved to."""
    counties: dict[str, Place | None] = {}
    for g in groups:
        p, name = g.place, g.key.split("|")[0]
        bare = _COUNTY_WORD_ENDS.sub("", name)
        if p is not None and p.feature_code == "ADM2" and bare != name:
            # (two counties of one name in one text, in two states: which the bare name means is not known)
            counties[bare] = p if counties.get(bare, p) == p else None
    if not counties:
        return
    for g in groups:
        county = counties.get(g.key.split("|")[0])
        # (not a bare name the text places itself: "named after Dover in Kent, England" beside "Kent County")
        if county is not None and len(g.candidates) > 1 and not g.qualifiers:
            k = bare_name_of_its_county(g, county)
            if k is not None:
                _choose_instead(g, k, "bare_name_of_its_county", record)


def _unresolve(g: Group, w: Weights, rule: str, record: dict | None) -> None:
    """Leave ``g`` unresolved: every score below ``unresolved_below``."""
    if record is not None:
        record[(id(g), rule)] = [w.unresolved_below - 1 - v for v in g.scores]
    g.scores = [w.unresolved_below - 1] * len(g.scores)


def _unresolve_unheld(text: str, spans: list[Span], order: list[Group], w: Weights, record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.held_by_its_possessor`: a name its possessor does not hold
    is left unresolved (every score below ``unresolved_below``), unless the possessor's region of the same
    name holds it (:func:`~geomap.geoparser.features.possessor_as_region`): then the possessor is that region."""
    for a, b in _possessive_pairs(text, spans):
        g, p = order[a], order[b]
        if p is g:
            continue
        k = held_alternative(g, p)
        if k is not None:  # "Chhattisgarh's Bijapur" is Chhattisgarh's, not Vijayapura (Karnataka), once Bijapur
            _choose_instead(g, k, "held_by_its_possessor", record)
        elif not held_by_its_possessor(g, p):
            k = possessor_as_region(g, p)
            if k is not None:  # "Konya's Seydişehir district": the province, not the city
                _choose_instead(p, k, "held_by_its_possessor", record)
            else:
                _unresolve(g, w, "held_by_its_possessor", record)


def _unresolve_unqualified(text: str, spans: list[Span], pairs: list[tuple[int, int, bool]], order: list[Group],
                           w: Weights, record: dict | None) -> None:
    """Apply :func:`~geomap.geoparser.features.held_by_its_qualifier` to the names qualified after a comma
    that open an address of at most three names ("Kenmore, Perth and Kinross", "Stroud, Ontario, Canada";
    a longer run is a list whatever its first names are: "Rogaland, Vestfold, Buskerud, …, Oslo")."""
    def joined(k: int) -> bool:  # is span k joined to the one before as a qualifier?
        return 0 < k < len(spans) and _QUALIFIER_GAP.match(text[spans[k - 1].end:spans[k].start]) is not None
    for a, b, prose in pairs:
        g, q = order[a], order[b]
        if prose or b != a + 1 or "," not in text[spans[a].end:spans[b].start] or joined(a) or joined(a + 3) \
                or q is g or not g.candidates or not q.candidates:
            continue
        if not held_by_its_qualifier(g, q):
            _unresolve(g, w, "held_by_its_qualifier", record)


_OWN_SUMS_KEPT = 200_000  # places whose prior sum a resolver remembers (then it starts again)
_OWN_LISTS_KEPT = 50_000  # tuples of candidates whose prior sums a resolver remembers
_geonameid, _match_kind = attrgetter("geonameid"), attrgetter("match_kind")
_lat, _lon, _coslat = attrgetter("lat"), attrgetter("lon"), attrgetter("coslat")


def _place_keys(cands):
    """(geonameid, kind of name as a plain int) of each candidate: what a prior sum is remembered
    under.  (A tuple of ints is untracked by the garbage collector; one holding an enum member
    stays tracked, and every collection of the oldest objects would walk the thousands kept.)"""
    return zip(map(_geonameid, cands), map(int, map(_match_kind, cands)))


def _widen_to_qualified(g: Group, w: Weights) -> None:
    """A namesake too small to be among a name's first ``max_candidates`` is a candidate when the text's
    qualifier holds it: "the town of Victoria, Tarlac" is the Victoria of Tarlac province, the 51st of the
    gazetteer's 53 Victorias (its first thirty are larger towns elsewhere)."""
    rest = g.spans[0].candidates[w.max_candidates:]
    if not rest:
        return
    regions = [(r, q in g.prose_qualifiers) for q in g.qualifiers for r in q.candidates[:10]]
    extra = tuple(c for c in rest if any(_qualifies(r, c, prose) for r, prose in regions))
    if extra:
        g.widen(extra)


def _qualifies(region: Place, place: Place, prose: bool = False) -> bool:
    """Can ``region`` be what a writer adds after a comma to say which ``place`` they mean?

    It must contain the place, and be a country or region, or a town of 100,000 or more that
    is larger than the place ("Brooklyn, New York"): "After Paris, London is…" is no Paris near
    London, Arkansas.  And after a comma, the address convention, the place must be called so by
    its own name, not an alternate one: "Washington, New York and Boston" is no Watervliet, New
    York (once called Washington); unless it is a city of 100,000 or more, which news calls by
    its English or current name as often as by the gazetteer's ("ZAPORIZHZHIA, Ukraine" is the
    city GeoNames spells Zaporizhzhya); in prose ("a city called New York in the United States")
    any name will do.  Its own name without status words counts as its own ("Huajuapan de León, Oaxaca" is
    GeoNames' "Ciudad de Huajuapan de León").
    """
    if (place.match_kind is NameKind.ALTERNATE and not prose and place.population < QUALIFYING_TOWN_POPULATION
            and not _own_name_without_status_words(place)) or not contains(region, place):
        return False
    if region.feature_class == "P":
        return region.population >= QUALIFYING_TOWN_POPULATION and region.population > place.population
    return True


#: The words of a town's status GeoNames writes before its name ("Ciudad de Huajuapan de León", "Heroica Ciudad de
#: Tlaxiaco", "Villa de Zaachila"), which news leaves out.
_STATUS_PREFIXES = ("heroica ciudad de ", "ciudad de ", "ciudad ", "heroica ", "villa de ", "villa ", "city of ",
                    "town of ")


def _own_name_without_status_words(place: Place) -> bool:
    """Is the alternate name ``place`` was found by its own name without the status words before it ("Huajuapan de
    León" of GeoNames' "Ciudad de Huajuapan de León"), or with "City" after it ("San Fernando City"), not another
    name ("Washington", once Watervliet's) nor a part of a longer one ("Honduras" of San Cristóbal Honduras)?"""
    name, part = normalize_name(place.name), normalize_name(place.matched_name)
    # (or with its status word after it, the way the Philippines writes a chartered city: "San Fernando City")
    return bool(part) and (any(name == prefix + part for prefix in _STATUS_PREFIXES) or part == name + " city")


# (and "IN THE" of a text in capitals; and a compass word before the region: "near Bowie in southeastern Arizona")
_IN_GAP = re.compile(rf"^,? in (?:the )?(?:{COMPASS_WORD} )?$", re.IGNORECASE)
# an apposition that says what the place is and where: "Sahiwal, a town in Sargodha district", the comma's
# qualifier in words (so a town may qualify as after a comma: "Sahiwal, Sargodha district")
# a country's possessive before one of its regions: "in Ukraine's southern Mykolaiv region", "in Syria's Idlib"
# (and in a text in capitals, "IN UKRAINE'S SOUTHERN MYKOLAIV REGION")
_COUNTRYS_REGION_GAP = re.compile(r"['’][sS] (?:[a-z-]+ |[A-Z-]+ ){0,2}$")
_APPOSITION_GAP = re.compile(r"^, (?:a|an)(?: [\w-]+){0,2}? (?:town|village|city|hamlet|settlement|suburb|locality)"
                             r" (?:in|of) (?:the )?$", re.IGNORECASE)


def _qualifier_pairs(text: str, spans: list[Span]) -> list[tuple[int, int, bool]]:
    """(qualified, qualifier) span indices: "Paris, Texas" (a mention right after a comma qualifies
    the one before it, except in a list of countries: "Italy, England, USA" is not England,
    Arkansas; nor in a pair that "and" goes on: "Washington, Pennsylvania and California") and,
    in prose (the last of the three: True), "Glasgow in Scotland", "Dover in Kent",
    "the town of Oleiros, in Castelo Branco district", "Pervomaisk in Ukraine's southern Mykolaiv region"
    (the country and its region), "the Russian city of Dzerzhinsk" (a demonym's country)."""
    pairs: list[tuple[int, int, bool]] = []
    chain: list[int] = []
    for k in range(len(spans)):
        # (a demonym is an adjective of what follows it, no address: "off the Iranian port of Jask, British
        # maritime security firm Ambrey said" does not place Jask in Britain)
        if chain and spans[k].kind != "demonym" and _QUALIFIER_GAP.match(text[spans[k - 1].end:spans[k].start]):
            chain.append(k)
            continue
        if not (len(chain) == 2 and _peers_listed(text, spans, chain, k)):
            pairs.extend(_chain_pairs(spans, chain))
        chain = [k]
        if k and spans[k].candidates:
            gap = text[spans[k - 1].end:spans[k].start]
            if (_IN_GAP.match(gap) and any(c.feature_class == "A" for c in spans[k].candidates[:3])) \
                    or _APPOSITION_GAP.match(gap):
                pairs.append((k - 1, k, True))
                # ... and the country's region after it: "in Pervomaisk in Ukraine's southern Mykolaiv region"
                if k + 1 < len(spans) and spans[k + 1].candidates \
                        and any(c.is_country for c in spans[k].candidates[:1]) \
                        and _COUNTRYS_REGION_GAP.match(text, spans[k].end, spans[k + 1].start) \
                        and any(c.feature_code in ("ADM1", "ADM2") for c in spans[k + 1].candidates):
                    pairs.append((k - 1, k + 1, True))
    pairs.extend(_chain_pairs(spans, chain))
    # "the Russian city of Dzerzhinsk", "the Syrian town of al-Bab": the demonym's country holds the town
    pairs.extend((k, k - 1, True) for k in range(1, len(spans)) if spans[k - 1].kind == "demonym"
                 and _KIND_OF_GAP.match(text, spans[k - 1].end, spans[k].start))
    return pairs


# between a demonym and a town it places: "the Russian city of ", "the Syrian border town of " (and in a wire
# story in capitals, "THE NORTHERN LEBANESE CITY OF ")
_KIND_OF_GAP = re.compile(r" (?:[a-z]+ )?(?:city|town|village|port|capital|province|region|district) of $",
                          re.IGNORECASE)
# a place's own unit word, then "of" or "in" and the place that holds it, the way news agencies chain places: "in
# Hanyuan county of Ya'an city", "near Xingping town in Yangshuo county", "in the Linzi district of Zibo city"
# (or with the holder's own level word first: "Yeşilyurt district of the northern province of Tokat")
_UNIT_OF_GAP = re.compile(r" (county|district|city|town|township|village|prefecture|tehsil|taluka|upazila|"
                          r"sub-district|subdistrict|municipality|commune|regency) (?:of|in) (?:the )?"
                          rf"(?:(?:[\w-]+ ){{0,2}}{REGION_LEVEL_WORD} of )?", re.IGNORECASE)
_SETTLEMENT_UNITS = frozenset({"city", "town", "township", "village"})
# ... or the holder's own area word: "near the village of Starodubskoye in the Dolinsk district"
_IN_THE_GAP = re.compile(r",? in (?:the )?", re.IGNORECASE)
# ... or a part of a first-level region or a country: "near Bowie in southeastern Arizona"
_IN_COMPASS_GAP = re.compile(rf",? in (?:the )?{COMPASS_WORD} ", re.IGNORECASE)


def _stated_holders(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """(held, holder) span indices where the text says by a unit word that the second place holds the first: the
    first's own ("Hanyuan county of Ya'an city") or the second's ("Starodubskoye in the Dolinsk district", a
    district the gazetteer knows only by its seat), or by a compass word that the first lies in a part of a region
    or country ("near Bowie in southeastern Arizona").  The first kind of words also runs the other way ("the Kyiv
    suburb of Bucha", "the Baghdad district of Sadr City" name a part of a city), so there the holder must be the
    larger: a country or first-level region, or a town more populous than every sense of the first name."""
    found = []
    for k in range(1, len(spans)):
        held, holder = spans[k - 1].candidates[:3], spans[k].candidates[:3]
        if not (held and holder and spans[k - 1].kind == "place" and spans[k].kind == "place"
                and held[0].feature_class in ("P", "A")):  # (a sea is no unit: "the Black Sea city of Batumi")
            continue
        a, b = spans[k - 1].end, spans[k].start
        if _IN_THE_GAP.fullmatch(text, a, b) and AREA_WORD_AFTER.match(text, spans[k].end):
            found.append((k - 1, k))
        elif _IN_COMPASS_GAP.fullmatch(text, a, b) and any(c.is_country or c.feature_code == "ADM1" for c in holder):
            found.append((k - 1, k))  # "near Bowie in southeastern Arizona": a part of a state or country
        elif (unit := _UNIT_OF_GAP.fullmatch(text, a, b)) is not None \
                and not any(c.is_country or c.feature_code == "ADM1" for c in held) \
                and not (unit.group(1).lower() in _SETTLEMENT_UNITS
                         and text[max(0, spans[k - 1].start - 4):spans[k - 1].start].lower() == "the "):
            # (no town holds a first-level region: "the Queensland town of Stanthorpe"; and after "the", a town's
            # word is the second name's: "the north eastern town of garissa", as "the Syrian town of al-Bab")
            largest = max(c.population for c in held)
            if any(c.is_country or c.feature_code == "ADM1" or (c.feature_class == "P" and c.population > largest)
                   for c in holder):
                found.append((k - 1, k))
    return found


def _unresolve_unstated(stated: list[tuple[int, int]], order: list[Group], w: Weights, record: dict | None) -> None:
    """A name the text says another place holds (:func:`_stated_holders`) is left unresolved when none of its
    senses lies in any sense of that place (``features.any_sense_held``: a prefecture-level city's counties lie up
    to 100 km from its centre): the gazetteer lacks it, and its namesake 500 km away (Linzi, Jiangsu, for "the
    Linzi district of Zibo city") is not what the text names.  A name one of whose senses is a country
    is left alone, and so is one whose holder lies in a country no other name of the text does (lower-case
    "gebze, in the north-western province of kocaeli" names no province of Zambia)."""
    for a, b in stated:
        g, q = order[a], order[b]
        if g is q or not g.candidates or not q.candidates or any(c.is_country for c in g.candidates):
            continue
        holders = [r for r in q.candidates[:10] if r.is_country or r.feature_code == "ADM1" or r.feature_class == "P"]
        holder = q.candidates[q.choice]
        if holder not in holders or not any(o.candidates and o is not g and o is not q
                                            and o.candidates[o.choice].country_code == holder.country_code
                                            for o in order):
            continue
        if not any_sense_held(g.candidates, holders):
            _unresolve(g, w, "held_by_its_qualifier", record)


def _possessive_pairs(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """(name, possessor) span indices of "Birmingham's Ensley", "Syria's al-Bab"."""
    return [(k, k - 1) for k in range(1, len(spans)) if spans[k - 1].kind == "place"
            and text[spans[k - 1].end:spans[k].start] in POSSESSIVE_GAPS]


_LIST_END_GAP = re.compile(r",?\s{1,2}(?:and|or|&)\s{1,2}")


def _peers_listed(text: str, spans: list[Span], chain: list[int], k: int) -> bool:
    """Is the pair ``chain`` the start of a list that mention ``k`` ends with "and": "cases in Washington,
    Pennsylvania and California" (three states, not the town of Washington in Pennsylvania)?  So when the
    last two are of one kind in one country and the first can be one of them too ("Paris, Texas and
    Dallas" is still Paris in Texas)."""
    if not _LIST_END_GAP.fullmatch(text, spans[k - 1].end, spans[k].start):
        return False
    second, last = spans[chain[1]].candidates, spans[k].candidates
    if not (second and last):
        return False
    kind = second[0].feature_code, second[0].country_code
    return (last[0].feature_code, last[0].country_code) == kind and any(
        (c.feature_code, c.country_code) == kind for c in spans[chain[0]].candidates)


def _chain_pairs(spans: list[Span], chain: list[int]) -> list[tuple[int, int, bool]]:
    """Each mention of a comma-separated run qualifies the one before, unless the run is a list.

    A run of three or more is a list of peers, not "town, region, country", when it starts
    with a country ("Italy, England, USA") or its first two names are of one kind ("Alabama,
    California, Florida": three states).
    """
    if len(chain) >= 3:
        first, second = spans[chain[0]].candidates, spans[chain[1]].candidates
        if first and (first[0].is_country or (second and first[0].feature_code == second[0].feature_code)):
            return []
    return [(a, b, False) for a, b in zip(chain, chain[1:])]


def _dateline(spans: list[Span], order: list[Group], text: str) -> Group | None:
    """The group of a dateline at the start ("MOSCOW (Sputnik) —"), or after a headline
    ("… passes: WASHINGTON (Reuters) - The United States …")."""
    if spans and spans[0].start < 60 and spans[0].surface.isupper() and len(spans[0].surface) > 3 \
            and (not line_in_capitals(text, spans[0].start) or _DATELINE_AFTER.match(text, spans[0].end)):
        return order[0]  # (in a line all in capitals, every name is: "HEALTH AUTHORITIES IN MOZAMBIQUE SAID")
    for k, span in enumerate(spans[:3]):
        if span.surface.isupper() and len(span.surface) > 3 and _DATELINE_AFTER.match(text, span.end):
            return order[k]
    return None


_DATELINE_DASH = re.compile(r"[—–:]|\s-\s|--")


def _bare_dateline(g: Group, spans: list[Span], text: str) -> tuple[bool, bool]:
    """Does the dateline name its place alone, no other place between the name and its dash ("WASHINGTON
    (Reuters) -", not "WASHINGTON, Pa. —" nor "AURANGABAD (Bihar):")?  And is it bare of an agency too, a
    paper's own town ("DELHI —", not "NEW DELHI (AP) —")?"""
    end = min(s.start for s in g.spans)
    end = next(s.end for s in g.spans if s.start == end)
    dash = _DATELINE_DASH.search(text, end, end + 60)
    tail = dash.start() if dash else end
    bare = not any(end <= s.start < tail for s in spans)
    return bare, bare and "(" not in text[end:tail]


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
    """What one name offers as context: regions, countries and points, by probability."""
    probs = _softmax(h.scores, w.softmax_temperature)
    regions: dict[tuple[str, str], float] = {}
    countries: dict[str, float] = {}
    adm1s: dict[tuple[str, str], float] = {}
    districts: dict[tuple[str, str, str], float] = {}
    # The ten likeliest candidates (ties in candidate order).  Most likely first, so the first
    # candidate to offer a key offers its largest value (``p ** region_power`` grows with ``p``):
    # the maximum per key is the first value, with no max() to take.
    ranked = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:10]
    offers = h.facts
    region_power = w.region_power
    for i in ranked:
        p = probs[i]
        o = offers[i]
        if not o.lends:
            continue  # (a post office of unknown size: 13,800 of them would pull any text to some state)
        if o.country and o.country not in countries:
            countries[o.country] = p
        region = o.region
        if region is not None:
            if region not in regions:
                regions[region] = p ** region_power
            if o.offers_adm1 and region not in adm1s:
                adm1s[region] = p
            if o.district is not None and o.district not in districts:
                districts[o.district] = p ** region_power
    boost = w.dateline_boost if h.is_dateline else 1.0
    points = []
    for i in ranked[:w.points_k]:
        o = offers[i]
        if o.is_point and o.lends:
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
