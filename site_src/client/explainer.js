// Page side of the explainer runtime.
//
// The build has already written every number, sentence, table and chart into
// the page (data-state="static"). This script draws the pre-rendered charts,
// starts one engine worker for the whole site (kept across Material's instant
// navigation), and from then on sends the reader's parameters to it and writes
// the answers back into the elements marked with data-output, data-verdict,
// data-chart… Replies are JSON; text goes in through textContent only.
import { Msg } from "./protocol.js";
import { describeNotes, fit, formatFragment, isScenario, parseFragment } from "./fragment.js";

const script = document.querySelector("script[data-explainer]");
const asset = (key) => new URL(script.dataset[key], document.baseURI).href;
const LOG_STEPS = 1000;
const IDLE_DELAY_MS = 120;
const START_LIMIT_MS = 120000;
const FRAGMENT_INTERVAL_MS = 250;
const REST_LIMIT_MS = 2000; // each chart out of view is drawn this long after the last at the latest
const ARROW_STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
const THUMB_LIMIT_MS = 60;
const PAINT_GAP_MS = 50;
const STAGE_ZH = {
  runtime: "正在加载 Python 运行环境(首次约需数秒)…",
  models: "正在加载模型…",
};

// --- the engine ------------------------------------------------------------

class Engine {
  constructor() {
    this.ready = false;
    this.failure = null;
    this.stage = "runtime";
    this.nextId = 1;
    this.waiting = new Map();
    this.listeners = new Set();
    // A model page starts the worker in the first lines of its <head> (see main.html);
    // its messages so far wait in `events`. Elsewhere the worker starts here.
    const early = window.explainerWorker;
    window.explainerWorker = undefined;
    try {
      if (early?.error) throw early.error;
      this.worker = early?.worker ?? new Worker(asset("worker"), { type: "module" });
    } catch (error) {
      this.fail(`无法启动后台计算(${error.message})`);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.workerError(event);
    for (const event of early?.events ?? []) {
      if (event.type === "error") this.workerError(event);
      else this.receive(event.data);
    }
    // Last resort for a start that neither finishes nor fails (a stalled download).
    setTimeout(() => this.ready || this.fail("Python 运行环境在两分钟内没有启动完成"), START_LIMIT_MS);
  }

  workerError(event) {
    event.preventDefault();
    this.fail(event.message || "后台计算脚本无法加载");
  }

  receive(message) {
    switch (message.type) {
      case Msg.PROGRESS:
        this.stage = message.stage;
        this.notify();
        break;
      case Msg.READY:
        this.ready = true;
        this.startMs = message.ms;
        this.notify();
        break;
      case Msg.FAILED:
        this.fail(message.message);
        break;
      case Msg.RESULT:
      case Msg.ERROR:
        this.settle(message);
        break;
      default:
        throw new Error(`explainer: unknown message type ${message.type}`);
    }
  }

  settle(message) {
    const pending = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (!pending) return;
    if (message.type === Msg.RESULT) pending.resolve(message.data);
    else pending.reject(new Error(message.message));
  }

  fail(reason) {
    if (this.failure) return;
    this.failure = reason;
    for (const pending of this.waiting.values()) pending.reject(new Error(reason));
    this.waiting.clear();
    this.notify();
  }

  request(type, payload) {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...payload });
    });
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  notify() {
    for (const listener of [...this.listeners]) listener(this);
  }
}

let engine = null;
function getEngine() {
  engine ??= new Engine();
  return engine;
}

// --- BokehJS, loaded once and only on pages with charts ----------------------

let bokehLoading = null;
function loadBokeh() {
  bokehLoading ??= new Promise((resolve, reject) => {
    if (window.Bokeh) return resolve(window.Bokeh);
    const tag = document.createElement("script");
    tag.src = asset("bokeh");
    tag.onload = () => resolve(window.Bokeh);
    tag.onerror = () => reject(new Error("BokehJS 无法加载"));
    document.head.append(tag);
  });
  return bokehLoading;
}

