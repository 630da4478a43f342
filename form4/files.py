"""Reading inputs within bounds, and writing outputs so that a failure or an interrupt never
leaves a half-written file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from form4.errors import InputError, OutputError
from form4.settings import MAX_INPUT_BYTES

_UMASK = os.umask(0)
os.umask(_UMASK)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def writable(path: Path) -> None:
    """Raise :class:`OutputError` unless a file can be written at ``path``: checked by creating
    one beside it, since permission bits say nothing of root, /proc or a read-only mount, and
    checked before the model is paid for an answer that could not be kept."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename it into place; an
    :class:`OutputError` of one line when the place cannot take it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # as open() would create it, not mkstemp's 0600
        os.replace(tmp, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def read_input(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` of them, or an :class:`InputError` of one
    line naming the file and why: a FIFO would block for ever and /dev/zero never ends."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(f"cannot read {path}: it is {kind}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # bounded even where st_size lies (/proc)
    except OSError as error:
        raise InputError(f"cannot read {path}: {_reason(error)}") from None
    if len(data) > max_bytes:
        raise InputError(
            f"cannot read {path}: it is larger than FORM4_MAX_INPUT_BYTES={max_bytes} bytes"
        )
    return data
