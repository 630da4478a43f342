"""Defects in the boxes around the tables: box 3, box 4, box 5 and the signature dates."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta

from form4.schema import DocumentType, Form4Filing, OwnerSignature, ReportingOwner
from form4.synthetic.edits import Defect, Edit, kind
from form4.validators.lines import header, item, transactions
from form4.validators.rules.dates import due_date


def _signature_path(index: int) -> str:
    return item("owner_signatures", index, OwnerSignature, "signature_date")


def _owner_path(index: int, name: str) -> str:
    return item("reporting_owners", index, ReportingOwner, name)


# --- dates -----------------------------------------------------------------------------------


def _trade_dates(filing: Form4Filing) -> list[date]:
    return [day for line in transactions(filing) if (day := line.value("transaction_date"))]


@kind
def _wrong_box_3(filing: Form4Filing) -> list[Edit]:
    return [partial(_misdate_box_3, filing)] if _trade_dates(filing) else []


def _misdate_box_3(filing: Form4Filing, rng: random.Random) -> Defect:
    earliest = min(_trade_dates(filing))
    wrong = rng.choice(
        [
            earliest + relativedelta(years=rng.choice((-1, 1))),
            earliest + timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3))),
            *(s.signature_date for s in filing.owner_signatures if s.signature_date != earliest),
        ]
    )
    filing.period_of_report = wrong
    return Defect(
        rule="dates.period_of_report",
        path=header("period_of_report"),
        description=f"Box 3 reads {wrong} although the earliest transaction is of {earliest}.",
    )


def _signatures(filing: Form4Filing, make: Callable[..., Defect]) -> list[Edit]:
    return [
        partial(make, filing, index)
        for index, signature in enumerate(filing.owner_signatures, start=1)
        if signature.signature_date is not None and _trade_dates(filing)
    ]


@kind
def _early_signature(filing: Form4Filing) -> list[Edit]:
    return _signatures(filing, _sign_early)


def _sign_early(filing: Form4Filing, index: int, rng: random.Random) -> Defect:
    latest = max(_trade_dates(filing))
    if rng.random() < 0.5:
        wrong = latest - relativedelta(years=1)
    else:
        wrong = latest - timedelta(days=rng.randint(1, 10))
    filing.owner_signatures[index - 1].signature_date = wrong
    return Defect(
        rule="dates.signed_before_transaction",
        path=_signature_path(index),
        description=f"The signature is dated {wrong}, before the transaction of {latest}.",
    )


@kind
def _late_signature(filing: Form4Filing) -> list[Edit]:
    return _signatures(filing, _sign_late)


def _sign_late(filing: Form4Filing, index: int, rng: random.Random) -> Defect:
    due = due_date(min(_trade_dates(filing)))
    wrong = due + timedelta(days=rng.randint(1, 30))
    filing.owner_signatures[index - 1].signature_date = wrong
    return Defect(
        rule="dates.late",
        path=_signature_path(index),
        description=f"The signature is dated {wrong}, after the filing deadline of {due}.",
    )


@kind
def _amendment_without_date(filing: Form4Filing) -> list[Edit]:
    if filing.document_type is not DocumentType.FORM_4A:
        return []
    return [partial(_drop_original_date, filing)]


def _drop_original_date(filing: Form4Filing, rng: random.Random) -> Defect:
    original = filing.date_of_original_submission
    filing.date_of_original_submission = None
    return Defect(
        rule="filing.amendment_date",
        path=header("date_of_original_submission"),
        description=f"Box 4 of the amendment is left blank instead of the original's {original}.",
    )


# --- box 5: relationship ---------------------------------------------------------------------


@kind
def _untitled_officer(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_drop_owner_text, owner, index, "officer_title", "relationship.officer_title")
        for index, owner in enumerate(filing.reporting_owners, start=1)
        if owner.is_officer and owner.officer_title
    ]


@kind
def _unspecified_other(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_drop_owner_text, owner, index, "other_text", "relationship.other_text")
        for index, owner in enumerate(filing.reporting_owners, start=1)
        if owner.is_other and owner.other_text
    ]


def _drop_owner_text(
    owner: ReportingOwner, index: int, name: str, rule: str, rng: random.Random
) -> Defect:
    old = getattr(owner, name)
    setattr(owner, name, None)
    return Defect(
        rule=rule,
        path=_owner_path(index, name),
        description=f"The box is checked for {owner.rpt_owner_name} but {old!r} is not printed "
        "below it.",
    )


_BOXES = ("is_director", "is_officer", "is_ten_percent_owner", "is_other")


@kind
def _unchecked_boxes(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_uncheck, owner, index)
        for index, owner in enumerate(filing.reporting_owners, start=1)
    ]


def _uncheck(owner: ReportingOwner, index: int, rng: random.Random) -> Defect:
    checked = next(box for box in _BOXES if getattr(owner, box))
    for box in _BOXES:
        setattr(owner, box, False)
    return Defect(
        rule="relationship.none_checked",
        path=_owner_path(index, checked),
        description=f"No relationship box is checked for {owner.rpt_owner_name}.",
    )
