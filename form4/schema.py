"""The Form 4 record: one pydantic model per box and table row of the printed form.

Names are snake_case forms of the SEC's EDGAR ``ownershipDocument`` element names (X0306), and the
JSON aliases are those element names, so a record maps onto EDGAR XML without guesswork. Lists are
plural where the XML repeats an element (``reportingOwners`` holds the ``reportingOwner``
elements). The field descriptions are the language model's instructions: they say what to copy
from the printed form and where it usually hides in OCR text.

Every table cell is a :class:`Cell`: a value plus the footnote marks printed in the cell. Values
may be missing because OCR loses them; the validators, not the schema, decide whether a missing
value is an error, so the model is never forced to invent one.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import CoreSchema

SCHEMA_VERSION = "1"
"""Bumped whenever a change to these models changes what the model is asked for (cache key)."""


class TransactionCode(StrEnum):
    """The SEC's transaction codes (Form 4 General Instructions, section 8)."""

    P = "P"
    S = "S"
    A = "A"
    D = "D"
    F = "F"
    I = "I"  # noqa: E741 - the SEC's own code letter
    M = "M"
    C = "C"
    X = "X"
    O = "O"  # noqa: E741 - the SEC's own code letter
    E = "E"
    H = "H"
    G = "G"
    L = "L"
    W = "W"
    Z = "Z"
    J = "J"
    K = "K"
    U = "U"


class AcquiredDisposed(StrEnum):
    A = "A"
    D = "D"


class DirectOrIndirect(StrEnum):
    D = "D"
    I = "I"  # noqa: E741 - the SEC's own code letter


class Timeliness(StrEnum):
    """``transactionTimeliness``: E (early, the "V" column) or L (late)."""

    E = "E"
    L = "L"


class DocumentType(StrEnum):
    FORM_4 = "4"
    FORM_4A = "4/A"


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}")
_FOOTNOTE_MARK = re.compile(r"\(\s*(\d{1,2})\s*\)")


def parse_date(value: Any) -> Any:
    """Dates as printed on the form (MM/DD/YYYY, OCR spaces allowed) or ISO, into a date.

    The model copies dates as printed: forcing ISO on a small model makes it start "10" for
    October and end with year 1000.
    """
    if not isinstance(value, str):
        return value
    compact = re.sub(r"\s+", "", value)
    if match := _US_DATE.fullmatch(compact):
        month, day, year = (int(group) for group in match.groups())
        return date(year, month, day)
    return compact


def parse_amount(value: Any) -> Any:
    """Amounts as printed ("$2.28", "100,000", "200 000", "$2,28") into a plain number string."""
    if not isinstance(value, str):
        return value
    compact = re.sub(r"[\s$]", "", value)
    if _DECIMAL_COMMA.fullmatch(compact[-4:]) and "." not in compact:
        head, _, tail = compact.rpartition(",")
        compact = f"{head.replace(',', '')}.{tail}"
    return compact.replace(",", "")


def _printed(pattern: str | None = None) -> WithJsonSchema:
    """The model-facing schema of a cell: the cell's text as printed, footnote marks included."""
    schema: dict[str, Any] = {"type": "string"}
    if pattern is not None:
        mark = r"(\([1-9][0-9]?\))"  # as FootnoteId: no mark (0) or (07)
        schema["pattern"] = f"^(({pattern}){mark}*|{mark}+)$"
    return WithJsonSchema(schema, mode="validation")


_DATE_PATTERN = r"(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])/(19|20)[0-9]{2}"
"""MM/DD/YYYY with a month and day that exist: a constrained decoder then cannot write the
"02/45/2011" that a misread line invites, and lose the line to re-asks."""
_AMOUNT_PATTERN = r"[$]?[0-9][0-9, ]*([.][0-9]+)?"

Amount = Annotated[
    Decimal, BeforeValidator(parse_amount), WithJsonSchema({"type": "number"}, mode="validation")
]
"""A plain decimal; text as printed on the form is accepted and normalised."""

FormDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "pattern": f"^{_DATE_PATTERN}$"}, mode="validation"),
]
"""A calendar date; the model writes it as printed (MM/DD/YYYY)."""

FootnoteId = Annotated[str, Field(pattern=r"^F[1-9][0-9]?$")]

T = TypeVar("T")


