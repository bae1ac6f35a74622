"""Every module in widgets/ runs unchanged in CPython 3.11 (build) and Pyodide's 3.14 (browser).

DESIGN §4: standard library only, no Bokeh; MODELS.md §0.1: no I/O, randomness or
global state. Float results must be bit-identical on both sides, so the builtin
sum() (compensated only from Python 3.12 on) is banned in favour of math.fsum.
"""

import ast
import sys
from pathlib import Path

import pytest

WIDGETS = Path(__file__).resolve().parents[2] / "widgets"
MODULES = sorted(WIDGETS.glob("*.py"))
#: Standard-library modules a model may use; everything else is either I/O or impure.
ALLOWED = {"math", "functools", "importlib", "json", "dataclasses", "itertools"}
#: The JSON boundary (runtime.py) may import models by name; models themselves may not.
BOUNDARY = {"runtime.py"}


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
