"""Essay 1: Meta's 2026 capex and the compute arms race (MODELS.md §1).

Three small models behind one page:

* scale and growth of Meta's 2026 capex plan against the prior year;
* whether cash flow pays for it (the essay's "自由现金流" only works as cash
  flow *before* capex);
* a toy race model of "首战即决战": the leader's log-capability lead d_t
  follows d_{t+1} = a·d_t + c with a = 1 + self_improvement − catch_up and
  c = compute_return·ln(compute_ratio). It is illustrative, not a forecast.

Every formula lives in one small function below; compute() and the chart
sweeps both call those functions.
"""

import math

from .base import (MODEL_CHECK, ESSAY_CLAIM, ZERO, ModelInputError, div, finite, ge, gt, le, lt,
                   number, param, pct, result, times, usd_bn_en, usd_bn_zh, validate, verdict)
from .meta_capex_record import PUBLIC_RECORD

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "OUTPUT_FORMATS", "PUBLIC_MARKERS",
           "ModelInputError", "compute", "chart_e1_capex_bars", "chart_e1_cashflow",
           "chart_e1_race", "chart_e1_race_phase"]

# --- parameters (§1.2) ------------------------------------------------------

SPEC = [
    param("capex_2026_low_b", "十亿美元", 115, 0, 300, 1,
          "Meta 2026 capex plan, low end", "2026年资本开支计划下限", "essay"),
    param("capex_2026_high_b", "十亿美元", 135, 0, 300, 1,
          "Meta 2026 capex plan, high end", "2026年资本开支计划上限", "essay"),
    param("capex_prior_b", "十亿美元", 72, 1, 300, 0.5,
          "Prior-year (2025) capex (\"700多亿\")", "此前资本开支(700多亿)", "essay+public"),
    param("ocf_prior_b", "十亿美元", 115.8, 1, 400, 0.1,
          "Prior-year operating cash flow (before capex)", "上一年经营活动现金流", "public"),
    param("ocf_growth_pct", "%", 0, -50, 100, 1,
          "Assumed growth of operating cash flow in 2026", "2026年经营现金流增速(假设)",
          "assumption"),
    param("google_capex_2026_b", "十亿美元", 100, 0, 400, 1,
          "Google 2026 capex (market forecast)", "谷歌2026年资本开支(市场预测)", "essay"),
    param("msft_capex_quarterly_b", "十亿美元/季度", 5, 0, 100, 0.5,
          "Microsoft quarterly capex (\"几十亿\")", "微软季度资本开支(几十亿)", "essay"),
    param("amzn_capex_quarterly_b", "十亿美元/季度", 5, 0, 100, 0.5,
          "Amazon quarterly capex (\"几十亿\")", "亚马逊季度资本开支(几十亿)", "essay"),
    param("lead_initial", "对数单位", 0.2, 0, 2, 0.05,
          "Leader's initial capability lead (log units; 0.2 ≈ +22%)", "初始领先幅度(对数)",
          "assumption"),
    param("compute_ratio", "倍", 1.0, 0.25, 4, 0.05,
          "Leader/follower compute ratio from now on", "领先者/追赶者算力之比", "assumption",
          log=True),
    param("compute_return", "每年/ln(倍)", 0.5, 0, 2, 0.05,
          "Yearly capability gain per log-unit of compute advantage", "算力优势转化为能力的系数",
          "assumption"),
    param("self_improvement", "1/年", 0.30, 0, 1, 0.01,
          "Recursive self-improvement: extra yearly growth of the gap, proportional to the gap",
          "递归自我迭代系数", "assumption"),
    param("catch_up", "1/年", 0.20, 0, 1, 0.01,
          "Catch-up/diffusion: share of the gap the follower closes per year "
          "(imitation, distillation, talent flow)", "追赶/扩散系数", "assumption"),
    param("horizon_years", "年", 10, 1, 30, 1,
          "Horizon (\"未来 5–10 年\")", "展望期(年)", "essay", integer=True),
]

PAIRS = (("capex_2026_low_b", "capex_2026_high_b"),)

# --- presets (§1.7) ---------------------------------------------------------

PRESETS = {
    "public_record_2026": {
        "capex_prior_b": 72.2,
        "ocf_prior_b": 115.8,
        "google_capex_2026_b": 180,
        "msft_capex_quarterly_b": 37.5,
        "amzn_capex_quarterly_b": 50,
    },
}

