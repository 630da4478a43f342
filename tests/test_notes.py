"""The bottom of the form read by pattern, on real OCR fixtures: explanations, remarks and
signatures exactly as printed, and nothing where the reader cannot tell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from form4.extractor.pipeline import extract_text
from form4.extractor.readers.notes import Notes, read_notes
from form4.extractor.readers.signatures import canonical
from form4.extractor.text.cleaning import clean_text
from form4.extractor.text.sections import split_sections
from form4.schema import Footnote, OwnerSignature

FIXTURES = Path(__file__).parent / "fixtures"

PRICE_RANGE = (
    "The price reported in Column 4 is a weighted average price. These shares were sold in "
    "multiple transactions at prices ranging from {low} to {high}, inclusive. The reporting "
    "person undertakes to provide to the issuer, any security holder of the issuer, or the staff "
    "of the Securities and Exchange Commission, upon request, full information regarding the "
    "number of shares sold at each separate price within the range set forth in this footnote."
)


def notes(name: str) -> Notes:
    return read_notes(split_sections(extract_text(FIXTURES / name)))


def test_seed_drops_stray_values_and_picks_the_signing_date() -> None:
    """Seed 000 prints "$2,28" and "200,000" between the explanations, and strews the tables'
    dates (10/17/2011, 10/17/2021) around the signature's own."""
    read = notes("seeds/000_bb4fdde93ac5d185.txt")

    assert read.footnotes == [
        Footnote(
            id="F1",
            text="The vesting of the 100,000 share grant is generally subject to the achievement "
            "of certain performance metrics and the continued employment of the Reporting Person.",
        ),
        Footnote(
            id="F2",
            text="25% of the shares underlying this option vests on October 17, 2012. The "
            "remaining 75% of the shares underlying this option will then vest in equal monthly "
            "increments for the following 36 months through October 17, 2015.",
        ),
    ]
    assert read.remarks is None
    assert read.signatures == [
        OwnerSignature(signature_name="Matthew S. Dillon", signature_date=date(2011, 10, 19))
    ]


def test_seed_remarks_title_on_the_explanation_line_ends_it() -> None:
    read = notes("seeds/001_199a74515e6b1d19.txt")

    assert read.footnotes == [
        Footnote(
            id="F1",
            text="PAYMENT OF TAX LIABILITY BY DELIVERING SECURITIES TO THE COMPANY INCIDENT TO "
            "THE VESTING OF A SECURITY",
        )
    ]
    assert read.signatures == [
        OwnerSignature(signature_name="Matthew S. Dillon", signature_date=date(2011, 2, 15))
    ]


def test_clean_synthetic_reads_wrapped_explanations_remarks_and_signature() -> None:
    read = notes("drawn/000_clean.txt")

    assert [footnote.id for footnote in read.footnotes] == ["F1", "F2"]
    assert read.footnotes[1].text == (
        "Represents shares held in the Issuer's 401(k) plan as of August 1, 2025, based on the "
        "most recent plan statement."
    )
    assert read.remarks == (
        "This amendment is being filed to correct the transaction price reported in the "
        "original Form 4."
    )
    assert read.signatures == [
        OwnerSignature(signature_name="/s/ Cesar James", signature_date=date(2025, 10, 10))
    ]


def test_no_remarks_when_only_the_signature_follows_the_title() -> None:
    read = notes("drawn/004_clean.txt")

    assert [footnote.id for footnote in read.footnotes] == ["F1", "F2", "F3", "F4"]
    assert read.remarks is None
    assert read.signatures == [
        OwnerSignature(signature_name="Nathan Odom", signature_date=date(2008, 8, 21))
    ]


def test_attorney_in_fact_signature_wrapped_onto_the_label_line() -> None:
    read = notes("drawn/020_clean.txt")

    assert read.remarks == "Exhibit 24 - Power of Attorney"
    assert read.signatures == [
        OwnerSignature(
            signature_name="/s/ Chris H. Anderson, Attorney-in-Fact",
            signature_date=date(2016, 9, 27),
        )
    ]


