"""Fixtures for the engine tests: the built site served with its CSP (and a request log, a
delay hook and the error hook), one Firefox and one WebKit per session, and `visit`.

Firefox ESR, WebKitWebDriver with MiniBrowser, and Xvfb come from Debian (`.ci/run`
installs them). Where one is missing its tests are skipped with a reason naming it
(`make test` runs pytest with -ra, which lists the reasons); in CI (`CI=true`) a missing
browser fails them instead.
"""

import functools
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from . import PROJECT_ROOT
from .drivers import Firefox, WebKit

ENGINES_DIR = Path(__file__).resolve().parent
HOOK_FILE = ENGINES_DIR / "hook.js"
HOOK_PATH = "/__engine-test/hook.js"
BLANK_PATH = "/__engine-test/blank.html"
FIREFOX = Path("/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = "Xvfb"
#: The snapshot's response is held this long: an engine that waited for it would be late.
SNAPSHOT_DELAY_S = 6.0
HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "engines: a page in Firefox or WebKit (skipped where the browser is not "
                   "installed; required when CI=true)")


def pytest_collection_modifyitems(items):
    for item in items:
        if ENGINES_DIR in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.engines)


def _site_serving():
    """The Chromium tests' static server parts (tests/ui/conftest.py): the one place to
    change if they move."""
    from ..conftest import CspHandler, _QuietServer, page_policy

    return CspHandler, _QuietServer, page_policy


def _require(*paths):
    """Skip (or, in CI, fail) the test unless every one of `paths` is installed."""
    missing = [str(path) for path in paths if not (Path(path).exists() or shutil.which(str(path)))]
    if not missing:
        return
    reason = f"not installed: {', '.join(missing)} (apt-get install firefox-esr webkit2gtk-driver xvfb)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the engine tests; {reason}", pytrace=False)
    pytest.skip(reason)


class Served:
    """What the test server was asked for: (ms since the epoch, path), in arrival order."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()

    def add(self, path):
        with self.lock:
            self.requests.append((time.time() * 1000, path))

    def between(self, start_ms, end_ms):
        """Paths asked for from `start_ms` to `end_ms` (ms since the epoch)."""
        with self.lock:
            return [path for at, path in self.requests if start_ms <= at <= end_ms]


def _engine_handler():
    """CspHandler plus the request log, the delay hook and the error hook (built lazily, so
    that a moved tests/ui/conftest.py breaks only these tests)."""
    CspHandler = _site_serving()[0]

    class EngineTestHandler(CspHandler):
        def do_GET(self):
            self.server.served.add(self.path)
            path = self.path.split("?", 1)[0]
            delay = next((seconds for suffix, seconds in self.server.delays.items() if path.endswith(suffix)), 0)
            if delay:
                time.sleep(delay)
            if path == HOOK_PATH:
                return self._send(HOOK_FILE.read_bytes(), "text/javascript")
            if path == BLANK_PATH:
                return self._send(b"<!doctype html><title>blank</title>", "text/html; charset=utf-8")
            file = Path(self.translate_path(path))
            if path.endswith("/") and (file / "index.html").is_file():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                script = f'<script src="{HOOK_PATH}"></script>'.encode()
                html = HEAD.sub(lambda head: head.group(0) + script, file.read_bytes(), count=1)
                return self._send(html, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body, content_type):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

    return EngineTestHandler


@pytest.fixture(scope="session")
def engine_server(built_site):
    """The built site on a free port of 127.0.0.1, as the Chromium tests serve it, with
    every request logged (`.served`), the snapshot's response delayed (`.delays`) and the
    error hook in every page; yields the server (its base URL in `.url`)."""
    _, QuietServer, page_policy = _site_serving()
    handler = functools.partial(_engine_handler(), directory=str(built_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    server.reference_policy = page_policy((Path(built_site) / "index.html").read_text(encoding="utf-8"))
    server.served = Served()
    server.delays = {".snapshot.gz": SNAPSHOT_DELAY_S}
    server.url = f"http://127.0.0.1:{server.server_port}/"
    threading.Thread(target=server.serve_forever, name="engine-test-server", daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def x_display():
    """An X display for WebKit: a private Xvfb (else $DISPLAY, else skipped or failed)."""
    if not shutil.which(XVFB) and os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    _require(XVFB)
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen([XVFB, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    if not number:
        xvfb.kill()
        pytest.fail("Xvfb did not start", pytrace=False)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=10)


@pytest.fixture(scope="session")
def firefox():
    """One Firefox ESR for the session (a new context per page)."""
    _require(FIREFOX, "node")
    browser = Firefox(FIREFOX, PROJECT_ROOT)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def webkit(request, engine_server):
    """One WebKitGTK MiniBrowser for the session, under Xvfb."""
    _require(WEBKIT_DRIVER, MINIBROWSER)
    display = request.getfixturevalue("x_display")
    browser = WebKit(WEBKIT_DRIVER, MINIBROWSER, display, engine_server.url.rstrip("/") + BLANK_PATH)
    yield browser
    browser.close()


@pytest.fixture(scope="session", params=["firefox", "webkit"])
def engine(request):
    """Each engine in turn (pytest runs every test of one before starting the other)."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def visit(engine):
    """`visit(url)` opens a cold visit in the engine; at teardown the test fails if any page
    it opened reported an error (read before the next page replaces it)."""
    problems, opened = [], []

    def take_errors():
        if opened:
            page = opened.pop()
            problems.extend(f"{page.url}: {text}" for text in page.errors())
            page.close()

    def open_page(url):
        take_errors()
        page = engine.open(url)
        page.url = url
        opened.append(page)
        return page

    yield open_page
    take_errors()
    if problems:
        pytest.fail(f"{engine.name}: the pages reported errors:\n" + "\n".join(problems), pytrace=False)
