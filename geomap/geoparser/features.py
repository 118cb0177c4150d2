"""The resolution features: what makes one candidate place likelier than another.

A feature is a small function with a docstring that gives each candidate of
a name a number (or ``None`` when it gives every candidate 0, which the
resolver then skips); the resolver multiplies it by the feature's weight (a
field of :class:`~geomap.geoparser.weights.Weights`) and sums.  ``prior`` features
need no context (population, what the place is, how its name matched, the
words around the mention); ``context`` features read what the other names of
the text offer this round (:class:`RoundContext`).  ``FEATURES`` is the
ordered table; each is switchable by name and tested alone.

Per candidate, the resolver computes what it reads once: :class:`Facts`
(what it is, and what it lends the other names).
"""

from __future__ import annotations

import math
from operator import attrgetter
from typing import NamedTuple, Sequence

from ..place import (MAJOR_WATER, PROMINENCE_POPULATION, NameKind, Place, abbreviation_spelled_otherwise,
                     capital_namesakes, contains, distance_km)
from .mentions import Span
from .rules import Rule
from .weights import Weights

__all__ = ["Facts", "Group", "RoundContext", "FEATURES", "NEEDS_WEIGHTS", "PER_CANDIDATE"]


class Facts(NamedTuple):
    """What the scoring reads of one candidate, and what it offers the other names as context
    (``region``, ``offers_adm1``, ``is_point``, with ``country``, ``district`` and the point),
    computed once.  (One object per candidate, not two: the readings of a text's names are kept,
    and every object kept is one more for each full collection of the garbage collector to walk.)"""

    is_country: bool
    is_continent: bool
    country: str
    admin1: str
    lat: float
    lon: float
    coslat: float
    district: tuple[str, str, str] | None
    is_adm1: bool                  # a first-level region not named like its country
    region: tuple[str, str] | None  # the first-level region it lies in (not a country's own)
    offers_adm1: bool              # a first-level region, named like its country or not
    is_point: bool                 # gives spatial support: not a country, continent or water body
    lends: bool                    # offers support at all: not a locality of unknown size (PPLL)


class Group:
    """All mentions of one name in a document: they share one sense."""

    __slots__ = ("key", "spans", "candidates", "demoted", "priors", "choice", "scores", "qualifiers", "prose_qualifiers", "facts",
                 "qualified", "qualifies", "qualifying", "single", "region_worded", "is_dateline", "bare_dateline",
                 "own_dateline", "surface", "namesakes", "near",
                 "feature_word", "feature_word_after", "town_worded", "area_worded", "has_country", "has_adm1",
                 "country_keys", "region_keys", "district_keys", "spatial", "source")

    def __init__(self, key: str, span: Span, w: Weights, region_worded: bool = False):
        self.key = key
        self.spans = [span]
        self.surface = span.surface
        cands = span.candidates
        if span.kind == "demonym":
            cands = tuple(c for c in cands if c.match_kind is NameKind.DEMONYM) or cands
        self.candidates = cands[:w.max_candidates]
        # What the candidates were made from: the span's tuple (mostly the gazetteer's own, the
        # same object for the same name) and whether a demonym's were kept.  Readings of the
        # candidates are remembered under it.
        self.source = (span.candidates, span.kind == "demonym")
        self.region_worded = region_worded
        self.feature_word: frozenset[str] = frozenset()  # "Heathrow airport": the codes the word names
        self.feature_word_after = False  # ... named by a word after the name, not by "the" before it alone
        self.town_worded = False  # "the town of al-Rai"
        self.area_worded = False  # "off the coast of Djibouti"
        self.is_dateline = False
        self.bare_dateline = False  # a dateline with no place after its name ("WASHINGTON —", not "…, Pa. —")
        self.own_dateline = False  # ... and no agency either: a paper's own town ("DELHI —", not "DELHI (AP) —")
        self.demoted: dict[int, int] = {}
        self.priors: list[float] = []
        self.choice = 0
        self.scores: list[float] = []
        (_, self.facts, self.namesakes, self.has_adm1, self.has_country, self.country_keys,
         self.region_keys, self.district_keys, self.spatial) = _reading(self.candidates, self.source)
        self.qualifiers: list[Group] = []
        self.prose_qualifiers: list[Group] = []  # "Glasgow in Scotland": alternate names qualify too
        self.qualified: list[bool] = []  # per candidate: inside a qualifier? (set before scoring)
        self.qualifies: list[Group] = []  # the names this one qualifies ("Quezon" of "Atimonan, Quezon")
        self.qualifying: list[bool] = []  # per candidate: holds one of theirs? (set before scoring)
        # A name with one candidate offers the same context every round (its probability is 1).
        self.single: tuple | None = None
        self.near: list[float] = []  # this round's spatial support, per candidate

    @property
    def place(self) -> Place | None:
        return self.candidates[self.choice] if self.candidates else None

    def widen(self, extra: tuple[Place, ...]) -> None:
        """Add ``extra`` candidates (before scoring), and read the new tuple (see :func:`_reading`)."""
        cands = tuple(self.candidates) + extra
        self.candidates = cands
        self.source = (cands, self.source[1])
        (_, self.facts, self.namesakes, self.has_adm1, self.has_country, self.country_keys,
         self.region_keys, self.district_keys, self.spatial) = _reading(cands, self.source)


