"""The speed and accuracy benchmark: the one-shot baseline and the shipped staged method run on
the same fixtures in one process, each from a cold model, with no response cache.

The first filing of each method pays for loading the model and evaluating the fixed prompt
prefix; it is reported apart from the median of the others, which is the figure a batch of
thousands of filings sees. Times are wall seconds on this machine: compare the ratio, which
holds across machines far better than either number.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from statistics import median

from pydantic import BaseModel

from form4.evals.report import EvalReport
from form4.evals.run import Track, evaluate
from form4.extractor.pipeline import Extractor
from form4.settings import Settings

METHODS = ("one-shot", "staged")


class MethodFigures(BaseModel):
    method: str
    documents: int
    failed: int
    first_seconds: float
    median_seconds: float
    prompt_tokens: int
    completion_tokens: int
    f1: float
    precision: float
    recall: float
    wrong_unflagged: int


class Benchmark(BaseModel):
    fixtures: str
    model: str
    methods: list[MethodFigures]
    reports: dict[str, EvalReport]

    def figures(self, method: str) -> MethodFigures:
        return next(m for m in self.methods if m.method == method)


def figures(method: str, report: EvalReport) -> MethodFigures:
    seconds = [d.seconds or 0.0 for d in report.documents]
    return MethodFigures(
        method=method,
        documents=len(report.documents),
        failed=sum(d.error is not None for d in report.documents),
        first_seconds=seconds[0] if seconds else 0.0,
        median_seconds=median(seconds[1:] or seconds or [0.0]),
        prompt_tokens=sum(d.prompt_tokens or 0 for d in report.documents),
        completion_tokens=sum(d.completion_tokens or 0 for d in report.documents),
        f1=report.micro.f1,
        precision=report.micro.precision,
        recall=report.micro.recall,
        wrong_unflagged=report.trust.wrong_unflagged,
    )


def run_benchmark(
    folder: Path, settings: Settings, track: Callable[[str], Track] | None = None
) -> Benchmark:
    """Both methods on ``folder`` with ``settings`` (cache forced off), baseline first."""
    reports: dict[str, EvalReport] = {}
    for method in METHODS:
        extractor = Extractor(settings.model_copy(update={"method": method, "cache": "off"}))
        reports[method], _ = evaluate(folder, extractor, track(method) if track else iter)
    return Benchmark(
        fixtures=str(folder),
        model=reports[METHODS[0]].model,
        methods=[figures(method, reports[method]) for method in METHODS],
        reports=reports,
    )


def benchmark_table(bench: Benchmark) -> list[str]:
    """Both methods side by side, then the shipped method's cost as a share of the baseline's."""
    lines = [
        "| method | first filing s (incl. model load) | median s (model loaded) | "
        "prompt + completion tokens | micro F1 (P / R) | wrong and unflagged | failed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in bench.methods:
        lines.append(
            f"| {m.method} | {m.first_seconds:.1f} | {m.median_seconds:.1f} | "
            f"{m.prompt_tokens} + {m.completion_tokens} | {m.f1:.3f} ({m.precision:.3f} / "
            f"{m.recall:.3f}) | {m.wrong_unflagged} | {m.failed} of {m.documents} |"
        )
    base, shipped = bench.figures("one-shot"), bench.figures("staged")
    tokens = _ratio(
        shipped.prompt_tokens + shipped.completion_tokens,
        base.prompt_tokens + base.completion_tokens,
    )
    lines.append(
        f"| staged / one-shot | {_ratio(shipped.first_seconds, base.first_seconds)} | "
        f"{_ratio(shipped.median_seconds, base.median_seconds)} | "
        f"{tokens} | {shipped.f1 - base.f1:+.3f} | "
        f"{shipped.wrong_unflagged - base.wrong_unflagged:+d} | |"
    )
    return lines


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}x" if whole else "n/a"
