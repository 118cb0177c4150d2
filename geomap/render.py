"""Maps.  The only module that imports folium.

folium inserts popup and tooltip text into the page as raw HTML inside
JavaScript template literals, so every string that comes from data is escaped
here (:func:`_escape`) before folium sees it, and popups are built as ``folium.Popup(html, parse_html=False)``
from text we escaped ourselves.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

__all__ = ["MapPoint", "points_map", "save_map_atomic"]


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
    """A folium map with one marker per point, fitted to the points."""
    import folium

    fmap = folium.Map(tiles="OpenStreetMap", control_scale=True)
    for p in points:
        body = "<b>" + _escape(p.title) + "</b>" + "".join("<br>" + _escape(line) for line in p.lines)
        folium.Marker(
            (p.lat, p.lon),
            popup=folium.Popup(body, max_width=350, parse_html=False),
            tooltip=folium.Tooltip(_escape(p.title)),
        ).add_to(fmap)
    if points:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=8)
    fmap.get_root().header.add_child(folium.Element(f"<title>{_escape(title)}</title>"))
    return fmap


def save_map_atomic(fmap, path: str | Path) -> Path:
    """Save a folium map to ``path`` via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        fmap.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
