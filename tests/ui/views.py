"""What a live essay page shows, against what its model gives: one implementation for every model.

`expected_view(model, params)` asks the model itself, in the test process
(`widgets.runtime.evaluate` + `widgets.chartdata`), what a page must show for
a scenario; `read_view(page)` reads what the page does show (live numbers,
verdicts, chart captions and data tables, the Bokeh ColumnDataSources behind
the charts, the number boxes) into the same shape. `view_mismatches` lists
the differences, and `wait_until_shows` waits until there are none.

Sources are compared exactly unless a caller passes `rtol` (a relative
tolerance for numbers in the Bokeh sources only); text, verdicts and tables
are always compared exactly. The packages under tests/ui import from here
and keep their own names (`from ..views import ...`).
"""

import json

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets import chartdata, runtime

#: The model root of an essay page.
ROOT = "[data-model]"
#: A cold Pyodide start is 3-6 s alone; several Chromiums may share two cores.
READY_TIMEOUT_MS = 90000
#: Upper bound for one recompute (or a burst of coalesced ones) to reach the page.
UPDATE_TIMEOUT_MS = 60000
#: A verdict's `holds` → the page's `data-holds` text.
HOLDS_ATTR = {True: "true", False: "false", None: "null"}


# --- the model's side ---------------------------------------------------------------

def spec_by_name(model):
    """{parameter name: its SPEC entry}."""
    return {param["name"]: param for param in model.SPEC}


def defaults_of(model):
    """{parameter name: the essay's default}."""
    return {param["name"]: param["default"] for param in model.SPEC}


def scenario(model, **changes):
    """The essay's defaults with `changes` applied (an unknown name is a test bug)."""
    defaults = defaults_of(model)
    unknown = set(changes) - set(defaults)
    assert not unknown, f"not parameters of {model.__name__}: {sorted(unknown)}"
    return {**defaults, **changes}


def changed_params(model, params):
    """The parameters of `params` that differ from the essay's defaults (for messages)."""
    defaults = defaults_of(model)
    return {name: value for name, value in params.items() if defaults.get(name) != value}


def expected_view(model, params):
    """What a page must show for `params`, computed in this process by the model.

    Args:
        model: A model module (e.g. `runtime.load("nato_taxpayer")`).
        params: {parameter name: value}; missing names take the essay's defaults.

    Returns:
        {"outputs": {path: text}, "verdicts": {id: {"holds", "text"}},
         "charts": {chart id: {"caption", "head", "rows", "columns"}}}, the
        shape `read_view` gives for a page (there, each key maps to a list of copies).
    """
    result = runtime.evaluate(model, params, runtime.chart_ids(model))
    charts = {}
    for cid, chart in result["charts"].items():
        table = chartdata.table(chart)
        charts[cid] = {"caption": chart.get("caption_zh", ""), "head": table["head"],
                       "rows": table["rows"], "columns": chartdata.columns(chart)}
    return {
        "outputs": dict(result["display"]),
        "verdicts": {v["id"]: {"holds": HOLDS_ATTR[v["holds"]], "text": v["text_zh"]}
                     for v in result["verdicts"]},
        "charts": charts,
    }


# --- the page's side ----------------------------------------------------------------

