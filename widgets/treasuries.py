"""Essay 3: why "Europe dumping Treasuries" is not a credible weapon (MODELS.md §3).

A toy comparison of who is hurt by a politically motivated European sale of US
Treasuries: Europe (paper losses on what it keeps, realised losses on what it
sells) or the US (extra interest on the debt it refinances while yields are
up), and of how much a US retaliation (a spread shock on European government
debt) would cost Europe. Standard library only: the same file runs at build
time in CPython and in the reader's browser in Pyodide.

This module is what a page sees (SPEC, PRESETS, compute, the chart functions, the
page's texts); the parts live beside it: `treasuries_scenario` (parameters and
formulas), `treasuries_verdicts`, `treasuries_charts`, `treasuries_record`.
"""

from .base import model_compute
from .treasuries_charts import (PUBLIC_MARKERS, chart_e3_holdings, chart_e3_horizon,
                                chart_e3_breakeven_spread)
from .treasuries_record import PUBLIC_RECORD
from .treasuries_scenario import PAIRS, PRESET_LABELS, PRESETS, SPEC, interest_cost_b, scenario
from .treasuries_verdicts import VERDICT_TITLES, verdicts

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "VERDICT_TITLES", "OUTPUT_LABELS",
           "OUTPUT_FORMATS", "PUBLIC_MARKERS", "PUBLIC_RECORD", "compute", "chart_e3_holdings",
           "chart_e3_horizon", "chart_e3_breakeven_spread", "interest_cost_b"]

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "mobilisable_b": "可被动员抛售",
    "self_harm_ratio": "欧洲自伤/美国成本",
    "retaliation_cost_b": "欧洲承受的报复成本",
    "breakeven_spread_bp": "报复持平利差",
}

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

#: Run the model for one scenario (MODELS.md §0.1).
compute = model_compute(scenario, verdicts)
