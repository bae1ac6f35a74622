"""Essay 3's scenario: parameters, presets and every formula (MODELS.md §3.2–3.3).

Every formula lives in one small public function; `scenario()` and the chart sweeps both
call them, so a number on the page and a point on a chart can never disagree.
"""

from .base import div, finite, lt, param, validate
from .treasuries_record import BELTRAN_LONG_RUN_BP_PER_100B

SPEC = [
    param("official_low_t", "万亿美元", 2.5, 0, 10, 0.1,
          "European official-sector Treasury holdings, low", "欧洲官方部门持有美债(下限)", "essay"),
    param("official_high_t", "万亿美元", 3.0, 0, 10, 0.1,
          "European official-sector Treasury holdings, high", "欧洲官方部门持有美债(上限)", "essay"),
    param("private_low_t", "万亿美元", 3.5, 0, 10, 0.1,
          "European private-sector holdings, low", "欧洲民间部门持有美债(下限)", "essay"),
    param("private_high_t", "万亿美元", 4.5, 0, 10, 0.1,
          "European private-sector holdings, high", "欧洲民间部门持有美债(上限)", "essay"),
    param("official_sell_share", "比例", 0.10, 0, 1, 0.01,
          "Share of official holdings that could be sold for political reasons",
          "官方持仓中可被政治动员抛售的比例", "assumption"),
    param("private_sell_share", "比例", 0.0, 0, 1, 0.01,
          "Share of private holdings that could be politically mobilised (\"几乎不可能\")",
          "民间持仓中可被政治动员的比例", "essay"),
    param("yield_impact_bp_per_100b", "基点/1000亿美元", BELTRAN_LONG_RUN_BP_PER_100B, 0, 80, 1,
          "Treasury yield rise per $100bn sold (linear toy)",
          "每抛售1000亿美元带来的美债收益率上升(基点)", "public (Beltran et al., long-run)"),
    param("us_offset_share", "比例", 0.0, 0, 1, 0.05,
          "Share of the yield shock neutralised by the Fed or Treasury",
          "美联储/财政部对冲掉的冲击比例", "assumption"),
    param("duration_years", "年", 5.0, 0.5, 20, 0.5,
          "Average duration of Europe's Treasury holdings", "欧洲持仓平均久期(年)", "assumption"),
    param("us_repricing_t_per_year", "万亿美元/年", 9.2, 0.5, 40, 0.1,
          "US marketable debt maturing (repricing) per year", "美国每年到期需再融资的国债",
          "public (secondary)"),
    param("us_debt_t", "万亿美元", 30.1, 1, 60, 0.1,
          "US debt held by the public (cap on the repriced stock)", "美国公众持有国债总额", "public"),
    param("retaliation_spread_bp", "基点", 400, 0, 1500, 10,
          "Spread widening on European sovereign debt after a US security \"downgrade\" "
          "(Turkey-2018 scale)",
          "美国\"降级\"安全承诺后欧洲主权利差扩大(基点)", "assumption (Turkey analogy)"),
    param("eu_repricing_t_per_year", "万亿美元/年", 3.0, 0.1, 20, 0.1,
          "European government debt repricing per year", "欧洲政府债务每年再融资规模",
          "assumption (unverified)"),
    param("eu_debt_t", "万亿美元", 15.7, 1, 40, 0.1,
          "European government debt (cap on the repriced stock)", "欧洲政府债务总额",
          "public (derived: EU27 ≈ €14.5tn × 1.08)"),
    param("horizon_years", "年", 1, 1, 10, 1,
          "Comparison horizon", "比较期(年)", "assumption", integer=True),
]

#: Range pairs swapped (with a warning) when the low end exceeds the high end.
PAIRS = (("official_low_t", "official_high_t"), ("private_low_t", "private_high_t"))

#: Spec presets (MODELS.md §3.7); the engine adds "文中默认值" itself, first.
PRESETS = {
    "persistent_shock_3y": {"horizon_years": 3},
    "turkey_2019_scale": {"retaliation_spread_bp": 0},
}

PRESET_LABELS = {
    "persistent_shock_3y": "冲击持续3年",
    "turkey_2019_scale": "土耳其2019年规模(利差不变)",
}


#: Years searched for the crossover and shown on the horizon chart.
MAX_YEARS = 10

# --- formulas (each used by compute() and by the chart sweeps) ---------------

def midpoint(low, high):
    """Middle of a range (the essay's ranges are read at their midpoints)."""
    return (low + high) / 2


def mobilisable_sale_t(official_t, private_t, official_share, private_share):
    """USD tn Europe could plausibly sell for political reasons (M)."""
    return official_share * official_t + private_share * private_t


def yield_shock(impact_bp_per_100b, sale_t, offset_share):
    """Treasury yield rise (decimal, 0.0055 = 55bp) from a sale of `sale_t` USD tn.

    Linear toy: `impact_bp_per_100b` basis points per $100bn sold, minus the
    share the Fed or Treasury neutralises.
    """
    return impact_bp_per_100b * (sale_t * 1e12 / 100e9) * (1 - offset_share) / 1e4


