"""Boxes 1, 2 and 5 read whole by pattern, where the print leaves no choice to make.

EDGAR prints box 1's name and box 2's issuer side by side, so OCR gives them as one line ending
in the bracketed ticker ("Rabois Keith Affirm Holdings, Inc. [ AFRM ]"), and the only question
is where the one ends and the other begins. Two readings of the filing answer it without the
model: the signature names the owner ("/s/ Keith Rabois": box 1's words are the signer's), and
the ticker abbreviates the issuer (AFRM's letters follow in order from "Affirm"). The boxes are
read here when at least one of them gives the cut and none disagrees, and when the address, the
box 5 marks and an officer's title are each found by their own patterns; anything less goes to
the model, whose answer costs more time than all the patterns together.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from form4.extractor.readers.boxes import (
    DATE,
    STREET_LABEL,
    checked_roles,
    city_line,
    letters,
    split_at_issuer,
    street_lines,
    ticker_line,
    zip_city_line,
)
from form4.schema import Issuer, OwnerSignature, ReportingOwner

_SPECK = re.compile(r"[\W_]+|[a-z]")
"""A sign, or a lone lower-case letter: a middle initial is printed as a capital."""
_ROMAN = re.compile(r"^[IVX][IVXil]{1,3}(?=,?$)")
"""A Roman numeral of a fund's name ("Partners II, L.P."), whose I OCR reads as l."""
_FIRST_LABEL = re.compile(r"\W*(?:L?ast|First|Middle)\)", re.IGNORECASE)
"""Box 1's first label, OCR's "(ast)" for "(Last)" too (synthetic 002_medium)."""
_BELOW_LABEL = re.compile(r"\(give\b|\bbelow\)", re.IGNORECASE)
"""Box 5's line of labels with a text written below them: "Officer (give title below)",
"Other (specify below)"."""
_EDGE_SPECKS = " :;|~_'\"-,"
"""Rules and specks OCR leaves around the text written in box 5; a full stop may end a title."""
_LEADING_SPECKS = _EDGE_SPECKS + ".*"
"""A title begins with a word: a dot or a star before it is a speck (synthetic 038_medium,
046_medium)."""


class Boxes(NamedTuple):
    """The boxes above Table I as printed: box 2's issuer and box 1's (first) owner, with the
    relationship of box 5."""

    issuer: Issuer
    owner: ReportingOwner


def read_boxes(
    header: str, boxes: str, signatures: list[OwnerSignature], ticker: str | None
) -> Boxes | None:
    """Boxes 1, 2 and 5 as printed, or None where any part needs the model's reading."""
    if ticker is None:
        return None
    names = _names(header, signatures, ticker)
    roles = checked_roles(header)
    streets = street_lines(header)
    city = city_line(boxes) or zip_city_line(boxes)
    below = written_below(header)
    if names is None or roles is None or not streets or city is None or below is None:
        return None
    if {"officer", "other"} <= roles or bool(below) != bool(roles & {"officer", "other"}):
        return None  # a title or text with no box for it, or a box ticked with none found
    owner_name, issuer_name = names
    owner = ReportingOwner(
        rpt_owner_name=owner_name,
        rpt_owner_street1=streets[0],
        rpt_owner_street2=streets[1] if len(streets) > 1 else None,
        rpt_owner_city=city[0],
        rpt_owner_state=city[1],
        rpt_owner_zip_code=city[2],
        is_director="director" in roles,
        is_officer="officer" in roles,
        is_ten_percent_owner="10% owner" in roles,
        is_other="other" in roles,
        officer_title=(below or None) if "officer" in roles else None,
        other_text=(below or None) if "other" in roles else None,
    )
    return Boxes(Issuer(issuer_name=issuer_name, issuer_trading_symbol=ticker), owner)


