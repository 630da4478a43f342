"""The signatures at the bottom of a Form 4, each a name and a date printed above "Signature of
Reporting Person", and the names box 1 prints, by which a garbled one is recognised.

OCR prints the signature block's columns into the lines of the remarks and the instructions, or
puts every value on a line of its own among stray table values, so a name is taken only where it
is whole and nothing beside it could be part of it. A name OCR garbled is still the reporting
person's when its letters are nearly those of one name in box 1, which an individual signs under;
the header's spelling is then the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from rapidfuzz import fuzz

from form4.extractor.readers.words import INSTRUCTION_WORDS, QUOTES, alnum, is_speck
from form4.extractor.text.sections import SIGNATURE_LABEL, Sections
from form4.schema import OwnerSignature

# --- Signatures ------------------------------------------------------------------------------

DATE = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)\d\d)(?![\d/])")
_SLASH_S = re.compile(
    rf"[_{QUOTES}]*(?:[/|Jjf\u00e9]?[sS][/!|f]|i[sS][/!|f]|/[sS])|[/|Jjfi\u00e9{QUOTES}][sS]i"
)
"""The conformed-signature mark "/s/" as OCR prints it ("Js!", "jsf", "\u00e9s/", "is/", "/s"
without its last stroke, "isi", "Jsi", "\u2018si" with an i for it); a lone "s" or the word
"is" never is."""
_BY = re.compile(r"\W*By\W*")
_BROKEN_HYPHEN = re.compile(r"(\w-)[ \t]+(?=[a-z])")
""""Attorney-in- fact": a space OCR put after a hyphen, inside one word."""
_GLUED_MARK = re.compile(r"(?<!\S)(/[sS]/)(?=[A-Z])")
"""A "/s/" printed against the name it signs ("/s/Adeoye Olukotun"): the mark is a word."""
_GLUED_COMMA = re.compile(r"(?<=[A-Za-z.]),(?=[A-Z])|(?<=By:)(?=/[sS]/)")
"""A comma or a "By:" OCR printed without the space after it ("Partners IV,L.P.,", "LLC,
By:/s/": synthetic 026_medium drawn with another seed): two words of the name."""
_INITIAL = re.compile(r"([A-Z])[:;]")
_ROMAN = re.compile(r"[IVX][IVXil]{1,3},?")
_LINKS = (
    "its",
    "of",
    "and",
    "&",
    "for",
    "on",
    "behalf",
    "pursuant",
    "to",
    "a",
    "as",
    "by",
    "power",
    "attorney",
)
"""The small words of a signature made for another: an entity's ("its General Partner"), an
attorney's ("Attorney-in-Fact for Reid Hoffman", "on behalf of", "pursuant to a Power of
Attorney", "by power of attorney for Reid Hoffman")."""
_NAME_WORD = re.compile(
    r"(?:[A-Z][a-zA-Z'\u2019-]*[a-z][a-zA-Z'\u2019-]*|[A-Z][a-z]{1,2}\.|[A-Z]{2,}|(?:[A-Z]\.)+"
    r"|[A-Z]|" + "|".join(_LINKS) + ")[,;]?"
)
"""A word of a printed signature: a capitalised word, an initial (with or without its full
stop), an acronym (LLC, L.P., IV), or one of the small words that link a signer to the person."""
_FIXED_WORDS = ("Attorney-in-Fact",)
_NOT_NAMES = frozenset({"Date", "Remarks", "Signature"})
_SPECK_INITIAL = re.compile(r"[^\s.]?\.")
"""What OCR leaves of an initial: its full stop, with or without a speck for the letter."""
_LETTER = re.compile(r"[A-Z]|[b-z]")
"""A lone letter after a name: a capital, or a small letter but the link word "a", is a speck
there ("Reid G. Hoffman i", msft_2017-08-30 printed medium)."""
_CAPITAL = re.compile(r"[A-Z]")
"""A lone capital right after a speck, at the start of a name's line: the speck's other half
(": A Member of Edenbrook Capital", mchx_2020-02-11 printed medium), no initial of the name."""
_STRAY = re.compile(r"[b-z0-9]")
"""A lone small letter or digit before a name: a speck OCR read as one ("i Edenbrook Capital",
"4 Jonathan Brolin": mchx_2020-02-11 printed medium), never a word of a name but the link "a"."""
_LOOSE_ENDS = frozenset({"/s/", "By:", *_LINKS})
_NAME_LINES = 5
"""Written lines from a signature's date line to its label's, both included: an entity's name
wraps over three more."""
_SIGNING_WINDOW = timedelta(days=366)
"""A Form 4 is due two business days after the transaction; a year covers late filings."""
_SAME_NAME = 90
"""Letters in common, in percent, for a garbled signature to be box 1's name: OCR's slips on a
name (a lost initial, "Chery!" for "Cheryl") leave more, another person's name far fewer."""


@dataclass(frozen=True)
class _Signed:
    """One signature as read: the name (None when it cannot be trusted) and the date."""

    name: str | None
    when: date | None


def signatures(rest: str, sections: Sections) -> list[OwnerSignature]:
    """A signature per label, in printed order, leaving out any whose name cannot be trusted.

    Each is read as printed on the form, name and date on one line, or, when OCR put every value
    on a line of its own, as the one name and the one plausible date of the block; the latter
    only for a single signature, since the values of several could not be told apart."""
    spans = _spans(rest)
    owners = _box_one_names(sections.header)
    signatures = []
    for before, after in spans:
        signed = _inline(before, owners)
        if signed is None and len(spans) == 1:
            signed = _scattered(before, after, sections, owners)
        if signed is not None and signed.name is not None:
            signatures.append(
                OwnerSignature(signature_name=signed.name, signature_date=signed.when)
            )
    return signatures


def _spans(text: str) -> list[tuple[str, str]]:
    """For each signature label, the text since the label before it and the text after it."""
    labels = list(SIGNATURE_LABEL.finditer(text))
    spans = []
    for index, label in enumerate(labels):
        start = labels[index - 1].end() if index else 0
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        spans.append((text[start : label.start()], text[label.end() : end]))
    return spans


def _inline(span: str, owners: Sequence[Sequence[str]]) -> _Signed | None:
    """The signature of a block printed as on the form: the name and date on one line, the name
    wrapping onto the lines below down to the label. What cannot be read as part of the name is
    allowed below it only once the name is complete (the margin's specks); a name that cannot
    be read is taken from box 1 when it is the reporting person's."""
    found = _signature_line(span)
    rejoined = found is None
    if rejoined:
        span = _date_rejoined(span)
        found = _signature_line(span)
    if found is None:
        return None
    index, match = found
    lines = span.split("\n")
    before = _after_instructions(lines[index][: match.start()])
    below = [name_run(_after_instructions(line)) for line in lines[index + 1 :]]
    name = _read_name(name_run(before), below)
    if name is not None:
        signed = name[0] == "/s/"
        name = _from_box_one(signed, name[signed:], owners) or name
    elif not any(below):
        name = _from_box_one(*_garbled_name(before), owners)
    if rejoined and not name:
        return None
    return _Signed(" ".join(name) if name else None, _valid_date(match))


def _date_rejoined(span: str) -> str:
    """The block with a date that OCR printed on a line of its own, between two lines of the
    name beside it, put back at the end of the name's first line ("/s/ Michael Johnson as",
    "05/17/2018", "attomey-in-fact for Peter Thiel": fb_2018-05-15 printed medium). Only where
    the line above is a name cut off ("as", "for", a "/s/" alone): a whole name beside dates
    strewn from the tables is the scattered layout's (:func:`_scattered`)."""
    lines = span.split("\n")
    written = [index for index, line in enumerate(lines) if line.strip()][-_NAME_LINES:]
    for above, at in list(pairwise(written))[::-1]:
        alone = DATE.fullmatch(lines[at].strip(" .,:;"))
        cut = name_run(_after_instructions(lines[above]))
        if alone and at != written[-1] and cut and not _complete(cut):
            lines[above] = f"{lines[above].rstrip()} {alone.group()}"
            return "\n".join(lines[: above + 1] + lines[at + 1 :])
    return span


def _signature_line(span: str) -> tuple[int, re.Match[str]] | None:
    """The line where the name is printed beside the date: the last date in the block with
    writing before it on its line, no further above the label than a name wraps."""
    lines = span.split("\n")
    near = [index for index, line in enumerate(lines) if line.strip()][-_NAME_LINES:]
    found = [
        (index, match)
        for index in near
        for match in DATE.finditer(lines[index])
        if not all(is_speck(token) for token in lines[index][: match.start()].split())
    ]
    return found[-1] if found else None


def _read_name(first: list[str] | None, below: Sequence[list[str] | None]) -> list[str] | None:
    if not first:
        return None
    name = list(first)
    for run in below:
        if run is None and not _complete(name):
            return None
        if run is None:
            break
        name += run
    return name if _complete(name) else None


def _scattered(
    before: str, after: str, sections: Sections, owners: Sequence[Sequence[str]]
) -> _Signed | None:
    """The signature of a block OCR split into one value per line, with table values strewn
    among them: the only line above the label that is a whole name (or box 1's name garbled)
    and no table's words ("Common Stock"), with the block's signing date."""
    name = _only_name(before.split("\n"), owners)
    if name is None or _letters([name]) in _letters([sections.table_i + sections.table_ii]):
        return None
    return _Signed(name, _signing_date(before + "\n" + after, sections))


def _signing_date(block: str, sections: Sections) -> date | None:
    """The one date alone on its line in the block that can be the signing date, and, when
    several can, not one of the tables' dates.

    A form is signed on or after the earliest transaction (box 3), and within a year of the
    last date of the boxes (box 4's original filing, for an amendment): an expiration date years
    ahead, strewn into the block from Table II, is no signing date."""
    dates = set()
    for line in block.split("\n"):
        match = DATE.fullmatch(line.strip(" .,:;"))
        if match and (when := _valid_date(match)) is not None:
            dates.add(when)
    boxes = _dates_in(sections.header)
    if boxes:
        dates = {when for when in dates if min(boxes) <= when <= max(boxes) + _SIGNING_WINDOW}
    if len(dates) > 1:
        dates -= _dates_in(sections.table_i + sections.table_ii)
    return dates.pop() if len(dates) == 1 else None


def _only_name(lines: Sequence[str], owners: Sequence[Sequence[str]]) -> str | None:
    names = []
    for line in lines:
        words = [canonical(token) for token in line.split()]
        if words and all(_is_name_word(word) for word in words) and _complete(words):
            names.append(words)
    if not names:
        names = [name for line in lines if (name := _from_box_one(*_line_name(line), owners))]
    return " ".join(names[0]) if len(names) == 1 else None


def _line_name(line: str) -> tuple[bool, list[str]]:
    words = [word for word in line.split() if not is_speck(word)]
    signed = bool(words) and canonical(words[0]) == "/s/"
    return signed, words[signed:]


def canonical(token: str) -> str:
    """A word of the signature block as printed, where OCR slipped on a fixed shape: the "/s/"
    mark, "By:", an initial's full stop read as a colon, a Roman numeral's I read as l."""
    if _SLASH_S.fullmatch(token):
        return "/s/"
    if _BY.fullmatch(token):
        return "By:"
    if _INITIAL.fullmatch(token):
        return token[0] + "."
    if _ROMAN.fullmatch(token):
        return token.replace("l", "I").replace("i", "I")
    core, comma = (token[:-1], ",") if token.endswith(",") else (token, "")
    for word in _FIXED_WORDS:
        if fuzz.ratio(core.casefold(), word.casefold()) >= 85:
            return word + comma
    return token


def _is_name_word(token: str) -> bool:
    return token in {"/s/", "By:"} or (
        bool(_NAME_WORD.fullmatch(token)) and token.rstrip(",") not in _NOT_NAMES
    )


def _ends_text(token: str) -> bool:
    """Whether a token is the last of the left-hand column's text rather than a misread part of
    the name beside it: a lower-case word, or a sentence's or a title's last word."""
    return bool(
        re.fullmatch(r"[a-z][a-z'-]{3,}\W*", token)
        or (re.search(r"[a-z\d)][.:]$", token) and alnum(token) >= 2)
    )


def name_run(text: str) -> list[str] | None:
    """The signature's words at the end of a piece of line, read backwards from its end.

    None when the word before them is neither the end of other text nor a speck (or a stray
    letter or digit), or a speck splits the name: a garbled "/s/" or initial may be there, so
    the name cannot be trusted."""
    tokens = [canonical(token) for token in _signature_words(text)]
    while tokens and (is_speck(tokens[-1]) or _LETTER.fullmatch(tokens[-1])):
        tokens.pop()
    run: list[str] = []
    while tokens:
        token = tokens.pop()
        if _is_name_word(token):
            run.insert(0, token)
            if token == "/s/" and not (tokens and tokens[-1] == "By:"):
                return run
        elif is_speck(token) or _STRAY.fullmatch(token):
            words = [word for word in tokens if not is_speck(word)]
            if run and words and _is_name_word(words[-1]):
                return None
            return run[1:] if len(run) > 1 and _CAPITAL.fullmatch(run[0]) else run
        else:
            return run if _ends_text(token) else None
    return run


def _signature_words(text: str) -> list[str]:
    parted = _GLUED_MARK.sub(r"\1 ", _BROKEN_HYPHEN.sub(r"\1", text))
    return _GLUED_COMMA.sub(lambda glued: f"{glued.group()} ", parted).split()


def _complete(name: Sequence[str]) -> bool:
    """A whole signature: nothing cut off at either end, a person's name after the last "/s/",
    and an entity's "By:" followed by such a signature."""
    if len(name) < 2 or name[-1] in _LOOSE_ENDS or name[0] == "By:":
        return False
    if name[0].endswith((",", ";")) or name[-1].endswith((",", ";")):
        return False
    if "By:" in name and "/s/" not in name[_last(name, "By:") :]:
        return False
    return _person(name[_last(name, "/s/") :] if "/s/" in name else name)


def _last(words: Sequence[str], word: str) -> int:
    """The position just after the last occurrence of a word."""
    return len(words) - list(reversed(words)).index(word)


def _person(words: Sequence[str]) -> bool:
    """A person's name: two capitalised words or more before any title after a comma, or before
    the words that say for whom they sign ("on behalf of")."""
    name = []
    for word in words:
        if word in _LINKS:
            break
        name.append(word)
        if word.endswith((",", ";")):
            break
    return len(name) >= 2 and all(word[0].isupper() for word in name)


def _after_instructions(text: str) -> str:
    matches = list(INSTRUCTION_WORDS.finditer(text))
    return text[matches[-1].end() :] if matches else text


def _valid_date(match: re.Match[str]) -> date | None:
    month, day, year = (int(group) for group in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str) -> set[date]:
    return {when for match in DATE.finditer(text) if (when := _valid_date(match)) is not None}


# --- Names from box 1 ------------------------------------------------------------------------

_BOX_ONE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*\.?")
_BOX_ONE_INITIAL = re.compile(r"[A-Z]\.?")


def _box_one_names(header: str) -> list[list[str]]:
    """The runs of words in the header that may be a name as box 1 prints it, "Last First" and
    a middle initial if one follows, each reordered as it is signed."""
    names = []
    for line in header.split("\n"):
        words = line.split()
        for i in range(len(words) - 1):
            last, first, *more = words[i : i + 3]
            if not (_BOX_ONE_WORD.fullmatch(last) and _BOX_ONE_WORD.fullmatch(first)):
                continue
            middle = more if more and _BOX_ONE_INITIAL.fullmatch(more[0]) else []
            names.append([first, *middle, last])
    return names


def _garbled_name(text: str) -> tuple[bool, list[str]]:
    """The words of a name at the end of text however OCR garbled them, back to the end of the
    left-hand column's text, a single stray letter, or a "/s/" (and whether there was one). A
    speck with a full stop inside the name stays a word: it is what OCR leaves of an initial
    ("Peter |. Cohen", "Peter . Cohen")."""
    tokens = _signature_words(text)
    while tokens and alnum(tokens[-1]) <= 1:
        tokens.pop()
    words: list[str] = []
    signed = False
    while tokens and len(words) < 5:
        token = tokens.pop()
        if canonical(token) == "/s/":
            signed = True
            break
        if _ends_text(token) or (alnum(token) == 1 and not _is_name_word(token)):
            break
        if not is_speck(token) or _SPECK_INITIAL.fullmatch(token):
            words.insert(0, token)
    while words and _SPECK_INITIAL.fullmatch(words[0]):
        words.pop(0)
    return signed, words


def _from_box_one(
    signed: bool, words: Sequence[str], names: Sequence[Sequence[str]]
) -> list[str] | None:
    """A signer's name OCR garbled, spelled as box 1 prints the same person's name.

    An individual signs their own filing under the name box 1 gives, so when the garbled
    letters are nearly those of one name in the header, the header's spelling is the name; an
    attorney-in-fact or an entity matches nothing there and stays unread. Box 1's middle
    initial is kept where the signature has as many words as the name with it, and else where
    its letters are nearer that name than the one without: many sign without theirs, and a name
    is never given a word it was not signed with."""
    letters = _letters(words)
    if len(letters) < 6:
        return None
    best: dict[tuple[str, str], tuple[tuple[bool, float], list[str]]] = {}
    for name in names:
        person = (name[0], name[-1])
        for spelled in (name, [name[0], name[-1]]):
            score = fuzz.ratio(letters, _letters(spelled))
            fit = (len(spelled) == len(words), score)
            if score >= _SAME_NAME and (person not in best or fit > best[person][0]):
                best[person] = fit, spelled
    if len(best) != 1:
        return None
    ((_, name),) = best.values()
    signed_name = [_as_signed(word) for word in name]
    return ["/s/", *signed_name] if signed else signed_name


_SAME_SHAPE = str.maketrans("l", "i")


def _letters(words: Sequence[str]) -> str:
    """A name's letters, with the ones OCR reads for each other made one ("Marshali'" for
    Marshall, "Wiiliarns" for Williams), so that a garbled signature is compared by its shape."""
    folded = re.sub(r"[^a-z]", "", " ".join(words).casefold())
    return folded.replace("rn", "m").translate(_SAME_SHAPE)


def _as_signed(word: str) -> str:
    word = word.rstrip(".")
    if len(word) == 1:
        return word.upper() + "."
    return word.title() if word.isupper() or word.islower() else word
