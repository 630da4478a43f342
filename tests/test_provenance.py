"""Every value's reader, spans and confidence, and the status they hold a filing to."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form4 import Form4Filing
from form4.cli import app
from form4.evals.calibration import fit
from form4.evals.html import to_html
from form4.evals.report import EvalReport, reliability, to_markdown
from form4.evals.run import evaluate
from form4.extractor.assembly.confidence import MIN_VALUES, Calibration, Signals, legibility
from form4.extractor.assembly.provenance import (
    Origin,
    Origins,
    _find,
    _located,
    line_region,
    provenance,
    unconfident,
)
from form4.extractor.pipeline import Extractor, extract_text
from form4.result import Conflict, Repair, footnote_path, named_fields, points_at
from form4.schema import Footnote, TransactionCode
from tests.conftest import SEEDS, replay_settings

runner = CliRunner()

TEXT = """FORM 4
1. Name and Address of Reporting Person
Roe Jane Q.
100 MAIN STREET
2. Issuer Name and Ticker or Trading Symbol
Acme Widgets, Inc. [ ACME ]
3. Date of Earliest Transaction 03/04/2024
Table I - Non-Derivative Securities Acquired
Common Stock 03/04/2024 S 1,500(1) D $12.50 8,5OO D
Explanation of Responses:
1. Sold under a Rule 10b5-1 plan.
/s/ Jane Q. Roe 03/05/2024
"""
HEADER = (0, TEXT.index("Table I"))
LINE = "Common Stock 03/04/2024 S 1,500(1) D $12.50 8,5OO D"


def _filing() -> Form4Filing:
    return Form4Filing.model_validate(
        {
            "document_type": "4",
            "period_of_report": "2024-03-04",
            "issuer": {"issuer_name": "Acme Widgets, Inc.", "issuer_trading_symbol": "ACME"},
            "reporting_owners": [
                {
                    "rpt_owner_name": "Roe Jane Q.",
                    "rpt_owner_street1": "100 MAIN STREET",
                    "is_officer": True,
                    "officer_title": "CFO",
                }
            ],
            "non_derivative_transactions": [
                {
                    "security_title": "Common Stock",
                    "transaction_date": "2024-03-04",
                    "transaction_code": "S",
                    "transaction_shares": {"value": "1500", "footnotes": ["F1"]},
                    "transaction_acquired_disposed_code": "D",
                    "transaction_price_per_share": "12.50",
                    "shares_owned_following_transaction": "8500",
                    "direct_or_indirect_ownership": "D",
                }
            ],
            "footnotes": [{"id": "F1", "text": "Sold under a Rule 10b5-1 plan."}],
        }
    )


def _origins() -> Origins:
    origins = Origins(Origin("pattern", HEADER))
    origins.set("issuer", Origin("model", HEADER))
    origins.set("reportingOwner", Origin("model", HEADER))
    region = line_region(TEXT, LINE)
    assert region is not None
    origins.set("nonDerivativeTable/nonDerivativeTransaction[1]", Origin("model", region))
    origins.set("footnotes", Origin("pattern", (TEXT.index("Explanation"), len(TEXT))))
    return origins


NOTHING_MEASURED = Calibration(measured_on="nothing", threshold=0.0)


def _by_field(**kwargs: object) -> dict[str, object]:
    found = provenance(
        _filing(),
        TEXT,
        _origins(),
        kwargs.get("repairs", []),  # type: ignore[arg-type]
        kwargs.get("conflicts", []),  # type: ignore[arg-type]
        kwargs.get("calibration", NOTHING_MEASURED),  # type: ignore[arg-type]
    )
    return {entry.field: entry for entry in found}


ROW = "nonDerivativeTable/nonDerivativeTransaction[1]"


def test_each_value_has_its_reader_and_the_span_it_is_printed_at() -> None:
    found = _by_field()
    shares = found[f"{ROW}/transactionAmounts/transactionShares"]
    assert (shares.reader, shares.grounding) == ("model", "exact")
    assert [TEXT[a:b] for a, b in shares.spans] == ["1,500"]
    mark = found[f"{ROW}/transactionAmounts/transactionShares/footnoteId"]
    assert [TEXT[a:b] for a, b in mark.spans] == ["(1)"]
    issuer = found["issuer/issuerName"]
    assert issuer.reader == "model"
    assert [TEXT[a:b] for a, b in issuer.spans] == ["Acme Widgets, Inc."]
    assert found["footnotes/footnote[1]/@id"].grounding == "exact"
    assert found["periodOfReport"].reader == "pattern"
    assert found["reportingOwner[1]/reportingOwnerRelationship/isOfficer"].grounding == (
        "not_searched"
    )
    # unticked boxes and empty cells are the form's blanks, not values
    assert "reportingOwner[1]/reportingOwnerRelationship/isDirector" not in found


def test_a_value_s_legibility_is_that_of_its_own_lines() -> None:
    """fb_2018-05-15 (dev): one explanation OCR garbled ("EE pe howl Ta irre shares") among
    legible ones is read as printed; the print of its own lines, not the section's, says so."""
    garbled = "EE pe howl \u00a7\u00a7 Ta irre \u00bb\u00ab shares ~ on \u00b0 \u00a9 the date."
    text = TEXT.replace("/s/", f"2. {garbled}\n" + "3. Legible enough to read.\n" * 6 + "/s/")
    filing = _filing()
    filing.footnotes.append(Footnote(id="F2", text=garbled))
    origins = _origins()
    origins.set("footnotes", Origin("pattern", (text.index("Explanation"), len(text))))
    found = {
        entry.field: entry for entry in provenance(filing, text, origins, [], [], NOTHING_MEASURED)
    }
    assert found["footnotes/footnote[2]"].legibility == "garbled"
    assert found["footnotes/footnote[1]"].legibility == "clean"