_READINGS: dict[int, tuple] = {}
_NOTHING: frozenset = frozenset()  # the one empty set the readings share (each set kept is walked by the GC)
# The region and district keys of the facts, one tuple per region or district however many
# candidates lie in it (thousands fewer objects kept: fewer collections of the garbage collector).
_share = {}.setdefault  # _share(key, key): the first tuple equal to key
_READINGS_KEPT = 50_000  # candidate tuples whose reading is remembered (then it starts again)


def _reading(cands: tuple[Place, ...], source: tuple[tuple, bool]) -> tuple:
    """What the scoring reads of a name's candidates: (source tuple, facts, namesakes,
    has_adm1, has_country, the countries, regions and districts the non-country candidates lie in,
    and the facts of those that take spatial support: not countries, not continents).

    All of it follows from the candidates alone, which follow from ``source`` (``Group.source``),
    and the gazetteer hands out the same tuple for the same name, so a name met again (in this
    text or another) is read once: remembered by the tuple's id, the tuple held in the entry so
    that its id cannot be reused.
    """
    key = (id(source[0]), source[1], len(cands))  # (the length: another max_candidates, another slice)
    found = _READINGS.get(key)
    if found is not None and found[0] is source[0]:
        return found
    # A place named like the country it lies in ("Mexico": the State of México, and Mexico
    # City's alias) is the country's namesake.
    namesakes = frozenset(c.country_code for c in cands if c.is_country) or _NOTHING
    # tuple.__new__: a named tuple made without its Python-level constructor (thousands a text).
    facts, new = [], tuple.__new__
    for c in cands:
        code, cc, a1 = c.feature_code, c.country_code, c.admin1_code
        is_country = code.startswith("PCL") or code == "TERR"
        district = _share(d, d) if c.admin2_code and (d := (cc, a1, c.admin2_code)) else None
        region = _share(r, r) if a1 and not is_country and (r := (cc, a1)) else None
        facts.append(new(Facts, (is_country, code == "CONT", cc, a1, c.lat, c.lon,
                                 math.cos(math.radians(c.lat)), district,
                                 code == "ADM1" and cc not in namesakes, region, code == "ADM1",
                                 not is_country and code != "CONT" and c.feature_class != "H", code != "PPLL")))
    inside = [f for f in facts if not f.is_country]
    found = (source[0], tuple(facts), namesakes, any(f.is_adm1 for f in facts),
             any(c.is_country for c in cands), frozenset(f.country for f in inside) or _NOTHING,
             frozenset(f.region for f in inside if f.region is not None) or _NOTHING,
             frozenset(f.district for f in inside if f.district is not None) or _NOTHING,
             tuple(f for f in inside if not f.is_continent))
    if len(_READINGS) >= _READINGS_KEPT:
        _READINGS.clear()
    _READINGS[key] = found
    return found


_match_kind = attrgetter("match_kind")


# -- prior features: one value per candidate, no context --------------------------------------------

def population(g: Group) -> list[float] | None:
    """Population, in decades (log10): "Paris" is the French capital before Paris, Texas. A region
    named like a city inside it counts just below that city's population (see ``region_below_city``)."""
    demoted = g.demoted
    return [math.log10(demoted.get(c.geonameid, c.population) + 1) for c in g.candidates]


def prominence(g: Group) -> list[float] | None:
    """A feature without people (a sea, river, peak, airport) counts as if it had the people its
    prominence on Natural Earth's maps stands for (:data:`geomap.place.PROMINENCE_POPULATION`,
    in decades): "the Red Sea" is the sea, not Sudan's Red Sea state; "Heathrow" the airport."""
    if not any(c.prominence for c in g.candidates):
        return None
    return [math.log10(PROMINENCE_POPULATION[c.prominence] + 1) if c.prominence and not c.population else 0.0
            for c in g.candidates]


def town_worded(g: Group) -> list[float] | None:
    """A name after a word that says it is a populated place is a populated place: "the rebel-held
    town of al-Rai", "a city called New York", "the village of Robotyne" (not the region or the
    river named alike); so is one before such a word: "on the outskirts of Mandera town" (the town,
    though Wajir County beside it would make it the county), but not after an article: "the
    Andalusian city", "the central Mexico city of Celaya"."""
    if not g.town_worded:
        return None
    return [float(c.feature_class == "P") for c in g.candidates]


def area_worded(g: Group) -> list[float] | None:
    """A name after "the coast of" or "the shores of" is the country, when one has the name: "off the coast
    of Djibouti near the town of Obock" is the country, not its capital ("off the coast of Mumbai" keeps the
    city; a region and its town share coasts alike, "off the coast of Obock", and are left to the rest)."""
    if not g.area_worded:
        return None
    return [float(c.is_country) for c in g.candidates]


