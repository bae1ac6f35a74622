"""Every module in widgets/ runs unchanged in CPython 3.11 (build) and Pyodide's 3.14 (browser).

DESIGN §4: standard library only, no Bokeh; MODELS.md §0.1: no I/O, randomness or
global state. Float results must be bit-identical on both sides, so the builtin
sum() (compensated only from Python 3.12 on) is banned in favour of math.fsum.
"""

import ast
import sys
from pathlib import Path

import pytest

from widgets.registry import MODELS

WIDGETS = Path(__file__).resolve().parents[2] / "widgets"
MODULES = sorted(WIDGETS.glob("*.py"))
#: Standard-library modules a model may use; everything else is either I/O or impure.
ALLOWED = {"math", "functools", "importlib", "json", "dataclasses", "itertools"}
#: The JSON boundary (runtime.py) may import models by name; models themselves may not.
BOUNDARY = {"runtime.py"}
#: The widgets modules every model may import besides its own parts.
SHARED = {"base", "chartkit"}
#: Builtins that read, write or talk to the outside world; a model computes, nothing more.
IO_BUILTINS = {"open", "print", "input", "exec", "eval"}


def imports(tree):
    """Top-level names of every absolute import in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_only_standard_library(path):
    names = set(imports(ast.parse(path.read_text(encoding="utf-8"))))
    assert names <= set(sys.stdlib_module_names), f"{path.name} imports non-stdlib {names - set(sys.stdlib_module_names)}"
    allowed = ALLOWED if path.name in BOUNDARY else ALLOWED - {"importlib", "json"}
    assert names <= allowed, f"{path.name} imports {sorted(names - allowed)}; models stay pure (math only)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_builtin_sum(path):
    calls = [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sum"]
    assert not calls, f"{path.name} calls sum() on lines {calls}: use math.fsum (identical on 3.11 and 3.14)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_io_builtins(path):
    calls = sorted({node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in IO_BUILTINS})
    assert not calls, f"{path.name} calls {calls}"


def relative_imports(tree):
    """(level, module name) of every relative import in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            yield from ((node.level, name) for name in names)


@pytest.mark.parametrize("slug", MODELS)
def test_a_model_imports_only_the_shared_modules_and_its_own_parts(slug):
    """`<model>.py` and its `<model>_*.py` parts: what the model's archive follows, nothing else."""
    own = {slug} | {path.stem for path in WIDGETS.glob(f"{slug}_*.py")}
    for name in sorted(own):
        found = set(relative_imports(ast.parse((WIDGETS / f"{name}.py").read_text(encoding="utf-8"))))
        assert {level for level, _ in found} <= {1}, f"{name}.py imports from outside widgets/"
        strangers = {module for _, module in found} - SHARED - own
        assert not strangers, f"{name}.py imports {sorted(strangers)}: another model's modules?"
