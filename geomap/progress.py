"""Progress on stderr: tqdm's bar on a terminal, plain periodic lines in a log.

tqdm redraws its bar with carriage returns and escape codes; written to a
file or a CI log they pile up into one unreadable line.  :func:`progress`
returns tqdm's bar when stderr is a terminal and :class:`PlainProgress`
otherwise: the same calls (iteration, ``update``, ``write``, ``close``),
printed as one line every ``interval`` seconds and one at the end
("Locating: 3,883/3,883 records (100%) in 12 s").
"""

from __future__ import annotations

import sys
import time
from typing import Iterable

__all__ = ["progress", "PlainProgress"]


class PlainProgress:
    """A progress report in plain lines (see the module docstring)."""

    def __init__(self, iterable: Iterable | None = None, *, total: int | None = None, desc: str = "",
                 unit: str = "it", disable: bool = False, file=None, interval: float = 10.0, **_ignored):
        self.iterable, self.desc, self.unit, self.disable = iterable, desc, unit, disable
        self.total = total if total is not None else (len(iterable) if hasattr(iterable, "__len__") else None)
        self.file = file or sys.stderr
        self.interval, self.n = interval, 0
        self._start = self._last = time.monotonic()
        self._closed = False

    def __iter__(self):
        for item in self.iterable or ():
            yield item
            self.update(1)
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if not self.disable and now - self._last >= self.interval:
            self._last = now
            self._line(now)

    def set_postfix_str(self, text: str = "", refresh: bool = True) -> None:
        """What the bar would show beside its count: left out of the plain lines."""

    def write(self, message: str, file=None) -> None:
        print(message, file=file or self.file, flush=True)

    def close(self) -> None:
        if not self._closed and not self.disable and self.n:
            self._line(time.monotonic())
        self._closed = True

    def _line(self, now: float) -> None:
        of = f"/{self.total:,}" if self.total else ""
        share = f" ({self.n / self.total:.0%})" if self.total else ""
        print(f"{self.desc}: {self.n:,}{of} {self.unit}{share} in {now - self._start:.0f} s", file=self.file,
              flush=True)


def progress(iterable: Iterable | None = None, **kwargs):
    """A progress bar on a terminal (tqdm), plain lines every 10 s otherwise (:class:`PlainProgress`)."""
    file = kwargs.get("file") or sys.stderr
    if getattr(file, "isatty", lambda: False)():
        from tqdm.auto import tqdm

        return tqdm(iterable, **kwargs)
    return PlainProgress(iterable, **kwargs)
