"""One model call as the pipeline sees it: cached, retried on transient faults, and counted.

Two retry policies stay apart on purpose. Transient faults of the transport (timeouts, dropped
connections, 429, 5xx) are retried here with exponential backoff and jitter, resending the same
request. Answers that do not fit the schema are instructor's business: it re-asks the model with
the validation errors. Usage is summed over every answer either policy obtains.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from form4.extractor.backends import ChatBackend
from form4.extractor.cache import ResponseCache, request_key

TRANSIENT_ERRORS = (
    openai.APITimeoutError,
    openai.APIConnectionError,
    openai.RateLimitError,
    openai.InternalServerError,
)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_ERRORS):
        return True
    return isinstance(error, openai.APIStatusError) and (
        error.status_code == 429 or error.status_code >= 500
    )


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


class ModelCaller:
    """Sends requests to a backend through the response cache and the transient-retry policy."""

    def __init__(
        self,
        backend: ChatBackend,
        cache: ResponseCache,
        transient_retries: int,
        max_backoff: float = 30.0,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.transient_retries = transient_retries
        self.max_backoff = max_backoff

    def create_for(self, stats: CallStats):
        """A ``create`` function for instructor that charges its calls to ``stats``."""

        def create(**request: Any) -> ChatCompletion:
            key = request_key(self.backend.name, self.backend.model, request)
            stored = self.cache.get(key)
            if stored is not None:
                completion = ChatCompletion.model_validate(stored)
                stats.count(completion, cached=True)
                return completion
            completion = self._send(request, stats)
            self.cache.put(key, completion.model_dump(mode="json", exclude_none=True))
            stats.count(completion, cached=False)
            return completion

        return create

    def _send(self, request: dict[str, Any], stats: CallStats) -> ChatCompletion:
        def note_retry(state: RetryCallState) -> None:
            stats.transient_retries += 1

        retrying = Retrying(
            stop=stop_after_attempt(self.transient_retries + 1),
            wait=wait_random_exponential(multiplier=0.5, max=self.max_backoff),
            retry=retry_if_exception(is_transient),
            before_sleep=note_retry,
            reraise=True,
        )
        try:
            return retrying(self.backend.create, **request)
        except openai.APIError as error:
            reason = getattr(error, "message", None) or str(error)
            raise BackendError(
                f"{self.backend.name} backend request failed: {type(error).__name__}: "
                f"{reason.splitlines()[0] if reason else ''}"
            ) from error
