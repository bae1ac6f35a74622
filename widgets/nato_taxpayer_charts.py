"""Essay 2's charts (MODELS.md §2.6) and their static public-record markers.

Each `chart_<id>(params)` takes possibly partial params (clamped as in the browser, never
rejected) and returns the chart dict of MODELS.md §0.9, built with `chartkit`.
"""

import math

from . import chartkit
from .base import defaults, gt, lt, usd_bn_en, usd_zh
from .nato_taxpayer_record import BRUEGEL_KIEL_USD_BN, IISS_TOTAL_USD_BN, IISS_YEARS, PUBLIC_RECORD
from .nato_taxpayer_scenario import (SPEC, UNIT_BN_PER_YEAR, breakeven_benefit, ledger_of,
                                     net_cost, per_taxpayer, rent_ceiling, validated)
from .nato_taxpayer_verdicts import FEW_HUNDRED_HIGH_USD, FEW_HUNDRED_LOW_USD, bn_zh

#: Chart sweeps: benefits run 0–400 (extended to keep the current values visible).
BENEFIT_SWEEP_MAX_B = 400
SWEEP_STEP_B = 5

_IISS_PER_YEAR_B = IISS_TOTAL_USD_BN / IISS_YEARS


def _record_url(key):
    """The first source URL of the public-record entry `key` (one place for sources)."""
    entry = next(e for e in PUBLIC_RECORD if e["key"] == key)
    return next((s["url"] for s in entry["sources"] if s["url"]), None)


#: Chart categories of the ledger, in display order: (Chinese, English).
LEDGER_CATEGORIES = (
    ("美国补贴", "US subsidy"),
    ("欧洲显性支付", "Europe's explicit payments"),
    ("美国收益", "US benefits"),
    ("欧洲自建成本", "Europe self-build"),
    ("安全租金", "Security rent"),
)
_SELFBUILD_CATEGORY_ZH = LEDGER_CATEGORIES[3][0]

#: Static public-record markers for chart_e2_cost_stack (USD bn/yr, self-build bar).
PUBLIC_MARKERS = [
    chartkit.marker("y", BRUEGEL_KIEL_USD_BN, "public_record",
                    "布鲁盖尔/基尔(2025年2月):每年多支出约2500亿欧元(约2600亿美元,推算)",
                    "Bruegel/Kiel (Feb 2025): €250bn/yr more (≈$260bn, derived)",
                    category_zh=_SELFBUILD_CATEGORY_ZH, shape="line",
                    record_key="C6_bruegel_kiel", url=_record_url("C6_bruegel_kiel")),
    chartkit.marker("y", _IISS_PER_YEAR_B, "public_record",
                    "IISS(2025年5月):25年约1万亿美元(年均约400亿美元,推算)",
                    "IISS (May 2025): ~$1tn over 25 years (≈$40bn/yr, derived)",
                    category_zh=_SELFBUILD_CATEGORY_ZH, shape="diamond",
                    record_key="C6_iiss", url=_record_url("C6_iiss")),
]


# --- charts (MODELS.md §2.6, §0.9) -------------------------------------------

#: What each chart keeps whatever the scenario (id, type, title, axes).
COST_STACK = chartkit.layout("chart_e2_cost_stack", "range_bar", "账本:美国的付出、收益与欧洲的自建成本",
                             chartkit.axis("项目", "Item", "",
                                           labels_en=[en for _, en in LEDGER_CATEGORIES]),
                             ("每年金额", "USD bn per year", UNIT_BN_PER_YEAR))
NET_VS_BENEFIT = chartkit.layout("chart_e2_net_vs_benefit", "line", "美国什么时候算赚?",
                                 ("美国从同盟体系获得的收益", "US benefits from the alliance",
                                  UNIT_BN_PER_YEAR),
                                 ("每位纳税人的净成本", "Net cost per taxpayer", "美元/人/年"))
RENT = chartkit.layout("chart_e2_rent", "line", "美国能收多少安全租金?",
                       ("向盟友收取的安全租金", "Security rent charged to allies", UNIT_BN_PER_YEAR),
                       ("每位纳税人少缴的税", "Tax saved per taxpayer", "美元/人/年"))


