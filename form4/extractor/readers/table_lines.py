"""Where the lines of Table I and Table II are in the OCR text of a table: each table line with
the continuation lines printed under it.

OCR keeps the printed order of a table but leaves among its lines the column headings, the
explanations it could not place and the rest of a title that wrapped onto the lines below. The
cells of a line can only be read with confidence from all of that line and nothing else, so a
line opens a block only when it reads as a table line (a security title with figures), and only
short fragments under it are taken as the rest of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from form4.extractor.readers.cells import YEAR_WORD
from form4.extractor.text.cleaning import is_heading_word

# --- Lines of a table -------------------------------------------------------------------------

_HEADER = re.compile(
    r"instr|\btitle\b|transaction\s?\(|exercisable|expiration|reported|beneficial|ownership"
    r"|\bowners?\b|relationships|director(?!'?s?'? (?:stock|share|deferred|restricted))|officer"
    r"|execution|deemed|acquired|disposed|month"
    r"|securities|derivative|\bamount\b|number of|price of|\bcode\b|explanation|reminder"
    r"|signature|\btab[il1]e\b",
    re.IGNORECASE,
)
"""Words of the column headings and of the parts around the tables, never of a table line; a
table's own heading among them, since OCR may keep no more of Table II's than "Table It -"
below the last line of Table I, where it would be read as the rest of that line's nature."""
LOOSE_DATE = re.compile(r"\d\s?\d?\s?/\s?\d\s?\d?\s?/\s?\d{2,4}")
_EDGES = re.compile(r"^[^\w/]+|[^\w/]+$")
"""What OCR leaves at a word's edges: specks, quotes and brackets around a garbled cell."""
DIGIT_LOOKALIKES = str.maketrans("oOQDlIiTzZsSBg", "00001117225589")
"""Letters a scan prints for digits in a garbled date ("gavor2012", "O7eB201T", "loz/11/2022")."""
_YEARS = range(1950, 2050)


def _is_garbled_date(word: str) -> bool:
    """A date a scan garbled past its pattern still ends in its year and keeps a slash, a letter
    for a digit or all eight digits ("0407/2012", "gavor2012", "O7eB201T", "12162019"); an
    amount ends in a comma group or in no year."""
    year = word[-4:].translate(DIGIT_LOOKALIKES)
    if not 6 <= len(word) <= 11 or not year.isdigit() or int(year) not in _YEARS:
        return False
    if "/" in word:
        return True
    if word.isdigit():
        return len(word) == 8 and 1 <= int(word[:2]) <= 12 and 1 <= int(word[2:4]) <= 31
    return any(c.isalpha() for c in word[:-4]) and sum(c.isdigit() for c in word) >= 4


def is_date(word: str) -> bool:
    """A word that is a date as printed or as a scan garbled it."""
    word = _EDGES.sub("", word)
    return bool(LOOSE_DATE.fullmatch(word)) or _is_garbled_date(word)


def first_date(line: str) -> re.Match[str] | None:
    """The first date of a line, printed or garbled."""
    printed = LOOSE_DATE.search(line)
    garbled = next((m for m in re.finditer(r"\S+", line) if is_date(m.group())), None)
    found = [match for match in (printed, garbled) if match is not None]
    return min(found, key=lambda match: match.start(), default=None)


_SECURITY_WORD = re.compile(
    r"\b(Stock|Shares|Options?|Units?|Warrants?|Common|Ordinary|Class)\b", re.IGNORECASE
)
"""Case aside: EDGAR prints a title as its filer typed it, "COMMON STOCK" as often as not."""
_FIGURES = re.compile(r"(?<![(\d])\d[\d,./]*\d")
"""Two digits or more outside a mark: an amount or a date, which every table line prints."""
_LEAD = re.compile(r"^(?:[^\w$(]|_)+|^\d(?=[A-Z][a-z])")
"""Specks before a line's first word, a rule's underscores among them, and a digit glued to
it ("1Class A Common Stock"): a mark of the line above or a speck, never a title's."""
_TITLE_START = re.compile(
    r"(?:Class [A-C] )?(?:Common Stock|Ordinary Shares|Common Shares)\b", re.IGNORECASE
)
_PROSE_WORD = re.compile(r"^[a-z]{3,}$")
_TITLE_PHRASE = frozenset({"par", "value", "per", "share", "right", "buy"})
_FOOTNOTE_START = re.compile(r"^\W*\d{1,2}\s*[.,]\s")
_MAX_PROSE_WORDS = 4
_MAX_CONTINUATION_LINES = 6
_MAX_CONTINUATION_TOKENS = 10


