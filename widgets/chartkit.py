"""Builders for the chart dicts of MODELS.md §0.9, shared by every model.

One set of constructors, always Chinese text before English: a model's chart function
says what it draws and these helpers spell the dict the build and the browser read.
Extra keys a chart type needs (`band_low`, `panel`, `y_axis`, `sources`, …) go in as
keyword arguments.
"""


def axis(label_zh, label_en, unit, values=None, scale="linear", **extra):
    """An axis; the x axis carries its `values`."""
    described = {"label_zh": label_zh, "label_en": label_en, "unit": unit, "scale": scale}
    if values is not None:
        described["values"] = values
    described.update(extra)
    return described


def series(name_zh, name_en, values, style="solid", **extra):
    """One series: a line, bar or band (`band_low`/`band_high` as extra keys)."""
    return dict({"name_zh": name_zh, "name_en": name_en, "values": values, "style": style},
                **extra)


def flat_band(name_zh, name_en, low, high, points, **extra):
    """A constant band from `low` to `high` across `points` x values, its middle as values."""
    middle = (low + high) / 2 if low is not None and high is not None else None
    return series(name_zh, name_en, [middle] * points, "band",
                  band_low=[low] * points, band_high=[high] * points, **extra)


def marker(axis_name, value, kind, label_zh, label_en, **extra):
    """A reference line at `value` on axis "x" or "y" (kind: current, threshold, …)."""
    return dict({"axis": axis_name, "value": value, "kind": kind,
                 "label_zh": label_zh, "label_en": label_en}, **extra)


def region(axis_name, start, end, label_zh, label_en):
    """A shaded span from `start` to `end` on axis "x" or "y"."""
    return {"axis": axis_name, "from": start, "to": end, "label_zh": label_zh,
            "label_en": label_en}


def copied(markers):
    """Fresh copies of static markers (their `sources` lists too), safe to hand out."""
    fresh = []
    for static in markers:
        item = dict(static)
        if "sources" in item:
            item["sources"] = [dict(source) for source in item["sources"]]
        fresh.append(item)
    return fresh


def layout(chart_id, chart_type, title_zh, x, y, **extra):
    """What a chart keeps whatever the scenario: id, type, title and axes (the x axis without
    its values), plus fixed extras such as `title_en` or a second y axis.

    An axis is an `axis()` dict or its arguments as a tuple (label_zh, label_en, unit[, scale]).
    """
    return dict({"id": chart_id, "type": chart_type, "title_zh": title_zh, "x": _axis_of(x),
                 "y": _axis_of(y)}, **extra)


def _axis_of(given):
    """An axis dict from an `axis()` dict or its (label_zh, label_en, unit[, scale]) tuple."""
    if isinstance(given, dict):
        return given
    label_zh, label_en, unit, *scale = given
    return axis(label_zh, label_en, unit, scale=scale[0] if scale else "linear")


def chart(fixed, caption_zh, x_values, series_list, markers=(), regions=(), **extra):
    """The chart dict of a `layout` for one scenario: caption, x values, series, markers,
    regions and the scenario's own extras (every part a fresh object)."""
    built = {key: dict(value) if isinstance(value, dict) else value
             for key, value in fixed.items()}
    built["x"]["values"] = x_values
    built.update(caption_zh=caption_zh, series=list(series_list), markers=list(markers),
                 regions=list(regions), **extra)
    return built
