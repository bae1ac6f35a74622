"""The engine's files made by Node: its library, compiled models and snapshot, made once and
cached; and every way of not making them, each leaving the stock files and saying why."""

import gzip
import io
import zipfile

from site_src.engine import job as job_module
from site_src.engine.job import Job
from site_src.engine.models import model_archives

from ..conftest import PROJECT_ROOT


def test_the_engines_files_are_its_library_compiled_models_and_snapshot_made_once(tmp_path):
    archives = model_archives()
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = Job(tmp_path, pyodide_dir, archives, key="314")
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
    again = Job(tmp_path, pyodide_dir, archives, key="314")
    assert again.made() and again.folder == job.folder
    assert [path.stat().st_mtime_ns for path in made] == stamps, "unchanged files were made again"
    changed = dict(archives, core=archives["core"] + b" ")
    assert Job(tmp_path, pyodide_dir, changed, key="314").folder != job.folder, \
        "changed models must not reuse the old files"


def test_a_model_the_engine_cannot_run_leaves_the_stock_library_and_says_why(tmp_path, caplog):
    archives = model_archives()
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("widgets/broken.py", "import no_such_module_anywhere\n")
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = Job(tmp_path, pyodide_dir, dict(archives, broken=broken.getvalue()), key="314")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip"
        assert job.snapshot_source() is None
        assert job.archive_source("core") == archives["core"], "the models' sources are shipped"
    assert "no_such_module_anywhere" in caplog.text and "stock library" in caplog.text
    assert caplog.text.count("were not made") == 1, "said more than once"
    assert not any(tmp_path.iterdir()), "a half-made file was left"


def test_a_preview_does_not_wait_for_the_engines_files_and_never_mixes_them(tmp_path, caplog):
    archives = model_archives()
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = Job(tmp_path, pyodide_dir, archives, key="314", wait=False)
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip", "the preview waited for Node"
    assert "Node is still making them: this build does not wait" in caplog.text
    job._maker._thread.join()
    # Made by now, but this build already ships the stock files: all of them.
    assert job.snapshot_source() is None and job.archive_source("core") == archives["core"]
    later = Job(tmp_path, pyodide_dir, archives, key="314", wait=False)
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
    archives = {"core": model_archives()["core"], "quirky": quirky.getvalue()}
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = Job(tmp_path, pyodide_dir, archives, key="314")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert not job.made()
    assert "the engine answered" in caplog.text and "quirky" in caplog.text and "unlike stock Pyodide" in caplog.text
    assert not any(tmp_path.iterdir()), "a half-made file was left"


def test_without_node_the_build_goes_on_and_says_why(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(job_module.shutil, "which", lambda name: None)
    pyodide_dir = PROJECT_ROOT / "node_modules/pyodide"
    job = Job(tmp_path, pyodide_dir, {"core": b"x"}, key="k")
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer"):
        assert job.snapshot_source() is None
        assert job.stdlib_source() == pyodide_dir / "python_stdlib.zip"
        assert job.archive_source("core") == b"x"
    assert "Node.js is not on PATH" in caplog.text and "stock library" in caplog.text