const THEMES = {
  light: { text: "#333333", line: "#8a8a8a", grid: "#e6e6e6", legend: "#ffffff" },
  dark: { text: "#e0e0e0", line: "#9a9a9a", grid: "#3b3f4a", legend: "#1e2129" },
};

function isDark() {
  return document.body?.getAttribute("data-md-color-scheme") === "slate";
}

/** Restyle every axis, grid, label and legend of a Bokeh document for the palette. */
function applyTheme(doc) {
  const theme = isDark() ? THEMES.dark : THEMES.light;
  const wanted = {
    axis_label_text_color: theme.text, major_label_text_color: theme.text,
    axis_line_color: theme.line, major_tick_line_color: theme.line, minor_tick_line_color: theme.line,
    grid_line_color: theme.grid, label_text_color: theme.text, text_color: theme.text,
  };
  for (const model of doc.all_models) {
    const attrs = {};
    for (const [key, value] of Object.entries(wanted)) {
      if (key in model.properties && !(key === "grid_line_color" && model.grid_line_color == null)) {
        attrs[key] = value;
      }
    }
    if (model.type === "Legend") attrs.background_fill_color = theme.legend;
    if (Object.keys(attrs).length) model.setv(attrs);
  }
}

/** A legend entry stands for a proxy renderer that draws nothing (charts.py, _legend_proxy):
 *  clicking the entry hides or shows the proxy; the series it names follow it. */
function linkLegend(doc) {
  for (const proxy of doc.all_models) {
    if (proxy.name !== "legend_proxy") continue;
    const series = proxy.tags.map((id) => doc.get_model_by_id(id)).filter(Boolean);
    proxy.properties.visible.change.connect(() => {
      for (const renderer of series) renderer.visible = proxy.visible;
    });
  }
}

// --- one page ------------------------------------------------------------------

/** Write text only when it differs: an unchanged node costs the browser no layout. */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Whether two {column: [values]} hold the same values (a cheap check before touching Bokeh). */
function sameColumns(a, b) {
  if (!a) return false;
  const keys = Object.keys(b);
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    return x?.length === y.length && y.every((value, i) => Object.is(value, x[i]));
  });
}

/** The BokehJS range of a figure's axis "x", "y" (left) or "y2" (right). */
function axisRange(figure, axis) {
  if (!figure) return null;
  if (axis === "x") return figure.x_range;
  if (axis === "y") return figure.y_range;
  const extra = figure.extra_y_ranges;
  return extra instanceof Map ? extra.get("right") : extra?.right;
}

/** Run `task` when the browser is idle, and within REST_LIMIT_MS even on a busy page. */
function whenIdle(task) {
  if (window.requestIdleCallback) requestIdleCallback(task, { timeout: REST_LIMIT_MS });
  else setTimeout(task, 0);
}

/** The JSON the build put in a <template> (inert text, never executed). */
function readJson(template) {
  return JSON.parse(template.content.textContent);
}

class Page {
  constructor(root) {
    this.root = root;
    const init = readJson(root.querySelector("template[data-explainer-init]"));
    this.model = root.dataset.model;
    this.spec = init.spec;
    this.presets = init.presets;
    this.chartIds = init.charts;
    this.byName = new Map(this.spec.map((p) => [p.name, p]));
    this.defaults = Object.fromEntries(this.spec.map((p) => [p.name, p.default]));
    this.params = { ...this.defaults };
    this.docs = new Map();
    this.latestCharts = new Map();
    this.sent = 0; // sequence of the newest request sent
    this.inFlight = false;
    this.dirty = false; // params changed since the last request was sent
    this.idleTimer = null;
    this.thumbs = new Map(); // range input → value it moves to with the next answer
    this.controlsDue = new Set(); // params whose other controls wait for that answer too
    this.outputPaths = [...new Set([...root.querySelectorAll("[data-output]")].map((e) => e.dataset.output))];
    this.status = root.querySelector("[data-status]");
    this.notice = root.querySelector("[data-notice]");
    this.notes = { link: "", warnings: "", share: "", charts: "" };
    this.readFragment();
    this.readTypedValues();
    this.bindControls();
    this.watchVisibility();
    this.modelLoaded = false;
    getEngine().request(Msg.LOAD, { model: this.model }).then(() => {
      this.modelLoaded = true;
      this.onEngine(getEngine());
      this.drawCharts(this.seen.splice(0));
    }, (error) => getEngine().failure || this.unavailable(error.message));
    this.unsubscribe = getEngine().subscribe((e) => this.onEngine(e));
  }

