"""Shared paths and settings: tests never read outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import Form4Filing, Settings, from_xml
from form4.evals.report import Counts, counts
from form4.evals.scoring import score_filing
from form4.extractor.model.backends import LocalBackend
from form4.extractor.pipeline import extract_text
from form4.extractor.readers.rows import read_rows
from form4.extractor.text.sections import split_sections

TESTS = Path(__file__).parent
SEEDS = sorted((TESTS / "fixtures" / "seeds").glob("*.txt"))
RECORDINGS = TESTS / "recordings"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test picks up a developer's keys, endpoint or cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"):
        monkeypatch.delenv(name, raising=False)
    for name in ("CACHE", "RESPONSES_DIR", "BACKEND", "MODEL", "BASE_URL", "API_KEY", "METHOD"):
        monkeypatch.delenv(f"FORM4_{name}", raising=False)


@pytest.fixture(autouse=True)
def _no_model_outside_live_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fast test that reaches the embedded model fails at once: loading it would assemble a
    gigabyte into the test's cache folder and run the model for minutes, and an answer the test
    did not script is no test of the plumbing."""
    if request.node.get_closest_marker("live") is not None:
        return

    def refuse(backend: LocalBackend) -> None:
        raise AssertionError("a fast test reached the embedded model; script its answers")

    monkeypatch.setattr(LocalBackend, "_load", refuse)


def replay_settings() -> Settings:
    """Answers only from the responses recorded by `form4 record` from the embedded model."""
    return Settings(backend="local", cache="replay", responses_dir=RECORDINGS)


def gold_score(seed: Path, filing: Form4Filing) -> Counts:
    """Field counts of an extraction of ``seed`` against its gold label."""
    gold = from_xml(seed.with_suffix(".xml").read_bytes())
    return counts(score_filing(gold, filing).outcomes)


def requests_of(seed: Path) -> int:
    """One request for the boxes and one per line the patterns leave to the model: as many
    answers as that means every answer fitted on its first attempt."""
    sections = split_sections(extract_text(seed))
    readings = read_rows(sections)
    return 1 + sum(reading.cells is None for reading in readings)
