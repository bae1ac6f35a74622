"""Real-browser tests of the live engine on the nato_taxpayer page, and their helpers.

The helpers here read what a reader sees on the page (live numbers, verdicts,
chart tables and captions, the Bokeh ColumnDataSources, the controls) into one
plain structure, and build the same structure from the model itself in the
test process with `widgets.runtime.evaluate` and `widgets.chartdata`, so a test
can say "the page shows exactly what the model gives for these parameters".
"""

import json

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets import chartdata, runtime
from widgets import nato_taxpayer as MODEL

NATO_PATH = "nato-taxpayer/"
ROOT = "[data-model]"
#: Chart ids on the nato page, in the order the model defines them.
CHART_IDS = runtime.chart_ids(MODEL)
SPEC_BY_NAME = {param["name"]: param for param in MODEL.SPEC}
DEFAULTS = {param["name"]: param["default"] for param in MODEL.SPEC}
#: Cold Pyodide start is 4-6 s on a laptop; a loaded 2-core CI box needs more.
READY_TIMEOUT_MS = 90000
#: Upper bound for one recompute (or a burst of coalesced ones) to reach the page.
UPDATE_TIMEOUT_MS = 30000

HOLDS_ATTR = {True: "true", False: "false", None: "null"}


def expected_view(params):
    """What the page must show for `params`, computed in this process by the model.

    Args:
        params: {parameter name: value}; missing names take the essay's defaults.

    Returns:
        {"outputs": {path: text}, "verdicts": {id: {"holds", "text"}},
         "charts": {chart id: {"caption", "rows", "columns"}}} with the same
        shape `read_view` returns for the page.
    """
    result = runtime.evaluate(MODEL, params, CHART_IDS)
    charts = {}
    for cid, chart in result["charts"].items():
        charts[cid] = {"caption": chart.get("caption_zh", ""),
                       "rows": chartdata.table(chart)["rows"],
                       "columns": chartdata.columns(chart)}
    return {
        "outputs": dict(result["display"]),
        "verdicts": {v["id"]: {"holds": HOLDS_ATTR[v["holds"]], "text": v["text_zh"]}
                     for v in result["verdicts"]},
        "charts": charts,
    }


def scenario(**changes):
    """The essay's defaults with `changes` applied (unknown names are a test bug)."""
    unknown = set(changes) - set(DEFAULTS)
    assert not unknown, f"not parameters of {MODEL.__name__}: {sorted(unknown)}"
    return {**DEFAULTS, **changes}


# Reads the page into the shape of expected_view(). Every element is read (a
# verdict appears both inline and in the verdict list); all copies must agree,
# so each key maps to the list of what its copies show. Bokeh sources are found
# through the document whose root is the chart's pre-rendered json_item root,
# then by name (get_model_by_name); NaN (a gap) is read back as null, as the
# model writes it.
READ_VIEW_JS = """(root) => {
  const view = {outputs: {}, verdicts: {}, charts: {}, params: {}};
  const push = (table, key, value) => (table[key] ??= []).push(value);
  for (const el of root.querySelectorAll('[data-output]')) push(view.outputs, el.dataset.output, el.textContent);
  for (const el of root.querySelectorAll('[data-verdict]')) {
    push(view.verdicts, el.dataset.verdict, {
      holds: el.dataset.holds, text: el.querySelector('[data-verdict-text]')?.textContent ?? null});
  }
  for (const el of root.querySelectorAll('input[type=number][data-param]')) {
    push(view.params, el.dataset.param, el.value);
  }
  const plain = (value) => (typeof value === 'number' && Number.isNaN(value)) ? null : value;
  for (const figure of root.querySelectorAll('[data-chart]')) {
    const itemScript = figure.querySelector('template[data-bokeh-item]');
    const rootId = itemScript ? JSON.parse(itemScript.content.textContent).root_id : null;
    const doc = (window.Bokeh?.documents ?? []).find((d) => d.roots().some((r) => r.id === rootId));
    let columns = null;
    if (doc) {
      columns = {};
      for (const model of doc.all_models) {
        if (model.type !== 'ColumnDataSource' || !model.name) continue;
        const data = {};
        for (const [key, values] of Object.entries(model.data)) data[key] = Array.from(values, plain);
        columns[model.name] = data;
      }
    }
    push(view.charts, figure.dataset.chart, {
      caption: figure.querySelector('[data-chart-caption]').textContent,
      rows: [...figure.querySelectorAll('[data-chart-table] tbody tr')].map(
        (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      columns,
    });
  }
  return view;
}"""

