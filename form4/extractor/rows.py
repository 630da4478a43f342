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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations_with_replacement, pairwise, product
from typing import Literal

from pydantic import ValidationError

from form4.extractor.sections import Sections
from form4.schema import (
    DerivativeHolding,
    DerivativeTransaction,
    Form4Model,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
    parse_amount,
)
from form4.validators.repairs import TAX_WITHHOLDING
from form4.validators.rules.codes import DERIVATIVE_ONLY, DIRECTION

Table = Literal["I", "II"]
Kind = Literal["transaction", "holding"]


@dataclass(frozen=True)
class RowReading:
    """One table line: its cells when read with confidence, else None for the model to read."""

    table: Table
    kind: Kind
    line: str
    cells: dict[str, str] | None


# --- Lines of a table -------------------------------------------------------------------------

_HEADER = re.compile(
    r"instr|\btitle\b|transaction\s?\(|exercisable|expiration|reported|beneficial|ownership"
    r"|\bowners?\b|relationships|director|officer|execution|deemed|acquired|disposed|month"
    r"|securities|derivative|\bamount\b|number of|price of|\bcode\b|explanation|reminder"
    r"|signature",
    re.IGNORECASE,
)
"""Words of the column headings and of the parts around the tables, never of a table line."""
_LOOSE_DATE = re.compile(r"\d\s?\d?\s?/\s?\d\s?\d?\s?/\s?\d{2,4}")
_SECURITY_WORD = re.compile(r"\b(Stock|Shares|Options?|Units?|Warrants?|Common|Ordinary|Class)\b")
_FIGURES = re.compile(r"(?<![(\d])\d[\d,./]*\d")
"""Two digits or more outside a mark: an amount or a date, which every table line prints."""
_LEAD = re.compile(r"^[^\w$(]+")
_TITLE_START = re.compile(r"(?:Class [A-C] )?(?:Common Stock|Ordinary Shares|Common Shares)\b")
_PROSE_WORD = re.compile(r"^[a-z]{3,}$")
_TITLE_PHRASE = frozenset({"par", "value", "per", "share", "right", "buy"})
_FOOTNOTE_START = re.compile(r"^\W*\d{1,2}\s*[.,]\s")
_MAX_PROSE_WORDS = 4
_MAX_CONTINUATION_LINES = 4
_MAX_CONTINUATION_TOKENS = 10


def _is_header(line: str) -> bool:
    return bool(_HEADER.search(line)) or bool(_FOOTNOTE_START.match(line))


def _is_prose(line: str) -> bool:
    """Explanations that OCR left inside a table read as sentences; table lines do not."""
    words = [w for w in line.split() if _PROSE_WORD.match(w) and w not in _TITLE_PHRASE]
    return len(words) > _MAX_PROSE_WORDS


def _is_row_start(line: str) -> bool:
    """A table line begins with a security title and carries figures: a date or an amount.

    A line that opens with a common-stock title is a line even when OCR lost its figures, so
    that the model still sees it.
    """
    text = _LEAD.sub("", line)
    if not text[:1].isalpha() or _is_header(text) or _is_prose(text):
        return False
    if _TITLE_START.match(text):
        return bool(re.search(r"\d", text))
    return bool(_FIGURES.search(text)) and bool(
        _LOOSE_DATE.search(text) or _SECURITY_WORD.search(text)
    )


def _is_continuation(line: str) -> bool:
    """Short word fragments under a line: the rest of a title that wrapped, or marks below it."""
    return (
        not _is_header(line)
        and not _LOOSE_DATE.search(line)
        and len(line.split()) <= _MAX_CONTINUATION_TOKENS
    )


@dataclass(frozen=True)
class _Block:
    lines: list[str]
    """The table line and the continuation lines printed under it."""
    above: str
    """The text line just above, where a title centred on a tall cell would begin."""
    above_in: int | None
    """The block whose continuation ``above`` is, if any."""