PRESET_LABELS = {"public_record_2026": "公开数据(2026年初)"}

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e1.growth": "提高至少50%",
    "e1.growth_literal": "字面增幅约50%",
    "e1.cashflow": "约等于全年现金流",
    "e1.cashflow_literal": "约等于字面自由现金流",
    "e1.self_funded": "现金流覆盖开支",
    "e1.google": "谷歌超过1000亿",
    "e1.peers_lowkey": "微软亚马逊低调",
    "e1.permanent_lead": "领先永久保持",
    "e1.first_battle": "首战即决战",
}

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
    return {"axis": "y", "kind": "public_record", "category_zh": CATEGORIES_ZH[category],
            "category_en": CATEGORIES_EN[category], "value": value, "low": low, "high": high,
            "label_zh": label_zh, "label_en": label_en, "claim": claim_id,
            "sources": _record_sources(claim_id, index)}


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

#: Thresholds the essay's wording implies.
CLAIMED_GROWTH = 0.50          # "提高50%"
LITERAL_GROWTH_BAND = 0.10     # "≈ +50%" read literally: within ±10 points
CASHFLOW_BAND = (0.85, 1.15)   # "几乎相当于": within ±15%
GOOGLE_THRESHOLD_B = 100       # "超过1000亿"
OVERFLOW_LOG = 700             # exp() above this is not shown
UNIT_PERSISTENCE = 1e-12       # |a − 1| below this counts as a = 1 (§1.3 D)
CASHFLOW_SWEEP = [80 + 2 * i for i in range(51)]   # hypothetical 2026 capex, 80…180 step 2
PHASE_SWEEP = [round(0.05 * i, 2) for i in range(21)]  # catch_up 0…1 step 0.05

# --- A. scale and growth ----------------------------------------------------


def capex_midpoint(low_b, high_b):
    """Midpoint of the capex plan range (USD bn)."""
    return (low_b + high_b) / 2


def growth_over_prior(capex_b, prior_b):
    """Growth of `capex_b` over the prior year's capex, as a fraction (None if prior ≈ 0)."""
    ratio = div(capex_b, prior_b)
    return None if ratio is None else ratio - 1


def prior_implied_by_growth(capex_b, growth=CLAIMED_GROWTH):
    """The prior-year capex at which `capex_b` would be exactly `growth` higher."""
    return div(capex_b, 1 + growth)


# --- B. cash flow -----------------------------------------------------------


def ocf_next_year(ocf_prior_b, ocf_growth_pct):
    """Operating cash flow in 2026 after the assumed growth (percent units)."""
    return ocf_prior_b * (1 + ocf_growth_pct / 100)


def fcf_after_capex(ocf_b, capex_b):
    """Free cash flow left after spending `capex_b` out of operating cash flow `ocf_b`."""
    return ocf_b - capex_b


def capex_to_cash(capex_b, cash_b):
    """capex / cash flow, or None unless the cash flow is positive (above 1e-12)."""
    if cash_b is None or cash_b <= ZERO:
        return None
    return div(capex_b, cash_b)


# --- C. peers ---------------------------------------------------------------


def annualise(quarterly_b):
    """Annual run-rate of a quarterly amount."""
    return 4 * quarterly_b


# --- D. toy race model ------------------------------------------------------


def gap_drift(self_improvement, catch_up):
    """a − 1 = self_improvement − catch_up, kept exact (no rounding through 1 + …)."""
    return self_improvement - catch_up


def persistence(self_improvement, catch_up):
    """a = 1 + self_improvement − catch_up: how much of the gap carries into next year."""
    return 1 + gap_drift(self_improvement, catch_up)


def compute_drive(compute_return, compute_ratio):
    """c = compute_return · ln(compute_ratio): yearly gap change from the compute ratio."""
    return compute_return * math.log(compute_ratio)


def gap_path(lead_initial, drift, drive, years):
    """Iterate d_{t+1} = a·d_t + c from d_0 for `years` steps.

    Args:
        lead_initial: d_0, the leader's initial lead in log units.
        drift: a − 1 (see gap_drift).
        drive: c (see compute_drive).
        years: Number of steps T.

    Returns:
        [d_0, d_1, …, d_T].
    """
    path = [lead_initial]
    for _ in range(years):
        gap = path[-1]
        path.append(gap + drift * gap + drive)
    return path


def gap_closed_form(lead_initial, drift, drive, year):
    """Closed form of d_t (§1.3 D), the check on gap_path.

    Uses a^t = exp(t·log1p(a − 1)) and expm1 so that a close to 1 keeps its precision.
    """
    if abs(drift) < UNIT_PERSISTENCE:
        return lead_initial + drive * year
    if drift <= -1:  # a = 0: the gap is just this year's drive
        power, grown = (1.0, 0.0) if year == 0 else (0.0, -1.0)
    else:
        log_a = math.log1p(drift)
        power, grown = math.exp(year * log_a), math.expm1(year * log_a)
    return power * lead_initial + drive * grown / drift


def lead_multiple(gap):
    """exp(gap): how many times as capable the leader is; None above exp(700)."""
    return None if gap > OVERFLOW_LOG else math.exp(gap)