# Reads the page (from its model root) into the shape of expected_view(). Every
# copy of an element is read (a verdict appears inline and again in the verdict
# list), so each key maps to the list of what its copies show. A chart's Bokeh
# sources are found through the document whose root is the chart's pre-rendered
# json_item root (in a <template data-bokeh-item>), then by source name; NaN (a
# gap) is read back as null, as the model writes it. A chart's data table is the
# one in its <details>: without one, head and rows are null; the rows are those
# of every data table in the figure, so a stray second table is a difference too.
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
    const item = figure.querySelector('template[data-bokeh-item]');
    const rootId = item ? JSON.parse(item.content.textContent).root_id : null;
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
    const table = figure.querySelector('details [data-chart-table]');
    push(view.charts, figure.dataset.chart, {
      caption: figure.querySelector('[data-chart-caption]')?.textContent ?? null,
      head: table ? [...table.querySelectorAll('thead th')].map((th) => th.textContent) : null,
      rows: table ? [...figure.querySelectorAll('[data-chart-table] tbody tr')].map(
        (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)) : null,
      columns,
    });
  }
  return view;
}"""

# True when the page shows `expected` (an expected_view()) by the rule of
# view_mismatches: [root, expected, withSources, withTables = true, rtol = 0].
SHOWS_JS = """([root, expected, withSources, withTables = true, rtol = 0]) => {
  const view = (READ_VIEW_JS)(root);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const sorted = (object) => Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
  const close = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number'
      && Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)));
  const sameColumns = (got, want) => (rtol === 0 ? same(sorted(got), sorted(want))
      : Object.keys(got).length === Object.keys(want).length
        && Object.entries(want).every(([key, values]) => Array.isArray(got[key])
            && got[key].length === values.length && values.every((v, i) => close(got[key][i], v))));
  for (const [path, text] of Object.entries(expected.outputs)) {
    if ((view.outputs[path] ?? []).some((shown) => shown !== text)) return false;
  }
  for (const [id, verdict] of Object.entries(expected.verdicts)) {
    if ((view.verdicts[id] ?? []).some((v) => v.holds !== verdict.holds || v.text !== verdict.text)) return false;
  }
  for (const [id, chart] of Object.entries(expected.charts)) {
    for (const shown of view.charts[id] ?? []) {
      if (shown.caption !== chart.caption) return false;
      if (withTables && !same(shown.rows, chart.rows)) return false;
      if (!withSources) continue;
      if (!shown.columns) return false;
      for (const [name, columns] of Object.entries(chart.columns)) {
        if (!shown.columns[name] || !sameColumns(shown.columns[name], columns)) return false;
      }
    }
  }
  return true;
}""".replace("READ_VIEW_JS", READ_VIEW_JS)


def read_view(page):
    """Everything the page shows that the model computes (see READ_VIEW_JS).

    Returns:
        {"outputs": {path: [text]}, "verdicts": {id: [{"holds", "text"}]},
         "charts": {id: [{"caption", "head", "rows", "columns"}]},
         "params": {name: [number box value]}}: a list of copies per key.
    """
    return page.locator(ROOT).evaluate(READ_VIEW_JS)


def shown_params(page):
    """{name: [values of every number box for that parameter]} as floats."""
    return {name: [float(value) for value in values] for name, values in read_view(page)["params"].items()}


# --- comparing the two --------------------------------------------------------------

def view_mismatches(shown, expected, with_sources=True, with_tables=True, rtol=0.0):
    """Readable differences between the page (`read_view`) and the model (`expected_view`).

    An output, verdict or chart the model computes but the page does not place
    is not a mismatch (a page places only some of them); a copy that differs is.

    Args:
        shown: A `read_view` of the page.
        expected: An `expected_view` of the scenario.
        with_sources: Also compare the Bokeh ColumnDataSources.
        with_tables: Also compare the data tables' rows (the engine refreshes
            them only when the reader pauses, after the numbers).
        rtol: Relative tolerance for numbers in the sources; 0 compares exactly.

    Returns:
        A list of strings, empty when every copy on the page shows the model's answer.
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
            if with_tables and got["rows"] != chart["rows"]:
                problems.append(f"{cid} data table rows: page {got['rows']!r}, model {chart['rows']!r}"[:1500])
            if with_sources:
                problems += source_mismatches(cid, got["columns"], chart["columns"], rtol)
    return problems


