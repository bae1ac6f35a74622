"""Essay 5: Musk vs fusion, space solar, and a "百万亿美元" SpaceX (MODELS.md §5).

The essay gives no number for any cost or valuation input, so the defaults are
the "author's case" (what you would need to believe for every claim to hold):
cheap hardware, $100/kg launch, 60% of a ten-times-larger electricity market
valued at 20× EBITDA. The presets move one click away to the public record.

Every formula lives in one small public function below; `compute()` and the
chart sweeps both call them, so a formula is never written twice.

Verdict margins are signed so that a positive margin means "holds with room".

Standard library only: this module runs in CPython at build time and in
Pyodide in the reader's browser.
"""

import math

from .base import (ESSAY_CLAIM, display, div, finite, ge, le, lt, number, param,
                   pct, result, times, validate, verdict)
from .space_solar_record import PUBLIC_RECORD

# --- parameters -------------------------------------------------------------

SPEC = [
    # Space-solar LCOE
    param("launch_cost_usd_per_kg", "美元/千克", 100, 1, 20000, 1,
          "Launch cost per kg to LEO (\"发射成本被打穿\")", "每公斤发射成本(至近地轨道)",
          "assumption (Starship-era)", log=True),
    param("orbit_transfer_factor", "倍", 1.0, 1, 20, 0.5,
          "Cost multiplier to move 1 kg from LEO to the operating orbit (NASA's GEO architecture ≈13)",
          "从近地轨道转移到工作轨道的成本倍数", "assumption"),
    param("specific_mass_kg_per_kw", "千克/千瓦(直流)", 1.1, 0.1, 20, 0.1,
          "Orbital mass per kW of space-side DC generation", "每千瓦太空侧直流发电能力的在轨质量",
          "public (NASA OTPS RD1, derived 1.08)"),
    param("tx_efficiency", "比例", 0.37, 0.05, 0.9, 0.01,
          "Space DC bus → grid efficiency", "太空直流到电网的端到端效率",
          "public (NASA OTPS chain = 0.3706)"),
    param("space_hw_usd_per_kw", "美元/千瓦(直流)", 1000, 0, 50000, 50,
          "Space hardware cost per kW DC", "每千瓦太空侧硬件成本", "assumption (optimistic)"),
    param("ground_usd_per_kw", "美元/千瓦(交流)", 500, 0, 10000, 50,
          "Rectenna + grid tie per kW delivered", "地面接收站每千瓦成本", "assumption"),
    param("capacity_factor", "比例", 0.99, 0.05, 1.0, 0.01,
          "Capacity factor (\"24/7 基荷\")", "容量因子",
          "essay + public (NASA RD1 0.997; RD2 0.6)"),
    param("lifetime_years", "年", 30, 5, 60, 1,
          "System life", "系统寿命", "assumption", integer=True),
    param("discount_rate", "比例", 0.07, 0, 0.2, 0.005,
          "Real discount rate", "折现率", "assumption"),
    param("om_frac", "比例/年", 0.02, 0, 0.2, 0.005,
          "Annual O&M as a share of capex", "每年运维占投资比例", "assumption"),
    param("launch_floor_usd_per_kg", "美元/千克", 10, 1, 1000, 1,
          "Lowest launch cost treated as achievable", "可实现的最低发射成本",
          "public (aspiration: \"$10/kg\")"),
    param("launch_learning_rate", "比例/每翻番", 0.20, 0, 0.5, 0.01,
          "Launch-cost decline per doubling of launched mass", "发射质量每翻番成本降幅", "assumption"),
    param("hw_learning_rate", "比例/每翻番", 0.25, 0, 0.5, 0.01,
          "Hardware-cost decline per doubling of production", "硬件产量每翻番成本降幅",
          "public (NASA OTPS 75% curve)"),
    # Comparison bands
    param("fission_low_usd_mwh", "美元/兆瓦时", 51, 0, 500, 1,
          "Fission LCOE, low", "核裂变度电成本下限", "public (IEA/NEA 2015)"),
    param("fission_high_usd_mwh", "美元/兆瓦时", 136, 0, 500, 1,
          "Fission LCOE, high", "核裂变度电成本上限", "public (IEA/NEA 2015)"),
    param("fusion_low_usd_mwh", "美元/兆瓦时", 110, 0, 1000, 1,
          "Fusion LCOE if it works, low", "核聚变成功情形度电成本下限", "public (Böhnlein 2026)"),
    param("fusion_high_usd_mwh", "美元/兆瓦时", 144, 0, 1000, 1,
          "Fusion LCOE if it works, high", "核聚变成功情形度电成本上限", "public (Böhnlein 2026)"),
    param("p_q_gt_1", "概率", 0.7, 0, 1, 0.05,
          "P(sustained plant-level Q>1)", "持续Q>1的概率", "assumption"),
    param("p_materials", "概率", 0.7, 0, 1, 0.05,
          "P(materials endure)", "材料耐久的概率", "assumption"),
    param("p_maintainable", "概率", 0.7, 0, 1, 0.05,
          "P(maintainable)", "可维护的概率", "assumption"),
    param("p_replicable", "概率", 0.7, 0, 1, 0.05,
          "P(replicable)", "可复制的概率", "assumption"),
    param("p_ssp_program", "概率", 1.0, 0, 1, 0.05,
          "P(space-solar programme delivers)", "太空太阳能项目成功概率", "essay"),
    # Valuation bridge
    param("target_valuation_t", "万亿美元", 100, 0.1, 300, 0.1,
          "Target valuation (\"百万亿美元\")", "目标估值", "essay"),
    param("world_electricity_twh", "太瓦时/年", 29471, 1000, 100000, 100,
          "World electricity generation", "全球年发电量", "public (Ember, 2023)"),
    param("demand_multiplier", "倍", 10.0, 0.5, 20, 0.1,
          "Future demand vs today (AI, electrification)", "未来用电需求倍数",
          "assumption (\"author's case\")"),
    param("ssp_share", "比例", 0.60, 0, 1, 0.01,
          "SpaceX's share of world electricity", "SpaceX供电份额",
          "assumption (\"author's case\")"),
    param("power_price_usd_mwh", "美元/兆瓦时", 100, 0, 500, 1,
          "Average realised power price", "平均售电价格", "assumption"),
    param("ebitda_margin", "比例", 0.5, 0, 1, 0.05,
          "EBITDA margin of the energy business", "能源业务EBITDA利润率", "assumption"),
    param("ev_ebitda_multiple", "倍", 20, 1, 60, 0.5,
          "EV/EBITDA of an \"infrastructure operator\"", "基础设施运营商估值倍数", "assumption"),
    param("world_gdp_t", "万亿美元", 117.17, 50, 500, 0.1,
          "World GDP (for scale)", "全球GDP", "public (IMF WEO Oct 2025, 2025 projection)"),
    param("other_value_t", "万亿美元", 1.0, 0, 50, 0.05,
          "Value of non-energy businesses (launch, Starlink, AI)", "非能源业务价值",
          "public (SpaceX value implied by the Feb 2026 merger)"),
]

