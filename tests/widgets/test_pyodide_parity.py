"""Every model gives the same JSON in real Pyodide (Node + pinned npm package) as in CPython.

All cases of all models run in ONE Node process, because starting Pyodide
takes seconds. Without Node or `node_modules/pyodide` the tests skip on a
developer machine and fail in CI (CI=true), where a skip would hide a gap.
"""

import importlib
import json
import math
import os
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from widgets import registry

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("pyodide_runner.mjs")
PYODIDE_DIR = PROJECT_ROOT / "node_modules" / "pyodide"
RANDOM_COMPUTE_CASES = 25
RANDOM_CHART_CASES = 3
NODE_TIMEOUT_SECONDS = 600

#: Small calls into widgets.base: the formatting and validation every page relies on.
BASE_SMOKE_CASES = [
    {"module": "base", "function": "display", "args": [value, fmt]}
    for value, fmt in [(1234.5, "usd_bn"), (125, "usd_bn"), (12.345, "usd_bn"), (-0.0004, "pct"),
                       (0.597, "pct"), (1.6666666, "times"), (168.9, "bp"), (937.4, "usd"),
                       ([115, 135], "usd_bn"), (None, "pct"), (2.75, "usd_t"), (1e6 / 3, "num:2:人")]
] + [
    {"module": "base", "function": "validate",
     "args": [[{"name": "n", "unit": "", "default": 2, "min": 0, "max": 10, "step": 1,
                "integer": True, "log": False},
               {"name": "lo", "unit": "", "default": 1.5, "min": 0, "max": 5, "step": 0.1,
                "integer": False, "log": False},
               {"name": "hi", "unit": "", "default": 2.5, "min": 0, "max": 5, "step": 0.1,
                "integer": False, "log": False}],
              params, False, [["lo", "hi"]]]}
    for params in [{}, {"n": 4.0}, {"lo": 4.9, "hi": 0.1}, {"n": 99}, {"n": 2.5}, {"x": 1}]
] + [
    {"module": "base", "function": name, "args": args}
    for name, args in [("div", [1, 3]), ("div", [1, 1e-13]), ("ge", [1.0000000000000002, 1]),
                       ("gt", [1.0000000000000002, 1]), ("usd_bn_zh", [99.95])]
]


#: The models the site knows (a broken one fails its parity test rather than vanishing).
MODEL_MODULES = registry.MODELS


def _random_value(rng, descriptor):
    """One in-bounds value for a parameter, honouring `integer` and `log`."""
    low, high = descriptor["min"], descriptor["max"]
    if descriptor.get("integer"):
        return rng.randint(math.ceil(low), math.floor(high))
    if descriptor.get("log") and low > 0:
        return math.exp(rng.uniform(math.log(low), math.log(high)))
    return rng.uniform(low, high)


def _random_params(rng, spec):
    """A full params dict of random in-bounds values."""
    return {p["name"]: _random_value(rng, p) for p in spec}


def _model_cases(name):
    """Cases for one model: defaults, presets, random inputs, and every chart."""
    module = importlib.import_module(f"widgets.{name}")
    rng = random.Random(zlib.crc32(name.encode()))  # seeded per model: reruns see the same inputs
    compute_params = [{}] + list(getattr(module, "PRESETS", {}).values())
    compute_params += [_random_params(rng, module.SPEC) for _ in range(RANDOM_COMPUTE_CASES)]
    cases = [{"module": name, "function": "compute", "params": p} for p in compute_params]
    for chart in sorted(attr for attr in dir(module) if attr.startswith("chart_")):
        chart_params = [{}] + [_random_params(rng, module.SPEC) for _ in range(RANDOM_CHART_CASES)]
        cases += [{"module": name, "function": chart, "params": p} for p in chart_params]
    return cases


def _call_in_cpython(case):
    """The CPython twin of the runner's `_call`: return value or {"error": ...}."""
    module = importlib.import_module(f"widgets.{case['module']}")
    function = getattr(module, case["function"])
    try:
        if "params" in case:
            value = function(case["params"])
        else:
            value = function(*case.get("args", []), **case.get("kwargs", {}))
        json.dumps(value, allow_nan=False)
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
    return json.loads(json.dumps(value))


