"""Every page works under its own Content-Security-Policy, sent as an HTTP header as well.

A policy in a <meta> is easy to weaken by accident; a header is what a strict
host would send. Here both are in force (see conftest.py), every violation is
recorded, and the page must still go live: Pyodide compiles its WebAssembly,
the module worker starts, BokehJS draws, and a moved slider recomputes.
"""

import pytest

from . import (
    PAGE_MODELS,
    READY_TIMEOUT_MS,
    ROOT,
    assert_shows,
    defaults_of,
    expected_view,
    model_of,
    read_view,
    range_input,
    state,
    step_value,
)
from .conftest import page_policy, script_policy


def first_slider_that_changes_the_page(page, model):
    """(name, new value, key): the first slider whose one-step move changes what the page shows.

    "What the page shows" is every live number, verdict sentence and chart
    table placed on it (read from the page); the effect of the move is decided
    with the model in this process, so the test knows that something must change.
    """
    placed = read_view(page)
    defaults = defaults_of(model)
    before = visible_part(expected_view(model, defaults), placed)
    for param in model.SPEC:
        if param.get("log") or not range_input(page, param["name"]).count():
            continue
        direction = 1 if param["default"] < param["max"] else -1
        moved = step_value(param, param["default"], direction)
        if visible_part(expected_view(model, {**defaults, param["name"]: moved}), placed) != before:
            return param["name"], moved, "ArrowRight" if direction > 0 else "ArrowLeft"
    raise AssertionError(f"{page.url}: no slider changes anything shown on the page")


def visible_part(view, placed):
    """The numbers, verdict texts and table rows of `view` that the page places."""
    return ({path: text for path, text in view["outputs"].items() if path in placed["outputs"]},
            {vid: v["text"] for vid, v in view["verdicts"].items() if vid in placed["verdicts"]},
            {cid: c["rows"] for cid, c in view["charts"].items() if cid in placed["charts"]})


@pytest.mark.parametrize("path", list(PAGE_MODELS), ids=lambda path: path.strip("/") or "index")
def test_page_goes_live_under_its_policy_as_a_header(page, site_server, built_site, path,
                                                    csp_violations):
    worker_scripts = []
    page.on("worker", lambda worker: worker_scripts.append(worker.url))
    # The worker compiles Pyodide's WebAssembly on every page (pages without a model warm it up).
    with page.expect_response(lambda r: r.url.endswith(".wasm"), timeout=READY_TIMEOUT_MS) as wasm:
        response = page.goto(site_server + path)
    assert wasm.value.ok
    built = (built_site / path / "index.html").read_text(encoding="utf-8")
    assert response.headers.get("content-security-policy") == page_policy(built), \
        "the test server did not send the page's own policy as a header"

    if PAGE_MODELS[path] is None:
        page.wait_for_load_state("networkidle", timeout=READY_TIMEOUT_MS)
    else:
        model = model_of(path)
        page.wait_for_function(
            "() => ['ready', 'error'].includes(document.querySelector('[data-model]')?.dataset.state)",
            timeout=READY_TIMEOUT_MS)
        assert state(page) == "ready", page.locator(f"{ROOT} [data-status]").inner_text()
        page.wait_for_function("() => document.querySelector('[data-model]').dataset.charts === 'drawn'",
                               timeout=READY_TIMEOUT_MS)
        name, value, key = first_slider_that_changes_the_page(page, model)
        range_input(page, name).focus()
        page.keyboard.press(key)
        assert_shows(page, model, {**defaults_of(model), name: value})

    assert any(url.split("?")[0].endswith("/worker.js") for url in worker_scripts), \
        f"the engine worker never started (workers: {worker_scripts})"
    assert csp_violations.all() == []


def test_scripts_get_the_policy_without_hashes(site_server, built_site):
    # The worker is held to its own response's policy: check the server says what we think.
    import urllib.request

    with urllib.request.urlopen(site_server + "assets/explainer/worker.js") as response:
        header = response.headers["Content-Security-Policy"]
    expected = script_policy(page_policy((built_site / "index.html").read_text(encoding="utf-8")))
    assert header == expected and "sha256-" not in header and "'wasm-unsafe-eval'" in header

