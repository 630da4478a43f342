"""Numbers in the tables: one of shares or value, the range EDGAR accepts, footnoted prices."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic.alias_generators import to_camel

from form4.schema import Cell
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import lines, transactions

EXCLUSIVE_PAIRS = (
    ("shares_owned_following_transaction", "value_owned_following_transaction"),
    ("underlying_security_shares", "underlying_security_value"),
    ("transaction_shares", "transaction_total_value"),
)
"""Shares or a dollar value, never both nor neither; a row kind without the pair skips it."""

MAX_DECIMALS = 4


def _given(cell: Cell[object] | None) -> bool:
    """A cell holding only a footnote mark is given: EDGAR accepts the mark instead of a value."""
    return cell is not None and (cell.value is not None or bool(cell.footnotes))


@rule("amounts.shares_or_value", "error", "Exactly one of shares or value is given, per column.")
def shares_or_value(context: Context) -> Iterator[Finding]:
    for line in lines(context.filing):
        for pair in EXCLUSIVE_PAIRS:
            if pair[1] not in type(line.row).model_fields:
                continue
            given = [name for name in pair if _given(line.cell(name))]
            if len(given) != 1:
                yield Finding(
                    f"{'both' if given else 'neither'} of {pair[0]} and {pair[1]} given",
                    [line.at(name) for name in pair],
                    {to_camel(name): line.value(name) for name in pair},
                )


@rule("amounts.range", "error", f"Numbers are non-negative with at most {MAX_DECIMALS} decimals.")
def amount_range(context: Context) -> Iterator[Finding]:
    for line in lines(context.filing):
        for name in type(line.row).model_fields:
            value = line.value(name)
            if not isinstance(value, Decimal):
                continue
            exponent = value.as_tuple().exponent
            if value < 0 or (isinstance(exponent, int) and exponent < -MAX_DECIMALS):
                yield Finding(
                    f"{value} is negative or too precise", [line.at(name)], {to_camel(name): value}
                )


@rule("amounts.price_missing", "error", "A transaction without a price footnotes why.")
def price_missing(context: Context) -> Iterator[Finding]:
    for line in transactions(context.filing):
        if not _given(line.cell("transaction_price_per_share")):
            yield Finding("no price and no footnote", [line.at("transaction_price_per_share")], {})
