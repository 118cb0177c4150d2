"""GazetteerGeocoder keeps geopy's contract."""

from __future__ import annotations

import warnings

import pytest
from geopy.adapters import BaseAsyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.gazetteer import Gazetteer
from geomap.geocoder import GazetteerGeocoder

AL_BAB = (36.37, 37.52)
AR_RAI = (36.61, 37.45)


def close_to(location, expected, tol=0.05):
    return (abs(location.latitude - expected[0]) <= tol
            and abs(location.longitude - expected[1]) <= tol)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    assert issubclass(GazetteerGeocoder, Geocoder)


def test_al_bab_syria(geocoder):
    loc = geocoder.geocode("al-Bab, Syria")
    assert isinstance(loc, Location)
    assert close_to(loc, AL_BAB)
    assert isinstance(loc.raw, dict)
    assert loc.raw["geonameid"] == 174018
    assert loc.raw["country_code"] == "SY"
    assert loc.raw["match_kind"] == "name"
    assert loc.address == "Al Bāb, Aleppo, Syria"
    assert loc.address == loc.raw["address"]
    assert loc.point == Point(loc.raw["lat"], loc.raw["lon"])


@pytest.mark.parametrize("kwargs", [{"country_codes": "SY"}, {"country_codes": ["SY"]},
                                    {"country": "Syria"}, {"country_codes": "SYR"}])
def test_al_rai_with_country(geocoder, kwargs):
    loc = geocoder.geocode("al-Rai", **kwargs)
    assert close_to(loc, AR_RAI)
    assert loc.raw["geonameid"] == 169138


def test_default_country_codes(gazetteer):
    turkey_only = GazetteerGeocoder(gazetteer, country_codes="TR")
    assert turkey_only.geocode("al-Bab") is None
    assert turkey_only.geocode("Kilis").raw["country_code"] == "TR"
    # A per-call restriction overrides the default one.
    assert turkey_only.geocode("al-Bab", country_codes="SY").raw["geonameid"] == 174018


def test_unknown_country_is_a_query_error(geocoder):
    with pytest.raises(GeocoderQueryError, match="Narnia"):
        geocoder.geocode("al-Bab", country_codes="Narnia")


def test_st_petersburg(geocoder):
    first = geocoder.geocode("St. Petersburg")
    assert first.raw["country_code"] == "RU"
    assert first.raw["feature_class"] == "P"
    every = geocoder.geocode("St. Petersburg", exactly_one=False)
    assert isinstance(every, list) and all(isinstance(x, Location) for x in every)
    assert every[0].raw["geonameid"] == first.raw["geonameid"]
    assert any(x.raw["country_code"] == "US" and x.raw["admin1_name"] == "Florida" for x in every)
    florida = geocoder.geocode("St. Petersburg, Florida")
    assert florida.raw["country_code"] == "US" and florida.raw["admin1_name"] == "Florida"


def test_paris_texas(geocoder):
    loc = geocoder.geocode("Paris, Texas")
    assert loc.raw["country_code"] == "US"
    assert loc.raw["admin1_name"] == "Texas"
    assert geocoder.geocode("Paris").raw["country_code"] == "FR"


@pytest.mark.parametrize("query", ["Springfield, IL", "Springfield, Illinois",
                                   "Springfield, Illinois, USA", "Springfield, Ill."])
def test_springfield_illinois(geocoder, query):
    loc = geocoder.geocode(query)
    assert loc is not None, query
    assert loc.raw["country_code"] == "US"
    assert loc.raw["admin1_name"] == "Illinois"
    assert close_to(loc, (39.80, -89.64), tol=0.1)


def test_qualifier_that_is_a_city(geocoder):
    # "Tadif, Al Bab": a place qualifier keeps candidates within 50 km of it.
    loc = geocoder.geocode("Tādif, al-Bab")
    assert loc is not None and loc.raw["country_code"] == "SY"


def test_aleppo_governorate(geocoder):
    loc = geocoder.geocode("Aleppo Governorate")
    assert loc.raw["feature_code"] == "ADM1"
    assert loc.raw["country_code"] == "SY"
    assert geocoder.geocode("Aleppo").raw["feature_class"] == "P"


