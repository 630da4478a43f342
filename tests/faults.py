"""A misbehaving OpenAI-compatible endpoint on loopback, for the fault tests.

It plays a script of HTTP replies to ``POST /v1/chat/completions``, one per request, the last one
again for every further request, and keeps each request's JSON body. It binds port 0 on
127.0.0.1, answers from daemon threads and is shut down by its context manager, so a test that
fails never leaves it running; a reply's delay is how a test makes a request time out.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_REQUEST_BYTES = 10_000_000
"""What the server reads of one request body: requests bigger than this are a failure anyway."""


@dataclass(frozen=True)
class Reply:
    """One HTTP reply: a JSON body (a dict or list) or raw bytes, a status and headers."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def answer(content: str, finish: str = "stop") -> Reply:
    """A well-formed chat completion whose message is ``content``."""
    return Reply(
        {
            "id": "chatcmpl-fault",
            "object": "chat.completion",
            "created": 0,
            "model": "fault-model",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish,
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }
    )


class FaultServer:
    """The endpoint's state: the script, the requests received and when each arrived."""

    def __init__(self, script: list[Reply]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []
        self.lock = threading.Lock()
        self.url = ""

    def next_reply(self, body: bytes) -> Reply:
        with self.lock:
            self.requests.append(json.loads(body or b"{}"))
            self.arrivals.append(time.monotonic())
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 10  # a client that stops sending does not hold a thread for long

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_REQUEST_BYTES)
            reply = server.next_reply(self.rfile.read(length))
            time.sleep(reply.delay)
            raw = reply.body
            data = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
            try:
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (a timeout test): nothing to answer
                pass

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: pytest shows stderr of failing tests, and this would drown it."""

    return Handler


@contextmanager
def fault_server(script: list[Reply]) -> Iterator[FaultServer]:
    """A running server playing ``script``; its ``url`` is the base URL of the API (``/v1``)."""
    state = FaultServer(script)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
