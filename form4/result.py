"""What an extraction returns: the filing, what it cost, and what the validators found.

Conflicts and repairs share their shape with ``form4 validate``'s JSON so that a pipeline can
treat a checked extraction and a checked EDGAR file alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from form4.edgar_xml import xml_path
from form4.schema import Form4Filing

Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "needs_review"]
Reader = Literal["pattern", "model", "layout", "rule"]
ValueKind = Literal["text", "number", "date", "code", "flag", "mark"]
Grounding = Literal["exact", "ocr", "elsewhere", "absent", "not_searched"]
Legibility = Literal["clean", "noisy", "garbled"]
"""Who gave a value: a pattern reader, the model, a layout rule over the model's answer, or a
validator's repair."""


def status_of(conflicts: list[Conflict]) -> Status:
    """needs_review while any error or warning remains: info alone never holds a filing back."""
    if any(c.severity in ("error", "warning") for c in conflicts):
        return "needs_review"
    return "ok"


class Conflict(BaseModel):
    """A rule the filing breaks, with the fields involved and the evidence compared."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    severity: Severity
    message: str
    fields: list[str] = Field(default_factory=list)
    evidence: dict[str, Any] = Field(default_factory=dict)


class Repair(BaseModel):
    """A value the rules determined beyond doubt and filled in, recorded rather than silent."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    field: str
    old: Any = None
    new: Any = None
    reason: str


FOOTNOTE = xml_path(Form4Filing, "footnotes")
_NOTE_BY_ID = re.compile(rf"^{re.escape(FOOTNOTE)}\[@id='([^']*)'\]")


def footnote_path(footnote_id: str) -> str:
    """A footnote's EDGAR path, by its id (``footnotes/footnote[@id='F3']``), as rules name it."""
    return f"{FOOTNOTE}[@id='{footnote_id}']"


MISSING_RULES = frozenset(
    {
        "extraction.footnotes_unread",
        "extraction.mark_unsettled",
        "extraction.owners_missing",
        "extraction.printed_value_unread",
        "extraction.signatures_unread",
        "extraction.unread_line",
    }
)
"""Rules whose conflicts say that something is missing from the element they name (an owner, a
line, a value a table prints, a signature, an explanation, a cell's footnote mark), not that a
value read there is wrong."""


def named_fields(
    conflicts: Iterable[Conflict], filing: Form4Filing, missing: bool = False
) -> list[str]:
    """Every field ``conflicts`` name as doubting the values read there, and with ``missing``
    also where they say a value is missing; a footnote named by its id named by its place in
    ``filing`` instead (``footnotes/footnote[3]``), as a value's path names it, so that
    :func:`points_at` sees a rule on a footnote point at its text."""
    places = {note.id: index for index, note in enumerate(filing.footnotes, start=1)}

    def placed(field: str) -> str:
        named = _NOTE_BY_ID.match(field)
        if named is None or named[1] not in places:
            return field
        return f"{FOOTNOTE}[{places[named[1]]}]{field[named.end() :]}"

    return [
        placed(field)
        for conflict in conflicts
        if missing or conflict.rule not in MISSING_RULES
        for field in conflict.fields
    ]


def points_at(path: str | None, fields: Iterable[str]) -> bool:
    """Whether conflicts naming ``fields`` point at the value at ``path``: they name it, an
    element holding it, or its table row, since a reviewer sent to a row reads the whole row."""
    if path is None:
        return False
    scope = _row_of(path) or path
    return any(
        field == scope or scope.startswith(f"{field}/") or field.startswith(f"{scope}/")
        for field in fields
    )


def _row_of(path: str) -> str | None:
    head, sep, _ = path.partition("]")
    return head + sep if sep and "Table/" in head else None


class FieldProvenance(BaseModel):
    """Where one value came from and how far to trust it."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(description="EDGAR path of the value; a cell's marks end in /footnoteId.")
    kind: ValueKind = Field(description="What sort of value: a code is an enumerated letter.")
    reader: Reader
    rule: str | None = Field(default=None, description="The repair that set it, if one did.")
    spans: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Where it is printed: offsets into the cleaned text "
        "(form4.extract_text(source)); empty when it is printed nowhere or is a flag.",
    )
    grounding: Grounding = Field(
        description="How it was found in the text its reader read: as given, once OCR's "
        "confusions were undone or fuzzily, only elsewhere in the text, not at all; a flag is "
        "not searched for."
    )
    flagged: bool = Field(description="Whether an error or warning points at it.")
    legibility: Legibility = Field(description="How legible the OCR text of its lines is.")
    confidence: float = Field(
        ge=0,
        le=1,
        description="The share of values with the same signals that were right where the "
        "confidence was measured (the real-filings dev half).",
    )


class Usage(BaseModel):
    """Tokens over every model answer of one extraction, re-asks included."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @computed_field
    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ExtractionResult(BaseModel):
    """One filing extracted from one source."""

    source: str | None = Field(description="Path of the input, or None for text given directly.")
    filing: Form4Filing
    backend: str
    model: str
    usage: Usage
    attempts: int = Field(description="Model answers needed until one fitted the schema.")
    cached_responses: int = Field(description="How many of those answers came from the cache.")
    transient_retries: int = Field(description="Requests resent after timeouts, 429s or 5xx.")
    seconds: dict[str, float] = Field(description="Wall time per stage: read, clean, model.")
    conflicts: list[Conflict] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    provenance: list[FieldProvenance] = Field(
        default_factory=list, description="Every value's reader, spans and confidence."
    )

    @computed_field
    @property
    def status(self) -> Status:
        return status_of(self.conflicts)