PAIRS = (("fission_low_usd_mwh", "fission_high_usd_mwh"),
         ("fusion_low_usd_mwh", "fusion_high_usd_mwh"))

PRESETS = {
    "falcon9_today": {"launch_cost_usd_per_kg": 4000},
    "nasa_otps_like": {"launch_cost_usd_per_kg": 1000, "orbit_transfer_factor": 13,
                       "specific_mass_kg_per_kw": 1.08, "space_hw_usd_per_kw": 5500,
                       "capacity_factor": 0.997},
    "public_baseline_valuation": {"demand_multiplier": 1, "ssp_share": 0.1,
                                  "power_price_usd_mwh": 80, "ev_ebitda_multiple": 15},
}

PRESET_LABELS = {
    "falcon9_today": "猎鹰9号今天的发射价",
    "nasa_otps_like": "接近NASA 2024评估",
    "public_baseline_valuation": "按今天的电力市场估值",
}

#: First option of the preset selector: the defaults are the author's case, not public figures (§5.2).
DEFAULTS_LABEL = "作者情景(文中默认值)"

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e5.ssp_cheaper": "比核能更具性价比",
    "e5.launch_path": "发射降价能胜核电",
    "e5.cost_falls_with_scale": "成本随规模下降",
    "e5.fusion_unpriceable": "核聚变不可定价",
    "e5.baseload": "24/7基荷电力",
    "e5.valuation": "百万亿美元估值",
}

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "lcoe_usd_mwh": "太空光伏度电成本",
    "breakeven_launch_vs_fission_low": "与核电持平的发射成本",
    "total_value_t": "隐含估值",
}

#: Page notes the spec requires (MODELS.md §5.2), placed with `/// aside | <id>`.
NOTES = {
    "author_case": ("作者情景:需要相信什么。文章没有给出任何度电成本或估值的输入数字,默认值是“作者情景”:"
                    "便宜的硬件、每千克100美元的发射成本、拿下一个比今天大10倍的电力市场的60%、20倍EBITDA估值。"
                    "上方的情景菜单可以一键切换到公开数据:猎鹰9号今天的发射价格、接近NASA 2024年评估的参数、"
                    "以今天电力市场为基础的估值。"),
}

# --- constants --------------------------------------------------------------

HOURS_PER_YEAR = 8760
LEARNING_DOUBLINGS = 10
BASELOAD_MIN_CF = 0.90
UNPRICEABLE_BELOW = 0.5
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
    return {"axis": axis, "value": value, "kind": kind, "label_zh": label_zh,
            "label_en": label_en, "sources": _record_sources(record_key)}


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

# --- output display formats ---------------------------------------------------

_USD_MWH = "num:1:美元/兆瓦时"
_USD_KW = "num:0:美元/千瓦"
_USD_KG = "num:0:美元/千克"

#: Display format of every output. `learning_curve` is a table ([n, USD/kg, USD/MWh]
#: rows) meant for charts; its end point is also a plain number, `lcoe_after_doublings`.
OUTPUT_FORMATS = {
    "capex_launch_usd_kw": _USD_KW,
    "capex_hw_usd_kw": _USD_KW,
    "capex_ground_usd_kw": _USD_KW,
    "capex_total_usd_kw": _USD_KW,
    "crf": "num:4:",
    "lcoe_usd_mwh": _USD_MWH,
    "lcoe_capital_usd_mwh": _USD_MWH,
    "lcoe_om_usd_mwh": _USD_MWH,
    "launch_share_of_capex": "pct",
    "lcoe_free_launch": _USD_MWH,
    "breakeven_launch_vs_fission_low": _USD_KG,
    "breakeven_launch_vs_fission_mid": _USD_KG,
    "learning_curve": "num:1:",
    "launch_cost_after_doublings": "num:1:美元/千克",
    "lcoe_after_doublings": _USD_MWH,
    "fusion_success_prob": "pct",
    "fusion_risk_adjusted": "num:0:美元/兆瓦时",
    "ssp_risk_adjusted": _USD_MWH,
    "unit_value_t": "usd_t",
    "energy_revenue_b": "usd_bn",
    "energy_value_t": "usd_t",
    "total_value_t": "usd_t",
    "required_share": "pct",
    "energy_revenue_share_of_gdp": "pct",
    "target_to_world_gdp": "times",
}

# --- formulas: space-solar LCOE (§5.3 A) --------------------------------------


def capital_recovery_factor(rate, years):
    """Annual capital charge per dollar of capex: r(1+r)^n / ((1+r)^n − 1), or 1/n at r = 0.

    (1+r)^n − 1 is built from additions and multiplications only (see
    `_growth_minus_one`): that stays accurate for tiny positive rates (no
    cancellation in "− 1") and gives bit-identical results in CPython and
    Pyodide, whose libm `pow` can differ in the last bit.

    Args:
        rate: Real discount rate as a fraction (≥ 0).
        years: System life in whole years (> 0).

    Returns:
        The capital recovery factor.
    """
    if rate <= 0:
        return 1.0 / years
    growth_minus_one = _growth_minus_one(rate, int(years))
    return rate * (growth_minus_one + 1.0) / growth_minus_one