def test_a_value_printed_with_ocr_confusions_or_only_elsewhere_says_so() -> None:
    found = _by_field()
    balance = found[f"{ROW}/postTransactionAmounts/sharesOwnedFollowingTransaction"]
    assert balance.grounding == "ocr"
    assert [TEXT[a:b] for a, b in balance.spans] == ["8,5OO"]
    # the period's date is printed in box 3, its region: a line's date searched in the boxes
    # would be found only elsewhere
    origins = _origins()
    origins.set("periodOfReport", Origin("model", (TEXT.index("Explanation"), len(TEXT))))
    moved = provenance(_filing(), TEXT, origins, [], [], NOTHING_MEASURED)
    period = next(entry for entry in moved if entry.field == "periodOfReport")
    assert period.grounding == "elsewhere"


def test_a_repaired_value_names_its_rule_and_a_flagged_one_is_flagged() -> None:
    title = "reportingOwner[1]/reportingOwnerRelationship/officerTitle"
    repairs = [
        Repair(rule="layout.title_head", field=title, old="FO", new="CFO", reason="glued"),
        Repair(
            rule="codes.tax_withholding",
            field=f"{ROW}/transactionCoding/transactionCode",
            old=None,
            new="S",
            reason="r",
        ),
    ]
    conflicts = [
        Conflict(
            rule="holdings.chain",
            severity="warning",
            message="m",
            fields=[f"{ROW}/transactionDate"],
        ),
        Conflict(rule="x.info", severity="info", message="m", fields=["issuer/issuerName"]),
    ]
    found = _by_field(repairs=repairs, conflicts=conflicts)
    assert (found[title].reader, found[title].rule) == ("layout", "layout.title_head")
    code = found[f"{ROW}/transactionCoding/transactionCode"]
    assert (code.reader, code.rule) == ("rule", "codes.tax_withholding")
    # a warning on a line points at every cell of it; an info holds nothing back
    assert found[f"{ROW}/transactionAmounts/transactionPricePerShare"].flagged
    assert not found["issuer/issuerName"].flagged


def test_a_value_is_found_as_ocr_prints_it() -> None:
    assert _find(date(2011, 10, 17), "on 10/17 /2011 and") == ([(3, 14)], True)
    assert _find(date(2021, 10, 17), "1 0/17/2021") == ([(0, 11)], True)
    assert _find(Decimal("100000"), "l00,000") == ([(0, 7)], True)
    assert _find("Dillon Matthew S.", "/s/ Matthew S. Dillon") is not None
    assert _find("Acme Widgets Inc", "ACME WIDGETS, INC.") == ([(0, 16)], True)
    assert _find(Decimal("999999"), "1,500 and 8,500") is None
    assert _find("Chief Financial Officer", "Common Stock 1,500") is None


