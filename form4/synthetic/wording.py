"""What Form 4s print that Faker has no provider for: security and officer titles, natures of
ownership, and the footnote wording issuers copy from one filing to the next.

The wordings follow real filings of the real-filings corpus's ``dev`` half (and the SEC's own
phrases, such as code F's "payment of tax liability"), generalised so that their facts are drawn:
never the seeds' words, so that a reader written for the seeds meets wording it was not written
for, and never the ``test`` half's, which must stay unseen. Footnotes are functions of the facts
they state, so a footnote cannot disagree with the line that cites it. Repeated entries in a pool
are weights: most filings say "Common Stock".
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

STOCK_TITLES = (
    *("Common Stock",) * 6,
    *("Class A Common Stock",) * 2,
    "COMMON STOCK",
    "Class B Common Stock",
    "Common Stock, par value $0.001 per share",
    "Ordinary Shares",
    "American Depositary Shares",
)
OPTION_TITLES = (
    *("Stock Option (right to buy)",) * 3,
    "Employee Stock Option (Right to Buy)",
    "Non-Qualified Stock Option (right to buy)",
    "Incentive Stock Option (right to buy)",
    "EMPLOYEE STOCK OPTIONS (RT TO BUY)",
    "Director Stock Option (right to buy)",
    "Option to Purchase Common Stock",
)
UNIT_TITLES = (
    *("Restricted Stock Units",) * 3,
    "Restricted Stock Unit",
    "RESTRICTED STOCK UNITS",
    "Restricted Stock Units (RSU)",
    "Performance Stock Units",
)

OFFICER_TITLES = (
    "Chief Financial Officer",
    "EVP, Chief Financial Officer",
    "President and CFO",
    "EVP, General Counsel",
    "SVP, General Counsel and Secretary",
    "GC",
    "Chief Operating Officer",
    "Chief Accounting Officer",
    "Chief Technology Officer",
    "SR VP PEOPLE",
    "Vice President & Treasurer",
    "EVP, Sales and Marketing",
    "SVP, Human Resources",
    "VP, Corporate Controller",
    "President, North America",
    "Chief Medical Officer",
    "EVP, Operations",
)
CHIEF_EXECUTIVE_TITLES = ("Chief Executive Officer", "President and CEO", "Chairman and CEO")
OTHER_TEXTS = (
    "Former Director",
    "Former Officer",
    "Member of 10% owner group",
    "Trustee of 10% owner trust",
    "Director by deputization",
)

INDUSTRIES = (
    "Therapeutics",
    "Technologies",
    "Networks",
    "Bancorp",
    "Energy",
    "Pharmaceuticals",
    "Systems",
    "Semiconductor",
    "Software",
    "Biosciences",
    "Financial",
    "Industries",
    "Brands",
    "Health",
    "Resources",
    "Communications",
)
CORPORATE_SUFFIXES = (", Inc.", ", Inc.", " Inc.", " Corp.", " Corporation", " Holdings, Inc.")
FUND_WORDS = ("Capital", "Ventures", "Equity", "Growth", "Healthcare", "Opportunity")
FUND_SERIES = ("", "", " II", " III", " IV", " VII")

FAMILY_NATURES = {
    "By Trust": "The shares are held by the {last} Family Trust, of which the reporting person "
    "is a trustee.",
    "By Spouse": "The shares are held by the reporting person's spouse. The reporting person "
    "disclaims beneficial ownership of these shares except to the extent of his or her "
    "pecuniary interest therein.",
    "By LLC": "The shares are held by {last} Holdings, LLC, of which the reporting person is the "
    "managing member. The reporting person disclaims beneficial ownership of these shares except "
    "to the extent of his or her pecuniary interest therein.",
    "By 401(k) Plan": "Total number of 401(k) Plan shares acquired through periodic dividend "
    "reinvestment, participant's contributions and employer matching contributions, as of "
    "{as_of}.",
    "By IRA": "Shares are held by an individual retirement account for the benefit of the "
    "Reporting Person. The Reporting Person holds voting and dispositive power over the shares.",
    "By Living Trust": "Shares held directly by the {last} Living Trust, for which the Reporting "
    "Person and his or her spouse serve as trustees. The Reporting Person retains sole voting and "
    "dispositive power with respect to the shares held by the trust.",
    "By estate planning vehicle": "The shares are held by an estate planning vehicle of which the "
    "Reporting Person is a trustee. The Reporting Person disclaims beneficial ownership of these "
    "securities except to the extent of his or her pecuniary interest therein.",
}
"""Indirect holdings of a person, each with the footnote that explains it when one is printed."""

TAX_WITHHOLDING = (
    "Represents shares withheld by the Issuer to satisfy tax withholding obligations in "
    "connection with the vesting of restricted stock units.",
    "Payment of tax liability by withholding securities incident to the vesting of restricted "
    "stock units.",
    "Shares withheld for the payment of the tax obligation on the lapse of restrictions on "
    "restricted stock units.",
    "SHARES WITHHELD BY THE COMPANY TO SATISFY TAX WITHHOLDING OBLIGATIONS UPON VESTING.",
)
NET_EXERCISE = (
    "Represents shares withheld by the Issuer to pay the exercise price and satisfy tax "
    "withholding obligations in connection with the exercise of the option."
)
OPTION_VESTED = (
    "The option is fully vested and exercisable.",
    "This option is fully vested.",
    "The options vest 100% on the date of grant.",
    "The option shares are fully vested and may be exercised at any time.",
)
UNIT_EXPIRATION = ("The restricted stock units have no expiration date.", "Not applicable.")
CHARITABLE_GIFTS = (
    "Represents a bona fide gift to a charitable organization for no consideration.",
    "The reporting person gifted these shares to a donor-advised fund.",
    "Bona fide gift.",
)
GIFT_PRICE = "Not applicable; the shares were gifted for no consideration."

REMARKS_ATTORNEY = (
    "Exhibit 24 - Power of Attorney",
    "Exhibit List: Exhibit 24 - Power of Attorney",
)
REMARKS_JOINT = (
    "Each reporting person disclaims beneficial ownership of the reported securities except to "
    "the extent of its pecuniary interest therein, and this report shall not be deemed an "
    "admission that any reporting person is the beneficial owner of such securities.",
)
REMARKS_AMENDMENT = (
    "This amendment is being filed solely to correct the number of securities beneficially owned "
    "following the reported transactions, which was misstated in the original Form 4.",
    "This amendment is being filed to correct the transaction price reported in the original "
    "Form 4.",
    "This amendment is being filed to add a footnote that was inadvertently omitted from the "
    "original Form 4.",
)
REMARKS_ANY = (
    "The reporting person undertakes to provide full information regarding the transactions "
    "reported herein upon request by the staff of the Securities and Exchange Commission.",
    "Signed pursuant to a power of attorney previously filed with the Commission.",
)


def long_date(day: date) -> str:
    """ "October 7, 2012": how footnotes write dates (no zero padding)."""
    return f"{day:%B} {day.day}, {day.year}"


def slash_date(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def date_spellings(day: date) -> tuple[str, str]:
    """Every way a footnote here may print ``day``, so an edit can find it again."""
    return long_date(day), slash_date(day)


def money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def number(shares: Decimal) -> str:
    return f"{shares:,}"


def weighted_average(rng: random.Random, verb: str, low: Decimal, high: Decimal) -> str:
    """The footnote that goes with a weighted-average price: ``verb`` is "sold" or "purchased".

    One wording in four gives no range, as some filers print it.
    """
    noun = "sale" if verb == "sold" else "purchase"
    wordings = (
        "The price reported in Column 4 is a weighted average price. These shares were "
        f"{verb} in multiple transactions at prices ranging from {money(low)} to {money(high)}, "
        "inclusive. The reporting person undertakes to provide to the issuer, any security holder "
        "of the issuer, or the staff of the Securities and Exchange Commission, upon request, full "
        f"information regarding the number of shares {verb} at each separate price within the "
        "range set forth in this footnote.",
        f"Represents the weighted average {noun} price of the shares {verb} from {money(low)} to "
        f"{money(high)} per share. The Reporting Person will provide, upon request by the "
        "Commission staff, the Issuer, or a security holder of the Issuer, full information "
        f"regarding the number of shares {verb} at each separate price within the range.",
        "The price reported in column 4 is a weighted average price. These shares were "
        f"{verb} in multiple transactions at prices ranging from {money(low)} to {money(high)}, "
        "inclusive.",
        f"The {noun} price reported is the weighted average {noun} price for the number of shares "
        f"{verb}. Full information regarding the number of shares {verb} at each separate price "
        "will be supplied upon request by Securities and Exchange Commission Staff, the Issuer or "
        "a security holder of the Issuer.",
    )
    return rng.choice(wordings)


def trading_plan(rng: random.Random, adopted: date) -> str:
    wordings = (
        "The transactions reported on this Form 4 were effected pursuant to a Rule 10b5-1 trading "
        f"plan adopted by the reporting person on {long_date(adopted)}.",
        "The transactions reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading "
        f"plan adopted by the Reporting Person on {slash_date(adopted)}.",
        "The transactions reported on this Form 4 were effected pursuant to a Rule 10b5-1 trading "
        "plan adopted by the holder.",
        "Shares were traded pursuant to a duly adopted 10b5-1 trading plan.",
    )
    return rng.choice(wordings)


def plan_award(year: int) -> str:
    return (
        f"Represents restricted stock units granted under the Issuer's {year} Equity Incentive "
        "Plan."
    )


def performance_award(rng: random.Random, shares: Decimal) -> str:
    """A grant whose vesting depends on performance, with no dates."""
    wordings = (
        f"Represents {number(shares)} performance-based restricted stock units that vest, if at "
        "all, upon the determination by the Issuer's Compensation Committee of the level of "
        "achievement of performance objectives.",
        "These shares are subject to forfeiture until the achievement of performance goals "
        "established by the Compensation Committee of the Issuer's Board of Directors.",
    )
    return rng.choice(wordings)


def earned_shares(stock: str, period_end: date) -> str:
    return (
        f"Represents shares of {stock} issued upon the vesting of performance share units earned "
        f"for the performance period ended {long_date(period_end)}."
    )


def unit_conversion(rng: random.Random, stock: str) -> str:
    wordings = (
        "Each restricted stock unit represents a contingent right to receive one share of "
        f"{stock}.",
        f"Each RSU represents a contingent right to receive one share of {stock}.",
        f"At vesting, converts into shares of {stock} on a unit-for-share basis.",
        f"RESTRICTED STOCK UNITS CONVERT INTO {stock.upper()} ON A ONE-FOR-ONE BASIS.",
    )
    return rng.choice(wordings)


def director_award(rng: random.Random) -> str:
    wordings = (
        "Represents the annual equity award to non-employee directors of the Issuer.",
        "Represents shares issued to the Reporting Person pursuant to the annual equity grant "
        "under the Issuer's non-employee director compensation policy.",
    )
    return rng.choice(wordings)


def family_transfer(last: str) -> str:
    return f"Represents a gift by the reporting person to the {last} Family Trust."


def fund_holding(rng: random.Random, fund: str, partner: str) -> str:
    wordings = (
        f'The shares are held directly by {fund} (the "Fund"). {partner} is the general partner '
        "of the Fund and may be deemed to share beneficial ownership of the shares held by the "
        "Fund. Each reporting person disclaims beneficial ownership of these securities except to "
        "the extent of its pecuniary interest therein.",
        f"{partner} is the general partner of {fund} and may be deemed to share voting and "
        f"dispositive power with respect to the shares held by {fund}. Each reporting person "
        "disclaims beneficial ownership of such shares except to the extent of its pecuniary "
        "interest therein, and the inclusion of these securities in this report shall not be "
        "deemed an admission of beneficial ownership for any other purpose.",
    )
    return rng.choice(wordings)


def affiliate_holding(affiliate: str) -> str:
    return (
        f"The shares are held by {affiliate}, an affiliated fund under common control with the "
        "reporting persons, who disclaim beneficial ownership except to the extent of their "
        "pecuniary interest therein."
    )


def distribution(rng: random.Random, fund: str) -> str:
    wordings = (
        f"Represents a pro rata distribution in kind, for no consideration, by {fund} to its "
        "partners.",
        f"Represents a distribution by {fund} to its partners or members and includes subsequent "
        "distributions by general partners or managing members to their respective partners or "
        "members.",
        f"Represents a pro-rata, in-kind distribution by {fund} to its limited partners without "
        "additional consideration.",
    )
    return rng.choice(wordings)
