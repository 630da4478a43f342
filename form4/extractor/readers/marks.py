"""Footnote marks, and the V column's mark, placed where the line prints them, not where a
model's answer put them.

A small model copies a line's values well and its marks badly: it drops a mark, moves it to the
cell beside it, or gives a title the mark of the price cell printed next to it. The print settles
most of that by layout alone. Each value of the answer is found among the line's tokens in
column order; a mark glued to a value ("45,659(1)", "S(2)") is that value's, and marks standing
alone between two values belong to the columns between them that can hold a mark without a value
(a price or an exercise price the footnote explains, an exercise or expiration date "(4)"), in
order, or else to the value before them. A V between the code and the amount marks the line
reported early, which a small model often leaves out. Marks that could go more than one way,
or that sit beside a value the print does not show as answered, keep the answer's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from form4.extractor.readers.cells import (
    EARLY_MARK,
    MARK_NUMBER,
    MARK_ONLY,
    MARKED_WORD,
    line_tokens,
    normalise_line,
    unmarked,
)

MARK_CAPABLE = frozenset(
    {
        "transactionPricePerShare",
        "conversionOrExercisePrice",
        "exerciseDate",
        "expirationDate",
    }
)
"""Columns that print a mark alone when the footnote takes the value's place."""
_PRICES = frozenset({"transactionPricePerShare", "conversionOrExercisePrice"})
_EARLY = "transactionTimeliness"
_GLUED = re.compile(r"^(.+?)((?:\(\d{1,2}\))+)$")
_GARBLED_TAIL = 3
"""Characters a mark OCR garbled may leave after a value besides its ")": "Si)", "S65)"."""
_OCR_ZERO = str.maketrans({"o": "0", "O": "0"})
_WORD = re.compile(rf"{MARKED_WORD.pattern}|\d+,?")
"""A word of a text column, a number among them ("By 2012 Trust")."""


def _plain(text: str) -> str:
    """A value as compared with the print: marks, signs and group separators aside."""
    text = MARK_ONLY.sub("", text).casefold().replace("$", "").translate(_OCR_ZERO)
    return re.sub(r"[^0-9a-z/]", "", text)


@dataclass(frozen=True)
class _Printed:
    value: str
    marks: list[str]
    legible: bool
    """False when a tail after the value may be a garbled mark: the value's marks are unknown."""


def _split(token: str) -> _Printed:
    """A token's value and the marks glued to it."""
    if match := _GLUED.match(token):
        return _Printed(match[1], MARK_NUMBER.findall(match[2]), True)
    if token.endswith(")") and "(" not in token:
        return _Printed(token[:-1], [], False)
    return _Printed(token, [], True)


def _same(key: str, value: str, token: str) -> bool:
    """Whether the token prints the value; one whose mark OCR garbled prints it at its start."""
    printed = _split(token)
    if printed.legible:
        return _prints(key, value, printed.value)
    ends = range(len(printed.value), len(printed.value) - _GARBLED_TAIL - 1, -1)
    return any(_prints(key, value, printed.value[:end]) for end in ends if end > 0)


def _prints(key: str, value: str, printed: str) -> bool:
    if key == "transactionCode":
        # OCR doubles a code letter or prints it in lower case ("Cc", "c", "Ss").
        letter = printed[:1].casefold()
        return letter == value.casefold() and printed.casefold().strip(letter) == ""
    if key in _PRICES and not re.match(r"[$S]", printed):
        return False  # a price prints its sign; a bare number there is the next column's
    return _plain(printed) == _plain(value) != ""


@dataclass
class _Gap:
    """The tokens between two found values and the columns the layout puts there."""

    before: str | None
    slots: list[str]
    tokens: list[str] = field(default_factory=list)