  alive() {
    return this.root.isConnected;
  }

  // --- state and URL ---------------------------------------------------------

  readFragment() {
    if (!isScenario(location.hash)) return;
    this.lastHash = location.hash;
    const { params, notes } = parseFragment(location.hash, this.spec);
    Object.assign(this.params, params);
    this.say("link", describeNotes(notes, this.spec));
    this.showParams();
    this.dirty = Object.keys(params).length > 0;
  }

  /** Keep what a reader typed into a number box before this script ran. (Range inputs are
   *  skipped: the browser snaps an off-grid default to the step grid without any input.) */
  readTypedValues() {
    const typed = {};
    for (const input of this.root.querySelectorAll("input[type=number][data-param]")) {
      if (input.value === input.defaultValue || !this.byName.has(input.dataset.param)) continue;
      const value = this.readInput(input);
      if (value !== null) typed[input.dataset.param] = value;
    }
    if (!Object.keys(typed).length) return;
    Object.assign(this.params, typed);
    this.showParams();
    this.writeFragment();
    this.dirty = true;
  }

  /** A scenario link opened on the same page (a pasted URL, the back button). */
  onHashChange() {
    if (!isScenario(location.hash) || location.hash === this.lastHash) return;
    this.fragmentDue = false; // the link's scenario replaces whatever was about to be written
    this.dropThumbs();
    this.params = { ...this.defaults };
    this.readFragment();
    this.markPreset();
    this.dirty = true;
    this.pump();
  }

  /** Keep the URL in step without rewriting it on every key repeat (browsers throttle, then
   *  ignore, a page that does): a change is written right after the event that made it,
   *  further ones at most every FRAGMENT_INTERVAL_MS, the last one always. */
  writeFragmentSoon() {
    this.fragmentDue = true;
    if (this.fragmentTimer) return;
    const flush = () => {
      this.fragmentTimer = null;
      if (!this.fragmentDue) return;
      this.writeFragment();
      this.fragmentTimer = setTimeout(flush, FRAGMENT_INTERVAL_MS);
    };
    this.fragmentTimer = setTimeout(flush, 0);
  }

  writeFragment() {
    this.fragmentDue = false;
    if (!this.alive()) return; // the reader has moved on to another page
    const fragment = formatFragment(this.params, this.spec);
    this.lastHash = fragment ? `#${fragment}` : "";
    const url = location.pathname + location.search + this.lastHash;
    history.replaceState(history.state, "", url);
  }

  /** Show one kind of note ("link": what the URL fragment did; "warnings": what the model
   *  adjusted) without erasing the other. Plain text only. */
  say(kind, text) {
    this.notes[kind] = text;
    const shown = Object.values(this.notes).filter(Boolean).join(" ");
    setText(this.notice, shown);
    if (this.notice.hidden !== !shown) this.notice.hidden = !shown;
  }

  setState(state, text) {
    this.root.dataset.state = state;
    if (text !== undefined) setText(this.status, text);
  }

  // --- controls --------------------------------------------------------------

