"""Hardening tests in a real Chromium: CSP, hostile URLs, failures, races, third parties.

The helpers here work for any of the five essay pages. `expected_view` asks
the model itself (`widgets.runtime.evaluate` + `widgets.chartdata`) what a
page must show for a scenario; `read_view` reads what the page does show, in
the same shape, so a test can say "the page shows exactly the model's answer".
"""

import json
from decimal import Decimal

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets import chartdata, runtime

ROOT = "[data-model]"
#: Page path → model slug (None: a page without a model).
PAGE_MODELS = {
    "": None,
    "meta-capex/": "meta_capex",
    "nato-taxpayer/": "nato_taxpayer",
    "europe-treasuries/": "treasuries",
    "notebooklm-flywheel/": "notebooklm",
    "spacex-space-solar/": "space_solar",
    "about/": None,
}
ESSAY_PATHS = [path for path, slug in PAGE_MODELS.items() if slug]
#: Chart sources are compared to this relative precision: Pyodide's libm and
#: CPython's may differ in the last bit (seen: notebooklm chart_e4_gain_sweep),
#: which no reader can see; text, verdicts and tables are compared exactly.
SOURCE_RTOL = 1e-12
#: Several engineers run Chromium on 2 cores at once: cold Pyodide can take long.
READY_TIMEOUT_MS = 90000
#: One recompute (or a burst of coalesced ones) reaching the page.
UPDATE_TIMEOUT_MS = 60000
HOLDS_ATTR = {True: "true", False: "false", None: "null"}


def model_of(path):
    """The model module behind a page path such as "nato-taxpayer/"."""
    return runtime.load(PAGE_MODELS[path])


def spec_by_name(model):
    """{parameter name: its SPEC entry}."""
    return {param["name"]: param for param in model.SPEC}


def defaults_of(model):
    """{parameter name: the essay's default}."""
    return {param["name"]: param["default"] for param in model.SPEC}


def expected_view(model, params):
    """What a page must show for `params`, computed in this process by the model.

    Args:
        model: A model module.
        params: {parameter name: value}; missing names take the defaults.

    Returns:
        {"outputs": {path: text}, "verdicts": {id: {"holds", "text"}},
         "charts": {chart id: {"caption", "rows", "columns"}}}.
    """
    result = runtime.evaluate(model, params, runtime.chart_ids(model))
    charts = {cid: {"caption": chart.get("caption_zh", ""),
                    "rows": chartdata.table(chart)["rows"],
                    "columns": chartdata.columns(chart)}
              for cid, chart in result["charts"].items()}
    return {
        "outputs": dict(result["display"]),
        "verdicts": {v["id"]: {"holds": HOLDS_ATTR[v["holds"]], "text": v["text_zh"]}
                     for v in result["verdicts"]},
        "charts": charts,
    }


