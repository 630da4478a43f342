"""The two model backends behind one call shape: an OpenAI chat-completion ``create``.

Both take OpenAI's request keywords and return an ``openai`` ``ChatCompletion``, so instructor,
the cache and the retry policy sit on top of either without knowing which one runs.
"""

from __future__ import annotations

import json
import os
import secrets
from functools import lru_cache
from typing import Any, Protocol

import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from form4.errors import BackendError, ModelError
from form4.extractor.model import model_file
from form4.extractor.model.prompt_state import SavedPrompt, state_name, worth_saving
from form4.settings import Settings

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


class ChatBackend(Protocol):
    """What the pipeline needs of a backend. ``endpoint`` is where a remote model answers
    (None in-process): the same model name at two endpoints may be two models."""

    name: str
    model: str
    endpoint: str | None

    def create(self, **request: Any) -> ChatCompletion: ...


class MalformedResponse(BackendError):
    """An answer that is no chat completion: a proxy's error page, cut-off JSON, no choices.
    Retried like a 5xx, since such answers mostly come from faults that pass."""


def completion_from(data: ChatCompletion | bytes | object) -> ChatCompletion:
    """A completion with at least one choice that holds a message, from an endpoint's body, a
    cached entry or a backend's object; :class:`MalformedResponse` saying what is wrong else."""
    if isinstance(data, bytes):
        try:
            data = json.loads(data)
        except ValueError:
            shown = " ".join(data[:60].decode("utf-8", errors="replace").split())
            raise MalformedResponse(f"the answer is not JSON (it begins {shown!r})") from None
    try:
        completion = (
            data if isinstance(data, ChatCompletion) else ChatCompletion.model_validate(data)
        )
    except ValidationError as invalid:
        first = invalid.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the answer"
        raise MalformedResponse(
            f"the answer is no chat completion ({where}: {first['msg']}; "
            f"{invalid.error_count()} error(s))"
        ) from None
    if not completion.choices:
        raise MalformedResponse("the answer is a chat completion without choices")
    return completion


def llama_response_format(response_format: dict[str, Any] | None) -> dict[str, Any] | None:
    """Translate OpenAI's structured-output shape into the one llama.cpp turns into a grammar.

    instructor's JSON_SCHEMA mode sends ``{"type": "json_schema", "json_schema": {"schema": S}}``;
    llama-cpp-python builds a grammar only from ``{"type": "json_object", "schema": S}`` and
    decodes unconstrained otherwise, so without this the schema never reaches the model.
    """
    if not response_format or response_format.get("type") != "json_schema":
        return response_format
    schema = response_format.get("json_schema", {}).get("schema")
    if schema is None:
        return {"type": "json_object"}
    return {"type": "json_object", "schema": schema}


@lru_cache(maxsize=16)
def llguidance_grammar(schema_json: str) -> str:
    """The schema as a grammar for llama.cpp's llguidance, JSON printed compactly.

    llguidance computes each step's token mask in microseconds over the whole vocabulary, so no
    token outside the schema is ever sampled and no time goes to checking. Its JSON allows free
    whitespace by default, and the model then spends a token on each indent; compact separators
    keep an answer to the tokens that carry values. The grammar is checked here because
    llama.cpp's server decodes unconstrained, without a word, when a grammar fails to compile.
    """
    from llguidance import LLMatcher

    schema = json.loads(schema_json)
    schema["x-guidance"] = {
        "whitespace_flexible": False,
        "item_separator": ",",
        "key_separator": ":",
    }
    grammar = "%llguidance {}\nstart: %json " + json.dumps(schema)
    problem = LLMatcher.validate_grammar(grammar)
    if problem:
        raise BackendError(
            f"the schema cannot be turned into a grammar: {problem.strip().splitlines()[0]}"
        )
    return grammar


