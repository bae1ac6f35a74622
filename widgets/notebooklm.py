"""Essay 4: NotebookLM as Google's "AGI flywheel" (MODELS.md §4).

An explicitly labelled toy: two firms (Google "G" and a rival "R") compete for a
fixed pool of deep-research users, and the essay's 9-step loop is made concrete
so readers can see under which conditions its claims hold. The essay gives no
numbers; every parameter is an assumption and the defaults are chosen so that
its claims hold. What matters is the threshold: loop gain g = 1.

Each formula lives in one small function used by compute() and by the chart
sweeps alike. Standard library only; runs in CPython and Pyodide.
"""

from .base import (ESSAY_CLAIM, ModelInputError, div, finite, ge, gt, lt,
                   number, param, pct, result, usd_bn_zh, validate, verdict)
from .notebooklm_record import (NOTEBOOKLM_PRIVACY_URL, PUBLIC_RECORD,
                                TRAINING_POLICY_SIGNAL_SHARE_NOTE_ZH)

__all__ = ["SPEC", "PAIRS", "PRESETS", "PRESET_LABELS", "OUTPUT_FORMATS", "PUBLIC_MARKERS",
           "ModelInputError", "compute", "simulate", "depth", "depth_ratio", "trace_gain_k",
           "loop_gain", "critical_data_to_quality", "chart_e4_loop", "chart_e4_share_path",
           "chart_e4_gain_sweep", "chart_e4_money"]

# --- parameters (MODELS.md §4.2) ---------------------------------------------

SPEC = [
    param("price_google", "指数(对手=1)", 0.5, 0.1, 2.0, 0.05,
          "Google's price relative to the rival's (\"相当低廉的定价\")",
          "谷歌相对价格(低价)", "assumption"),
    param("price_rival", "指数", 1.0, 0.1, 2.0, 0.05,
          "Rival's price before it copies Google",
          "竞争对手初始相对价格", "assumption"),
    param("rival_matches_year", "年", 3, 0, 30, 1,
          "Year from which the rival charges Google's price (\"竞争对手即便看懂了\")",
          "对手开始跟进低价的年份", "assumption", integer=True),
    param("eps_depth", "弹性", 1.0, 0, 3, 0.1,
          "Research depth (rounds of trial and error) vs price",
          "使用深度对价格的弹性", "assumption"),
    param("eps_choice", "弹性", 0.5, 0, 3, 0.1,
          "Price sensitivity of users' choice of product",
          "用户选择对价格的敏感度", "assumption"),
    param("signal_share", "比例", 0.2, 0.01, 1, 0.01,
          "Share of usage that becomes high-signal cognitive traces",
          "转化为高信噪比认知轨迹的使用比例", "assumption"),
    param("data_to_quality", "每单位轨迹存量", 2.0, 0, 10, 0.1,
          "Model-quality gain per unit of trace stock",
          "每单位认知数据带来的模型质量提升", "assumption"),
    param("data_decay", "1/年", 0.3, 0.01, 1, 0.01,
          "Yearly staleness of the trace stock",
          "数据每年的过时率", "assumption"),
    param("quality_sensitivity", "弹性", 2.0, 0, 5, 0.1,
          "How strongly users move to the better model",
          "用户对模型质量的敏感度", "assumption"),
    param("capital_feedback", "比例", 0.25, 0, 1, 0.05,
          "Steps 7–8: share lead → cheaper capital → more compute → extra quality per unit of data",
          "资本市场与算力反馈强度(步骤7–8)", "assumption"),
    param("adjust_speed", "1/年", 0.5, 0.05, 1, 0.05,
          "Share of the gap to the \"target\" market share closed per year",
          "用户份额每年向目标份额调整的速度", "assumption"),
    param("initial_share_google", "比例", 0.3, 0.01, 0.99, 0.01,
          "Google's starting share of deep-research users",
          "谷歌初始用户份额", "assumption"),
    param("years", "年", 10, 1, 30, 1,
          "Simulation length",
          "模拟年数", "assumption", integer=True),
    param("market_users_m", "百万人", 100, 1, 2000, 1,
          "Deep-research user pool ($ panel only)",
          "深度研究用户总数(仅用于金额换算)", "assumption"),
    param("market_growth", "1/年", 0.2, 0, 1, 0.01,
          "Pool growth ($ panel only)",
          "用户总数年增长率(仅用于金额换算)", "assumption"),
    param("ref_price_usd_month", "美元/月", 20, 0, 200, 1,
          "Dollar price of price index 1.0",
          "价格指数1.0对应的月费(美元)", "assumption"),
    param("serve_cost_usd_month", "美元/月", 4, 0, 100, 0.5,
          "Inference cost per user-month at depth 1.0",
          "深度为1时每用户每月推理成本", "assumption"),
]

