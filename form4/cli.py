"""The ``form4`` command line: one-line errors and exit code 1 on bad input, results on stdout."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, ProgressColumn, Task, track
from rich.table import Table
from rich.text import Text

from form4.batch import finished, open_output, plan, run
from form4.edgar_xml import from_xml, to_xml
from form4.errors import Form4Error, InputError, one_line
from form4.evals.benchmark import benchmark_table, run_benchmark
from form4.evals.calibration import fit, measured_on
from form4.evals.html import to_html
from form4.evals.report import EvalReport, deltas, documents_table, headline, to_markdown
from form4.evals.run import evaluate, fixtures, in_subset, subsets
from form4.extractor.pipeline import Extractor
from form4.files import read_input, writable, write_atomic
from form4.result import Conflict, ExtractionResult
from form4.settings import Settings, load_settings
from form4.synthetic.halves import Split
from form4.synthetic.noise import NoiseLevel
from form4.validators import RULES, ValidationReport, validate

if TYPE_CHECKING:  # the imaging libraries are an optional extra, imported only to make fixtures
    from form4.synthetic.making import CerRange

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


class ReportFormat(StrEnum):
    json = "json"
    text = "text"


class BackendName(StrEnum):
    local = "local"
    openai = "openai"


BackendOption = Annotated[
    BackendName | None, typer.Option(help="local (embedded, default) or openai.")
]
ModelOption = Annotated[
    str | None, typer.Option(help="Model name for the openai backend (or OPENAI_MODEL).")
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Ask the model afresh.")]


class MethodName(StrEnum):
    staged = "staged"
    one_shot = "one-shot"


MethodOption = Annotated[
    MethodName | None,
    typer.Option(help="staged (default): patterns plus short model requests; one-shot: one call."),
]


def fail(message: str) -> None:
    """Print one line to stderr and exit 1: scripts read the code, people read the line."""
    stderr.print(f"form4: error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1)


INTERRUPTED = 130
"""The exit code of a run stopped by Ctrl-C, as shells report a process ended by SIGINT."""


def interrupted(message: str) -> None:
    stderr.print(f"form4: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(INTERRUPTED)


def guarded(action: Callable[[], T]) -> T:
    try:
        return action()
    except Form4Error as error:
        fail(one_line(error))
    except KeyboardInterrupt:
        interrupted("interrupted")
    raise AssertionError("unreachable")


def emit(text: str) -> None:
    """Write to stdout; a full disk or a closed pipe is one line and exit 1."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        _drop_stdout()
        fail(f"cannot write to stdout: {error.strerror or error}")


def _drop_stdout() -> None:
    """Point stdout at /dev/null, or Python flushes the same buffer again at exit and prints
    the traceback this spares."""
    with suppress(OSError, ValueError):  # no file descriptor: a test's captured stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def render(result: ExtractionResult, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.xml:
        return to_xml(result.filing)
    return result.model_dump_json(by_alias=True, exclude_none=True, indent=2) + "\n"


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="A .txt (OCR text) or .pdf (with a text layer); or many: files, folders, globs.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json: the result; xml: EDGAR XML.")
    ] = OutputFormat.json,
    backend: BackendOption = None,
    model: ModelOption = None,
    method: MethodOption = None,
    no_cache: NoCacheOption = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout (a batch appends)."),
    ] = None,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Requests at once to an OpenAI-compatible endpoint.")
    ] = 4,
) -> None:
    """Extract one filing as JSON or EDGAR XML; or many, as one JSON line per input, resumable."""
    settings = _settings(backend, model, no_cache, method)
    (first, *more) = inputs
    batch = more or Path(first).is_dir() or any(c in first for c in "*?[")
    if batch or (output is not None and output.suffix == ".jsonl"):
        if fmt is OutputFormat.xml:
            fail("--format xml takes one file; many are written as JSON lines")
        _extract_batch(inputs, settings, output, concurrency)
        return
    file = Path(first)
    if output is not None:
        guarded(lambda: writable(output))

    def one() -> ExtractionResult:
        extractor = Extractor(settings)
        with stderr.status(f"Extracting {file.name} with the {extractor.backend.name} model..."):
            return extractor.extract(file)

    result = guarded(one)
    text = render(result, fmt)
    if output is None:
        emit(text)
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
    summarize(file.name, result.conflicts)


