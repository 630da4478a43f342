"""Vesting schedules stated in footnotes, checked against the dates of the lines that cite them.

A schedule footnote is the one place where the grant, exercisable and expiration dates meet in
prose; a misread year in any of them shows up as a schedule that cannot be true.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic.alias_generators import to_camel

from form4.result import footnote_path
from form4.schema import Form4Filing, TransactionCode
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import Line, lines, references
from form4.validators.rules.derivatives import settles_at_vesting

Period = Literal["monthly", "quarterly", "annual"]

_PERIODS: dict[str, Period] = {
    "month": "monthly",
    "monthly": "monthly",
    "quarter": "quarterly",
    "quarterly": "quarterly",
    "year": "annual",
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
}
_MONTHS_PER: dict[Period, int] = {"monthly": 1, "quarterly": 3, "annual": 12}
_MONTHS = [name.lower() for name in calendar.month_name[1:]]
_NUMBERS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]

_DATE = (
    r"(?:(?P<{0}m>[A-Za-z]{{3,9}})\.?\s+(?P<{0}d>\d{{1,2}}),?\s+(?P<{0}y>\d{{4}})"
    r"|(?P<{0}nm>\d{{1,2}})/(?P<{0}nd>\d{{1,2}})/(?P<{0}ny>\d{{4}}))"
)
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(_NUMBERS) + r")"
_PERIOD_WORD = r"(?P<period>" + "|".join(_PERIODS) + r")"

_CLIFF = re.compile(
    r"(?P<percent>\d{1,3}(?:\.\d+)?)\s*%[^.%]*?\bvest\w*[^.%]*?\bon\s+" + _DATE.format("f"),
    re.IGNORECASE,
)
_BEGINNING = re.compile(
    r"\b(?:beginning|commencing|starting)\s+on\s+" + _DATE.format("f"), re.IGNORECASE
)
_INSTALMENTS = re.compile(
    r"\b"
    + _COUNT
    + r"\s+(?:equal\s+|substantially\s+equal\s+)?"
    + _PERIOD_WORD
    + r"\s+(?:installments?|instalments?|increments?)",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(
    r"\b" + _PERIOD_WORD + r"\s+(?:installments?|instalments?|increments?)\b[^.]*?"
    r"\bfollowing\s+" + _COUNT + r"\s+(?P<unit>months|quarters|years)",
    re.IGNORECASE,
)
_GRANTED = re.compile(
    r"\bgrant(?:ed)?\s+(?:on|dated|date\s+(?:of|was))\s+" + _DATE.format("g"), re.IGNORECASE
)
_END = re.compile(r"\b(?:through|until|ending\s+on)\s+" + _DATE.format("e"), re.IGNORECASE)


def _date(match: re.Match[str], prefix: str) -> date | None:
    """A date from either printed form, or None when the words only look like one."""
    parts = match.groupdict()
    try:
        if parts[f"{prefix}m"]:
            month_name = parts[f"{prefix}m"].lower()
            month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month_name[:3]))
            return date(int(parts[f"{prefix}y"]), month, int(parts[f"{prefix}d"]))
        return date(int(parts[f"{prefix}ny"]), int(parts[f"{prefix}nm"]), int(parts[f"{prefix}nd"]))
    except (StopIteration, ValueError):
        return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.index(word.lower()) + 1


@dataclass(frozen=True)
class Schedule:
    """A schedule as stated: an optional cliff, then equal increments of one period.

    ``first_is_instalment`` tells the two common wordings apart: "four annual installments
    beginning on X" vests at X and three more times, while "25% vests on X; the remaining 75% in
    36 monthly increments" vests at X and 36 more times.
    """

    footnote: str
    first_percent: Decimal | None
    first_date: date | None
    instalments: int | None
    period: Period | None
    first_is_instalment: bool
    end_date: date | None
    granted: date | None = None
    """The grant date the footnote states, where the line's own date is a later issuance or
    certification of the award (aosl_2025-03-17: a PSU "granted on March 15, 2024" reported on
    its certification in 2025, vesting from March 15, 2025)."""

    @property
    def last_date(self) -> date | None:
        """The last vest date the increments imply, for comparison with the stated end."""
        if self.first_date is None or self.instalments is None or self.period is None:
            return None
        steps = self.instalments - 1 if self.first_is_instalment else self.instalments
        return self.first_date + relativedelta(months=_MONTHS_PER[self.period] * steps)

    def evidence(self) -> dict[str, Any]:
        return {to_camel(key): value for key, value in asdict(self).items()} | {
            "lastDate": self.last_date
        }


@lru_cache(maxsize=512)
def parse_schedule(footnote: str, text: str) -> Schedule | None:
    """The schedule a footnote states, or None when it states no vest date and no increments."""
    cliff = _CLIFF.search(text)
    first = cliff or _BEGINNING.search(text)
    end = _END.search(text)
    granted = _GRANTED.search(text)
    count: int | None = None
    period: Period | None = None
    if following := _FOLLOWING.search(text):
        period = _PERIODS[following["period"].lower()]
        unit = _PERIODS[following["unit"].lower().rstrip("s")]
        count = _count(following["count"]) * _MONTHS_PER[unit] // _MONTHS_PER[period]
    elif instalments := _INSTALMENTS.search(text):
        period = _PERIODS[instalments["period"].lower()]
        count = _count(instalments["count"])
    first_date = _date(first, "f") if first else None
    if first_date is None and period is None:
        return None
    percent = cliff["percent"] if cliff else None
    return Schedule(
        footnote=footnote,
        first_percent=Decimal(percent) if percent else None,
        first_date=first_date,
        instalments=count,
        period=period,
        first_is_instalment=cliff is None,
        end_date=_date(end, "e") if end else None,
        granted=_date(granted, "g") if granted else None,
    )


def _cites_schedules(line: Line) -> bool:
    """Table II lines, and Table I awards: the lines whose footnotes describe their own vesting."""
    return line.table == "II" or line.value("transaction_code") is TransactionCode.A


def _schedules(context: Context) -> list[tuple[Line, Schedule]]:
    """Every (line, schedule it cites); found once per validation, used by all vesting rules."""
    if "vesting" not in context.derived:
        context.derived["vesting"] = list(_find_schedules(context.filing))
    return context.derived["vesting"]


def _find_schedules(filing: Form4Filing) -> Iterator[tuple[Line, Schedule]]:
    texts = {note.id: note.text for note in filing.footnotes}
    for line in lines(filing):
        if not _cites_schedules(line):
            continue
        for footnote in dict.fromkeys(footnote for footnote, _ in references(line.row)):
            if footnote in texts and (schedule := parse_schedule(footnote, texts[footnote])):
                yield line, schedule


@rule(
    "vesting.first_after_grant",
    "warning",
    "An award cannot vest before it is granted (vesting on the grant day is immediate vesting).",
)
def first_after_grant(context: Context) -> Iterator[Finding]:
    for line, schedule in _schedules(context):
        granted = schedule.granted or line.value("transaction_date")
        if line.value("transaction_code") is not TransactionCode.A or None in (
            granted,
            schedule.first_date,
        ):
            continue
        if schedule.first_date < granted:
            yield Finding(
                f"{schedule.footnote} vests first on {schedule.first_date}, before the grant of "
                f"{granted}",
                [footnote_path(schedule.footnote), line.at("transaction_date")],
                {"schedule": schedule.evidence(), "transactionDate": granted},
            )


@rule(
    "vesting.schedule",
    "warning",
    "The stated end of a schedule is its first vest date plus the stated increments.",
)
def schedule_end(context: Context) -> Iterator[Finding]:
    seen: set[str] = set()
    for _, schedule in _schedules(context):
        last = schedule.last_date
        if schedule.footnote in seen or None in (last, schedule.end_date):
            continue
        seen.add(schedule.footnote)
        if last != schedule.end_date:
            yield Finding(
                f"{schedule.footnote}: {schedule.instalments} {schedule.period} increments from "
                f"{schedule.first_date} end {last}, but the footnote says {schedule.end_date}",
                [footnote_path(schedule.footnote)],
                {"schedule": schedule.evidence()},
            )


@rule("vesting.before_expiration", "warning", "No part of a derivative vests after it expires.")
def before_expiration(context: Context) -> Iterator[Finding]:
    """Not for units that settle at vesting: their line's expiration is the day one tranche
    settled, not the end of the grant whose schedule the footnote states."""
    for line, schedule in _schedules(context):
        if settles_at_vesting(line):
            continue
        expires = line.value("expiration_date")
        dates = [d for d in (schedule.first_date, schedule.end_date, schedule.last_date) if d]
        if expires is None or not dates or max(dates) <= expires:
            continue
        yield Finding(
            f"{schedule.footnote} vests until {max(dates)}, after the expiration {expires}",
            [footnote_path(schedule.footnote), line.at("expiration_date")],
            {"schedule": schedule.evidence(), "expirationDate": expires},
        )


@rule(
    "vesting.exercise_date",
    "warning",
    "A printed Date Exercisable is not later than the first vest date of the footnoted schedule.",
)
def exercise_date(context: Context) -> Iterator[Finding]:
    for line, schedule in _schedules(context):
        exercisable = line.value("exercise_date")
        if None in (exercisable, schedule.first_date) or exercisable <= schedule.first_date:
            continue
        yield Finding(
            f"exercisable from {exercisable}, after {schedule.footnote}'s first vest date "
            f"{schedule.first_date}",
            [footnote_path(schedule.footnote), line.at("exercise_date")],
            {"schedule": schedule.evidence(), "exerciseDate": exercisable},
        )
