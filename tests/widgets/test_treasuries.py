"""Tests for the Essay 3 model `widgets.treasuries` (MODELS.md §3 and §0).

Every expected number below comes from the spec (§3.5 arithmetic check, §3.7
presets, §3.9 edge cases, Appendix A), computed by hand from the §3.3 formulas.
"""

import ast
import itertools
import json
import math
import pathlib
import random
from urllib.parse import urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import base, treasuries as model
from widgets import treasuries_charts
from widgets.base import ModelInputError, check_spec, display
from widgets.treasuries_record import PUBLIC_RECORD

CHART_IDS = ("chart_e3_holdings", "chart_e3_horizon", "chart_e3_breakeven_spread")
VERDICT_IDS = ("e3.private_larger", "e3.small_mobilisable", "e3.not_credible",
               "e3.asymmetric_retaliation")
SPEC_BY_NAME = {p["name"]: p for p in model.SPEC}
MODULE_PATH = pathlib.Path(model.__file__)


def holds(res):
    """{verdict id: holds}."""
    return {v["id"]: v["holds"] for v in res["verdicts"]}


def verdict_of(res, vid):
    """The verdict dict with id `vid`."""
    return next(v for v in res["verdicts"] if v["id"] == vid)


def charts(params):
    """Every chart dict of the model for `params`."""
    return [getattr(model, cid)(params) for cid in CHART_IDS]


def assert_json_safe(obj):
    """Serialisable without NaN/inf anywhere (json refuses them with allow_nan=False)."""
    json.dumps(obj, allow_nan=False)


def leaves(value, prefix=""):
    """(dotted path, leaf) pairs of a nested output; lists count as one leaf (a range)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def fmt_for(path):
    """Display format for a dotted output path (longest declared prefix wins)."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in model.OUTPUT_FORMATS:
            return model.OUTPUT_FORMATS[key]
    raise KeyError(path)


# --- SPEC, presets, module hygiene ------------------------------------------------

# The §3.2 table: name, default, min, max, step, integer, label_zh, source.
SPEC_TABLE = [
    ("official_low_t", 2.5, 0, 10, 0.1, False, "欧洲官方部门持有美债(下限)", "essay"),
    ("official_high_t", 3.0, 0, 10, 0.1, False, "欧洲官方部门持有美债(上限)", "essay"),
    ("private_low_t", 3.5, 0, 10, 0.1, False, "欧洲民间部门持有美债(下限)", "essay"),
    ("private_high_t", 4.5, 0, 10, 0.1, False, "欧洲民间部门持有美债(上限)", "essay"),
    ("official_sell_share", 0.10, 0, 1, 0.01, False, "官方持仓中可被政治动员抛售的比例", "assumption"),
    ("private_sell_share", 0.0, 0, 1, 0.01, False, "民间持仓中可被政治动员的比例", "essay"),
    ("yield_impact_bp_per_100b", 20, 0, 80, 1, False,
     "每抛售1000亿美元带来的美债收益率上升(基点)", "public (Beltran et al., long-run)"),
    ("us_offset_share", 0.0, 0, 1, 0.05, False, "美联储/财政部对冲掉的冲击比例", "assumption"),
    ("duration_years", 5.0, 0.5, 20, 0.5, False, "欧洲持仓平均久期(年)", "assumption"),
    ("us_repricing_t_per_year", 9.2, 0.5, 40, 0.1, False, "美国每年到期需再融资的国债",
     "public (secondary)"),
    ("us_debt_t", 30.1, 1, 60, 0.1, False, "美国公众持有国债总额", "public"),
    ("retaliation_spread_bp", 400, 0, 1500, 10, False,
     "美国\"降级\"安全承诺后欧洲主权利差扩大(基点)", "assumption (Turkey analogy)"),
    ("eu_repricing_t_per_year", 3.0, 0.1, 20, 0.1, False, "欧洲政府债务每年再融资规模",
     "assumption (unverified)"),
    ("eu_debt_t", 15.7, 1, 40, 0.1, False, "欧洲政府债务总额",
     "public (derived: EU27 ≈ €14.5tn × 1.08)"),
    ("horizon_years", 1, 1, 10, 1, True, "比较期(年)", "assumption"),
]

# Chinese unit labels meaning exactly the spec's units.
SPEC_UNITS = {"USD tn": "万亿美元", "fraction": "比例", "bp per $100bn": "基点/1000亿美元",
              "years": "年", "USD tn/yr": "万亿美元/年", "bp": "基点"}
