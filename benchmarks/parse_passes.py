"""Parse every LGL article ``1 + N`` times with one Geoparser: a fixed workload to count instructions.

Wall-clock timings on a shared machine are noisy; CPU instructions are not.  Run it under
valgrind with N = -1, 0 and 1; the differences are the first pass (fresh gazetteer, empty
caches) and one warm pass, start-up (imports, opening the gazetteer) left out::

    python -m compileall -q geomap   # else the first run counts compiling the modules too
    for n in -1 0 1; do
      PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python benchmarks/parse_passes.py $n 2>&1 | grep "I *refs"
    done

(docs/geoparser.md, "Speed", has the figures.)  Reads ``../shared/eval/lgl.jsonl``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LGL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "lgl.jsonl"


def main(extra: int) -> None:
    from geomap.geoparser import Geoparser

    texts = [json.loads(line)["text"] for line in LGL.open(encoding="utf-8")]
    parser = Geoparser()
    for _ in range(1 + extra):
        for text in texts:
            parser.parse(text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
