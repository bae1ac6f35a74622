"""Essay 2: what each US taxpayer pays to subsidise European defence (MODELS.md §2).

The essay turns a $100–200bn/yr "systemic cost" into "about $1,000 per taxpayer",
then concedes that its own $200–250bn/yr of alliance benefits exceed that cost.
This model keeps both sides of the ledger and recomputes every figure and verdict
from the reader's assumptions.
This module is what a page sees (SPEC, PRESETS, compute, the chart functions, the
page's texts); the parts live beside it: `nato_taxpayer_scenario` (parameters, the
ledger and formulas), `nato_taxpayer_verdicts`, `nato_taxpayer_charts`,
`nato_taxpayer_record`.

Standard library only; runs in CPython at build time and in Pyodide in the browser.
"""

from .base import model_compute
from .nato_taxpayer_charts import (PUBLIC_MARKERS, chart_e2_cost_stack, chart_e2_net_vs_benefit,
                                   chart_e2_rent)
from .nato_taxpayer_record import PUBLIC_RECORD
from .nato_taxpayer_scenario import PAIRS, PRESET_LABELS, PRESETS, SPEC, scenario
from .nato_taxpayer_verdicts import VERDICT_TITLES, verdicts

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "VERDICT_TITLES", "OUTPUT_LABELS",
           "NOTES", "OUTPUT_FORMATS", "PUBLIC_MARKERS", "PUBLIC_RECORD", "compute",
           "chart_e2_cost_stack", "chart_e2_net_vs_benefit", "chart_e2_rent"]

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "gross_per_taxpayer": "每人毛额",
    "net_per_taxpayer": "每人净额(负数为净赚)",
    "explicit_price_share": "显性价格/自建成本",
    "rent_per_taxpayer": "每人租金",
}

#: Page notes the spec requires (MODELS.md §2.8), placed with `/// aside | <id>`.
NOTES = {
    "gross_not_net": ("文章自己估计的收益(每年2000–2500亿美元)高于它估计的成本(1000–2000亿美元)。"
                      "“每个纳税人约1000美元”是毛额,文章也承认账面上美国是净赚的(“帐面算来,美国还赚钱了”)。"
                      "如果只算实际有联邦所得税应纳税额的约1.106亿份申报,毛额会升到每人约1356美元。"),
}

OUTPUT_FORMATS = {
    "subsidy_mid_b": "usd_bn",
    "benefit_mid_b": "usd_bn",
    "selfbuild_mid_b": "usd_bn",
    "selfbuild_max_b": "usd_bn",
    "gross_per_taxpayer": "usd",
    "gross_band": "usd",
    "net_cost_b": "usd_bn",
    "net_per_taxpayer": "usd",
    "net_band_b": "usd_bn",
    "net_band_per_taxpayer": "usd",
    "breakeven_benefit_b": "usd_bn",
    "breakeven_taxpayers_m_for_1000": "num:1:百万人",
    "per_taxpayer_1000_window_m": "num:1:百万人",
    "value_to_cost_ratio": "times",
    "explicit_price_share": "pct",
    "rent_per_taxpayer": "usd",
    "rent_ceiling_b": "usd_bn",
    "rent_share_of_selfbuild_low": "pct",
    "us_stay_payoff_b": "usd_bn",
}

#: Run the model for one scenario (MODELS.md §0.1).
compute = model_compute(scenario, verdicts)
