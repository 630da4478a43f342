"""What insiders report, one function per kind of event, each writing its lines into a draft.

Each scenario picks its filers (an officer for an exercise, a fund and its general partner for a
10% owner's trades) and writes what happened in time order; the draft keeps the balances chained.
Sizes and prices are drawn in ranges typical of the event, not of any one real filing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from form4.schema import AcquiredDisposed, DirectOrIndirect, TransactionCode
from form4.synthetic import market, parties, schedules, wording
from form4.synthetic.ledger import Draft, Holding, Series
from form4.synthetic.parties import Person

Scenario = Callable[[Draft], None]

P, S, A, F, M, G, J = (TransactionCode[code] for code in "PSAFMGJ")
INDIRECT = DirectOrIndirect.I
SEE_FOOTNOTE = "See Footnote"


# --- filers ----------------------------------------------------------------------------------


def _join(draft: Draft, **relationship: object) -> Person:
    party, who = parties.insider(draft.fake, draft.rng, draft.issuer, draft.office, **relationship)
    draft.parties.append(party)
    draft.insider = who
    return who


def _officer(draft: Draft) -> Person:
    """An officer with a title; now and then the chief executive, who also sits on the board."""
    if draft.rng.random() < 0.15:
        title = draft.rng.choice(wording.CHIEF_EXECUTIVE_TITLES)
        return _join(draft, is_officer=True, is_director=True, officer_title=title)
    return _join(draft, is_officer=True, officer_title=draft.rng.choice(wording.OFFICER_TITLES))


def _director(draft: Draft) -> Person:
    return _join(draft, is_director=True, is_ten_percent_owner=draft.rng.random() < 0.05)


def _insider(draft: Draft) -> Person:
    """Anyone who trades in the market or gives shares away: officer, director or other."""
    roll = draft.rng.random()
    if roll < 0.45:
        return _officer(draft)
    if roll < 0.85:
        return _director(draft)
    return _join(draft, is_other=True, other_text=draft.rng.choice(wording.OTHER_TEXTS))


# --- building blocks -------------------------------------------------------------------------


def _worth(draft: Draft, low: float, high: float, lot: int = 1) -> Decimal:
    """Shares worth ``low`` to ``high`` dollars at the day's price."""
    return market.worth(draft.rng, draft.price, low, high, lot)


def _opening(draft: Draft, holding: Holding, at_least: Decimal, high: float) -> None:
    """The balance before the first line (worth up to ``high`` dollars more than the filing
    takes out of it), now and then nothing beyond what it takes."""
    extra = Decimal(0) if draft.rng.random() < 0.1 else _worth(draft, 5_000, high)
    draft.open(holding, at_least + extra)


def family_holding(draft: Draft, who: Person, nature: str) -> Holding:
    """An indirect holding of ``who``, footnoted more often than not."""
    as_of = draft.day - timedelta(days=draft.rng.randint(5, 90))
    note = wording.FAMILY_NATURES[nature].format(last=who.last, as_of=wording.long_date(as_of))
    return draft.holding(INDIRECT, nature, note if draft.rng.random() < 0.6 else None)


def family_holdings(draft: Draft) -> None:
    """Holding-only lines for indirect holdings no line of the filing moves."""
    if draft.insider is None:
        return
    moved = {row.nature_of_ownership.value for row in draft.stock_lines if row.nature_of_ownership}
    free = [nature for nature in wording.FAMILY_NATURES if nature not in moved]
    for nature in draft.rng.sample(free, draft.rng.randint(1, 2)):
        shares = _worth(draft, 5_000, 2_000_000)
        if nature == "By 401(k) Plan":
            shares += Decimal(draft.rng.randint(0, 999)) / 1000
        draft.hold(family_holding(draft, draft.insider, nature), shares)


def _fills(
    draft: Draft,
    holding: Holding,
    code: TransactionCode,
    sizes: list[Decimal],
    days: list[date],
    plan: str | None = None,
) -> None:
    """Open-market lines (P or S) in time order, each at its own price; most print a weighted
    average of several fills, with the footnote that gives the range."""
    rng, price = draft.rng, draft.price
    when = sorted([days[0], *(rng.choice(days) for _ in sizes[1:])])
    verb = "purchased" if code is P else "sold"
    for index, (size, day) in enumerate(zip(sizes, when, strict=True)):
        if index and day != when[index - 1]:
            price = market.near(rng, price, 0.02)
        notes = {"transaction_code": plan} if plan else {}
        if rng.random() < 0.65:
            average, low, high = market.weighted_fill(rng, price)
            notes["transaction_price_per_share"] = wording.weighted_average(rng, verb, low, high)
        else:
            average = market.near(rng, price, 0.01)
        draft.stock_trade(holding, day, code, size, average, notes)