def _growth_minus_one(rate, years):
    """(1+rate)^years − 1 by squaring, using (1+a)(1+b) − 1 = a + b + ab (all terms ≥ 0)."""
    result, power = 0.0, rate  # power = (1+rate)^(2^k) − 1
    while years:
        if years & 1:
            result = result + power + result * power
        power = power + power + power * power
        years >>= 1
    return result


def launch_capex_usd_kw(launch_cost, transfer_factor, specific_mass, tx_efficiency):
    """Launch cost per kW delivered to the grid: launch · transfer · mass / efficiency."""
    return launch_cost * transfer_factor * specific_mass / tx_efficiency


def hardware_capex_usd_kw(space_hw, tx_efficiency):
    """Space hardware cost per kW delivered to the grid: hardware / efficiency."""
    return space_hw / tx_efficiency


def energy_cost_usd_mwh(capex_usd_kw, annual_charge, capacity_factor):
    """Spread an annual charge on capex over the energy one kW delivers in a year.

    Args:
        capex_usd_kw: Capital cost per kW delivered (USD/kW).
        annual_charge: Share of capex charged each year (crf, O&M, or their sum).
        capacity_factor: Fraction of the year at full output.

    Returns:
        USD per MWh: 1000 · capex · charge / (8760 · CF).
    """
    return 1000.0 * capex_usd_kw * annual_charge / (HOURS_PER_YEAR * capacity_factor)


def capex_needed_usd_kw(target_usd_mwh, annual_charge, capacity_factor):
    """Capex per kW at which the energy cost equals `target_usd_mwh` (inverse of energy_cost_usd_mwh)."""
    return target_usd_mwh * HOURS_PER_YEAR * capacity_factor / 1000.0 / annual_charge


def ssp_capex_usd_kw(p, launch_cost=None, space_hw=None):
    """Capex per kW delivered, split into (launch, space hardware, ground).

    Args:
        p: Validated inputs.
        launch_cost: USD/kg to LEO; defaults to p["launch_cost_usd_per_kg"].
        space_hw: USD/kW DC; defaults to p["space_hw_usd_per_kw"].

    Returns:
        (launch, hardware, ground), each in USD per kW delivered.
    """
    launch_cost = p["launch_cost_usd_per_kg"] if launch_cost is None else launch_cost
    space_hw = p["space_hw_usd_per_kw"] if space_hw is None else space_hw
    return (launch_capex_usd_kw(launch_cost, p["orbit_transfer_factor"],
                                p["specific_mass_kg_per_kw"], p["tx_efficiency"]),
            hardware_capex_usd_kw(space_hw, p["tx_efficiency"]),
            p["ground_usd_per_kw"])


def model_crf(p):
    """Capital recovery factor at the inputs' discount rate and lifetime."""
    return capital_recovery_factor(p["discount_rate"], p["lifetime_years"])


def ssp_lcoe(p, launch_cost=None, space_hw=None):
    """Space-solar LCOE in USD/MWh (formula A) at the given launch and hardware costs.

    Args:
        p: Validated inputs.
        launch_cost: USD/kg override (defaults to the input).
        space_hw: USD/kW DC override (defaults to the input).

    Returns:
        LCOE in USD per MWh delivered.
    """
    launch, hardware, ground = ssp_capex_usd_kw(p, launch_cost, space_hw)
    # Plain additions, not sum(): sum() of floats is compensated from Python 3.12 on,
    # so it would differ in the last bit between CPython 3.11 and Pyodide.
    capex_total = launch + hardware + ground
    return energy_cost_usd_mwh(capex_total, model_crf(p) + p["om_frac"], p["capacity_factor"])


def breakeven_launch_cost(p, target_usd_mwh):
    """Launch cost L*(T) at which space solar costs exactly `target_usd_mwh` (formula B).

    Args:
        p: Validated inputs.
        target_usd_mwh: The cost to beat (USD/MWh).

    Returns:
        USD/kg, or None when no launch price is low enough (hardware and
        ground alone already reach the target).
    """
    capex_target = capex_needed_usd_kw(target_usd_mwh, model_crf(p) + p["om_frac"],
                                       p["capacity_factor"])
    room_for_launch = ((capex_target - p["ground_usd_per_kw"]) * p["tx_efficiency"]
                       - p["space_hw_usd_per_kw"])
    if room_for_launch <= 0:
        return None
    return div(room_for_launch, p["orbit_transfer_factor"] * p["specific_mass_kg_per_kw"])


def learning_curve(p):
    """LCOE after n = 0…10 doublings of scale (formula C).

    Args:
        p: Validated inputs.

    Returns:
        [[n, launch cost USD/kg, LCOE USD/MWh], ...] for n = 0…10.
    """
    launch_n, hardware_n = p["launch_cost_usd_per_kg"], p["space_hw_usd_per_kw"]
    curve = []
    for n in range(LEARNING_DOUBLINGS + 1):
        if n:  # one doubling more; repeated products, not pow (bit-identical in Pyodide)
            launch_n *= 1 - p["launch_learning_rate"]
            hardware_n *= 1 - p["hw_learning_rate"]
        curve.append([n, launch_n, ssp_lcoe(p, launch_cost=launch_n, space_hw=hardware_n)])
    return curve


# --- formulas: fusion (§5.3 D) ------------------------------------------------


def fusion_success_probability(p):
    """Chance that all four AND-conditions hold: Q>1, materials, maintainability, replication."""
    return p["p_q_gt_1"] * p["p_materials"] * p["p_maintainable"] * p["p_replicable"]


def risk_adjusted_cost(cost_usd_mwh, success_probability):
    """Expected cost per delivered MWh of an all-or-nothing attempt; None at zero probability."""
    return div(cost_usd_mwh, success_probability)


# --- formulas: valuation bridge (§5.3 E) --------------------------------------


def market_value_t(world_twh, demand_multiplier, price_usd_mwh, ebitda_margin, ev_multiple):
    """Value (USD tn) of 100% of the future world electricity market at an EV/EBITDA multiple."""
    return (world_twh * demand_multiplier * 1e6 * price_usd_mwh * ebitda_margin
            * ev_multiple / 1e12)


