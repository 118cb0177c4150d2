"""The Dask engine: the same tables as one process, on a local cluster of two worker processes."""

from __future__ import annotations

import csv
import os
import random
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason="the Dask engine needs the dask extra: pip install 'geomap[dask]'")
pytest.importorskip("distributed", reason="the Dask engine needs the dask extra: pip install 'geomap[dask]'")

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import geomap.dask as gdask  # noqa: E402
from geomap.accessor import locate_frame  # noqa: E402
from geomap.cli import main  # noqa: E402
from geomap.errors import GazetteerMissingError  # noqa: E402
from geomap.events import read_inputs  # noqa: E402
from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.geoparser import Geoparser  # noqa: E402
from geomap.pipeline import locate  # noqa: E402
from synthetic_data import acled_csv  # noqa: E402

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
UCDP = TESTS_DIR / "data" / "ucdp_synthetic.csv"
TABLES = ("mentions", "incidents", "unlocated")

# conftest cuts the test process off the network; the cluster talks over the
# loopback interface only, so these let loopback through (collected before
# conftest's session fixture patches them).
_REAL = {"connect": socket.socket.connect, "connect_ex": socket.socket.connect_ex,
         "create_connection": socket.create_connection, "getaddrinfo": socket.getaddrinfo}
_LOOPBACK = ("127.", "::1", "localhost")


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and (host.startswith(_LOOPBACK) or host == "")


def _loopback_connect(real):
    def connect(self, address):
        if self.family == socket.AF_UNIX or _is_loopback(address):
            return real(self, address)
        raise ConnectionRefusedError(f"the test suite only talks to loopback, not {address!r}")
    return connect


def _loopback_getaddrinfo(host, *args, **kwargs):
    if host is None or _is_loopback(host if isinstance(host, str) else str(host)):
        return _REAL["getaddrinfo"](host, *args, **kwargs)
    raise socket.gaierror(f"the test suite only resolves loopback names, not {host!r}")


def _loopback_create_connection(address, *args, **kwargs):
    if _is_loopback(address):
        return _REAL["create_connection"](address, *args, **kwargs)
    raise ConnectionRefusedError(f"the test suite only talks to loopback, not {address!r}")


