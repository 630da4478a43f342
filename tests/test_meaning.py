"""Marks recovered from what a filing says: a "See footnote" nature whose mark OCR lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from form4 import from_xml
from form4.extractor.assembly.meaning import (
    MARK_UNSETTLED,
    NOTE_BY_MEANING,
    notes_by_meaning,
    unsettled_marks,
)
from form4.result import MISSING_RULES
from form4.schema import Footnote, Form4Filing
from form4.validators.lines import lines

REAL = Path(__file__).parent / "fixtures" / "real"
_TEXT = (REAL / "lnkd_2013-01-02_hoffman.txt").read_text()
"""The filing's OCR text: a medium scan, legible enough to trust that its notes were all read."""


def _dev_filing() -> Form4Filing:
    """lnkd_2013-01-02 (dev) as filed: every indirect line "See footnote" citing F4, the note
    of the trust that holds the shares."""
    return from_xml((REAL / "lnkd_2013-01-02_hoffman.xml").read_bytes())


def _natures(filing: Form4Filing) -> list[list[str]]:
    return [
        list(line.cell("nature_of_ownership").footnotes)
        for line in lines(filing)
        if line.value("nature_of_ownership")
    ]


def _lose(filing: Form4Filing, *positions: int) -> Form4Filing:
    """The filing with the nature marks of the given indirect lines lost, as OCR loses them."""
    lost = filing.model_copy(deep=True)
    indirect = [line for line in lines(lost) if line.value("nature_of_ownership")]
    for position in positions:
        indirect[position].cell("nature_of_ownership").footnotes = []
    return lost


def test_a_lost_mark_is_the_one_the_other_see_footnote_lines_cite() -> None:
    filed = _dev_filing()
    restored, repairs = notes_by_meaning(_lose(filed, 1, 4, 8), {}, _TEXT)
    assert _natures(restored) == _natures(filed)
    assert [repair.rule for repair in repairs] == [NOTE_BY_MEANING] * 3
    assert all(repair.field.endswith("natureOfOwnership/footnoteId") for repair in repairs)


def test_with_no_line_marked_the_only_holder_note_is_cited() -> None:
    """F2 speaks of Class B shares "held by that person" in passing, F4 of who holds them;
    with a second note of a holder, nothing is put in."""
    filed = _dev_filing()
    lost = _lose(filed, *range(len(_natures(filed))))
    restored, _ = notes_by_meaning(lost, {}, _TEXT)
    assert _natures(restored) == _natures(filed)
    lost.footnotes[1].text = "Shares held of record by the Hoffman 2012 Trust."
    assert notes_by_meaning(lost, {}, _TEXT) == (lost, [])


def test_lines_citing_different_notes_leave_a_lost_mark_lost() -> None:
    lost = _lose(_dev_filing(), 1)
    indirect = [line for line in lines(lost) if line.value("nature_of_ownership")]
    indirect[2].cell("nature_of_ownership").footnotes = ["F5"]
    assert notes_by_meaning(lost, {}, _TEXT) == (lost, [])


def test_a_holder_note_nobody_cites_may_be_the_lost_mark() -> None:
    lost = _lose(_dev_filing(), 1)
    lost.footnotes.append(
        Footnote(id="F7", text="Shares held of record by the Hoffman 2012 Trust.")
    )
    assert notes_by_meaning(lost, {}, _TEXT) == (lost, [])


def test_a_nature_other_than_see_footnote_is_not_given_a_mark() -> None:
    lost = _lose(_dev_filing(), 1)
    indirect = [line for line in lines(lost) if line.value("nature_of_ownership")]
    indirect[1].cell("nature_of_ownership").value = "By Trust"
    assert notes_by_meaning(lost, {}, _TEXT) == (lost, [])


_SALE = "nonDerivativeTable/nonDerivativeTransaction[2]"
_PRINTED_SALE = "Class A Common Stock 01/02/2013 Si) 50,523 dD $110.778) 32,811 | See footnote()"
"""The line as OCR printed it in lnkd_2013-01-02 (dev): the S's mark (5) garbled to "i)"."""


def _sale_unmarked() -> Form4Filing:
    lost = _dev_filing()
    lost.non_derivative_transactions[1].transaction_code.footnotes = []
    return lost


def _sale_marks(filing: Form4Filing) -> list[str]:
    return list(filing.non_derivative_transactions[1].transaction_code.footnotes)


