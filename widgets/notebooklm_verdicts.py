"""Essay 4's verdicts (MODELS.md §4.5) and the phrase they share with the chart captions."""

from .base import ESSAY_CLAIM, ge, gt, lt, number, pct, verdict
from .notebooklm_scenario import DURABLE_LEAD_SHARE, GAIN_THRESHOLD

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e4.low_price_more_traces": "低价换来更多轨迹",
    "e4.self_reinforcing": "飞轮自我加强",
    "e4.hard_to_catch": "对手很难追上",
}


# --- verdicts (MODELS.md §4.5) --------------------------------------------------


def _verdict_low_price_more_traces(inputs, out):
    ratio = out["depth_ratio_phase1"]
    holds = gt(ratio, 1.0)
    price_share = pct(out["price_ratio_phase1"])
    ratio_text = number(ratio, 1)
    if holds is None:
        en = "Research depth at the two prices cannot be compared."
        zh = "无法比较两种价格下的研究深度,低价能否带来更多认知轨迹无法判断。"
    elif holds:
        en = (f"At {price_share} of the rival's price, each Google user runs {ratio_text}× as many "
              f"research rounds, so more cognitive traces per user.")
        zh = (f"谷歌定价为对手的{price_share}时,谷歌用户人均研究轮次是对手的{ratio_text}倍,"
              f"每位用户沉淀下来的认知轨迹更多。")
    elif not gt(inputs["price_rival"], inputs["price_google"]):
        en = (f"Google is not cheaper here ({price_share} of the rival's price): each Google user runs "
              f"{ratio_text}× the rival's research rounds, so the low price generates no extra traces.")
        zh = (f"在当前设定下谷歌并不比对手便宜(定价为对手的{price_share}),谷歌用户人均研究轮次"
              f"只有对手的{ratio_text}倍,低价带来更多认知轨迹的前提不成立。")
    else:
        en = (f"Price does not raise research depth here (ratio {ratio_text}), "
              f"so the low price generates no extra traces.")
        zh = (f"在当前设定下价格不影响研究深度:谷歌用户人均研究轮次是对手的{ratio_text}倍,"
              f"低价带不来额外的认知轨迹。")
    margin = None if ratio is None else ratio - 1.0
    return verdict("e4.low_price_more_traces", ESSAY_CLAIM, holds, "depth_ratio_phase1 > 1",
                   margin, en, zh)


def _verdict_self_reinforcing(inputs, out):
    g = out["loop_gain"]
    holds = gt(g, GAIN_THRESHOLD)
    critical = out["critical_data_to_quality"]
    need_en = ("impossible at this quality sensitivity" if critical is None
               else f"data_to_quality > {number(critical, 2)}")
    need_zh = ("在当前的质量敏感度下,数据再多也无法形成锁定" if critical is None
               else f"要形成锁定,数据→质量系数需高于{number(critical, 2)}")
    if holds is None:
        en = "The loop gain cannot be computed, so whether the flywheel reinforces itself is undetermined."
        zh = "回路增益无法计算,飞轮能否自我加强无法判断。"
    elif holds:
        en = (f"Loop gain g = {number(g, 2)} > 1: at equal prices a small lead grows. The flywheel is "
              f"self-reinforcing (it needs {need_en}; now {number(inputs['data_to_quality'], 1)}).")
        zh = (f"回路增益 g = {number(g, 2)} > 1:价格相同时,小幅领先会自己越滚越大,飞轮可以自我加强"
              f"(数据→质量系数需高于{number(critical, 2)},当前为{number(inputs['data_to_quality'], 1)})。")
    else:
        en = (f"Loop gain g = {number(g, 2)} ≤ 1: leads fade once prices are equal; the flywheel helps "
              f"but does not lock in (lock-in needs {need_en}).")
        zh = (f"回路增益 g = {number(g, 2)} ≤ 1:价格拉平后领先会逐渐消退,飞轮有帮助,但锁定不了市场"
              f"({need_zh})。")
    margin = None if g is None else g - GAIN_THRESHOLD
    return verdict("e4.self_reinforcing", ESSAY_CLAIM, holds, "loop_gain > 1", margin, en, zh)


def _no_lead_reason(inputs, out):
    """(English, Chinese) reason why Google holds no durable lead after the rival copies."""
    g, at_match = out["loop_gain"], out["share_google_at_match"]
    year = inputs["rival_matches_year"]
    if not gt(g, GAIN_THRESHOLD):
        return (f"because g = {number(g, 2)} ≤ 1",
                f"因为回路增益 g = {number(g, 2)} ≤ 1,价格拉平后领先会消退")
    if at_match is not None and not gt(at_match, 0.5):
        return (f"because Google was not ahead when prices equalised ({pct(at_match)} in year {year})",
                f"因为价格拉平时(第{year}年)谷歌并不领先(份额{pct(at_match)}),飞轮反而帮了领先的对手")
    return (f"because Google's lead has not reached {pct(DURABLE_LEAD_SHARE)} within {inputs['years']} years",
            f"因为{inputs['years']}年内谷歌的份额还没有达到{pct(DURABLE_LEAD_SHARE)}")


def copied_price_zh(inputs):
    """What the rival copies, in words: "低价" only when Google really is cheaper."""
    return "低价" if gt(inputs["price_rival"], inputs["price_google"]) else "谷歌的定价"


def _verdict_hard_to_catch(inputs, out):
    year, years, final = inputs["rival_matches_year"], inputs["years"], out["share_google_final"]
    copied = copied_price_zh(inputs)
    if year >= years or final is None:
        holds, margin = None, None
        en = "The rival never copies the price within the simulated years."
        zh = (f"对手在模拟的{years}年内没有跟进{copied}(设定为第{year}年才跟进),"
              f"“即便看懂了也追不上”无从检验。")
    else:
        holds = bool(gt(out["loop_gain"], GAIN_THRESHOLD) and ge(final, DURABLE_LEAD_SHARE))
        margin = final - DURABLE_LEAD_SHARE
        if holds:
            en = (f"The rival copies the price in year {year}, yet after {years} years Google still "
                  f"holds {pct(final)}: 'even if they understand it, they can't catch up.'")
            zh = (f"对手第{year}年跟进{copied},{years}年后谷歌仍占{pct(final)}的用户:"
                  f"“竞争对手即便看懂了,也很难追上”。")
        else:
            reason_en, reason_zh = _no_lead_reason(inputs, out)
            en = (f"After the rival copies the price, Google ends at {pct(final)}. "
                  f"No durable lead {reason_en}.")
            only = "只" if lt(final, DURABLE_LEAD_SHARE) else ""
            zh = (f"对手跟进{copied}后,谷歌最终{only}占{pct(final)}的用户,"
                  f"没有形成持久领先,{reason_zh}。")
    rule = "rival_matches_year < years and loop_gain > 1 and share_google_final ≥ 0.55"
    return verdict("e4.hard_to_catch", ESSAY_CLAIM, holds, rule, margin, en, zh)


def verdicts(inputs, outputs):
    """The three verdicts of MODELS.md §4.5, in the spec's order."""
    return [_verdict_low_price_more_traces(inputs, outputs),
            _verdict_self_reinforcing(inputs, outputs),
            _verdict_hard_to_catch(inputs, outputs)]
