"""Cleaning: artifacts normalised, boilerplate dropped, and not one filer value lost on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from form4.extractor.text import cleaning
from form4.extractor.text.cleaning import clean_text

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))

NOT_PRINTED = frozenset(
    {
        "schemaVersion",
        "documentType",
        "transactionFormType",
        "equitySwapInvolved",
        "notSubjectToSection16",
        "isDirector",
        "isOfficer",
        "isTenPercentOwner",
        "isOther",
    }
)
"""Gold elements that are codes or flags of the XML, not text printed on the form."""

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
FOOTNOTE_ID = re.compile(r"F(\d+)")
DISTINCTIVE_LENGTH = 4
"""Shorter values ("A", "D", "0") also occur as words of the boilerplate, so only their presence
is checked; longer ones never do, so every copy of them must survive."""


def gold_values(xml_path: Path) -> list[str]:
    """Every printed leaf value of the gold filing, footnote ids included."""
    values = []
    for element in etree.parse(str(xml_path)).getroot().iter(etree.Element):
        if "id" in element.attrib:
            values.append(element.attrib["id"])
        if len(element) == 0 and element.tag not in NOT_PRINTED and (element.text or "").strip():
            values.append(element.text.strip())
    return values


def printed_forms(value: str) -> set[str]:
    """How a gold value may be printed: US dates, thousands separators, "(n)" footnote marks."""
    if match := FOOTNOTE_ID.fullmatch(value):
        return {f"({match[1]})"}
    if match := ISO_DATE.fullmatch(value):
        return {f"{match[2]}/{match[3]}/{match[1]}"}
    if NUMBER.fullmatch(value):
        whole, point, fraction = value.partition(".")
        return {value, f"{int(whole):,}{point}{fraction}"}
    return {value}


def printed_pattern(form: str) -> re.Pattern[str]:
    """``form`` as a whole word, whatever whitespace OCR put inside it, in any case."""
    body = r"\s*".join(re.escape(character) for character in form if not character.isspace())
    start = r"(?<!\w)" if form[0].isalnum() else ""
    end = r"(?!\w)" if form[-1].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def occurrences(forms: set[str], text: str) -> int:
    return sum(len(printed_pattern(form).findall(text)) for form in forms)


@pytest.fixture(params=SEEDS, ids=[seed.stem for seed in SEEDS])
def seed(request: pytest.FixtureRequest) -> tuple[str, str, list[str]]:
    """(raw text, cleaned text, gold values) of one seed."""
    path: Path = request.param
    raw = path.read_text(encoding="utf-8")
    return raw, clean_text(raw), gold_values(path.with_suffix(".xml"))


def test_no_gold_value_is_dropped(seed: tuple[str, str, list[str]]) -> None:
    raw, cleaned, values = seed
    printed = [value for value in values if occurrences(printed_forms(value), raw)]

    lost = [value for value in printed if not occurrences(printed_forms(value), cleaned)]

    assert len(printed) >= 15, "too few gold values found in the raw text to prove anything"
    assert lost == []


def test_no_copy_of_a_distinctive_gold_value_is_dropped(seed: tuple[str, str, list[str]]) -> None:
    """Scattered copies (a date after the Reminder) are evidence too, so each copy must stay."""
    raw, cleaned, values = seed
    distinctive = {value for value in values if len(value) >= DISTINCTIVE_LENGTH}

    fewer = {
        value: (occurrences(printed_forms(value), raw), occurrences(printed_forms(value), cleaned))
        for value in distinctive
        if occurrences(printed_forms(value), cleaned) < occurrences(printed_forms(value), raw)
    }

    assert fewer == {}


def test_cleaned_seed_is_markedly_shorter(seed: tuple[str, str, list[str]]) -> None:
    raw, cleaned, _ = seed

    assert len(cleaned) < 0.75 * len(raw)


def test_cleaned_seed_has_no_markup(seed: tuple[str, str, list[str]]) -> None:
    _, cleaned, _ = seed

    for artifact in ("<mark>", "</mark>", "<u>", "\\$", "**", "|", "\t", "  "):
        assert artifact not in cleaned


def test_cleaning_twice_changes_nothing(seed: tuple[str, str, list[str]]) -> None:
    _, cleaned, _ = seed

    assert clean_text(cleaned) == cleaned


def test_cleaned_seed_keeps_the_signature_labels(seed: tuple[str, str, list[str]]) -> None:
    _, cleaned, _ = seed

    assert "Signature of Reporting Person" in cleaned
    assert re.search(r"^Date$|Person Date$", cleaned, re.MULTILINE)


KEPT_LABELS = (
    "1. Name and Address of Reporting Person",
    "2. Issuer Name and Ticker or Trading Symbol",
    "3. Date of Earliest Transaction",
    "4. If Amendment, Date of Original Filed",
    "5. Relationship of Reporting Person(s) to Issuer",
    "Director",
    "10% Owner",
    "Officer (give title below)",
    "Other (specify below)",
    "6. Individual or Joint/Group Filing",
    "Form filed by One Reporting Person",
    "Form filed by More than One Reporting Person",
    "(Last)",
    "(First)",
    "(Middle)",
    "(Street)",
    "(City)",
    "(State)",
    "(Zip)",
    "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "Derivative Securities Acquired, Disposed of, or Bene",
    "Explanation of Responses:",
    "Remarks:",
    "Signature of Reporting Person",
)
"""Box labels that locate a value, and the table titles that say which table a line is in."""
WORD = re.compile(r"\w+")
CHECK_MARK = re.compile(r"(?<!\w)[Xx](?!\w)")


def without_headings(raw: str) -> str:
    """The cleaning with no heading cut: what the heading cuts may only delete from."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cleaning, "_HEADINGS", ())
        return clean_text(raw)


