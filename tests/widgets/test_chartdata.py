"""`widgets.chartdata`: chart dicts → the named columns Bokeh draws and the readers' table."""

import math

import pytest

from widgets import chartdata, runtime
from widgets import nato_taxpayer as model
from widgets.registry import MODELS


def axis(label, unit, values=None):
    """An axis dict; values only for x."""
    found = {"label_zh": label, "label_en": label, "unit": unit, "scale": "linear"}
    if values is not None:
        found["values"] = values
    return found


def chart(kind, xs, series, markers=(), regions=(), **extra):
    """A MODELS.md §0.9 chart dict."""
    return dict({"id": "chart_test", "type": kind, "title_zh": "测试", "caption_zh": "说明",
                 "x": axis("横轴", "年", xs), "y": axis("纵轴", "美元"), "series": list(series),
                 "markers": list(markers), "regions": list(regions)}, **extra)


LINE_WITH_BAND = chart(
    "line", [0, 1, 2, 3],
    [{"name_zh": "收入", "style": "band", "values": [1.0, None, 3.0, 4.0],
      "band_low": [0.5, None, 2.5, 3.5], "band_high": [1.5, None, 3.5, 4.5]},
     {"name_zh": "目标", "style": "dashed", "values": [2, 2, 2, 2]},
     {"name_zh": "仅区间", "style": "band", "values": None,
      "band_low": [0, 0, 0, 0], "band_high": [9, 9, 9, 9]}],
    markers=[{"axis": "x", "value": 2, "kind": "current", "label_zh": "当前"},
             {"axis": "y", "value": 2.5, "kind": "threshold", "label_zh": "门槛"},
             {"axis": "x", "value": 1, "kind": "breakeven"}],
    regions=[{"axis": "x", "from": 1, "to": 2, "label_zh": "文中区间"}])


def test_line_series_keep_gaps_and_bands():
    data = chartdata.columns(LINE_WITH_BAND)
    assert data["s0"] == {"x": [0, 1, 2, 3], "y": [1.0, None, 3.0, 4.0],
                          "lo": [0.5, None, 2.5, 3.5], "hi": [1.5, None, 3.5, 4.5]}
    assert data["s1"] == {"x": [0, 1, 2, 3], "y": [2, 2, 2, 2]}, "no band → no lo/hi columns"
    assert data["s2"]["y"] == [None] * 4, "a band without a line is all gaps"
    assert data["s2"]["lo"] == [0, 0, 0, 0]


def test_markers_and_regions_are_split_by_axis():
    data = chartdata.columns(LINE_WITH_BAND)
    assert data["markers_x"] == {"value": [2, 1], "label": ["当前", ""], "kind": ["current", "breakeven"]}
    assert data["markers_y"] == {"value": [2.5], "label": ["门槛"], "kind": ["threshold"]}
    assert data["regions_x"] == {"start": [1], "end": [2], "label": ["文中区间"]}
    assert data["regions_y"] == {"start": [], "end": [], "label": []}


def test_every_source_has_columns_of_equal_length():
    for example in (LINE_WITH_BAND, RANGE_BAR, STACKED, DIAGRAM):
        for name, columns in chartdata.columns(example).items():
            lengths = {len(values) for values in columns.values()}
            assert len(lengths) == 1, f"{example['type']} source {name}: columns of lengths {lengths}"


RANGE_BAR = chart(
    "range_bar", ["补贴", "收益"],
    [{"name_zh": "中位数", "style": "solid", "values": [150, 225],
      "band_low": [100, 200], "band_high": [200, 250]},
     {"name_zh": "延伸", "style": "dashed", "values": [None, 400],
      "band_low": [None, 300], "band_high": [None, 400]}])


def test_range_bar_has_whisker_columns_and_categorical_x():
    data = chartdata.columns(RANGE_BAR)
    assert data["s0"] == {"x": ["补贴", "收益"], "y": [150, 225], "lo": [100, 200], "hi": [200, 250]}
    assert data["s1"]["y"] == [None, 400], "a missing bar stays a gap"
    assert "range_bar" in chartdata.CATEGORICAL


STACKED = chart(
    "stacked_bar", ["甲", "乙"],
    [{"name_zh": "一", "values": [10, -5]},
     {"name_zh": "二", "values": [5, -3]},
     {"name_zh": "三", "values": [None, 4]}])


