"""`site_src.plugin.charts`: the Bokeh figures built for every chart of every model, at defaults.

What a reader relies on: each legend entry draws its series' swatch and hides that series
when clicked (the click itself is tested in a browser, tests/ui/pages), and a legend
never depends on the data the page replaces on every slider move (BokehJS rebuilds a
legend whenever a source its entries reach changes: that was most of a chart's update).
"""

import math

import pytest
from bokeh.models import ColumnDataSource, GlyphRenderer

from site_src.plugin import charts, check
from widgets import runtime


def all_charts():
    """(model slug, chart dict) for every chart of every model, at the essay's defaults."""
    found = []
    for slug in check.models():
        model = runtime.load(slug)
        result = runtime.evaluate(model, runtime.defaults(model.SPEC), charts=runtime.chart_ids(model))
        found += [(slug, chart) for chart in result["charts"].values()]
    return found


CHARTS = all_charts()


@pytest.mark.parametrize("slug,chart", CHARTS, ids=[chart["id"] for _, chart in CHARTS])
def test_legend_entries_stand_for_proxies_whose_data_never_changes(slug, chart):
    fig = charts.build_figure(chart)
    named = {source.name for source in fig.select(type=ColumnDataSource) if source.name}
    renderers = {renderer.id: renderer for renderer in fig.renderers if isinstance(renderer, GlyphRenderer)}
    stood_for = []
    for legend in fig.legend:
        for item in legend.items:
            assert len(item.renderers) == 1, f"{chart['id']}: entry {item.label} has several renderers"
            proxy = item.renderers[0]
            assert proxy.name == charts.LEGEND_PROXY and proxy in fig.renderers
            assert proxy.data_source.name not in named, \
                f"{chart['id']}: legend entry {item.label} reads a source the page updates"
            for column, values in proxy.data_source.data.items():
                assert len(values) == 1 and (isinstance(values[0], str) or math.isnan(values[0])), \
                    f"{chart['id']}: the proxy of {item.label} would draw something ({column}={values})"
            series = [renderers[rid] for rid in proxy.tags]
            assert series, f"{chart['id']}: entry {item.label} stands for no series"
            for renderer in series:
                assert type(renderer.glyph) is type(proxy.glyph) and renderer.name != charts.LEGEND_PROXY
                assert renderer.data_source.name in named, f"{chart['id']}: a series without a page source"
                assert renderer.y_range_name == proxy.y_range_name
                drawn = renderer.glyph.properties_with_values()
                assert proxy.glyph.properties_with_values() == drawn, \
                    f"{chart['id']}: the swatch of {item.label} is styled unlike its series"
            stood_for += proxy.tags
    assert len(stood_for) == len(set(stood_for)), f"{chart['id']}: a series sits in two legend entries"
    labelled = [series for series in chart["series"] if chart["type"] != "diagram"]
    assert bool(stood_for) == bool(labelled), f"{chart['id']}: series without a legend, or a legend without series"


@pytest.mark.parametrize("slug,chart", CHARTS, ids=[chart["id"] for _, chart in CHARTS])
def test_numeric_axes_are_fixed_to_the_models_ranges(slug, chart):
    """BokehJS fits a DataRange1d during a repaint and then repaints again for the new range;
    with the ranges set from the model's answer (chartdata.ranges), a chart paints once."""
    from bokeh.models import DataRange1d, Range1d
    from widgets import chartdata

    fig = charts.build_figure(chart)
    assert not fig.select(type=DataRange1d), f"{chart['id']}: an axis still fits itself to the data"
    expected = chartdata.ranges(chart)
    found = {"y": fig.y_range}
    if chart["type"] not in chartdata.CATEGORICAL and chart["type"] != "diagram":
        found["x"] = fig.x_range
    if "right" in fig.extra_y_ranges:
        found["y2"] = fig.extra_y_ranges["right"]
    if chart["type"] == "diagram":
        assert (fig.x_range.start, fig.y_range.end) == (-1.6, 1.4), "a diagram keeps its fixed frame"
        return
    assert set(found) == set(expected), f"{chart['id']}: axes {sorted(found)} vs ranges {sorted(expected)}"
    for axis, range_ in found.items():
        assert isinstance(range_, Range1d)
        assert [range_.start, range_.end] == pytest.approx(expected[axis])
