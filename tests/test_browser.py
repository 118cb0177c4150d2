"""The map page in a real headless Chromium (Playwright): it loads offline, shows every
incident, popups say the right thing, the legend, layers, search and date filter work,
and hostile records run no script.

Needs the ``playwright`` package (the test extra) and a Chromium (Debian: ``apt install
chromium``; or set GEOMAP_CHROMIUM).  Without them these tests skip, unless
GEOMAP_REQUIRE_BROWSER=1 (CI sets it), where they fail instead.
"""

from __future__ import annotations

import os
import struct

import pandas as pd
import pytest

from geomap.render import incidents_map, save_map_atomic
from geomap.snapshot import browser_args, find_browser, screenshot
from conftest import map_data
from test_render import hostile_frame

REQUIRED = os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1"


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"GEOMAP_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = find_browser()
    if executable is None:
        _unavailable("no Chromium found (apt install chromium, or set GEOMAP_CHROMIUM)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        args = [a for a in browser_args(str(profile)) if not a.startswith(("--headless", "--user-data-dir"))]
        b = p.chromium.launch(executable_path=executable, args=args)
        yield b
        b.close()


class Page:
    """A map page opened in the browser, with what it asked of the network and logged."""

    def __init__(self, browser, path, width=1200, height=800):
        self.requests, self.errors, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on("request", lambda r: self.requests.append(r.url)
                     if not r.url.startswith(("file:", "data:", "about:")) else None)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.geomap && window.geomap.ready", timeout=30_000)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def shown(self) -> str:
        return self.page.locator(".geomap-count").inner_text()

    def hover_marker(self, i: int) -> str:
        """Move the mouse onto marker ``i`` (zoomed in, so it is out of its cluster): the tooltip's text."""
        self.page.mouse.move(1, 1)
        self.page.wait_for_function("document.querySelectorAll('.leaflet-tooltip').length === 0")
        point = self.js("i => { var g = window.geomap; g.map.closePopup(); g.map.setView(g.markers[i].getLatLng(), 10,"
                        " {animate: false}); var p = g.map.latLngToContainerPoint(g.markers[i].getLatLng()); return [p.x, p.y]; }", i)
        box = self.page.locator("#" + self.js("window.geomap.map.getContainer().id")).bounding_box()
        self.page.mouse.move(box["x"] + point[0], box["y"] + point[1])
        tip = self.page.locator(".leaflet-tooltip .geomap-tip")
        tip.wait_for(timeout=5_000)
        return tip.inner_text()

    def click_marker(self, i: int) -> str:
        point = self.js("i => { var g = window.geomap; g.map.closePopup(); g.map.setView(g.markers[i].getLatLng(), 10, {animate: false});"
                        " var p = g.map.latLngToContainerPoint(g.markers[i].getLatLng()); return [p.x, p.y]; }", i)
        self.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")  # faded out
        box = self.page.locator("#" + self.js("window.geomap.map.getContainer().id")).bounding_box()
        self.page.mouse.click(box["x"] + point[0], box["y"] + point[1])
        popup = self.page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5_000)
        return popup.inner_text()


