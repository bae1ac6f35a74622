"""Fixtures for the live-engine tests: URLs, route gates, axe-core, the fragment runner.

The shared fixtures (`built_site`, `site_server`, `browser`, `page` with its
`context_options` marker, `page_problems`, `expected_errors`) come from
tests/conftest.py and tests/ui/conftest.py; the ones here only add what those
do not offer.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from . import NATO_PATH

ENGINE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = ENGINE_DIR.parents[2]
FRAGMENT_RUNNER = ENGINE_DIR / "fragment_runner.mjs"
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def nato_url(site_server):
    """Absolute URL of the nato_taxpayer essay page."""
    return site_server + NATO_PATH


@pytest.fixture
def site_origin(site_server):
    """The site's origin, e.g. "http://127.0.0.1:8123"."""
    return site_server.rstrip("/")


class RouteGate:
    """Holds every request matching a pattern until `release()`; later ones pass at once.

    Lets a test act while a resource is deliberately still "on the network"
    (the Pyodide runtime, the page script) without sleeping: the gate decides
    when loading may go on.
    """

    def __init__(self, context, pattern):
        self.held = []
        self.released = False
        self.pattern = pattern
        context.route(pattern, self._on_route)

    def _on_route(self, route):
        if self.released:
            route.fallback()
        else:
            self.held.append(route)

    def release(self):
        """Let the held requests (and every later one) continue to the other routes."""
        self.released = True
        for route in self.held:
            route.fallback()
        self.held.clear()


@pytest.fixture
def route_gate():
    """`route_gate(context, pattern)` → a RouteGate registered on that context."""
    return RouteGate


@pytest.fixture
def axe_source():
    """Source of the pinned axe-core (node_modules/axe-core/axe.min.js)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (axe-core is a devDependency)",
                    pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


class FragmentRunner:
    """One `node fragment_runner.mjs` process answering JSON-line calls into fragment.js."""

    def __init__(self):
        self.process = subprocess.Popen(
            [shutil.which("node") or "node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
             str(FRAGMENT_RUNNER)], cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1)

    def call(self, function, *args):
        """Call an export of fragment.js; returns its value, or raises RuntimeError if it threw.

        Non-finite numbers in the answer come back as the strings "NaN",
        "Infinity" and "-Infinity" wrapped in {"$nonfinite": ...}.
        """
        self.process.stdin.write(json.dumps({"call": function, "args": args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("fragment_runner.mjs exited: " + self.process.stderr.read()[-2000:])
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"{function} threw: {answer['error']}")
        return answer["value"]

    def close(self):
        """End the Node process (closing stdin ends its read loop)."""
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def fragment_js():
    """A persistent Node process running site_src/client/fragment.js (see fragment_runner.mjs)."""
    if shutil.which("node") is None:
        pytest.fail("node is not installed; the fragment parser tests need it", pytrace=False)
    runner = FragmentRunner()
    yield runner
    runner.close()