def gap_steady_state(drift, drive):
    """Limit c / (catch_up − self_improvement) when a < 1, else None."""
    if drift < -UNIT_PERSISTENCE:
        return div(drive, -drift)
    return None


def divergence_sign(lead_initial, drift, drive):
    """s = d_0 + c/(a − 1) for a ≠ 1 (the sign of a diverging gap), else None."""
    if abs(drift) < UNIT_PERSISTENCE:
        return None
    return finite(lead_initial + drive / drift)


def lead_limit_indicator(lead_initial, drift, drive):
    """A number whose sign is the sign of lim d_t (§1.3 D).

    a > 1: s, or d_0 when s = 0 (the gap then stays at d_0); a = 1: c, or d_0 when
    c = 0; a < 1: c (history fades, only the ongoing compute ratio matters).
    """
    if drift > UNIT_PERSISTENCE:
        s = divergence_sign(lead_initial, drift, drive)
        return lead_initial if _is_zero(s) else s
    if abs(drift) < UNIT_PERSISTENCE:
        return lead_initial if _is_zero(drive) else drive
    return drive


def lead_is_permanent(lead_initial, drift, drive):
    """lim d_t > 0 (within the §0.4 tolerance)."""
    return gt(lead_limit_indicator(lead_initial, drift, drive), 0)


def first_battle_decides(self_improvement, catch_up, lead_initial):
    """With matched compute (c = 0) an early lead persists: self-improvement ≥ catch-up, lead > 0."""
    return bool(ge(self_improvement, catch_up) and gt(lead_initial, 0))


def _is_zero(x):
    """x equals 0 within the §0.4 tolerance."""
    return x is not None and not gt(x, 0) and not lt(x, 0)


# --- compute ----------------------------------------------------------------


def compute(params=None, *, strict=True):
    """Run the model for one scenario (MODELS.md §0.1, §1).

    Args:
        params: {name: number}; missing names take their defaults.
        strict: Raise ModelInputError on out-of-range values instead of clamping.

    Returns:
        {"inputs", "outputs", "verdicts", "warnings"}, JSON-safe.

    Raises:
        ModelInputError: unknown name, non-number, NaN/inf, fractional integer,
            or (with strict) a value outside its bounds.
    """
    inputs, warnings = validate(SPEC, params, strict, PAIRS)
    outputs = _outputs(inputs, warnings)
    return result(inputs, outputs, _verdicts(inputs, outputs), warnings)


def _outputs(p, warnings):
    """Every derived output of §1.3; appends overflow warnings to `warnings`."""
    low, high, prior = p["capex_2026_low_b"], p["capex_2026_high_b"], p["capex_prior_b"]
    mid = capex_midpoint(low, high)
    ocf = ocf_next_year(p["ocf_prior_b"], p["ocf_growth_pct"])
    fcf_prior = fcf_after_capex(p["ocf_prior_b"], prior)
    drift = gap_drift(p["self_improvement"], p["catch_up"])
    drive = compute_drive(p["compute_return"], p["compute_ratio"])
    path = gap_path(p["lead_initial"], drift, drive, p["horizon_years"])
    multiple = lead_multiple(path[-1])
    if multiple is None:
        warnings.append("overflow:lead_multiple_T")
    return {
        "capex_range_b": [low, high],
        "capex_mid_b": mid,
        "growth_low": growth_over_prior(low, prior),
        "growth_mid": growth_over_prior(mid, prior),
        "growth_high": growth_over_prior(high, prior),
        "prior_implied_by_claim_mid_b": prior_implied_by_growth(mid),
        "ocf_2026_b": ocf,
        "capex_to_ocf": capex_to_cash(mid, ocf),
        "fcf_prior_b": fcf_prior,
        "capex_to_fcf_prior": capex_to_cash(mid, fcf_prior),
        "fcf_2026_b": {"low": fcf_after_capex(ocf, low), "mid": fcf_after_capex(ocf, mid),
                       "high": fcf_after_capex(ocf, high)},
        "msft_annual_b": annualise(p["msft_capex_quarterly_b"]),
        "amzn_annual_b": annualise(p["amzn_capex_quarterly_b"]),
        "google_b": p["google_capex_2026_b"],
        "persistence_a": persistence(p["self_improvement"], p["catch_up"]),
        "compute_drive_c": drive,
        "divergence_s": divergence_sign(p["lead_initial"], drift, drive),
        "gap_path": path,
        "gap_T": path[-1],
        "lead_multiple_T": multiple,
        "gap_steady_state": gap_steady_state(drift, drive),
    }


# --- verdicts (§1.4) --------------------------------------------------------


def _verdicts(p, o):
    """All verdicts in the spec's order."""
    return [_v_growth(p, o), _v_growth_literal(p, o), _v_cashflow(p, o),
            _v_cashflow_literal(p, o), _v_self_funded(p, o), _v_google(p, o),
            _v_peers_lowkey(p, o), _v_permanent_lead(p, o), _v_first_battle(p, o)]


