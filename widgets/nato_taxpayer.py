"""Essay 2: what each US taxpayer pays to subsidise European defence (MODELS.md §2).

The essay turns a $100–200bn/yr "systemic cost" into "about $1,000 per taxpayer",
then concedes that its own $200–250bn/yr of alliance benefits exceed that cost.
This model keeps both sides of the ledger and recomputes every figure and verdict
from the reader's assumptions.

Standard library only; runs in CPython at build time and in Pyodide in the browser.
"""

import math

from .base import (
    ESSAY_CLAIM,
    MODEL_CHECK,
    ZERO,
    defaults,
    div,
    ge,
    gt,
    le,
    lt,
    param,
    pct,
    result,
    usd_bn_en,
    usd_bn_zh,
    usd_en,
    usd_zh,
    validate,
    verdict,
)
from .nato_taxpayer_record import (
    BRUEGEL_KIEL_USD_BN,
    IISS_TOTAL_USD_BN,
    IISS_YEARS,
    PAYING_RETURNS_2022_M,
    PUBLIC_RECORD,
)

USD_PER_BN = 1e9
PEOPLE_PER_M = 1e6

#: The essay's "约1000美元" per taxpayer, and "约" read as ±10% (MODELS.md §7.3).
CLAIMED_GROSS_USD = 1000
GROSS_TOLERANCE_USD = 100

#: "Near-zero explicit price": explicit payments at most 10% of the self-build cost.
NEAR_ZERO_PRICE_SHARE = 0.10

#: "几百刀" per taxpayer: the tested band [200, 1000).
FEW_HUNDRED_LOW_USD = 200
FEW_HUNDRED_HIGH_USD = 1000

#: Chart sweeps: benefits run 0–400 (extended to keep the current values visible).
BENEFIT_SWEEP_MAX_B = 400
SWEEP_STEP_B = 5

UNIT_BN_PER_YEAR = "十亿美元/年"

SPEC = [
    param("subsidy_low_b", UNIT_BN_PER_YEAR, 100, 0, 600, 5,
          "US systemic cost of European security, low",
          "美国为欧洲安全承担的体系性成本(下限)", "essay"),
    param("subsidy_high_b", UNIT_BN_PER_YEAR, 200, 0, 600, 5,
          "US systemic cost of European security, high",
          "美国为欧洲安全承担的体系性成本(上限)", "essay"),
    param("taxpayers_m", "百万人", 160, 1, 250, 1,
          "US taxpayers who actually pay federal income tax",
          "实际缴纳联邦所得税的纳税人(百万)", "essay"),
    param("europe_offsets_b", UNIT_BN_PER_YEAR, 0, 0, 300, 5,
          "Explicit European payments counted as offsets (host-nation support, arms purchases)",
          "欧洲的显性支付(东道国分担、军购等)", "essay"),
    param("benefit_low_b", UNIT_BN_PER_YEAR, 200, 0, 800, 5,
          "US benefits from the alliance system, low",
          "美国从同盟体系获得的收益(下限)", "essay"),
    param("benefit_high_b", UNIT_BN_PER_YEAR, 250, 0, 800, 5,
          "US benefits from the alliance system, high",
          "美国从同盟体系获得的收益(上限)", "essay"),
    param("selfbuild_low_b", UNIT_BN_PER_YEAR, 200, 0, 1000, 5,
          "Europe's annualised cost to self-build equivalent capability, low",
          "欧洲自建等效能力年化成本(下限)", "essay"),
    param("selfbuild_high_b", UNIT_BN_PER_YEAR, 300, 0, 1000, 5,
          "Europe's annualised cost to self-build equivalent capability, high",
          "欧洲自建等效能力年化成本(上限)", "essay"),
    param("selfbuild_risk_max_b", UNIT_BN_PER_YEAR, 400, 0, 1500, 5,
          "Self-build cost including risk premium",
          "计入风险溢价后的自建成本上限", "essay"),
    param("rent_b", UNIT_BN_PER_YEAR, 50, 0, 500, 5,
          "\"Security rent\" charged to allies (\"几百亿\")",
          "向盟友收取的安全租金(几百亿)", "essay+assumption"),
    param("rent_trigger_share", "比例", 0.5, 0.05, 1.0, 0.05,
          "Rent, as a share of Europe's cheapest self-build cost, at which Europe starts to self-build",
          "触发欧洲考虑自建的租金比例", "assumption"),
]

