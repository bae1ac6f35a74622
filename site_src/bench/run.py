"""`make bench`: how fast the built site is for a reader, measured in a real Chromium.

Run as `.venv/bin/python -m site_src.bench` (`--quick` for a short run, `--help`
for the options). One run builds the site into a temporary folder (timing the
build, and once more a build of a fresh checkout, which makes the engine's files),
adds a *floor* page there (a bare page that only starts stock Pyodide in a module
worker from the same files and Pyodide's own standard library; it never ships),
serves the folder on 127.0.0.1 with gzip and GitHub-Pages-like caching
(`Cache-Control: max-age=600` plus ETags), drives headless Chromium with
Playwright and prints one Markdown table: every figure is the median of several
runs with min–max, all measured in this one run. A full run also writes that table into README.md between
`<!-- bench:start -->` and `<!-- bench:end -->` and the raw numbers into
`bench-results/latest.json`.

How things are measured (all times in the page, from navigation start unless said):
- *first paint*: the later of first-contentful-paint (essay text and default
  numbers are in the HTML) and the frame after every chart in the first
  screenful is drawn (its `[data-chart]` gets `data-drawn="true"`; two
  animation frames later). Charts further down are drawn when they come into
  view or once the engine is ready, so they are not part of first paint.
- *interactive*: `[data-model]` gets `data-state="ready"`; cold = fresh browser
  context (empty HTTP cache), warm = a new tab in the same context once the first
  visit has fetched what it fetches for the next one (the engine snapshot, see
  site_src/engine_files.py): a reader coming back.
- *update latency*: from the keydown on a focused range slider to the end of the
  page's update (the root's `data-state` is rewritten once numbers, verdicts,
  tables and every Bokeh `ColumnDataSource` hold the new reply); each move waits
  for the previous one to finish, so no coalescing is involved. Measured three ways:
  a held arrow key (a keydown repeat every KEY_REPEAT_MS, as a keyboard sends them;
  this row carries the target); keys tapped back to back, each as soon as the previous
  update is in, faster than the screen refreshes; and the same back to back with
  Chromium's DeferRendererTasksAfterInput off (a diagnostic). After a key press that
  leaves a frame pending, Chromium holds the page's other tasks, the worker's answer
  among them, until that frame is drawn: back to back, nearly every key lands so, and
  its latency is bounded by the frame interval rather than by the page's work.
- *instant navigation*: from the click on the sidebar link of the next essay to
  that page's `data-state="ready"` (Material swaps the content, the worker stays).
  Measured twice: from a page the reader has been on for a while (every chart drawn,
  SETTLE_AFTER_DRAWN_S more; this row carries the target), and with the click as soon
  as the first page is interactive, while it still draws its charts out of view and
  asks the worker for its pause-time extras.
- *bytes*: response bodies as sent by the bench server (gzip when smaller).
"""

import argparse
import dataclasses
import datetime
import functools
import gzip
import hashlib
import http.server
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
README = PROJECT_ROOT / "README.md"
RESULTS_DIR = PROJECT_ROOT / "bench-results"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
#: Chromium without its input-then-frame task deferral: shows what the page and worker
#: cost apart from the browser's scheduling (the diagnostic latency row).
UNDEFERRED_ARGS = ["--disable-features=DeferRendererTasksAfterInput"]
#: Essay pages in navigation order (the last one's "next essay" is the first).
ESSAYS = ("meta-capex", "nato-taxpayer", "europe-treasuries", "notebooklm-flywheel",
          "spacex-space-solar")
FLOOR_DIR = "bench-floor"
CACHE_SECONDS = 600
GZIP_LEVEL = 6
LOAD_TIMEOUT_MS = 90_000
MOVE_TIMEOUT_MS = 5_000
#: Quiet time after "ready" still counted in a page's total bytes (late fetches: search index).
SETTLE_SECONDS = 0.5

TARGETS = {
    "ratio": 1.15,
    "latency_p95_ms": 16.0,
    "nav_ms": 150.0,
    "paint_kb": 600.0,
    "build_s": 5.0,
    "rebuild_s": 3.0,
}

MIME_TYPES = {
    ".html": "text/html; charset=utf-8", ".mjs": "text/javascript", ".js": "text/javascript",
    ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
    ".zip": "application/zip", ".svg": "image/svg+xml", ".png": "image/png",
    ".xml": "application/xml", ".gz": "application/gzip", ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
}

#: Byte kinds, in table order.
KINDS = ("html", "css", "js", "bokeh", "pyodide", "snapshot", "models", "search", "other")


# --- statistics and formatting -------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Summary:
    """Median and range of repeated measurements."""

    median: float
    low: float
    high: float
    count: int


