"""Reading the bottom of a Form 4 without a model: the explanations, the remarks and the signatures.

These are long texts a model would copy token by token, yet their shape on the form is fixed:
the explanations are numbered paragraphs, the remarks are prose after "Remarks:", and each
signature is a name and a date printed above "Signature of Reporting Person". OCR keeps the reading
order but mixes the form's instructions, stray table values and the columns of the signature block
into the same lines, so a value is taken only where its shape leaves no doubt: a paragraph whose
number cannot be placed in the sequence, a name next to a garbled word, or a date that cannot be
told from the tables' dates is left out rather than guessed. A missing value can be asked for or
reviewed; a wrong one nobody flagged reaches the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from form4.extractor.readers.signatures import DATE, canonical, name_run, signatures
from form4.extractor.readers.words import (
    INSTRUCTION,
    LOWER_WORD,
    QUOTES,
    SENTENCE_END,
    alnum,
    is_broken,
    is_prose,
    trim,
)
from form4.extractor.text.sections import SIGNATURE_LABEL, Sections
from form4.schema import Footnote, OwnerSignature


@dataclass(frozen=True)
class Notes:
    """What the bottom of the form says; empty where the reader could not tell."""

    footnotes: list[Footnote]
    remarks: str | None
    signatures: list[OwnerSignature]
    signature_labels: int = 0
    """The "Signature of Reporting Person" labels printed, one under each signature: more than
    the signatures read means some were left out (the dev half and its prints, the synthetic
    corpus: never more than the filing's signatures)."""


def read_notes(sections: Sections) -> Notes:
    """The explanations, remarks and signatures as printed, each left out where the OCR text
    does not settle it, so that whatever is returned can be taken without review."""
    tail, explained = _tail(sections)
    lines, rest = _split_explanations(tail) if explained else ([], tail)
    return Notes(
        footnotes=_footnotes(lines, _cited(sections)),
        remarks=_remarks(rest),
        signatures=signatures(rest, sections),
        signature_labels=len(SIGNATURE_LABEL.findall(rest)),
    )


# --- The bottom of the form ------------------------------------------------------------------

_EXPLANATIONS_TITLE = re.compile(r"^\W*Explanation\s*of\s*Res\S*", re.IGNORECASE)
_REMARKS_TITLE = re.compile(r"\bRemarks\s*:", re.IGNORECASE)


def _tail(sections: Sections) -> tuple[str, bool]:
    """The text from the explanations to the end, and whether it starts with the explanations.

    When OCR lost the title, the explanations are still where it would be: at the end of the
    last part found, from the first line numbered 1 (or surely numbered) that reads as prose."""
    if sections.explanations:
        return sections.explanations + "\n" + sections.remarks, True
    before = sections.table_ii or sections.table_i or sections.header
    start = _first_explanation(before)
    if start is not None:
        return before[start:] + "\n" + sections.remarks, True
    return sections.remarks or sections.signature, False


def _first_explanation(text: str) -> int | None:
    offset = 0
    for line in text.split("\n"):
        paragraph = _numbered(line)
        if (
            paragraph is not None
            and (paragraph.number == 1 or paragraph.certain)
            and is_prose(line, 6)
            and not _is_heading(line)
        ):
            return offset
        offset += len(line) + 1
    return None


def _is_heading(line: str) -> bool:
    """A line of the tables' column headings, which are numbered and worded like prose: their
    numbers count up ("1. Title ... 2 Conversion ... 3 Transaction ... 4"), where the numbers of
    an explanation that OCR garbled do not ("1 Each share ... Class 8 ... on 2 one-for-one basis
    ... December 23", znga_2011-12-21, whose first explanation was so taken for a heading)."""
    numbers = [int(n) for n in re.findall(r"(?<!\S)(\d{1,2})[.,]?(?!\S)", line)]
    return _counting_up(numbers) >= _HEADING_NUMBERS or bool(
        re.search(r"Deriv|Conver|Title|Tile", line)
    )


_HEADING_NUMBERS = 3


def _counting_up(numbers: Sequence[int]) -> int:
    """The longest run of numbers, in printed order though not side by side, each one more than
    the one before."""
    longest: dict[int, int] = {}
    for number in numbers:
        longest[number] = max(longest.get(number, 0), longest.get(number - 1, 0) + 1)
    return max(longest.values(), default=0)


def _split_explanations(tail: str) -> tuple[list[str], str]:
    """The lines of the explanations, and the text after them: whichever of the remarks, the
    instructions and the signatures comes first ends the explanations."""
    lines = tail.split("\n")
    lines[0] = _EXPLANATIONS_TITLE.sub("", lines[0], count=1)
    kept = []
    for index, line in enumerate(lines):
        remarks = _REMARKS_TITLE.search(line)
        if remarks or INSTRUCTION.search(line) or SIGNATURE_LABEL.search(line):
            cut = remarks.start() if remarks else 0
            if line[:cut].strip():
                kept.append(line[:cut].strip())
            return kept, "\n".join([line[cut:], *lines[index + 1 :]])
        if line.strip():
            kept.append(line.strip())
    return kept, ""


# --- Explanations ----------------------------------------------------------------------------

_NUMBERED = re.compile(
    r"^(?:[^\w\s]+\s+|[^\W\d]{1,2}\s+|[^\w\s(]+(?=\(?[\dS\u00a7lI|]\W)){0,2}"
    r"(?P<open>\(?)(?P<number>\d{1,2}|[S\u00a7lI|])(?P<stop>[.,)]?)(?P<space>\s*)(?P<text>\S.*)$"
)
"""A paragraph's number at the start of a line, after at most two specks ("* 4 Each", "is 3.")."""
_LETTER_NUMBERS = {"S": 5, "\u00a7": 5, "l": 1, "I": 1, "|": 1}
_MISREAD_ONES = frozenset({4, 7})
"""OCR reads a printed "1." as "4." or "7." often enough that a first paragraph so numbered is
explanation 1: the list starts right under the title."""
_WRAPPED_LINE = 0.75
"""Of the longest line's length: a line broken off mid-sentence this long was wrapped at the
margin (OCR's specks make the lengths of full lines vary)."""
_FULL_LINE = 0.9
"""Of the longest line's length: a line this long ran to the right margin."""
_MOSTLY_BROKEN = 0.5
"""Beyond this share of broken words an explanation says more about OCR than about the filing."""


@dataclass
class _Paragraph:
    """A paragraph as printed: the number OCR read before it, if any, and its lines."""

    number: int | None
    certain: bool
    lines: list[str] = field(default_factory=list)


def _numbered(line: str) -> _Paragraph | None:
    """The paragraph a line starts, when the line begins with a number that reads as one.

    An explanation never starts with a lower-case word, and a bare number without its full stop
    counts only before a capital, since a wrapped sentence may well go on "3 equal annual
    installments" or "4. equal"."""
    match = _NUMBERED.match(line)
    if match is None or bool(match["open"]) != (match["stop"] == ")"):
        return None
    raw, stop, text = match["number"], match["stop"], match["text"]
    capital = bool(re.match(rf"[{QUOTES}]?[A-Z]", text))
    if text[0].islower() or (raw in _LETTER_NUMBERS and not stop):
        return None
    if not match["space"] and not (stop and capital):
        return None
    if not stop and not capital:
        return None
    number = _LETTER_NUMBERS.get(raw) or int(raw)
    if not 1 <= number <= 30:
        return None
    return _Paragraph(number, stop in {".", ")"} and raw.isdigit(), [text])


def _sentence_ended(line: str) -> bool:
    tokens = line.split()
    while tokens and alnum(tokens[-1]) <= 1:
        tokens.pop()
    return bool(tokens) and bool(SENTENCE_END.search(tokens[-1]))


def _continues(previous: str, line: str, width: int) -> bool:
    """A line carries on the paragraph above when that one broke off mid-sentence, at the margin
    or before a lower-case word; after a full stop a new unnumbered paragraph begins."""
    if _sentence_ended(previous) or not is_prose(line, 1):
        return False
    return bool(re.match(r"\W*[a-z]", line)) or len(previous) >= _WRAPPED_LINE * width


def _paragraphs(lines: Sequence[str]) -> list[_Paragraph]:
    """The numbered paragraphs and the unnumbered prose between them; stray table values OCR put
    between paragraphs ("$2,28", "200,000") belong to neither and are left out."""
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[_Paragraph] = []
    previous: str | None = None
    for line in lines:
        if (started := _numbered(line)) is not None:
            paragraphs.append(started)
        elif paragraphs and previous is not None and _continues(previous, line, width):
            paragraphs[-1].lines.append(line)
        elif is_prose(line, 4):
            paragraphs.append(_Paragraph(None, False, [line]))
        else:
            continue
        previous = line
    return _rejoined(paragraphs, width)


def _rejoined(paragraphs: Sequence[_Paragraph], width: int) -> list[_Paragraph]:
    """The paragraphs with the prose between explanations n and n + 1 given back to n when n's
    last line ran to the margin: nothing else is printed there, so n's sentence ended at the
    line's end and the next one went on below."""
    kept: list[_Paragraph] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1].number if index + 1 < len(paragraphs) else None
        previous = kept[-1] if kept else None
        if (
            paragraph.number is None
            and previous is not None
            and previous.number is not None
            and following == previous.number + 1
            and len(previous.lines[-1]) >= _FULL_LINE * width
        ):
            previous.lines += paragraph.lines
        else:
            kept.append(paragraph)
    return kept