@pytest.fixture(scope="module")
def client():
    """One local cluster of two single-threaded worker processes for the whole module."""
    from distributed import Client, LocalCluster

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _loopback_connect(_REAL["connect"]))
    mp.setattr(socket.socket, "connect_ex", _loopback_connect(_REAL["connect_ex"]))
    mp.setattr(socket, "create_connection", _loopback_create_connection)
    mp.setattr(socket, "getaddrinfo", _loopback_getaddrinfo)
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as c:
            yield c
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generic CSV of 400 records from the shipped Wikinews sentences: text, place names, coordinates, bad ones."""
    sentences = []
    for f in sorted((REPO_ROOT / "samples" / "wikinews").glob("*.txt")):
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", f.read_text(encoding="utf-8")) if len(s) > 20]
    rng = random.Random(6)
    path = tmp_path_factory.mktemp("dask") / "wikinews_records.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "title", "text", "location", "lat", "lon", "category"])
        for i in range(400):
            lat, lon = ("36.37", "37.51") if i % 11 == 0 else ("0", "0") if i % 29 == 0 else ("", "")
            w.writerow([f"W{i}", f"{1 + i % 28}/{1 + i % 12}/2024", f"Record {i}",
                        "" if i % 13 == 0 else " ".join(rng.sample(sentences, 2)),
                        "Aleppo" if i % 17 == 0 else "", lat, lon, "=cmd" if i == 5 else "news"])
    return path


def same_types(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    own = {"events": gdask.EVENTS, "mentions": gdask.MENTIONS, "incidents": gdask.INCIDENTS,
           "unlocated": gdask.UNLOCATED}[table]
    return gdask._cast(frame, table, [c for c in frame.columns if c not in own])  # the inputs' own columns too


def assert_same_tables(local, distributed) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(same_types(getattr(local, table), table), getattr(distributed, table))


def test_read_and_locate_match_the_single_process_path(client, corpus, gazetteer_path, tmp_path):
    parquet = tmp_path / "records.parquet"  # with missing cells, read as the single-process reader reads them
    table = pd.read_csv(corpus, dtype=str, keep_default_na=False).head(120)
    table.loc[::7, "text"] = None
    table.loc[::5, "date"] = None
    table.to_parquet(parquet)
    inputs = [str(corpus), str(acled_csv()), str(UCDP), str(parquet)]
    read = read_inputs(inputs)
    expected = locate(read.events, Geoparser(Gazetteer(gazetteer_path)))
    dread = gdask.read_events(inputs, blocksize=20_000)  # several partitions for the big file
    assert dread.events.npartitions > 4
    assert any("schema acled" in n for n in dread.notes) and any("schema ucdp-ged" in n for n in dread.notes)
    assert any("records.parquet: 120 rows, schema generic" in n for n in dread.notes)
    got = gdask.locate(dread.events, gazetteer=gazetteer_path).compute()
    pd.testing.assert_frame_equal(same_types(read.events, "events"), got.events)
    assert_same_tables(expected, got)
    assert len(got.incidents) > 100 and len(got.unlocated) > 10 and len(got.mentions) > 400
    assert gdask.locate(dread.events, gazetteer=gazetteer_path).summary() == expected.summary()
    # The gazetteer was opened once per worker, and reused for the other partitions.
    cached = client.run(lambda: __import__("geomap.dask", fromlist=["x"])._geoparser.cache_info())
    assert sum(info.hits for info in cached.values()) > 0
    assert all(info.currsize <= 1 for info in cached.values())


def test_summary_counts_records_not_incidents_with_incidents_each(client, gazetteer_path):
    # one article with several incidents: one record read and located, several incidents, as one process says
    read = read_inputs([TESTS_DIR / "data" / "multi_incident.txt", TESTS_DIR / "data" / "seed_story.txt"])
    expected = locate(read.events, Geoparser(Gazetteer(gazetteer_path)), incidents="each")
    assert len(expected.incidents) > 2
    frame = dd.from_pandas(read.events, npartitions=2)
    got = gdask.locate(frame, gazetteer=gazetteer_path, incidents="each")
    assert got.summary() == expected.summary()
    lines = got.summary().splitlines()
    assert lines[0] == "2 records read: 2 located, 0 unlocated"
    assert lines[1] == f"  {len(expected.incidents)} incidents (several in one record: --incidents each)"


def test_locate_any_frame_by_column_names(client, corpus, gazetteer_path):
    df = pd.read_csv(corpus, dtype=str, keep_default_na=False)
    expected = locate_frame(df, text="text", id="id", place="location", lat="lat", lon="lon",
                            geoparser=Geoparser(Gazetteer(gazetteer_path)))
    unknown_divisions = dd.read_csv(corpus, dtype=str, keep_default_na=False, blocksize=None).repartition(
        npartitions=3)  # (blocksize=None: the texts have line breaks inside quoted cells)
    assert not unknown_divisions.known_divisions
    for ddf in (dd.from_pandas(df, npartitions=3), unknown_divisions):
        got = gdask.locate(ddf, text="text", id="id", place="location", lat="lat", lon="lon",
                           gazetteer=gazetteer_path).compute()
        assert_same_tables(expected, got)
    with pytest.raises(KeyError, match="no column 'notes'"):
        gdask.locate(dd.from_pandas(df, npartitions=1), text="notes")


def test_cli_dask_engine_writes_the_same_tables_as_parquet_parts(client, corpus, cli_gazetteer, tmp_path, capsys):
    local = tmp_path / "local" / "map.html"
    assert main(["map", str(corpus), "--events", str(UCDP), "-o", str(local), "--export", "parquet"]) == 0
    local_err = capsys.readouterr().err
    out = tmp_path / "dask" / "map.html"
    code = main(["map", str(corpus), "--events", str(UCDP), "-o", str(out), "--export", "parquet",
                 "--export", "csv", "--engine", "dask", "--scheduler", client.scheduler.address,
                 "--db", str(cli_gazetteer)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Dask: 2 workers" in err
    summary = lambda text: text[text.index("records read"):text.index("Wrote")]  # noqa: E731
    assert summary(err) == summary(local_err)
    assert out.is_file() and "<title>geomap incidents</title>" in out.read_text(encoding="utf-8")
    for table in TABLES:
        parts = out.parent / f"map.{table}.parquet"
        assert parts.is_dir() and len(list(parts.glob("*.parquet"))) >= 1
        got = pd.read_parquet(parts)
        want = pd.read_parquet(local.parent / f"map.{table}.parquet")
        pd.testing.assert_frame_equal(same_types(want, table), same_types(got, table))
        csv_parts = sorted((out.parent / f"map.{table}.csv").glob("part.*.csv"))
        assert csv_parts
    cells = [row for p in sorted((out.parent / "map.incidents.csv").glob("part.*.csv"))
             for row in csv.DictReader(open(p, encoding="utf-8", newline=""))]
    assert all(not c["category"].startswith("=") for c in cells)  # formula-safe, as the local CSV


def test_cli_dask_map_aggregates_above_the_limit_and_says_so(client, corpus, cli_gazetteer, tmp_path, capsys,
                                                             monkeypatch):
    monkeypatch.setattr(gdask, "MAX_MAP_INCIDENTS", 20)
    out = tmp_path / "map.html"
    code = main(["map", str(corpus), "-o", str(out), "--engine", "dask", "--scheduler", client.scheduler.address,
                 "--db", str(cli_gazetteer)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert re.search(r"Map: [\d,]+ incidents are more than a browser map holds \(20\)", err)
    page = out.read_text(encoding="utf-8")
    assert re.search(r"<title>geomap incidents: [\d,]+, aggregated into \d+ counts per [\d.]+° grid cell</title>",
                     page)
    from conftest import map_data

    data = map_data(page)
    assert 0 < data["n"] <= 20 and all(" incidents" in title for title in data["title"])


def test_parquet_parts_read_back_in_row_order(client, corpus, gazetteer_path, tmp_path):
    read = gdask.read_events([corpus], blocksize=5_000)
    assert read.events.npartitions >= 11  # part.10 must not sort before part.2
    located = gdask.locate(read.events, gazetteer=gazetteer_path)
    paths = located.to_parquet(tmp_path / "out")
    expected = located.compute()
    for path, table in zip(paths, ("incidents", "mentions", "unlocated")):
        pd.testing.assert_frame_equal(same_types(pd.read_parquet(path), table), getattr(expected, table))


def test_map_incidents_counts_every_incident(client, corpus, gazetteer_path):
    located = gdask.locate(gdask.read_events([corpus]).events, gazetteer=gazetteer_path).persist()
    total = len(located.incidents)
    shown = gdask.map_incidents(located.incidents, limit=10)
    assert shown.total == total and 0 < len(shown.incidents) <= 10 and shown.cell
    assert sum(int(t.split()[0].replace(",", "")) for t in shown.incidents["title"]) == total
    assert list(shown.incidents.columns) == list(gdask.INCIDENTS)
    small = gdask.map_incidents(located.incidents, limit=total)
    assert small.cell is None and small.note == "" and len(small.incidents) == total


def test_a_worker_without_the_gazetteer_says_so(client, corpus, tmp_path):
    events = gdask.read_events([corpus]).events
    with pytest.raises(GazetteerMissingError, match=r"on Dask worker .*no gazetteer index at .*missing\.sqlite"):
        gdask.locate(events, gazetteer=tmp_path / "missing.sqlite").compute()


def test_cli_remote_workers_without_the_gazetteer_exit_1(client, corpus, tmp_path, capsys):
    # No --db with --scheduler: each worker's own $GEOMAP_GAZETTEER, here a path that does not exist.
    code = main(["map", str(corpus), "-o", str(tmp_path / "m.html"), "--engine", "dask", "--silent",
                 "--scheduler", client.scheduler.address])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("geomap: error: on Dask worker") and "Traceback" not in err


def test_dask_engine_refuses_geojson_export(corpus, tmp_path, capsys):
    code = main(["map", str(corpus), "-o", str(tmp_path / "m.html"), "--engine", "dask", "--export", "geojson"])
    assert code == 1
    assert "--export geojson is not available with --engine dask" in capsys.readouterr().err


def test_dask_engine_refuses_to_link_records_to_articles(corpus, tmp_path, capsys):
    # the local engine links a record to its article; Dask would locate them apart, so it says so instead
    article = tmp_path / "W1.txt"
    article.write_text("Shelling\nShelling near al-Bab, Syria.\n", encoding="utf-8")
    code = main(["map", str(article), "--events", str(corpus), "-o", str(tmp_path / "m.html"), "--engine", "dask"])
    assert code == 1
    assert "--engine dask does not link records to articles" in capsys.readouterr().err
    assert not (tmp_path / "m.html").exists()


def test_dask_engine_without_distributed_says_what_to_install(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    code = main(["map", str(corpus), "-o", str(tmp_path / "m.html"), "--engine", "dask"])
    assert code == 1
    assert "pip install 'geomap[dask]'" in capsys.readouterr().err


def test_importing_geomap_does_not_import_dask(cli_env):
    code = ("import sys, geomap, geomap.cli, geomap.pipeline, geomap.events, geomap.accessor; "
            "assert not [m for m in sys.modules if m == 'dask' or m.startswith(('dask.', 'distributed'))], "
            "sorted(m for m in sys.modules if 'dask' in m)")
    subprocess.run([sys.executable, "-c", code], check=True, env=cli_env, cwd=REPO_ROOT)


def test_both_engines_read_legacy_encodings_separators_and_dotted_dates_alike(client, tmp_path):
    # a cp1251 table separated by ";" with dotted dates (as Excel writes them in Ukraine): one reading
    src = tmp_path / "uk.csv"
    src.write_bytes("id;date;location;notes\n1;05.03.2024;Херсон;Обстріл\n2;16.03.2024;Харків;Удар\n"
                    .encode("cp1251"))
    read = read_inputs([str(src)])
    dread = gdask.read_events([str(src)])
    pd.testing.assert_frame_equal(same_types(read.events, "events"), dread.events.compute().reset_index(drop=True))
    assert list(read.events["date"]) == ["2024-03-05", "2024-03-16"] and read.events["place_name"][0] == "Херсон"


def test_both_engines_take_the_users_encoding_and_separator(client, tmp_path):
    src = tmp_path / "uk.csv"
    src.write_bytes("id|date|location|notes\n1|05.03.2024|Херсон|Обстріл\n".encode("cp1251"))
    read = read_inputs([str(src)], encoding="cp1251", sep="|")
    dread = gdask.read_events([str(src)], encoding="cp1251", sep="|")
    pd.testing.assert_frame_equal(same_types(read.events, "events"), dread.events.compute().reset_index(drop=True))
    assert read.events["place_name"][0] == "Херсон"


def test_both_engines_read_each_files_date_order_alike(client, tmp_path):
    # one file day first (22/1 shows it), one month first (1/22 shows it): each keeps its own order
    day_first = tmp_path / "a.csv"
    day_first.write_text("id,date,location\na1,2/03/2014,Kyiv\na2,22/01/2014,Lviv\n", encoding="utf-8")
    month_first = tmp_path / "b.csv"
    month_first.write_text("id,date,location\nb1,1/22/2014,Kyiv\nb2,2/03/2014,Lviv\n", encoding="utf-8")
    inputs = [str(day_first), str(month_first)]
    read = read_inputs(inputs)
    dread = gdask.read_events(inputs)
    pd.testing.assert_frame_equal(same_types(read.events, "events"), dread.events.compute().reset_index(drop=True))
    assert list(read.events["date"]) == ["2014-03-02", "2014-01-22", "2014-01-22", "2014-02-03"]
