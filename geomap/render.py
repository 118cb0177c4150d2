"""Maps.  The only module that imports folium.

folium inserts popup and tooltip text into the page as raw HTML inside
JavaScript template literals, so every string that comes from data is escaped
here (:func:`_escape`) before folium sees it, and popups are built as ``folium.Popup(html, parse_html=False)``
from text we escaped ourselves.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .export import _readable

__all__ = ["MapPoint", "points_map", "incidents_map", "save_map_atomic"]


@dataclass(frozen=True)
class MapPoint:
    """One marker: where, a title for the tooltip, and lines for the popup (all plain text)."""

    lat: float
    lon: float
    title: str
    lines: tuple[str, ...] = ()


_JS_TEMPLATE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def _escape(text: str) -> str:
    """Escape for HTML, and for the JavaScript template literals folium wraps popups in.

    ``quote=True`` also escapes ' and "; backticks, ``$`` and backslashes
    would otherwise end or interpolate folium's `` `...` `` strings.
    """
    return html.escape(str(text), quote=True).translate(_JS_TEMPLATE)


def points_map(points: Sequence[MapPoint], *, title: str = "geomap"):
    """A folium map with one marker per point (clustered above 50), fitted to the points.

    The markers are not folium objects: their data goes into the page once, as
    a JSON array of already-escaped strings, and a few lines of JavaScript make
    the markers.  folium's own Marker+Popup per point takes seconds and
    megabytes per ten thousand points; this takes a fraction of that.
    """
    import folium
    from folium.plugins import MarkerCluster

    fmap = folium.Map(tiles="OpenStreetMap", control_scale=True)
    layer = MarkerCluster(name="Incidents") if len(points) > 50 else folium.FeatureGroup(name="Incidents")
    layer.add_to(fmap)
    rows = []
    for p in points:
        body = "<b>" + _escape(p.title) + "</b>" + "".join("<br>" + _escape(line) for line in p.lines)
        rows.append([round(p.lat, 6), round(p.lon, 6), body, _escape(p.title)])
    _MarkersFromData(rows, layer).add_to(fmap)
    if points:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=8)
    fmap.get_root().header.add_child(folium.Element(f"<title>{_escape(title)}</title>"))
    return fmap


def _script_json(data) -> str:
    """JSON safe inside a <script> element: ASCII only, and no "</" to end the element early."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")


@lru_cache(maxsize=1)
def _markers_class():
    """The folium element class, made on first use so that importing this module stays cheap."""
    from branca.element import MacroElement
    from jinja2 import Template

    class MarkersFromData(MacroElement):
        """Markers with popups and tooltips made in the browser from one data array."""

        _template = Template("""
            {% macro script(this, kwargs) %}
            (function () {
                var rows = {{ this.data }};
                var layer = {{ this.layer.get_name() }};
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i];
                    layer.addLayer(L.marker([r[0], r[1]]).bindPopup(r[2], {maxWidth: 350}).bindTooltip(r[3]));
                }
            })();
            {% endmacro %}
        """)

        def __init__(self, rows, layer):
            super().__init__()
            self._name = "MarkersFromData"
            self.data = _script_json(rows)
            self.layer = layer

    return MarkersFromData


def _MarkersFromData(rows, layer):
    return _markers_class()(rows, layer)


def save_map_atomic(fmap, path: str | Path) -> Path:
    """Save a folium map to ``path`` via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        fmap.save(tmp)
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def incidents_map(incidents, *, title: str = "geomap incidents"):
    """A folium map of an ``incidents`` table (see :mod:`geomap.schema`), one marker each.

    Popups say what happened, when, and where the text says so; every value is
    escaped.  The full incident map (layers, legend, time, offline assets) is
    the map issue's work; this is the plain version the pipeline uses until then.
    """
    from .schema import PRECISION_LABELS

    points = []
    for rec in incidents.to_dict("records"):
        lines = []
        when = " · ".join(str(v) for v in (rec.get("date"), rec.get("category")) if v)
        if when:
            lines.append(when)
        if rec.get("fatalities") not in (None, "", "0"):
            lines.append(f"Fatalities: {rec['fatalities']}")
        text, start, end = rec.get("text") or "", rec.get("start"), rec.get("end")
        if text and start is not None and end is not None and start == start:  # start == start: not NaN
            lines.append("“" + _sentence(text, int(start), int(end)) + "”")
        lines.append(f"{rec['place']} — {rec['lat']:.4f}, {rec['lon']:.4f}")
        precision = rec.get("precision")
        lines.append(f"Precision: {PRECISION_LABELS.get(precision, precision)} · located by {rec['located_by']}")
        if rec.get("other_places"):
            lines.append(f"Other places: {rec['other_places']}")
        points.append(MapPoint(float(rec["lat"]), float(rec["lon"]), str(rec.get("title") or rec["event_id"]),
                               tuple(lines)))
    return points_map(points, title=title)


def _sentence(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence around a mention, cut to ``limit`` characters."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    sentence = " ".join(text[left + 1:right].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
