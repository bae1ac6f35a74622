"""Pages in headless Chromium: the in-page instrumentation, loading a page and timing it
until interactive (with its first paint and bytes), and instant navigation."""

import dataclasses
import time
from pathlib import Path

from .stats import bytes_by_kind

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")


CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


LOAD_TIMEOUT_MS = 90_000


#: Quiet time after "ready" still counted in a page's total bytes (late fetches: search index).
SETTLE_SECONDS = 0.5


#: Runs before any page script in every document: records when data-state / data-charts
#: change (with the root's model), clicks, and the frame after each chart is drawn.
MARKS_SCRIPT = """(() => {
  const marks = [];
  window.__bench = { marks };
  const now = () => performance.now();
  new MutationObserver((records) => {
    for (const record of records) {
      const element = record.target;
      const value = element.getAttribute(record.attributeName);
      marks.push({ what: record.attributeName, value, model: element.dataset?.model ?? null, t: now() });
      if (record.attributeName === "data-drawn" && value === "true") {
        requestAnimationFrame(() => requestAnimationFrame(() =>
          marks.push({ what: "chart-painted", chart: element.dataset.chart, t: now() })));
      }
    }
  }).observe(document, { attributes: true, subtree: true,
                         attributeFilter: ["data-state", "data-charts", "data-drawn"] });
  addEventListener("click", () => marks.push({ what: "click", t: now() }), true);
  // Time stamps of messages to and from workers (for the split of the update latency).
  const messages = window.__bench.messages = [];
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => messages.push({ dir: "in", type: event.data?.type, t: now(),
                                                                  snapshot: event.data?.snapshot }));
    }
    postMessage(message, ...rest) {
      messages.push({ dir: "out", type: message?.type, t: now() });
      return super.postMessage(message, ...rest);
    }
  };
})();"""


def first_mark(marks, what, value=None, model=None, after=0.0):
    """Time (ms) of the first mark matching; None if there is none."""
    for mark in marks:
        if mark["what"] == what and mark["t"] >= after \
                and (value is None or mark.get("value") == value) \
                and (model is None or mark.get("model") == model):
            return mark["t"]
    return None


def paint_time(marks, fcp, charts_in_view):
    """When text, numbers and the charts of the first screenful are on screen: the later of
    FCP and the frame after the last of `charts_in_view` (chart ids) was drawn; None if
    something never happened."""
    if fcp is None:
        return None
    painted = [first_mark([m for m in marks if m.get("chart") == chart], "chart-painted")
               for chart in charts_in_view]
    if None in painted:
        return None
    return max([fcp, *painted])


#: Charts (ids) that show in the first screenful of a page that is not scrolled.
CHARTS_IN_VIEW_JS = """() => [...document.querySelectorAll("[data-chart]")].filter((figure) => {
  const box = figure.getBoundingClientRect();
  return box.top < innerHeight && box.bottom > 0 && box.width > 0;
}).map((figure) => figure.dataset.chart)"""


@dataclasses.dataclass
class Load:
    """One page load: milliseconds from navigation start, and what the server sent."""

    ready_ms: float
    paint_ms: float = None
    bytes_before_paint: dict = None
    bytes_total: dict = None
    model: str = None
    engine: str = None  # how the engine started: from the snapshot ("used"), or not


class Browser:
    """Headless Chromium via Playwright with the design's flags."""

    def __init__(self, playwright, extra_args=()):
        options = {"args": CHROMIUM_ARGS + list(extra_args)}
        if SYSTEM_CHROMIUM.exists():
            options["executable_path"] = str(SYSTEM_CHROMIUM)
        self.chromium = playwright.chromium.launch(**options)

    @property
    def version(self):
        """Chromium's version string."""
        return self.chromium.version

    def new_context(self):
        """A fresh context: its own empty HTTP cache, desktop size (sidebar visible)."""
        context = self.chromium.new_context(locale="zh-CN", service_workers="block",
                                            viewport={"width": 1440, "height": 900})
        context.add_init_script(MARKS_SCRIPT)
        return context

    def close(self):
        """Quit Chromium."""
        self.chromium.close()