class _SecondsPerItem(ProgressColumn):
    """Filings take seconds each, so the rate reads better as seconds per filing."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{1 / speed:.1f} s/filing" if speed else "", style="progress.data.speed")


def _extract_batch(
    arguments: list[str], settings: Settings, output: Path | None, concurrency: int
) -> None:
    """JSON lines to ``output`` (appended, so a stopped run resumes) or stdout; exit 1 when any
    input failed, after every other one is done."""
    limit = settings.max_input_bytes
    work = guarded(lambda: plan(arguments, finished(output) if output else (), output, limit))
    if work.skipped:
        stderr.print(f"form4: {work.skipped} input(s) already done in {output}", markup=False)
    extractor = guarded(lambda: Extractor(settings))
    sink = guarded(lambda: open_output(output, work)) if output else sys.stdout
    done = failed = 0
    columns = (*Progress.get_default_columns(), MofNCompleteColumn(), _SecondsPerItem())
    try:
        with Progress(*columns, console=stderr, transient=True) as progress:
            task = progress.add_task("Extracting", total=len(work.jobs) + len(work.missing))
            for record in run(work, extractor, concurrency):
                sink.write(record.model_dump_json(by_alias=True, exclude_none=True) + "\n")
                sink.flush()
                done += 1
                if record.error is not None:
                    failed += 1
                    stderr.print(f"form4: {record.source}: {record.error}", markup=False)
                progress.advance(task)
    except KeyboardInterrupt:
        interrupted(f"interrupted after {done} input(s); run the same command again to resume")
    except OSError as error:
        if sink is sys.stdout:
            _drop_stdout()
        fail(f"cannot write {output or 'to stdout'}: {error.strerror or error}")
    finally:
        if sink is not sys.stdout:
            with suppress(OSError):  # what a full disk refused is refused again: said above
                sink.close()
    stderr.print(f"form4: {done} input(s), {failed} failed", markup=False)
    if failed:
        raise typer.Exit(1)


def _settings(
    backend: BackendName | None,
    model: str | None,
    no_cache: bool,
    method: MethodName | None = None,
) -> Settings:
    """Options override the environment, so FORM4_* (a replay cache, say) still applies."""
    overrides: dict[str, object] = {}
    if method is not None:
        overrides["method"] = method.value
    if backend is not None:
        overrides["backend"] = backend.value
    if model is not None:
        overrides["model"] = model
    if no_cache:
        overrides["cache"] = "off"
    return guarded(lambda: load_settings(**overrides))


def summarize(name: str, conflicts: list[Conflict]) -> None:
    """One stderr line per conflict, worst first, so a person sees at once what to look at."""
    order = {"error": 0, "warning": 1, "info": 2}
    for conflict in sorted(conflicts, key=lambda c: order[c.severity]):
        stderr.print(
            f"form4: {name}: {conflict.severity}: {conflict.rule}: {conflict.message}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def render_report(report: ValidationReport, fmt: ReportFormat) -> str:
    if fmt is ReportFormat.json:
        data = report.model_dump(mode="json", include={"status", "conflicts", "repairs"})
        return json.dumps(data, indent=2) + "\n"
    lines = [f"status: {report.status}"]
    lines += [
        f"{c.severity}: {c.rule}: {c.message} [{', '.join(c.fields)}]" for c in report.conflicts
    ]
    lines += [
        f"repaired: {r.rule}: {r.field}: {r.old!r} -> {r.new!r} ({r.reason})"
        for r in report.repairs
    ]
    return "\n".join(lines) + "\n"


@app.command("validate")
def validate_command(
    file: Annotated[Path, typer.Argument(help="An EDGAR ownershipDocument XML file.")],
    source: Annotated[
        Path | None, typer.Option(help="The OCR text it was read from, to check grounding.")
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="json (default) or text.")
    ] = ReportFormat.json,
    repair: Annotated[
        bool, typer.Option(help="Fill values the rules determine beyond doubt.")
    ] = True,
) -> None:
    """Check a filing against every rule; exit 0 when ok, 2 when it needs review."""

    def run() -> ValidationReport:
        limit = load_settings().max_input_bytes
        filing = from_xml(read_input(file, limit))
        text = read_input(source, limit).decode("utf-8", errors="replace") if source else None
        return validate(filing, source_text=text, repair=repair)

    report = guarded(run)
    emit(render_report(report, fmt))
    if report.status != "ok":
        raise typer.Exit(2)


@app.command("rules")
def list_rules() -> None:
    """List every validation rule with its id, severity and what it checks."""
    table = Table("rule", "severity", "checks")
    for each in RULES.values():
        table.add_row(each.id, each.severity, each.doc)
    Console().print(table)


def _track(verb: str) -> Callable[[Sequence[Path]], Iterable[Path]]:
    """A progress bar with rate and time left on stderr; stdout stays for the report."""
    return lambda paths: track(paths, description=verb, console=stderr, transient=True)


@app.command()
def record(
    fixtures_dir: Annotated[
        Path, typer.Argument(help="Folder of NAME.txt / NAME.pdf inputs with gold NAME.xml.")
    ] = Path("tests/fixtures/seeds"),
    out: Annotated[Path, typer.Option(help="Folder of the recordings.")] = Path("tests/recordings"),
) -> None:
    """Re-record the tests' model responses from real runs of the embedded model, with the
    evaluation of that run (report.json, report.md: the live figures) beside them."""
    if not fixtures_dir.is_dir() or not fixtures(fixtures_dir):
        fail(f"no .txt or .pdf inputs with a gold .xml in {fixtures_dir}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".recording-", dir=out.parent))
    try:
        settings = guarded(
            lambda: load_settings(backend="local", cache="refresh", responses_dir=staging)
        )
        extractor = Extractor(settings)
        report, _ = guarded(lambda: evaluate(fixtures_dir, extractor, _track("Recording")))
        write_atomic(staging / "report.json", report.model_dump_json(indent=2) + "\n")
        write_atomic(staging / "report.md", to_markdown(report))
        shutil.rmtree(out, ignore_errors=True)
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _print_summary(report, None)
    emit("\n".join(documents_table(report)) + "\n")


@app.command()
def calibrate(
    reports: Annotated[
        list[Path], typer.Argument(help="report.json files of form4 eval on labelled filings.")
    ],
    out: Annotated[Path, typer.Option(help="Where to write the calibration.")] = Path(
        "form4/extractor/assembly/calibration.json"
    ),
) -> None:
    """Measure what each combination of a value's signals is worth (its share of right values)
    and the confidence every value needs for ok, on evaluations of labelled filings (the real
    corpus's dev half: `form4 eval tests/fixtures/real --subset dev`)."""
    read = guarded(lambda: [_read_report(path) for path in reports])
    calibration, chosen = fit(read, "; ".join(map(measured_on, read)))
    guarded(lambda: write_atomic(out, calibration.model_dump_json(indent=1) + "\n"))
    emit("\n".join(f"{name}: {value:g}" for name, value in chosen.items()) + "\n")


@app.command()
def benchmark(
    fixtures_dir: Annotated[
        Path, typer.Argument(help="Folder of NAME.txt / NAME.pdf inputs with gold NAME.xml.")
    ] = Path("tests/fixtures/seeds"),
    backend: BackendOption = None,
    model: ModelOption = None,
    out: Annotated[
        Path | None, typer.Option(help="Also write the figures and both reports as JSON here.")
    ] = None,
) -> None:
    """Time and score the one-shot baseline and the staged method on the same fixtures, no
    cache, and print both side by side with the staged method's cost as a ratio."""
    if not fixtures_dir.is_dir() or not fixtures(fixtures_dir):
        fail(f"no .txt or .pdf inputs with a gold .xml in {fixtures_dir}")
    settings = _settings(backend, model, no_cache=True)
    if out is not None:
        guarded(lambda: writable(out))
    bench = guarded(lambda: run_benchmark(fixtures_dir, settings, lambda m: _track(m)))
    if out is not None:
        guarded(lambda: write_atomic(out, bench.model_dump_json(indent=2) + "\n"))
    emit("\n".join(benchmark_table(bench)) + "\n")


@app.command("eval")
def eval_command(
    fixtures_dir: Annotated[
        Path, typer.Argument(help="Folder of NAME.txt / NAME.pdf inputs with gold NAME.xml.")
    ],
    backend: BackendOption = None,
    model: ModelOption = None,
    method: MethodOption = None,
    no_cache: NoCacheOption = False,
    out: Annotated[
        Path, typer.Option(help="Folder for the predictions and report.json, .md and .html.")
    ] = Path("eval-out"),
    as_json: Annotated[bool, typer.Option("--json", help="Print report.json to stdout.")] = False,
    baseline: Annotated[
        Path | None, typer.Option(help="An earlier report.json to compare with.")
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Exit 1 when micro F1 falls by more than this.")
    ] = 0.01,
    subset: Annotated[
        str | None,
        typer.Option(help="Only the fixtures of this subset of the manifest (test, dev, heavy)."),
    ] = None,
) -> None:
    """Score extraction against gold EDGAR files: accuracy, what the validators caught, cost."""
    if not fixtures_dir.is_dir() or not fixtures(fixtures_dir):
        fail(f"no .txt or .pdf inputs with a gold .xml in {fixtures_dir}")
    labels = subsets(fixtures_dir)
    if subset is not None and not any(
        in_subset(labels, path, subset) for path in fixtures(fixtures_dir)
    ):
        fail(f"no fixture of subset {subset!r} in {fixtures_dir}'s manifest.json")
    before = guarded(lambda: _read_report(baseline)) if baseline is not None else None
    guarded(lambda: writable(out / "report.json"))
    extractor = guarded(lambda: Extractor(_settings(backend, model, no_cache, method)))
    verb = f"Evaluating with the {extractor.backend.name} model"
    report, predictions = guarded(lambda: evaluate(fixtures_dir, extractor, _track(verb), subset))
    changes = deltas(report, before) if before is not None else None

    def write() -> None:
        for name, xml in predictions.items():
            write_atomic(out / f"{name}.xml", xml)
        write_atomic(out / "report.json", report.model_dump_json(indent=2) + "\n")
        write_atomic(out / "report.md", to_markdown(report, changes))
        write_atomic(out / "report.html", to_html(report, changes))

    guarded(write)
    if as_json:
        emit(report.model_dump_json(indent=2) + "\n")
    else:
        _print_summary(report, changes)
    failed = [document for document in report.documents if document.error]
    for document in failed:
        stderr.print(f"form4: {document.name}: {document.error}", markup=False)
    if failed and len(failed) == len(report.documents):
        fail(f"every extraction failed ({len(failed)} of {len(failed)}); the report is in {out}")
    if changes is not None and changes["micro F1"] < -threshold:
        fail(f"micro F1 fell by {-changes['micro F1']:g}, more than {threshold:g}")


def _read_report(path: Path) -> EvalReport:
    try:
        return EvalReport.model_validate_json(read_input(path))
    except ValueError as error:
        raise InputError(f"{path} is not a form4 eval report.json") from error


def _print_summary(report: EvalReport, changes: dict[str, float] | None) -> None:
    table = Table("figure", "value", *(["change"] if changes else []))
    for name, value in headline(report).items():
        table.add_row(name, f"{value:g}", *([f"{changes[name]:+g}"] if changes else []))
    Console().print(table)


fixtures_app = typer.Typer(
    no_args_is_help=True, help="Labelled fixtures: filings drawn, printed, scanned and OCR'd."
)
app.add_typer(fixtures_app, name="fixtures")


@fixtures_app.command("make")
def make_fixtures(
    n: Annotated[int, typer.Option("--n", min=1, help="How many fixtures.")] = 60,
    seed: Annotated[int, typer.Option(help="Same seed, same corpus.")] = 0,
    out: Annotated[Path, typer.Option(help="Folder to write them to.")] = Path("fixtures"),
    noise: Annotated[
        NoiseLevel | None, typer.Option(help="One noise level for all; default: each in turn.")
    ] = None,
    defects: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Share of fixtures with one injected defect.")
    ] = 0.2,
    jobs: Annotated[
        int | None, typer.Option(min=1, help="Worker processes; default: one per core.")
    ] = None,
) -> None:
    """Write NAME.txt (OCR), NAME.pdf, NAME.xml (gold), NAME.expect.json (defects) and a
    manifest with each OCR's character error rate."""
    try:
        from form4.synthetic.corpus import make_corpus
    except ImportError as error:
        fail(f"{error.name} is missing: pip install 'form4[fixtures]'")

    manifest = guarded(lambda: make_corpus(out, n, seed, noise, defects, jobs, _progress))
    _print_cer(manifest.cer_by_noise)
    stderr.print(
        f"form4: {manifest.n} fixtures ({manifest.defects} with a defect) in {out}", markup=False
    )