def _blocks(text: str) -> list[_Block]:
    """Each table line with the continuation lines under it (blank lines skipped)."""
    blocks: list[_Block] = []
    current: _Block | None = None
    above, above_in = "", None
    above_in: int | None
    for line in map(str.strip, text.splitlines()):
        if not line:
            continue
        if _is_row_start(line):
            current = _Block([line], above, above_in)
            blocks.append(current)
            above, above_in = line, None
        elif (
            current is not None
            and len(current.lines) <= _MAX_CONTINUATION_LINES
            and _is_continuation(line)
        ):
            current.lines.append(line)
            above, above_in = line, len(blocks) - 1
        else:
            current = None
            above, above_in = line, None
    return blocks


# --- Tokens ----------------------------------------------------------------------------------

_QUOTES = "'\"\u2018\u2019\u201c\u201d"
_STRAY = re.compile(rf"^[{_QUOTES}:;|~_\u2014\u2013\-.,*!^\u00b0\u00bb\u00ab\u2022]+$")
"""Column rules and specks OCR prints between cells; they carry no value."""
_SPLIT_DATE = re.compile(
    r"(?<![\w$.,/])(\d\s?\d)\s?/\s?(\d\s?\d)\s?/\s?(\d\s?\d\s?\d\s?\d)(?![\d,])"
)
_SPACED_MARK = re.compile(r"\(\s*(\d{1,2})\s*\)")
_DATE_ECHO = re.compile(r"(?<![\d/])(\d{2}/\d{2})\s+(\1/\d{4})(?![\d/])")
"""OCR's echo of a date's start where one column's text ends ("06/17 06/17/2014")."""
_PRICE_STRAY = re.compile(r"(\$\s?\d[\d.,]*)\s+\d{1,3}\s+(?=\d{1,3}(?:,\d{3})+(?![\d,]))")
"""A lone digit group between a price and a comma-grouped number ("$0 1 124,537"): the amount
owned follows the price directly, and a number printed with commas prints every group so. Of the
30 digit groups printed apart before a comma-grouped number in the labelled texts, none belonged
to it."""
_T_MARK = re.compile(r"\(t\)")
"""OCR's reading of a small "(1)"; no other mark prints a t."""
_TRAILING = f".,:;{_QUOTES}"


def normalise_line(line: str) -> str:
    """Undo the OCR damage that has a single reading: spaces inside a date or a mark, (t), a
    date's echoed start, a stray digit group after a price. The model gets the line so too: it
    copies what it sees."""
    line = _SPLIT_DATE.sub(lambda m: "/".join(re.sub(r"\s", "", g) for g in m.groups()), line)
    line = _DATE_ECHO.sub(r"\2", line)
    line = _PRICE_STRAY.sub(r"\1 ", line)
    return _T_MARK.sub("(1)", _SPACED_MARK.sub(r"(\1)", line))


@dataclass(frozen=True)
class _Token:
    text: str
    after_stray: bool
    """A stray stood just before: an empty optional cell here may be a lost one."""


def _tokens(line: str) -> list[_Token]:
    found: list[_Token] = []
    stray = False
    for raw in normalise_line(line).split():
        if _STRAY.match(raw):
            stray = True
            continue
        found.append(_Token(_trim(raw), stray))
        stray = False
    return found


def _trim(raw: str) -> str:
    """Quotes and dots stuck to a number or a date are specks, not part of the value."""
    core = raw.lstrip(_QUOTES).rstrip(_TRAILING)
    return core if re.fullmatch(r"\d[\d,./]*(\(\d{1,2}\))*", core) else raw


# --- Cells -----------------------------------------------------------------------------------