def _signed_pct(x):
    """Percentage with an explicit sign: "+74%" / "-5.0%"."""
    text = pct(x)
    return text if text.startswith("-") else f"+{text}"


def _above_zh(x):
    """"高74%" or "低5.0%" for a growth fraction."""
    return f"高{pct(x)}" if x >= 0 else f"低{pct(-x)}"


def _range_zh(low, high):
    """"1150亿美元–1350亿美元", or one amount when the range is degenerate."""
    return usd_bn_zh(low) if low == high else f"{usd_bn_zh(low)}–{usd_bn_zh(high)}"


def _coef(x):
    """A race coefficient for sentences: two decimals."""
    return number(x, 2)


def _v_growth(p, o):
    low, prior, growth = p["capex_2026_low_b"], p["capex_prior_b"], o["growth_low"]
    holds = ge(growth, CLAIMED_GROWTH)
    if holds:
        en = (f"Even the low end ({usd_bn_en(low)}) is {pct(growth)} above last year's "
              f"{usd_bn_en(prior)}, so '提高50%' holds as 'at least 50%'.")
        zh = (f"即使按下限{usd_bn_zh(low)}计算,也比此前的{usd_bn_zh(prior)}高{pct(growth)},"
              f"“提高50%”作为“至少50%”成立。")
    else:
        en = (f"The low end ({usd_bn_en(low)}) is only {_signed_pct(growth)} against last "
              f"year's {usd_bn_en(prior)}; '提高50%' does not hold.")
        zh = (f"下限{usd_bn_zh(low)}比此前的{usd_bn_zh(prior)}只{_above_zh(growth)},"
              f"“提高50%”不成立。")
    return verdict("e1.growth", ESSAY_CLAIM, holds, "growth_low ≥ 0.50",
                   growth - CLAIMED_GROWTH, en, zh)


def _v_growth_literal(p, o):
    low, mid, high = o["growth_low"], o["growth_mid"], o["growth_high"]
    distance = abs(mid - CLAIMED_GROWTH)
    holds = le(distance, LITERAL_GROWTH_BAND)
    span = f"{_signed_pct(low)}–{_signed_pct(high)}"
    if holds:
        en = f"Midpoint growth {_signed_pct(mid)} ≈ 50% (range {span})."
        zh = f"中值增幅为{_signed_pct(mid)},与“提高50%”大致相符(区间{span})。"
    else:
        word_en, word_zh = ("understates", "低估") if mid > CLAIMED_GROWTH else ("overstates", "高估")
        en = (f"Read literally, '+50%' {word_en} the increase: the midpoint is "
              f"{_signed_pct(mid)} (range {span}).")
        zh = f"按字面理解,“50%”{word_zh}了增幅:中值为{_signed_pct(mid)}(区间{span})。"
    return verdict("e1.growth_literal", MODEL_CHECK, holds, "|growth_mid − 0.50| ≤ 0.10",
                   LITERAL_GROWTH_BAND - distance, en, zh)


def _v_cashflow(p, o):
    mid, ocf, ratio = o["capex_mid_b"], o["ocf_2026_b"], o["capex_to_ocf"]
    lo, hi = CASHFLOW_BAND
    rule = "0.85 ≤ capex_to_ocf ≤ 1.15"
    if ratio is None:
        return verdict("e1.cashflow", ESSAY_CLAIM, None, rule, None,
                       "2026 operating cash flow is not positive; the comparison is undefined.",
                       "2026年经营现金流不为正,无法比较。")
    holds = bool(ge(ratio, lo) and le(ratio, hi))
    if holds:
        en = (f"Capex midpoint {usd_bn_en(mid)} ≈ {pct(ratio)} of a full year's operating cash "
              f"flow ({usd_bn_en(ocf)}): Meta is committing roughly all of its pre-capex cash flow.")
        zh = (f"资本开支中值{usd_bn_zh(mid)}约为2026年全年经营现金流({usd_bn_zh(ocf)})的"
              f"{pct(ratio)}:Meta几乎押上了资本开支前的全部现金流。")
    else:
        en = (f"Capex ({usd_bn_en(mid)}) is {pct(ratio)} of operating cash flow "
              f"({usd_bn_en(ocf)}), not 'nearly equal'.")
        zh = (f"资本开支中值{usd_bn_zh(mid)}是2026年经营现金流({usd_bn_zh(ocf)})的{pct(ratio)},"
              f"谈不上“几乎相当”。")
    return verdict("e1.cashflow", ESSAY_CLAIM, holds, rule, min(ratio - lo, hi - ratio), en, zh)