def energy_revenue_b(share, world_twh, demand_multiplier, price_usd_mwh):
    """Annual energy revenue (USD bn) for `share` of the future world electricity market."""
    return share * world_twh * demand_multiplier * 1e6 * price_usd_mwh / 1e9


def energy_value_t(share, unit_value):
    """Value (USD tn) of `share` of a market worth `unit_value` at 100%."""
    return share * unit_value


def total_value_t(energy_value, other_value):
    """Energy business plus everything else (USD tn)."""
    return energy_value + other_value


def required_share(target_t, other_value_t, unit_value):
    """Share of the market needed to reach the target (fraction; may exceed 1).

    Args:
        target_t: Target valuation (USD tn).
        other_value_t: Value of the non-energy businesses (USD tn).
        unit_value: Value of 100% of the market (USD tn).

    Returns:
        0 when the other businesses already reach the target (checked first),
        None when the energy market is worthless, else the needed share.
    """
    if le(target_t, other_value_t):
        return 0.0
    return div(target_t - other_value_t, unit_value)


# --- compute ------------------------------------------------------------------


def _lcoe_outputs(p):
    launch, hardware, ground = ssp_capex_usd_kw(p)
    capex_total = launch + hardware + ground
    crf = model_crf(p)
    return {
        "capex_launch_usd_kw": launch,
        "capex_hw_usd_kw": hardware,
        "capex_ground_usd_kw": ground,
        "capex_total_usd_kw": capex_total,
        "crf": crf,
        "lcoe_usd_mwh": ssp_lcoe(p),
        "lcoe_capital_usd_mwh": energy_cost_usd_mwh(capex_total, crf, p["capacity_factor"]),
        "lcoe_om_usd_mwh": energy_cost_usd_mwh(capex_total, p["om_frac"], p["capacity_factor"]),
        "launch_share_of_capex": div(launch, capex_total),
        "lcoe_free_launch": ssp_lcoe(p, launch_cost=0),
    }


def _breakeven_outputs(p):
    fission_mid = (p["fission_low_usd_mwh"] + p["fission_high_usd_mwh"]) / 2
    curve = learning_curve(p)
    _, launch_last, lcoe_last = curve[-1]
    return {
        "breakeven_launch_vs_fission_low": breakeven_launch_cost(p, p["fission_low_usd_mwh"]),
        "breakeven_launch_vs_fission_mid": breakeven_launch_cost(p, fission_mid),
        "learning_curve": curve,
        "launch_cost_after_doublings": launch_last,
        "lcoe_after_doublings": lcoe_last,
    }


def _risk_outputs(p, lcoe):
    success = fusion_success_probability(p)
    return {
        "fusion_success_prob": success,
        "fusion_risk_adjusted": [risk_adjusted_cost(p["fusion_low_usd_mwh"], success),
                                 risk_adjusted_cost(p["fusion_high_usd_mwh"], success)],
        "ssp_risk_adjusted": risk_adjusted_cost(lcoe, p["p_ssp_program"]),
    }


def _valuation_outputs(p):
    unit_value = market_value_t(p["world_electricity_twh"], p["demand_multiplier"],
                                p["power_price_usd_mwh"], p["ebitda_margin"],
                                p["ev_ebitda_multiple"])
    revenue = energy_revenue_b(p["ssp_share"], p["world_electricity_twh"],
                               p["demand_multiplier"], p["power_price_usd_mwh"])
    energy_value = energy_value_t(p["ssp_share"], unit_value)
    return {
        "unit_value_t": unit_value,
        "energy_revenue_b": revenue,
        "energy_value_t": energy_value,
        "total_value_t": total_value_t(energy_value, p["other_value_t"]),
        "required_share": required_share(p["target_valuation_t"], p["other_value_t"], unit_value),
        "energy_revenue_share_of_gdp": div(revenue / 1000, p["world_gdp_t"]),
        "target_to_world_gdp": div(p["target_valuation_t"], p["world_gdp_t"]),
    }


def _finite_tree(value):
    """Replace any NaN/inf leaf by None (outputs never hold them)."""
    if isinstance(value, dict):
        return {key: _finite_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite_tree(item) for item in value]
    if isinstance(value, float):
        return finite(value)
    return value


def compute(params=None, *, strict=True):
    """Run the space-solar model (MODELS.md §5).

    Args:
        params: Reader's values by parameter name; missing ones take their default.
        strict: Raise on out-of-range values (build, tests) instead of clamping (browser).

    Returns:
        {"inputs", "outputs", "verdicts", "warnings"} as in MODELS.md §0.1.

    Raises:
        ModelInputError: see widgets.base.validate.
    """
    p, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    outputs = _lcoe_outputs(p)
    outputs.update(_breakeven_outputs(p))
    outputs.update(_risk_outputs(p, outputs["lcoe_usd_mwh"]))
    outputs.update(_valuation_outputs(p))
    outputs = _finite_tree(outputs)
    verdicts = [rule(p, outputs) for rule in _VERDICT_RULES]
    return result(p, outputs, verdicts, warnings)


# --- text helpers -------------------------------------------------------------


def _amount(x):
    """A plain number for sentences: 0 decimals from 100 up, else 1 decimal without a trailing ".0"."""
    if x is None:
        return "无法计算"
    text = number(x, 0 if abs(x) >= 100 else 1)
    return text[:-2] if text.endswith(".0") else text


def _amount_en(x):
    return "n/a" if x is None else _amount(x)


def _per_mwh(x):
    return f"每兆瓦时{_amount(x)}美元"


def _per_kg(x):
    return f"每公斤{_amount(x)}美元"


def _tn(x):
    return display(x, "usd_t")


def _tn_en(x):
    return "n/a" if x is None else f"${number(x, 2)}tn"


def _pct_en(x):
    return "n/a" if x is None else pct(x)


def _market_zh(demand_multiplier):
    """The future world electricity market, e.g. "10倍于今日规模的全球电力市场"."""
    if demand_multiplier == 1:
        return "今日规模的全球电力市场"
    return f"{_fold(demand_multiplier)}于今日规模的全球电力市场"


