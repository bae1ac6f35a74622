"""The engine's build step: which requests it checks, which library modules it keeps, and
that the bytecode it writes imports and names its source file (run here under CPython; the
build runs the same module in Pyodide, see test_assets for that)."""

import json
import sys
import traceback
import zipfile

import pytest

from site_src.engine import probe as engine_probe
from widgets import protocol, registry, runtime

from ..conftest import PROJECT_ROOT

NAMES = list(registry.MODELS)


def test_the_requests_cover_every_chart_preset_and_slider_end_of_every_model():
    requests = [json.loads(request) for request in engine_probe.requests(NAMES)]
    for name in NAMES:
        model = runtime.load(name)
        mine = [request for request in requests if request["model"] == name]
        evaluated = [request["params"] for request in mine if request["kind"] == "evaluate"]
        assert {} in evaluated
        for preset in model.PRESETS.values():
            assert preset in evaluated
        for param in model.SPEC:
            assert {param["name"]: param["min"]} in evaluated and {param["name"]: param["max"]} in evaluated
        assert all(request["charts"] == runtime.chart_ids(model) for request in mine
                   if request["kind"] in ("evaluate", "tables"))
        assert {request["kind"] for request in mine} == set(protocol.REQUESTS)


def test_every_request_is_answered():
    requests = engine_probe.requests(["nato_taxpayer"])
    answers = engine_probe.answers(requests)
    assert answers and list(answers) == requests
    for request, answer in answers.items():
        assert json.loads(answer), request


@pytest.fixture()
def library(tmp_path, monkeypatch):
    """A small 'standard library' zip on sys.path, its modules forgotten afterwards."""
    source = tmp_path / "lib.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("probe_hello.py", "def fail():\n    raise ValueError('from hello')\n")
        archive.writestr("probe_pkg/__init__.py", "from . import inner\n")
        archive.writestr("probe_pkg/inner.py", "ANSWER = 42\n")
        archive.writestr("probe_unused.py", "X = 1\n")
    yield source
    for name in ("probe_hello", "probe_pkg", "probe_pkg.inner", "probe_unused"):
        sys.modules.pop(name, None)


def test_the_kept_members_are_those_imported_from_the_library(library, monkeypatch):
    monkeypatch.syspath_prepend(str(library))
    import probe_hello  # noqa: F401
    import probe_pkg  # noqa: F401
    assert engine_probe.stdlib_members(str(library)) == ["probe_hello.py", "probe_pkg/__init__.py",
                                                         "probe_pkg/inner.py"]


def test_the_compiled_library_imports_without_its_sources_and_names_them(library, tmp_path, monkeypatch):
    compiled = tmp_path / "compiled.zip"
    compiled.write_bytes(engine_probe.compiled_stdlib(
        ["probe_hello.py", "probe_pkg/__init__.py", "probe_pkg/inner.py"], str(library)))
    with zipfile.ZipFile(compiled) as archive:
        assert archive.namelist() == ["probe_hello.pyc", "probe_pkg/__init__.pyc", "probe_pkg/inner.pyc"]
    again = engine_probe.compiled_stdlib(["probe_hello.py", "probe_pkg/__init__.py", "probe_pkg/inner.py"],
                                         str(library))
    assert again == compiled.read_bytes(), "the same sources must give the same bytes"
    monkeypatch.syspath_prepend(str(compiled))
    import probe_hello
    import probe_pkg
    assert probe_pkg.inner.ANSWER == 42
    with pytest.raises(ValueError) as raised:
        probe_hello.fail()
    # A traceback names the source file as stock Pyodide's would.
    assert traceback.extract_tb(raised.value.__traceback__)[-1].filename == f"{library}/probe_hello.py"


def test_modules_imported_inside_functions_are_imported_too(tmp_path, monkeypatch):
    (tmp_path / "model.py").write_text("def later():\n    import colorsys\n    from xml.dom import minidom\n"
                                       "from . import sibling\n")
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    monkeypatch.delitem(sys.modules, "xml.dom.minidom", raising=False)
    engine_probe.import_named(tmp_path)
    assert "colorsys" in sys.modules and "xml.dom.minidom" in sys.modules


def test_the_models_import_only_what_pyodide_has():
    """Every absolute import in widgets/ is importable here (the build imports them in Pyodide)."""
    engine_probe.import_named(PROJECT_ROOT / "widgets")
