"""The staged method: read by pattern what the form's layout makes certain, ask the model only
for the rest, in small requests.

Generating tokens is what costs on a CPU (each one a forward pass of the model), and the text a
filer wrote (footnotes, remarks, the signature) is copied, not understood. So the footnotes,
remarks and signature are read by pattern, the boxes above Table I and the table lines where
the print leaves no choice are taken as read, and the model gets two kinds of short request:
the boxes (names, addresses, relationship) where the patterns did not read them whole, and each
table line the patterns could not read. Every request starts
with the same fixed messages (instructions and one example of each kind), which llama.cpp keeps
evaluated in its KV cache from one request and one filing to the next. A line that no request
could read is reported as a conflict, never dropped in silence.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from form4.edgar_xml import xml_path
from form4.errors import BackendError, one_line
from form4.extractor.assembly.mark_numbers import mark_numbers
from form4.extractor.assembly.meaning import notes_by_meaning, unsettled_marks
from form4.extractor.assembly.overrides import layout_repairs
from form4.extractor.assembly.pairs import paired_codes
from form4.extractor.assembly.placement import (
    TABLE_ELEMENTS,
    known_transaction_date,
    unprinted_in_boxes,
    unprinted_in_line,
    unread_in_tables,
    with_thousands_printed,
    without_unprinted_dates,
)
from form4.extractor.assembly.provenance import Origin, Origins, line_region
from form4.extractor.model.answers import (
    HeaderAnswer,
    bounded_header_schema,
    row_answer_model,
    row_answer_schema,
    row_cells,
    schema_row,
)
from form4.extractor.model.asking import NoAnswer, ask
from form4.extractor.model.calls import CallStats, ModelCaller
from form4.extractor.model.prompts import prompt_file
from form4.extractor.readers.boxes import (
    box_dates,
    boxes_for_model,
    checked_roles,
    city_line,
    in_printed_order,
    issuer_as_printed,
    joint_filing,
    plan_box,
    printed_ticker,
    split_at_issuer,
    street_lines,
    with_house_number,
    with_title_head,
    without_issuer,
    without_stray_letters,
    zip_city_line,
)
from form4.extractor.readers.cells import normalise_line
from form4.extractor.readers.marks import marks_as_printed
from form4.extractor.readers.names import read_boxes
from form4.extractor.readers.notes import Notes, read_notes
from form4.extractor.readers.owners import LISTED_FIELDS, table_owners
from form4.extractor.readers.rows import (
    TEXT_COLUMNS,
    RowReading,
    code_column_letter,
    columns,
    completed_answer,
    holder_mark_garbled,
    nature_as_printed,
    printed_date,
    read_rows,
    with_holder_as_printed,
    with_printed_code,
    with_printed_dates,
    with_printed_exercise_date,
    with_printed_ownership,
)
from form4.extractor.readers.titles import (
    completed_title,
    with_classes_completed,
    with_printed_title,
    with_right,
    without_unprinted_words,
    wrapped_right,
)
from form4.extractor.text.sections import Sections, split_sections
from form4.result import Conflict, Repair
from form4.schema import (
    Cell,
    DerivativeHolding,
    DerivativeTransaction,
    DocumentType,
    Form4Filing,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnerSignature,
    ReportingOwner,
)
from form4.settings import Settings
from form4.validators.labels import FORM_LABEL
from form4.validators.lines import Table, item
from form4.validators.rules.owner import letters
from form4.validators.source_text import absence

HEADER_MAX_TOKENS = 400
ROW_MAX_TOKENS = 256

_ROW_LISTS: dict[type[BaseModel], str] = {
    NonDerivativeTransaction: "non_derivative_transactions",
    NonDerivativeHolding: "non_derivative_holdings",
    DerivativeTransaction: "derivative_transactions",
    DerivativeHolding: "derivative_holdings",
}
_REQUESTS = {"header": "Boxes 1-6:", "I": "A line of Table I:", "II": "A line of Table II:"}


EXAMPLES = (
    ("header", "header"),
    ("I", "row_i"),
    ("I", "holding_i"),
    ("I", "conversion_i"),
    ("I", "garbled_i"),
    ("II", "row_ii"),
    ("II", "conversion_ii"),
)
"""The worked examples in the prefix: the kind of request and the stem of its prompt files.

