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

from form4 import Settings
from form4.extractor.model.backends import LocalBackend
from form4.extractor.model.prompt_state import SavedPrompt, state_name, worth_saving
from tests.standins import completion

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
        saved = SavedPrompt(tmp_path, address, KEY)
        assert not saved.restore("m.bin")  # nothing saved yet: the server is not even asked
        assert server.actions == []
        saved.save("m.bin")
        assert (tmp_path / "m.bin").read_bytes() == b"kv"
        assert [path.name for path in tmp_path.iterdir()] == ["m.bin"]  # no partial file left
        assert server.actions[0][1].startswith("m.bin.") and server.actions[0][1].endswith(
            ".partial"
        )
        assert SavedPrompt(tmp_path, address, KEY).restore("m.bin")
        assert server.actions[-1] == ("restore", "m.bin")


def test_a_state_the_server_cannot_read_is_deleted_so_the_next_process_saves_a_good_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "m.bin").write_bytes(b"from another runtime")
    with slot_server(tmp_path, restorable=False) as (_, address):
        assert not SavedPrompt(tmp_path, address, KEY).restore("m.bin")
    assert not (tmp_path / "m.bin").exists()


def test_a_refused_save_leaves_nothing_behind(tmp_path: Path) -> None:
    with slot_server(tmp_path) as (server, address):
        SavedPrompt(tmp_path, address, "wrong-key").save("m.bin")
    assert server.actions and list(tmp_path.iterdir()) == []


def test_a_state_is_named_for_the_model_runtime_context_and_opening_message() -> None:
    name = state_name("Qwen@cc324af070c2", "xllamacpp2026.10", 8192, "You read parts")
    assert name.startswith("Qwen-cc324af070c2-xllamacpp2026.10-ctx8192-") and name.endswith(".bin")
    assert state_name("m.gguf@1", "r", 4096, "a") != state_name("m.gguf@1", "r", 8192, "a")
    assert state_name("m.gguf@1", "r", 4096, "a") != state_name("m.gguf@1", "r", 4096, "b")


def test_only_an_answer_whose_prompt_was_mostly_evaluated_afresh_is_worth_saving() -> None:
    assert worth_saving({"cache_n": 0, "prompt_n": 1849})
    assert not worth_saving({"cache_n": 1622, "prompt_n": 270})  # restored: no need
    assert not worth_saving(None)


class TimedServer:
    def __init__(self, timings: list[dict[str, int]]) -> None:
        self.timings = timings

    def handle_chat_completions(self, body: dict[str, Any]) -> dict[str, Any]:
        return {**completion("{}").model_dump(), "timings": self.timings.pop(0)}


class Recorder(SavedPrompt):
    def __init__(self) -> None:
        super().__init__(Path("."), "http://127.0.0.1:9", KEY)
        self.actions: list[tuple[str, str]] = []

    def restore(self, name: str) -> bool:
        self.actions.append(("restore", name))
        return False

    def save(self, name: str) -> None:
        self.actions.append(("save", name))


def test_the_backend_restores_each_opening_s_prompt_and_saves_it_when_evaluated_afresh() -> None:
    """Two methods in one process: each restores the state saved for its own opening message
    when it begins, and a request is saved only when most of its prompt was evaluated."""
    backend = LocalBackend(Settings())
    backend._server = TimedServer(
        [
            {"cache_n": 0, "prompt_n": 1891},  # staged, cold: saved
            {"cache_n": 1622, "prompt_n": 60},  # staged, its prefix kept: nothing to do
            {"cache_n": 1622, "prompt_n": 270},  # one-shot, restored: nothing saved
        ]
    )
    backend._saved = recorder = Recorder()
    for opening in ("staged", "staged", "one-shot"):
        backend.create(messages=[{"role": "system", "content": opening}], max_tokens=5)
    staged, one_shot = (
        state_name(backend.model, "", backend.settings.n_ctx, opening)
        for opening in ("staged", "one-shot")
    )
    assert recorder.actions == [("restore", staged), ("save", staged), ("restore", one_shot)]
