"""The printed form's page, type and values, shared by the parts of the page.

One place decides how a value looks on paper (MM/DD/YYYY, thousands separators, ``$`` prices,
raised "(n)" footnote marks) and how text and rules are set, so that every box and table prints
alike and the tests can ask for exactly what the page shows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from form4.schema import Cell

PAGE_SIZE = landscape(letter)
MARGIN = 0.3 * inch
WIDTH = PAGE_SIZE[0] - 2 * MARGIN
"""The printable width, which every table spans."""

PAD = 2
"""Cell padding in points: small, because Table II has sixteen columns on one landscape page."""
PAD_ABOVE = 2.5
PAD_BELOW = 3.5
"""Room between text and the rules above and below it: OCR reads a rule that touches the
letters as part of the line, and garbles it."""


def _style(size: float, *, bold: bool = False, centred: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        f"form4-{size}-{bold}-{centred}",
        fontName="Helvetica-Bold" if bold else "Helvetica",
        fontSize=size,
        leading=size * 1.18,
        alignment=TA_CENTER if centred else TA_LEFT,
    )


LABEL = _style(6)
LABEL_CENTRED = _style(6, centred=True)
NOTE = _style(6.5)
VALUE = _style(8)
VALUE_CENTRED = _style(8, centred=True)
SECTION = _style(7, bold=True)
TABLE_TITLE = _style(7.5, bold=True, centred=True)
AGENCY = _style(10, bold=True, centred=True)
FORM_NAME = _style(18, bold=True, centred=True)

GRID = 0.6
THIN = 0.4
"""Line widths, in points, of box borders and of the rules that underline a value."""


# -- Values as printed ------------------------------------------------------------------------


def printed_date(value: date) -> str:
    """Dates print as on the paper form, month first."""
    return value.strftime("%m/%d/%Y")


def printed_number(value: Decimal) -> str:
    """Share counts with thousands separators and the decimals the filer gave, never exponents."""
    return format(value, ",f")


def printed_dollars(value: Decimal) -> str:
    """Prices and dollar values: a ``$`` before the number as filed (``$0``, ``$12.34``)."""
    return f"${printed_number(value)}"


_MARK_SIZE = 6.0
_MARK_RISE = (VALUE.fontSize - _MARK_SIZE) * (1 - 0.207)
"""Footnote marks are raised just enough for their tops to line up with the value's (0.207 em is
Helvetica's descent), so text extraction keeps them on the value's line, as "100,000(1)"."""


def footnote_number(footnote_id: str) -> str:
    """The number printed for a footnote id: "F2" is "(2)" in a cell and "2." below the form."""
    return footnote_id.removeprefix("F")


def printed_cell(cell: Cell[Any] | None, fmt: Callable[[Any], str] = str) -> Paragraph | str:
    """A table cell: the printed value followed by its raised footnote marks."""
    if cell is None:
        return ""
    text = "" if cell.value is None else escape(fmt(cell.value))
    marks = "".join(
        f'<super rise="{_MARK_RISE}" size="{_MARK_SIZE}">({footnote_number(note)})</super>'
        for note in cell.footnotes
    )
    return Paragraph(text + marks, VALUE)


_MARKS_AT_END = re.compile(r"(\(\d+\))+$")


def fitted(cell: Paragraph | str, width: float) -> Paragraph | str:
    """A table cell whose longest word (its footnote marks aside) is set smaller until it fits
    its column, as a browser widens an HTML column instead: a column too narrow for a number
    would have it broken mid-number ("$30,430,0" over "00"), which no page shows. A mark may
    still wrap onto the next line, as it can on the rendered form."""
    if isinstance(cell, str):
        return cell
    words = [_MARKS_AT_END.sub("", word) for word in cell.getPlainText().split()]
    style = cell.style
    widest = max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0.0)
    room = width - 2 * PAD
    if widest <= room:
        return cell
    size = math.floor(style.fontSize * room / widest * 10) / 10
    smaller = ParagraphStyle(f"{style.name}-{size}", style, fontSize=size, leading=size * 1.18)
    return Paragraph(cell.text, smaller)


def shares_or_dollars(
    shares: Cell[Decimal] | None, dollars: Cell[Decimal] | None
) -> Paragraph | str:
    """Columns that state either a number of shares or a dollar value; EDGAR allows one."""
    return (
        printed_cell(shares, printed_number)
        if shares is not None
        else printed_cell(dollars, printed_dollars)
    )


# -- Layout helpers ---------------------------------------------------------------------------


def para(text: str, style: ParagraphStyle = VALUE) -> Paragraph:
    """Plain text in a paragraph; its line breaks are kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def mark(checked: bool) -> Paragraph:
    """A check box's content: an X or nothing."""
    return para("X" if checked else "", VALUE_CENTRED)


def widths(weights: Sequence[float], total: float) -> list[float]:
    return [weight * total / sum(weights) for weight in weights]


def form_table(
    rows: list[list[Any]], column_widths: Sequence[float], *commands: tuple[Any, ...]
) -> Table:
    """A table with the form's tight padding and top-aligned cells."""
    table = Table(rows, colWidths=list(column_widths))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Empty cells are plain strings; at the default 10 pt they would pad rows out.
                ("FONTSIZE", (0, 0), (-1, -1), 1),
                ("LEADING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_ABOVE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BELOW),
                *commands,
            ]
        )
    )
    return table
