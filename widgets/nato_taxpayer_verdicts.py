"""Essay 2's verdicts (MODELS.md §2.4) and the amounts their sentences share with captions."""

from .base import (ESSAY_CLAIM, MODEL_CHECK, ge, gt, le, lt, pct, usd_bn_en, usd_bn_zh, usd_en,
                   usd_zh, verdict)
from .nato_taxpayer_scenario import CLAIMED_GROSS_USD, GROSS_TOLERANCE_USD, ledger_of

#: "Near-zero explicit price": explicit payments at most 10% of the self-build cost.
NEAR_ZERO_PRICE_SHARE = 0.10

#: "几百刀" per taxpayer: the tested band [200, 1000).
FEW_HUNDRED_LOW_USD = 200
FEW_HUNDRED_HIGH_USD = 1000

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e2.per_taxpayer_1000": "约1000美元/人",
    "e2.books_positive": "账面上美国赚钱",
    "e2.near_zero_price": "接近零的显性价格",
    "e2.rent_few_hundred": "每人少缴几百刀",
    "e2.rent_safe": "租金不致欧洲自建",
    "e2.exit_threat_credible": "退出威胁可信",
}


# --- phrases (shared with the chart captions) ---------------------------------

def bn_zh(amount_b):
    """usd_bn_zh, but a zero amount reads "0美元" rather than "0亿美元"."""
    if amount_b is not None and abs(amount_b) < 0.05:
        return "0美元"
    return usd_bn_zh(amount_b)


def people_zh(millions):
    """Head count in Chinese units: 160 → "1.6亿", 136.36 → "1.364亿", 55 → "5500万"."""
    if millions is None:
        return "无法计算"
    wan = round(millions * 10) * 10          # nearest 0.1M, counted in 万 (1e4)
    if wan == 0:
        return "不到10万"
    if abs(wan) >= 10000:
        text = f"{wan / 10000:.4f}".rstrip("0").rstrip(".")
        return f"{text}亿"
    return f"{wan}万"


def people_en(millions):
    """Head count in English: 160 → "160M", 136.36 → "136.4M"."""
    if millions is None:
        return "n/a"
    text = f"{millions:,.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "M"


# --- verdicts (MODELS.md §2.4, in the spec's order) ---------------------------

def _verdict_per_taxpayer_1000(inputs, ledger, out):
    """e2.per_taxpayer_1000: the gross cost is "about $1,000" (±10%) per taxpayer."""
    gross = out["gross_per_taxpayer"]
    gap = None if gross is None else abs(gross - CLAIMED_GROSS_USD)
    holds = le(gap, GROSS_TOLERANCE_USD)
    margin = None if gap is None else GROSS_TOLERANCE_USD - gap
    subsidy, taxpayers = ledger["subsidy"], ledger["taxpayers"]
    division_en = f"{usd_bn_en(subsidy)} ÷ {people_en(taxpayers)} taxpayers"
    division_zh = f"{bn_zh(subsidy)} ÷ {people_zh(taxpayers)}名纳税人"
    if holds is None:
        text_en = "The cost per taxpayer cannot be computed."
        text_zh = "无法计算每位纳税人的负担,无法判断。"
    elif holds:
        text_en = (f"{division_en} = {usd_en(gross)} each: '约1000美元' holds "
                   f"(a gross figure, before US benefits).")
        text_zh = (f"{division_zh} = 每人每年约{usd_zh(gross)},"
                   f"“约1000美元”的说法成立(这是毛额,尚未扣除美国得到的收益)。")
    else:
        window = out["per_taxpayer_1000_window_m"]
        more = gross > CLAIMED_GROSS_USD
        text_en = (f"{division_en} = {usd_en(gross)} per taxpayer, "
                   f"{'more' if more else 'less'} than the essay's ≈$1,000. ")
        text_zh = (f"{division_zh} = 每人每年{usd_zh(gross)},"
                   f"明显{'高于' if more else '低于'}文中的“约1000美元”(相差超过10%)。")
        if window is None:
            text_en += "With no subsidy it holds for no number of taxpayers."
            text_zh += "补贴为零时,无论纳税人有多少,这一说法都不成立。"
        else:
            text_en += (f"It holds only for N between {people_en(window[0])} "
                        f"and {people_en(window[1])}.")
            text_zh += (f"只有纳税人数在{people_zh(window[0])}到"
                        f"{people_zh(window[1])}之间时,这一说法才成立。")
    return verdict("e2.per_taxpayer_1000", ESSAY_CLAIM, holds,
                   "abs(gross_per_taxpayer − 1000) ≤ 100", margin, text_en, text_zh)


