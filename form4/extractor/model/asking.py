"""Asking the model for one short JSON answer, with re-asks on answers that do not fit.

The staged method sends several small requests per filing that all begin with the same fixed
messages, so llama.cpp evaluates that prefix once and keeps it in its KV cache. instructor's JSON
modes write each response model's schema into the system message, which would make every kind of
request begin differently; this loop leaves the messages as they are and does what instructor
would on a bad answer: show the model its answer and the validation errors, and ask again.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from form4.errors import BackendError
from form4.extractor.model.calls import CallStats, ModelCaller

A = TypeVar("A", bound=BaseModel)


class NoAnswer(BackendError):
    """No answer the model gave could be used: none fitted after the re-asks, or two ran to
    their token limit."""


RUNAWAY_PENALTY = 0.6
"""Presence penalty of the one retry after an answer ran to its token limit: decoding is greedy,
so the same request would repeat the same loop; the penalty steers it off the repeated tokens."""


def ask(
    caller: ModelCaller,
    stats: CallStats,
    answer: type[A],
    messages: list[dict[str, str]],
    *,
    max_tokens: int,
    reasks: int,
    seed: int,
    schema: dict[str, Any] | None = None,
) -> A:
    """The model's answer to ``messages`` as an ``answer``, or a BackendError saying why not.

    With ``schema``, the answer's JSON schema goes with the request as OpenAI's structured-output
    response format (a grammar for the embedded model). An answer cut off at ``max_tokens`` (a
    runaway repetition, the known failure of small models on noisy text) is retried once with a
    presence penalty; it does not count as a re-ask.
    """
    create = caller.create_for(stats)
    conversation = list(messages)
    penalty_tried = False
    error: str = ""
    attempt = 0
    while attempt <= reasks:
        request: dict[str, Any] = {
            "messages": conversation,
            "max_tokens": max_tokens,
            "temperature": 0.0,
            "seed": seed,
        }
        if schema is not None:
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": answer.__name__, "schema": schema},
            }
        if penalty_tried:
            request["presence_penalty"] = RUNAWAY_PENALTY
        completion = create(**request)
        choice = completion.choices[0]
        content = (choice.message.content or "").strip()
        if choice.finish_reason == "length":
            if penalty_tried:
                raise NoAnswer(f"the model's answer ran to max_tokens={max_tokens} twice")
            penalty_tried = True
            continue
        try:
            fitted = answer.model_validate_json(_json_part(content))
        except ValidationError as invalid:
            error = _errors(invalid)
        else:
            create.accept()
            return fitted
        conversation = [
            *messages,
            {"role": "assistant", "content": content},
            {"role": "user", "content": f"Correct your JSON answer. Errors: {error}"},
        ]
        attempt += 1
    raise NoAnswer(f"the model's answer did not fit after {attempt} attempt(s): {error}")


def _json_part(content: str) -> str:
    """The JSON object of an answer, without a Markdown fence or words around it."""
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if start >= 0 and end > start else content


def _errors(invalid: ValidationError) -> str:
    parts = []
    for detail in invalid.errors()[:5]:
        where = ".".join(str(part) for part in detail["loc"]) or "the answer"
        parts.append(f"{where}: {detail['msg']}")
    return "; ".join(parts).replace("\n", " ")
