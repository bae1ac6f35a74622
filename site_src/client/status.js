// The status line and the notice: the root's data-state (static → loading → ready, or
// error) with the words for it in [data-status], and in [data-notice] the notes of the
// moment (what a scenario link did, what the model adjusted, the share link, a chart that
// could not be drawn), each kept until replaced. Plain text only.
import { setText } from "./dom.js";

const STAGE_ZH = {
  runtime: "正在加载 Python 运行环境(首次约需数秒)…",
  models: "正在加载模型…",
};

export class Status {
  constructor(root) {
    this.root = root;
    this.line = root.querySelector("[data-status]");
    this.notice = root.querySelector("[data-notice]");
    this.notes = { link: "", warnings: "", share: "", charts: "" };
  }

  get state() {
    return this.root.dataset.state;
  }

  set(state, text) {
    this.root.dataset.state = state;
    setText(this.line, text);
  }

  /** The engine is starting: `stage` is the worker's ("runtime"), or "models". */
  loading(stage) {
    this.set("loading", STAGE_ZH[stage] ?? STAGE_ZH.runtime);
  }

  ready() {
    this.set("ready", "交互已就绪:拖动滑块,数字、结论和图表会随之重算。");
  }

  /** The engine could not start: the page stays as built. */
  unavailable(reason) {
    this.set("error", `交互功能不可用:${reason}。页面显示的是文中默认数字,全文与数据表完整可读。`);
  }

  /** One request failed: the page keeps the last good answer. */
  failed(message) {
    this.set("error", `计算出错:${message}。页面保留上一次正确的结果。`);
  }

  /** Words in the status line that leave the state as it is. */
  show(text) {
    setText(this.line, text);
  }

  /** Show one kind of note ("link": what the URL fragment did; "warnings": what the model
   *  adjusted…) without erasing the others. */
  say(kind, text) {
    this.notes[kind] = text;
    const shown = Object.values(this.notes).filter(Boolean).join(" ");
    setText(this.notice, shown);
    if (this.notice.hidden !== !shown) this.notice.hidden = !shown;
  }
}
