"""Essay 3: why "Europe dumping Treasuries" is not a credible weapon (MODELS.md §3).

A toy comparison of who is hurt by a politically motivated European sale of US
Treasuries: Europe (paper losses on what it keeps, realised losses on what it
sells) or the US (extra interest on the debt it refinances while yields are
up), and of how much a US retaliation (a spread shock on European government
debt) would cost Europe. Standard library only: the same file runs at build
time in CPython and in the reader's browser in Pyodide.

Every formula lives in one small public function below; `compute()` and the
chart sweeps both call them, so a number on the page and a point on a chart
can never disagree.
"""

import math

from .base import (ESSAY_CLAIM, bp, display, div, finite, ge, gt, le, lt, param, pct,
                   result, times, usd_bn_en, usd_bn_zh, validate, verdict)
from .treasuries_record import (DEUTSCHE_BANK_BONDS_AND_EQUITIES_B, NASDAQ_F35_URL, PUBLIC_RECORD,
                                REUTERS_CDS_2018_URL, TIC_EUROPE_TOP7_B,
                                TURKEY_2018_CDS_FROM_BP, TURKEY_2018_CDS_TO_BP)

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
    param("yield_impact_bp_per_100b", "基点/1000亿美元", 20, 0, 80, 1,
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

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e3.private_larger": "民间持仓更大",
    "e3.small_mobilisable": "可动员抛售很少",
    "e3.not_credible": "抛售不是可信武器",
    "e3.asymmetric_retaliation": "美国报复不对等",
}

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "mobilisable_b": "可被动员抛售",
    "self_harm_ratio": "欧洲自伤/美国成本",
    "retaliation_cost_b": "欧洲承受的报复成本",
    "breakeven_spread_bp": "报复持平利差",
}

#: "A small fraction": the most of Europe's holdings that counts as small (§3.4).
SMALL_SHARE = 0.10

#: Extra US interest at or below this (USD bn) means the sale moved nothing.
TOOTHLESS_B = 1e-9

#: Years searched for the crossover and shown on the horizon chart.
MAX_YEARS = 10

#: The break-even chart sweeps the spread from 0 to at least this many bp.
SPREAD_SWEEP_MAX_BP = 1000

#: Points on the break-even chart (one per 10bp at the default range).
SPREAD_SWEEP_POINTS = 101

#: Display format of every output (keys of base.FORMATS or "num:<decimals>:<suffix>").
OUTPUT_FORMATS = {
    "O": "usd_t",
    "Pv": "usd_t",
    "H": "usd_t",
    "holdings_range_t": "usd_t",
    "M": "usd_t",
    "mobilisable_b": "usd_bn",
    "mobilisable_share": "pct",
    "dy": "num:4:",
    "yield_shock_bp": "bp",
    "eu_mtm_loss_b": "usd_bn",
    "eu_realised_loss_b": "usd_bn",
    "eu_self_harm_b": "usd_bn",
    "rep_US": "num:1:万亿美元·年",
    "rep_EU": "num:1:万亿美元·年",
    "us_extra_interest_b": "usd_bn",
    "retaliation_cost_b": "usd_bn",
    "self_harm_ratio": "times",
    "breakeven_spread_bp": "bp",
    "crossover_year": "num:0:年",
}

# math.fsum, not sum(): sum() of floats is compensated from Python 3.12 on (Pyodide), not on 3.11.
_TIC_TOTAL_B = math.fsum(value for _, value in TIC_EUROPE_TOP7_B)

#: Static public-record markers per chart id, with the record module's source URLs.
PUBLIC_MARKERS = {
    "chart_e3_holdings": [
        {"axis": "y", "value": DEUTSCHE_BANK_BONDS_AND_EQUITIES_B, "kind": "public_record",
         "label_en": "Deutsche Bank: Europe's US bonds and equities ≈ $8tn",
         "label_zh": "德意志银行:欧洲持有的美国债券和股票合计约8万亿美元",
         "source_url": None},
    ],
    "chart_e3_breakeven_spread": [
        {"axis": "x", "value": TURKEY_2018_CDS_TO_BP - TURKEY_2018_CDS_FROM_BP,
         "kind": "public_record",
         "label_en": (f"Turkey 2018: 5y CDS +{TURKEY_2018_CDS_TO_BP - TURKEY_2018_CDS_FROM_BP}bp "
                      f"({TURKEY_2018_CDS_FROM_BP}→{TURKEY_2018_CDS_TO_BP}bp)"),
         "label_zh": (f"土耳其2018年:5年期CDS上升"
                      f"{TURKEY_2018_CDS_TO_BP - TURKEY_2018_CDS_FROM_BP}个基点"
                      f"({TURKEY_2018_CDS_FROM_BP}→{TURKEY_2018_CDS_TO_BP})"),
         "source_url": REUTERS_CDS_2018_URL},
        {"axis": "x", "value": 0, "kind": "public_record",
         "label_en": "Turkey after the July 2019 F-35 removal: lira firm",
         "label_zh": "土耳其2019年7月被移出F-35项目后:里拉走稳",
         "source_url": NASDAQ_F35_URL},
    ],
}


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