def _fold(x):
    """A multiplier such as "10倍", "2.5倍"."""
    return f"{_amount(x)}倍"


# --- verdicts (§5.4) ----------------------------------------------------------


def _verdict_ssp_cheaper(p, o):
    lcoe, adjusted = o["lcoe_usd_mwh"], o["ssp_risk_adjusted"]
    fission_low, fission_high = p["fission_low_usd_mwh"], p["fission_high_usd_mwh"]
    holds = adjusted is not None and le(adjusted, fission_low)
    margin = None if adjusted is None else fission_low - adjusted
    risk_zh = "" if p["p_ssp_program"] >= 1 else \
        f"(按{pct(p['p_ssp_program'])}的项目成功概率做风险调整后为{_amount(adjusted)}美元)"
    risk_en = "" if p["p_ssp_program"] >= 1 else f" (${_amount_en(adjusted)} risk-adjusted)"
    if holds:
        text_en = (f"At ${_amount(p['launch_cost_usd_per_kg'])}/kg, space solar costs "
                   f"${_amount(lcoe)}/MWh{risk_en}, below even the low end of fission "
                   f"(${_amount(fission_low)}). '比核能更具性价比' holds.")
        text_zh = (f"在{_per_kg(p['launch_cost_usd_per_kg'])}的发射成本下,太空太阳能度电成本为"
                   f"{_per_mwh(lcoe)}{risk_zh},低于核电区间的下限{_amount(fission_low)}美元,"
                   f"“比核能更具性价比”成立。")
    elif adjusted is None:
        text_en = ("The space-solar programme has a zero chance of success, so its risk-adjusted "
                   "cost is undefined; '比核能更具性价比' does not hold.")
        text_zh = "太空太阳能项目的成功概率为零,风险调整后的度电成本无法计算,“比核能更具性价比”不成立。"
    else:
        text_en = (f"Space solar at ${_amount(lcoe)}/MWh{risk_en} is above fission's "
                   f"${_amount(fission_low)}–{_amount(fission_high)}; launch is "
                   f"{_pct_en(o['launch_share_of_capex'])} of capex.")
        text_zh = (f"太空太阳能度电成本为{_per_mwh(lcoe)}{risk_zh},高于核电区间"
                   f"{_amount(fission_low)}–{_amount(fission_high)}美元的下限,“比核能更具性价比”不成立;"
                   f"其中发射占投资的{pct(o['launch_share_of_capex'])}。")
    return verdict("e5.ssp_cheaper", ESSAY_CLAIM, holds,
                   "ssp_risk_adjusted is defined and ≤ fission_low_usd_mwh",
                   margin, text_en, text_zh)


def _verdict_launch_path(p, o):
    breakeven, floor = o["breakeven_launch_vs_fission_low"], p["launch_floor_usd_per_kg"]
    holds = breakeven is not None and ge(breakeven, floor)
    margin = None if breakeven is None else breakeven - floor
    if holds:
        text_en = (f"Space solar beats fission's low end once launch costs fall below "
                   f"${_amount(breakeven)}/kg (Falcon 9 today ≈ $4,000/kg LEO).")
        text_zh = (f"只要发射成本低于{_per_kg(breakeven)},太空太阳能就能击败核电区间的下限"
                   f"(猎鹰9号今天约每公斤4,000美元)。")
    elif breakeven is None:
        text_en = (f"No launch price is low enough: hardware and ground alone cost "
                   f"${_amount(o['lcoe_free_launch'])}/MWh. Hardware, not launch, is the wall.")
        text_zh = (f"没有任何发射价格足够低:即使发射免费,硬件与地面成本也已达{_per_mwh(o['lcoe_free_launch'])},"
                   f"超过核电下限{_amount(p['fission_low_usd_mwh'])}美元。挡路的是硬件,而不是发射。")
    else:
        text_en = (f"It would need launch below ${_amount(breakeven)}/kg, under the "
                   f"${_amount(floor)}/kg floor.")
        text_zh = (f"要击败核电下限,发射成本须低于{_per_kg(breakeven)},"
                   f"比可实现的最低发射成本{_per_kg(floor)}还低。")
    return verdict("e5.launch_path", ESSAY_CLAIM, holds,
                   "breakeven_launch_vs_fission_low is defined and ≥ launch_floor_usd_per_kg",
                   margin, text_en, text_zh)


def _strictly_decreasing(values):
    return all(lt(later, earlier) for earlier, later in zip(values, values[1:]))


def _verdict_cost_falls(p, o):
    costs = [row[2] for row in o["learning_curve"]]
    first, last = costs[0], costs[-1]
    any_learning = p["launch_learning_rate"] > 0 or p["hw_learning_rate"] > 0
    holds = any_learning and None not in costs and _strictly_decreasing(costs)
    margin = None if first is None or last is None else div(first - last, first)
    if holds:
        text_en = (f"Ten doublings of scale cut space-solar LCOE from ${_amount(first)} "
                   f"to ${_amount(last)}/MWh.")
        text_zh = (f"规模每翻番一次,发射成本降{pct(p['launch_learning_rate'])}、硬件成本降"
                   f"{pct(p['hw_learning_rate'])};翻番十次后,太空太阳能度电成本从{_per_mwh(first)}"
                   f"降到{_amount(last)}美元。")
    elif not any_learning:
        text_en = "With zero learning rates, cost does not fall with scale."
        text_zh = "发射和硬件的学习率都为零,成本不会随规模下降,“成本随规模单向下降”不成立。"
    else:
        text_en = (f"After ten doublings LCOE is still ${_amount(last)}/MWh (from "
                   f"${_amount(first)}): the learning rates act on costs that barely matter, "
                   f"so cost does not keep falling with scale.")
        text_zh = (f"翻番十次后度电成本仍约为{_per_mwh(last)}(起点{_amount(first)}美元):"
                   f"学习率作用在几乎为零的成本项上,成本没有随规模持续下降。")
    return verdict("e5.cost_falls_with_scale", ESSAY_CLAIM, holds,
                   "LCOE_n strictly decreasing over n = 0…10 and at least one learning rate > 0",
                   margin, text_en, text_zh)