def _v_cashflow_literal(p, o):
    fcf, ratio = o["fcf_prior_b"], o["capex_to_fcf_prior"]
    lo, hi = CASHFLOW_BAND
    rule = "capex_to_fcf_prior defined and 0.85 ≤ capex_to_fcf_prior ≤ 1.15"
    if ratio is None:
        return verdict("e1.cashflow_literal", MODEL_CHECK, None, rule, None,
                       f"Last year's free cash flow was {usd_bn_en(fcf)} (≤ 0); "
                       f"the comparison is undefined.",
                       f"上一年自由现金流为{usd_bn_zh(fcf)}(不为正),这一比较没有意义。")
    holds = bool(ge(ratio, lo) and le(ratio, hi))
    if holds:
        en = (f"2026 capex ≈ last year's free cash flow ({usd_bn_en(fcf)}): "
              f"{number(ratio, 2)}×.")
        zh = (f"2026年资本开支中值约等于上一年的自由现金流({usd_bn_zh(fcf)}),"
              f"为其{times(ratio)}。")
    else:
        en = (f"Read literally, 2026 capex is {number(ratio, 1)}× last year's free cash flow "
              f"({usd_bn_en(fcf)}), not equal to it.")
        zh = (f"按字面理解,2026年资本开支中值是上一年自由现金流({usd_bn_zh(fcf)})的"
              f"{times(ratio, 1)},并不相当。")
    return verdict("e1.cashflow_literal", MODEL_CHECK, holds, rule,
                   min(ratio - lo, hi - ratio), en, zh)


def _v_self_funded(p, o):
    mid, ocf, left = o["capex_mid_b"], o["ocf_2026_b"], o["fcf_2026_b"]["mid"]
    holds = ge(left, 0)
    if holds and _is_zero(left):
        en = f"2026 operating cash flow ({usd_bn_en(ocf)}) exactly covers the midpoint plan."
        zh = f"2026年预计经营现金流{usd_bn_zh(ocf)}刚好覆盖中值计划{usd_bn_zh(mid)},没有余额。"
    elif holds:
        en = (f"2026 operating cash flow ({usd_bn_en(ocf)}) covers the midpoint plan "
              f"({usd_bn_en(mid)}), leaving {usd_bn_en(left)}.")
        zh = (f"2026年预计经营现金流{usd_bn_zh(ocf)}足以覆盖中值计划{usd_bn_zh(mid)},"
              f"还剩{usd_bn_zh(left)}。")
    else:
        en = (f"At the midpoint the plan exceeds projected 2026 operating cash flow by "
              f"{usd_bn_en(-left)}, so it needs cash reserves or debt.")
        zh = (f"按中值计算,计划比2026年预计经营现金流({usd_bn_zh(ocf)})多出{usd_bn_zh(-left)},"
              f"需要动用现金储备或举债。")
    return verdict("e1.self_funded", MODEL_CHECK, holds, "fcf_2026_b.mid ≥ 0", left, en, zh)


def _v_google(p, o):
    google = o["google_b"]
    holds = ge(google, GOOGLE_THRESHOLD_B)
    if holds:
        reach_zh = "超过" if gt(google, GOOGLE_THRESHOLD_B) else "恰好达到"
        en = f"Google at {usd_bn_en(google)}: '超过1000亿' holds."
        zh = f"谷歌2026年资本开支按{usd_bn_zh(google)}计,{reach_zh}1000亿美元,“超过1000亿”成立。"
    else:
        en = f"Google at {usd_bn_en(google)} is below $100bn."
        zh = f"谷歌2026年资本开支按{usd_bn_zh(google)}计,低于1000亿美元,“超过1000亿”不成立。"
    return verdict("e1.google", ESSAY_CLAIM, holds, "google_capex_2026_b ≥ 100",
                   google - GOOGLE_THRESHOLD_B, en, zh)


def _v_peers_lowkey(p, o):
    msft, amzn, mid = o["msft_annual_b"], o["amzn_annual_b"], o["capex_mid_b"]
    biggest = max(msft, amzn)
    holds = lt(biggest, mid)
    if holds:
        en = (f"Microsoft ({usd_bn_en(msft)}/yr) and Amazon ({usd_bn_en(amzn)}/yr) spend less "
              f"than Meta's {usd_bn_en(mid)}: 'low-key' holds.")
        zh = (f"微软(年化{usd_bn_zh(msft)})和亚马逊(年化{usd_bn_zh(amzn)})都低于Meta的"
              f"{usd_bn_zh(mid)}:“低调”成立。")
    else:
        en = (f"At these inputs Microsoft/Amazon annualised capex (up to {usd_bn_en(biggest)}) "
              f"is not below Meta's {usd_bn_en(mid)}; they are not 'low-key'.")
        zh = (f"按此输入,微软/亚马逊的年化资本开支(最高{usd_bn_zh(biggest)})不低于Meta的"
              f"{usd_bn_zh(mid)},并不“低调”。")
    return verdict("e1.peers_lowkey", ESSAY_CLAIM, holds,
                   "max(msft_annual_b, amzn_annual_b) < capex_mid_b", mid - biggest, en, zh)


