"""The words of the bottom of a Form 4 as OCR prints them: the filer's writing, the specks
around it, and the phrases of the form's printed instructions.

The explanations, the remarks and the signature block share the lines of the form's bottom, so
their readers tell a filer's words from OCR's dirt and from the form's own words in one way.
"""

from __future__ import annotations

import re

# --- Words -----------------------------------------------------------------------------------

QUOTES = "\"'\u2018\u2019\u201c\u201d"
SENTENCE_END = re.compile(rf"[\w){QUOTES}][.!?][{QUOTES})]*$")
_CLEAN_WORD = re.compile(rf"[({QUOTES}]*[\w$%&/'\u2019.,()-]*[.,;:){QUOTES}]*")
_BROKEN_WORD = re.compile(r"[a-z][:;!?+=~<>@][a-z]|\d[a-z]{2,}|[a-z]{2,}\d", re.IGNORECASE)
_PLAIN_WORD = re.compile(r"[A-Za-z'\u2019-]{3,}[.,;:]?")
LOWER_WORD = re.compile(r"[a-z]{3,}\W*")


def alnum(token: str) -> int:
    return sum(character.isalnum() for character in token)


def is_speck(token: str) -> bool:
    """A token without a letter or digit: OCR's reading of a mark, a rule or dirt."""
    return alnum(token) == 0


def is_prose(text: str, least: int) -> bool:
    """Enough plain words to be writing rather than a table value or specks."""
    return sum(bool(_PLAIN_WORD.fullmatch(word)) for word in text.split()) >= least


def is_broken(word: str) -> bool:
    """Whether OCR broke a word: punctuation inside it, letters run into digits, or a character
    no filer types."""
    return not _CLEAN_WORD.fullmatch(word) or bool(_BROKEN_WORD.search(word))


def trim(text: str) -> str:
    """The text without the specks OCR reads in the margin around it.

    Fragments of two characters or fewer after the last full stop are such specks ("2028. i . s
    Ms"); a sentence of the filer's does not end that way."""
    tokens = text.split()
    ends = [i for i, token in enumerate(tokens) if SENTENCE_END.search(token)]
    if ends and all(alnum(token) <= 2 for token in tokens[ends[-1] + 1 :]):
        tokens = tokens[: ends[-1] + 1]
    while tokens and is_speck(tokens[-1]):
        tokens.pop()
    while tokens and is_speck(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)


# --- The form's instructions -----------------------------------------------------------------

_INSTRUCTION_PHRASES = (
    r"Remind\S*|separate\s+\S+\s+for\s*each|line\s+for\s+each\s+class"
    r"|form\s+is\s+\S+\s+by\W*mo\S*\s+th\S*\s+one|Instruc\S*?\W*4\s*[({i]\S*(?:\s+[({]?v[)}]\S*)?"
    r"|of\s+facts\s+con|Federal\s+Crim|Criminal\s+Vi|1001\s+and|78\s?ff\S*"
    r"|copies\s+of\s+this\s+Form|manually\s+sign\S*|space\s+is\s+in\S*|Instruction\s*6\s+for"
    r"|required\s+to\s+respond|collection\s+of\s+info\S*|currently\s+val\S*(?:\s+\S{3}\s+Num\S*)?"
)
INSTRUCTION = re.compile(_INSTRUCTION_PHRASES, re.IGNORECASE)
"""Phrases of the form's printed instructions below the explanations that no explanation or
remark of a filer's would use, one of which survives OCR on nearly every line of them."""
INSTRUCTION_WORDS = re.compile(
    _INSTRUCTION_PHRASES + r"|U\.\s?S\.\s?C\S*|for\s+procedure\S*|respond\s+to\s+the",
    re.IGNORECASE,
)
"""All the instructions' phrases, for finding where they end on a line shared with a name."""