def _incidents(n: int) -> pd.DataFrame:
    places = ["Kupiansk", "Izium", "Bakhmut", "Avdiivka", "Kherson"]
    rows = []
    for i in range(n):
        place = places[i % len(places)]
        text = f"Shelling was reported in {place} on the morning of the {i}th. Nobody was hurt."
        rows.append({
            "event_id": f"events.csv:{i + 2}", "source_id": f"UKR{i}", "title": f"Shelling in {place} #{i}",
            "date": f"2024-03-{1 + i % 28:02d}", "category": ["Shelling", "Battles", "Protests"][i % 3],
            "fatalities": i % 4, "url": f"https://example.org/{i}", "place": f"{place}, Ukraine",
            "lat": 48.0 + (i % 50) * 0.05, "lon": 35.0 + (i // 50) * 0.05, "precision": 1 + i % 3,
            "located_by": "text", "other_places": "Ukraine", "text": text,
            "start": text.index(place), "end": text.index(place) + len(place),
        })
    return pd.DataFrame(rows)


def _mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """A mention beside each incident (the mentions layer)."""
    return pd.DataFrame({"event_id": frame["event_id"], "geonameid": range(len(frame)), "surface": "Kupiansk",
                         "name": "Kup'yans'k", "lat": frame["lat"], "lon": frame["lon"] + 0.01})


@pytest.fixture(scope="module")
def small_map(tmp_path_factory):
    frame = _incidents(12)
    path = tmp_path_factory.mktemp("maps") / "small.html"
    save_map_atomic(incidents_map(frame, _mentions(frame)), path)
    return frame, path


def test_page_loads_offline_with_every_incident(browser, small_map):
    frame, path = small_map
    page = Page(browser, path)
    assert page.errors == []
    assert page.requests == []  # self-contained: not one network request
    assert page.js("window.geomap.markers.length") == len(frame)
    assert page.page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() >= len(frame)
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"
    assert page.page.locator(".leaflet-control-scale").count() == 1
    page.page.close()


def test_clicking_a_marker_opens_its_popup(browser, small_map):
    frame, path = small_map
    page = Page(browser, path)
    text = page.click_marker(3)
    assert "Shelling in Avdiivka #3" in text
    assert "2024-03-04 · Shelling · fatalities: 3" in text
    assert "Shelling was reported in Avdiivka on the morning of the 3th." in text
    assert page.page.locator(".leaflet-popup-content mark").inner_text() == "Avdiivka"
    assert f"Avdiivka, Ukraine — {frame.lat[3]:.4f}, {frame.lon[3]:.4f}" in text
    assert "precision 1 (town or village)" in text
    link = page.page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://example.org/3" and link.get_attribute("rel") == "noopener noreferrer"
    assert page.errors == []
    page.page.close()


def test_layers_panel_is_legend_and_layer_control_in_one(browser, small_map):
    # The legend and Leaflet's layer control were two boxes listing the same categories; now one
    # panel lists each category once, with its colour, count and a check box.
    frame, path = small_map
    page = Page(browser, path)
    assert page.page.locator(".leaflet-control-layers").count() == 0
    control = page.page.locator(".geomap-layers")
    names = control.locator(".geomap-category .geomap-name").all_inner_texts()
    counts = control.locator(".geomap-category .geomap-n").all_inner_texts()
    assert list(zip(names, counts)) == [(c, str(n)) for c, n in frame["category"].value_counts().items()]
    assert control.locator(".geomap-category .geomap-swatch").count() == frame["category"].nunique()
    control.get_by_text("Battles").click()  # untick a category: its markers go
    shelling_and_protests = int((frame["category"] != "Battles").sum())
    assert page.shown() == f"{shelling_and_protests} of {len(frame)} incidents shown"
    assert page.js("window.geomap.group.getLayers().length") == shelling_and_protests
    control.get_by_text("Battles").click()
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"
    control.get_by_role("button", name="None").click()
    assert page.shown() == f"0 of {len(frame)} incidents shown"
    control.get_by_role("button", name="All").click()
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"
    assert "Size: fatalities" in control.inner_text()  # the key sits in the same panel
    control.get_by_text("Heat map").click()
    assert page.page.locator("canvas.leaflet-heatmap-layer").count() == 1
    control.get_by_text("Places mentioned (12)").click()
    assert page.page.locator(".leaflet-overlay-pane canvas").count() >= 1  # the mentions layer draws on canvas
    assert page.errors == []
    page.page.close()


def test_search_and_date_filter(browser, small_map):
    frame, path = small_map
    page = Page(browser, path)
    search = page.page.locator(".geomap-search")
    search.fill("bakhmut")
    search.press("Enter")
    bakhmut = int(frame["title"].str.contains("Bakhmut").sum())
    assert page.shown() == f"{bakhmut} of {len(frame)} incidents shown"
    search.fill("")
    search.press("Enter")
    page.page.locator(".geomap-date-from").fill("2024-03-06")
    page.page.locator(".geomap-date-to").fill("2024-03-09")
    in_range = int(frame["date"].between("2024-03-06", "2024-03-09").sum())
    page.page.wait_for_function(f"document.querySelector('.geomap-count').textContent.startsWith('{in_range} of')")
    assert page.errors == []
    page.page.close()


# For every cluster on the map: the categories of its markers (counted from the data, in the panel's
# order) beside what its icon draws (slice colours and lengths, the number in the middle).
CLUSTER_ICONS = """() => {
  var g = window.geomap, data = g.data, out = [];
  g.group._featureGroup.eachLayer(function (c) {
    if (!(c instanceof L.MarkerCluster) || !c._icon) return;
    var counts = data.categories.map(function () { return 0; });
    c.getAllChildMarkers().forEach(function (m) { counts[data.category[m.geomapIndex]]++; });
    var expected = [];
    counts.forEach(function (n, k) { if (n) expected.push([data.categories[k].colour, n]); });
    var slices = Array.from(c._icon.querySelectorAll("circle.geomap-slice"));
    var unit = slices.length ? 2 * Math.PI * Number(slices[0].getAttribute("r")) / c.getChildCount() : 0;
    out.push({expected: expected, total: c.getChildCount(),
              drawn: slices.map(function (s) { return [s.getAttribute("stroke"),
                Math.round(Number(s.getAttribute("stroke-dasharray").split(" ")[0]) / unit)]; }),
              text: c._icon.querySelector("text").textContent, size: c._icon.offsetWidth,
              title: c._icon.getAttribute("title")});
  });
  return out;
}"""


def test_many_incidents_cluster_into_donuts_of_their_categories(browser, tmp_path):
    frame = _incidents(2000)
    path = save_map_atomic(incidents_map(frame), tmp_path / "many.html")
    page = Page(browser, path)
    assert page.js("window.geomap.group.getLayers().length") == 2000
    assert page.page.locator(".marker-cluster").count() > 0
    icons = page.js(CLUSTER_ICONS)
    assert icons and sum(icon["total"] for icon in icons) <= 2000
    for icon in icons:
        assert icon["drawn"] == icon["expected"]  # one slice per category, in its colour, sized by its count
        assert icon["text"] == (str(icon["total"]) if icon["total"] < 1000 else f"{icon['total'] / 1000:.1f}k".replace(".0k", "k"))
        assert icon["title"].startswith(f"{icon['total']:,} incidents — ")
    small, big = min(icons, key=lambda i: i["total"]), max(icons, key=lambda i: i["total"])
    assert small["total"] == big["total"] or small["size"] < big["size"]  # sized by count
    # Place names draw above markers and clusters (and let clicks through to them).
    panes = page.js("['geomapLabels', 'markerPane', 'overlayPane'].map(function (n) {"
                    " var p = window.geomap.map.getPane(n); return [Number(getComputedStyle(p).zIndex), getComputedStyle(p).pointerEvents]; })")
    assert panes[0][0] > panes[1][0] > panes[2][0] and panes[0][1] == "none"
    assert page.errors == [] and page.requests == []
    page.page.close()


def test_hostile_categories_in_cluster_icons_stay_text(browser, tmp_path):
    marker = "window.__pwned = (window.__pwned || 0) + 1"
    names = [f"<img src=x onerror=\"{marker}\">", f"<svg onload=\"{marker}\">", f"\"><script>{marker}</script>",
             "{{ 7*7 }}", f"`;{marker};`"]
    frame = pd.DataFrame({"title": [f"t{i}" for i in range(100)], "category": [names[i % 5] for i in range(100)],
                          "lat": [48.0 + (i % 10) * 0.01 for i in range(100)], "lon": 35.0})
    path = save_map_atomic(incidents_map(frame), tmp_path / "hostile-clusters.html")
    page = Page(browser, path)
    icons = page.js(CLUSTER_ICONS)
    assert icons
    for icon in icons:
        assert icon["drawn"] == icon["expected"]
        for name in names:
            assert name in icon["title"]  # the names, as text in an attribute
    assert page.page.locator(".geomap-cluster img, .geomap-cluster script, .geomap-cluster svg svg").count() == 0
    assert page.js("window.__pwned") is None and page.dialogs == [] and page.errors == []
    page.page.close()


def test_hostile_records_run_no_script(browser, tmp_path):
    frame = hostile_frame()
    marker = "window.__pwned = (window.__pwned || 0) + 1"
    extra = [f"<img src=x onerror=\"{marker}\">", f"<svg onload=\"{marker}\">", f"</script><script>{marker}</script>",
             f"`;{marker};`", f"${{{marker}}}", f"\"><script>{marker}</script>"]
    big = "A" * 1_000_000 + " Kupiansk " + "B" * 1000
    rows = [{"event_id": f"x{i}", "title": h, "category": h, "place": h, "other_places": h, "text": f"In {h} now.",
             "warning": f"event place not in the gazetteer: {h}",
             "start": 3, "end": 3 + len(h), "url": f"javascript:{marker}", "lat": 40.0 + i / 10, "lon": 30.0}
            for i, h in enumerate(extra)]
    rows.append({"event_id": "big", "title": "1 MB of text", "category": "big", "place": "Kupiansk", "text": big,
                 "start": big.index("Kupiansk"), "end": big.index("Kupiansk") + 8, "lat": 39.5, "lon": 30.0})
    frame = pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)
    path = save_map_atomic(incidents_map(frame, title=f"<script>{marker}</script>"), tmp_path / "hostile.html")
    page = Page(browser, path)
    for i in range(len(frame)):
        text = page.click_marker(i)
        expected = frame["title"][i] or frame["event_id"][i]
        assert page.page.locator(".leaflet-popup-content .geomap-title").inner_text() == expected.strip()
        assert text
        warning = frame["warning"][i] if "warning" in frame.columns else None
        if isinstance(warning, str) and warning:  # the record's warning, as text
            assert page.page.locator(".leaflet-popup-content .geomap-warning").inner_text() == \
                "Note: " + " ".join(warning.split())
    assert page.js("window.__pwned") is None
    assert page.dialogs == []
    assert page.errors == []
    assert page.page.locator(".leaflet-popup-content a").count() == 0  # javascript: links dropped
    labels = page.page.locator(".geomap-layers").inner_text()
    assert "<img src=x" in labels  # shown as text
    for i in range(len(frame)):  # tooltips: title, date and place, as text
        page.hover_marker(i)
        expected = frame["title"][i] or frame["event_id"][i]
        assert page.page.locator(".leaflet-tooltip .geomap-tip-title").inner_text() == expected.strip()
        place = frame["place"][i]
        if isinstance(place, str) and place.strip():
            assert page.page.locator(".leaflet-tooltip .geomap-tip-meta").inner_text() == " ".join(place.split())
    assert page.page.title() == f"<script>{marker}</script>"
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"  # the page still works
    page.page.close()


