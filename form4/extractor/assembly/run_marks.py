"""Footnote marks that OCR ran together, read apart where the filing's footnotes show it.

A cell that cites two footnotes prints two small marks side by side, "(2)(3)"; OCR often loses
the ")(" between them and reads one number, "(23)" (lnkd_2012-04-02 and lnkd_2013-01-02 printed
clean, yelp_2012-03-07 and u_2022-02-11 printed light, each beside footnotes that stop at 6 or 8).
A mark citing a footnote the filing does not have, whose digits in rising order each name one it
has, is read as those marks, and each such reading is a repair (``layout.marks_run_together``)
for review to see. Digits that do not rise ("(21)"), or one that names no footnote ("(28)" for
(2)(3), the 3 read as 8), are left as read, for ``footnotes.unresolved`` to flag. So is a mark
whose first digit is 1: OCR reads a mark's "(" as 1 ("(16)" for (6), mvis_2026-06-08 printed
medium) and a tenth footnote may be the one OCR lost ("(19)" for (10) beside footnotes read up
to 9, fb_2017-07-28 printed medium). So are the marks of a page too garbled to be sure every
footnote was read, or whose footnotes skip a number: a mark may then cite one that was lost (the
dev half's heavy scans lost 37 of their 64).
"""

from __future__ import annotations

from itertools import pairwise

from form4.extractor.assembly.confidence import legibility
from form4.result import Repair
from form4.schema import Cell, Form4Filing
from form4.validators.lines import lines

MARKS_RUN_TOGETHER = "layout.marks_run_together"
_REASON = (
    "no footnote has this number, and its digits, in rising order, each name one the filing "
    "has: OCR lost the ')(' between two marks printed side by side"
)


def _apart(mark: str, defined: set[str]) -> list[str] | None:
    """The marks a cited id that names no footnote was run together from; None where it was
    not ("F23" -> ["F2", "F3"] beside footnotes F1 to F6)."""
    digits = mark.removeprefix("F")
    if mark in defined or len(digits) < 2 or not digits.isdigit():
        return None
    numbers = [int(digit) for digit in digits]
    marks = [f"F{number}" for number in numbers]
    rising = all(a < b for a, b in pairwise(numbers))
    return marks if rising and numbers[0] > 1 and all(m in defined for m in marks) else None


def marks_apart(filing: Form4Filing, text: str) -> tuple[Form4Filing, list[Repair]]:
    """The filing with each table cell's marks that OCR ran together read apart, and a repair
    for each cell changed; ``text`` is the whole text read."""
    defined = {note.id for note in filing.footnotes}
    numbered = {f"F{number}" for number in range(1, len(defined) + 1)}
    if not defined or defined != numbered or legibility(text) != "clean":
        return filing, []
    updated = filing.model_copy(deep=True)
    repairs: list[Repair] = []
    for line in lines(updated):
        for name in type(line.row).model_fields:
            cell = getattr(line.row, name)
            if not isinstance(cell, Cell) or not cell.footnotes:
                continue
            read: list[str] = []
            for mark in cell.footnotes:
                apart = _apart(mark, defined)
                read += [m for m in apart or [mark] if m not in read]
            if read != cell.footnotes:
                repairs.append(
                    Repair(
                        rule=MARKS_RUN_TOGETHER,
                        field=f"{line.at(name)}/footnoteId",
                        old=list(cell.footnotes),
                        new=read,
                        reason=_REASON,
                    )
                )
                cell.footnotes = read
    return (updated, repairs) if repairs else (filing, [])
