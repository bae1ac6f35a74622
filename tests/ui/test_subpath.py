"""The site published under a sub-path (`https://host/essays/`), as GitHub Pages project sites are.

A small server maps `/essays/` to a built site and answers 404 everywhere
else, like a host that owns only that folder; a missing page under the prefix
gets the site's own 404.html, as GitHub Pages does. The server records every
request it receives (the page's, its module worker's, Pyodide's), so "nothing
leaves /essays/" is checked where it happens, not only in the browser.

The site is built the way a publisher builds it: `mkdocs build --strict` with
`SITE_URL` naming the address it will be served from (mkdocs.yml reads it into
`site_url`; the Pages workflow sets it from `actions/configure-pages`). Two
things depend on it: Material's instant navigation (it only intercepts links
listed in sitemap.xml, with their path and port) and the 404 page (MkDocs
writes it with URLs rooted at `site_url`'s path).
"""

import http.server
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import wait_ready, watch_context
from .conftest import MIME_TYPES, PageProblems
from .engine import READY_TIMEOUT_MS, scenario, wait_until_shows

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/essays/"
FIRST_ESSAY = "nato-taxpayer/"
SECOND_ESSAY = "europe-treasuries/"
SECOND_MODEL = "treasuries"
MISSING_PAGE = "no-such-essay/"
#: The nato verdict whose sentence quotes the cost per taxpayer (it depends on their number).
PER_TAXPAYER_VERDICT = "e2.per_taxpayer_1000"
BUILD_TIMEOUT_SECONDS = 600


# --- the sub-path server -------------------------------------------------------

class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX; records (path, status) of every request."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def do_GET(self):
        self._serve(super().do_GET)

    def do_HEAD(self):
        self._serve(super().do_HEAD)

    def _serve(self, send_file):
        """Route one request: outside PREFIX → 404; a folder → its index.html; missing → 404.html."""
        self.requested_path = urlsplit(self.path).path
        if not self.requested_path.startswith(PREFIX):
            self.send_error(404, "outside the published folder")
            return
        inside = "/" + self.path[len(PREFIX):]
        target = Path(self.translate_path(inside))
        if target.is_dir() and not self.requested_path.endswith("/"):
            self.send_response(301)  # keep the prefix in the redirect
            self.send_header("Location", self.requested_path + "/")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            self._send_not_found_page()
            return
        self.path = inside
        send_file()

    def _send_not_found_page(self):
        """The site's 404.html with status 404 (what GitHub Pages does)."""
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        self.server.requests.append((getattr(self, "requested_path", self.path), int(code)))

    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


class _SubpathServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """Browsers drop connections mid-response (navigation, aborted fetch); that is not news."""


class SubpathSite:
    """A running sub-path server over `site_dir`: its origin, the site's URL, the requests it saw."""

    def __init__(self, site_dir):
        handler = lambda *args: _SubpathHandler(*args, directory=str(site_dir))  # noqa: E731
        self._server = _SubpathServer(("127.0.0.1", 0), handler)
        self._server.requests = []
        self.site_dir = Path(site_dir)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = self.origin + PREFIX
        self._thread = threading.Thread(target=self._server.serve_forever, name="subpath-server",
                                        daemon=True)
        self._thread.start()

    @property
    def requests(self):
        """(path, status) of every request served so far, in arrival order."""
        return list(self._server.requests)

    def forget_requests(self):
        """Start a fresh request log (each test judges only its own requests)."""
        self._server.requests.clear()

    def outside_prefix(self):
        """Paths requested outside the published folder."""
        return [path for path, _ in self.requests if not path.startswith(PREFIX)]

    def failures(self, allowed=()):
        """(path, status) of requests that failed (≥ 400), except paths in `allowed`."""
        return [(path, status) for path, status in self.requests if status >= 400 and path not in allowed]

    def stop(self):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The site built for http://127.0.0.1:<port>/essays/ and served there.

    The server starts first (on a free port) so the build can be told its
    address, as a publisher tells it the Pages URL.
    """
    site_dir = tmp_path_factory.mktemp("subpath_site")
    site = SubpathSite(site_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site.url)
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS)
    if completed.returncode != 0:
        site.stop()
        pytest.fail("`mkdocs build --strict` failed:\n" + (completed.stdout + completed.stderr)[-3000:],
                    pytrace=False)
    yield site
    site.stop()


@pytest.fixture
def page_problems(subpath_site):
    """The `page` fixture's problem recorder, judging origins against the sub-path server."""
    subpath_site.forget_requests()
    return PageProblems(subpath_site.origin)


def verdict_sentence(page, verdict_id):
    """Text of the first sentence `data-verdict=<verdict_id>` on the page."""
    return page.locator(f'[data-model] [data-verdict="{verdict_id}"] [data-verdict-text]').first.inner_text()


