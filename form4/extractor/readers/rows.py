"""A deterministic reader of the lines of Table I and Table II, trusted only where it cannot err.

The staged extraction takes a line read here as it is and sends every other line to the model,
so a wrong reading costs more than no reading: a line is read only when its OCR text parses in
exactly one way into the table's columns, every text column is a security title, underlying title
or ownership nature of a known shape, and the codes agree with each other. Anything else (a
garbled mark, a lost cell, a digit OCR may have confused, a mark on a continuation line that
could belong to several columns) leaves the line to the model.

Cells are the printed text with their footnote marks, keyed by the schema's aliases, so the row
models parse them exactly as they parse the model's answers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from itertools import combinations_with_replacement, pairwise
from typing import Literal

import regex
from pydantic import ValidationError

from form4.extractor.readers.cells import (
    FRAGMENT,
    GROUPED_BEFORE_BRACKET,
    LOST,
    MARK_NUMBER,
    MARK_ONLY,
    MARKED_WORD,
    PRINTED_OWNERSHIP,
    YEAR_WORD,
    ZERO_PRICE_MARK_RUN_IN,
    Reader,
    Token,
    line_tokens,
    normalise_line,
    printed_code,
    read_amount,
    read_code,
    read_date,
    read_date_or_marks,
    read_early,
    read_letter,
    read_ownership,
    read_price,
    read_words,
    unmarked,
)
from form4.extractor.readers.marks import MARK_CAPABLE
from form4.extractor.readers.table_lines import (
    Block,
    blocks,
    first_date,
    from_title,
    is_date,
    is_header,
    is_prose,
)
from form4.extractor.readers.words import is_speck
from form4.extractor.text.sections import Sections
from form4.schema import (
    DerivativeHolding,
    DerivativeTransaction,
    Form4Model,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
    parse_amount,
)
from form4.validators.lines import Table
from form4.validators.repairs import TAX_WITHHOLDING
from form4.validators.rules.codes import DERIVATIVE_ONLY, DIRECTION
from form4.validators.rules.dates import reported_apart

Kind = Literal["transaction", "holding"]


@dataclass(frozen=True)
class RowReading:
    """One table line: its cells when read with confidence, else None for the model to read."""

    table: Table
    kind: Kind
    line: str
    cells: dict[str, str] | None
    inferred: frozenset[str] = frozenset()
    """Cells the line does not print, taken from what it does print (see ``_indirect``)."""
    garbled: frozenset[str] = frozenset()
    """Cells whose mark OCR garbled, read without it for ``assembly.meaning`` to find: a mark
    alone (``cells.GARBLED_MARK``), read as an empty cell, or the mark after a holder's name
    (:data:`_GARBLED_MARK_TAIL`)."""


_MARK_ALONE = (
    "conversionOrExercisePrice",
    "exerciseDate",
    "expirationDate",
    "transactionPricePerShare",
)


# --- Grammars --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    key: str
    read: Reader
    optional: bool = False
    strict: bool = False
    """Left empty only where no stray stands: a speck there may be the cell's lost value."""


_TITLE = _Slot("securityTitle", read_words)
_NATURE = _Slot("natureOfOwnership", read_words, optional=True)
_OWNED = _Slot("sharesOwnedFollowingTransaction", read_amount)
_OWNERSHIP = _Slot("directOrIndirectOwnership", read_ownership)
_DATE_SLOT = _Slot("transactionDate", read_date)
_DEEMED = _Slot("deemedExecutionDate", read_date, optional=True)
_CODE_SLOT = _Slot("transactionCode", read_code, optional=True, strict=True)
_EARLY = _Slot("transactionTimeliness", read_early, optional=True)
_SHARES = _Slot("transactionShares", read_amount)
_PRICE_SLOT = _Slot("transactionPricePerShare", read_price, optional=True, strict=True)
_EXERCISE_PRICE = _Slot("conversionOrExercisePrice", read_price, optional=True, strict=True)
_EXERCISE_AND_UNDERLYING = (
    _Slot("exerciseDate", read_date_or_marks),
    _Slot("expirationDate", read_date_or_marks),
    _Slot("underlyingSecurityTitle", read_words),
    _Slot("underlyingSecurityShares", read_amount),
)
_HOLDING_TAIL = (_OWNED, _OWNERSHIP, _NATURE)

_GRAMMARS: dict[tuple[Table, Kind], tuple[_Slot, ...]] = {
    ("I", "transaction"): (
        _TITLE,
        _DATE_SLOT,
        _DEEMED,
        _CODE_SLOT,
        _EARLY,
        _SHARES,
        _Slot("transactionAcquiredDisposedCode", read_letter("AD")),
        _PRICE_SLOT,
        *_HOLDING_TAIL,
    ),
    ("I", "holding"): (_TITLE, *_HOLDING_TAIL),
    ("II", "transaction"): (
        _TITLE,
        _EXERCISE_PRICE,
        _DATE_SLOT,
        _DEEMED,
        _CODE_SLOT,
        _EARLY,
        _SHARES,
        *_EXERCISE_AND_UNDERLYING,
        _PRICE_SLOT,
        *_HOLDING_TAIL,
    ),
    ("II", "holding"): (
        _TITLE,
        _EXERCISE_PRICE,
        *_EXERCISE_AND_UNDERLYING,
        _PRICE_SLOT,
        *_HOLDING_TAIL,
    ),
}


def columns(table: Table, cells: Cells) -> tuple[str, ...]:
    """The columns of a line of ``table`` in printed order, for a transaction when the cells
    hold a date, else for a holding."""
    kind: Kind = "transaction" if "transactionDate" in cells else "holding"
    return tuple(slot.key for slot in _GRAMMARS[table, kind])


_MODELS: dict[tuple[Table, Kind], type[Form4Model]] = {
    ("I", "transaction"): NonDerivativeTransaction,
    ("I", "holding"): NonDerivativeHolding,
    ("II", "transaction"): DerivativeTransaction,
    ("II", "holding"): DerivativeHolding,
}

Cells = dict[str, str]
_MAX_PARSES = 20


def _parses(slots: Sequence[_Slot], tokens: Sequence[Token], i: int = 0) -> Iterator[Cells]:
    """Every way the tokens fill the slots in order, each slot from its own kind of cell."""
    if not slots:
        if i == len(tokens):
            yield {}
        return
    slot, rest = slots[0], slots[1:]
    for cell, j in slot.read(tokens, i):
        for cells in _parses(rest, tokens, j):
            yield {slot.key: cell, **cells}
    if slot.optional and not (slot.strict and i < len(tokens) and tokens[i].after_stray):
        yield from _parses(rest, tokens, i)


