"""Real-browser tests of the five live essay pages, and the helpers they share.

Every expectation is computed in the test process by the model itself
(`widgets.runtime.evaluate` + `widgets.chartdata`), so "the page is right"
means: it shows exactly what the model gives for the scenario the reader set
up, in its live numbers, verdict sentences, chart captions and data tables,
and the Bokeh ColumnDataSources behind the charts.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets import chartdata, runtime

from .. import wait_ready

ROOT = "[data-model]"
#: A cold Pyodide start is 3-6 s alone; several Chromiums share two cores here.
READY_TIMEOUT_MS = 90000
#: Upper bound for one recompute (or a burst of coalesced ones) to reach the page.
UPDATE_TIMEOUT_MS = 60000
PHONE = {"width": 390, "height": 844}

HOLDS_ATTR = {True: "true", False: "false", None: "null"}


@dataclass(frozen=True)
class KeyboardMove:
    """A reader's keyboard move on one range slider: focus it, press `key` `times` times."""

    param: str
    key: str
    times: int

    def value_after(self, param):
        """The parameter value the move must land on (linear sliders move one step per press).

        Args:
            param: The parameter's SPEC descriptor.

        Returns:
            The value, clamped to the slider's bounds and rounded to the step's decimals
            (the browser steps in decimal, not in binary floating point).
        """
        assert not param["log"], f"{param['name']}: keyboard moves are only modelled on linear sliders"
        sign = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1}[self.key]
        decimals = max(0, -Decimal(str(param["step"])).normalize().as_tuple().exponent)
        moved = round(param["default"] + sign * self.times * param["step"], decimals)
        moved = min(max(moved, param["min"]), param["max"])
        return int(moved) if param["integer"] else moved


@dataclass(frozen=True)
class EssayPage:
    """One essay page of the built site and the model behind it.

    Attributes:
        path: The page's path below the site root, e.g. "meta-capex/".
        slug: The model module's name in `widgets`.
        move: A keyboard move on a slider placed next to a chart; it must
            change at least one verdict (the tests check that premise).
    """

    path: str
    slug: str
    move: KeyboardMove

    @cached_property
    def model(self):
        """The model module."""
        return runtime.load(self.slug)

    @cached_property
    def spec_by_name(self):
        """{parameter name: SPEC descriptor}."""
        return {param["name"]: param for param in self.model.SPEC}

    @cached_property
    def defaults(self):
        """{parameter name: the essay's value}."""
        return {param["name"]: param["default"] for param in self.model.SPEC}

    @cached_property
    def chart_ids(self):
        """The model's chart ids, in definition order."""
        return runtime.chart_ids(self.model)

    def scenario(self, **changes):
        """The essay's defaults with `changes` applied (an unknown name is a test bug)."""
        unknown = set(changes) - set(self.defaults)
        assert not unknown, f"not parameters of {self.slug}: {sorted(unknown)}"
        return {**self.defaults, **changes}

    def expected_view(self, params):
        """What the page must show for `params`, computed here by the model (shape of `read_view`)."""
        result = runtime.evaluate(self.model, params, self.chart_ids)
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

    def verdict_pattern(self, params):
        """{verdict id: data-holds text} the model gives for `params`."""
        return {vid: verdict["holds"] for vid, verdict in self.expected_view(params)["verdicts"].items()}


#: The pages and, for each, a keyboard move on a slider that sits next to a chart and
#: changes one of the essay's verdicts (asserted from the model, not assumed).
PAGES = [
    EssayPage("meta-capex/", "meta_capex", KeyboardMove("capex_2026_high_b", "ArrowRight", 17)),
    EssayPage("nato-taxpayer/", "nato_taxpayer", KeyboardMove("rent_b", "ArrowRight", 11)),
    EssayPage("europe-treasuries/", "treasuries", KeyboardMove("retaliation_spread_bp", "ArrowLeft", 24)),
    EssayPage("notebooklm-flywheel/", "notebooklm", KeyboardMove("quality_sensitivity", "ArrowLeft", 7)),
    EssayPage("spacex-space-solar/", "space_solar", KeyboardMove("tx_efficiency", "ArrowLeft", 12)),
]
PAGE_IDS = [essay.slug for essay in PAGES]


