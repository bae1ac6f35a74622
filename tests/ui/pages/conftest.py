"""Fixtures for the live-page tests: one shared, watched browser page per essay, and axe-core.

The shared fixtures (`built_site`, `site_server`, `browser`, `page` with its
`context_options` marker) come from tests/conftest.py and tests/ui/conftest.py.
Loading an essay starts Pyodide from cold (3-6 s), so the checks that need
only one page load per essay share one: `essay_page` is opened once per essay
(module scope) and every test that uses it fails if that page logged a console
error, threw, or asked for another origin while the test ran.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from .. import watch_context
from ..conftest import PageProblems
from . import PAGE_IDS, PAGES

PROJECT_ROOT = Path(__file__).resolve().parents[3]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class LivePage:
    """An essay open in its own browser context, with everything that went wrong on it."""

    essay: object  # an EssayPage
    page: object  # a Playwright Page
    url: str
    problems: PageProblems

    def problem_count(self):
        """How many problems of each kind have been recorded so far."""
        return (len(self.problems.console_errors), len(self.problems.page_errors),
                len(self.problems.external_requests))

    def problems_since(self, counts):
        """Readable list of the problems recorded after `problem_count()` returned `counts`."""
        console, errors, external = counts
        return ([f"console error: {text}" for text in self.problems.console_errors[console:]]
                + [f"page error: {text}" for text in self.problems.page_errors[errors:]]
                + [f"external request: {url}" for url in self.problems.external_requests[external:]])


@pytest.fixture(scope="module", params=PAGES, ids=PAGE_IDS)
def shared_essay_page(request, browser, site_server):
    """One essay opened (not yet waited for) in a fresh, watched context, shared by a module's tests."""
    essay = request.param
    problems = PageProblems(site_server.rstrip("/"))
    context = browser.new_context(locale="zh-CN", service_workers="block")
    page = watch_context(context, problems)
    url = site_server + essay.path
    page.goto(url)
    yield LivePage(essay=essay, page=page, url=url, problems=problems)
    context.close()


@pytest.fixture
def essay_page(shared_essay_page):
    """The shared essay page; the test fails if the page reports a problem while it runs."""
    before = shared_essay_page.problem_count()
    yield shared_essay_page
    problems = shared_essay_page.problems_since(before)
    if problems:
        pytest.fail(f"{shared_essay_page.essay.path} reported problems:\n" + "\n".join(problems),
                    pytrace=False)


@pytest.fixture(scope="session")
def axe_source():
    """Source of the pinned axe-core (node_modules/axe-core/axe.min.js)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (axe-core is a devDependency)", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")
