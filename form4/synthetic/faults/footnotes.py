"""Defects in the explanations of responses: marks without footnotes, footnotes without marks,
and vesting schedules that contradict the lines citing them."""

from __future__ import annotations

import random
from datetime import date
from functools import partial

from dateutil.relativedelta import relativedelta

from form4.result import footnote_path
from form4.schema import Form4Filing, TransactionCode
from form4.synthetic.edits import Defect, Edit, kind, put, redate, reword, schedules
from form4.validators.lines import Line, lines
from form4.validators.rules.vesting import Schedule

# --- footnotes -------------------------------------------------------------------------------

_MARKABLE = (
    "security_title",
    "transaction_shares",
    "transaction_price_per_share",
    "shares_owned_following_transaction",
)


@kind
def _stray_mark(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_add_mark, filing, line, name)
        for line in lines(filing)
        for name in _MARKABLE
        if line.value(name) is not None
    ]


def _add_mark(filing: Form4Filing, line: Line, name: str, rng: random.Random) -> Defect:
    stray = max((int(note.id[1:]) for note in filing.footnotes), default=0) + 1
    cell = line.cell(name)
    setattr(line.row, name, {"value": cell.value, "footnotes": [*cell.footnotes, f"F{stray}"]})
    return Defect(
        rule="footnotes.unresolved",
        path=line.at(name),
        description=f"The cell carries the mark ({stray}), but no explanation ({stray}) is "
        "printed.",
    )


@kind
def _lost_mark(filing: Form4Filing) -> list[Edit]:
    """Footnotes cited from one cell only, when that cell holds a value that stays printed."""
    cited: dict[str, list[tuple[Line, str]]] = {}
    for line in lines(filing):
        for name in type(line.row).model_fields:
            cell = line.cell(name)
            for key in cell.footnotes if cell is not None else ():
                cited.setdefault(key, []).append((line, name))
    edits: list[Edit] = []
    for key, places in cited.items():
        if len(places) == 1 and places[0][0].value(places[0][1]) is not None:
            edits.append(partial(_drop_mark, *places[0], key))
    return edits


def _drop_mark(line: Line, name: str, key: str, rng: random.Random) -> Defect:
    cell = line.cell(name)
    kept = [mark for mark in cell.footnotes if mark != key]
    setattr(line.row, name, {"value": cell.value, "footnotes": kept})
    return Defect(
        rule="footnotes.unreferenced",
        path=footnote_path(key),
        description=f"The mark ({key[1:]}) is missing from the only cell that cited it.",
    )


# --- vesting schedules -----------------------------------------------------------------------


@kind
def _vests_before_grant(filing: Form4Filing) -> list[Edit]:
    """Awards whose schedule is stated only in the footnote (no printed date exercisable that a
    moved schedule would also contradict)."""
    return [
        partial(_move_schedule_back, filing, line, key, schedule)
        for line, key, schedule in schedules(filing)
        if line.value("transaction_code") is TransactionCode.A
        and line.value("transaction_date") is not None
        and schedule.first_date is not None
        and line.value("exercise_date") is None
    ]


def _move_schedule_back(
    filing: Form4Filing, line: Line, key: str, schedule: Schedule, rng: random.Random
) -> Defect:
    """Every date of the footnote typed years too early, as if copied from an older grant."""
    granted, first = line.value("transaction_date"), schedule.first_date
    back = relativedelta(years=first.year - granted.year + rng.randint(1, 2))
    for day in dict.fromkeys(d for d in (first, schedule.end_date) if d):
        reword(filing, key, partial(redate, old=day, new=day - back))
    return Defect(
        rule="vesting.first_after_grant",
        path=footnote_path(key),
        description=f"Footnote ({key[1:]}) has the award vest first on {first - back}, before "
        f"its grant on {granted}.",
    )


@kind
def _wrong_schedule_end(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_misdate_end, filing, key, schedule)
        for _, key, schedule in schedules(filing)
        if schedule.end_date is not None and schedule.end_date == schedule.last_date
    ]


def _misdate_end(filing: Form4Filing, key: str, schedule: Schedule, rng: random.Random) -> Defect:
    end = schedule.end_date
    wrong = end + relativedelta(years=1)
    reword(filing, key, partial(redate, old=end, new=wrong))
    return Defect(
        rule="vesting.schedule",
        path=footnote_path(key),
        description=f"Footnote ({key[1:]}) ends its schedule on {wrong}, a year after its "
        f"increments end on {end}.",
    )


@kind
def _expires_while_vesting(filing: Form4Filing) -> list[Edit]:
    """Derivatives whose expiration year can be mistyped into the middle of their schedule,
    still after the first vest date (so that only the schedule contradicts it)."""
    edits: list[Edit] = []
    for line, key, schedule in schedules(filing):
        expires, first = line.value("expiration_date"), schedule.first_date
        if expires is None or first is None:
            continue
        vested = max(d for d in (first, schedule.end_date, schedule.last_date) if d)
        typed = (
            expires - relativedelta(years=expires.year - year)
            for year in range(first.year, vested.year + 1)
        )
        if options := [day for day in typed if first < day < vested]:
            edits.append(partial(_misdate_expiry, line, key, options))
    return edits


def _misdate_expiry(line: Line, key: str, options: list[date], rng: random.Random) -> Defect:
    wrong = rng.choice(options)
    put(line, "expiration_date", wrong)
    return Defect(
        rule="vesting.before_expiration",
        path=line.at("expiration_date"),
        description=f"The expiration year is typed so the derivative expires on {wrong}, before "
        f"footnote ({key[1:]})'s schedule has finished vesting.",
    )


@kind
def _exercisable_too_late(filing: Form4Filing) -> list[Edit]:
    return [
        partial(_misdate_exercisable, line, key, schedule)
        for line, key, schedule in schedules(filing)
        if line.value("exercise_date") is not None and schedule.first_date is not None
    ]


def _misdate_exercisable(line: Line, key: str, schedule: Schedule, rng: random.Random) -> Defect:
    wrong = schedule.first_date + relativedelta(years=1)
    put(line, "exercise_date", wrong)
    return Defect(
        rule="vesting.exercise_date",
        path=line.at("exercise_date"),
        description=f"The date exercisable reads {wrong}, a year after footnote ({key[1:]})'s "
        f"first vest date {schedule.first_date}.",
    )