def _all_parses(slots: Sequence[_Slot], tokens: Sequence[Token]) -> list[Cells]:
    """The distinct parses; a line that parses in very many ways is as good as unread."""
    found: list[Cells] = []
    for cells in _parses(slots, tokens):
        if cells not in found:
            found.append(cells)
        if len(found) > _MAX_PARSES:
            return []
    return found


# --- Text columns ----------------------------------------------------------------------------

_MARK_TAIL = r"(?:\s?\(\d{1,2}\))*"
_PAR_VALUE = r"(?:, par value \$\d*\.\d+ per share|, \$\d*\.\d+ par value)"
_SECURITY = (
    r"(?:Class [A-C] |Series [A-C] )?(?:Common Stock|Ordinary Shares|Common Shares|Common Units"
    r"|Capital Stock|(?:Series [A-Z] )?(?:Convertible )?Preferred Stock|American Depositary Shares)"
    rf"{_PAR_VALUE}?"
)
"""Titles of shares as issuers print them, a class named a series as some issuers do ("Series A
Common Stock"); OCR damage ("Ciass", "ClassA") falls outside."""
_RIGHT = r"\((?:right|rt\.?|obligation) to (?:buy|sell)\)"
_DERIVATIVE = (
    r"(?:(?:Employee|Director|Non-Qualified|Nonqualified|Incentive) )?(?:Stock|Share) Options?"
    rf" {_RIGHT}|(?:Put|Call) Options? {_RIGHT}"
    r"|(?:Restricted|Performance|Deferred) (?:Stock|Share) Units?(?: \((?:RSU|PSU|DSU)s?\))?"
    rf"|(?:Purchase )?Warrants? {_RIGHT}"
    rf"|{_SECURITY} Purchase Warrants?|Phantom Stock(?: Units?)?|Stock Appreciation Rights?"
)
"""Titles of derivatives: the form's own list (puts, calls, warrants, options) as filers title
them. An option's right ("(right to buy)", "(RT TO BUY)", a put's "(obligation to buy)") or a
warrant's ("Common Stock Purchase Warrant") is required, since OCR often loses it; a unit may
name its kind in brackets ("Restricted Stock Units (RSU)", fb_2018-05-15)."""
_NATURE_WORDS = (
    r"Trust|Trusts|Spouse|Wife|Husband|IRA|Roth|401\(k\)|Plan|LLC|LP|L\.P\.|Fund|Funds"
    r"|Affiliated|Partnership|Family|Foundation|Children|GRAT|Profit|Sharing|ESOP"
    r"|Estate|Planning|Vehicles?"
)
_NAME = r"(?-i:[A-Z][A-Za-z]*|[A-Z]\.(?:[A-Z]\.)+|\([A-Z]\)|&)(?:,|\.)?"
_ENTITY = rf"(?: (?:{_NAME}|(?:19|20)\d\d,?))+"
"""A holder's name as a nature of ownership ("By The Founders Fund Growth, LP", "Sequoia Grove
II", "By Levchin 2012 Irrevocable Trust"): capitalised words, initials and the year a trust or a
fund was made, a fund's class in brackets ("Partners Fund (Q), LP", mdb_2019-04-01); OCR's
lower-case specks and stray signs fall outside."""
Shapes = dict[str, dict[Table, re.Pattern[str]]]
_TEXT_SHAPES: Shapes = {
    "securityTitle": {
        "I": re.compile(rf"{_SECURITY}{_MARK_TAIL}", re.IGNORECASE),
        "II": re.compile(rf"(?:{_DERIVATIVE}|{_SECURITY}){_MARK_TAIL}", re.IGNORECASE),
    },
    "underlyingSecurityTitle": {"II": re.compile(rf"{_SECURITY}{_MARK_TAIL}", re.IGNORECASE)},
    "natureOfOwnership": dict.fromkeys(
        ("I", "II"),
        re.compile(
            rf"(?:By(?: (?:{_NATURE_WORDS}))+|By{_ENTITY}|{_NAME}{_ENTITY}|See Footnotes?)"
            rf"{_MARK_TAIL}",
            re.IGNORECASE,
        ),
    ),
}
"""The text columns in printed order, the ones that wrap onto the lines below, and the shape
of each in each table."""
TEXT_COLUMNS = frozenset(_TEXT_SHAPES)
_ANSWER_SHAPES: Shapes = {
    **_TEXT_SHAPES,
    "securityTitle": {
        **_TEXT_SHAPES["securityTitle"],
        "II": re.compile(rf"(?:{_DERIVATIVE}|{_SECURITY}){_MARK_TAIL}", re.IGNORECASE),
    },
}
"""The shapes a model's answer is completed to: a Table II title may also be a class of stock
("Class B Common Stock", "Series A Preferred Stock"), which a converted security is."""
_MAX_CUTS = 5000
"""The most ways a line's wrapped columns may still be cut after a line below: past it, the
lines below are too loose to settle the columns (specks read as words) and the model reads them."""


def is_title(table: Table, text: str) -> bool:
    """Whether ``text`` has the shape of a title a model may answer for a line of ``table``."""
    return bool(_ANSWER_SHAPES["securityTitle"][table].fullmatch(text))


def _shaped(table: Table, cells: Cells, shapes: Shapes) -> bool:
    """Every text column has the shape of its kind of text: OCR damage breaks the shape."""
    return all(
        key not in cells or bool(shape[table].fullmatch(cells[key]))
        for key, shape in shapes.items()
    )


def _splits(words: Sequence[str], columns: int) -> Iterator[list[list[str]]]:
    """The ways to cut a line's words into consecutive runs, one per wrapped column."""
    for cuts in combinations_with_replacement(range(len(words) + 1), columns - 1):
        bounds = [0, *cuts, len(words)]
        yield [list(words[a:b]) for a, b in pairwise(bounds)]


def _continues(words: Sequence[str]) -> bool:
    """Words of text columns (a holder's year among them: "Levchin 2012 Irrevocable Trust"),
    any of them with the marks that end its column: a title's "Stock(10)" before the
    underlying's "Stock" and the holder's "Fund IV," (fb_2017-07-28 printed clean)."""
    return all(MARKED_WORD.fullmatch(word) or YEAR_WORD.fullmatch(word) for word in words)


_BARE_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
VESTING = re.compile(r"\bvest|\bexercisable\b", re.IGNORECASE)
"""What a footnote on a date exercisable says: when the security vests or can be exercised."""
_WRAPPED_MARK = re.compile(r"\(\d{1,2}\)|\(?[^\s()A-Z]{1,2}\)|\(\)|[@\u00a9\u00ae]{1,2}")
"""A footnote mark standing alone, legible ("(2)") or garbled ("a)", "@)", "a1)"), or a small
mark's round blot ("@", "\u00ae": synthetic 002_medium and 006_medium drawn with another seed)."""


