"""The embedded model's evaluated prompt, kept on disk so that a new process starts warm.

Every staged request of every filing begins with the same fixed messages (about 1,600 tokens:
instructions and one example of each kind). A process evaluates them once and keeps them in its
slot; on 2 cores that first evaluation takes some 45 s, as long as several whole filings, and a
command that extracts one filing pays it every time. llama.cpp's server can write a slot's
evaluated tokens and their KV cache to a file and read them back in milliseconds. So a request
that had to evaluate most of its prompt afresh is saved, under the name of its opening message,
and a request whose opening message differs from the one before it (a new process, or another
method in the same one) first restores the state saved under its own. The server reuses a
restored prompt only as far as it matches the request token for token, so a stale state costs
nothing but a miss. A state holds the text of the request that was saved after the opening
messages, so it lives in form4's own cache folder beside the response cache.

The server offers these actions only on its loopback port, which the backend's drawn key
guards; they are sent there directly, never through a proxy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import urllib.request
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
ACTION_SECONDS = 120.0
"""Longest wait for a save or restore: a state is some 50 to 120 MB."""


def state_name(model_id: str, runtime: str, n_ctx: int, opening: str) -> str:
    """The file name of a saved prompt: a state is only read by the model, runtime and context
    size that wrote it (llama.cpp checks neither the model nor the size of a state file), for
    requests with its opening message."""
    digest = hashlib.sha256(opening.encode()).hexdigest()[:12]
    return _UNSAFE.sub("-", f"{model_id}-{runtime}-ctx{n_ctx}-{digest}") + ".bin"


class SavedPrompt:
    """Save and restore slot 0 of an in-process llama.cpp server in ``folder``."""

    def __init__(self, folder: Path, address: str, key: str) -> None:
        self.folder = folder
        self.address = address
        self._key = key

    def restore(self, name: str) -> bool:
        """Load the prompt saved as ``name`` into the slot, if there is one; a state the server
        cannot read is deleted, so that a good one is saved in its place."""
        if not (self.folder / name).is_file():
            return False
        if self._action("restore", name) is None:
            (self.folder / name).unlink(missing_ok=True)
            return False
        return True

    def save(self, name: str) -> None:
        """Write the slot's prompt under a temporary name, then move it into place: two
        processes saving at once never leave a half-written state for a third to read."""
        partial = f"{name}.{os.getpid()}.partial"
        if self._action("save", partial) is None:
            (self.folder / partial).unlink(missing_ok=True)
            return
        os.replace(self.folder / partial, self.folder / name)

    def _action(self, action: str, filename: str) -> dict[str, Any] | None:
        request = urllib.request.Request(
            f"{self.address}/slots/0?action={action}",
            data=json.dumps({"filename": filename}).encode(),
            headers={"Authorization": f"Bearer {self._key}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with _DIRECT.open(request, timeout=ACTION_SECONDS) as response:
                answer: dict[str, Any] = json.load(response)
        except (OSError, ValueError) as error:  # urllib's errors are OSErrors
            log.info("the model's prompt state could not be %sd: %s", action, error)
            return None
        return answer


def worth_saving(timings: dict[str, Any] | None) -> bool:
    """Whether an answer's prompt was mostly evaluated afresh rather than restored."""
    if not timings:
        return False
    return int(timings.get("cache_n", 0)) < int(timings.get("prompt_n", 0))
