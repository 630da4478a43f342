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
from functools import lru_cache

from rapidfuzz import fuzz

from form4.schema import Cell
from form4.validators.engine import Context, Finding, rule

NAME_THRESHOLD = 85
"""rapidfuzz ``partial_ratio`` at or above which a name or title counts as printed."""

_NAMES = frozenset({"rpt_owner_name", "issuer_name", "officer_title", "signature_name"})
_CONFUSABLE = str.maketrans("OoIl|SB", "0011158")
_NUMERIC_TOKEN = re.compile(r"[^\s()]*\d[^\s()]*")
_SPACED_DATE = re.compile(
    r"(?<!\d)\d(?:[ \t]*\d)?[ \t]*/[ \t]*\d(?:[ \t]*\d)?[ \t]*/[ \t]*\d(?:[ \t]*\d){3}(?!\d)"
)


@lru_cache(maxsize=16)
def normalise(text: str) -> str:
    """Text with OCR's letter-for-digit confusions undone inside numbers, and dates closed up.

    Only tokens that hold a digit are touched, so "SONUS" stays a word while "1O/17/2O11" and
    "l00,000" become numbers again; "10/17 /2011" and "1 0/17/2021" lose their stray spaces.
    Cached: every rule run on one filing asks for the same source text.
    """
    text = _NUMERIC_TOKEN.sub(lambda match: match.group().translate(_CONFUSABLE), text)
    return _SPACED_DATE.sub(lambda match: re.sub(r"\s", "", match.group()), text)


def _number_pattern(value: Decimal) -> str:
    """Any printing of ``value``: thousands by comma, dot, space or tab; decimal dot or comma."""
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = re.findall(r"\d{1,3}(?=(?:\d{3})*$)", whole)
    body = "0?" if whole == "0" and fraction else r"[ \t,.]?".join(groups)
    tail = rf"[.,]{fraction}0*" if fraction else r"(?:\.0+|,0{1,2})?"
    return rf"(?<![\d.,]){body}{tail}(?![.,]?\d)"


def _date_pattern(value: date) -> str:
    return rf"(?<!\d)0?{value.month}/0?{value.day}/{value.year}(?!\d)"


@lru_cache(maxsize=16)
def words(text: str) -> str:
    """Text as lower-case words without punctuation, how names are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


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
            pattern = _number_pattern(value) if isinstance(value, Decimal) else _date_pattern(value)
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