def mark_to_market_loss_b(duration_years, dy, kept_t):
    """USD bn paper loss on the holdings Europe keeps (recovered if held to maturity)."""
    return duration_years * dy * kept_t * 1e3


def realised_loss_b(duration_years, dy, sold_t):
    """USD bn loss on what Europe sells into a falling market (average impact dy/2)."""
    return duration_years * (dy / 2) * sold_t * 1e3


def repriced_in_year(rate_t_per_year, cap_t, year):
    """USD tn of debt carrying the new yield during `year` (mid-year convention, capped)."""
    return min(rate_t_per_year * (year - 0.5), cap_t)


def repriced_path(rate_t_per_year, cap_t, years):
    """Cumulative repriced stock rep(r, cap, T) in USD tn-years for T = 1..years."""
    path, total = [], 0.0
    for year in range(1, years + 1):
        total += repriced_in_year(rate_t_per_year, cap_t, year)
        path.append(total)
    return path


def repriced_stock(rate_t_per_year, cap_t, years):
    """rep(r, cap, T) = Σ_{t=1..T} min(r·(t − 0.5), cap), in USD tn-years."""
    return repriced_path(rate_t_per_year, cap_t, years)[-1]


def interest_cost_b(rate_rise, repriced_tn_years):
    """USD bn of extra interest when `repriced_tn_years` of debt pays `rate_rise` more.

    Used for the US (rate rise = the Treasury yield shock) and for Europe
    (rate rise = the retaliation spread).
    """
    return rate_rise * repriced_tn_years * 1e3


def breakeven_spread_bp(us_extra_interest_b, eu_repriced_tn_years):
    """Spread (bp) at which Europe's retaliation cost equals the US cost; None if undefined."""
    ratio = div(us_extra_interest_b, eu_repriced_tn_years * 1e3)
    return None if ratio is None else ratio * 1e4


def first_crossover_year(us_costs_b, self_harm_b):
    """Smallest year t (1-based) whose cumulative US cost exceeds Europe's self-harm, else None."""
    for year, cost in enumerate(us_costs_b, start=1):
        if lt(self_harm_b, cost):
            return year
    return None


# --- the model ------------------------------------------------------------

def _derive(inputs):
    """Every derived output of §3.3 for validated inputs."""
    official = midpoint(inputs["official_low_t"], inputs["official_high_t"])
    private = midpoint(inputs["private_low_t"], inputs["private_high_t"])
    holdings = official + private
    sale = mobilisable_sale_t(official, private, inputs["official_sell_share"],
                              inputs["private_sell_share"])
    dy = yield_shock(inputs["yield_impact_bp_per_100b"], sale, inputs["us_offset_share"])
    duration = inputs["duration_years"]
    mtm = mark_to_market_loss_b(duration, dy, holdings - sale)
    realised = realised_loss_b(duration, dy, sale)
    self_harm = mtm + realised
    horizon = inputs["horizon_years"]
    us_path = repriced_path(inputs["us_repricing_t_per_year"], inputs["us_debt_t"], MAX_YEARS)
    us_costs = [interest_cost_b(dy, rep) for rep in us_path]
    rep_us = us_path[horizon - 1]
    rep_eu = repriced_stock(inputs["eu_repricing_t_per_year"], inputs["eu_debt_t"], horizon)
    us_extra = us_costs[horizon - 1]
    retaliation = interest_cost_b(inputs["retaliation_spread_bp"] / 1e4, rep_eu)
    return {
        "O": official,
        "Pv": private,
        "H": holdings,
        "holdings_range_t": [inputs["official_low_t"] + inputs["private_low_t"],
                             inputs["official_high_t"] + inputs["private_high_t"]],
        "M": sale,
        "mobilisable_b": sale * 1e3,
        "mobilisable_share": div(sale, holdings),
        "dy": dy,
        "yield_shock_bp": dy * 1e4,
        "eu_mtm_loss_b": mtm,
        "eu_realised_loss_b": realised,
        "eu_self_harm_b": self_harm,
        "rep_US": rep_us,
        "rep_EU": rep_eu,
        "us_extra_interest_b": us_extra,
        "retaliation_cost_b": retaliation,
        "self_harm_ratio": div(self_harm, us_extra),
        "breakeven_spread_bp": breakeven_spread_bp(us_extra, rep_eu),
        "crossover_year": first_crossover_year(us_costs, self_harm),
    }


def _finite_outputs(outputs):
    """Replace any non-finite float by None (lists included)."""
    clean = {}
    for name, value in outputs.items():
        if isinstance(value, list):
            clean[name] = [finite(v) for v in value]
        elif isinstance(value, float):
            clean[name] = finite(value)
        else:
            clean[name] = value
    return clean


def scenario(params, strict):
    """(inputs, warnings, outputs) for `params`: validated (clamped, swapped), then derived."""
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    return inputs, warnings, _finite_outputs(_derive(inputs))
