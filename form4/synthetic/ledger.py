"""A filing in the making: lines written in time order, running balances, footnotes by text.

Scenarios say what happened (a grant, an exercise, a sale); the draft turns that into table lines
whose owned-following columns chain, and collects footnotes by their text, so that an explanation
cited from several cells prints once. Ids handed out here are provisional: the finished filing
numbers its footnotes in the order a reader meets them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from faker import Faker

from form4.schema import (
    AcquiredDisposed,
    DerivativeTransaction,
    DirectOrIndirect,
    Form4Model,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
)
from form4.synthetic.parties import Address, Party, Person
from form4.validators.lines import Table
from form4.validators.rules.codes import expected_direction

RowModel = TypeVar("RowModel", bound=Form4Model)

Notes = Mapping[str, str]
"""Column (schema field name) to the text of the footnote its cell cites."""


@dataclass(frozen=True)
class Holding:
    """One running balance: a security held in one ownership form (and, if indirect, nature)."""

    table: Table
    title: str
    ownership: DirectOrIndirect = DirectOrIndirect.D
    nature: str | None = None
    note: str | None = None
    """Footnote explaining the nature, cited from the nature cell of every line."""


@dataclass(frozen=True)
class Series:
    """A derivative as Table II describes it, the same on every line that moves it."""

    holding: Holding
    underlying: str
    exercise_price: Decimal | None = None
    exercisable: date | None = None
    expiration: date | None = None
    notes: Notes = field(default_factory=dict)
    """Footnotes of the describing columns, e.g. a vesting schedule on the exercisable date."""


@dataclass
class Draft:
    rng: random.Random
    fake: Faker
    issuer: Issuer
    office: Address
    stock: str
    """Table I title of the issuer's shares, and the underlying of its derivatives."""
    day: date
    """The first trade: box 3 of the finished filing."""
    price: Decimal
    """The share price on ``day``."""
    parties: list[Party] = field(default_factory=list)
    insider: Person | None = None
    """The person filing, when a person files, whose trusts, spouse and 401(k) plan may hold."""
    stock_lines: list[NonDerivativeTransaction] = field(default_factory=list)
    derivative_lines: list[DerivativeTransaction] = field(default_factory=list)
    stock_holdings: list[NonDerivativeHolding] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    """Footnote text to provisional id, in the order first cited."""
    balances: dict[Holding, Decimal] = field(default_factory=dict)

    def holding(
        self,
        ownership: DirectOrIndirect = DirectOrIndirect.D,
        nature: str | None = None,
        note: str | None = None,
    ) -> Holding:
        """The issuer's shares, held directly or as stated."""
        return Holding("I", self.stock, ownership, nature, note)

    def open(self, holding: Holding, shares: Decimal) -> None:
        """Start a balance before this filing's first line that moves it."""
        self.balances[holding] = shares

    def stock_trade(
        self,
        holding: Holding,
        day: date,
        code: TransactionCode,
        shares: Decimal,
        price: Decimal | None,
        notes: Notes | None = None,
        direction: AcquiredDisposed | None = None,
    ) -> None:
        """A Table I line; ``direction`` only for codes that go either way (G, J)."""
        direction = direction or _direction(code, holding.table)
        values = {
            "security_title": holding.title,
            "transaction_date": day,
            "transaction_code": code,
            "transaction_shares": shares,
            "transaction_acquired_disposed_code": direction,
            "transaction_price_per_share": price,
            "shares_owned_following_transaction": self._move(holding, shares, direction),
        }
        self.stock_lines.append(self._row(NonDerivativeTransaction, values, holding, notes or {}))

    def derivative_trade(
        self,
        series: Series,
        day: date,
        code: TransactionCode,
        shares: Decimal,
        notes: Notes | None = None,
    ) -> None:
        """A Table II line; the derivative itself is priced $0 (column 8), as awards and
        exercises of options and units are."""
        direction = _direction(code, "II")
        values = {
            "security_title": series.holding.title,
            "conversion_or_exercise_price": series.exercise_price,
            "transaction_date": day,
            "transaction_code": code,
            "transaction_shares": shares,
            "transaction_acquired_disposed_code": direction,
            "transaction_price_per_share": Decimal(0),
            "exercise_date": series.exercisable,
            "expiration_date": series.expiration,
            "underlying_security_title": series.underlying,
            "underlying_security_shares": shares,
            "shares_owned_following_transaction": self._move(series.holding, shares, direction),
        }
        notes = {**series.notes, **(notes or {})}
        self.derivative_lines.append(
            self._row(DerivativeTransaction, values, series.holding, notes)
        )

    def hold(self, holding: Holding, shares: Decimal) -> None:
        """A Table I line that reports a holding and no transaction."""
        values = {"security_title": holding.title, "shares_owned_following_transaction": shares}
        self.stock_holdings.append(self._row(NonDerivativeHolding, values, holding, {}))

    def _note(self, text: str) -> str:
        return self.notes.setdefault(text, f"F{len(self.notes) + 1}")

    def _move(self, holding: Holding, shares: Decimal, direction: AcquiredDisposed) -> Decimal:
        change = shares if direction is AcquiredDisposed.A else -shares
        self.balances[holding] = self.balances.get(holding, Decimal(0)) + change
        return self.balances[holding]

    def _row(
        self, model: type[RowModel], values: dict[str, Any], holding: Holding, notes: Notes
    ) -> RowModel:
        """Cells of a line, with ownership columns from its holding and footnote marks from
        ``notes``; a cell with a note but no value prints the mark alone, e.g. "(2)"."""
        values = {
            **values,
            "direct_or_indirect_ownership": holding.ownership,
            "nature_of_ownership": holding.nature,
        }
        if holding.note:
            notes = {**notes, "nature_of_ownership": holding.note}
        cells = {
            name: {"value": value, "footnotes": [self._note(notes[name])] if name in notes else []}
            for name, value in values.items()
            if value is not None or name in notes
        }
        return model.model_validate(cells)


def _direction(code: TransactionCode, table: Table) -> AcquiredDisposed:
    direction = expected_direction(code, table)
    if direction is None:
        raise ValueError(f"code {code} goes either way in Table {table}: say which")
    return direction
