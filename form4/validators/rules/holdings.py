"""The running balance of each holding, line to line within one filing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from form4.schema import AcquiredDisposed
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, transactions


def _folded(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def holding_key(line: Line) -> tuple[object, ...]:
    """Lines move the same balance when security, exercise price (two option grants at two
    strikes are two holdings) and ownership form (and I's nature) agree; text case-folded."""
    form = line.value("direct_or_indirect_ownership")
    nature = _folded(line.value("nature_of_ownership")) if form == "I" else None
    price = line.value("conversion_or_exercise_price")
    return line.table, _folded(line.value("security_title")), price, form, nature


def signed_shares(line: Line) -> Decimal | None:
    shares = line.value("transaction_shares")
    direction = line.value("transaction_acquired_disposed_code")
    if shares is None or direction is None:
        return None
    return shares if direction == AcquiredDisposed.A else -shares


@rule(
    "holdings.chain",
    "error",
    "On consecutive lines of one holding, owned-following moves by exactly the shares traded.",
)
def chain(context: Context) -> Iterator[Finding]:
    last: dict[tuple[object, ...], Line] = {}
    for line in transactions(context.filing):
        key = holding_key(line)
        previous = last.get(key)
        last[key] = line
        before = previous.value("shares_owned_following_transaction") if previous else None
        after = line.value("shares_owned_following_transaction")
        change = signed_shares(line)
        if previous is None or None in (before, after, change) or before + change == after:
            continue
        yield Finding(
            f"{before} {'+' if change >= 0 else '-'} {abs(change)} is {before + change}, "
            f"but the line says {after} owned following",
            [
                previous.at("shares_owned_following_transaction"),
                line.at("transaction_shares"),
                line.at("shares_owned_following_transaction"),
            ],
            {"previousFollowing": before, "change": change, "following": after},
        )
