"""Dates and prices as markets make them: trading days, share prices, weighted-average fills.

Trades fall on NYSE trading days; signatures on federal business days up to the Form 4 deadline
that :func:`~form4.validators.rules.dates.due_date` computes, so every filing drawn is on time by
the very rule that judges it.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache
from itertools import pairwise

import holidays

from form4.validators.rules.dates import due_date

FIRST_TRADE = date(2004, 1, 2)
LAST_TRADE = date(2025, 12, 19)
"""Trades are drawn from these years; the last leaves room to sign within 2025."""

CENT = Decimal("0.01")
BASIS = Decimal("0.0001")
"""A weighted-average price is printed to four decimals at most, as EDGAR allows."""

LOWEST_PRICE, HIGHEST_PRICE = 1.5, 250.0


@cache
def _exchange_closed(year: int) -> holidays.HolidayBase:
    return holidays.financial_holidays("NYSE", years=year)


@cache
def _federal_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", years=year)


def is_trading_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _exchange_closed(day.year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def trade_date(rng: random.Random) -> date:
    day = FIRST_TRADE + timedelta(days=rng.randrange((LAST_TRADE - FIRST_TRADE).days))
    while not is_trading_day(day):
        day += timedelta(days=1)
    return day


def trading_days(first: date, count: int) -> list[date]:
    """Up to ``count`` consecutive trading days from ``first``, all reportable on one timely form.

    Fewer come back when a holiday pushes a trading day past the deadline of the first trade.
    """
    days, day, due = [first], first, due_date(first)
    while len(days) < count:
        day += timedelta(days=1)
        if day > due:
            break
        if is_trading_day(day):
            days.append(day)
    return days


def signing_days(first: date, last: date) -> list[date]:
    """Business days on which a form reporting trades from ``first`` to ``last`` is on time."""
    due = due_date(first)
    days = (last + timedelta(days=offset) for offset in range((due - last).days + 1))
    return [day for day in days if is_business_day(day)]


def share_price(rng: random.Random) -> Decimal:
    """Log-uniform, as share prices are: as many $2 stocks as $20 and $200 ones."""
    price = math.exp(rng.uniform(math.log(LOWEST_PRICE), math.log(HIGHEST_PRICE)))
    return Decimal(price).quantize(CENT)


def near(rng: random.Random, price: Decimal, spread: float = 0.03) -> Decimal:
    """A price within ``spread`` of ``price``, to the cent, as the tape moves through a day."""
    moved = price * Decimal(1 + rng.uniform(-spread, spread))
    return max(moved.quantize(CENT), CENT)


def weighted_fill(rng: random.Random, price: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(weighted average, lowest, highest) of a trade filled at several prices around ``price``.

    The average often has four decimals; the bounds are whole cents strictly around it.
    """
    average = near(rng, price, 0.01)
    if rng.random() < 0.6:
        average += rng.choice([n for n in range(1, 100) if n % 10]) * BASIS
    low = (average * Decimal(1 - rng.uniform(0.002, 0.02)) - CENT).quantize(CENT, ROUND_FLOOR)
    high = (average * Decimal(1 + rng.uniform(0.002, 0.02)) + CENT).quantize(CENT, ROUND_CEILING)
    return average, max(low, CENT), high


def worth(rng: random.Random, price: Decimal, low: float, high: float, lot: int = 1) -> Decimal:
    """Whole shares worth ``low`` to ``high`` dollars at ``price`` (log-uniform), in multiples of
    ``lot``: grants and trades are sized in dollars, so a $2 stock moves many more shares."""
    dollars = math.exp(rng.uniform(math.log(low), math.log(high)))
    return Decimal(max(int(dollars / float(price) / lot), 1) * lot)


def split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` whole shares in ``parts`` positive pieces (fewer when ``total`` is too small)."""
    parts = max(1, min(parts, int(total)))
    cuts = sorted(rng.sample(range(1, int(total)), parts - 1))
    return [Decimal(b - a) for a, b in pairwise([0, *cuts, int(total)])]
