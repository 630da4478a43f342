"""Layout facts settled before the model reads: which tables have no transaction line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from form4 import from_xml
from form4.extractor.model.layout import response_model, tables_without_transactions
from form4.extractor.model.prompts import prompt_file
from form4.extractor.text.cleaning import clean_text
from form4.schema import Form4Filing
from tests.conftest import SEEDS


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_table_is_called_empty_only_when_the_gold_has_no_transaction_there(seed: Path) -> None:
    gold = from_xml(seed.with_suffix(".xml").read_bytes())
    truly_empty = {
        table
        for table, rows in (
            ("I", gold.non_derivative_transactions),
            ("II", gold.derivative_transactions),
        )
        if not rows
    }
    found = tables_without_transactions(clean_text(seed.read_text()))
    assert found <= truly_empty


def test_seed_tables_found_empty() -> None:
    found = {p.stem[:3]: tables_without_transactions(clean_text(p.read_text())) for p in SEEDS}
    assert found == {
        "000": frozenset(),
        "001": frozenset({"II"}),
        "002": frozenset(),  # the Table I title is lost in the OCR: nothing is assumed
        "003": frozenset({"I"}),
        "004": frozenset({"II"}),
    }


TEXT = """Table I - Non-Derivative Securities
{one}
Table II - Derivative Securities
{two}
Explanation of Responses:
1. Vests on 03/04/2016.
"""


def test_sections_are_bounded_by_the_titles_and_the_footnotes() -> None:
    both = TEXT.format(one="Common Stock 03/04/2015 S 100 D", two="Option $1 03/04/2015 M")
    assert tables_without_transactions(both) == frozenset()
    assert tables_without_transactions(TEXT.format(one="Code V", two="(1) (2)")) == {"I", "II"}
    assert tables_without_transactions(TEXT.format(one="Code V", two="x 3/4/2015")) == {"I"}
    no_titles = "Common Stock 5,000 D\nExplanation of Responses:"
    assert tables_without_transactions(no_titles) == frozenset()


def test_the_constrained_model_forbids_rows_in_an_empty_table() -> None:
    model = response_model(frozenset({"II"}))
    schema = model.model_json_schema()
    assert schema["properties"]["derivativeTransactions"]["maxItems"] == 0
    assert "maxItems" not in schema["properties"]["nonDerivativeTransactions"]
    assert list(schema["properties"]) == list(Form4Filing.model_json_schema()["properties"])
    row = {"securityTitle": "Option", "transactionDate": "03/04/2015"}
    base = {"issuer": {"issuerName": "X"}, "reportingOwners": [{"rptOwnerName": "Y"}]}
    with pytest.raises(ValidationError):
        model.model_validate({**base, "derivativeTransactions": [row]})
    assert response_model(frozenset()) is Form4Filing


def test_the_worked_example_is_a_valid_answer_in_schema_order() -> None:
    answer = json.loads(prompt_file("example.json"))
    Form4Filing.model_validate(answer)
    properties = list(Form4Filing.model_json_schema()["properties"])
    assert list(answer) == [key for key in properties if key in answer]
