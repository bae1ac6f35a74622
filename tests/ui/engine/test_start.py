"""What a reader sees and can do while Pyodide starts, and how arrow keys move sliders after.

Pyodide's WebAssembly is held back by a route until the test lets it through, so
"while the engine starts" is a state the test controls rather than a race.
"""

import math

from site_src.bench.page import CHARTS_IN_VIEW_JS
from widgets import space_solar

from .. import views, wait_ready
from . import (NATO_PATH, READY_TIMEOUT_MS, ROOT, press_times, range_input, scenario,
               wait_until_shows)

DRAWN_JS = """() => [...document.querySelectorAll("[data-chart]")]
  .filter((figure) => figure.dataset.drawn === "true").map((figure) => figure.dataset.chart)"""


def hold_pyodide(page):
    """Hold back Pyodide's WebAssembly; returns a function that lets it through."""
    held, released = [], []

    def hold(route):
        if released:
            route.fallback()
        else:
            held.append(route)

    page.route("**/pyodide.asm.wasm", hold)

    def release():
        released.append(True)
        for route in held:
            route.fallback()
    return release


def test_while_pyodide_starts_the_page_reads_draws_what_is_seen_and_keys_move_sliders(page, site_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    release = hold_pyodide(page)
    try:
        page.goto(site_server + NATO_PATH)
        page.wait_for_function("(root) => document.querySelector(root).dataset.state === 'loading'",
                               arg=ROOT, timeout=READY_TIMEOUT_MS)

        # Charts out of view wait: BokehJS would take the processor Pyodide's start needs.
        in_view = page.evaluate(CHARTS_IN_VIEW_JS)
        figures = page.locator(f"{ROOT} figure[data-chart]")
        if in_view:
            page.wait_for_function(f"(ids) => ids.every((id) => ({DRAWN_JS})().includes(id))",
                                   arg=in_view, timeout=READY_TIMEOUT_MS)
        assert set(page.evaluate(DRAWN_JS)) <= set(in_view), "a chart out of view was drawn at load"
        if not in_view:
            assert not any("bokeh.min.js" in url for url in requested), \
                "BokehJS was fetched though no chart is in view"

        # A chart scrolled into view is drawn at once, engine or not.
        last = figures.last
        last.scroll_into_view_if_needed()
        last_id = last.get_attribute("data-chart")
        page.wait_for_function(f"(id) => ({DRAWN_JS})().includes(id)", arg=last_id,
                               timeout=READY_TIMEOUT_MS)
        assert page.locator(ROOT).get_attribute("data-state") == "loading"

        # Arrow keys move a slider the browser's own way while the engine is not there yet.
        slider = range_input(page, "taxpayers_m")
        press_times(page, slider, "ArrowLeft", 3)
        press_times(page, slider, "ArrowDown", 2)
        assert slider.input_value() == "155"
    finally:
        release()

    # Once Pyodide is up, the page computes the scenario the reader set meanwhile.
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    wait_until_shows(page, scenario(taxpayers_m=155))
    page.wait_for_function("(root) => document.querySelector(root).dataset.charts === 'drawn'",
                           arg=ROOT, timeout=READY_TIMEOUT_MS)


def test_arrow_keys_step_like_the_browser_and_move_the_thumb_with_the_answer(page, site_server):
    page.goto(site_server + NATO_PATH)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    slider = range_input(page, "taxpayers_m")
    low = float(slider.get_attribute("min"))

    press_times(page, slider, "ArrowUp", 2)
    press_times(page, slider, "ArrowRight", 1)
    wait_until_shows(page, scenario(taxpayers_m=163))
    assert slider.input_value() == "163"

    # Keys the page leaves to the browser still work: Home goes to the minimum...
    page.keyboard.press("Home")
    wait_until_shows(page, scenario(taxpayers_m=low))
    # ...and an arrow at the end of the track changes nothing, then one step back in works.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    wait_until_shows(page, scenario(taxpayers_m=low + 1))
    assert float(slider.input_value()) == low + 1


def test_arrow_keys_on_a_log_slider_step_its_track_and_compute_that_value(page, site_server):
    """A log slider's track has LOG_STEPS positions; an arrow moves one position, and the
    page sends the value at that position (snapped to the parameter's step), as a drag would."""
    page.goto(site_server + "spacex-space-solar/")
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    param = views.spec_by_name(space_solar)["launch_cost_usd_per_kg"]
    assert param["log"], "test premise: launch cost has a log slider"
    slider = views.range_input(page, param["name"])
    assert slider.get_attribute("data-scale") == "log"
    start = int(slider.input_value())
    positions = int(slider.get_attribute("max"))

    views.press_times(page, slider, "ArrowRight", 5)

    t = (start + 5) / positions
    low, high = math.log(param["min"]), math.log(param["max"])
    raw = math.exp(low + t * (high - low))
    value = math.floor(raw / param["step"] + 0.5) * param["step"]  # JavaScript's Math.round
    value = min(max(float(f"{value:.12g}"), param["min"]), param["max"])
    assert value != param["default"], "test premise: five positions change the value"
    views.wait_until_shows(page, space_solar, views.scenario(space_solar, **{param["name"]: value}))
    assert int(slider.input_value()) == start + 5
    assert float(page.locator(f'{ROOT} input[type=number][data-param="{param["name"]}"]').first
                 .input_value()) == value
