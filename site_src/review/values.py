"""What readers see on every page of one tree, as JSON (run as a script inside that tree).

Usage: `python -I values.py <tree root>` prints
`{"pages": {page: {"title": …, "sections": {section: {key: {field: text}}}}}}`.

The script is self-contained (standard library + PyYAML) because it also runs against a
base ref whose `site_src` may be laid out differently; it only needs the tree's
`widgets.runtime`, its model modules, `content/*.md` and `mkdocs.yml`. Numbers and
sentences are the display strings the tree's own runtime produces at the page's defaults,
so the base ref's code computes the base ref's values.

Each section is one function in `SECTIONS` returning `{key: {field: text}}`; a new kind of
reader-facing value (scorecard lines, robustness shares) is one more function here.
"""

import functools
import importlib
import json
import re
import sys
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
BLOCK_HEAD = re.compile(r"^\s*///\s*(?P<name>explainer|record|aside)\s*\|\s*(?P<arg>.*?)\s*$")
BLOCK_END = re.compile(r"^\s*///\s*$")
INLINE = re.compile(r"`#!(?P<name>out|verdict)\s+(?P<arg>[^`\n]+)`")
#: The panel arguments of `/// explainer` (anything else names a chart).
PANELS = ("controls", "presets", "verdicts")


class Page:
    """One content page: its front matter, body, directives and (when it has one) its model."""

    def __init__(self, root, name):
        self.root, self.name = root, name
        self.source = (root / "content" / name).read_text(encoding="utf-8")
        match = FRONT_MATTER.match(self.source)
        self.meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        self.body = self.source[match.end():] if match else self.source
        self.blocks, self.inline = _scan(self.body)
        slug = self.meta.get("model")
        self.model = importlib.import_module(f"widgets.{slug}") if slug else None
        self.runtime = importlib.import_module("widgets.runtime") if slug else None

    def charts(self):
        """Chart ids the page places, in page order."""
        return [arg for name, arg, _ in self.blocks if name == "explainer" and arg not in PANELS]

    @functools.cached_property
    def state(self):
        """The runtime's answer at the defaults, with the page's charts (what the build writes)."""
        return self.runtime.evaluate(self.model, {}, self.charts())

    def shown(self, kind):
        """Output paths or verdict ids the page shows (every verdict with a verdict panel)."""
        found = [arg for name, arg in self.inline if name == kind]
        if kind == "verdict" and any(n == "explainer" and a == "verdicts" for n, a, _ in self.blocks):
            found += [v["id"] for v in self.state["verdicts"]]
        return list(dict.fromkeys(found))

    def controls(self):
        """Parameters with a slider on the page (a bare controls panel shows them all)."""
        names = []
        for name, arg, options in self.blocks:
            if name != "explainer":
                continue
            listed = [str(n) for n in options.get("controls") or []]
            names += listed or ([p["name"] for p in self.model.SPEC] if arg == "controls" else [])
        return list(dict.fromkeys(names))


def _scan(body):
    """([(block name, argument, options)], [(inline name, argument)]) of a page body."""
    blocks, inline, lines, index = [], [], body.split("\n"), 0
    while index < len(lines):
        head = BLOCK_HEAD.match(lines[index])
        if not head:
            inline += [(m.group("name"), m.group("arg").strip()) for m in INLINE.finditer(lines[index])]
            index += 1
            continue
        options = []
        index += 1
        while index < len(lines) and not BLOCK_END.match(lines[index]):
            options.append(lines[index].strip())
            index += 1
        parsed = yaml.safe_load("\n".join(options)) if any(options) else {}
        blocks.append((head.group("name"), head.group("arg"), parsed if isinstance(parsed, dict) else {}))
        index += 1
    return blocks, inline


# --- sections ---------------------------------------------------------------

def page_meta(page):
    """The page's title and description (front matter)."""
    return {key: {"text": str(page.meta.get(key, ""))} for key in ("title", "description")}


def defaults(page):
    """Every parameter's default as the control's note shows it, with its source."""
    value_text = getattr(page.runtime, "value_text", lambda p, v: f"{v} {p['unit']}".strip())
    return {p["name"]: {"label": p["label_zh"], "value": value_text(p, p["default"]),
                        "source": str(p["source"])} for p in page.model.SPEC}


def numbers(page):
    """Every live number the page shows (`#!out`), as displayed at the defaults."""
    shown = page.state["display"]
    labels = getattr(page.model, "OUTPUT_LABELS", {})
    return {path: {"label": labels.get(path, "模型"), "text": shown[path]} for path in page.shown("out")}


def verdicts(page):
    """Every verdict the page shows: its state (成立/不成立/无法判断) and sentence."""
    found = {v["id"]: v for v in page.state["verdicts"]}
    title = getattr(page.runtime, "verdict_title", lambda model, vid: vid)
    return {vid: {"label": title(page.model, vid), "holds": found[vid]["holds_zh"],
                  "text": found[vid]["text_zh"]} for vid in page.shown("verdict")}


def flips(page):
    """Where verdicts flip along each slider on the page (the sentence under the slider)."""
    names = page.controls()
    described = page.runtime.describe_flips(page.model, page.runtime.flips(page.model, {}, names))
    labels = {p["name"]: p["label_zh"] for p in page.model.SPEC}
    return {name: {"label": labels[name], "text": described[name]["text"] or "(none)"}
            for name in names}


def captions(page):
    """Each chart's title and caption at the defaults."""
    return {cid: {"label": chart["title_zh"], "text": chart["caption_zh"]}
            for cid, chart in page.state["charts"].items()}


