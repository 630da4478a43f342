"""One known inconsistency injected into a consistent filing, labelled with the rule it trips.

A filing drawn by :mod:`form4.synthetic.truth` breaks no rule, so after one edit the label (the
rule id and the EDGAR path its conflict names) says exactly what a checker should find and where.
Edits change values a filer could really misprint, since the filing is printed afterwards: a
balance off by a digit, a year typed wrong, a code letter, a title left out, a stray footnote
mark. Shapes the schema or the printed form could not hold are not made.
"""

from __future__ import annotations

import random

from form4.schema import Form4Filing
from form4.synthetic import faults
from form4.synthetic.edits import KINDS, Defect

__all__ = ["Defect", "faults", "inject_defect"]


def inject_defect(filing: Form4Filing, rng: random.Random) -> tuple[Form4Filing, Defect]:
    """A copy of ``filing`` with exactly one injected inconsistency, and its label.

    The kind of defect is drawn evenly among those that apply to this filing, then the place.
    ``filing`` itself is not changed.
    """
    broken = filing.model_copy(deep=True)
    kinds = [edits for find in KINDS if (edits := find(broken))]
    if not kinds:
        raise ValueError("no kind of defect applies to this filing")
    edit = rng.choice(rng.choice(kinds))
    return broken, edit(rng)