def feature_worded(g: Group) -> list[float] | None:
    """A name followed by the word for a kind of feature is that feature: "Heathrow airport",
    "the Amazon river", "the Dnipro river" (not the city), "Everest mountain"; so is a name after "the" with
    nothing after it that makes it a word of a longer name, when a river, sea, range or desert has it: "the
    east bank of the Volga," (not the town of Volga), "the Indus burst its banks".  A country so followed is
    the feature named for it, never the country: "capsized on the Niger river", "the Jordan river" (its
    country prior outweighed the word)."""
    codes = g.feature_word
    if not codes:
        return None
    after = g.feature_word_after  # (a word after the name, not "the" before it alone: "the Gambia," is a country)
    return [1.0 if c.feature_code in codes else -1.0 if after and c.is_country else 0.0 for c in g.candidates]


def _kind(code: str):
    def feature(g: Group) -> list[float] | None:
        demoted = g.demoted
        return [float(c.feature_code == code and c.geonameid not in demoted) for c in g.candidates]
    return feature


def country(g: Group) -> list[float] | None:
    """A country: "Georgia" alone is the country before the state and the towns."""
    return [float(c.is_country) for c in g.candidates]


capital = _kind("PPLC")
capital.__doc__ = """A national capital: "Kingston" is Jamaica's before Ontario's or New York's."""
ppla = _kind("PPLA")
ppla.__doc__ = """The seat of a first-level region: "Springfield" is Illinois' capital before the others."""


def water(g: Group) -> list[float] | None:
    """An ocean, sea or gulf: "Black Sea", "Gulf of Aden"."""
    return [float(c.feature_code in MAJOR_WATER) for c in g.candidates]


ocean = _kind("OCN")
ocean.__doc__ = """An ocean on top of a sea: "Pacific" alone is the ocean, not Pacific, Missouri."""


def adm1(g: Group, w: Weights) -> list[float] | None:
    """A first-level region of at least ``adm1_min_population`` people: "Texas" is the state before
    the towns named after it (Jamaica's parishes "Manchester" and "Portland" are too small)."""
    demoted = g.demoted
    return [float(c.feature_code == "ADM1" and c.population >= w.adm1_min_population and c.geonameid not in demoted)
            for c in g.candidates]


def ppla2(g: Group) -> list[float] | None:
    """A second-level region or its seat: "Laurel County"."""
    demoted = g.demoted
    return [float(c.feature_code in ("PPLA2", "ADM2") and c.geonameid not in demoted) for c in g.candidates]


def alternate_name(g: Group) -> list[float] | None:
    """Matched by an alternate name (another language's, an old one) rather than the place's own."""
    demoted = g.demoted
    return [float(c.match_kind is NameKind.ALTERNATE and c.geonameid not in demoted) for c in g.candidates]


def official_name(g: Group) -> list[float] | None:
    """Matched by the place's official name."""
    demoted = g.demoted
    return [float(c.match_kind is NameKind.NAME and c.geonameid not in demoted) for c in g.candidates]


def context_free_rank(g: Group) -> list[float] | None:
    """The gazetteer's own order without context (:func:`geomap.place.rank_places`): 1 / (1 + rank)."""
    return _RANKS[len(g.candidates)]


# 1 / (1 + rank) for every length of a name's candidates (``max_candidates`` is 30; longer on demand).
class _Ranks(dict):
    def __missing__(self, n: int) -> list[float]:
        found = self[n] = [1.0 / (1 + r) for r in range(n)]
        return found


_RANKS = _Ranks()


def region_below_city(g: Group) -> list[float] | None:
    """A region named like a populated place inside it, which bears the name itself, ranks below
    that place ("Aleppo" the city, not the governorate): it takes the city's population less one,
    and no bonus for its kind or name (not when the text says "Aleppo province": ``region_worded``).
    A region named like its country's capital, which it does not hold: ``capital_namesake``."""
    demoted = g.demoted
    if not demoted:
        return None
    return [float(c.geonameid in demoted) for c in g.candidates]


def abbreviation_spelled_otherwise_(g: Group) -> list[float] | None:
    """An abbreviation written in another case than the one matched: "LA" and "L.A." are Los
    Angeles, "La." is Louisiana."""
    if NameKind.ABBREVIATION not in map(_match_kind, g.candidates):  # most names: no abbreviation matched
        return None
    surface = g.surface
    values = [float(abbreviation_spelled_otherwise(c, surface)) for c in g.candidates]
    return values if any(values) else None


def named_like_its_country(g: Group) -> list[float] | None:
    """A place named like the country it lies in ("Mexico": the State of México, and Mexico City's
    alias) is the country's namesake, and takes no sibling-region bonus."""
    namesakes = g.namesakes
    if not namesakes:
        return None
    return [float(not c.is_country and c.country_code in namesakes) for c in g.candidates]


def capital_namesake(g: Group) -> list[float] | None:
    """A first-level region named like its country's capital, which it does not hold, is the
    capital's namesake: "Washington" alone is the capital, not the state; in a list of states, or
    as "Washington state", the state."""
    if g.region_worded or not g.has_adm1:
        return None
    namesakes = capital_namesakes(g.candidates)
    if not namesakes:
        return None
    return [float(c.geonameid in namesakes) for c in g.candidates]


