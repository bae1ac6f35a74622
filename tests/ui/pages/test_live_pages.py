"""The five live essay pages in a real Chromium, each checked against its own model.

Expectations come from the model run in this process (`EssayPage.expected_view`),
so a test passes only when the page shows exactly what the model gives for the
scenario a reader set up. Waits are on `data-state`, `data-charts` or on the
page showing the expected answer; nothing sleeps.

The checks that need only one page load share one per essay (`essay_page`);
the phone layout and axe-core (which must bypass the site's CSP to be injected)
each get a fresh context through the `page` fixture.
"""

import pytest

from widgets import runtime

from .. import wait_ready
from . import (
    PAGE_IDS,
    PAGES,
    PHONE,
    READY_TIMEOUT_MS,
    ROOT,
    back_to_defaults,
    dumps,
    open_ready,
    press_times,
    read_view,
    shown_params,
    wait_charts_drawn,
    wait_until_shows,
)

#: A slider narrower than this on a phone cannot be set with a finger to a useful precision.
MIN_PHONE_RANGE_WIDTH_PX = 150
#: Slider positions sampled per parameter when asking which controls move a verdict.
MOVER_SAMPLES = 16

CONTROLS = "input[data-param], select[data-preset-select], [data-action]"


def ready(essay_page):
    """Wait until the shared page is live and its charts are drawn; returns the Playwright page."""
    wait_ready(essay_page.page, timeout=READY_TIMEOUT_MS)
    wait_charts_drawn(essay_page.page)
    return essay_page.page


def start_from_defaults(essay_page):
    """Bring the shared page back to the essay's defaults if an earlier test moved it."""
    page = ready(essay_page)
    # An earlier test's last move may not be in the URL yet (it is written after a pause).
    if page.evaluate("location.hash") or page.locator(f"{ROOT} .ex-control--moved").count():
        back_to_defaults(page, essay_page.essay)
    return page


def page_verdict_pattern(page):
    """{verdict id: data-holds} over every verdict element; all copies of a verdict must agree."""
    copies = page.locator(f"{ROOT} [data-verdict]").evaluate_all(
        "(els) => els.map((el) => [el.dataset.verdict, el.dataset.holds])")
    pattern = {}
    for vid, holds in copies:
        pattern.setdefault(vid, set()).add(holds)
    disagreeing = {vid: sorted(values) for vid, values in pattern.items() if len(values) > 1}
    assert not disagreeing, f"copies of a verdict disagree: {disagreeing}"
    return {vid: values.pop() for vid, values in pattern.items()}


# --- 1. ready, quietly, from the site's own origin -------------------------------------

def test_page_becomes_ready_with_no_console_error_and_no_other_origin(essay_page):
    page = ready(essay_page)
    essay = essay_page.essay
    problems = essay_page.problems.unexpected([])
    assert not problems, f"{essay.path} while loading:\n" + "\n".join(problems)
    loaded = page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)")
    foreign = [url for url in loaded if url.split(":", 1)[0] in ("http", "https")
               and not url.startswith(essay_page.problems.origin + "/")]
    assert not foreign, f"{essay.path} loaded from other origins: {foreign}"
    assert page.locator(ROOT).get_attribute("data-model") == essay.slug
    # Nobody touched the page: it must still be on the essay's own numbers, as built.
    opened_with = page.evaluate("location.hash")
    assert opened_with == "", f"{essay.path} put a scenario nobody set into its URL: {opened_with}"
    moved_boxes = {name: values for name, values in shown_params(page).items()
                   if set(values) != {essay.defaults[name]}}
    assert not moved_boxes, f"{essay.path} opened with controls off the essay's values: {moved_boxes}"
    # As built and now live, the page shows the model's answer at the essay's defaults.
    wait_until_shows(page, essay, essay.defaults)


# --- 2. a keyboard move next to a chart -------------------------------------------------

