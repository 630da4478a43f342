"""Scoring, report and `form4 eval`: known perturbations move the counts by known amounts."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from form4 import from_xml
from form4.cli import app
from form4.evals.report import (
    DocumentReport,
    EvalReport,
    build_report,
    counts,
    document_report,
    documents_table,
    to_markdown,
)
from form4.evals.scoring import FieldOutcome, score_filing
from form4.result import Conflict, ExtractionResult, Usage
from form4.result import points_at as flagged
from form4.schema import Form4Filing, NonDerivativeHolding
from tests.conftest import RECORDINGS, SEEDS

runner = CliRunner()
README = Path(__file__).parents[1] / "README.md"
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


def test_the_recordings_reproduce_the_live_figures(tmp_path: Path) -> None:
    """`form4 record` saved the evaluation of its live run beside the responses; replaying them
    must give the same figures, and the README must show them."""
    live = EvalReport.model_validate_json((RECORDINGS / "report.json").read_text())
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(SEEDS_DIR), "--out", str(out)], env=env())
    assert outcome.exit_code == 0, outcome.output
    replayed = EvalReport.model_validate_json((out / "report.json").read_text())
    assert (replayed.micro, replayed.trust, replayed.groups) == (
        live.micro,
        live.trust,
        live.groups,
    )
    for again, first in zip(replayed.documents, live.documents, strict=True):
        assert again.model_dump(exclude={"seconds"}) == first.model_dump(exclude={"seconds"})
    assert live.cost is not None and live.cost.seconds.median > 5  # model time, not cache reads
    assert "\n".join(documents_table(live)) in README.read_text()


def test_cli_eval_records_a_failed_extraction(tmp_path: Path) -> None:
    environment = {"FORM4_CACHE": "replay", "FORM4_RESPONSES_DIR": str(tmp_path / "none")}
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(SEEDS_DIR), "--out", str(out)], env=environment)
    assert outcome.exit_code == 1, outcome.output  # every extraction failed; the report is written
    report = json.loads((out / "report.json").read_text())
    assert all(document["error"] for document in report["documents"])
    assert report["micro"]["recall"] == 0


def kinds(predicted: Form4Filing, expected: Form4Filing, source: str | None = None) -> list:
    outcomes = score_filing(expected, predicted, source).outcomes
    return [(o.outcome, o.kind) for o in outcomes if o.outcome != "correct"]


def test_a_digit_ocr_confuses_is_named() -> None:
    predicted = gold().model_copy(deep=True)
    shares = predicted.non_derivative_transactions[0].transaction_shares
    assert shares is not None and shares.value == Decimal("100000")
    shares.value = Decimal("180000")
    assert kinds(predicted, gold()) == [("wrong", "ocr_confusable")]


def test_a_value_the_source_never_printed_is_named() -> None:
    seed = SEEDS[0]
    source = seed.read_text()
    predicted = gold().model_copy(deep=True)
    shares = predicted.non_derivative_transactions[0].transaction_shares
    assert shares is not None
    shares.value = Decimal("4321")  # printed nowhere
    assert kinds(predicted, gold(), source) == [("wrong", "not_in_source")]
    shares.value = Decimal("124537")  # printed, as the balance after the line
    assert kinds(predicted, gold(), source) == [("wrong", "wrong_value")]


def test_a_line_in_the_wrong_list_is_named() -> None:
    predicted = gold().model_copy(deep=True)
    line = predicted.non_derivative_transactions[0]
    predicted.non_derivative_holdings = [
        NonDerivativeHolding(
            security_title=line.security_title,
            shares_owned_following_transaction=line.shares_owned_following_transaction,
            direct_or_indirect_ownership=line.direct_or_indirect_ownership,
        )
    ]
    assert set(kinds(predicted, gold())) == {("extra", "wrong_table")}


def test_html_report_is_self_contained_with_a_drill_down(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(SEEDS_DIR), "--out", str(out)], env=env())
    assert outcome.exit_code == 0, outcome.output
    report = json.loads((out / "report.json").read_text())
    page = lxml.html.fromstring((out / "report.html").read_bytes())
    assert not page.xpath("//script | //link | //img | //iframe")
    assert not [url for url in page.xpath("//@src | //@href") if not url.startswith("#")]
    bars = page.xpath(
        "//*[local-name()='svg'][@aria-label='F1 per field group']//*[local-name()='title']"
    )
    assert len(bars) == len(report["groups"])
    panels = page.xpath("//details")
    assert [p.findtext("summary").strip() for p in panels] == [
        d["name"] for d in report["documents"]
    ]
    for panel, document in zip(panels, report["documents"], strict=True):
        text = panel.text_content()
        assert all(conflict["rule"] in text for conflict in document["conflicts"])
        rows = panel.xpath(".//tr[td[@class='path']][td[@class='outcome']]")
        assert len(rows) == len(document["outcomes"])
        shown = [o for o in document["outcomes"] if o["similarity"] is None]
        for o in shown[:: max(1, len(shown) // 5)]:
            row = next(row for row in rows if row.findtext("td") == o["path"])
            gold_cell, predicted_cell = (td.text_content() for td in row.xpath("td")[2:4])
            assert (gold_cell, predicted_cell) == (o["gold"] or "", o["predicted"] or "")


def test_an_unreadable_gold_or_input_spoils_only_its_fixture(tmp_path: Path) -> None:
    folder = tmp_path / "fixtures"
    shutil.copytree(SEEDS_DIR, folder)
    broken_gold, broken_input = SEEDS[1].stem, SEEDS[2].stem
    (folder / f"{broken_gold}.xml").write_text("<ownershipDocument>")
    (folder / f"{broken_input}.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    outcome = runner.invoke(app, ["eval", str(folder), "--out", str(out)], env=env())
    assert outcome.exit_code == 0, outcome.output
    documents = {d["name"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert documents[broken_gold]["error"].startswith("gold: ")
    assert documents[broken_gold]["outcomes"] == []
    assert documents[broken_input]["error"] and documents[broken_input]["counts"]["tp"] == 0
    assert sum(d["error"] is None for d in documents.values()) == len(SEEDS) - 2
    assert f"form4: {broken_gold}: gold: " in outcome.stderr


def test_the_rule_10b5_1_box_is_scored_only_where_the_gold_form_has_it() -> None:
    older = gold()  # a form without the box: nothing to read right or wrong there
    guessed = older.model_copy(update={"aff10b5_one": True})
    assert f1(guessed, older) == 1.0

    newer = older.model_copy(update={"aff10b5_one": True})
    by_field = {o.field: o for o in score_filing(newer, older).outcomes}
    assert by_field["aff10b5One"].outcome == "missing"
    assert by_field["aff10b5One"].group == "form"
    assert f1(newer, newer) == 1.0
    unchecked = older.model_copy(update={"aff10b5_one": False})  # the box printed empty
    by_field = {o.field: o for o in score_filing(unchecked, guessed).outcomes}
    assert by_field["aff10b5One"].outcome == "extra"


def test_the_report_says_how_many_ok_documents_are_exact() -> None:
    """An ok that is not exact is what a user would wrongly trust: the report counts both."""
    wrong = FieldOutcome(
        path="issuer/issuerName",
        predicted_path="issuer/issuerName",
        group="issuer",
        field="issuerName",
        outcome="wrong",
        gold="A",
        predicted="B",
    )
    missing = wrong.model_copy(update={"outcome": "missing", "predicted": None})
    documents = [
        DocumentReport(name="a", status="ok", exact=True, subset="test/clean"),
        DocumentReport(name="b", status="ok", exact=False, subset="test/heavy", outcomes=[wrong]),
        DocumentReport(
            name="c", status="needs_review", exact=False, subset="dev/heavy", outcomes=[missing]
        ),
    ]
    report = build_report("corpus", "stand-in", "model", documents)
    assert (report.ok_documents, report.ok_exact) == (2, 1)
    test = report.subsets["test"]
    assert (test.ok_documents, test.ok_exact, test.wrong_unflagged) == (2, 1, 1)
    assert report.subsets["dev"].missing_unflagged == 1
    assert "| test | 2 |" in to_markdown(report)


def _flagged(
    expected: Form4Filing, predicted: Form4Filing, rule: str, *fields: str
) -> list[FieldOutcome]:
    """The outcomes of ``predicted`` that a conflict of ``rule`` naming ``fields`` flags."""
    conflict = Conflict(rule=rule, severity="warning", message="m", fields=list(fields))
    result = ExtractionResult(
        source=None,
        filing=predicted,
        backend="stand-in",
        model="m",
        usage=Usage(prompt_tokens=0, completion_tokens=0),
        attempts=0,
        cached_responses=0,
        transient_retries=0,
        seconds={},
        conflicts=[conflict],
    )
    report = document_report("a", score_filing(expected, predicted), result)
    return [o for o in report.outcomes if o.flagged]


def test_a_missing_value_is_flagged_only_through_the_part_a_conflict_names_whole() -> None:
    """Nothing was predicted in the place of a value that is missing, so a conflict about a
    predicted row says nothing of it; a conflict naming the whole part (the signatures, a table)
    as incomplete does."""
    expected = gold()
    unsigned = expected.model_copy(
        update={"owner_signatures": [], "non_derivative_transactions": []}
    )

    def flagged_fields(*fields: str) -> set[str]:
        return {o.path.split("[")[0] for o in _flagged(expected, unsigned, "r", *fields)}

    assert flagged_fields("ownerSignature") == {"ownerSignature"}
    assert flagged_fields("nonDerivativeTable") == {"nonDerivativeTable/nonDerivativeTransaction"}
    assert flagged_fields("ownerSignature[1]/signatureName") == set()
    assert flagged_fields("nonDerivativeTable/nonDerivativeTransaction[1]") == set()


def test_a_conflict_that_something_is_missing_flags_what_is_missing_not_what_was_read() -> None:
    """``extraction.printed_value_unread`` sends the reviewer to a table for a value no line
    holds: it says nothing of the lines read, a wrong value among them stays unflagged."""
    expected = gold()
    (line, *_) = expected.non_derivative_transactions
    shares = line.transaction_shares.model_copy(update={"value": Decimal(1)})
    predicted = expected.model_copy(
        update={
            "owner_signatures": [],
            "non_derivative_transactions": [line.model_copy(update={"transaction_shares": shares})],
        }
    )

    def flagged_outcomes(rule: str) -> set[str]:
        fields = ("nonDerivativeTable", "ownerSignature")
        return {o.outcome for o in _flagged(expected, predicted, rule, *fields)}

    assert flagged_outcomes("extraction.printed_value_unread") == {"missing"}
    assert flagged_outcomes("r") == {"missing", "wrong"}


def test_a_mark_reported_missing_at_its_cell_is_flagged_there_alone() -> None:
    """``extraction.mark_unsettled`` names a cell whose garbled mark was not put in: the mark
    missing there is flagged, a wrong value of the same row is not."""
    expected = gold()
    (line, *rest) = expected.non_derivative_transactions
    assert line.transaction_shares.footnotes
    shares = line.transaction_shares.model_copy(update={"footnotes": []})
    price = line.transaction_price_per_share.model_copy(update={"value": Decimal("99.99")})
    lost = line.model_copy(
        update={"transaction_shares": shares, "transaction_price_per_share": price}
    )
    predicted = expected.model_copy(update={"non_derivative_transactions": [lost, *rest]})
    cell = "nonDerivativeTable/nonDerivativeTransaction[1]/transactionAmounts/transactionShares"
    flagged = _flagged(expected, predicted, "extraction.mark_unsettled", cell)
    assert [(o.path, o.outcome) for o in flagged] == [(f"{cell}/footnoteId", "missing")]


def test_a_cell_s_mark_set_short_of_one_is_flagged_by_a_mark_reported_missing_there() -> None:
    """Marks are compared as one set, so a cell read with (2) of its (2)(3) is wrong, not
    missing; ``extraction.mark_unsettled`` at the cell says a mark is missing there."""
    expected = gold()
    (line, *rest) = expected.non_derivative_transactions
    marks = line.transaction_shares.footnotes
    shares = line.transaction_shares.model_copy(update={"footnotes": [*marks, "F9"]})
    fuller = line.model_copy(update={"transaction_shares": shares})
    expected = expected.model_copy(update={"non_derivative_transactions": [fuller, *rest]})
    predicted = expected.model_copy(update={"non_derivative_transactions": [line, *rest]})
    cell = "nonDerivativeTable/nonDerivativeTransaction[1]/transactionAmounts/transactionShares"
    flagged = _flagged(expected, predicted, "extraction.mark_unsettled", cell)
    assert [(o.path, o.outcome) for o in flagged] == [(f"{cell}/footnoteId", "wrong")]
