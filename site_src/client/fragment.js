// Scenario state in the URL fragment: "#name=value&name=value" (DESIGN §5).
// Only parameters that differ from the defaults are written. Reading is defensive:
// nothing from the URL is executed or inserted as HTML, unknown names and
// non-numbers are ignored, out-of-range numbers are clamped, and every such
// decision is returned as a note the page shows to the reader.

/** At most this many pairs are read; the rest are ignored (and said so). */
export const MAX_PAIRS = 64;
/** Longest name or value echoed back to the reader in a note. */
const MAX_ECHO = 24;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Is this fragment a scenario (rather than a heading anchor such as "#小标题")? */
export function isScenario(hash) {
  return typeof hash === "string" && hash.includes("=");
}

function decode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function echo(text) {
  // Count characters, not UTF-16 units, so a cut never splits a surrogate pair.
  const chars = Array.from(String(text).replace(/[\u0000-\u001f\u007f]/g, ""));
  return chars.length > MAX_ECHO ? chars.slice(0, MAX_ECHO).join("") + "…" : chars.join("");
}

/** Clamp to bounds and round integers; return [value, changed]. */
export function fit(value, param) {
  let fitted = Math.min(Math.max(value, param.min), param.max);
  if (param.integer) fitted = Math.round(fitted);
  return [fitted, fitted !== value];
}

/**
 * Read a scenario fragment.
 * @param {string} hash location.hash, with or without the leading "#".
 * @param {Array<object>} spec the model's SPEC (name, min, max, integer…).
 * @returns {{params: Object<string, number>, notes: Array<{kind: string, name: string, value?: number}>}}
 */
export function parseFragment(hash, spec) {
  const byName = new Map(spec.map((p) => [p.name, p]));
  const params = Object.create(null);
  const notes = [];
  const text = String(hash || "").replace(/^#/, "");
  if (!text) return { params: {}, notes };
  const pairs = text.split("&").filter((pair) => pair.length > 0);
  if (pairs.length > MAX_PAIRS) {
    notes.push({ kind: "too_many", name: String(pairs.length - MAX_PAIRS) });
  }
  for (const pair of pairs.slice(0, MAX_PAIRS)) {
    const cut = pair.indexOf("=");
    const name = decode(cut === -1 ? pair : pair.slice(0, cut));
    const raw = cut === -1 ? "" : decode(pair.slice(cut + 1)).trim();
    const param = byName.get(name);
    if (!param) {
      notes.push({ kind: "unknown", name: echo(name) });
      continue;
    }
    if (!NUMBER.test(raw) || !Number.isFinite(Number(raw))) {
      notes.push({ kind: "not_a_number", name });
      continue;
    }
    if (name in params) notes.push({ kind: "duplicate", name });
    const [value, changed] = fit(Number(raw), param);
    if (changed) notes.push({ kind: "clamped", name, value });
    params[name] = value;
  }
  return { params: { ...params }, notes };
}

/** Write the parameters that differ from their defaults as a fragment (no "#"). */
export function formatFragment(params, spec) {
  return spec
    .filter((p) => params[p.name] !== undefined && params[p.name] !== p.default)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(params[p.name]))}`)
    .join("&");
}

/** Chinese sentence describing what the page did with the fragment (plain text). */
export function describeNotes(notes, spec) {
  const label = (name) => spec.find((p) => p.name === name)?.label_zh ?? name;
  const parts = notes.map((note) => {
    switch (note.kind) {
      case "unknown": return `忽略了未知参数「${note.name}」`;
      case "not_a_number": return `「${label(note.name)}」的值不是数字,已忽略`;
      case "clamped": return `「${label(note.name)}」超出可调范围,已调整为 ${note.value}`;
      case "duplicate": return `「${label(note.name)}」出现多次,采用最后一个值`;
      case "too_many": return `参数过多,其余 ${note.name} 项已忽略`;
      default: throw new Error(`unknown note kind ${note.kind}`);
    }
  });
  return parts.length ? `链接中的情景参数:${parts.join(";")}。` : "";
}
