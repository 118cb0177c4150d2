"""The day a sentence says an event happened, read against the article's date.

A small resolver of its own, not ``dateparser``: news sentences date events
with a handful of forms, and these are read the same way every time, fast,
and offline.  Given the article's ISO date, :func:`event_date` reads the
first of these in a sentence:

* ``yesterday``, ``last night`` → the day before; ``the day before
  yesterday`` → two days before; ``today``, ``this morning``, ``tonight`` → the
  article's day; ``three days ago`` (a number up to 31, in figures or words)
  → that many days before;
* a weekday ("on Tuesday", "Tuesday's attack") → the last such day on or
  before the article's day (news reports what has happened); "next Tuesday"
  and "this coming Tuesday" are plans, not events, and are passed over;
* ``last week`` → seven days before (an approximation: the week, not the day);
* a day and month ("on 3 March", "March 3", "3rd of March", with or without
  a year) → that day, in the article's year unless that is after the
  article's day (then the year before); with a year, that year.

Without an article date only a full date with its year is read.  The
article's date may be an ISO day or time, a ``datetime.date`` or a pandas
``Timestamp``; anything else (blank, ``None``, ``NaN``, "09/02/2017") counts as
no date.  Nothing found: ``""`` (the caller keeps the article's date).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["event_date", "calendar_day", "MONTHS", "WEEKDAYS"]

#: Month names and their short forms, by number ("sept": 9); also read by textfacts and the geoparser.
MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
#: The days of the week, Monday first (also read by textfacts and the geoparser).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {d: i for i, d in enumerate(WEEKDAYS)}
# Months and weekdays are matched capitalised, as news writes them ("May" the month, not "may" the verb).
_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_NUMBERS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
_FORMS = [
    ("relative", re.compile(r"\b(?P<word>the day before yesterday|yesterday|last night|today|this morning|"
                            r"this afternoon|this evening|tonight|last week)\b", re.IGNORECASE)),
    ("days_ago", re.compile(r"\b(?P<n>[1-9]|[12]\d|3[01]|" + "|".join(_NUMBERS) + r")\s+days?\s+ago\b",
                            re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")),
    ("weekday", re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]
_OFFSETS = {"the day before yesterday": 2, "yesterday": 1, "last night": 1, "today": 0, "this morning": 0,
            "this afternoon": 0, "this evening": 0, "tonight": 0, "last week": 7}
_PLANNED = re.compile(r"\b(?:next|this\s+coming|coming|until|by)\s+$", re.IGNORECASE)


def event_date(sentence: str, article_date="") -> str:
    """The ISO day ``sentence`` dates its event on, read against ``article_date`` (ISO); else ``""``."""
    base = calendar_day(article_date)
    if not isinstance(sentence, str):
        return ""
    found = []
    for kind, pattern in _FORMS:
        for m in pattern.finditer(sentence):
            if kind == "weekday" and _PLANNED.search(sentence, max(0, m.start() - 14), m.start()):
                continue  # "next Tuesday": a plan
            found.append((m.start(), kind, m))
            break
    for _, kind, m in sorted(found, key=lambda x: x[0]):
        day = _resolve(kind, m, base)
        if day is not None:
            return day.isoformat()
    return ""


def calendar_day(value) -> dt.date | None:
    """The day of an ISO string (its first ten characters), a date or a datetime (a pandas Timestamp is
    one), else None: also for strings that only look like days (2023-13-45, 0000-00-00)."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None  # None, NaN, NaT, numbers
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match, base: dt.date | None) -> dt.date | None:
    if kind == "relative":
        return base - dt.timedelta(days=_OFFSETS[m.group("word").lower()]) if base else None
    if kind == "days_ago":
        n = m.group("n").lower()
        return base - dt.timedelta(days=_NUMBERS.get(n) or int(n)) if base else None
    if kind == "weekday":
        if base is None:
            return None
        back = (base.weekday() - _WEEKDAYS[m.group("weekday").lower()]) % 7
        return base - dt.timedelta(days=back)
    month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
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
