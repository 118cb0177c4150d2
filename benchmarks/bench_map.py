"""Benchmark: incident maps at 10,000 and 100,000 incidents, against the naive folium way.

The naive way is what a folium user writes first: one ``folium.Marker`` with a
``folium.Popup`` per incident, in a ``MarkerCluster``.  geomap puts the data in
the page once and makes markers in the browser.  Both get the same incidents:
synthetic records whose texts are real sentences from the shipped Wikinews
samples, spread over Ukraine, with dates, six categories and fatalities.

Measured: seconds to write the HTML file, its size, and (with Playwright and a
Chromium) seconds from opening the page to every marker clustered and drawn,
and to a popup opened by a real click on a marker.

    python benchmarks/bench_map.py [--sizes 10000 100000] [--naive-size 10000] [--no-browser]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.map_data import excerpt
from geomap.render import incidents_map, save_map_atomic

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
              "Strategic developments"]


def sentences() -> list[str]:
    found = []
    for path in sorted((REPO / "samples" / "wikinews").glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        found += [s for s in re.split(r"(?<=[.!?])\s+", text) if 60 <= len(s) <= 400]
    return found


def incidents(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pool = sentences()
    texts, starts, ends = [], [], []
    for i in range(n):
        text = pool[i % len(pool)] + " " + pool[(i * 7 + 3) % len(pool)]
        words = [m for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text)] or [re.search(r"\w+", text)]
        word = words[i % len(words)]
        texts.append(text)
        starts.append(word.start())
        ends.append(word.end())
    return pd.DataFrame({
        "event_id": [f"events.csv:{i + 2}" for i in range(n)],
        "source_id": [f"UKR{100000 + i}" for i in range(n)],
        "title": [t[:70] for t in texts],
        "date": [f"{2022 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        "category": [CATEGORIES[i % len(CATEGORIES)] for i in range(n)],
        "fatalities": rng.integers(0, 12, n),
        "url": [f"https://example.org/report/{i}" for i in range(n)],
        "place": [f"Place {i % 4000}, Oblast {i % 24}, Ukraine" for i in range(n)],
        "lat": rng.uniform(44.5, 52.0, n), "lon": rng.uniform(22.5, 40.0, n),
        "precision": rng.integers(1, 4, n), "located_by": "text",
        "other_places": [f"Place {(i * 3) % 4000}; Ukraine" for i in range(n)],
        "text": texts, "start": starts, "end": ends,
    })


def naive_folium(frame: pd.DataFrame, path: Path) -> None:
    import folium
    from folium.plugins import MarkerCluster

    fmap = folium.Map(location=[48.5, 31.0], zoom_start=6)
    cluster = MarkerCluster().add_to(fmap)
    for rec in frame.itertuples(index=False):
        sentence = excerpt(rec.text, rec.start, rec.end)[0]  # the same popup text geomap shows
        body = f"<b>{rec.title}</b><br>{rec.date} · {rec.category}<br>{sentence}<br>{rec.place}"
        folium.Marker([rec.lat, rec.lon], popup=folium.Popup(body, max_width=350), tooltip=rec.title).add_to(cluster)
    fmap.save(str(path))


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def browser_times(path: Path) -> tuple[float, float] | None:
    """Seconds to every marker drawn, and to a popup opened by a click, in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    from geomap.snapshot import find_browser

    executable = find_browser()
    if executable is None:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=120_000)
        page.wait_for_function("window.geomap && window.geomap.ready", timeout=120_000, polling=50)
        drawn = time.perf_counter() - start
        # Zoom in until one marker is out of its cluster, then click it like a user.
        i = page.evaluate("window.geomap.markers.length") // 2
        page.evaluate("i => { var g = window.geomap; g.map.setView(g.markers[i].getLatLng(), g.map.getMaxZoom(), "
                      "{animate: false}); }", i)
        page.wait_for_function("i => window.geomap.map.hasLayer(window.geomap.markers[i])", arg=i, timeout=60_000)
        point = page.evaluate("i => { var p = window.geomap.map.latLngToContainerPoint("
                              "window.geomap.markers[i].getLatLng()); return [p.x, p.y]; }", i)
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
        page.locator(".leaflet-popup-content").wait_for(timeout=30_000)
        popup = time.perf_counter() - start
        browser.close()
    return drawn, popup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--naive-size", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.naive_size:
            frame = incidents(args.naive_size)
            path = Path(tmp) / "naive.html"
            seconds = timed(naive_folium, frame, path)
            rows.append(("naive folium (Marker + Popup in MarkerCluster)", args.naive_size, seconds,
                         path.stat().st_size, None))
        for n in args.sizes:
            frame = incidents(n)
            path = Path(tmp) / f"geomap_{n}.html"
            seconds = timed(lambda: save_map_atomic(incidents_map(frame, title="bench"), path))
            times = None if args.no_browser else browser_times(path)
            rows.append(("geomap", n, seconds, path.stat().st_size, times))
    print(f"{'way':<48} {'incidents':>9} {'HTML s':>7} {'MB':>6} {'drawn s':>8} {'popup s':>8}")
    for way, n, seconds, size, times in rows:
        drawn, popup = (f"{times[0]:.2f}", f"{times[1]:.2f}") if times else ("-", "-")
        print(f"{way:<48} {n:>9,} {seconds:>7.2f} {size / 1e6:>6.1f} {drawn:>8} {popup:>8}")
    naive = [r for r in rows if r[0].startswith("naive")]
    ours = [r for r in rows if r[0] == "geomap" and naive and r[1] == naive[0][1]]
    if naive and ours:
        print(f"at {naive[0][1]:,} incidents geomap writes the page {naive[0][2] / ours[0][2]:.1f}x faster "
              f"and {naive[0][3] / ours[0][3]:.1f}x smaller than the naive folium way")


if __name__ == "__main__":
    main()
