"""Options of the explainer plugin (flat, `enabled` first, like Material's plugins)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ExplainerConfig(Config):
    """`plugins: - explainer:` options in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    pyodide_dir = opt.Type(str, default="node_modules/pyodide")
    csp = opt.Type(bool, default=True)
