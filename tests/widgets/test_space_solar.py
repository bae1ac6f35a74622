"""Essay 5 model (`widgets.space_solar`, MODELS.md §5): numbers, verdicts, charts, sources."""

import ast
import json
import math
import random
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import runtime
from widgets import space_solar as model
from widgets.base import ModelInputError, check_spec, display
from widgets.space_solar_record import PUBLIC_RECORD

WIDGETS_DIR = Path(__file__).resolve().parents[2] / "widgets"
SPEC_BY_NAME = {p["name"]: p for p in model.SPEC}
VERDICT_IDS = ["e5.ssp_cheaper", "e5.launch_path", "e5.cost_falls_with_scale",
               "e5.fusion_unpriceable", "e5.baseload", "e5.valuation"]
CHART_IDS = ["chart_e5_lcoe_vs_launch", "chart_e5_cost_stack", "chart_e5_learning",
             "chart_e5_valuation"]
MARKER_KINDS = {"current", "breakeven", "public_record", "aspiration", "threshold"}


def run(**overrides):
    return model.compute(overrides)


def holds(result):
    return {v["id"]: v["holds"] for v in result["verdicts"]}


def verdict_of(result, vid):
    return next(v for v in result["verdicts"] if v["id"] == vid)


def all_charts(params):
    return [getattr(model, cid)(params) for cid in CHART_IDS]


def assert_json_safe(value):
    """Serialises without NaN/inf (json raises ValueError on them with allow_nan=False)."""
    json.dumps(value, allow_nan=False, ensure_ascii=False)


# --- golden numbers (§5.5) ----------------------------------------------------

CRF_7_30 = 0.07 * 1.07 ** 30 / (1.07 ** 30 - 1)
ANNUAL_CHARGE = CRF_7_30 + 0.02
ENERGY_PER_KW = 8760 * 0.99 / 1000  # MWh per kW-year at CF 0.99


def spec_lcoe(launch, hardware=1000.0):
    """Formula A at the essay defaults, written out exactly as the spec's table does."""
    capex = launch * 1 * 1.1 / 0.37 + hardware / 0.37 + 500
    return capex * ANNUAL_CHARGE / ENERGY_PER_KW


def spec_breakeven(target):
    capex_star = target * ENERGY_PER_KW / ANNUAL_CHARGE
    return ((capex_star - 500) * 0.37 - 1000) / (1 * 1.1)


# (output, exact derived value, value as the spec prints it, decimals the spec prints)
GOLDEN = [
    ("capex_launch_usd_kw", 100 * 1 * 1.1 / 0.37, 297.30, 2),
    ("capex_hw_usd_kw", 1000 / 0.37, 2702.70, 2),
    ("capex_total_usd_kw", 3500.0, 3500.00, 2),
    ("crf", CRF_7_30, 0.080586, 6),
    ("lcoe_usd_mwh", spec_lcoe(100), 40.59, 2),
    ("launch_share_of_capex", (100 * 1.1 / 0.37) / 3500, 0.085, 3),
    ("breakeven_launch_vs_fission_low", spec_breakeven(51), 401.8, 1),
    ("breakeven_launch_vs_fission_mid", spec_breakeven(93.5), 1634, 0),
    ("lcoe_free_launch", spec_lcoe(0), 37.15, 2),
    ("fusion_success_prob", 0.7 ** 4, 0.2401, 4),
    ("unit_value_t", 29471 * 10 * 1e6 * 100 * 0.5 * 20 / 1e12, 294.71, 2),
    ("energy_value_t", 0.6 * 294.71, 176.83, 2),
    ("total_value_t", 0.6 * 294.71 + 1.0, 177.83, 2),
    ("required_share", (100 - 1) / 294.71, 0.3359, 4),
    ("energy_revenue_b", 0.6 * 29471 * 10 * 1e6 * 100 / 1e9, 17682.6, 1),
    ("energy_revenue_share_of_gdp", 17682.6 / 1000 / 117.17, 0.151, 3),
    ("target_to_world_gdp", 100 / 117.17, 0.853, 3),
]