PAIRS = (
    ("subsidy_low_b", "subsidy_high_b"),
    ("benefit_low_b", "benefit_high_b"),
    ("selfbuild_low_b", "selfbuild_high_b"),
)

PRESETS = {
    # Only the ~110.6M returns that owe income tax (IRS SOI 2022 via NTU), and
    # Bruegel/Kiel's €250bn ≈ $260bn as a point estimate of self-building.
    "public_record": {
        "taxpayers_m": PAYING_RETURNS_2022_M,
        "selfbuild_low_b": BRUEGEL_KIEL_USD_BN,
        "selfbuild_high_b": BRUEGEL_KIEL_USD_BN,
    },
}

PRESET_LABELS = {"public_record": "公开数据"}

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e2.per_taxpayer_1000": "约1000美元/人",
    "e2.books_positive": "账面上美国赚钱",
    "e2.near_zero_price": "接近零的显性价格",
    "e2.rent_few_hundred": "每人少缴几百刀",
    "e2.rent_safe": "租金不致欧洲自建",
    "e2.exit_threat_credible": "退出威胁可信",
}

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

_IISS_PER_YEAR_B = IISS_TOTAL_USD_BN / IISS_YEARS


def _record_url(key):
    """The first source URL of the public-record entry `key` (one place for sources)."""
    entry = next(e for e in PUBLIC_RECORD if e["key"] == key)
    return next((s["url"] for s in entry["sources"] if s["url"]), None)


#: Chart categories of the ledger, in display order: (Chinese, English).
LEDGER_CATEGORIES = (
    ("美国补贴", "US subsidy"),
    ("欧洲显性支付", "Europe's explicit payments"),
    ("美国收益", "US benefits"),
    ("欧洲自建成本", "Europe self-build"),
    ("安全租金", "Security rent"),
)
_SELFBUILD_CATEGORY_ZH = LEDGER_CATEGORIES[3][0]

#: Static public-record markers for chart_e2_cost_stack (USD bn/yr, self-build bar).
PUBLIC_MARKERS = [
    {"axis": "y", "value": BRUEGEL_KIEL_USD_BN, "kind": "public_record",
     "category_zh": _SELFBUILD_CATEGORY_ZH, "shape": "line",
     "label_en": "Bruegel/Kiel (Feb 2025): €250bn/yr more (≈$260bn, derived)",
     "label_zh": "布鲁盖尔/基尔(2025年2月):每年多支出约2500亿欧元(约2600亿美元,推算)",
     "record_key": "C6_bruegel_kiel", "url": _record_url("C6_bruegel_kiel")},
    {"axis": "y", "value": _IISS_PER_YEAR_B, "kind": "public_record",
     "category_zh": _SELFBUILD_CATEGORY_ZH, "shape": "diamond",
     "label_en": "IISS (May 2025): ~$1tn over 25 years (≈$40bn/yr, derived)",
     "label_zh": "IISS(2025年5月):25年约1万亿美元(年均约400亿美元,推算)",
     "record_key": "C6_iiss", "url": _record_url("C6_iiss")},
]


# --- formulas (shared by compute() and the chart sweeps) ---------------------

def midpoint(low_b, high_b):
    """Point estimate of a range, as the essay takes it ("取一个中位数")."""
    return (low_b + high_b) / 2


def per_taxpayer(amount_b, taxpayers_m):
    """USD per taxpayer per year for an amount in USD bn/yr (MODELS.md §0.5).

    Args:
        amount_b: Amount in USD billions per year (may be negative).
        taxpayers_m: Number of taxpayers in millions.

    Returns:
        Dollars per taxpayer, or None when there are (nearly) no taxpayers.
    """
    return div(amount_b * USD_PER_BN, taxpayers_m * PEOPLE_PER_M)


def net_cost(subsidy_b, offsets_b, benefit_b):
    """US net cost after European payments and US benefits; < 0 means the US is ahead."""
    return subsidy_b - offsets_b - benefit_b


