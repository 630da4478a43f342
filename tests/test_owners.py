"""The further owners of a joint filing, from the "Reporting Owners" table EDGAR prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import from_xml
from form4.extractor.pipeline import extract_text
from form4.extractor.readers.owners import table_owners
from form4.extractor.text.sections import split_sections

FIXTURES = Path(__file__).parent / "fixtures"
_ADDRESS = (
    "rpt_owner_name",
    "rpt_owner_street1",
    "rpt_owner_street2",
    "rpt_owner_city",
    "rpt_owner_state",
    "rpt_owner_zip_code",
)


@pytest.mark.parametrize(
    "name", ["drawn/028_clean", "drawn/044_clean", "real/lnkd_2013-01-02_hoffman"]
)
def test_every_owner_of_the_table_is_read_as_filed(name: str) -> None:
    """Three fund owners, a person and two funds, and a person and his trust (a real filing whose
    OCR left "J ;" after a street and garbled the table's title)."""
    path = FIXTURES / f"{name}.txt"
    gold = from_xml(path.with_suffix(".xml").read_bytes()).reporting_owners
    read = table_owners(split_sections(extract_text(path)).table_ii)
    assert [[getattr(o, f) for f in _ADDRESS] for o in read] == [
        [getattr(o, f) for f in _ADDRESS] for o in gold
    ]


def test_an_entry_without_its_city_line_leaves_the_table_unread() -> None:
    text = (
        "Reporting Owners\nReporting Owner Name / Address Relationships\n"
        "Director 10% Owner Officer Other\nSmith Jane x\n1 Main Street\nSpringfield IL\n"
        "Doe John x\n2 Elm Street\nSuite 5\nApt 6\nSpringfield, IL 62701\n"
    )
    assert table_owners(text) == []


def test_no_table_no_owners() -> None:
    seed = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    assert table_owners(split_sections(extract_text(seed)).table_ii) == []
