"""`widgets.runtime`: the JSON boundary used at build time and in the Pyodide worker.

Expected display strings follow MODELS.md §2.5 (values) and §6 (display rules)
for the `nato_taxpayer` model at the essay's defaults.
"""

import json
import math
import types

import pytest

from widgets import base, chartdata, protocol, runtime
from widgets import nato_taxpayer as model
from widgets.registry import MODELS

#: MODELS.md §2.5 values shown with §6 rules (亿 = 1e8: $150bn → 1500亿美元; per person 0 decimals).
EXPECTED_DISPLAY = {
    "subsidy_mid_b": "1500亿美元",
    "benefit_mid_b": "2250亿美元",
    "selfbuild_mid_b": "2500亿美元",
    "selfbuild_max_b": "4000亿美元",
    "gross_per_taxpayer": "938美元",
    "gross_band": "625美元–1,250美元",
    "net_cost_b": "-750亿美元",
    "net_per_taxpayer": "-469美元",
    "net_band_b": "-1500亿美元–0美元",
    "net_band_per_taxpayer": "-938美元–0美元",
    "breakeven_benefit_b": "1500亿美元",
    "breakeven_taxpayers_m_for_1000": "150.0百万人",
    "per_taxpayer_1000_window_m": "136.4百万人–166.7百万人",
    "value_to_cost_ratio": "1.67倍",
    "explicit_price_share": "0.0%",
    "rent_per_taxpayer": "313美元",
    "rent_ceiling_b": "1000亿美元",
    "rent_share_of_selfbuild_low": "25%",
    "us_stay_payoff_b": "1250亿美元",
}

#: The essay's window for "约1000美元": N = 150e3/1100 … 150e3/900 (MODELS.md §2.5).
WINDOW_LOW_M = 150e3 / 1100
WINDOW_HIGH_M = 150e3 / 900


def taxpayers_param():
    """The taxpayers_m descriptor of the model."""
    return next(p for p in model.SPEC if p["name"] == "taxpayers_m")


def bisection_precision(param, samples=runtime.FLIP_SAMPLES, rounds=10):
    """Width of the interval a flip is narrowed to: one scan step halved `rounds` times."""
    return (param["max"] - param["min"]) / (samples - 1) / 2 ** rounds


# --- evaluate -------------------------------------------------------------------

def test_evaluate_displays_every_output_as_a_reader_reads_it():
    evaluated = runtime.evaluate(model, {})
    assert evaluated["display"] == EXPECTED_DISPLAY


def test_evaluate_is_json_and_has_every_part():
    evaluated = runtime.evaluate(model, {}, runtime.chart_ids(model))
    assert set(evaluated) == {"inputs", "warnings", "outputs", "display", "verdicts", "charts"}
    assert set(evaluated["charts"]) == set(runtime.chart_ids(model))
    json.dumps(evaluated, allow_nan=False)
    assert set(evaluated["display"]) == set(evaluated["outputs"])


def test_evaluate_marks_what_the_essay_asserts_next_to_what_holds_now():
    evaluated = runtime.evaluate(model, {"taxpayers_m": 110.6})
    by_id = {v["id"]: v for v in evaluated["verdicts"]}
    assert by_id["e2.per_taxpayer_1000"]["holds"] is False
    assert by_id["e2.per_taxpayer_1000"]["essay_holds"] is True
    assert by_id["e2.exit_threat_credible"]["essay_holds"] is False
    assert evaluated["display"]["gross_per_taxpayer"] == "1,356美元"


def test_evaluate_clamps_out_of_range_values_and_says_so():
    evaluated = runtime.evaluate(model, {"taxpayers_m": 1000})
    assert evaluated["inputs"]["taxpayers_m"] == 250
    assert "clamped:taxpayers_m" in evaluated["warnings"]
    assert evaluated["display"]["gross_per_taxpayer"] == "600美元"