def _sweep(upper_b):
    """0, 5, 10, … up to `upper_b`, ending exactly at `upper_b` when it is off the grid."""
    steps = int(math.floor(upper_b / SWEEP_STEP_B + 1e-9))
    values = [i * SWEEP_STEP_B for i in range(steps + 1)]
    if upper_b - values[-1] > 1e-9:
        values.append(upper_b)
    return values


def _ledger_series(inputs, ledger, scale):
    """The ledger bars (middle + whiskers) and the risk-premium extension, via `scale`."""
    middles = [ledger["subsidy"], ledger["offsets"], ledger["benefit"],
               ledger["selfbuild"], ledger["rent"]]
    lows = [inputs["subsidy_low_b"], ledger["offsets"], inputs["benefit_low_b"],
            inputs["selfbuild_low_b"], ledger["rent"]]
    highs = [inputs["subsidy_high_b"], ledger["offsets"], inputs["benefit_high_b"],
             inputs["selfbuild_high_b"], ledger["rent"]]
    # The dotted extension exists only on the self-build bar (index 3); None = no bar.
    risk_top = [None, None, None, scale(ledger["selfbuild_max"]), None]
    risk_base = [None, None, None, scale(inputs["selfbuild_high_b"]), None]
    return [
        chartkit.series("中位数(须线为上下限)", "Midpoint (whiskers: low–high)",
                        [scale(v) for v in middles], band_low=[scale(v) for v in lows],
                        band_high=[scale(v) for v in highs]),
        chartkit.series("计入风险溢价的自建成本上限", "Self-build incl. risk premium", risk_top,
                        "dashed", band_low=risk_base, band_high=risk_top),
    ]


def _scaled_public_markers(scale):
    """PUBLIC_MARKERS with their values passed through `scale`."""
    return [dict(marker, value=scale(marker["value"])) for marker in PUBLIC_MARKERS]


def chart_e2_cost_stack(params=None):
    """The ledger: subsidy, European payments, benefits, self-build cost and rent.

    Returns a "range_bar" chart in USD bn/yr. Its extra key "alt" holds the same
    chart divided by the taxpayer count (USD per taxpayer) for the page's toggle:
    {"toggle_label_zh", "toggle_label_en", "y", "series", "markers"}.
    """
    inputs, _ = validated(params, strict=False)
    ledger = ledger_of(inputs)
    taxpayers = ledger["taxpayers"]
    categories = [zh for zh, _ in LEDGER_CATEGORIES]
    caption = (f"按当前数字,美国每年补贴约{bn_zh(ledger['subsidy'])},"
               f"得到收益约{bn_zh(ledger['benefit'])},欧洲显性支付{bn_zh(ledger['offsets'])};"
               f"欧洲自建等效能力每年约{bn_zh(ledger['selfbuild'])}"
               f"(计入风险溢价最高{bn_zh(ledger['selfbuild_max'])}),"
               f"安全租金{bn_zh(ledger['rent'])}。")
    alt = {
        "toggle_label_zh": "按每位纳税人(美元/年)", "toggle_label_en": "Per taxpayer (USD/yr)",
        "y": chartkit.axis("每位纳税人每年金额", "USD per taxpayer per year", "美元/人/年"),
        "series": _ledger_series(inputs, ledger, lambda v: per_taxpayer(v, taxpayers)),
        "markers": _scaled_public_markers(lambda v: per_taxpayer(v, taxpayers)),
    }
    series = _ledger_series(inputs, ledger, lambda v: v)
    markers = _scaled_public_markers(lambda v: v)
    return chartkit.chart(COST_STACK, caption, categories, series, markers=markers, alt=alt)


def _net_phrase_zh(net_per_person):
    """"净付出938美元" / "净获得469美元" / "不赚不亏" for a net cost per taxpayer."""
    if net_per_person is None:
        return "的净额无法计算"
    if gt(net_per_person, 0):
        return f"净付出{usd_zh(net_per_person)}"
    if lt(net_per_person, 0):
        return f"净获得{usd_zh(-net_per_person)}"
    return "不赚不亏"


