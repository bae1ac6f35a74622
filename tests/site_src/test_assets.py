"""Runtime files: a deterministic models archive, and a clear error when Pyodide is missing."""

import gzip
import io
import types
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import bokeh
import pytest

from site_src import assets, snapshot

from .conftest import PROJECT_ROOT

WIDGETS_DIR = PROJECT_ROOT / "widgets"


def plugin_config(pyodide_dir):
    """The two plugin options plan() reads."""
    return types.SimpleNamespace(enabled=True, pyodide_dir=str(pyodide_dir))


def names_in(archive):
    return sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist())


def test_model_archives_are_byte_identical_across_calls():
    assert assets.model_archives() == assets.model_archives()


def test_core_archive_holds_the_shared_modules_and_needs_nothing_else():
    core = assets.model_archives()["core"]
    assert names_in(core) == sorted(f"widgets/{name}.py" for name in assets.CORE_MODULES)
    for name in assets.CORE_MODULES:
        imports = assets.widgets_imports((WIDGETS_DIR / f"{name}.py").read_bytes())
        assert imports <= set(assets.CORE_MODULES), f"core module {name} imports {imports}"


def test_each_model_archive_holds_the_model_and_everything_it_imports():
    archives = assets.model_archives()
    models = {p.stem for p in WIDGETS_DIR.glob("*.py") if "\nSPEC = " in p.read_text(encoding="utf-8")}
    assert set(archives) == {"core"} | models and len(models) == 5
    for model in models:
        shipped = {name.removeprefix("widgets/").removesuffix(".py")
                   for name in names_in(archives["core"]) + names_in(archives[model])}
        assert model in shipped
        for name in list(shipped):
            missing = assets.widgets_imports((WIDGETS_DIR / f"{name}.py").read_bytes()) - shipped
            assert not missing, f"{model}: {name} imports {missing}, which no archive of the page holds"


def test_archives_together_hold_every_source_unchanged():
    archives = assets.model_archives()
    shipped = {}
    for archive in archives.values():
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            for name in opened.namelist():
                shipped[name] = opened.read(name)
                assert opened.getinfo(name).date_time == assets.ZIP_DATE, "timestamps must not vary"
    assert sorted(shipped) == sorted(f"widgets/{p.name}" for p in WIDGETS_DIR.glob("*.py"))
    for name, data in shipped.items():
        assert data == (PROJECT_ROOT / name).read_bytes(), f"{name} differs from the source"


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
    for name, archive in assets.model_archives().items():
        assert planned.files[f"{models}{name}.zip"] == archive


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
    assert sorted(names) == sorted(set(assets.model_archives()) - {"core"})
    for name in ["core", *names]:
        assert f"{models}{name}.zip" in planned.files
    engine = urljoin(worker, query["snapshot"][0]).removeprefix("https://example.org/")
    assert engine.startswith(models) and isinstance(planned.files[engine], snapshot.Job)


def test_plan_cache_busts_client_files_by_content(tmp_path):
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    client_files = sorted(p.name for p in assets.CLIENT_DIR.iterdir() if p.suffix in (".js", ".css"))
    assert client_files, "no client files"
    for name in client_files:
        url = planned.urls[name.replace(".", "_")]
        assert url.startswith(f"assets/explainer/{name}?v=")
    planned.copy_into(tmp_path)
    for relative, source in planned.files.items():
        if isinstance(source, snapshot.Job):
            source = source.result()
        written = (tmp_path / relative).read_bytes()
        assert written == (source if isinstance(source, bytes) else Path(source).read_bytes()), relative


def test_the_engine_snapshot_holds_every_model_and_is_made_once(tmp_path):
    archives = assets.model_archives()
    job = snapshot.Job(tmp_path, PROJECT_ROOT / "node_modules/pyodide", archives, key="314")
    made = job.result()
    assert made is not None, job.problem
    memory = gzip.decompress(made.read_bytes())
    assert len(memory) > 10_000_000, "not a memory image"
    for name in archives:
        if name != "core":
            assert f"widgets.{name}".encode() in memory, f"{name} was not imported before the snapshot"
    stamp = made.stat().st_mtime_ns
    assert snapshot.Job(tmp_path, PROJECT_ROOT / "node_modules/pyodide", archives, key="314").result() == made
    assert made.stat().st_mtime_ns == stamp, "an unchanged snapshot was made again"
    changed = dict(archives, core=archives["core"] + b" ")
    other = snapshot.Job(tmp_path, PROJECT_ROOT / "node_modules/pyodide", changed, key="314")
    assert other.path != made, "changed models must not reuse the old snapshot"


def test_without_node_the_build_goes_on_and_says_why(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(snapshot.shutil, "which", lambda name: None)
    job = snapshot.Job(tmp_path, PROJECT_ROOT / "node_modules/pyodide", {"core": b"x"}, key="k")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.result() is None
    assert "Node.js is not on PATH" in caplog.text and "from scratch" in caplog.text
