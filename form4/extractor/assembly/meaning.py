"""Footnote marks recovered from what the filing says rather than from where it prints them.

OCR often leaves nothing legible of a small superscript mark ("See footnote!)", "S65)", "ci)").
Where the print still shows that a mark was there, the footnote it cites can be plain from the
filing's words:

- a nature of ownership that reads "See footnote" cites a footnote by its own words: the one the
  filing's other "See footnote" lines cite, when they all cite the same; or, when none prints a
  mark, the only footnote whose first sentence says who holds the shares ("Shares held directly
  by the ... Living Trust");
- a transaction code printed with a garbled mark after its letter cites the only footnote that
  explains such a code: a conversion ("issued upon conversion of ...") for C, a Rule 10b5-1 plan
  for S, shares withheld for tax for F, an exercise or a vesting for M, a gift for G, a fund's
  in-kind distribution (given or received, by the line's direction) for J; so does a code
  whose garbled mark was read as a number ("St)" as S(1)) where that footnote says nothing of
  the code and the only one that does is the one every legible mark of such lines cites;
- a mark standing alone on the lines below a Table II line whose date exercisable prints none
  (the date's mark wrapped below it in its narrow column) is the date's where the footnote says
  when the security vests or becomes exercisable: the one it numbers, where legible, else the
  only such note about the line's kind of security (options, or units);
- a holder's name printed with a garbled mark after it ("LLC()", "LLC@13)", or after marks
  printed whole: "L.P.(2)8)") cites what the lines of the same holder print legibly, where they
  all cite the same and that holds the marks printed whole; else the only note that says who
  holds shares and names that holder, unless a note continues another (its marks then cite
  both);
- a Table II exercise price, date exercisable or expiration date that prints nothing but a
  garbled mark ("a)", "()", "@)") cites what that column cites on every other line converting
  into the same underlying security whose cell prints a mark alone, where all cite the same
  (a company's Class B or preferred stock lines all cite its conversion note there);
- a price printed with a garbled mark after it ("$110.778)", "$112.922116" for $112.9221(6))
  cites the note that gives the weighted average it is: of such notes each stating its range
  of prices ("prices ranging from $169.07 to $169.89"), the only one whose range holds it; a
  filing's only such note stating none, where no line of the same code cites another on its
  price (a note without a range beside one with a range leaves room for doubt).

Each mark so found is put in as a repair of its own (``layout.note_by_meaning``), so a reviewer
sees it was inferred, not read. Where the filing leaves room for doubt (lines citing different
footnotes, two notes of one meaning, a holder note no cell cites, which the lost mark may have
been) nothing is put in. Without a sign of a mark in the print nothing is put in either: filers
often cite a code's note on the title or the price instead (afrm_2021-11-01 cites its 10b5-1 note
on no code of nine sales).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from decimal import Decimal

from form4.extractor.assembly.confidence import legibility
from form4.extractor.readers.cells import MARK_NUMBER, normalise_line
from form4.extractor.readers.rows import VESTING, mark_below
from form4.extractor.readers.table_lines import LOOSE_DATE
from form4.result import Conflict, Repair
from form4.schema import AcquiredDisposed, Form4Filing, TransactionCode
from form4.validators.lines import Line, lines, references

NOTE_BY_MEANING = "layout.note_by_meaning"
_REASON = (
    "OCR garbled the mark the line prints here: the footnote the filing's words show it cites "
    "(the one its other such lines cite, or the only one of that meaning)"
)
_NATURE = "nature_of_ownership"
_CODE = "transaction_code"
_SEE_FOOTNOTE = re.compile(r"See\s+footnotes?", re.IGNORECASE)
_HOLDER_NOTE = re.compile(
    r"\b(?:held|owned)\s+(?:(?:directly|indirectly|beneficially|of\s+record)\s+)?(?:by|through)\b"
    r"|\brecord\s+holder\b|\bfor\s+the\s+benefit\s+of\b",
    re.IGNORECASE,
)
"""How a footnote says who holds a line's shares: the note a nature of ownership cites."""
_FIRST_SENTENCE = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")
_CODE_NOTES: dict[TransactionCode, re.Pattern[str]] = {
    TransactionCode.C: re.compile(
        r"\b(?:issued|acquired|received)\s+(?:up)?on\s+(?:the\s+)?conversion\b", re.IGNORECASE
    ),
    TransactionCode.S: re.compile(r"\b1[0O]\s?b?5-[1!lI]|\btrading\s+plan\b", re.IGNORECASE),
    TransactionCode.F: re.compile(
        r"\bwithh[eo]ld\w*\b[^.]*\btax|\btax\w*\b[^.]*\bwithh[eo]ld", re.IGNORECASE
    ),
    TransactionCode.M: re.compile(
        r"\b(?:acquired|issued|received)\s+upon\s+(?:the\s+)?"
        r"(?:exercise|lapse|vesting|settlement)\b",
        re.IGNORECASE,
    ),
    TransactionCode.G: re.compile(r"\bgift(?:s|ed)?\b", re.IGNORECASE),
}
"""What the footnote a code cites says, per code: a Rule 10b5-1 plan as OCR prints it too
("105-1", "10b5-!"). Over the 60 real filings as filed, where a filing holds exactly one note of
its code's meaning and the code cites a note, it cites that one (C 17 lines, S 37, F 1, M 1, J
21); 36 lines cite none and their note elsewhere, hence the need for a garbled mark in the
print."""
_EXERCISABLE = "exercise_date"
_SECURITY_KINDS = (
    re.compile(r"\boptions?\b", re.IGNORECASE),
    re.compile(r"\bunits?\b|\bRSUs?\b", re.IGNORECASE),
)
"""The kinds of security a vesting note is about, as titles and notes name them."""
_PRICE = "transaction_price_per_share"
_WEIGHTED_AVERAGE = re.compile(r"\bweighted[\s-]+average\b", re.IGNORECASE)
_PRICE_RANGE = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(?:to|-|and|through)\s*\$\s?(\d[\d,]*(?:\.\d+)?)", re.IGNORECASE
)
_PRINTED_PRICE = re.compile(r"\$\s?\d[\d,]*\.(\d+)(\S*)")
_PRICE_DECIMALS = 4
"""Most decimals EDGAR's prices carry: digits past them are a mark's."""
_DISTRIBUTION = re.compile(r"\bdistribut", re.IGNORECASE)
_RECEIPT = re.compile(r"\b(?:receipt|received?|acquired)\b", re.IGNORECASE)


