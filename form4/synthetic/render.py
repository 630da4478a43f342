"""A filing printed as the SEC's rendered Form 4, so that fixtures look like what OCR meets.

The layout follows EDGAR's rendering of an ``ownershipDocument`` (the page most PDFs of a Form 4
are printed from): the same boxes, numbered column headings and reminders in the same places, so
that the text of a render, or of its scan, has the line structure of real OCR input. Values print
as on paper (see :mod:`form4.synthetic.printing`): that is what the extractor has to undo.
Output is byte-for-byte reproducible, so a fixture regenerated
from the same filing is the same file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import pdfplumber
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from form4.schema import Form4Filing, ReportingOwner
from form4.synthetic.printing import (
    AGENCY,
    FORM_NAME,
    GRID,
    LABEL,
    LABEL_CENTRED,
    MARGIN,
    NOTE,
    PAD,
    PAGE_SIZE,
    SECTION,
    TABLE_TITLE,
    THIN,
    VALUE,
    VALUE_CENTRED,
    WIDTH,
    footnote_number,
    form_table,
    mark,
    para,
    printed_date,
    widths,
)
from form4.synthetic.tables import table_i, table_ii

__all__ = ["render_pdf", "text_layer"]

_HEADER_WIDTHS = (0.24, 0.52, 0.24)
_BOX_WIDTHS = (0.34, 0.32, 0.34)
"""Shares of the page width: form name / agency / OMB box, and boxes 1 / 2-4 / 5-6."""
_BOX_PAD = 1.5
"""Padding above and below each line of boxes 1-6, whose rules only underline a value."""
_CHECK_WIDTH = 12
"""The short rule a check mark (X) is written on, in points."""
_SIGNATURE_WIDTH = 200
_DATE_WIDTH = 60
"""The signature block at the bottom right and its Date column, in points."""


_SECTION_16 = (
    "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations may "
    "continue. See Instruction 1(b)."
)
_RULE_10B5_1 = (
    "Check this box to indicate that a transaction was made pursuant to a contract, instruction "
    "or written plan for the purchase or sale of equity securities of the issuer that is "
    "intended to satisfy the affirmative defense conditions of Rule 10b5-1(c). See Instruction "
    "10."
)


def _check_box(checked: bool, caption: str, width: float) -> Table:
    return form_table(
        [[mark(checked), para(caption, LABEL)]],
        [11, width - 16],
        ("BOX", (0, 0), (0, 0), THIN, colors.black),
    )


def _header(filing: Form4Filing) -> Table:
    """The form's name and check boxes, the agency, and the OMB box. The Rule 10b5-1 box is
    printed only on forms whose filing has the flag: older forms have no such box."""
    left, middle, right = widths(_HEADER_WIDTHS, WIDTH)
    boxes: list[Flowable] = [_check_box(filing.not_subject_to_section16, _SECTION_16, left)]
    if filing.aff10b5_one is not None:
        boxes += [Spacer(1, 3), _check_box(filing.aff10b5_one, _RULE_10B5_1, left)]
    agency = [
        para("UNITED STATES SECURITIES AND EXCHANGE COMMISSION", AGENCY),
        para("Washington, D.C. 20549", VALUE_CENTRED),
        Spacer(1, 5),
        para("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP", AGENCY),
        Spacer(1, 4),
        para(
            "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934 or Section "
            "30(h) of the Investment Company Act of 1940",
            LABEL_CENTRED,
        ),
    ]
    omb = form_table(
        [
            [para("OMB APPROVAL", TABLE_TITLE), ""],
            [para("OMB Number:", LABEL), para("3235-0287", LABEL)],
            [para("Estimated average burden", LABEL), ""],
            [para("hours per response:", LABEL), para("0.5", LABEL)],
        ],
        [right * 0.65, right * 0.35 - PAD],
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (0, 2), (-1, 2)),
        ("BOX", (0, 0), (-1, -1), GRID, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), GRID, colors.black),
    )
    return form_table(
        [[[para("FORM 4", FORM_NAME), Spacer(1, 4), *boxes], agency, omb]],
        [left, middle, right],
        ("BOX", (0, 0), (0, 0), GRID, colors.black),
        ("RIGHTPADDING", (2, 0), (2, 0), 0),
    )


def _boxes(filing: Form4Filing) -> Table:
    """Boxes 1 to 6 as one table with a row per printed line, so lines line up across boxes.

    Box 1 runs down the left (three columns for Last/First/Middle and City/State/Zip), boxes 2-4
    down the middle, 5 and 6 down the right (check marks and their captions). OCR reads a line
    of the page across all boxes, and misreads lines that are half a line apart.
    """
    owner = filing.reporting_owners[0]
    issuer = filing.issuer
    ticker = f" [ {issuer.issuer_trading_symbol} ]" if issuer.issuer_trading_symbol else ""
    earliest = filing.period_of_report
    original = filing.date_of_original_submission
    joint = len(filing.reporting_owners) > 1
    titles = [owner.officer_title or "", owner.other_text or ""]
    place = [
        owner.rpt_owner_city or "",
        owner.rpt_owner_state or "",
        owner.rpt_owner_zip_code or "",
    ]

    def left(text: str, style: ParagraphStyle = VALUE) -> list[Any]:
        return [para(text, style), "", ""]

    def right(text: str, style: ParagraphStyle = LABEL) -> list[Any]:
        return [para(text, style), "", "", ""]

    def checks(first: tuple[bool, str], second: tuple[bool, str] | None = None) -> list[Any]:
        cells = [mark(first[0]), para(first[1], LABEL)]
        return cells + ([mark(second[0]), para(second[1], LABEL)] if second else ["", ""])

    captions = [para(text, LABEL) for text in ("(Last)", "(First)", "(Middle)")]
    place_captions = [para(text, LABEL) for text in ("(City)", "(State)", "(Zip)")]
    streets = [owner.rpt_owner_street1 or "", owner.rpt_owner_street2 or ""]
    rows = [
        [
            *left("1. Name and Address of Reporting Person*", LABEL),
            para("2. Issuer Name and Ticker or Trading Symbol", LABEL),
            *right("5. Relationship of Reporting Person(s) to Issuer"),
        ],
        [
            *left(owner.rpt_owner_name),
            para(issuer.issuer_name + ticker),
            *right("(Check all applicable)"),
        ],
        [
            *captions,
            "",
            *checks((owner.is_director, "Director"), (owner.is_ten_percent_owner, "10% Owner")),
        ],
        [
            *left(streets[0]),
            para("3. Date of Earliest Transaction (Month/Day/Year)", LABEL),
            *checks(
                (owner.is_officer, "Officer (give title below)"),
                (owner.is_other, "Other (specify below)"),
            ),
        ],
        [
            *left(streets[1]),
            para(printed_date(earliest) if earliest else ""),
            *right(titles[0], VALUE_CENTRED),
        ],
        [*left("(Street)", LABEL), "", *right(titles[1], VALUE_CENTRED)],
        [
            *left(""),
            para("4. If Amendment, Date of Original Filed (Month/Day/Year)", LABEL),
            *right("6. Individual or Joint/Group Filing (Check Applicable Line)"),
        ],
        [
            *(para(text) for text in place),
            para(printed_date(original) if original else ""),
            *checks((not joint, "Form filed by One Reporting Person")),
        ],
        [*place_captions, "", *checks((joint, "Form filed by More than One Reporting Person"))],
        [""] * 8,  # keeps the last check mark's rule off the box's bottom border
    ]
    first, middle, right_width = widths(_BOX_WIDTHS, WIDTH)
    half = right_width / 2 - _CHECK_WIDTH
    spans = [
        *(("SPAN", (0, row), (2, row)) for row in (0, 1, 3, 4, 5, 6)),
        *(("SPAN", (4, row), (7, row)) for row in (0, 1, 4, 5, 6)),
        *(("SPAN", (5, row), (7, row)) for row in (7, 8)),
    ]
    return form_table(
        rows,
        [first / 3] * 3 + [middle] + [_CHECK_WIDTH, half, _CHECK_WIDTH, half],
        *spans,
        ("BOX", (0, 0), (-1, -1), GRID, colors.black),
        ("LINEBEFORE", (3, 0), (4, -1), GRID, colors.black),
        ("LINEABOVE", (3, 3), (3, 3), GRID, colors.black),
        ("LINEABOVE", (3, 6), (-1, 6), GRID, colors.black),
        *(("LINEABOVE", (0, row), (2, row), THIN, colors.black) for row in (2, 5, 8)),
        *(
            ("LINEBELOW", (column, row), (column, row), THIN, colors.black)
            for column, row in ((4, 2), (6, 2), (4, 3), (6, 3), (4, 7), (4, 8))
        ),
        ("TOPPADDING", (0, 0), (-1, -1), _BOX_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _BOX_PAD),
    )


def _owner_address(owner: ReportingOwner) -> str:
    place = " ".join(
        part
        for part in (
            owner.rpt_owner_city and f"{owner.rpt_owner_city},",
            owner.rpt_owner_state,
            owner.rpt_owner_zip_code,
        )
        if part
    )
    lines = (owner.rpt_owner_name, owner.rpt_owner_street1, owner.rpt_owner_street2, place)
    return "<br/>".join(escape(line) for line in lines if line)


def _reporting_owners(owners: Sequence[ReportingOwner]) -> list[Flowable]:
    """Every owner of a joint filing with its relationships, as EDGAR lists them."""

    def related(checked: bool, text: str | None = None) -> Paragraph:
        return para("X" + (f" {text}" if text else "") if checked else "", VALUE_CENTRED)

    rows = [
        [
            Paragraph(_owner_address(owner), VALUE),
            related(owner.is_director),
            related(owner.is_ten_percent_owner),
            related(owner.is_officer, owner.officer_title),
            related(owner.is_other, owner.other_text),
        ]
        for owner in owners
    ]
    headings = ["Director", "10% Owner", "Officer", "Other"]
    header = [
        [para("Reporting Owner Name / Address", LABEL), para("Relationships", LABEL_CENTRED)]
        + [""] * 3,
        ["", *(para(heading, LABEL_CENTRED) for heading in headings)],
    ]
    table = form_table(
        header + rows,
        widths((3, 1, 1, 1.6, 1.6), WIDTH * 0.75),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (-1, 0)),
        ("GRID", (0, 0), (-1, -1), GRID, colors.black),
    )
    table.hAlign = "LEFT"
    table.repeatRows = 2
    return [para("Reporting Owners", SECTION), Spacer(1, 2), table]


def _explanations(filing: Form4Filing) -> list[Flowable]:
    notes = [para(f"{footnote_number(note.id)}. {note.text}", NOTE) for note in filing.footnotes]
    remarks = [para(filing.remarks, NOTE)] if filing.remarks else []
    return [
        para("Explanation of Responses:", SECTION),
        *notes,
        Spacer(1, 4),
        para("Remarks:", SECTION),
        *remarks,
    ]


_REMINDERS = (
    "Reminder: Report on a separate line for each class of securities beneficially owned "
    "directly or indirectly.",
    "* If the form is filed by more than one reporting person, see Instruction 4 (b)(v).",
    "** Intentional misstatements or omissions of facts constitute Federal Criminal Violations "
    "See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
    "Note: File three copies of this Form, one of which must be manually signed. If space is "
    "insufficient, see Instruction 6 for procedure.",
    "Persons who respond to the collection of information contained in this form are not "
    "required to respond unless the form displays a currently valid OMB Number.",
)


def _closing(filing: Form4Filing) -> Table:
    """The reminders at the bottom left and the signatures at the bottom right, as on the paper
    form; one table row per printed line, so that OCR reads each line whole."""
    signed = [(entry.signature_name, entry.signature_date) for entry in filing.owner_signatures]
    signatures: list[list[Any]] = []
    for name, day in signed or [("", None)]:
        signatures.append([para(name), para(printed_date(day) if day else "")])
        signatures.append([para("** Signature of Reporting Person", LABEL), para("Date", LABEL)])
    height = max(len(_REMINDERS), len(signatures))
    offset = height - len(signatures)
    rows = [
        [
            para(_REMINDERS[row], NOTE) if row < len(_REMINDERS) else "",
            *(signatures[row - offset] if row >= offset else ["", ""]),
        ]
        for row in range(height)
    ]
    return form_table(
        rows,
        [WIDTH - _SIGNATURE_WIDTH, _SIGNATURE_WIDTH - _DATE_WIDTH, _DATE_WIDTH],
        *(
            ("LINEABOVE", (1, row), (2, row), THIN, colors.black)
            for row in range(offset + 1, height, 2)
        ),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), _BOX_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _BOX_PAD),
    )


def _story(filing: Form4Filing) -> list[Flowable]:
    owners = filing.reporting_owners
    joint = [*_reporting_owners(owners), Spacer(1, 5)] if len(owners) > 1 else []
    return [
        _header(filing),
        Spacer(1, 4),
        _boxes(filing),
        Spacer(1, 6),
        table_i(filing),
        Spacer(1, 6),
        table_ii(filing),
        Spacer(1, 6),
        *joint,
        *_explanations(filing),
        Spacer(1, 4),
        _closing(filing),
    ]


def render_pdf(filing: Form4Filing) -> bytes:
    """The filing as a PDF of the printed form, identical bytes for identical filings."""
    buffer = io.BytesIO()
    # A frame without reportlab's default 6 pt padding, so tables and text share one left edge.
    frame = Frame(
        MARGIN,
        MARGIN,
        WIDTH,
        PAGE_SIZE[1] - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        pageTemplates=[PageTemplate(frames=[frame])],
        title="FORM 4",
        author="",
        creator="form4",
        invariant=1,
        pageCompression=1,
    )
    document.build(_story(filing))
    return buffer.getvalue()


_SAME_LINE = 1.0
"""Text whose tops differ by more points than this is on different lines. pdfplumber's default
of 3 chains lines of neighbouring boxes together and interleaves the letters of a caption with
those of the value under it."""


def text_layer(pdf: bytes) -> str:
    """The PDF's own text, line by line as printed: the reference OCR is scored against."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n\n".join(
            page.extract_text(y_tolerance=_SAME_LINE) or "" for page in document.pages
        )
