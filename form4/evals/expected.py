"""What a fixture's ``NAME.expect.json`` says the validators must find in it.

A fixture with a known defect (a balance that does not chain, a signature before the trade) is
labelled with the rule that must fire and the field it must name, so an evaluation can count the
defects the validators caught after extraction, not only the values the model read.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from form4.errors import InputError
from form4.result import Conflict
from form4.validators import RULES


class Defect(BaseModel):
    """The label of a defective fixture: which rule must fire, and at which field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(description="Id of the validator rule the defect trips, e.g. holdings.chain.")
    path: str = Field(
        description="EDGAR path of the edited field, as the rule's conflict names it."
    )
    description: str = Field(description="One sentence saying what was changed, for people.")

    @field_validator("rule")
    @classmethod
    def _known(cls, rule: str) -> str:
        if rule not in RULES:
            raise ValueError(f"no validator rule {rule!r}")
        return rule

    def caught_by(self, conflicts: list[Conflict]) -> bool:
        """The expected rule fired and named the defective field (or the element holding it)."""
        return any(
            conflict.rule == self.rule
            and any(self.path == f or self.path.startswith(f"{f}/") for f in conflict.fields)
            for conflict in conflicts
        )


def expected_defect(fixture: Path) -> Defect | None:
    """The label beside an input (``NAME.expect.json``), or None for a fixture without one."""
    label = fixture.with_suffix(".expect.json")
    if not label.is_file():
        return None
    try:
        return Defect.model_validate_json(label.read_bytes())
    except ValueError as error:
        raise InputError(f"{label.name} is not a defect label: {error}") from error
