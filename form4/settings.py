"""One settings object for the whole pipeline, read from keyword arguments or the environment.

The OpenAI-compatible backend takes the standard ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` /
``OPENAI_MODEL`` variables so that the same environment works for OpenAI, vLLM, Ollama and
llama.cpp's server; everything form4-specific is ``FORM4_*``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from form4.errors import SettingsError

MAX_INPUT_BYTES = 20_000_000
MAX_LINE_CHARS = 10_000
MAX_ANSWER_CHARS = 50_000

Backend = Literal["local", "openai"]
CacheMode = Literal["use", "off", "refresh", "replay"]


class Settings(BaseSettings):
    """How to run an extraction. Every field can also come from ``FORM4_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="FORM4_", frozen=True, extra="forbid")

    backend: Backend = Field(
        default="local",
        description="local: the embedded GGUF model in-process; openai: any OpenAI-compatible "
        "endpoint.",
    )
    method: Literal["staged", "one-shot"] = Field(
        default="staged",
        description="staged: footnotes, remarks, signatures and clean table lines read by "
        "pattern, the model asked only for the boxes and the lines the patterns cannot read, in "
        "short requests; one-shot: the model fills the whole schema from the whole text in one "
        "constrained call (slower and less accurate on a CPU; the benchmark's baseline).",
    )
    model: str | None = Field(
        default=None,
        validation_alias=AliasChoices("model", "FORM4_MODEL", "OPENAI_MODEL"),
        description="Model name sent to an OpenAI-compatible endpoint (default gpt-4o-mini). "
        "Ignored by the local backend, which names its model after the GGUF file.",
    )
    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("base_url", "FORM4_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("api_key", "FORM4_API_KEY", "OPENAI_API_KEY"),
        description="API key of the endpoint; never logged and never part of a cache key.",
    )
    structured_output: Literal["json_schema", "json_object_schema"] = Field(
        default="json_schema",
        description="How the openai backend asks for schema-constrained output: json_schema is "
        "OpenAI's response_format (OpenAI, vLLM, Ollama, llama.cpp's llama-server); "
        'json_object_schema sends {"type": "json_object", "schema": ...}, the only shape '
        "llama-cpp-python's own server turns into a grammar.",
    )
    model_path: Path | None = Field(
        default=None,
        description="A GGUF file to use instead of the bundled Qwen2.5-Coder-1.5B-Instruct.",
    )
    timeout: float = Field(default=300.0, gt=0, description="Seconds allowed for one request.")
    transient_retries: int = Field(
        default=4,
        ge=0,
        description="Retries of one request after a timeout, connection error, 429 or 5xx, with "
        "exponential backoff and jitter.",
    )
    reasks: int = Field(
        default=2,
        ge=0,
        description="Times an answer that does not fit the schema goes back to the model with "
        "the validation errors.",
    )
    max_tokens: int = Field(default=2048, gt=0, description="Cap on tokens generated per call.")
    temperature: float = Field(default=0.0, ge=0)
    seed: int = Field(default=0, description="Sampling seed, for repeatable answers.")
    n_ctx: int = Field(default=8192, gt=0, description="Context window of the local model.")
    n_threads: int | None = Field(
        default=None, description="CPU threads of the local model (default: all cores)."
    )
    repair: bool = Field(
        default=True,
        description="Fill values the validators determine beyond doubt (each one recorded as a "
        "repair); False leaves the model's answer as it is and only reports conflicts.",
    )
    cache: CacheMode = Field(
        default="use",
        description="use: read and write the response cache; off: bypass it; refresh: call the "
        "model and overwrite; replay: answer only from the cache (tests).",
    )
    cache_dir: Path = Field(
        default_factory=lambda: Path(user_cache_dir("form4")),
        description="Where the assembled GGUF and, by default, the model responses are kept.",
    )
    responses_dir: Path | None = Field(
        default=None,
        description="Where model responses are cached (default: <cache_dir>/responses); the "
        "tests' recordings are such a folder.",
    )

    max_input_bytes: int = Field(
        default=MAX_INPUT_BYTES,
        gt=0,
        description="Largest input file read, in bytes: a Form 4's OCR text is tens of "
        "kilobytes and its PDF a few megabytes; anything far bigger is not one.",
    )
    max_line_chars: int = Field(
        default=MAX_LINE_CHARS,
        gt=0,
        description="Longest line of input text, in characters: a printed line of the form "
        "holds a few hundred, and pattern matching on a longer one can take minutes.",
    )
    max_answer_chars: int = Field(
        default=MAX_ANSWER_CHARS,
        gt=0,
        description="Longest model answer accepted, in characters: a whole filing's JSON is a "
        "few thousand; a longer answer is refused without being sent back to the model.",
    )
    max_model_seconds: float = Field(
        default=600.0,
        gt=0,
        description="Time one filing may spend, in seconds: a table line whose answer, taking "
        "as long as the filing's longest answer so far, would end past it is reported "
        "(extraction.unread_line) rather than asked, a flagged partial result instead of a wait.",
    )
    max_filing_tokens: int = Field(
        default=60_000,
        gt=0,
        description="Prompt and completion tokens one filing may spend, with the same effect.",
    )

    @property
    def response_cache_dir(self) -> Path:
        return self.responses_dir or self.cache_dir / "responses"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and ``overrides``, or a :class:`SettingsError` of one line
    naming the first bad variable and what it takes (pydantic's own report is dozens of lines)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as invalid:
        first = invalid.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        name = field if field.isupper() else f"FORM4_{field.upper()}"
        shown = "" if "key" in field.lower() else f", not {first.get('input')!r}"
        raise SettingsError(f"{name}: {first['msg']}{shown}") from None
