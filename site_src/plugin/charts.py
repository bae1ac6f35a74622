"""Chart dicts (MODELS.md §0.9) → Bokeh figures, at build time only.

Each glyph reads a ColumnDataSource named after a key of
`widgets.chartdata.columns()`, so the browser can update a chart by replacing
those sources' data; no CustomJS (it needs eval, which our CSP forbids).
"""

import functools
import json
import math

from bokeh.embed import json_item as bokeh_json_item
from bokeh.models import (ColumnDataSource, DataRange1d, GlyphRenderer, HoverTool, HSpan, HStrip,
                          LabelSet, LinearAxis, Range1d, VSpan, VStrip)
from bokeh.plotting import figure

from widgets import chartdata, protocol

#: Series colours, chosen to read on both Material palettes.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b")
HEIGHT = 320
#: Name of the renderers that legend entries stand for (see `_legend_proxy`); the page knows it too.
LEGEND_PROXY = protocol.CONSTANTS["LEGEND_PROXY"]


def json_item(chart, target_id):
    """The Bokeh `json_item` for a chart dict, ready to embed into `target_id`.

    Building a Bokeh document is the slowest step of a build; under `mkdocs serve`
    an unchanged chart is taken from the previous rebuild.
    """
    return _cached_item(json.dumps(chart, sort_keys=True, allow_nan=False), target_id)


@functools.lru_cache(maxsize=256)
def _cached_item(chart_json, target_id):
    """json_item of a chart given as JSON (hashable, so unchanged charts are reused)."""
    return bokeh_json_item(build_figure(json.loads(chart_json)), target_id)


def build_figure(chart):
    """A Bokeh figure drawing `chart`, each glyph fed by a named data source."""
    data = chartdata.columns(chart)
    sources = {name: ColumnDataSource(data=_nan_for_none(columns), name=name)
               for name, columns in data.items()}
    ranges = chartdata.ranges(chart, data)
    fig = _figure(chart, ranges)
    kind = chart["type"]
    if kind == "line":
        _draw_lines(fig, chart, sources, ranges)
    elif kind == "diagram":
        _draw_diagram(fig, sources)
    else:
        _draw_bars(fig, chart, sources)
    _draw_markers(fig, sources)
    _place_legend(fig)
    return fig


def _place_legend(fig):
    """Legend below the plot, one entry a line (long Chinese labels fit a phone), so it never
    hides data; the figure grows by the legend's height so the plot keeps its own."""
    if not fig.legend:
        return
    legend = fig.legend[0]
    fig.center = [item for item in fig.center if item is not legend]
    legend.location = "top_left"
    legend.ncols = 1
    legend.click_policy = "hide"
    legend.border_line_color = None
    legend.background_fill_alpha = 0
    legend.label_text_font_size = "11px"
    legend.spacing = 2
    legend.padding = 2
    fig.add_layout(legend, "below")
    fig.height = HEIGHT + 20 * len(legend.items)
    for item in legend.items:
        item.renderers = [_legend_proxy(fig, item.renderers)]


def _legend_proxy(fig, series):
    """A renderer that draws nothing, styled like `series`, for their legend entry.

    BokehJS rebuilds a whole legend whenever a data source its entries reach changes (new
    canvases, style reads: most of a chart's update cost). A proxy's source never changes;
    its `tags` name the renderers it stands for, whose visibility the page keeps in step
    with it when a reader clicks the entry (bokeh.js, linkLegend).
    """
    first = series[0]
    glyph = type(first.glyph)(**first.glyph.properties_with_values(include_defaults=False))
    # One row of NaN (a valid factor where the column holds them): nothing is drawn in the
    # plot, and BokehJS has a row to draw the entry's swatch from.
    row = {column: [values[0] if values and isinstance(values[0], str) else math.nan]
           for column, values in first.data_source.data.items()}
    proxy = GlyphRenderer(glyph=glyph, data_source=ColumnDataSource(data=row),
                          y_range_name=first.y_range_name, name=LEGEND_PROXY,
                          tags=[renderer.id for renderer in series])
    fig.renderers.append(proxy)
    return proxy


def _nan_for_none(columns):
    """Bokeh breaks a line at NaN; JSON gaps arrive as None."""
    return {key: [math.nan if value is None else value for value in values]
            for key, values in columns.items()}


def _figure(chart, ranges):
    """An empty figure with the chart's axes, sized to the column width; numeric axes span
    `ranges` (chartdata.ranges), which the page resets with every answer."""
    x, y = chart["x"], chart.get("y", {})
    options = {"height": HEIGHT, "sizing_mode": "stretch_width", "toolbar_location": None,
               "background_fill_color": None, "border_fill_color": None,
               "outline_line_color": None, "y_range": _range(ranges.get("y"))}
    if chart["type"] in chartdata.CATEGORICAL:
        options["x_range"] = [str(v) for v in x["values"]]
    elif chart["type"] == "diagram":
        options.update(x_range=Range1d(-1.6, 1.6), y_range=Range1d(-1.4, 1.4))
    else:
        options["x_axis_type"] = x.get("scale", "linear")
        options["x_range"] = _range(ranges.get("x"))
    if y.get("scale") == "log":
        options["y_axis_type"] = "log"
    fig = figure(**options)
    fig.xaxis.axis_label = _axis_label(x)
    fig.yaxis.axis_label = _axis_label(y)
    if chart["type"] == "diagram":
        fig.axis.visible = False
        fig.grid.visible = False
    fig.name = chart["id"]
    return fig