UNIT_OF = {
    "official_low_t": "USD tn", "official_high_t": "USD tn", "private_low_t": "USD tn",
    "private_high_t": "USD tn", "official_sell_share": "fraction",
    "private_sell_share": "fraction", "yield_impact_bp_per_100b": "bp per $100bn",
    "us_offset_share": "fraction", "duration_years": "years",
    "us_repricing_t_per_year": "USD tn/yr", "us_debt_t": "USD tn", "retaliation_spread_bp": "bp",
    "eu_repricing_t_per_year": "USD tn/yr", "eu_debt_t": "USD tn", "horizon_years": "years",
}


def test_spec_matches_the_parameter_table_exactly():
    assert [p["name"] for p in model.SPEC] == [row[0] for row in SPEC_TABLE]
    for name, default, lo, hi, step, integer, label_zh, source in SPEC_TABLE:
        p = SPEC_BY_NAME[name]
        assert (p["default"], p["min"], p["max"], p["step"]) == (default, lo, hi, step), name
        assert p["integer"] is integer and p["log"] is False, name
        assert p["label_zh"] == label_zh and p["source"] == source, name
        assert p["unit"] == SPEC_UNITS[UNIT_OF[name]], name
        assert p["label_en"] and "…" not in p["label_en"], name


def test_check_spec_passes_and_pairs_name_real_parameters():
    check_spec(model.SPEC)
    assert model.PAIRS == (("official_low_t", "official_high_t"),
                           ("private_low_t", "private_high_t"))


def test_presets_are_the_spec_presets_with_labels_and_in_bounds_overrides():
    assert model.PRESETS == {"persistent_shock_3y": {"horizon_years": 3},
                             "turkey_2019_scale": {"retaliation_spread_bp": 0}}
    assert set(model.PRESET_LABELS) == set(model.PRESETS)
    for name, overrides in model.PRESETS.items():
        assert model.PRESET_LABELS[name].strip()
        for pname, value in overrides.items():
            p = SPEC_BY_NAME[pname]
            assert p["min"] <= value <= p["max"]
        model.compute(overrides)  # strict: would raise if out of bounds


def test_chart_functions_are_exactly_the_spec_charts():
    found = [name for name in vars(model) if name.startswith("chart_") and callable(getattr(model, name))]
    assert found == list(CHART_IDS)


# --- golden numbers at defaults (§3.5) -----------------------------------------

GOLDEN = {
    "O": 2.75,
    "Pv": 4.0,
    "H": 6.75,
    "M": 0.275,
    "mobilisable_b": 275.0,
    "mobilisable_share": 0.275 / 6.75,
    "dy": 0.0055,
    "yield_shock_bp": 55.0,
    "eu_mtm_loss_b": 5 * 0.0055 * 6.475 * 1e3,        # 178.0625
    "eu_realised_loss_b": 5 * 0.00275 * 0.275 * 1e3,  # 3.78125
    "eu_self_harm_b": 181.84375,
    "rep_US": 4.6,
    "us_extra_interest_b": 25.3,
    "self_harm_ratio": 181.84375 / 25.3,
    "rep_EU": 1.5,
    "retaliation_cost_b": 60.0,
    "breakeven_spread_bp": 25.3 / 1500 * 1e4,
}


def test_golden_numbers_at_defaults():
    out = model.compute({})["outputs"]
    for name, expected in GOLDEN.items():
        assert out[name] == pytest.approx(expected, rel=1e-9), name
    assert out["crossover_year"] == 3
    assert out["holdings_range_t"] == pytest.approx([6.0, 7.5], rel=1e-9)


def test_golden_numbers_round_to_what_the_spec_prints():
    out = model.compute({})["outputs"]
    assert f"{out['mobilisable_share'] * 100:.2f}%" == "4.07%"
    assert f"{out['eu_mtm_loss_b']:.2f}" == "178.06"
    assert f"{out['eu_realised_loss_b']:.2f}" == "3.78"
    assert f"{out['eu_self_harm_b']:.2f}" == "181.84"
    assert f"{out['us_extra_interest_b']:.2f}" == "25.30"
    assert f"{out['self_harm_ratio']:.2f}" == "7.19"
    assert f"{out['retaliation_cost_b']:.1f}" == "60.0"
    assert f"{out['breakeven_spread_bp']:.1f}" == "168.7"


