"""What the boxes above Table I settle by pattern, and the staged method's short answers: how
they map onto the schema and what a constrained decoder is allowed to write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from form4.extractor.model.answers import (
    ROW_KEYS,
    OwnerAnswer,
    row_answer_model,
    row_answer_schema,
    row_cells,
    row_keys,
    schema_row,
)
from form4.extractor.model.backends import llguidance_grammar
from form4.extractor.pipeline import extract_text
from form4.extractor.readers.boxes import (
    box_dates,
    boxes_for_model,
    checked_roles,
    city_line,
    in_printed_order,
    issuer_as_printed,
    joint_filing,
    plan_box,
    printed_ticker,
    split_at_issuer,
    street_lines,
    with_house_number,
    with_title_head,
    without_issuer,
    without_stray_letters,
    zip_city_line,
)
from form4.extractor.text.sections import split_sections
from form4.schema import (
    DerivativeHolding,
    DerivativeTransaction,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
HEADER = split_sections(extract_text(SEEDS / "001_199a74515e6b1d19.txt")).header
"""Seed 001's boxes as OCR left them: labels interleaved with values, the officer box an x."""


def test_seed_boxes_read_by_pattern() -> None:
    assert box_dates(HEADER) == ["02/15/2011"]
    assert checked_roles(HEADER) == {"officer"}  # box 6's X before "Form filed" is no role
    assert printed_ticker(HEADER) == "SONS"
    assert city_line(boxes_for_model(HEADER)) == ("WESTFORD", "MA", "01886")


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("3. Date of Earliest Transaction 1o/17/2O11", ["10/17/2011"]),  # OCR's o and O for 0
        ("02/15/2011 4. If Amendment, Date of Original 3/1/2011", ["02/15/2011", "03/01/2011"]),
        ("12/31/20111 and 1/2/2011/3", []),  # part of a longer figure is no date
        ("(Month/Day/Year)", []),
    ],
)
def test_box_dates(text: str, dates: list[str]) -> None:
    assert box_dates(text) == dates


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("X Director 10% Owner\nOfficer (give title below) Other (specify below)", {"director"}),
        ("Director _X_ 10 % Owner x Other (specify below)", {"10% owner", "other"}),
        ("Director 10% Owner\nX Officer (give title below) X Other", {"officer", "other"}),
        ("Director 10% Owner X below) Other (specify below)", {"officer"}),  # the tail of OCR
        ("Director 10% Owner Officer (give title below) Other (specify below)", None),
        ("Exec Director Officer X Form filed by One Reporting Person", None),
    ],
)
def test_checked_roles_are_the_labels_an_x_stands_before(text: str, roles: set[str] | None) -> None:
    assert checked_roles(text) == roles


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("SONUS NETWORKS INC [SONS] 5. Relationship", "SONS"),
        ("BERKSHIRE HATHAWAY INC [ BRK.B ]", "BRK.B"),
        ("1. Name and Address of Reporting Person [*]", None),
        ("lower case [sons]", None),
        # synthetic 010_medium, 058_medium: an I printed as "!" (a model copied "ATK!")
        ("Atkinson Resources, Inc. [ ATK! ] (Check all", "ATKI"),
        ("Keith Brands, Inc. [ KE! ]", "KEI"),
        ("ACME CORP [ AC|M }", "ACIM"),
        # synthetic 047_heavy: the opening bracket read as a brace, the closing one whole
        ("CONNOR BRANDS INC { OCO] : (Check", "OCO"),
        ("CONNOR BRANDS INC { OCO} : (Check", None),
        # cmmb_2021-03-16 (dev) printed medium, synthetic 051_heavy: the opening bracket read
        # as a rule, which the cleaning drops; only where none is printed whole
        ("THIEL PETER Chemomab Therapeutics Ltd. CMMB ] (Check ail applicable)", "CMMB"),
        ("Cook Communications, inc. COOK] ; (Crsck", "COOK"),
        ("ne IFT ]\nMarkham Drew G MICROVISION, INC. [ MVIS ] (Check", "MVIS"),
    ],
)
def test_printed_ticker(text: str, ticker: str | None) -> None:
    assert printed_ticker(text) == ticker