def _without_wrapped_mark(
    cells: Cells, fragments: list[list[str]], notes: dict[str, str] | None
) -> list[list[str]]:
    """The words below a Table II line without the one mark standing alone among them, where the
    line prints its date exercisable bare: a date's mark wraps below it in the narrow column
    (alk_2020-11-05, "11/05/2021" over "a)"), between the title's rest and the underlying's.
    Which cell it marks is the filing's words to say (``assembly.meaning``); a legible mark whose
    explanation says nothing of vesting (``notes``, where the line is read by pattern) may be
    another cell's, and two such marks, or one under a line whose dates print theirs, leave the
    words as they are."""
    exercisable = cells.get("exerciseDate")
    at = _lone_mark(fragments)
    if exercisable is None or not _BARE_DATE.fullmatch(exercisable) or at is None:
        return fragments
    i, j = at
    mark = fragments[i][j]
    if notes is not None and MARK_ONLY.fullmatch(mark) and not VESTING.search(notes.get(mark, "")):
        return fragments
    return [words if at != i else words[:j] + words[j + 1 :] for at, words in enumerate(fragments)]


_DIRT = re.compile(r"[{}\[\]:;|,.'\"\u2018\u2019`~_=<>]+|[b-km-z]")
"""A speck in the lines below a line that is no mark's remnant nor a holder's "&" or "-": a
bracket, a colon, a quote OCR read in the margin or between the columns ("Shares {", ":"), or
a lone small letter it made of a column's rule or a blot there (": Growth i" under "By The
Founders Fund", afrm_2021-11-01 printed medium; "buy) y", mchx_2020-02-11 printed medium;
"Common Stock i Common", lnkd_2013-01-02 printed medium); never an "a", a word of its own, nor
an "l", which may be a Roman I."""


def _dirt(word: str) -> bool:
    return bool(_DIRT.fullmatch(word))


def _lone_mark(fragments: Sequence[Sequence[str]]) -> tuple[int, int] | None:
    """Where the one mark standing alone among the words below a line is (line, word); None
    where there is none, or more than one."""
    alone = [
        (i, j)
        for i, words in enumerate(fragments)
        for j, word in enumerate(words)
        if _WRAPPED_MARK.fullmatch(word)
    ]
    return alone[0] if len(alone) == 1 else None


def mark_below(line: str) -> str | None:
    """The one mark standing alone on the lines printed below a table line, as printed; None
    where there is none, or more than one."""
    fragments = [[token.text for token in line_tokens(below)] for below in line.split("\n")[1:]]
    at = _lone_mark(fragments)
    return None if at is None else fragments[at[0]][at[1]]


@cache
def _prefix_shape(shape: re.Pattern[str]) -> regex.Pattern[str]:
    """``shape`` as the ``regex`` module compiles it, which can tell a text that may still grow
    into the shape (``partial=True``) from one no words added after it can mend."""
    return regex.compile(shape.pattern, shape.flags & ~re.UNICODE)


def _may_grow(table: Table, cells: Cells, columns: Sequence[str], shapes: Shapes) -> bool:
    return all(
        _prefix_shape(shapes[key][table]).fullmatch(cells[key], partial=True) for key in columns
    )


def _completions(
    table: Table,
    cells: Cells,
    lines: Sequence[str],
    shapes: Shapes = _TEXT_SHAPES,
    notes: dict[str, str] | None = None,
) -> list[Cells]:
    """The text columns completed from the lines below, in every way that fits their shapes.

    A wrapped line prints the rest of each text column in column order, so each continuation
    line is cut into runs, one per text column; a cut is kept when it gives every column its
    shape. A mark or a number standing alone below a line could belong to any column above it,
    so it gives no completion at all; marks glued to a line's last word ("LLC(11)") end the
    column that word completes, and the shapes say which. The cuts are tried a line at a time,
    and a cut after which some column can no longer grow into its shape is dropped there, so a
    nature wrapped over five lines beside a title and an underlying title (mdb_2019-04-01: some
    7,000 ways to cut, nearly all ending a title in a holder's words) costs a few hundred.
    """
    columns = [key for key in shapes if key in cells]
    fragments = _without_wrapped_mark(
        cells,
        [[word for token in line_tokens(line) if not _dirt(word := token.text)] for line in lines],
        notes,
    )
    if not all(map(_continues, fragments)):
        return []
    growing: list[Cells] = [dict(cells)]
    for words in fragments:
        seen: set[frozenset[tuple[str, str]]] = set()
        grown: list[Cells] = []
        for joined in growing:
            for runs in _splits(words, len(columns)):
                cut = dict(joined)
                for key, run in zip(columns, runs, strict=True):
                    if run:
                        cut[key] = f"{cut[key]} {' '.join(run)}"
                key_of = frozenset(cut.items())
                if key_of not in seen and _may_grow(table, cut, columns, shapes):
                    seen.add(key_of)
                    grown.append(cut)
        if len(grown) > _MAX_CUTS:
            return []
        growing = grown
    return [joined for joined in growing if _shaped(table, joined, shapes)]


def _head_on(value: str, printed: Sequence[str]) -> str:
    """The start of ``value`` that ``printed`` (a line's words) holds as a run, marks aside."""
    words = value.split()
    plain = [unmarked(word) or "" for word in words]
    folded = [(unmarked(word) or "").casefold() for word in printed]
    for size in range(len(words), 0, -1):
        run = [word.casefold() for word in plain[:size]]
        if any(folded[i : i + size] == run for i in range(len(folded) - size + 1)):
            return " ".join(words[:size])
    return ""


_GLUED_WORDS = re.compile(r"(?<=[A-Za-z])(?=\([A-Za-z]{2})|(?<=\))(?=[A-Za-z]{2})")
"""Where a small model runs the wrapped words it puts in a column together ("See(Obligation to
Stock footnote(1)(3)Buy)" for "See" over "(Obligation to ... footnote(1)(3)" and "Buy)",
mchx_2020-02-11 printed clean): before a bracket that opens a word, after one that closes a
mark."""


def completed_answer(table: Table, cells: Cells, line: str) -> Cells:
    """A model's text columns completed from the lines printed under its line.

    A narrow cell wraps "Class B Common Stock" as "Class B" on the line and "Common Stock" below,
    and a small model answers the head alone. Each text column of the answer is cut back to the
    words the line itself prints, then completed as the patterns complete their own readings:
    only when exactly one cut of the lines below gives every column its shape and keeps every
    word the model gave, since a completion adds what wrapped and never takes a reading away;
    else the answer stands. A word may move to another column: a small model reading the lines
    below in printed order gives one column the wrapped rest of all ("Sequoia Preferred Stock
    Stock Capital XII" for the holder, whose rest is "Capital XII"), even run together
    (:data:`_GLUED_WORDS`).
    """
    first, *printed_below = line.split("\n")
    if not printed_below:
        return cells
    cells = without_garbled_mark(
        {
            key: _GLUED_WORDS.sub(" ", value) if key in _ANSWER_SHAPES else value
            for key, value in cells.items()
        }
    )
    below = [_ungarbled(wrapped) for wrapped in printed_below]
    printed = [token.text for token in line_tokens(first)]
    heads = {key: _head_on(cells[key], printed) for key in _ANSWER_SHAPES if key in cells}
    if not all(heads.values()):
        return cells
    options = _completions(table, {**cells, **heads}, below, _ANSWER_SHAPES)
    if len(options) != 1:
        return cells
    answered = set().union(*(_words_of(cells[key]) for key in heads))
    completed = set().union(*(_words_of(options[0][key]) for key in heads))
    return cells if answered - completed else options[0]