@pytest.mark.parametrize("name, exact, printed, decimals", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_defaults(name, exact, printed, decimals):
    value = run()["outputs"][name]
    assert value == pytest.approx(exact, rel=1e-9)
    assert round(value, decimals) == pytest.approx(printed, abs=1e-12)


def test_golden_intermediates_the_spec_prints():
    assert round(1.07 ** 30, 4) == 7.6123
    assert round(ANNUAL_CHARGE * 3500, 2) == 352.05
    assert round(ENERGY_PER_KW, 4) == 8.6724
    capex_star = model.capex_needed_usd_kw(51, ANNUAL_CHARGE, 0.99)
    assert capex_star == pytest.approx(51 * ENERGY_PER_KW / ANNUAL_CHARGE, rel=1e-9)
    # Spec rounding artefact: §5.5 prints capex* = 4,397.2, which is what its rounded
    # intermediates give (51 × 8.6724 / 0.100586). The exact value is 4,397.14; the final
    # L*(51) = 401.8 $/kg printed by the spec is unaffected (checked in GOLDEN).
    assert round(51 * 8.6724 / 0.100586, 1) == 4397.2
    assert round(capex_star, 1) == 4397.1


def test_golden_fusion_risk_adjusted():
    low, high = run()["outputs"]["fusion_risk_adjusted"]
    assert low == pytest.approx(110 / 0.7 ** 4, rel=1e-9)
    assert high == pytest.approx(144 / 0.7 ** 4, rel=1e-9)
    assert (round(low, 1), round(high, 1)) == (458.1, 599.8)


@pytest.mark.parametrize("launch, printed", [(10, 37.49), (1000, 71.63), (4000, 175.07),
                                             (20000, 726.78)])
def test_golden_lcoe_at_reference_launch_costs(launch, printed):
    inputs = run()["inputs"]
    value = model.ssp_lcoe(inputs, launch_cost=launch)
    assert value == pytest.approx(spec_lcoe(launch), rel=1e-9)
    assert round(value, 2) == printed
    assert run(launch_cost_usd_per_kg=launch)["outputs"]["lcoe_usd_mwh"] == pytest.approx(value, rel=1e-12)


def test_golden_learning_curve():
    curve = run()["outputs"]["learning_curve"]
    printed = [40.59, 32.07, 25.64, 20.79, 17.13, 14.37, 12.28, 10.71, 9.52, 8.62, 7.93]
    assert [row[0] for row in curve] == list(range(11))
    for n, launch_n, lcoe_n in curve:
        assert launch_n == pytest.approx(100 * 0.8 ** n, rel=1e-9)
        assert lcoe_n == pytest.approx(spec_lcoe(100 * 0.8 ** n, 1000 * 0.75 ** n), rel=1e-9)
    assert [round(row[2], 2) for row in curve] == printed
    outputs = run()["outputs"]
    assert outputs["lcoe_after_doublings"] == curve[-1][2]
    assert outputs["launch_cost_after_doublings"] == curve[-1][1]


def test_ssp_risk_adjusted_equals_lcoe_when_programme_is_certain():
    outputs = run()["outputs"]
    assert outputs["ssp_risk_adjusted"] == outputs["lcoe_usd_mwh"]
    assert run(p_ssp_program=0.5)["outputs"]["ssp_risk_adjusted"] == pytest.approx(
        2 * outputs["lcoe_usd_mwh"], rel=1e-12)


# --- verdicts: defaults and presets (§5.4, §5.7, Appendix A) ------------------


def test_verdicts_in_spec_order_and_all_essay_claims_hold_at_defaults():
    result = run()
    assert [v["id"] for v in result["verdicts"]] == VERDICT_IDS
    assert all(v["kind"] == "essay_claim" for v in result["verdicts"])
    assert all(v["holds"] is True for v in result["verdicts"])


PRESET_PATTERNS = {
    "falcon9_today": {"e5.ssp_cheaper": False},
    "nasa_otps_like": {"e5.ssp_cheaper": False, "e5.launch_path": False},
    "public_baseline_valuation": {"e5.valuation": False},
}


@pytest.mark.parametrize("preset", sorted(PRESET_PATTERNS))
def test_preset_verdict_patterns(preset):
    expected = {vid: True for vid in VERDICT_IDS}
    expected.update(PRESET_PATTERNS[preset])
    assert holds(model.compute(model.PRESETS[preset])) == expected


def test_preset_key_numbers():
    falcon = model.compute(model.PRESETS["falcon9_today"])["outputs"]
    assert round(falcon["lcoe_usd_mwh"], 1) == 175.1
    nasa = model.compute(model.PRESETS["nasa_otps_like"])["outputs"]
    assert round(nasa["lcoe_usd_mwh"]) == 614
    assert round(nasa["launch_share_of_capex"], 2) == 0.71
    assert round(nasa["lcoe_free_launch"]) == 177
    assert nasa["breakeven_launch_vs_fission_low"] is None
    baseline = model.compute(model.PRESETS["public_baseline_valuation"])["outputs"]
    assert round(baseline["total_value_t"], 2) == 2.77
    assert round(baseline["required_share"], 1) == 5.6


def test_presets_are_the_spec_presets_with_chinese_labels():
    assert set(model.PRESETS) == set(PRESET_PATTERNS)
    assert set(model.PRESET_LABELS) == set(model.PRESETS)
    for label in model.PRESET_LABELS.values():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in label)
    assert model.PRESETS["nasa_otps_like"] == {
        "launch_cost_usd_per_kg": 1000, "orbit_transfer_factor": 13,
        "specific_mass_kg_per_kw": 1.08, "space_hw_usd_per_kw": 5500, "capacity_factor": 0.997}


@pytest.mark.parametrize("preset", sorted(PRESET_PATTERNS))
def test_preset_overrides_name_real_parameters_in_bounds(preset):
    for name, value in model.PRESETS[preset].items():
        spec = SPEC_BY_NAME[name]
        assert spec["min"] <= value <= spec["max"], name
    assert model.compute(model.PRESETS[preset])["warnings"] == []


# --- verdict sentences ----------------------------------------------------------


def test_default_sentences_carry_the_current_numbers():
    texts = {v["id"]: v["text_zh"] for v in run()["verdicts"]}
    assert "每公斤100美元" in texts["e5.ssp_cheaper"] and "40.6美元" in texts["e5.ssp_cheaper"]
    assert "每公斤402美元" in texts["e5.launch_path"]
    assert "40.6美元" in texts["e5.cost_falls_with_scale"] and "7.9美元" in texts["e5.cost_falls_with_scale"]
    assert "24%" in texts["e5.fusion_unpriceable"] and "458–600美元" in texts["e5.fusion_unpriceable"]
    assert "99%" in texts["e5.baseload"]
    assert "34%" in texts["e5.valuation"] and "15%" in texts["e5.valuation"]


def test_sentences_follow_the_verdict():
    nasa = model.compute(model.PRESETS["nasa_otps_like"])
    assert "不成立" in verdict_of(nasa, "e5.ssp_cheaper")["text_zh"]
    assert "614美元" in verdict_of(nasa, "e5.ssp_cheaper")["text_zh"]
    assert "71%" in verdict_of(nasa, "e5.ssp_cheaper")["text_zh"]
    baseline = model.compute(model.PRESETS["public_baseline_valuation"])
    text = verdict_of(baseline, "e5.valuation")["text_zh"]
    assert "17.68万亿美元" in text and "5.6倍" in text


