// The scenario: the reader's current parameters and their copy in the URL fragment
// (fragment.js parses and formats the text). The URL is rewritten right after the change
// that made it, further ones at most every FRAGMENT_INTERVAL_MS while keys repeat (browsers
// throttle, then ignore, a page that rewrites its URL on every repeat), the last one always.
import { describeNotes, formatFragment, isScenario, parseFragment } from "./fragment.js";

const FRAGMENT_INTERVAL_MS = 250;

export class Scenario {
  /** `alive()`: whether the page is still shown (a replaced page never writes the URL). */
  constructor(spec, alive) {
    this.spec = spec;
    this.alive = alive;
    this.byName = new Map(spec.map((p) => [p.name, p]));
    this.defaults = Object.fromEntries(spec.map((p) => [p.name, p.default]));
    this.params = { ...this.defaults };
    this.lastHash = undefined; // the fragment this page read or wrote last
    this.due = false; // a change not in the URL yet
    this.timer = null;
  }

  /** Back to the defaults, with `overrides` (a preset's values) on top. */
  reset(overrides = {}) {
    this.params = { ...this.defaults, ...overrides };
  }

  /** Take the params of the URL's scenario, if it holds one. Returns null for a fragment that
   *  is no scenario (a heading anchor), else `{ read }` (whether any param was taken) and
   *  `note`, the sentence on what was ignored or adjusted ("" when nothing was). */
  read() {
    if (!isScenario(location.hash)) return null;
    this.lastHash = location.hash;
    const { params, notes } = parseFragment(location.hash, this.spec);
    Object.assign(this.params, params);
    return { read: Object.keys(params).length > 0, note: describeNotes(notes, this.spec) };
  }

  /** A scenario link opened on this page (a pasted URL, the back button): whether it is one
   *  this page has not read or written. If so, the link's scenario replaces whatever was
   *  about to be written, and the params are back at the defaults for `read()`. */
  linked() {
    if (!isScenario(location.hash) || location.hash === this.lastHash) return false;
    this.due = false;
    this.reset();
    return true;
  }

  /** Keep the URL in step without rewriting it on every key repeat (see the header). */
  writeSoon() {
    this.due = true;
    if (this.timer) return;
    const flush = () => {
      this.timer = null;
      if (!this.due) return;
      this.write();
      this.timer = setTimeout(flush, FRAGMENT_INTERVAL_MS);
    };
    this.timer = setTimeout(flush, 0);
  }

  write() {
    this.due = false;
    if (!this.alive()) return; // the reader has moved on to another page
    const fragment = formatFragment(this.params, this.spec);
    this.lastHash = fragment ? `#${fragment}` : "";
    const url = location.pathname + location.search + this.lastHash;
    history.replaceState(history.state, "", url);
  }

  dispose() {
    clearTimeout(this.timer);
  }
}
