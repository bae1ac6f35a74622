"""Tests for widgets.meta_capex (MODELS.md §0 and §1)."""

import ast
import itertools
import json
import math
import pathlib
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import meta_capex as model
from widgets import meta_capex_charts, meta_capex_scenario
from widgets.base import ModelInputError, check_spec, display
from widgets.meta_capex_record import PUBLIC_RECORD

WIDGETS = pathlib.Path(model.__file__).parent
CHARTS = ("chart_e1_capex_bars", "chart_e1_cashflow", "chart_e1_race", "chart_e1_race_phase")
VERDICT_ORDER = ["e1.growth", "e1.growth_literal", "e1.cashflow", "e1.cashflow_literal",
                 "e1.self_funded", "e1.google", "e1.peers_lowkey", "e1.permanent_lead",
                 "e1.first_battle"]
BY_NAME = {p["name"]: p for p in model.SPEC}


def run(params=None, **kwargs):
    """compute() plus the verdicts keyed by id."""
    res = model.compute(params, **kwargs)
    return res, {v["id"]: v for v in res["verdicts"]}


def holds_pattern(params=None):
    return [v["holds"] for v in model.compute(params)["verdicts"]]


def close(a, b, rel=1e-9):
    return a == pytest.approx(b, rel=rel, abs=1e-12)


