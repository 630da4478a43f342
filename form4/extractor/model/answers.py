"""The short answers the staged method asks the model for, and how they become schema records.

Every key the model writes costs a forward pass of the model, and the schema's element names
("transactionAcquiredDisposedCode") are several tokens each, so the staged method's answers use
short keys and leave out empty cells; they are mapped here, one to one, onto the schema.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from form4.schema import (
    DerivativeHolding,
    DerivativeTransaction,
    Form4Model,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    ReportingOwner,
)
from form4.validators.labels import ADDRESS_DATE

_PLACEHOLDERS = frozenset({"", "none", "null", "n/a", "na", "-"})

Role = Literal["director", "officer", "10% owner", "other"]
ROLES: tuple[Role, ...] = ("director", "officer", "10% owner", "other")
ROLE_LABELS: tuple[tuple[Role, str], ...] = (
    ("director", r"Dir\w*"),
    ("officer", r"Off\w*|below\)"),
    ("10% owner", r"10\s?%|\w{1,2}\s?%\s*Own"),
    ("other", r"Other"),
)
"""Box 5's labels as OCR prints them, the start of each enough ("Officer (give title below)"
often keeps only its tail)."""
_ROLE_LABEL = re.compile(
    rf"\W*(?:X\s+)?(?:{'|'.join(label for _, label in ROLE_LABELS)})\w*(?:\s*\([^)]*\))?\W*",
    re.IGNORECASE,
)
"""A whole text that is one of box 5's labels, with its mark or bracketed hint ("X W% Owner",
"Other (specify below)"): the box's printed words, never the title written below it."""


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class OwnerAnswer(_Answer):
    name: str
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    roles: list[str] = Field(default_factory=list)
    title: str | None = None
    other: str | None = None

    @field_validator("street1", "street2", "city", "state", "zip", "title", "other")
    @classmethod
    def _no_placeholder(cls, value: str | None) -> str | None:
        """A small model writes an empty box as the word "None" or "N/A" rather than leaving
        the key out; that word is not the box's text."""
        if value is not None and value.strip().casefold() in _PLACEHOLDERS:
            return None
        return value

    @field_validator("street1", "street2", "city")
    @classmethod
    def _no_date(cls, value: str | None) -> str | None:
        """Box 3's date stands beside box 1's street lines, and a small model takes it for one
        ("10/17/2011" as a second street line); a date alone is never an address line."""
        if value is not None and ADDRESS_DATE.fullmatch(value.strip()):
            return None
        return value

    @field_validator("title", "other")
    @classmethod
    def _no_label(cls, value: str | None) -> str | None:
        """Below box 5's labels a small model finds the labels themselves ("10% Owner", "Other
        (specify below)") or OCR's specks and rules ("~~", "___", a lone "X"); a title has two
        letters at least ("GC") and is not a label."""
        if value is not None and (
            sum(c.isalpha() for c in value) < 2 or _ROLE_LABEL.fullmatch(value.strip())
        ):
            return None
        return value

    def checked(self) -> set[Role]:
        """The roles named, however the model capitalised or abbreviated them."""
        named = " ".join(self.roles).casefold()
        return {role for role in ROLES if role.split()[-1][:3] in named}

    def owner(self) -> ReportingOwner:
        roles = self.checked()
        return ReportingOwner(
            rpt_owner_name=self.name,
            rpt_owner_street1=self.street1,
            rpt_owner_street2=self.street2,
            rpt_owner_city=self.city,
            rpt_owner_state=self.state,
            rpt_owner_zip_code=self.zip,
            is_director="director" in roles,
            is_officer="officer" in roles,
            is_ten_percent_owner="10% owner" in roles,
            is_other="other" in roles,
            officer_title=self.title,
            other_text=self.other,
        )


class HeaderAnswer(_Answer):
    """Boxes 1, 2 and 5."""

    issuer: str
    ticker: str | None = None
    owners: list[OwnerAnswer] = Field(min_length=1, max_length=10)

    def issuer_record(self) -> Issuer:
        return Issuer(issuer_name=self.issuer, issuer_trading_symbol=self.ticker)

    @model_validator(mode="after")
    def _records_fit(self) -> HeaderAnswer:
        """The answer fits only if the schema's records made from it do: a blank name is a
        string here and no owner's name there, and a misfit found here goes back to the model
        with the re-ask instead of losing the whole filing after the answer was accepted."""
        try:
            self.issuer_record()
            for owner in self.owners:
                owner.owner()
        except ValidationError as misfit:
            first = misfit.errors()[0]
            raise ValueError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
        return self


BOUNDED_TEXT = 100
"""Longest text the boxes' grammar lets a value run to: longer than any name, street line or title
of the corpora, short enough that the longest answer it allows fits the fallback's token limit."""


