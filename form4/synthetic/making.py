"""What every corpus of printed, scanned and OCR'd fixtures shares, whatever the filings are.

A synthetic corpus draws its filings and a real-filings corpus reads them from EDGAR files, but
both read the printed page back the same way (a seeded scan, Tesseract, the character error rate
against the PDF's own text layer) and keep their folder the same way: an earlier corpus is
replaced whole, manifest first, each fixture's files are written as soon as it is made, and the
new manifest last, so an interrupted run never leaves a manifest naming missing files.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field

from form4.errors import InputError
from form4.evals.run import MANIFEST
from form4.files import write_atomic
from form4.synthetic.ocr import PAGE_SEGMENTATION, character_error_rate, ocr_pages, tesseract
from form4.synthetic.render import text_layer
from form4.synthetic.scan import NoiseLevel, scan

PRINTING_LIBRARIES = ("reportlab", "pypdfium2", "pillow", "numpy", "pytesseract")
"""Whose versions shape the bytes of a printed and scanned page, recorded so a differing
regeneration can be told apart from a changed printer."""

FILES = (".txt", ".pdf", ".xml", ".expect.json")
"""Every file a fixture may have, removed with it when its corpus is replaced."""


class OcrRecord(BaseModel):
    """A fixture's manifest entry as far as every corpus has one."""

    name: str
    noise: NoiseLevel
    pages: int
    cer: float = Field(description="OCR character error rate against the PDF's text layer.")


class CerRange(BaseModel):
    fixtures: int
    min: float
    median: float
    max: float


@dataclass(frozen=True)
class ReadBack:
    """A printed page as OCR returns it, and how far that is from the page's own text."""

    text: str
    pages: int
    cer: float


def read_back(
    pdf: bytes, noise: NoiseLevel, scan_seed: int, psm: int = PAGE_SEGMENTATION
) -> ReadBack:
    pages = scan(pdf, noise, seed=scan_seed)
    text = ocr_pages(pages, psm=psm)
    return ReadBack(text, len(pages), round(character_error_rate(text_layer(pdf), text), 4))


def tesseract_version() -> str:
    return str(tesseract().get_tesseract_version()).split()[0]


def versions(libraries: Sequence[str]) -> dict[str, str]:
    return {"tesseract": tesseract_version()} | {name: version(name) for name in libraries}


def cer_ranges(records: Sequence[OcrRecord]) -> dict[NoiseLevel, CerRange]:
    ranges = {}
    for level in NoiseLevel:
        rates = [record.cer for record in records if record.noise is level]
        if rates:
            ranges[level] = CerRange(
                fixtures=len(rates),
                min=min(rates),
                median=round(statistics.median(rates), 4),
                max=max(rates),
            )
    return ranges


S = TypeVar("S")
R = TypeVar("R", bound=OcrRecord)
Made = tuple[dict[str, bytes], R]
"""A fixture's files by name, and its manifest entry."""
Track = Callable[[Iterable[R], int], Iterable[R]]


def write_fixtures(
    out: Path,
    specs: Sequence[S],
    make: Callable[[S], Made[R]],
    jobs: int | None,
    track: Track[R],
) -> list[R]:
    """Replace any corpus in ``out`` by the fixtures ``make`` makes of ``specs``, in name order;
    the caller writes the manifest (:func:`write_manifest`) once they all are.

    ``make`` runs in worker processes when ``jobs`` allows more than one, so it and its specs
    must pickle."""
    earlier = _earlier(out)
    tesseract()  # a missing OCR engine is one clear error before any work, not one per worker
    if earlier is not None:
        _remove(out, earlier)
    workers = min(jobs or os.cpu_count() or 1, len(specs))
    records = list(track(_made(specs, make, out, workers), len(specs)))
    return sorted(records, key=lambda record: record.name)


def write_manifest(out: Path, manifest: BaseModel) -> None:
    write_atomic(out / MANIFEST, manifest.model_dump_json(indent=2) + "\n")


class _Named(BaseModel):
    name: str


class _Listed(BaseModel):
    """What any corpus's manifest says of its fixtures: enough to remove them."""

    fixtures: list[_Named]


def _earlier(out: Path) -> _Listed | None:
    """The corpus already in ``out``, to be replaced whole; a folder holding anything else is
    refused rather than mixed with fixtures."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        if out.is_dir() and any(out.iterdir()):
            raise InputError(
                f"{out} is not empty and holds no fixture corpus: choose another folder"
            )
        return None
    try:
        return _Listed.model_validate_json(manifest.read_bytes())
    except ValueError as error:
        raise InputError(f"{manifest} is not a fixture manifest: {error}") from error


def _remove(out: Path, earlier: _Listed) -> None:
    """Manifest first, so an interrupted run never leaves a manifest naming missing files."""
    (out / MANIFEST).unlink()
    for record in earlier.fixtures:
        for suffix in FILES:
            (out / f"{record.name}{suffix}").unlink(missing_ok=True)


def _made(specs: Sequence[S], make: Callable[[S], Made[R]], out: Path, jobs: int) -> Iterator[R]:
    """Fixtures as they are made, each written as soon as it is."""
    if jobs == 1:
        yield from _written(map(make, specs), out)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from _written(pool.map(make, specs), out)


def _written(made: Iterable[Made[R]], out: Path) -> Iterator[R]:
    for files, record in made:
        for name, data in files.items():
            write_atomic(out / name, data)
        yield record
