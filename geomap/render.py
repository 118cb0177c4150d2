"""Incident maps with folium.  The only module that imports folium.

A map is one self-contained HTML file: Leaflet, its plugins and a country
base layer are inlined (:mod:`geomap.map_assets`), so it opens with no
network; ``online=True`` adds OpenStreetMap tiles as the default base layer.

folium inserts popup and tooltip text as raw HTML inside JavaScript template
literals, and one ``folium.Marker`` + ``Popup`` per incident costs seconds
and megabytes per ten thousand.  So markers are not folium objects: the
incidents go into the page once, as packed JSON (:mod:`geomap.map_data`), and the
page's own script (``assets/incidents_map.js``) makes markers, popups,
the layers panel, filters and heat map from it, putting data into the
DOM only as text.  What does reach HTML from Python (the page title) goes
through :func:`_escape`.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .export import _readable
from .map_assets import countries_topology, inline_scripts, inline_styles, reference_places
from .map_data import PACKED_TYPE, incidents_payload, mentions_payload, pack

__all__ = ["MAX_MENTION_POINTS", "incidents_map", "save_map_atomic"]

#: Above this many mentions the optional mentions layer is left out (it would double the page).
MAX_MENTION_POINTS = 50_000

_JS_TEMPLATE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def _escape(text: str) -> str:
    """Escape for HTML, and for JavaScript template literals (backticks, ``$``, backslashes)."""
    return html.escape(str(text), quote=True).translate(_JS_TEMPLATE)


def incidents_map(incidents: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
                  title: str = "geomap incidents", online: bool = False, gazetteer=None):
    """A folium map of an ``incidents`` table (see :mod:`geomap.schema`): one marker per incident.

    Markers are coloured by ``category``, sized by ``fatalities``, paler for
    coarser ``precision``, and clustered above 50; one panel lists the
    categories with colours, counts and check boxes, the other layers and the
    key.  Popups give the title (linked to ``url``), date, category,
    fatalities, the sentence around the place mention with the place
    highlighted, the resolved place and its coordinates, precision, the other
    places and the actors (an ``actors`` column, or ACLED's/UCDP's actor
    columns); tooltips the title, date and place.  There is a search box over
    titles, places, texts, actors and ids, a date filter when there are ISO
    dates, a heat-map layer, a scale bar, and, when ``mentions`` is given, a
    layer of every place mentioned.  The first view fits the densest 98% of
    the incidents, with a "Show all" button.  Only ``lat`` and ``lon``
    columns are required.

    The offline base layer has detail for the data's region
    (:mod:`geomap.map_detail`): first-level borders and names, rivers, lakes
    and towns, and a precision-3 incident's popup outlines its region.
    ``gazetteer`` (a :class:`geomap.gazetteer.Gazetteer` or a path) gives the
    towns and borders; None uses the default index when it is built (it is
    never built for a map), False none: then the page has rivers, lakes and
    region names only.
    """
    fmap = _self_contained_map_class()(location=[20, 0], zoom_start=2, tiles=None, control_scale=True,
                                       prefer_canvas=False)
    figure = fmap.get_root()
    figure.header.add_child(_raw(f"<title>{_escape(title)}</title>"), name="geomap_title")
    figure.header.add_child(_raw(inline_styles()), name="geomap_styles")
    figure.header.add_child(_raw(inline_scripts()), name="geomap_scripts")
    data = incidents_payload(incidents)
    extra = None
    if mentions is not None and 0 < len(mentions) <= MAX_MENTION_POINTS:
        extra = mentions_payload(mentions, incidents)
    from .map_detail import detail_payload

    detail = detail_payload(incidents, gazetteer) if len(incidents) else None
    _incident_layer_class()(data, extra, online, detail).add_to(fmap)
    return fmap


@lru_cache(maxsize=1)
def _self_contained_map_class():
    """folium.Map without the CDN links folium adds (Leaflet, jQuery, Bootstrap, Font Awesome)."""
    import folium

    class SelfContainedMap(folium.Map):
        default_js: list = []
        default_css: list = []

    return SelfContainedMap


@lru_cache(maxsize=1)
def _raw_element_class():
    """A branca element whose text goes into the page as is.

    branca's own ``Element(text)`` compiles ``text`` as a Jinja template, so
    ``{{ … }}`` inside data (a title, a note) would be evaluated, in this
    Python process, when the map is saved.  Data must never pass through it.
    """
    from branca.element import Element

    class RawElement(Element):
        def __init__(self, text: str):
            super().__init__("")
            self.text = text

        def render(self, **kwargs) -> str:
            return self.text

    return RawElement


def _raw(text: str):
    return _raw_element_class()(text)


@lru_cache(maxsize=1)
def _incident_layer_class():
    """The folium element that puts the data into the page and calls ``geomapIncidents``.

    The data sits in packed blocks (:func:`geomap.map_data.pack`) in the body,
    which the page unpacks before it draws the map.
    """
    from branca.element import MacroElement

    class IncidentLayer(MacroElement):
        def __init__(self, data: dict, mentions: dict | None, online: bool, detail: dict | None = None):
            super().__init__()
            self._name = "IncidentLayer"
            self.data = pack(data)
            self.mentions = pack(mentions)
            self.detail = pack(detail)
            self.online = online

        def render(self, **kwargs):
            figure, name = self.get_root(), self.get_name()
            blocks = (f'<script type="{PACKED_TYPE}" id="{name}_data">{self.data}</script>\n'
                      f'<script type="{PACKED_TYPE}" id="{name}_mentions">{self.mentions}</script>\n'
                      f'<script type="{PACKED_TYPE}" id="{name}_places">{reference_places()}</script>\n'
                      f'<script type="{PACKED_TYPE}" id="{name}_detail">{self.detail}</script>\n'
                      f'<script type="application/json" id="{name}_countries">{countries_topology()}</script>\n')
            figure.html.add_child(_raw(blocks), name=f"{name}_blocks")
            osm = "true" if self.online else "false"
            figure.script.add_child(_raw(f"""
                geomapOpen({self._parent.get_name()}, "{name}", {osm});
                """), name=name)

    return IncidentLayer


def save_map_atomic(fmap, path: str | Path) -> Path:
    """Save a folium map to ``path`` via a temporary file and a rename."""
    path = Path(path)
    os.replace(stage_map(fmap, path), path)
    return path


def stage_map(fmap, path: str | Path) -> Path:
    """Save a folium map to a temporary ``.tmp.html`` file beside ``path``, for the caller to rename into place
    (with the other outputs of its run) or delete."""
    from .export import temporary_beside

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_beside(path, suffix=".tmp.html")
    os.close(fd)
    try:
        fmap.save(tmp)
        _readable(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)
