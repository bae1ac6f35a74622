"""Essay 3's verdicts (MODELS.md §3.4) and the amounts their sentences share with captions.

Verdict margins are signed so that a positive margin means the claim holds.
"""

from .base import (ESSAY_CLAIM, bp, display, ge, gt, le, pct, times, usd_bn_en, usd_bn_zh,
                   verdict)

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e3.private_larger": "民间持仓更大",
    "e3.small_mobilisable": "可动员抛售很少",
    "e3.not_credible": "抛售不是可信武器",
    "e3.asymmetric_retaliation": "美国报复不对等",
}

#: Short Chinese names for the outputs a page shows inline (`#!out`), printed before the number.
#: "A small fraction": the most of Europe's holdings that counts as small (§3.4).
SMALL_SHARE = 0.10

#: Extra US interest at or below this (USD bn) means the sale moved nothing.
TOOTHLESS_B = 1e-9


def tn_zh(value_t):
    """USD tn in Chinese units ("2.75万亿美元")."""
    return display(value_t, "usd_t")


def tn_en(value_t):
    """USD tn for English text ("$2.75tn")."""
    return usd_bn_en(None if value_t is None else value_t * 1e3)


def _verdict_private_larger(inputs, out):
    """e3.private_larger: private holdings exceed official ones."""
    holds = gt(out["Pv"], out["O"])
    o_en, pv_en, o_zh, pv_zh = tn_en(out["O"]), tn_en(out["Pv"]), tn_zh(out["O"]), tn_zh(out["Pv"])
    if holds:
        text_en = (f"Private holdings ({pv_en}) exceed official ({o_en}), "
                   "as the essay says ('规模更大').")
        text_zh = f"民间部门持有{pv_zh}美债,多于官方部门的{o_zh},与文中“规模更大”的说法一致。"
    else:
        text_en = (f"At these inputs official holdings ({o_en}) are the larger block "
                   f"(private: {pv_en}).")
        text_zh = f"按当前输入,官方部门持有{o_zh},不少于民间部门的{pv_zh},与文中“民间规模更大”的说法不符。"
    return verdict("e3.private_larger", ESSAY_CLAIM, holds, "Pv > O",
                   out["Pv"] - out["O"], text_en, text_zh)


def _verdict_small_mobilisable(inputs, out):
    """e3.small_mobilisable: at most 10% of the holdings could be politically sold."""
    share = out["mobilisable_share"]
    holds = le(share, SMALL_SHARE)
    margin = None if share is None else SMALL_SHARE - share
    sale_en, sale_zh = usd_bn_en(out["mobilisable_b"]), usd_bn_zh(out["mobilisable_b"])
    if holds is None:
        text_en = "No holdings: there is nothing to mobilise."
        text_zh = "按当前输入欧洲没有持有美债,谈不上可被动员的比例。"
    elif holds:
        text_en = (f"Only {sale_en} ({pct(share)} of {tn_en(out['H'])}) could plausibly "
                   "be sold for political reasons.")
        text_zh = f"可被政治动员抛售的只有{sale_zh},占欧洲{tn_zh(out['H'])}持仓的{pct(share)}。"
    else:
        text_en = (f"{pct(share)} of holdings ({sale_en}) is mobilisable, "
                   "more than a small fraction.")
        text_zh = (f"可被政治动员的持仓达{sale_zh},占{pct(share)},"
                   f"超过{pct(SMALL_SHARE)},已不是“一小部分”。")
    return verdict("e3.small_mobilisable", ESSAY_CLAIM, holds,
                   "mobilisable_share ≤ 0.10 (undetermined if H = 0)", margin, text_en, text_zh)