#: No range pairs in this model (MODELS.md §4.2).
PAIRS = ()

#: Presets of MODELS.md §4.8 (the engine adds "文中默认值" first itself).
PRESETS = {
    "weak_flywheel": {"data_to_quality": 0.8},
    "rival_copies_immediately": {"rival_matches_year": 0},
}

PRESET_LABELS = {
    "weak_flywheel": "飞轮偏弱(数据→质量系数0.8)",
    "rival_copies_immediately": "对手立刻跟进低价",
}

#: Short Chinese names of the verdicts, shown where a slider flips one (runtime.verdict_title).
VERDICT_TITLES = {
    "e4.low_price_more_traces": "低价换来更多轨迹",
    "e4.self_reinforcing": "飞轮自我加强",
    "e4.hard_to_catch": "对手很难追上",
}

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

#: "hard to catch" needs Google to end with at least this share (MODELS.md §4.5).
DURABLE_LEAD_SHARE = 0.55

#: Loop gain at which the shared (50/50) market turns unstable (MODELS.md §4.4).
GAIN_THRESHOLD = 1.0

#: Months per year, for the $ panel.
MONTHS = 12

#: Sweep of chart_e4_gain_sweep: 51 points over data_to_quality 0…5 (MODELS.md §4.7).
SWEEP_POINTS = 51
SWEEP_MAX = 5.0

# The 9 steps of the essay's loop, as chart node labels (essay wording, shortened).
LOOP_STEPS_ZH = (
    "1 低价算力释放",
    "2 用户深度研究与反复试错",
    "3 高密度认知行为数据沉淀",
    "4 模型“研究能力”进化",
    "5 产品体验提升",
    "6 用户规模与使用深度扩大",
    "7 市场重新理解长期价值",
    "8 资本成本下降、算力扩张",
    "9 回到起点,循环放大",
)

#: Static public-record markers by chart id. The loop diagram notes step 3 with
#: Google's stated training policy (the source of the record module). A diagram
#: has no numeric axis, so chart_e4_loop returns these under "node_notes" (value =
#: the node's label) instead of "markers", which renderers draw as axis lines.
PUBLIC_MARKERS = {
    "chart_e4_loop": [
        {"axis": "x", "value": LOOP_STEPS_ZH[2], "kind": "public_record",
         "label_en": "Google: NotebookLM content is not used for training (except feedback you send)",
         "label_zh": "谷歌政策:除用户主动提交的反馈外,NotebookLM 内容不用于训练",
         "note_zh": TRAINING_POLICY_SIGNAL_SHARE_NOTE_ZH,
         "source_url": NOTEBOOKLM_PRIVACY_URL},
    ],
}

# --- formulas (MODELS.md §4.3–4.4) --------------------------------------------


def depth(price, eps_depth):
    """Research rounds per user at a price: d = π^(−eps_depth) (step 2)."""
    return price ** (-eps_depth)


def depth_ratio(price_google, price_rival, eps_depth):
    """Google's depth relative to the rival's while prices differ: (π_G/π_R)^(−eps_depth)."""
    return (price_google / price_rival) ** (-eps_depth)


def rival_price(year, price_google, price_rival, rival_matches_year):
    """The rival's price index in `year`: Google's from `rival_matches_year` on."""
    return price_google if year >= rival_matches_year else price_rival