ENTITY_END = r"(?:LLC|L\.?\s?P\.?|Inc\.?|Ltd\.?|Trust|Fund|Partners|Foundation)"
"""The words a holder's name ends with: a company, a partnership, a trust, a fund."""
_INDIRECT_NATURE = re.compile(
    r"^\W*(?i:By\b|See\s+Footnotes?\b)" rf"|^\W*[A-Z].*\b{ENTITY_END}(?![a-z])"
)
"""A nature of indirect ownership: "By ..." or "See Footnote", or a holder named alone, as
filers write it ("Sequoia Capital XII, L.P."; u_2022-02-11)."""


def indirect_by_nature(cells: Cells) -> Cells:
    """A model's "D" on a line that prints a nature of indirect ownership ("By Trust", "See
    Footnote", a fund's name), taken as the "I" it is: only an indirect holding has a nature,
    and OCR often reads the ownership cell's I as "|" or drops it, which leaves a small model
    guessing D."""
    held = cells.get("directOrIndirectOwnership")
    nature = cells.get("natureOfOwnership")
    if held is None or nature is None or unmarked(held) != "D":
        return cells
    if not _INDIRECT_NATURE.match(nature):
        return cells
    return {**cells, "directOrIndirectOwnership": held.replace("D", "I", 1)}


_TITLE_WORDS = frozenset(
    {"common", "stock", "units", "unit", "class", "preferred", "series", "restricted", "option",
     "options", "shares", "share", "ordinary", "par", "value", "per", "table"}
)  # fmt: skip
"""The words of the title columns that wrap below a line into the nature's column, and the
table's own label."""
_NOT_APPLICABLE = re.compile(r"\W*(?:N/?A|None)\W*", re.IGNORECASE)


def without_wrapped_titles(cells: Cells) -> Cells:
    """A model's nature of ownership left out where it is only the title columns' wrapped rest
    ("Common Stock Common Stock", "par value $0.001 per share"), specks and garbled marks
    ("13)", "Do.", "O\u00b0 o ;") or "N/A": a nature names who holds the shares, and a small
    model takes whatever stands in that column for one, on a direct line and on a line whose
    ownership cell it misread as I alike (bll_2020-09-15, yelp_2012-03-07, synthetic 027_heavy,
    030_medium). What begins "By" or "See" is a nature however short."""
    nature = cells.get("natureOfOwnership")
    if nature is None or _INDIRECT_NATURE.match(nature):
        return cells
    words = re.findall(r"[A-Za-z]{3,}", MARK_ONLY.sub(" ", nature))
    if not _NOT_APPLICABLE.fullmatch(nature) and any(
        word.casefold() not in _TITLE_WORDS for word in words
    ):
        return cells
    return {key: cell for key, cell in cells.items() if key != "natureOfOwnership"}


def with_printed_by(cells: Cells, line: str) -> Cells:
    """A model's nature of ownership with the "By" the line prints before it ("By Sequoia
    Capital", "By estate planning"), which a small model leaves out as a word of the form's."""
    nature = cells.get("natureOfOwnership")
    words = (nature or "").split()
    if not words or words[0].casefold() == "by":
        return cells
    if not re.search(rf"\bBy\s+{re.escape(words[0])}", line.partition("\n")[0]):
        return cells
    return {**cells, "natureOfOwnership": f"By {nature}"}


def with_printed_exercise_date(cells: Cells, line: str) -> Cells:
    """A model's Table II transaction with the date exercisable its line prints between the
    amount and the expiration date, where the answer left it out or gave its mark alone: a
    small model drops it when it repeats the transaction date ("07/14/2017 A 2,080 07/14/2017
    07/13/2027")."""
    shares, expiration = (unmarked(cells.get(key)) for key in _DATED_SPAN)
    if unmarked(cells.get("exerciseDate")) or not shares or not expiration:
        return cells
    tokens = [token.text for token in line_tokens(normalise_line(line.partition("\n")[0]))]
    plain = [unmarked(token) for token in tokens]
    if shares not in plain or expiration not in plain[plain.index(shares) :]:
        return cells
    start = plain.index(shares) + 1
    between = tokens[start : plain.index(expiration, start)]
    dates = [token for token in between if _DATE_TOKEN.fullmatch(token)]
    if len(dates) != 1:
        return cells
    marks = "".join(MARK_ONLY.findall(cells.get("exerciseDate", "")))
    return {**cells, "exerciseDate": f"{dates[0]}{marks}"}


def with_printed_dates(cells: Cells, line: str) -> Cells:
    """A model's Table II line with its date exercisable and expiration date as the line prints
    them, where it prints exactly two full dates after its transaction date (a holding: two in
    all), in order, and the answer gave only these, fewer or swapped: a small model puts a
    holding's first date in the expiration date and leaves the date exercisable out ("Put
    Option $3.5 12/16/2019 09/18/2020", mchx_2020-02-11 printed clean), or leaves out one of
    two equal dates ("06/08/2026 06/08/2026", mvis_2026-06-08 printed medium). A date
    exercisable after the expiration date is no such pair. The answer's marks stay."""
    given = {key: unmarked(cells.get(key)) for key in ("exerciseDate", "expirationDate")}
    tokens = [token.text for token in line_tokens(normalise_line(line.partition("\n")[0]))]
    dates = [unmarked(token) for token in tokens if _DATE_TOKEN.fullmatch(token)]
    if "transactionDate" in cells:
        if not dates or dates[0] != unmarked(cells["transactionDate"]):
            return cells
        dates = dates[1:]
    answered = [day for day in given.values() if day]
    if len(dates) != 2 or not answered or not set(answered) <= set(dates):
        return cells
    if list(given.values()) == dates or _day(dates[0]) > _day(dates[1]):
        return cells
    return {
        **cells,
        **{
            key: day + "".join(MARK_ONLY.findall(cells.get(key) or ""))
            for key, day in zip(given, dates, strict=True)
        },
    }


def _day(printed: str) -> tuple[int, int, int]:
    month, day, year = (int(part) for part in printed.split("/"))
    return year, month, day


