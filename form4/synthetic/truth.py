"""Ground-truth Form 4s drawn at random: realistic, internally consistent, reproducible.

A filing is drawn as a story (a scenario such as an option exercise and sale), then finished the
way filers finish the form: box 3 from the earliest trade, a signature within the deadline, an
amendment now and then, remarks, and footnotes numbered in the order the tables cite them. Every
filing drawn passes the validators without an error or warning and survives the EDGAR XML round
trip, so a fixture built from it has a label that is right by construction.
"""

from __future__ import annotations

import random
from functools import cache

from faker import Faker

from form4.schema import DocumentType, Footnote, Form4Filing, OwnerSignature
from form4.synthetic import market, parties, scenarios, wording
from form4.synthetic.ledger import Draft
from form4.synthetic.scenarios import Scenario
from form4.validators.lines import lines, references

SCENARIOS: tuple[tuple[Scenario, int], ...] = (
    (scenarios.officer_award, 17),
    (scenarios.director_award, 9),
    (scenarios.option_exercise, 18),
    (scenarios.tax_withholding, 12),
    (scenarios.gift, 8),
    (scenarios.purchase, 10),
    (scenarios.sale, 14),
    (scenarios.fund_trade, 12),
)
"""Each scenario and its weight (percent of filings drawn)."""

FAMILY_HOLDINGS = 0.3
"""Share of filings by a person that also list holdings of trusts, spouses or plans."""
AMENDMENTS = 0.1
BY_ATTORNEY = 0.35

_ROWS = ("non_derivative_transactions", "non_derivative_holdings", "derivative_transactions")


@cache
def _faker() -> Faker:
    """One Faker, reseeded for every filing: building one costs more than a filing."""
    return Faker("en_US")


def sample_filing(rng: random.Random) -> Form4Filing:
    """A Form 4 (or 4/A) drawn from ``rng``; the same rng state always gives the same filing."""
    fake = _faker()
    fake.seed_instance(rng.getrandbits(32))
    issuer, office = parties.issuer(fake, rng)
    draft = Draft(
        rng=rng,
        fake=fake,
        issuer=issuer,
        office=office,
        stock=rng.choice(wording.STOCK_TITLES),
        day=market.trade_date(rng),
        price=market.share_price(rng),
    )
    (scenario,) = rng.choices([s for s, _ in SCENARIOS], weights=[w for _, w in SCENARIOS])
    scenario(draft)
    if draft.insider is not None and rng.random() < FAMILY_HOLDINGS:
        scenarios.family_holdings(draft)
    return _numbered(_finished(draft))


def _finished(draft: Draft) -> Form4Filing:
    """The boxes around the tables: box 3, dates, amendment, signatures and remarks."""
    rng = draft.rng
    traded = [row.transaction_date.value for row in [*draft.stock_lines, *draft.derivative_lines]]
    first, last = min(traded), max(traded)
    window = market.signing_days(first, last)
    original = None
    if len(window) > 1 and rng.random() < AMENDMENTS:
        original = rng.choice(window[:-1])
        window = [day for day in window if day > original]
    signed = rng.choices(window, weights=[4, 3, 2, 1, 1][: len(window)])[0]
    attorney = parties.attorney_signature(draft.fake, rng) if rng.random() < BY_ATTORNEY else None
    return Form4Filing(
        document_type=DocumentType.FORM_4A if original else DocumentType.FORM_4,
        date_of_original_submission=original,
        period_of_report=first,
        issuer=draft.issuer,
        reporting_owners=[party.owner for party in draft.parties],
        non_derivative_transactions=draft.stock_lines,
        derivative_transactions=draft.derivative_lines,
        non_derivative_holdings=draft.stock_holdings,
        footnotes=[Footnote(id=key, text=text) for text, key in draft.notes.items()],
        remarks=_remarks(
            rng,
            amended=original is not None,
            attorney=attorney is not None,
            joint=len(draft.parties) > 1,
        ),
        owner_signatures=[
            OwnerSignature(
                signature_name=attorney if attorney and party.individual else party.signature,
                signature_date=signed,
            )
            for party in draft.parties
        ],
    )


def _remarks(rng: random.Random, *, amended: bool, attorney: bool, joint: bool) -> str | None:
    """Remarks that fit the filing: why it amends, the power of attorney, a joint disclaimer."""
    fitting = [
        (amended, 0.7, wording.REMARKS_AMENDMENT),
        (attorney, 0.4, wording.REMARKS_ATTORNEY),
        (joint, 0.4, wording.REMARKS_JOINT),
        (True, 0.05, wording.REMARKS_ANY),
    ]
    for applies, chance, pool in fitting:
        if applies and rng.random() < chance:
            return rng.choice(pool)
    return None


def _numbered(filing: Form4Filing) -> Form4Filing:
    """Footnotes renumbered F1..Fn in the order the tables cite them, line by line as EDGAR
    lists them (Table I, then Table II) and column by column, as a filer numbers explanations.

    EDGAR's column order differs from the paper's only in Table II's column 8 (price), which no
    drawn filing footnotes."""
    cited = dict.fromkeys(key for line in lines(filing) for key, _ in references(line.row))
    number = {key: f"F{n}" for n, key in enumerate(cited, start=1)}
    data = filing.model_dump()
    for name in _ROWS:
        for row in data[name]:
            for cell in row.values():
                if isinstance(cell, dict):
                    cell["footnotes"] = [number[key] for key in cell["footnotes"]]
    notes = ({"id": number[note.id], "text": note.text} for note in filing.footnotes)
    data["footnotes"] = sorted(notes, key=lambda note: int(note["id"][1:]))
    return Form4Filing.model_validate(data)