def _tn_zh(value_t):
    """USD tn in Chinese units ("2.75万亿美元")."""
    return display(value_t, "usd_t")


def _tn_en(value_t):
    """USD tn for English text ("$2.75tn")."""
    return usd_bn_en(None if value_t is None else value_t * 1e3)


def _verdict_private_larger(out):
    """e3.private_larger: private holdings exceed official ones."""
    holds = gt(out["Pv"], out["O"])
    o_en, pv_en, o_zh, pv_zh = _tn_en(out["O"]), _tn_en(out["Pv"]), _tn_zh(out["O"]), _tn_zh(out["Pv"])
    if holds:
        text_en = (f"Private holdings ({pv_en}) exceed official ({o_en}), "
                   "as the essay says ('规模更大').")
        text_zh = f"民间部门持有{pv_zh}美债,多于官方部门的{o_zh},与文中“规模更大”的说法一致。"
    else:
        text_en = (f"At these inputs official holdings ({o_en}) are the larger block "
                   f"(private: {pv_en}).")
        text_zh = f"按当前输入,官方部门持有{o_zh},不少于民间部门的{pv_zh},与文中“民间规模更大”的说法不符。"
    return verdict("e3.private_larger", ESSAY_CLAIM, holds, "Pv > O",
                   out["Pv"] - out["O"], text_en, text_zh)


def _verdict_small_mobilisable(out):
    """e3.small_mobilisable: at most 10% of the holdings could be politically sold."""
    share = out["mobilisable_share"]
    holds = le(share, SMALL_SHARE)
    margin = None if share is None else SMALL_SHARE - share
    sale_en, sale_zh = usd_bn_en(out["mobilisable_b"]), usd_bn_zh(out["mobilisable_b"])
    if holds is None:
        text_en = "No holdings: there is nothing to mobilise."
        text_zh = "按当前输入欧洲没有持有美债,谈不上可被动员的比例。"
    elif holds:
        text_en = (f"Only {sale_en} ({pct(share)} of {_tn_en(out['H'])}) could plausibly "
                   "be sold for political reasons.")
        text_zh = f"可被政治动员抛售的只有{sale_zh},占欧洲{_tn_zh(out['H'])}持仓的{pct(share)}。"
    else:
        text_en = (f"{pct(share)} of holdings ({sale_en}) is mobilisable, "
                   "more than a small fraction.")
        text_zh = (f"可被政治动员的持仓达{sale_zh},占{pct(share)},"
                   f"超过{pct(SMALL_SHARE)},已不是“一小部分”。")
    return verdict("e3.small_mobilisable", ESSAY_CLAIM, holds,
                   "mobilisable_share ≤ 0.10 (undetermined if H = 0)", margin, text_en, text_zh)


def _verdict_not_credible(out, horizon):
    """e3.not_credible: the sale hurts Europe at least as much as it costs the US."""
    us, harm = out["us_extra_interest_b"], out["eu_self_harm_b"]
    toothless = le(us, TOOTHLESS_B)
    holds = toothless or ge(harm, us)
    if toothless:
        text_en = "The sale moves nothing: a toothless weapon."
        text_zh = "这笔抛售推不动美债收益率,美国几乎不付额外利息:这是一件没有牙齿的武器。"
    elif holds:
        ratio = out["self_harm_ratio"]
        ratio_en = "n/a" if ratio is None else f"{ratio:.1f}×"
        text_en = (f"A {usd_bn_en(out['mobilisable_b'])} sale (+{out['yield_shock_bp']:.0f}bp) "
                   f"costs Europe {usd_bn_en(harm)} (mostly paper losses) vs {usd_bn_en(us)} "
                   f"of extra US interest over {horizon} yr: {ratio_en} more self-harm. "
                   "Not a credible weapon.")
        text_zh = (f"抛售{usd_bn_zh(out['mobilisable_b'])}(美债收益率上升{bp(out['yield_shock_bp'])})"
                   f"使欧洲损失{usd_bn_zh(harm)}(主要是账面损失),而美国{horizon}年内的额外利息"
                   f"只有{usd_bn_zh(us)},欧洲的自伤是美国成本的{times(ratio, 1)}:这不是可信的武器。")
    else:
        crossover = out["crossover_year"]
        text_en = (f"Over {horizon} years the US pays {usd_bn_en(us)} in extra interest, more "
                   f"than Europe's {usd_bn_en(harm)} loss. If the shock persisted this long, "
                   f"the weapon would bite (crossover in year {crossover}).")
        text_zh = (f"若冲击持续{horizon}年,美国累计多付{usd_bn_zh(us)}利息,超过欧洲{usd_bn_zh(harm)}"
                   f"的损失;冲击若真能持续这么久,这件武器就会奏效(第{crossover}年起美国成本更高)。")
    return verdict("e3.not_credible", ESSAY_CLAIM, holds,
                   "us_extra_interest_b ≤ 1e-9 or eu_self_harm_b ≥ us_extra_interest_b",
                   harm - us, text_en, text_zh)


