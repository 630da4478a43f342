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
from datetime import date, timedelta

from rapidfuzz import fuzz

from form4.extractor.sections import SIGNATURE_LABEL, Sections
from form4.schema import Footnote, OwnerSignature


@dataclass(frozen=True)
class Notes:
    """What the bottom of the form says; empty where the reader could not tell."""

    footnotes: list[Footnote]
    remarks: str | None
    signatures: list[OwnerSignature]


def read_notes(sections: Sections) -> Notes:
    """The explanations, remarks and signatures as printed, each left out where the OCR text
    does not settle it, so that whatever is returned can be taken without review."""
    tail, explained = _tail(sections)
    lines, rest = _split_explanations(tail) if explained else ([], tail)
    return Notes(
        footnotes=_footnotes(lines),
        remarks=_remarks(rest),
        signatures=_signatures(rest, sections),
    )


# --- Words -----------------------------------------------------------------------------------

_QUOTES = "\"'\u2018\u2019\u201c\u201d"
_SENTENCE_END = re.compile(rf"[\w){_QUOTES}][.!?][{_QUOTES})]*$")
_CLEAN_WORD = re.compile(rf"[({_QUOTES}]*[\w$%&/'\u2019.,()-]*[.,;:){_QUOTES}]*")
_BROKEN_WORD = re.compile(r"[a-z][:;!?+=~<>@][a-z]|\d[a-z]{2,}|[a-z]{2,}\d", re.IGNORECASE)
_PLAIN_WORD = re.compile(r"[A-Za-z'\u2019-]{3,}[.,;:]?")
_LOWER_WORD = re.compile(r"[a-z]{3,}\W*")


def _alnum(token: str) -> int:
    return sum(character.isalnum() for character in token)


def _is_speck(token: str) -> bool:
    """A token without a letter or digit: OCR's reading of a mark, a rule or dirt."""
    return _alnum(token) == 0


def _is_prose(text: str, least: int) -> bool:
    """Enough plain words to be writing rather than a table value or specks."""
    return sum(bool(_PLAIN_WORD.fullmatch(word)) for word in text.split()) >= least


def _is_broken(word: str) -> bool:
    """Whether OCR broke a word: punctuation inside it, letters run into digits, or a character
    no filer types."""
    return not _CLEAN_WORD.fullmatch(word) or bool(_BROKEN_WORD.search(word))


def _trim(text: str) -> str:
    """The text without the specks OCR reads in the margin around it.

    Fragments of two characters or fewer after the last full stop are such specks ("2028. i . s
    Ms"); a sentence of the filer's does not end that way."""
    tokens = text.split()
    ends = [i for i, token in enumerate(tokens) if _SENTENCE_END.search(token)]
    if ends and all(_alnum(token) <= 2 for token in tokens[ends[-1] + 1 :]):
        tokens = tokens[: ends[-1] + 1]
    while tokens and _is_speck(tokens[-1]):
        tokens.pop()
    while tokens and _is_speck(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)


# --- The bottom of the form ------------------------------------------------------------------

_EXPLANATIONS_TITLE = re.compile(r"^\W*Explanation\s*of\s*Res\S*", re.IGNORECASE)
_REMARKS_TITLE = re.compile(r"\bRemarks\s*:", re.IGNORECASE)
_INSTRUCTION_PHRASES = (
    r"Remind\S*|separate\s+\S+\s+for\s*each|line\s+for\s+each\s+class"
    r"|form\s+is\s+\S+\s+by\W*mo\S*\s+th\S*\s+one|Instruc\S*?\W*4\s*[({i]"
    r"|of\s+facts\s+con|Federal\s+Crim|Criminal\s+Vi|1001\s+and|78\s?ff"
    r"|copies\s+of\s+this\s+Form|manually\s+sign\S*|space\s+is\s+in\S*|Instruction\s*6\s+for"
    r"|required\s+to\s+respond|collection\s+of\s+info\S*|currently\s+val\S*(?:\s+\S{3}\s+Num\S*)?"
)
_INSTRUCTION = re.compile(_INSTRUCTION_PHRASES, re.IGNORECASE)
"""Phrases of the form's printed instructions below the explanations that no explanation or
remark of a filer's would use, one of which survives OCR on nearly every line of them."""
_INSTRUCTION_WORDS = re.compile(
    _INSTRUCTION_PHRASES + r"|U\.\s?S\.\s?C\S*|for\s+procedure\S*|respond\s+to\s+the",
    re.IGNORECASE,
)
"""All the instructions' phrases, for finding where they end on a line shared with a name."""


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
            and _is_prose(line, 6)
            and not _is_heading(line)
        ):
            return offset
        offset += len(line) + 1
    return None


