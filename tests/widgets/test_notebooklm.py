"""Tests for the NotebookLM flywheel model (MODELS.md §4) and its public record (§4.9)."""

import ast
import json
import math
import pathlib
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from widgets import base
from widgets import notebooklm as m
from widgets.base import ModelInputError
from widgets.notebooklm_record import PUBLIC_RECORD

MODULE_DIR = pathlib.Path(m.__file__).parent
SPEC_BY_NAME = {p["name"]: p for p in m.SPEC}
CHARTS = ("chart_e4_loop", "chart_e4_share_path", "chart_e4_gain_sweep", "chart_e4_money")
VERDICT_IDS = ("e4.low_price_more_traces", "e4.self_reinforcing", "e4.hard_to_catch")


def holds(params):
    """{verdict id: holds} for a scenario."""
    return {v["id"]: v["holds"] for v in m.compute(params)["verdicts"]}


def verdict_of(params, vid):
    return next(v for v in m.compute(params)["verdicts"] if v["id"] == vid)


def reference_shares(p):
    """The spec's normative pseudocode (§4.3), transcribed independently as a test oracle."""
    u, dg, dr = p["initial_share_google"], 0.0, 0.0
    shares, qg, qr = [], [], []
    for t in range(p["years"] + 1):
        pr = p["price_google"] if t >= p["rival_matches_year"] else p["price_rival"]
        d_g, d_r = p["price_google"] ** -p["eps_depth"], pr ** -p["eps_depth"]
        gam_g = p["data_to_quality"] * (1 + p["capital_feedback"] * (2 * u - 1))
        gam_r = p["data_to_quality"] * (1 + p["capital_feedback"] * (1 - 2 * u))
        shares.append(u)
        qg.append(1 + gam_g * dg)
        qr.append(1 + gam_r * dr)
        if t == p["years"]:
            break
        dg = (1 - p["data_decay"]) * dg + p["signal_share"] * u * d_g
        dr = (1 - p["data_decay"]) * dr + p["signal_share"] * (1 - u) * d_r
        prn = p["price_google"] if t + 1 >= p["rival_matches_year"] else p["price_rival"]
        a_g = (1 + gam_g * dg) ** p["quality_sensitivity"] * p["price_google"] ** -p["eps_choice"]
        a_r = (1 + gam_r * dr) ** p["quality_sensitivity"] * prn ** -p["eps_choice"]
        u = u + p["adjust_speed"] * (a_g / (a_g + a_r) - u)
    return shares, qg, qr


def random_params(rng, corner_chance=0.1):
    """Random in-bounds params; each value is an exact bound with probability corner_chance."""
    params = {}
    for p in m.SPEC:
        roll = rng.random()
        if roll < corner_chance / 2:
            value = p["min"]
        elif roll < corner_chance:
            value = p["max"]
        elif p["integer"]:
            value = rng.randint(p["min"], p["max"])
        else:
            value = rng.uniform(p["min"], p["max"])
        params[p["name"]] = value
    return params


def corner_cases():
    """All-min, all-max, and every parameter alone at its min and at its max."""
    cases = [{p["name"]: p["min"] for p in m.SPEC}, {p["name"]: p["max"] for p in m.SPEC}]
    for p in m.SPEC:
        cases.append({p["name"]: p["min"]})
        cases.append({p["name"]: p["max"]})
    return cases


def walk_numbers(value):
    """Every number in a nested JSON-like structure."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from walk_numbers(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from walk_numbers(inner)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


def flat_outputs(value, prefix=""):
    if isinstance(value, dict):
        flat = {}
        for key, inner in value.items():
            flat.update(flat_outputs(inner, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def format_for(path):
    """Longest-prefix lookup in OUTPUT_FORMATS (how the engine resolves dotted paths)."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in m.OUTPUT_FORMATS:
            return m.OUTPUT_FORMATS[key]
    raise AssertionError(f"output {path!r} has no display format")


def assert_clean(result):
    """JSON-safe and no NaN/inf anywhere."""
    json.dumps(result, allow_nan=False)
    assert all(math.isfinite(x) for x in walk_numbers(result))


# --- golden numbers at defaults (§4.6) ---------------------------------------------


@pytest.fixture(scope="module")
def defaults():
    return m.compute({})