def _plan(draft: Draft) -> str | None:
    """A Rule 10b5-1 plan footnote for about half of planned-looking trades."""
    if draft.rng.random() < 0.5:
        return None
    adopted = draft.day - timedelta(days=draft.rng.randint(30, 400))
    return wording.trading_plan(draft.rng, adopted)


def _expiry(draft: Draft, granted: date) -> date:
    """Ten years, or the day before the tenth anniversary."""
    return granted + relativedelta(years=10, days=-1 if draft.rng.random() < 0.3 else 0)


def _option_grant(draft: Draft, vest: schedules.Wording) -> None:
    rng = draft.rng
    vesting = vest(rng, draft.day, schedules.OPTION)
    printed = rng.random() < 0.5
    series = Series(
        Holding("II", rng.choice(wording.OPTION_TITLES)),
        underlying=draft.stock,
        exercise_price=draft.price,
        exercisable=vesting.first if printed else None,
        expiration=_expiry(draft, draft.day),
        notes={"exercise_date": vesting.text},
    )
    draft.derivative_trade(
        series, draft.day, A, _worth(draft, 100_000, 5_000_000, rng.choice((1, 100, 500)))
    )


def _unit_series(draft: Draft, vesting: str) -> Series:
    """Restricted stock units: no price, dates or expiration, only footnotes in those cells."""
    return Series(
        Holding("II", draft.rng.choice(wording.UNIT_TITLES)),
        underlying=draft.stock,
        notes={
            "conversion_or_exercise_price": wording.unit_conversion(draft.rng, draft.stock),
            "exercise_date": vesting,
            "expiration_date": draft.rng.choice(wording.UNIT_EXPIRATION),
        },
    )


def _unit_grant(draft: Draft, vest: schedules.Wording) -> None:
    series = _unit_series(draft, vest(draft.rng, draft.day, schedules.UNITS).text)
    if draft.rng.random() < 0.5:
        _opening(draft, series.holding, Decimal(0), 3_000_000)
    draft.derivative_trade(series, draft.day, A, _worth(draft, 50_000, 3_000_000))


def _stock_award(draft: Draft, awarded: Decimal, note: str) -> None:
    """A Table I award of shares at $0."""
    holding = draft.holding()
    _opening(draft, holding, Decimal(0), 10_000_000)
    draft.stock_trade(holding, draft.day, A, awarded, Decimal(0), {"transaction_shares": note})


def _withholding(draft: Draft, vested: Decimal, note: str) -> None:
    """Shares the issuer keeps for the taxes due on ``vested`` shares (code F, market price)."""
    withheld = Decimal(round(vested * Decimal(draft.rng.uniform(0.28, 0.45))))
    price = market.near(draft.rng, draft.price, 0.005)
    draft.stock_trade(draft.holding(), draft.day, F, withheld, price, {"transaction_shares": note})


# --- scenarios -------------------------------------------------------------------------------


def officer_award(draft: Draft) -> None:
    """An officer's annual grant: shares or units in Table I, options or units in Table II."""
    rng = draft.rng
    _officer(draft)
    in_table_i = rng.random() < 0.55
    if in_table_i:
        awarded, roll = _worth(draft, 50_000, 3_000_000), rng.random()
        if roll < 0.55:
            plan = wording.plan_award(draft.day.year - rng.randint(0, 8))
            vesting = schedules.vesting(rng, draft.day, schedules.UNITS)
            _stock_award(draft, awarded, f"{plan} {vesting.text}")
        elif roll < 0.8:
            _stock_award(draft, awarded, wording.performance_award(rng, awarded))
        else:
            period_end = date(draft.day.year - 1, 12, 31)
            _stock_award(draft, awarded, wording.earned_shares(draft.stock, period_end))
            _withholding(draft, awarded, rng.choice(wording.TAX_WITHHOLDING))
    if not in_table_i or rng.random() < 0.7:
        _option_grant(draft, schedules.vesting)
    if rng.random() < 0.25:
        _unit_grant(draft, schedules.vesting)