_TABLE_MARK = re.compile(r"\((\d{1,2})\)")


def _cited(sections: Sections) -> set[int]:
    """The footnote numbers the tables print legibly as marks."""
    tables = sections.table_i + "\n" + sections.table_ii
    return {int(number) for number in _TABLE_MARK.findall(tables)}


def _numbers(paragraphs: Sequence[_Paragraph], cited: set[int]) -> list[tuple[int, _Paragraph]]:
    """Each paragraph that has a place in the sequence 1, 2, 3..., with its number.

    A number OCR misread or lost is restored only when the paragraph after confirms the one
    expected here, or, for the paragraph right after the last numbered one, when the tables
    print the mark of the number expected (a note whose "3." OCR read as "Porn" or "F", which
    a mark (3) cites); a number read with its full stop may skip ahead, since the paragraphs
    between may be lost, and so may one without it that the next paragraph's number follows
    ("1 Each", "3 Each", "4 Shares" where OCR lost note 2 whole: znga_2011-12-21). Anything
    else (a paragraph after the last one no mark asks for, a number out of sequence) has no
    place and is left out."""
    placed: list[tuple[int, _Paragraph]] = []
    for index, paragraph in enumerate(paragraphs):
        expected = placed[-1][0] + 1 if placed else 1
        following = paragraphs[index + 1].number if index + 1 < len(paragraphs) else None
        last = index + 1 == len(paragraphs)
        if paragraph.number == expected or following == expected + 1:
            placed.append((expected, paragraph))
        elif index == 0 and paragraph.number in _MISREAD_ONES:
            placed.append((1, paragraph))
        elif (
            paragraph.number is not None
            and paragraph.number > expected
            and (paragraph.certain or following == paragraph.number + 1)
        ):
            placed.append((paragraph.number, paragraph))
        elif placed and last and expected in cited and _unnumbered_note(paragraph):
            placed.append((expected, paragraph))
    return placed