def capital_multiplier(capital_feedback, own_share, other_share):
    """Steps 7–8: 1 + κ·(u_i − u_j); the leader turns data into quality more cheaply."""
    return 1 + capital_feedback * (own_share - other_share)


def quality(conversion, stock):
    """Model quality Q = 1 + γ·D (steps 4–5)."""
    return 1 + conversion * stock


def traces(signal_share, share, depth_value):
    """New high-signal traces in one year: X = signal_share·u·d (step 3)."""
    return signal_share * share * depth_value


def decayed_stock(stock, data_decay, new_traces):
    """Next year's trace stock: D ← (1 − decay)·D + X."""
    return (1 - data_decay) * stock + new_traces


def attractiveness(quality_value, quality_sensitivity, price, eps_choice):
    """Pull on users: A = Q^quality_sensitivity · π^(−eps_choice) (step 6)."""
    return quality_value ** quality_sensitivity * price ** (-eps_choice)


def adjusted_share(share, target, adjust_speed):
    """Share after one year of moving toward its target."""
    return share + adjust_speed * (target - share)


def revenue_b(users_m, ref_price_usd_month, price_index):
    """Google's yearly revenue, USD bn, for `users_m` million paying users."""
    return users_m * 1e6 * ref_price_usd_month * price_index * MONTHS / 1e9


def serve_cost_b(users_m, serve_cost_usd_month, depth_value):
    """Google's yearly inference cost, USD bn, at research depth `depth_value`."""
    return users_m * 1e6 * serve_cost_usd_month * depth_value * MONTHS / 1e9


def trace_gain_k(data_to_quality, signal_share, depth_value, data_decay):
    """k = data_to_quality·signal_share·d / data_decay (MODELS.md §4.4)."""
    return data_to_quality * signal_share * depth_value / data_decay


def loop_gain(quality_sensitivity, k, capital_feedback):
    """g = quality_sensitivity·k·(1 + capital_feedback) / (2 + k); g > 1 means lock-in."""
    return quality_sensitivity * k * (1 + capital_feedback) / (2 + k)


def critical_data_to_quality(quality_sensitivity, capital_feedback, signal_share,
                             depth_value, data_decay):
    """γ* at which g = 1, or None when no amount of data can create lock-in.

    k* = 2 / (quality_sensitivity·(1+capital_feedback) − 1) when that denominator
    is > 0 (compared with the §0.4 tolerance, so a tie counts as "no lock-in"),
    then γ* = k*·data_decay / (signal_share·d).
    """
    leverage = quality_sensitivity * (1 + capital_feedback)
    if not gt(leverage, GAIN_THRESHOLD):
        return None
    critical_k = div(2, leverage - 1)
    return div(None if critical_k is None else critical_k * data_decay,
               signal_share * depth_value)


def stability(inputs):
    """Linearised stability numbers at Google's price (MODELS.md §4.4).

    Args:
        inputs: Validated parameters.

    Returns:
        {"depth": d, "k": k, "loop_gain": g, "critical_data_to_quality": γ* or None}.
    """
    d = depth(inputs["price_google"], inputs["eps_depth"])
    k = trace_gain_k(inputs["data_to_quality"], inputs["signal_share"], d, inputs["data_decay"])
    return {
        "depth": d,
        "k": k,
        "loop_gain": loop_gain(inputs["quality_sensitivity"], k, inputs["capital_feedback"]),
        "critical_data_to_quality": critical_data_to_quality(
            inputs["quality_sensitivity"], inputs["capital_feedback"], inputs["signal_share"],
            d, inputs["data_decay"]),
    }


