"""Median wall time of validating one seed filing, over many runs (target: under 1 ms)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from form4 import from_xml
from form4.validators import validate

SEED = Path(__file__).parent.parent / "tests" / "fixtures" / "seeds" / "000_bb4fdde93ac5d185.xml"


def main(runs: int = 2000) -> None:
    filing = from_xml(SEED.read_bytes())
    validate(filing)  # warm the caches (holiday calendars, XML paths)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        validate(filing)
        times.append(time.perf_counter() - start)
    print(f"median {statistics.median(times) * 1000:.3f} ms over {runs} runs of {SEED.name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
