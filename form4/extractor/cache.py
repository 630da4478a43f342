"""A content-addressed store of model responses, also used for the tests' recordings.

A response is stored under the SHA-256 of everything that decides it: backend, model, the
messages (prompts and OCR text), the response format (the schema), the schema version and the
sampling parameters. Credentials never enter the key or the file. Recordings of real embedded
model runs are the same files in a folder of the repository, replayed read-only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from form4.errors import BackendError
from form4.files import write_atomic
from form4.schema import SCHEMA_VERSION
from form4.settings import CacheMode

KEY_PARAMETERS = ("messages", "response_format", "max_tokens", "temperature", "seed")
OPTIONAL_PARAMETERS = ("presence_penalty",)
"""Part of the key only when sent, so the keys of requests without them stay as they were."""


def request_key(backend: str, model: str, request: dict[str, Any]) -> str:
    """Hash of the request's deciding parts, canonicalised so dict order cannot matter."""
    material = {
        "backend": backend,
        "model": model,
        "schema_version": SCHEMA_VERSION,
        **{name: request.get(name) for name in KEY_PARAMETERS},
        **{name: request[name] for name in OPTIONAL_PARAMETERS if name in request},
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResponseCache:
    """Reads and writes one JSON file per response; writes are atomic renames."""

    def __init__(self, directory: Path, mode: CacheMode) -> None:
        self.directory = Path(directory)
        self.mode = mode

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.mode in ("off", "refresh"):
            return None
        path = self._path(key)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if self.mode == "replay":
                raise BackendError(
                    f"no recorded response for request {key[:12]} in {self.directory}; "
                    "prompts or schema changed: re-record with `form4 record`"
                ) from None
            return None
        except (OSError, json.JSONDecodeError):
            return None

    def put(self, key: str, response: dict[str, Any]) -> None:
        if self.mode in ("off", "replay"):
            return
        text = json.dumps(response, indent=1, ensure_ascii=False, sort_keys=True)
        write_atomic(self._path(key), text + "\n")