def test_the_boxes_for_the_model_lose_the_address_labels_only() -> None:
    text = (
        "Dillon Matthew S.\n(Last) (First) (Middle)\n4 PARK DRIVE (Street)\n"
        "WESTFORD MA 01886 (City) (State) (Zip)"
    )
    boxes = boxes_for_model(text)
    assert boxes == "Dillon Matthew S.\n \n4 PARK DRIVE \nWESTFORD MA 01886 "
    for label in ("(Last)", "(First)", "(Middle)", "(Street)", "(City)", "(State)", "(Zip)"):
        assert label not in boxes_for_model(HEADER)
    assert "Dillon Matthew S." in boxes_for_model(HEADER)
    assert "SONUS NETWORKS INC [SONS]" in boxes_for_model(HEADER)


def test_a_city_line_needs_a_state_code_and_a_zip_code() -> None:
    assert city_line("NEW YORK NY 10017-1234") == ("NEW YORK", "NY", "10017-1234")
    assert city_line("WESTFORD XX 01886") is None  # no such state
    assert city_line("WESTFORD MA 0188") is None
    assert city_line("4 TECHNOLOGY PARK DRIVE") is None


def test_a_state_ocr_misread_or_set_apart_from_its_zip_is_the_zip_s() -> None:
    """Synthetic 006_medium prints WV as "wy", 002_medium a speck between NC and the ZIP; a
    state of another shape than the ZIP's stays unread."""
    assert city_line("Tracihaven wy 25396 X_ Form filed") == ("Tracihaven", "WV", "25396")
    assert city_line("Lynchton NC ij 27620 X_ Form tiled") == ("Lynchton", "NC", "27620")
    assert city_line("Tracihaven MA 25396") is None
    assert city_line("Lynchton NC ij 01886") is None


def test_specks_before_a_state_are_a_rule_of_the_box() -> None:
    """Synthetic 058_medium ("=MD"), fb_2017-07-28 (dev: "= _CA", the city's space lost)."""
    assert city_line("North Hannahmouth =MD 21703 * _X_ Form") == (
        "North Hannahmouth",
        "MD",
        "21703",
    )
    assert city_line("MENLOPARK = _CA 94025 __ a i ee") == ("MENLO PARK", "CA", "94025")
    # a synthetic filing drawn with another seed than the corpus's
    assert city_line("New Ashley NM. 87542 X_ Form filed by") == ("New Ashley", "NM", "87542")
    assert city_line("Nashchester 1D 83301 X_Form fied by") == ("Nashchester", "ID", "83301")
    assert city_line("Nashchester 1D 01886") is None


@pytest.mark.parametrize(
    ("line", "place"),
    [
        # u_2022-02-11 (dev): a digit for the box's rule between state and ZIP
        ("MENLO PARK CA 3 94025 _ 3 : _X_ Form", ("MENLO PARK", "CA", "94025")),
        # synthetic heavy prints: a lower-case state, a speck glued to the ZIP, a letter speck
        ('" GIBSONSTAD uT 7 "84304 : : : X_ Form', ("GIBSONSTAD", "UT", "84304")),
        ("Laurenport - + FL ah 32721 F : : Form", ("Laurenport", "FL", "32721")),
        # an S read as a dollar sign, a line begun with the box's underscores
        ("Berryberg \u00ab \u00ab $C 29508. : ; ! ; X Form", ("Berryberg", "SC", "29508")),
        ("__\u2018Tracymouth \u00a9 VA 22238 ; a : : X_ Forme", ("Tracymouth", "VA", "22238")),
        ("NORTHROBERT NM (88328 atest pean", ("NORTHROBERT", "NM", "88328")),
        # with a speck between them, the state must be the ZIP's own
        ("WESTFORD MA 5 01886", ("WESTFORD", "MA", "01886")),
        ("WESTFORD CA 5 01886", None),
        ("WESTFORD $D 01886", None),
        ("WESTFORD MA 5 7 01886", None),
    ],
)
def test_a_speck_between_state_and_zip_needs_the_zip_s_state(
    line: str, place: tuple[str, str, str] | None
) -> None:
    assert city_line(line) == place


