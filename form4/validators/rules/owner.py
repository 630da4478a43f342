"""Box 1: the reporting person's name and address as a mailing address must read.

OCR interleaves box 1 with boxes 2-6, so a model reading it can put a date in a street line, a
ZIP code in the state, or a label in the name. None of these can be repaired from the form, but
each is a value a person should look at before it reaches a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4.edgar_xml import xml_path
from form4.schema import Issuer, ReportingOwner
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import header, item

US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "AS",
        "GU",
        "MP",
        "PR",
        "VI",
        "UM",
        "FM",
        "MH",
        "PW",
        "AA",
        "AE",
        "AP",
    ]
)
"""USPS codes of the states, DC, the territories and the armed forces' post offices."""

_ZIP = re.compile(r"\d{5}(?:-?\d{4})?")
_DATE = re.compile(r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}")
FORM_LABEL = re.compile(
    r"\b(?:Reporting\s+Person|Name\s+and\s+Address|Issuer\s+Name|Ticker|Trading\s+Symbol|"
    r"Relationship|Earliest\s+Transaction|Amendment)\b"
    r"|\((?:Last|First|Middle|Street|City|State|Zip)\)",
    re.IGNORECASE,
)


def _at(index: int, name: str) -> str:
    return item("reporting_owners", index, ReportingOwner, name)


def _owners(context: Context) -> Iterator[tuple[int, ReportingOwner]]:
    return enumerate(context.filing.reporting_owners, start=1)


@rule("owner.state", "warning", "A state is a two-letter USPS code.")
def state(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        value = owner.rpt_owner_state
        if value is not None and value.strip().upper() not in US_STATES:
            yield Finding(f"{value!r} is not a US state code", [_at(index, "rpt_owner_state")], {})


@rule("owner.zip_code", "warning", "A ZIP code is five digits, or five and four.")
def zip_code(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        value = owner.rpt_owner_zip_code
        if value is not None and not _ZIP.fullmatch(value.strip()):
            yield Finding(f"{value!r} is not a ZIP code", [_at(index, "rpt_owner_zip_code")], {})


@rule(
    "owner.address_text",
    "warning",
    "Name, street and city hold no date and no label of the form: OCR mixes boxes into box 1.",
)
def address_text(context: Context) -> Iterator[Finding]:
    names = ("rpt_owner_name", "rpt_owner_street1", "rpt_owner_street2", "rpt_owner_city")
    issuer = context.filing.issuer.issuer_name.casefold()
    for index, owner in _owners(context):
        if issuer and issuer in owner.rpt_owner_name.casefold():
            yield Finding(
                f"the name {owner.rpt_owner_name!r} holds the issuer's name: boxes 1 and 2 run "
                "together in the text",
                [
                    _at(index, "rpt_owner_name"),
                    f"{header('issuer')}/{xml_path(Issuer, 'issuer_name')}",
                ],
                {},
            )
        for name in names:
            value = getattr(owner, name)
            if value is None:
                continue
            if _DATE.search(value) or FORM_LABEL.search(value):
                yield Finding(f"{value!r} holds a date or a form label", [_at(index, name)], {})
            elif name == "rpt_owner_city" and re.search(r"\d", value):
                yield Finding(f"city {value!r} holds digits", [_at(index, name)], {})


_BOX_LABEL = re.compile(r"\W*(?:Director|10\s?%\s*Owner|Other|Officer)\W*", re.IGNORECASE)


@rule("owner.officer_title_text", "warning", "An officer title is not a box 5 label.")
def officer_title_text(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        title = owner.officer_title
        if title is not None and _BOX_LABEL.fullmatch(title):
            yield Finding(
                f"the officer title {title!r} is a label of box 5",
                [_at(index, "officer_title")],
                {},
            )
