"""Essay 1's charts (MODELS.md §1.6) and the public-record markers of the bar chart.

Each `chart_<id>(params)` takes possibly partial params (clamped as in the browser, never
rejected) and returns the chart dict of MODELS.md §0.9, built with `chartkit`.
"""

from . import chartkit
from .base import ge, gt, number, usd_bn_en, usd_bn_zh
from .meta_capex_record import PUBLIC_RECORD
from .meta_capex_scenario import (compute_drive, fcf_after_capex, first_battle_decides, gap_drift,
                                  gap_path, lead_is_permanent, scenario)
from .meta_capex_verdicts import coef, multiple_text, range_zh

# --- public-record markers for the bar chart (§1.6, from §1.8) ---------------

#: Bar-chart categories, in display order (Chinese labels are the x values).
CATEGORIES_ZH = ("Meta 2025年(实际)", "Meta 2026年(计划)", "谷歌 2026年", "微软(年化)",
                 "亚马逊(年化)")
CATEGORIES_EN = ("Meta 2025 (actual)", "Meta 2026 (plan)", "Google 2026",
                 "Microsoft (annualised)", "Amazon (annualised)")


def _record_sources(claim_id, index=0):
    """Sources of the index-th public-record entry for a claim (one truth: the record module)."""
    entries = [entry for entry in PUBLIC_RECORD if entry["id"] == claim_id]
    return [dict(source) for source in entries[index]["sources"]]


def _public_marker(category, value, low, high, claim_id, index, label_zh, label_en):
    """One static public-record marker for a bar-chart category."""
    return chartkit.marker("y", value, "public_record", label_zh, label_en,
                           category_zh=CATEGORIES_ZH[category], category_en=CATEGORIES_EN[category],
                           low=low, high=high, claim=claim_id,
                           sources=_record_sources(claim_id, index))


#: Static public figures (USD bn/yr), one per bar-chart category, with the
#: record module's sources. Microsoft is 4 × the $37.5bn FY26 Q2 quarter.
PUBLIC_MARKERS = (
    _public_marker(0, 72.2, 72.2, 72.2, "C2", 0, "Meta 2025年实际:722亿美元",
                   "Meta 2025 actual: $72.2bn"),
    _public_marker(1, 125.0, 115.0, 135.0, "C1", 0, "Meta 2026年指引:1150–1350亿美元",
                   "Meta 2026 guidance: $115–135bn"),
    _public_marker(2, 180.0, 175.0, 185.0, "C5", 0, "谷歌2026年指引:1750–1850亿美元",
                   "Alphabet 2026 guidance: $175–185bn"),
    _public_marker(3, 150.0, 150.0, 150.0, "C6", 0, "微软:单季375亿美元×4=1500亿美元",
                   "Microsoft: $37.5bn a quarter × 4 = $150bn"),
    _public_marker(4, 200.0, 200.0, 200.0, "C6", 1, "亚马逊2026年计划:约2000亿美元",
                   "Amazon 2026 plan: about $200bn"),
)

CASHFLOW_SWEEP = [80 + 2 * i for i in range(51)]   # hypothetical 2026 capex, 80…180 step 2
PHASE_SWEEP = [round(0.05 * i, 2) for i in range(21)]  # catch_up 0…1 step 0.05

# --- charts (§1.6) ----------------------------------------------------------

#: What each chart keeps whatever the scenario (id, type, title, axes).
CAPEX_BARS = chartkit.layout("chart_e1_capex_bars", "range_bar", "谁在花多少钱:各公司年度资本开支",
                             ("公司与年份", "Company and year", ""),
                             ("年度资本开支", "Annual capex", "十亿美元/年"),
                             title_en="Who is spending what: annual capex")
CASHFLOW = chartkit.layout("chart_e1_cashflow", "line", "现金流付得起吗?",
                           ("假设的2026年资本开支", "Hypothetical 2026 capex", "十亿美元"),
                           ("2026年隐含自由现金流", "Implied 2026 free cash flow", "十亿美元"),
                           title_en="Can cash flow pay for it?")
RACE = chartkit.layout("chart_e1_race", "line", "早期领先能保持吗?(玩具模型)",
                       ("年份", "Year", "年"),
                       ("领先差距(对数)", "Lead (log units)", "对数单位"),
                       title_en="Does an early lead last? (toy model)",
                       y2={"label_zh": "领先者能力倍数", "label_en": "× as capable", "unit": "倍",
               "transform": "exp"})