@pytest.mark.parametrize(
    ("boxes", "place"),
    [
        ("WESTFO \u05ea \u05de\u05e4\u05e8 IA 01886 X Forr n filed", ("WESTFORD", "MA", "01886")),
        (" WESTF(01886 4. Line) X Form filed", ("WESTFORD", "MA", "01886")),
        ("New Yo rk, N 10017", ("New York", "NY", "10017")),
        ("SAN FRANC1SC0 CA 94105", ("SAN FRANCISCO", "CA", "94105")),
        ("DALLAS TX 01886", None),  # the ZIP names another place: nothing ties it to the line
        ("WESTFORD MA 99999", None),  # no such ZIP
        ("Washington, D.C. 20549", None),  # the Commission's own address in the masthead
        ("WESTFORD MA 01886", ("WESTFORD", "MA", "01886")),
    ],
)
def test_a_zip_code_completes_a_city_printed_in_part(
    boxes: str, place: tuple[str, str, str] | None
) -> None:
    assert zip_city_line(boxes) == place


def test_seed_city_lines_garbled_by_ocr_are_completed_from_the_zip() -> None:
    for seed in ("000_bb4fdde93ac5d185", "003_14569be90e76a5a3"):
        header = split_sections(extract_text(SEEDS / f"{seed}.txt")).header
        assert city_line(boxes_for_model(header)) is None
        assert zip_city_line(boxes_for_model(header)) == ("WESTFORD", "MA", "01886")


@pytest.mark.parametrize(
    ("street", "issuer", "kept"),
    [
        ("C/O SONUS I NETWORKS, INC.", "SONUS NETWORKS INC", "C/O SONUS NETWORKS, INC."),
        ("c/o Acme Co rp", "ACME CORP", "c/o Acme Co rp"),  # "Co" is no stray: no repair
        ("C/O SONUS I NETWORKS, INC.", "ACME CORP", "C/O SONUS I NETWORKS, INC."),
        ("4 TECHNOLO OGY PARK DI RIVE", "SONUS NETWORKS INC", "4 TECHNOLO OGY PARK DI RIVE"),
        ("C/O SONUS NETWORKS, INC.", "SONUS NETWORKS INC", "C/O SONUS NETWORKS, INC."),
        (None, "SONUS NETWORKS INC", None),
    ],
)
def test_stray_letters_leave_a_care_of_line_only_where_the_rest_names_the_issuer(
    street: str | None, issuer: str, kept: str | None
) -> None:
    assert without_stray_letters(street, issuer) == kept


BOX_ONE = """1. Name and Address of Reporting Person* 2 Issuer Name and Ticker or Trading Symbol
Zuniga Catherine L. HILL-CARTER COMMUNICATIONS CORPORATION [ HCC ]
 Director __ 10% Owner
C/O HILL-CARTER COMMUNICATIONS CORPORATION 3. Date of Earliest Transaction X_ Officer
554 Miller Mall 01/14/2019 EVP, Operations
APT. 874 10/10/2019 President and CEO
New Laura GA 31123 X_ Form filed by One Reporting Person"""
"""Box 1 of a synthetic fixture's OCR, with a unit line added below the street."""
ISSUER = "HILL-CARTER COMMUNICATIONS CORPORATION"


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        (  # the care-of line above the street, naming the issuer, was dropped
            ("554 Miller Mall", None),
            ("C/O HILL-CARTER COMMUNICATIONS CORPORATION", "554 Miller Mall"),
        ),
        (("APT. 874", "554 Miller Mall"), ("554 Miller Mall", "APT. 874")),  # printed order
        (("C/O HILL-CARTER COMMUNICATIONS CORPORATION", "554 Miller Mall"), None),
        (("554 Miller Mall", "APT. 874"), None),
        (("APT. 874", None), None),  # nothing below a unit is taken
        (("9 Elm St", None), None),  # not printed as the model gave it: no evidence
    ],
)
def test_street_lines_are_put_in_printed_order_with_the_lines_beside_them(
    given: tuple[str | None, str | None], printed: tuple[str | None, str | None] | None
) -> None:
    assert in_printed_order(*given, BOX_ONE, ISSUER) == (printed or given)


def test_a_unit_line_below_the_street_is_kept_and_a_care_of_line_must_name_the_issuer() -> None:
    boxes = BOX_ONE.replace("554 Miller Mall 01", "C/O ACME 2\n554 Miller Mall 01")
    assert in_printed_order("554 Miller Mall", None, boxes, ISSUER) == (
        "554 Miller Mall",
        "APT. 874",
    )
    assert in_printed_order("554 Miller Mall", None, boxes, "ACME") == (
        "C/O ACME",
        "554 Miller Mall",
    )


