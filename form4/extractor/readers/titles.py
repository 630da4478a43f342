"""Option titles whose "(right to buy)" OCR printed away from the table line.

Table II's title cell wraps "Stock Option (right to buy)" over two or three printed lines; OCR
often reads the wrapped part as a line of its own, far below the table (seen: "(Right to" among
the remarks, "buy)" after the explanations), so the line holds only "Stock Option". The fragment
is evidence enough: a title cell is the only place of the form that prints "(right to".
"""

from __future__ import annotations

import re
from typing import TypeVar

from form4.schema import DerivativeHolding, DerivativeTransaction

_BARE_OPTION = re.compile(
    r"(?:(?:Employee|Incentive|Non-?Qualified|Director)\s+)?(?:Stock\s+)?Options?", re.IGNORECASE
)
_RIGHT_TO = re.compile(r"\(\s*right\s+to\b", re.IGNORECASE)
_WHOLE_RIGHT = re.compile(r"\(\s*right\s+to\s+(?:buy|sell)\s*\)", re.IGNORECASE)
_BROKEN_RIGHT = re.compile(
    r"\s*\(\s*right\s+to\b(?!\s*(?:buy|sell)\s*\))[^()]*\)?\s*$", re.IGNORECASE
)
"""A "(right to" the title cell wrapped, closed by whatever word the line printed next (a model
copies "(right to Stock)" from "(right to Stock", where "Stock" is the underlying title's)."""
_SELL = re.compile(r"\bsell\s*\)", re.IGNORECASE)

DerivativeRow = TypeVar("DerivativeRow", DerivativeTransaction, DerivativeHolding)


def wrapped_right(titles: list[str], text: str) -> str | None:
    """ "(right to buy)" or "(right to sell)" when ``text`` (Table II and what follows it) prints
    the fragment and no title holds it whole; None otherwise."""
    if not _RIGHT_TO.search(text) or any(_WHOLE_RIGHT.search(title) for title in titles):
        return None
    return f"(right to {'sell' if _SELL.search(text) else 'buy'})"


def with_right(row: DerivativeRow, right: str) -> DerivativeRow:
    """The row with a bare option title, or one whose "(right to" is broken, completed by
    ``right``; any other title as it is."""
    title = row.security_title
    bare = _BROKEN_RIGHT.sub("", title.value).strip()
    if not _BARE_OPTION.fullmatch(bare):
        return row
    completed = title.model_copy(update={"value": f"{bare} {right}"})
    return row.model_copy(update={"security_title": completed})