def summarize(samples):
    """Median, min and max of `samples` (NaN-free numbers); None when empty."""
    values = [value for value in samples if value is not None and not math.isnan(value)]
    if not values:
        return None
    return Summary(statistics.median(values), min(values), max(values), len(values))


def percentile(samples, fraction):
    """The nearest-rank percentile: the smallest sample with at least `fraction` of samples ≤ it.

    Args:
        samples: Numbers.
        fraction: 0 < fraction ≤ 1 (0.95 for p95).

    Returns:
        One of the samples, or None when there are none.
    """
    ordered = sorted(samples)
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def format_ms(value):
    """Milliseconds for the table: whole numbers from 100 ms, one decimal below."""
    if value is None:
        return "—"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def format_seconds(value):
    """Seconds with two decimals."""
    return "—" if value is None else f"{value:.2f} s"


def format_kb(byte_count):
    """Kilobytes (1000 bytes, like the targets) with one decimal below 100 KB."""
    if byte_count is None:
        return "—"
    kb = byte_count / 1000
    return f"{kb:,.0f} KB" if kb >= 100 else f"{kb:.1f} KB"


def format_ratio(value):
    """A ratio like 1.07×."""
    return "—" if value is None else f"{value:.2f}×"


def format_summary(summary, formatter):
    """'median (min–max, n=k)'; just the median when all runs agree or there is one."""
    if summary is None:
        return "—"
    text = formatter(summary.median)
    if summary.count > 1 and formatter(summary.low) != formatter(summary.high):
        text += f" ({formatter(summary.low)}–{formatter(summary.high)})"
    return text


def verdict(value, target):
    """'✅' when `value` ≤ `target`, '❌ +x%' (how much too much) otherwise, '' with no target."""
    if target is None or value is None:
        return ""
    if value <= target:
        return "✅"
    return f"❌ +{(value / target - 1) * 100:.0f}%"


def render_table(rows):
    """A Markdown table of `Row`s."""
    lines = ["| Measure | Page | Median (min–max) | Target | Met |",
             "|---|---|---|---|---|"]
    for row in rows:
        cells = [row.measure, row.page, row.result, row.target, row.met]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


@dataclasses.dataclass
class Row:
    """One line of the results table."""

    measure: str
    page: str
    result: str
    target: str = ""
    met: str = ""


# --- byte accounting -------------------------------------------------------------

def kind_of(path):
    """Which kind of file a site path is, for the byte split (see KINDS)."""
    path = urlsplit(path).path
    name = path.rsplit("/", 1)[-1]
    if "/assets/pyodide/" in path or path.startswith("assets/pyodide/") \
            or re.search(r"/models-[0-9a-f]+/stdlib-[\w.]+\.zip$", path):
        return "pyodide"
    if name.endswith(".snapshot.gz"):
        return "snapshot"
    if "/assets/bokeh/" in path or path.startswith("assets/bokeh/"):
        return "bokeh"
    if re.search(r"/models-[0-9a-f]+/\w+\.zip$", path):
        return "models"
    if "/search/" in path or path.startswith("search/") or "/workers/search" in path \
            or "/lunr/" in path:
        return "search"
    if path.endswith("/") or name.endswith(".html"):
        return "html"
    if name.endswith(".css"):
        return "css"
    if name.endswith((".js", ".mjs")):
        return "js"
    return "other"