def breakeven_benefit(subsidy_b, offsets_b):
    """US benefits at which the books balance (net cost exactly zero)."""
    return net_cost(subsidy_b, offsets_b, 0)


def stay_payoff(benefit_b, rent_b, offsets_b, subsidy_b):
    """US payoff of staying rather than a full exit that forfeits every benefit."""
    return benefit_b + rent_b + offsets_b - subsidy_b


def rent_ceiling(trigger_share, selfbuild_low_b):
    """Largest rent Europe tolerates before it starts to self-build (assumption)."""
    return trigger_share * selfbuild_low_b


def selfbuild_max(risk_max_b, selfbuild_high_b):
    """Self-build cost with risk premium, never below the self-build high estimate."""
    return max(risk_max_b, selfbuild_high_b)


def taxpayers_for_gross(subsidy_b, gross_usd):
    """Taxpayers (millions) at which `subsidy_b` comes to `gross_usd` dollars each.

    Returns:
        Millions of taxpayers, or None when `gross_usd` is (nearly) zero.
    """
    people = div(subsidy_b * USD_PER_BN, gross_usd)
    return None if people is None else people / PEOPLE_PER_M


def per_taxpayer_1000_window(subsidy_b):
    """Taxpayer counts (millions) for which the gross cost is within $1,000 ± 10%.

    Returns:
        [low, high] in millions, or None when the subsidy is zero (no count works).
    """
    if subsidy_b < ZERO:
        return None
    return [taxpayers_for_gross(subsidy_b, CLAIMED_GROSS_USD + GROSS_TOLERANCE_USD),
            taxpayers_for_gross(subsidy_b, CLAIMED_GROSS_USD - GROSS_TOLERANCE_USD)]


# --- scenario -----------------------------------------------------------------

def _scenario(params, strict):
    """Validate `params` and derive the ledger's point estimates.

    Returns:
        (inputs, warnings, ledger) where ledger holds C, B, S, S_lo, S_max, P, R, N
        under names that say what they hold.
    """
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    if inputs["selfbuild_risk_max_b"] < inputs["selfbuild_high_b"]:
        warnings.append("risk_max_below_high")
    ledger = {
        "subsidy": midpoint(inputs["subsidy_low_b"], inputs["subsidy_high_b"]),
        "benefit": midpoint(inputs["benefit_low_b"], inputs["benefit_high_b"]),
        "selfbuild": midpoint(inputs["selfbuild_low_b"], inputs["selfbuild_high_b"]),
        "selfbuild_low": inputs["selfbuild_low_b"],
        "selfbuild_max": selfbuild_max(inputs["selfbuild_risk_max_b"],
                                       inputs["selfbuild_high_b"]),
        "offsets": inputs["europe_offsets_b"],
        "rent": inputs["rent_b"],
        "taxpayers": inputs["taxpayers_m"],
    }
    return inputs, warnings, ledger


def _outputs(inputs, ledger):
    """Every derived output of MODELS.md §2.3 (plus the ledger's point estimates)."""
    subsidy, benefit, offsets = ledger["subsidy"], ledger["benefit"], ledger["offsets"]
    taxpayers, rent = ledger["taxpayers"], ledger["rent"]
    net = net_cost(subsidy, offsets, benefit)
    net_band = [net_cost(inputs["subsidy_low_b"], offsets, inputs["benefit_high_b"]),
                net_cost(inputs["subsidy_high_b"], offsets, inputs["benefit_low_b"])]
    return {
        "subsidy_mid_b": subsidy,
        "benefit_mid_b": benefit,
        "selfbuild_mid_b": ledger["selfbuild"],
        "selfbuild_max_b": ledger["selfbuild_max"],
        "gross_per_taxpayer": per_taxpayer(subsidy, taxpayers),
        "gross_band": [per_taxpayer(inputs["subsidy_low_b"], taxpayers),
                       per_taxpayer(inputs["subsidy_high_b"], taxpayers)],
        "net_cost_b": net,
        "net_per_taxpayer": per_taxpayer(net, taxpayers),
        "net_band_b": net_band,
        "net_band_per_taxpayer": [per_taxpayer(x, taxpayers) for x in net_band],
        "breakeven_benefit_b": breakeven_benefit(subsidy, offsets),
        "breakeven_taxpayers_m_for_1000": taxpayers_for_gross(subsidy, CLAIMED_GROSS_USD),
        "per_taxpayer_1000_window_m": per_taxpayer_1000_window(subsidy),
        "value_to_cost_ratio": div(ledger["selfbuild"], subsidy),
        "explicit_price_share": div(offsets, ledger["selfbuild"]),
        "rent_per_taxpayer": per_taxpayer(rent, taxpayers),
        "rent_ceiling_b": rent_ceiling(inputs["rent_trigger_share"], ledger["selfbuild_low"]),
        "rent_share_of_selfbuild_low": div(rent, ledger["selfbuild_low"]),
        "us_stay_payoff_b": stay_payoff(benefit, rent, offsets, subsidy),
    }


