"""The staged method's question loop with a scripted stand-in backend: re-asks with the errors,
their bound, the one retry of a runaway answer, usage over every answer, and the cache key of
the retry. The answers are written by hand; they test the loop, not the model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from form4 import BackendError
from form4.extractor.model.answers import HeaderAnswer, row_answer_model, row_answer_schema
from form4.extractor.model.asking import RUNAWAY_PENALTY, ask
from form4.extractor.model.cache import ResponseCache, request_key
from form4.extractor.model.calls import CallStats, ModelCaller
from form4.schema import SCHEMA_VERSION
from tests.standins import ScriptedBackend, Step, completion, runaway

QUESTION = [{"role": "system", "content": "fixed"}, {"role": "user", "content": "A line:\nx"}]
ROW = row_answer_model("I", False)
GOOD_ROW = {"title": "Common Stock", "date": "02/15/2011", "code": "F", "shares": "1,123(1)"}


def ask_of(
    backend: ScriptedBackend,
    stats: CallStats,
    answer: type[BaseModel] = ROW,
    reasks: int = 2,
    **options: Any,
) -> BaseModel:
    """``ask`` the question of ``backend``, uncached and without transient retries."""
    caller = ModelCaller(backend, ResponseCache(Path("unused"), "off"), transient_retries=0)
    return ask(caller, stats, answer, QUESTION, max_tokens=64, reasks=reasks, seed=7, **options)


def asked(
    script: list[Step], answer: type[BaseModel] = ROW, reasks: int = 2, **options: Any
) -> tuple[BaseModel, CallStats, ScriptedBackend]:
    """The answer to the question with the stand-in playing ``script``, the stats and the
    requests it made."""
    backend, stats = ScriptedBackend(script), CallStats()
    return ask_of(backend, stats, answer, reasks, **options), stats, backend


def row(**cells: str) -> str:
    return json.dumps({**GOOD_ROW, **cells})


def test_a_fitting_answer_is_taken_as_it_is() -> None:
    got, stats, backend = asked([row()])
    assert got.model_dump(exclude_none=True) == GOOD_ROW
    (request,) = backend.requests
    assert request == {"messages": QUESTION, "max_tokens": 64, "temperature": 0.0, "seed": 7}
    assert stats.attempts == 1


def test_a_reask_shows_the_answer_and_the_schemas_errors() -> None:
    wrong = row(date="13/45/2011")
    got, stats, backend = asked([wrong, row()])
    assert got.model_dump(exclude_none=True) == GOOD_ROW
    first, second = backend.requests
    assert first["messages"] == QUESTION
    assert second["messages"][: len(QUESTION)] == QUESTION
    assistant, correction = second["messages"][len(QUESTION) :]
    assert assistant == {"role": "assistant", "content": wrong}
    assert correction["role"] == "user"
    assert correction["content"].startswith("Correct your JSON answer. Errors:")
    assert "transactionDate" in correction["content"]  # the schema row's own error
    assert "\n" not in correction["content"]
    assert (stats.attempts, stats.prompt_tokens, stats.completion_tokens) == (2, 200, 100)


def test_each_reask_starts_again_from_the_question() -> None:
    """Only the last wrong answer is shown: the conversation does not grow with each re-ask."""
    _, _, backend = asked(["not json", row(code="Q"), row()])
    third = backend.requests[2]["messages"]
    assert len(third) == len(QUESTION) + 2
    assert third[len(QUESTION)]["content"] == row(code="Q")


@pytest.mark.parametrize("reasks", [0, 1, 3])
def test_reasks_are_bounded(reasks: int) -> None:
    backend = ScriptedBackend([row(date="13/45/2011")] * (reasks + 2))
    with pytest.raises(BackendError, match=rf"did not fit after {reasks + 1} attempt\(s\)"):
        ask_of(backend, CallStats(), reasks=reasks)
    assert len(backend.requests) == reasks + 1


def test_a_runaway_is_retried_once_with_a_presence_penalty() -> None:
    got, stats, backend = asked([runaway(), row()], reasks=0)
    assert got.model_dump(exclude_none=True) == GOOD_ROW  # not counted as a re-ask
    first, second = backend.requests
    assert "presence_penalty" not in first
    assert second["presence_penalty"] == RUNAWAY_PENALTY
    assert second["messages"] == QUESTION  # the cut-off answer is not shown back
    assert (stats.attempts, stats.prompt_tokens, stats.completion_tokens) == (2, 200, 100)


def test_reasks_after_a_runaway_keep_the_penalty() -> None:
    _, _, backend = asked([runaway(), "{}", row()], reasks=1)
    penalties = [request.get("presence_penalty") for request in backend.requests]
    assert penalties == [None, RUNAWAY_PENALTY, RUNAWAY_PENALTY]


def test_a_second_runaway_ends_with_one_line() -> None:
    backend = ScriptedBackend([runaway(), runaway(), row()])
    with pytest.raises(BackendError) as raised:
        ask_of(backend, CallStats())
    assert str(raised.value) == "the model's answer ran to max_tokens=64 twice"
    assert len(backend.requests) == 2


def test_usage_is_summed_over_every_answer() -> None:
    script: list[Step] = [
        completion("{}", prompt=300, generated=64, finish="length"),
        completion(row(date="1/2/3"), prompt=310, generated=20),
        completion(row(), prompt=320, generated=25),
    ]
    _, stats, _ = asked(script)
    assert (stats.attempts, stats.prompt_tokens, stats.completion_tokens) == (3, 930, 109)


@pytest.mark.parametrize(
    "wrapped",
    [
        "```json\n{answer}\n```",
        "```\n{answer}\n```",
        "Here is the JSON: {answer} I hope it helps.",
    ],
)
def test_json_inside_a_fence_or_words_is_accepted(wrapped: str) -> None:
    got, stats, _ = asked([wrapped.replace("{answer}", row())])
    assert got.model_dump(exclude_none=True) == GOOD_ROW
    assert stats.attempts == 1


def test_the_schema_goes_with_the_request_as_a_response_format() -> None:
    schema = row_answer_schema("I", False)
    _, _, backend = asked([row()], schema=schema)
    assert backend.requests[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": ROW.__name__, "schema": schema},
    }


def test_a_header_answer_needs_an_owner() -> None:
    no_owner = json.dumps({"issuer": "SONUS NETWORKS INC", "owners": []})
    one = json.dumps({"issuer": "SONUS NETWORKS INC", "owners": [{"name": "Dillon Matthew S."}]})
    got, _, backend = asked([no_owner, one], answer=HeaderAnswer)
    assert isinstance(got, HeaderAnswer) and got.owners[0].name == "Dillon Matthew S."
    assert "owners" in backend.requests[1]["messages"][-1]["content"]


def test_a_header_answer_whose_owner_is_no_schema_owner_is_asked_again() -> None:
    """A blank name is a string to the answer and no name to the schema: re-asked, not a
    filing lost after the answer was taken."""
    blank = json.dumps({"issuer": "SONUS NETWORKS INC", "owners": [{"name": " "}]})
    one = json.dumps({"issuer": "SONUS NETWORKS INC", "owners": [{"name": "Dillon Matthew S."}]})
    got, stats, backend = asked([blank, one], answer=HeaderAnswer)
    assert got.owners[0].owner().rpt_owner_name == "Dillon Matthew S."
    assert stats.attempts == 2
    assert "rpt_owner_name" in backend.requests[1]["messages"][-1]["content"]


def _key_before_optional_parameters(request: dict[str, Any]) -> str:
    """The cache key as computed before any optional parameter existed: the keys of responses
    cached or recorded then must still find them."""
    material = {
        "backend": "local",
        "model": "m",
        "schema_version": SCHEMA_VERSION,
        **{
            name: request.get(name)
            for name in ("messages", "response_format", "max_tokens", "temperature", "seed")
        },
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_the_penalty_changes_the_cache_key_only_when_sent() -> None:
    request = {"messages": QUESTION, "max_tokens": 64, "temperature": 0.0, "seed": 7}
    key = request_key("local", "m", request)
    assert key == _key_before_optional_parameters(request)
    penalised = request_key("local", "m", {**request, "presence_penalty": RUNAWAY_PENALTY})
    assert penalised != key
    assert penalised != request_key("local", "m", {**request, "presence_penalty": 0.1})