def test_stacked_bars_stack_positive_and_negative_apart():
    data = chartdata.columns(STACKED)
    assert data["s0"] == {"x": ["甲", "乙"], "bottom": [0.0, 0.0], "top": [10, -5], "y": [10, -5]}
    assert data["s1"] == {"x": ["甲", "乙"], "bottom": [10, -5], "top": [15, -8], "y": [5, -3]}
    # A gap draws nothing (zero height) but keeps its None for the table and tooltips.
    assert data["s2"] == {"x": ["甲", "乙"], "bottom": [15, 0.0], "top": [15, 4], "y": [None, 4]}


DIAGRAM = chart("diagram", ["算力", "数据", "模型", "用户"],
                [{"name_zh": "强度", "values": [1.0, None, 1234.5, 0.25]}])


def test_diagram_places_nodes_on_a_circle_joined_in_loop_order():
    data = chartdata.columns(DIAGRAM)
    nodes, edges = data["nodes"], data["edges"]
    assert (nodes["x"][0], nodes["y"][0]) == (0, 1), "the first step sits at the top"
    for x, y in zip(nodes["x"], nodes["y"]):
        assert math.hypot(x, y) == pytest.approx(1, abs=1e-5)
    assert nodes["label"] == ["算力", "数据", "模型", "用户"]
    assert nodes["text"] == ["算力\n1", "数据\n—", "模型\n1,234", "用户\n0.25"]
    following = [(i + 1) % 4 for i in range(4)]
    assert edges["x1"] == [nodes["x"][k] for k in following]
    assert edges["y1"] == [nodes["y"][k] for k in following]
    assert (edges["x0"], edges["y0"]) == (nodes["x"], nodes["y"])


def test_table_has_one_column_per_line_and_band_edge():
    table = chartdata.table(LINE_WITH_BAND)
    assert table["head"] == ["横轴(年)", "收入", "收入(下限)", "收入(上限)", "目标",
                             "仅区间(下限)", "仅区间(上限)"]
    assert len(table["rows"]) == 4
    assert all(len(row) == len(table["head"]) for row in table["rows"])
    assert table["rows"][1] == ["1", "—", "—", "—", "2", "0", "9"], "gaps read as —"


def test_table_cells_are_compact_numbers():
    table = chartdata.table(chart("line", [0.5, 150, 2500.4],
                                  [{"name_zh": "值", "values": [0.012345, 99.456, -12345.6]}]))
    assert table["rows"] == [["0.5", "0.0123"], ["150", "99.46"], ["2,500", "-12,346"]]


def test_table_of_range_and_stacked_bars():
    assert chartdata.table(RANGE_BAR)["head"] == ["横轴(年)", "中位数", "中位数(下限)", "中位数(上限)",
                                                 "延伸", "延伸(下限)", "延伸(上限)"]
    assert chartdata.table(RANGE_BAR)["rows"][0] == ["补贴", "150", "100", "200", "—", "—", "—"]
    assert chartdata.table(STACKED)["rows"] == [["甲", "10", "5", "—"], ["乙", "-5", "-3", "4"]]


@pytest.mark.parametrize("cid", runtime.chart_ids(model))
def test_real_charts_give_a_source_per_series_and_a_full_table(cid):
    data = getattr(model, cid)({})
    sources = chartdata.columns(data)
    assert {f"s{i}" for i in range(len(data["series"]))} <= set(sources)
    assert {"markers_x", "markers_y", "regions_x", "regions_y"} <= set(sources)
    table = chartdata.table(data)
    assert len(table["rows"]) == len(data["x"]["values"])
    assert all(len(row) == len(table["head"]) for row in table["rows"])


# --- axis ranges ----------------------------------------------------------------------

def test_ranges_pad_the_data_as_bokeh_does():
    ranges = chartdata.ranges(LINE_WITH_BAND)
    # x: data 0..3 (markers 2, 1 and the region 1..2 inside) → 5 % of the span each side.
    assert ranges["x"] == pytest.approx([-0.15, 3.15])
    # y: bands reach 0..9, the marker 2.5 is inside.
    assert ranges["y"] == pytest.approx([-0.45, 9.45])
    assert "y2" not in ranges, "no series on a right-hand axis"


def test_ranges_keep_bars_standing_on_zero_and_leave_categories_alone():
    ranges = chartdata.ranges(RANGE_BAR)
    assert set(ranges) == {"y"}, "a categorical x axis keeps its factors"
    assert ranges["y"] == pytest.approx([-20, 420]), "0..400: the bars stand on zero"
    assert chartdata.ranges(STACKED)["y"] == pytest.approx([-9.15, 16.15]), "stacks reach -8 and 15"
    assert chartdata.ranges(DIAGRAM) == {}, "a diagram's frame is fixed"


