"""Normalising OCR text and removing the Form 4's fixed boilerplate and headings before prompting.

A small model reads the prompt with a small context: every token of markup or of the form's
standard legal text is a token not spent on the filer's values, and a distraction. Removal is
deliberately phrase by phrase, never "everything after the Reminder": OCR scatters real values
between the boilerplate sentences (a date, a signature, a price), so only the boilerplate itself
goes, and a line is dropped only when nothing but boilerplate was on it. The tables' column
headings go the same way, cell by cell; the table titles and the box labels that say where a value
belongs stay.
"""

from __future__ import annotations

import html
import re

# --- OCR-tool artifacts: a character mapping, then (pattern, replacement) pairs in order. ---

_OCR_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТУХІЈЅаеорсухіјѕΑΒΕΖΗΙΚΜΝΟΡΤΥΧοı⁽⁾",  # noqa: RUF001 - the look-alikes are the point
    "ABEKMHOPCTYXIJSaeopcyxijsABEZHIKMNOPTYXoi()",
)
"""Cyrillic and Greek letters OCR reads for Latin ones: a Cyrillic A is not transaction code A."""

_LINE_BREAK = re.compile(r"\r\n?")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FOOTNOTE_SUPERSCRIPT = re.compile(r"<sup>\s*\(?(\d{1,2})\)?\s*</sup>", re.IGNORECASE)
"""A superscript footnote mark becomes the form's printed "(n)", not a digit glued to a number."""
_INLINE_TAG = re.compile(
    r"</?(?:mark|u|b|i|em|strong|sup|sub|span|font|s|strike|small|big)\b[^>\n]*>", re.IGNORECASE
)
_MARKDOWN_SEPARATOR_ROW = re.compile(r"^[ \t|:+=-]*-{3}[ \t|:+=-]*$\n?", re.MULTILINE)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_MARKDOWN_BOLD = re.compile(r"\*\*(?=\S)([^\n]*?\S)\*\*")
_MARKDOWN_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_TABLE_PIPE = re.compile(r"\|")
_MARKDOWN_ESCAPE = re.compile(r"\\([$%&#_*|\[\]()])")
"""Applied after the markdown passes, so an escaped ``\\*`` or ``\\|`` stays a literal."""

_ARTIFACTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_LINE_BREAK, "\n"),
    (_CONTROL_CHARACTER, " "),
    (_FOOTNOTE_SUPERSCRIPT, r"(\1)"),
    (_INLINE_TAG, ""),
    (_MARKDOWN_SEPARATOR_ROW, ""),
    (_MARKDOWN_HEADING, ""),
    (_MARKDOWN_BOLD, r"\1"),
    (_MARKDOWN_ITALIC, r"\1"),
    (_TABLE_PIPE, " "),
    (_MARKDOWN_ESCAPE, r"\1"),
)

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")

# --- Boilerplate: the form's fixed text, which holds no data. ---

_PHRASE_FLAGS = re.IGNORECASE | re.MULTILINE


def _sentence(*sentences: str) -> str:
    """Regex source matching any of ``sentences`` however OCR spaced, wrapped or unpunctuated it."""
    return "|".join(r"\s*".join(map(_ocr_word, sentence.split())) for sentence in sentences)


def _ocr_word(word: str) -> str:
    """A word whose final full stop is optional: OCR loses and invents full stops freely."""
    escaped = re.escape(word)
    return escaped[: -len(r"\.")] + r"\.?" if word.endswith(".") else escaped


