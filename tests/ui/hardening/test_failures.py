"""When the live part fails, the page stays complete and correct, and says so (DESIGN §3.4).

Five failures a reader can meet: Pyodide's files missing, the page's model archive
missing, WebAssembly refused, the model raising for one scenario, and JavaScript
switched off. In each the
essay text, the default numbers, verdicts and data tables stay as built; the
first three end in data-state="error" with a status line saying why; a model
error keeps the last good answer and recovers on the next good one.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from site_src.engine.models import model_archives

from . import (
    ESSAY_PATHS,
    READY_TIMEOUT_MS,
    ROOT,
    assert_shows,
    defaults_of,
    expected_view,
    is_chinese,
    model_of,
    range_input,
    read_view,
    state,
    status_text,
    view_mismatches,
    wait_state,
)

#: How long a reader may be left on "loading" when the runtime cannot start at all.
REFUSED_WASM_PATIENCE_MS = 45000
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "essays"
NATO = "nato-taxpayer/"
#: The model raises for this scenario only (see failing_widgets_archive).
TRIGGER_PARAM, TRIGGER_VALUE = "rent_b", 60
INJECTED_MESSAGE = "hardening: injected model failure"
# Appended to widgets/runtime.py inside the archive the page downloads: the
# worker's `handle` looks `evaluate` up at call time, so this wrapper is used.
RUNTIME_PATCH = f'''

_evaluate_unpatched = evaluate


def evaluate(model, params, *args, **kwargs):
    if params.get({TRIGGER_PARAM!r}) == {TRIGGER_VALUE!r}:
        raise RuntimeError({INJECTED_MESSAGE!r})
    return _evaluate_unpatched(model, params, *args, **kwargs)
'''


def assert_page_is_complete_as_built(page, path):
    """Essay text, default verdicts, numbers, chart captions and tables are all on the page."""
    model = model_of(path)
    expected = expected_view(model, defaults_of(model))
    shown = read_view(page)
    assert shown["verdicts"], f"{path}: no verdict sentences on the page"
    assert shown["charts"], f"{path}: no charts (with data tables) on the page"
    for cid, copies in shown["charts"].items():
        assert all(copy["rows"] for copy in copies), f"{path}: the data table of {cid} is empty"
    problems = view_mismatches(shown, expected, with_sources=False)
    assert not problems, f"{path}: the page does not show the defaults:\n" + "\n".join(problems[:10])
    missing = missing_essay_sentences(page, path)
    assert not missing, f"{path}: {len(missing)} sentences of the essay are missing, e.g. {missing[:3]}"


def missing_essay_sentences(page, path):
    """Clauses of the original essay (fixture) not found in the page's article text.

    Clauses, not sentences: the page breaks the one-line original into headings,
    paragraphs and lists (tests/content/test_fidelity.py checks that exactly).
    """
    original = (FIXTURES / f"{path.strip('/')}.txt").read_text(encoding="utf-8")
    article = "".join(page.locator("article").inner_text().split())
    clauses = re.split(r"[\s,。!?;:、,.!?;:“”\"()()]+", original)
    return [clause for clause in clauses if len(clause) >= 6 and clause not in article]


# --- (a) Pyodide's files answer 404 ---------------------------------------------------

@pytest.mark.expected_errors(r"404", r"(?i)dynamically imported module", r"(?i)pyodide")
def test_missing_pyodide_leaves_the_built_page_and_says_why(page, site_server):
    page.route("**/assets/pyodide/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_server + NATO)
    assert wait_state(page, ("ready", "error")) == "error"
    status = status_text(page)
    assert "交互功能不可用" in status and "pyodide" in status.lower(), \
        f"the status line does not say that (and why) the live part is unavailable: {status!r}"
    assert_page_is_complete_as_built(page, NATO)
    # BokehJS is still available: the pre-rendered charts get drawn all the same.
    page.wait_for_function("(root) => document.querySelector(root).dataset.charts === 'drawn'",
                           arg=ROOT, timeout=READY_TIMEOUT_MS)


@pytest.mark.expected_errors(r"404")
def test_missing_model_archive_leaves_the_built_page_and_names_the_file(page, site_server):
    # Pyodide starts fine; only this page's own model archive is missing on the host.
    page.route("**/assets/explainer/models-*/nato_taxpayer.zip",
               lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_server + NATO)
    assert wait_state(page, ("ready", "error")) == "error"
    status = status_text(page)
    assert "交互功能不可用" in status and "nato_taxpayer.zip" in status and "404" in status, \
        f"the status line does not say which file is missing: {status!r}"
    assert_page_is_complete_as_built(page, NATO)
    page.wait_for_function("(root) => document.querySelector(root).dataset.charts === 'drawn'",
                           arg=ROOT, timeout=READY_TIMEOUT_MS)


# --- (b) WebAssembly refused ----------------------------------------------------------

@pytest.mark.expected_errors(r"(?i)wasm", r"(?i)webassembly", r"(?i)aborted", r"(?i)magic")
def test_refused_webassembly_leaves_the_built_page_and_says_why(page, site_server):
    page.route("**/*.wasm", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><p>not WebAssembly</p>"))
    page.goto(site_server + NATO)
    try:
        wait_state(page, ("ready", "error"), timeout=REFUSED_WASM_PATIENCE_MS)
    except PlaywrightTimeoutError:
        pytest.fail(f"with WebAssembly refused the page is still {state(page)!r} after "
                    f"{REFUSED_WASM_PATIENCE_MS // 1000} s, telling the reader {status_text(page)!r}",
                    pytrace=False)
    assert state(page) == "error"
    status = status_text(page)
    assert "交互功能不可用" in status and is_chinese(status), status
    assert_page_is_complete_as_built(page, NATO)


# --- (c) the model raises for one scenario ----------------------------------------------

@pytest.fixture
def failing_widgets_archive():
    """The core models archive, as sources (the site ships bytecode compiled from them),
    with RUNTIME_PATCH appended to widgets/runtime.py."""
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(model_archives()["core"])) as original, zipfile.ZipFile(patched, "w") as copy:
        names = original.namelist()
        assert "widgets/runtime.py" in names
        for name in names:
            data = original.read(name)
            if name == "widgets/runtime.py":
                data += RUNTIME_PATCH.encode("utf-8")
            copy.writestr(original.getinfo(name), data)
    return patched.getvalue()


def test_a_model_error_keeps_the_last_good_answer_and_recovers(page, site_server,
                                                               failing_widgets_archive):
    page.route("**/assets/explainer/models-*/core.zip", lambda route: route.fulfill(
        status=200, content_type="application/zip", body=failing_widgets_archive))
    model = model_of(NATO)
    defaults = defaults_of(model)
    step = model.SPEC[[p["name"] for p in model.SPEC].index(TRIGGER_PARAM)]["step"]
    good = {**defaults, TRIGGER_PARAM: TRIGGER_VALUE - step}
    assert good[TRIGGER_PARAM] == defaults[TRIGGER_PARAM] + step, "test premise: one step right is good"
    page.goto(site_server + NATO)
    assert wait_state(page, ("ready", "error")) == "ready"
    slider = range_input(page, TRIGGER_PARAM)
    slider.focus()

    page.keyboard.press("ArrowRight")
    assert_shows(page, model, good)
    assert state(page) == "ready"

    page.keyboard.press("ArrowRight")  # to the value the model refuses
    page.wait_for_function(
        "() => document.querySelector('[data-model]').dataset.state === 'error'",
        timeout=READY_TIMEOUT_MS)
    status = status_text(page)
    assert INJECTED_MESSAGE in status and "上一次正确" in status, \
        f"the status line does not say the computation failed and what is shown: {status!r}"
    problems = view_mismatches(read_view(page), expected_view(model, good))
    assert not problems, "after the error the page no longer shows the last good answer:\n" + \
        "\n".join(problems[:10])

    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # back to the essay's default: a good scenario again
    assert_shows(page, model, defaults)
    assert wait_state(page, ("ready",), timeout=READY_TIMEOUT_MS) == "ready", status_text(page)
    assert "计算出错" not in status_text(page)


# --- (d) JavaScript switched off -------------------------------------------------------

@pytest.mark.context_options(java_script_enabled=False)
@pytest.mark.parametrize("path", ESSAY_PATHS, ids=lambda path: path.strip("/"))
def test_without_javascript_every_essay_page_is_complete(page, site_server, path):
    page.goto(site_server + path)
    assert state(page) == "static"
    assert "静态" in status_text(page) or "默认" in status_text(page), status_text(page)
    assert_page_is_complete_as_built(page, path)
