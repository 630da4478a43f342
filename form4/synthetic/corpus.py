"""A corpus of labelled fixtures: filings drawn, printed, scanned and read back by OCR.

Every fixture is made from its own seed (the corpus seed and its index), so a corpus is the same
whatever the number of worker processes, and any one fixture can be made again alone. Each
writes ``NAME.txt`` (the OCR text, the extractor's input), ``NAME.pdf`` (the printed form with
its text layer), ``NAME.xml`` (the gold ownershipDocument) and, for a defective filing,
``NAME.expect.json`` (the rule the validators should raise and where); ``manifest.json`` lists
them with each OCR's character error rate against the PDF's text layer.
"""

from __future__ import annotations

import os
import random
import statistics
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from pydantic import BaseModel, Field

from form4.edgar_xml import to_xml
from form4.errors import InputError
from form4.evals.expected import Defect
from form4.evals.run import MANIFEST
from form4.files import write_atomic
from form4.schema import Form4Filing
from form4.synthetic.defects import inject_defect
from form4.synthetic.ocr import character_error_rate, ocr_pages, tesseract
from form4.synthetic.render import render_pdf, text_layer
from form4.synthetic.scan import NoiseLevel, scan
from form4.synthetic.truth import sample_filing

LIBRARIES = ("faker", "reportlab", "pypdfium2", "pillow", "numpy", "pytesseract")
"""Whose versions shape a fixture's bytes, recorded so a differing regeneration can be told
apart from a changed generator."""


class FixtureSpec(BaseModel):
    """What decides one fixture: its place in the corpus, its noise level, whether it is broken."""

    name: str
    seed: int
    index: int
    noise: NoiseLevel
    defective: bool


class FixtureRecord(BaseModel):
    name: str
    noise: NoiseLevel
    pages: int
    cer: float = Field(description="OCR character error rate against the PDF's text layer.")
    defect: Defect | None = None


class CerRange(BaseModel):
    fixtures: int
    min: float
    median: float
    max: float


class Manifest(BaseModel):
    seed: int
    n: int
    defects: int
    versions: dict[str, str]
    cer_by_noise: dict[NoiseLevel, CerRange]
    fixtures: list[FixtureRecord]


def plan(n: int, seed: int, noise: NoiseLevel | None, defects: float) -> list[FixtureSpec]:
    """Levels in turn (or the one asked for) and exactly ``round(n * defects)`` defective
    fixtures, spread by the seed, so a small corpus still has every level and some defects."""
    if n < 1:
        raise ValueError("a corpus needs at least one fixture")
    if not 0 <= defects <= 1:
        raise ValueError("the share of defective fixtures is between 0 and 1")
    levels = [noise] if noise is not None else list(NoiseLevel)
    broken = set(random.Random(f"form4-defects:{seed}").sample(range(n), round(n * defects)))
    return [
        FixtureSpec(
            name=f"{index:03d}_{levels[index % len(levels)]}",
            seed=seed,
            index=index,
            noise=levels[index % len(levels)],
            defective=index in broken,
        )
        for index in range(n)
    ]


@dataclass(frozen=True)
class Printed:
    """A fixture up to the paper: what needs no OCR engine, so any machine can make it again."""

    filing: Form4Filing
    defect: Defect | None
    pdf: bytes
    scan_seed: int


def printed(spec: FixtureSpec) -> Printed:
    rng = random.Random(f"form4-fixture:{spec.seed}:{spec.index}")
    filing = sample_filing(rng)
    defect = None
    if spec.defective:
        filing, defect = inject_defect(filing, rng)
    return Printed(filing, defect, render_pdf(filing), rng.getrandbits(32))


def make_fixture(spec: FixtureSpec) -> tuple[dict[str, bytes], FixtureRecord]:
    """The files of one fixture by name, and its manifest entry."""
    paper = printed(spec)
    pages = scan(paper.pdf, spec.noise, seed=paper.scan_seed)
    text = ocr_pages(pages)
    files = {
        f"{spec.name}.txt": text.encode("utf-8") + b"\n",
        f"{spec.name}.pdf": paper.pdf,
        f"{spec.name}.xml": to_xml(paper.filing).encode("utf-8"),
    }
    if paper.defect is not None:
        label = paper.defect.model_dump_json(indent=2) + "\n"
        files[f"{spec.name}.expect.json"] = label.encode("utf-8")
    cer = round(character_error_rate(text_layer(paper.pdf), text), 4)
    record = FixtureRecord(
        name=spec.name, noise=spec.noise, pages=len(pages), cer=cer, defect=paper.defect
    )
    return files, record


def tesseract_version() -> str:
    return str(tesseract().get_tesseract_version()).split()[0]


Track = Callable[[Iterable[FixtureRecord], int], Iterable[FixtureRecord]]


def make_corpus(
    out: Path,
    n: int,
    seed: int,
    noise: NoiseLevel | None = None,
    defects: float = 0.2,
    jobs: int | None = None,
    track: Track = lambda records, _: records,
) -> Manifest:
    """Make the corpus in ``out``; the manifest is written last, once every fixture is."""
    specs = plan(n, seed, noise, defects)
    earlier = _earlier(out)
    tesseract()  # a missing OCR engine is one clear error before any work, not one per worker
    if earlier is not None:
        _remove(out, earlier)
    workers = min(jobs or os.cpu_count() or 1, len(specs))
    records = list(track(_made(specs, out, workers), len(specs)))
    records.sort(key=lambda record: record.name)
    manifest = Manifest(
        seed=seed,
        n=n,
        defects=sum(record.defect is not None for record in records),
        versions={"tesseract": tesseract_version()} | {name: version(name) for name in LIBRARIES},
        cer_by_noise=_cer_ranges(records),
        fixtures=records,
    )
    write_atomic(out / MANIFEST, manifest.model_dump_json(indent=2) + "\n")
    return manifest


FILES = (".txt", ".pdf", ".xml", ".expect.json")


def _earlier(out: Path) -> Manifest | None:
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
        return Manifest.model_validate_json(manifest.read_bytes())
    except ValueError as error:
        raise InputError(f"{manifest} is not a fixture manifest: {error}") from error


def _remove(out: Path, earlier: Manifest) -> None:
    """Manifest first, so an interrupted run never leaves a manifest naming missing files."""
    (out / MANIFEST).unlink()
    for record in earlier.fixtures:
        for suffix in FILES:
            (out / f"{record.name}{suffix}").unlink(missing_ok=True)


def _made(specs: list[FixtureSpec], out: Path, jobs: int) -> Iterator[FixtureRecord]:
    """Fixtures as they are made, each written as soon as it is."""
    if jobs == 1:
        made: Iterable[tuple[dict[str, bytes], FixtureRecord]] = map(make_fixture, specs)
        yield from _written(made, out)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from _written(pool.map(make_fixture, specs), out)


def _written(
    made: Iterable[tuple[dict[str, bytes], FixtureRecord]], out: Path
) -> Iterator[FixtureRecord]:
    for files, record in made:
        for name, data in files.items():
            write_atomic(out / name, data)
        yield record


def _cer_ranges(records: list[FixtureRecord]) -> dict[NoiseLevel, CerRange]:
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