def _condition_probabilities_zh(p):
    probabilities = [p["p_q_gt_1"], p["p_materials"], p["p_maintainable"], p["p_replicable"]]
    if all(value == probabilities[0] for value in probabilities):
        return f"各为{pct(probabilities[0])}"
    first, second, third, fourth = (pct(value) for value in probabilities)
    return f"分别为{first}、{second}、{third}和{fourth}"


def _verdict_fusion_unpriceable(p, o):
    success = o["fusion_success_prob"]
    low, high = o["fusion_risk_adjusted"]
    holds = lt(success, UNPRICEABLE_BELOW)
    conditions = f"持续Q>1、材料耐久、可维护、可复制四个条件{_condition_probabilities_zh(p)}"
    range_zh = f"每兆瓦时{_amount(low)}–{_amount(high)}美元"
    range_en = f"${_amount_en(low)}–${_amount_en(high)}/MWh"
    if holds and low is None:
        text_en = (f"Four AND-conditions give a joint success chance of {_pct_en(success)}: "
                   f"the risk-adjusted cost of fusion is undefined, an unreliable anchor.")
        text_zh = (f"{conditions},同时满足的概率为{pct(success)},风险调整后的成本无从计算,"
                   f"核聚变确实“不可定价”。")
    elif holds:
        text_en = (f"Four AND-conditions give a joint success chance of {_pct_en(success)}. "
                   f"Risk-adjusted fusion cost is {range_en}, an unreliable anchor.")
        text_zh = (f"{conditions},同时满足的概率只有{pct(success)};风险调整后核聚变成本为{range_zh},"
                   f"无法作为可靠的长期成本锚,“不可定价”成立。")
    else:
        text_en = f"Joint success ≥ 50%: fusion has a usable expected cost ({range_en})."
        text_zh = (f"{conditions},同时满足的概率为{pct(success)},不低于50%,"
                   f"核聚变有可用的期望成本({range_zh}),“不可定价”不成立。")
    return verdict("e5.fusion_unpriceable", ESSAY_CLAIM, holds, "fusion_success_prob < 0.5",
                   UNPRICEABLE_BELOW - success, text_en, text_zh)


def _verdict_baseload(p, o):
    capacity_factor = p["capacity_factor"]
    holds = ge(capacity_factor, BASELOAD_MIN_CF)
    if holds:
        text_en = (f"CF {pct(capacity_factor)}: baseload without storage "
                   f"(GEO eclipses are short and seasonal).")
        text_zh = (f"容量因子{pct(capacity_factor)}:无需储能即可作基荷电力"
                   f"(地球静止轨道的地影期很短,只集中在春分、秋分前后)。")
    else:
        text_en = (f"CF {pct(capacity_factor)}: not baseload. Storage or backup is needed "
                   f"(NASA's planar design RD2 has CF 60%).")
        text_zh = (f"容量因子{pct(capacity_factor)}:算不上基荷电力,需要储能或备用电源"
                   f"(NASA的平板式设计RD2容量因子为60%)。")
    return verdict("e5.baseload", ESSAY_CLAIM, holds, "capacity_factor ≥ 0.90",
                   capacity_factor - BASELOAD_MIN_CF, text_en, text_zh)


def _verdict_valuation(p, o):
    share = o["required_share"]
    target, other = p["target_valuation_t"], p["other_value_t"]
    market = _market_zh(p["demand_multiplier"])
    holds = share is not None and le(share, 1)
    margin = None if share is None else 1 - share
    if holds and share == 0:
        text_en = (f"Non-energy businesses alone ({_tn_en(other)}) already reach the "
                   f"{_tn_en(target)} target: no energy business needed.")
        text_zh = f"非能源业务价值{_tn(other)}已不低于目标估值{_tn(target)},不靠能源业务也能达到。"
    elif holds:
        text_en = (f"Reaching {_tn_en(target)} needs {_pct_en(share)} of a "
                   f"{_amount(p['demand_multiplier'])}× world electricity market at "
                   f"${_amount(p['power_price_usd_mwh'])}/MWh and "
                   f"{_amount(p['ev_ebitda_multiple'])}× EBITDA. Energy revenue would be "
                   f"{_pct_en(o['energy_revenue_share_of_gdp'])} of today's world GDP.")
        text_zh = (f"要达到{_tn(target)}的估值,需要拿下{market}的{pct(share)}"
                   f"(电价{_per_mwh(p['power_price_usd_mwh'])}、按EBITDA的"
                   f"{_fold(p['ev_ebitda_multiple'])}估值);届时能源收入相当于当今全球GDP的"
                   f"{pct(o['energy_revenue_share_of_gdp'])}。")
    elif share is None:
        text_en = (f"At a zero power price or margin, energy contributes nothing: "
                   f"{_tn_en(target)} cannot be reached through energy.")
        text_zh = (f"电价或EBITDA利润率为零,电力业务没有利润,能源对估值毫无贡献,"
                   f"{_tn(target)}无法靠能源达到。")
    else:
        text_en = (f"Even 100% of a {_amount(p['demand_multiplier'])}× world electricity market "
                   f"is worth only ${number(o['unit_value_t'], 1)}tn at these settings. "
                   f"{_tn_en(target)} would need {number(share, 1)}× all of it.")
        text_zh = (f"即使拿下{market}的全部份额,在当前设定下也只值{_tn(o['unit_value_t'])};"
                   f"要达到{_tn(target)},需要相当于整个市场的{times(share, 1)}。")
    return verdict("e5.valuation", ESSAY_CLAIM, holds, "required_share is defined and ≤ 1",
                   margin, text_en, text_zh)


_VERDICT_RULES = (_verdict_ssp_cheaper, _verdict_launch_path, _verdict_cost_falls,
                  _verdict_fusion_unpriceable, _verdict_baseload, _verdict_valuation)

# --- charts (§5.6) ------------------------------------------------------------


