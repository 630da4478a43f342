"""What the boxes above Table I settle by pattern: the dates of boxes 3 and 4, the box 5 marks, the
Rule 10b5-1 box and the bracketed ticker.

Where OCR scatters the boxes' names and addresses beyond the patterns of ``names``, the model
reads them; but a checked box is an X before its label, a ticker sits in square brackets, and
the only dates above Table I are box 3's and, on an amendment, box 4's. Where the pattern finds
its evidence it is taken over the model's reading, which mistakes an unchecked label for a
checked one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from rapidfuzz import fuzz

from form4.extractor.model.answers import ROLE_LABELS, Role
from form4.validators.rules.owner import (
    CARE_OF,
    UNIT_LINE,
    letters,
    printed_city_lines,
    street_fragments,
    zip_places,
)

DATE = re.compile(r"(?<![\d/])([0-9oO]{1,2})\s?/\s?([0-9oO]{1,2})\s?/\s?([0-9oO]{4})(?![\d/])")
_MARK = r"(?<![A-Za-z0-9])(?:[Xx]{1,2}|XK|K(?=\s))[\s_.,)\]|]*"
"""A box's X as OCR prints it: doubled ("XX", "XK"), a K for it ("K Drector"), with a bracket
or a speck after it ("X) Director", "X , Director", "X .Director", "X.. Other"): lnkd_2012-04-02,
yhoo_2013-03-31 and msft_2017-08-30 printed medium, synthetic heavy scans. Not after a digit
("Section 3X) of the Investment Company Act")."""
_ROLE_WORDS: tuple[tuple[Role, str], ...] = (
    ("director", "director"),
    ("officer", "officer"),
    ("other", "other"),
)
_NEAR_LABEL = 65
_LABEL_MARGIN = 15
"""Letters in common with a label, in percent, and the lead over the next label: "oretor" is 71
Director and at most 55 another; "oieccr" (57 Director, 62 Officer) is no label's."""
_ADDRESS_LABELS = re.compile(r"\(?\b(?:Last|First|Middle|Street|City|State|Zip)\)", re.IGNORECASE)
_SYMBOL = r"[A-Z][A-Z0-9!|.\-]{0,9}"
_TICKER = re.compile(rf"(?:\[\s*|[{{(]\s*(?={_SYMBOL}\s*\]))({_SYMBOL})\s*[\]}}]")
"""Box 2's bracketed symbol; OCR reads the closing bracket as a brace as often as not, the
opening one as a brace where the closing one is whole ("{ OCO]", synthetic 047_heavy), and an
I as "!" or "|", which no symbol holds."""
_TICKER_UNOPENED = re.compile(rf"(?<=\s)({_SYMBOL})\s*\](?!\S)")
"""The symbol where OCR read the opening bracket as a rule, which the cleaning drops ("Ltd.
CMMB ]", cmmb_2021-03-16 printed medium; "COOK]", synthetic 051_heavy; "AMH ]", drawn
007_heavy): only where no bracketed one is printed, since a stray "I ]" may come before it
(yelp_2013-03-08 printed light)."""


def ticker_at(header: str) -> re.Match[str] | None:
    """Where box 2's symbol is printed, the symbol its first group."""
    return _TICKER.search(header) or _TICKER_UNOPENED.search(header)


def ticker_line(lines: Sequence[str]) -> tuple[int, re.Match[str]] | None:
    """The line of ``lines`` that prints box 2's symbol, and where on it, read as
    :func:`ticker_at` reads the whole header: a bracketed symbol before an unopened one."""
    for pattern in (_TICKER, _TICKER_UNOPENED):
        for index, line in enumerate(lines):
            if found := pattern.search(line):
                return index, found
    return None


_TICKER_I = str.maketrans("!|", "II")


def box_dates(header: str) -> list[str]:
    """Every valid date printed above Table I, as MM/DD/YYYY, in printed order: a day OCR
    misread past its month's end ("02/41/2020") is no date and is left out, since one bad box
    date must not cost the whole filing."""
    dates = []
    for match in DATE.finditer(header):
        month, day, year = (part.replace("o", "0").replace("O", "0") for part in match.groups())
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            continue
        dates.append(f"{int(month):02d}/{int(day):02d}/{year}")
    return dates


def checked_roles(header: str) -> set[Role] | None:
    """The box 5 labels an X stands right before, or None when no such mark is found.

    The first "below)" after an X is the officer's: OCR often keeps only the tail of "Officer
    (give title below)". A label OCR garbled ("X Oirector", "X Owector") is still the one its
    letters are nearest, when they are near one and far from the others.
    """
    found: set[Role] = set()
    for role, label in ROLE_LABELS:
        if re.search(_MARK + rf"(?:{label})", header):
            found.add(role)
    for word in re.findall(_MARK + r"([A-Za-z]{5,})", header):
        scores = {role: fuzz.ratio(word.casefold(), label) for role, label in _ROLE_WORDS}
        best, score = max(scores.items(), key=lambda item: item[1])
        if score >= _NEAR_LABEL and all(
            score - other >= _LABEL_MARGIN for role, other in scores.items() if role != best
        ):
            found.add(best)
    return found or None


