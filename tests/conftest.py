"""Shared paths and settings: tests never read outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import Form4Filing, Settings, from_xml
from form4.evals.report import Counts, counts
from form4.evals.scoring import score_filing

TESTS = Path(__file__).parent
SEEDS = sorted((TESTS / "fixtures" / "seeds").glob("*.txt"))
RECORDINGS = TESTS / "recordings"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test picks up a developer's keys, endpoint or cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"):
        monkeypatch.delenv(name, raising=False)
    for name in ("CACHE", "RESPONSES_DIR", "BACKEND", "MODEL", "BASE_URL", "API_KEY"):
        monkeypatch.delenv(f"FORM4_{name}", raising=False)


def replay_settings() -> Settings:
    """Answers only from the responses recorded by `form4 record` from the embedded model."""
    return Settings(backend="local", cache="replay", responses_dir=RECORDINGS)


def gold_score(seed: Path, filing: Form4Filing) -> Counts:
    """Field counts of an extraction of ``seed`` against its gold label."""
    gold = from_xml(seed.with_suffix(".xml").read_bytes())
    return counts(score_filing(gold, filing).outcomes)
