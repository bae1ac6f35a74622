"""Helpers for the build-side tests: tiny MkDocs projects, real builds, a small HTML tree.

A test project is a temporary folder with its own `mkdocs.yml` that uses the
real plugin, the real Markdown extensions of the site and the real theme
overrides, plus a handful of pages. Builds run `mkdocs build --strict` in a
subprocess with this interpreter, exactly as `make build` does.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_src.plugin.check import read_config
from widgets import registry

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_SECONDS = 300
#: Small models of the build code's own tests (not essays), one module each.
FIXTURE_MODELS = PROJECT_ROOT / "tests" / "fixtures" / "models"
#: Where a test project keeps its own `widgets` package (first on its PYTHONPATH).
PROJECT_PYTHON = "python"

#: Elements that never have a closing tag.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


# --- projects and builds ------------------------------------------------------

def markdown_extensions_of_site():
    """The `markdown_extensions` list of the real mkdocs.yml (so tests render like the site)."""
    return read_config(PROJECT_ROOT / "mkdocs.yml")["markdown_extensions"]


def load_fixture_model(name):
    """A fixture model imported as a module of `widgets` (its `from .base import` work), without
    adding it to the package."""
    spec = importlib.util.spec_from_file_location(f"widgets.{name}", FIXTURE_MODELS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_models_package(root, models):
    """A `widgets` package under `root`: the real one's CORE modules, the fixture `models`, and
    a registry naming only those; returns the folder to put first on PYTHONPATH."""
    package = Path(root) / PROJECT_PYTHON / "widgets"
    package.mkdir(parents=True)
    source = Path(registry.__file__).parent
    for name in registry.CORE:
        shutil.copyfile(source / f"{name}.py", package / f"{name}.py")
    for name in models:
        shutil.copyfile(FIXTURE_MODELS / f"{name}.py", package / f"{name}.py")
    text = (source / "registry.py").read_text(encoding="utf-8")
    (package / "registry.py").write_text(re.sub(r"^MODELS = .*$", f"MODELS = {tuple(models)!r}", text,
                                                count=1, flags=re.M), encoding="utf-8")
    return package.parent


def write_project(root, pages, models=None):
    """Write a minimal MkDocs project using the real plugin, theme overrides and extensions.

    Args:
        root: Folder to create the project in.
        pages: {relative .md path: full source text (front matter included)}.
        models: Fixture model names (tests/fixtures/models) to build with instead of the
            essays' models.

    Returns:
        Path to the project's mkdocs.yml.
    """
    root = Path(root)
    if models:
        write_models_package(root, models)
    docs = root / "docs"
    for relative, source in pages.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    config = {
        "site_name": "测试站点",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False,
                  "custom_dir": str(PROJECT_ROOT / "site_src" / "overrides")},
        "plugins": [{"explainer": {"pyodide_dir": str(PROJECT_ROOT / "node_modules" / "pyodide")}}],
        "markdown_extensions": markdown_extensions_of_site(),
    }
    config_path = root / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return config_path


def run_python_module(module, args, cwd):
    """Run `python -m <module> <args>` with this interpreter; return the CompletedProcess.

    A project folder `cwd` with its own models package (write_project's `models`) imports it
    instead of the essays' `widgets`."""
    paths = [str(Path(cwd) / PROJECT_PYTHON)] if (Path(cwd) / PROJECT_PYTHON).is_dir() else []
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join([*paths, str(PROJECT_ROOT)]))
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS)


def mkdocs_build(config_path):
    """`mkdocs build --strict` of a test project; returns (CompletedProcess, site dir)."""
    config_path = Path(config_path)
    site_dir = config_path.parent / "site"
    completed = run_python_module("mkdocs", ["build", "--strict", "-f", str(config_path)],
                                  cwd=config_path.parent)
    return completed, site_dir


def build_output(completed):
    """stdout and stderr of a build, joined (MkDocs logs to stderr)."""
    return completed.stdout + completed.stderr


def page(body, model="nato_taxpayer", title=None):
    """A page source: front matter (model, optional title) and a dedented body."""
    meta = [f"model: {model}"] if model else []
    if title:
        meta.append(f"title: {title}")
    front = "---\n" + "\n".join(meta) + "\n---\n" if meta else ""
    return front + textwrap.dedent(body).lstrip("\n")


@pytest.fixture
def project(tmp_path):
    """A factory: project({path: source}) → mkdocs.yml of a fresh test project."""
    return lambda pages: write_project(tmp_path / "project", pages)


# --- a small HTML tree (stdlib only) ------------------------------------------

class Node:
    """One element of a parsed HTML document."""

    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    def iter(self):
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Elements below (and including) this one matching a tag and attribute values.

        An attribute given as True only has to be present; `class_` matches one class.
        """
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if all(_attr_matches(node, key, value) for key, value in attrs.items()):
                found.append(node)
        return found

    def find(self, tag=None, **attrs):
        """The first match of find_all, or None."""
        matches = self.find_all(tag, **attrs)
        return matches[0] if matches else None

    def text(self):
        """All text inside this element (scripts included), concatenated."""
        return "".join(child.text() if isinstance(child, Node) else child for child in self.children)

    def ancestors(self):
        """Parents up to the document root."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


def _attr_matches(node, key, value):
    """Whether `node` has attribute `key` (data_x → data-x) with `value` (True: present)."""
    if key == "class_":
        return value in node.attrs.get("class", "").split()
    name = key.replace("_", "-")
    if value is True:
        return name in node.attrs
    return node.attrs.get(name) == value


class _TreeBuilder(HTMLParser):
    """Builds a Node tree; tolerant of the unclosed <p>/<li> of real-world HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(k, "" if v is None else v) for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, [(k, "" if v is None else v) for k, v in attrs],
                                          self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text):
    """Parse HTML into a Node tree; returns the document node."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
