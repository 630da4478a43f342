"""Drawn Form 4s are consistent, reproducible and varied; an injected defect trips its own rule."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from form4 import from_xml, to_xml
from form4.result import Conflict
from form4.schema import Form4Filing
from form4.synthetic.defects import Defect, inject_defect
from form4.synthetic.truth import sample_filing
from form4.validators import validate
from form4.validators.lines import lines, references, transactions
from form4.validators.rules.derivatives import is_option_grant
from tests.conftest import TESTS

SEEDS = range(200)


def _draw(seed: int) -> Form4Filing:
    return sample_filing(random.Random(seed))


@pytest.fixture(scope="module")
def filings() -> list[Form4Filing]:
    return [_draw(seed) for seed in SEEDS]


@pytest.fixture(scope="module")
def defective(filings: list[Form4Filing]) -> list[tuple[Form4Filing, Form4Filing, Defect]]:
    """(clean, broken, label) per seed; the clean filing is checked afterwards for changes."""
    return [
        (f, *inject_defect(f, random.Random(seed))) for seed, f in zip(SEEDS, filings, strict=True)
    ]


def _flagged(filing: Form4Filing) -> list[Conflict]:
    return [c for c in validate(filing).conflicts if c.severity != "info"]


# --- consistency -----------------------------------------------------------------------------


def test_drawn_filings_raise_no_error_or_warning(filings: list[Form4Filing]) -> None:
    flagged = {
        seed: [c.message for c in _flagged(f)] for seed, f in zip(SEEDS, filings, strict=True)
    }
    assert {seed: found for seed, found in flagged.items() if found} == {}


def test_drawn_filings_survive_the_xml_round_trip(filings: list[Form4Filing]) -> None:
    for seed, filing in zip(SEEDS, filings, strict=True):
        assert from_xml(to_xml(filing)) == filing, seed


def test_footnotes_are_numbered_in_the_order_the_tables_cite_them(
    filings: list[Form4Filing],
) -> None:
    for seed, filing in zip(SEEDS, filings, strict=True):
        cited = list(
            dict.fromkeys(key for line in lines(filing) for key, _ in references(line.row))
        )
        defined = [note.id for note in filing.footnotes]
        assert defined == [f"F{n}" for n in range(1, len(defined) + 1)], seed
        assert cited == defined, seed
        assert len({note.text for note in filing.footnotes}) == len(defined), seed


def test_values_are_what_a_form_prints(filings: list[Form4Filing]) -> None:
    """Whole shares on transaction lines, cents (or a four-decimal average) for prices, box 3
    from the earliest trade, a ticker made of the issuer name's letters, dates in 2004-2025."""
    for seed, filing in zip(SEEDS, filings, strict=True):
        traded = [line.value("transaction_date") for line in transactions(filing)]
        assert filing.period_of_report == min(traded), seed
        assert 2004 <= filing.period_of_report.year <= 2025, seed
        for line in transactions(filing):
            shares = line.value("transaction_shares")
            assert shares == shares.to_integral_value() and shares > 0, seed
            price = line.value("transaction_price_per_share")
            assert price is None or -price.as_tuple().exponent <= 4, seed
        ticker = filing.issuer.issuer_trading_symbol
        assert ticker and ticker.isalpha() and ticker.isupper() and len(ticker) <= 5, seed
        letters = iter(filing.issuer.issuer_name.upper())
        assert all(letter in letters for letter in ticker), (seed, ticker)
        for signature in filing.owner_signatures:
            assert signature.signature_date >= max(traded), seed
    years = {filing.period_of_report.year for filing in filings}
    assert min(years) <= 2006 and max(years) >= 2023


def test_the_same_seed_draws_the_same_filing(filings: list[Form4Filing]) -> None:
    for seed in (0, 7, 199):
        assert to_xml(_draw(seed)) == to_xml(filings[seed])
    assert len({to_xml(filing) for filing in filings}) == len(filings)


# --- variety ---------------------------------------------------------------------------------


def _codes(filing: Form4Filing, table: str) -> set[str]:
    return {line.value("transaction_code") for line in transactions(filing) if line.table == table}