# True when the page shows `expected` exactly (same rule as view_mismatches).
SHOWS_JS = """([root, expected, withSources]) => {
  const view = (%s)(root);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const sorted = (object) => Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
  for (const [path, text] of Object.entries(expected.outputs)) {
    if ((view.outputs[path] ?? []).some((shown) => shown !== text)) return false;
  }
  for (const [id, verdict] of Object.entries(expected.verdicts)) {
    const shown = view.verdicts[id] ?? [];
    if (shown.some((v) => v.holds !== verdict.holds || v.text !== verdict.text)) return false;
  }
  for (const [id, chart] of Object.entries(expected.charts)) {
    for (const shown of view.charts[id] ?? []) {
      if (shown.caption !== chart.caption || !same(shown.rows, chart.rows)) return false;
      if (!withSources) continue;
      if (!shown.columns) return false;
      for (const [name, columns] of Object.entries(chart.columns)) {
        if (!shown.columns[name] || !same(sorted(shown.columns[name]), sorted(columns))) return false;
      }
    }
  }
  return true;
}""" % READ_VIEW_JS


def read_view(page):
    """Everything the nato page shows that the model computes (see READ_VIEW_JS)."""
    return page.locator(ROOT).evaluate(READ_VIEW_JS)


def view_mismatches(shown, expected, with_sources=True):
    """Readable differences between the page (`read_view`) and the model (`expected_view`).

    An output, verdict or chart present in the model but absent from the page
    is not a mismatch (a page places only some of them); a copy that differs is.

    Returns:
        A list of strings, empty when the page shows exactly what the model gives.
    """
    problems = []
    for path, text in expected["outputs"].items():
        problems += [f"output {path}: page {got!r}, model {text!r}"
                     for got in shown["outputs"].get(path, []) if got != text]
    for vid, verdict in expected["verdicts"].items():
        problems += [f"verdict {vid}: page holds={got['holds']} {got['text']!r}, "
                     f"model holds={verdict['holds']} {verdict['text']!r}"
                     for got in shown["verdicts"].get(vid, []) if got != verdict]
    for cid, chart in expected["charts"].items():
        for got in shown["charts"].get(cid, []):
            if got["caption"] != chart["caption"]:
                problems.append(f"{cid} caption: page {got['caption']!r}, model {chart['caption']!r}")
            if got["rows"] != chart["rows"]:
                problems.append(f"{cid} data table: page {got['rows']!r}, model {chart['rows']!r}")
            if with_sources:
                problems += _source_mismatches(cid, got["columns"], chart["columns"])
    return problems


def _source_mismatches(cid, shown_columns, expected_columns):
    """Differences between a chart's Bokeh sources and chartdata.columns()."""
    if shown_columns is None:
        return [f"{cid}: no Bokeh document drawn for this chart"]
    problems = []
    for name, columns in expected_columns.items():
        got = shown_columns.get(name)
        if got is None:
            problems.append(f"{cid}: no ColumnDataSource named {name!r} "
                            f"(the page has {sorted(shown_columns)})")
        elif got != columns:
            keys = sorted(set(got) | set(columns))
            differing = [key for key in keys if got.get(key) != columns.get(key)]
            problems.append(f"{cid} source {name!r} differs in {differing}: "
                            + "; ".join(f"{key}: page {got.get(key)!r} model {columns.get(key)!r}"
                                        for key in differing)[:1500])
    return problems


def wait_until_shows(page, params, timeout=UPDATE_TIMEOUT_MS, with_sources=True):
    """Wait until the page shows exactly the model's answer for `params`, then check it.

    Args:
        page: A Playwright page on the nato essay.
        params: The full scenario the page should be showing.
        timeout: Milliseconds to wait.
        with_sources: Also compare the Bokeh ColumnDataSources.

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    expected = expected_view(params)
    root = page.locator(ROOT).element_handle()
    try:
        page.wait_for_function(SHOWS_JS, arg=[root, expected, with_sources], timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # say precisely what differs, below
    problems = view_mismatches(read_view(page), expected, with_sources)
    assert not problems, (f"after {timeout} ms the page does not show the model's answer for "
                          f"{changed_params(params)}:\n" + "\n".join(problems[:20]))


def changed_params(params):
    """The parameters of `params` that differ from the essay's defaults (for messages)."""
    return {name: value for name, value in params.items() if DEFAULTS.get(name) != value}


def shown_params(page):
    """{name: [values of every number box for that parameter]} as floats."""
    boxes = read_view(page)["params"]
    return {name: [float(value) for value in values] for name, values in boxes.items()}


def fragment_params(page):
    """The scenario the page wrote into its URL fragment, as {name: float}."""
    fragment = page.evaluate("location.hash").lstrip("#")
    pairs = [pair.split("=", 1) for pair in fragment.split("&") if pair]
    return {name: float(value) for name, value in pairs}


def dumps(value):
    """Compact JSON for assertion messages."""
    return json.dumps(value, ensure_ascii=False)[:2000]
