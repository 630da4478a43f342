"""The cells of a table line as OCR prints them: the line's tokens, and a reader for each kind
of cell.

A reader yields every way the tokens from a place can be one cell of its kind (a date, an amount,
a price, a code, a run of words), with and without the marks printed after it, and nothing where
the printed text leaves the value in doubt: the grammars of the table lines then count the ways
a whole line reads, and a line is trusted only when there is exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from form4.schema import TransactionCode
from form4.validators.source_text import GLUED_MARK

# --- Tokens ----------------------------------------------------------------------------------

_QUOTES = "'\"\u2018\u2019\u201c\u201d"
_STRAY = re.compile(rf"^[{_QUOTES}:;=|~_\u2014\u2013\-.,*!^\u00b0\u00bb\u00ab\u2022]+$")
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
_UNCLOSED_MARK = re.compile(r"\((\d)(?!\S)|\((\d{1,2})(?=\(\d{1,2}\))")
"""A mark whose ")" OCR lost at the end of its word ("$19.0186(2", yelp_2012-11-23) or before
the next mark ("L.P.(2(3)", u_2020-09-22 printed clean; "Stock(2(3)", yelp_2012-03-07 printed
medium): nothing else opens a bracket before a lone digit."""
_MARK_UNOPENED = re.compile(r"(\(\d{1,2}\))(\d{1,2})\)")
"""A mark whose "(" OCR lost right after the mark before it ("Stock(2)3)", yelp_2012-03-07
printed medium): a digit after a mark's ")" opens no number."""
_RUN_MARKS = re.compile(r"\((\d)[1l|xX](\d)\)")
"""Two marks printed together, OCR reading their ")(" as a 1 ("(314)" for (3)(4), yelp_2012-11-23;
"footnote(213)" for (2)(3), mchx_2020-02-11) or an x ("(2x3)", lnkd_2013-01-02 printed light):
no mark runs to three digits, and a cell lists its marks in rising order, which the two digits
must keep. A 0 between them is no such reading: "(203)" was (2)(3) on u_2020-09-22 printed
medium, but "(108)" was (5)(6) on yelp_2013-03-08 printed clean."""
_SPLIT_DECIMALS = re.compile(r"(?<=\d) (?=\.\d)")
"""A space OCR put before a number's decimal point ("$141 .34(2)", synthetic; "22,291 .39(2)",
b_2019-12-10 printed clean): no cell of a table begins with its point."""
_SECTION_FIVE = re.compile(r"(?<![\w$])\u00a7(?=\d|,\d{3})")
"""A 5 that OCR read as a section sign, opening an amount ("\u00a7,163(1)" for 5,163 and
"\u00a73,300" for 53,300 in the dev half printed medium; box 1 reads ZIP codes so too)."""
_GLUED_V = re.compile(r"(?<!\S)[-_=~]*V[-_=~]*(?=\d{1,3}(?:,\d{3})+)")
"""The V column's mark run into the amount after it, specks of the column's rules between them
("V10,819(1)", "-V_113,000", "V-306,454": eb_2021-06-21, lnkd_2012-04-02 and lnkd_2013-01-02
printed clean); a grouped amount, since a fund's "V1" in a holder's name is a Roman VI."""
_GARBLED_CLASS = re.compile(r"(?<![A-Za-z])C[il1]ass\s?[.:\u2018\u2019']?\s?([A-C])\b")
"""A class of stock as OCR garbles its word or the space before its letter ("Ciass A", "ClassB",
"Class.A", "Class \u2018A": the dev half and its prints); no other word reads so. Narrower than
a title's reading (``titles.printed_title`` also takes "Giass" and "Class 8"), since a whole
line holds other words ("Glass")."""
T_MARK = re.compile(r"\(t\)")
"""OCR's reading of a small "(1)"; no other mark prints a t."""
_TRAILING = f".,:;{_QUOTES}"


def normalise_line(line: str) -> str:
    """Undo the OCR damage that has a single reading: spaces inside a date, a mark or before a
    decimal point, (t), a date's echoed start, the V run into its amount, a 5 read as a section
    sign, a class of stock's word or space garbled, a stray digit group after a price, a mark
    glued to its number, left unclosed or run into the next. The model gets the line so too: it
    copies what it sees."""
    line = _SPLIT_DATE.sub(lambda m: "/".join(re.sub(r"\s", "", g) for g in m.groups()), line)
    line = _DATE_ECHO.sub(r"\2", line)
    line = _SPLIT_DECIMALS.sub("", line)
    line = _GLUED_V.sub("V ", line)
    line = _SECTION_FIVE.sub("5", line)
    line = _GARBLED_CLASS.sub(r"Class \1", line)
    line = _PRICE_STRAY.sub(r"\1 ", line)
    line = GLUED_MARK.sub(r"\1(\2)", line)
    line = _UNCLOSED_MARK.sub(lambda lost: f"({lost[1] or lost[2]})", line)
    line = _MARK_UNOPENED.sub(r"\1(\2)", line)
    line = _RUN_MARKS.sub(_marks_apart, line)
    return T_MARK.sub("(1)", _SPACED_MARK.sub(r"(\1)", line))


