"""The ``form4`` command line: one-line errors and exit code 1 on bad input, results on stdout."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from form4.edgar_xml import from_xml, to_xml
from form4.errors import Form4Error
from form4.evals.values import count_matches
from form4.extractor.pipeline import Extractor
from form4.result import ExtractionResult
from form4.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn OCR text and PDFs of SEC Form 4 filings into strict, validated data.",
)
stderr = Console(stderr=True)
T = TypeVar("T")


class OutputFormat(StrEnum):
    json = "json"
    xml = "xml"


class BackendName(StrEnum):
    local = "local"
    openai = "openai"


def fail(message: str) -> None:
    """Print one line to stderr and exit 1: scripts read the code, people read the line."""
    stderr.print(f"form4: error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def guarded(action: Callable[[], T]) -> T:
    try:
        return action()
    except Form4Error as error:
        fail(str(error).splitlines()[0] if str(error) else type(error).__name__)
    except KeyboardInterrupt:
        fail("interrupted")
    raise AssertionError("unreachable")


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file so a failure never leaves a half-written output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def render(result: ExtractionResult, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.xml:
        return to_xml(result.filing)
    return result.model_dump_json(by_alias=True, exclude_none=True, indent=2) + "\n"


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt (OCR text) or .pdf (with a text layer).")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json: the result; xml: EDGAR XML.")
    ] = OutputFormat.json,
    backend: Annotated[
        BackendName | None, typer.Option(help="local (embedded, default) or openai.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="Model name for the openai backend (or OPENAI_MODEL).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ask the model afresh.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Extract one filing and print it as JSON (default) or as an EDGAR ownershipDocument."""
    overrides: dict[str, object] = {}
    if backend is not None:
        overrides["backend"] = backend.value
    if model is not None:
        overrides["model"] = model
    if no_cache:
        overrides["cache"] = "off"

    def run() -> ExtractionResult:
        extractor = Extractor(Settings(**overrides))
        with stderr.status(f"Extracting {file.name} with the {extractor.backend.name} model..."):
            return extractor.extract(file)

    result = guarded(run)
    text = render(result, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        guarded(lambda: write_atomic(output, text))
    stderr.print(
        f"form4: {file.name}: {result.seconds['model']:.1f} s model time, "
        f"{result.attempts} attempt(s), {result.usage.prompt_tokens} prompt + "
        f"{result.usage.completion_tokens} completion tokens"
        f"{' (cached)' if result.cached_responses == result.attempts else ''}",
        markup=False,
        highlight=False,
    )


@app.command()
def record(
    fixtures: Annotated[Path, typer.Argument(help="Folder of NAME.txt / NAME.pdf inputs.")] = Path(
        "tests/fixtures/seeds"
    ),
    out: Annotated[Path, typer.Option(help="Folder of the recordings.")] = Path("tests/recordings"),
) -> None:
    """Re-record the tests' model responses from real runs of the embedded model."""
    inputs = sorted(p for p in fixtures.iterdir() if p.suffix in (".txt", ".pdf"))
    if not inputs:
        fail(f"no .txt or .pdf inputs in {fixtures}")
    staging = Path(tempfile.mkdtemp(prefix=".recording-", dir=out.parent))
    try:
        extractor = Extractor(Settings(backend="local", cache="refresh", responses_dir=staging))
        for path in inputs:
            with stderr.status(f"Recording {path.name}..."):
                result = guarded(lambda p=path: extractor.extract(p))
            gold = path.with_suffix(".xml")
            matched = ""
            if gold.is_file():
                found, total = count_matches(result.filing, from_xml(gold.read_bytes()))
                matched = f", {found}/{total} gold values"
            stderr.print(
                f"{path.name}: {result.seconds['model']:.1f} s, {result.attempts} attempt(s), "
                f"{result.usage.prompt_tokens}+{result.usage.completion_tokens} tokens{matched}",
                markup=False,
            )
        shutil.rmtree(out, ignore_errors=True)
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
