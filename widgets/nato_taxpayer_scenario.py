"""Essay 2's scenario: parameters, presets, the ledger and every formula (MODELS.md §2.2–2.3).

The formulas are shared by `scenario()` and the chart sweeps.
"""

from .base import ZERO, div, param, validate
from .nato_taxpayer_record import BRUEGEL_KIEL_USD_BN, PAYING_RETURNS_2022_M

USD_PER_BN = 1e9
PEOPLE_PER_M = 1e6

#: The essay's "约1000美元" per taxpayer, and "约" read as ±10% (MODELS.md §7.3).
CLAIMED_GROSS_USD = 1000
GROSS_TOLERANCE_USD = 100

UNIT_BN_PER_YEAR = "十亿美元/年"

SPEC = [
    param("subsidy_low_b", UNIT_BN_PER_YEAR, 100, 0, 600, 5,
          "US systemic cost of European security, low",
          "美国为欧洲安全承担的体系性成本(下限)", "essay"),
    param("subsidy_high_b", UNIT_BN_PER_YEAR, 200, 0, 600, 5,
          "US systemic cost of European security, high",
          "美国为欧洲安全承担的体系性成本(上限)", "essay"),
    param("taxpayers_m", "百万人", 160, 1, 250, 1,
          "US taxpayers who actually pay federal income tax",
          "实际缴纳联邦所得税的纳税人(百万)", "essay"),
    param("europe_offsets_b", UNIT_BN_PER_YEAR, 0, 0, 300, 5,
          "Explicit European payments counted as offsets (host-nation support, arms purchases)",
          "欧洲的显性支付(东道国分担、军购等)", "essay"),
    param("benefit_low_b", UNIT_BN_PER_YEAR, 200, 0, 800, 5,
          "US benefits from the alliance system, low",
          "美国从同盟体系获得的收益(下限)", "essay"),
    param("benefit_high_b", UNIT_BN_PER_YEAR, 250, 0, 800, 5,
          "US benefits from the alliance system, high",
          "美国从同盟体系获得的收益(上限)", "essay"),
    param("selfbuild_low_b", UNIT_BN_PER_YEAR, 200, 0, 1000, 5,
          "Europe's annualised cost to self-build equivalent capability, low",
          "欧洲自建等效能力年化成本(下限)", "essay"),
    param("selfbuild_high_b", UNIT_BN_PER_YEAR, 300, 0, 1000, 5,
          "Europe's annualised cost to self-build equivalent capability, high",
          "欧洲自建等效能力年化成本(上限)", "essay"),
    param("selfbuild_risk_max_b", UNIT_BN_PER_YEAR, 400, 0, 1500, 5,
          "Self-build cost including risk premium",
          "计入风险溢价后的自建成本上限", "essay"),
    param("rent_b", UNIT_BN_PER_YEAR, 50, 0, 500, 5,
          "\"Security rent\" charged to allies (\"几百亿\")",
          "向盟友收取的安全租金(几百亿)", "essay+assumption"),
    param("rent_trigger_share", "比例", 0.5, 0.05, 1.0, 0.05,
          "Rent, as a share of Europe's cheapest self-build cost, at which Europe starts to self-build",
          "触发欧洲考虑自建的租金比例", "assumption"),
]

PAIRS = (
    ("subsidy_low_b", "subsidy_high_b"),
    ("benefit_low_b", "benefit_high_b"),
    ("selfbuild_low_b", "selfbuild_high_b"),
)

PRESETS = {
    # Only the ~110.6M returns that owe income tax (IRS SOI 2022 via NTU), and
    # Bruegel/Kiel's €250bn ≈ $260bn as a point estimate of self-building.
    "public_record": {
        "taxpayers_m": PAYING_RETURNS_2022_M,
        "selfbuild_low_b": BRUEGEL_KIEL_USD_BN,
        "selfbuild_high_b": BRUEGEL_KIEL_USD_BN,
    },
}

PRESET_LABELS = {"public_record": "公开数据"}


# --- formulas (shared by compute() and the chart sweeps) ---------------------

def midpoint(low_b, high_b):
    """Point estimate of a range, as the essay takes it ("取一个中位数")."""
    return (low_b + high_b) / 2


def per_taxpayer(amount_b, taxpayers_m):
    """USD per taxpayer per year for an amount in USD bn/yr (MODELS.md §0.5).

    Args:
        amount_b: Amount in USD billions per year (may be negative).
        taxpayers_m: Number of taxpayers in millions.

    Returns:
        Dollars per taxpayer, or None when there are (nearly) no taxpayers.
    """
    return div(amount_b * USD_PER_BN, taxpayers_m * PEOPLE_PER_M)


def net_cost(subsidy_b, offsets_b, benefit_b):
    """US net cost after European payments and US benefits; < 0 means the US is ahead."""
    return subsidy_b - offsets_b - benefit_b


def breakeven_benefit(subsidy_b, offsets_b):
    """US benefits at which the books balance (net cost exactly zero)."""
    return net_cost(subsidy_b, offsets_b, 0)


