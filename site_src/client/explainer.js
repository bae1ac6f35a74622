// The page script the theme loads (main.html, with data-worker and data-bokeh). It starts
// the site's one engine (engine.js) as soon as a model page's <head> says so, and mounts a
// Page (page.js) on the model's root on first load and after every instant navigation of
// Material, which keeps the engine: the next essay is live at once. Pages without a model
// warm the engine up when the browser is idle.
import { Engine } from "./engine.js";
import { Page } from "./page.js";

const script = document.querySelector("script[data-explainer]");
const asset = (key) => new URL(script.dataset[key], document.baseURI).href;

let engine = null;
function getEngine() {
  engine ??= new Engine(asset("worker"));
  return engine;
}

const pages = new WeakMap();
let mounted = null;

function mount() {
  const root = document.querySelector("[data-model]");
  if (mounted && mounted.root !== root) {
    mounted.dispose();
    mounted = null;
  }
  if (!root) {
    // No model here: warm the engine up when the browser is idle, so the next page is live at once.
    (window.requestIdleCallback ?? setTimeout)(() => getEngine());
    return;
  }
  if (!pages.has(root)) {
    mounted = new Page(root, getEngine(), asset("bokeh"));
    pages.set(root, mounted);
  }
}

function currentPage() {
  const root = document.querySelector("[data-model]");
  return root && pages.get(root);
}

function start() {
  mount();
  // Material swaps the page in place on instant navigation (and on a same-page scenario
  // link); whichever of its events fires first, mount the root that is in the DOM now.
  window.document$?.subscribe?.(() => mount());
  new MutationObserver(() => {
    if ((document.querySelector("[data-model]") ?? null) !== (mounted?.root ?? null)) mount();
  }).observe(document.body, { childList: true, subtree: true });
  new MutationObserver(() => currentPage()?.restyle())
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  window.addEventListener("hashchange", () => currentPage()?.onHashChange());
}

// A model page says so in its <head>, so Pyodide starts before the body is even parsed.
if (document.querySelector('meta[name="explainer-model"]')) getEngine();
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