def _first_sentence(text: str) -> str:
    return _FIRST_SENTENCE.split(text.strip(), maxsplit=1)[0]


def _means(code: TransactionCode, acquired: bool, text: str) -> bool:
    """Whether a footnote explains such a code. A J of a fund's in-kind distribution is told by
    its direction: the fund's "distribution ... to partners or members" (D) or a partner's
    "receipt of shares by virtue of the ... distribution" (A), both in their first sentence."""
    if code is TransactionCode.J:
        first = _first_sentence(text)
        return bool(_DISTRIBUTION.search(first)) and bool(_RECEIPT.search(first)) is acquired
    pattern = _CODE_NOTES.get(code)
    return pattern is not None and bool(pattern.search(text))


def _holder_note(text: str) -> bool:
    """Whether a footnote is about who holds the shares: its first sentence says so ("Shares
    held directly by the ... Living Trust"), where a conversion note says it in passing later
    ("... each share of Class B Common Stock held by that person"). Over the 60 real filings as
    filed, 53 notes a nature cites read so, and 4 others; 21 such notes say it otherwise."""
    return bool(_HOLDER_NOTE.search(_first_sentence(text)))


def _sees_footnote(line: Line) -> bool:
    nature = line.value(_NATURE)
    return isinstance(nature, str) and bool(_SEE_FOOTNOTE.fullmatch(nature.strip()))


def _code_mark_garbled(line: Line, printed: str | None) -> bool:
    """Whether the line prints its code letter with something after it that is no legible mark
    ("Si)", "S65)", "ci)", "cn"): the code's letter doubled ("Cc"), alone, or with a speck of
    punctuation ("P.", "E.": synthetic 058_medium, 033_light) is none."""
    code = line.value(_CODE)
    if printed is None or code is None:
        return False
    first = normalise_line(printed.partition("\n")[0])
    dated = LOOSE_DATE.search(first)
    for word in first[dated.end() :].split()[:2] if dated else []:
        letter, rest = word[:1], word[1:].rstrip(".,:;")
        if letter.casefold() == code.value.casefold():
            return (
                bool(rest) and not MARK_NUMBER.search(rest) and rest.casefold() != letter.casefold()
            )
    return False