def test_a_single_value_gets_a_span_and_a_log_axis_pads_in_log_space():
    flat = chart("line", [1, 2], [{"name_zh": "平", "values": [5, 5]}])
    assert chartdata.ranges(flat)["y"] == [4.0, 6.0]
    logged = chart("line", [1, 2], [{"name_zh": "对数", "values": [10, 1000]}])
    logged["y"]["scale"] = "log"
    low, high = chartdata.ranges(logged)["y"]
    assert (math.log10(low), math.log10(high)) == pytest.approx((0.9, 3.1))


def test_right_hand_series_get_their_own_range():
    two = chart("line", [0, 1], [{"name_zh": "左", "values": [0, 1]},
                                 {"name_zh": "右", "values": [100, 300], "y_axis": "right"}],
                y2=axis("右轴", "%"))
    ranges = chartdata.ranges(two)
    assert ranges["y"] == pytest.approx([-0.05, 1.05])
    assert ranges["y2"] == pytest.approx([90, 310])


def test_an_axis_without_values_has_no_range():
    empty = chart("line", [0, 1], [{"name_zh": "空", "values": [None, None]}])
    assert set(chartdata.ranges(empty)) == {"x"}


def scenarios(model):
    """Defaults, every preset, and every parameter at each end of its range."""
    spec = model.SPEC
    found = [runtime.defaults(spec)]
    found += [dict(runtime.defaults(spec), **preset) for preset in getattr(model, "PRESETS", {}).values()]
    for param in spec:
        for end in ("min", "max"):
            found.append(dict(runtime.defaults(spec), **{param["name"]: param[end]}))
    return found


@pytest.mark.parametrize("slug", MODELS)
def test_every_plotted_value_lies_inside_its_axis_range(slug):
    """What the reader sees: no line, band, bar, marker or region falls off the plot."""
    model_ = runtime.load(slug)
    for params in scenarios(model_):
        for chart_ in runtime.evaluate(model_, params, runtime.chart_ids(model_))["charts"].values():
            data = chartdata.columns(chart_)
            ranges = chartdata.ranges(chart_, data)
            plotted = {"x": [], "y": [], "y2": []}
            for i, series in enumerate(chart_["series"] if chart_["type"] != "diagram" else []):
                right = chartdata.on_right(chart_, series)
                source = data[f"s{i}"]
                plotted["y2" if right else "y"] += [source.get(k, []) for k in ("y", "lo", "hi", "bottom", "top")]
                if chart_["type"] not in chartdata.CATEGORICAL:
                    plotted["x"].append(source["x"])
            if chart_["type"] != "diagram":
                for name in ("x", "y"):
                    plotted[name] += [data[f"markers_{name}"]["value"], data[f"regions_{name}"]["start"],
                                      data[f"regions_{name}"]["end"]]
            for name, lists in plotted.items():
                values = [v for values in lists for v in values if isinstance(v, (int, float)) and v is not None]
                if not values:
                    continue
                start, end = ranges[name]
                assert start < end, f"{slug} {chart_['id']} {name}: empty range {ranges[name]}"
                for value in values:
                    assert start <= value <= end, f"{slug} {chart_['id']} {params}: {name}={value} outside {ranges[name]}"


def test_ranges_of_extreme_values_stay_finite():
    huge = chart("line", [0, 1], [{"name_zh": "大", "values": [-1.7e308, 1.7e308]}])
    assert chartdata.ranges(huge)["y"] == [-1.7e308, 1.7e308], "padding would overflow: the data's own span"
    logged = chart("line", [1, 2], [{"name_zh": "对数", "values": [1e-300, 1.7e308]}])
    logged["y"]["scale"] = "log"
    low, high = chartdata.ranges(logged)["y"]
    assert math.isfinite(low) and math.isfinite(high) and low <= 1e-300 and high >= 1.7e308
    tiny = chart("line", [1, 2], [{"name_zh": "小", "values": [5e-324, 1.0]}])
    tiny["y"]["scale"] = "log"
    assert chartdata.ranges(tiny)["y"][0] > 0, "a log axis never starts at zero"


def test_a_series_marked_right_without_a_right_axis_counts_on_the_left():
    """The figure draws it against the left axis then (charts.py), so its range must hold it."""
    marked = chart("line", [0, 1], [{"name_zh": "左", "values": [0, 1]},
                                    {"name_zh": "右", "values": [100, 300], "y_axis": "right"}])
    assert chartdata.right_axis(marked) is None and not chartdata.on_right(marked, marked["series"][1])
    assert chartdata.ranges(marked)["y"] == pytest.approx([-15, 315]) and "y2" not in chartdata.ranges(marked)
