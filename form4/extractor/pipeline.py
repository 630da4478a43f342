"""The extraction pipeline: read, clean, ask the model for a schema-valid filing, time each stage.

An :class:`Extractor` owns one backend, so the embedded model is loaded once and its KV cache of
the fixed system prompt is reused across every filing the extractor handles.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from form4.errors import BackendError, Form4Error, one_line
from form4.extractor.assembly.confidence import shipped_calibration
from form4.extractor.assembly.provenance import Origin, Origins, provenance, unconfident
from form4.extractor.assembly.staged import StagedReader
from form4.extractor.model.backends import make_backend
from form4.extractor.model.cache import ResponseCache
from form4.extractor.model.calls import CallStats, ModelCaller
from form4.extractor.model.layout import response_model, tables_without_transactions
from form4.extractor.model.prompts import build_messages
from form4.extractor.text.cleaning import clean_text
from form4.extractor.text.source import check_form4, read_source
from form4.result import Conflict, ExtractionResult, Repair, Usage
from form4.schema import Form4Filing
from form4.settings import MAX_INPUT_BYTES, MAX_LINE_CHARS, Settings, load_settings
from form4.validators import validate

Source = str | os.PathLike[str]


def _is_path(source: Source) -> bool:
    """Paths are PathLike, or short one-line strings; anything else is the filing's text."""
    if isinstance(source, os.PathLike):
        return True
    return "\n" not in source and len(source) < 4096


def load_text(
    source: Source, max_bytes: int = MAX_INPUT_BYTES, max_line_chars: int = MAX_LINE_CHARS
) -> tuple[str, str | None]:
    """The raw text of a file or of text given directly, with the file's name if any."""
    if _is_path(source):
        return read_source(source, max_bytes, max_line_chars), str(source)
    check_form4(source, "the given text", max_line_chars)
    return str(source), None


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = round(time.perf_counter() - start, 4)


class Extractor:
    """Extracts filings with one settings object and one loaded backend."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.backend = make_backend(self.settings)
        cache = ResponseCache(self.settings.response_cache_dir, self.settings.cache)
        self.caller = ModelCaller(
            self.backend,
            cache,
            self.settings.transient_retries,
            max_answer_chars=self.settings.max_answer_chars,
        )
        self.staged = StagedReader(self.caller, self.settings)

    def extract(self, source: Source) -> ExtractionResult:
        seconds: dict[str, float] = {}
        with _timed(seconds, "read"):
            raw, name = load_text(
                source, self.settings.max_input_bytes, self.settings.max_line_chars
            )
        with _timed(seconds, "clean"):
            text = clean_text(raw)
        stats = CallStats()
        unread: list[Conflict] = []
        overridden: list[Repair] = []
        origins = Origins(Origin("model", (0, len(text))))
        with _timed(seconds, "model"):
            if self.settings.method == "staged":
                filing, unread, overridden, origins = self.staged.read(text, stats)
            else:
                filing = self._ask(text, stats)
        with _timed(seconds, "validate"):
            report = validate(filing, source_text=text, repair=self.settings.repair)
        conflicts = [*unread, *report.conflicts]
        repairs = [*overridden, *report.repairs]
        with _timed(seconds, "provenance"):
            calibration = shipped_calibration()
            found = provenance(report.filing, text, origins, repairs, conflicts, calibration)
        return ExtractionResult(
            source=name,
            filing=report.filing,
            backend=self.backend.name,
            model=self.backend.model,
            usage=Usage(
                prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens
            ),
            attempts=stats.attempts,
            cached_responses=stats.cached,
            transient_retries=stats.transient_retries,
            seconds=seconds,
            conflicts=[*conflicts, *unconfident(found, calibration.threshold)],
            repairs=repairs,
            provenance=found,
        )

    def _ask(self, text: str, stats: CallStats) -> Form4Filing:
        exchange = self.caller.create_for(stats)
        create = instructor.patch(create=exchange, mode=instructor.Mode.JSON_SCHEMA)
        try:
            answer = create(
                response_model=response_model(tables_without_transactions(text)),
                messages=build_messages(text),
                max_retries=self.settings.reasks,
                strict=False,  # printed cells ("100,000(1)") are parsed by the schema itself
                max_tokens=self.settings.max_tokens,
                temperature=self.settings.temperature,
                seed=self.settings.seed,
            )
        except InstructorRetryException as error:
            cause = error.__cause__
            if isinstance(cause, Form4Error):
                raise cause from None
            raise BackendError(
                f"the model's answer did not fit the schema after {error.n_attempts} attempt(s): "
                f"{_first_line(cause or error)}"
            ) from error
        except IncompleteOutputException as error:
            raise BackendError(
                f"the model's answer was cut off at max_tokens={self.settings.max_tokens}"
            ) from error
        exchange.accept()
        # instructor hangs the raw completion on the instance; a plain copy keeps results equal
        # and serialisable whatever answered.
        return Form4Filing.model_validate(answer.model_dump())


def _first_line(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{error.error_count()} validation error(s), first at {where}: {first['msg']}"
    return one_line(error)


def default_extractor(settings: Settings | None = None) -> Extractor:
    """One extractor per distinct settings, so repeated ``extract`` calls load the model once."""
    settings = settings or load_settings()
    key = settings.model_dump_json()
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(settings)
    return _EXTRACTORS[key]


_EXTRACTORS: dict[str, Extractor] = {}


def extract_text(source: Source) -> str:
    """The cleaned text the model would see for this file or text."""
    raw, _ = load_text(source)
    return clean_text(raw)