def _axis(label_zh, label_en, unit, scale, values=None):
    axis = {"label_zh": label_zh, "label_en": label_en, "unit": unit, "scale": scale}
    if values is not None:
        axis["values"] = values
    return axis


def _line(name_zh, name_en, values, style="solid"):
    return {"name_zh": name_zh, "name_en": name_en, "values": values, "style": style}


def _band(name_zh, name_en, low, high, points, fill):
    """A constant band across the x range; `fill` says how to paint it (solid, light, hatched)."""
    defined = low is not None and high is not None
    return {"name_zh": name_zh, "name_en": name_en, "style": "band", "fill": fill,
            "values": [(low + high) / 2 if defined else None] * points,
            "band_low": [low] * points, "band_high": [high] * points}


def _marker(axis, value, kind, label_zh, label_en):
    return {"axis": axis, "value": value, "kind": kind, "label_zh": label_zh, "label_en": label_en}


def _static_marker(name):
    marker = dict(PUBLIC_MARKERS[name])
    marker["sources"] = [dict(source) for source in marker["sources"]]
    return marker


def _chart(chart_id, chart_type, titles, caption_zh, x, y, series, markers, regions=()):
    title_zh, title_en = titles
    return {"id": chart_id, "type": chart_type, "title_zh": title_zh, "title_en": title_en,
            "caption_zh": caption_zh, "x": x, "y": y, "series": series,
            "markers": list(markers), "regions": list(regions)}


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
    """LCOE against launch cost (log–log) with fission and fusion bands (§5.6 chart 1).

    Args:
        params: A (possibly partial) dict of parameter values; clamped, not rejected.

    Returns:
        The chart dict of MODELS.md §0.9.
    """
    model = compute(params, strict=False)
    p, o = model["inputs"], model["outputs"]
    launch_costs = launch_sweep_values()
    points = len(launch_costs)
    fusion_low, fusion_high = o["fusion_risk_adjusted"]
    series = [
        _line("太空太阳能度电成本", "Space-solar LCOE",
              [finite(ssp_lcoe(p, launch_cost=cost)) for cost in launch_costs]),
        _band("核裂变(无学习效应)", "Fission", p["fission_low_usd_mwh"],
              p["fission_high_usd_mwh"], points, "solid"),
        _band("核聚变(若成功)", "Fusion if it works", p["fusion_low_usd_mwh"],
              p["fusion_high_usd_mwh"], points, "light"),
        _band("核聚变(风险调整后)", "Fusion, risk-adjusted", fusion_low, fusion_high,
              points, "hatched"),
    ]
    markers = [_static_marker(name) for name in
               ("falcon9_launch", "starship_100", "starship_10", "nasa_rd1_lcoe", "nasa_rd2_lcoe")]
    markers.append(_marker("x", p["launch_cost_usd_per_kg"], "current",
                           f"当前:{_per_kg(p['launch_cost_usd_per_kg'])}",
                           f"Current: ${_amount(p['launch_cost_usd_per_kg'])}/kg"))
    breakeven = o["breakeven_launch_vs_fission_low"]
    if breakeven is not None and launch_costs[0] <= breakeven <= launch_costs[-1]:
        markers.append(_marker("x", breakeven, "breakeven",
                               f"击败核电下限:{_per_kg(breakeven)}",
                               f"Beats fission's low end: ${_amount(breakeven)}/kg"))
    if o["lcoe_free_launch"] is not None and o["lcoe_free_launch"] > 0:
        markers.append(_marker("y", o["lcoe_free_launch"], "threshold",
                               f"下限:即使发射免费也要{_per_mwh(o['lcoe_free_launch'])}",
                               "Floor: even free launch"))
    if breakeven is None:
        breakeven_zh = f"没有任何发射价格能让它低于核电下限{_amount(p['fission_low_usd_mwh'])}美元;"
    else:
        breakeven_zh = (f"发射成本低于{_per_kg(breakeven)}才能击败核电下限"
                        f"{_amount(p['fission_low_usd_mwh'])}美元;")
    caption = (f"当前设定下,发射成本为{_per_kg(p['launch_cost_usd_per_kg'])}时,太空太阳能度电成本为"
               f"{_per_mwh(o['lcoe_usd_mwh'])};{breakeven_zh}即使发射免费,成本也不低于"
               f"{_per_mwh(o['lcoe_free_launch'])}。")
    return _chart(
        "chart_e5_lcoe_vs_launch", "line",
        ("发射成本降到多少才不再是问题?", "When does launch cost stop being the problem?"),
        caption,
        _axis("每公斤发射成本(至近地轨道)", "Launch cost to LEO", "美元/千克", "log", launch_costs),
        _axis("度电成本", "Levelised cost of electricity", "美元/兆瓦时", "log"),
        series, markers)


def chart_e5_cost_stack(params):
    """Where the money goes, as two stacked bars in USD/MWh (§5.6 chart 2).

    Both bars add up to the LCOE: the first splits it by what the capex buys
    (launch, space hardware, ground), the second by capital recovery vs O&M.
    One y unit keeps both bars readable; the USD/kW split is in the caption.

    Args:
        params: A (possibly partial) dict of parameter values; clamped, not rejected.

    Returns:
        The chart dict of MODELS.md §0.9 (type "stacked_bar").
    """
    model = compute(params, strict=False)
    p, o = model["inputs"], model["outputs"]
    annual_charge = o["crf"] + p["om_frac"]
    launch, hardware, ground = ssp_capex_usd_kw(p)

    def per_mwh(capex_usd_kw):
        return finite(energy_cost_usd_mwh(capex_usd_kw, annual_charge, p["capacity_factor"]))

    series = [
        _line("发射", "Launch", [per_mwh(launch), 0.0]),
        _line("太空硬件", "Space hardware", [per_mwh(hardware), 0.0]),
        _line("地面接收站", "Ground station", [per_mwh(ground), 0.0]),
        _line("资本回收", "Capital recovery", [0.0, o["lcoe_capital_usd_mwh"]]),
        _line("运维", "O&M", [0.0, o["lcoe_om_usd_mwh"]]),
    ]
    caption = (f"当前设定下,每千瓦并网容量的投资为{_amount(o['capex_total_usd_kw'])}美元,其中发射"
               f"{_amount(launch)}美元、太空硬件{_amount(hardware)}美元、地面接收站{_amount(ground)}美元;"
               f"折合度电成本{_per_mwh(o['lcoe_usd_mwh'])},其中资本回收{_amount(o['lcoe_capital_usd_mwh'])}"
               f"美元、运维{_amount(o['lcoe_om_usd_mwh'])}美元。")
    return _chart(
        "chart_e5_cost_stack", "stacked_bar", ("钱花在哪里", "What the money buys"), caption,
        _axis("成本拆分方式", "Split", "", "linear", ["按投资构成", "按资本回收与运维"]),
        _axis("度电成本", "Levelised cost of electricity", "美元/兆瓦时", "linear"),
        series, [])