def test_launch_path_below_floor_sentence():
    # L* ≈ 402 $/kg at defaults; a 500 $/kg floor puts it below what is achievable.
    result = run(launch_floor_usd_per_kg=500)
    launch_path = verdict_of(result, "e5.launch_path")
    assert launch_path["holds"] is False
    assert "每公斤500美元" in launch_path["text_zh"] and "每公斤402美元" in launch_path["text_zh"]
    assert launch_path["margin"] == pytest.approx(result["outputs"]["breakeven_launch_vs_fission_low"] - 500)


def test_unequal_fusion_probabilities_are_listed():
    text = verdict_of(run(p_q_gt_1=0.5, p_materials=0.9), "e5.fusion_unpriceable")["text_zh"]
    assert "分别为50%、90%、70%和70%" in text


def test_fusion_verdict_flips_at_half():
    result = run(p_q_gt_1=1, p_materials=1, p_maintainable=1, p_replicable=0.5)
    assert result["outputs"]["fusion_success_prob"] == 0.5
    unpriceable = verdict_of(result, "e5.fusion_unpriceable")
    assert unpriceable["holds"] is False  # an exact tie fails "<" (§0.4)
    assert "不低于50%" in unpriceable["text_zh"]


def test_margins_are_positive_when_claims_hold():
    for v in run()["verdicts"]:
        assert v["margin"] is not None and v["margin"] > 0, v["id"]


# --- edge cases (§5.9) ------------------------------------------------------------


def test_edge_zero_discount_rate():
    crf = run(discount_rate=0)["outputs"]["crf"]
    assert crf == 1 / 30
    assert round(crf, 4) == 0.0333


@pytest.mark.parametrize("name", ["p_q_gt_1", "p_materials", "p_maintainable", "p_replicable"])
def test_edge_any_fusion_probability_zero(name):
    result = run(**{name: 0})
    assert result["outputs"]["fusion_success_prob"] == 0
    assert result["outputs"]["fusion_risk_adjusted"] == [None, None]
    unpriceable = verdict_of(result, "e5.fusion_unpriceable")
    assert unpriceable["holds"] is True
    assert "无从计算" in unpriceable["text_zh"]


def test_edge_space_solar_programme_cannot_succeed():
    result = run(p_ssp_program=0)
    assert result["outputs"]["ssp_risk_adjusted"] is None
    cheaper = verdict_of(result, "e5.ssp_cheaper")
    assert cheaper["holds"] is False and cheaper["margin"] is None
    assert "成功概率为零" in cheaper["text_zh"]


def test_edge_expensive_hardware_is_the_wall():
    result = run(space_hw_usd_per_kw=20000)
    assert result["outputs"]["breakeven_launch_vs_fission_low"] is None
    launch_path = verdict_of(result, "e5.launch_path")
    assert launch_path["holds"] is False
    assert "挡路的是硬件" in launch_path["text_zh"] and "Hardware, not launch" in launch_path["text_en"]
    assert round(result["outputs"]["lcoe_free_launch"], 1) == 632.7


def test_edge_capacity_factor_sixty_percent():
    result = run(capacity_factor=0.6)
    assert round(result["outputs"]["lcoe_usd_mwh"], 2) == 66.98
    assert result["outputs"]["breakeven_launch_vs_fission_low"] is None
    assert holds(result)["e5.baseload"] is False
    assert holds(result)["e5.launch_path"] is False
    assert "60%" in verdict_of(result, "e5.baseload")["text_zh"]


def test_edge_no_learning():
    result = run(launch_learning_rate=0, hw_learning_rate=0)
    costs = [row[2] for row in result["outputs"]["learning_curve"]]
    assert costs == [costs[0]] * 11
    falls = verdict_of(result, "e5.cost_falls_with_scale")
    assert falls["holds"] is False
    assert "学习率都为零" in falls["text_zh"]


def test_learning_on_a_zero_cost_does_not_count():
    # Hardware learning on free hardware, no launch learning: the curve is flat.
    result = run(launch_learning_rate=0, hw_learning_rate=0.3, space_hw_usd_per_kw=0)
    assert holds(result)["e5.cost_falls_with_scale"] is False


def test_edge_fission_range_reversed_is_swapped():
    result = run(fission_low_usd_mwh=136, fission_high_usd_mwh=51)
    assert result["warnings"] == ["swapped:fission_low_usd_mwh/fission_high_usd_mwh"]
    assert (result["inputs"]["fission_low_usd_mwh"], result["inputs"]["fission_high_usd_mwh"]) == (51, 136)
    assert result["outputs"] == run()["outputs"]


@pytest.mark.parametrize("override", [{"ebitda_margin": 0}, {"power_price_usd_mwh": 0}])
def test_edge_energy_worth_nothing(override):
    result = model.compute(override)
    assert result["outputs"]["unit_value_t"] == 0
    assert result["outputs"]["required_share"] is None
    valuation = verdict_of(result, "e5.valuation")
    assert valuation["holds"] is False and valuation["margin"] is None
    assert "毫无贡献" in valuation["text_zh"]


def test_edge_other_businesses_already_reach_target():
    result = run(other_value_t=50, target_valuation_t=40)
    assert result["outputs"]["required_share"] == 0
    valuation = verdict_of(result, "e5.valuation")
    assert valuation["holds"] is True
    assert "不靠能源业务也能达到" in valuation["text_zh"]


def test_other_value_reaching_target_wins_over_worthless_energy():
    # Spec ambiguity (§5.3 E): with unit_value 0 and other_value ≥ target, "0 if target ≤ other"
    # is applied first: SpaceX is already there, so the claim holds.
    result = run(other_value_t=50, target_valuation_t=40, ebitda_margin=0)
    assert result["outputs"]["required_share"] == 0
    assert holds(result)["e5.valuation"] is True


