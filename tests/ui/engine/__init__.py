"""Real-browser tests of the live engine on the nato_taxpayer page, and their helpers.

What the page shows against what the model gives is read and compared by
`tests/ui/views.py` (one implementation for every model); the names here are
that module's, bound to the nato model where a test names only parameters, so
a test can say "the page shows exactly what the model gives for these parameters".
"""

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets import nato_taxpayer as MODEL
from widgets import runtime

from .. import views
from ..views import (  # noqa: F401 (re-exported for the tests here)
    HOLDS_ATTR,
    READ_VIEW_JS,
    READY_TIMEOUT_MS,
    ROOT,
    SHOWS_JS,
    assert_controls_show,
    dumps,
    press_times,
    range_input,
    read_view,
    view_mismatches,
)

NATO_PATH = "nato-taxpayer/"
#: Chart ids on the nato page, in the order the model defines them.
CHART_IDS = runtime.chart_ids(MODEL)
SPEC_BY_NAME = views.spec_by_name(MODEL)
DEFAULTS = views.defaults_of(MODEL)
#: Upper bound for one recompute (or a burst of coalesced ones) to reach the page.
UPDATE_TIMEOUT_MS = 30000


def expected_view(params):
    """What the nato page must show for `params` (see `views.expected_view`)."""
    return views.expected_view(MODEL, params)


def scenario(**changes):
    """The essay's defaults with `changes` applied (unknown names are a test bug)."""
    return views.scenario(MODEL, **changes)


def changed_params(params):
    """The parameters of `params` that differ from the essay's defaults (for messages)."""
    return views.changed_params(MODEL, params)


def wait_until_shows(page, params, timeout=UPDATE_TIMEOUT_MS, with_sources=True):
    """Wait until the nato page shows exactly the model's answer for `params`, then check it.

    Args:
        page: A Playwright page on the nato essay.
        params: The full scenario the page should be showing.
        timeout: Milliseconds to wait.
        with_sources: Also compare the Bokeh ColumnDataSources.

    Returns:
        The expected view.

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    return views.wait_until_shows(page, MODEL, params, timeout=timeout, with_sources=with_sources)


#: Parses the URL fragment into {name: number}.
FRAGMENT_JS = """() => Object.fromEntries(location.hash.slice(1).split("&").filter(Boolean)
  .map((pair) => pair.split("=", 2)).map(([name, value]) => [name, Number(value)]))"""


def fragment_params(page, expected, timeout=UPDATE_TIMEOUT_MS):
    """The scenario the page wrote into its URL fragment, as {name: float}.

    The page writes its URL once the reader pauses (browsers throttle pages that rewrite
    it on every key repeat), so this waits up to `timeout` for `expected` to appear and
    then returns what is there, for the caller to compare.
    """
    try:
        page.wait_for_function(
            f"""(expected) => {{ const shown = ({FRAGMENT_JS})();
                 const names = Object.keys(expected);
                 return Object.keys(shown).length === names.length
                   && names.every((name) => shown[name] === expected[name]); }}""",
            arg=expected, timeout=timeout)
    except PlaywrightTimeoutError:
        pass  # the caller's assertion says what is there instead
    return page.evaluate(FRAGMENT_JS)
