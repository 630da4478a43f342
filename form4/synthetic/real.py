"""Real EDGAR filings as labelled fixtures: each gold file printed, scanned and read back by OCR.

The gold is the filer's ``ownershipDocument`` exactly as filed, so nothing of the label is ours;
the page printed from it is the SEC's rendering of that document (numbers as EDGAR's rendering
shows them: ``1500.0000`` as ``1,500``, ``29.6100`` as ``$29.61``), and everything the scorer
compares is on it. Each fixture draws its scan from the corpus seed and its own name, so any one
can be made again alone and a corpus is the same whatever the number of worker processes.

The fixtures are split once into ``dev`` and ``test`` halves by issuer: a fixture's half is the
parity of the SHA-256 of its issuer's CIK (ten digits), so every filing of one company is on the
same side, a filing added later of a known issuer joins its company's half, and nothing about a
filing's difficulty enters the choice.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from form4.edgar_xml import from_xml, issuer_cik
from form4.errors import InputError
from form4.files import read_input
from form4.schema import Form4Filing, Form4Model
from form4.synthetic.halves import Split, split_of
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

__all__ = ["RealManifest", "RealRecord", "Split", "as_rendered", "make_real_corpus", "split_of"]

PAGE_SEGMENTATIONS = (4, 6)
"""Tesseract's modes real OCR text comes from: a column of variable sizes, or one block."""


@dataclass(frozen=True)
class PrintSpec:
    """What decides one fixture: its gold bytes, how it is scanned and read, and its half."""

    name: str
    gold: bytes
    issuer_cik: str
    split: Split
    noise: NoiseLevel
    psm: int
    scan_seed: int


class RealRecord(OcrRecord):
    psm: int
    split: Split
    issuer_cik: str


class SplitSize(BaseModel):
    filings: int
    issuers: int


class RealManifest(BaseModel):
    seed: int
    n: int
    versions: dict[str, str]
    cer_by_noise: dict[NoiseLevel, CerRange]
    splits: dict[Split, SplitSize]
    fixtures: list[RealRecord]


def read_golds(paths: list[Path]) -> dict[str, bytes]:
    """Gold bytes by fixture name (the file's stem), every one checked before any work, so that
    bad input is one error and nothing is written."""
    golds: dict[str, bytes] = {}
    for path in paths:
        data = read_input(path)
        try:
            from_xml(data)
            issuer_cik(data)
        except InputError as error:
            raise InputError(f"{path}: {error}") from error
        if path.stem in golds:
            raise InputError(f"{path}: a second gold file named {path.stem}")
        golds[path.stem] = data
    return golds


def plan(
    golds: dict[str, bytes], seed: int, noise: NoiseLevel | None, psm: int | None
) -> list[PrintSpec]:
    """Levels in turn and modes in turn over the fixtures in an order drawn from the seed, so
    each level has its share of fixtures and of both modes, whatever the names."""
    order = sorted(golds)
    random.Random(f"form4-real:{seed}").shuffle(order)
    levels = [noise] if noise is not None else list(NoiseLevel)
    specs = []
    for place, name in enumerate(order):
        cik = issuer_cik(golds[name])
        digest = hashlib.sha256(f"form4-real-scan:{seed}:{name}".encode()).digest()
        specs.append(
            PrintSpec(
                name=name,
                gold=golds[name],
                issuer_cik=cik,
                split=split_of(cik),
                noise=levels[place % len(levels)],
                psm=psm or PAGE_SEGMENTATIONS[place // len(levels) % len(PAGE_SEGMENTATIONS)],
                scan_seed=int.from_bytes(digest[:4], "big"),
            )
        )
    return sorted(specs, key=lambda spec: spec.name)


M = TypeVar("M", bound=Form4Model)


def as_rendered(filing: M) -> M:
    """The filing with its numbers as EDGAR's rendering prints them: without trailing zeros.

    The gold keeps the filer's digits; a number equals itself either way, so scoring is not
    touched, only the page."""
    changes: dict[str, Any] = {}
    for name in type(filing).model_fields:
        value = getattr(filing, name)
        if isinstance(value, Decimal):
            changes[name] = _plain(value)
        elif isinstance(value, Form4Model):
            changes[name] = as_rendered(value)
        elif isinstance(value, list):
            changes[name] = [as_rendered(v) if isinstance(v, Form4Model) else v for v in value]
    return filing.model_copy(update=changes)


def _plain(value: Decimal) -> Decimal:
    """1500.0000 as 1500 and 29.6100 as 29.61, never in exponent form (1.5E+3)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def printed_pdf(gold: bytes) -> bytes:
    """The page of a gold file: what its fixture's PDF is, byte for byte."""
    filing: Form4Filing = from_xml(gold)
    return render_pdf(as_rendered(filing))


def make_fixture(spec: PrintSpec) -> tuple[dict[str, bytes], RealRecord]:
    """The files of one fixture by name, and its manifest entry."""
    pdf = printed_pdf(spec.gold)
    read = read_back(pdf, spec.noise, spec.scan_seed, spec.psm)
    files = {
        f"{spec.name}.txt": read.text.encode("utf-8") + b"\n",
        f"{spec.name}.pdf": pdf,
        f"{spec.name}.xml": spec.gold,
    }
    record = RealRecord(
        name=spec.name,
        noise=spec.noise,
        pages=read.pages,
        cer=read.cer,
        psm=spec.psm,
        split=spec.split,
        issuer_cik=spec.issuer_cik,
    )
    return files, record


def make_real_corpus(
    out: Path,
    golds: list[Path],
    seed: int = 0,
    noise: NoiseLevel | None = None,
    psm: int | None = None,
    jobs: int | None = None,
    track: Track[RealRecord] = lambda records, _: records,
    half: Split | None = None,
) -> RealManifest:
    """Print every gold file into a corpus in ``out``, or those of one half only (the dev half
    printed again at another level is more to develop on, the test half untouched); the
    manifest is written last."""
    read = read_golds(golds)
    if half is not None:
        read = {name: gold for name, gold in read.items() if split_of(issuer_cik(gold)) is half}
    specs = plan(read, seed, noise, psm)
    records = write_fixtures(out, specs, make_fixture, jobs, track)
    manifest = RealManifest(
        seed=seed,
        n=len(records),
        versions=versions(PRINTING_LIBRARIES),
        cer_by_noise=cer_ranges(records),
        splits={
            split: SplitSize(
                filings=sum(record.split is split for record in records),
                issuers=len({r.issuer_cik for r in records if r.split is split}),
            )
            for split in Split
        },
        fixtures=records,
    )
    write_manifest(out, manifest)
    return manifest
