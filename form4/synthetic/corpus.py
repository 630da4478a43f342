"""A corpus of labelled fixtures: filings drawn, printed, scanned and read back by OCR.

Every fixture is made from its own seed (the corpus seed and its index), so a corpus is the same
whatever the number of worker processes, and any one fixture can be made again alone. Each
writes ``NAME.txt`` (the OCR text, the extractor's input), ``NAME.pdf`` (the printed form with
its text layer), ``NAME.xml`` (the gold ownershipDocument) and, for a defective filing,
``NAME.expect.json`` (the rule the validators should raise and where); ``manifest.json`` lists
them with each OCR's character error rate against the PDF's text layer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from form4.edgar_xml import to_xml
from form4.evals.expected import Defect
from form4.schema import Form4Filing
from form4.synthetic.defects import inject_defect
from form4.synthetic.making import (
    PRINTING_LIBRARIES,
    CerRange,
    OcrRecord,
    Track,
    cer_ranges,
    read_back,
    versions,
    write_fixtures,
    write_manifest,
)
from form4.synthetic.render import render_pdf
from form4.synthetic.scan import NoiseLevel
from form4.synthetic.truth import sample_filing

LIBRARIES = ("faker", *PRINTING_LIBRARIES)
"""Whose versions shape a fixture's bytes: the drawing of the filing, then its printing."""


class FixtureSpec(BaseModel):
    """What decides one fixture: its place in the corpus, its noise level, whether it is broken."""

    name: str
    seed: int
    index: int
    noise: NoiseLevel
    defective: bool


class FixtureRecord(OcrRecord):
    defect: Defect | None = None


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
    read = read_back(paper.pdf, spec.noise, paper.scan_seed)
    files = {
        f"{spec.name}.txt": read.text.encode("utf-8") + b"\n",
        f"{spec.name}.pdf": paper.pdf,
        f"{spec.name}.xml": to_xml(paper.filing).encode("utf-8"),
    }
    if paper.defect is not None:
        label = paper.defect.model_dump_json(indent=2) + "\n"
        files[f"{spec.name}.expect.json"] = label.encode("utf-8")
    record = FixtureRecord(
        name=spec.name, noise=spec.noise, pages=read.pages, cer=read.cer, defect=paper.defect
    )
    return files, record


def make_corpus(
    out: Path,
    n: int,
    seed: int,
    noise: NoiseLevel | None = None,
    defects: float = 0.2,
    jobs: int | None = None,
    track: Track[FixtureRecord] = lambda records, _: records,
) -> Manifest:
    """Make the corpus in ``out``; the manifest is written last, once every fixture is."""
    specs = plan(n, seed, noise, defects)
    records = write_fixtures(out, specs, make_fixture, jobs, track)
    manifest = Manifest(
        seed=seed,
        n=n,
        defects=sum(record.defect is not None for record in records),
        versions=versions(LIBRARIES),
        cer_by_noise=cer_ranges(records),
        fixtures=records,
    )
    write_manifest(out, manifest)
    return manifest
