"""Tests for the Essay 2 model `nato_taxpayer` (MODELS.md §2, §0.3, §0.7–0.9)."""

import ast
import itertools
import json
import math
import pathlib
import random
import re
from urllib.parse import urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import base
from widgets import nato_taxpayer as model
from widgets import nato_taxpayer_charts, nato_taxpayer_scenario
from widgets.base import ModelInputError
from widgets.nato_taxpayer_record import PUBLIC_RECORD

REL = 1e-9
VERDICT_IDS = ["e2.per_taxpayer_1000", "e2.books_positive", "e2.near_zero_price",
               "e2.rent_few_hundred", "e2.rent_safe", "e2.exit_threat_credible"]
CHARTS = [model.chart_e2_cost_stack, model.chart_e2_net_vs_benefit, model.chart_e2_rent]
BY_NAME = {p["name"]: p for p in model.SPEC}

# Addresses the spec lists where figures were found but that §0.8 forbids linking
# (content farms, mirrors, machine-written Q&A, aggregators).
FORBIDDEN_DOMAINS = {"investguiding.com", "nexusnews.pro", "en.as.com",
                     "strategicstudyindia.com", "scrolli.co", "factually.co",
                     "aalep.eu", "swedenherald.com", "alvinet.com"}


def holds_of(res):
    """{verdict id: holds} of a compute() result."""
    return {v["id"]: v["holds"] for v in res["verdicts"]}


def verdict_of(res, vid):
    """The verdict `vid` of a compute() result."""
    return next(v for v in res["verdicts"] if v["id"] == vid)