# Reads the page into the shape of expected_view(); every copy of an output,
# verdict or chart is read (they appear more than once), so each key maps to a
# list. Bokeh sources are found through the document whose root is the chart's
# pre-rendered json_item root; NaN (a gap) is read back as null.
READ_VIEW_JS = """(root) => {
  const view = {outputs: {}, verdicts: {}, charts: {}, params: {}};
  const push = (table, key, value) => (table[key] ??= []).push(value);
  for (const el of root.querySelectorAll('[data-output]')) push(view.outputs, el.dataset.output, el.textContent);
  for (const el of root.querySelectorAll('[data-verdict]')) {
    push(view.verdicts, el.dataset.verdict, {
      holds: el.dataset.holds, text: el.querySelector('[data-verdict-text]')?.textContent ?? null});
  }
  for (const el of root.querySelectorAll('input[type=number][data-param]')) push(view.params, el.dataset.param, el.value);
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

# True when the page shows `expected` exactly (the rule of view_mismatches).
SHOWS_JS = """([root, expected, withSources]) => {
  const view = (%s)(root);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const close = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number'
      && Math.abs(a - b) <= %r * Math.max(Math.abs(a), Math.abs(b)));
  const sameColumns = (got, want) => Object.keys(got).length === Object.keys(want).length
      && Object.entries(want).every(([key, values]) => Array.isArray(got[key])
          && got[key].length === values.length && values.every((v, i) => close(got[key][i], v)));
  for (const [path, text] of Object.entries(expected.outputs)) {
    if ((view.outputs[path] ?? []).some((shown) => shown !== text)) return false;
  }
  for (const [id, verdict] of Object.entries(expected.verdicts)) {
    if ((view.verdicts[id] ?? []).some((v) => v.holds !== verdict.holds || v.text !== verdict.text)) return false;
  }
  for (const [id, chart] of Object.entries(expected.charts)) {
    for (const shown of view.charts[id] ?? []) {
      if (shown.caption !== chart.caption || !same(shown.rows, chart.rows)) return false;
      if (!withSources) continue;
      if (!shown.columns) return false;
      for (const [name, columns] of Object.entries(chart.columns)) {
        if (!shown.columns[name] || !sameColumns(shown.columns[name], columns)) return false;
      }
    }
  }
  return true;
}""" % (READ_VIEW_JS, SOURCE_RTOL)


def read_view(page):
    """Everything the page shows that the model computes (see READ_VIEW_JS)."""
    return page.locator(ROOT).evaluate(READ_VIEW_JS)


def view_mismatches(shown, expected, with_sources=True, with_tables=True):
    """Readable differences between the page (`read_view`) and the model (`expected_view`).

    `with_tables=False` leaves the data tables out: the engine refreshes them
    only when the reader pauses, after the numbers.

    Returns:
        A list of strings; empty when every copy on the page shows the model's answer.
    """
    problems = []
    for path, text in expected["outputs"].items():
        problems += [f"output {path}: page {got!r}, model {text!r}"
                     for got in shown["outputs"].get(path, []) if got != text]
    for vid, verdict in expected["verdicts"].items():
        problems += [f"verdict {vid}: page {got!r}, model {verdict!r}"
                     for got in shown["verdicts"].get(vid, []) if got != verdict]
    for cid, chart in expected["charts"].items():
        for got in shown["charts"].get(cid, []):
            if got["caption"] != chart["caption"]:
                problems.append(f"{cid} caption: page {got['caption']!r}, model {chart['caption']!r}")
            if with_tables and got["rows"] != chart["rows"]:
                problems.append(f"{cid} table: page {got['rows']!r}, model {chart['rows']!r}"[:600])
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
        if not _same_columns(got, columns):
            problems.append(f"{cid} source {name!r}: page {got!r}, model {columns!r}"[:600])
    return problems


def _same_columns(got, want):
    """Same keys, same lengths, values equal (numbers to SOURCE_RTOL)."""
    if got is None or set(got) != set(want):
        return False
    return all(len(got[key]) == len(values) and all(map(_close, got[key], values))
               for key, values in want.items())


def _close(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return a == b or abs(a - b) <= SOURCE_RTOL * max(abs(a), abs(b))
    return a == b


def assert_shows(page, model, params, timeout=UPDATE_TIMEOUT_MS, with_sources=True):
    """Wait until the page shows exactly the model's answer for `params`, then check it.

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    expected = expected_view(model, params)
    root = page.locator(ROOT).element_handle()
    try:
        page.wait_for_function(SHOWS_JS, arg=[root, expected, with_sources], timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # say precisely what differs, below
    problems = view_mismatches(read_view(page), expected, with_sources)
    changed = {k: v for k, v in params.items() if defaults_of(model).get(k) != v}
    assert not problems, (f"{page.url}: the page does not show the model's answer for "
                          f"{json.dumps(changed)}:\n" + "\n".join(problems[:12]))


def shown_params(page):
    """{name: value} read from the page's number boxes (all copies must agree)."""
    boxes = read_view(page)["params"]
    params = {}
    for name, values in boxes.items():
        assert len(set(values)) == 1, f"number boxes for {name} disagree: {values}"
        params[name] = float(values[0])
    return params


def assert_controls_show(page, params):
    """Every number box on the page shows its parameter's value in `params`."""
    shown = shown_params(page)
    wrong = {name: value for name, value in shown.items() if value != params[name]}
    assert shown and not wrong, (f"number boxes show {wrong}, expected "
                                 f"{ {name: params[name] for name in wrong} }")


def state(page):
    """The model root's data-state."""
    return page.locator(ROOT).get_attribute("data-state")


def status_text(page):
    """Text of the model's status line."""
    return page.locator(f"{ROOT} [data-status]").inner_text()


def notice(page):
    """(visible?, text, number of child elements) of the page's notice line."""
    return page.locator(f"{ROOT} [data-notice]").evaluate(
        "(el) => [!el.hidden && el.getClientRects().length > 0, el.textContent, el.children.length]")


def wait_state(page, wanted, timeout=READY_TIMEOUT_MS):
    """Wait until data-state is one of `wanted` (a tuple); return it."""
    page.wait_for_function(
        "(wanted) => wanted.includes(document.querySelector('[data-model]')?.dataset.state)",
        arg=list(wanted), timeout=timeout)
    return state(page)


def range_input(page, name):
    """The range slider of parameter `name`."""
    return page.locator(f'{ROOT} input[type=range][data-param="{name}"]').first


def step_value(param, value, steps):
    """Where a native range input lands after `steps` arrow presses (+ right, - left).

    The browser steps in exact decimal from the slider's min and stops at its
    bounds; Decimal reproduces that, so the test knows the value without
    reading the page.
    """
    low, high, step = (Decimal(str(param[key])) for key in ("min", "max", "step"))
    landed = Decimal(str(value)) + steps * step
    return float(min(max(landed, low), high))


def is_chinese(text):
    """True if `text` contains Han characters (the notices are written in Chinese)."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)
