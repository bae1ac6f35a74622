// The controls: sliders (linear or log scale), number boxes, the preset menu and buttons,
// reset and share. They write the reader's values into the scenario and show its values
// back, writing only what differs. An arrow key on a slider is stepped on a detached copy
// of it, and the thumb moves with the engine's answer (see onArrowKey).
import { fit } from "./fragment.js";

const LOG_STEPS = 1000;
const ARROW_STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
const THUMB_LIMIT_MS = 60;

export class Controls {
  /** `changed()`: the scenario's params changed, to be sent to the engine. */
  constructor(root, scenario, presets, status, changed) {
    this.root = root;
    this.scenario = scenario;
    this.presets = presets;
    this.status = status;
    this.changed = changed;
    this.thumbs = new Map(); // range input → value it moves to with the next answer
    this.controlsDue = new Set(); // params whose other controls wait for that answer too
    this.thumbTimer = null;
    this.bind();
  }

  bind() {
    const { root, scenario } = this;
    root.addEventListener("keydown", (event) => this.onArrowKey(event));
    root.addEventListener("input", (event) => {
      const input = event.target.closest?.("input[data-param]");
      if (!input || !scenario.byName.has(input.dataset.param)) return;
      const value = this.readInput(input);
      if (value === null) return;
      this.change({ [input.dataset.param]: value }, input);
    });
    root.addEventListener("change", (event) => {
      const select = event.target.closest?.("[data-preset-select]");
      if (select) this.choosePreset(select.value);
      const box = event.target.closest?.("input[type=number][data-param]");
      if (box) this.showParams(); // show the clamped value after editing finishes
    });
    root.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-action], [data-preset]");
      if (!button) return;
      if (button.dataset.action === "reset") this.choosePreset("");
      else if (button.dataset.action === "share") this.share();
      else if (button.dataset.preset !== undefined) this.choosePreset(button.dataset.preset);
    });
  }

  readInput(input) {
    const param = this.scenario.byName.get(input.dataset.param);
    if (input.type === "range" && input.dataset.scale === "log") {
      const t = Number(input.value) / LOG_STEPS;
      const raw = Math.exp(Math.log(param.min) + t * (Math.log(param.max) - Math.log(param.min)));
      const snapped = Math.round(raw / param.step) * param.step;
      return fit(Number(snapped.toPrecision(12)), param)[0];
    }
    if (input.value.trim() === "" || !Number.isFinite(Number(input.value))) return null;
    return fit(Number(input.value), param)[0];
  }

  /** Keep what a reader typed into a number box before this script ran (range inputs are
   *  skipped: the browser snaps an off-grid default to the step grid without any input).
   *  Returns whether there was any. */
  readTyped() {
    const typed = {};
    for (const input of this.root.querySelectorAll("input[type=number][data-param]")) {
      if (input.value === input.defaultValue || !this.scenario.byName.has(input.dataset.param)) continue;
      const value = this.readInput(input);
      if (value !== null) typed[input.dataset.param] = value;
    }
    if (!Object.keys(typed).length) return false;
    Object.assign(this.scenario.params, typed);
    this.showParams();
    this.scenario.write();
    return true;
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
        || !this.scenario.byName.has(input.dataset.param) || this.status.state !== "ready") return;
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
    this.scenario.params[input.dataset.param] = this.readInput(probe);
    this.scenario.writeSoon();
    this.changed();
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
    Object.assign(this.scenario.params, values);
    this.thumbs.delete(source);
    this.showParams({ names: Object.keys(values), except: [source] });
    this.markPreset();
    this.scenario.writeSoon();
    this.changed();
  }

  /** A preset by name, or the defaults for "" (the reset button). */
  choosePreset(name) {
    this.dropThumbs();
    this.scenario.reset(name ? this.presets[name] : {});
    this.status.say("link", "");
    this.showParams();
    this.markPreset(name);
    this.scenario.write();
    this.changed();
  }

  /** Show `name` in the preset menu, or by default whichever preset the params match. */
  markPreset(name) {
    const select = this.root.querySelector("[data-preset-select]");
    if (!select) return;
    if (name !== undefined) {
      select.value = name;
      return;
    }
    const { spec, params } = this.scenario;
    const match = Object.entries(this.presets).find(([, overrides]) => spec.every(
      (p) => params[p.name] === (overrides[p.name] ?? p.default)));
    const atDefaults = spec.every((p) => params[p.name] === p.default);
    select.value = atDefaults ? "" : match ? match[0] : "custom";
  }

  /** Put the current params into the controls of `names` (all by default), except the inputs
   *  in `except` (the one being dragged). Only what differs is written: an untouched control
   *  is not repainted. */
  showParams({ names = null, except = [] } = {}) {
    const { byName, params } = this.scenario;
    const shown = (name) => byName.has(name) && (!names || names.includes(name));
    for (const input of this.root.querySelectorAll("input[data-param]")) {
      if (except.includes(input) || !shown(input.dataset.param)) continue;
      const param = byName.get(input.dataset.param);
      const value = params[param.name];
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
      const param = byName.get(control.dataset.control);
      control.classList.toggle("ex-control--moved", params[param.name] !== param.default);
      const range = control.querySelector("input[type=range]");
      const spoken = `${params[param.name]} ${param.unit}`;
      if (range && range.getAttribute("aria-valuetext") !== spoken) range.setAttribute("aria-valuetext", spoken);
    }
  }

  share() {
    this.scenario.write();
    const url = location.href;
    const done = () => this.status.show("已复制分享链接:打开它会恢复当前情景。");
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(url).then(done, () => this.status.say("share", `分享链接:${url}`));
    } else {
      this.status.say("share", `分享链接:${url}`);
    }
  }

  dispose() {
    clearTimeout(this.thumbTimer);
  }
}
