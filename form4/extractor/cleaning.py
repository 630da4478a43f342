"""Normalising OCR text and removing the Form 4's fixed boilerplate before it is prompted.

A small model reads the prompt with a small context: every token of markup or of the form's
standard legal text is a token not spent on the filer's values, and a distraction. Removal is
deliberately phrase by phrase, never "everything after the Reminder": OCR scatters real values
between the boilerplate sentences (a date, a signature, a price), so only the boilerplate itself
goes, and a line is dropped only when nothing but boilerplate was on it.
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
    + r"|Washington\s*,?\s*D\s*\.?\s*C\s*\.?\s*20549\b"
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
_NOTE_REFERENCE_MARK = re.compile(r"\*\*(?=\s*Signature)")
"""The ``**`` of "** Signature of Reporting Person" points at the dropped misstatements note."""

_BOILERPLATE: tuple[re.Pattern[str], ...] = (
    _CLOSING_REMINDERS,  # first: its last sentence ends in "OMB Number", which _OMB_BOX would split
    _SEC_LETTERHEAD,
    _OMB_BOX,
    _FILED_PURSUANT,
    _SECTION_16_CHECK_BOX,
    _NOTE_REFERENCE_MARK,
)

_REMOVED = "\ue000"
"""Private-use character marking where boilerplate was cut, to find lines left with nothing."""
_WORD_CHARACTER = re.compile(r"\w")


def clean_text(text: str) -> str:
    """Return OCR text with tool markup normalised and the form's fixed boilerplate removed."""
    text = _normalise_artifacts(text.replace(_REMOVED, ""))
    text = _remove_boilerplate(text)
    return _normalise_whitespace(text)


def _normalise_artifacts(text: str) -> str:
    text = html.unescape(text).translate(_OCR_LOOKALIKES)
    for pattern, replacement in _ARTIFACTS:
        text = pattern.sub(replacement, text)
    return text


def _remove_boilerplate(text: str) -> str:
    """Cut boilerplate phrases, then drop the lines that held nothing else (bullets included)."""
    for pattern in _BOILERPLATE:
        text = pattern.sub(_cut_unless_checked, text)
    lines = text.split("\n")
    return "\n".join(line.replace(_REMOVED, " ") for line in lines if _holds_data(line))


def _cut_unless_checked(match: re.Match[str]) -> str:
    return match[0] if match.groupdict().get("checked") else _REMOVED


def _holds_data(line: str) -> bool:
    return _REMOVED not in line or _WORD_CHARACTER.search(line.replace(_REMOVED, "")) is not None


def _normalise_whitespace(text: str) -> str:
    """One space between words and one blank line between blocks; line breaks are layout."""
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return _EXTRA_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
