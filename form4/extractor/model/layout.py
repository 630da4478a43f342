"""What the text's layout settles before the model reads it: which table has transaction lines.

A small model fills the first list it is given with whatever line it saw first, so an option
grant in Table II ends up in Table I when Table I is empty, and an empty table invites invented
rows. Every transaction line carries a date, so a table whose section (from its title to the next
title or to "Explanation of Responses") holds no date has no transaction line, and the schema the
model decodes under forbids any there. When a title is not found, nothing is assumed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import Field, create_model

from form4.schema import DerivativeTransaction, Form4Filing, NonDerivativeTransaction

_TABLE_I = re.compile(r"T\s?a\s?b\s?l\s?e\s+I(?!\s?I)\b")
_TABLE_II = re.compile(r"T\s?a\s?b\s?l\s?e\s+I\s?I\b")
_FOOTNOTES = re.compile(r"Explanation\s+of\s+Responses", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}")

TABLE_FIELDS: dict[str, tuple[str, type[Any]]] = {
    "I": ("non_derivative_transactions", NonDerivativeTransaction),
    "II": ("derivative_transactions", DerivativeTransaction),
}


def tables_without_transactions(text: str) -> frozenset[str]:
    """The tables ("I", "II") whose sections are found and hold no date."""
    first = _TABLE_I.search(text)
    second = _TABLE_II.search(text)
    end_match = _FOOTNOTES.search(text)
    end = end_match.start() if end_match else len(text)
    empty: set[str] = set()
    table_i_found = first is not None and second is not None and first.start() < second.start()
    if table_i_found and not _DATE.search(text, first.end(), second.start()):
        empty.add("I")
    if second and second.start() < end and not _DATE.search(text, second.end(), end):
        empty.add("II")
    return frozenset(empty)


@cache
def response_model(empty_tables: frozenset[str]) -> type[Form4Filing]:
    """``Form4Filing`` with the transaction lists of ``empty_tables`` fixed to empty."""
    if not empty_tables:
        return Form4Filing
    overrides: dict[str, Any] = {
        name: (
            list[row],
            Field(
                default_factory=list,
                max_length=0,
                description=f"Table {table} of this filing has no transaction line: empty.",
            ),
        )
        for table, (name, row) in TABLE_FIELDS.items()
        if table in empty_tables
    }
    return create_model("Form4Filing", __base__=Form4Filing, **overrides)
