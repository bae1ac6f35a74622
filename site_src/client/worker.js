// The engine: one module worker per site runs the models in Pyodide.
// It speaks the protocol of protocol.js: one switch, unknown types throw.
import { Msg } from "./protocol.js";

let handle = null;

self.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case Msg.INIT:
      start(message);
      break;
    case Msg.EVALUATE:
    case Msg.TABLES:
    case Msg.FLIPS:
      answer(message);
      break;
    default:
      throw new Error(`engine: unknown message type ${message.type}`);
  }
};

function progress(stage) {
  self.postMessage({ type: Msg.PROGRESS, stage });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} → HTTP ${response.status}`);
  return response.arrayBuffer();
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

async function start({ pyodideBase, widgetsUrl }) {
  const started = performance.now();
  watchWebAssembly();
  try {
    progress("runtime");
    const archive = fetchBytes(widgetsUrl);
    const { loadPyodide } = await import(`${pyodideBase}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL: pyodideBase, packages: [] });
    progress("models");
    pyodide.unpackArchive(await archive, "zip", { extractDir: "/home/pyodide" });
    handle = pyodide.pyimport("widgets.runtime").handle;
    self.postMessage({ type: Msg.READY, ms: Math.round(performance.now() - started) });
  } catch (error) {
    self.postMessage({ type: Msg.FAILED, message: String(error?.message ?? error).slice(0, 300) });
  }
}

function answer({ id, type, model, params, charts, outputs, names }) {
  const started = performance.now();
  try {
    const reply = handle(JSON.stringify({ kind: type, model, params, charts, outputs, names }));
    // `ms`: time spent in Python and JSON here, so a slow answer can be told from a busy page.
    self.postMessage({ type: Msg.RESULT, id, data: JSON.parse(reply), ms: performance.now() - started });
  } catch (error) {
    // A Python traceback ends with the exception line: that is what a reader can act on.
    const lines = String(error?.message ?? error).trim().split("\n");
    self.postMessage({ type: Msg.ERROR, id, message: lines[lines.length - 1].slice(0, 300) });
  }
}