def region_worded(g: Group) -> list[float] | None:
    """A name followed by "state", "province", "region", "governorate", "oblast" or "prefecture"
    ("Kaduna state", "the Donetsk region"; "Homs and Aleppo Governorates" for both), or after "the
    province of", "the state of" …, is the first-level region, a sense of its own beside the city
    named alike."""
    if not g.region_worded:
        return None
    return [float(c.feature_code == "ADM1") for c in g.candidates]


def dateline_city(g: Group) -> list[float] | None:
    """A dateline names a city, by the wire services' own style: "NEW YORK (Reuters) -" is the city,
    not the state (3 points: more than a state's size and kind give it over the city)."""
    if not g.is_dateline:
        return None
    return [float(c.feature_class == "P") for c in g.candidates]


# -- context features: one value per candidate, from the other names ---------------------------------

class RoundContext(NamedTuple):
    """What every other name offers one name in one round."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    siblings: dict[tuple[str, str], float]
    siblings_by_country: dict[str, float]
    districts: dict[tuple[str, str, str], float]


def country_named_beside(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A country gains when other names lie in it: "Georgia" beside "Tbilisi" is the country."""
    if not g.has_country:
        return None
    cap, countries = w.support_cap, ctx.countries
    # (``cap if cap < v else v`` is ``min(v, cap)`` without a call, per candidate and round.)
    return [(cap if cap < (v := countries.get(f.country, 0.0)) else v) if f.is_country else 0.0 for f in g.facts]


