"""Essay 4's scenario: parameters, presets, thresholds, the loop's formulas and its
year-by-year simulation (MODELS.md §4.2–4.4).

Each formula lives in one small function used by `scenario()` and by the chart sweeps.
"""

from .base import div, finite, gt, param, validate

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

#: "hard to catch" needs Google to end with at least this share (MODELS.md §4.5).
DURABLE_LEAD_SHARE = 0.55

#: Loop gain at which the shared (50/50) market turns unstable (MODELS.md §4.4).
GAIN_THRESHOLD = 1.0

#: Months per year, for the $ panel.
MONTHS = 12

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



def scenario(params, strict):
    """(inputs, warnings, outputs) for `params`: validated, then every derived output."""
    inputs, warnings = validate(SPEC, params, strict=strict, pairs=PAIRS)
    return inputs, warnings, derive(inputs, warnings)
