"""One model call as the pipeline sees it: cached, retried on transient faults, and counted.

Two retry policies stay apart on purpose. Transient faults of the transport (timeouts, dropped
connections, 429, 5xx, answers that are no chat completion) are retried here with exponential
backoff and jitter, or after the wait a 429 or 503 asks for, resending the same request. Answers
that do not fit the schema are the asker's business: it re-asks the model with the validation
errors. Usage is summed over every answer either policy obtains. An exchange's answers are cached
only once its last answer is accepted, so an answer that failed is asked for again next time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import openai
from openai.types.chat import ChatCompletion
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from form4.errors import BackendError
from form4.extractor.model.backends import ChatBackend, MalformedResponse, completion_from
from form4.extractor.model.cache import ResponseCache, request_key
from form4.settings import MAX_ANSWER_CHARS

TRANSIENT_ERRORS = (
    openai.APITimeoutError,
    openai.APIConnectionError,
    openai.RateLimitError,
    openai.InternalServerError,
    MalformedResponse,
)

RETRY_AFTER_CAP = 60.0
"""Longest wait a Retry-After header is granted: a longer one is better reported than obeyed."""


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_ERRORS):
        return True
    return isinstance(error, openai.APIStatusError) and (
        error.status_code == 429 or error.status_code >= 500
    )


def retry_after(error: BaseException | None) -> float:
    """Seconds the endpoint asked to be left alone (Retry-After, as seconds or an HTTP date),
    at most :data:`RETRY_AFTER_CAP`; 0 when it did not say."""
    if not isinstance(error, openai.APIStatusError):
        return 0.0
    value = error.response.headers.get("retry-after", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return 0.0
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


@dataclass
class CallStats:
    """What one extraction cost, over all its calls."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    cached: int = 0
    transient_retries: int = 0

    def count(self, completion: ChatCompletion, *, cached: bool) -> None:
        self.attempts += 1
        self.cached += int(cached)
        if completion.usage is not None:
            self.prompt_tokens += completion.usage.prompt_tokens
            self.completion_tokens += completion.usage.completion_tokens


class Exchange:
    """The requests of one question, re-asks included, as a ``create`` function (instructor's
    shape). Fresh answers are held back from the cache until :meth:`accept`: a bad answer
    cached before it was checked would be replayed, and fail again, after the model recovered."""

    def __init__(self, caller: ModelCaller, stats: CallStats) -> None:
        self.caller = caller
        self.stats = stats
        self.fresh: list[tuple[str, ChatCompletion]] = []

    def __call__(self, **request: Any) -> ChatCompletion:
        backend = self.caller.backend
        key = request_key(backend.name, backend.model, request, backend.endpoint)
        completion = self.caller.cache.get(key)
        cached = completion is not None
        if completion is None:
            completion = self.caller.send(request, self.stats)
            self.fresh.append((key, completion))
        self.stats.count(completion, cached=cached)
        self.caller.check_length(completion)
        return completion

    def accept(self) -> None:
        """Cache this exchange's answers: the last one fitted, so a rerun replays them all."""
        for key, completion in self.fresh:
            self.caller.cache.put(key, completion)
        self.fresh.clear()


class ModelCaller:
    """Sends requests to a backend through the response cache and the transient-retry policy."""

    def __init__(
        self,
        backend: ChatBackend,
        cache: ResponseCache,
        transient_retries: int,
        max_backoff: float = 30.0,
        max_answer_chars: int = MAX_ANSWER_CHARS,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.transient_retries = transient_retries
        self.max_backoff = max_backoff
        self.max_answer_chars = max_answer_chars

    def create_for(self, stats: CallStats) -> Exchange:
        """A ``create`` function for one question that charges its calls to ``stats``."""
        return Exchange(self, stats)

    def check_length(self, completion: ChatCompletion) -> None:
        """Refuse an answer longer than the limit, without sending it back in a re-ask: an
        endpoint gone wrong can answer megabytes, and every later step grows with them."""
        content = completion.choices[0].message.content or ""
        if len(content) > self.max_answer_chars:
            raise BackendError(
                f"the model's answer has {len(content)} characters, more than "
                f"FORM4_MAX_ANSWER_CHARS={self.max_answer_chars}"
            )

    def send(self, request: dict[str, Any], stats: CallStats) -> ChatCompletion:
        def note_retry(state: RetryCallState) -> None:
            stats.transient_retries += 1

        backoff = wait_random_exponential(multiplier=0.5, max=self.max_backoff)

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            return max(backoff(state), retry_after(error))

        retrying = Retrying(
            stop=stop_after_attempt(self.transient_retries + 1),
            wait=wait,
            retry=retry_if_exception(is_transient),
            before_sleep=note_retry,
            reraise=True,
        )
        try:
            return retrying(lambda: completion_from(self.backend.create(**request)))
        except MalformedResponse as error:
            raise MalformedResponse(f"{self.backend.name} backend: {error}") from error
        except openai.APIError as error:
            reason = getattr(error, "message", None) or str(error)
            raise BackendError(
                f"{self.backend.name} backend request failed: {type(error).__name__}: "
                f"{reason.splitlines()[0] if reason else ''}"
            ) from error