def director_award(draft: Draft) -> None:
    """A director's annual award (units, shares or options) vesting within about a year, now and
    then with options besides."""
    rng = draft.rng
    _director(draft)
    roll = rng.random()
    if roll < 0.5:
        _unit_grant(draft, schedules.director_vesting)
    elif roll < 0.8:
        vesting = schedules.director_vesting(rng, draft.day, schedules.SHARES)
        _stock_award(
            draft, _worth(draft, 50_000, 400_000), f"{wording.director_award(rng)} {vesting.text}"
        )
    if roll >= 0.8 or rng.random() < 0.15:
        _option_grant(draft, schedules.director_vesting)


def option_exercise(draft: Draft) -> None:
    """Options exercised (M in both tables, same day), then often sold at once or partly
    withheld to pay for the exercise."""
    rng = draft.rng
    if rng.random() < 0.8:
        _officer(draft)
    else:
        _director(draft)
    granted = draft.day - relativedelta(years=rng.randint(1, 8), days=rng.randint(1, 300))
    history = rng.random()
    if history < 0.4:
        vesting = schedules.annual(rng, granted, schedules.OPTION, rng.choice((3, 4)))
        notes, exercisable = {"exercise_date": vesting.text}, vesting.first
    elif history < 0.7:
        notes, exercisable = {"exercise_date": rng.choice(wording.OPTION_VESTED)}, None
    else:
        notes, exercisable = {}, granted + relativedelta(years=1)
    strike = max((draft.price * Decimal(rng.uniform(0.2, 0.85))).quantize(market.CENT), market.CENT)
    series = Series(
        Holding("II", rng.choice(wording.OPTION_TITLES)),
        underlying=draft.stock,
        exercise_price=strike,
        exercisable=exercisable,
        expiration=_expiry(draft, granted),
        notes=notes,
    )
    exercised = _worth(draft, 50_000, 5_000_000, rng.choice((1, 100, 500)))
    remaining = Decimal(0) if rng.random() < 0.4 else _worth(draft, 20_000, 5_000_000, 100)
    draft.open(series.holding, exercised + remaining)
    draft.derivative_trade(series, draft.day, M, exercised)

    plan = _plan(draft)
    stock = draft.holding()
    _opening(draft, stock, Decimal(0), 10_000_000)
    code_note = {"transaction_code": plan} if plan else {}
    draft.stock_trade(stock, draft.day, M, exercised, strike, code_note)
    after = rng.random()
    if after < 0.55:
        _fills(draft, stock, S, market.split(rng, exercised, rng.randint(1, 3)), [draft.day], plan)
    elif after < 0.7:
        sold = Decimal(round(exercised * Decimal(rng.uniform(0.3, 0.6))))
        _fills(draft, stock, S, [sold], [draft.day], plan)
    elif after < 0.85:
        _withholding(draft, exercised, wording.NET_EXERCISE)


def tax_withholding(draft: Draft) -> None:
    """Shares withheld for taxes when units vest: alone (F), or with the units' settlement (M in
    both tables) that made the shares."""
    rng = draft.rng
    _officer(draft)
    note = rng.choice(wording.TAX_WITHHOLDING)
    stock = draft.holding()
    if rng.random() < 0.5:
        count = rng.choice((3, 4))
        tranche = rng.randint(1, count)
        granted = draft.day - relativedelta(years=tranche)
        series = _unit_series(draft, schedules.annual(rng, granted, schedules.UNITS, count).text)
        per_tranche = _worth(draft, 20_000, 1_000_000)
        draft.open(series.holding, per_tranche * (count - tranche + 1))
        draft.derivative_trade(series, draft.day, M, per_tranche)
        _opening(draft, stock, Decimal(0), 5_000_000)
        draft.stock_trade(stock, draft.day, M, per_tranche, Decimal(0))
        _withholding(draft, per_tranche, note)
        return
    vested = [_worth(draft, 20_000, 1_000_000) for _ in range(1 if rng.random() < 0.7 else 2)]
    _opening(draft, stock, sum(vested, Decimal(0)), 5_000_000)
    for tranche_shares in vested:
        _withholding(draft, tranche_shares, note)


