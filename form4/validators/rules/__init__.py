"""The rule modules; importing this package registers every rule, in this order."""

from form4.validators.rules import (
    amounts,
    codes,
    dates,
    derivatives,
    filing,
    footnotes,
    grounding,
    holdings,
    injection,
    issuer,
    owner,
    ownership,
    relationship,
    vesting,
)

__all__ = [
    "amounts",
    "codes",
    "dates",
    "derivatives",
    "filing",
    "footnotes",
    "grounding",
    "holdings",
    "injection",
    "issuer",
    "owner",
    "ownership",
    "relationship",
    "vesting",
]
