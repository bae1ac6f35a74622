"""Fuzz the browser's path into every model: `runtime.handle`, as the worker calls it.

Each model's own test file fuzzes `compute` and its charts (3,000 random
in-bounds inputs plus exact bounds). This adds what those do not reach: the
JSON boundary and the display strings a reader sees (`evaluate`'s "display",
verdict sentences, chart tables and captions), for every model of the registry, on 3,000
random in-bounds scenarios each plus every parameter alone at its min and max.
"""

import json
import math
import random

import pytest

from widgets import runtime
from widgets.registry import MODELS

CASES = 3000
#: Text a broken number turns into; none may reach a reader.
NON_NUMBERS = ("nan", "inf", "None", "NaN", "Infinity")


def random_scenario(spec, rng):
    """One in-bounds scenario; each value is an exact bound one time in ten."""
    params = {}
    for param in spec:
        low, high = param["min"], param["max"]
        roll = rng.random()
        if roll < 0.05:
            value = low
        elif roll < 0.10:
            value = high
        elif param["integer"]:
            value = rng.randint(int(low), int(high))
        elif param["log"]:
            value = math.exp(rng.uniform(math.log(low), math.log(high)))
        else:
            value = rng.uniform(low, high)
        params[param["name"]] = value
    return params


def bound_scenarios(spec):
    """All-min, all-max, and every parameter alone at its min and at its max."""
    yield {p["name"]: p["min"] for p in spec}
    yield {p["name"]: p["max"] for p in spec}
    for param in spec:
        yield {param["name"]: param["min"]}
        yield {param["name"]: param["max"]}


def ask(kind, slug, params, charts):
    """What the worker would post back for one request (strict JSON, parsed)."""
    request = json.dumps({"kind": kind, "model": slug, "params": params, "charts": charts})
    answer = runtime.handle(request)  # json.dumps(allow_nan=False) inside: NaN/inf would raise
    return json.loads(answer)


def chart_tables(slug, params, answer, charts):
    """{chart id: table} whether the evaluate answer carries tables or a "tables" request does."""
    if all("table" in chart for chart in answer["charts"].values()):
        return {cid: chart["table"] for cid, chart in answer["charts"].items()}
    return {cid: chart["table"] for cid, chart in ask("tables", slug, params, charts).items()}


def assert_readable(answer, tables, outputs, where):
    """Every display string, verdict sentence, table cell and caption is real text."""
    texts = list(answer["display"].values())
    texts += [v["text_zh"] for v in answer["verdicts"]]
    texts += [chart["caption"] for chart in answer["charts"].values()]
    assert set(tables) == set(answer["charts"]), f"{where}: tables {sorted(tables)}"
    for table in tables.values():
        texts += [cell for row in table["rows"] for cell in row]
    for text in texts:
        assert isinstance(text, str) and text.strip(), f"{where}: empty or non-text {text!r}"
        assert not any(bad in text for bad in NON_NUMBERS), f"{where}: {text!r} shows a broken number"
    assert set(answer["display"]) == set(outputs), f"{where}: an output has no display string"
    for verdict in answer["verdicts"]:
        assert verdict["holds"] in (True, False, None), f"{where}: {verdict['id']} holds={verdict['holds']!r}"


@pytest.mark.parametrize("slug", MODELS)
def test_random_and_boundary_scenarios_give_strict_json_and_readable_text(slug):
    model = runtime.load(slug)
    charts = runtime.chart_ids(model)
    rng = random.Random(f"fuzz-all-{slug}")
    scenarios = list(bound_scenarios(model.SPEC)) + [random_scenario(model.SPEC, rng) for _ in range(CASES)]
    for index, params in enumerate(scenarios):
        # Charts are the slow part: every boundary case, then every third random one.
        with_charts = charts if index < 2 + 2 * len(model.SPEC) or index % 3 == 0 else []
        answer = ask("evaluate", slug, params, with_charts)
        assert all(isinstance(w, str) and w for w in answer["warnings"]), answer["warnings"]
        tables = chart_tables(slug, params, answer, with_charts) if with_charts else {}
        outputs = runtime.flatten(model.compute(params, strict=False)["outputs"])
        assert_readable(answer, tables, outputs, f"{slug} case {index} {params}")
