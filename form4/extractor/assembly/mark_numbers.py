"""Footnote marks whose number OCR ran together or misread, read again where the filing's
footnotes show it.

A cell that cites two footnotes prints two small marks side by side, "(2)(3)"; OCR often loses
the ")(" between them and reads one number, "(23)" (lnkd_2012-04-02 and lnkd_2013-01-02 printed
clean, yelp_2012-03-07 and u_2022-02-11 printed light, each beside footnotes that stop at 6 or 8),
and it reads a small 3 as 8 ("(28)" for (2)(3), "(2)(8)" beside footnotes that stop at 6: the
same prints and u_2020-09-22). A mark citing a footnote the filing does not have is read as the
marks its digits name, with its 8s read as 3s where only so they name footnotes: one digit, or
digits rising from 2 ("(21)" does not rise; "(16)" may be (6) with its "(" read as 1, or a tenth
footnote OCR lost: mvis_2026-06-08 and fb_2017-07-28 printed medium). Each such reading is a
repair (``layout.mark_number``) for review to see; what no reading settles is left as read, for
``footnotes.unresolved`` to flag. So are the marks of a page too garbled to be sure every
footnote was read, or whose footnotes skip a number: a mark may then cite one that was lost (the
dev half's heavy scans lost 37 of their 64).
"""

from __future__ import annotations

from itertools import pairwise

from form4.extractor.assembly.confidence import legibility
from form4.result import Repair
from form4.schema import Cell, Form4Filing
from form4.validators.lines import lines, references

RENUMBERED = "layout.mark_number"
_REASON = (
    "no footnote has the number read; its digits, an 8 read as 3 where only so, name footnotes "
    "the filing has: OCR lost the ')(' between two marks printed side by side, or misread a 3"
)


_SMALL_THREE = str.maketrans("8", "3")
"""OCR's reading of a small 3 as 8."""


def _read_again(mark: str, defined: set[str]) -> list[str] | None:
    """The marks a cited id that names no footnote was garbled from; None where none are
    ("F23" and "F28" -> ["F2", "F3"], "F8" -> ["F3"] beside footnotes F1 to F6)."""
    digits = mark.removeprefix("F")
    if mark in defined or not digits.isdigit():
        return None
    for read in dict.fromkeys((digits, digits.translate(_SMALL_THREE))):
        numbers = [int(digit) for digit in read]
        marks = [f"F{number}" for number in numbers]
        rising = all(a < b for a, b in pairwise(numbers))
        whole = len(read) == 1 or (rising and numbers[0] > 1)
        if whole and all(m in defined for m in marks):
            return marks
    return None


def mark_numbers(filing: Form4Filing, text: str) -> tuple[Form4Filing, list[Repair]]:
    """The filing with each table cell's marks whose number OCR garbled read again, and a
    repair for each cell changed; ``text`` is the whole text read."""
    defined = {note.id for note in filing.footnotes}
    numbered = {f"F{number}" for number in range(1, len(defined) + 1)}
    unresolved = any(mark not in defined for mark, _ in references(filing))
    if not defined or not unresolved or defined != numbered or legibility(text) != "clean":
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
                again = _read_again(mark, defined)
                read += [m for m in again or [mark] if m not in read]
            if read != cell.footnotes:
                repairs.append(
                    Repair(
                        rule=RENUMBERED,
                        field=f"{line.at(name)}/footnoteId",
                        old=list(cell.footnotes),
                        new=read,
                        reason=_REASON,
                    )
                )
                cell.footnotes = read
    return (updated, repairs) if repairs else (filing, [])
