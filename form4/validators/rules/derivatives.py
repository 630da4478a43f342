"""Table II facts of options and other derivatives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4.schema import TransactionCode
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, lines, transactions


def is_option_grant(line: Line) -> bool:
    """A Table II award (code A) of an option: the case whose columns must mirror each other."""
    title = (line.value("security_title") or "").lower()
    return (
        line.table == "II"
        and line.value("transaction_code") is TransactionCode.A
        and "option" in title
    )


_UNITS = re.compile(r"\bunits?\b|\bRSUs?\b|\bPSUs?\b", re.IGNORECASE)


def settles_at_vesting(line: Line) -> bool:
    """Restricted and performance stock units convert into shares on the day they vest, so the
    day they become exercisable is the day they expire; options live on after it."""
    return bool(_UNITS.search(line.value("security_title") or ""))


@rule(
    "derivatives.expiration",
    "warning",
    "A derivative expires after it becomes exercisable (a unit settling at vesting, on that day).",
)
def expiration(context: Context) -> Iterator[Finding]:
    for line in lines(context.filing):
        if line.table != "II":
            continue
        start, end = line.value("exercise_date"), line.value("expiration_date")
        if start is None or end is None or end > start:
            continue
        if end < start or not settles_at_vesting(line):
            yield Finding(
                f"expires {end}, not after it becomes exercisable {start}",
                [line.at("exercise_date"), line.at("expiration_date")],
                {"exerciseDate": start, "expirationDate": end},
            )


@rule(
    "derivatives.underlying",
    "warning",
    "An option grant's underlying shares equal the options granted.",
)
def underlying(context: Context) -> Iterator[Finding]:
    for line in transactions(context.filing):
        granted = line.value("transaction_shares")
        shares = line.value("underlying_security_shares")
        if is_option_grant(line) and None not in (granted, shares) and granted != shares:
            yield Finding(
                f"{granted} options granted but {shares} underlying shares",
                [line.at("transaction_shares"), line.at("underlying_security_shares")],
                {"transactionShares": granted, "underlyingSecurityShares": shares},
            )


@rule("derivatives.award_price", "info", "An option award is usually priced $0 in column 8.")
def award_price(context: Context) -> Iterator[Finding]:
    for line in transactions(context.filing):
        price = line.value("transaction_price_per_share")
        if is_option_grant(line) and price:
            yield Finding(
                f"an option award priced {price}; column 8 is usually $0 for awards",
                [line.at("transaction_price_per_share")],
                {"transactionPricePerShare": price},
            )
