"""Essay 5's charts (MODELS.md §5.6) and their static public-record markers.

Each `chart_<id>(params)` takes possibly partial params (clamped as in the browser, never
rejected) and returns the chart dict of MODELS.md §0.9, built with `chartkit`.
"""

import math

from . import chartkit
from .base import finite, le, pct, times
from .space_solar_record import PUBLIC_RECORD
from .space_solar_scenario import (SPEC, energy_cost_usd_mwh, energy_value_t, market_value_t,
                                   scenario, ssp_capex_usd_kw, ssp_lcoe, total_value_t)
from .space_solar_verdicts import amount, market_zh, per_kg, per_mwh, tn, tn_en

LAUNCH_SWEEP_POINTS = 61
SHARE_SWEEP_POINTS = 101
VALUATION_REFERENCE_MULTIPLIERS = (1, 3)
FALCON9_USD_PER_KG = 4000


def _record_sources(key):
    """Sources of one PUBLIC_RECORD row, copied so markers never share mutable lists."""
    for row in PUBLIC_RECORD:
        if row["key"] == key:
            return [dict(source) for source in row["sources"]]
    raise KeyError(key)


def _public_marker(axis, value, kind, label_zh, label_en, record_key):
    """A static marker carrying the sources of its public-record row."""
    return chartkit.marker(axis, value, kind, label_zh, label_en,
                           sources=_record_sources(record_key))


#: Static public-record markers (same sources as space_solar_record.PUBLIC_RECORD).
PUBLIC_MARKERS = {
    "falcon9_launch": _public_marker(
        "x", FALCON9_USD_PER_KG, "public_record", "猎鹰9号今天约每公斤4,000美元",
        "Falcon 9 today ≈ $4,000/kg (LEO, reusable)", "falcon9_cost"),
    "starship_100": _public_marker(
        "x", 100, "aspiration", "星舰目标:每公斤100美元", "Starship aspiration: $100/kg",
        "starship_aspiration"),
    "starship_10": _public_marker(
        "x", 10, "aspiration", "星舰目标:每公斤10美元", "Starship aspiration: $10/kg",
        "starship_aspiration"),
    "nasa_rd1_lcoe": _public_marker(
        "y", 610, "public_record", "NASA 2024基准RD1:每兆瓦时610美元",
        "NASA OTPS 2024 baseline RD1: $610/MWh", "nasa_otps"),
    "nasa_rd2_lcoe": _public_marker(
        "y", 1590, "public_record", "NASA 2024基准RD2:每兆瓦时1,590美元",
        "NASA OTPS 2024 baseline RD2: $1,590/MWh", "nasa_otps"),
    "spacex_xai_merger": _public_marker(
        "y", 1.25, "public_record", "SpaceX与xAI合并估值1.25万亿美元(2026年2月)",
        "SpaceX–xAI merger value $1.25tn (Feb 2026)", "spacex_valuation"),
}

# --- charts (§5.6) ------------------------------------------------------------

#: The y axis of the cost charts.
LCOE_AXIS = ("度电成本", "Levelised cost of electricity", "美元/兆瓦时")
#: What each chart keeps whatever the scenario (id, type, title, axes).
LCOE_VS_LAUNCH = chartkit.layout("chart_e5_lcoe_vs_launch", "line", "发射成本降到多少才不再是问题?",
                                 ("每公斤发射成本(至近地轨道)", "Launch cost to LEO", "美元/千克", "log"),
                                 (*LCOE_AXIS, "log"),
                                 title_en="When does launch cost stop being the problem?")
COST_STACK = chartkit.layout("chart_e5_cost_stack", "stacked_bar", "钱花在哪里",
                             ("成本拆分方式", "Split", ""),
                             LCOE_AXIS,
                             title_en="What the money buys")
LEARNING = chartkit.layout("chart_e5_learning", "line", "成本随规模单向下降?",
                           ("规模翻番次数", "Doublings of scale", "次"),
                           LCOE_AXIS,
                           title_en="Does cost fall with scale?")
VALUATION = chartkit.layout("chart_e5_valuation", "line", "百万亿美元估值需要什么",
                            ("SpaceX占全球电力的份额", "SpaceX share of world electricity", "%"),
                            ("SpaceX隐含估值", "Implied SpaceX value", "万亿美元"),
                            title_en="What $100tn requires")


def _spec(name):
    return next(p for p in SPEC if p["name"] == name)


def launch_sweep_values():
    """61 launch costs from the slider minimum to its maximum, evenly spaced on a log scale.

    Rounded to 6 significant figures so that CPython and Pyodide (whose libm
    `log10`/`pow` may differ in the last bit) produce the same sweep.
    """
    spec = _spec("launch_cost_usd_per_kg")
    low, high = math.log10(spec["min"]), math.log10(spec["max"])
    steps = LAUNCH_SWEEP_POINTS - 1
    values = [float(f"{10 ** (low + (high - low) * i / steps):.6g}")
              for i in range(LAUNCH_SWEEP_POINTS)]
    values[0], values[-1] = spec["min"], spec["max"]
    return values


