"""Every essay page in Firefox and in WebKit: a cold visit is live without waiting for the
engine snapshot (whose response the server holds 6 s) and without a JS error; a slider
change recomputes the page's numbers and a chart's data exactly as the model does; a shared
link (#param=value) restores its scenario.
"""

import json
import re
from pathlib import Path

import pytest

from .. import views
from . import essays, number_text, telling_moves

ESSAYS = essays()
ROOT = views.ROOT
#: The model root's final state ("ready" or "error"), once it has one.
FINAL_STATE = f"""(() => {{ const state = document.querySelector('{ROOT}')?.dataset.state;
  return ['ready', 'error'].includes(state) && state; }})()"""
READ_VIEW = f"({views.READ_VIEW_JS})(document.querySelector('{ROOT}'))"
#: Pyodide's libm and CPython's may differ in a chart source's last bit (notebooklm's
#: chart_e4_gain_sweep; as tests/ui/hardening allows); text and tables are compared exactly.
SOURCE_RTOL = 1e-12
STATUS = f"document.querySelector('{ROOT} [data-status], {ROOT} [role=status]')?.textContent ?? ''"


def placed(built_site, essay):
    """(data-output paths, chart ids) the built page places."""
    html = (Path(built_site) / essay.path / "index.html").read_text(encoding="utf-8")
    return sorted(set(re.findall(r'data-output="([^"]+)"', html))), \
        sorted(set(re.findall(r'data-chart="([^"]+)"', html)))


def live(visit, url):
    """Open `url` cold and wait until its model is ready; returns the page."""
    page = visit(url)
    state = page.wait_for(FINAL_STATE, views.READY_TIMEOUT_MS)
    assert state == "ready", f"{url}: data-state={state!r}; status: {page.evaluate(STATUS)!r}"
    return page


def assert_shows(page, essay, params):
    """Wait until the page shows the model's answer for `params`; else list what differs."""
    expected = views.expected_view(essay.model, params)
    shows = f"({views.SHOWS_JS})([document.querySelector('{ROOT}'), {json.dumps(expected, allow_nan=False)}, true, true, {SOURCE_RTOL}])"
    try:
        page.wait_for(shows, views.UPDATE_TIMEOUT_MS)
    except Exception:  # a driver's timeout; say precisely what differs, below
        pass
    problems = views.view_mismatches(page.evaluate(READ_VIEW), expected, rtol=SOURCE_RTOL)
    assert not problems, (f"{essay.path} does not show the model's answer for "
                          f"{views.dumps(views.changed_params(essay.model, params))}:\n" + "\n".join(problems[:20]))
    return expected


@pytest.mark.parametrize("essay", ESSAYS, ids=[essay.slug for essay in ESSAYS])
def test_a_cold_visit_is_live_without_the_snapshot_and_a_slider_recomputes(
        engine, engine_server, visit, built_site, essay):
    page = live(visit, engine_server.url + essay.path)
    started, ready = page.evaluate("[performance.timeOrigin, window.__engineTest.readyMs]")
    asked = engine_server.served.between(started, started + ready)
    assert not [path for path in asked if path.split("?")[0].endswith(".snapshot.gz")], \
        f"{engine.name} asked for the engine snapshot before {essay.path} was live"
    how = page.evaluate("window.__engineTest.engine")
    assert how["snapshot"] == "none", f"a cold visit started from a snapshot it cannot have: {how}"

    outputs, charts = placed(built_site, essay)
    name, value = telling_moves(essay, outputs, charts)[0]
    before = views.expected_view(essay.model, views.defaults_of(essay.model))
    moved = f"""(() => {{ const input = document.querySelector('{ROOT} input[type=range][data-param="{name}"]');
      input.value = "{number_text(value)}";
      input.dispatchEvent(new Event("input", {{ bubbles: true }}));
      return input.value; }})()"""
    assert float(page.evaluate(moved)) == value, f"the {name} slider cannot take {value}"
    after = assert_shows(page, essay, views.scenario(essay.model, **{name: value}))
    assert any(after["outputs"][path] != before["outputs"][path] for path in outputs)
    assert any(after["charts"][cid]["columns"] != before["charts"][cid]["columns"] for cid in charts)


@pytest.mark.parametrize("essay", ESSAYS, ids=[essay.slug for essay in ESSAYS])
def test_a_shared_link_restores_its_scenario(engine, engine_server, visit, built_site, essay):
    name, value = telling_moves(essay, *placed(built_site, essay))[-1]
    page = live(visit, f"{engine_server.url}{essay.path}#{name}={number_text(value)}")
    assert_shows(page, essay, views.scenario(essay.model, **{name: value}))
    boxes = page.evaluate(f"[...document.querySelectorAll('{ROOT} input[type=number][data-param=\"{name}\"]')]"
                          ".map((box) => Number(box.value))")
    assert boxes and set(boxes) == {value}, f"the {name} boxes show {boxes}, not the link's {value}"
