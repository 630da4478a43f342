"""EDGAR XML round trips: nothing a gold filing holds may be lost on the way through the schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from form4.edgar_xml import _LAYOUTS, from_xml, to_xml
from form4.errors import InputError
from form4.schema import (
    Cell,
    DerivativeHolding,
    DerivativeTransaction,
    Footnote,
    Form4Filing,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnerSignature,
    ReportingOwner,
)

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.xml"))
REGENERATED = {"schemaVersion", "transactionFormType", "equitySwapInvolved"}

Leaf = tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]


def leaves(xml: str | bytes) -> set[Leaf]:
    """(path, text, footnote ids, attributes) of every element that holds something.

    Containers that hold nothing themselves are implied by the leaves under them; paths carry
    positions (``nonDerivativeTransaction[2]``), so swapped or merged rows show up too.
    """
    data = xml.encode() if isinstance(xml, str) else xml
    tree = etree.ElementTree(etree.fromstring(data))
    found: set[Leaf] = set()
    for el in tree.getroot().iter(tag=etree.Element):
        if el.tag in REGENERATED or el.tag == "footnoteId":
            continue
        text = (el.text or "").strip()
        footnotes = tuple(fn.get("id") for fn in el.iterfind("footnoteId"))
        attributes = tuple(sorted(el.attrib.items()))
        if text or footnotes or attributes:
            found.add((tree.getpath(el), text, footnotes, attributes))
    return found


def tags_in_order(xml: str | bytes) -> list[str]:
    data = xml.encode() if isinstance(xml, str) else xml
    tree = etree.ElementTree(etree.fromstring(data))
    return [tree.getpath(el) for el in tree.getroot().iter(tag=etree.Element)]


def owner(name: str = "Doe Jane", **fields: object) -> ReportingOwner:
    return ReportingOwner(rpt_owner_name=name, is_director=True, **fields)


def filing(**fields: object) -> Form4Filing:
    base: dict[str, object] = {
        "period_of_report": date(2020, 1, 2),
        "issuer": Issuer(issuer_name="ACME CORP", issuer_trading_symbol="ACME"),
        "reporting_owners": [owner()],
        "owner_signatures": [OwnerSignature(signature_name="Jane Doe")],
    }
    return Form4Filing(**{**base, **fields})


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_gold_file_round_trips_without_loss(path: Path) -> None:
    gold = path.read_bytes()
    parsed = from_xml(gold)
    written = to_xml(parsed)

    assert leaves(gold) - leaves(written) == set(), "lost from the gold file"
    assert leaves(written) - leaves(gold) == set(), "invented by the writer"
    assert from_xml(written) == parsed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_writer_keeps_edgar_element_order(path: Path) -> None:
    gold = path.read_bytes()
    assert tags_in_order(to_xml(from_xml(gold))) == tags_in_order(gold)


def test_every_schema_field_has_an_xml_path() -> None:
    # A field added to the schema but not to a layout would vanish silently on a round trip.
    # (Layouts follow EDGAR's element order, which is not always the schema's field order.)
    for model, layout in _LAYOUTS.items():
        assert sorted(name for name, _ in layout) == sorted(model.model_fields), model.__name__


def test_output_is_utf8_xml_with_declaration_and_plain_decimals() -> None:
    row = NonDerivativeTransaction(
        security_title=Cell(value="Common Stock — Class A"),
        transaction_date=Cell(value=date(2020, 1, 2)),
        transaction_shares=Cell(value=Decimal("1E+5")),
        transaction_price_per_share=Cell(value=Decimal("2.50")),
    )
    xml = to_xml(filing(non_derivative_transactions=[row]))

    assert xml.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<ownershipDocument>\n  <")
    assert "<value>100000</value>" in xml
    assert "<value>2.50</value>" in xml
    assert "Common Stock — Class A" in xml
    assert from_xml(xml.encode("utf-8")) == from_xml(xml)


def test_footnote_only_cells_survive() -> None:
    row = DerivativeTransaction(
        security_title=Cell(value="Stock Option (right to buy)"),
        transaction_date=Cell(value=date(2020, 1, 2), footnotes=["F1"]),
        transaction_code=Cell(footnotes=["F2"]),
        transaction_price_per_share=Cell(footnotes=["F1", "F2"]),
        exercise_date=Cell(footnotes=["F2"]),
        expiration_date=Cell(value=date(2030, 1, 2)),
    )
    original = filing(
        derivative_transactions=[row],
        footnotes=[Footnote(id="F1", text="One."), Footnote(id="F2", text="Two.")],
    )
    xml = to_xml(original)
    exercise = etree.fromstring(xml.encode()).find(".//derivativeTransaction/exerciseDate")

    assert [child.tag for child in exercise] == ["footnoteId"]
    assert exercise[0].get("id") == "F2"
    assert from_xml(xml) == original


def test_transaction_code_footnotes_sit_inside_transaction_coding() -> None:
    row = NonDerivativeTransaction(
        security_title=Cell(value="Common Stock"),
        transaction_date=Cell(value=date(2020, 1, 2)),
        transaction_code=Cell(value="J", footnotes=["F1"]),
    )
    original = filing(non_derivative_transactions=[row], footnotes=[Footnote(id="F1", text="x")])
    xml = to_xml(original)
    coding = etree.fromstring(xml.encode()).find(".//transactionCoding")

    assert [child.tag for child in coding] == [
        "transactionFormType",
        "transactionCode",
        "equitySwapInvolved",
        "footnoteId",
    ]
    assert from_xml(xml) == original


def test_holding_rows_in_both_tables_round_trip() -> None:
    original = filing(
        non_derivative_transactions=[
            NonDerivativeTransaction(
                security_title=Cell(value="Common Stock"),
                transaction_date=Cell(value=date(2020, 1, 2)),
                transaction_code=Cell(value="S"),
                transaction_shares=Cell(value=Decimal("10")),
                transaction_acquired_disposed_code=Cell(value="D"),
                shares_owned_following_transaction=Cell(value=Decimal("90")),
                direct_or_indirect_ownership=Cell(value="D"),
            )
        ],
        non_derivative_holdings=[
            NonDerivativeHolding(
                security_title=Cell(value="Common Stock"),
                shares_owned_following_transaction=Cell(value=Decimal("5000")),
                direct_or_indirect_ownership=Cell(value="I"),
                nature_of_ownership=Cell(value="By Trust", footnotes=["F1"]),
            )
        ],
        derivative_holdings=[
            DerivativeHolding(
                security_title=Cell(value="Warrant"),
                conversion_or_exercise_price=Cell(value=Decimal("1.2500")),
                exercise_date=Cell(value=date(2019, 1, 1)),
                expiration_date=Cell(value=date(2029, 1, 1)),
                underlying_security_title=Cell(value="Common Stock"),
                underlying_security_value=Cell(value=Decimal("12000.00")),
                value_owned_following_transaction=Cell(value=Decimal("12000.00")),
                direct_or_indirect_ownership=Cell(value="D"),
            )
        ],
        footnotes=[Footnote(id="F1", text="Held by the Doe Family Trust.")],
        remarks="Exhibit 24 - Power of Attorney",
    )
    xml = to_xml(original)
    table = etree.fromstring(xml.encode()).find("nonDerivativeTable")

    assert [row.tag for row in table] == ["nonDerivativeTransaction", "nonDerivativeHolding"]
    assert from_xml(xml) == original


def test_multiple_reporting_owners_round_trip() -> None:
    owners = [
        owner("Doe Jane", rpt_owner_street1="1 Main St", rpt_owner_city="Boston"),
        ReportingOwner(rpt_owner_name="Doe Capital LLC", is_ten_percent_owner=True),
        ReportingOwner(rpt_owner_name="Roe Richard", is_other=True, other_text="Trustee"),
    ]
    original = filing(
        reporting_owners=owners,
        owner_signatures=[
            OwnerSignature(signature_name="Jane Doe", signature_date=date(2020, 1, 3)),
            OwnerSignature(signature_name="Richard Roe", signature_date=date(2020, 1, 3)),
        ],
        not_subject_to_section16=True,
    )
    xml = to_xml(original)

    assert xml.count("<reportingOwner>") == 3
    assert from_xml(xml) == original


X0609 = """<?xml version="1.0"?>
<ownershipDocument>
    <schemaVersion>X0609</schemaVersion>
    <documentType>4/A</documentType>
    <periodOfReport>2024-03-01</periodOfReport>
    <dateOfOriginalSubmission>2024-03-04</dateOfOriginalSubmission>
    <notSubjectToSection16>false</notSubjectToSection16>
    <aff10b5One>0</aff10b5One>
    <issuer>
        <issuerCik>0001105472</issuerCik>
        <issuerName>Ribbon Communications Inc.</issuerName>
        <issuerTradingSymbol>RBBN</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0001530102</rptOwnerCik>
            <rptOwnerName>Doe Jane</rptOwnerName>
        </reportingOwnerId>
        <reportingOwnerAddress>
            <rptOwnerStreet1>6500 CHASE OAKS BLVD</rptOwnerStreet1>
            <rptOwnerStreet2></rptOwnerStreet2>
            <rptOwnerCity>PLANO</rptOwnerCity>
            <rptOwnerState>TX</rptOwnerState>
            <rptOwnerZipCode>75023</rptOwnerZipCode>
            <rptOwnerStateDescription></rptOwnerStateDescription>
        </reportingOwnerAddress>
        <reportingOwnerRelationship>
            <isDirector>false</isDirector>
            <isOfficer>true</isOfficer>
            <isTenPercentOwner>0</isTenPercentOwner>
            <isOther>0</isOther>
            <officerTitle>EVP, CFO</officerTitle>
        </reportingOwnerRelationship>
    </reportingOwner>
    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle><value>Common Stock</value></securityTitle>
            <transactionDate><value>2024-03-01</value></transactionDate>
            <deemedExecutionDate/>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>F</transactionCode>
                <equitySwapInvolved>false</equitySwapInvolved>
                <footnoteId id="F1"/>
            </transactionCoding>
            <transactionTimeliness><value></value></transactionTimeliness>
            <transactionAmounts>
                <transactionShares><value> 1234.5 </value></transactionShares>
                <transactionPricePerShare><value>3.0100</value></transactionPricePerShare>
                <transactionAcquiredDisposedCode><value>D</value></transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>98765</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
        <nonDerivativeHolding>
            <securityTitle><value>Common Stock</value></securityTitle>
            <transactionCoding><transactionFormType>4</transactionFormType></transactionCoding>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>100</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
                <natureOfOwnership><value>By 401(k)</value></natureOfOwnership>
            </ownershipNature>
        </nonDerivativeHolding>
    </nonDerivativeTable>
    <footnotes>
        <footnote id="F1">
            Shares withheld to pay taxes.
        </footnote>
    </footnotes>
    <remarks>Amended to correct the price.</remarks>
    <ownerSignature>
        <signatureName>/s/ Jane Doe, by attorney-in-fact</signatureName>
        <signatureDate>2024-03-05</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""