def _exercise_and_sale(filing: Form4Filing) -> bool:
    """M in Table II (D) and in Table I (A) on one day, and shares sold that day."""
    lines_ = [
        (line.table, line.value("transaction_code"), line.value("transaction_date"))
        for line in transactions(filing)
    ]
    exercised = {day for table, code, day in lines_ if (table, code) == ("II", "M")}
    acquired = {day for table, code, day in lines_ if (table, code) == ("I", "M")}
    sold = {day for table, code, day in lines_ if (table, code) == ("I", "S")}
    return bool(exercised & acquired & sold)


def _natures(filing: Form4Filing) -> set[str]:
    return {line.value("nature_of_ownership") for line in lines(filing)} - {None}


def _noted(words: str) -> Callable[[Form4Filing], bool]:
    return lambda filing: any(words in note.text for note in filing.footnotes)


def _most_lines(filing: Form4Filing) -> int:
    counts = {"I": 0, "II": 0}
    for line in lines(filing):
        counts[line.table] += 1
    return max(counts.values())


FEATURES: dict[str, Callable[[Form4Filing], bool]] = {
    "stock award (A in Table I)": lambda f: "A" in _codes(f, "I"),
    "option grant (A in Table II)": lambda f: any(map(is_option_grant, transactions(f))),
    "unit grant": lambda f: "A" in _codes(f, "II") and _noted("restricted stock unit")(f),
    "exercise with same-day sale": _exercise_and_sale,
    "weighted-average price": _noted("is a weighted average price"),
    "annual vesting": _noted("annual installments"),
    "monthly vesting": _noted("monthly"),
    "quarterly vesting": _noted("quarterly"),
    "tax withholding (F)": lambda f: "F" in _codes(f, "I"),
    "gift (G)": lambda f: "G" in _codes(f, "I"),
    "purchase (P)": lambda f: "P" in _codes(f, "I"),
    "sale (S)": lambda f: "S" in _codes(f, "I"),
    "10b5-1 plan": _noted("Rule 10b5-1"),
    "By Trust": lambda f: "By Trust" in _natures(f),
    "By Spouse": lambda f: "By Spouse" in _natures(f),
    "By LLC": lambda f: "By LLC" in _natures(f),
    "By 401(k) Plan": lambda f: "By 401(k) Plan" in _natures(f),
    "holding-only line": lambda f: bool(f.non_derivative_holdings),
    "indirect transaction": lambda f: any(
        line.value("direct_or_indirect_ownership") == "I" for line in transactions(f)
    ),
    "fractional shares": lambda f: any(
        h.shares_owned_following_transaction.value % 1 for h in f.non_derivative_holdings
    ),
    "director": lambda f: any(o.is_director and not o.is_officer for o in f.reporting_owners),
    "officer with title": lambda f: any(
        o.is_officer and o.officer_title for o in f.reporting_owners
    ),
    "chief executive": lambda f: any("CEO" in (o.officer_title or "") for o in f.reporting_owners),
    "other with text": lambda f: any(o.is_other and o.other_text for o in f.reporting_owners),
    "10% owner fund": lambda f: any(
        o.is_ten_percent_owner and o.rpt_owner_name.endswith("L.P.") for o in f.reporting_owners
    ),
    "joint filing": lambda f: len(f.reporting_owners) >= 2,
    "three reporting owners": lambda f: len(f.reporting_owners) == 3,
    "4/A amendment": lambda f: f.document_type == "4/A" and f.date_of_original_submission,
    "remarks": lambda f: bool(f.remarks),
    "attorney-in-fact": lambda f: any(
        s.signature_name.endswith("Attorney-in-Fact") for s in f.owner_signatures
    ),
    "trades on two days": lambda f: (
        len({line.value("transaction_date") for line in transactions(f)}) > 1
    ),
    "four or more lines in a table": lambda f: _most_lines(f) >= 4,
}


def test_every_scenario_occurs(filings: list[Form4Filing]) -> None:
    counts = {name: sum(1 for f in filings if has(f)) for name, has in FEATURES.items()}
    assert {name: n for name, n in counts.items() if n < 3} == {}


def test_a_good_share_have_several_lines_in_a_table(filings: list[Form4Filing]) -> None:
    several = sum(1 for filing in filings if _most_lines(filing) >= 2)
    assert several >= len(filings) // 3


def test_amendments_predate_their_signature(filings: list[Form4Filing]) -> None:
    for filing in filings:
        if filing.document_type == "4/A":
            signed = filing.owner_signatures[0].signature_date
            assert filing.period_of_report <= filing.date_of_original_submission < signed


