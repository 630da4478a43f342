"""Defects in the cells of table lines: balances, prices, codes, dates and ownership columns."""

from __future__ import annotations

import random
from functools import partial

from dateutil.relativedelta import relativedelta

from form4.schema import AcquiredDisposed, Form4Filing, TransactionCode
from form4.synthetic.edits import Defect, Edit, kind, misprint, put, schedules
from form4.validators.lines import Line, lines, references, transactions
from form4.validators.repairs import TAX_WITHHOLDING
from form4.validators.rules.derivatives import is_option_grant
from form4.validators.rules.holdings import holding_key

# --- balances, prices and dates of lines --------------------------------------------------------


@kind
def _broken_balance(filing: Form4Filing) -> list[Edit]:
    """Lines whose balance follows from an earlier line of the same holding."""
    seen: set[tuple[object, ...]] = set()
    edits: list[Edit] = []
    for line in transactions(filing):
        key = holding_key(line)
        if key in seen and line.value("shares_owned_following_transaction") is not None:
            edits.append(partial(_misstate_balance, line))
        seen.add(key)
    return edits


def _misstate_balance(line: Line, rng: random.Random) -> Defect:
    name = "shares_owned_following_transaction"
    owned = line.value(name)
    wrong = misprint(rng, owned)
    put(line, name, wrong)
    return Defect(
        rule="holdings.chain",
        path=line.at(name),
        description=f"The amount owned following reads {wrong:,} instead of {owned:,}, so it no "
        "longer follows from the line before.",
    )


@kind
def _missing_price(filing: Form4Filing) -> list[Edit]:
    """Priced lines whose price cell has no footnote that could explain a blank."""
    return [
        partial(_blank_price, line)
        for line in transactions(filing)
        if (cell := line.cell("transaction_price_per_share")) and not cell.footnotes
    ]


def _blank_price(line: Line, rng: random.Random) -> Defect:
    name = "transaction_price_per_share"
    price = line.value(name)
    put(line, name, None)
    return Defect(
        rule="amounts.price_missing",
        path=line.at(name),
        description=f"The price (${price}) is left blank and no footnote explains why.",
    )


@kind
def _wrong_underlying(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_misstate_underlying, line)
        for line in transactions(filing)
        if is_option_grant(line) and line.value("underlying_security_shares") is not None
    ]


def _misstate_underlying(line: Line, rng: random.Random) -> Defect:
    name = "underlying_security_shares"
    shares = line.value(name)
    wrong = misprint(rng, shares)
    put(line, name, wrong)
    return Defect(
        rule="derivatives.underlying",
        path=line.at(name),
        description=f"The option grant's underlying shares read {wrong:,} instead of the "
        f"{shares:,} options granted.",
    )


@kind
def _expires_too_soon(filing: Form4Filing) -> list[Edit]:
    """Derivatives with both dates printed and no vesting schedule, which an expiration moved
    before the exercisable date would contradict as well."""
    scheduled = {line.path for line, _, _ in schedules(filing)}
    return [
        partial(_misdate_expiration, line)
        for line in lines(filing)
        if line.table == "II"
        and line.path not in scheduled
        and None not in (line.value("exercise_date"), line.value("expiration_date"))
    ]


def _misdate_expiration(line: Line, rng: random.Random) -> Defect:
    """The expiration year typed as the year the derivative becomes exercisable."""
    exercisable, expires = line.value("exercise_date"), line.value("expiration_date")
    wrong = expires - relativedelta(years=expires.year - exercisable.year)
    if wrong > exercisable:
        wrong -= relativedelta(years=1)
    put(line, "expiration_date", wrong)
    return Defect(
        rule="derivatives.expiration",
        path=line.at("expiration_date"),
        description=f"The expiration date reads {wrong}, not after the date exercisable "
        f"{exercisable}.",
    )


# --- codes -----------------------------------------------------------------------------------