def test_a_date_is_never_an_address_line() -> None:
    answer = OwnerAnswer(name="x", street1="C/O SONUS", street2="10/17/2011", city="1/2/2011")
    assert (answer.street2, answer.city) == (None, None)
    assert OwnerAnswer(name="x", street1="10/17 MAIN ST").street1 == "10/17 MAIN ST"


def test_owner_roles_are_read_however_the_model_writes_them() -> None:
    answer = OwnerAnswer(name="x", roles=["Director", "10% Owner", "Officer (give title below)"])
    assert answer.checked() == {"director", "10% owner", "officer"}
    assert OwnerAnswer(name="x", roles=["dir.", "oth"]).checked() == {"director", "other"}
    assert OwnerAnswer(name="x").checked() == set()
    owner = OwnerAnswer(name="Dillon Matthew S.", roles=["officer"], title="VP", zip="01886")
    record = owner.owner()
    assert (record.is_officer, record.is_director, record.officer_title) == (True, False, "VP")
    assert record.rpt_owner_zip_code == "01886"


def test_a_box_the_model_calls_none_is_empty() -> None:
    owner = OwnerAnswer(name="Polizzi Peter", other="None", title="VP", street2="N/A").owner()
    assert (owner.other_text, owner.rpt_owner_street2, owner.officer_title) == (None, None, "VP")


@pytest.mark.parametrize(  # the model's titles on the real dev half
    "label",
    ["~~", "___", "X", "10% Owner", "1% Owner", "X W% Owner", "Other (specify below)", "Director"],
)
def test_a_label_or_speck_of_box_5_is_no_title(label: str) -> None:
    owner = OwnerAnswer(name="Rabois Keith", title=label, other=label).owner()
    assert (owner.officer_title, owner.other_text) == (None, None)


@pytest.mark.parametrize("title", ["GC", "SR VP PEOPLE", "Vice President & Treasurer", "EVP"])
def test_a_short_or_capitalised_title_is_kept(title: str) -> None:
    assert OwnerAnswer(name="Markham Drew G", title=title).owner().officer_title == title


MODELS = {
    ("I", False): NonDerivativeTransaction,
    ("I", True): NonDerivativeHolding,
    ("II", False): DerivativeTransaction,
    ("II", True): DerivativeHolding,
}


@pytest.mark.parametrize(("table", "holding"), sorted(MODELS))
def test_short_keys_name_columns_of_the_schema_row(table: str, holding: bool) -> None:
    columns = {f.alias or n for n, f in MODELS[table, holding].model_fields.items()}
    keys = row_keys(table, holding)
    assert set(keys.values()) <= columns
    assert ("date" in keys) is not holding  # a holding line has no date to invent
    assert len(set(ROW_KEYS[table].values())) == len(ROW_KEYS[table])  # one to one


def test_a_row_answer_becomes_the_schema_row_it_names() -> None:
    answer = row_answer_model("I", False).model_validate(
        {"title": "Common Stock", "date": "02/15/2011", "code": "F", "shares": "1,123(1)"}
    )
    cells = row_cells("I", answer)
    assert cells == {
        "securityTitle": "Common Stock",
        "transactionDate": "02/15/2011",
        "transactionCode": "F",
        "transactionShares": "1,123(1)",
    }
    row = schema_row("I", cells)
    assert isinstance(row, NonDerivativeTransaction)
    assert row.transaction_shares is not None and row.transaction_shares.footnotes == ["F1"]
    held = schema_row("I", {"securityTitle": "Common Stock", "transactionCode": "F"})
    assert isinstance(held, NonDerivativeHolding)  # no date: a holding, the code not carried


@pytest.mark.parametrize(
    ("table", "holding", "cells", "where"),
    [
        ("I", False, {"title": "Stock", "date": "13/45/2011"}, "transactionDate"),
        ("I", False, {"title": "Stock", "date": "02/15/2011", "code": "Q"}, "transactionCode"),
        ("I", True, {"title": "Stock", "di": "X"}, "directOrIndirectOwnership"),
        ("II", False, {"title": "Option", "date": "2/5/2011", "exercisePrice": "x"}, "conversion"),
    ],
)
def test_a_row_answer_must_make_a_valid_schema_row(
    table: str, holding: bool, cells: dict[str, str], where: str
) -> None:
    with pytest.raises(ValidationError, match=where):
        row_answer_model(table, holding).model_validate(cells)


def test_a_holding_answer_has_no_date_to_fill() -> None:
    with pytest.raises(ValidationError, match="date"):
        row_answer_model("I", True).model_validate({"title": "Common Stock", "date": "02/15/2011"})


