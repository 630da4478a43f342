"""Footnote references and footnotes resolve to each other (an EDGAR check), and a footnote's
words are words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

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


@rule(
    "footnotes.garbled",
    "warning",
    "A footnote's words are words: none holds a colon or semicolon between its letters, as OCR "
    "prints a garbled word.",
)
def garbled(context: Context) -> Iterator[Finding]:
    """A footnote read from a garbled print is copied with its garbled words, which the pattern
    that reads it cannot mend; a reviewer reads those words on the form."""
    for note in context.filing.footnotes:
        words = _GARBLED_WORD.findall(note.text)
        if words:
            yield Finding(
                f"{note.id} holds {', '.join(map(repr, words))}, a word as OCR garbles one",
                [footnote_path(note.id)],
                {"footnoteId": note.id, "words": words},
            )