def _verdict_not_credible(inputs, out):
    """e3.not_credible: the sale hurts Europe at least as much as it costs the US."""
    horizon = inputs["horizon_years"]
    us, harm = out["us_extra_interest_b"], out["eu_self_harm_b"]
    toothless = le(us, TOOTHLESS_B)
    holds = toothless or ge(harm, us)
    if toothless:
        text_en = "The sale moves nothing: a toothless weapon."
        text_zh = "这笔抛售推不动美债收益率,美国几乎不付额外利息:这是一件没有牙齿的武器。"
    elif holds:
        ratio = out["self_harm_ratio"]
        ratio_en = "n/a" if ratio is None else f"{ratio:.1f}×"
        text_en = (f"A {usd_bn_en(out['mobilisable_b'])} sale (+{out['yield_shock_bp']:.0f}bp) "
                   f"costs Europe {usd_bn_en(harm)} (mostly paper losses) vs {usd_bn_en(us)} "
                   f"of extra US interest over {horizon} yr: {ratio_en} more self-harm. "
                   "Not a credible weapon.")
        text_zh = (f"抛售{usd_bn_zh(out['mobilisable_b'])}(美债收益率上升{bp(out['yield_shock_bp'])})"
                   f"使欧洲损失{usd_bn_zh(harm)}(主要是账面损失),而美国{horizon}年内的额外利息"
                   f"只有{usd_bn_zh(us)},欧洲的自伤是美国成本的{times(ratio, 1)}:这不是可信的武器。")
    else:
        crossover = out["crossover_year"]
        text_en = (f"Over {horizon} years the US pays {usd_bn_en(us)} in extra interest, more "
                   f"than Europe's {usd_bn_en(harm)} loss. If the shock persisted this long, "
                   f"the weapon would bite (crossover in year {crossover}).")
        text_zh = (f"若冲击持续{horizon}年,美国累计多付{usd_bn_zh(us)}利息,超过欧洲{usd_bn_zh(harm)}"
                   f"的损失;冲击若真能持续这么久,这件武器就会奏效(第{crossover}年起美国成本更高)。")
    return verdict("e3.not_credible", ESSAY_CLAIM, holds,
                   "us_extra_interest_b ≤ 1e-9 or eu_self_harm_b ≥ us_extra_interest_b",
                   harm - us, text_en, text_zh)


def _verdict_asymmetric_retaliation(inputs, out):
    """e3.asymmetric_retaliation: a US spread shock costs Europe more than the sale costs the US."""
    cost, us = out["retaliation_cost_b"], out["us_extra_interest_b"]
    holds = gt(cost, us)
    spread, breakeven = inputs["retaliation_spread_bp"], out["breakeven_spread_bp"]
    breakeven_en = "n/a" if breakeven is None else f"{breakeven:.0f}bp"
    if holds:
        text_en = (f"A +{spread:.0f}bp spread shock on European debt costs Europe "
                   f"{usd_bn_en(cost)} vs {usd_bn_en(us)} for the US. Retaliation is "
                   f"asymmetric (it needs ≥ {breakeven_en}).")
        text_zh = (f"美国若让欧洲主权债务利差扩大{bp(spread)},欧洲将多付{usd_bn_zh(cost)}利息,"
                   f"超过美国的{usd_bn_zh(us)}:报复是不对等的(只需利差扩大{bp(breakeven)}即可持平)。")
    else:
        text_en = (f"A +{spread:.0f}bp shock costs Europe only {usd_bn_en(cost)}, no more than the "
                   f"US cost of {usd_bn_en(us)}. Retaliation would need ≥ {breakeven_en} "
                   "to be asymmetric.")
        text_zh = (f"利差扩大{bp(spread)}只让欧洲多付{usd_bn_zh(cost)}利息,不超过美国的"
                   f"{usd_bn_zh(us)};报复要形成不对等,利差至少需扩大{bp(breakeven)}。")
    return verdict("e3.asymmetric_retaliation", ESSAY_CLAIM, holds,
                   "retaliation_cost_b > us_extra_interest_b", cost - us, text_en, text_zh)


def verdicts(inputs, outputs):
    """The four verdicts of §3.4, in the spec's order."""
    return [rule(inputs, outputs) for rule in (_verdict_private_larger, _verdict_small_mobilisable,
                                                _verdict_not_credible,
                                                _verdict_asymmetric_retaliation)]