def numbers_in(text):
    """The numbers a sentence quotes, in order ("1500亿美元 ÷ 1.6亿" → ["1500", "1.6"])."""
    return re.findall(r"\d[\d,]*(?:\.\d+)?", text)


def rooted_urls(html_text):
    """`href`/`src`/`data-*` values starting with one `/` (they would leave a sub-path)."""
    return re.findall(r'\b(?:href|src|data-[\w-]+)="(/(?!/)[^"]*)"', html_text)


# --- the server itself ------------------------------------------------------------

def test_server_publishes_only_the_prefix(subpath_site):
    """Guard: the checks below mean something only if the server refuses paths outside /essays/."""
    def status_of(url):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status_of(subpath_site.url) == 200
    assert status_of(subpath_site.url + FIRST_ESSAY) == 200
    assert status_of(subpath_site.url + MISSING_PAGE) == 404
    assert status_of(subpath_site.origin + "/" + FIRST_ESSAY) == 404
    assert status_of(subpath_site.origin + "/assets/explainer/explainer.js") == 404


# --- the built pages ---------------------------------------------------------------

def test_pages_use_no_root_absolute_urls(built_site):
    """`make build` (no SITE_URL) writes only relative URLs, so `site/` works under any folder."""
    offenders = {}
    for html in sorted(built_site.rglob("*.html")):
        if html.relative_to(built_site).as_posix() == "404.html":
            continue  # MkDocs roots the 404 page at site_url (see the last test)
        rooted = sorted(set(rooted_urls(html.read_text(encoding="utf-8"))))
        if rooted:
            offenders[html.relative_to(built_site).as_posix()] = rooted[:5]
    assert offenders == {}


# --- a reader under /essays/ -----------------------------------------------------

def test_essay_under_subpath_goes_live_and_recomputes(page, subpath_site):
    response = page.goto(subpath_site.url + FIRST_ESSAY)
    assert response is not None and response.ok
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    before = verdict_sentence(page, PER_TAXPAYER_VERDICT)

    slider = page.locator('[data-model] input[type=range][data-param="taxpayers_m"]').first
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")

    # The worker (Pyodide and the widgets archive, fetched under /essays/) must answer
    # with exactly what the model gives for 130 M taxpayers.
    wait_until_shows(page, scenario(taxpayers_m=130))
    after = verdict_sentence(page, PER_TAXPAYER_VERDICT)
    assert numbers_in(after) != numbers_in(before), \
        f"moving the taxpayer slider left the per-taxpayer sentence at {before!r}"
    assert page.url.startswith(subpath_site.url + FIRST_ESSAY)
    page.wait_for_function("() => location.hash.includes('taxpayers_m=130')",
                           timeout=READY_TIMEOUT_MS)  # written once the reader pauses
    assert subpath_site.outside_prefix() == []
    assert subpath_site.failures() == []


def test_instant_navigation_to_another_essay_stays_under_subpath(page, subpath_site):
    page.goto(subpath_site.url + FIRST_ESSAY)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    first_title = page.locator("article h1").first.inner_text()
    # Survives only if Material swaps the page in place (instant navigation), not on a full load.
    page.evaluate("window.__subpathProbe = 'same document'")

    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{SECOND_ESSAY}"]').first.click()
    page.wait_for_url(subpath_site.url + SECOND_ESSAY + "**")
    page.wait_for_function(
        "(slug) => document.querySelector('[data-model]')?.dataset.model === slug", arg=SECOND_MODEL)
    wait_ready(page, timeout=READY_TIMEOUT_MS)

    assert page.evaluate("window.__subpathProbe") == "same document", \
        "the click reloaded the whole page instead of navigating instantly " \
        "(does mkdocs.yml still take site_url from SITE_URL?)"
    assert page.locator("article h1").first.inner_text() != first_title
    assert subpath_site.outside_prefix() == []
    assert subpath_site.failures() == []


def test_not_found_page_under_subpath_keeps_its_styles_and_links(browser, subpath_site):
    # Its own watched context: this page answers 404 by design, which the `page`
    # fixture would count as a console error.
    subpath_site.forget_requests()
    problems = PageProblems(subpath_site.origin)
    context = browser.new_context(locale="zh-CN", service_workers="block")
    try:
        page = watch_context(context, problems)
        response = page.goto(subpath_site.url + MISSING_PAGE)
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").first.inner_text().strip() == "404 - Not found"
        home = page.locator("a.md-header__button.md-logo").first.evaluate("(a) => a.href")
    finally:
        context.close()
    assert subpath_site.outside_prefix() == [], "the 404 page asked for files outside /essays/"
    assert home.rstrip(".") == subpath_site.url, f"the 404 page's home link goes to {home!r}"
    # The page itself answers 404 by design (Chromium logs that); nothing else may fail.
    assert subpath_site.failures(allowed={PREFIX + MISSING_PAGE}) == []
    assert problems.unexpected([r"status of 404 \(Not Found\)"]) == []
