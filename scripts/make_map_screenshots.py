"""The README's pictures of the offline detail layers: an ACLED-like Ukraine map at zoom 5, 9 and 12.

    python scripts/make_map_screenshots.py [--n 3000]

The incidents are benchmarks/bench_map.py's synthetic ones (spread over Ukraine,
six ACLED event types, texts from the Wikinews samples), never real ACLED data.
Uses the default gazetteer index (built if need be) for towns and borders, and
headless Chromium through Playwright.  Writes docs/img/detail-{desktop,phone}-z{5,9,12}.png;
the zoom-9 desktop picture has a region-level incident's popup open, with its
oblast outlined.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_map import incidents  # noqa: E402

from geomap.render import incidents_map, save_map_atomic  # noqa: E402
from geomap.snapshot import find_browser  # noqa: E402

VIEWS = {5: (48.5, 33.0), 9: (48.45, 37.75), 12: (48.59, 37.99)}  # Ukraine; Donetsk oblast; Bakhmut
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    frame = incidents(args.n)
    frame["country"], frame["admin1"] = "UA", ""  # admin-1 left to the point
    out = REPO / "docs" / "img"
    page_path = Path("/tmp") / "geomap-detail-screenshots.html"
    save_map_atomic(incidents_map(frame, title="Ukraine (synthetic, ACLED-like)"), page_path)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_browser(), args=["--no-sandbox"])
        for device, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.geomap && window.geomap.ready", timeout=60_000)
            for zoom, (lat, lon) in VIEWS.items():
                page.evaluate(f"window.geomap.map.closePopup(); window.geomap.map.setView([{lat}, {lon}], {zoom}, "
                              "{animate: false})")
                if zoom == 9 and device == "desktop":  # a precision-3 incident near the centre, opened
                    page.evaluate("""() => { var g = window.geomap, c = g.map.getCenter(), best = -1, d = 1e9;
                        for (var i = 0; i < g.data.n; i++) if (g.data.precision[i] === 3) {
                          var e = Math.abs(g.data.lat[i] - c.lat) + Math.abs(g.data.lon[i] - c.lng);
                          if (e < d) { d = e; best = i; } }
                        g.group.fire('click', {layer: g.markers[best]}); }""")
                page.wait_for_timeout(1500)
                target = out / f"detail-{device}-z{zoom}.png"
                page.screenshot(path=str(target))
                print(target, target.stat().st_size)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
