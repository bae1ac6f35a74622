"""Essay 1's scenario: parameters, presets, thresholds and every formula (MODELS.md §1.2–1.3).

Each formula lives in one small function; `scenario()` and the chart sweeps both call them.
"""

import math

from .base import ZERO, div, finite, ge, gt, lt, param, validate

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
#: Thresholds the essay's wording implies.
CLAIMED_GROWTH = 0.50          # "提高50%"
LITERAL_GROWTH_BAND = 0.10     # "≈ +50%" read literally: within ±10 points
CASHFLOW_BAND = (0.85, 1.15)   # "几乎相当于": within ±15%
GOOGLE_THRESHOLD_B = 100       # "超过1000亿"
OVERFLOW_LOG = 700             # exp() above this is not shown
UNIT_PERSISTENCE = 1e-12       # |a − 1| below this counts as a = 1 (§1.3 D)

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
        return lead_initial if is_zero(s) else s
    if abs(drift) < UNIT_PERSISTENCE:
        return lead_initial if is_zero(drive) else drive
    return drive


def lead_is_permanent(lead_initial, drift, drive):
    """lim d_t > 0 (within the §0.4 tolerance)."""
    return gt(lead_limit_indicator(lead_initial, drift, drive), 0)


def first_battle_decides(self_improvement, catch_up, lead_initial):
    """With matched compute (c = 0) an early lead persists: self-improvement ≥ catch-up, lead > 0."""
    return bool(ge(self_improvement, catch_up) and gt(lead_initial, 0))


def is_zero(x):
    """x equals 0 within the §0.4 tolerance."""
    return x is not None and not gt(x, 0) and not lt(x, 0)


# --- outputs (§1.3) ---------------------------------------------------------


def scenario(params, strict):
    """(inputs, warnings, outputs) for `params`: validated, then every derived output."""
    inputs, warnings = validate(SPEC, params, strict, PAIRS)
    return inputs, warnings, _outputs(inputs, warnings)


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