def test_edge_launch_cost_at_slider_minimum():
    outputs = run(launch_cost_usd_per_kg=1)["outputs"]
    assert round(outputs["capex_launch_usd_kw"], 2) == 2.97
    assert round(outputs["lcoe_usd_mwh"], 2) == 37.18
    assert round(outputs["lcoe_free_launch"], 2) == 37.15


def test_breakeven_launch_cost_really_breaks_even():
    cases = ({}, {"capacity_factor": 0.95, "lifetime_years": 40}, {"orbit_transfer_factor": 13},
             {"fission_low_usd_mwh": 120, "discount_rate": 0})
    for overrides in cases:
        result = model.compute(overrides)
        breakeven = result["outputs"]["breakeven_launch_vs_fission_low"]
        assert breakeven is not None and breakeven > 0
        lcoe_there = model.ssp_lcoe(result["inputs"], launch_cost=breakeven)
        assert lcoe_there == pytest.approx(result["inputs"]["fission_low_usd_mwh"], rel=1e-9)


@pytest.mark.parametrize("years", [5, 17, 30, 60])
@pytest.mark.parametrize("rate", [0.005, 0.03, 0.07, 0.125, 0.2])
def test_crf_matches_the_textbook_formula(rate, years):
    growth = (1 + rate) ** years
    assert model.capital_recovery_factor(rate, years) == pytest.approx(
        rate * growth / (growth - 1), rel=1e-12)


def test_tiny_positive_discount_rate_tends_to_one_over_n():
    assert model.capital_recovery_factor(1e-15, 30) == pytest.approx(1 / 30, rel=1e-9)
    assert run(discount_rate=5e-324)["outputs"]["crf"] == pytest.approx(1 / 30, rel=1e-6)


# --- validation policy (§0.3) ---------------------------------------------------------


def test_unknown_parameter_is_refused():
    with pytest.raises(ModelInputError):
        model.compute({"launch_cost": 100})


@pytest.mark.parametrize("bad", [True, False, "100", None, [100], {"v": 1}])
def test_non_numbers_are_refused(bad):
    with pytest.raises(ModelInputError):
        model.compute({"launch_cost_usd_per_kg": bad})


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(bad):
    with pytest.raises(ModelInputError):
        model.compute({"capacity_factor": bad})


def test_integer_parameter_policy():
    with pytest.raises(ModelInputError):
        model.compute({"lifetime_years": 30.5})
    result = model.compute({"lifetime_years": 25.0})
    assert result["inputs"]["lifetime_years"] == 25 and isinstance(result["inputs"]["lifetime_years"], int)


def test_out_of_range_strict_raises_and_lenient_clamps():
    with pytest.raises(ModelInputError):
        model.compute({"launch_cost_usd_per_kg": 50000})
    result = model.compute({"launch_cost_usd_per_kg": 50000, "ssp_share": -0.5}, strict=False)
    assert result["inputs"]["launch_cost_usd_per_kg"] == 20000
    assert result["inputs"]["ssp_share"] == 0
    assert set(result["warnings"]) == {"clamped:launch_cost_usd_per_kg", "clamped:ssp_share"}
    assert result["outputs"] == run(launch_cost_usd_per_kg=20000, ssp_share=0)["outputs"]


def test_fusion_pair_swapped_and_clamping_happens_before_swapping():
    result = run(fusion_low_usd_mwh=144, fusion_high_usd_mwh=110)
    assert result["warnings"] == ["swapped:fusion_low_usd_mwh/fusion_high_usd_mwh"]
    assert result["outputs"]["fusion_risk_adjusted"] == run()["outputs"]["fusion_risk_adjusted"]
    lenient = model.compute({"fission_low_usd_mwh": 900, "fission_high_usd_mwh": 100}, strict=False)
    assert lenient["warnings"] == ["clamped:fission_low_usd_mwh",
                                   "swapped:fission_low_usd_mwh/fission_high_usd_mwh"]
    assert (lenient["inputs"]["fission_low_usd_mwh"], lenient["inputs"]["fission_high_usd_mwh"]) == (100, 500)


def test_missing_parameters_take_defaults_and_none_means_defaults():
    assert model.compute(None) == model.compute({})
    assert run()["inputs"] == {p["name"]: p["default"] for p in model.SPEC}


# --- SPEC, module hygiene ------------------------------------------------------------

# (name, default, min, max, step, integer, log) exactly as in the §5.2 table.
SPEC_TABLE = [
    ("launch_cost_usd_per_kg", 100, 1, 20000, 1, False, True),
    ("orbit_transfer_factor", 1.0, 1, 20, 0.5, False, False),
    ("specific_mass_kg_per_kw", 1.1, 0.1, 20, 0.1, False, False),
    ("tx_efficiency", 0.37, 0.05, 0.9, 0.01, False, False),
    ("space_hw_usd_per_kw", 1000, 0, 50000, 50, False, False),
    ("ground_usd_per_kw", 500, 0, 10000, 50, False, False),
    ("capacity_factor", 0.99, 0.05, 1.0, 0.01, False, False),
    ("lifetime_years", 30, 5, 60, 1, True, False),
    ("discount_rate", 0.07, 0, 0.2, 0.005, False, False),
    ("om_frac", 0.02, 0, 0.2, 0.005, False, False),
    ("launch_floor_usd_per_kg", 10, 1, 1000, 1, False, False),
    ("launch_learning_rate", 0.20, 0, 0.5, 0.01, False, False),
    ("hw_learning_rate", 0.25, 0, 0.5, 0.01, False, False),
    ("fission_low_usd_mwh", 51, 0, 500, 1, False, False),
    ("fission_high_usd_mwh", 136, 0, 500, 1, False, False),
    ("fusion_low_usd_mwh", 110, 0, 1000, 1, False, False),
    ("fusion_high_usd_mwh", 144, 0, 1000, 1, False, False),
    ("p_q_gt_1", 0.7, 0, 1, 0.05, False, False),
    ("p_materials", 0.7, 0, 1, 0.05, False, False),
    ("p_maintainable", 0.7, 0, 1, 0.05, False, False),
    ("p_replicable", 0.7, 0, 1, 0.05, False, False),
    ("p_ssp_program", 1.0, 0, 1, 0.05, False, False),
    ("target_valuation_t", 100, 0.1, 300, 0.1, False, False),
    ("world_electricity_twh", 29471, 1000, 100000, 100, False, False),
    ("demand_multiplier", 10.0, 0.5, 20, 0.1, False, False),
    ("ssp_share", 0.60, 0, 1, 0.01, False, False),
    ("power_price_usd_mwh", 100, 0, 500, 1, False, False),
    ("ebitda_margin", 0.5, 0, 1, 0.05, False, False),
    ("ev_ebitda_multiple", 20, 1, 60, 0.5, False, False),
    ("world_gdp_t", 117.17, 50, 500, 0.1, False, False),
    ("other_value_t", 1.0, 0, 50, 0.05, False, False),
]