def test_a_code_printed_with_a_garbled_mark_cites_the_note_of_its_meaning() -> None:
    restored, (repair,) = notes_by_meaning(_sale_unmarked(), {_SALE: _PRINTED_SALE}, _TEXT)
    assert _sale_marks(restored) == ["F5"] == _sale_marks(_dev_filing())
    assert repair.field == f"{_SALE}/transactionCoding/transactionCode/footnoteId"


def test_a_code_printed_alone_is_given_no_mark() -> None:
    lost = _sale_unmarked()
    clean = _PRINTED_SALE.replace("Si)", "S").replace("Si", "S")
    assert notes_by_meaning(lost, {_SALE: clean}, _TEXT) == (lost, [])


def test_a_code_with_two_notes_of_its_meaning_is_given_no_mark() -> None:
    lost = _sale_unmarked()
    lost.footnotes.append(Footnote(id="F7", text="Sales under a second Rule 10b5-1 plan."))
    assert notes_by_meaning(lost, {_SALE: _PRINTED_SALE}, _TEXT) == (lost, [])


def test_a_code_whose_other_lines_cite_another_note_is_given_no_mark() -> None:
    lost = _sale_unmarked()
    lost.non_derivative_transactions[2].transaction_code.footnotes = ["F6"]
    assert notes_by_meaning(lost, {_SALE: _PRINTED_SALE}, _TEXT) == (lost, [])


def test_a_garbled_code_mark_read_as_a_note_not_of_its_meaning_takes_the_one_that_is() -> None:
    """fb_2017-07-28 printed light: "St)" read as S(1), where note 1 names the fund's managers
    and note 2 is the 10b5-1 plan every legible S(2) cites; a reading the words bear out, or a
    mark printed whole, stands."""
    misread = _sale_unmarked()
    misread.non_derivative_transactions[1].transaction_code.footnotes = ["F4"]
    printed = {_SALE: _PRINTED_SALE.replace("Si)", "St)")}
    restored, (repair,) = notes_by_meaning(misread, printed, _TEXT)
    assert _sale_marks(restored) == ["F5"] == _sale_marks(_dev_filing())
    assert (repair.old, repair.new) == (["F4"], ["F5"])
    borne_out = _dev_filing()
    assert notes_by_meaning(borne_out, printed, _TEXT) == (borne_out, [])
    legible = {_SALE: _PRINTED_SALE.replace("Si)", "S(4)")}
    assert notes_by_meaning(misread, legible, _TEXT) == (misread, [])


def test_a_garbled_mark_no_note_settles_is_reported_missing_at_its_cell() -> None:
    """A mark shown garbled and not put in is a missing value a reviewer is told of, at the
    cell, as missing (its value read is not doubted); one put in, or no sign of one, is not."""
    lost = _sale_unmarked()
    lost.non_derivative_transactions[2].transaction_code.footnotes = ["F6"]
    (unsettled,) = unsettled_marks(lost, {_SALE: _PRINTED_SALE})
    assert unsettled.rule == MARK_UNSETTLED in MISSING_RULES
    assert unsettled.fields == [f"{_SALE}/transactionCoding/transactionCode"]
    restored, _ = notes_by_meaning(_sale_unmarked(), {_SALE: _PRINTED_SALE}, _TEXT)
    assert unsettled_marks(restored, {_SALE: _PRINTED_SALE}) == []
    assert unsettled_marks(lost, {_SALE: _PRINTED_SALE.replace("Si)", "S.")}) == []


def test_a_fund_s_distribution_and_its_receipt_cite_their_own_notes() -> None:
    """ntra_2019-08-09 (dev): the fund's J lines (D) cite the note of its distribution, the
    partner's J lines (A) the note of the shares it received; OCR garbled both marks."""
    filed = from_xml((REAL / "ntra_2019-08-09_botha.xml").read_bytes())
    lost = filed.model_copy(deep=True)
    for row in lost.non_derivative_transactions:
        row.transaction_code.footnotes = []
    printed = {
        "nonDerivativeTable/nonDerivativeTransaction[1]": (
            "Common Stock 08/09/2019 Jt) 1,015,184 D $o 5,752,707 ! By Sequoia Capital XII,"
        ),
        "nonDerivativeTable/nonDerivativeTransaction[7]": (
            "Common Stock 08/09/2019 Je) 38,538 A $0 876,059 | By estate planning"
        ),
        "nonDerivativeTable/nonDerivativeTransaction[8]": (
            "Common Stock 08/13/2019 J 38,582 A $o 914,641 | By estate planning"
        ),
    }
    text = (REAL / "ntra_2019-08-09_botha.txt").read_text()
    restored, repairs = notes_by_meaning(lost, printed, text)
    marks = [row.transaction_code.footnotes for row in restored.non_derivative_transactions]
    assert marks == [["F1"], [], [], [], [], [], ["F3"], []]
    assert len(repairs) == 2