class LocalBackend:
    """The embedded model, run in-process by llama.cpp's own server code (xllamacpp's prebuilt
    wheels: no compiler at install); loaded lazily, once. Requests go to the server's handler
    in-process, never over a socket, and one slot keeps the previous prompt so that requests of
    one filing, which share their opening messages, evaluate only what differs; a process
    starts from the prompt an earlier one saved (:mod:`.prompt_state`).

    The server code also listens on a loopback port it cannot be told to leave closed; a key
    drawn at load and never shown makes that port refuse every request but this backend's."""

    name = "local"
    endpoint = None

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = model_file.model_id(settings)
        self._server: Any = None
        self._saved: SavedPrompt | None = None
        self._runtime = ""
        """The runtime's name and version, which a saved prompt's name carries."""
        self._opening: str | None = None
        """The opening message of the request before, and its saved prompt's name."""
        self._state_file = ""

    def _load(self) -> Any:
        try:
            import xllamacpp
        except ImportError as error:
            raise ModelError(
                "the embedded backend needs xllamacpp: pip install 'form4[local]'"
            ) from error
        path = model_file.model_path(self.settings)
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = self.settings.n_ctx
        params.n_parallel = 1
        threads = self.settings.n_threads or os.cpu_count() or 2
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.flash_attn_type = xllamacpp.llama_flash_attn_type.LLAMA_FLASH_ATTN_TYPE_ENABLED
        params.sampling.seed = self.settings.seed
        params.warmup = False
        params.verbosity = -1
        params.n_threads_http = 1
        key = secrets.token_urlsafe(32)
        params.api_keys = [key]
        folder = self.settings.cache_dir / "prompts"
        folder.mkdir(parents=True, exist_ok=True)
        params.slot_save_path = f"{folder}{os.sep}"
        try:
            server = xllamacpp.Server(params)
        except (ValueError, RuntimeError) as error:
            raise ModelError(f"cannot load model {path}: {error}") from error
        self._saved = SavedPrompt(folder, server.listening_address, key)
        self._runtime = f"xllamacpp{xllamacpp.__version__}"
        return server

    @property
    def server(self) -> Any:
        if self._server is None:
            self._server = self._load()
        return self._server

    def create(self, **request: Any) -> ChatCompletion:
        body: dict[str, Any] = {
            "messages": request["messages"],
            "max_tokens": request.get("max_tokens"),
            "temperature": request.get("temperature", 0.0),
            "seed": request.get("seed", self.settings.seed),
            "presence_penalty": request.get("presence_penalty", 0.0),
            "cache_prompt": True,
        }
        response_format = request.get("response_format") or {}
        schema = response_format.get("json_schema", {}).get("schema")
        if schema is not None:
            body["grammar"] = llguidance_grammar(json.dumps(schema))
        server = self.server
        opening = str(request["messages"][0].get("content", "")) if request["messages"] else ""
        if self._saved is not None and opening != self._opening:
            self._opening = opening
            self._state_file = state_name(self.model, self._runtime, self.settings.n_ctx, opening)
            self._saved.restore(self._state_file)
        answer = server.handle_chat_completions(
            {key: value for key, value in body.items() if value is not None}
        )
        if isinstance(answer, dict) and "error" in answer:
            error = answer["error"]
            message = error.get("message", error) if isinstance(error, dict) else error
            raise BackendError(f"the embedded model refused the request: {message}")
        timings = answer.get("timings") if isinstance(answer, dict) else None
        if self._saved is not None and worth_saving(timings):
            self._saved.save(self._state_file)
        return completion_from(answer)


class OpenAIBackend:
    """Any OpenAI-compatible endpoint: OpenAI, vLLM, Ollama, llama.cpp's server."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.model or DEFAULT_OPENAI_MODEL
        api_key = settings.api_key.get_secret_value() if settings.api_key else None
        if api_key is None and settings.base_url is None:
            raise BackendError(
                "the openai backend needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)"
            )
        self.client = openai.OpenAI(
            api_key=api_key or "not-needed",
            base_url=settings.base_url,
            timeout=settings.timeout,
            max_retries=0,  # form4's own transient-retry policy decides, once
        )
        self.endpoint = str(self.client.base_url)

    def create(self, **request: Any) -> ChatCompletion:
        """The endpoint's completion, its body read here: the client's own reading lets an HTML
        page or a body without choices through as a string or a hollow object."""
        if self.settings.structured_output == "json_object_schema":
            request = {
                **request,
                "response_format": llama_response_format(request.get("response_format")),
            }
        raw = self.client.chat.completions.with_raw_response.create(
            **{"model": self.model, **request}
        )
        return completion_from(raw.content)


BACKENDS: dict[str, type[LocalBackend] | type[OpenAIBackend]] = {
    "local": LocalBackend,
    "openai": OpenAIBackend,
}
"""Each ``FORM4_BACKEND`` value and the class that runs it."""


def make_backend(settings: Settings) -> ChatBackend:
    return BACKENDS[settings.backend](settings)
