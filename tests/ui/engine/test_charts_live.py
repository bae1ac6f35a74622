"""Charts while a reader moves sliders: legends that stay put and work, plots never left frozen.

Two speed measures are checked here for what a reader would notice if they went wrong:
legend entries stand for proxy renderers whose data never changes (so BokehJS keeps the
legend instead of rebuilding it on every move), and the charts on screen skip repainting
while an answer is on its way (so they must always repaint once it is in).
"""

import pytest

from site_src.bench.page import CHARTS_IN_VIEW_JS
from widgets import chartdata, runtime

from .. import wait_ready
from . import (MODEL, READY_TIMEOUT_MS, ROOT, UPDATE_TIMEOUT_MS, expected_view, press_times,
               range_input, read_view, scenario, view_mismatches, wait_until_shows)

CHART = "chart_e2_net_vs_benefit"
#: [visible of each series behind each legend entry] of the chart, in legend order.
SERIES_VISIBLE_JS = """(id) => {
  const doc = Bokeh.documents.find((d) => [...d.all_models].some((m) => m.name === id));
  const legend = [...doc.all_models].find((m) => m.type === "Legend");
  return legend.items.map((item) => item.renderers[0].tags.map((rid) => doc.get_model_by_id(rid).visible));
}"""


#: Drops the requests the page makes when the reader pauses (tables, and the data of the
#: charts out of view), so only scrolling can bring such a chart up to date.
NO_PAUSE_REQUESTS_JS = """(() => {
  const Real = window.Worker;
  window.Worker = class extends Real {
    postMessage(message, ...rest) {
      if (message?.type !== "tables") return super.postMessage(message, ...rest);
    }
  };
})();"""
#: What the chart's canvases show (data URLs, through BokehJS's nested shadow roots), to tell
#: a repainted plot from a frozen one.
PIXELS_JS = """(figure) => {
  const canvases = (node) => [...node.querySelectorAll("*")].flatMap((el) =>
    el.tagName === "CANVAS" ? [el] : el.shadowRoot ? canvases(el.shadowRoot) : []);
  return canvases(figure).map((canvas) => canvas.toDataURL());
}"""


#: {"x": [start, end], "y": [start, end]} of a chart's BokehJS figure.
AXES_JS = """(id) => {
  const doc = Bokeh.documents.find((d) => [...d.all_models].some((m) => m.name === id));
  const figure = doc.get_model_by_name(id);
  return {x: [figure.x_range.start, figure.x_range.end], y: [figure.y_range.start, figure.y_range.end]};
}"""


def open_chart(page, url):
    """Open the nato page, ready, with CHART drawn in view; returns the figure locator."""
    page.goto(url)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    return show_chart(page, CHART)


def show_chart(page, chart_id):
    """Scroll chart `chart_id` into view and wait until it is drawn; returns its figure."""
    figure = page.locator(f'{ROOT} [data-chart="{chart_id}"]').first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("(id) => document.querySelector(`[data-chart='${id}']`).dataset.drawn === 'true'",
                           arg=chart_id, timeout=READY_TIMEOUT_MS)
    return figure


def chart_mismatches(page, params, chart_ids):
    """How charts `chart_ids` (caption and data), numbers and verdicts differ from the model's."""
    expected = expected_view(params)
    expected["charts"] = {cid: chart for cid, chart in expected["charts"].items() if cid in chart_ids}
    return view_mismatches(read_view(page), expected, with_tables=False)


def wait_for_charts(page, params, chart_ids):
    """Wait until charts `chart_ids` show the model's answer for `params`; assert they do."""
    expected = expected_view(params)["charts"]
    page.wait_for_function("""([ids, captions]) => ids.every((id, i) =>
        document.querySelector(`[data-chart='${id}'] [data-chart-caption]`).textContent === captions[i])""",
                           arg=[chart_ids, [expected[cid]["caption"] for cid in chart_ids]],
                           timeout=UPDATE_TIMEOUT_MS)
    problems = chart_mismatches(page, params, chart_ids)
    assert not problems, "\n".join(problems[:10])


