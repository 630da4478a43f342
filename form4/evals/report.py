"""The evaluation report: accuracy, trust and cost of extraction over a folder of gold filings.

``report.json`` is :class:`EvalReport` dumped as JSON:

- ``fixtures``, ``backend``, ``model``: what was evaluated with what;
- ``micro``: ``tp``/``fp``/``fn`` and ``precision``/``recall``/``f1`` over every compared field
  (a wrong value counts one FP and one FN, a missing one an FN, an extra one an FP);
- ``groups`` and ``fields``: the same counts per field group (issuer, owners, relationship,
  dates, Table I, Table II, footnotes, signature, form) and per element name;
- ``document_exact_match``, ``row_exact_match``: share of documents with no error, and of table
  rows (gold rows plus extra predicted rows) reproduced exactly;
- ``trust``: ``errors`` (wrong, missing or extra fields), ``flagged`` (of those, named by a
  conflict of a ``needs_review`` result, directly or through their row; a value missing with
  nothing predicted in its place, through the part a conflict names whole as incomplete: the
  signatures, the owners, a table, the footnotes), ``wrong_unflagged``
  (wrong or extra values no conflict points to: what a reviewer would wrongly trust),
  ``missing_unflagged`` and ``kinds`` (missing, not_in_source, ocr_confusable, wrong_row,
  wrong_table, wrong_value: see ``form4.evals.scoring.ErrorKind``);
- ``ok_documents``, ``ok_exact``: documents that came out ``ok`` (no error or warning left), and
  how many of those are exact: the share is what a user's trust in ``ok`` rests on;
- ``cost``: per-document ``median`` and ``p90`` of ``seconds`` (the extraction's stages; for a
  failed one, the time until it failed), and of ``prompt_tokens``, ``completion_tokens`` and
  ``attempts`` over the documents the model answered, with totals;
- ``catch``: of the fixtures labelled with a defect (``NAME.expect.json``), how many the
  validators named after extraction;
- ``subsets``: the headline figures of each part of a corpus its ``manifest.json`` names: a
  document's ``subset`` label is its parts joined by "/" (a synthetic fixture's noise level,
  "heavy"; a real filing's half and level, "dev/heavy"), and it counts in the subset of each
  part alone and of the whole label ("dev", "heavy" and "dev/heavy"). Each gives ``documents``,
  ``micro`` (counts, precision, recall, F1), ``wrong_unflagged``, ``missing_unflagged``,
  ``ok_documents`` and ``ok_exact`` (as below), ``seconds_median``,
  ``seconds_p90`` and ``seconds_max`` (None when no document was timed) and ``catch``;
- ``reliability``: the reliability table, per confidence band (``low`` to ``high``) the
  predicted values scored (``values``), the right ones, their mean confidence and accuracy;
- ``documents``: per fixture its ``error`` (why extraction failed, or "gold: ..." when the gold
  file is unreadable and the fixture is left unscored; else null), ``status``, counts,
  cost figures, the validators' ``conflicts`` and ``repairs``, and every compared field
  (``outcomes``: path, group, field, outcome, gold, predicted, similarity for footnote texts,
  kind and flagged for errors, and the extractor's ``provenance`` of the predicted value:
  reader, spans, grounding, legibility and confidence).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise

import numpy as np
from pydantic import BaseModel, Field, computed_field

from form4.evals.expected import Defect
from form4.evals.scoring import FieldOutcome, FilingScore
from form4.result import Conflict, ExtractionResult, Repair, Status, named_fields, points_at


class Counts(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, outcome: FieldOutcome) -> None:
        self.tp += outcome.outcome == "correct"
        self.fp += outcome.outcome in ("wrong", "extra")
        self.fn += outcome.outcome in ("wrong", "missing")

    @computed_field
    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field
    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field
    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


def _ratio(part: float, whole: float) -> float:
    """Nothing to get wrong is a perfect score: an empty gold and prediction agree."""
    return round(part / whole, 4) if whole else 1.0


def counts(outcomes: Iterable[FieldOutcome]) -> Counts:
    total = Counts()
    for outcome in outcomes:
        total.add(outcome)
    return total


class Spread(BaseModel):
    """Per-document figures: the median for the usual case, p90 for the bad tail."""

    median: float
    p90: float
    total: float


class Cost(BaseModel):
    seconds: Spread
    prompt_tokens: Spread
    completion_tokens: Spread
    attempts: Spread


class Trust(BaseModel):
    errors: int
    flagged: int
    wrong_unflagged: int
    missing_unflagged: int
    kinds: dict[str, int]


class DocumentReport(BaseModel):
    name: str
    error: str | None = None
    status: Status | None = None
    counts: Counts = Field(default_factory=Counts)
    exact: bool = False
    rows: int = 0
    exact_rows: int = 0
    seconds: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    attempts: int | None = None
    conflicts: list[Conflict] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    subset: str | None = None
    defect: Defect | None = None
    caught: bool | None = None
    outcomes: list[FieldOutcome] = Field(default_factory=list)

    @computed_field
    @property
    def wrong_unflagged(self) -> int:
        return sum(o.outcome in ("wrong", "extra") and not o.flagged for o in self.outcomes)


class Catch(BaseModel):
    """Known defects of labelled fixtures and how many the validators named after extraction."""

    defects: int
    caught: int

    @computed_field
    @property
    def rate(self) -> float:
        return _ratio(self.caught, self.defects)


class Subset(BaseModel):
    """The headline figures of one part of the fixtures (a noise level, a half of the real
    filings, or a level within a half)."""

    documents: int
    micro: Counts
    wrong_unflagged: int
    missing_unflagged: int = 0
    ok_documents: int = 0
    ok_exact: int = 0
    seconds_median: float | None
    seconds_p90: float | None = None
    seconds_max: float | None = None
    catch: Catch | None


class Band(BaseModel):
    """Predicted values whose confidence is in [low, high), and how many of them were right:
    calibrated, the accuracy is near the mean confidence."""

    low: float
    high: float
    values: int
    right: int
    mean_confidence: float | None

    @computed_field
    @property
    def accuracy(self) -> float | None:
        return round(self.right / self.values, 4) if self.values else None


BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)
"""Confidence bands of the reliability table; the last one holds the confidences of 0.99 to 1."""


def reliability(outcomes: Iterable[FieldOutcome]) -> list[Band]:
    """The reliability table: per confidence band, the predicted values and the right ones."""
    scored = [
        (o.provenance.confidence, o.outcome == "correct")
        for o in outcomes
        if o.provenance is not None and o.outcome in ("correct", "wrong", "extra")
    ]
    bands = []
    for low, high in pairwise(BANDS):
        inside = [(c, right) for c, right in scored if low <= c < high]
        bands.append(
            Band(
                low=low,
                high=min(high, 1.0),
                values=len(inside),
                right=sum(right for _, right in inside),
                mean_confidence=round(float(np.mean([c for c, _ in inside])), 4)
                if inside
                else None,
            )
        )
    return bands


class EvalReport(BaseModel):
    fixtures: str
    backend: str
    model: str
    micro: Counts
    groups: dict[str, Counts]
    fields: dict[str, Counts]
    document_exact_match: float
    row_exact_match: float
    trust: Trust
    ok_documents: int = 0
    """Documents whose extraction came out ``ok``: no error or warning left."""
    ok_exact: int = 0
    """Of those, the ones whose every field is right: what ``ok`` is worth."""
    cost: Cost | None
    catch: Catch | None = None
    subsets: dict[str, Subset] = Field(default_factory=dict)
    reliability: list[Band] = Field(default_factory=list)
    documents: list[DocumentReport]


def document_report(
    name: str,
    score: FilingScore,
    result: ExtractionResult | None,
    error: str | None = None,
    defect: Defect | None = None,
    seconds: float | None = None,
) -> DocumentReport:
    """Marks which errors the validators flagged; an ok result flags nothing by definition."""
    review = result is not None and result.status == "needs_review"
    fields = named_fields(result.conflicts, result.filing) if review else []
    found = {entry.field: entry for entry in result.provenance} if result is not None else {}
    missing = named_fields(result.conflicts, result.filing, missing=True) if review else []
    parts = [f for f in missing if "[" not in f]
    for outcome in score.outcomes:
        if outcome.outcome != "correct" and outcome.predicted_path is None:
            outcome.flagged = any(_within(outcome.path, part) for part in parts)
        elif outcome.outcome == "missing" or (
            outcome.outcome == "wrong" and outcome.field.endswith(_MARKS_FIELD)
        ):
            outcome.flagged = points_at(outcome.predicted_path, fields) or any(
                _within(outcome.predicted_path, part) for part in missing if "[" in part
            )
        elif outcome.outcome != "correct":
            outcome.flagged = points_at(outcome.predicted_path, fields)
        if outcome.predicted is not None and outcome.predicted_path is not None:
            outcome.provenance = found.get(outcome.predicted_path)
    total = counts(score.outcomes)
    return DocumentReport(
        name=name,
        error=error,
        status=None if result is None else result.status,
        counts=total,
        exact=error is None and total.fp == total.fn == 0,
        rows=score.rows,
        exact_rows=score.exact_rows,
        seconds=seconds if result is None else round(sum(result.seconds.values()), 4),
        prompt_tokens=None if result is None else result.usage.prompt_tokens,
        completion_tokens=None if result is None else result.usage.completion_tokens,
        attempts=None if result is None else result.attempts,
        conflicts=[] if result is None else result.conflicts,
        repairs=[] if result is None else result.repairs,
        defect=defect,
        caught=None
        if defect is None
        else result is not None and defect.caught_by(result.conflicts),
        outcomes=score.outcomes,
    )


_MARKS_FIELD = "footnoteId"
"""A cell's marks, compared as one set: a set missing a mark is wrong, not missing, and a
conflict that a mark is missing at the cell flags it."""


def _within(path: str, part: str) -> bool:
    """Whether a gold value's path lies in a part of the filing named whole (``ownerSignature``
    holds ``ownerSignature[1]/signatureName``): a predicted row's index says nothing of where a
    missing one would be, so only a conflict naming the whole part points at it."""
    return path == part or path.startswith((f"{part}/", f"{part}["))


def build_report(
    fixtures: str, backend: str, model: str, documents: list[DocumentReport]
) -> EvalReport:
    outcomes = [outcome for document in documents for outcome in document.outcomes]
    groups: defaultdict[str, Counts] = defaultdict(Counts)
    fields: defaultdict[str, Counts] = defaultdict(Counts)
    for outcome in outcomes:
        groups[outcome.group].add(outcome)
        fields[outcome.field].add(outcome)
    errors = [o for o in outcomes if o.outcome != "correct"]
    unflagged = Counter(o.outcome == "missing" for o in errors if not o.flagged)
    return EvalReport(
        fixtures=fixtures,
        backend=backend,
        model=model,
        micro=counts(outcomes),
        groups=dict(sorted(groups.items())),
        fields=dict(sorted(fields.items())),
        document_exact_match=_ratio(sum(d.exact for d in documents), len(documents)),
        row_exact_match=_ratio(
            sum(d.exact_rows for d in documents), sum(d.rows for d in documents)
        ),
        trust=Trust(
            errors=len(errors),
            flagged=sum(bool(o.flagged) for o in errors),
            wrong_unflagged=unflagged[False],
            missing_unflagged=unflagged[True],
            kinds=dict(Counter(o.kind for o in errors if o.kind)),
        ),
        ok_documents=sum(d.status == "ok" for d in documents),
        ok_exact=sum(d.status == "ok" and d.exact for d in documents),
        cost=_cost([d for d in documents if d.seconds is not None]),
        catch=_catch(documents),
        subsets={
            name: _subset([d for d in documents if name in _subsets_of(d.subset)])
            for name in sorted({name for d in documents for name in _subsets_of(d.subset)})
        },
        reliability=reliability(outcomes),
        documents=documents,
    )


def _catch(documents: list[DocumentReport]) -> Catch | None:
    labelled = [d for d in documents if d.defect is not None]
    if not labelled:
        return None
    return Catch(defects=len(labelled), caught=sum(bool(d.caught) for d in labelled))


def _subsets_of(label: str | None) -> set[str]:
    """Each part of a label alone and the whole: "dev/heavy" is in "dev", "heavy" and
    "dev/heavy", so a half, a level across halves and a level within a half all have figures."""
    if label is None:
        return set()
    return {*label.split("/"), label}


def _subset(documents: list[DocumentReport]) -> Subset:
    timed = [d.seconds for d in documents if d.seconds is not None]
    return Subset(
        documents=len(documents),
        micro=counts(o for d in documents for o in d.outcomes),
        wrong_unflagged=sum(d.wrong_unflagged for d in documents),
        missing_unflagged=sum(
            o.outcome == "missing" and not o.flagged for d in documents for o in d.outcomes
        ),
        ok_documents=sum(d.status == "ok" for d in documents),
        ok_exact=sum(d.status == "ok" and d.exact for d in documents),
        seconds_median=round(float(np.median(timed)), 4) if timed else None,
        seconds_p90=round(float(np.percentile(timed, 90)), 4) if timed else None,
        seconds_max=round(max(timed), 4) if timed else None,
        catch=_catch(documents),
    )


def _cost(documents: list[DocumentReport]) -> Cost | None:
    if not documents:
        return None

    def spread(values: list[float]) -> Spread:
        return Spread(
            median=round(float(np.median(values)), 4),
            p90=round(float(np.percentile(values, 90)), 4),
            total=round(sum(values), 4),
        )

    answered = [d for d in documents if d.attempts is not None] or documents
    return Cost(
        seconds=spread([d.seconds or 0.0 for d in documents]),
        prompt_tokens=spread([d.prompt_tokens or 0 for d in answered]),
        completion_tokens=spread([d.completion_tokens or 0 for d in answered]),
        attempts=spread([d.attempts or 0 for d in answered]),
    )


def headline(report: EvalReport) -> dict[str, float]:
    """The figures a run is judged by, shared by the console summary, report.md and deltas."""
    cost = report.cost
    return {
        "micro precision": report.micro.precision,
        "micro recall": report.micro.recall,
        "micro F1": report.micro.f1,
        "document exact match": report.document_exact_match,
        "row exact match": report.row_exact_match,
        "errors (wrong, missing or extra)": report.trust.errors,
        "flagged errors": report.trust.flagged,
        "wrong and unflagged": report.trust.wrong_unflagged,
        "missing and unflagged": report.trust.missing_unflagged,
        "ok documents": report.ok_documents,
        "ok documents exact": report.ok_exact,
        "seconds per document, median": cost.seconds.median if cost else 0.0,
        "seconds per document, p90": cost.seconds.p90 if cost else 0.0,
        "prompt tokens, total": cost.prompt_tokens.total if cost else 0.0,
        "completion tokens, total": cost.completion_tokens.total if cost else 0.0,
    }


def deltas(report: EvalReport, baseline: EvalReport) -> dict[str, float]:
    before = headline(baseline)
    return {name: round(value - before[name], 4) for name, value in headline(report).items()}


def documents_table(report: EvalReport) -> list[str]:
    """Per document and over all: what a reader of a README wants from an eval run."""
    lines = [
        "| document | F1 | wrong and unflagged | seconds | prompt + completion tokens | attempts |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for d in report.documents:
        seconds = "" if d.seconds is None else f"{d.seconds:.1f}" + (" (failed)" if d.error else "")
        lines.append(
            f"| {d.name} | {d.counts.f1:.3f} | {d.wrong_unflagged} | {seconds} | "
            f"{d.prompt_tokens or 0} + {d.completion_tokens or 0} | {d.attempts or 0} |"
        )
    if report.cost is not None:
        cost, micro, trust = report.cost, report.micro, report.trust
        lines.append(
            f"| all (micro F1; median s) | {micro.f1:.3f} | {trust.wrong_unflagged} | "
            f"{cost.seconds.median:.1f} | {cost.prompt_tokens.total:.0f} + "
            f"{cost.completion_tokens.total:.0f} | {cost.attempts.total:.0f} |"
        )
    return lines


def subsets_table(report: EvalReport) -> list[str]:
    """Per part of the corpus (a half, a noise level, a level within a half); nothing for a
    folder without a manifest."""
    if not report.subsets:
        return []

    def seconds(value: float | None) -> str:
        return "" if value is None else f"{value:.1f}"

    lines = [
        "",
        "| subset | documents | micro F1 (P / R) | wrong and unflagged | missing and unflagged "
        "| ok (exact) | median s | p90 s | max s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, part in report.subsets.items():
        micro = part.micro
        lines.append(
            f"| {name} | {part.documents} | {micro.f1:.3f} ({micro.precision:.3f} / "
            f"{micro.recall:.3f}) | {part.wrong_unflagged} | {part.missing_unflagged} | "
            f"{part.ok_documents} ({part.ok_exact}) | {seconds(part.seconds_median)} | "
            f"{seconds(part.seconds_p90)} | {seconds(part.seconds_max)} |"
        )
    return lines


def reliability_table(report: EvalReport) -> list[str]:
    """Per confidence band, how many predicted values it holds and how many were right."""
    if not any(band.values for band in report.reliability):
        return []
    lines = [
        "",
        "| confidence | values | mean confidence | accuracy |",
        "|---|---:|---:|---:|",
    ]
    for band in report.reliability:
        mean = "" if band.mean_confidence is None else f"{band.mean_confidence:.3f}"
        accuracy = "" if band.accuracy is None else f"{band.accuracy:.3f}"
        lines.append(f"| {band.low:.2f}-{band.high:.2f} | {band.values} | {mean} | {accuracy} |")
    return lines


def to_markdown(report: EvalReport, changes: dict[str, float] | None = None) -> str:
    lines = [
        f"# form4 eval: {report.fixtures}",
        "",
        f"{len(report.documents)} documents, backend {report.backend}, model {report.model}.",
        "",
        "| figure | value |" + (" change |" if changes else ""),
        "|---|---|" + ("---|" if changes else ""),
    ]
    for name, value in headline(report).items():
        change = f" {changes[name]:+g} |" if changes else ""
        lines.append(f"| {name} | {value:g} |{change}")
    lines += ["", *documents_table(report), *subsets_table(report), *reliability_table(report)]
    lines += ["", "| group | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    lines += [
        f"| {name} | {c.precision} | {c.recall} | {c.f1} | {c.tp} | {c.fp} | {c.fn} |"
        for name, c in report.groups.items()
    ]
    lines += ["", "## Errors", ""]
    for document in report.documents:
        if document.error:
            lines.append(f"- {document.name}: extraction failed: {document.error}")
        lines += [
            f"- {document.name}: {o.outcome} `{o.path}`: gold {o.gold!r}, predicted "
            f"{o.predicted!r}" + (f", {o.kind}" if o.kind else "") + _flag_note(o)
            for o in document.outcomes
            if o.outcome != "correct"
        ]
    return "\n".join(lines) + "\n"


def _flag_note(outcome: FieldOutcome) -> str:
    if outcome.flagged is None:
        return ""
    return ", flagged" if outcome.flagged else ", unflagged"
