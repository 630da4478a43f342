"""form4: SEC Form 4 filings from messy OCR text and PDFs to strict, validated, EDGAR-shaped data.

import form4
result = form4.extract("filing.pdf")          # embedded model, no key, no network
print(result.filing.issuer.issuer_trading_symbol, result.status)
print(form4.to_xml(result.filing))            # EDGAR ownershipDocument
"""

from __future__ import annotations

from typing import Any

from form4.edgar_xml import from_xml, to_xml
from form4.errors import BackendError, Form4Error, InputError, ModelError
from form4.extractor.pipeline import Extractor, Source, default_extractor, extract_text
from form4.result import Conflict, ExtractionResult, Repair, Usage
from form4.schema import Form4Filing
from form4.settings import Settings

__version__ = "0.1.0"


def extract(source: Source, settings: Settings | None = None, **overrides: Any) -> ExtractionResult:
    """Extract one filing from a path (``.txt`` or ``.pdf``) or from the text itself.

    ``overrides`` are :class:`Settings` fields, e.g. ``backend="openai", model="gpt-4o-mini"``.
    """
    if overrides:
        base = settings.model_dump(exclude_unset=True) if settings else {}
        settings = Settings(**{**base, **overrides})
    return default_extractor(settings).extract(source)


__all__ = [
    "BackendError",
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
    "extract_text",
    "from_xml",
    "to_xml",
]
