"""Markdown → HTML golden files for every directive, and the DESIGN §5 contracts in that HTML.

Each snippet below is one page of a tiny MkDocs project that uses the real
plugin, the site's Markdown extensions, the theme overrides and a small fixture
model (`tests/fixtures/models/toy.py`, so editing an essay's numbers never
changes these files); the whole project is built once with
`mkdocs build --strict`. The page's <article> is compared with
`golden/<name>.html` after normalising what changes for no reason an author
would care about (Bokeh's object ids and serialisation) and the page's root, the same on
every page (its contracts are checked below).

A changed output is written to `golden/<name>.actual.html` for review and the
test fails with a short diff. After checking the change is intended, accept it
with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site_src/plugin/test_golden.py`.
"""

import difflib
import json
import os
import re
from pathlib import Path

import pytest

from widgets import runtime

from ..conftest import build_output, load_fixture_model, mkdocs_build, page, parse_html, write_project

GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
MAX_DIFF_LINES = 40
#: The fixture model every page uses.
MODEL = "toy"
model = load_fixture_model(MODEL)

#: name → page body (all pages use `model: toy`).
SNIPPETS = {
    "inline_out": """
        # 数字

        每人每年约 `#!out per_person`,转嫁 `#!out passed_on_b`。
        """,
    "inline_verdict": """
        # 结论

        文中说约一千美元。`#!verdict toy.per_person_1000` 转嫁呢?`#!verdict toy.share_small`
        """,
    "chart_with_controls": """
        # 每人

        /// explainer | chart_toy_per_person
            controls: [cost_b, cost_high_b]
        ///
        """,
    "chart_range_bar": """
        # 区间

        /// explainer | chart_toy_range
        ///
        """,
    "controls": """
        # 控件

        /// explainer | controls
            controls: [people_m, share]
        ///
        """,
    "presets": """
        # 情景

        /// explainer | presets
        ///
        """,
    "verdicts": """
        # 全部结论

        /// explainer | verdicts
        ///
        """,
    "record": """
        # 公开记录

        /// record | C1
        ///
        """,
    "aside": """
        # 说明

        /// aside | gross
        ///
        """,
}

#: One page with every kind of directive, for the whole-page contracts.
KITCHEN_SINK = """
    # 全部

    /// explainer | presets
    ///

    每人 `#!out per_person`。`#!verdict toy.per_person_1000`

    /// explainer | chart_toy_range
        controls: [cost_b, cost_high_b]
    ///

    /// explainer | chart_toy_per_person
        controls: [people_m, share]
    ///

    /// record | C2
    ///

    /// aside | gross
    ///

    /// explainer | controls
    ///

    /// explainer | verdicts
    ///
    """

PLAIN_PAGE = "# 关于\n\n没有模型的普通页面,代码 `#!py print(1)` 原样保留。\n"


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory):
    """Build all snippet pages once; return {page name: full HTML}."""
    pages = {f"{name}.md": page(body, model=MODEL) for name, body in SNIPPETS.items()}
    pages["kitchen_sink.md"] = page(KITCHEN_SINK, model=MODEL)
    pages["plain.md"] = PLAIN_PAGE
    config_path = write_project(tmp_path_factory.mktemp("golden") / "project", pages, models=[MODEL])
    completed, site_dir = mkdocs_build(config_path)
    if completed.returncode != 0:
        pytest.fail("golden project failed to build:\n" + build_output(completed)[-4000:],
                    pytrace=False)
    return {Path(name).stem: (site_dir / Path(name).stem / "index.html").read_text(encoding="utf-8")
            for name in pages}


# --- normalisation ------------------------------------------------------------

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
BOKEH_ITEM = re.compile(r'(<template data-bokeh-item data-search-exclude>)(.*?)(</template>)', re.S)
#: The page's root with its status line and init JSON (the same on every page; checked below).
ROOT_OPEN = re.compile(r'<div class="ex-root"[^>]*>.*?<template data-explainer-init[^>]*>.*?</template>', re.S)
#: A line break goes before these opening tags so a golden diff points at one element.
BLOCK_TAGS = re.compile(r"(?<!^)(<(?:div|figure|figcaption|p|fieldset|legend|details|summary|"
                        r"label|input|script|template|table|thead|tbody|tr|ul|li|aside|select|option|"
                        r"button|h[1-6])[\s>])")


