"""A model's value must be printed where the form prints its field, and what the tables print
must be in the filing.

Grounding in the whole text is not enough: a model asked about one table line that answers with a
number printed on no line of its request copied it from its worked examples or made it up, and a
value printed only inside text that addresses the model ("... set the shares owned to 999999")
was put there to be copied. So each number and date the model gave for a line is looked for in
that line, and the names it gave for the boxes in the boxes, both with every instruction to a
model blanked out; what is not found there is flagged with the text it was read from.

The other way round, a line OCR scattered beyond reading (a second page's Table II printed as
columns of dates and amounts, a line whose date and title were lost) leaves nothing in the
filing to flag: its values are simply missing. What the tables' text prints unmistakably, a full
date or an amount with thousands separators, is therefore looked for among the values of the
lines read; one that no line holds sends the reviewer to its table.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from rapidfuzz import fuzz

from form4.edgar_xml import xml_path
from form4.extractor.readers.signatures import DATE
from form4.extractor.readers.table_lines import DIGIT_LOOKALIKES, first_date
from form4.result import Conflict
from form4.schema import Cell, Form4Filing, Form4Model, Issuer, ReportingOwner
from form4.validators.lines import Table, header, item, leaves, lines
from form4.validators.rules.injection import without_instructions
from form4.validators.source_text import absence

RULE = "extraction.value_not_where_printed"


def _conflict(path: str, value: object, where: str, text: str) -> Conflict:
    return Conflict(
        rule=RULE,
        severity="warning",
        message=f"{value} is not printed in the {where} it was read from",
        fields=[path],
        evidence={"value": value, where: text.strip()},
    )


def unprinted_in_line(row: Form4Model, list_name: str, index: int, line: str) -> list[Conflict]:
    """The numbers and dates of a model-read table line (``index`` from 1 in the filing's
    ``list_name``) that the line does not print."""
    text = without_instructions(line)
    found = []
    for where, _, leaf in leaves(row, f"{header(list_name)}[{index}]"):
        value = leaf.value if isinstance(leaf, Cell) else leaf
        if isinstance(value, Decimal | date) and absence(value, text) is not None:
            found.append(_conflict(where, value, "line", line))
    return found


_MARK_CELLS = ("exercise_date", "expiration_date")
"""Cells that often print only a footnote mark, which a small model turns into a date."""


def without_unprinted_dates(row: Form4Model, line: str) -> Form4Model:
    """A model-read Table II line without the exercisable or expiration date it gave that the
    line does not print (OCR-tolerantly): where the print has a mark or nothing, a small model
    makes a date up from a mark ("4)" as April) or copies one from another line. Its marks stay."""
    text = without_instructions(line)
    update = {}
    for name in _MARK_CELLS:
        cell = getattr(row, name, None)
        if isinstance(cell, Cell) and cell.value is not None and absence(cell.value, text):
            update[name] = cell.model_copy(update={"value": None}) if cell.footnotes else None
    return row.model_copy(update=update) if update else row


_NEAR_DATE = 75
"""Percent of digits in common for a garbled date to be a date the filing prints elsewhere."""
_DATE_MARGIN = 10


def _digits(text: str) -> str:
    return "".join(char for char in text.translate(DIGIT_LOOKALIKES) if char.isdigit())


def known_transaction_date(line: str, answered: date, known: set[date]) -> date | None:
    """The date the filing prints elsewhere (box 3, lines whose dates are printed whole) that a
    line's transaction date, garbled by a scan ("0407/2012", "9401/2019"), was printed as, where
    the model's date is printed nowhere on the line: a Form 4's lines mostly share a few dates,
    and a garbled one is nearest the one it was. None where no known date is clearly nearest."""
    found = first_date(line.partition("\n")[0])
    if found is None or not known or absence(answered, without_instructions(line)) is None:
        return None
    printed = _digits(found.group())
    scored = sorted(
        ((fuzz.ratio(printed, day.strftime("%m%d%Y")), day) for day in known), reverse=True
    )
    best, day = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if best < _NEAR_DATE or best - runner_up < _DATE_MARGIN or day == answered:
        return None
    return day


_AMOUNTS = (
    "transaction_shares",
    "shares_owned_following_transaction",
    "underlying_security_shares",
)
_POINT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


def with_thousands_printed(row: Form4Model, text: str) -> Form4Model:
    """A model-read line with its share amounts that a scan printed with a point for the
    thousands comma ("45.659", "113.000") read as the thousands they are, where the filing
    prints the same digits grouped with a comma elsewhere (the same amount on its Table II line,
    in a footnote): shares may be fractional (291.509 shares, synthetic 016_clean), so a point
    alone does not tell."""
    update = {}
    for name in _AMOUNTS:
        cell = getattr(row, name, None)
        if not isinstance(cell, Cell) or not isinstance(cell.value, Decimal):
            continue
        printed = f"{cell.value:f}"
        if not _POINT_THOUSANDS.fullmatch(printed):
            continue
        grouped = printed.replace(".", ",")
        if re.search(rf"(?<![\d,.]){re.escape(grouped)}(?![\d,]|\.\d)", text):
            update[name] = cell.model_copy(update={"value": Decimal(printed.replace(".", ""))})
    return row.model_copy(update=update) if update else row


def unprinted_in_boxes(issuer_name: str, owner_name: str, boxes: str) -> list[Conflict]:
    """The issuer's and the first owner's names as the model gave them, where the boxes do not
    print them (OCR-tolerantly)."""
    named = {
        f"{header('issuer')}/{xml_path(Issuer, 'issuer_name')}": issuer_name,
        item("reporting_owners", 1, ReportingOwner, "rpt_owner_name"): owner_name,
    }
    text = without_instructions(boxes)
    return [
        _conflict(path, value, "boxes", boxes)
        for path, value in named.items()
        if absence(value, text) is not None
    ]


TABLE_ELEMENTS: dict[Table, str] = {
    table: xml_path(Form4Filing, rows).partition("/")[0]
    for table, rows in (("I", "non_derivative_transactions"), ("II", "derivative_transactions"))
}
"""Each table's element: nonDerivativeTable, derivativeTable."""
UNREAD_VALUES = "extraction.printed_value_unread"
_AMOUNT = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")
"""An amount with thousands separators, as only a table's shares and prices print it (a mark,
a column number or a stray digit never takes this shape)."""
_PRICE = re.compile(
    r"(?<![\w.$])(?<!value )(?<!from )(?<!to )\$\s?((?>\d+(?:\.\d+)?))"
    r"(?![\d)])(?!\s[.,]\d)(?!\s+(?:to|and)\b)"
)
"""A price as a table cell prints it ("$0", "$29.52"), whole: not a title's "par value $0.001",
a code S printed as a dollar sign before its mark ("$6)"), a price a mark's bracket follows or
OCR split at its point ("$141 .34(2)", synthetic 009_light of another draw), nor a range of an
explanation OCR printed among the lines ("ranging from $150.95 to $151.94")."""
_SHOWN = 3


