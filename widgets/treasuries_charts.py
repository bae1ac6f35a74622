"""Essay 3's charts (MODELS.md §3.6) and their static public-record markers.

Each `chart_<id>(params)` takes possibly partial params (clamped as in the browser, never
rejected) and returns the chart dict of MODELS.md §0.9, built with `chartkit`.
"""

import math

from . import chartkit
from .base import bp, finite, pct, usd_bn_en, usd_bn_zh
from .treasuries_record import (DEUTSCHE_BANK_BONDS_AND_EQUITIES_B, NASDAQ_F35_URL,
                                REUTERS_CDS_2018_URL, TIC_EUROPE_TOP7_B,
                                TURKEY_2018_CDS_FROM_BP, TURKEY_2018_CDS_TO_BP)
from .treasuries_scenario import MAX_YEARS, interest_cost_b, repriced_path, scenario
from .treasuries_verdicts import tn_en, tn_zh

#: The break-even chart sweeps the spread from 0 to at least this many bp.
SPREAD_SWEEP_MAX_BP = 1000

#: Points on the break-even chart (one per 10bp at the default range).
SPREAD_SWEEP_POINTS = 101


# math.fsum, not sum(): sum() of floats is compensated from Python 3.12 on (Pyodide), not on 3.11.
_TIC_TOTAL_B = math.fsum(value for _, value in TIC_EUROPE_TOP7_B)

#: How far Turkey's 5-year CDS rose in 2018 (bp).
TURKEY_2018_CDS_RISE_BP = TURKEY_2018_CDS_TO_BP - TURKEY_2018_CDS_FROM_BP

#: Static public-record markers per chart id, with the record module's source URLs.
PUBLIC_MARKERS = {
    "chart_e3_holdings": [
        chartkit.marker("y", DEUTSCHE_BANK_BONDS_AND_EQUITIES_B, "public_record",
                        "德意志银行:欧洲持有的美国债券和股票合计约8万亿美元",
                        "Deutsche Bank: Europe's US bonds and equities ≈ $8tn", source_url=None),
    ],
    "chart_e3_breakeven_spread": [
        chartkit.marker("x", TURKEY_2018_CDS_RISE_BP, "public_record",
                        f"土耳其2018年:5年期CDS上升{TURKEY_2018_CDS_RISE_BP}个基点"
                        f"({TURKEY_2018_CDS_FROM_BP}→{TURKEY_2018_CDS_TO_BP})",
                        f"Turkey 2018: 5y CDS +{TURKEY_2018_CDS_RISE_BP}bp "
                        f"({TURKEY_2018_CDS_FROM_BP}→{TURKEY_2018_CDS_TO_BP}bp)",
                        source_url=REUTERS_CDS_2018_URL),
        chartkit.marker("x", 0, "public_record", "土耳其2019年7月被移出F-35项目后:里拉走稳",
                        "Turkey after the July 2019 F-35 removal: lira firm",
                        source_url=NASDAQ_F35_URL),
    ],
}

# --- charts ---------------------------------------------------------------

#: What each chart keeps whatever the scenario (id, type, title, axes).
HOLDINGS = chartkit.layout("chart_e3_holdings", "stacked_bar", "欧洲手里有多少美债?",
                           ("数据来源", "Source", ""),
                           ("持有美债", "Treasury holdings", "十亿美元"))
HORIZON = chartkit.layout("chart_e3_horizon", "line", "谁更痛,痛多久?",
                          ("比较期", "Horizon", "年"),
                          ("累计成本", "Cumulative cost", "十亿美元"))
BREAKEVEN_SPREAD = chartkit.layout("chart_e3_breakeven_spread", "line", "美国要反击到什么程度?",
                                   ("报复导致的欧洲利差扩大", "Retaliation spread shock", "基点"),
                                   ("欧洲的报复成本", "Europe's retaliation cost", "十亿美元"))


