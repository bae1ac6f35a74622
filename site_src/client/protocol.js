// The one message protocol between the page and the engine worker.
// Page → worker: INIT once, then EVALUATE / TABLES / FLIPS requests (each with an id);
// EVALUATE is what the reader waits for, TABLES and FLIPS are sent when the reader pauses.
// Worker → page: PROGRESS while starting, READY or FAILED, then RESULT or ERROR per request.
export const Msg = Object.freeze({
  INIT: "init",
  PROGRESS: "progress",
  READY: "ready",
  FAILED: "failed",
  EVALUATE: "evaluate",
  TABLES: "tables",
  FLIPS: "flips",
  RESULT: "result",
  ERROR: "error",
});