def _price_mark_garbled(printed: str | None) -> bool:
    """Whether the line prints a price with something after it that is no legible mark: a
    bracket closing nothing ("$110.778)"), opening nothing ("$102.0764(", "$153.5346()"), a
    quote for one ("$170.4923'4)") or more decimals than a price has ("$112.922116")."""
    first = normalise_line((printed or "").partition("\n")[0])
    for price in _PRINTED_PRICE.finditer(first):
        decimals, rest = price.groups()
        if MARK_NUMBER.match(rest):
            return False
        if rest[:1] in _MARK_REMNANTS or len(decimals) > _PRICE_DECIMALS:
            return True
    return False


_MARK_REMNANTS = frozenset("()'\"\u2019")
"""What OCR leaves of a mark's brackets right after a price."""


def _price_marks(filing: Form4Filing, line: Line) -> list[str] | None:
    """The weighted-average note a price cites: of those each stating a range, the only one
    whose range holds the price; a filing's only one stating none, where no line of the same
    code cites another on its price."""
    price = line.value(_PRICE)
    notes = {note.id: note.text for note in filing.footnotes if _WEIGHTED_AVERAGE.search(note.text)}
    ranges = {
        note: [(_amount(low), _amount(high)) for low, high in _PRICE_RANGE.findall(text)]
        for note, text in notes.items()
    }
    if any(ranges.values()):
        holding = [note for note, spans in ranges.items() if any(a <= price <= b for a, b in spans)]
        return holding if all(ranges.values()) and len(holding) == 1 else None
    if len(notes) != 1:
        return None
    cited = {
        tuple(other.cell(_PRICE).footnotes)
        for other in lines(filing)
        if other.value(_CODE) == line.value(_CODE)
        and other.cell(_PRICE) is not None
        and other.cell(_PRICE).footnotes
    }
    return list(notes) if cited <= {tuple(notes)} else None


