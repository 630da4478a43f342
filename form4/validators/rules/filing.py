"""Whole-filing EDGAR checks: sizes, the ticker, the Section 16 box and amendments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4.edgar_xml import xml_path
from form4.schema import DocumentType, Issuer
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import header, lines

MAX_LINES_PER_TABLE = 30
MAX_OWNERS = 10
MAX_FOOTNOTES = 99
TICKER = re.compile(r"[A-Z]{1,5}(\.[A-Z]{1,2})?")


@rule("filing.size", "error", "At most 30 lines per table, 10 reporting owners, 99 footnotes.")
def size(context: Context) -> Iterator[Finding]:
    filing = context.filing
    per_table = {"I": 0, "II": 0}
    for line in lines(filing):
        per_table[line.table] += 1
    counts = (
        ("Table I lines", "nonDerivativeTable", per_table["I"], MAX_LINES_PER_TABLE),
        ("Table II lines", "derivativeTable", per_table["II"], MAX_LINES_PER_TABLE),
        ("reporting owners", "reportingOwner", len(filing.reporting_owners), MAX_OWNERS),
        ("footnotes", "footnotes", len(filing.footnotes), MAX_FOOTNOTES),
    )
    for what, path, count, limit in counts:
        if count > limit:
            yield Finding(f"{count} {what}, more than {limit}", [path], {"count": count})


@rule("filing.ticker", "warning", "A ticker is 1-5 capital letters, with an optional .class.")
def ticker(context: Context) -> Iterator[Finding]:
    symbol = context.filing.issuer.issuer_trading_symbol
    if symbol is not None and not TICKER.fullmatch(symbol):
        yield Finding(
            f"{symbol!r} does not look like a ticker",
            [f"{header('issuer')}/{xml_path(Issuer, 'issuer_trading_symbol')}"],
            {"issuerTradingSymbol": symbol},
        )


@rule(
    "filing.no_transactions",
    "warning",
    "A Form 4 without transactions checks 'no longer subject to Section 16'.",
)
def no_transactions(context: Context) -> Iterator[Finding]:
    filing = context.filing
    traded = filing.non_derivative_transactions or filing.derivative_transactions
    if not traded and not filing.not_subject_to_section16:
        yield Finding(
            "no transaction is reported and the Section 16 box is not checked",
            [header("not_subject_to_section16")],
            {"transactions": 0, "notSubjectToSection16": False},
        )


@rule(
    "filing.unsigned",
    "warning",
    "A Form 4 is signed: EDGAR takes none without a reporting owner's signature and date.",
)
def unsigned(context: Context) -> Iterator[Finding]:
    """A result without a signature is one whose signature block was not read; named at the
    signatures, where a reviewer finds what is missing."""
    if not context.filing.owner_signatures:
        yield Finding("no signature is reported", [header("owner_signatures")], {"signatures": 0})


@rule("filing.amendment_date", "error", "A 4/A states the date of the original submission.")
def amendment_date(context: Context) -> Iterator[Finding]:
    filing = context.filing
    if filing.document_type is DocumentType.FORM_4A and filing.date_of_original_submission is None:
        yield Finding(
            "an amendment without the date of the original",
            [header("date_of_original_submission")],
            {"documentType": filing.document_type},
        )
