"""Where the parts of a cleaned Form 4 text begin: boxes 1-6, Table I, Table II, the explanations,
the remarks and the signature block.

OCR keeps the printed order of the form's parts even when it scrambles the columns inside them,
so the titles that separate them are found by OCR-tolerant patterns and each part is the text up
to the next title found. A title that is not found leaves its part empty and its text with the
part before, so nothing is lost: a reader that finds nothing in its part abstains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACED = r"\s?"


def _loose(word: str) -> str:
    """A word as OCR may print it, with a stray space between any two letters."""
    return _SPACED.join(re.escape(letter) for letter in word)


_TABLE = rf"T{_SPACED}a{_SPACED}b{_SPACED}[l1i]{_SPACED}e"
"""The word "Table", its l perhaps read as a 1 or an i ("Tabie | - Non-Derivative", the dev half's
alk_2020-11-05 printed medium: taken for no heading, its lines were lost with the boxes)."""
_TABLE_I = re.compile(
    rf"{_TABLE}\s*\S{{0,2}}\s*[-\u2013\u2014~]?\s*N\s?o\S{{0,2}}\s?n?\s?-?\s?{_loose('Deriv')}",
    re.IGNORECASE,
)
_TABLE_II = re.compile(rf"{_TABLE}\s*[I1l|]\s?[I1l|!](?!\w)", re.IGNORECASE)
"""Table II's number as OCR prints it: "Table II", "Table Il", "Table I!" (mdb_2018-07-12,
synthetic 059_heavy)."""
_DERIVATIVE_TITLE = re.compile(
    rf"(?<![Nn]on-)(?<![Nn]on)(?<![Nn]on )\b{_loose('Derivative')}\s+{_loose('Securities')}\s+"
    rf"{_loose('Acquired')}",
    re.IGNORECASE,
)
"""Table II's title without its number, for when OCR lost "Table II": Table I's title can read
the same when OCR lost its "Non-", so this is only the fallback. Table I's own title may lose its
hyphen ("Tablet - Non Derivative Secuthies"), never its "Non"."""
_DERIVATIVE_EXAMPLES = re.compile(r"\bputs,?\s*calls,?\s*warrants", re.IGNORECASE)
"""The line under Table II's title, "(e.g., puts, calls, warrants, options, convertible
securities)", printed nowhere else: the last fallback, for when OCR lost the title line whole."""
_EXPLANATIONS = re.compile(r"Explanation\s*of\s*Res\S*", re.IGNORECASE)
_REMARKS = re.compile(r"\bRemarks\s*:", re.IGNORECASE)
SIGNATURE_LABEL = re.compile(
    r"\**\s*\bSign\w{2,5}\s+[o0][ftl]\s+\S{2,12}(?:\s\S{1,5})?\s+P[eo]\w{3,5}\b\W{0,3}"
    r"(?:\s*Date\b:?)?",
    re.IGNORECASE,
)
""""Signature of Reporting Person" and the "Date" beside it, as OCR spells them ("Signature ot
Reponing Person", "Signanee of Reporting Person")."""


def _table_ii(text: str, after_table_i: int | None) -> re.Match[str] | None:
    """Where Table II begins. Its number is the surest sign, but a page that goes on with Table II
    prints it again, so where OCR garbled the first one ("Table tt'-") the second would take the
    whole table for Table I's: after Table I's title, the first of the three signs found wins.
    Without Table I's title its title's words alone may be Table I's, so they only follow."""
    signs = (_TABLE_II, _DERIVATIVE_TITLE, _DERIVATIVE_EXAMPLES)
    found = [match for sign in signs if (match := sign.search(text, after_table_i or 0))]
    if after_table_i is None:
        return found[0] if found else None
    return min(found, key=lambda match: match.start(), default=None)


@dataclass(frozen=True)
class Sections:
    """The text of each part of the form, in printed order."""

    header: str
    table_i: str
    table_ii: str
    explanations: str
    remarks: str
    signature: str


def split_sections(text: str) -> Sections:
    first = _TABLE_I.search(text)
    table_i_start = first.start() if first else None
    after_first = first.end() if first else 0
    second = _table_ii(text, after_first if first else None)
    table_ii_start = second.start() if second else None
    explanations = _EXPLANATIONS.search(text, second.end() if second else 0)
    notes_start = explanations.start() if explanations else None
    remarks = _REMARKS.search(text, notes_start or (second.end() if second else 0))
    remarks_start = remarks.start() if remarks else None
    starts = [table_i_start, table_ii_start, notes_start, remarks_start]

    def part(index: int) -> str:
        start = starts[index]
        if start is None:
            return ""
        following = [s for s in starts[index + 1 :] if s is not None]
        return text[start : following[0] if following else len(text)]

    found = [s for s in starts if s is not None]
    header = text[: found[0]] if found else text
    tail_start = max(found) if found else len(text)
    signature = SIGNATURE_LABEL.search(text, tail_start)
    return Sections(
        header=header,
        table_i=part(0),
        table_ii=part(1),
        explanations=part(2),
        remarks=part(3),
        signature=text[tail_start:] if signature else "",
    )
