"""What an extraction returns: the filing, what it cost, and what the validators found.

Conflicts and repairs share their shape with ``form4 validate``'s JSON so that a pipeline can
treat a checked extraction and a checked EDGAR file alike.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from form4.schema import Form4Filing

Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "needs_review"]


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

    @computed_field
    @property
    def status(self) -> Status:
        return status_of(self.conflicts)