def test_golden_stability_numbers(defaults):
    out = defaults["outputs"]
    assert out["depth_at_matched_price"] == pytest.approx(2.0, rel=1e-9)
    assert out["k"] == pytest.approx(8 / 3, rel=1e-9)             # 2.0 × 0.2 × 2 / 0.3
    assert round(out["k"], 4) == 2.6667
    assert out["loop_gain"] == pytest.approx(10 / 7, rel=1e-9)     # 2 × (8/3) × 1.25 / (2 + 8/3)
    assert round(out["loop_gain"], 4) == 1.4286
    assert out["critical_data_to_quality"] == pytest.approx(1.0, rel=1e-9)
    assert out["depth_ratio_phase1"] == pytest.approx(2.0, rel=1e-9)


def test_golden_first_loop_turn(defaults):
    # X_G = 0.12, X_R = 0.14; γ_G = 1.8, γ_R = 2.2 → Qn_G = 1.216, Qn_R = 1.308
    a_g = 1.216 ** 2 * 0.5 ** -0.5
    a_r = 1.308 ** 2
    # Spec erratum: §4.6 prints A_G = 2.0912, but 1.216² · 0.5^(−0.5) = 2.091135…, i.e. 2.0911.
    # The slip is in the intermediate only: the target (0.5500) and u₁ (0.4250) are as printed.
    assert round(a_g, 4) == 2.0911 and round(a_r, 4) == 1.7109
    target = a_g / (a_g + a_r)
    assert round(target, 4) == 0.5500
    u1 = defaults["outputs"]["path"]["share_google"][1]
    assert u1 == pytest.approx(0.3 + 0.5 * (target - 0.3), rel=1e-9)
    assert round(u1, 4) == 0.4250


def test_golden_paths_match_spec_table(defaults):
    path = defaults["outputs"]["path"]
    assert path["year"] == list(range(11))
    assert [round(x, 4) for x in path["share_google"]] == [
        0.3000, 0.4250, 0.5131, 0.5494, 0.5667, 0.5783, 0.5885, 0.5985, 0.6090, 0.6201, 0.6319]
    assert [round(x, 4) for x in path["quality_google"]] == [
        1.0000, 1.2310, 1.5113, 1.7850, 2.0083, 2.1809, 2.3138, 2.4180, 2.5024, 2.5737, 2.6365]
    assert [round(x, 4) for x in path["quality_rival"]] == [
        1.0000, 1.2905, 1.4232, 1.4808, 1.6820, 1.8076, 1.8848, 1.9291, 1.9505, 1.9555, 1.9485]
    shares, qg, qr = reference_shares(defaults["inputs"])
    assert path["share_google"] == pytest.approx(shares, rel=1e-9)
    assert path["quality_google"] == pytest.approx(qg, rel=1e-9)
    assert path["quality_rival"] == pytest.approx(qr, rel=1e-9)
    assert defaults["outputs"]["share_google_final"] == pytest.approx(shares[-1], rel=1e-9)
    assert defaults["outputs"]["share_google_peak"] == pytest.approx(max(shares), rel=1e-9)


def test_golden_money_panel(defaults):
    out, path = defaults["outputs"], defaults["outputs"]["path"]
    assert path["users_google_m"][0] == pytest.approx(30.0, rel=1e-9)
    assert out["revenue_b_year0"] == pytest.approx(30e6 * 20 * 0.5 * 12 / 1e9, rel=1e-9)  # 3.60
    assert out["serve_cost_b_year0"] == pytest.approx(30e6 * 4 * 2 * 12 / 1e9, rel=1e-9)  # 2.88
    assert round(out["cum_margin_b_final"], 2) == 44.99
    assert out["cum_margin_b_final"] == path["cum_margin_b"][-1]
    margins = [r - c for r, c in zip(path["revenue_b"], path["serve_cost_b"])]
    assert out["cum_margin_b_final"] == pytest.approx(sum(margins), rel=1e-9)


def test_simulation_matches_normative_pseudocode_on_random_inputs():
    rng = random.Random(404)
    for _ in range(200):
        params = random_params(rng)
        result = m.compute(params)
        shares, qg, qr = reference_shares(result["inputs"])
        path = result["outputs"]["path"]
        assert path["share_google"] == pytest.approx(shares, rel=1e-9)
        assert path["quality_google"] == pytest.approx(qg, rel=1e-9)
        assert path["quality_rival"] == pytest.approx(qr, rel=1e-9)


# --- verdicts at defaults and presets (§4.5, §4.8, Appendix A) -------------------------


def test_verdicts_at_defaults_are_the_essays_claims(defaults):
    assert [v["id"] for v in defaults["verdicts"]] == list(VERDICT_IDS)
    for v in defaults["verdicts"]:
        assert v["kind"] == "essay_claim"
        assert v["holds"] is True, v["id"]
        assert set(v) == {"id", "kind", "holds", "rule", "margin", "text_en", "text_zh"}
    assert defaults["warnings"] == []