def with_printed_code(cells: Cells, line: str) -> Cells:
    """A model's code letter where the code column, the first word after the line's dates,
    prints another in a form OCR gives a code ("ci)", "c", "mit)" for M(1), "$2)" for S(2)):
    a small model answers a letter of the (A)/(D) column or a garble's ("A", "D", "O", "E") for
    a code it cannot read. The answer's marks stay."""
    code = cells.get("transactionCode")
    if code is None:
        return cells
    letter = code_column_letter(line)
    if letter is None or letter == unmarked(code):
        return cells
    return {**cells, "transactionCode": letter + "".join(MARK_ONLY.findall(code))}


def code_column_letter(line: str) -> str | None:
    """The code letter a line's code column, the first word after its dates, prints in one of
    the forms OCR gives a code; None where it prints none legibly. Specks before it are passed
    over, but for an S printed as a dollar sign beside its mark's speck ("$@)", fb_2017-07-28
    printed medium), which has no letter either."""
    words = [token.text for token in line_tokens(line.partition("\n")[0])]
    dated = [index for index, word in enumerate(words) if is_date(word)]
    if not dated:
        return None
    after = dated[0] + 1
    while after < len(words) and (
        is_date(words[after]) or (is_speck(words[after]) and printed_code(words[after]) is None)
    ):
        after += 1
    letter = printed_code(words[after]) if after < len(words) else None
    return letter if letter in TransactionCode.__members__ else None


def with_printed_ownership(cells: Cells, line: str) -> Cells:
    """A model's "I" with no nature of ownership taken as the "D" the ownership cell prints,
    right after the amount owned, in a form OCR gives a D ("12)", "1]", "Dd"): a small model
    reads a D broken to "1..." as the "1" OCR makes of an I, but only an indirect holding has a
    nature (synthetic 010_medium, 042_medium, 058_medium)."""
    held, owned = cells.get(_OWNERSHIP.key), unmarked(cells.get(_OWNED.key))
    if held is None or unmarked(held) != "I" or cells.get(_NATURE.key) or not owned:
        return cells
    tokens = line_tokens(line.partition("\n")[0])
    at = [i for i, token in enumerate(tokens) if unmarked(token.text) == owned]
    if len(at) != 1 or not [
        cell for cell, _ in PRINTED_OWNERSHIP(tokens, at[0] + 1) if unmarked(cell) == "D"
    ]:
        return cells
    return {**cells, _OWNERSHIP.key: held.replace("I", "D", 1)}


_DATED_SPAN = ("transactionShares", "expirationDate")
_DATE_TOKEN = re.compile(r"\d{2}/\d{2}/\d{4}(?:\(\d{1,2}\))*")
_LETTER_MARK = r"\((?!t\))[A-Za-z]\)"
"""A mark whose number OCR read as a letter ("(s)", "(S)" for (5)); a "(t)" is a (1), which
``cells.T_MARK`` reads."""
_DIGITS_GARBLED = r"\s?(?!\((?:19|20)\d\d\)$)(?=\S*\d)\S{1,7}\)"
"""A mark whose digits survive among OCR's letters and signs, glued to a holder's name or one
space after it: "LLCI2K3)", "LLCRx3)", "L.P.4213)", "L.P.(243)", "L.P. @2)3)" for (2)(3)
(u_2020-09-22 and u_2022-02-11 printed medium), "LP(*1)" (afrm_2021-11-01 printed medium);
never a year in brackets ("Trust (2010)"), nor marks that ``cells.normalise_line`` reads
whole ("LP.(213)", "L.P.(2(3)": :func:`_ungarbled`)."""
_GARBLED_MARK_TAIL = re.compile(
    rf"(.*\b{ENTITY_END}{_MARK_TAIL})(?:(?:\s?\d{{1,2}}\)|[^\w\s(.]*\w{{0,2}}\))+|[^\w\s(.]+|\(\W?\)"
    rf"|{_LETTER_MARK}|{_DIGITS_GARBLED})|(.*\b(?i:See\s+footnotes?))(?:\(\W?\)|{_LETTER_MARK}|[^\w\s(]+)"
)
"""What a garbled footnote mark leaves after a holder's name ends, or after the marks printed
whole there: "LLC@K3)", "L.P.23)", "LP\u00ae)", "LLCO)", "L.P. 3)", "LLC()", "L.P.(2)8)" for
(2)(3) (u_2020-09-22), two garbled so: "L.P.2)G)" (u_2020-09-22 printed clean); or after "See
footnote": "footnote!)", "footnote()", "footnote(*)",
"footnote\u2019"; and after either, a letter for the number: "footnote(s)" (lnkd_2011-05-24
printed clean and light; no filer's nature reads "See footnote(s)"), "LP(S)" (afrm_2023-04-03
printed light). A mark printed whole ("LP(2)") is the marks' business."""


_WHOLE_MARKS = re.compile(r"[.,]?(?:\(\d{1,2}\))+")
"""Marks printed whole after a name, its full stop or comma before them ("L.P.(2)(3)")."""


def _ungarbled(text: str) -> str:
    """Text without the garbled mark it ends with after a holder's name or "See footnote"; a
    tail that OCR's usual damage to whole marks explains is no garbled mark."""
    garbled = _GARBLED_MARK_TAIL.fullmatch(text)
    if garbled is None:
        return text
    kept = garbled[1] or garbled[2]
    return text if _WHOLE_MARKS.fullmatch(normalise_line(text[len(kept) :].strip())) else kept


def holder_mark_garbled(block: str) -> bool:
    """Whether a line's nature ends in a mark OCR garbled, on its last printed line (where the
    nature wraps furthest) or its first, as a pattern reading finds it (``_ungarbled_end``),
    said of a line the model read ("IV, LP()" under "By The Founders Fund",
    fb_2017-07-28 printed clean), so that the filing's words may settle the mark."""
    printed = [text.strip() for text in block.split("\n") if text.strip()]
    return bool(printed) and any(_ungarbled_end(text) != text for text in {printed[0], printed[-1]})


def _ungarbled_end(text: str) -> str:
    """A block's first or last line without the garbled mark after the holder's name or the
    "See footnote" it ends with (where a nature ends that does not wrap, or wraps furthest); a
    comma after a name ("Fund,") is no mark but the name going on."""
    ungarbled = _ungarbled(text)
    return text if text[len(ungarbled) :].strip() in ("", ",") else ungarbled


def without_garbled_mark(cells: Cells) -> Cells:
    """A model's nature of ownership without the garbled mark it copied after the holder's
    name: an entity's name ends at its LLC, L.P., Inc., Trust or Fund."""
    nature = cells.get("natureOfOwnership")
    if nature is None:
        return cells
    return {**cells, "natureOfOwnership": _ungarbled(nature)}