def chart_e5_learning(params):
    """LCOE over ten doublings of scale against a flat fission band (§5.6 chart 3).

    Args:
        params: A (possibly partial) dict of parameter values; clamped, not rejected.

    Returns:
        The chart dict of MODELS.md §0.9.
    """
    model = compute(params, strict=False)
    p, o = model["inputs"], model["outputs"]
    curve = o["learning_curve"]
    doublings = [row[0] for row in curve]
    series = [
        _line("太空太阳能度电成本", "Space-solar LCOE", [row[2] for row in curve]),
        _band("核裂变(社会成本下限,无学习效应)", "Fission (no learning)",
              p["fission_low_usd_mwh"], p["fission_high_usd_mwh"], len(curve), "solid"),
    ]
    markers = [_marker("y", o["lcoe_usd_mwh"], "current", f"当前:{_per_mwh(o['lcoe_usd_mwh'])}",
                       f"Current: ${_amount(o['lcoe_usd_mwh'])}/MWh")]
    caption = (f"发射成本每翻番降{pct(p['launch_learning_rate'])}、硬件成本每翻番降"
               f"{pct(p['hw_learning_rate'])}时,规模翻番十次后度电成本从{_per_mwh(curve[0][2])}"
               f"降到{_amount(curve[-1][2])}美元;核电区间{_amount(p['fission_low_usd_mwh'])}–"
               f"{_amount(p['fission_high_usd_mwh'])}美元保持不变(没有学习效应)。")
    return _chart(
        "chart_e5_learning", "line", ("成本随规模单向下降?", "Does cost fall with scale?"), caption,
        _axis("规模翻番次数", "Doublings of scale", "次", "linear", doublings),
        _axis("度电成本", "Levelised cost of electricity", "美元/兆瓦时", "linear"),
        series, markers)


def _valuation_line(p, shares_pct, demand_multiplier):
    unit_value = market_value_t(p["world_electricity_twh"], demand_multiplier,
                                p["power_price_usd_mwh"], p["ebitda_margin"],
                                p["ev_ebitda_multiple"])
    return [finite(total_value_t(energy_value_t(share / 100, unit_value), p["other_value_t"]))
            for share in shares_pct]


def chart_e5_valuation(params):
    """Implied SpaceX value against its share of world electricity (§5.6 chart 4).

    Args:
        params: A (possibly partial) dict of parameter values; clamped, not rejected.

    Returns:
        The chart dict of MODELS.md §0.9; x in percent (0–100).
    """
    model = compute(params, strict=False)
    p, o = model["inputs"], model["outputs"]
    shares_pct = [100 * i / (SHARE_SWEEP_POINTS - 1) for i in range(SHARE_SWEEP_POINTS)]
    current_multiplier = p["demand_multiplier"]
    series = [_line(_market_zh(m), f"{m}× today's electricity market",
                    _valuation_line(p, shares_pct, m), "dashed")
              for m in VALUATION_REFERENCE_MULTIPLIERS]
    series.append(_line(f"当前设定:{_market_zh(current_multiplier)}",
                        f"Current setting ({_amount(current_multiplier)}×)",
                        _valuation_line(p, shares_pct, current_multiplier)))
    target, share = p["target_valuation_t"], o["required_share"]
    markers = [
        _marker("x", 100 * p["ssp_share"], "current", f"当前份额:{pct(p['ssp_share'])}",
                f"Current share: {pct(p['ssp_share'])}"),
        _marker("y", target, "threshold", f"目标估值:{_tn(target)}", f"Target: {_tn_en(target)}"),
        _marker("y", p["world_gdp_t"], "threshold", f"全球GDP:{_tn(p['world_gdp_t'])}",
                f"World GDP: {_tn_en(p['world_gdp_t'])}"),
        _marker("y", p["other_value_t"], "threshold", f"非能源业务价值:{_tn(p['other_value_t'])}",
                f"Non-energy businesses: {_tn_en(p['other_value_t'])}"),
        _static_marker("spacex_xai_merger"),
    ]
    if share is not None and le(share, 1):
        markers.append(_marker("x", 100 * share, "breakeven", f"达到目标所需份额:{pct(share)}",
                               f"Share needed: {pct(share)}"))
        needed_zh = f"达到{_tn(target)}需要{pct(share)}的份额。"
    elif share is None:
        needed_zh = f"电力业务没有利润,无论份额多大都达不到{_tn(target)}。"
    else:
        needed_zh = f"即使拿下全部市场也达不到{_tn(target)}(需要相当于整个市场的{times(share, 1)})。"
    caption = (f"当前设定下,拿下{_market_zh(current_multiplier)}的{pct(p['ssp_share'])},"
               f"SpaceX的隐含估值为{_tn(o['total_value_t'])};{needed_zh}")
    return _chart(
        "chart_e5_valuation", "line", ("百万亿美元估值需要什么", "What $100tn requires"), caption,
        _axis("SpaceX占全球电力的份额", "SpaceX share of world electricity", "%", "linear",
              shares_pct),
        _axis("SpaceX隐含估值", "Implied SpaceX value", "万亿美元", "linear"),
        series, markers)


#: Chart functions in the order of MODELS.md §5.6.
CHARTS = (chart_e5_lcoe_vs_launch, chart_e5_cost_stack, chart_e5_learning, chart_e5_valuation)