def gift(draft: Draft) -> None:
    """Gifts at $0: to charity out of the direct holding, or into a family trust (G in and out)."""
    rng = draft.rng
    who = _insider(draft)
    given = [
        _worth(draft, 10_000, 1_000_000, rng.choice((1, 100))) for _ in range(rng.randint(1, 2))
    ]
    direct = draft.holding()
    _opening(draft, direct, sum(given, Decimal(0)), 20_000_000)
    if rng.random() < 0.6:
        for shares in given:
            notes = {"transaction_shares": rng.choice(wording.CHARITABLE_GIFTS)}
            price: Decimal | None = Decimal(0)
            if rng.random() < 0.2:
                price, notes = None, {"transaction_price_per_share": wording.GIFT_PRICE}
            elif rng.random() < 0.4:
                notes = {}
            draft.stock_trade(direct, draft.day, G, shares, price, notes, AcquiredDisposed.D)
        return
    trust = family_holding(draft, who, "By Trust")
    if rng.random() < 0.5:
        _opening(draft, trust, Decimal(0), 10_000_000)
    note = {"transaction_shares": wording.family_transfer(who.last)}
    draft.stock_trade(direct, draft.day, G, given[0], Decimal(0), note, AcquiredDisposed.D)
    draft.stock_trade(trust, draft.day, G, given[0], Decimal(0), note, AcquiredDisposed.A)


def _personal_holding(
    draft: Draft, who: Person, natures: tuple[str, ...], direct: float
) -> Holding:
    if draft.rng.random() < direct:
        return draft.holding()
    return family_holding(draft, who, draft.rng.choice(natures))


def purchase(draft: Draft) -> None:
    """Open-market purchases over one to three days, often by directors."""
    rng = draft.rng
    who = _director(draft) if rng.random() < 0.5 else _insider(draft)
    holding = _personal_holding(draft, who, ("By Trust", "By Spouse", "By IRA", "By LLC"), 0.7)
    _opening(draft, holding, Decimal(0), 5_000_000)
    sizes = [
        _worth(draft, 5_000, 1_000_000, rng.choice((1, 100))) for _ in range(rng.randint(1, 4))
    ]
    _fills(draft, holding, P, sizes, market.trading_days(draft.day, rng.randint(1, 3)))


def sale(draft: Draft) -> None:
    """Open-market sales, often under a 10b5-1 plan, over one or two days."""
    rng = draft.rng
    who = _insider(draft)
    holding = _personal_holding(draft, who, ("By Trust", "By LLC"), 0.8)
    sizes = [_worth(draft, 10_000, 2_000_000) for _ in range(rng.randint(1, 5))]
    _opening(draft, holding, sum(sizes, Decimal(0)), 20_000_000)
    days = market.trading_days(draft.day, rng.randint(1, 2))
    _fills(draft, holding, S, sizes, days, _plan(draft))


def fund_trade(draft: Draft) -> None:
    """A 10% owner's fund and its general partner (and at times its manager) file jointly."""
    rng = draft.rng
    group = parties.fund_group(draft.fake, rng)
    draft.parties.extend(group)
    fund, partner = (party.owner.rpt_owner_name for party in group[:2])
    holding = draft.holding()
    if rng.random() < 0.6:
        holding = draft.holding(INDIRECT, SEE_FOOTNOTE, wording.fund_holding(rng, fund, partner))
    roll = rng.random()
    if roll < 0.15:
        shares = _worth(draft, 1_000_000, 50_000_000, 1_000)
        _opening(draft, holding, shares, 500_000_000)
        note = {"transaction_code": wording.distribution(rng, fund)}
        draft.stock_trade(holding, draft.day, J, shares, Decimal(0), note, AcquiredDisposed.D)
    else:
        code = P if roll < 0.55 else S
        sizes = [_worth(draft, 500_000, 50_000_000) for _ in range(rng.randint(1, 5))]
        _opening(draft, holding, sum(sizes, Decimal(0)) if code is S else Decimal(0), 500_000_000)
        _fills(draft, holding, code, sizes, market.trading_days(draft.day, rng.randint(1, 3)))
    if rng.random() < 0.35:
        affiliate = f"{fund.split(',')[0]} Affiliates Fund, L.P."
        note = wording.affiliate_holding(affiliate)
        held = _worth(draft, 1_000_000, 100_000_000)
        draft.hold(draft.holding(INDIRECT, "By Affiliated Fund", note), held)