def _marks_apart(run: re.Match[str]) -> str:
    first, second = run.groups()
    return f"({first})({second})" if int(first) < int(second) else run.group()


@dataclass(frozen=True)
class Token:
    text: str
    after_stray: bool
    """A stray stood just before: an empty optional cell here may be a lost one."""


_LEADING_QUOTES = re.compile(rf"^\s*[{_QUOTES}]+(?=[A-Za-z])")
"""A quote OCR printed before a line's title ("\u2018Class A Common Stock", "\"Class A"; the dev
half printed medium): no title begins with one."""


def line_tokens(line: str) -> list[Token]:
    found: list[Token] = []
    stray = False
    for raw in _LEADING_QUOTES.sub("", normalise_line(line), count=1).split():
        if _STRAY.match(raw):
            stray = True
            continue
        found.append(Token(_trim(raw), stray))
        stray = False
    return found


def _trim(raw: str) -> str:
    """Quotes and dots stuck to a number or a date are specks, not part of the value."""
    core = raw.lstrip(_QUOTES).rstrip(_TRAILING)
    return core if re.fullmatch(r"\d[\d,./]*(\(\d{1,2}\))*", core) else raw


# --- Cells -----------------------------------------------------------------------------------

_MARKS = r"(?:\(\d{1,2}\))*"
MARK_ONLY = re.compile(r"(?:\(\d{1,2}\))+")
MARK_NUMBER = re.compile(r"\((\d{1,2})\)")


def unmarked(cell: str | None) -> str | None:
    """A cell's printed text without its footnote marks."""
    return MARK_ONLY.sub("", cell).strip() if cell is not None else None


_DATE = re.compile(rf"(\d{{2}})/(\d{{2}})/(\d{{4}})({_MARKS})")
_NUMBER = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})*)(?:\.(\d+))?({_MARKS})")
"""Printed amounts group thousands: 3621 is more likely 362 and a mark that lost its brackets."""
_PRICE = re.compile(rf"\$(\d{{1,3}}(?:,\d{{3}})*)(?:\.(\d+))?({_MARKS})")
_ZERO_PRICE = re.compile(rf"(?:\$[oO0]|S[oO])({_MARKS})")
ZERO_PRICE_MARK_RUN_IN = re.compile(r"\$0\d{1,2}\)")
"""A zero price with its mark's "(" read as a digit ("$016)" for $0 and (4), mvis_2026-06-08
printed light and medium): no price prints a digit after a leading 0 but a decimal's. The mark
is lost, for ``assembly.meaning`` to look for."""
_THOUSANDS_DECIMALS = 3
"""Three digits after a point may be a misread thousands comma: 57.343 for 57,343."""
_PRICE_DECIMALS = (0, 1, 2, 4)
"""Prices print cents or four decimals; another count suggests a digit of a mark ran in."""
_MARKS_ONLY_TEXT = re.compile(_MARKS)
_T_FORM = re.compile(r"i?t\)")
"""A "(1)" after a code letter that lost its opening bracket: S(1) printed as "st)" or "Sit)"."""
_GARBLED_CODE_MARK = re.compile(r"[^\sA-Za-z()]?[A-Za-z0-9\u00e9\"'@\u00ae\u00a9]{1,2}\)")
"""A mark after a code letter whose number OCR garbled ("ci)", "Si)", "sé)", "S65)", "se@)",
"JM)" and "JS)" for J(1) and J(5) in the clean prints of ntra_2019-08-09 and lnkd_2011-05-24):
the letter stands, the mark is lost (``assembly.meaning`` may find it in the filing's words)."""
_SAME_SHAPE_LOWER = "spmcxwzku"
"""Lower-case letters OCR prints for capitals of the same shape; no other letter reads so."""
_CODE_CELL = re.compile(rf"([A-Z]|[{_SAME_SHAPE_LOWER}])(?i:\1)?(.*)")
"""A code letter as OCR prints it: itself, doubled in either case ("Ss", "CC"), or in lower case
where both cases have one shape ("c" for C); then whatever follows it in its cell."""