def simulate(inputs):
    """Run the two-firm loop year by year (the normative pseudocode of MODELS.md §4.3).

    Args:
        inputs: Validated parameters (every name of SPEC).

    Returns:
        One row per year t = 0…years: {year, share_google, quality_google,
        quality_rival, stock_google, stock_rival, price_rival, depth_google,
        traces_google, capital_multiplier_google, conversion_google,
        users_google_m, revenue_b, serve_cost_b, cum_margin_b}.
    """
    p = inputs
    share, stock = p["initial_share_google"], {"G": 0.0, "R": 0.0}
    users_m, cumulative, rows = p["market_users_m"], 0.0, []
    for year in range(p["years"] + 1):
        prices = {"G": p["price_google"],
                  "R": rival_price(year, p["price_google"], p["price_rival"], p["rival_matches_year"])}
        shares = {"G": share, "R": 1 - share}
        depths = {i: depth(prices[i], p["eps_depth"]) for i in prices}
        multipliers = {"G": capital_multiplier(p["capital_feedback"], shares["G"], shares["R"]),
                       "R": capital_multiplier(p["capital_feedback"], shares["R"], shares["G"])}
        conversion = {i: p["data_to_quality"] * multipliers[i] for i in multipliers}
        qualities = {i: quality(conversion[i], stock[i]) for i in stock}
        google_users_m = users_m * share
        revenue = revenue_b(google_users_m, p["ref_price_usd_month"], prices["G"])
        serve_cost = serve_cost_b(google_users_m, p["serve_cost_usd_month"], depths["G"])
        cumulative += revenue - serve_cost
        new_traces = {i: traces(p["signal_share"], shares[i], depths[i]) for i in shares}
        rows.append({
            "year": year, "share_google": share,
            "quality_google": qualities["G"], "quality_rival": qualities["R"],
            "stock_google": stock["G"], "stock_rival": stock["R"], "price_rival": prices["R"],
            "depth_google": depths["G"], "traces_google": new_traces["G"],
            "capital_multiplier_google": multipliers["G"], "conversion_google": conversion["G"],
            "users_google_m": google_users_m, "revenue_b": revenue,
            "serve_cost_b": serve_cost, "cum_margin_b": cumulative,
        })
        if year == p["years"]:
            break
        stock = {i: decayed_stock(stock[i], p["data_decay"], new_traces[i]) for i in stock}
        next_prices = {"G": p["price_google"],
                       "R": rival_price(year + 1, p["price_google"], p["price_rival"],
                                        p["rival_matches_year"])}
        pull = {i: attractiveness(quality(conversion[i], stock[i]), p["quality_sensitivity"],
                                  next_prices[i], p["eps_choice"]) for i in stock}
        share = adjusted_share(share, pull["G"] / (pull["G"] + pull["R"]), p["adjust_speed"])
        users_m = users_m * (1 + p["market_growth"])
    return rows


# --- outputs ------------------------------------------------------------------

#: Columns of the `path` output, in the spec's row order plus the loop-diagram extras.
PATH_COLUMNS = ("year", "share_google", "quality_google", "quality_rival", "stock_google",
                "stock_rival", "price_rival", "depth_google", "traces_google",
                "capital_multiplier_google", "conversion_google", "users_google_m",
                "revenue_b", "serve_cost_b", "cum_margin_b")

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


def _columns(rows, warnings):
    """Rows → {column: [values]}, any non-finite value → None plus an overflow warning."""
    path = {}
    for column in PATH_COLUMNS:
        values = [finite(row[column]) for row in rows]
        if any(v is None for v in values):
            warnings.append(f"overflow:path.{column}")
        path[column] = values
    return path


def _share_at_match(inputs, shares):
    """Google's share in the year the rival matches its price, or None if it never does."""
    year = inputs["rival_matches_year"]
    return shares[year] if year <= inputs["years"] else None


def derive(inputs, warnings):
    """Every derived output of MODELS.md §4.4 (plus a few scalars pages quote).

    Args:
        inputs: Validated parameters.
        warnings: List to which overflow warnings are appended.

    Returns:
        The outputs dict; undefined values are None.
    """
    stable = stability(inputs)
    path = _columns(simulate(inputs), warnings)
    shares = path["share_google"]
    return {
        "loop_gain": finite(stable["loop_gain"]),
        "k": finite(stable["k"]),
        "depth_at_matched_price": finite(stable["depth"]),
        "depth_ratio_phase1": finite(depth_ratio(inputs["price_google"], inputs["price_rival"],
                                                 inputs["eps_depth"])),
        "price_ratio_phase1": div(inputs["price_google"], inputs["price_rival"]),
        "critical_data_to_quality": stable["critical_data_to_quality"],
        "share_google_final": shares[-1],
        "share_google_peak": max((s for s in shares if s is not None), default=None),
        "share_google_at_match": _share_at_match(inputs, shares),
        "quality_google_final": path["quality_google"][-1],
        "quality_rival_final": path["quality_rival"][-1],
        "revenue_b_year0": path["revenue_b"][0],
        "serve_cost_b_year0": path["serve_cost_b"][0],
        "cum_margin_b_final": path["cum_margin_b"][-1],
        "path": path,
    }