_JOINT_FILING = re.compile(
    _MARK + r"[^\w\s]*_*\s*F\S{0,4}\s+\S+\s+[bt]y\s+Mor\w?\s+th[ae]n\s+One\b"
)
"""Box 6's X before "Form filed by More than One Reporting Person", as OCR prints it ("_X._Foem
tied by More than One", "x? Form filed by More": synthetic 055_heavy; "XX Form filed ty Mor\u00e9
than One": 039_heavy)."""


def joint_filing(header: str) -> bool:
    """Whether box 6 says the form is filed by more than one reporting person."""
    return bool(_JOINT_FILING.search(header))


_PLAN_BOX = re.compile(
    r"^(?P<before>[^\n]*?)Che\w*\s+th\w*\s+box\s+to\s+indicate\b", re.IGNORECASE | re.MULTILINE
)
"""The Rule 10b5-1 box of forms since 2023: "Check this box to indicate that a transaction was
made pursuant to a contract, instruction or written plan ... Rule 10b5-1(c)"."""


def plan_box(header: str) -> bool | None:
    """Whether the Rule 10b5-1 box is checked: an X before its caption; None on a form that
    prints no such box (or whose caption OCR lost), which then states nothing."""
    found = _PLAN_BOX.search(header)
    if found is None:
        return None
    return bool(re.search(_MARK + "$", found["before"]))


def printed_ticker(header: str) -> str | None:
    match = ticker_at(header)
    return match.group(1).translate(_TICKER_I) if match else None


def issuer_as_printed(header: str, answer: str) -> str | None:
    """Box 2's issuer name as printed right before its bracketed ticker, where the model's name
    runs on past it: a small model copies the name from a care-of line ("C/O LINKEDIN
    CORPORATION" for LINKEDIN CORP [LNKD]). The printed name starts with the answer's first
    word; the words before it are box 1's."""
    match = ticker_at(header)
    first = letters(answer.split()[0]) if answer.split() else ""
    if match is None or not first:
        return None
    line = header[header.rfind("\n", 0, match.start()) + 1 : match.start()]
    words = [word for word in line.split() if letters(word)]
    for start in range(len(words) - 1, -1, -1):
        printed = " ".join(words[start:])
        if letters(words[start]) != first:
            continue
        wanted, shown = letters(answer), letters(printed)
        return printed if shown != wanted and wanted.startswith(shown) else None
    return None


def boxes_for_model(header: str) -> str:
    """The boxes without the address labels under box 1's lines ("(Last) (First) (Middle)",
    "(Street)", "(City) (State) (Zip)"): interleaved with the values by OCR, they are what a
    small model most often copies into a street or a name."""
    return re.sub(r"[^\S\n]{2,}", " ", _ADDRESS_LABELS.sub(" ", header))


def city_line(boxes: str) -> tuple[str, str, str] | None:
    """City, state and ZIP when a line of box 1 begins with them cleanly ("WESTFORD MA 01886"),
    with the rest of the city where it wrapped onto a line of its own below.

    Box 1 is the form's left column, so its last address line begins an OCR line; with a real
    state code (OCR may print it in lower case, "sc") and a five-digit ZIP after it, the
    reading is certain, as a model's is not.
    """
    return next(printed_city_lines(boxes), None)


_ZIP = re.compile(r"(?<![\d.,/$-])(\d{5})(?:-\d{4})?(?![\d,/])")
_MASTHEAD_ZIP = "20549"
"""The Commission's own ZIP code, printed in the form's masthead ("Washington, D.C. 20549")."""
_MASTHEAD = re.compile(r"Washington,?\s*D\.\s?C\.", re.IGNORECASE)
"""The masthead's city, whatever OCR made of its ZIP ("20548"): an owner's city line as EDGAR
prints it has no full stops."""
_CITY_HEAD = 5
"""Letters of a city's name that must be printed before its ZIP code for the ZIP to name it."""