def test_spec_matches_the_spec_table():
    check_spec(model.SPEC)
    actual = [(p["name"], p["default"], p["min"], p["max"], p["step"], p["integer"], p["log"])
              for p in model.SPEC]
    assert actual == SPEC_TABLE
    assert model.PAIRS == (("fission_low_usd_mwh", "fission_high_usd_mwh"),
                           ("fusion_low_usd_mwh", "fusion_high_usd_mwh"))


def test_spec_labels_units_and_sources_readers_see():
    essay_sourced = {p["name"] for p in model.SPEC if "essay" in p["source"]}
    assert essay_sourced == {"capacity_factor", "p_ssp_program", "target_valuation_t"}
    units = {p["name"]: p["unit"] for p in model.SPEC}
    assert units["launch_cost_usd_per_kg"] == "美元/千克"
    assert units["fission_low_usd_mwh"] == "美元/兆瓦时"
    assert units["target_valuation_t"] == "万亿美元"
    assert units["capacity_factor"] == "比例"
    assert units["lifetime_years"] == "年"
    for p in model.SPEC:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p["unit"]), p["name"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p["label_zh"]), p["name"]
        assert p["label_en"]


# --- output display formats ------------------------------------------------------------


def output_paths(outputs):
    """Dotted paths of the outputs as the page addresses them (dicts nest, lists are values)."""
    return runtime.flatten(outputs)


def format_for(path):
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in model.OUTPUT_FORMATS:
            return model.OUTPUT_FORMATS[key]
    raise AssertionError(f"no display format for output {path!r}")


SCENARIOS = [{}] + [dict(v) for v in model.PRESETS.values()] + [
    {"p_ssp_program": 0}, {"p_q_gt_1": 0}, {"ebitda_margin": 0}, {"space_hw_usd_per_kw": 20000},
    {"other_value_t": 50, "target_valuation_t": 40}]


@pytest.mark.parametrize("params", SCENARIOS, ids=lambda p: ",".join(p) or "defaults")
def test_every_output_has_a_working_display_format(params):
    outputs = model.compute(params)["outputs"]
    for path, value in output_paths(outputs).items():
        text = display(value, format_for(path))
        assert isinstance(text, str) and text
        assert "nan" not in text.lower() and "None" not in text
    assert set(model.OUTPUT_FORMATS) <= set(outputs)


def test_display_of_key_outputs_reads_right():
    outputs = run()["outputs"]
    assert display(outputs["lcoe_usd_mwh"], format_for("lcoe_usd_mwh")) == "40.6美元/兆瓦时"
    assert display(outputs["required_share"], format_for("required_share")) == "34%"
    assert display(outputs["total_value_t"], format_for("total_value_t")) == "177.83万亿美元"
    assert display(outputs["energy_revenue_b"], format_for("energy_revenue_b")) == "17.68万亿美元"
    assert display(outputs["fusion_risk_adjusted"], format_for("fusion_risk_adjusted")) == \
        "458美元/兆瓦时–600美元/兆瓦时"
    assert display(None, format_for("breakeven_launch_vs_fission_low")) == "无法计算"


def test_the_engine_evaluates_the_page_at_defaults_and_presets():
    for params in SCENARIOS:
        page = runtime.evaluate(model, params, CHART_IDS)
        assert_json_safe(page)
        assert [v["id"] for v in page["verdicts"]] == VERDICT_IDS
        assert set(page["charts"]) == set(CHART_IDS)


# --- charts (§5.6, §0.9) ---------------------------------------------------------------


def check_chart_shape(chart):
    assert chart["type"] in {"line", "bar", "range_bar", "stacked_bar", "diagram"}
    for key in ("id", "type", "title_zh", "caption_zh", "x", "y", "series", "markers", "regions"):
        assert key in chart, key
    assert chart["caption_zh"] and chart["title_zh"]
    x, y = chart["x"], chart["y"]
    for key in ("label_en", "label_zh", "unit", "scale", "values"):
        assert key in x, key
    for key in ("label_en", "label_zh", "unit", "scale"):
        assert key in y, key
    assert x["scale"] in {"linear", "log"} and y["scale"] in {"linear", "log"}
    points = len(x["values"])
    assert chart["series"]
    for series in chart["series"]:
        assert series["name_zh"] and series["name_en"]
        assert series["style"] in {"solid", "dashed", "band", "hatched"}
        assert len(series["values"]) == points
        if series["style"] == "band":
            assert len(series["band_low"]) == points and len(series["band_high"]) == points
    for marker in chart["markers"]:
        assert marker["axis"] in {"x", "y"} and marker["kind"] in MARKER_KINDS
        assert marker["label_zh"] and marker["label_en"]
        assert isinstance(marker["value"], (int, float)) and math.isfinite(marker["value"])
    for region in chart["regions"]:
        assert {"axis", "from", "to", "label_en", "label_zh"} <= set(region)


