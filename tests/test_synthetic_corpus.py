"""The committed synthetic corpus: labelled right, reproducible, and read by the eval harness."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form4 import from_xml, to_xml
from form4.cli import app
from form4.evals.expected import expected_defect
from form4.synthetic import making, ocr
from form4.synthetic.corpus import FixtureSpec, Manifest, make_fixture, plan, printed
from form4.synthetic.noise import NoiseLevel
from form4.synthetic.render import render_pdf
from form4.validators import validate
from tests.conftest import TESTS

CORPUS = TESTS / "fixtures" / "synthetic"
MANIFEST = Manifest.model_validate_json((CORPUS / "manifest.json").read_text())
runner = CliRunner()


def spec(name: str) -> FixtureSpec:
    (found,) = [s for s in plan(MANIFEST.n, MANIFEST.seed, None, 0.2) if s.name == name]
    return found


def test_the_manifest_lists_every_fixture_and_its_files() -> None:
    names = [record.name for record in MANIFEST.fixtures]
    assert len(names) == MANIFEST.n >= 60
    for name in names:
        for suffix in (".txt", ".pdf", ".xml"):
            assert (CORPUS / f"{name}{suffix}").is_file(), name
    on_disk = {path.name.split(".")[0] for path in CORPUS.glob("*.*") if path.stem != "manifest"}
    assert on_disk == set(names)


def test_levels_and_defects_are_spread_as_planned() -> None:
    per_level = {level: 0 for level in NoiseLevel}
    for record in MANIFEST.fixtures:
        per_level[record.noise] += 1
        assert (record.defect is not None) == spec(record.name).defective
        assert expected_defect(CORPUS / f"{record.name}.txt") == record.defect
    assert set(per_level.values()) == {MANIFEST.n // 4}
    assert MANIFEST.defects == round(MANIFEST.n * 0.2)


def test_clean_gold_raises_no_error_and_defective_gold_its_rule() -> None:
    for record in MANIFEST.fixtures:
        filing = from_xml((CORPUS / f"{record.name}.xml").read_bytes())
        conflicts = validate(filing).conflicts
        if record.defect is None:
            assert not [c for c in conflicts if c.severity == "error"], record.name
        else:
            assert record.defect.caught_by(conflicts), record.name


def test_error_rates_rise_with_the_noise_level() -> None:
    medians = [MANIFEST.cer_by_noise[level].median for level in NoiseLevel]
    assert medians == sorted(medians)
    assert MANIFEST.cer_by_noise[NoiseLevel.CLEAN].max < 0.05


@pytest.mark.parametrize("name", [r.name for r in MANIFEST.fixtures[:8]])
def test_gold_and_pdf_are_made_again_byte_for_byte(name: str) -> None:
    """Drawing and printing need no OCR engine, so every machine can check them."""
    paper = printed(spec(name))
    assert to_xml(paper.filing).encode() == (CORPUS / f"{name}.xml").read_bytes()
    assert paper.pdf == (CORPUS / f"{name}.pdf").read_bytes()
    assert render_pdf(from_xml((CORPUS / f"{name}.xml").read_bytes())) == paper.pdf
    assert paper.defect == next(r.defect for r in MANIFEST.fixtures if r.name == name)


needs_tesseract = pytest.mark.skipif(
    not ocr.ocr_available(), reason="Tesseract is not installed (apt-get install tesseract-ocr)"
)


@needs_tesseract
@pytest.mark.parametrize("level", list(NoiseLevel))
def test_ocr_is_made_again_as_committed(level: NoiseLevel) -> None:
    record = next(r for r in MANIFEST.fixtures if r.noise is level)
    if making.tesseract_version() != MANIFEST.versions["tesseract"]:
        pytest.skip(f"Tesseract {making.tesseract_version()}, the corpus was read by another")
    made, again = make_fixture(spec(record.name))
    assert made[f"{record.name}.txt"] == (CORPUS / f"{record.name}.txt").read_bytes()
    assert again == record


@needs_tesseract
def test_fixtures_make_writes_a_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    arguments = ["fixtures", "make", "--n", "2", "--seed", "5", "--defects", "0.5"]
    made = runner.invoke(app, [*arguments, "--out", str(out), "--jobs", "1"])
    assert made.exit_code == 0, made.output
    manifest = Manifest.model_validate_json((out / "manifest.json").read_text())
    assert [r.name for r in manifest.fixtures] == ["000_clean", "001_light"]
    assert manifest.defects == 1 and len(list(out.glob("*.expect.json"))) == 1
    assert not list(out.glob(".*"))  # no temporary file left behind
    again = runner.invoke(app, ["fixtures", "make", "--n", "1", "--out", str(out), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert sorted(path.name for path in out.iterdir()) == [
        "000_clean.pdf", "000_clean.txt", "000_clean.xml", "manifest.json"
    ]  # fmt: skip


def test_fixtures_make_keeps_out_of_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    made = runner.invoke(app, ["fixtures", "make", "--n", "1", "--out", str(tmp_path)])
    assert made.exit_code == 1
    assert "is not empty and holds no fixture corpus" in made.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_fixtures_make_without_tesseract_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract program to be found
    ocr.tesseract.cache_clear()
    try:
        made = runner.invoke(app, ["fixtures", "make", "--n", "1", "--out", str(tmp_path / "c")])
    finally:
        ocr.tesseract.cache_clear()
    assert made.exit_code == 1
    assert made.stderr.startswith("form4: error: ") and made.stderr.count("\n") == 1
    assert not (tmp_path / "c" / "manifest.json").exists()


def test_eval_reports_per_noise_level_and_the_defects_caught(tmp_path: Path) -> None:
    """On the seeds' recordings, labelled like a corpus: one seed's known conflict as a defect."""
    folder = tmp_path / "labelled"
    shutil.copytree(TESTS / "fixtures" / "seeds", folder)
    names = sorted(path.stem for path in folder.glob("*.txt"))
    levels = ["clean", "clean", "heavy", "heavy", "heavy"]
    manifest = {"fixtures": [{"name": n, "noise": v} for n, v in zip(names, levels, strict=True)]}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    label = {"rule": "relationship.officer_title", "description": "no title"}
    path = "reportingOwner[1]/reportingOwnerRelationship/officerTitle"
    (folder / f"{names[3]}.expect.json").write_text(json.dumps(label | {"path": path}))
    (folder / f"{names[1]}.expect.json").write_text(json.dumps(label | {"path": path}))
    out = tmp_path / "out"
    environment = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(TESTS / "recordings")}
    evaluated = runner.invoke(app, ["eval", str(folder), "--out", str(out)], env=environment)
    assert evaluated.exit_code == 0, evaluated.output
    report = json.loads((out / "report.json").read_text())
    assert {name: s["documents"] for name, s in report["subsets"].items()} == {
        "clean": 2,
        "heavy": 3,
    }
    documents = {d["name"]: d for d in report["documents"]}
    assert documents[names[3]]["caught"] is True  # 003's answer has no title, and it is flagged
    assert documents[names[1]]["caught"] is False  # 001's answer holds no such conflict
    assert report["catch"] == {"defects": 2, "caught": 1, "rate": 0.5}