def _multiple_text(multiple, gap):
    """(zh, en) for "× as capable", readable even when the multiple is astronomically large."""
    if multiple is None:
        return (f"e^{number(gap, 0)}倍(大到无法显示)", f"e^{number(gap, 0)} times (too large to show)")
    if multiple >= 1e6:
        exponent = math.floor(math.log10(multiple))
        mantissa = multiple / 10 ** exponent
        return (f"{mantissa:.2f}×10^{exponent}倍", f"{mantissa:.2f}×10^{exponent} times")
    return times(multiple), f"{number(multiple, 2)} times"


def _v_permanent_lead(p, o):
    years, gap = p["horizon_years"], o["gap_T"]
    drift = gap_drift(p["self_improvement"], p["catch_up"])
    indicator = lead_limit_indicator(p["lead_initial"], drift, o["compute_drive_c"])
    holds = gt(indicator, 0)
    if holds:
        multiple_zh, multiple_en = _multiple_text(o["lead_multiple_T"], gap)
        en = f"The lead never closes: after {years} years the leader is {multiple_en} as capable."
        zh = f"领先不会消失:{years}年后,领先者的能力是追赶者的{multiple_zh}。"
    else:
        en = (f"The lead does not last: the follower eventually catches up or overtakes "
              f"(gap after {years} years: {number(gap, 3)} log units).")
        zh = (f"领先无法持续:追赶者终将追平甚至反超({years}年后差距为{number(gap, 3)}个对数单位)。")
    return verdict("e1.permanent_lead", ESSAY_CLAIM, holds, "lim d_t > 0 (§1.3 D)",
                   indicator, en, zh)


def _v_first_battle(p, o):
    si, cu, lead = p["self_improvement"], p["catch_up"], p["lead_initial"]
    holds = first_battle_decides(si, cu, lead)
    if holds:
        en = (f"Self-improvement ({_coef(si)}) ≥ catch-up ({_coef(cu)}): an early lead persists "
              f"even if the follower matches compute, so 'the first battle is decisive'.")
        zh = (f"自我迭代系数({_coef(si)})不低于追赶系数({_coef(cu)}):即使对手算力追平,"
              f"早期领先仍会保持——首战即决战。")
    elif ge(si, cu):
        en = (f"Self-improvement ({_coef(si)}) ≥ catch-up ({_coef(cu)}), but there is no initial "
              f"lead to keep, so nothing is decided by the first battle.")
        zh = (f"自我迭代系数({_coef(si)})虽不低于追赶系数({_coef(cu)}),但初始领先为0,"
              f"没有可以保持的领先,谈不上首战即决战。")
    else:
        en = (f"Catch-up ({_coef(cu)}) exceeds self-improvement ({_coef(si)}): a follower that "
              f"matches compute closes the gap, so history is not decisive.")
        zh = (f"追赶系数({_coef(cu)})大于自我迭代系数({_coef(si)}):对手只要算力追平就能缩小差距,"
              f"首战并非决战。")
    return verdict("e1.first_battle", ESSAY_CLAIM, holds,
                   "self_improvement ≥ catch_up and lead_initial > 0 (with matched compute)",
                   min(si - cu, lead), en, zh)


# --- charts (§1.6) ----------------------------------------------------------


def _scenario(params):
    """Validated inputs (strict=False) and outputs for a chart."""
    inputs, warnings = validate(SPEC, params, False, PAIRS)
    return inputs, _outputs(inputs, warnings)


def _axis(label_zh, label_en, unit, values=None, scale="linear"):
    """An axis dict; x axes carry their values."""
    axis = {"label_zh": label_zh, "label_en": label_en, "unit": unit, "scale": scale}
    if values is not None:
        axis["values"] = values
    return axis


def _series(name_zh, name_en, values, style="solid", band_low=None, band_high=None):
    """A series dict; band_low/band_high only when given."""
    series = {"name_zh": name_zh, "name_en": name_en, "values": values, "style": style}
    if band_low is not None:
        series["band_low"], series["band_high"] = band_low, band_high
    return series


def _marker(axis, value, kind, label_zh, label_en):
    return {"axis": axis, "value": value, "kind": kind, "label_zh": label_zh, "label_en": label_en}


