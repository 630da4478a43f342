"""Footnote references and footnotes resolve to each other (an EDGAR check), and a footnote's
words are words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache

from spellchecker import SpellChecker

from form4.result import footnote_path
from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import header


@rule("footnotes.unresolved", "error", "Every footnote mark refers to a footnote that exists.")
def unresolved(context: Context) -> Iterator[Finding]:
    """Named at the mark and at the footnotes, where the one it cites is missing."""
    defined = {note.id for note in context.filing.footnotes}
    for footnote_id, path in context.citations:
        if footnote_id not in defined:
            yield Finding(
                f"{footnote_id} is cited but there is no such footnote",
                [path, header("footnotes")],
                {"footnoteId": footnote_id, "defined": sorted(defined)},
            )


@rule(
    "footnotes.unreferenced",
    "warning",
    "Every footnote is cited by at least one cell (EDGAR accepts one that is not).",
)
def unreferenced(context: Context) -> Iterator[Finding]:
    cited = {footnote_id for footnote_id, _ in context.citations}
    for note in context.filing.footnotes:
        if note.id not in cited:
            yield Finding(
                f"{note.id} is never cited", [footnote_path(note.id)], {"footnoteId": note.id}
            )


@rule("footnotes.duplicate", "error", "Footnote ids are unique.")
def duplicate(context: Context) -> Iterator[Finding]:
    counts = Counter(note.id for note in context.filing.footnotes)
    for footnote_id, count in counts.items():
        if count > 1:
            yield Finding(
                f"{footnote_id} is defined {count} times",
                [footnote_path(footnote_id)],
                {"footnoteId": footnote_id, "count": count},
            )


_GARBLED_WORD = re.compile(r"\S*[A-Za-z][:;][A-Za-z.]\S*")
"""A word with a colon or semicolon between its letters. Prose sets a space after one; OCR prints
one where it garbles a word ("the:reported", "ove:n=:ms", "i:.o.anrcrns" for installments). Every
such word of the real corpus's and the synthetic corpus's OCR texts was garbled, and none of the
60 real filings as filed writes one."""
_PLAIN_WORD = re.compile(r"(?<![\w'\u2019-])[a-z]{4,}(?![\w'\u2019-])")
"""A word in small letters, of four or more: names and acronyms, which no dictionary holds, are
capitalised, and shorter words are too often a garbled word's fragment to count."""
_FILERS_WORDS = ("counterparty", "dispositive", "fide", "nondiscretionary", "settlors", "unvested")
"""Words the filers write that the dictionary lacks: with them, no footnote or remark of the 60
real filings as filed, the synthetic corpus's or the seeds' holds a word it does not know."""
_UNKNOWN_SHARE = 0.15
"""Of a text's plain words, the share the dictionary must not know for it to be garbled. Over
the footnotes and remarks read from the dev half, its prints and two synthetic corpora, a text
with one such word in seven or more was wrong nine times in 37 where nothing flagged it, and
flagged 28 read right but for OCR's misspellings in them ("Shares eitihedd for the payrvent
of the tax"); no filing that came out ``ok``."""


@cache
def _dictionary() -> Mapping[str, int]:
    """pyspellchecker's English word list (its words in small letters, with their counts)."""
    words = SpellChecker(language="en").word_frequency
    words.load_words(_FILERS_WORDS)
    return words.dictionary


def _garbled_words(text: str) -> list[str]:
    """The words of ``text`` that OCR garbled: one with a colon or semicolon between its
    letters, and plain words no English dictionary holds where they are a share of them."""
    words = _GARBLED_WORD.findall(text)
    plain = _PLAIN_WORD.findall(_GARBLED_WORD.sub(" ", text))
    known = _dictionary()
    misspelt = [word for word in plain if word not in known]
    if misspelt and len(misspelt) >= _UNKNOWN_SHARE * len(plain):
        words += [word for word in dict.fromkeys(misspelt) if word not in words]
    return words


@rule(
    "footnotes.garbled",
    "warning",
    "A footnote's or the remarks' words are words: none holds a colon or semicolon between its "
    "letters, as OCR prints a garbled word, and an English dictionary holds nearly all of them.",
)
def garbled(context: Context) -> Iterator[Finding]:
    """A footnote or the remarks read from a garbled print are copied with their garbled words,
    which the pattern that reads them cannot mend; a reviewer reads those words on the form."""
    for note in context.filing.footnotes:
        words = _garbled_words(note.text)
        if words:
            yield Finding(
                f"{note.id} holds {', '.join(map(repr, words))}, as OCR garbles words",
                [footnote_path(note.id)],
                {"footnoteId": note.id, "words": words},
            )
    remarks = context.filing.remarks
    words = _garbled_words(remarks) if remarks else []
    if words:
        yield Finding(
            f"the remarks hold {', '.join(map(repr, words))}, as OCR garbles words",
            [header("remarks")],
            {"words": words},
        )
