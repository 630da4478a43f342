"""Footnote marks placed where a table line prints them (hand-made lines, and lines of real
filings of the dev half; none a seed)."""

from __future__ import annotations

from form4.extractor.readers.marks import marks_as_printed
from form4.extractor.readers.rows import TEXT_COLUMNS, Table, columns


def placed(table: Table, cells: dict[str, str], line: str) -> dict[str, str]:
    return marks_as_printed(columns(table, cells), TEXT_COLUMNS, cells, line)


def test_a_mark_printed_apart_after_a_title_is_the_empty_exercise_price_cells():
    # u_2020-09-22_botha: a preferred stock converts at no price; the footnote takes its place.
    line = "Series A (1) 09/22/2020 C 2,027,400 (1) (1) Common Stock 2,027,400 $0 0 D"
    answer = {
        "securityTitle": "Series A (1)",
        "transactionDate": "09/22/2020",
        "transactionCode": "C",
        "transactionShares": "2,027,400",
        "transactionAcquiredDisposedCode": "D",
        "exerciseDate": "(1)",
        "expirationDate": "(1)",
        "underlyingSecurityTitle": "Common Stock",
        "underlyingSecurityShares": "2,027,400",
        "transactionPricePerShare": "$0",
        "sharesOwnedFollowingTransaction": "0",
        "directOrIndirectOwnership": "D",
    }
    cells = placed("II", answer, line)
    assert cells["securityTitle"] == "Series A"
    assert cells["conversionOrExercisePrice"] == "(1)"
    assert (cells["exerciseDate"], cells["expirationDate"]) == ("(1)", "(1)")


def test_two_marks_apart_fill_the_exercise_and_expiration_cells_in_order():
    line = "Class B (4) 03/18/2021 C 361,759 (4) (5) Class A 361,759 $0 10,352,528 D"
    answer = {
        "securityTitle": "Class B",
        "transactionDate": "03/18/2021",
        "transactionCode": "C",
        "transactionShares": "361,759",
        "underlyingSecurityTitle": "Class A",
        "underlyingSecurityShares": "361,759",
        "transactionPricePerShare": "$0",
        "sharesOwnedFollowingTransaction": "10,352,528",
        "directOrIndirectOwnership": "D",
    }
    cells = placed("II", answer, line)
    assert cells["conversionOrExercisePrice"] == "(4)"
    assert (cells["exerciseDate"], cells["expirationDate"]) == ("(4)", "(5)")


def test_a_mark_between_the_direction_and_the_balance_is_the_price_cells():
    # znga_2012-04-03_hoffman: a conversion prints its price cell as the footnote alone.
    line = "Class A Common Stock 04/03/2012 C 687,626 A (1) 687,626 I See footnote(2)"
    answer = {
        "securityTitle": "Class A Common Stock",
        "transactionDate": "04/03/2012",
        "transactionCode": "C",
        "transactionShares": "687,626",
        "transactionAcquiredDisposedCode": "A(1)",
        "sharesOwnedFollowingTransaction": "687,626",
        "directOrIndirectOwnership": "I",
        "natureOfOwnership": "See footnote(2)",
    }
    cells = placed("I", answer, line)
    assert cells["transactionAcquiredDisposedCode"] == "A"
    assert cells["transactionPricePerShare"] == "(1)"
    assert cells["natureOfOwnership"] == "See footnote(2)"


def test_glued_marks_the_answer_dropped_come_back_and_invented_ones_go():
    line = "Common Stock 05/01/2024 S(2) 1,500 D $12.34(3) 98,500(4) D"
    answer = {
        "securityTitle": "Common Stock(1)",
        "transactionDate": "05/01/2024",
        "transactionCode": "S",
        "transactionShares": "1,500(2)",
        "transactionAcquiredDisposedCode": "D",
        "transactionPricePerShare": "$12.34",
        "sharesOwnedFollowingTransaction": "98,500(4)",
        "directOrIndirectOwnership": "D",
    }
    cells = placed("I", answer, line)
    assert cells["transactionCode"] == "S(2)"
    assert cells["transactionShares"] == "1,500"
    assert cells["transactionPricePerShare"] == "$12.34(3)"
    assert cells["securityTitle"] == "Common Stock"


def test_marks_a_text_column_took_from_the_lines_below_stay():
    line = "Common Stock 6,016,318 I Sequoia Capital U.S.\nGrowth Fund VI, L.P.(2)(3)"
    answer = {
        "securityTitle": "Common Stock",
        "sharesOwnedFollowingTransaction": "6,016,318",
        "directOrIndirectOwnership": "I",
        "natureOfOwnership": "Sequoia Capital U.S. Growth Fund VI, L.P.(2)(3)",
    }
    assert placed("I", answer, line) == answer


def test_a_garbled_mark_or_a_shifted_answer_leaves_the_answers_marks():
    garbled = "Common Stock 09/22/2020 C 2,288,320 A a) 2,288,320 I Sequoia Capital XII"
    answer = {
        "securityTitle": "Common Stock",
        "transactionDate": "09/22/2020",
        "transactionCode": "C",
        "transactionShares": "2,288,320",
        "transactionAcquiredDisposedCode": "A",
        "transactionPricePerShare": "(1)",
        "sharesOwnedFollowingTransaction": "2,288,320",
        "directOrIndirectOwnership": "I",
        "natureOfOwnership": "Sequoia Capital XII",
    }
    assert placed("I", answer, garbled) == answer
    # The answer put the balance in the price cell: nothing around it is a landmark.
    shifted = {**answer, "transactionPricePerShare": "13,991,048"}
    line = "Common Stock 09/22/2020 C 10,081,441 A (1) 13,991,048 I Sequoia Capital"
    shifted.update(transactionShares="10,081,441", sharesOwnedFollowingTransaction="13,991,048")
    assert placed("I", shifted, line) == shifted


def test_a_v_printed_after_the_code_marks_the_line_reported_early():
    # lnkd_2013-01-02_hoffman: a gift marked V that the answer left out; OCR adds a speck.
    line = "Class A Common Stock 12/27/2012 G Vi 306,454 D $0 0 I See footnote(4)"
    answer = {
        "securityTitle": "Class A Common Stock",
        "transactionDate": "12/27/2012",
        "transactionCode": "G(5)",
        "transactionShares": "306,454",
        "transactionAcquiredDisposedCode": "D",
        "transactionPricePerShare": "$0",
        "sharesOwnedFollowingTransaction": "0",
        "directOrIndirectOwnership": "I",
        "natureOfOwnership": "See footnote(4)",
    }
    cells = placed("I", answer, line)
    assert cells["transactionTimeliness"] == "E"
    assert cells["transactionCode"] == "G"
    assert "transactionTimeliness" not in placed("I", answer, line.replace(" Vi ", " "))
