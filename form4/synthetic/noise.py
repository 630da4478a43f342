"""The named noise levels of a scan, apart from the imaging code that applies them, so the
command line can offer them without the optional imaging libraries."""

from __future__ import annotations

from enum import StrEnum


class NoiseLevel(StrEnum):
    CLEAN = "clean"
    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"