def test_png_picture(tmp_path, small_map):
    if find_browser() is None:
        _unavailable("no Chromium found (apt install chromium, or set GEOMAP_CHROMIUM)")
    _, path = small_map
    png = screenshot(path, tmp_path / "pics" / "map.png", width=640, height=400)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (640, 400)
    assert [p.name for p in png.parent.iterdir()] == ["map.png"]


def test_png_without_a_browser_says_what_to_do(tmp_path, small_map, monkeypatch):
    from geomap.errors import BrowserNotFoundError

    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserNotFoundError, match="apt install chromium"):
        screenshot(small_map[1], tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_place_name_labels_and_online_tiles(browser, small_map, tmp_path):
    frame, path = small_map
    page = Page(browser, path)
    labels = page.page.locator(".geomap-label").all_inner_texts()
    # The offline base layer names the big cities in view.  (Kharkiv, at 50°N, was named until the
    # first view made room for the timeline along the bottom: the view now sits further south.)
    assert labels and "Dnipro" in labels and "Poltava" in labels
    page.page.close()
    online = save_map_atomic(incidents_map(frame, online=True), tmp_path / "online.html")
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_())
    tiles = []
    context.on("request", lambda r: tiles.append(r.url) if "tile.openstreetmap.org" in r.url else None)
    p = context.new_page()
    p.goto(online.resolve().as_uri())
    p.wait_for_function("window.geomap && window.geomap.ready")
    assert tiles  # online mode asks OpenStreetMap for tiles (blocked here)
    assert "OpenStreetMap" in p.locator(".leaflet-control-attribution").inner_text()
    context.close()


def test_a_browser_without_decompression_says_so(browser, small_map):
    page = browser.new_page()
    page.add_init_script("delete window.DecompressionStream;")
    page.goto(small_map[1].resolve().as_uri())
    message = page.locator(".geomap-error")
    message.wait_for(timeout=10_000)
    assert "could not open the map's data" in message.inner_text()
    page.close()


def test_cli_map_with_png(capsys, cli_gazetteer, tmp_path):
    from pathlib import Path

    from geomap.cli import main

    if find_browser() is None:
        _unavailable("no Chromium found (apt install chromium, or set GEOMAP_CHROMIUM)")
    samples = Path(__file__).resolve().parent.parent / "samples" / "wikinews"
    out = tmp_path / "map.html"
    code = main(["map", str(samples), "-o", str(out), "--png", str(tmp_path / "map.png"), "-q"])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "map.png"]


def test_filters_during_a_chunked_load_show_exactly_the_last_filter(browser, tmp_path):
    # 100,000 markers are clustered in chunks across timeouts; a filter asked for meanwhile must
    # not leave the first load's markers on the map.
    frame = _incidents(100_000)
    path = save_map_atomic(incidents_map(frame), tmp_path / "big.html")
    page = browser.new_page()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.geomap !== undefined")
    page.evaluate("() => { var g = window.geomap; g.state.hidden[0] = true; g.apply(); "
                  "g.state.hidden[1] = true; g.apply(); }")
    page.wait_for_function("window.geomap.ready && window.geomap.idle()", timeout=60_000)
    categories = [c["name"] for c in map_data(path.read_text(encoding="utf-8"))["categories"]]
    kept = int((~frame["category"].isin(categories[:2])).sum())
    hidden = page.evaluate("[window.geomap.state.hidden[0], window.geomap.state.hidden[1]]")
    assert hidden == [True, True]
    assert page.evaluate("window.geomap.group.getLayers().length") == kept
    assert page.locator(".geomap-count").inner_text() == f"{kept:,} of {len(frame):,} incidents shown"
    page.close()


