// The page's charts: which are on screen; drawing each with BokehJS when it comes into view
// and, once the engine has started (or failed), the rest one per idle period; a fresh answer
// plotted at once on screen, otherwise when the chart comes into view or the reader pauses;
// the charts on screen held from repainting while a request is out (but repainting at least
// every PAINT_GAP_MS); the palette when the reader switches it. The root says
// data-charts="drawn" once every chart of the page is drawn.
import { applyTheme, dropDocument, linkLegend, loadBokeh, writeAnswer } from "./bokeh.js";
import { readJson, setText } from "./dom.js";

const REST_LIMIT_MS = 2000; // each chart out of view is drawn this long after the last at the latest
const PAINT_GAP_MS = 50;

/** Run `task` when the browser is idle, and within REST_LIMIT_MS even on a busy page. */
function whenIdle(task) {
  if (window.requestIdleCallback) requestIdleCallback(task, { timeout: REST_LIMIT_MS });
  else setTimeout(task, 0);
}

export class Charts {
  /** `hooks`: alive() (the page is still shown), waiting() (the engine is up but the page's
   *  model not yet: charts coming into view wait for it), wanted() (a chart not computed for
   *  the current scenario came into view: ask the engine). */
  constructor(root, bokehUrl, status, hooks) {
    this.root = root;
    this.bokehUrl = bokehUrl;
    this.status = status;
    this.hooks = hooks;
    this.docs = new Map(); // chart id → its Bokeh document
    this.latest = new Map(); // chart id → its latest answer
    this.drawing = null; // the chain of charts being drawn, one after another
    this.drawingRest = false;
    this.watch();
  }

  /** Track which charts are on screen: they are drawn when first seen and their plots
   *  update with every answer (the others when they come into view or the reader pauses). */
  watch() {
    this.seen = []; // charts in view waiting for the model (see below)
    this.onScreen = new Set();
    this.offScreen = new Set(); // charts with an answer not plotted yet
    this.stale = new Set(); // charts not computed for the current scenario yet
    this.plotted = new Map();
    this.plotViews = new Map(); // chart id → its BokehJS plot views
    this.held = []; // plot views not repainting until the answer is in (see hold)
    this.heldSince = null;
    const figures = [...this.root.querySelectorAll("[data-chart]")];
    if (!window.IntersectionObserver) {
      for (const figure of figures) this.onScreen.add(figure.dataset.chart);
      this.draw(figures);
      return;
    }
    // Charts are drawn as they come into view, the rest once the engine is ready (when
    // idle): at load BokehJS would take the processor Pyodide's start needs.
    // After instant navigation the warm engine is a few milliseconds from ready: charts in
    // view wait for that rather than hold up the answer that makes the page live.
    this.visibility = new IntersectionObserver((entries) => {
      const seen = [];
      for (const entry of entries) {
        const id = entry.target.dataset.chart;
        if (entry.isIntersecting) {
          seen.push(entry.target);
          this.onScreen.add(id);
          if (this.offScreen.has(id)) this.plot(id);
          if (this.stale.has(id)) this.hooks.wanted();
        } else {
          this.onScreen.delete(id);
        }
      }
      if (this.hooks.waiting()) this.seen.push(...seen);
      else this.draw(seen);
    });
    for (const figure of figures) this.visibility.observe(figure);
  }

  /** The page's model has loaded: draw the charts that came into view meanwhile. */
  drawSeen() {
    this.draw(this.seen.splice(0));
  }

  /** Of `ids`, those on screen, to be computed with this request; the others are stale
   *  until the reader pauses (see tabled) or they come into view. */
  inView(ids) {
    const charts = ids.filter((id) => this.onScreen.has(id));
    for (const id of ids) if (!charts.includes(id)) this.stale.add(id);
    return charts;
  }

  /** Draw `figures` (those not drawn yet), one after another; BokehJS loads with the first. */
  draw(figures) {
    for (const figure of figures) {
      if (figure.dataset.drawn) continue;
      figure.dataset.drawn = "pending";
      this.drawing = (this.drawing ?? Promise.resolve()).then(() => this.hooks.alive() && this.drawOne(figure))
        .catch((error) => this.status.say("charts", `图表未能绘制(${error.message});数据表仍可查看。`));
    }
    this.drawing?.then(() => {
      if (this.hooks.alive() && [...this.root.querySelectorAll("[data-chart]")].every((f) => f.dataset.drawn === "true")) {
        this.root.dataset.charts = "drawn";
      }
    });
  }