def test_chart_functions_are_the_spec_charts():
    assert runtime.chart_ids(model) == CHART_IDS
    assert [fn.__name__ for fn in model.CHARTS] == CHART_IDS


@pytest.mark.parametrize("params", SCENARIOS, ids=lambda p: ",".join(p) or "defaults")
def test_charts_are_well_formed(params):
    for chart_id, chart in zip(CHART_IDS, all_charts(params)):
        assert chart["id"] == chart_id
        check_chart_shape(chart)
        assert_json_safe(chart)


def current_markers(chart):
    return [m for m in chart["markers"] if m["kind"] == "current"]


def test_current_markers_sit_at_the_current_values():
    params = {"launch_cost_usd_per_kg": 2500, "ssp_share": 0.25, "space_hw_usd_per_kw": 3000}
    result = model.compute(params)
    lcoe_chart, _, learning_chart, valuation_chart = all_charts(params)
    assert [(m["axis"], m["value"]) for m in current_markers(lcoe_chart)] == [("x", 2500)]
    assert [(m["axis"], m["value"]) for m in current_markers(learning_chart)] == \
        [("y", result["outputs"]["lcoe_usd_mwh"])]
    assert [(m["axis"], m["value"]) for m in current_markers(valuation_chart)] == [("x", 25)]


def test_lcoe_chart_sweep_uses_the_model():
    chart = model.chart_e5_lcoe_vs_launch({"capacity_factor": 0.8})
    xs = chart["x"]["values"]
    assert len(xs) == 61 and xs[0] == 1 and xs[-1] == 20000
    ratios = [b / a for a, b in zip(xs, xs[1:])]
    assert max(ratios) == pytest.approx(min(ratios), rel=1e-4)  # evenly spaced on a log axis
    lcoe_line = chart["series"][0]["values"]
    for i in (0, 17, 30, 60):
        computed = model.compute({"capacity_factor": 0.8, "launch_cost_usd_per_kg": xs[i]})
        assert lcoe_line[i] == pytest.approx(computed["outputs"]["lcoe_usd_mwh"], rel=1e-12)
    assert chart["x"]["scale"] == "log" and chart["y"]["scale"] == "log"


def test_lcoe_chart_markers_and_bands():
    chart = model.chart_e5_lcoe_vs_launch({})
    by_kind = {}
    for marker in chart["markers"]:
        by_kind.setdefault(marker["kind"], []).append((marker["axis"], round(marker["value"], 1)))
    assert ("x", 4000) in by_kind["public_record"]
    assert {("y", 610), ("y", 1590)} <= set(by_kind["public_record"])
    assert set(by_kind["aspiration"]) == {("x", 100), ("x", 10)}
    assert by_kind["breakeven"] == [("x", 401.8)]
    assert by_kind["threshold"] == [("y", 37.1)]
    fission, fusion, fusion_risk = chart["series"][1:]
    assert set(fission["band_low"]) == {51} and set(fission["band_high"]) == {136}
    assert set(fusion["band_low"]) == {110} and set(fusion["band_high"]) == {144}
    assert fusion_risk["band_low"][0] == pytest.approx(110 / 0.2401)
    assert "40.6美元" in chart["caption_zh"] and "每公斤402美元" in chart["caption_zh"]


def test_lcoe_chart_without_breakeven_says_so():
    chart = model.chart_e5_lcoe_vs_launch(model.PRESETS["nasa_otps_like"])
    assert not [m for m in chart["markers"] if m["kind"] == "breakeven"]
    assert "没有任何发射价格" in chart["caption_zh"]
    assert "614美元" in chart["caption_zh"]


def test_lcoe_chart_fusion_risk_band_is_a_gap_when_fusion_cannot_succeed():
    chart = model.chart_e5_lcoe_vs_launch({"p_materials": 0})
    fusion_risk = chart["series"][3]
    assert set(fusion_risk["values"]) == {None}
    assert set(fusion_risk["band_low"]) == {None}


def test_cost_stack_bars_both_add_up_to_the_lcoe():
    for params in ({}, model.PRESETS["nasa_otps_like"], {"om_frac": 0.1, "discount_rate": 0}):
        chart = model.chart_e5_cost_stack(params)
        lcoe = model.compute(params)["outputs"]["lcoe_usd_mwh"]
        assert chart["type"] == "stacked_bar" and len(chart["x"]["values"]) == 2
        by_capex = sum(s["values"][0] for s in chart["series"])
        by_charge = sum(s["values"][1] for s in chart["series"])
        assert by_capex == pytest.approx(lcoe, rel=1e-9)
        assert by_charge == pytest.approx(lcoe, rel=1e-9)
    launch_share = chart_launch_share(model.chart_e5_cost_stack(model.PRESETS["nasa_otps_like"]))
    assert round(launch_share, 2) == 0.71  # NASA: launch is 71% of cost


def chart_launch_share(chart):
    launch = chart["series"][0]["values"][0]
    return launch / sum(s["values"][0] for s in chart["series"])


def test_cost_stack_caption_gives_the_usd_per_kw_split():
    caption = model.chart_e5_cost_stack({})["caption_zh"]
    for piece in ("3,500美元", "发射297美元", "太空硬件2,703美元", "地面接收站500美元", "40.6美元"):
        assert piece in caption


