"""Who files and where: issuers, insiders and funds, with Faker's names, companies and addresses.

Faker brings the variety of real names and places; the shapes around them follow how Form 4s
print them: box 1's "Last First Middle", "C/O" the issuer, a fund beside its general partner,
signature lines signed in person, by an attorney-in-fact or for an entity.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from faker import Faker

from form4.schema import Issuer, ReportingOwner
from form4.synthetic import wording

_COMPANY_TAIL = re.compile(r",.*| and .*| (Inc|LLC|Group|PLC|Ltd)$")
"""What follows the first name in Faker's company formats: "Lee, Jones and Stanley", "Smith LLC"."""

_UNIT = re.compile(r" ((?:Apt\.|Suite) \d+)$")
_NOT_IN_TICKER = frozenset({"INC", "CORP", "CORPORATION", "HOLDINGS", "THE"})


@dataclass(frozen=True)
class Address:
    street1: str
    street2: str | None
    city: str
    state: str
    zip_code: str

    def shouted(self) -> Address:
        """Upper case, as EDGAR's own records of most filers print."""
        return Address(
            self.street1.upper(),
            self.street2.upper() if self.street2 else None,
            self.city.upper(),
            self.state,
            self.zip_code,
        )


@dataclass(frozen=True)
class Party:
    """A reporting owner and the line it signs when it signs for itself."""

    owner: ReportingOwner
    signature: str
    individual: bool


@dataclass(frozen=True)
class Person:
    first: str
    middle: str | None
    last: str

    @property
    def filed(self) -> str:
        """Box 1 order."""
        return " ".join(part for part in (self.last, self.first, self.middle) if part)

    @property
    def signed(self) -> str:
        return " ".join(part for part in (self.first, self.middle, self.last) if part)


def address(fake: Faker, rng: random.Random, *, business: bool = False) -> Address:
    """A US mailing address with its apartment or suite on the second street line, as box 1
    prints it; a business has suites, not apartments."""
    street = fake.street_address()
    unit = found.group(1) if (found := _UNIT.search(street)) else None
    if unit is None and rng.random() < 0.3:
        unit = fake.secondary_address()
    if business and unit:
        unit = unit.replace("Apt.", "Suite")
    state = fake.state_abbr(include_territories=False, include_freely_associated_states=False)
    return Address(_UNIT.sub("", street), unit, fake.city(), state, fake.zipcode_in_state(state))


def issuer(fake: Faker, rng: random.Random) -> tuple[Issuer, Address]:
    """A listed company and its head office; the name printed in EDGAR's upper case or as styled."""
    base = _COMPANY_TAIL.sub("", fake.company())
    industry = f" {rng.choice(wording.INDUSTRIES)}" if rng.random() < 0.75 else ""
    name = f"{base}{industry}{rng.choice(wording.CORPORATE_SUFFIXES)}"
    if rng.random() < 0.4:
        name = re.sub(r"[.,]", "", name).upper()
    office = address(fake, rng, business=True)
    return Issuer(issuer_name=name, issuer_trading_symbol=ticker(name, rng)), office


def ticker(name: str, rng: random.Random) -> str:
    """1-5 capital letters taken in order from the name: its initials, or the head of its first
    word, which is how most symbols were chosen."""
    words = [w for w in re.findall(r"[A-Za-z]+", name.upper()) if w not in _NOT_IN_TICKER]
    if len(words) > 1 and rng.random() < 0.6:
        return "".join(word[0] for word in words)[:5]
    return words[0][: rng.randint(2, 4)]


def person(fake: Faker, rng: random.Random) -> Person:
    middle = f"{fake.random_uppercase_letter()}." if rng.random() < 0.6 else None
    return Person(fake.first_name(), middle, fake.last_name())


def _owner(name: str, mail: Address, **relationship: Any) -> ReportingOwner:
    return ReportingOwner(
        rpt_owner_name=name,
        rpt_owner_street1=mail.street1,
        rpt_owner_street2=mail.street2,
        rpt_owner_city=mail.city,
        rpt_owner_state=mail.state,
        rpt_owner_zip_code=mail.zip_code,
        **relationship,
    )


def insider(
    fake: Faker, rng: random.Random, company: Issuer, office: Address, **relationship: Any
) -> tuple[Party, Person]:
    """An officer, director or other insider, reached at the issuer ("C/O") or at home."""
    who = person(fake, rng)
    if rng.random() < 0.5:
        street = ", ".join(part for part in (office.street1, office.street2) if part)
        mail = Address(
            f"C/O {company.issuer_name}", street, office.city, office.state, office.zip_code
        )
    else:
        mail = address(fake, rng)
    shout = rng.random() < 0.4
    name = who.filed.upper() if shout else who.filed
    owner = _owner(name, mail.shouted() if shout else mail, **relationship)
    signature = f"/s/ {who.signed}" if rng.random() < 0.5 else who.signed
    return Party(owner, signature, individual=True), who


def fund_group(fake: Faker, rng: random.Random) -> list[Party]:
    """A fund that owns over 10%, its general partner, and at times the partner's managing member.

    They share one address and file jointly; the entities sign through the managing member.
    """
    stem = f"{fake.last_name()} {rng.choice(wording.FUND_WORDS)}"
    fund = f"{stem} Partners{rng.choice(wording.FUND_SERIES)}, L.P."
    partner = f"{stem} {rng.choice(('Management', 'GP', 'Advisors'))}, LLC"
    office = address(fake, rng, business=True)
    manager = person(fake, rng)
    parties = [
        Party(
            _owner(fund, office, is_ten_percent_owner=True),
            f"{fund}, By: {partner}, its General Partner, By: /s/ {manager.signed}, "
            "Managing Member",
            individual=False,
        ),
        Party(
            _owner(partner, office, is_ten_percent_owner=True),
            f"{partner}, By: /s/ {manager.signed}, Managing Member",
            individual=False,
        ),
    ]
    if rng.random() < 0.4:
        board = rng.random() < 0.5
        parties.append(
            Party(
                _owner(manager.filed, office, is_director=board, is_ten_percent_owner=not board),
                f"/s/ {manager.signed}",
                individual=True,
            )
        )
    return parties


def attorney_signature(fake: Faker, rng: random.Random) -> str:
    return f"/s/ {person(fake, rng).signed}, Attorney-in-Fact"
