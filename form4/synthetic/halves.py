"""The real corpus's split into a half to develop on and a half to report, by issuer.

Apart from the printing code, whose libraries are an extra, so that the CLI can name the halves
without them."""

from __future__ import annotations

import hashlib
from enum import StrEnum


class Split(StrEnum):
    DEV = "dev"
    TEST = "test"


def split_of(cik: str) -> Split:
    """The half of every filing of the issuer with this CIK."""
    digest = hashlib.sha256(cik.zfill(10).encode("ascii")).digest()
    return Split.DEV if digest[-1] % 2 == 0 else Split.TEST
