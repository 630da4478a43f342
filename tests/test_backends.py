"""The embedded backend's adapter and model file, without running the model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from form4 import ModelError, Settings
from form4.errors import BackendError
from form4.extractor.model import model_file
from form4.extractor.model.backends import (
    LocalBackend,
    OpenAIBackend,
    llguidance_grammar,
    make_backend,
)
from form4.schema import Form4Filing
from tests.standins import completion

pytest.importorskip("llguidance", reason="needs the [local] extra")


def test_the_whole_schema_becomes_a_grammar_llguidance_compiles_without_warnings() -> None:
    from llguidance import LLMatcher

    grammar = llguidance_grammar(json.dumps(Form4Filing.model_json_schema()))
    assert LLMatcher.validate_grammar_with_warnings(grammar) == (False, [])  # no error, warning
    assert '"whitespace_flexible": false' in grammar


def test_a_schema_llguidance_cannot_compile_is_an_error_not_free_decoding() -> None:
    """llama.cpp's server would decode unconstrained, silently, under a grammar that failed."""
    with pytest.raises(BackendError, match="cannot be turned into a grammar"):
        llguidance_grammar(json.dumps({"type": "string", "format": "no-such-format"}))


class CapturingServer:
    def __init__(self, answer: dict[str, Any] | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.answer = answer or completion("{}").model_dump()

    def handle_chat_completions(self, body: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(body)
        return self.answer


def test_local_backend_hands_the_server_the_schema_grammar_not_openais_shape() -> None:
    backend = LocalBackend(Settings())
    backend._server = CapturingServer()
    schema = Form4Filing.model_json_schema()
    completion = backend.create(
        messages=[{"role": "user", "content": "x"}],
        response_format={"type": "json_schema", "json_schema": {"name": "F", "schema": schema}},
        max_tokens=10,
    )
    (call,) = backend._server.calls
    assert "response_format" not in call
    assert call["grammar"] == llguidance_grammar(json.dumps(schema))
    assert completion.choices[0].message.content == "{}"


def test_local_backend_hands_the_server_the_presence_penalty_of_a_retry() -> None:
    """The retry of a runaway answer is only different from the first request by its penalty."""
    backend = LocalBackend(Settings())
    backend._server = CapturingServer()
    question = [{"role": "user", "content": "x"}]
    backend.create(messages=question, max_tokens=10)
    backend.create(messages=question, max_tokens=10, presence_penalty=0.6)
    assert [call["presence_penalty"] for call in backend._server.calls] == [0.0, 0.6]
    assert "grammar" not in backend._server.calls[0]


def test_a_request_the_embedded_server_refuses_is_one_error() -> None:
    backend = LocalBackend(Settings())
    backend._server = CapturingServer(
        {"error": {"code": 400, "message": "request (9000 tokens) exceeds the context size"}}
    )
    with pytest.raises(BackendError, match="refused the request: request \\(9000 tokens\\)"):
        backend.create(messages=[{"role": "user", "content": "x"}], max_tokens=10)


def test_the_fast_suite_never_loads_the_model(tmp_path: Path) -> None:
    """A scripted test that forgot a stand-in fails here at once instead of assembling and
    running the model."""
    with pytest.raises(AssertionError, match="reached the embedded model"):
        _ = LocalBackend(Settings(cache_dir=tmp_path)).server
    assert not (tmp_path / "models").exists()


def test_openai_backend_needs_a_key_or_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FORM4_API_KEY", "FORM4_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(Exception, match="OPENAI_API_KEY"):
        make_backend(Settings(backend="openai"))
    backend = make_backend(Settings(backend="openai", base_url="http://127.0.0.1:9/v1"))
    assert isinstance(backend, OpenAIBackend)


def test_settings_read_the_standard_openai_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("OPENAI_MODEL", "qwen")
    settings = Settings(backend="openai")
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-from-env"
    assert settings.base_url == "http://127.0.0.1:8000/v1"
    assert settings.model == "qwen"
    assert "sk-from-env" not in repr(settings) + settings.model_dump_json()


def test_model_path_override(tmp_path: Path) -> None:
    gguf = tmp_path / "other.gguf"
    gguf.write_bytes(b"GGUF")
    settings = Settings(model_path=gguf)
    assert model_file.model_path(settings) == gguf
    assert model_file.model_id(settings) == "other.gguf@4"
    with pytest.raises(ModelError, match="does not exist"):
        model_file.model_path(Settings(model_path=tmp_path / "missing.gguf"))


def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunks: list[bytes]) -> None:
    paths = []
    for number, chunk in enumerate(chunks, start=1):
        path = tmp_path / "parts" / f"part{number:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(chunk)
        paths.append(path)
    monkeypatch.setattr(model_file, "_part_files", lambda: iter(paths))
    monkeypatch.setattr(model_file, "MODEL_SIZE", sum(map(len, chunks)))


def test_assembly_checks_size_and_hash_and_keeps_nothing_on_mismatch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunks = [b"GGUF" + b"a" * 10, b"b" * 7]
    fake_parts(tmp_path, monkeypatch, chunks)
    monkeypatch.setattr(model_file, "MODEL_SHA256", hashlib.sha256(b"tampered").hexdigest())
    target = tmp_path / "models" / "m.gguf"
    with pytest.raises(ModelError, match="does not match"):
        model_file.assemble(target)
    assert list(target.parent.iterdir()) == []

    monkeypatch.setattr(model_file, "MODEL_SHA256", hashlib.sha256(b"".join(chunks)).hexdigest())
    assert model_file.assemble(target).read_bytes() == b"".join(chunks)
    assert target.with_suffix(".sha256").is_file()


def test_a_missing_part_package_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_file, "PART_COUNT", 23)  # part 23 does not exist on PyPI
    with pytest.raises(ModelError, match=r"form4\[local\]"):
        list(model_file._part_files())
