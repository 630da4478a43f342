"""The rule registry and the one loop that runs it.

Rules are plain generator functions registered by a decorator, so adding a check is one function
in the module that holds its kind of fact, and ``form4 rules`` lists it without further wiring.
A rule yields :class:`Finding`s; the engine stamps them with the rule's id and severity, so a rule
cannot report under someone else's name or change its severity from one filing to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from pydantic import BaseModel, computed_field

from form4.result import Conflict, Repair, Severity, Status, status_of
from form4.schema import Form4Filing
from form4.validators.lines import cell_citations, leaves
from form4.validators.source_text import snippet


class Finding(NamedTuple):
    message: str
    fields: list[str]
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the filing and, when known, the text it was read from."""

    filing: Form4Filing
    source_text: str | None = None

    @cached_property
    def leaves(self) -> list[tuple[str, str, Any]]:
        """Every (path, field name, value) of the filing, walked once for all rules."""
        return list(leaves(self.filing))

    @cached_property
    def citations(self) -> list[tuple[str, str]]:
        """(footnote id, citing cell path) over the whole filing."""
        return list(cell_citations(self.leaves))

    @cached_property
    def derived(self) -> dict[str, Any]:
        """What several rules derive from the filing (e.g. vesting schedules), kept per run."""
        return {}


Check = Callable[[Context], Iterator[Finding]]
Fix = Callable[[Form4Filing], Iterator[Repair]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    check: Check = field(repr=False)

    def run_on(self, filing: Form4Filing, source_text: str | None = None) -> Iterator[Conflict]:
        """This rule alone, for tests and for callers that care about one fact."""
        return self.run(Context(filing, source_text))

    def run(self, context: Context) -> Iterator[Conflict]:
        for message, fields, evidence in self.check(context):
            if context.source_text is not None:
                evidence = _with_snippet(evidence, context.source_text)
            yield Conflict(
                rule=self.id,
                severity=self.severity,
                message=message,
                fields=fields,
                evidence=evidence,
            )


RULES: dict[str, Rule] = {}
"""Every rule by id, in registration order (which is the order of the rule modules)."""

REPAIRS: list[Fix] = []
"""Fixes run before the rules, so the rules judge the repaired filing."""


def rule(rule_id: str, severity: Severity, doc: str) -> Callable[[Check], Check]:
    """Register a check under a stable id; a second rule with the same id is a programming error."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        RULES[rule_id] = Rule(rule_id, severity, doc, check)
        return check

    return register


def repair(fix: Fix) -> Fix:
    REPAIRS.append(fix)
    return fix


class ValidationReport(BaseModel):
    """What the validators found, shaped like the matching fields of an extraction result."""

    filing: Form4Filing
    conflicts: list[Conflict]
    repairs: list[Repair]

    @computed_field
    @property
    def status(self) -> Status:
        return status_of(self.conflicts)


def validate(
    filing: Form4Filing, source_text: str | None = None, repair: bool = True
) -> ValidationReport:
    """Check ``filing`` against every rule; with ``repair``, first fill what the rules determine.

    Repairs work on a copy: the caller's filing is never changed behind its back, and the report
    carries the repaired one.
    """
    repairs: list[Repair] = []
    if repair:
        filing = _rows_copied(filing)
        for fix in REPAIRS:
            repairs.extend(fix(filing))
    context = Context(filing, source_text)
    conflicts = [conflict for each in RULES.values() for conflict in each.run(context)]
    return ValidationReport(filing=filing, conflicts=conflicts, repairs=repairs)


def _rows_copied(filing: Form4Filing) -> Form4Filing:
    """A copy a repair may write to. Repairs replace cells of transaction lines and never change a
    cell in place, so copying those lines is enough; a deep copy would cost more than all rules."""
    return filing.model_copy(
        update={
            "non_derivative_transactions": [
                row.model_copy() for row in filing.non_derivative_transactions
            ],
            "derivative_transactions": [row.model_copy() for row in filing.derivative_transactions],
        }
    )


def _with_snippet(evidence: dict[str, Any], source: str) -> dict[str, Any]:
    """The evidence plus where the source prints its first value that it prints at all."""
    for value in evidence.values():
        if (quoted := snippet(source, value)) is not None:
            return {**evidence, "sourceSnippet": quoted}
    return evidence
