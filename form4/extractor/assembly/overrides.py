"""Where the layout's evidence overrode the model's answer, recorded as repairs, never silent.

The staged method takes some values from where the form prints them over what the model
answered (a city line read by pattern or completed from its ZIP, box 5's X marks, the bracketed
ticker, the wrapped part of a title or a holder's name): each such change is a repair naming the
field, the model's value, the value taken and the rule that took it, so a reviewer sees what the
model said and why it was not kept.
"""

from __future__ import annotations

from typing import Any

from form4.result import Repair
from form4.schema import Cell, Form4Filing
from form4.validators.lines import leaves

_RULES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("rpt_owner_street1", "rpt_owner_street2"),
        (
            "layout.street_lines",
            "box 1's street lines as printed: house number, care-of and unit lines, printed "
            "order, without stray letters",
        ),
    ),
    **dict.fromkeys(
        ("rpt_owner_city", "rpt_owner_state", "rpt_owner_zip_code"),
        (
            "layout.city_line",
            "box 1's city line read by pattern, or completed from its ZIP code's USPS place",
        ),
    ),
    "officer_title": ("layout.title_head", "the head of the title printed glued to its label"),
    "rpt_owner_name": ("layout.signer_name", "the model's name was a label of the form"),
    **dict.fromkeys(
        ("is_director", "is_officer", "is_ten_percent_owner", "is_other"),
        ("layout.box_5_marks", "box 5's boxes with an X printed before their labels"),
    ),
    "issuer_trading_symbol": ("layout.ticker", "the symbol printed in box 2's brackets"),
    "issuer_name": (
        "layout.issuer_name",
        "box 2's name as printed before its ticker, where the model's ran on past it",
    ),
    **dict.fromkeys(
        ("security_title", "underlying_security_title"),
        (
            "layout.printed_title",
            "the title as printed: its wrapped part on the lines below its line, an option "
            "title's '(right to ...)' that OCR printed apart from it, or, where the answer was "
            "no title ('N/A', specks, the issuer's name), the one the line prints before its "
            "date with OCR's misread letters read back; cut before a word the line does not "
            "print and its head completed from the filing's other titles",
        ),
    ),
    "nature_of_ownership": (
        "layout.wrapped_nature",
        "the holder's name as printed: with the 'By' before it, wrapped onto the lines below "
        "its line, its Roman numerals with the I that OCR read as l, 1 or i, an L.P. with the "
        "full stop OCR lost ('LP.'), and ending at its "
        "LLC, L.P., Inc., Trust or Fund where OCR garbled the mark after it; none on a direct "
        "line, where the column holds only the titles' wrapped rest",
    ),
    **dict.fromkeys(
        ("exercise_date", "expiration_date"),
        (
            "layout.printed_dates",
            "the dates as the line prints them: one it does not print (a small model makes one "
            "up from a footnote mark) left out, the date exercisable printed between the amount "
            "and the expiration date put in, the two dates printed after the transaction date "
            "(a holding's two) taken in their printed order",
        ),
    ),
    **dict.fromkeys(
        ("transaction_shares", "shares_owned_following_transaction", "underlying_security_shares"),
        (
            "layout.thousands_point",
            "an amount printed with a point for its thousands comma ('113.000'), read as the "
            "thousands the filing prints grouped elsewhere",
        ),
    ),
    "transaction_code": (
        "layout.printed_code",
        "the code letter the line prints after its date, in a form OCR gives a code ('ci)', "
        "'c', '$2)' for S(2)), where the model answered another letter",
    ),
    "direct_or_indirect_ownership": (
        "layout.printed_ownership",
        "the ownership as the line prints it: indirect where it prints a nature of indirect "
        "ownership ('By ...', 'See Footnote'), direct where the answer's I has no nature and "
        "the cell prints a D OCR broke ('12)', '1]')",
    ),
}


PRINTED_MARKS = (
    "layout.printed_marks",
    "the footnote marks where the line prints them: glued to their value, or standing alone "
    "in a cell whose value the footnote takes the place of",
)


def _shown(value: Any) -> Any:
    return value.value if isinstance(value, Cell) else value


def _marks(value: Any) -> list[str]:
    return list(value.footnotes) if isinstance(value, Cell) else []


def layout_repairs(answered: Form4Filing, taken: Form4Filing) -> list[Repair]:
    """A repair for each field the layout changed from the model's answer, in document order:
    a value, or only a cell's marks (recorded at the marks' own path)."""
    before = {path: value for path, _, value in leaves(answered)}
    repairs: list[Repair] = []
    for path, name, value in leaves(taken):
        if path not in before:
            continue
        old = before[path]
        if name in _RULES and _shown(old) != _shown(value):
            rule, reason = _RULES[name]
            repairs.append(
                Repair(rule=rule, field=path, old=_shown(old), new=_shown(value), reason=reason)
            )
        elif _shown(old) == _shown(value) and _marks(old) != _marks(value):
            rule, reason = PRINTED_MARKS
            repairs.append(
                Repair(
                    rule=rule,
                    field=f"{path}/footnoteId",
                    old=_marks(old),
                    new=_marks(value),
                    reason=reason,
                )
            )
    return repairs
