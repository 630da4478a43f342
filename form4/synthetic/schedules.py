"""Vesting schedules and the footnotes that state them, in the wordings the vesting rules read.

A schedule is computed first and worded second: the stated end is always the first vest date
plus the stated increments, the first vest date falls after the grant, and the last vest date is
returned so that a caller can keep the expiration beyond it. A few wordings the rules cannot
parse (anniversaries, vesting in full) are drawn too, as real footnotes use them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from form4.synthetic.wording import long_date, slash_date

COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class Award:
    """What vests: how a footnote names it as subject and as the object of "25% of ..."."""

    subject: str
    whole: str


OPTION = Award("The option vests", "the shares subject to this option")
UNITS = Award("The restricted stock units vest", "the restricted stock units")
SHARES = Award("These shares vest", "these shares")


@dataclass(frozen=True)
class Vesting:
    text: str
    first: date
    last: date


Wording = Callable[[random.Random, date, Award], Vesting]


def _printed(rng: random.Random, day: date) -> str:
    return long_date(day) if rng.random() < 0.8 else slash_date(day)


def _count(rng: random.Random, count: int) -> str:
    return COUNT_WORDS[count] if count in COUNT_WORDS and rng.random() < 0.7 else str(count)


def _instalments(period: str, months: int, counts: tuple[int, ...]) -> Wording:
    """ "vests in N equal <period> installments beginning on <first>[ through <last>]"."""

    def word(rng: random.Random, granted: date, award: Award) -> Vesting:
        count = rng.choice(counts)
        first = granted + relativedelta(months=months)
        last = first + relativedelta(months=months * (count - 1))
        end = f" through {_printed(rng, last)}" if rng.random() < 0.4 else ""
        text = (
            f"{award.subject} in {_count(rng, count)} equal {period} installments beginning on "
            f"{_printed(rng, first)}{end}."
        )
        return Vesting(text, first, last)

    return word


def _cliff(rng: random.Random, granted: date, award: Award) -> Vesting:
    """A one-year cliff, then monthly or quarterly installments, worded as a count of
    installments "thereafter" or as a span "over the following" months or years."""
    first = granted + relativedelta(years=1)
    percent = rng.choice((25, 20))
    if rng.random() < 0.6:
        months = rng.choice((36, 24))
        period, step, following = "monthly", 1, f"{months} months"
    else:
        months = 36
        period, step, following = "quarterly", 3, rng.choice(("three years", "12 quarters"))
    last = first + relativedelta(months=months)
    end = f" through {_printed(rng, last)}" if rng.random() < 0.5 else ""
    if rng.random() < 0.5:
        rest = f"in {months // step} equal {period} installments thereafter"
    else:
        rest = f"in equal {period} installments over the following {following}"
    text = (
        f"{percent}% of {award.whole} vest on {_printed(rng, first)}, and the remaining "
        f"{100 - percent}% vest {rest}{end}."
    )
    return Vesting(text, first, last)


def _anniversaries(rng: random.Random, granted: date, award: Award) -> Vesting:
    """Anniversaries of the grant, now and then in capitals with the dates listed."""
    count = rng.choice((3, 4))
    days = [granted + relativedelta(years=year) for year in range(1, count + 1)]
    if rng.random() < 0.7:
        text = (
            f"{award.subject} in equal annual installments on each of the first "
            f"{COUNT_WORDS[count]} anniversaries of the grant date."
        )
    else:
        listed = ", ".join(slash_date(day) for day in days[:-1]) + f" AND {slash_date(days[-1])}"
        text = (
            f"{award.subject.upper()} IN EQUAL INSTALLMENTS ON THE FIRST "
            f"{COUNT_WORDS[count].upper()} ANNIVERSARIES OF THE GRANT DATE ({listed})."
        )
    return Vesting(text, days[0], days[-1])


def _in_full(rng: random.Random, granted: date, award: Award) -> Vesting:
    """A director's award: one vest date about a year out, at the next annual meeting."""
    day = granted + relativedelta(years=1, days=-rng.randint(0, 20))
    text = (
        f"{award.subject} in full on the earlier of {long_date(day)} and the date of the Issuer's "
        "next annual meeting of stockholders."
    )
    return Vesting(text, day, day)


WORDINGS: tuple[tuple[Wording, int], ...] = (
    (_instalments("annual", 12, (3, 4, 4, 5)), 40),
    (_cliff, 25),
    (_instalments("quarterly", 3, (4, 8, 12, 16)), 12),
    (_instalments("monthly", 1, (36, 48)), 10),
    (_anniversaries, 13),
)
"""Employee schedules and how often each wording is drawn."""


def vesting(rng: random.Random, granted: date, award: Award) -> Vesting:
    """An employee award's schedule, starting after ``granted``."""
    (wording,) = rng.choices([w for w, _ in WORDINGS], weights=[n for _, n in WORDINGS])
    return wording(rng, granted, award)


def annual(rng: random.Random, granted: date, award: Award, count: int) -> Vesting:
    """Equal annual installments from the first anniversary of ``granted``."""
    return _instalments("annual", 12, (count,))(rng, granted, award)


def director_vesting(rng: random.Random, granted: date, award: Award) -> Vesting:
    """Directors' awards mostly vest in full within a year, else quarterly."""
    if rng.random() < 0.6:
        return _in_full(rng, granted, award)
    return _instalments("quarterly", 3, (4,))(rng, granted, award)
