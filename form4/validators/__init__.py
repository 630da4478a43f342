"""Deterministic checks of a Form 4: EDGAR's own rules and the consistency the facts imply.

``validate(filing)`` runs every rule in :data:`RULES` and reports conflicts (with EDGAR paths of
the fields involved) and the repairs it made; ``form4 rules`` lists the rules. ``chain(filings)``
checks what no single filing can: holdings carried from one filing to the next.
"""

from form4.validators import repairs, rules
from form4.validators.chain import chain
from form4.validators.engine import RULES, Rule, ValidationReport, validate

__all__ = ["RULES", "Rule", "ValidationReport", "chain", "repairs", "rules", "validate"]
