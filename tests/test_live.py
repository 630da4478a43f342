"""The embedded model for real, no cache: every seed must fit the schema on the first attempt.

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
def test_embedded_model_fits_the_schema_on_the_first_attempt(
    extractor: Extractor, seed: Path
) -> None:
    result = extractor.extract(seed)
    assert result.attempts == 1
    assert result.cached_responses == 0
    assert result.backend == "local"
    score = gold_score(seed, result.filing)
    print(
        f"{seed.stem}: {result.seconds['model']:.1f} s, {result.usage.prompt_tokens}+"
        f"{result.usage.completion_tokens} tokens, F1 {score.f1:.3f}"
    )
    assert score.tp > 0
