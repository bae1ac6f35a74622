"""Essay 1: Meta's 2026 capex and the compute arms race (MODELS.md §1).

Three small models behind one page:

* scale and growth of Meta's 2026 capex plan against the prior year;
* whether cash flow pays for it (the essay's "自由现金流" only works as cash
  flow *before* capex);
* a toy race model of "首战即决战": the leader's log-capability lead d_t
  follows d_{t+1} = a·d_t + c with a = 1 + self_improvement − catch_up and
  c = compute_return·ln(compute_ratio). It is illustrative, not a forecast.

This module is what a page sees (SPEC, PRESETS, compute, the chart functions, the
page's texts); the parts live beside it: `meta_capex_scenario` (parameters and
formulas), `meta_capex_verdicts`, `meta_capex_charts`, `meta_capex_record`.
"""

from .base import model_compute
from .meta_capex_charts import (CATEGORIES_ZH, PUBLIC_MARKERS, chart_e1_capex_bars,
                                chart_e1_cashflow, chart_e1_race, chart_e1_race_phase)
from .meta_capex_record import PUBLIC_RECORD
from .meta_capex_scenario import (PAIRS, PRESET_LABELS, PRESETS, SPEC, compute_drive,
                                  gap_closed_form, gap_drift, gap_path, lead_is_permanent,
                                  scenario)
from .meta_capex_verdicts import VERDICT_TITLES, verdicts

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "VERDICT_TITLES", "OUTPUT_LABELS",
           "NOTES", "OUTPUT_FORMATS", "PUBLIC_MARKERS", "PUBLIC_RECORD", "CATEGORIES_ZH",
           "compute", "chart_e1_capex_bars", "chart_e1_cashflow", "chart_e1_race",
           "chart_e1_race_phase", "compute_drive", "gap_closed_form", "gap_drift", "gap_path",
           "lead_is_permanent"]

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "growth_mid": "比上年增幅(中值)",
    "capex_to_ocf": "资本开支/经营现金流",
    "google_b": "谷歌资本开支",
    "lead_multiple_T": "期末领先倍数",
}

#: Page notes the spec requires (MODELS.md §1.8), placed with `/// aside | <id>`.
NOTES = {
    "quarterly_peers": "文中说同行“季度几十亿”,比公开记录低了大约7–10倍,应读作“几百亿”。",
}

# --- display formats of every output (base.display) -------------------------

OUTPUT_FORMATS = {
    "capex_range_b": "usd_bn",
    "capex_mid_b": "usd_bn",
    "growth_low": "pct",
    "growth_mid": "pct",
    "growth_high": "pct",
    "prior_implied_by_claim_mid_b": "usd_bn",
    "ocf_2026_b": "usd_bn",
    "capex_to_ocf": "pct",
    "fcf_prior_b": "usd_bn",
    "capex_to_fcf_prior": "times",
    "fcf_2026_b": "usd_bn",
    "msft_annual_b": "usd_bn",
    "amzn_annual_b": "usd_bn",
    "google_b": "usd_bn",
    "persistence_a": "num:2:",
    "compute_drive_c": "num:3:",
    "divergence_s": "num:3:",
    "gap_path": "num:3:",
    "gap_T": "num:3:",
    "lead_multiple_T": "times",
    "gap_steady_state": "num:3:",
}


#: Run the model for one scenario (MODELS.md §0.1).
compute = model_compute(scenario, verdicts)
