// The one message protocol between the page and the engine worker.
// Page → worker: INIT once, then EVALUATE / FLIPS requests (each with an id).
// Worker → page: PROGRESS while starting, READY or FAILED, then RESULT or ERROR per request.
export const Msg = Object.freeze({
  INIT: "init",
  PROGRESS: "progress",
  READY: "ready",
  FAILED: "failed",
  EVALUATE: "evaluate",
  FLIPS: "flips",
  RESULT: "result",
  ERROR: "error",
});
