"""Confidence of an extracted value: the measured accuracy of values read with the same signals.

The signals are what the extractor knows of a value without its gold: which part of the form it
is (a table cell, a footnote mark, a box, an explanation), what sort of value (text, a number, a
date, a code letter, a ticked box, marks), which reader gave it (a pattern, the model, a
layout rule, a validator's repair, and which rule), how it was found in the text it was read from
(``exact``, ``ocr``: once OCR's confusions are undone or fuzzily, ``elsewhere``, ``absent``,
``not_searched`` for a flag), whether a conflict points at it, and how legible the print of its
lines is. ``form4 calibrate`` counts, over an evaluation of labelled filings (the real-filings
``dev`` half), how many values of each combination were right; a value's confidence is that
share, smoothed toward 1/2 by one right and one wrong value, taken from the most detailed
combination with enough values and from a coarser one where a combination is rare. So a
confidence of 0.9 means: nine in ten such values were right where it was measured.

Checked by fitting on half of the dev half's issuers and scoring the other half, both ways: a
band's confidence and accuracy were 0.046 apart on average (0.049 without a repair's rule), and
36 of the 2,649 predicted values wrong, unflagged and above the threshold (39 without). Drawing
every combination toward its coarser ones instead of backing off narrowed that gap, when it was
measured (0.062 to 0.049), but doubled those (33 to 64).

The status threshold is measured with it: the least confidence every value of a filing must
reach for ``ok``, chosen on the same filings so that the ``ok`` ones are exact (95 in 100 of
them; ``evals.calibration``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from form4.result import Grounding, Legibility, Reader, ValueKind

Part = Literal["cell", "mark", "box", "note", "form"]

_ODD = re.compile(r"[^A-Za-z0-9\s,.$()/%&'\"#:;-]")
NOISY = 0.01
GARBLED = 0.04
"""Shares of odd characters (none of letters, digits, spaces and the form's punctuation) in a
value's lines from which its print is noisy or garbled. On the real-filings corpus the clean
scans' lines hold under 1 in 100, heavy scans' often more than 4."""


def legibility(text: str) -> Legibility:
    """How legible a stretch of OCR text is, by its share of characters no form prints."""
    if not text:
        return "clean"
    odd = len(_ODD.findall(text)) / len(text)
    if odd >= GARBLED:
        return "garbled"
    return "noisy" if odd >= NOISY else "clean"


class Signals(BaseModel):
    """What is known of one value without its gold."""

    model_config = ConfigDict(frozen=True)

    part: Part
    kind: ValueKind
    reader: Reader
    grounding: Grounding
    flagged: bool
    legibility: Legibility
    rule: str | None = None
    """The repair that gave the value, for a layout rule's or a validator's: each is right as
    often as its own evidence is, which its kind of reader alone does not tell."""

    def combinations(self) -> list[str]:
        """The combinations this value belongs to, most detailed first: a repaired value's by
        its rule, then every value's without it."""
        by_rule = (
            (
                (self.part, self.kind, self.rule, self.grounding, self.flagged, self.legibility),
                (self.rule, self.flagged, self.legibility),
                (self.rule, self.flagged),
                (self.rule,),
            )
            if self.rule is not None
            else ()
        )
        levels = (
            *by_rule,
            (self.part, self.kind, self.reader, self.grounding, self.flagged, self.legibility),
            (self.part, self.reader, self.grounding, self.flagged, self.legibility),
            (self.reader, self.grounding, self.flagged, self.legibility),
            (self.reader, self.grounding, self.flagged),
            (self.reader, self.grounding),
            (self.reader,),
            (),
        )
        return ["|".join(map(str, level)) for level in levels]


MIN_VALUES = 30
"""Values a combination needs before its share is taken over a coarser one's."""


class Calibration(BaseModel):
    """Right and all values per combination of signals, and the status threshold."""

    measured_on: str = Field(description="The evaluation the counts come from.")
    threshold: float = Field(ge=0, le=1, description="Least confidence of every value for ok.")
    counts: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="Combination to (right, all) values."
    )

    def confidence(self, signals: Signals) -> float:
        for key in signals.combinations():
            right, total = self.counts.get(key, (0, 0))
            if total >= MIN_VALUES or key == "":
                return round((right + 1) / (total + 2), 4)
        raise AssertionError("the empty combination is always counted")


CALIBRATION_FILE = "calibration.json"


@cache
def shipped_calibration() -> Calibration:
    """The calibration measured on the real-filings dev half, shipped with the package."""
    text = files("form4.extractor.assembly").joinpath(CALIBRATION_FILE).read_text(encoding="utf-8")
    return Calibration.model_validate(json.loads(text))
