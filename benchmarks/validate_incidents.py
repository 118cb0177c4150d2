#!/usr/bin/env python3
"""Validate incident-annotation JSONL files (see docs/incident_guide.md).

Usage: python3 benchmarks/validate_incidents.py FILE.jsonl [FILE.jsonl ...]

Checks, per record: the line parses as JSON; the keys and types follow the guide;
ids are unique (across all files given); every mention [start, end] lies inside
`text`, is non-empty, sits on word boundaries and does not overlap another; all
mentions of a record spell names of the same place (warned, not failed, when the
surface strings differ, as 'Gaza Strip'/'Gaza'); lat/lon are in range; precision is
one of town|district|region|country; a null incident has a reason; each secondary
incident's sentence occurs verbatim in `text`; a non-null dateline occurs in `text`.
It also warns when a mention's surface string occurs elsewhere in `text` at word
boundaries without being listed (a possibly missed mention).

Prints a summary (records, share by precision, null incidents, records with
secondary incidents) per file and in total. Exit status 1 on any error.
Standard library only.
"""
import json
import sys
from collections import Counter

PRECISIONS = ('town', 'district', 'region', 'country')
TOP_KEYS = {'id': str, 'title': str, 'text': str, 'dateline': (str, type(None)),
            'secondary': list, 'reason': str}
INC_KEYS = {'name': str, 'lat': (int, float), 'lon': (int, float),
            'geonameid': (int, type(None)), 'precision': str, 'mentions': list}
SEC_KEYS = {'name': str, 'lat': (int, float), 'lon': (int, float), 'precision': str,
            'sentence': str}


def boundary_ok(text, s, e):
    before = text[s - 1] if s > 0 else ' '
    after = text[e] if e < len(text) else ' '
    return not before.isalnum() and not after.isalnum()


def check_coords(lat, lon):
    errs = []
    if isinstance(lat, bool) or isinstance(lon, bool):
        errs.append('lat/lon must be numbers')
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errs.append('lat/lon out of range: %r, %r' % (lat, lon))
    return errs


def check_record(r):
    errs, warns = [], []
    for k, t in TOP_KEYS.items():
        if k not in r:
            errs.append('missing key %s' % k)
        elif not isinstance(r[k], t):
            errs.append('key %s has type %s' % (k, type(r[k]).__name__))
    if 'incident' not in r:
        errs.append('missing key incident')
    if errs:
        return errs, warns
    text = r['text']
    if not r['title'].strip():
        errs.append('empty title')
    if not r['reason'].strip():
        errs.append('empty reason')
    if r['dateline'] is not None and r['dateline'] not in text:
        errs.append('dateline %r not found in text' % r['dateline'])
    inc = r['incident']
    if inc is not None:
        if not isinstance(inc, dict):
            return errs + ['incident must be an object or null'], warns
        for k, t in INC_KEYS.items():
            if k not in inc:
                errs.append('incident missing key %s' % k)
            elif not isinstance(inc[k], t) or (k == 'geonameid' and isinstance(inc[k], bool)):
                errs.append('incident key %s has type %s' % (k, type(inc[k]).__name__))
        if errs:
            return errs, warns
        errs += check_coords(inc['lat'], inc['lon'])
        if inc['precision'] not in PRECISIONS:
            errs.append('bad precision %r' % inc['precision'])
        if not inc['mentions']:
            errs.append('incident has no mentions')
        spans = []
        for m in inc['mentions']:
            if (not isinstance(m, list) or len(m) != 2
                    or not all(isinstance(x, int) and not isinstance(x, bool) for x in m)):
                errs.append('bad mention %r' % (m,))
                continue
            s, e = m
            if not (0 <= s < e <= len(text)):
                errs.append('mention %r outside text' % (m,))
                continue
            if not boundary_ok(text, s, e):
                errs.append('mention %r (%r) not on word boundaries' % (m, text[s:e]))
            if text[s:e] != text[s:e].strip():
                errs.append('mention %r has surrounding spaces' % (m,))
            spans.append((s, e))
        spans.sort()
        for (a, b), (c, d) in zip(spans, spans[1:]):
            if c < b:
                errs.append('overlapping mentions %r %r' % ((a, b), (c, d)))
        if spans != [tuple(m) for m in inc['mentions'] if isinstance(m, list)]:
            warns.append('mentions not sorted')
        surfaces = {text[s:e] for s, e in spans}
        if len({x.lower() for x in surfaces}) > 1:
            warns.append('several surface forms: %s' % sorted(surfaces))
        # possibly missed occurrences
        listed = set(spans)
        for f in surfaces:
            i = text.find(f)
            while i >= 0:
                j = i + len(f)
                if boundary_ok(text, i, j) and not any(s <= i and j <= e for s, e in listed):
                    warns.append('unlisted occurrence of %r at %d' % (f, i))
                i = text.find(f, i + 1)
    for k, sec in enumerate(r['secondary']):
        if not isinstance(sec, dict):
            errs.append('secondary %d is not an object' % k)
            continue
        for key, t in SEC_KEYS.items():
            if key not in sec:
                errs.append('secondary %d missing %s' % (k, key))
            elif not isinstance(sec[key], t):
                errs.append('secondary %d key %s has type %s' % (k, key, type(sec[key]).__name__))
        if all(key in sec for key in SEC_KEYS):
            errs += ['secondary %d: %s' % (k, x) for x in check_coords(sec['lat'], sec['lon'])]
            if sec['precision'] not in PRECISIONS:
                errs.append('secondary %d bad precision %r' % (k, sec['precision']))
            if sec['sentence'] not in text:
                errs.append('secondary %d sentence not in text' % k)
    return errs, warns