def _is_heading(line: str) -> bool:
    """A line of the tables' column headings, which are numbered and worded like prose."""
    numbers = re.findall(r"(?<!\S)\d{1,2}[.,]?(?!\S)", line)
    return len(numbers) >= 4 or bool(re.search(r"Deriv|Conver|Title|Tile", line))


def _split_explanations(tail: str) -> tuple[list[str], str]:
    """The lines of the explanations, and the text after them: whichever of the remarks, the
    instructions and the signatures comes first ends the explanations."""
    lines = tail.split("\n")
    lines[0] = _EXPLANATIONS_TITLE.sub("", lines[0], count=1)
    kept = []
    for index, line in enumerate(lines):
        remarks = _REMARKS_TITLE.search(line)
        if remarks or _INSTRUCTION.search(line) or SIGNATURE_LABEL.search(line):
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
    capital = bool(re.match(rf"[{_QUOTES}]?[A-Z]", text))
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
    while tokens and _alnum(tokens[-1]) <= 1:
        tokens.pop()
    return bool(tokens) and bool(_SENTENCE_END.search(tokens[-1]))


def _continues(previous: str, line: str, width: int) -> bool:
    """A line carries on the paragraph above when that one broke off mid-sentence, at the margin
    or before a lower-case word; after a full stop a new unnumbered paragraph begins."""
    if _sentence_ended(previous) or not _is_prose(line, 1):
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
        elif _is_prose(line, 4):
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


def _numbers(paragraphs: Sequence[_Paragraph]) -> list[tuple[int, _Paragraph]]:
    """Each paragraph that has a place in the sequence 1, 2, 3..., with its number.

    A number OCR misread or lost is restored only when the paragraph after confirms the one
    expected here; a number read with its full stop may skip ahead, since the paragraphs between
    may be lost. Anything else (a paragraph after the last one, a number out of sequence) has no
    place and is left out."""
    placed: list[tuple[int, _Paragraph]] = []
    for index, paragraph in enumerate(paragraphs):
        expected = placed[-1][0] + 1 if placed else 1
        following = paragraphs[index + 1].number if index + 1 < len(paragraphs) else None
        if paragraph.number == expected or following == expected + 1:
            placed.append((expected, paragraph))
        elif index == 0 and paragraph.number in _MISREAD_ONES:
            placed.append((1, paragraph))
        elif paragraph.certain and paragraph.number is not None and paragraph.number > expected:
            placed.append((paragraph.number, paragraph))
    return placed


def _footnotes(lines: Sequence[str]) -> list[Footnote]:
    footnotes = []
    for number, paragraph in _numbers(_paragraphs(lines)):
        text = _trim(" ".join(paragraph.lines))
        if _is_prose(text, 1) and _broken_share(text) <= _MOSTLY_BROKEN:
            footnotes.append(Footnote(id=f"F{number}", text=text))
    return footnotes


def _broken_share(text: str) -> float:
    words = text.split()
    broken = sum(len(word) for word in words if _is_broken(word))
    return broken / max(1, sum(map(len, words)))


# --- Signatures ------------------------------------------------------------------------------

_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)\d\d)(?![\d/])")
_SLASH_S = re.compile(rf"[_{_QUOTES}]*[/|Jjf\u00e9]?[sS][/!|f]")
"""The conformed-signature mark "/s/" as OCR prints it ("Js!", "jsf", "\u00e9s/")."""
_BY = re.compile(r"\W*By\W*")
_INITIAL = re.compile(r"([A-Z])[:;]")
_ROMAN = re.compile(r"[IVX][IVXil]{1,3},?")
_NAME_WORD = re.compile(
    r"(?:[A-Z][a-zA-Z'\u2019-]*[a-z][a-zA-Z'\u2019-]*|[A-Z][a-z]{1,2}\.|[A-Z]{2,}|(?:[A-Z]\.)+"
    r"|its|of|and|&),?"
)
"""A word of a printed signature: a capitalised word, an initial, an acronym (LLC, L.P., IV), or
one of the few small words of an entity's signature ("its General Partner")."""
_FIXED_WORDS = ("Attorney-in-Fact",)
_NOT_NAMES = frozenset({"Date", "Remarks", "Signature"})
_LOOSE_ENDS = frozenset({"/s/", "By:", "its", "of", "and", "&"})
_NAME_LINES = 5
"""Written lines from a signature's date line to its label's, both included: an entity's name
wraps over three more."""
_SIGNING_WINDOW = timedelta(days=366)
"""A Form 4 is due two business days after the transaction; a year covers late filings."""
_SAME_NAME = 90
"""Letters in common, in percent, for a garbled signature to be box 1's name: OCR's slips on a
name (a lost initial, "Chery!" for "Cheryl") leave more, another person's name far fewer."""


