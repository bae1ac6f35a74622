"""Runtime files: where each goes, under which URL, and a clear error when Pyodide is missing."""

import io
import types
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import bokeh
import pytest

from site_src.engine.models import model_archives
from site_src.plugin import assets, client

from ..conftest import PROJECT_ROOT


def plugin_config(pyodide_dir):
    """The two plugin options plan() reads."""
    return types.SimpleNamespace(enabled=True, pyodide_dir=str(pyodide_dir))


def test_plan_fails_clearly_when_pyodide_is_missing(tmp_path):
    with pytest.raises(assets.AssetError) as error:
        assets.plan(tmp_path, plugin_config("node_modules/pyodide"))
    message = str(error.value)
    assert str(tmp_path / "node_modules" / "pyodide") in message
    assert "npm ci" in message


def test_plan_puts_big_files_under_versioned_paths():
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    assert planned.urls["bokeh"] == f"assets/bokeh/{bokeh.__version__}/bokeh.min.js"
    assert planned.urls["pyodide"].startswith("assets/pyodide/")
    assert planned.urls["pyodide"] + "pyodide.mjs" in planned.files
    models = planned.urls["models"]
    assert models == assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide")).urls["models"], \
        "the models folder is named by a content hash: stable while the models do not change"
    for name, archive in model_archives().items():
        shipped = planned.files[f"{models}{name}.zip"]()  # compiled by the engine's build step
        with zipfile.ZipFile(io.BytesIO(archive)) as sources, zipfile.ZipFile(shipped) as compiled:
            assert compiled.namelist() == [f"{member}c" for member in sources.namelist()]


def test_another_pyodide_gets_another_models_folder(tmp_path):
    """The archives hold bytecode of Pyodide's Python: a cached archive of another version
    must never be taken for this one's."""
    other = tmp_path / "pyodide"
    other.mkdir()
    (other / "pyodide.mjs").write_text("export {}")
    (other / "package.json").write_text('{"version": "999.0.0"}')
    this = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide")).urls["models"]
    that = assets.plan(tmp_path, plugin_config("pyodide")).urls["models"]
    assert this != that


def test_the_worker_url_says_where_pyodide_and_the_models_are():
    """The worker starts on its own: its URL, resolved against its own location, must name
    the planned Pyodide folder, the models folder and every model archive."""
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    worker = urljoin("https://example.org/", planned.urls["worker_js"])
    query = parse_qs(urlsplit(worker).query)
    pyodide = urljoin(worker, query["pyodide"][0]).removeprefix("https://example.org/")
    models = urljoin(worker, query["models"][0]).removeprefix("https://example.org/")
    assert pyodide == planned.urls["pyodide"] and pyodide + "pyodide.mjs" in planned.files
    assert models == planned.urls["models"]
    names = query["names"][0].split(",")
    assert sorted(names) == sorted(set(model_archives()) - {"core"})
    for name in ["core", *names]:
        assert f"{models}{name}.zip" in planned.files
    for made_by_node in ("stdlib", "snapshot"):
        path = urljoin(worker, query[made_by_node][0]).removeprefix("https://example.org/")
        assert path.startswith(models) and callable(planned.files[path]), made_by_node
    assert not any(path.endswith("python_stdlib.zip") for path in planned.files), \
        "the site ships Pyodide's stock standard library, which no page loads"


def test_plan_cache_busts_client_files_by_content(tmp_path):
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    client_files = sorted(client.client_files())
    assert "protocol.js" in client_files and "explainer.js" in client_files
    for name in client_files:
        url = planned.urls[name.replace(".", "_")]
        assert url.startswith(f"assets/explainer/{name}?v=")
    planned.copy_into(tmp_path)
    for relative, source in planned.files.items():
        if callable(source):
            source = source()
        written = (tmp_path / relative).read_bytes()
        assert written == (source if isinstance(source, bytes) else Path(source).read_bytes()), relative
