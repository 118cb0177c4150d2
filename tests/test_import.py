"""Extending an index with GeoNames dumps, and building one safely."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from geomap import gazetteer_build
from geomap.errors import GazetteerMissingError, InputFormatError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer_build import build_gazetteer, import_geonames
from geomap.geonames import read_geoname_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
SAMPLE_TXT = DATA_DIR / "geonames_sample.txt"
SAMPLE_ZIP = DATA_DIR / "geonames_sample.zip"
BAD_COLUMNS = DATA_DIR / "geonames_bad_columns.txt"
SAMPLE_ROWS = 50


def query(db: Path, sql: str, *params):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def snapshot(db: Path) -> dict:
    """Everything an import may change, to compare before and after."""
    with closing(sqlite3.connect(db)) as conn:
        return {
            "places": conn.execute("SELECT count(*) FROM places").fetchone()[0],
            "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
            "staged": conn.execute("SELECT count(*) FROM staged_names").fetchone()[0],
            "admin1": conn.execute("SELECT count(*) FROM admin1").fetchone()[0],
            "sources": conn.execute("SELECT * FROM sources ORDER BY rowid").fetchall(),
            "meta": sorted(conn.execute("SELECT * FROM meta").fetchall()),
            "imported": conn.execute("SELECT count(*) FROM places WHERE source LIKE 'import:%'").fetchone()[0],
            "bad_rows": conn.execute(
                "SELECT * FROM places WHERE geonameid IN (163808, 167357, 170794, 172082) ORDER BY 1"
            ).fetchall(),
        }


# -- the fixture files are what they claim to be -----------------------------------------

def test_sample_files_are_real_geonames_rows():
    lines = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
    assert len(lines) == SAMPLE_ROWS
    assert all(len(line.split("\t")) == 19 for line in lines)
    rows = list(read_geoname_rows(SAMPLE_TXT))
    ids = {r.geonameid for r in rows}
    assert {174018, 169138} <= ids
    assert {"SY", "UA", "TR", "IQ"} <= {r.country_code for r in rows}
    with zipfile.ZipFile(SAMPLE_ZIP) as z:
        assert sorted(z.namelist()) == ["geonames_sample.txt", "readme.txt"]
        assert z.read("geonames_sample.txt") == SAMPLE_TXT.read_bytes()
    assert [r.geonameid for r in read_geoname_rows(SAMPLE_ZIP)] == [r.geonameid for r in rows]


def test_bad_columns_file_shape():
    lines = BAD_COLUMNS.read_text(encoding="utf-8").splitlines()
    assert [len(line.split("\t")) for line in lines] == [19, 19, 19, 18]


def test_reader_names_file_and_line():
    with pytest.raises(InputFormatError) as info:
        list(read_geoname_rows(BAD_COLUMNS))
    assert info.value.line == 4
    assert info.value.path == str(BAD_COLUMNS)
    assert f"{BAD_COLUMNS}:4:" in str(info.value)


# -- import_geonames ---------------------------------------------------------------------

@pytest.mark.parametrize("sample", [SAMPLE_TXT, SAMPLE_ZIP], ids=["txt", "zip"])
def test_import_sample(gazetteer_copy, sample):
    before = snapshot(gazetteer_copy)
    assert before["imported"] == 0
    count = import_geonames(gazetteer_copy, [sample], progress=False)
    assert count == SAMPLE_ROWS

    after = snapshot(gazetteer_copy)
    source = f"import:{sample.name}"
    rows = query(gazetteer_copy, "SELECT geonameid FROM places WHERE source = ?", source)
    assert {r[0] for r in rows} == {r.geonameid for r in read_geoname_rows(SAMPLE_TXT)}
    # Every sample row was already in the index (same geonameid): replaced, not duplicated.
    assert after["places"] == before["places"]
    assert after["staged"] == 0
    assert after["sources"][: len(before["sources"])] == before["sources"]
    [(path, n, added)] = after["sources"][len(before["sources"]):]
    assert path == str(sample.resolve()) and n == SAMPLE_ROWS
    assert dict(after["meta"])["modified"] == added

    with Gazetteer(gazetteer_copy) as gaz:
        assert gaz.candidates("al-Bab")[0].geonameid == 174018
        assert gaz.candidates("al-Rai", country="SY")[0].geonameid == 169138
        assert gaz.get(174018).name == "Al Bāb"
        # The row's alternate names are indexed too.
        assert 174018 in {p.geonameid for p in gaz.candidates("الباب", country="SY")}
        assert gaz.info()["modified"] == added


def _keys_out_of_rank(db: Path, keys: list[str]) -> list[str]:
    """The keys whose places a look-up reads in another order than rank_places gives them."""
    from geomap.place import rank_places

    with Gazetteer(db) as gaz:
        return [k for k in keys if list(found := gaz._lookup_uncached(k)) != rank_places(list(found))]


def test_index_stores_each_keys_rank(gazetteer_path):
    """names.rank (written by the build) gives a key's places in rank_places' order, which look-ups
    read instead of ranking them: checked on the keys of many places ("springfield", "san jose")."""
    keys = [k for (k,) in query(gazetteer_path, "SELECT key FROM names GROUP BY key HAVING count(*) > 1 "
                                                "ORDER BY count(*) DESC LIMIT 3000")]
    assert len(keys) == 3000
    assert _keys_out_of_rank(gazetteer_path, keys) == []


def test_import_ranks_the_keys_it_touches(gazetteer_copy):
    """An import replaces places (population, codes) and adds names: every key naming an imported
    place is ranked again."""
    with closing(sqlite3.connect(gazetteer_copy)) as conn:
        conn.execute("UPDATE names SET rank = 0")  # an order only ranking again can restore
        conn.commit()
    import_geonames(gazetteer_copy, [SAMPLE_TXT], progress=False)
    ids = ", ".join(str(r.geonameid) for r in read_geoname_rows(SAMPLE_TXT))
    keys = [k for (k,) in query(gazetteer_copy, f"SELECT DISTINCT key FROM names WHERE geonameid IN ({ids})")]
    assert len(keys) > 100
    assert _keys_out_of_rank(gazetteer_copy, keys) == []


def test_import_several_files_in_one_call(gazetteer_copy):
    assert import_geonames(gazetteer_copy, [SAMPLE_TXT, SAMPLE_ZIP], progress=False) == 2 * SAMPLE_ROWS
    sources = {r[0] for r in query(gazetteer_copy, "SELECT DISTINCT source FROM places WHERE source LIKE 'import:%'")}
    # The zip, imported last, replaced the rows the txt brought.
    assert sources == {"import:geonames_sample.zip"}


def test_import_is_idempotent(gazetteer_copy):
    import_geonames(gazetteer_copy, [SAMPLE_TXT], progress=False)
    first = snapshot(gazetteer_copy)
    import_geonames(gazetteer_copy, [SAMPLE_TXT], progress=False)
    second = snapshot(gazetteer_copy)
    assert second["places"] == first["places"]
    assert second["names"] == first["names"]


def test_bad_columns_rolls_back(gazetteer_copy):
    before = snapshot(gazetteer_copy)
    with pytest.raises(InputFormatError) as info:
        import_geonames(gazetteer_copy, [BAD_COLUMNS], progress=False)
    message = str(info.value)
    assert "geonames_bad_columns.txt:4:" in message
    assert "19" in message and "18" in message
    assert isinstance(info.value, ValueError)
    assert snapshot(gazetteer_copy) == before  # nothing half-written
    assert not Path(f"{gazetteer_copy}-journal").exists()
    assert Gazetteer(gazetteer_copy).candidates("Manbij")  # still a usable index


def test_bad_file_after_good_file_rolls_back_both(gazetteer_copy):
    before = snapshot(gazetteer_copy)
    with pytest.raises(InputFormatError, match=r"geonames_bad_columns\.txt:4:"):
        import_geonames(gazetteer_copy, [SAMPLE_TXT, BAD_COLUMNS], progress=False)
    assert snapshot(gazetteer_copy) == before


def test_import_missing_file(gazetteer_copy, tmp_path):
    before = snapshot(gazetteer_copy)
    missing = tmp_path / "SY.txt"
    with pytest.raises(InputFormatError, match="no such file") as info:
        import_geonames(gazetteer_copy, [SAMPLE_TXT, missing], progress=False)
    assert str(missing) in str(info.value)
    assert snapshot(gazetteer_copy) == before


def test_import_into_missing_index(tmp_path):
    with pytest.raises(GazetteerMissingError, match="geomap gazetteer build"):
        import_geonames(tmp_path / "none.sqlite", [SAMPLE_TXT], progress=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_import_zip_without_table(gazetteer_copy, tmp_path):
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "nothing here")
    before = snapshot(gazetteer_copy)
    with pytest.raises(InputFormatError, match="no .txt GeoNames table"):
        import_geonames(gazetteer_copy, [archive], progress=False)
    assert snapshot(gazetteer_copy) == before


def test_import_bad_number_and_bad_coordinates(gazetteer_copy, tmp_path):
    good = SAMPLE_TXT.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = good[1].rstrip("\n").split("\t")
    bad_number = tmp_path / "bad_number.txt"
    bad_number.write_text(good[0] + "\t".join(["x"] + fields[1:]) + "\n", encoding="utf-8")
    bad_coords = tmp_path / "bad_coords.txt"
    bad_coords.write_text("".join(good[:2]) + "\t".join(fields[:4] + ["95.0"] + fields[5:]) + "\n",
                          encoding="utf-8")
    before = snapshot(gazetteer_copy)
    with pytest.raises(InputFormatError, match=r"bad_number\.txt:2: bad number"):
        import_geonames(gazetteer_copy, [bad_number], progress=False)
    with pytest.raises(InputFormatError, match=r"bad_coords\.txt:3: coordinates out of range"):
        import_geonames(gazetteer_copy, [bad_coords], progress=False)
    assert snapshot(gazetteer_copy) == before


def test_import_non_utf8(gazetteer_copy, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(SAMPLE_TXT.read_text(encoding="utf-8").splitlines()[0].encode("utf-8")
                       + b"\n" + "Zürich".encode("latin-1") + b"\n")
    before = snapshot(gazetteer_copy)
    with pytest.raises(InputFormatError, match="not UTF-8"):
        import_geonames(gazetteer_copy, [latin1], progress=False)
    assert snapshot(gazetteer_copy) == before


# -- build_gazetteer -----------------------------------------------------------------------

def test_session_build_left_no_temp_file(gazetteer_path):
    # beside the index there may also be the map detail cached from it (geomap/map_detail_cache.py)
    cache = gazetteer_path.stem + ".detail"
    assert sorted(p.name for p in gazetteer_path.parent.iterdir() if p.name != cache) == [gazetteer_path.name]


@pytest.fixture
def fast_build(monkeypatch):
    """Make build_gazetteer quick: skip every step but the small reference tables.

    The steps are looked up on ``_Builder`` when a build starts, so patching
    them exercises the real temp-file / rename machinery in a fraction of a second.
    """
    for step in ("load_cities", "assign_admin2", "collect_members", "load_admin_regions",
                 "load_countries", "load_continents", "load_regions", "load_demonyms_and_aliases",
                 "load_ukraine_villages", "load_us_post_towns", "load_water", "load_natural_features",
                 "load_landforms", "load_airports", "load_settlements", "load_towns", "load_counties", "load_volcanoes",
                 "load_sites"):
        monkeypatch.setattr(gazetteer_build._Builder, step, lambda self: None)


def test_build_replaces_atomically(tmp_path, monkeypatch, fast_build):
    target = tmp_path / "index" / "gazetteer.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"the old index")
    old_inode = target.stat().st_ino
    seen = {}

    def check_mid_build(self):
        # While the new index is being written, the old file is intact and the
        # new one lives under a temporary name in the same directory.
        seen["old"] = target.read_bytes()
        seen["files"] = sorted(p.name for p in target.parent.iterdir())

    monkeypatch.setattr(gazetteer_build._Builder, "load_continents", check_mid_build)
    assert build_gazetteer(target, progress=False) == target

    assert seen["old"] == b"the old index"
    assert len(seen["files"]) == 2 and seen["files"][1] == "gazetteer.sqlite"
    assert seen["files"][0].startswith(".gazetteer.sqlite.") and seen["files"][0].endswith(".tmp")
    assert sorted(p.name for p in target.parent.iterdir()) == ["gazetteer.sqlite"]
    assert target.stat().st_ino != old_inode  # a rename, not a rewrite in place
    with Gazetteer(target) as gaz:  # a valid (if nearly empty) index
        assert gaz.meta["schema_version"] == gazetteer_build.SCHEMA_VERSION
        assert gaz.info()["places"] == 0


def test_failed_build_keeps_old_index_and_no_temp(tmp_path, monkeypatch, fast_build):
    target = tmp_path / "gazetteer.sqlite"
    target.write_bytes(b"the old index")

    def explode(self):
        raise RuntimeError("simulated failure half-way")

    monkeypatch.setattr(gazetteer_build._Builder, "load_admin_regions", explode)
    with pytest.raises(RuntimeError, match="half-way"):
        build_gazetteer(target, progress=False)
    assert target.read_bytes() == b"the old index"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer.sqlite"]


def test_build_with_bad_data_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "countryInfo.txt").write_text("SY\tSYR\tonly three columns\n", encoding="utf-8")
    target = tmp_path / "out" / "gazetteer.sqlite"
    with pytest.raises(InputFormatError, match=r"countryInfo\.txt:1:"):
        build_gazetteer(target, progress=False, data_dir=data)
    assert not target.exists()
    assert os.listdir(target.parent) == []