@dataclass(frozen=True)
class _Signed:
    """One signature as read: the name (None when it cannot be trusted) and the date."""

    name: str | None
    when: date | None


def _signatures(rest: str, sections: Sections) -> list[OwnerSignature]:
    """A signature per label, in printed order, leaving out any whose name cannot be trusted.

    Each is read as printed on the form, name and date on one line, or, when OCR put every value
    on a line of its own, as the one name and the one plausible date of the block; the latter
    only for a single signature, since the values of several could not be told apart."""
    spans = _spans(rest)
    owners = _box_one_names(sections.header)
    signatures = []
    for before, after in spans:
        signed = _inline(before, owners)
        if signed is None and len(spans) == 1:
            signed = _scattered(before, after, sections, owners)
        if signed is not None and signed.name is not None:
            signatures.append(
                OwnerSignature(signature_name=signed.name, signature_date=signed.when)
            )
    return signatures


def _spans(text: str) -> list[tuple[str, str]]:
    """For each signature label, the text since the label before it and the text after it."""
    labels = list(SIGNATURE_LABEL.finditer(text))
    spans = []
    for index, label in enumerate(labels):
        start = labels[index - 1].end() if index else 0
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        spans.append((text[start : label.start()], text[label.end() : end]))
    return spans


def _inline(span: str, owners: Sequence[Sequence[str]]) -> _Signed | None:
    """The signature of a block printed as on the form: the name and date on one line, the name
    wrapping onto the lines below down to the label. What cannot be read as part of the name is
    allowed below it only once the name is complete (the margin's specks); a name that cannot
    be read is taken from box 1 when it is the reporting person's."""
    found = _signature_line(span)
    if found is None:
        return None
    index, match = found
    lines = span.split("\n")
    before = _after_instructions(lines[index][: match.start()])
    below = [_name_run(_after_instructions(line)) for line in lines[index + 1 :]]
    name = _read_name(_name_run(before), below)
    if name is None and not any(below):
        name = _from_box_one(*_garbled_name(before), owners)
    return _Signed(" ".join(name) if name else None, _valid_date(match))


def _signature_line(span: str) -> tuple[int, re.Match[str]] | None:
    """The line where the name is printed beside the date: the last date in the block with
    writing before it on its line, no further above the label than a name wraps."""
    lines = span.split("\n")
    near = [index for index, line in enumerate(lines) if line.strip()][-_NAME_LINES:]
    found = [
        (index, match)
        for index in near
        for match in _DATE.finditer(lines[index])
        if not all(_is_speck(token) for token in lines[index][: match.start()].split())
    ]
    return found[-1] if found else None


def _read_name(first: list[str] | None, below: Sequence[list[str] | None]) -> list[str] | None:
    if not first:
        return None
    name = list(first)
    for run in below:
        if run is None and not _complete(name):
            return None
        if run is None:
            break
        name += run
    return name if _complete(name) else None


def _scattered(
    before: str, after: str, sections: Sections, owners: Sequence[Sequence[str]]
) -> _Signed | None:
    """The signature of a block OCR split into one value per line, with table values strewn
    among them: the only line above the label that is a whole name (or box 1's name garbled)
    and no table's words ("Common Stock"), with the block's signing date."""
    name = _only_name(before.split("\n"), owners)
    if name is None or _letters([name]) in _letters([sections.table_i + sections.table_ii]):
        return None
    return _Signed(name, _signing_date(before + "\n" + after, sections))


