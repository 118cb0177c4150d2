"""Google Earth export (``--export kml``): well-formed KML, a placemark per incident in its
category's folder, and text from the data that stays text in the XML and in the balloon's HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geomap.cli import main
from geomap.kml import KmlWriter
from geomap.schema import INCIDENTS
from synthetic_data import acled_csv
from test_render import HOSTILE

NS = {"k": "http://www.opengis.net/kml/2.2"}
#: What XML 1.0 cannot hold; the export drops these.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The only HTML elements a description may have: those geomap writes.
OUR_TAGS = {"div", "h3", "a", "p", "blockquote", "b"}


class Balloon(HTMLParser):
    """A description's HTML: its tags, and the text of each of its classed elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self._open = [], {}, []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(dict(attrs).get("class"))

    def handle_endtag(self, tag):
        self._open.pop()

    def handle_data(self, data):
        for cls in self._open:
            if cls:
                self.text[cls] = self.text.get(cls, "") + data


def expected(text: str) -> str:
    """What a field becomes: XML's forbidden characters dropped, whitespace runs one space."""
    return " ".join(ILLEGAL.sub("", text).split())


def objects(**columns) -> pd.DataFrame:
    """A frame of object columns: pandas' default string columns cannot hold a lone surrogate, which input may."""
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})