Besides a plain line of each table, a conversion of preferred stock (made up, shaped like the
lines of the real filings' dev half that most often went to the model) shows what OCR does to
them: a title and a holder's name wrapped onto the lines below, footnote marks standing alone
in the price and date cells, the ownership cell's I printed as "|", a code letter doubled. With
them, micro F1 on the dev half rose from 0.630 to 0.681 (light scans 0.753 to 0.895). A line
of a scan (made up too) shows the garbles a small model copied or took for values: a speck
before the date, a code letter with its mark garbled ("si)"), the D of (A)/(D) with a speck
("Do"), the ownership cell's I printed as "1", a holder's name wrapped below a speck. With it,
micro F1 on the dev half rose from 0.794 to 0.800 (recall 0.738 to 0.750), wrong values
unflagged 9 to 7."""


@cache
def fixed_messages() -> tuple[dict[str, str], ...]:
    """Instructions and worked examples of each request: the prefix every request shares."""
    messages = [{"role": "system", "content": prompt_file("staged_system.md").strip()}]
    for kind, stem in EXAMPLES:
        example = prompt_file(f"staged_{stem}_example.txt").strip()
        answer = prompt_file(f"staged_{stem}_example.json").strip()
        messages.append({"role": "user", "content": f"{_REQUESTS[kind]}\n{example}"})
        messages.append({"role": "assistant", "content": answer})
    return tuple(messages)


def request_messages(kind: str, text: str) -> list[dict[str, str]]:
    return [*fixed_messages(), {"role": "user", "content": f"{_REQUESTS[kind]}\n{text.strip()}"}]


class BudgetSpent(Exception):
    """The filing's model time or tokens are spent: the rest is reported, not asked."""


class StagedReading(NamedTuple):
    filing: Form4Filing
    unread: list[Conflict]
    """The lines neither the patterns nor the model could read."""
    repairs: list[Repair]
    """Where the layout's evidence overrode what the model answered."""
    origins: Origins
    """Which reader read each part of the filing, and where."""


class StagedReader:
    """Reads one cleaned filing text with the patterns and a model caller."""

    def __init__(self, caller: ModelCaller, settings: Settings) -> None:
        self.caller = caller
        self.settings = settings
        self._started = time.monotonic()
        self._longest = 0.0
        """The longest answer of the filing so far, in seconds: what the next may take."""

    def read(self, text: str, stats: CallStats) -> StagedReading:
        self._started = time.monotonic()
        self._longest = 0.0
        sections = split_sections(text)
        notes = read_notes(sections)
        boxes = boxes_for_model(sections.header)
        ticker = printed_ticker(sections.header)
        printed = read_boxes(sections.header, boxes, notes.signatures, ticker)
        if printed is None:
            header = self._boxes(stats, boxes)
            answered = [owner.owner() for owner in header.owners]
            issuer = header.issuer_record()
        else:
            answered, issuer = [printed.owner], printed.issuer
        symbol = ticker or issuer.issuer_trading_symbol
        joined = _split_joined(answered[0], issuer, symbol)
        beside = _without_issuer(joined.owner, joined.issuer.issuer_name)
        answered[0] = beside.owner
        issuer = joined.issuer
        owners = list(answered)
        city = city_line(boxes) or zip_city_line(boxes)
        owners[0] = _with_address(
            owners[0],
            boxes,
            issuer.issuer_name,
            notes.signatures,
            city,
            street_lines(sections.header),
        )
        roles = checked_roles(sections.header)
        listed = table_owners(sections.table_i + sections.table_ii, "10% owner" in (roles or ()))
        if len(owners) == 1 or len(listed) > 1:
            owners[0] = _with_roles(owners[0], roles)
        if len(listed) > 1:  # a joint filing: box 1 prints the first owner, the table them all
            owners = [owners[0], *listed[1:]]
        dates = box_dates(sections.header)
        conflicts = [
            *(_box_one_disagrees(owners[0], listed[0]) if len(listed) > 1 else []),
            *_owners_missing(sections.header, owners),
            *_signatures_unread(notes),
            *_footnotes_unread(notes),
        ]
        rows: dict[str, list[BaseModel]] = {name: [] for name in _ROW_LISTS.values()}
        read_rows_as_answered: dict[str, list[BaseModel]] = {name: [] for name in rows}
        asked: list[tuple[str, int, str]] = []
        dated: list[Repair] = []
        printed_on: dict[tuple[str, int], str] = {}
        garbled: dict[tuple[str, int], frozenset[str]] = {}
        by_pattern = (printed is not None, city is not None, roles is not None)
        origins = _box_origins(text, sections, *by_pattern, len(listed) > 1)
        for reading in read_rows(sections):
            read = self._row(reading, stats, conflicts)
            if read is not None:
                name = _ROW_LISTS[type(read.row)]
                rows[name].append(read.row)
                read_rows_as_answered[name].append(read.answered)
                if read.asked is not None:
                    asked.append((name, len(rows[name]), read.asked))
                if read.dated is not None:
                    dated.append(_date_repair(name, len(rows[name]), read))
                printed_on[name, len(rows[name])] = reading.line
                if reading.garbled:
                    garbled[name, len(rows[name])] = reading.garbled
                elif read.asked is not None and holder_mark_garbled(reading.line):
                    garbled[name, len(rows[name])] = frozenset({"natureOfOwnership"})
                region = line_region(text, reading.line, len(sections.header))
                origins.set(
                    f"{xml_path(Form4Filing, name)}[{len(rows[name])}]",
                    Origin(
                        "pattern" if read.asked is None else "model",
                        region or (len(sections.header), len(text)),
                    ),
                )
        _complete_option_titles(rows, sections)
        _complete_title_heads(rows, text)
        dated += _known_dates(rows, asked, printed_on, dates[:1])
        for name, index, _ in asked:
            rows[name][index - 1] = with_thousands_printed(rows[name][index - 1], text)
        period, period_repairs = (dates[0], []) if dates else _period_from_lines(rows)
        filing = Form4Filing(
            document_type=DocumentType.FORM_4A if len(dates) > 1 else DocumentType.FORM_4,
            period_of_report=period,
            date_of_original_submission=dates[1] if len(dates) > 1 else None,
            aff10b5_one=plan_box(sections.header),
            issuer=issuer.model_copy(
                update={
                    "issuer_name": issuer_as_printed(sections.header, issuer.issuer_name)
                    or issuer.issuer_name,
                    "issuer_trading_symbol": symbol,
                }
            ),
            reporting_owners=owners,
            footnotes=notes.footnotes,
            remarks=notes.remarks,
            owner_signatures=notes.signatures,
            **rows,
        )
        as_answered = filing.model_copy(
            update={
                "issuer": issuer,
                "reporting_owners": [answered[0], *owners[1:]],
                **read_rows_as_answered,
            }
        )
        for name, index, line in asked:
            conflicts += unprinted_in_line(getattr(filing, name)[index - 1], name, index, line)
        conflicts += unprinted_in_boxes(issuer.issuer_name, answered[0].rpt_owner_name, boxes)
        conflicts += unread_in_tables(filing, {"I": sections.table_i, "II": sections.table_ii})
        if ticker is not None:
            origins.set("issuer/issuerTradingSymbol", Origin("pattern", (0, len(sections.header))))
        repairs = [
            *joined.repairs,
            *beside.repairs,
            *dated,
            *period_repairs,
            *layout_repairs(as_answered, filing),
        ]
        printed_at = {
            f"{xml_path(Form4Filing, name)}[{index}]": line
            for (name, index), line in printed_on.items()
        }
        garbled_at = {
            f"{xml_path(Form4Filing, name)}[{index}]": columns
            for (name, index), columns in garbled.items()
        }
        filing, paired = paired_codes(
            filing,
            {
                f"{xml_path(Form4Filing, name)}[{index}]"
                for name, index, line in asked
                if code_column_letter(line) is None
            },
        )
        repairs += paired
        filing, renumbered = mark_numbers(filing, text)
        repairs += renumbered
        filing, meant = notes_by_meaning(filing, printed_at, text, garbled_at)
        conflicts += unsettled_marks(filing, printed_at, garbled_at)
        return StagedReading(filing, conflicts, [*repairs, *meant], origins)

    def _ask(
        self,
        stats: CallStats,
        answer: type[Any],
        kind: str,
        text: str,
        max_tokens: int,
        schema: dict[str, Any] | None = None,
    ) -> Any:
        began = time.monotonic()
        try:
            return ask(
                self.caller,
                stats,
                answer,
                request_messages(kind, text),
                max_tokens=max_tokens,
                reasks=self.settings.reasks,
                seed=self.settings.seed,
                schema=schema,
            )
        finally:
            self._longest = max(self._longest, time.monotonic() - began)

    def _boxes(self, stats: CallStats, boxes: str) -> HeaderAnswer:
        """Boxes 1, 2 and 5 in free JSON, and, only when no answer could be used (none fitted,
        or two ran to their limit), once more under the answer's bounded grammar. Free JSON
        reads the boxes better (with the grammar first, micro F1 on the seeds fell from 0.973
        to 0.873), but an answer that never fits or never ends would lose the whole filing."""
        try:
            return self._ask(stats, HeaderAnswer, "header", boxes, HEADER_MAX_TOKENS)
        except NoAnswer:
            return self._ask(
                stats,
                HeaderAnswer,
                "header",
                boxes,
                2 * HEADER_MAX_TOKENS,
                bounded_header_schema(),
            )

    def _check_budget(self, stats: CallStats) -> None:
        """The filing's budget of time and tokens: where the next answer, taking as long as the
        longest before it, would end past the time, or the tokens are spent, a line is not
        asked but reported, so a long filing ends in a flagged partial result within its time,
        never in a long wait. A line asked once the time had run out would overrun it by a
        whole answer (7 to 14 s on 2 cores)."""
        spent = time.monotonic() - self._started
        if spent + self._longest > self.settings.max_model_seconds:
            raise BudgetSpent(
                f"the filing's {self.settings.max_model_seconds:g} s would be spent before "
                f"this line's answer ({spent:.1f} s spent; the longest answer took "
                f"{self._longest:.1f} s)"
            )
        tokens = stats.prompt_tokens + stats.completion_tokens
        if tokens > self.settings.max_filing_tokens:
            raise BudgetSpent(f"the model's {self.settings.max_filing_tokens} tokens were spent")

    def _row(
        self, reading: RowReading, stats: CallStats, conflicts: list[Conflict]
    ) -> ReadRow | None:
        """The line as a schema row: as read by pattern, else as the model reads it, with its
        wrapped text completed from the lines below and a printed nature of indirect ownership
        taken as indirect."""
        if reading.cells is not None:
            printed = {k: v for k, v in reading.cells.items() if k not in reading.inferred}
            try:
                row = schema_row(reading.table, with_holder_as_printed(reading.cells))
                as_printed = schema_row(reading.table, printed)
            except ValidationError as error:
                conflicts.append(_unread(reading, error))
                return None
            return ReadRow(row, as_printed, None)
        try:
            self._check_budget(stats)
            asked = normalise_line(reading.line)
            answer = self._ask(
                stats,
                row_answer_model(reading.table, reading.kind == "holding"),
                reading.table,
                asked,
                ROW_MAX_TOKENS,
                row_answer_schema(reading.table, reading.kind == "holding"),
            )
            cells = row_cells(reading.table, answer)
            dated = _dated(reading, cells)
            answered = schema_row(reading.table, {**cells, **dated})
        except (BackendError, BudgetSpent, ValidationError) as error:
            conflicts.append(_unread(reading, error))
            return None
        cells = {**cells, **dated}
        try:
            completed = completed_answer(reading.table, cells, reading.line)
            completed = with_printed_title(reading.table, completed, reading.line)
            completed = without_unprinted_words(completed, reading.line)
            completed = with_printed_code(completed, reading.line)
            if reading.table == "II":
                completed = with_classes_completed(completed, reading.line)
                completed = with_printed_exercise_date(completed, reading.line)
                completed = with_printed_dates(completed, reading.line)
            printed = marks_as_printed(
                columns(reading.table, completed), TEXT_COLUMNS, completed, reading.line
            )
            held = with_printed_ownership(nature_as_printed(printed, reading.line), reading.line)
            row = without_unprinted_dates(schema_row(reading.table, held), reading.line)
        except ValidationError:
            row = answered
        return ReadRow(row, answered, asked, dated.get("transactionDate"))


class ReadRow(NamedTuple):
    row: BaseModel
    answered: BaseModel
    """The row as the pattern or the model gave it, before the layout completed it: a pattern's
    row without the cells it inferred."""
    asked: str | None
    """The text the model was given for the line, if it was asked."""
    dated: str | None = None
    """The date printed on a line asked as a transaction, where the answer left it out."""


def _known_dates(
    rows: dict[str, list[BaseModel]],
    asked: list[tuple[str, int, str]],
    printed_on: dict[tuple[str, int], str],
    box_three: list[str],
) -> list[Repair]:
    """Model-read transaction dates a line does not print, where its garbled date is nearest a
    date the filing prints whole elsewhere (box 3, other lines), taken as that date."""
    known = {datetime.strptime(day, "%m/%d/%Y").date() for day in box_three}
    for (name, index), line in printed_on.items():
        cell = getattr(rows[name][index - 1], "transaction_date", None)
        if isinstance(cell, Cell) and cell.value is not None and not absence(cell.value, line):
            known.add(cell.value)
    repairs = []
    for name, index, line in asked:
        row = rows[name][index - 1]
        cell = getattr(row, "transaction_date", None)
        if not isinstance(cell, Cell) or cell.value is None:
            continue
        day = known_transaction_date(line, cell.value, known)
        if day is None:
            continue
        rows[name][index - 1] = row.model_copy(
            update={"transaction_date": cell.model_copy(update={"value": day})}
        )
        repairs.append(
            Repair(
                rule="layout.known_date",
                field=_date_path(name, index, type(row)),
                old=cell.value,
                new=day,
                reason="the line's date, garbled by the scan, is nearest a date the filing prints "
                "whole elsewhere (box 3, another line); the model's is printed nowhere on the line",
            )
        )
    return repairs


def _date_path(name: str, index: int, row: type[BaseModel]) -> str:
    return f"{xml_path(Form4Filing, name)}[{index}]/{xml_path(row, 'transaction_date')}"


def _period_from_lines(rows: dict[str, list[BaseModel]]) -> tuple[date | None, list[Repair]]:
    """Box 3's date where OCR left no date above Table I: box 3 is the date of the earliest
    transaction, so the earliest the tables give (so in all 14 filings of the dev half and two
    synthetic corpora whose scans lost box 3, in their golds). A repair, for review to see."""
    days = [
        cell.value
        for name in ("non_derivative_transactions", "derivative_transactions")
        for row in rows[name]
        if isinstance(cell := getattr(row, "transaction_date", None), Cell)
        and cell.value is not None
    ]
    if not days:
        return None, []
    earliest = min(days)
    return earliest, [
        Repair(
            rule="layout.period_from_lines",
            field="periodOfReport",
            old=None,
            new=earliest,
            reason="OCR left box 3's date unread: the date of the earliest transaction is the "
            "earliest date the tables' transactions give",
        )
    ]


def _date_repair(name: str, index: int, read: ReadRow) -> Repair:
    return Repair(
        rule="layout.transaction_date",
        field=_date_path(name, index, type(read.row)),
        old=None,
        new=read.dated,
        reason="a line asked as a transaction keeps the date it prints first, where the answer "
        "left its date out",
    )


def _dated(reading: RowReading, cells: dict[str, str]) -> dict[str, str]:
    """A line asked as a transaction whose answer left out its date (a small model answers a
    garbled line in a holding's shape) keeps its printed date, so it stays the transaction it
    was judged to be rather than lose its code and amounts as a holding."""
    if reading.kind != "transaction" or "transactionDate" in cells:
        return {}
    printed = printed_date(reading.line)
    return {"transactionDate": printed} if printed else {}


class _Beside(NamedTuple):
    owner: ReportingOwner
    repairs: list[Repair]


class _Joined(NamedTuple):
    owner: ReportingOwner
    issuer: Issuer
    repairs: list[Repair]


_JOINED_REASON = (
    "box 1's name and box 2's issuer name, printed side by side on one OCR line, were answered "
    "as one; cut where the ticker's letters begin"
)


def _split_joined(owner: ReportingOwner, issuer: Issuer, ticker: str | None) -> _Joined:
    """The first owner's name and the issuer's name apart, where the model answered both boxes'
    line whole as the owner's name and as the issuer's, or gave the ticker as the issuer's
    name. Recorded as repairs of the model's answer."""
    name, issuer_name = owner.rpt_owner_name, issuer.issuer_name
    joined = name.casefold() == issuer_name.casefold() or (
        ticker is not None and issuer_name.casefold() == ticker.casefold()
    )
    split = split_at_issuer(name, ticker) if joined else None
    if split is None:
        return _Joined(owner, issuer, [])
    head, tail = split
    paths = (
        item("reporting_owners", 1, ReportingOwner, "rpt_owner_name"),
        xml_path(Form4Filing, "issuer") + "/" + xml_path(Issuer, "issuer_name"),
    )
    repairs = [
        Repair(
            rule="layout.owner_beside_issuer", field=path, old=old, new=new, reason=_JOINED_REASON
        )
        for path, old, new in zip(paths, (name, issuer_name), (head, tail), strict=True)
    ]
    return _Joined(
        owner.model_copy(update={"rpt_owner_name": head}),
        issuer.model_copy(update={"issuer_name": tail}),
        repairs,
    )


def _without_issuer(owner: ReportingOwner, issuer_name: str) -> _Beside:
    """The first owner's name without box 2's issuer name that OCR joined to it, recorded as a
    repair of the model's answer."""
    name = without_issuer(owner.rpt_owner_name, issuer_name)
    if name == owner.rpt_owner_name:
        return _Beside(owner, [])
    repair = Repair(
        rule="layout.owner_beside_issuer",
        field=item("reporting_owners", 1, ReportingOwner, "rpt_owner_name"),
        old=owner.rpt_owner_name,
        new=name,
        reason="box 2's issuer name, printed beside box 1's name on one OCR line, was part of "
        "the model's answer",
    )
    return _Beside(owner.model_copy(update={"rpt_owner_name": name}), [repair])


def _box_origins(
    text: str,
    sections: Sections,
    boxes_read: bool,
    city_read: bool,
    roles_read: bool,
    joint: bool,
) -> Origins:
    """The readers of everything but the table lines: the model for boxes 1, 2 and 5 unless the
    patterns read them whole, the patterns for the form's dates and boxes, box 1's city line,
    box 5's marks where they were found, a joint filing's further owners and all below the
    tables."""
    header = (0, len(sections.header))
    tables_end = len(sections.header) + len(sections.table_i) + len(sections.table_ii)
    origins = Origins(Origin("pattern", header))
    boxes_reader = "pattern" if boxes_read else "model"
    origins.set("issuer", Origin(boxes_reader, header))
    origins.set("reportingOwner", Origin(boxes_reader, header))
    first = "reportingOwner[1]"
    for name in ("rptOwnerCity", "rptOwnerState", "rptOwnerZipCode") if city_read else ():
        origins.set(f"{first}/reportingOwnerAddress/{name}", Origin("pattern", header))
    if roles_read:
        for name in ("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
            origins.set(f"{first}/reportingOwnerRelationship/{name}", Origin("pattern", header))
    if joint:
        table = (len(sections.header) + len(sections.table_i), tables_end)
        origins.set("reportingOwner", Origin("pattern", table))
        origins.set(first, Origin(boxes_reader, header))
    for name in ("footnotes", "remarks", "ownerSignature"):
        origins.set(name, Origin("pattern", (tables_end, len(text))))
    return origins


def _unread(reading: RowReading, error: Exception) -> Conflict:
    """Named at its table, the whole of which a reviewer must read: the line is not in it."""
    return Conflict(
        rule="extraction.unread_line",
        severity="error",
        message=f"a line of Table {reading.table} could not be read: {one_line(error)}",
        fields=[TABLE_ELEMENTS[reading.table]],
        evidence={"line": reading.line},
    )


def _box_one_disagrees(boxed: ReportingOwner, listed: ReportingOwner) -> list[Conflict]:
    """A joint filing's Reporting Owners table prints the first owner's name and address again,
    in a column of its own that OCR keeps whole: where its letters and digits differ from what
    box 1 was read as, one of the two is misread ("455 Anderson Field" in box 1, "155" in the
    table and filed: synthetic 044_clean). A warning at the field, with both readings."""
    differing = [
        name
        for name in LISTED_FIELDS
        if (mine := getattr(boxed, name))
        and (theirs := getattr(listed, name))
        and letters(mine) != letters(theirs)
    ]
    return [
        Conflict(
            rule="extraction.owner_disagrees",
            severity="warning",
            message=f"box 1 reads {getattr(boxed, name)!r}, the Reporting Owners table "
            f"{getattr(listed, name)!r}",
            fields=[item("reporting_owners", 1, ReportingOwner, name)],
            evidence={"box 1": getattr(boxed, name), "table": getattr(listed, name)},
        )
        for name in differing
    ]


def _warned_missing(rule: str, message: str, part: str, evidence: dict[str, Any]) -> list[Conflict]:
    """A warning that the reading left something of ``part`` (a field of the filing) out."""
    return [
        Conflict(
            rule=rule,
            severity="warning",
            message=message,
            fields=[xml_path(Form4Filing, part)],
            evidence=evidence,
        )
    ]


def _footnotes_unread(notes: Notes) -> list[Conflict]:
    """Explanations whose numbers the ones read skip: the explanations count up from 1, so a
    number missing below the highest read is one OCR garbled past reading (on the dev half, its
    prints and the synthetic corpora, every such number was an explanation of the filing)."""
    read = {int(note.id.removeprefix("F")) for note in notes.footnotes}
    skipped = [f"F{number}" for number in range(1, max(read, default=0)) if number not in read]
    if not skipped:
        return []
    message = f"the explanations read skip {', '.join(skipped)}: OCR garbled them"
    return _warned_missing("extraction.footnotes_unread", message, "footnotes", {"unread": skipped})


def _signatures_unread(notes: Notes) -> list[Conflict]:
    """Fewer signatures read than the labels printed under them: the others' names could not
    be trusted and were left out. None read is ``filing.unsigned``'s to say."""
    read, labels = len(notes.signatures), notes.signature_labels
    if not 0 < read < labels:
        return []
    message = f"the form prints {labels} signatures; {read} could be read"
    evidence = {"labels": labels, "read": read}
    return _warned_missing("extraction.signatures_unread", message, "owner_signatures", evidence)


def _owners_missing(header: str, owners: list[ReportingOwner]) -> list[Conflict]:
    """Box 6 checked for a joint filing while one owner was read: the others are missing."""
    if not joint_filing(header) or len(owners) > 1:
        return []
    message = "box 6 says the form is filed by more than one reporting person; one was read"
    evidence = {"owners": len(owners)}
    return _warned_missing("extraction.owners_missing", message, "reporting_owners", evidence)


def _complete_option_titles(rows: dict[str, list[BaseModel]], sections: Sections) -> None:
    """Bare option titles completed from a "(right to" printed anywhere below Table I."""
    derivative = ("derivative_transactions", "derivative_holdings")
    titles = [row.security_title.value for name in derivative for row in rows[name]]
    below = (sections.table_ii, sections.explanations, sections.remarks, sections.signature)
    right = wrapped_right(titles, "\n".join(below))
    if right is not None:
        for name in derivative:
            rows[name] = [with_right(row, right) for row in rows[name]]


def _complete_title_heads(rows: dict[str, list[BaseModel]], text: str) -> None:
    """Titles and underlying titles answered as their head alone ("Class B", "Series A",
    "American") completed to the only title the filing prints that begins with it."""
    for name, listed in rows.items():
        table: Table = "II" if name.startswith("derivative") else "I"
        for index, row in enumerate(listed):
            listed[index] = _with_title_completed(table, row, text)


def _with_title_completed(table: Table, row: BaseModel, text: str) -> BaseModel:
    titles = ("security_title", "underlying_security_title")
    return row.model_copy(
        update={
            name: _head_completed(table, title, text)
            for name in titles
            if (title := getattr(row, name, None)) is not None
        }
    )


def _head_completed(table: Table, title: Cell[str], text: str) -> Cell[str]:
    completed = completed_title(table, title.value, text)
    return title if completed is None else title.model_copy(update={"value": completed})


def _with_address(
    owner: ReportingOwner,
    boxes: str,
    issuer_name: str,
    signatures: list[OwnerSignature],
    city: tuple[str, str, str] | None,
    printed: list[str] | None,
) -> ReportingOwner:
    """The first owner with the street lines and the city line read by pattern (the city
    completed from its ZIP), else the house numbers, care-of and unit lines the model left out,
    the street lines in printed order, a care-of line cleared of stray letters; the title heads;
    and with the signer's name (in box 1's Last First Middle order) where the model's name is a
    label of the form: OCR can garble box 1's name beyond reading while the signature below
    prints it plainly."""
    streets = (
        (printed[0], printed[1] if len(printed) > 1 else None)
        if printed
        else in_printed_order(
            *(
                without_stray_letters(with_house_number(street, boxes), issuer_name)
                for street in (owner.rpt_owner_street1, owner.rpt_owner_street2)
            ),
            boxes,
            issuer_name,
        )
    )
    update: dict[str, str | None] = {
        **dict(zip(("rpt_owner_street1", "rpt_owner_street2"), streets, strict=True)),
        "officer_title": with_title_head(owner.officer_title, boxes),
    }
    if city is not None:
        update |= dict(
            zip(("rpt_owner_city", "rpt_owner_state", "rpt_owner_zip_code"), city, strict=True)
        )
    signer = _signer_as_owner(signatures)
    if signer is not None and FORM_LABEL.search(owner.rpt_owner_name):
        update["rpt_owner_name"] = signer
    return owner.model_copy(update=update)


def _signer_as_owner(signatures: list[OwnerSignature]) -> str | None:
    """ "/s/ Jane Q. Smith" as "Smith Jane Q."; None for a signature by someone else's hand."""
    if len(signatures) != 1:
        return None
    name = signatures[0].signature_name.removeprefix("/s/").strip()
    words = name.split()
    if "," in name or len(words) < 2:  # "..., Attorney-in-Fact": the signer is not the owner
        return None
    return " ".join([words[-1], *words[:-1]])


def _with_roles(owner: ReportingOwner, roles: set[str] | None) -> ReportingOwner:
    """The owner with the box 5 marks found by pattern; with none found (OCR lost the X), a
    printed officer title is the only evidence left, and the model's ticks are not evidence."""
    if roles is None:
        if not owner.officer_title:
            return owner
        roles = {"officer"}
    return owner.model_copy(
        update={
            "is_director": "director" in roles,
            "is_officer": "officer" in roles,
            "is_ten_percent_owner": "10% owner" in roles,
            "is_other": "other" in roles,
        }
    )