_ROMAN_LOOKALIKE = re.compile(
    r"(?<!\S)([A-Z]\S*\s)((?=[IVXl1i!]*[l1i!])(?:[IVXl1i!]*[IVX][IVXl1i!]*|ll|il|li))"
    r"(?=[,.]?(?:\s|$))"
)
"""A fund's Roman numeral after a capitalised word of its name, with an I that OCR read as l, 1
or i ("Sequoia Capital Xil", "X1I", "Growth Fund Ill", "Sequoia Grove Il", "Fund: ll", "Fund il
Entrepreneurs": fb_2018-05-15 printed medium) or as "!" ("Capital XI!", u_2020-09-22 printed
light)."""


_LP_STOP_LOST = re.compile(r"\bLP\.(?=(?:\(\d{1,2}\))*$)")
"""An L.P. ending a holder's name whose first full stop OCR lost: no filer's nature ends "LP.",
and of the seven so read in the dev half and its clean and light prints, all seven were an L.P.
(ntra_2019-08-09, mdb_2019-04-01, u_2022-02-11)."""


def _numeral_as_printed(found: re.Match[str]) -> str:
    """A Roman numeral with its I put back; a "!" only where a word of the name follows it,
    since after the name's last word it may be what OCR left of a mark."""
    if "!" in found[2] and not re.match(r"\s+\w", found.string[found.end() :]):
        return found.group()
    return found[1] + re.sub("[l1i!]", "I", found[2])


def with_holder_as_printed(cells: Cells) -> Cells:
    """A holder's name with what OCR misread of it put back: the I of its Roman numerals read
    as l, 1 or i ("Sequoia Capital Xil, L.P." is Sequoia Capital XII), and an L.P.'s lost full
    stop ("LP.")."""
    nature = cells.get("natureOfOwnership")
    if nature is None:
        return cells
    numerals = _ROMAN_LOOKALIKE.sub(_numeral_as_printed, nature)
    mended = _LP_STOP_LOST.sub("L.P.", numerals)
    return cells if mended == nature else {**cells, "natureOfOwnership": mended}


_SEE = re.compile(r"(?<![A-Za-z])See(?:(?![a-z])|(?=fo))")
_WORD_BEFORE = re.compile(r"[A-Za-z]{4,}")
"""A word before "See" that makes it part of a longer nature, not specks of other columns."""
_FOOTNOTE_WORD = re.compile(r"fo[oa]?t?n[oa]t?es?", re.IGNORECASE)
""""footnote" and "footnotes" as OCR prints them in a narrow cell ("footnote!", "Footnote()",
"footnatesi2", "fotnote"), the letters up to the mark."""


def with_see_footnote(cells: Cells, line: str) -> Cells:
    """A model's "See footnote" nature whole: the phrase wraps in the last, narrowest column, and
    a small model answers the words of the other columns' wraps between its two words ("See
    Common Stock Common footnote! Stock"), specks before it, or "See" alone. Where the answer's
    first word is "See" and it, or else its line, prints the word footnote after it, the nature
    is that phrase, with the marks printed whole after it."""
    nature = cells.get("natureOfOwnership")
    if (
        nature is None
        or not (see := _SEE.search(nature))
        or _WORD_BEFORE.search(nature[: see.start()])
    ):
        return cells
    after = nature[see.end() :]
    word = _FOOTNOTE_WORD.search(after)
    marks = MARK_ONLY.match(after[word.end() :].lstrip()) if word else None
    if word is None and not after.strip(" .:"):
        printed = _SEE.search(line)
        word = _FOOTNOTE_WORD.search(line[printed.end() :]) if printed else None
    if word is None:
        return cells
    phrase = "See footnotes" if word[0].casefold().endswith("s") else "See footnote"
    return {**cells, "natureOfOwnership": phrase + (marks[0] if marks else "")}


def without_title_wraps(cells: Cells, line: str) -> Cells:
    """A model's holder's name without the title columns' wrapped words it ran into it: each
    line below a table line prints the titles' rest before the holder's ("Preferred Stock Stock
    Capital XII" under "Series A ... Common ... Sequoia", u_2020-09-22 printed clean), and a small
    model gives the holder all of them ("Sequoia Preferred Stock Stock Capital XII"). As many of
    each title word as the lines below begin with are taken out, where they stand between the
    holder's own words, and no more than the titles' words the line itself does not print
    (a holder "By Employee" over "Stock Purchase Plan" beside a title printed whole keeps its
    Stock)."""
    nature = cells.get("natureOfOwnership")
    first, *below = line.split("\n")
    if nature is None or not below:
        return cells
    leading: Counter[str] = Counter()
    for wrapped in below:
        words = [_letters_of(word) for word in wrapped.split() if not is_speck(word)]
        for word in words:
            if word not in _TITLE_WORDS:
                break
            leading[word] += 1
    titles = Counter(
        _letters_of(word)
        for key in ("securityTitle", "underlyingSecurityTitle")
        for word in (cells.get(key) or "").split()
    )
    leading &= titles - Counter(_letters_of(word) for word in first.split())
    words = nature.split()
    kept: list[str] = []
    for at, word in enumerate(words):
        letters = _letters_of(word)
        inside = at > 0 and any(_letters_of(later) not in _TITLE_WORDS for later in words[at + 1 :])
        if inside and leading[letters] > 0:
            leading[letters] -= 1
            continue
        kept.append(word)
    return cells if len(kept) == len(words) else {**cells, "natureOfOwnership": " ".join(kept)}


def _letters_of(word: str) -> str:
    return re.sub(r"[^a-z]", "", MARK_ONLY.sub("", word).casefold())


def nature_as_printed(cells: Cells, line: str) -> Cells:
    """A model's nature of ownership and ownership cell as the line prints them: no garbled mark
    after the holder's name, no title words run into it, "See footnote" whole, its Roman
    numerals and L.P. whole, the "By" before it, none made of the titles' wrap on a direct line,
    and indirect where a nature of indirect ownership is printed."""
    named = with_holder_as_printed(
        with_see_footnote(without_title_wraps(without_garbled_mark(cells), line), line)
    )
    return indirect_by_nature(without_wrapped_titles(with_printed_by(named, line)))


def _words_of(text: str) -> set[str]:
    """The words of a text column, case, punctuation and marks aside."""
    return set(re.findall(r"[a-z0-9]+", MARK_ONLY.sub(" ", text).casefold()))


# --- Agreement between cells -----------------------------------------------------------------

_PRICED_CODES = frozenset({"P", "S", "M", "X"})
_PRICED_TITLE = re.compile(r"Option|Warrant", re.IGNORECASE)
_PRICED: dict[Table, str] = {"I": "transactionPricePerShare", "II": "conversionOrExercisePrice"}
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s*\.\s+(.*?)(?=^\s*\d{1,2}\s*\.\s|\Z)", re.M | re.S)


