"""Dates that follow from one another: box 3, the transaction dates and the signature."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import holidays

from form4.schema import DocumentType, OwnerSignature
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import header, item, transactions

FILING_DEADLINE_BUSINESS_DAYS = 2
"""Rule 16a-3(g): a Form 4 is due before the end of the second business day after the trade."""


@cache
def _federal_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", years=year)


def due_date(trade: date) -> date:
    """The last day a Form 4 for ``trade`` is on time: weekends and federal holidays skipped."""
    day, left = trade, FILING_DEADLINE_BUSINESS_DAYS
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _federal_holidays(day.year):
            left -= 1
    return day


@rule("dates.period_of_report", "error", "Box 3 equals the earliest transaction date.")
def period_of_report(context: Context) -> Iterator[Finding]:
    dated = [(line.value("transaction_date"), line) for line in transactions(context.filing)]
    dated = [(day, line) for day, line in dated if day is not None]
    if not dated:
        return
    earliest, line = min(dated, key=lambda pair: pair[0])
    period = context.filing.period_of_report
    if period != earliest:
        yield Finding(
            f"period of report {period} is not the earliest transaction date {earliest}",
            [header("period_of_report"), line.at("transaction_date")],
            {"periodOfReport": period, "earliestTransactionDate": earliest},
        )


def _signatures(context: Context) -> Iterator[tuple[str, date]]:
    for index, signature in enumerate(context.filing.owner_signatures, start=1):
        if signature.signature_date is not None:
            path = item("owner_signatures", index, OwnerSignature, "signature_date")
            yield path, signature.signature_date


def _filed(context: Context) -> Iterator[tuple[str, date]]:
    """When the report was made: an amendment corrects a report filed earlier, whose date of
    original submission is the one the deadline applies to."""
    filing = context.filing
    if filing.document_type is DocumentType.FORM_4A:
        if filing.date_of_original_submission is not None:
            yield header("date_of_original_submission"), filing.date_of_original_submission
        return
    yield from _signatures(context)


@rule(
    "dates.signed_before_transaction",
    "error",
    "Nobody signs a report of a transaction that has not happened yet.",
)
def signed_before_transaction(context: Context) -> Iterator[Finding]:
    for path, signed in _signatures(context):
        for line in transactions(context.filing):
            traded = line.value("transaction_date")
            if traded is not None and signed < traded:
                yield Finding(
                    f"signed {signed}, before the transaction of {traded}",
                    [path, line.at("transaction_date")],
                    {"signatureDate": signed, "transactionDate": traded},
                )


@rule(
    "dates.late",
    "warning",
    "Reported (signed; for a 4/A, first filed) after the second business day following the "
    "transaction (or its deemed execution).",
)
def late(context: Context) -> Iterator[Finding]:
    for path, signed in _filed(context):
        for line in transactions(context.filing):
            deemed = line.value("deemed_execution_date") is not None
            name = "deemed_execution_date" if deemed else "transaction_date"
            trigger = line.value(name)
            if trigger is None or signed < trigger:
                continue
            due = due_date(trigger)
            if signed > due:
                yield Finding(
                    f"reported {signed}, after the due date {due} for the transaction of {trigger}",
                    [path, line.at(name)],
                    {"reported": signed, "clockStarts": trigger, "dueDate": due},
                )
