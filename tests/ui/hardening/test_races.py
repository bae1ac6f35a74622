"""Races: many fast inputs, a slow engine, and nothing stale on screen at the end.

DESIGN §3.3: at most one request in flight, only the latest pending one kept,
stale replies dropped. The tests drive real keyboard input faster than the
engine answers, and (in the throttled test) hold every engine reply back on
purpose, then check that the final display is exactly the model's answer for
the final controls, that no two requests were ever in flight, and that every
answer the page showed belonged to the request it answered, in order.
"""

import random

import pytest

from . import (
    READ_VIEW_JS,
    ROOT,
    assert_controls_show,
    assert_shows,
    defaults_of,
    expected_view,
    model_of,
    range_input,
    step_value,
    view_mismatches,
    wait_state,
)

PRESSES = 200
#: Replies are held back this long in the throttled test: many inputs arrive meanwhile.
REPLY_DELAY_MS = 500
KEYS = {"ArrowRight": 1, "ArrowLeft": -1}

# Wraps the page's Worker before any page script runs: logs each EVALUATE sent
# and answered, holds each answer back by window.__replyDelayMs, and after the
# page has handled an answer records what the page then shows (READ_VIEW_JS).
THROTTLE_JS = """(() => {
  const readView = %s;
  const log = window.__engineLog = {sent: [], shown: [], open: 0, maxOpen: 0};
  const Real = window.Worker;
  window.Worker = class extends Real {
    postMessage(message, ...rest) {
      if (message && message.type === 'evaluate') {
        log.sent.push({id: message.id, params: message.params, charts: message.charts});
        log.open += 1;
        log.maxOpen = Math.max(log.maxOpen, log.open);
      }
      return super.postMessage(message, ...rest);
    }
    set onmessage(handler) {
      super.onmessage = (event) => {
        const answered = log.sent.find((s) => s.id === event.data?.id);
        if (!answered || !['result', 'error'].includes(event.data.type)) return handler.call(this, event);
        setTimeout(() => {
          log.open -= 1;
          handler.call(this, event);
          setTimeout(() => log.shown.push({id: answered.id,
              view: readView(document.querySelector('[data-model]'))}), 0);
        }, window.__replyDelayMs ?? 0);
      };
    }
    get onmessage() { return super.onmessage; }
  };
})();""" % READ_VIEW_JS


def two_sliders(page, model):
    """The first two linear parameters with a range slider on the page."""
    found = [p for p in model.SPEC if not p.get("log") and range_input(page, p["name"]).count()]
    assert len(found) >= 2, f"{model.__name__}: fewer than two linear sliders on the page"
    return found[:2]


@pytest.mark.parametrize("path", ["nato-taxpayer/", "europe-treasuries/"],
                         ids=lambda path: path.strip("/"))
def test_200_interleaved_key_presses_end_on_the_models_answer(page, site_server, path):
    model = model_of(path)
    page.goto(site_server + path)
    assert wait_state(page, ("ready", "error")) == "ready"
    sliders = two_sliders(page, model)
    params = defaults_of(model)
    rng = random.Random(20260207)

    for press in range(PRESSES):
        param = sliders[press % 2]
        key = rng.choice(["ArrowRight", "ArrowRight", "ArrowLeft"])
        range_input(page, param["name"]).focus()
        page.keyboard.press(key)
        params[param["name"]] = step_value(param, params[param["name"]], KEYS[key])

    assert params != defaults_of(model), "test premise: the presses moved the scenario"
    assert_controls_show(page, params)
    assert_shows(page, model, params)
    assert wait_state(page, ("ready", "error")) == "ready"


def test_a_throttled_engine_never_lets_an_old_answer_overwrite_a_newer_one(page, site_server):
    path = "nato-taxpayer/"
    model = model_of(path)
    page.add_init_script(THROTTLE_JS)
    page.goto(site_server + path)
    assert wait_state(page, ("ready", "error")) == "ready"
    param = two_sliders(page, model)[0]
    name, value = param["name"], param["default"]
    page.evaluate(f"window.__replyDelayMs = {REPLY_DELAY_MS}; window.__engineLog.sent.length = 0;"
                  "window.__engineLog.shown.length = 0;")

    range_input(page, name).focus()
    for _ in range(40):  # one direction, so any older answer shown late would be a step back
        page.keyboard.press("ArrowLeft")
        value = step_value(param, value, -1)
    final = {**defaults_of(model), name: value}
    assert_shows(page, model, final)

    log = page.evaluate("window.__engineLog")
    assert log["maxOpen"] == 1, f"{log['maxOpen']} requests were in flight at once"
    sent_values = [request["params"][name] for request in log["sent"]]
    assert sent_values[-1] == value, f"the last request asked for {sent_values[-1]}, not {value}"
    assert len(sent_values) < 40 // 4, f"{len(sent_values)} requests for 40 inputs: nothing was coalesced"
    assert sent_values == sorted(sent_values, reverse=True) and len(set(sent_values)) == len(sent_values), \
        f"requests went back to older values: {sent_values}"
    assert_each_answer_shown_was_its_own(model, log)

    # Reset while an answer is held back: the reset wins, whatever arrives after it.
    page.evaluate("window.__engineLog.sent.length = 0; window.__engineLog.shown.length = 0;")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.locator(f'{ROOT} [data-action="reset"]').first.click()
    assert_shows(page, model, defaults_of(model))
    assert_controls_show(page, defaults_of(model))
    log = page.evaluate("window.__engineLog")
    assert log["maxOpen"] == 1
    assert log["sent"][-1]["params"] == defaults_of(model), "the last request was not the reset"
    assert_each_answer_shown_was_its_own(model, log)


def assert_each_answer_shown_was_its_own(model, log):
    """After each answer, the page showed exactly the model's view of that answer's request."""
    by_id = {request["id"]: request for request in log["sent"]}
    assert log["shown"], "no answer was recorded"
    for shown in log["shown"]:
        # Numbers, verdicts and the captions of the charts in view (those the request asked
        # for) come with the answer itself. Tables, and the charts out of view, follow when
        # the reader pauses, and plots redraw when seen: chart sources, tables and the other
        # captions are checked at the end (assert_shows), not after every answer.
        request = by_id[shown["id"]]
        only_asked = lambda view: dict(view, charts={cid: chart for cid, chart in view["charts"].items()
                                                     if cid in request["charts"]})
        problems = view_mismatches(only_asked(shown["view"]), only_asked(expected_view(model, request["params"])),
                                   with_tables=False, with_sources=False)
        assert not problems, (f"after answering request {shown['id']} ({request['params']}) "
                              "the page showed something else:\n" + "\n".join(problems[:8]))
