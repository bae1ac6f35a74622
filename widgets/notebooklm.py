"""Essay 4: NotebookLM as Google's "AGI flywheel" (MODELS.md §4).

An explicitly labelled toy: two firms (Google "G" and a rival "R") compete for a
fixed pool of deep-research users, and the essay's 9-step loop is made concrete
so readers can see under which conditions its claims hold. The essay gives no
numbers; every parameter is an assumption and the defaults are chosen so that
its claims hold. What matters is the threshold: loop gain g = 1.

This module is what a page sees (SPEC, PRESETS, compute, the chart functions, the
page's texts); the parts live beside it: `notebooklm_scenario` (parameters, formulas
and the simulation), `notebooklm_verdicts`, `notebooklm_charts`, `notebooklm_record`.
Standard library only; runs in CPython and Pyodide.
"""

from .base import model_compute
from .notebooklm_charts import (PUBLIC_MARKERS, chart_e4_loop, chart_e4_share_path,
                                chart_e4_gain_sweep, chart_e4_money)
from .notebooklm_record import PUBLIC_RECORD
from .notebooklm_scenario import PAIRS, PRESET_LABELS, PRESETS, SPEC, scenario
from .notebooklm_verdicts import VERDICT_TITLES, verdicts

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "VERDICT_TITLES", "OUTPUT_LABELS",
           "NOTES", "OUTPUT_FORMATS", "PUBLIC_MARKERS", "PUBLIC_RECORD", "compute",
           "chart_e4_loop", "chart_e4_share_path", "chart_e4_gain_sweep", "chart_e4_money"]

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
OUTPUT_LABELS = {
    "depth_ratio_phase1": "研究深度倍数",
    "loop_gain": "回路增益 g",
    "share_google_final": "谷歌期末份额",
}

#: Page notes the spec requires (MODELS.md §4 intro, §4.9), placed with `/// aside | <id>`.
NOTES = {
    "defaults": ("文章几乎没有给出数字:本页所有参数都是模型假设,默认值是为了重现文章的论证而选的。"
                 "真正要看的是门槛——回路增益 g = 1:g 大于1时飞轮自我加强,等于或小于1时不会锁定市场。"),
    "policy": ("模型展示的是飞轮要锁定需要什么条件。谷歌公开的政策说,NotebookLM 的内容不会用于训练"
               "(用户主动提交的反馈除外)。如果这一点成立,“可用于训练的信号比例”接近0,k≈0,g≈0,飞轮不会转起来。"),
}

#: Display format of every output leaf (dotted paths for `path` columns).
OUTPUT_FORMATS = {
    "loop_gain": "num:2:",
    "k": "num:2:",
    "depth_at_matched_price": "num:2:",
    "depth_ratio_phase1": "num:1:倍",
    "price_ratio_phase1": "pct",
    "critical_data_to_quality": "num:2:",
    "share_google_final": "pct",
    "share_google_peak": "pct",
    "share_google_at_match": "pct",
    "quality_google_final": "num:2:",
    "quality_rival_final": "num:2:",
    "revenue_b_year0": "usd_bn",
    "serve_cost_b_year0": "usd_bn",
    "cum_margin_b_final": "usd_bn",
    "path.year": "num:0:",
    "path.share_google": "pct",
    "path.quality_google": "num:2:",
    "path.quality_rival": "num:2:",
    "path.stock_google": "num:2:",
    "path.stock_rival": "num:2:",
    "path.price_rival": "num:2:",
    "path.depth_google": "num:2:",
    "path.traces_google": "num:3:",
    "path.capital_multiplier_google": "num:2:",
    "path.conversion_google": "num:2:",
    "path.users_google_m": "num:1:百万人",
    "path.revenue_b": "usd_bn",
    "path.serve_cost_b": "usd_bn",
    "path.cum_margin_b": "usd_bn",
}


#: Run the model for one scenario (MODELS.md §0.1).
compute = model_compute(scenario, verdicts)
