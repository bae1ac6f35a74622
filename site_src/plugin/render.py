"""HTML for the widgets, pre-filled with the model's default state.

Everything a reader sees is written here at build time, so a page is complete
with JavaScript off; the client only replaces text, attributes and chart data
inside the elements marked with the DESIGN §5 data attributes.
"""

import html
import json

from widgets import chartdata
from widgets.runtime import percent, value_text

from . import charts

STATUS_ZH = {"verified": "已核实", "partial": "部分核实", "unverified": "未核实"}
HOLDS_ATTR = {True: "true", False: "false", None: "null"}
SOURCE_ZH = {"essay": "文中数字", "public": "公开数据", "assumption": "模型假设"}


def esc(text):
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def script_json(data):
    """JSON safe to place as the text of a <template> (no <, > or & survive unescaped).

    Data travels in <template>, not <script type="application/json">: Material's instant
    navigation re-creates every <script> in the new page as an executable one (dropping its
    type), which a strict CSP rightly blocks."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def is_essay_param(param):
    """True when the parameter's number is stated in the essay (MODELS.md §0.2)."""
    return source_kind(param) == "essay"


def source_kind(param):
    """The strongest source a parameter cites: essay, then public record, else assumption.

    Sources read like "essay", "essay+public" or "public (IEA/NEA 2015)".
    """
    source = param["source"]
    return next((kind for kind in SOURCE_ZH if kind in source), "assumption")


# --- inline -----------------------------------------------------------------

def output(page, path):
    """A live number, labelled (the model's OUTPUT_LABELS, else "模型"), so a bare figure
    set beside the essay's own sentence reads as the model's recomputation of it."""
    label = getattr(page.model, "OUTPUT_LABELS", {}).get(path, "模型")
    return (f'<span class="ex-chip" title="按当前假设由模型计算"><span class="ex-chip__label">{esc(label)}</span>'
            f'<span class="ex-out" data-output="{esc(path)}">{esc(page.state["display"][path])}</span></span>')


def verdict(page, vid):
    """A verdict sentence with its holds state, in a polite live region."""
    found = next(v for v in page.state["verdicts"] if v["id"] == vid)
    holds = HOLDS_ATTR[found["holds"]]
    return (f'<span class="ex-verdict" data-verdict="{esc(vid)}" data-holds="{holds}" '
            f'data-essay-holds="{HOLDS_ATTR[found["essay_holds"]]}" aria-live="polite">'
            f'<span class="ex-verdict__badge" data-verdict-badge>{found["holds_zh"]}</span>'
            f'<span class="ex-verdict__text" data-verdict-text>{esc(found["text_zh"])}</span></span>')


# --- controls ---------------------------------------------------------------

def control(page, name):
    """A labelled range slider plus number box for one parameter."""
    param = page.params[name]
    uid = page.next_id(name)
    value = param["default"]
    kind = source_kind(param)
    badge = "" if kind == "essay" else (
        f'<span class="ex-badge ex-badge--{kind}" title="{esc(param["source"])}">{SOURCE_ZH[kind]}</span>')
    scale = "log" if param["log"] else "linear"
    lo, hi, step, position = range_attributes(param, value)
    unit = f'<span class="ex-unit">({esc(param["unit"])})</span>' if param["unit"] else ""
    return (
        f'<div class="ex-control" data-control="{esc(name)}">'
        f'<label class="ex-control__label" for="{uid}">{esc(param["label_zh"])}{unit}{badge}</label>'
        f'<div class="ex-control__row"><div class="ex-track" style="--essay:{percent(param, value)}">'
        f'<input type="range" id="{uid}" data-param="{esc(name)}" data-scale="{scale}" '
        f'min="{lo}" max="{hi}" step="{step}" value="{position}" '
        f'aria-valuetext="{esc(value_text(param, value))}" aria-describedby="{uid}-note">'
        f'<span class="ex-track__essay" aria-hidden="true" title="文中数值"></span>'
        f'<span class="ex-track__flips" data-flips aria-hidden="true">{flip_ticks(page, name)}</span></div>'
        f'<input type="number" class="ex-number" data-param="{esc(name)}" min="{param["min"]}" '
        f'max="{param["max"]}" step="{param["step"]}" value="{value}" '
        f'aria-label="{esc(param["label_zh"])}(数值,{esc(param["unit"])})"></div>'
        f'<p class="ex-control__note" id="{uid}-note" data-control-note>'
        f'{"文中数值" if kind == "essay" else "默认值"} {esc(value_text(param, param["default"]))}'
        f'<span class="ex-control__flips" data-flip-text>{esc(flip_text(page, name))}</span></p></div>')


#: Positions of a log slider (the range input moves on 0…LOG_STEPS).
LOG_STEPS = 1000


def range_attributes(param, value):
    """(min, max, step, value) attributes of the range input; log sliders move on positions."""
    if not param["log"]:
        return param["min"], param["max"], param["step"], value
    return 0, LOG_STEPS, 1, round(percent(param, value) * LOG_STEPS / 100)


def flip_ticks(page, name):
    """Tick marks on a slider where a verdict changes."""
    return "".join(f'<span class="ex-flip" style="--at:{at}"></span>'
                   for at in page.flips.get(name, {}).get("ticks", []))


def flip_text(page, name):
    """A short sentence naming where verdicts flip along this slider."""
    return page.flips.get(name, {}).get("text", "")


def control_list(page, names):
    """The controls a chart moves with, open next to it (each assumption keeps its badge)."""
    return '<div class="ex-panel ex-panel--chart">' + "".join(control(page, n) for n in names) + "</div>"