def sibling_regions(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A first-level region gains when other names are other first-level regions of the same
    country: in a list of states, "Washington" is the state, not Washington, Iowa."""
    siblings = ctx.siblings
    if not siblings:
        return None
    cap, by_country = w.support_cap, ctx.siblings_by_country
    return [(cap if cap < (v := by_country.get(f.country, 0.0) - siblings.get((f.country, f.admin1), 0.0)) else v)
            if f.is_adm1 and not f.is_country else 0.0 for f in g.facts]


def same_district(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A place gains when another name has a likely candidate in the same second-level region: a
    town and its county choose each other ("Paris" and "Henry County": Tennessee)."""
    districts = ctx.districts
    if not districts or districts.keys().isdisjoint(g.district_keys):  # no district of this name's is named
        return None
    cap = w.support_cap
    return [(cap if cap < (v := districts.get(f.district, 0.0)) else v)
            if f.district is not None and not f.is_country else 0.0 for f in g.facts]


def country_support(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A place gains when other names lie in its country, or are that country ("Aleppo" beside
    "Syria")."""
    countries = ctx.countries
    if countries.keys().isdisjoint(g.country_keys):  # no other name lies in any of these countries
        return None
    cap = w.support_cap
    return [0.0 if f.is_country else (cap if cap < (v := countries.get(f.country, 0.0)) else v) for f in g.facts]


def region_support(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A place gains when other names lie in its first-level region, or are that region
    ("Gainesville" beside "Hall County", Georgia)."""
    cap, regions = w.support_cap, ctx.regions
    if regions.keys().isdisjoint(g.region_keys):  # no other name lies in any of these regions
        return None
    return [(cap if cap < (v := regions.get((f.country, f.admin1), 0.0)) else v) if f.admin1 and not f.is_country
            else 0.0 for f in g.facts]


def nearness_(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A place gains from the likely places of other names nearby: ``exp(-km / near_km)`` of the
    strongest (the dateline's count double); see :mod:`geomap.geoparser.nearness`."""
    return g.near if any(g.near) else None


def qualifier(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A mention right after a comma, a space or "in" qualifies the one before ("Paris, Texas",
    "Springfield, Ill.", "Paris France", "Dover in Kent"): candidates inside it that bear the name
    itself (or a city of 100,000 that bears it as an alternate name: "ZAPORIZHZHIA, Ukraine") gain
    strongly.  The qualifier must be a country, a region, or a larger town of
    100,000 ("After Paris, London is…" is no Paris near London, Arkansas), and a comma-separated
    run whose first two names are of one kind is a list ("Alabama, California, Florida"), and so is a pair
    that "and" goes on with a third of the second's kind ("Washington, Pennsylvania and California")."""
    return [float(q) for q in g.qualified] if any(g.qualified) else None


def qualifier_holds(g: Group, ctx: RoundContext, w: Weights) -> list[float] | None:
    """A qualifier is the sense of its name that holds the place before it: "in Atimonan, **Quezon**" is the
    province of Quezon (which holds Atimonan), not the town of Quezon beside it; "Paris, **Texas**" the
    state.  The other side of :func:`qualifier`, with the same test (``resolution._qualifies``)."""
    return [float(q) for q in g.qualifying] if any(g.qualifying) else None


def qualified_own_sense(g: Group) -> bool:
    """One sense per name, except that a qualified mention is a sense of its own: "Glasgow is a
    city in Barren County, Kentucky … named after Glasgow in Scotland", "Like Paris, Texas, the
    town…".  Qualifiers are a comma ("Paris, Texas") or "in" before a region or country ("Dover in
    Kent")."""
    return bool(g.qualifiers)


def qualified_sense_carries(g: Group) -> bool:
    """A name first met with its qualifier keeps that sense when the text repeats it bare: "LONDON, Ont.
    (CP) — … a warehouse in London's east end" is London, Ontario throughout, "Paris, Texas … Paris
    police" Paris, Texas.  Not when the name was met bare first ("Glasgow is a city in Kentucky … named
    after Glasgow in Scotland") or with two qualifiers: then each bare mention is judged on its own."""
    return bool(g.qualifiers)


#: A city this large (or a national capital) is a world city for :func:`world_city`.
WORLD_CITY_POPULATION = 1_000_000
#: ... and a namesake it guards against is a town or district of less than this share of its people.
WORLD_CITY_NAMESAKE_SHARE = 0.1
_GUARDED_CODES = frozenset({"ADM2", "ADM3", "ADM4"})


def world_city(g: Group) -> list[tuple[int, tuple[int, ...]]]:
    """A national capital or a city of a million people is not outscored by a small namesake (a town or
    district of under a tenth of its people) that the text does not anchor: another name resolved in the
    namesake's first-level region, or (abroad) in its country, or a qualifier ("Houston, Pa.").  Support between
    candidates may not outvote a world city: "After stops in Washington, New York and Boston, the crown
    prince flew to Houston" is Houston, Texas, not Houston, Pennsylvania beside the others' namesakes;
    "Paris" in a story naming Texas, or in "Paris, Texas", is still the Texan town.  Regions and
    countries are no namesakes here ("Washington" in a list of states stays the state).  A bare
    dateline is anchored by nothing but its own qualifier: the wire services write a namesake's with
    its state ("WASHINGTON, Pa. —"), so "WASHINGTON —" over a story naming Pennsylvania is the capital;
    but a paper writes its own town's bare, without an agency, and a namesake in another country than the
    world city's is anchored as any name is ("DELHI —" over a story of Delaware County, Sidney and Walton is
    Delhi, New York; "DELHI (AP) —" stays India's).  A capital guards only namesakes under a tenth of its
    own people (Hamilton, Bermuda, 900 people, does not guard against Hamilton, Ohio).

    Returns, per world city among the candidates, its index and the indices of the namesakes it guards
    against; :class:`~geomap.geoparser.resolution.Resolver` applies it once, on the final choices."""
    cands = g.candidates
    out = []
    for i, c in enumerate(cands):
        if not (c.feature_code == "PPLC" or (c.feature_class == "P" and c.population >= WORLD_CITY_POPULATION)):
            continue
        if c.match_kind in (NameKind.DEMONYM, NameKind.CODE):
            continue
        limit = c.population * WORLD_CITY_NAMESAKE_SHARE
        guarded = tuple(k for k, o in enumerate(cands)
                        if k != i and o.population < limit and o.feature_code != "PPLC"
                        and (o.feature_class == "P" or o.feature_code in _GUARDED_CODES))
        if guarded:
            out.append((i, guarded))
    return out


def country_over_its_namesake(g: Group) -> int | None:
    """A name that is a country's is the country, not a town or region of it named alike, unless the text
    says it is the town: "the cyclone brought rain to coastal districts of Nampula Province, in northern
    **Mozambique**" is the country, though Nampula and Nacala lie beside the island town of Mozambique
    and hold it up.  The other places of the country say nothing between the two, as they lie in both.
    The town keeps a dateline ("DJIBOUTI (Reuters) -"), a town word ("the town of …"), a region word
    or a qualifier.

    Returns the index of the country to choose instead (on the final choices), or None."""
    if not g.namesakes or g.is_dateline or g.town_worded or g.area_worded or g.region_worded or g.feature_word:
        return None
    chosen = g.candidates[g.choice]
    if chosen.is_country or chosen.country_code not in g.namesakes or (g.qualified and g.qualified[g.choice]):
        return None
    return next((k for k, c in enumerate(g.candidates) if c.is_country and c.country_code == chosen.country_code),
                None)


#: What :func:`locality_needs_an_anchor` returns for a locality the text does not anchor and no namesake of known
#: size can stand in for: the name is left unresolved.
UNANCHORED = -1


def locality_needs_an_anchor(g: Group, neighbours: Sequence[Place]) -> int | None:
    """A populated locality of unknown size (a US post office town cities500 lacks, GeoNames' PPLL) is what a name
    means only when the text places it nearby: a qualifier ("Oakland, Texas"), its county, or another place the
    text names within :data:`ALIAS_NEIGHBOUR_KM` ("two miles east of Brandon" beside Alexandria and Douglas County,
    Minnesota; "Carter's Lanexa home" in a story on New Kent County).  The state alone is no anchor: "the four
    Oakland Police Department veterans … since four federal agents died in Waco, Texas" is Oakland, California,
    not the Texan post office, which the state's support carried; and a locality no namesake of known size can
    stand in for is left unresolved (:data:`UNANCHORED`): post offices bear words that are other things in news
    ("Capitol", Montana, for "the state Capitol" in Madison; "State Park", South Carolina, for "Hocking Hills
    State Park").  (A locative before it, with its country named, was tried as an anchor too: it placed one read
    story, "a bunkhouse in Atalissa", Iowa, and lost an unread one to a Wisconsin post office.)
    ``neighbours``: the other names' chosen towns and districts.

    Returns the index of the candidate to choose instead (on the final choices), :data:`UNANCHORED`, or None."""
    chosen = g.candidates[g.choice]
    if chosen.feature_code != "PPLL" or (g.qualified and g.qualified[g.choice]) or placed_by(chosen, neighbours):
        return None
    known = [k for k, c in enumerate(g.candidates) if c.population > 0 and c.match_kind <= NameKind.ABBREVIATION]
    return max(known, key=lambda k: g.scores[k]) if known else UNANCHORED


def town_in_named_county(town: Group, counties: list[Group]) -> tuple[int, Group, int] | None:
    """A town's name and a county's full name the text both writes choose each other when one pairing alone puts
    a sense of the first inside a sense of the second: "Terry Lee Jolly, 60, Lebanon … the Boone County Jail" is
    Lebanon, Indiana, the seat of Boone County, Indiana, not the country whose prior carried the bare name, nor
    the largest Boone County (Missouri).  Support between the two senses is weighed, round by round, by how
    likely each is, which a country's prior and a larger namesake county drown; a pairing is a fact.  Not when
    the town's name is qualified ("Lebanon, Ohio") or a dateline (``world_city`` reads those), or when several
    pairings are possible (two counties of the name, in two states, each hold such a town).  ``counties``: the
    groups of the county names the text writes in full.

    Returns ``(town_index, county_group, county_index)``, or None."""
    if town.qualifiers or town.is_dateline or not any(c.feature_class == "P" for c in town.candidates):
        return None
    pairs = {(k, ci, j) for ci, county in enumerate(counties) if county is not town
             for j, c in enumerate(county.candidates) if c.feature_code == "ADM2" and c.admin2_code
             for k, t in enumerate(town.candidates) if t.feature_class == "P"
             and (t.country_code, t.admin1_code, t.admin2_code) == (c.country_code, c.admin1_code, c.admin2_code)}
    if len(pairs) != 1:
        return None
    k, ci, j = pairs.pop()
    return k, counties[ci], j


#: An alternate name outranks the places that bear it as their own only for a place this many times their size.
ALIAS_OVER_OWN_NAME = 10
#: ... or for a place that another name of the text lies this near (a third of ``Weights.near_km``).
ALIAS_NEIGHBOUR_KM = 50.0


def own_name_over_alias(g: Group, neighbours: Sequence[Place] = ()) -> int | None:
    """A name that places bear as their own is one of them, not a place it is only an alternate name of (an old,
    a local, another language's name), unless the text qualifies that place or it is ``ALIAS_OVER_OWN_NAME`` times
    the largest of them: "Brandon" beside Albany and Douglas, Georgia, is a Brandon, not Winder, Georgia, once
    called Brandon, which the namesakes' support alone carried; but "Bombay" is Mumbai, not Bombay, New York, and
    "Holland" the Netherlands.  Only the bearers in the alias's own country count: a story on Idlib's "Dana" (Ad
    Dānā) is not about Dana, North Carolina, which the text's country names nothing near.  And a place the text
    puts in its region or near another place keeps its alias (``neighbours``: the other names' chosen first-level
    regions, towns and districts; a town or district within :data:`ALIAS_NEIGHBOUR_KM`): "shelled near
    Pervomayske, Donetsk region" is Avdiyivske (Pervomaiske until 2016), not Pervomayskoye in Crimea;
    "saint-sulpice" beside Toulouse is Saint-Sulpice-la-Pointe, 25 km away, not a Saint-Sulpice of the Dordogne.
    A dateline keeps its reading (the wire services write a city's own name), and so does a name the text says
    the kind of ("the Dnipro river").

    Returns the index of the candidate to choose instead (on the final choices), or None."""
    chosen = g.candidates[g.choice]
    if chosen.match_kind is not NameKind.ALTERNATE or g.is_dateline or (g.qualified and g.qualified[g.choice]) \
            or g.feature_word or g.town_worded or g.area_worded or g.region_worded:
        return None  # (the text says what kind of place it is: "the Dnipro river" is the Dnieper)
    own = [k for k, c in enumerate(g.candidates) if c.match_kind <= NameKind.ASCII
           and c.feature_class == chosen.feature_class  # (a town's: not the province named like its seat)
           and c.country_code == chosen.country_code]  # (the text's country holds an alias abroad: "Dana", Idlib)
    if not own or chosen.population >= ALIAS_OVER_OWN_NAME * max(g.candidates[k].population for k in own) \
            or placed_by(chosen, neighbours):
        return None
    return max(own, key=lambda k: g.scores[k])


def placed_by(place: Place, neighbours: Sequence[Place]) -> bool:
    """Does one of ``neighbours`` (places the text names) place ``place``: the region of its level that holds it
    (a first-level region, or a county with its code), or a place within :data:`ALIAS_NEIGHBOUR_KM`?"""
    for p in neighbours:
        if p.feature_code == "ADM1":
            if (p.country_code, p.admin1_code) == (place.country_code, place.admin1_code):
                return True
        elif p.feature_code == "ADM2" and place.admin2_code and (p.country_code, p.admin1_code, p.admin2_code) \
                == (place.country_code, place.admin1_code, place.admin2_code):
            return True
        if distance_km(place.lat, place.lon, p.lat, p.lon) <= ALIAS_NEIGHBOUR_KM:
            return True
    return False


def bare_name_of_its_county(g: Group, county: Place) -> int | None:
    """A county's bare name in a text that also writes its full name is that county's, one name in two forms:
    "A DeKalb man … according to DeKalb Police … an appearance in the DeKalb County Courthouse" is DeKalb, Illinois,
    not DeKalb County, Georgia (the largest of the name).  ``county``: the county the full name resolved to.  The
    bare name then takes the town of that name inside it ("DeKalb Police" is the city's), else the county itself;
    only when it now names another county (a bare name is a county's only beside its full name, see
    ``recognition_rules.bare_county_needs_full_name``), and not when a qualifier of its own places it ("Dover in
    Kent, England" beside "Kent County", Delaware).

    Returns the index of the candidate to choose instead (on the final choices), or None."""
    chosen = g.candidates[g.choice] if g.candidates else None
    if chosen is None or chosen.feature_code != "ADM2" or chosen.geonameid == county.geonameid:
        return None
    town = next((k for k, c in enumerate(g.candidates) if c.feature_class == "P" and county.admin2_code
                 and (c.country_code, c.admin1_code, c.admin2_code)
                 == (county.country_code, county.admin1_code, county.admin2_code)), None)
    return town if town is not None else next(
        (k for k, c in enumerate(g.candidates) if c.geonameid == county.geonameid), None)


#: A town this large may say where another lies ("Brooklyn, New York", "Birmingham's Ensley").
QUALIFYING_TOWN_POPULATION = 100_000


def held_by_its_possessor(g: Group, possessor: Group) -> bool:
    """A place named after a place's possessive lies in it: "a shooting in **Birmingham's Ensley**
    neighborhood", "Nepal's Sindhupalchok district", "Syria's al-Bab".  When the possessor, as resolved,
    holds none of the name's candidates, the name is a place the gazetteer lacks (a neighbourhood, a
    village) and is left unresolved, not pinned on a namesake elsewhere (Ensley, Florida).  The possessor
    must be a country, a region or a city of ``QUALIFYING_TOWN_POPULATION`` ("Dot's Cambridge City" is a
    shop's); an airport is its city's though it lies beyond it ("Washington's Dulles Airport").  A city
    whose province or district of the same name holds the name is read as that region ("Konya's
    Seydişehir district", see :func:`possessor_as_region`).

    Returns whether ``g`` may keep its place."""
    outer = _holding_possessor(g, possessor)
    return outer is None or any(_held(outer, c) for c in g.candidates)


def held_alternative(g: Group, possessor: Group) -> int | None:
    """The best-scoring candidate of ``g`` its possessor holds, when the chosen one lies outside it: "Chhattisgarh's
    Bijapur" is the Chhattisgarh town, not Vijayapura in Karnataka, whose other name is Bijapur and whose people
    outnumber it twenty to one.  (Applied before :func:`held_by_its_possessor`, which leaves the name unresolved
    when the possessor holds none.)  The index, or None."""
    outer = _holding_possessor(g, possessor)
    if outer is None or _held(outer, g.candidates[g.choice]):
        return None
    held = [k for k, c in enumerate(g.candidates) if c.feature_class != "S" and contains(outer, c)]
    return max(held, key=g.scores.__getitem__) if held else None


def _holding_possessor(g: Group, possessor: Group) -> Place | None:
    """The possessor's place, as resolved, when it may hold ``g`` (a country, a region or a city of
    ``QUALIFYING_TOWN_POPULATION``, and both have candidates); else None."""
    if not g.candidates or not possessor.candidates:
        return None
    outer = possessor.candidates[possessor.choice]
    if outer.feature_class not in ("A", "P") or (outer.feature_class == "P"
                                                  and outer.population < QUALIFYING_TOWN_POPULATION):
        return None
    return outer


def _held(outer: Place, c: Place) -> bool:
    """Does the possessor ``outer`` hold candidate ``c`` (itself, an airport, or a place inside it)?"""
    return c.geonameid == outer.geonameid or c.feature_class == "S" or contains(outer, c)


def possessor_as_region(g: Group, possessor: Group) -> int | None:
    """The possessor's region of the same name that holds ``g``, when the possessor as resolved does not:
    "Konya's Seydişehir district" is a district of Konya province, not of Konya city (a city and its
    province share the name; a district lies in the province).  The index of that candidate of the
    possessor, else None (then :func:`held_by_its_possessor` leaves ``g`` unresolved)."""
    for k, r in enumerate(possessor.candidates):
        if k != possessor.choice and r.feature_code in ("ADM1", "ADM2") and any(
                c.feature_class != "S" and contains(r, c) for c in g.candidates):
            return k
    return None


def held_by_its_qualifier(g: Group, qualifier: Group) -> bool:
    """A name its qualifier after a comma (the address convention) says lies in a region that holds none of
    its candidates is a place the gazetteer lacks: "paddleboarding near Kenmore, Perth and Kinross" is no
    Kenmore of Massachusetts (the same reading as :func:`held_by_its_possessor`; not a space, "hawija district
    of northern kirkuk" in lower case, nor "in" in prose, whose region may be an adjective's: "the village of
    Basgedikler in the eastern province of Kars").  Only a country or a first- or second-level region
    qualifies so (a town beside another is no address), every sense of the qualifier that is one counts (a
    "Southern Province" of Sierra Leone chosen wrongly does not unplace Livingstone, Zambia), and a region is
    read at its first-level region (second-level codes are missing from many places) or by its reach
    (``QUALIFIER_REACH_KM``); a name one of whose senses is a country or territory is left alone ("Hong Kong,
    China").

    Returns whether ``g`` may keep its place."""
    if any(c.is_country or not c.country_code for c in g.candidates):
        return True  # (nor a region of no one country: "Kashmir, India-Pakistan border")
    regions = [r for r in qualifier.candidates[:10] if r.is_country or r.feature_code in ("ADM1", "ADM2")]
    outer, inner = qualifier.candidates[qualifier.choice], g.candidates[g.choice]
    if not regions or outer not in regions or inner.feature_code == "ADM1" or (
            inner.feature_code == "ADM2" and outer.feature_code == "ADM2"):
        return True  # (an address goes from the finer to the coarser: "near the Indiana, Ill., border" are peers)
    return any_sense_held(g.candidates, regions)


def any_sense_held(senses: Sequence[Place], holders: Sequence[Place]) -> bool:
    """Does one of ``senses`` lie in one of ``holders``, as an address or a text's "X district of Y" says: in a
    country's codes, in the holder's first-level region (second-level codes are missing from many places), or
    within ``QUALIFIER_REACH_KM`` of its point?"""
    return any(c.country_code == r.country_code and (
        r.is_country or (r.admin1_code and c.admin1_code == r.admin1_code)
        or distance_km(c.lat, c.lon, r.lat, r.lon) <= QUALIFIER_REACH_KM) for r in holders for c in senses)


#: A region qualifies what lies this near its point, whatever the codes say: a city of a first-level unit of its
#: own that the region encloses ("Sevastopol, Crimea", 110 km from Crimea's point; Kyiv, 96 km from its oblast's).
QUALIFIER_REACH_KM = 150.0


FEATURES: tuple[Rule, ...] = (
    Rule("population", "prior", population, "population"),
    Rule("prominence", "prior", prominence, "population"),
    Rule("country", "prior", country, "country"),
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
    Rule("capital_namesake", "prior", capital_namesake, "capital_namesake"),
    Rule("region_worded", "prior", region_worded, "region_worded"),
    Rule("feature_worded", "prior", feature_worded, "feature_worded"),
    Rule("town_worded", "prior", town_worded, "feature_worded"),
    Rule("area_worded", "prior", area_worded, "feature_worded"),
    Rule("dateline_city", "prior", dateline_city, "dateline_city"),
    Rule("country_named_beside", "context", country_named_beside, "ctx_of_country"),
    Rule("sibling_regions", "context", sibling_regions, "ctx_sibling"),
    Rule("same_district", "context", same_district, "ctx_district"),
    Rule("country_support", "context", country_support, "ctx_country"),
    Rule("region_support", "context", region_support, "ctx_region"),
    Rule("nearness", "context", nearness_, "ctx_near"),
    Rule("qualifier", "context", qualifier, "qualifier"),
    Rule("qualifier_holds", "context", qualifier_holds, "qualifier_holds"),
    Rule("qualified_own_sense", "context", qualified_own_sense),
    Rule("qualified_sense_carries", "context", qualified_sense_carries),
    Rule("world_city", "context", world_city),
    Rule("country_over_its_namesake", "context", country_over_its_namesake),
    Rule("bare_name_of_its_county", "context", bare_name_of_its_county),
    Rule("own_name_over_alias", "context", own_name_over_alias),
    Rule("locality_needs_an_anchor", "context", locality_needs_an_anchor),
    Rule("town_in_named_county", "context", town_in_named_county),
    Rule("held_by_its_possessor", "context", held_by_its_possessor),
    Rule("held_by_its_qualifier", "context", held_by_its_qualifier),
)
# Prior features that read the weights themselves (a threshold), not only through their weight.
NEEDS_WEIGHTS = frozenset({"adm1"})
# Prior features whose value for a candidate depends on that candidate alone (and on whether its
# name demoted it, ``region_below_city``): first in ``FEATURES``, so that the resolver may remember
# their sums per tuple of candidates (each candidate's sum the same whatever name it is a candidate of).
PER_CANDIDATE = frozenset({"population", "prominence", "country", "water", "ocean", "adm1", "capital", "ppla",
                           "ppla2", "alternate_name", "official_name"})