def printed_letter(letter: str) -> re.Pattern[str]:
    """One code letter as a word of the text, in any of the forms :data:`_CODE_CELL` reads."""
    lower = letter.lower() if letter.lower() in _SAME_SHAPE_LOWER else ""
    garbled = _GARBLED_CODE_MARK.pattern
    return re.compile(
        rf"(?<![A-Za-z])[{letter}{lower}](?i:{letter})?(?:(?![A-Za-z])|(?={garbled}(?!\S)))"
    )


_PLAIN_WORD = r"(?:\(?[A-Za-z][A-Za-z().,'&/-]*|401\(k\)|\$\d*\.\d+)"
MARKED_WORD = re.compile(rf"{_PLAIN_WORD}{_MARKS}")
"""A word with the marks glued to it: "L.P.(2)(3)" cites its own column, wherever it wraps."""
FRAGMENT = re.compile(_PLAIN_WORD)

Reader = Callable[[Sequence[Token], int], Iterator[tuple[str, int]]]


def _with_marks(cell: str, tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """A cell, and the cell with the marks printed after it a space apart: both are readings."""
    yield cell, i
    while i < len(tokens) and MARK_ONLY.fullmatch(tokens[i].text):
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


def read_date(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    if i < len(tokens) and (m := _DATE.fullmatch(tokens[i].text)) and _valid_date(m):
        yield from _with_marks(tokens[i].text, tokens, i + 1)


GROUPED_BEFORE_BRACKET = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:[^\w\s]{0,2}\)|\(\W?\)|\d{1,2}\W?\))")
"""A grouped amount and what is left of a mark whose number OCR lost ("6,577)" for 6,577(1),
"1,858()", "4,006\")", "1,057\u00a2*)"): every group holds its three digits, so no digit of the
mark ran in. Of the seven so printed in the dev half and the synthetic corpus, six were the
amount with a mark (mdb_2021-06-29; synthetic 026_medium) and one a heavy scan's garble of
another number (synthetic 023_heavy). The grouping also tells where a mark whose "(" OCR read
as a digit begins ("3,13312)" for 3,133(2), "1,05701)" for 1,057(1): the dev half printed
medium, the four such lines read right); its number is left to ``assembly.meaning``, as "00)"
for (2) shows it may be garbled."""


