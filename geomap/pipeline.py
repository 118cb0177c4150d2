"""Place every event: coordinates, place name or geoparsed text → incidents and unlocated.

For each row of ``events`` (see :mod:`geomap.schema`), in this order:

1. **coordinates** given (and not ignored): validated (numbers, -90..90,
   -180..180, not exactly 0,0) and kept; precision from ``geo_precision``;
2. **place name** given (the coder's own statement of where): geocoded with the
   gazetteer inside the record's country when it is a name as a whole; else read
   as a description ("Donetsk town", "near the village of X, Luhansk region");
3. **text** given: geoparsed; every mention goes to ``mentions``; the incident
   location is the place the evidence of the text points at (an event word and
   a locative in its clause, the lead, repetition, …; see :mod:`geomap.incident`),
   and ``located_by`` says which evidence ("text: event sentence", …).  With
   ``incidents="each"`` every event sentence of the text is an incident of its own.
   A text that places nothing leaves the record to its own headline, read the same
   way ("title: event sentence", …);
4. **province** given (ACLED's ``admin1``): the record is placed there at
   precision 3 when nothing finer held (``located_by`` "record's province").

A record's own country vetoes places abroad in steps 2 and 3.  A record that
none of these places goes to ``unlocated`` with the reason: no
text/place/coordinates, bad coordinates, no place found, only country-level
places, or only places abroad.  Every event is in exactly one of the two tables.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Sequence

import pandas as pd
from geopy.exc import GeocoderQueryError

from .boilerplate import story_text
from .geocoder import GazetteerGeocoder, place_location
from .geoparser import Geoparser
from .incident import MIN_CONFIDENCE, analyse, choose, every_incident, parse_title_and_text
from .place import Place, contains, distance_km
from .reldate import event_date
from .schema import EVENTS, INCIDENTS, INTEGER_COLUMNS, MENTIONS, UNLOCATED
from .webpage import readable_title

__all__ = ["Located", "locate", "locate_parallel", "MIN_CONFIDENCE", "INCIDENT_MODES"]

#: ``incidents=``: one incident per record, or one per event sentence of its text.
INCIDENT_MODES = ("one", "each")


@dataclass
class Located:
    """The four tables of one run."""

    events: pd.DataFrame
    mentions: pd.DataFrame
    incidents: pd.DataFrame
    unlocated: pd.DataFrame

    def map(self, *, title: str = "geomap incidents", online: bool = False, mentions: bool = True):
        """The incident map of these tables: a folium ``Map`` (shown inline in a notebook).

        ``geomap.save_map_atomic(located.map(), "outputs/map.html")`` saves it.
        """
        from .render import incidents_map

        return incidents_map(self.incidents, self.mentions if mentions else None, title=title, online=online)

    def summary(self) -> str:
        """Records read, located (by how and precision), unlocated (by reason), linked."""
        from .stream import Tally

        return Tally().add(self).summary()


def locate(events: pd.DataFrame, geoparser: Geoparser | None = None, *, use_coordinates: bool = True,
           use_place_names: bool = True, use_record_context: bool = True, check: bool = False,
           incidents: str = "one", area: str = "", progress: Callable | None = None) -> Located:
    """Locate every event; ``progress`` wraps the row iterator (e.g. ``tqdm``).

    ``use_coordinates=False`` / ``use_place_names=False`` ignore those columns,
    to see how well the text alone places the records.  The record's own
    ``country`` and ``admin1`` are context for geoparsing its text, as if the
    text named them (``use_record_context=False`` turns that off).  ``check=True``
    geoparses the text of records that carry coordinates too and fills
    ``text_place`` / ``text_km`` (a QA aid: which coordinates disagree with
    their own text?).  ``incidents="each"``: a record whose text reports
    events in several places gets one incident per event sentence (its
    sentence as ``text``, a date the sentence gives read against the
    record's, ``incident_no`` 1, 2, …; see :func:`geomap.incident.every_incident`).
    ``area``: the country or first-level region the texts come from ("Kentucky, United States": a local
    paper's feed; :meth:`Geoparser.area_places`), context for every record that has no country or admin1
    of its own, so that a name many places bear is read there first ("Berea police" is Berea, Kentucky,
    not the district of Lesotho).  Context only: a place the text names elsewhere stays there.
    """
    if incidents not in INCIDENT_MODES:
        raise ValueError(f"incidents={incidents!r}: choose one of {', '.join(INCIDENT_MODES)}")
    extra = [c for c in events.columns if c not in _EVENTS]  # the input's own columns: they come back
    run = _Run(geoparser or Geoparser(), use_coordinates=use_coordinates, use_place_names=use_place_names,
               use_record_context=use_record_context, check=check, each=incidents == "each", extra=extra,
               area=area)
    rows = events.to_dict("records")
    for ev in (progress(rows) if progress else rows):
        run.add(ev)
    return Located(
        events=events,
        mentions=_typed(pd.DataFrame(run.mentions, columns=list(MENTIONS))),
        incidents=_typed(pd.DataFrame(run.incidents, columns=list(INCIDENTS) + extra)),
        unlocated=pd.DataFrame(run.unlocated, columns=list(UNLOCATED) + extra),
    )


class _Run:
    """The rows of one :func:`locate` call, filled one record at a time."""

    def __init__(self, geoparser: Geoparser, *, use_coordinates: bool, use_place_names: bool,
                 use_record_context: bool, check: bool, each: bool = False, extra: Sequence[str] = (),
                 area: str = ""):
        self.geoparser = geoparser
        self.area = geoparser.area_places(area) if area else []
        self.extra = list(extra)
        self.geocoder = GazetteerGeocoder(geoparser.gazetteer)
        self.use_coordinates, self.use_place_names = use_coordinates, use_place_names
        self.use_record_context, self.check, self.each = use_record_context, check, each
        self.mentions: list[dict] = []
        self.incidents: list[dict] = []
        self.unlocated: list[dict] = []
        self._contexts: dict[tuple[str, str], list[Place]] = {}

    def add(self, ev: dict) -> None:
        """Coordinates, else place name, else text, else the record's province; else unlocated with the reason."""
        title = ev.get("title")
        readable = readable_title(title) if isinstance(title, str) else title
        if readable is not title:  # a headline taken from a page's address ("R%C3%A9union")
            ev = {**ev, "title": readable}
        context = self._context(ev)
        if self.use_coordinates and (ev.get("lat") or ev.get("lon")):
            self._from_coordinates(ev, context)
            return
        reason = ""
        if self.use_place_names and ev.get("place_name"):
            reason = self._from_place_name(ev, context)
            if not reason:
                return
        text = ev.get("text") or ""
        if text.strip():
            why = self._from_text(ev, text, context)
            if not why:
                return
            reason = f"{reason}; {why}" if reason else why
        if self.use_place_names and ev.get("admin1") and self._from_province(ev, context, reason):
            return
        if not reason:
            reason = "no text, place name or coordinates" + (" (only a title)" if ev.get("title") else "")
        self._miss(ev, reason)

    def _from_province(self, ev: dict, context: list[Place], why_not_finer: str) -> bool:
        """A record whose place name and text say nothing finer is placed in the province it is filed
        under (ACLED's ``admin1``, UCDP's ``adm_1``), at precision 3, as ACLED codes an event known only
        to its province; ``located_by`` says so, and the record's ``warning`` why nothing finer held."""
        places = context or self.geoparser.context_places(ev.get("country") or "", ev["admin1"])
        region = next((p for p in places if p.feature_code == "ADM1"), None)
        if region is None:
            return False
        pin = self.geoparser.gazetteer.seat(region) or region
        self._incident(ev, place=region.address, lat=pin.lat, lon=pin.lon, country=region.country_code,
                       admin1=region.admin1_name, feature_code=region.feature_code, geonameid=region.geonameid,
                       precision=3, located_by="record's province", confidence=0.5, surface=ev["admin1"],
                       warning=f"only its province: {why_not_finer}" if why_not_finer else "only its province")
        return True

    def _context(self, ev: dict) -> list[Place]:
        if not (self.use_record_context and (ev.get("country") or ev.get("admin1"))):
            return self.area
        key = (ev.get("country") or "", ev.get("admin1") or "")
        if key not in self._contexts:
            self._contexts[key] = self.geoparser.context_places(*key)
        return self._contexts[key]

    def _incident(self, ev: dict, **fields) -> None:
        base = {k: ev.get(k, "") for k in ("event_id", "source_id", "title", "date", "category", "url", "source",
                                           "linked")}
        defaults = {"admin1": "", "feature_code": "", "geonameid": None, "confidence": 1.0, "other_places": "",
                    "surface": "", "start": None, "end": None, "text": ev.get("text", ""),
                    "text_place": "", "text_km": None, "dateline": "", "incident_no": 1, "warning": "",
                    "fatalities": _whole_number(ev.get("fatalities"))}
        row = {**base, **defaults, **fields}
        row["country_name"] = self.geoparser.gazetteer.country_name(row.get("country") or "")
        self.incidents.append(row | self._passed(ev))

    def _passed(self, ev: dict) -> dict:
        """The record's own input columns, as read."""
        return {c: _text_cell(ev.get(c)) for c in self.extra}

    def _miss(self, ev: dict, reason: str) -> None:
        self.unlocated.append({**{k: ev.get(k, "") for k in UNLOCATED if k != "reason"}, "reason": reason}
                              | self._passed(ev))

    def _from_coordinates(self, ev: dict, context: list[Place]) -> None:
        point, problem = _coordinates(ev.get("lat"), ev.get("lon"))
        if problem:
            self._miss(ev, problem)
            return
        text_place, text_km, text_country = "", None, ""
        if self.check and (ev.get("text") or "").strip():
            best = choose(analyse(ev["text"], self.geoparser.parse(ev["text"], context),
                                  title=ev.get("title") or "", date=ev.get("date") or "",
                                  countries=not ev.get("country"))).mention
            if best is not None:
                text_place, text_country = best.place.address, best.place.country_code
                text_km = round(distance_km(point[0], point[1], best.place.lat, best.place.lon), 1)
        country = self._known_country(ev.get("country") or None)
        warning = self._swapped(point, country or text_country,
                                "the record's country" if country else "where its text places it")
        precision = _int(ev.get("geo_precision"), default=1)
        if precision is None:
            self._miss(ev, f"bad geo_precision: {ev.get('geo_precision')!r} is not a finite number (1, 2 or 3)")
            return
        # the record's country as an ISO code; without one it can be read (the point's nearest town), the
        # input's own stays in its column
        here = None if country else self._country_at(*point)
        code = country or (here.country_code if here is not None else "")
        self._incident(ev, place=ev.get("place_name", ""), lat=point[0], lon=point[1],
                       country=code, precision=min(max(precision, 1), 3),
                       located_by="coordinates", text_place=text_place, text_km=text_km, warning=warning)

    def _swapped(self, point: tuple[float, float], code: str | None, whose: str) -> str:
        """A warning when ``point`` lies outside country ``code`` but (lon, lat) inside it, else "".

        Swapped columns are a common slip that no range check catches (50.45, 30.52 and 30.52, 50.45 are
        both valid).  Only records with a country (their own, or with --check their text's) are tested;
        "lies in" is the country of the nearest populated place (:meth:`Gazetteer.nearest`).  The
        record keeps its coordinates: the warning says what to check, as a guess is no fix.
        """
        lat, lon = point
        if not code or abs(lon) > 90 or lat == lon:  # a longitude beyond 90 is no latitude
            return ""
        here = self._country_at(lat, lon)
        if here is None or here.country_code == code:
            return ""
        there = self._country_at(lon, lat)
        if there is None or there.country_code != code:
            return ""
        return (f"latitude and longitude look swapped: {lat:g}, {lon:g} is in "
                f"{here.country_name or here.country_code}, but {lon:g}, {lat:g} is in {there.country_name or code}, "
                f"{whose}; "
                "if they are, swap this record's lat and lon in the input")

    def _country_at(self, lat: float, lon: float) -> Place | None:
        """The nearest populated place to a point (it names the country the point lies in), or None."""
        found = self.geoparser.gazetteer.nearest(lat, lon)
        return found[0][0] if found and found[0][0] is not None else None

    def _from_text(self, ev: dict, text: str, context: list[Place]) -> str:
        """Locate from the text; returns the reason it could not, or "" when it did.

        The text is read without the lines of its page that are not its story (links to other stories, the
        footer: :func:`geomap.boilerplate.story_text`); offsets and the text quoted stay the record's."""
        quoted, text = text, story_text(text)
        title = ev.get("title") or ""
        title_found, found = parse_title_and_text(self.geoparser, title, text, context)
        for m in found:
            p = m.place
            self.mentions.append({
                "event_id": ev["event_id"], "start": m.start, "end": m.end, "surface": m.surface,
                "kind": m.kind, "geonameid": p.geonameid if p else None, "name": p.name if p else "",
                "lat": p.lat if p else None, "lon": p.lon if p else None,
                "country": p.country_code if p else "", "admin1": p.admin1_name if p else "",
                "feature_code": p.feature_code if p else "", "confidence": round(m.confidence, 4)})
        # A record with a country of its own (ACLED, UCDP) gains nothing from an incident at that country:
        # its text must name something finer.  An article's text may place its event only in a country.
        # And its country vetoes places abroad ("Moscow said" in a record filed under Ukraine).
        code = self._known_country(ev.get("country") or None)
        home = found if code is None else [m for m in found if m.place is None or m.place.country_code == code]
        analysis = analyse(text, home, title=title, date=ev.get("date") or "", countries=not ev.get("country"),
                           title_mentions=title_found)
        choice = choose(analysis)
        if choice.mention is None:
            if self._from_title(ev, title, title_found, code, quoted):
                return ""
            if code is not None and len(home) < len(found) and not analysis.usable:
                return f"only places outside the record's country ({ev.get('country')}) in the text"
            return choice.reason
        usable = analysis.usable
        if not self.each:
            # the lead puts the event at a name the gazetteer lacks: the incident is near it at best
            warning = f"event place not in the gazetteer: {choice.unknown_place}" if choice.unknown_place else ""
            self._text_incident(ev, choice.mention, usable, choice.located_by, choice.confidence, quoted, 0,
                                precision=choice.precision, dateline=analysis.dateline, warning=warning)
            return ""
        for n, inc in enumerate(every_incident(analysis, choice), 1):
            sentence = quoted[inc.sentence_start:inc.sentence_end]
            date = event_date(sentence, ev.get("date") or "") or ev.get("date", "")
            self._text_incident(ev, inc.mention, usable, inc.located_by, inc.confidence, sentence,
                                inc.sentence_start, precision=inc.precision, dateline=analysis.dateline,
                                incident_no=n, date=date)
        return ""

    def _from_title(self, ev: dict, title: str, title_found: list, code: str | None, quoted: str) -> bool:
        """A record whose text places nothing, placed by its own headline ("Shelling in Kupiansk" over a
        summary that says only "two people were wounded"); ``located_by`` "title: …".  The title is read
        as a text of its own, with the text's rules (a country only for a record without one)."""
        home = [m for m in title_found if code is None or m.place is None or m.place.country_code == code]
        if not home:
            return False
        choice = choose(analyse(title, home, date=ev.get("date") or "", countries=not ev.get("country")))
        if choice.mention is None:
            return False
        self._text_incident(ev, choice.mention, [m for m in home if m.place is not None],
                            choice.located_by.replace("text:", "title:", 1), choice.confidence, quoted, None,
                            precision=choice.precision)
        return True

    def _text_incident(self, ev: dict, best, usable: list, located_by: str, confidence: float, text: str,
                       offset: int | None, precision: int, **extra) -> None:
        """An incident at the place of mention ``best``; ``text`` starts at ``offset`` of the record's text
        (None: the mention is the title's, and has no offsets in the text)."""
        others = sorted({m.place.name for m in usable if m.place.geonameid != best.place.geonameid})
        p = best.place
        # A first-level region is pinned at its seat, as ACLED codes geo_precision 3 ("Kaduna state"
        # at Kaduna); the place, its id and the precision stay the region's.
        pin = self.geoparser.gazetteer.seat(p) or p
        self._incident(ev, place=p.address, lat=pin.lat, lon=pin.lon, country=p.country_code, admin1=p.admin1_name,
                       feature_code=p.feature_code, geonameid=p.geonameid, precision=precision,
                       located_by=located_by, confidence=confidence, other_places="; ".join(others),
                       surface=best.surface, start=None if offset is None else best.start - offset,
                       end=None if offset is None else best.end - offset, text=text, **extra)

    def _from_place_name(self, ev: dict, context: list[Place]) -> str:
        """The record's place name or description; "" when located, else why not.

        A gazetteer name as a whole (or with its qualifiers: "Paris, Texas") is geocoded inside the
        record's country; a description ("Donetsk town", "near Pobeda village, Luhansk region",
        "outskirts of Slavyansk") is read as text, with the record's country and province as context,
        and its place chosen as for any text; a name found nowhere takes the closest spelling.  A
        record's own country vetoes places abroad: "Andreyevka village" filed under Ukraine is never
        the Andreyevka near Moscow.
        """
        name, country = ev["place_name"], ev.get("country") or None
        code = self._known_country(country)
        loc, how = self._named_in(name, code, country, context), "place name"
        if loc is None:
            mentions = [m for m in self.geoparser.parse(name, context)
                        if code is None or (m.place is not None and m.place.country_code == code)]
            choice = choose(analyse(name, mentions, countries=False))
            if choice.mention is not None:
                best = choice.mention
                self._incident(ev, place=best.place.address, lat=best.place.lat, lon=best.place.lon,
                               country=best.place.country_code, admin1=best.place.admin1_name,
                               feature_code=best.place.feature_code, geonameid=best.place.geonameid,
                               precision=choice.precision, located_by="place description",
                               confidence=choice.confidence, surface=best.surface)
                return ""
        if loc is None:  # the names a description gives, without its words of place ("Marinka town"),
            parts = description_names(name)  # the later ones qualifying the first ("Pobeda, Luhansk region")
            loc = self._named_in(", ".join(parts), code, country, context) if len(parts) > 1 else None
            if loc is None:
                found = [f for f in (self._named_in(part, code, country, context) for part in parts) if f]
                regions = [_place_of(f) for f in found[1:] if f.raw["feature_class"] == "A"]
                # the first that lies in the regions the description names after it (else those regions)
                loc = next((f for f in found if all(contains(r, _place_of(f)) or r.geonameid == f.raw["geonameid"]
                                                    for r in regions)), None)
            how = "place description"
        if loc is None:  # spelt otherwise? ("Mauritious", "Zaporizhia")
            found = self.geoparser.gazetteer.closest_spelling(name, country=code)
            if found:
                loc, how = place_location(found[0]), "place name, closest spelling"
        if loc is None:
            where = f" in {country}" if code else ""
            return f"place name {name!r} not in the gazetteer{where}"
        r = loc.raw
        precision = 1 if r["feature_class"] == "P" else (2 if r["feature_code"] == "ADM2" else 3)
        self._incident(ev, place=loc.address, lat=r["lat"], lon=r["lon"], country=r["country_code"],
                       admin1=r["admin1_name"], feature_code=r["feature_code"], geonameid=r["geonameid"],
                       precision=precision, located_by=how, surface=name)
        return ""

    def _named_in(self, name: str, code: str | None, country: str | None, context: list[Place]):
        """The place ``name`` names as a whole, inside the record's country; of namesakes, one in the
        record's province first ("Karlivka" filed under Donetsk).  None when it names none."""
        try:
            found = self.geocoder.geocode(name, country_codes=code, strict=True, exactly_one=False) \
                if code or not country else self.geocoder.geocode(name, strict=True, exactly_one=False)
        except GeocoderQueryError:
            return None
        if not found:
            return None
        regions = {(p.country_code, p.admin1_code) for p in context if p.feature_code == "ADM1"}
        inside = [loc for loc in found if (loc.raw["country_code"], loc.raw["admin1_code"]) in regions]
        return (inside or found)[0]

    def _known_country(self, country: str | None) -> str | None:
        """The record's country as a code the gazetteer knows, else None (no filter)."""
        return self.geoparser.gazetteer.country_code(country) if country else None


# Words of place around the names of a description: "near the village of X", "X town", "outskirts of X".
_PLACE_WORDS = re.compile(
    r"\b(?:(?:on\s+the\s+)?outskirts|near|nearby|outside|around|area|areas|vicinity|the|of|village|villages|town|"
    r"city|settlement|settlements|urban-type|hamlet|checkpoint|border|post|front|direction|"
    r"in|at|and|between|north|south|east|west|northern|southern|eastern|western|unspecified|exact|location)\b",
    re.IGNORECASE)
_OBLAST = re.compile(r"\bObl\b\.?")
_REGION_WORDS = frozenset({"region", "oblast", "obl", "province", "governorate", "district", "raion", "rayon",
                           "county", "state"})
_PARTS = re.compile(r"[;,/()\[\]:.\n]+|\s+-\s+")


def _place_of(loc) -> Place:
    """The gazetteer place of a geocoder's ``Location``."""
    return Place(**{k: loc.raw[k] for k in Place._fields if k in loc.raw and k != "match_kind"})


def description_names(description: str) -> list[str]:
    """The names a place description gives, in order, without its words of place: "near the village of
    Pobeda, Luhansk region" → ["Pobeda", "Luhansk region"]; "Privolye/Pryvillya town" → ["Privolye",
    "Pryvillya"]; "Marinka town" → ["Marinka"]."""
    out = []
    description = _OBLAST.sub("Oblast", description)  # "Luhansk Obl." as UCDP writes it
    for part in _PARTS.split(_PLACE_WORDS.sub(",", description)):
        run: list[str] = []
        for word in part.split() + [""]:  # runs of capitalised words: "road Mnogopillya" is "Mnogopillya"
            if word[:1].isupper() or (run and word.lower() in _REGION_WORDS):  # "Luhansk region"
                run.append(word)
                continue
            if run and " ".join(run) not in out:
                out.append(" ".join(run))
            run = []
    return out


_INTEGER_COLUMNS = tuple(sorted(INTEGER_COLUMNS - {"source_row"}))  # geomap.schema's, but events' row number


_EVENTS = frozenset(EVENTS)


def _whole_number(value) -> int | None:
    """A count cell ("12", "12.0") as an int; None when it is blank or no whole number ("unknown", "1.5")."""
    if value is None or isinstance(value, float) and value != value:
        return None
    text = str(value).strip().replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else None


def _text_cell(value) -> str:
    """An input cell as text; empty for a missing value (a table of another run's columns)."""
    if value is None or value is pd.NA or isinstance(value, float) and value != value:
        return ""
    return value if isinstance(value, str) else str(value)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids and offsets as nullable integers (not 174018.0 when some rows lack one)."""
    for col in _INTEGER_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    return frame


def _int(value, default: int) -> int | None:
    """An integer cell; ``default`` when blank or not a number, None when infinite (inf, 1e999): no precision."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default
    except OverflowError:
        return None


def _float(value) -> float:
    """A number cell; Python's own literal syntax ('5_0' is 50) is no number in a data file."""
    if isinstance(value, str) and "_" in value:
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def _coordinates(lat, lon) -> tuple[tuple[float, float] | None, str]:
    blank = [v is None or not str(v).strip() for v in (lat, lon)]
    if any(blank):
        missing = "latitude" if blank[0] else "longitude"
        return None, f"bad coordinates: {missing} missing (lat {lat!r}, lon {lon!r})"
    try:
        la, lo = _float(lat), _float(lon)
    except (TypeError, ValueError):
        return None, f"bad coordinates: {lat!r}, {lon!r} are not numbers"
    if math.isnan(la) or math.isnan(lo):
        return None, "bad coordinates: NaN"
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None, f"bad coordinates: {la}, {lo} out of range (-90..90, -180..180)"
    if la == 0 and lo == 0:
        return None, "bad coordinates: 0, 0 (a missing value, most likely)"
    return (la, lo), ""


_WORKER: dict = {}


def _worker_init(gazetteer_path: str) -> None:
    from .gazetteer import Gazetteer

    _WORKER["parser"] = Geoparser(Gazetteer(gazetteer_path, build=False))


def locate_parallel(events: pd.DataFrame, gazetteer_path, jobs: int, **options) -> Located:
    """:func:`locate` on ``jobs`` processes; the same tables as one process, in the same order.

    Each worker opens the gazetteer once (see :func:`geomap.stream.locate_chunks`).
    """
    from .stream import locate_chunks

    parts = list(locate_chunks([events], jobs=jobs, gazetteer_path=gazetteer_path, **options))
    return Located(
        events=events,
        mentions=pd.concat([p.mentions for p in parts], ignore_index=True),
        incidents=pd.concat([p.incidents for p in parts], ignore_index=True),
        unlocated=pd.concat([p.unlocated for p in parts], ignore_index=True),
    )
