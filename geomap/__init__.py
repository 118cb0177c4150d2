"""geomap: place names in news and incident records, geocoded offline and mapped.

The public API is re-exported here and loaded lazily, so ``import geomap``
stays cheap (no pandas, folium or SQLite work at import time).
"""

from __future__ import annotations

from importlib import import_module

__all__ = [
    "Gazetteer",
    "GazetteerGeocoder",
    "geoparse",
    "Geoparser",
    "Mention",
    "read_inputs",
    "stream_inputs",
    "locate_chunks",
    "locate",
    "Located",
    "incidents_map",
    "save_map_atomic",
    "screenshot",
    "Place",
    "NameKind",
    "normalize_name",
    "build_gazetteer",
    "import_geonames",
    "default_index_path",
    "GeomapError",
    "GazetteerError",
    "GazetteerMissingError",
    "GazetteerCorruptError",
    "InputFormatError",
    "BrowserNotFoundError",
]
__version__ = "0.1.0"

_WHERE = {
    "Gazetteer": "gazetteer",
    "default_index_path": "gazetteer",
    "GazetteerGeocoder": "geocoder",
    "geoparse": "geoparser",
    "Geoparser": "geoparser",
    "Mention": "geoparser",
    "read_inputs": "events",
    "stream_inputs": "events",
    "locate_chunks": "stream",
    "locate": "pipeline",
    "Located": "pipeline",
    "incidents_map": "render",
    "save_map_atomic": "render",
    "screenshot": "snapshot",
    "Place": "place",
    "NameKind": "place",
    "normalize_name": "normalize",
    "build_gazetteer": "gazetteer_build",
    "import_geonames": "gazetteer_build",
    "GeomapError": "errors",
    "GazetteerError": "errors",
    "GazetteerMissingError": "errors",
    "GazetteerCorruptError": "errors",
    "InputFormatError": "errors",
    "BrowserNotFoundError": "errors",
}


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
