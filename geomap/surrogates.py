"""Lone surrogates (half a UTF-16 pair) in text read from JSON or a command line, as U+FFFD.

Apart from :mod:`geomap.tables` so that reading JSONL (``geomap.evaluate.read_gold``) does not
import pandas: a process that only geoparses stays small.
"""

from __future__ import annotations

import re

__all__ = ["surrogates_replaced", "without_surrogates"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogates_replaced(text: str) -> str:
    """``text`` with lone surrogates (half a UTF-16 pair, or an undecodable byte of a command line)
    as U+FFFD, so that it can be printed and written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def without_surrogates(record: dict) -> tuple[dict, bool]:
    """The record with lone surrogates in its keys and text values replaced by U+FFFD; whether any were.

    JSON may escape half a UTF-16 pair (``"\\ud800"``); Python decodes it to a lone
    surrogate, which no UTF-8 output can hold.  Nested values need nothing: they are
    written with ``str()``, which escapes them.
    """
    def fix(v):
        return surrogates_replaced(v) if isinstance(v, str) else v

    fixed = {fix(k): fix(v) for k, v in record.items()}
    return fixed, any(isinstance(v, str) and _SURROGATE.search(v) for v in (*record, *record.values()))
