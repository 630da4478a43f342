"""Fitting the confidence of extracted values, and the threshold of ``ok``, to an evaluation.

Over every predicted value of an evaluation report (right, wrong or extra), the values of each
combination of signals are counted with the right ones among them (a
:class:`~form4.extractor.assembly.confidence.Calibration`). The threshold is then the least
confidence every value of a filing must reach for ``ok``, chosen on the same reports: the
lowest at which the wrong values that no conflict flags are at most :data:`MAX_UNFLAGGED_SHARE`
of the predicted ones and at least :data:`MIN_EXACT_SHARE` of the ``ok`` filings are exact, so
that below it a reviewer is sent to the values a wrong answer hides among. Not all of them: a
misread nothing on the page contradicts (a street number's 1 read as 4) is as confident as the
values around it, and demanding every ``ok`` filing exact would only raise the threshold until
that filing's least value falls under it, holding back right filings and flagging nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from form4.evals.report import DocumentReport, EvalReport
from form4.evals.scoring import FieldOutcome
from form4.extractor.assembly.confidence import Calibration, Signals
from form4.extractor.assembly.provenance import LOW_CONFIDENCE, part_of

MAX_UNFLAGGED_SHARE = 0.01
MIN_EXACT_SHARE = 0.95
THRESHOLDS = tuple(round(0.5 + step / 100, 2) for step in range(50))


def _signals(outcome: FieldOutcome) -> Signals | None:
    found = outcome.provenance
    if found is None or outcome.outcome not in ("correct", "wrong", "extra"):
        return None
    return Signals(
        part=part_of(found.field),
        kind=found.kind,
        reader=found.reader,
        grounding=found.grounding,
        flagged=found.flagged,
        legibility=found.legibility,
        rule=found.rule,
    )


def _scored(reports: list[EvalReport]) -> Iterator[tuple[DocumentReport, FieldOutcome, Signals]]:
    for report in reports:
        for document in report.documents:
            for outcome in document.outcomes:
                signals = _signals(outcome)
                if signals is not None:
                    yield document, outcome, signals


def _held(document: DocumentReport) -> bool:
    """Whether a conflict other than low confidence holds the filing for review."""
    return any(
        c.severity in ("error", "warning") and c.rule != LOW_CONFIDENCE for c in document.conflicts
    )


def measured_on(report: EvalReport) -> str:
    """The fixtures a report scored, and the parts of them ("tests/fixtures/real: 31 filings of
    dev")."""
    parts = sorted({d.subset.split("/")[0] for d in report.documents if d.subset})
    return f"{report.fixtures}: {len(report.documents)} filings" + (
        f" of {', '.join(parts)}" if parts else ""
    )


def fit(reports: list[EvalReport], measured_on: str) -> tuple[Calibration, dict[str, float]]:
    """The calibration of ``reports``, and the figures of its threshold on them: predicted
    values, wrong and unflagged ones, ok filings and exact ones."""
    tally: Counter[str] = Counter()
    right: Counter[str] = Counter()
    scored = list(_scored(reports))
    for _, outcome, signals in scored:
        for key in signals.combinations():
            tally[key] += 1
            right[key] += outcome.outcome == "correct"
    counts = {key: (right[key], tally[key]) for key in sorted(tally)}
    calibration = Calibration(measured_on=measured_on, threshold=0.0, counts=counts)
    confidence = {id(outcome): calibration.confidence(signals) for _, outcome, signals in scored}
    documents = [document for report in reports for document in report.documents]
    lowest: dict[int, float] = {}
    for document, outcome, _ in scored:
        key = id(document)
        lowest[key] = min(lowest.get(key, 1.0), confidence[id(outcome)])

    def figures(threshold: float) -> dict[str, float]:
        unflagged = sum(
            outcome.outcome != "correct"
            and not signals.flagged
            and confidence[id(outcome)] >= threshold
            for _, outcome, signals in scored
        )
        ok = [
            d
            for d in documents
            if d.error is None and not _held(d) and lowest.get(id(d), 1.0) >= threshold
        ]
        return {
            "threshold": threshold,
            "predicted values": len(scored),
            "wrong and unflagged": unflagged,
            "ok filings": len(ok),
            "ok filings exact": sum(d.exact for d in ok),
        }

    chosen = figures(THRESHOLDS[-1])
    for threshold in THRESHOLDS:
        found = figures(threshold)
        if (
            found["wrong and unflagged"] <= MAX_UNFLAGGED_SHARE * found["predicted values"]
            and found["ok filings exact"] >= MIN_EXACT_SHARE * found["ok filings"]
        ):
            chosen = found
            break
    return calibration.model_copy(update={"threshold": chosen["threshold"]}), chosen
