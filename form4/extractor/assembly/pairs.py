"""The code of one side of a conversion or an exercise, from the code its other side prints.

A conversion (C), an option's exercise (X) or a unit's settlement (M) is printed twice: the
derivative given up, a Table II line disposed of (D) whose underlying amount is what was
received, and the security received, a line acquired (A) of that amount on the same day (in
Table I, or in Table II where one derivative converts into another). Both lines carry the same
code. The given side may have lost its (A)/(D) to the scan too (``codes.missing`` later gives
it the code's), so any Table II line not acquired may be it. A scan that garbles one code
letter ("le", "Gn", "Ver}") leaves the model to guess it, and a small model then answers a
neighbouring letter ("E", "G", "I", "O"; the dev half's heavy scans). Where the two sides pair
up one to one and one side's code is a pair's code while the other's, which the model gave, is
none, the model's is taken to be the pair's; each such change is a repair
(``layout.paired_code``) for review to see. An exercise and a sale of the same amount on the
same day (a cashless exercise) differ in direction, so the sale is never paired.
"""

from __future__ import annotations

from collections.abc import Collection

from form4.result import Repair
from form4.schema import AcquiredDisposed, Cell, Form4Filing, TransactionCode
from form4.validators.lines import Line, transactions

PAIRED_CODE = "layout.paired_code"
_PAIR_CODES = frozenset({TransactionCode.C, TransactionCode.M, TransactionCode.X})
_CODE = "transaction_code"
_RECEIVED = AcquiredDisposed.A


def paired_codes(filing: Form4Filing, guessed: Collection[str]) -> tuple[Form4Filing, list[Repair]]:
    """The filing with the model's code of a paired line set to its partner's pair code.

    ``guessed`` holds the paths of the lines whose code the model gave where the code column
    prints no letter legibly: a letter printed, even one no pair carries, is the filer's (a
    synthetic defect prints H for M; the validators are to flag it, not a repair to hide it)."""
    updated = filing.model_copy(deep=True)
    lines = list(transactions(updated))
    given = [line for line in lines if line.table == "II" and _direction(line) is not _RECEIVED]
    received = [line for line in lines if _direction(line) is _RECEIVED]
    pairs = [
        (giving, receiving)
        for giving in given
        for receiving in received
        if receiving is not giving and _same_day_and_amount(giving, receiving)
    ]
    changes: dict[str, tuple[Line, TransactionCode]] = {}
    for giving, receiving in pairs:
        if _count(pairs, giving) != 1 or _count(pairs, receiving) != 1:
            continue
        for line, partner in ((giving, receiving), (receiving, giving)):
            code, partner_code = line.value(_CODE), partner.value(_CODE)
            if line.path in guessed and partner_code in _PAIR_CODES and code not in _PAIR_CODES:
                changes[line.path] = (line, partner_code)
    repairs = []
    for line, code in changes.values():
        cell = line.row.transaction_code
        repairs.append(
            Repair(
                rule=PAIRED_CODE,
                field=line.at(_CODE),
                old=cell.value,
                new=code,
                reason=f"the line pairs with one of code {code} the same day and amount "
                "(a conversion's or an exercise's two sides carry one code); the scan "
                "garbled this line's letter",
            )
        )
        line.row.transaction_code = Cell(value=code, footnotes=cell.footnotes)
    return (updated, repairs) if repairs else (filing, [])


def _direction(line: Line) -> AcquiredDisposed | None:
    return line.value("transaction_acquired_disposed_code")


def _same_day_and_amount(giving: Line, receiving: Line) -> bool:
    day = giving.value("transaction_date")
    amount = giving.value("underlying_security_shares")
    return (
        day is not None
        and amount is not None
        and receiving.value("transaction_date") == day
        and receiving.value("transaction_shares") == amount
    )


def _count(pairs: list[tuple[Line, Line]], line: Line) -> int:
    return sum(line in pair for pair in pairs)
