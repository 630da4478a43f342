"""Where every value of an extraction came from, and how far it can be trusted.

A reviewer needs more than the value: which reader gave it (a pattern, the model, a layout rule
that overrode the model, a validator's repair), where in the text it is printed, and a
confidence. The readers know where they read: the staged method records, per part of the filing
(a table line, box 1, the explanations), the reader and the stretch of cleaned text it read
(:class:`Origin`). Each value is then looked for in that stretch, so its spans are offsets into
the cleaned text (``form4.extract_text(source)``), and how it was found is a signal of its own:
printed there as given, printed there once OCR's confusions are undone, printed only elsewhere,
or not printed at all.

Confidence is not a guess from these signals but what they were worth when measured: the share
of values with the same signals that were right on the real-filings ``dev`` half
(:mod:`form4.extractor.assembly.confidence`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from rapidfuzz import fuzz

from form4.extractor.assembly.confidence import Calibration, Part, Signals, legibility
from form4.extractor.readers.cells import T_MARK, printed_letter
from form4.result import (
    Conflict,
    FieldProvenance,
    Grounding,
    Legibility,
    Reader,
    Repair,
    ValueKind,
    named_fields,
    points_at,
)
from form4.schema import Cell, Form4Filing
from form4.validators.lines import leaves
from form4.validators.source_text import (
    FUZZY_CHARS,
    NAME_THRESHOLD,
    date_pattern,
    find_value,
    number_pattern,
    undo_confusions,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Origin:
    """The reader of one part of the filing and the stretch of cleaned text it read."""

    reader: Reader
    region: Span


class Origins:
    """Origins by EDGAR path prefix ("issuer", "nonDerivativeTable/nonDerivativeTransaction[2]"):
    a value takes the origin of the longest prefix of its path."""

    def __init__(self, default: Origin) -> None:
        self._default = default
        self._by_prefix: dict[str, Origin] = {}

    def set(self, prefix: str, origin: Origin) -> None:
        self._by_prefix[prefix] = origin

    def of(self, path: str) -> Origin:
        """The origin set for the longest prefix of ``path``, an indexed element's before its
        list's ("reportingOwner[1]" before "reportingOwner")."""
        prefix = path
        while prefix:
            for key in (prefix, _INDEX.sub("", prefix)):
                if key in self._by_prefix:
                    return self._by_prefix[key]
            prefix = prefix.rpartition("/")[0]
        return self._default


_INDEX = re.compile(r"\[\d+\]$")


def line_region(text: str, line: str, after: int = 0) -> Span | None:
    """Where a table line (its physical lines stripped and joined, as the readers see it) is
    printed in ``text``, from ``after`` on; None when its first line is not found."""
    parts = [part for part in line.splitlines() if part.strip()]
    if not parts:
        return None
    start = text.find(parts[0], after)
    if start < 0:
        return None
    end = start + len(parts[0])
    for part in parts[1:]:
        found = text.find(part, end)
        if found < 0:
            break
        end = found + len(part)
    return start, end


_MARK = re.compile(r"\(\s?(\w{1,3})\s?\)|^[ \t]*(\d{1,2})[.)]", re.MULTILINE)
"""A footnote's number as a cell prints it, "(1)" or "( 1)", or as its explanation begins, "1."."""


def _spaced_date(value: date) -> str:
    """A date as OCR may print it, with stray spaces anywhere ("10/17 /2011", "1 0/17/2021")."""
    gap = r"[ \t]?"
    month, day = (gap.join(str(part)) for part in (value.month, value.day))
    year = gap.join(str(value.year))
    return rf"(?<!\d)(?:0{gap})?{month}{gap}/{gap}(?:0{gap})?{day}{gap}/{gap}{year}(?!\d)"


def _find(value: Any, text: str) -> tuple[list[Span], bool] | None:
    """Spans of ``value`` in ``text`` and whether OCR's confusions had to be undone; None when
    it is not printed there. A name is also looked for with its first word last: EDGAR's "Last
    First" is printed "First Last" in a signature. A text is printed as given wherever its words
    are, whatever the spaces between them: an explanation runs over several lines."""
    if isinstance(value, Decimal | date):
        exact = number_pattern(value) if isinstance(value, Decimal) else date_pattern(value)
        tolerant = exact if isinstance(value, Decimal) else _spaced_date(value)
        for ocr, pattern, searched in (
            (False, exact, text),
            (True, tolerant, undo_confusions(text)),
        ):
            found = find_value(value, pattern, searched)
            if found is not None:
                return [found.span()], ocr
        return None
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        return None
    words = value.split()
    candidates = list(dict.fromkeys((value, " ".join([*words[1:], *words[:1]]))))
    for candidate in candidates:
        printed = r"\s+".join(map(re.escape, candidate.split()))
        found = re.search(rf"(?<!\w){printed}(?!\w)", text, re.IGNORECASE)
        if found is not None:
            return [found.span()], False
    if len(value) == 1 and (found := printed_letter(value).search(text)) is not None:
        return [found.span()], True  # a code letter OCR doubled ("Ss") or printed in lower case
    if len(value) < 3:
        return None
    for candidate in candidates:
        aligned = fuzz.partial_ratio_alignment(
            candidate[:FUZZY_CHARS].casefold(), text.casefold(), score_cutoff=NAME_THRESHOLD
        )
        if aligned is not None:
            return [(aligned.dest_start, aligned.dest_end)], True
    return None