def _explanations(text: str) -> dict[str, str]:
    """Explanation texts by mark, e.g. {"(1)": "Shares withheld ..."}."""
    return {f"({int(number)})": body for number, body in _FOOTNOTE.findall(text)}


def _agrees(table: Table, cells: Cells, notes: dict[str, str]) -> bool:
    """Cells that contradict each other betray a misread letter or a cell OCR lost."""
    nature = cells.get("natureOfOwnership")
    if unmarked(cells["directOrIndirectOwnership"]) == "D" and nature is not None:
        return False
    if _needs_price(cells) and not cells.get(_PRICED[table]):
        return False
    if "transactionDate" not in cells:
        return True
    code = unmarked(cells.get("transactionCode"))
    direction = unmarked(cells.get("transactionAcquiredDisposedCode"))
    if code is None:
        return _withheld_for_tax(cells, notes) and direction in (None, "D")
    if table == "I" and code in DERIVATIVE_ONLY:
        return False
    expected = DIRECTION.get(TransactionCode(code), {}).get(table)
    if expected is None:
        return table == "I"
    return direction in (None, expected)


def _needs_price(cells: Cells) -> bool:
    """Purchases, sales and exercises always print a price, options and warrants an exercise
    price: an empty price cell on such a line is one OCR lost."""
    code = unmarked(cells.get("transactionCode"))
    return code in _PRICED_CODES or bool(_PRICED_TITLE.search(cells["securityTitle"]))


def _withheld_for_tax(cells: Cells, notes: dict[str, str]) -> bool:
    """An empty code is left to the repair that reads F from a tax-withholding explanation,
    so it is accepted only when that repair will fire."""
    cited = {f"({int(n)})" for cell in cells.values() for n in MARK_NUMBER.findall(cell)}
    return any(TAX_WITHHOLDING.search(notes.get(mark, "")) for mark in cited)


def _fits_schema(table: Table, kind: Kind, cells: Cells) -> bool:
    try:
        _MODELS[table, kind].model_validate(cells)
    except ValidationError:
        return False
    return True


# --- Reading ---------------------------------------------------------------------------------


def _guess_kind(table: Table, line: str) -> Kind:
    """For a line left to the model: a Table I holding has no date, and in a Table II holding
    the first date (exercisable) is followed by the expiration date or a mark, not by a code.
    A date is looked for as printed or garbled: a transaction taken for a holding is asked no
    date, code or amount, and loses them all. Specks between the dates are none of them
    ("08/08/2019: 03/20/2020", mchx_2020-02-11 printed medium)."""
    first = first_date(line)
    if first is None:
        return "holding"
    if table == "I":
        return "transaction"
    after = [word for word in line[first.end() :].split() if not is_speck(word)]
    if len(after) >= 3 and is_date(after[0]) and _CODED_AMOUNT.fullmatch(" ".join(after[1:3])):
        return "transaction"  # its date, the deemed execution date, a code and an amount
    holding = not after or after[0].startswith("(") or is_date(after[0])
    return "holding" if holding else "transaction"


_CODED_AMOUNT = re.compile(r"(?i:([A-Z])\1?)(?:\([\w*]{0,2}\)|\S{0,2}\))?[,.;:]? \d[\d,.]*\S*")
"""A code letter (doubled, marked or garbled after it: "C", "Cc", "C(1)", "S65)") and the amount
that follows it: what a Table II transaction prints after its two dates when it has a deemed
execution date, where a holding prints its underlying title after its exercisable and
expiration dates."""


def printed_date(line: str) -> str | None:
    """The first date a table line prints, where it is printed whole: a transaction's own date,
    which comes before its code and amounts (in Table II after the exercise price); None where
    the first is garbled, since then which date it was is not known."""
    first = first_date(normalise_line(line.split("\n")[0]))
    if first is None:
        return None
    read = [cell for cell, _ in read_date(line_tokens(first.group()), 0)]
    return unmarked(read[0]) if read else None


def _readings(table: Table, block: Block, notes: dict[str, str]) -> list[tuple[Kind, Cells]]:
    """Every complete reading of a line and its continuations, over both kinds of line; a
    reading without the ownership cell needs a nature of ownership to stand for it."""
    tokens = line_tokens(block.lines[0])
    kinds: tuple[Kind, ...] = ("transaction", "holding")
    return [
        (kind, completed)
        for kind in kinds
        for cells in _all_parses(_GRAMMARS[table, kind], tokens)
        for completed in _completions(table, cells, block.lines[1:], notes=notes)
        if completed.get(_OWNERSHIP.key) != LOST or completed.get(_NATURE.key)
    ]


def _indirect(cells: Cells) -> tuple[Cells, frozenset[str]]:
    """A line that prints a nature of ownership but no ownership cell (OCR lost its "I", or
    took a "|" for a rule) is held indirectly: only an indirect holding has a nature."""
    if cells.get(_OWNERSHIP.key) != LOST:
        return cells, frozenset()
    return {**cells, _OWNERSHIP.key: "I"}, frozenset({_OWNERSHIP.key})


def _may_begin_title(line: str) -> bool:
    """Capitalised words alone on a line ("Non-Qualified", "Series A") may be the first line of
    a title centred on a tall cell, the rest of it printed on the table line below."""
    if is_header(line):
        return False
    words = [token.text for token in line_tokens(line)]
    return bool(words) and words[0][:1].isupper() and all(map(FRAGMENT.fullmatch, words))


def _title_may_begin_above(
    block: Block, readings: Sequence[RowReading], reading: RowReading
) -> bool:
    """A loose line of words above a table line, unless a line read above took it as its own
    continuation, may be the start of that line's title, where the two may still grow into a
    title: the rest of a holder's name or of a title the line above did not take ("Fund, L.P.",
    "IV, LP)", "Stock" over "Series B", "Class A Common Stock" or "Class B": u_2020-09-22,
    fb_2017-07-28, yelp_2013-03-08 printed clean, light and medium) begins none."""
    if not _may_begin_title(block.above):
        return False
    if block.above_in is not None and readings[block.above_in].cells is not None:
        return False
    if reading.cells is None:
        return True
    title = f"{block.above.strip()} {unmarked(reading.cells[_TITLE.key])}"
    shape = _prefix_shape(_ANSWER_SHAPES[_TITLE.key][reading.table])
    return bool(shape.fullmatch(title, partial=True))


def _mark_alone_placed(readings: list[tuple[Kind, Cells]]) -> list[tuple[Kind, Cells]]:
    """Of readings that differ only in where a mark standing alone goes ("A (1) 687,626": the
    A's mark, or the price's), the one that gives it to a column that prints a mark in place of
    its value, as ``marks.marks_as_printed`` places a model's marks: EDGAR prints the (A)/(D)
    column as a bare letter."""

    def values(cells: Cells) -> dict[str, str | None]:
        return {key: unmarked(cell) for key, cell in cells.items() if unmarked(cell)}

    kind, first = readings[0]
    if any(other != kind or values(cells) != values(first) for other, cells in readings):
        return readings

    def placed(cells: Cells) -> int:
        return sum(key in MARK_CAPABLE for key, cell in cells.items() if not unmarked(cell))

    most = max(map(placed, (cells for _, cells in readings)))
    return [(kind, cells) for kind, cells in readings if placed(cells) == most]


