"""The OpenAI-compatible path for real: the same GGUF behind llama-cpp-python's own server.

The server runs on loopback; form4 reaches it through OPENAI_BASE_URL like any endpoint.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from form4 import Extractor, Settings
from form4.extractor import model_file
from tests.conftest import SEEDS, requests_of

pytest.importorskip("llama_cpp.server", reason="needs the [server] extra")
pytestmark = [pytest.mark.live, pytest.mark.server]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_file.model_path(Settings())),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "8192",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("llama_cpp.server did not start")
                time.sleep(1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_openai_backend_extracts_a_seed_from_llama_cpp_server(
    base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")
    settings = Settings(
        backend="openai", model="qwen", structured_output="json_object_schema", cache="off"
    )
    result = Extractor(settings).extract(SEEDS[4])
    assert result.backend == "openai"
    assert result.attempts == requests_of(SEEDS[4])  # every answer fitted the first time
    assert [c for c in result.conflicts if c.rule == "extraction.unread_line"] == []
    assert result.usage.completion_tokens > 0
    assert result.filing.issuer.issuer_name
