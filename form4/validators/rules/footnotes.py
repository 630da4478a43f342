"""Footnote references and footnotes resolve to each other (an EDGAR check)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from form4.validators.engine import Context, Finding, rule
from form4.validators.lines import header


def note_path(footnote_id: str) -> str:
    return f"{header('footnotes')}[@id='{footnote_id}']"


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
                f"{note.id} is never cited", [note_path(note.id)], {"footnoteId": note.id}
            )


@rule("footnotes.duplicate", "error", "Footnote ids are unique.")
def duplicate(context: Context) -> Iterator[Finding]:
    counts = Counter(note.id for note in context.filing.footnotes)
    for footnote_id, count in counts.items():
        if count > 1:
            yield Finding(
                f"{footnote_id} is defined {count} times",
                [note_path(footnote_id)],
                {"footnoteId": footnote_id, "count": count},
            )