# -- pictures for reports: the print mode and the picture's size ---------------------------

def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def _first_row(path) -> list[tuple[int, ...]]:
    """The pixels of a PNG's top row (8-bit RGB or RGBA; row 0 needs no previous row to unfilter)."""
    import zlib

    data, pos, idat = path.read_bytes(), 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", data[pos + 8:pos + 18])
        elif kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    assert depth == 8 and colour in (2, 6)
    step = 3 if colour == 2 else 4
    raw = zlib.decompressobj().decompress(idat, 1 + width * step)
    kind, row = raw[0], bytearray(raw[1:1 + width * step])
    if kind in (1, 3, 4):  # Sub, Average, Paeth: on the first row, each adds (a part of) the byte to its left
        for i in range(step, len(row)):
            row[i] = (row[i] + (row[i - step] // 2 if kind == 3 else row[i - step])) & 0xFF
    return [tuple(row[i:i + 3]) for i in range(0, len(row), step)]


def test_print_mode_shows_title_dates_legend_scale_and_attribution(browser, tmp_path):
    from geomap.snapshot import PRINT_MODE

    frame = _incidents(12)
    title = "Shelling, <b>March</b> & after"
    path = save_map_atomic(incidents_map(frame, title=title), tmp_path / "print.html")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri() + PRINT_MODE)
    page.wait_for_function("document.documentElement.getAttribute('data-geomap-print') === '1'", timeout=30_000)
    bar = page.locator(".geomap-printbar")
    assert page.locator(".geomap-printbar-title").inner_text() == title  # as text, not markup
    assert page.locator(".geomap-printbar b").count() == 0
    assert page.locator(".geomap-printbar-dates").inner_text() == "Dates: 2024-03-01 to 2024-03-12"
    for shown in (".geomap-legend", ".leaflet-control-scale", ".leaflet-control-attribution"):
        assert page.locator(shown).is_visible(), shown
    legend = page.locator(".geomap-legend").inner_text()
    assert "Shelling\n4" in legend and "Layers" not in legend and "All" not in legend  # a key, not controls
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
    for hidden in (".geomap-search", ".geomap-filter", ".leaflet-control-layers", ".leaflet-control-zoom"):
        assert not page.locator(hidden).is_visible(), hidden
    # every incident is in the picture, below the title bar and clear of the legend
    below = bar.bounding_box()["y"] + bar.bounding_box()["height"]
    legend = page.locator(".geomap-legend").bounding_box()
    points = page.evaluate("window.geomap.markers.map(m => window.geomap.map.latLngToContainerPoint(m.getLatLng()))"
                           ".map(p => [p.x, p.y])")
    assert len(points) == len(frame)
    for x, y in points:
        assert 0 <= x <= 1000 and below <= y <= 700
        assert not (x >= legend["x"] and y >= legend["y"])
    assert errors == []
    page.close()


def test_the_interactive_page_has_no_print_bar(browser, small_map):
    page = Page(browser, small_map[1])
    assert page.page.locator(".geomap-printbar").count() == 0
    assert page.page.locator(".geomap-search").is_visible()
    page.js("window.geomapPrint()")  # print mode by hand, as for a screenshot taken some other way
    assert page.page.locator(".geomap-printbar").count() == 1 and not page.page.locator(".geomap-search").is_visible()


def test_tooltip_gives_title_date_and_place(browser, small_map):
    frame, path = small_map
    page = Page(browser, path)
    page.hover_marker(4)
    assert page.page.locator(".leaflet-tooltip .geomap-tip-title").inner_text() == "Shelling in Kherson #4"
    assert page.page.locator(".leaflet-tooltip .geomap-tip-meta").inner_text() == "2024-03-05 · Kherson, Ukraine"
    assert page.errors == []
    page.page.close()


def test_png_has_the_size_asked(tmp_path, small_map):
    if find_browser() is None:
        _unavailable("no Chromium found (apt install chromium, or set GEOMAP_CHROMIUM)")
    png = screenshot(small_map[1], tmp_path / "big.png", width=1600, height=1000)
    assert _png_size(png) == (1600, 1000)
    # taken in print mode: the top row is the white title bar, not the blue sea of the interactive page
    assert all(min(pixel) >= 240 for pixel in _first_row(png)[100:1500])
    plain = screenshot(small_map[1], tmp_path / "plain.png", width=640, height=400, print_mode=False)
    assert not all(min(pixel) >= 240 for pixel in _first_row(plain)[100:540])


def test_cli_o_png_draws_the_picture_with_the_map_beside(capsys, cli_gazetteer, tmp_path):
    from pathlib import Path

    from geomap.cli import main

    if find_browser() is None:
        _unavailable("no Chromium found (apt install chromium, or set GEOMAP_CHROMIUM)")
    samples = Path(__file__).resolve().parent.parent / "samples" / "wikinews"
    out = tmp_path / "report" / "fig.png"
    code = main(["map", str(samples), "-o", str(out), "--png-size", "1600x1000", "--export", "kml"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert _png_size(out) == (1600, 1000)
    assert "<html" in (out.parent / "fig.html").read_text(encoding="utf-8")[:500].lower()
    assert f"Wrote {out.parent / 'fig.html'} (the map page, beside the picture)" in err
    assert f"Wrote {out}" in err
    assert sorted(p.name for p in out.parent.iterdir()) == ["fig.html", "fig.incidents.kml", "fig.png"]


def test_search_covers_notes_actors_and_ids(browser, tmp_path):
    # ACLED-like records: the phrase sits in the note's first sentence, the place in its second, so the
    # popup's sentence does not hold it; the search must still find it.
    rows = []
    for i in range(30):
        note = (f"On {i + 1} March 2024, {'Russian  forces' if i % 3 == 0 else 'unidentified forces'} shelled a village. "
                f"Houses in Izium were damaged.")
        rows.append({"source_id": f"UKR{9000 + i}", "title": "Shelling/artillery/missile attack", "text": note,
                     "start": note.index("Izium"), "end": note.index("Izium") + 5, "place": "Izium, Kharkiv",
                     "actor1": "Military Forces of Russia (2000-)" if i % 2 else "Unidentified Armed Group (Ukraine)",
                     "actor2": "Civilians (Ukraine)", "lat": 49.2 + i / 50, "lon": 37.27, "date": "2024-03-01"})
    frame = pd.DataFrame(rows)
    path = save_map_atomic(incidents_map(frame), tmp_path / "acled.html")
    page = Page(browser, path)
    search = page.page.locator(".geomap-search")
    expected = {"Russian forces": int(frame["text"].str.contains("Russian  forces").sum()),
                "russian forces": 10, "military forces of russia": 15, "UKR9007": 1, "izium": 30,
                "civilians (ukraine)": 30, "no such thing": 0}
    for query, count in expected.items():
        search.fill(query)
        search.press("Enter")
        assert page.shown() == f"{count} of {len(frame)} incidents shown", query
    search.fill("")
    search.press("Enter")
    text = page.click_marker(0)
    assert "Houses in Izium were damaged." in text and "Russian" not in text  # the popup still shows one sentence
    assert "Actors: Unidentified Armed Group (Ukraine); Civilians (Ukraine)" in text
    assert page.errors == []
    page.page.close()


def test_first_view_leaves_out_outliers_and_show_all_brings_them_in(browser, tmp_path):
    frame = _incidents(200)
    frame.loc[0, ["lat", "lon"]] = [31.97, -99.9]  # a "Paris" placed in Texas
    frame.loc[1, ["lat", "lon"]] = [-33.9, 151.2]
    path = save_map_atomic(incidents_map(frame), tmp_path / "outliers.html")
    page = Page(browser, path)
    contains = "ll => window.geomap.map.getBounds().contains(ll)"
    assert not page.js(contains, [31.97, -99.9]) and not page.js(contains, [-33.9, 151.2])
    inside = page.js("() => { var b = window.geomap.map.getBounds(); return window.geomap.markers.filter("
                     "function (m) { return b.contains(m.getLatLng()); }).length; }")
    assert inside >= 0.98 * len(frame)
    assert page.js("window.geomap.map.getZoom()") >= 5  # zoomed on Ukraine, not on the world
    page.page.locator(".geomap-showall a").click()
    assert page.js(contains, [31.97, -99.9]) and page.js(contains, [-33.9, 151.2])
    assert page.errors == []
    page.page.close()


# Every visible control (Leaflet's and ours) and the open sheet, as [left, top, right, bottom] boxes.
CONTROL_BOXES = """() => Array.from(document.querySelectorAll('.leaflet-control, .geomap-sheet, .geomap-timeline')).filter(function (e) {
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return e.offsetParent !== null && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
}).map(function (e) { var r = e.getBoundingClientRect(); return [e.className, [r.left, r.top, r.right, r.bottom]]; })"""


def _assert_controls_leave_the_map_clear(page, width, height):
    """No two visible controls overlap, and at least 60% of the screen shows the map, not controls."""
    import numpy as np

    boxes = page.js(CONTROL_BOXES)
    for k, (name_a, a) in enumerate(boxes):
        for name_b, b in boxes[k + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), f"{name_a} {a} overlaps {name_b} {b}"
    covered = np.zeros((height, width), dtype=bool)
    for _, (left, top, right, bottom) in boxes:
        covered[max(0, int(top)):max(0, int(np.ceil(bottom))), max(0, int(left)):max(0, int(np.ceil(right)))] = True
    assert covered.mean() <= 0.4, f"controls cover {covered.mean():.0%} of the screen"
    return boxes


@pytest.fixture(scope="module")
def busy_map(tmp_path_factory):
    """The most the panels hold: twelve categories with long names, dates, fatalities, mentions."""
    frame = _incidents(600)
    names = ["Explosions/Remote violence", "Battles", "Violence against civilians", "Strategic developments",
             "Protests", "Riots", "Shelling/artillery/missile attack", "Air/drone strike", "Armed clash",
             "Peaceful protest", "Looting/property destruction", "Other"]
    frame["category"] = [names[i % 12] for i in range(len(frame))]
    path = tmp_path_factory.mktemp("maps") / "busy.html"
    save_map_atomic(incidents_map(frame, _mentions(frame)), path)
    return frame, path


def test_wide_screen_shows_the_panels_open_and_clear_of_each_other(browser, busy_map):
    frame, path = busy_map
    page = Page(browser, path, 1366, 768)
    assert page.js("document.querySelector('.geomap-narrow')") is None
    assert page.page.locator(".geomap-toggle").first.is_hidden()
    assert page.page.locator(".geomap-layers .geomap-category").count() == 12
    assert page.page.locator(".geomap-search").is_visible()
    boxes = _assert_controls_leave_the_map_clear(page, 1366, 768)
    assert len(boxes) >= 7  # zoom, show all, filters, layers panel, scale, attribution, timeline
    assert any("geomap-timeline" in name for name, _ in boxes)
    assert 80 <= page.page.locator(".geomap-timeline").bounding_box()["height"] <= 110
    assert page.errors == []
    page.page.close()


def test_phone_screen_folds_the_panels_into_buttons_that_open_sheets(browser, busy_map):
    frame, path = busy_map
    page = Page(browser, path, 390, 844)
    assert page.js("document.querySelector('.geomap-narrow') !== null")
    assert not page.page.locator(".geomap-search").is_visible()
    assert not page.page.locator(".geomap-layers .geomap-category").first.is_visible()
    boxes = _assert_controls_leave_the_map_clear(page, 390, 844)
    assert any("geomap-timeline" in name for name, _ in boxes)  # the compact timeline strip, clear of the rest
    assert page.page.locator(".geomap-tl-play").is_visible()
    filters = page.page.get_by_role("button", name="Search & filter")
    assert "600 of 600" in filters.inner_text()  # the count stays in sight on the folded button
    filters.click()
    assert page.page.locator(".geomap-sheet .geomap-search").is_visible()
    _assert_controls_leave_the_map_clear(page, 390, 844)
    page.page.locator(".geomap-search").fill("bakhmut")
    page.page.locator(".geomap-search").press("Enter")
    bakhmut = int(frame["title"].str.contains("Bakhmut").sum())
    assert page.shown() == f"{bakhmut} of {len(frame)} incidents shown"
    layers = page.page.get_by_role("button", name="Layers & legend")
    layers.click()  # one sheet at a time
    assert not page.page.locator(".geomap-search").is_visible()
    assert page.page.locator(".geomap-sheet .geomap-category").count() == 12
    _assert_controls_leave_the_map_clear(page, 390, 844)
    page.page.locator(".geomap-sheet").get_by_role("button", name="None").click()
    assert page.shown() == f"0 of {len(frame)} incidents shown"
    page.page.locator(".geomap-sheet").get_by_role("button", name="Close").click()
    assert page.js("document.querySelector('.geomap-sheet-open')") is None
    _assert_controls_leave_the_map_clear(page, 390, 844)
    page.page.set_viewport_size({"width": 1366, "height": 768})  # turned into a wide window: panels open
    page.page.wait_for_function("document.querySelector('.geomap-narrow') === null")
    assert page.page.locator(".geomap-layers .geomap-category").first.is_visible()
    _assert_controls_leave_the_map_clear(page, 1366, 768)
    assert page.errors == []
    page.page.close()


# -- the timeline (#15 item 4) -----------------------------------------------------------

TIMELINE_BINS = """() => Array.from(document.querySelectorAll('.geomap-tl-bin')).map(function (g) {
  return [g.getAttribute('data-start'), g.getAttribute('data-end'), Number(g.getAttribute('data-count')),
          Array.from(g.querySelectorAll('rect')).map(function (r) {
            return [Number(r.getAttribute('data-category')), Number(r.getAttribute('data-count')), r.getAttribute('fill')]; })];
})"""


def _expected_bins(frame, freq, categories=None):
    """pandas' counts of the dated incidents per period (empty periods too), per bin and per category."""
    days = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    dated = frame[days.notna()].assign(period=days[days.notna()].dt.to_period(freq))
    periods = pd.period_range(dated["period"].min(), dated["period"].max(), freq=freq)
    totals = dated["period"].value_counts().reindex(periods, fill_value=0)
    lo, hi = days.min().strftime("%Y-%m-%d"), days.max().strftime("%Y-%m-%d")
    starts = [max(p.start_time.strftime("%Y-%m-%d"), lo) for p in periods]
    ends = [min(p.end_time.strftime("%Y-%m-%d"), hi) for p in periods]
    by_category = None
    if categories is not None:
        table = dated.groupby(["period", "category"]).size()
        by_category = [sorted((categories.index(c), int(n)) for (q, c), n in table.items() if q == p) for p in periods]
    return starts, ends, [int(n) for n in totals], by_category


def _in_range(frame, start, end):
    return int(frame["date"].between(start, end).sum())


@pytest.mark.parametrize("step, freq, unit", [(0.05, "D", "day"), (1, "W-SUN", "week"), (4, "M", "month"), (12, "Q", "quarter"),
                                              (60, "Y", "year")])
def test_timeline_bars_count_the_incidents_per_bin(browser, tmp_path, step, freq, unit):
    frame = _incidents(900)
    offsets = (pd.Series(range(900)) * step).astype(int)
    frame["date"] = (pd.Timestamp("2023-02-11") + pd.to_timedelta(offsets, unit="D")).dt.strftime("%Y-%m-%d")
    frame.loc[[5, 6], "date"] = [None, "not a date"]
    path = save_map_atomic(incidents_map(frame), tmp_path / f"bins-{unit}.html")
    page = Page(browser, path, 1366, 768)
    categories = [c["name"] for c in map_data(path.read_text(encoding="utf-8"))["categories"]]
    colours = {c["name"]: c["colour"] for c in map_data(path.read_text(encoding="utf-8"))["categories"]}
    bins = page.js(TIMELINE_BINS)
    starts, ends, counts, by_category = _expected_bins(frame, freq, categories)
    assert page.js("window.geomap.timeline.unit") == unit
    assert len(bins) == len(counts) <= 150
    assert [b[0] for b in bins] == starts and [b[1] for b in bins] == ends
    assert [b[2] for b in bins] == counts
    assert [sorted((c, n) for c, n, _ in b[3]) for b in bins] == by_category  # stacked by category
    assert all(fill == colours[categories[c]] for b in bins for c, _, fill in b[3])  # in the map's colours
    assert page.page.locator(".geomap-tl-unit").inner_text() == "· per " + unit
    assert page.errors == []
    page.page.close()


def _drag(page, a: float, b: float):
    box = page.page.locator(".geomap-tl-chart").bounding_box()
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + a * box["width"], y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + (a + b) / 2 * box["width"], y, steps=3)
    page.page.mouse.move(box["x"] + b * box["width"], y, steps=3)
    page.page.mouse.up()


def _wait_idle(page):
    page.page.wait_for_function("window.geomap.ready && window.geomap.idle()", timeout=60_000)


def test_brushing_the_timeline_filters_the_map_with_the_date_boxes_and_categories(browser, tmp_path):
    frame = _incidents(600)  # 2024-03-01 to 2024-03-28: one bar a day
    path = save_map_atomic(incidents_map(frame), tmp_path / "brush.html")
    page = Page(browser, path, 1366, 768)
    _drag(page, 0.30, 0.52)  # bins 8 to 14 of 28
    _wait_idle(page)
    start, end = page.js("[window.geomap.state.from, window.geomap.state.to]")
    assert (start, end) == ("2024-03-09", "2024-03-15")
    expected = _in_range(frame, start, end)
    assert page.shown() == f"{expected} of {len(frame)} incidents shown"
    assert page.js("window.geomap.group.getLayers().length") == expected
    # one filter state: the date boxes hold what the brush set
    assert page.page.locator(".geomap-date-from").input_value() == start
    assert page.page.locator(".geomap-date-to").input_value() == end
    assert page.page.locator(".geomap-tl-range").inner_text().startswith("2024-03-09 to 2024-03-15")
    # dragging the right edge changes the span
    box = page.page.locator(".geomap-tl-chart").bounding_box()
    edge = box["x"] + 15 * box["width"] / 28
    page.page.mouse.move(edge, box["y"] + 20)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + 20.5 * box["width"] / 28, box["y"] + 20, steps=4)
    page.page.mouse.up()
    _wait_idle(page)
    assert page.js("[window.geomap.state.from, window.geomap.state.to]") == ["2024-03-09", "2024-03-21"]
    assert page.shown() == f"{_in_range(frame, '2024-03-09', '2024-03-21')} of {len(frame)} incidents shown"
    page.page.locator(".geomap-tl-chart").press("ArrowRight")  # the keyboard slides the span a day
    _wait_idle(page)
    assert page.js("[window.geomap.state.from, window.geomap.state.to]") == ["2024-03-10", "2024-03-22"]
    page.page.locator(".geomap-tl-chart").press("Shift+ArrowLeft")
    _wait_idle(page)
    assert page.js("[window.geomap.state.from, window.geomap.state.to]") == ["2024-03-10", "2024-03-21"]
    assert page.shown() == f"{_in_range(frame, '2024-03-10', '2024-03-21')} of {len(frame)} incidents shown"
    # the date boxes move the brush
    page.page.locator(".geomap-date-from").fill("2024-03-20")
    page.page.locator(".geomap-date-to").fill("2024-03-25")
    expected = _in_range(frame, "2024-03-20", "2024-03-25")
    page.page.wait_for_function(f"document.querySelector('.geomap-count').textContent.startsWith('{expected} of')")
    outside = page.js("Array.from(document.querySelectorAll('.geomap-tl-bin')).map(function (g, k) {"
                      " return g.classList.contains('geomap-tl-out') ? -1 : k; }).filter(function (k) { return k >= 0; })")
    assert outside == list(range(19, 25))  # the brush covers 03-20 .. 03-25
    # categories and search filter together with the brush; the bars count what the other filters keep
    page.page.locator(".geomap-layers").get_by_text("Battles").click()
    _wait_idle(page)
    kept = frame[(frame["category"] != "Battles") & frame["date"].between("2024-03-20", "2024-03-25")]
    assert page.shown() == f"{len(kept)} of {len(frame)} incidents shown"
    assert page.js("window.geomap.group.getLayers().length") == len(kept)
    bins = page.js(TIMELINE_BINS)
    assert [b[2] for b in bins] == _expected_bins(frame[frame["category"] != "Battles"], "D")[2]
    page.page.locator(".geomap-search").fill("kherson")
    page.page.locator(".geomap-search").press("Enter")
    _wait_idle(page)
    kept = kept[kept["title"].str.contains("Kherson")]
    assert page.shown() == f"{len(kept)} of {len(frame)} incidents shown"
    page.page.locator(".geomap-search").fill("")
    page.page.locator(".geomap-search").press("Enter")
    page.page.locator(".geomap-layers").get_by_text("Battles").click()
    # Clear: every date again, boxes empty, no brush
    page.page.locator(".geomap-tl-clear").click()
    _wait_idle(page)
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"
    assert page.page.locator(".geomap-date-from").input_value() == "" and page.page.locator(".geomap-tl-clear").is_disabled()
    assert not page.page.locator(".geomap-tl-brush").is_visible()
    assert page.errors == []
    page.page.close()


def test_playing_the_timeline_steps_a_window_and_the_clusters_follow(browser, tmp_path):
    frame = _incidents(600)
    path = save_map_atomic(incidents_map(frame), tmp_path / "play.html")
    page = Page(browser, path, 1366, 768)
    page.js("window.geomap.timeline.interval = 100")
    page.page.locator(".geomap-date-from").fill("2024-03-20")  # a 3-day window, played to the end
    page.page.locator(".geomap-date-to").fill("2024-03-22")
    _wait_idle(page)
    page.page.locator(".geomap-tl-play").click()
    assert page.page.locator(".geomap-tl-play").inner_text() == "❚❚ Pause"
    page.page.wait_for_function("!window.geomap.timeline.playing()", timeout=60_000)
    history = page.js("window.geomap.timeline.history")
    days = pd.date_range("2024-03-20", "2024-03-26").strftime("%Y-%m-%d")  # windows starting 03-20 .. 03-26
    assert [(h["from"], h["to"]) for h in history] == [(d, (pd.Timestamp(d) + pd.Timedelta(days=2)).strftime("%Y-%m-%d")) for d in days]
    for step in history:
        expected = _in_range(frame, step["from"], step["to"])
        assert step["shown"] == step["layers"] == expected, step  # the cluster group holds just those markers
    assert page.page.locator(".geomap-tl-play").inner_text() == "▶ Play"
    icons = page.js(CLUSTER_ICONS)  # the clusters were rebuilt for the last window
    assert sum(icon["total"] for icon in icons) <= _in_range(frame, "2024-03-26", "2024-03-28")
    # Play with no range steps one day at a time from the start; Pause stops it where it is
    page.page.locator(".geomap-tl-clear").click()
    page.js("window.geomap.timeline.interval = 400")
    page.page.locator(".geomap-tl-play").click()
    page.page.wait_for_function("window.geomap.timeline.history.length >= 2", timeout=30_000)
    page.page.locator(".geomap-tl-play").click()  # pause
    _wait_idle(page)
    start, end = page.js("[window.geomap.state.from, window.geomap.state.to]")
    assert start == end and start >= "2024-03-02"
    assert page.shown() == f"{_in_range(frame, start, end)} of {len(frame)} incidents shown"
    count = page.js("window.geomap.timeline.history.length")
    page.page.wait_for_timeout(900)
    assert page.js("window.geomap.timeline.history.length") == count  # paused: no more steps
    for step in page.js("window.geomap.timeline.history"):
        assert step["from"] == step["to"] and step["shown"] == _in_range(frame, step["from"], step["to"])
    assert page.errors == []
    page.page.close()


def test_undated_incidents_are_counted_said_and_shown_only_without_a_range(browser, tmp_path):
    frame = _incidents(60)
    undated = [3, 7, 11, 20, 41]
    frame.loc[undated, "date"] = ["", None, "unknown", "2024-13-45", "sometime in March"]
    path = save_map_atomic(incidents_map(frame), tmp_path / "undated.html")
    page = Page(browser, path, 1366, 768)
    note = page.page.locator(".geomap-tl-undated")
    assert note.inner_text() == ("5 incidents without a readable date are not on the timeline "
                                 "(shown only while no time range is set)")
    assert sum(b[2] for b in page.js(TIMELINE_BINS)) == len(frame) - 5
    assert page.shown() == f"{len(frame)} of {len(frame)} incidents shown"  # no range: they are on the map
    page.page.locator(".geomap-date-from").fill("2024-03-01")
    page.page.locator(".geomap-date-to").fill("2024-03-28")
    page.page.wait_for_function(f"document.querySelector('.geomap-count').textContent.startsWith('{len(frame) - 5} of')")
    shown = page.js("window.geomap.group.getLayers().map(function (m) { return m.geomapIndex; })")
    assert not set(shown) & set(undated)
    assert page.errors == []
    page.page.close()


def test_no_timeline_without_dates_and_a_static_one_in_print_mode(browser, tmp_path):
    from geomap.snapshot import PRINT_MODE

    frame = _incidents(20).drop(columns=["date"])
    page = Page(browser, save_map_atomic(incidents_map(frame), tmp_path / "nodates.html"))
    assert page.page.locator(".geomap-timeline").count() == 0 and page.js("window.geomap.timeline") is None
    assert page.errors == []
    page.page.close()
    path = save_map_atomic(incidents_map(_incidents(200)), tmp_path / "print.html")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(path.resolve().as_uri() + PRINT_MODE)
    page.wait_for_function("document.documentElement.getAttribute('data-geomap-print') === '1'", timeout=30_000)
    assert page.locator(".geomap-tl-chart").is_visible()  # the histogram stays, as a picture
    assert not page.locator(".geomap-tl-play").is_visible() and not page.locator(".geomap-tl-clear").is_visible()
    strip = page.locator(".geomap-timeline").bounding_box()
    points = page.evaluate("window.geomap.markers.map(m => window.geomap.map.latLngToContainerPoint(m.getLatLng()).y)")
    assert max(points) < strip["y"]  # every incident above the timeline
    page.close()


# -- offline detail (#15 items 3 and 6) ----------------------------------------------------------

def _donbas(n: int = 30) -> pd.DataFrame:
    frame = _incidents(n)
    frame["lat"] = [47.7 + (i % 6) * 0.15 for i in range(n)]
    frame["lon"] = [37.0 + (i // 6) * 0.25 for i in range(n)]
    frame["country"], frame["admin1"] = "UA", "Donetsk"
    return frame


@pytest.fixture(scope="module")
def donbas_map(tmp_path_factory, gazetteer_path):
    frame = _donbas()
    path = tmp_path_factory.mktemp("maps") / "donbas.html"
    save_map_atomic(incidents_map(frame, gazetteer=gazetteer_path), path)
    return frame, path


def _detail_counts(page) -> dict:
    return page.js("""() => {
        var pane = window.geomap.map.getPane('geomapDetail'), labels = window.geomap.map.getPane('geomapLabels');
        var inView = function (nodes) { return Array.prototype.filter.call(nodes, function (n) {
            var r = n.getBoundingClientRect(); return r.width > 0 || r.height > 0; }).length; };
        return {borders: inView(pane.querySelectorAll('path.geomap-admin1')),
                rivers: inView(pane.querySelectorAll('path.geomap-river')),
                towns: labels.querySelectorAll('.geomap-label').length,
                regions: Array.prototype.map.call(labels.querySelectorAll('.geomap-region-label'),
                                                  function (n) { return n.textContent; })};
    }""")


def _view(page, lat, lon, zoom):
    page.js(f"window.geomap.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    page.page.wait_for_timeout(300)


def test_zoom_9_over_donetsk_shows_oblast_borders_rivers_and_towns_offline(browser, donbas_map):
    frame, path = donbas_map
    page = Page(browser, path)
    panel = page.page.locator(".geomap-layers")
    for name in ("Regions (borders, names)", "Rivers and lakes", "Place names"):  # on by default offline
        assert panel.locator(".geomap-overlay", has_text=name).locator("input").is_checked()
    _view(page, 48.3, 37.9, 9)  # Donetsk oblast around Kostiantynivka, the Siverskyi Donets to the north
    at9 = _detail_counts(page)
    assert at9["borders"] >= 1 and at9["rivers"] >= 1
    assert at9["towns"] >= 15
    _view(page, 48.3, 37.9, 5)
    at5 = _detail_counts(page)
    assert at5["towns"] < at9["towns"]  # more names appear with zoom
    assert "Donetsk" in at5["regions"]  # region names from zoom 5
    _view(page, 48.3, 37.9, 4)
    assert _detail_counts(page)["regions"] == []
    panel.locator(".geomap-overlay", has_text="Rivers and lakes").locator("input").uncheck()
    assert page.js("window.geomap.map.getPane('geomapDetail').querySelectorAll('path.geomap-river').length") == 0
    assert page.requests == [] and page.errors == []  # nothing from the network
    page.page.close()


def test_open_popup_draws_region_outline_or_district_ring(browser, donbas_map):
    frame, path = donbas_map
    page = Page(browser, path)
    shapes = "document.querySelectorAll('path.geomap-precision').length"
    region = frame.index[frame["precision"] == 3][0]
    page.click_marker(int(region))
    assert page.js(shapes) == 1
    assert page.js("(function () { var n = 0; window.geomap.map.eachLayer(function (l) {"
                   " if (l.geomapRegion) n++; }); return n; })()") == 1  # an outline, not a ring
    box = page.js("document.querySelector('path.geomap-precision').getBoundingClientRect().width")
    page.js("window.geomap.map.closePopup()")
    assert page.js(shapes) == 0  # gone with the popup
    district = frame.index[frame["precision"] == 2][0]
    page.click_marker(int(district))
    assert page.js(shapes) == 1
    ring = page.js("(function () { var r = 0; window.geomap.map.eachLayer(function (l) {"
                   " if (l instanceof L.Circle && l.options.className === 'geomap-precision') r = l.getRadius(); });"
                   " return r; })()")
    assert ring == 15000
    assert page.js("document.querySelector('path.geomap-precision').getBoundingClientRect().width") < box
    page.js("window.geomap.map.closePopup()")
    page.click_marker(int(frame.index[frame["precision"] == 1][0]))
    assert page.js(shapes) == 0  # a town: the marker says where
    assert page.errors == []
    page.page.close()