def source_mismatches(cid, shown_columns, expected_columns, rtol=0.0):
    """Differences between a chart's Bokeh sources and `chartdata.columns()` (see `same_columns`)."""
    if shown_columns is None:
        return [f"{cid}: no Bokeh document drawn for this chart"]
    problems = []
    for name, columns in expected_columns.items():
        got = shown_columns.get(name)
        if got is None:
            problems.append(f"{cid}: no ColumnDataSource named {name!r} (the page has {sorted(shown_columns)})")
        elif not same_columns(got, columns, rtol):
            differing = [key for key in sorted(set(got) | set(columns))
                         if key not in got or key not in columns
                         or not same_columns({key: got[key]}, {key: columns[key]}, rtol)]
            problems.append(f"{cid} source {name!r} differs in {differing}: " + "; ".join(
                f"{key}: page {got.get(key)!r} model {columns.get(key)!r}" for key in differing)[:1500])
    return problems


def same_columns(got, want, rtol=0.0):
    """One source's columns equal: exactly (`rtol=0`), else same keys and lengths, numbers to `rtol`."""
    if got is None:
        return False
    if not rtol:
        return got == want
    if set(got) != set(want):
        return False
    return all(len(got[key]) == len(values) and all(_close(a, b, rtol) for a, b in zip(got[key], values))
               for key, values in want.items())


def _close(a, b, rtol):
    """Numbers (not booleans) to a relative tolerance; anything else exactly."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return a == b or abs(a - b) <= rtol * max(abs(a), abs(b))
    return a == b


def wait_until_shows(page, model, params, *, timeout=UPDATE_TIMEOUT_MS, with_sources=True,
                     with_tables=True, rtol=0.0):
    """Wait until the page shows exactly the model's answer for `params`, then check it.

    Args:
        page: A Playwright page on the essay of `model`.
        model: The model module.
        params: The full scenario the page should be showing.
        timeout: Milliseconds to wait.
        with_sources, with_tables, rtol: As for `view_mismatches`.

    Returns:
        The expected view (so callers can make further checks against it).

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    expected = expected_view(model, params)
    root = page.locator(ROOT).element_handle()
    try:
        page.wait_for_function(SHOWS_JS, arg=[root, expected, with_sources, with_tables, rtol],
                               timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # say precisely what differs, below
    problems = view_mismatches(read_view(page), expected, with_sources, with_tables, rtol)
    assert not problems, (f"{page.url}: after {timeout} ms the page does not show the model's answer "
                          f"for {dumps(changed_params(model, params))}:\n" + "\n".join(problems[:20]))
    return expected


# --- controls -----------------------------------------------------------------------

CONTROLS_SHOW_JS = """([root, expected]) => [...root.querySelectorAll('input[type=number][data-param]')]
  .every((box) => !(box.dataset.param in expected) || Number(box.value) === expected[box.dataset.param])"""


def assert_controls_show(page, params, timeout=UPDATE_TIMEOUT_MS):
    """Wait until every number box shows its parameter's value in `params`, then check it.

    A slider moved by an arrow key moves its controls with the engine's answer, so the
    boxes may lag the last key press by one round trip; a reader sees them land.

    Raises:
        AssertionError: naming each box that never showed its value, and what it shows.
    """
    root = page.locator(ROOT).element_handle()
    try:
        page.wait_for_function(CONTROLS_SHOW_JS, arg=[root, params], timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # say precisely which boxes differ, below
    shown = shown_params(page)
    wrong = {name: values for name, values in shown.items()
             if any(value != params[name] for value in values)}
    assert shown and not wrong, (f"after {timeout} ms number boxes show {dumps(wrong)}, expected "
                                 f"{dumps({name: params[name] for name in wrong})}")


def range_input(page, name):
    """The range slider of parameter `name` (the first one when the page places it twice)."""
    return page.locator(f'{ROOT} input[type=range][data-param="{name}"]').first


def press_times(page, locator, key, times):
    """Move a control with the keyboard, as a reader would: focus it, then press `key`."""
    locator.focus()
    for _ in range(times):
        page.keyboard.press(key)


def dumps(value):
    """Compact JSON for assertion messages."""
    return json.dumps(value, ensure_ascii=False)[:2000]