def chart_e5_lcoe_vs_launch(params):
    """LCOE against launch cost (log–log) with fission and fusion bands (§5.6 chart 1)."""
    p, _, o = scenario(params, strict=False)
    launch_costs = launch_sweep_values()
    points = len(launch_costs)
    fusion_low, fusion_high = o["fusion_risk_adjusted"]
    series = [
        chartkit.series("太空太阳能度电成本", "Space-solar LCOE",
                        [finite(ssp_lcoe(p, launch_cost=cost)) for cost in launch_costs]),
        chartkit.flat_band("核裂变(无学习效应)", "Fission", p["fission_low_usd_mwh"],
              p["fission_high_usd_mwh"], points, fill="solid"),
        chartkit.flat_band("核聚变(若成功)", "Fusion if it works", p["fusion_low_usd_mwh"],
              p["fusion_high_usd_mwh"], points, fill="light"),
        chartkit.flat_band("核聚变(风险调整后)", "Fusion, risk-adjusted", fusion_low, fusion_high,
              points, fill="hatched"),
    ]
    markers = chartkit.copied(PUBLIC_MARKERS[name] for name in
                              ("falcon9_launch", "starship_100", "starship_10", "nasa_rd1_lcoe",
                               "nasa_rd2_lcoe"))
    markers.append(chartkit.marker("x", p["launch_cost_usd_per_kg"], "current",
                                   f"当前:{per_kg(p['launch_cost_usd_per_kg'])}",
                           f"Current: ${amount(p['launch_cost_usd_per_kg'])}/kg"))
    breakeven = o["breakeven_launch_vs_fission_low"]
    if breakeven is not None and launch_costs[0] <= breakeven <= launch_costs[-1]:
        markers.append(chartkit.marker("x", breakeven, "breakeven",
                                       f"击败核电下限:{per_kg(breakeven)}",
                               f"Beats fission's low end: ${amount(breakeven)}/kg"))
    if o["lcoe_free_launch"] is not None and o["lcoe_free_launch"] > 0:
        markers.append(chartkit.marker("y", o["lcoe_free_launch"], "threshold",
                                       f"下限:即使发射免费也要{per_mwh(o['lcoe_free_launch'])}",
                               "Floor: even free launch"))
    if breakeven is None:
        breakeven_zh = f"没有任何发射价格能让它低于核电下限{amount(p['fission_low_usd_mwh'])}美元;"
    else:
        breakeven_zh = (f"发射成本低于{per_kg(breakeven)}才能击败核电下限"
                        f"{amount(p['fission_low_usd_mwh'])}美元;")
    caption = (f"当前设定下,发射成本为{per_kg(p['launch_cost_usd_per_kg'])}时,太空太阳能度电成本为"
               f"{per_mwh(o['lcoe_usd_mwh'])};{breakeven_zh}即使发射免费,成本也不低于"
               f"{per_mwh(o['lcoe_free_launch'])}。")
    return chartkit.chart(LCOE_VS_LAUNCH, caption, launch_costs, series, markers)


def chart_e5_cost_stack(params):
    """Where the money goes, as two stacked bars in USD/MWh (§5.6 chart 2).

    Both bars add up to the LCOE: the first splits it by what the capex buys
    (launch, space hardware, ground), the second by capital recovery vs O&M.
    One y unit keeps both bars readable; the USD/kW split is in the caption.
    """
    p, _, o = scenario(params, strict=False)
    annual_charge = o["crf"] + p["om_frac"]
    launch, hardware, ground = ssp_capex_usd_kw(p)

    def cost_per_mwh(capex_usd_kw):
        return finite(energy_cost_usd_mwh(capex_usd_kw, annual_charge, p["capacity_factor"]))

    series = [
        chartkit.series("发射", "Launch", [cost_per_mwh(launch), 0.0]),
        chartkit.series("太空硬件", "Space hardware", [cost_per_mwh(hardware), 0.0]),
        chartkit.series("地面接收站", "Ground station", [cost_per_mwh(ground), 0.0]),
        chartkit.series("资本回收", "Capital recovery", [0.0, o["lcoe_capital_usd_mwh"]]),
        chartkit.series("运维", "O&M", [0.0, o["lcoe_om_usd_mwh"]]),
    ]
    caption = (f"当前设定下,每千瓦并网容量的投资为{amount(o['capex_total_usd_kw'])}美元,其中发射"
               f"{amount(launch)}美元、太空硬件{amount(hardware)}美元、地面接收站{amount(ground)}美元;"
               f"折合度电成本{per_mwh(o['lcoe_usd_mwh'])},其中资本回收{amount(o['lcoe_capital_usd_mwh'])}"
               f"美元、运维{amount(o['lcoe_om_usd_mwh'])}美元。")
    return chartkit.chart(COST_STACK, caption, ["按投资构成", "按资本回收与运维"], series, [])


