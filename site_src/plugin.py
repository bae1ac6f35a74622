"""The explainer MkDocs plugin: directives → pre-rendered, live widgets.

Events, in the order MkDocs calls them:
`on_config` registers our Markdown extensions; `on_page_markdown` checks a
page's directives against its model and computes the default state;
`on_page_content` wraps the page in its `[data-model]` root; `on_env` tells the
theme where the runtime files are; `on_post_build` copies them into the site.
"""

import dataclasses
import functools
import importlib
import itertools
import json
import pkgutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from widgets import runtime
from widgets.base import SpecError, check_spec

from . import assets, directives, render
from .config import ExplainerConfig
from .markdown_ext import WidgetBlocksExtension, inline_formats

log = get_plugin_logger(__name__)


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

    # --- events ---------------------------------------------------------

    def on_config(self, config):
        """Register the directive extensions and the runtime's script and style.

        Args:
            config: The MkDocs config.

        Returns:
            The config, with our Markdown extensions added.
        """
        if not self.config.enabled:
            return config
        if "pymdownx.inlinehilite" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.inlinehilite")
        hilite = config.mdx_configs.setdefault("pymdownx.inlinehilite", {})
        hilite["custom_inline"] = list(hilite.get("custom_inline", [])) + inline_formats(self._current)
        config.markdown_extensions.append(WidgetBlocksExtension(self._current))
        try:
            self._assets = assets.plan(Path(config.config_file_path).parent, self.config)
        except assets.AssetError as error:
            raise PluginError(str(error)) from None
        return config

    def on_page_markdown(self, markdown, page, config, files):
        """Check the page's directives and compute its model's default state.

        Raises:
            PluginError: unknown model, or any bad directive (file:line: message).
        """
        self._page = None
        if not self.config.enabled:
            return markdown
        path = page.file.src_uri
        found, problems = directives.scan(markdown)
        slug = page.meta.get("model")
        if slug is None:
            if found or problems:
                raise PluginError(f"{path}: widget directives need a model: add `model: <slug>` "
                                  f"to the front matter (available: {', '.join(self._models())})")
            return markdown
        model = self._resolve_model(slug, path)
        info = self._resolve_info(slug, model)
        offset = self._front_matter_lines(page)
        problems = [(line + offset, message) for line, message in problems]
        try:
            directives.check([dataclasses.replace(d, line=d.line + offset) for d in found], info, path)
        except directives.DirectiveError as error:
            raise PluginError("\n" + directives.format_problems(path, problems) + "\n" + str(error)
                              if problems else "\n" + str(error)) from None
        if problems:
            raise PluginError("\n" + directives.format_problems(path, problems))
        self._page = self._render_state(slug, model, info)
        return markdown

    def on_page_content(self, html, page, config, files):
        """Wrap a model page in its single `[data-model]` root with its initial state."""
        current, self._page = self._page, None
        if current is None:
            return html
        init = {"spec": current.model.SPEC, "presets": current.model.PRESETS,
                "charts": current.charts_used}
        return render.root_open(current, init) + html + render.ROOT_CLOSE

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

    @staticmethod
    def _models():
        """Slugs of every model module in `widgets`."""
        import widgets

        return sorted(m.name for m in pkgutil.iter_modules(widgets.__path__)
                      if not m.name.endswith("_record") and m.name not in ("base", "runtime", "chartdata"))

    def _resolve_model(self, slug, path):
        """Import a model and check its SPEC, or fail naming the page."""
        if slug not in self._models():
            raise PluginError(f"{path}: front matter names unknown model \"{slug}\": "
                              f"{directives.did_you_mean(slug, self._models())}")
        model = runtime.load(slug)
        try:
            check_spec(model.SPEC)
        except SpecError as error:
            raise PluginError(f"widgets/{slug}.py: SPEC is inconsistent: {error}") from None
        return model

    @staticmethod
    @functools.lru_cache(maxsize=None)
    def _resolve_info(slug, model):
        """What directives may name in this model."""
        state = runtime.evaluate(model, {})
        records = importlib.import_module(f"widgets.{slug}_record").PUBLIC_RECORD
        return directives.ModelInfo(
            slug=slug, params={p["name"]: p for p in model.SPEC},
            charts=tuple(runtime.chart_ids(model)), outputs=tuple(state["outputs"]),
            verdicts=tuple(v["id"] for v in state["verdicts"]),
            records=tuple(entry["id"] for entry in records))

    @staticmethod
    def _front_matter_lines(page):
        """Lines taken by the front matter, so messages point at the source file's lines."""
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        if not source.startswith("---"):
            return 0
        end = source.find("\n---", 3)
        return source[:end].count("\n") + 2 if end != -1 else 0

    # --- render -----------------------------------------------------------

    @staticmethod
    def _render_state(slug, model, info):
        """The default state of a page: every chart, flips along every slider."""
        state = _default_state(slug)
        records = importlib.import_module(f"widgets.{slug}_record").PUBLIC_RECORD
        return PageModel(slug=slug, model=model, state=state["evaluated"], flips=state["flips"],
                         records={entry["id"]: entry for entry in records})


@functools.lru_cache(maxsize=None)
def _default_state(slug):
    """Evaluate a model once per build at its defaults (pages sharing a model reuse it)."""
    model = runtime.load(slug)
    evaluated = runtime.evaluate(model, {}, runtime.chart_ids(model))
    json.dumps(evaluated, allow_nan=False)
    return {"evaluated": evaluated, "flips": runtime.describe_flips(model, runtime.flips(model, {}))}
