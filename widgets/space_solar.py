"""Essay 5: Musk vs fusion, space solar, and a "百万亿美元" SpaceX (MODELS.md §5).

The essay gives no number for any cost or valuation input, so the defaults are
the "author's case" (what you would need to believe for every claim to hold):
cheap hardware, $100/kg launch, 60% of a ten-times-larger electricity market
valued at 20× EBITDA. The presets move one click away to the public record.

This module is what a page sees (SPEC, PRESETS, compute, the chart functions, the
page's texts); the parts live beside it: `space_solar_scenario` (parameters and
formulas), `space_solar_verdicts`, `space_solar_charts`, `space_solar_record`.

Standard library only: this module runs in CPython at build time and in
Pyodide in the reader's browser.
"""

from .base import model_compute
from .space_solar_charts import (CHARTS, PUBLIC_MARKERS, chart_e5_lcoe_vs_launch,
                                 chart_e5_cost_stack, chart_e5_learning, chart_e5_valuation)
from .space_solar_record import PUBLIC_RECORD
from .space_solar_scenario import (DEFAULTS_LABEL, PAIRS, PRESET_LABELS, PRESETS, SPEC,
                                   capex_needed_usd_kw, capital_recovery_factor, scenario,
                                   ssp_lcoe)
from .space_solar_verdicts import VERDICT_TITLES, verdicts

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "DEFAULTS_LABEL", "VERDICT_TITLES",
           "OUTPUT_LABELS", "NOTES", "OUTPUT_FORMATS", "PUBLIC_MARKERS", "PUBLIC_RECORD",
           "compute", "chart_e5_lcoe_vs_launch", "chart_e5_cost_stack", "chart_e5_learning",
           "chart_e5_valuation", "CHARTS", "capex_needed_usd_kw", "capital_recovery_factor",
           "ssp_lcoe"]

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


#: Run the model for one scenario (MODELS.md §0.1).
compute = model_compute(scenario, verdicts)
