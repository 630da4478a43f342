"""The running balance of each holding, line to line within one filing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from form4.schema import AcquiredDisposed
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, folded, transactions
from form4.validators.rules.dates import reported_apart

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _marks(line: Line, name: str) -> tuple[str, ...]:
    cell = line.cell(name)
    return () if cell is None else tuple(sorted(cell.footnotes))


def holding_key(line: Line) -> tuple[object, ...]:
    """Lines move the same balance when they hold the same thing the same way: security,
    ownership form and, held indirectly, the nature with the footnotes that name the holder
    (filers write "See footnote" on every indirect line and say who in the note); for a
    derivative, the series too: exercise price, exercise date and expiration (RSUs of four
    grants are four holdings). Text is case-folded."""
    form = line.value("direct_or_indirect_ownership")
    nature = None
    if form == "I":
        nature = (folded(line.value("nature_of_ownership")), _marks(line, "nature_of_ownership"))
    series = tuple(
        (line.value(name), _marks(line, name))
        for name in ("conversion_or_exercise_price", "exercise_date", "expiration_date")
    )
    return line.table, folded(line.value("security_title")), series, form, nature


def _explained(context: Context, line: Line, gap: Decimal) -> bool:
    """Whether a footnote of the balance states the gap, as in "includes 3,019 shares acquired
    under the employee stock purchase plan": the filer explained it."""
    texts = {note.id: note.text for note in context.filing.footnotes}
    return any(
        Decimal(number.replace(",", "")) == abs(gap)
        for mark in _marks(line, "shares_owned_following_transaction")
        for number in _NUMBER.findall(texts.get(mark, ""))
    )


def signed_shares(line: Line) -> Decimal | None:
    shares = line.value("transaction_shares")
    direction = line.value("transaction_acquired_disposed_code")
    if shares is None or direction is None:
        return None
    return shares if direction == AcquiredDisposed.A else -shares


@rule(
    "holdings.chain",
    "warning",
    "On consecutive lines of one holding within one reporting window, owned-following moves "
    "by exactly the shares traded.",
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
        if reported_apart(previous.value("transaction_date"), line.value("transaction_date")):
            continue
        if _explained(context, line, after - (before + change)):
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