def _canonical(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _require_node_and_pyodide():
    """Skip (locally) or fail (in CI) when the Pyodide runner cannot start."""
    missing = []
    if shutil.which("node") is None:
        missing.append("`node` is not on PATH")
    if not (PYODIDE_DIR / "pyodide.mjs").is_file():
        missing.append(f"{PYODIDE_DIR.relative_to(PROJECT_ROOT)} is missing (run `npm ci`)")
    if not missing:
        return
    reason = "Pyodide parity cannot run: " + "; ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def parity_runs():
    """{module: [(case, cpython_result, pyodide_result), ...]} from one Node process."""
    _require_node_and_pyodide()
    groups = {"base": BASE_SMOKE_CASES}
    for name in MODEL_MODULES:
        groups[name] = _model_cases(name)
    all_cases = [case for cases in groups.values() for case in cases]
    completed = subprocess.run(
        ["node", str(RUNNER)], input=json.dumps(all_cases, allow_nan=False),
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=NODE_TIMEOUT_SECONDS)
    assert completed.returncode == 0, f"Pyodide runner failed:\n{completed.stderr[-4000:]}"
    pyodide_results = iter(json.loads(completed.stdout))
    return {name: [(case, _call_in_cpython(case), next(pyodide_results)) for case in cases]
            for name, cases in groups.items()}


def _first_difference(cpython, pyodide, path="$"):
    """JSON path and both values where two results first differ, or None."""
    if isinstance(cpython, dict) and isinstance(pyodide, dict):
        for key in sorted(set(cpython) | set(pyodide)):
            if key not in cpython or key not in pyodide:
                return f"{path}.{key}: only in {'CPython' if key in cpython else 'Pyodide'}"
            found = _first_difference(cpython[key], pyodide[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(cpython, list) and isinstance(pyodide, list):
        if len(cpython) != len(pyodide):
            return f"{path}: length {len(cpython)} in CPython, {len(pyodide)} in Pyodide"
        for index, (left, right) in enumerate(zip(cpython, pyodide)):
            found = _first_difference(left, right, f"{path}[{index}]")
            if found:
                return found
        return None
    if _canonical(cpython) != _canonical(pyodide):
        return f"{path}: CPython {_canonical(cpython)[:200]} / Pyodide {_canonical(pyodide)[:200]}"
    return None


def _mismatches(runs):
    """One line per case whose results differ, naming the first differing JSON path."""
    return [f"{case['function']}({json.dumps(case.get('params', case.get('args')))}): "
            f"{_first_difference(cpython, pyodide)}"
            for case, cpython, pyodide in runs if _canonical(cpython) != _canonical(pyodide)]


def test_base_helpers_match_in_pyodide(parity_runs):
    runs = parity_runs["base"]
    assert len(runs) == len(BASE_SMOKE_CASES)
    mismatches = _mismatches(runs)
    assert not mismatches, f"{len(mismatches)} of {len(runs)} cases differ:\n" + "\n".join(mismatches)
    # The smoke cases exercise both outcomes, so the runner's error path is covered too.
    assert any("error" in str(pyodide) for _, _, pyodide in runs)
    assert runs[0][2] == "1.23万亿美元"


@pytest.mark.parametrize("module_name", MODEL_MODULES)
def test_model_matches_in_pyodide(parity_runs, module_name):
    runs = parity_runs[module_name]
    functions = {case["function"] for case, _, _ in runs}
    assert "compute" in functions and any(f.startswith("chart_") for f in functions), \
        f"widgets.{module_name} should define compute() and at least one chart_*()"
    defaults_result = runs[0][1]
    assert "error" not in defaults_result, f"compute({{}}) failed in CPython: {defaults_result}"
    mismatches = _mismatches(runs)
    assert not mismatches, f"{len(mismatches)} of {len(runs)} cases differ:\n" + "\n".join(mismatches)


def test_installed_pyodide_matches_the_pin():
    _require_node_and_pyodide()
    pinned = json.loads((PROJECT_ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    installed = json.loads((PYODIDE_DIR / "package.json").read_text())["version"]
    assert installed == pinned, f"node_modules has pyodide {installed}, package.json pins {pinned}; run `npm ci`"
