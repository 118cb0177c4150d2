"""The cache of the detail derived from the gazetteer (geomap.map_detail_cache): same layers, and a miss
whenever the index changes."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import numpy as np
import pandas as pd

from geomap import map_detail_cache
from geomap.map_detail import detail_payload, whole_degrees


def donbas(n: int = 60, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"lat": rng.uniform(47.6, 48.6, n), "lon": rng.uniform(37.0, 38.4, n),
                         "precision": [1 + i % 3 for i in range(n)], "country": "UA", "admin1": "Donetsk"})


def entries(index):
    return sorted(index.with_name(index.stem + ".detail").glob("*.npz"))


def test_a_cached_page_carries_the_same_layers_as_an_uncached_one(gazetteer_copy):
    frame = donbas()
    uncached = detail_payload(frame, gazetteer_copy)
    assert len(entries(gazetteer_copy)) == 1
    cached = detail_payload(frame, gazetteer_copy)
    assert json.dumps(cached) == json.dumps(uncached)
    assert uncached["towns"] and uncached["borders"]["fine"] and uncached["outlines"]
    # other data in the same whole-degree box: the same entry (its outlines added as needed), and the
    # layers of a fresh derivation
    other = donbas(80, seed=5).assign(admin1="Nowhere")
    from_cache = detail_payload(other, gazetteer_copy)
    assert len(entries(gazetteer_copy)) == 1
    for entry in entries(gazetteer_copy)[0].parent.iterdir():
        entry.unlink()
    assert json.dumps(from_cache) == json.dumps(detail_payload(other, gazetteer_copy))


def test_an_open_gazetteer_and_its_path_share_the_cache(gazetteer_copy):
    from geomap.gazetteer import Gazetteer

    frame = donbas()
    by_path = detail_payload(frame, gazetteer_copy)
    with Gazetteer(gazetteer_copy) as gaz:
        assert json.dumps(detail_payload(frame, gaz)) == json.dumps(by_path)
    assert len(entries(gazetteer_copy)) == 1


def test_a_changed_index_is_a_miss(gazetteer_copy):
    frame = donbas()
    before = detail_payload(frame, gazetteer_copy)
    assert "Donetsk" in {r[2] for r in before["regionNames"]}
    with closing(sqlite3.connect(gazetteer_copy)) as conn, conn:
        changed = conn.execute("UPDATE places SET name = 'Renamed Oblast' WHERE country_code = 'UA' "
                               "AND feature_code = 'ADM1' AND name = 'Donetsk'").rowcount
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('modified', '2099-01-01T00:00:00+00:00')")
    assert changed
    after = detail_payload(frame, gazetteer_copy)
    assert "Renamed Oblast" in {r[2] for r in after["regionNames"]}
    assert {after["outlines"][r][0] for r in after["region"] if r >= 0} == {"Renamed Oblast"}
    assert len(entries(gazetteer_copy)) == 2  # the old entry is left to be pruned, never read again


def test_the_key_follows_the_index_meta_box_and_parameters(gazetteer_copy):
    meta = map_detail_cache.index_meta(gazetteer_copy)
    box = (34.0, 44.0, 42.0, 52.0)
    key = map_detail_cache.entry_path(gazetteer_copy, meta, box, [1])
    assert key == map_detail_cache.entry_path(gazetteer_copy, dict(meta), box, [1])
    assert key != map_detail_cache.entry_path(gazetteer_copy, {**meta, "schema_version": "3"}, box, [1])
    assert key != map_detail_cache.entry_path(gazetteer_copy, {**meta, "modified": "later"}, box, [1])
    assert key != map_detail_cache.entry_path(gazetteer_copy, meta, (34.0, 44.0, 42.0, 53.0), [1])
    assert key != map_detail_cache.entry_path(gazetteer_copy, meta, box, [2])
    assert map_detail_cache.entry_path(gazetteer_copy.with_name("missing.sqlite"), meta, box, [1]) is None


def test_a_corrupt_entry_is_a_miss_and_is_written_anew(gazetteer_copy):
    frame = donbas()
    first = detail_payload(frame, gazetteer_copy)
    (entry,) = entries(gazetteer_copy)
    entry.write_bytes(b"not a cache entry")
    assert json.dumps(detail_payload(frame, gazetteer_copy)) == json.dumps(first)
    assert map_detail_cache.read(entry) is not None


def test_an_entry_that_does_not_fit_the_box_is_a_miss(gazetteer_copy):
    frame = donbas()
    first = detail_payload(frame, gazetteer_copy)
    (entry,) = entries(gazetteer_copy)
    data, labels = map_detail_cache.read(entry)
    map_detail_cache.write(entry, data, labels[:-1])
    assert json.dumps(detail_payload(frame, gazetteer_copy)) == json.dumps(first)


def test_an_unwritable_cache_folder_is_no_cache(gazetteer_copy, monkeypatch):
    frame = donbas()
    (gazetteer_copy.with_name(gazetteer_copy.stem + ".detail")).write_text("a file where the folder would be")
    first = detail_payload(frame, gazetteer_copy)
    assert json.dumps(detail_payload(frame, gazetteer_copy)) == json.dumps(first)


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(map_detail_cache, "MAX_ENTRIES", 2)
    folder = tmp_path / "index.detail"
    for k in range(4):
        map_detail_cache.write(folder / f"{k}.npz", {"k": k}, np.zeros((2, 2), dtype=np.int32))
    assert len(list(folder.glob("*.npz"))) == 2
    data, labels = map_detail_cache.read(folder / "3.npz")
    assert data == {"k": 3, "outlines": {}} and labels.shape == (2, 2)
    map_detail_cache.add_outlines(folder / "3.npz", {"7": [[1, 2, 3, 4]]})
    assert map_detail_cache.read(folder / "3.npz")[0]["outlines"] == {"7": [[1, 2, 3, 4]]}
    map_detail_cache.write(folder / "4.npz", {"k": 4}, np.zeros((2, 2), dtype=np.int32))
    map_detail_cache.write(folder / "5.npz", {"k": 5}, np.zeros((2, 2), dtype=np.int32))
    assert sorted(p.name for p in folder.iterdir()) == ["4.npz", "5.npz"]  # an entry's outlines go with it


def test_whole_degrees_widens_within_the_map():
    assert whole_degrees((34.2, 44.6, 41.4, 51.6)) == (34.0, 44.0, 42.0, 52.0)
    assert whole_degrees((176.5, 81.5, 180.0, 85.0)) == (176.0, 81.0, 180.0, 85.0)
    assert whole_degrees((-179.5, -84.9, -170.0, -80.0)) == (-180.0, -85.0, -170.0, -80.0)
