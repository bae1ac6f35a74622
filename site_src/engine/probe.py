"""What the engine's build step runs inside Pyodide (in Node, `engine.mjs`); CPython can run it too.

It lists the requests a page can send, notes which standard-library modules answering them
imports, and compiles those and the models archives to bytecode; the engine built from them
must answer every request as stock Pyodide does (README, "The engine").
"""

import ast
import importlib
import importlib._bootstrap_external as bytecode
import io
import json
import sys
import zipfile
from pathlib import Path

from .archive import zip_bytes

#: Where Pyodide mounts its standard library.
STDLIB_ZIP = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
#: Where the engine unpacks the models archives (its working directory).
HOME = "/home/pyodide"


def requests(names, package="widgets"):
    """The requests a page can send (each kind of the protocol's REQUESTS), for each named
    model: every chart and output at the defaults, at each preset and at each parameter's
    two ends; its tables; its flips along one slider (the scan is the same along every
    slider, and costs 48 answers a slider)."""
    runtime = importlib.import_module(f"{package}.runtime")
    kinds = importlib.import_module(f"{package}.protocol").REQUESTS
    found = []
    for name in names:
        model = runtime.load(name, package)
        for kind in kinds:
            found += [{"kind": kind, "model": name, **request} for request in _REQUESTS[kind](runtime, model)]
    return [json.dumps(request, sort_keys=True) for request in found]


def _evaluate_requests(runtime, model):
    charts = runtime.chart_ids(model)
    scenarios = [{}, *model.PRESETS.values()]
    scenarios += [{param["name"]: param[end]} for param in model.SPEC for end in ("min", "max")]
    return [{"params": params, "charts": charts} for params in scenarios]


def _tables_requests(runtime, model):
    return [{"params": {}, "charts": runtime.chart_ids(model)}]


def _flips_requests(runtime, model):
    return [{"params": {}, "names": [model.SPEC[0]["name"]]}]


#: Request kind → the probe's requests of that kind for one model (beyond kind and model).
_REQUESTS = {"evaluate": _evaluate_requests, "tables": _tables_requests, "flips": _flips_requests}


def answers(requests, package="widgets"):
    """{request: answer} for each of `requests`, as the engine's `runtime.handle` gives them."""
    handle = importlib.import_module(f"{package}.runtime").handle
    return {request: handle(request, package) for request in requests}


def import_named(folder):
    """Import every absolute module the .py files in `folder` name in an import statement,
    wherever it stands (a function may import what no page has needed yet)."""
    for path in sorted(Path(folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    importlib.import_module(alias.name)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                importlib.import_module(node.module)
                for alias in node.names:  # `from package import module`
                    submodule = f"{node.module}.{alias.name}"
                    try:
                        importlib.import_module(submodule)
                    except ModuleNotFoundError as error:
                        if error.name != submodule:  # else: a name the module defines
                            raise


def stdlib_members(stdlib_zip=STDLIB_ZIP):
    """The members of the standard library zip that the modules imported so far came from."""
    prefix = f"{stdlib_zip}/"
    return sorted({module.__file__.removeprefix(prefix) for module in list(sys.modules.values())
                   if (getattr(module, "__file__", None) or "").startswith(prefix)})


def compiled_stdlib(members, stdlib_zip=STDLIB_ZIP):
    """A zip of `members` of the standard library, each compiled to bytecode by this Python."""
    with zipfile.ZipFile(stdlib_zip) as source:
        return _bytecode_zip([(member, source.read(member)) for member in members], f"{stdlib_zip}/")


def compiled_archive(archive, home=HOME):
    """A models archive (zip bytes) with each module compiled to bytecode by this Python, for
    the engine to unpack into `home` and import without compiling."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return _bytecode_zip([(member, source.read(member)) for member in source.namelist()], f"{home}/")


def _bytecode_zip(sources, prefix):
    """A zip of [(member, Python source)], each stored as `<member>c`: bytecode that needs no
    source beside it (unchecked) and names `prefix + member` in a traceback, as the source would."""
    return zip_bytes([(f"{member}c", bytes(bytecode._code_to_hash_pyc(
        compile(source, prefix + member, "exec", dont_inherit=True), b"\0" * 8, checked=False)))
        for member, source in sources], compresslevel=9)
