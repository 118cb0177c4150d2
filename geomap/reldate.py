"""The day a sentence says an event happened, read against the article's date.

A small resolver of its own, not ``dateparser``: news sentences date events
with a handful of forms, and these are read the same way every time, fast,
and offline.  Given the article's ISO date, :func:`event_date` reads the
first of these in a sentence:

* ``yesterday``, ``last night`` → the day before; ``today``, ``this morning``,
  ``tonight`` → the article's day;
* a weekday ("on Tuesday", "Tuesday's attack") → the last such day on or
  before the article's day (news reports what has happened);
* ``last week`` → seven days before (an approximation: the week, not the day);
* a day and month ("on 3 March", "March 3", "3rd of March", with or without
  a year) → that day, in the article's year unless that is after the
  article's day (then the year before); with a year, that year.

Without an article date only a full date with its year is read.  Nothing
found: ``""`` (the caller keeps the article's date).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["event_date"]

_MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
# Months and weekdays are matched capitalised, as news writes them ("May" the month, not "may" the verb).
_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_FORMS = [
    ("relative", re.compile(r"\b(?P<word>yesterday|last night|today|this morning|this afternoon|this evening|"
                            r"tonight|last week)\b", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")),
    ("weekday", re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]
_OFFSETS = {"yesterday": 1, "last night": 1, "today": 0, "this morning": 0, "this afternoon": 0,
            "this evening": 0, "tonight": 0, "last week": 7}


def event_date(sentence: str, article_date: str = "") -> str:
    """The ISO day ``sentence`` dates its event on, read against ``article_date`` (ISO); else ``""``."""
    base = _day(article_date)
    found = []
    for kind, pattern in _FORMS:
        m = pattern.search(sentence)
        if m:
            found.append((m.start(), kind, m))
    for _, kind, m in sorted(found, key=lambda x: x[0]):
        day = _resolve(kind, m, base)
        if day is not None:
            return day.isoformat()
    return ""


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match, base: dt.date | None) -> dt.date | None:
    if kind == "relative":
        return base - dt.timedelta(days=_OFFSETS[m.group("word").lower()]) if base else None
    if kind == "weekday":
        if base is None:
            return None
        back = (base.weekday() - _WEEKDAYS[m.group("weekday").lower()]) % 7
        return base - dt.timedelta(days=back)
    month, day = _MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if year is None:
        if base is None:
            return None
        year = base.year
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        return found if found <= base + dt.timedelta(days=1) else found.replace(year=year - 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
