"""What Form 4s print that Faker has no provider for: security and officer titles, natures of
ownership, and the footnote wording issuers copy from one filing to the next.

Footnotes are functions of the facts they state, so a footnote cannot disagree with the line that
cites it. Repeated entries in a pool are weights: most filings say "Common Stock".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

STOCK_TITLES = (
    *("Common Stock",) * 6,
    "Class A Common Stock",
    "Common Stock, par value $0.001 per share",
    "Ordinary Shares",
)
OPTION_TITLES = (
    *("Stock Option (right to buy)",) * 3,
    "Employee Stock Option (Right to Buy)",
    "Non-Qualified Stock Option (right to buy)",
    "Incentive Stock Option (right to buy)",
)
UNIT_TITLES = (*("Restricted Stock Units",) * 3, "Restricted Stock Unit")

OFFICER_TITLES = (
    "Chief Financial Officer",
    "EVP, Chief Financial Officer",
    "EVP, General Counsel",
    "SVP, General Counsel and Secretary",
    "Chief Operating Officer",
    "Chief Accounting Officer",
    "Chief Technology Officer",
    "SVP, Global Support Services",
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
    "By 401(k) Plan": "Represents shares held in the Issuer's 401(k) plan as of {as_of}, based on "
    "the most recent plan statement.",
    "By IRA": "The shares are held in an individual retirement account for the benefit of the "
    "reporting person.",
}
"""Indirect holdings of a person, each with the footnote that explains it when one is printed."""

TAX_WITHHOLDING = (
    "PAYMENT OF TAX LIABILITY BY DELIVERING SECURITIES TO THE COMPANY INCIDENT TO THE VESTING OF "
    "A SECURITY.",
    "Represents shares withheld by the Issuer to satisfy tax withholding obligations in "
    "connection with the vesting of restricted stock units.",
    "Payment of tax liability by withholding securities incident to the vesting of restricted "
    "stock units.",
)
NET_EXERCISE = (
    "Represents shares withheld by the Issuer to pay the exercise price and satisfy tax "
    "withholding obligations in connection with the exercise of the option."
)
OPTION_VESTED = ("The option is fully vested and exercisable.", "This option is fully vested.")
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


def weighted_average(verb: str, low: Decimal, high: Decimal) -> str:
    """The footnote that goes with a weighted-average price: ``verb`` is "sold" or "purchased"."""
    return (
        "The price reported in Column 4 is a weighted average price. These shares were "
        f"{verb} in multiple transactions at prices ranging from {money(low)} to {money(high)}, "
        "inclusive. The reporting person undertakes to provide to the issuer, any security holder "
        "of the issuer, or the staff of the Securities and Exchange Commission, upon request, full "
        f"information regarding the number of shares {verb} at each separate price within the "
        "range set forth in this footnote."
    )


def trading_plan(adopted: date) -> str:
    return (
        "The transactions reported on this Form 4 were effected pursuant to a Rule 10b5-1 trading "
        f"plan adopted by the reporting person on {long_date(adopted)}."
    )


def plan_award(year: int) -> str:
    return (
        f"Represents restricted stock units granted under the Issuer's {year} Equity Incentive "
        "Plan."
    )


def performance_award(shares: Decimal) -> str:
    """Seed 000's wording: a grant whose vesting depends on performance, with no dates."""
    return (
        f"The vesting of the {number(shares)} share grant is generally subject to the achievement "
        "of certain performance metrics and the continued employment of the Reporting Person."
    )


def earned_shares(stock: str, period_end: date) -> str:
    return (
        f"Represents shares of {stock} issued upon the vesting of performance share units earned "
        f"for the performance period ended {long_date(period_end)}."
    )


def unit_conversion(stock: str) -> str:
    return (
        f"Each restricted stock unit represents a contingent right to receive one share of {stock}."
    )


def director_award() -> str:
    return "Represents the annual equity award to non-employee directors of the Issuer."


def family_transfer(last: str) -> str:
    return f"Represents a gift by the reporting person to the {last} Family Trust."


def fund_holding(fund: str, partner: str) -> str:
    return (
        f'The shares are held directly by {fund} (the "Fund"). {partner} is the general partner '
        "of the Fund and may be deemed to share beneficial ownership of the shares held by the "
        "Fund. Each reporting person disclaims beneficial ownership of these securities except to "
        "the extent of its pecuniary interest therein."
    )


def affiliate_holding(affiliate: str) -> str:
    return (
        f"The shares are held by {affiliate}, an affiliated fund under common control with the "
        "reporting persons, who disclaim beneficial ownership except to the extent of their "
        "pecuniary interest therein."
    )


def distribution(fund: str) -> str:
    return (
        f"Represents a pro rata distribution in kind, for no consideration, by {fund} to its "
        "partners."
    )