def test_keyboard_move_recomputes_the_numbers_verdicts_and_chart(essay_page):
    page = start_from_defaults(essay_page)
    essay, move = essay_page.essay, essay_page.essay.move
    param = essay.spec_by_name[move.param]
    slider = page.locator(f'{ROOT} figure[data-chart] input[type=range][data-param="{move.param}"]').first
    assert slider.count() == 1, f"{essay.path}: no slider for {move.param} next to a chart"
    chart_id = slider.evaluate("(el) => el.closest('figure[data-chart]').dataset.chart")

    moved = essay.scenario(**{move.param: move.value_after(param)})
    before, after = essay.expected_view(essay.defaults), essay.expected_view(moved)
    flipped = [vid for vid, verdict in after["verdicts"].items()
               if verdict["holds"] != before["verdicts"][vid]["holds"]]
    assert flipped, f"test premise: moving {move.param} to {moved[move.param]} flips a verdict"
    assert after["charts"][chart_id]["columns"] != before["charts"][chart_id]["columns"], \
        f"test premise: moving {move.param} changes {chart_id}, the chart it sits next to"

    press_times(page, slider, move.key, move.times)

    shown = wait_until_shows(page, essay, moved)
    assert float(slider.input_value()) == moved[move.param]  # the thumb moves with the answer
    view = read_view(page)
    # The live numbers a reader watches: [data-output] elements, else the verdict sentences.
    if view["outputs"]:
        changed = [path for path, texts in view["outputs"].items() if texts[0] != before["outputs"][path]]
    else:
        changed = [vid for vid, copies in view["verdicts"].items()
                   if copies[0]["text"] != before["verdicts"][vid]["text"]]
    assert changed, f"{essay.path}: no live number changed on the page after moving {move.param}"
    for vid in flipped:
        assert {copy["holds"] for copy in view["verdicts"].get(vid, [])} == {shown["verdicts"][vid]["holds"]}, \
            f"{essay.path}: verdict {vid} is not on the page with the model's new holds"
    assert set(shown_params(page)[move.param]) == {moved[move.param]}, \
        f"number boxes show {shown_params(page)[move.param]}, not {moved[move.param]}"
    page.wait_for_function("(name) => location.hash.includes(`${name}=`)", arg=move.param,
                           timeout=READY_TIMEOUT_MS)  # written once the reader pauses


# --- 3. presets and reset ----------------------------------------------------------------

def test_every_preset_gives_the_models_verdicts_and_reset_restores_the_essays(essay_page):
    page = start_from_defaults(essay_page)
    essay = essay_page.essay
    select = page.locator(f"{ROOT} [data-preset-select]")
    assert select.count() == 1, f"{essay.path}: expected one preset selector"
    offered = select.locator("option").evaluate_all(
        "(options) => options.filter((o) => !o.disabled).map((o) => o.value)")
    assert offered[0] == "", "the essay's defaults must be the first choice"
    assert offered[1:] == list(essay.model.PRESETS), f"{essay.path} offers presets {offered[1:]}"

    for name in essay.model.PRESETS:
        select.select_option(name)
        preset = essay.scenario(**essay.model.PRESETS[name])
        wait_until_shows(page, essay, preset)
        assert page_verdict_pattern(page) == essay.verdict_pattern(preset), \
            f"{essay.path} preset {name}: the page's verdicts are not the model's"

    page.locator(f'{ROOT} [data-action="reset"]').first.click()
    wait_until_shows(page, essay, essay.defaults)
    defaults_pattern = essay.verdict_pattern(essay.defaults)
    assert page_verdict_pattern(page) == defaults_pattern
    claims = [v["id"] for v in essay.model.compute({})["verdicts"] if v["kind"] == "essay_claim"]
    assert all(defaults_pattern[vid] == "true" for vid in claims), "an essay claim fails at defaults"
    assert select.input_value() == "" and page.evaluate("location.hash") == ""


# --- 6. verdicts, labels, captions and tables -------------------------------------------

VERDICT_REGIONS_JS = """(root) => [...root.querySelectorAll('[data-verdict]')].map((el) => ({
    id: el.dataset.verdict, holds: el.dataset.holds,
    live: el.closest('[aria-live]')?.getAttribute('aria-live') ?? null}))"""

# The accessible name a screen reader announces for each control (aria-label, aria-labelledby or <label>).
CONTROL_NAMES_JS = """(root) => [...root.querySelectorAll('input[data-param]')].map((input) => {
    const byIds = (input.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const labels = [...(input.labels || [])].map((label) => label.textContent).join(' ');
    return {param: input.dataset.param, type: input.type,
            name: (input.getAttribute('aria-label') || byIds || labels).trim()};
})"""

CHART_PARTS_JS = """(root) => [...root.querySelectorAll('[data-chart]')].map((figure) => {
    const details = figure.querySelector('details');
    return {id: figure.dataset.chart,
            caption: figure.querySelector('[data-chart-caption]')?.textContent.trim() ?? '',
            summary: details?.querySelector('summary')?.textContent.trim() ?? '',
            tableInDetails: Boolean(details?.querySelector('table[data-chart-table] tbody tr'))};
})"""