def compute(params=None, *, strict=True):
    """Run the model (MODELS.md §0.1, §2.3–2.4).

    Args:
        params: Reader's values by parameter name; missing ones take the essay's
            defaults.
        strict: Raise ModelInputError on out-of-range values (build, tests)
            instead of clamping them with a warning (browser).

    Returns:
        {"inputs", "outputs", "verdicts", "warnings"}; JSON-safe, no NaN/inf.

    Raises:
        ModelInputError: see MODELS.md §0.3.
    """
    inputs, warnings, ledger = _scenario(params, strict)
    outputs = _outputs(inputs, ledger)
    verdicts = [
        _verdict_per_taxpayer_1000(ledger, outputs),
        _verdict_books_positive(ledger, outputs),
        _verdict_near_zero_price(ledger, outputs),
        _verdict_rent_few_hundred(ledger, outputs),
        _verdict_rent_safe(inputs, ledger, outputs),
        _verdict_exit_threat_credible(ledger, outputs),
    ]
    return result(inputs, outputs, verdicts, warnings)


# --- display helpers private to this model -----------------------------------

def _bn_zh(amount_b):
    """usd_bn_zh, but a zero amount reads "0美元" rather than "0亿美元"."""
    if amount_b is not None and abs(amount_b) < 0.05:
        return "0美元"
    return usd_bn_zh(amount_b)


def _people_zh(millions):
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


def _people_en(millions):
    """Head count in English: 160 → "160M", 136.36 → "136.4M"."""
    if millions is None:
        return "n/a"
    text = f"{millions:,.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "M"


# --- verdicts (MODELS.md §2.4, in the spec's order) ---------------------------

def _verdict_per_taxpayer_1000(ledger, out):
    """e2.per_taxpayer_1000: the gross cost is "about $1,000" (±10%) per taxpayer."""
    gross = out["gross_per_taxpayer"]
    gap = None if gross is None else abs(gross - CLAIMED_GROSS_USD)
    holds = le(gap, GROSS_TOLERANCE_USD)
    margin = None if gap is None else GROSS_TOLERANCE_USD - gap
    subsidy, taxpayers = ledger["subsidy"], ledger["taxpayers"]
    division_en = f"{usd_bn_en(subsidy)} ÷ {_people_en(taxpayers)} taxpayers"
    division_zh = f"{_bn_zh(subsidy)} ÷ {_people_zh(taxpayers)}名纳税人"
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
            text_en += (f"It holds only for N between {_people_en(window[0])} "
                        f"and {_people_en(window[1])}.")
            text_zh += (f"只有纳税人数在{_people_zh(window[0])}到"
                        f"{_people_zh(window[1])}之间时,这一说法才成立。")
    return verdict("e2.per_taxpayer_1000", ESSAY_CLAIM, holds,
                   "abs(gross_per_taxpayer − 1000) ≤ 100", margin, text_en, text_zh)