def records(page):
    """Every public-record entry the page places, as its box shows it."""
    placed = [arg for name, arg, _ in page.blocks if name == "record"]
    found = {}
    for entry in _public_record(page.model):
        if entry["id"] not in placed:
            continue
        sources = "; ".join(f'{s["name"]} <{s["url"]}>' if s.get("url") else s["name"]
                            for s in entry.get("sources", []))
        found[entry.get("key", entry["id"])] = {
            "label": entry["claim_zh"], "status": entry["status"],
            "figure": entry.get("figure_zh") or "", "note": entry.get("note_zh") or "", "sources": sources}
    return found


def _public_record(model):
    """A model's public record: the `PUBLIC_RECORD` it holds, else its `<model>_record`
    module's (the layout before the model registry), else none."""
    if hasattr(model, "PUBLIC_RECORD"):
        return list(model.PUBLIC_RECORD)
    try:
        return list(importlib.import_module(f"{model.__name__}_record").PUBLIC_RECORD)
    except ModuleNotFoundError:
        return []


def presets(page):
    """Each preset: its label, the values it sets, and the page's numbers and verdicts under it."""
    labels = getattr(page.model, "PRESET_LABELS", {})
    spec = {p["name"]: p for p in page.model.SPEC}
    value_text = getattr(page.runtime, "value_text", lambda p, v: f"{v} {p['unit']}".strip())
    outputs, shown_verdicts = page.shown("out"), set(page.shown("verdict"))
    found = {}
    for name, params in page.model.PRESETS.items():
        state = page.runtime.evaluate(page.model, params)
        fields = {"label": labels.get(name, name)}
        fields.update({f"setting {p}": value_text(spec[p], v) for p, v in params.items()})
        fields.update({f"number {path}": state["display"][path] for path in outputs})
        fields.update({f"verdict {v['id']}": v["holds_zh"] for v in state["verdicts"]
                       if v["id"] in shown_verdicts})
        found[name] = fields
    return found


def essay_text(page, fidelity):
    """The page's reading text (directives and Markdown stripped) and its fidelity status."""
    text = fidelity.page_reading_text(page.source) if fidelity else _without_directives(page.body)
    return {"essay": {"text": text, "fidelity": fidelity_status(page, fidelity, text)}}


def _without_directives(body):
    """The body without directive blocks and inline directives (no fidelity module in the tree)."""
    kept, inside = [], False
    for line in body.split("\n"):
        if not inside and BLOCK_HEAD.match(line):
            inside = True
        elif inside:
            inside = not BLOCK_END.match(line)
        else:
            kept.append(line)
    return INLINE.sub("", "\n".join(kept)).strip()


#: What the tree's fidelity check (tests/content/test_fidelity.py) must offer to be used.
FIDELITY_API = ("page_reading_text", "squeeze", "find_missing_original_text", "find_unexplained_text")


def _fidelity_check():
    """The tree's fidelity-check module, or None when it has none with FIDELITY_API."""
    try:
        module = importlib.import_module("tests.content.test_fidelity")
    except ImportError:
        return None
    return module if all(hasattr(module, name) for name in FIDELITY_API) else None


def fidelity_status(page, fidelity, text):
    """"faithful" when the tree's fidelity check passes, else its first problem (or why unknown)."""
    slug = Path(page.name).stem
    original = page.root / "tests" / "fixtures" / "essays" / f"{slug}.txt"
    if not original.exists():
        return "no original (not an essay page)"
    if fidelity is None:
        return "cannot check: the tree has no usable tests/content/test_fidelity.py"
    wanted = fidelity.squeeze(original.read_text(encoding="utf-8").rstrip("\n"))
    allowed = next((p.allowed_additions for p in getattr(fidelity, "ESSAY_PAGES", ()) if p.slug == slug), ())
    problem = (fidelity.find_missing_original_text(text, wanted)
               or fidelity.find_unexplained_text(text, wanted, allowed))
    return "faithful" if problem is None else "NOT faithful: " + problem.splitlines()[0]


#: Section name → function(page) giving {key: {field: text}}; model pages get all of them.
SECTIONS = {"defaults": defaults, "numbers": numbers, "verdicts": verdicts, "flips": flips,
            "captions": captions, "records": records, "presets": presets}


# --- the tree ---------------------------------------------------------------

def page_names(root):
    """Pages in nav order, then any other content page (nav lists what readers can reach)."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    listed = list(dict.fromkeys(_nav_files(config.get("nav") or [])))
    others = sorted(p.name for p in (root / "content").glob("*.md") if p.name not in listed)
    return [name for name in listed if (root / "content" / name).exists()] + others


def _nav_files(nav):
    """Markdown files named anywhere in a nav tree."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    return []


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV` and `!!python/name:` tags as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def extract(root):
    """{"pages": {name: {"title", "model", "sections"}}} for the tree at `root`."""
    fidelity = _fidelity_check()
    pages = {}
    for name in page_names(root):
        page = Page(root, name)
        sections = {"page": page_meta(page)}
        if page.model is not None:
            sections.update({section: build(page) for section, build in SECTIONS.items()})
        sections["text"] = essay_text(page, fidelity)
        pages[name] = {"title": str(page.meta.get("title", name)), "model": page.meta.get("model"),
                       "sections": sections}
    return {"pages": pages}


def main(argv):
    """Print the tree's values as JSON; the tree's own `widgets` comes first on sys.path."""
    root = Path(argv[1]).resolve()
    sys.path.insert(0, str(root))
    widgets = importlib.import_module("widgets")
    if not Path(widgets.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"widgets was imported from {widgets.__file__}, not from {root}")
    json.dump(extract(root), sys.stdout, ensure_ascii=False, allow_nan=False, indent=1)


if __name__ == "__main__":
    main(sys.argv)
