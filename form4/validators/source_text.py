"""Finding extracted values in OCR text: one normalisation for the grounding rule and for the
snippets that every conflict's evidence quotes from the source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

_CONFUSABLE = str.maketrans("OoIl|SB", "0011158")
_NUMERIC_TOKEN = re.compile(r"[^\s()]*\d[^\s()]*")
_LETTER_ZERO_PRICE = re.compile(r"\$[ \t]?[oO](?![A-Za-z0-9])")
"""A price of "$0" whose zero OCR read as a letter: "$o", "$ O"."""
_SPACED_DATE = re.compile(
    r"(?<!\d)\d(?:[ \t]*\d)?[ \t]*/[ \t]*\d(?:[ \t]*\d)?[ \t]*/[ \t]*\d(?:[ \t]*\d){3}(?!\d)"
)


GLUED_MARK = re.compile(
    r"(?<![\d,./(])(\d{1,3}(?:,\d{3})+|\d{3}|\$\d{1,3}(?:,\d{3})*\.\d{4})"
    "([1-9])['\"\u2018\u2019\u201c\u201d]?\\)"
)
"""A mark whose "(" OCR lost or read as a quote, its digit glued to the number before it:
"17,2861\")" is 17,286 and mark (1), since a comma group holds three digits; "1293)" is 129 and
mark (3), since a number of a thousand or more prints its comma (mdb_2021-06-29); "$11.14842)"
is $11.1484 and mark (2), since no price prints five decimals. A ")" with no "(" before it
closes nothing else. "$110.778)" is left alone: prices print two, three or four decimals (the
real corpus's golds hold 141, 10 and 47), so it may be $110.778 with its mark garbled to ")"
(lnkd_2013-01-02) as well as $110.77 and mark (8). A glued 0 is left alone: no mark is (0), so
its digit was misread too."""


def _blank_after_number(glued: re.Match[str]) -> str:
    return glued[1] + " " * (glued.end() - glued.end(1))


def undo_confusions(text: str) -> str:
    """Letters OCR reads for digits put back inside the tokens that hold a digit ("1O/17/2O11",
    "l00,000"), and a mark glued to its number (:data:`GLUED_MARK`) blanked, so that the number
    ends where it ends; every offset kept: a span found in the result is a span of the text."""
    text = _NUMERIC_TOKEN.sub(lambda match: match.group().translate(_CONFUSABLE), text)
    return GLUED_MARK.sub(_blank_after_number, text)


@lru_cache(maxsize=16)
def normalise(text: str) -> str:
    """Text with OCR's letter-for-digit confusions undone inside numbers, and dates closed up.

    Only tokens that hold a digit are touched, so "SONUS" stays a word while "1O/17/2O11" and
    "l00,000" become numbers again, and a dollar sign's lone "o" ("$o") is the zero it follows;
    "10/17 /2011" and "1 0/17/2021" lose their stray spaces.
    Cached: every rule run on one filing asks for the same source text.
    """
    text = _LETTER_ZERO_PRICE.sub("$0", undo_confusions(text))
    return _SPACED_DATE.sub(lambda match: re.sub(r"\s", "", match.group()), text)


_CONSISTENT_SEPARATORS = (r"[,.]?", r"[ \t]")
"""No gap between any two digit groups, or a gap between every two."""


def _digits(value: Decimal) -> tuple[str, str]:
    """The whole part's digits and the fraction's without trailing zeros: what is printed."""
    whole, _, fraction = f"{value:f}".lstrip("+-").partition(".")
    return whole, fraction.rstrip("0")


_DIGIT_RUN = re.compile(r"\d+(?:(?:[ \t,.]|[ \t][.,])\d+)*")


@lru_cache(maxsize=16)
def _longest_digit_run(text: str) -> int:
    """The most digits any printed number of ``text`` holds, separators between them allowed."""
    return max((sum(map(str.isdigit, run)) for run in _DIGIT_RUN.findall(text)), default=0)


def find_value(value: Decimal | date, pattern: str, text: str) -> re.Match[str] | None:
    """Where ``pattern`` of ``value`` is in ``text``. A number with more digits than any number
    of the text cannot be printed there, and is not searched for: the pattern of a number
    thousands of digits long takes seconds to compile."""
    if isinstance(value, Decimal):
        whole, fraction = _digits(value)
        needed = len(fraction) + (0 if whole == "0" and fraction else len(whole))
        if needed > _longest_digit_run(text):
            return None
    return re.search(pattern, text)


def number_pattern(value: Decimal, consistent: bool = False) -> str:
    """Any printing of ``value``: thousands by comma, dot, space or tab; decimal dot or comma,
    perhaps after a space OCR put before it ("22,291 .39", b_2019-12-10 printed clean, as the
    table readers read it); never part of a date ("11" is not printed in "11/23/2012": a small
    model took a date's month for a conversion price, yelp_2012-11-23).

    With ``consistent``, only printings with a space or tab between all digit groups or between
    none: "1,124,537", "1124537", "1 124 537", but not "1 124,537".
    """
    whole, fraction = _digits(value)
    head = len(whole) % 3 or 3  # by arithmetic: a regex that looks ahead to the end is quadratic
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    if whole == "0" and fraction:
        body = "0?"
    elif consistent:
        body = "(?:" + "|".join(sep.join(groups) for sep in _CONSISTENT_SEPARATORS) + ")"
    else:
        body = r"[ \t,.]?".join(groups)
    tail = rf"[ \t]?[.,]{fraction}0*" if fraction else r"(?:\.0+|,0{1,2})?"
    return rf"(?<![\d.,/]){body}{tail}(?![.,]?\d|/\d)"


def date_pattern(value: date) -> str:
    return rf"(?<!\d)0?{value.month}/0?{value.day}/{value.year}(?!\d)"


@lru_cache(maxsize=16)
def words(text: str) -> str:
    """Text as lower-case words without punctuation, how names are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


@lru_cache(maxsize=16)
def _prose(text: str) -> str:
    """The words of ``text`` without its printed dates: a signature that wraps onto a second
    line is printed around its date ("Patricia A. Bradley, pursuant to a 12/12/2019" then
    "Power of Attorney"), and no name or title holds a date."""
    return words(_SPACED_DATE.sub(" ", text))


NAME_THRESHOLD = 85
"""rapidfuzz ``partial_ratio`` at or above which a name or text counts as printed."""


FUZZY_CHARS = 1_000
"""A text is compared by its first this many characters: fuzzy matching costs the product of
both lengths (a 100,000-character answer against one filing took minutes), and no name or title
of the form is this long."""


def _text_score(value: str, text: str) -> float:
    """Best match of the text as written or rotated: EDGAR's "Last First" is printed "First Last"
    in the signature, and OCR often garbles box 1 beyond recognition."""
    parts = words(value)[:FUZZY_CHARS].split()
    rotated = " ".join(parts[1:] + parts[:1])
    return max(fuzz.partial_ratio(candidate, text) for candidate in {" ".join(parts), rotated})


@dataclass(frozen=True)
class Absence:
    """Why a value counts as not printed: what was searched for, or how close the text came."""

    message: str
    evidence: dict[str, Any]


def absence(value: Any, source: str) -> Absence | None:
    """None when ``value`` is printed in ``source`` or is nothing one could look for (a code
    letter, a flag); matching forgives how OCR prints values, so an absence is worth a look."""
    if isinstance(value, Decimal | date):
        pattern = number_pattern(value) if isinstance(value, Decimal) else date_pattern(value)
        if find_value(value, pattern, normalise(source)) is not None:
            return None
        return Absence(f"{value} is not in the source text", {"value": value, "searched": pattern})
    if isinstance(value, str) and not isinstance(value, Enum) and len(words(value)) >= 3:
        score = _text_score(value, _prose(source))
        if score >= NAME_THRESHOLD:
            return None
        return Absence(
            f"{value!r} is not in the source text (best match {score:.0f}%)",
            {"value": value, "score": score, "threshold": NAME_THRESHOLD},
        )
    return None


_SNIPPET_MARGIN = 40


def snippet(source: str, value: Any) -> str | None:
    """The stretch of source text around ``value``, so a reviewer sees where it was read."""
    if isinstance(value, Decimal | date):
        pattern = number_pattern(value) if isinstance(value, Decimal) else date_pattern(value)
        text = normalise(source)
        found = find_value(value, pattern, text)
    elif isinstance(value, str) and 3 <= len(value) <= len(source):
        text = source
        found = re.search(re.escape(value), text, re.IGNORECASE)
    else:
        return None
    if found is None:
        return None
    start = max(found.start() - _SNIPPET_MARGIN, 0)
    return " ".join(text[start : found.end() + _SNIPPET_MARGIN].split())