@pytest.mark.parametrize("query", ["Xqzzyvv Qwrt", "Paris, Narnia", "al-Bab, Texas", "Aleppo, Turkey"])
def test_no_match_is_none(geocoder, query):
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None


@pytest.mark.parametrize("query", ["", " ", "\t\n", ",", " , ,", None, 42])
def test_empty_query_raises(geocoder, query):
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode(query)


def test_dict_query(geocoder):
    loc = geocoder.geocode({"city": "al-Bab", "country": "Syria"})
    assert loc.raw["geonameid"] == 174018


def test_exactly_one_false_with_limit(geocoder):
    three = geocoder.geocode("Springfield", exactly_one=False, limit=3)
    assert isinstance(three, list) and len(three) == 3
    allof = geocoder.geocode("Springfield", exactly_one=False)
    assert len(allof) > 3
    assert [x.raw["geonameid"] for x in three] == [x.raw["geonameid"] for x in allof[:3]]
    one = geocoder.geocode("al-Bab, Syria", exactly_one=False, limit=5)
    assert [x.raw["geonameid"] for x in one] == [174018]


def test_timeout_is_accepted(geocoder):
    assert geocoder.geocode("al-Bab, Syria", timeout=1).raw["geonameid"] == 174018
    assert geocoder.reverse(AL_BAB, timeout=1).raw["geonameid"] == 174018


def test_feature_class_filter(geocoder):
    assert geocoder.geocode("Aleppo", feature_class="A").raw["feature_code"] == "ADM1"


# -- reverse -------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [AL_BAB, [36.37, 37.52], "36.37, 37.52", "36.37,37.52", Point(36.37, 37.52)])
def test_reverse_al_bab(geocoder, query):
    loc = geocoder.reverse(query)
    assert isinstance(loc, Location)
    assert "Al Bāb" in loc.address
    assert "Aleppo" in loc.address
    assert "Syria" in loc.address
    assert loc.raw["geonameid"] == 174018
    assert 0 <= loc.raw["distance_km"] < 2


def test_reverse_many(geocoder):
    locs = geocoder.reverse(AL_BAB, exactly_one=False, limit=4)
    assert len(locs) == 4
    assert locs[0].raw["geonameid"] == 174018
    dists = [x.raw["distance_km"] for x in locs]
    assert dists == sorted(dists)
    assert len(geocoder.reverse(AL_BAB, exactly_one=False)) == 5


@pytest.mark.parametrize("query", ["nonsense", "", "  ", "36.37", "abc,def", (95, 10), "95, 10",
                                   (1,), (36.37, 37.52, 0, 1), (float("nan"), 1)])
def test_reverse_bad_input_raises(geocoder, query):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # geopy warns about (95, 10) before failing
        with pytest.raises(GeocoderQueryError):
            geocoder.reverse(query)


@pytest.mark.parametrize("query", [None, (), []])
def test_reverse_missing_coordinates_raises(geocoder, query):
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse(query)


# -- under geopy's RateLimiter --------------------------------------------------------------

def test_rate_limiter_geocode(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    results = [geocode(q) for q in ("al-Bab, Syria", "al-Rai, Syria", "Xqzzyvv Qwrt")]
    assert close_to(results[0], AL_BAB)
    assert close_to(results[1], AR_RAI)
    assert results[2] is None
    many = geocode("St. Petersburg", exactly_one=False, limit=2)
    assert len(many) == 2


def test_rate_limiter_reverse(geocoder):
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0)
    loc = reverse(AL_BAB)
    assert loc.raw["geonameid"] == 174018
    assert len(reverse("36.61, 37.45", exactly_one=False, limit=2)) == 2


def test_rate_limiter_and_query_errors(geocoder, caplog):
    strict = RateLimiter(geocoder.geocode, min_delay_seconds=0, max_retries=0, swallow_exceptions=False)
    with pytest.raises(GeocoderQueryError):
        strict("")
    # geopy's default: log the error and return None, as for an online geocoder.
    lenient = RateLimiter(geocoder.geocode, min_delay_seconds=0, max_retries=0)
    assert lenient("") is None


