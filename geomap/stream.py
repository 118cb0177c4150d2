"""The pipeline over a stream of event chunks, in bounded memory.

:func:`locate_chunks` locates each chunk of events (on several processes
when asked, with a bounded number of chunks in flight) and yields the
:class:`~geomap.pipeline.Located` tables in input order; :class:`Tally`
counts what the summary says; :func:`for_map` keeps of each incident's text
only what the map shows (the excerpt around the incident mention, with
``start``/``end`` moved to match), so that a 100 MB input does not keep
100 MB of text for the map.
"""

from __future__ import annotations

import re

from collections import Counter, deque
from typing import Iterable, Iterator

import pandas as pd

from .pipeline import Located, _typed, locate
from .schema import INCIDENTS

__all__ = ["locate_chunks", "Tally", "summary_text", "for_map", "empty_incidents"]


def locate_chunks(chunks: Iterable[pd.DataFrame], geoparser=None, *, jobs: int = 1, gazetteer_path=None,
                  **options) -> Iterator[Located]:
    """:func:`~geomap.pipeline.locate` on each chunk, in order.

    With ``jobs`` > 1 each chunk is cut in ``2 * jobs`` pieces located on
    ``jobs`` processes (each opens the gazetteer at ``gazetteer_path`` once);
    at most ``4 * jobs`` pieces are in flight, so memory stays bounded.  The
    tables are the same as with one process.
    """
    if jobs <= 1:
        for chunk in chunks:
            yield locate(chunk, geoparser, **options)
        return
    from concurrent.futures import ProcessPoolExecutor

    from .pipeline import _worker_init

    pending: deque = deque()
    with ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(str(gazetteer_path),)) as pool:
        for chunk in chunks:
            size = max(1, -(-len(chunk) // (2 * jobs)))
            for i in range(0, len(chunk), size):
                piece = chunk.iloc[i:i + size]
                pending.append((piece, pool.submit(_locate_piece, piece, options)))
                while len(pending) >= 4 * jobs:
                    yield _done(pending.popleft())
        while pending:
            yield _done(pending.popleft())


def _locate_piece(piece: pd.DataFrame, options: dict) -> Located:
    from .pipeline import _WORKER

    located = locate(piece, _WORKER["parser"], **options)
    located.events = None  # the parent has them; do not send them back
    return located


def _done(item) -> Located:
    piece, future = item
    located = future.result()
    located.events = piece
    return located


def record_warnings(incidents: pd.DataFrame) -> list[tuple[str, str]]:
    """``(kind, record id)`` of each incident with a warning, in order; a warning's kind is its words up to
    its first colon ("event place not in the gazetteer", "only its province")."""
    if "warning" not in incidents.columns or not len(incidents):
        return []
    flagged = incidents[incidents["warning"].fillna("").astype(str) != ""]
    return [(warning.split(":", 1)[0], str(source_id or event_id))
            for warning, source_id, event_id in zip(flagged["warning"], flagged["source_id"], flagged["event_id"])]


class Tally:
    """The counts the summary reports, added up chunk by chunk."""

    def __init__(self):
        self.records = 0
        self.incidents = 0
        self.by_how: Counter = Counter()
        self.reasons: Counter = Counter()
        self.linked = 0
        self.linked_articles: set[str] = set()
        self.far = 0
        self.warned: Counter = Counter()  # warning (up to its first colon) -> incidents
        self.warned_ids: dict[str, list[str]] = {}  # warning -> the first few records' ids

    def add(self, located: Located, check_km: float | None = None) -> "Tally":
        inc, unl = located.incidents, located.unlocated
        self.records += (inc["event_id"].nunique() if len(inc) else 0) + len(unl)  # with --incidents each, a
        self.incidents += len(inc)                                                  # record may have several
        if len(inc):
            self.by_how.update(zip(inc["located_by"], inc["precision"]))
        if len(unl):
            self.reasons.update(unl["reason"])
        if located.events is not None and "linked" in located.events.columns:
            linked = [a for a in located.events["linked"] if a]
            self.linked += len(linked)
            self.linked_articles.update(linked)
        if check_km is not None and len(inc):
            self.far += int((inc["text_km"].astype(float) > check_km).sum())
        self.add_warnings(record_warnings(inc))
        return self

    def add_warnings(self, warned: list[tuple[str, str]]) -> None:
        """Count ``(kind, record id)`` pairs (:func:`record_warnings`), in the records' order."""
        for kind, record in warned:
            self.warned[kind] += 1
            ids = self.warned_ids.setdefault(kind, [])
            if len(ids) < 5:
                ids.append(record)

    def warnings(self) -> list[str]:
        """One line per kind of record warning: how many, which records (the first five), where to look."""
        return [f"warning: {n:,} records: {kind} (e.g. {', '.join(self.warned_ids[kind])}); "
                "see the warning column of the incidents table (--export)"
                for kind, n in self.warned.most_common()]

    def summary(self) -> str:
        return summary_text(self.records, self.incidents, sorted(self.by_how.items()), self.reasons.most_common(),
                            linked=self.linked, linked_articles=len(self.linked_articles))


def summary_text(records: int, incidents: int, by_how: Iterable[tuple[tuple[str, int], int]],
                 reasons: Iterable[tuple[str, int]], *, linked: int = 0, linked_articles: int = 0) -> str:
    """The run's summary, as one process and Dask both print it.

    ``records``: records read (a record with several incidents counts once); ``incidents``: incidents made;
    ``by_how``: ((located_by, precision), incidents) in the order to print; ``reasons``: (reason, records).
    """
    reasons = list(reasons)
    unlocated = sum(n for _, n in reasons)
    lines = [f"{records:,} records read: {records - unlocated:,} located, {unlocated:,} unlocated"]
    if incidents != records - unlocated:
        lines.append(f"  {incidents:,} incidents (several in one record: --incidents each)")
    if linked:
        lines.append(f"  {linked:,} records linked to {linked_articles:,} articles "
                     "(by id or URL; the article's text geoparsed with the record)")
    lines += [f"  located by {how}, precision {precision}: {count:,}" for (how, precision), count in by_how]
    kinds: dict[str, list] = {}  # reasons by kind: the names they quote taken out
    for reason, count in reasons:
        kind = _QUOTED.sub("…", reason)
        entry = kinds.setdefault(kind, [0, []])
        entry[0] += count
        entry[1].append(reason)
    ranked = sorted(kinds.items(), key=lambda kv: -kv[1][0])
    for kind, (count, examples) in ranked[:MAX_REASON_KINDS]:
        shown = examples[0] if len(examples) == 1 else f"{kind} ({len(examples):,} different, e.g. {examples[0]})"
        lines.append(f"  unlocated, {shown}: {count:,}")
    if len(ranked) > MAX_REASON_KINDS:
        rest = sum(count for _, (count, _) in ranked[MAX_REASON_KINDS:])
        lines.append(f"  unlocated, {len(ranked) - MAX_REASON_KINDS:,} other reasons: {rest:,} "
                     "(every record's reason is in the unlocated table)")
    return "\n".join(lines)


#: How many kinds of reasons the summary lists (the unlocated table has every record's own).
MAX_REASON_KINDS = 12
# a name a reason quotes: 'Kreminnaya area', "Donetsk People's Republic (DPR)"
_QUOTED = re.compile("'[^'\\n]*'|\"[^\"\\n]*\"")


def for_map(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents with ``text`` cut to what the map needs of it (:func:`geomap.map_data.page_text`).

    A short text (an ACLED note) stays whole, for the map's search box.  A
    longer one (an article) becomes the map's own excerpt of the sentence
    around the mention, with ``start``/``end`` moved to point at the mention in
    it, or its first ``EXCERPT_CHARS`` characters when no mention is known.
    The map makes the same page from either.  Of the input's own columns
    only the actors' are kept (the search box reads them); the exported
    tables have them all.
    """
    from .map_data import ACTOR_COLUMNS, page_text

    # the input's own columns are in the tables, not on the map; but for its actors (the map searches them)
    out = incidents[list(INCIDENTS) + [c for c in ACTOR_COLUMNS if c in incidents.columns]].copy()
    texts, starts, ends = [], [], []
    for text, start, end in zip(out["text"], out["start"], out["end"]):
        text = text if isinstance(text, str) else ""
        known = not (start is None or end is None or start is pd.NA or end is pd.NA)
        text, start, end = page_text(text, start if known else None, end if known else None)
        texts.append(text)
        starts.append(None if start is None else int(start))
        ends.append(None if end is None else int(end))
    out["text"] = texts
    out["start"] = pd.array(starts, dtype="Int64")
    out["end"] = pd.array(ends, dtype="Int64")
    return out


def empty_incidents() -> pd.DataFrame:
    """An incidents table without rows, typed like a full one."""
    return _typed(pd.DataFrame(columns=list(INCIDENTS)))