def _pattern(table: str, holding: bool, key: str) -> re.Pattern[str]:
    return re.compile(row_answer_schema(table, holding)["properties"][key]["pattern"])


def test_the_row_schema_carries_the_printed_cell_patterns() -> None:
    schema = row_answer_schema("I", False)
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(row_keys("I", False))
    assert _pattern("I", False, "date").match("02/15/2011(2)")
    assert not _pattern("I", False, "date").match("Feb 15, 2011")
    assert _pattern("II", False, "expiration").match("2/5/2030")
    for impossible in ("13/15/2011", "02/45/2011", "00/15/2011", "02/15/0211"):
        assert not _pattern("II", False, "expiration").match(impossible)
    assert _pattern("I", False, "code").match("F(1)")
    assert not _pattern("I", False, "code").match("Q")
    assert _pattern("I", False, "shares").match("1,123(1)")
    assert not _pattern("I", False, "shares").match("1,123(0)")
    assert not _pattern("I", False, "shares").match("one thousand")
    assert "pattern" not in schema["properties"]["title"]
    holding = row_answer_schema("I", True)
    assert not {"date", "code", "shares"} & set(holding["properties"])


@pytest.mark.parametrize(("table", "holding"), sorted(MODELS))
def test_the_row_schema_becomes_a_grammar_without_warnings(table: str, holding: bool) -> None:
    """What the embedded model decodes under, built as the backend builds it, no model loaded:
    a keyword llguidance ignored would leave a cell unconstrained."""
    llguidance = pytest.importorskip("llguidance", reason="needs the [local] extra")
    grammar = llguidance_grammar(json.dumps(row_answer_schema(table, holding)))
    assert llguidance.LLMatcher.validate_grammar_with_warnings(grammar) == (False, [])


def test_a_house_number_printed_before_a_street_line_is_kept() -> None:
    boxes = "C/O SONUS NETWORKS, INC. 4 TECHNOLOGY PARK DRIVE 3. Date of Earliest Transaction"
    assert with_house_number("TECHNOLOGY PARK DRIVE", boxes) == "4 TECHNOLOGY PARK DRIVE"
    assert with_house_number("4 TECHNOLOGY PARK DRIVE", boxes) == "4 TECHNOLOGY PARK DRIVE"
    assert (
        with_house_number("Date of Earliest Transaction", boxes) == "Date of Earliest Transaction"
    )
    assert with_house_number("SUITE 4", "$4 SUITE 4") == "SUITE 4"
    assert with_house_number(None, boxes) is None


def test_a_title_abbreviation_glued_to_the_label_is_kept() -> None:
    boxes = "3. Date of Earliest Transaction 06/17/2014 • belov vP, Global Services"
    assert with_title_head("Global Services", boxes) == "VP, Global Services"
    assert with_title_head("VP, Global Services", boxes) == "VP, Global Services"
    assert with_title_head("Services", "Global, Services") == "Services"  # no title word
    assert with_title_head("Global Services", "SVP, Global Services") == "SVP, Global Services"
    assert with_title_head(None, boxes) is None


@pytest.mark.parametrize(
    ("header", "checked"),
    [
        ("X Check this box to indicate that a transaction was made\npursuant to a contract", True),
        ("x _ Check this box to indicate that a transaction was made", True),
        ("Check this box to indicate that a transaction was made\nX Director", False),
        ("Chec this box to indicate that a transaction was made", False),
        ("Check this box if no longer subject to Section 16.\nX Director 10% Owner", None),
    ],
)
def test_the_rule_10b5_1_box_is_an_x_before_its_caption(header: str, checked: bool | None) -> None:
    """Forms since 2023 print the box; an older form, without it, states nothing."""
    assert plan_box(header) is checked