def _verdict_books_positive(ledger, out):
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
        text_zh = (f"欧洲的显性支付({_bn_zh(ledger['offsets'])})已超过美国的补贴"
                   f"({_bn_zh(ledger['subsidy'])}),再加上美国得到的收益({_bn_zh(benefit)}),"
                   f"账面上美国每年净赚{_bn_zh(-net)},相当于每个纳税人{usd_zh(-per_person)}。")
    elif holds:
        text_en = (f"Benefits ({usd_bn_en(benefit)}) exceed the subsidy "
                   f"({usd_bn_en(subsidy_net)}): on the books the US is ahead by "
                   f"{usd_bn_en(-net)} a year, {usd_en(-per_person)} per taxpayer.")
        text_zh = (f"美国得到的收益({_bn_zh(benefit)})超过扣除欧洲显性支付后的补贴"
                   f"({_bn_zh(subsidy_net)}):账面上美国每年净赚{_bn_zh(-net)},"
                   f"相当于每个纳税人{usd_zh(-per_person)}。")
    elif not gt(net, 0):
        text_en = (f"Benefits ({usd_bn_en(benefit)}) and the subsidy "
                   f"({usd_bn_en(subsidy_net)}) are exactly break-even: the US is neither "
                   f"ahead nor behind on the books.")
        text_zh = (f"美国得到的收益({_bn_zh(benefit)})与扣除欧洲显性支付后的补贴"
                   f"({_bn_zh(subsidy_net)})恰好相抵(exactly break-even):账面上不赚不亏。")
    else:
        text_en = (f"The subsidy ({usd_bn_en(subsidy_net)}) exceeds benefits "
                   f"({usd_bn_en(benefit)}): the net cost is {usd_bn_en(net)}, "
                   f"{usd_en(per_person)} per taxpayer.")
        text_zh = (f"扣除欧洲显性支付后的补贴({_bn_zh(subsidy_net)})超过美国得到的收益"
                   f"({_bn_zh(benefit)}):美国每年净付出{_bn_zh(net)},"
                   f"相当于每个纳税人{usd_zh(per_person)}。")
    return verdict("e2.books_positive", ESSAY_CLAIM, holds, "net_cost_b < 0",
                   -net, text_en, text_zh)


def _verdict_near_zero_price(ledger, out):
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
        text_zh = (f"欧洲的显性支付({_bn_zh(offsets)})只相当于自建成本"
                   f"({_bn_zh(selfbuild)})的{pct(share)},几乎是零价格。")
    else:
        text_en = (f"Explicit payments are {pct(share)} of the self-build cost "
                   f"({usd_bn_en(offsets)} of {usd_bn_en(selfbuild)}), not near zero.")
        text_zh = (f"欧洲的显性支付({_bn_zh(offsets)})相当于自建成本"
                   f"({_bn_zh(selfbuild)})的{pct(share)},并不接近零。")
    return verdict("e2.near_zero_price", ESSAY_CLAIM, holds,
                   "explicit_price_share ≤ 0.10 (undetermined if self-build cost = 0)",
                   margin, text_en, text_zh)


def _verdict_rent_few_hundred(ledger, out):
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
        text_zh = (f"每年{_bn_zh(rent)}的安全租金摊到每个纳税人约{usd_zh(per_person)},"
                   f"确实是“几百刀”。")
    elif not above_floor:
        text_en = (f"{usd_en(per_person)} per taxpayer is not 'a few hundred dollars' "
                   f"(below $200).")
        text_zh = (f"每年{_bn_zh(rent)}的安全租金摊到每个纳税人只有{usd_zh(per_person)},"
                   f"不到“几百刀”(200美元)。")
    else:
        text_en = (f"{usd_en(per_person)} per taxpayer is not 'a few hundred dollars' "
                   f"($1,000 or more).")
        text_zh = (f"每年{_bn_zh(rent)}的安全租金摊到每个纳税人达{usd_zh(per_person)},"
                   f"已超出“几百刀”(不到1000美元)的范围。")
    return verdict("e2.rent_few_hundred", ESSAY_CLAIM, holds,
                   "200 ≤ rent_per_taxpayer < 1000", margin, text_en, text_zh)


