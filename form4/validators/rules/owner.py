"""Box 1: the reporting person's name and address as a mailing address must read.

OCR interleaves box 1 with boxes 2-6, so a model reading it can put a date in a street line, a
ZIP code in the state, or a label in the name. None of these can be repaired from the form, but
each is a value a person should look at before it reaches a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import zipcodes

from form4.edgar_xml import xml_path
from form4.schema import Issuer, ReportingOwner
from form4.validators.engine import Context, Finding, rule
from form4.validators.labels import ADDRESS_DATE, FORM_LABEL
from form4.validators.lines import header, item

US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "AS",
        "GU",
        "MP",
        "PR",
        "VI",
        "UM",
        "FM",
        "MH",
        "PW",
        "AA",
        "AE",
        "AP",
    ]
)
"""USPS codes of the states, DC, the territories and the armed forces' post offices."""

_ZIP = re.compile(r"\d{5}(?:-?\d{4})?")


def zip_places(zip_code: str) -> list[tuple[str, str]]:
    """The USPS places (city, state) a ZIP code names, its accepted other city names included;
    none for a ZIP that is malformed or not in the table ``zipcodes`` ships."""
    try:
        found = zipcodes.matching(zip_code.strip())
    except (TypeError, ValueError):
        return []
    return [
        (city, place["state"])
        for place in found
        for city in (place["city"], *place["acceptable_cities"])
    ]


def zip_states(zip_code: str) -> set[str]:
    """The states a ZIP code lies in: its USPS places' or, for a ZIP the table does not list,
    those of the ZIPs that share its first three digits (a sectional center lies in one state
    but for eight of 933)."""
    places = zip_places(zip_code)
    if places:
        return {state for _, state in places}
    return set(_states_by_prefix().get(zip_code.strip()[:3], ()))


@cache
def _states_by_prefix() -> dict[str, frozenset[str]]:
    """Each three-digit ZIP prefix's states, built once: a search of the table per ZIP code
    takes a quarter of a second."""
    found: dict[str, set[str]] = {}
    for place in zipcodes.list_all():
        found.setdefault(place["zip_code"][:3], set()).add(place["state"])
    return {prefix: frozenset(states) for prefix, states in found.items()}


def _at(index: int, name: str) -> str:
    return item("reporting_owners", index, ReportingOwner, name)


def _owners(context: Context) -> Iterator[tuple[int, ReportingOwner]]:
    return enumerate(context.filing.reporting_owners, start=1)


_EDGAR_ABROAD = re.compile(r"[A-Z][0-9]")
"""EDGAR's codes of Canadian provinces and of countries (A1 British Columbia, M5 Korea), which
box 1 of a holder abroad gives in place of a state."""


def _abroad(owner: ReportingOwner) -> bool:
    return bool(_EDGAR_ABROAD.fullmatch((owner.rpt_owner_state or "").strip().upper()))


