"""Table lines with their EDGAR paths, so every rule names fields the same way.

Paths are 1-based and XPath-like (``derivativeTable/derivativeTransaction[2]/expirationDate``),
built from the XML layout in :mod:`form4.edgar_xml` rather than restated here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from form4.edgar_xml import xml_path
from form4.schema import (
    Cell,
    DerivativeHolding,
    DerivativeTransaction,
    Form4Filing,
    Form4Model,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

Row = NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding
Table = Literal["I", "II"]

_LISTS: tuple[tuple[str, Table], ...] = (
    ("non_derivative_transactions", "I"),
    ("non_derivative_holdings", "I"),
    ("derivative_transactions", "II"),
    ("derivative_holdings", "II"),
)


@dataclass(frozen=True)
class Line:
    table: Table
    path: str
    row: Row

    @property
    def is_transaction(self) -> bool:
        return isinstance(self.row, NonDerivativeTransaction | DerivativeTransaction)

    def at(self, name: str) -> str:
        return f"{self.path}/{xml_path(type(self.row), name)}"

    def cell(self, name: str) -> Cell[Any] | None:
        return getattr(self.row, name, None)

    def value(self, name: str) -> Any:
        cell = self.cell(name)
        return None if cell is None else cell.value


def lines(filing: Form4Filing) -> Iterator[Line]:
    """Every line of both tables: transactions of a table before its holdings, as in EDGAR."""
    for name, table in _LISTS:
        base = xml_path(Form4Filing, name)
        for index, row in enumerate(getattr(filing, name), start=1):
            yield Line(table, f"{base}[{index}]", row)


def transactions(filing: Form4Filing) -> Iterator[Line]:
    return (line for line in lines(filing) if line.is_transaction)


def leaves(model: Form4Model, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """(path, field name, value) of every cell and plain field below ``model``, found by walking
    it, so that a rule over all values misses no column the schema gains."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        children = enumerate(value, start=1) if isinstance(value, list) else [(0, value)]
        for index, child in children:
            where = xml_path(type(model), name) + (f"[{index}]" if index else "")
            where = f"{path}/{where}" if path else where
            if isinstance(child, Form4Model) and not isinstance(child, Cell):
                yield from leaves(child, where)
            else:
                yield where, name, child


def header(name: str) -> str:
    """Path of a top-level field such as ``periodOfReport``."""
    return xml_path(Form4Filing, name)


def item(list_name: str, index: int, model: type[Form4Model], name: str) -> str:
    """Path of a field of a repeated header element, e.g. ``reportingOwner[1]/.../isOfficer``."""
    return f"{header(list_name)}[{index}]/{xml_path(model, name)}"


def references(model: Form4Model, path: str = "") -> Iterator[tuple[str, str]]:
    """(footnote id, path of the cell citing it) for every mark below ``model``."""
    return cell_citations(leaves(model, path))


def cell_citations(walked: Iterable[tuple[str, str, Any]]) -> Iterator[tuple[str, str]]:
    """(footnote id, cell path) for every footnote mark among already walked leaves."""
    for where, _, value in walked:
        if isinstance(value, Cell):
            yield from ((footnote_id, where) for footnote_id in value.footnotes)


def folded(text: str | None) -> str:
    """Text as lines are compared by it: case and spacing aside (a title, a nature)."""
    return " ".join((text or "").casefold().split())