@pytest.mark.parametrize("preset, expected, final_share", [
    ("weak_flywheel", (True, False, False), 0.533),
    ("rival_copies_immediately", (True, True, False), 0.208),
])
def test_presets_match_spec_table(preset, expected, final_share):
    result = m.compute(m.PRESETS[preset])
    assert tuple(v["holds"] for v in result["verdicts"]) == expected
    assert round(result["outputs"]["share_google_final"], 3) == final_share


def test_weak_flywheel_gain_is_the_specs_087():
    assert round(m.compute(m.PRESETS["weak_flywheel"])["outputs"]["loop_gain"], 2) == 0.87


def test_presets_name_real_parameters_in_bounds():
    assert set(m.PRESETS) == set(m.PRESET_LABELS)
    assert "文中默认值" not in m.PRESET_LABELS.values()
    for name, overrides in m.PRESETS.items():
        assert overrides, name
        for key, value in overrides.items():
            p = SPEC_BY_NAME[key]
            assert p["min"] <= value <= p["max"]
        m.compute(overrides)  # strict: must not raise
    for label in m.PRESET_LABELS.values():
        assert label and any("\u4e00" <= ch <= "\u9fff" for ch in label)


# --- verdict sentences -------------------------------------------------------------------


def test_default_sentences_carry_current_numbers(defaults):
    low, gain, catch = defaults["verdicts"]
    assert "2.0倍" in low["text_zh"] and "50%" in low["text_zh"]
    assert "1.43 > 1" in gain["text_zh"] and "1.00" in gain["text_zh"]
    assert "第3年" in catch["text_zh"] and "10年后" in catch["text_zh"] and "63%" in catch["text_zh"]
    assert "追上" in catch["text_zh"]
    assert "2.0×" in low["text_en"] and "g = 1.43 > 1" in gain["text_en"]
    assert "holds 63%" in catch["text_en"]


def test_sentences_follow_the_reader():
    # A different scenario must produce different numbers in the sentence, not the defaults'.
    result = m.compute({"price_google": 0.25, "eps_depth": 2.0})
    low = result["verdicts"][0]
    assert low["holds"] is True and "16.0倍" in low["text_zh"] and "25%" in low["text_zh"]


def test_failing_sentences_give_the_reason():
    weak = verdict_of(m.PRESETS["weak_flywheel"], "e4.hard_to_catch")
    assert "0.87 ≤ 1" in weak["text_zh"] and "53%" in weak["text_zh"]
    behind = verdict_of(m.PRESETS["rival_copies_immediately"], "e4.hard_to_catch")
    assert "并不领先" in behind["text_zh"] and "21%" in behind["text_zh"]
    assert "not ahead" in behind["text_en"]
    gain = verdict_of({"quality_sensitivity": 0.8}, "e4.self_reinforcing")
    assert "无法形成锁定" in gain["text_zh"] and "impossible" in gain["text_en"]


def test_short_run_lead_below_threshold_is_explained():
    # g > 1 and Google leads (52%) when the rival copies at once, but slow users keep it below 55%.
    result = m.compute({"rival_matches_year": 0, "years": 10, "adjust_speed": 0.1,
                        "initial_share_google": 0.52})
    v = result["verdicts"][2]
    assert result["outputs"]["loop_gain"] > 1 and result["outputs"]["share_google_at_match"] > 0.5
    assert result["outputs"]["share_google_final"] < 0.55
    assert v["holds"] is False and "10年内" in v["text_zh"] and "55%" in v["text_zh"]


def test_all_sentences_are_complete_chinese():
    scenarios = [{}, *m.PRESETS.values(), {"eps_depth": 0}, {"price_google": 2.0},
                 {"rival_matches_year": 10}, {"quality_sensitivity": 0}, {"years": 1}]
    for params in scenarios:
        for v in m.compute(params)["verdicts"]:
            text = v["text_zh"]
            assert text.endswith("。"), text
            assert "{" not in text and "None" not in text and "无法计算" not in text, text
            assert v["text_en"] and "{" not in v["text_en"]


def test_margins_are_signed_distances(defaults):
    low, gain, catch = defaults["verdicts"]
    assert low["margin"] == pytest.approx(1.0)
    assert gain["margin"] == pytest.approx(10 / 7 - 1)
    assert catch["margin"] == pytest.approx(defaults["outputs"]["share_google_final"] - 0.55)
    assert verdict_of(m.PRESETS["weak_flywheel"], "e4.self_reinforcing")["margin"] < 0


# --- edge cases (§4.10) ----------------------------------------------------------------