RACE_PHASE = chartkit.layout("chart_e1_race_phase", "line", "首战即决战的区域",
                             ("追赶/扩散系数", "Catch-up", "1/年"),
                             ("递归自我迭代系数", "Self-improvement", "1/年"),
                             title_en="Where the first battle is decisive")


def chart_e1_capex_bars(params=None):
    """"Who is spending what": the reader's capex figures next to the public record.

    A range_bar chart. x.values are the five Chinese category labels; series[0]
    holds the reader's inputs (Meta 2026 as the plan midpoint with low/high
    whiskers, the others as points with equal whiskers); series[1] holds the
    static PUBLIC_MARKERS (Google 2026 and Meta 2026 as guidance ranges).
    """
    p, _, o = scenario(params, strict=False)
    low, high, mid = p["capex_2026_low_b"], p["capex_2026_high_b"], o["capex_mid_b"]
    points = [p["capex_prior_b"], mid, o["google_b"], o["msft_annual_b"], o["amzn_annual_b"]]
    lows = [points[0], low] + points[2:]
    highs = [points[0], high] + points[2:]
    public = [m["value"] for m in PUBLIC_MARKERS]
    biggest_peer = max(o["msft_annual_b"], o["amzn_annual_b"])
    public_msft, public_amzn = PUBLIC_MARKERS[3]["value"], PUBLIC_MARKERS[4]["value"]
    above = [name for name, value in (("微软", public_msft), ("亚马逊", public_amzn)) if gt(value, mid)]
    public_vs_mid = {2: "都高于", 0: "都不高于"}.get(len(above), f"只有{''.join(above)}高于")
    caption = (f"按当前输入,Meta 2026年计划{range_zh(low, high)}(中值{usd_bn_zh(mid)}),"
               f"谷歌{usd_bn_zh(o['google_b'])},微软和亚马逊年化最高{usd_bn_zh(biggest_peer)};"
               f"公开数据中微软年化约{usd_bn_zh(public_msft)}、亚马逊约{usd_bn_zh(public_amzn)},"
               f"{public_vs_mid}当前的Meta中值。")
    series = [
        chartkit.series("本页输入", "Your inputs", points, band_low=lows, band_high=highs),
        chartkit.series("公开记录", "Public record", public, "hatched",
                        band_low=[m["low"] for m in PUBLIC_MARKERS],
                        band_high=[m["high"] for m in PUBLIC_MARKERS]),
    ]
    return chartkit.chart(CAPEX_BARS, caption, list(CATEGORIES_ZH), series)


def chart_e1_cashflow(params=None):
    """"Can cash flow pay for it?": implied 2026 free cash flow against hypothetical capex.

    A line chart over capex 80…180 (step 2, 51 points) of ocf_2026_b − x, with
    the plan range shaded, the break-even capex, the zero line, last year's
    literal free cash flow and the current midpoint as markers.
    """
    p, _, o = scenario(params, strict=False)
    ocf, mid, fcf_prior = o["ocf_2026_b"], o["capex_mid_b"], o["fcf_prior_b"]
    low, high = p["capex_2026_low_b"], p["capex_2026_high_b"]
    implied = [fcf_after_capex(ocf, capex) for capex in CASHFLOW_SWEEP]
    left = o["fcf_2026_b"]["mid"]
    state_zh = f"还剩{usd_bn_zh(left)}" if left >= 0 else f"缺口{usd_bn_zh(-left)}"
    caption = (f"按当前假设,2026年经营现金流为{usd_bn_zh(ocf)},资本开支超过这一数额时自由现金流转负;"
               f"计划中值{usd_bn_zh(mid)}对应{state_zh}。上一年按字面计算的自由现金流为"
               f"{usd_bn_zh(fcf_prior)}。")
    series = [chartkit.series("经营现金流 − 资本开支", "Operating cash flow − capex", implied)]
    markers = [
        chartkit.marker("y", 0, "threshold", "自由现金流为0", "Zero free cash flow"),
        chartkit.marker("x", ocf, "breakeven", f"盈亏平衡:{usd_bn_zh(ocf)}",
                        f"Break-even: {usd_bn_en(ocf)}"),
        chartkit.marker("y", fcf_prior, "threshold", f"2025年自由现金流(字面):{usd_bn_zh(fcf_prior)}",
                        f"2025 FCF (literal): {usd_bn_en(fcf_prior)}"),
        chartkit.marker("x", mid, "current", f"计划中值:{usd_bn_zh(mid)}",
                        f"Plan midpoint: {usd_bn_en(mid)}"),
    ]
    regions = [chartkit.region("x", low, high, f"计划区间{range_zh(low, high)}",
                               f"Plan {usd_bn_en(low)}–{usd_bn_en(high)}")]
    return chartkit.chart(CASHFLOW, caption, list(CASHFLOW_SWEEP), series, markers=markers,
                          regions=regions)


