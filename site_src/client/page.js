// One explainer page, and the only place its parts meet: the scenario (the params and the
// URL), the controls, the status line, the charts, the answers and the page's exchange with
// the engine. The build has already written every number, sentence, table and chart into
// the page (data-state="static"); a Page keeps them live until instant navigation replaces
// it (dispose). If the engine cannot start, the page stays as built and the status says why.
import { showFlips, showOutputs, showTable, showVerdict, warningsNote } from "./answers.js";
import { Charts } from "./charts.js";
import { Controls } from "./controls.js";
import { readJson } from "./dom.js";
import { Exchange } from "./engine.js";
import { Msg } from "./protocol.js";
import { Scenario } from "./scenario.js";
import { Status } from "./status.js";

const IDLE_DELAY_MS = 120;

export class Page {
  constructor(root, engine, bokehUrl) {
    this.root = root;
    this.engine = engine;
    const init = readJson(root.querySelector("template[data-explainer-init]"));
    this.model = root.dataset.model;
    this.chartIds = init.charts;
    this.outputPaths = [...new Set([...root.querySelectorAll("[data-output]")].map((e) => e.dataset.output))];
    this.idleTimer = null;
    this.modelLoaded = false;
    const alive = () => this.alive();
    this.status = new Status(root);
    this.scenario = new Scenario(init.spec, alive);
    this.exchange = new Exchange(engine, {
      alive,
      send: () => this.evaluate(),
      answer: (data) => this.apply(data),
      failed: (error) => engine.failure || this.status.failed(error.message), // else the engine listener says why
      settled: () => {
        this.controls.moveThumbs();
        this.charts.release();
      },
      paused: () => this.scheduleIdleWork(),
    });
    this.controls = new Controls(root, this.scenario, init.presets, this.status, () => this.exchange.changed());
    this.readFragment();
    if (this.controls.readTyped()) this.exchange.dirty = true;
    this.charts = new Charts(root, bokehUrl, this.status, {
      alive,
      waiting: () => engine.ready && !this.modelLoaded,
      wanted: () => this.exchange.changed(),
    });
    this.ask(Msg.LOAD, {}).then(() => {
      this.modelLoaded = true;
      this.onEngine(engine);
      this.charts.drawSeen();
    }, (error) => engine.failure || this.unavailable(error.message));
    this.unsubscribe = engine.subscribe((e) => this.onEngine(e));
  }

  alive() {
    return this.root.isConnected;
  }

  ask(type, payload) {
    return this.engine.request(type, { model: this.model, ...payload });
  }

  readFragment() {
    const found = this.scenario.read();
    if (!found) return;
    this.status.say("link", found.note);
    this.controls.showParams();
    this.exchange.dirty = found.read;
  }

  /** A scenario link opened on the same page (a pasted URL, the back button). */
  onHashChange() {
    if (!this.scenario.linked()) return;
    this.controls.dropThumbs();
    this.readFragment();
    this.controls.markPreset();
    this.exchange.changed();
  }

  onEngine(e) {
    if (!this.alive()) return this.unsubscribe?.();
    if (e.failure) {
      this.unavailable(e.failure);
    } else if (!e.ready || !this.modelLoaded) {
      this.status.loading(e.ready ? "models" : e.stage);
    } else if (this.status.state !== "ready" && this.status.state !== "error") {
      if (this.exchange.dirty) this.exchange.pump();
      else this.status.ready();
      this.scheduleIdleWork();
      this.charts.drawRest();
    }
  }

  unavailable(reason) {
    if (!this.alive()) return;
    this.status.unavailable(reason);
    this.charts.drawRest();
  }

  /** The request the reader waits for: the outputs and the charts in view. Charts out of
   *  view are computed when the reader pauses (refreshIdle) or scrolls to them. */
  evaluate() {
    const params = { ...this.scenario.params };
    this.charts.hold();
    const charts = this.charts.inView(this.chartIds);
    return this.ask(Msg.EVALUATE, { params, charts, outputs: this.outputPaths });
  }

  apply(data) {
    showOutputs(this.root, data.display);
    for (const verdict of data.verdicts) showVerdict(this.root, verdict);
    for (const [id, chart] of Object.entries(data.charts)) this.charts.show(id, chart);
    this.status.say("warnings", warningsNote(data.warnings, this.scenario.byName));
    this.controls.moveThumbs();
    this.status.ready();
  }

  /** When the reader pauses: compute and redraw the charts out of view, refresh the data
   *  tables, then where each slider flips a verdict. */
  scheduleIdleWork() {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.refreshIdle(), IDLE_DELAY_MS);
  }

  /** One small request at a time, so the reader's next move never waits behind it. */
  async refreshIdle() {
    const stale = this.exchange.staleness();
    const params = { ...this.scenario.params };
    try {
      if (this.chartIds.length && !stale()) {
        const charts = await this.ask(Msg.TABLES, { params, charts: this.chartIds });
        if (stale()) return;
        for (const [id, chart] of Object.entries(charts)) {
          this.charts.tabled(id, chart);
          showTable(this.root, id, chart.table);
        }
      }
      this.charts.plotOffScreen();
      for (const param of this.scenario.spec) {
        if (stale()) return;
        const found = await this.ask(Msg.FLIPS, { params, names: [param.name] });
        if (stale()) return;
        showFlips(this.root, param.name, found[param.name]);
      }
    } catch {
      // Extras: a failure here never blocks the reader (a chart is computed when it comes into view).
    }
  }

  restyle() {
    this.charts.restyle();
  }

  /** The page was replaced (instant navigation): stop its timers and drop its charts. */
  dispose() {
    clearTimeout(this.idleTimer);
    this.controls.dispose();
    this.scenario.dispose();
    this.unsubscribe?.();
    this.charts.dispose();
  }
}
