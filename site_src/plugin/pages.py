"""The model behind each page while it renders: its default state, computed once a build,
and the re-import of edited models under `mkdocs serve`."""

import dataclasses
import functools
import importlib
import itertools
import json
import subprocess
import sys
from pathlib import Path

from widgets import registry, runtime

from ..engine import models as model_sources
from . import check


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


def page_model(slug):
    """A fresh PageModel (its own element ids) over the cached default state."""
    state = _default_state(slug)
    model = runtime.load(slug)
    grouped = {}
    for entry in registry.record(model):
        grouped.setdefault(entry["id"], []).append(entry)
    return PageModel(slug=slug, model=model, state=state["evaluated"], flips=state["flips"],
                     records=grouped)


@functools.lru_cache(maxsize=None)
def _default_state(slug):
    """Evaluate a model once per build at its defaults (pages sharing a model reuse it)."""
    model = runtime.load(slug)
    evaluated = runtime.evaluate(model, {}, runtime.chart_ids(model))
    json.dumps(evaluated, allow_nan=False)
    return {"evaluated": evaluated, "flips": runtime.describe_flips(model, runtime.flips(model, {}))}


def last_commit_date(path):
    """YYYY-MM-DD of the last commit touching `path`, or None outside git (a source tarball)."""
    try:
        completed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path], capture_output=True,
                                   text=True, timeout=10, cwd=Path(path).parent)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() or None


#: Digest of widgets/*.py when the models were last imported (None before the first build).
_models_digest = None


def reload_models():
    """Re-import the models if their sources changed since the last build (`mkdocs serve`
    keeps modules imported between rebuilds), and only then drop what was computed from them.

    Reloading in place keeps every `from widgets import runtime` reference valid; each
    module is reloaded after the modules it imports, so it sees their fresh versions.
    """
    global _models_digest
    digest = model_sources.models_digest()
    if digest == _models_digest:
        return
    if _models_digest is not None:
        for name in model_sources.import_order():
            if f"widgets.{name}" in sys.modules:
                importlib.reload(sys.modules[f"widgets.{name}"])
    _models_digest = digest
    check.model_info.cache_clear()
    _default_state.cache_clear()
