"""The browser runtime's files: where they come from and where they go in the site.

Nothing is fetched from a CDN. BokehJS comes from the installed `bokeh` wheel (the same
version that rendered the charts), Pyodide from the pinned npm package, the models from
`widgets/` as archives, and the engine's own library, compiled archives and snapshot from
`site_src/engine` (README, "The engine"). The big files live under versioned paths so they
can be cached forever; our small client files (client.py) keep stable names and are
cache-busted with a content hash in the query string.
"""

import dataclasses
import functools
import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import bokeh

from ..engine.job import Job
from ..engine.models import model_archives
from .client import BOOT_WORKER_URL, boot_script, client_files, digest, preloaded

#: Pyodide's files the engine loads (its standard library is ours: see site_src/engine).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
BOKEH_FILE = Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"


class AssetError(Exception):
    """A runtime file is missing; the message says how to get it."""


@dataclasses.dataclass
class Assets:
    """Planned runtime files: {site-relative path: bytes, a source Path, or a function that
    gives one of those once the engine's files are made (None: no such file)}."""

    files: dict
    urls: dict

    def copy_into(self, site_dir):
        """Write every planned file under `site_dir`."""
        for relative, source in self.files.items():
            if callable(source):
                source = source()
                if source is None:
                    continue
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, bytes):
                target.write_bytes(source)
            else:
                shutil.copyfile(source, target)


def plan(project_dir, config, wait=True):
    """Decide every runtime file and its URL (relative to the site root).

    Args:
        project_dir: Folder holding mkdocs.yml.
        config: The plugin's config.
        wait: Wait for the engine's files if Node is still making them (see engine.job.Job).

    Returns:
        Assets.

    Raises:
        AssetError: Pyodide is not installed in `config.pyodide_dir`.
    """
    pyodide_dir = project_dir / config.pyodide_dir
    if not (pyodide_dir / "pyodide.mjs").exists():
        raise AssetError(f"Pyodide not found in {pyodide_dir}: run `npm ci` (or `make build`, "
                         "which does it) so node_modules/pyodide exists")
    pyodide_version = json.loads((pyodide_dir / "package.json").read_text())["version"]
    files, urls = {}, {}
    pyodide_base = f"assets/pyodide/{pyodide_version}/"
    for name in PYODIDE_FILES:
        files[pyodide_base + name] = pyodide_dir / name
    urls["pyodide"] = pyodide_base
    bokeh_path = f"assets/bokeh/{bokeh.__version__}/bokeh.min.js"
    files[bokeh_path] = BOKEH_FILE
    urls["bokeh"] = bokeh_path
    archives = model_archives()
    engine = Job(project_dir / ".cache" / "engine", pyodide_dir, archives, key=pyodide_version, wait=wait)
    # Named like the engine's files it holds: new models, a new Pyodide (whose Python the
    # bytecode is for) or a new way of making them is a new folder, never a stale cache.
    models_dir = f"assets/explainer/models-{engine.digest[:10]}/"
    for name in archives:
        files[f"{models_dir}{name}.zip"] = functools.partial(engine.archive_source, name)
    urls["models"] = models_dir
    stdlib_path = f"{models_dir}stdlib-{pyodide_version}.zip"
    files[stdlib_path] = engine.stdlib_source
    snapshot_path = f"{models_dir}engine-{pyodide_version}.snapshot.gz"
    files[snapshot_path] = engine.snapshot_source
    client = client_files()
    for name, content in client.items():
        relative = f"assets/explainer/{name}"
        files[relative] = content
        stem, suffix = name.rsplit(".", 1)
        urls[f"{stem}_{suffix}"] = f"{relative}?v={digest(content)}"
    urls["preload"] = [urls[name.replace(".", "_")] for name in preloaded(client)]
    urls["boot"], urls["boot_worker_url"] = boot_script(), BOOT_WORKER_URL
    # The worker starts on its own (from the page's <head>): where Pyodide and the models are
    # travels in its URL, relative to the worker file, so it is one URL for every page.
    urls["worker_js"] += "&" + urlencode({
        "pyodide": f"../pyodide/{pyodide_version}/",
        "models": models_dir.removeprefix("assets/explainer/"),
        "stdlib": stdlib_path.removeprefix("assets/explainer/"),
        "snapshot": snapshot_path.removeprefix("assets/explainer/"),
        "names": ",".join(name for name in archives if name != "core"),
    })
    return Assets(files=files, urls=urls)