class PageSegmentation(StrEnum):
    column = "4"
    block = "6"


@fixtures_app.command("print")
def print_fixtures(
    golds: Annotated[
        list[Path],
        typer.Argument(
            help="EDGAR ownershipDocument XML files, the gold labels.", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option(help="Folder to write them to.")] = Path("fixtures"),
    noise: Annotated[
        NoiseLevel | None, typer.Option(help="One noise level for all; default: spread by seed.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same scans and levels.")] = 0,
    psm: Annotated[
        PageSegmentation | None,
        typer.Option(help="Tesseract's page segmentation mode; default: 4 and 6 spread by seed."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option(min=1, help="Worker processes; default: one per core.")
    ] = None,
    half: Annotated[
        Split | None, typer.Option(help="Only the filings of this half of the split.")
    ] = None,
) -> None:
    """Print real filings as the SEC renders them, scan and OCR them: NAME.txt (OCR), NAME.pdf,
    NAME.xml (the gold file as filed) and a manifest with error rates and a dev/test split."""
    try:
        from form4.synthetic.real import make_real_corpus
    except ImportError as error:
        fail(f"{error.name} is missing: pip install 'form4[fixtures]'")
    mode = None if psm is None else int(psm.value)
    manifest = guarded(
        lambda: make_real_corpus(out, golds, seed, noise, mode, jobs, _progress, half)
    )
    _print_cer(manifest.cer_by_noise)
    halves = ", ".join(
        f"{split} {size.filings} ({size.issuers} issuers)"
        for split, size in manifest.splits.items()
    )
    stderr.print(f"form4: {manifest.n} fixtures in {out}: {halves}", markup=False)


def _progress(records: Iterable[T], total: int) -> Iterable[T]:
    return track(records, total=total, description="Making fixtures", console=stderr)


def _print_cer(ranges: Mapping[NoiseLevel, CerRange]) -> None:
    table = Table("noise", "fixtures", "CER min", "median", "max")
    for level, cer in ranges.items():
        table.add_row(
            level, str(cer.fixtures), f"{cer.min:.4f}", f"{cer.median:.4f}", f"{cer.max:.4f}"
        )
    Console().print(table)
