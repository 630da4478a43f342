"""Synthetic fixtures: the five gold filings printed, scanned and read back by OCR."""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

import form4
from form4 import Form4Filing, from_xml
from form4.schema import Cell, Footnote
from form4.synthetic import ocr
from form4.synthetic.ocr import (
    OcrUnavailableError,
    character_error_rate,
    ocr_available,
    ocr_pages,
)
from form4.synthetic.printing import PAGE_SIZE, printed_date, printed_dollars, printed_number
from form4.synthetic.render import render_pdf, text_layer
from form4.synthetic.scan import NoiseLevel, degrade, rasterise, scan
from tests.conftest import TESTS

GOLD = sorted((TESTS / "fixtures" / "seeds").glob("*.xml"))

_DATES = ("transaction_date", "deemed_execution_date", "exercise_date", "expiration_date")
_NUMBERS = (
    "transaction_shares",
    "underlying_security_shares",
    "shares_owned_following_transaction",
)
_DOLLARS = ("transaction_price_per_share", "conversion_or_exercise_price")
_WRAPPING = ("security_title", "underlying_security_title", "nature_of_ownership")
"""Text cells in narrow columns: their words may land on different lines of the text layer."""

CLEAN_CER_BOUND = 0.03
"""Tesseract on a clean 200 dpi render against the text layer: 0.011-0.013 on the seeds."""


@pytest.fixture(scope="module")
def filings() -> list[Form4Filing]:
    return [from_xml(path.read_bytes()) for path in GOLD]


@pytest.fixture(scope="module")
def pdfs(filings: list[Form4Filing]) -> list[bytes]:
    return [render_pdf(filing) for filing in filings]


def _lines(filing: Form4Filing) -> Iterator[Any]:
    yield from filing.non_derivative_transactions
    yield from filing.non_derivative_holdings
    yield from filing.derivative_transactions
    yield from filing.derivative_holdings


def _row_values(filing: Form4Filing) -> list[str]:
    """Dates, amounts and prices of the table lines as printed, with their footnote marks."""
    values = []
    for line in _lines(filing):
        for fields, fmt in (
            (_DATES, printed_date),
            (_NUMBERS, printed_number),
            (_DOLLARS, printed_dollars),
        ):
            for name in fields:
                cell: Cell[Any] | None = getattr(line, name, None)
                if cell is not None:
                    text = fmt(cell.value) if cell.value is not None else ""
                    values.append(text + "".join(f"({mark[1:]})" for mark in cell.footnotes))
    return values


