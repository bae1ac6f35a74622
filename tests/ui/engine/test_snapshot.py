"""The engine's own standard library and memory snapshot: a first visit boots from the library,
a second starts from the snapshot; a site built without them, or a bad snapshot, still works.

A first visit boots Python (it never waits for the 31 MB snapshot) and, once the page is
live, fetches the snapshot into Cache Storage; the next visit restores the engine from it
with every model imported. Both must answer exactly as the model does. These tests open
their own browser context: the shared `page` fixture routes every request (to catch other
origins).
"""

import functools
import gzip
import threading
import zipfile
from pathlib import Path

import pytest

from site_src.engine.models import model_archives

from ..conftest import CspHandler, _QuietServer, page_policy
from .conftest import PROJECT_ROOT

from .. import wait_ready
from . import DEFAULTS, NATO_PATH, READY_TIMEOUT_MS, press_times, range_input, scenario, wait_until_shows

#: Records the engine's READY message (it says whether the engine came from the snapshot).
READY_JS = """(() => {
  const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data?.type === "ready") window.__engineReady = event.data;
      });
    }
  };
})();"""


@pytest.fixture
def context(browser):
    """A context with an HTTP cache; fails the test on any console or page error."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    context.add_init_script(READY_JS)
    errors = []
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert not errors, f"the pages reported errors: {errors}"


def visit(context, url):
    """Open `url` in a new tab of `context`, wait until it is live; returns (page, READY message)."""
    page = context.new_page()
    page.goto(url)
    wait_ready(page, timeout=READY_TIMEOUT_MS)
    return page, page.evaluate("window.__engineReady")


#: True once the worker has put a snapshot into Cache Storage (where the next visit looks).
#: Playwright waits on a value, not a promise: each poll starts one look, the value is the last's.
KEPT_JS = """() => {
  const look = (window.__keptLook ??= { running: false, kept: false });
  if (!look.running) {
    look.running = true;
    (async () => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        if ((await cache.keys()).some((request) => request.url.endsWith(".snapshot.gz"))) return true;
      }
      return false;
    })().then((kept) => Object.assign(look, { running: false, kept }));
  }
  return look.kept;
}"""


def first_visit_keeps_the_snapshot(context, url):
    """A first visit: Python booted from scratch; returns once the snapshot is in the cache."""
    kept = []
    context.on("requestfinished", lambda request: kept.append(request.url)
               if request.url.endswith(".snapshot.gz") and request.response().ok else None)
    page, ready = visit(context, url)
    assert ready["snapshot"] == "none", f"a first visit found a snapshot it cannot have had: {ready}"
    page.wait_for_timeout(100)
    deadline = 600
    while not kept and deadline:
        page.wait_for_timeout(100)  # the worker fetches it once every model is imported
        deadline -= 1
    assert kept, "the page never fetched the engine snapshot for the next visit"
    page.wait_for_function(KEPT_JS, timeout=READY_TIMEOUT_MS)  # stored once the download ends
    page.close()


def come_back_and_move(context, url, steps):
    """A first visit, then a second that moves the taxpayers slider by `steps` (±) and must
    show exactly the model's answer; returns how the second visit's engine started."""
    first_visit_keeps_the_snapshot(context, url)
    page, ready = visit(context, url)
    press_times(page, range_input(page, "taxpayers_m"), "ArrowRight" if steps > 0 else "ArrowLeft", abs(steps))
    wait_until_shows(page, scenario(taxpayers_m=DEFAULTS["taxpayers_m"] + steps))
    return ready["snapshot"]


def test_a_second_visit_starts_from_the_snapshot_and_answers_as_the_model(context, nato_url):
    how = come_back_and_move(context, nato_url, -3)
    assert how == "used", f"the second visit booted Python ({how}) instead of using the snapshot"
    # Another essay's model comes from the same snapshot, already imported.
    third, ready = visit(context, nato_url.replace(NATO_PATH, "europe-treasuries/"))
    assert ready["snapshot"] == "used"


def test_a_first_visit_boots_from_the_sites_own_library_and_answers_as_the_model(context, nato_url, built_site):
    fetched = []
    context.on("requestfinished", lambda request: fetched.append(request.url.split("?")[0]))
    page, ready = visit(context, nato_url)
    assert ready["snapshot"] == "none"
    assert any("/models-" in url and "/stdlib-" in url and url.endswith(".zip") for url in fetched), \
        "the engine did not load the site's own standard library"
    assert not any(url.endswith("python_stdlib.zip") for url in fetched), "stock Pyodide's library was loaded"
    library = next(Path(built_site).glob("assets/explainer/models-*/stdlib-*.zip"))
    with zipfile.ZipFile(library) as shipped:  # not the stock one the build falls back to
        assert all(name.endswith(".pyc") for name in shipped.namelist())
    press_times(page, range_input(page, "taxpayers_m"), "ArrowLeft", 2)
    wait_until_shows(page, scenario(taxpayers_m=DEFAULTS["taxpayers_m"] - 2))


#: Records (browser clock, ms since the epoch) when the page first became live.
LIVE_AT_JS = """new MutationObserver((records, observer) => {
  if (records.some((record) => record.target.dataset.state === "ready")) {
    window.__liveAt = Date.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });"""


def test_the_other_models_are_fetched_only_once_the_page_is_live(context, nato_url):
    """What the page needs first never shares the network with what the next page needs."""
    context.add_init_script(LIVE_AT_JS)
    started = {}
    context.on("requestfinished", lambda request: started.setdefault(
        request.url.split("?")[0].rsplit("/", 1)[-1], request.timing["startTime"]))
    others = {f"{name}.zip" for name in model_archives()} - {"core.zip", "nato_taxpayer.zip"}
    page, _ = visit(context, nato_url)
    for _ in range(300):
        if others <= set(started):
            break
        page.wait_for_timeout(100)
    assert others <= set(started), f"the other models were never fetched: {sorted(started)}"
    live_at = page.evaluate("window.__liveAt")
    assert started["core.zip"] < live_at and started["nato_taxpayer.zip"] < live_at
    early = sorted(name for name in others if started[name] <= live_at)
    assert not early, f"fetched before the page was live: {early}"


def test_a_site_built_without_node_boots_stock_pyodide_and_answers_as_the_model(context, nato_url, built_site):
    """Without Node the build ships Pyodide's stock library in place of its own, the models'
    sources in place of their bytecode, and no snapshot."""
    models = next(Path(built_site).glob("assets/explainer/models-*/"))
    built = {path: path.read_bytes() for path in models.iterdir()}
    (models / next(path.name for path in built if path.name.startswith("stdlib-"))).write_bytes(
        (PROJECT_ROOT / "node_modules/pyodide/python_stdlib.zip").read_bytes())
    for name, archive in model_archives().items():
        (models / f"{name}.zip").write_bytes(archive)
    next(path for path in built if path.name.endswith(".snapshot.gz")).unlink()
    try:
        page, ready = visit(context, nato_url)
        assert ready["snapshot"] == "none"
        press_times(page, range_input(page, "taxpayers_m"), "ArrowRight", 4)
        wait_until_shows(page, scenario(taxpayers_m=DEFAULTS["taxpayers_m"] + 4))
    finally:
        for path, data in built.items():
            path.write_bytes(data)


def test_a_snapshot_that_cannot_be_restored_falls_back_to_booting_python(context, nato_url, built_site):
    snapshot = next(Path(built_site).glob("assets/explainer/models-*/engine-*.snapshot.gz"))
    whole = snapshot.read_bytes()
    memory = gzip.decompress(whole)
    # A well-formed file whose memory image is cut short: it decompresses, and only
    # Pyodide's restore can find out that it is no good.
    snapshot.write_bytes(gzip.compress(memory[: len(memory) // 3], compresslevel=1))
    try:
        how = come_back_and_move(context, nato_url, 2)
        assert how == "unusable", f"the broken snapshot was not found, or was used ({how})"
    finally:
        snapshot.write_bytes(whole)


class UnpackingHandler(CspHandler):
    """A host that labels .gz files Content-Encoding: gzip (Apache's `AddEncoding`): the
    browser unpacks the snapshot before the worker sees it."""

    def end_headers(self):
        if self.path.endswith(".gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()


@pytest.fixture
def unpacking_server(built_site):
    """The built site served by UnpackingHandler; yields the nato page's URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(UnpackingHandler, directory=str(built_site)))
    server.reference_policy = page_policy((Path(built_site) / "index.html").read_text(encoding="utf-8"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{NATO_PATH}"
    server.shutdown()
    server.server_close()


def test_a_snapshot_the_host_unpacked_on_the_way_is_used_as_it_is(context, unpacking_server):
    how = come_back_and_move(context, unpacking_server, -1)
    assert how == "used", f"the unpacked snapshot was not used ({how})"
