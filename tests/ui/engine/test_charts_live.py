"""Charts while a reader moves sliders: legends that stay put and work, plots never left frozen.

Two speed measures are checked here for what a reader would notice if they went wrong:
legend entries stand for proxy renderers whose data never changes (so BokehJS keeps the
legend instead of rebuilding it on every move), and the charts on screen skip repainting
while an answer is on its way (so they must always repaint once it is in).
"""

from .. import wait_ready
from . import READY_TIMEOUT_MS, ROOT, press_times, range_input, scenario, wait_until_shows

CHART = "chart_e2_net_vs_benefit"
#: [visible of each series behind each legend entry] of the chart, in legend order.
SERIES_VISIBLE_JS = """(id) => {
  const doc = Bokeh.documents.find((d) => [...d.all_models].some((m) => m.name === id));
  const legend = [...doc.all_models].find((m) => m.type === "Legend");
  return legend.items.map((item) => item.renderers[0].tags.map((rid) => doc.get_model_by_id(rid).visible));
}"""


#: What the chart's canvases show (data URLs, through BokehJS's nested shadow roots), to tell
#: a repainted plot from a frozen one.
PIXELS_JS = """(figure) => {
  const canvases = (node) => [...node.querySelectorAll("*")].flatMap((el) =>
    el.tagName === "CANVAS" ? [el] : el.shadowRoot ? canvases(el.shadowRoot) : []);
  return canvases(figure).map((canvas) => canvas.toDataURL());
}"""


def open_chart(page, url):
    """Open the nato page, ready, with CHART drawn in view; returns the figure locator."""
    page.goto(url)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    figure = page.locator(f'{ROOT} [data-chart="{CHART}"]').first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("(id) => document.querySelector(`[data-chart='${id}']`).dataset.drawn === 'true'",
                           arg=CHART, timeout=READY_TIMEOUT_MS)
    return figure


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
