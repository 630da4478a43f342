"""Many filings in one run: inputs by file, folder or glob, one JSON line each, resumable.

A batch over thousands of filings runs for hours, so every input ends as one self-contained line
(its result or the reason it failed), written as soon as it is known; a run that stops is resumed
by running it again, which skips every input whose content already has a result in the output
and tries the failed ones again, their earlier error lines replaced. One bad file costs its own
line, never the others; an output that is not such lines is refused rather than appended to.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import queue
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, Field

from form4.errors import Form4Error, InputError, OutputError, one_line
from form4.extractor.pipeline import Extractor
from form4.extractor.text.source import INPUTS
from form4.files import read_input, write_atomic
from form4.result import ExtractionResult
from form4.settings import MAX_INPUT_BYTES


class BatchRecord(BaseModel):
    """One line of a batch's JSONL output."""

    source: str = Field(description="The input as found: a path, or a pattern matching nothing.")
    sha256: str | None = Field(description="Of the input's bytes: how a resumed run knows it.")
    result: ExtractionResult | None = None
    error: str | None = Field(default=None, description="Why there is no result, in one line.")


def expand(
    arguments: Iterable[str | Path], output: Path | None = None
) -> tuple[list[Path], list[BatchRecord]]:
    """Files as given, the .txt and .pdf files below folders, and glob matches, each once and
    in order, never the ``output`` itself (it may sit among the inputs); an argument that names
    nothing becomes an error record instead of ending the run."""
    found: dict[Path, None] = {}
    missing: list[BatchRecord] = []
    for argument in map(str, arguments):
        path = Path(argument)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.suffix in INPUTS and p.is_file())
        elif path.exists():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
            matches = [p for p in matches if p.is_file()]
        if not matches:
            missing.append(BatchRecord(source=argument, sha256=None, error="no such file"))
        found.update(dict.fromkeys(p for p in matches if not _same_file(p, output)))
    return list(found), missing


def _same_file(path: Path, other: Path | None) -> bool:
    try:
        return other is not None and other.exists() and os.path.samefile(path, other)
    except OSError:
        return False


