"""A content-addressed store of model responses, also used for the tests' recordings.

A response is stored under the SHA-256 of everything that decides it: backend, the endpoint of a
remote one, model, the messages (prompts and OCR text), the response format (the schema), the
schema version and the sampling parameters. Credentials never enter the key or the file.
Recordings of real embedded model runs are the same files in a folder of the repository,
replayed read-only. An entry that is no chat completion (a damaged file, a folder in its place)
counts as missing and is overwritten by the next answer.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from form4.errors import BackendError
from form4.extractor.model.backends import MalformedResponse, completion_from
from form4.files import write_atomic
from form4.schema import SCHEMA_VERSION
from form4.settings import CacheMode

KEY_PARAMETERS = ("messages", "response_format", "max_tokens", "temperature", "seed")
OPTIONAL_PARAMETERS = ("presence_penalty",)
"""Part of the key only when sent, so the keys of requests without them stay as they were."""


def request_key(
    backend: str, model: str, request: dict[str, Any], endpoint: str | None = None
) -> str:
    """Hash of the request's deciding parts, canonicalised so dict order cannot matter. The
    endpoint is part of it only when there is one, so the embedded model's keys (and the
    tests' recordings) stay as they were."""
    material = {
        "backend": backend,
        **({"endpoint": endpoint} if endpoint is not None else {}),
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

    def get(self, key: str) -> ChatCompletion | None:
        if self.mode in ("off", "refresh"):
            return None
        path = self._path(key)
        try:
            return completion_from(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            if self.mode == "replay":
                raise BackendError(
                    f"no recorded response for request {key[:12]} in {self.directory}; "
                    "prompts or schema changed: re-record with `form4 record`"
                ) from None
            return None
        except (OSError, ValueError, MalformedResponse) as damaged:
            if self.mode == "replay":
                raise BackendError(f"the recorded response {path} is damaged: {damaged}") from None
            return None

    def put(self, key: str, completion: ChatCompletion) -> None:
        if self.mode in ("off", "replay"):
            return
        response = completion.model_dump(mode="json", exclude_none=True)
        text = json.dumps(response, indent=1, ensure_ascii=False, sort_keys=True)
        path = self._path(key)
        if path.is_dir():  # a damaged entry: nothing but this answer belongs at this path
            shutil.rmtree(path)
        write_atomic(path, text + "\n")