def marks_as_printed(
    columns: Sequence[str], text_columns: frozenset[str], cells: dict[str, str], line: str
) -> dict[str, str]:
    """``cells`` (a model's answer for a line, marks inline) with the marks the line prints.

    ``columns`` are the line's columns in printed order and ``text_columns`` those of words
    (titles, the nature of ownership), which are not looked for: they fill the gaps. A value
    the print does not show as answered (OCR lost or garbled it, or the answer shifted it to
    the next column) is no landmark, and the marks around it keep the answer's.
    """
    first, _, below = line.partition("\n")
    tokens = [token.text for token in line_tokens(first)]
    found: dict[str, int] = {}
    cursor = 0
    for key in columns:
        value = unmarked(cells.get(key))
        if key in text_columns or not value:
            continue
        at = next(
            (i for i in range(cursor, len(tokens)) if _same(key, value, tokens[i])),
            None,
        )
        if at is not None:
            found[key], cursor = at, at + 1
    placed: dict[str, list[str]] = {key: _split(tokens[i]).marks for key, i in found.items()}
    kept = {key for key, i in found.items() if not _split(tokens[i]).legible}
    gaps = _gaps(columns, found, tokens)
    early = [gap for gap in gaps if _take_early(gap, cells)]
    for gap in gaps:
        share = _shared(gap, cells, text_columns)
        if share is None:
            kept.update([*gap.slots, *([gap.before] if gap.before else [])])
            continue
        for key, marks in share.items():
            placed.setdefault(key, []).extend(marks)
    below_marks = set(MARK_NUMBER.findall(normalise_line(below)))
    marked = dict(cells)
    for key in columns:
        if key in kept or key not in placed:
            continue
        value = unmarked(cells.get(key)) or ""
        marks = placed[key]
        if key in text_columns:
            # The words a text column took from the lines below keep the answer's marks.
            marks += [n for n in MARK_NUMBER.findall(cells[key]) if n in below_marks]
        marked[key] = value + "".join(f"({n})" for n in dict.fromkeys(marks))
    if early:
        marked[_EARLY] = "E"
    return {key: value for key, value in marked.items() if value}


def _take_early(gap: _Gap, cells: dict[str, str]) -> bool:
    """Whether the V column prints its mark in this gap (the line was reported early), which is
    then taken out of the gap as read."""
    answered = unmarked(cells.get(_EARLY))
    if _EARLY not in gap.slots or answered not in (None, "", "E"):
        return False
    printed = [token for token in gap.tokens if EARLY_MARK.fullmatch(token)]
    if not printed:
        return False
    gap.tokens = [token for token in gap.tokens if not EARLY_MARK.fullmatch(token)]
    gap.slots.remove(_EARLY)
    return True


def _gaps(columns: Sequence[str], found: dict[str, int], tokens: Sequence[str]) -> list[_Gap]:
    """The stretches between found values, with the columns the layout puts in each."""
    gaps = [_Gap(None, [])]
    for key in columns:
        if key in found:
            gaps.append(_Gap(key, []))
        else:
            gaps[-1].slots.append(key)
    at = {found[gap.before]: n for n, gap in enumerate(gaps) if gap.before}
    current = 0
    for i, token in enumerate(tokens):
        if i in at:
            current = at[i]
        else:
            gaps[current].tokens.append(token)
    return gaps


def _shared(
    gap: _Gap, cells: dict[str, str], text_columns: frozenset[str]
) -> dict[str, list[str]] | None:
    """Which column each mark of a gap belongs to, or None where the layout leaves it open.

    Marks before the gap's words go to the mark-only columns before its text column, marks
    after them to those after it; with no such column, to the value or words they follow. A
    gap is left open when it holds a speck or a garbled mark, an answered value the print does
    not show, or words where the answer has no text column.
    """
    words = [i for i, token in enumerate(gap.tokens) if not MARK_ONLY.fullmatch(token)]
    if any(not _WORD.fullmatch(gap.tokens[i]) for i in words):
        return None
    texts = [slot for slot in gap.slots if slot in text_columns and unmarked(cells.get(slot))]
    if any(unmarked(cells.get(s)) for s in gap.slots if s not in text_columns):
        return None
    if (words and len(texts) != 1) or len(texts) > 1:
        return None
    text = texts[0] if words else None
    cut = gap.slots.index(text) if text is not None else len(gap.slots)
    open_slots = [s for s in gap.slots if s in MARK_CAPABLE]
    leading = gap.tokens[: words[0]] if words else gap.tokens
    trailing = gap.tokens[words[-1] + 1 :] if words else []
    share: dict[str, list[str]] = {}
    if text is not None:
        inner = gap.tokens[words[0] : words[-1] + 1]
        share[text] = [n for token in inner for n in MARK_NUMBER.findall(token)]
    runs = (
        (leading, [s for s in open_slots if gap.slots.index(s) < cut], gap.before),
        (trailing, [s for s in open_slots if gap.slots.index(s) > cut], text),
    )
    for run, slots, owner in runs:
        marks = [MARK_NUMBER.findall(token) for token in run]
        if not marks:
            continue
        if len(slots) == len(marks):
            for slot, group in zip(slots, marks, strict=True):
                share.setdefault(slot, []).extend(group)
        elif len(slots) == 1 or (not slots and owner is not None):
            share.setdefault(slots[0] if slots else owner, []).extend(
                n for group in marks for n in group
            )
        else:
            return None
    return share
