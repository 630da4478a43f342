"""The OpenAI-compatible path for real: the same GGUF behind llama.cpp's own HTTP server.

xllamacpp runs llama-server's code and serves it on a loopback port; form4 reaches it through
OPENAI_BASE_URL and OPENAI_API_KEY like any endpoint, with the default json_schema response
format that llama-server, vLLM, Ollama and OpenAI share.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from form4 import Extractor, Settings
from form4.extractor.model import model_file
from tests.conftest import SEEDS, requests_of

xllamacpp = pytest.importorskip("xllamacpp", reason="needs the [local] extra")
pytestmark = [pytest.mark.live, pytest.mark.server]

API_KEY = "sk-loopback"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    params = xllamacpp.CommonParams()
    params.model.path = str(model_file.model_path(Settings()))
    params.n_ctx = 8192
    params.warmup = False
    params.verbosity = -1
    params.api_keys = [API_KEY]
    server = xllamacpp.Server(params)
    yield f"{server.listening_address}/v1"
    del server


def test_openai_backend_extracts_a_seed_from_llama_server(
    base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    result = Extractor(Settings(backend="openai", model="qwen", cache="off")).extract(SEEDS[4])
    assert result.backend == "openai"
    assert result.attempts == requests_of(SEEDS[4])  # every answer fitted the first time
    assert [c for c in result.conflicts if c.rule == "extraction.unread_line"] == []
    assert result.usage.completion_tokens > 0
    assert result.filing.issuer.issuer_name


def test_the_endpoint_refuses_a_request_without_its_key(base_url: str) -> None:
    """What keeps the embedded backend's own loopback listener closed to other processes."""
    outcome = Extractor(
        Settings(backend="openai", model="qwen", cache="off", base_url=base_url, api_key="wrong")
    )
    with pytest.raises(Exception, match="AuthenticationError"):
        outcome.extract(SEEDS[4])
