"""The models archives: `core.zip` (the registry's CORE modules) and one zip per model of
`widgets.registry.MODELS` holding the model and every non-core module it imports."""

import ast
import hashlib
from pathlib import Path

from widgets import __path__ as _widgets_path
from widgets import registry

from .archive import zip_bytes

WIDGETS_DIR = Path(_widgets_path[0])


def _zip(paths):
    """A deterministic zip of widgets source files, stored as widgets/<name>."""
    return zip_bytes([(f"widgets/{path.name}", path.read_bytes()) for path in sorted(paths)])


def _sources():
    """{module name: path} of every widgets/*.py."""
    return {path.stem: path for path in sorted(WIDGETS_DIR.glob("*.py"))}


def widgets_imports(source):
    """Names of the widgets modules a module's source imports relatively (`from .x import`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module] if node.module else [alias.name for alias in node.names])
    return names


def _imported_by(name, sources, stop=()):
    """`name` and every widgets module it imports, directly or through another (not past `stop`)."""
    needed, todo = [], [name]
    while todo:
        module = todo.pop()
        if module in needed or module in stop or module not in sources:
            continue
        needed.append(module)
        todo.extend(sorted(widgets_imports(sources[module].read_bytes())))
    return needed


def model_archives():
    """{"core": zip, <model>: zip}: registry.CORE, then per model the model and every
    non-core module it imports, directly or through another."""
    sources = _sources()
    archives = {"core": _zip(sources[name] for name in registry.CORE)}
    # Sorted: the worker imports the models in the background in this order (their names
    # travel in its URL).
    for name in sorted(registry.MODELS):
        archives[name] = _zip(sources[module] for module in _imported_by(name, sources, registry.CORE))
    return archives


def import_order():
    """Every widgets module, each after the modules it imports (the order to reload them in)."""
    sources, order = _sources(), []

    def visit(name, path=()):
        if name in order or name in path or name not in sources:
            return
        for imported in sorted(widgets_imports(sources[name].read_bytes())):
            visit(imported, (*path, name))
        order.append(name)

    for name in sources:
        visit(name)
    return order


def models_digest():
    """A digest of the models' sources: it changes when any widgets/*.py changes."""
    return hashlib.sha256(_zip(_sources().values())).hexdigest()[:10]