def test_verdicts_are_live_controls_carry_units_and_chart_tables_follow_a_change(essay_page):
    page = start_from_defaults(essay_page)
    essay = essay_page.essay
    root = page.locator(ROOT)

    verdicts = root.evaluate(VERDICT_REGIONS_JS)
    assert verdicts, f"{essay.path} shows no verdict"
    bad_holds = [v for v in verdicts if v["holds"] not in ("true", "false", "null")]
    assert not bad_holds, f"verdicts without a valid data-holds: {bad_holds}"
    not_live = [v["id"] for v in verdicts if v["live"] != "polite"]
    assert not not_live, f"verdicts outside an aria-live=polite region: {not_live}"

    unlabelled = [f"{c['param']} ({c['type']}): {c['name']!r}" for c in root.evaluate(CONTROL_NAMES_JS)
                  if essay.spec_by_name[c["param"]]["unit"] not in c["name"]
                  or essay.spec_by_name[c["param"]]["label_zh"] not in c["name"]]
    assert not unlabelled, "controls whose label lacks the parameter's name or unit:\n" + "\n".join(unlabelled)

    charts = root.evaluate(CHART_PARTS_JS)
    assert charts, f"{essay.path} has no chart"
    incomplete = [c for c in charts if not (c["caption"] and c["summary"] and c["tableInDetails"])]
    assert not incomplete, f"charts without caption or <details> data table: {dumps(incomplete)}"

    # Change the first control placed with the first chart, by typing in its number box.
    first_chart = page.locator(f"{ROOT} figure[data-chart]").first
    box = first_chart.locator("input[type=number][data-param]").first
    name = box.get_attribute("data-param")
    param = essay.spec_by_name[name]
    value = _another_value(param)
    box.fill(str(value))
    box.press("Tab")
    changed = essay.scenario(**{name: value})
    expected = wait_until_shows(page, essay, changed)
    shown = read_view(page)
    for chart in charts:
        model_table = expected["charts"][chart["id"]]
        for copy in shown["charts"][chart["id"]]:
            assert copy["head"] == model_table["head"], f"{chart['id']} table head after {name}={value}"
            assert copy["rows"] == model_table["rows"], f"{chart['id']} table rows after {name}={value}"


def _another_value(param):
    """A value other than the default: the slider's midpoint on its step grid (else its minimum)."""
    steps = round((param["max"] - param["min"]) / 2 / param["step"])
    middle = round(param["min"] + steps * param["step"], 10)
    value = middle if middle != param["default"] else param["min"]
    return int(value) if param["integer"] or float(value).is_integer() else value


# --- 7. from a claim to the control that moves it -----------------------------------------

# For each verdict element: the controls in the same section (between the same two h2
# headings of the article) or in the same figure.
NEARBY_CONTROLS_JS = """(root) => {
  const article = root.closest('article') ?? document.body;
  const marks = [...article.querySelectorAll('h2, [data-verdict], input[type=range][data-param]')];
  let section = 0;
  const bySection = new Map();
  const placed = [];
  for (const el of marks) {
    if (el.tagName === 'H2') { section += 1; continue; }
    if (el.matches('input')) {
      if (!bySection.has(section)) bySection.set(section, new Set());
      bySection.get(section).add(el.dataset.param);
    } else {
      placed.push([el, section]);
    }
  }
  return placed.map(([el, where]) => {
    const figure = el.closest('figure');
    const inFigure = figure ? [...figure.querySelectorAll('input[type=range][data-param]')]
        .map((input) => input.dataset.param) : [];
    return {id: el.dataset.verdict, section: where,
            near: [...new Set([...(bySection.get(where) ?? []), ...inFigure])]};
  });
}"""


def movers(essay):
    """{verdict id: parameters whose slider changes that verdict's holds or sentence}."""
    model = essay.model
    at_defaults = {v["id"]: (v["holds"], v["text_zh"]) for v in model.compute({})["verdicts"]}
    moving = {vid: set() for vid in at_defaults}
    for param in model.SPEC:
        for value in runtime.slider_positions(param, MOVER_SAMPLES):
            for verdict in model.compute({param["name"]: value}, strict=False)["verdicts"]:
                if (verdict["holds"], verdict["text_zh"]) != at_defaults[verdict["id"]]:
                    moving[verdict["id"]].add(param["name"])
    return moving


def test_every_verdict_has_a_control_that_moves_it_nearby(essay_page):
    page = essay_page.page  # a question of the page's structure: no need to wait for Python
    essay = essay_page.essay
    placed = page.locator(ROOT).evaluate(NEARBY_CONTROLS_JS)
    assert placed, f"{essay.path} shows no verdict"
    moving = movers(essay)
    no_control = [f"{p['id']} (section {p['section']})" for p in placed if not p["near"]]
    no_mover = [f"{p['id']} (section {p['section']}; nearby: {', '.join(p['near'])}; "
                f"moved by: {', '.join(sorted(moving[p['id']])) or 'nothing'})"
                for p in placed if p["near"] and not moving[p["id"]] & set(p["near"])]
    assert not no_control and not no_mover, (
        f"{essay.path}: verdicts a reader cannot move from where they read them:\n"
        + "\n".join([f"no control nearby: {line}" for line in no_control]
                    + [f"no nearby control moves it: {line}" for line in no_mover]))