def gzip_bytes(data):
    """`data` gzipped deterministically (mtime 0)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def encoded_body(raw, compressed, accepts_gzip):
    """The body to send and whether it is gzipped: gzip only when the client takes it and it helps."""
    if accepts_gzip and compressed is not None and len(compressed) < len(raw):
        return compressed, True
    return raw, False


@dataclasses.dataclass(frozen=True)
class Served:
    """One response of the bench server."""

    at_ms: float  # wall clock (epoch ms) when the request arrived
    path: str
    kind: str
    status: int
    body_bytes: int


def bytes_by_kind(served, until_ms=None):
    """{kind: body bytes} of the responses that arrived before `until_ms` (all when None)."""
    totals = dict.fromkeys(KINDS, 0)
    for response in served:
        if until_ms is None or response.at_ms <= until_ms:
            totals[response.kind] += response.body_bytes
    return totals


def without_pyodide(totals):
    """Sum of a {kind: bytes} split, leaving out the Pyodide runtime (and its memory snapshot)."""
    return sum(count for kind, count in totals.items() if kind not in ("pyodide", "snapshot"))


def format_split(totals):
    """'html 12.3 KB · css 30.1 KB · …' for the non-zero kinds."""
    parts = [f"{kind} {format_kb(count)}" for kind, count in totals.items() if count]
    return " · ".join(parts) or "—"


# --- the bench server ---------------------------------------------------------------

class StaticFiles:
    """Every file of a built site in memory, raw and gzipped, with an ETag."""

    def __init__(self, root):
        self.root = Path(root)
        self.files = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                raw = path.read_bytes()
                compressed = None if path.suffix in (".png", ".gz") else gzip_bytes(raw)
                etag = '"' + hashlib.sha256(raw).hexdigest()[:16] + '"'
                self.files["/" + path.relative_to(self.root).as_posix()] = (raw, compressed, etag)

    def find(self, url_path):
        """(raw, gzipped or None, etag, content type) for a URL path, or None."""
        path = unquote(url_path)
        if path.endswith("/"):
            path += "index.html"
        entry = self.files.get(path)
        if entry is None:
            return None
        suffix = Path(path).suffix
        return (*entry, MIME_TYPES.get(suffix, "application/octet-stream"))


class _BenchHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host would

    def do_GET(self):  # noqa: N802 (stdlib name)
        arrived = time.time() * 1000
        path = urlsplit(self.path).path
        found = self.server.site.find(path)
        if found is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            self.server.record(Served(arrived, path, kind_of(path), 404, 9))
            return
        raw, compressed, etag, content_type = found
        headers = {"Content-Type": content_type, "ETag": etag, "Vary": "Accept-Encoding",
                   "Cache-Control": f"max-age={CACHE_SECONDS}"}
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", headers)
            self.server.record(Served(arrived, path, kind_of(path), 304, 0))
            return
        body, gzipped = encoded_body(raw, compressed, "gzip" in self.headers.get("Accept-Encoding", ""))
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        self._send(200, body, headers)
        self.server.record(Served(arrived, path, kind_of(path), 200, len(body)))

    def _send(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


class BenchServer(http.server.ThreadingHTTPServer):
    """Serves a built site from memory on 127.0.0.1 and logs every response."""

    daemon_threads = True

    def __init__(self, site_dir, prepare=None):
        """Bind a free port, let `prepare(base_url)` adjust the files, then load them.

        Args:
            site_dir: The built site.
            prepare: Optional callable taking the server's base URL, run before loading.
        """
        super().__init__(("127.0.0.1", 0), _BenchHandler)
        if prepare is not None:
            prepare(self.url)
        self.site = StaticFiles(site_dir)
        self.served = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, name="bench-server", daemon=True)

    @property
    def url(self):
        """Base URL ending in '/'."""
        return f"http://127.0.0.1:{self.server_port}/"

    def start(self):
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()

    def record(self, response):
        """Log one response (called from the handler threads)."""
        with self._lock:
            self.served.append(response)

    def served_between(self, start_ms, end_ms):
        """Responses whose requests arrived in [start_ms, end_ms] (epoch ms)."""
        with self._lock:
            return [r for r in self.served if start_ms <= r.at_ms <= end_ms]

    def handle_error(self, request, client_address):
        """Browsers drop connections (navigation, closed tabs); not news."""


# --- building ---------------------------------------------------------------------

def build_site(site_dir, project_dir=PROJECT_ROOT):
    """`mkdocs build --strict` of `project_dir` into `site_dir` in a fresh interpreter, as
    `make build` does.

    Returns:
        Wall time in seconds.

    Raises:
        RuntimeError: the build failed (with the end of its output).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(Path(project_dir) / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-30:])
        raise RuntimeError(f"mkdocs build failed (exit {completed.returncode}):\n{tail}")
    return elapsed


def fresh_checkout_build(workdir):
    """`build_site` of a copy of the project without its `.cache`, as on a fresh checkout (or
    the first build after a model edit): Node makes the engine's files (engine_files)."""
    project = Path(workdir) / "fresh-checkout"
    project.mkdir(parents=True)
    shutil.copyfile(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "site_src", "widgets", "node_modules"):
        (project / name).symlink_to(PROJECT_ROOT / name)
    return build_site(project / "site", project)