def test_evaluate_computes_only_the_charts_asked_for():
    evaluated = runtime.evaluate(model, {"rent_b": 100}, ["chart_e2_rent"])
    assert list(evaluated["charts"]) == ["chart_e2_rent"]
    current = next(m for m in evaluated["charts"]["chart_e2_rent"]["markers"] if m["kind"] == "current")
    assert current["value"] == 100


def test_chart_ids_in_definition_order():
    assert runtime.chart_ids(model) == ["chart_e2_cost_stack", "chart_e2_net_vs_benefit", "chart_e2_rent"]


def test_flatten_gives_dotted_paths_and_output_format_uses_the_longest_prefix():
    assert runtime.flatten({"a": {"b": 1, "c": {"d": [1, 2]}}, "e": None}) == \
        {"a.b": 1, "a.c.d": [1, 2], "e": None}
    fake = types.SimpleNamespace(__name__="fake", OUTPUT_FORMATS={"fcf": "usd_bn", "fcf.ratio": "times"})
    assert runtime.output_format(fake, "fcf.mid") == "usd_bn"
    assert runtime.output_format(fake, "fcf.ratio") == "times"
    with pytest.raises(KeyError, match="'other' has no entry in OUTPUT_FORMATS"):
        runtime.output_format(fake, "other")


# --- slider positions -----------------------------------------------------------

def test_linear_positions_are_even_and_hit_both_ends():
    param = base.param("x", "", 0.5, 0, 1, 0.05, "x", "x", "assumption")
    assert runtime.slider_positions(param, samples=5) == [0, 0.25, 0.5, 0.75, 1]


def test_integer_positions_are_whole_distinct_and_sorted():
    param = base.param("n", "", 3, 1, 10, 1, "n", "n", "assumption", integer=True)
    positions = runtime.slider_positions(param)
    assert positions == list(range(1, 11))
    assert all(isinstance(v, int) for v in positions)


def test_log_positions_are_evenly_spaced_in_log():
    param = base.param("x", "", 10, 1, 1000, 1, "x", "x", "assumption", log=True)
    positions = runtime.slider_positions(param, samples=4)
    assert positions == pytest.approx([1, 10, 100, 1000], rel=1e-12)


def test_integer_log_positions_round_and_drop_duplicates():
    param = base.param("n", "", 10, 1, 1000, 1, "n", "n", "assumption", integer=True, log=True)
    positions = runtime.slider_positions(param, samples=30)
    assert positions[0] == 1 and positions[-1] == 1000
    assert positions == sorted(set(positions)) and all(isinstance(v, int) for v in positions)
    assert len(positions) < 30, "the many low log positions collapse onto the same integers"


def test_percent_places_values_on_the_track():
    linear = base.param("x", "", 50, 0, 200, 5, "x", "x", "essay")
    log = base.param("y", "", 10, 1, 1000, 1, "y", "y", "essay", log=True)
    assert runtime.percent(linear, 50) == 25.0
    assert runtime.percent(log, 10) == pytest.approx(33.333, abs=1e-3)


# --- flips ----------------------------------------------------------------------

def test_flips_find_the_window_of_the_1000_dollar_claim():
    found = runtime.flips(model, {}, names=["taxpayers_m"])
    assert list(found) == ["taxpayers_m"]
    marks = [m for m in found["taxpayers_m"] if m["verdict"] == "e2.per_taxpayer_1000"]
    assert [m["holds"] for m in marks] == [True, False]
    precision = bisection_precision(taxpayers_param())
    for mark, threshold in zip(marks, (WINDOW_LOW_M, WINDOW_HIGH_M)):
        # The reported point is the first value beyond the flip, within one bisection step.
        assert threshold <= mark["at"] <= threshold + precision, (mark, threshold)


def test_flips_follow_the_current_scenario():
    found = runtime.flips(model, {"subsidy_low_b": 110, "subsidy_high_b": 110}, names=["taxpayers_m"])
    marks = [m["at"] for m in found["taxpayers_m"] if m["verdict"] == "e2.per_taxpayer_1000"]
    precision = bisection_precision(taxpayers_param())
    assert marks == [pytest.approx(110e3 / 1100, abs=precision),
                     pytest.approx(110e3 / 900, abs=precision)]


