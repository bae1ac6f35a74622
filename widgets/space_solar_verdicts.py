"""Essay 5's verdicts (MODELS.md §5.4) and the phrases their sentences share with captions.

Verdict margins are signed so that a positive margin means "holds with room".
"""

from .base import ESSAY_CLAIM, display, div, ge, le, lt, number, pct, times, verdict

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e5.ssp_cheaper": "比核能更具性价比",
    "e5.launch_path": "发射降价能胜核电",
    "e5.cost_falls_with_scale": "成本随规模下降",
    "e5.fusion_unpriceable": "核聚变不可定价",
    "e5.baseload": "24/7基荷电力",
    "e5.valuation": "百万亿美元估值",
}

#: A capacity factor at least this high counts as baseload (§5.4).
BASELOAD_MIN_CF = 0.90
#: Fusion is "unpriceable" when its joint chance of success is below this (§5.4).
UNPRICEABLE_BELOW = 0.5

# --- phrases (shared with the chart captions) ----------------------------------- -------------------------------------------------------------


def amount(x):
    """A plain number for sentences: 0 decimals from 100 up, else 1 decimal without a trailing ".0"."""
    if x is None:
        return "无法计算"
    text = number(x, 0 if abs(x) >= 100 else 1)
    return text[:-2] if text.endswith(".0") else text


def amount_en(x):
    """`amount` for English text."""
    return "n/a" if x is None else amount(x)


def per_mwh(x):
    """"每兆瓦时610美元"."""
    return f"每兆瓦时{amount(x)}美元"


def per_kg(x):
    """"每公斤100美元"."""
    return f"每公斤{amount(x)}美元"


def tn(x):
    """USD tn in Chinese units."""
    return display(x, "usd_t")


def tn_en(x):
    """USD tn for English text: "$1.25tn"."""
    return "n/a" if x is None else f"${number(x, 2)}tn"


def pct_en(x):
    """A percentage, "n/a" when undefined."""
    return "n/a" if x is None else pct(x)


def market_zh(demand_multiplier):
    """The future world electricity market, e.g. "10倍于今日规模的全球电力市场"."""
    if demand_multiplier == 1:
        return "今日规模的全球电力市场"
    return f"{fold(demand_multiplier)}于今日规模的全球电力市场"


def fold(x):
    """A multiplier such as "10倍", "2.5倍"."""
    return f"{amount(x)}倍"


# --- verdicts (§5.4) ----------------------------------------------------------


def _verdict_ssp_cheaper(p, o):
    lcoe, adjusted = o["lcoe_usd_mwh"], o["ssp_risk_adjusted"]
    fission_low, fission_high = p["fission_low_usd_mwh"], p["fission_high_usd_mwh"]
    holds = adjusted is not None and le(adjusted, fission_low)
    margin = None if adjusted is None else fission_low - adjusted
    risk_zh = "" if p["p_ssp_program"] >= 1 else \
        f"(按{pct(p['p_ssp_program'])}的项目成功概率做风险调整后为{amount(adjusted)}美元)"
    risk_en = "" if p["p_ssp_program"] >= 1 else f" (${amount_en(adjusted)} risk-adjusted)"
    if holds:
        text_en = (f"At ${amount(p['launch_cost_usd_per_kg'])}/kg, space solar costs "
                   f"${amount(lcoe)}/MWh{risk_en}, below even the low end of fission "
                   f"(${amount(fission_low)}). '比核能更具性价比' holds.")
        text_zh = (f"在{per_kg(p['launch_cost_usd_per_kg'])}的发射成本下,太空太阳能度电成本为"
                   f"{per_mwh(lcoe)}{risk_zh},低于核电区间的下限{amount(fission_low)}美元,"
                   f"“比核能更具性价比”成立。")
    elif adjusted is None:
        text_en = ("The space-solar programme has a zero chance of success, so its risk-adjusted "
                   "cost is undefined; '比核能更具性价比' does not hold.")
        text_zh = "太空太阳能项目的成功概率为零,风险调整后的度电成本无法计算,“比核能更具性价比”不成立。"
    else:
        text_en = (f"Space solar at ${amount(lcoe)}/MWh{risk_en} is above fission's "
                   f"${amount(fission_low)}–{amount(fission_high)}; launch is "
                   f"{pct_en(o['launch_share_of_capex'])} of capex.")
        text_zh = (f"太空太阳能度电成本为{per_mwh(lcoe)}{risk_zh},高于核电区间"
                   f"{amount(fission_low)}–{amount(fission_high)}美元的下限,“比核能更具性价比”不成立;"
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
                   f"${amount(breakeven)}/kg (Falcon 9 today ≈ $4,000/kg LEO).")
        text_zh = (f"只要发射成本低于{per_kg(breakeven)},太空太阳能就能击败核电区间的下限"
                   f"(猎鹰9号今天约每公斤4,000美元)。")
    elif breakeven is None:
        text_en = (f"No launch price is low enough: hardware and ground alone cost "
                   f"${amount(o['lcoe_free_launch'])}/MWh. Hardware, not launch, is the wall.")
        text_zh = (f"没有任何发射价格足够低:即使发射免费,硬件与地面成本也已达{per_mwh(o['lcoe_free_launch'])},"
                   f"超过核电下限{amount(p['fission_low_usd_mwh'])}美元。挡路的是硬件,而不是发射。")
    else:
        text_en = (f"It would need launch below ${amount(breakeven)}/kg, under the "
                   f"${amount(floor)}/kg floor.")
        text_zh = (f"要击败核电下限,发射成本须低于{per_kg(breakeven)},"
                   f"比可实现的最低发射成本{per_kg(floor)}还低。")
    return verdict("e5.launch_path", ESSAY_CLAIM, holds,
                   "breakeven_launch_vs_fission_low is defined and ≥ launch_floor_usd_per_kg",
                   margin, text_en, text_zh)


