"""Faults of inputs, outputs, settings and endpoints: each ends as one line on stderr and a
non-zero exit, or as a flagged result; never a traceback, a hang or a silent loss.

Endpoint faults are played by a small OpenAI-compatible server on loopback (tests/faults.py)
that each test starts and stops; its answers test the plumbing, never a model.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from pathlib import Path
from typing import TypeVar

import openai
import pytest
from click.testing import Result
from typer.testing import CliRunner

try:  # openai 3 moved to httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx

from form4.cli import app
from form4.errors import SettingsError
from form4.extractor.model.calls import RETRY_AFTER_CAP, retry_after
from form4.settings import load_settings
from form4.validators.source_text import absence, number_pattern
from tests.conftest import RECORDINGS
from tests.faults import Reply, answer, fault_server

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED = SEEDS / "000_bb4fdde93ac5d185"
REPLAY = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(RECORDINGS)}

runner = CliRunner()
T = TypeVar("T")


def bounded(action: Callable[[], T], seconds: float = 20) -> T:
    """``action``'s outcome, or a failed test when it takes longer: a fault that hangs must
    fail its test, not stop the suite. The thread left behind is a daemon."""
    outcome: list[T] = []
    worker = threading.Thread(target=lambda: outcome.append(action()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


def cli(*arguments: str, env: dict[str, str] | None = None) -> Result:
    return bounded(lambda: runner.invoke(app, list(arguments), env=env))


def one_error_line(outcome: Result, *phrases: str) -> str:
    """The run failed with exit code 1 and said why in one line on stderr, and no traceback."""
    assert outcome.exit_code == 1, (outcome.exit_code, outcome.output, outcome.exception)
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("form4: error: "), outcome.stderr
    for phrase in phrases:
        assert phrase in lines[0]
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe with no writer: opening it to read blocks until one comes, which the
    teardown provides, so a reader a failing test left waiting ends."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    yield path
    with suppress(OSError):  # no reader waiting: nothing to release
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_the_pattern_of_a_huge_number_is_built_in_linear_time() -> None:
    start = time.perf_counter()
    pattern = number_pattern(Decimal("7" * 100_000))
    assert time.perf_counter() - start < 1
    assert pattern.startswith(r"(?<![\d.,/])7[ \t,.]?777[ \t,.]?777")
    assert number_pattern(Decimal("-1234.50")) == number_pattern(Decimal("1234.5"))


def test_validate_with_source_on_a_filing_with_a_huge_number(tmp_path: Path) -> None:
    xml = SEED.with_suffix(".xml").read_text()
    shares = re.search(r"<transactionShares>\s*<value>([^<]*)</value>", xml)
    assert shares is not None
    huge = xml.replace(shares.group(0), shares.group(0).replace(shares.group(1), "7" * 50_000))
    filing = tmp_path / "huge.xml"
    filing.write_text(huge)
    start = time.perf_counter()
    outcome = runner.invoke(
        app, ["validate", str(filing), "--source", str(SEED.with_suffix(".txt"))]
    )
    assert time.perf_counter() - start < 5
    assert outcome.exit_code == 2, outcome.output
    assert "grounding.not_in_source" in outcome.stdout


def test_fuzzy_grounding_of_a_huge_text_is_bounded() -> None:
    source = SEED.with_suffix(".txt").read_text()
    start = time.perf_counter()
    found = absence("Name " + "x" * 100_000 + " end", source)
    assert time.perf_counter() - start < 2
    assert found is not None and "not in the source text" in found.message


# Row 1: outputs that cannot be written are refused before the model is asked.


@pytest.mark.parametrize("where", ["directory", "under a file", "/proc"])
def test_an_unwritable_output_is_refused_before_extracting(tmp_path: Path, where: str) -> None:
    places = {
        "directory": tmp_path,
        "under a file": tmp_path / "file.txt" / "out.json",
        "/proc": Path("/proc/form4-out.json"),
    }
    (tmp_path / "file.txt").write_text("not a folder")
    empty = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(tmp_path / "none")}
    outcome = cli("extract", str(SEED.with_suffix(".txt")), "-o", str(places[where]), env=empty)
    one_error_line(outcome, "cannot write")  # not "no recorded response": nothing was asked


def test_a_batch_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    out = tmp_path / "file.txt" / "results.jsonl"
    one_error_line(cli("extract", str(SEEDS), "-o", str(out), env=REPLAY), "cannot write")


def test_an_eval_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    outcome = cli("eval", str(SEEDS), "--out", str(tmp_path / "file.txt" / "out"), env=REPLAY)
    one_error_line(outcome, "cannot write")


def test_stdout_on_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "form4", "validate", str(SEED.with_suffix(".xml"))],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "form4: error: cannot write to stdout: No space left on device"
    ]


# Row 2: only regular files of bounded size are read.


def test_a_fifo_is_refused_as_an_input(fifo: Path, tmp_path: Path) -> None:
    one_error_line(cli("extract", str(fifo), env=REPLAY), "not a regular file")
    one_error_line(cli("validate", str(fifo)), "not a regular file")
    one_error_line(
        cli("validate", str(SEED.with_suffix(".xml")), "--source", str(fifo)),
        "not a regular file",
    )
    out = tmp_path / "results.jsonl"
    outcome = cli("extract", str(fifo), str(SEED.with_suffix(".txt")), "-o", str(out), env=REPLAY)
    assert outcome.exit_code == 1, outcome.output
    errors = [json.loads(line).get("error") for line in out.read_text().splitlines()]
    assert [e for e in errors if e] == [f"{fifo}: is not a regular file (a pipe or a device)"]


def test_a_device_is_refused_as_an_input() -> None:
    one_error_line(cli("extract", "/dev/zero", env=REPLAY), "not a regular file")
    one_error_line(cli("validate", "/dev/zero"), "not a regular file")


def test_an_input_over_the_size_limit_is_refused() -> None:
    limited = {**REPLAY, "FORM4_MAX_INPUT_BYTES": "1000"}
    seed = str(SEED.with_suffix(".txt"))
    one_error_line(cli("extract", seed, env=limited), "FORM4_MAX_INPUT_BYTES=1000")
    outcome = cli("validate", str(SEED.with_suffix(".xml")), "--source", seed, env=limited)
    one_error_line(outcome, "FORM4_MAX_INPUT_BYTES=1000")


def test_a_line_over_the_length_limit_is_refused() -> None:
    limited = {**REPLAY, "FORM4_MAX_LINE_CHARS": "40"}
    outcome = cli("extract", str(SEED.with_suffix(".txt")), env=limited)
    one_error_line(outcome, "more than FORM4_MAX_LINE_CHARS=40")


# Row 7: a bad setting is one line naming it.


@pytest.mark.parametrize(
    ("variable", "value"),
    [("FORM4_TIMEOUT", "abc"), ("FORM4_BACKEND", "gpu"), ("FORM4_MAX_ANSWER_CHARS", "-1")],
)
def test_a_bad_setting_is_one_line_naming_it(variable: str, value: str) -> None:
    outcome = cli("extract", str(SEED.with_suffix(".txt")), env={variable: value})
    line = one_error_line(outcome, f"{variable}: ", repr(value))
    assert len(line) < 200


def test_a_bad_api_key_is_never_echoed() -> None:
    with pytest.raises(SettingsError, match=r"^FORM4_API_KEY: ") as caught:
        load_settings(api_key=["sk-secret"])
    assert "sk-secret" not in str(caught.value)


# Row 10: a batch output is form4's own, never an input, and has one line per input.


def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder)
    return folder


def test_an_existing_output_that_is_not_form4_jsonl_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nlast line, no newline")
    outcome = cli("extract", str(seeds_copy(tmp_path)), "-o", str(notes), env=REPLAY)
    one_error_line(outcome, "is not a form4 batch output")
    assert notes.read_text() == "my notes\nlast line, no newline"


def test_an_output_among_the_inputs_is_never_read_as_one(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    out = folder / "results.txt"
    for _ in range(2):
        outcome = cli("extract", str(folder), "-o", str(out), env=REPLAY)
        assert outcome.exit_code == 0, outcome.output
    sources = [Path(json.loads(line)["source"]).name for line in out.read_text().splitlines()]
    assert sorted(sources) == sorted(p.name for p in folder.glob("0*.txt"))


def test_a_failed_input_keeps_one_line_over_reruns(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    (folder / "broken.txt").write_text("no filing at all")
    out = tmp_path / "results.jsonl"
    for _ in range(3):
        outcome = cli(
            "extract", str(folder), str(tmp_path / "gone.txt"), "-o", str(out), env=REPLAY
        )
        assert outcome.exit_code == 1, outcome.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(Path(r["source"]).name for r in records) == [
        *sorted(p.name for p in folder.glob("0*.txt")),
        "broken.txt",
        "gone.txt",
    ]


# Row 9: Ctrl-C during a concurrent batch stops at once and keeps what was written.


def endpoint(url: str, cache: Path, **more: str) -> dict[str, str]:
    """The environment of a run against the fault server: short timeout, few retries."""
    return {
        **os.environ,
        "FORM4_BACKEND": "openai",
        "OPENAI_BASE_URL": url,
        "OPENAI_API_KEY": "x",
        "FORM4_TIMEOUT": "5",
        "FORM4_TRANSIENT_RETRIES": "1",
        "FORM4_CACHE_DIR": str(cache),
        **more,
    }


def test_ctrl_c_stops_a_concurrent_batch_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(6):
        shutil.copy(SEED.with_suffix(".txt"), folder / f"{index}.txt")
        with (folder / f"{index}.txt").open("a") as text:
            text.write(f"\n{index}\n")  # six contents, six jobs
    out = tmp_path / "results.jsonl"
    busy = Reply({"error": {"message": "busy"}}, status=503, delay=1.0)
    with fault_server([busy]) as server:
        env = endpoint(server.url, tmp_path, FORM4_TRANSIENT_RETRIES="3")
        command = [sys.executable, "-m", "form4", "extract", str(folder), "-o", str(out)]
        process = subprocess.Popen(
            [*command, "--concurrency", "3"], env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            deadline = time.monotonic() + 30
            while len(server.requests) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(server.requests) >= 3, "the batch never reached the endpoint"
            process.send_signal(signal.SIGINT)
            start = time.monotonic()
            _, errors = process.communicate(timeout=20)
            stopped = time.monotonic() - start
        finally:
            process.kill()
    assert process.returncode == 130, errors
    assert stopped < 3, f"{stopped:.1f} s after Ctrl-C"
    assert errors.strip().splitlines()[-1].startswith("form4: interrupted after 0 input(s)")
    assert out.exists() and out.read_text() == ""


# Rows 4, 5, 6 and 8: what an endpoint answers.

HEADER = json.dumps(
    {
        "issuer": "SONUS NETWORKS INC",
        "ticker": "SONS",
        "owners": [
            {
                "name": "Polizzi Peter",
                "street1": "C/O SONUS NETWORKS, INC.",
                "street2": "4 TECHNOLOGY PARK DRIVE",
                "city": "WESTFORD",
                "state": "MA",
                "zip": "01886",
                "roles": ["director", "officer"],
                "title": "Global Services",
            }
        ],
    }
)
"""A boxes answer of the kind the embedded model gives, for the seeds whose table lines all
read by pattern: one request per extraction."""

ONE_REQUEST = SEEDS / "004_47b33eeacef7bd42.txt"
ONE_ROW_REQUEST = SEEDS / "000_bb4fdde93ac5d185.txt"


def run_against(url: str, tmp_path: Path, seed: Path = ONE_REQUEST, **more: str) -> Result:
    return cli("extract", str(seed), env=endpoint(url, tmp_path / "cache", **more))


@pytest.mark.parametrize(
    "reply",
    [
        Reply(b"{not json"),
        Reply(b"<html><body>502 Bad Gateway</body></html>", headers={"Content-Type": "text/html"}),
        Reply({"choices": []}),
        Reply({"id": "x", "object": "chat.completion", "created": 0, "model": "m"}),
    ],
    ids=["malformed JSON", "HTML", "empty choices", "no choices"],
)
def test_an_answer_that_is_no_completion_is_retried_then_one_line(
    tmp_path: Path, reply: Reply
) -> None:
    with fault_server([reply]) as server:
        outcome = run_against(server.url, tmp_path)
    one_error_line(outcome, "openai backend: the answer is")
    assert len(server.requests) == 2  # sent, and resent once (FORM4_TRANSIENT_RETRIES=1)


def test_a_passing_fault_is_retried_into_a_result(tmp_path: Path) -> None:
    with fault_server([Reply(b"<html>502</html>"), answer(HEADER)]) as server:
        outcome = run_against(server.url, tmp_path)
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.stdout)["transient_retries"] == 1


@pytest.mark.parametrize(
    "bad", [answer("I cannot read this."), answer(HEADER, finish="length")], ids=["text", "length"]
)
def test_a_bad_answer_is_not_cached(tmp_path: Path, bad: Reply) -> None:
    with fault_server([bad]) as server:
        one_error_line(run_against(server.url, tmp_path), "the model's answer")
        server.script = [answer(HEADER)]  # the endpoint recovers
        asked = len(server.requests)
        outcome = run_against(server.url, tmp_path)
    assert outcome.exit_code == 0, outcome.output
    assert len(server.requests) == asked + 1


@pytest.mark.parametrize("damage", ["[]", "{not json", "folder"])
def test_a_damaged_cache_entry_is_asked_again_and_overwritten(tmp_path: Path, damage: str) -> None:
    with fault_server([answer(HEADER)]) as server:
        assert run_against(server.url, tmp_path).exit_code == 0
        (entry,) = (tmp_path / "cache").rglob("*.json")
        entry.unlink()
        if damage == "folder":
            entry.mkdir()
        else:
            entry.write_text(damage)
        outcome = run_against(server.url, tmp_path)
        assert outcome.exit_code == 0, outcome.output
        assert len(server.requests) == 2
        assert json.loads(entry.read_text())["choices"]
        assert run_against(server.url, tmp_path).exit_code == 0
        assert len(server.requests) == 2  # the overwritten entry answers


def test_the_cache_key_holds_the_endpoint_but_not_the_api_key(tmp_path: Path) -> None:
    with fault_server([answer(HEADER)]) as first, fault_server([answer(HEADER)]) as second:
        assert run_against(first.url, tmp_path).exit_code == 0
        assert run_against(first.url, tmp_path, OPENAI_API_KEY="other").exit_code == 0
        assert run_against(second.url, tmp_path).exit_code == 0
    assert (len(first.requests), len(second.requests)) == (1, 1)
    stored = "".join(path.read_text() for path in (tmp_path / "cache").rglob("*.json"))
    assert "other" not in stored and first.url not in stored


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    limited = Reply({"error": {"message": "slow down"}}, status=429, headers={"Retry-After": "1"})
    with fault_server([limited, answer(HEADER)]) as server:
        outcome = run_against(server.url, tmp_path)
    assert outcome.exit_code == 0, outcome.output
    assert server.arrivals[1] - server.arrivals[0] >= 0.95


def rate_limited(value: str) -> openai.RateLimitError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(429, request=request, headers={"Retry-After": value})
    return openai.RateLimitError("slow down", response=response, body=None)


def test_retry_after_is_read_as_seconds_or_a_date_and_capped() -> None:
    assert retry_after(rate_limited("3")) == 3
    assert retry_after(rate_limited("86400")) == RETRY_AFTER_CAP
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after(rate_limited(soon)) <= 30
    assert retry_after(rate_limited("whenever")) == 0
    assert retry_after(ValueError("no response")) == 0


def test_a_huge_answer_is_refused_without_being_sent_back(tmp_path: Path) -> None:
    huge = json.loads(HEADER)
    huge["issuer"] = "X" * 20_000_000
    with fault_server([answer(json.dumps(huge))]) as server:
        start = time.monotonic()
        outcome = run_against(server.url, tmp_path)
    one_error_line(outcome, "more than FORM4_MAX_ANSWER_CHARS=50000")
    assert time.monotonic() - start < 10
    assert len(server.requests) == 1


def test_a_huge_number_in_a_line_answer_leaves_the_line_flagged(tmp_path: Path) -> None:
    row = json.dumps({"shares": "7" * 100_000})
    with fault_server([answer(HEADER), answer(row)]) as server:
        start = time.monotonic()
        outcome = run_against(server.url, tmp_path, ONE_ROW_REQUEST)
    assert time.monotonic() - start < 10
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.stdout)
    unread = [c for c in result["conflicts"] if c["rule"] == "extraction.unread_line"]
    assert unread and "FORM4_MAX_ANSWER_CHARS" in unread[0]["message"]
    assert len(server.requests) == 2


# Row 13: text about Form 4 filings is not one.


def test_a_10k_paragraph_is_not_taken_for_a_form4(tmp_path: Path) -> None:
    paragraph = tmp_path / "10-K.txt"
    paragraph.write_text(
        "Item 12. Each Reporting Person named in Table I below filed late. The Issuer Name and "
        "the holdings of each officer are set out in Table I, with the Date Exercisable of "
        "their options, as the Securities Exchange Act of 1934 requires.\n"
    )
    one_error_line(cli("extract", str(paragraph), env=REPLAY), "does not look like a Form 4")


# Row 14: an evaluation in which nothing could be extracted fails.


def test_eval_fails_when_every_extraction_fails(tmp_path: Path) -> None:
    refused = Reply({"error": {"message": "Incorrect API key provided: x"}}, status=401)
    out = tmp_path / "out"
    with fault_server([refused]) as server:
        env = endpoint(server.url, tmp_path / "cache")
        outcome = cli("eval", str(SEEDS), "--out", str(out), env=env)
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stderr.strip().splitlines()[-1] == (
        f"form4: error: every extraction failed (5 of 5); the report is in {out}"
    )
    report = json.loads((out / "report.json").read_text())
    assert all("AuthenticationError" in document["error"] for document in report["documents"])
    assert len(server.requests) == 5  # a 401 is not retried