def _verdict_asymmetric_retaliation(out, inputs):
    """e3.asymmetric_retaliation: a US spread shock costs Europe more than the sale costs the US."""
    cost, us = out["retaliation_cost_b"], out["us_extra_interest_b"]
    holds = gt(cost, us)
    spread, breakeven = inputs["retaliation_spread_bp"], out["breakeven_spread_bp"]
    breakeven_en = "n/a" if breakeven is None else f"{breakeven:.0f}bp"
    if holds:
        text_en = (f"A +{spread:.0f}bp spread shock on European debt costs Europe "
                   f"{usd_bn_en(cost)} vs {usd_bn_en(us)} for the US. Retaliation is "
                   f"asymmetric (it needs ≥ {breakeven_en}).")
        text_zh = (f"美国若让欧洲主权债务利差扩大{bp(spread)},欧洲将多付{usd_bn_zh(cost)}利息,"
                   f"超过美国的{usd_bn_zh(us)}:报复是不对等的(只需利差扩大{bp(breakeven)}即可持平)。")
    else:
        text_en = (f"A +{spread:.0f}bp shock costs Europe only {usd_bn_en(cost)}, no more than the "
                   f"US cost of {usd_bn_en(us)}. Retaliation would need ≥ {breakeven_en} "
                   "to be asymmetric.")
        text_zh = (f"利差扩大{bp(spread)}只让欧洲多付{usd_bn_zh(cost)}利息,不超过美国的"
                   f"{usd_bn_zh(us)};报复要形成不对等,利差至少需扩大{bp(breakeven)}。")
    return verdict("e3.asymmetric_retaliation", ESSAY_CLAIM, holds,
                   "retaliation_cost_b > us_extra_interest_b", cost - us, text_en, text_zh)


def compute(params=None, *, strict=True):
    """Run the Essay 3 model (MODELS.md §3).

    Args:
        params: {parameter name: number}; missing names take their defaults.
        strict: Raise on out-of-range values (build, tests) instead of clamping (browser).

    Returns:
        {"inputs", "outputs", "verdicts", "warnings"} as in MODELS.md §0.1. Verdict
        margins are signed so that a positive margin means the claim holds.

    Raises:
        ModelInputError: unknown name, non-number, NaN/inf, fractional integer,
            or (with strict) a value outside its bounds.
    """
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    outputs = _finite_outputs(_derive(inputs))
    horizon = inputs["horizon_years"]
    verdicts = [
        _verdict_private_larger(outputs),
        _verdict_small_mobilisable(outputs),
        _verdict_not_credible(outputs, horizon),
        _verdict_asymmetric_retaliation(outputs, inputs),
    ]
    return result(inputs, outputs, verdicts, warnings)


# --- charts ---------------------------------------------------------------

def _scenario(params):
    """Validated inputs (clamped, swapped) and derived outputs for a chart."""
    inputs, _ = validate(SPEC, params, strict=False, pairs=PAIRS)
    return inputs, _finite_outputs(_derive(inputs))


def _public_markers(chart_id):
    """Copies of a chart's static public-record markers."""
    return [dict(marker) for marker in PUBLIC_MARKERS.get(chart_id, [])]