def test_joint_filing_signatures_and_remarks_sharing_the_first_signature_line() -> None:
    read = notes("drawn/028_clean.txt")

    assert read.footnotes[0] == Footnote(
        id="F1", text=PRICE_RANGE.format(low="$1.52", high="$1.58")
    )
    assert [footnote.id for footnote in read.footnotes] == ["F1", "F2", "F3", "F4"]
    assert read.remarks == (
        "Each reporting person disclaims beneficial ownership of the reported securities except "
        "to the extent of its pecuniary interest therein, and this report shall not be deemed an "
        "admission that any reporting person is the beneficial owner of such securities."
    )
    signed = date(2010, 4, 27)
    assert read.signatures == [
        OwnerSignature(
            signature_name="Bond Opportunity Partners II, L.P., By: Bond Opportunity Advisors, "
            "LLC, its General Partner, By: /s/ Willie Barnes, Managing Member",
            signature_date=signed,
        ),
        OwnerSignature(
            signature_name="Bond Opportunity Advisors, LLC, By: /s/ Willie Barnes, Managing Member",
            signature_date=signed,
        ),
        OwnerSignature(signature_name="/s/ Willie Barnes", signature_date=signed),
    ]


def test_misread_numbers_are_restored_only_where_the_sequence_confirms_them() -> None:
    """022 prints its only explanation as "4."; 007 prints "* 4 Each" between 2 and "& 4."."""
    assert [footnote.id for footnote in notes("drawn/022_medium.txt").footnotes] == ["F1"]
    heavy = notes("drawn/007_heavy.txt").footnotes
    assert [footnote.id for footnote in heavy] == ["F1", "F2", "F3", "F4", "F5"]
    assert heavy[2].text.startswith("Each restricted stock unet represents")


def test_garbled_signature_is_spelled_as_box_one_prints_the_owner() -> None:
    """OCR reads "/s/ Peter . Cohen"; box 1 prints "Cohen Peter I."."""
    assert notes("drawn/012_clean.txt").signatures == [
        OwnerSignature(signature_name="/s/ Peter I. Cohen", signature_date=date(2022, 3, 16))
    ]


def test_garbled_attorney_signature_is_left_out_but_remarks_kept() -> None:
    """ "/s/ Maria . Pineda, Attorney-in-Fact" lost an initial and names nobody in box 1."""
    read = notes("drawn/045_light.txt")

    assert read.signatures == []
    assert read.remarks == "Exhibit List: Exhibit 24 - Power of Attorney"


def test_garbled_remarks_are_left_out() -> None:
    """049 prints "which Was s:coiaved in the original Form 4."."""
    assert notes("drawn/049_light.txt").remarks is None


def _signatures_of(name: str, folder: str = "real") -> list[tuple[str, date | None]]:
    notes = read_notes(split_sections(extract_text(FIXTURES / folder / f"{name}.txt")))
    return [(s.signature_name, s.signature_date) for s in notes.signatures]


def test_signatures_made_for_the_reporting_person_are_read_whole() -> None:
    """Attorneys sign "for", "on behalf of" or "pursuant to a Power of Attorney", and a middle
    initial may have no full stop; the signature wraps in its cell onto the next line."""
    assert _signatures_of("alk_2020-11-05_schneider") == [
        ("/s/ JEANNE E GAMMON, ATTORNEY IN FACT FOR ANDREA L. SCHNEIDER", date(2020, 11, 9))
    ]
    assert _signatures_of("b_2019-12-10_mangum") == [
        ("Patricia A. Bradley, pursuant to a Power of Attorney", date(2019, 12, 12))
    ]
    assert _signatures_of("znga_2012-04-03_hoffman") == [
        ("/s/ Chrystal Menard on behalf of Reid Hoffman", date(2012, 4, 3))
    ]