def wait_ready(page, selector):
    """Wait until `selector` has data-state=ready; raise if it says error."""
    page.wait_for_function(
        """(selector) => {
             const element = document.querySelector(selector);
             if (element?.dataset.state === "error") throw new Error("page says error: " +
               (document.querySelector("[data-status]")?.textContent ?? ""));
             return element?.dataset.state === "ready";
           }""", arg=selector, timeout=LOAD_TIMEOUT_MS, polling=50)


def load_page(context, server, url, selector, account_bytes):
    """Open `url` in a new tab of `context`, wait for ready, and time it.

    Args:
        context: Playwright browser context (its cache decides cold or warm).
        server: The BenchServer (for byte accounting).
        url: Absolute URL.
        selector: Element that turns data-state=ready.
        account_bytes: Also measure paint and split the bytes the server sent.

    Returns:
        (Load, the open page).
    """
    page = context.new_page()
    started = time.time() * 1000
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    wait_ready(page, selector)
    marks = page.evaluate("window.__bench.marks")
    ready = first_mark(marks, "data-state", "ready")
    load = Load(ready_ms=ready, model=page.evaluate(
        "(s) => document.querySelector(s)?.dataset.model ?? null", selector),
        engine=page.evaluate("window.__bench.messages.find((m) => m.type === 'ready')?.snapshot ?? null"))
    if account_bytes:
        in_view = page.evaluate(CHARTS_IN_VIEW_JS)
        page.wait_for_function(
            "(ids) => ids.every((id) => window.__bench.marks.some((m) => m.what === 'chart-painted' && m.chart === id))",
            arg=in_view, timeout=LOAD_TIMEOUT_MS, polling=50)
        time.sleep(SETTLE_SECONDS)
        marks = page.evaluate("window.__bench.marks")
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        origin = page.evaluate("performance.timeOrigin")
        load.paint_ms = paint_time(marks, fcp, in_view)
        served = server.served_between(started, time.time() * 1000)
        load.bytes_total = bytes_by_kind(served)
        if load.paint_ms is not None:
            load.bytes_before_paint = bytes_by_kind(served, until_ms=origin + load.paint_ms)
    return load, page


NAV_TIMEOUT_MS = 15_000


def wait_for_snapshot(server, page, since_ms, timeout_s=20):
    """Let a first visit fetch the engine snapshot for the next (it does once it is live), as
    a reader's tab would before they come back; the warm load then starts from it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(served.kind == "snapshot" for served in server.served_between(since_ms, time.time() * 1000)):
            page.wait_for_timeout(300)  # the browser writes it to its cache
            return
        page.wait_for_timeout(100)


def navigate_instantly(page, target_slug):
    """Click the sidebar link to `target_slug` and time it until that page is ready.

    Returns:
        (ms from the click to the new page's data-state=ready, or None;
         a short description of what went wrong, or None).
    """
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("""() => { window.__benchDocument = true;
                             const root = document.querySelector("[data-model]");
                             if (root) root.dataset.benchLeft = "true"; }""")
    link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{target_slug}/"]').first
    before = page.evaluate("performance.now()")
    link.click()
    try:
        page.wait_for_function(
            """(slug) => {
                 // The URL changes before Material swaps the content: wait for the new root.
                 const root = document.querySelector("[data-model]");
                 return location.pathname.endsWith(`/${slug}/`) && root && !root.dataset.benchLeft
                   && root.dataset.state === "ready";
               }""",
            arg=target_slug, timeout=NAV_TIMEOUT_MS, polling=20)
    except Exception:  # noqa: BLE001 (Playwright's TimeoutError; the reason is reported)
        state = page.evaluate("document.querySelector('[data-model]')?.dataset.state ?? 'no root'")
        reason = f"still {state} after {NAV_TIMEOUT_MS // 1000} s"
        return None, reason + (f"; page error: {errors[0]}" if errors else "")
    if not page.evaluate("window.__benchDocument === true"):
        return None, "the click reloaded the document (no instant navigation)"
    marks = page.evaluate("window.__bench.marks")
    clicked = first_mark(marks, "click", after=before)
    model = page.evaluate("document.querySelector('[data-model]').dataset.model")
    ready = None if clicked is None else first_mark(marks, "data-state", "ready", model=model,
                                                    after=clicked)
    if ready is None:
        return None, "no click or ready mark recorded"
    return ready - clicked, None
