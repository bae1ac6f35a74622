"""Real-browser tests (Playwright driving Chromium) and the helpers they share.

Fixtures live in `conftest.py`; helpers that tests import live here:
`from . import wait_ready, watch_context`.
"""

#: Selector of the element a page's status line is looked up in, inside the model root.
STATUS_SELECTOR = '[data-status], [role="status"]'


def wait_ready(page, timeout=30000):
    """Wait until the page's model root `[data-model]` reports `data-state="ready"`.

    The engine moves `data-state` from `static` (as built) through `loading`
    to `ready`, or to `error` when Pyodide or the model fails. A cold Pyodide
    start takes about 4 s.

    Args:
        page: A Playwright page showing an essay.
        timeout: Milliseconds to wait for a final state.

    Raises:
        AssertionError: The page has no model root, the state became `error`
            (the message quotes the page's status line), or it stayed
            unfinished past `timeout`.
    """
    root = page.locator("[data-model]")
    assert root.count() == 1, f"{page.url}: expected exactly one [data-model] element, found {root.count()}"
    try:
        # Read the final state in the same call that sees it: Material may swap the page in
        # place (instant navigation, a same-page scenario link) between two separate reads.
        state = page.wait_for_function(
            """() => { const state = document.querySelector('[data-model]')?.dataset.state;
                       return ['ready', 'error'].includes(state) && state; }""",
            timeout=timeout).json_value()
    except Exception as error:  # Playwright's TimeoutError; keep the state in the message
        state = root.first.get_attribute("data-state")
        raise AssertionError(f"{page.url}: model did not become ready within {timeout} ms "
                             f"(data-state={state!r}; status: {_status_text(page)!r})") from error
    assert state == "ready", f"{page.url}: model state is {state!r}; status line: {_status_text(page)!r}"


def watch_context(context, problems):
    """Route and listen on a browser context so `problems` sees everything that goes wrong.

    Requests to other origins are recorded and aborted; console errors (the
    page's and its workers') and uncaught errors are recorded. The `page`
    fixture does this for its own context; use it for extra contexts.

    Args:
        context: A Playwright BrowserContext, before its pages are opened.
        problems: The test's `page_problems` recorder.

    Returns:
        A new page in `context`, already watched.
    """
    context.route("**/*", problems.route)
    context.on("request", problems.on_request)
    watched = context.new_page()
    watched.on("console", problems.on_console)  # also carries the workers' console
    watched.on("pageerror", problems.on_page_error)
    return watched


def _status_text(page):
    """Text of the model's status line, or of the root element when none is marked."""
    status = page.locator(f"[data-model] :is({STATUS_SELECTOR})")
    if status.count():
        return " | ".join(text.strip() for text in status.all_inner_texts())
    return page.locator("[data-model]").first.inner_text()[:300]
