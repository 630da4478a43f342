"""Batch extraction: one JSON line per input, resumable, one bad input never loses the others."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from typer.testing import CliRunner

import form4
from form4.batch import expand, finished, plan, run
from form4.cli import app
from form4.result import ExtractionResult
from tests.conftest import RECORDINGS, SEEDS, replay_settings

runner = CliRunner()
REPLAY = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(RECORDINGS)}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder)
    return folder


def test_a_folder_becomes_one_line_per_filing(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    done = runner.invoke(app, ["extract", str(seeds_copy(tmp_path)), "-o", str(out)], env=REPLAY)
    assert done.exit_code == 0, done.output
    records = lines(out)
    assert sorted(Path(r["source"]).name for r in records) == [seed.name for seed in SEEDS]
    for record in records:
        assert "error" not in record
        ExtractionResult.model_validate(record["result"])
    assert "5 input(s), 0 failed" in done.stderr


def test_a_second_run_resumes_and_bad_inputs_cost_only_their_line(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    out = tmp_path / "results.jsonl"
    first = [str(folder / SEEDS[0].name), str(folder / SEEDS[1].name)]
    assert runner.invoke(app, ["extract", *first, "-o", str(out)], env=REPLAY).exit_code == 0
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a filing")
    again = runner.invoke(
        app, ["extract", str(folder / "*.txt"), str(tmp_path / "nowhere.txt"), "-o", str(out)],
        env=REPLAY,
    )  # fmt: skip
    assert again.exit_code == 1
    assert "2 input(s) already done" in again.stderr
    records = lines(out)
    assert len(records) == 2 + 3 + 2  # two kept, three new seeds, the broken file, the missing one
    errors = {Path(r["source"]).name: r["error"] for r in records if "error" in r}
    assert set(errors) == {"broken.txt", "nowhere.txt"}
    assert errors["nowhere.txt"] == "no such file"
    assert len(finished(out)) == len(SEEDS)


def test_an_unfinished_last_line_is_cut_and_its_input_done_again(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    out = tmp_path / "results.jsonl"
    assert runner.invoke(app, ["extract", str(folder), "-o", str(out)], env=REPLAY).exit_code == 0
    whole = out.read_text()
    out.write_text(whole[: len(whole) - 200])  # the last line cut short, as by a crash
    again = runner.invoke(app, ["extract", str(folder), "-o", str(out)], env=REPLAY)
    assert again.exit_code == 0, again.output
    assert len(lines(out)) == len(SEEDS)  # every line parses: the cut one gone, its input redone


def test_xml_is_for_one_file_only(tmp_path: Path) -> None:
    outcome = runner.invoke(app, ["extract", str(seeds_copy(tmp_path)), "-f", "xml"], env=REPLAY)
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("form4: error: --format xml takes one file")


def test_the_python_iterator_yields_records_and_skips_what_is_done(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    records = list(form4.extract_many([folder], replay_settings()))
    assert len(records) == len(SEEDS) and all(r.result is not None for r in records)
    done = {r.sha256 for r in records[:3] if r.sha256}
    rest = list(form4.extract_many([folder], replay_settings(), skip=done))
    assert len(rest) == len(SEEDS) - 3


def test_expand_takes_each_file_once_in_order(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    paths, missing = expand([folder, folder / SEEDS[0].name, str(folder / "0*.txt")])
    assert [p.name for p in paths] == [seed.name for seed in SEEDS] and not missing


class _Remote:
    """An endpoint stand-in that counts requests in flight, to test the scheduler alone."""

    backend = SimpleNamespace(name="openai")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.most = 0

    def extract(self, path: Path) -> ExtractionResult:
        with self.lock:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        time.sleep(0.05)
        with self.lock:
            self.in_flight -= 1
        raise form4.BackendError(f"{path.name}: refused")


def test_remote_requests_run_concurrently_within_the_bound(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    for index in range(7):
        shutil.copy(SEEDS[0], folder / f"extra{index}.txt")
    remote = _Remote()
    records = list(run(plan([folder]), remote, concurrency=3))  # type: ignore[arg-type]
    assert len(records) == len(SEEDS) + 7
    assert all(r.error and r.error.endswith("refused") for r in records)
    assert remote.most == 3
