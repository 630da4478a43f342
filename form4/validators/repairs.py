"""Values the rules determine beyond doubt, filled in and recorded as :class:`Repair`s.

Only gaps are filled, never a value overwritten: a wrong value is the reviewer's call, while an
empty code next to a tax-withholding footnote has exactly one right answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from form4.result import Repair
from form4.schema import DirectOrIndirect, Form4Filing, TransactionCode
from form4.validators.engine import repair
from form4.validators.lines import Line, lines, transactions
from form4.validators.rules.codes import repaired_direction

TAX_WITHHOLDING = re.compile(
    r"payment\s+of\s+(the\s+)?(exercise\s+price\s+or\s+)?tax\s+liability\s+by\s+"
    r"(delivering|withholding)",
    re.IGNORECASE,
)
"""Form 4's own wording of code F, as issuers copy it into footnotes."""


def _cited(line: Line) -> set[str]:
    return {
        footnote_id
        for name in type(line.row).model_fields
        if (cell := line.cell(name)) is not None
        for footnote_id in cell.footnotes
    }


def _fill(line: Line, name: str, value: StrEnum, rule: str, reason: str) -> Repair:
    """Fills an empty cell, keeping any footnote mark printed in it, and records the repair."""
    old = line.cell(name)
    setattr(line.row, name, {"value": value, "footnotes": old.footnotes if old else []})
    return Repair(rule=rule, field=line.at(name), old=None, new=str(value), reason=reason)


@repair
def tax_withholding_code(filing: Form4Filing) -> Iterator[Repair]:
    texts = {note.id: note.text for note in filing.footnotes}
    for line in transactions(filing):
        if line.value("transaction_code") is not None:
            continue
        cited = sorted(_cited(line))
        if any(TAX_WITHHOLDING.search(texts.get(footnote_id, "")) for footnote_id in cited):
            yield _fill(
                line,
                "transaction_code",
                TransactionCode.F,
                "codes.missing",
                f"footnote {', '.join(cited)} describes payment of tax liability (code F)",
            )


@repair
def direction_from_code(filing: Form4Filing) -> Iterator[Repair]:
    every = list(transactions(filing))
    for line in every:
        repaired = repaired_direction(line, every)
        if repaired is None or line.value("transaction_acquired_disposed_code") is not None:
            continue
        direction, why = repaired
        yield _fill(line, "transaction_acquired_disposed_code", direction, "codes.missing", why)


@repair
def indirect_from_nature(filing: Form4Filing) -> Iterator[Repair]:
    """Column 7 (Table II: 11) states the nature of an indirect holding only: a line that
    prints one ("By Trust") but whose D/I letter OCR lost is indirect."""
    for line in lines(filing):
        if (
            line.value("nature_of_ownership") is None
            or line.value("direct_or_indirect_ownership") is not None
        ):
            continue
        yield _fill(
            line,
            "direct_or_indirect_ownership",
            DirectOrIndirect.I,
            "ownership.missing",
            "a nature of ownership is printed, which only an indirect holding has",
        )