def leaves(value, path):
    """Yield (dotted path, number-or-None) for every leaf of an output value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, path)
    else:
        yield path, value


def assert_json_clean(obj):
    """JSON-serialisable without NaN/inf (json.dumps would raise on either)."""
    json.dumps(obj, allow_nan=False)


def all_charts(params):
    """Every chart of the model at `params`."""
    return [chart(params) for chart in CHARTS]


# --- SPEC, presets, module hygiene --------------------------------------------

def test_spec_is_self_consistent():
    base.check_spec(model.SPEC)


SPEC_TABLE = [  # name, default, min, max, step, source (MODELS.md §2.2)
    ("subsidy_low_b", 100, 0, 600, 5, "essay"),
    ("subsidy_high_b", 200, 0, 600, 5, "essay"),
    ("taxpayers_m", 160, 1, 250, 1, "essay"),
    ("europe_offsets_b", 0, 0, 300, 5, "essay"),
    ("benefit_low_b", 200, 0, 800, 5, "essay"),
    ("benefit_high_b", 250, 0, 800, 5, "essay"),
    ("selfbuild_low_b", 200, 0, 1000, 5, "essay"),
    ("selfbuild_high_b", 300, 0, 1000, 5, "essay"),
    ("selfbuild_risk_max_b", 400, 0, 1500, 5, "essay"),
    ("rent_b", 50, 0, 500, 5, "essay+assumption"),
    ("rent_trigger_share", 0.5, 0.05, 1.0, 0.05, "assumption"),
]


def test_spec_matches_the_parameter_table():
    assert [p["name"] for p in model.SPEC] == [row[0] for row in SPEC_TABLE]
    for name, default, lo, hi, step, source in SPEC_TABLE:
        p = BY_NAME[name]
        assert (p["default"], p["min"], p["max"], p["step"], p["source"]) == \
            (default, lo, hi, step, source), name
        assert p["integer"] is False and p["log"] is False
        assert p["label_zh"] and p["label_en"]
    assert {BY_NAME[n]["unit"] for n, *_ in SPEC_TABLE if n.endswith("_b")} == {"十亿美元/年"}
    assert BY_NAME["taxpayers_m"]["unit"] == "百万人"
    assert BY_NAME["rent_trigger_share"]["unit"] == "比例"
    assert BY_NAME["subsidy_low_b"]["label_zh"] == "美国为欧洲安全承担的体系性成本(下限)"


def test_pairs_are_the_three_ranges():
    assert model.PAIRS == (("subsidy_low_b", "subsidy_high_b"),
                           ("benefit_low_b", "benefit_high_b"),
                           ("selfbuild_low_b", "selfbuild_high_b"))


def test_presets_name_real_parameters_in_bounds_and_have_labels():
    assert set(model.PRESETS) == {"public_record"}
    assert set(model.PRESET_LABELS) == set(model.PRESETS)
    for name, overrides in model.PRESETS.items():
        assert model.PRESET_LABELS[name].strip()
        for key, value in overrides.items():
            assert key in BY_NAME, (name, key)
            assert BY_NAME[key]["min"] <= value <= BY_NAME[key]["max"], (name, key)
        model.compute(overrides)  # strict: must not raise


def test_public_record_preset_values():
    assert model.PRESETS["public_record"] == {
        "taxpayers_m": 110.6, "selfbuild_low_b": 260, "selfbuild_high_b": 260}


def test_public_record_preset_is_off_the_taxpayer_slider_grid():
    # Spec note (reported): taxpayers_m has step 1 yet the public-record preset is
    # 110.6. The parameter is not integral, so the model accepts 110.6 exactly; a
    # range input with step 1 would snap it to 111 ($1,351 instead of $1,356).
    value = model.PRESETS["public_record"]["taxpayers_m"]
    assert value % BY_NAME["taxpayers_m"]["step"] != 0
    assert model.compute({"taxpayers_m": value})["inputs"]["taxpayers_m"] == value


# --- golden defaults (MODELS.md §2.5) -----------------------------------------

@pytest.fixture(scope="module")
def at_defaults():
    return model.compute({})


def test_golden_point_estimates(at_defaults):
    out = at_defaults["outputs"]
    assert out["subsidy_mid_b"] == pytest.approx(150, rel=REL)
    assert out["benefit_mid_b"] == pytest.approx(225, rel=REL)
    assert out["selfbuild_mid_b"] == pytest.approx(250, rel=REL)
    assert out["selfbuild_max_b"] == pytest.approx(400, rel=REL)


def test_golden_gross_cost_per_taxpayer(at_defaults):
    out = at_defaults["outputs"]
    assert out["gross_per_taxpayer"] == pytest.approx(937.5, rel=REL)
    assert (out["gross_per_taxpayer"] - 1000) / 1000 == pytest.approx(-0.0625, rel=REL)
    assert out["gross_band"] == pytest.approx([625, 1250], rel=REL)


def test_golden_net_cost(at_defaults):
    out = at_defaults["outputs"]
    assert out["net_cost_b"] == pytest.approx(-75, rel=REL)
    assert out["net_per_taxpayer"] == pytest.approx(-468.75, rel=REL)
    assert out["net_band_b"] == pytest.approx([-150, 0], abs=1e-12)
    assert out["net_band_per_taxpayer"] == pytest.approx([-937.5, 0], abs=1e-12)
    assert out["breakeven_benefit_b"] == pytest.approx(150, rel=REL)


def test_golden_taxpayer_window_for_1000(at_defaults):
    out = at_defaults["outputs"]
    low, high = out["per_taxpayer_1000_window_m"]
    assert low == pytest.approx(150e3 / 1100, rel=REL)
    assert high == pytest.approx(150e3 / 900, rel=REL)
    assert (round(low, 1), round(high, 1)) == (136.4, 166.7)  # as the spec prints
    assert out["breakeven_taxpayers_m_for_1000"] == pytest.approx(150, rel=REL)


def test_golden_ratios_rent_and_payoff(at_defaults):
    out = at_defaults["outputs"]
    assert out["value_to_cost_ratio"] == pytest.approx(250 / 150, rel=REL)
    assert round(out["value_to_cost_ratio"], 3) == 1.667
    assert out["explicit_price_share"] == 0
    assert out["rent_per_taxpayer"] == pytest.approx(312.5, rel=REL)
    assert out["rent_ceiling_b"] == pytest.approx(100, rel=REL)
    assert out["rent_share_of_selfbuild_low"] == pytest.approx(0.25, rel=REL)
    assert out["us_stay_payoff_b"] == pytest.approx(125, rel=REL)


def test_verdicts_at_defaults_follow_the_spec(at_defaults):
    assert [v["id"] for v in at_defaults["verdicts"]] == VERDICT_IDS
    assert holds_of(at_defaults) == {
        "e2.per_taxpayer_1000": True, "e2.books_positive": True,
        "e2.near_zero_price": True, "e2.rent_few_hundred": True,
        "e2.rent_safe": True, "e2.exit_threat_credible": False}
    kinds = {v["id"]: v["kind"] for v in at_defaults["verdicts"]}
    assert all(kinds[vid] == "essay_claim" for vid in VERDICT_IDS[:-1])
    assert kinds["e2.exit_threat_credible"] == "model_check"
    assert at_defaults["warnings"] == []


def test_every_essay_claim_holds_at_defaults(at_defaults):
    for v in at_defaults["verdicts"]:
        if v["kind"] == "essay_claim":
            assert v["holds"] is True, v["id"]


def test_public_record_preset_verdicts():
    res = model.compute(model.PRESETS["public_record"])
    assert holds_of(res) == {
        "e2.per_taxpayer_1000": False, "e2.books_positive": True,
        "e2.near_zero_price": True, "e2.rent_few_hundred": True,
        "e2.rent_safe": True, "e2.exit_threat_credible": False}
    assert res["outputs"]["gross_per_taxpayer"] == pytest.approx(150e9 / 110.6e6, rel=REL)
    assert round(res["outputs"]["gross_per_taxpayer"]) == 1356
    text = verdict_of(res, "e2.per_taxpayer_1000")["text_zh"]
    assert "1,356美元" in text and "高于" in text


# --- verdict sentences ------------------------------------------------------------

def test_default_sentences_carry_the_current_numbers(at_defaults):
    texts = {v["id"]: v["text_zh"] for v in at_defaults["verdicts"]}
    assert "1500亿美元" in texts["e2.per_taxpayer_1000"]
    assert "1.6亿" in texts["e2.per_taxpayer_1000"]
    assert "938美元" in texts["e2.per_taxpayer_1000"]
    assert "750亿美元" in texts["e2.books_positive"] and "469美元" in texts["e2.books_positive"]
    assert "313美元" in texts["e2.rent_few_hundred"]
    assert "1000亿美元" in texts["e2.rent_safe"] and "50%" in texts["e2.rent_safe"]
    assert "1250亿美元" in texts["e2.exit_threat_credible"]
    for v in at_defaults["verdicts"]:
        assert v["text_zh"].endswith("。"), v["id"]
        assert v["text_en"] and v["rule"]


def test_failing_gross_claim_names_the_taxpayer_window():
    res = model.compute({"taxpayers_m": 100})
    v = verdict_of(res, "e2.per_taxpayer_1000")
    assert v["holds"] is False
    assert "1,500美元" in v["text_zh"] and "高于" in v["text_zh"]
    assert "1.364亿" in v["text_zh"] and "1.667亿" in v["text_zh"]
    low = verdict_of(model.compute({"taxpayers_m": 250}), "e2.per_taxpayer_1000")
    assert low["holds"] is False and "低于" in low["text_zh"]


def test_sentences_change_with_the_verdict():
    failing = model.compute({"benefit_low_b": 50, "benefit_high_b": 50, "rent_b": 0})
    books = verdict_of(failing, "e2.books_positive")
    assert books["holds"] is False and "净付出1000亿美元" in books["text_zh"]
    exit_check = verdict_of(failing, "e2.exit_threat_credible")
    assert exit_check["holds"] is True and "省下1000亿美元" in exit_check["text_zh"]
    pricey = verdict_of(model.compute({"europe_offsets_b": 100}), "e2.near_zero_price")
    assert pricey["holds"] is False and "40%" in pricey["text_zh"] and "并不接近零" in pricey["text_zh"]
    covered = model.compute({"europe_offsets_b": 300})
    assert "已超过美国的补贴" in verdict_of(covered, "e2.books_positive")["text_zh"]
    assert "欧洲显性支付之和" in verdict_of(covered, "e2.exit_threat_credible")["text_zh"]
    assert "收益为零时美国也不亏" in model.chart_e2_net_vs_benefit(
        {"europe_offsets_b": 300})["caption_zh"]
    greedy = model.compute({"rent_b": 200})
    assert "会开始考虑自建" in verdict_of(greedy, "e2.rent_safe")["text_zh"]
    assert "已超出" in verdict_of(greedy, "e2.rent_few_hundred")["text_zh"]


def test_margins_are_signed_towards_holding(at_defaults):
    margins = {v["id"]: v["margin"] for v in at_defaults["verdicts"]}
    assert margins == pytest.approx({
        "e2.per_taxpayer_1000": 37.5, "e2.books_positive": 75, "e2.near_zero_price": 0.1,
        "e2.rent_few_hundred": 112.5, "e2.rent_safe": 50, "e2.exit_threat_credible": -125})


# --- edge cases (MODELS.md §2.9) ------------------------------------------------------

def test_edge_swapped_subsidy_range():
    res = model.compute({"subsidy_low_b": 300, "subsidy_high_b": 100})
    assert res["warnings"] == ["swapped:subsidy_low_b/subsidy_high_b"]
    assert (res["inputs"]["subsidy_low_b"], res["inputs"]["subsidy_high_b"]) == (100, 300)
    assert res["outputs"]["subsidy_mid_b"] == 200


def test_edge_risk_max_below_high():
    res = model.compute({"selfbuild_risk_max_b": 250})
    assert res["outputs"]["selfbuild_max_b"] == 300
    assert res["warnings"] == ["risk_max_below_high"]
    rent_chart = model.chart_e2_rent({"selfbuild_risk_max_b": 250})
    assert rent_chart["x"]["values"][-1] == 300


def test_edge_zero_selfbuild_and_zero_rent():
    res = model.compute({"selfbuild_low_b": 0, "selfbuild_high_b": 0,
                         "selfbuild_risk_max_b": 0, "rent_b": 0})
    out, holds = res["outputs"], holds_of(res)
    assert out["explicit_price_share"] is None
    assert holds["e2.near_zero_price"] is None
    assert "无法判断" in verdict_of(res, "e2.near_zero_price")["text_zh"]
    assert out["rent_ceiling_b"] == 0
    assert holds["e2.rent_safe"] is True
    assert holds["e2.rent_few_hundred"] is False
    assert out["rent_share_of_selfbuild_low"] is None
    # Zero amounts read "0美元", never "0亿美元".
    assert not any(re.search(r"(?<![\d.,])0亿美元", v["text_zh"]) for v in res["verdicts"])
    assert "自建触发点0美元" in verdict_of(res, "e2.rent_safe")["text_zh"]


def test_edge_zero_subsidy():
    res = model.compute({"subsidy_low_b": 0, "subsidy_high_b": 0})
    out = res["outputs"]
    assert out["gross_per_taxpayer"] == 0
    assert holds_of(res)["e2.per_taxpayer_1000"] is False
    assert out["value_to_cost_ratio"] is None
    assert out["per_taxpayer_1000_window_m"] is None
    assert "无论纳税人有多少" in verdict_of(res, "e2.per_taxpayer_1000")["text_zh"]


def test_edge_benefits_equal_cost_is_exactly_break_even():
    res = model.compute({"benefit_low_b": 150, "benefit_high_b": 150})
    assert res["outputs"]["net_cost_b"] == 0
    books = verdict_of(res, "e2.books_positive")
    assert books["holds"] is False
    assert "exactly break-even" in books["text_en"]
    assert "恰好相抵" in books["text_zh"]


def test_edge_one_million_taxpayers():
    res = model.compute({"taxpayers_m": 1})
    assert res["outputs"]["gross_per_taxpayer"] == pytest.approx(150_000, rel=REL)
    assert math.isfinite(res["outputs"]["gross_per_taxpayer"])
    assert holds_of(res)["e2.per_taxpayer_1000"] is False


def test_edge_benefits_100_net_cost_and_zero_stay_payoff():
    res = model.compute({"benefit_low_b": 100, "benefit_high_b": 100})
    out, holds = res["outputs"], holds_of(res)
    assert out["net_per_taxpayer"] == pytest.approx(312.5, rel=REL)
    assert holds["e2.books_positive"] is False
    assert out["us_stay_payoff_b"] == 0
    assert holds["e2.exit_threat_credible"] is False
    assert "恰好收支相当" in verdict_of(res, "e2.exit_threat_credible")["text_zh"]


# --- validation policy (MODELS.md §0.3) -----------------------------------------------

@pytest.mark.parametrize("bad", [
    {"no_such_param": 1},
    {"rent_b": True},
    {"rent_b": "50"},
    {"rent_b": None},
    {"rent_b": [50]},
    {"rent_b": float("nan")},
    {"rent_b": float("inf")},
    {"taxpayers_m": float("-inf")},
    {"rent_b": 501},
    {"taxpayers_m": 0},
])
def test_invalid_inputs_raise(bad):
    with pytest.raises(ModelInputError):
        model.compute(bad)


def test_model_input_error_is_a_value_error():
    assert issubclass(ModelInputError, ValueError)


def test_fractional_value_of_an_integer_parameter_raises():
    # No parameter of this model is integral; exercise the policy the model relies on
    # with the same validate() call the model makes.
    spec = [dict(BY_NAME["taxpayers_m"], integer=True)]
    with pytest.raises(ModelInputError):
        base.validate(spec, {"taxpayers_m": 2.5})
    assert base.validate(spec, {"taxpayers_m": 2.0})[0]["taxpayers_m"] == 2


def test_non_strict_clamps_with_a_warning():
    res = model.compute({"rent_b": 9999, "taxpayers_m": -5}, strict=False)
    assert res["inputs"]["rent_b"] == 500 and res["inputs"]["taxpayers_m"] == 1
    assert "clamped:rent_b" in res["warnings"] and "clamped:taxpayers_m" in res["warnings"]


def test_clamping_happens_before_swapping():
    res = model.compute({"benefit_low_b": 900, "benefit_high_b": 100}, strict=False)
    assert (res["inputs"]["benefit_low_b"], res["inputs"]["benefit_high_b"]) == (100, 800)
    assert res["warnings"] == ["clamped:benefit_low_b", "swapped:benefit_low_b/benefit_high_b"]


def test_every_pair_swaps():
    for low, high in model.PAIRS:
        res = model.compute({low: BY_NAME[high]["default"] + 100, high: BY_NAME[low]["default"]})
        assert f"swapped:{low}/{high}" in res["warnings"]
        assert res["inputs"][low] <= res["inputs"][high]


def test_equal_range_is_valid_and_not_swapped():
    res = model.compute({"selfbuild_low_b": 260, "selfbuild_high_b": 260})
    assert res["warnings"] == [] and res["outputs"]["selfbuild_mid_b"] == 260


def test_charts_clamp_instead_of_raising():
    for chart in CHARTS:
        chart({"rent_b": 10_000, "taxpayers_m": 0})


# --- output formats ---------------------------------------------------------------

@pytest.mark.parametrize("params", [{}] + list(model.PRESETS.values()) + [
    {"subsidy_low_b": 0, "subsidy_high_b": 0, "selfbuild_low_b": 0, "selfbuild_high_b": 0}])
def test_every_output_leaf_has_a_working_format(params):
    res = model.compute(params)
    assert set(model.OUTPUT_FORMATS) == set(res["outputs"])
    for name, value in res["outputs"].items():
        for path, leaf in leaves(value, name):
            fmt = model.OUTPUT_FORMATS.get(path) or model.OUTPUT_FORMATS[name]
            text = base.display(leaf, fmt)
            assert isinstance(text, str) and text, path
        assert base.display(value, model.OUTPUT_FORMATS[name])


def test_formats_render_the_essay_numbers(at_defaults):
    out = at_defaults["outputs"]
    fmt = model.OUTPUT_FORMATS
    assert base.display(out["gross_per_taxpayer"], fmt["gross_per_taxpayer"]) == "938美元"
    assert base.display(out["net_cost_b"], fmt["net_cost_b"]) == "-750亿美元"
    assert base.display(out["gross_band"], fmt["gross_band"]) == "625美元–1,250美元"
    assert base.display(out["value_to_cost_ratio"], fmt["value_to_cost_ratio"]) == "1.67倍"


# --- charts (MODELS.md §2.6, §0.9) --------------------------------------------------

def check_chart_shape(chart, function):
    """Required keys, ids, and series lengths of one chart dict."""
    assert chart["id"] == function.__name__
    assert chart["type"] in {"line", "bar", "range_bar", "stacked_bar", "diagram"}
    for key in ("title_zh", "caption_zh", "x", "y", "series", "markers", "regions"):
        assert key in chart, key
    assert chart["title_zh"] and chart["caption_zh"]
    for key in ("label_zh", "label_en", "unit", "scale", "values"):
        assert key in chart["x"], key
    for key in ("label_zh", "label_en", "unit", "scale"):
        assert key in chart["y"], key
    n = len(chart["x"]["values"])
    assert n >= 1
    for series in chart["series"]:
        assert series["name_zh"] and series["name_en"]
        assert series["style"] in {"solid", "dashed", "band", "hatched"}
        assert len(series["values"]) == n
        for band in ("band_low", "band_high"):
            if band in series:
                assert len(series[band]) == n
        if series["style"] == "band":
            assert "band_low" in series and "band_high" in series
    for marker in chart["markers"]:
        assert marker["axis"] in {"x", "y"} and marker["label_zh"] and marker["label_en"]
        assert marker["kind"] in {"current", "breakeven", "public_record", "aspiration", "threshold"}
    for region in chart["regions"]:
        assert region["axis"] in {"x", "y"} and region["label_zh"] and region["label_en"]
        assert region["from"] <= region["to"]


@pytest.mark.parametrize("params", [{}] + list(model.PRESETS.values()))
def test_charts_have_the_contract_shape(params):
    for function in CHARTS:
        check_chart_shape(function(params), function)


def test_cost_stack_bars_and_toggle():
    chart = model.chart_e2_cost_stack({})
    assert chart["type"] == "range_bar"
    assert chart["x"]["values"] == ["美国补贴", "欧洲显性支付", "美国收益", "欧洲自建成本", "安全租金"]
    bars = chart["series"][0]
    assert bars["values"] == [150, 0, 225, 250, 50]
    assert bars["band_low"] == [100, 0, 200, 200, 50]
    assert bars["band_high"] == [200, 0, 250, 300, 50]
    risk = chart["series"][1]
    assert risk["values"] == [None, None, None, 400, None]
    assert risk["band_low"][3] == 300
    alt = chart["alt"]
    assert alt["series"][0]["values"] == pytest.approx([937.5, 0, 1406.25, 1562.5, 312.5])
    assert len(alt["series"][0]["values"]) == len(chart["x"]["values"])
    assert "1500亿美元" in chart["caption_zh"]


def test_cost_stack_public_markers_match_the_record():
    chart = model.chart_e2_cost_stack({})
    record_urls = {s["url"] for e in PUBLIC_RECORD for s in e["sources"]}
    assert chart["markers"] == model.PUBLIC_MARKERS
    values = {m["value"] for m in model.PUBLIC_MARKERS}
    assert values == {260, 40}  # Bruegel/Kiel €250bn ≈ $260bn; IISS $1tn / 25 years
    for marker in model.PUBLIC_MARKERS:
        assert marker["kind"] == "public_record"
        assert marker["url"] is None or marker["url"] in record_urls
    per_person = [m["value"] for m in chart["alt"]["markers"]]
    assert per_person == pytest.approx([260e9 / 160e6, 40e9 / 160e6])


def test_net_vs_benefit_sweep():
    chart = model.chart_e2_net_vs_benefit({})
    xs = chart["x"]["values"]
    assert xs[0] == 0 and xs[-1] == 400 and len(xs) == 81
    assert all(b - a == 5 for a, b in zip(xs, xs[1:]))
    band, middle = chart["series"]
    i = xs.index(225)
    assert middle["values"][i] == pytest.approx(-468.75)
    assert band["band_low"][i] == pytest.approx((100 - 225) * 1e9 / 160e6)
    assert band["band_high"][i] == pytest.approx((200 - 225) * 1e9 / 160e6)
    assert middle["values"][xs.index(150)] == 0
    kinds = {m["kind"]: m["value"] for m in chart["markers"]}
    assert kinds["breakeven"] == 150 and kinds["current"] == 225
    strip = next(r for r in chart["regions"] if r["axis"] == "x")
    assert (strip["from"], strip["to"]) == (200, 250)
    assert "469美元" in chart["caption_zh"]


def test_net_vs_benefit_extends_to_keep_current_values_visible():
    chart = model.chart_e2_net_vs_benefit({"benefit_low_b": 500, "benefit_high_b": 700})
    assert chart["x"]["values"][-1] == 700


def test_rent_sweep():
    chart = model.chart_e2_rent({})
    xs = chart["x"]["values"]
    assert xs[0] == 0 and xs[-1] == 400 and len(xs) == 81
    assert chart["series"][0]["values"][xs.index(50)] == pytest.approx(312.5)
    markers = {m["kind"]: m for m in chart["markers"]}
    assert markers["threshold"]["value"] == 100
    assert markers["current"]["value"] == 50 and markers["current"]["y_value"] == 312.5
    band = chart["regions"][0]
    assert (band["from"], band["to"], band["label_zh"]) == (200, 1000, "几百刀")


@given(rent=st.floats(0, 500), benefit=st.floats(0, 800), taxpayers=st.floats(1, 250))
@settings(max_examples=60, deadline=None)
def test_current_markers_sit_at_the_current_values(rent, benefit, taxpayers):
    params = {"rent_b": rent, "benefit_low_b": benefit, "benefit_high_b": benefit,
              "taxpayers_m": taxpayers}
    outputs = model.compute(params)["outputs"]
    rent_current = [m for m in model.chart_e2_rent(params)["markers"] if m["kind"] == "current"]
    assert [m["value"] for m in rent_current] == [rent]
    assert rent_current[0]["y_value"] == outputs["rent_per_taxpayer"]
    net_current = [m for m in model.chart_e2_net_vs_benefit(params)["markers"]
                   if m["kind"] == "current"]
    assert [m["value"] for m in net_current] == [outputs["benefit_mid_b"]]
    for chart in (model.chart_e2_rent(params), model.chart_e2_net_vs_benefit(params)):
        xs = chart["x"]["values"]
        for marker in chart["markers"]:
            if marker["kind"] == "current":
                assert xs[0] <= marker["value"] <= xs[-1]


def test_charts_use_the_model_formula(monkeypatch):
    # One formula, one place: replacing per_taxpayer must change every chart's numbers.
    for part in (nato_taxpayer_scenario, nato_taxpayer_charts):
        monkeypatch.setattr(part, "per_taxpayer", lambda amount_b, taxpayers_m: 7.0)
    assert set(model.chart_e2_rent({})["series"][0]["values"]) == {7.0}
    assert set(model.chart_e2_net_vs_benefit({})["series"][1]["values"]) == {7.0}
    assert set(model.chart_e2_cost_stack({})["alt"]["series"][0]["values"]) == {7.0}
    assert model.compute({})["outputs"]["gross_per_taxpayer"] == 7.0


# --- public record --------------------------------------------------------------------

def test_public_record_rows():
    assert [e["id"] for e in PUBLIC_RECORD] == ["C4", "C3", "C9", "C6", "C6", "C2", "C1"]
    assert len({e["key"] for e in PUBLIC_RECORD}) == len(PUBLIC_RECORD)
    for entry in PUBLIC_RECORD:
        assert entry["status"] in {"verified", "partial", "unverified"}
        assert entry["claim_zh"]
        assert isinstance(entry["note_zh"], str)
        if entry["status"] == "unverified":
            assert entry["figure_zh"] is None
        else:
            assert entry["figure_zh"] and entry["sources"]
        for source in entry["sources"]:
            assert source["name"]


def test_public_record_links_only_primary_https_addresses():
    for entry in PUBLIC_RECORD:
        for source in entry["sources"]:
            url = source["url"]
            if url is None:
                continue
            parsed = urlparse(url)
            assert parsed.scheme == "https", url
            host = parsed.hostname
            assert not any(host == d or host.endswith("." + d) for d in FORBIDDEN_DOMAINS), url


def test_entries_without_any_link_are_not_called_verified():
    for entry in PUBLIC_RECORD:
        if entry["status"] == "verified":
            assert any(s["url"] for s in entry["sources"]), entry["key"]


def test_record_states_the_paying_taxpayer_count():
    c4 = next(e for e in PUBLIC_RECORD if e["id"] == "C4")
    assert "1.106亿" in c4["figure_zh"] and "1.613亿" in c4["figure_zh"]


# --- properties and fuzz ------------------------------------------------------------

def param_strategy(p):
    """Hypothesis strategy for one in-bounds parameter value."""
    if p["integer"]:
        return st.integers(math.ceil(p["min"]), math.floor(p["max"]))
    return st.floats(p["min"], p["max"], allow_nan=False, allow_infinity=False)


IN_BOUNDS = st.fixed_dictionaries({p["name"]: param_strategy(p) for p in model.SPEC})


@given(IN_BOUNDS)
@settings(max_examples=200, deadline=None)
def test_in_bounds_inputs_never_raise_and_stay_json_safe(params):
    res = model.compute(params)
    assert_json_clean(res)
    assert [v["id"] for v in res["verdicts"]] == VERDICT_IDS
    for chart in all_charts(params):
        assert_json_clean(chart)


@given(IN_BOUNDS, st.floats(1, 250))
@settings(max_examples=150, deadline=None)
def test_more_taxpayers_means_less_per_taxpayer(params, more):
    fewer = dict(params, taxpayers_m=min(params["taxpayers_m"], more))
    many = dict(params, taxpayers_m=max(params["taxpayers_m"], more))
    assert model.compute(many)["outputs"]["gross_per_taxpayer"] <= \
        model.compute(fewer)["outputs"]["gross_per_taxpayer"]
    assert model.compute(many)["outputs"]["rent_per_taxpayer"] <= \
        model.compute(fewer)["outputs"]["rent_per_taxpayer"]


@given(IN_BOUNDS, st.floats(0, 800))
@settings(max_examples=150, deadline=None)
def test_more_benefit_lowers_net_cost_and_raises_stay_payoff(params, other):
    low_b = dict(params, benefit_high_b=min(params["benefit_high_b"], other))
    high_b = dict(params, benefit_high_b=max(params["benefit_high_b"], other))
    low_out, high_out = model.compute(low_b)["outputs"], model.compute(high_b)["outputs"]
    assert high_out["net_cost_b"] <= low_out["net_cost_b"]
    assert high_out["us_stay_payoff_b"] >= low_out["us_stay_payoff_b"]


@given(IN_BOUNDS, st.floats(0, 500))
@settings(max_examples=150, deadline=None)
def test_a_higher_rent_never_makes_rent_safer(params, other):
    cheap = dict(params, rent_b=min(params["rent_b"], other))
    dear = dict(params, rent_b=max(params["rent_b"], other))
    if holds_of(model.compute(dear))["e2.rent_safe"]:
        assert holds_of(model.compute(cheap))["e2.rent_safe"]


@given(IN_BOUNDS)
@settings(max_examples=150, deadline=None)
def test_net_band_brackets_the_midpoint_and_books_verdict_matches_sign(params):
    out = model.compute(params)["outputs"]
    low, high = out["net_band_b"]
    assert low - 1e-9 <= out["net_cost_b"] <= high + 1e-9
    books = holds_of(model.compute(params))["e2.books_positive"]
    assert books == (out["net_cost_b"] < -1e-9)


def check_everything_finite(params):
    """compute + charts at `params`: no exception, JSON-safe, no NaN/inf anywhere."""
    res = model.compute(params)
    assert_json_clean(res)
    for chart in all_charts(params):
        assert_json_clean(chart)
    for name, value in res["outputs"].items():
        for path, leaf in leaves(value, name):
            assert leaf is None or math.isfinite(leaf), path


def test_fuzz_3000_random_in_bounds_inputs():
    rng = random.Random(20250212)
    for _ in range(3000):
        params = {}
        for p in model.SPEC:
            value = rng.uniform(p["min"], p["max"])
            if rng.random() < 0.3:  # also hit the slider grid, where ties live
                value = min(p["max"], p["min"] + round((value - p["min"]) / p["step"]) * p["step"])
            params[p["name"]] = value
        check_everything_finite(params)


def test_fuzz_every_min_max_corner():
    names = [p["name"] for p in model.SPEC]
    bounds = [(p["min"], p["max"]) for p in model.SPEC]
    for corner in itertools.product(*bounds):
        check_everything_finite(dict(zip(names, corner)))
    assert 2 ** len(names) == len(list(itertools.product(*bounds)))