  bindControls() {
    this.root.addEventListener("keydown", (event) => this.onArrowKey(event));
    this.root.addEventListener("input", (event) => {
      const input = event.target.closest?.("input[data-param]");
      if (!input || !this.byName.has(input.dataset.param)) return;
      const value = this.readInput(input);
      if (value === null) return;
      this.change({ [input.dataset.param]: value }, input);
    });
    this.root.addEventListener("change", (event) => {
      const select = event.target.closest?.("[data-preset-select]");
      if (select) this.choosePreset(select.value);
      const box = event.target.closest?.("input[type=number][data-param]");
      if (box) this.showParams(); // show the clamped value after editing finishes
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-action], [data-preset]");
      if (!button) return;
      if (button.dataset.action === "reset") this.choosePreset("");
      else if (button.dataset.action === "share") this.share();
      else if (button.dataset.preset !== undefined) this.choosePreset(button.dataset.preset);
    });
  }

  readInput(input) {
    const param = this.byName.get(input.dataset.param);
    if (input.type === "range" && input.dataset.scale === "log") {
      const t = Number(input.value) / LOG_STEPS;
      const raw = Math.exp(Math.log(param.min) + t * (Math.log(param.max) - Math.log(param.min)));
      const snapped = Math.round(raw / param.step) * param.step;
      return fit(Number(snapped.toPrecision(12)), param)[0];
    }
    if (input.value.trim() === "" || !Number.isFinite(Number(input.value))) return null;
    return fit(Number(input.value), param)[0];
  }

  /**
   * An arrow key on a slider, once the engine runs. The browser would move the thumb at once,
   * paint that frame, and only then hand over the engine's answer: the numbers would come a
   * frame after the thumb. Here the value is stepped on a detached copy of the slider (exactly
   * as the browser steps it), sent at once, and the thumb moves with the answer, in the same
   * frame as the numbers and charts (or after THUMB_LIMIT_MS if the answer is slow).
   */
  onArrowKey(event) {
    const input = event.target.closest?.("input[type=range][data-param]");
    const direction = ARROW_STEPS[event.key];
    if (!input || !direction || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented
        || !this.byName.has(input.dataset.param) || this.root.dataset.state !== "ready") return;
    const probe = input.cloneNode();
    probe.value = this.thumbs.get(input) ?? input.value;
    const before = probe.value;
    try {
      if (direction > 0) probe.stepUp();
      else probe.stepDown();
    } catch {
      return; // a slider the browser cannot step this way: leave the key to it
    }
    event.preventDefault();
    if (probe.value === before) return;
    this.thumbs.set(input, probe.value);
    this.controlsDue.add(input.dataset.param);
    clearTimeout(this.thumbTimer);
    this.thumbTimer = setTimeout(() => this.moveThumbs(), THUMB_LIMIT_MS);
    this.params[input.dataset.param] = this.readInput(probe);
    this.writeFragmentSoon();
    this.dirty = true;
    this.pump();
  }

  /** Move the thumbs (and the number boxes, marks, preset menu) that wait for an answer. */
  moveThumbs() {
    clearTimeout(this.thumbTimer);
    if (!this.controlsDue.size) return;
    for (const [input, value] of this.thumbs) input.value = value;
    this.showParams({ names: [...this.controlsDue], except: [...this.thumbs.keys()] });
    this.markPreset();
    this.thumbs.clear();
    this.controlsDue.clear();
  }

  /** Forget thumbs waiting for an answer: the controls are about to show other values. */
  dropThumbs() {
    clearTimeout(this.thumbTimer);
    this.thumbs.clear();
    this.controlsDue.clear();
  }

  change(values, source) {
    Object.assign(this.params, values);
    this.thumbs.delete(source);
    this.showParams({ names: Object.keys(values), except: [source] });
    this.markPreset();
    this.writeFragmentSoon();
    this.dirty = true;
    this.pump();
  }

  choosePreset(name) {
    this.dropThumbs();
    this.params = { ...this.defaults, ...(name ? this.presets[name] : {}) };
    this.say("link", "");
    this.showParams();
    this.markPreset(name);
    this.writeFragment();
    this.dirty = true;
    this.pump();
  }

  markPreset(name) {
    const select = this.root.querySelector("[data-preset-select]");
    if (!select) return;
    if (name !== undefined) {
      select.value = name;
      return;
    }
    const match = Object.entries(this.presets).find(([, overrides]) => this.spec.every(
      (p) => this.params[p.name] === (overrides[p.name] ?? p.default)));
    const atDefaults = this.spec.every((p) => this.params[p.name] === p.default);
    select.value = atDefaults ? "" : match ? match[0] : "custom";
  }

  /** Put the current params into the controls of `names` (all by default), except the inputs
   *  in `except` (the one being dragged). Only what differs is written: an untouched control
   *  is not repainted. */
  showParams({ names = null, except = [] } = {}) {
    const shown = (name) => this.byName.has(name) && (!names || names.includes(name));
    for (const input of this.root.querySelectorAll("input[data-param]")) {
      if (except.includes(input) || !shown(input.dataset.param)) continue;
      const param = this.byName.get(input.dataset.param);
      const value = this.params[param.name];
      let text = String(value);
      if (input.type === "range" && input.dataset.scale === "log") {
        text = String(Math.round(LOG_STEPS * (Math.log(value) - Math.log(param.min))
          / (Math.log(param.max) - Math.log(param.min))));
      } else if (input.type === "number" && input === document.activeElement) {
        continue; // never overwrite what the reader is typing
      }
      if (input.value !== text) input.value = text;
    }
    for (const control of this.root.querySelectorAll("[data-control]")) {
      if (!shown(control.dataset.control)) continue;
      const param = this.byName.get(control.dataset.control);
      control.classList.toggle("ex-control--moved", this.params[param.name] !== param.default);
      const range = control.querySelector("input[type=range]");
      const spoken = `${this.params[param.name]} ${param.unit}`;
      if (range && range.getAttribute("aria-valuetext") !== spoken) range.setAttribute("aria-valuetext", spoken);
    }
  }

  share() {
    this.writeFragment();
    const url = location.href;
    const done = () => this.status.textContent = "已复制分享链接:打开它会恢复当前情景。";
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(url).then(done, () => this.say("share", `分享链接:${url}`));
    } else {
      this.say("share", `分享链接:${url}`);
    }
  }

  // --- talking to the engine -----------------------------------------------------

  onEngine(e) {
    if (!this.alive()) return this.unsubscribe?.();
    if (e.failure) {
      this.unavailable(e.failure);
    } else if (!e.ready || !this.modelLoaded) {
      this.setState("loading", STAGE_ZH[e.ready ? "models" : e.stage] ?? STAGE_ZH.runtime);
    } else if (this.root.dataset.state !== "ready" && this.root.dataset.state !== "error") {
      if (this.dirty) this.pump();
      else this.setState("ready", "交互已就绪:拖动滑块,数字、结论和图表会随之重算。");
      this.scheduleIdleWork();
      this.drawRest();
    }
  }

  unavailable(reason) {
    if (!this.alive()) return;
    this.setState("error", `交互功能不可用:${reason}。页面显示的是文中默认数字,全文与数据表完整可读。`);
    this.drawRest();
  }

  /** Once the engine has started (or failed), draw the charts still waiting: one per idle
   *  period, since drawing a chart is one long task (~0.1 s) and a click, a key or the next
   *  page of an instant navigation should wait behind one at most. */
  drawRest() {
    if (this.drawingRest) return;
    this.drawingRest = true;
    const next = () => {
      const figure = this.alive() && [...this.root.querySelectorAll("[data-chart]")].find((f) => !f.dataset.drawn);
      if (!figure) return;
      this.drawCharts([figure]);
      this.drawing.then(() => whenIdle(next));
    };
    whenIdle(next);
  }

  /** Send the latest params if the engine is free; at most one request in flight. */
  pump() {
    const e = getEngine();
    if (!e.ready || e.failure || this.inFlight || !this.dirty || !this.alive()) return;
    this.dirty = false;
    this.inFlight = true;
    const seq = ++this.sent;
    const params = { ...this.params };
    this.holdPaints();
    // Charts out of view are computed when the reader pauses (refreshIdle) or scrolls to them.
    const charts = this.chartIds.filter((id) => this.onScreen.has(id));
    for (const id of this.chartIds) if (!charts.includes(id)) this.staleCharts.add(id);
    e.request(Msg.EVALUATE, { model: this.model, params, charts, outputs: this.outputPaths })
      .then((data) => this.apply(data, seq))
      .catch((error) => this.onError(error))
      .finally(() => {
        this.inFlight = false;
        this.moveThumbs();
        this.releasePaints();
        if (this.dirty) this.pump();
        else this.scheduleIdleWork();
      });
  }

  onError(error) {
    if (getEngine().failure) return; // the engine listener already said why
    this.setState("error", `计算出错:${error.message}。页面保留上一次正确的结果。`);
  }

  apply(data, seq) {
    if (!this.alive() || seq !== this.sent) return; // a newer request is on its way
    for (const element of this.root.querySelectorAll("[data-output]")) {
      const text = data.display[element.dataset.output];
      if (text !== undefined) setText(element, text);
    }
    for (const verdict of data.verdicts) this.showVerdict(verdict);
    for (const [id, chart] of Object.entries(data.charts)) this.showChart(id, chart);
    this.showWarnings(data.warnings);
    this.moveThumbs();
    this.setState("ready", "交互已就绪:拖动滑块,数字、结论和图表会随之重算。");
  }

  showVerdict(verdict) {
    const holds = verdict.holds === null ? "null" : String(verdict.holds);
    for (const element of this.root.querySelectorAll(`[data-verdict="${CSS.escape(verdict.id)}"]`)) {
      const changed = String(verdict.holds !== verdict.essay_holds);
      if (element.dataset.holds !== holds) element.dataset.holds = holds;
      if (element.dataset.changed !== changed) element.dataset.changed = changed;
      setText(element.querySelector("[data-verdict-badge]"), verdict.holds_zh);
      setText(element.querySelector("[data-verdict-text]"), verdict.text_zh);
    }
  }

  showWarnings(warnings) {
    const swapped = warnings.filter((w) => w.startsWith("swapped:"))
      .map((w) => w.slice(8).split("/").map((n) => this.byName.get(n)?.label_zh ?? n).join("与"));
    this.say("warnings", swapped.length ? `下限高于上限,计算时已交换:${swapped.join(";")}。` : "");
  }

  /** When the reader pauses: compute and redraw the charts out of view, refresh the data
   *  tables, then where each slider flips a verdict. */
  scheduleIdleWork() {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.refreshIdle(), IDLE_DELAY_MS);
  }

  /** One small request at a time, so the reader's next move never waits behind it. */
  async refreshIdle() {
    const seq = this.sent;
    const stale = () => this.inFlight || this.dirty || seq !== this.sent || !this.alive();
    const params = { ...this.params };
    try {
      if (this.chartIds.length && !stale()) {
        const charts = await getEngine().request(Msg.TABLES, { model: this.model, params, charts: this.chartIds });
        if (stale()) return;
        for (const [id, chart] of Object.entries(charts)) {
          if (this.staleCharts.has(id)) this.showChart(id, chart);
          this.showTable(id, chart.table);
        }
      }
      for (const hidden of [...this.offScreen]) this.plot(hidden);
      for (const param of this.spec) {
        if (stale()) return;
        const found = await getEngine().request(Msg.FLIPS, { model: this.model, params, names: [param.name] });
        if (stale()) return;
        this.showFlips(param.name, found[param.name]);
      }
    } catch {
      // Extras: a failure here never blocks the reader (a chart is computed when it comes into view).
    }
  }

  showTable(id, table) {
    for (const body of this.root.querySelectorAll(`[data-chart="${CSS.escape(id)}"] [data-chart-table] tbody`)) {
      body.replaceChildren(...table.rows.map((row) => {
        const tr = document.createElement("tr");
        tr.append(...row.map((cell) => Object.assign(document.createElement("td"), { textContent: cell })));
        return tr;
      }));
    }
  }

  showFlips(name, flips) {
    for (const control of this.root.querySelectorAll(`[data-control="${CSS.escape(name)}"]`)) {
      const ticks = control.querySelector("[data-flips]");
      ticks.replaceChildren(...flips.ticks.map((at) => {
        const tick = document.createElement("span");
        tick.className = "ex-flip";
        tick.style.setProperty("--at", String(at));
        return tick;
      }));
      setText(control.querySelector("[data-flip-text]"), flips.text);
    }
  }

  // --- charts ------------------------------------------------------------------

  /** Draw `figures` (those not drawn yet), one after another; BokehJS loads with the first.
   *  The root says data-charts="drawn" once every chart of the page is drawn. */
  drawCharts(figures) {
    for (const figure of figures) {
      if (figure.dataset.drawn) continue;
      figure.dataset.drawn = "pending";
      this.drawing = (this.drawing ?? Promise.resolve()).then(() => this.alive() && this.drawChart(figure))
        .catch((error) => this.say("charts", `图表未能绘制(${error.message});数据表仍可查看。`));
    }
    this.drawing?.then(() => {
      if (this.alive() && [...this.root.querySelectorAll("[data-chart]")].every((f) => f.dataset.drawn === "true")) {
        this.root.dataset.charts = "drawn";
      }
    });
  }

  async drawChart(figure) {
    let Bokeh;
    try {
      Bokeh = await loadBokeh();
    } catch (error) {
      this.say("charts", "图表脚本无法加载;数据表仍可查看。");
      return;
    }
    if (!this.alive()) return; // replaced while BokehJS was loading
    const item = readJson(figure.querySelector("template[data-bokeh-item]"));
    const views = await Bokeh.embed.embed_item(item, figure.querySelector(".ex-chart__plot"));
    this.plotViews.set(figure.dataset.chart, views.roots.filter((view) => typeof view.pause === "function"));
    const doc = views.roots[0].model.document;
    this.docs.set(figure.dataset.chart, doc);
    if (!this.alive()) return this.dispose(); // replaced while BokehJS was drawing
    applyTheme(doc);
    linkLegend(doc);
    // An answer may have arrived before the chart was drawn: draw it now rather than leave
    // the build-time data on screen.
    this.plot(figure.dataset.chart);
    figure.dataset.drawn = "true";
  }

  /** A chart's fresh answer: its caption at once; its plot now if on screen, else when it
   *  comes into view or the reader pauses (redrawing every off-screen chart on each key press
   *  would slow the one being watched). */
  showChart(id, chart) {
    this.latestCharts.set(id, chart);
    this.staleCharts.delete(id);
    for (const caption of this.root.querySelectorAll(`[data-chart="${CSS.escape(id)}"] [data-chart-caption]`)) {
      setText(caption, chart.caption);
    }
    if (this.onScreen.has(id)) {
      this.plot(id);
      return;
    }
    this.offScreen.add(id);
  }

  /**
   * While a request is out, the charts on screen do not repaint. Their data is replaced when
   * the answer comes, within a round trip; a paint of the old data in between would hold the
   * answer up for a frame (BokehJS redraws a whole plot: 5–8 ms a chart here). While answers
   * stream in without a free frame, a chart still repaints at least every PAINT_GAP_MS.
   */
  holdPaints() {
    if (this.held.length || performance.now() - (this.heldSince ?? Infinity) > PAINT_GAP_MS) return;
    for (const id of this.onScreen) {
      for (const view of this.plotViews.get(id) ?? []) {
        view.pause();
        this.held.push(view);
      }
    }
    if (this.held.length) this.heldSince ??= performance.now();
  }

  releasePaints() {
    if (!this.held.length) return;
    for (const view of this.held.splice(0)) view.unpause(); // and repaint
    requestAnimationFrame(() => {
      if (!this.held.length) this.heldSince = null; // a frame the charts were free to paint in
    });
  }

  /** Put the latest answer into a chart's data sources, touching only those that changed. */
  plot(id) {
    const doc = this.docs.get(id);
    const chart = this.latestCharts.get(id);
    if (!doc || !chart) return;
    this.offScreen.delete(id);
    // The axes first: BokehJS then paints once (a range it fits itself moves during the
    // paint and asks for a second one).
    for (const [axis, [start, end]] of Object.entries(chart.ranges ?? {})) {
      const range = axisRange(doc.get_model_by_name(id), axis);
      if (range?.type === "Range1d" && (range.start !== start || range.end !== end)) range.setv({ start, end });
    }
    for (const [name, columns] of Object.entries(chart.columns)) {
      const source = doc.get_model_by_name(name);
      if (!source || sameColumns(this.plotted.get(`${id}/${name}`), columns)) continue;
      this.plotted.set(`${id}/${name}`, columns);
      const data = {};
      for (const [key, values] of Object.entries(columns)) {
        data[key] = values.map((v) => (v === null ? NaN : v));
      }
      source.data = data;
    }
  }

  /** Track which charts are on screen: they are drawn when first seen and their plots
   *  update with every answer (the others when they come into view or the reader pauses). */
  watchVisibility() {
    this.seen = []; // charts in view waiting for the model (see below)
    this.onScreen = new Set();
    this.offScreen = new Set(); // charts with an answer not plotted yet
    this.staleCharts = new Set(); // charts not computed for the current scenario yet
    this.plotted = new Map();
    this.plotViews = new Map(); // chart id → its BokehJS plot views
    this.held = []; // plot views not repainting until the answer is in (see holdPaints)
    this.heldSince = null;
    const figures = [...this.root.querySelectorAll("[data-chart]")];
    if (!window.IntersectionObserver) {
      for (const figure of figures) this.onScreen.add(figure.dataset.chart);
      this.drawCharts(figures);
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
          if (this.staleCharts.has(id)) {
            this.dirty = true;
            this.pump();
          }
        } else {
          this.onScreen.delete(id);
        }
      }
      if (getEngine().ready && !this.modelLoaded) this.seen.push(...seen);
      else this.drawCharts(seen);
    });
    for (const figure of figures) this.visibility.observe(figure);
  }

  restyle() {
    for (const doc of this.docs.values()) applyTheme(doc);
  }

  /** The page was replaced (instant navigation): drop its Bokeh documents and their views. */
  dispose() {
    clearTimeout(this.idleTimer);
    clearTimeout(this.thumbTimer);
    clearTimeout(this.fragmentTimer);
    this.visibility?.disconnect();
    this.unsubscribe?.();
    for (const doc of this.docs.values()) {
      doc.clear();
      const index = window.Bokeh.documents.indexOf(doc);
      if (index >= 0) window.Bokeh.documents.splice(index, 1);
    }
    this.docs.clear();
  }
}

// --- mounting (first load and every instant navigation) ------------------------

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
    mounted = new Page(root);
    pages.set(root, mounted);
  }
}

function currentPage() {
  const root = document.querySelector("[data-model]");
  return root && pages.get(root);
}

function restyleAll() {
  currentPage()?.restyle();
}

function start() {
  mount();
  // Material swaps the page in place on instant navigation (and on a same-page scenario
  // link); whichever of its events fires first, mount the root that is in the DOM now.
  window.document$?.subscribe?.(() => mount());
  new MutationObserver(() => {
    if ((document.querySelector("[data-model]") ?? null) !== (mounted?.root ?? null)) mount();
  }).observe(document.body, { childList: true, subtree: true });
  new MutationObserver(restyleAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  window.addEventListener("hashchange", () => currentPage()?.onHashChange());
}

// A model page says so in its <head>, so Pyodide starts before the body is even parsed.
if (document.querySelector('meta[name="explainer-model"]')) getEngine();
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