def test_us_cumulative_cost_path_matches_the_crossover_row():
    # §3.5: "US cumulative: 25.3, 101.2, 227.7 (> 181.84)" → crossover in year 3.
    horizon = model.chart_e3_horizon({})
    us = horizon["series"][0]["values"]
    assert us[:3] == pytest.approx([25.3, 101.2, 227.7], rel=1e-9)
    harm = horizon["series"][1]["values"]
    assert us[1] < harm[1] < us[2]


def test_every_essay_claim_holds_at_defaults():
    res = model.compute()
    assert [v["id"] for v in res["verdicts"]] == list(VERDICT_IDS)
    for v in res["verdicts"]:
        assert v["kind"] == "essay_claim"
        assert v["holds"] is True, v["id"]
        assert v["margin"] > 0, v["id"]
    assert res["warnings"] == []


def test_default_sentences_carry_the_current_numbers_in_chinese():
    res = model.compute()
    texts = {v["id"]: v["text_zh"] for v in res["verdicts"]}
    assert "4.00万亿美元" in texts["e3.private_larger"] and "2.75万亿美元" in texts["e3.private_larger"]
    assert "2750亿美元" in texts["e3.small_mobilisable"] and "4.1%" in texts["e3.small_mobilisable"]
    not_credible = texts["e3.not_credible"]
    for piece in ("2750亿美元", "55个基点", "1820亿美元", "253亿美元", "7.2倍", "不是可信的武器"):
        assert piece in not_credible
    for piece in ("400个基点", "600亿美元", "253亿美元", "169个基点"):
        assert piece in texts["e3.asymmetric_retaliation"]
    english = verdict_of(res, "e3.not_credible")["text_en"]
    assert "$275bn" in english and "7.2×" in english and "Not a credible weapon" in english


# --- presets (§3.7, Appendix A) ----------------------------------------------

PRESET_HOLDS = {
    "persistent_shock_3y": {"e3.private_larger": True, "e3.small_mobilisable": True,
                            "e3.not_credible": False, "e3.asymmetric_retaliation": True},
    "turkey_2019_scale": {"e3.private_larger": True, "e3.small_mobilisable": True,
                          "e3.not_credible": True, "e3.asymmetric_retaliation": False},
}


@pytest.mark.parametrize("preset", sorted(PRESET_HOLDS))
def test_preset_verdict_patterns(preset):
    assert holds(model.compute(model.PRESETS[preset])) == PRESET_HOLDS[preset]


def test_persistent_shock_numbers_and_failing_sentence():
    res = model.compute(model.PRESETS["persistent_shock_3y"])
    out = res["outputs"]
    assert out["us_extra_interest_b"] == pytest.approx(227.7, rel=1e-9)
    assert out["eu_self_harm_b"] == pytest.approx(181.84375, rel=1e-9)
    assert f"{out['self_harm_ratio']:.2f}" == "0.80"
    assert out["retaliation_cost_b"] == pytest.approx(540.0, rel=1e-9)
    text = verdict_of(res, "e3.not_credible")["text_zh"]
    assert "3年" in text and "2280亿美元" in text and "1820亿美元" in text and "第3年" in text


def test_turkey_2019_preset_sentence_names_the_breakeven():
    res = model.compute(model.PRESETS["turkey_2019_scale"])
    assert res["outputs"]["retaliation_cost_b"] == 0
    text = verdict_of(res, "e3.asymmetric_retaliation")["text_zh"]
    assert "0个基点" in text and "169个基点" in text and "不超过" in text


# --- edge cases (§3.9) -------------------------------------------------------

ZERO_HOLDINGS = {"official_low_t": 0, "official_high_t": 0, "private_low_t": 0, "private_high_t": 0}


def test_edge_all_holdings_zero():
    res = model.compute(ZERO_HOLDINGS)
    out, verdicts = res["outputs"], holds(res)
    assert out["H"] == 0 and out["mobilisable_share"] is None
    assert verdicts["e3.small_mobilisable"] is None
    assert verdict_of(res, "e3.small_mobilisable")["margin"] is None
    assert out["dy"] == 0
    assert verdicts["e3.not_credible"] is True
    assert "没有牙齿" in verdict_of(res, "e3.not_credible")["text_zh"]
    assert verdict_of(res, "e3.not_credible")["text_en"] == "The sale moves nothing: a toothless weapon."
    assert out["self_harm_ratio"] is None
    assert out["crossover_year"] is None