def read_amount(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """An amount and its marks; one whose mark OCR garbled to a bracket, without it."""
    if i < len(tokens) and (lost := GROUPED_BEFORE_BRACKET.fullmatch(tokens[i].text)):
        yield lost[1], i + 1
    if i >= len(tokens) or not (m := _NUMBER.fullmatch(tokens[i].text)):
        return
    if m[2] is None or len(m[2]) != _THOUSANDS_DECIMALS:
        yield from _with_marks(tokens[i].text, tokens, i + 1)


def _read_marks(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    if i < len(tokens) and MARK_ONLY.fullmatch(tokens[i].text):
        yield from _with_marks(tokens[i].text, tokens, i + 1)


def read_price(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """A price, a conversion or an exercise price: a dollar amount, a mark alone, or a garbled
    mark alone ("()" for a conversion's price explained by its note, u_2020-09-22; "8)",
    yhoo_2013-03-31); "$o" and "SO" are how OCR prints "$0"."""
    if i >= len(tokens):
        return
    text = tokens[i].text
    if m := _ZERO_PRICE.fullmatch(text):
        yield from _with_marks(f"$0{m[1]}", tokens, i + 1)
    elif (m := _PRICE.fullmatch(text)) and _plausible_price(m[1], m[2], bool(m[3])):
        yield from _with_marks(text, tokens, i + 1)
    elif m := (_PRICE_MARK_RUN_IN.fullmatch(text) or _PRICE_MARK_GARBLED.fullmatch(text)):
        yield from _with_marks(m[1] or m[2], tokens, i + 1)
    elif ZERO_PRICE_MARK_RUN_IN.fullmatch(text):
        yield "$0", i + 1
    else:
        yield from _read_marks(tokens, i)
        yield from _read_garbled_mark(tokens, i)


_PRICE_MARK_RUN_IN = re.compile(r"(\$[1-9]\d{0,2}(?:,\d{3})*\.\d{4})\d{1,2}\)?")
"""A price of a dollar or more with a mark run into its decimals, brackets lost: "$25.06863"
is $25.0686 and mark (3) (yelp_2013-03-08), "$112.922116" $112.9221 and "(6", "$169.48610"
$169.4861 and a garbled (3) (lnkd_2013-01-02, fb_2017-07-28): such prices print at most four
decimals. The mark is lost here; ``assembly.meaning`` looks for it. A price under a dollar may
print more ("$0.00001")."""
_PRICE_MARK_GARBLED = re.compile(
    r"(\$\d{1,3}(?:,\d{3})*\.(?:\d{2}|\d{4}))(?:\(\)?|(?<![01]\d)\)|['\"\u2019]\d?\))"
    r"|(\$\d{1,3}(?:,\d{3})*\.\d{3})\(\)"
)
"""A price of cents or four decimals with what OCR left of its mark: "()", "(", ")" or a quote
for the opening bracket ("$153.5346()", "$102.0764(", "$156.66)", "$170.4923'4)": the dev
half printed medium). The mark is lost, as above. Three decimals stay in doubt: a price may
print three ("$169.486" in fb_2017-07-28) or lose a digit to the bracket, unless both brackets
are left ("$171.904()", fb_2017-07-28 printed medium). So does a closing
bracket after a 0 or 1 and a digit: the 0 or 1 may be the mark's "(" ("$0.2512)" is $0.25 and
(12) in mchx_2020-02-11 printed light, "$3.7404)" $3.74 and (4) in synthetic 018_medium)."""


def _plausible_price(whole: str, decimals: str | None, marked: bool) -> bool:
    """A comma with no point may be a misread point ($25,926 for $25.926). Three decimals before
    a mark printed whole are the filer's, as no digit of that mark ran in ("$0.275(12)", an
    option's premium in mchx_2020-02-11 printed clean)."""
    if decimals is None:
        return "," not in whole
    return len(decimals) in _PRICE_DECIMALS or (marked and len(decimals) == 3)


GARBLED_MARK = re.compile(r"(?:\(?[^\s()]{0,2}\))+|\(\d|[@\u00a9\u00ae]{1,2}")
"""A mark alone in its cell whose number OCR garbled or whose bracket it lost ("a)", "()",
"@)", "\u00a9)", "4)", "(2", two so: "2)(8)", or a small mark's round blot alone: "@", "\u00a9",
"\u00ae", "@@": lnkd_2012-04-02 and yelp_2012-11-23 printed clean): no date
or price prints so. Nothing but a mark stands alone in a date exercisable, an expiration date
or a price that prints no value."""


def _read_garbled_mark(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """A garbled mark as a cell without its value or mark: the number is lost, not guessed."""
    text = tokens[i].text if i < len(tokens) else ""
    if GARBLED_MARK.fullmatch(text) and not MARK_ONLY.fullmatch(text):
        yield LOST, i + 1


def read_date_or_marks(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """A date exercisable or an expiration date: a date, its marks alone, or a garbled mark."""
    yield from read_date(tokens, i)
    yield from _read_marks(tokens, i)
    yield from _read_garbled_mark(tokens, i)


_LOOSE_CODE = re.compile(r"([cspm])[a-z]|([A-Z])\)|\$(?:[sS]|\d\)?|[a-z]\)|[^\w\s]\)?)?")
"""A code letter a scan printed with its mark garbled past the forms :func:`read_code` takes:
a lower-case C, S, P or M, each of the same shape as its capital, and one letter of the mark
("ce", "cn", "co" for C, "se" for S); a capital with only the mark's closing bracket left ("S)"
for S(1), "J)": seven such in clean prints of the dev half's filings, every letter right; a
scan's "A)" for J(1) in ntra_2019-08-09 is a letter its line's (A)/(D) column contradicts,
where a doubled or lower-case letter before the bracket, "ww)" for J there, is in doubt and
not read); or an S printed as a dollar sign with what is left of its mark ("$2)", "$2", "$@",
"$s"). In the code column, right after the date, no other value prints so."""


def printed_code(word: str) -> str | None:
    """The code letter a word of the code column prints, in any of the forms OCR gives it, the
    specks OCR left before it aside ("\u2018se")."""
    word = word.lstrip(_QUOTES + ".,:;*_-")
    read = next(read_code([Token(word, after_stray=False)], 0), None)
    return None if read is None else unmarked(read[0])


def read_code(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """One code letter and its marks; "Ss" and "s" are OCR's ways of printing S; a letter in
    one of the forms OCR gives a code with its mark garbled further (:data:`_LOOSE_CODE`: "cn",
    "se", "$2)"), the mark lost."""
    if i >= len(tokens):
        return
    if (printed := _CODE_CELL.fullmatch(tokens[i].text)) is not None:
        letter, rest = printed[1], printed[2]
        marks = "(1)" if _T_FORM.fullmatch(rest) else rest
        if _GARBLED_CODE_MARK.fullmatch(marks) or (marks == ")" and letter.isupper()):
            marks = ""
        if _MARKS_ONLY_TEXT.fullmatch(marks) and letter.upper() in TransactionCode.__members__:
            yield from _with_marks(letter.upper() + marks, tokens, i + 1)
            return
    if (loose := _LOOSE_CODE.fullmatch(tokens[i].text)) and (
        letter := (loose[1] or loose[2] or "S").upper()
    ) in TransactionCode.__members__:
        yield letter, i + 1


_BROKEN_D = re.compile(r"[1iIl|](?:[2-9o?][)\]]|\])|Do")
"""A D whose stem OCR read as a one and whose bowl as a bracket, a speck between them ("12)",
"13)", "19)", "io)", "1?)", "12]", "13]": synthetic 006_medium and 018_medium drawn with another
seed) or not ("1]"), or with a speck after it ("Do"). Of the 22 such
bracketed words in the (A)/(D) and ownership columns of the real corpus's dev half and the
synthetic corpus, every one was a D; neither column's I nor its A ever carries a mark in the
labelled filings, so the digit is no mark that lost its "(". No other letter of those columns
reads as "Do" (synthetic 010_medium, 054_medium, 058_medium)."""


def read_letter(letters: str) -> Reader:
    """One of ``letters`` and its marks; OCR doubles a letter in either case ("Dd", "dD") as it
    doubles a code's, and breaks a D (:data:`_BROKEN_D`)."""
    lower_first = "|".join(f"{letter.lower()}{letter}" for letter in letters)
    pattern = re.compile(rf"(?:([{letters}])(?i:\1)?|{lower_first})({_MARKS})")

    def read(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
        if i >= len(tokens):
            return
        if m := pattern.fullmatch(tokens[i].text):
            yield from _with_marks(f"{m[1] or tokens[i].text[1]}{m[2]}", tokens, i + 1)
        elif "D" in letters and _BROKEN_D.fullmatch(tokens[i].text):
            yield "D", i + 1

    return read


PRINTED_OWNERSHIP = read_letter("DI")
_INDIRECT_FORMS = re.compile(rf"[1l|i!]({_MARKS})")
"""How OCR prints the ownership cell's "I": a digit one, a lower-case l or i, a bar, an
exclamation mark ("5,752,707 i By Sequoia", "2,200(10) ! See": the dev half printed medium)."""
_HOLDER_START = re.compile(r"[A-Z][A-Za-z]")
"""A nature's first word ("By", "See", a holder's name); a lone capital may be a garbled cell."""
LOST = ""
"""The ownership cell a line does not print."""


def read_ownership(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """D or I as printed; an "I" as OCR prints it where a nature of ownership follows; and no
    cell at all where one begins here, since only an indirect holding has a nature: the caller
    takes a lost cell for "I" only where the rest of the line reads as a nature."""
    if i >= len(tokens):
        return
    text = tokens[i].text
    holder_next = i + 1 < len(tokens) and bool(_HOLDER_START.match(tokens[i + 1].text))
    if printed := list(PRINTED_OWNERSHIP(tokens, i)):
        yield from printed
    elif (m := _INDIRECT_FORMS.fullmatch(text)) and holder_next:
        yield f"I{m[1]}", i + 1
    elif _HOLDER_START.match(text) and MARKED_WORD.fullmatch(text):
        yield LOST, i


EARLY_MARK = re.compile(r"[=_~-]?[Vv][Vvie]?[=_~(-]?")
"""The V column's mark, which OCR may print doubled ("Vv", "VV"), as it prints a code "Ss", with
a speck of its stroke ("Vi", "Ve"), in lower case or beside a speck of the column's rule ("=v",
"V_", "=V(": the dev half printed medium). Between the code and the amount nothing else
prints so."""


def read_early(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """The "V" column: a V printed means the line was reported early (E)."""
    if i < len(tokens) and EARLY_MARK.fullmatch(tokens[i].text):
        yield "E", i + 1


YEAR_WORD = re.compile(rf"(?:19|20)\d\d,?{_MARKS}")
"""A year in a holder's name ("By Levchin 2012 Irrevocable Trust"), never its first word."""


def read_words(tokens: Sequence[Token], i: int) -> Iterator[tuple[str, int]]:
    """Every run of words from here; the text columns' shapes later pick the right one."""
    j = i
    while j < len(tokens) and (
        MARKED_WORD.fullmatch(tokens[j].text) or (j > i and YEAR_WORD.fullmatch(tokens[j].text))
    ):
        j += 1
        yield " ".join(token.text for token in tokens[i:j]), j
    while j < len(tokens) and MARK_ONLY.fullmatch(tokens[j].text):
        j += 1
        yield " ".join(token.text for token in tokens[i:j]), j