def digest(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> str | None:
    """The SHA-256 of a regular file of bounded size; None for anything else (a FIFO, a device,
    a huge file), whose extraction then says why it cannot be read."""
    try:
        return hashlib.sha256(read_input(path, max_bytes)).hexdigest()
    except InputError:
        return None


def _lines(output: Path) -> list[tuple[str, dict[str, Any] | None]]:
    """The output's lines with their records; None for a blank line or a last line cut short
    by a crash. An existing file with any other line that is not a record is no batch output of
    form4, and is refused: appending to it (and cutting its last line) would damage a file."""
    if not output.exists():
        return []
    if not output.is_file():
        raise OutputError(f"cannot use {output} as the batch output: it is not a regular file")
    try:
        with output.open(encoding="utf-8", newline="") as handle:
            lines = handle.readlines()
    except (OSError, UnicodeDecodeError) as error:
        raise OutputError(f"cannot read the batch output {output}: {one_line(error)}") from None
    parsed: list[tuple[str, dict[str, Any] | None]] = []
    for number, line in enumerate(lines, 1):
        record = _record(line) if line.endswith("\n") else None
        if record is None and line.strip() and line.endswith("\n"):
            raise OutputError(
                f"{output} is not a form4 batch output (line {number} is no JSON record); "
                "give -o a new or earlier output file"
            )
        parsed.append((line, record))
    return parsed


def _record(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    is_record = isinstance(record, dict) and "source" in record
    return record if is_record and ("result" in record or "error" in record) else None


def finished(output: Path) -> set[str]:
    """Content hashes that already have a result in ``output``; failed inputs are tried again.
    A line cut short by an interrupted write is ignored, so its input is done again."""
    return {
        record["sha256"]
        for _, record in _lines(output)
        if record and record.get("result") and record.get("sha256")
    }


def _one(extractor: Extractor, path: Path, sha256: str | None) -> BatchRecord:
    try:
        result = extractor.extract(path)
    except Form4Error as error:
        return BatchRecord(source=str(path), sha256=sha256, error=one_line(error))
    return BatchRecord(source=str(path), sha256=sha256, result=result)


@dataclass(frozen=True)
class Plan:
    """What a batch will do: the inputs to extract (with their hashes), the arguments that named
    nothing, and how many inputs an earlier run already did."""

    jobs: list[tuple[Path, str | None]]
    missing: list[BatchRecord]
    skipped: int

    def sources(self) -> set[str]:
        """The paths and hashes this plan writes a line for."""
        named = {str(path) for path, _ in self.jobs} | {r.source for r in self.missing}
        return named | {sha256 for _, sha256 in self.jobs if sha256}


def plan(
    arguments: Iterable[str | Path],
    skip: Collection[str] = frozenset(),
    output: Path | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Plan:
    paths, missing = expand(arguments, output)
    hashed = [(path, digest(path, max_bytes)) for path in paths]
    jobs = [(path, sha256) for path, sha256 in hashed if sha256 not in skip]
    return Plan(jobs, missing, len(hashed) - len(jobs))


def run(batch: Plan, extractor: Extractor, concurrency: int = 1) -> Iterator[BatchRecord]:
    """Records as inputs finish. The embedded model runs one filing at a time, in order (llama.cpp
    holds one context and already uses every core); a remote endpoint gets up to ``concurrency``
    requests at once, each with the caller's backoff on 429s and 5xx."""
    yield from batch.missing
    if concurrency <= 1 or extractor.backend.name == "local":
        for path, sha256 in batch.jobs:
            yield _one(extractor, path, sha256)
        return
    yield from _concurrently(batch.jobs, extractor, concurrency)


_POLL_SECONDS = 0.2
"""How often the consumer's wait for a record wakes, so Ctrl-C is seen at once on any platform."""


def _concurrently(
    jobs: list[tuple[Path, str | None]], extractor: Extractor, concurrency: int
) -> Iterator[BatchRecord]:
    """Records as the workers finish them. The workers are daemon threads that take no new
    input once the consumer stops (Ctrl-C, or an early break): a pool's threads would be
    joined at exit, so an interrupted batch would wait out every request in flight and all
    its retries."""
    todo: queue.SimpleQueue[tuple[Path, str | None]] = queue.SimpleQueue()
    for job in jobs:
        todo.put(job)
    done: queue.SimpleQueue[BatchRecord | BaseException] = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            try:
                path, sha256 = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put(_one(extractor, path, sha256))
            except BaseException as error:  # a bug: raised in the consumer, not lost here
                done.put(error)

    for _ in range(min(concurrency, len(jobs))):
        threading.Thread(target=work, daemon=True).start()
    try:
        for _ in jobs:
            while True:
                try:
                    outcome = done.get(timeout=_POLL_SECONDS)
                    break
                except queue.Empty:
                    continue
            if isinstance(outcome, BaseException):
                raise outcome
            yield outcome
    finally:
        stop.set()


def extract_many(
    arguments: Iterable[str | Path],
    extractor: Extractor,
    concurrency: int = 1,
    skip: Collection[str] = frozenset(),
) -> Iterator[BatchRecord]:
    """Records for files, folders and globs (see :func:`expand`) as they finish, leaving out
    inputs whose content hash is in ``skip`` (e.g. :func:`finished` of an earlier output)."""
    batch = plan(arguments, skip, max_bytes=extractor.settings.max_input_bytes)
    return run(batch, extractor, concurrency)


def open_output(output: Path, redo: Plan | None = None) -> TextIO:
    """The JSONL output opened for appending. A line an interrupted run left unfinished is cut
    off first, so that the next record starts on a line of its own, and so are the error lines
    of inputs that ``redo`` tries again or that have a result since, so that no input ends with
    two lines."""
    lines = _lines(output)
    succeeded = {record.get("sha256") for _, record in lines if record and record.get("result")}
    again = (set() if redo is None else redo.sources()) | {sha for sha in succeeded if sha}
    kept = [
        line
        for line, record in lines
        if record is not None and not (record.get("error") and _key(record) & again)
    ]
    if len(kept) < len(lines):
        write_atomic(output, "".join(kept))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return output.open("a", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None


def _key(record: dict[str, Any]) -> set[str]:
    return {str(value) for value in (record.get("source"), record.get("sha256")) if value}
