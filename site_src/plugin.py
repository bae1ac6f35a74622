"""The explainer MkDocs plugin: directives → pre-rendered, live widgets.

Events, in the order MkDocs calls them:
`on_config` registers our Markdown extensions (and re-imports edited models
under `mkdocs serve`); `on_files` checks every page's directives against its
model before any page is rendered; `on_page_markdown` computes the page's
default state; `on_page_content` wraps the page in its `[data-model]` root;
`on_post_page`/`on_post_template` add the Content-Security-Policy; `on_env`
tells the theme where the runtime files are; `on_post_build` copies them.
"""

import dataclasses
import functools
import importlib
import itertools
import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from widgets import runtime

from . import assets, check, csp, render
from .config import ExplainerConfig
from .markdown_ext import WidgetBlocksExtension, inline_formats


@dataclasses.dataclass
class PageModel:
    """The model behind one page, with its default state, while that page renders."""

    slug: str
    model: object
    state: dict
    flips: dict
    records: dict
    charts_used: list = dataclasses.field(default_factory=list)
    _ids: itertools.count = dataclasses.field(default_factory=itertools.count)

    @property
    def params(self):
        """{name: descriptor} in SPEC order."""
        return {p["name"]: p for p in self.model.SPEC}

    def next_id(self, stem):
        """A unique element id on this page."""
        return f"ex-{stem.replace('.', '-')}-{next(self._ids)}"


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Validates directives, pre-renders models and ships the browser runtime."""

    def __init__(self):
        self._page = None
        self._assets = None
        self._serving = False

    # --- events ---------------------------------------------------------

    def on_startup(self, *, command, dirty):
        """Remember whether this is `mkdocs serve` (live reload needs an inline script; its
        rebuilds do not wait for the engine's files)."""
        self._serving = command == "serve"

    def on_config(self, config):
        """Register the directive extensions and the runtime's script and style.

        Args:
            config: The MkDocs config.

        Returns:
            The config, with our Markdown extensions added.
        """
        if not self.config.enabled:
            return config
        _reload_models()
        if "pymdownx.inlinehilite" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.inlinehilite")
        hilite = config.mdx_configs.setdefault("pymdownx.inlinehilite", {})
        hilite["custom_inline"] = list(hilite.get("custom_inline", [])) + inline_formats(self._current)
        config.markdown_extensions.append(WidgetBlocksExtension(self._current))
        try:
            # A preview's rebuild never waits for Node to remake the engine's files (~5 s after
            # a model edit): until they are made, its pages boot stock Pyodide.
            self._assets = assets.plan(Path(config.config_file_path).parent, self.config,
                                       wait=not self._serving)
        except assets.AssetError as error:
            raise PluginError(str(error)) from None
        return config

    def on_files(self, files, config):
        """Check every page and model before any page is rendered.

        Raises:
            PluginError: one `file:line: message` per problem, for all pages at once.
        """
        if not self.config.enabled:
            return files
        pages = [f.src_uri for f in files.documentation_pages()]
        report = check.check_docs(config.docs_dir, pages)
        if report:
            raise PluginError("\n" + report)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Compute the default state of the page's model (directives are already checked),
        and date the page by its last commit (Material shows `revision_date`)."""
        self._page = None
        updated = _last_commit_date(page.file.abs_src_path)
        if updated:
            page.meta.setdefault("revision_date", updated)
        slug = page.meta.get("model")
        if self.config.enabled and slug:
            self._page = _page_model(slug)
        return markdown

    def on_page_content(self, html, page, config, files):
        """Wrap a model page in its single `[data-model]` root with its initial state."""
        current, self._page = self._page, None
        if current is None:
            return html
        init = {"spec": current.model.SPEC, "presets": current.model.PRESETS,
                "charts": current.charts_used}
        return render.root_open(current, init) + html + render.ROOT_CLOSE

    def on_post_page(self, output, page, config):
        """Add the page's Content-Security-Policy (not under `mkdocs serve`, whose live-reload
        script is injected inline after this event)."""
        if not self.config.enabled or not self.config.csp or self._serving:
            return output
        return csp.with_policy(output)

    def on_post_template(self, output_content, template_name, config):
        """The same policy for static HTML templates (404.html)."""
        if not template_name.endswith(".html") or not self.config.enabled or not self.config.csp \
                or self._serving:
            return output_content
        return csp.with_policy(output_content)

    def on_env(self, env, config, files):
        """Expose the runtime's file names to the theme templates."""
        env.globals["explainer"] = self._assets.urls if self._assets else {}
        return env

    def on_post_build(self, config):
        """Copy BokehJS, Pyodide, the models archive and our client files into the site."""
        if self._assets:
            self._assets.copy_into(Path(config.site_dir))

    # --- resolve ----------------------------------------------------------

    def _current(self):
        """The PageModel of the page being rendered (for the Markdown extensions)."""
        return self._page


def _last_commit_date(path):
    """YYYY-MM-DD of the last commit touching `path`, or None outside git (a source tarball)."""
    import subprocess

    try:
        completed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], capture_output=True,
                                   text=True, timeout=10, cwd=Path(path).parent)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() or None


#: Digest of widgets/*.py when the models were last imported (None before the first build).
_models_digest = None


def _reload_models():
    """Re-import the models if their sources changed since the last build (`mkdocs serve`
    keeps modules imported between rebuilds), and only then drop what was computed from them.

    Reloading in place keeps every `from widgets import runtime` reference valid;
    base first, runtime last, so each module sees the fresh versions of what it imports.
    """
    import sys

    def rank(name):
        leaf = name.rsplit(".", 1)[-1]
        return {"base": 0, "chartdata": 1, "runtime": 4}.get(leaf, 2 if leaf.endswith("_record") else 3)

    global _models_digest
    digest = assets.models_digest()
    if digest == _models_digest:
        return
    if _models_digest is not None:
        for name in sorted((n for n in sys.modules if n.startswith("widgets.")), key=rank):
            importlib.reload(sys.modules[name])
    _models_digest = digest
    check.model_info.cache_clear()
    _default_state.cache_clear()


def _page_model(slug):
    """A fresh PageModel (its own element ids) over the cached default state."""
    state = _default_state(slug)
    records = importlib.import_module(f"widgets.{slug}_record").PUBLIC_RECORD
    grouped = {}
    for entry in records:
        grouped.setdefault(entry["id"], []).append(entry)
    return PageModel(slug=slug, model=runtime.load(slug), state=state["evaluated"],
                     flips=state["flips"], records=grouped)


@functools.lru_cache(maxsize=None)
def _default_state(slug):
    """Evaluate a model once per build at its defaults (pages sharing a model reuse it)."""
    model = runtime.load(slug)
    evaluated = runtime.evaluate(model, {}, runtime.chart_ids(model))
    json.dumps(evaluated, allow_nan=False)
    return {"evaluated": evaluated, "flips": runtime.describe_flips(model, runtime.flips(model, {}))}