def test_a_page_too_garbled_to_trust_its_notes_gets_no_mark() -> None:
    """A heavy scan loses footnotes (dev: 37 of 64), so "the only note" of a meaning is none."""
    heavy = (REAL / "lnkd_2012-04-02_hoffman.txt").read_text()
    lost = _sale_unmarked()
    assert notes_by_meaning(lost, {_SALE: _PRINTED_SALE}, heavy) == (lost, [])
    assert notes_by_meaning(lost, {_SALE: _PRINTED_SALE}, _TEXT) != (lost, [])


_ALK = "alk_2020-11-05_schneider"
_OPTION = "derivativeTable/derivativeTransaction[1]"
_UNITS = "derivativeTable/derivativeTransaction[2]"
_ALK_PRINTED = {
    _OPTION: (
        "EMPLOYEE $39.18 11/05/2020 A 2,540 11/05/2021 11/05/2030 COMMON 2,540 $0 2,540 D\n"
        "STOCK a) STOCK\nOPTIONS (RT\nTO BUY)"
    ),
    _UNITS: (
        "RESTRICTED $0 11/05/2020 A 2,960 11/05/2021 11/05/2030 COMMON 2,960 $0 2,960 D\n"
        "STOCK UNITS @) STOCK"
    ),
}
"""alk_2020-11-05 (dev) as OCR printed it: each date exercisable's mark wrapped below it and
garbled; F1 says when the options vest, F2 when the restricted stock units do."""


def _alk_unmarked() -> Form4Filing:
    lost = from_xml((REAL / f"{_ALK}.xml").read_bytes())
    for row in lost.derivative_transactions:
        row.exercise_date.footnotes = []
    return lost


def _exercisable(filing: Form4Filing) -> list[list[str]]:
    return [list(row.exercise_date.footnotes) for row in filing.derivative_transactions]


def test_a_mark_wrapped_below_a_date_exercisable_cites_the_vesting_note_of_its_security() -> None:
    text = (REAL / f"{_ALK}.txt").read_text()
    restored, repairs = notes_by_meaning(_alk_unmarked(), _ALK_PRINTED, text)
    assert _exercisable(restored) == [["F1"], ["F2"]]
    assert [repair.field for repair in repairs] == [
        f"{_OPTION}/exerciseDate/footnoteId",
        f"{_UNITS}/exerciseDate/footnoteId",
    ]


def test_a_wrapped_mark_is_given_no_note_where_the_notes_leave_a_choice() -> None:
    text = (REAL / f"{_ALK}.txt").read_text()
    lost = _alk_unmarked()
    lost.footnotes.append(Footnote(id="F3", text="The units vest upon a change in control."))
    restored, _ = notes_by_meaning(lost, _ALK_PRINTED, text)
    assert _exercisable(restored) == [["F1"], []]  # two notes of units vesting
    legible = {**_ALK_PRINTED, _UNITS: _ALK_PRINTED[_UNITS].replace("@)", "(2)")}
    restored, _ = notes_by_meaning(lost, legible, text)
    assert _exercisable(restored) == [["F1"], ["F2"]]  # the mark legible: the one it numbers
    unwrapped = {_OPTION: _ALK_PRINTED[_OPTION].replace(" a)", "")}
    assert _exercisable(notes_by_meaning(_alk_unmarked(), unwrapped, text)[0]) == [[], []]


_U = "u_2020-09-22_botha"


def _u_with_exercisable_lost(shares: int) -> tuple[Form4Filing, str]:
    """u_2020-09-22 (dev) as filed, the date exercisable of the line of ``shares`` read from a
    garbled mark ("a)"): every preferred stock's line cites the conversion note F1 there."""
    lost = from_xml((REAL / f"{_U}.xml").read_bytes())
    (line,) = [
        line
        for line in lines(lost)
        if line.table == "II" and line.value("transaction_shares") == shares
    ]
    line.row.exercise_date = None
    return lost, line.path


