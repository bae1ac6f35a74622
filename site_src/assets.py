"""The browser runtime's files: where they come from and where they go in the site.

Nothing is fetched from a CDN. BokehJS comes from the installed `bokeh` wheel
(the same version that rendered the charts), Pyodide from the pinned npm
package (its standard library replaced by the engine's own, see engine_files),
the models from `widgets/` as zips: one "core" archive (the shared helpers and
the JSON boundary) and one per model, so a page fetches only what it runs
before it is interactive; the site ships them compiled by engine_files. The big
files live under versioned paths so they can be cached forever; our small client
files keep stable names and are cache-busted with a content hash in the query
string.
"""

import ast
import dataclasses
import functools
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import bokeh

from widgets import __path__ as _widgets_path

from . import engine_files
from .check import NOT_MODELS, models

CLIENT_DIR = Path(__file__).parent / "client"
#: Pyodide's files the engine loads (its standard library is ours: see engine_files).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
BOKEH_FILE = Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"
#: A fixed timestamp keeps the models archives byte-identical between builds.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
#: The widgets modules every model needs (the "core" archive): the package and its non-models.
CORE_MODULES = ("__init__", *NOT_MODELS)


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
        wait: Wait for the engine's files if Node is still making them (see engine_files.Job).

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
    engine = engine_files.Job(project_dir / ".cache" / "engine", pyodide_dir, archives, key=pyodide_version,
                              wait=wait)
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
        urls[f"{stem}_{suffix}"] = f"{relative}?v={_digest(content)}"
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


_IMPORT = re.compile(r'(from\s+"\./)([\w-]+\.js)(")')


def client_files():
    """Our client files, each relative import pinned to its target's content hash.

    `import … from "./protocol.js"` becomes `"./protocol.js?v=<hash>"`: a changed module
    is never taken from a stale cache, and the page's <link rel="modulepreload"> (which
    uses the same URLs) fetches exactly what the scripts import.
    """
    sources = {path.name: path.read_bytes() for path in sorted(CLIENT_DIR.iterdir())
               if path.suffix in (".js", ".css")}
    pinned = {}
    for name, content in sources.items():
        if name.endswith(".js"):
            text = _IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}?v={_digest(sources[m.group(2)])}"
                                         f"{m.group(3)}", content.decode("utf-8"))
            content = text.encode("utf-8")
        pinned[name] = content
    return pinned


def _zip(paths):
    """A deterministic zip of widgets source files, stored as widgets/<name>."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in sorted(paths):
            info = zipfile.ZipInfo(f"widgets/{source.name}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read_bytes())
    return buffer.getvalue()


def _widgets_sources():
    """{module name: path} of every widgets/*.py."""
    return {path.stem: path for path in sorted(Path(_widgets_path[0]).glob("*.py"))}


def widgets_imports(source):
    """Names of the widgets modules a module's source imports relatively (`from .x import`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module] if node.module else [alias.name for alias in node.names])
    return names


def model_archives():
    """{"core": zip, <model>: zip}: CORE_MODULES, then per model (see `check.models`) the
    model and every non-core module it imports, directly or through another."""
    sources = _widgets_sources()
    archives = {"core": _zip(sources[name] for name in CORE_MODULES)}
    for name in models():
        needed, todo = set(), [name]
        while todo:
            module = todo.pop()
            if module in needed or module in CORE_MODULES:
                continue
            needed.add(module)
            todo.extend(widgets_imports(sources[module].read_bytes()))
        archives[name] = _zip(sources[module] for module in needed)
    return archives


def models_digest():
    """A digest of the models' sources: it changes when any widgets/*.py changes."""
    return _digest(_zip(_widgets_sources().values()))


def _digest(data):
    """Short content hash for file names and cache busting."""
    return hashlib.sha256(data).hexdigest()[:10]
