"""Titles a narrow cell wrapped: option titles whose "(right to buy)" OCR printed away from the
table line, and classes of stock answered by their class alone; and titles a small model did not
read at all, taken from where the line prints them.

Table II's title cell wraps "Stock Option (right to buy)" over two or three printed lines; OCR
often reads the wrapped part as a line of its own, far below the table (seen: "(Right to" among
the remarks, "buy)" after the explanations), so the line holds only "Stock Option". The fragment
is evidence enough: a title cell is the only place of the form that prints "(right to".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from form4.extractor.readers.cells import MARK_ONLY, unmarked
from form4.extractor.readers.rows import is_title
from form4.extractor.readers.table_lines import first_date
from form4.schema import DerivativeHolding, DerivativeTransaction
from form4.validators.lines import Table

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


_TITLE_VOCABULARY = (
    "Class", "Common", "Stock", "Ordinary", "Shares", "Share", "Series", "Preferred",
    "Convertible", "Units", "Unit", "Capital", "American", "Depositary", "Restricted",
    "Performance", "Deferred", "Employee", "Director", "Non-Qualified", "Nonqualified",
    "Incentive", "Option", "Options", "Purchase", "Warrant", "Warrants", "Phantom",
    "Appreciation", "Rights",
)  # fmt: skip
"""The words of the titles a table line may print (``rows``' title shapes), for OCR's
misreadings of them to be read back."""
_PRINTED_CLASS = re.compile(r"\b[CG][il1]ass\s?([A-C8])\b")
"""A class as OCR prints it, its B read as 8 too ("Class 8")."""
_HEAD_END = re.compile(r"\$|\d[\d,.]{2,}")
"""Where a line's title has ended at the latest: its first price or amount (a holding prints no
date)."""
_LEAD = re.compile(r"^[^A-Za-z(]+")
_WORD = re.compile(r"(.*?)((?:\(\d{1,2}\))*)")
_TRAILING_SPECKS = re.compile(r"[^\w(]+$")
"""What ends a title's word in print besides its marks: a stop, a quote, a garbled mark's
bracket ("Stock)", "Stock'*)")."""


def printed_title(table: Table, line: str) -> str | None:
    """The title a table line prints before its first date or amount, with OCR's specks before
    it dropped and its words' misread letters read back ("Ciass B Comrhon Stock", "ClassB",
    "Class 8"); None where no run of its first words has a title's shape."""
    first = line.partition("\n")[0]
    date = first_date(first)
    head = first[: date.start()] if date else first
    head = head[: end.start()] if (end := _HEAD_END.search(head)) else head
    head = _PRINTED_CLASS.sub(lambda m: f"Class {m[1].replace('8', 'B')}", _LEAD.sub("", head))
    words = [_title_word(word) for word in head.split()]
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if is_title(table, candidate):
            return candidate
    return None


def _title_word(word: str) -> str:
    """A word of a title as meant: one of the titles' words OCR misread in a letter (two in a
    longer word: "rh" for "m") is that word, in the case it was printed in, without the specks
    after it; its marks kept; any other word ("(Right", a number) as printed."""
    split = _WORD.fullmatch(word)
    assert split is not None, "every string matches"
    plain, marks = split.groups()
    core = _TRAILING_SPECKS.sub("", plain)
    if len(core) < 5 or not core.replace("-", "").isalpha():
        return word
    if any(core.casefold() == known.casefold() for known in _TITLE_VOCABULARY):
        return core + marks
    found = process.extractOne(
        core,
        _TITLE_VOCABULARY,
        scorer=Levenshtein.distance,
        processor=str.casefold,
        score_cutoff=1 if len(core) < 6 else 2,
    )
    if found is None:
        return word
    known = found[0]
    return (known.upper() if core.isupper() else known) + marks


_TITLE_TAIL = 4
"""Words a title's head may be completed with: "Convertible Preferred Stock" after "Series A",
"Option (Right to Buy)" after "Employee Stock"."""


_GLUED_CLASS = re.compile(r"\b(Class|Series)([A-Z](?:-\d)?)\b")
"""A class's or series' letter OCR printed against its word, the space lost ("ClassA",
yelp_2012-03-07)."""


def completed_title(table: Table, title: str, text: str) -> str | None:
    """A title answered as its head alone ("Class B", "Series A", "Restricted Stock", OCR's
    specks around it or its letter glued to its word, "ClassA") completed to the only title the
    filing prints that begins with it (in its notes, its other lines: "Class B Common Stock"),
    OCR's misread letters read back;
    None where the head is a title already, or where the filing prints no such title or two
    ("Class B Common Stock" and "Class B Ordinary Shares"); a unit and units are one title,
    taken as the plural filers title it by."""
    head = " ".join(_LEAD.sub("", title).rstrip(" .,:;'\"").split())
    head = _GLUED_CLASS.sub(r"\1 \2", head)
    if not head or is_title(table, head):
        return None
    words = _words_read_back(text)
    size = len(head.split())
    tails: list[str] = []
    for start in range(len(words) - size):
        if " ".join(words[start : start + size]).casefold() != head.casefold():
            continue
        for extra in range(1, _TITLE_TAIL + 1):
            if is_title(table, " ".join(words[start : start + size + extra])):
                tails.append(" ".join(words[start + size : start + size + extra]))
                break
    if len({tail.casefold().removesuffix("s") for tail in tails}) != 1:
        return None
    return f"{head} {max(tails, key=lambda tail: (tail.endswith('s'), tail.istitle()))}"


@lru_cache(maxsize=4)
def _words_read_back(text: str) -> tuple[str, ...]:
    """The filing's words with the titles' words read back, once per filing however many of
    its titles ask."""
    return tuple(_title_word(word) for word in text.split())


def with_printed_title(table: Table, cells: dict[str, str], line: str) -> dict[str, str]:
    """A model's title that is none ("N/A", "No title", specks, the issuer's name, a garbled
    "Ciass A Comrhon Stock") replaced by the title the line prints, where that one has a
    title's shape; the answer as it is otherwise, and where it is a title already."""
    answered = cells.get("securityTitle")
    if answered is not None and is_title(table, answered):
        return cells
    printed = printed_title(table, line)
    return cells if printed is None else {**cells, "securityTitle": printed}


_TITLE_WORD_CORE = re.compile(r"[A-Za-z][A-Za-z-]{2,}")


def without_unprinted_words(cells: dict[str, str], line: str) -> dict[str, str]:
    """A model's title or underlying title cut back before its first word its line's block does
    not print, even garbled (the words read back as :func:`printed_title` reads them, or held
    inside a word OCR ran together, "jStocki1@"): a small model fills a class's wrapped rest
    from the prompt's examples ("Class B Preferred Stock" where the block prints "Class B" over
    "Common ... Stock", fb_2017-07-28, mdb_2019-04-01). The head that is left is completed from
    the filing's other titles as any answered head is; a title whose first word is not printed
    stays as answered, there being no head to keep."""
    block = " ".join(_title_word(word) for word in line.split()).casefold()
    cut = dict(cells)
    for key in _TITLES:
        cell = cells.get(key)
        value = unmarked(cell)
        if cell is None or not value:
            continue
        words = value.split()
        for at, word in enumerate(words):
            core = _TITLE_WORD_CORE.search(word)
            if core is not None and core.group().casefold() not in block:
                if at > 0:
                    cut[key] = " ".join(words[:at]) + "".join(MARK_ONLY.findall(cell))
                break
    return cut
