"""The further reporting owners of a joint filing, read from the table EDGAR prints after the
tables: each owner's name, street lines and "CITY, ST ZIP" line, one under the other.

Box 1 prints only the first owner, interleaved with boxes 2 to 6; the "Reporting Owners" table
prints every owner in a column of its own, so OCR keeps its lines whole and in order. Its
relationship marks are X's under four column headings, which OCR text keeps without their
columns, so they are not read here: a further owner's relationship is left for review.
"""

from __future__ import annotations

import re

from form4.extractor.readers.words import is_speck
from form4.schema import ReportingOwner
from form4.validators.rules.owner import street_fragments

_TITLE = re.compile(
    r"^\W*Reporting\s+Ow\w*\W*$|Name\s*/\s*Addre\w*.*$", re.IGNORECASE | re.MULTILINE
)
"""The table's title or, where OCR garbled it ("Reporting Cwrrrere"), its first heading."""
_END = re.compile(r"Explanation|Remarks|Signature|Table\s+I", re.IGNORECASE)
_HEADING = re.compile(r"Name\s*/\s*Address|Relationships|^\W*Director\b.*\bOther\b", re.IGNORECASE)
_CITY_LINE = re.compile(
    r"^(?P<city>[A-Za-z][A-Za-z .'-]*?)\s*[,;.]?\s+(?P<state>[A-Z][A-Z0-9])\s+"
    r"(?P<zip>\d{5}(?:-\d{4})?|[A-Z0-9]{3}\s?[A-Z0-9]{3})$"
)
_MARKS = re.compile(r"^[xX]{1,4}$")
"""Check marks, which OCR may run together ("xX" for two)."""
_MAX_STREETS = 2


def _words(line: str) -> str:
    """The line without the specks and check marks OCR leaves at its ends."""
    tokens = line.split()
    while tokens and (is_speck(tokens[-1]) or _MARKS.match(tokens[-1])):
        tokens.pop()
    while tokens and is_speck(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens).rstrip(" :;,")


def _without_strays(street: str) -> str:
    """A street line without the stray letters OCR put at its end ("2029 STIERLIN COURT J")."""
    tokens = street.split()
    strays = set(street_fragments(street))
    while len(tokens) > 1 and tokens[-1] in strays:
        tokens.pop()
    return " ".join(tokens)


def table_owners(text: str) -> list[ReportingOwner]:
    """The owners of the "Reporting Owners" table in ``text``, in printed order; none when the
    table is not found or an entry does not end in a city line."""
    title = _TITLE.search(text)
    if title is None:
        return []
    owners: list[ReportingOwner] = []
    entry: list[str] = []
    for raw in text[title.end() :].splitlines():
        if _END.search(raw) and not entry:
            break
        line = _words(raw)
        if not line or _HEADING.search(line):
            continue
        city = _CITY_LINE.match(line)
        if city is None:
            entry.append(line)
            continue
        if not entry or len(entry) > 1 + _MAX_STREETS:
            return []
        name, *streets = entry
        streets = [_without_strays(street) for street in streets]
        owners.append(
            ReportingOwner(
                rpt_owner_name=name,
                rpt_owner_street1=streets[0] if streets else None,
                rpt_owner_street2=streets[1] if len(streets) > 1 else None,
                rpt_owner_city=city["city"].strip(),
                rpt_owner_state=city["state"],
                rpt_owner_zip_code=city["zip"],
            )
        )
        entry = []
    return owners