def bounded_header_schema() -> dict[str, Any]:
    """The boxes' answer schema with every text bounded and one owner, so that an answer decoded
    under it always ends: a runaway repetition stops at a text's bound. Box 1 prints the first
    owner alone; a joint filing's further owners come from the Reporting Owners table."""
    schema = HeaderAnswer.model_json_schema()

    def bound(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string":
                node["maxLength"] = BOUNDED_TEXT
            if node.get("type") == "array":
                node["maxItems"] = 1 if "$ref" in node.get("items", {}) else 4
            for value in node.values():
                bound(value)
        elif isinstance(node, list):
            for value in node:
                bound(value)

    bound(schema)
    return schema


_TRANSACTION_KEYS = {
    "date": "transactionDate",
    "deemed": "deemedExecutionDate",
    "code": "transactionCode",
    "timeliness": "transactionTimeliness",
    "shares": "transactionShares",
    "ad": "transactionAcquiredDisposedCode",
    "price": "transactionPricePerShare",
}
_OWNERSHIP_KEYS = {
    "owned": "sharesOwnedFollowingTransaction",
    "di": "directOrIndirectOwnership",
    "nature": "natureOfOwnership",
}
ROW_KEYS: dict[str, dict[str, str]] = {
    "I": {"title": "securityTitle", **_TRANSACTION_KEYS, **_OWNERSHIP_KEYS},
    "II": {
        "title": "securityTitle",
        "exercisePrice": "conversionOrExercisePrice",
        **_TRANSACTION_KEYS,
        "exercisable": "exerciseDate",
        "expiration": "expirationDate",
        "underlying": "underlyingSecurityTitle",
        "underlyingShares": "underlyingSecurityShares",
        **_OWNERSHIP_KEYS,
    },
}
"""Short key of a table line's answer -> the schema's element name (alias)."""


ROW_MODELS: dict[tuple[str, bool], type[Form4Model]] = {
    ("I", True): NonDerivativeTransaction,
    ("I", False): NonDerivativeHolding,
    ("II", True): DerivativeTransaction,
    ("II", False): DerivativeHolding,
}
"""(table, has a transaction date) -> the schema's row: a line without a date is a holding."""


def schema_row(table: str, cells: dict[str, str]) -> Form4Model:
    """A line's printed cells (under the schema's element names) as the schema's row; cells a
    holding line cannot have (a code, an amount) are not carried over."""
    model = ROW_MODELS[(table, "transactionDate" in cells)]
    keys = {field.alias or name for name, field in model.model_fields.items()}
    return model.model_validate({key: value for key, value in cells.items() if key in keys})


def row_keys(table: str, holding: bool) -> dict[str, str]:
    """The short keys of a line of ``table``; a holding line has no date, code or amount."""
    model = ROW_MODELS[(table, not holding)]
    columns = {field.alias or name for name, field in model.model_fields.items()}
    return {short: alias for short, alias in ROW_KEYS[table].items() if alias in columns}


def row_cells(table: str, answer: BaseModel) -> dict[str, str]:
    """The answer's cells under the schema's element names, empty ones left out."""
    keys = ROW_KEYS[table]
    return {keys[key]: value for key, value in answer.model_dump().items() if value}


@cache
def row_answer_model(table: str, holding: bool) -> type[BaseModel]:
    """One line's cells under its short keys, every cell optional; an answer fits only if its
    cells make a valid schema row, so a re-ask carries the schema's own errors."""

    def fits_the_schema(answer: BaseModel) -> BaseModel:
        schema_row(table, row_cells(table, answer))
        return answer

    fields: dict[str, Any] = {key: (str | None, None) for key in row_keys(table, holding)}
    return create_model(
        f"{'Holding' if holding else 'Row'}Answer{table}",
        __base__=_Answer,
        __validators__={"fits_the_schema": model_validator(mode="after")(fits_the_schema)},
        **fields,
    )


@cache
def row_answer_schema(table: str, holding: bool) -> dict[str, Any]:
    """The JSON schema of a line's answer: the short keys, each with the printed-cell pattern of
    its schema column (dates, amounts, one-letter codes), so a constrained decoder writes a line,
    never another kind of answer, and a holding line gets no date to invent."""
    columns: dict[str, Any] = {}
    for model in (ROW_MODELS[(table, True)], ROW_MODELS[(table, False)]):
        columns = {**model.model_json_schema()["properties"], **columns}
    properties = {}
    for short, alias in row_keys(table, holding).items():
        column = columns[alias]
        printed = next(
            (c for c in column.get("anyOf", [column]) if c.get("type") == "string"), None
        )
        properties[short] = {
            "type": "string",
            **({"pattern": printed["pattern"]} if printed and "pattern" in printed else {}),
        }
    return {"type": "object", "properties": properties, "additionalProperties": False}