@pytest.mark.parametrize("override", [{"yield_impact_bp_per_100b": 0}, {"us_offset_share": 1}])
def test_edge_zero_yield_shock_is_toothless(override):
    res = model.compute(override)
    out, verdicts = res["outputs"], holds(res)
    assert out["dy"] == 0 and out["us_extra_interest_b"] == 0
    assert out["self_harm_ratio"] is None
    assert out["breakeven_spread_bp"] == 0
    assert verdicts["e3.not_credible"] is True
    assert "没有牙齿" in verdict_of(res, "e3.not_credible")["text_zh"]
    assert verdicts["e3.asymmetric_retaliation"] is True  # retaliation_spread 400 > 0
    no_retaliation = model.compute(dict(override, retaliation_spread_bp=0))
    assert holds(no_retaliation)["e3.asymmetric_retaliation"] is False


def test_edge_swapped_official_range():
    res = model.compute({"official_low_t": 3.0, "official_high_t": 2.5})
    assert res["warnings"] == ["swapped:official_low_t/official_high_t"]
    assert (res["inputs"]["official_low_t"], res["inputs"]["official_high_t"]) == (2.5, 3.0)
    assert res["outputs"] == model.compute({})["outputs"]


def test_edge_everything_sold():
    res = model.compute({"official_sell_share": 1, "private_sell_share": 1})
    out, verdicts = res["outputs"], holds(res)
    assert out["M"] == pytest.approx(6.75, rel=1e-9)
    assert out["yield_shock_bp"] == pytest.approx(1350, rel=1e-9)
    assert verdicts["e3.small_mobilisable"] is False
    assert verdicts["e3.not_credible"] is True
    assert out["eu_self_harm_b"] == pytest.approx(2278.125, rel=1e-9)
    assert out["us_extra_interest_b"] == pytest.approx(621.0, rel=1e-9)
    assert f"{out['eu_self_harm_b']:,.0f} ≥ {out['us_extra_interest_b']:.0f}" == "2,278 ≥ 621"


def test_edge_eu_repricing_capped_by_debt():
    res = model.compute({"eu_repricing_t_per_year": 20, "eu_debt_t": 1, "horizon_years": 10})
    assert res["outputs"]["rep_EU"] == pytest.approx(10.0, rel=1e-9)
    assert res["outputs"]["retaliation_cost_b"] == pytest.approx(400.0, rel=1e-9)


def test_edge_zero_retaliation_spread():
    res = model.compute({"retaliation_spread_bp": 0})
    assert res["outputs"]["retaliation_cost_b"] == 0
    assert holds(res)["e3.asymmetric_retaliation"] is False


def test_edge_short_duration_flips_not_credible_in_year_one():
    res = model.compute({"duration_years": 0.5})
    out = res["outputs"]
    assert f"{out['self_harm_ratio']:.2f}" == "0.72"
    assert holds(res)["e3.not_credible"] is False
    assert out["crossover_year"] == 1
    assert "第1年" in verdict_of(res, "e3.not_credible")["text_zh"]


# --- §0.3 validation policy ----------------------------------------------------

@pytest.mark.parametrize("bad", [
    {"no_such_param": 1},
    {"horizon_years": True},
    {"duration_years": "5"},
    {"duration_years": None},
    {"duration_years": [5]},
    {"duration_years": float("nan")},
    {"us_debt_t": float("inf")},
    {"us_debt_t": float("-inf")},
    {"horizon_years": 2.5},
    {"duration_years": 0.4},
    {"retaliation_spread_bp": 1501},
])
def test_strict_validation_rejects(bad):
    with pytest.raises(ModelInputError):
        model.compute(bad)


def test_bad_types_are_rejected_even_when_not_strict():
    for bad in ({"no_such_param": 1}, {"duration_years": "5"}, {"duration_years": float("nan")},
                {"horizon_years": 2.5}):
        with pytest.raises(ModelInputError):
            model.compute(bad, strict=False)


def test_integral_float_horizon_is_accepted_as_int():
    res = model.compute({"horizon_years": 3.0})
    assert res["inputs"]["horizon_years"] == 3 and isinstance(res["inputs"]["horizon_years"], int)


def test_non_strict_clamps_with_warnings():
    res = model.compute({"duration_years": 0.1, "retaliation_spread_bp": 5000}, strict=False)
    assert res["inputs"]["duration_years"] == 0.5
    assert res["inputs"]["retaliation_spread_bp"] == 1500
    assert res["warnings"] == ["clamped:duration_years", "clamped:retaliation_spread_bp"]


def test_clamping_happens_before_swapping():
    res = model.compute({"private_low_t": 12, "private_high_t": 3}, strict=False)
    assert (res["inputs"]["private_low_t"], res["inputs"]["private_high_t"]) == (3, 10)
    assert res["warnings"] == ["clamped:private_low_t", "swapped:private_low_t/private_high_t"]


