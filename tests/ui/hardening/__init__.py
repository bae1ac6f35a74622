"""Hardening tests in a real Chromium: CSP, hostile URLs, failures, races, third parties.

The helpers here work for any of the five essay pages. `expected_view` asks
the model itself (`widgets.runtime.evaluate` + `widgets.chartdata`) what a
page must show for a scenario; `read_view` reads what the page does show, in
the same shape, so a test can say "the page shows exactly the model's answer".
Both come from `tests/ui/views.py`; here sources are compared to SOURCE_RTOL.
"""

from decimal import Decimal

from tests.conftest import ESSAY_PAGES, NAV_PAGES
from widgets import runtime

from .. import views
from ..views import (  # noqa: F401 (re-exported for the tests here)
    HOLDS_ATTR,
    READ_VIEW_JS,
    READY_TIMEOUT_MS,
    ROOT,
    SHOWS_JS,
    UPDATE_TIMEOUT_MS,
    assert_controls_show,
    defaults_of,
    expected_view,
    range_input,
    read_view,
    spec_by_name,
)

#: Page path → model slug (None: a page without a model).
PAGE_MODELS = {f"{folder}/" if folder else "": ESSAY_PAGES.get(folder) for folder in NAV_PAGES}
ESSAY_PATHS = [path for path, slug in PAGE_MODELS.items() if slug]
#: Chart sources are compared to this relative precision: Pyodide's libm and
#: CPython's may differ in the last bit (seen: notebooklm chart_e4_gain_sweep),
#: which no reader can see; text, verdicts and tables are compared exactly.
SOURCE_RTOL = 1e-12


def model_of(path):
    """The model module behind a page path such as "nato-taxpayer/"."""
    return runtime.load(PAGE_MODELS[path])


def view_mismatches(shown, expected, with_sources=True, with_tables=True):
    """Readable differences between the page (`read_view`) and the model (`expected_view`).

    `with_tables=False` leaves the data tables out: the engine refreshes them
    only when the reader pauses, after the numbers. Sources are compared to
    SOURCE_RTOL (see `views.view_mismatches`).

    Returns:
        A list of strings; empty when every copy on the page shows the model's answer.
    """
    return views.view_mismatches(shown, expected, with_sources, with_tables, rtol=SOURCE_RTOL)


def assert_shows(page, model, params, timeout=UPDATE_TIMEOUT_MS, with_sources=True):
    """Wait until the page shows exactly the model's answer for `params`, then check it.

    Sources are compared to SOURCE_RTOL (see `views.wait_until_shows`).

    Raises:
        AssertionError: listing every difference when the page never got there.
    """
    views.wait_until_shows(page, model, params, timeout=timeout, with_sources=with_sources,
                           rtol=SOURCE_RTOL)


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
