"""Footnote marks whose number OCR ran together ("(23)" for "(2)(3)") or misread (a 3 as 8), read
again by the filing's footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import from_xml
from form4.extractor.assembly.mark_numbers import RENUMBERED, mark_numbers
from form4.schema import Form4Filing

FIXTURES = Path(__file__).parent / "fixtures"
_NAME = "lnkd_2012-04-02_hoffman"
_CLEAN = (FIXTURES / "real_dev_clean" / f"{_NAME}.txt").read_text()


def _filed() -> Form4Filing:
    """A filing with footnotes F1 to F6 whose Table II lines cite F2 and F3 on their dates."""
    return from_xml((FIXTURES / "real" / f"{_NAME}.xml").read_bytes())


def _with_exercisable(marks: list[str]) -> Form4Filing:
    filing = _filed()
    filing.derivative_transactions[0].exercise_date.footnotes = marks
    return filing


@pytest.mark.parametrize("marks", [["F23"], ["F28"], ["F2", "F8"]])
def test_a_mark_no_footnote_has_is_read_as_the_rising_marks_it_was_garbled_from(
    marks: list[str],
) -> None:
    """The clean print of this filing reads its "(2)(3)" as "(23)" and "(28)", its 3 as 8."""
    filed = _filed()
    assert filed.derivative_transactions[0].exercise_date.footnotes == ["F2", "F3"]
    read, repairs = mark_numbers(_with_exercisable(marks), _CLEAN)
    assert read == filed
    assert [(r.rule, r.field, r.old, r.new) for r in repairs] == [
        (
            RENUMBERED,
            "derivativeTable/derivativeTransaction[1]/exerciseDate/footnoteId",
            marks,
            ["F2", "F3"],
        )
    ]


@pytest.mark.parametrize(
    "marks",
    [
        ["F32"],  # digits that do not rise
        ["F27"],  # a digit that names no footnote (F1 to F6)
        ["F20"],  # no footnote 0
        ["F16"],  # a 1 that may be the mark's "(" (6) or a lost tenth footnote's
        ["F3"],  # a footnote the filing has
    ],
)
def test_a_mark_no_reading_settles_is_left_as_read(marks: list[str]) -> None:
    filing = _with_exercisable(marks)
    assert mark_numbers(filing, _CLEAN) == (filing, [])


def test_nothing_is_read_again_where_footnotes_may_have_been_lost() -> None:
    """Footnotes that skip a number, or a page too garbled to be sure every one was read: the
    mark may cite a footnote OCR lost."""
    filing = _with_exercisable(["F23"])
    skipping = filing.model_copy(update={"footnotes": filing.footnotes[:4] + filing.footnotes[5:]})
    assert mark_numbers(skipping, _CLEAN) == (skipping, [])
    heavy = (FIXTURES / "real" / f"{_NAME}.txt").read_text()
    assert mark_numbers(filing, heavy) == (filing, [])