def test_legend_entries_survive_slider_moves_and_hide_their_series(page, nato_url):
    figure = open_chart(page, nato_url)
    entries = figure.locator(".bk-item")
    assert entries.count() == 3, "test premise: the chart's legend has three entries"
    entries.evaluate_all("(items) => items.forEach((item) => { item.dataset.seen = 'before'; })")

    slider = range_input(page, "subsidy_low_b")
    press_times(page, slider, "ArrowRight", 5)
    wait_until_shows(page, scenario(subsidy_low_b=125))  # 100 + 5 steps of 5
    assert entries.evaluate_all("(items) => items.map((item) => item.dataset.seen)") == ["before"] * 3, \
        "the legend was rebuilt when the chart's data changed"

    assert page.evaluate(SERIES_VISIBLE_JS, CHART) == [[True], [True], [True]]
    entries.first.click()
    page.wait_for_function(f"() => !({SERIES_VISIBLE_JS})('{CHART}')[0][0]", timeout=5000)
    assert page.evaluate(SERIES_VISIBLE_JS, CHART) == [[False], [True], [True]], \
        "clicking the first entry did not hide exactly its series"
    entries.first.click()
    page.wait_for_function(f"() => ({SERIES_VISIBLE_JS})('{CHART}')[0][0]", timeout=5000)


def test_charts_repaint_once_a_burst_of_keys_is_answered(page, nato_url):
    figure = open_chart(page, nato_url)
    before = figure.evaluate(PIXELS_JS)
    assert before, "test premise: the chart is drawn on canvases"
    slider = range_input(page, "subsidy_low_b")
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")
    wait_until_shows(page, scenario(subsidy_low_b=0))  # 100 - 30 steps of 5, stopped at 0
    # No plot is left paused, and the chart on screen shows the new data (not the old pixels).
    page.wait_for_function("() => Bokeh.index.roots.every((view) => !view.is_paused)", timeout=5000)
    page.wait_for_function(f"([figure, before]) => ({PIXELS_JS})(figure).join() !== before.join()",
                           arg=[figure.element_handle(), before], timeout=5000)


def test_the_chart_in_view_is_computed_with_the_answer_one_out_of_view_when_seen(page, nato_url):
    page.add_init_script(NO_PAUSE_REQUESTS_JS)
    figure = open_chart(page, nato_url)
    away = "chart_e2_cost_stack"
    assert away not in page.evaluate(CHARTS_IN_VIEW_JS), f"test premise: {away} is out of view"
    before = read_view(page)["charts"][away][0]["caption"]

    press_times(page, figure.locator('input[type=range][data-param="benefit_high_b"]'), "ArrowRight", 4)
    moved = scenario(benefit_high_b=270)  # 250 + 4 steps of 5
    wait_for_charts(page, moved, [CHART])
    assert expected_view(moved)["charts"][away]["caption"] != before, \
        f"test premise: the move changes {away} too"
    assert read_view(page)["charts"][away][0]["caption"] == before, \
        f"{away} was computed on the move though out of view (or by a dropped pause request)"

    show_chart(page, away)
    wait_for_charts(page, moved, [CHART, away])


def test_the_axes_follow_each_answer(page, nato_url):
    """The page sets the axis ranges the model's answer carries (so BokehJS paints once and
    never fits a range itself): moving a slider that stretches the data stretches the axis."""
    open_chart(page, nato_url)
    before = page.evaluate(AXES_JS, CHART)
    press_times(page, range_input(page, "subsidy_low_b"), "ArrowRight", 30)
    moved = scenario(subsidy_low_b=250)  # 100 + 30 steps of 5
    wait_for_charts(page, moved, [CHART])
    expected = chartdata.ranges(runtime.evaluate(MODEL, moved, [CHART])["charts"][CHART])
    page.wait_for_function(f"([id, want]) => JSON.stringify(({AXES_JS})(id).y) === JSON.stringify(want)",
                           arg=[CHART, expected["y"]], timeout=UPDATE_TIMEOUT_MS)
    after = page.evaluate(AXES_JS, CHART)
    assert after["y"] == pytest.approx(expected["y"]) and after["x"] == pytest.approx(expected["x"])
    assert after["y"] != before["y"], "test premise: the move stretches the chart's y axis"