def fake_model(param, holds_when):
    """A one-parameter model whose single verdict holds when `holds_when(value)`."""
    spec = [param]

    def compute(params=None, *, strict=True):
        inputs, warnings = base.validate(spec, params, strict=strict)
        value = inputs[param["name"]]
        return base.result(inputs, {}, [base.verdict("t.v", base.ESSAY_CLAIM, holds_when(value),
                                                     "rule", None, "en", "中文")], warnings)

    return types.SimpleNamespace(__name__="fake", SPEC=spec, compute=compute)


def test_flips_on_an_integer_slider_land_on_the_first_whole_number_beyond():
    param = base.param("n", "", 1, 1, 100, 1, "n", "n", "assumption", integer=True)
    fake = fake_model(param, lambda n: n >= 37)
    assert runtime.flips(fake, {})["n"] == [{"at": 37, "verdict": "t.v", "holds": True}]


def test_flips_on_a_log_slider_are_found_between_log_positions():
    param = base.param("x", "", 1, 1, 1e6, 1, "x", "x", "assumption", log=True)
    fake = fake_model(param, lambda x: x >= 1234.5)
    (mark,) = runtime.flips(fake, {})["x"]
    assert mark["holds"] is True
    # Neighbouring log positions differ by the factor `ratio`; bisection narrows that gap 2**10 times.
    ratio = math.exp(math.log(1e6) / (runtime.FLIP_SAMPLES - 1))
    assert 1234.5 <= mark["at"] <= 1234.5 * (1 + (ratio - 1) / 2 ** 10)


def test_describe_flips_gives_ticks_and_a_chinese_sentence():
    found = runtime.flips(model, {}, names=["taxpayers_m"])
    described = runtime.describe_flips(model, found)
    assert list(described) == ["taxpayers_m"]
    ticks, text = described["taxpayers_m"]["ticks"], described["taxpayers_m"]["text"]
    param = taxpayers_param()
    assert ticks == [runtime.percent(param, m["at"]) for m in found["taxpayers_m"]]
    assert any(abs(tick - runtime.percent(param, WINDOW_LOW_M)) < 0.01 for tick in ticks)
    assert "136.4 百万人 处「约1000美元/人」变为成立" in text
    assert "166.7 百万人 处「约1000美元/人」变为不成立" in text
    assert "e2." not in text, "readers see verdict titles, not ids"


def test_describe_flips_is_empty_text_when_nothing_flips():
    param = base.param("n", "", 1, 1, 100, 1, "n", "n", "assumption", integer=True)
    fake = fake_model(param, lambda n: True)
    assert runtime.describe_flips(fake, runtime.flips(fake, {})) == {"n": {"ticks": [], "text": ""}}


# --- handle (the worker's entry point) --------------------------------------------

def test_handle_evaluate_round_trip():
    request = {"kind": "evaluate", "model": "nato_taxpayer", "params": {"rent_b": 100},
               "charts": ["chart_e2_rent"]}
    answer = json.loads(runtime.handle(json.dumps(request)))
    direct = runtime.evaluate(model, {"rent_b": 100}, ["chart_e2_rent"])
    assert answer["display"] == direct["display"]
    assert answer["display"]["rent_per_taxpayer"] == "625美元"
    assert answer["verdicts"] == [{key: found[key] for key in runtime.BROWSER_VERDICT_KEYS}
                                  for found in direct["verdicts"]]
    chart = direct["charts"]["chart_e2_rent"]
    assert answer["charts"]["chart_e2_rent"] == json.loads(json.dumps({
        "columns": chartdata.columns(chart), "ranges": chartdata.ranges(chart),
        "caption": chart["caption_zh"]}))


def test_handle_evaluate_formats_only_the_outputs_a_page_shows():
    request = {"kind": "evaluate", "model": "nato_taxpayer", "params": {"rent_b": 100},
               "outputs": ["rent_per_taxpayer", "no_such_output"]}
    answer = json.loads(runtime.handle(json.dumps(request)))
    assert answer["display"] == {"rent_per_taxpayer": "625美元"}


