"""Titles a narrow cell wrapped: option titles whose "(right to buy)" OCR printed away from the
table line, and classes of stock answered by their class alone.

Table II's title cell wraps "Stock Option (right to buy)" over two or three printed lines; OCR
often reads the wrapped part as a line of its own, far below the table (seen: "(Right to" among
the remarks, "buy)" after the explanations), so the line holds only "Stock Option". The fragment
is evidence enough: a title cell is the only place of the form that prints "(right to".
"""

from __future__ import annotations

import re
from typing import TypeVar

from form4.extractor.readers.cells import MARK_ONLY, unmarked
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


_CLASS = r"[CG][il1]ass\s?([A-C])"
"""A class as OCR prints it: "Class B", "ClassA", "Ciass B", "GiassA"."""
_CLASS_ALONE = re.compile(rf"\W*{_CLASS}(?:\s*\([^()]{{1,4}}\))?\W*")
"""A class alone, with the specks and the garbled mark OCR left around it ("> Class B", "Class
B (314)")."""
_COMMON_STOCK = re.compile(r"\bCommon\b.*?\bStock\b", re.IGNORECASE | re.DOTALL)
_TITLES = ("securityTitle", "underlyingSecurityTitle")


def with_classes_completed(cells: dict[str, str], line: str) -> dict[str, str]:
    """A Table II line's title or underlying title answered as a class alone ("Class B")
    completed to "Class B Common Stock" where the lines printed under the line hold "Common ...
    Stock": a class letter names no security, and a narrow cell wraps the rest of its name
    below (yelp_2013-03-08: "Class B 03/08/2013 C 157,750 ... Class A 157,750 $0 ..." over
    "Common Stock Common" and "Stock"). Used where the lines below are too garbled for the
    column-by-column completion. An underlying title answered as the wrapped part alone
    ("Common Stock") takes the class the line prints right before its amount ("Class A
    12,870")."""
    first, _, below = line.partition("\n")
    if not _COMMON_STOCK.search(below):
        return cells
    completed = dict(cells)
    for key in _TITLES:
        cell = cells.get(key)
        value = unmarked(cell)
        if cell is not None and value is not None and (alone := _CLASS_ALONE.fullmatch(value)):
            completed[key] = f"Class {alone[1]} Common Stock{''.join(MARK_ONLY.findall(cell))}"
    underlying, shares = (
        cells.get("underlyingSecurityTitle"),
        unmarked(cells.get("underlyingSecurityShares")),
    )
    if underlying is not None and shares and unmarked(underlying) == "Common Stock":
        printed = re.search(rf"{_CLASS}\W*\s+{re.escape(shares)}(?![\d,])", first)
        if printed:
            completed["underlyingSecurityTitle"] = f"Class {printed[1]} {underlying}"
    return completed
