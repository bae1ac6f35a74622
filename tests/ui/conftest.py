"""Fixtures for the real-browser tests: the site served (site_src/bench/server.py) and a
watched Chromium page.

Every test in tests/ui is marked `ui`. The `page` fixture fails the test at
teardown if the page logged a console error, threw an uncaught error, or asked
for anything outside the site's own origin (such requests are also aborted).
A test that expects an error says so with
`@pytest.mark.expected_errors("regex", ...)` or by appending regexes to the
`expected_errors` fixture.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_src.bench.page import CHROMIUM_ARGS, SYSTEM_CHROMIUM
from site_src.bench.server import MIME_TYPES, QuietServer, SiteHandler, SiteServer, page_policy, script_policy

from . import watch_context

UI_DIR = Path(__file__).resolve().parent
#: The shared static server's pieces, under the names the browser tests import them by.
CspHandler, _QuietServer = SiteHandler, QuietServer
__all__ = ["MIME_TYPES", "CspHandler", "_QuietServer", "page_policy", "script_policy"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "expected_errors(*patterns): console/page errors matching these regexes "
                   "do not fail a ui test")
    config.addinivalue_line(
        "markers", "context_options(**options): extra Playwright browser.new_context() options "
                   "for this test, e.g. java_script_enabled=False")


def pytest_collection_modifyitems(items):
    for item in items:
        if UI_DIR in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.ui)


@pytest.fixture(scope="session")
def site_server(built_site, site_port):
    """Serve the built site, with its CSP as a header, on 127.0.0.1 at the port it was built
    for (Material's instant navigation needs the sitemap's port); yields the base URL ending in '/'."""
    server = SiteServer(built_site, site_port, csp=True).start()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright: Debian's /usr/bin/chromium, else Playwright's own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        options = {"args": CHROMIUM_ARGS}
        if SYSTEM_CHROMIUM.exists():
            options["executable_path"] = str(SYSTEM_CHROMIUM)
        chromium = playwright.chromium.launch(**options)
        yield chromium
        chromium.close()


@pytest.fixture
def expected_errors(request):
    """Regexes of console/page errors this test expects; tests may append more."""
    marker = request.node.get_closest_marker("expected_errors")
    return list(marker.args) if marker else []


class PageProblems:
    """What went wrong on a page: console errors, uncaught errors, external requests."""

    def __init__(self, origin):
        self.origin = origin
        self.console_errors = []
        self.page_errors = []
        self.external_requests = []

    def on_console(self, message):
        if message.type == "error":
            source = (message.location or {}).get("url")
            self.console_errors.append(f"{message.text} ({source})" if source else message.text)

    def on_page_error(self, error):
        self.page_errors.append(str(error))

    def is_external(self, url):
        """True for a network URL on another origin (data:, blob: and the like stay local)."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and \
            f"{parts.scheme}://{parts.netloc}" != self.origin

    def on_request(self, request):
        """Record external requests the router may not see (e.g. from workers)."""
        if self.is_external(request.url) and request.url not in self.external_requests:
            self.external_requests.append(request.url)

    def route(self, route):
        """Let same-origin requests through; record and abort everything else."""
        if self.is_external(route.request.url):
            self.on_request(route.request)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def unexpected(self, expected_patterns):
        """Human-readable list of every problem not matched by `expected_patterns`."""
        def is_expected(text):
            return any(re.search(pattern, text) for pattern in expected_patterns)

        lines = [f"console error: {text}" for text in self.console_errors if not is_expected(text)]
        lines += [f"page error: {text}" for text in self.page_errors if not is_expected(text)]
        # Requests to other origins are never acceptable (DESIGN §7: no CDN, no fonts).
        lines += [f"external request: {url}" for url in self.external_requests]
        return lines


@pytest.fixture
def page_problems(site_server):
    """The problem recorder behind `page`; tests may inspect it directly."""
    origin = site_server.rstrip("/")
    return PageProblems(origin)


@pytest.fixture
def page(request, browser, page_problems, expected_errors):
    """A fresh browser context and page per test, watched for errors and external requests.

    `@pytest.mark.context_options(...)` adds options to `browser.new_context()`.
    """
    marker = request.node.get_closest_marker("context_options")
    options = {"locale": "zh-CN", "service_workers": "block", **(marker.kwargs if marker else {})}
    context = browser.new_context(**options)
    yield watch_context(context, page_problems)
    context.close()
    problems = page_problems.unexpected(expected_errors)
    if problems:
        pytest.fail("the page reported problems:\n" + "\n".join(problems), pytrace=False)
