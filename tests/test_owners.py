"""The further owners of a joint filing, from the "Reporting Owners" table EDGAR prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import from_xml
from form4.extractor.pipeline import extract_text
from form4.extractor.readers.owners import LISTED_FIELDS, table_owners
from form4.extractor.text.sections import split_sections

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "name",
    [
        "drawn/028_clean",
        "drawn/044_clean",
        "real/lnkd_2013-01-02_hoffman",
        "real_dev_medium/mchx_2020-02-11_edenbrook",
        "real_dev_medium/lnkd_2012-04-02_hoffman",
    ],
)
def test_every_owner_of_the_table_is_read_as_filed(name: str) -> None:
    """Three fund owners, a person and two funds, and a person and his trust (a real filing whose
    OCR left "J ;" after a street and garbled the table's title); a fund and two owners whose
    first city line OCR printed with a quote before it and "Fi" after it; a person and his trust
    with a column of Table II read between them, the trust under a heading of its own."""
    path = FIXTURES / f"{name}.txt"
    gold = from_xml(path.with_suffix(".xml").read_bytes()).reporting_owners
    sections = split_sections(extract_text(path))
    read = table_owners(sections.table_i + sections.table_ii)
    assert [[getattr(o, f) for f in LISTED_FIELDS] for o in read] == [
        [getattr(o, f) for f in LISTED_FIELDS] for o in gold
    ]


def test_an_entry_without_its_city_line_leaves_the_table_unread() -> None:
    text = (
        "Reporting Owners\nReporting Owner Name / Address Relationships\n"
        "Director 10% Owner Officer Other\nSmith Jane x\n1 Main Street\nSpringfield IL\n"
        "Doe John x\n2 Elm Street\nSuite 5\nApt 6\nSpringfield, IL 62701\n"
    )
    assert table_owners(text) == []


def test_a_city_line_with_more_after_its_zip_is_no_entry_s_end() -> None:
    """One or two stray letters after the ZIP are the relationship columns' specks; a word more
    is not, and the entry is left unread rather than cut there."""
    heading = "Reporting Owner Name / Address Relationships\nDirector 10% Owner Officer Other\n"
    entry = "Smith Jane x\n1 Main Street\n"
    assert [
        o.rpt_owner_city for o in table_owners(heading + entry + "Springfield, IL 62701 ea")
    ] == ["Springfield"]
    assert table_owners(heading + entry + "Springfield, IL 62701 Member") == []


def test_no_table_no_owners() -> None:
    seed = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    assert table_owners(split_sections(extract_text(seed)).table_ii) == []


@pytest.mark.parametrize("name", ["synthetic/044_clean", "real/lnkd_2013-01-02_hoffman"])
def test_an_entity_with_one_mark_in_a_ten_percent_group_is_a_ten_percent_owner(name: str) -> None:
    """Two funds and a director, and a person and his trust: each further entity is read as the
    10% owner it is filed as; the person's mark, whose box the text does not show, is not read;
    without the first owner's 10% box, no mark is."""
    path = FIXTURES / f"{name}.txt"
    gold = from_xml(path.with_suffix(".xml").read_bytes()).reporting_owners
    table = split_sections(extract_text(path)).table_ii
    read = table_owners(table, group_ten_percent=True)
    entities = [owner.rpt_owner_name.endswith(("LLC", "L.P.", "Trust")) for owner in gold]
    assert [owner.is_ten_percent_owner for owner in read[1:]] == entities[1:]
    assert all(
        owner.is_ten_percent_owner for owner, entity in zip(gold, entities, strict=True) if entity
    )
    assert not any(owner.is_ten_percent_owner for owner in table_owners(table))


def test_an_entity_with_a_word_or_two_marks_after_its_name_is_left_for_review() -> None:
    text = (
        "Reporting Owners\nReporting Owner Name / Address Relationships\n"
        "Director 10% Owner Officer Other\nSmith Jane x x\n1 Main Street\nSpringfield, IL 62701\n"
        "Acme Fund, L.P. x X\n1 Main Street\nSpringfield, IL 62701\n"
        "Acme GP, LLC x Member of group\n1 Main Street\nSpringfield, IL 62701\n"
    )
    owners = table_owners(text, group_ten_percent=True)
    assert [owner.rpt_owner_name for owner in owners][1:] == [
        "Acme Fund, L.P.",
        "Acme GP, LLC x Member of group",
    ]
    assert not any(owner.is_ten_percent_owner for owner in owners)