_SEC_LETTERHEAD = re.compile(
    _sentence("UNITED STATES SECURITIES AND EXCHANGE COMMISSION")
    # The Commission's ZIP names no filer's address, whatever OCR made of the city's letters
    # and points ("Weashington,D.C.", "Washingtan", "0.C, 20549", "D:C.").
    + r"|W\w{4,10}\s*,?\s*[D0O]\s*[.:]?\s*C\s*[.,]?\s*20549\b"
    # The same address mangled by OCR ("vvasimigton, D.O. 20040"), only when alone on its line;
    # a correctly spelled Washington with another zip is an address of the filer's and stays.
    + r"|^[^\S\n]*(?!washington\b)\w{3,12}ton\s*,\s*D\s*\.\s*\w\s*\.?\s*20\d{3}[^\S\n]*$",
    _PHRASE_FLAGS,
)
_OMB_BOX = re.compile(
    _sentence("OMB APPROVAL")
    + r"|OMB\s*Number\s*:?(?:\s*\d{4}\s*-\s*\d{3,4})?"
    # The burden figure (0.5) often lands on its own line after either half of its label.
    + r"|Estimated\s*average\s*b\w*\s?\w*rden(?:\s*0?\.5(?!\S))?"
    + r"|hours\s*per\s*response\s*:?(?:\s*0?\.5(?!\S))?",
    _PHRASE_FLAGS,
)
_FILED_PURSUANT = re.compile(
    _sentence(
        "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934",
        "Section 17(a) of the Public Utility Holding Company Act of 1935",
    )
    # OCR reads the "(h)" of Section 30(h) as any letter.
    + r"|(?:\bor\s+)?Section\s*30\s*\(\w\)\s*of\s*the\s*Investment\s*Company\s*Act\s*of\s*1940",
    _PHRASE_FLAGS,
)
_SECTION_16_CHECK_BOX = re.compile(
    # A mark just before the box means it is checked: that line is data and is kept whole.
    r"(?:(?<!\w)(?P<checked>\[\s*X\s*\]|X|☒|☑|✓|✔)\s*)?"
    + r"Check\s*this\s*box\s*if\s*no\s*longer\s*subject\s*to"
    + r"(?:\s*Section\s*16\s*\.?)?(?:\s*Form\s*4\s*or\s*Form\s*5(?!\w))?"
    + "|"
    + _sentence("obligations may continue.", "See Instruction 1(b)."),
    _PHRASE_FLAGS,
)
_CLOSING_REMINDERS = re.compile(
    r"\**\s*(?:"
    + _sentence(
        "Reminder: Report on a separate line for each class of securities beneficially owned"
        " directly or indirectly.",
        "If the form is filed by more than one reporting person, see Instruction 4 (b)(v).",
        "Intentional misstatements or omissions of facts constitute Federal Criminal Violations."
        " See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
        "Note: File three copies of this Form, one of which must be manually signed.",
        "If space is insufficient, see Instruction 6 for procedure.",
        "Persons who respond to the collection of information contained in this form are not"
        " required to respond unless the form displays a currently valid OMB Number.",
    )
    + ")",
    _PHRASE_FLAGS,
)
_CHECK_INSTRUCTIONS = re.compile(
    r"\(\s*Check\s*all\s*applicable(?:\s*\))?|\(\s*Check\s*Applicable(?:\s*Line(?:\s*\))?)?",
    re.IGNORECASE,
)
"""Boxes 5 and 6's "(Check all applicable)" and "(Check Applicable Line)"; their labels and the
X marks beside them stay."""
_NOTE_REFERENCE_MARK = re.compile(r"\*\*(?=\s*Signature)")
"""The ``**`` of "** Signature of Reporting Person" points at the dropped misstatements note."""

_BOILERPLATE: tuple[re.Pattern[str], ...] = (
    _CLOSING_REMINDERS,  # first: its last sentence ends in "OMB Number", which _OMB_BOX would split
    _SEC_LETTERHEAD,
    _OMB_BOX,
    _FILED_PURSUANT,
    _SECTION_16_CHECK_BOX,
    _CHECK_INSTRUCTIONS,
    _NOTE_REFERENCE_MARK,
)

# --- Column headings: the printed labels of Table I, Table II and boxes 1-6. ---
# They hold no data but are most of what is left once the boilerplate is gone, and they bury the
# few data lines: a small model then reads a Table II option line as a Table I line. Only the
# headings go; the table titles and the box labels that locate a value (the "3. Date of Earliest
# Transaction", "Director", "(Street)", ...) stay, and so does every cell of a data line.


def _heading(*headings: str) -> str:
    """Regex source for whole printed headings, with the column number OCR may put before them."""
    return r"(?<![\w.,/$])(?:\d{1,2}A?\s*\.\s*)?(?:" + _sentence(*headings) + r")(?!\w)"


