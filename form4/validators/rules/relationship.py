"""Box 5: the reporting person's relationship to the issuer (EDGAR checks)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic.alias_generators import to_camel

from form4.schema import ReportingOwner
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import item

_BOXES = ("is_director", "is_officer", "is_ten_percent_owner", "is_other")


def _at(index: int, name: str) -> str:
    return item("reporting_owners", index, ReportingOwner, name)


@rule("relationship.none_checked", "error", "At least one relationship box is checked.")
def none_checked(context: Context) -> Iterator[Finding]:
    for index, owner in enumerate(context.filing.reporting_owners, start=1):
        if not any(getattr(owner, box) for box in _BOXES):
            yield Finding(
                f"{owner.rpt_owner_name}: no relationship box is checked",
                [_at(index, box) for box in _BOXES],
                {},
            )


def _box_without_text(context: Context, box: str, text: str, what: str) -> Iterator[Finding]:
    """Officer and Other are the two boxes whose check needs words beside it."""
    for index, owner in enumerate(context.filing.reporting_owners, start=1):
        if getattr(owner, box) and not getattr(owner, text):
            yield Finding(
                what.format(name=owner.rpt_owner_name),
                [_at(index, box), _at(index, text)],
                {to_camel(box): True, to_camel(text): None},
            )


@rule(
    "relationship.officer_title",
    "warning",
    "An officer states a title; EDGAR requires it now, but older filings (and OCR) may lack it.",
)
def officer_title(context: Context) -> Iterator[Finding]:
    return _box_without_text(
        context, "is_officer", "officer_title", "{name} is an officer but no title is given"
    )


@rule("relationship.other_text", "error", "Checking Other requires its text.")
def other_text(context: Context) -> Iterator[Finding]:
    return _box_without_text(
        context, "is_other", "other_text", "{name}: Other is checked but not specified"
    )
