"""One bench run: the floor and every essay page, cold and warm, their latency and instant
navigation, collected into `Results`."""

import dataclasses
import time

from site_src.plugin.check import essay_pages

from .latency import KEY_REPEAT_MS, measure_latency
from .page import LOAD_TIMEOUT_MS, Browser, load_page, navigate_instantly, wait_for_snapshot, wait_ready
from .site import FLOOR_DIR, PROJECT_ROOT

#: Chromium without its input-then-frame task deferral: shows what the page and worker
#: cost apart from the browser's scheduling (the diagnostic latency row).
UNDEFERRED_ARGS = ["--disable-features=DeferRendererTasksAfterInput"]


#: Essay pages in navigation order (the last one's "next essay" is the first).
#: The essay pages (URL folders), in navigation order.
ESSAYS = tuple(essay_pages(PROJECT_ROOT / "mkdocs.yml"))


@dataclasses.dataclass
class Results:
    """Every raw measurement of a bench run."""

    build_s: list = dataclasses.field(default_factory=list)
    fresh_build_s: list = dataclasses.field(default_factory=list)
    rebuild_s: list = dataclasses.field(default_factory=list)
    floor: dict = dataclasses.field(default_factory=lambda: {"cold": [], "warm": []})
    cold: dict = dataclasses.field(default_factory=dict)   # slug → [Load]
    warm: dict = dataclasses.field(default_factory=dict)   # slug → [Load]
    nav_ms: dict = dataclasses.field(default_factory=lambda: {when: {} for when in NAV_WHEN})  # when → "from→to" → [ms or None]
    nav_problems: dict = dataclasses.field(default_factory=lambda: {when: {} for when in NAV_WHEN})  # when → "from→to" → [text]
    latency_tapped: dict = dataclasses.field(default_factory=dict)  # slug → {"samples", …}, back to back
    latency_held: dict = dataclasses.field(default_factory=dict)  # slug → …, held key
    latency_undeferred: dict = dataclasses.field(default_factory=dict)  # slug → …, back to back, UNDEFERRED_ARGS
    machine: dict = dataclasses.field(default_factory=dict)


def next_essay(slug):
    """The essay after `slug` in navigation order, wrapping to the first."""
    return ESSAYS[(ESSAYS.index(slug) + 1) % len(ESSAYS)]


def run_browser(results, server, slugs, runs, moves, log):
    """Floor and essay pages, cold and warm, interleaved per run; latency on the last run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = Browser(playwright)
        results.machine["chromium"] = browser.version
        try:
            for run in range(runs):
                log(f"run {run + 1}/{runs}: floor")
                measure_floor(results, browser, server)
                for slug in slugs:
                    log(f"run {run + 1}/{runs}: {slug}")
                    measure_essay(results, browser, server, slug,
                                  moves=moves if run == runs - 1 else 0, log=log)
        finally:
            browser.close()
        if moves:
            browser = Browser(playwright, extra_args=UNDEFERRED_ARGS)
            try:
                for slug in slugs:
                    log(f"{slug}: {moves} slider moves, input deferral off")
                    results.latency_undeferred[slug] = measure_undeferred(browser, server, slug, moves)
            finally:
                browser.close()


def measure_undeferred(browser, server, slug, moves):
    """Back-to-back latency on one page in a browser started with UNDEFERRED_ARGS."""
    context = browser.new_context()
    try:
        _, page = load_page(context, server, f"{server.url}{slug}/", "[data-model]", account_bytes=False)
        return measure_latency(page, moves)
    finally:
        context.close()


def measure_floor(results, browser, server):
    """One cold and one warm start of the floor page."""
    context = browser.new_context()
    try:
        url = server.url + FLOOR_DIR + "/"
        for temperature in ("cold", "warm"):
            load, page = load_page(context, server, url, "html", account_bytes=False)
            results.floor[temperature].append(load.ready_ms)
            page.close()
    finally:
        context.close()


def measure_essay(results, browser, server, slug, moves, log):
    """Cold load (with paint and bytes), warm load, optional latency, then instant navigation."""
    context = browser.new_context()
    try:
        url = f"{server.url}{slug}/"
        started_ms = time.time() * 1000
        cold, page = load_page(context, server, url, "[data-model]", account_bytes=True)
        results.cold.setdefault(slug, []).append(cold)
        wait_for_snapshot(server, page, started_ms)
        page.close()
        warm, page = load_page(context, server, url, "[data-model]", account_bytes=False)
        results.warm.setdefault(slug, []).append(warm)
        navigate(results, page, slug, "quick", log)
        page.close()
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        wait_settled(page)
        if moves:
            log(f"  {moves} slider moves on {slug}")
            results.latency_tapped[slug] = measure_latency(page, moves)
            results.latency_held[slug] = measure_latency(page, moves, pace_ms=KEY_REPEAT_MS)
        navigate(results, page, slug, "settled", log)
        page.close()
    finally:
        context.close()


#: When the click of an instant navigation comes (see the module docstring).
NAV_WHEN = {"settled": "from a settled page", "quick": "clicked as soon as the page is interactive"}


SETTLE_AFTER_DRAWN_S = 1.0


def wait_settled(page):
    """Wait until the page is ready, every chart is drawn, and SETTLE_AFTER_DRAWN_S more."""
    wait_ready(page, "[data-model]")
    page.wait_for_function("() => document.querySelector('[data-model]')?.dataset.charts === 'drawn'",
                           timeout=LOAD_TIMEOUT_MS, polling=50)
    time.sleep(SETTLE_AFTER_DRAWN_S)


def navigate(results, page, slug, when, log):
    """Instant navigation from `slug` to the next essay; recorded under `when` (NAV_WHEN)."""
    target = next_essay(slug)
    nav_ms, problem = navigate_instantly(page, target)
    results.nav_ms[when].setdefault(f"{slug}→{target}", []).append(nav_ms)
    if problem:
        results.nav_problems[when].setdefault(f"{slug}→{target}", []).append(problem)
        log(f"  instant navigation to {target} ({NAV_WHEN[when]}): {problem}")