def chart_e2_net_vs_benefit(params=None):
    """Net cost per taxpayer as US benefits sweep 0–400 (step 5), with the subsidy band."""
    inputs, _ = validated(params, strict=False)
    ledger = ledger_of(inputs)
    subsidy, offsets, taxpayers = ledger["subsidy"], ledger["offsets"], ledger["taxpayers"]
    breakeven = breakeven_benefit(subsidy, offsets)
    benefits = _sweep(max(BENEFIT_SWEEP_MAX_B, inputs["benefit_high_b"], breakeven))

    def net_line(subsidy_b):
        return [per_taxpayer(net_cost(subsidy_b, offsets, b), taxpayers) for b in benefits]

    middle = net_line(subsidy)
    low, high = net_line(inputs["subsidy_low_b"]), net_line(inputs["subsidy_high_b"])
    top, bottom = max([0.0] + high), min([0.0] + low)
    essay = defaults(SPEC)
    net_now = per_taxpayer(net_cost(subsidy, offsets, ledger["benefit"]), taxpayers)
    balance = (f"收益达到{bn_zh(breakeven)}时美国收支平衡" if gt(breakeven, 0)
               else "欧洲的显性支付已覆盖美国的补贴,收益为零时美国也不亏")
    caption = (f"{balance};按当前收益中位数"
               f"{bn_zh(ledger['benefit'])},每个纳税人每年{_net_phrase_zh(net_now)}。"
               f"曲线在零线以上表示美国净付出,以下表示美国净获益。")
    series = [chartkit.series("补贴区间(下限–上限)", "Subsidy range (low–high)", middle, "band",
                              band_low=low, band_high=high),
        chartkit.series("按补贴中位数", "At the subsidy midpoint", middle)]
    markers = [
        chartkit.marker("y", 0, "threshold", "零线(不赚不亏)", "Zero (break-even)"),
        chartkit.marker("x", breakeven, "breakeven", f"收支平衡:收益{bn_zh(breakeven)}",
                        f"Break-even: benefits {usd_bn_en(breakeven)}"),
        chartkit.marker("x", ledger["benefit"], "current",
                        f"当前收益中位数{bn_zh(ledger['benefit'])}",
                        f"Current benefits {usd_bn_en(ledger['benefit'])}"),
    ]
    regions = [
        chartkit.region("x", essay["benefit_low_b"], essay["benefit_high_b"], "文中的收益区间",
                        "The essay's benefit range"),
        chartkit.region("y", 0, top, "美国净成本", "US net cost"),
        chartkit.region("y", bottom, 0, "美国净收益", "US net gain"),
    ]
    return chartkit.chart(NET_VS_BENEFIT, caption, benefits, series, markers=markers,
                          regions=regions)


def chart_e2_rent(params=None):
    """Rent per taxpayer as the rent sweeps 0 to S_max (step 5), with the "几百刀" band."""
    inputs, _ = validated(params, strict=False)
    ledger = ledger_of(inputs)
    rent, taxpayers = ledger["rent"], ledger["taxpayers"]
    rents = _sweep(max(ledger["selfbuild_max"], rent))
    ceiling = rent_ceiling(inputs["rent_trigger_share"], ledger["selfbuild_low"])
    rent_now = per_taxpayer(rent, taxpayers)
    caption = (f"当前租金{bn_zh(rent)}相当于每个纳税人每年{usd_zh(rent_now)};"
               f"按模型假设,租金超过{bn_zh(ceiling)}时欧洲会考虑自建,"
               f"那时每人约{usd_zh(per_taxpayer(ceiling, taxpayers))}。")
    series = [chartkit.series("每位纳税人分到的租金", "Rent per taxpayer",
                              [per_taxpayer(r, taxpayers) for r in rents])]
    markers = [
        chartkit.marker("x", ceiling, "threshold", "自建触发点(模型假设)",
                        "Self-build trigger (assumption)"),
        chartkit.marker("x", rent, "current", f"当前租金{bn_zh(rent)}",
                        f"Current rent {usd_bn_en(rent)}", y_value=rent_now),
    ]
    regions = [chartkit.region("y", FEW_HUNDRED_LOW_USD, FEW_HUNDRED_HIGH_USD, "几百刀",
                               "'A few hundred dollars'")]
    return chartkit.chart(RENT, caption, rents, series, markers=markers, regions=regions)