@pytest.mark.parametrize("slug", MODELS)
def test_handle_evaluate_sends_only_what_the_page_reads(slug):
    """The page applies display texts, verdicts, charts and warnings; the build renders the
    rest (raw outputs, rules, margins, English sentences), so none of it is sent."""
    charts = runtime.chart_ids(runtime.load(slug))
    text = runtime.handle(json.dumps({"kind": "evaluate", "model": slug, "charts": charts}))
    answer = json.loads(text)
    assert set(answer) == {"warnings", "display", "verdicts", "charts"}
    assert all(set(found) == set(runtime.BROWSER_VERDICT_KEYS) for found in answer["verdicts"])
    assert not any(key in text for key in ('"text_en"', '"label_en"', '"name_en"', '"title_en"'))


def test_handle_tables_carry_each_charts_data_caption_and_table():
    request = {"kind": "tables", "model": "nato_taxpayer", "params": {"rent_b": 100},
               "charts": ["chart_e2_rent", "chart_e2_cost_stack"]}
    answer = json.loads(runtime.handle(json.dumps(request)))
    direct = runtime.evaluate(model, {"rent_b": 100}, ["chart_e2_rent", "chart_e2_cost_stack"])
    assert answer == json.loads(json.dumps(
        {cid: dict(runtime.for_browser(chart), table=chartdata.table(chart))
         for cid, chart in direct["charts"].items()}))
    assert answer["chart_e2_rent"]["table"]["rows"], "a table has rows"


def test_handle_answers_in_readable_utf8_json():
    text = runtime.handle(json.dumps({"kind": "evaluate", "model": "nato_taxpayer"}))
    assert "美元" in text, "Chinese text is sent as is, not \\u-escaped"
    assert json.loads(text)["charts"] == {}


def test_handle_flips_round_trip():
    request = {"kind": "flips", "model": "nato_taxpayer", "params": {}, "names": ["taxpayers_m"]}
    answer = json.loads(runtime.handle(json.dumps(request)))
    assert answer == json.loads(json.dumps(
        runtime.describe_flips(model, runtime.flips(model, {}, ["taxpayers_m"]))))


def test_handle_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown request kind 'explode'; known kinds: "
                                         "evaluate, tables, flips"):
        runtime.handle(json.dumps({"kind": "explode", "model": "nato_taxpayer"}))


def test_handle_answers_exactly_the_protocols_request_kinds():
    assert tuple(runtime.ANSWERS) == protocol.REQUESTS


@pytest.mark.parametrize("kind", protocol.REQUESTS)
def test_handle_answers_every_kind_for_a_model_outside_the_package(kind):
    request = {"kind": kind, "model": "tiny", "params": {"count": 1}, "charts": ["chart_t_doubled"]}
    answer = json.loads(runtime.handle(json.dumps(request), package="tests.fixtures.models"))
    assert answer, f"{kind}: an empty answer"


def test_handle_never_sends_nan():
    request = {"kind": "evaluate", "model": "nato_taxpayer", "charts": runtime.chart_ids(model),
               "params": {"selfbuild_low_b": 0, "selfbuild_high_b": 0, "selfbuild_risk_max_b": 0,
                          "subsidy_low_b": 0, "subsidy_high_b": 0}}
    answer = runtime.handle(json.dumps(request))
    assert "NaN" not in answer and "Infinity" not in answer
    assert json.loads(answer)["display"]["value_to_cost_ratio"] == "无法计算"


def test_value_text_shows_the_unit():
    param = taxpayers_param()
    assert runtime.value_text(param, 160) == "160 百万人"
    integer = base.param("n", "年", 1, 1, 10000, 1, "n", "n", "essay", integer=True)
    assert runtime.value_text(integer, 2500) == "2,500 年"
    assert not math.isnan(runtime.percent(param, 160))