def test_the_rule_10b5_1_box_of_a_real_filing() -> None:
    real = Path(__file__).parent / "fixtures" / "real"
    headers = {
        name: split_sections(extract_text(real / f"{name}.txt")).header
        for name in ("afrm_2023-04-03_rabois", "mvis_2026-06-08_markham", "lnkd_2011-05-24_hoffman")
    }
    assert {name: plan_box(header) for name, header in headers.items()} == {
        "afrm_2023-04-03_rabois": True,
        "mvis_2026-06-08_markham": False,
        "lnkd_2011-05-24_hoffman": None,
    }


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("ast Fost nose). 1 : X Oretor X 10% Owner", {"director", "10% owner"}),
        ("(Last) (First) (Middle) : X Owector = 10% Owner", {"director"}),
        ("Gast) Feat) Mise) : : au Drrector : X W% Owner", {"10% owner"}),
        ("ae : : fie Packie} : X Oieccr * : 10% Owner", None),
        ("X Form filed by One Reporting Person", None),
    ],
)
def test_a_garbled_box_5_label_after_an_x_is_the_label_it_is_nearest(
    line: str, roles: set[str] | None
) -> None:
    """Lines of box 5 as Tesseract read heavy scans of real filings: "Oieccr" is as near
    Officer as Director, so it is no label's."""
    assert checked_roles(line) == roles


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("(Last) (First) (Middie} X) Director X 10% Owner", {"director", "10% owner"}),
        ("(Last) (First) (Middie) X , Director 10% Owner", {"director"}),
        ("{Last) (First) (Middle) XK Director 10% Owner", {"director"}),
        ("(Last) (First) (Middie) X .Director 10% Owner", {"director"}),
        ("{aso Firat}. } a.) i ; : : 4 K Drector = X 1% Owner", {"director", "10% owner"}),
        ("(Last) (First) XX Director 10% Owner", {"director"}),
        ("Section 30(h) of the Investment Company Act, Section 3X) ofthe Inve", None),
        ("Kenneth Director Officer", None),
    ],
)
def test_a_box_5_x_as_ocr_prints_it(line: str, roles: set[str] | None) -> None:
    """The dev half printed medium (lnkd_2012-04-02, yhoo_2013-03-31, msft_2017-08-30), its
    heavy scan of lnkd_2012-04-02 and a synthetic heavy one: the X doubled, read as K, or with
    a bracket or a speck after it; an X after a digit, or a K inside a word, is no mark."""
    assert checked_roles(line) == roles


def test_a_box_date_misread_past_its_months_end_is_left_out() -> None:
    """A heavy scan of a real filing read box 3's 02/11/2020 as "02/41/2020"."""
    assert box_dates("3. Date of Earliest Transaction 02/41/2020\n4. If Amendment 13/01/2020") == []
    assert box_dates("3. Date of Earliest Transaction 02/11/2020") == ["02/11/2020"]


def test_box_two_s_issuer_joined_to_box_one_s_name_is_taken_off_it() -> None:
    """Box 1's name and box 2's issuer share an OCR line, and a small model copies both (the dev
    half's yelp, znga and b filings)."""
    assert without_issuer("Rabois Keith YELP INC", "YELP INC") == "Rabois Keith"
    assert without_issuer("MANGUM MYLLE H BARNES GROUP INC.", "BARNES GROUP INC") == (
        "MANGUM MYLLE H"
    )
    assert without_issuer("Hoffman Reid ZYNGA INC", "Zynga Inc.") == "Hoffman Reid"
    # the issuer's whole name, at the end, after two words of the owner's: else as answered
    assert without_issuer("Rabois Keith", "YELP INC") == "Rabois Keith"
    assert without_issuer("Ball Corp", "Ball Corp") == "Ball Corp"
    assert without_issuer("Alphabet Holdings", "Holdings") == "Alphabet Holdings"
    assert without_issuer("Smith John YELP INC Trust", "YELP INC") == "Smith John YELP INC Trust"


def test_box_two_s_name_is_taken_as_printed_before_its_ticker() -> None:
    """lnkd_2013-01-02 (dev): the model copied the care-of line's longer name; OCR closed the
    bracket with a brace."""
    header = (
        "Hoffman Reid LINKEDIN CORP [ LNKD } (Check all applicable)\n"
        "C/O LINKEDIN CORPORATION 3. Date of Earliest Transaction\n"
    )
    assert issuer_as_printed(header, "LINKEDIN CORPORATION") == "LINKEDIN CORP"
    # printed as answered, or printed otherwise than the answer begins: as answered
    assert issuer_as_printed(header, "LINKEDIN CORP") is None
    assert issuer_as_printed(header, "LinkedIn Corp.") is None
    assert issuer_as_printed(header, "MICROSOFT CORP") is None
    assert (
        issuer_as_printed("Doe Jane ACME INC (Check all applicable)", "ACME INCORPORATED") is None
    )