class Form4Model(BaseModel):
    """Shared configuration: SEC element names as aliases, unknown keys rejected."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        validate_assignment=True,
    )

    rarely_printed: ClassVar[frozenset[str]] = frozenset()
    """Fields the model may leave out. All others are required in the schema the model sees,
    so a constrained decoder walks every column in order and writes null for an empty one."""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        """An empty string is how a model or a sloppy file says "not printed"."""
        if isinstance(data, dict):
            return {k: None if isinstance(v, str) and not v.strip() else v for k, v in data.items()}
        return data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation" and "properties" in schema:
            optional = {cls.model_fields[name].alias or name for name in cls.rarely_printed}
            schema["required"] = [key for key in schema["properties"] if key not in optional]
        return schema


class Cell(Form4Model, Generic[T]):
    """One cell of a table: its value and the footnote marks printed in it.

    The model writes a cell as its printed text, e.g. "100,000(1)" or "(2)"; the marks are split
    off here, deterministically, into ``footnotes`` (["F1"]), and the rest is parsed as the value.
    """

    value: T | None = None
    footnotes: list[FootnoteId] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_printed(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        marks = [f"F{int(number)}" for number in _FOOTNOTE_MARK.findall(data)]
        text = _FOOTNOTE_MARK.sub(" ", data).strip()
        return {"value": text or None, "footnotes": marks}


TextCell = Annotated[Cell[str], _printed()]
DateCell = Annotated[Cell[FormDate], _printed(_DATE_PATTERN)]
AmountCell = Annotated[Cell[Amount], _printed(_AMOUNT_PATTERN)]
CodeCell = Annotated[Cell[TransactionCode], _printed("[PSADFIMCXOEHGLWZJKU]")]
AcquiredDisposedCell = Annotated[Cell[AcquiredDisposed], _printed("[AD]")]
OwnershipCell = Annotated[Cell[DirectOrIndirect], _printed("[DI]")]
TimelinessCell = Annotated[Cell[Timeliness], _printed("[EL]")]


def _cell(description: str) -> dict:
    """Field arguments shared by every optional table cell."""
    return {"default": None, "description": description}


class Issuer(Form4Model):
    issuer_name: str = Field(
        description='Box 2, the company name before the ticker, e.g. "ACME WIDGETS INC".'
    )
    issuer_trading_symbol: str | None = Field(
        default=None,
        description="Box 2, the ticker printed in square brackets after the issuer name, e.g. "
        '"[ACMW]" gives "ACMW". Never take it from an address.',
    )


class ReportingOwner(Form4Model):
    """Box 1 (name, address) and box 5 (relationship) for one reporting person."""

    rpt_owner_name: str = Field(
        description='Box 1 name in the printed order, which is "Last First Middle": '
        '"Smith Jane Q.", never "Jane Q. Smith".'
    )
    rpt_owner_street1: str | None = Field(default=None, description="Box 1, first street line.")
    rpt_owner_street2: str | None = Field(
        default=None, description="Box 1, second street line, if any."
    )
    rpt_owner_city: str | None = Field(default=None, description="Box 1 city.")
    rpt_owner_state: str | None = Field(
        default=None, description='Box 1 two-letter state, e.g. "MA".'
    )
    rpt_owner_zip_code: str | None = Field(default=None, description="Box 1 ZIP code.")
    is_director: bool = Field(
        default=False, description="Box 5: true only if the Director box is checked (X)."
    )
    is_officer: bool = Field(
        default=False,
        description="Box 5: true only if the Officer box is checked (X); an officer title is then "
        "printed below the boxes.",
    )
    is_ten_percent_owner: bool = Field(
        default=False, description="Box 5: true only if the 10% Owner box is checked (X)."
    )
    is_other: bool = Field(
        default=False, description="Box 5: true only if the Other box is checked (X)."
    )
    officer_title: str | None = Field(
        default=None,
        description='Box 5, the officer title printed under the boxes, e.g. "EVP, Chief Financial '
        'Officer"; null when none is printed.',
    )
    other_text: str | None = Field(
        default=None, description='Box 5, the text under "Other (specify below)", if any.'
    )


def _column(cell: Any, description: str) -> Any:
    """An optional column shared by a table's transaction and holding rows, described once."""
    return Annotated[cell | None, Field(default=None, description=description)]