def test_pandas_apply(geocoder):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"q": ["al-Bab, Syria", "al-Rai, Syria", "Xqzzyvv Qwrt"]})
    df["loc"] = df["q"].apply(RateLimiter(geocoder.geocode, min_delay_seconds=0))
    df["lat"] = df["loc"].apply(lambda loc: loc.latitude if loc else None)
    assert df["lat"].iloc[0] == pytest.approx(AL_BAB[0], abs=0.05)
    assert pd.isna(df["lat"].iloc[2])


def test_shared_between_threads(geocoder):
    from concurrent.futures import ThreadPoolExecutor

    queries = ["al-Bab, Syria", "al-Rai, Syria", "St. Petersburg", "Paris, Texas", "Springfield, IL",
               "Aleppo Governorate", "Xqzzyvv Qwrt", "Kyiv", "Mosul", "Gaziantep"] * 10
    serial = [geocoder.geocode(q) for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(geocoder.geocode, queries))
        reverse = list(pool.map(geocoder.reverse, [AL_BAB] * 40))
    assert [x and x.raw["geonameid"] for x in parallel] == [x and x.raw["geonameid"] for x in serial]
    assert {x.raw["geonameid"] for x in reverse} == {174018}


# -- free text and addresses: the most specific place the query names -------------------------------------

@pytest.mark.parametrize("query, name, country, matched, precision", [
    ("Paris France", "Paris", "FR", "Paris France", "town"),  # a place and its container, read as "Paris, France"
    ("Seattle WA USA", "Seattle", "US", "Seattle WA USA", "town"),
    ("flights to Seattle", "Seattle", "US", "Seattle", "town"),
    ("12 Oxford Street, London", "London", "GB", "London", "town"),
    ("435 north michigan ave, chicago il", "Chicago", "US", "chicago", "town"),
    ("Potsdamer Platz, Berlin, Deutschland", "Berlin", "DE", "Berlin", "town"),
])
def test_free_text_and_addresses_answer_the_most_specific_place(geocoder, query, name, country, matched, precision):
    loc = geocoder.geocode(query)
    assert loc is not None, query
    assert (loc.raw["name"], loc.raw["country_code"]) == (name, country)
    assert (loc.raw["matched"], loc.raw["precision"]) == (matched, precision)


def test_strict_answers_only_whole_place_names(geocoder):
    assert geocoder.geocode("flights to Paris", strict=True) is None
    assert geocoder.geocode("Paris France", strict=True).raw["name"] == "Paris"  # a place and its country
    assert geocoder.geocode("Paris", strict=True).raw["precision"] == "town"


def test_structured_query_is_read_most_specific_field_first(geocoder):
    loc = geocoder.geocode({"country": "us", "city": "moscow", "state": "idaho"})
    assert (loc.raw["name"], loc.raw["admin1_code"]) == ("Moscow", "ID")


def test_a_places_own_name_before_another_places_alias(geocoder):
    assert geocoder.geocode("Cancun").raw["country_code"] == "MX"  # not Changchun, whose alias it is


def test_featuretype(geocoder):
    assert geocoder.geocode("Georgia", featuretype="state").raw["feature_code"] == "ADM1"
    assert geocoder.geocode("Georgia", featuretype="country").raw["feature_code"] == "PCLI"
    with pytest.raises(GeocoderQueryError, match="unknown featuretype"):
        geocoder.geocode("Georgia", featuretype="planet")


