"""Runtime files: a deterministic models archive, and a clear error when Pyodide is missing."""

import io
import types
import zipfile
from pathlib import Path

import bokeh
import pytest

from site_src import assets

from .conftest import PROJECT_ROOT

WIDGETS_DIR = PROJECT_ROOT / "widgets"


def plugin_config(pyodide_dir):
    """The two plugin options plan() reads."""
    return types.SimpleNamespace(enabled=True, pyodide_dir=str(pyodide_dir))


def test_widgets_archive_is_byte_identical_across_calls():
    assert assets.widgets_archive() == assets.widgets_archive()


def test_widgets_archive_holds_every_model_source_and_nothing_else():
    archive = zipfile.ZipFile(io.BytesIO(assets.widgets_archive()))
    expected = sorted(f"widgets/{p.name}" for p in WIDGETS_DIR.glob("*.py"))
    assert sorted(archive.namelist()) == expected
    assert "widgets/__init__.py" in expected and "widgets/runtime.py" in expected
    for name in expected:
        assert archive.read(name) == (PROJECT_ROOT / name).read_bytes(), f"{name} differs from the source"
        assert archive.getinfo(name).date_time == assets.ZIP_DATE, "timestamps must not vary"


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
    archive_url = planned.urls["widgets"]
    assert planned.files[archive_url] == assets.widgets_archive()
    assert archive_url == assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide")).urls["widgets"], \
        "the archive name is a content hash: stable while the models do not change"


def test_plan_cache_busts_client_files_by_content(tmp_path):
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    client_files = sorted(p.name for p in assets.CLIENT_DIR.iterdir() if p.suffix in (".js", ".css"))
    assert client_files, "no client files"
    for name in client_files:
        url = planned.urls[name.replace(".", "_")]
        assert url.startswith(f"assets/explainer/{name}?v=")
    planned.copy_into(tmp_path)
    for relative, source in planned.files.items():
        written = (tmp_path / relative).read_bytes()
        assert written == (source if isinstance(source, bytes) else Path(source).read_bytes()), relative