def summarize(name, recs):
    n = len(recs)
    prec = Counter(r['incident']['precision'] for r in recs if r.get('incident'))
    nulls = sum(1 for r in recs if r.get('incident') is None)
    with_sec = sum(1 for r in recs if r.get('secondary'))
    n_sec = sum(len(r.get('secondary') or []) for r in recs)
    dl = sum(1 for r in recs if r.get('dateline'))
    nn = n - sum(1 for r in recs if r.get('incident') is None)
    parts = ', '.join('%s %d (%.0f%% of placed)' % (p, prec[p], 100.0 * prec[p] / nn if nn else 0)
                      for p in PRECISIONS)
    print('%s: %d records; %s; null %d (%.0f%%); with secondary %d (%d secondary incidents); '
          'with dateline %d' % (name, n, parts, nulls, 100.0 * nulls / n if n else 0,
                                with_sec, n_sec, dl))


def main(paths):
    seen = {}
    n_err = n_warn = 0
    allrecs = []
    verbose = '-v' in paths
    paths = [p for p in paths if p != '-v']
    for path in paths:
        recs = []
        with open(path, encoding='utf8') as f:
            for ln, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    print('%s:%d: ERROR json: %s' % (path, ln, e))
                    n_err += 1
                    continue
                if not isinstance(r, dict):
                    print('%s:%d: ERROR not an object' % (path, ln))
                    n_err += 1
                    continue
                errs, warns = check_record(r)
                rid = r.get('id')
                if rid in seen:
                    errs.append('duplicate id %r (also %s)' % (rid, seen[rid]))
                seen[rid] = '%s:%d' % (path, ln)
                for e in errs:
                    print('%s:%d [%s]: ERROR %s' % (path, ln, rid, e))
                if verbose:
                    for w in warns:
                        print('%s:%d [%s]: warning %s' % (path, ln, rid, w))
                n_err += len(errs)
                n_warn += len(warns)
                recs.append(r)
        summarize(path, recs)
        allrecs += recs
    if len(paths) > 1:
        summarize('TOTAL', allrecs)
    print('%d errors, %d warnings%s' % (n_err, n_warn, '' if verbose else ' (-v to list warnings)'))
    return 1 if n_err else 0


if __name__ == '__main__':
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