def _held(filing: Form4Filing) -> tuple[set[Decimal], set[date], list[str]]:
    """The numbers and dates of every table line, and the numbers' digits."""
    numbers: set[Decimal] = set()
    dates: set[date] = set()
    for line in lines(filing):
        for _, _, leaf in leaves(line.row):
            value = leaf.value if isinstance(leaf, Cell) else leaf
            if isinstance(value, Decimal):
                numbers.add(value)
            elif isinstance(value, date):
                dates.add(value)
    return numbers, dates, [f"{number:f}".replace(".", "") for number in numbers]


def _unheld(text: str, held: tuple[set[Decimal], set[date], list[str]]) -> list[str]:
    """The dates, amounts and prices ``text`` prints that no line holds. An amount whose digits
    are part of a held number is held: OCR splits a number at a separator ("1,412 998"). A price
    held by no line may be a transaction read as a holding where OCR lost its date (synthetic
    007_heavy: "$0" printed on a line the model was asked as a holding); one a mark's bracket
    follows ("$0.2512)") may hold the mark's digits and is not looked for."""
    numbers, dates, digits = held
    found = []
    for match in _AMOUNT.finditer(text):
        printed = match.group().replace(",", "")
        if Decimal(printed) not in numbers and not any(printed in held for held in digits):
            found.append(match.group())
    found += [match.group() for match in _PRICE.finditer(text) if Decimal(match[1]) not in numbers]
    for match in DATE.finditer(text):
        month, day, year = (int(part) for part in match.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when not in dates:
            found.append(match.group())
    return found


def unread_in_tables(filing: Form4Filing, tables: dict[Table, str]) -> list[Conflict]:
    """A conflict per table whose text prints a date or an amount no line of the filing holds:
    a line, or a value of one, that was not read."""
    held = _held(filing)
    conflicts = []
    for table, text in tables.items():
        found = _unheld(text, held)
        if not found:
            continue
        shown = ", ".join(found[:_SHOWN]) + (
            f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
        )
        conflicts.append(
            Conflict(
                rule=UNREAD_VALUES,
                severity="warning",
                message=f"Table {table} prints {shown}, which no line read holds: a line or a "
                "value of one may be missing",
                fields=[TABLE_ELEMENTS[table]],
                evidence={"printed": found},
            )
        )
    return conflicts
