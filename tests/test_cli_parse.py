"""``geomap parse`` and ``geomap eval``, run in-process against the session index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.cli import main

DATA_DIR = Path(__file__).resolve().parent / "data"
SAMPLE = DATA_DIR / "geovirus_sample.jsonl"
SCORE_KEYS = {"precision", "recall", "f1", "acc@161", "auc"}


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def gold_records() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sample_is_eight_gold_records():
    records = gold_records()
    assert len(records) == 8
    for rec in records:
        assert rec["toponyms"]
        for t in rec["toponyms"]:
            assert rec["text"][t["start"]:t["end"]] == t["name"]


def test_parse_text(capsys, cli_gazetteer):
    code, out, err = run(capsys, "parse", "-q", "--text", "Clashes near al-Bab, Syria.")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["id"] == "text-1" and rec["text"] == "Clashes near al-Bab, Syria."
    names = [t["name"] for t in rec["toponyms"]]
    assert names == ["al-Bab", "Syria"]
    al_bab = rec["toponyms"][0]
    assert (al_bab["start"], al_bab["end"], al_bab["geonameid"]) == (13, 19, 174018)
    assert al_bab["kind"] == "place" and al_bab["country_code"] == "SY"
    assert 0 <= al_bab["confidence"] <= 1


def test_parse_several_texts(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "parse", "-q", "--text", "Talks in Moscow.", "--text", "No places here.")
    assert code == 0
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in recs] == ["text-1", "text-2"]
    assert recs[0]["toponyms"][0]["geonameid"] == 524901
    assert recs[1]["toponyms"] == []


@pytest.mark.parametrize("area, admin1", [("", ""), ("Kentucky, United States", "Kentucky"), ("Ohio", "Ohio")])
def test_parse_area_reads_an_ambiguous_name_there(capsys, cli_gazetteer, area, admin1):
    code, out, err = run(capsys, "parse", "-q", "--text", "Berea police said.", *(("--area", area) if area else ()))
    assert code == 0, err
    (berea,) = json.loads(out)["toponyms"]
    assert (berea["country_code"], berea["admin1"]) == (("US", admin1) if area else ("LS", "Berea"))


def test_parse_jsonl_to_file(capsys, cli_gazetteer, tmp_path):
    out_path = tmp_path / "tmp.jsonl"
    code, out, err = run(capsys, "parse", "--jsonl", SAMPLE, "-o", out_path)
    assert code == 0, err
    assert out == ""
    assert f"Wrote 8 records to {out_path}" in err
    gold = gold_records()
    pred = read_jsonl(out_path)
    assert len(pred) == 8
    assert [p["id"] for p in pred] == [g["id"] for g in gold]
    for p, g in zip(pred, gold):
        assert p["text"] == g["text"]
        assert p["toponyms"], p["id"]
        for t in p["toponyms"]:
            assert p["text"][t["start"]:t["end"]] == t["name"]
            assert {"start", "end", "name", "kind", "lat", "lon", "geonameid", "confidence"} <= t.keys()


def test_parse_jsonl_given_spans(capsys, cli_gazetteer, tmp_path):
    out_path = tmp_path / "given.jsonl"
    code, _, err = run(capsys, "parse", "-q", "--jsonl", SAMPLE, "--given-spans", "-o", out_path)
    assert code == 0, err
    pred = read_jsonl(out_path)
    gold = gold_records()
    assert len(pred) == 8
    for p, g in zip(pred, gold):
        assert [(t["start"], t["end"], t["name"]) for t in p["toponyms"]] == \
               [(t["start"], t["end"], t["name"]) for t in g["toponyms"]]


def test_parse_given_spans_needs_jsonl(capsys, cli_gazetteer):
    code, out, err = run(capsys, "parse", "--given-spans", "--text", "al-Bab")
    assert code == 2
    assert out == "" and "Traceback" not in err
    assert "--given-spans needs --jsonl" in err


def test_eval_json(capsys, cli_gazetteer):
    code, out, err = run(capsys, "eval", "-q", SAMPLE, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert SCORE_KEYS <= result.keys()
    assert result["documents"] == 8 and result["mode"] == "end to end"
    assert result["tp"] + result["fn"] == sum(len(g["toponyms"]) for g in gold_records())
    for key in ("precision", "recall", "f1", "acc@161", "auc"):
        assert 0.0 <= result[key] <= 1.0
    assert result["f1"] > 0.5  # the recogniser finds most of these


def test_eval_given_spans(capsys, cli_gazetteer):
    code, out, err = run(capsys, "eval", "-q", SAMPLE, "--given-spans", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert SCORE_KEYS <= result.keys() and result["mode"] == "given spans"
    n_gold = sum(len(g["toponyms"]) for g in gold_records())
    assert (result["tp"], result["fp"], result["fn"]) == (n_gold, 0, 0)
    assert result["resolved_spans"] == n_gold
    assert result["acc@161"] > 0.5


def test_eval_text_report(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "eval", "-q", SAMPLE)
    assert code == 0
    assert "8 documents, end to end" in out and "F1" in out and "accuracy@161km" in out


def test_eval_pred_file_round_trip(capsys, cli_gazetteer, tmp_path):
    pred = tmp_path / "pred.jsonl"
    assert run(capsys, "parse", "-q", "--jsonl", SAMPLE, "-o", pred)[0] == 0
    code, out, _ = run(capsys, "eval", "-q", SAMPLE, "--pred", pred, "--json")
    assert code == 0
    from_file = json.loads(out)
    code, out, _ = run(capsys, "eval", "-q", SAMPLE, "--json")
    direct = json.loads(out)
    for key in ("precision", "recall", "f1", "acc@161", "auc", "tp", "fp", "fn"):
        assert from_file[key] == direct[key]


def test_eval_malformed_file(capsys, cli_gazetteer, tmp_path):
    bad = tmp_path / "bad.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:2] + ['{"id": "x", "text": "unterminated"']
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "eval", "-q", bad)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert f"{bad}:3:" in err


def test_parse_jsonl_malformed_file(capsys, cli_gazetteer, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no id"}\n', encoding="utf-8")
    code, _, err = run(capsys, "parse", "-q", "--jsonl", bad)
    assert code == 1 and f"{bad}:1:" in err and "Traceback" not in err


# Records that are valid JSON with the right keys but wrong values: ``eval`` must stop with
# a file:line message, not a traceback.
BAD_VALUES = {
    "text-not-a-string": {"id": 1, "text": 5, "toponyms": []},
    "toponym-without-lat-lon": {"id": 1, "text": "Near Aleppo.", "toponyms": [{"start": 5, "end": 11}]},
    "offsets-as-strings": {"id": 1, "text": "Near Aleppo.",
                           "toponyms": [{"start": "5", "end": "11", "lat": 36.2, "lon": 37.2}]},
}


@pytest.mark.parametrize("record", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
def test_eval_bad_values_is_a_user_error(capsys, cli_gazetteer, tmp_path, record):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "-q", bad)
    assert code == 1
    assert f"{bad}:1:" in err


def test_eval_given_spans_out_of_range_is_a_user_error(capsys, cli_gazetteer, tmp_path):
    bad = tmp_path / "bad.jsonl"
    rec = {"id": 1, "text": "Near Aleppo.", "toponyms": [{"start": 5, "end": 99, "lat": 36.2, "lon": 37.2}]}
    bad.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "-q", "--given-spans", bad)
    assert code == 1
    assert f"{bad}:1:" in err


@pytest.mark.parametrize("command", ["parse", "eval"])
def test_help_has_examples(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "Usage:" in out and "Example" in out


# -- several sets, ablation, leave one corpus out, rules ----------------------------------------------------

@pytest.fixture
def two_sets(tmp_path):
    records = SAMPLE.read_text(encoding="utf-8").splitlines()
    a, b = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    a.write_text("\n".join(records[:4]) + "\n", encoding="utf-8")
    b.write_text("\n".join(records[4:]) + "\n", encoding="utf-8")
    return a, b


def test_eval_several_sets_prints_one_table(capsys, cli_gazetteer, two_sets):
    code, out, _ = run(capsys, "eval", *two_sets, "-q")
    assert code == 0
    assert "first" in out and "second" in out and "(all rules)" in out


def test_eval_disable_changes_the_figures_and_rejects_unknown_rules(capsys, cli_gazetteer, two_sets):
    code, out, _ = run(capsys, "eval", two_sets[0], "--disable", "population", "--json", "-q")
    assert code == 0 and json.loads(out)["f1"] > 0
    code, _, err = run(capsys, "eval", two_sets[0], "--disable", "no_such_rule", "-q")
    assert code == 2 and "no geoparser rule named no_such_rule" in err


def test_tuning_ablate_and_cross_validate(cli_gazetteer, two_sets):
    from geomap import tuning

    sets = [tuning.GoldSet.read(p) for p in two_sets]
    rows = tuning.ablate(cli_gazetteer, sets, ["population", "qualifier"], processes=1)
    assert [name for name, _ in rows] == ["(all rules)", "population", "qualifier"]
    assert all(len(figs) == 2 and 0 <= figs[0].given_acc <= 1 for _, figs in rows)
    result = tuning.cross_validate(cli_gazetteer, sets, names=("capital",), multiples=(0.0, 2.0), processes=1)
    assert set(result["folds"]) == set(result["self"]) == {"first", "second"}
    for part in ("folds", "self"):
        for changes, figs in result[part].values():
            assert set(changes) <= {"capital"} and len(figs) == 2


def test_the_docs_rules_table_is_the_generated_one(capsys):
    """docs/geoparser.md shows `geomap rules --markdown` as it prints today (regenerate it when a rule changes)."""
    from pathlib import Path

    code, out, _ = run(capsys, "rules", "--markdown")
    doc = (Path(__file__).parent.parent / "docs" / "geoparser.md").read_text(encoding="utf-8")
    assert code == 0 and out.strip() in doc


def test_ablation_markdown_shows_differences():
    from geomap.tuning import Figures, ablation_markdown

    base = [Figures(0.85, 0.88, 0.86, True)]
    table = ablation_markdown(["LGL"], [("(all rules)", base), ("stop_word", [Figures(0.819, 0.8801, 0.86, True)])])
    lines = table.splitlines()
    assert lines[0] == "| rule switched off | LGL F1 / acc / given |"
    assert lines[2] == "| **(none: every rule on)** | 0.850 / 0.880 / 0.860 |"
    assert lines[3] == "| `stop_word` | -0.031 / · / · |"


def test_rules_lists_every_rule(capsys):
    from geomap.geoparser import all_rules

    code, out, _ = run(capsys, "rules", "--markdown")
    assert code == 0
    for rule in all_rules():
        assert f"| `{rule.name}` | {rule.stage} |" in out


def test_parse_explain(capsys, cli_gazetteer):
    code, out, _ = run(capsys, "parse", "--text", "Like Paris, Texas, the town has a tower.", "--explain", "-q")
    assert code == 0
    record = json.loads(out)
    paris = next(g for g in record["explain"] if g["name"] == "Paris")
    assert paris["candidates"][0]["place"].startswith("Paris, Texas")
    assert "qualifier" in paris["candidates"][0]["points"]


def test_eval_case_rewrites_the_texts_keeping_offsets(capsys, cli_gazetteer, two_sets):
    from hypothesis import given, strategies as st

    from geomap.tuning import recase

    @given(st.text(), st.sampled_from(["lower", "upper"]))
    def offsets_hold(text, case):
        assert len(recase(text, case)) == len(text)

    offsets_hold()
    assert recase("Straße in İzmir", "upper") == "STRAßE IN İZMIR"
    code, out, _ = run(capsys, "eval", two_sets[0], "--case", "lower", "-q")
    assert code == 0 and "first (lower)" in out