def test_a_code_letter_ocr_doubled_is_found_where_it_is_printed() -> None:
    """A real dev line prints S as "Ss" (yelp_2012-11-23); without its OCR forms the letter was
    found at the first lone S of the page and called printed elsewhere."""
    line = "Class A Common Stock 11/23/2012 Ss 2,800 D $19.0186(2 0 D"
    assert _find(TransactionCode.S, line) == ([(32, 34)], True)
    assert _find(TransactionCode.C, "Class B (4) 11/26/2012 Cc 12,870") == ([(23, 25)], True)
    assert _find(TransactionCode.S, "Sale price $5.00 by Smith") is None
    assert _find(TransactionCode.M, "11/23/2012 Mm(1) 2,800") == ([(11, 13)], True)
    # yelp_2013-03-08 (dev): a code whose mark OCR garbled, read as its letter
    assert _find(TransactionCode.C, "03/08/2013 ci) 117,330 A") == ([(11, 12)], True)
    assert _find(TransactionCode.S, "03/11/2013 se@) 11,733 D") == ([(11, 12)], True)
    assert _find(TransactionCode.S, "03/11/2013 Sale) 11,733 D") is None


def test_a_mark_is_found_as_ocr_prints_a_small_one() -> None:
    """b_2019-12-10 (dev): "P(t)" is P(1), as the row reader reads it; the line is the region."""
    line = "Common Stock 12/10/2019 P(t) 34.1689 A $60.8979 22,291.39(2) D"
    text = f"1. Name (1) and Address\n{line}"
    start = text.index(line)
    assert _located(["F1"], text, (start, len(text)), marks=True) == (
        [(start + 25, start + 28)],
        "exact",
    )


def test_a_text_is_found_over_the_lines_it_is_printed_on() -> None:
    """An explanation read by pattern joins its lines with spaces; it is printed as given."""
    note = "Shares held by the Roe Family Trust."
    assert _find(note, "1. Shares held by the\nRoe Family Trust.") == ([(3, 39)], False)


def test_a_line_is_found_across_the_ocr_lines_it_wraps_over() -> None:
    text = "heading\nClass B 1,000 D By the\n\nRoe Family Trust\nnext"
    region = line_region(text, "Class B 1,000 D By the\nRoe Family Trust")
    assert region is not None
    assert text[region[0] : region[1]] == "Class B 1,000 D By the\n\nRoe Family Trust"
    assert line_region(text, "Not printed") is None


def test_the_longest_prefix_gives_the_origin() -> None:
    origins = Origins(Origin("pattern", (0, 1)))
    origins.set("reportingOwner", Origin("pattern", (5, 9)))
    origins.set("reportingOwner[1]", Origin("model", (0, 4)))
    assert origins.of("reportingOwner[1]/reportingOwnerId/rptOwnerName").reader == "model"
    assert origins.of("reportingOwner[2]/reportingOwnerId/rptOwnerName").region == (5, 9)
    assert origins.of("periodOfReport").region == (0, 1)


def _signals(**update: object) -> Signals:
    base = {
        "part": "cell",
        "kind": "number",
        "reader": "model",
        "grounding": "exact",
        "flagged": False,
        "legibility": "clean",
    }
    return Signals.model_validate(base | update)


def test_confidence_is_the_share_of_right_values_of_the_most_detailed_measured_combination() -> (
    None
):
    signals = _signals()
    detailed, coarser = signals.combinations()[0], signals.combinations()[1]
    calibration = Calibration(
        measured_on="t",
        threshold=0.9,
        counts={detailed: (MIN_VALUES - 2, MIN_VALUES), coarser: (10, 100), "": (1, 2)},
    )
    assert calibration.confidence(signals) == round((MIN_VALUES - 1) / (MIN_VALUES + 2), 4)
    rare = calibration.model_copy(update={"counts": {detailed: (5, 5), coarser: (10, 100)}})
    assert rare.confidence(signals) == round(11 / 102, 4)  # too few: the coarser share
    assert NOTHING_MEASURED.confidence(signals) == 0.5  # nothing measured: a coin's toss


def test_legibility_follows_the_share_of_characters_no_form_prints() -> None:
    assert legibility("Common Stock 03/04/2024 S 1,500(1) D $12.50 8,500 D") == "clean"
    assert legibility("Common Stock 03/04/2024 S 1,500(1) D $12.50 8,500 D \u2018") == "noisy"
    assert legibility("Co\u00bbmm\u00a9n St\u00a2ck 03/04/2024 \u00a7 1,500") == "garbled"


def test_values_below_the_threshold_hold_the_filing_with_their_evidence() -> None:
    found = list(_by_field().values())
    assert unconfident(found, 0.4) == []
    [held] = unconfident(found, 0.6)
    assert (held.rule, held.severity) == ("extraction.low_confidence", "warning")
    assert set(held.fields) == {entry.field for entry in found}
    assert held.evidence["issuer/issuerName"]["confidence"] == 0.5


