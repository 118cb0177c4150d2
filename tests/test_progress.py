"""Progress on stderr: plain lines when it is no terminal (geomap.progress)."""

from __future__ import annotations

import io

from geomap.progress import PlainProgress, progress


def test_plain_lines_on_a_file():
    out = io.StringIO()
    bar = progress(range(3), desc="Locating", unit="records", file=out)
    assert isinstance(bar, PlainProgress)
    assert list(bar) == [0, 1, 2]
    assert out.getvalue().startswith("Locating: 3/3 records (100%) in ") and "\r" not in out.getvalue()


def test_a_line_every_interval_and_one_at_the_end():
    out = io.StringIO()
    bar = PlainProgress(total=4, desc="Parts", unit="parts", file=out, interval=0.0)
    for _ in range(4):
        bar.update()
    bar.close()
    bar.close()  # once only
    lines = out.getvalue().splitlines()
    assert len(lines) == 5 and lines[0].startswith("Parts: 1/4 parts (25%)") and lines[-1].startswith("Parts: 4/4")


def test_disabled_says_nothing_but_writes_messages():
    out = io.StringIO()
    with PlainProgress(total=2, file=out, disable=True) as bar:
        bar.update(2)
        bar.set_postfix_str("indexing")
        bar.write("a note", file=out)
    assert out.getvalue() == "a note\n"