def chart_e3_holdings(params=None):
    """"How big is Europe's stack?": the essay's holdings next to TIC's largest European holders.

    Stacked bar with two categories (the essay's midpoints; TIC Dec 2025). The
    essay bar stacks official and private holdings, each split into the
    politically mobilisable slice (style "hatched") and the rest. The essay's
    low–high ranges are y regions (official range; total range), whose edges
    line up with the top of the official segment and the top of the stack.
    """
    inputs, _, out = scenario(params, strict=False)
    official_sold = inputs["official_sell_share"] * out["O"] * 1e3
    private_sold = inputs["private_sell_share"] * out["Pv"] * 1e3
    essay_series = [
        ("Official: politically mobilisable", "官方部门:可被政治动员抛售", official_sold, "hatched"),
        ("Official: the rest", "官方部门:其余持仓", out["O"] * 1e3 - official_sold, "solid"),
        ("Private: politically mobilisable", "民间部门:可被政治动员抛售", private_sold, "hatched"),
        ("Private: the rest", "民间部门:其余持仓", out["Pv"] * 1e3 - private_sold, "solid"),
    ]
    series = [chartkit.series(zh, en, [finite(value), 0.0], style)
              for en, zh, value, style in essay_series]
    series += [chartkit.series(f"TIC:{zh}", f"TIC: {zh}", [0.0, value])
               for zh, value in TIC_EUROPE_TOP7_B]
    low, high = out["holdings_range_t"]
    regions = [
        chartkit.region("y", inputs["official_low_t"] * 1e3, inputs["official_high_t"] * 1e3,
                        "文中官方部门区间", "Essay: official range"),
        chartkit.region("y", low * 1e3, high * 1e3, "文中合计区间", "Essay: total range"),
    ]
    markers = chartkit.copied(PUBLIC_MARKERS["chart_e3_holdings"]) + [
        chartkit.marker("y", out["H"] * 1e3, "current", f"文中区间中值合计:{tn_zh(out['H'])}",
                        f"Essay midpoint total: {tn_en(out['H'])}"),
    ]
    caption = (f"按文中区间中值,欧洲持有{tn_zh(out['H'])}美债(官方{tn_zh(out['O'])}、"
               f"民间{tn_zh(out['Pv'])}),其中可被政治动员抛售的只有{usd_bn_zh(out['mobilisable_b'])}"
               f"(占{pct(out['mobilisable_share'])})。对照:TIC所列欧洲前七大持有地合计约"
               f"{usd_bn_zh(_TIC_TOTAL_B)}(全部部门,按托管地),德意志银行所说的8万亿美元还包括股票。")
    return chartkit.chart(HOLDINGS, caption, ["文中估计", "TIC:欧洲前七大持有地(2025年12月)"], series,
                          markers=markers, regions=regions)