# --- verdicts (MODELS.md §4.5) --------------------------------------------------


def _verdict_low_price(inputs, out):
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


def _copied_price_zh(inputs):
    """What the rival copies, in words: "低价" only when Google really is cheaper."""
    return "低价" if gt(inputs["price_rival"], inputs["price_google"]) else "谷歌的定价"


def _verdict_hard_to_catch(inputs, out):
    year, years, final = inputs["rival_matches_year"], inputs["years"], out["share_google_final"]
    copied = _copied_price_zh(inputs)
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
    return [_verdict_low_price(inputs, outputs),
            _verdict_self_reinforcing(inputs, outputs),
            _verdict_hard_to_catch(inputs, outputs)]


def compute(params=None, *, strict=True):
    """Run the model for one scenario (MODELS.md §0.1).

    Args:
        params: {name: number}; missing names take their defaults.
        strict: Raise on out-of-range values (build, tests) instead of clamping (browser).

    Returns:
        {"inputs", "outputs", "verdicts", "warnings"}, JSON-safe.

    Raises:
        ModelInputError: unknown name, non-number, NaN/inf, fractional integer,
            or (strict) a value out of bounds.
    """
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    outputs = derive(inputs, warnings)
    return result(inputs, outputs, verdicts(inputs, outputs), warnings)


# --- charts (MODELS.md §4.7) ----------------------------------------------------


def _inputs(params):
    """Chart functions accept partial params and clamp like the browser does."""
    return validate(SPEC, params, strict=False, pairs=PAIRS)[0]


def _axis(label_en, label_zh, unit, values=None, scale="linear"):
    axis = {"label_en": label_en, "label_zh": label_zh, "unit": unit, "scale": scale}
    if values is not None:
        axis["values"] = values
    return axis


def _series(name_en, name_zh, values, style="solid", **extra):
    return dict({"name_en": name_en, "name_zh": name_zh, "values": values, "style": style}, **extra)


def _marker(axis, value, kind, label_en, label_zh, **extra):
    return dict({"axis": axis, "value": value, "kind": kind,
                 "label_en": label_en, "label_zh": label_zh}, **extra)


def _loop_nodes(inputs, last, stable):
    """(value, display text) per loop step, for the latest simulated year."""
    quality_lead = div(last["quality_google"], last["quality_rival"])
    return [
        (inputs["price_google"], f"价格指数 {number(inputs['price_google'], 2)}"),
        (last["depth_google"], f"研究深度 {number(last['depth_google'], 2)}"),
        (last["stock_google"], f"数据存量 {number(last['stock_google'], 2)}"
                               f"(当年新增 {number(last['traces_google'], 3)})"),
        (last["quality_google"], f"模型质量 {number(last['quality_google'], 2)}"),
        (quality_lead, f"质量为对手的 {number(quality_lead, 2)} 倍"),
        (last["share_google"], f"用户份额 {pct(last['share_google'])}"),
        (last["capital_multiplier_google"], f"资本乘数 {number(last['capital_multiplier_google'], 2)}"),
        (last["conversion_google"], f"数据→质量转化 {number(last['conversion_google'], 2)}"),
        (stable["loop_gain"], f"回路增益 g = {number(stable['loop_gain'], 2)}"),
    ]


