"""Chart dicts (MODELS.md §0.9) → named data columns and a readable table.

Both sides use this one mapping: the build draws each Bokeh glyph from a
ColumnDataSource named after a key of `columns()`, and the browser replaces
those sources' data with `columns()` of the worker's fresh chart dict. Values
stay JSON (None for gaps); the browser turns None into NaN so Bokeh breaks the
line there instead of interpolating.
"""

import math

CATEGORICAL = ("bar", "range_bar", "stacked_bar")


def columns(chart):
    """Column data for every source a chart's figure uses.

    Args:
        chart: A chart dict as returned by a model's chart_<id>().

    Returns:
        {source name: {column: list}}. Sources: "s<i>" per series,
        "markers_x"/"markers_y", "regions_x"/"regions_y", and for diagrams
        "nodes" and "edges".
    """
    kind = chart["type"]
    xs = list(chart["x"]["values"])
    data = {}
    if kind == "diagram":
        data.update(_diagram(chart))
    elif kind == "stacked_bar":
        data.update(_stacked(chart, xs))
    else:
        for i, series in enumerate(chart["series"]):
            source = {"x": xs, "y": list(series.get("values") or [None] * len(xs))}
            if series.get("band_low") is not None:
                source["lo"] = list(series["band_low"])
                source["hi"] = list(series["band_high"])
            data[f"s{i}"] = source
    if chart.get("y", {}).get("scale") == "log":
        data = {name: _positive(columns, ("y", "lo", "hi", "bottom", "top")) for name, columns in data.items()}
    if chart["x"].get("scale") == "log" and kind not in CATEGORICAL:
        data = {name: _positive(columns, ("x",)) for name, columns in data.items()}
    for axis in ("x", "y"):
        marks = [m for m in chart.get("markers", []) if m["axis"] == axis]
        data[f"markers_{axis}"] = {"value": [m["value"] for m in marks],
                                   "label": [m.get("label_zh", "") for m in marks],
                                   "kind": [m["kind"] for m in marks]}
        spans = [r for r in chart.get("regions", []) if r["axis"] == axis]
        data[f"regions_{axis}"] = {"start": [r["from"] for r in spans],
                                   "end": [r["to"] for r in spans],
                                   "label": [r.get("label_zh", "") for r in spans]}
    return data


def right_axis(chart):
    """The right-hand axis a line chart draws: for series with y_axis "right" (axis `y2`) or
    panel "bottom" (axis `y_bottom`, on the right of the same plot); None if it has none."""
    if chart["type"] != "line":
        return None
    for series in chart["series"]:
        if series.get("y_axis") == "right" and chart.get("y2"):
            return chart["y2"]
        if series.get("panel") == "bottom" and chart.get("y_bottom"):
            return chart["y_bottom"]
    return None


def on_right(chart, series):
    """True when `series` is drawn against the chart's right-hand axis."""
    return right_axis(chart) is not None and (series.get("y_axis") == "right"
                                              or series.get("panel") == "bottom")


#: Room left around the data, as Bokeh's DataRange1d leaves it: 5 % of the span each side.
RANGE_PADDING = 0.1
#: The span around a single value (Bokeh's default_span).
DEFAULT_SPAN = 2.0


def ranges(chart, data=None):
    """The axis ranges that show every value `columns()` plots, with Bokeh's padding.

    The build draws the figure with these ranges and the browser sets them with each new
    answer, before the chart repaints: BokehJS would otherwise fit its data ranges during
    the repaint and then repaint again for the new range (two canvas paints per answer).

    Args:
        chart: A chart dict.
        data: `columns(chart)`, if already computed.

    Returns:
        {"x": [start, end], "y": [...], "y2": [...]} for the axes the chart has and that
        have at least one finite value: "x" for a numeric x axis, "y" for the left axis,
        "y2" for the right one. Categorical x axes and diagrams have fixed ranges.
    """
    kind = chart["type"]
    if kind == "diagram":
        return {}
    data = columns(chart) if data is None else data
    values = {"x": [], "y": [], "y2": []}
    for i, series in enumerate(chart.get("series", [])):
        source = data.get(f"s{i}", {})
        axis = "y2" if on_right(chart, series) else "y"
        for key in ("y", "lo", "hi", "bottom", "top"):
            values[axis].extend(source.get(key, ()))
        if kind in ("bar", "range_bar"):
            values[axis].append(0.0)  # a bar stands on zero
        if kind not in CATEGORICAL:
            values["x"].extend(source.get("x", ()))
    for axis in ("x", "y"):
        values[axis].extend(data[f"markers_{axis}"]["value"])
        values[axis].extend(data[f"regions_{axis}"]["start"] + data[f"regions_{axis}"]["end"])
    if kind in CATEGORICAL:
        values["x"] = []
    log = {"x": chart["x"].get("scale") == "log", "y": chart.get("y", {}).get("scale") == "log",
           "y2": False}
    found = {}
    for axis, numbers in values.items():
        finite = [v for v in numbers if isinstance(v, (int, float)) and not isinstance(v, bool)
                  and math.isfinite(v) and (v > 0 or not log[axis])]
        if finite:
            found[axis] = _padded(min(finite), max(finite), log[axis])
    return found