def is_header(line: str) -> bool:
    return bool(_HEADER.search(line)) or bool(_FOOTNOTE_START.match(line))


def is_prose(line: str) -> bool:
    """Explanations that OCR left inside a table read as sentences; table lines do not."""
    words = [w for w in line.split() if _PROSE_WORD.match(w) and w not in _TITLE_PHRASE]
    return len(words) > _MAX_PROSE_WORDS


def _is_row_start(line: str) -> bool:
    """A table line begins with a security title and carries figures: a date or an amount.

    A line that opens with a common-stock title is a line even when OCR lost its figures, so
    that the model still sees it; but not one whose only digits are a mark's or a year's:
    "Common Stock Common footnote(4)" is the wrapped rest of the cells of the line above.
    """
    text = _LEAD.sub("", line)
    if not text[:1].isalpha() or is_header(text) or is_prose(text):
        return False
    if _TITLE_START.match(text):
        return bool(re.search(r"\d", _YEAR_WORD.sub("", _MARK_TOKEN.sub("", text))))
    return bool(_FIGURES.search(text)) and bool(first_date(text) or _SECURITY_WORD.search(text))


_FIGURE_TOKEN = re.compile(r"\$\d[\d,.]*|\d[\d,]*\d(?:\.\d+)?|\d{1,2}/\d{1,2}/\d{2,4}")
"""A cell's figure: a price, an amount of two digits or more, or a date; not a column number."""
_MARK_TOKEN = re.compile(r"\(\d{1,2}\)")
_YEAR_WORD = re.compile(rf"(?<=[A-Za-z] ){YEAR_WORD.pattern}(?= [A-Za-z]{{2}}|$)")
"""A year between words, as a trust or a fund names it ("Common Stock Common 2012" over "Stock
Irrevocable": the wrapped rest of "By Levchin 2012 Irrevocable Trust"), no figure of a line:
amounts print their thousands' comma."""
_BARE_NUMBER = re.compile(r"\d{1,2}")
"""A column number whose full stop OCR lost ("2" of "2. Conversion or Exercise Price")."""
_LETTER = re.compile(r"[A-Za-z]")


def from_title(line: str) -> str:
    """A table line OCR glued to the table's heading, from its security title on.

    Left whole, such a line offers the model the heading ("Table II - Derivative Securities
    Acquired, ... 9. Number of 10. 11. Nature 2 Stock Option $2.51 ...") as the title, and which
    prefix a small model copies then turns on the rounding of its arithmetic, which differs from
    one CPU to another. The title is the run of words right before the line's first figure, back
    to the first heading word or column number; a line with no such run is returned as it is.
    """
    tokens = [(match.start(), match.group()) for match in re.finditer(r"\S+", line)]
    figures = [i for i, (_, token) in enumerate(tokens) if _FIGURE_TOKEN.fullmatch(token)]
    if not figures:
        return line
    start = figures[0]
    while start > 0:
        token = tokens[start - 1][1]
        if is_heading_word(token) or _BARE_NUMBER.fullmatch(token):
            break
        if not _LETTER.search(token) and not _MARK_TOKEN.fullmatch(token):
            break
        start -= 1
    titled = any(_LETTER.search(token) for _, token in tokens[start : figures[0]])
    return line[tokens[start][0] :] if titled else line


def _is_continuation(line: str) -> bool:
    """Short word fragments under a line: the rest of a title that wrapped, or marks below it."""
    return (
        not is_header(line)
        and not LOOSE_DATE.search(line)
        and len(line.split()) <= _MAX_CONTINUATION_TOKENS
    )


@dataclass(frozen=True)
class Block:
    lines: list[str]
    """The table line and the continuation lines printed under it."""
    above: str
    """The text line just above, where a title centred on a tall cell would begin."""
    above_in: int | None
    """The block whose continuation ``above`` is, if any."""
    overflows: bool = False
    """More continuation lines follow than a block holds: its wrapped text may be cut short."""


def blocks(text: str) -> list[Block]:
    """Each table line with the continuation lines under it (blank lines skipped)."""
    blocks: list[Block] = []
    current: Block | None = None
    above, above_in = "", None
    above_in: int | None
    for line in map(str.strip, text.splitlines()):
        if not line:
            continue
        if _is_row_start(line):
            current = Block([line], above, above_in)
            blocks.append(current)
            above, above_in = line, None
        elif current is not None and _is_continuation(line):
            if len(current.lines) <= _MAX_CONTINUATION_LINES:
                current.lines.append(line)
                above, above_in = line, len(blocks) - 1
            else:
                blocks[-1] = replace(current, overflows=True)
                current = None
                above, above_in = line, None
        else:
            current = None
            above, above_in = line, None
    return blocks
