"""The whole pipeline and the CLI on the seeds, answered by recordings of the embedded model.

The recordings are real responses of Qwen2.5-Coder-1.5B-Instruct made by `form4 record`; a
request they do not hold (changed prompt, schema or parameters) fails with a re-record hint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form4 import Extractor, from_xml
from form4.cli import app
from tests.conftest import RECORDINGS, SEEDS, gold_score, replay_settings, requests_of

runner = CliRunner()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(replay_settings())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_recorded_answer_fits_the_schema_on_the_first_attempt(
    extractor: Extractor, seed: Path
) -> None:
    result = extractor.extract(seed)
    assert result.attempts == result.cached_responses == requests_of(seed)
    assert result.model.startswith("Qwen2.5-Coder-1.5B-Instruct-GGUF@")
    assert result.usage.prompt_tokens > 1000
    assert result.usage.completion_tokens > 100
    score = gold_score(seed, result.filing)
    assert 0 < score.f1 <= 1


def test_recordings_are_real_llama_cpp_completions() -> None:
    files = list(RECORDINGS.glob("*/*.json"))  # beside them: the report of the recording run
    assert len(files) >= len(SEEDS)
    for path in files:
        completion = json.loads(path.read_text())
        assert completion["model"].endswith(".gguf")
        assert completion["id"].startswith("chatcmpl-")
        assert completion["usage"]["prompt_tokens"] > 0


def cli_env() -> dict[str, str]:
    return {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(RECORDINGS)}


def test_cli_prints_the_result_as_json() -> None:
    seed = SEEDS[0]
    outcome = runner.invoke(app, ["extract", str(seed)], env=cli_env())
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.stdout)
    assert result["backend"] == "local"
    assert result["attempts"] == result["cached_responses"] == requests_of(seed)
    flagged = any(c["severity"] in ("error", "warning") for c in result["conflicts"])
    assert result["status"] == ("needs_review" if flagged else "ok")
    assert "validate" in result["seconds"]
    assert "issuer" in result["filing"]
    fields = {entry["field"]: entry for entry in result["provenance"]}
    assert fields["issuer/issuerName"]["reader"] == "model"
    assert fields["periodOfReport"]["reader"] == "pattern"


def test_cli_prints_edgar_xml_that_reads_back(tmp_path: Path) -> None:
    seed = SEEDS[4]
    outcome = runner.invoke(app, ["extract", str(seed), "--format", "xml"], env=cli_env())
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout.startswith("<?xml")
    filing = from_xml(outcome.stdout.encode())
    assert filing.reporting_owners


def test_cli_writes_the_output_file(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "result.json"
    outcome = runner.invoke(app, ["extract", str(SEEDS[1]), "-o", str(out)], env=cli_env())
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(out.read_text())["source"].endswith(SEEDS[1].name)
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"Dear shareholder, our annual meeting is on May 5.", "Form 4"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_1(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "never.json"
    outcome = runner.invoke(app, ["extract", str(bad), "-o", str(out)], env=cli_env())
    assert outcome.exit_code == 1
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("form4: error:")
    assert message.lower() in lines[0].lower()
    assert not out.exists()


def test_cli_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    outcome = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")], env=cli_env())
    assert outcome.exit_code == 1
    assert len(outcome.stderr.strip().splitlines()) == 1


def test_cli_unrecorded_request_fails_cleanly(tmp_path: Path) -> None:
    env = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(tmp_path)}
    outcome = runner.invoke(app, ["extract", str(SEEDS[0])], env=env)
    assert outcome.exit_code == 1
    assert "form4 record" in outcome.stderr


def test_console_script_is_installed() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "form4", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert completed.returncode == 0
    assert "extract" in completed.stdout