def _verdict_books_positive(inputs, ledger, out):
    """e2.books_positive: on the books the US is ahead (net cost < 0)."""
    net = out["net_cost_b"]
    holds = lt(net, 0)
    benefit, subsidy_net = ledger["benefit"], out["breakeven_benefit_b"]
    per_person = out["net_per_taxpayer"]
    if holds and subsidy_net < 0:
        text_en = (f"Europe's explicit payments ({usd_bn_en(ledger['offsets'])}) already exceed "
                   f"the subsidy ({usd_bn_en(ledger['subsidy'])}); with benefits of "
                   f"{usd_bn_en(benefit)} the US is ahead by {usd_bn_en(-net)} a year, "
                   f"{usd_en(-per_person)} per taxpayer.")
        text_zh = (f"欧洲的显性支付({bn_zh(ledger['offsets'])})已超过美国的补贴"
                   f"({bn_zh(ledger['subsidy'])}),再加上美国得到的收益({bn_zh(benefit)}),"
                   f"账面上美国每年净赚{bn_zh(-net)},相当于每个纳税人{usd_zh(-per_person)}。")
    elif holds:
        text_en = (f"Benefits ({usd_bn_en(benefit)}) exceed the subsidy "
                   f"({usd_bn_en(subsidy_net)}): on the books the US is ahead by "
                   f"{usd_bn_en(-net)} a year, {usd_en(-per_person)} per taxpayer.")
        text_zh = (f"美国得到的收益({bn_zh(benefit)})超过扣除欧洲显性支付后的补贴"
                   f"({bn_zh(subsidy_net)}):账面上美国每年净赚{bn_zh(-net)},"
                   f"相当于每个纳税人{usd_zh(-per_person)}。")
    elif not gt(net, 0):
        text_en = (f"Benefits ({usd_bn_en(benefit)}) and the subsidy "
                   f"({usd_bn_en(subsidy_net)}) are exactly break-even: the US is neither "
                   f"ahead nor behind on the books.")
        text_zh = (f"美国得到的收益({bn_zh(benefit)})与扣除欧洲显性支付后的补贴"
                   f"({bn_zh(subsidy_net)})恰好相抵(exactly break-even):账面上不赚不亏。")
    else:
        text_en = (f"The subsidy ({usd_bn_en(subsidy_net)}) exceeds benefits "
                   f"({usd_bn_en(benefit)}): the net cost is {usd_bn_en(net)}, "
                   f"{usd_en(per_person)} per taxpayer.")
        text_zh = (f"扣除欧洲显性支付后的补贴({bn_zh(subsidy_net)})超过美国得到的收益"
                   f"({bn_zh(benefit)}):美国每年净付出{bn_zh(net)},"
                   f"相当于每个纳税人{usd_zh(per_person)}。")
    return verdict("e2.books_positive", ESSAY_CLAIM, holds, "net_cost_b < 0",
                   -net, text_en, text_zh)


def _verdict_near_zero_price(inputs, ledger, out):
    """e2.near_zero_price: Europe's explicit payments are ≤ 10% of the self-build cost."""
    share = out["explicit_price_share"]
    holds = le(share, NEAR_ZERO_PRICE_SHARE)
    margin = None if share is None else NEAR_ZERO_PRICE_SHARE - share
    offsets, selfbuild = ledger["offsets"], ledger["selfbuild"]
    if holds is None:
        text_en = "Self-build cost is 0; the comparison is undefined."
        text_zh = "欧洲自建成本为零,显性价格占比无法计算,无法判断是否“接近零”。"
    elif holds:
        text_en = (f"Europe pays {pct(share)} of what self-building would cost "
                   f"({usd_bn_en(offsets)} of {usd_bn_en(selfbuild)}): "
                   f"a near-zero explicit price.")
        text_zh = (f"欧洲的显性支付({bn_zh(offsets)})只相当于自建成本"
                   f"({bn_zh(selfbuild)})的{pct(share)},几乎是零价格。")
    else:
        text_en = (f"Explicit payments are {pct(share)} of the self-build cost "
                   f"({usd_bn_en(offsets)} of {usd_bn_en(selfbuild)}), not near zero.")
        text_zh = (f"欧洲的显性支付({bn_zh(offsets)})相当于自建成本"
                   f"({bn_zh(selfbuild)})的{pct(share)},并不接近零。")
    return verdict("e2.near_zero_price", ESSAY_CLAIM, holds,
                   "explicit_price_share ≤ 0.10 (undetermined if self-build cost = 0)",
                   margin, text_en, text_zh)


