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
from form4.validators.source_text import absence, find_value, normalise, number_pattern

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


_THREE_GROUPS = 1_000_000
"""Below it a number has at most two digit groups, hence one separator, which cannot be mixed."""


@rule(
    "grounding.split_number",
    "warning",
    "A number is printed somewhere with a space between all its digit groups or between none.",
)
def split_number(context: Context) -> Iterator[Finding]:
    """A space where a thousands comma belongs is also how OCR prints two numbers side by side:
    when 1124537 is printed only as "1 124,537", the text may hold a "1" (a footnote mark, a
    neighbouring cell) and 124,537, and the model may have joined them."""
    if context.source_text is None:
        return
    text = normalise(context.source_text)
    for path, _, leaf in context.leaves:
        value = leaf.value if isinstance(leaf, Cell) else leaf
        if not isinstance(value, Decimal) or abs(value) < _THREE_GROUPS:
            continue
        consistent = number_pattern(value, consistent=True)
        printed = find_value(value, number_pattern(value), text)
        if printed and not find_value(value, consistent, text):
            yield Finding(
                f"{value} is printed only with a space between some of its digit groups: "
                "perhaps two numbers",
                [path],
                {"value": value, "searched": consistent},
            )