# --- 4. phone ---------------------------------------------------------------------------------

# Where each control sits and whether a tap at its centre reaches it.
CONTROL_BOXES_JS = """(root) => [...root.querySelectorAll('%s')].map((el) => {
    el.scrollIntoView({block: 'center', inline: 'nearest'});
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const style = getComputedStyle(el);
    return {what: el.dataset.param ?? el.dataset.action ?? 'preset selector', type: el.type ?? '',
            left: box.left, right: box.right, width: box.width, height: box.height,
            shown: style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0,
            reachable: Boolean(hit && (hit === el || el.contains(hit)))};
})""" % CONTROLS


# What sticks out past the right edge of the viewport, outermost elements only, looking
# into Bokeh's shadow roots; content inside a horizontal scroller (a wide table) is fine.
OVERFLOWING_JS = """() => {
  const width = document.documentElement.clientWidth;
  const parentOf = (el) => el.parentElement ?? el.getRootNode().host ?? null;
  const scrolls = (el) => {
    for (let up = parentOf(el); up && up !== document.body && up !== document.documentElement; up = parentOf(up)) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5 && !scrolls(el);
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const parent = parentOf(el);
      if (sticksOut(el) && !(parent && parent !== document.body && sticksOut(parent))) {
        const box = el.getBoundingClientRect();
        let host = el;
        while (host && !host.dataset?.chart) host = parentOf(host);
        found.push(`${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(' ')[0]}`
                   + ` ${Math.round(box.left)}-${Math.round(box.right)}px`
                   + (host ? ` in chart ${host.dataset.chart}` : ''));
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}"""


def assert_no_horizontal_overflow(page, essay, when):
    """The page is no wider than the phone; otherwise name what sticks out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{essay.path} {when} is {width}px wide on a {PHONE['width']}px phone; sticking out: "
        + "; ".join(page.evaluate(OVERFLOWING_JS)[:8]))


@pytest.mark.context_options(viewport=PHONE)
@pytest.mark.parametrize("essay", PAGES, ids=PAGE_IDS)
def test_phone_has_no_horizontal_overflow_and_every_control_fits(page, site_server, essay):
    open_ready(page, site_server + essay.path)
    assert_no_horizontal_overflow(page, essay, "once ready")

    # Open the collapsed groups (model assumptions, data tables) so every control is on screen.
    page.locator(f"{ROOT} details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
    assert_no_horizontal_overflow(page, essay, "with every group open")

    boxes = page.locator(ROOT).evaluate(CONTROL_BOXES_JS)
    assert boxes, f"{essay.path} has no controls"
    hidden = [b["what"] for b in boxes if not b["shown"]]
    outside = [f"{b['what']} ({b['type']}) spans {b['left']:.0f}-{b['right']:.0f}px"
               for b in boxes if b["left"] < 0 or b["right"] > PHONE["width"]]
    covered = [f"{b['what']} ({b['type']})" for b in boxes if b["shown"] and not b["reachable"]]
    cramped = [f"{b['what']} is {b['width']:.0f}px" for b in boxes
               if b["type"] == "range" and b["width"] < MIN_PHONE_RANGE_WIDTH_PX]
    assert not (hidden or outside or covered or cramped), (
        f"{essay.path} on a phone: hidden {hidden}; outside the viewport {outside}; "
        f"covered by something else {covered}; sliders too narrow {cramped}")


# --- 5. axe-core ---------------------------------------------------------------------------

AXE_RUN_JS = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => ({
        rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                                why: n.failureSummary}))}));
}"""


# The site's CSP forbids inline scripts; the test tool is injected past it on purpose.
@pytest.mark.context_options(bypass_csp=True)
@pytest.mark.parametrize("essay", PAGES, ids=PAGE_IDS)
def test_axe_finds_no_serious_or_critical_violation(page, site_server, essay, axe_source):
    open_ready(page, site_server + essay.path)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN_JS)
    report = "\n".join(f"{v['impact']} {v['rule']} ({v['help']}):\n" + "\n".join(
        f"    {n['target']}: {n['html']}\n      {n['why']}" for n in v["nodes"]) for v in violations)
    assert not violations, f"axe-core on {essay.path} found:\n{report}"