_TABLE_I_SECURITY = 'Column 1, title of the security, e.g. "Common Stock".'
_TABLE_II_SECURITY = (
    'Column 1, title of the derivative, e.g. "Stock Option (right to buy)"; join the words when '
    "OCR splits them over lines."
)
SharesOwnedI = _column(AmountCell, "Column 5: shares owned following the reported transaction.")
ValueOwnedI = _column(
    AmountCell, "Column 5 only when it states a dollar value instead of shares; usually null."
)
OwnershipI = _column(OwnershipCell, "Column 6: D (direct) or I (indirect).")
NatureI = _column(TextCell, 'Column 7, only for indirect ownership, e.g. "By Trust"; else null.')
ExercisePrice = _column(AmountCell, 'Column 2, exercise price as printed, e.g. "$7.85".')
ExerciseDate = _column(
    DateCell, 'Column 6 Date Exercisable as printed; often only a footnote mark such as "(2)".'
)
ExpirationDate = _column(DateCell, "Column 6 Expiration Date.")
UnderlyingTitle = _column(
    TextCell, 'Column 7 Title of the underlying security, e.g. "Common Stock".'
)
UnderlyingShares = _column(AmountCell, "Column 7 Amount or Number of Shares of the underlying.")
UnderlyingValue = _column(
    AmountCell, "Column 7 only when it states a dollar value instead of shares; usually null."
)
SharesOwnedII = _column(AmountCell, "Column 9: number of derivative securities owned following.")
ValueOwnedII = _column(
    AmountCell, "Column 9 only when it states a dollar value instead of a number; usually null."
)
OwnershipII = _column(OwnershipCell, "Column 10: D (direct) or I (indirect).")
NatureII = _column(TextCell, "Column 11, only for indirect ownership; otherwise null.")


class NonDerivativeTransaction(Form4Model):
    """One line of Table I that reports a transaction (it has a date and a code)."""

    rarely_printed = frozenset(
        {"deemed_execution_date", "transaction_timeliness", "value_owned_following_transaction"}
    )

    security_title: TextCell = Field(description=_TABLE_I_SECURITY)
    transaction_date: DateCell = Field(description="Column 2, transaction date.")
    deemed_execution_date: DateCell | None = Field(
        **_cell("Column 2A, deemed execution date; almost always empty (null).")
    )
    transaction_code: CodeCell | None = Field(
        **_cell(
            "Column 3 Code: one letter. If the cell is empty, infer it from the footnotes: "
            '"payment of tax liability by delivering securities" is F, a grant or award is A, '
            "an open-market sale is S, a purchase is P, an option exercise is M."
        )
    )
    transaction_timeliness: TimelinessCell | None = Field(
        **_cell('Column 3 "V": E when a V is printed (reported early); otherwise null.')
    )
    transaction_shares: AmountCell | None = Field(
        **_cell(
            "Column 4 Amount: number of shares as printed, with its footnote mark, e.g. "
            '"100,000(1)".'
        )
    )
    transaction_acquired_disposed_code: AcquiredDisposedCell | None = Field(
        **_cell("Column 4 (A) or (D): A when acquired, D when disposed.")
    )
    transaction_price_per_share: AmountCell | None = Field(
        **_cell('Column 4 Price as printed, e.g. "$12.40" or "$0".')
    )
    shares_owned_following_transaction: SharesOwnedI
    value_owned_following_transaction: ValueOwnedI
    direct_or_indirect_ownership: OwnershipI
    nature_of_ownership: NatureI


class NonDerivativeHolding(Form4Model):
    """One line of Table I that reports a holding only (no date, no code)."""

    rarely_printed = frozenset({"value_owned_following_transaction"})

    security_title: TextCell = Field(description=_TABLE_I_SECURITY)
    shares_owned_following_transaction: SharesOwnedI
    value_owned_following_transaction: ValueOwnedI
    direct_or_indirect_ownership: OwnershipI
    nature_of_ownership: NatureI


class DerivativeTransaction(Form4Model):
    """One line of Table II (options, warrants, RSUs...) that reports a transaction."""

    rarely_printed = frozenset(
        {
            "deemed_execution_date",
            "transaction_timeliness",
            "transaction_total_value",
            "underlying_security_value",
            "value_owned_following_transaction",
        }
    )

    security_title: TextCell = Field(description=_TABLE_II_SECURITY)
    conversion_or_exercise_price: ExercisePrice
    transaction_date: DateCell = Field(description="Column 3, transaction date.")
    deemed_execution_date: DateCell | None = Field(
        **_cell("Column 3A, deemed execution date; almost always empty (null).")
    )
    transaction_code: CodeCell | None = Field(
        **_cell("Column 4 Code: one letter; an option grant is A, an exercise is M.")
    )
    transaction_timeliness: TimelinessCell | None = Field(
        **_cell('Column 4 "V": E when a V is printed (reported early); otherwise null.')
    )
    transaction_shares: AmountCell | None = Field(
        **_cell("Column 5: number of derivative securities acquired (A) or disposed of (D).")
    )
    transaction_total_value: AmountCell | None = Field(
        **_cell("Column 5 only when it states a dollar value instead of a number; usually null.")
    )
    transaction_acquired_disposed_code: AcquiredDisposedCell | None = Field(
        **_cell("Column 5: A when the number is under (A), D when under (D).")
    )
    transaction_price_per_share: AmountCell | None = Field(
        **_cell('Column 8, price of the derivative security as printed, e.g. "$0".')
    )
    exercise_date: ExerciseDate
    expiration_date: ExpirationDate
    underlying_security_title: UnderlyingTitle
    underlying_security_shares: UnderlyingShares
    underlying_security_value: UnderlyingValue
    shares_owned_following_transaction: SharesOwnedII
    value_owned_following_transaction: ValueOwnedII
    direct_or_indirect_ownership: OwnershipII
    nature_of_ownership: NatureII