@pytest.mark.parametrize(
    ("query", "name", "country"),
    [("Germany, Aachen", "Aachen", "DE"),              # largest first
     ("Paris, US-TX", "Paris", "US"),                   # an ISO 3166-2 qualifier
     ("London, ENG, UK", "London", "GB"),               # England by its code, inside the UK
     ("London, XYZ, UK", "London", "GB"),               # an unknown qualifier passed over: "UK" holds
     ({"city": "Zurich", "state": "ZH", "country": "CH"}, "Zürich", "CH"),
     ("DE", "Germany", "DE"),                           # a bare code
     ("TX, US", "Texas", "US"),                         # a code with its country (was the United States)
     ({"state": "ENG", "country": "UK"}, "England", "GB"),
     ("Washington", "Washington", "US"),
     ("san josé california", "San Jose", "US"),         # no commas: the region it ends with qualifies it
     ("Seattle WA USA", "Seattle", "US"),
     ("Kansas City Missouri", "Kansas City", "US"),     # ... and "Kansas City" is kept whole
     ({"city": "Boston", "state": "Davao Oriental", "country": "Philippines"}, "Boston", "PH"),  # a province
     ("Paris 75001, France", "Paris", "FR"),            # a postal code beside the town
     ("Graben 7, Wien", "Wien", "AT"),                  # a street line with its number, then the town
     ("14 rue pelisson villeurbanne", "Villeurbanne", "FR"),  # an address line ends with its town
     ("Mohrenstrasse Berlin", "Berlin", "DE")],         # a street in a town
)
def test_queries_as_people_type_them(geocoder, query, name, country):
    found = geocoder.geocode(query)
    assert found is not None and (found.raw["name"], found.raw["country_code"]) == (name, country)


def test_guesses_stay_honest(geocoder):
    assert geocoder.geocode("Paris, Narnia") is None   # no qualifier holds
    assert geocoder.geocode("Bostonn") is None         # no guess unless asked
    assert geocoder.geocode("Bostonn", fuzzy=True).raw["name"] == "Boston"
    assert geocoder.geocode("Narnia", fuzzy=True) is None  # closest spelling only of well-known places
    assert geocoder.geocode("Bostonn", fuzzy=True, strict=True) is None
    assert geocoder.geocode("Washington").raw["feature_code"] == "PPLC"  # the capital, not the state
    assert geocoder.geocode("Paris, US-TX").raw["admin1_code"] == "TX"
    # an address is answered by its town, and says so
    found = geocoder.geocode("Graben 7, Wien")
    assert found.raw["matched"] == "Wien"
    assert geocoder.geocode("Graben 7, Wien", strict=True) is None
    assert geocoder.geocode("Mohrenstrasse Berlin").raw["matched"] == "Berlin"


@pytest.mark.parametrize("zoom, code, level", [(None, "PPLA2", "town"), (3, "PCLI", "country"), (6, "ADM1", "region"),
                                               (14, "PPLA2", "town")])
def test_reverse_at_a_zoom(geocoder, zoom, code, level):
    found = geocoder.reverse((36.37, 37.52), zoom=zoom)
    assert (found.raw["feature_code"], found.raw["zoom_level"], found.raw["country_code"]) == (code, level, "SY")


def test_reverse_zoom_district_is_the_second_level_region_or_says_it_is_not(geocoder):
    found = geocoder.reverse((51.5, -0.12), zoom=8)
    assert found.raw["feature_code"] in ("ADM2", "ADM1")
    assert found.raw["zoom_level"] == ("district" if found.raw["feature_code"] == "ADM2" else "region")
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse((51.5, -0.12), zoom=30)


# -- async use, as with geopy's AioHTTPAdapter ----------------------------------------------------

class _OfflineAsyncAdapter(BaseAsyncAdapter):
    """An async adapter that refuses to fetch: the geocoder must never call it."""

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    async def get_json(self, url, *, timeout, headers):
        raise AssertionError(f"fetched {url}")

    async def get_text(self, url, *, timeout, headers):
        raise AssertionError(f"fetched {url}")


def test_async_adapter_gives_awaitable_answers(gazetteer_path):
    import asyncio

    from geopy.extra.rate_limiter import AsyncRateLimiter

    async def main():
        async with GazetteerGeocoder(Gazetteer(gazetteer_path), adapter_factory=_OfflineAsyncAdapter) as g:
            found = await g.geocode("al-Bab, Syria")
            near = await g.reverse((36.37, 37.52))
            limited = AsyncRateLimiter(g.geocode, min_delay_seconds=0)
            again = await limited("Aleppo")
            with pytest.raises(GeocoderQueryError):
                await g.geocode("")
            return found, near, again

    found, near, again = asyncio.run(main())
    assert found.raw["country_code"] == "SY" and near.raw["country_code"] == "SY"
    assert again.raw["name"] == "Aleppo"