def stay_payoff(benefit_b, rent_b, offsets_b, subsidy_b):
    """US payoff of staying rather than a full exit that forfeits every benefit."""
    return benefit_b + rent_b + offsets_b - subsidy_b


def rent_ceiling(trigger_share, selfbuild_low_b):
    """Largest rent Europe tolerates before it starts to self-build (assumption)."""
    return trigger_share * selfbuild_low_b


def selfbuild_max(risk_max_b, selfbuild_high_b):
    """Self-build cost with risk premium, never below the self-build high estimate."""
    return max(risk_max_b, selfbuild_high_b)


def taxpayers_for_gross(subsidy_b, gross_usd):
    """Taxpayers (millions) at which `subsidy_b` comes to `gross_usd` dollars each.

    Returns:
        Millions of taxpayers, or None when `gross_usd` is (nearly) zero.
    """
    people = div(subsidy_b * USD_PER_BN, gross_usd)
    return None if people is None else people / PEOPLE_PER_M


def per_taxpayer_1000_window(subsidy_b):
    """Taxpayer counts (millions) for which the gross cost is within $1,000 ± 10%.

    Returns:
        [low, high] in millions, or None when the subsidy is zero (no count works).
    """
    if subsidy_b < ZERO:
        return None
    return [taxpayers_for_gross(subsidy_b, CLAIMED_GROSS_USD + GROSS_TOLERANCE_USD),
            taxpayers_for_gross(subsidy_b, CLAIMED_GROSS_USD - GROSS_TOLERANCE_USD)]


# --- scenario -----------------------------------------------------------------

def validated(params, strict):
    """(inputs, warnings): `params` validated, with a warning when the risk maximum is low."""
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    if inputs["selfbuild_risk_max_b"] < inputs["selfbuild_high_b"]:
        warnings.append("risk_max_below_high")
    return inputs, warnings


def ledger_of(inputs):
    """The ledger's point estimates (C, B, S, S_lo, S_max, P, R, N) under names that say
    what they hold."""
    return {
        "subsidy": midpoint(inputs["subsidy_low_b"], inputs["subsidy_high_b"]),
        "benefit": midpoint(inputs["benefit_low_b"], inputs["benefit_high_b"]),
        "selfbuild": midpoint(inputs["selfbuild_low_b"], inputs["selfbuild_high_b"]),
        "selfbuild_low": inputs["selfbuild_low_b"],
        "selfbuild_max": selfbuild_max(inputs["selfbuild_risk_max_b"],
                                       inputs["selfbuild_high_b"]),
        "offsets": inputs["europe_offsets_b"],
        "rent": inputs["rent_b"],
        "taxpayers": inputs["taxpayers_m"],
    }


def scenario(params, strict):
    """(inputs, warnings, outputs) for `params`: validated, then every derived output."""
    inputs, warnings = validated(params, strict)
    return inputs, warnings, _outputs(inputs, ledger_of(inputs))


def _outputs(inputs, ledger):
    """Every derived output of MODELS.md §2.3 (plus the ledger's point estimates)."""
    subsidy, benefit, offsets = ledger["subsidy"], ledger["benefit"], ledger["offsets"]
    taxpayers, rent = ledger["taxpayers"], ledger["rent"]
    net = net_cost(subsidy, offsets, benefit)
    net_band = [net_cost(inputs["subsidy_low_b"], offsets, inputs["benefit_high_b"]),
                net_cost(inputs["subsidy_high_b"], offsets, inputs["benefit_low_b"])]
    return {
        "subsidy_mid_b": subsidy,
        "benefit_mid_b": benefit,
        "selfbuild_mid_b": ledger["selfbuild"],
        "selfbuild_max_b": ledger["selfbuild_max"],
        "gross_per_taxpayer": per_taxpayer(subsidy, taxpayers),
        "gross_band": [per_taxpayer(inputs["subsidy_low_b"], taxpayers),
                       per_taxpayer(inputs["subsidy_high_b"], taxpayers)],
        "net_cost_b": net,
        "net_per_taxpayer": per_taxpayer(net, taxpayers),
        "net_band_b": net_band,
        "net_band_per_taxpayer": [per_taxpayer(x, taxpayers) for x in net_band],
        "breakeven_benefit_b": breakeven_benefit(subsidy, offsets),
        "breakeven_taxpayers_m_for_1000": taxpayers_for_gross(subsidy, CLAIMED_GROSS_USD),
        "per_taxpayer_1000_window_m": per_taxpayer_1000_window(subsidy),
        "value_to_cost_ratio": div(ledger["selfbuild"], subsidy),
        "explicit_price_share": div(offsets, ledger["selfbuild"]),
        "rent_per_taxpayer": per_taxpayer(rent, taxpayers),
        "rent_ceiling_b": rent_ceiling(inputs["rent_trigger_share"], ledger["selfbuild_low"]),
        "rent_share_of_selfbuild_low": div(rent, ledger["selfbuild_low"]),
        "us_stay_payoff_b": stay_payoff(benefit, rent, offsets, subsidy),
    }

