"""EDGAR ``ownershipDocument`` XML to and from :class:`~form4.schema.Form4Filing`.

The schema's field names already are the EDGAR element names, so the mapping is data rather than
code: each model has one layout, (field, XML path) pairs in EDGAR's element order, and a single
reader and a single writer walk it. A field's type alone decides its XML shape (bare text, a
``<value>``/``<footnoteId>`` cell, a nested element, a repeated element), so a new column in the
schema costs one line here, and the four table row kinds cannot drift apart.

Normal form: a cell with neither value nor footnote says nothing, so the reader drops it from
optional fields (EDGAR files are full of ``<deemedExecutionDate/>``) and the writer omits it. Blank
text counts as absent, and text is stripped. ``from_xml(to_xml(f)) == f`` holds for filings in that
form; elements the schema lacks (CIKs, ``equitySwapInvolved``...) are skipped on reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from lxml import etree
from pydantic import ValidationError

from form4.errors import InputError
from form4.schema import (
    Cell,
    DerivativeHolding,
    DerivativeTransaction,
    Footnote,
    Form4Filing,
    Form4Model,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnerSignature,
    ReportingOwner,
)

__all__ = ["SCHEMA_VERSION", "from_xml", "issuer_cik", "to_xml", "xml_path"]

SCHEMA_VERSION = "X0306"
"""The oldest current schema: every later one still accepts its element names and order."""
SCHEMA_VERSION_10B5_1 = "X0407"
"""The first schema with ``aff10b5One``, written only for a filing that holds it, so a filing
without it stays a valid X0306 document."""

Layout = tuple[tuple[str, str], ...]
"""(field name, XML path relative to the model's element); "@x" is an attribute, "." the text."""

M = TypeVar("M", bound=Form4Model)

_CODING = "transactionCoding"
"""The one cell EDGAR does not wrap: the code is bare text and its footnotes sit beside it."""

_COLUMNS: Layout = (
    ("security_title", "securityTitle"),
    ("conversion_or_exercise_price", "conversionOrExercisePrice"),
    ("transaction_date", "transactionDate"),
    ("deemed_execution_date", "deemedExecutionDate"),
    ("transaction_code", _CODING),
    ("transaction_timeliness", "transactionTimeliness"),
    ("transaction_shares", "transactionAmounts/transactionShares"),
    ("transaction_total_value", "transactionAmounts/transactionTotalValue"),
    ("transaction_price_per_share", "transactionAmounts/transactionPricePerShare"),
    ("transaction_acquired_disposed_code", "transactionAmounts/transactionAcquiredDisposedCode"),
    ("exercise_date", "exerciseDate"),
    ("expiration_date", "expirationDate"),
    ("underlying_security_title", "underlyingSecurity/underlyingSecurityTitle"),
    ("underlying_security_shares", "underlyingSecurity/underlyingSecurityShares"),
    ("underlying_security_value", "underlyingSecurity/underlyingSecurityValue"),
    (
        "shares_owned_following_transaction",
        "postTransactionAmounts/sharesOwnedFollowingTransaction",
    ),
    ("value_owned_following_transaction", "postTransactionAmounts/valueOwnedFollowingTransaction"),
    ("direct_or_indirect_ownership", "ownershipNature/directOrIndirectOwnership"),
    ("nature_of_ownership", "ownershipNature/natureOfOwnership"),
)
"""Every table column in EDGAR's order; the four row kinds share it, each taking its own fields."""


def _row_layout(model: type[Form4Model]) -> Layout:
    """One master column list keeps the row kinds in step where EDGAR shares their cells."""
    return tuple((name, path) for name, path in _COLUMNS if name in model.model_fields)


_LAYOUTS: dict[type[Form4Model], Layout] = {
    Form4Filing: (
        ("document_type", "documentType"),
        ("period_of_report", "periodOfReport"),
        ("date_of_original_submission", "dateOfOriginalSubmission"),
        ("not_subject_to_section16", "notSubjectToSection16"),
        ("issuer", "issuer"),
        ("reporting_owners", "reportingOwner"),
        ("aff10b5_one", "aff10b5One"),
        ("non_derivative_transactions", "nonDerivativeTable/nonDerivativeTransaction"),
        ("non_derivative_holdings", "nonDerivativeTable/nonDerivativeHolding"),
        ("derivative_transactions", "derivativeTable/derivativeTransaction"),
        ("derivative_holdings", "derivativeTable/derivativeHolding"),
        ("footnotes", "footnotes/footnote"),
        ("remarks", "remarks"),
        ("owner_signatures", "ownerSignature"),
    ),
    Issuer: (("issuer_name", "issuerName"), ("issuer_trading_symbol", "issuerTradingSymbol")),
    ReportingOwner: (
        ("rpt_owner_name", "reportingOwnerId/rptOwnerName"),
        ("rpt_owner_street1", "reportingOwnerAddress/rptOwnerStreet1"),
        ("rpt_owner_street2", "reportingOwnerAddress/rptOwnerStreet2"),
        ("rpt_owner_city", "reportingOwnerAddress/rptOwnerCity"),
        ("rpt_owner_state", "reportingOwnerAddress/rptOwnerState"),
        ("rpt_owner_zip_code", "reportingOwnerAddress/rptOwnerZipCode"),
        ("is_director", "reportingOwnerRelationship/isDirector"),
        ("is_officer", "reportingOwnerRelationship/isOfficer"),
        ("is_ten_percent_owner", "reportingOwnerRelationship/isTenPercentOwner"),
        ("is_other", "reportingOwnerRelationship/isOther"),
        ("officer_title", "reportingOwnerRelationship/officerTitle"),
        ("other_text", "reportingOwnerRelationship/otherText"),
    ),
    NonDerivativeTransaction: _row_layout(NonDerivativeTransaction),
    NonDerivativeHolding: _row_layout(NonDerivativeHolding),
    DerivativeTransaction: _row_layout(DerivativeTransaction),
    DerivativeHolding: _row_layout(DerivativeHolding),
    Footnote: (("id", "@id"), ("text", ".")),
    OwnerSignature: (("signature_name", "signatureName"), ("signature_date", "signatureDate")),
}


@cache
def xml_path(model: type[Form4Model], name: str) -> str:
    """A field's EDGAR path below its model's element, so messages point into the XML people have.

    The transaction code names its leaf, since ``transactionCoding`` also holds other elements.
    """
    path = dict(_LAYOUTS[model])[name]
    return f"{path}/transactionCode" if path == _CODING else path


Kind = Literal["scalar", "cell", "model", "list"]


def _strip_type(tp: Any) -> Any:
    """Peel ``Optional`` and ``Annotated``: only the concrete type says how to parse the text."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, UnionType):
            (tp,) = (arg for arg in get_args(tp) if arg is not NoneType)
        else:
            return tp


@cache
def _field(model: type[Form4Model], name: str) -> tuple[Kind, Any]:
    """The XML shape of a field and the type inside it, read from the schema so none is restated."""
    tp = _strip_type(model.model_fields[name].annotation)
    if get_origin(tp) is list:
        return "list", get_args(tp)[0]
    if isinstance(tp, type) and issubclass(tp, Cell):
        return "cell", _strip_type(tp.model_fields["value"].annotation)
    if isinstance(tp, type) and issubclass(tp, Form4Model):
        return "model", tp
    return "scalar", tp


def _kept(model: type[Form4Model], name: str, value: object, footnotes: list[str]) -> bool:
    """An empty cell says nothing, so it is dropped, unless the row cannot exist without it."""
    return value is not None or bool(footnotes) or model.model_fields[name].is_required()


# --- writing ---------------------------------------------------------------------------------


def to_xml(filing: Form4Filing) -> str:
    """Write ``filing`` as an EDGAR ``ownershipDocument`` (UTF-8, pretty-printed): X0306, or
    X0407 when it holds the Rule 10b5-1 flag.

    CIKs are not on the printed form, so the schema lacks them and they are not written;
    ``transactionFormType`` and ``equitySwapInvolved`` are regenerated as "4" and 0.
    """
    root = etree.Element("ownershipDocument")
    version = SCHEMA_VERSION if filing.aff10b5_one is None else SCHEMA_VERSION_10B5_1
    etree.SubElement(root, "schemaVersion").text = version
    _write(root, filing)
    xml = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return xml.decode("utf-8")


def _write(el: etree._Element, obj: Form4Model) -> None:
    """One walker for every model, so header, owners and the four row kinds share one code path."""
    model = type(obj)
    for name, path in _LAYOUTS[model]:
        value = getattr(obj, name)
        kind, _ = _field(model, name)
        if value is None:
            continue
        if kind == "list":
            for item in value:
                _write(_append(el, path), item)
        elif kind == "model":
            _write(_append(el, path), value)
        elif kind == "cell":
            if _kept(model, name, value.value, value.footnotes):
                _write_cell(_append(el, path), value)
        elif path.startswith("@"):
            el.set(path[1:], _format(value))
        else:
            (el if path == "." else _append(el, path)).text = _format(value)


def _append(el: etree._Element, path: str) -> etree._Element:
    """New last element, shared parents: consecutive fields fill one ``transactionAmounts``."""
    *parents, last = path.split("/")
    for tag in parents:
        found = el.find(tag)
        el = found if found is not None else etree.SubElement(el, tag)
    return etree.SubElement(el, last)


def _write_cell(el: etree._Element, cell: Cell[Any]) -> None:
    if el.tag == _CODING:
        etree.SubElement(el, "transactionFormType").text = "4"
        if cell.value is not None:
            etree.SubElement(el, "transactionCode").text = _format(cell.value)
        etree.SubElement(el, "equitySwapInvolved").text = "0"
    elif cell.value is not None:
        etree.SubElement(el, "value").text = _format(cell.value)
    for footnote_id in cell.footnotes:
        etree.SubElement(el, "footnoteId", id=footnote_id)


def _format(value: object) -> str:
    """EDGAR spellings: 0/1, ISO dates, plain decimals keeping the digits the value holds."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # str, and StrEnum whose str() is its value


# --- reading ---------------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_BOOLEANS = {"0": False, "false": False, "1": True, "true": True}


def _parse_date(raw: str) -> date:
    try:
        if _DATE.fullmatch(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise ValueError(f"not a YYYY-MM-DD date: {raw!r}")


def _parse_decimal(raw: str) -> Decimal:
    # Decimal() alone would also take "1_000", "NaN" and "1e5", none of which is an xs:decimal.
    if not _DECIMAL.fullmatch(raw):
        raise ValueError(f"not a plain decimal number: {raw!r}")
    return Decimal(raw)


def _parse_bool(raw: str) -> bool:
    # xs:boolean; pydantic's own coercion would also take "yes", "on" and the like.
    if raw.lower() not in _BOOLEANS:
        raise ValueError(f"not a boolean (0, 1, true, false): {raw!r}")
    return _BOOLEANS[raw.lower()]


_PARSERS: dict[type, Callable[[str], object]] = {
    date: _parse_date,
    Decimal: _parse_decimal,
    bool: _parse_bool,
}
"""Strings and enum codes are left to pydantic, whose errors are mapped back to XML paths."""


def from_xml(text: str | bytes) -> Form4Filing:
    """Read an EDGAR ``ownershipDocument`` (X0303 to X0609) of a Form 4 or 4/A.

    Raises :class:`~form4.errors.InputError`, with a one-line message naming the XML path, when
    the text is not XML, not an ownershipDocument, or holds a value the schema cannot take.
    """
    return _read(_parse_document(text), Form4Filing)


_CIK = re.compile(r"\d{1,10}")


def issuer_cik(text: str | bytes) -> str:
    """The issuer's CIK, ten digits: not on the printed form, so not in the schema, but what
    tells the filings of one company apart whatever its name or ticker was at the time."""
    root = _parse_document(text)
    node = root.find("issuer/issuerCik")
    raw = _text(node) if node is not None else None
    if raw is None or not _CIK.fullmatch(raw):
        raise InputError(f"/ownershipDocument/issuer/issuerCik: not a CIK: {raw!r}")
    return raw.zfill(10)


def _parse_document(text: str | bytes) -> etree._Element:
    """Parse without entity expansion or network access, since filings come from outside."""
    if isinstance(text, str):
        # Already decoded: the declaration's encoding no longer describes these bytes.
        data, encoding = text.encode("utf-8"), "utf-8"
    else:
        data, encoding = text, None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, encoding=encoding)
    try:
        root = etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(" ".join(f"not well-formed XML: {exc}".split())) from exc
    if root.tag != "ownershipDocument":
        raise InputError(f"root element is <{root.tag}>, expected <ownershipDocument>")
    return root


def _read(el: etree._Element, model: type[M]) -> M:
    """Validate each model at its own element, so an error can name the element it came from."""
    data: dict[str, Any] = {}
    for name, path in _LAYOUTS[model]:
        kind, tp = _field(model, name)
        if kind == "list":
            data[name] = [_read(child, tp) for child in el.iterfind(path)]
            continue
        node = el if path.startswith(("@", ".")) else el.find(path)
        if node is None:
            continue
        if kind == "model":
            data[name] = _read(node, tp)
        elif kind == "cell":
            cell = _read_cell(node, tp)
            if _kept(model, name, cell["value"], cell["footnotes"]):
                data[name] = cell
        else:
            raw = node.get(path[1:]) if path.startswith("@") else _text(node)
            if raw:
                data[name] = _convert(raw, tp, _where(node, path))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, el, model) from exc


