"""The explainer MkDocs plugin: it only routes MkDocs' events to the modules that do the work.

Events, in the order MkDocs calls them:
`on_config` registers the directives' Markdown extensions (and re-imports edited models
under `mkdocs serve`) and plans the runtime files; `on_files` checks every page's
directives against its model before any page is rendered; `on_page_markdown` computes the
page's default state; `on_page_content` wraps the page in its `[data-model]` root;
`on_post_page`/`on_post_template` add the Content-Security-Policy; `on_env` tells the
theme where the runtime files are; `on_post_build` copies them.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import assets, check, csp, pages, render
from .blocks import WidgetBlocksExtension, inline_formats
from .config import ExplainerConfig


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Validates directives, pre-renders models and ships the browser runtime."""

    def __init__(self):
        self._page = None
        self._assets = None
        self._serving = False

    def on_startup(self, *, command, dirty):
        """Remember whether this is `mkdocs serve` (live reload needs an inline script; its
        rebuilds do not wait for the engine's files)."""
        self._serving = command == "serve"

    def on_config(self, config):
        """Register the directive extensions and plan the runtime's files.

        Args:
            config: The MkDocs config.

        Returns:
            The config, with our Markdown extensions added.
        """
        if not self.config.enabled:
            return config
        pages.reload_models()
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
        report = check.check_docs(config.docs_dir, [f.src_uri for f in files.documentation_pages()])
        if report:
            raise PluginError("\n" + report)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Compute the default state of the page's model (directives are already checked),
        and date the page by its last commit (Material shows `revision_date`)."""
        self._page = None
        updated = pages.last_commit_date(page.file.abs_src_path)
        if updated:
            page.meta.setdefault("revision_date", updated)
        slug = page.meta.get("model")
        if self.config.enabled and slug:
            self._page = pages.page_model(slug)
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
        if not self._with_policy():
            return output
        return csp.with_policy(output)

    def on_post_template(self, output_content, template_name, config):
        """The same policy for static HTML templates (404.html)."""
        if not template_name.endswith(".html") or not self._with_policy():
            return output_content
        return csp.with_policy(output_content)

    def on_env(self, env, config, files):
        """Expose the runtime's file names (and the worker's inline starter) to the theme."""
        env.globals["explainer"] = self._assets.urls if self._assets else {}
        return env

    def on_post_build(self, config):
        """Copy BokehJS, Pyodide, the models archives and our client files into the site."""
        if self._assets:
            self._assets.copy_into(Path(config.site_dir))

    def _current(self):
        """The PageModel of the page being rendered (for the Markdown extensions)."""
        return self._page

    def _with_policy(self):
        """Whether pages get a Content-Security-Policy (not under `mkdocs serve`)."""
        return self.config.enabled and self.config.csp and not self._serving
