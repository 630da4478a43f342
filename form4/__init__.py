"""form4: SEC Form 4 filings from messy OCR text and PDFs to strict, validated, EDGAR-shaped data.

import form4
result = form4.extract("filing.pdf")          # embedded model, no key, no network
print(result.filing.issuer.issuer_trading_symbol, result.status)
print(form4.to_xml(result.filing))            # EDGAR ownershipDocument
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from form4 import batch
from form4.batch import BatchRecord
from form4.edgar_xml import from_xml, to_xml
from form4.errors import BackendError, Form4Error, InputError, ModelError
from form4.extractor.pipeline import Extractor, Source, default_extractor, extract_text
from form4.result import Conflict, ExtractionResult, Repair, Usage
from form4.schema import Form4Filing
from form4.settings import Settings

__version__ = "0.1.0"


def _with(settings: Settings | None, overrides: dict[str, Any]) -> Settings | None:
    if not overrides:
        return settings
    base = settings.model_dump(exclude_unset=True) if settings else {}
    return Settings(**{**base, **overrides})


def extract(source: Source, settings: Settings | None = None, **overrides: Any) -> ExtractionResult:
    """Extract one filing from a path (``.txt`` or ``.pdf``) or from the text itself.

    ``overrides`` are :class:`Settings` fields, e.g. ``backend="openai", model="gpt-4o-mini"``.
    """
    return default_extractor(_with(settings, overrides)).extract(source)


def extract_many(
    inputs: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    concurrency: int = 1,
    skip: Collection[str] = frozenset(),
    **overrides: Any,
) -> Iterator[BatchRecord]:
    """Extract files, folders (their .txt and .pdf files) and globs, yielding a
    :class:`BatchRecord` (result or one-line error) per input as each finishes; inputs whose
    content hash is in ``skip`` are left out. One model for all; ``concurrency`` requests at once
    to an OpenAI-compatible endpoint."""
    extractor = default_extractor(_with(settings, overrides))
    return batch.extract_many(inputs, extractor, concurrency, skip)


__all__ = [
    "BackendError",
    "BatchRecord",
    "Conflict",
    "ExtractionResult",
    "Extractor",
    "Form4Error",
    "Form4Filing",
    "InputError",
    "ModelError",
    "Repair",
    "Settings",
    "Usage",
    "extract",
    "extract_many",
    "extract_text",
    "from_xml",
    "to_xml",
]
