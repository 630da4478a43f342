"""The embedded model for real, no cache: every line of every seed read, at a floor of F1.

Slow (minutes on two cores) and needs the [local] extra; `-m "not live"` skips it.
"""

from __future__ import annotations

import functools
import json
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
    assert score.f1 >= 0.9


def test_one_shot_method_fits_the_schema_on_the_first_attempt() -> None:
    """The benchmark's baseline stays a working method, not only a number."""
    one_shot = Extractor(Settings(backend="local", cache="off", method="one-shot"))
    result = one_shot.extract(SEEDS[1])
    assert result.attempts == 1
    assert gold_score(SEEDS[1], result.filing).f1 >= 0.7


def test_greedy_grammar_sampler_picks_the_tokens_of_the_full_grammar_sampler(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sampler that asks the grammar about the best token only changes time, not answers."""
    from llama_cpp import Llama

    from form4.extractor.answers import row_answer_schema
    from form4.extractor.backends import _grammar
    from form4.extractor.lazy_grammar import GreedyGrammarSampler
    from form4.extractor.staged import request_messages

    line = "Stock Option (right to buy) $2.28 10/17/2011 A 125,000 (1) 10/17/2021 Commo 125,0 000 D"
    llama = extractor.backend.llama
    request = {
        "messages": request_messages("II", line),
        "max_tokens": 160,
        "temperature": 0.0,
        "grammar": _grammar(json.dumps(row_answer_schema("II", False))),
    }
    samplers: list[str] = []
    stock_init = llama._init_sampler

    def spy(**options: object) -> object:
        sampler = stock_init(**options)
        samplers.append(type(sampler).__name__)
        return sampler

    monkeypatch.setattr(llama, "_init_sampler", spy)
    greedy = llama.create_chat_completion(**request)
    monkeypatch.setattr(llama, "_init_sampler", functools.partial(Llama._init_sampler, llama))
    full = llama.create_chat_completion(**request)
    assert samplers == [GreedyGrammarSampler.__name__]
    assert greedy["usage"]["completion_tokens"] > 60
    assert greedy["choices"][0]["message"]["content"] == full["choices"][0]["message"]["content"]