def _strictly_decreasing(values):
    return all(lt(later, earlier) for earlier, later in zip(values, values[1:]))


def _verdict_cost_falls_with_scale(p, o):
    costs = [row[2] for row in o["learning_curve"]]
    first, last = costs[0], costs[-1]
    any_learning = p["launch_learning_rate"] > 0 or p["hw_learning_rate"] > 0
    holds = any_learning and None not in costs and _strictly_decreasing(costs)
    margin = None if first is None or last is None else div(first - last, first)
    if holds:
        text_en = (f"Ten doublings of scale cut space-solar LCOE from ${amount(first)} "
                   f"to ${amount(last)}/MWh.")
        text_zh = (f"规模每翻番一次,发射成本降{pct(p['launch_learning_rate'])}、硬件成本降"
                   f"{pct(p['hw_learning_rate'])};翻番十次后,太空太阳能度电成本从{per_mwh(first)}"
                   f"降到{amount(last)}美元。")
    elif not any_learning:
        text_en = "With zero learning rates, cost does not fall with scale."
        text_zh = "发射和硬件的学习率都为零,成本不会随规模下降,“成本随规模单向下降”不成立。"
    else:
        text_en = (f"After ten doublings LCOE is still ${amount(last)}/MWh (from "
                   f"${amount(first)}): the learning rates act on costs that barely matter, "
                   f"so cost does not keep falling with scale.")
        text_zh = (f"翻番十次后度电成本仍约为{per_mwh(last)}(起点{amount(first)}美元):"
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
    range_zh = f"每兆瓦时{amount(low)}–{amount(high)}美元"
    range_en = f"${amount_en(low)}–${amount_en(high)}/MWh"
    if holds and low is None:
        text_en = (f"Four AND-conditions give a joint success chance of {pct_en(success)}: "
                   f"the risk-adjusted cost of fusion is undefined, an unreliable anchor.")
        text_zh = (f"{conditions},同时满足的概率为{pct(success)},风险调整后的成本无从计算,"
                   f"核聚变确实“不可定价”。")
    elif holds:
        text_en = (f"Four AND-conditions give a joint success chance of {pct_en(success)}. "
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
    market = market_zh(p["demand_multiplier"])
    holds = share is not None and le(share, 1)
    margin = None if share is None else 1 - share
    if holds and share == 0:
        text_en = (f"Non-energy businesses alone ({tn_en(other)}) already reach the "
                   f"{tn_en(target)} target: no energy business needed.")
        text_zh = f"非能源业务价值{tn(other)}已不低于目标估值{tn(target)},不靠能源业务也能达到。"
    elif holds:
        text_en = (f"Reaching {tn_en(target)} needs {pct_en(share)} of a "
                   f"{amount(p['demand_multiplier'])}× world electricity market at "
                   f"${amount(p['power_price_usd_mwh'])}/MWh and "
                   f"{amount(p['ev_ebitda_multiple'])}× EBITDA. Energy revenue would be "
                   f"{pct_en(o['energy_revenue_share_of_gdp'])} of today's world GDP.")
        text_zh = (f"要达到{tn(target)}的估值,需要拿下{market}的{pct(share)}"
                   f"(电价{per_mwh(p['power_price_usd_mwh'])}、按EBITDA的"
                   f"{fold(p['ev_ebitda_multiple'])}估值);届时能源收入相当于当今全球GDP的"
                   f"{pct(o['energy_revenue_share_of_gdp'])}。")
    elif share is None:
        text_en = (f"At a zero power price or margin, energy contributes nothing: "
                   f"{tn_en(target)} cannot be reached through energy.")
        text_zh = (f"电价或EBITDA利润率为零,电力业务没有利润,能源对估值毫无贡献,"
                   f"{tn(target)}无法靠能源达到。")
    else:
        text_en = (f"Even 100% of a {amount(p['demand_multiplier'])}× world electricity market "
                   f"is worth only ${number(o['unit_value_t'], 1)}tn at these settings. "
                   f"{tn_en(target)} would need {number(share, 1)}× all of it.")
        text_zh = (f"即使拿下{market}的全部份额,在当前设定下也只值{tn(o['unit_value_t'])};"
                   f"要达到{tn(target)},需要相当于整个市场的{times(share, 1)}。")
    return verdict("e5.valuation", ESSAY_CLAIM, holds, "required_share is defined and ≤ 1",
                   margin, text_en, text_zh)


_VERDICT_RULES = (_verdict_ssp_cheaper, _verdict_launch_path, _verdict_cost_falls_with_scale,
                  _verdict_fusion_unpriceable, _verdict_baseload, _verdict_valuation)


def verdicts(inputs, outputs):
    """The six verdicts of §5.4, in the spec's order."""
    return [rule(inputs, outputs) for rule in _VERDICT_RULES]
