"""The benchmark's figures and table on hand-built reports, and its run of both methods with
scripted stand-in backends: the arithmetic and the wiring, not the model's speed or accuracy."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form4 import Settings, from_xml
from form4.cli import app
from form4.evals import benchmark
from form4.evals.benchmark import Benchmark, benchmark_table, figures, run_benchmark
from form4.evals.report import Counts, DocumentReport, EvalReport, Trust
from form4.extractor.assembly.staged import fixed_messages
from form4.extractor.pipeline import Extractor
from tests.standins import ScriptedBackend, scripted_extractor
from tests.test_staged import SEED, header_json


def report(
    seconds: list[float],
    tokens: tuple[int, int],
    micro: Counts,
    wrong_unflagged: int = 0,
    failed: Sequence[int] = (),
) -> EvalReport:
    """A report of one document per entry of ``seconds``, each answered with ``tokens`` tokens
    unless its index is in ``failed``."""
    documents = [
        DocumentReport(
            name=f"doc{index}",
            seconds=spent,
            error="backend request failed" if index in failed else None,
            prompt_tokens=None if index in failed else tokens[0],
            completion_tokens=None if index in failed else tokens[1],
        )
        for index, spent in enumerate(seconds)
    ]
    return EvalReport(
        fixtures="hand-built",
        backend="local",
        model="m",
        micro=micro,
        groups={},
        fields={},
        document_exact_match=0.0,
        row_exact_match=0.0,
        trust=Trust(
            errors=0, flagged=0, wrong_unflagged=wrong_unflagged, missing_unflagged=0, kinds={}
        ),
        cost=None,
        documents=documents,
    )


ONE_SHOT = report([60.0, 20.0, 30.0, 25.0], (3000, 500), Counts(tp=8, fp=2, fn=2), 3, failed=[2])
STAGED = report([12.0, 4.0, 6.0, 5.0], (1000, 100), Counts(tp=9, fp=1, fn=1), 1)


def test_the_first_filing_is_apart_from_the_median_of_the_rest() -> None:
    base = figures("one-shot", ONE_SHOT)
    assert (base.first_seconds, base.median_seconds) == (60.0, 25.0)
    assert (base.documents, base.failed) == (4, 1)
    assert (base.prompt_tokens, base.completion_tokens) == (9000, 1500)  # the failed one: none
    assert (base.f1, base.precision, base.recall, base.wrong_unflagged) == (0.8, 0.8, 0.8, 3)
    alone = figures("staged", report([7.0], (1, 1), Counts()))
    assert (alone.first_seconds, alone.median_seconds) == (7.0, 7.0)
    empty = figures("staged", report([], (1, 1), Counts()))
    assert (empty.documents, empty.first_seconds, empty.median_seconds) == (0, 0.0, 0.0)


def bench(one_shot: EvalReport, staged: EvalReport) -> Benchmark:
    return Benchmark(
        fixtures="hand-built",
        model="m",
        methods=[figures("one-shot", one_shot), figures("staged", staged)],
        reports={"one-shot": one_shot, "staged": staged},
    )


def test_the_table_shows_both_methods_and_the_staged_cost_as_a_ratio() -> None:
    head, rule, base, shipped, ratio = benchmark_table(bench(ONE_SHOT, STAGED))
    assert head.startswith("| method | first filing s")
    assert rule.count("|") == head.count("|")
    assert base == "| one-shot | 60.0 | 25.0 | 9000 + 1500 | 0.800 (0.800 / 0.800) | 3 | 1 of 4 |"
    assert shipped == "| staged | 12.0 | 5.0 | 4000 + 400 | 0.900 (0.900 / 0.900) | 1 | 0 of 4 |"
    assert ratio == "| staged / one-shot | 0.20x | 0.20x | 0.42x | +0.100 | -2 | |"


def test_a_ratio_over_nothing_is_not_a_number() -> None:
    nothing = report([0.0], (0, 0), Counts())
    *_, ratio = benchmark_table(bench(nothing, STAGED))
    assert ratio.startswith("| staged / one-shot | n/a | n/a | n/a |")


GOLD_JSON = from_xml(SEED.with_suffix(".xml").read_bytes()).model_dump_json(by_alias=True)


def seed_twice(tmp_path: Path) -> Path:
    """Seed 001 under two names: the first filing and a median of one."""
    folder = tmp_path / "fixtures"
    folder.mkdir()
    for name in ("a", "b"):
        for suffix in (".txt", ".xml"):
            shutil.copy(SEED.with_suffix(suffix), folder / f"{name}{suffix}")
    return folder


def scripted_extractors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[list[Settings], dict[str, ScriptedBackend]]:
    """Every extractor the benchmark makes answers from a stand-in: the one-shot method with
    the gold filing, the staged method with the hand-written boxes of seed 001."""
    made: list[Settings] = []
    backends = {
        "one-shot": ScriptedBackend([GOLD_JSON, GOLD_JSON]),
        "staged": ScriptedBackend([header_json(), header_json()]),
    }

    def scripted(settings: Settings) -> Extractor:
        made.append(settings)
        isolated = settings.model_copy(update={"cache_dir": tmp_path / "cache"})
        return scripted_extractor(isolated, backends[settings.method])

    monkeypatch.setattr(benchmark, "Extractor", scripted)
    return made, backends


def test_both_methods_run_cold_on_the_same_fixtures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made, backends = scripted_extractors(monkeypatch, tmp_path)
    tracked: list[str] = []

    def track(method: str) -> benchmark.Track:
        def each(paths: Sequence[Path]) -> Iterable[Path]:
            tracked.append(f"{method}: {len(paths)}")
            return paths

        return each

    folder = seed_twice(tmp_path)
    result = run_benchmark(folder, Settings(cache="use", reasks=1), track)
    assert [(s.method, s.cache, s.reasks) for s in made] == [
        ("one-shot", "off", 1),
        ("staged", "off", 1),
    ]
    assert tracked == ["one-shot: 2", "staged: 2"]
    assert [m.method for m in result.methods] == ["one-shot", "staged"]
    for method in result.methods:
        assert (method.documents, method.failed, method.f1) == (2, 0, 1.0)
    assert result.model == "stand-in-model" and set(result.reports) == {"one-shot", "staged"}
    assert all(backend.script == [] for backend in backends.values())  # no answer from a cache
    assert all("response_format" in r for r in backends["one-shot"].requests)
    prefix = list(fixed_messages())
    assert all(r["messages"][: len(prefix)] == prefix for r in backends["staged"].requests)


def test_the_benchmark_command_prints_the_table_and_writes_the_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    scripted_extractors(monkeypatch, tmp_path)
    out = tmp_path / "bench.json"
    outcome = CliRunner().invoke(app, ["benchmark", str(seed_twice(tmp_path)), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.stdout.splitlines()
    assert lines[0].startswith("| method |") and lines[-1].startswith("| staged / one-shot |")
    written = Benchmark.model_validate(json.loads(out.read_text()))
    assert [m.method for m in written.methods] == ["one-shot", "staged"]
