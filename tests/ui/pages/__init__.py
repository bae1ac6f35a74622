"""Real-browser tests of the five live essay pages, and the helpers they share.

Every expectation is computed in the test process by the model itself
(`widgets.runtime.evaluate` + `widgets.chartdata`), so "the page is right"
means: it shows exactly what the model gives for the scenario the reader set
up, in its live numbers, verdict sentences, chart captions and data tables,
and the Bokeh ColumnDataSources behind the charts. Reading and comparing the
two is `tests/ui/views.py`; the names here bind it to an `EssayPage`.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from widgets import runtime

from .. import views, wait_ready
from ..views import (  # noqa: F401 (re-exported for the tests here)
    HOLDS_ATTR,
    READ_VIEW_JS,
    READY_TIMEOUT_MS,
    ROOT,
    SHOWS_JS,
    UPDATE_TIMEOUT_MS,
    dumps,
    press_times,
    range_input,
    read_view,
    shown_params,
    source_mismatches,
    view_mismatches,
)

PHONE = {"width": 390, "height": 844}


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
        return views.spec_by_name(self.model)

    @cached_property
    def defaults(self):
        """{parameter name: the essay's value}."""
        return views.defaults_of(self.model)

    @cached_property
    def chart_ids(self):
        """The model's chart ids, in definition order."""
        return runtime.chart_ids(self.model)

    def scenario(self, **changes):
        """The essay's defaults with `changes` applied (an unknown name is a test bug)."""
        return views.scenario(self.model, **changes)

    def expected_view(self, params):
        """What the page must show for `params`, computed here by the model (see `views.expected_view`)."""
        return views.expected_view(self.model, params)

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
    return views.wait_until_shows(page, essay.model, params, timeout=timeout, with_sources=with_sources)


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


def back_to_defaults(page, essay):
    """Press the page's reset button and wait until it shows the essay's defaults again."""
    page.locator(f'{ROOT} [data-action="reset"]').first.click()
    return wait_until_shows(page, essay, essay.defaults)
