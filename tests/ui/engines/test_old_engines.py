"""An engine too old for Pyodide is told apart from a failure: here Chromium is served a
Pyodide whose JavaScript it cannot parse (as Safari before 16.4 cannot parse Pyodide's
class static blocks), and the worker says FAILED with reason "unsupported"."""

from .. import STATUS_SELECTOR, views

#: Records the engine's FAILED message.
FAILED_JS = """(() => {
  const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data?.type === "failed") window.__engineFailed ??= event.data;
      });
    }
  };
})();"""


def test_a_pyodide_the_browser_cannot_parse_is_reported_as_a_too_old_browser(page, site_server):
    page.add_init_script(FAILED_JS)
    page.route("**/pyodide.mjs", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="class Old { static { this.x = ; } }"))
    page.goto(site_server + "nato-taxpayer/")
    page.wait_for_function("() => document.querySelector('[data-model]')?.dataset.state === 'error'",
                           timeout=views.READY_TIMEOUT_MS)
    failed = page.evaluate("window.__engineFailed")
    assert failed["reason"] == "unsupported" and failed["missing"] == "JavaScript syntax of Pyodide", failed
    status = page.locator(f"{views.ROOT} :is({STATUS_SELECTOR})").first.text_content()
    assert "你的浏览器版本过旧" in status, status
