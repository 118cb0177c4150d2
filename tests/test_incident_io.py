"""Around the incident chooser: its word lists, dates, sentences, ``--incidents each`` and ``eval-incidents``."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.reldate import event_date
from geomap.sentences import CLAUSE_MARK, NUMBER_WORDS, clause_bounds, lemmas, split_sentences, word_list

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
SAMPLES = TESTS_DIR.parent / "samples" / "wikinews"

# every word list of the incident chooser (the geoparser's are in data/words/, tested in test_wordlists.py)
WORD_LISTS = sorted(p.name for p in resources.files("geomap").joinpath("data").iterdir() if p.name.endswith(".txt"))


def test_the_incident_word_lists_are_all_read():
    from geomap.textfacts import _vocabulary

    read = {f"{name}.txt" for name in _vocabulary()} | {"background_words.txt", "secondary_words.txt"}
    assert read == set(WORD_LISTS)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_word_lists_are_sorted_lower_case_and_without_duplicates(name):
    text = resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == sorted(lines), f"{name} is not sorted"
    assert len(lines) == len(set(lines)), f"{name} has duplicates"
    assert all(line and line == line.strip().lower() for line in lines), f"{name} has blank or capitalised lines"
    assert text.startswith("#"), f"{name} needs a header saying what it is and where it comes from"
    assert word_list(name) == frozenset(lines)


@pytest.mark.parametrize("word, base", [("shelled", "shell"), ("clashes", "clash"), ("stabbing", "stab"),
                                        ("died", "die"), ("injuries", "injury"), ("killed", "kill"),
                                        ("protesters", "protester"), ("culled", "cull"), ("Syria's", "syria")])
def test_lemmas(word, base):
    assert base in lemmas(word)


def test_every_event_word_form_is_found():
    events = word_list("event_words.txt")
    for form in ("killed", "airstrikes", "shelling", "shelled", "clashes", "protests", "exploded", "explosions",
                 "floods", "earthquakes", "arrested", "outbreaks", "culled", "attacked", "wounded", "raided"):
        assert any(b in events for b in lemmas(form)), form


def test_sentences():
    text = "Title line\n\nU.S. forces met Gen. Smith in St. Petersburg. He left. Then\nit rained.\nMOSCOW — Next."
    got = [text[s.start:s.end] for s in split_sentences(text)]
    assert got == ["Title line", "U.S. forces met Gen. Smith in St. Petersburg.", "He left.", "Then\nit rained.",
                   "MOSCOW — Next."]
    paragraphs = [s.paragraph for s in split_sentences(text)]
    assert paragraphs == [0, 1, 1, 1, 2]


def test_recased_reads_an_uncased_text_as_prose():
    """A text in capitals or lower case is read in the case prose would use: its mentions' words, the first
    word of a line, of a sentence and in brackets capitalised; same length and offsets."""
    from geomap.textfacts import recased, uncased

    class M:
        def __init__(self, start, end):
            self.start, self.end = start, end

    text = "KYIV (REUTERS) - SHELLING HIT AL-BAB, IN SYRIA'S ALEPPO PROVINCE. TWO DIED.\nPOLICE SAID SO"
    got = recased(text, [M(0, 4), M(30, 36), M(41, 46), M(49, 55)])
    # (a place that opens a line before a dash or colon is a dateline, in capitals as wire copy writes it)
    assert got == "KYIV (Reuters) - shelling hit Al-bab, in Syria's Aleppo province. Two died.\nPolice said so"
    assert recased(text.lower(), [M(0, 4)]).startswith("KYIV (Reuters) - shelling hit al-bab")
    assert recased("bogotá — police captured 43.", [M(0, 6)]).startswith("BOGOTÁ — police")
    assert recased("peshawar: a blast hit kohat.", [M(0, 8), M(22, 27)]) == "PESHAWAR: a blast hit Kohat."
    assert recased("kyiv said so.", [M(0, 4)]) == "Kyiv said so."
    assert uncased(text) and uncased(text.lower()) and not uncased(got)
    assert len(recased("İSTANBUL", [])) == len("İSTANBUL")


def test_clause_bounds():
    text = "Shelling hit Kherson; the governor, who was in Kyiv, spoke."
    s = split_sentences(text)[0]
    start, end = clause_bounds(text, s, text.index("Kherson"))
    assert text[start:end] == "Shelling hit Kherson"
    start, end = clause_bounds(text, s, text.index("Kyiv"))
    assert "Kyiv" in text[start:end] and "Kherson" not in text[start:end]
    text = "The attack came hours before a new government was sworn in in Kyiv."
    start, end = clause_bounds(text, split_sentences(text)[0], text.index("Kyiv"))
    assert text[start:end] == "before a new government was sworn in in Kyiv."
    # ... or a number: "the worst loss of life for police | since four federal agents died 15 years ago … in Waco"
    text = "It was the worst day since four soldiers died 15 years ago in Kyiv."
    start, end = clause_bounds(text, split_sentences(text)[0], text.index("Kyiv"))
    assert text[start:end] == "since four soldiers died 15 years ago in Kyiv."
    # ... not of days: "several communities in St Thomas remained marooned after two days of heavy rainfall
    # caused rivers to overflow" is one clause, its place the rain's
    text = "Villages in Kyiv were cut off after two days of heavy rain caused floods."
    assert clause_bounds(text, split_sentences(text)[0], text.index("Kyiv")) == (0, len(text))
    text = "Troops returned from Kherson after the attack."
    start, end = clause_bounds(text, split_sentences(text)[0], text.index("Kherson"))
    assert text[start:end] == "Troops returned from Kherson"
    # a colon between digits is a time, not a clause's end: "derailed at about 11:40 a.m. in Kherson"
    text = "The train derailed at about 11:40 a.m. in Kherson, officials said: two died."
    start, end = clause_bounds(text, split_sentences(text)[0], text.index("Kherson"))
    assert text[start:end] == "The train derailed at about 11:40 a.m. in Kherson, officials said"


# CLAUSE_MARK as first written: its span-of-time branch looks back from every offset (``sentences.CLAUSE_MARK`` reads
# back from the space instead, three times faster); both must cut every text at the same marks
_PLAIN_CLAUSE_MARK = re.compile(
    r";|:(?!\d)|\s[—–\x97-]{1,2}\s|,\s+(?:which|who|whom|whose|but|while|whereas|although|though)\b|"
    r"(?:(?<=days)|(?<=week)|(?<=weeks)|(?<=month)|(?<=months)|(?<=year)|(?<=years)|(?<=decade)|(?<=decades))"
    r"\s(?=after\s(?!(?:day|week|month|year|decade)\b))|"
    r"\s(?=(?:before|after|until|since|because|when)\s+(?:a|an|the|its|his|her|their|[A-Z][\w-]*|(?:\d[\d,]*|"
    + "|".join(NUMBER_WORDS) + r"|dozens|hundreds|thousands)(?!\s+(?:minute|hour|day|night|week|month|year|decade)"
    r"s?\b))\b)")
_CLAUSE_PIECES = ["; ", ": ", "12:30", " — ", " - ", " -- ", ", which ", ", but ", ", whose", "two days after the",
                  "weeks after a", "holidays after 3", "years after decades ", " after the ", " before Kyiv ",
                  " since four ", " since four days ", " when dozens ", " because its ", "a", "B", " ", "\n", ",",
                  "after", "days", "year"]


@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=14))
def test_clause_mark_cuts_where_its_plain_form_does(pieces):
    text = "".join(pieces)
    assert [m.span() for m in CLAUSE_MARK.finditer(text)] == [m.span() for m in _PLAIN_CLAUSE_MARK.finditer(text)]


@pytest.mark.parametrize("sentence, article, expected", [
    ("Shelling on Tuesday killed two.", "2017-02-09", "2017-02-07"),   # a Thursday: the Tuesday before
    ("Shelling on Thursday killed two.", "2017-02-09", "2017-02-09"),  # the same day
    ("Yesterday a missile struck.", "2017-02-09", "2017-02-08"),
    ("Last night a missile struck.", "2017-02-09", "2017-02-08"),
    ("Fighting last week.", "2017-02-09", "2017-02-02"),
    ("On 3 March a bomb exploded.", "2017-02-09", "2016-03-03"),       # not in the future: the year before
    ("On Feb. 8 a bomb exploded.", "2017-02-09", "2017-02-08"),
    ("On March 3, 2015, a bomb exploded.", "", "2015-03-03"),
    ("On Tuesday a bomb exploded.", "", ""),                            # no article date: no weekday
    ("Officials may 5 times have met.", "2017-02-09", ""),              # "may" is no month
    ("Nothing here.", "2017-02-09", ""),
    ("The day before yesterday a missile struck.", "2017-02-09", "2017-02-07"),
    ("Three days ago a missile struck.", "2017-02-09", "2017-02-06"),
    ("A bomb exploded 10 days ago.", "2017-02-09", "2017-01-30"),
    ("Talks resume next Tuesday after shelling on Monday.", "2017-02-09", "2017-02-06"),  # the plan passed over
    ("Talks resume next Tuesday.", "2017-02-09", ""),
    ("Shelling on Tuesday killed two.", "2017-02-09T23:10:00+02:00", "2017-02-07"),     # a time of day
    ("Shelling on Tuesday killed two.", "09/02/2017", ""),                              # not ISO: no date
    ("Shelling on Tuesday killed two.", None, ""),
    ("Shelling on Tuesday killed two.", float("nan"), ""),
    ("On 31 February a bomb exploded.", "2017-03-09", ""),                              # no such day
])
def test_event_date(sentence, article, expected):
    assert event_date(sentence, article) == expected


def test_event_date_takes_dates_and_timestamps():
    import datetime as dt

    import pandas as pd

    assert event_date("Yesterday a missile struck.", dt.date(2017, 2, 9)) == "2017-02-08"
    assert event_date("Yesterday a missile struck.", pd.Timestamp("2017-02-09 10:00")) == "2017-02-08"
    assert event_date("Yesterday a missile struck.", pd.NaT) == ""


# -- the pipeline and the command -------------------------------------------------------

@pytest.fixture(scope="module")
def geoparser(gazetteer):
    from geomap.geoparser import Geoparser

    return Geoparser(gazetteer)


def test_incidents_each_on_the_multi_incident_fixture(geoparser):
    from geomap.events import read_inputs
    from geomap.pipeline import locate

    events = read_inputs([DATA_DIR / "multi_incident.txt"]).events
    events["date"] = "2024-03-07"  # a Thursday
    located = locate(events, geoparser, incidents="each")
    inc = located.incidents
    assert len(inc) >= 3 and list(inc["incident_no"]) == list(range(1, len(inc) + 1))
    assert inc["geonameid"].is_unique
    for _, row in inc.iterrows():
        assert row["text"][int(row["start"]):int(row["end"])] == row["surface"]  # its sentence names its place
        assert row["event_id"] == "multi_incident.txt:1" and row["dateline"].lower().startswith("kyiv")
    dates = dict(zip(inc["surface"], inc["date"]))
    assert dates.get("Kherson") == "2024-03-05"   # "on Tuesday"
    assert "Odesa" not in dates                   # last year's attack is background
    one = locate(events, geoparser)
    assert len(one.incidents) == 1 and one.incidents.iloc[0]["incident_no"] == 1
    assert one.summary().splitlines()[0] == "1 records read: 1 located, 0 unlocated"
    assert located.summary().splitlines()[:2] == ["1 records read: 1 located, 0 unlocated",
                                                 f"  {len(inc)} incidents (several in one record: --incidents each)"]


def test_incidents_each_on_the_samples(geoparser):
    from geomap.events import read_inputs
    from geomap.pipeline import locate

    events = read_inputs([SAMPLES]).events
    located = locate(events, geoparser, incidents="each")
    assert set(located.incidents["event_id"]) | set(located.unlocated["event_id"]) == set(events["event_id"])
    for _, row in located.incidents.iterrows():
        assert row["text"][int(row["start"]):int(row["end"])] == row["surface"], row["event_id"]


def test_incidents_mode_is_checked(geoparser):
    from geomap.pipeline import locate

    with pytest.raises(ValueError, match="one, each"):
        locate(__import__("pandas").DataFrame(), geoparser, incidents="all")


GOLD = [
    {"id": "a", "title": "Shelling in Kherson", "text": "Shelling in Kherson killed two.",
     "incident": {"name": "Kherson", "lat": 46.6354, "lon": 32.6169, "geonameid": 706448, "precision": 1,
                  "mentions": [[12, 19]]}, "dateline": "", "secondary": [], "reason": "shelling"},
    {"id": "b", "title": "Talks", "text": "MOSCOW — The minister met his counterpart in Ankara.",
     "incident": {"name": "Kherson", "lat": 46.6354, "lon": 32.6169, "geonameid": 706448, "precision": 1,
                  "mentions": []}, "dateline": "MOSCOW", "secondary": [], "reason": "test of a miss"},
    {"id": "c", "title": "", "text": "Nothing happened today.", "incident": None, "dateline": "",
     "secondary": [], "reason": "no place"},
]


def test_evaluate_incidents(geoparser, tmp_path):
    from geomap.incident_eval import evaluate_incidents, read_gold

    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    scores = evaluate_incidents(read_gold(path), geoparser, path=str(path))
    assert (scores.articles, scores.with_incident, scores.null_articles, scores.null_located) == (3, 2, 1, 0)
    assert scores.within_near == 0.5 and scores.within_far == 0.5
    assert [o.id for o in scores.misses] == ["b"]
    assert sum(n for _, n, _ in scores.calibration) == 2


def test_read_gold_says_where_a_line_is_bad(tmp_path):
    from geomap.errors import InputFormatError
    from geomap.incident_eval import read_gold

    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{\"id\": \"x\"}\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad.jsonl: line 2 .*\"text\""):
        read_gold(path)


def test_read_gold_keeps_line_separators_inside_strings(tmp_path):
    # JSON writes U+2028 and U+0085 raw (ensure_ascii=False); they are no line breaks of JSONL
    from geomap.incident_eval import read_gold

    path = tmp_path / "gold.jsonl"
    first = dict(GOLD[0], text=GOLD[0]["text"] + "\u2028Second line.\x85Third.")
    path.write_text(json.dumps(first, ensure_ascii=False) + "\r\n" + json.dumps(GOLD[2]) + "\n", encoding="utf-8")
    gold = read_gold(path)
    assert [g.id for g in gold] == ["a", "c"] and gold[0].text.endswith("\u2028Second line.\x85Third.")


def test_eval_incidents_command(cli_env, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geomap", "eval-incidents", str(path), "-q"], env=cli_env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "within 25 km: 0.500   within 161 km: 0.500" in run.stdout
    assert "misses (1)" in run.stdout and "b | " in run.stdout
    run = subprocess.run([sys.executable, "-m", "geomap", "eval-incidents", str(path), "-q", "--json"],
                         env=cli_env, capture_output=True, text=True, timeout=300)
    assert json.loads(run.stdout)["within_near"] == 0.5
    # the same articles in capitals: the datelines and names must still be read
    run = subprocess.run([sys.executable, "-m", "geomap", "eval-incidents", str(path), "-q", "--json", "--case",
                          "upper"], env=cli_env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["articles"] == 3 and json.loads(run.stdout)["within_near"] == 0.5


def test_eval_incidents_with_an_area(cli_env, tmp_path):
    # a local paper's own story names its town bare: scored with the paper's area, it is found there
    import subprocess
    import sys

    story = {"id": "berea", "title": "Woman is robbed behind Berea apartment complex",
             "text": "Berea police are searching for a suspect in a robbery outside an apartment complex.",
             "incident": {"name": "Berea, Kentucky", "lat": 37.5687, "lon": -84.2963}}
    path = tmp_path / "local.jsonl"
    path.write_text(json.dumps(story) + "\n", encoding="utf-8")
    near = []
    for area in ((), ("--area", "Kentucky, United States")):
        run = subprocess.run([sys.executable, "-m", "geomap", "eval-incidents", str(path), "-q", "--json", *area],
                             env=cli_env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        near.append(json.loads(run.stdout)["within_near"])
    assert near == [0.0, 1.0]
    run = subprocess.run([sys.executable, "-m", "geomap", "eval-incidents", str(path), "-q", "--area", "Kentuky"],
                         env=cli_env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "did you mean 'Kentucky'?" in run.stderr and "Traceback" not in run.stderr


def test_the_shipped_incident_sets_follow_the_guide():
    """Every shipped incident set passes benchmarks/validate_incidents.py (incidents_news.jsonl, the first
    set written blind, gives no mention offsets and is left out)."""
    import subprocess
    import sys

    data = TESTS_DIR.parent / "benchmarks" / "data"
    sets = sorted(p for p in data.glob("incidents_*.jsonl") if p.name != "incidents_news.jsonl")
    assert len(sets) >= 6
    script = TESTS_DIR.parent / "benchmarks" / "validate_incidents.py"
    done = subprocess.run([sys.executable, str(script), *map(str, sets)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_the_tuner_judges_what_eval_incidents_measures(geoparser):
    # a story in lower case names lautoka only at its start: only its own title, read with it as one document
    # (as the pipeline reads an article), makes the name a place; read alone, the health ministry's suva wins
    from geomap.incident_eval import GoldIncident, evaluate_incidents
    from geomap.incident_tuning import judge, prepare

    gold = [GoldIncident(id="t", title="dengue cases climbing in lautoka", date="2024-03-02",
                         text="lautoka has recorded 40 new dengue cases this week, the health ministry in suva said.",
                         name="Lautoka", lat=-17.61686, lon=177.45049, geonameid=2204506, dateline="")]
    measured = evaluate_incidents(gold, geoparser)
    assert (measured.within_near, measured.within_far) == (1.0, 1.0)
    assert judge(prepare(gold, geoparser)) == (measured.within_near, measured.within_far)