def test_a_lone_capital_after_a_signature_is_a_speck_not_an_initial() -> None:
    text = "Remarks:\n\n/s/ Louis L. Moore E 05/02/2019\n** Signature of Reporting Person Date\n"
    notes = read_notes(split_sections(text))
    assert [s.signature_name for s in notes.signatures] == ["/s/ Louis L. Moore"]


def test_a_lone_small_letter_after_a_signature_is_a_speck_but_the_word_a() -> None:
    """msft_2017-08-30 printed medium: "Reid G. Hoffman i \u2122" below the attorney's line."""
    assert _signatures_of("msft_2017-08-30_hoffman", "real_dev_medium") == [
        ("Keith R. Dolliver, Attorney-in-Fact for Reid G. Hoffman", date(2017, 8, 31))
    ]
    text = (
        "Remarks:\n\n/s/ Jane Roe, pursuant to a 05/02/2019\nPower of Attorney i\n"
        "** Signature of Reporting Person Date\n"
    )
    notes = read_notes(split_sections(text))
    assert [s.signature_name for s in notes.signatures] == [
        "/s/ Jane Roe, pursuant to a Power of Attorney"
    ]


def test_an_attorney_signing_by_power_of_attorney_for_the_person() -> None:
    """lnkd_2011-05-24 printed clean: "/s/ Lora Blum, by power of attorney for" over the name."""
    assert _signatures_of("lnkd_2011-05-24_hoffman", "real_dev_clean")[:1] == [
        ("/s/ Lora Blum, by power of attorney for Reid Hoffman", date(2011, 5, 26))
    ]


def test_an_entity_s_signature_with_a_semicolon_and_a_stray_letter_before_it() -> None:
    """mchx_2020-02-11: "Edenbrook Capital, LLC; By: /s/" over the signer's name, printed clean,
    and printed medium with "i" and "4" read before the two lines."""
    entity = ("Edenbrook Capital, LLC; By: /s/ Jonathan Brolin, Managing Member", date(2020, 2, 13))
    assert _signatures_of("mchx_2020-02-11_edenbrook", "real_dev_clean")[0] == entity
    assert _signatures_of("mchx_2020-02-11_edenbrook", "real_dev_medium")[0] == entity


def test_a_capital_after_a_speck_opening_a_name_s_line_is_the_speck_s() -> None:
    """mchx_2020-02-11 printed medium: ": A Member of Edenbrook Capital" under "Managing"."""
    fund = _signatures_of("mchx_2020-02-11_edenbrook", "real_dev_medium")[2]
    assert fund == (
        "Edenbrook Long Only Value Fund, LP, By: /s/ Jonathan Brolin, Managing Member of "
        "Edenbrook Capital Partners, LLC",
        date(2020, 2, 13),
    )


def test_a_date_ocr_printed_between_the_lines_of_a_name_is_its_signing_date() -> None:
    """fb_2018-05-15 printed medium: the date on a line of its own between the attorney's name
    and whom it signs for."""
    ((name, signed),) = _signatures_of("fb_2018-05-15_thiel", "real_dev_medium")
    assert name.casefold() == "/s/ michael johnson as attorney-in-fact for peter thiel"
    assert signed == date(2018, 5, 17)


def test_a_heavy_scan_s_slash_mark_and_split_hyphen_are_read_as_printed() -> None:
    """A heavy scan prints "/s/" as "is/" or "/s", and a hyphenated word with a space after its
    hyphen ("Attocney-in- fact"); the instructions' text before them on the line is no name."""
    assert _signatures_of("mdb_2019-04-01_botha") == [
        ("/s/ Jung Yeon Son, Attorney-in-Fact", date(2019, 4, 3))
    ]
    assert _signatures_of("yelp_2012-03-07_levchin") == [
        ("/s/ Donna Hammer, Attorney-in-Fact", date(2012, 3, 9))
    ]