def chart_e5_learning(params):
    """LCOE over ten doublings of scale against a flat fission band (§5.6 chart 3)."""
    p, _, o = scenario(params, strict=False)
    curve = o["learning_curve"]
    doublings = [row[0] for row in curve]
    series = [
        chartkit.series("太空太阳能度电成本", "Space-solar LCOE", [row[2] for row in curve]),
        chartkit.flat_band("核裂变(社会成本下限,无学习效应)", "Fission (no learning)",
              p["fission_low_usd_mwh"], p["fission_high_usd_mwh"], len(curve), fill="solid"),
    ]
    markers = [chartkit.marker("y", o["lcoe_usd_mwh"], "current", f"当前:{per_mwh(o['lcoe_usd_mwh'])}",
                               f"Current: ${amount(o['lcoe_usd_mwh'])}/MWh")]
    caption = (f"发射成本每翻番降{pct(p['launch_learning_rate'])}、硬件成本每翻番降"
               f"{pct(p['hw_learning_rate'])}时,规模翻番十次后度电成本从{per_mwh(curve[0][2])}"
               f"降到{amount(curve[-1][2])}美元;核电区间{amount(p['fission_low_usd_mwh'])}–"
               f"{amount(p['fission_high_usd_mwh'])}美元保持不变(没有学习效应)。")
    return chartkit.chart(LEARNING, caption, doublings, series, markers)


def _valuation_line(p, shares_pct, demand_multiplier):
    unit_value = market_value_t(p["world_electricity_twh"], demand_multiplier,
                                p["power_price_usd_mwh"], p["ebitda_margin"],
                                p["ev_ebitda_multiple"])
    return [finite(total_value_t(energy_value_t(share / 100, unit_value), p["other_value_t"]))
            for share in shares_pct]


def chart_e5_valuation(params):
    """Implied SpaceX value against its share of world electricity (§5.6 chart 4)."""
    p, _, o = scenario(params, strict=False)
    shares_pct = [100 * i / (SHARE_SWEEP_POINTS - 1) for i in range(SHARE_SWEEP_POINTS)]
    current_multiplier = p["demand_multiplier"]
    series = [chartkit.series(market_zh(m), f"{m}× today's electricity market",
                              _valuation_line(p, shares_pct, m), "dashed")
              for m in VALUATION_REFERENCE_MULTIPLIERS]
    series.append(chartkit.series(f"当前设定:{market_zh(current_multiplier)}",
                                  f"Current setting ({amount(current_multiplier)}×)",
                        _valuation_line(p, shares_pct, current_multiplier)))
    target, share = p["target_valuation_t"], o["required_share"]
    markers = [
        chartkit.marker("x", 100 * p["ssp_share"], "current", f"当前份额:{pct(p['ssp_share'])}",
                        f"Current share: {pct(p['ssp_share'])}"),
        chartkit.marker("y", target, "threshold", f"目标估值:{tn(target)}", f"Target: {tn_en(target)}"),
        chartkit.marker("y", p["world_gdp_t"], "threshold", f"全球GDP:{tn(p['world_gdp_t'])}",
                        f"World GDP: {tn_en(p['world_gdp_t'])}"),
        chartkit.marker("y", p["other_value_t"], "threshold", f"非能源业务价值:{tn(p['other_value_t'])}",
                        f"Non-energy businesses: {tn_en(p['other_value_t'])}"),
        *chartkit.copied([PUBLIC_MARKERS["spacex_xai_merger"]]),
    ]
    if share is not None and le(share, 1):
        markers.append(chartkit.marker("x", 100 * share, "breakeven", f"达到目标所需份额:{pct(share)}",
                                       f"Share needed: {pct(share)}"))
        needed_zh = f"达到{tn(target)}需要{pct(share)}的份额。"
    elif share is None:
        needed_zh = f"电力业务没有利润,无论份额多大都达不到{tn(target)}。"
    else:
        needed_zh = f"即使拿下全部市场也达不到{tn(target)}(需要相当于整个市场的{times(share, 1)})。"
    caption = (f"当前设定下,拿下{market_zh(current_multiplier)}的{pct(p['ssp_share'])},"
               f"SpaceX的隐含估值为{tn(o['total_value_t'])};{needed_zh}")
    return chartkit.chart(VALUATION, caption, shares_pct, series, markers)


#: Chart functions in the order of MODELS.md §5.6.
CHARTS = (chart_e5_lcoe_vs_launch, chart_e5_cost_stack, chart_e5_learning, chart_e5_valuation)