def test_learning_chart_follows_the_learning_curve():
    chart = model.chart_e5_learning({"hw_learning_rate": 0.1})
    curve = model.compute({"hw_learning_rate": 0.1})["outputs"]["learning_curve"]
    assert chart["x"]["values"] == list(range(11))
    assert chart["series"][0]["values"] == [row[2] for row in curve]
    assert set(chart["series"][1]["band_low"]) == {51}
    assert "10%" in chart["caption_zh"]


def test_valuation_chart_lines_and_markers():
    chart = model.chart_e5_valuation({})
    xs = chart["x"]["values"]
    assert len(xs) == 101 and xs[0] == 0 and xs[-1] == 100
    names = [s["name_zh"] for s in chart["series"]]
    assert names[0].startswith("今日规模") and "3倍" in names[1] and "10倍" in names[2]
    current_line = chart["series"][2]["values"]
    outputs = run()["outputs"]
    assert current_line[60] == pytest.approx(outputs["total_value_t"], rel=1e-12)
    assert current_line[0] == pytest.approx(1.0) and current_line[100] == pytest.approx(295.71)
    assert chart["series"][0]["values"][100] == pytest.approx(29.471 + 1.0)
    values = {(m["kind"], m["axis"], round(m["value"], 2)) for m in chart["markers"]}
    assert {("threshold", "y", 100), ("threshold", "y", 117.17), ("threshold", "y", 1.0),
            ("public_record", "y", 1.25), ("breakeven", "x", 33.59)} <= values
    assert "177.83万亿美元" in chart["caption_zh"] and "34%" in chart["caption_zh"]


def test_valuation_chart_without_reachable_target():
    chart = model.chart_e5_valuation(model.PRESETS["public_baseline_valuation"])
    assert not [m for m in chart["markers"] if m["kind"] == "breakeven"]
    assert "5.6倍" in chart["caption_zh"]


def test_charts_accept_partial_and_out_of_range_params():
    for chart in all_charts({"launch_cost_usd_per_kg": 1e9, "ssp_share": 2}):
        check_chart_shape(chart)
    chart = model.chart_e5_lcoe_vs_launch({"launch_cost_usd_per_kg": 1e9})
    assert current_markers(chart)[0]["value"] == 20000


# --- public record (§5.8, §0.8) -----------------------------------------------------------

#: Where the spec found figures but §0.8 forbids linking: content farms, mirrors,
#: machine-written Q&A, prediction markets, SEO blogs, aggregators and syndication copies.
FORBIDDEN_DOMAINS = {
    "marketdash.io", "exaputra.com", "theearthandi.org", "345wk.com", "yiaap.com", "ouchyi.co",
    "ssi.org", "visualfoodie.com", "manifold.markets", "researchia.net", "questionai.com",
    "liquisearch.com", "nenpower.com", "benzinga.com", "yahoo.com", "slashgear.com",
    "dyndns.org", "astronomie.net",
}


def test_public_record_rows_are_well_formed():
    keys = [row["key"] for row in PUBLIC_RECORD]
    assert len(keys) == len(set(keys))
    assert len(PUBLIC_RECORD) >= 14
    for row in PUBLIC_RECORD:
        assert row["status"] in {"verified", "partial", "unverified"}
        assert row["claim_zh"] and isinstance(row["note_zh"], str)
        assert row["sources"] and all(source["name"] for source in row["sources"])
        if row["status"] == "unverified":
            assert row["figure_zh"] is None
        else:
            assert isinstance(row["figure_zh"], str) and row["figure_zh"]


def test_unverified_rows_show_no_number():
    unverified = [row for row in PUBLIC_RECORD if row["status"] == "unverified"]
    assert [row["key"] for row in unverified] == ["lazard_nuclear"]


def test_source_links_are_https_and_never_forbidden_domains():
    for row in PUBLIC_RECORD:
        for source in row["sources"]:
            url = source["url"]
            if url is None:
                continue
            parsed = urlparse(url)
            assert parsed.scheme == "https", url
            host = parsed.hostname or ""
            assert not any(host == d or host.endswith("." + d) for d in FORBIDDEN_DOMAINS), url


def test_rows_that_lost_their_only_link_are_partial():
    for row in PUBLIC_RECORD:
        if row["status"] == "verified":
            assert any(source["url"] for source in row["sources"]), row["key"]


def test_public_markers_carry_the_record_sources():
    record_urls = {row["key"]: [s["url"] for s in row["sources"]] for row in PUBLIC_RECORD}
    nasa = model.PUBLIC_MARKERS["nasa_rd1_lcoe"]
    assert [s["url"] for s in nasa["sources"]] == record_urls["nasa_otps"]
    all_urls = {url for urls in record_urls.values() for url in urls}
    for marker in model.PUBLIC_MARKERS.values():
        assert marker["kind"] in MARKER_KINDS
        assert marker["sources"]
        assert {s["url"] for s in marker["sources"]} <= all_urls


def test_charts_do_not_share_mutable_marker_state():
    chart = model.chart_e5_lcoe_vs_launch({})
    chart["markers"][0]["sources"][0]["url"] = "changed"
    assert model.chart_e5_lcoe_vs_launch({})["markers"][0]["sources"][0]["url"] != "changed"


# --- properties (hypothesis) ----------------------------------------------------------------


def value_strategy(spec):
    if spec["integer"]:
        return st.integers(min_value=int(spec["min"]), max_value=int(spec["max"]))
    return st.floats(min_value=spec["min"], max_value=spec["max"], allow_nan=False,
                     allow_infinity=False)


PARAMS = st.fixed_dictionaries({p["name"]: value_strategy(p) for p in model.SPEC})
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(PARAMS)
def test_in_bounds_inputs_never_raise_and_stay_json_safe(params):
    result = model.compute(params)
    assert_json_safe(result)
    assert [v["id"] for v in result["verdicts"]] == VERDICT_IDS
    for v in result["verdicts"]:
        assert v["holds"] in (True, False)  # every rule of §5.4 decides (no "undetermined")
        assert "None" not in v["text_zh"] and "nan" not in v["text_zh"]


