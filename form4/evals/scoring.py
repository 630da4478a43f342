"""Field-level scoring of a predicted filing against a gold one, rows aligned before comparing.

Every element the printed form shows is compared after typed normalisation, so that a score
measures what the model read rather than how it spelled it: "Smith, Jane Q." and "SMITH JANE Q"
are one name, 100000 and 100000.00 one amount. Elements that are not on the paper (CIKs,
``transactionFormType``, ``equitySwapInvolved``, ``schemaVersion``) are not in the schema and so
never compared.

Rows are aligned within each of the four row lists by an optimal assignment on agreeing fields,
because a model that reads two lines in another order has still read them; a line put in the
wrong list is a miss there and an extra in the other, since it lands in the wrong EDGAR element.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import combinations
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel
from pydantic.alias_generators import to_camel
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from form4.edgar_xml import xml_path
from form4.result import FieldProvenance
from form4.schema import Cell, Form4Filing, Form4Model
from form4.validators.lines import leaves
from form4.validators.source_text import absence

Outcome = Literal["correct", "wrong", "missing", "extra"]
Group = Literal[
    "form", "issuer", "owners", "relationship", "dates", "Table I", "Table II", "footnotes",
    "signature",
]  # fmt: skip
ErrorKind = Literal[
    "missing", "not_in_source", "ocr_confusable", "wrong_row", "wrong_table", "wrong_value"
]
"""Why a value is wrong, most telling first: read off another line or table; differing from the
gold only in characters OCR confuses; printed nowhere in the source (invented); else a value the
source prints but the gold does not hold there."""

PRICE_TOLERANCE = Decimal("0.005")
"""Prices are printed rounded to the cent (or not), so half a cent is still the same price."""
PRICES = frozenset({"transaction_price_per_share", "conversion_or_exercise_price"})
FOOTNOTE_SIMILARITY = 0.9
"""OCR noise and the model's own tidying change a few characters of a long explanation."""

_CONFUSED = frozenset(
    frozenset(pair)
    for group in ("0odq", "08", "38", "8b", "1li|!", "17", "2z", "5s", "56", "6b", "9gq")
    for pair in combinations(group, 2)
)
"""Characters Tesseract and its kin mistake for one another (compared case-folded)."""

_PUNCTUATION = re.compile(r"[\W_]+")
_MARKS = "footnote_id"
"""Comparison key of the footnote marks of a cell, compared as sets."""

_GROUPS: dict[str, Group] = {
    "document_type": "form",
    "not_subject_to_section16": "form",
    "period_of_report": "dates",
    "date_of_original_submission": "dates",
    "issuer": "issuer",
    "reporting_owners": "owners",
    "aff10b5_one": "form",
    "non_derivative_transactions": "Table I",
    "non_derivative_holdings": "Table I",
    "derivative_transactions": "Table II",
    "derivative_holdings": "Table II",
    "footnotes": "footnotes",
    "remarks": "footnotes",
    "owner_signatures": "signature",
}
SCORED_ONLY_IN_GOLD = frozenset({"aff10b5_one"})
"""Boxes that only newer forms print: a gold without one was printed without the box, so
nothing there can be read right or wrong."""
ROW_LISTS = tuple(name for name, group in _GROUPS.items() if group.startswith("Table"))


class FieldOutcome(BaseModel):
    """One compared element. ``path`` uses the gold row's index for matched rows, the predicted
    row's for extra rows; ``predicted_path`` is where the validators saw the value."""

    path: str
    predicted_path: str | None
    group: Group
    field: str
    outcome: Outcome
    gold: str | None = None
    predicted: str | None = None
    similarity: float | None = None
    kind: ErrorKind | None = None
    flagged: bool | None = None
    provenance: FieldProvenance | None = None
    """Where the predicted value came from and its confidence, when the extractor gave one."""


class FilingScore(BaseModel):
    outcomes: list[FieldOutcome]
    rows: int
    exact_rows: int


@dataclass(frozen=True)
class _Leaf:
    """A normalised value and how to compare it; None is "not printed"."""

    name: str
    label: str
    value: Any


Items = dict[str, _Leaf]
"""Leaves of one model by path relative to the model's element."""


def normalise_text(text: str) -> str:
    return _PUNCTUATION.sub(" ", text.casefold()).strip()


def _leaf(name: str, label: str, value: Any) -> _Leaf:
    """False flags and blank text say as little as an empty box, so they are absent."""
    if value is False or (isinstance(value, str) and not value.strip()):
        value = None
    return _Leaf(name, label, value)


