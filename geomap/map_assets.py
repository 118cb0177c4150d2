"""The files a map page carries inline: Leaflet and its plugins, our own script and styles, the base layer.

Vendored in ``geomap/assets/`` by ``scripts/vendor_map_assets.py`` from the npm
packages leaflet 1.9.4, leaflet.markercluster 1.5.3, leaflet.heat 0.2.0,
topojson-client 3.1.0 and world-atlas 2.0.2 (country outlines from Natural
Earth 1:50m); their licenses sit beside them.  ``places.json`` holds the
GeoNames cities of 100,000 people or more (CC BY 4.0), for place-name labels.  Inlining them is what makes a
map one file that opens with no network.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

__all__ = ["STYLESHEETS", "SCRIPTS", "asset_text", "inline_styles", "inline_scripts", "countries_topology",
           "reference_places"]

STYLESHEETS = ("leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css", "incidents_map.css")
SCRIPTS = ("leaflet.js", "leaflet.markercluster.js", "leaflet-heat.js", "topojson-client.min.js", "incidents_map.js")
COUNTRIES = "countries-50m.json"
PLACES = "places.json"


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    """The text of one vendored file; refuses one that would end its ``<script>``/``<style>`` element early."""
    text = files("geomap").joinpath("assets", name).read_text(encoding="utf-8")
    closing = "</script" if name.endswith(".js") else "</style"
    if closing in text.lower():
        raise ValueError(f"geomap/assets/{name} contains {closing}> and cannot be inlined")
    return text


def inline_styles() -> str:
    return "\n".join(f"<style>/* {name} */\n{asset_text(name)}\n</style>" for name in STYLESHEETS)


def inline_scripts() -> str:
    return "\n".join(f"<script>/* {name} */\n{asset_text(name)}\n</script>" for name in SCRIPTS)


@lru_cache(maxsize=1)
def countries_topology() -> str:
    """World country outlines: TopoJSON text, made safe for a ``<script>`` data block.

    ASCII JSON with no ``<``, ``>`` or ``&`` is safe as it is, and goes in unparsed (the vendored
    file is exactly what :func:`geomap.map_data.script_json` would make of it).
    """
    import json

    from .map_data import script_json

    text = asset_text(COUNTRIES)
    if text.isascii() and not any(c in text for c in "<>&"):
        return text
    return script_json(json.loads(text))


@lru_cache(maxsize=1)
def reference_places() -> str:
    """Cities for the offline place-name labels, largest first, packed for the page."""
    import json

    from .map_data import pack

    return pack(json.loads(asset_text(PLACES)))