_OPPOSITE: dict[tuple[str, AcquiredDisposed], tuple[TransactionCode, ...]] = {
    ("I", AcquiredDisposed.A): (TransactionCode.S, TransactionCode.F, TransactionCode.D),
    ("I", AcquiredDisposed.D): (TransactionCode.P, TransactionCode.M),
    ("II", AcquiredDisposed.A): (TransactionCode.S, TransactionCode.D),
    ("II", AcquiredDisposed.D): (TransactionCode.P,),
}
"""Codes whose fixed direction contradicts the line's (A) or (D). A is never drawn: an award
would bring the vesting rules into play."""


@kind
def _wrong_code(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_miscode, line)
        for line in transactions(filing)
        if line.value("transaction_acquired_disposed_code") is not None
    ]


def _miscode(line: Line, rng: random.Random) -> Defect:
    direction = line.value("transaction_acquired_disposed_code")
    old = line.value("transaction_code")
    new = rng.choice(_OPPOSITE[line.table, direction])
    put(line, "transaction_code", new)
    return Defect(
        rule="codes.direction",
        path=line.at("transaction_code"),
        description=f"The code reads {new} instead of {old}, though the line says ({direction}).",
    )


@kind
def _expiration_code_in_table_i(filing: Form4Filing) -> list[Edit]:
    return [partial(_expiration_code, line) for line in transactions(filing) if line.table == "I"]


def _expiration_code(line: Line, rng: random.Random) -> Defect:
    """F misread as E is the likeliest; H is the other expiration code."""
    old = line.value("transaction_code")
    expirations = (TransactionCode.E, TransactionCode.H)
    new = TransactionCode.E if old is TransactionCode.F else rng.choice(expirations)
    put(line, "transaction_code", new)
    return Defect(
        rule="codes.table",
        path=line.at("transaction_code"),
        description=f"The Table I code reads {new} instead of {old}; {new} only expires "
        "derivatives.",
    )


@kind
def _blank_code(filing: Form4Filing) -> list[Edit]:
    """Lines whose footnotes do not state code F: for those the validator fills the code in."""
    texts = {note.id: note.text for note in filing.footnotes}
    return [
        partial(_drop_code, line)
        for line in transactions(filing)
        if line.value("transaction_code") is not None
        and not any(TAX_WITHHOLDING.search(texts.get(key, "")) for key, _ in references(line.row))
    ]


def _drop_code(line: Line, rng: random.Random) -> Defect:
    old = line.value("transaction_code")
    put(line, "transaction_code", None)
    return Defect(
        rule="codes.missing",
        path=line.at("transaction_code"),
        description=f"The code column is left blank instead of {old}.",
    )


# --- ownership columns -----------------------------------------------------------------------


@kind
def _wrong_nature(filing: Form4Filing) -> list[Edit]:
    """A nature beside direct ownership (any line), or none beside indirect ownership (holding
    lines only: a transaction line without its nature would also break the balance chain)."""
    edits: list[Edit] = []
    for line in lines(filing):
        form = line.value("direct_or_indirect_ownership")
        if form == "D":
            edits.append(partial(_add_nature, line))
        elif form == "I" and not line.is_transaction and line.value("nature_of_ownership"):
            edits.append(partial(_drop_nature, line))
    return edits


def _add_nature(line: Line, rng: random.Random) -> Defect:
    nature = rng.choice(("By Trust", "By Spouse", "By LLC"))
    put(line, "nature_of_ownership", nature)
    return Defect(
        rule="ownership.nature",
        path=line.at("nature_of_ownership"),
        description=f"A directly owned line states the nature {nature!r}.",
    )


def _drop_nature(line: Line, rng: random.Random) -> Defect:
    nature = line.value("nature_of_ownership")
    put(line, "nature_of_ownership", None)
    return Defect(
        rule="ownership.nature",
        path=line.at("nature_of_ownership"),
        description=f"An indirectly owned line leaves out its nature {nature!r}.",
    )