def _items(model: Form4Model | None, prefix: str = "") -> Items:
    """Each cell gives two leaves, its value and its set of footnote marks."""
    found: Items = {}
    for where, name, value in leaves(model) if model is not None else ():
        key = "" if where == "." else where
        label = prefix + to_camel(name)
        if isinstance(value, Cell):
            found[key] = _leaf(name, label, value.value)
            found[_join(key, "footnoteId")] = _leaf(
                _MARKS, f"{label}/footnoteId", frozenset(value.footnotes) or None
            )
        else:
            found[key] = _leaf(name, label, value)
    return found


def _judge(name: str, gold: Any, predicted: Any) -> tuple[Outcome | None, float | None]:
    """The outcome of one element and, for footnote texts, the similarity behind it."""
    if gold is None and predicted is None:
        return None, None
    if predicted is None:
        return "missing", None
    if gold is None:
        return "extra", None
    similarity = None
    if name == "text":
        similarity = round(fuzz.ratio(normalise_text(gold), normalise_text(predicted)) / 100, 4)
        same = similarity >= FOOTNOTE_SIMILARITY
    elif name in PRICES:
        same = abs(gold - predicted) <= PRICE_TOLERANCE
    elif isinstance(gold, str) and not isinstance(gold, Enum):
        same = normalise_text(gold) == normalise_text(str(predicted))
    else:
        same = gold == predicted
    return ("correct" if same else "wrong"), similarity


def _show(value: Any) -> str | None:
    """EDGAR spellings, so a report reads like the XML it compares."""
    if value is None:
        return None
    if isinstance(value, frozenset):
        return " ".join(sorted(value))
    if value is True:
        return "1"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _join(*parts: str | None) -> str:
    return "/".join(part for part in parts if part)


def _compare(gold: Items, predicted: Items) -> Iterator[tuple[str, _Leaf, Outcome, float | None]]:
    """(key, leaf, outcome, similarity) for every element either side shows."""
    for key in [*gold, *(key for key in predicted if key not in gold)]:
        leaf = gold.get(key) or predicted[key]
        g, p = gold.get(key), predicted.get(key)
        outcome, similarity = _judge(leaf.name, g.value if g else None, p.value if p else None)
        if outcome is not None:
            yield key, leaf, outcome, similarity


def _agreement(gold: Items, predicted: Items) -> int:
    return sum(outcome == "correct" for _, _, outcome, _ in _compare(gold, predicted))


Pairs = list[tuple[int | None, int | None]]


def _assign(gold: Sequence[Items], predicted: Sequence[Items]) -> Pairs:
    """Optimal one-to-one alignment; pairs agreeing on nothing stay unmatched."""
    matrix = np.array([[_agreement(g, p) for p in predicted] for g in gold], dtype=int).reshape(
        len(gold), len(predicted)
    )
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    pairs: Pairs = [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if matrix[r, c]]
    return _with_unmatched(pairs, len(gold), len(predicted))


def _by_id(gold: Sequence[Items], predicted: Sequence[Items]) -> Pairs:
    """Footnotes are cited by id, so an explanation counts under its number or not at all."""
    first: dict[Any, int] = {}
    for index, items in enumerate(predicted):
        first.setdefault(items["@id"].value, index)
    pairs: Pairs = [
        (index, first[items["@id"].value])
        for index, items in enumerate(gold)
        if items["@id"].value in first
    ]
    return _with_unmatched(pairs, len(gold), len(predicted))


def _with_unmatched(pairs: Pairs, gold: int, predicted: int) -> Pairs:
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    return [
        *pairs,
        *((g, None) for g in range(gold) if g not in matched_gold),
        *((None, p) for p in range(predicted) if p not in matched_predicted),
    ]


def _group(section: str, key: str) -> Group:
    if section == "reporting_owners" and key.startswith("reportingOwnerRelationship"):
        return "relationship"
    return _GROUPS[section]


