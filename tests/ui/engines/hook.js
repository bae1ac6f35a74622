// Injected by the engine tests' server as the first script of every page (same origin, so
// the site's Content-Security-Policy lets it run). It records in window.__engineTest what
// the drivers cannot all see: uncaught errors, console.error calls, the engine worker's
// errors, its READY or FAILED message, and when the model root first became ready
// (milliseconds since navigation started).
(() => {
  const record = (window.__engineTest = { errors: [], engine: null, readyMs: null });
  const note = (text) => record.errors.push(String(text).slice(0, 500));
  addEventListener("error", (event) => note(`page error: ${event.message} (${event.filename}:${event.lineno})`));
  addEventListener("unhandledrejection", (event) => note(`unhandled rejection: ${event.reason?.message ?? event.reason}`));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    note(`console error: ${args.join(" ")}`);
    consoleError(...args);
  };
  const RealWorker = window.Worker;
  window.Worker = class extends RealWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("error", (event) => note(`worker error: ${event.message}`));
      this.addEventListener("message", (event) => {
        if (["ready", "failed"].includes(event.data?.type)) record.engine ??= event.data;
      });
    }
  };
  new MutationObserver((mutations, observer) => {
    if (mutations.some((mutation) => mutation.target.dataset?.state === "ready")) {
      record.readyMs = Math.round(performance.now());
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
})();