def chart_e4_loop(params):
    """The essay's 9-step loop as a circular diagram with live node values.

    x.values are the 9 step labels in loop order; series[0].values holds one
    number per node (price index, depth d_G, trace stock D_G, quality Q_G,
    Q_G/Q_R, share u_G, capital multiplier 1+κ(u_G−u_R), conversion γ_G, loop
    gain g) for the latest simulated year, and series[0].labels_zh the same as
    readable text. "center" carries g and whether it is above 1 (drawn green);
    "node_notes" attaches the public-record note to step 3.
    """
    inputs = _inputs(params)
    stable = stability(inputs)
    last = simulate(inputs)[-1]
    nodes = _loop_nodes(inputs, last, stable)
    g = finite(stable["loop_gain"])
    above = bool(gt(g, GAIN_THRESHOLD))
    caption = (f"第{inputs['years']}年:谷歌价格指数{number(inputs['price_google'], 2)},"
               f"用户份额{pct(last['share_google'])},模型质量{number(last['quality_google'], 2)}"
               f"(对手{number(last['quality_rival'], 2)})。回路增益 g = {number(g, 2)},"
               f"{'大于1,飞轮可以自我加强' if above else '不大于1,领先会随时间消退'}。")
    return {
        "id": "chart_e4_loop", "type": "diagram",
        "title_zh": "文中的九步飞轮:每一步的当前数值",
        "caption_zh": caption,
        "x": _axis("Loop step", "飞轮步骤", "", list(LOOP_STEPS_ZH)),
        "y": _axis("Node value (units differ)", "节点数值(单位各异)", ""),
        "series": [_series("Google, latest year", "谷歌(最后一年)", [finite(v) for v, _ in nodes],
                           labels_zh=[text for _, text in nodes])],
        "center": {"value": g, "highlight": above,
                   "label_en": f"g = {number(g, 2)}", "label_zh": f"回路增益 g = {number(g, 2)}"},
        "markers": [],
        "regions": [],
        "node_notes": [dict(note) for note in PUBLIC_MARKERS["chart_e4_loop"]],
    }


def chart_e4_share_path(params):
    """Does the lead survive the rival copying the price? Shares (top) and qualities (bottom)."""
    inputs = _inputs(params)
    rows = simulate(inputs)
    years = [row["year"] for row in rows]
    google = [finite(row["share_google"]) for row in rows]
    rival = [finite(1 - row["share_google"]) for row in rows]
    match_year = inputs["rival_matches_year"]
    markers = [
        _marker("y", 0.5, "threshold", "50/50", "五五开", panel="top"),
        _marker("y", DURABLE_LEAD_SHARE, "threshold", "durable lead (55%)", "持久领先门槛(55%)",
                panel="top"),
    ]
    if match_year <= inputs["years"]:
        markers.append(_marker("x", match_year, "current", "rival copies price",
                               f"对手跟进{_copied_price_zh(inputs)}"))
        copy_text = f"对手在第{match_year}年跟进{_copied_price_zh(inputs)};"
    else:
        copy_text = f"对手在模拟的{inputs['years']}年内没有跟进{_copied_price_zh(inputs)};"
    caption = (f"{copy_text}谷歌份额从{pct(google[0])}变为第{years[-1]}年的{pct(google[-1])},"
               f"对手为{pct(rival[-1])}。第{years[-1]}年谷歌模型质量{number(rows[-1]['quality_google'], 2)},"
               f"对手{number(rows[-1]['quality_rival'], 2)}。")
    return {
        "id": "chart_e4_share_path", "type": "line",
        "title_zh": "对手跟进低价后,谷歌的领先还在吗?",
        "caption_zh": caption,
        "x": _axis("Year", "年份", "年", years),
        "y": _axis("Share of deep-research users", "深度研究用户份额", "比例"),
        "y_bottom": _axis("Model quality Q", "模型质量 Q", "指数"),
        "series": [
            _series("Google share", "谷歌份额", google, panel="top"),
            _series("Rival share", "对手份额", rival, "dashed", panel="top"),
            _series("Google quality", "谷歌模型质量",
                    [finite(row["quality_google"]) for row in rows], panel="bottom"),
            _series("Rival quality", "对手模型质量",
                    [finite(row["quality_rival"]) for row in rows], "dashed", panel="bottom"),
        ],
        "markers": markers,
        "regions": [],
    }


