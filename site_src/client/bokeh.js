// BokehJS itself: loaded once per site, and only once a chart is drawn; a document
// restyled for the light or dark palette; legend entries that stand for proxy renderers
// (site_src/charts.py) linked to the series they name; an answer written into a document
// (the fixed axis ranges first, then only the data sources that changed); a document
// dropped when its page goes.
import { LEGEND_PROXY } from "./protocol.js";

let loading = null;

export function loadBokeh(url) {
  loading ??= new Promise((resolve, reject) => {
    if (window.Bokeh) return resolve(window.Bokeh);
    const tag = document.createElement("script");
    tag.src = url;
    tag.onload = () => resolve(window.Bokeh);
    tag.onerror = () => reject(new Error("BokehJS 无法加载"));
    document.head.append(tag);
  });
  return loading;
}

const THEMES = {
  light: { text: "#333333", line: "#8a8a8a", grid: "#e6e6e6", legend: "#ffffff" },
  dark: { text: "#e0e0e0", line: "#9a9a9a", grid: "#3b3f4a", legend: "#1e2129" },
};

function isDark() {
  return document.body?.getAttribute("data-md-color-scheme") === "slate";
}

/** Restyle every axis, grid, label and legend of a Bokeh document for the palette. */
export function applyTheme(doc) {
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
export function linkLegend(doc) {
  for (const proxy of doc.all_models) {
    if (proxy.name !== LEGEND_PROXY) continue;
    const series = proxy.tags.map((id) => doc.get_model_by_id(id)).filter(Boolean);
    proxy.properties.visible.change.connect(() => {
      for (const renderer of series) renderer.visible = proxy.visible;
    });
  }
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

/** Put chart `id`'s answer into its document's data sources. `plotted` remembers the columns
 *  each source was given ("<id>/<source>" → columns), so an unchanged one is not touched. */
export function writeAnswer(doc, id, chart, plotted) {
  // The axes first: BokehJS then paints once (a range it fits itself moves during the
  // paint and asks for a second one).
  for (const [axis, [start, end]] of Object.entries(chart.ranges ?? {})) {
    const range = axisRange(doc.get_model_by_name(id), axis);
    if (range?.type === "Range1d" && (range.start !== start || range.end !== end)) range.setv({ start, end });
  }
  for (const [name, columns] of Object.entries(chart.columns)) {
    const source = doc.get_model_by_name(name);
    if (!source || sameColumns(plotted.get(`${id}/${name}`), columns)) continue;
    plotted.set(`${id}/${name}`, columns);
    const data = {};
    for (const [key, values] of Object.entries(columns)) {
      data[key] = values.map((v) => (v === null ? NaN : v));
    }
    source.data = data;
  }
}

/** Empty a document and forget it (its page was replaced). */
export function dropDocument(doc) {
  doc.clear();
  const index = window.Bokeh.documents.indexOf(doc);
  if (index >= 0) window.Bokeh.documents.splice(index, 1);
}