def test_box_one_s_name_and_box_two_s_issuer_answered_as_one_are_cut_at_the_ticker() -> None:
    """cmmb_2021-03-16 and ntra_2017-07-14 (dev): the model answered the line of both boxes as
    the owner's name and as the issuer's."""
    assert split_at_issuer("THIEL PETER Chemomab Therapeutics Ltd.", "CMMB") == (
        "THIEL PETER",
        "Chemomab Therapeutics Ltd.",
    )
    assert split_at_issuer("BOTHA ROELOF Natera, Inc.", "NTRA") == ("BOTHA ROELOF", "Natera, Inc.")
    # a middle initial that begins with the ticker's letter is not the issuer's start
    assert split_at_issuer("DOE ANN W WIDGET WORKS CORP", "WDGT") == (
        "DOE ANN W",
        "WIDGET WORKS CORP",
    )
    # no cut where the ticker abbreviates nothing printed, or two words could begin the name
    assert split_at_issuer("DOE ANN Block, Inc.", "SQ") is None
    assert split_at_issuer("DOE ANN Acme Apex Holdings", "AH") is None
    assert split_at_issuer("Acme Corp", "ACME") is None
    assert split_at_issuer("THIEL PETER Chemomab Therapeutics Ltd.", None) is None


@pytest.mark.parametrize(
    ("line", "joint"),
    [
        ("(City) (State) Zip) X_ Form filed by More than One Reporting Person ;", True),  # lnkd
        ("(City) : - *Suate) Zp} _X._Foem tied by More than One Reporting Person", True),  # mchx
        ("ey) State} a) ; X Form fied by More than One Reporting Parson", True),  # lnkd_2011
        (
            '(Cay) (State) re Zep \u00ab= ; ; i "x? Form filed by More than One',
            True,
        ),  # synthetic 055
        ("cy) (State) (ip) | + XX Form filed ty Mor\u00e9 than One Reporting Person", True),  # 039
        ("(City) (State) (Zip) ____ Form filed by More than One Reporting Person", False),
        ("MENLO PARK CA 94025 _X_ Form filed by One Reporting Person", False),
        ("* If the form is filed by more than one reporting person, see Instruction 4", False),
    ],
)
def test_box_6_says_whether_more_than_one_person_files(line: str, joint: bool) -> None:
    """Box 6 lines of dev and synthetic filings as OCR prints them."""
    assert joint_filing(line) is joint


@pytest.mark.parametrize(
    ("boxes", "line"),
    [
        # yelp_2012-03-07, znga_2011-12-21, znga_2012-04-03 (dev): a space lost, a speck added
        ("SANFRANCISCO CA 94103", ("SAN FRANCISCO", "CA", "94103")),
        ("MOUNTAINVIEW CA 94043", ("MOUNTAIN VIEW", "CA", "94043")),
        ("MOUNTAIN VIEW. CA 94043", ("MOUNTAIN VIEW", "CA", "94043")),
        ("WESTFORD MA 01886", ("WESTFORD", "MA", "01886")),
    ],
)
def test_a_city_line_takes_its_zip_s_spelling_of_the_same_letters(
    boxes: str, line: tuple[str, str, str]
) -> None:
    assert city_line(boxes) == line


def test_the_masthead_s_city_is_no_owner_s_whatever_ocr_made_of_its_zip() -> None:
    """lnkd_2011-05-24 (dev): "Washington, D.C. 20548" above box 1's "MOUNTAIN-VIEW "CA 94043"."""
    boxes = ': ee : Washington, D.C. 20548 < paaryoarers\n- MOUNTAIN-VIEW "CA 94043 ; ! Fear'
    assert zip_city_line(boxes) == ("MOUNTAIN VIEW", "CA", "94043")


def test_box_1_s_street_lines_are_read_between_their_labels() -> None:
    """yelp_2012-11-23 (dev): a small model answered "706 MISSION ST." and "7TH FLOOR" and left
    the care-of line out; box 1's lines are their own OCR lines, box 3 printed right of them."""
    header = (
        "Rabois Keith YELP INC [ YELP ]\n"
        "(Last) (First) (Middle) X_ Director 10% Owner\n"
        "C/O YELP INC. 3.-Date of Earliest Transaction (Month/Day/Year) Officer (give title\n"
        "706 MISSION ST., 7TH FLOOR 11/23/2012\n"
        "(Street)\n"
    )
    assert street_lines(header) == ["C/O YELP INC.", "706 MISSION ST., 7TH FLOOR"]


