"""Faults of inputs, outputs, settings and endpoints: each ends as one line on stderr and a
non-zero exit, or as a flagged result; never a traceback, a hang or a silent loss.

Endpoint faults are played by a small OpenAI-compatible server on loopback (tests/faults.py)
that each test starts and stops; its answers test the plumbing, never a model.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from form4.cli import app
from form4.validators.source_text import absence, number_pattern

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED = SEEDS / "000_bb4fdde93ac5d185"

runner = CliRunner()


def test_the_pattern_of_a_huge_number_is_built_in_linear_time() -> None:
    start = time.perf_counter()
    pattern = number_pattern(Decimal("7" * 100_000))
    assert time.perf_counter() - start < 1
    assert pattern.startswith(r"(?<![\d.,])7[ \t,.]?777[ \t,.]?777")
    assert number_pattern(Decimal("-1234.50")) == number_pattern(Decimal("1234.5"))


def test_validate_with_source_on_a_filing_with_a_huge_number(tmp_path: Path) -> None:
    xml = SEED.with_suffix(".xml").read_text()
    shares = re.search(r"<transactionShares>\s*<value>([^<]*)</value>", xml)
    assert shares is not None
    huge = xml.replace(shares.group(0), shares.group(0).replace(shares.group(1), "7" * 50_000))
    filing = tmp_path / "huge.xml"
    filing.write_text(huge)
    start = time.perf_counter()
    outcome = runner.invoke(
        app, ["validate", str(filing), "--source", str(SEED.with_suffix(".txt"))]
    )
    assert time.perf_counter() - start < 5
    assert outcome.exit_code == 2, outcome.output
    assert "grounding.not_in_source" in outcome.stdout


def test_fuzzy_grounding_of_a_huge_text_is_bounded() -> None:
    source = SEED.with_suffix(".txt").read_text()
    start = time.perf_counter()
    found = absence("Name " + "x" * 100_000 + " end", source)
    assert time.perf_counter() - start < 2
    assert found is not None and "not in the source text" in found.message