def _sweep_values(current):
    """51 data_to_quality values over 0…5, widened to 0…10 when the reader is beyond 5."""
    top = SWEEP_MAX if current <= SWEEP_MAX else 2 * SWEEP_MAX
    return [round(top * i / (SWEEP_POINTS - 1), 10) for i in range(SWEEP_POINTS)]


def chart_e4_gain_sweep(params):
    """How strong must the data → quality link be? Loop gain and final share vs data_to_quality."""
    inputs = _inputs(params)
    xs = _sweep_values(inputs["data_to_quality"])
    gains, finals = [], []
    for x in xs:
        scenario = dict(inputs, data_to_quality=x)
        gains.append(finite(stability(scenario)["loop_gain"]))
        finals.append(finite(simulate(scenario)[-1]["share_google"]))
    stable = stability(inputs)
    critical = finite(stable["critical_data_to_quality"])
    current = inputs["data_to_quality"]
    markers = [
        _marker("y", GAIN_THRESHOLD, "threshold", "g = 1", "g = 1(锁定门槛)", style="dashed"),
        _marker("x", current, "current", "current data_to_quality", "当前数据→质量系数"),
    ]
    if critical is not None and critical <= xs[-1]:
        markers.append(_marker("x", critical, "breakeven", "critical data_to_quality",
                               "临界系数(g = 1)"))
        critical_text = f"数据→质量系数超过{number(critical, 2)}时 g > 1,飞轮才能锁定市场。"
    elif critical is not None:
        critical_text = f"临界系数为{number(critical, 2)},超出图中范围。"
    else:
        critical_text = "在当前的质量敏感度下,再大的系数也不能让 g 超过1。"
    caption = (f"当前系数{number(current, 1)}时回路增益 g = {number(stable['loop_gain'], 2)};"
               f"{critical_text}系数从{number(xs[0], 1)}到{number(xs[-1], 1)},"
               f"谷歌{inputs['years']}年后的份额从{pct(finals[0])}变为{pct(finals[-1])}。")
    return {
        "id": "chart_e4_gain_sweep", "type": "line",
        "title_zh": "数据→质量的转化要多强,飞轮才会锁定?",
        "caption_zh": caption,
        "x": _axis("Model-quality gain per unit of trace stock", "数据→质量系数",
                   "每单位轨迹存量", xs),
        "y": _axis("Loop gain g", "回路增益 g", ""),
        "y2": _axis("Google's final share", "谷歌最终份额", "比例"),
        "series": [
            _series("Loop gain g", "回路增益 g", gains, y_axis="left"),
            _series("Google's final share (simulated)", "谷歌最终份额(模拟)", finals, "dashed",
                    y_axis="right"),
        ],
        "markers": markers,
        "regions": [],
    }


def chart_e4_money(params):
    """Illustrative $ panel: Google's yearly revenue vs inference cost ("算力成本有限")."""
    inputs = _inputs(params)
    rows = simulate(inputs)
    revenue = [finite(row["revenue_b"]) for row in rows]
    cost = [finite(row["serve_cost_b"]) for row in rows]
    caption = (f"示意,所有金额输入均为假设:第0年谷歌收入{usd_bn_zh(revenue[0])}、推理成本"
               f"{usd_bn_zh(cost[0])};第{rows[-1]['year']}年收入{usd_bn_zh(revenue[-1])}、推理成本"
               f"{usd_bn_zh(cost[-1])},累计毛利{usd_bn_zh(finite(rows[-1]['cum_margin_b']))}。")
    return {
        "id": "chart_e4_money", "type": "line",
        "title_zh": "示意:收入与推理成本(所有金额输入均为假设)",
        "caption_zh": caption,
        "x": _axis("Year", "年份", "年", [row["year"] for row in rows]),
        "y": _axis("USD bn per year", "金额", "十亿美元/年"),
        "series": [
            _series("Revenue", "谷歌收入", revenue),
            _series("Inference cost", "推理成本", cost, "dashed"),
        ],
        "markers": [],
        "regions": [],
    }
