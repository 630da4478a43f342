"""Generated filings: consistent ones raise nothing; one injected fault trips the rule for it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from form4.schema import Form4Filing
from form4.validators import validate

START = date(2015, 1, 5)


@st.composite
def consistent_filings(draw: st.DrawFn) -> Form4Filing:
    """A Table I run of purchases and sales whose balance, dates and codes all agree."""
    balance = draw(st.integers(min_value=0, max_value=10**6))
    offsets = sorted(draw(st.lists(st.integers(0, 2), min_size=2, max_size=8)))  # Mon-Wed: on time
    rows: list[dict[str, Any]] = []
    for offset in offsets:
        sell = balance > 0 and draw(st.booleans())
        shares = draw(st.integers(1, balance if sell else 10**5))
        balance += -shares if sell else shares
        rows.append(
            {
                "securityTitle": {"value": "Common Stock"},
                "transactionDate": {"value": START + timedelta(days=offset)},
                "transactionCode": {"value": "S" if sell else "P"},
                "transactionShares": {"value": shares},
                "transactionAcquiredDisposedCode": {"value": "D" if sell else "A"},
                "transactionPricePerShare": {"value": "10.5"},
                "sharesOwnedFollowingTransaction": {"value": balance},
                "directOrIndirectOwnership": {"value": "D"},
            }
        )
    return Form4Filing.model_validate(
        {
            "periodOfReport": START + timedelta(days=offsets[0]),
            "issuer": {"issuerName": "ACME INC", "issuerTradingSymbol": "ACME"},
            "reportingOwners": [{"rptOwnerName": "Doe Jane", "isDirector": True}],
            "nonDerivativeTransactions": rows,
            "ownerSignatures": [
                {"signatureName": "Jane Doe", "signatureDate": START + timedelta(days=offsets[-1])}
            ],
        }
    )


def _flagged(filing: Form4Filing) -> set[str]:
    return {c.rule for c in validate(filing).conflicts if c.severity != "info"}


@settings(max_examples=60, deadline=None)
@given(consistent_filings())
def test_consistent_filings_raise_nothing(filing: Form4Filing) -> None:
    assert _flagged(filing) == set()


@settings(max_examples=60, deadline=None)
@given(consistent_filings(), st.data())
def test_a_broken_balance_is_caught_by_the_chain(filing: Form4Filing, data: st.DataObject) -> None:
    rows = filing.non_derivative_transactions
    row = rows[data.draw(st.integers(0, len(rows) - 1))]
    row.shares_owned_following_transaction = {
        "value": row.shares_owned_following_transaction.value + data.draw(st.integers(1, 1000))
    }
    assert _flagged(filing) == {"holdings.chain"}


@settings(max_examples=60, deadline=None)
@given(consistent_filings(), st.data())
def test_a_wrong_box_3_is_caught(filing: Form4Filing, data: st.DataObject) -> None:
    filing.period_of_report -= timedelta(days=data.draw(st.integers(1, 30)))
    assert _flagged(filing) == {"dates.period_of_report"}


@settings(max_examples=60, deadline=None)
@given(consistent_filings(), st.integers(3, 60))
def test_a_late_signature_is_caught(filing: Form4Filing, days: int) -> None:
    filing.owner_signatures[0].signature_date += timedelta(days=days + 2)
    report = validate(filing)
    assert {(c.rule, c.severity) for c in report.conflicts} == {("dates.late", "info")}
    assert report.status == "ok"