def chart_e1_race(params=None):
    """"Does an early lead last?": the toy race model's gap d_t over the horizon.

    A line chart, x = year 0…T, three series: the current inputs, the follower
    matching compute (compute_ratio = 1) and no self-improvement. The extra key
    "y2" asks for a right axis showing exp(d_t) ("× as capable").
    """
    p, _, o = scenario(params, strict=False)
    years, lead, si, cu = p["horizon_years"], p["lead_initial"], p["self_improvement"], p["catch_up"]
    drive = o["compute_drive_c"]
    matched = gap_path(lead, gap_drift(si, cu), compute_drive(p["compute_return"], 1.0), years)
    no_self = gap_path(lead, gap_drift(0.0, cu), drive, years)
    multiple_zh, _ = multiple_text(o["lead_multiple_T"], o["gap_T"])
    lasting = "会" if lead_is_permanent(lead, gap_drift(si, cu), drive) else "不会"
    caption = (f"按当前输入,领先差距从{number(lead, 2)}变为{years}年后的{number(o['gap_T'], 3)}"
               f"(领先者能力为追赶者的{multiple_zh}),长期看领先{lasting}保持;"
               f"若对手算力追平,{years}年后差距为{number(matched[-1], 3)};"
               f"若没有自我迭代,则为{number(no_self[-1], 3)}。")
    series = [
        chartkit.series("当前输入", "Current inputs", o["gap_path"]),
        chartkit.series("对手算力追平", "Follower matches compute", matched, "dashed"),
        chartkit.series("没有自我迭代", "No self-improvement", no_self, "dashed"),
    ]
    markers = [
        chartkit.marker("y", 0, "threshold", "差距为0", "No gap"),
        chartkit.marker("x", years, "current", f"展望期:{years}年", f"Horizon: {years} years"),
    ]
    return chartkit.chart(RACE, caption, list(range(years + 1)), series, markers=markers)


def chart_e1_race_phase(params=None):
    """The race model's phase diagram: where "首战即决战" holds (§1.6, chart 3b).

    A line chart with x = catch_up (0…1, step 0.05, 21 points) and y =
    self_improvement. series[0] is the boundary self_improvement = catch_up
    (a = 1); series[1] is a band from the boundary up to 1, the region where an
    early lead survives matched compute. Two "current" markers cross at the
    reader's point.
    """
    p, _, _ = scenario(params, strict=False)
    si, cu, lead = p["self_improvement"], p["catch_up"], p["lead_initial"]
    # a = 1 exactly where self_improvement = catch_up, so the boundary is the diagonal.
    boundary = list(PHASE_SWEEP)
    inside = "位于" if ge(si, cu) else "不在"
    verdict_zh = "首战即决战成立" if first_battle_decides(si, cu, lead) else "首战即决战不成立"
    caption = (f"当前点(追赶系数{coef(cu)},自我迭代系数{coef(si)}){inside}阴影区域内"
               f"(初始领先{number(lead, 2)}),{verdict_zh}。")
    series = [
        chartkit.series("自我迭代 = 追赶(a = 1)", "Self-improvement = catch-up (a = 1)", boundary),
        chartkit.series("首战即决战区域", "First battle decisive", boundary, "band",
                        band_low=boundary, band_high=[1.0] * len(PHASE_SWEEP)),
    ]
    markers = [
        chartkit.marker("x", cu, "current", f"当前追赶系数:{coef(cu)}",
                        f"Current catch-up: {coef(cu)}"),
        chartkit.marker("y", si, "current", f"当前自我迭代系数:{coef(si)}",
                        f"Current self-improvement: {coef(si)}"),
    ]
    return chartkit.chart(RACE_PHASE, caption, list(PHASE_SWEEP), series, markers=markers)