@rule("owner.state", "warning", "A state is a two-letter USPS code, or EDGAR's code abroad.")
def state(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        value = owner.rpt_owner_state
        if value is not None and value.strip().upper() not in US_STATES and not _abroad(owner):
            yield Finding(f"{value!r} is not a US state code", [_at(index, "rpt_owner_state")], {})


@rule("owner.zip_code", "warning", "A US ZIP code is five digits, or five and four.")
def zip_code(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        value = owner.rpt_owner_zip_code
        if value is not None and not _ZIP.fullmatch(value.strip()) and not _abroad(owner):
            yield Finding(f"{value!r} is not a ZIP code", [_at(index, "rpt_owner_zip_code")], {})


@rule(
    "owner.address_text",
    "warning",
    "Name, street and city hold no date and no label of the form: OCR mixes boxes into box 1.",
)
def address_text(context: Context) -> Iterator[Finding]:
    names = ("rpt_owner_name", "rpt_owner_street1", "rpt_owner_street2", "rpt_owner_city")
    issuer = context.filing.issuer.issuer_name.casefold()
    for index, owner in _owners(context):
        if issuer and issuer in owner.rpt_owner_name.casefold():
            yield Finding(
                f"the name {owner.rpt_owner_name!r} holds the issuer's name: boxes 1 and 2 run "
                "together in the text",
                [
                    _at(index, "rpt_owner_name"),
                    f"{header('issuer')}/{xml_path(Issuer, 'issuer_name')}",
                ],
                {},
            )
        for name in names:
            value = getattr(owner, name)
            if value is None:
                continue
            if ADDRESS_DATE.search(value) or FORM_LABEL.search(value):
                yield Finding(f"{value!r} holds a date or a form label", [_at(index, name)], {})
            elif name == "rpt_owner_city" and re.search(r"\d", value):
                yield Finding(f"city {value!r} holds digits", [_at(index, name)], {})


_SHORT_WORDS = frozenset(
    {"n", "s", "e", "w", "ne", "nw", "se", "sw", "st", "rd", "dr", "ln", "ct", "pl", "sq", "po"}
    | {"of", "at", "on", "in", "by", "to", "la", "le", "el", "de", "du", "da", "&"}
)
"""Words of one or two letters a street line prints: directions, road types, small words."""
_UNIT = re.compile(r"(?:suite|ste|unit|apt|bldg|building|floor|fl|room|rm|tower|no|box|#)\W*$")


def street_fragments(street: str) -> list[str]:
    """Letters standing alone in a street line that no address word explains."""
    found = []
    tokens = street.split()
    for at, token in enumerate(tokens):
        letters = token.strip(".,;:'\"")
        if not letters.isalpha() or len(letters) > 2 or letters.casefold() in _SHORT_WORDS:
            continue
        if at and _UNIT.search(tokens[at - 1].casefold()):
            continue
        found.append(token)
    return found


@rule(
    "owner.street_fragment",
    "warning",
    "A street line holds no stray letters: OCR splits words and drops letters of other boxes.",
)
def street_fragment(context: Context) -> Iterator[Finding]:
    """OCR cuts box 1's words apart and lets letters of a neighbouring box fall between them
    ("C/O SONUS I NETWORKS, INC.", "TECHNOLO OGY PARK DI RIVE"); a model copies them as printed,
    and only a person can tell which letters belong. A filing read from XML has no OCR, and its
    short words are the filer's ("GANGNAM-GU" written "GANGMAN GU")."""
    if context.source_text is None:
        return
    for index, owner in _owners(context):
        for name in ("rpt_owner_street1", "rpt_owner_street2"):
            value = getattr(owner, name)
            stray = street_fragments(value) if value else []
            if stray:
                yield Finding(
                    f"the street line {value!r} holds stray letters {' '.join(stray)!r}",
                    [_at(index, name)],
                    {"street": value, "stray": stray},
                )


CARE_OF = re.compile(r"c\s?/\s?o\b", re.IGNORECASE)
UNIT_LINE = re.compile(
    r"(?:(?:Suite|Ste|Apt|Apartment|Unit|Floor|Fl|Room|Rm|Bldg|Building)\.?\s+|#\s*)[A-Z0-9][\w-]*",
    re.IGNORECASE,
)
"""A suite, apartment or floor: the line box 1 prints below its street."""


@rule(
    "owner.unit_street",
    "warning",
    "The first street line is a street or a care-of line, not a suite or apartment alone.",
)
def unit_street(context: Context) -> Iterator[Finding]:
    """Box 1 prints the unit below its street; a first line that is only "Apt. 427" means the
    street above it was lost (a small model drops it beside box 3's label)."""
    for index, owner in _owners(context):
        first = owner.rpt_owner_street1
        if first and UNIT_LINE.fullmatch(first.strip()):
            yield Finding(
                f"the first street line {first!r} is only a unit: the street is missing",
                [_at(index, "rpt_owner_street1")],
                {"street1": first, "street2": owner.rpt_owner_street2},
            )


@rule(
    "owner.care_of_street",
    "warning",
    "A care-of line is followed by a street line: mail in care of someone needs their street.",
)
def care_of_street(context: Context) -> Iterator[Finding]:
    """Box 1 prints "C/O" and the company on one line and the company's street on the next;
    where OCR interleaves the two, a model keeps the first and drops the street, leaving an
    address no mail reaches and nothing else to show a line is missing."""
    for index, owner in _owners(context):
        care_of = owner.rpt_owner_street1
        if care_of and CARE_OF.match(care_of) and not owner.rpt_owner_street2:
            yield Finding(
                f"the care-of line {care_of!r} has no street line after it",
                [_at(index, "rpt_owner_street1"), _at(index, "rpt_owner_street2")],
                {"street1": care_of},
            )


_BOX_LABEL = re.compile(r"\W*(?:Director|10\s?%\s*Owner|Other|Officer)\W*", re.IGNORECASE)


@rule("owner.officer_title_text", "warning", "An officer title is not a box 5 label.")
def officer_title_text(context: Context) -> Iterator[Finding]:
    for index, owner in _owners(context):
        title = owner.officer_title
        if title is not None and _BOX_LABEL.fullmatch(title):
            yield Finding(
                f"the officer title {title!r} is a label of box 5",
                [_at(index, "officer_title")],
                {},
            )


_ADDRESS_LINE = ("rpt_owner_city", "rpt_owner_state", "rpt_owner_zip_code")
_BETWEEN = r"[^\w\n]+"
"""Spaces, commas, and the specks OCR reads as punctuation; never a letter, digit or line break."""
_WORDS = r"\s+"


def _zip_pattern(value: str) -> str:
    """The ZIP as given; a five-digit one may be printed as ZIP+4."""
    if not _ZIP.fullmatch(value):
        return re.escape(value)
    five, four = value[:5], value[5:].lstrip("-")
    return rf"{five}[ \t]*-?[ \t]*{four}" if four else rf"{five}(?:-\d{{4}})?"


_CITY_LINE = re.compile(
    r"^[\W_]*([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3})(?: [^A-Za-z0-9\s]{1,2})*"
    r" [^A-Za-z0-9\s]{0,2}((?=[10$]?[A-Za-z])[A-Za-z10$]{2}|\u2122[NX]?)[.,:;]?"
    r"((?: [^A-Za-z0-9\s]{1,2})*(?: [A-Za-z0-9]{1,2})?(?: [^A-Za-z0-9\s]{1,2})*)"
    r" [^\w\s]?([\d\u00a7]{5}(?:-\d{4})?)\b",
    re.MULTILINE,
)
"""City, state and ZIP at a line's start, with specks OCR printed for the box's rules around
the state ("MOUNTAINVIEW CA | 94043", znga_2011-12-21; "PERKINSTON \u2122N . 38473",
synthetic 051_heavy; "North Hannahmouth =MD 21703", synthetic 058_medium; "MENLOPARK = _CA 94025",
fb_2017-07-28), a speck glued to the state among them ("New Ashley NM. 87542"), its I or O
perhaps read as a digit ("Nashchester 1D 83301", which the ZIP's state then reads; both from
synthetic filings drawn with another seed than the corpus's) or its S as "$" ("$C 29508"). One
letter or digit between state and ZIP is a rule of the box as OCR read it ("MENLO PARK CA 3
94025", u_2022-02-11; "uT 7 \"84304" and "FL ah 32721", heavy synthetic prints): then, as for a
misread state, the line is read only where the state is the ZIP's."""
_T_STATES = frozenset({"TN", "TX"})
"""What OCR reads as a trademark sign "\u2122": a T and a small capital, TN or TX (synthetic
044_clean, 052_clean)."""
_CITY_WRAP = re.compile(r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}")
"""A line holding nothing but the rest of box 1's city, wrapped below its first words in the
form's narrow city box ("NEW FL 33087" over "CHRISTINAFURT")."""
_BOX_WORDS = re.compile(r"City|State|Zip|Table|Form", re.IGNORECASE)


def printed_city_lines(text: str) -> Iterator[tuple[str, str, str]]:
    """Each line that begins with a city, state and ZIP as box 1 prints them, read as
    ``extractor.readers.boxes.city_line`` reads the first: OCR's specks, lost spaces and
    confused letters undone, the rest of a city that wrapped onto the line below joined."""
    lines = [line for line in text.splitlines() if line.strip()]
    for at, line in enumerate(lines):
        found = _CITY_LINE.match(line)
        if found is None:
            continue
        city, printed, gap, printed_zip = found.groups()
        zip_code = printed_zip.replace("\u00a7", "5")
        misread = zip_code != printed_zip or "$" in printed or any(c.isalnum() for c in gap)
        state = _state_read(printed.replace("$", "S"), zip_code, misread)
        head, _, last = city.rpartition(" ")
        if state is None and head and last in zip_states(zip_code):
            city, state = head, last  # a speck between the state and the ZIP ("NC ij 27620")
        if state is None:
            continue
        below = _without_specks(lines[at + 1]) if at + 1 < len(lines) else ""
        if _CITY_WRAP.fullmatch(below) and not _BOX_WORDS.search(below):
            city = f"{city} {below}"
        yield _as_listed(city, zip_code), state, zip_code


def _state_read(printed: str, zip_code: str, misprinted: bool) -> str | None:
    """The state a city line prints, where its ZIP code allows it. A trademark sign is the one
    of TN and TX the ZIP lies in (its second letter printed after it or not); a ZIP that
    printed a "\u00a7" for its 5 (OCR's usual confusion, synthetic 021_light) counts only where
    its state is the one printed. OCR turns one code into another ("WV" printed "wy",
    synthetic 006_medium): the ZIP's state is read where the two differ only in letters OCR
    reads for each other."""
    if printed.startswith("\u2122"):
        states = {
            state for state in zip_states(zip_code) & _T_STATES if state.endswith(printed[1:])
        }
        return states.pop() if len(states) == 1 else None
    state = printed.upper()
    if misprinted:
        return state if state in zip_states(zip_code) else None
    if _state_of(state, zip_code):
        return state
    alike = {known for known in zip_states(zip_code) if _shape(known) == _shape(state)}
    return alike.pop() if len(alike) == 1 else None


def _state_of(state: str, zip_code: str) -> bool:
    """Whether a state code is one, and the ZIP code's where the USPS table knows the ZIP."""
    places = zip_places(zip_code[:5])
    return state in US_STATES and (not places or state in {known for _, known in places})


_SAME_SHAPE = str.maketrans("YL1I0DQ5826", "VIIIOOOSBZG")


def _shape(code: str) -> str:
    return code.translate(_SAME_SHAPE)


def _without_specks(line: str) -> str:
    """A line without the specks OCR left after its last word ("JENNIFERBURY 'i i 7")."""
    words = line.split()
    while words and sum(c.isalnum() for c in words[-1]) < 2:
        words.pop()
    return " ".join(words)


def _as_listed(city: str, zip_code: str) -> str:
    """The city as its ZIP's USPS place spells it, where the print holds the same letters and
    OCR lost a space or added a speck ("SANFRANCISCO", "MOUNTAIN VIEW.")."""
    for place, _ in zip_places(zip_code[:5]):
        if letters(place) == letters(city) and place.casefold() != city.casefold():
            return place.upper() if city.isupper() else place
    return city


def letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _read_on_a_line(given: tuple[str, str, str], text: str) -> bool:
    """Whether a city line of the text, read as box 1 prints it, gives these city, state and
    ZIP: the line that OCR garbled the way :func:`printed_city_lines` undoes is printed."""
    wanted = tuple(value.strip().casefold() for value in given)
    return any(
        tuple(value.casefold() for value in read) == wanted for read in printed_city_lines(text)
    )


def city_line_pattern(city: str, state: str, zip_code: str) -> str:
    """City, state and ZIP in this order on one line, as box 1 prints them. A long city may wrap
    in its column: its first words then share the line with state and ZIP, the rest begin the
    next line."""
    words = [re.escape(word) for word in city.split()]
    state_zip = rf"{_BETWEEN}{re.escape(state.strip())}{_BETWEEN}{_zip_pattern(zip_code.strip())}"
    whole = [rf"{_WORDS.join(words)}{state_zip}(?!\d)"]
    wrapped = [
        rf"{_WORDS.join(words[:cut])}{state_zip}(?!\d)[^\n]*\n[^\n]*?(?<!\w)"
        rf"{_WORDS.join(words[cut:])}(?!\w)"
        for cut in range(1, len(words))
    ]
    return rf"(?<!\w)(?:{'|'.join(whole + wrapped)})"


@rule(
    "owner.city_line",
    "warning",
    "City, state and ZIP are printed together on one line of the source, as box 1 prints them.",
)
def city_line(context: Context) -> Iterator[Finding]:
    """Box 1 ends in one line "CITY ST ZIP". Where OCR scatters or garbles that line, a model's
    city, state and ZIP are guesses (seen: a city "WESTFO" from a line "WESTFO ת מפר IA 01886"
    whose state was Greek letters, a city "Jeony" taken from a garbled officer title, a ZIP left
    out), and only the printed line can confirm them."""
    if context.source_text is None:
        return
    for index, owner in _owners(context):
        given = [getattr(owner, name) for name in _ADDRESS_LINE]
        paths = [_at(index, name) for name in _ADDRESS_LINE]
        evidence = dict(zip(("city", "state", "zipCode"), given, strict=True))
        if not any(given):
            continue
        city, state, zip_code = given
        if not (city and state and zip_code):
            missing = [n for n, v in zip(("city", "state", "ZIP"), given, strict=True) if not v]
            yield Finding(f"the address has no {' or '.join(missing)}", paths, evidence)
            continue
        pattern = city_line_pattern(city, state, zip_code)
        if not re.search(pattern, context.source_text, re.IGNORECASE) and not _read_on_a_line(
            (city, state, zip_code), context.source_text
        ):
            places = [f"{place}, {code}" for place, code in zip_places(zip_code)]
            yield Finding(
                f"{city} {state} {zip_code} is not printed as one line of the source text",
                paths,
                {**evidence, "searched": pattern, "zipPlaces": places},
            )
