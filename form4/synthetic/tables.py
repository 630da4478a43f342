"""Tables I and II of the form: their numbered headings, column widths and lines.

Both tables share one builder: a title row, a row of numbered headings and a row of sub-column
headings (Code / V, Amount / (A) or (D) / Price, ...), repeated at the top of every page a long
table runs onto. A line's cells are printed in EDGAR's column order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table

from form4.schema import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    Form4Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Timeliness,
)
from form4.synthetic.printing import (
    GRID,
    LABEL,
    LABEL_CENTRED,
    TABLE_TITLE,
    WIDTH,
    fitted,
    form_table,
    para,
    printed_cell,
    printed_date,
    printed_dollars,
    printed_number,
    shares_or_dollars,
    widths,
)

__all__ = ["table_i", "table_ii"]

_TABLE_I_WEIGHTS = (150, 60, 62, 30, 18, 72, 36, 56, 100, 70, 88)
_TABLE_II_WEIGHTS = (66, 50, 56, 56, 26, 16, 42, 42, 46, 50, 50, 48, 44, 62, 52, 50)
"""Column widths, relative; date columns are wide enough for an unbroken "(Month/Day/Year)"."""


def _early(value: Timeliness) -> str:
    """The "V" column: only an early (voluntary) report is marked on paper."""
    return "V" if value is Timeliness.E else ""


_Column = tuple[str, tuple[str, ...]]
"""A numbered heading and its sub-column headings (none for a single column)."""

_TABLE_I_COLUMNS: tuple[_Column, ...] = (
    ("1. Title of Security (Instr. 3)", ()),
    ("2. Transaction Date (Month/Day/Year)", ()),
    ("2A. Deemed Execution Date, if any (Month/Day/Year)", ()),
    ("3. Transaction Code (Instr. 8)", ("Code", "V")),
    (
        "4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)",
        ("Amount", "(A) or (D)", "Price"),
    ),
    (
        "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) "
        "(Instr. 3 and 4)",
        (),
    ),
    ("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", ()),
    ("7. Nature of Indirect Beneficial Ownership (Instr. 4)", ()),
)

_TABLE_II_COLUMNS: tuple[_Column, ...] = (
    ("1. Title of Derivative Security (Instr. 3)", ()),
    ("2. Conversion or Exercise Price of Derivative Security", ()),
    ("3. Transaction Date (Month/Day/Year)", ()),
    ("3A. Deemed Execution Date, if any (Month/Day/Year)", ()),
    ("4. Transaction Code (Instr. 8)", ("Code", "V")),
    (
        "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)",
        ("(A)", "(D)"),
    ),
    (
        "6. Date Exercisable and Expiration Date (Month/Day/Year)",
        ("Date Exercisable", "Expiration Date"),
    ),
    (
        "7. Title and Amount of Securities Underlying Derivative Security (Instr. 3 and 4)",
        ("Title", "Amount or Number of Shares"),
    ),
    ("8. Price of Derivative Security (Instr. 5)", ()),
    (
        "9. Number of derivative Securities Beneficially Owned Following Reported "
        "Transaction(s) (Instr. 4)",
        (),
    ),
    ("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", ()),
    ("11. Nature of Indirect Beneficial Ownership (Instr. 4)", ()),
)


def _ruled_table(
    title: str, columns: Sequence[_Column], weights: Sequence[float], rows: list[list[Any]]
) -> Table:
    """A bordered table under a title row and two heading rows, repeated on every page."""
    headings: list[Any] = []
    subheadings: list[Any] = []
    spans: list[tuple[Any, ...]] = [("SPAN", (0, 0), (-1, 0))]
    for heading, subs in columns:
        start = len(headings)
        headings += [para(heading, LABEL)] + [""] * (max(len(subs), 1) - 1)
        if subs:
            subheadings += [para(sub, LABEL_CENTRED) for sub in subs]
            spans.append(("SPAN", (start, 1), (len(headings) - 1, 1)))
        else:
            subheadings.append("")
            spans.append(("SPAN", (start, 1), (start, 2)))
    title_row = [Paragraph(title, TABLE_TITLE)] + [""] * (len(headings) - 1)
    column_widths = widths(weights, WIDTH)
    lines = [[fitted(cell, w) for cell, w in zip(row, column_widths, strict=True)] for row in rows]
    table = form_table(
        [title_row, headings, subheadings, *lines],
        column_widths,
        *spans,
        ("GRID", (0, 0), (-1, -1), GRID, colors.black),
        ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
    )
    table.repeatRows = 3
    return table


def _table_i_row(line: NonDerivativeTransaction | NonDerivativeHolding) -> list[Any]:
    owned = shares_or_dollars(
        line.shares_owned_following_transaction, line.value_owned_following_transaction
    )
    tail = [
        owned,
        printed_cell(line.direct_or_indirect_ownership),
        printed_cell(line.nature_of_ownership),
    ]
    if isinstance(line, NonDerivativeHolding):
        return [printed_cell(line.security_title), *[""] * 7, *tail]
    return [
        printed_cell(line.security_title),
        printed_cell(line.transaction_date, printed_date),
        printed_cell(line.deemed_execution_date, printed_date),
        printed_cell(line.transaction_code),
        printed_cell(line.transaction_timeliness, _early),
        printed_cell(line.transaction_shares, printed_number),
        printed_cell(line.transaction_acquired_disposed_code),
        printed_cell(line.transaction_price_per_share, printed_dollars),
        *tail,
    ]


def _acquired_and_disposed(line: DerivativeTransaction) -> list[Any]:
    """Column 5's two sub-columns: the number sits under (A) or under (D), never both."""
    amount = shares_or_dollars(line.transaction_shares, line.transaction_total_value)
    direction = line.transaction_acquired_disposed_code
    disposed = direction is not None and direction.value is AcquiredDisposed.D
    return ["", amount] if disposed else [amount, ""]


