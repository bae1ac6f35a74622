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


def chart(chart_id, chart_type, title_zh, caption_zh, x, y, series_list, markers=(),
          regions=(), **extra):
    """The chart dict: id, type, titles, caption, axes, series, markers, regions and extras."""
    built = {"id": chart_id, "type": chart_type, "title_zh": title_zh, "caption_zh": caption_zh,
             "x": x, "y": y, "series": list(series_list), "markers": list(markers),
             "regions": list(regions)}
    built.update(extra)
    return built
