"""Extracted values that the source text does not contain: a small model's inventions.

A number or date the model wrote but the OCR text never printed is either invented or misread;
either way a person should look. Matching is deliberately forgiving of how OCR prints values
(separators, stray spaces, letters for digits), so that what remains is worth a look.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from form4.schema import Cell
from form4.validators.engine import Context, Finding, rule
from form4.validators.source_text import absence

_NAMES = frozenset({"rpt_owner_name", "issuer_name", "officer_title", "signature_name"})
"""Free text checked besides numbers and dates: security titles and footnote prose wrap across
table cells and OCR lines too often for a failed match to mean much."""


@rule(
    "grounding.not_in_source",
    "warning",
    "Every extracted number, date, name and title is printed in the source text.",
)
def not_in_source(context: Context) -> Iterator[Finding]:
    if context.source_text is None:
        return
    for path, name, leaf in context.leaves:
        value = leaf.value if isinstance(leaf, Cell) else leaf
        if not isinstance(value, Decimal | date | str) or (
            isinstance(value, str) and name not in _NAMES
        ):
            continue
        found = absence(value, context.source_text)
        if found is not None:
            yield Finding(found.message, [path], found.evidence)
