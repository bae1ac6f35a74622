"""Runtime files: a deterministic models archive, and a clear error when Pyodide is missing."""

import gzip
import io
import types
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import bokeh
import pytest

from site_src import assets, engine_files

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
    assert sorted(names) == sorted(set(assets.model_archives()) - {"core"})
    for name in ["core", *names]:
        assert f"{models}{name}.zip" in planned.files
    for made_by_node in ("stdlib", "snapshot"):
        path = urljoin(worker, query[made_by_node][0]).removeprefix("https://example.org/")
        assert path.startswith(models) and callable(planned.files[path]), made_by_node
    assert not any(path.endswith("python_stdlib.zip") for path in planned.files), \
        "the site ships Pyodide's stock standard library, which no page loads"


def test_plan_cache_busts_client_files_by_content(tmp_path):
    planned = assets.plan(PROJECT_ROOT, plugin_config("node_modules/pyodide"))
    client_files = sorted(p.name for p in assets.CLIENT_DIR.iterdir() if p.suffix in (".js", ".css"))
    assert client_files, "no client files"
    for name in client_files:
        url = planned.urls[name.replace(".", "_")]
        assert url.startswith(f"assets/explainer/{name}?v=")
    planned.copy_into(tmp_path)
    for relative, source in planned.files.items():
        if callable(source):
            source = source()
        written = (tmp_path / relative).read_bytes()
        assert written == (source if isinstance(source, bytes) else Path(source).read_bytes()), relative


def test_the_engines_files_are_its_library_compiled_models_and_snapshot_made_once(tmp_path):
    archives = assets.model_archives()
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = engine_files.Job(tmp_path, pyodide_dir, archives, key="314")
    assert job.made(), job.problem
    with zipfile.ZipFile(job.stdlib_source()) as library, zipfile.ZipFile(pyodide_dir / "python_stdlib.zip") as stock:
        members = library.namelist()
        # Bytecode only: what Pyodide's boot and the models import, and nothing else.
        assert members and all(name.endswith(".pyc") for name in members)
        for needed in ("json/__init__.pyc", "functools.pyc", "importlib/__init__.pyc",
                       "asyncio/__init__.pyc", "pyodide/__init__.pyc"):
            assert needed in members, needed
        assert "email/__init__.pyc" not in members and len(members) < len(stock.namelist()) / 3
        assert {f"{name}c" for name in stock.namelist() if name.endswith(".py")} >= set(members)
    assert job.stdlib_source().stat().st_size < (pyodide_dir / "python_stdlib.zip").stat().st_size * 0.7
    for name, source in archives.items():
        with zipfile.ZipFile(io.BytesIO(source)) as sources, zipfile.ZipFile(job.archive_source(name)) as compiled:
            assert compiled.namelist() == [f"{member}c" for member in sources.namelist()], name
    memory = gzip.decompress(job.snapshot_source().read_bytes())
    assert len(memory) > 10_000_000, "not a memory image"
    for name in archives:
        if name != "core":
            assert f"widgets.{name}".encode() in memory, f"{name} was not imported before the snapshot"
    assert [path.name for path in tmp_path.iterdir()] == [job.digest], "Node's work folder was left"
    made = sorted(path for path in job.folder.rglob("*") if path.is_file())
    stamps = [path.stat().st_mtime_ns for path in made]
    again = engine_files.Job(tmp_path, pyodide_dir, archives, key="314")
    assert again.made() and again.folder == job.folder
    assert [path.stat().st_mtime_ns for path in made] == stamps, "unchanged files were made again"
    changed = dict(archives, core=archives["core"] + b" ")
    assert engine_files.Job(tmp_path, pyodide_dir, changed, key="314").folder != job.folder, \
        "changed models must not reuse the old files"


def test_a_model_the_engine_cannot_run_leaves_the_stock_library_and_says_why(tmp_path, caplog):
    archives = assets.model_archives()
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("widgets/broken.py", "import no_such_module_anywhere\n")
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = engine_files.Job(tmp_path, pyodide_dir, dict(archives, broken=broken.getvalue()), key="314")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip"
        assert job.snapshot_source() is None
        assert job.archive_source("core") == archives["core"], "the models' sources are shipped"
    assert "no_such_module_anywhere" in caplog.text and "stock library" in caplog.text
    assert caplog.text.count("were not made") == 1, "said more than once"
    assert not any(tmp_path.iterdir()), "a half-made file was left"


def test_a_preview_does_not_wait_for_the_engines_files_and_never_mixes_them(tmp_path, caplog):
    archives = assets.model_archives()
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = engine_files.Job(tmp_path, pyodide_dir, archives, key="314", wait=False)
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip", "the preview waited for Node"
    assert "Node is still making them: this build does not wait" in caplog.text
    job._maker._thread.join()
    # Made by now, but this build already ships the stock files: all of them.
    assert job.snapshot_source() is None and job.archive_source("core") == archives["core"]
    later = engine_files.Job(tmp_path, pyodide_dir, archives, key="314", wait=False)
    assert later.made() and later.stdlib_source() == later.folder / "stdlib.zip"


#: A model whose answer tells a compiled module from its source: the engine made from the
#: build's files answers unlike stock Pyodide, and the build must notice.
QUIRKY_MODEL = """
from .base import param, result, validate

SPEC = [param("x", "", 1, 0, 2, 1, "x", "x", "assumption")]
PRESETS = {}
OUTPUT_FORMATS = {"compiled": "num:0"}


def compute(params, strict=True):
    inputs, warnings = validate(SPEC, params, strict)
    return result(inputs, {"compiled": 1 if __file__.endswith(".pyc") else 0}, [], warnings)
"""


def test_an_engine_that_answers_unlike_stock_pyodide_is_not_shipped(tmp_path, caplog):
    quirky = io.BytesIO()
    with zipfile.ZipFile(quirky, "w") as archive:
        archive.writestr("widgets/quirky.py", QUIRKY_MODEL)
    archives = {"core": assets.model_archives()["core"], "quirky": quirky.getvalue()}
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = engine_files.Job(tmp_path, pyodide_dir, archives, key="314")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert not job.made()
    assert "the engine answered" in caplog.text and "quirky" in caplog.text and "unlike stock Pyodide" in caplog.text
    assert not any(tmp_path.iterdir()), "a half-made file was left"


def test_without_node_the_build_goes_on_and_says_why(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(engine_files.shutil, "which", lambda name: None)
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = engine_files.Job(tmp_path, pyodide_dir, {"core": b"x"}, key="k")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.snapshot_source() is None
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip"
        assert job.archive_source("core") == b"x"
    assert "Node.js is not on PATH" in caplog.text and "stock library" in caplog.text
