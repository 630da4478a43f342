"""The call layer's mechanics with a scripted stand-in backend: retries, re-asks, cache, usage.

These run the one-shot method, whose single request is answered by a whole filing and re-asked by
instructor: the stand-in's answers are built from the gold labels (or are deliberately broken);
they test the plumbing, not the model, and are never stored as recordings. The staged method's
requests are tested in test_staged.py and test_asking.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openai
import pytest

try:  # openai 3 moved to httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx

from form4 import BackendError, from_xml
from form4.extractor.model.backends import llama_response_format
from form4.extractor.model.cache import request_key
from form4.extractor.model.calls import CallStats, is_transient
from form4.extractor.pipeline import Extractor
from tests.standins import ScriptedBackend, api_error, completion
from tests.standins import extractor_with as any_method_with

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLD_JSON = from_xml((SEEDS / "004_47b33eeacef7bd42.xml").read_bytes()).model_dump_json(
    by_alias=True
)


def extractor_with(backend: ScriptedBackend, tmp_path: Path, **settings: Any) -> Extractor:
    """The one-shot method with ``backend``: one request per filing, answered by a filing."""
    return any_method_with(backend, tmp_path, method="one-shot", **settings)


SEED_TEXT = SEEDS / "004_47b33eeacef7bd42.txt"


def test_transient_faults_are_resent_and_not_counted_as_attempts(tmp_path: Path) -> None:
    backend = ScriptedBackend([api_error(500), api_error(429), GOLD_JSON])
    result = extractor_with(backend, tmp_path).extract(SEED_TEXT)
    assert result.attempts == 1
    assert result.transient_retries == 2
    assert len(backend.requests) == 3
    assert result.filing.issuer.issuer_trading_symbol == "SONS"


def test_transient_faults_give_up_after_the_configured_retries(tmp_path: Path) -> None:
    backend = ScriptedBackend([api_error(503)] * 3)
    with pytest.raises(BackendError, match="InternalServerError"):
        extractor_with(backend, tmp_path, transient_retries=2).extract(SEED_TEXT)
    assert len(backend.requests) == 3


def test_client_errors_are_not_retried(tmp_path: Path) -> None:
    backend = ScriptedBackend([api_error(400), GOLD_JSON])
    with pytest.raises(BackendError, match="BadRequestError"):
        extractor_with(backend, tmp_path).extract(SEED_TEXT)
    assert len(backend.requests) == 1


def test_invalid_answers_are_reasked_with_the_errors_and_usage_is_summed(tmp_path: Path) -> None:
    broken = json.loads(GOLD_JSON)
    broken["periodOfReport"] = "13/45/2014"
    backend = ScriptedBackend([json.dumps(broken), GOLD_JSON])
    result = extractor_with(backend, tmp_path).extract(SEED_TEXT)
    assert result.attempts == 2
    assert result.usage.prompt_tokens == 200
    assert result.usage.completion_tokens == 100
    reask = backend.requests[1]["messages"]
    assert len(reask) > len(backend.requests[0]["messages"])
    assert "periodOfReport" in json.dumps(reask)


def test_reasks_are_bounded(tmp_path: Path) -> None:
    backend = ScriptedBackend(['{"not": "a filing"}'] * 3)
    with pytest.raises(BackendError, match="did not fit the schema after 2 attempt"):
        extractor_with(backend, tmp_path, reasks=1).extract(SEED_TEXT)
    assert len(backend.requests) == 2


def test_cache_answers_a_repeated_request_without_the_backend(tmp_path: Path) -> None:
    first = extractor_with(ScriptedBackend([GOLD_JSON]), tmp_path).extract(SEED_TEXT)
    silent = ScriptedBackend([])
    again = extractor_with(silent, tmp_path).extract(SEED_TEXT)
    assert again.filing == first.filing
    assert again.cached_responses == 1
    assert silent.requests == []


def test_no_cache_asks_the_backend_again(tmp_path: Path) -> None:
    extractor_with(ScriptedBackend([GOLD_JSON]), tmp_path).extract(SEED_TEXT)
    backend = ScriptedBackend([GOLD_JSON])
    result = extractor_with(backend, tmp_path, cache="off").extract(SEED_TEXT)
    assert result.cached_responses == 0
    assert len(backend.requests) == 1


def test_replay_refuses_an_unrecorded_request(tmp_path: Path) -> None:
    with pytest.raises(BackendError, match="no recorded response"):
        extractor_with(ScriptedBackend([]), tmp_path, cache="replay").extract(SEED_TEXT)


def test_cache_key_depends_on_what_decides_the_answer_and_never_on_secrets() -> None:
    request = {"messages": [{"role": "user", "content": "x"}], "temperature": 0.0}
    key = request_key("openai", "m", request)
    assert key == request_key("openai", "m", dict(reversed(request.items())))
    assert key != request_key("openai", "other", request)
    assert key != request_key("openai", "m", {**request, "temperature": 0.5})
    assert key == request_key("openai", "m", {**request, "api_key": "sk-secret"})


def test_cached_files_hold_no_secret(tmp_path: Path) -> None:
    extractor = extractor_with(ScriptedBackend([GOLD_JSON]), tmp_path, api_key="sk-top-secret")
    extractor.extract(SEED_TEXT)
    stored = "".join(p.read_text() for p in tmp_path.rglob("*.json"))
    assert stored and "sk-top-secret" not in stored


def test_transient_classification() -> None:
    assert is_transient(api_error(429))
    assert is_transient(api_error(502))
    assert not is_transient(api_error(400))
    request = httpx.Request("POST", "http://127.0.0.1")
    assert is_transient(openai.APITimeoutError(request=request))
    assert is_transient(openai.APIConnectionError(request=request))


def test_llama_adapter_passes_the_schema_to_the_grammar() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    sent = {"type": "json_schema", "json_schema": {"name": "X", "schema": schema}}
    assert llama_response_format(sent) == {"type": "json_object", "schema": schema}
    assert llama_response_format({"type": "json_object"}) == {"type": "json_object"}
    assert llama_response_format(None) is None


def test_call_stats_count_usage() -> None:
    stats = CallStats()
    stats.count(completion("{}", 10, 5), cached=True)
    stats.count(completion("{}", 7, 3), cached=False)
    assert (stats.prompt_tokens, stats.completion_tokens, stats.attempts, stats.cached) == (
        17,
        8,
        2,
        1,
    )


@pytest.mark.parametrize("repair", [True, False])
def test_extraction_repairs_only_when_asked(tmp_path: Path, repair: bool) -> None:
    answer = json.loads(GOLD_JSON)
    answer["nonDerivativeTransactions"][0]["transactionCode"] = None  # the F cell left empty
    backend = ScriptedBackend([json.dumps(answer)])
    result = extractor_with(backend, tmp_path, repair=repair).extract(SEED_TEXT)
    code = result.filing.non_derivative_transactions[0].transaction_code
    if repair:
        assert code is not None and code.value == "F"
        assert [r.new for r in result.repairs] == ["F"]
    else:
        assert code is None
        assert result.repairs == []