def test_edge_eps_depth_zero_gain_tie_is_not_above_one():
    result = m.compute({"eps_depth": 0})
    out, verdicts = result["outputs"], holds({"eps_depth": 0})
    assert out["depth_at_matched_price"] == 1
    assert out["depth_ratio_phase1"] == 1
    assert verdicts["e4.low_price_more_traces"] is False
    # The spec's documented floating-point value: a tie with 1 within tolerance (§0.4).
    assert out["loop_gain"] == 1.0000000000000002
    assert verdicts["e4.self_reinforcing"] is False


def test_edge_quality_sensitivity_zero_price_only_target():
    out = m.compute({"quality_sensitivity": 0})["outputs"]
    assert out["loop_gain"] == 0
    assert out["critical_data_to_quality"] is None
    # After the rival matches the price the price-only target is 50/50.
    converged = m.compute({"quality_sensitivity": 0, "years": 30})["outputs"]
    assert converged["share_google_final"] == pytest.approx(0.5, abs=1e-6)
    # If the rival never matches (within 29 years), the target is π_G^-ε / (π_G^-ε + π_R^-ε).
    never = m.compute({"quality_sensitivity": 0, "years": 29, "rival_matches_year": 30})["outputs"]
    target = 0.5 ** -0.5 / (0.5 ** -0.5 + 1.0)
    assert never["share_google_final"] == pytest.approx(target, abs=1e-6)


def test_edge_data_to_quality_zero():
    out = m.compute({"data_to_quality": 0})["outputs"]
    assert out["k"] == 0 and out["loop_gain"] == 0
    assert out["critical_data_to_quality"] == pytest.approx(1.0, rel=1e-9)
    assert holds({"data_to_quality": 0})["e4.self_reinforcing"] is False


def test_edge_no_lock_in_possible():
    params = {"quality_sensitivity": 0.8, "capital_feedback": 0.25}   # 0.8 × 1.25 = 1
    assert m.compute(params)["outputs"]["critical_data_to_quality"] is None
    assert holds(params)["e4.self_reinforcing"] is False
    below = {"quality_sensitivity": 0.5, "capital_feedback": 0.5, "data_to_quality": 10}
    assert m.compute(below)["outputs"]["critical_data_to_quality"] is None
    assert holds(below)["e4.self_reinforcing"] is False


@pytest.mark.parametrize("match_year, years", [(10, 10), (25, 10), (30, 30), (1, 1)])
def test_edge_rival_never_copies_is_undetermined(match_year, years):
    v = verdict_of({"rival_matches_year": match_year, "years": years}, "e4.hard_to_catch")
    assert v["holds"] is None and v["margin"] is None
    assert "无从检验" in v["text_zh"] and "never copies" in v["text_en"]


def test_edge_rival_copies_in_last_simulated_year_is_decided():
    assert holds({"rival_matches_year": 9, "years": 10})["e4.hard_to_catch"] is not None


def test_edge_google_dearer_than_rival():
    out = m.compute({"price_google": 2.0})["outputs"]
    assert out["depth_ratio_phase1"] == pytest.approx(0.5)
    v = verdict_of({"price_google": 2.0}, "e4.low_price_more_traces")
    assert v["holds"] is False and "0.5倍" in v["text_zh"] and "并不比对手便宜" in v["text_zh"]


def test_edge_dominant_start_stays_dominant():
    result = m.compute({"initial_share_google": 0.99})
    assert round(result["outputs"]["share_google_final"], 3) == 0.910
    assert all(v["holds"] is True for v in result["verdicts"])


def test_edge_numerical_safety_at_the_extremes():
    # The spec's worst case for magnitudes: cheapest price, steepest depth, slowest decay.
    worst = {"price_google": 0.1, "price_rival": 0.1, "eps_depth": 3, "eps_choice": 3,
             "signal_share": 1, "data_to_quality": 10, "data_decay": 0.01,
             "quality_sensitivity": 5, "capital_feedback": 1, "years": 30,
             "market_users_m": 2000, "market_growth": 1, "ref_price_usd_month": 200,
             "serve_cost_usd_month": 100}
    result = m.compute(worst)
    assert result["warnings"] == []
    assert_clean(result)
    path = result["outputs"]["path"]
    assert min(path["quality_google"] + path["quality_rival"]) >= 1


# --- §0.3 validation policy ------------------------------------------------------------