def test_newer_schema_with_unknown_elements_parses() -> None:
    parsed = from_xml(X0609)

    assert parsed.document_type == "4/A"
    assert parsed.date_of_original_submission == date(2024, 3, 4)
    assert parsed.issuer == Issuer(
        issuer_name="Ribbon Communications Inc.", issuer_trading_symbol="RBBN"
    )
    (person,) = parsed.reporting_owners
    assert (person.is_director, person.is_officer, person.rpt_owner_street2) == (False, True, None)
    (row,) = parsed.non_derivative_transactions
    assert row.transaction_code == Cell(value="F", footnotes=["F1"])
    assert row.deemed_execution_date is None and row.transaction_timeliness is None
    assert row.transaction_shares == Cell(value=Decimal("1234.5"))
    assert row.transaction_price_per_share == Cell(value=Decimal("3.0100"))
    (holding,) = parsed.non_derivative_holdings
    assert holding.nature_of_ownership == Cell(value="By 401(k)")
    assert parsed.footnotes == [Footnote(id="F1", text="Shares withheld to pay taxes.")]
    assert parsed.remarks == "Amended to correct the price."
    assert from_xml(to_xml(parsed)) == parsed


def test_str_input_ignores_its_declared_encoding_and_bytes_honour_it() -> None:
    latin = X0609.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>')
    latin = latin.replace("Ribbon Communications Inc.", "Société Générale")

    assert from_xml(latin).issuer.issuer_name == "Société Générale"
    assert from_xml(latin.encode("iso-8859-1")).issuer.issuer_name == "Société Générale"