def _verdict_rent_safe(inputs, ledger, out):
    """e2.rent_safe: the rent stays at or below the self-build trigger (assumption)."""
    rent, ceiling = ledger["rent"], out["rent_ceiling_b"]
    holds = le(rent, ceiling)
    share = pct(inputs["rent_trigger_share"])
    cheapest = _bn_zh(ledger["selfbuild_low"])
    if holds:
        text_en = (f"{usd_bn_en(rent)} is below the self-build trigger "
                   f"({usd_bn_en(ceiling)} = {share} of Europe's cheapest self-build cost).")
        text_zh = (f"每年{_bn_zh(rent)}的租金不超过自建触发点{_bn_zh(ceiling)}"
                   f"(欧洲最低自建成本{cheapest}的{share}):按本模型假设,欧洲不会转向自建。")
    else:
        text_en = (f"{usd_bn_en(rent)} exceeds the trigger ({usd_bn_en(ceiling)}): "
                   f"by this model's assumption Europe starts to self-build.")
        text_zh = (f"每年{_bn_zh(rent)}的租金超过自建触发点{_bn_zh(ceiling)}"
                   f"(欧洲最低自建成本{cheapest}的{share}):按本模型假设,欧洲会开始考虑自建。")
    return verdict("e2.rent_safe", ESSAY_CLAIM, holds, "rent_b ≤ rent_ceiling_b",
                   ceiling - rent, text_en, text_zh)


def _verdict_exit_threat_credible(ledger, out):
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
                   f"{_bn_zh(-payoff)},退出威胁在经济上可信。")
    elif gt(payoff, 0):
        text_en = (f"At these numbers, leaving would cost the US {usd_bn_en(payoff)} a year "
                   f"({gains_en} > subsidy), so a full-exit threat is not self-evidently "
                   f"credible. A partial 'downgrade' threat may still be.")
        text_zh = (f"按当前数字,完全退出每年会让美国损失{_bn_zh(payoff)}"
                   f"({gains_zh}高于补贴),完全退出的威胁并不天然可信(部分“降级”威胁另当别论)。")
    else:
        text_en = ("At these numbers, staying and leaving come out exactly even for the US, "
                   "so a full exit gains nothing and the threat is not self-evidently credible.")
        text_zh = ("按当前数字,留下与完全退出对美国恰好收支相当,退出没有净收益,"
                   "这一威胁并不天然可信(部分“降级”威胁另当别论)。")
    return verdict("e2.exit_threat_credible", MODEL_CHECK, holds, "us_stay_payoff_b < 0",
                   -payoff, text_en, text_zh)


# --- charts (MODELS.md §2.6, §0.9) -------------------------------------------

def _sweep(upper_b):
    """0, 5, 10, … up to `upper_b`, ending exactly at `upper_b` when it is off the grid."""
    steps = int(math.floor(upper_b / SWEEP_STEP_B + 1e-9))
    values = [i * SWEEP_STEP_B for i in range(steps + 1)]
    if upper_b - values[-1] > 1e-9:
        values.append(upper_b)
    return values


def _axis(label_zh, label_en, unit, values=None):
    """One axis description; `values` only for the x axis."""
    axis = {"label_zh": label_zh, "label_en": label_en, "unit": unit, "scale": "linear"}
    if values is not None:
        axis["values"] = values
    return axis


def _chart(chart_id, chart_type, title_zh, caption_zh, x, y, series,
           markers=(), regions=(), **extra):
    """Assemble one §0.9 chart dict with this project's additions."""
    chart = {"id": chart_id, "type": chart_type, "title_zh": title_zh,
             "caption_zh": caption_zh, "x": x, "y": y, "series": list(series),
             "markers": list(markers), "regions": list(regions)}
    chart.update(extra)
    return chart


def _ledger_series(inputs, ledger, scale):
    """The ledger bars (middle + whiskers) and the risk-premium extension, via `scale`."""
    middles = [ledger["subsidy"], ledger["offsets"], ledger["benefit"],
               ledger["selfbuild"], ledger["rent"]]
    lows = [inputs["subsidy_low_b"], ledger["offsets"], inputs["benefit_low_b"],
            inputs["selfbuild_low_b"], ledger["rent"]]
    highs = [inputs["subsidy_high_b"], ledger["offsets"], inputs["benefit_high_b"],
             inputs["selfbuild_high_b"], ledger["rent"]]
    # The dotted extension exists only on the self-build bar (index 3); None = no bar.
    risk_top = [None, None, None, scale(ledger["selfbuild_max"]), None]
    risk_base = [None, None, None, scale(inputs["selfbuild_high_b"]), None]
    return [
        {"name_zh": "中位数(须线为上下限)", "name_en": "Midpoint (whiskers: low–high)",
         "style": "solid", "values": [scale(v) for v in middles],
         "band_low": [scale(v) for v in lows], "band_high": [scale(v) for v in highs]},
        {"name_zh": "计入风险溢价的自建成本上限", "name_en": "Self-build incl. risk premium",
         "style": "dashed", "values": risk_top, "band_low": risk_base, "band_high": risk_top},
    ]


