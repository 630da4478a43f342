"""Writing outputs so that a failure or an interrupt never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from form4.errors import InputError

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # as open() would create it, not mkstemp's 0600
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def read_input(path: Path) -> bytes:
    """A file's bytes, or an error of one line naming the file and why."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
