"""Reading a Form 4 source (OCR text or a PDF with a text layer) into one string.

Everything that makes a file unusable is caught here and reported as a one-line
:class:`~form4.errors.InputError` naming the file, so that a batch run can log the culprit and
move on instead of wasting a model call on an empty, binary or unrelated document.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pdfplumber
from rapidfuzz import fuzz

from form4.errors import InputError
from form4.files import read_input
from form4.settings import MAX_INPUT_BYTES, MAX_LINE_CHARS
from form4.validators.source_text import words

_SNIFF_BYTES = 4096
"""How much of a text file is inspected for binary content: enough to see any header."""

_MAX_CONTROL_SHARE = 0.05
"""Above this share of control bytes a file is binary; OCR text has (almost) none but tabs."""

_TEXT_CONTROLS = frozenset(b"\t\n\r\f")
_PDF_MAGIC = b"%PDF-"

_FORM4_LABELS = (
    "Name and Address of Reporting Person",
    "Issuer Name and Ticker or Trading Symbol",
    "Relationship of Reporting Person(s) to Issuer",
    "Date of Earliest Transaction",
    "Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "Explanation of Responses",
    "Signature of Reporting Person",
    "Title of Security",
    "Ownership Form: Direct (D) or Indirect (I)",
    "Date Exercisable",
    "Nature of Indirect Beneficial Ownership",
    "Persons who respond to the collection of information",
)
"""Labels the form itself prints, in full: a report or a letter about Form 4 filings names the
form and its reporting persons, but does not print its boxes and table headings."""

_MIN_FORM4_LABELS = 4
"""Every Form 4 of the seeds, the synthetic and the real corpus shows at least six of the
labels, however heavy its OCR noise; a 10-K paragraph on insiders' filings shows one or two."""

_LABEL_SCORE = 85
"""rapidfuzz ``partial_ratio`` at which a label counts as printed: OCR rarely leaves a label of
the form letter-perfect ("Name and Address of Reporting Perscr")."""

_LABELS_WITHIN = 50_000
"""The labels are searched for in the text's first this many characters, where the form's first
page is: fuzzy matching grows with the text's length, and a filing's text is a few kilobytes."""

INPUTS = (".txt", ".pdf")
"""What a folder is searched for: OCR text and PDFs (a file given by name may have any name)."""


def read_source(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_INPUT_BYTES,
    max_line_chars: int = MAX_LINE_CHARS,
) -> str:
    """Return the text of a Form 4 file, or raise :class:`InputError` saying why it is unusable.

    A ``.pdf`` is read through its text layer; any other name is read as text, because OCR
    tools emit ``.txt``, ``.md`` and extension-less files alike.
    """
    source = Path(path)
    _check_is_file(source, max_bytes)
    text = _read_pdf(source) if source.suffix.lower() == ".pdf" else _read_text(source, max_bytes)
    check_form4(text, str(source), max_line_chars)
    return text


def check_form4(text: str, name: str, max_line_chars: int = MAX_LINE_CHARS) -> None:
    """Raise :class:`InputError` unless ``text`` shows signs of a Form 4 and has no line longer
    than ``max_line_chars`` (the patterns that read a line would take minutes on one).

    Separate from :func:`read_source` so that text handed over as a string gets the same check.
    """
    if not text.strip():
        raise _input_error(name, "is empty")
    longest = max(map(len, text.splitlines()))
    if longest > max_line_chars:
        raise _input_error(
            name,
            f"has a line of {longest} characters, more than FORM4_MAX_LINE_CHARS={max_line_chars}",
        )
    page = words(text[:_LABELS_WITHIN])
    found = sum(fuzz.partial_ratio(words(label), page) >= _LABEL_SCORE for label in _FORM4_LABELS)
    if found < _MIN_FORM4_LABELS:
        raise _input_error(
            name,
            f"does not look like a Form 4 (it prints {found} of the form's labels, such as "
            f"{_FORM4_LABELS[0]!r}; a Form 4 prints at least {_MIN_FORM4_LABELS})",
        )


def _check_is_file(source: Path, max_bytes: int) -> None:
    """Only a regular file of bounded size is read: a FIFO blocks for ever, /dev/zero never
    ends, and a file of gigabytes is no Form 4."""
    try:
        info = source.stat()
    except FileNotFoundError:
        raise _input_error(source, "does not exist") from None
    except OSError as exc:
        raise _input_error(source, f"cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise _input_error(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _input_error(source, "is not a regular file (a pipe or a device)")
    if info.st_size == 0:
        raise _input_error(source, "is empty")
    if info.st_size > max_bytes:
        raise _input_error(
            source, f"is {info.st_size} bytes, more than FORM4_MAX_INPUT_BYTES={max_bytes}"
        )


def _read_text(source: Path, max_bytes: int) -> str:
    """Decode as UTF-8, replacing bad bytes: a few OCR mistakes must not lose a whole filing."""
    data = read_input(source, max_bytes)
    if data.startswith(_PDF_MAGIC):
        raise _input_error(source, "is binary: it is a PDF; give it a .pdf name")
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise _input_error(source, "is binary, not text")
    return data.decode("utf-8-sig", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if b"\0" in head:
        return True
    controls = sum(1 for byte in head if (byte < 32 or byte == 127) and byte not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(head)


def _read_pdf(source: Path) -> str:
    """Join the pages' text layers; a scanned PDF without one must be OCR'd before extraction."""
    try:
        with pdfplumber.open(source) as pdf:
            pages = [page.extract_text(layout=False) or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises assorted built-in errors on malformed files
        raise _input_error(source, f"is not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise _input_error(source, "has no text layer; OCR it first")
    return text


def _input_error(name: str | Path, problem: str) -> InputError:
    """Build the error with a single-line message, whatever the underlying library said."""
    return InputError(" ".join(f"{name}: {problem}".splitlines()))