def test_a_garbled_mark_alone_cites_what_its_column_cites_on_the_other_lines() -> None:
    lost, path = _u_with_exercisable_lost(91350)
    text = (REAL / f"{_U}.txt").read_text()
    restored, (repair,) = notes_by_meaning(lost, {}, text, {path: frozenset({"exerciseDate"})})
    (line,) = [line for line in lines(restored) if line.path == path]
    assert line.cell("exercise_date").footnotes == ["F1"]
    assert line.value("exercise_date") is None
    assert repair.field == f"{path}/exerciseDate/footnoteId"


@pytest.mark.parametrize(
    ("marks", "settled"),
    [("(1) (1)", ["F1"]), ("\u00a9) \u201d", None)],  # printed whole, or garbled beside "(1)"
)
def test_other_lines_marks_are_evidence_only_as_often_as_they_print_them(
    marks: str, settled: list[str] | None
) -> None:
    """yelp_2013-03-08 (dev) printed clean: a model read "\u00a9)" and "\u201d" beside a legible
    "(6)" as (6) each; another line's garbled mark is not settled from such answers."""
    lost, path = _u_with_exercisable_lost(91350)
    text = (REAL / f"{_U}.txt").read_text()
    printed = {
        line.path: f"Series B (1) 09/22/2020 c 1,000 {marks} Common 1,000 $0 0 Sequoia\n"
        "Preferred Stock Stock Capital Fund, L.P.(2)(3)"
        for line in lines(lost)
        if line.table == "II" and line.path != path
    }
    (own,) = [line for line in lines(lost) if line.path == path]
    own.cell("expiration_date").footnotes = ["F2"]  # the line's own cells settle nothing
    restored, _ = notes_by_meaning(lost, printed, text, {path: frozenset({"exerciseDate"})})
    (line,) = [line for line in lines(restored) if line.path == path]
    cell = line.cell("exercise_date")
    assert (cell.footnotes if cell is not None else None) == settled


def test_a_garbled_mark_is_given_no_note_where_the_other_lines_differ() -> None:
    lost, path = _u_with_exercisable_lost(91350)
    text = (REAL / f"{_U}.txt").read_text()
    other = next(line for line in lines(lost) if line.table == "II" and line.path != path)
    other.row.exercise_date = "(2)"
    (own,) = [line for line in lines(lost) if line.path == path]
    own.cell("expiration_date").footnotes = ["F2"]  # nor do the cells either side agree
    assert notes_by_meaning(lost, {}, text, {path: frozenset({"exerciseDate"})}) == (lost, [])
    assert notes_by_meaning(lost, {}, text) == (lost, [])  # not garbled: nothing was printed


def _u_every_exercisable_lost() -> tuple[Form4Filing, dict[str, frozenset[str]]]:
    """u_2020-09-22 (dev) as filed, every line's date exercisable read from a garbled mark (as
    mdb_2019-04-01 printed clean prints them all, "6)" and "\u00a9)"): no other line says
    what the column cites."""
    lost = from_xml((REAL / f"{_U}.xml").read_bytes())
    garbled = {}
    for line in lines(lost):
        if line.table == "II":
            line.row.exercise_date = None
            garbled[line.path] = frozenset({"exerciseDate"})
    return lost, garbled


def test_a_garbled_date_exercisable_cites_what_the_price_and_expiration_beside_it_cite() -> None:
    lost, garbled = _u_every_exercisable_lost()
    text = (REAL / f"{_U}.txt").read_text()
    restored, repairs = notes_by_meaning(lost, {}, text, garbled)
    derivative = [line for line in lines(restored) if line.table == "II"]
    assert [line.cell("exercise_date").footnotes for line in derivative] == [["F1"]] * len(
        derivative
    )
    assert len(repairs) == len(derivative)


def test_a_garbled_date_exercisable_between_cells_citing_different_notes_gets_none() -> None:
    lost, garbled = _u_every_exercisable_lost()
    first = next(line for line in lines(lost) if line.table == "II")
    first.cell("expiration_date").footnotes = ["F2"]
    text = (REAL / f"{_U}.txt").read_text()
    restored, _ = notes_by_meaning(lost, {}, text, garbled)
    (line,) = [line for line in lines(restored) if line.path == first.path]
    assert line.cell("exercise_date") is None
    assert unsettled_marks(restored, {}, garbled)[0].fields == [line.at("exercise_date")]


