"""Columns 6-7 (Table I) and 10-11 (Table II): direct or indirect, and the nature of the latter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4.schema import DirectOrIndirect
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import lines

_FIELDS = ("direct_or_indirect_ownership", "nature_of_ownership")


@rule("ownership.nature", "error", "Direct ownership has no nature; indirect ownership states one.")
def nature(context: Context) -> Iterator[Finding]:
    for line in lines(context.filing):
        form, text = line.value(_FIELDS[0]), line.value(_FIELDS[1])
        if form is DirectOrIndirect.D and text:
            yield Finding(
                "direct ownership with a nature of ownership",
                [*map(line.at, _FIELDS)],
                {"directOrIndirectOwnership": form, "natureOfOwnership": text},
            )
        elif form is DirectOrIndirect.I and not text:
            yield Finding(
                "indirect ownership without its nature",
                [*map(line.at, _FIELDS)],
                {"directOrIndirectOwnership": form, "natureOfOwnership": None},
            )


@rule("ownership.missing", "warning", "Every line says whether ownership is direct or indirect.")
def missing(context: Context) -> Iterator[Finding]:
    for line in lines(context.filing):
        if line.value(_FIELDS[0]) is None:
            yield Finding("the line has no ownership form (D or I)", [line.at(_FIELDS[0])], {})


_WORD = re.compile(r"[A-Za-z]{2}")


@rule(
    "ownership.nature_text",
    "warning",
    "A nature of ownership names who holds the shares: words, not a footnote mark or a number.",
)
def nature_text(context: Context) -> Iterator[Finding]:
    """None of the 302 natures of the real, synthetic and seed golds lacks a word; a garbled
    mark read as one ("13)") is a misread cell."""
    for line in lines(context.filing):
        text = line.value(_FIELDS[1])
        if text is not None and not _WORD.search(text):
            yield Finding(
                "the nature of ownership holds no word",
                [line.at(_FIELDS[1])],
                {"natureOfOwnership": text},
            )