def _signing_date(block: str, sections: Sections) -> date | None:
    """The one date alone on its line in the block that can be the signing date, and, when
    several can, not one of the tables' dates.

    A form is signed on or after the earliest transaction (box 3), and within a year of the
    last date of the boxes (box 4's original filing, for an amendment): an expiration date years
    ahead, strewn into the block from Table II, is no signing date."""
    dates = set()
    for line in block.split("\n"):
        match = _DATE.fullmatch(line.strip(" .,:;"))
        if match and (when := _valid_date(match)) is not None:
            dates.add(when)
    boxes = _dates_in(sections.header)
    if boxes:
        dates = {when for when in dates if min(boxes) <= when <= max(boxes) + _SIGNING_WINDOW}
    if len(dates) > 1:
        dates -= _dates_in(sections.table_i + sections.table_ii)
    return dates.pop() if len(dates) == 1 else None


def _only_name(lines: Sequence[str], owners: Sequence[Sequence[str]]) -> str | None:
    names = []
    for line in lines:
        words = [_canonical(token) for token in line.split()]
        if words and all(_is_name_word(word) for word in words) and _complete(words):
            names.append(words)
    if not names:
        names = [name for line in lines if (name := _from_box_one(*_line_name(line), owners))]
    return " ".join(names[0]) if len(names) == 1 else None


def _line_name(line: str) -> tuple[bool, list[str]]:
    words = [word for word in line.split() if not _is_speck(word)]
    signed = bool(words) and _canonical(words[0]) == "/s/"
    return signed, words[signed:]


def _canonical(token: str) -> str:
    """A word of the signature block as printed, where OCR slipped on a fixed shape: the "/s/"
    mark, "By:", an initial's full stop read as a colon, a Roman numeral's I read as l."""
    if _SLASH_S.fullmatch(token):
        return "/s/"
    if _BY.fullmatch(token):
        return "By:"
    if _INITIAL.fullmatch(token):
        return token[0] + "."
    if _ROMAN.fullmatch(token):
        return token.replace("l", "I").replace("i", "I")
    core, comma = (token[:-1], ",") if token.endswith(",") else (token, "")
    for word in _FIXED_WORDS:
        if fuzz.ratio(core.casefold(), word.casefold()) >= 85:
            return word + comma
    return token


def _is_name_word(token: str) -> bool:
    return token in {"/s/", "By:"} or (
        bool(_NAME_WORD.fullmatch(token)) and token.rstrip(",") not in _NOT_NAMES
    )


def _ends_text(token: str) -> bool:
    """Whether a token is the last of the left-hand column's text rather than a misread part of
    the name beside it: a lower-case word, or a sentence's or a title's last word."""
    return bool(
        re.fullmatch(r"[a-z][a-z'-]{3,}\W*", token)
        or (re.search(r"[a-z\d)][.:]$", token) and _alnum(token) >= 2)
    )


def _name_run(text: str) -> list[str] | None:
    """The signature's words at the end of a piece of line, read backwards from its end.

    None when the word before them is neither the end of other text nor a speck, or a speck
    splits the name: a garbled "/s/" or initial may be there, so the name cannot be trusted."""
    tokens = [_canonical(token) for token in text.split()]
    while tokens and _is_speck(tokens[-1]):
        tokens.pop()
    run: list[str] = []
    while tokens:
        token = tokens.pop()
        if _is_name_word(token):
            run.insert(0, token)
            if token == "/s/" and not (tokens and tokens[-1] == "By:"):
                return run
        elif _is_speck(token):
            words = [word for word in tokens if not _is_speck(word)]
            return None if run and words and _is_name_word(words[-1]) else run
        else:
            return run if _ends_text(token) else None
    return run


def _complete(name: Sequence[str]) -> bool:
    """A whole signature: nothing cut off at either end, a person's name after the last "/s/",
    and an entity's "By:" followed by such a signature."""
    if len(name) < 2 or name[-1] in _LOOSE_ENDS or name[0] == "By:":
        return False
    if name[0].endswith(",") or name[-1].endswith(","):
        return False
    if "By:" in name and "/s/" not in name[_last(name, "By:") :]:
        return False
    return _person(name[_last(name, "/s/") :] if "/s/" in name else name)


def _last(words: Sequence[str], word: str) -> int:
    """The position just after the last occurrence of a word."""
    return len(words) - list(reversed(words)).index(word)


def _person(words: Sequence[str]) -> bool:
    """A person's name: two capitalised words or more before any title after a comma."""
    name = []
    for word in words:
        name.append(word)
        if word.endswith(","):
            break
    return len(name) >= 2 and all(word[0].isupper() for word in name)