def _replayed_report(tmp_path: Path) -> EvalReport:
    fixtures = tmp_path / "seeds"
    fixtures.mkdir()
    for seed in SEEDS:
        for suffix in (".txt", ".xml"):
            (fixtures / seed.with_suffix(suffix).name).write_bytes(
                seed.with_suffix(suffix).read_bytes()
            )
    report, _ = evaluate(fixtures, Extractor(replay_settings()))
    return report


def test_an_extraction_gives_every_predicted_value_its_provenance(tmp_path: Path) -> None:
    report = _replayed_report(tmp_path)
    predicted = [o for d in report.documents for o in d.outcomes if o.predicted is not None]
    assert predicted and all(o.provenance is not None for o in predicted)
    for document, seed in zip(report.documents, SEEDS, strict=True):
        text = extract_text(seed)
        for outcome in document.outcomes:
            found = outcome.provenance
            if found is None or found.grounding != "exact" or found.field.endswith("@id"):
                continue
            printed = " ".join(text[a:b] for a, b in found.spans)
            assert outcome.predicted is not None
            assert printed, found
    assert sum(band.values for band in report.reliability) == len(predicted)


def test_calibration_fits_the_shares_and_the_least_threshold_that_keeps_ok_filings_exact(
    tmp_path: Path,
) -> None:
    report = _replayed_report(tmp_path)
    calibration, chosen = fit([report], "seeds")
    right = sum(
        o.outcome == "correct" for d in report.documents for o in d.outcomes if o.provenance
    )
    assert calibration.counts[""] == (right, chosen["predicted values"])
    assert chosen["ok filings exact"] >= 0.95 * chosen["ok filings"]
    assert chosen["wrong and unflagged"] <= 0.01 * chosen["predicted values"]
    out = tmp_path / "calibration.json"
    (tmp_path / "report.json").write_text(report.model_dump_json())
    outcome = runner.invoke(app, ["calibrate", str(tmp_path / "report.json"), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    written = Calibration.model_validate(json.loads(out.read_text()))
    assert (written.counts, written.threshold) == (calibration.counts, calibration.threshold)


@pytest.mark.parametrize("render", [to_markdown, to_html])
def test_the_reliability_table_is_in_the_reports(tmp_path: Path, render: object) -> None:
    report = _replayed_report(tmp_path)
    assert report.reliability == reliability(o for d in report.documents for o in d.outcomes)
    shown = render(report)  # type: ignore[operator]
    assert "mean confidence" in shown


def test_calibrate_refuses_a_file_that_is_no_report_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "calibration.json"
    for bad in (tmp_path / "missing.json", tmp_path / "nonsense.json"):
        if bad.name == "nonsense.json":
            bad.write_text("{}")
        outcome = runner.invoke(app, ["calibrate", str(bad), "--out", str(out)])
        assert outcome.exit_code == 1
        assert len(outcome.output.strip().splitlines()) == 1, outcome.output
        assert not out.exists()


def test_a_rule_on_a_footnote_by_its_id_points_at_the_footnote_in_its_place() -> None:
    """EDGAR names a footnote by its id, a value's path by its place: the second of notes F1 and
    F3 is footnote[2], and a rule naming F3 points at its text."""
    filing = _filing()
    filing.footnotes = [Footnote(id="F1", text="a"), Footnote(id="F3", text="b")]
    conflict = Conflict(
        rule="footnotes.garbled",
        severity="warning",
        message="m",
        fields=[footnote_path("F3"), "periodOfReport", footnote_path("F9")],
    )
    fields = named_fields([conflict], filing)
    assert fields == ["footnotes/footnote[2]", "periodOfReport", "footnotes/footnote[@id='F9']"]
    assert points_at("footnotes/footnote[2]", fields)
    assert not points_at("footnotes/footnote[1]", fields)


def test_a_conflict_that_a_value_is_missing_doubts_no_value_read_beside_it() -> None:
    """A value read in a table where another is missing is as likely right as before: its
    confidence must not fall for it."""
    missing = Conflict(
        rule="extraction.printed_value_unread",
        severity="warning",
        message="m",
        fields=["derivativeTable"],
    )
    assert named_fields([missing], _filing()) == []
    assert named_fields([missing], _filing(), missing=True) == ["derivativeTable"]
