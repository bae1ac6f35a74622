"""Update latency: keyboard moves on a page's range sliders, each timed from the keydown to
the end of the page's update."""

import math
import time

MOVE_TIMEOUT_MS = 5_000


#: Installed on a ready page: times every slider keydown → end of the page's update.
LATENCY_SCRIPT = """() => {
  const root = document.querySelector("[data-model]");
  const state = { start: 0, sources: [], samples: [], waiting: null };
  const sourcesNow = () => (window.Bokeh?.documents ?? []).flatMap((doc) =>
    [...doc.all_models].filter((m) => m.type === "ColumnDataSource"));
  addEventListener("keydown", (event) => {
    if (!event.target.matches?.("input[type=range][data-param]")) return;
    state.start = performance.now();
    state.sources = sourcesNow().map((source) => [source, source.data, source.document]);
  }, true);
  new MutationObserver(() => {
    if (!state.start) return;
    const ms = performance.now() - state.start;
    // A chart counts as updated when at least one of its data sources got new data.
    const charts = new Set(state.sources.map(([, , doc]) => doc));
    const updated = new Set(state.sources.filter(([source, data]) => source.data !== data).map(([, , doc]) => doc));
    const input = document.activeElement;
    const messages = window.__bench.messages;
    const sent = messages.find((m) => m.dir === "out" && m.type === "evaluate" && m.t >= state.start);
    const replied = sent && messages.find((m) => m.dir === "in" && m.type === "result" && m.t >= sent.t);
    state.samples.push({ ms, worker_ms: replied ? replied.t - sent.t : null,
                         apply_ms: replied ? performance.now() - replied.t : null, charts: charts.size, updated: updated.size, value: Number(input.value),
                         min: Number(input.min), max: Number(input.max) });
    state.start = 0;
    state.waiting?.();
  }).observe(root, { attributes: true, attributeFilter: ["data-state"] });
  // Resolves with sample number `count` (1-based) once it exists, or null after `timeoutMs`.
  const waitFor = (count, timeoutMs) => new Promise((resolve) => {
    const check = () => {
      if (state.samples.length < count) return false;
      state.waiting = null;
      resolve(state.samples[count - 1]);
      return true;
    };
    if (check()) return;
    state.waiting = check;
    setTimeout(() => {
      if (state.samples.length >= count) return;
      state.waiting = null;
      state.start = 0;
      resolve(null);
    }, timeoutMs);
  });
  window.__latency = { waitFor, count: () => state.samples.length };
}"""


#: Resolves once the frames that show what just changed (a scroll, a focus ring) are drawn.
NEXT_FRAMES_JS = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"


#: A held arrow key repeats about 30 times a second.
KEY_REPEAT_MS = 33


def measure_latency(page, moves, pace_ms=None):
    """Update latency (ms) over `moves` keyboard moves spread over the page's range sliders.

    Each slider gets a block of consecutive moves; the direction turns at either end.
    With `pace_ms`, the arrow key is held: a repeated keydown at the earliest `pace_ms`
    after the previous one (never before the previous update is in), released when the
    slider or direction changes. Without, keys are tapped (down, up) as soon as the
    previous update is in.

    Returns:
        {"samples": [ms], "timeouts": n, "unchanged": n} — unchanged counts updates after
        which no chart's Bokeh data changed (BokehJS keeps a source whose new data equals
        the old, so a chart that does not depend on the moved slider stays as it is).
    """
    page.evaluate(LATENCY_SCRIPT)
    # A reader opens a folded group of controls before using it.
    page.evaluate("""() => { for (const input of document.querySelectorAll("[data-model] input[type=range]"))
                               for (let d = input.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true; }""")
    sliders = page.locator("[data-model] input[type=range][data-param]:visible")
    count = sliders.count()
    if count == 0:
        return {"samples": [], "timeouts": 0, "unchanged": 0}
    block = max(1, math.ceil(moves / count))
    samples, timeouts, unchanged = [], 0, 0
    worker_ms, apply_ms = [], []
    key = "ArrowRight"
    held = None  # the key held down (paced moves)
    pressed = 0.0
    for move in range(moves):
        if move % block == 0:
            release(page, held)
            held = None
            slider = sliders.nth(move // block)
            slider.scroll_into_view_if_needed()
            slider.focus()
            key = "ArrowLeft" if slider_at_end(slider) else "ArrowRight"
            page.evaluate(NEXT_FRAMES_JS)  # a reader's first key comes after the scroll is drawn
        expected = page.evaluate("window.__latency.count()") + 1
        if pace_ms:
            time.sleep(max(0.0, pressed + pace_ms / 1000 - time.monotonic()))
        pressed = time.monotonic()
        if not pace_ms:
            page.keyboard.press(key)
        else:
            if held != key:
                release(page, held)
            page.keyboard.down(key)  # again while held: a repeat, as a keyboard sends it
            held = key
        sample = page.evaluate("([n, ms]) => window.__latency.waitFor(n, ms)",
                               [expected, MOVE_TIMEOUT_MS])
        if sample is None:
            timeouts += 1
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
            continue
        samples.append(sample["ms"])
        if sample["worker_ms"] is not None:
            worker_ms.append(sample["worker_ms"])
            apply_ms.append(sample["apply_ms"])
        unchanged += sample["charts"] > 0 and sample["updated"] == 0
        if sample["value"] >= sample["max"]:
            key = "ArrowLeft"
        elif sample["value"] <= sample["min"]:
            key = "ArrowRight"
    release(page, held)
    return {"samples": samples, "timeouts": timeouts, "unchanged": unchanged,
            "worker_ms": worker_ms, "apply_ms": apply_ms}


def release(page, key):
    """Let go of a held key, if any."""
    if key:
        page.keyboard.up(key)


def slider_at_end(slider):
    """True when a range input sits at its maximum."""
    return slider.evaluate("(input) => Number(input.value) >= Number(input.max)")