def leaves(value, prefix=""):
    """(dotted path, value) for every leaf of a nested output dict."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def assert_json_safe(obj):
    json.dumps(obj, allow_nan=False, ensure_ascii=False)


# --- spec table (§1.2) -------------------------------------------------------

EXPECTED_SPEC = [
    # name, default, min, max, step, source, integer, log, label_zh, unit_zh
    ("capex_2026_low_b", 115, 0, 300, 1, "essay", False, False, "2026年资本开支计划下限", "十亿美元"),
    ("capex_2026_high_b", 135, 0, 300, 1, "essay", False, False, "2026年资本开支计划上限", "十亿美元"),
    ("capex_prior_b", 72, 1, 300, 0.5, "essay+public", False, False, "此前资本开支(700多亿)", "十亿美元"),
    ("ocf_prior_b", 115.8, 1, 400, 0.1, "public", False, False, "上一年经营活动现金流", "十亿美元"),
    ("ocf_growth_pct", 0, -50, 100, 1, "assumption", False, False, "2026年经营现金流增速(假设)", "%"),
    ("google_capex_2026_b", 100, 0, 400, 1, "essay", False, False, "谷歌2026年资本开支(市场预测)", "十亿美元"),
    ("msft_capex_quarterly_b", 5, 0, 100, 0.5, "essay", False, False, "微软季度资本开支(几十亿)",
     "十亿美元/季度"),
    ("amzn_capex_quarterly_b", 5, 0, 100, 0.5, "essay", False, False, "亚马逊季度资本开支(几十亿)",
     "十亿美元/季度"),
    ("lead_initial", 0.2, 0, 2, 0.05, "assumption", False, False, "初始领先幅度(对数)", "对数单位"),
    ("compute_ratio", 1.0, 0.25, 4, 0.05, "assumption", False, True, "领先者/追赶者算力之比", "倍"),
    ("compute_return", 0.5, 0, 2, 0.05, "assumption", False, False, "算力优势转化为能力的系数",
     "每年/ln(倍)"),
    ("self_improvement", 0.30, 0, 1, 0.01, "assumption", False, False, "递归自我迭代系数", "1/年"),
    ("catch_up", 0.20, 0, 1, 0.01, "assumption", False, False, "追赶/扩散系数", "1/年"),
    ("horizon_years", 10, 1, 30, 1, "essay", True, False, "展望期(年)", "年"),
]


def test_spec_matches_the_table_exactly():
    assert [p["name"] for p in model.SPEC] == [row[0] for row in EXPECTED_SPEC]
    for name, default, lo, hi, step, source, integer, log, label_zh, unit in EXPECTED_SPEC:
        p = BY_NAME[name]
        assert (p["default"], p["min"], p["max"], p["step"]) == (default, lo, hi, step), name
        assert (p["source"], p["integer"], p["log"]) == (source, integer, log), name
        assert p["label_zh"] == label_zh, name
        assert p["unit"] == unit, name
        assert p["label_en"], name


def test_check_spec_passes_and_pairs_name_real_parameters():
    check_spec(model.SPEC)
    assert model.PAIRS == (("capex_2026_low_b", "capex_2026_high_b"),)


def test_presets_name_real_parameters_in_bounds_and_have_labels():
    assert set(model.PRESETS) == {"public_record_2026"}
    assert set(model.PRESET_LABELS) == set(model.PRESETS)
    for name, overrides in model.PRESETS.items():
        assert "文中默认值" not in model.PRESET_LABELS[name]
        for key, value in overrides.items():
            assert key in BY_NAME, (name, key)
            assert BY_NAME[key]["min"] <= value <= BY_NAME[key]["max"], (name, key)
        model.compute(overrides)  # strict: must not raise
    assert model.PRESETS["public_record_2026"] == {
        "capex_prior_b": 72.2, "ocf_prior_b": 115.8, "google_capex_2026_b": 180,
        "msft_capex_quarterly_b": 37.5, "amzn_capex_quarterly_b": 50}


# --- golden numbers at defaults (§1.5) ---------------------------------------

def test_golden_arithmetic_at_defaults():
    res, v = run({})
    o = res["outputs"]
    assert res["warnings"] == []
    assert close(o["capex_mid_b"], 125)
    assert close(o["growth_low"], 115 / 72 - 1)
    assert close(o["growth_mid"], 125 / 72 - 1)
    assert close(o["growth_high"], 135 / 72 - 1)
    # the spec prints these rounded to 4 decimals
    assert [round(o[k], 4) for k in ("growth_low", "growth_mid", "growth_high")] == \
        [0.5972, 0.7361, 0.8750]
    assert close(o["prior_implied_by_claim_mid_b"], 125 / 1.5)
    assert round(o["prior_implied_by_claim_mid_b"], 2) == 83.33
    assert close(o["ocf_2026_b"], 115.8)
    assert close(o["capex_to_ocf"], 125 / 115.8)
    assert round(o["capex_to_ocf"], 4) == 1.0794
    assert close(o["fcf_prior_b"], 43.8)
    assert close(o["capex_to_fcf_prior"], 125 / 43.8)
    assert round(o["capex_to_fcf_prior"], 3) == 2.854
    assert close(o["fcf_2026_b"]["low"], 0.8)
    assert close(o["fcf_2026_b"]["mid"], -9.2)
    assert close(o["fcf_2026_b"]["high"], -19.2)
    assert o["msft_annual_b"] == 20 and o["amzn_annual_b"] == 20 and o["google_b"] == 100
    assert close(o["persistence_a"], 1.10)
    assert o["compute_drive_c"] == 0
    assert close(o["gap_T"], 0.2 * 1.1 ** 10)
    assert round(o["gap_T"], 5) == 0.51875
    assert close(o["lead_multiple_T"], math.exp(0.2 * 1.1 ** 10))
    assert round(o["lead_multiple_T"], 3) == 1.680
    assert all(close(d, 0.2 * 1.1 ** t) for t, d in enumerate(o["gap_path"]))
    assert [round(d, 4) for d in o["gap_path"]] == [
        0.2, 0.22, 0.242, 0.2662, 0.2928, 0.3221, 0.3543, 0.3897, 0.4287, 0.4716, 0.5187]
    assert close(o["divergence_s"], 0.2)          # s = 0.2 + 0/0.1
    assert o["gap_steady_state"] is None           # a > 1: no steady state
    assert v["e1.google"]["margin"] == 0
    assert close(v["e1.peers_lowkey"]["margin"], 105)


def test_verdicts_come_in_the_spec_order_with_kinds():
    res, _ = run({})
    assert [v["id"] for v in res["verdicts"]] == VERDICT_ORDER
    kinds = {v["id"]: v["kind"] for v in res["verdicts"]}
    assert {k for k, kind in kinds.items() if kind == "model_check"} == {
        "e1.growth_literal", "e1.cashflow_literal", "e1.self_funded"}
    for v in res["verdicts"]:
        assert set(v) == {"id", "kind", "holds", "rule", "margin", "text_en", "text_zh"}


def test_holds_at_defaults_and_every_essay_claim_holds():
    assert holds_pattern({}) == [True, False, True, False, False, True, True, True, True]
    for v in model.compute({})["verdicts"]:
        if v["kind"] == "essay_claim":
            assert v["holds"] is True, v["id"]


def test_public_record_preset_flips_only_peers_lowkey():
    pattern = holds_pattern(model.PRESETS["public_record_2026"])
    assert pattern == [True, False, True, False, False, True, False, True, True]
    res, v = run(model.PRESETS["public_record_2026"])
    o = res["outputs"]
    # "growth is +59%/+73%/+87%, which matches the press '73% at midpoint'"
    assert [round(o[k] * 100) for k in ("growth_low", "growth_mid", "growth_high")] == [59, 73, 87]
    assert o["msft_annual_b"] == 150 and o["amzn_annual_b"] == 200
    assert "2000亿美元" in v["e1.peers_lowkey"]["text_zh"]
    assert "1250亿美元" in v["e1.peers_lowkey"]["text_zh"]


# --- edge cases (§1.9) --------------------------------------------------------

def test_edge_swapped_range():
    res, _ = run({"capex_2026_low_b": 150, "capex_2026_high_b": 120})
    assert res["warnings"] == ["swapped:capex_2026_low_b/capex_2026_high_b"]
    assert res["inputs"]["capex_2026_low_b"] == 120 and res["inputs"]["capex_2026_high_b"] == 150
    assert res["outputs"]["capex_mid_b"] == 135


def test_edge_prior_capex_above_cash_flow_makes_literal_fcf_undefined():
    res, v = run({"capex_prior_b": 120})
    assert close(res["outputs"]["fcf_prior_b"], -4.2)
    assert res["outputs"]["capex_to_fcf_prior"] is None
    assert v["e1.cashflow_literal"]["holds"] is None
    assert v["e1.cashflow_literal"]["margin"] is None
    assert "-42亿美元" in v["e1.cashflow_literal"]["text_zh"]
    assert "没有意义" in v["e1.cashflow_literal"]["text_zh"]


def test_edge_zero_plan():
    res, v = run({"capex_2026_low_b": 0, "capex_2026_high_b": 0})
    assert res["outputs"]["growth_low"] == -1
    assert v["e1.growth"]["holds"] is False
    assert "低100%" in v["e1.growth"]["text_zh"]
    assert v["e1.peers_lowkey"]["holds"] is False


def test_edge_zero_plan_with_zero_peers_is_still_not_lowkey():
    # Spec §1.9 says "F unless the peers are also 0 (0 < 0 is false)"; the parenthesis
    # contradicts the "unless": with peers at 0 the rule max(...) < capex_mid_b is 0 < 0,
    # which is false. We follow the rule (and §0.4: an exact tie fails for "<").
    _, v = run({"capex_2026_low_b": 0, "capex_2026_high_b": 0,
                "msft_capex_quarterly_b": 0, "amzn_capex_quarterly_b": 0})
    assert v["e1.peers_lowkey"]["holds"] is False
    assert v["e1.peers_lowkey"]["margin"] == 0


def test_edge_equal_self_improvement_and_catch_up_is_linear():
    params = {"self_improvement": 0.25, "catch_up": 0.25, "compute_ratio": 2.0}
    res, v = run(params)
    o = res["outputs"]
    assert o["persistence_a"] == 1
    assert o["divergence_s"] is None and o["gap_steady_state"] is None
    c = 0.5 * math.log(2.0)
    assert all(close(d, 0.2 + c * t) for t, d in enumerate(o["gap_path"]))
    assert v["e1.first_battle"]["holds"] is True
    assert v["e1.permanent_lead"]["holds"] is True     # a = 1 and c > 0


def test_edge_converging_gap_with_a_compute_edge():
    res, v = run({"self_improvement": 0.1, "catch_up": 0.3, "compute_ratio": 1.5})
    steady = res["outputs"]["gap_steady_state"]
    assert close(steady, 0.5 * math.log(1.5) / 0.2)
    assert round(steady, 4) == 1.0137
    assert v["e1.permanent_lead"]["holds"] is True
    assert v["e1.first_battle"]["holds"] is False
    assert "追赶系数(0.30)大于自我迭代系数(0.10)" in v["e1.first_battle"]["text_zh"]


def test_edge_converging_gap_with_equal_compute_decays():
    res, v = run({"self_improvement": 0.1, "catch_up": 0.3, "compute_ratio": 1.0})
    assert close(res["outputs"]["gap_T"], 0.2 * 0.8 ** 10)
    assert round(res["outputs"]["gap_T"], 5) == 0.02147
    assert res["outputs"]["gap_steady_state"] == 0
    assert v["e1.permanent_lead"]["holds"] is False
    assert v["e1.first_battle"]["holds"] is False


def test_edge_follower_outspends_but_first_battle_is_counterfactual():
    res, v = run({"self_improvement": 0.2, "catch_up": 0.2, "compute_ratio": 0.5})
    assert close(res["outputs"]["gap_T"], 0.2 + 10 * 0.5 * math.log(0.5))
    assert round(res["outputs"]["gap_T"], 3) == -3.266
    assert v["e1.permanent_lead"]["holds"] is False
    assert v["e1.first_battle"]["holds"] is True


def test_edge_no_initial_lead():
    _, v = run({"lead_initial": 0})
    assert v["e1.permanent_lead"]["holds"] is False   # s = 0 and d_0 = 0
    assert v["e1.first_battle"]["holds"] is False
    # The spec's F template blames catch-up; here self-improvement ≥ catch-up and the
    # real reason is that there is no lead to keep, so the sentence says that.
    assert "初始领先为0" in v["e1.first_battle"]["text_zh"]
    assert "大于自我迭代" not in v["e1.first_battle"]["text_zh"]


def test_edge_diverging_gap_overflows_the_multiple():
    res, v = run({"self_improvement": 1, "catch_up": 0, "horizon_years": 30,
                  "lead_initial": 2, "compute_ratio": 4})
    o = res["outputs"]
    expected = 2 ** 30 * 2 + 0.5 * math.log(4) * (2 ** 30 - 1)
    assert close(o["gap_T"], expected)
    assert round(o["gap_T"] / 1e9, 2) == 2.89
    assert o["lead_multiple_T"] is None
    assert "overflow:lead_multiple_T" in res["warnings"]
    assert v["e1.permanent_lead"]["holds"] is True
    assert "无法显示" in v["e1.permanent_lead"]["text_zh"]
    assert_json_safe(res)


def test_edge_smallest_cash_flow_keeps_ratios_finite():
    res, _ = run({"ocf_growth_pct": -50, "ocf_prior_b": 1})
    o = res["outputs"]
    assert o["ocf_2026_b"] == 0.5
    assert close(o["capex_to_ocf"], 250)
    # fcf_prior = 1 − 72 < 0, so the literal ratio is undefined (None), never ±inf
    assert o["capex_to_fcf_prior"] is None
    assert_json_safe(res)


def test_huge_but_finite_multiple_is_written_in_scientific_form():
    res, v = run({"self_improvement": 0.3, "catch_up": 0, "horizon_years": 20, "lead_initial": 0.5})
    multiple = res["outputs"]["lead_multiple_T"]
    assert 1e6 < multiple < math.inf
    assert "×10^" in v["e1.permanent_lead"]["text_zh"]


# --- race model internals -----------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(lead=st.floats(0, 2), si=st.floats(0, 1), cu=st.floats(0, 1),
       ratio=st.floats(0.25, 4), ret=st.floats(0, 2), years=st.integers(1, 30))
def test_iterated_path_equals_closed_form(lead, si, cu, ratio, ret, years):
    drift = model.gap_drift(si, cu)
    drive = model.compute_drive(ret, ratio)
    path = model.gap_path(lead, drift, drive, years)
    assert len(path) == years + 1
    for t, d in enumerate(path):
        exact = model.gap_closed_form(lead, drift, drive, t)
        assert abs(d - exact) <= 1e-9 * max(1.0, abs(exact))


@pytest.mark.parametrize("si,cu", [(0, 1), (1, 0), (0.5, 0.5), (0, 0), (1, 1), (0.3, 0.2)])
@pytest.mark.parametrize("ratio", [0.25, 1.0, 4])
def test_closed_form_at_the_corners_of_a(si, cu, ratio):
    # a = 0 (no memory), a = 2 (fastest divergence) and a = 1 (linear) included
    drift, drive = model.gap_drift(si, cu), model.compute_drive(0.5, ratio)
    path = model.gap_path(0.7, drift, drive, 30)
    for t, d in enumerate(path):
        exact = model.gap_closed_form(0.7, drift, drive, t)
        assert abs(d - exact) <= 1e-9 * max(1.0, abs(exact)), t
    if (si, cu) == (0, 1):
        assert path[1:] == [drive] * 30   # with a = 0 the gap is just this year's drive


@pytest.mark.parametrize("si,cu,lead,ratio,expected", [
    (0.3, 0.2, 0.2, 1.0, True),    # a > 1, s > 0
    (0.3, 0.2, 0.0, 1.0, False),   # a > 1, s = 0, d_0 = 0
    (0.3, 0.2, 0.0, 1.25, True),   # a > 1, c > 0
    (0.3, 0.2, 2.0, 0.25, False),  # a > 1, s = 2 − 0.693/0.1 < 0: follower overtakes
    (0.2, 0.2, 0.0, 1.0, False),   # a = 1, c = 0, d_0 = 0
    (0.2, 0.2, 0.5, 1.0, True),    # a = 1, c = 0, d_0 > 0: the lead is kept forever
    (0.1, 0.3, 2.0, 1.0, False),   # a < 1, c = 0: any lead decays
    (0.1, 0.3, 0.0, 1.05, True),   # a < 1, c > 0
])
def test_permanent_lead_rule_in_every_regime(si, cu, lead, ratio, expected):
    _, v = run({"self_improvement": si, "catch_up": cu, "lead_initial": lead,
                "compute_ratio": ratio})
    assert v["e1.permanent_lead"]["holds"] is expected


def test_permanent_lead_when_s_is_zero_up_to_rounding():
    # d_0 = −c/(a − 1) exactly in real numbers: the gap stays at d_0 > 0 for ever.
    # Floating point leaves s a hair off zero; the §0.4 tolerance treats it as 0.
    drift, lead = 0.1, 0.2
    drive = -lead * drift
    path = model.gap_path(lead, drift, drive, 30)
    assert all(abs(d - lead) < 1e-12 for d in path)
    assert model.lead_is_permanent(lead, drift, drive) is True


# --- §0.3 validation policy ---------------------------------------------------

@pytest.mark.parametrize("bad", [True, False, "115", None, [115], {"x": 1}])
def test_non_numbers_are_refused(bad):
    with pytest.raises(ModelInputError):
        model.compute({"capex_2026_low_b": bad})
    with pytest.raises(ModelInputError):
        model.compute({"capex_2026_low_b": bad}, strict=False)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_are_refused(bad):
    with pytest.raises(ModelInputError):
        model.compute({"ocf_prior_b": bad}, strict=False)


def test_unknown_name_is_refused():
    with pytest.raises(ModelInputError):
        model.compute({"capex_2026_mid_b": 125})


def test_fractional_integer_is_refused_and_whole_float_accepted():
    with pytest.raises(ModelInputError):
        model.compute({"horizon_years": 2.5})
    res = model.compute({"horizon_years": 5.0})
    assert res["inputs"]["horizon_years"] == 5 and isinstance(res["inputs"]["horizon_years"], int)
    assert len(res["outputs"]["gap_path"]) == 6


def test_out_of_range_raises_when_strict_and_clamps_otherwise():
    with pytest.raises(ModelInputError):
        model.compute({"google_capex_2026_b": 500})
    res, v = run({"google_capex_2026_b": 500, "catch_up": -1}, strict=False)
    assert res["inputs"]["google_capex_2026_b"] == 400 and res["inputs"]["catch_up"] == 0
    assert "clamped:google_capex_2026_b" in res["warnings"]
    assert "clamped:catch_up" in res["warnings"]
    assert "4000亿美元" in v["e1.google"]["text_zh"]


def test_clamping_happens_before_swapping():
    res = model.compute({"capex_2026_low_b": 400, "capex_2026_high_b": 100}, strict=False)
    assert res["inputs"]["capex_2026_low_b"] == 100 and res["inputs"]["capex_2026_high_b"] == 300
    assert res["warnings"] == ["clamped:capex_2026_low_b", "swapped:capex_2026_low_b/capex_2026_high_b"]


def test_degenerate_range_is_valid():
    res = model.compute({"capex_2026_low_b": 130, "capex_2026_high_b": 130})
    assert res["warnings"] == [] and res["outputs"]["capex_mid_b"] == 130


def test_missing_parameters_take_defaults_and_none_means_defaults():
    assert model.compute(None) == model.compute({})
    assert model.compute({"horizon_years": 10}) == model.compute({})


# --- verdict sentences --------------------------------------------------------

def test_sentences_show_current_numbers_in_chinese_units():
    _, v = run({})
    assert "1150亿美元" in v["e1.growth"]["text_zh"] and "60%" in v["e1.growth"]["text_zh"]
    assert "+74%" in v["e1.growth_literal"]["text_zh"] and "低估" in v["e1.growth_literal"]["text_zh"]
    assert "108%" in v["e1.cashflow"]["text_zh"]
    assert "2.9倍" in v["e1.cashflow_literal"]["text_zh"] and "438亿美元" in v["e1.cashflow_literal"]["text_zh"]
    assert "92亿美元" in v["e1.self_funded"]["text_zh"]
    assert "1000亿美元" in v["e1.google"]["text_zh"]
    assert "200亿美元" in v["e1.peers_lowkey"]["text_zh"]
    assert "1.68倍" in v["e1.permanent_lead"]["text_zh"] and "10年" in v["e1.permanent_lead"]["text_zh"]
    assert "0.30" in v["e1.first_battle"]["text_zh"] and "0.20" in v["e1.first_battle"]["text_zh"]
    for verdict in v.values():
        assert verdict["text_zh"].endswith("。"), verdict["id"]
        assert "nan" not in verdict["text_zh"].lower() and "{" not in verdict["text_zh"]
        assert verdict["text_en"] and verdict["rule"]


def test_each_verdict_changes_its_sentence_when_it_flips():
    flips = {
        "e1.growth": {"capex_2026_low_b": 100},
        "e1.growth_literal": {"capex_prior_b": 83.5},
        "e1.cashflow": {"ocf_growth_pct": 40},
        "e1.cashflow_literal": {"capex_prior_b": 1, "ocf_prior_b": 125},
        "e1.self_funded": {"ocf_growth_pct": 10},
        "e1.google": {"google_capex_2026_b": 99},
        "e1.peers_lowkey": {"amzn_capex_quarterly_b": 40},
        "e1.permanent_lead": {"catch_up": 0.4},
        "e1.first_battle": {"catch_up": 0.31},
    }
    _, before = run({})
    for vid, params in flips.items():
        _, after = run(params)
        assert after[vid]["holds"] is (not before[vid]["holds"]), vid
        assert after[vid]["text_zh"] != before[vid]["text_zh"], vid
        assert after[vid]["text_en"] != before[vid]["text_en"], vid


def test_growth_literal_says_overstates_when_growth_is_below_forty_percent():
    # The spec's F template only says "understates"; below +40% the literal +50%
    # overstates the increase, so the sentence must say so.
    _, v = run({"capex_prior_b": 110})
    assert v["e1.growth_literal"]["holds"] is False
    assert "高估" in v["e1.growth_literal"]["text_zh"]
    assert "overstates" in v["e1.growth_literal"]["text_en"]


def test_verdict_thresholds_use_the_tolerance():
    # exact tie: ≥ holds, < fails
    _, v = run({"google_capex_2026_b": 100, "msft_capex_quarterly_b": 31.25,
                "amzn_capex_quarterly_b": 0})
    assert v["e1.google"]["holds"] is True
    assert v["e1.peers_lowkey"]["holds"] is False        # 125 < 125 fails
    _, v = run({"capex_2026_low_b": 108, "capex_prior_b": 72})   # 108/72 − 1 = 0.5 exactly
    assert v["e1.growth"]["holds"] is True
    _, v = run({"ocf_prior_b": 125})                 # plan midpoint exactly covered
    assert v["e1.self_funded"]["holds"] is True and v["e1.self_funded"]["margin"] == 0
    assert "刚好覆盖" in v["e1.self_funded"]["text_zh"]


@pytest.mark.parametrize("mid,expected", [(85, True), (115, True), (84, False), (116, False)])
def test_cashflow_band_edges_are_inclusive(mid, expected):
    # "几乎相当于" = within ±15%; both edges count (≤ / ≥ with the §0.4 tolerance)
    _, v = run({"capex_2026_low_b": mid, "capex_2026_high_b": mid, "ocf_prior_b": 100})
    assert v["e1.cashflow"]["holds"] is expected
    _, v = run({"capex_2026_low_b": mid, "capex_2026_high_b": mid, "ocf_prior_b": 172,
                "capex_prior_b": 72})            # literal FCF = 100
    assert v["e1.cashflow_literal"]["holds"] is expected


# --- outputs and display formats ---------------------------------------------

DISPLAY_SCENARIOS = [{}, *model.PRESETS.values(), {"capex_prior_b": 120},
                     {"self_improvement": 1, "catch_up": 0, "horizon_years": 30,
                      "lead_initial": 2, "compute_ratio": 4},
                     {"self_improvement": 0.1, "catch_up": 0.3, "compute_ratio": 1.5}]


@pytest.mark.parametrize("params", DISPLAY_SCENARIOS)
def test_every_output_leaf_has_a_working_display_format(params):
    outputs = model.compute(params)["outputs"]
    assert set(model.OUTPUT_FORMATS) == set(outputs)
    for path, value in leaves(outputs):
        fmt = model.OUTPUT_FORMATS.get(path) or model.OUTPUT_FORMATS[path.split(".")[0]]
        text = display(value, fmt)
        assert isinstance(text, str) and text, path
        if value is None:
            assert text == "无法计算", path


def test_display_of_key_outputs_at_defaults():
    o = model.compute({})["outputs"]
    fmt = model.OUTPUT_FORMATS
    assert display(o["capex_mid_b"], fmt["capex_mid_b"]) == "1250亿美元"
    assert display(o["capex_range_b"], fmt["capex_range_b"]) == "1150亿美元–1350亿美元"
    assert display(o["growth_mid"], fmt["growth_mid"]) == "74%"
    assert display(o["fcf_2026_b"]["mid"], fmt["fcf_2026_b"]) == "-92亿美元"
    assert display(o["capex_to_fcf_prior"], fmt["capex_to_fcf_prior"]) == "2.85倍"
    assert display(o["lead_multiple_T"], fmt["lead_multiple_T"]) == "1.68倍"


# --- property tests -----------------------------------------------------------

def strategy_for(p):
    if p["integer"]:
        return st.integers(p["min"], p["max"])
    return st.floats(p["min"], p["max"], allow_nan=False, allow_infinity=False)


PARAMS = st.fixed_dictionaries({p["name"]: strategy_for(p) for p in model.SPEC})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_in_bounds_inputs_never_raise_and_are_json_safe(params):
    res = model.compute(params)
    assert_json_safe(res)
    assert [v["id"] for v in res["verdicts"]] == VERDICT_ORDER
    for vid, v in ((v["id"], v) for v in res["verdicts"]):
        assert v["holds"] in (True, False, None), vid
    for name in CHARTS:
        assert_json_safe(getattr(model, name)(params))


@settings(max_examples=150, deadline=None)
@given(params=PARAMS, bump=st.floats(0.5, 50))
def test_growth_falls_as_the_prior_year_rises(params, bump):
    prior = params["capex_prior_b"]
    higher = min(prior + bump, BY_NAME["capex_prior_b"]["max"])
    low_prior = model.compute(params)["outputs"]
    high_prior = model.compute(dict(params, capex_prior_b=higher))["outputs"]
    for key in ("growth_low", "growth_mid", "growth_high"):
        assert high_prior[key] <= low_prior[key] + 1e-12


@settings(max_examples=150, deadline=None)
@given(params=PARAMS, bump=st.floats(1, 50))
def test_more_cash_flow_growth_never_shrinks_2026_fcf_nor_raises_the_capex_ratio(params, bump):
    growth = params["ocf_growth_pct"]
    more = min(growth + bump, BY_NAME["ocf_growth_pct"]["max"])
    base_out = model.compute(params)["outputs"]
    more_out = model.compute(dict(params, ocf_growth_pct=more))["outputs"]
    assert more_out["fcf_2026_b"]["mid"] >= base_out["fcf_2026_b"]["mid"] - 1e-9
    assert more_out["capex_to_ocf"] <= base_out["capex_to_ocf"] + 1e-12


@settings(max_examples=150, deadline=None)
@given(params=PARAMS, bump=st.floats(0.05, 1))
def test_a_bigger_start_or_more_compute_never_shrinks_the_final_gap(params, bump):
    base_gap = model.compute(params)["outputs"]["gap_T"]
    bigger_lead = min(params["lead_initial"] + bump, 2)
    more_compute = min(params["compute_ratio"] * (1 + bump), 4)
    gap_lead = model.compute(dict(params, lead_initial=bigger_lead))["outputs"]["gap_T"]
    gap_compute = model.compute(dict(params, compute_ratio=more_compute))["outputs"]["gap_T"]
    tolerance = 1e-9 * max(1.0, abs(base_gap))
    assert gap_lead >= base_gap - tolerance
    assert gap_compute >= base_gap - tolerance


@settings(max_examples=150, deadline=None)
@given(params=PARAMS, factor=st.floats(1.01, 4))
def test_a_permanent_lead_survives_more_compute(params, factor):
    more = min(params["compute_ratio"] * factor, 4)
    _, before = run(params)
    _, after = run(dict(params, compute_ratio=more))
    if before["e1.permanent_lead"]["holds"]:
        assert after["e1.permanent_lead"]["holds"] is True


# --- fuzz: 3,000 random in-bounds inputs plus every min/max corner -----------

def random_params(rng):
    params = {}
    for p in model.SPEC:
        if p["integer"]:
            params[p["name"]] = rng.randint(p["min"], p["max"])
        else:
            roll = rng.random()
            if roll < 0.1:
                params[p["name"]] = p["min"]
            elif roll < 0.2:
                params[p["name"]] = p["max"]
            else:
                params[p["name"]] = rng.uniform(p["min"], p["max"])
    return params


def check_everything(params):
    res = model.compute(params)
    assert_json_safe(res)
    for name in CHARTS:
        assert_json_safe(getattr(model, name)(params))


def test_fuzz_three_thousand_random_inputs():
    rng = random.Random(20260128)
    for _ in range(3000):
        check_everything(random_params(rng))


def test_fuzz_every_min_max_corner():
    names = [p["name"] for p in model.SPEC]
    bounds = [(BY_NAME[n]["min"], BY_NAME[n]["max"]) for n in names]
    count = 0
    for corner in itertools.product(*bounds):
        params = dict(zip(names, corner))
        res = model.compute(params)
        assert_json_safe(res)
        count += 1
        if count % 64 == 0:  # charts on a spread of corners keep the test fast
            for name in CHARTS:
                assert_json_safe(getattr(model, name)(params))
    assert count == 2 ** len(names)
    for params in ({n: lo for n, (lo, hi) in zip(names, bounds)},
                   {n: hi for n, (lo, hi) in zip(names, bounds)}):
        check_everything(params)


def test_compute_is_cheap_enough_for_flip_scans():
    start = time.perf_counter()
    for _ in range(500):
        model.compute({"horizon_years": 30})
    per_call = (time.perf_counter() - start) / 500
    assert per_call < 0.002, per_call  # CPython; Pyodide is a few times slower


# --- charts -------------------------------------------------------------------

def check_chart_shape(chart, name):
    assert chart["id"] == name
    assert chart["type"] in ("line", "bar", "range_bar", "stacked_bar", "diagram")
    for key in ("title_zh", "caption_zh"):
        assert isinstance(chart[key], str) and chart[key], key
    x = chart["x"]
    for key in ("label_en", "label_zh", "unit", "scale", "values"):
        assert key in x, key
    assert x["scale"] in ("linear", "log")
    for key in ("label_zh", "label_en", "unit", "scale"):
        assert key in chart["y"], key
    assert chart["series"]
    for series in chart["series"]:
        for key in ("name_en", "name_zh", "values", "style"):
            assert key in series, key
        assert series["style"] in ("solid", "dashed", "band", "hatched")
        assert len(series["values"]) == len(x["values"])
        if series["style"] == "band" or chart["type"] == "range_bar":
            assert len(series["band_low"]) == len(x["values"])
            assert len(series["band_high"]) == len(x["values"])
    for marker in chart["markers"]:
        for key in ("axis", "value", "kind", "label_en", "label_zh"):
            assert key in marker, key
        assert marker["axis"] in ("x", "y")
        assert marker["kind"] in ("current", "breakeven", "public_record", "aspiration", "threshold")
    for region in chart["regions"]:
        for key in ("axis", "from", "to", "label_en", "label_zh"):
            assert key in region, key


@pytest.mark.parametrize("params", [{}, *model.PRESETS.values(),
                                    {"capex_2026_low_b": 150, "capex_2026_high_b": 120},
                                    {"horizon_years": 1}])
@pytest.mark.parametrize("name", CHARTS)
def test_chart_shape(name, params):
    chart = getattr(model, name)(params)
    check_chart_shape(chart, name)
    assert_json_safe(chart)


def test_chart_functions_are_all_listed_and_named_by_id():
    found = sorted(n for n in vars(model) if n.startswith("chart_") and callable(getattr(model, n)))
    assert found == sorted(CHARTS)


def test_capex_bars_show_inputs_and_public_record():
    chart = model.chart_e1_capex_bars({"msft_capex_quarterly_b": 10})
    ours, public = chart["series"]
    assert ours["values"] == [72, 125, 100, 40, 20]
    assert ours["band_low"][1] == 115 and ours["band_high"][1] == 135
    assert public["values"] == [72.2, 125.0, 180.0, 150.0, 200.0]
    assert public["band_low"][2] == 175 and public["band_high"][2] == 185
    for s in chart["series"]:
        assert all(lo <= v <= hi for lo, v, hi in zip(s["band_low"], s["values"], s["band_high"]))
    assert "1150亿美元–1350亿美元" in chart["caption_zh"]


def test_cashflow_chart_sweeps_80_to_180_and_marks_the_current_midpoint():
    params = {"ocf_growth_pct": 10, "capex_2026_low_b": 150, "capex_2026_high_b": 110}
    chart = model.chart_e1_cashflow(params)
    o = model.compute(params)["outputs"]
    assert chart["x"]["values"] == list(range(80, 181, 2))
    assert len(chart["x"]["values"]) == 51
    assert all(close(y, o["ocf_2026_b"] - x)
               for x, y in zip(chart["x"]["values"], chart["series"][0]["values"]))
    current = [m for m in chart["markers"] if m["kind"] == "current"]
    assert len(current) == 1 and current[0]["axis"] == "x" and current[0]["value"] == o["capex_mid_b"]
    breakeven = [m for m in chart["markers"] if m["kind"] == "breakeven"]
    assert close(breakeven[0]["value"], o["ocf_2026_b"])
    assert chart["regions"][0]["from"] == 110 and chart["regions"][0]["to"] == 150
    assert any(m["axis"] == "y" and close(m["value"], o["fcf_prior_b"]) for m in chart["markers"])
    assert "1270亿美元" in chart["caption_zh"]  # 127.38bn under the §6 rounding (0 decimals ≥ 100bn)


def test_race_chart_series_and_current_horizon():
    params = {"horizon_years": 15, "compute_ratio": 0.8}
    chart = model.chart_e1_race(params)
    o = model.compute(params)["outputs"]
    assert chart["x"]["values"] == list(range(16))
    current, matched, no_self = chart["series"]
    assert current["values"] == o["gap_path"]
    assert matched["values"] == model.compute(dict(params, compute_ratio=1.0))["outputs"]["gap_path"]
    assert no_self["values"] == model.compute(dict(params, self_improvement=0))["outputs"]["gap_path"]
    marker = [m for m in chart["markers"] if m["kind"] == "current"]
    assert marker == [dict(marker[0], axis="x", value=15)]


def test_phase_chart_marks_the_current_point_and_shades_y_at_least_x():
    chart = model.chart_e1_race_phase({"self_improvement": 0.42, "catch_up": 0.17})
    assert chart["x"]["values"] == [round(0.05 * i, 2) for i in range(21)]
    boundary, band = chart["series"]
    assert boundary["values"] == chart["x"]["values"]
    assert band["style"] == "band" and band["band_low"] == chart["x"]["values"]
    assert set(band["band_high"]) == {1.0}
    current = {m["axis"]: m["value"] for m in chart["markers"] if m["kind"] == "current"}
    assert current == {"x": 0.17, "y": 0.42}
    assert "位于" in chart["caption_zh"]
    outside = model.chart_e1_race_phase({"self_improvement": 0.1, "catch_up": 0.5})
    assert "不在" in outside["caption_zh"]


def test_charts_use_the_models_own_formulas(monkeypatch):
    # One formula, one place: patching a formula function must move the chart.
    monkeypatch.setattr(meta_capex_charts, "fcf_after_capex", lambda ocf, capex: 7.0)
    assert set(model.chart_e1_cashflow({})["series"][0]["values"]) == {7.0}
    flat = lambda lead, drift, drive, years: [1.5] * (years + 1)  # noqa: E731
    monkeypatch.setattr(meta_capex_scenario, "gap_path", flat)
    monkeypatch.setattr(meta_capex_charts, "gap_path", flat)
    assert all(set(s["values"]) == {1.5} for s in model.chart_e1_race({})["series"])


def test_charts_accept_partial_and_out_of_range_params_without_raising():
    for name in CHARTS:
        chart = getattr(model, name)({"horizon_years": 99, "capex_prior_b": 0})
        check_chart_shape(chart, name)


# --- public record ------------------------------------------------------------

FORBIDDEN_DOMAINS = (
    "finviz.com", "particle.news", "stockminded.com", "titanstockanalysis.com",
    "newsbytesapp.com", "briefly.co", "parameter.io", "analyticsinsight.net", "royfactory.net",
    "cointeeth.com", "convergedigest.com", "levelheadedinvesting.com", "ngnpost.com",
    "gamereactor.eu", "atmes.ai", "blogspot.com",
)


def test_public_record_entries_follow_the_source_policy():
    assert PUBLIC_RECORD
    ids = [entry["id"] for entry in PUBLIC_RECORD]
    assert ids == ["C1", "C2", "C2", "C3", "C5", "C6", "C6", "C7"]
    for entry in PUBLIC_RECORD:
        assert set(entry) == {"id", "claim_zh", "figure_zh", "status", "note_zh", "sources"}
        assert entry["status"] in ("verified", "partial", "unverified")
        assert entry["claim_zh"] and isinstance(entry["note_zh"], str)
        if entry["status"] == "unverified":
            assert entry["figure_zh"] is None
        else:
            assert entry["figure_zh"]
        assert entry["sources"]
        for source in entry["sources"]:
            assert source["name"] and "20" in source["name"]  # publisher + dated document
            url = source["url"]
            if url is not None:
                assert url.startswith("https://"), url
                host = url.split("/")[2]
                assert not any(host == d or host.endswith("." + d) for d in FORBIDDEN_DOMAINS), url
        # a verified figure must link at least one source
        if entry["status"] == "verified":
            assert any(s["url"] for s in entry["sources"])


def test_public_record_figures_match_the_spec():
    by_text = " ".join(entry["figure_zh"] or "" for entry in PUBLIC_RECORD)
    for figure in ("1150–1350亿美元", "722.2亿美元", "1158.0亿美元", "435.9亿美元",
                   "1750–1850亿美元", "375亿美元", "2000亿美元"):
        assert figure in by_text, figure


def test_public_markers_carry_the_record_sources():
    assert len(model.PUBLIC_MARKERS) == len(model.CATEGORIES_ZH)
    for marker in model.PUBLIC_MARKERS:
        assert marker["kind"] == "public_record"
        assert marker["low"] <= marker["value"] <= marker["high"]
        record_sources = [s for e in PUBLIC_RECORD if e["id"] == marker["claim"] for s in e["sources"]]
        assert marker["sources"] and all(s in record_sources for s in marker["sources"])
    assert [m["value"] for m in model.PUBLIC_MARKERS] == [72.2, 125.0, 180.0, 150.0, 200.0]
