"""Essay 4's charts (MODELS.md §4.7) and the public-record note on the loop diagram.

Each `chart_<id>(params)` takes possibly partial params (clamped as in the browser, never
rejected) and returns the chart dict of MODELS.md §0.9, built with `chartkit`.
"""

from . import chartkit
from .base import div, finite, gt, number, pct, usd_bn_zh, validate
from .notebooklm_record import NOTEBOOKLM_PRIVACY_URL, TRAINING_POLICY_SIGNAL_SHARE_NOTE_ZH
from .notebooklm_scenario import (DURABLE_LEAD_SHARE, GAIN_THRESHOLD, PAIRS, SPEC, simulate,
                                  stability)
from .notebooklm_verdicts import copied_price_zh

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

# --- charts (MODELS.md §4.7) ----------------------------------------------------

#: What each chart keeps whatever the scenario (id, type, title, axes).
LOOP = chartkit.layout("chart_e4_loop", "diagram", "文中的九步飞轮:每一步的当前数值",
                       ("飞轮步骤", "Loop step", ""),
                       ("节点数值(单位各异)", "Node value (units differ)", ""))
SHARE_PATH = chartkit.layout("chart_e4_share_path", "line", "对手跟进低价后,谷歌的领先还在吗?",
                             ("年份", "Year", "年"),
                             ("深度研究用户份额", "Share of deep-research users", "比例"),
                             y_bottom=chartkit.axis("模型质量 Q", "Model quality Q", "指数"))
GAIN_SWEEP = chartkit.layout("chart_e4_gain_sweep", "line", "数据→质量的转化要多强,飞轮才会锁定?",
                             ("数据→质量系数", "Model-quality gain per unit of trace stock", "每单位轨迹存量"),
                             ("回路增益 g", "Loop gain g", ""),
                             y2=chartkit.axis("谷歌最终份额", "Google's final share", "比例"))
MONEY = chartkit.layout("chart_e4_money", "line", "示意:收入与推理成本(所有金额输入均为假设)",
                        ("年份", "Year", "年"),
                        ("金额", "USD bn per year", "十亿美元/年"))


def _inputs(params):
    """Chart functions accept partial params and clamp like the browser does."""
    return validate(SPEC, params, strict=False, pairs=PAIRS)[0]


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
    series = [chartkit.series("谷歌(最后一年)", "Google, latest year", [finite(v) for v, _ in nodes],
                              labels_zh=[text for _, text in nodes])]
    center = {"value": g, "highlight": above,
              "label_en": f"g = {number(g, 2)}", "label_zh": f"回路增益 g = {number(g, 2)}"}
    node_notes = [dict(note) for note in PUBLIC_MARKERS["chart_e4_loop"]]
    return chartkit.chart(LOOP, caption, list(LOOP_STEPS_ZH), series, center=center,
                          node_notes=node_notes)


def chart_e4_share_path(params):
    """Does the lead survive the rival copying the price? Shares (top) and qualities (bottom)."""
    inputs = _inputs(params)
    rows = simulate(inputs)
    years = [row["year"] for row in rows]
    google = [finite(row["share_google"]) for row in rows]
    rival = [finite(1 - row["share_google"]) for row in rows]
    match_year = inputs["rival_matches_year"]
    markers = [
        chartkit.marker("y", 0.5, "threshold", "五五开", "50/50", panel="top"),
        chartkit.marker("y", DURABLE_LEAD_SHARE, "threshold", "持久领先门槛(55%)",
                        "durable lead (55%)", panel="top"),
    ]
    if match_year <= inputs["years"]:
        markers.append(chartkit.marker("x", match_year, "current",
                                       f"对手跟进{copied_price_zh(inputs)}", "rival copies price"))
        copy_text = f"对手在第{match_year}年跟进{copied_price_zh(inputs)};"
    else:
        copy_text = f"对手在模拟的{inputs['years']}年内没有跟进{copied_price_zh(inputs)};"
    caption = (f"{copy_text}谷歌份额从{pct(google[0])}变为第{years[-1]}年的{pct(google[-1])},"
               f"对手为{pct(rival[-1])}。第{years[-1]}年谷歌模型质量{number(rows[-1]['quality_google'], 2)},"
               f"对手{number(rows[-1]['quality_rival'], 2)}。")
    series = [
        chartkit.series("谷歌份额", "Google share", google, panel="top"),
        chartkit.series("对手份额", "Rival share", rival, "dashed", panel="top"),
        chartkit.series("谷歌模型质量", "Google quality",
                        [finite(row["quality_google"]) for row in rows], panel="bottom"),
        chartkit.series("对手模型质量", "Rival quality",
                        [finite(row["quality_rival"]) for row in rows], "dashed", panel="bottom"),
    ]
    return chartkit.chart(SHARE_PATH, caption, years, series, markers=markers)


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
        chartkit.marker("y", GAIN_THRESHOLD, "threshold", "g = 1(锁定门槛)", "g = 1", style="dashed"),
        chartkit.marker("x", current, "current", "当前数据→质量系数", "current data_to_quality"),
    ]
    if critical is not None and critical <= xs[-1]:
        markers.append(chartkit.marker("x", critical, "breakeven", "临界系数(g = 1)",
                                       "critical data_to_quality"))
        critical_text = f"数据→质量系数超过{number(critical, 2)}时 g > 1,飞轮才能锁定市场。"
    elif critical is not None:
        critical_text = f"临界系数为{number(critical, 2)},超出图中范围。"
    else:
        critical_text = "在当前的质量敏感度下,再大的系数也不能让 g 超过1。"
    caption = (f"当前系数{number(current, 1)}时回路增益 g = {number(stable['loop_gain'], 2)};"
               f"{critical_text}系数从{number(xs[0], 1)}到{number(xs[-1], 1)},"
               f"谷歌{inputs['years']}年后的份额从{pct(finals[0])}变为{pct(finals[-1])}。")
    series = [
        chartkit.series("回路增益 g", "Loop gain g", gains, y_axis="left"),
        chartkit.series("谷歌最终份额(模拟)", "Google's final share (simulated)", finals, "dashed",
                        y_axis="right"),
    ]
    return chartkit.chart(GAIN_SWEEP, caption, xs, series, markers=markers)


def chart_e4_money(params):
    """Illustrative $ panel: Google's yearly revenue vs inference cost ("算力成本有限")."""
    inputs = _inputs(params)
    rows = simulate(inputs)
    revenue = [finite(row["revenue_b"]) for row in rows]
    cost = [finite(row["serve_cost_b"]) for row in rows]
    caption = (f"示意,所有金额输入均为假设:第0年谷歌收入{usd_bn_zh(revenue[0])}、推理成本"
               f"{usd_bn_zh(cost[0])};第{rows[-1]['year']}年收入{usd_bn_zh(revenue[-1])}、推理成本"
               f"{usd_bn_zh(cost[-1])},累计毛利{usd_bn_zh(finite(rows[-1]['cum_margin_b']))}。")
    series = [
        chartkit.series("谷歌收入", "Revenue", revenue),
        chartkit.series("推理成本", "Inference cost", cost, "dashed"),
    ]
    return chartkit.chart(MONEY, caption, [row["year"] for row in rows], series)