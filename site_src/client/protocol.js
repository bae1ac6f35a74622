// The one message protocol between the page and the engine worker.
// The worker starts by itself (its URL says where Pyodide and the models are).
// Page → worker: requests, each with an id: LOAD a model (once per page), then EVALUATE,
// and TABLES / FLIPS when the reader pauses; EVALUATE is what the reader waits for (it
// computes the charts in view; TABLES brings every chart's data, caption and table).
// Worker → page: PROGRESS while starting, READY or FAILED, then RESULT or ERROR per request.
export const Msg = Object.freeze({
  PROGRESS: "progress",
  READY: "ready",
  FAILED: "failed",
  LOAD: "load",
  EVALUATE: "evaluate",
  TABLES: "tables",
  FLIPS: "flips",
  RESULT: "result",
  ERROR: "error",
});
/** The name of a chart's legend proxy renderers (site_src/charts.py draws them; the page links them). */
export const LEGEND_PROXY = "legend_proxy";