class DerivativeHolding(Form4Model):
    """One line of Table II that reports a holding only (no transaction date or code)."""

    rarely_printed = frozenset({"underlying_security_value", "value_owned_following_transaction"})

    security_title: TextCell = Field(description=_TABLE_II_SECURITY)
    conversion_or_exercise_price: ExercisePrice
    exercise_date: ExerciseDate
    expiration_date: ExpirationDate
    underlying_security_title: UnderlyingTitle
    underlying_security_shares: UnderlyingShares
    underlying_security_value: UnderlyingValue
    shares_owned_following_transaction: SharesOwnedII
    value_owned_following_transaction: ValueOwnedII
    direct_or_indirect_ownership: OwnershipII
    nature_of_ownership: NatureII


class Footnote(Form4Model):
    id: FootnoteId = Field(description='"F1" for the explanation numbered 1., and so on.')
    text: str = Field(
        description="The explanation's text copied word for word, without its number."
    )


class OwnerSignature(Form4Model):
    signature_name: str = Field(
        description='The name above "** Signature of Reporting Person", e.g. "Jane Q. Smith".'
    )
    signature_date: FormDate | None = Field(
        default=None,
        description='The date printed next to the signature, above "Date" (e.g. 03/04/2015).',
    )


class Form4Filing(Form4Model):
    """A whole Form 4 as printed: the boxes, both tables, footnotes, remarks and signatures.

    The transaction lists of both tables come before the holding lists: a model decoding in
    field order meets the common lines first and the rare holding-only lines last.
    """

    rarely_printed = frozenset({"date_of_original_submission"})

    document_type: DocumentType = Field(
        default=DocumentType.FORM_4, description='"4", or "4/A" for an amendment.'
    )
    date_of_original_submission: FormDate | None = Field(
        default=None,
        description="Box 4, date the original was filed (MM/DD/YYYY); only on an amendment.",
    )
    not_subject_to_section16: bool = Field(
        default=False,
        description='True only if the box "no longer subject to Section 16" is checked (X).',
    )
    period_of_report: FormDate | None = Field(
        default=None,
        description="Box 3, Date of Earliest Transaction, as printed (MM/DD/YYYY).",
    )
    issuer: Issuer
    reporting_owners: list[ReportingOwner] = Field(
        min_length=1, max_length=10, description="Box 1 and box 5, one entry per reporting person."
    )
    aff10b5_one: SkipJsonSchema[bool | None] = Field(
        default=None,
        alias="aff10b5One",
        description="The Rule 10b5-1(c) check box that forms of schema X0407 and later print under "
        "the Section 16 box; None where the form has no such box. Not yet asked of the model, so "
        "left out of the schema it decodes under (and of the cache key that schema is part of).",
    )
    non_derivative_transactions: list[NonDerivativeTransaction] = Field(
        default_factory=list,
        description="Table I lines with a transaction (non-derivative securities such as Common "
        "Stock). Empty when Table I has no line.",
    )
    derivative_transactions: list[DerivativeTransaction] = Field(
        default_factory=list,
        description="Table II lines with a transaction (stock options, warrants, units). Empty "
        "when Table II has no line.",
    )
    non_derivative_holdings: list[NonDerivativeHolding] = Field(
        default_factory=list,
        description="Table I lines that only report a holding, with no date and no code.",
    )
    derivative_holdings: list[DerivativeHolding] = Field(
        default_factory=list,
        description="Table II lines that only report a holding, with no date and no code.",
    )
    footnotes: list[Footnote] = Field(
        default_factory=list,
        description='Every numbered item under "Explanation of Responses:".',
    )
    remarks: str | None = Field(
        default=None,
        description='Text written after "Remarks:" other than the signature; usually null.',
    )
    owner_signatures: list[OwnerSignature] = Field(
        default_factory=list, description="Signature name and date at the bottom of the form."
    )