@pytest.mark.parametrize(
    ("between", "lines"),
    [
        # nhld_2019-12-23 (dev): one street line, box 5's title on the next
        (
            "200 VESEY STREET, 25TH FLOOR 3. Date of Earliest Transaction X Officer\n"
            "12/23/2019 President and CFO",
            ["200 VESEY STREET, 25TH FLOOR"],
        ),
        # ntra_2019-08-09 (dev): a speck left before box 3's label
        ("C/O SEQUOIA CAPITAL, r 3. Date of Earliest", ["C/O SEQUOIA CAPITAL,"]),
        ("8396 Douglas Locks\nApt. 7 Officer (give title below)", ["8396 Douglas Locks", "Apt. 7"]),
        # a building's letter after it is no speck; a lone letter after a street name is
        ("13485 FRONTIER\nBUILDING N 11/27/2020", ["13485 FRONTIER", "BUILDING N"]),
        ("178 Susan Rapids i 3. Date of Earliest", ["178 Susan Rapids"]),
        # the seed: OCR cut the words apart, which only a person can put together
        ("4 TECHNOLO OGY PARK DI RIVE", None),
        ("ONE\nTWO\nTHREE", None),  # more lines than EDGAR prints
    ],
)
def test_street_lines_as_printed_or_none(between: str, lines: list[str] | None) -> None:
    assert street_lines(f"(Last) (First) (Middle)\n{between}\n(Street)\n") == lines
    assert street_lines(f"{between}\n(Street)\n") is None  # no name labels: not box 1


@pytest.mark.parametrize(
    ("boxes", "line"),
    [
        # synthetic 000_clean: OCR printed the state code in lower case
        ("CLARKSIDE sc 29520 X_ Form filed by One Reporting Person", ("CLARKSIDE", "SC", "29520")),
        # synthetic 016_clean, 026_medium: the city wrapped in its narrow box, specks after it
        (
            "NEW FL 33087 X_ Form filed\nCHRISTINAFURT\n___ Form filed by More",
            ("NEW CHRISTINAFURT", "FL", "33087"),
        ),
        (
            "WEST AK 99582 x X Form\nJENNIFERBURY 'i i 7\n__ Form",
            ("WEST JENNIFERBURY", "AK", "99582"),
        ),
        # box 6's line below is no part of the city
        (
            "MENLO PARK CA 94025 X_ Form\n__ Form filed by More than One",
            ("MENLO PARK", "CA", "94025"),
        ),
        # synthetic 006_medium: "WV" printed "wy", a state of the same shape as ZIP 25396's
        (
            "Tracihaven wy 25396 X_ Form filed by One Reporting Person",
            ("Tracihaven", "WV", "25396"),
        ),
        # synthetic 044_clean, 052_clean: TX and TN printed as a trademark sign, told apart by
        # the ZIP (37666 is not in the USPS table; the ZIPs sharing its 376 are TN's)
        ("West Nicole \u2122 75762 Form filed", ("West Nicole", "TX", "75762")),
        ("EAST JERRY \u2122 37666 X_ Form filed", ("EAST JERRY", "TN", "37666")),
        ("Tracihaven \u2122 25396 X_ Form", None),  # a WV ZIP
        # synthetic 051_heavy: the sign with the state's second letter, a speck before the ZIP
        ("PERKINSTON \u2122N . 38473 : fi :", ("PERKINSTON", "TN", "38473")),
        ("PERKINSTON \u2122X . 38473 : fi :", None),  # a TN ZIP
        # znga_2011-12-21 (dev): the box's rule between state and ZIP
        ("MOUNTAINVIEW CA | 94043 e", ("MOUNTAIN VIEW", "CA", "94043")),
        ("MOUNTAINVIEW CA Form 94043 e", None),  # a word is no speck
        # synthetic 021_light: a ZIP's 5 printed "\u00a7"; only with the state printed its own
        ("CATHERINEBURGH SD \u00a77129 _X_ Porm", ("CATHERINEBURGH", "SD", "57129")),
        ("CATHERINEBURGH ND \u00a77129 _X_ Porm", None),
    ],
)
def test_a_city_line_s_state_is_its_zip_s_and_its_city_may_wrap(
    boxes: str, line: tuple[str, str, str] | None
) -> None:
    assert city_line(boxes) == line
