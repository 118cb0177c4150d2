"""The incident place of a text, chosen by evidence (geomap.incident), on tiny texts.

Most tests need no gazetteer: they give the chooser hand-made places and
mentions (what the geoparser would have found), so each evidence function is
seen at work on one sentence.  The last tests run the real geoparser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.incident import (COUNTRY_PRECISION, LABELS, MENTION_EVIDENCE, PLACE_EVIDENCE, WEIGHTS, Weights, _inside,
                             analyse, choose, every_incident, weights_table)
from geomap.place import Place

DATA_DIR = Path(__file__).resolve().parent / "data"


def place(gid: int, name: str, code: str = "PPL", cc: str = "SY", admin1: str = "09", admin2: str = "",
          lat: float = 36.0, lon: float = 37.0) -> Place:
    cls = "P" if code.startswith("PPL") else "A"
    return Place(gid, name, lat, lon, cls, code, cc, {"SY": "Syria", "RU": "Russia", "TR": "Turkey",
                                                     "UA": "Ukraine", "GB": "United Kingdom"}.get(cc, cc),
                 admin1, "", admin2, "", 10_000)


SYRIA = place(163843, "Syria", "PCLI", admin1="")
RUSSIA = place(2017370, "Russia", "PCLI", cc="RU", admin1="")
ALEPPO_GOV = place(170062, "Aleppo", "ADM1")
AL_BAB = place(174018, "Al Bāb", "PPLA2", lat=36.37, lon=37.52)
AL_RAI = place(169138, "Ar Rā‘ī", "PPLA3", lat=36.61, lon=37.45)
MOSCOW = place(524901, "Moscow", "PPLC", cc="RU", admin1="48", lat=55.75, lon=37.62)
ANKARA = place(323786, "Ankara", "PPLC", cc="TR", admin1="68", lat=39.92, lon=32.85)
KHERSON = place(706448, "Kherson", "PPLA", cc="UA", admin1="14", lat=46.64, lon=32.61)._replace(population=283_649)
ZAPORIZHZHIA = place(687700, "Zaporizhzhia", "PPLA", cc="UA", admin1="26", lat=47.82, lon=35.19)
KYIV = place(703448, "Kyiv", "PPLC", cc="UA", admin1="12", lat=50.45, lon=30.52)
SUFFOLK = place(2636561, "Suffolk", "ADM2", cc="GB", admin1="ENG", admin2="F2", lat=52.17, lon=1.0)
WEYBRIDGE = place(2634204, "Weybridge", "PPL", cc="GB", admin1="ENG", admin2="N6", lat=51.37, lon=-0.45)

SHEBEKINO = place(495344, "Shebekino", "PPL", cc="RU", admin1="09", lat=50.41, lon=36.89)
BELGOROD = place(579514, "Belgorod", "PPLA", cc="RU", admin1="09", lat=50.61, lon=36.58)
EUROPE = place(6255148, "Europe", "CONT", cc="", admin1="", lat=48.69, lon=9.14)

# a town and the territory named after another town 48 km away, in one province (DR Congo's Ituri)
BUNIA = place(217570, "Bunia", "PPLA", cc="CD", admin1="IT", lat=1.56, lon=30.25)
DJUGU = place(215771, "Djugu", "PPL", cc="CD", admin1="IT", lat=1.92, lon=30.50)

PLACES = {"BUNIA": BUNIA, "Bunia": BUNIA, "Djugu": DJUGU,
          "Shebekino": SHEBEKINO, "Belgorod": BELGOROD, "Europe": EUROPE, "al-Bab": AL_BAB, "Al-Bab": AL_BAB, "al-Rai": AL_RAI, "Aleppo": ALEPPO_GOV, "Syria": SYRIA,
          "MOSCOW": MOSCOW, "Moscow": MOSCOW, "Russia": RUSSIA, "Ankara": ANKARA, "Kherson": KHERSON,
          "Zaporizhzhia": ZAPORIZHZHIA, "Kyiv": KYIV, "Suffolk": SUFFOLK, "Weybridge": WEYBRIDGE}


@dataclass
class M:
    """A mention as the geoparser returns it."""

    start: int
    end: int
    surface: str
    kind: str
    place: Place | None
    confidence: float = 1.0


def mentions(text: str) -> list[M]:
    """Every occurrence of a name of PLACES in ``text`` (longest first, no overlaps), as mentions."""
    found: list[M] = []
    for name in sorted(PLACES, key=len, reverse=True):
        i = text.find(name)
        while i >= 0:
            if not any(m.start < i + len(name) and i < m.end for m in found):
                found.append(M(i, i + len(name), name, "place", PLACES[name]))
            i = text.find(name, i + 1)
    return sorted(found, key=lambda m: m.start)


def pick(text: str, **kw):
    return choose(analyse(text, mentions(text), **kw))


def facts_of(text: str, surface: str, **kw):
    a = analyse(text, mentions(text), **kw)
    for c in a.candidates:
        for f in c.facts:
            if f.mention.surface == surface:
                return f
    raise AssertionError(f"{surface} is no candidate")


def candidate(text: str, surface: str, **kw):
    a = analyse(text, mentions(text), **kw)
    return next(c for c in a.candidates if any(f.mention.surface == surface for f in c.facts))


# -- the table --------------------------------------------------------------------------

def test_every_evidence_function_has_a_weight_and_a_docstring():
    for name, fn in {**MENTION_EVIDENCE, **PLACE_EVIDENCE}.items():
        assert hasattr(WEIGHTS, name), name
        assert fn.__doc__ and len(fn.__doc__.strip()) > 20, name
    assert len(weights_table()) == len(MENTION_EVIDENCE) + len(PLACE_EVIDENCE)


def test_weights_are_frozen():
    with pytest.raises(Exception):
        WEIGHTS.event_clause = 0  # type: ignore[misc]


# -- mention evidence, one at a time ---------------------------------------------------

@pytest.mark.parametrize("text, surface", [
    ("An airstrike killed three soldiers in al-Bab.", "al-Bab"),
    ("Shelling near Kherson wounded two.", "Kherson"),
    ("Clashes broke out on the outskirts of Kherson.", "Kherson"),
    ("Russian forces shelled Kherson overnight.", "Kherson"),
    ("An explosion 20 km north of Zaporizhzhia was heard.", "Zaporizhzhia"),
    ("Protesters were arrested outside Ankara.", "Ankara"),
    ("Hailstones the size of cricket balls pounded Kherson on Sunday.", "Kherson"),
    ("A blast rocked Kherson overnight.", "Kherson"),
    ("Rebels overran Kherson and torched the market.", "Kherson"),
    ("The army said it had recaptured Kherson.", "Kherson"),
])
def test_event_clause(text, surface):
    f = facts_of(text, surface)
    assert MENTION_EVIDENCE["event_clause"](f) == 1.0


@pytest.mark.parametrize("text, surface", [
    ("Kherson residents said the attack was the worst yet.", "Kherson"),   # no locative
    ("The meeting in Ankara ended.", "Ankara"),                            # no event word
    ("The attack was over. Talks began in Ankara.", "Ankara"),             # the event is in another sentence
])
def test_no_event_clause(text, surface):
    assert MENTION_EVIDENCE["event_clause"](facts_of(text, surface)) == 0.0


def test_event_sentence_without_locative():
    f = facts_of("The Kherson shelling killed two.", "Kherson")
    assert MENTION_EVIDENCE["event_sentence"](f) == 1.0 and MENTION_EVIDENCE["event_clause"](f) == 0.0


def test_words_spelt_like_event_verbs_are_no_events():
    # the event verbs are listed as news inflects them: "pounded", not "pound" (a currency), "rocked", not "rock"
    for text in ("A loaf cost two pounds in Kherson.", "Falling rock closed a road in Kherson."):
        assert not facts_of(text, "Kherson").event_in_clause, text


def test_locative_without_event():
    f = facts_of("Samples were tested at facilities in Weybridge.", "Weybridge")
    assert MENTION_EVIDENCE["locative"](f) == 1.0


@pytest.mark.parametrize("text, surface", [
    ("The strike killed five, the minister said in Moscow.", "Moscow"),
    ("The general told reporters in Ankara that troops were killed.", "Ankara"),
    ("Officials in Kyiv said the attack killed two.", "Kyiv"),
    ("Moscow said the airstrike was an accident.", "Moscow"),
    ("The Moscow Times reported the attack.", "Moscow"),
    ("The government in Ankara did not give a toll.", "Ankara"),
    ("The disaster management commission in Ankara disputed that deaths were caused by hunger.", "Ankara"),
    ("The ministry said in a statement read on state television in Ankara that two were killed.", "Ankara"),
    ("According to a statement issued by the army in Ankara, the bomb was planted near a road.", "Ankara"),
    ("The minister announced in Ankara that a curfew had begun.", "Ankara"),
])
def test_attribution(text, surface):
    assert MENTION_EVIDENCE["attribution"](facts_of(text, surface)) == 1.0


@pytest.mark.parametrize("text", [
    "Clashes in Kyiv left two dead, police said.",
    "Cases reported in Kyiv rose to five.",
    "Government forces in Kyiv shelled the suburbs.",
    "A ship was hit 25 nautical miles west of Kyiv, UKMTO said.",  # UKMTO speaks, of Kyiv
    "According to the health ministry, she died in a Kyiv hospital.",  # the report is another clause's
    # the people of the place speak where they are, as officials do not ("Officials in Kyiv said": attributed)
    "Health workers in Kyiv say they lack isolation beds.",
    "Villagers in Kyiv said the soldiers fled.",
    # a measure announced for the place is its own, as a declared emergency is ("a quarantine of the Etoumbi and
    # Mbomo districts")
    "The government announced a curfew in Kyiv.",
    "The government and the WHO have announced a quarantine of the Kyiv and Odesa districts.",
    "Officials imposed a lockdown of Kyiv on Tuesday.",
])
def test_not_attribution(text):
    assert MENTION_EVIDENCE["attribution"](facts_of(text, "Kyiv")) == 0.0


def test_quoted():
    text = 'He said: "We saw shelling in Kherson all night." Then he left.'
    assert MENTION_EVIDENCE["quoted"](facts_of(text, "Kherson")) == 1.0
    assert MENTION_EVIDENCE["quoted"](facts_of("Shelling in Kherson.", "Kherson")) == 0.0


@pytest.mark.parametrize("text", [
    "Last year an outbreak in Suffolk killed 50,000 birds.",
    "Last month, an avalanche buried a snowboarder in Suffolk.",
    "This comes less than a year after a culling in Suffolk.",
    "Birds died in Suffolk in 2006. The new outbreak was found in 2007.",
])
def test_background(text):
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk")) == 1.0


@pytest.mark.parametrize("text, expected", [
    ("Earlier attacks targeted a base in Suffolk.", 1.0),
    ("A previous attack in Suffolk killed two.", 1.0),
    ("Previous MVD outbreaks in the region occurred in Suffolk (2017) and Kherson (2025).", 1.0),
    ("Past floods in Suffolk killed thousands of birds.", 1.0),
    ("Last summer, fires in Suffolk burned 300 hectares.", 1.0),
    ("The state's last sizable outbreak, in Suffolk, sickened nine people.", 1.0),
    ("Last night's attack in Suffolk killed two.", 0.0),  # "last" as a date: the story's own attack
    ("Prior to the floods, a dam in Suffolk burst.", 0.0),  # the story's floods
    ("In the past, floods in Suffolk killed thousands of birds.", 1.0),
    ("Two days earlier, floods in Suffolk killed thousands of birds.", 1.0),
    ("A week earlier, floods in Suffolk killed thousands of birds.", 1.0),
    ("On the previous day, floods in Suffolk killed thousands of birds.", 1.0),
    ("Floods in Suffolk killed birds twice in the past decade.", 1.0),
    ("The company has reported several fires in recent years, including at Suffolk.", 1.0),
    ("Floods in Suffolk killed 40 birds in the past 24 hours.", 0.0),  # a span that ends now: the story's time
    ("Cholera in Suffolk has killed 1,200 people in the past three months.", 0.0),
    ("Floods in Suffolk killed birds in the past couple of days.", 0.0),
])
def test_background_in_the_past_and_earlier(text, expected):
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk")) == expected


@pytest.mark.parametrize("text", [
    "Thousands marched in Suffolk on Wednesday for the people killed in protests earlier this year.",
    "A court on Thursday jailed a bar owner over a fire that killed five in Suffolk in 2006.",
])
def test_a_sentence_of_the_storys_own_day_is_no_background(text):
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk", date="2007-02-03")) == 0.0


def test_the_incident_is_an_event_word():
    # "The incident took place about 25 nautical miles west of the port town of Mokha"
    f = facts_of("The incident took place about 25 nautical miles west of the port town of Kherson.", "Kherson")
    assert MENTION_EVIDENCE["event_clause"](f) == 1.0


def test_ramming_ploughing_martyred_and_overflowing_are_events():
    for text in ("A tanker rammed into a row of shops at Kherson.", "A lorry ploughed into a market in Kherson.",
                 # the South Asian press's word for soldiers killed; an improvised explosive device
                 "Four soldiers were martyred near Kherson.", "An IED went off on the outskirts of Kherson.",
                 # a river bursting its banks (Ethiopia's "the Awash River … to overflow across Afar region")
                 "Heavy rains caused the river to overflow across Kherson."):
        assert MENTION_EVIDENCE["event_clause"](facts_of(text, "Kherson")) == 1.0, text


def test_marched_is_an_event_and_march_the_month_none():
    assert MENTION_EVIDENCE["event_clause"](facts_of("Thousands marched through Suffolk.", "Suffolk")) == 1.0
    assert MENTION_EVIDENCE["event_clause"](facts_of("In March the mayor of Suffolk spoke.", "Suffolk")) == 0.0


def test_background_from_the_articles_year():
    text = "Birds died in Suffolk in 2006."
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk", date="2007-02-03")) == 1.0
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk", date="2006-05-03")) == 0.0


@pytest.mark.parametrize("text, background", [
    ("The deadliest disaster, a 2004 mine fire in Suffolk, killed 301 miners.", True),  # another, earlier event
    ("A 1996 Oldsmobile crashed into a shop in Suffolk.", False),  # a model year
    ("Floods killed two in Suffolk, the worst since the 2004 floods.", False),  # compared with the story's own
])
def test_a_year_after_a_is_a_date_when_an_event_follows(text, background):
    assert MENTION_EVIDENCE["background"](facts_of(text, "Suffolk", date="2007-02-03")) == float(background)


@pytest.mark.parametrize("text", [
    "A boat capsized off Suffolk in 2006, killing three, a coroner has found.",  # an inquest
    "A man who set fire to a barn in Suffolk in 2006 went on trial in Weybridge.",
])
def test_a_trial_or_inquest_dates_the_storys_own_incident(text):
    # the story is the aftermath of the incident it dates: that year is no other time's
    f = facts_of(text, "Suffolk", date="2007-02-03")
    assert MENTION_EVIDENCE["background"](f) == 0.0 and f.event_in_clause
    assert pick(text, date="2007-02-03").mention.surface == "Suffolk"


@pytest.mark.parametrize("text, date, background", [
    ("In July, a bombing in al-Bab killed 30.", "2021-10-27", True),  # another month
    ("A teenager drowned near al-Bab on July 1.", "2023-07-16", True),  # over a week before
    ("Gunmen attacked al-Bab on Oct. 25, killing two.", "2021-10-27", False),  # the story's week
    ("On Dec. 30 a fire in al-Bab killed two.", "2022-01-04", False),  # last year's December 30, in the week
    ("Last December a fire in al-Bab killed two.", "2022-01-04", True),
    ("In July, a bombing in al-Bab killed 30.", "", False),  # no date to tell
    ("Floods hit al-Bab on Tuesday, as in July.", "2021-10-27", False),  # the story's own day
    ("In March the shelling of al-Bab went on.", "2021-03-20", False),
    # a span from a date up to the story is the story's: "cases … since the first were found in September"
    ("Doctors recorded 241 cases in al-Bab since the first were detected there in September.", "2023-11-24",
     False),
])
def test_background_from_a_calendar_date_outside_the_storys_week(text, date, background):
    f = facts_of(text, "al-Bab", date=date)
    assert MENTION_EVIDENCE["background"](f) == float(background)


@pytest.mark.parametrize("text, background", [
    # a date sets the time of its own clause: the sentence names September (the story's week), the
    # relative clause July
    ("The violence erupted in September between two factions, whose leader was arrested in July after "
     "landing near al-Bab.", True),
    ("Gunmen killed five in Aleppo on Tuesday, weeks after a bombing in al-Bab in July.", True),
    ("Gunmen attacked al-Bab on Tuesday, weeks after a bombing in Aleppo in July.", False),
    ("Gunmen attacked al-Bab in September, weeks after a bombing in Aleppo in July.", False),
])
def test_a_date_sets_the_time_of_its_own_clause(text, background):
    assert MENTION_EVIDENCE["background"](facts_of(text, "al-Bab", date="2024-10-02")) == float(background)


@pytest.mark.parametrize("text, background", [
    # what follows "after" behind a span of days or more is an earlier event, to the sentence's end
    ("Police raided a compound in Aleppo on Tuesday, five days after a suicide bomber rammed a checkpost in "
     "al-Bab.", True),
    ("Two were killed in Aleppo, months after gunfire erupted at a parade in al-Bab, when a train crashed.", True),
    ("Gunmen attacked al-Bab on Tuesday, five days after a bombing in Aleppo.", False),
    # ... when an event stands before it: the story's reaction to an event is that event's story
    ("Syria mourned on Monday, weeks after an explosion killed 11 people in al-Bab.", False),
    ("Syria mourned on Monday, a day after an explosion killed 11 people in al-Bab.", False),
    # hours are the story's own time; and an "after" clause with the story's own day may be the story
    ("A second bomb hit Aleppo hours after the first blast killed two in al-Bab.", False),
    ("Police said on Wednesday, two days after gunmen attacked al-Bab on Monday, that five were held.", False),
    # what "comes" after it, the story's subject, puts it before, event word or not
    ("It comes nine months after the country's worst rail disaster, when a train ploughed into a freight train "
     "near al-Bab.", True),
    ("The approval came days after a donors' conference in al-Bab pledged support.", True),
])
def test_what_follows_a_span_and_after_is_another_time(text, background):
    assert MENTION_EVIDENCE["background"](facts_of(text, "al-Bab", date="2024-10-02")) == float(background)


@pytest.mark.parametrize("lead, background", [
    # the lead dates the story's own event to a month before its week: a date of that month is the event's
    ("A signalling error caused December's collision near Aleppo that killed 14, an inquiry has found.", False),
    ("An inquiry blamed the police on Thursday for a stampede in Aleppo in December that killed 11.", False),
    # ... not a month of another event, nor of a lead that tells of none
    ("An inquiry blamed the police on Thursday for a stampede in Aleppo in November that killed 11.", True),
    ("An inquiry into December's budget was opened on Thursday.", True),
])
def test_a_date_in_the_month_the_lead_gives_the_event_is_the_events(lead, background):
    text = lead + " The train was routed onto a loop line at a station just outside al-Bab on December 17."
    f = facts_of(text, "al-Bab", date="2024-03-08")
    assert MENTION_EVIDENCE["background"](f) == float(background)


def test_a_finer_place_of_another_time_leaves_its_region_alone():
    # "earthquakes in October … destroyed villages in Zindajan": no reason to prefer the town to the district
    text = ("A quake struck Aleppo province on Monday, killing 12. It was centred in al-Bab district. "
            "Earthquakes in October destroyed whole villages in al-Rai.")
    a = analyse(text, mentions(text), date="2023-11-21")
    district = [c for c in a.candidates if c.level == 2]
    assert district and district[0].contains_other == 0.5


def test_a_district_does_not_contain_its_own_town():
    # "the Gimbi district" and "the killings in Gimbi": one place read at two levels, not a finer place in it
    text = "Gunmen killed 34 in the al-Bab district on Tuesday. Rights groups condemned the killings in al-Bab."
    a = analyse(text, mentions(text), date="2023-11-21")
    district = [c for c in a.candidates if c.level == 2]
    assert district and district[0].contains_other == 0.0
    assert pick(text, date="2023-11-21").mention.place is AL_BAB


def test_dateline_is_its_own_thing():
    text = "MOSCOW (Sputnik) — An airstrike killed three soldiers in al-Bab."
    a = analyse(text, mentions(text))
    assert a.dateline.startswith("Moscow")
    f = facts_of(text, "MOSCOW")
    assert MENTION_EVIDENCE["dateline"](f) == 1.0
    assert MENTION_EVIDENCE["event_sentence"](f) == 0.0  # a header, not a word of the sentence
    ch = choose(a)
    assert ch.mention.surface == "al-Bab" and ch.located_by == LABELS["event"]


def test_dateline_only():
    text = "MOSCOW (Sputnik) — The government met on Tuesday to discuss the budget."
    ch = pick(text)
    assert ch.mention.surface == "MOSCOW" and ch.located_by == LABELS["dateline"]


def test_a_dateline_says_nothing_of_where_in_its_country():
    # "crashed in Russia, without saying where": the story was filed in the capital, the crash is the country's
    text = "MOSCOW (Reuters) — A military plane crashed in Russia on Thursday, the army said, without saying where."
    assert candidate(text, "Russia").contains_other == 0.5  # it holds the dateline, no event place
    assert pick(text).mention.surface == "Russia"


def test_all_caps_dateline_without_agency():
    a = analyse("KYIV — Officials met.", mentions("KYIV — Officials met."))
    assert a.dateline_end > 0


def test_lead_and_title():
    text = "Floods in Kherson\n\nWater rose in Kherson on Monday.\nA second sentence.\nA third. A fourth. Kyiv sent aid."
    f = facts_of(text, "Kherson")
    assert MENTION_EVIDENCE["title"](f) == 1.0 or MENTION_EVIDENCE["lead"](f) == 1.0
    assert MENTION_EVIDENCE["lead"](facts_of(text, "Kyiv")) == 0.0


def test_a_home_in_the_title_is_not_named_there():
    """ "Kherson man dies after …" in a record's title says whose, as "a Kherson man" in the text does: the
    place is not named in the title, by its identity nor by its words."""
    text = "A Kherson man died when his truck overturned near al-Bab on Monday."
    title = "Kherson man dies after truck overturns"
    title_mentions = [M(0, 7, "Kherson", "place", PLACES["Kherson"])]
    f = facts_of(text, "Kherson", title=title, title_mentions=title_mentions)
    assert MENTION_EVIDENCE["title"](f) == 0.0 and f.residence
    other = "Kherson shelled again as talks stall"
    f = facts_of(text, "Kherson", title=other, title_mentions=title_mentions)
    assert MENTION_EVIDENCE["title"](f) == 1.0
    assert pick(text, title=title, title_mentions=title_mentions).mention.surface == "al-Bab"


def test_a_road_end_in_the_title_is_not_named_there():
    # "Gunmen ambush bus on Juba-Yei road": the title says the event was on the road, at neither end
    text = "Gunmen ambushed a bus near al-Bab on Tuesday, officials in Kherson said."
    title = "Gunmen ambush bus on Kherson-Zaporizhzhia road"
    title_mentions = [M(21, 28, "Kherson", "place", PLACES["Kherson"])]
    assert MENTION_EVIDENCE["title"](facts_of(text, "Kherson", title=title, title_mentions=title_mentions)) == 0.0
    other = "Gunmen ambush bus in Kherson"
    title_mentions = [M(21, 28, "Kherson", "place", PLACES["Kherson"])]
    assert MENTION_EVIDENCE["title"](facts_of(text, "Kherson", title=other, title_mentions=title_mentions)) == 1.0


def test_a_record_title_names_a_place_by_its_identity_not_only_its_words():
    """A title of its own ("… across Syria's north") counts for the text's mentions of the same place,
    whatever words the text uses; a demonym in the title ("Russian jets …") names no place."""
    text = "Shelling hit al-Bab and Moscow denied it. Russia said nothing."
    title_mentions = [M(0, 6, "Al Bab", "place", AL_BAB), M(10, 17, "Russian", "demonym", RUSSIA)]
    title = "Al Bab: Russian jets accused"
    f = facts_of(text, "al-Bab", title=title, title_mentions=title_mentions)
    assert MENTION_EVIDENCE["title"](f) == 1.0
    assert MENTION_EVIDENCE["title"](facts_of(text, "al-Bab", title=title)) == 0.0  # by its words, "al bab" ≠ "al-bab"
    assert MENTION_EVIDENCE["title"](facts_of(text, "Russia", title=title, title_mentions=title_mentions)) == 0.0
    # a title that is the text's own first line is read from the text
    own = "Al Bab: Russian jets accused\n\nShelling hit al-Bab."
    assert MENTION_EVIDENCE["title"](facts_of(own, "al-Bab", title=title, title_mentions=title_mentions)) == 0.0


def test_a_text_in_capitals_or_lower_case_reads_its_names_from_the_mentions():
    """Capitals say nothing in an all-caps wire or a lower-case chat: the text is read as prose with its
    mentions for names (``textfacts.recased``), so that "AL-BAB, IN SYRIA'S ALEPPO PROVINCE" is al-Bab
    named with its region, and "A KHERSON MAN" where someone lives, as in cased text."""
    for text in ("SHELLING HIT AL-BAB, IN SYRIA'S ALEPPO PROVINCE.", "shelling hit al-bab, in syria's aleppo province."):
        found = [M(13, 19, text[13:19], "place", AL_BAB), M(24, 29, text[24:29], "place", SYRIA),
                 M(32, 38, text[32:38], "place", ALEPPO_GOV)]
        a = analyse(text, found)
        assert a.text == text  # the analysis keeps the text as written
        assert next(c for c in a.candidates if c.place is AL_BAB).qualified, text
    # its months too, so that their dates are read: April is months before the story's week
    for text in ("IN APRIL, A BLAST NEAR KHERSON KILLED TWO.", "in april, a blast near kherson killed two."):
        found = [M(28, 35, text[28:35], "place", KHERSON)]
        a = analyse(text, found, date="2025-08-10")
        assert a.candidates[0].facts[0].background, text
        assert not analyse(text, found, date="2025-04-20").candidates[0].facts[0].background, text
    for text in ("A BLAST HIT KYIV ON MONDAY. A KHERSON MAN WAS HURT.", "a blast hit kyiv on monday. a kherson man was hurt."):
        found = [M(12, 16, text[12:16], "place", KYIV), M(30, 37, text[30:37], "place", KHERSON)]
        kherson = next(f for c in analyse(text, found).candidates for f in c.facts if f.mention is found[1])
        assert kherson.residence and kherson.sentence.index == 1, text


def test_a_natural_feature_of_several_countries_is_vague_as_a_country():
    """"the Bolivian Amazon department of Beni": the river is the incident only when nothing finer is."""
    amazon = Place(9999, "Amazon", -3.0, -60.0, "H", "STM", "", "", "", "", "", "", 0)
    PLACES["Amazon"] = amazon
    try:
        text = "A plane crashed in the Amazon near Kherson."
        assert PLACE_EVIDENCE["country"](candidate(text, "Amazon")) == 1.0
        assert PLACE_EVIDENCE["country"](candidate(text, "Kherson")) == 0.0
        assert pick(text).mention.surface == "Kherson"
    finally:
        del PLACES["Amazon"]


def test_a_town_is_no_qualifier_of_the_river_it_stands_on():
    """"in the River Tay in Perth": the town says where on the river, it does not say where the river is."""
    tay = Place(9998, "Tay River", 56.72, -3.95, "H", "STM", "GB", "United Kingdom", "SCT", "", "", "", 0)
    perth = Place(9997, "Perth", 56.40, -3.43, "P", "PPLA2", "GB", "United Kingdom", "SCT", "", "", "", 47_000)
    PLACES.update({"River Tay": tay, "Perth": perth})
    try:
        text = "A man drowned in the River Tay in Perth on Saturday."
        assert MENTION_EVIDENCE["qualifier"](facts_of(text, "Perth")) == 0.0
        assert pick(text).mention.surface == "Perth"
    finally:
        del PLACES["River Tay"], PLACES["Perth"]


def test_a_participle_naming_people_is_no_event():
    """"The injured were taken to hospitals in Kyiv": the people hurt, not an event in Kyiv."""
    for text in ("Shelling hit Kherson. The injured were taken to hospitals in Kyiv.",
                 "Shelling hit Kherson. The wounded, among them two children, were flown to Kyiv."):
        f = facts_of(text, "Kyiv")
        assert not (f.event_in_clause or f.event_in_sentence), text
    # a participle before the people it describes
    f = facts_of("Shelling hit Kherson. Eleven seriously injured passengers were flown to hospitals in Kyiv.", "Kyiv")
    assert not (f.event_in_clause or f.event_in_sentence)
    # an event noun after "the" stays one, and so does a verb before its object
    assert facts_of("The shelling was heavy in Kyiv on Monday.", "Kyiv").event_in_clause
    assert facts_of("An airstrike killed soldiers in Kyiv on Monday.", "Kyiv").event_in_clause


def test_an_event_word_naming_a_building_is_no_event():
    """"a detention center in Kyiv", "the fire station in Kyiv": a building, not an event there."""
    for text in ("Shelling hit Kherson. The men were taken to a detention center in Kyiv.",
                 "Shelling hit Kherson. Volunteers met at the fire station in Kyiv.",
                 "Shelling hit Kherson. An investigator from the Office of the Fire Commissioner in Kyiv will help."):
        f = facts_of(text, "Kyiv")
        assert not (f.event_in_clause or f.event_in_sentence), text
        assert pick(text).mention.surface == "Kherson"


def test_an_event_word_naming_a_hazard_is_no_event():
    """"avalanche danger across the Alps", "a flood warning for Kyiv": where an event may come, not where one came."""
    for text in ("An avalanche killed two near Kherson. Avalanche danger rose across Kyiv on Sunday.",
                 "Floods killed two in Kherson. Forecasters issued a flood warning for Kyiv.",
                 "A wildfire burned homes in Kherson. The fire season in Kyiv starts in May."):
        f = facts_of(text, "Kyiv")
        assert not f.event_in_clause, text
        assert pick(text).mention.surface == "Kherson"


def test_an_event_reacted_to_is_no_event_there():
    """"In Kyiv, the minister condemned the attack": where the reaction was, not the attack."""
    for text in ("Shelling hit Kherson. In Kyiv, the minister condemned the attack.",
                 "Shelling hit Kherson. Crowds in Kyiv mourned the victims of Tuesday's bombing.",
                 # "The Uttarakhand chief minister, who was in Dehradun, expressed grief over the accident"
                 "A bus fell into a river near Kherson. The minister, who was in Kyiv, expressed grief over the "
                 "accident.",
                 "Shelling hit Kherson. The mayor of Kyiv sent condolences for the victims."):
        f = facts_of(text, "Kyiv")
        assert not (f.event_in_clause or f.event_in_sentence), text
        assert pick(text).mention.surface == "Kherson"
    # the place after the event word is the event's: "condemned the attack in Kherson"
    assert facts_of("The minister condemned the attack in Kherson on Monday.", "Kherson").event_in_clause
    # local police investigating a death are at its scene
    assert facts_of("Kyiv police continue to investigate the death.", "Kyiv").event_in_clause


def test_worst_hit():
    text = "A cyclone hit the coast on Sunday. Zaporizhzhia had three deaths. Kherson has been the worst affected."
    assert MENTION_EVIDENCE["worst_hit"](facts_of(text, "Kherson")) == 1.0
    assert MENTION_EVIDENCE["worst_hit"](facts_of(text, "Zaporizhzhia")) == 0.0
    text = "A cyclone hit the coast on Sunday: Zaporizhzhia had three deaths, and Kherson was the worst affected."
    assert pick(text).mention.surface == "Kherson"
    assert MENTION_EVIDENCE["worst_hit"](facts_of("Shelling hit the hardest-hit town of Kherson.", "Kherson")) == 1.0


@pytest.mark.parametrize("text, most", [
    # most of the toll: "Floods have killed 53 people in Niger since June, 41 of them in the southern region of Maradi"
    ("Floods have killed 53 people since June, 41 of them in the southern region of Kherson.", True),
    ("Floods have killed 53 people since June, most of them in Kherson.", True),
    ("Floods drove 100,000 from their homes, most of them in the town of Kherson.", True),
    ("In 2024 floods killed 53 people, 41 of them in Kherson.", True),  # a year is no toll
    ("Floods have killed 53 people since June, the majority of the victims in Kherson.", True),
    ("Floods have killed 53 people since June, 12 of them in Kherson.", False),  # a share, not most
    ("Floods have killed 53 people since June, including some in Kherson.", False),
])
def test_worst_hit_by_most_of_the_toll(text, most):
    assert MENTION_EVIDENCE["worst_hit"](facts_of(text, "Kherson")) == float(most)


def test_qualifier():
    f = facts_of("Clashes near al-Bab, Aleppo, left two dead.", "Aleppo")
    assert MENTION_EVIDENCE["qualifier"](f) == 1.0


@pytest.mark.parametrize("text, surface", [
    ("The Kherson Fire Department said the blaze was out.", "Kherson"),
    ("Police in Kherson say a man died after a stabbing.", "Kherson"),
    ("The Kherson police said two were killed.", "Kherson"),
    # the emergency services of a town ("Paris emergency personnel found him lying in the southbound lane")
    ("He died in hospital hours after Kherson emergency personnel found him lying on the road.", "Kherson"),
    ("Paramedics in Kherson treated two people after the crash.", "Kherson"),
])
def test_responder(text, surface):
    f = facts_of(text, surface)
    assert MENTION_EVIDENCE["responder"](f) == 1.0
    assert MENTION_EVIDENCE["attribution"](f) == 0.0  # a local agency speaks of its own area


def test_the_police_of_a_regional_seat_speak_for_the_region():
    text = "Gunmen killed two farmers outside Shebekino on Monday. Police in Belgorod, the regional capital, " \
           "confirmed the attack."
    assert not any(f.responder for f in candidate(text, "Belgorod").facts)
    assert pick(text).mention.surface == "Shebekino"
    # alone, they answer at their own scene
    assert facts_of("Gunmen killed two farmers, police in Belgorod said.", "Belgorod").responder


def test_no_responder_for_a_region_or_a_plain_mention():
    assert MENTION_EVIDENCE["responder"](facts_of("Police in Aleppo said two were killed.", "Aleppo")) == 0.0
    assert MENTION_EVIDENCE["responder"](facts_of("Shelling hit Kherson, police said.", "Kherson")) == 0.0


@pytest.mark.parametrize("text, surface", [
    ("The wounded were taken to the regional hospital in Zaporizhzhia.", "Zaporizhzhia"),
    ("She died later in a Kherson hospital.", "Kherson"),
    ("Two were treated at Zaporizhzhia Regional Medical Center.", "Zaporizhzhia"),
    ("The victims were laid to rest at a mass burial in Zaporizhzhia.", "Zaporizhzhia"),
    ("Mourners gathered for a funeral in Kherson on Saturday.", "Kherson"),
])
def test_care(text, surface):
    assert MENTION_EVIDENCE["care"](facts_of(text, surface)) == 1.0


def test_burial_loses_to_the_scene():
    text = ("Thousands mourn as victims of Kherson attacks are buried in Zaporizhzhia\n"
            "Thousands of mourners sang on Saturday as the bodies of 30 people killed in attacks on Kherson were "
            "laid to rest at a mass burial in Zaporizhzhia. Relatives said the burial was held in Zaporizhzhia "
            "because Kherson remained unsafe.")
    assert pick(text).mention.surface == "Kherson"


def test_a_persons_hometown_takes_no_part_in_their_events():
    # "a Kherson man was arrested": the arrest is the man's; the dateline's store robbery is the story's
    text = "MOSCOW — A clerk was shot during a store robbery, and a Kherson man was arrested hours later."
    f = facts_of(text, "Kherson")
    assert f.residence and not (f.event_in_clause or f.event_in_sentence)
    assert pick(text).mention.surface == "MOSCOW"


def test_hospital_loses_to_the_scene():
    text = "Shelling killed two in Kherson. The wounded were taken to the regional hospital in Zaporizhzhia."
    assert pick(text).mention.surface == "Kherson"


@pytest.mark.parametrize("text", [
    "An explosion 20 km north of Zaporizhzhia was heard.",
    "A bomb struck a patrol about 50 kilometers (30 miles) north of Zaporizhzhia.",
    "The village lies 12 miles from Zaporizhzhia.",
    "A wildfire forced the evacuation of villages north of Zaporizhzhia.",
    "The fire broke out just south-east of the city of Zaporizhzhia.",
])
def test_reference(text):
    assert facts_of(text, "Zaporizhzhia").reference  # what the words say (it may yet be the best estimate)


def test_a_reference_point_stands_in_for_a_place_found_nowhere():
    # the guide: "a village near the town of X" whose village no gazetteer has is X
    text = "Gunmen killed five in the village of Kweik, about 15 km (9 miles) north of Kherson."
    assert facts_of(text, "Kherson").estimate and MENTION_EVIDENCE["reference"](facts_of(text, "Kherson")) == 0.0
    text = "Gunmen killed five in al-Rai, about 15 km (9 miles) north of Kherson."
    assert facts_of(text, "Kherson").reference and pick(text).mention.surface == "al-Rai"


def test_the_district_holding_a_reference_point_is_not_what_it_locates():
    # "in a village 10 km from Rajula in Amreli district": the village is near Rajula, and "the district" holds both
    amreli = place(1279064, "Amreli", "ADM2", cc="IN", admin1="09", admin2="AM", lat=21.5, lon=71.2)
    rajula = place(1258662, "Rājula", "PPL", cc="IN", admin1="09", admin2="AM", lat=21.04, lon=71.44)
    text = ("A lion attacked and killed a boy who was sleeping outside his hut in a village 10 km from Rajula in "
            "Amreli district late on Wednesday, forest officials said. Villagers found the body near the Amreli district "
            "road, where the lion had dragged him.")
    found = sorted((M(m.start(), m.end(), m.group(), "place", {"Rajula": rajula, "Amreli": amreli}[m.group()])
                    for m in re.finditer("Rajula|Amreli", text)), key=lambda m: m.start)
    a = analyse(text, found)
    f = next(f for c in a.candidates for f in c.facts if f.mention.surface == "Rajula")
    assert f.reference and f.estimate  # (the best estimate of where it happened, no reference point counted against)
    assert choose(a).mention.surface == "Rajula"


def test_another_incident_of_the_story():
    text = "Shelling killed two in Kherson on Monday. Separately, an airstrike killed five in al-Bab."
    assert MENTION_EVIDENCE["separate"](facts_of(text, "al-Bab")) == 1.0
    assert MENTION_EVIDENCE["separate"](facts_of(text, "Kherson")) == 0.0
    text = "Shelling hit Kherson. Elsewhere in the region, an airstrike killed five in al-Bab."
    assert facts_of(text, "al-Bab").separate and pick(text).mention.surface == "Kherson"
    assert [i.mention.surface for i in every_incident(analyse(text, mentions(text)))] == ["Kherson", "al-Bab"]


def test_a_reference_point_with_nothing_it_locates_is_the_best_estimate():
    # "a desert highway about 40 km south of Ouargla": nothing named is there, so it is Ouargla (precision 2)
    text = ("MOSCOW (Reuters) - A bus crashed on a desert highway about 40 km (25 miles) south of Kherson, killing "
            "13. Flames spread fast. Prosecutors opened an inquiry. "
            "The president sent condolences to the victims' families in a message published in Moscow.")
    f = facts_of(text, "Kherson")
    assert f.reference and f.estimate and MENTION_EVIDENCE["reference"](f) == 0.0
    assert pick(text).mention.surface == "Kherson" and pick(text).precision == 2
    # a town near it with its own event evidence is what it locates
    text = "Shelling killed two in al-Bab, about 30 km north of Aleppo city. Aleppo was quiet."
    assert MENTION_EVIDENCE["reference"](facts_of(text, "Aleppo")) == 1.0


def test_a_fronted_place_of_a_statement_is_attributed():
    text = "In Aleppo, the disaster authority said floods had killed 41 people across the country."
    assert MENTION_EVIDENCE["attribution"](facts_of(text, "Aleppo")) == 1.0
    # ... not when the event comes first: "In Aleppo, shelling killed two, officials said"
    text = "In Aleppo, shelling killed two people, officials said."
    assert MENTION_EVIDENCE["attribution"](facts_of(text, "Aleppo")) == 0.0


def test_an_agency_speaks_from_its_seat():
    text = ("The river flooded al-Bab on Thursday. The river crested at noon, according to the National Weather "
            "Service in Aleppo.")
    assert MENTION_EVIDENCE["attribution"](facts_of(text, "Aleppo")) == 1.0
    assert pick(text).mention.surface == "al-Bab"


def test_a_service_held_at_a_place_is_no_agency():
    # "service" is an agency's word ("the National Weather Service in Aleppo") and a rite's ("Sunday service")
    text = "Gunmen stormed a church during Sunday service in al-Bab and abducted 40 worshippers, residents said."
    assert MENTION_EVIDENCE["attribution"](facts_of(text, "al-Bab")) == 0.0
    assert facts_of("The weather service in al-Bab said a storm hit the church.", "al-Bab").attribution


@pytest.mark.parametrize("route", [
    "on the road between al-Bab and al-Rai",
    "on the road linking the towns of al-Bab and al-Rai",  # (Mali's "the road linking the towns of Gao and Ansongo")
    "on the road connecting al-Bab and al-Rai",
    "carrying traders from al-Bab to al-Rai",  # (South Sudan's "the bus, carrying traders from Juba to Yei")
    # (a capital named first, a bearing before the second end: "as the six workers drove from the capital, Juba,
    # northeast to Pibor")
    "as they drove from the provincial capital, al-Bab, northeast to al-Rai",
])
def test_the_ends_of_a_route_are_reference_points(route):
    # the guide: an event on a route between two places is in the smallest named area holding the route
    text = f"Gunmen ambushed a convoy {route} in Aleppo province, killing five."
    for end in ("al-Bab", "al-Rai"):
        f = facts_of(text, end)
        assert f.reference and not (f.event_in_clause or f.event_in_sentence)
    assert pick(text).mention.surface == "Aleppo"
    assert not facts_of("Gunmen killed five in al-Bab and al-Rai.", "al-Bab").reference


@pytest.mark.parametrize("route", ["between Sevare and al-Rai", "between al-Rai and Sevare",
                                   # in text without case, when the text says they are towns: "between the towns of
                                   # dori and sebba" (Sebba unfound)
                                   "between the towns of sevare and al-Rai", "between the towns of al-Rai and sevare"])
def test_a_routes_end_counts_when_the_other_end_is_unknown(route):
    # "on the road between Sevare and Bandiagara in Mali's central Mopti region": Sévaré is not found
    text = f"A bus struck a bomb on the road {route} in Aleppo province, killing 17."
    f = facts_of(text, "al-Rai")
    assert f.reference and not (f.event_in_clause or f.event_in_sentence)
    assert pick(text).mention.surface == "Aleppo"


def test_the_area_named_after_a_route_is_where_it_happened():
    # "ambushed a supply convoy travelling between the towns of Dori and Sebba in the country's north-eastern Sahel
    # region … Wounded soldiers were evacuated by helicopter to Dori": the region that holds the route
    text = ("Gunmen ambushed a convoy travelling between the towns of al-Bab and al-Rai in Aleppo province on Monday, "
            "the army said. Wounded soldiers were evacuated to al-Bab.")
    assert pick(text).mention.surface == "Aleppo"
    assert candidate(text, "Aleppo").spread_over
    # a point on the route the sentence names is finer
    text = "A bus struck a bomb on the road between al-Bab and al-Rai in Aleppo province near Kherson, killing 17."
    assert pick(text).mention.surface == "Kherson"
    assert not candidate(text, "Aleppo").spread_over
    # an area far after the ends, or that does not hold them, is no route's
    text = ("Gunmen ambushed a convoy travelling between the towns of al-Bab and al-Rai, which the army had secured "
            "after weeks of fighting with rebel units, in Aleppo province. Wounded soldiers were evacuated to al-Bab.")
    assert not candidate(text, "Aleppo").spread_over
    text = "Gunmen ambushed a convoy travelling between the towns of Kherson and Kyiv in Aleppo province on Monday."
    assert not candidate(text, "Aleppo").spread_over
    # the country, when the text names no smaller area ("the highway between Yazd and Kerman in Iran")
    text = "A bus overturned on the highway between al-Bab and al-Rai in Syria late on Wednesday, killing 17."
    assert pick(text).mention.surface == "Syria"
    # ... and not a country whose possessive names a smaller area, found or not ("… in Libya's southwestern Fezzan
    # region"), nor when an end is the area itself ("between Potosí and Uyuni in Bolivia's Potosí department")
    text = "A bus overturned on the highway between al-Bab and al-Rai in Syria's Fezzan region, killing 17."
    assert not candidate(text, "Syria").spread_over
    text = "A bus overturned on the highway between Aleppo and al-Rai in Syria's Aleppo province, killing 17."
    assert pick(text).mention.surface == "Aleppo" and candidate(text, "Aleppo").spread_over
    # ... but the smallest area named ("between Gao and Ansongo in northern Mali's Gao region")
    text = "A bus struck a bomb on the road between al-Bab and al-Rai in Syria's Aleppo province, killing 17."
    assert pick(text).mention.surface == "Aleppo"
    assert not candidate(text, "Syria").spread_over


def test_a_title_names_a_region_by_its_bare_name():
    # "Farmer killed in landmine blast while clearing land in Mullaitivu" over "… on their land in the Mullaitivu
    # District": titles drop the level word the text writes
    text = ("KYIV — A farmer was killed when a landmine exploded on his land in the Aleppo Governorate on Sunday, "
            "police said.")
    at = text.index("Aleppo Governorate")
    found = mentions(text) + [M(at, at + 18, "Aleppo Governorate", "place", ALEPPO_GOV)]
    found = sorted((m for m in found if m.surface != "Aleppo"), key=lambda m: m.start)

    def in_title(title):
        a = analyse(text, found, title=title)
        return next(f for c in a.candidates for f in c.facts if f.mention.surface == "Aleppo Governorate").in_title

    assert in_title("Farmer killed by landmine in Aleppo")
    assert not in_title("Farmer killed by landmine")
    assert not in_title("Farmer killed by landmine in Aleppos")


@pytest.mark.parametrize("text", [
    "A fuel tanker exploded at al-Rai on the Kherson-Zaporizhzhia highway, killing nine.",
    "A fuel tanker exploded at al-Rai on the Kherson–Zaporizhzhia road, killing nine.",
    "A fuel tanker exploded at al-Rai on the Kherson-Zaporizhzhia national highway, killing nine.",
    # (the British word: "an intercity bus overturned on the Ankara-Niğde motorway in … Aksaray province")
    "A fuel tanker exploded at al-Rai on the Kherson-Zaporizhzhia motorway, killing nine.",
])
def test_the_ends_of_a_road_named_for_two_towns_are_reference_points(text):
    for end in ("Kherson", "Zaporizhzhia"):
        f = facts_of(text, end)
        assert f.reference and not (f.event_in_clause or f.event_in_sentence)
    assert pick(text).mention.surface == "al-Rai"
    # a road named for one town is a road's name, not a route's end: its event word still counts
    assert facts_of("A fuel tanker exploded on Kherson Road, killing nine.", "Kherson").event_in_clause


@pytest.mark.parametrize("text, ends", [
    ("A bus travelling from al-Bab to Aleppo veered off the road and plunged into a ravine at al-Rai, killing 11.",
     ("al-Bab", "Aleppo")),
    ("An express bus heading to Aleppo from al-Bab overturned near al-Rai, killing two.", ("Aleppo", "al-Bab")),
    ("The night train from al-Bab to Aleppo struck a truck near al-Rai.", ("al-Bab", "Aleppo")),
    ("The convoy was ambushed near al-Rai as it travelled from al-Bab to Aleppo.", ("al-Bab", "Aleppo")),
    # (the end described by its kind: "to the southern city of Adana")
    ("A bus travelling from al-Bab to the northern city of Aleppo swerved into a ditch near al-Rai, killing two.",
     ("al-Bab", "Aleppo")),
])
def test_the_ends_of_a_journey_are_not_where_it_crashed(text, ends):
    for end in ends:
        f = facts_of(text, end)
        assert f.reference and not (f.event_in_clause or f.event_in_sentence)
    assert pick(text).mention.surface == "al-Rai"
    # someone who went to a place after the event may have gone to see it
    f = facts_of("A blast killed five in al-Bab. The minister travelled to al-Bab on Monday.", "al-Bab")
    assert not f.reference


@pytest.mark.parametrize("text", [
    "Shelling hit the north of Zaporizhzhia.",  # a part of it
    "Shelling hit northern Zaporizhzhia.",
    "Shelling hit the far north of Zaporizhzhia.",
])
def test_a_part_is_no_reference(text):
    assert MENTION_EVIDENCE["reference"](facts_of(text, "Zaporizhzhia")) == 0.0


def test_a_reference_point_named_with_its_kind():
    assert facts_of("A ship was hit 25 nautical miles west of the port town of Kherson.", "Kherson").reference
    assert facts_of("Shells fell just west of the border town of Kherson.", "Kherson").reference
    # ... and with the kind before a comma ("about 500 kilometers west of the capital, Kathmandu")
    assert facts_of("The quake struck 500 km east of the capital, Kherson.", "Kherson").reference
    assert facts_of("Shells fell just west of the capital, Kherson, on Monday.", "Kherson").reference


def test_a_reference_point_named_as_a_countrys_capital():
    # "west of Zimbabwe's capital Harare", "40 km north of Iraq's capital Baghdad": the capital is the reference
    text = "A shaft collapsed near al-Bab, west of Russia's capital Moscow, officials said."
    assert facts_of(text, "Moscow").reference and not facts_of(text, "al-Bab").reference
    assert facts_of("Shells fell 40 km north of Ukraine's capital Kyiv.", "Kyiv").reference
    assert pick(text).mention.surface == "al-Bab"


def test_a_reference_point_is_near_it_precision_2():
    ch = pick("An explosion 20 km north of Zaporizhzhia killed two.")
    assert ch.mention.surface == "Zaporizhzhia" and ch.precision == 2


def test_reference_loses_to_the_place_it_locates():
    text = "A roadside bomb struck a patrol near al-Rai, about 50 km north of Ankara, killing four."
    assert pick(text).mention.surface == "al-Rai"


@pytest.mark.parametrize("text", [
    "John Smith, 39, of Kherson was arrested.",
    "A Kherson woman was hurt in the crash.",
    "The car was driven by James Brown of Kherson.",
    "Water expert James Carter, of Kherson, wrote to the company.",  # a comma before "of"
    "The suspect, Ivan Petrenko, 23, of the 3200 block of North Monticello in Kherson, was held.",
    "Arrested was Ivan Petrenko, 44, of 2517 Memphis St., Kherson, police said.",
    "The victim was from a village on Kherson, the coast guard said.",
    "The accused, who is from Kherson, is due in court.",
    "A 23-year-old factory worker originally from Kherson died in the robbery.",
    "Two hikers from Kherson were injured when lightning struck above al-Rai.",  # people from a place
    "A bus carrying pilgrims from Kherson overturned near al-Rai.",
    "A 27-year-old former student from the Kherson region faces the death penalty.",  # an article between
    "Residents from the Kherson region were bused to Kyiv.",
    # where someone grew up ("the victim, a British national who grew up in Ipswich, England, had lived in
    # Australia": another Ipswich than the shooting's)
    "The victim, who grew up in Kherson, was shot at a house in Kyiv.",
    # a person's attribute over one or two words: "an Alton funeral director", "South Philadelphia drug kingpin"
    "An off-duty officer said he robbed Kherson drug kingpin Ivan Petrenko in Kyiv.",
    "A Kherson funeral director has been charged with robbing two banks in Kyiv.",
])
def test_residence(text):
    assert MENTION_EVIDENCE["residence"](facts_of(text, "Kherson")) == 1.0


def test_a_residence_takes_no_event_evidence():
    # the arrest is the person's: "of Kherson" says who, not where
    f = facts_of("Ivan Petrenko, 23, of the 3200 block of North Street in Kherson, was arrested at the scene.",
                 "Kherson")
    assert f.residence and not MENTION_EVIDENCE["event_clause"](f)
    f = facts_of("A man living in Kherson was arrested in Kyiv on Monday.", "Kherson")  # where he lives
    assert f.residence and not MENTION_EVIDENCE["event_clause"](f)
    # ... nor is a police case a patient's: "registered a case against the owner on the complaint of …"
    f = facts_of("Police registered a case against the owner on the complaint of a resident of Kherson.", "Kherson")
    assert f.residence and not MENTION_EVIDENCE["event_clause"](f)


@pytest.mark.parametrize("text", [
    "Officials confirmed a case of Nipah virus infection in a 24-year-old man from Kherson.",
    # the illness told after the home (a health department's "a man from Paris in northeast Texas has been
    # hospitalized with West Nile virus", "a resident of Oxford County has been confirmed to have measles")
    "A 42-year-old man from Kherson has tested positive for the Nipah virus, the health ministry in Kyiv said.",
    "A resident of Kherson has been confirmed to have measles, officials in Kyiv said.",
    "A man from Kherson has been hospitalized in Kyiv with West Nile virus.",
    "Officials recorded a cholera case, a woman living in the northern city of Kherson, the ministry in Kyiv said.",
])
def test_a_patients_home_is_the_place_of_the_case(text):
    # the guide's rule 5: a case of a disease is where the patient lives
    f = facts_of(text, "Kherson")
    assert not f.residence and f.locative and f.event_in_clause
    assert pick(text).mention.surface == "Kherson"


def test_no_residence():
    assert MENTION_EVIDENCE["residence"](facts_of("Shelling hit Kherson.", "Kherson")) == 0.0
    # ... nor over an event's or an agency's word: the shelling's victims and the city's police are there
    assert not facts_of("Two Kherson shelling victims died in hospital.", "Kherson").residence
    assert not facts_of("A Kherson police officer was shot on Monday.", "Kherson").residence
    assert not facts_of("Water flooded a mine in Kherson where 17 workers were trapped.", "Kherson").residence
    # the people of a place are there: "RESIDENTS OF CAIRO WERE TOLD TO STAY INDOORS" after an acid leak
    f = facts_of("Residents of the Kherson region were evacuated after a chemical leak.", "Kherson")
    assert not f.residence and f.event_in_clause
    assert MENTION_EVIDENCE["residence"](facts_of("The University of Kherson was hit.", "Kherson")) == 0.0


def test_laboratory():
    f = facts_of("Samples were tested at the national laboratory in Weybridge.", "Weybridge")
    assert MENTION_EVIDENCE["laboratory"](f) == 1.0
    text = "Bird flu was found at a farm in Suffolk. Samples were tested at the laboratory in Weybridge."
    assert pick(text).mention.surface == "Suffolk"


def test_road():
    assert PLACE_EVIDENCE["road"](candidate("A crash on Kherson Road killed two.", "Kherson")) == 1.0
    assert PLACE_EVIDENCE["road"](candidate("A crash on Kherson 52 killed two.", "Kherson")) == 1.0  # a route
    assert PLACE_EVIDENCE["road"](candidate("A crash on KY 52 near Kherson.", "Kherson")) == 0.0
    text = "A wreck on Kherson Road killed a man, the Zaporizhzhia Police Department reported."
    assert pick(text).mention.surface == "Zaporizhzhia"
    # an address by its block, and the first of two streets with one plural road word
    assert PLACE_EVIDENCE["road"](candidate("A man was shot in the 3200 block of North Kherson.", "Kherson")) == 1.0
    assert PLACE_EVIDENCE["road"](candidate("A main blew at Kherson and Harrison streets.", "Kherson")) == 1.0
    assert PLACE_EVIDENCE["road"](candidate("Fighting in Kherson and Mykolaiv continued.", "Kherson")) == 0.0
    # an agency named after a road's word is no road: "the Oklahoma Highway Patrol", "the Kenya Highways Authority"
    text = "Ice coated much of Kherson on Monday, according to the Kherson Highway Patrol."
    assert PLACE_EVIDENCE["road"](candidate(text, "Kherson")) == 0.0
    # a road named for the two towns it joins
    text = "Gunmen ambushed trucks on the Kherson-Mykolaiv highway."
    assert PLACE_EVIDENCE["road"](candidate(text, "Kherson")) == 1.0
    assert PLACE_EVIDENCE["road"](candidate("Kherson-based gunmen ambushed trucks on a highway.", "Kherson")) == 0.0


def test_passive_subject_of_an_event_verb():
    f = facts_of("The village of al-Rai was shelled overnight.", "al-Rai")
    assert MENTION_EVIDENCE["event_clause"](f) == 1.0
    f = facts_of("Kherson has repeatedly denied the claims.", "Kherson")
    assert MENTION_EVIDENCE["event_clause"](f) == 0.0


def test_a_name_the_text_calls_a_region_is_one():
    text = "Ukrainian shelling of the border town of Shebekino in Russia's Belgorod region killed two civilians."
    a = analyse(text, mentions(text))
    belgorod = next(c for c in a.candidates if c.place == BELGOROD)
    assert belgorod.level == 3 and PLACE_EVIDENCE["coarser"](belgorod) == 1.0
    assert MENTION_EVIDENCE["qualifier"](belgorod.best) == 1.0
    assert choose(a).mention.surface == "Shebekino"
    assert PLACE_EVIDENCE["qualified"](candidate(text, "Shebekino")) == 1.0


@pytest.mark.parametrize("text", ["A raid on the Suffolk refugee camp killed three.",
                                  "Troops entered the Suffolk camp.", "Shelling hit the town of Suffolk."])
def test_a_district_the_text_calls_a_town_or_camp_is_one(text):
    # the geoparser resolved the name to a district (Suffolk); the text says it is a settlement
    assert candidate(text, "Suffolk").level == 1


def test_a_name_that_holds_its_level_word_is_of_that_level():
    # "IN AMBAH TOWN OF MORENA DISTRICT": the district's name holds its level word; "town of" before it is Ambah's
    text = "Four people were shot dead in al-Bab town of Suffolk District on Friday."
    at = text.index("Suffolk District")
    found = sorted(mentions(text) + [M(at, at + 16, "Suffolk District", "place", SUFFOLK)], key=lambda m: m.start)
    found = [m for m in found if m.surface != "Suffolk"]
    suffolk = next(c for c in analyse(text, found).candidates if c.place == SUFFOLK)
    assert suffolk.level == 2


def test_a_region_word_after_a_comma_says_nothing_of_the_place():
    # "near Kherson, state police said": the state's police, not a state called Kherson
    assert candidate("A truck hit a squad car near Kherson, state police said.", "Kherson").level == 1


def test_a_region_before_a_town_word_and_of_is_no_town():
    # "the small eastern Arkansas town of Wynne": the town is Wynne
    assert candidate("Shelling hit the Aleppo town of al-Bab.", "Aleppo").level == 3
    assert candidate("Shelling hit the Suffolk town of Weybridge.", "Suffolk").level == 2


def test_through_is_a_locative():
    assert facts_of("A tornado tore through Kherson on Friday, killing four.", "Kherson").locative


def test_inside_a_region_of_the_event():
    text = "An airstrike killed two in Aleppo province. Later, al-Bab was quiet."
    assert PLACE_EVIDENCE["inside"](candidate(text, "al-Bab")) == 1.0
    assert PLACE_EVIDENCE["inside"](candidate("Talks in Aleppo. Later, al-Bab was quiet.", "al-Bab")) == 0.0


def test_abroad():
    text = ("An airstrike killed two in al-Bab. Aleppo was calm; al-Rai and al-Bab were shelled again. "
            "In Moscow, the ministry denied it.")
    assert PLACE_EVIDENCE["abroad"](candidate(text, "Moscow")) == 1.0
    assert PLACE_EVIDENCE["abroad"](candidate(text, "al-Bab")) == 0.0
    # a country named elsewhere in the text is no longer abroad
    text = text + " Russia said nothing."
    assert PLACE_EVIDENCE["abroad"](candidate(text, "Moscow")) == 0.0
    # a country the title names and the lead's event clause places the event in is what the story is about,
    # however often the company's home is named ("A Canadian miner … killed in a collapse at its mine in Mali")
    text = ("Two killed at Syria mine\n\nTwo workers were killed in a collapse at its mine in Syria, the "
            "Moscow-based miner said. Its shares fell in Moscow. Russia's regulator was told.")
    assert PLACE_EVIDENCE["abroad"](candidate(text, "Syria")) == 0.0
    assert pick(text).mention.place is SYRIA
    text = text.replace("Two workers were killed in a collapse at its mine in Syria", "Syria was named")
    assert PLACE_EVIDENCE["abroad"](candidate(text, "Syria")) == 1.0


def test_road_counts_the_share_of_mentions_naming_a_road():
    text = "A crash on Kherson Road hurt two. Kherson police said the Kherson driver was fine."
    assert 0 < PLACE_EVIDENCE["road"](candidate(text, "Kherson")) < 1


def test_a_continent_when_the_event_is_spread_over_it():
    ch = pick("Bird flu has spread across Europe, killing thousands of birds.")
    assert ch.mention.surface == "Europe" and ch.precision == COUNTRY_PRECISION


@pytest.mark.parametrize("text, unknown", [
    ("A landslide buried 11 houses in Kamituga, 80 km from Kherson, killing six.", "Kamituga"),
    ("Gunmen killed 12 people in the village of Dansadau in Kherson region.", "Dansadau"),
    ("In Kamituga, a landslide buried 11 houses, officials in Kherson said.", "Kamituga"),
    ("A landslide buried 11 houses in Zaporizhzhia, 80 km from Kherson, killing six.", ""),  # a place it found
    ("Shelling killed two in Kherson on Monday, officials said in January.", ""),  # a month
    ("A man was shot dead at Hodgins Avenue in Kherson.", ""),  # a street
    ("Kherson officials met in Parliament on Monday.", ""),  # no event; a common word
])
def test_an_event_place_the_gazetteer_lacks(text, unknown):
    a = analyse(text, mentions(text))
    assert a.unknown_place == unknown
    assert choose(a).unknown_place == unknown


_WORDS = ["in", "near", "at", "the", "village", "of", "Kamituga", "Kherson", "killed", "shelling", "In", "January",
          "Hospital", "Avenue", "and", "Dansadau", "al-Rai", "said", ",", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25))
def test_an_unknown_event_place_is_a_name_of_the_text_that_no_mention_covers(words):
    text = " ".join(words)
    found = mentions(text)
    name = analyse(text, found).unknown_place
    if name:
        at = text.find(name)
        assert at >= 0 and name[0].isupper()
        assert any(not any(m.start < k + len(name) and k < m.end for m in found)
                   for k in range(len(text)) if text.startswith(name, k))


def test_a_place_the_gazetteer_lacks_lowers_the_confidence():
    # placed at Kherson either way, but less surely when the event's own place is a name it does not know
    known = choose(analyse(t := "A landslide buried 11 houses in Zaporizhzhia near Kherson.", mentions(t)))
    lacked = choose(analyse(t := "A landslide buried 11 houses in Kamituga near Kherson.", mentions(t)))
    assert lacked.mention.surface == "Kherson" and lacked.confidence < 0.8 * known.confidence


def test_a_continent_contains_its_countries():
    # countryInfo's continent: Russia is in Europe, Syria is not
    assert candidate("Shelling hit Russia. Talks in Europe.", "Europe").contains_other > 0
    assert candidate("Shelling hit Syria. Talks in Europe.", "Europe").contains_other == 0


def test_the_area_an_event_is_spread_over_is_not_coarser_than_its_parts():
    # "across Europe": the countries are its hot spots, not finer places that outrank it
    text = "Bird flu outbreaks spread across Europe. Dead swans were found in Russia and in Kyiv."
    assert facts_of(text, "Europe").spread
    assert candidate(text, "Europe").contains_other == 0 and pick(text).mention.surface == "Europe"
    # named plainly, the continent is coarser than the country of the event
    text = "Bird flu outbreaks spread in Europe. Dead swans were found in Russia and in Kyiv."
    assert not facts_of(text, "Europe").spread and candidate(text, "Europe").contains_other == 1.0
    assert pick(text).mention.surface != "Europe"
    # one of a list of areas is no area of its own ("throughout Europe, Syria and Russia")
    text = "Outbreaks spread throughout Europe, Syria and Russia. Dead swans were found in Kyiv."
    assert not facts_of(text, "Europe").spread and candidate(text, "Europe").spread_over is False


@pytest.mark.parametrize("text, spread", [
    ("Locusts have invaded large parts of Aleppo, destroying crops.", True),
    ("Locusts have invaded large parts of Syria's Aleppo, destroying crops.", True),
    ("Floods swamped much of Aleppo on Monday.", True),
    ("Gunmen carried out attacks in the rural areas of Aleppo.", False),  # where, not how far
])
def test_parts_of_an_area_spread_the_event_over_it(text, spread):
    assert facts_of(text, "Aleppo").spread is spread


def test_an_area_spread_over_after_the_lead_is_background():
    lead = "Gunmen ambushed a convoy outside al-Bab, killing six. Officers returned fire. Two were wounded. "
    text = lead + "Violence has flared across Aleppo this year."
    assert facts_of(text, "Aleppo").spread and not candidate(text, "Aleppo").spread_over
    assert pick(text).mention.surface == "al-Bab"
    text = "Violence flared across Aleppo on Monday. Gunmen ambushed a convoy outside al-Bab, killing six."
    assert candidate(text, "Aleppo").spread_over


def test_a_possessive_says_where_the_area_lies():
    # "across Syria's province of Aleppo": the event is spread over the province, not over Syria
    text = "Floods spread across Syria's province of Aleppo, killing two in al-Bab."
    assert facts_of(text, "Aleppo").spread and not facts_of(text, "Syria").spread
    text = "Floods spread across Syria, killing two in al-Bab."
    assert facts_of(text, "Syria").spread
    # ... a name of several words too ("across the Democratic Republic of the Congo's eastern Tanganyika province")
    text = "Cholera killed 41 across the Syrian Arab Republic's northern Aleppo province."
    found = [M(28, 48, "Syrian Arab Republic", "place", SYRIA), M(66, 72, "Aleppo", "place", ALEPPO_GOV)]
    f = next(f for c in analyse(text, found).candidates for f in c.facts if f.mention.surface == "Aleppo")
    assert f.spread


def test_from_across_an_area_is_where_people_came_from():
    text = "A fire destroyed a depot in al-Bab. Firefighters from across Aleppo fought the blaze for hours."
    assert not facts_of(text, "Aleppo").spread and pick(text).mention.surface == "al-Bab"
    assert facts_of("Firefighters fought fires across Aleppo.", "Aleppo").spread


def test_dateline_forms():
    for text in ("KYIV \x97 Shelling hit Kherson.", "Floods\nFloods. KYIV -- Water rose in Kherson.",
                 "Title\nTitle. MOSCOW, Russia (AP) - Shelling hit Kherson."):
        assert analyse(text, mentions(text), title="Floods").dateline_end > 0, text
    assert analyse("Kherson - a city.", mentions("Kherson - a city.")).dateline_end == 0  # not all capitals


def test_an_event_in_the_capital_is_in_the_capital_the_text_names():
    text = ("MOSCOW (AP) — Police dispersed protesters outside parliament in the capital. Dozens were detained. "
            "The protests began in November. Rallies were also held in Kherson.")
    assert pick(text).mention.surface == "MOSCOW"
    assert PLACE_EVIDENCE["the_capital"](candidate(text, "MOSCOW")) == 1.0
    # the regional capital is a region's seat (Kherson), not the country's
    text = "MOSCOW (AP) — Shelling hit a market in the regional capital on Monday, killing three. Kherson was dark."
    assert candidate(text, "Kherson").called_capital and not candidate(text, "MOSCOW").called_capital


def test_an_event_in_a_countrys_capital_is_in_its_capital():
    # "in Madagascar's capital": the capital the text names by its country (a dateline here)
    text = "MOSCOW (AFP) - At least 12 people were killed in a stampede at a stadium in Russia's capital on Saturday."
    assert candidate(text, "MOSCOW").called_capital
    assert pick(text).mention.surface == "MOSCOW"


def test_a_district_named_after_its_town_holds_what_lies_near_the_town():
    # "the Djugu territory" is a district (level 2) around the town of Djugu; it does not hold Bunia, 48 km off
    # in the same province, so the dateline inside it does not make it the coarser place
    text = ("BUNIA, Congo (Reuters) - Militiamen killed at least 22 people in an overnight attack on a camp for "
            "displaced people in the Djugu territory, officials said. The wounded were taken to hospital in Bunia.")
    ch = pick(text)
    assert ch.mention.surface == "Djugu" and ch.precision == 2
    assert candidate(text, "Djugu").contains_other == 0.0


def test_a_district_holds_a_town_of_no_district_code_only_near_its_point():
    # "two neighbourhoods of Erciş district": Van, the provincial seat 60 km off, carries no district code in
    # GeoNames, and is no place inside the district (else the district would be the coarser place)
    ercis = place(7733002, "Erciş", "ADM2", cc="TR", admin1="65", admin2="7733002", lat=39.03, lon=43.36)
    van = place(298117, "Van", "PPLA", cc="TR", admin1="65", lat=38.49, lon=43.38)
    near = van._replace(geonameid=1, name="Near", lat=39.1, lon=43.4)
    text = "Four people in Ercis district were diagnosed with anthrax, the Van governor said. Near was calm."
    found = [M(15, 20, "Ercis", "place", ercis), M(69, 72, "Van", "place", van), M(83, 87, "Near", "place", near)]
    a = analyse(text, found)
    district = next(c for c in a.candidates if c.place is ercis)
    assert not _inside(district, next(c for c in a.candidates if c.place is van))
    assert _inside(district, next(c for c in a.candidates if c.place is near))


def test_the_capital_only_in_the_lead():
    text = ("MOSCOW (AP) — A bomb killed nine at a checkpoint in Kherson. Police closed the road. Shops were shut. "
            "The group often carries out attacks in the capital and elsewhere.")
    assert not candidate(text, "MOSCOW").called_capital


@pytest.mark.parametrize("text", ["Gunmen killed two in the capital, Kyiv.",
                                  "Gunmen killed two in the capital of Kyiv.",
                                  "Gunmen killed two in the capital's suburbs.", "The capital was calm."])
def test_what_is_no_unnamed_capital(text):
    from geomap.textfacts import Words, capital_references

    assert capital_references(Words(text, []), 20) == []


def test_a_dateline_with_a_colon():
    # South Asian papers: "PESHAWAR: ..."; a place must open it ("BREAKING:" is no dateline)
    a = analyse("MOSCOW: Shelling hit Kherson on Monday.", mentions("MOSCOW: Shelling hit Kherson on Monday."))
    assert a.dateline_end == 8 and a.dateline.startswith("Moscow")
    assert analyse("BREAKING: Shelling hit Kherson.", mentions("BREAKING: Shelling hit Kherson.")).dateline_end == 0
    # after a headline run into the text, and with two places in its head
    text = "Shelling hits Kherson . MOSCOW: Shelling hit Kherson on Monday."
    assert analyse(text, mentions(text)).dateline.startswith("Moscow")
    text = "Shelling hits Kherson . KHERSON/MOSCOW: Shelling hit the city on Monday."
    assert analyse(text, mentions(text)).dateline_end == text.index("Shelling hit the")


@pytest.mark.parametrize("opening", ["Moscow, Oct 15 (PTI) ", "Moscow, Oct. 15 (CNA) ", "moscow, jul 20 (pti) ",
                                     "MOSCOW, 15 OCT (IANS) "])
def test_a_dateline_with_a_date_and_an_agency_and_no_dash(opening):
    # the Indian agencies' form: "Shillong, Oct 15 (PTI) Three miners were killed … in East Jaintia Hills"
    text = opening + "Three miners were killed when a mine caved in near Kherson, police said."
    a = analyse(text, mentions(text))
    assert a.dateline_end == len(opening) and a.dateline.lower().startswith("moscow")
    # an organisation's initials after a name and no date are no dateline
    text = "Moscow Helsinki Group (MHG) said shelling hit Kherson."
    assert analyse(text, mentions(text)).dateline_end == 0


def test_a_name_the_text_never_puts_anything_in_keeps_its_road_sense():
    # "North Nokomis Street … Nokomis traffic": the street both times; "traffic in Kherson" is the town
    text = "A wreck on North Kherson Street hurt two. Kherson traffic was slow for hours."
    assert PLACE_EVIDENCE["road"](candidate(text, "Kherson")) == 1.0
    text = "A wreck on North Kherson Street hurt two. Traffic in Kherson was slow for hours."
    assert PLACE_EVIDENCE["road"](candidate(text, "Kherson")) == 0.5


@pytest.mark.parametrize("text, expected", [
    ("Schools and transport remained shut across Kherson on Monday.", False),  # transport, the noun
    ("The wounded were transported to Kherson.", True),
    ("Two were airlifted to Kherson.", True),
    ("Two with burns were transferred to Kherson.", True),
    # however long the ward's name: the place at the end of "taken to …"
    ("Two people with severe burns were taken to a specialist burns unit in Kherson.", True),
    ("A fire broke out at a specialist burns unit in Kherson.", False),
    ("The attack had taken place in Kherson.", False),  # "taken" of "taken place" moves no one
    ("Two aid workers were taken hostage in Kherson.", False),
])
def test_care_verbs_are_the_moving_of_victims(text, expected):
    assert facts_of(text, "Kherson").care is expected


@pytest.mark.parametrize("text", [
    "The injured man, a hunter, was flown to a hospital in Kherson.",
    "Two wounded soldiers were taken to Kherson.",
    "The injured were taken to Kherson.",
])
def test_a_participle_before_its_people_names_no_event(text):
    # "the injured man" is who was hurt, not an event in the clause of where he was taken
    assert not facts_of(text, "Kherson").event_in_clause


def test_a_model_year_is_no_date():
    f = facts_of("A 1996 Oldsmobile crashed in Kherson.", "Kherson", date="2017-02-03")
    assert MENTION_EVIDENCE["background"](f) == 0.0
    f = facts_of("A car crashed in Kherson in 1996.", "Kherson", date="2017-02-03")
    assert MENTION_EVIDENCE["background"](f) == 1.0


# -- place evidence ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Shelling killed two in al-Bab district, in Syria's Aleppo province.",
    "Shelling killed two in al-Bab district, Aleppo.",
    "Shelling killed two in al-Bab, northern Aleppo.",  # a part of the region, after the comma
])
def test_a_place_with_its_own_area_word_is_qualified(text):
    assert PLACE_EVIDENCE["qualified"](candidate(text, "al-Bab")) == 1.0
    assert MENTION_EVIDENCE["qualifier"](facts_of(text, "Aleppo")) == 1.0


def test_qualified():
    assert PLACE_EVIDENCE["qualified"](candidate("Clashes near al-Bab, Aleppo.", "al-Bab")) == 1.0
    assert PLACE_EVIDENCE["qualified"](candidate("Clashes near Syria's al-Bab.", "al-Bab")) == 1.0
    assert PLACE_EVIDENCE["qualified"](candidate("Clashes near al-Bab.", "al-Bab")) == 0.0


def test_repeated():
    once = candidate("Shelling in Kherson.", "Kherson")
    four = candidate("Shelling in Kherson. Kherson. Kherson again. And Kherson.", "Kherson")
    assert PLACE_EVIDENCE["repeated"](once) == 0.0 < PLACE_EVIDENCE["repeated"](four)


def test_coarser():
    text = "Shelling hit al-Bab in Aleppo."
    assert PLACE_EVIDENCE["coarser"](candidate(text, "Aleppo")) == 1.0
    assert PLACE_EVIDENCE["coarser"](candidate(text, "al-Bab")) == 0.0


def test_specific():
    assert PLACE_EVIDENCE["specific"](candidate("Shelling in Kherson.", "Kherson")) == 1.0
    assert PLACE_EVIDENCE["specific"](candidate("Floods in Suffolk.", "Suffolk")) == 0.5
    assert PLACE_EVIDENCE["specific"](candidate("Floods in Aleppo.", "Aleppo")) == 0.0


# -- choosing ---------------------------------------------------------------------------

def test_event_beats_dateline_and_background():
    text = ("MOSCOW (Sputnik) — A Russian airstrike near Syria's al-Bab killed three Turkish soldiers. "
            "Turkish armoured vehicles had earlier entered al-Rai. Putin met Erdogan in St. Petersburg.")
    assert pick(text).mention.surface == "al-Bab"


def test_event_beats_attribution():
    text = "The minister said in Ankara that shelling near Kherson killed two."
    assert pick(text).mention.surface == "Kherson"


def test_finer_beats_its_region():
    text = "Fighting in Aleppo spread, and an airstrike hit al-Bab."
    assert pick(text).mention.place == AL_BAB


def test_background_loses_to_the_story():
    text = ("Bird flu killed turkeys at a farm in Suffolk this week. Samples were tested in Weybridge. "
            "Last year an outbreak in Kherson killed thousands of birds.")
    assert pick(text).mention.surface == "Suffolk"


def test_no_place_reasons():
    assert pick("Fighting continued in Syria.", countries=False).reason == "only country-level places in the text"
    assert pick("Nothing happened.").reason == "no place found in the text"


def test_a_country_is_the_incident_when_nothing_finer_places_the_event():
    ch = pick("Fighting continued in Syria.")
    assert ch.mention.surface == "Syria" and ch.precision == COUNTRY_PRECISION == 4
    assert ch.located_by == LABELS["country"]
    assert PLACE_EVIDENCE["country"](ch.candidate) == 1.0
    # anything finer with evidence of the event wins: the country contains it
    ch = pick("Fighting continued in Syria, and an airstrike hit al-Bab.")
    assert ch.mention.surface == "al-Bab" and ch.precision == 1


def test_weights_change_the_choice():
    text = "Crowds in Ankara. An airstrike killed two in al-Bab."
    a = analyse(text, mentions(text), weights=Weights(event_clause=0.0, event_sentence=0.0, early=5.0))
    assert choose(a).mention.surface == "Ankara"
    assert pick(text).mention.surface == "al-Bab"


def test_confidence_rises_with_evidence():
    strong = pick("An airstrike killed three soldiers near al-Bab, Aleppo. The strike on al-Bab was the worst.")
    weak = pick("Officials talked of al-Bab and Kherson.")
    assert 0 < weak.confidence < strong.confidence <= 1


# -- every incident ---------------------------------------------------------------------

MULTI = ("Shelling in Kherson killed two people on Tuesday. Separately, an explosion in Zaporizhzhia wounded "
         "five. The governor said in Kyiv that repairs would begin. Last year floods in Suffolk killed ten.")


def test_every_incident_one_per_event_sentence():
    a = analyse(MULTI, mentions(MULTI))
    found = every_incident(a)
    assert [i.mention.surface for i in found] == ["Kherson", "Zaporizhzhia"]
    for inc in found:
        assert inc.mention.surface in MULTI[inc.sentence_start:inc.sentence_end]


def test_every_incident_does_not_repeat_a_place():
    text = "Shelling in Kherson killed two. Another strike on Kherson wounded three."
    assert len(every_incident(analyse(text, mentions(text)))) == 1


def test_every_incident_of_nothing():
    assert every_incident(analyse("Nothing happened.", [])) == []


# -- with the real geoparser -----------------------------------------------------------

@pytest.fixture(scope="module")
def geoparser(gazetteer):
    from geomap.geoparser import Geoparser

    return Geoparser(gazetteer)


def real_pick(geoparser, text: str, title: str = ""):
    return choose(analyse(text, geoparser.parse(text), title=title))


def test_seed_story_lands_on_al_bab(geoparser):
    text = (DATA_DIR / "seed_story.txt").read_text(encoding="utf-8")
    a = analyse(text, geoparser.parse(text))
    ch = choose(a)
    assert ch.mention.place.geonameid == 174018
    assert ch.located_by == LABELS["event"]
    assert a.dateline.startswith("Moscow")


SEED_PAGE = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles" / "seed_sputnik.txt"


@pytest.mark.skipif(not SEED_PAGE.exists(), reason="the seed page (../shared/data/articles) is not here")
def test_seed_page_lands_on_al_bab(geoparser):
    text = SEED_PAGE.read_text(encoding="utf-8")
    ch = real_pick(geoparser, text, text.splitlines()[0])
    assert ch.mention.place.geonameid == 174018


def test_bird_flu_story_lands_on_the_farm(geoparser):
    text = (DATA_DIR.parent.parent / "samples" / "wikinews" / "geovirus-13.txt").read_text(encoding="utf-8")
    ch = real_pick(geoparser, text, text.splitlines()[0])
    assert ch.mention.surface == "Suffolk"  # not Weybridge, where the samples were tested


def test_multi_incident_fixture(geoparser):
    text = (DATA_DIR / "multi_incident.txt").read_text(encoding="utf-8")
    found = every_incident(analyse(text, geoparser.parse(text), title=text.splitlines()[0]))
    assert len(found) >= 3
    assert len({i.mention.place.geonameid for i in found}) == len(found)
    for inc in found:
        assert inc.mention.surface in text[inc.sentence_start:inc.sentence_end]


def test_a_reference_locates_a_place_as_far_as_the_text_says():
    # Zaporizhzhia lies 235 km from Kherson: beyond the 75 km a reference reaches by default, but the text
    # gives the distance ("85 kilometres (53 miles) east of the state capital Maiduguri")
    text = ("Shelling killed two in Zaporizhzhia on Monday. The city lies about 200 kilometres (124 miles) "
            "north-east of the regional capital Kherson.")
    f = facts_of(text, "Kherson")
    assert f.reference and f.stated_km == 200 and not f.estimate
    text = text.replace("about 200 kilometres (124 miles)", "about 20 kilometres (12 miles)")
    assert facts_of(text, "Kherson").estimate


@pytest.mark.parametrize("point", [
    "east of the Aleppo provincial capital Kherson",  # a region's name before the kind, no possessive
    "east of Aleppo's provincial capital Kherson",
    "east of the provincial capital Kherson",
    "20 km from the Aleppo provincial capital Kherson",
])
def test_a_capital_named_with_its_region_is_a_reference_point(point):
    # (Mexico's "a clash in the municipality of Navolato, west of the Sinaloa state capital Culiacan")
    text = f"Eleven gunmen were killed in a clash in the district of al-Bab, {point}, the ministry said."
    assert facts_of(text, "Kherson").reference
    assert pick(text).mention.surface == "al-Bab"


def test_an_event_here_is_at_the_dateline():
    # AP's "CARTHAGE, N.C. — A gunman killed eight people here"; "… in a village in this town"; "PARIS, Tenn.
    # (AP) — A tornado tore through this small West Tennessee city"
    for here in ("here", "in a village in this city", "through this small West Russian city"):
        text = (f"MOSCOW (Reuters) - A gas blast tore through a block of flats {here} on Monday, killing five. "
                "A day earlier, shelling killed two in Kherson.")
        choice = pick(text)
        assert choice.mention.surface == "MOSCOW" and choice.located_by != LABELS["dateline"]
    # not in a quotation
    text = ('MOSCOW (Reuters) - Shelling killed two in Kherson on Monday. "We are safe here," a resident of '
            'Moscow said.')
    assert pick(text).mention.surface == "Kherson"
    # a part of it named "of this city" ("a fire razed stalls in Barangay East Poblacion of this city", the
    # gazetteer's Poblacion another city's), not "the streets of this city"
    text = "MOSCOW (Reuters) - A gas blast tore through a block of flats in Maryino of this city on Monday."
    assert facts_of(text, "MOSCOW").event_in_clause and not facts_of(text, "MOSCOW").in_dateline
    text = ("MOSCOW (Reuters) - Thousands lined the streets of this city as the coffins of five men killed "
            "in a gas blast were carried to the cathedral.")
    assert facts_of(text, "MOSCOW").in_dateline


def test_a_clause_since_an_earlier_event_is_that_events_time():
    # "The four officers were shot … Saturday, the biggest single-day loss … since four federal agents died 15
    # years ago during a raid … in Waco, Texas": Waco's clause is set 15 years ago, whatever the sentence's day
    text = ("Four officers were shot dead in Kherson on Saturday, the worst loss for police since four agents died "
            "15 years ago during a raid in Kyiv.")
    assert facts_of(text, "Kyiv").background and not facts_of(text, "Kherson").background
    assert pick(text).mention.surface == "Kherson"


def test_the_event_people_fled_is_not_the_storys():
    # "… had taken control of Wad Madani, a refuge for hundreds of thousands who fled fighting in Khartoum"
    text = "Rebels seized al-Bab after four days of clashes, a refuge for thousands who fled fighting in Aleppo."
    assert not facts_of(text, "Aleppo").event_in_clause
    assert pick(text).mention.surface == "al-Bab"
    assert facts_of("Thousands fled as fighting in Aleppo intensified.", "Aleppo").event_in_clause


def test_all_in_an_area_spreads_the_event_over_it():
    # "The number of horses confirmed to be infected … has risen to 47, all in the state of New South Wales"
    text = "Cholera has infected 47 people, all in the province of Aleppo. Most were infected in al-Bab and al-Rai."
    assert facts_of(text, "Aleppo").spread
    assert pick(text).mention.surface == "Aleppo"
    assert not facts_of(text.replace(", all in", " in"), "Aleppo").spread
    # ... and all its parts: "All 10 districts in Kelantan have been affected, with Pasir Mas, Tumpat and Kota Bharu
    # the worst hit"
    text = ("Flood evacuees in Aleppo rose to 42,000. All 10 districts in Aleppo have been affected, with al-Bab and "
            "al-Rai the worst hit.")
    assert any(f.spread for f in candidate(text, "Aleppo").facts)
    assert pick(text).mention.surface == "Aleppo"
    assert not any(f.spread for f in candidate(text.replace("All 10", "Four"), "Aleppo").facts)
    # ... a number in words counts as one in digits: "flooding across all eight departments of the Maradi region"
    text = "Rains caused flooding across all eight departments of the Aleppo region, affecting 96,000 people."
    assert facts_of(text, "Aleppo").spread
    assert not facts_of(text.replace("across all", "in all"), "Aleppo").spread


@pytest.mark.parametrize("spread", [
    "as the disease spread to all 14 of the country's governorates",
    "as the disease spread to every one of the nation's regions",  # "… of the island nation's regions"
    "with cases in more than 12 of the country's 14 governorates",
    "as the disease spread to nine of Syria's governorates",
    "with deaths reported in different parts of Syria",
    "as the outbreak spread across the country",
])
def test_an_event_spread_over_the_whole_country_is_the_countrys(spread):
    # the guide: an event spread over an area is placed at the area, its towns are hot spots
    text = (f"A cholera outbreak in Syria has killed 40 people since June, the health ministry said, {spread}. "
            "Most cases were in al-Bab and al-Rai.")
    assert pick(text).mention.surface == "Syria"


def test_an_event_still_to_come_is_no_report_of_one():
    # "fears mount that the disease will spread to … Port-au-Prince": no event there (yet)
    text = "Shelling killed 12 people in al-Bab. Officials fear that fighting will erupt in Aleppo."
    assert not facts_of(text, "Aleppo").event_in_clause
    assert facts_of(text.replace("will erupt", "erupted"), "Aleppo").event_in_clause
    text = "The storm killed two people in al-Bab on Monday and is expected to hit Aleppo on Tuesday."
    assert not facts_of(text, "Aleppo").event_in_clause


def test_an_epidemic_a_lead_gives_a_country_is_the_countrys():
    # the guide's "country-wide epidemic": "A cholera epidemic in Angola has killed over 1,200 people"; the capital
    # with half the victims is a hot spot.  A finer place in the same sentence is the epidemic's own
    text = ("A cholera epidemic in Syria has killed over 1,200 people in the past three months. Half the victims "
            "were in al-Bab, where the first cases were detected in February.")
    title = "Cholera outbreak hits Syria"
    assert pick(text, title=title).mention.surface == "Syria"
    assert pick(text.replace("epidemic in Syria", "epidemic in Syria's north"), title=title).mention.surface != "Syria"
    text = "A cholera outbreak in Syria has killed 12 people in al-Bab, the health ministry said."
    assert pick(text).mention.surface == "al-Bab"


def test_a_record_title_spreads_the_event_over_the_country():
    # the record's own title is the lead too: "… captured in week of operations across the country"
    text = ("Police captured 43 suspected gang members in Syria, the national police said on Sunday. The operations "
            "took place in Aleppo, al-Bab and al-Rai, police said at a news conference in Moscow.")
    assert pick(text).mention.surface != "Syria"
    title = "43 gang members captured in week of operations across the country"
    assert pick(text, title=title).mention.surface == "Syria"


def test_an_event_spread_across_the_region_the_lead_names_is_the_regions():
    # "police in Lagos State arrested 112 … in raids across the state": the towns are its hot spots
    text = ("Police in Aleppo arrested 112 suspected members of secret cults in weekend raids across the state, "
            "following a spate of deadly clashes, the Aleppo police command said on Monday. The raids were carried "
            "out in al-Bab and al-Rai, where officers stormed hideouts, the spokesman said.")
    assert pick(text).mention.place is ALEPPO_GOV
    assert pick(text.replace(" across the state", "")).mention.place is not ALEPPO_GOV
    # ... or over most of its districts ("across more than 600 of the state's 853 municipalities")
    assert pick(text.replace("across the state", "in more than 40 of the state's 55 districts")).mention.place \
        is ALEPPO_GOV
    # ("Floodwaters hit nine of the province's districts")
    text2 = ("Floods swept Aleppo province on Friday, killing 46. Floodwaters hit nine of the province's districts. "
             "In al-Bab alone, 14 people died.")
    assert pick(text2).mention.place is ALEPPO_GOV
    # ... in the lead's second sentence too ("… battered India's eastern Odisha state … The storm crossed the
    # coast near the port town of Paradip, bringing down power lines across the state")
    text = ("A storm battered Aleppo province on Monday, killing six. The storm struck near the town of al-Bab, "
            "bringing down power lines across the state.")
    assert pick(text).mention.place is ALEPPO_GOV


def test_the_first_sentence_spreads_its_event_over_an_area_whatever_it_says_of_the_towns():
    # "Torrential rain has caused deadly floods across the southern Brazilian state of Rio Grande do Sul …
    # with the worst damage in … Lajeado and in Canoas" (no event word for the towns)
    text = ("Torrential rain has caused deadly floods across Aleppo province, killing at least 37 people. "
            "More than 200 villages are under water, with the worst damage in al-Bab and in al-Rai.")
    assert pick(text).mention.place is ALEPPO_GOV
    # not a spread named after the first sentence ("Violence has flared across Michoacan this year")
    text2 = ("Heavy rain has caused deadly floods, killing at least 37 people. The worst damage was in al-Bab, "
             "where rain has fallen across Aleppo province all week.")
    assert pick(text2).mention.place is not ALEPPO_GOV


def test_districts_of_no_named_country_are_the_regions_the_lead_names():
    # "The flood situation in Assam deteriorated … nearly 14 lakh people in 22 districts remain affected. Two
    # people drowned in Dhubri": the districts are Assam's, not the country's (which the text does not name)
    text = ("The flood situation in Aleppo province worsened on Wednesday, with 300,000 people in 22 districts "
            "affected. Two people drowned in al-Bab, and one in al-Rai.")
    assert pick(text).mention.place is ALEPPO_GOV
    assert pick(text.replace(" in 22 districts", "")).mention.place is not ALEPPO_GOV
    # ... and a named region's parts: "in seven of Kassala state's 11 localities"
    text = ("Floods killed 46 people in seven of Aleppo province's 11 districts on Friday. In al-Bab alone, "
            "14 people died.")
    assert pick(text).mention.place is ALEPPO_GOV
    # "flash floods … swept through five districts of northern Baghlan province": through, as across
    text = ("At least 31 people were killed after flash floods swept through five districts of northern Aleppo "
            "province on Friday. Officials met on Saturday. Eleven of the dead were in al-Bab.")
    assert candidate(text, "Aleppo").spread_over
    assert pick(text).mention.place is ALEPPO_GOV


def test_an_epidemic_declared_in_a_region_is_the_regions():
    # "Niger has declared a meningitis epidemic in the southern Zinder region, where 1,022 suspected cases …
    # Eight of the region's health districts, including Magaria, Mirriah and Matameye"
    text = ("Syria has declared a cholera epidemic in the northern Aleppo province, where 400 suspected cases have "
            "been recorded. Health districts including al-Bab and al-Rai have crossed the epidemic threshold.")
    assert pick(text).mention.place is ALEPPO_GOV
    # not when its sentence names a place inside it ("… has killed 12 people in Ningi")
    text = "A cholera outbreak in Aleppo province has killed 12 people in al-Bab, health officials said."
    assert pick(text).mention.place is AL_BAB


def test_a_possessive_before_a_name_the_gazetteer_lacks_only_says_where_the_area_lies():
    # "A wildfire raged … across Greece's northeastern Evros regional unit" (Evros not in the gazetteer): the
    # area spread over is the unit, not Greece, as with a name found ("across Brazil's southernmost state of Rio
    # Grande do Sul")
    text = "A wildfire raged across Syria's northern Afrin district on Monday, forcing villages near al-Bab to empty."
    assert not facts_of(text, "Syria").spread
    assert facts_of("A wildfire raged across Syria on Monday, forcing villages near al-Bab to empty.", "Syria").spread


def test_a_title_naming_a_region_does_not_name_the_city_of_that_name():
    # "Russian glide bombs hit town near border in Ukraine's Kharkiv region": the title names the oblast, and the
    # city of Kharkiv (the dateline, its hospitals) is not named there; a title naming the city still names it
    title = "Glide bombs kill three in Ukraine's Kherson region"
    oblast = place(706442, "Kherson", "ADM1", cc="UA", admin1="14", lat=46.75, lon=33.5)
    at = title.index("Kherson")
    title_mentions = [M(at, at + 7, "Kherson", "place", oblast)]
    text = ("KHERSON (Reuters) - Russian aircraft dropped guided bombs on the town of Zaporizhzhia on Wednesday, "
            "killing three. The wounded were taken to hospitals in Kherson.")
    assert not facts_of(text, "Kherson", title=title, title_mentions=title_mentions).in_title
    title = "Glide bombs kill three in Kherson"
    assert facts_of(text, "Kherson", title=title, title_mentions=[M(26, 33, "Kherson", "place", KHERSON)]).in_title


def test_a_national_emergency_declared_spreads_the_event_over_the_country():
    # "Honduras declared a national emergency on Tuesday over a dengue epidemic … the cities of San Pedro Sula,
    # Choloma and La Ceiba had the highest numbers"; not the agency's name ("the National Emergency Management
    # Agency said")
    from geomap.sentences import split_sentences
    from geomap.textfacts import Words, countrywide

    def spread(text):
        return countrywide(Words(text, mentions(text)), split_sentences(text), -1, 0, 1)

    assert spread("Syria declared a national emergency on Friday over a cholera epidemic that has killed 21.") == ""
    assert spread("Syria declares a national state of emergency over a cholera outbreak.") == ""
    # "… after a storm brought gusts of more than 130km/h … to much of the country"
    assert spread("Thousands lost power after a storm brought floods to much of the country.") == ""
    assert spread("Cholera has killed 21 in al-Bab, the National Emergency Management Agency said.") is None
    # so many of its states, "different" ones, a country named by its dotted initials: "an outbreak of
    # salmonella that has affected at least 399 people in 42 different U.S. states"
    assert spread("An outbreak has affected at least 399 people in 42 different U.S. states, officials said.") == ""
    assert spread("Cholera has killed 20 people in nine separate Syrian provinces.") == ""


def test_a_place_declaring_an_emergency_acts_rather_than_speaks():
    # "TEGUCIGALPA (AFP) - Honduras declared a national emergency … over a dengue epidemic": no attribution, as
    # "Kyiv said" is
    text = "Syria declared a national emergency on Tuesday over a cholera epidemic that has killed 96 people."
    assert not facts_of(text, "Syria").attribution
    assert facts_of("Syria declared that the cholera epidemic had killed 96 people.", "Syria").attribution


def test_all_of_a_departments_municipalities_spread_the_event_over_it():
    # "The southern Colombian department of Caquetá declared a public health emergency … The outbreak has spread
    # to all 16 of the department's municipalities": a department is a region word, "all 16 of" a quantity
    from geomap.sentences import split_sentences
    from geomap.textfacts import Words, regionwide

    text = ("Cholera has killed seven people in the northern department of Aleppo this year. The outbreak has spread "
            "to all 16 of the department's municipalities. Half of the cases were in al-Bab.")
    # (0: a department is a region or a district as the country has it; Aleppo is a region, an ADM1)
    assert regionwide(Words(text, mentions(text)), split_sentences(text), -1, 0, 2) == 0
    assert pick(text).mention.place is ALEPPO_GOV


def test_all_the_provinces_of_the_region_spread_the_event_over_it():
    # "At least 31 people have died … in Andalusia … The deaths were recorded across all eight provinces of the
    # region, with the highest numbers in the provinces of Seville and Cordoba" (the region's, not the country's)
    from geomap.sentences import split_sentences
    from geomap.textfacts import Words, countrywide, regionwide

    text = ("At least 31 people have died of heatstroke in Aleppo province this week, officials said. The deaths "
            "were recorded across all eight districts of the province, with the most in al-Bab.")
    assert pick(text).mention.place is ALEPPO_GOV
    sentences, found = split_sentences(text), mentions(text)
    words = Words(text, found)
    assert regionwide(words, sentences, -1, 0, 2) == 3
    # ("across 8 districts" alone would be the country's)
    for parts, country_wide in (("across 8 districts of the province", None), ("across 8 districts", "")):
        other = text.replace("across all eight districts of the province", parts)
        assert countrywide(Words(other, mentions(other)), split_sentences(other), -1, 1, 2) == country_wide


def test_the_region_spread_over_is_the_one_of_the_storys_country():
    # "Rivers have burst their banks in eight of the province's 22 districts": Nigeria's Rivers State, a word
    # the geoparser took for a place, is no second region the province's districts could be
    text = ("Torrential rains killed 22 people in Aleppo province this week. Rivers have burst their banks in "
            "eight of the province's 22 districts, flooding al-Bab and al-Rai.")
    rivers = place(2324433, "Rivers", "ADM1", cc="NG", admin1="50", lat=4.75, lon=6.83)
    found = sorted(mentions(text) + [M(text.index("Rivers"), text.index("Rivers") + 6, "Rivers", "place", rivers)],
                   key=lambda m: m.start)
    assert choose(analyse(text, found)).mention.place is ALEPPO_GOV


def test_an_event_spread_over_a_provinces_districts_is_not_the_countrys():
    text = ("A cholera outbreak in Syria has killed 40 people in Aleppo since June, the health ministry said, as "
            "the disease spread to seven of the province's districts. Most cases were in al-Bab and al-Rai.")
    assert pick(text).mention.surface != "Syria"


def test_a_lone_place_abroad_found_by_another_name_is_no_candidate():
    # "Manam" (an island of Papua New Guinea the gazetteer lacks) matches an alternate name of Manama, Bahrain
    from geomap.place import NameKind

    text = ("The volcano on Manam erupted on Saturday, killing two, officials in Kherson said. "
            "Ash fell on Kyiv and Zaporizhzhia.")
    at = text.index("Manam")

    def candidates(kind):
        manama = place(290340, "Manama", "PPLC", cc="BH", admin1="16", lat=26.23, lon=50.59)._replace(match_kind=kind)
        found = sorted(mentions(text) + [M(at, at + 5, "Manam", "place", manama)], key=lambda m: m.start)
        return [c.place.name for c in analyse(text, found).candidates]

    assert "Manama" in candidates(NameKind.NAME)  # a side note from abroad stays a candidate
    assert "Manama" not in candidates(NameKind.ALTERNATE)


def test_a_dateline_rules_out_a_small_namesake_in_a_country_the_text_never_names():
    # "CAPE TOWN – … shot dead in Delft": a suburb the gazetteer lacks, not the Dutch city
    delft = place(2757345, "Delft", cc="NL", admin1="11", lat=52.01, lon=4.36)
    netherlands = place(2750405, "Netherlands", "PCLI", cc="NL", admin1="")

    def chosen(text, town=delft, dutch=False):
        found = mentions(text) + [M(text.index("Delft"), text.index("Delft") + 5, "Delft", "place", town)]
        if text.startswith("KYIV"):
            found.append(M(0, 4, "KYIV", "place", KYIV))
        if dutch:
            at = text.index("Dutch")
            found.append(M(at, at + 5, "Dutch", "demonym", netherlands))
        return choose(analyse(text, sorted(found, key=lambda m: m.start))).mention.surface

    text = "KYIV — Shelling killed two people in Delft on Monday, the police said."
    assert chosen(text) == "KYIV"
    assert chosen(text.replace("KYIV — ", "")) == "Delft"  # no dateline, no anchor
    # an agency's bureau files the news of its region ("MOSCOW (Sputnik) — … near al-Bab")
    assert chosen(text.replace("KYIV — ", "KYIV (Reuters) — ")) == "Delft"
    assert chosen(text.replace("the police", "Dutch police"), dutch=True) == "Delft"  # its country is named
    assert chosen(text, town=delft._replace(population=200_000)) == "Delft"  # a city may be named alone


def test_a_landslide_that_buried_houses_there_is_no_burial():
    # "buried" is the landslide's deed, not the care of the dead ("a mass burial in Jos" is)
    text = "A landslide buried 11 houses in Kherson, killing six. The injured were flown to Kyiv."
    assert not facts_of(text, "Kherson").care and pick(text).mention.surface == "Kherson"
    assert facts_of("Six were killed in Kherson. A mass burial was held in Kyiv.", "Kyiv").care


def test_where_the_wounded_were_taken_is_not_what_a_reference_locates():
    text = ("Clashes killed 19 people in a village about 20 km from al-Bab on Monday, officials said. "
            "The wounded were evacuated to the hospital in al-Rai.")
    f = facts_of(text, "al-Bab")
    assert f.estimate and MENTION_EVIDENCE["reference"](f) == 0.0


def test_where_a_quake_was_felt_is_not_where_it_struck():
    text = "A strong earthquake struck near Zaporizhzhia on Monday. The quake was felt strongly in Kherson."
    assert not facts_of(text, "Kherson").event_in_clause
    assert facts_of(text.replace("felt strongly", "worst"), "Kherson").event_in_clause


def test_a_range_of_several_countries_holds_the_towns_the_story_names():
    andes = Place(-310_050, "Andes", -13.0, -75.0, "T", "MTS", "", "", "", "", "", "", 0)
    text = ("Bus plunges into ravine in the Andes, killing 14\n"
            "A bus plunged off a mountain road into a ravine in the northern Andes early Thursday, killing 14. "
            "The bus went off the highway about 5 km from the town of Kherson. Residents of Kherson helped.")
    found = sorted(mentions(text) + [M(a, a + 5, "Andes", "place", andes) for a in (28, text.index("Andes", 60))],
                   key=lambda m: m.start)
    assert choose(analyse(text, found)).mention.surface == "Kherson"


def test_the_town_in_an_events_clause_is_the_town_named_before():
    # "the port city" is Kherson, the one town named before it: the strike's clause puts the event there
    text = "Residents of Kherson were clearing rubble on Monday after missiles struck the port city overnight."
    c = candidate(text, "Kherson")
    assert any(f.event_in_clause and f.locative for f in c.facts)
    assert pick(text).mention.surface == "Kherson"  # the name, not the description, is the incident's mention


@pytest.mark.parametrize("text", [
    # two towns before it: which one is meant is a guess
    "Officials in Kyiv and Kherson said missiles struck the city overnight.",
    # the dateline heads the story; it is no antecedent
    "MOSCOW (Sputnik) - A gas explosion destroyed part of an apartment block in the town.",
    # not in an event's clause: only a repetition, which is not counted
    "Kherson was quiet on Monday. Officials in the city reopened schools.",
])
def test_the_town_names_no_town_when_it_could_be_another(text):
    from geomap.sentences import split_sentences
    from geomap.textfacts import place_anaphors

    found = mentions(text)
    dateline_end = text.index("-") + 1 if text.startswith("MOSCOW") else 0
    anaphors = place_anaphors(text, found, split_sentences(text), dateline_end)
    if "quiet" in text:  # found, but the chooser keeps it only in an event's clause
        assert len(anaphors) == 1 and len(candidate(text, "Kherson").facts) == 1
    else:
        assert anaphors == []


def test_the_province_in_the_leads_event_clause_is_the_province_named_before():
    text = ("Floods have killed 12 people in Aleppo since Sunday. Floodwater swept away houses across the province "
            "on Monday, officials in Kyiv said.")
    c = candidate(text, "Aleppo")
    assert any(f.mention.surface == "province" and f.spread for f in c.facts)
    neighbour = "Floods have killed 12 people in Aleppo. Floodwater swept away houses across the neighbouring province."
    assert len(candidate(neighbour, "Aleppo").facts) == 1


def test_the_district_is_the_place_the_text_called_a_district():
    # "the district" means the town the text called a district ("the al-Bab district"), not the province it
    # called a province; "the province" means the province
    def read_as(text: str, noun: str) -> set[str]:  # the places "the <noun>" is read as
        return {f.mention.place.name for c in analyse(text, mentions(text)).candidates for f in c.facts
                if f.mention.surface == noun}

    text = ("Floods killed three people in the al-Bab district of Syria's northern Aleppo province on Sunday. "
            "Water swept away houses across the district on Monday.")
    assert read_as(text, "district") == {"Al Bāb"}
    assert read_as(text.replace("across the district", "across the province"), "province") == {"Aleppo"}
    # (a town the text called a district is not "the region")
    assert read_as(text.replace("across the district", "across the region"), "region") == {"Aleppo"}


def test_a_place_above_or_below_is_where_it_happened():
    assert facts_of("A wildfire broke out in pine forest above the village of Kherson.", "Kherson").locative
    assert facts_of("A rockfall buried the road below Zaporizhzhia.", "Zaporizhzhia").locative


def test_an_eruption_is_at_the_volcano(geoparser):
    text = ("Hawaii's Kilauea volcano began erupting again early Wednesday, sending lava fountains up to 50 meters "
            "high inside its summit caldera, the U.S. Geological Survey said. \"This looks very much like the "
            "summit eruptions we've had,\" a geologist at the Hawaiian Volcano Observatory in Hilo said.")
    ch = real_pick(geoparser, text, "Kilauea volcano erupts again")
    assert ch.mention.place.feature_code == "VLC" and ch.mention.place.country_code == "US"
    assert ch.precision == 1


@pytest.mark.parametrize("text, surface", [
    ("A nightclub owner went on trial in Kyiv on Monday over a fire that killed seven people in Kherson.", "Kyiv"),
    ("The regional court in Moscow heard that the men shelled Kherson in March.", "Moscow"),
])
def test_where_the_accused_were_tried_is_not_the_scene(text, surface):
    assert facts_of(text, surface).aftermath
    assert pick(text).mention.surface == "Kherson"


@pytest.mark.parametrize("text", [
    "A bus run by a company based in Kyiv overturned near Kherson on Monday, killing nine.",
    "A bus run by a Kyiv-based company overturned near Kherson on Monday, killing nine.",
])
def test_where_a_company_is_based_is_its_seat_not_the_scene(text):
    assert facts_of(text, "Kyiv").attribution
    assert pick(text).mention.surface == "Kherson"


def test_a_court_named_after_its_town_is_read_so_in_text_without_case():
    # "Kyiv Regional Court" says with its capitals where the name ends; "kyiv regional court" goes on to the first
    # function word, so that the court is read in lower case as in cased text
    text = "a man who set fire to a shop in kherson was jailed when he appeared at kyiv regional court on monday."
    ms = [M(text.index(n), text.index(n) + len(n), n, "place", p) for n, p in (("kherson", KHERSON), ("kyiv", KYIV))]
    facts = {f.mention.surface: f for c in analyse(text, ms).candidates for f in c.facts}
    assert facts["kyiv"].aftermath and not facts["kherson"].aftermath
    assert choose(analyse(text, ms)).mention.surface == "kherson"
    text = "shelling hit kyiv as the court sat."  # ("as" ends it: the court is no name of Kyiv's)
    ms = [M(text.index("kyiv"), text.index("kyiv") + 4, "kyiv", "place", KYIV)]
    assert not analyse(text, ms).candidates[0].facts[0].aftermath


def test_a_title_that_spreads_the_event_over_a_region_makes_it_the_area():
    title = "Floods sweep across Aleppo"
    text = "Floods killed twelve people in al-Bab on Monday and three in al-Rai, in the north of Aleppo."
    assert choose(analyse(text, mentions(text), title=title, title_mentions=mentions(title))).mention.surface \
        == "Aleppo"
    assert choose(analyse(text, mentions(text))).mention.surface == "al-Bab"  # without the title: the first town


def test_the_lead_starts_past_a_copied_pages_byline_lines():
    text = ("Kherson Daily\nBy Jane Doe\nUpdated 2 hours ago · Share\n\n"
            "Shelling hit al-Bab on Tuesday, killing three. Officials spoke.\n\nEarlier, Kherson was calm.")
    assert MENTION_EVIDENCE["lead"](facts_of(text, "al-Bab")) == 1.0
    # ... but lines of a feed with no sentence after them are the text itself
    feed = "shelling in al-Bab\nroads closed near Kherson"
    assert MENTION_EVIDENCE["lead"](facts_of(feed, "al-Bab")) == 1.0


def test_a_response_is_no_event_and_a_progressive_no_passive():
    # "water-bombing aircraft", "fire-fighting crews" are the response; "aircraft from Kherson were battling the
    # blaze" is active (Kherson is where the aircraft came from), "Kherson was shelled" passive
    from geomap.textfacts import EVENT, word_classes

    assert not word_classes("water-bombing") & EVENT and not word_classes("fire-fighting") & EVENT
    assert word_classes("car-bomb") & EVENT and word_classes("quake-hit") & EVENT
    assert word_classes("veered") & EVENT and word_classes("skidded") & EVENT  # a road accident's own verbs
    f = facts_of("Crews, backed by water-bombing aircraft from Kherson, were battling the blaze.", "Kherson")
    assert not f.locative
    assert facts_of("Kherson was shelled overnight.", "Kherson").locative


def test_the_place_of_a_passive_subject():
    # what the name is the place of, right after it: "four Hopkinton homes were burglarized"
    f = facts_of("Police said four Kherson homes were burglarized on Wednesday.", "Kherson")
    assert f.locative and MENTION_EVIDENCE["event_clause"](f)
    assert facts_of("A Kherson school was shelled overnight.", "Kherson").locative
    # ... not a person of it (a residence), nor over a comma
    assert not facts_of("A Kherson man was arrested in Kyiv.", "Kherson").locative
    assert not facts_of("Trucks left Kherson, and homes were burglarized.", "Kherson").locative


def test_a_town_in_a_description_of_the_place_before_it_is_a_reference():
    # "Kherson, an industrial hub on the outskirts of Syria's al-Bab": al-Bab says where Kherson lies
    text = "A fire at a factory in Kherson, an industrial hub on the northern outskirts of Syria's al-Bab, killed five."
    assert facts_of(text, "al-Bab").reference and pick(text).mention.surface == "Kherson"
    # ... not a clause of its own after a fronted place: "In Kherson, a landslide in the town of al-Bab"
    assert not facts_of("In Kherson, a landslide in the town of al-Bab buried a house.", "al-Bab").reference
    # ... nor an elliptical clause, which describes no place: "One died in Kherson, the others in al-Bab."
    assert not facts_of("One died in Kherson, the others in al-Bab.", "al-Bab").reference


def test_a_first_line_that_is_not_the_records_title_is_no_title():
    # a copied page opens with the outlet's name ("Kherson Daily"): with a title of its own, the record's
    # first line is not its headline, and the place in it is named in no title
    text = "Kherson Daily\nBy Jane Doe\n\nShelling hit al-Bab on Tuesday, killing three."
    f = facts_of(text, "Kherson", title="Shelling kills three in Syria")
    assert MENTION_EVIDENCE["title"](f) == 0.0 and MENTION_EVIDENCE["lead"](f) == 0.0
    assert pick(text, title="Shelling kills three in Syria").mention.surface == "al-Bab"
    # without a title of its own, such a first line is the headline
    assert MENTION_EVIDENCE["title"](facts_of("Kherson shelled\n\nShelling hit the city on Tuesday.", "Kherson")) == 1.0


@pytest.mark.parametrize("text, withheld", [
    ("The ministry did not say where the farm was located.", True),
    ("The health unit did not say in which community the person lives.", True),
    ("The ministry did not give the name of the man's village or district.", True),
    ("It did not name the commune where the farm is located.", True),
    ("I am not naming the village at residents' request.", True),
    ("The family's hometown was not released.", True),
    ("The drone fell in a sparsely populated area, the military said, without giving the exact location.", True),
    ("The agency declined to name the village.", True),  # (no "not" in the text)
    ("The convoy left without saying where it was going.", True),
    ("He left without saying goodbye.", False),
    ("The department did not release the child's age, hometown or county, citing privacy.", True),
    ("Police did not release the names of the victims.", False),  # people, not places
    ("The ministry did not say how many birds died.", False),
    ("Officials said the farm lies near the border.", False),
])
def test_a_text_says_it_withholds_the_place(text, withheld):
    from geomap.textfacts import place_withheld
    assert place_withheld(text) is withheld


def test_the_area_is_the_answer_when_the_text_withholds_the_town():
    # the guide's rule 6 ("REGINA — … found injured on a farm in the province … The RCMP did not say where in
    # Saskatchewan the farm is"): the dateline and the speaker's town place no event of their own
    text = ("MOSCOW (Reuters) - Russia has confirmed bird flu on a farm, the ministry said in Moscow on Saturday. "
            "It did not say where the farm is.")
    assert pick(text).mention.surface == "Russia"
    assert pick(text.replace(" It did not say where the farm is.", "")).mention.surface == "MOSCOW"
    # a town with an event of its own stays: "… confirmed bird flu on a farm in Moscow. It did not say where …"
    text = ("MOSCOW (Reuters) - A fire killed two on a farm near Moscow, Russia's ministry said on Saturday. "
            "It did not say where the farm is.")
    assert pick(text).mention.surface != "Russia"


def test_a_lake_holds_the_town_named_beside_it():
    # "capsized in Lake Victoria shortly after leaving the port of Bukoba": the town pins the event on the lake
    lake = place(-7, "Lake Assad", "LK", lat=36.0, lon=38.2)._replace(feature_class="H", country_code="")
    text = "A boat capsized in Lake Assad shortly after leaving the port of al-Bab, killing 19."
    found = [M(19, 29, "Lake Assad", "place", lake), M(72, 78, "al-Bab", "place", AL_BAB)]
    assert choose(analyse(text, found)).mention.surface == "al-Bab"
    # ... named in another sentence, it is no shore town of the lake's event
    text = "A boat capsized in Lake Assad, killing 19. Survivors were taken to al-Bab."
    found = [M(19, 29, "Lake Assad", "place", lake), M(67, 73, "al-Bab", "place", AL_BAB)]
    assert choose(analyse(text, found)).mention.surface == "Lake Assad"


def _found(text: str, named: dict) -> list[M]:
    """Mentions of the names of ``named`` in ``text`` (each occurrence), as the geoparser would give them."""
    out = []
    for name, p in named.items():
        i = text.find(name)
        while i >= 0:
            out.append(M(i, i + len(name), name, "place", p))
            i = text.find(name, i + 1)
    return sorted(out, key=lambda m: m.start)


def test_a_second_level_unit_the_text_calls_a_province_holds_only_its_own_towns():
    # "the Andean province of Pataz in Peru's La Libertad region": GeoNames' Provincia de Pataz (ADM2), read at the
    # text's level (a province), holds its own towns, not Trujillo, the capital of the region it lies in
    pataz = place(3933847, "Provincia de Pataz", "ADM2", cc="PE", admin1="14", admin2="1308", lat=-7.77, lon=-77.6)
    trujillo = place(3691175, "Trujillo", "PPLA", cc="PE", admin1="14", admin2="1301", lat=-8.11, lon=-79.03)
    tayabamba = place(3691860, "Tayabamba", "PPL", cc="PE", admin1="14", admin2="1308", lat=-8.28, lon=-77.3)
    text = ("TRUJILLO, Peru (Reuters) - A bus fell into a gorge in the Andean province of Pataz on Thursday, killing "
            "19 people. The bus had left Trujillo on Wednesday. The injured were flown to Trujillo's hospital.")
    named = {"TRUJILLO": trujillo, "Pataz": pataz, "Trujillo": trujillo}
    a = analyse(text, _found(text, named))
    province = next(c for c in a.candidates if c.place is pataz)
    assert province.level == 3  # (the text's word)
    assert not _inside(province, next(c for c in a.candidates if c.place is trujillo))
    assert choose(a).mention.place is pataz
    text += " Its passengers worked in the mines near Tayabamba."
    a = analyse(text, _found(text, {**named, "Tayabamba": tayabamba}))
    assert _inside(next(c for c in a.candidates if c.place is pataz), next(c for c in a.candidates
                                                                           if c.place is tayabamba))


@pytest.mark.parametrize("word", ["department", "prefecture"])
def test_a_department_is_a_district_where_the_gazetteer_says_so(word):
    # "in the Mayo-Tsanaga department of Cameroon's Far North region": a department is a district in Cameroon (an
    # ADM2 in GeoNames), a region in Colombia (an ADM1); the finer place, and the one the outbreak spread across
    mayo = place(9224951, "Mayo-Tsanaga", "ADM2", cc="CM", admin1="12", admin2="9224951", lat=10.75, lon=13.8)
    far_north = place(2233376, "Far North", "ADM1", cc="CM", admin1="12", lat=10.6, lon=14.3)
    text = (f"A cholera outbreak has killed 17 people in the Mayo-Tsanaga {word} of Cameroon's Far North region, "
            f"the ministry said. Patients have since died across the {word}, officials in the Far North said.")
    a = analyse(text, _found(text, {"Mayo-Tsanaga": mayo, "Far North": far_north}))
    district = next(c for c in a.candidates if c.place is mayo)
    assert district.level == 2 and district.spread_over
    assert choose(a).mention.place is mayo
    # ... and a region where the gazetteer says it is one
    antioquia = place(3689815, "Antioquia", "ADM1", cc="CO", admin1="02", lat=7.0, lon=-75.5)
    text = f"Floods hit the Antioquia {word}. Floods killed 12 people across the {word}."
    a = analyse(text, _found(text, {"Antioquia": antioquia}))
    assert a.candidates[0].level == 3 and a.candidates[0].spread_over


def test_where_listeners_were_told_is_no_event_place():
    # "… the department's prefect told a meeting of humanitarian agencies in Diffa": where it was said
    assert facts_of("Floods destroyed 1,400 houses in Kherson, the prefect told a meeting of aid agencies in Kyiv.",
                    "Kyiv").attribution
    # (not across an event word: "told reporters gunmen had attacked a village in Kyiv" places the attack)
    assert not facts_of("The prefect told reporters gunmen attacked a checkpoint in Kyiv.", "Kyiv").attribution
    assert not facts_of("The prefect told the mob burned cars in Kyiv.", "Kyiv").attribution
    assert not facts_of("The prefect told police, relatives and aid agencies in Kyiv.", "Kyiv").attribution
    # (and a declaration is an act: "declared a state of catastrophe in the Maule region")
    assert not facts_of("Ukraine declared a state of emergency over the floods in Kherson.", "Kherson").attribution
    # ... done for the place it is declared in: "A state of emergency has been declared in the Tasman District"
    assert not facts_of("A state of emergency has been declared in Kherson after floods.", "Kherson").attribution
    assert facts_of("Floods hit Kherson, the minister declared in Kyiv.", "Kyiv").attribution


@pytest.mark.parametrize("at", ["a hydrologist at Kyiv University", "a researcher at the University of Kyiv",
                                "experts from Kyiv State University"])
def test_an_experts_institution_is_no_event_place(at):
    # "Professor Hugh Pennington, a bacteriologist at Aberdeen University, was quoted as saying …" of a death in
    # Paisley: where the expert works, not where the event was
    text = f"Floods killed 12 people in Kherson on Monday. Ivan Petrenko, {at}, blamed the collapse of a dam."
    assert facts_of(text, "Kyiv").attribution
    assert pick(text).mention.surface == "Kherson"
    # an event at the university is there; so are its students
    for event in ("A gunman opened fire at Kyiv University", "Students at Kyiv University were killed",
                  "A hydrologist was killed at Kyiv"):
        assert not facts_of(f"{event} on Monday.", "Kyiv").attribution, event


def test_the_story_starts_at_its_dateline():
    # a copied page: its headline run into the text, a line of the page, then the dateline: the lead is the
    # dateline's sentence and the one after, and the first sentence is the headline
    text = ("Two killed in blast. Megan Gildow brings you the latest from the offices and halls of local schools. "
            "MOSCOW — A bomb killed two people in Kherson on Monday. Police closed the road.")
    f = facts_of(text, "Kherson")
    assert f.in_lead and f.in_dateline is False
    assert facts_of(text, "MOSCOW").in_dateline
    assert analyse(text, mentions(text)).title_sentence == 0
    # (a record with a title of its own keeps it; the first sentence is then no headline)
    assert analyse(text, mentions(text), title="Bomb in Kherson").title_sentence == -1


def test_an_unsure_town_places_more_than_its_country():
    # the geoparser hesitated between namesakes (0.29): still a better answer than the country, the only sure place
    text = "A woman from al-Bab was sentenced in Syria on Monday for fraud, the court in al-Bab said."
    unsure = [M(m.start, m.end, m.surface, m.kind, m.place, 0.29 if m.surface == "al-Bab" else 1.0)
              for m in mentions(text)]
    assert choose(analyse(text, unsure)).mention.surface == "al-Bab"
    # ... but not beside a sure town, nor when it is too unsure
    text2 = text.replace("sentenced in Syria", "sentenced in Aleppo")
    unsure2 = [M(m.start, m.end, m.surface, m.kind, m.place, 0.29 if m.surface == "al-Bab" else 1.0)
               for m in mentions(text2)]
    assert choose(analyse(text2, unsure2)).mention.surface == "Aleppo"
    doubtful = [M(m.start, m.end, m.surface, m.kind, m.place, 0.1 if m.surface == "al-Bab" else 1.0)
                for m in mentions(text)]
    assert choose(analyse(text, doubtful)).mention.surface == "Syria"


def test_a_headline_run_into_the_story():
    # some corpora store the headline as the story's first sentence, on the same line: it is the title there
    text = "Bomb kills two in Kherson. Police said the bomb went off on Monday, an official in Kyiv said."
    title = "Bomb kills two in Kherson"
    assert analyse(text, mentions(text), title=title).title_sentence == 0
    assert facts_of(text, "Kherson", title=title).in_title
    assert analyse(text, mentions(text), title="Two killed").title_sentence == -1  # (another title: the page's)


def test_a_blackout_is_an_event():
    # "outages were reported across moldova … after strikes on ukraine's energy system": the outages are the story
    text = "Power outages were reported across Syria on Sunday."
    assert facts_of(text, "Syria").event_in_clause
    assert facts_of(text.replace("outages", "blackouts"), "Syria").event_in_clause
    assert not facts_of(text.replace("Power outages were", "Rain was"), "Syria").event_in_clause


def test_a_river_across_is_crossed_not_covered():
    # "found near the village of Grindu … hours after drones attacked the port of Reni just across the Danube"
    danube = place(-300001, "Danube", "STM", cc="", admin1="", lat=45.2, lon=28.7)._replace(feature_class="H")
    text = "Drone debris was found near al-Bab, hours after drones attacked the port of al-Rai just across the Danube."
    found = mentions(text) + [M(text.index("Danube"), text.index("Danube") + 6, "Danube", "place", danube)]
    a = analyse(text, sorted(found, key=lambda m: m.start))
    river = next(f for c in a.candidates for f in c.facts if f.mention.surface == "Danube")
    assert not river.spread
    # ... while an area is covered: "floods across Syria"
    assert facts_of("Floods spread across Syria, killing three.", "Syria").spread


def test_an_embassy_an_event_is_done_to_is_its_scene():
    # "protesters broke through the gate of the Dutch embassy compound in Baghdad": an event done to an embassy or a
    # meeting happens where it is; the embassy that speaks ("the embassy in Kyiv said") is where it was said
    text = "Protesters broke through the gate of the Turkish embassy compound in Kyiv on Friday."
    assert not facts_of(text, "Kyiv").attribution
    assert facts_of("The Turkish embassy in Kyiv said two staff were hurt.", "Kyiv").attribution
    assert facts_of("The attack was condemned at a meeting in Kyiv.", "Kyiv").attribution


def test_firefighters_from_another_town_are_no_local_responder():
    # "Firefighters from Peru, Oglesby and Utica helped": they came to another town's fire; "firefighters in X" are X's
    assert not facts_of("A fire gutted a shop in al-Bab. Firefighters from al-Rai helped.", "al-Rai").responder
    assert facts_of("A fire gutted a shop. Firefighters in al-Rai said it was arson.", "al-Rai").responder


def test_an_airport_is_a_point():
    # a crash "at Boryspil airport" is as precise as one in a town: precision 1, not a region's 3
    from geomap.incident import precision_of

    airport = place(-1, "Boryspil International Airport", "AIRP", cc="UA", admin1="13")._replace(feature_class="S")
    assert precision_of(airport) == 1 and precision_of(KHERSON) == 1 and precision_of(ALEPPO_GOV) == 3


def test_downtown_stands_between_a_locative_and_its_place():
    # "fire gutted a building in downtown LaSalle": the locative introduces the town past "downtown"
    assert facts_of("Fire gutted a vacant building in downtown al-Bab on Monday.", "al-Bab").locative


def test_a_sea_holds_the_coast_an_event_at_sea_is_off():
    # "seized a tanker in the Gulf of Oman …, about 20 nautical miles off the Iranian port of Jask": the gulf's point
    # is a reference work's centre, the coast the event is off is where it happened
    gulf = place(-200001, "Gulf of Aleppo", "GULF", cc="", admin1="", lat=25.0, lon=58.0)._replace(feature_class="H")
    text = ("Iranian forces seized a tanker in the Gulf of Aleppo on Friday, boarding it from a helicopter about 20 "
            "nautical miles off the port of al-Bab.")
    found = mentions(text) + [M(text.index("Gulf"), text.index("Gulf") + 14, "Gulf of Aleppo", "place", gulf)]
    a = analyse(text, sorted(found, key=lambda m: m.start))
    assert facts_of(text, "al-Bab").offshore
    assert choose(a).mention.surface == "al-Bab"
    # ... not a place the sea is not off ("the tanker sailed from al-Rai"), nor "off" with no sea in the story
    assert not facts_of("The tanker sailed from al-Rai to the Gulf.", "al-Rai").offshore
    assert candidate("Police sealed off al-Bab after the blast.", "al-Bab").inside == 0.0


def test_a_distance_at_sea_makes_its_coast_the_estimate():
    # "waiting at anchor about 25 nautical miles south of Bonny": nothing at sea has a name, the coast stands in
    text = ("The tanker had sailed from al-Rai and was waiting at anchor about 25 nautical miles south of al-Bab when "
            "pirates boarded it.")
    f = facts_of(text, "al-Bab")
    assert f.reference and f.estimate
    # ... a distance on land is a reference point for the place the text names
    f = facts_of("A bomb hit the village of al-Rai, about 25 miles south of al-Bab.", "al-Bab")
    assert f.reference and not f.estimate


def test_a_headquarters_speaks_unless_the_event_struck_it():
    # "the force said in a statement from its headquarters in Rota": where it sits; "a car bomb exploded outside an
    # army battalion headquarters in Tame": the scene
    assert facts_of("The force said in a statement from its headquarters in Ankara that ten men boarded the dhow.",
                    "Ankara").attribution
    assert not facts_of("A car bomb exploded outside an army battalion headquarters in al-Bab on Friday.",
                        "al-Bab").attribution
    assert not facts_of("Protesters stormed the provincial government headquarters in al-Bab.", "al-Bab").attribution


def test_a_summit_or_a_waterfall_is_a_point_and_a_park_a_district():
    # "an avalanche on the Eiger", "swept over Iguazu Falls": as precise as a town (Natural Earth's peaks have no
    # country, and were read as vague areas of no one country: "Cerro Aconcagua" lost to its province's capital)
    from geomap.incident import precision_of, vague_area

    peak = place(-300002, "Cerro Aconcagua", "MT", cc="", admin1="", lat=-32.65, lon=-70.01)._replace(
        feature_class="T")
    falls = place(-580001, "Iguazu Falls", "FLLS", cc="AR", admin1="14")._replace(feature_class="H")
    park = place(-580002, "Kruger National Park", "PRK", cc="ZA", admin1="08")._replace(feature_class="L")
    assert precision_of(peak) == 1 and precision_of(falls) == 1 and precision_of(park) == 2
    assert not vague_area(peak)
    river = place(-300003, "Danube", "STM", cc="", admin1="")._replace(feature_class="H")
    assert vague_area(river) and precision_of(river) == 3


def test_a_park_holds_the_places_in_it():
    # "a ranger was killed near Pretoriuskop, in the Kruger National Park": the camp is the finer place of the park
    park = place(-580002, "Gazelle Valley National Park", "PRK", lat=36.4, lon=37.5)._replace(feature_class="L")
    name = "Gazelle Valley National Park"
    text = f"An elephant killed a ranger near al-Bab in the {name} on Monday, park officials said."
    found = mentions(text) + [M(text.index(name), text.index(name) + len(name), name, "place", park)]
    a = analyse(text, sorted(found, key=lambda m: m.start))
    assert choose(a).mention.surface == "al-Bab"
    assert next(c for c in a.candidates if c.place is park).contains_other > 0


def test_an_unplanned_landing_is_an_event():
    # "made an emergency landing in Erzurum": the incident of a diverted flight; a plane that lands where it meant to
    # is no event ("the flight landed in Ankara"), and "crash-landed" is one of its own
    assert facts_of("The jet made an emergency landing in al-Bab on Thursday.", "al-Bab").event_in_clause
    assert facts_of("The plane crash-landed in a field near al-Bab.", "al-Bab").event_in_clause
    assert not facts_of("The flight landed in al-Bab on Thursday.", "al-Bab").event_in_clause


def test_the_slopes_of_a_mountain_are_an_area_holding_its_districts():
    # "landslides struck on the slopes of Mount Elgon … in Bulambuli district": the slopes are an area (a region's
    # level, not the summit's point), and the district the text names on them is the finer place
    elgon = place(-580003, "Mount Aleppo", "MT", lat=36.45, lon=37.5)._replace(feature_class="T")
    name = "Mount Aleppo"
    text = (f"Landslides struck late on Wednesday on the slopes of {name}, burying homes in al-Bab district, "
            "officials said.")
    found = [m for m in mentions(text) if m.surface != "Aleppo"] + [
        M(text.index(name), text.index(name) + len(name), name, "place", elgon)]
    a = analyse(text, sorted(found, key=lambda m: m.start))
    summit = next(c for c in a.candidates if c.place is elgon)
    assert summit.level == 3 and summit.contains_other > 0
    assert choose(a).mention.surface == "al-Bab"


def test_an_area_inside_the_area_of_a_route_is_finer():
    # "a helicopter flying from Bhubaneswar to Jeypore made an emergency landing in a paddy field in Odisha's
    # Kandhamal district": the district in the state that holds the route is where it came down
    manbij = place(166000, "Manbij", "ADM2", admin2="MB", lat=36.5, lon=37.9)
    text = ("A helicopter flying from al-Bab to al-Rai made an emergency landing in a paddy field in Aleppo's Manbij "
            "district on Sunday, officials said.")
    found = mentions(text) + [M(text.index("Manbij"), text.index("Manbij") + 6, "Manbij", "place", manbij)]
    a = analyse(text, sorted(found, key=lambda m: m.start))
    assert choose(a).mention.surface == "Manbij"
    assert not next(c for c in a.candidates if c.place is ALEPPO_GOV).spread_over


def test_a_place_named_with_its_unit_of_a_larger_place_is_the_finer():
    # agency copy: "a chemical plant in Gaomi city of Weifang" (a county-level city of a prefecture-level one, 70 km
    # from its centre): the text says the second holds the first; the same words the other way ("the Weifang
    # suburb of Gaomi", the larger first) leave the larger one the holder it is read as
    weifang = place(1791681, "Weifang", cc="CN", admin1="25", lat=36.71, lon=119.10)._replace(population=2_044_028)
    gaomi = place(1809498, "Gaomi", cc="CN", admin1="25", lat=36.38, lon=119.75)._replace(population=391_986)

    def chosen(text):
        found = [M(i, i + len(n), n, "place", p) for n, p in (("Weifang", weifang), ("Gaomi", gaomi))
                 for i in [text.find(n)] if i >= 0]
        return choose(analyse(text, sorted(found, key=lambda m: m.start))).mention.surface

    assert chosen("An explosion at a chemical plant in Gaomi city of Weifang killed eight workers on Monday.") \
        == "Gaomi"
    from geomap.textfacts import qualifications
    text = "An explosion hit Gaomi city of Weifang."
    found = [M(text.index(n), text.index(n) + len(n), n, "place", p)
             for n, p in (("Gaomi", gaomi), ("Weifang", weifang))]
    qualified, qualifiers = qualifications(text, found)
    assert id(found[0]) in qualified and id(found[1]) in qualifiers
    text = "An explosion hit the Weifang district of Gaomi."
    found = [M(text.index(n), text.index(n) + len(n), n, "place", p)
             for n, p in (("Weifang", weifang), ("Gaomi", gaomi))]
    qualified, qualifiers = qualifications(text, found)
    assert id(found[0]) not in qualified and id(found[1]) not in qualifiers


def test_a_leak_is_an_event():
    # "an underground pipeline leaked about 2,100 barrels of crude oil onto farmland in Walsh County"
    assert facts_of("A pipeline leaked crude oil onto farmland in al-Bab, regulators said.", "al-Bab").event_in_clause


def test_the_holder_of_a_place_the_gazetteer_lacks_stands_in_for_it():
    # "Bengaluru, Mar 14 (PTI) Two men were arrested … for breaking into an ATM kiosk in Whitefield", titled "Two held
    # for ATM heist in Bengaluru's Whitefield": the locality is not in the gazetteer (left unresolved), the city that
    # holds it is where it happened, though it is the dateline, not the states of a gang's earlier thefts
    title = "Two held for ATM heist in Kherson's Whitefield"
    text = ("Kherson, Mar 14 (PTI) Two men were arrested for breaking into an ATM kiosk in Whitefield and fleeing with "
            "cash, police said. The gang is suspected of similar thefts in Kyiv.")

    def with_unfound(s):
        found = mentions(s)
        k = s.find("Whitefield")
        return sorted(found + [M(k, k + 10, "Whitefield", "place", None)], key=lambda m: m.start)

    def holders_of_title(s):
        from geomap.textfacts import holders_of
        k = s.index("KHERSON")
        return [m.surface for m in holders_of("Whitefield", s, [M(k, k + 7, "KHERSON", "place", KHERSON)])]

    a = analyse(text, with_unfound(text), title=title, title_mentions=with_unfound(title))
    assert a.unknown_place == "Whitefield"
    assert choose(a).mention.surface == "Kherson"
    # a title in capitals says it as well ("TWO HELD FOR ATM HEIST IN BENGALURU'S WHITEFIELD")
    assert holders_of_title("TWO HELD FOR ATM HEIST IN KHERSON'S WHITEFIELD") == ["KHERSON"]
    # without its holder, the text's other place stays first
    a = analyse(text, with_unfound(text), title="Two held for ATM heist", title_mentions=[])
    assert choose(a).mention.surface == "Kyiv"
    # the holder by a comma or a unit word in the text itself
    from geomap.textfacts import holders_of
    for s in ("a kiosk in Whitefield, Kherson", "the Whitefield district of Kherson", "Whitefield in Kherson"):
        assert [m.surface for m in holders_of("Whitefield", s, mentions(s))] == ["Kherson"]
    for s in ("Whitefield and Kherson", "deaths in Whitefield, Kherson, Kyiv and Aleppo",
              "Whitefield, Kherson and Kyiv"):
        assert holders_of("Whitefield", s, mentions(s)) == []