def chart_e3_holdings(params=None):
    """"How big is Europe's stack?": the essay's holdings next to TIC's largest European holders.

    Stacked bar with two categories (the essay's midpoints; TIC Dec 2025). The
    essay bar stacks official and private holdings, each split into the
    politically mobilisable slice (style "hatched") and the rest. The essay's
    low–high ranges are y regions (official range; total range), whose edges
    line up with the top of the official segment and the top of the stack.
    """
    inputs, out = _scenario(params)
    official_sold = inputs["official_sell_share"] * out["O"] * 1e3
    private_sold = inputs["private_sell_share"] * out["Pv"] * 1e3
    essay_series = [
        ("Official: politically mobilisable", "官方部门:可被政治动员抛售", official_sold, "hatched"),
        ("Official: the rest", "官方部门:其余持仓", out["O"] * 1e3 - official_sold, "solid"),
        ("Private: politically mobilisable", "民间部门:可被政治动员抛售", private_sold, "hatched"),
        ("Private: the rest", "民间部门:其余持仓", out["Pv"] * 1e3 - private_sold, "solid"),
    ]
    series = [{"name_en": en, "name_zh": zh, "values": [finite(value), 0.0], "style": style}
              for en, zh, value, style in essay_series]
    series += [{"name_en": f"TIC: {zh}", "name_zh": f"TIC:{zh}", "values": [0.0, value],
                "style": "solid"} for zh, value in TIC_EUROPE_TOP7_B]
    low, high = out["holdings_range_t"]
    regions = [
        {"axis": "y", "from": inputs["official_low_t"] * 1e3, "to": inputs["official_high_t"] * 1e3,
         "label_en": "Essay: official range", "label_zh": "文中官方部门区间"},
        {"axis": "y", "from": low * 1e3, "to": high * 1e3,
         "label_en": "Essay: total range", "label_zh": "文中合计区间"},
    ]
    markers = _public_markers("chart_e3_holdings") + [
        {"axis": "y", "value": out["H"] * 1e3, "kind": "current",
         "label_en": f"Essay midpoint total: {_tn_en(out['H'])}",
         "label_zh": f"文中区间中值合计:{_tn_zh(out['H'])}"},
    ]
    caption = (f"按文中区间中值,欧洲持有{_tn_zh(out['H'])}美债(官方{_tn_zh(out['O'])}、"
               f"民间{_tn_zh(out['Pv'])}),其中可被政治动员抛售的只有{usd_bn_zh(out['mobilisable_b'])}"
               f"(占{pct(out['mobilisable_share'])})。对照:TIC所列欧洲前七大持有地合计约"
               f"{usd_bn_zh(_TIC_TOTAL_B)}(全部部门,按托管地),德意志银行所说的8万亿美元还包括股票。")
    return {
        "id": "chart_e3_holdings",
        "type": "stacked_bar",
        "title_zh": "欧洲手里有多少美债?",
        "caption_zh": caption,
        "x": {"label_en": "Source", "label_zh": "数据来源", "unit": "", "scale": "linear",
              "values": ["文中估计", "TIC:欧洲前七大持有地(2025年12月)"]},
        "y": {"label_en": "Treasury holdings", "label_zh": "持有美债", "unit": "十亿美元",
              "scale": "linear"},
        "series": series,
        "markers": markers,
        "regions": regions,
    }


def chart_e3_horizon(params=None):
    """"Who hurts more, and for how long?": cumulative costs over horizons 1..10 years."""
    inputs, out = _scenario(params)
    years = list(range(1, MAX_YEARS + 1))
    us_path = repriced_path(inputs["us_repricing_t_per_year"], inputs["us_debt_t"], MAX_YEARS)
    eu_path = repriced_path(inputs["eu_repricing_t_per_year"], inputs["eu_debt_t"], MAX_YEARS)
    us_costs = [finite(interest_cost_b(out["dy"], rep)) for rep in us_path]
    spread = inputs["retaliation_spread_bp"] / 1e4
    retaliation_costs = [finite(interest_cost_b(spread, rep)) for rep in eu_path]
    harm, realised = out["eu_self_harm_b"], out["eu_realised_loss_b"]
    series = [
        {"name_en": "US extra interest (cumulative)", "name_zh": "美国额外利息(累计)",
         "values": us_costs, "style": "solid"},
        {"name_en": "Europe's self-harm (shaded: paper loss on kept holdings)",
         "name_zh": "欧洲自伤(阴影部分为持仓的账面损失)",
         "values": [harm] * MAX_YEARS, "style": "band",
         "band_low": [realised] * MAX_YEARS, "band_high": [harm] * MAX_YEARS},
        {"name_en": "Europe's cost of US retaliation (cumulative)", "name_zh": "欧洲承受的报复成本(累计)",
         "values": retaliation_costs, "style": "dashed"},
    ]
    horizon, crossover = inputs["horizon_years"], out["crossover_year"]
    markers = [{"axis": "x", "value": horizon, "kind": "current",
                "label_en": f"Current horizon: {horizon} yr", "label_zh": f"当前比较期:{horizon}年"}]
    if crossover is not None:
        markers.append({"axis": "x", "value": crossover, "kind": "breakeven",
                        "label_en": f"US cost overtakes Europe's self-harm: year {crossover}",
                        "label_zh": f"美国成本超过欧洲自伤:第{crossover}年"})
        crossover_zh = f"美国的累计成本在第{crossover}年超过欧洲的自伤。"
    else:
        crossover_zh = f"{MAX_YEARS}年内美国的累计成本都不超过欧洲的自伤。"
    caption = (f"冲击持续{horizon}年时,美国累计多付{usd_bn_zh(out['us_extra_interest_b'])}利息,"
               f"欧洲自伤{usd_bn_zh(harm)}(其中账面损失{usd_bn_zh(out['eu_mtm_loss_b'])}),"
               f"美国报复让欧洲多付{usd_bn_zh(out['retaliation_cost_b'])}。{crossover_zh}")
    return {
        "id": "chart_e3_horizon",
        "type": "line",
        "title_zh": "谁更痛,痛多久?",
        "caption_zh": caption,
        "x": {"label_en": "Horizon", "label_zh": "比较期", "unit": "年", "scale": "linear",
              "values": years},
        "y": {"label_en": "Cumulative cost", "label_zh": "累计成本", "unit": "十亿美元",
              "scale": "linear"},
        "series": series,
        "markers": markers,
        "regions": [],
    }