def _printed(filing: Form4Filing) -> tuple[list[str], list[str]]:
    """What the page must show: whole strings, and the words of text cells that may wrap."""
    owner = filing.reporting_owners[0]
    whole = [
        filing.issuer.issuer_name,
        f"[ {filing.issuer.issuer_trading_symbol} ]",
        owner.rpt_owner_name,
        *(note.text for note in filing.footnotes),
        *_row_values(filing),
    ]
    if owner.officer_title:
        whole.append(owner.officer_title)
    if filing.period_of_report:
        whole.append(printed_date(filing.period_of_report))
    for signature in filing.owner_signatures:
        whole.append(signature.signature_name)
        if signature.signature_date:
            whole.append(printed_date(signature.signature_date))
    words = [
        word
        for line in _lines(filing)
        for name in _WRAPPING
        if (cell := getattr(line, name, None)) is not None and cell.value
        for word in cell.value.split()
    ]
    return whole, words


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _inside_pages(pdf: bytes) -> bool:
    """Every printed character lies on its page: nothing is pushed off an edge."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return all(
            0 <= char["x0"] <= char["x1"] <= page.width
            and 0 <= char["top"] <= char["bottom"] <= page.height
            for page in document.pages
            for char in page.chars
        )


def _long_filing(filing: Form4Filing) -> Form4Filing:
    """A seed blown up to many lines, footnotes and owners, as a stress test of the layout."""
    owner = filing.reporting_owners[0]
    others = [
        owner.model_copy(update={"rpt_owner_name": f"Owner{number} Jane", "is_director": True})
        for number in range(2, 5)
    ]
    return filing.model_copy(
        update={
            "reporting_owners": [owner, *others],
            "non_derivative_transactions": filing.non_derivative_transactions * 20,
            "derivative_transactions": filing.derivative_transactions * 15,
            "footnotes": [
                Footnote(
                    id=f"F{number}", text=f"Footnote number {number}. " + "Vesting text. " * 30
                )
                for number in range(1, 21)
            ],
            "remarks": "Exhibit 24 - Power of Attorney",
        }
    )


def test_each_seed_renders_as_one_landscape_page(pdfs: list[bytes]) -> None:
    for pdf in pdfs:
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert _pages(pdf) == 1
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            page = document.pages[0]
            assert (page.width, page.height) == pytest.approx(PAGE_SIZE)
        assert _inside_pages(pdf)


def test_rendering_is_byte_for_byte_deterministic(
    filings: list[Form4Filing], pdfs: list[bytes]
) -> None:
    assert [render_pdf(filing) for filing in filings] == pdfs


def test_text_layer_shows_every_printed_value(
    filings: list[Form4Filing], pdfs: list[bytes]
) -> None:
    for filing, pdf in zip(filings, pdfs, strict=True):
        text = _flat(text_layer(pdf))
        whole, words = _printed(filing)
        assert [value for value in whole if _flat(value) not in text] == []
        assert [word for word in words if word not in text] == []
        for heading in ("FORM 4", "OMB Number: 3235-0287", "Explanation of Responses:", "Remarks:"):
            assert heading in text


def test_values_print_as_on_paper() -> None:
    assert printed_number(Decimal("1234567.5")) == "1,234,567.5"
    assert printed_number(Decimal("1E+5")) == "100,000"
    assert printed_dollars(Decimal("0")) == "$0"
    assert printed_dollars(Decimal("12.34")) == "$12.34"


def test_long_filing_flows_onto_further_pages(filings: list[Form4Filing]) -> None:
    filing = _long_filing(filings[0])
    pdf = render_pdf(filing)
    assert _pages(pdf) >= 2
    assert _inside_pages(pdf)
    text = _flat(text_layer(pdf))
    assert all(_flat(note.text) in text for note in filing.footnotes)
    assert all(owner.rpt_owner_name in text for owner in filing.reporting_owners)
    assert text.count("10/17/2011") >= 35
    assert "Table II - Derivative Securities" in text.split("Explanation of Responses:")[0]


def test_project_reader_reads_a_render(pdfs: list[bytes], tmp_path: Path) -> None:
    path = tmp_path / "render.pdf"
    path.write_bytes(pdfs[0])
    text = form4.extract_text(path)
    assert "SONUS NETWORKS INC" in text
    assert "10/17/2011" in text


def test_scan_is_deterministic_per_seed(pdfs: list[bytes]) -> None:
    first = np.asarray(scan(pdfs[0], NoiseLevel.MEDIUM, seed=7)[0])
    again = np.asarray(scan(pdfs[0], NoiseLevel.MEDIUM, seed=7)[0])
    other = np.asarray(scan(pdfs[0], NoiseLevel.MEDIUM, seed=8)[0])
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_heavier_levels_differ_more_from_the_clean_page(pdfs: list[bytes]) -> None:
    page = rasterise(pdfs[0])[0]
    assert page.mode == "L" and page.size == (2200, 1700)
    clean = np.asarray(page, dtype=np.float64)
    distance = {
        level: float(
            np.abs(np.asarray(degrade(page, level, seed=1), dtype=np.float64) - clean).mean()
        )
        for level in NoiseLevel
    }
    assert distance[NoiseLevel.CLEAN] == 0
    assert list(distance.values()) == sorted(distance.values())
    assert len(set(distance.values())) == len(distance)


def test_character_error_rate_ignores_layout_spacing() -> None:
    assert character_error_rate("Common  Stock\n100,000", "Common Stock 100,000") == 0
    assert character_error_rate("abcd", "abed") == 0.25
    with pytest.raises(ValueError):
        character_error_rate(" \n", "text")


def test_missing_tesseract_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda _: None)
    ocr.tesseract.cache_clear()
    try:
        with pytest.raises(OcrUnavailableError, match=r"^[^\n]*install[^\n]*$"):
            ocr_pages([])
        assert not ocr_available()
    finally:
        ocr.tesseract.cache_clear()


OCR_SEEDS = (0, 1)
"""Seeds with Table I and II and with Table I only; OCR of a page takes seconds."""


@pytest.fixture(scope="module")
def readings(pdfs: list[bytes]) -> dict[NoiseLevel, list[str]]:
    """OCR text of the OCR seeds at every level, two pages at a time: Tesseract uses one core."""
    if not ocr_available():
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)")
    jobs = [(level, index) for level in NoiseLevel for index in OCR_SEEDS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda job: ocr_pages(scan(pdfs[job[1]], job[0], seed=job[1])), jobs))
    found: dict[NoiseLevel, list[str]] = {level: [] for level in NoiseLevel}
    for (level, _), text in zip(jobs, texts, strict=True):
        found[level].append(text)
    return found


@pytest.fixture(scope="module")
def error_rates(
    pdfs: list[bytes], readings: dict[NoiseLevel, list[str]]
) -> dict[NoiseLevel, list[float]]:
    references = [text_layer(pdfs[index]) for index in OCR_SEEDS]
    return {
        level: [
            character_error_rate(reference, text)
            for reference, text in zip(references, texts, strict=True)
        ]
        for level, texts in readings.items()
    }


def test_clean_scan_reads_back_close_to_the_text_layer(
    filings: list[Form4Filing],
    readings: dict[NoiseLevel, list[str]],
    error_rates: dict[NoiseLevel, list[float]],
) -> None:
    assert max(error_rates[NoiseLevel.CLEAN]) < CLEAN_CER_BOUND
    for index, text in zip(OCR_SEEDS, readings[NoiseLevel.CLEAN], strict=True):
        assert [value for value in _row_values(filings[index]) if value not in text] == []


def test_error_rate_rises_with_noise(error_rates: dict[NoiseLevel, list[float]]) -> None:
    averages = [mean(error_rates[level]) for level in NoiseLevel]
    assert averages == sorted(averages)
    assert averages[-1] > 2 * averages[0]
