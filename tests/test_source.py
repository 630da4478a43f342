"""Reading sources: every unusable input is an InputError with a one-line message naming it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from form4.errors import InputError
from form4.extractor.text.source import check_form4, read_source

SEED = Path(__file__).parent / "fixtures" / "seeds" / "003_14569be90e76a5a3.txt"
FORM4_TEXT = (
    "FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n"
    "1. Name and Address of Reporting Person\n2. Issuer Name and Ticker or Trading Symbol\n"
    "3. Date of Earliest Transaction\n5. Relationship of Reporting Person(s) to Issuer\n"
)
LINES_PER_PAGE = 50


def _words(text: str) -> str:
    return " ".join(text.split())


def _draw_pdf(path: Path, lines: list[str]) -> None:
    """A PDF with a real text layer: one drawn string per line, on as many pages as needed."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for start in range(0, len(lines), LINES_PER_PAGE):
        pdf.setFont("Helvetica", 8)
        for row, line in enumerate(lines[start : start + LINES_PER_PAGE]):
            pdf.drawString(30, 760 - 14 * row, line)
        pdf.showPage()
    pdf.save()


def _seed_lines() -> list[str]:
    """The seed's lines, wrapped so that none runs off the page and loses its end."""
    text = SEED.read_text(encoding="utf-8")
    return [part for line in text.splitlines() for part in textwrap.wrap(_words(line), 110)]


def _assert_input_error(path: Path, *phrases: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    for phrase in phrases:
        assert phrase in message


def test_text_file_reads_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "filing.txt"
    path.write_text(FORM4_TEXT + "Café 10/17/2011\n", encoding="utf-8")

    assert read_source(path) == FORM4_TEXT + "Café 10/17/2011\n"


def test_seed_reads_unchanged() -> None:
    assert read_source(SEED) == SEED.read_text(encoding="utf-8")


def test_invalid_utf8_bytes_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "filing.txt"
    path.write_bytes(FORM4_TEXT.encode() + b"Polizzi \xff\xfe Peter\n")

    text = read_source(path)

    assert "Polizzi \ufffd\ufffd Peter" in text


def test_other_suffixes_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "filing.md"
    path.write_text(FORM4_TEXT, encoding="utf-8")

    assert read_source(str(path)) == FORM4_TEXT


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\n  \n", "is empty"),
        ("nul.txt", FORM4_TEXT.encode() + b"\x00\x01\x00\x02", "is binary"),
        ("controls.txt", FORM4_TEXT.encode() + bytes(range(1, 9)) * 20, "is binary"),
        ("letter.txt", b"Dear shareholder,\nthe annual meeting is on May 5.\n", "not look like"),
        ("corrupt.pdf", b"%PDF-1.4\nthis is no PDF body\n", "not a readable PDF"),
        ("text.pdf", FORM4_TEXT.encode(), "not a readable PDF"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_unusable_files_raise_input_error(
    tmp_path: Path, name: str, content: bytes, phrase: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    _assert_input_error(path, phrase)


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    _assert_input_error(tmp_path / "nowhere.txt", "does not exist")


def test_directory_raises_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "filings.txt"
    folder.mkdir()

    _assert_input_error(folder, "is a directory")


def test_pdf_renamed_txt_is_binary(tmp_path: Path) -> None:
    pdf = tmp_path / "filing.pdf"
    _draw_pdf(pdf, _seed_lines())
    renamed = tmp_path / "filing.txt"
    renamed.write_bytes(pdf.read_bytes())

    _assert_input_error(renamed, "is binary", ".pdf")


def test_pdf_text_layer_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "filing.pdf"
    lines = _seed_lines()
    _draw_pdf(path, lines)

    text = read_source(path)

    assert _words(text) == _words(" ".join(lines))
    assert "Kathleen A. Harris" in text


def test_pdf_pages_are_joined_by_a_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "filing.pdf"
    lines = [FORM4_TEXT.splitlines()[0]] * LINES_PER_PAGE + FORM4_TEXT.splitlines()[1:]
    _draw_pdf(path, lines)

    first_page, second_page = read_source(path).split("\n\n")

    assert first_page.splitlines() == lines[:LINES_PER_PAGE]
    assert second_page.splitlines() == lines[LINES_PER_PAGE:]


def test_pdf_without_text_layer_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.save()

    _assert_input_error(path, "has no text layer; OCR it first")


def test_check_form4_accepts_ocr_garbled_labels() -> None:
    check_form4(
        "1 Name and Address of Reporting Perscr* a 2 Issuer Name nic Ticker er Trading Symbol\n"
        "5. Relationstip of Reporting Petsonis) to Issuer\n3 Date of Eartiest Transaction\n",
        "x",
    )


def test_check_form4_rejects_a_report_about_form_4_filings() -> None:
    paragraph = (
        "Section 16(a) Beneficial Ownership Reporting Compliance. Based on our review of the "
        "Forms 3, 4 and 5 (Statement of Changes in Beneficial Ownership) filed, each Reporting "
        "Person complied, as Table I shows for the Issuer Name and each officer's holdings; "
        "options have a Date Exercisable as the Securities Exchange Act of 1934 requires."
    )
    with pytest.raises(InputError, match="does not look like a Form 4"):
        check_form4(paragraph, "10-K.txt")


@pytest.mark.parametrize(
    "corpus", ["seeds", "synthetic", "real"], ids=["seeds", "synthetic", "real"]
)
def test_check_form4_accepts_every_fixture(corpus: str) -> None:
    fixtures = sorted((SEED.parent.parent / corpus).glob("*.txt"))
    assert len(fixtures) >= 5
    for path in fixtures:
        check_form4(path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "FORM 4 only, nothing else",
        "This platform 4 reform is not a filing; see Table III.",
    ],
)
def test_check_form4_rejects_text_without_the_form_s_labels(text: str) -> None:
    with pytest.raises(InputError, match=r"^the given text: ") as caught:
        check_form4(text, "the given text")

    assert "\n" not in str(caught.value)