def score_filing(
    gold: Form4Filing, predicted: Form4Filing | None, source: str | None = None
) -> FilingScore:
    """Score ``predicted`` (None when extraction failed: every gold element is then missed).

    ``source``, the text the model read, tells an invented value from a misread one."""
    gold_rows = {name: [_items(row) for row in getattr(gold, name)] for name in ROW_LISTS}
    outcomes: list[FieldOutcome] = []
    rows = exact_rows = 0
    for section in Form4Filing.model_fields:
        base = xml_path(Form4Filing, section)
        g = getattr(gold, section)
        if g is None and section in SCORED_ONLY_IN_GOLD:
            continue
        p = getattr(predicted, section) if predicted is not None else None
        if not isinstance(g, list):
            items = _items if isinstance(g, Form4Model) else _scalar(section)
            outcomes += _outcomes(section, items(g), items(p), base, base, _kind(source))
            continue
        prefix = "footnote/" if section == "footnotes" else ""
        g_items = [_items(model, prefix) for model in g]
        p_items = [_items(model, prefix) for model in p or []]
        align = _by_id if section == "footnotes" else _assign
        for gi, pi in align(g_items, p_items):
            g_path = None if gi is None else f"{base}[{gi + 1}]"
            p_path = None if pi is None else f"{base}[{pi + 1}]"
            found = _outcomes(
                section,
                {} if gi is None else g_items[gi],
                {} if pi is None else p_items[pi],
                g_path or p_path,
                p_path,
                _kind(source, _misplaced(section, gi, gold_rows) if section in ROW_LISTS else None),
            )
            outcomes += found
            if section in ROW_LISTS:
                rows += 1
                exact_rows += all(o.outcome == "correct" for o in found) and None not in (gi, pi)
    return FilingScore(outcomes=outcomes, rows=rows, exact_rows=exact_rows)


def _scalar(section: str) -> Callable[[Any], Items]:
    label = xml_path(Form4Filing, section)  # the element's name: not always to_camel's spelling
    return lambda value: {"": _leaf(section, label, value)}


Locate = Callable[[str, Any], ErrorKind | None]
Kind = Callable[[str, Any, Any], ErrorKind]
"""The kind of an error, from its key, gold value (None for an extra) and predicted value."""


def _misplaced(section: str, index: int | None, gold_rows: dict[str, list[Items]]) -> Locate:
    """A value that belongs in another gold row was read off its line; one that belongs in
    another row list was put in the wrong table."""

    def holds(rows: Sequence[Items], key: str, value: Any) -> bool:
        return any(
            key in items and _judge(items[key].name, items[key].value, value)[0] == "correct"
            for items in rows
        )

    def locate(key: str, value: Any) -> ErrorKind | None:
        others = [items for i, items in enumerate(gold_rows[section]) if i != index]
        if holds(others, key, value):
            return "wrong_row"
        elsewhere = [rows for name, rows in gold_rows.items() if name != section]
        if any(holds(rows, key, value) for rows in elsewhere):
            return "wrong_table"
        return None

    return locate


def ocr_confusable(gold: str, predicted: str) -> bool:
    """Same length, and every differing character a pair OCR confuses ("180,000" for
    "100,000", "2O11" for "2011")."""
    gold, predicted = gold.casefold(), predicted.casefold()
    differing = [
        frozenset(pair) for pair in zip(gold, predicted, strict=False) if len(set(pair)) > 1
    ]
    return (
        len(gold) == len(predicted)
        and bool(differing)
        and all(pair in _CONFUSED for pair in differing)
    )


def _kind(source: str | None, locate: Locate | None = None) -> Kind:
    def kind(key: str, gold: Any, predicted: Any) -> ErrorKind:
        misplaced = locate(key, predicted) if locate else None
        if misplaced is not None:
            return misplaced
        shown_gold, shown = _show(gold), _show(predicted)
        if shown_gold is not None and shown is not None and ocr_confusable(shown_gold, shown):
            return "ocr_confusable"
        if source is not None and absence(predicted, source) is not None:
            return "not_in_source"
        return "wrong_value"

    return kind


def _outcomes(
    section: str,
    gold: Items,
    predicted: Items,
    path: str | None,
    predicted_path: str | None,
    kind_of: Kind,
) -> list[FieldOutcome]:
    found = []
    for key, leaf, outcome, similarity in _compare(gold, predicted):
        value = predicted[key].value if key in predicted else None
        kind: ErrorKind | None = None
        if outcome == "missing":
            kind = "missing"
        elif outcome != "correct":
            kind = kind_of(key, gold[key].value if key in gold else None, value)
        found.append(
            FieldOutcome(
                path=_join(path, key),
                predicted_path=None if predicted_path is None else _join(predicted_path, key),
                group=_group(section, key),
                field=leaf.label,
                outcome=outcome,
                gold=_show(gold[key].value) if key in gold else None,
                predicted=_show(value),
                similarity=similarity,
                kind=kind,
            )
        )
    return found