_TITLE_GARBLED_MARK = re.compile(r"^([^\d\n]*?[A-Za-z])\([^\w\s]?\)(?=\s)")
"""A title's mark garbled against its last word before the line's first number ("Common
Stock(\")", "Common Stock(*)": mvis_2026-06-08, lnkd_2011-05-24 printed clean and medium)."""


def _read(table: Table, block: Block, notes: dict[str, str]) -> RowReading:
    as_printed = block.lines
    line = "\n".join(as_printed)
    first, *below = as_printed
    titled = _TITLE_GARBLED_MARK.sub(r"\1", first)
    ungarbled = [_ungarbled_end(titled), *below[:-1], *map(_ungarbled_end, below[-1:])]
    block = replace(block, lines=ungarbled)
    readings = [] if block.overflows else _readings(table, block, notes)
    if len(readings) > 1:
        readings = _mark_alone_placed(readings)
    if len(readings) != 1:
        return RowReading(table, _guess_kind(table, line), line, None)
    kind, printed = readings[0]
    cells, inferred = _indirect(printed)
    if not _agrees(table, cells, notes) or not _fits_schema(table, kind, cells):
        return RowReading(table, kind, line, None)
    garbled = {key for key in _MARK_ALONE if cells.get(key) == LOST}
    if titled != first:
        garbled.add(_TITLE.key)
    if ungarbled != [titled, *below]:
        garbled.add(_NATURE.key)
    garbled |= _marks_garbled(cells, first)
    return RowReading(table, kind, line, cells, inferred, frozenset(garbled))


_AMOUNTS = ("transactionShares", "sharesOwnedFollowingTransaction", "underlyingSecurityShares")


def _marks_garbled(cells: Cells, first: str) -> set[str]:
    """The amounts read from a grouped amount whose mark OCR garbled to a bracket ("4,006\")"),
    and the price read from a zero price with its mark run in ("$016)": before the line's first
    date the conversion or exercise price, after it the transaction's): their mark is lost, for
    ``assembly.meaning`` to report."""
    tokens = line_tokens(first)
    lost = {found[1] for token in tokens if (found := GROUPED_BEFORE_BRACKET.fullmatch(token.text))}
    garbled = {key for key in _AMOUNTS if cells.get(key) in lost}
    dated = False
    for token in tokens:
        dated = dated or is_date(token.text)
        if ZERO_PRICE_MARK_RUN_IN.fullmatch(token.text):
            garbled.add("transactionPricePerShare" if dated else "conversionOrExercisePrice")
    return garbled


def _holder(cells: Cells) -> tuple[str | None, ...]:
    """Lines of one security held one way form a chain of running balances."""
    keys = ("securityTitle", "directOrIndirectOwnership", "natureOfOwnership")
    return tuple(unmarked(cells.get(key)) for key in keys)


def _amount(cell: str) -> Decimal:
    return Decimal(parse_amount(unmarked(cell)))


def _balances_hold(previous: Cells, cells: Cells) -> bool:
    """The balance after a transaction is the previous balance plus or minus its amount."""
    sign = 1 if unmarked(cells["transactionAcquiredDisposedCode"]) == "A" else -1
    expected = _amount(previous["sharesOwnedFollowingTransaction"]) + sign * _amount(
        cells["transactionShares"]
    )
    return expected == _amount(cells["sharesOwnedFollowingTransaction"])


def _traded(cells: Cells) -> date | None:
    day = unmarked(cells.get("transactionDate"))
    return datetime.strptime(day, "%m/%d/%Y").date() if day else None


def _checked_balances(readings: list[RowReading]) -> list[RowReading]:
    """Table I lines whose running balances disagree are both left to the model: a digit OCR
    confused (8 for 0) reads as a valid amount, and only the arithmetic shows it. A line not
    read breaks every chain, since it may belong to any; lines reported apart (see
    ``holdings.chain``) need not chain."""
    doubtful: set[int] = set()
    last: dict[tuple[str | None, ...], int] = {}
    for index, reading in enumerate(readings):
        if reading.table != "I":
            continue
        if reading.cells is None:
            last.clear()
            continue
        holder = _holder(reading.cells)
        before = last.get(holder)
        last[holder] = index
        if before is None or reading.kind != "transaction":
            continue
        previous = readings[before].cells
        if previous is None or reported_apart(_traded(previous), _traded(reading.cells)):
            continue
        if not _balances_hold(previous, reading.cells):
            doubtful |= {index, before}
    return [_unread(r) if i in doubtful else r for i, r in enumerate(readings)]


def _unread(reading: RowReading) -> RowReading:
    return RowReading(reading.table, reading.kind, reading.line, None)


def read_rows(sections: Sections) -> list[RowReading]:
    """Every line of both tables in printed order, read where the reading is certain."""
    notes = _explanations(sections.explanations)
    tables: tuple[tuple[Table, str], ...] = (("I", sections.table_i), ("II", sections.table_ii))
    readings: list[RowReading] = []
    for table, text in tables:
        table_readings: list[RowReading] = []
        for block in blocks(text):
            reading = _read(table, block, notes)
            if _title_may_begin_above(block, table_readings, reading):
                reading = _unread(reading)
            table_readings.append(reading)
        readings += table_readings
    return _checked_balances(readings) + _stray_lines(readings, sections)


_FULL_DATE = re.compile(r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4}")
_TRADED = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}(?:\(\d{1,2}\))*\s+[A-Z](?:\(\d{1,2}\))*\s+(?:V\s+)?\$?\d[\d,.]*\d"
)
"""A date, a code letter and an amount in a row: a transaction's cells, which no sentence of an
explanation prints, so a line that holds them is a table line however many words surround it."""


def _stray_lines(readings: list[RowReading], sections: Sections) -> list[RowReading]:
    """Every dated line of a table that no reading covers, left to the model.

    OCR can glue a table line to a heading, or a page's table can go on without its titles,
    where the blocks do not look for lines. Sent to the model from its title on, as the kind of
    line its dates say, it is read or reported, never lost.
    """
    covered = " ".join(reading.line for reading in readings)
    return [
        RowReading(table, _guess_kind(table, line), from_title(line.strip()), cells=None)
        for table, text in (("I", sections.table_i), ("II", sections.table_ii))
        for line in text.splitlines()
        if _FULL_DATE.search(line)
        and (not is_prose(line) or _TRADED.search(normalise_line(line)))
        and line.strip() not in covered
    ]