def cell_pattern(form: str) -> re.Pattern[str]:
    """``form`` as a cell of its own: not part of a word, nor a heading's "(A)" or "(D)"."""
    body = r"\s*".join(re.escape(character) for character in form if not character.isspace())
    start = r"(?<![\w(])" if form[0].isalnum() else ""
    end = r"(?![\w)])" if form[-1].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def data_cells(text: str, values: list[str]) -> list[list[str]]:
    """Per line holding a distinctive gold value, the gold-value cells on it, in order."""
    distinctive = [value for value in values if len(value) >= DISTINCTIVE_LENGTH]
    patterns = {cell_pattern(form) for value in values for form in printed_forms(value)}
    return [
        [cell for _, cell in sorted((m.start(), m[0]) for p in patterns for m in p.finditer(line))]
        for line in text.splitlines()
        if any(occurrences(printed_forms(value), line) for value in distinctive)
    ]


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(item in remaining for item in part)


def test_headings_are_only_deleted_words(seed: tuple[str, str, list[str]]) -> None:
    """Cutting headings moves nothing: every Table I line stays under the Table I title."""
    raw, cleaned, _ = seed

    assert is_subsequence(WORD.findall(cleaned), WORD.findall(without_headings(raw)))


def test_every_gold_cell_of_a_data_line_is_kept(seed: tuple[str, str, list[str]]) -> None:
    """Stronger than the presence check: codes ("A", "D", "F"), "(1)" marks and amounts on each
    line holding a data value all stay, though the same letters in "(A) or (D)" go."""
    raw, cleaned, values = seed
    before = data_cells(without_headings(raw), values)

    assert len(before) >= 3
    assert data_cells(cleaned, values) == before


def test_box_labels_titles_and_check_marks_are_kept(seed: tuple[str, str, list[str]]) -> None:
    raw, cleaned, _ = seed
    before = without_headings(raw)
    kept = [label for label in KEPT_LABELS if label in before]

    assert len(kept) >= 10
    assert [cleaned.count(label) for label in kept] == [before.count(label) for label in kept]
    assert len(CHECK_MARK.findall(cleaned)) == len(CHECK_MARK.findall(before))