@settings(max_examples=40, deadline=None)
@given(PARAMS)
def test_charts_are_json_safe_for_any_in_bounds_input(params):
    for chart in all_charts(params):
        assert_json_safe(chart)
        check_chart_shape(chart)


@FAST
@given(PARAMS, st.floats(min_value=1, max_value=20000), st.floats(min_value=1, max_value=20000))
def test_lcoe_rises_with_launch_cost(params, a, b):
    low, high = sorted((a, b))
    cheap = model.compute(dict(params, launch_cost_usd_per_kg=low))["outputs"]["lcoe_usd_mwh"]
    dear = model.compute(dict(params, launch_cost_usd_per_kg=high))["outputs"]["lcoe_usd_mwh"]
    assert dear >= cheap
    if high > low * (1 + 1e-9):
        assert dear > cheap


@FAST
@given(PARAMS, st.floats(min_value=0, max_value=500), st.floats(min_value=0, max_value=500))
def test_required_share_falls_as_power_price_rises(params, a, b):
    low, high = sorted((a, b))
    share_low = model.compute(dict(params, power_price_usd_mwh=low))["outputs"]["required_share"]
    share_high = model.compute(dict(params, power_price_usd_mwh=high))["outputs"]["required_share"]
    if share_low is not None and share_high is not None:
        assert share_high <= share_low * (1 + 1e-12)
    if share_low is not None:
        assert share_high is not None  # a higher price never makes energy worthless


@FAST
@given(PARAMS, st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_fusion_success_rises_with_each_condition(params, a, b):
    low, high = sorted((a, b))
    p_low = model.compute(dict(params, p_materials=low))["outputs"]["fusion_success_prob"]
    p_high = model.compute(dict(params, p_materials=high))["outputs"]["fusion_success_prob"]
    assert p_high >= p_low


@FAST
@given(PARAMS, st.floats(min_value=0.05, max_value=1.0), st.floats(min_value=0.05, max_value=1.0))
def test_higher_capacity_factor_allows_dearer_launch(params, a, b):
    low, high = sorted((a, b))
    at_low = model.compute(dict(params, capacity_factor=low))["outputs"]
    at_high = model.compute(dict(params, capacity_factor=high))["outputs"]
    assert at_high["lcoe_usd_mwh"] <= at_low["lcoe_usd_mwh"] * (1 + 1e-12)
    if at_low["breakeven_launch_vs_fission_low"] is not None:
        assert at_high["breakeven_launch_vs_fission_low"] is not None
        assert at_high["breakeven_launch_vs_fission_low"] >= \
            at_low["breakeven_launch_vs_fission_low"] * (1 - 1e-12)


@FAST
@given(PARAMS)
def test_breakeven_launch_cost_is_where_space_solar_meets_fission(params):
    result = model.compute(params)
    breakeven = result["outputs"]["breakeven_launch_vs_fission_low"]
    fission_low = result["inputs"]["fission_low_usd_mwh"]
    free_launch = result["outputs"]["lcoe_free_launch"]
    if breakeven is None:
        assert free_launch >= fission_low * (1 - 1e-9)  # hardware + ground alone reach fission
    else:
        assert model.ssp_lcoe(result["inputs"], launch_cost=breakeven) == pytest.approx(
            fission_low, rel=1e-6)


@FAST
@given(PARAMS)
def test_learning_curve_never_rises(params):
    costs = [row[2] for row in model.compute(params)["outputs"]["learning_curve"]]
    assert all(later <= earlier * (1 + 1e-12) for earlier, later in zip(costs, costs[1:]))


# --- fuzz (§0.7) ------------------------------------------------------------------------


def random_params(rng):
    params = {}
    for p in model.SPEC:
        roll = rng.random()
        if roll < 0.05:
            params[p["name"]] = p["min"]
        elif roll < 0.10:
            params[p["name"]] = p["max"]
        elif p["integer"]:
            params[p["name"]] = rng.randint(int(p["min"]), int(p["max"]))
        elif p["log"]:
            params[p["name"]] = math.exp(rng.uniform(math.log(p["min"]), math.log(p["max"])))
        else:
            params[p["name"]] = rng.uniform(p["min"], p["max"])
    return params


def corner_params():
    """All-min, all-max, and every parameter alone at its min and at its max."""
    corners = [{p["name"]: p["min"] for p in model.SPEC}, {p["name"]: p["max"] for p in model.SPEC}]
    for p in model.SPEC:
        corners.append({p["name"]: p["min"]})
        corners.append({p["name"]: p["max"]})
    return corners


def assert_no_nan_or_inf(value, path="result"):
    if isinstance(value, dict):
        for key, item in value.items():
            assert_no_nan_or_inf(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            assert_no_nan_or_inf(item, f"{path}[{i}]")
    elif isinstance(value, float):
        assert math.isfinite(value), path


FUZZ_CASES = 3000


def fuzz_cases():
    rng = random.Random(20260205)
    return [random_params(rng) for _ in range(FUZZ_CASES)] + corner_params()


def test_fuzz_compute_on_random_inputs_and_corners():
    cases = fuzz_cases()
    assert len(cases) == FUZZ_CASES + 2 + 2 * len(model.SPEC)
    for params in cases:
        result = model.compute(params)
        assert_no_nan_or_inf(result)
        assert_json_safe(result)
        assert all(isinstance(v["text_zh"], str) and v["text_zh"] for v in result["verdicts"])


def test_fuzz_charts_on_random_inputs_and_corners():
    for params in fuzz_cases():
        for chart in all_charts(params):
            assert_no_nan_or_inf(chart)
            assert_json_safe(chart)
            check_chart_shape(chart)
