"""What every kind of defect shares: the registry of kinds and small edits (the label they
return, :class:`~form4.evals.expected.Defect`, is the fixture format the evaluation reads).

A kind of defect is a finder: given a filing, it lists the edits it could make there, each bound
to the copy it edits and drawing its details only when applied. Kinds register themselves here,
the way validator rules do with the engine, so a new kind is one function in the module that holds
its sort of fact.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from form4.evals.expected import Defect
from form4.schema import Form4Filing
from form4.synthetic.wording import date_spellings
from form4.validators.lines import Line, lines, references
from form4.validators.rules.vesting import Schedule, parse_schedule

Edit = Callable[[random.Random], Defect]
"""One applicable change, bound to the copy it edits; it draws its details when applied."""
Finder = Callable[[Form4Filing], list[Edit]]

KINDS: list[Finder] = []


def kind(find: Finder) -> Finder:
    """Register a kind of defect; each kind lists the edits it can make to a given filing."""
    KINDS.append(find)
    return find


def put(line: Line, name: str, value: Any) -> None:
    """Set a cell's value, keeping its footnote marks; a cell left with nothing is dropped."""
    old = line.cell(name)
    marks = old.footnotes if old else []
    cell = {"value": value, "footnotes": marks} if value is not None or marks else None
    setattr(line.row, name, cell)


def misprint(rng: random.Random, value: Decimal) -> Decimal:
    """A whole number as mistyped: two neighbouring digits swapped, or one digit off by one."""
    whole, digits = int(value), str(int(value))
    swapped = {
        int(f"{digits[:i]}{digits[i + 1]}{digits[i]}{digits[i + 2 :]}")
        for i in range(len(digits) - 1)
    }
    stepped = {whole + sign * 10**i for i in range(len(digits)) for sign in (1, -1)}
    options = sorted(n for n in swapped | stepped if n >= 0 and n != whole)
    return Decimal(rng.choice(options))


def redate(text: str, old: date, new: date) -> str:
    """``text`` with ``old`` replaced by ``new``, each spelled the way the text spells it."""
    for before, after in zip(date_spellings(old), date_spellings(new), strict=True):
        text = re.sub(rf"(?<![\d/]){re.escape(before)}(?![\d/])", after, text)
    return text


def reword(filing: Form4Filing, footnote_id: str, edit: Callable[[str], str]) -> None:
    for note in filing.footnotes:
        if note.id == footnote_id:
            note.text = edit(note.text)


def schedules(filing: Form4Filing) -> Iterator[tuple[Line, str, Schedule]]:
    """(line, footnote id, schedule) for every vesting schedule a line cites."""
    texts = {note.id: note.text for note in filing.footnotes}
    for line in lines(filing):
        for footnote_id in dict.fromkeys(key for key, _ in references(line.row)):
            if footnote_id in texts and (
                schedule := parse_schedule(footnote_id, texts[footnote_id])
            ):
                yield line, footnote_id, schedule