def _after_instructions(text: str) -> str:
    matches = list(_INSTRUCTION_WORDS.finditer(text))
    return text[matches[-1].end() :] if matches else text


def _valid_date(match: re.Match[str]) -> date | None:
    month, day, year = (int(group) for group in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str) -> set[date]:
    return {when for match in _DATE.finditer(text) if (when := _valid_date(match)) is not None}


# --- Names from box 1 ------------------------------------------------------------------------

_BOX_ONE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*\.?")
_BOX_ONE_INITIAL = re.compile(r"[A-Z]\.?")


def _box_one_names(header: str) -> list[list[str]]:
    """The runs of words in the header that may be a name as box 1 prints it, "Last First" and
    a middle initial if one follows, each reordered as it is signed."""
    names = []
    for line in header.split("\n"):
        words = line.split()
        for i in range(len(words) - 1):
            last, first, *more = words[i : i + 3]
            if not (_BOX_ONE_WORD.fullmatch(last) and _BOX_ONE_WORD.fullmatch(first)):
                continue
            middle = more if more and _BOX_ONE_INITIAL.fullmatch(more[0]) else []
            names.append([first, *middle, last])
    return names


def _garbled_name(text: str) -> tuple[bool, list[str]]:
    """The words of a name at the end of text however OCR garbled them, back to the end of the
    left-hand column's text, a single stray letter, or a "/s/" (and whether there was one)."""
    tokens = text.split()
    while tokens and _alnum(tokens[-1]) <= 1:
        tokens.pop()
    words: list[str] = []
    while tokens and len(words) < 5:
        token = tokens.pop()
        if _canonical(token) == "/s/":
            return True, words
        if _ends_text(token) or (_alnum(token) == 1 and not _is_name_word(token)):
            break
        if not _is_speck(token):
            words.insert(0, token)
    return False, words


def _from_box_one(
    signed: bool, words: Sequence[str], names: Sequence[Sequence[str]]
) -> list[str] | None:
    """A signer's name OCR garbled, spelled as box 1 prints the same person's name.

    An individual signs their own filing under the name box 1 gives, so when the garbled
    letters are nearly those of one name in the header, the header's spelling is the name; an
    attorney-in-fact or an entity matches nothing there and stays unread."""
    letters = _letters(words)
    if len(letters) < 6:
        return None
    matches = {
        tuple(_as_signed(word) for word in name)
        for name in names
        if fuzz.ratio(letters, _letters(name)) >= _SAME_NAME
    }
    if len(matches) != 1:
        return None
    name = list(matches.pop())
    return ["/s/", *name] if signed else name


def _letters(words: Sequence[str]) -> str:
    return re.sub(r"[^a-z]", "", " ".join(words).casefold())


def _as_signed(word: str) -> str:
    word = word.rstrip(".")
    if len(word) == 1:
        return word.upper() + "."
    return word.title() if word.isupper() or word.islower() else word


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
        signed = next((m for m in _DATE.finditer(line) if line[: m.start()].strip()), None)
        if signed is None:
            if SIGNATURE_LABEL.search(line):
                return None
            pieces.append(_trim(line))
            continue
        left = _left_of_name(line[: signed.start()])
        if left is None:
            return None
        pieces.append(_trim(left))
        remarks = " ".join(piece for piece in pieces if _is_remark(piece))
        return (
            remarks if _is_prose(remarks, 3) and not any(map(_is_broken, remarks.split())) else None
        )
    return None


def _is_remark(piece: str) -> bool:
    """A line of the remarks rather than of the instructions or a stray value: two words, or
    one ending its sentence."""
    words = _is_prose(piece, 2) or (_is_prose(piece, 1) and bool(_SENTENCE_END.search(piece)))
    return words and not _INSTRUCTION.search(piece)


def _left_of_name(text: str) -> str | None:
    """The text left of the signature's name on its line: the end of the left-hand column.

    Where the name cannot be read its start is still certain at a "/s/"; failing that, words
    there might be the remarks' end, so there is no telling (None)."""
    words = text.split()
    name = _name_run(text)
    if name:
        return " ".join(words[: len(words) - len(name)])
    marks = [i for i, word in enumerate(words) if _canonical(word) == "/s/"]
    if marks:
        return " ".join(words[: marks[0]])
    return None if sum(bool(_LOWER_WORD.fullmatch(word)) for word in words) > 1 else ""