def test_headings_are_cut() -> None:
    """The column headings are most of what the boilerplate cut left, and now go too."""
    raws = [seed.read_text(encoding="utf-8") for seed in SEEDS]

    before = sum(len(without_headings(raw)) for raw in raws)
    after = sum(len(clean_text(raw)) for raw in raws)

    assert after < 0.7 * before
    assert after < 0.5 * sum(map(len, raws))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Dillon <mark>Matthew</mark> <u>S.</u>", "Dillon Matthew S.", id="tags"),
        pytest.param("<b>SONS</b> <span class='x'>INC</span>", "SONS INC", id="tag-attributes"),
        pytest.param("100,000<sup>1</sup>", "100,000(1)", id="superscript-footnote"),
        pytest.param("a < b and c > d", "a < b and c > d", id="not-a-tag"),
        pytest.param("AT&amp;T", "AT&T", id="html-entity"),
        pytest.param(r"\$2.28 and \$<mark>0</mark>", "$2.28 and $0", id="escaped-dollar"),
        pytest.param(r"50\% \#1 \_x\_", "50% #1 _x_", id="markdown-escapes"),
        pytest.param("**Remarks:** none", "Remarks: none", id="bold"),
        pytest.param("*Stock Option* (right to buy)", "Stock Option (right to buy)", id="italic"),
        pytest.param("Reporting Person* Dillon", "Reporting Person* Dillon", id="lone-star"),
        pytest.param("Person [*] 2. Issuer", "Person [*] 2. Issuer", id="bracket-star"),
        pytest.param("## FORM 4", "FORM 4", id="heading"),
        pytest.param(
            "| Title | Date |\n|---|:---:|\n| Common Stock | 10/17/2011 |",
            "Title Date\nCommon Stock 10/17/2011",
            id="markdown-table",
        ),
        pytest.param("Form 4\n-------\t--------\nFORM 4", "Form 4\nFORM 4", id="dash-rule"),
        pytest.param("Common\t\tStock   A  \t", "Common Stock A", id="tabs-and-spaces"),
        pytest.param("\tindented\nline  \r\nnext\rlast", "indented\nline\nnext\nlast", id="lines"),
        pytest.param("a\n\n\n\n\nb\n\nc\n", "a\n\nb\n\nc", id="blank-lines"),
        pytest.param("FORM\x0c4\x07", "FORM 4", id="control-characters"),
        pytest.param(  # Cyrillic EM and A, as OCR read "MA" and code "A" in seeds 001 and 002
            "WESTFORD \u041c\u0410 03/15/2013 \u0410", "WESTFORD MA 03/15/2013 A", id="cyrillic"
        ),
        pytest.param("2,584 \u207d 1) o\u0131 r", "2,584 ( 1) oi r", id="superscript-dotless-i"),
    ],
)
def test_artifacts_are_normalised(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549\nFORM 4",
            "FORM 4",
            id="letterhead-one-line",
        ),
        pytest.param("FORM 4\nvvasimigton,\tD.O. 20040\t\nX", "FORM 4\nX", id="letterhead-ocr"),
        # the Commission's ZIP as scans print its city line (dev: bll_2020-09-15, fb_2017-07-28),
        # which a small model took for box 1's (synthetic 006_medium, 039_heavy, 059_heavy)
        pytest.param("E wee Washington, D.C, 20549 OMB", "E wee OMB", id="letterhead-comma"),
        pytest.param("Pe oF . Washington, 0.C. 20549 = ean", "Pe oF . = ean", id="letterhead-zero"),
        pytest.param("rs Weashington,D.C. 20549 x", "rs x", id="letterhead-glued"),
        pytest.param("WASHINGTON, D.C. 20001", "WASHINGTON, D.C. 20001", id="an-owner-in-dc"),
        pytest.param(
            "WASHINGTON, D.C. 20006\nWashington DC 20549 x",
            "WASHINGTON, D.C. 20006\nx",
            id="letterhead-not-an-owner-address",
        ),
        pytest.param(
            "OMB APPROVAL\t\t\nOMB Number:\t3235-028\nEstimated average bu\t\u0131rden\n\n"
            "hours per response:\n\n0.5\n\nFORM 4",
            "FORM 4",
            id="omb-box-ocr",
        ),
        pytest.param(
            "OMB APPROVAL OMB Number: 3235-0287 Estimated average burden hours per response: 0.5",
            "",
            id="omb-box-one-line",
        ),
        pytest.param(
            "hours per response\n\nOMB Number: 3235-0287 Estimated average burden\n\n0.5\nSONS",
            "SONS",
            id="omb-box-reordered",
        ),
        pytest.param("Price\n0.5\n$3.52", "Price\n0.5\n$3.52", id="omb-figure-alone-stays"),
        pytest.param(
            "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934 or Section "
            "30(h) of the Investment Company Act of 1940 OMB APPROVAL\nOMB Number: 3235-0287",
            "",
            id="filed-pursuant",
        ),
        pytest.param(
            "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934\n\n\t\t\tor "
            "Section 30(n) of the investment Company Act of 1940\t\t\nFORM 4",
            "FORM 4",
            id="filed-pursuant-split",
        ),
        pytest.param(
            "Check this box if no longer subject to\nSection 16. Form 4 or Form 5\nobligations "
            "may continue. See\nInstruction 1(b).\n\nFiled",
            "Filed",
            id="check-box-wrapped",
        ),
        pytest.param(
            "FORM 4\n\nobligations may continue. See Instruction 1(b).\n\nCheck this box if no "
            "longer subject to Section 16. Form 4 or Form 5\n\nUNITED",
            "FORM 4\n\nUNITED",
            id="check-box-reordered",
        ),
        pytest.param(
            "X Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations "
            "may continue. See Instruction 1(b).",
            "X Check this box if no longer subject to Section 16. Form 4 or Form 5",
            id="check-box-checked",
        ),
        pytest.param(
            "[X]\nCheck this box if no longer subject to Section 16.",
            "[X]\nCheck this box if no longer subject to Section 16.",
            id="check-box-checked-bracket",
        ),
        pytest.param(
            "Reminder: Report on a separate line for each class of securities beneficially owned "
            "directly or indirectly.\n\n* If the form is filed by more than one reporting person,"
            " see Instruction 4 (b)(v).\n\n10/17/2011\n\n** Intentional misstatements or omissions"
            " of facts constitute Federal Criminal Violations See 18 U.S.C. 1001 and 15 U.S.C. "
            "78ff(a).\n\nNote: File three copies of this Form, one of which must be manually "
            "signed. If space is insufficient, see Instruction 6 for procedure.\n\nPersons who "
            "respond to the collection of information contained in this form are not required to"
            " respond unless the form displays a currently valid OMB Number.",
            "10/17/2011",
            id="closing-reminders-around-a-value",
        ),
        pytest.param(
            "- * If the form is filed by more than one reporting person, see Instruction 4 (b)(v)."
            "\n- ** Intentional misstatements or omissions of facts constitute Federal Criminal "
            "Violations See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).\n$0",
            "$0",
            id="closing-reminders-bulleted",
        ),
        pytest.param(
            "Peter Polizzi ** Intentional misstatements or omissions of facts constitute Federal "
            "Criminal Violations See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a). 06/18/2014",
            "Peter Polizzi 06/18/2014",
            id="values-on-a-boilerplate-line",
        ),
        pytest.param(
            "Matthew S. Dillon\n\n** Signature of Reporting Person\n\nDate\n\n10/19/2011",
            "Matthew S. Dillon\n\nSignature of Reporting Person\n\nDate\n\n10/19/2011",
            id="signature-labels-stay",
        ),
        pytest.param(
            "Reporting Person(s) Table I - Non-Derivative Securities",
            "Reporting Person(s) Table I - Non-Derivative Securities",
            id="labels-and-titles-stay",
        ),
    ],
)
def test_boilerplate_is_dropped(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


TABLE_I_TITLE = "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
TABLE_II_TITLE = "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            f"{TABLE_I_TITLE}\n1. Title of Security (Instr. 3) 2. Transaction Date "
            "(Month/Day/Year) 2A. Deemed Execution Date, if any (Month/Day/Year) 3. Transaction "
            "Code (Instr. 8) 4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5) "
            "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. "
            "3 and 4) 6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4) 7. Nature of "
            "Indirect Beneficial Ownership (Instr. 4)\nCode V Amount (A) or (D) Price\n"
            "Common Stock 08/05/2019 F 1,250(1) D $31.06 40,250 D\n"
            "Common Stock 5,400 I By Trust(2)",
            f"{TABLE_I_TITLE}\nCommon Stock 08/05/2019 F 1,250(1) D $31.06 40,250 D\n"
            "Common Stock 5,400 I By Trust(2)",
            id="table-i",
        ),
        pytest.param(
            f"{TABLE_II_TITLE}\n(e.g., puts, calls, warrants, options, convertible securities)\n"
            "1. Title of Derivative Security (Instr. 3) 2. Conversion or Exercise Price of "
            "Derivative Security 3. Transaction Date (Month/Day/Year) 3A. Deemed Execution Date, "
            "if any (Month/Day/Year) 4. Transaction Code (Instr. 8) 5. Number of Derivative "
            "Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5) 6. Date Exercisable "
            "and Expiration Date (Month/Day/Year) 7. Title and Amount of Securities Underlying "
            "Derivative Security (Instr. 3 and 4) 8. Price of Derivative Security (Instr. 5) 9. "
            "Number of derivative Securities Beneficially Owned Following Reported "
            "Transaction(s) (Instr. 4) 10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4) "
            "11. Nature of Indirect Beneficial Ownership (Instr. 4)\nCode V (A) (D) Date "
            "Exercisable Expiration Date Title Amount or Number of Shares\n"
            "Stock Option $2.28 10/17/2011 A 125,000 (1) 10/17/2021 Common 125,000 $0 125,000 D"
            "\n(right to buy) Stock",
            f"{TABLE_II_TITLE}\n"
            "Stock Option $2.28 10/17/2011 A 125,000 (1) 10/17/2021 Common 125,000 $0 125,000 D"
            "\n(right to buy) Stock",
            id="table-ii",
        ),
        pytest.param(  # seed 002: Table II's headings shuffled into one line with its data
            f"{TABLE_II_TITLE} (e.g., puts, calls, warrants, options, convertible securities) 1. "
            "Title of Derivative Security 8. Price of Derivative Security 3. Transaction 3A. "
            "Deemed 5. Number of 6. Date Exercisable and 7. Title and Amount (Instr. 3 and 4) "
            "Beneficially Owned Direct (D) or Indirect Ownership (Instr. 4) (Instr. 3) "
            "(Month/Day/Year) Security (Instr. 5) Security of (D) (Instr. 3, 4 and 5) Following "
            "(I) (Instr. 4) Reported Transaction(s) Amount (Instr. 4) Number Expiration Date Code"
            " v (A) (D) Exercisable Date Title of Shares Stock Option Common $2.51 03/15/2013 A "
            "125,000 (1) 03/15/2023 125,000 $0 125,000 D (right to Stock",
            f"{TABLE_II_TITLE} Stock Option Common $2.51 03/15/2013 A 125,000 (1) 03/15/2023 "
            "125,000 $0 125,000 D (right to Stock",
            id="headings-shuffled-into-a-data-line",
        ),
        pytest.param(
            "Day/Year) (Instr.) 8) nstr. 3, 4 str. 4) (Instr. 5 (Month/Day/Yea\nnth/Day/Year)"
            "\nCommon Stock",
            "Common Stock",
            id="instructions-cut-by-ocr",
        ),
        pytest.param(
            "1. Name and Address of Reporting Person* 2. Issuer Name and Ticker or Trading Symbol"
            " 5. Relationship of Reporting Person(s) to Issuer (Check all applicable)\n(Last) "
            "(First) (Middle) 3. Date of Earliest Transaction (Month/Day/Year) Director X 10% "
            "Owner\n(Street) 4. If Amendment, Date of Original Filed (Month/Day/Year) 6. "
            "Individual or Joint/Group Filing (Check Applicable Line)\n(City) (State) (Zip) X "
            "Form filed by One Reporting Person Form filed by More than One Reporting Person",
            "1. Name and Address of Reporting Person* 2. Issuer Name and Ticker or Trading Symbol"
            " 5. Relationship of Reporting Person(s) to Issuer\n(Last) (First) (Middle) 3. Date "
            "of Earliest Transaction Director X 10% Owner\n(Street) 4. If Amendment, Date of "
            "Original Filed 6. Individual or Joint/Group Filing\n(City) (State) (Zip) X Form "
            "filed by One Reporting Person Form filed by More than One Reporting Person",
            id="box-labels-and-marks-stay",
        ),
        pytest.param(
            "(Instr. 4) D (Instr. 4) By Trust (Instr. 4) 125,000 Expiration Date (1) Date "
            "Exercisable Stock Option (Month/Day/Year) (right (Instr. 3) to buy) (Instr. 3) "
            "Shares (Instr. 3) V (Instr. 3) 2 (Instr. 3)",
            "D By Trust 125,000 (1) Stock Option (right to buy) Shares V 2",
            id="data-between-headings-stays",
        ),
        pytest.param(
            "(Instr. 4) Derivative Securities Acquired, Disposed of, or Beneficially Owned (Instr."
            f" 3)\n{TABLE_I_TITLE} 1. Title of Security (Instr. 3)\nTable I - Non-Derivative "
            "Securities (Month/Day/Year)",
            f"Derivative Securities Acquired, Disposed of, or Beneficially Owned\n{TABLE_I_TITLE}"
            "\nTable I - Non-Derivative Securities",
            id="titles-stay",
        ),
        pytest.param(
            "1. Title of Security (Instr. 3)\n2. Transaction\n125,000 Date\nSignature of "
            "Reporting Person Date",
            "2. Transaction\n125,000 Date\nSignature of Reporting Person Date",
            id="lone-words-and-lines-stay",
        ),
        pytest.param(
            "Title of\nSecurity 5,400 D",
            "5,400 D",
            id="wrapped-heading-joins-no-lines",
        ),
        pytest.param(
            "1. The option vests on the transaction date and expires on the expiration date; "
            "the derivative security owned following the grant is held by the trust.",
            "1. The option vests on the transaction date and expires on the expiration date; "
            "the derivative security owned following the grant is held by the trust.",
            id="footnote-prose-stays",
        ),
        pytest.param("QUESTAR CORP [STR] Price", "QUESTAR CORP [STR] Price", id="ticker-stays"),
    ],
)
def test_headings_are_dropped(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
