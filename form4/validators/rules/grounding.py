"""Extracted values that the source text does not contain: a small model's inventions.

A number or date the model wrote but the OCR text never printed is either invented or misread;
either way a person should look. Matching is deliberately forgiving of how OCR prints values
(separators, stray spaces, letters for digits), so that what remains is worth a look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from rapidfuzz import fuzz

from form4.schema import Cell
from form4.validators.engine import Context, Finding, rule
from form4.validators.source_text import date_pattern, normalise, number_pattern, words

NAME_THRESHOLD = 85
"""rapidfuzz ``partial_ratio`` at or above which a name or title counts as printed."""

_NAMES = frozenset({"rpt_owner_name", "issuer_name", "officer_title", "signature_name"})


def _name_score(value: str, text: str) -> float:
    """Best match of the name as written or rotated: EDGAR's "Last First" is printed "First Last"
    in the signature, and OCR often garbles box 1 beyond recognition."""
    parts = words(value).split()
    rotated = " ".join(parts[1:] + parts[:1])
    return max(fuzz.partial_ratio(candidate, text) for candidate in {" ".join(parts), rotated})


@rule(
    "grounding.not_in_source",
    "warning",
    "Every extracted number, date, name and title is printed in the source text.",
)
def not_in_source(context: Context) -> Iterator[Finding]:
    if context.source_text is None:
        return
    numbers = normalise(context.source_text)
    text = words(context.source_text)
    for path, name, leaf in context.leaves:
        value = leaf.value if isinstance(leaf, Cell) else leaf
        if isinstance(value, Decimal | date):
            pattern = number_pattern(value) if isinstance(value, Decimal) else date_pattern(value)
            if not re.search(pattern, numbers):
                yield Finding(
                    f"{value} is not in the source text",
                    [path],
                    {"value": value, "searched": pattern},
                )
        elif name in _NAMES and isinstance(value, str):
            score = _name_score(value, text)
            if score < NAME_THRESHOLD:
                yield Finding(
                    f"{value!r} is not in the source text (best match {score:.0f}%)",
                    [path],
                    {"value": value, "score": score, "threshold": NAME_THRESHOLD},
                )
