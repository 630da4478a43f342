"""Holdings carried from one filing to the next of the same person at the same issuer.

Each filing is checked alone by the rules; only a set of filings shows whether a balance jumped
between them. A jump is informational: the set at hand may lack a filing that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import pairwise

from form4.result import Conflict
from form4.schema import Form4Filing
from form4.validators.lines import lines
from form4.validators.rules.holdings import holding_key, signed_shares
from form4.validators.source_text import words

RULE_ID = "holdings.across_filings"


def _person_at_issuer(filing: Form4Filing) -> tuple[str, str]:
    """The ticker when printed (names vary in punctuation), else the issuer name; first owner."""
    issuer = filing.issuer.issuer_trading_symbol or filing.issuer.issuer_name
    return words(issuer), words(filing.reporting_owners[0].rpt_owner_name)


def _jumps(before: Form4Filing, after: Form4Filing) -> Iterator[Conflict]:
    closing: dict[tuple[object, ...], Decimal] = {}
    for line in lines(before):
        if (owned := line.value("shares_owned_following_transaction")) is not None:
            closing[holding_key(line)] = owned
    opened: set[tuple[object, ...]] = set()
    for line in lines(after):
        key = holding_key(line)
        if key in opened:
            continue
        opened.add(key)
        previous = closing.get(key)
        following = line.value("shares_owned_following_transaction")
        change = signed_shares(line) if line.is_transaction else Decimal(0)
        if None in (previous, following, change) or previous + change == following:
            continue
        yield Conflict(
            rule=RULE_ID,
            severity="info",
            message=f"{previous} owned after the filing of {before.period_of_report}, "
            f"{'+' if change >= 0 else '-'} {abs(change)} is {previous + change}, but the filing "
            f"of {after.period_of_report} says {following}",
            fields=[line.at("shares_owned_following_transaction")],
            evidence={
                "previousPeriodOfReport": before.period_of_report,
                "previousFollowing": previous,
                "periodOfReport": after.period_of_report,
                "change": change,
                "following": following,
            },
        )


def chain(filings: Iterable[Form4Filing]) -> list[Conflict]:
    """Jumps in a holding between consecutive filings of one person at one issuer.

    Filings are ordered by box 3; those without it cannot be placed and are left out. Paths name
    the line of the later filing; the evidence carries both filings' dates and values.
    """
    groups: dict[tuple[str, str], list[Form4Filing]] = defaultdict(list)
    for filing in filings:
        if filing.period_of_report is not None:
            groups[_person_at_issuer(filing)].append(filing)
    return [
        conflict
        for group in groups.values()
        for before, after in pairwise(sorted(group, key=lambda f: f.period_of_report))
        for conflict in _jumps(before, after)
    ]