def _table_ii_row(line: DerivativeTransaction | DerivativeHolding) -> list[Any]:
    exercise = [
        printed_cell(line.exercise_date, printed_date),
        printed_cell(line.expiration_date, printed_date),
        printed_cell(line.underlying_security_title),
        shares_or_dollars(line.underlying_security_shares, line.underlying_security_value),
    ]
    tail = [
        shares_or_dollars(
            line.shares_owned_following_transaction, line.value_owned_following_transaction
        ),
        printed_cell(line.direct_or_indirect_ownership),
        printed_cell(line.nature_of_ownership),
    ]
    head = [
        printed_cell(line.security_title),
        printed_cell(line.conversion_or_exercise_price, printed_dollars),
    ]
    if isinstance(line, DerivativeHolding):
        return [*head, *[""] * 6, *exercise, "", *tail]
    return [
        *head,
        printed_cell(line.transaction_date, printed_date),
        printed_cell(line.deemed_execution_date, printed_date),
        printed_cell(line.transaction_code),
        printed_cell(line.transaction_timeliness, _early),
        *_acquired_and_disposed(line),
        *exercise,
        printed_cell(line.transaction_price_per_share, printed_dollars),
        *tail,
    ]


def table_i(filing: Form4Filing) -> Table:
    lines = [*filing.non_derivative_transactions, *filing.non_derivative_holdings]
    return _ruled_table(
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        _TABLE_I_COLUMNS,
        _TABLE_I_WEIGHTS,
        [_table_i_row(line) for line in lines],
    )


def table_ii(filing: Form4Filing) -> Table:
    lines = [*filing.derivative_transactions, *filing.derivative_holdings]
    return _ruled_table(
        "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned<br/>"
        "(e.g., puts, calls, warrants, options, convertible securities)",
        _TABLE_II_COLUMNS,
        _TABLE_II_WEIGHTS,
        [_table_ii_row(line) for line in lines],
    )