#: Runs in a child interpreter: `mkdocs serve`'s rebuild, i.e. load_config + build in a warm
#: process, after appending a paragraph to one page of a copy of content/.
_REBUILD_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, docs_dir, site_dir, page, count = sys.argv[1:6]
def configured():
    return load_config(config_file=config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
build(configured())  # the first build of a `mkdocs serve` session
times = []
for number in range(int(count)):
    edited = Path(docs_dir) / page
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n\n改动 {number}。\n", encoding="utf-8")
    started = time.perf_counter()
    build(configured())
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def rebuild_times(workdir, page, count):
    """Seconds per rebuild after editing `page`, the way `mkdocs serve` rebuilds.

    Args:
        workdir: Scratch folder (gets a copy of content/ and a site folder).
        page: Page file name inside content/ to edit.
        count: Number of edit + rebuild rounds.

    Returns:
        List of seconds.
    """
    docs_dir = Path(workdir) / "content"
    shutil.copytree(PROJECT_ROOT / "content", docs_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    completed = subprocess.run(
        [sys.executable, "-c", _REBUILD_SCRIPT, str(PROJECT_ROOT / "mkdocs.yml"), str(docs_dir),
         str(Path(workdir) / "site"), page, str(count)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.strip().splitlines()[-30:])
        raise RuntimeError(f"rebuild timing failed:\n{tail}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def pyodide_base(site_dir):
    """Site-relative folder of the Pyodide runtime (e.g. 'assets/pyodide/314.0.7/')."""
    found = sorted(Path(site_dir).glob("assets/pyodide/*/pyodide.mjs"))
    if not found:
        raise RuntimeError("the built site has no assets/pyodide/<version>/pyodide.mjs")
    return found[0].parent.relative_to(site_dir).as_posix() + "/"


def point_sitemap_at(site_dir, base_url):
    """Rewrite sitemap.xml of the bench copy so it lists every page at the bench server.

    Material's instant navigation only intercepts links to pages listed in
    sitemap.xml, and it rebases the listed URLs onto the page's protocol and host
    name but keeps their port: the site's `site_url` port (8000, for `make
    preview`) would never match the bench server's, and navigation would fall
    back to full page loads.
    """
    pages = sorted(path.parent.relative_to(site_dir).as_posix() for path in Path(site_dir).glob("**/index.html"))
    entries = "".join(f"<url><loc>{base_url}{'' if page == '.' else page + '/'}</loc></url>"
                      for page in pages)
    (Path(site_dir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n', encoding="utf-8")


FLOOR_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>floor</title>
<script type="module">
  // The floor: nothing but a module worker starting Pyodide from the site's files.
  const worker = new Worker("./worker.mjs", { type: "module" });
  worker.onmessage = (event) => { document.documentElement.dataset.state = event.data; };
</script></head><body><p>floor</p></body></html>
"""

FLOOR_WORKER = """import { loadPyodide } from "../%(base)spyodide.mjs";
try {
  await loadPyodide({ indexURL: new URL("../%(base)s", self.location.href).href });
  postMessage("ready");
} catch (error) {
  postMessage("error");
}
"""


def write_floor(site_dir):
    """Add the floor page (bare Pyodide start in a module worker) to a bench copy of the site,
    with the standard library stock Pyodide boots from (the site ships its own, smaller one)."""
    base = pyodide_base(site_dir)
    shutil.copyfile(PROJECT_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip",
                    Path(site_dir) / base / "python_stdlib.zip")
    folder = Path(site_dir) / FLOOR_DIR
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(FLOOR_HTML, encoding="utf-8")
    (folder / "worker.mjs").write_text(FLOOR_WORKER % {"base": base},
                                       encoding="utf-8")


# --- in-page instrumentation ------------------------------------------------------------

#: Runs before any page script in every document: records when data-state / data-charts
#: change (with the root's model), clicks, and the frame after each chart is drawn.
MARKS_SCRIPT = """(() => {
  const marks = [];
  window.__bench = { marks };
  const now = () => performance.now();
  new MutationObserver((records) => {
    for (const record of records) {
      const element = record.target;
      const value = element.getAttribute(record.attributeName);
      marks.push({ what: record.attributeName, value, model: element.dataset?.model ?? null, t: now() });
      if (record.attributeName === "data-drawn" && value === "true") {
        requestAnimationFrame(() => requestAnimationFrame(() =>
          marks.push({ what: "chart-painted", chart: element.dataset.chart, t: now() })));
      }
    }
  }).observe(document, { attributes: true, subtree: true,
                         attributeFilter: ["data-state", "data-charts", "data-drawn"] });
  addEventListener("click", () => marks.push({ what: "click", t: now() }), true);
  // Time stamps of messages to and from workers (for the split of the update latency).
  const messages = window.__bench.messages = [];
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => messages.push({ dir: "in", type: event.data?.type, t: now(),
                                                                  snapshot: event.data?.snapshot }));
    }
    postMessage(message, ...rest) {
      messages.push({ dir: "out", type: message?.type, t: now() });
      return super.postMessage(message, ...rest);
    }
  };
})();"""

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


def first_mark(marks, what, value=None, model=None, after=0.0):
    """Time (ms) of the first mark matching; None if there is none."""
    for mark in marks:
        if mark["what"] == what and mark["t"] >= after \
                and (value is None or mark.get("value") == value) \
                and (model is None or mark.get("model") == model):
            return mark["t"]
    return None


def paint_time(marks, fcp, charts_in_view):
    """When text, numbers and the charts of the first screenful are on screen: the later of
    FCP and the frame after the last of `charts_in_view` (chart ids) was drawn; None if
    something never happened."""
    if fcp is None:
        return None
    painted = [first_mark([m for m in marks if m.get("chart") == chart], "chart-painted")
               for chart in charts_in_view]
    if None in painted:
        return None
    return max([fcp, *painted])


#: Charts (ids) that show in the first screenful of a page that is not scrolled.
CHARTS_IN_VIEW_JS = """() => [...document.querySelectorAll("[data-chart]")].filter((figure) => {
  const box = figure.getBoundingClientRect();
  return box.top < innerHeight && box.bottom > 0 && box.width > 0;
}).map((figure) => figure.dataset.chart)"""


@dataclasses.dataclass
class Load:
    """One page load: milliseconds from navigation start, and what the server sent."""

    ready_ms: float
    paint_ms: float = None
    bytes_before_paint: dict = None
    bytes_total: dict = None
    model: str = None
    engine: str = None  # how the engine started: from the snapshot ("used"), or not


class Browser:
    """Headless Chromium via Playwright with the design's flags."""

    def __init__(self, playwright, extra_args=()):
        options = {"args": CHROMIUM_ARGS + list(extra_args)}
        if SYSTEM_CHROMIUM.exists():
            options["executable_path"] = str(SYSTEM_CHROMIUM)
        self.chromium = playwright.chromium.launch(**options)

    @property
    def version(self):
        """Chromium's version string."""
        return self.chromium.version

    def new_context(self):
        """A fresh context: its own empty HTTP cache, desktop size (sidebar visible)."""
        context = self.chromium.new_context(locale="zh-CN", service_workers="block",
                                            viewport={"width": 1440, "height": 900})
        context.add_init_script(MARKS_SCRIPT)
        return context

    def close(self):
        """Quit Chromium."""
        self.chromium.close()


def wait_ready(page, selector):
    """Wait until `selector` has data-state=ready; raise if it says error."""
    page.wait_for_function(
        """(selector) => {
             const element = document.querySelector(selector);
             if (element?.dataset.state === "error") throw new Error("page says error: " +
               (document.querySelector("[data-status]")?.textContent ?? ""));
             return element?.dataset.state === "ready";
           }""", arg=selector, timeout=LOAD_TIMEOUT_MS, polling=50)


def load_page(context, server, url, selector, account_bytes):
    """Open `url` in a new tab of `context`, wait for ready, and time it.

    Args:
        context: Playwright browser context (its cache decides cold or warm).
        server: The BenchServer (for byte accounting).
        url: Absolute URL.
        selector: Element that turns data-state=ready.
        account_bytes: Also measure paint and split the bytes the server sent.

    Returns:
        (Load, the open page).
    """
    page = context.new_page()
    started = time.time() * 1000
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    wait_ready(page, selector)
    marks = page.evaluate("window.__bench.marks")
    ready = first_mark(marks, "data-state", "ready")
    load = Load(ready_ms=ready, model=page.evaluate(
        "(s) => document.querySelector(s)?.dataset.model ?? null", selector),
        engine=page.evaluate("window.__bench.messages.find((m) => m.type === 'ready')?.snapshot ?? null"))
    if account_bytes:
        in_view = page.evaluate(CHARTS_IN_VIEW_JS)
        page.wait_for_function(
            "(ids) => ids.every((id) => window.__bench.marks.some((m) => m.what === 'chart-painted' && m.chart === id))",
            arg=in_view, timeout=LOAD_TIMEOUT_MS, polling=50)
        time.sleep(SETTLE_SECONDS)
        marks = page.evaluate("window.__bench.marks")
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        origin = page.evaluate("performance.timeOrigin")
        load.paint_ms = paint_time(marks, fcp, in_view)
        served = server.served_between(started, time.time() * 1000)
        load.bytes_total = bytes_by_kind(served)
        if load.paint_ms is not None:
            load.bytes_before_paint = bytes_by_kind(served, until_ms=origin + load.paint_ms)
    return load, page


NAV_TIMEOUT_MS = 15_000


def wait_for_snapshot(server, page, since_ms, timeout_s=20):
    """Let a first visit fetch the engine snapshot for the next (it does once it is live), as
    a reader's tab would before they come back; the warm load then starts from it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(served.kind == "snapshot" for served in server.served_between(since_ms, time.time() * 1000)):
            page.wait_for_timeout(300)  # the browser writes it to its cache
            return
        page.wait_for_timeout(100)


def navigate_instantly(page, target_slug):
    """Click the sidebar link to `target_slug` and time it until that page is ready.

    Returns:
        (ms from the click to the new page's data-state=ready, or None;
         a short description of what went wrong, or None).
    """
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("""() => { window.__benchDocument = true;
                             const root = document.querySelector("[data-model]");
                             if (root) root.dataset.benchLeft = "true"; }""")
    link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{target_slug}/"]').first
    before = page.evaluate("performance.now()")
    link.click()
    try:
        page.wait_for_function(
            """(slug) => {
                 // The URL changes before Material swaps the content: wait for the new root.
                 const root = document.querySelector("[data-model]");
                 return location.pathname.endsWith(`/${slug}/`) && root && !root.dataset.benchLeft
                   && root.dataset.state === "ready";
               }""",
            arg=target_slug, timeout=NAV_TIMEOUT_MS, polling=20)
    except Exception:  # noqa: BLE001 (Playwright's TimeoutError; the reason is reported)
        state = page.evaluate("document.querySelector('[data-model]')?.dataset.state ?? 'no root'")
        reason = f"still {state} after {NAV_TIMEOUT_MS // 1000} s"
        return None, reason + (f"; page error: {errors[0]}" if errors else "")
    if not page.evaluate("window.__benchDocument === true"):
        return None, "the click reloaded the document (no instant navigation)"
    marks = page.evaluate("window.__bench.marks")
    clicked = first_mark(marks, "click", after=before)
    model = page.evaluate("document.querySelector('[data-model]').dataset.model")
    ready = None if clicked is None else first_mark(marks, "data-state", "ready", model=model,
                                                    after=clicked)
    if ready is None:
        return None, "no click or ready mark recorded"
    return ready - clicked, None


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


# --- one bench run ------------------------------------------------------------------

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


# --- the table ------------------------------------------------------------------------

def ratio_summary(page_times, floor_times):
    """TTI / floor per run (same run's floor), summarized."""
    ratios = [page / floor for page, floor in zip(page_times, floor_times) if page and floor]
    return summarize(ratios)


def table_rows(results, slugs):
    """The rows of the one results table, in reading order."""
    rows = []
    build = summarize(results.build_s)
    rows.append(Row("`mkdocs build --strict`, full (fresh interpreter, the engine's files cached)", "all",
                    format_summary(build, format_seconds), f"≤ {TARGETS['build_s']:.0f} s",
                    verdict(build and build.median, TARGETS["build_s"])))
    rows.append(Row("`mkdocs build --strict`, full, on a fresh checkout (Node makes the engine's files)",
                    "all", format_summary(summarize(results.fresh_build_s), format_seconds)))
    rebuild = summarize(results.rebuild_s)
    rows.append(Row("rebuild after editing one page (warm process, as `mkdocs serve`)",
                    "nato-taxpayer", format_summary(rebuild, format_seconds),
                    f"≤ {TARGETS['rebuild_s']:.0f} s",
                    verdict(rebuild and rebuild.median, TARGETS["rebuild_s"])))
    floor = {t: summarize(results.floor[t]) for t in ("cold", "warm")}
    for temperature in ("cold", "warm"):
        rows.append(Row(f"floor: bare Pyodide start in a module worker, {temperature}", "floor",
                        format_summary(floor[temperature], format_ms)))
    for slug in slugs:
        rows.extend(essay_rows(results, slug))
    return rows


def essay_rows(results, slug):
    """Paint, interactive (cold/warm, vs floor), latency, navigation and bytes of one essay."""
    rows = []
    cold, warm = results.cold.get(slug, []), results.warm.get(slug, [])
    paint = summarize([load.paint_ms for load in cold])
    rows.append(Row("first paint: text, default numbers, charts (cold)", slug,
                    format_summary(paint, format_ms)))
    for temperature, loads in (("cold", cold), ("warm", warm)):
        times = [load.ready_ms for load in loads]
        ratio = ratio_summary(times, results.floor[temperature])
        result = format_summary(summarize(times), format_ms)
        if temperature == "warm":
            used = sum(load.engine == "used" for load in loads)
            result += f" (engine from the snapshot in {used}/{len(loads)} runs)"
        rows.append(Row(f"interactive (data-state=ready), {temperature}", slug, result))
        rows.append(Row(f"interactive / floor, {temperature}", slug,
                        format_summary(ratio, format_ratio), f"≤ {TARGETS['ratio']:.2f}×",
                        verdict(ratio and ratio.median, TARGETS["ratio"])))
    for how, measured in (("held", results.latency_held), ("tapped", results.latency_tapped),
                          ("undeferred", results.latency_undeferred)):
        if slug in measured:
            rows.append(latency_row(slug, measured[slug], how))
    for when in NAV_WHEN:
        for pair, times in results.nav_ms[when].items():
            if pair.startswith(f"{slug}→"):
                rows.append(nav_row(slug, pair, times, results.nav_problems[when].get(pair, []), when))
    rows.extend(byte_rows(slug, cold))
    return rows


def nav_row(slug, pair, times, problems, when):
    """Instant navigation from `slug` to the next essay: time to ready, or why it never was.
    The target is judged on the navigation from a settled page."""
    nav = summarize(times)
    result = format_summary(nav, format_ms)
    met = verdict(nav and nav.median, TARGETS["nav_ms"])
    if problems:
        result += f" — {len(problems)}/{len(times)} runs never ready: {problems[0]}"
        met = "❌"
    measure = f"instant navigation → {pair.split('→')[1]} interactive, {NAV_WHEN[when]}"
    if when != "settled":
        return Row(measure, slug, result, "", "❌" if problems else "")
    return Row(measure, slug, result, f"≤ {TARGETS['nav_ms']:.0f} ms", met)


LATENCY_MEASURES = {
    "held": f"input → updated prose + chart, arrow key held (a keydown every {KEY_REPEAT_MS} ms)",
    "tapped": "input → updated prose + chart, keys tapped back to back",
    "undeferred": "the same back to back, Chromium's input deferral off (diagnostic)",
}


def latency_row(slug, latency, how):
    """p50 / p95 / max of one page's slider moves; `how` is a key of LATENCY_MEASURES (the
    target is judged on the held key, the pace of a reader's keyboard)."""
    samples = latency["samples"]
    p95 = percentile(samples, 0.95)
    text = " / ".join(format_ms(v) for v in
                      (percentile(samples, 0.5), p95, max(samples) if samples else None))
    notes = [f"n={len(samples)}"]
    if latency.get("worker_ms"):
        notes.append(f"p50 split: worker round trip {format_ms(percentile(latency['worker_ms'], 0.5))}, "
                     f"page update {format_ms(percentile(latency['apply_ms'], 0.5))}")
    if latency["timeouts"]:
        notes.append(f"{latency['timeouts']} moves without update")
    if latency["unchanged"]:
        notes.append(f"{latency['unchanged']} moves changed no chart")
    measure = f"{LATENCY_MEASURES[how]}, p50 / p95 / max"
    if how != "held":
        return Row(measure, slug, f"{text} ({', '.join(notes)})", "", "")
    return Row(measure, slug, f"{text} ({', '.join(notes)})",
               f"p95 ≤ {TARGETS['latency_p95_ms']:.0f} ms", verdict(p95, TARGETS["latency_p95_ms"]))


def byte_rows(slug, cold_loads):
    """Bytes before first paint (target excludes Pyodide) and in total, split by kind."""
    before = [load.bytes_before_paint for load in cold_loads if load.bytes_before_paint]
    total = [load.bytes_total for load in cold_loads if load.bytes_total]
    if not before or not total:
        return []
    before_split = median_split(before)
    total_split = median_split(total)
    kb_before = without_pyodide(before_split)
    return [
        Row("bytes before first paint, gzip, excl. Pyodide", slug,
            f"{format_kb(kb_before)} ({format_split({k: v for k, v in before_split.items() if k != 'pyodide'})})",
            f"≤ {TARGETS['paint_kb']:.0f} KB", verdict(kb_before / 1000, TARGETS["paint_kb"])),
        Row("bytes until interactive + 0.5 s, gzip, all", slug,
            f"{format_kb(sum(total_split.values()))} ({format_split(total_split)})"),
    ]


def median_split(splits):
    """Kind-wise median of several {kind: bytes} splits."""
    return {kind: statistics.median(split[kind] for split in splits) for kind in KINDS}


def machine_info():
    """CPU model, cores, RAM, OS and Python of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "load_before": load_average(),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}


def load_average():
    """The 1-minute load average (other work competing for the cores), or None."""
    try:
        return round(os.getloadavg()[0], 1)
    except (OSError, AttributeError):
        return None


def report(results, slugs, runs, moves):
    """The printed/README text: machine line, method line, the table."""
    machine = results.machine
    header = (f"Measured {machine.get('date')} on {machine.get('cpu')}, {machine.get('cores')} cores, "
              f"{machine.get('ram')} RAM, {machine.get('os')}, Chromium {machine.get('chromium')} "
              f"(headless), Python {machine.get('python')}; 1-min load average {machine.get('load_before')} "
              f"before and {machine.get('load_after')} after the run. {runs} runs per figure (median, "
              f"min–max in brackets), {moves} slider moves per page in the last run. Server: "
              f"127.0.0.1, gzip level {GZIP_LEVEL}, `Cache-Control: max-age={CACHE_SECONDS}` + ETag "
              f"(like GitHub Pages). Command: `.venv/bin/python -m site_src.bench`.")
    # The load after the run is mostly the bench's own Chromium; only the load before it
    # says whether other work was running.
    if (machine.get("load_before") or 0) > (machine.get("cores") or 1):
        header += (f" Other work kept the machine busy (load average {machine.get('load_before')} on "
                   f"{machine.get('cores')} cores before the run): the timings are inflated and noisy; "
                   "compare ratios measured in the same run rather than absolute times.")
    return header + "\n\n" + render_table(table_rows(results, slugs)) + "\n"


def replace_readme_section(readme_text, section):
    """README text with `section` between the bench markers (markers added to '## Benchmarks').

    Raises:
        ValueError: the README has neither the markers nor a '## Benchmarks' heading.
    """
    block = f"{README_START}\n{section.strip()}\n{README_END}"
    if README_START in readme_text and README_END in readme_text:
        before, rest = readme_text.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        return before + block + after
    heading = re.search(r"^## Benchmarks[ \t]*\n", readme_text, re.M)
    if heading is None:
        raise ValueError("README.md has no '## Benchmarks' section")
    following = re.search(r"^## ", readme_text[heading.end():], re.M)
    end = heading.end() + following.start() if following else len(readme_text)
    body = readme_text[heading.start():end].rstrip("\n")
    return readme_text[:heading.start()] + body + "\n\n" + block + "\n\n" + readme_text[end:].lstrip("\n")


def results_json(results):
    """Raw results as JSON-safe data."""
    def loads(mapping):
        return {slug: [dataclasses.asdict(load) for load in items] for slug, items in mapping.items()}
    return {"build_s": results.build_s, "fresh_build_s": results.fresh_build_s, "rebuild_s": results.rebuild_s, "floor": results.floor,
            "cold": loads(results.cold), "warm": loads(results.warm), "nav_ms": results.nav_ms,
            "nav_problems": results.nav_problems,
            "latency_tapped": results.latency_tapped, "latency_held": results.latency_held,
            "latency_undeferred": results.latency_undeferred,
            "machine": results.machine}


# --- entry point --------------------------------------------------------------------------

def parse_args(argv):
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m site_src.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; 2 with --quick)")
    parser.add_argument("--moves", type=int, default=None,
                        help="keyboard slider moves per page (default 200; 40 with --quick)")
    parser.add_argument("--pages", nargs="+", choices=ESSAYS, default=None,
                        help="essay pages to measure (default all; two with --quick)")
    parser.add_argument("--builds", type=int, default=None, help="timed full builds (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a short run (< 2 minutes); README untouched")
    parser.add_argument("--no-readme", action="store_true", help="do not write the table into README.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site folder")
    args = parser.parse_args(argv)
    args.runs = args.runs or (2 if args.quick else 5)
    args.moves = args.moves if args.moves is not None else (40 if args.quick else 200)
    args.pages = args.pages or (["nato-taxpayer", "meta-capex"] if args.quick else list(ESSAYS))
    args.builds = args.builds or (1 if args.quick else 3)
    return args


def main(argv=None):
    """Run the benchmark, print the table; write README and bench-results/ on full runs."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log = functools.partial(print, file=sys.stderr, flush=True)
    results = Results(machine=machine_info())
    workdir = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        site_dir = workdir / "site"
        for number in range(args.builds):
            log(f"build {number + 1}/{args.builds}")
            shutil.rmtree(site_dir, ignore_errors=True)
            results.build_s.append(build_site(site_dir))
        log("build of a fresh checkout")
        results.fresh_build_s.append(fresh_checkout_build(workdir))
        log("rebuilds after a page edit")
        results.rebuild_s = rebuild_times(workdir / "rebuild", "nato-taxpayer.md", args.builds)
        def prepare(base_url):
            point_sitemap_at(site_dir, base_url)
            write_floor(site_dir)

        log("compressing the site for the server")
        server = BenchServer(site_dir, prepare).start()
        try:
            run_browser(results, server, args.pages, args.runs, args.moves, log)
        finally:
            server.stop()
    finally:
        if args.keep:
            log(f"site kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results.machine["load_after"] = load_average()
    text = report(results, args.pages, args.runs, args.moves)
    print(text)
    if not args.quick:
        RESULTS_DIR.mkdir(exist_ok=True)
        (RESULTS_DIR / "latest.json").write_text(json.dumps(results_json(results), indent=1,
                                                            ensure_ascii=False), encoding="utf-8")
        if not args.no_readme:
            README.write_text(replace_readme_section(README.read_text(encoding="utf-8"), text),
                              encoding="utf-8")
            log(f"table written to {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
