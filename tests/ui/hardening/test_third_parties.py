"""No request ever leaves the site's origin, in any state of any page (DESIGN §7).

One reader's journey through the whole site in one browser context: every
request of the context (pages, the engine worker, Pyodide, BokehJS, fonts,
search) is recorded with the state the reader was in when it was made. The
`page` fixture aborts and reports external requests too; this test also proves
the recorder sees the worker's own requests, so "zero" is not vacuous.
"""

from urllib.parse import urlsplit

from . import (
    ESSAY_PATHS,
    READY_TIMEOUT_MS,
    ROOT,
    assert_shows,
    defaults_of,
    model_of,
    range_input,
    step_value,
    wait_state,
)


class RequestLog:
    """Every request of a browser context, labelled with the journey's current phase."""

    def __init__(self, origin):
        self.origin = origin
        self.phase = "start"
        self.requests = []

    def on_request(self, request):
        self.requests.append((self.phase, request.url))

    def external(self):
        """(phase, url) of every request to another origin (data: and blob: stay local)."""
        found = []
        for phase, url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and \
                    f"{parts.scheme}://{parts.netloc}" != self.origin:
                found.append((phase, url))
        return found


def go_by_nav_link(page, path):
    """Follow the primary navigation's link to `path` (Material's instant navigation)."""
    old_root = page.locator(ROOT).element_handle()
    link = page.locator(f'.md-nav--primary a.md-nav__link[href$="{path}"]').first
    link.click()
    page.wait_for_url(f"**/{path}**", timeout=READY_TIMEOUT_MS)
    # The URL changes before Material swaps the content in: wait for the new page's root.
    page.wait_for_function("(old) => { const root = document.querySelector('[data-model]');"
                           " return root !== old; }", arg=old_root, timeout=READY_TIMEOUT_MS)


def test_no_request_leaves_the_origin_in_any_state(page, site_server):
    log = RequestLog(site_server.rstrip("/"))
    page.context.on("request", log.on_request)

    log.phase = "static+loading: " + ESSAY_PATHS[0]
    page.goto(site_server + ESSAY_PATHS[0])
    page.evaluate("window.__sameDocument = true")  # gone after a full reload
    for index, path in enumerate(ESSAY_PATHS):
        if index:
            log.phase = f"instant navigation to {path}"
            go_by_nav_link(page, path)
        model = model_of(path)
        assert wait_state(page, ("ready", "error")) == "ready"
        log.phase = f"ready: {path}"
        page.wait_for_function("() => document.querySelector('[data-model]').dataset.charts === 'drawn'",
                               timeout=READY_TIMEOUT_MS)

        log.phase = f"after a slider move: {path}"
        param = next(p for p in model.SPEC if not p.get("log") and range_input(page, p["name"]).count())
        key, direction = ("ArrowRight", 1) if param["default"] < param["max"] else ("ArrowLeft", -1)
        range_input(page, param["name"]).focus()
        page.keyboard.press(key)
        assert_shows(page, model, {**defaults_of(model),
                                   param["name"]: step_value(param, param["default"], direction)})

        log.phase = f"after a preset: {path}"
        preset = next(iter(model.PRESETS))
        page.locator(f"{ROOT} [data-preset-select]").select_option(preset)
        assert_shows(page, model, {**defaults_of(model), **model.PRESETS[preset]})

    log.phase = "instant navigation to about/"
    go_by_nav_link(page, "about/")
    page.wait_for_load_state("networkidle", timeout=READY_TIMEOUT_MS)
    same_document = page.evaluate("() => window.__sameDocument")

    paths = [urlsplit(url).path for _, url in log.requests]
    assert any(path.endswith(".wasm") for path in paths) and \
        any("/models-" in path for path in paths), \
        "the recorder did not see the engine worker's requests (Pyodide, models archives)"
    assert any(phase.startswith("after a preset") for phase, _ in log.requests), \
        "no request was recorded after a preset (the log may not be listening)"
    assert log.external() == [], "requests to other origins:\n" + "\n".join(
        f"{phase}: {url}" for phase, url in log.external())
    assert same_document is True, (
        "the nav links reloaded the page: Material's instant navigation did not happen, so the "
        "engine worker is not kept across pages (is site_url set? the sitemap lists no URLs)")
