"""Median wall time of validating one seed filing, over many runs (target: under 1 ms).

Printed twice: the filing alone, and with its OCR text, which adds the grounding rule (every
number, date and name looked up in the source).

    python benchmarks/validate_speed.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from form4 import from_xml
from form4.extractor.text.cleaning import clean_text
from form4.validators import validate

SEED = Path(__file__).parent.parent / "tests" / "fixtures" / "seeds" / "000_bb4fdde93ac5d185.xml"


def median_ms(runs: int, **arguments: object) -> float:
    filing = from_xml(SEED.read_bytes())
    validate(filing, **arguments)  # warm the caches (holiday calendars, XML paths, patterns)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        validate(filing, **arguments)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(runs: int = 2000) -> None:
    source = clean_text(SEED.with_suffix(".txt").read_text())
    print(f"{SEED.name}, {runs} runs each")
    print(f"median without source text: {median_ms(runs):.3f} ms")
    print(f"median with source text:    {median_ms(runs, source_text=source):.3f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
