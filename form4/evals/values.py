"""Gold-value counting: how many of a gold filing's values an extraction reproduced.

A plain count over leaf values (one per printed box or cell, footnote marks included), the
measure used until the scoring harness with row alignment exists.
"""

from __future__ import annotations

import re
from typing import Any

from form4.schema import Form4Filing

_SPACE = re.compile(r"\s+")


def leaf_values(filing: Form4Filing) -> dict[str, str]:
    """Every non-empty leaf as ``path -> normalised text``; false flags count as empty."""
    leaves: dict[str, str] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                walk(child, f"{path}/{key}" if path else key)
        elif isinstance(node, list):
            if node and all(isinstance(item, str) for item in node):
                leaves[path] = " ".join(sorted(node))
                return
            for index, child in enumerate(node, start=1):
                walk(child, f"{path}[{index}]")
        elif node not in (None, False, ""):
            leaves[path] = _SPACE.sub(" ", str(node)).strip().casefold()

    walk(filing.model_dump(mode="json", by_alias=True, exclude_none=True), "")
    return leaves


def count_matches(predicted: Form4Filing, gold: Form4Filing) -> tuple[int, int]:
    """(gold values reproduced at the same place, gold values), rows compared in order."""
    expected = leaf_values(gold)
    found = leaf_values(predicted)
    return sum(found.get(path) == value for path, value in expected.items()), len(expected)