def chart_e1_capex_bars(params=None):
    """"Who is spending what": the reader's capex figures next to the public record.

    A range_bar chart. x.values are the five Chinese category labels; series[0]
    holds the reader's inputs (Meta 2026 as the plan midpoint with low/high
    whiskers, the others as points with equal whiskers); series[1] holds the
    static PUBLIC_MARKERS (Google 2026 and Meta 2026 as guidance ranges).

    Args:
        params: Possibly partial {name: value}; validated with strict=False.

    Returns:
        The §0.9 chart dict.
    """
    p, o = _scenario(params)
    low, high, mid = p["capex_2026_low_b"], p["capex_2026_high_b"], o["capex_mid_b"]
    points = [p["capex_prior_b"], mid, o["google_b"], o["msft_annual_b"], o["amzn_annual_b"]]
    lows = [points[0], low] + points[2:]
    highs = [points[0], high] + points[2:]
    public = [m["value"] for m in PUBLIC_MARKERS]
    biggest_peer = max(o["msft_annual_b"], o["amzn_annual_b"])
    public_msft, public_amzn = PUBLIC_MARKERS[3]["value"], PUBLIC_MARKERS[4]["value"]
    above = [name for name, value in (("微软", public_msft), ("亚马逊", public_amzn)) if gt(value, mid)]
    public_vs_mid = {2: "都高于", 0: "都不高于"}.get(len(above), f"只有{''.join(above)}高于")
    caption = (f"按当前输入,Meta 2026年计划{_range_zh(low, high)}(中值{usd_bn_zh(mid)}),"
               f"谷歌{usd_bn_zh(o['google_b'])},微软和亚马逊年化最高{usd_bn_zh(biggest_peer)};"
               f"公开数据中微软年化约{usd_bn_zh(public_msft)}、亚马逊约{usd_bn_zh(public_amzn)},"
               f"{public_vs_mid}当前的Meta中值。")
    return {
        "id": "chart_e1_capex_bars",
        "type": "range_bar",
        "title_zh": "谁在花多少钱:各公司年度资本开支",
        "title_en": "Who is spending what: annual capex",
        "caption_zh": caption,
        "x": _axis("公司与年份", "Company and year", "", list(CATEGORIES_ZH)),
        "y": _axis("年度资本开支", "Annual capex", "十亿美元/年"),
        "series": [
            _series("本页输入", "Your inputs", points, "solid", lows, highs),
            _series("公开记录", "Public record", public, "hatched",
                    [m["low"] for m in PUBLIC_MARKERS], [m["high"] for m in PUBLIC_MARKERS]),
        ],
        "markers": [],
        "regions": [],
    }


def chart_e1_cashflow(params=None):
    """"Can cash flow pay for it?": implied 2026 free cash flow against hypothetical capex.

    A line chart over capex 80…180 (step 2, 51 points) of ocf_2026_b − x, with
    the plan range shaded, the break-even capex, the zero line, last year's
    literal free cash flow and the current midpoint as markers.

    Args:
        params: Possibly partial {name: value}; validated with strict=False.

    Returns:
        The §0.9 chart dict.
    """
    p, o = _scenario(params)
    ocf, mid, fcf_prior = o["ocf_2026_b"], o["capex_mid_b"], o["fcf_prior_b"]
    low, high = p["capex_2026_low_b"], p["capex_2026_high_b"]
    implied = [fcf_after_capex(ocf, capex) for capex in CASHFLOW_SWEEP]
    left = o["fcf_2026_b"]["mid"]
    state_zh = f"还剩{usd_bn_zh(left)}" if left >= 0 else f"缺口{usd_bn_zh(-left)}"
    caption = (f"按当前假设,2026年经营现金流为{usd_bn_zh(ocf)},资本开支超过这一数额时自由现金流转负;"
               f"计划中值{usd_bn_zh(mid)}对应{state_zh}。上一年按字面计算的自由现金流为"
               f"{usd_bn_zh(fcf_prior)}。")
    return {
        "id": "chart_e1_cashflow",
        "type": "line",
        "title_zh": "现金流付得起吗?",
        "title_en": "Can cash flow pay for it?",
        "caption_zh": caption,
        "x": _axis("假设的2026年资本开支", "Hypothetical 2026 capex", "十亿美元",
                   list(CASHFLOW_SWEEP)),
        "y": _axis("2026年隐含自由现金流", "Implied 2026 free cash flow", "十亿美元"),
        "series": [_series("经营现金流 − 资本开支", "Operating cash flow − capex", implied)],
        "markers": [
            _marker("y", 0, "threshold", "自由现金流为0", "Zero free cash flow"),
            _marker("x", ocf, "breakeven", f"盈亏平衡:{usd_bn_zh(ocf)}",
                    f"Break-even: {usd_bn_en(ocf)}"),
            _marker("y", fcf_prior, "threshold", f"2025年自由现金流(字面):{usd_bn_zh(fcf_prior)}",
                    f"2025 FCF (literal): {usd_bn_en(fcf_prior)}"),
            _marker("x", mid, "current", f"计划中值:{usd_bn_zh(mid)}",
                    f"Plan midpoint: {usd_bn_en(mid)}"),
        ],
        "regions": [{"axis": "x", "from": low, "to": high,
                     "label_zh": f"计划区间{_range_zh(low, high)}",
                     "label_en": f"Plan {usd_bn_en(low)}–{usd_bn_en(high)}"}],
    }


