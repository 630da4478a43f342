"""Box 2: the issuer's name and, in square brackets after it, its trading symbol."""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4.edgar_xml import xml_path
from form4.schema import Issuer
from form4.validators.engine import Context, Finding, rule
from form4.validators.labels import FORM_LABEL
from form4.validators.lines import header

_ALONE_BEFORE = r"(?<![A-Za-z0-9])(?<![A-Za-z0-9][.-])"
_ALONE_AFTER = r"(?![A-Za-z0-9]|[.-][A-Za-z0-9])"


def bracketed(symbol: str) -> str:
    """``symbol`` as a whole token in brackets, one of which OCR may have damaged or lost (read
    as a parenthesis, a brace or a bar)."""
    token = rf"{_ALONE_BEFORE}{re.escape(symbol)}{_ALONE_AFTER}"
    return rf"[\[({{|][ \t]*{token}|{token}[ \t]*[\])}}|]"


@rule(
    "issuer.ticker_printed",
    "warning",
    "The trading symbol is printed in brackets in the source text, as box 2 prints it.",
)
def ticker_printed(context: Context) -> Iterator[Finding]:
    """Box 2 prints the symbol in square brackets after the issuer's name; a symbol found in no
    brackets was taken from elsewhere (a model wrote "SONUS", a word of the issuer's name, where
    OCR had left only "5]")."""
    symbol = context.filing.issuer.issuer_trading_symbol
    if not symbol or context.source_text is None:
        return
    pattern = bracketed(symbol.strip())
    if re.search(pattern, context.source_text) is None:
        yield Finding(
            f"the symbol {symbol!r} is printed in no brackets of the source text",
            [f"{header('issuer')}/{xml_path(Issuer, 'issuer_trading_symbol')}"],
            {"issuerTradingSymbol": symbol, "searched": pattern},
        )


@rule(
    "issuer.name_text",
    "warning",
    "The issuer's name holds no label of the form: OCR runs box 2's label into the name.",
)
def name_text(context: Context) -> Iterator[Finding]:
    """A model that cannot find the name beside box 2's label copies the label ("Issuer Name and
    Ticker or Trading Symbol", as OCR garbles it); no company is called so."""
    name = context.filing.issuer.issuer_name
    if FORM_LABEL.search(name):
        yield Finding(
            f"the issuer's name {name!r} holds a label of the form",
            [f"{header('issuer')}/{xml_path(Issuer, 'issuer_name')}"],
            {},
        )
