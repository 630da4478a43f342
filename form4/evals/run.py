"""Run an extractor over a folder of gold filings and score every prediction.

A fixture is an input (NAME.txt or NAME.pdf) next to its gold EDGAR file (NAME.xml). An
extraction that fails is scored as predicting nothing and its error kept in the report, so one
bad fixture lowers the figures instead of hiding every other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from form4.edgar_xml import from_xml, to_xml
from form4.errors import Form4Error, one_line
from form4.evals.expected import expected_defect
from form4.evals.report import DocumentReport, EvalReport, build_report, document_report
from form4.evals.scoring import score_filing
from form4.extractor.pipeline import Extractor, extract_text
from form4.extractor.text.source import INPUTS
from form4.result import ExtractionResult

MANIFEST = "manifest.json"


def fixtures(folder: Path) -> list[Path]:
    """Inputs with a gold file; NAME.txt wins over NAME.pdf, as the cleaner text of the two."""
    found: dict[str, Path] = {}
    for suffix in INPUTS:
        for path in sorted(folder.glob(f"*{suffix}")):
            if path.with_suffix(".xml").is_file():
                found.setdefault(path.stem, path)
    return [found[name] for name in sorted(found)]


def subsets(folder: Path) -> dict[str, str]:
    """Fixture name to its subset label, from the ``manifest.json`` of a corpus, so the report
    gives the figures per part: the noise level ("heavy") of a synthetic fixture, the half and
    level ("dev/heavy") of a real-filings one. Read leniently, as any folder may hold such a
    file."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        labels = {
            entry["name"]: "/".join(str(entry[key]) for key in ("split", "noise") if key in entry)
            for entry in manifest["fixtures"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {name: label for name, label in labels.items() if label}


def in_subset(labels: dict[str, str], path: Path, part: str) -> bool:
    """Whether the fixture's label is ``part`` or has it as one of its parts."""
    label = labels.get(path.stem, "")
    return part in (label, *label.split("/"))


Track = Callable[[Sequence[Path]], Iterable[Path]]


def evaluate(
    folder: Path, extractor: Extractor, track: Track = iter, only: str | None = None
) -> tuple[EvalReport, dict[str, str]]:
    """The report and the predictions as EDGAR XML by fixture name; ``track`` wraps the
    fixtures, for a progress bar; ``only`` keeps the fixtures of one subset ("test", "heavy"),
    so that a half of a corpus is scored without the other."""
    documents: list[DocumentReport] = []
    predictions: dict[str, str] = {}
    subset = subsets(folder)
    chosen = [path for path in fixtures(folder) if only is None or in_subset(subset, path, only)]
    for path in track(chosen):
        try:
            gold = from_xml(path.with_suffix(".xml").read_bytes())
            defect = expected_defect(path)
        except Form4Error as failure:
            report = DocumentReport(name=path.stem, error=f"gold: {_reason(failure)}")
            documents.append(report)
            continue
        result: ExtractionResult | None = None
        source = error = None
        start = time.perf_counter()
        try:
            source = extract_text(path)
            result = extractor.extract(path)
        except Exception as failure:  # one fixture, whatever broke, never ends the run
            error = _reason(failure)
        predicted = None if result is None else result.filing
        if predicted is not None:
            predictions[path.stem] = to_xml(predicted)
        score = score_filing(gold, predicted, source)
        spent = round(time.perf_counter() - start, 4)  # a failure costs time too: count it
        document = document_report(path.stem, score, result, error, defect, spent)
        document.subset = subset.get(path.stem)
        documents.append(document)
    backend = extractor.backend
    return build_report(str(folder), backend.name, backend.model, documents), predictions


def _reason(failure: Exception) -> str:
    """One line: the message of a known failure, the type too of an unexpected one."""
    line = one_line(failure)
    if isinstance(failure, Form4Error) or line == type(failure).__name__:
        return line
    return f"{type(failure).__name__}: {line}"
