// The engine: one module worker per site runs the models in Pyodide.
//
// It starts the moment it is created (a model page creates it from the first lines of its
// <head>): where Pyodide, its standard library and the models live comes in its own URL,
// relative to this file (?pyodide=…&stdlib=…&models=…&names=…&snapshot=…). The standard
// library and the models archives are the build's (site_src/engine_files.py): only the
// modules the engine imports, as bytecode, which boots Python in a third of the time
// stock Pyodide takes. Then it speaks the protocol of protocol.js:
// requests are answered in the order they came, each model's archive is fetched once and
// imported the first time a request names it.
//
// The snapshot (site_src/engine_files.py) is Pyodide's memory with every model imported. A
// visit before this one may have kept it in Cache Storage (snapshots.js); then the engine
// starts from it instead of booting Python. It is never downloaded while a reader waits.
import { Msg } from "./protocol.js";
import { mayPrefetch, snapshotStore } from "./snapshots.js";

const here = new URL(self.location.href);
const at = (key) => new URL(here.searchParams.get(key) ?? "", here).href;
const MODELS = at("models");
const NAMES = (here.searchParams.get("names") ?? "").split(",").filter(Boolean);
const STDLIB = here.searchParams.get("stdlib") ? { stdLibURL: at("stdlib") } : {};
const SNAPSHOT = here.searchParams.get("snapshot") ? at("snapshot") : null;
const HOME = "/home/pyodide";
const snapshots = snapshotStore(SNAPSHOT, new URL("..", MODELS).href);
/** Quiet time before another model is imported in the background (for the next page). */
const WARM_UP_DELAY_MS = 50;
/** Smallest modules using what Pyodide's WebAssembly needs beyond the first version. */
const WASM_I64_EXPORT = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 1, 0x7e, 0,
  3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0, 0x0a, 4, 1, 2, 0, 0x0b]); // (func (export "f") (param i64))
const WASM_EXCEPTIONS = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0,
  3, 2, 1, 0, 0x0d, 3, 1, 0, 0, 0x0a, 0x0a, 1, 8, 0, 6, 0x40, 8, 0, 0x19, 0x0b, 0x0b]); // a tag; try, throw, catch_all
/** A start given up because the browser is too old (the page has been told). */
class TooOld extends Error {}

const archives = new Map(); // name → Promise<ArrayBuffer> (fetched once)
const imported = new Map(); // model → Promise (unpacked and imported once)
const engine = start();
engine.catch(() => {}); // said to the page as FAILED; requests then answer ERROR
let queue = engine; // requests run one after another, in arrival order
let pending = 0; // requests queued or running
let warmUpTimer = null;

self.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case Msg.LOAD:
      if (NAMES.includes(message.model)) archive(message.model).catch(() => {}); // download now
    // falls through
    case Msg.EVALUATE:
    case Msg.TABLES:
    case Msg.FLIPS:
      enqueue(() => answer(message));
      break;
    default:
      throw new Error(`engine: unknown message type ${message.type}`);
  }
};

function enqueue(task) {
  pending += 1;
  clearTimeout(warmUpTimer);
  queue = queue.then(task, task).finally(() => {
    pending -= 1;
    if (!pending) warmUpTimer = setTimeout(warmUp, WARM_UP_DELAY_MS);
  });
}

/** While nobody asks anything, import one more model, so the next essay is live at once;
 *  the archives of all the models not imported yet are fetched from here on, never sooner,
 *  so that they never compete with what the page needs first. */
async function warmUp() {
  const { pyodide } = await engine.catch(() => ({}));
  if (pending || !pyodide) return;
  const next = NAMES.find((name) => !imported.has(name));
  for (const name of NAMES) if (!imported.has(name)) archive(name).catch(() => {});
  if (next) enqueue(() => loadModel(pyodide, next).catch(() => {}));
  else keepSnapshot();
}

/** The kept snapshot unpacked, or null (nothing kept, or it could not be read). */
async function cachedSnapshot() {
  const response = await snapshots.find();
  if (!response) return null;
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A host that labels .gz files Content-Encoding: gzip has had the browser unpack it already.
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    return await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  } catch {
    return null;
  }
}

/** Once every model is imported and nobody asks anything: forget the snapshots of older
 *  builds, and keep this one for the next visit where that pays (see mayPrefetch). */
function keepSnapshot() {
  snapshots.keep(mayPrefetch()).catch(() => {});
}