def test_degenerate_range_is_valid():
    res = model.compute({"private_low_t": 4, "private_high_t": 4})
    assert res["warnings"] == [] and res["outputs"]["Pv"] == 4


def test_charts_accept_partial_and_out_of_range_params():
    for chart in charts({"horizon_years": 20, "official_low_t": 3.0, "official_high_t": 2.0}):
        assert_json_safe(chart)
    horizon = model.chart_e3_horizon({"horizon_years": 20})
    current = [m for m in horizon["markers"] if m["kind"] == "current"]
    assert current[0]["value"] == 10


# --- output formats ------------------------------------------------------------

def _scenarios():
    """Defaults, presets and the edge-case inputs (None and list outputs included)."""
    yield {}
    yield from model.PRESETS.values()
    yield ZERO_HOLDINGS
    yield {"yield_impact_bp_per_100b": 0}
    yield {"official_sell_share": 1, "private_sell_share": 1}
    yield {"duration_years": 0.5}


@pytest.mark.parametrize("params", list(_scenarios()))
def test_every_output_has_a_working_display_format(params):
    out = model.compute(params)["outputs"]
    for path, value in leaves(out):
        text = display(value, fmt_for(path))
        assert isinstance(text, str) and text
        if value is None:
            assert text == "无法计算"
        else:
            assert "None" not in text and "nan" not in text.lower()
    assert set(model.OUTPUT_FORMATS) <= set(out)


def test_display_of_key_outputs_at_defaults():
    out = model.compute({})["outputs"]
    shown = {name: display(out[name], model.OUTPUT_FORMATS[name]) for name in out}
    assert shown["H"] == "6.75万亿美元"
    assert shown["mobilisable_b"] == "2750亿美元"
    assert shown["mobilisable_share"] == "4.1%"
    assert shown["eu_self_harm_b"] == "1820亿美元"
    assert shown["us_extra_interest_b"] == "253亿美元"
    assert shown["self_harm_ratio"] == "7.19倍"
    assert shown["breakeven_spread_bp"] == "169个基点"
    assert shown["crossover_year"] == "3年"
    assert shown["holdings_range_t"] == "6.00万亿美元–7.50万亿美元"


# --- charts --------------------------------------------------------------------

def check_chart_structure(chart, chart_id, inputs, outputs):
    """Required keys, consistent lengths, Chinese names, current markers at current values."""
    assert chart["id"] == chart_id
    assert chart["type"] in ("line", "bar", "range_bar", "stacked_bar", "diagram")
    assert chart["title_zh"].strip() and chart["caption_zh"].strip()
    for key in ("label_en", "label_zh", "unit", "scale", "values"):
        assert key in chart["x"]
    for key in ("label_zh", "label_en", "unit", "scale"):
        assert key in chart["y"]
    n = len(chart["x"]["values"])
    assert n > 0
    for series in chart["series"]:
        assert series["name_zh"].strip() and series["name_en"].strip()
        assert series["style"] in ("solid", "dashed", "band", "hatched")
        assert len(series["values"]) == n
        if series["style"] == "band":
            assert len(series["band_low"]) == n and len(series["band_high"]) == n
    for marker in chart["markers"]:
        assert marker["axis"] in ("x", "y")
        assert marker["kind"] in ("current", "breakeven", "public_record", "aspiration", "threshold")
        assert marker["label_zh"].strip() and marker["label_en"].strip()
    for region in chart["regions"]:
        assert region["axis"] in ("x", "y") and region["label_zh"].strip()
        assert region["from"] <= region["to"]
    current = [m for m in chart["markers"] if m["kind"] == "current"]
    assert len(current) == 1
    expected = {
        "chart_e3_holdings": outputs["H"] * 1e3,
        "chart_e3_horizon": inputs["horizon_years"],
        "chart_e3_breakeven_spread": inputs["retaliation_spread_bp"],
    }[chart_id]
    assert current[0]["value"] == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert "None" not in chart["caption_zh"]
    assert_json_safe(chart)


@pytest.mark.parametrize("params", list(_scenarios()))
def test_chart_structure(params):
    res = model.compute(params)
    for chart_id, chart in zip(CHART_IDS, charts(params)):
        check_chart_structure(chart, chart_id, res["inputs"], res["outputs"])