def zip_city_line(boxes: str) -> tuple[str, str, str] | None:
    """City, state and ZIP where only the city's first letters are printed before a ZIP code
    ("WESTFO ת מפר IA 01886", "WESTF(01886"): the ZIP's USPS place completes them.

    OCR garbles box 1's last line more than any other, and a model then takes the ZIP for the
    state and a garbled word for the city. A ZIP names one place (or a few, all listed), and
    the printed head of that place's name ties the ZIP to this line; the USPS table ships with
    ``zipcodes``, so no lookup leaves the machine.
    """
    for line in boxes.splitlines():
        if _MASTHEAD.search(line):
            continue
        for found in _ZIP.finditer(line):
            if found.group(1) == _MASTHEAD_ZIP:
                continue
            head = line[: found.start()]
            for city, state in zip_places(found.group(1)):
                begins = city.replace(" ", "")[:_CITY_HEAD]
                printed = re.search(
                    r"(?<![A-Za-z])" + r"\s*".join(map(re.escape, begins)), head, re.IGNORECASE
                )
                if printed:
                    name = city.upper() if printed.group(0).isupper() else city
                    return name, state, found.group(1)
    return None


def with_house_number(street: str | None, boxes: str) -> str | None:
    """The street line with the house number printed right before it, where the model left the
    number out: beside box labels numbered "3." and "4.", a small model takes a lone "4" for one
    of them ("C/O SONUS NETWORKS, INC. 4 TECHNOLOGY PARK DRIVE" gave "TECHNOLOGY PARK DRIVE")."""
    if not street or street[0].isdigit():
        return street
    found = re.search(rf"(?<![\w.,/$-])(\d{{1,6}}[A-Z]?) +{re.escape(street)}", boxes)
    return f"{found.group(1)} {street}" if found else street


def without_stray_letters(street: str | None, issuer_name: str | None) -> str | None:
    """A care-of street line without the letters OCR let fall into it, where what is left names
    the issuer as box 2 prints it ("C/O SONUS I NETWORKS, INC." for SONUS NETWORKS INC): an
    officer's mail goes in care of the issuer, so its name tells which letters belong."""
    if not street or not issuer_name or not CARE_OF.match(street):
        return street
    stray = set(street_fragments(street))
    kept = [token for token in street.split() if token not in stray]
    if not stray or letters(" ".join(kept)) != "co" + letters(issuer_name):
        return street
    return " ".join(kept)


def without_issuer(name: str, issuer_name: str) -> str:
    """The owner's name without the issuer's name after it ("Rabois Keith YELP INC" for YELP
    INC): box 1's name and box 2's issuer are printed side by side, OCR joins them into one line,
    and a small model copies the line whole. Only the issuer's whole name, at the end, after at
    least two words of the owner's; otherwise the name stands."""
    words = name.split()
    issuer = letters(issuer_name)
    for cut in range(2, len(words)):
        if issuer and letters(" ".join(words[cut:])) == issuer:
            return " ".join(words[:cut])
    return name


def split_at_issuer(joined: str, ticker: str | None) -> tuple[str, str] | None:
    """Box 1's name and box 2's issuer name that OCR printed as one ("THIEL PETER Chemomab
    Therapeutics Ltd."), cut where the issuer's name begins: at the one word, after at least two
    of the owner's, that begins with the ticker's first letter and from which the ticker's
    letters follow in order (CMMB in "Chemomab Therapeutics", FWRD in "FORWARD AIR CORP"). A
    ticker is mostly an abbreviation of its issuer's name; where it is not ("Block, Inc." for
    SQ), or where two words qualify, there is no cut."""
    symbol = letters(ticker or "")
    words = joined.split()
    starts = [
        at
        for at in range(2, len(words))
        if symbol
        and len(letters(words[at])) > 1  # a middle initial ends the owner's name
        and letters(words[at])[:1] == symbol[0]
        and _in_order(symbol, letters(" ".join(words[at:])))
    ]
    if len(starts) != 1:
        return None
    return " ".join(words[: starts[0]]), " ".join(words[starts[0] :])


def _in_order(wanted: str, text: str) -> bool:
    remaining = iter(text)
    return all(letter in remaining for letter in wanted)


def _starts(lines: list[str], value: str | None) -> int | None:
    """The first of box 1's lines that begins with ``value`` as the model gave it."""
    if not value:
        return None
    wanted = " ".join(value.split()).casefold()
    for at, line in enumerate(lines):
        if line.casefold().startswith(wanted):
            return at
    return None


def _care_of(line: str, issuer_name: str) -> str | None:
    """The line's "C/O" and the issuer's name as printed, without what other boxes add after."""
    if not CARE_OF.match(line):
        return None
    words = line.split()
    for end in range(2, len(words) + 1):
        if letters(" ".join(words[:end])) == "co" + letters(issuer_name):
            return " ".join(words[:end])
    return None


