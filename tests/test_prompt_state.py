"""The embedded model's saved prompt, against a stand-in of llama.cpp's slot actions on loopback.

The stand-in does what the server does with ``POST /slots/0?action=save|restore``: it writes or
reads the named file in its slot folder, and refuses a request without the drawn key.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from form4 import Settings
from form4.extractor.model.backends import LocalBackend
from form4.extractor.model.prompt_state import SavedPrompt, state_name, worth_saving

KEY = "drawn-key"


class SlotServer:
    def __init__(self, folder: Path, *, restorable: bool = True) -> None:
        self.folder = folder
        self.restorable = restorable
        self.actions: list[tuple[str, str]] = []


@contextmanager
def slot_server(folder: Path, *, restorable: bool = True) -> Iterator[tuple[SlotServer, str]]:
    state = SlotServer(folder, restorable=restorable)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            action = self.path.rsplit("action=", 1)[-1]
            state.actions.append((action, body["filename"]))
            target = state.folder / body["filename"]
            if self.headers.get("Authorization") != f"Bearer {KEY}":
                self._reply(401, {"error": "invalid api key"})
            elif action == "save":
                target.write_bytes(b"kv")
                self._reply(200, {"n_saved": 2})
            elif target.is_file() and state.restorable:
                self._reply(200, {"n_restored": 2})
            else:
                self._reply(400, {"error": "failed to restore slot"})

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_saved_prompt_is_moved_into_place_whole_and_restored_by_the_next_process(
    tmp_path: Path,
) -> None:
    with slot_server(tmp_path) as (server, address):
        saved = SavedPrompt(tmp_path, "m.bin", address, KEY)
        assert not saved.restore()  # nothing saved yet: the server is not even asked
        assert server.actions == []
        saved.save()
        assert saved.path.read_bytes() == b"kv"
        assert [path.name for path in tmp_path.iterdir()] == ["m.bin"]  # no partial file left
        assert server.actions[0][1].startswith("m.bin.") and server.actions[0][1].endswith(
            ".partial"
        )
        assert SavedPrompt(tmp_path, "m.bin", address, KEY).restore()
        assert server.actions[-1] == ("restore", "m.bin")


def test_a_state_the_server_cannot_read_is_deleted_so_the_next_process_saves_a_good_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "m.bin").write_bytes(b"from another runtime")
    with slot_server(tmp_path, restorable=False) as (_, address):
        assert not SavedPrompt(tmp_path, "m.bin", address, KEY).restore()
    assert not (tmp_path / "m.bin").exists()


def test_a_refused_save_leaves_nothing_behind(tmp_path: Path) -> None:
    with slot_server(tmp_path) as (server, address):
        SavedPrompt(tmp_path, "m.bin", address, "wrong-key").save()
    assert server.actions and list(tmp_path.iterdir()) == []


def test_a_state_is_named_for_the_model_runtime_and_context_that_wrote_it() -> None:
    name = state_name("Qwen@cc324af070c2", "xllamacpp2026.10", 8192)
    assert name == "Qwen-cc324af070c2-xllamacpp2026.10-ctx8192.bin"
    assert state_name("m.gguf@1", "r", 4096) != state_name("m.gguf@1", "r", 8192)


def test_only_an_answer_whose_prompt_was_mostly_evaluated_afresh_is_worth_saving() -> None:
    assert worth_saving({"cache_n": 0, "prompt_n": 1849})
    assert not worth_saving({"cache_n": 1622, "prompt_n": 270})  # restored: no need
    assert not worth_saving(None)


class TimedServer:
    def __init__(self, timings: list[dict[str, int]]) -> None:
        self.timings = timings

    def handle_chat_completions(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": "c",
            "object": "chat.completion",
            "created": 0,
            "model": "m.gguf",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "{}"},
                }
            ],
            "timings": self.timings.pop(0),
        }


class Recorder(SavedPrompt):
    def __init__(self) -> None:
        super().__init__(Path("."), "m.bin", "http://127.0.0.1:9", KEY)
        self.saves = 0

    def save(self) -> None:
        self.saves += 1


@pytest.mark.parametrize(
    ("first", "saves"),
    [({"cache_n": 0, "prompt_n": 1891}, 1), ({"cache_n": 1622, "prompt_n": 270}, 0)],
    ids=["cold start", "restored"],
)
def test_the_backend_saves_its_prompt_after_a_cold_first_answer_only(
    first: dict[str, int], saves: int
) -> None:
    backend = LocalBackend(Settings())
    backend._server = TimedServer([first, {"cache_n": 0, "prompt_n": 900}])
    backend._saved = recorder = Recorder()
    for _ in range(2):
        backend.create(messages=[{"role": "user", "content": "x"}], max_tokens=5)
    assert recorder.saves == saves