def test_chart_types_and_resolutions():
    holdings, horizon, spread = charts({})
    assert holdings["type"] == "stacked_bar" and len(holdings["x"]["values"]) == 2
    assert horizon["type"] == "line" and horizon["x"]["values"] == list(range(1, 11))
    assert spread["type"] == "line" and len(spread["x"]["values"]) == 101
    assert spread["x"]["values"][0] == 0 and spread["x"]["values"][-1] == 1000
    # The sweep follows the reader above 1,000bp so the current marker stays on the chart.
    wide = model.chart_e3_breakeven_spread({"retaliation_spread_bp": 1500})
    assert wide["x"]["values"][-1] == 1500


def test_holdings_chart_stacks_to_the_essay_and_tic_totals():
    chart = model.chart_e3_holdings({})
    essay_total = sum(s["values"][0] for s in chart["series"])
    tic_total = sum(s["values"][1] for s in chart["series"])
    assert essay_total == pytest.approx(6750, rel=1e-9)
    assert tic_total == pytest.approx(2986.4, rel=1e-9)  # §3.6: derived sum 2,986.4bn
    hatched = [s for s in chart["series"] if s["style"] == "hatched"]
    assert sum(s["values"][0] for s in hatched) == pytest.approx(275, rel=1e-9)
    ranges = {(r["from"], r["to"]) for r in chart["regions"]}
    assert (2500, 3000) in ranges and (6000, 7500) in ranges
    db = [m for m in chart["markers"] if m["kind"] == "public_record"]
    assert [m["value"] for m in db] == [8000]
    assert "2750亿美元" in chart["caption_zh"] and "2.99万亿美元" in chart["caption_zh"]


def test_horizon_chart_follows_the_model():
    chart = model.chart_e3_horizon({"horizon_years": 4})
    res = model.compute({"horizon_years": 4})
    us, harm, retaliation = (s["values"] for s in chart["series"])
    assert us[3] == pytest.approx(res["outputs"]["us_extra_interest_b"], rel=1e-12)
    assert retaliation[3] == pytest.approx(res["outputs"]["retaliation_cost_b"], rel=1e-12)
    assert set(harm) == {res["outputs"]["eu_self_harm_b"]}
    band = chart["series"][1]
    assert band["band_low"][0] == pytest.approx(res["outputs"]["eu_realised_loss_b"])
    crossover = [m for m in chart["markers"] if m["kind"] == "breakeven"]
    assert [m["value"] for m in crossover] == [3]
    toothless = model.chart_e3_horizon({"yield_impact_bp_per_100b": 0})
    assert not [m for m in toothless["markers"] if m["kind"] == "breakeven"]
    assert "10年内" in toothless["caption_zh"]


def test_breakeven_chart_line_crosses_the_us_cost_at_the_breakeven():
    chart = model.chart_e3_breakeven_spread({})
    out = model.compute({})["outputs"]
    xs, costs = chart["x"]["values"], chart["series"][0]["values"]
    assert costs[xs.index(400)] == pytest.approx(out["retaliation_cost_b"], rel=1e-12)
    threshold = [m for m in chart["markers"] if m["kind"] == "threshold"][0]
    breakeven = [m for m in chart["markers"] if m["kind"] == "breakeven"][0]
    assert threshold["value"] == pytest.approx(25.3)
    assert breakeven["value"] == pytest.approx(168.6666666666, rel=1e-9)
    below = [c for x, c in zip(xs, costs) if x < breakeven["value"]]
    above = [c for x, c in zip(xs, costs) if x > breakeven["value"]]
    assert max(below) < threshold["value"] < min(above)
    public = sorted(m["value"] for m in chart["markers"] if m["kind"] == "public_record")
    assert public == [0, 410]
    assert chart["regions"][0]["from"] == pytest.approx(breakeven["value"])


def test_public_markers_carry_record_urls():
    record_urls = {s["url"] for entry in PUBLIC_RECORD for s in entry["sources"]}
    for chart_id, markers in model.PUBLIC_MARKERS.items():
        assert chart_id in CHART_IDS
        for marker in markers:
            assert marker["kind"] == "public_record"
            assert marker["source_url"] is None or marker["source_url"] in record_urls


def test_charts_call_the_model_formulas(monkeypatch):
    # Doubling interest_cost_b must move every cost line: the sweeps do not re-implement it.
    before = model.chart_e3_breakeven_spread({})["series"][0]["values"]
    original = model.interest_cost_b
    monkeypatch.setattr(treasuries_charts, "interest_cost_b", lambda rate, rep: 2 * original(rate, rep))
    after = model.chart_e3_breakeven_spread({})["series"][0]["values"]
    assert after == pytest.approx([2 * v for v in before])
    horizon = model.chart_e3_horizon({})
    assert horizon["series"][0]["values"][0] == pytest.approx(2 * 25.3)


