"""Transaction codes and the direction (A/D) each implies, per table (form4.md's code table)."""

from __future__ import annotations

from collections.abc import Iterator

from form4.schema import AcquiredDisposed, TransactionCode
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, Table, folded, transactions

A, D = AcquiredDisposed.A, AcquiredDisposed.D

DIRECTION: dict[TransactionCode, dict[Table, AcquiredDisposed]] = {
    TransactionCode.P: {"I": A, "II": A},
    TransactionCode.S: {"I": D, "II": D},
    TransactionCode.A: {"I": A, "II": A},
    TransactionCode.D: {"I": D, "II": D},
    TransactionCode.F: {"I": D, "II": D},
    TransactionCode.M: {"I": A, "II": D},
    TransactionCode.C: {"I": A, "II": D},
    TransactionCode.X: {"I": A, "II": D},
    TransactionCode.O: {"I": A, "II": D},
    TransactionCode.E: {"II": D},
    TransactionCode.H: {"II": D},
    TransactionCode.L: {"I": A, "II": A},
    TransactionCode.U: {"I": D, "II": D},
}
"""The fixed direction of a code in a table; codes absent here (I, G, W, Z, J, K) go either way.

E and H have no Table I entry: they expire derivative positions, so in Table I they are wrong.
"""

DERIVATIVE_ONLY = frozenset(code for code, by_table in DIRECTION.items() if "I" not in by_table)


def expected_direction(code: TransactionCode | None, table: Table) -> AcquiredDisposed | None:
    return DIRECTION.get(code, {}).get(table) if code is not None else None


_RECEIVED_IN_TABLE_II = frozenset(
    {TransactionCode.C, TransactionCode.X, TransactionCode.M, TransactionCode.O}
)
"""Codes that dispose of one derivative for another security: when the security received is
itself a derivative (Class B common that converts into Class A, from preferred stock or a
warrant), its line is acquired in Table II."""


def _peers(line: Line, others: list[Line]) -> list[Line]:
    """The other Table II lines of a Table II line's code and date."""
    if line.table != "II":
        return []
    code, day = line.value("transaction_code"), line.value("transaction_date")
    return [
        other
        for other in others
        if other is not line
        and other.table == "II"
        and other.value("transaction_code") == code
        and other.value("transaction_date") == day
    ]


def _received(line: Line, others: list[Line]) -> bool:
    """A Table II line acquired by a conversion or exercise that another Table II line of the
    same code and date disposes of."""
    return line.value("transaction_code") in _RECEIVED_IN_TABLE_II and any(
        other.value("transaction_acquired_disposed_code") == D for other in _peers(line, others)
    )


def repaired_direction(line: Line, others: list[Line]) -> tuple[AcquiredDisposed, str] | None:
    """The direction a line's code gives it where the line lost its A/D, and why. A Table II
    line of a code that trades one derivative for another is the received one (A) where
    another line of that code and date converts into its security (Class B common from Series
    A preferred, znga_2011-12-21); otherwise the code's own direction."""
    code = line.value("transaction_code")
    title = folded(line.value("security_title"))
    if (
        code in _RECEIVED_IN_TABLE_II
        and title
        and any(
            title == folded(peer.value("underlying_security_title"))
            for peer in _peers(line, others)
        )
    ):
        return A, f"a line of code {code} the same day converts into the line's security"
    expected = expected_direction(code, line.table)
    if expected is None:
        return None
    return expected, f"code {code} in Table {line.table} means {expected}"


@rule("codes.direction", "warning", "The A/D column agrees with the code's direction in its table.")
def direction(context: Context) -> Iterator[Finding]:
    lines = list(transactions(context.filing))
    for line in lines:
        code = line.value("transaction_code")
        actual = line.value("transaction_acquired_disposed_code")
        expected = expected_direction(code, line.table)
        if line.table == "II" and actual == A and _received(line, lines):
            continue
        if expected is not None and actual is not None and actual != expected:
            yield Finding(
                f"code {code} in Table {line.table} means {expected}, but the line says {actual}",
                [line.at("transaction_code"), line.at("transaction_acquired_disposed_code")],
                {"transactionCode": code, "expected": expected, "actual": actual},
            )


@rule("codes.table", "error", "Codes E and H expire derivatives and belong only in Table II.")
def table(context: Context) -> Iterator[Finding]:
    for line in transactions(context.filing):
        code = line.value("transaction_code")
        if line.table == "I" and code in DERIVATIVE_ONLY:
            yield Finding(
                f"code {code} is a derivative expiration but appears in Table I",
                [line.at("transaction_code")],
                {"transactionCode": code},
            )


@rule("codes.missing", "warning", "A transaction line states its code and its direction (A/D).")
def missing(context: Context) -> Iterator[Finding]:
    for line in transactions(context.filing):
        for name in ("transaction_code", "transaction_acquired_disposed_code"):
            if line.value(name) is None:
                yield Finding(
                    f"the transaction has no {name.replace('_', ' ')}", [line.at(name)], {}
                )