def chart_e1_race(params=None):
    """"Does an early lead last?": the toy race model's gap d_t over the horizon.

    A line chart, x = year 0…T, three series: the current inputs, the follower
    matching compute (compute_ratio = 1) and no self-improvement. The extra key
    "y2" asks for a right axis showing exp(d_t) ("× as capable").

    Args:
        params: Possibly partial {name: value}; validated with strict=False.

    Returns:
        The §0.9 chart dict.
    """
    p, o = _scenario(params)
    years, lead, si, cu = p["horizon_years"], p["lead_initial"], p["self_improvement"], p["catch_up"]
    drive = o["compute_drive_c"]
    matched = gap_path(lead, gap_drift(si, cu), compute_drive(p["compute_return"], 1.0), years)
    no_self = gap_path(lead, gap_drift(0.0, cu), drive, years)
    multiple_zh, _ = _multiple_text(o["lead_multiple_T"], o["gap_T"])
    lasting = "会" if lead_is_permanent(lead, gap_drift(si, cu), drive) else "不会"
    caption = (f"按当前输入,领先差距从{number(lead, 2)}变为{years}年后的{number(o['gap_T'], 3)}"
               f"(领先者能力为追赶者的{multiple_zh}),长期看领先{lasting}保持;"
               f"若对手算力追平,{years}年后差距为{number(matched[-1], 3)};"
               f"若没有自我迭代,则为{number(no_self[-1], 3)}。")
    return {
        "id": "chart_e1_race",
        "type": "line",
        "title_zh": "早期领先能保持吗?(玩具模型)",
        "title_en": "Does an early lead last? (toy model)",
        "caption_zh": caption,
        "x": _axis("年份", "Year", "年", list(range(years + 1))),
        "y": _axis("领先差距(对数)", "Lead (log units)", "对数单位"),
        "y2": {"label_zh": "领先者能力倍数", "label_en": "× as capable", "unit": "倍",
               "transform": "exp"},
        "series": [
            _series("当前输入", "Current inputs", o["gap_path"]),
            _series("对手算力追平", "Follower matches compute", matched, "dashed"),
            _series("没有自我迭代", "No self-improvement", no_self, "dashed"),
        ],
        "markers": [
            _marker("y", 0, "threshold", "差距为0", "No gap"),
            _marker("x", years, "current", f"展望期:{years}年", f"Horizon: {years} years"),
        ],
        "regions": [],
    }


def chart_e1_race_phase(params=None):
    """The race model's phase diagram: where "首战即决战" holds (§1.6, chart 3b).

    A line chart with x = catch_up (0…1, step 0.05, 21 points) and y =
    self_improvement. series[0] is the boundary self_improvement = catch_up
    (a = 1); series[1] is a band from the boundary up to 1, the region where an
    early lead survives matched compute. Two "current" markers cross at the
    reader's point.

    Args:
        params: Possibly partial {name: value}; validated with strict=False.

    Returns:
        The §0.9 chart dict.
    """
    p, _ = _scenario(params)
    si, cu, lead = p["self_improvement"], p["catch_up"], p["lead_initial"]
    # a = 1 exactly where self_improvement = catch_up, so the boundary is the diagonal.
    boundary = list(PHASE_SWEEP)
    inside = "位于" if ge(si, cu) else "不在"
    verdict_zh = "首战即决战成立" if first_battle_decides(si, cu, lead) else "首战即决战不成立"
    caption = (f"当前点(追赶系数{_coef(cu)},自我迭代系数{_coef(si)}){inside}阴影区域内"
               f"(初始领先{number(lead, 2)}),{verdict_zh}。")
    return {
        "id": "chart_e1_race_phase",
        "type": "line",
        "title_zh": "首战即决战的区域",
        "title_en": "Where the first battle is decisive",
        "caption_zh": caption,
        "x": _axis("追赶/扩散系数", "Catch-up", "1/年", list(PHASE_SWEEP)),
        "y": _axis("递归自我迭代系数", "Self-improvement", "1/年"),
        "series": [
            _series("自我迭代 = 追赶(a = 1)", "Self-improvement = catch-up (a = 1)", boundary),
            _series("首战即决战区域", "First battle decisive", boundary, "band",
                    boundary, [1.0] * len(PHASE_SWEEP)),
        ],
        "markers": [
            _marker("x", cu, "current", f"当前追赶系数:{_coef(cu)}",
                    f"Current catch-up: {_coef(cu)}"),
            _marker("y", si, "current", f"当前自我迭代系数:{_coef(si)}",
                    f"Current self-improvement: {_coef(si)}"),
        ],
        "regions": [],
    }