function progress(stage) {
  self.postMessage({ type: Msg.PROGRESS, stage });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} → HTTP ${response.status}`);
  return response.arrayBuffer();
}

function archive(name) {
  if (!archives.has(name)) {
    const fetched = fetchBytes(`${MODELS}${name}.zip`);
    fetched.catch(() => archives.delete(name)); // a failed download is tried again next time
    archives.set(name, fetched);
  }
  return archives.get(name);
}

/** What this browser lacks to run Pyodide (null when nothing): checked before any download. */
function missingFeature() {
  if (typeof WebAssembly !== "object") return "WebAssembly";
  try {
    new WebAssembly.Instance(new WebAssembly.Module(WASM_I64_EXPORT)).exports.f(0n);
  } catch {
    return "WebAssembly BigInt integration";
  }
  return WebAssembly.validate(WASM_EXCEPTIONS) ? null : "WebAssembly exception handling";
}

/** Tell the page the browser is too old (`reason` lets it say so plainly; `missing` is for
 *  us); returns the error to throw. */
function tooOld(missing) {
  self.postMessage({ type: Msg.FAILED, reason: "unsupported", missing, message: "你的浏览器版本过旧" });
  return new TooOld(`engine: this browser lacks ${missing}`);
}

/**
 * Report a WebAssembly failure at once. When the browser refuses Pyodide's wasm (blocked,
 * corrupted, served with the wrong type), Pyodide only logs "wasm instantiation failed!"
 * and `loadPyodide` never settles; without this the page would say "loading" forever.
 */
function watchWebAssembly() {
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).catch((error) => {
      const reason = String(error?.message ?? error).slice(0, 200);
      self.postMessage({ type: Msg.FAILED, message: `WebAssembly 无法启动(${reason})` });
      throw error;
    });
  }
}

/** Pyodide restored from the cached snapshot, else booted with the core models archive;
 *  resolves to the runtime's `handle` and Pyodide. */
async function start() {
  const started = performance.now();
  const missing = missingFeature();
  if (missing) throw tooOld(missing);
  watchWebAssembly();
  try {
    progress("runtime");
    const snapshot = cachedSnapshot();
    const core = archive("core");
    core.catch(() => {}); // not needed when the snapshot is used; else awaited below
    const pyodideBase = at("pyodide");
    const { loadPyodide } = await import(`${pyodideBase}pyodide.mjs`).catch((error) => {
      // Pyodide's own JavaScript needs class static blocks (Safari 16.4, Firefox 93, Chrome 94).
      throw error instanceof SyntaxError ? tooOld("JavaScript syntax of Pyodide") : error;
    });
    const cached = await snapshot;
    let pyodide = await fromSnapshot(loadPyodide, pyodideBase, cached);
    // How the engine starts: from the cached snapshot ("used"), without one ("none"), or
    // booting Python because the cached one could not be restored ("unusable").
    const how = pyodide ? "used" : cached ? "unusable" : "none";
    if (pyodide) {
      for (const name of NAMES) imported.set(name, Promise.resolve());
    } else {
      if (cached) snapshots.forget().catch(() => {}); // a later visit keeps a fresh copy
      pyodide = await loadPyodide({ indexURL: pyodideBase, packages: [], ...STDLIB });
      progress("models");
      pyodide.unpackArchive(await core, "zip", { extractDir: HOME });
    }
    const handle = pyodide.pyimport("widgets.runtime").handle;
    self.postMessage({ type: Msg.READY, ms: Math.round(performance.now() - started), snapshot: how });
    return { pyodide, handle };
  } catch (error) {
    if (!(error instanceof TooOld)) {
      self.postMessage({ type: Msg.FAILED, message: String(error?.message ?? error).slice(0, 300) });
    }
    throw error;
  }
}

/** Pyodide restored from `snapshot` (models imported), or null: no snapshot, or one this
 *  Pyodide cannot restore (then it boots as usual). */
async function fromSnapshot(loadPyodide, indexURL, snapshot) {
  if (!snapshot) return null;
  try {
    const pyodide = await loadPyodide({ indexURL, packages: [], ...STDLIB, _loadSnapshot: snapshot });
    pyodide.pyimport("widgets.runtime");
    // The library now mounted may not be the one the snapshot was made with (a later build
    // of the same models): an import from now on reads its directory afresh. (Not through
    // importlib.invalidate_caches(), which imports importlib.metadata: not in our library.)
    pyodide.runPython(`import sys, zipimport
for finder in list(sys.path_importer_cache.values()):
    if isinstance(finder, zipimport.zipimporter):
        finder.invalidate_caches()`);
    return pyodide;
  } catch {
    return null;
  }
}

/** The model's files unpacked and its module imported (once). */
function loadModel(pyodide, model) {
  if (!NAMES.includes(model)) return Promise.reject(new Error(`没有名为 ${model} 的模型`));
  if (!imported.has(model)) {
    const loading = archive(model).then((bytes) => {
      pyodide.unpackArchive(bytes, "zip", { extractDir: HOME });
      pyodide.pyimport(`widgets.${model}`);
    });
    loading.catch(() => imported.delete(model));
    imported.set(model, loading);
  }
  return imported.get(model);
}

async function answer({ id, type, model, params, charts, outputs, names }) {
  try {
    const { pyodide, handle } = await engine;
    await loadModel(pyodide, model);
    const started = performance.now();
    const data = type === Msg.LOAD ? {}
      : JSON.parse(handle(JSON.stringify({ kind: type, model, params, charts, outputs, names })));
    // `ms`: time spent in Python and JSON here, so a slow answer can be told from a busy page.
    self.postMessage({ type: Msg.RESULT, id, data, ms: performance.now() - started });
  } catch (error) {
    // A Python traceback ends with the exception line: that is what a reader can act on.
    const lines = String(error?.message ?? error).trim().split("\n");
    self.postMessage({ type: Msg.ERROR, id, message: lines[lines.length - 1].slice(0, 300) });
  }
}