def chart_e3_horizon(params=None):
    """"Who hurts more, and for how long?": cumulative costs over horizons 1..10 years."""
    inputs, _, out = scenario(params, strict=False)
    years = list(range(1, MAX_YEARS + 1))
    us_path = repriced_path(inputs["us_repricing_t_per_year"], inputs["us_debt_t"], MAX_YEARS)
    eu_path = repriced_path(inputs["eu_repricing_t_per_year"], inputs["eu_debt_t"], MAX_YEARS)
    us_costs = [finite(interest_cost_b(out["dy"], rep)) for rep in us_path]
    spread = inputs["retaliation_spread_bp"] / 1e4
    retaliation_costs = [finite(interest_cost_b(spread, rep)) for rep in eu_path]
    harm, realised = out["eu_self_harm_b"], out["eu_realised_loss_b"]
    series = [
        chartkit.series("美国额外利息(累计)", "US extra interest (cumulative)", us_costs),
        chartkit.series("欧洲自伤(阴影部分为持仓的账面损失)",
                        "Europe's self-harm (shaded: paper loss on kept holdings)",
                        [harm] * MAX_YEARS, "band", band_low=[realised] * MAX_YEARS,
                        band_high=[harm] * MAX_YEARS),
        chartkit.series("欧洲承受的报复成本(累计)", "Europe's cost of US retaliation (cumulative)",
                        retaliation_costs, "dashed"),
    ]
    horizon, crossover = inputs["horizon_years"], out["crossover_year"]
    markers = [chartkit.marker("x", horizon, "current", f"当前比较期:{horizon}年",
                               f"Current horizon: {horizon} yr")]
    if crossover is not None:
        markers.append(chartkit.marker("x", crossover, "breakeven",
                                       f"美国成本超过欧洲自伤:第{crossover}年",
                                       f"US cost overtakes Europe's self-harm: year {crossover}"))
        crossover_zh = f"美国的累计成本在第{crossover}年超过欧洲的自伤。"
    else:
        crossover_zh = f"{MAX_YEARS}年内美国的累计成本都不超过欧洲的自伤。"
    caption = (f"冲击持续{horizon}年时,美国累计多付{usd_bn_zh(out['us_extra_interest_b'])}利息,"
               f"欧洲自伤{usd_bn_zh(harm)}(其中账面损失{usd_bn_zh(out['eu_mtm_loss_b'])}),"
               f"美国报复让欧洲多付{usd_bn_zh(out['retaliation_cost_b'])}。{crossover_zh}")
    return chartkit.chart(HORIZON, caption, years, series, markers=markers)


def _spread_sweep(current_bp):
    """Spreads (bp) from 0 to 1,000bp, or up to the reader's spread when that is higher."""
    top = max(SPREAD_SWEEP_MAX_BP, current_bp)
    return [top * i / (SPREAD_SWEEP_POINTS - 1) for i in range(SPREAD_SWEEP_POINTS)]


def chart_e3_breakeven_spread(params=None):
    """"How hard must the US hit back?": Europe's retaliation cost against the spread shock."""
    inputs, _, out = scenario(params, strict=False)
    current = inputs["retaliation_spread_bp"]
    spreads = _spread_sweep(current)
    rep_eu = out["rep_EU"]
    costs = [finite(interest_cost_b(spread / 1e4, rep_eu)) for spread in spreads]
    us, breakeven = out["us_extra_interest_b"], out["breakeven_spread_bp"]
    horizon = inputs["horizon_years"]
    markers = [
        chartkit.marker("y", us, "threshold", f"美国额外利息:{usd_bn_zh(us)}",
                        f"US extra interest: {usd_bn_en(us)}"),
        chartkit.marker("x", current, "current", f"当前利差冲击:{bp(current)}",
                        f"Current spread shock: +{current:.0f}bp"),
    ]
    regions = []
    if breakeven is not None:
        markers.append(chartkit.marker("x", breakeven, "breakeven", f"临界利差:{bp(breakeven)}",
                                       f"Break-even: {breakeven:.0f}bp"))
        if breakeven < spreads[-1]:
            regions.append(chartkit.region("x", breakeven, spreads[-1], "报复不对等:欧洲付出更多",
                                           "Retaliation is asymmetric"))
    markers += chartkit.copied(PUBLIC_MARKERS["chart_e3_breakeven_spread"])
    per_100bp = interest_cost_b(100 / 1e4, rep_eu)
    caption = (f"在{horizon}年比较期内,欧洲主权利差每扩大100个基点,欧洲多付{usd_bn_zh(per_100bp)}利息;"
               f"利差扩大{bp(breakeven)}时与美国的{usd_bn_zh(us)}持平。当前设定{bp(current)},"
               f"欧洲多付{usd_bn_zh(out['retaliation_cost_b'])}。")
    series = [chartkit.series(f"欧洲{horizon}年内多付的利息", f"Europe's extra interest over {horizon} yr",
                              costs)]
    return chartkit.chart(BREAKEVEN_SPREAD, caption, spreads, series, markers=markers,
                          regions=regions)