_MARKS = r"(?:\(\d{1,2}\))*"
_MARK_ONLY = re.compile(r"(?:\(\d{1,2}\))+")
_MARK_NUMBER = re.compile(r"\((\d{1,2})\)")
_DATE = re.compile(rf"(\d{{2}})/(\d{{2}})/(\d{{4}})({_MARKS})")
_NUMBER = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})*)(?:\.(\d+))?({_MARKS})")
"""Printed amounts group thousands: 3621 is more likely 362 and a mark that lost its brackets."""
_PRICE = re.compile(rf"\$(\d{{1,3}}(?:,\d{{3}})*)(?:\.(\d+))?({_MARKS})")
_ZERO_PRICE = re.compile(rf"(?:\$[oO0]|S[oO])({_MARKS})")
_THOUSANDS_DECIMALS = 3
"""Three digits after a point may be a misread thousands comma: 57.343 for 57,343."""
_PRICE_DECIMALS = (0, 1, 2, 4)
"""Prices print cents or four decimals; another count suggests a digit of a mark ran in."""
_MARKS_ONLY_TEXT = re.compile(_MARKS)
_T_FORM = re.compile(r"i?t\)")
"""A "(1)" after a code letter that lost its opening bracket: S(1) printed as "st)" or "Sit)"."""
_SAME_SHAPE_LOWER = frozenset("spmcxwzku")
"""Lower-case letters OCR prints for capitals of the same shape; no other letter reads so."""
_PLAIN_WORD = r"(?:\(?[A-Za-z][A-Za-z().,'&/-]*|401\(k\)|\$\d*\.\d+)"
_WORD = re.compile(rf"{_PLAIN_WORD}{_MARKS}")
_FRAGMENT = re.compile(_PLAIN_WORD)

Reader = Callable[[Sequence[_Token], int], Iterator[tuple[str, int]]]


