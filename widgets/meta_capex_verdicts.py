"""Essay 1's verdicts (MODELS.md §1.4) and the phrases their sentences share with captions."""

import math

from .base import (ESSAY_CLAIM, MODEL_CHECK, ge, gt, le, lt, number, pct, times, usd_bn_en,
                   usd_bn_zh, verdict)
from .meta_capex_scenario import (CASHFLOW_BAND, CLAIMED_GROWTH, GOOGLE_THRESHOLD_B,
                                  LITERAL_GROWTH_BAND, first_battle_decides, gap_drift, is_zero,
                                  lead_limit_indicator)

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


# --- verdicts (§1.4) --------------------------------------------------------


def verdicts(p, o):
    """All verdicts in the spec's order."""
    return [_verdict_growth(p, o), _verdict_growth_literal(p, o), _verdict_cashflow(p, o),
            _verdict_cashflow_literal(p, o), _verdict_self_funded(p, o), _verdict_google(p, o),
            _verdict_peers_lowkey(p, o), _verdict_permanent_lead(p, o), _verdict_first_battle(p, o)]


def _signed_pct(x):
    """Percentage with an explicit sign: "+74%" / "-5.0%"."""
    text = pct(x)
    return text if text.startswith("-") else f"+{text}"


def _above_zh(x):
    """"高74%" or "低5.0%" for a growth fraction."""
    return f"高{pct(x)}" if x >= 0 else f"低{pct(-x)}"


def range_zh(low, high):
    """"1150亿美元–1350亿美元", or one amount when the range is degenerate."""
    return usd_bn_zh(low) if low == high else f"{usd_bn_zh(low)}–{usd_bn_zh(high)}"


def coef(x):
    """A race coefficient for sentences: two decimals."""
    return number(x, 2)


def _verdict_growth(p, o):
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


def _verdict_growth_literal(p, o):
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


def _verdict_cashflow(p, o):
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


def _verdict_cashflow_literal(p, o):
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


def _verdict_self_funded(p, o):
    mid, ocf, left = o["capex_mid_b"], o["ocf_2026_b"], o["fcf_2026_b"]["mid"]
    holds = ge(left, 0)
    if holds and is_zero(left):
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


def _verdict_google(p, o):
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


def _verdict_peers_lowkey(p, o):
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


def multiple_text(multiple, gap):
    """(zh, en) for "× as capable", readable even when the multiple is astronomically large."""
    if multiple is None:
        return (f"e^{number(gap, 0)}倍(大到无法显示)", f"e^{number(gap, 0)} times (too large to show)")
    if multiple >= 1e6:
        exponent = math.floor(math.log10(multiple))
        mantissa = multiple / 10 ** exponent
        return (f"{mantissa:.2f}×10^{exponent}倍", f"{mantissa:.2f}×10^{exponent} times")
    return times(multiple), f"{number(multiple, 2)} times"


def _verdict_permanent_lead(p, o):
    years, gap = p["horizon_years"], o["gap_T"]
    drift = gap_drift(p["self_improvement"], p["catch_up"])
    indicator = lead_limit_indicator(p["lead_initial"], drift, o["compute_drive_c"])
    holds = gt(indicator, 0)
    if holds:
        multiple_zh, multiple_en = multiple_text(o["lead_multiple_T"], gap)
        en = f"The lead never closes: after {years} years the leader is {multiple_en} as capable."
        zh = f"领先不会消失:{years}年后,领先者的能力是追赶者的{multiple_zh}。"
    else:
        en = (f"The lead does not last: the follower eventually catches up or overtakes "
              f"(gap after {years} years: {number(gap, 3)} log units).")
        zh = (f"领先无法持续:追赶者终将追平甚至反超({years}年后差距为{number(gap, 3)}个对数单位)。")
    return verdict("e1.permanent_lead", ESSAY_CLAIM, holds, "lim d_t > 0 (§1.3 D)",
                   indicator, en, zh)


def _verdict_first_battle(p, o):
    si, cu, lead = p["self_improvement"], p["catch_up"], p["lead_initial"]
    holds = first_battle_decides(si, cu, lead)
    if holds:
        en = (f"Self-improvement ({coef(si)}) ≥ catch-up ({coef(cu)}): an early lead persists "
              f"even if the follower matches compute, so 'the first battle is decisive'.")
        zh = (f"自我迭代系数({coef(si)})不低于追赶系数({coef(cu)}):即使对手算力追平,"
              f"早期领先仍会保持——首战即决战。")
    elif ge(si, cu):
        en = (f"Self-improvement ({coef(si)}) ≥ catch-up ({coef(cu)}), but there is no initial "
              f"lead to keep, so nothing is decided by the first battle.")
        zh = (f"自我迭代系数({coef(si)})虽不低于追赶系数({coef(cu)}),但初始领先为0,"
              f"没有可以保持的领先,谈不上首战即决战。")
    else:
        en = (f"Catch-up ({coef(cu)}) exceeds self-improvement ({coef(si)}): a follower that "
              f"matches compute closes the gap, so history is not decisive.")
        zh = (f"追赶系数({coef(cu)})大于自我迭代系数({coef(si)}):对手只要算力追平就能缩小差距,"
              f"首战并非决战。")
    return verdict("e1.first_battle", ESSAY_CLAIM, holds,
                   "self_improvement ≥ catch_up and lead_initial > 0 (with matched compute)",
                   min(si - cu, lead), en, zh)