def _spread_sweep(current_bp):
    """Spreads (bp) from 0 to 1,000bp, or up to the reader's spread when that is higher."""
    top = max(SPREAD_SWEEP_MAX_BP, current_bp)
    return [top * i / (SPREAD_SWEEP_POINTS - 1) for i in range(SPREAD_SWEEP_POINTS)]


def chart_e3_breakeven_spread(params=None):
    """"How hard must the US hit back?": Europe's retaliation cost against the spread shock."""
    inputs, out = _scenario(params)
    current = inputs["retaliation_spread_bp"]
    spreads = _spread_sweep(current)
    rep_eu = out["rep_EU"]
    costs = [finite(interest_cost_b(spread / 1e4, rep_eu)) for spread in spreads]
    us, breakeven = out["us_extra_interest_b"], out["breakeven_spread_bp"]
    horizon = inputs["horizon_years"]
    markers = [
        {"axis": "y", "value": us, "kind": "threshold",
         "label_en": f"US extra interest: {usd_bn_en(us)}",
         "label_zh": f"美国额外利息:{usd_bn_zh(us)}"},
        {"axis": "x", "value": current, "kind": "current",
         "label_en": f"Current spread shock: +{current:.0f}bp",
         "label_zh": f"当前利差冲击:{bp(current)}"},
    ]
    regions = []
    if breakeven is not None:
        markers.append({"axis": "x", "value": breakeven, "kind": "breakeven",
                        "label_en": f"Break-even: {breakeven:.0f}bp",
                        "label_zh": f"临界利差:{bp(breakeven)}"})
        if breakeven < spreads[-1]:
            regions.append({"axis": "x", "from": breakeven, "to": spreads[-1],
                            "label_en": "Retaliation is asymmetric",
                            "label_zh": "报复不对等:欧洲付出更多"})
    markers += _public_markers("chart_e3_breakeven_spread")
    per_100bp = interest_cost_b(100 / 1e4, rep_eu)
    caption = (f"在{horizon}年比较期内,欧洲主权利差每扩大100个基点,欧洲多付{usd_bn_zh(per_100bp)}利息;"
               f"利差扩大{bp(breakeven)}时与美国的{usd_bn_zh(us)}持平。当前设定{bp(current)},"
               f"欧洲多付{usd_bn_zh(out['retaliation_cost_b'])}。")
    return {
        "id": "chart_e3_breakeven_spread",
        "type": "line",
        "title_zh": "美国要反击到什么程度?",
        "caption_zh": caption,
        "x": {"label_en": "Retaliation spread shock", "label_zh": "报复导致的欧洲利差扩大",
              "unit": "基点", "scale": "linear", "values": spreads},
        "y": {"label_en": "Europe's retaliation cost", "label_zh": "欧洲的报复成本",
              "unit": "十亿美元", "scale": "linear"},
        "series": [{"name_en": f"Europe's extra interest over {horizon} yr",
                    "name_zh": f"欧洲{horizon}年内多付的利息", "values": costs, "style": "solid"}],
        "markers": markers,
        "regions": regions,
    }