# --- property tests -------------------------------------------------------------

def _param_strategy(p):
    if p["integer"]:
        return st.integers(min_value=p["min"], max_value=p["max"])
    return st.floats(min_value=p["min"], max_value=p["max"], allow_nan=False, allow_infinity=False)


in_bounds = st.fixed_dictionaries({p["name"]: _param_strategy(p) for p in model.SPEC})
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(in_bounds)
def test_in_bounds_inputs_never_raise_and_are_json_safe(params):
    res = model.compute(params)
    assert_json_safe(res)
    assert [v["id"] for v in res["verdicts"]] == list(VERDICT_IDS)
    for v in res["verdicts"]:
        assert v["holds"] in (True, False, None)
        assert v["text_zh"] and "None" not in v["text_zh"]
    for chart in charts(params):
        assert_json_safe(chart)


@FAST
@given(in_bounds, st.floats(min_value=1, max_value=80), st.floats(min_value=0, max_value=0.95))
def test_self_harm_ratio_ignores_price_impact_and_us_offset(params, impact, offset):
    # §3.3 key property: both sides scale with the same yield shock.
    a = model.compute(params)["outputs"]
    b = model.compute(dict(params, yield_impact_bp_per_100b=impact, us_offset_share=offset))["outputs"]
    if a["self_harm_ratio"] is None or a["us_extra_interest_b"] < 1e-6:
        return
    assert b["self_harm_ratio"] == pytest.approx(a["self_harm_ratio"], rel=1e-9)
    expected = params["duration_years"] * (a["H"] - a["M"] / 2) / a["rep_US"]
    assert a["self_harm_ratio"] == pytest.approx(expected, rel=1e-9)


@FAST
@given(in_bounds, st.integers(min_value=1, max_value=10))
def test_costs_grow_with_the_horizon(params, longer):
    short = model.compute(dict(params, horizon_years=min(params["horizon_years"], longer)))["outputs"]
    long = model.compute(dict(params, horizon_years=max(params["horizon_years"], longer)))["outputs"]
    assert long["us_extra_interest_b"] >= short["us_extra_interest_b"]
    assert long["retaliation_cost_b"] >= short["retaliation_cost_b"]
    assert long["eu_self_harm_b"] == short["eu_self_harm_b"]  # self-harm does not depend on T


@FAST
@given(in_bounds, st.floats(min_value=0.5, max_value=20))
def test_self_harm_grows_with_duration(params, duration):
    lo, hi = sorted((params["duration_years"], duration))
    assert (model.compute(dict(params, duration_years=hi))["outputs"]["eu_self_harm_b"]
            >= model.compute(dict(params, duration_years=lo))["outputs"]["eu_self_harm_b"])


@FAST
@given(in_bounds, st.floats(min_value=0, max_value=1500))
def test_retaliation_cost_grows_with_the_spread_and_flips_at_the_breakeven(params, spread):
    lo, hi = sorted((params["retaliation_spread_bp"], spread))
    low = model.compute(dict(params, retaliation_spread_bp=lo))
    high = model.compute(dict(params, retaliation_spread_bp=hi))
    assert high["outputs"]["retaliation_cost_b"] >= low["outputs"]["retaliation_cost_b"]
    for res in (low, high):
        if holds(res)["e3.asymmetric_retaliation"]:
            assert res["inputs"]["retaliation_spread_bp"] >= res["outputs"]["breakeven_spread_bp"]


@FAST
@given(in_bounds)
def test_not_credible_fails_exactly_when_the_crossover_is_within_the_horizon(params):
    res = model.compute(params)
    out = res["outputs"]
    if out["us_extra_interest_b"] <= 2e-9:  # toothless branch
        assert holds(res)["e3.not_credible"] is True
        return
    crossover = out["crossover_year"]
    within = crossover is not None and crossover <= params["horizon_years"]
    assert holds(res)["e3.not_credible"] is (not within)


@FAST
@given(in_bounds, st.floats(min_value=0, max_value=1))
def test_mobilisable_share_grows_with_the_official_sell_share(params, share):
    lo, hi = sorted((params["official_sell_share"], share))
    a = model.compute(dict(params, official_sell_share=lo))["outputs"]["mobilisable_share"]
    b = model.compute(dict(params, official_sell_share=hi))["outputs"]["mobilisable_share"]
    if a is not None:
        assert b >= a