def _names(header: str, signatures: list[OwnerSignature], ticker: str) -> tuple[str, str] | None:
    """Box 1's name and box 2's issuer name, cut where the signature's words end or the ticker's
    letters begin; None where neither says or the two disagree, or where the name wraps onto
    the line of box 1's labels."""
    lines = [line for line in header.splitlines() if line.strip()]
    printed = ticker_line(lines)
    if printed is None:
        return None
    at, found = printed
    if at + 1 >= len(lines) or not _labels_only(lines[at + 1]):
        return None
    before = lines[at][: found.start()]
    words = [_ROMAN.sub(_roman, word) for word in before.split() if not _SPECK.fullmatch(word)]
    cuts = {
        cut
        for cut in (_signer_cut(words, signatures), _ticker_cut(words, ticker))
        if cut is not None
    }
    if len(cuts) != 1:
        return None
    cut = cuts.pop()
    return " ".join(words[:cut]), " ".join(words[cut:])


_SIGNED_FOR = re.compile(r",?\s+By:", re.IGNORECASE)
"""Where an entity's name ends in its signature and who signs for it begins."""


def _roman(numeral: re.Match[str]) -> str:
    return numeral.group(0).replace("l", "I").replace("i", "I")


def _labels_only(line: str) -> bool:
    """Whether a line begins with box 1's labels, "(Last) (First) (Middle)" ("{Last)" as OCR
    may print its bracket), so that no word of the name wrapped onto it."""
    return bool(_FIRST_LABEL.match(line))


def _ticker_cut(words: list[str], ticker: str) -> int | None:
    split = split_at_issuer(" ".join(words), ticker)
    return None if split is None else len(split[0].split())


def _signer_cut(words: list[str], signatures: list[OwnerSignature]) -> int | None:
    """Where the words of box 1's line stop being the first signer's: the owner signs with the
    name box 1 prints, in another order ("Rabois Keith" signed "Keith Rabois"), with an initial
    given or not; an entity by its name before the "By:" of who signs for it ("Weber Capital
    Partners, L.P., By: ...", the first of a joint filing's signatures, synthetic 024_clean)."""
    if not signatures:
        return None
    name = _SIGNED_FOR.split(signatures[0].signature_name, maxsplit=1)[0]
    signed = {letters(word) for word in name.split()} - {"s", ""}
    if not signed or (len(signatures) > 1 and name == signatures[0].signature_name):
        return None
    cut = 0
    for word in words:
        plain = letters(word)
        if plain in signed or (len(plain) == 1 and any(s[0] == plain for s in signed)):
            cut += 1
        else:
            break
    if (
        cut < 2
        or cut == len(words)
        or not {letters(w) for w in words[:cut]} >= {s for s in signed if len(s) > 1}
    ):
        return None
    return cut


def written_below(header: str) -> str | None:
    """What the filer wrote under box 5's "Officer (give title below)" and "Other (specify
    below)": printed right of box 3's date, on the line below those labels ("650 CALIFORNIA
    STREET 03/18/2021 Chief Executive Officer"), or, where that line holds nothing after the
    date, right of box 1's "(Street)" label on the line below it (the synthetic corpus prints
    Other's text so: "(Street) Former Officer", 013_light, 042_medium, 050_medium,
    054_medium); "" where nothing is, None where the date is not found there to tell where box
    5 begins."""
    lines = [line for line in header.splitlines() if line.strip()]
    for at, line in enumerate(lines[:-1]):
        if not _BELOW_LABEL.search(line):
            continue
        date = DATE.search(lines[at + 1])
        if date is None:
            return None
        text = _written(lines[at + 1][date.end() :])
        if not text and at + 2 < len(lines) and (label := STREET_LABEL.match(lines[at + 2])):
            text = _written(lines[at + 2][label.end() :])
        return text
    return None


_CITY_LABEL = re.compile(r"\(?City\)|\b\d{5}\b")
"""Box 1's city line or its labels, which a print may set right of "(Street)" (the seeds)."""


def _written(text: str) -> str:
    """The text written in box 5 without the specks around it; "" where it holds no words or
    is box 1's city line."""
    text = text.strip(_EDGE_SPECKS).lstrip(_LEADING_SPECKS)
    if sum(c.isalpha() for c in text) < 2 or _CITY_LABEL.search(text):
        return ""
    return text