def test_entities_are_not_resolved() -> None:
    hostile = X0609.replace(
        "<ownershipDocument>",
        '<!DOCTYPE ownershipDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "\n<ownershipDocument>",
        1,
    ).replace("Amended to correct the price.", "Amended &x;")

    # Not fetched: the reference stays visible as text instead of the file's content.
    assert from_xml(hostile).remarks == "Amended &x;"


GOLD = SEEDS[0].read_text(encoding="utf-8")  # 000: both tables, a footnote-only exercise date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this is not XML", "not well-formed XML"),
        ("", "not well-formed XML"),
        (GOLD[:700], "not well-formed XML"),
        ("<html><body/></html>", "root element is <html>, expected <ownershipDocument>"),
        (
            GOLD.replace("<value>2011-10-17</value>", "<value>2011-13-45</value>", 1),
            "nonDerivativeTransaction/transactionDate/value: not a YYYY-MM-DD date: '2011-13-45'",
        ),
        (
            GOLD.replace("<periodOfReport>2011-10-17", "<periodOfReport>10/17/2011"),
            "/ownershipDocument/periodOfReport: not a YYYY-MM-DD date: '10/17/2011'",
        ),
        (
            GOLD.replace("<value>100000</value>", "<value>100,000</value>"),
            "transactionShares/value: not a plain decimal number: '100,000'",
        ),
        (
            GOLD.replace("<value>2.28</value>", "<value>NaN</value>"),
            "conversionOrExercisePrice/value: not a plain decimal number: 'NaN'",
        ),
        (
            GOLD.replace("<isOfficer>1</isOfficer>", "<isOfficer>yes</isOfficer>"),
            "isOfficer: not a boolean (0, 1, true, false): 'yes'",
        ),
        (
            GOLD.replace(
                "<transactionCode>A</transactionCode>", "<transactionCode>Q</transactionCode>"
            ),
            "nonDerivativeTransaction/transactionCoding: Input should be",
        ),
        (
            GOLD.replace("<documentType>4</documentType>", "<documentType>5</documentType>"),
            "/ownershipDocument/documentType: Input should be '4' or '4/A', got '5'",
        ),
        (
            GOLD.replace("<issuerName>SONUS NETWORKS INC</issuerName>", ""),
            "/ownershipDocument/issuer/issuerName: Field required",
        ),
        (
            GOLD.replace(
                "<securityTitle>\n        <value>Common Stock</value>\n      </securityTitle>", ""
            ),
            "nonDerivativeTransaction/securityTitle: Field required",
        ),
        (
            GOLD.replace('<footnoteId id="F1" />', '<footnoteId id="X1" />'),
            "transactionAmounts/transactionShares: String should match pattern",
        ),
        (
            GOLD.replace('<footnote id="F2">', '<footnote id="note2">'),
            "/ownershipDocument/footnotes/footnote[2]/@id: String should match pattern",
        ),
    ],
    ids=[
        "not-xml",
        "empty",
        "truncated",
        "wrong-root",
        "impossible-date",
        "us-date",
        "thousands-separator",
        "nan",
        "boolean",
        "unknown-code",
        "form-5",
        "no-issuer-name",
        "no-security-title",
        "bad-footnote-mark",
        "bad-footnote-id",
    ],
)
def test_malformed_input_raises_one_line_input_error(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        from_xml(text)

    message = str(caught.value)
    assert "\n" not in message
    assert expected in message


def test_filing_without_reporting_owner_is_rejected() -> None:
    start, end = GOLD.index("<reportingOwner>"), GOLD.index("</reportingOwner>")
    with pytest.raises(InputError, match=r"^/ownershipDocument/reportingOwner: List should"):
        from_xml(GOLD[:start] + GOLD[end + len("</reportingOwner>") :])


@pytest.mark.parametrize(("raw", "flag"), [("1", True), ("true", True), ("0", False)])
def test_the_rule_10b5_1_flag_is_read_and_written_under_a_schema_that_has_it(
    raw: str, flag: bool
) -> None:
    written = to_xml(filing(aff10b5_one=flag))
    assert "<schemaVersion>X0407</schemaVersion>" in written
    tags = tags_in_order(written)
    owners = [
        i for i, tag in enumerate(tags) if tag.startswith("/ownershipDocument/reportingOwner")
    ]
    where = tags.index("/ownershipDocument/aff10b5One")
    assert max(owners) < where < tags.index("/ownershipDocument/ownerSignature")  # EDGAR's order
    assert from_xml(written).aff10b5_one is flag
    filed = written.replace(f">{int(flag)}</aff10b5One>", f">{raw}</aff10b5One>")
    assert from_xml(filed).aff10b5_one is flag


def test_a_filing_without_the_rule_10b5_1_flag_stays_x0306() -> None:
    written = to_xml(filing())
    assert "<schemaVersion>X0306</schemaVersion>" in written and "aff10b5One" not in written
    assert from_xml(written).aff10b5_one is None