def _read_cell(node: etree._Element, tp: Any) -> dict[str, Any]:
    """A dict, not a Cell: the row's validation then reports a bad code or mark with its column."""
    leaf = node.find("transactionCode" if node.tag == _CODING else "value")
    raw = _text(leaf) if leaf is not None else None
    return {
        "value": _convert(raw, tp, _where(leaf)) if raw and leaf is not None else None,
        "footnotes": [footnote.get("id") for footnote in node.iterfind("footnoteId")],
    }


def _text(node: etree._Element) -> str | None:
    """Stripped text, None when blank: EDGAR files pad values and leave cells empty."""
    return "".join(node.itertext()).strip() or None


def _convert(raw: str, tp: Any, where: str) -> object:
    parse = _PARSERS.get(tp)
    if parse is None:
        return raw
    try:
        return parse(raw)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from exc


def _where(node: etree._Element, path: str = ".") -> str:
    where = node.getroottree().getpath(node)
    return f"{where}/{path}" if path.startswith("@") else where


def _invalid(exc: ValidationError, el: etree._Element, model: type[Form4Model]) -> InputError:
    """Name the XML path, not the pydantic field, since the reader of the message has the XML."""
    errors = exc.errors()
    first = errors[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    path = dict(_LAYOUTS[model]).get(name, name)
    where = _where(el, path) if path.startswith(("@", ".")) else f"{_where(el)}/{path}"
    bad = first.get("input")
    got = "" if first["type"] == "missing" or isinstance(bad, dict | list) else f", got {bad!r}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return InputError(" ".join(f"{where}: {first['msg']}{got}{more}".split()))
