"""What a reader sees in a real browser: every page loads cleanly, Chinese search finds pages.

The `page` fixture fails a test on any console error, uncaught error or
request to another origin, so loading a page is itself the assertion that the
page is clean.
"""

from urllib.parse import urlsplit

import pytest

from tests.conftest import ESSAY_PAGES, NAV_PAGES

from . import wait_ready

ESSAYS = list(ESSAY_PAGES)
PAGES = NAV_PAGES
SEARCH_ATTEMPTS = 10


def _open(page, site_server, slug):
    path = f"{slug}/" if slug else ""
    response = page.goto(site_server + path)
    assert response is not None and response.ok, f"/{path} answered {response and response.status}"
    return response


@pytest.mark.parametrize("slug", PAGES, ids=lambda slug: slug or "index")
def test_page_loads_without_errors_or_external_requests(page, site_server, slug):
    _open(page, site_server, slug)
    assert page.locator("html").get_attribute("lang").startswith("zh")
    heading = page.locator("article h1").first.inner_text().strip()
    assert heading, f"/{slug}: the page has no visible <h1>"
    if slug in ESSAYS:
        # The live part must start too: Pyodide, the widgets archive, the first compute.
        wait_ready(page, timeout=60000)
    page.wait_for_load_state("networkidle")


def _search_result_paths(page, query):
    """Type `query` into Material's search box and return the result pages' paths."""
    search_box = page.locator("input.md-search__input")
    search_box.click()
    search_box.fill(query)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    # Material reacts to key events; the search worker may still be loading the
    # index when the first one arrives, so nudge it until results appear.
    for _ in range(SEARCH_ATTEMPTS):
        search_box.press("End")
        try:
            results.first.wait_for(state="attached", timeout=1000)
            break
        except Exception:  # Playwright TimeoutError: no results yet
            continue
    return [urlsplit(href).path for href in (a.get_attribute("href") for a in results.all())]


@pytest.mark.parametrize(("query", "slug"), [
    ("自由现金流", "meta-capex"),
    ("纳税人", "nato-taxpayer"),
    ("核聚变", "spacex-space-solar"),
])
def test_chinese_search_finds_the_essay(page, site_server, query, slug):
    _open(page, site_server, "")
    page.wait_for_load_state("networkidle")
    paths = _search_result_paths(page, query)
    assert f"/{slug}/" in paths, f"searching {query!r} found {paths or 'nothing'}, not /{slug}/"


# The site's Content-Security-Policy would stop the probes before they reach the
# watchdog; this test is about the watchdog, so it bypasses the CSP.
@pytest.mark.context_options(bypass_csp=True)
def test_the_page_watchdog_catches_errors_and_blocks_other_origins(page, site_server, page_problems):
    """Guard for the `page` fixture that every other test here relies on."""
    _open(page, site_server, "")
    page.evaluate("""async () => {
        console.error("watchdog probe");
        setTimeout(() => { throw new Error("uncaught probe"); });
        await fetch("https://cdn.example.invalid/probe.js").catch(() => null);
        const worker = new Worker(URL.createObjectURL(new Blob(
            ['console.error("worker probe")'], {type: "text/javascript"})));
        await new Promise((resolve) => setTimeout(resolve, 500));
        worker.terminate();
    }""")
    page.wait_for_timeout(200)
    assert any("watchdog probe" in text for text in page_problems.console_errors)
    assert any("worker probe" in text for text in page_problems.console_errors)
    assert any("uncaught probe" in text for text in page_problems.page_errors)
    assert page_problems.external_requests == ["https://cdn.example.invalid/probe.js"]
    unexpected = page_problems.unexpected([])
    assert len(unexpected) >= 4
    # The probes were deliberate: clear them so teardown judges only what follows.
    page_problems.console_errors.clear()
    page_problems.page_errors.clear()
    page_problems.external_requests.clear()