# --- fuzz -------------------------------------------------------------------

def _no_bad_floats(obj):
    """True if no float anywhere in `obj` is NaN or infinite."""
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_no_bad_floats(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return all(_no_bad_floats(v) for v in obj)
    return True


def _random_params(rng):
    params = {}
    for p in model.SPEC:
        roll = rng.random()
        if roll < 0.1:
            value = p["min"]
        elif roll < 0.2:
            value = p["max"]
        elif p["integer"]:
            value = rng.randint(p["min"], p["max"])
        else:
            value = rng.uniform(p["min"], p["max"])
        params[p["name"]] = value
    return params


def _check_everything(params, walk=True):
    """compute + every chart: no exception, no NaN/inf, JSON-safe.

    json.dumps(allow_nan=False) already rejects NaN/inf; `walk` adds an explicit
    tree walk (skipped for the 32,768 corners to keep the test quick).
    """
    for obj in [model.compute(params)] + charts(params):
        assert_json_safe(obj)
        if walk:
            assert _no_bad_floats(obj)


def test_fuzz_three_thousand_random_inputs():
    rng = random.Random(20260103)
    for _ in range(3000):
        _check_everything(_random_params(rng))


def test_fuzz_every_min_max_corner():
    # All 2^15 corners of the parameter box, compute and every chart.
    names = [p["name"] for p in model.SPEC]
    bounds = [(p["min"], p["max"]) for p in model.SPEC]
    count = 0
    for corner in itertools.product(*bounds):
        _check_everything(dict(zip(names, corner)), walk=False)
        count += 1
    assert count == 2 ** len(names)


# --- public record (§3.8, §0.8) -----------------------------------------------------

# Domains the spec lists as "where found" that §0.8 forbids linking (content farms, mirrors,
# machine-written Q&A, SEO blogs, data aggregators and unofficial re-publications).
FORBIDDEN_DOMAINS = {
    "experts123.com", "gla.news", "investinglive.com", "unusual-whales.ghost.io", "unmuteit.net",
    "bieresearch.com", "online.flipbuilder.com", "flipbuilder.com", "worldgovernmentbonds.com",
    "dev.compliancecosmos.org", "compliancecosmos.org", "syriacpress.com",
}


def test_public_record_has_one_entry_per_spec_row():
    assert len(PUBLIC_RECORD) == 10
    assert [e["id"] for e in PUBLIC_RECORD] == [
        "C1+C2", "C1+C2", "C1+C2", "C4", "model", "model", "model", "model", "C6/C7", "C6"]
    assert len({e["key"] for e in PUBLIC_RECORD}) == len(PUBLIC_RECORD)


def test_public_record_entries_are_well_formed():
    for entry in PUBLIC_RECORD:
        assert entry["status"] in ("verified", "partial", "unverified")
        assert entry["claim_zh"].strip()
        assert isinstance(entry["note_zh"], str)
        if entry["status"] == "unverified":
            assert entry["figure_zh"] is None
        else:
            assert entry["figure_zh"].strip()
        for source in entry["sources"]:
            assert source["name"].strip()
            assert any(ch.isdigit() for ch in source["name"]) or source["url"], source
        if entry["status"] == "verified":
            assert any(s["url"] for s in entry["sources"]), entry["key"]


def test_public_record_links_are_https_and_never_forbidden_domains():
    for entry in PUBLIC_RECORD:
        for source in entry["sources"]:
            url = source["url"]
            if url is None:
                continue
            parsed = urlparse(url)
            assert parsed.scheme == "https", url
            host = parsed.hostname
            assert not any(host == d or host.endswith("." + d) for d in FORBIDDEN_DOMAINS), url


def test_unlinked_secondary_figures_are_marked_partial():
    by_key = {e["key"]: e for e in PUBLIC_RECORD}
    for key in ("C1C2_deutsche_bank_8tn", "C4_akademikerpension", "model_us_maturing"):
        assert by_key[key]["status"] == "partial"
        assert all(s["url"] is None for s in by_key[key]["sources"])
    assert by_key["model_eu_repricing"]["status"] == "unverified"


def test_record_constants_match_the_spec():
    from widgets import treasuries_record as record
    assert sum(v for _, v in record.TIC_EUROPE_TOP7_B) == pytest.approx(2986.4)
    assert record.TURKEY_2018_CDS_TO_BP - record.TURKEY_2018_CDS_FROM_BP == 410
    assert base.usd_bn_zh(sum(v for _, v in record.TIC_EUROPE_TOP7_B)) == "2.99万亿美元"