_COLUMN_HEADINGS = re.compile(
    _heading(
        "Title of Derivative Security",
        "Conversion or Exercise Price of Derivative Security",
        "Number of Derivative Securities Acquired (A) or Disposed of (D)",
        "Date Exercisable and Expiration Date",
        "Title and Amount of Securities Underlying Derivative Security",
        "Number of derivative Securities Beneficially Owned Following Reported Transaction(s)",
        "Amount of Securities Beneficially Owned Following Reported Transaction(s)",
        "Price of Derivative Security",
        "Title of Security",
        "Deemed Execution Date, if any",
        "Securities Acquired (A) or Disposed Of (D)",
        "Ownership Form: Direct (D) or Indirect (I)",
        "Nature of Indirect Beneficial Ownership",
    ),
    re.IGNORECASE,
)
"""Whole headings are unmistakable in any case; none is a prefix of a table title."""
_HEADING_FRAGMENTS = re.compile(
    # A fragment listed before any shorter one it starts with, so that all of it goes.
    _heading(
        "Transaction Date",
        "Transaction Code",
        "Deemed Execution Date",
        "Execution Date, if any",
        "Conversion or Exercise Price",
        "Conversion or Exercise",
        "Derivative Security",
        "Securities Underlying",
        "Date Exercisable",
        "Expiration Date",
        "Amount or Number of Shares",
        "Beneficially Owned Following",
        "Owned Following",
        "Reported Transaction(s)",
        "Ownership Form:",
        "Ownership Form",
        "Form: Direct (D) or Indirect (I)",
        "Direct (D) or Indirect (I)",
        "Nature of Indirect Beneficial",
        "Nature of Indirect",
        "Indirect Beneficial Ownership",
    )
)
"""What OCR leaves of a heading it broke up or interleaved with its neighbours. Matched only in
the printed Title Case, as the same words in a footnote's prose are usually lower case."""
_SUB_HEADINGS = re.compile(
    r"(?<!\w)Co\s*de(?:\s*V)?(?:\s*Amount)?\s*\(A\)(?:\s*or)?(?:\s*\(D\))?(?:\s*Price(?!\w))?"
    # Table II's row goes on with the Date Exercisable, Expiration Date and Title columns' words,
    # in whatever order OCR read them, up to the first cell that is not one of them.
    + r"(?:[^\S\n]*(?:Date|Exercisable|Expiration|Title|Amount|or|Number|of|Shares)(?!\w))*",
    re.IGNORECASE,
)
"""The row under the headings: "Code V Amount (A) or (D) Price" and Table II's longer one."""
_INSTRUCTIONS = re.compile(
    # "(Instr. 3, 4 and 5)" and what OCR makes of it: "(Instr.) 8)", "nstr. 3, 4", "str. 4)".
    # An opening bracket or a full stop is required, or a ticker "[STR]" would go.
    r"(?:\(\s*I?n?str\b\.?|(?<!\w)I?n?str\.)"
    + r"(?:\s*\)\s*\d\s*\)|\s*\d(?:\s*,\s*\d)*(?:\s*and\s*\d)?(?![\d,./])(?:\s*\))?|(?:\s*\))?)"
    # "(Month/Day/Year)" and its cut ends: "nth/Day/Year)", "(Month/Day/Yea", "Day/Year)".
    + r"|(?i:(?:\(\s*|(?<![\w/]))(?:(?:Mo)?n?th\s*/\s*)?Day\s*/\s*Y(?:e(?:ar?)?)?(?!\w)(?:\s*\))?)"
    + "|(?i:"
    + _sentence("(e.g., puts, calls, warrants, options, convertible securities)")
    + ")"
)
"""The columns' and boxes' fill-in instructions; a label they follow ("3. Date of Earliest
Transaction") locates a value and stays."""

_HEADINGS: tuple[re.Pattern[str], ...] = (
    _COLUMN_HEADINGS,  # before the fragments, which would leave "1. Title of" of a heading
    _SUB_HEADINGS,
    _HEADING_FRAGMENTS,
    _INSTRUCTIONS,
)

