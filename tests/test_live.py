"""The embedded model for real, no cache: every line of every seed read, at a floor of F1.

Slow (minutes on two cores) and needs the [local] extra; `-m "not live"` skips it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import Extractor, Settings
from tests.conftest import SEEDS, gold_score

pytest.importorskip("llama_cpp", reason="needs the [local] extra")
pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(backend="local", cache="off"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_embedded_model_reads_every_line_of_every_seed(extractor: Extractor, seed: Path) -> None:
    result = extractor.extract(seed)
    assert result.cached_responses == 0
    assert result.backend == "local"
    assert [c.message for c in result.conflicts if c.rule == "extraction.unread_line"] == []
    score = gold_score(seed, result.filing)
    print(
        f"{seed.stem}: {result.seconds['model']:.1f} s, {result.usage.prompt_tokens}+"
        f"{result.usage.completion_tokens} tokens, {result.attempts} answers, F1 {score.f1:.3f}"
    )
    assert score.f1 >= 0.8


def test_one_shot_method_fits_the_schema_on_the_first_attempt() -> None:
    """The benchmark's baseline stays a working method, not only a number."""
    one_shot = Extractor(Settings(backend="local", cache="off", method="one-shot"))
    result = one_shot.extract(SEEDS[1])
    assert result.attempts == 1
    assert gold_score(SEEDS[1], result.filing).f1 >= 0.7
