"""Reading scanned pages back with Tesseract, and scoring the result against the known text.

Fixtures need OCR text with realistic errors, and a number saying how bad they are: the character
error rate against the PDF's own text layer. Tesseract reads a table rule that runs close to a
line of text as part of it, and then garbles or drops the line (often the one row of Table I), so
rules are erased before OCR, as form-reading OCR engines do. Tesseract is a system program
(Debian's ``tesseract-ocr`` and ``tesseract-ocr-eng``), so its absence is reported in one line
instead of a traceback; scoring needs neither it nor pytesseract.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from functools import cache
from types import ModuleType

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein
from scipy import ndimage

from form4.errors import Form4Error
from form4.synthetic.scan import DEFAULT_DPI

__all__ = ["OcrUnavailableError", "character_error_rate", "ocr_available", "ocr_pages"]

PAGE_SEGMENTATION = 6
"""Tesseract's "single uniform block of text": it reads a table row across the page as one line,
as OCR text of real filings has it. On the seeds' renders its error rate is below that of mode 4
(a column of text of variable sizes) at the clean, medium and heavy levels and equal at light:
mode 4 splits a skewed or noisy page into blocks and reorders them."""

_LANGUAGE = "eng"

_RULE_INCHES = 0.3
"""A horizontal ink run at least this long is a rule: longer than any letter or dash."""
_STEM_INCHES = 0.15
"""A vertical ink run at least this tall is a rule, unless it is as wide as a letter stem: it is
shorter than a one-line table cell, and taller than every letter but those of "FORM 4"."""
_STEM_WIDTH_INCHES = 0.025
"""Wider than a scanned rule, as wide as a stem of the bold "FORM 4"."""
_RIM_INCHES = 0.01
"""How far around a found rule to erase too: the grey rim that blur and resampling leave."""
_INK_CONTRAST = 40
"""Grey levels below the paper's that count as ink: catches faded rules, not scanner grain."""


class OcrUnavailableError(Form4Error):
    """Tesseract or its Python wrapper is not installed."""


def ocr_available() -> bool:
    """Whether :func:`ocr_pages` can run here."""
    try:
        tesseract()
    except OcrUnavailableError:
        return False
    return True


def ocr_pages(images: Iterable[Image.Image], psm: int = PAGE_SEGMENTATION) -> str:
    """The pages' text as Tesseract reads it, pages separated by a blank line."""
    engine = tesseract()
    texts = []
    for image in images:
        dpi = round(image.info.get("dpi", (DEFAULT_DPI,))[0])
        text = engine.image_to_string(
            _without_rules(image, dpi), lang=_LANGUAGE, config=f"--psm {psm} --dpi {dpi}"
        )
        texts.append(text.strip())
    return "\n\n".join(texts)


def _without_rules(image: Image.Image, dpi: int) -> Image.Image:
    """The page with its table rules painted over in the paper's colour."""
    pixels = np.asarray(image.convert("L"))
    paper = int(np.median(pixels))
    ink = (pixels < paper - _INK_CONTRAST).astype(np.uint8)
    rule, stem, stem_width = (
        max(1, round(inches * dpi)) for inches in (_RULE_INCHES, _STEM_INCHES, _STEM_WIDTH_INCHES)
    )
    # Opening 0/1 ink with a line keeps only runs at least that long; the grey-level opening
    # is the same on 0/1 and much faster than the binary one.
    across, upright, stems = (
        ndimage.grey_opening(ink, size=size).astype(bool)
        for size in ((1, rule), (stem, 1), (stem, stem_width))
    )
    rules = ndimage.binary_dilation(
        across | (upright & ~stems), iterations=max(1, round(_RIM_INCHES * dpi))
    )
    cleaned = pixels.copy()
    cleaned[rules] = paper
    return Image.fromarray(cleaned)


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Edit distance per reference character, with whitespace runs collapsed to one space.

    Layout spacing is not content: a table read with other gaps between its columns is still
    read right.
    """
    expected = " ".join(reference.split())
    if not expected:
        raise ValueError("the character error rate needs a non-empty reference")
    return Levenshtein.distance(expected, " ".join(hypothesis.split())) / len(expected)


@cache
def tesseract() -> ModuleType:
    """pytesseract, once it, the tesseract program and its English data are known to be there."""
    try:
        import pytesseract  # the optional [fixtures] extra
    except ImportError:
        raise OcrUnavailableError(
            "pytesseract is not installed: pip install 'form4[fixtures]'"
        ) from None
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrUnavailableError(
            "the tesseract program is not installed: "
            "apt-get install tesseract-ocr tesseract-ocr-eng"
        )
    if _LANGUAGE not in pytesseract.get_languages():
        raise OcrUnavailableError(
            "tesseract has no English language data: apt-get install tesseract-ocr-eng"
        )
    # Tesseract's OpenMP threads spin while they wait for one another: on a busy machine a page
    # then takes a minute instead of three seconds. Fixtures are many pages, so one thread each.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return pytesseract
