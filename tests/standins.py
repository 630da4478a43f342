"""A scripted stand-in for a model backend, shared by the tests of the call layer and the methods.

The stand-in plays answers a test wrote by hand or built from the gold labels: it tests the
plumbing (requests, re-asks, caching, usage, assembly of a filing), never the model, and its
answers are never stored as recordings.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Literal

import openai
from openai.types.chat import ChatCompletion

try:  # openai 3 moved to httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx

from form4 import Settings
from form4.extractor.assembly.staged import StagedReader
from form4.extractor.model.cache import ResponseCache
from form4.extractor.model.calls import ModelCaller
from form4.extractor.pipeline import Extractor

FinishReason = Literal["stop", "length"]


def completion(
    content: str, prompt: int = 100, generated: int = 50, finish: FinishReason = "stop"
) -> ChatCompletion:
    """An OpenAI chat completion as a backend returns it, with the given usage."""
    return ChatCompletion.model_validate(
        {
            "id": "stand-in",
            "object": "chat.completion",
            "created": 0,
            "model": "stand-in",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish,
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": generated,
                "total_tokens": prompt + generated,
            },
        }
    )


def runaway(content: str = '{"title": "Common Stock Common Stock Common') -> ChatCompletion:
    """An answer cut off at its token limit, as a small model's repetition loop ends."""
    return completion(content, finish="length")


def api_error(status: int) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(status, request=request)
    if status >= 500:
        kind: type[openai.APIStatusError] = openai.InternalServerError
    else:
        kind = openai.RateLimitError if status == 429 else openai.BadRequestError
    return kind(f"status {status}", response=response, body=None)


Step = str | ChatCompletion | BaseException


class ScriptedBackend:
    """Plays a list of outcomes: an exception is raised, a completion returned, a string answered
    with the default usage. Every request is kept, copied, for the test to inspect."""

    name = "stand-in"
    model = "stand-in-model"
    endpoint = None

    def __init__(self, script: list[Step]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []

    def create(self, **request: Any) -> ChatCompletion:
        self.requests.append(copy.deepcopy(request))
        if not self.script:
            raise AssertionError(f"unscripted request {len(self.requests)}")
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step if isinstance(step, ChatCompletion) else completion(step)


def extractor_with(backend: ScriptedBackend, tmp_path: Path, **settings: Any) -> Extractor:
    """An extractor with these settings, its cache in ``tmp_path``, answered by ``backend``."""
    return scripted_extractor(Settings(cache_dir=tmp_path, **settings), backend)


def scripted_extractor(settings: Settings, backend: ScriptedBackend) -> Extractor:
    """An extractor whose every request, of either method, goes to ``backend``; transient
    retries wait milliseconds instead of seconds."""
    extractor = Extractor(settings)
    extractor.backend = backend
    extractor.caller = ModelCaller(
        backend,
        ResponseCache(settings.response_cache_dir, settings.cache),
        settings.transient_retries,
        max_backoff=0.01,
        max_answer_chars=settings.max_answer_chars,
    )
    extractor.staged = StagedReader(extractor.caller, settings)
    return extractor