def note(page, nid):
    """A page note the model's data module holds (spec-required explanations)."""
    return (f'<aside class="admonition note ex-note" data-note="{esc(nid)}">'
            f'<p class="admonition-title">说明</p><p>{esc(page.model.NOTES[nid])}</p></aside>')


def control_panel(page, names):
    """Controls grouped as the essay's numbers first, then assumptions collapsed."""
    essay = [n for n in names if is_essay_param(page.params[n])]
    assumed = [n for n in names if not is_essay_param(page.params[n])]
    parts = ['<div class="ex-panel">']
    if essay:
        parts.append('<fieldset class="ex-group"><legend>文中数字</legend>'
                     + "".join(control(page, n) for n in essay) + "</fieldset>")
    if assumed:
        parts.append('<p class="ex-toy">玩具模型,仅作说明,非预测。</p>'
                     '<details class="ex-group ex-group--assumptions"><summary>模型假设 '
                     f'<span class="ex-badge ex-badge--assumption">模型假设</span>({len(assumed)} 项)</summary>'
                     + "".join(control(page, n) for n in assumed) + "</details>")
    parts.append("</div>")
    return "".join(parts)


# --- blocks -----------------------------------------------------------------

def toolbar(page):
    """Preset selector, reset and share buttons."""
    default_label = getattr(page.model, "DEFAULTS_LABEL", "文中默认值")
    options = [f'<option value="">{esc(default_label)}</option>'] + [
        f'<option value="{esc(name)}">{esc(page.model.PRESET_LABELS.get(name, name))}</option>'
        for name in page.model.PRESETS]
    uid = page.next_id("preset")
    return (f'<div class="ex-toolbar"><label for="{uid}">情景</label>'
            f'<select id="{uid}" data-preset-select>{"".join(options)}'
            f'<option value="custom" disabled hidden>自定义</option></select>'
            '<button type="button" class="md-button" data-action="reset">恢复文中数值</button>'
            '<button type="button" class="md-button" data-action="share">复制分享链接</button></div>')


def verdict_list(page):
    """All verdicts: the essay's claims first, then the model's own checks."""
    claims = [v for v in page.state["verdicts"] if v["kind"] == "essay_claim"]
    checks = [v for v in page.state["verdicts"] if v["kind"] != "essay_claim"]
    parts = ['<div class="ex-verdicts">']
    for title, group in (("文中结论", claims), ("模型核查", checks)):
        if group:
            parts.append(f'<p class="ex-verdicts__title">{title}</p><ul>'
                         + "".join(f"<li>{verdict(page, v['id'])}</li>" for v in group) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def chart(page, cid, control_names):
    """A chart: title, Bokeh item, caption, data table, and the controls it moves with."""
    data = page.state["charts"][cid]
    uid = page.next_id(cid)
    item = charts.json_item(data, uid)
    return (f'<figure class="ex-chart" data-chart="{esc(cid)}">'
            f'<figcaption class="ex-chart__title">{esc(data["title_zh"])}</figcaption>'
            f'<div class="ex-chart__plot" id="{uid}" role="img" aria-label="{esc(data["title_zh"])}"></div>'
            f'<template data-bokeh-item data-search-exclude>{script_json(item)}</template>'
            f'<p class="ex-chart__caption" data-chart-caption>{esc(data["caption_zh"])}</p>'
            f'{data_table(data)}'
            f'{control_list(page, control_names) if control_names else ""}</figure>')


def data_table(data):
    """The chart's numbers as a collapsible table."""
    table = chartdata.table(data)
    head = "".join(f'<th scope="col">{esc(cell)}</th>' for cell in table["head"])
    rows = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
                   for row in table["rows"])
    return (f'<details class="ex-table"><summary>数据表</summary><div class="ex-table__scroll">'
            f'<table data-chart-table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'</div></details>')


def record(page, rid):
    """'Public record' boxes for a claim id (a claim may have several public figures)."""
    return "".join(_record_box(entry) for entry in page.records[rid])


def _record_box(entry):
    """One public figure: claim, status badge, figure (none when unverified), sources."""
    rid = entry["id"]
    status = entry["status"]
    figure = ('<p class="ex-record__figure">未核实:没有找到公开来源,因此不显示数字。</p>'
              if status == "unverified" or entry.get("figure_zh") is None
              else f'<p class="ex-record__figure">{esc(entry["figure_zh"])}</p>')
    note = f'<p class="ex-record__note">{esc(entry["note_zh"])}</p>' if entry.get("note_zh") else ""
    sources = "".join(
        f'<li><a href="{esc(s["url"])}" rel="noopener">{esc(s["name"])}</a></li>' if s.get("url")
        else f'<li>{esc(s["name"])}</li>' for s in entry.get("sources", []))
    return (f'<aside class="ex-record ex-record--{esc(status)}" data-record="{esc(rid)}">'
            f'<p class="ex-record__title">公开记录 · {esc(entry["claim_zh"])} '
            f'<span class="ex-status ex-status--{esc(status)}">{STATUS_ZH[status]}</span></p>'
            f'{figure}{note}'
            f'{"<ul class=ex-record__sources>" + sources + "</ul>" if sources else ""}</aside>')


def root_open(page, init):
    """Opening of the page's single `[data-model]` root, status line and initial state."""
    return (f'<div class="ex-root" data-model="{esc(page.slug)}" data-state="static">'
            f'<p class="ex-status-line" data-status role="status">'
            f'静态版本:显示的是文中默认数字。</p>'
            f'<p class="ex-notice" data-notice hidden></p>'
            f'<template data-explainer-init data-search-exclude>{script_json(init)}</template>')


ROOT_CLOSE = "</div>"