# --- defects ---------------------------------------------------------------------------------


def test_a_defect_trips_its_own_rule_alone_at_its_path(
    defective: list[tuple[Form4Filing, Form4Filing, Defect]],
) -> None:
    for seed, (clean, broken, defect) in zip(SEEDS, defective, strict=True):
        assert defect.rule not in {c.rule for c in validate(clean).conflicts}, seed
        # a late signature is a notice (info), found all the same
        found = [c for c in validate(broken).conflicts if c.rule == defect.rule] + [
            c for c in _flagged(broken) if c.rule != defect.rule
        ]
        assert {c.rule for c in found} == {defect.rule}, (seed, defect, found)
        assert any(defect.path in c.fields for c in found), (seed, defect, found)


def test_defects_cover_many_rules(defective: list[tuple[Form4Filing, Form4Filing, Defect]]) -> None:
    rules = {defect.rule for _, _, defect in defective}
    assert len(rules) >= 15, sorted(rules)
    assert {"holdings.chain", "dates.period_of_report", "codes.direction"} <= rules
    assert any(rule.startswith("vesting.") for rule in rules)


def test_injecting_leaves_the_clean_filing_alone(
    filings: list[Form4Filing], defective: list[tuple[Form4Filing, Form4Filing, Defect]]
) -> None:
    for seed, (clean, _, _) in zip(SEEDS, defective, strict=True):
        assert to_xml(clean) == to_xml(_draw(seed)), seed
        assert not _flagged(clean), seed


def test_defective_filings_survive_the_xml_round_trip(
    defective: list[tuple[Form4Filing, Form4Filing, Defect]],
) -> None:
    for seed, (_, broken, defect) in zip(SEEDS, defective, strict=True):
        assert from_xml(to_xml(broken)) == broken, (seed, defect)


def test_the_same_seed_injects_the_same_defect(
    filings: list[Form4Filing], defective: list[tuple[Form4Filing, Form4Filing, Defect]]
) -> None:
    for seed in (3, 50, 120):
        broken, defect = inject_defect(filings[seed], random.Random(seed))
        assert (to_xml(broken), defect) == (to_xml(defective[seed][1]), defective[seed][2])


def test_a_defect_names_a_real_rule() -> None:
    with pytest.raises(ValidationError):
        Defect(rule="holdings.chains", path="periodOfReport", description="A typo.")


def _texts(filing: Form4Filing) -> list[str]:
    """What a filer words freely: footnotes, remarks, titles of securities and officers."""
    texts = [note.text for note in filing.footnotes]
    texts += [filing.remarks] if filing.remarks else []
    texts += [owner.officer_title for owner in filing.reporting_owners if owner.officer_title]
    texts += [line.row.security_title.value for line in lines(filing)]
    return texts


def _runs(text: str, size: int = 8) -> set[tuple[str, ...]]:
    """Every run of ``size`` words, case, punctuation and numbers aside."""
    words = _words(text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _gold_texts(folder: str, split: str | None = None) -> list[str]:
    root = TESTS / "fixtures" / folder
    names = None
    if split:
        manifest = json.loads((root / "manifest.json").read_text())
        names = {f["name"] for f in manifest["fixtures"] if f["split"] == split}
    return [
        text
        for path in sorted(root.glob("*.xml"))
        if names is None or path.stem in names
        for text in _texts(from_xml(path.read_bytes()))
    ]


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", text.lower()))


def test_drawn_wording_copies_neither_the_seeds_nor_the_test_half(
    filings: list[Form4Filing],
) -> None:
    """The corpus must measure readers on wording they were not written for: no run of eight
    words from a seed, and no footnote or remark of the real ``test`` half, facts aside, which
    must stay unseen (the names of securities, and the SEC's boilerplate that every filer prints in
    weighted-average notes, are common to all)."""
    drawn = [text for f in filings for text in _texts(f)]
    seeds = set().union(*(_runs(text) for text in _gold_texts("seeds")))
    test = {_words(text) for text in _gold_texts("real", "test") if len(_words(text)) >= 12}
    assert not set().union(*(_runs(text) for text in drawn)) & seeds
    assert not {_words(text) for text in drawn} & test


def test_drawn_footnotes_are_worded_many_ways(filings: list[Form4Filing]) -> None:
    openings = {" ".join(note.text.split()[:4]) for f in filings for note in f.footnotes}
    assert len(openings) >= 40