# Reads the page into the shape of EssayPage.expected_view(). Every copy of an
# element is read (a verdict appears inline and again in the verdict list), so
# each key maps to the list of what its copies show. A chart's Bokeh sources
# are found through the document whose root is the chart's pre-rendered
# json_item root; NaN (a gap) is read back as null, as the model writes it.
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
    const table = figure.querySelector('details [data-chart-table]');
    push(view.charts, figure.dataset.chart, {
      caption: figure.querySelector('[data-chart-caption]')?.textContent ?? null,
      head: table ? [...table.querySelectorAll('thead th')].map((th) => th.textContent) : null,
      rows: table ? [...table.querySelectorAll('tbody tr')].map(
        (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)) : null,
      columns,
    });
  }
  return view;
}"""

# True when the page shows `expected` exactly (the same rule as view_mismatches).
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
    """Everything the page shows that the model computes (see READ_VIEW_JS)."""
    return page.locator(ROOT).evaluate(READ_VIEW_JS)


def view_mismatches(shown, expected, with_sources=True):
    """Readable differences between the page (`read_view`) and the model (`expected_view`).

    An output, verdict or chart the model computes but the page does not place
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
                problems.append(f"{cid} data table rows: page {got['rows']!r}, model {chart['rows']!r}")
            if with_sources:
                problems += source_mismatches(cid, got["columns"], chart["columns"])
    return problems


def source_mismatches(cid, shown_columns, expected_columns):
    """Differences between a chart's Bokeh sources and `chartdata.columns()`."""
    if shown_columns is None:
        return [f"{cid}: no Bokeh document drawn for this chart"]
    problems = []
    for name, columns in expected_columns.items():
        got = shown_columns.get(name)
        if got is None:
            problems.append(f"{cid}: no ColumnDataSource named {name!r} (the page has {sorted(shown_columns)})")
        elif got != columns:
            differing = [key for key in sorted(set(got) | set(columns)) if got.get(key) != columns.get(key)]
            problems.append(f"{cid} source {name!r} differs in {differing}: " + "; ".join(
                f"{key}: page {got.get(key)!r} model {columns.get(key)!r}" for key in differing)[:1500])
    return problems


def wait_until_shows(page, essay, params, with_sources=True, timeout=UPDATE_TIMEOUT_MS):
    """Wait until the page shows exactly the model's answer for `params`, then check it.

    Args:
        page: A Playwright page on `essay`.
        essay: The EssayPage.
        params: The full scenario the page should be showing.
        with_sources: Also compare the Bokeh ColumnDataSources.
        timeout: Milliseconds to wait.

    Returns:
        The expected view (so callers can make further checks against it).

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    expected = essay.expected_view(params)
    root = page.locator(ROOT).element_handle()
    try:
        page.wait_for_function(SHOWS_JS, arg=[root, expected, with_sources], timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # say precisely what differs, below
    problems = view_mismatches(read_view(page), expected, with_sources)
    changed = {name: value for name, value in params.items() if essay.defaults.get(name) != value}
    assert not problems, (f"{essay.path}: after {timeout} ms the page does not show the model's answer "
                          f"for {dumps(changed)}:\n" + "\n".join(problems[:20]))
    return expected


def open_ready(page, url):
    """Open `url`, wait for `data-state=ready` and for every chart to be drawn."""
    page.goto(url)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    wait_charts_drawn(page)


def wait_charts_drawn(page):
    """Wait until BokehJS has drawn every chart of the page (the root says `data-charts=drawn`)."""
    page.wait_for_function(
        """() => { const root = document.querySelector('[data-model]');
                   return !root.querySelector('[data-chart]') || root.dataset.charts === 'drawn'; }""",
        timeout=READY_TIMEOUT_MS)


def range_input(page, name):
    """The range slider of parameter `name` (the first one when the page places it twice)."""
    return page.locator(f'{ROOT} input[type=range][data-param="{name}"]').first


def press_times(page, locator, key, times):
    """Move a control with the keyboard, as a reader would: focus it, then press `key`."""
    locator.focus()
    for _ in range(times):
        page.keyboard.press(key)


def shown_params(page):
    """{name: [values of every number box for that parameter]} as floats."""
    return {name: [float(value) for value in values] for name, values in read_view(page)["params"].items()}


def back_to_defaults(page, essay):
    """Press the page's reset button and wait until it shows the essay's defaults again."""
    page.locator(f'{ROOT} [data-action="reset"]').first.click()
    return wait_until_shows(page, essay, essay.defaults)


def dumps(value):
    """Compact JSON for assertion messages."""
    return json.dumps(value, ensure_ascii=False)[:2000]
