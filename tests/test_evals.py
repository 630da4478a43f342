"""Scoring, report and `form4 eval`: known perturbations move the counts by known amounts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form4 import from_xml
from form4.cli import app
from form4.evals.report import counts, flagged
from form4.evals.scoring import score_filing
from form4.schema import Form4Filing, NonDerivativeHolding
from tests.conftest import RECORDINGS, SEEDS

runner = CliRunner()
SEEDS_DIR = SEEDS[0].parent


def gold(seed: Path = SEEDS[0]) -> Form4Filing:
    return from_xml(seed.with_suffix(".xml").read_bytes())


def two_line_gold() -> Form4Filing:
    """Seed 000 with a second Table I line that differs from the first only in its amount."""
    expected = gold()
    second = expected.non_derivative_transactions[0].model_copy(deep=True)
    assert second.transaction_shares is not None
    second.transaction_shares.value = Decimal("777")
    expected.non_derivative_transactions = [expected.non_derivative_transactions[0], second]
    return expected


def f1(predicted: Form4Filing, expected: Form4Filing) -> float:
    return counts(score_filing(expected, predicted).outcomes).f1


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_gold_against_itself_is_perfect(seed: Path) -> None:
    score = score_filing(gold(seed), gold(seed))
    assert counts(score.outcomes).f1 == 1.0
    assert score.rows == score.exact_rows > 0


def test_known_perturbations_move_the_counts_exactly() -> None:
    expected = gold()
    base = counts(score_filing(expected, expected).outcomes)
    predicted = expected.model_copy(deep=True)
    row = predicted.non_derivative_transactions[0]
    assert row.transaction_shares is not None and row.transaction_shares.footnotes == ["F1"]
    row.transaction_shares.value = Decimal("10000")  # one wrong share amount
    row.transaction_shares.footnotes = []  # one missing footnote mark
    predicted.non_derivative_holdings = [
        NonDerivativeHolding.model_validate(
            {"securityTitle": "Preferred Stock", "sharesOwnedFollowingTransaction": "5"}
        )
    ]  # one extra row of two printed cells
    score = score_filing(expected, predicted)
    got = counts(score.outcomes)
    assert (got.tp, got.fp, got.fn) == (base.tp - 2, 1 + 2, 1 + 1)
    by_path = {o.path: o for o in score.outcomes}
    shares = "nonDerivativeTable/nonDerivativeTransaction[1]/transactionAmounts/transactionShares"
    assert by_path[shares].outcome == "wrong" and by_path[shares].group == "Table I"
    assert by_path[f"{shares}/footnoteId"].outcome == "missing"
    assert score.exact_rows == score.rows - 2


def test_swapped_rows_are_aligned() -> None:
    expected = two_line_gold()
    predicted = expected.model_copy(deep=True)
    predicted.non_derivative_transactions.reverse()
    assert f1(predicted, expected) == 1.0


def test_wrong_row_is_named() -> None:
    expected = two_line_gold()
    predicted = expected.model_copy(deep=True)
    shares = predicted.non_derivative_transactions[1].transaction_shares
    assert shares is not None
    shares.value = Decimal("100000")  # the first row's amount read on the second line
    (wrong,) = [o for o in score_filing(expected, predicted).outcomes if o.outcome == "wrong"]
    assert wrong.kind == "wrong_row"


@pytest.mark.parametrize(("offset", "correct"), [("0.004", True), ("0.01", False)])
def test_price_tolerance(offset: str, correct: bool) -> None:
    expected = gold()
    predicted = expected.model_copy(deep=True)
    price = predicted.derivative_transactions[0].transaction_price_per_share
    assert price is not None and price.value is not None
    price.value += Decimal(offset)
    assert (f1(predicted, expected) == 1.0) is correct


def test_failed_extraction_misses_every_gold_field() -> None:
    got = counts(score_filing(gold(), None).outcomes)
    assert got.tp == got.fp == 0 and got.fn > 0


def test_a_conflict_on_the_row_flags_its_cells() -> None:
    row = "nonDerivativeTable/nonDerivativeTransaction[1]"
    assert flagged(f"{row}/transactionAmounts/transactionShares", [f"{row}/transactionDate"])
    assert not flagged(f"{row}/transactionDate", ["nonDerivativeTable/nonDerivativeTransaction[2]"])
    assert flagged("issuer/issuerName", ["issuer"])
    assert not flagged("issuer/issuerName", ["issuer/issuerTradingSymbol"])


def env() -> dict[str, str]:
    return {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(RECORDINGS)}


def test_cli_eval_on_the_recordings(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(SEEDS_DIR), "--out", str(out), "--json"], env=env())
    assert outcome.exit_code == 0, outcome.output
    assert sorted(p.name for p in out.glob("*.xml")) == sorted(f"{p.stem}.xml" for p in SEEDS)
    assert (out / "report.md").read_text().startswith("# form4 eval")
    report = json.loads((out / "report.json").read_text())
    assert json.loads(outcome.stdout) == report
    assert 0 < report["micro"]["f1"] < 1
    assert len(report["documents"]) == len(SEEDS)
    assert report["cost"]["prompt_tokens"]["median"] > 1000

    report["micro"].update(tp=1, fp=0, fn=0)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(report))
    worse = runner.invoke(
        app, ["eval", str(SEEDS_DIR), "--out", str(out), "--baseline", str(baseline)], env=env()
    )
    assert worse.exit_code == 1
    assert "micro F1 fell" in worse.stderr


def test_cli_eval_records_a_failed_extraction(tmp_path: Path) -> None:
    environment = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(tmp_path / "none")}
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(SEEDS_DIR), "--out", str(out)], env=environment)
    assert outcome.exit_code == 0, outcome.output
    report = json.loads((out / "report.json").read_text())
    assert all(document["error"] for document in report["documents"])
    assert report["micro"]["recall"] == 0