def _marks(footnotes: list[str], text: str) -> tuple[list[Span], bool] | None:
    """Spans of a cell's marks, "(1)" for F1, however OCR prints a small one ("(t)"); None
    unless every one is printed."""
    printed: dict[str, Span] = {}
    for match in _MARK.finditer(T_MARK.sub("(1)", text)):
        printed.setdefault(match.group(1) or match.group(2), match.span())
    spans = [printed.get(footnote.removeprefix("F")) for footnote in footnotes]
    if any(span is None for span in spans):
        return None
    return [span for span in spans if span is not None], False


def _located(value: Any, text: str, region: Span, marks: bool) -> tuple[list[Span], Grounding]:
    """The value's spans in the cleaned text and how it was found (a grounding)."""
    if isinstance(value, bool) or (isinstance(value, Enum) and not marks and len(value.value) > 2):
        return [], "not_searched"
    start, end = region
    find = _marks if marks else _find
    here = find(value, text[start:end])
    if here is not None:
        spans, tolerant = here
        return [(a + start, b + start) for a, b in spans], "ocr" if tolerant else "exact"
    anywhere = find(value, text)
    if anywhere is not None:
        return anywhere[0], "elsewhere"
    return [], "absent"


def kind_of(value: Any, marks: bool) -> ValueKind:
    """What sort of value: marks, a ticked box, a number, a date, a code letter or text."""
    if marks:
        return "mark"
    if isinstance(value, bool):
        return "flag"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, date):
        return "date"
    return "code" if isinstance(value, Enum) else "text"


def part_of(path: str) -> Part:
    """Which kind of value: a footnote mark, a table cell, a box above the tables, an
    explanation, remark or signature, or the form's own boxes and dates."""
    if path.endswith("/footnoteId"):
        return "mark"
    if "Table/" in path:
        return "cell"
    if path.startswith(("issuer", "reportingOwner")):
        return "box"
    if path.startswith(("footnotes", "remarks", "ownerSignature")):
        return "note"
    return "form"


def _printed(value: Any) -> bool:
    """Whether a value says anything: empty boxes and unticked flags are the form's blanks."""
    return value is not None and value is not False and value != "" and value != []


def provenance(
    filing: Form4Filing,
    text: str,
    origins: Origins,
    repairs: list[Repair],
    conflicts: list[Conflict],
    calibration: Calibration,
) -> list[FieldProvenance]:
    """One entry per value the filing holds (a cell's marks are a value of their own), in
    document order."""
    repaired = {repair.field: repair.rule for repair in repairs}
    fields = named_fields([c for c in conflicts if c.severity in ("error", "warning")], filing)
    starts = _line_starts(text)
    legible: dict[Span, Legibility] = {}
    found: list[FieldProvenance] = []
    for walked, _, value in leaves(filing):
        path = walked.removesuffix("/.")  # a footnote's text is its element's own content
        values = [(path, value.value, False)] if isinstance(value, Cell) else [(path, value, False)]
        if isinstance(value, Cell) and value.footnotes:
            values.append((f"{path}/footnoteId", value.footnotes, True))
        elif path.endswith("/@id"):  # a footnote's number, printed "(1)" before its text
            values = [(path, [value], True)]
        for where, shown, marks in values:
            if not _printed(shown):
                continue
            origin = origins.of(path)
            rule = repaired.get(where)
            reader: Reader = origin.reader
            if rule is not None:
                reader = "rule" if not rule.startswith("layout.") else "layout"
            spans, grounding = _located(shown, text, origin.region, marks)
            # a pattern reads the value's own lines, the model the whole stretch it was given
            own = reader == "pattern" and spans and grounding in ("exact", "ocr")
            printed_at = (spans[0][0], spans[-1][1]) if own else origin.region
            if printed_at not in legible:
                lines = _whole_lines(starts, text, printed_at)
                legible[printed_at] = legibility(text[lines[0] : lines[1]])
            signals = Signals(
                part=part_of(where),
                kind=kind_of(shown, marks),
                reader=reader,
                grounding=grounding,
                flagged=points_at(where, fields),
                legibility=legible[printed_at],
                rule=rule,
            )
            found.append(
                FieldProvenance(
                    field=where,
                    kind=signals.kind,
                    reader=reader,
                    rule=rule,
                    spans=spans,
                    grounding=signals.grounding,
                    flagged=signals.flagged,
                    legibility=signals.legibility,
                    confidence=calibration.confidence(signals),
                )
            )
    return found


def _line_starts(text: str) -> list[int]:
    return [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]


def _whole_lines(starts: list[int], text: str, region: Span) -> Span:
    """The region widened to whole lines: how legible a value's print is shows in its lines."""
    first = starts[max(bisect_right(starts, region[0]) - 1, 0)]
    end = text.find("\n", region[1])
    return first, len(text) if end < 0 else end


LOW_CONFIDENCE = "extraction.low_confidence"


def unconfident(found: list[FieldProvenance], threshold: float) -> list[Conflict]:
    """A warning naming the values below the confidence an ``ok`` needs, with each one's
    confidence and how it was read: a filing is not called right on values that, read this way,
    were often wrong."""
    low = [entry for entry in found if entry.confidence < threshold]
    if not low:
        return []
    return [
        Conflict(
            rule=LOW_CONFIDENCE,
            severity="warning",
            message=f"{len(low)} value(s) below the confidence of {threshold:g} an ok needs; "
            "least: "
            + ", ".join(
                f"{entry.field} {entry.confidence:.2f}"
                for entry in sorted(low, key=lambda entry: entry.confidence)[:3]
            ),
            fields=[entry.field for entry in low],
            evidence={
                entry.field: {
                    "confidence": entry.confidence,
                    "reader": entry.reader,
                    "grounding": entry.grounding,
                    "legibility": entry.legibility,
                }
                for entry in low
            },
        )
    ]