def _padded(low, high, log):
    """[start, end] around low..high: RANGE_PADDING of the span (in log space on a log axis),
    DEFAULT_SPAN around a single value; low..high itself where padding would leave the
    floats (the answer must stay JSON)."""
    if log:
        start, end = _padded(math.log10(low), math.log10(high), False)
        try:
            padded = [10 ** start, 10 ** end]
        except OverflowError:
            return [low, high]
        return padded if padded[0] > 0 and math.isfinite(padded[1]) else [low, high]
    if high == low:
        padded = [low - DEFAULT_SPAN / 2, high + DEFAULT_SPAN / 2]
    else:
        room = (high - low) * RANGE_PADDING / 2
        padded = [low - room, high + room]
    return padded if all(math.isfinite(v) for v in padded) else [low, high]


def _positive(columns, keys):
    """A log axis cannot show zero or negatives: make them gaps."""
    return {key: ([v if v is None or isinstance(v, str) or v > 0 else None for v in values]
                  if key in keys else values) for key, values in columns.items()}


def _stacked(chart, xs):
    """Bottom/top per series, stacking positive and negative values apart."""
    up = [0.0] * len(xs)
    down = [0.0] * len(xs)
    data = {}
    for i, series in enumerate(chart["series"]):
        bottom, top = [], []
        for j, value in enumerate(series["values"]):
            value = value or 0.0
            base = up if value >= 0 else down
            bottom.append(base[j])
            base[j] += value
            top.append(base[j])
        data[f"s{i}"] = {"x": xs, "bottom": bottom, "top": top, "y": list(series["values"])}
    return data


def _diagram(chart):
    """Nodes on a circle in loop order, with an edge from each node to the next."""
    labels = list(chart["x"]["values"])
    first = chart["series"][0] if chart["series"] else {}
    values = list(first.get("values") or [None] * len(labels))
    shown = list(first.get("labels_zh") or [_short(v) for v in values])
    count = max(len(labels), 1)
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(len(labels))]
    xs = [round(math.cos(a), 6) for a in angles]
    ys = [round(math.sin(a), 6) for a in angles]
    following = [(i + 1) % len(labels) for i in range(len(labels))]
    centre = chart.get("center") or {}
    return {
        "nodes": {"x": xs, "y": ys, "label": labels, "value": values,
                  "text": [f"{label}\n{text}" for label, text in zip(labels, shown)]},
        "edges": {"x0": xs, "y0": ys, "x1": [xs[k] for k in following],
                  "y1": [ys[k] for k in following]},
        "centre": {"x": [0], "y": [0], "text": [centre.get("label_zh", "")]},
    }


def _short(value):
    """Compact number for table cells and diagram nodes."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 1 or magnitude == 0:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def table(chart):
    """The chart as a table a screen reader (or a reader without JS) can use.

    Returns:
        {"head": [column titles], "rows": [[cell text, ...], ...]}.
    """
    x = chart["x"]
    head = [_title(x.get("label_zh", ""), x.get("unit", ""))]
    cells = []
    for series in chart["series"]:
        name = series.get("name_zh", "")
        if series.get("values") is not None:
            head.append(name)
            cells.append(series["values"])
        if series.get("band_low") is not None:
            head.extend([f"{name}(下限)", f"{name}(上限)"])
            cells.extend([series["band_low"], series["band_high"]])
    rows = [[_short(value)] + [_short(column[i]) for column in cells]
            for i, value in enumerate(x["values"])]
    return {"head": head, "rows": rows}


def _title(label, unit):
    """Column title with its unit in brackets when there is one."""
    return f"{label}({unit})" if unit else label