_HEADING_WORDS = frozenset(
    word.lower()
    for heading in (
        "Title of Derivative Security Conversion or Exercise Price Number Securities Acquired",
        "Disposed Date Exercisable and Expiration Amount Underlying Beneficially Owned Following",
        "Reported Transaction Deemed Execution if any Code Ownership Form Direct",
        "Indirect Nature Beneficial Instr",
    )
    for word in heading.split()
)
"""The words of the column headings, which no data cell is made of alone: not a code ("A", "D",
"I"), and not "Shares", which OCR may split off a title cell like "Performance Shares"."""
_HEADING_MARK = re.compile(r"\d{1,2}A?\.|\([ADI]\)|[-,.:;/()]+")
"""A column number ("3A."), a column's "(A)", "(D)" or "(I)", or bare punctuation."""
_TABLE_TITLE = re.compile(r"Derivative\s*Securities\s*Acquired\s*,\s*Disposed", re.IGNORECASE)
"""Either table's title, with or without its "Table I - Non-" (seed 002 lost it): every word of it
is a heading word too, so it is named to be kept."""
_HEADING_CUT = "\ue001"
"""Marks a cut heading until the words between two of them are judged; then it is a cut."""

_REMOVED = "\ue000"
"""Private-use character marking where boilerplate was cut, to find lines left with nothing."""
_WORD_CHARACTER = re.compile(r"\w")


def clean_text(text: str) -> str:
    """Return OCR text with tool markup normalised and the form's boilerplate and headings cut."""
    text = _normalise_artifacts(text.replace(_REMOVED, "").replace(_HEADING_CUT, ""))
    text = _remove_boilerplate(text)
    return _normalise_whitespace(text)


def _normalise_artifacts(text: str) -> str:
    text = html.unescape(text).translate(_OCR_LOOKALIKES)
    for pattern, replacement in _ARTIFACTS:
        text = pattern.sub(replacement, text)
    return text


def _remove_boilerplate(text: str) -> str:
    """Cut boilerplate phrases and headings, then drop the lines that held nothing else."""
    for pattern in _BOILERPLATE:
        text = pattern.sub(_cut_unless_checked, text)
    text = _cut_headings(text)
    lines = text.split("\n")
    return "\n".join(line.replace(_REMOVED, " ") for line in lines if _holds_data(line))


def _cut_unless_checked(match: re.Match[str]) -> str:
    return match[0] if match.groupdict().get("checked") else _REMOVED


def _cut_headings(text: str) -> str:
    """Cut the headings, then the loose heading words OCR scattered between two of them."""
    for pattern in _HEADINGS:
        text = pattern.sub(_cut_heading, text)
    text = "\n".join(map(_cut_between_headings, text.split("\n")))
    return text.replace(_HEADING_CUT, _REMOVED)


def _cut_heading(match: re.Match[str]) -> str:
    """A cut per line the heading spanned: the lines around a wrapped heading are not joined."""
    return "\n".join([_HEADING_CUT] * (1 + match[0].count("\n")))


def _cut_between_headings(line: str) -> str:
    """Text between two cut headings of one line goes if it is heading words only: OCR shuffles
    a table's headings into one line (seed 002), and what no pattern caught lies between the
    rest. One data cell among them ("A", "125,000", "Stock") or a table title keeps the stretch;
    text before the first or after the last cut stays, as names and box labels border on cuts."""
    if _HEADING_CUT not in line:
        return line
    first, *between, last = line.split(_HEADING_CUT)
    kept = ("" if _only_heading_words(part) else part for part in between)
    return _HEADING_CUT.join([first, *kept, last])


def _only_heading_words(text: str) -> bool:
    return not _TABLE_TITLE.search(text) and all(map(is_heading_word, text.split()))


def is_heading_word(token: str) -> bool:
    """A heading word, a piece of one that OCR split off ("Securi", "ties"; three letters at
    least), or a column number or mark."""
    if _HEADING_MARK.fullmatch(token):
        return True
    word = token.strip(",.:;()").lower()
    return word in _HEADING_WORDS or (
        len(word) >= 3
        and any(heading.startswith(word) or heading.endswith(word) for heading in _HEADING_WORDS)
    )


def _holds_data(line: str) -> bool:
    return _REMOVED not in line or _WORD_CHARACTER.search(line.replace(_REMOVED, "")) is not None


def _normalise_whitespace(text: str) -> str:
    """One space between words and one blank line between blocks; line breaks are layout."""
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return _EXTRA_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
