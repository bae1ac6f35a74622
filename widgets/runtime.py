"""The JSON boundary between pages and models.

The same functions run at build time (the MkDocs plugin pre-renders the default
state with them) and in the browser's worker (Pyodide), so the page shows the
same numbers, sentences and chart data whichever side computed them. Pages send
and receive JSON only; nothing here reaches into the DOM or Bokeh.
"""

import functools
import importlib
import json
import math

from . import chartdata
from .base import defaults, display
from .protocol import REQUESTS

#: A verdict's badge text for each `holds` (the page shows what Python says, never its own copy).
HOLDS_ZH = {True: "成立", False: "不成立", None: "无法判断"}

#: Points scanned along each slider when looking for verdict flips.
FLIP_SAMPLES = 48


def load(slug, package="widgets"):
    """Import a model module by its slug (e.g. "nato_taxpayer")."""
    return importlib.import_module(f"{package}.{slug}")


def chart_ids(model):
    """Names of the model's chart functions, in definition order."""
    return [name for name in vars(model) if name.startswith("chart_") and callable(getattr(model, name))]


def flatten(value, prefix=""):
    """Flatten nested dict outputs into dotted paths: {"a": {"b": 1}} → {"a.b": 1}."""
    if isinstance(value, dict):
        flat = {}
        for key, inner in value.items():
            flat.update(flatten(inner, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def output_format(model, path):
    """The display format declared for a dotted output path (longest prefix wins)."""
    formats = model.OUTPUT_FORMATS
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in formats:
            return formats[key]
    raise KeyError(f"{model.__name__}: output {path!r} has no entry in OUTPUT_FORMATS")


@functools.lru_cache(maxsize=None)
def default_holds(model):
    """{verdict id: holds} at the essay's defaults (what the essay asserts); cached per model."""
    return holds_at(model, {})


def holds_at(model, params):
    """{verdict id: holds} for one scenario."""
    return {v["id"]: v["holds"] for v in model.compute(params, strict=False)["verdicts"]}


def evaluate(model, params, charts=(), shown=None):
    """Compute everything a page shows for `params`.

    Args:
        model: A model module.
        params: {name: number}; out-of-range values are clamped (strict=False).
        charts: Chart ids to compute as well.
        shown: Output paths to format for display (all when None); a page asks only
            for the numbers it shows, which keeps the reader's update fast.

    Returns:
        {"inputs", "warnings", "outputs": {dotted path: raw value},
         "display": {dotted path: Chinese text}, "verdicts": [...],
         "charts": {id: chart dict}} — JSON-safe.
    """
    result = model.compute(params, strict=False)
    outputs = flatten(result["outputs"])
    essay = default_holds(model)
    verdicts = [dict(v, essay_holds=essay.get(v["id"]), holds_zh=HOLDS_ZH[v["holds"]])
                for v in result["verdicts"]]
    paths = outputs if shown is None else [path for path in shown if path in outputs]
    return {
        "inputs": result["inputs"],
        "warnings": result["warnings"],
        "outputs": outputs,
        "display": {path: display(outputs[path], output_format(model, path)) for path in paths},
        "verdicts": verdicts,
        "charts": {cid: getattr(model, cid)(result["inputs"]) for cid in charts},
    }


def slider_positions(param, samples=FLIP_SAMPLES):
    """Evenly spaced values across a parameter's range (log-spaced for log sliders)."""
    lo, hi = param["min"], param["max"]
    if param["log"]:
        values = [math.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * i / (samples - 1))
                  for i in range(samples)]
    else:
        values = [lo + (hi - lo) * i / (samples - 1) for i in range(samples)]
    if param["integer"]:
        values = sorted({int(round(v)) for v in values})
    return values


def flips(model, params, names=None, samples=FLIP_SAMPLES):
    """Where each verdict changes along each slider, everything else as in `params`.

    Args:
        model: A model module.
        params: The current scenario.
        names: Parameters to scan (all by default).
        samples: Points per slider.

    Returns:
        {param name: [{"at": value, "verdict": id, "holds": holds beyond it}]},
        `at` located by bisection between the two scanned values that differ.
    """
    base = model.compute(params, strict=False)["inputs"]
    found = {}
    for param in model.SPEC:
        name = param["name"]
        if names is not None and name not in names:
            continue
        marks, previous, before = [], None, None
        for value in slider_positions(param, samples):
            holds = holds_at(model, dict(base, **{name: value}))
            if previous is not None:
                marks.extend({"at": _bisect_flip(model, base, param, before, value, vid),
                              "verdict": vid, "holds": holds[vid]}
                             for vid in holds if holds[vid] != previous.get(vid))
            previous, before = holds, value
        found[name] = marks
    return found


def _bisect_flip(model, base, param, lo, hi, vid, rounds=10):
    """Narrow the interval where verdict `vid` changes; return its upper end."""
    name = param["name"]
    start = holds_at(model, dict(base, **{name: lo}))[vid]
    for _ in range(rounds):
        if param["integer"] and hi - lo <= 1:
            break
        mid = (lo + hi) / 2
        if param["integer"]:
            mid = int(mid)
        if holds_at(model, dict(base, **{name: mid}))[vid] == start:
            lo = mid
        else:
            hi = mid
    return hi


def percent(param, value):
    """Where `value` sits along a slider's track, 0–100 (log-aware)."""
    lo, hi = param["min"], param["max"]
    if hi == lo:
        return 0.0
    if param["log"]:
        return round(100 * (math.log(value) - math.log(lo)) / (math.log(hi) - math.log(lo)), 3)
    return round(100 * (value - lo) / (hi - lo), 3)


def value_text(param, value):
    """A parameter value with its unit, as a reader (or screen reader) should see it."""
    number = f"{value:,}" if param["integer"] else f"{value:,.4g}"
    return f"{number} {param['unit']}".strip()


def verdict_title(model, vid):
    """A verdict's short Chinese name (VERDICT_TITLES), or its id."""
    return getattr(model, "VERDICT_TITLES", {}).get(vid, vid.split(".", 1)[-1])


def describe_flips(model, found):
    """Flip marks as slider ticks (track %) and one sentence per slider."""
    described = {}
    for param in model.SPEC:
        marks = found.get(param["name"])
        if marks is None:
            continue
        parts = [f'{value_text(param, m["at"])} 处「{verdict_title(model, m["verdict"])}」'
                 f'变为{HOLDS_ZH[m["holds"]]}' for m in marks[:4]]
        more = f" 等 {len(marks)} 处" if len(marks) > 4 else ""
        described[param["name"]] = {
            "ticks": [percent(param, m["at"]) for m in marks],
            "text": (";结论翻转:" + ";".join(parts) + more) if marks else ""}
    return described


def for_browser(chart):
    """What the page needs to redraw a chart at once: source columns, axis ranges, caption.

    The data table follows in a "tables" request when the reader pauses: it is
    the costliest part to format and sits in a closed <details>.
    """
    data = chartdata.columns(chart)
    return {"columns": data, "ranges": chartdata.ranges(chart, data),
            "caption": chart.get("caption_zh", "")}


#: What the page reads of a verdict (the build renders the rest: kind, rule, margin, English).
BROWSER_VERDICT_KEYS = ("id", "holds", "essay_holds", "holds_zh", "text_zh")


def _answer_evaluate(model, request):
    """The numbers, verdicts and charts in view, as the page applies them."""
    evaluated = evaluate(model, request.get("params") or {}, request.get("charts") or (),
                         request.get("outputs"))
    return {"warnings": evaluated["warnings"], "display": evaluated["display"],
            "verdicts": [{key: found[key] for key in BROWSER_VERDICT_KEYS}
                         for found in evaluated["verdicts"]],
            "charts": {cid: for_browser(chart) for cid, chart in evaluated["charts"].items()}}


def _answer_tables(model, request):
    """{chart id: what "evaluate" gives for the chart, plus its "table"}."""
    charts = evaluate(model, request.get("params") or {}, request.get("charts") or (),
                      shown=())["charts"]
    return {cid: dict(for_browser(chart), table=chartdata.table(chart))
            for cid, chart in charts.items()}


def _answer_flips(model, request):
    """Where each verdict flips along the sliders in "names" (all by default)."""
    return describe_flips(model, flips(model, request.get("params") or {}, request.get("names")))


#: One answer per request kind of the protocol.
ANSWERS = {"evaluate": _answer_evaluate, "tables": _answer_tables, "flips": _answer_flips}
assert tuple(ANSWERS) == REQUESTS, "runtime.ANSWERS must answer exactly protocol.REQUESTS"


def handle(request_json, package="widgets"):
    """Answer one worker request; JSON string in, JSON string out.

    Args:
        request_json: {"kind": one of protocol.REQUESTS, "model": slug, "params": {...},
            "charts": [...], "outputs": [...], "names": [...]}. "evaluate" answers what the
            page updates at once; "tables" {chart id: the chart as "evaluate" gives it, plus
            its "table"}, computed when the reader pauses; "flips" the slider marks.
        package: Package holding the models.

    Returns:
        The JSON-encoded answer (NaN/inf are never produced by the models).

    Raises:
        ValueError: the request's kind is not one of protocol.REQUESTS.
    """
    request = json.loads(request_json)
    kind = request["kind"]
    if kind not in ANSWERS:
        raise ValueError(f"unknown request kind {kind!r}; known kinds: {', '.join(ANSWERS)}")
    answer = ANSWERS[kind](load(request["model"], package), request)
    return json.dumps(answer, allow_nan=False, ensure_ascii=False)


__all__ = ["load", "chart_ids", "flatten", "output_format", "default_holds", "evaluate",
           "slider_positions", "flips", "describe_flips", "for_browser", "handle", "defaults"]
