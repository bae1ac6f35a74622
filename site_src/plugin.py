"""The explainer MkDocs plugin: directives → pre-rendered live widgets."""

from mkdocs.plugins import BasePlugin

from .config import ExplainerConfig


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Validates directives, pre-renders models and ships the browser runtime."""