@pytest.mark.parametrize("bad", [
    {"no_such_param": 1},
    {"price_google": True},
    {"price_google": "0.5"},
    {"price_google": None},
    {"price_google": float("nan")},
    {"eps_depth": float("inf")},
    {"eps_depth": float("-inf")},
    {"years": 2.5},
    {"rival_matches_year": 0.5},
    {"price_google": 2.5},
    {"signal_share": 0},
])
def test_invalid_inputs_raise(bad):
    with pytest.raises(ModelInputError):
        m.compute(bad)


def test_whole_float_for_integer_is_accepted():
    result = m.compute({"years": 12.0})
    assert result["inputs"]["years"] == 12 and isinstance(result["inputs"]["years"], int)
    assert len(result["outputs"]["path"]["year"]) == 13


def test_non_strict_clamps_with_warning():
    result = m.compute({"price_google": 5.0, "data_decay": 0.0}, strict=False)
    assert result["inputs"]["price_google"] == 2.0
    assert result["inputs"]["data_decay"] == 0.01
    assert sorted(result["warnings"]) == ["clamped:data_decay", "clamped:price_google"]
    assert result["outputs"]["k"] is not None


def test_no_range_pairs_so_no_swaps():
    # MODELS.md §4.2: "No range pairs". Two prices in "reverse" order are a real scenario.
    assert m.PAIRS == ()
    result = m.compute({"price_google": 1.5, "price_rival": 0.5})
    assert result["inputs"]["price_google"] == 1.5 and result["warnings"] == []


def test_missing_parameters_take_defaults():
    assert m.compute(None)["inputs"] == m.compute({})["inputs"] == base.defaults(m.SPEC)


# --- property tests ----------------------------------------------------------------------


def _strategy(p):
    if p["integer"]:
        return st.integers(p["min"], p["max"])
    return st.floats(p["min"], p["max"], allow_nan=False, allow_infinity=False)


PARAMS = st.fixed_dictionaries({p["name"]: _strategy(p) for p in m.SPEC})


#: Found by hypothesis in CI: Google's pull outweighs the rival's by more than a float can
#: tell from 1 (cheap price × deep use × high quality sensitivity), so the share is 1.0.
SATURATED = dict({p["name"]: p["default"] for p in m.SPEC}, price_google=0.1015625, price_rival=1.0,
                 rival_matches_year=1, eps_depth=3.0, eps_choice=0.0, signal_share=1.0,
                 data_to_quality=2.0, data_decay=1.0, quality_sensitivity=5.0, capital_feedback=0.0,
                 adjust_speed=1.0, initial_share_google=0.9375, years=1, market_users_m=1.0,
                 market_growth=0.0, ref_price_usd_month=0.0, serve_cost_usd_month=0.0)


@settings(max_examples=150, deadline=None)
@given(PARAMS)
@example(SATURATED)
def test_in_bounds_inputs_never_raise_and_are_json_safe(params):
    result = m.compute(params)
    assert_clean(result)
    assert result["warnings"] == []
    shares = result["outputs"]["path"]["share_google"]
    # A share: in (0, 1) in exact arithmetic; in floats it can round to 0 or 1 (SATURATED).
    assert all(0 <= s <= 1 for s in shares)
    assert min(result["outputs"]["path"]["quality_google"]) >= 1


@settings(max_examples=40, deadline=None)
@given(PARAMS)
def test_charts_are_json_safe(params):
    for cid in CHARTS:
        assert_clean(getattr(m, cid)(params))


@settings(max_examples=150, deadline=None)
@given(PARAMS, st.floats(0, 10), st.floats(0, 10))
def test_loop_gain_rises_with_data_to_quality(params, a, b):
    low, high = sorted((a, b))
    g_low = m.compute(dict(params, data_to_quality=low))["outputs"]["loop_gain"]
    g_high = m.compute(dict(params, data_to_quality=high))["outputs"]["loop_gain"]
    assert g_high >= g_low - 1e-12


@settings(max_examples=150, deadline=None)
@given(PARAMS, st.floats(0.01, 1), st.floats(0.01, 1))
def test_staler_data_means_lower_gain_and_higher_critical_link(params, a, b):
    fresh, stale = sorted((a, b))
    out_fresh = m.compute(dict(params, data_decay=fresh))["outputs"]
    out_stale = m.compute(dict(params, data_decay=stale))["outputs"]
    assert out_stale["loop_gain"] <= out_fresh["loop_gain"] + 1e-12
    if out_fresh["critical_data_to_quality"] is not None:
        assert out_stale["critical_data_to_quality"] >= out_fresh["critical_data_to_quality"] * (1 - 1e-12)