def _with_marks(cell: str, tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    """A cell, and the cell with the marks printed after it a space apart: both are readings."""
    yield cell, i
    while i < len(tokens) and _MARK_ONLY.fullmatch(tokens[i].text):
        cell = cell + tokens[i].text
        i += 1
        yield cell, i


def _valid_date(match: re.Match[str]) -> bool:
    month, day, year = (int(group) for group in match.groups()[:3])
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1990 <= year <= 2100


def _read_date(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    if i < len(tokens) and (m := _DATE.fullmatch(tokens[i].text)) and _valid_date(m):
        yield from _with_marks(tokens[i].text, tokens, i + 1)


def _read_amount(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    if i >= len(tokens) or not (m := _NUMBER.fullmatch(tokens[i].text)):
        return
    if m[2] is None or len(m[2]) != _THOUSANDS_DECIMALS:
        yield from _with_marks(tokens[i].text, tokens, i + 1)


def _read_marks(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    if i < len(tokens) and _MARK_ONLY.fullmatch(tokens[i].text):
        yield from _with_marks(tokens[i].text, tokens, i + 1)


def _read_price(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    """A dollar amount or a mark alone; "$o" and "SO" are how OCR prints "$0"."""
    if i >= len(tokens):
        return
    text = tokens[i].text
    if m := _ZERO_PRICE.fullmatch(text):
        yield from _with_marks(f"$0{m[1]}", tokens, i + 1)
    elif (m := _PRICE.fullmatch(text)) and _plausible_price(m[1], m[2]):
        yield from _with_marks(text, tokens, i + 1)
    else:
        yield from _read_marks(tokens, i)


def _plausible_price(whole: str, decimals: str | None) -> bool:
    """A comma with no point may be a misread point ($25,926 for $25.926)."""
    if decimals is None:
        return "," not in whole
    return len(decimals) in _PRICE_DECIMALS


def _read_date_or_marks(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    yield from _read_date(tokens, i)
    yield from _read_marks(tokens, i)


def _read_code(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    """One code letter and its marks; "Ss" and "s" are OCR's ways of printing S."""
    if i >= len(tokens) or not tokens[i].text[:1].isalpha():
        return
    letter, rest = tokens[i].text[0], tokens[i].text[1:]
    if rest[:1].isalpha() and rest[0].upper() == letter.upper():
        rest = rest[1:]
    marks = "(1)" if _T_FORM.fullmatch(rest) else rest
    if letter.islower() and letter not in _SAME_SHAPE_LOWER:
        return
    if _MARKS_ONLY_TEXT.fullmatch(marks) and letter.upper() in TransactionCode.__members__:
        yield from _with_marks(letter.upper() + marks, tokens, i + 1)


def _read_letter(letters: str) -> Reader:
    pattern = re.compile(rf"[{letters}]{_MARKS}")

    def read(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
        if i < len(tokens) and pattern.fullmatch(tokens[i].text):
            yield from _with_marks(tokens[i].text, tokens, i + 1)

    return read


def _read_early(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    """The "V" column: a V printed means the line was reported early (E)."""
    if i < len(tokens) and tokens[i].text == "V":
        yield "E", i + 1


def _read_words(tokens: Sequence[_Token], i: int) -> Iterator[tuple[str, int]]:
    """Every run of words from here; the text columns' shapes later pick the right one."""
    j = i
    while j < len(tokens) and _WORD.fullmatch(tokens[j].text):
        j += 1
        yield " ".join(token.text for token in tokens[i:j]), j
    while j < len(tokens) and _MARK_ONLY.fullmatch(tokens[j].text):
        j += 1
        yield " ".join(token.text for token in tokens[i:j]), j


# --- Grammars --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    key: str
    read: Reader
    optional: bool = False
    strict: bool = False
    """Left empty only where no stray stands: a speck there may be the cell's lost value."""


_TITLE = _Slot("securityTitle", _read_words)
_NATURE = _Slot("natureOfOwnership", _read_words, optional=True)
_OWNED = _Slot("sharesOwnedFollowingTransaction", _read_amount)
_OWNERSHIP = _Slot("directOrIndirectOwnership", _read_letter("DI"))
_DATE_SLOT = _Slot("transactionDate", _read_date)
_DEEMED = _Slot("deemedExecutionDate", _read_date, optional=True)
_CODE_SLOT = _Slot("transactionCode", _read_code, optional=True, strict=True)
_EARLY = _Slot("transactionTimeliness", _read_early, optional=True)
_SHARES = _Slot("transactionShares", _read_amount)
_PRICE_SLOT = _Slot("transactionPricePerShare", _read_price, optional=True, strict=True)
_EXERCISE_PRICE = _Slot("conversionOrExercisePrice", _read_price, optional=True, strict=True)
_EXERCISE_AND_UNDERLYING = (
    _Slot("exerciseDate", _read_date_or_marks),
    _Slot("expirationDate", _read_date_or_marks),
    _Slot("underlyingSecurityTitle", _read_words),
    _Slot("underlyingSecurityShares", _read_amount),
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
        _Slot("transactionAcquiredDisposedCode", _read_letter("AD")),
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

_MODELS: dict[tuple[Table, Kind], type[Form4Model]] = {
    ("I", "transaction"): NonDerivativeTransaction,
    ("I", "holding"): NonDerivativeHolding,
    ("II", "transaction"): DerivativeTransaction,
    ("II", "holding"): DerivativeHolding,
}

Cells = dict[str, str]
_MAX_PARSES = 20


def _parses(slots: Sequence[_Slot], tokens: Sequence[_Token], i: int = 0) -> Iterator[Cells]:
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


def _all_parses(slots: Sequence[_Slot], tokens: Sequence[_Token]) -> list[Cells]:
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
    r"(?:Class [A-C] )?(?:Common Stock|Ordinary Shares|Common Shares|Common Units|Capital Stock"
    r"|(?:Series [A-Z] )?(?:Convertible )?Preferred Stock|American Depositary Shares)"
    rf"{_PAR_VALUE}?"
)
"""Titles of shares as issuers print them; OCR damage ("Ciass", "ClassA") falls outside."""
_DERIVATIVE = (
    r"(?:(?:Employee|Non-Qualified|Nonqualified|Incentive) )?Stock Options? \(right to buy\)"
    r"|(?:Restricted|Performance|Deferred) (?:Stock|Share) Units?|Warrants? \(right to buy\)"
    r"|Phantom Stock(?: Units?)?|Stock Appreciation Rights?"
)
"""Titles of derivatives; an option's "(right to buy)" is required, since OCR often loses it."""
_NATURE_WORDS = (
    r"Trust|Trusts|Spouse|Wife|Husband|IRA|Roth|401\(k\)|Plan|LLC|LP|L\.P\.|Fund|Funds"
    r"|Affiliated|Partnership|Family|Foundation|Children|GRAT|Profit|Sharing|ESOP"
)
_TEXT_SHAPES: dict[str, dict[Table, re.Pattern[str]]] = {
    "securityTitle": {
        "I": re.compile(rf"{_SECURITY}{_MARK_TAIL}", re.IGNORECASE),
        "II": re.compile(rf"(?:{_DERIVATIVE}){_MARK_TAIL}", re.IGNORECASE),
    },
    "underlyingSecurityTitle": {"II": re.compile(rf"{_SECURITY}{_MARK_TAIL}", re.IGNORECASE)},
    "natureOfOwnership": dict.fromkeys(
        ("I", "II"),
        re.compile(rf"(?:By(?: (?:{_NATURE_WORDS}))+|See Footnotes?){_MARK_TAIL}", re.IGNORECASE),
    ),
}
"""The text columns in printed order, the ones that wrap onto the lines below, and the shape
of each in each table."""
_MAX_SPLITS = 5000


def _shaped(table: Table, cells: Cells) -> bool:
    """Every text column has the shape of its kind of text: OCR damage breaks the shape."""
    return all(
        key not in cells or bool(shapes[table].fullmatch(cells[key]))
        for key, shapes in _TEXT_SHAPES.items()
    )


def _splits(words: Sequence[str], columns: int) -> Iterator[list[list[str]]]:
    """The ways to cut a line's words into consecutive runs, one per wrapped column."""
    for cuts in combinations_with_replacement(range(len(words) + 1), columns - 1):
        bounds = [0, *cuts, len(words)]
        yield [list(words[a:b]) for a, b in pairwise(bounds)]


def _count(options: Sequence[Sequence[object]]) -> int:
    total = 1
    for option in options:
        total *= len(option)
    return total


def _completions(table: Table, cells: Cells, lines: Sequence[str]) -> list[Cells]:
    """The text columns completed from the lines below, in every way that fits their shapes.

    A wrapped line prints the rest of each text column in column order, so each continuation
    line is cut into runs, one per text column; a cut is kept when it gives every column its
    shape. A mark or a number below a line could belong to any column above it, so it gives
    no completion at all.
    """
    columns = [key for key in _TEXT_SHAPES if key in cells]
    fragments = [[token.text for token in _tokens(line)] for line in lines]
    if not all(_FRAGMENT.fullmatch(word) for words in fragments for word in words):
        return []
    options = [list(_splits(words, len(columns))) for words in fragments]
    if _count(options) > _MAX_SPLITS:
        return []
    fitting: list[Cells] = []
    for choice in product(*options):
        joined = dict(cells)
        for runs in choice:
            for key, run in zip(columns, runs, strict=True):
                if run:
                    joined[key] = f"{joined[key]} {' '.join(run)}"
        if _shaped(table, joined) and joined not in fitting:
            fitting.append(joined)
    return fitting


# --- Agreement between cells -----------------------------------------------------------------

_PRICED_CODES = frozenset({"P", "S", "M", "X"})
_PRICED_TITLE = re.compile(r"Option|Warrant", re.IGNORECASE)
_PRICED: dict[Table, str] = {"I": "transactionPricePerShare", "II": "conversionOrExercisePrice"}
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s*\.\s+(.*?)(?=^\s*\d{1,2}\s*\.\s|\Z)", re.M | re.S)


def _explanations(text: str) -> dict[str, str]:
    """Explanation texts by mark, e.g. {"(1)": "Shares withheld ..."}."""
    return {f"({int(number)})": body for number, body in _FOOTNOTE.findall(text)}


def _value(cell: str | None) -> str | None:
    """The cell without its marks."""
    return _MARK_ONLY.sub("", cell).strip() if cell is not None else None


def _agrees(table: Table, cells: Cells, notes: dict[str, str]) -> bool:
    """Cells that contradict each other betray a misread letter or a cell OCR lost."""
    nature = cells.get("natureOfOwnership")
    if _value(cells["directOrIndirectOwnership"]) == "D" and nature is not None:
        return False
    if _needs_price(cells) and not cells.get(_PRICED[table]):
        return False
    if "transactionDate" not in cells:
        return True
    code = _value(cells.get("transactionCode"))
    direction = _value(cells.get("transactionAcquiredDisposedCode"))
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
    code = _value(cells.get("transactionCode"))
    return code in _PRICED_CODES or bool(_PRICED_TITLE.search(cells["securityTitle"]))


def _withheld_for_tax(cells: Cells, notes: dict[str, str]) -> bool:
    """An empty code is left to the repair that reads F from a tax-withholding explanation,
    so it is accepted only when that repair will fire."""
    cited = {f"({int(n)})" for cell in cells.values() for n in _MARK_NUMBER.findall(cell)}
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
    the first date (exercisable) is followed by the expiration date or a mark, not by a code."""
    first = _LOOSE_DATE.search(line)
    if first is None:
        return "holding"
    if table == "I":
        return "transaction"
    after = line[first.end() :].split()
    holding = not after or after[0].startswith("(") or bool(_LOOSE_DATE.match(after[0]))
    return "holding" if holding else "transaction"


def _readings(table: Table, block: _Block) -> list[tuple[Kind, Cells]]:
    """Every complete reading of a line and its continuations, over both kinds of line."""
    tokens = _tokens(block.lines[0])
    kinds: tuple[Kind, ...] = ("transaction", "holding")
    return [
        (kind, completed)
        for kind in kinds
        for cells in _all_parses(_GRAMMARS[table, kind], tokens)
        for completed in _completions(table, cells, block.lines[1:])
    ]


def _may_begin_title(line: str) -> bool:
    """Capitalised words alone on a line ("Non-Qualified", "Series A") may be the first line of
    a title centred on a tall cell, the rest of it printed on the table line below."""
    if _is_header(line):
        return False
    words = [token.text for token in _tokens(line)]
    return bool(words) and words[0][:1].isupper() and all(map(_FRAGMENT.fullmatch, words))


def _title_may_begin_above(block: _Block, readings: Sequence[RowReading]) -> bool:
    """A loose line of words above a table line, unless a line read above took it as its own
    continuation, may be the start of that line's title."""
    if not _may_begin_title(block.above):
        return False
    return block.above_in is None or readings[block.above_in].cells is None


def _read(table: Table, block: _Block, notes: dict[str, str]) -> RowReading:
    line = "\n".join(block.lines)
    readings = _readings(table, block)
    if len(readings) != 1:
        return RowReading(table, _guess_kind(table, line), line, None)
    kind, cells = readings[0]
    if not _agrees(table, cells, notes) or not _fits_schema(table, kind, cells):
        return RowReading(table, kind, line, None)
    return RowReading(table, kind, line, cells)


def _holder(cells: Cells) -> tuple[str | None, ...]:
    """Lines of one security held one way form a chain of running balances."""
    keys = ("securityTitle", "directOrIndirectOwnership", "natureOfOwnership")
    return tuple(_value(cells.get(key)) for key in keys)


def _amount(cell: str) -> Decimal:
    return Decimal(parse_amount(_value(cell)))


def _balances_hold(previous: Cells, cells: Cells) -> bool:
    """The balance after a transaction is the previous balance plus or minus its amount."""
    sign = 1 if _value(cells["transactionAcquiredDisposedCode"]) == "A" else -1
    expected = _amount(previous["sharesOwnedFollowingTransaction"]) + sign * _amount(
        cells["transactionShares"]
    )
    return expected == _amount(cells["sharesOwnedFollowingTransaction"])


def _checked_balances(readings: list[RowReading]) -> list[RowReading]:
    """Table I lines whose running balances disagree are both left to the model: a digit OCR
    confused (8 for 0) reads as a valid amount, and only the arithmetic shows it. A line not
    read breaks every chain, since it may belong to any."""
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
        if previous is not None and not _balances_hold(previous, reading.cells):
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
        for block in _blocks(text):
            reading = _read(table, block, notes)
            if _title_may_begin_above(block, table_readings):
                reading = _unread(reading)
            table_readings.append(reading)
        readings += table_readings
    return _checked_balances(readings) + _stray_lines(readings, sections)


_FULL_DATE = re.compile(r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4}")


def _stray_lines(readings: list[RowReading], sections: Sections) -> list[RowReading]:
    """Every dated line of a table that no reading covers, left to the model.

    A dated line in a table is a transaction; OCR can glue one to a heading, where the blocks do
    not look for lines. Sent to the model as it is, it is read or reported, never lost.
    """
    covered = " ".join(reading.line for reading in readings)
    return [
        RowReading(table=table, kind="transaction", line=line.strip(), cells=None)
        for table, text in (("I", sections.table_i), ("II", sections.table_ii))
        for line in text.splitlines()
        if _FULL_DATE.search(line) and not _is_prose(line) and line.strip() not in covered
    ]