def _verdict_rent_few_hundred(inputs, ledger, out):
    """e2.rent_few_hundred: the rent comes to "几百刀" ([200, 1000)) per taxpayer."""
    per_person = out["rent_per_taxpayer"]
    above_floor = ge(per_person, FEW_HUNDRED_LOW_USD)
    below_cap = lt(per_person, FEW_HUNDRED_HIGH_USD)
    holds = None if above_floor is None else (above_floor and below_cap)
    margin = None if per_person is None else min(per_person - FEW_HUNDRED_LOW_USD,
                                                 FEW_HUNDRED_HIGH_USD - per_person)
    rent = ledger["rent"]
    if holds is None:
        text_en = "The rent per taxpayer cannot be computed."
        text_zh = "无法计算每位纳税人分到的租金,无法判断。"
    elif holds:
        text_en = (f"A rent of {usd_bn_en(rent)} = {usd_en(per_person)} per taxpayer: "
                   f"'a few hundred dollars'.")
        text_zh = (f"每年{bn_zh(rent)}的安全租金摊到每个纳税人约{usd_zh(per_person)},"
                   f"确实是“几百刀”。")
    elif not above_floor:
        text_en = (f"{usd_en(per_person)} per taxpayer is not 'a few hundred dollars' "
                   f"(below $200).")
        text_zh = (f"每年{bn_zh(rent)}的安全租金摊到每个纳税人只有{usd_zh(per_person)},"
                   f"不到“几百刀”(200美元)。")
    else:
        text_en = (f"{usd_en(per_person)} per taxpayer is not 'a few hundred dollars' "
                   f"($1,000 or more).")
        text_zh = (f"每年{bn_zh(rent)}的安全租金摊到每个纳税人达{usd_zh(per_person)},"
                   f"已超出“几百刀”(不到1000美元)的范围。")
    return verdict("e2.rent_few_hundred", ESSAY_CLAIM, holds,
                   "200 ≤ rent_per_taxpayer < 1000", margin, text_en, text_zh)


def _verdict_rent_safe(inputs, ledger, out):
    """e2.rent_safe: the rent stays at or below the self-build trigger (assumption)."""
    rent, ceiling = ledger["rent"], out["rent_ceiling_b"]
    holds = le(rent, ceiling)
    share = pct(inputs["rent_trigger_share"])
    cheapest = bn_zh(ledger["selfbuild_low"])
    if holds:
        text_en = (f"{usd_bn_en(rent)} is below the self-build trigger "
                   f"({usd_bn_en(ceiling)} = {share} of Europe's cheapest self-build cost).")
        text_zh = (f"每年{bn_zh(rent)}的租金不超过自建触发点{bn_zh(ceiling)}"
                   f"(欧洲最低自建成本{cheapest}的{share}):按本模型假设,欧洲不会转向自建。")
    else:
        text_en = (f"{usd_bn_en(rent)} exceeds the trigger ({usd_bn_en(ceiling)}): "
                   f"by this model's assumption Europe starts to self-build.")
        text_zh = (f"每年{bn_zh(rent)}的租金超过自建触发点{bn_zh(ceiling)}"
                   f"(欧洲最低自建成本{cheapest}的{share}):按本模型假设,欧洲会开始考虑自建。")
    return verdict("e2.rent_safe", ESSAY_CLAIM, holds, "rent_b ≤ rent_ceiling_b",
                   ceiling - rent, text_en, text_zh)


def _verdict_exit_threat_credible(inputs, ledger, out):
    """e2.exit_threat_credible (model check): a full exit would pay for the US."""
    payoff = out["us_stay_payoff_b"]
    holds = lt(payoff, 0)
    paid = gt(ledger["offsets"], 0)
    gains_zh = "收益、租金与欧洲显性支付之和" if paid else "收益加租金"
    gains_en = "benefits + rent + explicit payments" if paid else "benefits + rent"
    if holds:
        text_en = (f"The subsidy exceeds {gains_en}: exiting would pay, saving the "
                   f"US {usd_bn_en(-payoff)} a year.")
        text_zh = (f"补贴超过{gains_zh}:完全退出每年可为美国省下"
                   f"{bn_zh(-payoff)},退出威胁在经济上可信。")
    elif gt(payoff, 0):
        text_en = (f"At these numbers, leaving would cost the US {usd_bn_en(payoff)} a year "
                   f"({gains_en} > subsidy), so a full-exit threat is not self-evidently "
                   f"credible. A partial 'downgrade' threat may still be.")
        text_zh = (f"按当前数字,完全退出每年会让美国损失{bn_zh(payoff)}"
                   f"({gains_zh}高于补贴),完全退出的威胁并不天然可信(部分“降级”威胁另当别论)。")
    else:
        text_en = ("At these numbers, staying and leaving come out exactly even for the US, "
                   "so a full exit gains nothing and the threat is not self-evidently credible.")
        text_zh = ("按当前数字,留下与完全退出对美国恰好收支相当,退出没有净收益,"
                   "这一威胁并不天然可信(部分“降级”威胁另当别论)。")
    return verdict("e2.exit_threat_credible", MODEL_CHECK, holds, "us_stay_payoff_b < 0",
                   -payoff, text_en, text_zh)


def verdicts(inputs, outputs):
    """The six verdicts of §2.4, in the spec's order."""
    ledger = ledger_of(inputs)
    return [rule(inputs, ledger, outputs)
            for rule in (_verdict_per_taxpayer_1000, _verdict_books_positive,
                         _verdict_near_zero_price, _verdict_rent_few_hundred, _verdict_rent_safe,
                         _verdict_exit_threat_credible)]
