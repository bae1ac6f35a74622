"""Essay 5's scenario: parameters, presets and every formula (MODELS.md §5.2–5.3).

Each formula lives in one small public function; `outputs()` and the chart sweeps both
call them, so a formula is never written twice.
"""

from .base import div, finite, le, param, validate

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

# --- constants --------------------------------------------------------------

HOURS_PER_YEAR = 8760
LEARNING_DOUBLINGS = 10

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




# --- outputs (§5.3) -------------------------------------------------------------


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



def scenario(params, strict):
    """(inputs, warnings, outputs) for `params`: validated, then every derived output."""
    p, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    outputs = _lcoe_outputs(p)
    outputs.update(_breakeven_outputs(p))
    outputs.update(_risk_outputs(p, outputs["lcoe_usd_mwh"]))
    outputs.update(_valuation_outputs(p))
    return p, warnings, _finite_tree(outputs)
