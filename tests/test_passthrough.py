"""An analyst's table comes back whole, with places added: every input column after geomap's own, and
geomap's core columns typed (ISO country codes, whole-number fatalities, web addresses only in ``url``,
dates as dates in Parquet), in CSV, GeoJSON and Parquet alike."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from geomap.cli import main
from geomap.schema import INCIDENTS, UNLOCATED, passthrough_columns, passthrough_name
from synthetic_data import acled_csv

UCDP = Path(__file__).parent / "data" / "ucdp_synthetic.csv"


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, gazetteer_path):
    pytest.importorskip("pyarrow")
    out = tmp_path_factory.mktemp("passthrough") / "map.html"
    acled = acled_csv()
    code = main(["map", "--events", str(acled), "--events", str(UCDP), "-o", str(out), "--db", str(gazetteer_path),
                 "--export", "csv", "--export", "geojson", "--export", "parquet", "--silent"])
    assert code == 0
    return out.with_suffix(""), acled


def own_columns(*tables: Path) -> list[str]:
    """The input columns as geomap's tables name them, the union over the tables in order."""
    names = []
    for table in tables:
        names += [name for _, name in passthrough_columns(header(table), {})]
    return list(dict.fromkeys(names))


def test_every_input_column_comes_back_after_ours(exported):
    stem, acled = exported
    own = own_columns(acled, UCDP)
    assert header(Path(f"{stem}.incidents.csv")) == list(INCIDENTS) + own
    assert header(Path(f"{stem}.unlocated.csv")) == list(UNLOCATED) + own
    assert list(pd.read_parquet(f"{stem}.incidents.parquet").columns) == list(INCIDENTS) + own
    features = json.loads(Path(f"{stem}.incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert set(own) <= set(features[0]["properties"])


def test_input_cells_come_back_as_read(exported):
    stem, acled = exported
    with open(acled, encoding="utf-8", newline="") as f:
        records = {r["event_id_cnty"]: r for r in csv.DictReader(f)}
    with open(f"{stem}.incidents.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["source_id"] in records]
    assert rows
    for row in rows:
        record = records[row["source_id"]]
        for column, value in record.items():
            # formula-looking cells are neutralised on export, as every text cell is
            assert row[passthrough_name(column)].removeprefix("'") == value.strip(), column
        assert row["input_country"] == record["country"]  # the input's own, beside geomap's code


def test_core_columns_are_typed(exported):
    stem, _ = exported
    frame = pd.read_parquet(f"{stem}.incidents.parquet")
    assert str(frame["fatalities"].dtype) == "Int64" and frame["fatalities"].notna().all()
    assert all(isinstance(d, (dt.date, pd.Timestamp)) for d in frame["date"].dropna()) and frame["date"].notna().any()
    assert frame["country"].str.fullmatch("[A-Z]{2}").all()
    assert (frame.loc[frame["country"] == "UA", "country_name"] == "Ukraine").all()
    # ACLED's sources and UCDP's citations are no web addresses: they are in source, not url
    assert (frame["url"].fillna("") == "").all() and (frame["source"].fillna("") != "").all()
    features = json.loads(Path(f"{stem}.incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert all(isinstance(f["properties"]["fatalities"], int) for f in features)
    with open(f"{stem}.incidents.csv", encoding="utf-8", newline="") as f:
        assert all(r["fatalities"].isdigit() for r in csv.DictReader(f))


@pytest.mark.parametrize("column, name", [("country", "input_country"), ("actor1", "actor1"), (" notes ", "notes"),
                                          ("event_id", "input_event_id")])
def test_passthrough_names(column, name):
    assert passthrough_name(column) == name


def test_title_and_text_columns_are_not_repeated():
    pairs = passthrough_columns(["id", "title", "text", "country"], {"title": "title", "text": "text"})
    assert pairs == [("id", "id"), ("country", "input_country")]
    # a "text" column that feeds another of our columns is kept
    assert passthrough_columns(["text"], {"place_name": "text"}) == [("text", "input_text")]
