// The engine's answers written into the page's text: the live numbers (data-output), the
// verdicts, the charts' data tables, the marks where each slider flips a verdict, and the
// note on what the model adjusted. Text goes in through textContent only.
import { setText } from "./dom.js";

/** `display`: {output path: text}, for every [data-output] it names. */
export function showOutputs(root, display) {
  for (const element of root.querySelectorAll("[data-output]")) {
    const text = display[element.dataset.output];
    if (text !== undefined) setText(element, text);
  }
}

export function showVerdict(root, verdict) {
  const holds = verdict.holds === null ? "null" : String(verdict.holds);
  for (const element of root.querySelectorAll(`[data-verdict="${CSS.escape(verdict.id)}"]`)) {
    const changed = String(verdict.holds !== verdict.essay_holds);
    if (element.dataset.holds !== holds) element.dataset.holds = holds;
    if (element.dataset.changed !== changed) element.dataset.changed = changed;
    setText(element.querySelector("[data-verdict-badge]"), verdict.holds_zh);
    setText(element.querySelector("[data-verdict-text]"), verdict.text_zh);
  }
}

export function showTable(root, id, table) {
  for (const body of root.querySelectorAll(`[data-chart="${CSS.escape(id)}"] [data-chart-table] tbody`)) {
    body.replaceChildren(...table.rows.map((row) => {
      const tr = document.createElement("tr");
      tr.append(...row.map((cell) => Object.assign(document.createElement("td"), { textContent: cell })));
      return tr;
    }));
  }
}

export function showFlips(root, name, flips) {
  for (const control of root.querySelectorAll(`[data-control="${CSS.escape(name)}"]`)) {
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

/** The sentence on the model's warnings ("" when none is for the reader). */
export function warningsNote(warnings, byName) {
  const swapped = warnings.filter((w) => w.startsWith("swapped:"))
    .map((w) => w.slice(8).split("/").map((n) => byName.get(n)?.label_zh ?? n).join("与"));
  return swapped.length ? `下限高于上限,计算时已交换:${swapped.join(";")}。` : "";
}