def _range(span):
    """A fixed range over `span` ([start, end]); Bokeh's data range when the axis has no
    value to show yet."""
    return Range1d(*span) if span else DataRange1d()


def _axis_label(axis):
    """Axis title with unit."""
    label = axis.get("label_zh", "")
    return f"{label}({axis['unit']})" if axis.get("unit") else label


def _draw_lines(fig, chart, sources, ranges):
    """Lines, dashed lines and shaded bands; some series may use a right-hand axis."""
    right = chartdata.right_axis(chart)
    if right:
        fig.extra_y_ranges = {"right": _range(ranges.get("y2"))}
        fig.add_layout(LinearAxis(y_range_name="right", axis_label=_axis_label(right)), "right")
    for i, series in enumerate(chart["series"]):
        colour = PALETTE[i % len(PALETTE)]
        source = sources[f"s{i}"]
        name = series.get("name_zh", "")
        axis = {"y_range_name": "right"} if chartdata.on_right(chart, series) else {}
        if "lo" in source.data:
            hatched = series.get("fill") == "hatched"
            fig.varea(x="x", y1="lo", y2="hi", source=source, fill_alpha=0.1 if hatched else 0.18,
                      fill_color=colour, hatch_pattern="/" if hatched else None, hatch_color=colour,
                      hatch_alpha=0.5, legend_label=f"{name}(区间)" if name else "区间", **axis)
        if series.get("values") is not None:
            dash = "dashed" if series.get("style") == "dashed" else "solid"
            line = fig.line(x="x", y="y", source=source, line_width=2.5, line_color=colour,
                            line_dash=dash, legend_label=name or " ", **axis)
            fig.add_tools(HoverTool(renderers=[line], tooltips=[(name, "@y{0,0.[00]}"), ("x", "@x{0,0.[00]}")]))


def _draw_bars(fig, chart, sources):
    """Bars, range bars with whiskers, stacked bars; several series side by side."""
    from bokeh.transform import dodge

    count = len(chart["series"])
    width = 0.8 / max(count, 1) if chart["type"] != "stacked_bar" else 0.6
    for i, series in enumerate(chart["series"]):
        colour = PALETTE[i % len(PALETTE)]
        source = sources[f"s{i}"]
        name = series.get("name_zh", "") or " "
        if chart["type"] == "stacked_bar":
            fig.vbar(x="x", bottom="bottom", top="top", width=width, source=source,
                     fill_color=colour, line_color=None, legend_label=name)
            continue
        offset = (i - (count - 1) / 2) * width if count > 1 else 0
        x = dodge("x", offset, range=fig.x_range)
        hatch = "/" if series.get("style") == "hatched" else None
        fig.vbar(x=x, top="y", width=width * 0.9, source=source, fill_color=colour,
                 fill_alpha=0.85, line_color=None, hatch_pattern=hatch, legend_label=name)
        if "lo" in source.data:
            fig.segment(x0=x, y0="lo", x1=x, y1="hi", source=source, line_color="#555555",
                        line_width=2)
    fig.xgrid.visible = False


def _draw_diagram(fig, sources):
    """A loop: nodes on a circle joined by arrows in order."""
    from bokeh.models import Arrow, NormalHead

    fig.add_layout(Arrow(end=NormalHead(size=9, fill_color="#888888", line_color="#888888"),
                         x_start="x0", y_start="y0", x_end="x1", y_end="y1",
                         source=sources["edges"], line_color="#888888", line_width=1.5))
    fig.scatter(x="x", y="y", size=16, source=sources["nodes"], fill_color=PALETTE[0],
                line_color=None)
    fig.add_layout(LabelSet(x="x", y="y", text="text", source=sources["nodes"], x_offset=10,
                            y_offset=6, text_font_size="11px", name="node_labels"))
    fig.add_layout(LabelSet(x="x", y="y", text="text", source=sources["centre"], text_align="center",
                            text_baseline="middle", text_font_size="13px", text_font_style="bold",
                            name="centre_label"))


def _draw_markers(fig, sources):
    """Vertical/horizontal marker lines and shaded regions, with their labels."""
    fig.add_glyph(sources["regions_x"], VStrip(x0="start", x1="end", fill_color="#9e9e9e",
                                               fill_alpha=0.15, line_color=None))
    fig.add_glyph(sources["regions_y"], HStrip(y0="start", y1="end", fill_color="#9e9e9e",
                                               fill_alpha=0.15, line_color=None))
    fig.add_glyph(sources["markers_x"], VSpan(x="value", line_color="#e6550d", line_width=1.5,
                                              line_dash="dashed"))
    fig.add_glyph(sources["markers_y"], HSpan(y="value", line_color="#6a51a3", line_width=1.5,
                                              line_dash="dotted"))
    fig.add_layout(LabelSet(x="value", y=4, y_units="screen", text="label", angle=math.pi / 2,
                            source=sources["markers_x"], text_font_size="10px", x_offset=-3,
                            name="marker_labels_x"))
    fig.add_layout(LabelSet(x=4, x_units="screen", y="value", text="label", y_offset=3,
                            source=sources["markers_y"], text_font_size="10px",
                            name="marker_labels_y"))
    fig.add_layout(LabelSet(x="start", y=20, y_units="screen", text="label", x_offset=4,
                            source=sources["regions_x"], text_font_size="10px",
                            name="region_labels_x"))
