"""Dates that follow from one another: box 3, the transaction dates and the signature."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import holidays

from form4.schema import DocumentType, OwnerSignature, Timeliness, TransactionCode
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, header, item, references, transactions

FILING_DEADLINE_BUSINESS_DAYS = 2
"""Rule 16a-3(g): a Form 4 is due before the end of the second business day after the trade."""


GIFTS_DUE_ON_FORM_4 = date(2023, 2, 27)
"""Since this day (Release 33-11138) gifts are due on a Form 4 within two business days; before
it they could wait for the year's Form 5."""
_FORM_5_CODES = frozenset({TransactionCode.L, TransactionCode.W, TransactionCode.I})
"""Transactions a Form 5 may report, which a filer who reports them early marks E."""
_NO_FORM_4_CLOCK = re.compile(r"16a\W*-?\W*13|16a\W*-?\W*2\s*\(\s*a\s*\)", re.IGNORECASE)
"""Rule 16a-13 (changes in the form of ownership, exempt from reporting) and Rule 16a-2(a)
(transactions before registration, reported with the first one after it): the footnote of such
a line says so, and no two-day clock runs from its date."""


@cache
def _edgar_closed(year: int) -> holidays.HolidayBase:
    """Federal holidays and the days federal offices closed by order (the national day of
    mourning of 5 December 2018, Christmas Eve 2019 and 2020): EDGAR takes no filings then."""
    return holidays.country_holidays("US", years=year, categories=("public", "government"))


def due_date(trade: date) -> date:
    """The last day a Form 4 for ``trade`` is on time: weekends and days EDGAR was closed
    skipped."""
    day, left = trade, FILING_DEADLINE_BUSINESS_DAYS
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _edgar_closed(day.year):
            left -= 1
    return day


def reported_apart(first: date | None, second: date | None) -> bool:
    """Whether one date is past the other's Form 4 deadline: a holding may then have moved in
    between by transactions another report gave (eb_2021-06-21: two transfers two months apart,
    with sales reported between them)."""
    if first is None or second is None:
        return False
    earlier, later = sorted((first, second))
    return later > due_date(earlier)


def _exempt_notes(context: Context) -> set[str]:
    """The footnotes citing Rule 16a-13 or 16a-2(a), found once per validation."""
    if "exempt_notes" not in context.derived:
        context.derived["exempt_notes"] = {
            note.id for note in context.filing.footnotes if _NO_FORM_4_CLOCK.search(note.text)
        }
    return context.derived["exempt_notes"]


def on_a_form_4_clock(context: Context, line: Line) -> bool:
    """Whether the line's date starts the two business days of a Form 4: not for a line its
    filer marks reported early (E) that a Form 5 may report (a gift before the 2023 rule, a
    small acquisition, an inheritance), nor for one whose footnote cites Rule 16a-13 or 16a-2(a)."""
    code = line.value("transaction_code")
    traded = line.value("transaction_date")
    form_5 = code in _FORM_5_CODES or (
        code is TransactionCode.G and traded is not None and traded < GIFTS_DUE_ON_FORM_4
    )
    if form_5 and line.value("transaction_timeliness") is Timeliness.E:
        return False
    exempt = _exempt_notes(context)
    return not exempt or not any(note in exempt for note, _ in references(line.row))


@rule("dates.period_of_report", "warning", "Box 3 equals the earliest transaction date.")
def period_of_report(context: Context) -> Iterator[Finding]:
    """Box 3 is the date of the earliest transaction the Form 4 is due for; lines reported
    early or exempt from the two-day clock may be older (EDGAR does not check this). Which
    lines are due is the filer's own account here: a line it marks reported early (E) does not
    set box 3 whatever its code, as on the real filings that mark one (a conversion made for a
    gift, marked E with the gift: box 3 is the date of the lines due, days later). Whether such
    a line was in fact due is ``dates.late``'s question."""
    dated = [
        (line.value("transaction_date"), line)
        for line in transactions(context.filing)
        if on_a_form_4_clock(context, line)
        and line.value("transaction_timeliness") is not Timeliness.E
    ]
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
    "warning",
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
    "info",
    "Reported (signed; for a 4/A, first filed) after the second business day following the "
    "transaction (or its deemed execution).",
)
def late(context: Context) -> Iterator[Finding]:
    """A late report is a fact about the filer, stated by the filing's own dates, not a doubt
    about any value read: EDGAR accepts late filings (5 of the 60 real ones are), and a reader
    of delinquent filings finds them here with the due date. A misread date that only makes a
    filing look late is the confidence's business: ``ok`` needs every value confident."""
    for path, signed in _filed(context):
        for line in transactions(context.filing):
            if not on_a_form_4_clock(context, line):
                continue
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
