// The engine worker's starter. The build inlines it into the <head> of every model page
// (site_src/plugin/client.py, allowed by its CSP hash), before anything else loads:
// Pyodide's start is the long pole of the page becoming interactive. explainer.js adopts
// this worker and the messages it queued. The build replaces WORKER_URL by the worker's
// URL, relative to the page.
try {
  const worker = new Worker(WORKER_URL, { type: "module" }), events = [];
  worker.onmessage = worker.onerror = (event) => {
    event.preventDefault();
    events.push(event);
  };
  window.explainerWorker = { worker, events };
} catch (error) {
  window.explainerWorker = { error };
}