def _scaled_public_markers(scale):
    """PUBLIC_MARKERS with their values passed through `scale`."""
    return [dict(marker, value=scale(marker["value"])) for marker in PUBLIC_MARKERS]


def chart_e2_cost_stack(params=None):
    """The ledger: subsidy, European payments, benefits, self-build cost and rent.

    Returns a "range_bar" chart in USD bn/yr. Its extra key "alt" holds the same
    chart divided by the taxpayer count (USD per taxpayer) for the page's toggle:
    {"toggle_label_zh", "toggle_label_en", "y", "series", "markers"}.
    """
    inputs, _, ledger = _scenario(params, strict=False)
    taxpayers = ledger["taxpayers"]
    categories = [zh for zh, _ in LEDGER_CATEGORIES]
    x = _axis("项目", "Item", "", categories)
    x["labels_en"] = [en for _, en in LEDGER_CATEGORIES]
    caption = (f"按当前数字,美国每年补贴约{_bn_zh(ledger['subsidy'])},"
               f"得到收益约{_bn_zh(ledger['benefit'])},欧洲显性支付{_bn_zh(ledger['offsets'])};"
               f"欧洲自建等效能力每年约{_bn_zh(ledger['selfbuild'])}"
               f"(计入风险溢价最高{_bn_zh(ledger['selfbuild_max'])}),"
               f"安全租金{_bn_zh(ledger['rent'])}。")
    alt = {
        "toggle_label_zh": "按每位纳税人(美元/年)", "toggle_label_en": "Per taxpayer (USD/yr)",
        "y": _axis("每位纳税人每年金额", "USD per taxpayer per year", "美元/人/年"),
        "series": _ledger_series(inputs, ledger, lambda v: per_taxpayer(v, taxpayers)),
        "markers": _scaled_public_markers(lambda v: per_taxpayer(v, taxpayers)),
    }
    return _chart(
        "chart_e2_cost_stack", "range_bar", "账本:美国的付出、收益与欧洲的自建成本", caption, x,
        _axis("每年金额", "USD bn per year", UNIT_BN_PER_YEAR),
        _ledger_series(inputs, ledger, lambda v: v),
        markers=_scaled_public_markers(lambda v: v), alt=alt)


def _net_phrase_zh(net_per_person):
    """"净付出938美元" / "净获得469美元" / "不赚不亏" for a net cost per taxpayer."""
    if net_per_person is None:
        return "的净额无法计算"
    if gt(net_per_person, 0):
        return f"净付出{usd_zh(net_per_person)}"
    if lt(net_per_person, 0):
        return f"净获得{usd_zh(-net_per_person)}"
    return "不赚不亏"