def _amount(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def _nature_marks(filing: Form4Filing, seeing: list[Line]) -> list[str] | None:
    """The marks a "See footnote" line without one cites, or None where the filing is not plain
    about it."""
    cited = {tuple(line.cell(_NATURE).footnotes) for line in seeing if line.cell(_NATURE).footnotes}
    holders = [note.id for note in filing.footnotes if _holder_note(note.text)]
    if len(cited) == 1:
        everywhere = {note for note, _ in references(filing)}
        return None if any(note not in everywhere for note in holders) else list(cited.pop())
    if not cited and len(holders) == 1:
        return holders
    return None


def _code_marks(filing: Form4Filing, line: Line, garbled: Collection[str]) -> list[str] | None:
    """The only footnote of the meaning of the line's code, where every line of that code and
    direction that prints a mark legibly (not one of the ``garbled`` paths) cites it alone."""
    code = line.value(_CODE)
    direction = line.value("transaction_acquired_disposed_code")
    meant = _meant(filing, line)
    if len(meant) != 1:
        return None
    cited = {
        tuple(other.cell(_CODE).footnotes)
        for other in lines(filing)
        if other.value(_CODE) is code
        and other.value("transaction_acquired_disposed_code") == direction
        and other.cell(_CODE).footnotes
        and other.path not in garbled
    }
    return meant if cited <= {tuple(meant)} else None


def _meant(filing: Form4Filing, line: Line) -> list[str]:
    """The footnotes that explain the line's code."""
    acquired = line.value("transaction_acquired_disposed_code") is AcquiredDisposed.A
    code = line.value(_CODE)
    return [note.id for note in filing.footnotes if _means(code, acquired, note.text)]


def _explained(filing: Form4Filing, line: Line) -> bool:
    """Whether the marks read from a garbled code mark ("St)" read as S(1)) cite a footnote
    that explains the code, or no footnote does: else the filing's words say the reading is
    wrong (fb_2017-07-28 printed light: "St)" for S(2), its 10b5-1 note, where note 1 names the
    fund's managers)."""
    meant = _meant(filing, line)
    return not meant or bool(set(meant) & set(line.cell(_CODE).footnotes))


def _mark_below(printed: str | None) -> str | None:
    """The mark standing alone on the lines printed below a table line: its number where
    legible, "" where garbled; None where there is none, or more than one."""
    mark = mark_below(printed or "")
    if mark is None:
        return None
    number = MARK_NUMBER.fullmatch(mark)
    return number.group(1) if number else ""


def _exercisable_marks(filing: Form4Filing, line: Line, below: str) -> list[str] | None:
    """The vesting note a mark printed below a Table II line cites: the one it numbers, or the
    only one about the line's kind of security."""
    vesting = {note.id: note.text for note in filing.footnotes if VESTING.search(note.text)}
    if below:
        return [f"F{int(below)}"] if f"F{int(below)}" in vesting else None
    title = line.value("security_title")
    kinds = [kind for kind in _SECURITY_KINDS if isinstance(title, str) and kind.search(title)]
    if len(kinds) != 1:
        return None
    about = [note for note, text in vesting.items() if kinds[0].search(text)]
    return about if len(about) == 1 else None


def _column_marks(
    filing: Form4Filing, line: Line, column: str, printed: Mapping[str, str]
) -> list[str] | None:
    """The marks the column cites alone on every other line of the same underlying security,
    where there is one such line or more and all cite the same, as they print them."""
    underlying = line.value("underlying_security_title")
    cited = {
        tuple(cell.footnotes)
        for other in lines(filing)
        if other.path != line.path
        and other.value("underlying_security_title") == underlying
        and (cell := other.cell(column)) is not None
        and cell.value is None
        and cell.footnotes
        and _cited_as_printed(other, printed.get(other.path))
    }
    return list(cited.pop()) if len(cited) == 1 else None


def _cited_as_printed(line: Line, printed: str | None) -> bool:
    """Whether the line prints each note its cells cite as often as they cite it: a model that
    answers garbled marks from the one legible beside them ("(6)" over "\u00a9)" and ")", each
    read as (6): yelp_2013-03-08 printed clean, where they were (5)(6) and (7)) cites it more
    often, and its marks are no evidence for another line's."""
    if printed is None:
        return True
    cited = Counter(footnote for footnote, _ in references(line.row))
    shown = Counter(
        f"F{int(number)}"
        for text in printed.split("\n")
        for number in MARK_NUMBER.findall(normalise_line(text))
    )
    return all(shown[footnote] >= count for footnote, count in cited.items())


def _marks_either_side(line: Line) -> list[str] | None:
    """The marks of a date exercisable between a conversion price and an expiration date that
    print only the same marks: on the real-filings dev half such a line's date exercisable cites
    them too, 35 lines of 35 (a convertible class's note: "convertible at any time ... and has
    no expiration date", mdb_2019-04-01)."""
    price, expiration = line.cell("conversion_or_exercise_price"), line.cell("expiration_date")
    if price is None or expiration is None or price.value is not None:
        return None
    if expiration.value is not None or not price.footnotes:
        return None
    return list(price.footnotes) if price.footnotes == expiration.footnotes else None


_BY = re.compile(r"^By\s+", re.IGNORECASE)
_CONTINUED = re.compile(r"\bcontinued\s+(?:from|on|in)\b", re.IGNORECASE)


def _holder_marks(filing: Form4Filing, line: Line) -> list[str] | None:
    """The marks of a holder's name whose own mark OCR garbled: those its other lines print,
    or the only note of who holds shares that names the holder."""
    nature = line.value(_NATURE)
    if _sees_footnote(line):
        return None  # a "See footnote" is found by what such lines cite (``_nature_marks``)
    cited = {
        tuple(other.cell(_NATURE).footnotes)
        for other in lines(filing)
        if other.path != line.path
        and other.value(_NATURE) == nature
        and other.cell(_NATURE).footnotes
    }
    if cited:
        return list(cited.pop()) if len(cited) == 1 else None
    if not isinstance(nature, str) or any(_CONTINUED.search(n.text) for n in filing.footnotes):
        return None
    holder = " ".join(_BY.sub("", nature).split()).casefold()
    naming = [
        note.id
        for note in filing.footnotes
        if holder in " ".join(note.text.split()).casefold() and _holder_note(note.text)
    ]
    return naming if len(naming) == 1 else None


def _field_names(line: Line, aliases: frozenset[str]) -> list[str]:
    fields = type(line.row).model_fields
    return [name for name, field in fields.items() if field.alias in aliases]


def _found(
    filing: Form4Filing, printed: Mapping[str, str], garbled: Mapping[str, frozenset[str]]
) -> Iterator[tuple[Line, str, list[str] | None]]:
    """(line, column, marks) for every cell whose print shows a mark OCR garbled that the cell
    does not hold: the marks the filing's words settle, or None where they do not."""
    seeing = [line for line in lines(filing) if _sees_footnote(line)]
    if any(not line.cell(_NATURE).footnotes for line in seeing):
        marks = _nature_marks(filing, seeing)
        for line in seeing:
            if not line.cell(_NATURE).footnotes:
                yield line, _NATURE, marks
    garbled_codes = {
        line.path
        for line in lines(filing)
        if line.cell(_CODE) is not None and _code_mark_garbled(line, printed.get(line.path))
    }
    for line in lines(filing):
        cell = line.cell(_CODE)
        if line.path not in garbled_codes or (cell.footnotes and _explained(filing, line)):
            continue
        yield line, _CODE, _code_marks(filing, line, garbled_codes)
    for line in lines(filing):
        cell = line.cell(_PRICE)
        if cell is None or cell.value is None or cell.footnotes:
            continue
        if _price_mark_garbled(printed.get(line.path)):
            yield line, _PRICE, _price_marks(filing, line)
    for line in lines(filing):
        cell = line.cell(_EXERCISABLE)
        below = _mark_below(printed.get(line.path))
        if cell is None or cell.value is None or cell.footnotes or below is None:
            continue
        yield line, _EXERCISABLE, _exercisable_marks(filing, line, below)
    for line in lines(filing):
        for column in _field_names(line, garbled.get(line.path, frozenset())):
            cell = line.cell(column)
            if column == _NATURE and cell is not None and not _sees_footnote(line):
                marks = _holder_marks(filing, line)
                have = set(cell.footnotes)  # the marks printed whole before the garbled one
                if marks is None or not have <= set(marks):
                    yield line, column, None
                elif have < set(marks):
                    yield line, column, marks
            elif column != _NATURE and cell is None:
                marks = _column_marks(filing, line, column, printed)
                if marks is None and column == _EXERCISABLE:
                    marks = _marks_either_side(line)
                yield line, column, marks
            elif column != _NATURE and not cell.footnotes:
                yield line, column, None  # a value read, its mark garbled ("4,006\")")


def notes_by_meaning(
    filing: Form4Filing,
    printed: Mapping[str, str],
    text: str,
    garbled: Mapping[str, frozenset[str]] | None = None,
) -> tuple[Form4Filing, list[Repair]]:
    """The filing with the marks the filing's words settle put in where OCR garbled them, and a
    repair for each. ``printed`` holds each table line's printed text by the line's path;
    ``text`` is the whole text read; ``garbled``, by a line's path, the columns (the schema's
    element names) the patterns read from a garbled mark alone.

    Nothing is put in on a page too garbled to be sure its footnotes were all read: "the only
    note of its meaning" is then no evidence (on the real-filings dev half, heavy scans lost 37
    of their 64 footnotes, medium ones 3 of 33, lighter ones none)."""
    if legibility(text) != "clean":
        return filing, []
    found = [
        (line.path, column, marks)
        for line, column, marks in _found(filing, printed, garbled or {})
        if marks
    ]
    if not found:
        return filing, []
    filing = filing.model_copy(deep=True)
    at = {line.path: line for line in lines(filing)}
    repairs: list[Repair] = []
    for path, column, marks in found:
        line = at[path]
        cell = line.cell(column)
        before = [] if cell is None else list(cell.footnotes)
        if cell is None:
            setattr(line.row, column, {"footnotes": marks})
        else:
            cell.footnotes = marks
        repairs.append(
            Repair(
                rule=NOTE_BY_MEANING,
                field=f"{line.at(column)}/footnoteId",
                old=before,
                new=marks,
                reason=_REASON,
            )
        )
    return filing, repairs


MARK_UNSETTLED = "extraction.mark_unsettled"


def unsettled_marks(
    filing: Form4Filing,
    printed: Mapping[str, str],
    garbled: Mapping[str, frozenset[str]] | None = None,
) -> list[Conflict]:
    """A warning at every cell whose print shows a footnote mark OCR garbled that it still does
    not hold after :func:`notes_by_meaning`: a mark is missing there, which one the filing's words
    do not settle (or the page is too garbled to trust them). Named at the cell, it says that
    its marks are missing, not that its value is in doubt."""
    return [
        Conflict(
            rule=MARK_UNSETTLED,
            severity="warning",
            message="OCR garbled the footnote mark printed here; which footnote it cites is "
            "not known",
            fields=[line.at(column)],
            evidence={"line": printed[line.path]} if line.path in printed else {},
        )
        for line, column, _ in _found(filing, printed, garbled or {})
    ]