def test_the_word_is_and_a_lone_s_are_no_signature_mark() -> None:
    assert [canonical(token) for token in ("is/", "/s", "\u00e9s!", "Js!")] == ["/s/"] * 4
    assert [canonical(token) for token in ("is", "s", "S", "/", "si")] == [
        "is",
        "s",
        "S",
        "/",
        "si",
    ]


def test_a_signature_mark_whose_last_stroke_ocr_read_as_an_i_is_one() -> None:
    """bll_2020-09-15 "isi", fb_2017-07-28 "Jsi", lnkd_2012-04-02 "\u2018si" (dev)."""
    assert [canonical(token) for token in ("isi", "Jsi", "\u2018si")] == ["/s/"] * 3
    ((name, signed),) = _signatures_of("bll_2020-09-15_knobel")
    assert name.startswith("/s/ Charles E. Baker, Attorney-in-Fact") and signed == date(2020, 9, 16)


def _signed_as(box_one: str, signature: str) -> list[str]:
    """A hand-made form's box 1 line and signature line, as OCR prints them."""
    text = (
        "1. Name and Address of Reporting Person*\n"
        f"{box_one} Acme Corp. [ ACME ] (Check all applicable)\n"
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Remarks:\n\n"
        f"Note: File three copies of this Form. {signature} 05/02/2019\n"
        "** Signature of Reporting Person Date\n"
    )
    return [s.signature_name for s in read_notes(split_sections(text)).signatures]


def test_a_signature_is_never_given_box_one_s_middle_initial_it_was_not_signed_with() -> None:
    """ "/s/" printed against the name, and no middle initial where box 1 prints one: the name
    is what was signed, not box 1's whole name."""
    assert _signed_as("OKAFOR ADAEZE N", "/s/Adaeze Okafor") == ["/s/ Adaeze Okafor"]
    assert _signed_as("OKAFOR ADAEZE N", "/s/ Adaeze N. Okafor") == ["/s/ Adaeze N. Okafor"]


def test_an_initial_ocr_left_as_a_speck_is_box_one_s_initial() -> None:
    """What is left of an initial still counts as a word of the signature."""
    assert _signed_as("Cohen Peter I.", "Peter |. Cohen") == ["Peter I. Cohen"]
    assert _signed_as("Cohen Peter I.", "Peter . Cohen") == ["Peter I. Cohen"]


def test_letters_ocr_reads_for_each_other_do_not_hide_box_one_s_name() -> None:
    """Synthetic 034_medium: "/s/ Donaid Y. Marshali'" for Marshall Donald Y.; a name that
    differs by more than its letters' shapes is still no match."""
    assert _signed_as("Marshall Donald Y.", "/s/ Donaid Y. Marshali'") == ["/s/ Donald Y. Marshall"]
    assert _signed_as("Williams Karen", "/s/ Karen Wiiliarns") == ["/s/ Karen Williams"]
    assert _signed_as("Marshall Donald Y.", "/s/ Ronald Y. Marsh") == ["/s/ Ronald Y. Marsh"]


def test_a_last_note_whose_number_ocr_garbled_is_the_one_a_table_mark_cites() -> None:
    """afrm_2023-04-03 (dev): "3. The Reporting Person has shared ..." printed as "Porn
    Reporting Person ...", and the table's holder cites (3)."""
    read = notes("real/afrm_2023-04-03_rabois.txt").footnotes
    assert [note.id for note in read] == ["F1", "F2", "F3"]
    assert read[2].text.startswith("Porn Reporting Person has shared voting")


def test_a_paragraph_after_the_last_note_that_no_mark_cites_is_no_note() -> None:
    text = (
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Common Stock 05/01/2019 S 100 D $5.00 900 D\n"
        "Explanation of Responses:\n"
        "1. The sales were effected pursuant to a Rule 10b5-1 trading plan.\n"
        "Porn Reporting Person has shared voting and investment power over the shares held.\n"
    )
    assert [note.id for note in read_notes(split_sections(text)).footnotes] == ["F1"]
    marked = text.replace("$5.00", "$5.00(2)")
    assert [note.id for note in read_notes(split_sections(marked)).footnotes] == ["F1", "F2"]


