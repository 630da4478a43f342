"""Where the form's parts begin, as OCR prints their titles."""

from __future__ import annotations

import pytest

from form4.extractor.readers.rows import read_rows
from form4.extractor.text.sections import split_sections
from tests.test_rows import sections_of


@pytest.mark.parametrize(
    "title",
    [
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        "Tablet - Non Derivative Secuthies Acquired, Disposed of, or Beneticaly Oumed",
        "Table I= Non Derivative Securities Acquired, Disposed of, or Beneficiay Owned",
        # an i for the l (alk_2020-11-05 printed medium, dev)
        "Tabie | - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    ],
)
def test_table_i_is_found_with_or_without_the_hyphen_of_non_derivative(title: str) -> None:
    text = (
        f"1. Name and Address of Reporting Person\n{title}\n"
        "Common Stock 04/01/2019 J 16,514 D $0 0 I By Fund\n"
        "Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Explanation of Responses:\n"
    )
    sections = split_sections(text)
    assert "Common Stock 04/01/2019" in sections.table_i
    assert sections.table_ii.startswith("Derivative Securities Acquired")


def test_a_heavy_scan_keeps_its_table_i_lines_in_table_i() -> None:
    """mdb_2019-04-01 (dev), read from a heavy scan: "Tablet - Non Derivative Secuthies"."""
    tables = [reading.table for reading in read_rows(sections_of("real/mdb_2019-04-01_botha"))]
    assert tables.count("I") >= 8 and tables.index("II") > tables.index("I")


def test_table_ii_begins_at_its_examples_where_ocr_lost_its_title() -> None:
    text = (
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Common Stock 04/01/2019 J 16,514 D $0 0 I By Fund\n"
        "- {e.g., puts, calls, warrants, options, convertible securities) :\n"
        "Class B (6) 04/01/2019 C 846,821 (6) (6) Class A 846,821 $0 2,540,461 I By Fund\n"
        "Explanation of Responses:\n"
    )
    sections = split_sections(text)
    assert "Class B" not in sections.table_i and "Class B" in sections.table_ii


@pytest.mark.parametrize(
    ("name", "first_line_of_table_ii"),
    [
        # "Table tt'- Derivative Securities ...", then "Table il - ..." heading the next page
        ("real/mchx_2020-02-11_edenbrook", "Put Option $2.5 02/14/2020"),
        # "Table ti - Derivative Securities ...", then "Table li" inside an explanation
        ("real/bll_2020-09-15_knobel", "Restricted Stock"),
    ],
)
def test_table_ii_begins_at_its_first_sign_where_ocr_garbled_its_number(
    name: str, first_line_of_table_ii: str
) -> None:
    """dev filings: a later "Table II" (a page going on, a footnote naming the table) is no
    reason to read the whole of Table II as Table I's."""
    sections = sections_of(name)
    assert first_line_of_table_ii in sections.table_ii
    assert first_line_of_table_ii not in sections.table_i


def test_table_ii_begins_at_its_number_where_table_i_lost_its_title() -> None:
    """Table I's title without "Non" reads as Table II's: without Table I's title, Table II's
    number comes first."""
    text = (
        "Table I - Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Common Stock 04/01/2019 J 16,514 D $0 0 I By Fund\n"
        "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Class B (6) 04/01/2019 C 846,821 (6) (6) Class A 846,821 $0 2,540,461 I By Fund\n"
        "Explanation of Responses:\n"
    )
    assert split_sections(text).table_ii.startswith("Table II")


def test_table_ii_s_number_printed_with_a_bang_begins_it() -> None:
    """mdb_2018-07-12 (dev) prints "Table I! - Derivative Securities": its title's number is
    Table II's, not the rest of Table I's last line."""
    sections = sections_of("real/mdb_2018-07-12_botha")
    assert sections.table_ii.startswith("Table I! - Derivative")
    last = read_rows(sections)[1]
    assert last.cells is not None
    assert last.cells["sharesOwnedFollowingTransaction"] == "3,693"