  async drawOne(figure) {
    let Bokeh;
    try {
      Bokeh = await loadBokeh(this.bokehUrl);
    } catch (error) {
      this.status.say("charts", "图表脚本无法加载;数据表仍可查看。");
      return;
    }
    if (!this.hooks.alive()) return; // replaced while BokehJS was loading
    const item = readJson(figure.querySelector("template[data-bokeh-item]"));
    const views = await Bokeh.embed.embed_item(item, figure.querySelector(".ex-chart__plot"));
    this.plotViews.set(figure.dataset.chart, views.roots.filter((view) => typeof view.pause === "function"));
    const doc = views.roots[0].model.document;
    this.docs.set(figure.dataset.chart, doc);
    if (!this.hooks.alive()) return this.dispose(); // replaced while BokehJS was drawing
    applyTheme(doc);
    linkLegend(doc);
    // An answer may have arrived before the chart was drawn: draw it now rather than leave
    // the build-time data on screen.
    this.plot(figure.dataset.chart);
    figure.dataset.drawn = "true";
  }

  /** Once the engine has started (or failed), draw the charts still waiting: one per idle
   *  period, since drawing a chart is one long task (~0.1 s) and a click, a key or the next
   *  page of an instant navigation should wait behind one at most. */
  drawRest() {
    if (this.drawingRest) return;
    this.drawingRest = true;
    const next = () => {
      const figure = this.hooks.alive() && [...this.root.querySelectorAll("[data-chart]")].find((f) => !f.dataset.drawn);
      if (!figure) return;
      this.draw([figure]);
      this.drawing.then(() => whenIdle(next));
    };
    whenIdle(next);
  }

  /** A chart's fresh answer: its caption at once; its plot now if on screen, else when it
   *  comes into view or the reader pauses (redrawing every off-screen chart on each key press
   *  would slow the one being watched). */
  show(id, chart) {
    this.latest.set(id, chart);
    this.stale.delete(id);
    for (const caption of this.root.querySelectorAll(`[data-chart="${CSS.escape(id)}"] [data-chart-caption]`)) {
      setText(caption, chart.caption);
    }
    if (this.onScreen.has(id)) {
      this.plot(id);
      return;
    }
    this.offScreen.add(id);
  }

  /** A chart's answer from the pause-time request: taken if none newer came since. */
  tabled(id, chart) {
    if (this.stale.has(id)) this.show(id, chart);
  }

  /** The reader paused: plot the answers the charts out of view have not shown yet. */
  plotOffScreen() {
    for (const hidden of [...this.offScreen]) this.plot(hidden);
  }

  plot(id) {
    const doc = this.docs.get(id);
    const chart = this.latest.get(id);
    if (!doc || !chart) return;
    this.offScreen.delete(id);
    writeAnswer(doc, id, chart, this.plotted);
  }

  /**
   * While a request is out, the charts on screen do not repaint. Their data is replaced when
   * the answer comes, within a round trip; a paint of the old data in between would hold the
   * answer up for a frame (BokehJS redraws a whole plot: 5–8 ms a chart here). While answers
   * stream in without a free frame, a chart still repaints at least every PAINT_GAP_MS.
   */
  hold() {
    if (this.held.length || performance.now() - (this.heldSince ?? Infinity) > PAINT_GAP_MS) return;
    for (const id of this.onScreen) {
      for (const view of this.plotViews.get(id) ?? []) {
        view.pause();
        this.held.push(view);
      }
    }
    if (this.held.length) this.heldSince ??= performance.now();
  }

  release() {
    if (!this.held.length) return;
    for (const view of this.held.splice(0)) view.unpause(); // and repaint
    requestAnimationFrame(() => {
      if (!this.held.length) this.heldSince = null; // a frame the charts were free to paint in
    });
  }

  restyle() {
    for (const doc of this.docs.values()) applyTheme(doc);
  }

  /** The page was replaced (instant navigation): drop its Bokeh documents and their views. */
  dispose() {
    this.visibility?.disconnect();
    for (const doc of this.docs.values()) dropDocument(doc);
    this.docs.clear();
  }
}