def chart_e2_net_vs_benefit(params=None):
    """Net cost per taxpayer as US benefits sweep 0–400 (step 5), with the subsidy band."""
    inputs, _, ledger = _scenario(params, strict=False)
    subsidy, offsets, taxpayers = ledger["subsidy"], ledger["offsets"], ledger["taxpayers"]
    breakeven = breakeven_benefit(subsidy, offsets)
    benefits = _sweep(max(BENEFIT_SWEEP_MAX_B, inputs["benefit_high_b"], breakeven))

    def net_line(subsidy_b):
        return [per_taxpayer(net_cost(subsidy_b, offsets, b), taxpayers) for b in benefits]

    middle = net_line(subsidy)
    low, high = net_line(inputs["subsidy_low_b"]), net_line(inputs["subsidy_high_b"])
    top, bottom = max([0.0] + high), min([0.0] + low)
    essay = defaults(SPEC)
    net_now = per_taxpayer(net_cost(subsidy, offsets, ledger["benefit"]), taxpayers)
    balance = (f"收益达到{_bn_zh(breakeven)}时美国收支平衡" if gt(breakeven, 0)
               else "欧洲的显性支付已覆盖美国的补贴,收益为零时美国也不亏")
    caption = (f"{balance};按当前收益中位数"
               f"{_bn_zh(ledger['benefit'])},每个纳税人每年{_net_phrase_zh(net_now)}。"
               f"曲线在零线以上表示美国净付出,以下表示美国净获益。")
    return _chart(
        "chart_e2_net_vs_benefit", "line", "美国什么时候算赚?", caption,
        _axis("美国从同盟体系获得的收益", "US benefits from the alliance", UNIT_BN_PER_YEAR,
              benefits),
        _axis("每位纳税人的净成本", "Net cost per taxpayer", "美元/人/年"),
        [{"name_zh": "补贴区间(下限–上限)", "name_en": "Subsidy range (low–high)",
          "style": "band", "values": middle, "band_low": low, "band_high": high},
         {"name_zh": "按补贴中位数", "name_en": "At the subsidy midpoint",
          "style": "solid", "values": middle}],
        markers=[
            {"axis": "y", "value": 0, "kind": "threshold",
             "label_zh": "零线(不赚不亏)", "label_en": "Zero (break-even)"},
            {"axis": "x", "value": breakeven, "kind": "breakeven",
             "label_zh": f"收支平衡:收益{_bn_zh(breakeven)}",
             "label_en": f"Break-even: benefits {usd_bn_en(breakeven)}"},
            {"axis": "x", "value": ledger["benefit"], "kind": "current",
             "label_zh": f"当前收益中位数{_bn_zh(ledger['benefit'])}",
             "label_en": f"Current benefits {usd_bn_en(ledger['benefit'])}"},
        ],
        regions=[
            {"axis": "x", "from": essay["benefit_low_b"], "to": essay["benefit_high_b"],
             "label_zh": "文中的收益区间", "label_en": "The essay's benefit range"},
            {"axis": "y", "from": 0, "to": top,
             "label_zh": "美国净成本", "label_en": "US net cost"},
            {"axis": "y", "from": bottom, "to": 0,
             "label_zh": "美国净收益", "label_en": "US net gain"},
        ])


def chart_e2_rent(params=None):
    """Rent per taxpayer as the rent sweeps 0 to S_max (step 5), with the "几百刀" band."""
    inputs, _, ledger = _scenario(params, strict=False)
    rent, taxpayers = ledger["rent"], ledger["taxpayers"]
    rents = _sweep(max(ledger["selfbuild_max"], rent))
    ceiling = rent_ceiling(inputs["rent_trigger_share"], ledger["selfbuild_low"])
    rent_now = per_taxpayer(rent, taxpayers)
    caption = (f"当前租金{_bn_zh(rent)}相当于每个纳税人每年{usd_zh(rent_now)};"
               f"按模型假设,租金超过{_bn_zh(ceiling)}时欧洲会考虑自建,"
               f"那时每人约{usd_zh(per_taxpayer(ceiling, taxpayers))}。")
    return _chart(
        "chart_e2_rent", "line", "美国能收多少安全租金?", caption,
        _axis("向盟友收取的安全租金", "Security rent charged to allies", UNIT_BN_PER_YEAR, rents),
        _axis("每位纳税人少缴的税", "Tax saved per taxpayer", "美元/人/年"),
        [{"name_zh": "每位纳税人分到的租金", "name_en": "Rent per taxpayer", "style": "solid",
          "values": [per_taxpayer(r, taxpayers) for r in rents]}],
        markers=[
            {"axis": "x", "value": ceiling, "kind": "threshold",
             "label_zh": "自建触发点(模型假设)", "label_en": "Self-build trigger (assumption)"},
            {"axis": "x", "value": rent, "y_value": rent_now, "kind": "current",
             "label_zh": f"当前租金{_bn_zh(rent)}", "label_en": f"Current rent {usd_bn_en(rent)}"},
        ],
        regions=[{"axis": "y", "from": FEW_HUNDRED_LOW_USD, "to": FEW_HUNDRED_HIGH_USD,
                  "label_zh": "几百刀", "label_en": "'A few hundred dollars'"}])
