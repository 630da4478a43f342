"""The further reporting owners of a joint filing, read from the table EDGAR prints after the
tables: each owner's name, street lines and "CITY, ST ZIP" line, one under the other.

Box 1 prints only the first owner, interleaved with boxes 2 to 6; the "Reporting Owners" table
prints every owner in a column of its own, so OCR keeps its lines whole and in order. Its
relationship marks are X's under four column headings, which OCR text keeps without their
columns, so which box an X ticks is not read, with one exception: an entity (a fund, a
partnership, an LLC, a trust) is no director or officer, and one filing jointly with a first owner
who is a 10% owner, its name alone with one X, is a 10% owner of the same group (an "Other" would
print its description beside the X). Over the real corpus's dev half and the synthetic corpus
every such owner was (lnkd_2013-01-02; synthetic 009_light, 024_clean, 044_clean, 056_clean).
Any other further owner's relationship is left for review.
"""

from __future__ import annotations

import re

from form4.extractor.readers.rows import ENTITY_END
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
    r"^[^\w\s]?(?P<city>[A-Za-z][A-Za-z .'-]*?)\s*[,;.]?\s+(?P<state>[A-Z][A-Z0-9])\s+"
    r"(?P<zip>\d{5}(?:-\d{4})?|[A-Z0-9]{3}\s?[A-Z0-9]{3})(?:\s+[A-Za-z]{1,2})?$"
)
"""An entry's last line: city, state and ZIP, perhaps with a quote OCR glued before it or one
or two letters of the relationship columns after it (\u201cMOUNT KISCO, NY 10549 Fi\u201d,
mchx_2020-02-11 printed medium)."""
_MARKS = re.compile(r"^[xX]{1,4}$")
"""Check marks, which OCR may run together ("xX" for two, or one read twice)."""
_ENTITY = re.compile(rf"\b{ENTITY_END}\W*$")
_MAX_STREETS = 2
LISTED_FIELDS = (
    "rpt_owner_name",
    "rpt_owner_street1",
    "rpt_owner_street2",
    "rpt_owner_city",
    "rpt_owner_state",
    "rpt_owner_zip_code",
)
"""What the table prints of each owner: the name and the address, as box 1 prints the first."""


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


def _one_mark(line: str) -> bool:
    """Whether an entry's name line ends in a single check mark, specks aside."""
    tokens = [token for token in line.split() if not is_speck(token)]
    return len(tokens) > 1 and tokens[-1] in ("x", "X") and not _MARKS.match(tokens[-2])


def table_owners(text: str, group_ten_percent: bool = False) -> list[ReportingOwner]:
    """The owners of the "Reporting Owners" table in ``text``, in printed order; none when the
    table is not found or an entry does not end in a city line. With ``group_ten_percent`` (the
    first owner is a 10% owner), an entity with one X is one too.

    EDGAR prints each owner under a heading of its own, so where OCR cut the table apart (a
    column of Table II read between two owners, lnkd_2012-04-02 printed medium) the owners
    after the interruption are read under their heading."""
    titles = list(_TITLE.finditer(text))
    owners: list[ReportingOwner] = []
    ends = [title.start() for title in titles[1:]] + [len(text)] if titles else []
    for title, end in zip(titles, ends, strict=True):
        read = _entries(text[title.end() : end].splitlines(), group_ten_percent)
        if read is None:
            return []
        owners += read
    return owners


def _entries(lines: list[str], group_ten_percent: bool) -> list[ReportingOwner] | None:
    """The owners printed on ``lines`` under one of the table's headings, up to what follows the
    table; None where an entry does not end in a city line."""
    owners: list[ReportingOwner] = []
    entry: list[str] = []
    marked = False
    for raw in lines:
        if _END.search(raw) and not entry:
            break
        line = _words(raw)
        if not line or _HEADING.search(line):
            continue
        city = _CITY_LINE.match(line)
        if city is None:
            marked = marked if entry else _one_mark(raw)
            entry.append(line)
            continue
        if not entry or len(entry) > 1 + _MAX_STREETS:
            return None
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
                is_ten_percent_owner=group_ten_percent and marked and bool(_ENTITY.search(name)),
            )
        )
        entry = []
    return owners