def _unnumbered_note(paragraph: _Paragraph) -> bool:
    """Whether a paragraph that lost its number reads as a note: a sentence, not a stray line
    of the signature block."""
    return paragraph.number is None and is_prose(" ".join(paragraph.lines), 6)


def _footnotes(lines: Sequence[str], cited: set[int]) -> list[Footnote]:
    footnotes = []
    for number, paragraph in _numbers(_paragraphs(lines), cited):
        text = trim(" ".join(paragraph.lines))
        if is_prose(text, 1) and _broken_share(text) <= _MOSTLY_BROKEN:
            footnotes.append(Footnote(id=f"F{number}", text=text))
    return footnotes


def _broken_share(text: str) -> float:
    words = text.split()
    broken = sum(len(word) for word in words if is_broken(word))
    return broken / max(1, sum(map(len, words)))


# --- Remarks ---------------------------------------------------------------------------------


def _remarks(rest: str) -> str | None:
    """The filer's prose after "Remarks:" down to the signature's line, without the form's
    instructions.

    None when there is none; when no signature line ends the remarks (the signature block was
    then strewn over lines of its own, and its stray values cannot be told from remarks); when
    the signature's line holds writing that cannot be told from the name; or when OCR broke a
    word of the remarks."""
    title = _REMARKS_TITLE.search(rest)
    if title is None:
        return None
    pieces = []
    for line in rest[title.end() :].split("\n"):
        signed = next((m for m in DATE.finditer(line) if line[: m.start()].strip()), None)
        if signed is None:
            if SIGNATURE_LABEL.search(line):
                return None
            pieces.append(trim(line))
            continue
        left = _left_of_name(line[: signed.start()])
        if left is None:
            return None
        pieces.append(trim(left))
        remarks = " ".join(piece for piece in pieces if _is_remark(piece))
        return (
            remarks if is_prose(remarks, 3) and not any(map(is_broken, remarks.split())) else None
        )
    return None


def _is_remark(piece: str) -> bool:
    """A line of the remarks rather than of the instructions or a stray value: two words, or
    one ending its sentence."""
    words = is_prose(piece, 2) or (is_prose(piece, 1) and bool(SENTENCE_END.search(piece)))
    return words and not INSTRUCTION.search(piece)


_BY = re.compile(r"By:?", re.IGNORECASE)


def _left_of_name(text: str) -> str | None:
    """The text left of the signature's name on its line: the end of the left-hand column.

    The signature's start is certain at a "/s/", and an entity's signature begins with its name
    and a "By:" before it ("Edenbrook Capital, LLC; By: /s/ Jonathan Brolin", mchx_2020-02-11
    printed clean), which the last full stop before it ends the column's writing at; without a
    "/s/", the name's words read as a name; failing both, words there might be the remarks' end,
    so there is no telling (None)."""
    words = text.split()
    marks = [i for i, word in enumerate(words) if canonical(word) == "/s/"]
    if marks:
        left = words[: marks[0]]
        if left and _BY.fullmatch(left[-1]):
            ends = [i for i, word in enumerate(left) if SENTENCE_END.search(word)]
            left = left[: ends[-1] + 1] if ends else []
        return " ".join(left)
    name = name_run(text)
    if name:
        return " ".join(words[: len(words) - len(name)])
    return None if sum(bool(LOWER_WORD.fullmatch(word)) for word in words) > 1 else ""
