"""Many filings in one run: inputs by file, folder or glob, one JSON line each, resumable.

A batch over thousands of filings runs for hours, so every input ends as one self-contained line
(its result or the reason it failed), written as soon as it is known; a run that stops is resumed
by running it again, which skips every input whose content already has a result in the output.
One bad file costs its own line, never the others.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field

from form4.errors import Form4Error, one_line
from form4.extractor.pipeline import Extractor
from form4.extractor.source import INPUTS
from form4.result import ExtractionResult


class BatchRecord(BaseModel):
    """One line of a batch's JSONL output."""

    source: str = Field(description="The input as found: a path, or a pattern matching nothing.")
    sha256: str | None = Field(description="Of the input's bytes: how a resumed run knows it.")
    result: ExtractionResult | None = None
    error: str | None = Field(default=None, description="Why there is no result, in one line.")


def expand(arguments: Iterable[str | Path]) -> tuple[list[Path], list[BatchRecord]]:
    """Files as given, the .txt and .pdf files below folders, and glob matches, each once and
    in order; an argument that names nothing becomes an error record instead of ending the run."""
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
        found.update(dict.fromkeys(matches))
    return list(found), missing


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def finished(output: Path) -> set[str]:
    """Content hashes that already have a result in ``output``; failed inputs are tried again.
    A line cut short by an interrupted write is ignored, so its input is done again."""
    done: set[str] = set()
    if not output.is_file():
        return done
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("result") and record.get("sha256"):
                done.add(record["sha256"])
    return done


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


def plan(arguments: Iterable[str | Path], skip: Collection[str] = frozenset()) -> Plan:
    paths, missing = expand(arguments)
    hashed = [(path, digest(path)) for path in paths]
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
    pool = ThreadPoolExecutor(concurrency)
    try:
        futures = [pool.submit(_one, extractor, path, sha256) for path, sha256 in batch.jobs]
        for future in as_completed(futures):
            yield future.result()
    finally:
        pool.shutdown(cancel_futures=True)  # a consumer that stops early stops the queue too


def extract_many(
    arguments: Iterable[str | Path],
    extractor: Extractor,
    concurrency: int = 1,
    skip: Collection[str] = frozenset(),
) -> Iterator[BatchRecord]:
    """Records for files, folders and globs (see :func:`expand`) as they finish, leaving out
    inputs whose content hash is in ``skip`` (e.g. :func:`finished` of an earlier output)."""
    return run(plan(arguments, skip), extractor, concurrency)


def open_output(output: Path) -> TextIO:
    """The JSONL output opened for appending, a line an interrupted run left unfinished cut off
    first, so that the next record starts on a line of its own."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.is_file():
        data = output.read_bytes()
        if data and not data.endswith(b"\n"):
            with output.open("r+b") as handle:
                handle.truncate(data.rfind(b"\n") + 1)
    return output.open("a", encoding="utf-8")