def write(tmp_path, frame: pd.DataFrame, title: str = "geomap incidents", chunks: int = 1):
    writer = KmlWriter(tmp_path / "m.incidents.kml", INCIDENTS, title=title)
    size = -(-len(frame) // chunks)
    for part in range(chunks):
        writer.write(frame.iloc[part * size:(part + 1) * size])  # each category in every chunk
    path = writer.commit()
    return path, ET.parse(path).getroot()


def placemarks(root) -> list:
    return root.findall(".//k:Placemark", NS)


def frame_of(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        text = f"Shelling was reported in Izium on day {i}. Nobody was hurt."
        rows.append({"event_id": f"e.csv:{i}", "source_id": f"S{i}", "title": f"Shelling #{i}",
                     "date": f"2024-03-{1 + i % 28:02d}" if i % 5 else "", "category": ["Battles", "Protests", "Riots"][i % 3]
                     if i % 7 else None, "fatalities": i % 4, "url": f"https://example.org/{i}", "place": "Izium, Ukraine",
                     "lat": 49.2 + i / 100, "lon": 37.3, "precision": 1 + i % 4, "located_by": "text",
                     "text": text, "start": text.index("Izium"), "end": text.index("Izium") + 5})
    return pd.DataFrame(rows)


def test_a_placemark_per_incident_in_its_category_folder(tmp_path):
    frame = frame_of(40)
    path, root = write(tmp_path, frame, title="Izium, March", chunks=3)
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    assert root.find("k:Document/k:name", NS).text == "Izium, March"
    assert len(placemarks(root)) == len(frame)
    categories = frame["category"].fillna("Uncategorised")
    folders = {f.find("k:name", NS).text: f for f in root.findall("k:Document/k:Folder", NS)}
    assert set(folders) == set(categories)
    names = list(folders)
    assert names == sorted(names, key=lambda c: (-int((categories == c).sum()), c))  # largest first, as the legend
    for name, folder in folders.items():
        titles = [p.find("k:name", NS).text for p in folder.findall("k:Placemark", NS)]
        assert titles == list(frame["title"][categories == name])  # in input order
        style = {p.find("k:styleUrl", NS).text for p in folder.findall("k:Placemark", NS)}
        assert len(style) == 1 and root.find(f"k:Document/k:Style[@id='{style.pop()[1:]}']", NS) is not None
    first = next(p for p in placemarks(root) if p.find("k:name", NS).text == "Shelling #1")
    assert first.find("k:TimeStamp/k:when", NS).text == "2024-03-02"
    assert first.find("k:Point/k:coordinates", NS).text == "37.3,49.21"
    undated = next(p for p in placemarks(root) if p.find("k:name", NS).text == "Shelling #5")
    assert undated.find("k:TimeStamp", NS) is None
    balloon = Balloon(first.find("k:description", NS).text)
    assert balloon.text["title"] == "Shelling #1"
    assert balloon.text["meta"] == "2024-03-02 · Protests · fatalities: 1"
    assert balloon.text["text"] == "Shelling was reported in Izium on day 1."
    assert ("b", {}) in balloon.tags  # the place highlighted, as in the popup
    assert balloon.text["place"] == "Izium, Ukraine — 49.2100, 37.3000"
    assert balloon.text["how"] == "precision 2 (district or near a town) · located by text"
    assert balloon.text["source"] == "Source: https://example.org/1"
    assert ("a", {"href": "https://example.org/1"}) in balloon.tags
    data = {d.get("name"): d.find("k:value", NS).text for d in first.findall("k:ExtendedData/k:Data", NS)}
    assert data["event_id"] == "e.csv:1" and data["fatalities"] == "1" and data["category"] == "Protests"
    assert [p.name for p in tmp_path.iterdir()] == ["m.incidents.kml"]  # no temporary files left


def test_only_categoryless_incidents_are_one_folder(tmp_path):
    frame = frame_of(3).drop(columns="category")
    _, root = write(tmp_path, frame)
    assert [f.find("k:name", NS).text for f in root.findall("k:Document/k:Folder", NS)] == ["Incidents"]


def test_hostile_text_stays_text(tmp_path):
    attacks = [*HOSTILE, "</description><script>alert(1)</script>", "]]><script>alert(2)</script>",
               "<![CDATA[x]]>", "$[geDirections] $[name]", "&amp; &lt;b&gt;", "\x00\x1b\x0b bell\x07 \ufffe\ud800",
               "</name></Placemark></Folder></Document></kml>", '"><img src=x onerror=alert(3)>']
    frame = objects(**{
        "event_id": [f"h:{i}" for i in range(len(attacks))], "title": attacks, "category": attacks,
        "place": attacks, "date": attacks, "located_by": attacks, "source_id": attacks,
        "text": [f"Shelling in {a} was reported." for a in attacks],
        "start": [12] * len(attacks), "end": [12 + len(a) for a in attacks],
        "url": ["javascript:alert(1)", "https://example.org/\"><script>"] + ["data:text/html,<script>"] * (len(attacks) - 2),
        "lat": [36.0 + i / 10 for i in range(len(attacks))], "lon": [37.0] * len(attacks)})
    path, root = write(tmp_path, frame, title="</name><script>alert('t')</script>")
    assert root.find("k:Document/k:name", NS).text == "</name><script>alert('t')</script>"
    assert len(placemarks(root)) == len(attacks)
    assert {f.find("k:name", NS).text for f in root.findall("k:Document/k:Folder", NS)} == {
        expected(a) or "Uncategorised" for a in attacks}
    for placemark in placemarks(root):
        name = placemark.find("k:name", NS).text
        attack = next(a for a in attacks if expected(a) == name)
        description = placemark.find("k:description", NS).text
        assert "$[" not in description  # Google Earth's entity replacement cannot fire
        balloon = Balloon(description)
        assert {tag for tag, _ in balloon.tags} <= OUR_TAGS  # no markup from the data
        assert all(tag != "a" for tag, _ in balloon.tags)  # no javascript:, data: or broken links
        assert balloon.text["title"] == expected(attack)
        assert balloon.text["text"] == expected(f"Shelling in {attack} was reported.")
        assert placemark.find("k:TimeStamp", NS) is None  # none of these is a date
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text and "\x00" not in text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.text(max_size=40))
@example("Uncategorised", "")
def test_any_text_round_trips_through_the_description(tmp_path_factory, title, place):
    frame = objects(event_id=["e:1"], title=[title], place=[place], category=[title], text=[title], lat=[1.5],
                    lon=[-2.25])
    _, root = write(tmp_path_factory.mktemp("kml"), frame)
    (placemark,) = placemarks(root)
    assert placemark.find("k:name", NS).text == (expected(title) or "e:1")
    balloon = Balloon(placemark.find("k:description", NS).text)
    assert {tag for tag, _ in balloon.tags} <= OUR_TAGS
    assert balloon.text["title"] == (expected(title) or "e:1")
    assert balloon.text.get("text", "") == expected(title)
    assert balloon.text["place"] == " — ".join(x for x in (expected(place), "1.5000, -2.2500") if x)
    folder = root.find("k:Document/k:Folder/k:name", NS).text
    # a table whose one category is none (or is literally called "Uncategorised") has one folder of all
    # its incidents, as the map has one layer
    assert folder == ("Incidents" if expected(title) in ("", "Uncategorised") else expected(title))


def test_a_failed_run_leaves_the_old_file(tmp_path):
    target = tmp_path / "m.incidents.kml"
    target.write_text("old", encoding="utf-8")
    writer = KmlWriter(target, INCIDENTS)
    writer.write(frame_of(5))
    writer.abort()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.incidents.kml"]


# -- geomap map --export kml ------------------------------------------------------------------

def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_kml(capsys, cli_gazetteer, tmp_path):
    out = tmp_path / "k" / "map.html"
    code, _, err = run(capsys, "map", acled_csv(), "-o", out, "--export", "kml", "--export", "csv", "--title", "ACLED")
    assert code == 0, err
    assert f"Wrote {out.parent / 'map.incidents.kml'}" in err
    import csv

    with open(out.parent / "map.incidents.csv", encoding="utf-8", newline="") as f:
        incidents = list(csv.DictReader(f))
    root = ET.parse(out.parent / "map.incidents.kml").getroot()
    assert root.find("k:Document/k:name", NS).text == "ACLED"
    assert len(placemarks(root)) == len(incidents) > 0
    folders = {f.find("k:name", NS).text: len(f.findall("k:Placemark", NS))
               for f in root.findall("k:Document/k:Folder", NS)}
    counts = {}
    for row in incidents:
        counts[row["category"] or "Uncategorised"] = counts.get(row["category"] or "Uncategorised", 0) + 1
    assert folders == counts
    dated = [p for p in placemarks(root) if p.find("k:TimeStamp/k:when", NS) is not None]
    assert len(dated) == sum(1 for r in incidents if r["date"])
    assert not (out.parent / "map.mentions.kml").exists() and not (out.parent / "map.unlocated.kml").exists()


def test_cli_kml_with_dask_says_what_to_do(capsys, cli_gazetteer, tmp_path):
    code, _, err = run(capsys, "map", "--engine", "dask", acled_csv(), "-o", tmp_path / "m.html", "--export", "kml")
    assert code != 0
    assert "--export kml is not available with --engine dask" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # refused before anything, not even a folder of parts, is made