@settings(max_examples=100, deadline=None)
@given(PARAMS, st.floats(0.1, 2.0), st.floats(0.1, 2.0))
def test_cheaper_google_means_deeper_research(params, a, b):
    cheap, dear = sorted((a, b))
    r_cheap = m.compute(dict(params, price_google=cheap))["outputs"]["depth_ratio_phase1"]
    r_dear = m.compute(dict(params, price_google=dear))["outputs"]["depth_ratio_phase1"]
    assert r_cheap >= r_dear * (1 - 1e-12)


@settings(max_examples=100, deadline=None)
@given(PARAMS, st.floats(0, 100), st.floats(0, 100))
def test_dearer_inference_lowers_cumulative_margin_and_leaves_shares_alone(params, a, b):
    cheap, dear = sorted((a, b))
    out_cheap = m.compute(dict(params, serve_cost_usd_month=cheap))["outputs"]
    out_dear = m.compute(dict(params, serve_cost_usd_month=dear))["outputs"]
    assert out_dear["cum_margin_b_final"] <= out_cheap["cum_margin_b_final"] + 1e-9
    # The $ panel never feeds back into the loop (MODELS.md §4.3).
    assert out_dear["path"]["share_google"] == out_cheap["path"]["share_google"]


@settings(max_examples=100, deadline=None)
@given(PARAMS, st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_bigger_head_start_never_ends_smaller(params, a, b):
    small, big = sorted((a, b))
    final_small = m.compute(dict(params, initial_share_google=small))["outputs"]["share_google_final"]
    final_big = m.compute(dict(params, initial_share_google=big))["outputs"]["share_google_final"]
    assert final_big >= final_small - 1e-12


# --- fuzz (§0.7.3) -------------------------------------------------------------------


def test_fuzz_3000_random_inputs_and_corners():
    rng = random.Random(20240404)
    cases = corner_cases() + [random_params(rng) for _ in range(3000)]
    for i, params in enumerate(cases):
        result = m.compute(params)
        assert_clean(result)
        assert result["warnings"] == []
        assert [v["holds"] for v in result["verdicts"]] == [
            v["holds"] for v in m.compute(params, strict=False)["verdicts"]]
        for v in result["verdicts"]:
            assert v["holds"] in (True, False, None)
        if i % 3 == 0 or i < len(corner_cases()):
            for cid in CHARTS:
                assert_clean(getattr(m, cid)(params))


# --- output formats -----------------------------------------------------------------


def test_every_output_leaf_has_a_working_display_format():
    scenarios = [{}, *m.PRESETS.values(), {"rival_matches_year": 30}, {"quality_sensitivity": 0}]
    for params in scenarios:
        flat = flat_outputs(m.compute(params)["outputs"])
        for path, value in flat.items():
            text = base.display(value, format_for(path))
            assert isinstance(text, str) and text
    defaults_flat = flat_outputs(m.compute({})["outputs"])
    for key in m.OUTPUT_FORMATS:  # no stale entries
        assert any(path == key or path.startswith(key + ".") for path in defaults_flat), key
    assert base.display(m.compute({})["outputs"]["share_google_final"], "pct") == "63%"


# --- module hygiene -----------------------------------------------------------------------


def test_spec_is_consistent_and_matches_the_table():
    base.check_spec(m.SPEC)
    expected = {  # name: (default, min, max, step, integer)
        "price_google": (0.5, 0.1, 2.0, 0.05, False), "price_rival": (1.0, 0.1, 2.0, 0.05, False),
        "rival_matches_year": (3, 0, 30, 1, True), "eps_depth": (1.0, 0, 3, 0.1, False),
        "eps_choice": (0.5, 0, 3, 0.1, False), "signal_share": (0.2, 0.01, 1, 0.01, False),
        "data_to_quality": (2.0, 0, 10, 0.1, False), "data_decay": (0.3, 0.01, 1, 0.01, False),
        "quality_sensitivity": (2.0, 0, 5, 0.1, False), "capital_feedback": (0.25, 0, 1, 0.05, False),
        "adjust_speed": (0.5, 0.05, 1, 0.05, False),
        "initial_share_google": (0.3, 0.01, 0.99, 0.01, False),
        "years": (10, 1, 30, 1, True), "market_users_m": (100, 1, 2000, 1, False),
        "market_growth": (0.2, 0, 1, 0.01, False), "ref_price_usd_month": (20, 0, 200, 1, False),
        "serve_cost_usd_month": (4, 0, 100, 0.5, False),
    }
    assert [p["name"] for p in m.SPEC] == list(expected)
    for p in m.SPEC:
        assert (p["default"], p["min"], p["max"], p["step"], p["integer"]) == expected[p["name"]]
        assert p["source"] == "assumption" and p["log"] is False
        assert p["label_zh"] and p["label_en"] and p["unit"]
    assert SPEC_BY_NAME["market_users_m"]["unit"] == "百万人"
    assert SPEC_BY_NAME["signal_share"]["unit"] == "比例"


def test_compute_is_pure():
    first = json.dumps(m.compute({"years": 20}), sort_keys=True)
    m.compute({"price_google": 1.7, "initial_share_google": 0.9})
    assert json.dumps(m.compute({"years": 20}), sort_keys=True) == first


# --- charts -------------------------------------------------------------------------------


def _check_chart_shape(chart, cid):
    assert chart["id"] == cid
    assert chart["type"] in {"line", "bar", "range_bar", "stacked_bar", "diagram"}
    for key in ("title_zh", "caption_zh", "x", "y", "series", "markers", "regions"):
        assert key in chart, (cid, key)
    assert chart["title_zh"] and chart["caption_zh"].endswith("。")
    assert {"label_en", "label_zh", "unit", "scale", "values"} <= set(chart["x"])
    assert {"label_en", "label_zh", "unit", "scale"} <= set(chart["y"])
    n = len(chart["x"]["values"])
    assert chart["series"]
    for s in chart["series"]:
        assert {"name_en", "name_zh", "values", "style"} <= set(s)
        assert len(s["values"]) == n
        if s["style"] == "band":
            assert len(s["band_low"]) == n and len(s["band_high"]) == n
    for marker in chart["markers"]:
        assert {"axis", "value", "kind", "label_en", "label_zh"} <= set(marker)
    for region in chart["regions"]:
        assert {"axis", "from", "to", "label_en", "label_zh"} <= set(region)


@pytest.mark.parametrize("cid", CHARTS)
@pytest.mark.parametrize("params", [{}, *m.PRESETS.values(), {"years": 1}, {"years": 30}],
                         ids=["defaults", *m.PRESETS, "years1", "years30"])
def test_chart_contract(cid, params):
    chart = getattr(m, cid)(params)
    _check_chart_shape(chart, cid)
    assert_clean(chart)


def test_chart_functions_cover_the_spec():
    names = [name for name in vars(m) if name.startswith("chart_") and callable(getattr(m, name))]
    assert names == list(CHARTS)


def test_loop_diagram_shows_latest_year_values():
    params = {"years": 7}
    chart = m.chart_e4_loop(params)
    result = m.compute(params)
    path = result["outputs"]["path"]
    values = chart["series"][0]["values"]
    assert chart["type"] == "diagram" and len(chart["x"]["values"]) == 9
    assert values[0] == 0.5
    assert values[1] == pytest.approx(result["outputs"]["depth_at_matched_price"])
    assert values[2] == pytest.approx(path["stock_google"][-1])
    assert values[3] == pytest.approx(path["quality_google"][-1])
    assert values[5] == pytest.approx(result["outputs"]["share_google_final"])
    assert values[6] == pytest.approx(1 + 0.25 * (2 * path["share_google"][-1] - 1))
    assert values[8] == pytest.approx(result["outputs"]["loop_gain"])
    assert len(chart["series"][0]["labels_zh"]) == 9
    assert chart["center"]["highlight"] is True and "1.43" in chart["center"]["label_zh"]
    assert m.chart_e4_loop(m.PRESETS["weak_flywheel"])["center"]["highlight"] is False
    assert "第7年" in chart["caption_zh"]


def test_loop_diagram_carries_the_public_training_policy():
    chart = m.chart_e4_loop({})
    assert chart["markers"] == []  # no numeric axis to draw a marker line on
    note = chart["node_notes"][0]
    assert note["kind"] == "public_record" and "训练" in note["label_zh"]
    assert note["value"] == chart["x"]["values"][2]  # step 3: data accumulation
    record_urls = {s["url"] for e in PUBLIC_RECORD for s in e["sources"] if s["url"]}
    for markers in m.PUBLIC_MARKERS.values():
        for mk in markers:
            assert mk["source_url"] in record_urls


def test_share_path_marks_the_rival_copy_year_and_thresholds():
    chart = m.chart_e4_share_path({"rival_matches_year": 5, "years": 12})
    assert chart["x"]["values"] == list(range(13))
    current = [mk for mk in chart["markers"] if mk["kind"] == "current"]
    assert [(mk["axis"], mk["value"]) for mk in current] == [("x", 5)]
    thresholds = sorted(mk["value"] for mk in chart["markers"] if mk["kind"] == "threshold")
    assert thresholds == [0.5, 0.55]
    google, rival = chart["series"][0]["values"], chart["series"][1]["values"]
    assert all(g + r == pytest.approx(1) for g, r in zip(google, rival))
    assert google == m.compute({"rival_matches_year": 5, "years": 12})["outputs"]["path"]["share_google"]
    assert "第5年" in chart["caption_zh"]
    never = m.chart_e4_share_path({"rival_matches_year": 20, "years": 10})
    assert not [mk for mk in never["markers"] if mk["kind"] == "current"]
    assert "没有跟进" in never["caption_zh"]


def test_gain_sweep_runs_the_model_at_each_point():
    params = {"signal_share": 0.3, "years": 15}
    chart = m.chart_e4_gain_sweep(params)
    xs = chart["x"]["values"]
    assert len(xs) == 51 and xs[0] == 0 and xs[-1] == 5 and xs[10] == 1.0
    gains, finals = chart["series"][0]["values"], chart["series"][1]["values"]
    for i in (0, 17, 50):
        out = m.compute(dict(params, data_to_quality=xs[i]))["outputs"]
        assert gains[i] == pytest.approx(out["loop_gain"], rel=1e-12)
        assert finals[i] == pytest.approx(out["share_google_final"], rel=1e-12)
    current = [mk for mk in chart["markers"] if mk["kind"] == "current"]
    assert [(mk["axis"], mk["value"]) for mk in current] == [("x", 2.0)]
    critical = [mk for mk in chart["markers"] if mk["kind"] == "breakeven"]
    assert critical[0]["value"] == pytest.approx(
        m.compute(params)["outputs"]["critical_data_to_quality"])
    # At the critical coefficient the plotted gain crosses 1.
    below = [g for x, g in zip(xs, gains) if x < critical[0]["value"] - 1e-9]
    above = [g for x, g in zip(xs, gains) if x > critical[0]["value"] + 1e-9]
    assert max(below) < 1 < min(above)


def test_gain_sweep_widens_when_the_reader_goes_beyond_five():
    chart = m.chart_e4_gain_sweep({"data_to_quality": 8})
    assert len(chart["x"]["values"]) == 51 and chart["x"]["values"][-1] == 10
    current = [mk["value"] for mk in chart["markers"] if mk["kind"] == "current"]
    assert current == [8]


def test_gain_sweep_without_possible_lock_in_has_no_critical_marker():
    chart = m.chart_e4_gain_sweep({"quality_sensitivity": 0.5})
    assert not [mk for mk in chart["markers"] if mk["kind"] == "breakeven"]
    assert max(chart["series"][0]["values"]) < 1


def test_money_chart_is_labelled_illustrative_and_uses_the_simulation():
    chart = m.chart_e4_money({})
    assert "假设" in chart["title_zh"] and "假设" in chart["caption_zh"]
    assert chart["series"][0]["values"][0] == pytest.approx(3.6)
    assert chart["series"][1]["values"][0] == pytest.approx(2.88)
    assert "36亿美元" in chart["caption_zh"]


def test_charts_clamp_like_the_browser():
    chart = m.chart_e4_share_path({"years": 99})
    assert len(chart["x"]["values"]) == 31


# --- public record (§4.9, §0.8) ---------------------------------------------------------

FORBIDDEN_DOMAINS = ("mirrorblogs.com", "verifywise.ai", "memx.app", "tenorshare.ai",
                     "analyticsinsight.net")


def test_public_record_shape_and_policy():
    assert [e["id"] for e in PUBLIC_RECORD] == ["C4", "C1", "C8", "C3"]
    assert len({e["key"] for e in PUBLIC_RECORD}) == len(PUBLIC_RECORD)
    for entry in PUBLIC_RECORD:
        assert entry["status"] in {"verified", "partial", "unverified"}
        assert entry["claim_zh"]
        assert isinstance(entry["note_zh"], str)
        if entry["status"] == "unverified":
            assert entry["figure_zh"] is None
            assert not any(ch.isdigit() for ch in entry["note_zh"])
        else:
            assert entry["figure_zh"] and entry["sources"]
        for source in entry["sources"]:
            assert source["name"]
            url = source["url"]
            if url is not None:
                assert url.startswith("https://")
                assert not any(domain in url for domain in FORBIDDEN_DOMAINS), url


def test_public_record_states_the_conflict_with_the_premise():
    premise = next(e for e in PUBLIC_RECORD if e["id"] == "C4")
    assert "训练" in premise["figure_zh"] and "冲突" in premise["figure_zh"]
    assert premise["sources"][0]["url"].startswith("https://support.google.com/notebooklm/")
    cost = next(e for e in PUBLIC_RECORD if e["id"] == "C3")
    assert cost["status"] == "unverified" and cost["sources"] == []
