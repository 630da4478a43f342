"""What OCR carries from one box of the form into another: the printed labels and box 3's date.

Rules on boxes 1 and 2 and the readers that clean a model's answer share these, so that what
counts as a label is said once.
"""

from __future__ import annotations

import re

ADDRESS_DATE = re.compile(r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}")
"""A date as box 3 prints it beside box 1's lines."""
FORM_LABEL = re.compile(
    r"\b(?:Reporting\s+Person|Name\s+and\s+Address|Issuer\s+Name|Ticker|Trading\s+Symbol|"
    r"Relationship|Earliest\s+Transaction|Amendment)\b"
    r"|\((?:Last|First|Middle|Street|City|State|Zip)\)",
    re.IGNORECASE,
)