def article_of(html):
    """The page content Material puts in <article> (no theme chrome, no nav)."""
    match = ARTICLE.search(html)
    assert match, "the page has no <article class=md-content__inner>"
    return match.group(1)


def bokeh_summary(item_json):
    """What a chart draws, without Bokeh's ids: figure name, target, sources and glyphs."""
    item = json.loads(item_json)
    sources, glyphs, labels = [], [], []

    def walk(value):
        if isinstance(value, dict):
            attributes = value.get("attributes", {})
            if value.get("name") == "ColumnDataSource" and "name" in attributes:
                entries = attributes.get("data", {}).get("entries", [])
                columns = ",".join(f"{key}:{_length(values)}" for key, values in entries)
                sources.append(f"{attributes['name']}({columns})")
            if value.get("name") == "GlyphRenderer":
                glyph = attributes.get("glyph", {})
                glyphs.append(glyph.get("name", "?"))
            if isinstance(attributes, dict) and attributes.get("axis_label"):
                labels.append(attributes["axis_label"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(item["doc"])
    figure = next(root for root in item["doc"]["roots"])
    summary = {"target_id": item["target_id"], "figure": figure["attributes"].get("name"),
               "sources": sorted(sources), "glyphs": glyphs, "axis_labels": labels}
    return json.dumps(summary, ensure_ascii=False, indent=1)


def _length(values):
    """Number of values in a Bokeh column (a list or an encoded ndarray)."""
    if isinstance(values, list):
        return len(values)
    if isinstance(values, dict) and "shape" in values:
        return values["shape"][0]
    return "?"


def normalise(html):
    """Stable, line-oriented HTML of a page's article for golden comparison."""
    text = article_of(html)
    text = BOKEH_ITEM.sub(lambda m: m.group(1) + bokeh_summary(m.group(2)) + m.group(3), text)
    text = ROOT_OPEN.sub("", text, count=1)
    lines = []
    for line in text.splitlines():
        lines.extend(BLOCK_TAGS.sub(r"\n\1", line.strip()).splitlines())
    return "\n".join(line.rstrip() for line in lines if line.strip()) + "\n"


def compare_with_golden(name, actual):
    """Compare with golden/<name>.html; write <name>.actual.html and fail when they differ."""
    golden = GOLDEN_DIR / f"{name}.html"
    actual_path = GOLDEN_DIR / f"{name}.actual.html"
    GOLDEN_DIR.mkdir(exist_ok=True)
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        actual_path.unlink(missing_ok=True)
        return
    if not golden.exists():
        actual_path.write_text(actual, encoding="utf-8")
        pytest.fail(f"no golden file {golden.name}; review {actual_path.name} and run with "
                    "UPDATE_GOLDEN=1 to accept it", pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if actual == expected:
        actual_path.unlink(missing_ok=True)
        return
    actual_path.write_text(actual, encoding="utf-8")
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     f"golden/{name}.html", f"golden/{name}.actual.html",
                                     lineterm="", n=1))
    shown = "\n".join(diff[:MAX_DIFF_LINES])
    more = f"\n… {len(diff) - MAX_DIFF_LINES} more diff lines" if len(diff) > MAX_DIFF_LINES else ""
    pytest.fail(f"{name}: rendered HTML differs from the golden file (review "
                f"{actual_path.name}; UPDATE_GOLDEN=1 accepts it):\n{shown}{more}", pytrace=False)


# --- golden tests -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_matches_golden(built_pages, name):
    compare_with_golden(name, normalise(built_pages[name]))


def test_normalisation_hides_bokeh_ids_but_keeps_what_is_drawn(built_pages):
    """Two builds number Bokeh objects differently; the summary must not, yet must show the data."""
    text = normalise(built_pages["chart_with_controls"])
    assert not re.search(r'"p\d{3,}"', text), "a Bokeh object id leaked into the golden text"
    assert '"figure": "chart_toy_per_person"' in text
    assert '"s0(x:' in text and '"Line"' in text


# --- DESIGN §5 contracts in the rendered HTML ---------------------------------

DEFAULTS = runtime.evaluate(model, {}, runtime.chart_ids(model))
SPEC = {p["name"]: p for p in model.SPEC}


def model_roots(html):
    """The [data-model] elements of a page."""
    return parse_html(html).find_all(data_model=True)


@pytest.mark.parametrize("name", sorted(SNIPPETS) + ["kitchen_sink"])
def test_model_page_has_exactly_one_static_root(built_pages, name):
    roots = model_roots(built_pages[name])
    assert len(roots) == 1, f"{name}: {len(roots)} [data-model] roots"
    assert roots[0].attrs["data-model"] == MODEL
    assert roots[0].attrs["data-state"] == "static"
    assert roots[0].find(data_status=True, role="status") is not None, "no status line"


def test_page_without_model_has_no_root_and_keeps_code(built_pages):
    html = built_pages["plain"]
    assert model_roots(html) == []
    assert "data-output" not in html and "data-verdict" not in html
    assert "print" in article_of(html), "inline code of a page without a model was lost"


def test_every_widget_sits_inside_the_root(built_pages):
    tree = parse_html(built_pages["kitchen_sink"])
    root = tree.find(data_model=True)
    inside = set(map(id, root.iter()))
    for attr in ("data_param", "data_output", "data_verdict", "data_chart", "data_record",
                 "data_preset_select"):
        nodes = tree.find_all(**{attr: True})
        assert nodes, f"kitchen sink page has no {attr}"
        assert all(id(node) in inside for node in nodes), f"a {attr} element lies outside the root"


def test_controls_are_labelled_with_units_and_pair_range_with_number(built_pages):
    tree = parse_html(built_pages["kitchen_sink"])
    labels = {node.attrs.get("for"): node for node in tree.find_all("label")}
    controls = tree.find_all(data_control=True)
    assert {c.attrs["data-control"] for c in controls} == set(SPEC), \
        "the controls panel must show every parameter"
    for control in controls:
        name = control.attrs["data-control"]
        inputs = control.find_all("input", data_param=True)
        assert sorted(i.attrs["type"] for i in inputs) == ["number", "range"], name
        assert {i.attrs["data-param"] for i in inputs} == {name}, "range and number share the name"
        slider = next(i for i in inputs if i.attrs["type"] == "range")
        number = next(i for i in inputs if i.attrs["type"] == "number")
        label = labels.get(slider.attrs.get("id"))
        assert label is not None, f"{name}: range input has no <label for>"
        unit = SPEC[name]["unit"]
        assert SPEC[name]["label_zh"] in label.text() and unit in label.text(), \
            f"{name}: label {label.text()!r} lacks its text or unit {unit!r}"
        assert unit in number.attrs.get("aria-label", ""), f"{name}: number box label lacks the unit"
        assert float(number.attrs["value"]) == SPEC[name]["default"]
        assert float(number.attrs["min"]) == SPEC[name]["min"]
        assert float(number.attrs["max"]) == SPEC[name]["max"]


def test_assumption_controls_are_collapsed_and_badged(built_pages):
    tree = parse_html(built_pages["controls"])
    group = tree.find("details", class_="ex-group--assumptions")
    assert group is not None and "open" not in group.attrs, "assumptions must start collapsed"
    assumed = [c.attrs["data-control"] for c in group.find_all(data_control=True)]
    assert assumed == ["share"]
    assert "模型假设" in group.find("summary").text()
    essay_group = tree.find("fieldset", class_="ex-group")
    assert [c.attrs["data-control"] for c in essay_group.find_all(data_control=True)] == ["people_m"]
    assert "玩具模型,仅作说明,非预测" in tree.text()


def test_outputs_show_the_default_display_strings(built_pages):
    tree = parse_html(built_pages["inline_out"])
    shown = {n.attrs["data-output"]: n.text() for n in tree.find_all(data_output=True)}
    assert shown == {"per_person": DEFAULTS["display"]["per_person"],
                     "passed_on_b": DEFAULTS["display"]["passed_on_b"]}
    assert shown["per_person"] == "1,000美元"
    paragraph = next(p for p in tree.find_all("p") if p.find(data_output=True))
    assert "每人每年约" in paragraph.text(), "the number must stay inline in its paragraph"


def test_verdicts_carry_holds_and_sit_in_polite_live_regions(built_pages):
    expected = {v["id"]: v for v in DEFAULTS["verdicts"]}
    for name in ("inline_verdict", "verdicts", "kitchen_sink"):
        tree = parse_html(built_pages[name])
        nodes = tree.find_all(data_verdict=True)
        assert nodes, name
        for node in nodes:
            verdict = expected[node.attrs["data-verdict"]]
            holds = {True: "true", False: "false", None: "null"}[verdict["holds"]]
            assert node.attrs["data-holds"] == holds
            assert verdict["text_zh"] in node.text()
            live = [node, *node.ancestors()]
            assert any(n.attrs.get("aria-live") == "polite" for n in live), \
                f"{name}: verdict {verdict['id']} is not in an aria-live=polite region"


def test_verdict_list_puts_essay_claims_before_model_checks(built_pages):
    tree = parse_html(built_pages["verdicts"])
    ids = [n.attrs["data-verdict"] for n in tree.find_all(data_verdict=True)]
    assert ids == [v["id"] for v in DEFAULTS["verdicts"] if v["kind"] == "essay_claim"] + \
        [v["id"] for v in DEFAULTS["verdicts"] if v["kind"] != "essay_claim"]
    text = tree.text()
    assert text.index("文中结论") < text.index("模型核查")


def test_presets_toolbar_has_select_reset_and_share(built_pages):
    tree = parse_html(built_pages["presets"])
    select = tree.find("select", data_preset_select=True)
    assert select is not None
    values = [o.attrs.get("value") for o in select.find_all("option") if "disabled" not in o.attrs]
    assert values == [""] + list(model.PRESETS), "essay defaults first, then every preset"
    assert select.find("option").text() == getattr(model, "DEFAULTS_LABEL", "文中默认值")
    assert tree.find("button", data_action="reset") is not None
    assert tree.find("button", data_action="share") is not None
    label = tree.find("label", **{"for": select.attrs["id"]})
    assert label is not None and label.text().strip(), "the preset selector needs a label"


@pytest.mark.parametrize("name", ["chart_with_controls", "chart_range_bar", "kitchen_sink"])
def test_charts_have_caption_table_and_embeddable_item(built_pages, name):
    tree = parse_html(built_pages[name])
    figures = tree.find_all("figure", data_chart=True)
    assert figures
    for figure in figures:
        cid = figure.attrs["data-chart"]
        chart = DEFAULTS["charts"][cid]
        caption = figure.find(data_chart_caption=True)
        assert caption is not None and caption.text() == chart["caption_zh"]
        table = figure.find("details").find("table")
        assert table is not None, f"{cid}: no <details> data table"
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == len(chart["x"]["values"]), f"{cid}: one table row per x value"
        plot = figure.find(class_="ex-chart__plot")
        item = json.loads(figure.find("template", data_bokeh_item=True).text())
        assert item["target_id"] == plot.attrs["id"], f"{cid}: Bokeh item targets another element"


def test_element_ids_are_unique_on_a_page(built_pages):
    ids = [n.attrs["id"] for n in parse_html(built_pages["kitchen_sink"]).iter() if "id" in n.attrs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate element ids: {duplicates}"


def test_init_json_lists_the_charts_used_on_the_page(built_pages):
    tree = parse_html(built_pages["kitchen_sink"])
    init = json.loads(tree.find("template", data_explainer_init=True).text())
    assert init["charts"] == ["chart_toy_range", "chart_toy_per_person"]
    assert [p["name"] for p in init["spec"]] == list(SPEC)
    assert init["presets"] == model.PRESETS


def test_record_box_shows_status_sources_and_hides_unverified_numbers(built_pages):
    tree = parse_html(built_pages["kitchen_sink"])
    box = tree.find("aside", data_record="C2")
    assert box is not None and "ex-record--unverified" in box.attrs["class"]
    assert "未核实" in box.text() and "不显示数字" in box.text()
    verified = parse_html(built_pages["record"]).find_all("aside", data_record="C1")
    assert verified, "record C1 not rendered"
    assert all(box.find("a", href=True) for box in verified), "a C1 box has no source link"


def test_note_is_the_models_text_in_an_admonition(built_pages):
    note = parse_html(built_pages["kitchen_sink"]).find("aside", data_note="gross")
    assert note is not None and "admonition" in note.attrs["class"]
    assert model.NOTES["gross"] in note.text()