_AFRM = "afrm_2021-03-18_levchin"
_MRL = "By 2012 MRL Investments LLC"


def _afrm_holder_garbled(*others_lost: bool) -> tuple[Form4Filing, str]:
    """afrm_2021-03-18 (dev) as filed, its first line's holder printed "LLC()": the mark of F1,
    the note of the shares "held by 2012 MRL Investments LLC" (F2 names the LLC too, for its
    distribution). With ``others_lost``, the holder's other lines lost theirs as well."""
    lost = from_xml((REAL / f"{_AFRM}.xml").read_bytes())
    holders = [line for line in lines(lost) if line.value("nature_of_ownership") == _MRL]
    holders[0].cell("nature_of_ownership").footnotes = []
    if others_lost:
        for line in holders[1:]:
            line.cell("nature_of_ownership").footnotes = []
    return lost, holders[0].path


def test_a_holder_s_garbled_mark_is_what_its_other_lines_cite() -> None:
    lost, path = _afrm_holder_garbled()
    text = (REAL / f"{_AFRM}.txt").read_text()
    restored, (repair,) = notes_by_meaning(lost, {}, text, {path: frozenset({"natureOfOwnership"})})
    (line,) = [line for line in lines(restored) if line.path == path]
    assert line.cell("nature_of_ownership").footnotes == ["F1"]
    assert repair.field == f"{path}/ownershipNature/natureOfOwnership/footnoteId"


def test_a_holder_s_garbled_mark_is_the_only_note_of_who_holds_shares_naming_it() -> None:
    lost, path = _afrm_holder_garbled(True)
    text = (REAL / f"{_AFRM}.txt").read_text()
    garbled = {path: frozenset({"natureOfOwnership"})}
    restored, _ = notes_by_meaning(lost, {}, text, garbled)
    (line,) = [line for line in lines(restored) if line.path == path]
    assert line.cell("nature_of_ownership").footnotes == ["F1"]
    lost.footnotes[1].text = "Shares held by 2012 MRL Investments LLC for its members."
    assert notes_by_meaning(lost, {}, text, garbled) == (lost, [])  # two such notes
    lost.footnotes[1].text = "(continued from footnote 1) held by 2012 MRL Investments LLC."
    assert notes_by_meaning(lost, {}, text, garbled) == (lost, [])  # a note goes on in another


_SALES = {
    f"nonDerivativeTable/nonDerivativeTransaction[{index}]": line
    for index, line in enumerate(_TEXT.splitlines()[20:26], start=2)
}
"""lnkd_2013-01-02's six sales as printed, each price's mark (6) garbled: "$110.778)",
"$112.922116", "$113.86)"."""


def _prices(filing: Form4Filing) -> list[list[str]]:
    return [
        list(line.cell("transaction_price_per_share").footnotes)
        for line in lines(filing)
        if line.path in _SALES
    ]


def _without_price_marks(filing: Form4Filing) -> Form4Filing:
    lost = filing.model_copy(deep=True)
    for line in lines(lost):
        if line.path in _SALES:
            line.cell("transaction_price_per_share").footnotes = []
    return lost


def test_a_garbled_price_mark_cites_the_weighted_average_note() -> None:
    filed = _dev_filing()
    assert _prices(filed) == [["F6"]] * 6
    restored, repairs = notes_by_meaning(_without_price_marks(filed), _SALES, _TEXT)
    assert _prices(restored) == _prices(filed)
    assert {repair.field.rsplit("/", 2)[-2] for repair in repairs} == {"transactionPricePerShare"}


@pytest.mark.parametrize("garbled", ["$110.778(", "$110.778()", "$110.778'6)"])
def test_a_price_mark_s_bracket_alone_or_a_quote_for_it_is_a_garbled_mark(garbled: str) -> None:
    """The dev half printed medium: "$102.0764(", "$153.5346()", "$170.4923'4)"."""
    printed = {path: line.replace("$110.778)", garbled) for path, line in _SALES.items()}
    restored, _ = notes_by_meaning(_without_price_marks(_dev_filing()), printed, _TEXT)
    assert _prices(restored)[0] == ["F6"]