def test_a_heavy_scan_s_notes_without_their_title_or_full_stops_are_read() -> None:
    """znga_2011-12-21 (dev, heavy scan): OCR lost the explanations' title, every number's full
    stop and note 2 whole; note 1's garbled digits ("Class 8", "on 2 one-for-one basis") are
    no column heading's, which count up."""
    read = notes("real/znga_2011-12-21_hoffman.txt").footnotes
    assert [note.id for note in read] == ["F1", "F3", "F4"]
    assert read[2].text.startswith("Shares held directly by Reid")


def test_numbers_counting_up_make_a_heading_and_a_lone_skip_ahead_no_note() -> None:
    heading = "1. Title of Derivative Security 2. Conversion 3. Transaction Date 4. Code"
    text = (
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Common Stock 05/01/2019 S 100 D $5.00 900 D\n"
        "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        f"{heading}\n"
        "1 Each share of Class 8 Common Stock converted on 2 one-for-one basis on May 23, 2011.\n"
        "3 Shares held directly by the Reid Hoffman and Michelle Yee Living Trust dated 2009.\n"
    )
    assert [note.id for note in read_notes(split_sections(text)).footnotes] == ["F1"]
    assert [
        note.id for note in read_notes(split_sections(text + "4 Not applicable.\n")).footnotes
    ] == [
        "F1",
        "F3",
        "F4",
    ]


def test_a_signature_beside_the_form_s_instructions_is_no_remark() -> None:
    """lnkd_2011-05-24 and mchx_2020-02-11 (dev) printed clean: the signature begins at its
    "/s/", an entity's with its name and "By:" before it; the instructions left of it are the
    form's, and the filings have no remarks."""
    assert notes("real_dev_clean/lnkd_2011-05-24_hoffman.txt").remarks is None
    assert notes("real_dev_clean/mchx_2020-02-11_edenbrook.txt").remarks is None


_JOINT_SIGNED = """Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned
Explanation of Responses:
1. The shares are held by Martinez Ventures Partners IV, L.P.
Remarks:
Each reporting person disclaims beneficial ownership of the reported securities.
If the form is filed by more than one reporting person, see Instruction 4 {instruction}. \
Martinez Ventures Partners IV{comma}L.P., 11/06/2013
By: Martinez Ventures GP, LLC, its
General Partner, By: /s/ Jesse D.
Phelps, Managing Member
** Signature of Reporting Person Date
Note: File three copies of this Form, one of which must be manually signed. Martinez Ventures \
GP, LLC, {by}/s/ 11/06/2013
Jesse D. Phelps, Managing Member
** Signature of Reporting Person Date
"""


def test_entity_signatures_beside_an_instruction_ocr_garbled_and_words_run_together() -> None:
    """Synthetic 026_medium drawn with another seed (``form4 fixtures make --seed 11``):
    "Instruction 4 (b){v)." before the first entity's name, "IV,L.P.," and "By:/s/" printed
    without their spaces; so printed, both signatures are read as signed."""
    signed = date(2013, 11, 6)
    expected = [
        OwnerSignature(
            signature_name="Martinez Ventures Partners IV, L.P., By: Martinez Ventures GP, LLC, "
            "its General Partner, By: /s/ Jesse D. Phelps, Managing Member",
            signature_date=signed,
        ),
        OwnerSignature(
            signature_name="Martinez Ventures GP, LLC, By: /s/ Jesse D. Phelps, Managing Member",
            signature_date=signed,
        ),
    ]
    for instruction, comma, by in [("(b){v)", ",", "By:"), ("(b) (v)", ", ", "By: ")]:
        text = _JOINT_SIGNED.format(instruction=instruction, comma=comma, by=by)
        assert read_notes(split_sections(clean_text(text))).signatures == expected