_NAME_LABELS = re.compile(r"Middle\)|First\)|\(Last\)", re.IGNORECASE)
STREET_LABEL = re.compile(r"^\W{0,4}\w{0,2}[rt]?e{1,2}t\)")
"""Box 1's "(Street)" label as OCR prints it: "treet)", "Gtreet)", "Sweet).", "Gueet)"."""
_RIGHT_OF_STREET = re.compile(
    rf"(?<!\S)3\s?[.,-]+\s*-?\s*[A-Z][a-z]|\bDate of\b|{DATE.pattern}"
    r"|(?:\b[Xx]\b[\s_]*)?\b(?:Officer|Director|10% Owner|Other)\b"
)
"""What boxes 3 and 5 print right of box 1's street lines: box 3's label ("3. Date of Earliest
Transaction", "3. Dawe of") or date, box 5's labels."""
_LEADING_SPECKS = re.compile(r"^[\W_]+")
_TRAILING_SIGNS = " :;|~_'\"-"
_TRAILING_SPECK = re.compile(r"(?<!\S)(?:[^\w\s]+|\w)$")
"""A sign or a lone character OCR left after the line, as box 3's column begins."""
_UNIT_WORD = re.compile(
    r"(?:APT|SUITE|STE|UNIT|FLOOR|FL|ROOM|RM|NO|BUILDING|BLDG|TOWER|WING|#)\.?$", re.IGNORECASE
)
"""A word a unit's number or letter follows ("Apt. 7", "BUILDING N"): that character is no speck."""
_MAX_STREET_LINES = 2


def street_lines(header: str) -> list[str] | None:
    """Box 1's street lines as printed: every line between the name's labels ("(Last) (First)
    (Middle)") and "(Street)", up to where boxes 3 and 5 begin on it. None where either label is
    not found or more lines than EDGAR prints stand between them; a line of box 1 is its own
    OCR line, so what a model splits or leaves out there is read as printed."""
    lines = header.splitlines()
    names = [i for i, line in enumerate(lines) if _NAME_LABELS.search(line)]
    if not names:
        return None
    end = next(
        (i for i, line in enumerate(lines) if i > names[0] and STREET_LABEL.match(line)), None
    )
    if end is None:
        return None
    found = []
    for line in lines[names[0] + 1 : end]:
        right = _RIGHT_OF_STREET.search(line)
        street = _without_trailing_specks(
            _LEADING_SPECKS.sub("", line[: right.start()] if right else line)
        )
        if street:
            found.append(street)
    if not 1 <= len(found) <= _MAX_STREET_LINES or any(map(street_fragments, found)):
        return None
    return found


def _without_trailing_specks(street: str) -> str:
    """ "178 Susan Rapids i" as "178 Susan Rapids"; "Apt. 7" keeps its number."""
    street = street.rstrip(_TRAILING_SIGNS)
    while (speck := _TRAILING_SPECK.search(street)) and not _UNIT_WORD.search(
        street[: speck.start()].rstrip()
    ):
        street = street[: speck.start()].rstrip(_TRAILING_SIGNS)
    return street


def in_printed_order(
    street1: str | None, street2: str | None, boxes: str, issuer_name: str
) -> tuple[str | None, str | None]:
    """Box 1's street lines in the order printed, with the care-of line above or the unit line
    below that the model left out.

    Box 1 is the form's left column, so each of its lines begins an OCR line; a small model
    still gives the unit before the street ("APT. 874" as the first line) and drops a care-of
    line or a unit beside the text of boxes 3 and 5. Only lines printed right above or below
    the street the model gave are taken, and a care-of line only where it names the issuer.
    """
    lines = [re.sub(r"^[^\w#]+", "", line) for line in boxes.splitlines()]
    first, second = _starts(lines, street1), _starts(lines, street2)
    if first is not None and second is not None and second < first:
        return street2, street1
    if street1 is None or street2 is not None or first is None:
        return street1, street2
    above = _care_of(lines[first - 1], issuer_name) if first else None
    if above is not None and not CARE_OF.match(street1):
        return above, street1
    unit = UNIT_LINE.match(lines[first + 1]) if first + 1 < len(lines) else None
    if unit is not None and not UNIT_LINE.fullmatch(street1):
        return street1, unit.group(0)
    return street1, street2


_TITLE_HEADS = frozenset({"vp", "svp", "evp", "avp", "ceo", "cfo", "coo", "cto", "cao", "gc"})
"""Officer-title abbreviations that lead a title and a comma ("VP, Global Services")."""


def with_title_head(title: str | None, boxes: str) -> str | None:
    """The officer title with the abbreviation printed right before it and a comma, where the
    model left it out: OCR glues it to the label's last word ("belov vP, Global Services")."""
    if not title:
        return title
    found = re.search(rf"(?<![A-Za-z])([A-Za-z]{{2,3}}),\s*{re.escape(title)}", boxes)
    if found is None or found.group(1).casefold() not in _TITLE_HEADS:
        return title
    return f"{found.group(1).upper()}, {title}"