def test_a_price_cites_the_weighted_average_note_whose_range_holds_it() -> None:
    """Hand-made: two notes of weighted averages, each stating its range of prices."""
    lost = _without_price_marks(_dev_filing())
    lost.footnotes[
        5
    ].text = "The price reported is a weighted average. Prices ranged from $110.50 to $112.00."
    lost.footnotes.append(
        Footnote(id="F7", text="Weighted average price; prices ranging from $112.01 to $116.00.")
    )
    restored, _ = notes_by_meaning(lost, _SALES, _TEXT)
    assert _prices(restored) == [["F6"]] * 2 + [["F7"]] * 4


def test_a_legible_price_mark_or_two_notes_without_ranges_put_nothing_in() -> None:
    lost = _without_price_marks(_dev_filing())
    legible = {path: line.replace("$110.778)", "$110.778(6)") for path, line in _SALES.items()}
    first = "nonDerivativeTable/nonDerivativeTransaction[2]"
    assert _prices(notes_by_meaning(lost, {first: legible[first]}, _TEXT)[0])[0] == []
    lost.footnotes.append(Footnote(id="F7", text="A weighted average of the prices paid."))
    assert notes_by_meaning(lost, _SALES, _TEXT)[0] == lost


def test_of_two_weighted_average_notes_one_without_a_range_neither_is_chosen() -> None:
    """Synthetic 010_medium: a price inside the one stated range cites the note without one."""
    lost = _without_price_marks(_dev_filing())
    lost.footnotes.append(
        Footnote(id="F7", text="Weighted average price; prices ranging from $110.00 to $116.00.")
    )
    assert notes_by_meaning(lost, _SALES, _TEXT)[0] == lost


def test_a_price_outside_its_only_note_s_range_is_not_given_it() -> None:
    lost = _without_price_marks(_dev_filing())
    lost.footnotes[5].text = "Weighted average price; prices ranging from $110.50 to $112.00."
    restored, _ = notes_by_meaning(lost, _SALES, _TEXT)
    assert _prices(restored) == [["F6"]] * 2 + [[]] * 4


def _afrm_second_mark_garbled(others: list[str]) -> tuple[Form4Filing, str]:
    """afrm_2021-03-18 (dev) with its holder's other lines citing ``others`` and its first line
    printing (1) whole and a second mark garbled after it, as u_2020-09-22 prints "L.P.(2)8)"."""
    lost, path = _afrm_holder_garbled()
    for line in lines(lost):
        if line.value("nature_of_ownership") == _MRL:
            line.cell("nature_of_ownership").footnotes = ["F1"] if line.path == path else others
    return lost, path


def test_a_holder_s_mark_garbled_after_one_printed_whole_is_what_its_other_lines_cite() -> None:
    lost, path = _afrm_second_mark_garbled(["F1", "F2"])
    text = (REAL / f"{_AFRM}.txt").read_text()
    garbled = {path: frozenset({"natureOfOwnership"})}
    restored, (repair,) = notes_by_meaning(lost, {}, text, garbled)
    (line,) = [line for line in lines(restored) if line.path == path]
    assert line.cell("nature_of_ownership").footnotes == ["F1", "F2"]
    assert repair.old == ["F1"] and repair.new == ["F1", "F2"]
    assert unsettled_marks(restored, {}, garbled) == []


def test_a_holder_s_mark_garbled_after_one_its_other_lines_do_not_cite_is_reported() -> None:
    lost, path = _afrm_second_mark_garbled(["F2"])
    text = (REAL / f"{_AFRM}.txt").read_text()
    garbled = {path: frozenset({"natureOfOwnership"})}
    assert notes_by_meaning(lost, {}, text, garbled) == (lost, [])
    (unsettled,) = unsettled_marks(lost, {}, garbled)
    assert unsettled.fields == [f"{path}/ownershipNature/natureOfOwnership"]


def test_a_value_read_whose_mark_ocr_garbled_is_reported_without_a_mark() -> None:
    """An amount printed '4,006")' is read, its mark lost: no meaning settles an amount's mark,
    so it is reported missing at the cell."""
    filed = _dev_filing()
    path = "nonDerivativeTable/nonDerivativeTransaction[1]"
    lost = filed.model_copy(deep=True)
    lost.non_derivative_transactions[0].transaction_shares.footnotes = []
    (unsettled,) = unsettled_marks(lost, {}, {path: frozenset({"transactionShares"})})
    assert unsettled.fields == [f"{path}/transactionAmounts/transactionShares"]
